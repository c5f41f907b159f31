/*
 * test_params_svc.c — the rules of svc/params.h and svc/standard.h on a
 * fresh SQLite database with a fixed business date: who may read and set
 * which scope (a table over roles and regions: township, county, city,
 * province users; the line above a user readable, a sibling county not;
 * writing only downwards), resolution with provenance, the correction
 * rules (a future date with a reason becomes a new revision, a date in
 * force never changes), standards on the first of a month, their
 * corrections and the monthly amount by the county's rounding, and that
 * every refused write leaves the database as it was while every accepted
 * one writes exactly one audit record. (The same code runs on PostgreSQL
 * and over the API in tests/cli/test_params.sh.)
 * Single-threaded.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "store/store.h"
#include "store/store_region.h"
#include "svc/params.h"
#include "svc/standard.h"

#include <setjmp.h>
#include <stdarg.h>
#include <unistd.h>
#include <cmocka.h>

static const dib_date today = { 2026, 6, 15 };

struct fx {
	char dir[64];
	struct store *s;
	dib_arena a;
	dib_err err;
};

#define OK(expr)                                                                      \
	do {                                                                          \
		dib_err_clear(&fx->err);                                              \
		dib_code rc_ = (expr);                                                \
		if (rc_ != DIB_OK)                                                    \
			fail_msg("%s\n  -> %s: %s | %s", #expr, dib_code_name(rc_),    \
				 fx->err.msg, fx->err.detail);                        \
	} while (0)

/* expr fails with want, a message containing part, and changes nothing. */
#define REFUSED(want, part, expr)                                                     \
	do {                                                                          \
		int64_t before_ = changes(fx);                                        \
		dib_err_clear(&fx->err);                                              \
		dib_code rc_ = (expr);                                                \
		if (rc_ != (want))                                                    \
			fail_msg("%s\n  -> %s (want %s): %s", #expr, dib_code_name(rc_), \
				 dib_code_name(want), fx->err.msg);                    \
		if (!strstr(fx->err.msg, (part)))                                     \
			fail_msg("%s: message \"%s\" lacks \"%s\"", #expr, fx->err.msg, \
				 (part));                                             \
		assert_int_equal(changes(fx), before_);                               \
	} while (0)

static store_region region(const char *code, const char *name, int level, const char *parent)
{
	store_region r;
	memset(&r, 0, sizeof r);
	snprintf(r.code, sizeof r.code, "%s", code);
	r.name = name;
	r.level = (enum region_level)level;
	snprintf(r.parent_code, sizeof r.parent_code, "%s", parent);
	return r;
}

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);
	assert_non_null(fx);
	dib_arena_init(&fx->a, 0, 0);
	snprintf(fx->dir, sizeof fx->dir, "/tmp/dib_svpar_XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	char url[128];
	snprintf(url, sizeof url, "sqlite:%s/t.db", fx->dir);
	OK(store_open(url, &fx->s, &fx->err));
	OK(store_migrate(fx->s, NULL, NULL, &fx->err));
	store_region rows[] = {
		region("410000000000", "河南省", 1, ""),
		region("410700000000", "新乡市", 2, "410000000000"),
		region("410726000000", "延津县", 3, "410700000000"),
		region("410726101000", "东屯镇", 4, "410726000000"),
		region("410727000000", "封丘县", 3, "410700000000"),
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(rows); i++)
		OK(store_region_insert(fx->s, &rows[i], &fx->err));
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	store_close(fx->s);
	dib_arena_release(&fx->a);
	static const char *const files[] = { "t.db", "t.db-wal", "t.db-shm" };
	for (size_t i = 0; i < DIB_ARRAY_LEN(files); i++) {
		char p[128];
		snprintf(p, sizeof p, "%s/%s", fx->dir, files[i]);
		unlink(p);
	}
	rmdir(fx->dir);
	free(fx);
	return 0;
}

