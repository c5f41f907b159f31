/*
 * test_store_contract.c — the one contract of store.h, run unchanged against
 * every engine: SQLite (a fresh temp file per test) always, and PostgreSQL
 * when DIB_TEST_PG_URL names a database (the public schema is dropped and
 * recreated before each test, so use a throwaway one:
 *   DIB_TEST_PG_URL=$(scripts/pg-test-server start /tmp/x) build/test_store_contract
 *   scripts/pg-test-server stop /tmp/x
 * ). A test that passes on one engine and fails on the other is a bug in a
 * backend, never in the test. Single-threaded.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_calendar.h"
#include "store/store_region.h"
#include "store/store_rebuild.h"
#include "store/store_standard.h"
#include "util/digest.h"

#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <unistd.h>
#include <cmocka.h>

struct engine {
	const char *name; /* "sqlite" or "postgresql" */
	const char *pg_url;
};

struct fx {
	const struct engine *eng;
	char url[1024];
	char dir[64]; /* SQLite: the temp dir holding t.db */
	struct store *s;
	dib_arena a;
	dib_err err;
};

/* Fails the test with the error's text when expr (using &fx->err) fails. */
#define OK(expr)                                                            \
	do {                                                                \
		dib_err_clear(&fx->err);                                    \
		dib_code rc_ = (expr);                                      \
		if (rc_ != DIB_OK)                                          \
			fail_msg("%s\n  -> %s: %s | %s", #expr,              \
				 dib_code_name(rc_), fx->err.msg,           \
				 fx->err.detail);                           \
	} while (0)

/* Expects expr to fail with code, and err->msg to be set. */
#define FAILS(want, expr)                                                   \
	do {                                                                \
		dib_err_clear(&fx->err);                                    \
		dib_code rc_ = (expr);                                      \
		if (rc_ != (want))                                          \
			fail_msg("%s\n  -> %s (want %s): %s | %s", #expr,    \
				 dib_code_name(rc_), dib_code_name(want),   \
				 fx->err.msg, fx->err.detail);              \
		assert_int_equal(fx->err.code, (want));                     \
		assert_true(fx->err.msg[0] != '\0');                        \
	} while (0)

/* ---- fixtures ---- */

static int setup_fresh(void **state)
{
	const struct engine *eng = *state;
	struct fx *fx = calloc(1, sizeof *fx);
	assert_non_null(fx);
	fx->eng = eng;
	dib_arena_init(&fx->a, 0, 0);
	if (eng->pg_url) {
		snprintf(fx->url, sizeof fx->url, "%s", eng->pg_url);
		OK(store_open(fx->url, &fx->s, &fx->err));
		OK(store_exec(fx->s, "DROP SCHEMA IF EXISTS public CASCADE; "
				     "CREATE SCHEMA public", &fx->err));
		store_close(fx->s);
		fx->s = NULL;
	} else {
		snprintf(fx->dir, sizeof fx->dir, "/tmp/dib_store_XXXXXX");
		assert_non_null(mkdtemp(fx->dir));
		snprintf(fx->url, sizeof fx->url, "sqlite:%s/t.db", fx->dir);
	}
	OK(store_open(fx->url, &fx->s, &fx->err));
	*state = fx;
	return 0;
}

static int setup_migrated(void **state)
{
	setup_fresh(state);
	struct fx *fx = *state;
	OK(store_migrate(fx->s, NULL, NULL, &fx->err));
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	store_close(fx->s);
	dib_arena_release(&fx->a);
	if (fx->dir[0]) {
		static const char *const files[] = {"t.db", "t.db-wal", "t.db-shm"};
		for (size_t i = 0; i < DIB_ARRAY_LEN(files); i++) {
			char p[128];
			snprintf(p, sizeof p, "%s/%s", fx->dir, files[i]);
			unlink(p);
		}
		rmdir(fx->dir);
	}
	free(fx);
	return 0;
}

/* ---- helpers ---- */

static int64_t count(struct fx *fx, const char *sql)
{
	int64_t n = -1;
	bool found = false;
	OK(store_query_int64(fx->s, sql, 0, NULL, &n, &found, &fx->err));
	assert_true(found);
	return n;
}

static store_region region(const char *code, const char *name, int level,
			   const char *parent)
{
	store_region r;
	memset(&r, 0, sizeof r);
	snprintf(r.code, sizeof r.code, "%s", code);
	r.name = name;
	r.level = (enum region_level)level;
	snprintf(r.parent_code, sizeof r.parent_code, "%s", parent);
	return r;
}

/* 河南省 > 新乡市 > 延津县 > 城关镇 > 东街社区 / 西街村. */
static void seed_regions(struct fx *fx)
{
	store_region rows[] = {
		region("410000000000", "河南省", 1, ""),
		region("410700000000", "新乡市", 2, "410000000000"),
		region("410726000000", "延津县", 3, "410700000000"),
		region("410726100000", "城关镇", 4, "410726000000"),
		region("410726100201", "西街村", 5, "410726100000"),
		region("410726100001", "东街社区", 5, "410726100000"),
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(rows); i++)
		OK(store_region_insert(fx->s, &rows[i], &fx->err));
}

static void seed_household_person(struct fx *fx)
{
	seed_regions(fx);
	OK(store_exec(fx->s,
		"INSERT INTO households (county, id, hh_no, village_code, "
		"address, registration, created_at, updated_at) VALUES "
		"('410726', 1, 'H001', '410726100201', '西街村1号', 2, 'x', 'x'), "
		"('410726', 2, 'H002', '410726100201', '西街村2号', 2, 'x', 'x');"
		"INSERT INTO persons (county, id, id_number, name, sex, "
		"birth_date, created_at, updated_at) VALUES "
		"('410726', 1, '410726199001011234', '张三', 1, '1990-01-01', "
		"'x', 'x')", &fx->err));
}

/* ---- URLs and opening ---- */

static void test_store__url_resolve(void **state)
{
	(void)state;
	unsetenv("DIBAO_DB");
	assert_string_equal(store_url_resolve(NULL), "sqlite:dibao.db");
	setenv("DIBAO_DB", "postgresql:///env", 1);
	assert_string_equal(store_url_resolve(NULL), "postgresql:///env");
	assert_string_equal(store_url_resolve("sqlite:/x.db"), "sqlite:/x.db");
	unsetenv("DIBAO_DB");
}

static void test_store__open_urls(void **state)
{
	struct fx *fx = *state;
	struct store *s = NULL;

	FAILS(DIB_EINVAL, store_open("mysql://root:secret@db/x", &s, &fx->err));
	assert_non_null(strstr(fx->err.msg, "无法识别"));
	assert_non_null(strstr(fx->err.msg, "mysql"));
	assert_null(strstr(fx->err.msg, "secret"));
	FAILS(DIB_EINVAL, store_open("", &s, &fx->err));
	FAILS(DIB_EINVAL, store_open("sqlite:", &s, &fx->err));
	FAILS(DIB_EDB, store_open("sqlite:/nonexistent-dir/x/y.db", &s,
				  &fx->err));
	assert_null(s);

	OK(store_open("sqlite::memory:", &s, &fx->err));
	assert_int_equal(store_engine(s), STORE_SQLITE);
	assert_string_equal(store_engine_name(s), "sqlite");
	store_close(s);

	if (!fx->eng->pg_url) {
		/* Both schemes reach libpq: the failure is a connection one. */
		FAILS(DIB_EDB, store_open("postgresql:///x?host=/nonexistent-dib"
					  "&connect_timeout=2", &s, &fx->err));
		FAILS(DIB_EDB, store_open("postgres:///x?host=/nonexistent-dib"
					  "&connect_timeout=2", &s, &fx->err));
		return;
	}
	const char *url = fx->eng->pg_url;
	assert_true(strncmp(url, "postgresql://", 13) == 0 ||
		    strncmp(url, "postgres://", 11) == 0);
	const char *rest = strstr(url, "://") + 3;
	char other[1024];
	snprintf(other, sizeof other, "%s%s",
		 strncmp(url, "postgresql", 10) == 0 ? "postgres://" :
		 "postgresql://", rest);
	const char *both[] = {url, other};
	for (size_t i = 0; i < 2; i++) {
		OK(store_open(both[i], &s, &fx->err));
		assert_int_equal(store_engine(s), STORE_PG);
		assert_string_equal(store_engine_name(s), "postgresql");
		store_close(s);
	}
}

/* ---- migrations ---- */

