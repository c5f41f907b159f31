/*
 * region.h (svc) — reading the region tree on behalf of a user: the
 * children of a region, limited to the user's subtree (authz.h decides;
 * http only passes the request on).
 *
 * Thread-safety: as the store connection.
 */
#ifndef DIB_SVC_REGION_H
#define DIB_SVC_REGION_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "store/store.h"
#include "store/store_region.h"
#include "svc/authz.h"

/* The region parent (2–12 digits, as core/region.h region_parse; NULL or
 * "": who's own region root) into *parent_out, and its children ordered by
 * code into *children (an array of *n allocated in a, NULL when none).
 * DIB_EPERM (authz_check AUTHZ_REGION_READ) when who may not read regions
 * or parent lies outside who's subtree — checked before the store is
 * asked, so the answer says nothing about regions outside it;
 * DIB_EINVAL for a malformed parent; DIB_ENOTFOUND when it does not
 * exist. Outputs are untouched on error. */
dib_code region_children(struct store *s, const struct authz_subject *who,
			 const char *parent, dib_arena *a, store_region *parent_out,
			 store_region **children, size_t *n, dib_err *err);

#endif
