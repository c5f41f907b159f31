/*
 * cmd_payroll_recover.c — `dibao payroll overpayment|overpayments|repay|
 * account`: overpayments (应追缴) and their recovery from the command line
 * (svc/payroll.h, "overpayments and their recovery"), and a household's
 * account month by month (due, paid, owed, overpaid, recovered). Reached
 * through cmd_payroll, which hands these subcommands over.
 *
 * Money is typed and shown in 元; --user NAME acts as that account
 * (required for the writes, so the audit names who recorded what).
 * Thread-safety: the command line is single-threaded.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "util/time.h"
#include "core/money.h"
#include "cli/cli.h"
#include "svc/audit_query.h"
#include "svc/payroll.h"

#include <inttypes.h>
#include <string.h>

#define USAGE                                                                                   \
	"dibao payroll overpayment add --user 用户名 --household 家庭ID [--person 人员ID]\n"       \
	"                  --program 项目 --period 期次 --amount 元 --reason fraud|recompute|other\n" \
	"                  --plan deduct|repay --note 事由                (登记应追缴)\n"          \
	"       dibao payroll overpayment show ID [--user 用户名]\n"                                 \
	"       dibao payroll overpayment plan ID --user 用户名 --plan deduct|repay  (改追缴方式)\n" \
	"       dibao payroll overpayment waive ID --user 用户名 --reason 理由 --doc 文号  (核销)\n" \
	"       dibao payroll overpayments [--user 用户名] [--county 县代码] [--household 家庭ID] [--open]\n" \
	"                  [--limit N] [--offset N]\n"                                                \
	"       dibao payroll repay --user 用户名 --overpayment ID --amount 元 --receipt 收据号\n"   \
	"                  [--date 收据日期]                              (登记退款)\n"            \
	"       dibao payroll account --household 家庭ID [--user 用户名]     (家庭逐月发放与追缴)"

struct opts {
	const char *user, *county, *program, *period, *amount, *reason, *plan, *note, *receipt, *date,
		*doc;
	int64_t household, person, overpayment, limit, offset;
	bool open;
	const char *arg;
};

static dib_code parse(int argc, char **argv, int first, struct opts *o, dib_err *err)
{
#define T(f, field) { f, CLI_OPT_TEXT, offsetof(struct opts, field) }
#define I(f, field) { f, CLI_OPT_INT, offsetof(struct opts, field) }
	static const struct cli_opt t[] = {
		T("--user", user),       T("--county", county),   T("--program", program),
		T("--period", period),   T("--amount", amount),   T("--reason", reason),
		T("--plan", plan),       T("--note", note),       T("--receipt", receipt),
		T("--date", date),       T("--doc", doc),         I("--household", household),
		I("--person", person),
		I("--overpayment", overpayment), I("--limit", limit), I("--offset", offset),
		{ "--open", CLI_OPT_FLAG, offsetof(struct opts, open) },
	};
#undef T
#undef I
	return cli_opts_parse(argc, argv, first, t, DIB_ARRAY_LEN(t), o, &o->arg, err);
}

/* --amount in 元 as fen. */
static dib_code amount_of(const struct opts *o, dib_fen *out, dib_err *err)
{
	if (!o->amount)
		return dib_err_set(err, DIB_EUSAGE, "请用 --amount 指明金额（元）");
	return money_parse(o->amount, strlen(o->amount), false, out, err);
}

static const char *state_of(const store_overpayment_row *r)
{
	if (!r->o.closed_on[0])
		return "追缴中";
	if (r->o.closed_reason && !strcmp(r->o.closed_reason, "waived"))
		return "已核销";
	if (r->o.closed_reason && !strcmp(r->o.closed_reason, "netted"))
		return "已冲销";
	return "已结清";
}

static void print_row(FILE *out, const store_overpayment_row *r)
{
	char a[MONEY_STR], c[MONEY_STR], p[MONEY_STR], l[MONEY_STR], x[MONEY_STR];
	fprintf(out, "%" PRId64 "\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r->o.id,
		r->hh_no, r->person_name ? r->person_name : "", r->o.program, r->o.period,
		money_format(r->o.amount_fen, a), money_format(r->recovered_fen, c),
		money_format(r->pending_fen, p), money_format(r->cancelled_fen, x),
		money_format(r->o.closed_on[0] ? 0 : r->outstanding_fen, l),
		payroll_overpayment_reason_name(r->o.reason), payroll_overpayment_plan_name(r->o.plan),
		state_of(r));
}

#define ROW_HEADER                                                                          \
	"ID\t户编号\t人员\t项目\t期次\t应追缴(元)\t已追回(元)\t在途扣减(元)\t冲销核销(元)\t尚欠(元)" \
	"\t原因\t方式\t状态\n"

