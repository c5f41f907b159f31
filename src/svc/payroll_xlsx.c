/*
 * payroll_xlsx.c — the roster (补贴清册) of a payroll run as xlsx
 * (svc/payroll_xlsx.h), and what it shares with the ledger
 * (payroll_xlsx_ledger.c). Rows are written top to bottom through
 * svc/xlsx_book.h in constant-memory mode and the lines are read a page at
 * a time (PAGE_LINES, in an arena reset per page), so a county's roster
 * costs the memory of one page whatever its size.
 *
 * Thread-safety: as struct store — one connection per thread.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "util/time.h"
#include "core/idcard.h"
#include "core/money.h"
#include "core/region.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_region.h"
#include "svc/audit_query.h"
#include "svc/payroll_xlsx_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Lines read per payroll_lines call (its maximum). */
#define PAGE_LINES 1000

/* ---- shared with the ledger (payroll_xlsx_int.h) ---- */

dib_code payroll__xlsx_record(struct store *s, const struct authz_subject *who,
			      const store_payroll_run *run, const char *action, json_t *after,
			      dib_err *err)
{
	char *x = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(after);
	if (!x)
		return dib_err_nomem(err);
	char eid[24];
	snprintf(eid, sizeof eid, "%" PRId64, run->id);
	store_audit_entry e = {
		.county = run->county,
		.actor = who && who->username ? who->username : "system",
		.action = action,
		.entity = "payroll_run",
		.entity_id = eid,
		.after_json = x,
	};
	dib_code rc = store_begin(s, err);
	if (!rc) {
		rc = store_audit_append(s, &e, NULL, err);
		if (!rc)
			rc = store_commit(s, err);
		if (rc)
			store_rollback(s);
	}
	free(x);
	return rc;
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

static bool township_user(const struct authz_subject *who)
{
	region_code r;
	return who && who->region_code &&
	       !region_parse(who->region_code, strlen(who->region_code), &r, NULL) &&
	       r.level > REGION_COUNTY;
}

char *payroll__xlsx_time(const char *utc, char *out, size_t cap)
{
	char now[DIB_TIME_UTC_SIZE];
	if (!utc) {
		dib_time_now_utc(now, sizeof now);
		utc = now;
	}
	return audit_export_time(utc, out, cap);
}

dib_code payroll__xlsx_heading(struct store *s, const struct payroll_view *v, const char *place,
			       const char *what, const char *note, dib_arena *a,
			       const char **title, const char **info, dib_err *err)
{
	/* the county's name; its code when the region table lacks it */
	char c12[REGION_LEN + 1];
	snprintf(c12, sizeof c12, "%s000000", v->run.county);
	store_region r;
	const char *county = v->run.county;
	if (!store_region_get(s, c12, a, &r, NULL) && r.name)
		county = r.name;
	const char *kind = v->run.kind;
	const char *suffix = !strcmp(kind, "reissue") ? "（重发）"
			     : !strcmp(kind, "arrears") ? "（补发）" : "";
	char when[32];
	*title = dib_arena_printf(a, "%s%s%s%s%s%s", county, place ? place : "", v->program_name,
				  v->period_name, what, suffix);
	*info = dib_arena_printf(a, "批次号：%s　状态：%s　应发日期：%s　制表时间：%s%s",
				 v->run.run_no, payroll_state_name(v->run.state), v->run.due_on,
				 payroll__xlsx_time(NULL, when, sizeof when), note ? note : "");
	return *title && *info ? DIB_OK : dib_err_nomem(err);
}

/* "12 户 20 人 3 笔 1,234.56 元" */
static char *totals_text(int64_t households, int64_t persons, int64_t lines, int64_t fen,
			 char *out, size_t cap)
{
	char m[MONEY_STR];
	snprintf(out, cap, "%" PRId64 " 户 %" PRId64 " 人 %" PRId64 " 笔 %s 元", households,
		 persons, lines, money_format(fen, m));
	return out;
}

/* ---- the roster ---- */

enum {
	C_SEQ, C_CODE, C_VILLAGE, C_HH, C_PAYEE, C_ID, C_PROGRAM, C_PERSONS, C_BASE, C_ADDON,
	C_DEDUCT, C_TOTAL, C_BANK, C_ACCOUNT, C_PERIOD, C_STATE, C_ROSTER
};

static const struct xlsx_col roster_cols[C_ROSTER] = {
	{ "序号", 6 },      { "区划代码", 14 }, { "村(社区)", 18 },   { "户编号", 16 },
	{ "领取人", 10 },   { "身份证号", 21 }, { "补贴项目", 10 },   { "保障人数", 9 },
	{ "保障金", 11 },   { "分类施保金", 11 }, { "扣减", 9 },      { "合计", 11 },
	{ "开户行", 18 },   { "账号", 23 },     { "发放年月", 12 },   { "状态", 16 },
};

/* What rows add up to: every line but void ones (as store_payroll_lines_sum). */
struct sums {
	int64_t households, persons, lines, base, addon, deduction, total;
};

static void sums_add(struct sums *to, const struct sums *x)
{
	to->households += x->households;
	to->persons += x->persons;
	to->lines += x->lines;
	to->base += x->base;
	to->addon += x->addon;
	to->deduction += x->deduction;
	to->total += x->total;
}

struct roster {
	struct store *s;
	const struct authz_subject *who;
	const struct payroll_view *v;
	bool masked;
	const char *title, *info;
	int sheets;
	dib_arena page; /* one page of lines; reset per page */
	int64_t seq;
	struct sums village, town, all;
	char village_code[REGION_LEN + 1];
	char village_name[256];
	int64_t last_hh; /* the household of the village's previous line */
};

/* s into out[cap], cut at a UTF-8 character boundary when too long. */
static void copy_utf8(char *out, size_t cap, const char *s)
{
	size_t n = strlen(s);
	if (n >= cap) {
		n = cap - 1;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(out, s, n);
	out[n] = '\0';
}

/* Only the last 4 digits of an account number (lists for villages). */
static const char *mask_account(const char *s, char *out, size_t cap)
{
	size_t n = strlen(s);
	if (n >= cap)
		n = cap - 1;
	for (size_t i = 0; i < n; i++)
		out[i] = n > 4 && i + 4 >= n ? s[i] : '*';
	out[n] = '\0';
	return out;
}

/* The Chinese name of a line's period code (a reissue run's lines keep
 * the periods they were owed for), in buf[PAY_PERIOD_NAME]. */
static const char *period_name(const struct payroll_view *v, const char *code, char *buf)
{
	if (!code || !strcmp(code, v->run.period))
		return v->period_name;
	for (int r = 0; r < PAY_RHYTHMS; r++) {
		struct pay_period p;
		if (!pay_period_parse((enum pay_rhythm)r, code, &p, NULL))
			return pay_period_name(p, buf);
	}
	return code;
}

static const char *line_state(struct roster *r, const store_payroll_line *l)
{
	if (!strcmp(l->status, "paid"))
		return "已发放";
	if (!strcmp(l->status, "void"))
		return "已作废";
	if (!strcmp(l->status, "failed")) {
		const char *why = l->bank_reason && *l->bank_reason
				? dib_arena_printf(&r->page, "发放失败：%s", l->bank_reason)
				: NULL;
		return why ? why : "发放失败";
	}
	/* pending: in the bank's hands once the file went out */
	const char *st = r->v->run.state;
	return !strcmp(st, PAYROLL_EXPORTED) || !strcmp(st, PAYROLL_RETURNED) ? "未回盘" : "待发放";
}

/* Title, run, column titles (repeated on every printed page). */
static dib_code roster_sheet(struct roster *r, struct xlsx_book *b, dib_err *err)
{
	char name[32] = "补贴清册";
	if (++r->sheets > 1)
		snprintf(name, sizeof name, "补贴清册（续%d）", r->sheets);
	dib_code rc = xlsx_book_sheet(b, name, roster_cols, C_ROSTER, err);
	if (!rc)
		rc = xlsx_book_line(b, r->title, XLSX_TITLE, 30, err);
	if (!rc)
		rc = xlsx_book_line(b, r->info, XLSX_INFO, 0, err);
	const char *titles[C_ROSTER];
	for (int c = 0; c < C_ROSTER; c++)
		titles[c] = roster_cols[c].title;
	uint32_t head = b->row;
	if (!rc)
		rc = xlsx_book_heads(b, titles, C_ROSTER, err);
	if (!rc) {
		xlsx_book_repeat(b, head, head);
		xlsx_book_freeze(b, head + 1);
	}
	return rc;
}

/* Before each row: a new sheet when this one is full. */
static dib_code roster_room(struct roster *r, struct xlsx_book *b, dib_err *err)
{
	return xlsx_book_full(b) ? roster_sheet(r, b, err) : DIB_OK;
}

/* A subtotal or total row: label, counts, money (base etc. unless only
 * the control totals are known). */
static dib_code roster_sum_row(struct roster *r, struct xlsx_book *b, const char *code,
			       const char *label, const struct sums *x, bool split, dib_err *err)
{
	dib_code rc = roster_room(r, b, err);
	if (rc)
		return rc;
	xlsx_book_text(b, C_SEQ, NULL, XLSX_SUB);
	xlsx_book_text(b, C_CODE, code, XLSX_SUB);
	xlsx_book_text(b, C_VILLAGE, label, XLSX_SUB);
	xlsx_book_int(b, C_HH, x->households, XLSX_SUB_HH);
	xlsx_book_int(b, C_PAYEE, x->lines, XLSX_SUB_LINES);
	xlsx_book_text(b, C_ID, NULL, XLSX_SUB);
	xlsx_book_text(b, C_PROGRAM, NULL, XLSX_SUB);
	xlsx_book_int(b, C_PERSONS, x->persons, XLSX_SUB_NUM);
	if (split) {
		xlsx_book_fen(b, C_BASE, x->base, XLSX_SUB_MONEY);
		xlsx_book_fen(b, C_ADDON, x->addon, XLSX_SUB_MONEY);
		xlsx_book_fen(b, C_DEDUCT, x->deduction, XLSX_SUB_MONEY);
	} else {
		xlsx_book_text(b, C_BASE, NULL, XLSX_SUB);
		xlsx_book_text(b, C_ADDON, NULL, XLSX_SUB);
		xlsx_book_text(b, C_DEDUCT, NULL, XLSX_SUB);
	}
	xlsx_book_fen(b, C_TOTAL, x->total, XLSX_SUB_MONEY);
	xlsx_book_blank(b, C_TOTAL + 1, XLSX_SUB);
	return xlsx_book_next_row(b, err);
}

/* Closes the village being written: its 村小计, added to the township. */
static dib_code roster_village_end(struct roster *r, struct xlsx_book *b, dib_err *err)
{
	if (!r->village_code[0])
		return DIB_OK;
	char label[300];
	snprintf(label, sizeof label, "村小计（%s）", r->village_name);
	dib_code rc = roster_sum_row(r, b, r->village_code, label, &r->village, true, err);
	sums_add(&r->town, &r->village);
	memset(&r->village, 0, sizeof r->village);
	r->village_code[0] = '\0';
	return rc;
}

static dib_code roster_line(struct roster *r, struct xlsx_book *b, const store_payroll_line *l,
			    dib_err *err)
{
	dib_code rc = DIB_OK;
	if (strcmp(l->village, r->village_code)) {
		rc = roster_village_end(r, b, err);
		snprintf(r->village_code, sizeof r->village_code, "%s", l->village);
		copy_utf8(r->village_name, sizeof r->village_name, nz(l->village_name));
		r->last_hh = 0;
	}
	if (!rc)
		rc = roster_room(r, b, err);
	if (rc)
		return rc;
	char id[IDCARD_LEN + 1], acct[64], pn[PAY_PERIOD_NAME];
	const char *idv = nz(l->payee_id_number), *acv = nz(l->bank_account);
	if (r->masked) {
		idv = idcard_mask(idv, id);
		acv = mask_account(acv, acct, sizeof acct);
	}
	xlsx_book_int(b, C_SEQ, ++r->seq, XLSX_NUM);
	xlsx_book_text(b, C_CODE, l->village, XLSX_TEXT);
	xlsx_book_text(b, C_VILLAGE, l->village_name, XLSX_CELL);
	xlsx_book_text(b, C_HH, l->hh_no, XLSX_TEXT);
	xlsx_book_text(b, C_PAYEE, l->payee_name, XLSX_CELL);
	xlsx_book_text(b, C_ID, idv, XLSX_TEXT);
	xlsx_book_text(b, C_PROGRAM, r->v->program_name, XLSX_CELL);
	xlsx_book_int(b, C_PERSONS, l->persons, XLSX_NUM);
	xlsx_book_fen(b, C_BASE, l->base_fen, XLSX_MONEY);
	xlsx_book_fen(b, C_ADDON, l->addon_fen, XLSX_MONEY);
	xlsx_book_fen(b, C_DEDUCT, l->deduction_fen, XLSX_MONEY);
	xlsx_book_fen(b, C_TOTAL, l->total_fen, XLSX_MONEY);
	xlsx_book_text(b, C_BANK, l->bank_name, XLSX_CELL);
	xlsx_book_text(b, C_ACCOUNT, acv, XLSX_TEXT);
	xlsx_book_text(b, C_PERIOD, period_name(r->v, l->period, pn), XLSX_CELL);
	xlsx_book_text(b, C_STATE, line_state(r, l), XLSX_CELL);
	if (strcmp(l->status, "void")) {
		struct sums *x = &r->village;
		if (l->household_id != r->last_hh)
			x->households++;
		r->last_hh = l->household_id;
		x->persons += l->persons;
		x->lines++;
		x->base += l->base_fen;
		x->addon += l->addon_fen;
		x->deduction += l->deduction_fen;
		x->total += l->total_fen;
	}
	return xlsx_book_next_row(b, err);
}

/* One township: a heading, its lines village by village (read a page at a
 * time through payroll_lines, which checks who's right each time), the
 * last 村小计 and the 乡镇小计. */
static dib_code roster_township(struct roster *r, struct xlsx_book *b,
				const store_payroll_section *sec, dib_err *err)
{
	const store_payroll_totals *d = &sec->declared;
	const char *tname = sec->township_name ? sec->township_name : sec->township;
	char head[512], tt[160];
	snprintf(head, sizeof head, "%s（%s）　清册状态：%s　控制数：%s", tname, sec->township,
		 payroll_section_state_name(sec->state),
		 totals_text(d->households, d->persons, d->lines, d->total_fen, tt, sizeof tt));
	dib_code rc = roster_room(r, b, err);
	if (!rc)
		rc = xlsx_book_line(b, head, XLSX_BOLD, 0, err);
	store_payroll_line_filter f = { .township = sec->township, .limit = PAGE_LINES };
	while (!rc) {
		dib_arena_reset(&r->page);
		store_payroll_line *ls = NULL;
		size_t n = 0;
		int64_t total = 0;
		rc = payroll_lines(r->s, r->who, r->v->run.id, &f, &r->page, &ls, &n, &total, err);
		for (size_t i = 0; !rc && i < n; i++)
			rc = roster_line(r, b, &ls[i], err);
		f.offset += (int64_t)n;
		if (n < PAGE_LINES || f.offset >= total)
			break;
	}
	if (!rc)
		rc = roster_village_end(r, b, err);
	if (!rc) {
		char label[300];
		snprintf(label, sizeof label, "乡镇小计（%s）", tname);
		rc = roster_sum_row(r, b, sec->township, label, &r->town, true, err);
	}
	sums_add(&r->all, &r->town);
	memset(&r->town, 0, sizeof r->town);
	return rc;
}

static dib_code roster_write(struct xlsx_book *b, void *ctx, dib_err *err)
{
	struct roster *r = ctx;
	const struct payroll_view *v = r->v;
	dib_code rc = roster_sheet(r, b, err);
	for (size_t i = 0; !rc && i < v->nsections; i++)
		rc = roster_township(r, b, &v->sections[i], err);
	if (!rc)
		rc = roster_sum_row(r, b, NULL, "明细合计", &r->all, true, err);
	/* the control totals: the run's, or the township's part for its user */
	store_payroll_totals want = v->run.declared;
	if (township_user(r->who)) {
		memset(&want, 0, sizeof want);
		for (size_t i = 0; i < v->nsections; i++) {
			want.households += v->sections[i].declared.households;
			want.persons += v->sections[i].declared.persons;
			want.lines += v->sections[i].declared.lines;
			want.total_fen += v->sections[i].declared.total_fen;
		}
	}
	struct sums w = { .households = want.households, .persons = want.persons,
			  .lines = want.lines, .total = want.total_fen };
	const char *label = township_user(r->who) ? "合计（本乡镇控制数）" : "合计（控制数）";
	if (!rc)
		rc = roster_sum_row(r, b, NULL, label, &w, false, err);
	const struct sums *a = &r->all;
	bool same = a->households == w.households && a->persons == w.persons &&
		    a->lines == w.lines && a->total == w.total;
	char line[512], t1[160], t2[160];
	if (same)
		snprintf(line, sizeof line, "控制数核对：相符（%s）",
			 totals_text(a->households, a->persons, a->lines, a->total, t1, sizeof t1));
	else
		snprintf(line, sizeof line, "控制数核对：不符（明细合计 %s，控制数 %s）",
			 totals_text(a->households, a->persons, a->lines, a->total, t1, sizeof t1),
			 totals_text(w.households, w.persons, w.lines, w.total, t2, sizeof t2));
	if (!rc)
		rc = roster_room(r, b, err);
	if (!rc)
		rc = xlsx_book_line(b, line, XLSX_BOLD, 0, err);
	if (!rc)
		rc = roster_room(r, b, err);
	if (!rc)
		rc = xlsx_book_line(b, "经办人：　　　　　　审核人：　　　　　　"
				       "负责人：　　　　　　（单位盖章）", XLSX_PLAIN, 36, err);
	return rc;
}

dib_code payroll_xlsx_roster(struct store *s, const struct authz_subject *who, int64_t run_id,
			     bool masked, const char *path, dib_err *err)
{
	if (!path || !*path)
		return dib_err_set(err, DIB_EINVAL, "没有指定导出文件");
	dib_arena a;
	dib_arena_init(&a, 16384, 0);
	struct payroll_view v;
	dib_code rc = payroll_get(s, who, run_id, &a, &v, err);
	struct roster r = { .s = s, .who = who, .v = &v, .masked = masked };
	dib_arena_init(&r.page, 1u << 18, 0);
	/* a township's user gets its own part: the title says whose */
	const char *town = !rc && township_user(who) && v.nsections == 1
				   ? v.sections[0].township_name : NULL;
	if (!rc)
		rc = payroll__xlsx_heading(s, &v, town, "补贴清册",
					   masked ? "　（身份证号、银行账号已部分隐去）" : NULL, &a,
					   &r.title, &r.info, err);
	if (!rc)
		rc = xlsx_book_write(path, r.title, roster_write, &r, err);
	if (!rc) {
		json_t *j = json_pack("{s:b, s:I, s:I}", "masked", masked, "lines",
				      (json_int_t)r.seq, "total_fen", (json_int_t)r.all.total);
		/* the file exists only once its audit record does */
		rc = payroll__xlsx_record(s, who, &v.run, "payroll.roster_export", j, err);
		if (rc)
			unlink(path);
	}
	dib_arena_release(&r.page);
	dib_arena_release(&a);
	return rc;
}

