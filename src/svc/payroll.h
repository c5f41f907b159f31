/*
 * payroll.h (svc) — paying the money: payroll runs (发放批次) built from the
 * entitlements in force, checked township by township, approved by the
 * county and sent to the bank (issue 5; regulations.md §1.13, §9).
 *
 * A run is one county × program × pay period (core/payperiod.h: the
 * county's rhythm for the program decides whether the period is a month, a
 * quarter, a half-year or a year) × kind. Building it (造册) writes, in one
 * transaction, the run with its control totals (households, persons,
 * amount, lines), one section per township with its own totals, and one
 * frozen line per household (低保) holding the payee, ID number, bank
 * account, village and amounts of that moment: later edits of the register
 * never change a built roster. A crash mid-build leaves no trace of it.
 *
 * The steps and who takes them (three different people; the auditor and
 * every payroll_read holder only look):
 *   build      any payroll_prepare holder of the county (a township clerk):
 *              idempotent — a period that already has a live run gives that
 *              run back unchanged
 *   submit     a township's clerk (payroll_prepare, the township in scope)
 *              checks and submits its section; refused while a line lacks
 *              a payee or a bank account (fix the register, then rebuild)
 *   rebuild    the township's clerk rebuilds a section not yet submitted
 *              (or sent back) from today's register; the run's declared
 *              totals follow and the event records old and new
 *   send_back  the county (payroll_approve) returns a submitted section
 *              with a reason
 *   approve    the county, once every section is submitted, by someone
 *              who submitted none of them; the lines must still add up to
 *              the declared totals, section by section
 *   cancel     the county, with a reason, before export: its lines become
 *              void and the period may be built again
 * After export a run is never edited: corrections are new lines (reissue,
 * arrears) in new runs.
 *
 * Every step is one transaction with one payroll_events row and one audit
 * record. The money is int64 fen.
 *
 * Thread-safety: as struct store — one connection per thread.
 */
#ifndef DIB_SVC_PAYROLL_H
#define DIB_SVC_PAYROLL_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "util/buf.h"
#include "core/date.h"
#include "core/payperiod.h"
#include "store/store_payroll.h"
#include "svc/authz.h"

struct store;

/* The states of a run (payroll_runs.state). */
#define PAYROLL_PREPARED "prepared"   /* built; townships check and submit */
#define PAYROLL_APPROVED "approved"   /* the county approved it */
#define PAYROLL_EXPORTED "exported"   /* the bank file went out */
#define PAYROLL_RETURNED "returned"   /* the bank's return is recorded */
#define PAYROLL_RECONCILED "reconciled"
#define PAYROLL_CANCELLED "cancelled"

/* 待乡镇报送, 已审批, … for a state code; the code itself when unknown. */
const char *payroll_state_name(const char *state);
/* 未报送, 已报送, 已退回 for a section state. */
const char *payroll_section_state_name(const char *state);
/* 造册, 乡镇报送, 县局审批, … for a step of a run's timeline
 * (payroll_events.action), as the API's action_name and `payroll show`
 * give it; the code itself when unknown. */
const char *payroll_action_name(const char *action);

struct payroll_build_req {
	const char *county;  /* 6 or 12 digits; NULL/"": who's county */
	const char *program; /* a payroll program (core/payperiod.h) */
	const char *period;  /* in the county's rhythm for the program: 2026-07, 2026Q3 … */
};

struct payroll_build_result {
	int64_t run_id;
	bool created;   /* false: the period's live run already existed */
	store_payroll_totals declared;
	size_t sections;
};

/* Builds the regular run of req for the business date today (see the
 * header comment). DIB_EINVAL for an unknown program, a period not in the
 * program's rhythm or in the future (a period may be built from the month
 * before it starts), no standard in force; DIB_EPERM; DIB_ENOTFOUND
 * "本期没有应发放的对象" when no entitlement is in force in the period. */
dib_code payroll_build(struct store *s, const struct authz_subject *who, const char *actor,
		       const struct payroll_build_req *req, dib_date today, dib_arena *a,
		       struct payroll_build_result *out, dib_err *err);

/* The steps on a run (see above). township: a 12-digit township code. */
dib_code payroll_submit(struct store *s, const struct authz_subject *who, const char *actor,
			int64_t run_id, const char *township, dib_err *err);