static dib_code do_list(struct store *s, const struct authz_subject *who, const struct opts *o,
			FILE *out, dib_arena *a, dib_err *err)
{
	struct payroll_overpayment_filter f = { .county = o->county, .household_id = o->household,
						.open_only = o->open, .limit = o->limit,
						.offset = o->offset };
	store_overpayment_row *v = NULL;
	size_t n = 0;
	int64_t total = 0;
	dib_code rc = payroll_overpayments(s, who, &f, a, &v, &n, &total, err);
	if (rc)
		return rc;
	fputs(ROW_HEADER, out);
	dib_fen left = 0;
	for (size_t i = 0; i < n; i++) {
		print_row(out, &v[i]);
		left += v[i].o.closed_on[0] ? 0 : v[i].outstanding_fen;
	}
	char l[MONEY_STR];
	fprintf(out, "共 %" PRId64 " 笔，显示 %zu 笔，尚欠合计 %s 元\n", total, n, money_format(left, l));
	return DIB_OK;
}

static dib_code do_show(struct store *s, const struct authz_subject *who, int64_t id, FILE *out,
			dib_arena *a, dib_err *err)
{
	struct payroll_overpayment_view v;
	dib_code rc = payroll_overpayment_get(s, who, id, a, &v, err);
	if (rc)
		return rc;
	fputs(ROW_HEADER, out);
	print_row(out, &v.row);
	fprintf(out, "事由：%s\n", v.row.o.note ? v.row.o.note : "");
	char at[DIB_TIME_UTC_SIZE]; /* Beijing time, as `payroll show` prints */
	fprintf(out, "登记：%s %s%s%s\n",
		v.row.o.created_at ? audit_export_time(v.row.o.created_at, at, sizeof at) : "",
		v.row.o.created_by,
		v.row.o.closed_on[0] ? "；结清：" : "", v.row.o.closed_on);
	if (v.row.cancelled_fen > v.row.waived_fen) {
		char f[MONEY_STR];
		fprintf(out, "冲销：%s 元（调标恢复，不再追缴）\n",
			money_format(v.row.cancelled_fen - v.row.waived_fen, f));
	}
	if (v.row.waived_fen > 0) {
		char f[MONEY_STR];
		fprintf(out, "核销：%s 元，文号 %s，理由：%s\n", money_format(v.row.waived_fen, f),
			v.row.waiver_doc ? v.row.waiver_doc : "",
			v.row.waiver_reason ? v.row.waiver_reason : "");
	}
	fprintf(out, "追回：\n");
	for (size_t i = 0; i < v.nrecoveries; i++) {
		const store_recovery *r = &v.recoveries[i];
		char f[MONEY_STR];
		if (!strcmp(r->kind, "repayment"))
			fprintf(out, "  退款\t%s 元\t收据 %s\t%s\t%s\n", money_format(r->amount_fen, f),
				r->receipt_no ? r->receipt_no : "", r->paid_on, r->actor);
		else
			fprintf(out, "  扣减\t%s 元\t批次 %s 期次 %s\t%s\n", money_format(r->amount_fen, f),
				r->run_no ? r->run_no : "", r->line_period ? r->line_period : "",
				!r->line_status                      ? ""
				: !strcmp(r->line_status, "paid")    ? "已发放，已计入"
				: !strcmp(r->line_status, "pending") ? "待银行处理，未计入"
								     : "未发放，不计入");
	}
	return DIB_OK;
}

static dib_code do_account(struct store *s, const struct authz_subject *who, const struct opts *o,
			   FILE *out, dib_arena *a, dib_err *err)
{
	if (!o->household)
		return dib_err_set(err, DIB_EUSAGE, "请用 --household 指明家庭ID");
	struct payroll_household_view v;
	dib_code rc = payroll_household(s, who, o->household, cli_today(), a, &v, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < v.naccounts; i++) {
		const struct payroll_account *x = &v.accounts[i];
		fprintf(out, "%s\n月份\t应发\t实发\t在途\t失败\t欠发\t多发追缴\t追回\n", x->program_name);
		for (size_t k = 0; k < x->nmonths; k++) {
			const struct payroll_month *m = &x->months[k];
			char mm[DIB_MONTH_STR], b[8][MONEY_STR];
			fprintf(out, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", month_format(m->month, mm),
				money_format(m->due_fen, b[0]), money_format(m->paid_fen, b[1]),
				money_format(m->pending_fen, b[2]), money_format(m->failed_fen, b[3]),
				money_format(m->owed_fen, b[4]), money_format(m->overpaid_fen, b[5]),
				money_format(m->recovered_fen, b[6]));
		}
		char b[9][MONEY_STR];
		fprintf(out, "合计\t%s\t%s\t%s\t%s\t%s\n", money_format(x->due_fen, b[0]),
			money_format(x->paid_fen, b[1]), money_format(x->pending_fen, b[2]),
			money_format(x->failed_fen, b[3]), money_format(x->owed_fen, b[4]));
		fprintf(out, "应追缴 %s 元，已追回 %s 元，在途扣减 %s 元，尚欠 %s 元",
			money_format(x->overpaid_fen, b[5]), money_format(x->recovered_fen, b[6]),
			money_format(x->recovering_fen, b[7]), money_format(x->outstanding_fen, b[8]));
		if (x->cancelled_fen)
			fprintf(out, "（冲销核销 %s 元）", money_format(x->cancelled_fen, b[0]));
		fputc('\n', out);
	}
	if (!v.naccounts)
		fprintf(out, "该家庭没有发放记录\n");
	return DIB_OK;
}

