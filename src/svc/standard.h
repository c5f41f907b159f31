/*
 * standard.h (svc) — assistance standards (保障标准) per county and program
 * with their effective dates and whole history (domain.md: "a standard is
 * a row with a county, a program, an amount, a unit and an effective-from
 * date"): setting one, listing the history, the standard in force on a
 * date, and its monthly amount. The rows are store/store_standard.h's.
 *
 * Rules kept here:
 *  - a standard takes effect on the first day of a month (payroll is
 *    monthly: a month uses the standard in force on its first day) and is
 *    in force until the next one of the same county and program. Its date
 *    may lie in the past — a rise decided in October from July is how
 *    arrears (补发) arise (seed 000) — or in the future;
 *  - history is never rewritten: setting a standard for a date that
 *    already has one is a correction, allowed only while that date is
 *    still in the future (today < effective_from) and only with a reason.
 *    The standards table keeps one row per date (its primary key), so a
 *    correction rewrites the amount, decision date and document of that
 *    row, and the audit record keeps the row before and after with the
 *    reason. A standard already in force cannot be corrected
 *    (DIB_ECONFLICT): set a new one from a later month instead;
 *  - the amount is per person and per the program's unit (programs.unit:
 *    person_month, person_year or once), more than 0 and at most
 *    STANDARD_AMOUNT_MAX_FEN (a guard against a slipped zero);
 *  - the monthly amount of a person_year standard (农村低保, 特困) is a
 *    twelfth rounded by the county's parameter pair
 *    standard.rural_monthly_rounding_unit/_mode (svc/params.h) in force
 *    on the date asked; person_month standards are monthly already; once
 *    (临时救助) has none;
 *  - authorisation: setting needs AUTHZ_STANDARD_WRITE on the county
 *    (county approvers and system administrators of the county or above);
 *    reading as svc/params.h params_read_check (AUTHZ_REGION_READ, the
 *    county inside the user's subtree or above his region). who NULL is
 *    the command line (the operator of the server);
 *  - every write is one transaction with one audit record: action
 *    "standard.set" or "standard.correct", entity "standard", entity_id
 *    "COUNTY/PROGRAM/DATE", the row (before and) after as JSON, the reason.
 *
 * Thread-safety: as the store connection.
 */
#ifndef DIB_SVC_STANDARD_H
#define DIB_SVC_STANDARD_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/date.h"
#include "core/money.h"
#include "store/store.h"
#include "store/store_params.h"
#include "store/store_standard.h"
#include "svc/authz.h"

#define STANDARD_AMOUNT_MAX_FEN INT64_C(10000000) /* 100,000 元 per person and unit */

struct standard_set_req {
	const char *county;     /* a county: 6 or 12 digits */
	const char *program;    /* programs.code: "dibao_urban" … */
	const char *from;       /* "YYYY-MM-01" */
	dib_fen amount_fen;     /* per person and unit */
	const char *decided_on; /* "YYYY-MM-DD", not after today; NULL/"" none */
	const char *document;   /* 文件号; NULL/"" none */
	const char *reason;     /* required for a correction */
};

/* A standard as shown. */
struct standard_info {
	store_standard st;        /* strings allocated in the call's arena */
	const char *program_name; /* "城市低保" */
	bool has_monthly;         /* false for one-off programs */
	dib_fen monthly_fen;      /* per person per month, see the rules above */
	bool in_force;            /* the row in force on the date of the call */
};

/* Sets r on behalf of who (NULL: the command line) as actor; today is the
 * business date. *corrected (may be NULL) tells a correction from a new
 * date. DIB_EINVAL for a bad county, program, date, amount or text, a
 * missing reason for a correction, or a correction that changes nothing;
 * DIB_EPERM; DIB_ECONFLICT for a correction of a standard in force. */
dib_code standard_set(struct store *s, const struct authz_subject *who, const char *actor,
		      const struct standard_set_req *r, dib_date today, bool *corrected,
		      dib_err *err);

/* The history of the standards, oldest first (by county, program, date),
 * with the row in force on date on marked; monthly amounts: the rounding in
 * force on on for that row, on their own date for the others. county: a
 * county (6 or 12 digits), or NULL/"" for every county in who's subtree
 * (who's own county when who sits at or below county level; every county
 * for the command line). program NULL/"": every program. *out an array of
 * *n allocated in a. */
dib_code standard_list(struct store *s, const struct authz_subject *who, const char *county,
		       const char *program, dib_date on, dib_arena *a,
		       struct standard_info **out, size_t *n, dib_err *err);

/* The standard of county and program in force on date on (authorisation
 * as for reading; who NULL: none). DIB_ENOTFOUND when none is in force
 * yet; DIB_EINVAL for an unknown program or a bad county. */
dib_code standard_in_force(struct store *s, const struct authz_subject *who,
			   const char *county, const char *program, dib_date on, dib_arena *a,
			   struct standard_info *out, dib_err *err);

/* The monthly amount per person of the standard in force on date on, for
 * the amount and payroll rules (no authorisation; a few queries, so a
 * batch job asks once per county, program and month). DIB_ENOTFOUND as
 * standard_in_force; DIB_EINVAL for a program paid once. */
dib_code standard_monthly(struct store *s, const char *county, const char *program,
			  dib_date on, dib_fen *out, dib_err *err);

/* Every program (救助项目) with its unit, ordered by code; allocated in a. */
dib_code standard_programs(struct store *s, dib_arena *a, store_program **out, size_t *n,
			   dib_err *err);

#endif