dib_code payroll_rebuild(struct store *s, const struct authz_subject *who, const char *actor,
			 int64_t run_id, const char *township, dib_date today, dib_arena *a,
			 dib_err *err);
dib_code payroll_send_back(struct store *s, const struct authz_subject *who, const char *actor,
			   int64_t run_id, const char *township, const char *reason, dib_err *err);
dib_code payroll_approve(struct store *s, const struct authz_subject *who, const char *actor,
			 int64_t run_id, dib_err *err);
dib_code payroll_cancel(struct store *s, const struct authz_subject *who, const char *actor,
			int64_t run_id, const char *reason, dib_err *err);

/* A run as shown: the row, its sections, its timeline and what its lines
 * add up to now (the control check: equal to declared unless something
 * went wrong). A township user sees the run with only its own section. */
struct payroll_view {
	store_payroll_run run;
	const char *program_name;
	char period_name[PAY_PERIOD_NAME];
	store_payroll_section *sections;
	size_t nsections;
	store_payroll_event *events;
	size_t nevents;
	store_payroll_totals actual;
	bool totals_ok;
	/* once exported: the bank template's name and bank, from its text
	 * frozen on the run (NULL before; the payer account and the file's
	 * date are run.payer_account and run.file_date) */
	const char *template_name, *template_bank;
};

dib_code payroll_get(struct store *s, const struct authz_subject *who, int64_t run_id,
		     dib_arena *a, struct payroll_view *out, dib_err *err);

/* The runs of a county (NULL/"": who's), program NULL/"" for every one. */
dib_code payroll_list(struct store *s, const struct authz_subject *who, const char *county,
		      const char *program, dib_arena *a, store_payroll_run **out, size_t *n,
		      dib_err *err);

/* A program paid by roster as a county pays it on a date: its rhythm, the
 * period the date falls in and the next one (a period may be built from
 * the month before it), their due days, and whether dibao builds its
 * rosters yet. */
struct payroll_program_info {
	const char *program;
	enum pay_rhythm rhythm;
	struct pay_period current, next;
	dib_date current_due, next_due;
	bool buildable;
};

/* Every payroll program for who's county (county NULL/""), out[PAY_PROGRAMS]. */
dib_code payroll_programs(struct store *s, const struct authz_subject *who, const char *county,
			  dib_date today, struct payroll_program_info *out, dib_err *err);

/* A page of a run's lines (a township user: its township's only). */
dib_code payroll_lines(struct store *s, const struct authz_subject *who, int64_t run_id,
		       const store_payroll_line_filter *f, dib_arena *a, store_payroll_line **out,
		       size_t *n, int64_t *total, dib_err *err);

/* ---- after approval (svc/payroll_pay.c) ----
 * The payment officer (payroll_pay, in the county; never someone who
 * built, submitted or approved the run) exports the bank file in a
 * template of the county's bank; its bytes' SHA-256 and the template text
 * are frozen on the run, and a later download writes the file again and
 * refuses it if the checksum differs. The bank's return file marks each
 * line paid or failed (all or nothing: a line that is not the run's, an
 * amount or account that differs, a result given twice is refused naming
 * the file's line); when no line is pending the run is 已回盘. Failed
 * lines wait in the reissue queue; a reissue run (kind "reissue") takes
 * them with the account now in the register and goes through the same
 * steps. Reconciliation: declared = paid + reissued + failed, to the fen. */

/* A bank template as offered: a built-in sample or the county's own. */
struct payroll_template {
	const char *name, *bank, *note, *text, *encoding, *created_by;
	bool builtin, fixed;
	const char *created_at; /* a county's own: when it was added (UTC); NULL for a built-in */
};
dib_code payroll_templates(struct store *s, const struct authz_subject *who, const char *county,
			   dib_arena *a, struct payroll_template **out, size_t *n, dib_err *err);
/* Adds a county template (payroll_pay): text in core/bankfile.h's form. */
dib_code payroll_template_add(struct store *s, const struct authz_subject *who, const char *actor,
			      const char *county, const char *text, dib_err *err);
