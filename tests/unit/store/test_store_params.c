/*
 * test_store_params.c — store_params.h on both engines: SQLite (a fresh
 * temp file per test) always, PostgreSQL when DIB_TEST_PG_URL names a
 * throwaway database (its public schema is dropped before each test).
 * Covers the params table of schema v6: insert and its refusals, the
 * history in order, revisions of one date, the row in force on a date
 * (effective dates, the day before and the day itself, the highest
 * revision), the resolution order county > city > province with the
 * catalogue's national default where no scope has a row (core/params.h),
 * and the programs and standards queries the standards service uses
 * (locked read of one date, update, list by county prefix).
 * Single-threaded.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "core/params.h"
#include "store/store.h"
#include "store/store_params.h"
#include "store/store_standard.h"

#include <setjmp.h>
#include <stdarg.h>
#include <unistd.h>
#include <cmocka.h>

#define FX_TMPDIR "/tmp/dib_stpar_XXXXXX"
#include "fixture.h"

#define PROVINCE "410000000000"
#define CITY "410700000000"
#define COUNTY "410726000000"
#define OTHER "410727000000"

static int setup(void **state)
{
	*state = fx_open(state);
	return 0;
}

static dib_date day(const char *s)
{
	dib_date d;
	dib_err e;
	dib_err_clear(&e);
	if (date_parse(s, strlen(s), &d, &e))
		fail_msg("bad test date %s", s);
	return d;
}

static store_param prm(const char *scope, const char *key, const char *from, int rev,
		       const char *value)
{
	store_param p;
	memset(&p, 0, sizeof p);
	snprintf(p.scope, sizeof p.scope, "%s", scope);
	p.key = key;
	p.effective_from = day(from);
	p.revision = rev;
	p.value = value;
	p.created_by = "tester";
	return p;
}

/* The value of key in force on date for the county's three scopes ("" when
 * none: the caller then uses the national default), and its scope. */
static const char *in_force(struct fx *fx, const char *key, const char *on,
			    const char **scope)
{
	const char *scopes[] = { COUNTY, CITY, PROVINCE };
	store_param *v = NULL;
	size_t n = 0;
	OK(store_param_in_force(fx->s, scopes, 3, key, day(on), &fx->a, &v, &n, &fx->err));
	if (!n) {
		*scope = "";
		return "";
	}
	/* one row per scope at most, the most specific first */
	for (size_t i = 1; i < n; i++) {
		assert_string_equal(v[i].key, key);
		assert_true(strcmp(v[i - 1].scope, v[i].scope) > 0);
	}
	*scope = v[0].scope;
	return v[0].value;
}

static void test_store_params__insert_and_refusals(void **state)
{
	struct fx *fx = *state;
	store_param p = prm(COUNTY, "amount.minimum_fen", "2026-01-01", 0, "1000");
	p.decided_on = day("2025-12-20");
	p.document = "延民〔2025〕40号";
	p.reason = "'; DROP TABLE params; --";
	OK(store_param_insert(fx->s, &p, &fx->err));
	FAILS(DIB_ECONFLICT, "amount.minimum_fen", store_param_insert(fx->s, &p, &fx->err));
	store_param bad = p;
	snprintf(bad.scope, sizeof bad.scope, "410726");
	FAILS(DIB_EINVAL, "12 位数字", store_param_insert(fx->s, &bad, &fx->err));
	bad = p;
	bad.value = NULL;
	FAILS(DIB_EINVAL, "缺少", store_param_insert(fx->s, &bad, &fx->err));
	bad = p;
	bad.created_by = "";
	FAILS(DIB_EINVAL, "设置人", store_param_insert(fx->s, &bad, &fx->err));
	bad = p;
	bad.effective_from = (dib_date){ 2026, 2, 30 };
	FAILS(DIB_EINVAL, "日期不正确", store_param_insert(fx->s, &bad, &fx->err));
	bad = p;
	bad.revision = -1;
	FAILS(DIB_EINVAL, "修订号", store_param_insert(fx->s, &bad, &fx->err));

	store_param *h = NULL;
	size_t n = 0;
	OK(store_param_history(fx->s, COUNTY, "amount.minimum_fen", &fx->a, &h, &n, &fx->err));
	assert_int_equal(n, 1);
	assert_string_equal(h[0].scope, COUNTY);
	assert_string_equal(h[0].value, "1000");
	assert_string_equal(h[0].document, "延民〔2025〕40号");
	assert_string_equal(h[0].reason, "'; DROP TABLE params; --"); /* stored literally */
	assert_string_equal(h[0].created_by, "tester");
	assert_int_equal(h[0].decided_on.year, 2025);
	assert_int_equal(h[0].decided_on.day, 20);
	assert_int_equal(strlen(h[0].created_at), 20);
	/* a row without decision date, document or reason reads them as none */
	store_param q = prm(PROVINCE, "edge.income_bp", "2026-01-01", 0, "15000");
	OK(store_param_insert(fx->s, &q, &fx->err));
	OK(store_param_history(fx->s, PROVINCE, NULL, &fx->a, &h, &n, &fx->err));
	assert_int_equal(n, 1);
	assert_int_equal(h[0].decided_on.year, 0);
	assert_null(h[0].document);
	assert_null(h[0].reason);
}

