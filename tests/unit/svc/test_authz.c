/*
 * test_authz.c — svc/authz.h as tables: every role × action × (inside,
 * outside, no region) against an expected matrix written here from
 * domain.md and 三员分立, independently of authz.c's table; the region
 * subtree at each level; several roles; unknown roles; a malformed root
 * failing closed; the messages; separation of duties.
 * Single-threaded.
 */
#include "util/dib.h"
#include "svc/authz.h"

#include <setjmp.h>

#include <cmocka.h>

/* Columns in enum order: region read, region write, register read,
 * register write, user admin, audit read, standard write, param write,
 * case act, payroll read, payroll prepare, payroll approve, payroll pay.
 * 'Y' allowed, '-' denied. Payroll: the township prepares, the county
 * approves, the payment officer pays (seed 001), the auditor reads. */
static const struct {
	const char *role;
	const char *allow;
} expect[] = {
	{ "village_agent",       "Y-YY----Y----" },
	{ "township_caseworker", "Y-YY----YYY--" },
	{ "township_reviewer",   "Y-Y-----YYY--" },
	{ "county_approver",     "Y-Y---YYYY-Y-" },
	{ "payment_officer",     "Y-Y------Y--Y" },
	{ "petition_officer",    "Y-Y-----Y----" },
	{ "auditor",             "Y-Y--Y---Y---" }, /* reads all, changes nothing */
	{ "sys_admin",           "YY--Y-YY-----" }, /* users and regions, no records */
	{ "security_admin",      "Y---Y--------" }, /* accounts, no records */
};

static const enum authz_action actions[] = {
	AUTHZ_REGION_READ, AUTHZ_REGION_WRITE, AUTHZ_REGISTER_READ,
	AUTHZ_REGISTER_WRITE, AUTHZ_USER_ADMIN, AUTHZ_AUDIT_READ,
	AUTHZ_STANDARD_WRITE, AUTHZ_PARAM_WRITE, AUTHZ_CASE_ACT,
	AUTHZ_PAYROLL_READ, AUTHZ_PAYROLL_PREPARE, AUTHZ_PAYROLL_APPROVE,
	AUTHZ_PAYROLL_PAY,
};

static void test_authz__matrix(void **state)
{
	(void)state;
	assert_int_equal(DIB_ARRAY_LEN(actions), AUTHZ_ACTION_COUNT);
	static const struct {
		const char *region; /* of the object */
		bool inside;        /* of 410726000000's subtree */
	} where[] = {
		{ NULL, true },
		{ "410726000000", true },   /* the county itself */
		{ "410726101000", true },   /* a township */
		{ "410726101201", true },   /* a village */
		{ "410727000000", false },  /* the next county */
		{ "410727101201", false },  /* a village there */
		{ "410700000000", false },  /* the city above */
		{ "410000000000", false },  /* the province */
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(expect); i++) {
		const char *roles[] = { expect[i].role };
		struct authz_subject who = { "u", "410726000000", roles, 1 };
		for (size_t k = 0; k < DIB_ARRAY_LEN(actions); k++) {
			bool role_ok = expect[i].allow[k] == 'Y';
			assert_int_equal(authz_role_allows(expect[i].role, actions[k]), role_ok);
			for (size_t w = 0; w < DIB_ARRAY_LEN(where); w++) {
				dib_err err;
				dib_err_clear(&err);
				dib_code want = role_ok && where[w].inside ? DIB_OK : DIB_EPERM;
				dib_code got = authz_check(&who, actions[k], where[w].region, &err);
				if (got != want)
					fail_msg("%s action %d region %s: got %d want %d (%s)",
						 expect[i].role, (int)actions[k],
						 where[w].region ? where[w].region : "NULL",
						 got, want, err.msg);
				if (want == DIB_EPERM)
					assert_int_equal(err.code, DIB_EPERM);
			}
		}
	}
}

/* Role codes outside the table grant nothing, and nor does having no role. */
static void test_authz__unknown_roles_grant_nothing(void **state)
{
	(void)state;
	static const char *const bad[] = { "", "admin", "SYS_ADMIN", "auditor ", "root" };
	for (size_t i = 0; i < DIB_ARRAY_LEN(bad); i++)
		for (size_t k = 0; k < DIB_ARRAY_LEN(actions); k++)
			assert_false(authz_role_allows(bad[i], actions[k]));
	assert_false(authz_role_allows(NULL, AUTHZ_REGION_READ));
	assert_false(authz_role_allows("auditor", AUTHZ_ACTION_COUNT));
	struct authz_subject none = { "u", "410726000000", NULL, 0 };
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(authz_check(&none, AUTHZ_REGION_READ, NULL, &err), DIB_EPERM);
	assert_string_equal(err.msg, "没有权限查看区划");
}

