/*
 * cmd_payroll.c — `dibao payroll …`: paying the money (svc/payroll.h) from
 * the command line — building a period's roster (造册), each township
 * submitting its part, the county approving, sending back or cancelling;
 * the payment officer exporting the bank file, recording the bank's return,
 * the reissue queue and its runs, reconciliation; the bank templates; and
 * reading runs and lines.
 *
 * --user NAME acts as that dibao account (required for every step, so the
 * timeline and the audit name the three people: township, county, payment).
 * Money is shown in 元, times in Beijing time (the database keeps UTC).
 * Thread-safety: the command line is single-threaded.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "util/time.h"
#include "core/money.h"
#include "core/idcard.h"
#include "cli/cli.h"
#include "svc/audit_query.h"
#include "svc/payroll.h"
#include "svc/payroll_xlsx.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define USAGE                                                                                  \
	"dibao payroll run --user 用户名 --program 项目 --period 2026-07（按季 2026Q3）\n"   \
	"                  [--county 县代码]                       (造册：按期生成补贴清册)\n"  \
	"       dibao payroll list [--user 用户名] [--county 县代码] [--program 项目]\n"          \
	"       dibao payroll show 批次ID [--user 用户名]\n"                                      \
	"       dibao payroll lines 批次ID [--user 用户名] [--township 乡镇代码] [--village 村代码]\n" \
	"                  [--status pending|paid|failed|void] [--q 户编号或姓名] [--limit N] [--offset N]\n" \
	"       dibao payroll submit 批次ID --user 用户名 --township 乡镇代码   (乡镇报送)\n"   \
	"       dibao payroll rebuild 批次ID --user 用户名 --township 乡镇代码  (重新造册)\n"   \
	"       dibao payroll send-back 批次ID --user 用户名 --township 乡镇代码 --reason 原因\n" \
	"       dibao payroll approve 批次ID --user 用户名                    (县局审批)\n"     \
	"       dibao payroll cancel 批次ID --user 用户名 --reason 原因         (导出前作废)\n"   \
	"       dibao payroll export 批次ID --user 用户名 --template 模板名 [--payer 付款账号] --out 文件\n" \
	"                  (不给 --payer 时用本县参数 pay.payer_account)\n" \
	"       dibao payroll bank-file 批次ID [--user 用户名] --out 文件      (重新下载，校验一致)\n" \
	"       dibao payroll return 批次ID --user 用户名 --file 回盘文件       (登记银行回盘)\n" \
	"       dibao payroll failed [--user 用户名] [--program 项目]          (待重发队列)\n" \
	"       dibao payroll reissue --user 用户名 --program 项目               (生成重发批次)\n" \
	"       dibao payroll recon 批次ID [--user 用户名]                      (对账)\n" \
	"       dibao payroll reconcile 批次ID --user 用户名                    (对账完成)\n" \
	"       dibao payroll templates [--user 用户名] | template-add --user 用户名 --file 模板文件\n" \
	"       dibao payroll template-delete 模板名 --user 用户名 [--county 县代码]  (删除本县模板)\n" \
	"       dibao payroll arrears --user 用户名 --program 项目 --from 期次 --to 期次  (调标补发/追缴)\n" \
	"       dibao payroll roster 批次ID --out 文件.xlsx [--masked] [--user 用户名]   (补贴清册)\n" \
	"       dibao payroll ledger 批次ID --out 文件.xlsx [--user 用户名]            (计财台账)\n" \
	"       dibao payroll overpayment add|show|plan … | overpayments | repay … | account --household H\n" \
	"                  (应追缴、退款与家庭逐月账目：dibao payroll overpayment 查看用法)"

struct opts {
	const char *user, *program, *period, *county, *township, *village, *status, *q, *reason;
	const char *template_name, *payer, *out, *file, *from, *to;
	const char *arg;
	int64_t limit, offset;
	bool masked;
};

static dib_code parse(int argc, char **argv, struct opts *o, dib_err *err)
{
#define T(f, field) { f, CLI_OPT_TEXT, offsetof(struct opts, field) }
#define I(f, field) { f, CLI_OPT_INT, offsetof(struct opts, field) }
	static const struct cli_opt t[] = {
		T("--user", user),         T("--program", program), T("--period", period),
		T("--county", county),     T("--township", township), T("--village", village),
		T("--status", status),     T("--q", q),             T("--reason", reason),
		T("--template", template_name), T("--payer", payer), T("--out", out),
		T("--file", file),         T("--from", from),       T("--to", to),
		I("--limit", limit),       I("--offset", offset),
		{ "--masked", CLI_OPT_FLAG, offsetof(struct opts, masked) },
	};
#undef T
#undef I
	return cli_opts_parse(argc, argv, 2, t, DIB_ARRAY_LEN(t), o, &o->arg, err);
}

/* A stored UTC time ("2026-11-26T10:00:00Z") as Beijing time, as the
 * xlsx files and the audit export print it ("2026-11-26 18:00:00"); ""
 * for NULL. */