static void test_store__migrate_from_empty(void **state)
{
	struct fx *fx = *state;
	int v = -1, from = -1, to = -1;
	OK(store_schema_version(fx->s, &v, &fx->err));
	assert_int_equal(v, 0);
	OK(store_migrate(fx->s, &from, &to, &fx->err));
	assert_int_equal(from, 0);
	assert_int_equal(to, store_schema_latest());
	assert_true(store_schema_latest() >= 1);
	OK(store_schema_version(fx->s, &v, &fx->err));
	assert_int_equal(v, store_schema_latest());
	assert_int_equal(count(fx, "SELECT count(*) FROM programs"), 11);
	/* the id sequences of schema v1 (later migrations add their own) */
	assert_int_equal(count(fx, "SELECT count(*) FROM id_blocks WHERE kind IN ('household',"
			     " 'person', 'membership', 'disability', 'income', 'asset', 'user',"
			     " 'audit') AND next_id = 1"), 8);
	assert_int_equal(count(fx, "SELECT count(*) FROM households"), 0);
	assert_int_equal(count(fx, "SELECT count(*) FROM schema_migrations"),
			 store_schema_latest());
}

static void test_store__migrate_rerun_is_noop(void **state)
{
	struct fx *fx = *state;
	int from = -1, to = -1;
	OK(store_migrate(fx->s, &from, &to, &fx->err));
	assert_int_equal(from, store_schema_latest());
	assert_int_equal(to, store_schema_latest());
	/* And from a second connection, as a restarted program would. */
	struct store *s2 = NULL;
	OK(store_open(fx->url, &s2, &fx->err));
	OK(store_migrate(s2, &from, &to, &fx->err));
	store_close(s2);
	assert_int_equal(from, to);
	assert_int_equal(count(fx, "SELECT count(*) FROM programs"), 11);
}

static void test_store__migrate_newer_db_refused(void **state)
{
	struct fx *fx = *state;
	char sql[160];
	snprintf(sql, sizeof sql, "INSERT INTO schema_migrations (version, "
		 "name, applied_at) VALUES (%d, 'future', 'x')",
		 store_schema_latest() + 1);
	OK(store_exec(fx->s, sql, &fx->err));
	int from = -7;
	FAILS(DIB_ESCHEMA, store_migrate(fx->s, &from, NULL, &fx->err));
	assert_int_equal(from, -7); /* outputs untouched on failure */
	assert_non_null(strstr(fx->err.msg, "升级程序"));
}

/* ---- transactions ---- */

static void test_store__commit_rollback_visibility(void **state)
{
	struct fx *fx = *state;
	struct store *other = NULL;
	OK(store_open(fx->url, &other, &fx->err));
	store_region p = region("410000000000", "河南省", 1, "");
	store_region q = region("420000000000", "湖北省", 1, "");

	OK(store_begin(fx->s, &fx->err));
	assert_true(store_in_tx(fx->s));
	OK(store_region_insert(fx->s, &p, &fx->err));
	/* Not visible to another connection before the commit. */
	int64_t n = -1;
	OK(store_query_int64(other, "SELECT count(*) FROM regions", 0, NULL,
			     &n, NULL, &fx->err));
	assert_int_equal(n, 0);
	OK(store_commit(fx->s, &fx->err));
	assert_false(store_in_tx(fx->s));
	OK(store_query_int64(other, "SELECT count(*) FROM regions", 0, NULL,
			     &n, NULL, &fx->err));
	assert_int_equal(n, 1);

	OK(store_begin(fx->s, &fx->err));
	OK(store_region_insert(fx->s, &q, &fx->err));
	assert_int_equal(count(fx, "SELECT count(*) FROM regions"), 2);
	store_rollback(fx->s);
	assert_false(store_in_tx(fx->s));
	assert_int_equal(count(fx, "SELECT count(*) FROM regions"), 1);
	OK(store_query_int64(other, "SELECT count(*) FROM regions", 0, NULL,
			     &n, NULL, &fx->err));
	assert_int_equal(n, 1);
	store_close(other);
}

static void test_store__transaction_misuse(void **state)
{
	struct fx *fx = *state;
	store_rollback(fx->s); /* no transaction: a no-op */
	FAILS(DIB_EINTERNAL, store_commit(fx->s, &fx->err));
	OK(store_begin(fx->s, &fx->err));
	FAILS(DIB_EINTERNAL, store_begin(fx->s, &fx->err));
	assert_true(store_in_tx(fx->s));
	store_rollback(fx->s);
	store_rollback(fx->s);

	/* After a failed statement, rollback makes the connection usable. */
	store_region p = region("410000000000", "河南省", 1, "");
	OK(store_begin(fx->s, &fx->err));
	OK(store_region_insert(fx->s, &p, &fx->err));
	FAILS(DIB_ECONFLICT, store_region_insert(fx->s, &p, &fx->err));
	store_rollback(fx->s);
	OK(store_begin(fx->s, &fx->err));
	OK(store_region_insert(fx->s, &p, &fx->err));
	OK(store_commit(fx->s, &fx->err));
	assert_int_equal(count(fx, "SELECT count(*) FROM regions"), 1);
}

/* ---- statements and values ---- */

static void make_values_table(struct fx *fx)
{
	OK(store_exec(fx->s, "CREATE TABLE t_vals (k BIGINT PRIMARY KEY, "
			     "t TEXT, n BIGINT)", &fx->err));
}

static void insert_val(struct fx *fx, int64_t k, const char *t, int64_t n)
{
	struct store_stmt *st = NULL;
	bool row = true;
	OK(store_prepare(fx->s, "INSERT INTO t_vals (k, t, n) "
				"VALUES ($1, $2, $3)", &st, &fx->err));
	OK(store_bind_int64(st, 1, k, &fx->err));
	OK(store_bind_text(st, 2, t, -1, &fx->err));
	OK(store_bind_int64(st, 3, n, &fx->err));
	OK(store_step(st, &row, &fx->err));
	assert_false(row);
	assert_int_equal(store_changes(st), 1);
	store_finalize(st);
}

static void test_store__bind_and_read_values(void **state)
{
	struct fx *fx = *state;
	static const char chinese[] = "低保 “城市” 𠀀 户主：张三，tab\there";
	make_values_table(fx);
	insert_val(fx, 1, chinese, INT64_MAX);
	insert_val(fx, 2, NULL, INT64_MIN);
	insert_val(fx, 3, "", -1);
	insert_val(fx, 4, "x", INT64_C(9007199254740993)); /* 2^53 + 1 */

	struct store_stmt *st = NULL;
	bool row = false;
	OK(store_prepare(fx->s, "SELECT k, t, n FROM t_vals ORDER BY k", &st,
			 &fx->err));
	assert_int_equal(store_col_count(st), 3);
	OK(store_step(st, &row, &fx->err));
	assert_true(row);
	assert_int_equal(store_col_int64(st, 0), 1);
	assert_string_equal(store_col_text(st, 1), chinese);
	assert_true(store_col_int64(st, 2) == INT64_MAX);
	assert_string_equal(store_col_text(st, 2), "9223372036854775807");
	OK(store_step(st, &row, &fx->err));
	assert_true(row);
	assert_true(store_col_null(st, 1));
	assert_null(store_col_text(st, 1));
	assert_int_equal(store_col_int64(st, 1), 0);
	assert_true(store_col_int64(st, 2) == INT64_MIN);
	OK(store_step(st, &row, &fx->err));
	assert_true(row);
	assert_false(store_col_null(st, 1)); /* "" is not NULL */
	assert_string_equal(store_col_text(st, 1), "");
	assert_true(store_col_int64(st, 2) == -1);
	OK(store_step(st, &row, &fx->err));
	assert_true(row);
	assert_true(store_col_int64(st, 2) == INT64_C(9007199254740993));
	OK(store_step(st, &row, &fx->err));
	assert_false(row);
	OK(store_step(st, &row, &fx->err)); /* stays done */
	assert_false(row);
	assert_int_equal(store_changes(st), 0);
	store_finalize(st);

	/* Text with a NUL byte cannot be stored on every engine. */
	OK(store_prepare(fx->s, "SELECT $1", &st, &fx->err));
	FAILS(DIB_EENCODING, store_bind_text(st, 1, "a\0b", 3, &fx->err));
	FAILS(DIB_EINTERNAL, store_bind_text(st, 2, "x", -1, &fx->err));
	FAILS(DIB_EINTERNAL, store_bind_int64(st, 0, 1, &fx->err));
	store_finalize(st);
}

