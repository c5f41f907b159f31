/*
 * session.c — login sessions (svc/session.h) over store/store_session.c:
 * random tokens from libsodium, only their BLAKE2b hashes stored, each
 * write one transaction with one audit record that never holds a token.
 * Thread-safety: as the store connection; libsodium is initialised through
 * password_lib_init (idempotent).
 */
#include "util/dib.h"
#include "util/digest.h"
#include "util/time.h"
#include "core/region.h"
#include "store/store_audit.h"
#include "store/store_session.h"
#include "store/store_user.h"
#include "svc/password.h"
#include "svc/session.h"
#include "svc/svc_int.h"
#include "svc/user.h"

#include <jansson.h>
#include <sodium.h>

/* A fresh random token as hex into out. */
static void new_token(char out[SESSION_TOKEN_HEX])
{
	unsigned char raw[SESSION_TOKEN_BYTES];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, SESSION_TOKEN_HEX, raw, sizeof raw);
	sodium_memzero(raw, sizeof raw);
}

/* The stored key of a token. False when the token is not 64 lower-case hex
 * digits: such a cookie was never issued, so no lookup is needed. */
static bool token_hash(const char *token, char out[DIB_BLAKE2B_HEX_SIZE])
{
	size_t n = strlen(token);
	if (n != SESSION_TOKEN_HEX - 1)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((token[i] >= '0' && token[i] <= '9') || (token[i] >= 'a' && token[i] <= 'f')))
			return false;
	dib_bytes part = { token, n };
	dib_blake2b_hex(&part, 1, out);
	return true;
}

/* Appends the audit record of a session write for user (region → county).
 * after is a JSON text (not consumed; NULL means no memory). */
static dib_code audit(struct store *s, const char *username, const char *region,
		      const char *action, const char *after, dib_err *err)
{
	if (!after)
		return dib_err_nomem(err);
	char county[REGION_COUNTY_LEN + 1];
	region_county_of(region, county);
	store_audit_entry e = {
		.county = county,
		.actor = username,
		.action = action,
		.entity = "session",
		.entity_id = username,
		.after_json = after,
	};
	return store_audit_append(s, &e, NULL, err);
}

static void fill_info(struct session_info *info, const struct store_user_row *u,
		      const char *csrf)
{
	info->user_id = u->id;
	info->username = u->username;
	info->display_name = u->display_name;
	info->region_code = u->region_code;
	info->roles = u->roles;
	info->nroles = u->nroles;
	info->must_change = u->must_change;
	snprintf(info->csrf, sizeof info->csrf, "%s", csrf);
}

dib_code session_login(struct store *s, const char *username, const char *password,
		       int64_t now, dib_arena *a, struct session_login_result *out,
		       dib_err *err)
{
	struct user_auth auth;
	dib_code rc = user_authenticate(s, username, password, now, username, &auth, err);
	if (rc)
		return rc;
	struct store_user_row u;
	rc = store_user_get(s, auth.username, a, &u, err);
	if (rc)
		return rc;
	char token[SESSION_TOKEN_HEX], csrf[SESSION_TOKEN_HEX];
	char hash[DIB_BLAKE2B_HEX_SIZE];
	char created[DIB_TIME_UTC_SIZE], expires[DIB_TIME_UTC_SIZE];
	new_token(token);
	new_token(csrf);
	token_hash(token, hash);
	dib_time_format_utc(now, created, sizeof created);
	dib_time_format_utc(now + SESSION_MAX_SECONDS, expires, sizeof expires);

	rc = store_begin(s, err);
	if (rc)
		goto out;
	rc = store_session_add(s, hash, u.id, csrf, created, expires, err);
	if (!rc) {
		/* neither the token nor its hash: the log must not name a session */
		json_t *o = json_pack("{s:s, s:b}", "expires_at", expires, "must_change",
				      u.must_change);
		char *after = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
		json_decref(o);
		rc = audit(s, u.username, u.region_code, "session.login", after, err);
		free(after);
	}
	rc = svc__finish(s, rc, err);
	if (!rc) {
		memcpy(out->token, token, sizeof out->token);
		fill_info(&out->info, &u, csrf);
	}
out:
	sodium_memzero(token, sizeof token);
	return rc;
}

