/*
 * test_payroll_xlsx.c — the roster (补贴清册) and the finance ledger (计财台账)
 * of a real payroll run (svc/payroll_xlsx.h), on a SQLite demo county: a
 * month's 农村低保 run built from the demo's covered households, submitted
 * township by township and approved, then exported to the bank and a
 * return with one failure recorded. The files are read back as what they
 * are — zip archives of XML — with `unzip -p`, and checked cell by cell:
 * the 合计 row is the run's control totals, each 乡镇小计 its section's, a
 * 村小计 follows each village, the masked roster holds no whole ID or
 * account number, a township's user gets its township only, the ledger's
 * figures are the roster's and the bank's outcome balances. A line changed
 * behind the roster's back makes the control check say 不符. Refusals
 * leave no file and no audit record; every export leaves one.
 * Single-threaded; one database for the group.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "core/idcard.h"
#include "svc/authz.h"
#include "svc/payroll.h"
#include "svc/payroll_xlsx.h"
#include "svc/setup.h"
#include "store/store.h"

#include <inttypes.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

static const dib_date today = { 2026, 11, 26 };

static const char *const r_prep[] = { "township_caseworker" };
static const char *const r_approve[] = { "county_approver" };
static const char *const r_pay[] = { "payment_officer" };
static const char *const r_audit[] = { "auditor" };
static const char *const r_admin[] = { "sys_admin" };
static const struct authz_subject prep = { "prep", "410726000000", r_prep, 1 };
static const struct authz_subject approver = { "approver", "410726000000", r_approve, 1 };
static const struct authz_subject payer = { "payer", "410726000000", r_pay, 1 };
static const struct authz_subject auditor = { "auditor", "410726000000", r_audit, 1 };
static const struct authz_subject admin = { "admin", "410726000000", r_admin, 1 };

struct fx {
	char dir[64];
	struct store *s;
	int64_t run;
	dib_arena a;
	struct payroll_view v;  /* the run as approved */
	store_payroll_line *lines;
	size_t nlines;
	size_t villages;        /* distinct villages among the lines */
};

#define OK(expr)                                                                   \
	do {                                                                       \
		dib_err_clear(&err);                                               \
		dib_code rc_ = (expr);                                             \
		if (rc_)                                                           \
			fail_msg("%s -> %s: %s | %s", #expr, dib_code_name(rc_),   \
				 err.msg, err.detail);                             \
	} while (0)

static int64_t count_of(struct store *s, const char *sql)
{
	dib_err err;
	int64_t n = -1;
	OK(store_query_int64(s, sql, 0, NULL, &n, NULL, &err));
	return n;
}

static int64_t exports(struct store *s, const char *what)
{
	char sql[160];
	snprintf(sql, sizeof sql,
		 "SELECT count(*) FROM audit_log WHERE action = 'payroll.%s_export'", what);
	return count_of(s, sql);
}

static bool exists(const char *path)
{
	return access(path, F_OK) == 0;
}

static void path_of(const struct fx *x, const char *name, char *out, size_t cap)
{
	snprintf(out, cap, "%s/%s", x->dir, name);
}

/* The first worksheet's XML of an xlsx file (free it). */
static char *sheet_xml(const char *xlsx)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/worksheets/sheet1.xml", xlsx);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	assert_non_null(buf);
	size_t n;
	while ((n = fread(buf + len, 1, cap - len - 1, p)) > 0) {
		len += n;
		if (cap - len < 2) {
			buf = realloc(buf, cap *= 2);
			assert_non_null(buf);
		}
	}
	buf[len] = '\0';
	assert_int_equal(pclose(p), 0);
	assert_true(len > 100);
	return buf;
}

static bool has(const char *xml, const char *text)
{
	return strstr(xml, text) != NULL;
}

static int occurrences(const char *xml, const char *text)
{
	int n = 0;
	for (const char *p = strstr(xml, text); p; p = strstr(p + 1, text))
		n++;
	return n;
}

