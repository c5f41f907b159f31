/*
 * store_session.h — rows of table sessions (schema v3): the login sessions
 * of `dibao serve`. Sessions are keyed by the BLAKE2b hash of their token;
 * the token itself never reaches the database. Policy (idle timeout,
 * absolute expiry, when to touch) lives in svc/session.c; this file only
 * reads and writes rows. Writes run inside the caller's transaction when
 * one is open, else on their own (autocommit).
 * Thread-safety: as the store connection.
 */
#ifndef DIB_STORE_SESSION_H
#define DIB_STORE_SESSION_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "store/store.h"
#include "store/store_user.h"

/* One session as read back, with its user. Strings are allocated in the
 * arena given to store_session_get. */
struct store_session_row {
	const char *csrf;
	const char *created_at;
	const char *last_seen;
	const char *expires_at;
	struct store_user_row user; /* username, display name, region, roles,
				       must_change, disabled, … */
};

/* Inserts a session for user_id; last_seen starts at created_at.
 * DIB_ECONFLICT when the hash exists (a token collision: never in practice). */
dib_code store_session_add(struct store *s, const char *token_hash, int64_t user_id,
			   const char *csrf, const char *created_at,
			   const char *expires_at, dib_err *err);

/* Reads the session whose token hash is token_hash and its user into *out.
 * DIB_ENOTFOUND when there is none; *out is untouched on error. */
dib_code store_session_get(struct store *s, const char *token_hash, dib_arena *a,
			   struct store_session_row *out, dib_err *err);

/* Sets last_seen of the session. A missing session is not an error. */
dib_code store_session_touch(struct store *s, const char *token_hash,
			     const char *last_seen, dib_err *err);

/* Deletes the session; *deleted (may be NULL) whether there was one. */
dib_code store_session_delete(struct store *s, const char *token_hash,
			      bool *deleted, dib_err *err);

/* Deletes every session of user_id except the one hashed keep_hash (NULL:
 * all of them); *n (may be NULL) gets the number deleted. */
dib_code store_session_delete_user(struct store *s, int64_t user_id,
				   const char *keep_hash, int64_t *n, dib_err *err);

#endif
