/*
 * test_store_staff.c — store_staff.h on both engines: SQLite (a fresh temp
 * file per test) always, PostgreSQL when DIB_TEST_PG_URL names a throwaway
 * database (its public schema is dropped before each test). Covers insert,
 * get, end (once), the region-subtree list with and without a date, and
 * the link query: links through current and ended memberships, a
 * registration not in force on the date, a registered member himself, and
 * an unknown household.
 * Single-threaded.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_staff.h"
#include "store/store_region.h"

#include <setjmp.h>
#include <stdarg.h>
#include <unistd.h>
#include <cmocka.h>

#define FX_TMPDIR "/tmp/dib_ststaff_XXXXXX"
#include "fixture_register.h"


/* Household X (王庄村): A head, B daughter, C wife (left in 2020). Earlier
 * household Y (东屯社区): B was its head until 2019 with her brother D, who
 * is still there. Ids: persons A1 B2 C3 D4 N5; households X1 Y2. */
static void people(struct fx *fx)
{
	OK(store_exec(fx->s,
		"INSERT INTO households (county, id, hh_no, village_code, address, registration,"
		" created_at, updated_at) VALUES"
		" ('410726', 1, '410726-0000001', '410726101201', '王庄村1号', 2, 't', 't'),"
		" ('410726', 2, '410726-0000002', '410726101001', '东屯社区2号', 1, 't', 't');"
		"INSERT INTO persons (county, id, id_number, name, sex, birth_date, created_at,"
		" updated_at) VALUES"
		" ('410726', 1, '410726196001010011', '甲', 1, '1960-01-01', 't', 't'),"
		" ('410726', 2, '410726198501010022', '乙', 2, '1985-01-01', 't', 't'),"
		" ('410726', 3, '410726196201010023', '丙', 2, '1962-01-01', 't', 't'),"
		" ('410726', 4, '410726198701010031', '丁', 1, '1987-01-01', 't', 't'),"
		" ('410726', 5, '410726199001010041', '戊', 1, '1990-01-01', 't', 't');"
		"INSERT INTO memberships (county, id, household_id, person_id, relation,"
		" start_date, end_date) VALUES"
		" ('410726', 1, 1, 1, 1, '2000-01-01', NULL),"
		" ('410726', 2, 1, 2, 30, '2019-06-01', NULL),"
		" ('410726', 3, 1, 3, 10, '2000-01-01', '2020-05-01'),"
		" ('410726', 4, 2, 2, 1, '2005-01-01', '2019-06-01'),"
		" ('410726', 5, 2, 4, 70, '2005-01-01', NULL),"
		" ('410726', 6, 2, 5, 99, '2005-01-01', NULL)", &fx->err));
}

static int64_t add_staff(struct fx *fx, const char *idno, const char *name, const char *kind,
			 const char *region, const char *from, const char *to)
{
	store_staff r;
	memset(&r, 0, sizeof r);
	snprintf(r.county, sizeof r.county, "%.6s", region);
	snprintf(r.id_number, sizeof r.id_number, "%s", idno);
	r.name = name;
	r.kind = kind;
	snprintf(r.region_code, sizeof r.region_code, "%s", region);
	r.position = strcmp(kind, "bureau") ? NULL : "社会救助股";
	snprintf(r.from_date, sizeof r.from_date, "%s", from);
	snprintf(r.to_date, sizeof r.to_date, "%s", to ? to : "");
	int64_t id = 0;
	OK(store_begin(fx->s, &fx->err));
	OK(store_staff_insert(fx->s, &r, &id, &fx->err));
	OK(store_commit(fx->s, &fx->err));
	return id;
}

