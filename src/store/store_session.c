/*
 * store_session.c — the SQL of store_session.h, one text for both engines.
 * The user half of a session is read with store_user_get, so a session
 * sees the account exactly as a login does (roles, must_change, disabled).
 * Thread-safety: as the store connection.
 */
#include "util/dib.h"
#include "store/store_session.h"

static const char *col_dup(struct store_stmt *st, int col, dib_arena *a)
{
	const char *v = store_col_text(st, col);
	return dib_arena_strdup(a, v ? v : "");
}

dib_code store_session_add(struct store *s, const char *token_hash, int64_t user_id,
			   const char *csrf, const char *created_at,
			   const char *expires_at, dib_err *err)
{
	struct store_stmt *st = NULL;
	bool row;
	dib_code rc = store_prepare(s,
		"INSERT INTO sessions (token_hash, user_id, csrf, created_at, last_seen, expires_at)"
		" VALUES ($1, $2, $3, $4, $4, $5)", &st, err);
	if (!rc)
		rc = store_bind_text(st, 1, token_hash, -1, err);
	if (!rc)
		rc = store_bind_int64(st, 2, user_id, err);
	if (!rc)
		rc = store_bind_text(st, 3, csrf, -1, err);
	if (!rc)
		rc = store_bind_text(st, 4, created_at, -1, err);
	if (!rc)
		rc = store_bind_text(st, 5, expires_at, -1, err);
	if (!rc)
		rc = store_step(st, &row, err);
	store_finalize(st);
	return rc;
}

dib_code store_session_get(struct store *s, const char *token_hash, dib_arena *a,
			   struct store_session_row *out, dib_err *err)
{
	struct store_session_row r;
	memset(&r, 0, sizeof r);
	struct store_stmt *st = NULL;
	bool row = false;
	const char *username = NULL;
	dib_code rc = store_prepare(s,
		"SELECT s.csrf, s.created_at, s.last_seen, s.expires_at, u.username"
		" FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
		&st, err);
	if (!rc)
		rc = store_bind_text(st, 1, token_hash, -1, err);
	if (!rc)
		rc = store_step(st, &row, err);
	if (!rc && !row)
		rc = dib_err_set(err, DIB_ENOTFOUND, "会话不存在");
	if (!rc) {
		r.csrf = col_dup(st, 0, a);
		r.created_at = col_dup(st, 1, a);
		r.last_seen = col_dup(st, 2, a);
		r.expires_at = col_dup(st, 3, a);
		username = col_dup(st, 4, a);
		if (!r.csrf || !r.created_at || !r.last_seen || !r.expires_at || !username)
			rc = dib_err_nomem(err);
	}
	store_finalize(st);
	if (!rc)
		rc = store_user_get(s, username, a, &r.user, err);
	if (!rc)
		*out = r;
	return rc;
}

dib_code store_session_touch(struct store *s, const char *token_hash,
			     const char *last_seen, dib_err *err)
{
	struct store_stmt *st = NULL;
	bool row;
	dib_code rc = store_prepare(s, "UPDATE sessions SET last_seen = $2 WHERE token_hash = $1",
				    &st, err);
	if (!rc)
		rc = store_bind_text(st, 1, token_hash, -1, err);
	if (!rc)
		rc = store_bind_text(st, 2, last_seen, -1, err);
	if (!rc)
		rc = store_step(st, &row, err);
	store_finalize(st);
	return rc;
}

dib_code store_session_delete(struct store *s, const char *token_hash,
			      bool *deleted, dib_err *err)
{
	struct store_stmt *st = NULL;
	bool row;
	dib_code rc = store_prepare(s, "DELETE FROM sessions WHERE token_hash = $1", &st, err);
	if (!rc)
		rc = store_bind_text(st, 1, token_hash, -1, err);
	if (!rc)
		rc = store_step(st, &row, err);
	if (!rc && deleted)
		*deleted = store_changes(st) > 0;
	store_finalize(st);
	return rc;
}

dib_code store_session_delete_user(struct store *s, int64_t user_id,
				   const char *keep_hash, int64_t *n, dib_err *err)
{
	struct store_stmt *st = NULL;
	bool row;
	/* coalesce: with no hash to keep, the comparison must not be NULL */
	dib_code rc = store_prepare(s,
		"DELETE FROM sessions WHERE user_id = $1 AND token_hash <> coalesce($2, '')",
		&st, err);
	if (!rc)
		rc = store_bind_int64(st, 1, user_id, err);
	if (!rc)
		rc = keep_hash ? store_bind_text(st, 2, keep_hash, -1, err)
			       : store_bind_null(st, 2, err);
	if (!rc)
		rc = store_step(st, &row, err);
	if (!rc && n)
		*n = store_changes(st);
	store_finalize(st);
	return rc;
}
