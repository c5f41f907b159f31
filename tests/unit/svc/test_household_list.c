/*
 * test_household_list.c — the rules of svc/household_list.c that need no
 * database, as tables: how q is read by its shape (full ID, 15-digit ID,
 * 4–6 character tail, any other text; blanks, bad UTF-8, bad check digit,
 * too long), and that authorisation and every parameter are checked before
 * the store is asked (the store here is NULL: touching it would crash).
 * Also the session's permissions for the UI's menus (authz_allows,
 * authz_action_code), which the same issue added to svc/authz; and the
 * export on a SQLite register: the file and its one audit record, and the
 * refusal above HOUSEHOLD_EXPORT_MAX that leaves neither.
 * Thread-safety: single-threaded test.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "svc/authz.h"
#include "svc/household_list.h"

#include "store/store.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>
#include <cmocka.h>

static const dib_date today = { 2026, 11, 26 };

static void test_household_list__read_q(void **state)
{
	(void)state;
	const struct {
		const char *q;
		dib_code rc;
		enum store_hh_kind kind;
		const char *text; /* the text read, or a part of the message */
	} cases[] = {
		{ NULL, DIB_OK, STORE_HH_ALL, "" },
		{ "", DIB_OK, STORE_HH_ALL, "" },
		{ "  \t", DIB_OK, STORE_HH_ALL, "" },
		{ "\xE3\x80\x80", DIB_OK, STORE_HH_ALL, "" }, /* an ideographic space */
		/* full ID numbers: checked, normalised */
		{ "41072619800115123X", DIB_EINVAL, 0, "校验码不正确" },
		{ "410726198001151236", DIB_OK, STORE_HH_ID, "410726198001151236" },
		{ " 410726198001151236 ", DIB_OK, STORE_HH_ID, "410726198001151236" },
		{ "11010519491231002x", DIB_OK, STORE_HH_ID, "11010519491231002X" },
		{ "110105491231002", DIB_OK, STORE_HH_ID, "11010519491231002X" }, /* 15 digits */
		{ "410726298001151236", DIB_EINVAL, 0, "410726298001151236" },   /* no such date */
		/* tails: 4–6 digits, the last may be x/X */
		{ "1234", DIB_OK, STORE_HH_TAIL, "1234" },
		{ "12345", DIB_OK, STORE_HH_TAIL, "12345" },
		{ "123456", DIB_OK, STORE_HH_TAIL, "123456" },
		{ "123x", DIB_OK, STORE_HH_TAIL, "123X" },
		{ "12345X", DIB_OK, STORE_HH_TAIL, "12345X" },
		/* everything else is text: names, 户编号, addresses */
		{ "123", DIB_OK, STORE_HH_EXACT, "123" },
		{ "1234567", DIB_OK, STORE_HH_EXACT, "1234567" },
		{ "12X4", DIB_OK, STORE_HH_EXACT, "12X4" },
		{ "X123", DIB_OK, STORE_HH_EXACT, "X123" },
		{ "410726-0000344", DIB_OK, STORE_HH_EXACT, "410726-0000344" },
		{ "4107260001", DIB_OK, STORE_HH_EXACT, "4107260001" },
		{ "41072619800115123", DIB_OK, STORE_HH_EXACT, "41072619800115123" }, /* 17 */
		{ "1101054912310021", DIB_OK, STORE_HH_EXACT, "1101054912310021" },  /* 16 */
		{ "11010549123100X", DIB_OK, STORE_HH_EXACT, "11010549123100X" },    /* 15, X */
		{ " 张三 ", DIB_OK, STORE_HH_EXACT, "张三" },
		{ "100%", DIB_OK, STORE_HH_EXACT, "100%" },
		{ "O'Brien", DIB_OK, STORE_HH_EXACT, "O'Brien" },
		{ "\xFF\xFE", DIB_EINVAL, 0, "UTF-8" },
		{ "\xC0\xAF", DIB_EINVAL, 0, "UTF-8" },           /* overlong '/' */
		{ "\xED\xA0\x80", DIB_EINVAL, 0, "UTF-8" },       /* a surrogate */
		{ "\xE5\xBC", DIB_EINVAL, 0, "UTF-8" },           /* cut short */
		{ "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
		  DIB_OK, STORE_HH_EXACT, "xxxxxxxxxx" },            /* 100 bytes: the cap */
		{ "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
		  DIB_EINVAL, 0, "过长" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		struct household_q q;
		memset(&q, 0x55, sizeof q);
		dib_err err;
		dib_err_clear(&err);
		dib_code rc = household_list_read_q(cases[i].q, today, &q, &err);
		if (rc != cases[i].rc)
			fail_msg("case %zu: rc %s, want %s (%s)", i, dib_code_name(rc),
				 dib_code_name(cases[i].rc), err.msg);
		if (rc) {
			if (!strstr(err.msg, cases[i].text))
				fail_msg("case %zu: message \"%s\" lacks \"%s\"", i, err.msg,
					 cases[i].text);
			continue;
		}
		if (q.kind != cases[i].kind || strncmp(q.text, cases[i].text, strlen(cases[i].text)))
			fail_msg("case %zu: kind %d \"%s\", want %d \"%s\"", i, (int)q.kind, q.text,
				 (int)cases[i].kind, cases[i].text);
	}
}

