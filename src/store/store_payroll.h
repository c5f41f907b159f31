/*
 * store_payroll.h — the rows of paying the money (schema v10): payroll runs
 * (发放批次), their township sections, their frozen lines (补贴清册) and
 * their timeline, and the register rows a roster is built from. One SQL text
 * for both engines; every write runs inside the caller's transaction (the
 * whole build, approval or export is one transaction in svc/payroll.c).
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#ifndef DIB_STORE_PAYROLL_H
#define DIB_STORE_PAYROLL_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/date.h"
#include "core/region.h"
#include "store/store_benefit.h"

struct store;

/* Control totals (控制数): what a run or a section declares. */
typedef struct store_payroll_totals {
	int64_t households;
	int64_t persons;
	int64_t total_fen;
	int64_t lines;
} store_payroll_totals;

typedef struct store_payroll_run {
	int64_t id;
	char county[REGION_COUNTY_LEN + 1];
	const char *run_no;
	const char *program;
	const char *kind;        /* regular | arrears | reissue */
	const char *period;      /* core/payperiod.h code */
	char first_month[DIB_DATE_STR];
	int months;
	char due_on[DIB_DATE_STR];
	const char *state;       /* svc/payroll.h */
	store_payroll_totals declared;
	const char *basis;       /* JSON */
	const char *built_at, *built_by;
	const char *approved_at, *approved_by; /* NULL until approved */
	const char *exported_at, *exported_by;
	const char *file_template, *file_name, *file_sha256;
	char file_date[DIB_DATE_STR];  /* "" until exported */
	const char *payer_account;
	const char *closed_reason;
	int64_t version;
} store_payroll_run;

/* Inserts r (id, run_no and everything but the approval/export fields) in
 * the open transaction. DIB_ECONFLICT "该项目本期已有发放批次" when a live
 * regular run of the county, program and period exists. */
dib_code store_payroll_run_insert(struct store *s, const store_payroll_run *r, dib_err *err);

/* The run id, strings in a. *found false when there is none. */
dib_code store_payroll_run_get(struct store *s, int64_t id, dib_arena *a, store_payroll_run *out,
			       bool *found, dib_err *err);

/* The live (not cancelled) regular run of county × program × period: *id, 0 for none. */
dib_code store_payroll_run_live(struct store *s, const char *county, const char *program,
				const char *period, int64_t *id, dib_err *err);

/* The runs of county (program NULL: every program), the latest period first. */
dib_code store_payroll_runs(struct store *s, const char *county, const char *program,
			    dib_arena *a, store_payroll_run **out, size_t *n, dib_err *err);

/* Sets the state of run id if its version is still `version` (bumping it),
 * with the fields of the step: "approved" sets approved_at/by, "exported"
 * the file and exported_at/by, "cancelled" closed_reason. by/at/reason may be
 * NULL where the step has none. DIB_ECONFLICT "该批次已被他人修改，请刷新后
 *重试" when the version moved. */
dib_code store_payroll_run_step(struct store *s, int64_t id, int64_t version, const char *state,
				const char *at, const char *by, const char *reason, dib_err *err);

/* Overwrites the declared totals of run id (a rebuilt section changed them). */
dib_code store_payroll_run_declare(struct store *s, int64_t id, const store_payroll_totals *t,
				   dib_err *err);

/* ---- sections ---- */

typedef struct store_payroll_section {
	int64_t run_id;
	char township[REGION_LEN + 1];
	const char *township_name;
	const char *state;        /* built | submitted | sent_back */
	store_payroll_totals declared;
	const char *submitted_at, *submitted_by, *reason;
} store_payroll_section;

/* Inserts or replaces the section (run_id, township) with state and totals;
 * submitted_* and reason as given (NULL clears). */
dib_code store_payroll_section_put(struct store *s, const store_payroll_section *sec,
				   dib_err *err);

/* Deletes the section (run_id, township): a rebuild writes it anew. */
dib_code store_payroll_section_delete(struct store *s, int64_t run_id, const char *township,
				      dib_err *err);

/* The sections of run id by township code, with the township's name. */
dib_code store_payroll_sections(struct store *s, int64_t run_id, dib_arena *a,
				store_payroll_section **out, size_t *n, dib_err *err);

/* ---- lines ---- */