static void test_store__placeholder_reused(void **state)
{
	struct fx *fx = *state;
	make_values_table(fx);
	insert_val(fx, 1, "a", 5);
	insert_val(fx, 5, "b", 7);

	struct store_stmt *st = NULL;
	bool row = false;
	/* $1 appears twice and is bound once. */
	OK(store_prepare(fx->s, "SELECT count(*) FROM t_vals "
				"WHERE n = $1 OR k = $1", &st, &fx->err));
	OK(store_bind_int64(st, 1, 5, &fx->err));
	OK(store_step(st, &row, &fx->err));
	assert_true(row);
	assert_int_equal(store_col_int64(st, 0), 2);
	/* Rebinding after a run starts a new run. */
	OK(store_bind_text(st, 1, "7", -1, &fx->err));
	OK(store_step(st, &row, &fx->err));
	assert_true(row);
	assert_int_equal(store_col_int64(st, 0), 1);
	store_reset(st);
	OK(store_bind_int64(st, 1, 42, &fx->err));
	OK(store_step(st, &row, &fx->err));
	assert_int_equal(store_col_int64(st, 0), 0);
	store_finalize(st);

	OK(store_prepare(fx->s, "INSERT INTO t_vals (k, t, n) "
				"VALUES ($1, $2, $1)", &st, &fx->err));
	OK(store_bind_int64(st, 1, 10, &fx->err));
	OK(store_bind_text(st, 2, "同一参数", -1, &fx->err));
	OK(store_step(st, &row, &fx->err));
	store_finalize(st);
	int64_t n = 0;
	bool found = false;
	const char *args[] = {"10"};
	OK(store_query_int64(fx->s, "SELECT n FROM t_vals WHERE k = $1", 1,
			     args, &n, &found, &fx->err));
	assert_true(found);
	assert_int_equal(n, 10);

	/* changes() and query_int64's "no row". */
	OK(store_prepare(fx->s, "UPDATE t_vals SET t = $2 WHERE k > $1", &st,
			 &fx->err));
	OK(store_bind_int64(st, 1, 1, &fx->err));
	OK(store_bind_text(st, 2, "改", -1, &fx->err));
	OK(store_step(st, &row, &fx->err));
	assert_int_equal(store_changes(st), 2);
	store_finalize(st);
	const char *none[] = {"999"};
	found = true;
	OK(store_query_int64(fx->s, "SELECT n FROM t_vals WHERE k = $1", 1,
			     none, &n, &found, &fx->err));
	assert_false(found);
	const char *null_arg[] = {NULL};
	OK(store_query_int64(fx->s, "SELECT count(*) FROM t_vals WHERE "
				    "t = $1 OR (t IS NULL AND $1 IS NULL)", 1,
			     null_arg, &n, &found, &fx->err));
	assert_int_equal(n, 0);
}

/* More distinct statements than PostgreSQL's statement cache holds, with
 * one kept open throughout: eviction must never take a statement in use. */
static void test_store__many_statements(void **state)
{
	struct fx *fx = *state;
	seed_regions(fx);
	struct store_stmt *held = NULL, *st = NULL;
	bool row = false;
	OK(store_prepare(fx->s, "SELECT name FROM regions WHERE code = $1",
			 &held, &fx->err));
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < 150; i++) {
			char sql[128];
			snprintf(sql, sizeof sql, "SELECT count(*) + %d FROM "
				 "regions WHERE code = $1", i);
			OK(store_prepare(fx->s, sql, &st, &fx->err));
			OK(store_bind_text(st, 1, "410726000000", -1, &fx->err));
			OK(store_step(st, &row, &fx->err));
			assert_true(row);
			assert_int_equal(store_col_int64(st, 0), i + 1);
			store_finalize(st);
		}
		store_reset(held);
		OK(store_bind_text(held, 1, "410700000000", -1, &fx->err));
		OK(store_step(held, &row, &fx->err));
		assert_true(row);
		assert_string_equal(store_col_text(held, 0), "新乡市");
	}
	store_finalize(held);
}

static void test_store__sql_error_is_edb(void **state)
{
	struct fx *fx = *state;
	struct store_stmt *st = NULL;
	FAILS(DIB_EDB, store_prepare(fx->s, "SELEC nonsense", &st, &fx->err));
	assert_non_null(strstr(fx->err.detail, "SELEC nonsense"));
	FAILS(DIB_EDB, store_exec(fx->s, "SELECT * FROM no_such_table",
				  &fx->err));
}

/* ---- constraints ---- */

static void test_store__unique_violation_is_conflict(void **state)
{
	struct fx *fx = *state;
	seed_regions(fx);
	store_region dup = region("410726000000", "延津县", 3, "410700000000");
	FAILS(DIB_ECONFLICT, store_region_insert(fx->s, &dup, &fx->err));
	assert_non_null(strstr(fx->err.msg, "重复"));
	assert_non_null(strstr(fx->err.msg, "410726000000"));
	assert_true(fx->err.detail[0] != '\0');
	FAILS(DIB_ECONFLICT, store_exec(fx->s,
		"INSERT INTO programs (code, name, unit) VALUES "
		"('dibao_urban', '重复', 'once')", &fx->err));
}

static void test_store__foreign_key_violation_is_conflict(void **state)
{
	struct fx *fx = *state;
	seed_regions(fx);
	FAILS(DIB_ECONFLICT, store_exec(fx->s,
		"INSERT INTO households (county, id, hh_no, village_code, "
		"address, registration, created_at, updated_at) VALUES "
		"('410726', 9, 'H9', '410726199999', '无此村', 2, 'x', 'x')",
		&fx->err));
	assert_int_equal(count(fx, "SELECT count(*) FROM households"), 0);
	/* A parent still referenced cannot go either. */
	FAILS(DIB_ECONFLICT, store_exec(fx->s, "DELETE FROM regions WHERE "
				       "code = '410726100000'", &fx->err));
}

static void test_store__one_active_membership(void **state)
{
	struct fx *fx = *state;
	seed_household_person(fx);
	OK(store_exec(fx->s, "INSERT INTO memberships (county, id, "
			     "household_id, person_id, relation, start_date) "
			     "VALUES ('410726', 1, 1, 1, 1, '2020-01-01')",
		      &fx->err));
	static const char second[] =
		"INSERT INTO memberships (county, id, household_id, person_id, "
		"relation, start_date) VALUES ('410726', 2, 2, 1, 1, "
		"'2024-05-01')";
	FAILS(DIB_ECONFLICT, store_exec(fx->s, second, &fx->err));
	OK(store_exec(fx->s, "UPDATE memberships SET end_date = '2024-04-30', "
			     "end_reason = '迁出' WHERE id = 1", &fx->err));
	OK(store_exec(fx->s, second, &fx->err));
	assert_int_equal(count(fx, "SELECT count(*) FROM memberships WHERE "
				   "end_date IS NULL"), 1);
}

static void test_store__check_violation_is_einval(void **state)
{
	struct fx *fx = *state;
	seed_household_person(fx);
	static const char sql[] =
		"INSERT INTO disabilities (county, id, person_id, category, "
		"grade) VALUES ('410726', 1, 1, 4, %d)";
	char buf[200];
	snprintf(buf, sizeof buf, sql, 5);
	FAILS(DIB_EINVAL, store_exec(fx->s, buf, &fx->err));
	snprintf(buf, sizeof buf, sql, 0);
	FAILS(DIB_EINVAL, store_exec(fx->s, buf, &fx->err));
	snprintf(buf, sizeof buf, sql, 4);
	OK(store_exec(fx->s, buf, &fx->err));
	FAILS(DIB_EINVAL, store_exec(fx->s, "INSERT INTO programs (code, name) "
				    "VALUES ('x', NULL)", &fx->err));
}

/* ---- identifiers ---- */

static void test_store__ids_reserve(void **state)
{
	struct fx *fx = *state;
	int64_t first = -1;
	FAILS(DIB_EINTERNAL, store_ids_reserve(fx->s, "person", 1, &first,
					       &fx->err));
	OK(store_begin(fx->s, &fx->err));
	OK(store_ids_reserve(fx->s, "person", 10, &first, &fx->err));
	assert_int_equal(first, 1);
	OK(store_ids_reserve(fx->s, "person", 5, &first, &fx->err));
	assert_int_equal(first, 11);
	OK(store_ids_reserve(fx->s, "household", 3, &first, &fx->err));
	assert_int_equal(first, 1);
	FAILS(DIB_EINTERNAL, store_ids_reserve(fx->s, "no_such_kind", 1,
					       &first, &fx->err));
	store_rollback(fx->s);

	/* The rollback gave every id back. */
	OK(store_begin(fx->s, &fx->err));
	OK(store_ids_reserve(fx->s, "person", 1000000, &first, &fx->err));
	assert_int_equal(first, 1);
	OK(store_commit(fx->s, &fx->err));
	OK(store_begin(fx->s, &fx->err));
	OK(store_ids_reserve(fx->s, "person", 2, &first, &fx->err));
	assert_int_equal(first, 1000001);
	store_rollback(fx->s);
	OK(store_begin(fx->s, &fx->err));
	OK(store_ids_reserve(fx->s, "person", 1, &first, &fx->err));
	assert_int_equal(first, 1000001);
	OK(store_commit(fx->s, &fx->err));
}

