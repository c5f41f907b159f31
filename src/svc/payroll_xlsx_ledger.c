/*
 * payroll_xlsx_ledger.c — the finance ledger (计财台账) of a payroll run as
 * xlsx (svc/payroll_xlsx.h): the townships' control totals and the run's,
 * the bank's outcome and the reconciliation, the return files and the
 * run's bank file. Everything comes from payroll_get and
 * payroll_reconciliation — the figures the roster and `payroll recon`
 * show — so the finance bureau's books and dibao's cannot drift apart.
 *
 * Thread-safety: as struct store — one connection per thread.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "store/store.h"
#include "svc/payroll_xlsx_int.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *nz(const char *s)
{
	return s ? s : "";
}

enum { L_COLS = 9 };
static const struct xlsx_col ledger_cols[L_COLS] = {
	{ "", 6 }, { "", 26 }, { "", 14 }, { "", 14 }, { "", 12 },
	{ "", 14 }, { "", 14 }, { "", 20 }, { "", 14 },
};

struct ledger {
	struct payroll_view v;
	struct payroll_recon recon;
	store_payroll_totals *lines; /* what each section's lines add up to */
	const char *title, *info, *template_name;
};

static dib_code ledger_townships(const struct ledger *l, struct xlsx_book *b, dib_err *err)
{
	static const char *const heads[L_COLS] = { "序号", "乡镇（街道）", "区划代码", "户数",
						   "保障人数", "笔数", "金额（元）", "清册状态",
						   "控制数核对" };
	dib_code rc =
		xlsx_book_line(b, "一、各乡镇（街道）补贴清册汇总（控制数）", XLSX_BOLD, 0, err);
	if (!rc)
		rc = xlsx_book_heads(b, heads, L_COLS, err);
	store_payroll_totals sum = { 0 };
	for (size_t i = 0; !rc && i < l->v.nsections; i++) {
		const store_payroll_section *x = &l->v.sections[i];
		xlsx_book_int(b, 0, (int64_t)i + 1, XLSX_NUM);
		xlsx_book_text(b, 1, x->township_name ? x->township_name : x->township, XLSX_CELL);
		xlsx_book_text(b, 2, x->township, XLSX_TEXT);
		xlsx_book_int(b, 3, x->declared.households, XLSX_NUM);
		xlsx_book_int(b, 4, x->declared.persons, XLSX_NUM);
		xlsx_book_int(b, 5, x->declared.lines, XLSX_NUM);
		xlsx_book_fen(b, 6, x->declared.total_fen, XLSX_MONEY);
		xlsx_book_text(b, 7, payroll_section_state_name(x->state), XLSX_CELL);
		xlsx_book_text(b, 8, payroll__same(&x->declared, &l->lines[i]) ? "相符" : "不符",
			       XLSX_CELL);
		sum.households += x->declared.households;
		sum.persons += x->declared.persons;
		sum.lines += x->declared.lines;
		sum.total_fen += x->declared.total_fen;
		rc = xlsx_book_next_row(b, err);
	}
	/* the total is the run's control totals, never a sum made here; the
	 * check says whether the townships and the lines agree with it */
	const store_payroll_totals *d = &l->v.run.declared;
	xlsx_book_text(b, 0, NULL, XLSX_SUB);
	xlsx_book_text(b, 1, "合计", XLSX_SUB);
	xlsx_book_text(b, 2, NULL, XLSX_SUB);
	xlsx_book_int(b, 3, d->households, XLSX_SUB_NUM);
	xlsx_book_int(b, 4, d->persons, XLSX_SUB_NUM);
	xlsx_book_int(b, 5, d->lines, XLSX_SUB_NUM);
	xlsx_book_fen(b, 6, d->total_fen, XLSX_SUB_MONEY);
	xlsx_book_text(b, 7, payroll_state_name(l->v.run.state), XLSX_SUB);
	xlsx_book_text(b, 8, l->v.totals_ok && payroll__same(&sum, d) ? "相符" : "不符", XLSX_SUB);
	return rc ? rc : xlsx_book_next_row(b, err);
}