/* Deletes the county's own template name (county NULL/"": who's), with
 * payroll_pay on the county; one transaction, one audit record
 * (payroll.template_delete, before: the template). Runs exported with it
 * keep its text, frozen on them. DIB_EINVAL without a name; DIB_ECONFLICT
 * for a built-in sample ("…是内置样例，不能删除"); DIB_ENOTFOUND when the
 * county has no template of that name. */
dib_code payroll_template_delete(struct store *s, const struct authz_subject *who,
				 const char *actor, const char *county, const char *name,
				 dib_err *err);

struct payroll_export_req {
	int64_t run_id;
	const char *template_name; /* a built-in's or the county's own */
	/* 付款账号, digits; NULL/"": the county's parameter pay.payer_account
	 * in force on the export's day (svc/params.h), if it has one */
	const char *payer_account;
	/* how the caller gives payer_account ("--payer", "payer_account"),
	 * named when a template needs one and none is given; NULL: the latter */
	const char *payer_option;
};

/* A file for the bank: its name, checksum and bytes (release bytes). */
struct payroll_file {
	char name[96];
	char sha256[65];
	dib_buf bytes;
};

dib_code payroll_export(struct store *s, const struct authz_subject *who, const char *actor,
			const struct payroll_export_req *req, dib_date today, dib_arena *a,
			struct payroll_file *out, dib_err *err);
/* The exported file again (county-level payroll_read), verified. */
dib_code payroll_bank_file(struct store *s, const struct authz_subject *who, int64_t run_id,
			   dib_arena *a, struct payroll_file *out, dib_err *err);

struct payroll_return_result {
	int64_t rows, paid, paid_fen, failed, failed_fen;
	int64_t pending_left; /* lines of the run still without a result */
	int64_t recovered_closed; /* overpayments its paid deductions closed */
};
/* today: the business date — an overpayment the return's paid lines
 * recover in full is closed on it, in the same transaction. */
dib_code payroll_record_return(struct store *s, const struct authz_subject *who,
			       const char *actor, int64_t run_id, const char *file_name,
			       const char *bytes, size_t len, dib_date today, dib_arena *a,
			       struct payroll_return_result *out, dib_err *err);

/* The reissue queue: failed lines no reissue took up (program NULL: all). */
dib_code payroll_failed(struct store *s, const struct authz_subject *who, const char *county,
			const char *program, dib_arena *a, store_payroll_failed **out, size_t *n,
			dib_err *err);
/* Builds a reissue run of the queue's lines of program (payroll_prepare in
 * the county), each with the household's account now in the register and
 * its original's deduction of overpayments, as far as still outstanding.
 * DIB_ENOTFOUND "没有待重发的发放失败记录" when the queue is empty. */
dib_code payroll_build_reissue(struct store *s, const struct authz_subject *who,
			       const char *actor, const char *county, const char *program,
			       dib_date today, dib_arena *a, struct payroll_build_result *out,
			       dib_err *err);

struct payroll_recon {
	store_payroll_run run;
	store_payroll_recon sums;
	store_payroll_return *returns;
	size_t nreturns;
	bool balanced; /* nothing pending and declared = paid + reissued + failed */
};
dib_code payroll_reconciliation(struct store *s, const struct authz_subject *who, int64_t run_id,
				dib_arena *a, struct payroll_recon *out, dib_err *err);
/* Closes a returned run whose reconciliation balances (payroll_pay). */
dib_code payroll_reconcile(struct store *s, const struct authz_subject *who, const char *actor,
			   int64_t run_id, dib_err *err);

/* ---- arrears and overpayments (svc/payroll_arrears.c) ---- */

struct payroll_arrears_req {
	const char *county;        /* NULL/"": who's */
	const char *program;       /* any program paid by roster (pay_program_index) */
	const char *from, *to;     /* period codes in the program's rhythm, inclusive */
};
struct payroll_arrears_result {
	int64_t run_id;
	store_payroll_totals declared;      /* the arrears lines */
	int64_t overpayments, overpaid_fen; /* recorded to recover */
	int64_t netted, netted_fen;         /* a reversal netted against them */
};
/* Recomputes every household's due (a program paid per person: every
 * person's, the lines and overpayments then naming the person) for the
 * periods from..to (each sent to the bank already) with the standards and
 * rules in force for each month now, and builds an arrears run (kind "arrears", 补发) of the differences
 * due; differences paid beyond what is due become overpayments (应追缴,
 * plan: deduction). payroll_prepare in the county. DIB_ENOTFOUND when
 * nothing differs; DIB_ECONFLICT for a period whose roster has not gone to
 * the bank. A household already given arrears for a period cannot get a
 * second arrears line for it (never twice): DIB_ECONFLICT naming it. */