/* ---- bulk loads ---- */

#define BULK_ROWS 10000
#define PERSON_COLS 9

static const char *const person_cols[PERSON_COLS] = {
	"county", "id", "id_number", "name", "sex", "birth_date", "veteran",
	"created_at", "updated_at",
};

/* Row i's text values; the awkward ones are the point: COPY's delimiter,
 * its escape, its NULL marker and line ends must all survive. */
struct person_row {
	char id[24], idno[24], name[128], birth[16], veteran[128];
	const char *sex;
	bool veteran_null;
};

static void person_row(int i, struct person_row *r)
{
	static const char *const names[] = {
		"张三", "李,四", "王\t五", "赵\\六", "钱\n七", "孙\r\n八",
		"\\N", "\\.", "周 \"九\"", "吴'十'", "",
	};
	snprintf(r->id, sizeof r->id, "%d", i + 1);
	snprintf(r->idno, sizeof r->idno, "41072619%010d", i);
	snprintf(r->name, sizeof r->name, "%s%d",
		 names[i % (int)DIB_ARRAY_LEN(names)], i);
	snprintf(r->birth, sizeof r->birth, "19%02d-%02d-%02d", 40 + i % 60,
		 1 + i % 12, 1 + i % 28);
	r->sex = i % 2 ? "2" : "1";
	r->veteran_null = i % 3 == 0;
	if (i % 7 == 0)
		r->veteran[0] = '\0'; /* empty, not NULL */
	else
		snprintf(r->veteran, sizeof r->veteran,
			 "优抚,对象\t第%d类\\带\n换行", i % 5);
}

static void person_vals(const struct person_row *r, const char **vals,
			size_t *lens)
{
	vals[0] = "410726";
	vals[1] = r->id;
	vals[2] = r->idno;
	vals[3] = r->name;
	vals[4] = r->sex;
	vals[5] = r->birth;
	vals[6] = r->veteran_null ? NULL : r->veteran;
	vals[7] = "2026-11-26T08:00:00Z";
	vals[8] = "2026-11-26T08:00:00Z";
	for (int c = 0; c < PERSON_COLS; c++)
		lens[c] = vals[c] ? strlen(vals[c]) : 0;
}

static void test_store__bulk_roundtrip(void **state)
{
	struct fx *fx = *state;
	struct store_bulk *b = NULL;
	OK(store_begin(fx->s, &fx->err));
	OK(store_bulk_begin(fx->s, "persons", person_cols, PERSON_COLS, &b,
			    &fx->err));
	for (int i = 0; i < BULK_ROWS; i++) {
		struct person_row r;
		const char *vals[PERSON_COLS];
		size_t lens[PERSON_COLS];
		person_row(i, &r);
		person_vals(&r, vals, lens);
		OK(store_bulk_row(b, vals, lens, &fx->err));
	}
	int64_t rows = 0;
	OK(store_bulk_end(b, &rows, &fx->err));
	assert_int_equal(rows, BULK_ROWS);
	OK(store_commit(fx->s, &fx->err));

	assert_int_equal(count(fx, "SELECT count(*) FROM persons"), BULK_ROWS);
	assert_int_equal(count(fx, "SELECT count(*) FROM persons WHERE "
				   "veteran IS NULL"), (BULK_ROWS + 2) / 3);
	/* Integers arrived as integers: compared and summed as numbers. */
	assert_int_equal(count(fx, "SELECT count(*) FROM persons WHERE sex = 2"),
			 BULK_ROWS / 2);
	assert_int_equal(count(fx, "SELECT max(id) FROM persons"), BULK_ROWS);

	struct store_stmt *st = NULL;
	OK(store_prepare(fx->s, "SELECT id, id_number, name, sex, birth_date, "
				"veteran FROM persons ORDER BY id", &st,
			 &fx->err));
	bool row = false;
	for (int i = 0; i < BULK_ROWS; i++) {
		struct person_row r;
		person_row(i, &r);
		OK(store_step(st, &row, &fx->err));
		assert_true(row);
		assert_int_equal(store_col_int64(st, 0), i + 1);
		assert_string_equal(store_col_text(st, 1), r.idno);
		assert_string_equal(store_col_text(st, 2), r.name);
		assert_int_equal(store_col_int64(st, 3), i % 2 ? 2 : 1);
		assert_string_equal(store_col_text(st, 4), r.birth);
		if (r.veteran_null)
			assert_null(store_col_text(st, 5));
		else
			assert_string_equal(store_col_text(st, 5), r.veteran);
	}
	OK(store_step(st, &row, &fx->err));
	assert_false(row);
	store_finalize(st);
}

static void test_store__bulk_keeps_text_digits(void **state)
{
	struct fx *fx = *state;
	seed_regions(fx);
	static const char *const cols[] = {
		"county", "id", "hh_no", "village_code", "address",
		"registration", "created_at", "updated_at",
	};
	const char *vals[] = {"410726", "7", "007", "410726100201",
			      "西街村7号", "2", "x", "x"};
	size_t lens[8];
	for (int i = 0; i < 8; i++)
		lens[i] = strlen(vals[i]);
	struct store_bulk *b = NULL;
	OK(store_begin(fx->s, &fx->err));
	OK(store_bulk_begin(fx->s, "households", cols, 8, &b, &fx->err));
	OK(store_bulk_row(b, vals, lens, &fx->err));
	OK(store_bulk_end(b, NULL, &fx->err));
	OK(store_commit(fx->s, &fx->err));
	struct store_stmt *st = NULL;
	bool row = false;
	OK(store_prepare(fx->s, "SELECT hh_no FROM households WHERE id = 7 "
				"AND registration = 2", &st, &fx->err));
	OK(store_step(st, &row, &fx->err));
	assert_true(row);
	assert_string_equal(store_col_text(st, 0), "007");
	store_finalize(st);
}

static void test_store__bulk_duplicate_fails_and_rolls_back(void **state)
{
	struct fx *fx = *state;
	struct store_bulk *b = NULL;
	OK(store_begin(fx->s, &fx->err));
	OK(store_bulk_begin(fx->s, "persons", person_cols, PERSON_COLS, &b,
			    &fx->err));
	dib_code rc = DIB_OK;
	for (int i = 0; i < 100 && !rc; i++) {
		struct person_row r;
		const char *vals[PERSON_COLS];
		size_t lens[PERSON_COLS];
		person_row(i, &r);
		if (i == 60) /* the id number of row 10 again */
			snprintf(r.idno, sizeof r.idno, "41072619%010d", 10);
		person_vals(&r, vals, lens);
		dib_err_clear(&fx->err);
		rc = store_bulk_row(b, vals, lens, &fx->err);
	}
	if (rc) { /* reported at the row (SQLite) … */
		assert_int_equal(rc, DIB_ECONFLICT);
		FAILS(DIB_ECONFLICT, store_bulk_end(b, NULL, &fx->err));
	} else { /* … or at the end (PostgreSQL). */
		FAILS(DIB_ECONFLICT, store_bulk_end(b, NULL, &fx->err));
	}
	assert_non_null(strstr(fx->err.msg, "重复"));
	store_rollback(fx->s);
	assert_int_equal(count(fx, "SELECT count(*) FROM persons"), 0);
}

/* Loads n persons (row `dup` repeats the ID number of row 10 when >= 0). */
static dib_code load_persons(struct fx *fx, int n, int dup)
{
	struct store_bulk *b = NULL;
	dib_code rc = store_bulk_begin(fx->s, "persons", person_cols, PERSON_COLS, &b,
				       &fx->err);
	for (int i = 0; i < n && !rc; i++) {
		struct person_row r;
		const char *vals[PERSON_COLS];
		size_t lens[PERSON_COLS];
		person_row(i, &r);
		if (i == dup)
			snprintf(r.idno, sizeof r.idno, "41072619%010d", 10);
		person_vals(&r, vals, lens);
		rc = store_bulk_row(b, vals, lens, &fx->err);
	}
	if (rc) {
		store_bulk_abort(b);
		return rc;
	}
	return store_bulk_end(b, NULL, &fx->err);
}

static int64_t person_indexes(struct fx *fx)
{
	return count(fx, store_engine(fx->s) == STORE_PG
		? "SELECT count(*) FROM pg_indexes WHERE tablename = 'persons'"
		: "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
		  " AND tbl_name = 'persons'");
}

