/*
 * store_params.h — the SQL behind standards and parameters (svc/params.h,
 * svc/standard.h): the params table (schema v6) with its history, the
 * programs table the standards refer to, and what the standards service
 * needs beyond store_standard.h (the exact row of a date, locked, for a
 * correction; its update; the standards of several counties at once).
 *
 * Rows of params are only ever inserted (a correction is a new revision of
 * the same date, see sql/0006_params.sql); values are the canonical text of
 * core/params.h and are not interpreted here. Scopes are 12-digit region
 * codes. Dates are dib_date; a decided_on of year 0 means none.
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#ifndef DIB_STORE_PARAMS_H
#define DIB_STORE_PARAMS_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/date.h"
#include "core/region.h"
#include "store/store.h"
#include "store/store_standard.h"

/* ---- parameters ---- */

typedef struct store_param {
	char scope[REGION_LEN + 1]; /* 12 digits: a province, city or county */
	const char *key;            /* core/params.h catalogue key */
	dib_date effective_from;
	int revision;               /* 0 the first setting; 1, 2 … its corrections */
	const char *value;          /* canonical text (params_encode) */
	dib_date decided_on;        /* year 0 when none */
	const char *document;       /* 文件号; NULL when none */
	const char *reason;         /* NULL when none */
	const char *created_at;     /* set on insert (now, UTC) */
	const char *created_by;     /* the actor */
} store_param;

/* Inserts one row (in the caller's transaction, if any); created_at is set
 * to now. DIB_EINVAL for a scope that is not 12 digits, an invalid date, a
 * negative revision or a missing key, value or created_by; DIB_ECONFLICT
 * when that scope, key, date and revision exist already. */
dib_code store_param_insert(struct store *s, const store_param *p, dib_err *err);

/* How many rows (revisions) scope and key have from exactly date from:
 * 0 when none, so the next revision is *n. */
dib_code store_param_revisions(struct store *s, const char *scope, const char *key,
			       dib_date from, int *n, dib_err *err);

/* Every row of scope for key (NULL: every key), ordered by key, date and
 * revision (oldest first). *out is an array of *n allocated in a (NULL
 * when none), its strings too. */
dib_code store_param_history(struct store *s, const char *scope, const char *key,
			     dib_arena *a, store_param **out, size_t *n, dib_err *err);

/* The rows in force on date on for key (NULL: every key) in each of the
 * scopes (1–3 12-digit codes): per key and scope the row with the latest
 * effective_from <= on and, of that date, the highest revision. Ordered by
 * key, then scope descending — a county's code sorts after its city's and
 * province's, so for each key the most specific scope comes first. *out is
 * an array of *n allocated in a (NULL when none). DIB_EINTERNAL for 0 or
 * more than 3 scopes. */
dib_code store_param_in_force(struct store *s, const char *const *scopes, size_t nscopes,
			      const char *key, dib_date on, dib_arena *a,
			      store_param **out, size_t *n, dib_err *err);

/* ---- programs (救助项目) ---- */

typedef struct store_program {
	const char *code; /* "dibao_urban" */
	const char *name; /* "城市低保" */
	const char *unit; /* "person_month", "person_year" or "once" */
} store_program;

/* The program code (strings allocated in a). DIB_ENOTFOUND naming the code
 * when there is none. */
dib_code store_program_get(struct store *s, const char *code, dib_arena *a,
			   store_program *out, dib_err *err);

/* Every program, ordered by code; *out an array of *n allocated in a. */
dib_code store_program_list(struct store *s, dib_arena *a, store_program **out,
			    size_t *n, dib_err *err);

/* ---- standards beyond store_standard.h ---- */

/* The standard of county and program from exactly date from, locked for
 * the rest of the transaction (an UPDATE that changes nothing, so two
 * corrections of one row take turns on both engines): *found false when
 * there is none. Strings allocated in a. Call inside a transaction. */
dib_code store_standard_lock(struct store *s, const char *county, const char *program,
			     dib_date from, dib_arena *a, store_standard *out,
			     bool *found, dib_err *err);

/* Rewrites amount_fen, decided_on and document of the standard with st's
 * county, program and effective_from (unit and created_at stay).
 * DIB_ENOTFOUND when there is no such row; DIB_EINVAL as
 * store_standard_insert's checks. */
dib_code store_standard_update(struct store *s, const store_standard *st, dib_err *err);

/* The standards of every county whose code starts with county_prefix
 * (digits; "" every county) for program (NULL: every program), ordered by
 * county, program and date. *out an array of *n allocated in a. */
dib_code store_standard_list(struct store *s, const char *county_prefix,
			     const char *program, dib_arena *a, store_standard **out,
			     size_t *n, dib_err *err);

#endif