/* A township user: its township and below, nothing beside or above. */
static void test_authz__township_subtree(void **state)
{
	(void)state;
	static const struct {
		const char *region;
		dib_code want;
	} t[] = {
		{ "410726101000", DIB_OK },
		{ "410726101001", DIB_OK },
		{ "410726101201", DIB_OK },
		{ "410726102000", DIB_EPERM },
		{ "410726102201", DIB_EPERM },
		{ "410726000000", DIB_EPERM },
		{ "410726", DIB_EPERM },        /* short forms are padded */
		{ "410726101", DIB_OK },
		{ "41072610120", DIB_EINVAL },  /* not a code at all */
		{ "abc", DIB_EINVAL },
	};
	const char *roles[] = { "township_caseworker" };
	struct authz_subject who = { "w", "410726101000", roles, 1 };
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		dib_err err;
		dib_err_clear(&err);
		dib_code got = authz_check(&who, AUTHZ_REGISTER_WRITE, t[i].region, &err);
		if (got != t[i].want)
			fail_msg("%s: got %d want %d", t[i].region, got, t[i].want);
	}
	dib_err err;
	dib_err_clear(&err);
	authz_check(&who, AUTHZ_REGION_READ, "410726000000", &err);
	assert_string_equal(err.msg, "区划 410726000000 不在您的管辖区域内");
	assert_string_equal(authz_scope(&who), "410726101000");
}

/* Several roles: what any allows; the region limit still applies. */
static void test_authz__roles_combine(void **state)
{
	(void)state;
	const char *roles[] = { "township_reviewer", "petition_officer", "village_agent" };
	struct authz_subject who = { "m", "410726101000", roles, 3 };
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(authz_check(&who, AUTHZ_REGISTER_WRITE, "410726101201", &err), DIB_OK);
	assert_int_equal(authz_check(&who, AUTHZ_REGISTER_WRITE, "410726102201", &err), DIB_EPERM);
	dib_err_clear(&err);
	assert_int_equal(authz_check(&who, AUTHZ_AUDIT_READ, NULL, &err), DIB_EPERM);
	assert_string_equal(err.msg, "没有权限查看审计日志");
}

/* A root that is not a code must deny everything regional, never widen. */
static void test_authz__bad_root_fails_closed(void **state)
{
	(void)state;
	const char *roles[] = { "auditor" };
	static const char *const roots[] = { "", "4107", "41072610", "xx", "410726000000 " };
	for (size_t i = 0; i < DIB_ARRAY_LEN(roots); i++) {
		struct authz_subject who = { "a", roots[i], roles, 1 };
		dib_err err;
		dib_err_clear(&err);
		dib_code want = i == 1 ? DIB_OK : DIB_EPERM; /* "4107" is 新乡市, a real root */
		assert_int_equal(authz_check(&who, AUTHZ_REGISTER_READ, "410726101201", &err), want);
	}
	struct authz_subject nul = { "a", NULL, roles, 1 };
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(authz_check(&nul, AUTHZ_REGISTER_READ, "410726101201", &err), DIB_EPERM);
}

static void test_authz__separate(void **state)
{
	(void)state;
	static const struct {
		const char *preparer, *approver;
		dib_code want;
	} t[] = {
		{ "zhang.san", "li.si", DIB_OK },
		{ "zhang.san", "zhang.san", DIB_EPERM },
		{ "zhang.san", "zhang.sa", DIB_OK },
		{ "zhang.san", "zhang.san2", DIB_OK },
		{ NULL, "li.si", DIB_EPERM },
		{ "zhang.san", NULL, DIB_EPERM },
		{ "", "", DIB_EPERM },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		dib_err err;
		dib_err_clear(&err);
		assert_int_equal(authz_separate(t[i].preparer, t[i].approver, &err), t[i].want);
		if (t[i].want)
			assert_string_equal(err.msg, "同一人员不能既经办又审批同一事项");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_authz__matrix),
		cmocka_unit_test(test_authz__unknown_roles_grant_nothing),
		cmocka_unit_test(test_authz__township_subtree),
		cmocka_unit_test(test_authz__roles_combine),
		cmocka_unit_test(test_authz__bad_root_fails_closed),
		cmocka_unit_test(test_authz__separate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