/* History in date and revision order; revisions of one date counted. */
static void test_store_params__history_and_revisions(void **state)
{
	struct fx *fx = *state;
	const char *k = "limit.case_workdays";
	/* inserted out of date order: the history sorts */
	store_param p = prm(COUNTY, k, "2026-07-01", 0, "25");
	OK(store_param_insert(fx->s, &p, &fx->err));
	p = prm(COUNTY, k, "2026-01-01", 0, "30");
	OK(store_param_insert(fx->s, &p, &fx->err));
	p = prm(COUNTY, k, "2026-07-01", 1, "28");
	p.reason = "文件号更正";
	OK(store_param_insert(fx->s, &p, &fx->err));
	p = prm(COUNTY, "limit.check_workdays", "2026-03-01", 0, "2");
	OK(store_param_insert(fx->s, &p, &fx->err));
	p = prm(OTHER, k, "2026-01-01", 0, "20");
	OK(store_param_insert(fx->s, &p, &fx->err));

	int revs = -1;
	OK(store_param_revisions(fx->s, COUNTY, k, day("2026-07-01"), &revs, &fx->err));
	assert_int_equal(revs, 2);
	OK(store_param_revisions(fx->s, COUNTY, k, day("2026-01-01"), &revs, &fx->err));
	assert_int_equal(revs, 1);
	OK(store_param_revisions(fx->s, COUNTY, k, day("2026-01-02"), &revs, &fx->err));
	assert_int_equal(revs, 0);

	store_param *h = NULL;
	size_t n = 0;
	OK(store_param_history(fx->s, COUNTY, k, &fx->a, &h, &n, &fx->err));
	assert_int_equal(n, 3);
	assert_string_equal(h[0].value, "30");
	assert_string_equal(h[1].value, "25");
	assert_int_equal(h[1].revision, 0);
	assert_string_equal(h[2].value, "28");
	assert_int_equal(h[2].revision, 1);
	assert_string_equal(h[2].reason, "文件号更正");
	/* every key of the scope, by key; another county's rows never */
	OK(store_param_history(fx->s, COUNTY, NULL, &fx->a, &h, &n, &fx->err));
	assert_int_equal(n, 4);
	assert_string_equal(h[0].key, "limit.case_workdays");
	assert_string_equal(h[3].key, "limit.check_workdays");
	OK(store_param_history(fx->s, CITY, NULL, &fx->a, &h, &n, &fx->err));
	assert_int_equal(n, 0);
	assert_null(h);
}

/* Effective dates: nothing before the first date, the new value from its
 * own day on, and of one date the highest revision. */
