/*
 * workflow.h — the 低保 application workflow as an explicit, table-driven
 * state machine: from the application to the decision, per 《最低生活保障
 * 审核确认办法》(民发〔2021〕57号, "S1") and the ministry's notice of October
 * 2022 on 兜底保障 ("S7"), as digested in regulations.md §1.2–§1.11, §11.1.
 *
 * One constant table (workflow_table.c) holds a row per (state, action):
 * the next state, the roles that may act, the guards (named predicates over
 * the case facts), the notice or document the step produces, whether a
 * reason must be given, and the article it rests on. The functions here
 * only read that table, so the UI's buttons, the inboxes, the services'
 * checks, the DOT picture and docs/internals/workflow.md all say the same.
 *
 * Deadlines are counted on the working-day calendar (core/calendar.h):
 *  - "N 个工作日" from a day: the N-th working day after it — the start day
 *    is not counted (民法典 art. 201; regulations §11.5);
 *  - the public notice's "7 天" are calendar days, the publishing day not
 *    counted; when the 7th day is a day off, the period ends on the first
 *    working day after (民法典 art. 201, 203; regulations §1.8, §11.5);
 *  - the whole case: 30 working days from acceptance (S1 art. 22), 20 where
 *    confirmation is delegated to townships, 45 with a recorded special
 *    circumstance — the sentence of S7 四(一) that allows 45 follows both
 *    limits, so it applies to the delegated case too;
 *  - nothing stops the clock: neither S1 nor S7 knows a pause. S1 art. 29
 *    ends the procedure (终止) when the family refuses to cooperate; it does
 *    not suspend it, so WF_TERMINATED is final and a new application starts
 *    a new clock.
 *
 * The machine is pure: "today", the facts and the calendar are parameters,
 * and nothing is stored. svc keeps the case, its history and the facts,
 * asks wf_next before each action, applies the effects the row announces
 * (WF_F_*), and calls authz_separate for the pairs of wf_sod_pairs.
 *
 * Prefix wf_ (workflow). Thread-safety: pure functions over constant
 * tables; a calendar may be shared read-only.
 */
#ifndef DIB_CORE_WORKFLOW_H
#define DIB_CORE_WORKFLOW_H

#include "util/dib.h"
#include "util/buf.h"
#include "util/err.h"
#include "core/calendar.h"
#include "core/date.h"

/* ---- states, actions, roles, guards, documents ---- */

enum wf_state {
	WF_DRAFT = 0,        /* 草稿: being entered, not yet lodged */
	WF_APPLIED,          /* 已申请, 待受理 (S1 art. 4) */
	WF_DOCS_PENDING,     /* 待补正: the one-time notice was issued (art. 10) */
	WF_ACCEPTED,         /* 已受理 (T0), 待启动调查 (art. 10, 15) */
	WF_INVESTIGATING,    /* 调查中 (art. 15, 16) */
	WF_CHECKING,         /* 信息核对中 (art. 17) */
	WF_CHECK_FAILED,     /* 核对不符合, 已告知 (art. 18) */
	WF_REVIEWED,         /* 初审完成, 待公示 (art. 19) */
	WF_NOTICE,           /* 公示中, 7 天 (art. 19) */
	WF_OBJECTED,         /* 公示有异议 (art. 19(2)) */
	WF_READY,            /* 待报送审核确认 (art. 19) */
	WF_SUBMITTED,        /* 审核确认中 (T1; art. 20) */
	WF_CONFIRMED,        /* 已确认 (art. 21) — final */
	WF_REFUSED,          /* 不予确认, 待书面告知 (art. 21) */
	WF_REFUSAL_NOTIFIED, /* 不予确认, 已书面告知 — final */
	WF_TERMINATED,       /* 已终止审核确认 (art. 29) — final */
	WF_WITHDRAWN,        /* 已撤回 — final */
	WF_STATE_COUNT
};

