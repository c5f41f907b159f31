/*
 * coverage.h — while a household is covered (issue 4 item 6): the changes
 * a county decides on its entitlement — increase, reduce, stop, phase-out
 * (增发、减发、停发、渐退) with a reason code, a decision number and an
 * effective month — each with its written notice (reason, basis, how to
 * appeal), numbered and frozen like the case documents; the automatic stop
 * when a phase-out ends; the review a member's death opens (due in 3
 * months); and the job offers whose third refusal in a row costs a member
 * his own share. The rules are core/coverage.h's; the local choices come
 * from the county's parameters (case_rules.cov).
 *
 * A change never edits an amount: it ends the entitlement row in force at
 * the month before it takes effect and opens the next one (none for a
 * stop), so the amount due for any month is one row. A phase-out fixes
 * the stop month when it is decided, so payment ends on time even if the
 * daily job (coverage_run_due) is late; the job records the stop and
 * issues its notice.
 *
 * Who may: changes are decided by county approvers (township reviewers
 * where confirmation is delegated, workflow.confirm_authority); deaths,
 * job offers and the closing of reviews are facts any user who acts on
 * cases may record (AUTHZ_CASE_ACT: a village agent reports a death as
 * often as a caseworker does); all within their region; reading needs
 * AUTHZ_REGISTER_READ. who NULL is the command line (full authority).
 * Every write is one transaction with one audit record.
 * Thread-safety: as the store connection.
 */
#ifndef DIB_SVC_COVERAGE_H
#define DIB_SVC_COVERAGE_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/coverage.h"
#include "core/date.h"
#include "store/store.h"
#include "store/store_case.h"
#include "store/store_coverage.h"
#include "svc/authz.h"

#define COVERAGE_NOTE_MAX 500

struct coverage_change_req {
	int64_t household_id;
	const char *program;      /* "dibao_urban" / "dibao_rural" */
	const char *kind;         /* "increase", "reduce", "stop", "phaseout" */
	const char *reason;       /* a reason code of core/coverage.h */
	const char *decision_no;  /* 决定文书号; NULL where the reason needs none */
	const char *effective;    /* "YYYY-MM"; NULL: the month the rules give */
	const char *event_date;   /* "YYYY-MM-DD" of the fact, where the reason has one;
				     for a phase-out, a day of the month income first
				     exceeded the standard */
	int64_t person_id;        /* the member concerned (member reasons), else 0 */
	bool has_amount;          /* increase/reduce: the new monthly amount given … */
	int64_t amount_fen;       /* … else the household is reassessed on the decision day */
	int phaseout_months;      /* phaseout: months granted */
	const char *note;         /* may be NULL */
};

struct coverage_change_result {
	int64_t change_id;
	int64_t entitlement_id;   /* the new row; 0 for a stop */
	int64_t old_amount_fen, new_amount_fen;
	dib_month effective;
	bool has_stop;
	dib_month stop;           /* phaseout: the automatic stop */
	int64_t document_id;      /* the notice */
	const char *doc_no;       /* in a */
};

/* Decides req on the household's open entitlement of the program, today
 * being the decision day. DIB_EINVAL naming the field (core/coverage.h
 * cov_change_check's messages included); DIB_ENOTFOUND "该户未在享受…";
 * DIB_EPERM; DIB_ECONFLICT for an effective month not after the current
 * row's start, a reassessment that no longer fits the kind, or a work
 * refusal without three refusals on record. Nothing changes on error. */
dib_code coverage_change(struct store *s, const struct authz_subject *who, const char *actor,
			 const struct coverage_change_req *req, dib_date today, dib_arena *a,
			 struct coverage_change_result *out, dib_err *err);

/* Records the automatic stop of every phase-out (of county, or all for
 * NULL) whose stop month has come by today, each in its own transaction
 * with its notice and audit record, as actor ("system" for the daily
 * job). *stopped gets how many. Idempotent: a stop is recorded once. */
dib_code coverage_run_due(struct store *s, const char *county, const char *actor,
			  dib_date today, int *stopped, dib_err *err);

/* Records the death of person_id on death_date (not after today) and opens
 * the review of the household, due 3 months later (cov_death_review_due).
 * The membership itself is ended through the register. *review_id (may be
 * NULL) gets the review. DIB_ECONFLICT when one is open already. */
dib_code coverage_death(struct store *s, const struct authz_subject *who, const char *actor,
			int64_t person_id, const char *death_date, dib_date today,
			int64_t *review_id, dib_err *err);

/* Closes review id with outcome (required: what was decided). */
dib_code coverage_review_close(struct store *s, const struct authz_subject *who,
			       const char *actor, int64_t id, const char *outcome,
			       dib_date today, dib_err *err);

struct coverage_review_row {
	store_review r;
	bool overdue;              /* open and today is after due_on */
};

/* The reviews in who's scope (open only when open_only), by due date. */
dib_code coverage_reviews(struct store *s, const struct authz_subject *who, bool open_only,
			  dib_date today, dib_arena *a, struct coverage_review_row **out,
			  size_t *n, dib_err *err);

/* Records a job offer to person_id (an active member of a covered
 * household) on date with outcome ("accepted", "refused",
 * "refused_justified", "unsuitable") and, when *lost (may be NULL) is set,
 * says whether the member's refusals now cost him his share (three in a
 * row, cov_work_refusal). */
dib_code coverage_offer(struct store *s, const struct authz_subject *who, const char *actor,
			int64_t person_id, const char *date, const char *outcome,
			const char *description, dib_date today, struct cov_refusal *lost,
			dib_err *err);

/* The household's entitlements (latest first) and changes (latest first),
 * for its page. */
dib_code coverage_history(struct store *s, const struct authz_subject *who,
			  int64_t household_id, dib_arena *a, store_entitlement **ents,
			  size_t *nents, store_change **changes, size_t *nchanges, dib_err *err);

#endif