static void test_store__rebuild_enforces_and_restores(void **state)
{
	struct fx *fx = *state;
	int64_t before = person_indexes(fx);
	assert_true(before >= 2); /* unique ID number, name */

	/* A duplicate slips past the dropped index but not past the rebuild,
	 * and the rollback brings the indexes back. */
	struct store_rebuild *r = NULL;
	OK(store_begin(fx->s, &fx->err));
	OK(store_rebuild_begin(fx->s, "persons", &r, &fx->err));
	assert_true(person_indexes(fx) < before);
	OK(load_persons(fx, 100, 60));
	FAILS(DIB_ECONFLICT, store_rebuild_end(r, &fx->err));
	store_rollback(fx->s);
	assert_int_equal(person_indexes(fx), before);
	assert_int_equal(count(fx, "SELECT count(*) FROM persons"), 0);

	/* A clean load commits with every index rebuilt and enforcing. */
	OK(store_begin(fx->s, &fx->err));
	OK(store_rebuild_begin(fx->s, "persons", &r, &fx->err));
	OK(load_persons(fx, 100, -1));
	OK(store_rebuild_end(r, &fx->err));
	OK(store_commit(fx->s, &fx->err));
	assert_int_equal(person_indexes(fx), before);
	assert_int_equal(count(fx, "SELECT count(*) FROM persons"), 100);
	OK(store_begin(fx->s, &fx->err));
	struct store_bulk *b = NULL;
	OK(store_bulk_begin(fx->s, "persons", person_cols, PERSON_COLS, &b, &fx->err));
	struct person_row pr;
	const char *vals[PERSON_COLS];
	size_t lens[PERSON_COLS];
	person_row(200, &pr);
	snprintf(pr.idno, sizeof pr.idno, "41072619%010d", 10);
	person_vals(&pr, vals, lens);
	dib_err_clear(&fx->err);
	if (store_bulk_row(b, vals, lens, &fx->err) == DIB_OK)
		FAILS(DIB_ECONFLICT, store_bulk_end(b, NULL, &fx->err));
	else
		store_bulk_abort(b);
	store_rollback(fx->s);
	assert_int_equal(count(fx, "SELECT count(*) FROM persons"), 100);
}

static void test_store__rebuild_checks_foreign_keys(void **state)
{
	struct fx *fx = *state;
	/* A membership naming no household and no person: SQLite refuses it at
	 * the row (its foreign keys stay on), PostgreSQL at the rebuild. */
	struct store_rebuild *r = NULL;
	OK(store_begin(fx->s, &fx->err));
	OK(store_rebuild_begin(fx->s, "memberships", &r, &fx->err));
	static const char *const cols[] = { "county", "id", "household_id", "person_id",
					    "relation", "start_date" };
	struct store_bulk *b = NULL;
	OK(store_bulk_begin(fx->s, "memberships", cols, 6, &b, &fx->err));
	const char *vals[] = { "410726", "1", "424242", "434343", "1", "2025-01-01" };
	size_t lens[] = { 6, 1, 6, 6, 1, 10 };
	dib_err_clear(&fx->err);
	dib_code rc = store_bulk_row(b, vals, lens, &fx->err);
	if (!rc)
		rc = store_bulk_end(b, NULL, &fx->err);
	else
		store_bulk_abort(b);
	if (!rc) {
		FAILS(DIB_ECONFLICT, store_rebuild_end(r, &fx->err));
	} else {
		assert_int_equal(rc, DIB_ECONFLICT);
		store_rebuild_abort(r);
	}
	store_rollback(fx->s);
	assert_int_equal(count(fx, "SELECT count(*) FROM memberships"), 0);
}

static void test_store__bulk_holds_the_connection(void **state)
{
	struct fx *fx = *state;
	struct store_bulk *b = NULL;
	struct store_stmt *st = NULL;
	FAILS(DIB_EINTERNAL, store_bulk_begin(fx->s, "persons", person_cols,
					      PERSON_COLS, &b, &fx->err));
	OK(store_begin(fx->s, &fx->err));
	static const char *const bad[] = {"name; DROP TABLE persons"};
	FAILS(DIB_EINTERNAL, store_bulk_begin(fx->s, "persons", bad, 1, &b,
					      &fx->err));
	OK(store_prepare(fx->s, "SELECT count(*) FROM persons", &st, &fx->err));
	OK(store_bulk_begin(fx->s, "persons", person_cols, PERSON_COLS, &b,
			    &fx->err));
	struct store_stmt *st2 = NULL;
	FAILS(DIB_EINTERNAL, store_prepare(fx->s, "SELECT 1", &st2, &fx->err));
	FAILS(DIB_EINTERNAL, store_exec(fx->s, "SELECT 1", &fx->err));
	bool row;
	FAILS(DIB_EINTERNAL, store_step(st, &row, &fx->err));
	FAILS(DIB_EINTERNAL, store_bulk_begin(fx->s, "persons", person_cols,
					      PERSON_COLS, &b, &fx->err));
	/* Committing with the load open is refused and rolls back. */
	FAILS(DIB_EINTERNAL, store_commit(fx->s, &fx->err));
	assert_false(store_in_tx(fx->s));
	store_bulk_abort(b);
	OK(store_step(st, &row, &fx->err));
	assert_true(row);
	assert_int_equal(store_col_int64(st, 0), 0);
	store_finalize(st);

	/* A rollback abandons an open load; the caller still frees it. */
	OK(store_begin(fx->s, &fx->err));
	OK(store_bulk_begin(fx->s, "persons", person_cols, PERSON_COLS, &b,
			    &fx->err));
	struct person_row r;
	const char *vals[PERSON_COLS];
	size_t lens[PERSON_COLS];
	person_row(0, &r);
	person_vals(&r, vals, lens);
	OK(store_bulk_row(b, vals, lens, &fx->err));
	store_rollback(fx->s);
	FAILS(DIB_EINTERNAL, store_bulk_row(b, vals, lens, &fx->err));
	store_bulk_abort(b);
	assert_int_equal(count(fx, "SELECT count(*) FROM persons"), 0);
}

/* ---- domain modules ---- */

static void test_store__standards_history_and_in_force(void **state)
{
	struct fx *fx = *state;
	store_standard st = {
		.county = "410726", .program = "dibao_rural",
		.effective_from = {2023, 1, 1}, .amount_fen = 500000,
		.unit = "person_year", .decided_on = {2022, 12, 15},
		.document = "延民〔2022〕31号",
	};
	OK(store_standard_insert(fx->s, &st, &fx->err));
	st.effective_from = (dib_date){2025, 7, 1};
	st.amount_fen = 600000;
	st.decided_on = (dib_date){0, 0, 0};
	st.document = NULL;
	OK(store_standard_insert(fx->s, &st, &fx->err));
	st.effective_from = (dib_date){2024, 1, 1};
	st.amount_fen = 540000;
	OK(store_standard_insert(fx->s, &st, &fx->err));
	store_standard urban = st;
	urban.program = "dibao_urban";
	urban.unit = "person_month";
	urban.amount_fen = 72000;
	OK(store_standard_insert(fx->s, &urban, &fx->err));

	FAILS(DIB_ECONFLICT, store_standard_insert(fx->s, &st, &fx->err));
	assert_non_null(strstr(fx->err.msg, "重复"));
	assert_non_null(strstr(fx->err.msg, "dibao_rural"));
	store_standard bad = st;
	bad.program = "no_such_program";
	FAILS(DIB_ECONFLICT, store_standard_insert(fx->s, &bad, &fx->err));
	bad = st;
	bad.amount_fen = -1;
	FAILS(DIB_EINVAL, store_standard_insert(fx->s, &bad, &fx->err));
	bad = st;
	snprintf(bad.county, sizeof bad.county, "41072");
	FAILS(DIB_EINVAL, store_standard_insert(fx->s, &bad, &fx->err));

	static const struct {
		dib_date on;
		int64_t fen; /* -1: none in force */
	} cases[] = {
		{{2022, 12, 31}, -1},    {{2023, 1, 1}, 500000},
		{{2023, 12, 31}, 500000}, {{2024, 1, 1}, 540000},
		{{2025, 6, 30}, 540000}, {{2025, 7, 1}, 600000},
		{{2030, 1, 1}, 600000},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		store_standard got;
		if (cases[i].fen < 0) {
			FAILS(DIB_ENOTFOUND, store_standard_in_force(fx->s,
				"410726", "dibao_rural", cases[i].on, &fx->a,
				&got, &fx->err));
			assert_non_null(strstr(fx->err.msg, "2022-12-31"));
			continue;
		}
		OK(store_standard_in_force(fx->s, "410726", "dibao_rural",
					   cases[i].on, &fx->a, &got, &fx->err));
		assert_int_equal(got.amount_fen, cases[i].fen);
		assert_string_equal(got.county, "410726");
		assert_string_equal(got.program, "dibao_rural");
		assert_string_equal(got.unit, "person_year");
	}

	store_standard *h = NULL;
	size_t n = 0;
	OK(store_standard_history(fx->s, "410726", "dibao_rural", &fx->a, &h,
				  &n, &fx->err));
	assert_int_equal(n, 3);
	assert_int_equal(h[0].amount_fen, 500000);
	assert_int_equal(h[0].decided_on.year, 2022);
	assert_int_equal(h[0].decided_on.day, 15);
	assert_string_equal(h[0].document, "延民〔2022〕31号");
	assert_int_equal(h[1].effective_from.year, 2024);
	assert_int_equal(h[1].decided_on.year, 0);
	assert_null(h[1].document);
	assert_int_equal(h[2].amount_fen, 600000);
	assert_int_equal(strlen(h[2].created_at), 20);
	OK(store_standard_history(fx->s, "410726", NULL, &fx->a, &h, &n,
				  &fx->err));
	assert_int_equal(n, 4);
	assert_string_equal(h[0].program, "dibao_rural");
	assert_string_equal(h[3].program, "dibao_urban");
	OK(store_standard_history(fx->s, "410727", NULL, &fx->a, &h, &n,
				  &fx->err));
	assert_int_equal(n, 0);
}