static dib_code ledger_bank(const struct ledger *l, struct xlsx_book *b, dib_err *err)
{
	static const char *const heads[] = { "序号", "项目", "笔数", "金额（元）" };
	const store_payroll_recon *x = &l->recon.sums;
	const struct {
		const char *what;
		int64_t n, fen;
	} rows[] = {
		{ "批次合计（控制数）", l->v.run.declared.lines, l->v.run.declared.total_fen },
		{ "银行实发", x->paid, x->paid_fen },
		{ "已转重发", x->reissued, x->reissued_fen },
		{ "失败待重发", x->failed, x->failed_fen },
		{ "尚未回盘", x->pending, x->pending_fen },
	};
	dib_code rc = xlsx_book_line(b, "二、银行发放结果", XLSX_BOLD, 0, err);
	if (!rc)
		rc = xlsx_book_heads(b, heads, 4, err);
	for (size_t i = 0; !rc && i < DIB_ARRAY_LEN(rows); i++) {
		/* the first row, the control totals, stands out like a total */
		if (i)
			xlsx_book_int(b, 0, (int64_t)i, XLSX_NUM);
		else
			xlsx_book_text(b, 0, NULL, XLSX_SUB);
		xlsx_book_text(b, 1, rows[i].what, i ? XLSX_CELL : XLSX_SUB);
		xlsx_book_int(b, 2, rows[i].n, i ? XLSX_NUM : XLSX_SUB_NUM);
		xlsx_book_fen(b, 3, rows[i].fen, i ? XLSX_MONEY : XLSX_SUB_MONEY);
		rc = xlsx_book_next_row(b, err);
	}
	bool closed = !strcmp(l->v.run.state, PAYROLL_RECONCILED);
	xlsx_book_text(b, 0, NULL, XLSX_SUB);
	xlsx_book_text(b, 1, "对账", XLSX_SUB);
	xlsx_book_text(b, 2, l->recon.balanced ? "平衡" : "未平", XLSX_SUB);
	xlsx_book_text(b, 3, closed ? "已对账" : x->pending ? "尚未全部回盘" : NULL, XLSX_SUB);
	xlsx_book_text(b, 4, "平衡：批次合计 = 银行实发 + 已转重发 + 失败待重发（笔数、金额），"
			     "且没有尚未回盘", XLSX_PLAIN);
	return rc ? rc : xlsx_book_next_row(b, err);
}

static dib_code ledger_returns(const struct ledger *l, struct xlsx_book *b, dib_err *err)
{
	static const char *const heads[L_COLS] = { "序号", "回盘文件", "记录数", "成功笔数",
						   "成功金额（元）", "失败笔数", "失败金额（元）",
						   "登记时间", "登记人" };
	dib_code rc = xlsx_book_line(b, "三、银行回盘文件", XLSX_BOLD, 0, err);
	if (!rc)
		rc = xlsx_book_heads(b, heads, L_COLS, err);
	if (!rc && !l->recon.nreturns) {
		xlsx_book_text(b, 1, "（尚无回盘文件）", XLSX_PLAIN);
		rc = xlsx_book_next_row(b, err);
	}
	for (size_t i = 0; !rc && i < l->recon.nreturns; i++) {
		const store_payroll_return *x = &l->recon.returns[i];
		char at[32], sha[96];
		xlsx_book_int(b, 0, (int64_t)i + 1, XLSX_NUM);
		xlsx_book_text(b, 1, x->file_name, XLSX_CELL);
		xlsx_book_int(b, 2, x->rows, XLSX_NUM);
		xlsx_book_int(b, 3, x->paid_count, XLSX_NUM);
		xlsx_book_fen(b, 4, x->paid_fen, XLSX_MONEY);
		xlsx_book_int(b, 5, x->failed_count, XLSX_NUM);
		xlsx_book_fen(b, 6, x->failed_fen, XLSX_MONEY);
		xlsx_book_text(b, 7, payroll__xlsx_time(nz(x->at), at, sizeof at), XLSX_CELL);
		xlsx_book_text(b, 8, x->actor, XLSX_CELL);
		rc = xlsx_book_next_row(b, err);
		/* its own row: 64 digits would make the column too wide to print */
		snprintf(sha, sizeof sha, "SHA-256：%s", nz(x->sha256));
		xlsx_book_text(b, 1, sha, XLSX_PLAIN);
		if (!rc)
			rc = xlsx_book_next_row(b, err);
	}
	return rc;
}

