/*
 * h_user.c — user management for administrators: GET /api/v1/users (the
 * accounts in the admin's region subtree), POST /api/v1/users (a new
 * account with an initial password), PATCH /api/v1/users/{username}
 * (display name, roles, disabled) and POST /api/v1/users/{username}/password
 * (reset to an initial password). Who may do what to which account —
 * AUTHZ_USER_ADMIN, the region subtree, 三员分立, no self-lockout — is
 * decided in svc (user_admin_*), never here; this file only checks the
 * shape of the bodies and translates. Never logged: the passwords.
 * Thread-safety: each request uses its own pooled connection.
 */
#include "util/dib.h"
#include "util/time.h"
#include "http/http_int.h"
#include "svc/session.h"
#include "svc/user.h"

/* {"username","display_name","region_code","region_name","roles",
 * "disabled","must_change","failed_logins","locked_until"}; NULL on no
 * memory. */
static json_t *user_json(const struct user_info *u)
{
	json_t *roles = json_array();
	for (int k = 0; roles && k < u->nroles; k++) {
		if (json_array_append_new(roles, json_string(u->roles[k]))) {
			json_decref(roles);
			roles = NULL;
		}
	}
	if (!roles)
		return NULL;
	/* "o" takes the reference to roles, on failure too */
	return json_pack("{s:s,s:s,s:s,s:s?,s:o,s:b,s:b,s:i,s:s?}", "username", u->username,
			 "display_name", u->display_name, "region_code", u->region_code,
			 "region_name", u->region_name, "roles", roles, "disabled", u->disabled,
			 "must_change", u->must_change, "failed_logins", u->failed_logins,
			 "locked_until", u->locked_until);
}

/* Sends the account username as user_admin_get reads it, with status. */
static enum MHD_Result send_user(struct http_req *r, struct store *s,
				 const struct authz_subject *who, const char *username,
				 unsigned status)
{
	struct user_info u;
	dib_err err;
	dib_err_clear(&err);
	dib_code rc = user_admin_get(s, who, username, dib_time_now_unix(), &r->arena, &u, &err);
	if (rc)
		return http__send_error(r, &err);
	json_t *j = user_json(&u);
	enum MHD_Result ret = j ? http__send_json(r, status, j) : MHD_NO;
	json_decref(j);
	return ret;
}

/* The strings of a JSON array of strings (checked by http__check_fields)
 * into an array allocated in the request arena. At most USER_ROLES_MAX + 1
 * are taken: enough for svc to say "too many". NULL on no memory. */
static const char **roles_of(struct http_req *r, const json_t *arr, int *n)
{
	size_t k = json_array_size(arr);
	if (k > USER_ROLES_MAX + 1)
		k = USER_ROLES_MAX + 1;
	const char **v = dib_arena_calloc(&r->arena, (k + 1) * sizeof *v);
	for (size_t i = 0; v && i < k; i++)
		v[i] = json_string_value(json_array_get(arr, i));
	*n = (int)k;
	return v;
}

enum MHD_Result http__h_users_list(struct http_req *r)
{
	struct authz_subject who = authz_subject_of(r->session);
	struct user_info *v = NULL;
	size_t n = 0;
	dib_err err;
	dib_err_clear(&err);
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = user_admin_list(s, &who, dib_time_now_unix(), &r->arena, &v, &n, &err);
	http__pool_put(&r->app->pool, s);
	http__metrics_db(&r->app->metrics, dib_time_mono_ns() - t0);
	if (rc)
		return http__send_error(r, &err);
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < n; i++) {
		if (json_array_append_new(arr, user_json(&v[i]))) {
			json_decref(arr);
			arr = NULL;
		}
	}
	if (!arr)
		return MHD_NO;
	json_t *j = json_pack("{s:o}", "items", arr);
	if (!j)
		return MHD_NO;
	enum MHD_Result ret = http__send_json(r, MHD_HTTP_OK, j);
	json_decref(j);
	return ret;
}