static dib_date d(int y, int m, int day)
{
	return (dib_date){y, m, day};
}

static void expect_workday(struct fx *fx, const calendar *c, dib_date day,
			   bool want)
{
	bool got = !want;
	OK(calendar_is_workday(c, day, &got, &fx->err));
	assert_int_equal(got, want);
}

static void test_store__calendar_roundtrip(void **state)
{
	struct fx *fx = *state;
	/* 2024 春节: 10–17 February off, Sundays 4 and 18 February worked. */
	store_calendar_day spring[10];
	size_t n = 0;
	for (int day = 10; day <= 17; day++)
		spring[n++] = (store_calendar_day){d(2024, 2, day),
						   CALENDAR_HOLIDAY, "春节"};
	spring[n++] = (store_calendar_day){d(2024, 2, 4), CALENDAR_WORKDAY,
					   "春节调休上班"};
	spring[n++] = (store_calendar_day){d(2024, 2, 18), CALENDAR_WORKDAY,
					   "春节调休上班"};
	FAILS(DIB_EINTERNAL, store_calendar_replace_year(fx->s, 2024, spring, n,
							 "国办发明电〔2023〕7号",
							 &fx->err));
	OK(store_begin(fx->s, &fx->err));
	OK(store_calendar_replace_year(fx->s, 2024, spring, n,
				       "国办发明电〔2023〕7号", &fx->err));
	OK(store_calendar_replace_year(fx->s, 2025, NULL, 0, "测试", &fx->err));
	store_calendar_day wrong = {d(2023, 12, 31), CALENDAR_HOLIDAY, "元旦"};
	FAILS(DIB_EINVAL, store_calendar_replace_year(fx->s, 2024, &wrong, 1,
						      "x", &fx->err));
	OK(store_commit(fx->s, &fx->err));
	/* A day whose year was never loaded is not guessed from. */
	OK(store_exec(fx->s, "INSERT INTO calendar_days (day, kind, name) "
			     "VALUES ('2023-01-02', 'holiday', '元旦')",
		      &fx->err));

	calendar *c = NULL;
	OK(store_calendar_load(fx->s, &c, &fx->err));
	assert_true(calendar_has_year(c, 2024));
	assert_true(calendar_has_year(c, 2025));
	assert_false(calendar_has_year(c, 2023));
	expect_workday(fx, c, d(2024, 2, 12), false); /* Monday, 春节 */
	expect_workday(fx, c, d(2024, 2, 4), true);   /* Sunday, worked */
	expect_workday(fx, c, d(2024, 2, 18), true);
	expect_workday(fx, c, d(2024, 2, 19), true);  /* plain Monday */
	expect_workday(fx, c, d(2024, 2, 24), false); /* plain Saturday */
	expect_workday(fx, c, d(2025, 1, 1), true);   /* 2025 loaded empty */
	bool w;
	FAILS(DIB_ECALENDAR, calendar_is_workday(c, d(2023, 1, 2), &w,
						 &fx->err));
	calendar_free(c);

	/* Replacing a year drops its old days. */
	store_calendar_day national = {d(2024, 10, 1), CALENDAR_HOLIDAY,
				       "国庆节"};
	OK(store_begin(fx->s, &fx->err));
	OK(store_calendar_replace_year(fx->s, 2024, &national, 1, "更正",
				       &fx->err));
	OK(store_commit(fx->s, &fx->err));
	OK(store_calendar_load(fx->s, &c, &fx->err));
	expect_workday(fx, c, d(2024, 2, 12), true);
	expect_workday(fx, c, d(2024, 2, 4), false);
	expect_workday(fx, c, d(2024, 10, 1), false);
	calendar_free(c);
	assert_int_equal(count(fx, "SELECT count(*) FROM calendar_years"), 2);
}

#define ZERO_HASH \
	"0000000000000000000000000000000000000000000000000000000000000000"
#define AUDIT_COLS "id, county, at, actor, action, entity, entity_id, " \
		   "before_json, after_json, reason, prev_hash, hash"

/* The documented encoding of the current row of "SELECT AUDIT_COLS …":
 * "dibao.audit.v1", then prev_hash, id, and the nine texts, each as 0x00
 * (NULL) or 0x01 + 8-byte big-endian length + bytes. */
