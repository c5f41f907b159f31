/*
 * test_store_audit_query.c — store_audit_query on both engines (PostgreSQL
 * when DIB_TEST_PG_URL names a throwaway database; its public schema is
 * dropped): county scope with and without the county-less rows, each
 * filter, the date bounds, and keyset paging by id descending.
 * Thread-safety: single-threaded test.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "store/store.h"
#include "store/store_audit.h"

#include <setjmp.h>
#include <stdarg.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

struct fx {
	char dir[64];
	struct store *s;
	dib_arena a;
	dib_err err;
};

#define OK(expr)                                                            \
	do {                                                                \
		dib_err_clear(&fx->err);                                    \
		if ((expr) != DIB_OK)                                       \
			fail_msg("%s -> %s | %s", #expr, fx->err.msg,        \
				 fx->err.detail);                           \
	} while (0)

static int setup(void **state)
{
	const char *pg = *state;
	struct fx *fx = calloc(1, sizeof *fx);
	assert_non_null(fx);
	dib_arena_init(&fx->a, 0, 0);
	char url[1024];
	if (pg) {
		snprintf(url, sizeof url, "%s", pg);
		OK(store_open(url, &fx->s, &fx->err));
		OK(store_exec(fx->s, "DROP SCHEMA IF EXISTS public CASCADE; "
				     "CREATE SCHEMA public", &fx->err));
	} else {
		snprintf(fx->dir, sizeof fx->dir, "/tmp/dib_auq_XXXXXX");
		assert_non_null(mkdtemp(fx->dir));
		snprintf(url, sizeof url, "sqlite:%s/t.db", fx->dir);
		OK(store_open(url, &fx->s, &fx->err));
	}
	OK(store_migrate(fx->s, NULL, NULL, &fx->err));
	/* ids 1..6: county, actor, action, entity */
	static const char *const rows[][4] = {
		{ "", "cli:root", "import", "regions" },
		{ "410726", "wang", "user.create", "user" },
		{ "410727", "feng", "user.create", "user" },
		{ "410726", "wang", "session.login", "session" },
		{ "", "cli:root", "calendar.load", "calendar" },
		{ "410726", "zhao", "user.create", "user" },
	};
	OK(store_begin(fx->s, &fx->err));
	for (size_t i = 0; i < DIB_ARRAY_LEN(rows); i++) {
		store_audit_entry e = { .county = rows[i][0], .actor = rows[i][1],
					.action = rows[i][2], .entity = rows[i][3] };
		OK(store_audit_append(fx->s, &e, NULL, &fx->err));
	}
	OK(store_commit(fx->s, &fx->err));
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	store_close(fx->s);
	dib_arena_release(&fx->a);
	if (fx->dir[0]) {
		char p[128];
		static const char *const files[] = { "t.db", "t.db-wal", "t.db-shm" };
		for (size_t i = 0; i < DIB_ARRAY_LEN(files); i++) {
			snprintf(p, sizeof p, "%s/%s", fx->dir, files[i]);
			unlink(p);
		}
		rmdir(fx->dir);
	}
	free(fx);
	return 0;
}

/* The ids f selects, as "6 4 2 1", and whether more follow. */
static const char *ids(struct fx *fx, const store_audit_filter *f, bool *more)
{
	store_audit_row *rows = NULL;
	size_t n = 0;
	OK(store_audit_query(fx->s, f, &fx->a, &rows, &n, more, &fx->err));
	static char buf[128];
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(buf);
		snprintf(buf + len, sizeof buf - len, "%s%lld", i ? " " : "",
			 (long long)rows[i].id);
	}
	return buf;
}