enum wf_action {
	WF_APPLY = 0,             /* apply: 提交申请 */
	WF_REQUEST_DOCUMENTS,     /* request_documents: 一次性告知补正 */
	WF_RESUBMIT,              /* resubmit: 补正后重新提交 */
	WF_ACCEPT,                /* accept: 受理 */
	WF_START_INVESTIGATION,   /* start_investigation: 启动调查 */
	WF_RECORD_VISIT,          /* record_visit: 登记入户调查 */
	WF_REQUEST_CHECK,         /* request_check: 提请信息核对 */
	WF_RECORD_CHECK,          /* record_check: 登记核对结果 */
	WF_RECORD_EVALUATION,     /* record_evaluation: 登记民主评议 */
	WF_TOWNSHIP_REVIEW,       /* township_review: 乡镇初审 */
	WF_PUBLISH,               /* publish: 发布公示 */
	WF_OBJECT,                /* object: 登记异议 */
	WF_CLOSE_NOTICE,          /* close_notice: 结束公示 */
	WF_SUBMIT,                /* submit: 报送审核确认 */
	WF_COUNTY_VISIT,          /* county_visit: 登记县级入户调查 */
	WF_COMPLAIN,              /* complain: 登记投诉举报 */
	WF_SEND_BACK,             /* send_back: 退回补充调查 */
	WF_CONFIRM,               /* confirm: 确认同意 */
	WF_REFUSE,                /* refuse: 不予确认 */
	WF_NOTIFY,                /* notify: 书面告知送达 */
	WF_TERMINATE,             /* terminate: 终止审核确认 */
	WF_WITHDRAW,              /* withdraw: 撤回申请 */
	WF_ACTION_COUNT
};

/* Role bits; the codes are those of the roles table (sql/0001_init.sql). */
enum wf_role {
	WF_ROLE_VILLAGE_AGENT = 1u << 0,       /* village_agent 村(社区)代办员 */
	WF_ROLE_TOWNSHIP_CASEWORKER = 1u << 1, /* township_caseworker 乡镇(街道)民政经办人 */
	WF_ROLE_TOWNSHIP_REVIEWER = 1u << 2,   /* township_reviewer 乡镇审核人 */
	WF_ROLE_COUNTY_APPROVER = 1u << 3,     /* county_approver 县民政局审批人 */
	WF_ROLE_PETITION_OFFICER = 1u << 4,    /* petition_officer 信访工作人员 */
};
#define WF_ROLE_COUNT 5
#define WF_ROLE_ALL 0x1fu

/* Named predicates over struct wf_facts (and the notice period). */
enum wf_guard {
	WF_G_DOCS_COMPLETE = 0, /* missing_documents == 0 */
	WF_G_DOCS_MISSING,      /* missing_documents > 0 */
	WF_G_FIRST_NOTICE,      /* !missing_notice_issued: the notice is one-time */
	WF_G_VISIT_TEAM,        /* visit_investigators >= 2 */
	WF_G_VISIT_FORM,        /* visit_form: 入户调查表 filled in */
	WF_G_VISIT_STAFF_SIGNED,  /* visit_staff_signed */
	WF_G_VISIT_FAMILY_SIGNED, /* visit_family_signed */
	WF_G_VISIT_DONE,        /* visit_done: a township home visit on record */
	WF_G_CHECK_RESULT,      /* check != WF_CHK_NONE: a result is given */
	WF_G_CHECK_PASSED,      /* check == WF_CHK_PASSED */
	WF_G_CHECK_FAILED,      /* check == WF_CHK_FAILED (a branch, not a bar) */
	WF_G_EVAL_QUORUM,       /* representatives >= eval share of attendees */
	WF_G_EVAL_SIGNED,       /* eval_signed: all attendees signed */
	WF_G_EVAL_IF_REQUIRED,  /* params.evaluation_always -> eval_done */
	WF_G_NOTICE_RUNNING,    /* published and today <= the notice's last day */
	WF_G_NOTICE_OVER,       /* published and today > the notice's last day */
	WF_G_NO_OPEN_OBJECTION, /* !objection_open */
	WF_G_OBJECTION_EVIDENCE, /* objection_evidence (S1 art. 18(2)) */
	WF_G_RELATIVES_VISIT,   /* relatives_filed -> county_visit_done */
	WF_G_COMPLAINT_VISIT,   /* has_complaint -> county_visit_done */
	WF_GUARD_COUNT
};