typedef struct store_payroll_line {
	int64_t id;
	int64_t run_id;
	const char *program, *period, *kind, *slot;
	int64_t household_id, person_id; /* person 0: the household's */
	char township[REGION_LEN + 1];
	char village[REGION_LEN + 1];
	const char *village_name, *hh_no;
	const char *payee_name, *payee_id_number;
	const char *bank_name, *bank_account, *account_name; /* NULL when none */
	int persons;
	int64_t base_fen, addon_fen, deduction_fen, total_fen;
	/* JSON; NULL for the common one-month line, which names its
	 * entitlement instead and is read back with the same text
	 * (store_payroll_int.h) */
	const char *detail;
	int64_t entitlement_id;  /* that line's entitlement; else 0 */
	const char *status;      /* pending | paid | failed | void */
	const char *bank_reason, *returned_at;
	int64_t reissue_of;
} store_payroll_line;

/* Inserts n lines (ids from store_ids_reserve "payroll_line", set here) as
 * one bulk load (store_bulk: COPY on PostgreSQL, one prepared INSERT on
 * SQLite). DIB_ECONFLICT naming the household's number when
 * a line would take a slot already held (payroll_lines_once: paid or
 * pending for the same program, period and kind). */
dib_code store_payroll_lines_insert(struct store *s, const char *county, store_payroll_line *lines,
				    size_t n, dib_err *err);

/* Deletes the lines of run id in township (a sent-back section rebuilt
 * before approval: they were never money); *deleted gets the count. */
dib_code store_payroll_lines_delete(struct store *s, int64_t run_id, const char *township,
				    int64_t *deleted, dib_err *err);

/* Sets every pending line of run id to status (void for a cancellation). */
dib_code store_payroll_lines_status(struct store *s, int64_t run_id, const char *status,
				    dib_err *err);

/* What the lines of run id actually add up to (township NULL: the whole
 * run), counting lines not void; households = distinct households. */
dib_code store_payroll_lines_sum(struct store *s, int64_t run_id, const char *township,
				 store_payroll_totals *out, dib_err *err);

/* Lines of run id missing a bank account (township NULL: all): *n. */
dib_code store_payroll_lines_without_account(struct store *s, int64_t run_id,
					     const char *township, int64_t *n, dib_err *err);

/* A page of the lines of run id, filtered (NULL/"" = any): township,
 * village, status, q (household number or payee name, prefix). Ordered by
 * township, village, household number; *total gets the count before paging. */
typedef struct store_payroll_line_filter {
	const char *township, *village, *status, *q;
	int64_t offset, limit;
} store_payroll_line_filter;
dib_code store_payroll_lines_page(struct store *s, int64_t run_id,
				  const store_payroll_line_filter *f, dib_arena *a,
				  store_payroll_line **out, size_t *n, int64_t *total, dib_err *err);

/* ---- the register a roster is built from ---- */

/* One entitlement in force during a period, with what the line freezes:
 * the household, its head (the payee), account and village. Several rows
 * for one household when its entitlement changed inside the period. */
typedef struct store_payroll_source {
	int64_t household_id, entitlement_id;
	const char *hh_no;
	char village[REGION_LEN + 1];
	char township[REGION_LEN + 1];
	const char *village_name;
	const char *head_name, *head_id_number; /* NULL when the household has no head */
	const char *bank_name, *bank_account, *account_name;
	char from_month[DIB_DATE_STR], to_month[DIB_DATE_STR]; /* to "" when open */
	int64_t amount_fen, base_fen, addon_fen; /* base -1 when not recorded */
	int64_t income_fen;  /* the decision's per-capita income; -1 when not recorded */
	int persons;
} store_payroll_source;

/* Called for each source row, households in ascending id; the row's
 * strings live until the next call. Non-OK stops the walk and is returned. */
typedef dib_code (*store_payroll_source_fn)(void *ctx, const store_payroll_source *row,
					    dib_err *err);

/* Walks the entitlements of county × program overlapping [first, last]
 * (first days of months), township NULL for every township. */
dib_code store_payroll_sources(struct store *s, const char *county, const char *program,
			       const char *first, const char *last, const char *township,
			       store_payroll_source_fn fn, void *ctx, dib_err *err);

/* ---- export, the bank's return, reissue, reconciliation
 * (store_payroll_pay.c) ---- */