/* The <row> holding a string cell that is exactly text (a copy), NULL when none. */
static char *row_with(const char *xml, const char *text)
{
	char pat[512];
	snprintf(pat, sizeof pat, "<t>%s</t>", text);
	const char *hit = strstr(xml, pat);
	if (!hit)
		return NULL;
	const char *start = hit;
	while (start > xml && strncmp(start, "<row ", 5))
		start--;
	const char *end = strstr(hit, "</row>");
	assert_non_null(end);
	return strndup(start, (size_t)(end - start));
}

/* The number in column col (one letter) of row; NAN for a blank or text cell. */
static double cell(const char *row, char col)
{
	char pat[16];
	snprintf(pat, sizeof pat, "<c r=\"%c", col);
	for (const char *p = strstr(row, pat); p; p = strstr(p + 1, pat)) {
		const char *q = p + strlen(pat);
		if (*q < '0' || *q > '9')
			continue;
		const char *gt = strchr(q, '>');
		if (!gt || gt[-1] == '/' || strncmp(gt + 1, "<v>", 3))
			return NAN;
		return strtod(gt + 4, NULL);
	}
	return NAN;
}

static int64_t fen_of(double yuan)
{
	assert_false(isnan(yuan));
	return llround(yuan * 100.0);
}

/* Whether xml holds a whole 18-character ID number (17 digits and a digit or X). */
static bool has_full_id(const char *xml)
{
	size_t run = 0;
	for (const char *p = xml; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (++run >= 18)
				return true;
		} else if (*p == 'X' && run == 17) {
			return true;
		} else {
			run = 0;
		}
	}
	return false;
}

/* ---- the fixture: a demo county with an approved run ---- */

static int setup(void **state)
{
	struct fx *x = calloc(1, sizeof *x);
	assert_non_null(x);
	dib_err err;
	snprintf(x->dir, sizeof x->dir, "/tmp/dib_pxl_XXXXXX");
	assert_non_null(mkdtemp(x->dir));
	char url[128], data[4096];
	snprintf(url, sizeof url, "sqlite:%s/t.db", x->dir);
	const char *src = getenv("DIB_SOURCE_DIR");
	snprintf(data, sizeof data, "%s/data", src && *src ? src : DIB_SOURCE_DIR);
	OK(store_open(url, &x->s, &err));
	struct setup_result sr;
	OK(setup_init_store(x->s, data, "test", &sr, &err));
	struct demo_opts o = { .data_dir = data, .work_dir = x->dir, .households = 60, .seed = 7,
			       .actor = "test" };
	struct demo_result dr;
	OK(demo_create(x->s, &o, &dr, &err));
	int made = 0;
	OK(demo_covered(x->s, "410726", 12, today, &made, &err));
	assert_true(made >= 3);
	/* the demo's covered households live one to a village: move one next
	 * to another of its township, for a village of two lines */
	OK(store_exec(x->s,
		"WITH c AS (SELECT DISTINCT h.id, h.village_code AS v FROM households h"
		"  JOIN entitlements e ON e.household_id = h.id WHERE e.program = 'dibao_rural'),"
		" t AS (SELECT substr(v, 1, 9) AS t FROM c GROUP BY 1 HAVING count(*) >= 2"
		"  ORDER BY 1 LIMIT 1),"
		" a AS (SELECT id, v FROM c WHERE substr(v, 1, 9) = (SELECT t FROM t) ORDER BY id"
		"  LIMIT 2)"
		" UPDATE households SET village_code = (SELECT min(v) FROM a)"
		" WHERE id = (SELECT max(id) FROM a)", &err));

	dib_arena_init(&x->a, 0, 0);
	struct payroll_build_req req = { "410726", "dibao_rural", "2026-11" };
	struct payroll_build_result br;
	OK(payroll_build(x->s, &prep, "prep", &req, today, &x->a, &br, &err));
	x->run = br.run_id;
	struct payroll_view v;
	OK(payroll_get(x->s, NULL, x->run, &x->a, &v, &err));
	for (size_t i = 0; i < v.nsections; i++)
		OK(payroll_submit(x->s, &prep, "prep", x->run, v.sections[i].township, &err));
	OK(payroll_approve(x->s, &approver, "approver", x->run, &err));
	OK(payroll_get(x->s, NULL, x->run, &x->a, &x->v, &err));
	assert_string_equal(x->v.run.state, PAYROLL_APPROVED);
	assert_true(x->v.nsections >= 2); /* townships to group by */
	assert_true(x->v.totals_ok);

	store_payroll_line_filter f = { .limit = 1000 };
	int64_t total = 0;
	OK(payroll_lines(x->s, NULL, x->run, &f, &x->a, &x->lines, &x->nlines, &total, &err));
	assert_int_equal((int64_t)x->nlines, x->v.run.declared.lines);
	for (size_t i = 0; i < x->nlines; i++)
		if (!i || strcmp(x->lines[i].village, x->lines[i - 1].village))
			x->villages++;
	assert_true(x->villages < x->nlines);
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct fx *x = *state;
	store_close(x->s);
	dib_arena_release(&x->a);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", x->dir);
	assert_int_equal(system(cmd), 0);
	free(x);
	return 0;
}