/* What a step produces, to be numbered and stored once issued. */
enum wf_doc {
	WF_DOC_NONE = 0,
	WF_DOC_MISSING_LIST, /* 一次性告知书 (S1 art. 10) */
	WF_DOC_SURVEY,       /* 入户调查表 (S1 art. 16) */
	WF_DOC_CHECK_RESULT, /* 核对结果告知书 (S1 art. 18) */
	WF_DOC_EVALUATION,   /* 民主评议记录 (S1 art. 19(2)) */
	WF_DOC_NOTICE_LIST,  /* 公示名单 (S1 art. 19; S7 四(二)) */
	WF_DOC_CONFIRMATION, /* 确认通知书 / 低保证 (S1 art. 21) */
	WF_DOC_REFUSAL,      /* 不予确认通知书 (S1 art. 21, 38) */
	WF_DOC_TERMINATION,  /* 终止审核确认告知书 (S1 art. 29) */
	WF_DOC_COUNT
};

/* Row flags: what a step requires and what svc must record when it is
 * taken. */
enum wf_flag {
	WF_F_REASON = 1u << 0,     /* a written reason is required */
	WF_F_SIDE = 1u << 1,       /* an event (withdrawal, termination, objection,
				      complaint), not a task for inboxes */
	WF_F_T0 = 1u << 2,         /* the acceptance day: the case clock starts */
	WF_F_DECISION = 1u << 3,   /* the decision day (confirm / refuse) */
	WF_F_OPENS_OBJECTION = 1u << 4,    /* svc sets objection_open */
	WF_F_RESOLVES_OBJECTION = 1u << 5, /* svc clears objection_open */
};

/* One transition. `roles` may act; `delegated_roles` may act too where the
 * county delegated confirmation to townships (wf_params.delegated, S1
 * art. 2(2)). Every guard bit must hold. When the `branch` predicate holds
 * (branch >= 0), the step goes to branch_to and produces branch_doc
 * instead. */
struct wf_row {
	enum wf_state from;
	enum wf_action action;
	enum wf_state to;
	unsigned roles;
	unsigned delegated_roles;
	uint32_t guards; /* bits 1u << enum wf_guard */
	enum wf_doc doc;
	int branch;      /* enum wf_guard, or -1 */
	enum wf_state branch_to;
	enum wf_doc branch_doc;
	unsigned flags;  /* enum wf_flag bits */
	const char *article; /* "S1 第十条" */
};

/* The whole table, in order (grouped by from-state). Static storage. */
const struct wf_row *wf_rows(size_t *n);
/* The row for (from, action); NULL when the action is not open there. */
const struct wf_row *wf_row_find(enum wf_state from, enum wf_action a);

/* Codes (API, database) and Chinese names. NULL / "?" out of range. */
const char *wf_state_code(enum wf_state s);
const char *wf_state_name(enum wf_state s);
/* Whether s is final (no row leaves it). */
bool wf_state_final(enum wf_state s);
const char *wf_action_code(enum wf_action a);
const char *wf_action_name(enum wf_action a);
const char *wf_guard_code(enum wf_guard g);  /* "visit_investigators >= 2" */
const char *wf_guard_name(enum wf_guard g);  /* "入户调查至少两名调查人员" */
const char *wf_guard_article(enum wf_guard g);
const char *wf_doc_name(enum wf_doc d);      /* "一次性告知书"; "" for NONE */
/* The code an issued document is stored and answered with ("missing_list",
 * "survey", …); NULL for WF_DOC_NONE and out of range. */
const char *wf_doc_code(enum wf_doc d);
/* The document of a code; false when it names none. */
bool wf_doc_parse(const char *s, enum wf_doc *out);

/* Reads a code (n bytes of s) back; false when it names nothing. */
bool wf_state_parse(const char *s, size_t n, enum wf_state *out);
bool wf_action_parse(const char *s, size_t n, enum wf_action *out);