enum MHD_Result http__h_users_create(struct http_req *r)
{
	static const struct http_field f[] = {
		{ "username", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "display_name", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "region_code", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "roles", HTTP_F_STRINGS, HTTP_F_REQUIRED },
		{ "password", HTTP_F_STRING, HTTP_F_REQUIRED },
	};
	json_t *doc = NULL, *v[DIB_ARRAY_LEN(f)];
	dib_err err;
	dib_err_clear(&err);
	if (http__read_object(r, f, DIB_ARRAY_LEN(f), &doc, v, &err))
		return http__send_error(r, &err);
	struct user_new u = {
		.username = http__json_str(v[0]),
		.display_name = http__json_str(v[1]),
		.region = http__json_str(v[2]),
		.password = http__json_str(v[4]),
	};
	u.roles = roles_of(r, v[3], &u.nroles);
	if (!u.roles) {
		json_decref(doc);
		return MHD_NO;
	}
	struct authz_subject who = authz_subject_of(r->session);
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = user_admin_add(s, &who, &u, &err);
	/* the username outlives doc (the password goes with it) */
	const char *name = rc ? NULL : dib_arena_strdup(&r->arena, u.username);
	json_decref(doc);
	enum MHD_Result ret;
	if (rc)
		ret = http__send_error(r, &err);
	else if (!name)
		ret = MHD_NO;
	else
		ret = send_user(r, s, &who, name, MHD_HTTP_CREATED);
	http__pool_put(&r->app->pool, s);
	http__metrics_db(&r->app->metrics, dib_time_mono_ns() - t0);
	return ret;
}

enum MHD_Result http__h_user_update(struct http_req *r)
{
	static const struct http_field f[] = {
		{ "display_name", HTTP_F_STRING, 0 },
		{ "roles", HTTP_F_STRINGS, 0 },
		{ "disabled", HTTP_F_BOOL, 0 },
	};
	json_t *doc = NULL, *v[DIB_ARRAY_LEN(f)];
	dib_err err;
	dib_err_clear(&err);
	if (http__read_object(r, f, DIB_ARRAY_LEN(f), &doc, v, &err))
		return http__send_error(r, &err);
	struct user_change c = {
		.display_name = http__json_str(v[0]),
		.set_roles = v[1] != NULL,
		.set_disabled = v[2] != NULL,
		.disabled = v[2] && json_is_true(v[2]),
	};
	if (c.set_roles) {
		c.roles = roles_of(r, v[1], &c.nroles);
		if (!c.roles) {
			json_decref(doc);
			return MHD_NO;
		}
	}
	struct authz_subject who = authz_subject_of(r->session);
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = user_admin_update(s, &who, r->params[0], &c, &err);
	json_decref(doc);
	enum MHD_Result ret = rc ? http__send_error(r, &err)
				 : send_user(r, s, &who, r->params[0], MHD_HTTP_OK);
	http__pool_put(&r->app->pool, s);
	http__metrics_db(&r->app->metrics, dib_time_mono_ns() - t0);
	return ret;
}

enum MHD_Result http__h_user_password(struct http_req *r)
{
	static const char *const fields[] = { "password" };
	const char *v[1] = { NULL };
	json_t *doc = NULL;
	dib_err err;
	dib_err_clear(&err);
	if (http__read_fields(r, fields, 1, &doc, v, &err))
		return http__send_error(r, &err);
	struct authz_subject who = authz_subject_of(r->session);
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = user_admin_reset(s, &who, r->params[0], v[0], &err);
	json_decref(doc); /* the password goes with it */
	enum MHD_Result ret = rc ? http__send_error(r, &err)
				 : send_user(r, s, &who, r->params[0], MHD_HTTP_OK);
	http__pool_put(&r->app->pool, s);
	http__metrics_db(&r->app->metrics, dib_time_mono_ns() - t0);
	return ret;
}
