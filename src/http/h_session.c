/*
 * h_session.c — the login session API: POST /api/v1/session (log in; sets
 * the HttpOnly, SameSite=Strict cookie), GET /api/v1/session (who am I,
 * with the CSRF token), DELETE /api/v1/session (log out) and POST
 * /api/v1/session/password (the user's own password change). The session
 * and CSRF checks are not here: the dispatcher (router.c) runs them before
 * these handlers, by the route's guard.
 * Never logged: the password, the token, the cookie.
 * Thread-safety: each request uses its own pooled connection.
 */
#include "util/dib.h"
#include "util/time.h"
#include "http/http_int.h"
#include "svc/session.h"
#include "svc/stats.h"

#include <sodium.h>

#define COOKIE "dibao_session"

/* {"user":{…},"region_name":…,"permissions":[…],"csrf":"…"} for the
 * session info: "region_name" is the name of the user's region (null when
 * it cannot be read: the name is for display, and a login that succeeded
 * must not fail for it), "permissions" the action codes of svc/authz.h
 * that any of the user's roles allows, for the UI's menus (svc still
 * decides every request). NULL on no memory. */
static json_t *session_json(struct http_req *r, const struct session_info *i)
{
	const char *region_name = NULL;
	dib_err err;
	dib_err_clear(&err);
	struct store *s = http__pool_get(&r->app->pool);
	if (stats_region_name(s, i->region_code, &r->arena, &region_name, &err))
		dib_log_write(r->app->log, DIB_LOG_WARN, "session region name: %s (%s)",
			      err.msg, err.detail);
	http__pool_put(&r->app->pool, s);
	struct authz_subject who = authz_subject_of(i);
	json_t *perms = json_array();
	for (int a = 0; perms && a < AUTHZ_ACTION_COUNT; a++)
		if (authz_allows(&who, (enum authz_action)a) &&
		    json_array_append_new(perms, json_string(authz_action_code((enum authz_action)a)))) {
			json_decref(perms);
			perms = NULL;
		}
	json_t *roles = json_array();
	for (int k = 0; roles && k < i->nroles; k++)
		json_array_append_new(roles, json_string(i->roles[k]));
	if (!roles || !perms) {
		json_decref(roles);
		json_decref(perms);
		return NULL;
	}
	return json_pack("{s:{s:s,s:s,s:s,s:s?,s:o,s:o,s:b},s:s}", "user", "username",
			 i->username, "display_name", i->display_name, "region_code",
			 i->region_code, "region_name", region_name, "roles", roles,
			 "permissions", perms, "must_change", i->must_change, "csrf", i->csrf);
}

static enum MHD_Result send_session(struct http_req *r, const struct session_info *i)
{
	json_t *j = session_json(r, i);
	enum MHD_Result ret = j ? http__send_json(r, MHD_HTTP_OK, j) : MHD_NO;
	json_decref(j);
	return ret;
}

/* The cookie header: max_age < 0 for a session cookie, 0 to clear it. */
static const char *cookie(struct http_req *r, const char *token, int max_age)
{
	char age[32] = "";
	if (max_age >= 0)
		snprintf(age, sizeof age, "; Max-Age=%d", max_age);
	size_t n = strlen(COOKIE) + strlen(token) + 128;
	char *c = dib_arena_alloc(&r->arena, n);
	if (c)
		snprintf(c, n, "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s", COOKIE, token,
			 age, r->app->secure_cookie ? "; Secure" : "");
	return c;
}

enum MHD_Result http__h_session_login(struct http_req *r)
{
	static const char *const fields[] = { "username", "password" };
	const char *v[2] = { NULL, NULL };
	json_t *doc = NULL;
	dib_err err;
	dib_err_clear(&err);
	if (http__read_fields(r, fields, 2, &doc, v, &err))
		return http__send_error(r, &err);
	struct session_login_result res;
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = session_login(s, v[0], v[1], dib_time_now_unix(), &r->arena, &res, &err);
	http__pool_put(&r->app->pool, s);
	http__metrics_db(&r->app->metrics, dib_time_mono_ns() - t0);
	json_decref(doc); /* the password goes with it */
	if (rc)
		return http__send_error(r, &err);
	r->set_cookie = cookie(r, res.token, -1);
	sodium_memzero(res.token, sizeof res.token);
	if (!r->set_cookie)
		return MHD_NO;
	return send_session(r, &res.info);
}

enum MHD_Result http__h_session_get(struct http_req *r)
{
	return send_session(r, r->session);
}

enum MHD_Result http__h_session_logout(struct http_req *r)
{
	dib_err err;
	dib_err_clear(&err);
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = session_logout(s, r->token, &err);
	http__pool_put(&r->app->pool, s);
	if (rc)
		return http__send_error(r, &err);
	struct MHD_Response *resp = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return MHD_NO;
	const char *c = cookie(r, "", 0);
	if (!c) {
		MHD_destroy_response(resp);
		return MHD_NO;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_SET_COOKIE, c);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	return http__queue(r, MHD_HTTP_NO_CONTENT, resp);
}

enum MHD_Result http__h_session_password(struct http_req *r)
{
	static const char *const fields[] = { "old_password", "new_password" };
	const char *v[2] = { NULL, NULL };
	json_t *doc = NULL;
	dib_err err;
	dib_err_clear(&err);
	if (http__read_fields(r, fields, 2, &doc, v, &err))
		return http__send_error(r, &err);
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = session_change_password(s, r->token, r->session, v[0], v[1], &err);
	http__pool_put(&r->app->pool, s);
	http__metrics_db(&r->app->metrics, dib_time_mono_ns() - t0);
	json_decref(doc);
	if (rc == DIB_EAUTH) {
		/* a wrong old password is a mistake in the form, not a lost
		 * session: 401 would make the web UI log the user out */
		char msg[sizeof err.msg];
		snprintf(msg, sizeof msg, "%s", err.msg);
		dib_err_clear(&err);
		dib_err_set(&err, DIB_EINVAL, "%s", msg);
		rc = DIB_EINVAL;
	}
	if (rc)
		return http__send_error(r, &err);
	r->session->must_change = false;
	return send_session(r, r->session);
}