/* Refusals that must come before any database work: s is NULL. */
static void test_household_list__checks_before_the_store(void **state)
{
	(void)state;
	const char *admin[] = { "sys_admin" }, *sec[] = { "security_admin" };
	const char *town[] = { "township_caseworker" }, *aud[] = { "auditor" };
	const struct authz_subject sysadm = { "admin", "410726000000", admin, 1 };
	const struct authz_subject secadm = { "security", "410726000000", sec, 1 };
	const struct authz_subject worker = { "cw", "410726101000", town, 1 };
	const struct authz_subject auditor = { "au", "410726000000", aud, 1 };
	const struct authz_subject broken = { "x", "41072", town, 1 };
	const struct {
		const struct authz_subject *who;
		struct household_list_params p;
		dib_code rc;
		const char *msg;
	} cases[] = {
		{ &sysadm, { 0 }, DIB_EPERM, "没有权限查看救助对象信息" },
		{ &secadm, { 0 }, DIB_EPERM, "没有权限查看救助对象信息" },
		{ &sysadm, { .region = "410726101000" }, DIB_EPERM, "没有权限" },
		{ &worker, { .region = "410726102000" }, DIB_EPERM, "不在您的管辖区域内" },
		{ &worker, { .region = "410726000000" }, DIB_EPERM, "不在您的管辖区域内" },
		{ &worker, { .region = "410727101201" }, DIB_EPERM, "不在您的管辖区域内" },
		{ &worker, { .region = "41072610" }, DIB_EINVAL, "41072610" },
		{ &worker, { .region = "abc" }, DIB_EINVAL, "abc" },
		{ &broken, { 0 }, DIB_EINVAL, "41072" },
		{ &auditor, { .registration = "3" }, DIB_EINVAL, "registration" },
		{ &auditor, { .registration = "1 " }, DIB_EINVAL, "registration" },
		{ &auditor, { .q = "41072619800115123X" }, DIB_EINVAL, "校验码" },
		{ &auditor, { .limit = "0" }, DIB_EINVAL, "limit" },
		{ &auditor, { .limit = "201" }, DIB_EINVAL, "limit" },
		{ &auditor, { .limit = "2x" }, DIB_EINVAL, "limit" },
		{ &auditor, { .cursor = "-5" }, DIB_EINVAL, "cursor" },
		{ &auditor, { .cursor = "99999999999999999999" }, DIB_EINVAL, "cursor" },
		{ &auditor, { .cursor = "12 OR 1=1" }, DIB_EINVAL, "cursor" },
	};
	dib_arena a;
	dib_arena_init(&a, 0, 0);
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		struct household_list_page pg;
		dib_err err;
		dib_err_clear(&err);
		dib_code rc = household_list_query(NULL, cases[i].who, &cases[i].p, today, &a, &pg,
						   &err);
		if (rc != cases[i].rc || !strstr(err.msg, cases[i].msg))
			fail_msg("case %zu: %s \"%s\", want %s \"%s\"", i, dib_code_name(rc),
				 err.msg, dib_code_name(cases[i].rc), cases[i].msg);
		if (i >= 12) /* limit and cursor concern the list only */
			continue;
		int64_t rows = -1;
		dib_err_clear(&err);
		rc = household_list_export(NULL, cases[i].who, &cases[i].p, today, "/nonexistent/x",
					   &rows, &err);
		if (rc != cases[i].rc || rows != -1)
			fail_msg("export case %zu: %s \"%s\", want %s", i, dib_code_name(rc), err.msg,
				 dib_code_name(cases[i].rc));
	}
	dib_arena_release(&a);
}