static dib_code ledger_run(const struct ledger *l, struct xlsx_book *b, dib_err *err)
{
	const store_payroll_run *r = &l->v.run;
	char built[96], approved[96], exported[96], t[32], now[32];
	snprintf(built, sizeof built, "%s　%s", nz(r->built_by),
		 r->built_at ? payroll__xlsx_time(r->built_at, t, sizeof t) : "");
	snprintf(approved, sizeof approved, "%s　%s", nz(r->approved_by),
		 r->approved_at ? payroll__xlsx_time(r->approved_at, t, sizeof t) : "");
	snprintf(exported, sizeof exported, "%s　%s", nz(r->exported_by),
		 r->exported_at ? payroll__xlsx_time(r->exported_at, t, sizeof t) : "");
	const char *const rows[][2] = {
		{ "批次号", r->run_no },
		{ "补贴项目", l->v.program_name },
		{ "发放期次", l->v.period_name },
		{ "应发日期", r->due_on },
		{ "批次状态", payroll_state_name(r->state) },
		{ "造册", built },
		{ "审批", r->approved_by ? approved : "（尚未审批）" },
		{ "导出代发文件", r->exported_by ? exported : "（尚未导出）" },
		{ "代发文件名", r->file_name },
		{ "代发文件 SHA-256", r->file_sha256 },
		{ "代发模板", l->template_name },
		{ "文件日期", r->file_date },
		{ "付款账号", r->payer_account },
		{ "台账生成时间", payroll__xlsx_time(NULL, now, sizeof now) },
	};
	dib_code rc = xlsx_book_line(b, "四、批次与代发文件", XLSX_BOLD, 0, err);
	for (size_t i = 0; !rc && i < DIB_ARRAY_LEN(rows); i++) {
		xlsx_book_text(b, 1, rows[i][0], XLSX_SUB);
		xlsx_book_text(b, 2, rows[i][1] && *rows[i][1] ? rows[i][1] : "—", XLSX_PLAIN);
		rc = xlsx_book_next_row(b, err);
	}
	return rc;
}

static dib_code ledger_write(struct xlsx_book *b, void *ctx, dib_err *err)
{
	const struct ledger *l = ctx;
	dib_code rc = xlsx_book_sheet(b, "计财台账", ledger_cols, L_COLS, err);
	if (!rc)
		rc = xlsx_book_line(b, l->title, XLSX_TITLE, 30, err);
	if (!rc)
		rc = xlsx_book_line(b, l->info, XLSX_INFO, 0, err);
	if (!rc)
		xlsx_book_repeat(b, 0, 1);
	dib_code (*const blocks[])(const struct ledger *, struct xlsx_book *, dib_err *) = {
		ledger_townships, ledger_bank, ledger_returns, ledger_run,
	};
	for (size_t i = 0; !rc && i < DIB_ARRAY_LEN(blocks); i++) {
		rc = xlsx_book_line(b, NULL, XLSX_PLAIN, 0, err); /* a blank row between blocks */
		if (!rc)
			rc = blocks[i](l, b, err);
	}
	return rc;
}

dib_code payroll_xlsx_ledger(struct store *s, const struct authz_subject *who, int64_t run_id,
			     const char *path, dib_err *err)
{
	if (!path || !*path)
		return dib_err_set(err, DIB_EINVAL, "没有指定导出文件");
	dib_arena a;
	dib_arena_init(&a, 16384, 0);
	struct ledger l;
	memset(&l, 0, sizeof l);
	/* the county's rights (a township sees only its part of a run) */
	dib_code rc = payroll__reconciliation(s, who, run_id, "该批次的计财台账", &a, &l.recon,
					      err);
	if (!rc)
		rc = payroll_get(s, who, run_id, &a, &l.v, err);
	if (!rc) {
		l.lines = dib_arena_calloc(&a, (l.v.nsections + 1) * sizeof *l.lines);
		if (!l.lines)
			rc = dib_err_nomem(err);
	}
	for (size_t i = 0; !rc && i < l.v.nsections; i++)
		rc = store_payroll_lines_sum(s, run_id, l.v.sections[i].township, &l.lines[i], err);
	if (!rc) {
		/* the bank template's name (and bank), from the text frozen on the run */
		l.template_name = l.v.template_name ? dib_arena_printf(&a, "%s（%s）",
								       l.v.template_name,
								       l.v.template_bank)
						    : NULL;
		rc = payroll__xlsx_heading(s, &l.v, NULL, "计财台账", NULL, &a, &l.title, &l.info,
					   err);
	}
	if (!rc)
		rc = xlsx_book_write(path, l.title, ledger_write, &l, err);
	if (!rc) {
		const store_payroll_totals *d = &l.v.run.declared;
		json_t *j = json_pack("{s:I, s:I, s:b}", "lines", (json_int_t)d->lines,
				      "total_fen", (json_int_t)d->total_fen,
				      "balanced", l.recon.balanced);
		rc = payroll__xlsx_record(s, who, &l.v.run, "payroll.ledger_export", j, err);
		if (rc)
			unlink(path);
	}
	dib_arena_release(&a);
	return rc;
}
