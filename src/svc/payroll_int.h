/*
 * payroll_int.h — what the files of svc/payroll*.c share: loading a run
 * with the caller's right to it, the event + audit pair every step writes,
 * the roster builders, the month-by-month amounts they pay and the roster
 * writer they fill their lines through.
 * Thread-safety: as struct store — one connection per thread.
 */
#ifndef DIB_SVC_PAYROLL_INT_H
#define DIB_SVC_PAYROLL_INT_H

#include "svc/payroll.h"
#include "svc/benefit_int.h"
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
/* As payroll__record, with what the bank's return reported (outcome; NULL
 * as payroll__record; kept only with totals). */
dib_code payroll__record_outcome(struct store *s, const store_payroll_run *run,
				 const char *action, const char *township, const char *actor,
				 const char *reason, const store_payroll_totals *totals,
				 const store_payroll_outcome *outcome, json_t *after, dib_err *err);

/* Builds the lines of run (its program, period and months) from the
 * register, for township (NULL: every township), inserting them and one
 * section per township in state "built"; *sum gets the totals of what was
 * written, *nsections the sections. Inside the transaction. */
dib_code payroll__build_lines(struct store *s, const store_payroll_run *run,
			      const char *township, store_payroll_totals *sum, size_t *nsections,
			      dib_err *err);

/* The months one line covers at most (a yearly period). */
#define PAYROLL__MAX_MONTHS 12

/* What a 低保 roster pays each month of a period (payroll_build.c): the
 * standard and the amount rules in force in it, with which a decision's
 * base is recomputed (a standard raised since, even retroactively, pays
 * from its effective month). */
struct payroll__hmonths {
	int n;
	char months[PAYROLL__MAX_MONTHS][DIB_DATE_STR]; /* first days */
	dib_fen standard[PAYROLL__MAX_MONTHS];          /* 0: none in force */
	amount_params amount[PAYROLL__MAX_MONTHS];
	bool have_rules[PAYROLL__MAX_MONTHS];
};
/* Loads the n months (at most PAYROLL__MAX_MONTHS) from first of county ×
 * program; the rules' strings in a. */
dib_code payroll__hmonths_load(struct store *s, const char *county, const char *program,
			       dib_month first, int n, dib_arena *a, struct payroll__hmonths *out,
			       dib_err *err);
struct payroll__writer;

/* A 低保 household being gathered from its source rows, one row after
 * another (payroll_build.c): its line, started from its first row, and
 * what each month pays — base and add-on (payroll__due_month with the
 * month's standard) and the entitlement behind it (0: no row covers the
 * month). household_id 0: none yet, or done with. */
struct payroll__hgather {
	int64_t household_id;
	store_payroll_line line;
	int64_t base[PAYROLL__MAX_MONTHS], addon[PAYROLL__MAX_MONTHS], ent[PAYROLL__MAX_MONTHS];
};
/* Adds source row r to h: a row of another household starts h afresh
 * (payroll__line_household in w for period and slot; the caller is done
 * with the previous one). A later row (changes split entitlements by
 * month) wins the months it covers. */
dib_code payroll__hgather_add(struct payroll__hgather *h, struct payroll__writer *w,
			      const struct payroll__hmonths *hm, const char *period,
			      const char *slot, const store_payroll_source *r, dib_err *err);

/* What a roster of a program paid per person pays each month of a period
 * (payroll_person.c): the month, the county's parameters and standards in
 * force in it, and the period's first day (the guardian rule's). */
struct payroll__pmonths {
	int n;
	struct benefit__month mc[PAYROLL__MAX_MONTHS];
	char first_day[DIB_DATE_STR];
};
dib_code payroll__pmonths_load(struct store *s, const char *county, const char *program,
			       dib_month first, int n, struct payroll__pmonths *out, dib_err *err);
/* One person's months: row[k] the program's row covering month k (NULL:
 * none, paid[k] zero), paid[k] what core/benefit pays for it. */
struct payroll__pdue {
	const store_payroll_ent *row[PAYROLL__MAX_MONTHS];
	struct benefit__paid paid[PAYROLL__MAX_MONTHS];
};
dib_code payroll__person_due(const struct payroll__pmonths *pm, const char *program,
			     const store_payroll_person *p, struct payroll__pdue *out, dib_err *err);

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

/* One code of a payroll table (states, overpayment reasons and plans) and
 * its Chinese name. */
struct payroll__name {
	const char *code, *name;
};
/* The name of code in t[0..n) (static tables); code itself when it has
 * none, "" for NULL. */
