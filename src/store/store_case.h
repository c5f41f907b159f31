/*
 * store_case.h — the rows of 低保 cases (schema v8): the case with the
 * facts its workflow reads, its events (the timeline), the documents it
 * issues with their numbers, and the entitlements a confirmation opens.
 *
 * The rules — which action is open, who may, what a step records — are
 * core/workflow.h's and svc/case.c's; this module reads and writes rows
 * with the same SQL on both engines. Writes run inside the caller's
 * transaction (DIB_EINTERNAL outside one where it matters).
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#ifndef DIB_STORE_CASE_H
#define DIB_STORE_CASE_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/region.h"
#include "core/date.h"
#include "store/store.h"

#define STORE_CASE_NO_LEN 20 /* "410726-2026-000001" */

/* One case. Strings are allocated in the arena of the read that filled
 * it; optional ones are NULL (texts) or "" (dates) when empty. */
typedef struct store_case {
	int64_t id;
	char county[REGION_COUNTY_LEN + 1];
	char case_no[STORE_CASE_NO_LEN + 1];
	int64_t household_id;
	char village_code[REGION_LEN + 1];
	const char *program;
	const char *state;               /* wf_state_code */
	char state_since[DIB_DATE_STR];
	char applied_on[DIB_DATE_STR];
	char accepted_on[DIB_DATE_STR];  /* "" before acceptance */
	char decided_on[DIB_DATE_STR];
	const char *extension;           /* wf_extension_code or NULL */
	const char *extension_reason;
	const char *missing_docs;        /* JSON array text, "[]" when none */
	bool missing_notice_issued;
	bool visit_done;
	const char *check_result;        /* "passed", "failed" or NULL */
	bool eval_done;
	char notice_start[DIB_DATE_STR];
	bool objection_open;
	bool relatives_declared;
	bool relatives_filed;
	bool has_complaint;
	bool county_visit_done;
	const char *assessment;          /* JSON text or NULL */
	bool has_amount;
	int64_t amount_fen;
	int persons;                     /* 0 when not assessed */
	const char *note;
	int version;
	const char *created_at;
	const char *created_by;
	const char *updated_at;
	/* read only, from the joins of get and list */
	const char *hh_no;               /* 户编号 */
	const char *head_name;           /* NULL when the household has no head */
	const char *village_name;
	const char *township_name;
} store_case;

/* Inserts c (all columns but the read-only ones; id, case_no, version,
 * created_at and updated_at are set here: the id from id_blocks 'case',
 * case_no "<county>-<year of applied_on>-<6-digit id>") inside the open
 * transaction. *id and case_no (may be NULL, STORE_CASE_NO_LEN + 1) get
 * the new values. DIB_ECONFLICT "该户已有进行中的…申请" when the household
 * has an open case of the program (cases_one_open). */
dib_code store_case_insert(struct store *s, const store_case *c, int64_t *id,
			   char *case_no, dib_err *err);

/* Reads case id into *out (strings in a). DIB_ENOTFOUND "申请 (ID n) 不存
 * 在"; *out untouched on error. */
dib_code store_case_get(struct store *s, int64_t id, dib_arena *a, store_case *out,
			dib_err *err);

/* Reads the case with case number no. DIB_ENOTFOUND as above. */
dib_code store_case_get_no(struct store *s, const char *no, dib_arena *a,
			   store_case *out, dib_err *err);

/* Writes every mutable column of c (state … note) to the row c->id when
 * its version is still c->version, and increments the version. DIB_ECONFLICT
 * "申请 … 已被他人修改，请刷新后重试" when it is not (or the row is gone). */
dib_code store_case_update(struct store *s, const store_case *c, dib_err *err);

/* Which cases a list reads. */
typedef struct store_case_filter {
	const char *scope;         /* a region code prefix (2..12 digits) the
				      village must start with; NULL for all */
	const char *const *states; /* state codes, NULL for all */
	size_t nstates;
	const char *program;       /* NULL for all */
	int64_t household_id;      /* 0 for all */
	int64_t after_id;          /* keyset: ids greater than this */
	int limit;                 /* 1..1000 */
} store_case_filter;

/* The cases matching f ordered by id, at most f->limit; *out is an array of
 * *n in a. Columns as store_case_get, without assessment. */
dib_code store_case_list(struct store *s, const store_case_filter *f, dib_arena *a,
			 store_case **out, size_t *n, dib_err *err);

/* The number of cases matching f (after_id and limit ignored). */
dib_code store_case_count(struct store *s, const store_case_filter *f, int64_t *out,
			  dib_err *err);

/* ---- events ---- */

