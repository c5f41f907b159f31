/*
 * user.c — user accounts: the rules of svc/user.h (username form, password
 * strength, 三员分立, lockout) over store/store_user.c, each write one
 * transaction with one audit record; the command line's writes and the
 * login check. Listing and the administrators' writes over HTTP are in
 * user_admin.c. Argon2id work (about 0.1 s) is done before the
 * transaction opens, so a write lock is never held for it.
 * Thread-safety: as the store connection.
 */
#include "util/dib.h"
#include "util/time.h"
#include "core/region.h"
#include "store/store_audit.h"
#include "store/store_region.h"
#include "store/store_session.h"
#include "store/store_user.h"
#include "svc/password.h"
#include "svc/user.h"
#include "svc/user_int.h"

#include <jansson.h>

#define BAD_LOGIN "用户名或密码不正确"

/* The three administrator roles of 三员分立, with their Chinese names. */
static const struct {
	const char *code, *name;
} admin_roles[] = {
	{ "sys_admin", "系统管理员" },
	{ "security_admin", "安全管理员" },
	{ "auditor", "审计员" },
};

static const char *admin_role_name(const char *code)
{
	for (size_t i = 0; i < DIB_ARRAY_LEN(admin_roles); i++)
		if (!strcmp(code, admin_roles[i].code))
			return admin_roles[i].name;
	return NULL;
}

dib_code user_check_name(const char *username, dib_err *err)
{
	size_t n = strlen(username);
	bool ok = n >= USER_NAME_MIN && n <= USER_NAME_MAX;
	for (size_t i = 0; ok && i < n; i++) {
		char c = username[i];
		ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
		     c == '.' || c == '-';
	}
	if (ok)
		return DIB_OK;
	char q[DIB_QUOTE_MAX];
	return dib_err_set(err, DIB_EINVAL,
			   "用户名 \"%s\" 不合规: 须为 %d–%d 位小写字母、数字或 _ . -",
			   dib_err_quote(username, n, q, sizeof q), USER_NAME_MIN, USER_NAME_MAX);
}

dib_code user_check_roles(const char *const *roles, int n, dib_err *err)
{
	char q[DIB_QUOTE_MAX];
	if (n < 1)
		return dib_err_set(err, DIB_EINVAL, "至少需要一个角色");
	if (n > USER_ROLES_MAX)
		return dib_err_set(err, DIB_EINVAL, "角色过多 (最多 %d 个)", USER_ROLES_MAX);
	const char *admin = NULL, *business = NULL;
	for (int i = 0; i < n; i++) {
		if (!roles[i][0])
			return dib_err_set(err, DIB_EINVAL, "角色不能为空");
		for (int j = 0; j < i; j++)
			if (!strcmp(roles[i], roles[j]))
				return dib_err_set(err, DIB_EINVAL, "角色 \"%s\" 重复",
						   dib_err_quote(roles[i], strlen(roles[i]), q, sizeof q));
		if (admin_role_name(roles[i])) {
			if (admin)
				return dib_err_set(err, DIB_EINVAL,
						   "三员分立: %s (%s) 与 %s (%s) 须由不同人员担任，不能授予同一用户",
						   admin_role_name(admin), admin, admin_role_name(roles[i]), roles[i]);
			admin = roles[i];
		} else if (!business) {
			business = roles[i];
		}
	}
	if (admin && business)
		return dib_err_set(err, DIB_EINVAL,
				   "三员分立: %s (%s) 不能同时担任业务角色 \"%s\"",
				   admin_role_name(admin), admin,
				   dib_err_quote(business, strlen(business), q, sizeof q));
	return DIB_OK;
}

dib_code user__check_display(const char *name, dib_err *err)
{
	char q[DIB_QUOTE_MAX];
	size_t n = strlen(name);
	if (n == 0)
		return dib_err_set(err, DIB_EINVAL, "显示名不能为空");
	/* dib_err_quote keeps valid UTF-8 without control characters as it is. */
	if (n > USER_DISPLAY_MAX || strcmp(dib_err_quote(name, n, q, sizeof q), name))
		return dib_err_set(err, DIB_EINVAL,
				   "显示名 \"%s\" 不合规: 须为不超过 %d 字节的文字，不含控制字符",
				   q, USER_DISPLAY_MAX);
	return DIB_OK;
}