/* The bit of a role code of the roles table; 0 for a role with no part in
 * this workflow (auditor, sys_admin, …) or an unknown code. */
unsigned wf_role_bit(const char *code);
/* The bits of a user's role codes (NULL entries are skipped). */
unsigned wf_roles_of(const char *const *codes, int n);
/* Code and Chinese name of one role bit; NULL / "?" otherwise. */
const char *wf_role_code(unsigned bit);
const char *wf_role_name(unsigned bit);

/* ---- parameters ---- */

/* Time limits and local switches. Limits in working days unless said; 0
 * means "no limit of its own" (the whole-case limit still governs). The
 * defaults are the national ones; a province or county overrides them
 * (S1 art. 40; S7 四(一) asks each place to fix the limit of every step). */
struct wf_params {
	int accept_days;              /* application -> acceptance: 0 (S1 sets none) */
	int investigation_start_days; /* acceptance -> investigation started: 3 (S1 art. 15) */
	int check_start_days;         /* check requested -> check run: 3 (S1 art. 17) */
	int township_review_days;     /* acceptance -> 初审意见: 0 (local, S7 四(一)) */
	int notice_days;              /* public notice, calendar days: 7 (S1 art. 19) */
	int submit_days;              /* notice over -> submitted: 0 ("及时", S1 art. 19) */
	int county_review_days;       /* submitted -> decision: 10 (S1 art. 20) */
	int refusal_notice_days;      /* refusal -> written notice: 3 (S1 art. 21) */
	int case_days;                /* acceptance -> decision: 30 (S1 art. 22) */
	int case_days_delegated;      /* the same, confirmation delegated: 20 (S7 四(一)) */
	int case_days_extended;       /* with a recorded special circumstance: 45 (S1 art. 22) */
	bool delegated;               /* confirmation delegated to townships (S1 art. 2(2)) */
	bool evaluation_always;       /* local: a democratic evaluation before every
					 township review (S2 art. 21, seed 003); national: false */
	int eval_share_num;           /* representatives' share of attendees, at least */
	int eval_share_den;           /*   num/den: 2/3 (S2 art. 22) */
	int due_soon_days;            /* inbox: "due soon" within this many working days: 3 */
};

/* Fills p with the national defaults above. */
void wf_params_default(struct wf_params *p);

/* DIB_EINVAL (naming the field) for a negative limit, notice_days < 1,
 * case limits < 1, an extended limit shorter than the normal ones, or an
 * evaluation share outside (0, 1]. */
dib_code wf_params_check(const struct wf_params *p, dib_err *err);

/* ---- the transition ---- */

enum wf_check_result { WF_CHK_NONE = 0, WF_CHK_PASSED, WF_CHK_FAILED };

/* What the guards look at. svc fills it from the case, its records and the
 * action's request (the "this visit" and "this evaluation" fields describe
 * the record being entered with the action). */
struct wf_facts {
	dib_date today;              /* the day the action is taken */
	bool has_reason;             /* a non-empty reason was given */
	/* acceptance (S1 art. 10) */
	int missing_documents;       /* checklist items still missing */
	bool missing_notice_issued;  /* the one-time notice was already issued */
	/* the home visit being recorded (S1 art. 16) */
	int visit_investigators;
	bool visit_form;             /* 入户调查表 filled in */
	bool visit_staff_signed;     /* signed by every investigator */
	bool visit_family_signed;    /* signed by the family members present */
	/* on record */
	bool visit_done;             /* a complete township home visit */
	enum wf_check_result check;  /* the (latest) data-check result */
	/* the democratic evaluation being recorded, or on record */
	int eval_attendees;
	int eval_representatives;    /* 村(居)民代表 among the attendees */
	bool eval_signed;            /* every attendee signed */
	bool eval_done;              /* an evaluation is on record */
	/* public notice (S1 art. 19) */
	bool published;
	dib_date notice_start;       /* the publishing day */
	bool objection_open;         /* an objection not yet re-investigated or evaluated */
	bool objection_evidence;     /* the applicant's objection to a check brings evidence */
	/* county review (S1 art. 11, 20) */
	bool relatives_filed;        /* 近亲属备案 */
	bool has_complaint;          /* a complaint or report in the review stage */
	bool county_visit_done;      /* a county home visit is on record */
};