/* What an export freezes on run id (state exported, version checked). */
typedef struct store_payroll_export {
	const char *at, *by;
	const char *template_text, *file_name, *sha256, *file_date, *payer_account;
} store_payroll_export;
dib_code store_payroll_run_export(struct store *s, int64_t id, int64_t version,
				  const store_payroll_export *x, dib_err *err);

/* Marks line id paid or failed (status) from the bank's return, if it is
 * still pending: *changed 1, else 0. */
dib_code store_payroll_line_mark(struct store *s, int64_t id, const char *status,
				 const char *reason, const char *at, int64_t *changed,
				 dib_err *err);

typedef struct store_payroll_return {
	int64_t id, run_id;
	const char *file_name, *sha256, *at, *actor;
	int64_t rows, paid_count, paid_fen, failed_count, failed_fen;
} store_payroll_return;
/* Inserts r (its id set here). DIB_ECONFLICT "该回盘文件已经登记过" for the
 * same bytes twice on one run. */
dib_code store_payroll_return_insert(struct store *s, const char *county,
				     store_payroll_return *r, dib_err *err);
/* The returns of run id, oldest first. */
dib_code store_payroll_returns(struct store *s, int64_t run_id, dib_arena *a,
			       store_payroll_return **out, size_t *n, dib_err *err);

/* The failed lines of county × program no reissue has taken up (the
 * reissue queue; township NULL: every township), with the household's
 * account in the register now (current_*), oldest run first. */
typedef struct store_payroll_failed {
	store_payroll_line line;
	const char *run_no;
	const char *current_bank_name, *current_account, *current_account_name;
} store_payroll_failed;
dib_code store_payroll_failed_lines(struct store *s, const char *county, const char *program,
				    const char *township, dib_arena *a, store_payroll_failed **out,
				    size_t *n, dib_err *err);
/* Records that failed line id was reissued by line by (0 clears: a
 * cancelled reissue gives the line back to the queue). */
dib_code store_payroll_line_reissued(struct store *s, int64_t id, int64_t by, dib_err *err);
/* Gives back to the queue every line reissued by a line of run id. */
dib_code store_payroll_unreissue_run(struct store *s, int64_t run_id, dib_err *err);

/* Reconciliation of run id: lines and fen by outcome. */
typedef struct store_payroll_recon {
	int64_t pending, pending_fen;
	int64_t paid, paid_fen;
	int64_t reissued, reissued_fen;   /* failed, taken up by a reissue */
	int64_t failed, failed_fen;       /* failed, still in the queue */
} store_payroll_recon;
dib_code store_payroll_reconcile_sums(struct store *s, int64_t run_id, store_payroll_recon *out,
				      dib_err *err);

/* ---- bank templates ---- */
typedef struct store_bank_template {
	const char *name, *text, *created_at, *created_by;
} store_bank_template;
dib_code store_bank_template_put(struct store *s, const char *county,
				 const store_bank_template *t, dib_err *err);
dib_code store_bank_templates(struct store *s, const char *county, dib_arena *a,
			      store_bank_template **out, size_t *n, dib_err *err);
/* Deletes county's template name inside the transaction: *deleted whether
 * there was one. */
dib_code store_bank_template_delete(struct store *s, const char *county, const char *name,
				    bool *deleted, dib_err *err);

/* ---- one household's money (store_payroll_household.c) ---- */

/* An entitlement with what its decision recorded (-1: not recorded). */
typedef struct store_payroll_basis {
	int64_t entitlement_id;
	const char *program;
	char from_month[DIB_DATE_STR], to_month[DIB_DATE_STR]; /* to "" while open */
	int64_t amount_fen, base_fen, addon_fen, income_fen;
	int persons;
	const char *decision_no;
} store_payroll_basis;
dib_code store_payroll_household_basis(struct store *s, int64_t household_id, dib_arena *a,
				       store_payroll_basis **out, size_t *n, dib_err *err);

/* A line of the household (not void) with its run. */
typedef struct store_payroll_hline {
	int64_t id, run_id, person_id;
	const char *run_no, *run_state, *program, *period, *kind, *status, *bank_reason, *detail;
	int64_t base_fen, addon_fen, deduction_fen, total_fen;
	bool reissued; /* failed and taken up by a reissue */
} store_payroll_hline;
/* The first month dibao paid county × program (its first run not
 * cancelled) into out, "" when never: months before were paid elsewhere. */
dib_code store_payroll_first_month(struct store *s, const char *county, const char *program,
				   char out[DIB_DATE_STR], dib_err *err);