/* ---- the roster ---- */

static void test_payroll_xlsx__roster(void **state)
{
	struct fx *x = *state;
	dib_err err;
	char path[128], tmp[160];
	path_of(x, "roster.xlsx", path, sizeof path);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	int64_t before = exports(x->s, "roster");
	OK(payroll_xlsx_roster(x->s, &auditor, x->run, false, path, &err));
	assert_false(exists(tmp));
	assert_int_equal(exports(x->s, "roster"), before + 1);
	char *xml = sheet_xml(path);

	/* the title, the run, the column titles of regulations §9.2 */
	assert_true(has(xml, "<t>延津县农村低保2026年11月补贴清册</t>"));
	char want[256];
	snprintf(want, sizeof want, "批次号：%s　状态：已审批　应发日期：2026-11-10",
		 x->v.run.run_no);
	assert_true(has(xml, want));
	static const char *const heads[] = { "序号", "区划代码", "户编号", "领取人",
					     "身份证号", "补贴项目", "保障人数", "保障金",
					     "分类施保金", "合计", "开户行", "账号", "发放年月" };
	for (size_t i = 0; i < DIB_ARRAY_LEN(heads); i++) {
		snprintf(want, sizeof want, "<t>%s</t>", heads[i]);
		assert_true(has(xml, want));
	}

	/* every line, unmasked: the payee, the whole ID and account */
	for (size_t i = 0; i < x->nlines; i++) {
		const store_payroll_line *l = &x->lines[i];
		snprintf(want, sizeof want, "<t>%s</t>", l->payee_id_number);
		if (!has(xml, want))
			fail_msg("line %zu: ID %s missing", i, l->payee_id_number);
		snprintf(want, sizeof want, "<t>%s</t>", l->bank_account);
		assert_true(has(xml, want));
	}
	assert_true(has_full_id(xml));
	assert_true(has(xml, "<t>待发放</t>"));
	assert_true(has(xml, "<t>2026年11月</t>"));

	/* a 村小计 per village, a 乡镇小计 per township with its section's totals */
	assert_int_equal(occurrences(xml, "<t>村小计（"), (int)x->villages);
	for (size_t i = 0, j; i < x->nlines; i = j) {
		struct { int64_t n, persons, fen; } v = { 0 };
		const char *village = x->lines[i].village;
		for (j = i; j < x->nlines && !strcmp(x->lines[j].village, village); j++) {
			v.n++;
			v.persons += x->lines[j].persons;
			v.fen += x->lines[j].total_fen;
		}
		snprintf(want, sizeof want, "村小计（%s）", x->lines[i].village_name);
		char *row = row_with(xml, want);
		assert_non_null(row);
		assert_int_equal((int64_t)cell(row, 'D'), v.n);
		assert_int_equal((int64_t)cell(row, 'H'), v.persons);
		assert_int_equal(fen_of(cell(row, 'L')), v.fen);
		free(row);
	}
	assert_int_equal(occurrences(xml, "<t>乡镇小计（"), (int)x->v.nsections);
	for (size_t i = 0; i < x->v.nsections; i++) {
		const store_payroll_section *sec = &x->v.sections[i];
		snprintf(want, sizeof want, "乡镇小计（%s）", sec->township_name);
		char *row = row_with(xml, want);
		assert_non_null(row);
		assert_int_equal((int64_t)cell(row, 'D'), sec->declared.households);
		assert_int_equal((int64_t)cell(row, 'E'), sec->declared.lines);
		assert_int_equal((int64_t)cell(row, 'H'), sec->declared.persons);
		assert_int_equal(fen_of(cell(row, 'L')), sec->declared.total_fen);
		free(row);
	}

	/* 明细合计 = the rows, 合计 = the control totals, and they agree */
	const store_payroll_totals *d = &x->v.run.declared;
	int64_t base = 0, addon = 0;
	for (size_t i = 0; i < x->nlines; i++) {
		base += x->lines[i].base_fen;
		addon += x->lines[i].addon_fen;
	}
	char *rows = row_with(xml, "明细合计");
	assert_non_null(rows);
	assert_int_equal(fen_of(cell(rows, 'I')), base);
	assert_int_equal(fen_of(cell(rows, 'J')), addon);
	assert_int_equal(fen_of(cell(rows, 'L')), d->total_fen);
	free(rows);
	char *total = row_with(xml, "合计（控制数）");
	assert_non_null(total);
	assert_int_equal((int64_t)cell(total, 'D'), d->households);
	assert_int_equal((int64_t)cell(total, 'E'), d->lines);
	assert_int_equal((int64_t)cell(total, 'H'), d->persons);
	assert_int_equal(fen_of(cell(total, 'L')), d->total_fen);
	assert_true(isnan(cell(total, 'I'))); /* the control totals have no split */
	free(total);
	assert_true(has(xml, "<t>控制数核对：相符（"));
	assert_false(has(xml, "不符"));
	free(xml);
}