static void test_store_staff__insert_get_end_list(void **state)
{
	struct fx *fx = *state;
	int64_t a = add_staff(fx, "410726196001010011", "甲", "bureau", "410726000000",
			      "2020-01-01", NULL);
	int64_t b = add_staff(fx, "410726198701010031", "丁", "committee", "410726101001",
			      "2021-01-01", "2022-12-31");
	int64_t c = add_staff(fx, "410727199001010055", "己", "committee", "410727100201",
			      "2021-01-01", NULL);
	assert_int_equal(a, 1);
	assert_int_equal(b, 2);
	assert_int_equal(c, 3);

	store_staff r;
	OK(store_staff_get(fx->s, a, &fx->a, &r, &fx->err));
	assert_string_equal(r.name, "甲");
	assert_string_equal(r.kind, "bureau");
	assert_string_equal(r.county, "410726");
	assert_string_equal(r.region_name, "延津县");
	assert_string_equal(r.position, "社会救助股");
	assert_string_equal(r.from_date, "2020-01-01");
	assert_string_equal(r.to_date, "");
	assert_non_null(r.created_at);
	FAILS(DIB_ENOTFOUND, "99", store_staff_get(fx->s, 99, &fx->a, &r, &fx->err));

	/* a kind the CHECK refuses, a region that does not exist */
	store_staff bad = r;
	bad.kind = "other";
	OK(store_begin(fx->s, &fx->err));
	FAILS(DIB_EINVAL, NULL, store_staff_insert(fx->s, &bad, NULL, &fx->err));
	store_rollback(fx->s);
	bad.kind = "bureau";
	snprintf(bad.region_code, sizeof bad.region_code, "410726999000");
	OK(store_begin(fx->s, &fx->err));
	FAILS(DIB_ECONFLICT, NULL, store_staff_insert(fx->s, &bad, NULL, &fx->err));
	store_rollback(fx->s);

	/* the list: the county's subtree, a township's, a date, everything */
	store_staff *v = NULL;
	size_t n = 0;
	OK(store_staff_list(fx->s, "410726000000", NULL, &fx->a, &v, &n, &fx->err));
	assert_int_equal(n, 2);
	assert_string_equal(v[0].region_code, "410726000000"); /* ordered by region */
	assert_string_equal(v[1].region_code, "410726101001");
	assert_string_equal(v[1].region_name, "东屯社区");
	OK(store_staff_list(fx->s, "410726101000", NULL, &fx->a, &v, &n, &fx->err));
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, b);
	OK(store_staff_list(fx->s, "410726000000", "2023-01-01", &fx->a, &v, &n, &fx->err));
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, a);
	OK(store_staff_list(fx->s, "410726000000", "2019-01-01", &fx->a, &v, &n, &fx->err));
	assert_int_equal(n, 0);
	assert_null(v);
	OK(store_staff_list(fx->s, NULL, NULL, &fx->a, &v, &n, &fx->err));
	assert_int_equal(n, 3);
	FAILS(DIB_EINTERNAL, NULL, store_staff_list(fx->s, "41x", NULL, &fx->a, &v, &n, &fx->err));

	/* end: once; not before the start (the CHECK) */
	bool changed = false;
	OK(store_begin(fx->s, &fx->err));
	FAILS(DIB_EINVAL, NULL, store_staff_end(fx->s, a, "2019-12-31", &changed, &fx->err));
	store_rollback(fx->s);
	OK(store_begin(fx->s, &fx->err));
	OK(store_staff_end(fx->s, a, "2024-03-31", &changed, &fx->err));
	assert_true(changed);
	OK(store_staff_end(fx->s, a, "2024-04-30", &changed, &fx->err));
	assert_false(changed);
	OK(store_staff_end(fx->s, 99, "2024-04-30", &changed, &fx->err));
	assert_false(changed);
	OK(store_commit(fx->s, &fx->err));
	OK(store_staff_get(fx->s, a, &fx->a, &r, &fx->err));
	assert_string_equal(r.to_date, "2024-03-31");
}

struct want_link {
	int64_t member, staff, household;
	int mrel, srel;
	bool self, current;
};

static void check_links(struct fx *fx, const char *on, const struct want_link *w, size_t nw)
{
	store_staff_link *v = NULL;
	size_t n = 0;
	OK(store_staff_links(fx->s, 1, on, &fx->a, &v, &n, &fx->err));
	if (n != nw) {
		for (size_t i = 0; i < n; i++)
			print_message("  got M%lld S%lld H%lld %d/%d self %d\n",
				      (long long)v[i].member_person_id, (long long)v[i].staff.id,
				      (long long)v[i].household_id, v[i].member_relation,
				      v[i].staff_relation, v[i].self);
		fail_msg("on %s: %zu links, want %zu", on, n, nw);
	}
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(v[i].member_person_id, w[i].member);
		assert_int_equal(v[i].staff.id, w[i].staff);
		assert_int_equal(v[i].household_id, w[i].household);
		assert_int_equal(v[i].member_relation, w[i].mrel);
		assert_int_equal(v[i].staff_relation, w[i].srel);
		assert_int_equal(v[i].self, w[i].self);
		assert_int_equal(v[i].current, w[i].current);
	}
}