/* A fingerprint of everything a write here changes. */
static int64_t changes(struct fx *fx)
{
	int64_t n = -1;
	dib_err e;
	dib_err_clear(&e);
	if (store_query_int64(fx->s, "SELECT (SELECT count(*) FROM params) * 1000000000000 + "
				     "(SELECT count(*) FROM audit_log) * 100000000 + "
				     "(SELECT coalesce(sum(amount_fen), 0) FROM standards)",
			      0, NULL, &n, NULL, &e))
		fail_msg("changes: %s", e.msg);
	return n;
}

static int64_t audits(struct fx *fx, const char *action)
{
	const char *p[] = { action };
	int64_t n = -1;
	dib_err e;
	dib_err_clear(&e);
	if (store_query_int64(fx->s, "SELECT count(*) FROM audit_log WHERE action = $1", 1, p, &n,
			      NULL, &e))
		fail_msg("audits: %s", e.msg);
	return n;
}

static struct authz_subject who_is(const char *region, const char *const *role)
{
	struct authz_subject w = { "u", region, role, 1 };
	return w;
}

static const char *const APPROVER[] = { "county_approver" };
static const char *const ADMIN[] = { "sys_admin" };
static const char *const CASEWORKER[] = { "township_caseworker" };
static const char *const AUDITOR[] = { "auditor" };

static struct params_set_req set_req(const char *key, const char *value, const char *scope,
				     const char *from)
{
	struct params_set_req r = { .key = key, .value = value, .scope = scope, .from = from };
	return r;
}

/* Who may read and set which scope. */
static void test_params_svc__authorisation_table(void **state)
{
	struct fx *fx = *state;
	static const struct {
		const char *region;
		const char *const *role;
		const char *scope;
		bool read, write;
	} t[] = {
		{ "410726000000", APPROVER, "410726", true, true },     /* his county */
		{ "410726000000", APPROVER, "4107", true, false },      /* the city above */
		{ "410726000000", APPROVER, "41", true, false },        /* the province above */
		{ "410726000000", APPROVER, "410727", false, false },   /* a sibling county */
		{ "410000000000", APPROVER, "41", true, true },         /* the province's own */
		{ "410000000000", APPROVER, "410727", true, true },     /* and below it */
		{ "410700000000", ADMIN, "410726", true, true },        /* a city administrator */
		{ "410700000000", ADMIN, "41", true, false },
		{ "410726101000", CASEWORKER, "410726", true, false },  /* reads his county */
		{ "410726101000", CASEWORKER, "410727", false, false },
		{ "410726101000", APPROVER, "410726", true, false },    /* a township user, even approver */
		{ "410726000000", AUDITOR, "410726", true, false },     /* reads, never sets */
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		struct authz_subject w = who_is(t[i].region, t[i].role);
		struct params_record *h = NULL;
		size_t n = 0;
		dib_err_clear(&fx->err);
		dib_code rc = params_history(fx->s, &w, t[i].scope, "amount.minimum_fen", &fx->a, &h,
					     &n, &fx->err);
		if ((rc == DIB_OK) != t[i].read || (rc && rc != DIB_EPERM))
			fail_msg("case %zu: read %s (%s)", i, dib_code_name(rc), fx->err.msg);
		/* a date of its own per case, so an accepted write is never a
		 * correction of the one before */
		char from[DIB_DATE_STR];
		snprintf(from, sizeof from, "%d-01-01", 2027 + (int)i);
		struct params_set_req r = set_req("amount.minimum_fen", "10", t[i].scope, from);
		struct params_set_result res;
		int64_t before = changes(fx);
		dib_err_clear(&fx->err);
		rc = params_set(fx->s, &w, "u", &r, today, &res, &fx->err);
		if ((rc == DIB_OK) != t[i].write || (rc && rc != DIB_EPERM))
			fail_msg("case %zu: write %s (%s)", i, dib_code_name(rc), fx->err.msg);
		if (rc)
			assert_int_equal(changes(fx), before);
		else
			assert_int_not_equal(changes(fx), before);
		/* standards: the same rule for counties */
		region_code sc;
		dib_err_clear(&fx->err);
		assert_int_equal(region_parse(t[i].scope, strlen(t[i].scope), &sc, &fx->err), DIB_OK);
		if (sc.level != REGION_COUNTY)
			continue;
		struct standard_set_req q = { .county = t[i].scope, .program = "dibao_urban",
					      .from = from, .amount_fen = 60000 + (int64_t)i };
		dib_err_clear(&fx->err);
		rc = standard_set(fx->s, &w, "u", &q, today, NULL, &fx->err);
		if ((rc == DIB_OK) != t[i].write || (rc && rc != DIB_EPERM))
			fail_msg("case %zu: standard %s (%s)", i, dib_code_name(rc), fx->err.msg);
	}
	/* a subject whose own region is malformed reads nothing (fail closed) */
	struct authz_subject bad = who_is("41x", APPROVER);
	region_code c;
	dib_err_clear(&fx->err);
	assert_int_equal(region_parse("410726", 6, &c, &fx->err), DIB_OK);
	assert_int_equal(params_read_check(&bad, &c, &fx->err), DIB_EPERM);
	struct standard_info *v = NULL;
	size_t n = 0;
	dib_err_clear(&fx->err);
	assert_int_equal(standard_list(fx->s, &bad, NULL, NULL, today, &fx->a, &v, &n, &fx->err),
			 DIB_EPERM);
}

