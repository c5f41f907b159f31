/*
 * user_admin.c — listing accounts, and the administrators' writes over
 * HTTP (svc/user.h user_admin_*): authorisation first (authz_check
 * AUTHZ_USER_ADMIN, then the account's region inside the administrator's
 * subtree), then the rules and the one-transaction-one-audit-record writes
 * that the command line's functions in user.c follow too.
 * Thread-safety: as the store connection.
 */
#include "util/dib.h"
#include "util/hmap.h"
#include "util/time.h"
#include "core/region.h"
#include "store/store_region.h"
#include "store/store_session.h"
#include "store/store_user.h"
#include "svc/authz.h"
#include "svc/password.h"
#include "svc/user.h"
#include "svc/user_int.h"

/* Copies a lower layer's error into err (first error wins there too). */
static dib_code pass_on(dib_code rc, const dib_err *probe, dib_err *err)
{
	dib_err_set(err, rc, "%s", probe->msg);
	if (probe->detail[0])
		dib_err_detail(err, "%s", probe->detail);
	return rc;
}

/* Region names by code for one listing: each distinct region is read
 * once (a county's accounts share a few dozen townships and villages). */
struct names {
	struct store *s;
	dib_arena *a;
	dib_hmap map; /* code (borrowed from the rows) → index into v */
	const char **v;
	size_t n;
};

/* The name of region code (allocated in a) into *out; NULL when the
 * region is not in the table (not an error: the account is shown all the
 * same). */
static dib_code region_name(struct store *s, const char *code, dib_arena *a,
			    const char **out, dib_err *err)
{
	store_region g;
	dib_err probe;
	dib_err_clear(&probe);
	dib_code rc = store_region_get(s, code, a, &g, &probe);
	if (rc == DIB_ENOTFOUND)
		g.name = NULL;
	else if (rc)
		return pass_on(rc, &probe, err);
	*out = g.name;
	return DIB_OK;
}

/* region_name through the listing's cache. */
static dib_code name_of(struct names *nm, const char *code, const char **out,
			dib_err *err)
{
	size_t len = strlen(code);
	int64_t ix;
	if (dib_hmap_get(&nm->map, code, len, &ix)) {
		*out = nm->v[ix];
		return DIB_OK;
	}
	dib_code rc = region_name(nm->s, code, nm->a, out, err);
	if (rc)
		return rc;
	if (dib_hmap_put(&nm->map, code, len, (int64_t)nm->n, NULL))
		return dib_err_nomem(err);
	nm->v[nm->n++] = *out;
	return DIB_OK;
}

static void info_of(const struct store_user_row *r, const char *nowtext,
		    const char *region_name, struct user_info *out)
{
	*out = (struct user_info){
		.username = r->username,
		.display_name = r->display_name,
		.region_code = r->region_code,
		.region_name = region_name,
		.roles = r->roles,
		.nroles = r->nroles,
		.disabled = r->disabled,
		.must_change = r->must_change,
		.failed_logins = r->failed_logins,
		/* Fixed-width UTC text compares as the times do. */
		.locked_until = r->locked_until && strcmp(r->locked_until, nowtext) > 0
					? r->locked_until : NULL,
	};
}

/* Every account whose region lies in root's subtree (root NULL: every
 * account), with region names. */
static dib_code list(struct store *s, const region_code *root, int64_t now,
		     dib_arena *a, struct user_info **out, size_t *n, dib_err *err)
{
	struct store_user_row *rows = NULL;
	size_t k = 0, m = 0;
	char nowtext[DIB_TIME_UTC_SIZE];
	dib_time_format_utc(now, nowtext, sizeof nowtext);
	dib_code rc = store_user_list(s, a, &rows, &k, err);
	if (rc)
		return rc;
	struct names nm = { .s = s, .a = a };
	dib_hmap_init(&nm.map);
	struct user_info *v = k ? dib_arena_calloc(a, k * sizeof *v) : NULL;
	nm.v = k ? dib_arena_calloc(a, k * sizeof *nm.v) : NULL;
	if (k && (!v || !nm.v))
		rc = dib_err_nomem(err);
	for (size_t i = 0; !rc && i < k; i++) {
		const struct store_user_row *r = &rows[i];
		if (root) {
			region_code rg;
			dib_err scratch;
			dib_err_clear(&scratch);
			/* an account whose region cannot be parsed is nobody's to see */
			if (region_parse(r->region_code, strlen(r->region_code), &rg, &scratch) ||
			    !region_contains(root, &rg))
				continue;
		}
		const char *name = NULL;
		rc = name_of(&nm, r->region_code, &name, err);
		if (!rc)
			info_of(r, nowtext, name, &v[m++]);
	}
	dib_hmap_release(&nm.map);
	if (rc)
		return rc;
	*out = m ? v : NULL;
	*n = m;
	return DIB_OK;
}