int cmd_payroll_recover(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *sub = argc >= 2 ? argv[1] : "";
	const char *verb = !strcmp(sub, "overpayment") && argc >= 3 ? argv[2] : "";
	bool known = !strcmp(sub, "overpayments") || !strcmp(sub, "repay") ||
		     !strcmp(sub, "account") || !strcmp(verb, "add") || !strcmp(verb, "show") ||
		     !strcmp(verb, "plan") || !strcmp(verb, "waive");
	if (!known)
		return cli_usage(ctx, USAGE);
	bool writes = !strcmp(sub, "repay") || !strcmp(verb, "add") || !strcmp(verb, "plan") ||
		      !strcmp(verb, "waive");
	struct cli_work wk;
	struct opts o;
	memset(&o, 0, sizeof o);
	cli_work_init(&wk, 256u << 20);
	dib_code rc = parse(argc, argv, verb[0] ? 3 : 2, &o, &wk.err);
	if (!rc)
		rc = cli_work_open(ctx, &wk);
	if (!rc)
		rc = cli_work_as(&wk, o.user, writes);
	int64_t id = 0;
	if (!rc && (!strcmp(verb, "show") || !strcmp(verb, "plan") || !strcmp(verb, "waive")))
		rc = cli_arg_id(o.arg, "应追缴记录ID", &id, &wk.err);
	struct store *s = wk.s;
	const struct authz_subject *who = wk.who;
	dib_arena *a = &wk.a;
	dib_err *err = &wk.err;
	char f[MONEY_STR], g[MONEY_STR];
	if (rc) {
		/* nothing more */
	} else if (!strcmp(sub, "overpayments")) {
		rc = do_list(s, who, &o, ctx->out, a, err);
	} else if (!strcmp(sub, "account")) {
		rc = do_account(s, who, &o, ctx->out, a, err);
	} else if (!strcmp(verb, "show")) {
		rc = do_show(s, who, id, ctx->out, a, err);
	} else if (!strcmp(verb, "plan")) {
		rc = payroll_overpayment_plan(s, who, o.user, id, o.plan, err);
		if (!rc)
			fprintf(ctx->out, "应追缴记录 %" PRId64 " 的追缴方式改为：%s\n", id,
				payroll_overpayment_plan_name(o.plan));
	} else if (!strcmp(verb, "waive")) {
		struct payroll_waive_req q = { .overpayment_id = id, .reason = o.reason,
					       .doc_no = o.doc };
		store_overpayment_row after;
		rc = payroll_overpayment_waive(s, who, o.user, &q, cli_today(), a, &after, err);
		if (!rc)
			fprintf(ctx->out, "应追缴记录 %" PRId64 " 已核销 %s 元（文号 %s），尚欠 0.00 元\n",
				id, money_format(after.waived_fen, f), after.waiver_doc);
	} else if (!strcmp(verb, "add")) {
		struct payroll_overpayment_req q = { .household_id = o.household,
						     .person_id = o.person, .program = o.program,
						     .period = o.period, .reason = o.reason,
						     .plan = o.plan, .note = o.note };
		rc = amount_of(&o, &q.amount_fen, err);
		if (!rc && !o.household)
			rc = dib_err_set(err, DIB_EUSAGE, "请用 --household 指明家庭ID");
		if (!rc)
			rc = payroll_overpayment_add(s, who, o.user, &q, cli_today(), &id, err);
		if (!rc)
			fprintf(ctx->out, "已登记应追缴记录 %" PRId64 "：%s 元（%s，%s）\n", id,
				money_format(q.amount_fen, f), payroll_overpayment_reason_name(q.reason),
				payroll_overpayment_plan_name(q.plan));
	} else {
		struct payroll_repay_req q = { .overpayment_id = o.overpayment,
					       .receipt_no = o.receipt, .paid_on = o.date };
		struct payroll_repay_result r;
		rc = amount_of(&o, &q.amount_fen, err);
		if (!rc && !o.overpayment)
			rc = dib_err_set(err, DIB_EUSAGE, "请用 --overpayment 指明应追缴记录ID");
		if (!rc)
			rc = payroll_repay(s, who, o.user, &q, cli_today(), a, &r, err);
		if (!rc)
			fprintf(ctx->out, "已登记退款 %s 元（收据 %s）：尚欠 %s 元%s\n",
				money_format(q.amount_fen, f), q.receipt_no,
				money_format(r.closed ? 0 : r.after.outstanding_fen, g),
				r.closed ? "，已结清" : "");
	}
	return cli_work_end(ctx, &wk, rc, USAGE);
}