/* Resolution and provenance; corrections only of a future date. */
static void test_params_svc__resolution_and_corrections(void **state)
{
	struct fx *fx = *state;
	struct params_set_result res;
	struct params_set_req r = set_req("limit.case_workdays", "25", "41", "2026-01-01");
	r.document = "豫民〔2025〕1号";
	OK(params_set(fx->s, NULL, "cli:t", &r, today, &res, &fx->err));
	assert_false(res.corrected);
	assert_string_equal(res.scope, "410000000000");
	r = set_req("limit.case_workdays", "20", "410726", "2026-07-01");
	OK(params_set(fx->s, NULL, "cli:t", &r, today, &res, &fx->err));

	params_value v;
	OK(params_get(fx->s, "410726", "limit.case_workdays", (dib_date){ 2025, 12, 31 }, &v,
		      &fx->err));
	assert_int_equal(v.n, 30); /* S1-22 */
	OK(params_get(fx->s, "410726101000", "limit.case_workdays", today, &v, &fx->err));
	assert_int_equal(v.n, 25);
	struct params_effective e;
	OK(params_resolve(fx->s, "410726", "limit.case_workdays", (dib_date){ 2026, 7, 1 }, &fx->a,
			  &e, &fx->err));
	assert_int_equal(e.value.n, 20);
	assert_int_equal(e.origin, PARAMS_ORIGIN_COUNTY);
	OK(params_resolve(fx->s, "410727", "limit.case_workdays", (dib_date){ 2026, 7, 1 }, &fx->a,
			  &e, &fx->err));
	assert_int_equal(e.origin, PARAMS_ORIGIN_PROVINCE);
	assert_string_equal(e.document, "豫民〔2025〕1号");

	/* a future date: corrected with a reason, as a new revision */
	r = set_req("limit.case_workdays", "22", "410726", "2026-07-01");
	REFUSED(DIB_EINVAL, "须填写原因", params_set(fx->s, NULL, "cli:t", &r, today, &res, &fx->err));
	r.reason = "  ";
	REFUSED(DIB_EINVAL, "须填写原因", params_set(fx->s, NULL, "cli:t", &r, today, &res, &fx->err));
	r.reason = "录入错误";
	int64_t n0 = audits(fx, "param.correct");
	OK(params_set(fx->s, NULL, "cli:t", &r, today, &res, &fx->err));
	assert_true(res.corrected);
	assert_int_equal(res.revision, 1);
	assert_int_equal(audits(fx, "param.correct"), n0 + 1);
	OK(params_get(fx->s, "410726", "limit.case_workdays", (dib_date){ 2026, 8, 1 }, &v,
		      &fx->err));
	assert_int_equal(v.n, 22);
	/* a date in force (today included) never changes */
	r = set_req("limit.case_workdays", "26", "41", "2026-01-01");
	r.reason = "x";
	REFUSED(DIB_ECONFLICT, "已生效，不能更正",
		params_set(fx->s, NULL, "cli:t", &r, today, &res, &fx->err));
	r = set_req("limit.case_workdays", "26", "41", "2026-06-15");
	OK(params_set(fx->s, NULL, "cli:t", &r, today, &res, &fx->err)); /* a new date: fine */
	r.reason = "x";
	REFUSED(DIB_ECONFLICT, "已生效", params_set(fx->s, NULL, "cli:t", &r, today, &res, &fx->err));

	struct params_record *h = NULL;
	size_t n = 0;
	OK(params_history(fx->s, NULL, "410726", "limit.case_workdays", &fx->a, &h, &n, &fx->err));
	assert_int_equal(n, 2);
	assert_true(h[0].superseded);
	assert_int_equal(h[0].value.n, 20);
	assert_false(h[1].superseded);
	assert_string_equal(h[1].row.reason, "录入错误");

	struct params_effective *all = NULL;
	OK(params_list(fx->s, NULL, "410726", (dib_date){ 2026, 8, 1 }, &fx->a, &all, &n,
		       &fx->err));
	assert_int_equal(n, params_count());
	int local = 0;
	for (size_t i = 0; i < n; i++)
		local += all[i].origin != PARAMS_ORIGIN_DEFAULT;
	assert_int_equal(local, 1);

	/* bad input */
	r = set_req("limit.case_workdays", "0", "410726", "2027-01-01");
	REFUSED(DIB_EINVAL, "超出范围", params_set(fx->s, NULL, "cli:t", &r, today, &res, &fx->err));
	r = set_req("limit.nope", "1", "410726", "2027-01-01");
	REFUSED(DIB_EINVAL, "未知参数", params_set(fx->s, NULL, "cli:t", &r, today, &res, &fx->err));
	r = set_req("limit.case_workdays", "30", "410726101000", "2027-01-01");
	REFUSED(DIB_EINVAL, "参数只能按省、市、县设置",
		params_set(fx->s, NULL, "cli:t", &r, today, &res, &fx->err));
	r = set_req("limit.case_workdays", "30", "410728", "2027-01-01");
	REFUSED(DIB_EINVAL, "不在区划表中", params_set(fx->s, NULL, "cli:t", &r, today, &res, &fx->err));
	r = set_req("limit.case_workdays", "30", "410726", "2027-13-01");
	REFUSED(DIB_EINVAL, "生效日期", params_set(fx->s, NULL, "cli:t", &r, today, &res, &fx->err));
	r = set_req("limit.case_workdays", "30", "410726", "2027-01-01");
	r.decided_on = "2026-06-16";
	REFUSED(DIB_EINVAL, "不能晚于今天", params_set(fx->s, NULL, "cli:t", &r, today, &res, &fx->err));

	money_rounding mr;
	OK(params_rounding(fx->s, "410726", "amount.rounding", today, &mr, &fx->err));
	assert_int_equal(mr.unit, MONEY_FEN);
	assert_int_equal(mr.mode, MONEY_HALF_UP);
	dib_err_clear(&fx->err);
	assert_int_equal(params_rounding(fx->s, "410726", "amount.nope", today, &mr, &fx->err),
			 DIB_EINVAL);
}