dib_code user__roles_exist(struct store *s, const char *const *roles, int n, dib_err *err)
{
	for (int i = 0; i < n; i++) {
		bool exists = false;
		dib_code rc = store_role_exists(s, roles[i], &exists, err);
		if (rc)
			return rc;
		if (!exists) {
			char q[DIB_QUOTE_MAX];
			return dib_err_set(err, DIB_EINVAL, "角色 \"%s\" 不存在",
					   dib_err_quote(roles[i], strlen(roles[i]), q, sizeof q));
		}
	}
	return DIB_OK;
}

char *user__json(const char *username, const char *display, const char *region,
		 const char *const *roles, int nroles, bool disabled, bool must_change)
{
	json_t *r = json_array();
	for (int i = 0; r && i < nroles; i++)
		json_array_append_new(r, json_string(roles[i]));
	json_t *o = r ? json_pack("{s:s, s:s, s:s, s:o, s:b, s:b}", "username", username,
				  "display_name", display, "region_code", region, "roles", r,
				  "disabled", disabled, "must_change", must_change)
		      : NULL;
	char *text = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	return text;
}

char *user__row_json(const struct store_user_row *u)
{
	return user__json(u->username, u->display_name, u->region_code,
			  (const char *const *)u->roles, u->nroles, u->disabled, u->must_change);
}

dib_code user__audit(struct store *s, const char *actor, const char *action,
		     const char *username, const char *region, char *before, char *after,
		     dib_err *err)
{
	char county[REGION_COUNTY_LEN + 1];
	region_county_of(region, county);
	dib_code rc;
	if (!after) {
		rc = dib_err_nomem(err);
	} else {
		store_audit_entry e = {
			.county = county,
			.actor = actor,
			.action = action,
			.entity = "user",
			.entity_id = username,
			.before_json = before,
			.after_json = after,
		};
		rc = store_audit_append(s, &e, NULL, err);
	}
	free(before);
	free(after);
	return rc;
}

dib_code user_add(struct store *s, const struct user_new *u, const char *actor,
		  dib_err *err)
{
	region_code region;
	char hash[PASSWORD_HASH_MAX];
	dib_code rc = user_check_name(u->username, err);
	if (!rc)
		rc = user__check_display(u->display_name, err);
	if (!rc)
		rc = region_parse(u->region, strlen(u->region), &region, err);
	if (!rc)
		rc = user_check_roles(u->roles, u->nroles, err);
	if (!rc)
		rc = password_check_rule(u->password, err);
	if (!rc)
		rc = password_lib_init(err);
	if (!rc)
		rc = password_hash(u->password, hash, err);
	if (rc)
		return rc;

	rc = store_begin(s, err);
	if (rc)
		return rc;
	bool exists = false;
	const char *code = region.code;
	rc = store_region_exists(s, &code, 1, &exists, NULL, err);
	if (!rc && !exists)
		rc = dib_err_set(err, DIB_EINVAL, "区划代码 \"%s\" 不在区划表中", region.code);
	if (!rc)
		rc = user__roles_exist(s, u->roles, u->nroles, err);
	if (!rc) {
		bool taken = false;
		rc = store_user_exists(s, u->username, &taken, err);
		if (!rc && taken)
			rc = dib_err_set(err, DIB_ECONFLICT, "用户名 \"%s\" 已被使用", u->username);
	}
	if (!rc) {
		struct store_user row = {
			.username = u->username,
			.display_name = u->display_name,
			.region_code = region.code,
			.password_hash = hash,
			.must_change = true,
			.roles = u->roles,
			.nroles = u->nroles,
		};
		rc = store_user_add(s, &row, NULL, err);
	}
	if (!rc)
		rc = user__audit(s, actor, "user.create", u->username, region.code, NULL,
				 user__json(u->username, u->display_name, region.code, u->roles,
					    u->nroles, false, true), err);
	return svc__finish(s, rc, err);
}

