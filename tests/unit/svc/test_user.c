/*
 * test_user.c — the account rules of svc/user.h: as tables without a
 * database, the username form and the role combinations (三员分立); on an
 * in-memory SQLite database, the administrators' functions (user_admin_*):
 * the region scope of list, get, add, change and reset, the permission
 * before the lookup, no self-lockout, one audit record per write and none
 * per refusal, sessions ended by disabling and by a reset, the lock
 * cleared by a reset. The command line's side (add, passwd, lockout) is
 * tests/cli/test_user.sh; the HTTP side tests/cli/test_users_api.sh.
 * Single-threaded.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "store/store.h"
#include "store/store_region.h"
#include "store/store_session.h"
#include "store/store_user.h"
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

/* ---- the administrators' functions, on an in-memory database ---- */

struct fx {
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

/* A stand-in hash: no argon2id work for accounts whose password is not
 * tried. */
#define FAKE_HASH "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"

static const char *const r_sys[] = { "sys_admin" };
static const char *const r_sec[] = { "security_admin" };
static const char *const r_case[] = { "township_caseworker" };
static const char *const r_agent[] = { "village_agent" };
static const char *const r_aud[] = { "auditor" };

/* Who is asking, as a session would say. */
static const struct authz_subject admin = { "admin", "410726000000", r_sys, 1 };
static const struct authz_subject tadmin = { "tadmin", "410726101000", r_sec, 1 };
static const struct authz_subject zhang = { "zhang", "410726101000", r_case, 1 };

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);
	assert_non_null(fx);
	dib_arena_init(&fx->a, 0, 0);
	OK(store_open("sqlite::memory:", &fx->s, &fx->err));
	OK(store_migrate(fx->s, NULL, NULL, &fx->err));
	static const struct {
		const char *code, *name, *parent;
		enum region_level level;
	} regions[] = {
		{ "410000000000", "河南省", "", REGION_PROVINCE },
		{ "410700000000", "新乡市", "410000000000", REGION_CITY },
		{ "410726000000", "延津县", "410700000000", REGION_COUNTY },
		{ "410726101000", "东屯镇", "410726000000", REGION_TOWNSHIP },
		{ "410726102000", "榆林镇", "410726000000", REGION_TOWNSHIP },
		{ "410726101201", "王庄村", "410726101000", REGION_VILLAGE },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(regions); i++) {
		store_region g = { .name = regions[i].name, .level = regions[i].level };
		snprintf(g.code, sizeof g.code, "%s", regions[i].code);
		snprintf(g.parent_code, sizeof g.parent_code, "%s", regions[i].parent);
		OK(store_region_insert(fx->s, &g, &fx->err));
	}
	static const struct {
		const char *name, *region;
		const char *const *roles;
	} users[] = {
		{ "admin", "410726000000", r_sys },
		{ "aud", "410726000000", r_aud },
		{ "li", "410726102000", r_agent },
		{ "tadmin", "410726101000", r_sec },
		{ "zhang", "410726101000", r_case },
	};
	OK(store_begin(fx->s, &fx->err));
	for (size_t i = 0; i < DIB_ARRAY_LEN(users); i++) {
		struct store_user u = {
			.username = users[i].name,
			.display_name = users[i].name,
			.region_code = users[i].region,
			.password_hash = FAKE_HASH,
			.roles = users[i].roles,
			.nroles = 1,
		};
		OK(store_user_add(fx->s, &u, NULL, &fx->err));
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
	free(fx);
	return 0;
}

static int64_t count(struct fx *fx, const char *sql, const char *param)
{
	int64_t n = -1;
	const char *p[1] = { param };
	OK(store_query_int64(fx->s, sql, param ? 1 : 0, p, &n, NULL, &fx->err));
	return n;
}

static int64_t audits(struct fx *fx)
{
	return count(fx, "SELECT count(*) FROM audit_log", NULL);
}

/* The action and actor of the newest audit record, "user.roles by admin". */
static const char *last_audit(struct fx *fx)
{
	static char buf[128];
	struct store_stmt *st = NULL;
	bool row = false;
	OK(store_prepare(fx->s, "SELECT action, actor FROM audit_log ORDER BY id DESC LIMIT 1",
			 &st, &fx->err));
	OK(store_step(st, &row, &fx->err));
	assert_true(row);
	snprintf(buf, sizeof buf, "%s by %s", store_col_text(st, 0), store_col_text(st, 1));
	store_finalize(st);
	return buf;
}