static void test_params_svc__standards(void **state)
{
	struct fx *fx = *state;
	struct standard_set_req q = { .county = "410726", .program = "dibao_rural",
				      .from = "2026-01-01", .amount_fen = 431000,
				      .decided_on = "2025-12-20", .document = "延民〔2025〕40号" };
	bool corrected = true;
	OK(standard_set(fx->s, NULL, "cli:t", &q, today, &corrected, &fx->err));
	assert_false(corrected);
	q.from = "2026-09-01";
	q.amount_fen = 450000;
	q.decided_on = NULL;
	q.document = NULL;
	OK(standard_set(fx->s, NULL, "cli:t", &q, today, &corrected, &fx->err));
	assert_int_equal(audits(fx, "standard.set"), 2);

	dib_fen m = 0;
	OK(standard_monthly(fx->s, "410726", "dibao_rural", today, &m, &fx->err));
	assert_int_equal(m, 35917);
	struct params_set_result res;
	struct params_set_req r = set_req("standard.rural_monthly_rounding_unit", "yuan", "4107",
					  "2026-06-01");
	OK(params_set(fx->s, NULL, "cli:t", &r, today, &res, &fx->err));
	OK(standard_monthly(fx->s, "410726", "dibao_rural", today, &m, &fx->err));
	assert_int_equal(m, 35900); /* the city's rounding: to the yuan, half-up */
	OK(standard_monthly(fx->s, "410726", "dibao_rural", (dib_date){ 2026, 9, 1 }, &m,
			    &fx->err));
	assert_int_equal(m, 37500);
	dib_err_clear(&fx->err);
	assert_int_equal(standard_monthly(fx->s, "410726", "dibao_rural", (dib_date){ 2025, 12, 31 },
					  &m, &fx->err), DIB_ENOTFOUND);
	dib_err_clear(&fx->err);
	assert_int_equal(standard_monthly(fx->s, "410726", "dibao_urban", today, &m, &fx->err),
			 DIB_ENOTFOUND);

	/* corrections: the future one with a reason, never the one in force */
	q.amount_fen = 452000;
	REFUSED(DIB_EINVAL, "须填写原因",
		standard_set(fx->s, NULL, "cli:t", &q, today, &corrected, &fx->err));
	q.reason = "按省厅通知调整";
	OK(standard_set(fx->s, NULL, "cli:t", &q, today, &corrected, &fx->err));
	assert_true(corrected);
	assert_int_equal(audits(fx, "standard.correct"), 1);
	REFUSED(DIB_EINVAL, "没有需要更正的内容",
		standard_set(fx->s, NULL, "cli:t", &q, today, &corrected, &fx->err));
	q.from = "2026-01-01";
	REFUSED(DIB_ECONFLICT, "已生效，不能更正",
		standard_set(fx->s, NULL, "cli:t", &q, today, &corrected, &fx->err));
	q.from = "2026-10-15";
	REFUSED(DIB_EINVAL, "应为某月 1 日",
		standard_set(fx->s, NULL, "cli:t", &q, today, &corrected, &fx->err));
	q.from = "2026-11-01";
	q.amount_fen = 0;
	REFUSED(DIB_EINVAL, "应大于 0", standard_set(fx->s, NULL, "cli:t", &q, today, &corrected, &fx->err));
	q.amount_fen = STANDARD_AMOUNT_MAX_FEN + 1;
	REFUSED(DIB_EINVAL, "请核对", standard_set(fx->s, NULL, "cli:t", &q, today, &corrected, &fx->err));
	q.amount_fen = 460000;
	q.program = "dibao_town";
	REFUSED(DIB_EINVAL, "救助项目", standard_set(fx->s, NULL, "cli:t", &q, today, &corrected, &fx->err));
	q.program = "dibao_rural";
	q.county = "4107";
	REFUSED(DIB_EINVAL, "不是县级区划代码",
		standard_set(fx->s, NULL, "cli:t", &q, today, &corrected, &fx->err));
	q.county = "410728";
	REFUSED(DIB_EINVAL, "不在区划表中",
		standard_set(fx->s, NULL, "cli:t", &q, today, &corrected, &fx->err));

	struct standard_info *v = NULL;
	size_t n = 0;
	OK(standard_list(fx->s, NULL, "410726", NULL, today, &fx->a, &v, &n, &fx->err));
	assert_int_equal(n, 2);
	assert_true(v[0].in_force);
	assert_false(v[1].in_force);
	assert_int_equal(v[1].st.amount_fen, 452000);
	assert_int_equal(v[0].monthly_fen, 35900);  /* in force: the rounding of today */
	assert_int_equal(v[1].monthly_fen, 37700);  /* 4520/12 = 376.67: on its own date, to the yuan */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_params_svc__authorisation_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_params_svc__resolution_and_corrections, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_params_svc__standards, setup, teardown),
	};
	return cmocka_run_group_tests_name("svc params and standards", tests, NULL, NULL);
}