dib_code user_list(struct store *s, int64_t now, dib_arena *a,
		   struct user_info **out, size_t *n, dib_err *err)
{
	return list(s, NULL, now, a, out, n, err);
}

dib_code user_admin_list(struct store *s, const struct authz_subject *who,
			 int64_t now, dib_arena *a, struct user_info **out,
			 size_t *n, dib_err *err)
{
	const char *root = authz_scope(who);
	region_code r;
	dib_code rc = authz_check(who, AUTHZ_USER_ADMIN, root, err);
	if (!rc)
		rc = region_parse(root, strlen(root), &r, err);
	if (!rc)
		rc = list(s, &r, now, a, out, n, err);
	return rc;
}

/* Reads the account username into *u (allocated in a) and checks that it
 * lies in who's subtree. */
static dib_code get_scoped(struct store *s, const struct authz_subject *who,
			   const char *username, dib_arena *a, struct store_user_row *u,
			   dib_err *err)
{
	dib_code rc = store_user_get(s, username, a, u, err);
	if (!rc)
		rc = authz_check(who, AUTHZ_USER_ADMIN, u->region_code, err);
	return rc;
}

dib_code user_admin_get(struct store *s, const struct authz_subject *who,
			const char *username, int64_t now, dib_arena *a,
			struct user_info *out, dib_err *err)
{
	struct store_user_row u;
	const char *name = NULL;
	char nowtext[DIB_TIME_UTC_SIZE];
	dib_time_format_utc(now, nowtext, sizeof nowtext);
	/* the permission before the lookup: a 404 must not answer a caseworker */
	dib_code rc = authz_check(who, AUTHZ_USER_ADMIN, NULL, err);
	if (!rc)
		rc = get_scoped(s, who, username, a, &u, err);
	if (!rc)
		rc = region_name(s, u.region_code, a, &name, err);
	if (!rc)
		info_of(&u, nowtext, name, out);
	return rc;
}

dib_code user_admin_add(struct store *s, const struct authz_subject *who,
			const struct user_new *u, dib_err *err)
{
	/* the permission first, then the new account's region: it too must
	 * lie in the administrator's subtree */
	if (!u->region)
		return dib_err_set(err, DIB_EINVAL, "缺少区划代码");
	dib_code rc = authz_check(who, AUTHZ_USER_ADMIN, u->region, err);
	if (!rc)
		rc = user_add(s, u, who->username, err);
	return rc;
}

static bool any_admin_role(const char *const *roles, int n)
{
	for (int i = 0; i < n; i++)
		if (authz_role_allows(roles[i], AUTHZ_USER_ADMIN))
			return true;
	return false;
}

/* The checks of a change that need no database. */
static dib_code check_change(const struct user_change *c, dib_err *err)
{
	if (!c->display_name && !c->set_roles && !c->set_disabled)
		return dib_err_set(err, DIB_EINVAL,
				   "没有要修改的内容 (可修改 display_name、roles、disabled)");
	dib_code rc = c->display_name ? user__check_display(c->display_name, err) : DIB_OK;
	if (!rc && c->set_roles)
		rc = user_check_roles(c->roles, c->nroles, err);
	return rc;
}

/* The rules that keep administrators from locking themselves out. */
static dib_code check_self(const struct user_change *c, dib_err *err)
{
	if (c->set_disabled && c->disabled)
		return dib_err_set(err, DIB_EPERM, "不能停用自己的账户");
	if (c->set_roles && !any_admin_role(c->roles, c->nroles))
		return dib_err_set(err, DIB_EPERM,
				   "不能撤销自己的管理员角色 (须保留系统管理员或安全管理员)");
	return DIB_OK;
}

