/*
 * store_user.h — user accounts and their roles: insert, read, the single
 * field updates svc/user.c makes (password, disabled, login failures and
 * lockout, roles) and the list for administrators. Rules (username form,
 * password strength, 三员分立, lockout policy) live in svc/user.c; this
 * file only reads and writes rows. Writes run inside the caller's
 * transaction, which also appends the audit record.
 * Thread-safety: as the store connection.
 */
#ifndef DIB_STORE_USER_H
#define DIB_STORE_USER_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "store/store.h"

struct store_user {
	const char *username;
	const char *display_name;
	const char *region_code;   /* 12 digits: the root of what the user may see */
	const char *password_hash; /* argon2id string (libsodium), never the password */
	bool must_change;          /* forced change of an initial password */
	const char *const *roles;  /* role codes (table roles) */
	int nroles;
};

/* Inserts the user and the roles inside the open transaction; *id gets the
 * new id (may be NULL). DIB_ECONFLICT when the username is taken or a role
 * or region does not exist. */
dib_code store_user_add(struct store *s, const struct store_user *u, int64_t *id,
			dib_err *err);

/* Number of users (for summaries). */
dib_code store_user_count(struct store *s, int64_t *n, dib_err *err);

/* One user as read back. Strings are allocated in the arena given to the
 * call; roles are sorted by code. */
struct store_user_row {
	int64_t id;
	const char *username;
	const char *display_name;
	const char *region_code;
	const char *password_hash; /* NULL when none was ever set */
	bool must_change;
	bool disabled;
	int failed_logins;         /* consecutive failures since the last success */
	const char *locked_until;  /* "2026-11-26T08:15:00Z", NULL when never locked */
	const char **roles;        /* nroles role codes */
	int nroles;
};

/* Reads the user named username with its roles into *out (allocated in a).
 * DIB_ENOTFOUND (the message names the username) when there is none; *out
 * is untouched on error. */
dib_code store_user_get(struct store *s, const char *username, dib_arena *a,
			struct store_user_row *out, dib_err *err);

/* Whether a user named username exists. */
dib_code store_user_exists(struct store *s, const char *username, bool *exists,
			   dib_err *err);

/* Whether an account not disabled sits at region (its exact code) with
 * role. */
dib_code store_user_with_role_at(struct store *s, const char *region, const char *role,
				 bool *exists, dib_err *err);

/* Every user with its roles, ordered by username: *out is an array of *n
 * allocated in a (NULL when there are none). */
dib_code store_user_list(struct store *s, dib_arena *a,
			 struct store_user_row **out, size_t *n, dib_err *err);

/* Whether a role with this code exists (table roles). */
dib_code store_role_exists(struct store *s, const char *code, bool *exists,
			   dib_err *err);

/* Sets the password hash and the forced-change flag of user id. Also clears
 * the failure count and any lock: a new password starts afresh. */
dib_code store_user_set_password(struct store *s, int64_t id, const char *hash,
				 bool must_change, dib_err *err);

/* Sets or clears the disabled flag of user id. */
dib_code store_user_set_disabled(struct store *s, int64_t id, bool disabled,
				 dib_err *err);

/* Sets the display name of user id. */
dib_code store_user_set_display_name(struct store *s, int64_t id, const char *name,
				     dib_err *err);

/* Replaces the roles of user id by roles[0..n). */
dib_code store_user_set_roles(struct store *s, int64_t id,
			      const char *const *roles, int n, dib_err *err);

/* Counts one failed login of user id, atomically (concurrent logins cannot
 * lose a count). When the count reaches max_failures, locks the account
 * until locked_until and starts the count again from 0. *failed gets the
 * count after the call (0 after locking), *locked whether this call locked
 * the account (either may be NULL). */
dib_code store_user_login_failed(struct store *s, int64_t id, int max_failures,
				 const char *locked_until, int *failed,
				 bool *locked, dib_err *err);

/* A successful login: clears the failure count and any expired lock. */
dib_code store_user_login_ok(struct store *s, int64_t id, dib_err *err);

#endif
