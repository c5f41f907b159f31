/*
 * store_user.h — user accounts and their roles (tables only in schema v1;
 * login, sessions and lockout use them from the server issue on).
 * Thread-safety: as the store connection.
 */
#ifndef DIB_STORE_USER_H
#define DIB_STORE_USER_H

#include "util/dib.h"
#include "util/err.h"
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

#endif