/* The audit action of a change: the specific one when only one thing changes. */
static const char *change_action(const struct user_change *c)
{
	int fields = (c->display_name != NULL) + c->set_roles + c->set_disabled;
	if (fields == 1 && c->set_disabled)
		return c->disabled ? "user.disable" : "user.enable";
	if (fields == 1 && c->set_roles)
		return "user.roles";
	return "user.update";
}

/* Applies c to the account u (in the open transaction) and updates u,
 * but for its roles. */
static dib_code apply_change(struct store *s, struct store_user_row *u,
			     const struct user_change *c, dib_err *err)
{
	dib_code rc = DIB_OK;
	if (c->display_name) {
		rc = store_user_set_display_name(s, u->id, c->display_name, err);
		u->display_name = c->display_name;
	}
	if (!rc && c->set_roles)
		rc = store_user_set_roles(s, u->id, c->roles, c->nroles, err);
	if (!rc && c->set_disabled) {
		rc = store_user_set_disabled(s, u->id, c->disabled, err);
		/* as user_set_disabled: a disabled account's sessions end now */
		if (!rc && c->disabled)
			rc = store_session_delete_user(s, u->id, NULL, NULL, err);
		u->disabled = c->disabled;
	}
	return rc;
}

dib_code user_admin_update(struct store *s, const struct authz_subject *who,
			   const char *username, const struct user_change *c,
			   dib_err *err)
{
	dib_arena a;
	dib_arena_init(&a, 4096, 1 << 20);
	struct store_user_row u;
	dib_code rc = authz_check(who, AUTHZ_USER_ADMIN, NULL, err);
	if (!rc)
		rc = check_change(c, err);
	if (!rc)
		rc = store_begin(s, err);
	if (rc)
		goto out;
	rc = get_scoped(s, who, username, &a, &u, err);
	if (!rc && who->username && !strcmp(u.username, who->username))
		rc = check_self(c, err);
	if (!rc && c->set_roles)
		rc = user__roles_exist(s, c->roles, c->nroles, err);
	if (!rc) {
		char *before = user__row_json(&u);
		rc = apply_change(s, &u, c, err);
		const char *const *roles = c->set_roles ? c->roles : (const char *const *)u.roles;
		int nroles = c->set_roles ? c->nroles : u.nroles;
		if (!rc)
			rc = user__audit(s, who->username, change_action(c), u.username,
					 u.region_code, before,
					 user__json(u.username, u.display_name, u.region_code, roles,
						    nroles, u.disabled, u.must_change), err);
		else
			free(before);
	}
	rc = svc__finish(s, rc, err);
out:
	dib_arena_release(&a);
	return rc;
}

dib_code user_admin_reset(struct store *s, const struct authz_subject *who,
			  const char *username, const char *password, dib_err *err)
{
	dib_arena a;
	dib_arena_init(&a, 4096, 1 << 20);
	struct store_user_row u;
	char hash[PASSWORD_HASH_MAX];
	dib_code rc = authz_check(who, AUTHZ_USER_ADMIN, NULL, err);
	if (!rc)
		rc = get_scoped(s, who, username, &a, &u, err);
	if (!rc && who->username && !strcmp(u.username, who->username))
		rc = dib_err_set(err, DIB_EPERM,
				 "不能在此重置自己的密码，请用“修改密码”并输入原密码");
	if (!rc)
		rc = password_check_rule(password, err);
	/* hashed before the transaction: no write lock is held for argon2id */
	if (!rc)
		rc = password_lib_init(err);
	if (!rc)
		rc = password_hash(password, hash, err);
	if (!rc)
		rc = store_begin(s, err);
	if (rc)
		goto out;
	/* read again inside the transaction: the record's "before" is exact */
	rc = get_scoped(s, who, username, &a, &u, err);
	if (!rc) {
		char *before = user__row_json(&u);
		u.must_change = true;
		rc = store_user_set_password(s, u.id, hash, true, err);
		if (!rc)
			rc = store_session_delete_user(s, u.id, NULL, NULL, err);
		if (!rc)
			rc = user__audit(s, who->username, "user.password_reset", u.username,
					 u.region_code, before, user__row_json(&u), err);
		else
			free(before);
	}
	rc = svc__finish(s, rc, err);
out:
	dib_arena_release(&a);
	return rc;
}