/* The session's "permissions": the action codes any role allows. */
static void test_household_list__session_permissions(void **state)
{
	(void)state;
	const struct {
		const char *roles[2];
		int nroles;
		const char *want;
	} cases[] = {
		{ { "village_agent" }, 1, "region_read register_read register_write case_act" },
		{ { "county_approver" }, 1,
		  "region_read register_read standard_write param_write case_act payroll_read "
		  "payroll_approve" },
		{ { "auditor" }, 1, "region_read register_read audit_read payroll_read" },
		{ { "sys_admin" }, 1, "region_read region_write user_admin standard_write param_write" },
		{ { "security_admin" }, 1, "region_read user_admin" },
		{ { "auditor", "sys_admin" }, 2,
		  "region_read region_write register_read user_admin audit_read standard_write param_write "
		  "payroll_read" },
		{ { "nobody" }, 1, "" },
		{ { NULL }, 0, "" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		struct authz_subject who = { "u", "410726000000", cases[i].roles, cases[i].nroles };
		char got[160] = "";
		for (int a = 0; a < AUTHZ_ACTION_COUNT; a++) {
			if (!authz_allows(&who, (enum authz_action)a))
				continue;
			size_t len = strlen(got);
			snprintf(got + len, sizeof got - len, "%s%s", len ? " " : "",
				 authz_action_code((enum authz_action)a));
		}
		if (strcmp(got, cases[i].want))
			fail_msg("case %zu: [%s], want [%s]", i, got, cases[i].want);
	}
	assert_null(authz_action_code(AUTHZ_ACTION_COUNT));
	assert_null(authz_action_code((enum authz_action)-1));
}

/* ---- the export, on a SQLite register ---- */

#define OK(expr)                                                              \
	do {                                                                  \
		dib_err_clear(&err);                                          \
		dib_code rc_ = (expr);                                        \
		if (rc_)                                                      \
			fail_msg("%s -> %s: %s | %s", #expr, dib_code_name(rc_), \
				 err.msg, err.detail);                        \
	} while (0)

static int64_t count_of(struct store *s, const char *sql)
{
	dib_err err;
	int64_t n = -1;
	OK(store_query_int64(s, sql, 0, NULL, &n, NULL, &err));
	return n;
}

static bool exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* n households in 桑园村, the first three urban, with no members */
static const char *const households_sql =
	"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
	" INSERT INTO households (county, id, hh_no, village_code, address, registration,"
	" created_at, updated_at) SELECT '410726', i, 'H' || i, '410726101202',"
	" '桑园村' || i || '号', CASE WHEN i <= 3 THEN 1 ELSE 2 END,"
	" '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n";

static void test_household_list__export(void **state)
{
	(void)state;
	dib_err err;
	char dir[] = "/tmp/dib_hlx_XXXXXX";
	assert_non_null(mkdtemp(dir));
	char url[128], path[128], tmp[160], sql[1024];
	snprintf(url, sizeof url, "sqlite:%s/t.db", dir);
	snprintf(path, sizeof path, "%s/out.xlsx", dir);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	struct store *s = NULL;
	OK(store_open(url, &s, &err));
	OK(store_migrate(s, NULL, NULL, &err));
	OK(store_exec(s, "INSERT INTO regions (code, name, level, parent_code, county) VALUES"
			 " ('410000000000', '河南省', 1, NULL, ''),"
			 " ('410700000000', '新乡市', 2, '410000000000', ''),"
			 " ('410726000000', '延津县', 3, '410700000000', '410726'),"
			 " ('410726101000', '东屯镇', 4, '410726000000', '410726'),"
			 " ('410726101202', '桑园村', 5, '410726101000', '410726')", &err));
	snprintf(sql, sizeof sql, households_sql, 10);
	OK(store_exec(s, sql, &err));
	const char *roles[] = { "township_caseworker" };
	const struct authz_subject who = { "cw", "410726101000", roles, 1 };

	struct household_list_params p = { .registration = "1" };
	int64_t rows = -1;
	OK(household_list_export(s, &who, &p, today, path, &rows, &err));
	assert_int_equal(rows, 3);
	assert_true(exists(path));
	assert_false(exists(tmp));
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char magic[2] = { 0 };
	assert_int_equal(fread(magic, 1, 2, f), 2);
	fclose(f);
	assert_memory_equal(magic, "PK", 2);
	assert_int_equal(count_of(s, "SELECT count(*) FROM audit_log WHERE action = 'household.export'"
				     " AND actor = 'cw' AND county = '410726' AND entity = 'household'"
				     " AND after_json = '{\"filter\":{\"q\":null,\"region\":null,"
				     "\"registration\":1},\"rows\":3}'"), 1);
	unlink(path);

	/* one household over the cap: refused before anything is written */
	snprintf(sql, sizeof sql, households_sql, HOUSEHOLD_EXPORT_MAX + 1);
	OK(store_exec(s, "DELETE FROM households", &err));
	OK(store_exec(s, sql, &err));
	p.registration = NULL;
	dib_err_clear(&err);
	assert_int_equal(household_list_export(s, &who, &p, today, path, &rows, &err), DIB_EINVAL);
	assert_non_null(strstr(err.msg, "超过导出上限"));
	assert_false(exists(path));
	assert_false(exists(tmp));
	assert_int_equal(count_of(s, "SELECT count(*) FROM audit_log"
				     " WHERE action = 'household.export'"), 1);
	/* narrowed, it goes */
	p.registration = "1";
	OK(household_list_export(s, &who, &p, today, path, &rows, &err));
	assert_int_equal(rows, 3);
	unlink(path);

	store_close(s);
	static const char *const files[] = { "t.db", "t.db-wal", "t.db-shm" };
	for (size_t i = 0; i < DIB_ARRAY_LEN(files); i++) {
		char fp[160];
		snprintf(fp, sizeof fp, "%s/%s", dir, files[i]);
		unlink(fp);
	}
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_household_list__read_q),
		cmocka_unit_test(test_household_list__checks_before_the_store),
		cmocka_unit_test(test_household_list__session_permissions),
		cmocka_unit_test(test_household_list__export),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
