/*
 * store_stats.h — the aggregates of the register's dashboard, and the
 * roles table as reference data for menus and forms.
 *
 * One GROUP BY statement counts households and their active members of a
 * region subtree by a prefix of the village code and by registration, so
 * the figures of a county's 17 townships (or a township's villages) come
 * from one pass, never a query per region. The caller (svc/stats.c) has
 * decided that the user may read the subtree, and names the groups.
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#ifndef DIB_STORE_STATS_H
#define DIB_STORE_STATS_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/region.h"
#include "store/store.h"

typedef struct store_stats_group {
	char prefix[REGION_LEN + 1]; /* the first `digits` digits of the village code */
	int registration;            /* 1 城镇 2 农村 */
	int64_t households;
	int64_t persons;             /* active members */
} store_stats_group;

/* The households whose village lies in the subtree of root (a valid region
 * code), grouped by the first `digits` (2–12) digits of their village code
 * and by registration, ordered by prefix and registration: *out is an
 * array of *n allocated in a (NULL when none). DIB_EINTERNAL for a
 * malformed root or digits; DIB_EDB. Outputs untouched on error. */
dib_code store_stats_groups(struct store *s, const char *root, int digits,
			    dib_arena *a, store_stats_group **out, size_t *n,
			    dib_err *err);

typedef struct store_stats_role {
	const char *code; /* "village_agent" */
	const char *name; /* "村(社区)代办员" */
} store_stats_role;

/* Every row of the roles table, ordered by code, into *out (an array of *n
 * allocated in a, strings too). DIB_EDB. */
dib_code store_stats_roles(struct store *s, dib_arena *a, store_stats_role **out,
			   size_t *n, dib_err *err);

#endif
