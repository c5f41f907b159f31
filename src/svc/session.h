/*
 * session.h — login sessions of `dibao serve`: logging in with a username
 * and password (svc/user.h's lockout applies), checking a session token on
 * each request, logging out, and the user's own password change.
 *
 * Rules kept here:
 *  - the token is 32 random bytes (libsodium) as 64 hex digits; only its
 *    BLAKE2b hash is stored, and neither appears in the audit log or any
 *    message;
 *  - each session has its own CSRF token (same form), which the HTTP layer
 *    asks for on every state-changing request;
 *  - a session ends after USER_IDLE_SECONDS without a request, after
 *    SESSION_MAX_SECONDS in all, at logout, or when the account is
 *    disabled; the answer is always DIB_EAUTH "登录已过期，请重新登录";
 *  - while must_change is set the user may only look at the session,
 *    change the password and log out (enforced by the HTTP dispatcher,
 *    which reads session_info.must_change).
 *
 * Thread-safety: as the store connection.
 */
#ifndef DIB_SVC_SESSION_H
#define DIB_SVC_SESSION_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "store/store.h"

#define SESSION_TOKEN_BYTES 32
#define SESSION_TOKEN_HEX (2 * SESSION_TOKEN_BYTES + 1) /* with the NUL */
#define SESSION_MAX_SECONDS (12 * 60 * 60)  /* absolute lifetime */
#define SESSION_TOUCH_SECONDS 60            /* last_seen is written at most this often */
#define SESSION_EXPIRED "登录已过期，请重新登录"

/* Who a session belongs to. Strings are allocated in the arena given to
 * the call that filled it. */
struct session_info {
	int64_t user_id;
	const char *username;
	const char *display_name;
	const char *region_code;
	const char **roles;
	int nroles;
	bool must_change;
	char csrf[SESSION_TOKEN_HEX];
};

/* A new session: the token goes into the cookie, never anywhere else. */
struct session_login_result {
	char token[SESSION_TOKEN_HEX];
	struct session_info info;
};

/* Authenticates (user_authenticate: lockout, disabled accounts, the same
 * DIB_EAUTH "用户名或密码不正确" for an unknown user and a wrong password,
 * DIB_ELOCKED, DIB_EPERM) at time now (unix seconds), then creates the
 * session in one transaction with one audit record "session.login".
 * Strings of out->info are allocated in a. */
dib_code session_login(struct store *s, const char *username, const char *password,
		       int64_t now, dib_arena *a, struct session_login_result *out,
		       dib_err *err);

/* Checks a token (as sent in the cookie; any string) at time now and fills
 * *info (allocated in a). DIB_EAUTH SESSION_EXPIRED when the token is
 * malformed or unknown, the session expired or idled out, or the account
 * is disabled. Refreshes last_seen when older than SESSION_TOUCH_SECONDS. */
dib_code session_check(struct store *s, const char *token, int64_t now,
		       dib_arena *a, struct session_info *info, dib_err *err);

/* Ends the session of token (one audit record "session.logout"). An
 * unknown or malformed token is not an error: the session is gone either
 * way, and nothing is written. */
dib_code session_logout(struct store *s, const char *token, dib_err *err);

/* The user of the session changes their own password (user_passwd with
 * the old password: rule-checked, DIB_EAUTH "原密码不正确" for a wrong old
 * one; clears must_change). The user's other sessions are ended (one
 * audit record "session.revoke" when there were any). */
dib_code session_change_password(struct store *s, const char *token,
				 const struct session_info *who,
				 const char *old_password, const char *new_password,
				 dib_err *err);

#endif