/* The outcome of a permitted action. row is static storage. */
struct wf_step {
	enum wf_state to;
	enum wf_doc doc;
	const struct wf_row *row;
};

/* Whether `roles` (WF_ROLE_* bits of the acting user) may take action a in
 * state from with facts f, and where it leads. Checked in this order:
 *  - DIB_EINVAL for a state or action out of range;
 *  - DIB_ECONFLICT "案件当前为「…」，不能「…」；当前可办理：…" when no row
 *    leaves `from` by a;
 *  - DIB_EPERM "「…」须由…办理" when none of roles may;
 *  - DIB_EINVAL "「…」须填写理由（…）" when the row needs a reason;
 *  - DIB_ECONFLICT "不能「…」：…" naming every unmet guard with its numbers
 *    ("入户调查需至少两名调查人员，当前 1 名"), separated by "；";
 *  - DIB_ECALENDAR when a notice guard needs a year cal does not know.
 * cal may be NULL for rows without notice guards. out untouched on error. */
dib_code wf_next(enum wf_state from, enum wf_action a, unsigned roles,
		 const struct wf_facts *f, const struct wf_params *p,
		 const calendar *cal, struct wf_step *out, dib_err *err);

/* The guards of (from, a) that f does not meet (bits 1u << enum wf_guard),
 * ignoring roles and reason: for greying out a button with its reasons.
 * DIB_ECONFLICT when a is not open in from; DIB_ECALENDAR as wf_next. */
dib_code wf_unmet(enum wf_state from, enum wf_action a,
		  const struct wf_facts *f, const struct wf_params *p,
		  const calendar *cal, uint32_t *out, dib_err *err);

/* The actions open in state s to any of `roles` (delegation per p), in
 * table order, without looking at guards: the case page's buttons. Writes
 * at most cap and returns how many there are (WF_ACTION_COUNT suffices). */
size_t wf_actions(enum wf_state s, unsigned roles, const struct wf_params *p,
		  enum wf_action *out, size_t cap);

/* The states in which `roles` have a task — an action that is not a side
 * action (WF_F_SIDE) — as bits 1u << enum wf_state: the filter of the
 * "my tasks" inbox. */
uint32_t wf_task_states(unsigned roles, const struct wf_params *p);

/* ---- separation of duties ---- */

/* The user who did `first` on a case may not do `second` on it (the
 * township review and the decision: domain.md "whoever prepares does not
 * approve"; issue 4). svc calls authz_separate(doer of first, user) before
 * `second` when the case has a record of `first`. */
struct wf_sod_pair {
	enum wf_action first;
	enum wf_action second;
};

/* The pairs (static storage); *n gets their number. */
const struct wf_sod_pair *wf_sod_pairs(size_t *n);

/* The earlier actions whose doer must differ from the doer of a; writes at
 * most cap, returns how many there are. */
size_t wf_sod_before(enum wf_action a, enum wf_action *out, size_t cap);

/* ---- deadlines ---- */

/* Special circumstances that allow the 45-day limit (S7 四(一); "等" leaves
 * the list open, hence OTHER with the reason in the case record). */
enum wf_extension {
	WF_EXT_NONE = 0,
	WF_EXT_OBJECTION,   /* 公示有异议 */
	WF_EXT_SEPARATED,   /* 人户分离 */
	WF_EXT_NONLOCAL,    /* 异地申办 */
	WF_EXT_HARD_SURVEY, /* 家庭经济状况调查难度较大 */
	WF_EXT_OTHER,       /* 其他特殊情况 */
	WF_EXT_COUNT
};
const char *wf_extension_code(enum wf_extension e);
const char *wf_extension_name(enum wf_extension e);