static void test_payroll_xlsx__masked(void **state)
{
	struct fx *x = *state;
	dib_err err;
	char path[128];
	path_of(x, "masked.xlsx", path, sizeof path);
	OK(payroll_xlsx_roster(x->s, &auditor, x->run, true, path, &err));
	char *xml = sheet_xml(path);
	assert_false(has_full_id(xml));
	assert_true(has(xml, "身份证号、银行账号已部分隐去"));
	for (size_t i = 0; i < x->nlines; i++) {
		const store_payroll_line *l = &x->lines[i];
		char id[IDCARD_LEN + 1], want[128];
		snprintf(want, sizeof want, "<t>%s</t>", idcard_mask(l->payee_id_number, id));
		assert_true(has(xml, want));
		assert_false(has(xml, l->bank_account));
		size_t n = strlen(l->bank_account);
		assert_true(n > 8);
		snprintf(want, sizeof want, "****%s</t>", l->bank_account + n - 4);
		assert_true(has(xml, want));
	}
	/* the same figures as the full roster */
	char *total = row_with(xml, "合计（控制数）");
	assert_non_null(total);
	assert_int_equal(fen_of(cell(total, 'L')), x->v.run.declared.total_fen);
	free(total);
	assert_true(has(xml, "<t>控制数核对：相符（"));
	free(xml);
}

/* A township's clerk gets its own township, checked against its section. */
static void test_payroll_xlsx__township(void **state)
{
	struct fx *x = *state;
	dib_err err;
	const store_payroll_section *mine = &x->v.sections[0], *other = &x->v.sections[1];
	const struct authz_subject clerk = { "clerk", mine->township, r_prep, 1 };
	char path[128];
	path_of(x, "township.xlsx", path, sizeof path);
	OK(payroll_xlsx_roster(x->s, &clerk, x->run, true, path, &err));
	char *xml = sheet_xml(path);
	char want[256];
	snprintf(want, sizeof want, "<t>延津县%s农村低保2026年11月补贴清册</t>",
		 mine->township_name);
	assert_true(has(xml, want));
	assert_false(has(xml, other->township_name));
	assert_int_equal(occurrences(xml, "<t>乡镇小计（"), 1);
	char *total = row_with(xml, "合计（本乡镇控制数）");
	assert_non_null(total);
	assert_int_equal((int64_t)cell(total, 'D'), mine->declared.households);
	assert_int_equal(fen_of(cell(total, 'L')), mine->declared.total_fen);
	free(total);
	assert_true(has(xml, "<t>控制数核对：相符（"));
	free(xml);
}