static const char *bj(const char *utc, char out[DIB_TIME_UTC_SIZE])
{
	return utc ? audit_export_time(utc, out, DIB_TIME_UTC_SIZE) : "";
}

static void print_totals(FILE *out, const char *label, const store_payroll_totals *t)
{
	char fen[32];
	fprintf(out, "%s%" PRId64 " 户 %" PRId64 " 人 %s 元（%" PRId64 " 行）\n", label, t->households,
		t->persons, money_format(t->total_fen, fen), t->lines);
}

static dib_code do_run(struct cli_work *wk, const struct opts *o, FILE *out)
{
	dib_code rc = cli_work_as(wk, o->user, true);
	struct payroll_build_req r = { .county = o->county, .program = o->program,
				       .period = o->period };
	struct payroll_build_result res;
	if (!rc)
		rc = payroll_build(wk->s, wk->who, o->user, &r, cli_today(), &wk->a, &res, &wk->err);
	if (rc)
		return rc;
	fprintf(out, "%s批次 %" PRId64 "\n", res.created ? "已造册：" : "本期已有批次，未重复造册：",
		res.run_id);
	print_totals(out, "控制数：", &res.declared);
	return DIB_OK;
}

static dib_code do_list(struct cli_work *wk, const struct opts *o, FILE *out)
{
	dib_code rc = cli_work_as(wk, o->user, false);
	store_payroll_run *v = NULL;
	size_t n = 0;
	if (!rc)
		rc = payroll_list(wk->s, wk->who, o->county, o->program, &wk->a, &v, &n, &wk->err);
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

/* The run id of the command line, then the reader: the start of every
 * subcommand that reads one run. */
static dib_code run_reader(struct cli_work *wk, const struct opts *o, int64_t *id)
{
	dib_code rc = cli_arg_id(o->arg, "批次ID", id, &wk->err);
	return rc ? rc : cli_work_as(wk, o->user, false);
}

static dib_code do_show(struct cli_work *wk, const struct opts *o, FILE *out)
{
	int64_t id = 0;
	dib_code rc = run_reader(wk, o, &id);
	struct payroll_view v;
	if (!rc)
		rc = payroll_get(wk->s, wk->who, id, &wk->a, &v, &wk->err);
	if (rc)
		return rc;
	fprintf(out, "批次 %" PRId64 "（%s）%s %s %s，应于 %s 前发放到户\n", v.run.id, v.run.run_no,
		v.program_name, v.period_name, payroll_state_name(v.run.state), v.run.due_on);
	print_totals(out, "控制数：", &v.run.declared);
	print_totals(out, "清册合计：", &v.actual);
	fprintf(out, "控制数核对：%s\n", v.totals_ok ? "相符" : "不符");
	char at[DIB_TIME_UTC_SIZE];
	if (v.run.file_name)
		fprintf(out, "代发文件：%s（模板 %s，%s；付款账号 %s；文件日期 %s；%s %s 导出）\n"
			"  SHA-256 %s\n", v.run.file_name,
			v.template_name ? v.template_name : "（无法读取）",
			v.template_bank ? v.template_bank : "",
			v.run.payer_account ? v.run.payer_account : "（无）", v.run.file_date,
			bj(v.run.exported_at, at), v.run.exported_by ? v.run.exported_by : "",
			v.run.file_sha256 ? v.run.file_sha256 : "");
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
	for (size_t i = 0; i < v.nevents; i++) {
		const store_payroll_event *e = &v.events[i];
		char fen[32], pf[32], ff[32];
		/* named as the web page names them (造册, 县局审批 …) */
		fprintf(out, "  %s\t%s\t%s\t%s\t%s", bj(e->at, at), payroll_action_name(e->action),
			e->actor, e->township ? e->township : "", e->reason ? e->reason : "");
		if (e->has_totals)
			fprintf(out, "\t%" PRId64 " 户 %" PRId64 " 人 %s 元（%" PRId64 " 行）",
				e->totals.households, e->totals.persons,
				money_format(e->totals.total_fen, fen), e->totals.lines);
		if (e->has_outcome)
			fprintf(out, "；成功 %" PRId64 " 笔 %s 元，失败 %" PRId64 " 笔 %s 元",
				e->outcome.paid, money_format(e->outcome.paid_fen, pf),
				e->outcome.failed, money_format(e->outcome.failed_fen, ff));
		fputc('\n', out);
	}
	return DIB_OK;
}

static dib_code do_lines(struct cli_work *wk, const struct opts *o, FILE *out)
{
	int64_t id = 0;
	dib_code rc = run_reader(wk, o, &id);
	store_payroll_line_filter f = { .township = o->township, .village = o->village,
					.status = o->status, .q = o->q, .limit = o->limit,
					.offset = o->offset };
	store_payroll_line *v = NULL;
	size_t n = 0;
	int64_t total = 0;
	if (!rc)
		rc = payroll_lines(wk->s, wk->who, id, &f, &wk->a, &v, &n, &total, &wk->err);
	if (rc)
		return rc;
	fprintf(out, "户编号\t村(社区)\t领取人\t身份证号\t账号\t人数\t保障金\t分类施保\t追缴扣减\t合计\t状态\n");
	for (size_t i = 0; i < n; i++) {
		char base[32], add[32], ded[32], tot[32], masked[IDCARD_LEN + 1];
		idcard_mask(v[i].payee_id_number, masked);
		fprintf(out, "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\n", v[i].hh_no,
			v[i].village_name, v[i].payee_name, masked,
			v[i].bank_account ? v[i].bank_account : "（缺）", v[i].persons,
			money_format(v[i].base_fen, base), money_format(v[i].addon_fen, add),
			money_format(v[i].deduction_fen, ded), money_format(v[i].total_fen, tot),
			v[i].status);
	}
	fprintf(out, "共 %" PRId64 " 行，显示 %zu 行\n", total, n);
	return DIB_OK;
}

/* The whole of file path into a malloc'd buffer (*len bytes, NUL added). */
static dib_code read_file(const char *path, char **out, size_t *len, dib_err *err)
{
	if (!path)
		return dib_err_set(err, DIB_EUSAGE, "请用 --file 指明文件");
	FILE *f = fopen(path, "rb");
	if (!f)
		return dib_err_set(err, DIB_EIO, "无法打开文件 %s: %s", path, strerror(errno));
	dib_buf b;
	dib_buf_init(&b, 512u << 20);
	char chunk[65536];
	size_t n;
	dib_code rc = DIB_OK;
	while (!rc && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (dib_buf_add(&b, chunk, n))
			rc = dib_err_set(err, DIB_ETOOBIG, "文件 %s 过大", path);
	if (!rc && ferror(f))
		rc = dib_err_set(err, DIB_EIO, "读取文件 %s 失败", path);
	fclose(f);
	if (rc) {
		dib_buf_release(&b);
		return rc;
	}
	*len = b.len;
	*out = dib_buf_take(&b);
	if (!*out)
		*out = calloc(1, 1);
	return *out ? DIB_OK : dib_err_nomem(err);
}

/* Writes the file's bytes to path. */
static dib_code write_file(const char *path, const struct payroll_file *f, dib_err *err)
{
	if (!path)
		return dib_err_set(err, DIB_EUSAGE, "请用 --out 指明输出文件");
	FILE *o = fopen(path, "wb");
	if (!o)
		return dib_err_set(err, DIB_EIO, "无法写入文件 %s: %s", path, strerror(errno));
	size_t w = f->bytes.len ? fwrite(f->bytes.ptr, 1, f->bytes.len, o) : 0;
	int bad = fclose(o) != 0 || w != f->bytes.len;
	return bad ? dib_err_set(err, DIB_EIO, "写入文件 %s 失败", path) : DIB_OK;
}

static dib_code do_pay(struct cli_work *wk, const char *sub, const struct opts *o, int64_t id,
		       FILE *out)
{
	bool needs_user = strcmp(sub, "bank-file") && strcmp(sub, "failed") &&
			  strcmp(sub, "recon") && strcmp(sub, "templates") && strcmp(sub, "roster") &&
			  strcmp(sub, "ledger");
	dib_code rc = cli_work_as(wk, o->user, needs_user);
	if (rc)
		return rc;
	struct store *s = wk->s;
	const struct authz_subject *who = wk->who;
	dib_arena *a = &wk->a;
	dib_err *err = &wk->err;
	if (!strcmp(sub, "export") || !strcmp(sub, "bank-file")) {
		struct payroll_file f;
		if (!o->out)
			return dib_err_set(err, DIB_EUSAGE, "请用 --out 指明输出文件");
		if (!strcmp(sub, "export")) {
			struct payroll_export_req r = { .run_id = id, .template_name = o->template_name,
							.payer_account = o->payer,
							.payer_option = "--payer" };
			rc = payroll_export(s, who, o->user, &r, cli_today(), a, &f, err);
		} else {
			rc = payroll_bank_file(s, who, id, a, &f, err);
		}
		if (!rc)
			rc = write_file(o->out, &f, err);
		if (!rc)
			fprintf(out, "代发文件 %s 已写入 %s（%zu 字节，SHA-256 %s）\n", f.name, o->out,
				f.bytes.len, f.sha256);
		dib_buf_release(&f.bytes);
		return rc;
	}
	if (!strcmp(sub, "return")) {
		char *bytes = NULL;
		size_t len = 0;
		rc = read_file(o->file, &bytes, &len, err);
		const char *base = o->file ? strrchr(o->file, '/') : NULL;
		struct payroll_return_result r;
		if (!rc)
			rc = payroll_record_return(s, who, o->user, id, base ? base + 1 : o->file, bytes,
						   len, cli_today(), a, &r, err);
		free(bytes);
		if (rc)
			return rc;
		char p[32], f[32];
		fprintf(out, "回盘已登记：%" PRId64 " 笔，成功 %" PRId64 " 笔 %s 元，失败 %" PRId64
			" 笔 %s 元；尚未回盘 %" PRId64 " 笔\n", r.rows, r.paid,
			money_format(r.paid_fen, p), r.failed, money_format(r.failed_fen, f),
			r.pending_left);
		return DIB_OK;
	}
	if (!strcmp(sub, "failed")) {
		store_payroll_failed *v = NULL;
		size_t n = 0;
		rc = payroll_failed(s, who, o->county, o->program, a, &v, &n, err);
		if (rc)
			return rc;
		fprintf(out, "批次号\t户编号\t领取人\t期次\t金额(元)\t失败原因\t原账号\t现账号\n");
		for (size_t i = 0; i < n; i++) {
			char fen[32];
			fprintf(out, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", v[i].run_no, v[i].line.hh_no,
				v[i].line.payee_name, v[i].line.period,
				money_format(v[i].line.total_fen, fen),
				v[i].line.bank_reason ? v[i].line.bank_reason : "",
				v[i].line.bank_account ? v[i].line.bank_account : "",
				v[i].current_account ? v[i].current_account : "（缺）");
		}
		fprintf(out, "共 %zu 笔待重发\n", n);
		return DIB_OK;
	}
	if (!strcmp(sub, "reissue")) {
		struct payroll_build_result r;
		rc = payroll_build_reissue(s, who, o->user, o->county, o->program, cli_today(), a, &r,
					   err);
		if (!rc) {
			fprintf(out, "已生成重发批次 %" PRId64 "\n", r.run_id);
			print_totals(out, "控制数：", &r.declared);
		}
		return rc;
	}
	if (!strcmp(sub, "recon")) {
		struct payroll_recon r;
		rc = payroll_reconciliation(s, who, id, a, &r, err);
		if (rc)
			return rc;
		char d[32], p[32], x[32], f[32], q[32];
		fprintf(out, "批次 %s：批次合计 %s 元（%" PRId64 " 笔）\n", r.run.run_no,
			money_format(r.run.declared.total_fen, d), r.run.declared.lines);
		fprintf(out, "  银行实发 %" PRId64 " 笔 %s 元\n", r.sums.paid, money_format(r.sums.paid_fen, p));
		fprintf(out, "  已转重发 %" PRId64 " 笔 %s 元\n", r.sums.reissued,
			money_format(r.sums.reissued_fen, x));
		fprintf(out, "  失败待重发 %" PRId64 " 笔 %s 元\n", r.sums.failed,
			money_format(r.sums.failed_fen, f));
		fprintf(out, "  尚未回盘 %" PRId64 " 笔 %s 元\n", r.sums.pending,
			money_format(r.sums.pending_fen, q));
		fprintf(out, "对账：%s\n", r.balanced ? "平衡" : "未平");
		char at[DIB_TIME_UTC_SIZE];
		for (size_t i = 0; i < r.nreturns; i++)
			fprintf(out, "  回盘 %s %s 成功 %" PRId64 " 失败 %" PRId64 " SHA-256 %s\n",
				bj(r.returns[i].at, at), r.returns[i].file_name, r.returns[i].paid_count,
				r.returns[i].failed_count, r.returns[i].sha256);
		return DIB_OK;
	}
	if (!strcmp(sub, "reconcile")) {
		rc = payroll_reconcile(s, who, o->user, id, err);
		if (!rc)
			fprintf(out, "批次 %" PRId64 " 已对账\n", id);
		return rc;
	}
	if (!strcmp(sub, "roster") || !strcmp(sub, "ledger")) {
		if (!o->out)
			return dib_err_set(err, DIB_EUSAGE, "请用 --out 指明输出文件");
		rc = !strcmp(sub, "roster") ? payroll_xlsx_roster(s, who, id, o->masked, o->out, err)
					    : payroll_xlsx_ledger(s, who, id, o->out, err);
		if (!rc)
			fprintf(out, "%s已写入 %s\n", !strcmp(sub, "roster") ? "补贴清册" : "计财台账",
				o->out);
		return rc;
	}
	if (!strcmp(sub, "arrears")) {
		struct payroll_arrears_req q = { .county = o->county, .program = o->program,
						 .from = o->from, .to = o->to };
		struct payroll_arrears_result r;
		if (!o->from || !o->to)
			return dib_err_set(err, DIB_EUSAGE, "请用 --from 和 --to 指明补发的期次");
		rc = payroll_build_arrears(s, who, o->user, &q, cli_today(), a, &r, err);
		if (rc)
			return rc;
		char f[32];
		fprintf(out, "已生成补发批次 %" PRId64 "\n", r.run_id);
		print_totals(out, "补发：", &r.declared);
		fprintf(out, "应追缴：%" PRId64 " 笔 %s 元\n", r.overpayments,
			money_format(r.overpaid_fen, f));
		if (r.netted)
			fprintf(out, "冲销：%" PRId64 " 笔 %s 元（调减已撤销，未追回的应追缴不再追缴）\n",
				r.netted, money_format(r.netted_fen, f));
		return DIB_OK;
	}
	if (!strcmp(sub, "templates")) {
		struct payroll_template *v = NULL;
		size_t n = 0;
		rc = payroll_templates(s, who, o->county, a, &v, &n, err);
		if (!rc)
			fprintf(out, "模板名\t来源\t代发银行\t编码\t格式\t添加时间\t添加人\n");
		char at[DIB_TIME_UTC_SIZE];
		for (size_t i = 0; !rc && v && v[i].name; i++)
			fprintf(out, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", v[i].name,
				v[i].builtin ? "内置样例" : "本县", v[i].bank ? v[i].bank : "",
				v[i].encoding ? v[i].encoding : "", v[i].fixed ? "定长" : "分隔符",
				bj(v[i].created_at, at), v[i].created_by ? v[i].created_by : "");
		return rc;
	}
	if (!strcmp(sub, "template-delete")) {
		rc = payroll_template_delete(s, who, o->user, o->county, o->arg, err);
		if (!rc)
			fprintf(out, "代发模板“%s”已删除\n", o->arg);
		return rc;
	}
	/* template-add */
	char *text = NULL;
	size_t len = 0;
	rc = read_file(o->file, &text, &len, err);
	if (!rc && strlen(text) != len)
		rc = dib_err_set(err, DIB_EINVAL, "模板文件中有 NUL 字符");
	if (!rc)
		rc = payroll_template_add(s, who, o->user, o->county, text, err);
	free(text);
	if (!rc)
		fprintf(out, "代发模板已添加\n");
	return rc;
}

int cmd_payroll(struct cli_ctx *ctx, int argc, char **argv)
{
	/* overpayments and the household's account: their own file */
	if (argc >= 2 && (!strcmp(argv[1], "overpayment") || !strcmp(argv[1], "overpayments") ||
			  !strcmp(argv[1], "repay") || !strcmp(argv[1], "account")))
		return cmd_payroll_recover(ctx, argc, argv);
	static const char *const subs[] = { "run",     "list",      "show",    "lines",
					    "submit",  "rebuild",   "send-back", "approve",
					    "cancel",  "export",    "bank-file", "return",
					    "recon",   "reconcile", "failed",  "reissue",
					    "templates", "template-add", "arrears", "roster",
					    "ledger",  "template-delete" };
	size_t which = DIB_ARRAY_LEN(subs);
	for (size_t i = 0; argc >= 2 && i < DIB_ARRAY_LEN(subs); i++)
		if (!strcmp(argv[1], subs[i]))
			which = i;
	if (which == DIB_ARRAY_LEN(subs))
		return cli_usage(ctx, USAGE);
	struct cli_work wk;
	struct opts o;
	memset(&o, 0, sizeof o);
	cli_work_init(&wk, 256u << 20);
	dib_code rc = parse(argc, argv, &o, &wk.err);
	if (!rc)
		rc = cli_work_open(ctx, &wk);
	struct store *s = wk.s;
	int64_t id = 0;
	if (!rc && ((which >= 4 && which <= 13) || which == 19 || which == 20))
		rc = cli_arg_id(o.arg, "批次ID", &id, &wk.err);
	if (!rc && which >= 4 && which <= 8)
		rc = cli_work_as(&wk, o.user, true);
	const struct authz_subject *who = wk.who;
	dib_err *err = &wk.err;
	if (rc) {
		/* nothing more */
	} else if (which >= 9) {
		rc = do_pay(&wk, subs[which], &o, id, ctx->out);
	} else if (which == 0) {
		rc = do_run(&wk, &o, ctx->out);
	} else if (which == 1) {
		rc = do_list(&wk, &o, ctx->out);
	} else if (which == 2) {
		rc = do_show(&wk, &o, ctx->out);
	} else if (which == 3) {
		rc = do_lines(&wk, &o, ctx->out);
	} else if (which == 4) {
		rc = payroll_submit(s, who, o.user, id, o.township, err);
		if (!rc)
			fprintf(ctx->out, "批次 %" PRId64 "：%s 的清册已报送\n", id, o.township);
	} else if (which == 5) {
		rc = payroll_rebuild(s, who, o.user, id, o.township, cli_today(), &wk.a, err);
		if (!rc)
			fprintf(ctx->out, "批次 %" PRId64 "：%s 已按当前档案重新造册\n", id, o.township);
	} else if (which == 6) {
		rc = payroll_send_back(s, who, o.user, id, o.township, o.reason, err);
		if (!rc)
			fprintf(ctx->out, "批次 %" PRId64 "：%s 的清册已退回\n", id, o.township);
	} else if (which == 7) {
		rc = payroll_approve(s, who, o.user, id, err);
		if (!rc)
			fprintf(ctx->out, "批次 %" PRId64 " 已审批\n", id);
	} else {
		rc = payroll_cancel(s, who, o.user, id, o.reason, err);
		if (!rc)
			fprintf(ctx->out, "批次 %" PRId64 " 已作废\n", id);
	}
	return cli_work_end(ctx, &wk, rc, USAGE);
}