/* Where a case stands in time. */
struct wf_clock {
	enum wf_state state;
	dib_date entered;            /* the day it entered state (the publishing
					day for WF_NOTICE, the decision day for
					WF_REFUSED); self-loops do not move it */
	bool accepted;               /* T0 is known */
	dib_date accepted_on;        /* T0, the acceptance day */
	enum wf_extension extension; /* a recorded special circumstance */
};

struct wf_due {
	bool has_step;         /* the current step has a limit of its own */
	dib_date step;
	bool has_case;         /* the whole-case limit applies (accepted, undecided) */
	dib_date case_due;
	bool has_due;          /* either of the two */
	dib_date due;          /* the earlier: what inboxes sort and classify by */
	bool has_notice;       /* WF_NOTICE: the notice's last day */
	dib_date notice_last;
};

/* The whole-case limit in working days for ext under p: 45 with a special
 * circumstance, else 20 when delegated, else 30. */
int wf_case_limit(enum wf_extension ext, const struct wf_params *p);

/* The whole case's last day: the wf_case_limit-th working day after the
 * acceptance day (S1 art. 22 "自受理之日起"; 民法典 art. 201).
 * DIB_ECALENDAR when the walk leaves the loaded years. */
dib_code wf_case_due(dib_date accepted, enum wf_extension ext,
		     const struct wf_params *p, const calendar *cal,
		     dib_date *out, dib_err *err);

/* The public notice's last day: published + notice_days calendar days, moved
 * to the next working day when that day is off (民法典 art. 201, 203).
 * Objections are taken until the end of that day. */
dib_code wf_notice_last_day(dib_date published, const struct wf_params *p,
			    const calendar *cal, dib_date *out, dib_err *err);

/* The due dates of the current step and of the whole case. Each step's
 * limit counts from entering its state, except the start of the
 * investigation (S1 art. 15 "自受理之日起") and the township review, which
 * count from acceptance (re-entering the investigation after a data check
 * must not restart it). A step without a limit of its own is bound only by
 * the whole case; the limit of WF_REFUSED (the written notice) is after
 * the decision and outside the whole case. Which limit governs which state
 * is in docs/internals/workflow.md. DIB_EINVAL for a state that needs T0
 * without c->accepted; DIB_ECALENDAR for an unknown year (or cal NULL).
 * out untouched on error. */
dib_code wf_due_dates(const struct wf_clock *c, const struct wf_params *p,
		      const calendar *cal, struct wf_due *out, dib_err *err);

/* The first day from which a confirmed household is paid: the first day of
 * the month after the decision (S1 art. 21 "决定之日下月起"). */
dib_date wf_payment_start(dib_date decided);

enum wf_urgency {
	WF_URG_NONE = 0, /* no deadline */
	WF_URG_ON_TIME,
	WF_URG_DUE_SOON, /* due within p->due_soon_days working days (today counts as 0) */
	WF_URG_OVERDUE,  /* today is after the due day */
};
const char *wf_urgency_name(enum wf_urgency u); /* "正常" "即将到期" "已逾期" "" */

/* Classifies d->due against today for the inboxes. *left (may be NULL)
 * gets the working days in (today, due]: 0 when due today, negative (or 0
 * on a day off right after the due day) when overdue, 0 for WF_URG_NONE.
 * DIB_ECALENDAR when a year in between is unknown. */
dib_code wf_classify(const struct wf_due *d, dib_date today,
		     const struct wf_params *p, const calendar *cal,
		     enum wf_urgency *out, int *left, dib_err *err);

/* ---- pictures ---- */

/* Appends the machine as a Graphviz DOT digraph (states as nodes, one edge
 * per row labelled with action, roles, guards, document, reason and
 * article) to out, for p's delegation setting. DIB_ETOOBIG / DIB_ENOMEM
 * from the buffer. */
dib_code wf_dot(const struct wf_params *p, dib_buf *out, dib_err *err);

/* Appends the table as a Markdown table (one line per row; the roles added
 * by delegation in brackets) to out. Errors as wf_dot. */
dib_code wf_markdown(dib_buf *out, dib_err *err);

#endif
