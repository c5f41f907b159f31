/*
 * store_register.h — the register's lookups that batch jobs need: region
 * codes, households by number, persons by ID number, households that
 * already have a head. Keys are looked up in batches (one IN (…) query per
 * few hundred keys), so a job checks a million keys in a few thousand
 * round trips, on both engines.
 *
 * Thread-safety: as the store connection.
 */
#ifndef DIB_STORE_REGISTER_H
#define DIB_STORE_REGISTER_H

#include "util/dib.h"
#include "util/err.h"
#include "store/store.h"

/* Calls fn for every region: code (12 digits), level 1–5, name. Strings are
 * borrowed for the call only. fn returns non-zero to stop early. */
typedef int (*store_region_fn)(void *ctx, const char *code, int level,
			       const char *name);
dib_code store_regions_each(struct store *s, store_region_fn fn, void *ctx,
			    dib_err *err);

/* Whether a table has no rows (cheap: LIMIT 1). table must be a constant. */
dib_code store_table_empty(struct store *s, const char *table, bool *empty,
			   dib_err *err);

/* Looks up n households by 户编号. For each found one calls fn with its
 * 户编号 (borrowed for the call), id and county. Callers map the key back
 * with their own hash map: rows come back in no particular order. */
typedef void (*store_household_fn)(void *ctx, const char *hh_no, int64_t id,
				   const char *county);
dib_code store_households_find(struct store *s, const char *const *keys,
			       size_t n, store_household_fn fn, void *ctx,
			       dib_err *err);

/* Looks up n persons by ID number. For each found one calls fn with the ID
 * number and the 户编号 of the household where the person is an active
 * member (NULL when none); both borrowed for the call. */
typedef void (*store_person_fn)(void *ctx, const char *id_number,
				const char *hh_no);
dib_code store_persons_find(struct store *s, const char *const *keys, size_t n,
			    store_person_fn fn, void *ctx, dib_err *err);

/* Of n household ids, calls fn(ctx, id) for those that already have an
 * active member recorded as household head (relation 1). */
typedef void (*store_head_fn)(void *ctx, int64_t household_id);
dib_code store_households_with_head(struct store *s, const int64_t *ids,
				    size_t n, store_head_fn fn, void *ctx,
				    dib_err *err);

/* Number of households registered in a county (6 digits). */
dib_code store_county_households(struct store *s, const char *county, int64_t *n,
				 dib_err *err);

#endif