static void audit_hash_of_row(struct store_stmt *st, char *out)
{
	unsigned char enc[4096];
	size_t n = 0;
	memcpy(enc, "dibao.audit.v1", 14);
	n += 14;
	static const int order[] = {10, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
	for (size_t i = 0; i < DIB_ARRAY_LEN(order); i++) {
		const char *v = store_col_text(st, order[i]);
		if (!v) {
			enc[n++] = 0;
			continue;
		}
		size_t len = strlen(v);
		assert_true(n + 9 + len <= sizeof enc);
		enc[n++] = 1;
		for (int b = 7; b >= 0; b--)
			enc[n++] = (unsigned char)((uint64_t)len >> (8 * b));
		memcpy(enc + n, v, len);
		n += len;
	}
	dib_bytes all = {enc, n};
	dib_blake2b_hex(&all, 1, out);
}

static void test_store__audit_append(void **state)
{
	struct fx *fx = *state;
	store_audit_entry e = {
		.county = "410726", .actor = "caseworker01",
		.action = "household.update", .entity = "household",
		.entity_id = "42", .before_json = "{\"address\":\"旧址\"}",
		.after_json = "{\"address\":\"新址\"}", .reason = "户主申请变更",
	};
	int64_t id1 = 0, id2 = 0;
	FAILS(DIB_EINTERNAL, store_audit_append(fx->s, &e, &id1, &fx->err));
	OK(store_begin(fx->s, &fx->err));
	OK(store_audit_append(fx->s, &e, &id1, &fx->err));
	e.before_json = NULL;
	e.entity_id = NULL;
	e.reason = NULL;
	OK(store_audit_append(fx->s, &e, &id2, &fx->err));
	OK(store_commit(fx->s, &fx->err));
	assert_int_equal(id1, 1);
	assert_int_equal(id2, 2);

	struct store_stmt *st = NULL;
	bool row = false;
	OK(store_prepare(fx->s, "SELECT id, county, at, actor, action, entity, "
				"entity_id, before_json, after_json, reason, "
				"prev_hash, hash FROM audit_log ORDER BY id",
			 &st, &fx->err));
	OK(store_step(st, &row, &fx->err));
	assert_true(row);
	assert_int_equal(store_col_int64(st, 0), 1);
	assert_string_equal(store_col_text(st, 1), "410726");
	const char *at = store_col_text(st, 2);
	assert_int_equal(strlen(at), 20);
	assert_int_equal(at[10], 'T');
	assert_int_equal(at[19], 'Z');
	assert_string_equal(store_col_text(st, 3), "caseworker01");
	assert_string_equal(store_col_text(st, 4), "household.update");
	assert_string_equal(store_col_text(st, 6), "42");
	assert_string_equal(store_col_text(st, 7), "{\"address\":\"旧址\"}");
	assert_string_equal(store_col_text(st, 9), "户主申请变更");
	/* The first record chains to 64 zeros; its hash is BLAKE2b-256 of
	 * the encoding documented in store_audit.c, recomputed here so the
	 * encoding cannot change unnoticed. */
	assert_string_equal(store_col_text(st, 10), ZERO_HASH);
	char want[DIB_BLAKE2B_HEX_SIZE];
	audit_hash_of_row(st, want);
	assert_string_equal(store_col_text(st, 11), want);
	char hash1[DIB_BLAKE2B_HEX_SIZE];
	snprintf(hash1, sizeof hash1, "%s", store_col_text(st, 11));
	OK(store_step(st, &row, &fx->err));
	assert_true(row);
	assert_true(store_col_null(st, 6));
	assert_true(store_col_null(st, 7));
	assert_string_equal(store_col_text(st, 8), "{\"address\":\"新址\"}");
	assert_string_equal(store_col_text(st, 10), hash1);
	audit_hash_of_row(st, want);
	assert_string_equal(store_col_text(st, 11), want);
	OK(store_step(st, &row, &fx->err));
	assert_false(row);
	store_finalize(st);

	/* Rolled back with its write: no audit row, and the id comes back. */
	OK(store_begin(fx->s, &fx->err));
	OK(store_audit_append(fx->s, &e, &id1, &fx->err));
	store_rollback(fx->s);
	assert_int_equal(count(fx, "SELECT count(*) FROM audit_log"), 2);
}

/* Appends n audit records, each in its own transaction, with a varied
 * entity_id, reason NULL on every other one; ids (may be NULL) get theirs. */
static void audit_append_n(struct fx *fx, int n, int64_t *ids)
{
	for (int i = 0; i < n; i++) {
		char eid[16];
		snprintf(eid, sizeof eid, "%d", 100 + i);
		store_audit_entry e = {
			.county = "410726", .actor = "cli:tester",
			.action = i % 2 ? "household.update" : "import.households",
			.entity = "household", .entity_id = eid,
			.after_json = "{\"n\":1}",
			.reason = i % 2 ? NULL : "批量导入",
		};
		OK(store_begin(fx->s, &fx->err));
		OK(store_audit_append(fx->s, &e, ids ? &ids[i] : NULL, &fx->err));
		OK(store_commit(fx->s, &fx->err));
	}
}

static void audit_verify(struct fx *fx, store_audit_check *c)
{
	OK(store_audit_verify(fx->s, &fx->a, c, &fx->err));
}

static void test_store__audit_chain_verifies(void **state)
{
	struct fx *fx = *state;
	store_audit_check c;
	audit_verify(fx, &c);
	assert_int_equal(c.fault, STORE_AUDIT_INTACT);
	assert_int_equal(c.verified, 0);
	assert_string_equal(c.last_hash, "");

	int64_t ids[4];
	audit_append_n(fx, 4, ids);
	/* A rolled-back append leaves the chain as it was ... */
	store_audit_entry e = {.county = "410726", .actor = "a",
			       .action = "x.y", .entity = "x"};
	OK(store_begin(fx->s, &fx->err));
	OK(store_audit_append(fx->s, &e, NULL, &fx->err));
	if (store_engine(fx->s) == STORE_PG)
		/* the append holds the advisory lock till the end */
		assert_int_equal(count(fx, "SELECT count(*) FROM pg_locks "
					   "WHERE locktype = 'advisory' AND "
					   "granted"), 1);
	store_rollback(fx->s);
	/* ... and several appends in one transaction chain one to the next. */
	OK(store_begin(fx->s, &fx->err));
	for (int i = 0; i < 3; i++)
		OK(store_audit_append(fx->s, &e, NULL, &fx->err));
	OK(store_commit(fx->s, &fx->err));
	audit_verify(fx, &c);
	assert_int_equal(c.fault, STORE_AUDIT_INTACT);
	assert_int_equal(c.verified, 7);
	struct store_stmt *st = NULL;
	bool row = false;
	OK(store_prepare(fx->s, "SELECT hash FROM audit_log ORDER BY id DESC "
				"LIMIT 1", &st, &fx->err));
	OK(store_step(st, &row, &fx->err));
	assert_true(row);
	assert_string_equal(c.last_hash, store_col_text(st, 0));
	store_finalize(st);
	assert_int_equal(count(fx, "SELECT count(DISTINCT prev_hash) FROM "
				   "audit_log"), 7);

	/* Past one page of the walk (1000 rows): still streaming, still
	 * intact, and a break beyond the first page is named by position. */
	OK(store_begin(fx->s, &fx->err));
	for (int i = 0; i < 1100; i++)
		OK(store_audit_append(fx->s, &e, NULL, &fx->err));
	OK(store_commit(fx->s, &fx->err));
	audit_verify(fx, &c);
	assert_int_equal(c.fault, STORE_AUDIT_INTACT);
	assert_int_equal(c.verified, 1107);
	int64_t id1050 = count(fx, "SELECT id FROM audit_log ORDER BY id "
				   "LIMIT 1 OFFSET 1049");
	char sql[128];
	snprintf(sql, sizeof sql, "UPDATE audit_log SET actor = 'b' WHERE "
		 "id = %" PRId64, id1050);
	OK(store_exec(fx->s, sql, &fx->err));
	audit_verify(fx, &c);
	assert_int_equal(c.fault, STORE_AUDIT_ALTERED);
	assert_int_equal(c.seq, 1050);
	assert_int_equal(c.id, id1050);
	assert_int_equal(c.verified, 1049);
}

/* One way of tampering with a chain of five records (ids[0..4], with a gap
 * of unused ids after the second) and what verify must say: the fault and
 * the position (from 1) and id of the record it names. */
struct tamper_case {
	const char *what;
	const char *sql;  /* %1$ is the id of record `arg` (from 0) */
	int arg;
	enum store_audit_fault fault;
	int64_t seq;
	int named;        /* index into ids; -1: the forged record (ids[1]+1) */
};

static void test_store__audit_chain_detects_tampering(void **state)
{
	struct fx *fx = *state;
	static const struct tamper_case cases[] = {
		{"a field altered",
		 "UPDATE audit_log SET reason = '未改' WHERE id = %" PRId64, 2,
		 STORE_AUDIT_ALTERED, 3, 2},
		{"NULL turned into empty text",
		 "UPDATE audit_log SET reason = '' WHERE id = %" PRId64, 1,
		 STORE_AUDIT_ALTERED, 2, 1},
		{"the timestamp moved",
		 "UPDATE audit_log SET at = '2020-01-01T00:00:00Z' WHERE id = %"
		 PRId64, 3, STORE_AUDIT_ALTERED, 4, 3},
		{"the last record altered",
		 "UPDATE audit_log SET actor = 'admin' WHERE id = %" PRId64, 4,
		 STORE_AUDIT_ALTERED, 5, 4},
		{"a hash replaced",
		 "UPDATE audit_log SET hash = '" ZERO_HASH "' WHERE id = %" PRId64,
		 0, STORE_AUDIT_ALTERED, 1, 0},
		{"a middle record removed",
		 "DELETE FROM audit_log WHERE id = %" PRId64, 2,
		 STORE_AUDIT_UNLINKED, 3, 3},
		{"the first record removed",
		 "DELETE FROM audit_log WHERE id = %" PRId64, 0,
		 STORE_AUDIT_UNLINKED, 1, 1},
		/* The unique prev_hash index refuses a fork outright; a forger
		 * with SQL access drops it first. */
		{"a forged record inserted in the id gap",
		 "DROP INDEX audit_log_prev_hash; "
		 "INSERT INTO audit_log (" AUDIT_COLS ") SELECT id + 1, county, "
		 "at, actor, 'household.delete', entity, entity_id, before_json, "
		 "after_json, reason, hash, hash FROM audit_log WHERE id = %"
		 PRId64, 1, STORE_AUDIT_ALTERED, 3, -1},
		{"a hash cleared",
		 "UPDATE audit_log SET hash = NULL WHERE id = %" PRId64, 3,
		 STORE_AUDIT_UNHASHED, 4, 3},
	};
	for (size_t k = 0; k < DIB_ARRAY_LEN(cases); k++) {
		const struct tamper_case *tc = &cases[k];
		int64_t ids[5], gap = 0;
		OK(store_exec(fx->s, "DELETE FROM audit_log", &fx->err));
		audit_append_n(fx, 2, ids);
		OK(store_begin(fx->s, &fx->err));
		OK(store_ids_reserve(fx->s, "audit", 3, &gap, &fx->err));
		OK(store_commit(fx->s, &fx->err));
		audit_append_n(fx, 3, ids + 2);
		assert_int_equal(gap, ids[1] + 1);

		store_audit_check c;
		audit_verify(fx, &c);
		assert_int_equal(c.fault, STORE_AUDIT_INTACT);
		assert_int_equal(c.verified, 5);

		char sql[512];
		snprintf(sql, sizeof sql, tc->sql, ids[tc->arg]);
		OK(store_exec(fx->s, sql, &fx->err));
		audit_verify(fx, &c);
		if (c.fault != tc->fault || c.seq != tc->seq ||
		    c.id != (tc->named < 0 ? ids[1] + 1 : ids[tc->named]))
			fail_msg("%s: fault %d seq %" PRId64 " id %" PRId64
				 " (want %d, %" PRId64 ")", tc->what, c.fault,
				 c.seq, c.id, tc->fault, tc->seq);
		assert_int_equal(c.verified, tc->seq - 1);
		assert_non_null(c.at);
		assert_non_null(c.action);
		if (tc->named < 0)
			assert_string_equal(c.action, "household.delete");
		else
			assert_string_equal(c.action, tc->named % 2 ?
					    "household.update" :
					    "import.households");
	}
}

static void test_store__regions(void **state)
{
	struct fx *fx = *state;
	store_region rows[] = {
		region("410000000000", "河南省", 1, ""),
		region("420000000000", "湖北省", 1, ""),
		region("410700000000", "新乡市", 2, "410000000000"),
		region("410726000000", "延津县", 3, "410700000000"),
		region("410726102000", "东屯镇", 4, "410726000000"),
		region("410726100000", "城关镇", 4, "410726000000"),
		region("410726001000", "街道,\t办\\事处", 4, "410726000000"),
	};
	snprintf(rows[5].urban_rural, sizeof rows[5].urban_rural, "121");
	FAILS(DIB_EINTERNAL, store_region_bulk_insert(fx->s, rows,
						      DIB_ARRAY_LEN(rows),
						      &fx->err));
	OK(store_begin(fx->s, &fx->err));
	OK(store_region_bulk_insert(fx->s, rows, DIB_ARRAY_LEN(rows),
				    &fx->err));
	OK(store_commit(fx->s, &fx->err));

	store_region *kids = NULL;
	size_t n = 0;
	OK(store_region_children(fx->s, "410726000000", &fx->a, &kids, &n,
				 &fx->err));
	assert_int_equal(n, 3);
	assert_string_equal(kids[0].code, "410726001000");
	assert_string_equal(kids[0].name, "街道,\t办\\事处");
	assert_string_equal(kids[1].code, "410726100000");
	assert_string_equal(kids[1].urban_rural, "121");
	assert_string_equal(kids[2].code, "410726102000");
	assert_string_equal(kids[2].name, "东屯镇");
	assert_int_equal(kids[2].level, REGION_TOWNSHIP);
	assert_string_equal(kids[2].parent_code, "410726000000");
	assert_string_equal(kids[2].county, "410726");
	assert_string_equal(kids[2].urban_rural, "");
	OK(store_region_children(fx->s, NULL, &fx->a, &kids, &n, &fx->err));
	assert_int_equal(n, 2);
	assert_string_equal(kids[0].name, "河南省");
	assert_string_equal(kids[0].county, "");   /* not blank-padded */
	assert_string_equal(kids[0].parent_code, "");
	OK(store_region_children(fx->s, "410726102000", &fx->a, &kids, &n,
				 &fx->err));
	assert_int_equal(n, 0);

	store_region one;
	OK(store_region_get(fx->s, "410700000000", &fx->a, &one, &fx->err));
	assert_string_equal(one.name, "新乡市");
	assert_int_equal(one.level, REGION_CITY);
	assert_string_equal(one.county, "");
	FAILS(DIB_ENOTFOUND, store_region_get(fx->s, "410799000000", &fx->a,
					      &one, &fx->err));
	assert_non_null(strstr(fx->err.msg, "410799000000"));

	const char *codes[] = {"410726100000", "410726999000", "410000000000",
			       "41"};
	bool exists[4];
	size_t missing = 0;
	OK(store_region_exists(fx->s, codes, 4, exists, &missing, &fx->err));
	assert_true(exists[0]);
	assert_false(exists[1]);
	assert_true(exists[2]);
	assert_false(exists[3]);
	assert_int_equal(missing, 2);

	/* One row: checked before writing, conflicts named. */
	store_region village = region("410726100201", "西街村", 5,
				      "410726100000");
	OK(store_region_insert(fx->s, &village, &fx->err));
	FAILS(DIB_ECONFLICT, store_region_insert(fx->s, &village, &fx->err));
	store_region orphan = region("410726555201", "孤村", 5, "410726555000");
	FAILS(DIB_ECONFLICT, store_region_insert(fx->s, &orphan, &fx->err));
	store_region bad = region("41072610020", "短码", 5, "410726100000");
	FAILS(DIB_EINVAL, store_region_insert(fx->s, &bad, &fx->err));
	bad = region("410726100202", "", 5, "410726100000");
	FAILS(DIB_EINVAL, store_region_insert(fx->s, &bad, &fx->err));
	bad = region("410726100202", "级别错", 6, "410726100000");
	FAILS(DIB_EINVAL, store_region_insert(fx->s, &bad, &fx->err));

	/* A bulk with a duplicate fails and leaves nothing after rollback. */
	store_region more[] = {
		region("410726103000", "新镇", 4, "410726000000"),
		region("410726100000", "城关镇", 4, "410726000000"),
	};
	OK(store_begin(fx->s, &fx->err));
	FAILS(DIB_ECONFLICT, store_region_bulk_insert(fx->s, more, 2,
						      &fx->err));
	store_rollback(fx->s);
	assert_int_equal(count(fx, "SELECT count(*) FROM regions WHERE "
				   "code = '410726103000'"), 0);
}

/* ---- main ---- */

#define FRESH(f, e) cmocka_unit_test_prestate_setup_teardown(f, setup_fresh, \
							      teardown, e)
