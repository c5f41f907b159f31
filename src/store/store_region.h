/*
 * store_region.h — the regions table: statistical division codes (统计用区划
 * 代码) from province down to village, with their names and parents.
 *
 * The tree is loaded once from the national code files (bulk insert) and
 * extended by hand when a village is created; svc uses it to check that a
 * code a clerk typed exists and to walk a user's region subtree. Codes are
 * always the full 12 digits (core/region.h pads shorter forms).
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#ifndef DIB_STORE_REGION_H
#define DIB_STORE_REGION_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/region.h"
#include "store/store.h"

typedef struct store_region {
	char code[REGION_LEN + 1];        /* 12 digits */
	const char *name;                 /* "延津县" */
	enum region_level level;          /* 1 province … 5 village */
	char parent_code[REGION_LEN + 1]; /* "" for a province */
	/* The 6-digit county code, "" above county level. Written from the
	 * code and level on insert (whatever the caller put here). */
	char county[REGION_COUNTY_LEN + 1];
	char urban_rural[4];              /* 城乡分类代码 "111"…"220", "" unknown */
} store_region;

/* Inserts one region (in the caller's transaction, if any). Its parent must
 * exist already (a province has none). DIB_EINVAL (naming the code) for a
 * code that is not 12 digits, a level outside 1–5 or an empty name;
 * DIB_ECONFLICT for a code that exists or a parent that does not. */
dib_code store_region_insert(struct store *s, const store_region *r,
			     dib_err *err);

/* Inserts n regions through one bulk load, inside the caller's transaction
 * (DIB_EINTERNAL without one). Parents must come before their children in
 * rows, or already exist. Checks every row as store_region_insert before
 * writing the first; on any error roll the transaction back. */
dib_code store_region_bulk_insert(struct store *s, const store_region *rows,
				  size_t n, dib_err *err);

/* For each of the n codes, whether a region with that code exists:
 * exists[i] (the caller's array of n). *missing (may be NULL) gets the
 * number of codes not found. */
dib_code store_region_exists(struct store *s, const char *const *codes,
			     size_t n, bool *exists, size_t *missing,
			     dib_err *err);

/* Reads one region; its name is allocated in a. DIB_ENOTFOUND (naming the
 * code) when there is none; *out is untouched on error. */
dib_code store_region_get(struct store *s, const char *code, dib_arena *a,
			  store_region *out, dib_err *err);

/* The regions whose parent is parent_code (NULL or "": the provinces),
 * ordered by code. *out is an array of *n allocated in a (NULL when none);
 * names are allocated in a as well. */
dib_code store_region_children(struct store *s, const char *parent_code,
			       dib_arena *a, store_region **out, size_t *n,
			       dib_err *err);

#endif