static void test_audit_query__filters(void **state)
{
	struct fx *fx = *state;
	bool more = true;
	char today[11];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	struct {
		store_audit_filter f;
		const char *want;
	} cases[] = {
		{ { .county_prefix = "410726", .countyless = true, .limit = 50 }, "6 5 4 2 1" },
		{ { .county_prefix = "410726", .limit = 50 }, "6 4 2" },
		{ { .county_prefix = "4107", .limit = 50 }, "6 4 3 2" },
		{ { .county_prefix = "", .limit = 50 }, "6 5 4 3 2 1" },
		{ { .county_prefix = "410726", .countyless = true, .actor = "wang", .limit = 50 }, "4 2" },
		{ { .county_prefix = "410726", .countyless = true, .action = "user.create", .limit = 50 }, "6 2" },
		{ { .county_prefix = "", .entity = "user", .action = "user.create", .limit = 50 }, "6 3 2" },
		{ { .county_prefix = "", .from = today, .to = today, .limit = 50 }, "6 5 4 3 2 1" },
		{ { .county_prefix = "", .to = "2000-01-01", .limit = 50 }, "" },
		{ { .county_prefix = "", .from = "2999-01-01", .limit = 50 }, "" },
		{ { .county_prefix = "", .before_id = 4, .limit = 50 }, "3 2 1" },
		/* a would-be injection is just a value that matches nothing */
		{ { .county_prefix = "", .actor = "x' OR '1'='1", .limit = 50 }, "" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		const char *got = ids(fx, &cases[i].f, &more);
		if (strcmp(got, cases[i].want))
			fail_msg("case %zu: got [%s], want [%s]", i, got, cases[i].want);
		assert_false(more);
	}
}

static void test_audit_query__paging(void **state)
{
	struct fx *fx = *state;
	store_audit_filter f = { .county_prefix = "410726", .countyless = true, .limit = 2 };
	bool more = false;
	assert_string_equal(ids(fx, &f, &more), "6 5");
	assert_true(more);
	f.before_id = 5;
	assert_string_equal(ids(fx, &f, &more), "4 2");
	assert_true(more);
	f.before_id = 2;
	assert_string_equal(ids(fx, &f, &more), "1");
	assert_false(more);
	f.limit = 0;
	store_audit_row *rows = NULL;
	size_t n = 0;
	dib_err_clear(&fx->err);
	assert_int_equal(store_audit_query(fx->s, &f, &fx->a, &rows, &n, NULL, &fx->err),
			 DIB_EINTERNAL);
}

static void test_audit_query__fields(void **state)
{
	struct fx *fx = *state;
	store_audit_filter f = { .county_prefix = "", .limit = 1, .before_id = 2 };
	store_audit_row *rows = NULL;
	size_t n = 0;
	OK(store_audit_query(fx->s, &f, &fx->a, &rows, &n, NULL, &fx->err));
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, 1);
	assert_string_equal(rows[0].actor, "cli:root");
	assert_string_equal(rows[0].action, "import");
	assert_string_equal(rows[0].entity, "regions");
	assert_int_equal(strlen(rows[0].at), 20);
	assert_null(rows[0].entity_id);
	assert_null(rows[0].before_json);
	assert_null(rows[0].reason);
}

#define TESTS(eng) {                                                           \
	cmocka_unit_test_prestate_setup_teardown(test_audit_query__filters, setup, teardown, (void *)(eng)), \
	cmocka_unit_test_prestate_setup_teardown(test_audit_query__paging, setup, teardown, (void *)(eng)), \
	cmocka_unit_test_prestate_setup_teardown(test_audit_query__fields, setup, teardown, (void *)(eng)), \
}

int main(void)
{
	int failed = 0;
	const struct CMUnitTest lite[] = TESTS(NULL);
	failed += cmocka_run_group_tests_name("audit query: sqlite", lite, NULL, NULL);
	const char *pg = getenv("DIB_TEST_PG_URL");
	if (pg && *pg) {
		const struct CMUnitTest pgt[] = TESTS(pg);
		failed += cmocka_run_group_tests_name("audit query: postgresql", pgt, NULL, NULL);
	} else {
		printf("audit query: postgresql skipped (DIB_TEST_PG_URL not set)\n");
	}
	return failed;
}
