/*
 * case.h — 低保 cases from application to decision (issue 4): opening an
 * application for a register household, taking the actions of the
 * workflow (core/workflow.h) on it, reading it with its timeline, its
 * documents and the actions open to the reader, and the inboxes.
 *
 * Every action is one transaction with one audit record ("case.<action>",
 * entity "case") and one event row; a step that produces a document
 * (core/workflow.h wf_doc) issues it in the same transaction with its
 * number and frozen content (svc/case_doc.c). Before each action:
 *  - authz: AUTHZ_REGISTER_READ to see a case, AUTHZ_CASE_ACT plus the
 *    workflow's roles (wf_next) to act, on the case's village;
 *  - the guards of the table with the facts of the case and of the record
 *    entered with the action (a visit, an evaluation, a check result);
 *  - separation of duties: the doer of an earlier action of a
 *    wf_sod_pairs pair on this case may not take the later one
 *    (authz_separate);
 *  - the case's version when the caller gives one (two clerks on one
 *    case collide instead of overwriting each other).
 * The township review assesses the household (svc/assessment.h) and keeps
 * the result with the case; the confirmation assesses it again on the
 * decision day, issues the confirmation with the calculation sheet and
 * opens the entitlement from the month after the decision (S1 art. 21).
 * A case of a household with a member who is a close relative of
 * registered staff (svc/staff.h, or the applicant's declaration) is filed
 * (relatives_filed) and needs a county home visit before confirmation.
 *
 * who NULL means the command line (full authority, actor given); HTTP
 * always passes the session's subject. Business dates are parameters.
 * Thread-safety: as the store connection.
 */
#ifndef DIB_SVC_CASE_H
#define DIB_SVC_CASE_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/date.h"
#include "core/workflow.h"
#include "store/store.h"
#include "store/store_case.h"
#include "svc/authz.h"

#define CASE_REASON_MAX 500   /* characters */
#define CASE_NOTE_MAX 500
#define CASE_TEXT_MAX 2000    /* findings, minutes */
#define CASE_NAMES_MAX 10     /* investigators of one visit */

/* ---- the application checklist (S1 art. 9; regulations.md §1.2) ---- */

struct case_checklist_item {
	const char *code;     /* "application", "id_documents", … */
	const char *name;     /* "低保申请书" */
	bool conditional;     /* "按情况": only where it applies */
};

/* The checklist (static storage); *n gets its length. */
const struct case_checklist_item *case_checklist(size_t *n);

/* ---- opening ---- */

struct case_new {
	int64_t household_id;
	const char *program;        /* "dibao_urban" or "dibao_rural" */
	const char *applied_on;     /* "YYYY-MM-DD", not after today; NULL: today */
	const char *const *missing; /* checklist codes still missing */
	size_t nmissing;
	bool relatives_declared;    /* the applicant declares a close relative
				       among bureau staff or the village committee */
	const char *note;           /* may be NULL */
};

/* Opens an application in state "applied" (the event "apply" from
 * "draft"): the household must exist in who's scope and have no open case
 * nor an open entitlement of the program; the relatives check
 * (staff_relatives) runs now and sets relatives_filed with what it found
 * in the event. *id (may be NULL) gets the case id. DIB_EINVAL naming the
 * field; DIB_EPERM; DIB_ENOTFOUND; DIB_ECONFLICT for an open case or
 * entitlement ("该户已有进行中的城市低保申请 410726-2026-000003"). */
dib_code case_open(struct store *s, const struct authz_subject *who, const char *actor,
		   const struct case_new *in, dib_date today, int64_t *id, dib_err *err);

/* ---- acting ---- */

/* A home visit entered with record_visit / county_visit (S1 art. 16). */
struct case_visit {
	const char *date;                 /* "YYYY-MM-DD", not after today */
	const char *const *investigators; /* names, at least 2 for the guard */
	size_t ninvestigators;
	bool form;                        /* 入户调查表 filled in */
	bool staff_signed;                /* every investigator signed */
	bool family_signed;               /* the family members present signed */
	const char *findings;             /* 调查情况, may be NULL */
};

/* A democratic evaluation entered with record_evaluation (S1 art. 19(2),
 * S2 art. 21–22). */
struct case_eval {
	const char *date;
	int attendees;
	int representatives;              /* 村(居)民代表 among them */
	int votes_for;
	int votes_against;
	bool signed_all;
	const char *minutes;              /* 会议记录 */
};

struct case_act {
	int64_t case_id;
	enum wf_action action;
	int version;                      /* 0: do not check */
	const char *reason;               /* NULL when none */
	/* request_documents, resubmit, accept: the checklist codes still
	 * missing (replaces the case's list when has_missing) */
	bool has_missing;
	const char *const *missing;
	size_t nmissing;
	const struct case_visit *visit;   /* record_visit, county_visit */
	const struct case_eval *eval;     /* record_evaluation */
	const char *check_result;         /* record_check: "passed" / "failed" */
	bool objection_evidence;          /* object in check_failed */
	const char *objector;             /* object, complain: who raised it, may be NULL */
	const char *extension;            /* any action: a special circumstance
					     (wf_extension_code) for the 45-day limit;
					     needs reason */
};

