/*
 * fixture.h — the database fixture of the store tests: a fresh database on
 * SQLite (a temp directory per test) or, when the test's state names a URL,
 * on the PostgreSQL test server (its public schema dropped and recreated),
 * migrated to the latest schema; teardown closes and removes it; the OK /
 * FAILS assertion macros. Include it once, after cmocka.h, with FX_TMPDIR
 * defined as a mkdtemp template.
 * Thread-safety: single-threaded test programs.
 */
#ifndef DIB_TEST_FIXTURE_H
#define DIB_TEST_FIXTURE_H

struct fx {
	char dir[64];
	struct store *s;
	dib_arena a;
	dib_err err;
};

#define OK(expr)                                                            \
	do {                                                                \
		dib_err_clear(&fx->err);                                    \
		dib_code rc_ = (expr);                                      \
		if (rc_ != DIB_OK)                                          \
			fail_msg("%s\n  -> %s: %s | %s", #expr,              \
				 dib_code_name(rc_), fx->err.msg,           \
				 fx->err.detail);                           \
	} while (0)

/* expr fails with code want and a message containing part (may be NULL). */
#define FAILS(want, part, expr)                                             \
	do {                                                                \
		dib_err_clear(&fx->err);                                    \
		dib_code rc_ = (expr);                                      \
		if (rc_ != (want))                                          \
			fail_msg("%s\n  -> %s (want %s): %s | %s", #expr,    \
				 dib_code_name(rc_), dib_code_name(want),   \
				 fx->err.msg, fx->err.detail);              \
		if ((part) && !strstr(fx->err.msg, (part) ? (part) : "")) \
			fail_msg("%s: message \"%s\" lacks \"%s\"", #expr,  \
				 fx->err.msg, (part) ? (part) : "");         \
	} while (0)

/* A new fixture with a migrated database (see above). */
static struct fx *fx_open(void **state)
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
		snprintf(fx->dir, sizeof fx->dir, "%s", FX_TMPDIR);
		assert_non_null(mkdtemp(fx->dir));
		snprintf(url, sizeof url, "sqlite:%s/t.db", fx->dir);
		OK(store_open(url, &fx->s, &fx->err));
	}
	OK(store_migrate(fx->s, NULL, NULL, &fx->err));
	return fx;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	if (store_in_tx(fx->s))
		store_rollback(fx->s);
	store_close(fx->s);
	dib_arena_release(&fx->a);
	if (fx->dir[0]) {
		static const char *const files[] = { "t.db", "t.db-wal", "t.db-shm" };
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

#endif
