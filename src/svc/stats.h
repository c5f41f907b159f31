/*
 * stats.h (svc) — the dashboard's figures on behalf of a user (GET
 * /api/v1/stats/register), and the reference data the UI's menus need:
 * the name of the user's region (the session answer) and the roles table
 * (GET /api/v1/codes).
 *
 * Rules kept here: authz_check AUTHZ_REGISTER_READ on the region asked
 * (the user's own by default; one outside the subtree is DIB_EPERM, and
 * the 三员分立 administrators get DIB_EPERM), and every figure is counted
 * inside that region's subtree by one GROUP BY (store_stats.h).
 *
 * Thread-safety: as the store connection.
 */
#ifndef DIB_SVC_STATS_H
#define DIB_SVC_STATS_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "store/store.h"
#include "store/store_region.h"
#include "store/store_stats.h"
#include "svc/authz.h"

struct stats_by_registration {
	int registration; /* 1 城镇 2 农村 */
	int64_t households;
	int64_t persons;
};

/* One region of the next level down. */
struct stats_child {
	char code[REGION_LEN + 1];
	const char *name;  /* allocated in the caller's arena */
	enum region_level level;
	int64_t households;
	int64_t persons;
};

struct stats_register {
	store_region region;                    /* the region asked (name in the arena) */
	int64_t households;                     /* in its subtree */
	int64_t persons;                        /* active members of those households */
	struct stats_by_registration by_registration[2]; /* 城镇, then 农村; zeros kept */
	struct stats_child *by_child;           /* every child region, by code; zeros kept */
	size_t nchild;                          /* 0 for a village */
};

/* The figures of region (2–12 digits; NULL or "": who's own region) into
 * *out (strings and arrays allocated in a). DIB_EPERM as above; DIB_EINVAL
 * for a malformed code; DIB_ENOTFOUND for a region that does not exist.
 * Outputs untouched on error. */
dib_code stats_register(struct store *s, const struct authz_subject *who,
			const char *region, dib_arena *a, struct stats_register *out,
			dib_err *err);

/* The name of region code into *name (allocated in a), NULL when there is
 * no such region. For the session answer: no authorisation, the user's
 * own region only. DIB_EDB. */
dib_code stats_region_name(struct store *s, const char *code, dib_arena *a,
			   const char **name, dib_err *err);

/* The roles table (code and Chinese name) into *out, an array of *n
 * allocated in a, in the order a form lists them: the workflow from the
 * village up, then the auditor and the administrators (unknown codes
 * last, by code). Reference data for any logged-in user. */
dib_code stats_roles(struct store *s, dib_arena *a, store_stats_role **out,
		     size_t *n, dib_err *err);

#endif