static void test_store_staff__links(void **state)
{
	struct fx *fx = *state;
	people(fx);
	/* 1: the former wife C, in force since 2020 */
	add_staff(fx, "410726196201010023", "丙", "bureau", "410726000000", "2020-01-01", NULL);
	/* 2: B's brother D, in force 2021–2022 only, linked through Y */
	add_staff(fx, "410726198701010031", "丁", "committee", "410726101001",
		  "2021-01-01", "2022-12-31");
	/* 3: the head A himself */
	add_staff(fx, "410726196001010011", "甲", "committee", "410726101201",
		  "2015-01-01", NULL);
	/* 4: nobody in the register of persons */
	add_staff(fx, "410726197001010051", "庚", "bureau", "410726000000", "2015-01-01", NULL);
	/* 5: C again, from a date after those asked about */
	add_staff(fx, "410726196201010023", "丙", "bureau", "410726101000", "2030-01-01", NULL);

	static const struct want_link in2024[] = {
		{ 1, 1, 1, 1, 10, false, false },  /* A and his former wife, through X */
		{ 1, 3, 1, 1, 1, true, true },     /* A himself */
		{ 2, 1, 1, 30, 10, false, false }, /* B and her mother C, through X */
		{ 2, 3, 1, 30, 1, false, true },   /* B and her father A, both in X now */
	};
	check_links(fx, "2024-06-01", in2024, DIB_ARRAY_LEN(in2024));
	static const struct want_link in2022[] = {
		{ 1, 1, 1, 1, 10, false, false },
		{ 1, 3, 1, 1, 1, true, true },
		{ 2, 1, 1, 30, 10, false, false },
		{ 2, 2, 2, 1, 70, false, false },  /* B and her brother D, through Y */
		{ 2, 3, 1, 30, 1, false, true },
	};
	check_links(fx, "2022-12-31", in2022, DIB_ARRAY_LEN(in2022));
	/* before C's registration: only A's own */
	static const struct want_link in2019[] = {
		{ 1, 3, 1, 1, 1, true, true },
		{ 2, 3, 1, 30, 1, false, true },
	};
	check_links(fx, "2019-12-31", in2019, DIB_ARRAY_LEN(in2019));

	/* household Y is checked from its own active members D and N: D
	 * himself, and N with D (the store gives every link, kin or not);
	 * B has left Y, so X's people are not reached through her */
	store_staff_link *v = NULL;
	size_t n = 0;
	OK(store_staff_links(fx->s, 2, "2022-06-01", &fx->a, &v, &n, &fx->err));
	assert_int_equal(n, 2);
	assert_int_equal(v[1].member_person_id, 5);
	assert_int_equal(v[1].member_relation, 99);
	assert_int_equal(v[1].staff_relation, 70);
	assert_true(v[1].current);
	assert_false(v[1].self);
	assert_int_equal(v[0].member_person_id, 4);
	assert_true(v[0].self);
	assert_string_equal(v[0].hh_no, "410726-0000002");
	assert_string_equal(v[0].staff.name, "丁");
	assert_string_equal(v[0].member_id_number, "410726198701010031");

	OK(store_staff_links(fx->s, 999, "2024-06-01", &fx->a, &v, &n, &fx->err));
	assert_int_equal(n, 0);
	assert_null(v);
}

#define TESTS(eng) {                                                                     \
	cmocka_unit_test_prestate_setup_teardown(test_store_staff__insert_get_end_list,    \
						 setup, teardown, (void *)(eng)),          \
	cmocka_unit_test_prestate_setup_teardown(test_store_staff__links, setup,           \
						 teardown, (void *)(eng)),                 \
}

int main(void)
{
	int failed = 0;
	const struct CMUnitTest lite[] = TESTS(NULL);
	failed += cmocka_run_group_tests_name("store staff: sqlite", lite, NULL, NULL);
	const char *pg = getenv("DIB_TEST_PG_URL");
	if (pg && *pg) {
		const struct CMUnitTest pgt[] = TESTS(pg);
		failed += cmocka_run_group_tests_name("store staff: postgresql", pgt, NULL, NULL);
	} else {
		printf("store staff: postgresql skipped (DIB_TEST_PG_URL not set)\n");
	}
	return failed;
}