dib_code session_check(struct store *s, const char *token, int64_t now,
		       dib_arena *a, struct session_info *info, dib_err *err)
{
	char hash[DIB_BLAKE2B_HEX_SIZE];
	if (!token || !token_hash(token, hash))
		return dib_err_set(err, DIB_EAUTH, SESSION_EXPIRED);
	struct store_session_row r;
	dib_err probe;
	dib_err_clear(&probe);
	dib_code rc = store_session_get(s, hash, a, &r, &probe);
	if (rc == DIB_ENOTFOUND)
		return dib_err_set(err, DIB_EAUTH, SESSION_EXPIRED);
	if (rc) {
		dib_err_set(err, rc, "%s", probe.msg);
		dib_err_detail(err, "%s", probe.detail);
		return rc;
	}
	/* UTC text of one fixed form compares in time order */
	char nowtext[DIB_TIME_UTC_SIZE], idle[DIB_TIME_UTC_SIZE], touch[DIB_TIME_UTC_SIZE];
	dib_time_format_utc(now, nowtext, sizeof nowtext);
	dib_time_format_utc(now - USER_IDLE_SECONDS, idle, sizeof idle);
	dib_time_format_utc(now - SESSION_TOUCH_SECONDS, touch, sizeof touch);
	if (strcmp(r.expires_at, nowtext) <= 0 || strcmp(r.last_seen, idle) < 0 ||
	    r.user.disabled)
		return dib_err_set(err, DIB_EAUTH, SESSION_EXPIRED);
	if (strcmp(r.last_seen, touch) < 0) {
		/* Not audited: last_seen is bookkeeping of the session, not a
		 * business write, and one record per request would bury the
		 * audit log. Throttled so that a busy user costs one write a
		 * minute, not one per request. */
		rc = store_session_touch(s, hash, nowtext, err);
		if (rc)
			return rc;
	}
	fill_info(info, &r.user, r.csrf);
	return DIB_OK;
}

dib_code session_logout(struct store *s, const char *token, dib_err *err)
{
	char hash[DIB_BLAKE2B_HEX_SIZE];
	if (!token || !token_hash(token, hash))
		return DIB_OK;
	dib_arena a;
	dib_arena_init(&a, 4096, 1 << 20);
	struct store_session_row r;
	dib_err probe;
	dib_err_clear(&probe);
	dib_code rc = store_session_get(s, hash, &a, &r, &probe);
	if (rc == DIB_ENOTFOUND) {
		rc = DIB_OK;
		goto out;
	}
	if (rc) {
		dib_err_set(err, rc, "%s", probe.msg);
		dib_err_detail(err, "%s", probe.detail);
		goto out;
	}
	rc = store_begin(s, err);
	if (rc)
		goto out;
	bool deleted = false;
	rc = store_session_delete(s, hash, &deleted, err);
	if (!rc && deleted)
		rc = audit(s, r.user.username, r.user.region_code, "session.logout", "{}", err);
	rc = svc__finish(s, rc, err);
out:
	dib_arena_release(&a);
	return rc;
}

dib_code session_change_password(struct store *s, const char *token,
				 const struct session_info *who,
				 const char *old_password, const char *new_password,
				 dib_err *err)
{
	char hash[DIB_BLAKE2B_HEX_SIZE];
	if (!token || !token_hash(token, hash))
		return dib_err_set(err, DIB_EAUTH, SESSION_EXPIRED);
	dib_code rc = user_passwd(s, who->username, new_password, old_password,
				  who->username, err);
	if (rc)
		return rc;
	/* A password change ends the user's other sessions: whoever knew the
	 * old password may have logged in with it. */
	rc = store_begin(s, err);
	if (rc)
		return rc;
	int64_t n = 0;
	rc = store_session_delete_user(s, who->user_id, hash, &n, err);
	if (!rc && n > 0) {
		json_t *o = json_pack("{s:s, s:I}", "reason", "password_changed", "sessions",
				      (json_int_t)n);
		char *after = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
		json_decref(o);
		rc = audit(s, who->username, who->region_code, "session.revoke", after, err);
		free(after);
	}
	return svc__finish(s, rc, err);
}