/* Gives username a session (its token hash is the username). */
static void add_session(struct fx *fx, const char *username)
{
	struct store_user_row u;
	OK(store_user_get(fx->s, username, &fx->a, &u, &fx->err));
	OK(store_session_add(fx->s, username, u.id, "csrf", "2026-01-01T00:00:00Z",
			     "2099-01-01T00:00:00Z", &fx->err));
}

static int64_t sessions(struct fx *fx, const char *username)
{
	return count(fx, "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id"
			 " WHERE u.username = $1", username);
}

/* Expects rc to be code with a message holding part. */
static void expect_fail(struct fx *fx, dib_code rc, dib_code code, const char *part,
			const char *what)
{
	if (rc != code)
		fail_msg("%s: got %s (%s), expected %s", what, dib_code_name(rc), fx->err.msg,
			 dib_code_name(code));
	if (!strstr(fx->err.msg, part))
		fail_msg("%s: message \"%s\" lacks \"%s\"", what, fx->err.msg, part);
}

static void test_user__admin_list_scope(void **state)
{
	struct fx *fx = *state;
	struct user_info *v = NULL;
	size_t n = 0;
	OK(user_admin_list(fx->s, &admin, 0, &fx->a, &v, &n, &fx->err));
	assert_int_equal(n, 5);
	assert_string_equal(v[2].username, "li");
	assert_string_equal(v[2].region_name, "榆林镇");
	assert_string_equal(v[0].region_name, "延津县");
	OK(user_admin_list(fx->s, &tadmin, 0, &fx->a, &v, &n, &fx->err));
	assert_int_equal(n, 2);
	assert_string_equal(v[0].username, "tadmin");
	assert_string_equal(v[1].username, "zhang");
	assert_string_equal(v[1].region_name, "东屯镇");

	dib_err_clear(&fx->err);
	expect_fail(fx, user_admin_list(fx->s, &zhang, 0, &fx->a, &v, &n, &fx->err),
		    DIB_EPERM, "没有权限管理用户", "caseworker lists");
	/* the command line's list: every account, names too */
	OK(user_list(fx->s, 0, &fx->a, &v, &n, &fx->err));
	assert_int_equal(n, 5);
	assert_string_equal(v[4].region_name, "东屯镇");

	struct user_info u;
	OK(user_admin_get(fx->s, &tadmin, "zhang", 0, &fx->a, &u, &fx->err));
	assert_string_equal(u.display_name, "zhang");
	dib_err_clear(&fx->err);
	expect_fail(fx, user_admin_get(fx->s, &tadmin, "li", 0, &fx->a, &u, &fx->err),
		    DIB_EPERM, "不在您的管辖区域内", "township admin reads another township");
	dib_err_clear(&fx->err);
	expect_fail(fx, user_admin_get(fx->s, &admin, "nobody", 0, &fx->a, &u, &fx->err),
		    DIB_ENOTFOUND, "nobody", "unknown user");
	dib_err_clear(&fx->err);
	expect_fail(fx, user_admin_get(fx->s, &zhang, "nobody", 0, &fx->a, &u, &fx->err),
		    DIB_EPERM, "没有权限", "permission before the lookup");
}