dib_code payroll_build_arrears(struct store *s, const struct authz_subject *who,
			       const char *actor, const struct payroll_arrears_req *req,
			       dib_date today, dib_arena *a, struct payroll_arrears_result *out,
			       dib_err *err);

/* ---- a household's account (svc/payroll_due.c) ---- */

/* One month of one program: what was due (the entitlement in force that
 * month, recomputed with that month's standard), paid, still pending at
 * the bank, failed (not yet reissued), and owed = due − paid − pending
 * (negative: paid beyond what is due). */
struct payroll_month {
	dib_month month;
	int64_t due_fen, paid_fen, pending_fen, failed_fen, owed_fen;
	/* overpaid: overpayments recorded for the period of this month (at its
	 * first month); recovered: deducted from a line the bank paid for this
	 * month, and repaid with a receipt dated in it. Paid stays what the
	 * line paid for the month before its deduction: the deduction is the
	 * household giving back an old overpayment, not less paid now. */
	int64_t overpaid_fen, recovered_fen;
};
struct payroll_account {
	const char *program, *program_name;
	struct payroll_month *months; /* from the first entitlement's month to today's (60 at most) */
	size_t nmonths;
	int64_t due_fen, paid_fen, pending_fen, failed_fen, owed_fen;
	/* every overpayment of the program, also outside the months shown:
	 * overpaid (their amounts), recovered (counted), recovering (deducted
	 * on lines still at the bank) and outstanding (still to recover) */
	int64_t overpaid_fen, recovered_fen, recovering_fen, outstanding_fen;
	/* no longer owed though nothing came back: netted or waived (v15) */
	int64_t cancelled_fen;
};
struct payroll_household_view {
	struct payroll_account *accounts; /* one per program the household ever had */
	size_t naccounts;
	store_payroll_hline *lines;       /* every line built for it */
	size_t nlines;
	store_overpayment_row *overpayments; /* every overpayment, oldest first */
	size_t noverpayments;
};
/* The account of household_id (register_read on it). DIB_ENOTFOUND. */
dib_code payroll_household(struct store *s, const struct authz_subject *who, int64_t household_id,
			   dib_date today, dib_arena *a, struct payroll_household_view *out,
			   dib_err *err);

/* ---- overpayments and their recovery (svc/payroll_recover.c) ----
 * An overpayment (应追缴) is money paid beyond what was due: found by an
 * arrears recomputation (reason recompute, plan deduct) or recorded by the
 * county (fraud, recompute, other) with its plan:
 *   deduct  every later regular roster of the program takes from the
 *           household's (or the person's) line min(outstanding,
 *           floor((base + add-on) × pay.recovery_max_bp / 10000)) and
 *           never the whole line (core/recovery.h), oldest overpayment
 *           first; counted once the bank's return pays that line
 *   repay   the household pays it back; each repayment is recorded with
 *           its receipt (the payment officer)
 * It is closed (closed_reason "recovered") in the transaction that makes
 * what is counted reach its amount: the bank's return or the repayment.
 * What is no longer owed though nothing came back is cancelled (schema
 * v15): netted by a recomputation that found the months due again
 * (closed_reason "netted" once nothing is left), or waived (核销, "waived").
 * Outstanding = amount − cancelled − recovered − pending. */

#define PAYROLL_AMOUNT_MAX_FEN 100000000000LL /* 10 亿元: no typed amount is more */