dib_code user_passwd(struct store *s, const char *username, const char *password,
		     const char *old_password, const char *actor, dib_err *err)
{
	dib_arena a;
	dib_arena_init(&a, 4096, 1 << 20);
	struct store_user_row u;
	char hash[PASSWORD_HASH_MAX];
	bool self = old_password != NULL;
	dib_code rc = password_lib_init(err);
	if (!rc)
		rc = store_user_get(s, username, &a, &u, err);
	if (!rc && self && (!u.password_hash || !password_verify(u.password_hash, old_password)))
		rc = dib_err_set(err, DIB_EAUTH, "原密码不正确");
	if (!rc)
		rc = password_check_rule(password, err);
	if (!rc && u.password_hash && password_verify(u.password_hash, password))
		rc = dib_err_set(err, DIB_EINVAL, "新密码不能与原密码相同");
	if (!rc)
		rc = password_hash(password, hash, err);
	if (!rc)
		rc = store_begin(s, err);
	if (rc)
		goto out;
	char *before = user__row_json(&u);
	u.must_change = !self;
	rc = store_user_set_password(s, u.id, hash, u.must_change, err);
	/* A reset ends the account's sessions: whoever is logged in with it
	 * logs in again with the new password. (A user's own change keeps
	 * the session it was made in: session_change_password ends the
	 * others.) */
	if (!rc && !self)
		rc = store_session_delete_user(s, u.id, NULL, NULL, err);
	if (!rc)
		rc = user__audit(s, actor, self ? "user.password_change" : "user.password_reset",
				 u.username, u.region_code, before, user__row_json(&u), err);
	else
		free(before);
	rc = svc__finish(s, rc, err);
out:
	dib_arena_release(&a);
	return rc;
}

dib_code user_set_disabled(struct store *s, const char *username, bool disabled,
			   const char *actor, dib_err *err)
{
	dib_arena a;
	dib_arena_init(&a, 4096, 1 << 20);
	struct store_user_row u;
	dib_code rc = store_begin(s, err);
	if (rc)
		goto out;
	rc = store_user_get(s, username, &a, &u, err);
	if (!rc) {
		char *before = user__row_json(&u);
		u.disabled = disabled;
		rc = store_user_set_disabled(s, u.id, disabled, err);
		/* session_check refuses a disabled account's sessions anyway;
		 * deleting them means enabling it again does not revive them */
		if (!rc && disabled)
			rc = store_session_delete_user(s, u.id, NULL, NULL, err);
		if (!rc)
			rc = user__audit(s, actor, disabled ? "user.disable" : "user.enable",
					 u.username, u.region_code, before, user__row_json(&u), err);
		else
			free(before);
	}
	rc = svc__finish(s, rc, err);
out:
	dib_arena_release(&a);
	return rc;
}

dib_code user_set_roles(struct store *s, const char *username,
			const char *const *roles, int n, const char *actor,
			dib_err *err)
{
	dib_arena a;
	dib_arena_init(&a, 4096, 1 << 20);
	struct store_user_row u;
	dib_code rc = user_check_roles(roles, n, err);
	if (!rc)
		rc = store_begin(s, err);
	if (rc)
		goto out;
	rc = store_user_get(s, username, &a, &u, err);
	if (!rc)
		rc = user__roles_exist(s, roles, n, err);
	if (!rc) {
		char *before = user__row_json(&u);
		rc = store_user_set_roles(s, u.id, roles, n, err);
		if (!rc)
			rc = user__audit(s, actor, "user.roles", u.username, u.region_code, before,
					 user__json(u.username, u.display_name, u.region_code, roles,
						    n, u.disabled, u.must_change), err);
		else
			free(before);
	}
	rc = svc__finish(s, rc, err);
out:
	dib_arena_release(&a);
	return rc;
}

/* Writes the audit record of one login attempt (and the state change
 * already made in the open transaction) and commits. */
static dib_code login_audit(struct store *s, const struct store_user_row *u,
			    const char *actor, const char *outcome, int failed,
			    const char *locked_until, dib_err *err)
{
	json_t *o = json_pack("{s:s, s:i, s:s?}", "outcome", outcome, "failed_logins",
			      failed, "locked_until", locked_until);
	char *after = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	dib_code rc = user__audit(s, actor, "user.login", u->username, u->region_code, NULL,
			    after, err);
	return svc__finish(s, rc, err);
}