dib_code store_payroll_household_lines(struct store *s, int64_t household_id, dib_arena *a,
				       store_payroll_hline **out, size_t *n, dib_err *err);

/* ---- arrears and overpayments (store_payroll_arrears.c) ---- */

/* A line already counted for a period (not void, not a failed line a
 * reissue took up): its household, person, base + add-on and detail. */
typedef struct store_payroll_counted {
	int64_t household_id, person_id, fen;
	const char *detail;
} store_payroll_counted;
dib_code store_payroll_counted_lines(struct store *s, const char *county, const char *program,
				     const char *period, dib_arena *a, store_payroll_counted **out,
				     size_t *n, dib_err *err);

typedef struct store_overpayment {
	int64_t id, household_id, person_id;
	const char *program, *period, *reason, *note, *plan;
	int64_t amount_fen;
	int64_t found_run_id;
	const char *created_at, *created_by;
	char closed_on[DIB_DATE_STR];  /* read only: "" while open */
	const char *closed_reason;     /* read only: recovered | …; NULL while open */
} store_overpayment;
/* Inserts o (id set here) in the open transaction. */
dib_code store_overpayment_insert(struct store *s, const char *county, store_overpayment *o,
				  dib_err *err);

/* ---- recovering overpayments (store_payroll_recover.c) ----
 * What counts: a repayment at once; a deduction once the bank's return
 * paid its line. What is outstanding — still to recover — also sets
 * aside the deductions on lines pending at the bank (they will most
 * likely be paid; if the bank fails one, its deduction is outstanding
 * again). A void or failed line's deduction counts for nothing. */

/* An overpayment as read: the row, its household and its recoveries' sums. */
typedef struct store_overpayment_row {
	store_overpayment o;
	const char *hh_no;
	char village[REGION_LEN + 1];
	const char *person_name;  /* NULL for the household's (person 0) */
	int64_t recovered_fen;    /* repaid, and deducted on lines the bank paid */
	int64_t pending_fen;      /* deducted on lines still at the bank */
	int64_t outstanding_fen;  /* amount − cancelled − recovered − pending */
	/* schema v15: no longer owed though nothing came back — netted by a
	 * recomputation or waived (waived_fen, its part the county waived) */
	int64_t cancelled_fen, waived_fen;
	const char *waiver_reason, *waiver_doc; /* NULL unless waived */
} store_overpayment_row;

/* The overpayments of county (filters: household_id 0 any; region "" any,
 * else a prefix of the household's village code; open_only), oldest
 * first, a page of limit from offset; *total the count before paging. */
typedef struct store_overpayment_filter {
	const char *county;
	int64_t household_id;
	const char *region;
	bool open_only;
	int64_t limit, offset;
} store_overpayment_filter;
dib_code store_overpayments_list(struct store *s, const store_overpayment_filter *f, dib_arena *a,
				 store_overpayment_row **out, size_t *n, int64_t *total,
				 dib_err *err);
/* Overpayment id; *found false when there is none. */
dib_code store_overpayment_get(struct store *s, int64_t id, dib_arena *a,
			       store_overpayment_row *out, bool *found, dib_err *err);
/* Takes the row lock of overpayment id until the transaction ends (an
 * UPDATE that changes nothing; PostgreSQL then serialises its writers). */
dib_code store_overpayment_lock(struct store *s, int64_t id, dib_err *err);
/* Sets the plan (deduct | repay) of open overpayment id: *changed 1, 0 when closed. */
dib_code store_overpayment_set_plan(struct store *s, int64_t id, const char *plan,
				    int64_t *changed, dib_err *err);

/* An open overpayment to deduct from a roster: what is outstanding. */
typedef struct store_overpayment_due {
	int64_t id, household_id, person_id, outstanding_fen;
} store_overpayment_due;
/* The open overpayments of county × program whose plan is deduct, with
 * what each has outstanding (0 when deductions pending at the bank cover
 * it), by household, person and id (oldest first),
 * row-locked first (a roster of another period built at the same time
 * waits, and then sees this one's deductions). Inside the transaction. */
dib_code store_overpayments_to_deduct(struct store *s, const char *county, const char *program,
				      dib_arena *a, store_overpayment_due **out, size_t *n,
				      dib_err *err);