typedef struct store_case_event {
	int64_t case_id;
	int seq;                      /* set by insert: the next of the case */
	const char *action;
	const char *from_state;
	const char *to_state;
	char on_date[DIB_DATE_STR];
	const char *at;               /* set by insert: now, UTC */
	const char *actor;
	const char *reason;           /* NULL when none */
	const char *data;             /* JSON text or NULL */
	int64_t document_id;          /* 0 when none */
	const char *doc_no;           /* read only: the document's number */
} store_case_event;

/* Appends e to its case with the next seq (county from the case) inside
 * the open transaction; *seq (may be NULL) gets it. */
dib_code store_case_event_insert(struct store *s, const char *county,
				 const store_case_event *e, int *seq, dib_err *err);

/* The events of case_id in seq order; *out: *n in a. */
dib_code store_case_events(struct store *s, int64_t case_id, dib_arena *a,
			   store_case_event **out, size_t *n, dib_err *err);

/* ---- documents ---- */

typedef struct store_case_doc {
	int64_t id;
	char county[REGION_COUNTY_LEN + 1];
	int64_t case_id;              /* 0 for none */
	int64_t household_id;         /* 0 for none (schema v9) */
	const char *kind;
	const char *doc_no;
	char issued_on[DIB_DATE_STR];
	const char *issued_at;
	const char *issued_by;
	const char *content;          /* JSON text */
} store_case_doc;

/* The next number of kind in county and year (1, 2, …), counted in
 * doc_counters inside the open transaction: numbers are never reused,
 * and two transactions cannot take the same one. */
dib_code store_doc_counter_next(struct store *s, const char *county, const char *kind,
				int year, int64_t *out, dib_err *err);

/* Inserts d (id from id_blocks 'document'; issued_at now) inside the open
 * transaction; *id (may be NULL) gets it. DIB_ECONFLICT for a doc_no in
 * use. */
dib_code store_case_doc_insert(struct store *s, const store_case_doc *d, int64_t *id,
			       dib_err *err);

/* Reads document id (with content). DIB_ENOTFOUND "文书 (ID n) 不存在". */
dib_code store_case_doc_get(struct store *s, int64_t id, dib_arena *a,
			    store_case_doc *out, dib_err *err);

/* The documents of case_id by id, without content (NULL); *out: *n in a. */
dib_code store_case_docs(struct store *s, int64_t case_id, dib_arena *a,
			 store_case_doc **out, size_t *n, dib_err *err);

/* ---- entitlements ---- */

typedef struct store_entitlement {
	int64_t id;
	char county[REGION_COUNTY_LEN + 1];
	int64_t household_id;
	const char *program;
	int64_t case_id;              /* 0 for none */
	char from_month[DIB_DATE_STR];/* "YYYY-MM-01" */
	char to_month[DIB_DATE_STR];  /* "" while open */
	int64_t amount_fen;
	/* what the decision split amount_fen into, and the per-capita monthly
	 * income it used (schema v10; a later standard recomputes from it) —
	 * written only when has_basis (base + addon = amount) */
	bool has_basis;
	int64_t base_fen, addon_fen, income_fen;
	int persons;
	const char *decision_no;      /* NULL when none */
	const char *created_at;       /* set by insert */
	const char *created_by;
} store_entitlement;

/* Inserts e with the persons it covers (person_ids, n >= 1) inside the
 * open transaction; *id (may be NULL) gets the new id. DIB_ECONFLICT when
 * the household already has an open entitlement of the program. */
dib_code store_entitlement_insert(struct store *s, const store_entitlement *e,
				  const int64_t *person_ids, size_t n, int64_t *id,
				  dib_err *err);

/* The entitlements of household_id (every program), the latest first;
 * *out: *n in a. */
dib_code store_entitlements_of(struct store *s, int64_t household_id, dib_arena *a,
			       store_entitlement **out, size_t *n, dib_err *err);

/* The open entitlement (to_month NULL) of household and program into
 * *out; *found false when there is none. With lock, the row is locked
 * (a no-op UPDATE) so two decisions on one household queue. */
dib_code store_entitlement_open(struct store *s, int64_t household_id, const char *program,
				bool lock, dib_arena *a, store_entitlement *out, bool *found,
				dib_err *err);

/* Sets to_month of entitlement id (open, else DIB_ECONFLICT "待遇已变更，请
 * 刷新后重试"); DIB_EINVAL when to_month is before its from_month. */
dib_code store_entitlement_end(struct store *s, int64_t id, const char *to_month,
			       dib_err *err);

/* The persons entitlement id covers, by person id; *out: *n in a. */
/* Households of county (6 digits) with active members that have never
 * applied (no case) and are not covered (no open entitlement), ascending
 * id, at most limit: the demo's population in payment. */
dib_code store_households_unclaimed(struct store *s, const char *county, int64_t limit,
				    dib_arena *a, int64_t **out, size_t *n, dib_err *err);

dib_code store_entitlement_members(struct store *s, int64_t id, dib_arena *a, int64_t **out,
				   size_t *n, dib_err *err);

#endif