static void test_user__admin_add(void **state)
{
	struct fx *fx = *state;
	static const char *const bad[] = { "sys_admin", "village_agent" };
	static const struct {
		const struct authz_subject *who;
		const char *region;
		const char *const *roles;
		int nroles;
		dib_code code;
		const char *msg;
	} cases[] = {
		{ &tadmin, "410726102000", r_agent, 1, DIB_EPERM, "不在您的管辖区域内" },
		{ &tadmin, "410726", r_agent, 1, DIB_EPERM, "不在您的管辖区域内" },
		{ &admin, "410727", r_agent, 1, DIB_EPERM, "不在您的管辖区域内" },
		{ &zhang, "410726101201", r_agent, 1, DIB_EPERM, "没有权限管理用户" },
		{ &admin, "4107x6", r_agent, 1, DIB_EINVAL, "4107x6" },
		{ &admin, "410726101299", r_agent, 1, DIB_EINVAL, "不在区划表中" },
		{ &admin, "410726", bad, 2, DIB_EINVAL, "三员分立" },
		{ &tadmin, "410726101201", r_agent, 1, DIB_OK, "user.create by tadmin" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		struct user_new u = {
			.username = "wang",
			.display_name = "王五",
			.region = cases[i].region,
			.roles = cases[i].roles,
			.nroles = cases[i].nroles,
			.password = "Yanjin#2026",
		};
		int64_t before = audits(fx);
		dib_err_clear(&fx->err);
		dib_code rc = user_admin_add(fx->s, cases[i].who, &u, &fx->err);
		char what[32];
		snprintf(what, sizeof what, "add case %zu", i);
		if (cases[i].code) {
			expect_fail(fx, rc, cases[i].code, cases[i].msg, what);
			assert_int_equal(audits(fx), before);
			assert_int_equal(count(fx, "SELECT count(*) FROM users WHERE username = 'wang'",
					       NULL), 0);
		} else {
			if (rc)
				fail_msg("%s: %s", what, fx->err.msg);
			assert_int_equal(audits(fx), before + 1);
			assert_string_equal(last_audit(fx), cases[i].msg);
		}
	}
}

static void test_user__admin_update(void **state)
{
	struct fx *fx = *state;
	static const char *const two[] = { "village_agent", "petition_officer" };
	static const char *const clash[] = { "auditor", "village_agent" };
	static const char *const boss[] = { "boss" };
	static const char *const approver[] = { "county_approver" };
	static const struct {
		const struct authz_subject *who;
		const char *username;
		struct user_change c;
		dib_code code;
		const char *msg; /* part of the message, or "action by actor" */
	} cases[] = {
		{ &admin, "li", { .display_name = "李四" }, DIB_OK, "user.update by admin" },
		{ &admin, "li", { .roles = two, .nroles = 2, .set_roles = true }, DIB_OK,
		  "user.roles by admin" },
		{ &admin, "li", { .set_disabled = true, .disabled = true }, DIB_OK,
		  "user.disable by admin" },
		{ &admin, "li", { .display_name = "李四", .set_disabled = true }, DIB_OK,
		  "user.update by admin" },
		{ &admin, "li", { .set_disabled = true }, DIB_OK, "user.enable by admin" },
		{ &tadmin, "zhang", { .display_name = "张三" }, DIB_OK, "user.update by tadmin" },
		{ &admin, "admin", { .roles = r_sec, .nroles = 1, .set_roles = true }, DIB_OK,
		  "user.roles by admin" },
		{ &admin, "admin", { .set_disabled = true, .disabled = true }, DIB_EPERM,
		  "不能停用自己的账户" },
		{ &admin, "admin", { .roles = approver, .nroles = 1, .set_roles = true },
		  DIB_EPERM, "不能撤销自己的管理员角色" },
		{ &admin, "admin", { .roles = clash, .nroles = 2, .set_roles = true }, DIB_EINVAL,
		  "三员分立" },
		{ &admin, "li", { 0 }, DIB_EINVAL, "没有要修改的内容" },
		{ &admin, "li", { .display_name = "" }, DIB_EINVAL, "显示名不能为空" },
		{ &admin, "li", { .display_name = "a\tb" }, DIB_EINVAL, "不合规" },
		{ &admin, "li", { .roles = boss, .nroles = 1, .set_roles = true }, DIB_EINVAL,
		  "角色 \"boss\" 不存在" },
		{ &admin, "li", { .set_roles = true }, DIB_EINVAL, "至少需要一个角色" },
		{ &admin, "nobody", { .display_name = "x" }, DIB_ENOTFOUND, "nobody" },
		{ &tadmin, "li", { .display_name = "x" }, DIB_EPERM, "不在您的管辖区域内" },
		{ &tadmin, "admin", { .set_disabled = true, .disabled = true }, DIB_EPERM,
		  "不在您的管辖区域内" },
		{ &zhang, "zhang", { .roles = r_sys, .nroles = 1, .set_roles = true }, DIB_EPERM,
		  "没有权限管理用户" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		int64_t before = audits(fx);
		dib_err_clear(&fx->err);
		dib_code rc = user_admin_update(fx->s, cases[i].who, cases[i].username,
						&cases[i].c, &fx->err);
		char what[32];
		snprintf(what, sizeof what, "update case %zu", i);
		if (cases[i].code) {
			expect_fail(fx, rc, cases[i].code, cases[i].msg, what);
			assert_int_equal(audits(fx), before);
		} else {
			if (rc)
				fail_msg("%s: %s", what, fx->err.msg);
			assert_int_equal(audits(fx), before + 1);
			if (strcmp(last_audit(fx), cases[i].msg))
				fail_msg("%s: audit \"%s\", expected \"%s\"", what, last_audit(fx),
					 cases[i].msg);
		}
	}
	struct user_info u;
	OK(user_admin_get(fx->s, &admin, "li", 0, &fx->a, &u, &fx->err));
	assert_string_equal(u.display_name, "李四");
	assert_false(u.disabled);
	assert_int_equal(u.nroles, 2);
	assert_string_equal(u.roles[0], "petition_officer");
	OK(user_admin_get(fx->s, &admin, "admin", 0, &fx->a, &u, &fx->err));
	assert_false(u.disabled);
	assert_string_equal(u.roles[0], "security_admin");
}

static void test_user__disable_ends_sessions(void **state)
{
	struct fx *fx = *state;
	add_session(fx, "li");
	add_session(fx, "zhang");
	struct user_change off = { .set_disabled = true, .disabled = true };
	OK(user_admin_update(fx->s, &admin, "li", &off, &fx->err));
	assert_int_equal(sessions(fx, "li"), 0);
	assert_int_equal(sessions(fx, "zhang"), 1);
	/* the command line's disable too */
	OK(user_set_disabled(fx->s, "zhang", true, "cli:test", &fx->err));
	assert_int_equal(sessions(fx, "zhang"), 0);
}

static void test_user__admin_reset(void **state)
{
	struct fx *fx = *state;
	/* li locked out, with a session */
	OK(store_begin(fx->s, &fx->err));
	struct store_user_row r;
	OK(store_user_get(fx->s, "li", &fx->a, &r, &fx->err));
	for (int i = 0; i < USER_MAX_FAILURES; i++)
		OK(store_user_login_failed(fx->s, r.id, USER_MAX_FAILURES, "2099-01-01T00:00:00Z",
					   NULL, NULL, &fx->err));
	OK(store_user_login_failed(fx->s, r.id, USER_MAX_FAILURES, "2099-01-01T00:00:00Z",
				   NULL, NULL, &fx->err));
	OK(store_commit(fx->s, &fx->err));
	add_session(fx, "li");
	struct user_info u;
	OK(user_admin_get(fx->s, &admin, "li", 0, &fx->a, &u, &fx->err));
	assert_non_null(u.locked_until);
	assert_int_equal(u.failed_logins, 1);

	int64_t before = audits(fx);
	static const struct {
		const struct authz_subject *who;
		const char *username, *password;
		dib_code code;
		const char *msg;
	} refused[] = {
		{ &admin, "li", "short", DIB_EINVAL, "至少需要 8 个字符" },
		{ &admin, "admin", "Chongzhi#2026", DIB_EPERM, "修改密码" },
		{ &tadmin, "li", "Chongzhi#2026", DIB_EPERM, "不在您的管辖区域内" },
		{ &zhang, "li", "Chongzhi#2026", DIB_EPERM, "没有权限管理用户" },
		{ &admin, "nobody", "Chongzhi#2026", DIB_ENOTFOUND, "nobody" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(refused); i++) {
		dib_err_clear(&fx->err);
		char what[32];
		snprintf(what, sizeof what, "reset case %zu", i);
		expect_fail(fx, user_admin_reset(fx->s, refused[i].who, refused[i].username,
						 refused[i].password, &fx->err),
			    refused[i].code, refused[i].msg, what);
	}
	assert_int_equal(audits(fx), before);
	assert_int_equal(sessions(fx, "li"), 1);

	OK(user_admin_reset(fx->s, &admin, "li", "Chongzhi#2026", &fx->err));
	assert_int_equal(audits(fx), before + 1);
	assert_string_equal(last_audit(fx), "user.password_reset by admin");
	assert_int_equal(sessions(fx, "li"), 0);
	OK(user_admin_get(fx->s, &admin, "li", 0, &fx->a, &u, &fx->err));
	assert_null(u.locked_until);
	assert_int_equal(u.failed_logins, 0);
	assert_true(u.must_change);
	struct user_auth auth;
	OK(user_authenticate(fx->s, "li", "Chongzhi#2026", 1800000000, "li", &auth, &fx->err));
	assert_true(auth.must_change);
	/* the same password again: no oracle on the current one */
	OK(user_admin_reset(fx->s, &admin, "li", "Chongzhi#2026", &fx->err));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_user__names),
		cmocka_unit_test(test_user__roles),
		cmocka_unit_test(test_user__too_many_roles),
		cmocka_unit_test_setup_teardown(test_user__admin_list_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user__admin_add, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user__admin_update, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user__disable_ends_sessions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user__admin_reset, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