/* The recomputed overpayments (reason recompute) of county × program ×
 * period a reversal may be netted against: the open ones with what they
 * have outstanding (0 when deductions pending at the bank cover it) and
 * the waived ones with what was waived, by household, person and id
 * (oldest first), row-locked first. Inside the transaction. */
typedef struct store_overpayment_net {
	int64_t id, household_id, person_id, outstanding_fen, waived_fen;
} store_overpayment_net;
dib_code store_overpayments_to_net(struct store *s, const char *county, const char *program,
				   const char *period, dib_arena *a, store_overpayment_net **out,
				   size_t *n, dib_err *err);
/* Nets a reversal against overpayment id: cancel_fen more of it cancelled
 * (at most what is outstanding), unwaive_fen of what was waived now netted
 * instead (it was not owed after all); closed on `on` (closed_reason
 * "netted") when nothing is left to recover and nothing is pending. */
dib_code store_overpayment_cancel(struct store *s, int64_t id, int64_t cancel_fen,
			       int64_t unwaive_fen, const char *on, dib_err *err);
/* Waives fen (what is outstanding) of open overpayment id with the
 * county's reason and document number, and closes it on `on`
 * (closed_reason "waived"). */
dib_code store_overpayment_waive(struct store *s, int64_t id, int64_t fen, const char *reason,
				 const char *doc, const char *on, dib_err *err);

/* A recovery: a deduction on a line or a repayment with its receipt. */
typedef struct store_recovery {
	int64_t id, overpayment_id;
	const char *kind;           /* deduction | repayment */
	int64_t line_id;            /* the deduction's line; 0 for a repayment */
	int64_t amount_fen;
	const char *receipt_no;     /* a repayment's; NULL for a deduction */
	char paid_on[DIB_DATE_STR]; /* a repayment's receipt day; "" for a deduction */
	const char *at, *actor;
	/* read only */
	const char *program;        /* the overpayment's */
	const char *line_status;    /* the deduction's line: pending | paid | failed | void */
	const char *run_no, *line_period;
	int64_t run_id;
	bool counted;               /* a repayment, or its line paid */
} store_recovery;
/* Inserts n recoveries (ids set here) as one bulk load. DIB_ECONFLICT
 * "收据号“X”已经登记过" for a receipt the county recorded before. */
dib_code store_recoveries_insert(struct store *s, const char *county, store_recovery *r, size_t n,
				 dib_err *err);
/* The recoveries of an overpayment, of a household, or of a line (the
 * first filter not 0), oldest first. */
typedef struct store_recovery_filter {
	int64_t overpayment_id, household_id, line_id;
} store_recovery_filter;
dib_code store_recoveries(struct store *s, const store_recovery_filter *f, dib_arena *a,
			  store_recovery **out, size_t *n, dib_err *err);
/* Deletes the deductions on the lines of run id in township (NULL: the
 * whole run): a cancelled or rebuilt roster. *deleted (may be NULL). */
dib_code store_recoveries_delete_run(struct store *s, int64_t run_id, const char *township,
				     int64_t *deleted, dib_err *err);
/* Closes (closed_on = on, reason "recovered") every open overpayment whose
 * recovered sum reached its amount, among those with a deduction on a
 * paid line of run run_id (0: any) and overpayment_id (0: any); *closed
 * (may be NULL) gets how many. */
dib_code store_overpayments_close_recovered(struct store *s, int64_t run_id,
					    int64_t overpayment_id, const char *on,
					    int64_t *closed, dib_err *err);
/* What the recomputations (reason recompute) of county × program × period
 * already recorded as overpaid, per household and person (fen; detail
 * NULL): an arrears run asked again records only the difference. What
 * was netted since is not counted (it was not overpaid after all); what
 * was waived still is. */
dib_code store_overpaid_recorded(struct store *s, const char *county, const char *program,
				 const char *period, dib_arena *a, store_payroll_counted **out,
				 size_t *n, dib_err *err);
/* Whether person_id ever was a member of household_id. */
dib_code store_overpayment_member(struct store *s, int64_t household_id, int64_t person_id,
				  bool *found, dib_err *err);

/* ---- events ---- */

/* What a bank's return reported: lines paid and failed (schema v13). */
typedef struct store_payroll_outcome {
	int64_t paid, paid_fen, failed, failed_fen;
} store_payroll_outcome;

/* A step of a run's timeline: totals (their lines too, from v13) when the
 * step has them; outcome for a return. */