struct case_act_result {
	enum wf_state from;
	enum wf_state to;
	int seq;                          /* the event's number */
	int version;                      /* the case's new version */
	int64_t document_id;              /* 0 when none was issued */
	const char *doc_no;               /* in the call's arena; NULL when none */
};

/* Takes in->action on the case (see the file comment for the checks).
 * DIB_EINVAL naming the field; DIB_ENOTFOUND; DIB_EPERM (role, scope or
 * separation of duties, naming who did the earlier step); DIB_ECONFLICT
 * from wf_next (naming the unmet guards) or for a stale version; DIB_ECALENDAR
 * when the calendar lacks a year. Nothing changes on error. */
dib_code case_act(struct store *s, const struct authz_subject *who, const char *actor,
		  const struct case_act *in, dib_date today, dib_arena *a,
		  struct case_act_result *out, dib_err *err);

/* ---- reading ---- */

/* An action open to the reader now, with what still stands in its way. */
struct case_action_view {
	enum wf_action action;
	bool allowed;                     /* roles and guards hold now */
	const char *blocked;              /* Chinese: the unmet guards / SoD; NULL when allowed */
	bool needs_reason;
	enum wf_doc doc;                  /* what it would issue */
};

struct case_view {
	store_case c;
	enum wf_state state;
	struct wf_due due;                /* deadlines of the step and the case */
	enum wf_urgency urgency;
	int days_left;
	bool due_unknown;                 /* the holiday calendar lacks a year the
					     deadline needs (dibao calendar load) */
	store_case_event *events;         /* the timeline, oldest first */
	size_t nevents;
	store_case_doc *docs;             /* without content */
	size_t ndocs;
	struct case_action_view *actions; /* open to who, in table order */
	size_t nactions;
};

/* The case with everything on its page, for who (NULL: all actions shown
 * as allowed by role). DIB_ENOTFOUND; DIB_EPERM outside who's scope. */
dib_code case_get(struct store *s, const struct authz_subject *who, int64_t id,
		  dib_date today, dib_arena *a, struct case_view *out, dib_err *err);

/* Which cases a list or inbox shows. */
enum case_inbox {
	CASE_INBOX_ALL = 0,   /* every case in scope matching the filters */
	CASE_INBOX_MINE,      /* states in which who's roles have a task */
	CASE_INBOX_DUE_SOON,  /* of those, due within the due-soon days */
	CASE_INBOX_OVERDUE,   /* of those, past their due day */
};

struct case_query {
	enum case_inbox inbox;
	const char *region;     /* narrows who's scope; NULL: who's region */
	const char *state;      /* a state code; NULL for all */
	const char *program;    /* NULL for all */
	int64_t household_id;   /* 0 for all */
	int64_t after_id;       /* keyset cursor */
	int limit;              /* 1..500; 0 means 50 */
};

struct case_row {
	store_case c;
	struct wf_due due;
	enum wf_urgency urgency;
	int days_left;
	bool due_unknown;       /* as case_view */
};

/* The cases of q within who's scope, by id; *next (0 when done) is the
 * cursor of the next page; *total the count of all matches (for the
 * due-soon and overdue inboxes, of the page's states). DIB_EINVAL for a
 * bad filter; DIB_EPERM without AUTHZ_REGISTER_READ. */
dib_code case_list(struct store *s, const struct authz_subject *who,
		   const struct case_query *q, dib_date today, dib_arena *a,
		   struct case_row **out, size_t *n, int64_t *next, int64_t *total,
		   dib_err *err);

struct assessment;

/* The assessment of household_id for program on today as the township
 * review would make it (svc/assessment.h), for who to see before an
 * application or a review: a read, nothing is stored. DIB_EPERM outside
 * who's scope (AUTHZ_REGISTER_READ); DIB_ECONFLICT without a standard in
 * force. */
dib_code case_preview(struct store *s, const struct authz_subject *who, int64_t household_id,
		      const char *program, dib_date today, dib_arena *a, struct assessment *out,
		      dib_err *err);

/* The id of the case numbered case_no ("410726-2026-000001") for who
 * (NULL: the command line). DIB_ENOTFOUND; DIB_EPERM outside who's scope. */
dib_code case_find(struct store *s, const struct authz_subject *who, const char *case_no,
		   int64_t *id, dib_err *err);

/* Document id of a case in who's scope (with its content). DIB_ENOTFOUND;
 * DIB_EPERM. The read is not audited (printing is: see the caller). */
dib_code case_document(struct store *s, const struct authz_subject *who, int64_t doc_id,
		       dib_arena *a, store_case_doc *out, dib_err *err);

#endif
