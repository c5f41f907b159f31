/*
 * payroll_int.h — what the files of svc/payroll*.c share: loading a run
 * with the caller's right to it, the event + audit pair every step writes,
 * and the roster builder.
 * Thread-safety: as struct store — one connection per thread.
 */
#ifndef DIB_SVC_PAYROLL_INT_H
#define DIB_SVC_PAYROLL_INT_H

#include "svc/payroll.h"
#include "core/amount.h"
#include "util/time.h"

#include <jansson.h>

/* Loads run id and checks who may take action a on it (a township user:
 * for its township's section; township NULL: the run as a whole). DIB_ENOTFOUND
 * "发放批次 N 不存在"; DIB_EPERM as authz_check_object. */
dib_code payroll__load(struct store *s, const struct authz_subject *who, enum authz_action a,
		       int64_t id, const char *township, dib_arena *ar, store_payroll_run *out,
		       dib_err *err);

/* The payroll_events row and the audit record of one step (inside the
 * transaction): action "build", "submit" …; totals NULL when the step has
 * none; after: the audit record's after_json (borrowed). */
dib_code payroll__record(struct store *s, const store_payroll_run *run, const char *action,
			 const char *township, const char *actor, const char *reason,
			 const store_payroll_totals *totals, json_t *after, dib_err *err);

/* Builds the lines of run (its program, period and months) from the
 * register, for township (NULL: every township), inserting them and one
 * section per township in state "built"; *sum gets the totals of what was
 * written, *nsections the sections. Inside the transaction. */
dib_code payroll__build_lines(struct store *s, const store_payroll_run *run,
			      const char *township, store_payroll_totals *sum, size_t *nsections,
			      dib_err *err);

/* As payroll__build_lines for a program paid per person (every program but
 * 低保; svc/payroll_person.c): one line per covered person (person_id set),
 * each month's amount by core/benefit with that month's standard and
 * parameters, persons 1. */
dib_code payroll__build_person_lines(struct store *s, const store_payroll_run *run,
				     const char *township, store_payroll_totals *sum,
				     size_t *nsections, dib_err *err);

/* A's payment rules in force for county on day (rhythm, due day). */
dib_code payroll__pay_params(struct store *s, const char *county, dib_date day,
			     struct pay_params *out, dib_err *err);

/* The Chinese name of program (e.g. "城市低保"), or the code itself. */
const char *payroll__program_name(struct store *s, const char *program, dib_arena *a);

/* The base and add-on due for one month from entitlement row b: the
 * decision's, or — when it recorded its income and the gap method is in
 * force (p not NULL) — its base recomputed with that month's standard
 * (amount_gap_base). The one rule both the roster and the account use. */
void payroll__due_month(const amount_params *p, dib_fen standard, const store_payroll_basis *b,
			dib_fen *base, dib_fen *addon);

/* Inserts a new run of county × program × kind ("regular", "arrears",
 * "reissue") for period p inside the transaction: its id and number
 * (county, period, program, R/B/F, sequence), due on *due (NULL: the
 * period's due day), texts in the caller's code[PAY_PERIOD_CODE], no[64],
 * now[DIB_TIME_UTC_SIZE]; totals zero (payroll_build.c). */
dib_code payroll__new_run(struct store *s, const char *county, const char *program,
			  const char *kind, struct pay_period p, const struct pay_params *pp,
			  const char *basis, const char *actor, const dib_date *due,
			  store_payroll_run *run, char *code, char *no, char *now, dib_err *err);

/* The county (6 digits) of a preparing step into county: given (6 or 12
 * digits) or who's; who must hold payroll_prepare and sit inside it. */
dib_code payroll__prepare_county(const struct authz_subject *who, const char *given,
				 char county[REGION_COUNTY_LEN + 1], dib_err *err);

/* The county (6 digits) a read is about into c: given (6 or 12 digits) or
 * who's; who must hold payroll_read, and a user at or below county level
 * must belong to it (one above: have it in scope). */
dib_code payroll__read_county(const struct authz_subject *who, const char *given,
			      char c[REGION_COUNTY_LEN + 1], dib_err *err);

/* Whether a and b are the same control totals. */
bool payroll__same(const store_payroll_totals *a, const store_payroll_totals *b);

/* ---- deducting overpayments from a roster's lines (payroll_recover.c) ---- */

/* A deduction decided for the line at index `line` of the batch being
 * written, to become a recoveries row once the line has its id. */
struct payroll__take {
	size_t line;
	int64_t overpayment_id, fen;
};

/* The deductions of one roster build: the open overpayments of its county
 * and program to deduct (with what each still has outstanding, lowered as
 * lines take from it) and the batch's takes. Lives for one build; its
 * memory is its own (payroll__recover_release). */
struct payroll__recover {
	int max_bp;                      /* pay.recovery_max_bp for the period */
	store_overpayment_due *due;      /* by household, person, id */
	dib_fen *out, *take;             /* outstanding and scratch, parallel to due */
	size_t ndue;
	struct payroll__take *takes;
	size_t ntakes, cap;
	const char *actor;
	char now[DIB_TIME_UTC_SIZE];
	dib_arena a;
};

/* Loads the deductions of run (a regular run; any other kind deducts
 * nothing) inside the transaction: its county's share for the period's
 * first month and the open overpayments of the program, row-locked. */
dib_code payroll__recover_init(struct payroll__recover *r, struct store *s,
			       const store_payroll_run *run, dib_err *err);
/* Sets l's deduction and total (total = base + add-on − deduction) from
 * the open overpayments of its household and person, and notes the takes
 * for l, the batch's line at index `line`. Before l's totals are added up. */
dib_code payroll__recover_line(struct payroll__recover *r, store_payroll_line *l, size_t line,
			       dib_err *err);
/* Writes the batch's takes as recoveries rows (kind deduction), the lines
 * already inserted (their ids set), and forgets them. */
dib_code payroll__recover_flush(struct payroll__recover *r, struct store *s, const char *county,
				const store_payroll_line *lines, dib_err *err);
void payroll__recover_release(struct payroll__recover *r);

/* Inserts the lines ls[0..n) of a reissue of the failed lines orig[0..n)
 * (copied from them, their deductions included): each carries its
 * original's deductions again, each up to what the overpayment still has
 * outstanding now (another roster or a repayment may have recovered some
 * since the line failed), its total set to base + add-on − what it
 * carries, with its own recoveries rows (actor's). Inside the transaction. */
dib_code payroll__reissue_insert(struct store *s, const char *county, const char *actor,
				 const store_payroll_failed *orig, store_payroll_line *ls, size_t n,
				 dib_arena *a, dib_err *err);

#endif