dib_code user_authenticate(struct store *s, const char *username,
			   const char *password, int64_t now, const char *actor,
			   struct user_auth *out, dib_err *err)
{
	dib_arena a;
	dib_arena_init(&a, 4096, 1 << 20);
	struct store_user_row u;
	char nowtext[DIB_TIME_UTC_SIZE], until[DIB_TIME_UTC_SIZE];
	dib_time_format_utc(now, nowtext, sizeof nowtext);
	dib_time_format_utc(now + USER_LOCK_SECONDS, until, sizeof until);
	dib_err probe;
	dib_err_clear(&probe);
	dib_code rc = password_lib_init(err);
	if (rc)
		goto out;
	rc = store_user_get(s, username, &a, &u, &probe);
	if (rc == DIB_ENOTFOUND) {
		/* Spend the time a verification takes, so that the answer's
		 * timing does not tell that the username is unknown either. */
		char dummy[PASSWORD_HASH_MAX];
		password_hash(password, dummy, NULL);
		rc = dib_err_set(err, DIB_EAUTH, BAD_LOGIN);
		goto out;
	}
	if (rc) {
		rc = dib_err_set(err, rc, "%s", probe.msg);
		dib_err_detail(err, "%s", probe.detail);
		goto out;
	}
	if (u.locked_until && strcmp(u.locked_until, nowtext) > 0) {
		/* The password is not tried while locked: guessing stays slow. */
		rc = store_begin(s, err);
		if (!rc)
			rc = login_audit(s, &u, actor, "locked", u.failed_logins, u.locked_until, err);
		if (!rc)
			rc = dib_err_set(err, DIB_ELOCKED,
					 "账户已锁定 (连续 %d 次密码错误)，请 %d 分钟后再试或联系安全管理员",
					 USER_MAX_FAILURES, USER_LOCK_SECONDS / 60);
		goto out;
	}
	bool good = u.password_hash && password_verify(u.password_hash, password);
	rc = store_begin(s, err);
	if (rc)
		goto out;
	if (!good) {
		int failed = 0;
		bool locked = false;
		rc = store_user_login_failed(s, u.id, USER_MAX_FAILURES, until, &failed,
					     &locked, err);
		if (rc) {
			store_rollback(s);
			goto out;
		}
		rc = login_audit(s, &u, actor, locked ? "locked_now" : "bad_password", failed,
				 locked ? until : NULL, err);
		if (!rc && locked)
			rc = dib_err_set(err, DIB_ELOCKED,
					 "密码连续错误 %d 次，账户已锁定 %d 分钟",
					 USER_MAX_FAILURES, USER_LOCK_SECONDS / 60);
		else if (!rc)
			rc = dib_err_set(err, DIB_EAUTH, BAD_LOGIN);
		goto out;
	}
	if (u.disabled) {
		rc = login_audit(s, &u, actor, "disabled", u.failed_logins, NULL, err);
		if (!rc)
			rc = dib_err_set(err, DIB_EPERM, "账户已停用，请联系安全管理员");
		goto out;
	}
	rc = store_user_login_ok(s, u.id, err);
	if (rc) {
		store_rollback(s);
		goto out;
	}
	rc = login_audit(s, &u, actor, "ok", 0, NULL, err);
	if (!rc) {
		memset(out, 0, sizeof *out);
		out->must_change = u.must_change;
		snprintf(out->username, sizeof out->username, "%s", u.username);
	}
out:
	dib_arena_release(&a);
	return rc;
}

dib_code user_subject(struct store *s, const char *username, dib_arena *a,
		      struct authz_subject *out, dib_err *err)
{
	struct store_user_row u;
	dib_code rc = store_user_get(s, username, a, &u, err);
	if (rc)
		return rc;
	if (u.disabled)
		return dib_err_set(err, DIB_EPERM, "账号 %s 已停用", username);
	out->username = u.username;
	out->region_code = u.region_code;
	out->roles = u.roles;
	out->nroles = u.nroles;
	return DIB_OK;
}