struct payroll_overpayment_req {
	int64_t household_id;
	int64_t person_id;   /* 0: the household's; a program paid per person needs the person */
	const char *program; /* a payroll program */
	const char *period;  /* the period overpaid, in the county's rhythm for the program */
	int64_t amount_fen;  /* > 0 */
	const char *reason;  /* fraud | recompute | other */
	const char *plan;    /* deduct | repay */
	const char *note;    /* what was found (required) */
};
/* Records an overpayment by hand (payroll_approve on the household: the
 * county's finding). *id the new one. DIB_EINVAL for a field out of form
 * (a period still to come, a person who never was a member, a person for
 * 低保 or none for a program paid per person); DIB_EPERM; DIB_ENOTFOUND
 * for the household. */
dib_code payroll_overpayment_add(struct store *s, const struct authz_subject *who,
				 const char *actor, const struct payroll_overpayment_req *req,
				 dib_date today, int64_t *id, dib_err *err);

/* Changes the plan (deduct | repay) of an open overpayment (payroll_approve
 * on its household). Deductions already on rosters stay. DIB_ECONFLICT
 * for a closed one. */
dib_code payroll_overpayment_plan(struct store *s, const struct authz_subject *who,
				  const char *actor, int64_t id, const char *plan, dib_err *err);

struct payroll_repay_req {
	int64_t overpayment_id;
	int64_t amount_fen;     /* > 0, at most what is outstanding */
	const char *receipt_no; /* the receipt (缴款收据号), unique in the county */
	const char *paid_on;    /* the receipt's day YYYY-MM-DD; NULL/"": today */
};
struct payroll_repay_result {
	int64_t recovery_id;
	store_overpayment_row after; /* the overpayment with the repayment counted */
	bool closed;
};
/* Records a repayment (payroll_pay on the household). DIB_ECONFLICT "退款
 * … 超过尚未追回的 …" for more than is outstanding (deductions pending at
 * the bank set aside), for a closed overpayment, for a receipt recorded
 * before; nothing is written then. */
dib_code payroll_repay(struct store *s, const struct authz_subject *who, const char *actor,
		       const struct payroll_repay_req *req, dib_date today, dib_arena *a,
		       struct payroll_repay_result *out, dib_err *err);

struct payroll_waive_req {
	int64_t overpayment_id;
	const char *reason;   /* why it cannot be recovered (死亡, 无力偿还 …), required */
	const char *doc_no;   /* the county's decision (文号), required */
};
/* Waives (核销) what an open overpayment still has outstanding: the county
 * approver (payroll_approve on its household), never the one who recorded
 * it (separation of duties: who finds a debt does not forgive it). It
 * becomes cancelled and waived, and the overpayment is closed (closed_reason
 * "waived") on today. *after the overpayment as it is then. DIB_EINVAL for
 * a missing reason or document number; DIB_ENOTFOUND; DIB_EPERM;
 * DIB_ECONFLICT for a closed one or one with deductions still at the bank
 * (waived after the bank's return). One transaction, one audit record. */
dib_code payroll_overpayment_waive(struct store *s, const struct authz_subject *who,
				   const char *actor, const struct payroll_waive_req *req,
				   dib_date today, dib_arena *a, store_overpayment_row *after,
				   dib_err *err);

struct payroll_overpayment_filter {
	const char *county;   /* NULL/"": who's */
	int64_t household_id; /* 0: every household (a township's user: its own) */
	bool open_only;
	int64_t limit, offset; /* limit 1..1000, else 100 */
};
/* The overpayments of a county (payroll_read; a township's user sees its
 * township's households). */
dib_code payroll_overpayments(struct store *s, const struct authz_subject *who,
			      const struct payroll_overpayment_filter *f, dib_arena *a,
			      store_overpayment_row **out, size_t *n, int64_t *total,
			      dib_err *err);

struct payroll_overpayment_view {
	store_overpayment_row row;
	const char *program_name;
	store_recovery *recoveries; /* oldest first */
	size_t nrecoveries;
};
/* One overpayment with its recoveries (payroll_read on its household).
 * DIB_ENOTFOUND "应追缴记录 N 不存在". */
dib_code payroll_overpayment_get(struct store *s, const struct authz_subject *who, int64_t id,
				 dib_arena *a, struct payroll_overpayment_view *out, dib_err *err);

/* 追缴原因 / 追缴方式 in Chinese for a code; the code itself when unknown. */
const char *payroll_overpayment_reason_name(const char *reason);
const char *payroll_overpayment_plan_name(const char *plan);

#endif
