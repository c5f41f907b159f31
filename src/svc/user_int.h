/*
 * user_int.h — what the two files of the account module share: user.c
 * (the rules and the command line's writes) and user_admin.c (the
 * administrators' writes over HTTP, with authorisation). Internal to
 * src/svc.
 * Thread-safety: as the store connection.
 */
#ifndef DIB_SVC_USER_INT_H
#define DIB_SVC_USER_INT_H

#include "util/dib.h"
#include "util/err.h"
#include "store/store.h"
#include "store/store_user.h"
#include "svc/svc_int.h"

/* Checks a display name: 1–USER_DISPLAY_MAX bytes of UTF-8 without
 * control characters. DIB_EINVAL quoting it. */
dib_code user__check_display(const char *name, dib_err *err);

/* Each of the n roles must exist in table roles: DIB_EINVAL naming the
 * first that does not. */
dib_code user__roles_exist(struct store *s, const char *const *roles, int n, dib_err *err);

/* The JSON of an account for the audit log (never the hash); NULL on no
 * memory; the caller frees it. */
char *user__json(const char *username, const char *display, const char *region,
		 const char *const *roles, int nroles, bool disabled, bool must_change);
char *user__row_json(const struct store_user_row *u);

/* Appends the audit record (entity "user") of a write to the account
 * username whose region is region, inside the open transaction; takes
 * ownership of before and after (after NULL means no memory). */
dib_code user__audit(struct store *s, const char *actor, const char *action,
		     const char *username, const char *region, char *before, char *after,
		     dib_err *err);


#endif