/* Refused: no file (nor its .tmp), no audit record. */
static void test_payroll_xlsx__refusals(void **state)
{
	struct fx *x = *state;
	const struct authz_subject clerk = { "clerk", x->v.sections[0].township, r_prep, 1 };
	char path[128], tmp[160];
	path_of(x, "refused.xlsx", path, sizeof path);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	int64_t rosters = exports(x->s, "roster"), ledgers = exports(x->s, "ledger");
	const struct {
		bool ledger;
		const struct authz_subject *who;
		int64_t run;
		const char *path;
		dib_code rc;
		const char *msg;
	} cases[] = {
		{ false, &auditor, 999999, path, DIB_ENOTFOUND, "不存在" },
		{ true, &auditor, 999999, path, DIB_ENOTFOUND, "不存在" },
		{ false, &admin, x->run, path, DIB_EPERM, "没有权限" },
		{ true, &admin, x->run, path, DIB_EPERM, "没有权限" },
		{ true, &clerk, x->run, path, DIB_EPERM, "不在您的管辖区域内" },
		{ false, &auditor, x->run, "", DIB_EINVAL, "没有指定导出文件" },
		{ true, &auditor, x->run, NULL, DIB_EINVAL, "没有指定导出文件" },
		{ false, &auditor, x->run, "/nonexistent/dir/r.xlsx", DIB_EIO, "/nonexistent/dir" },
		{ true, &auditor, x->run, "/nonexistent/dir/l.xlsx", DIB_EIO, "/nonexistent/dir" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		dib_err err;
		dib_err_clear(&err);
		dib_code rc = cases[i].ledger
				      ? payroll_xlsx_ledger(x->s, cases[i].who, cases[i].run,
							    cases[i].path, &err)
				      : payroll_xlsx_roster(x->s, cases[i].who, cases[i].run, false,
							    cases[i].path, &err);
		if (rc != cases[i].rc || !strstr(err.msg, cases[i].msg))
			fail_msg("case %zu: %s \"%s\", want %s \"%s\"", i, dib_code_name(rc),
				 err.msg, dib_code_name(cases[i].rc), cases[i].msg);
		assert_false(exists(path));
		assert_false(exists(tmp));
	}
	assert_int_equal(exports(x->s, "roster"), rosters);
	assert_int_equal(exports(x->s, "ledger"), ledgers);
}

/* A line changed in the database after approval: the rows no longer add
 * up to the control totals, and the roster says so. */
static void test_payroll_xlsx__mismatch(void **state)
{
	struct fx *x = *state;
	dib_err err;
	char sql[256], path[128];
	snprintf(sql, sizeof sql,
		 "UPDATE payroll_lines SET base_fen = base_fen + 100, total_fen = total_fen + 100"
		 " WHERE id = %" PRId64, x->lines[0].id);
	OK(store_exec(x->s, sql, &err));
	path_of(x, "mismatch.xlsx", path, sizeof path);
	OK(payroll_xlsx_roster(x->s, &auditor, x->run, false, path, &err));
	char *xml = sheet_xml(path);
	assert_true(has(xml, "<t>控制数核对：不符（明细合计"));
	char *rows = row_with(xml, "明细合计");
	assert_int_equal(fen_of(cell(rows, 'L')), x->v.run.declared.total_fen + 100);
	free(rows);
	char *total = row_with(xml, "合计（控制数）");
	assert_int_equal(fen_of(cell(total, 'L')), x->v.run.declared.total_fen);
	free(total);
	free(xml);
	snprintf(sql, sizeof sql,
		 "UPDATE payroll_lines SET base_fen = base_fen - 100, total_fen = total_fen - 100"
		 " WHERE id = %" PRId64, x->lines[0].id);
	OK(store_exec(x->s, sql, &err));
}

/* ---- to the bank and back: the ledger ---- */

/* The bank's return for the exported CSV (序号,业务编号,…,户名,账号,金额,…):
 * every line paid but the first, failed "账户已销户". */
static char *bank_return(const struct payroll_file *f)
{
	size_t cap = f->bytes.len + 4096, len = 0;
	char *out = malloc(cap);
	assert_non_null(out);
	len += (size_t)snprintf(out, cap, "序号,业务编号,户名,账号,金额,处理状态,失败原因\r\n");
	char *copy = strndup(f->bytes.ptr, f->bytes.len);
	assert_non_null(copy);
	char *save = NULL;
	int row = 0;
	for (char *line = strtok_r(copy, "\r\n", &save); line;
	     line = strtok_r(NULL, "\r\n", &save)) {
		if (row++ == 0)
			continue; /* the titles */
		const char *v[12] = { 0 };
		int n = 0;
		for (char *p = line; n < 12; n++) {
			v[n] = p;
			char *comma = strchr(p, ',');
			if (!comma) {
				n++;
				break;
			}
			*comma = '\0';
			p = comma + 1;
		}
		assert_true(n >= 9);
		bool failed = row == 2;
		len += (size_t)snprintf(out + len, cap - len, "%s,%s,%s,%s,%s,%s,%s\r\n", v[0],
					v[1], v[6], v[7], v[8], failed ? "F001" : "成功",
					failed ? "账户已销户" : "");
		assert_true(len < cap);
	}
	free(copy);
	return out;
}

static void test_payroll_xlsx__ledger(void **state)
{
	struct fx *x = *state;
	dib_err err;
	dib_arena a;
	dib_arena_init(&a, 0, 0);
	struct payroll_export_req req = { .run_id = x->run, .template_name = "通用CSV（UTF-8）",
					  .payer_account = "410500012345" };
	struct payroll_file file;
	OK(payroll_export(x->s, &payer, "payer", &req, today, &a, &file, &err));
	char *ret = bank_return(&file);
	struct payroll_return_result rr;
	OK(payroll_record_return(x->s, &payer, "payer", x->run, "回盘20261127.csv", ret,
				 strlen(ret), today, &a, &rr, &err));
	free(ret);
	assert_int_equal(rr.failed, 1);
	assert_int_equal(rr.pending_left, 0);
	const store_payroll_totals *d = &x->v.run.declared;

	char path[128], rpath[128];
	path_of(x, "ledger.xlsx", path, sizeof path);
	path_of(x, "roster2.xlsx", rpath, sizeof rpath);
	int64_t before = exports(x->s, "ledger");
	OK(payroll_xlsx_ledger(x->s, &auditor, x->run, path, &err));
	assert_int_equal(exports(x->s, "ledger"), before + 1);
	OK(payroll_xlsx_roster(x->s, &auditor, x->run, false, rpath, &err));
	char *xml = sheet_xml(path), *roster = sheet_xml(rpath);

	assert_true(has(xml, "<t>延津县农村低保2026年11月计财台账</t>"));
	assert_true(has(xml, "状态：已回盘"));
	/* the townships: exactly the roster's 乡镇小计 */
	for (size_t i = 0; i < x->v.nsections; i++) {
		const store_payroll_section *sec = &x->v.sections[i];
		char label[256];
		snprintf(label, sizeof label, "乡镇小计（%s）", sec->township_name);
		char *lr = row_with(xml, sec->township_name), *rr2 = row_with(roster, label);
		assert_non_null(lr);
		assert_non_null(rr2);
		assert_int_equal((int64_t)cell(lr, 'D'), (int64_t)cell(rr2, 'D'));
		assert_int_equal((int64_t)cell(lr, 'E'), (int64_t)cell(rr2, 'H'));
		assert_int_equal((int64_t)cell(lr, 'F'), (int64_t)cell(rr2, 'E'));
		assert_int_equal(fen_of(cell(lr, 'G')), fen_of(cell(rr2, 'L')));
		assert_int_equal(fen_of(cell(lr, 'G')), sec->declared.total_fen);
		assert_true(has(lr, "<t>相符</t>"));
		free(lr);
		free(rr2);
	}
	char *total = row_with(xml, "合计"), *rtotal = row_with(roster, "合计（控制数）");
	assert_int_equal((int64_t)cell(total, 'D'), d->households);
	assert_int_equal((int64_t)cell(total, 'E'), d->persons);
	assert_int_equal((int64_t)cell(total, 'F'), d->lines);
	assert_int_equal(fen_of(cell(total, 'G')), fen_of(cell(rtotal, 'L')));
	assert_int_equal(fen_of(cell(total, 'G')), d->total_fen);
	free(total);
	free(rtotal);

	/* the bank's outcome: what the return said, balanced */
	struct payroll_recon rc;
	OK(payroll_reconciliation(x->s, NULL, x->run, &a, &rc, &err));
	assert_int_equal(rc.sums.failed, 1);
	const struct {
		const char *what;
		int64_t n, fen;
	} bank[] = {
		{ "批次合计（控制数）", d->lines, d->total_fen },
		{ "银行实发", d->lines - 1, rc.sums.paid_fen },
		{ "已转重发", 0, 0 },
		{ "失败待重发", 1, rc.sums.failed_fen },
		{ "尚未回盘", 0, 0 },
	};
	assert_int_equal(rc.sums.paid_fen + rc.sums.failed_fen, d->total_fen);
	for (size_t i = 0; i < DIB_ARRAY_LEN(bank); i++) {
		char *row = row_with(xml, bank[i].what);
		if (!row)
			fail_msg("no row %s", bank[i].what);
		assert_int_equal((int64_t)cell(row, 'C'), bank[i].n);
		assert_int_equal(fen_of(cell(row, 'D')), bank[i].fen);
		free(row);
	}
	char *bal = row_with(xml, "对账");
	assert_non_null(bal);
	assert_true(has(bal, "<t>平衡</t>"));
	free(bal);

	/* the return file and the bank file, with their checksums */
	struct payroll_view v;
	OK(payroll_get(x->s, NULL, x->run, &a, &v, &err));
	char want[256];
	assert_int_equal(rc.nreturns, 1);
	snprintf(want, sizeof want, "<t>SHA-256：%s</t>", rc.returns[0].sha256);
	assert_true(has(xml, want));
	char *rf = row_with(xml, "回盘20261127.csv");
	assert_non_null(rf);
	assert_int_equal((int64_t)cell(rf, 'D'), d->lines - 1);
	assert_int_equal((int64_t)cell(rf, 'F'), 1);
	assert_int_equal(fen_of(cell(rf, 'G')), rc.sums.failed_fen);
	assert_true(has(rf, "<t>payer</t>"));
	free(rf);
	snprintf(want, sizeof want, "<t>%s</t>", file.sha256);
	assert_true(has(xml, want));
	snprintf(want, sizeof want, "<t>%s</t>", file.name);
	assert_true(has(xml, want));
	assert_true(has(xml, "<t>通用CSV（UTF-8）（通用（样例））</t>"));
	assert_true(has(xml, "<t>410500012345</t>"));
	assert_true(has(xml, "<t>approver　"));
	assert_true(has(xml, "<t>prep　"));

	/* and the roster shows each line's outcome */
	assert_true(has(roster, "<t>发放失败：账户已销户</t>"));
	assert_int_equal(occurrences(roster, "<t>已发放</t>"), (int)d->lines - 1);
	assert_false(has(roster, "<t>待发放</t>"));
	free(xml);
	free(roster);
	dib_buf_release(&file.bytes);
	dib_arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_payroll_xlsx__roster),
		cmocka_unit_test(test_payroll_xlsx__masked),
		cmocka_unit_test(test_payroll_xlsx__township),
		cmocka_unit_test(test_payroll_xlsx__refusals),
		cmocka_unit_test(test_payroll_xlsx__mismatch),
		cmocka_unit_test(test_payroll_xlsx__ledger),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
