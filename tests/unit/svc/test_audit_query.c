/*
 * test_audit_query.c — svc/audit_query.h's export: the UTC → Beijing time
 * of its 时间 column as a table (day, month, year and leap-day rollover,
 * text of other forms untouched); and audit_export on a SQLite file: an
 * xlsx (zip) file with the header and one row per record in the
 * auditor's county scope, the export recorded once as "audit.export" with
 * its filter, nothing recorded for a refused one (not an auditor, a
 * malformed date, a township-rooted auditor).
 * Single-threaded.
 */
#include "util/dib.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "svc/audit_query.h"

#include <setjmp.h>
#include <unistd.h>

#include <cmocka.h>

#define OK(expr)                                                            \
	do {                                                                \
		dib_err_clear(&fx->err);                                    \
		if ((expr) != DIB_OK)                                       \
			fail_msg("%s -> %s | %s", #expr, fx->err.msg,        \
				 fx->err.detail);                           \
	} while (0)

static void test_audit_query__beijing_time(void **state)
{
	(void)state;
	static const struct {
		const char *utc, *bj;
	} cases[] = {
		{ "2026-11-26T10:00:00Z", "2026-11-26 18:00:00" },
		{ "2026-11-26T00:00:00Z", "2026-11-26 08:00:00" },
		{ "2026-11-26T15:59:59Z", "2026-11-26 23:59:59" },
		{ "2026-11-26T16:00:00Z", "2026-11-27 00:00:00" },
		{ "2026-11-30T20:30:05Z", "2026-12-01 04:30:05" },
		{ "2026-12-31T23:59:59Z", "2027-01-01 07:59:59" },
		{ "2028-02-28T20:00:00Z", "2028-02-29 04:00:00" },
		{ "2027-02-28T20:00:00Z", "2027-03-01 04:00:00" },
		{ "garbage", "garbage" },
		{ "", "" },
		{ "2026-11-26 10:00:00", "2026-11-26 10:00:00" },
		{ "2026-11-26T25:00:00Z", "2026-11-26T25:00:00Z" },
		{ "2026-02-30T10:00:00Z", "2026-02-30T10:00:00Z" },
		{ "2026-11-26T10:00:00Z+", "2026-11-26T10:00:00Z+" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		char out[32];
		const char *got = audit_export_time(cases[i].utc, out, sizeof out);
		if (strcmp(got, cases[i].bj))
			fail_msg("\"%s\": got \"%s\", expected \"%s\"", cases[i].utc, got,
				 cases[i].bj);
	}
	char out[32];
	assert_string_equal(audit_export_time(NULL, out, sizeof out), "");
}

struct fx {
	char dir[64];
	char xlsx[96];
	struct store *s;
	dib_err err;
};

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);
	assert_non_null(fx);
	snprintf(fx->dir, sizeof fx->dir, "/tmp/dib_auexp_XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	snprintf(fx->xlsx, sizeof fx->xlsx, "%s/out.xlsx", fx->dir);
	char url[128];
	snprintf(url, sizeof url, "sqlite:%s/t.db", fx->dir);
	OK(store_open(url, &fx->s, &fx->err));
	OK(store_migrate(fx->s, NULL, NULL, &fx->err));
	static const char *const rows[][4] = {
		{ "", "cli:root", "import", "regions" },
		{ "410726", "wang", "user.create", "user" },
		{ "410727", "feng", "user.create", "user" },
		{ "410726", "wang", "session.login", "session" },
	};
	OK(store_begin(fx->s, &fx->err));
	for (size_t i = 0; i < DIB_ARRAY_LEN(rows); i++) {
		store_audit_entry e = { .county = rows[i][0], .actor = rows[i][1],
					.action = rows[i][2], .entity = rows[i][3],
					.after_json = "{\"x\":\"=1+1\"}" };
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
	char p[128];
	static const char *const files[] = { "t.db", "t.db-wal", "t.db-shm", "out.xlsx" };
	for (size_t i = 0; i < DIB_ARRAY_LEN(files); i++) {
		snprintf(p, sizeof p, "%s/%s", fx->dir, files[i]);
		unlink(p);
	}
	rmdir(fx->dir);
	free(fx);
	return 0;
}

static int64_t exports(struct fx *fx)
{
	int64_t n = -1;
	OK(store_query_int64(fx->s, "SELECT count(*) FROM audit_log WHERE action = 'audit.export'",
			     0, NULL, &n, NULL, &fx->err));
	return n;
}

static const char *const r_aud[] = { "auditor" };
static const char *const r_appr[] = { "county_approver" };

static void test_audit_query__export(void **state)
{
	struct fx *fx = *state;
	struct authz_subject aud = { "qian", "410726000000", r_aud, 1 };
	struct audit_query_params all = { .limit = "1", .cursor = "2" };
	int64_t rows = -1;
	OK(audit_export(fx->s, &aud, &all, fx->xlsx, &rows, &fx->err));
	/* 410726's records and the county-less one; limit and cursor ignored */
	assert_int_equal(rows, 3);
	FILE *f = fopen(fx->xlsx, "rb");
	assert_non_null(f);
	unsigned char magic[4] = { 0 };
	assert_int_equal(fread(magic, 1, 4, f), 4);
	fclose(f);
	assert_memory_equal(magic, "PK\003\004", 4);
	assert_int_equal(exports(fx), 1);

	struct audit_query_params one = { .action = "user.create", .actor = "wang" };
	OK(audit_export(fx->s, &aud, &one, fx->xlsx, &rows, &fx->err));
	assert_int_equal(rows, 1);
	assert_int_equal(exports(fx), 2);
	struct store_stmt *st = NULL;
	bool row = false;
	OK(store_prepare(fx->s, "SELECT actor, entity, county, after_json FROM audit_log"
			 " WHERE action = 'audit.export' ORDER BY id DESC", &st, &fx->err));
	OK(store_step(st, &row, &fx->err));
	assert_true(row);
	assert_string_equal(store_col_text(st, 0), "qian");
	assert_string_equal(store_col_text(st, 1), "audit");
	assert_string_equal(store_col_text(st, 2), "410726");
	assert_string_equal(store_col_text(st, 3),
			    "{\"filter\":{\"action\":\"user.create\",\"actor\":\"wang\"},\"rows\":1}");
	store_finalize(st);
}

static void test_audit_query__export_refused(void **state)
{
	struct fx *fx = *state;
	static const struct {
		struct authz_subject who;
		struct audit_query_params p;
		dib_code code;
		const char *msg;
	} cases[] = {
		{ { "wang", "410726000000", r_appr, 1 }, { 0 }, DIB_EPERM, "没有权限查看审计日志" },
		{ { "qian", "410726101000", r_aud, 1 }, { 0 }, DIB_EPERM, "乡镇及以下" },
		{ { "qian", "410726000000", r_aud, 1 }, { .from = "2026-02-30" }, DIB_EINVAL,
		  "不是有效日期" },
		{ { "qian", "410726000000", r_aud, 1 }, { .to = "yesterday" }, DIB_EINVAL,
		  "不是有效日期" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		dib_err_clear(&fx->err);
		int64_t rows = -1;
		dib_code rc = audit_export(fx->s, &cases[i].who, &cases[i].p, fx->xlsx, &rows,
					   &fx->err);
		if (rc != cases[i].code || !strstr(fx->err.msg, cases[i].msg))
			fail_msg("case %zu: %s \"%s\"", i, dib_code_name(rc), fx->err.msg);
		assert_int_equal(rows, -1);
	}
	assert_int_equal(exports(fx), 0);
	/* a file that cannot be written */
	struct authz_subject aud = { "qian", "410726000000", r_aud, 1 };
	struct audit_query_params p = { 0 };
	char bad[128];
	snprintf(bad, sizeof bad, "%s/no/such/dir/out.xlsx", fx->dir);
	dib_err_clear(&fx->err);
	assert_int_equal(audit_export(fx->s, &aud, &p, bad, NULL, &fx->err), DIB_EIO);
	assert_int_equal(exports(fx), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_audit_query__beijing_time),
		cmocka_unit_test_setup_teardown(test_audit_query__export, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_query__export_refused, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
