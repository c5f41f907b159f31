/*
 * test_user.c — the account rules of svc/user.h that need no database, as
 * tables: the username form and the role combinations (三员分立). The
 * database side (add, passwd, lockout, audit) is tests/cli/test_user.sh.
 * Single-threaded.
 */
#include "util/dib.h"
#include "svc/user.h"

#include <setjmp.h>

#include <cmocka.h>

static void test_user__names(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		bool ok;
	} cases[] = {
		{ "abc", true },
		{ "zhang.san", true },
		{ "li_si-2", true },
		{ "a2345678901234567890123456789012", true }, /* 32 */
		{ "ab", false },
		{ "", false },
		{ "a23456789012345678901234567890123", false }, /* 33 */
		{ "Zhang", false },
		{ "zhang san", false },
		{ "张三三", false },
		{ "a;b", false },
		{ "root@x", false },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		dib_err err;
		dib_err_clear(&err);
		dib_code rc = user_check_name(cases[i].name, &err);
		if ((rc == DIB_OK) != cases[i].ok)
			fail_msg("username \"%s\": got %s", cases[i].name, dib_code_name(rc));
		if (rc) {
			assert_int_equal(rc, DIB_EINVAL);
			assert_non_null(strstr(err.msg, "用户名"));
		}
	}
}

static void test_user__roles(void **state)
{
	(void)state;
	static const struct {
		const char *roles[4];
		int n;
		const char *msg; /* NULL: allowed; else a part of the message */
	} cases[] = {
		{ { "village_agent" }, 1, NULL },
		{ { "township_caseworker", "township_reviewer" }, 2, NULL },
		{ { "county_approver", "payment_officer", "petition_officer" }, 3, NULL },
		{ { "sys_admin" }, 1, NULL },
		{ { "security_admin" }, 1, NULL },
		{ { "auditor" }, 1, NULL },
		{ { NULL }, 0, "至少需要一个角色" },
		{ { "sys_admin", "security_admin" }, 2, "系统管理员 (sys_admin) 与 安全管理员 (security_admin)" },
		{ { "auditor", "sys_admin" }, 2, "审计员 (auditor) 与 系统管理员 (sys_admin)" },
		{ { "security_admin", "auditor" }, 2, "三员分立" },
		{ { "sys_admin", "village_agent" }, 2, "系统管理员 (sys_admin) 不能同时担任业务角色 \"village_agent\"" },
		{ { "county_approver", "auditor" }, 2, "审计员 (auditor) 不能同时担任业务角色 \"county_approver\"" },
		{ { "payment_officer", "security_admin" }, 2, "安全管理员" },
		{ { "village_agent", "village_agent" }, 2, "重复" },
		{ { "village_agent", "" }, 2, "不能为空" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		dib_err err;
		dib_err_clear(&err);
		dib_code rc = user_check_roles(cases[i].roles, cases[i].n, &err);
		if (!cases[i].msg) {
			if (rc)
				fail_msg("case %zu refused: %s", i, err.msg);
			continue;
		}
		if (rc != DIB_EINVAL)
			fail_msg("case %zu: got %s, expected EINVAL", i, dib_code_name(rc));
		if (!strstr(err.msg, cases[i].msg))
			fail_msg("case %zu: message \"%s\" lacks \"%s\"", i, err.msg, cases[i].msg);
	}
}

static void test_user__too_many_roles(void **state)
{
	(void)state;
	const char *roles[USER_ROLES_MAX + 1];
	for (int i = 0; i <= USER_ROLES_MAX; i++)
		roles[i] = "village_agent";
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(user_check_roles(roles, USER_ROLES_MAX + 1, &err), DIB_EINVAL);
	assert_non_null(strstr(err.msg, "角色过多"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_user__names),
		cmocka_unit_test(test_user__roles),
		cmocka_unit_test(test_user__too_many_roles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