typedef struct store_payroll_event {
	int64_t id, run_id;
	const char *action, *township, *actor, *at, *reason;
	int64_t actor_id;
	bool has_totals, has_outcome;
	store_payroll_totals totals;
	store_payroll_outcome outcome;
} store_payroll_event;

dib_code store_payroll_event_insert(struct store *s, const char *county,
				    const store_payroll_event *e, dib_err *err);
/* The timeline of run id, oldest first. */
dib_code store_payroll_events(struct store *s, int64_t run_id, dib_arena *a,
			      store_payroll_event **out, size_t *n, dib_err *err);

/* ---- the register a roster of a program paid per person is built from
 * (store_payroll_people.c) ---- */

/* An entitlement row covering a person, with the facts its decision found
 * (store_benefit.h; has_facts false for a decision that recorded none, as
 * 低保's). */
typedef struct store_payroll_ent {
	int64_t entitlement_id;
	const char *program;
	char from_month[DIB_DATE_STR], to_month[DIB_DATE_STR]; /* to "" when open */
	int64_t amount_fen; /* the household's, a month */
	int persons;        /* the persons it covers */
	bool has_facts;
	store_benefit_facts facts;
} store_payroll_ent;

/* A person covered by the program paid, with what the line freezes (the
 * household, its head, account and village; the person's name and ID
 * number) and what the amount rules read: birth, 孤儿 status, disability,
 * whether and until when the person is a member of the household, a
 * recorded death, the rows of the program paid (own) and of the programs
 * the rules weigh against it (other: 低保, 特困, 困难残疾人生活补贴,
 * 事实无人抚养儿童) overlapping the period. */
typedef struct store_payroll_person {
	int64_t household_id, person_id;
	const char *hh_no;
	char village[REGION_LEN + 1];
	char township[REGION_LEN + 1];
	const char *village_name;
	int64_t head_id;                        /* 0 when the household has no head */
	const char *head_name, *head_id_number; /* NULL when the household has no head */
	const char *bank_name, *bank_account, *account_name;
	const char *name, *id_number;
	char birth_date[DIB_DATE_STR];
	int orphan;                     /* persons.orphan: 0, 1 孤儿, 2 事实无人抚养 */
	bool member;                    /* a membership of the household, current or past */
	char member_end[DIB_DATE_STR];  /* its end; "" while current */
	char death_date[DIB_DATE_STR];  /* "" when no death is recorded */
	int disability_kind;            /* enum codes_disability; 7 多重 when several; 0 none */
	int disability_grade;           /* the most severe, 1..4; 0 none */
	bool disability_card;           /* a certificate number on some row */
	const store_payroll_ent *own;   /* the program paid, oldest first */
	size_t nown;
	const store_payroll_ent *other; /* the other programs, oldest first */
	size_t nother;
} store_payroll_person;

/* Called for each person, households in ascending id and the persons of a
 * household in ascending id; everything in *p lives until the next call.
 * Non-OK stops the walk and is returned. */
typedef dib_code (*store_payroll_person_fn)(void *ctx, const store_payroll_person *p,
					    dib_err *err);

/* Walks the persons covered by the entitlements of county × program
 * overlapping [first, last] (first days of months), township NULL for
 * every township. Two ordered scans merged by (household, person): memory
 * is one person's rows. */
dib_code store_payroll_people(struct store *s, const char *county, const char *program,
			      const char *first, const char *last, const char *township,
			      store_payroll_person_fn fn, void *ctx, dib_err *err);

/* As store_payroll_people, the persons of household_id only, found by the
 * household (an index seek) rather than by walking its township: a
 * household's account reads its own people. Nothing when household_id is
 * not positive. */
dib_code store_payroll_household_people(struct store *s, const char *county,
					const char *program, const char *first,
					const char *last, int64_t household_id,
					store_payroll_person_fn fn, void *ctx, dib_err *err);

/* One person as a member of household_id, for a decision not yet taken:
 * the same fields with no own rows, the other rows those of the programs
 * (not program) overlapping [first, last]; strings in a. *found false when
 * the household or the person does not exist. */
dib_code store_payroll_person_get(struct store *s, int64_t household_id, int64_t person_id,
				  const char *program, const char *first, const char *last,
				  dib_arena *a, store_payroll_person *out, bool *found,
				  dib_err *err);

#endif
