/*
 * store_coverage.h — the rows of schema v9 behind svc/coverage.h: the
 * changes decided on an entitlement, the ends of entitlement rows, the
 * members an entitlement covers, the reviews a death opens and the job
 * offers of a member. The rules are core/coverage.h's and svc's; here only
 * rows, with the same SQL on both engines, writes inside the caller's
 * transaction.
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#ifndef DIB_STORE_COVERAGE_H
#define DIB_STORE_COVERAGE_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/region.h"
#include "core/date.h"
#include "store/store.h"
#include "store/store_case.h"

typedef struct store_change {
	int64_t id;                    /* set by insert */
	char county[REGION_COUNTY_LEN + 1];
	int64_t household_id;
	const char *program;
	int64_t entitlement_id;
	int64_t new_entitlement_id;    /* 0 for none */
	const char *kind;              /* cov_kind_code */
	const char *reason;            /* cov_reason row code */
	const char *decision_no;       /* NULL for none */
	char decided_on[DIB_DATE_STR];
	char effective_month[DIB_DATE_STR]; /* "YYYY-MM-01" */
	char event_date[DIB_DATE_STR]; /* "" for none */
	int64_t person_id;             /* 0 for none */
	int64_t old_amount_fen, new_amount_fen;
	int phaseout_months;           /* -1 for none */
	char stop_month[DIB_DATE_STR]; /* "" for none */
	int64_t stopped_change_id;     /* 0 for none */
	int64_t document_id;           /* 0 for none */
	const char *doc_no;            /* read only */
	const char *note;
	const char *created_at;        /* set by insert */
	const char *created_by;
} store_change;

/* Inserts c (id from id_blocks 'change') inside the open transaction. */
dib_code store_change_insert(struct store *s, const store_change *c, int64_t *id,
			     dib_err *err);

/* The changes of a household, the latest first; *out: *n in a. */
dib_code store_changes_of(struct store *s, int64_t household_id, dib_arena *a,
			  store_change **out, size_t *n, dib_err *err);

/* The phase-outs of county (all counties for NULL) whose stop month is on
 * or before month ("YYYY-MM-01") and that no stop has ended yet. */
dib_code store_phaseouts_due(struct store *s, const char *county, const char *month,
			     dib_arena *a, store_change **out, size_t *n, dib_err *err);

/* Records that change id (a phase-out) was ended by the stop stop_id. */
dib_code store_phaseout_stopped(struct store *s, int64_t id, int64_t stop_id, dib_err *err);

/* ---- reviews ---- */

typedef struct store_review {
	int64_t id;
	char county[REGION_COUNTY_LEN + 1];
	int64_t household_id;
	int64_t person_id;
	const char *kind;              /* "death" */
	char event_date[DIB_DATE_STR];
	char due_on[DIB_DATE_STR];
	char opened_on[DIB_DATE_STR];
	char closed_on[DIB_DATE_STR];  /* "" while open */
	const char *outcome;
	const char *created_by, *closed_by;
	const char *person_name;       /* read only */
	const char *hh_no;             /* read only */
} store_review;

/* Inserts r inside the open transaction. DIB_ECONFLICT "该成员已有同类核查"
 * for a second review of one person and kind. */
dib_code store_review_insert(struct store *s, const store_review *r, int64_t *id,
			     dib_err *err);

/* Closes review id (open, else DIB_ECONFLICT). */
dib_code store_review_close(struct store *s, int64_t id, const char *closed_on,
			    const char *outcome, const char *by, dib_err *err);

/* Reads review id. DIB_ENOTFOUND "核查 (ID n) 不存在". */
dib_code store_review_get(struct store *s, int64_t id, dib_arena *a, store_review *out,
			  dib_err *err);

/* The reviews of county (NULL: all), open only when open_only, by due
 * date; *out: *n in a. */
dib_code store_reviews(struct store *s, const char *county, bool open_only, dib_arena *a,
		       store_review **out, size_t *n, dib_err *err);

/* ---- job offers ---- */

typedef struct store_offer {
	int64_t id;
	char county[REGION_COUNTY_LEN + 1];
	int64_t household_id;
	int64_t person_id;
	char offered_on[DIB_DATE_STR];
	const char *outcome;           /* accepted, refused, refused_justified, unsuitable */
	const char *description;
	const char *created_by;
} store_offer;

dib_code store_offer_insert(struct store *s, const store_offer *o, int64_t *id,
			    dib_err *err);

/* The offers made to person_id in date order (then id); *out: *n in a. */
dib_code store_offers_of(struct store *s, int64_t person_id, dib_arena *a,
			 store_offer **out, size_t *n, dib_err *err);

#endif
