/*
 * cmd_payroll.c — `dibao payroll run|list|show|lines|submit|rebuild|send-back|
 * approve|cancel`: paying the money (svc/payroll.h) from the command line —
 * building a period's roster (造册), each township submitting its part, the
 * county approving, sending back or cancelling, and reading runs and lines.
 *
 * --user NAME acts as that dibao account (required for every step, so the
 * timeline and the audit name the three people: township, county, payment).
 * Money is shown in 元.
 * Thread-safety: the command line is single-threaded.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "core/money.h"
#include "core/idcard.h"
#include "cli/cli.h"
#include "svc/payroll.h"
#include "svc/setup.h"

#include <inttypes.h>

#define USAGE                                                                                  \
	"dibao payroll run --user 用户名 --program dibao_urban|dibao_rural --period 2026-07\n"   \
	"                  [--county 县代码]                       (造册：按期生成补贴清册)\n"  \
	"       dibao payroll list [--user 用户名] [--county 县代码] [--program 项目]\n"          \
	"       dibao payroll show 批次ID [--user 用户名]\n"                                      \
	"       dibao payroll lines 批次ID [--user 用户名] [--township 乡镇代码] [--village 村代码]\n" \
	"                  [--status pending|paid|failed|void] [--q 户编号或姓名] [--limit N] [--offset N]\n" \
	"       dibao payroll submit 批次ID --user 用户名 --township 乡镇代码   (乡镇报送)\n"   \
	"       dibao payroll rebuild 批次ID --user 用户名 --township 乡镇代码  (重新造册)\n"   \
	"       dibao payroll send-back 批次ID --user 用户名 --township 乡镇代码 --reason 原因\n" \
	"       dibao payroll approve 批次ID --user 用户名                    (县局审批)\n"     \
	"       dibao payroll cancel 批次ID --user 用户名 --reason 原因         (导出前作废)"

struct opts {
	const char *user, *program, *period, *county, *township, *village, *status, *q, *reason;
	const char *arg;
	int64_t limit, offset;
};

static dib_code parse(int argc, char **argv, struct opts *o, dib_err *err)
{
#define T(f, field) { f, CLI_OPT_TEXT, offsetof(struct opts, field) }
#define I(f, field) { f, CLI_OPT_INT, offsetof(struct opts, field) }
	static const struct cli_opt t[] = {
		T("--user", user),         T("--program", program), T("--period", period),
		T("--county", county),     T("--township", township), T("--village", village),
		T("--status", status),     T("--q", q),             T("--reason", reason),
		I("--limit", limit),       I("--offset", offset),
	};
#undef T
#undef I
	return cli_opts_parse(argc, argv, 2, t, DIB_ARRAY_LEN(t), o, &o->arg, err);
}

static dib_code arg_id(const struct opts *o, int64_t *out, dib_err *err)
{
	char *end = NULL;
	long long v = o->arg ? strtoll(o->arg, &end, 10) : 0;
	if (!o->arg || end == o->arg || *end || v <= 0)
		return dib_err_set(err, DIB_EUSAGE, "请指明批次ID");
	*out = (int64_t)v;
	return DIB_OK;
}

static void print_totals(FILE *out, const char *label, const store_payroll_totals *t)
{
	char fen[32];
	fprintf(out, "%s%" PRId64 " 户 %" PRId64 " 人 %s 元（%" PRId64 " 行）\n", label, t->households,
		t->persons, money_format(t->total_fen, fen), t->lines);
}

static dib_code do_run(struct store *s, const struct opts *o, FILE *out, dib_arena *a,
		       dib_err *err)
{
	struct authz_subject w;
	const struct authz_subject *who;
	dib_code rc = cli_subject(s, o->user, true, a, &w, &who, err);
	struct payroll_build_req r = { .county = o->county, .program = o->program,
				       .period = o->period };
	struct payroll_build_result res;
	if (!rc)
		rc = payroll_build(s, who, o->user, &r, cli_today(), a, &res, err);
	if (rc)
		return rc;
	fprintf(out, "%s批次 %" PRId64 "\n", res.created ? "已造册：" : "本期已有批次，未重复造册：",
		res.run_id);
	print_totals(out, "控制数：", &res.declared);
	return DIB_OK;
}

static dib_code do_list(struct store *s, const struct opts *o, FILE *out, dib_arena *a,
			dib_err *err)
{
	struct authz_subject w;
	const struct authz_subject *who;
	dib_code rc = cli_subject(s, o->user, false, a, &w, &who, err);
	store_payroll_run *v = NULL;
	size_t n = 0;
	if (!rc)
		rc = payroll_list(s, who, o->county, o->program, a, &v, &n, err);
	if (rc)
		return rc;
	fprintf(out, "批次ID\t批次号\t项目\t期次\t类别\t状态\t户数\t人数\t金额(元)\n");
	for (size_t i = 0; i < n; i++) {
		char fen[32];
		fprintf(out, "%" PRId64 "\t%s\t%s\t%s\t%s\t%s\t%" PRId64 "\t%" PRId64 "\t%s\n", v[i].id,
			v[i].run_no, v[i].program, v[i].period, v[i].kind,
			payroll_state_name(v[i].state), v[i].declared.households,
			v[i].declared.persons, money_format(v[i].declared.total_fen, fen));
	}
	fprintf(out, "共 %zu 个批次\n", n);
	return DIB_OK;
}

static dib_code do_show(struct store *s, const struct opts *o, FILE *out, dib_arena *a,
			dib_err *err)
{
	int64_t id = 0;
	dib_code rc = arg_id(o, &id, err);
	struct authz_subject w;
	const struct authz_subject *who = NULL;
	if (!rc)
		rc = cli_subject(s, o->user, false, a, &w, &who, err);
	struct payroll_view v;
	if (!rc)
		rc = payroll_get(s, who, id, a, &v, err);
	if (rc)
		return rc;
	fprintf(out, "批次 %" PRId64 "（%s）%s %s %s，应于 %s 前发放到户\n", v.run.id, v.run.run_no,
		v.run.program, v.period_name, payroll_state_name(v.run.state), v.run.due_on);
	print_totals(out, "控制数：", &v.run.declared);
	print_totals(out, "清册合计：", &v.actual);
	fprintf(out, "控制数核对：%s\n", v.totals_ok ? "相符" : "不符");
	fprintf(out, "乡镇\t状态\t户数\t人数\t金额(元)\t报送人\t退回原因\n");
	for (size_t i = 0; i < v.nsections; i++) {
		const store_payroll_section *x = &v.sections[i];
		char fen[32];
		fprintf(out, "%s\t%s\t%" PRId64 "\t%" PRId64 "\t%s\t%s\t%s\n", x->township_name,
			payroll_section_state_name(x->state), x->declared.households,
			x->declared.persons, money_format(x->declared.total_fen, fen),
			x->submitted_by ? x->submitted_by : "", x->reason ? x->reason : "");
	}
	fprintf(out, "经过：\n");
	for (size_t i = 0; i < v.nevents; i++)
		fprintf(out, "  %s\t%s\t%s\t%s\t%s\n", v.events[i].at, v.events[i].action,
			v.events[i].actor, v.events[i].township ? v.events[i].township : "",
			v.events[i].reason ? v.events[i].reason : "");
	return DIB_OK;
}

static dib_code do_lines(struct store *s, const struct opts *o, FILE *out, dib_arena *a,
			 dib_err *err)
{
	int64_t id = 0;
	dib_code rc = arg_id(o, &id, err);
	struct authz_subject w;
	const struct authz_subject *who = NULL;
	if (!rc)
		rc = cli_subject(s, o->user, false, a, &w, &who, err);
	store_payroll_line_filter f = { .township = o->township, .village = o->village,
					.status = o->status, .q = o->q, .limit = o->limit,
					.offset = o->offset };
	store_payroll_line *v = NULL;
	size_t n = 0;
	int64_t total = 0;
	if (!rc)
		rc = payroll_lines(s, who, id, &f, a, &v, &n, &total, err);
	if (rc)
		return rc;
	fprintf(out, "户编号\t村(社区)\t领取人\t身份证号\t账号\t人数\t保障金\t分类施保\t合计\t状态\n");
	for (size_t i = 0; i < n; i++) {
		char base[32], add[32], tot[32], masked[IDCARD_LEN + 1];
		idcard_mask(v[i].payee_id_number, masked);
		fprintf(out, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\n", v[i].hh_no, v[i].village_name,
			v[i].payee_name, masked, v[i].bank_account ? v[i].bank_account : "（缺）",
			v[i].persons, money_format(v[i].base_fen, base),
			money_format(v[i].addon_fen, add), money_format(v[i].total_fen, tot),
			v[i].status);
	}
	fprintf(out, "共 %" PRId64 " 行，显示 %zu 行\n", total, n);
	return DIB_OK;
}

int cmd_payroll(struct cli_ctx *ctx, int argc, char **argv)
{
	static const char *const subs[] = { "run",     "list",      "show",    "lines", "submit",
					    "rebuild", "send-back", "approve", "cancel" };
	size_t which = DIB_ARRAY_LEN(subs);
	for (size_t i = 0; argc >= 2 && i < DIB_ARRAY_LEN(subs); i++)
		if (!strcmp(argv[1], subs[i]))
			which = i;
	if (which == DIB_ARRAY_LEN(subs))
		return cli_usage(ctx, USAGE);
	dib_err err;
	dib_err_clear(&err);
	struct opts o;
	memset(&o, 0, sizeof o);
	dib_code rc = parse(argc, argv, &o, &err);
	struct store *s = NULL;
	if (!rc)
		rc = setup_open(ctx->db_url, true, &s, &err);
	dib_arena a;
	dib_arena_init(&a, 65536, 256u << 20);
	struct authz_subject w;
	const struct authz_subject *who = NULL;
	int64_t id = 0;
	if (!rc && which >= 4)
		rc = arg_id(&o, &id, &err);
	if (!rc && which >= 4)
		rc = cli_subject(s, o.user, true, &a, &w, &who, &err);
	if (rc) {
		/* nothing more */
	} else if (which == 0) {
		rc = do_run(s, &o, ctx->out, &a, &err);
	} else if (which == 1) {
		rc = do_list(s, &o, ctx->out, &a, &err);
	} else if (which == 2) {
		rc = do_show(s, &o, ctx->out, &a, &err);
	} else if (which == 3) {
		rc = do_lines(s, &o, ctx->out, &a, &err);
	} else if (which == 4) {
		rc = payroll_submit(s, who, o.user, id, o.township, &err);
		if (!rc)
			fprintf(ctx->out, "批次 %" PRId64 "：%s 的清册已报送\n", id, o.township);
	} else if (which == 5) {
		rc = payroll_rebuild(s, who, o.user, id, o.township, cli_today(), &a, &err);
		if (!rc)
			fprintf(ctx->out, "批次 %" PRId64 "：%s 已按当前档案重新造册\n", id, o.township);
	} else if (which == 6) {
		rc = payroll_send_back(s, who, o.user, id, o.township, o.reason, &err);
		if (!rc)
			fprintf(ctx->out, "批次 %" PRId64 "：%s 的清册已退回\n", id, o.township);
	} else if (which == 7) {
		rc = payroll_approve(s, who, o.user, id, &err);
		if (!rc)
			fprintf(ctx->out, "批次 %" PRId64 " 已审批\n", id);
	} else {
		rc = payroll_cancel(s, who, o.user, id, o.reason, &err);
		if (!rc)
			fprintf(ctx->out, "批次 %" PRId64 " 已作废\n", id);
	}
	dib_arena_release(&a);
	if (s)
		setup_close(s);
	if (rc == DIB_EUSAGE) {
		fprintf(ctx->err, "dibao: %s\n", err.msg);
		return cli_usage(ctx, USAGE);
	}
	return rc ? cli_fail(ctx, &err) : CLI_OK;
}