static void test_store_params__effective_dates(void **state)
{
	struct fx *fx = *state;
	const char *k = "amount.minimum_fen", *sc;
	store_param p = prm(COUNTY, k, "2026-01-01", 0, "1000");
	OK(store_param_insert(fx->s, &p, &fx->err));
	p = prm(COUNTY, k, "2026-07-01", 0, "1500");
	OK(store_param_insert(fx->s, &p, &fx->err));
	p = prm(COUNTY, k, "2026-07-01", 1, "2000");
	OK(store_param_insert(fx->s, &p, &fx->err));
	static const struct {
		const char *on, *want;
	} t[] = {
		{ "2025-12-31", "" }, { "2026-01-01", "1000" }, { "2026-06-30", "1000" },
		{ "2026-07-01", "2000" }, { "2030-01-01", "2000" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		const char *got = in_force(fx, k, t[i].on, &sc);
		if (strcmp(got, t[i].want))
			fail_msg("on %s: \"%s\", want \"%s\"", t[i].on, got, t[i].want);
	}
}

/* county > city > province > national default, each from its own date. */
static void test_store_params__resolution_order(void **state)
{
	struct fx *fx = *state;
	const char *k = "review.spot_check_bp", *sc;
	const params_def *d = params_find(k);
	assert_non_null(d);
	store_param rows[] = {
		prm(PROVINCE, k, "2026-01-01", 0, "4000"),
		prm(CITY, k, "2026-04-01", 0, "5000"),
		prm(COUNTY, k, "2026-07-01", 0, "6000"),
		prm(PROVINCE, k, "2026-10-01", 0, "4500"), /* the county still wins */
		prm(OTHER, k, "2026-02-01", 0, "9000"),     /* another county: never */
		prm(COUNTY, "edge.income_bp", "2026-01-01", 0, "13000"),
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(rows); i++)
		OK(store_param_insert(fx->s, &rows[i], &fx->err));
	static const struct {
		const char *on, *want, *scope;
	} t[] = {
		{ "2025-06-01", "", "" }, /* none: the national default */
		{ "2026-01-01", "4000", PROVINCE },
		{ "2026-03-31", "4000", PROVINCE },
		{ "2026-04-01", "5000", CITY },
		{ "2026-07-01", "6000", COUNTY },
		{ "2026-12-01", "6000", COUNTY },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		const char *got = in_force(fx, k, t[i].on, &sc);
		if (strcmp(got, t[i].want) || strcmp(sc, t[i].scope))
			fail_msg("on %s: \"%s\" from \"%s\", want \"%s\" from \"%s\"", t[i].on, got,
				 sc, t[i].want, t[i].scope);
		params_value v;
		dib_err_clear(&fx->err);
		if (*got)
			OK(params_decode(d, got, &v, &fx->err));
		else
			v = params_default(d);
		assert_int_equal(v.n, *got ? strtol(got, NULL, 10) : 3000); /* 30 %: S2-26 */
	}
	/* a city's own resolution (no county scope): city > province */
	const char *city_scopes[] = { CITY, PROVINCE };
	store_param *v = NULL;
	size_t n = 0;
	OK(store_param_in_force(fx->s, city_scopes, 2, k, day("2026-12-01"), &fx->a, &v, &n,
				&fx->err));
	assert_int_equal(n, 2);
	assert_string_equal(v[0].scope, CITY);
	assert_string_equal(v[0].value, "5000");
	assert_string_equal(v[1].value, "4500");
	/* every key at once: one row per key and scope, keys in order */
	const char *scopes[] = { COUNTY, CITY, PROVINCE };
	OK(store_param_in_force(fx->s, scopes, 3, NULL, day("2026-12-01"), &fx->a, &v, &n,
				&fx->err));
	assert_int_equal(n, 4);
	assert_string_equal(v[0].key, "edge.income_bp");
	assert_string_equal(v[1].key, "review.spot_check_bp");
	assert_string_equal(v[1].scope, COUNTY);
	assert_string_equal(v[2].scope, CITY);
	assert_string_equal(v[3].scope, PROVINCE);
	assert_string_equal(v[3].value, "4500");
	FAILS(DIB_EINTERNAL, NULL,
	      store_param_in_force(fx->s, scopes, 0, NULL, day("2026-01-01"), &fx->a, &v, &n,
				   &fx->err));
	FAILS(DIB_EINTERNAL, NULL,
	      store_param_in_force(fx->s, scopes, 4, NULL, day("2026-01-01"), &fx->a, &v, &n,
				   &fx->err));
}

/* A rollback leaves no row. */
static void test_store_params__rollback(void **state)
{
	struct fx *fx = *state;
	OK(store_begin(fx->s, &fx->err));
	store_param p = prm(COUNTY, "amount.minimum_fen", "2026-01-01", 0, "1000");
	OK(store_param_insert(fx->s, &p, &fx->err));
	store_rollback(fx->s);
	store_param *h = NULL;
	size_t n = 9;
	OK(store_param_history(fx->s, COUNTY, NULL, &fx->a, &h, &n, &fx->err));
	assert_int_equal(n, 0);
}

static void test_store_params__programs(void **state)
{
	struct fx *fx = *state;
	store_program p;
	OK(store_program_get(fx->s, "dibao_rural", &fx->a, &p, &fx->err));
	assert_string_equal(p.name, "农村低保");
	assert_string_equal(p.unit, "person_year");
	FAILS(DIB_ENOTFOUND, "救助项目 \"nope\" 不存在",
	      store_program_get(fx->s, "nope", &fx->a, &p, &fx->err));
	store_program *v = NULL;
	size_t n = 0;
	OK(store_program_list(fx->s, &fx->a, &v, &n, &fx->err));
	assert_true(n >= 11);
	for (size_t i = 1; i < n; i++)
		assert_true(strcmp(v[i - 1].code, v[i].code) < 0);
}

static void test_store_params__standards(void **state)
{
	struct fx *fx = *state;
	store_standard st = {
		.county = "410726", .program = "dibao_urban", .effective_from = { 2026, 1, 1 },
		.amount_fen = 52800, .unit = "person_month", .decided_on = { 2025, 12, 1 },
		.document = "延民〔2025〕30号",
	};
	OK(store_standard_insert(fx->s, &st, &fx->err));
	store_standard other = st;
	snprintf(other.county, sizeof other.county, "410727");
	OK(store_standard_insert(fx->s, &other, &fx->err));
	store_standard rural = st;
	rural.program = "dibao_rural";
	rural.unit = "person_year";
	rural.amount_fen = 431000;
	OK(store_standard_insert(fx->s, &rural, &fx->err));
	snprintf(other.county, sizeof other.county, "420100");
	OK(store_standard_insert(fx->s, &other, &fx->err));

	OK(store_begin(fx->s, &fx->err));
	store_standard got;
	bool found = false;
	OK(store_standard_lock(fx->s, "410726", "dibao_urban", day("2026-01-01"), &fx->a, &got,
			       &found, &fx->err));
	assert_true(found);
	assert_int_equal(got.amount_fen, 52800);
	assert_string_equal(got.document, "延民〔2025〕30号");
	OK(store_standard_lock(fx->s, "410726", "dibao_urban", day("2026-01-02"), &fx->a, &got,
			       &found, &fx->err));
	assert_false(found);
	store_standard fix = st;
	fix.amount_fen = 53000;
	fix.decided_on = (dib_date){ 0, 0, 0 };
	fix.document = NULL;
	OK(store_standard_update(fx->s, &fix, &fx->err));
	fix.effective_from = day("2026-02-01");
	FAILS(DIB_ENOTFOUND, "没有自 2026-02-01 起", store_standard_update(fx->s, &fix, &fx->err));
	OK(store_commit(fx->s, &fx->err));
	store_standard now;
	OK(store_standard_in_force(fx->s, "410726", "dibao_urban", day("2026-05-01"), &fx->a,
				   &now, &fx->err));
	assert_int_equal(now.amount_fen, 53000);
	assert_int_equal(now.decided_on.year, 0);
	assert_null(now.document);
	assert_string_equal(now.unit, "person_month");

	store_standard *v = NULL;
	size_t n = 0;
	OK(store_standard_list(fx->s, "41", NULL, &fx->a, &v, &n, &fx->err));
	assert_int_equal(n, 3);
	assert_string_equal(v[0].county, "410726");
	assert_string_equal(v[0].program, "dibao_rural");
	assert_string_equal(v[1].program, "dibao_urban");
	assert_string_equal(v[2].county, "410727");
	OK(store_standard_list(fx->s, "", "dibao_urban", &fx->a, &v, &n, &fx->err));
	assert_int_equal(n, 3);
	OK(store_standard_list(fx->s, "410726", "dibao_rural", &fx->a, &v, &n, &fx->err));
	assert_int_equal(n, 1);
	assert_int_equal(v[0].amount_fen, 431000);
	FAILS(DIB_EINVAL, NULL, store_standard_list(fx->s, "4%", NULL, &fx->a, &v, &n, &fx->err));
	FAILS(DIB_EINVAL, NULL,
	      store_standard_list(fx->s, "4107260", NULL, &fx->a, &v, &n, &fx->err));
}

#define TESTS(pg)                                                                     \
	{                                                                             \
		cmocka_unit_test_prestate_setup_teardown(                              \
			test_store_params__insert_and_refusals, setup, teardown, (void *)(pg)), \
		cmocka_unit_test_prestate_setup_teardown(                              \
			test_store_params__history_and_revisions, setup, teardown, (void *)(pg)), \
		cmocka_unit_test_prestate_setup_teardown(                              \
			test_store_params__effective_dates, setup, teardown, (void *)(pg)), \
		cmocka_unit_test_prestate_setup_teardown(                              \
			test_store_params__resolution_order, setup, teardown, (void *)(pg)), \
		cmocka_unit_test_prestate_setup_teardown(                              \
			test_store_params__rollback, setup, teardown, (void *)(pg)),   \
		cmocka_unit_test_prestate_setup_teardown(                              \
			test_store_params__programs, setup, teardown, (void *)(pg)),   \
		cmocka_unit_test_prestate_setup_teardown(                              \
			test_store_params__standards, setup, teardown, (void *)(pg)),  \
	}

int main(void)
{
	int failed = 0;
	const struct CMUnitTest lite[] = TESTS(NULL);
	failed += cmocka_run_group_tests_name("store params: sqlite", lite, NULL, NULL);
	const char *pg = getenv("DIB_TEST_PG_URL");
	if (pg && *pg) {
		const struct CMUnitTest pgt[] = TESTS(pg);
		failed += cmocka_run_group_tests_name("store params: postgresql", pgt, NULL, NULL);
	} else {
		printf("store params: postgresql skipped (DIB_TEST_PG_URL not set)\n");
	}
	return failed;
}