const char *payroll__name_of(const struct payroll__name *t, size_t n, const char *code);

/* The name and bank of a bank template from its text (a run's frozen
 * file_template; payroll_pay.c), copied into a; both NULL when text is
 * NULL, "" or no longer parses. DIB_ENOMEM only. */
dib_code payroll__template_names(const char *text, dib_arena *a, const char **name,
				 const char **bank, dib_err *err);

/* payroll_reconciliation, refusing a reader below the county with "<what>
 * 不在您的管辖区域内" (what: the paper asked for, "该批次的计财台账"). */
dib_code payroll__reconciliation(struct store *s, const struct authz_subject *who,
				 int64_t run_id, const char *what, dib_arena *a,
				 struct payroll_recon *out, dib_err *err);

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

/* ---- writing a roster's lines (payroll_lines.c) ----
 * What every roster writer shares — the regular 低保 roster, the roster of
 * a program paid per person and the arrears run: the line's frozen payee,
 * account and village, the batches (BATCH lines, their strings in the
 * writer's arena, reset after each batch: bounded memory for a county of a
 * million households), the deductions of a regular roster, the township
 * sections and the declared control totals. */

/* A township's totals in a build. */
struct payroll__town {
	char code[REGION_LEN + 1];
	store_payroll_totals t;
};

struct payroll__writer {
	struct store *s;
	const store_payroll_run *run;
	dib_arena a;                 /* the batch's strings: payroll__keep */
	store_payroll_line *lines;   /* the batch */
	size_t n;
	int64_t last_household;      /* of the last line added */
	struct payroll__town *towns;
	size_t ntowns;
	store_payroll_totals sum;
	struct payroll__recover rec; /* a regular roster's deductions */
};

/* Starts w for run (the deductions of a regular run loaded). Release with
 * payroll__writer_release, also on error. */
dib_code payroll__writer_init(struct payroll__writer *w, struct store *s,
			      const store_payroll_run *run, dib_err *err);
void payroll__writer_release(struct payroll__writer *w);

/* A copy of str in w's arena (lives until the line holding it is written);
 * NULL for NULL and when out of memory. */
const char *payroll__keep(struct payroll__writer *w, const char *str);

/* Starts *l as a pending line of w's run for period (NULL: the run's) in
 * slot ("regular" or "arrears") of household source row r: its village,
 * number, head as payee — "" when it has none: the line says so and the
 * section cannot be submitted — account, and r's persons. Strings kept
 * in w; amounts zero. */
dib_code payroll__line_household(struct payroll__writer *w, store_payroll_line *l,
				 const char *period, const char *slot,
				 const store_payroll_source *r, dib_err *err);
/* The same for person p (person_id set, persons 1): the payee is the
 * person, or — under 18 on first_day, the head being someone else — the
 * head as guardian (监护人). */
dib_code payroll__line_person(struct payroll__writer *w, store_payroll_line *l,
			      const char *period, const char *slot, const store_payroll_person *p,
			      const char *first_day, dib_err *err);

/* Adds line l (its strings kept in w) to the batch: its deduction set (a
 * regular run), its township's and the run's totals counted — a new
 * household when its household is not the last line's — and the batch
 * written when full. */
dib_code payroll__writer_add(struct payroll__writer *w, const store_payroll_line *l,
			     dib_err *err);

/* Writes what is left of the batch and one section per township (state
 * "built"), declaring the totals counted (from_lines false) or those its
 * lines add up to in the database, the run's too (from_lines true: a run
 * whose lines repeat households across periods). *sum, *nsections. */
dib_code payroll__writer_finish(struct payroll__writer *w, bool from_lines,
				store_payroll_totals *sum, size_t *nsections, dib_err *err);

/* One built section per township of towns[0..n) and the run's declared
 * totals, each as the run's lines add up to in the database; *sum the
 * run's. */
dib_code payroll__declare_from_lines(struct store *s, const store_payroll_run *run,
				     const char *const *towns, size_t n, store_payroll_totals *sum,
				     dib_err *err);

/* The end of a build in the open transaction begun by the caller: when rc
 * is DIB_OK, the "build" event and audit record (after j, consumed; NULL
 * is out of memory) and the commit; else — or when they fail — the
 * rollback. Returns the first error. */
dib_code payroll__built(struct store *s, const store_payroll_run *run, const char *actor,
			const store_payroll_totals *sum, json_t *j, dib_code rc, dib_err *err);

#endif