#define MIGRATED(f, e) \
	cmocka_unit_test_prestate_setup_teardown(f, setup_migrated, teardown, e)

#define CONTRACT(e)                                                     \
	{                                                               \
		cmocka_unit_test(test_store__url_resolve),              \
		FRESH(test_store__open_urls, e),                        \
		FRESH(test_store__migrate_from_empty, e),               \
		MIGRATED(test_store__migrate_rerun_is_noop, e),         \
		MIGRATED(test_store__migrate_newer_db_refused, e),      \
		MIGRATED(test_store__commit_rollback_visibility, e),    \
		MIGRATED(test_store__transaction_misuse, e),            \
		MIGRATED(test_store__bind_and_read_values, e),          \
		MIGRATED(test_store__placeholder_reused, e),            \
		MIGRATED(test_store__many_statements, e),               \
		MIGRATED(test_store__sql_error_is_edb, e),              \
		MIGRATED(test_store__unique_violation_is_conflict, e),  \
		MIGRATED(test_store__foreign_key_violation_is_conflict, e), \
		MIGRATED(test_store__one_active_membership, e),         \
		MIGRATED(test_store__check_violation_is_einval, e),     \
		MIGRATED(test_store__ids_reserve, e),                   \
		MIGRATED(test_store__bulk_roundtrip, e),                \
		MIGRATED(test_store__bulk_keeps_text_digits, e),        \
		MIGRATED(test_store__bulk_duplicate_fails_and_rolls_back, e), \
		MIGRATED(test_store__rebuild_enforces_and_restores, e), \
		MIGRATED(test_store__rebuild_checks_foreign_keys, e), \
		MIGRATED(test_store__bulk_holds_the_connection, e),     \
		MIGRATED(test_store__standards_history_and_in_force, e), \
		MIGRATED(test_store__calendar_roundtrip, e),            \
		MIGRATED(test_store__audit_append, e),                  \
		MIGRATED(test_store__audit_chain_verifies, e),          \
		MIGRATED(test_store__audit_chain_detects_tampering, e), \
		MIGRATED(test_store__regions, e),                       \
	}

int main(void)
{
	static struct engine lite = {"sqlite", NULL};
	static struct engine pg = {"postgresql", NULL};
	int failed = 0;

	const struct CMUnitTest lite_tests[] = CONTRACT(&lite);
	failed += cmocka_run_group_tests_name("store contract: sqlite",
					      lite_tests, NULL, NULL);
	pg.pg_url = getenv("DIB_TEST_PG_URL");
	if (pg.pg_url && *pg.pg_url) {
		const struct CMUnitTest pg_tests[] = CONTRACT(&pg);
		failed += cmocka_run_group_tests_name("store contract: postgresql",
						      pg_tests, NULL, NULL);
	} else {
		printf("store contract: postgresql skipped "
		       "(DIB_TEST_PG_URL not set)\n");
	}
	return failed;
}
