/*
 * workflow.c — the logic that reads the 低保 workflow table (workflow.h,
 * workflow_table.c): the transition check with its refusal messages, the
 * actions open to a user, the inbox filter, the deadlines of a step and of
 * the whole case on the working-day calendar, and the inbox classification.
 *
 * Every refusal names what is missing, with the numbers, in Chinese, so the
 * clerk can fix it without asking; all unmet guards are named at once (the
 * spirit of the one-time notice of S1 art. 10 applies to our own messages).
 *
 * Thread-safety: pure functions; no allocation.
 */
#include "util/dib.h"
#include "core/workflow.h"

/* Upper bound on any limit: a year's worth of days. Larger values in a
 * parameter table are typing errors, not policy. */
#define WF_LIMIT_MAX 365
/* S1 art. 16: "每组调查人员不得少于2人" — national, not a parameter. */
#define WF_MIN_INVESTIGATORS 2
/* Room for every unmet guard; dib_err_set cuts to DIB_ERR_MSG_MAX at a
 * character boundary. */
#define WF_MSG_MAX 1024

/* ---- parameters ---- */

void wf_params_default(struct wf_params *p)
{
	memset(p, 0, sizeof *p);
	p->accept_days = 0;
	p->investigation_start_days = 3;
	p->check_start_days = 3;
	p->township_review_days = 0;
	p->notice_days = 7;
	p->submit_days = 0;
	p->county_review_days = 10;
	p->refusal_notice_days = 3;
	p->case_days = 30;
	p->case_days_delegated = 20;
	p->case_days_extended = 45;
	p->delegated = false;
	p->evaluation_always = false;
	p->eval_share_num = 2;
	p->eval_share_den = 3;
	p->due_soon_days = 3;
}

dib_code wf_params_check(const struct wf_params *p, dib_err *err)
{
	const struct {
		const char *name;
		int v, min;
	} f[] = {
		{"受理时限", p->accept_days, 0},
		{"启动调查时限", p->investigation_start_days, 0},
		{"启动核对时限", p->check_start_days, 0},
		{"乡镇初审时限", p->township_review_days, 0},
		{"公示天数", p->notice_days, 1},
		{"报送时限", p->submit_days, 0},
		{"县级审核确认时限", p->county_review_days, 0},
		{"不予确认告知时限", p->refusal_notice_days, 0},
		{"审核确认总时限", p->case_days, 1},
		{"下放乡镇审核确认总时限", p->case_days_delegated, 1},
		{"特殊情况延长总时限", p->case_days_extended, 1},
		{"即将到期提醒天数", p->due_soon_days, 0},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(f); i++)
		if (f[i].v < f[i].min || f[i].v > WF_LIMIT_MAX)
			return dib_err_set(err, DIB_EINVAL, "%s %d 不正确：应在 %d 至 %d 之间",
					   f[i].name, f[i].v, f[i].min, WF_LIMIT_MAX);
	if (p->case_days_extended < p->case_days ||
	    p->case_days_extended < p->case_days_delegated)
		return dib_err_set(err, DIB_EINVAL,
				   "特殊情况延长总时限 %d 个工作日短于正常总时限 %d（下放 %d）",
				   p->case_days_extended, p->case_days, p->case_days_delegated);
	if (p->eval_share_den <= 0 || p->eval_share_num <= 0 ||
	    p->eval_share_num > p->eval_share_den)
		return dib_err_set(err, DIB_EINVAL, "民主评议代表比例 %d/%d 不正确",
				   p->eval_share_num, p->eval_share_den);
	return DIB_OK;
}

/* ---- guards ---- */

struct wf_env {
	const struct wf_facts *f;
	const struct wf_params *p;
	bool has_last; /* the notice's last day is known (published) */
	dib_date last;
};

static bool guard_ok(enum wf_guard g, const struct wf_env *e)
{
	const struct wf_facts *f = e->f;

	switch (g) {
	case WF_G_DOCS_COMPLETE: return f->missing_documents <= 0;
	case WF_G_DOCS_MISSING: return f->missing_documents > 0;
	case WF_G_FIRST_NOTICE: return !f->missing_notice_issued;
	case WF_G_VISIT_TEAM: return f->visit_investigators >= WF_MIN_INVESTIGATORS;
	case WF_G_VISIT_FORM: return f->visit_form;
	case WF_G_VISIT_STAFF_SIGNED: return f->visit_staff_signed;
	case WF_G_VISIT_FAMILY_SIGNED: return f->visit_family_signed;
	case WF_G_VISIT_DONE: return f->visit_done;
	case WF_G_CHECK_RESULT: return f->check == WF_CHK_PASSED || f->check == WF_CHK_FAILED;
	case WF_G_CHECK_PASSED: return f->check == WF_CHK_PASSED;
	case WF_G_CHECK_FAILED: return f->check == WF_CHK_FAILED;
	case WF_G_EVAL_QUORUM:
		/* representatives / attendees >= num / den, in integers */
		return f->eval_attendees > 0 && f->eval_representatives <= f->eval_attendees &&
		       (int64_t)f->eval_representatives * e->p->eval_share_den >=
			       (int64_t)f->eval_attendees * e->p->eval_share_num;
	case WF_G_EVAL_SIGNED: return f->eval_signed;
	case WF_G_EVAL_IF_REQUIRED: return !e->p->evaluation_always || f->eval_done;
	case WF_G_NOTICE_RUNNING: return e->has_last && date_cmp(f->today, e->last) <= 0;
	case WF_G_NOTICE_OVER: return e->has_last && date_cmp(f->today, e->last) > 0;
	case WF_G_NO_OPEN_OBJECTION: return !f->objection_open;
	case WF_G_OBJECTION_EVIDENCE: return f->objection_evidence;
	case WF_G_RELATIVES_VISIT: return !f->relatives_filed || f->county_visit_done;
	case WF_G_COMPLAINT_VISIT: return !f->has_complaint || f->county_visit_done;
	case WF_GUARD_COUNT: break;
	}
	return false;
}

/* Why a guard does not hold, where the sentence has no numbers in it. */
static const char *const fixed_why[WF_GUARD_COUNT] = {
	[WF_G_DOCS_MISSING] = "申请材料已齐备，应予受理，无需补正",
	[WF_G_FIRST_NOTICE] = "已出具过一次性告知书，不得再次要求补正（须一次性告知全部材料）",
	[WF_G_VISIT_FORM] = "未填写入户调查表",
	[WF_G_VISIT_STAFF_SIGNED] = "入户调查表缺少调查人员签字",
	[WF_G_VISIT_FAMILY_SIGNED] = "入户调查表缺少在场家庭成员签字",
	[WF_G_VISIT_DONE] = "尚无入户调查记录",
	[WF_G_CHECK_RESULT] = "未填写核对结果（符合或不符合）",
	[WF_G_CHECK_FAILED] = "信息核对结果不是不符合",
	[WF_G_EVAL_SIGNED] = "民主评议记录缺少参会人员签字",
	[WF_G_EVAL_IF_REQUIRED] = "本地规定乡镇初审前须开展民主评议，尚无评议记录",
	[WF_G_NO_OPEN_OBJECTION] = "公示异议尚未处理：须重新入户调查或开展民主评议",
	[WF_G_OBJECTION_EVIDENCE] = "对核对结果有异议须提供佐证材料",
	[WF_G_RELATIVES_VISIT] = "近亲属备案的申请须有县级入户调查记录方可确认",
	[WF_G_COMPLAINT_VISIT] = "审核确认阶段接到投诉举报，须有县级入户调查记录方可确认",
};

/* Why guard g does not hold, with the numbers. */
static void guard_why(enum wf_guard g, const struct wf_env *e, char *buf, size_t n)
{
	const struct wf_facts *f = e->f;
	char d1[DIB_DATE_STR];

	switch (g) {
	case WF_G_DOCS_COMPLETE:
		snprintf(buf, n, "申请材料尚缺 %d 项，%s", f->missing_documents,
			 f->missing_notice_issued ? "待申请人补齐" : "请出具一次性告知书");
		return;
	case WF_G_VISIT_TEAM:
		snprintf(buf, n, "入户调查需至少两名调查人员，当前 %d 名", f->visit_investigators);
		return;
	case WF_G_CHECK_PASSED:
		snprintf(buf, n, "%s", f->check == WF_CHK_FAILED
					       ? "信息核对结果为不符合，须经复查并重新核对"
					       : "尚无信息核对结果，请先提请县级信息核对");
		return;
	case WF_G_EVAL_QUORUM:
		if (f->eval_attendees <= 0)
			snprintf(buf, n, "民主评议未登记参会人数");
		else
			snprintf(buf, n, "民主评议村（居）民代表 %d 人，参会 %d 人，代表须不少于参会人数的 %d/%d",
				 f->eval_representatives, f->eval_attendees, e->p->eval_share_num,
				 e->p->eval_share_den);
		return;
	case WF_G_NOTICE_RUNNING:
		if (!e->has_last)
			snprintf(buf, n, "尚未发布公示");
		else
			snprintf(buf, n, "公示期已于 %s 届满，不再登记公示异议；报送后收到的意见请按投诉举报登记",
				 date_format(e->last, d1));
		return;
	case WF_G_NOTICE_OVER:
		if (!e->has_last) {
			snprintf(buf, n, "尚未发布公示");
		} else {
			char d2[DIB_DATE_STR], d3[DIB_DATE_STR];
			snprintf(buf, n, "公示期未满：%s 发布，公示 %d 天（发布当日不计入）至 %s，%s 起方可办理",
				 date_format(f->notice_start, d1), e->p->notice_days,
				 date_format(e->last, d2), date_format(date_add_days(e->last, 1), d3));
		}
		return;
	default:
		break;
	}
	snprintf(buf, n, "%s", (unsigned)g < WF_GUARD_COUNT && fixed_why[g] ? fixed_why[g] : "?");
}

#define NOTICE_GUARDS ((1u << WF_G_NOTICE_RUNNING) | (1u << WF_G_NOTICE_OVER))

/* Sets up the environment of a row's guards: the notice's last day only
 * when a guard needs it (it needs the calendar). */
static dib_code env_init(struct wf_env *e, const struct wf_row *r, const struct wf_facts *f,
			 const struct wf_params *p, const calendar *cal, dib_err *err)
{
	e->f = f;
	e->p = p;
	e->has_last = false;
	if (!(r->guards & NOTICE_GUARDS) || !f->published)
		return DIB_OK;
	dib_code rc = wf_notice_last_day(f->notice_start, p, cal, &e->last, err);
	if (rc)
		return rc;
	e->has_last = true;
	return DIB_OK;
}

static uint32_t unmet_of(const struct wf_row *r, const struct wf_env *e)
{
	uint32_t bad = 0;

	for (int g = 0; g < WF_GUARD_COUNT; g++)
		if ((r->guards & (1u << g)) && !guard_ok((enum wf_guard)g, e))
			bad |= 1u << g;
	return bad;
}

/* ---- messages ---- */

struct wf_msg {
	char s[WF_MSG_MAX];
	size_t len;
};

static void msg_add(struct wf_msg *m, const char *t)
{
	size_t n = strlen(t);

	if (m->len + n >= sizeof m->s)
		return; /* dib_err_set would cut it anyway */
	memcpy(m->s + m->len, t, n + 1);
	m->len += n;
}

static void msg_roles(struct wf_msg *m, unsigned bits)
{
	bool first = true;

	for (int i = 0; i < WF_ROLE_COUNT; i++)
		if (bits & (1u << i)) {
			if (!first)
				msg_add(m, "或");
			msg_add(m, wf_role_name(1u << i));
			first = false;
		}
}

static unsigned roles_of_row(const struct wf_row *r, const struct wf_params *p)
{
	return r->roles | (p->delegated ? r->delegated_roles : 0);
}

static dib_code refuse_state(enum wf_state from, enum wf_action a, dib_err *err)
{
	struct wf_msg m = {.len = 0};
	size_t n;
	const struct wf_row *rows = wf_rows(&n);
	bool any = false;

	m.s[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (rows[i].from != from)
			continue;
		msg_add(&m, any ? "、" : "");
		msg_add(&m, wf_action_name(rows[i].action));
		any = true;
	}
	if (!any)
		return dib_err_set(err, DIB_ECONFLICT, "案件当前为「%s」，流程已结束，不能「%s」",
				   wf_state_name(from), wf_action_name(a));
	return dib_err_set(err, DIB_ECONFLICT, "案件当前为「%s」，不能「%s」；当前可办理：%s",
			   wf_state_name(from), wf_action_name(a), m.s);
}

static dib_code refuse_guards(const struct wf_row *r, uint32_t bad, const struct wf_env *e,
			      dib_err *err)
{
	struct wf_msg m = {.len = 0};
	char why[256];
	bool first = true;

	m.s[0] = '\0';
	for (int g = 0; g < WF_GUARD_COUNT; g++) {
		if (!(bad & (1u << g)))
			continue;
		guard_why((enum wf_guard)g, e, why, sizeof why);
		msg_add(&m, first ? "" : "；");
		msg_add(&m, why);
		first = false;
	}
	return dib_err_set(err, DIB_ECONFLICT, "不能「%s」：%s", wf_action_name(r->action), m.s);
}

/* ---- transitions ---- */

static bool in_range(enum wf_state s, enum wf_action a)
{
	return (unsigned)s < WF_STATE_COUNT && (unsigned)a < WF_ACTION_COUNT;
}

dib_code wf_next(enum wf_state from, enum wf_action a, unsigned roles,
		 const struct wf_facts *f, const struct wf_params *p,
		 const calendar *cal, struct wf_step *out, dib_err *err)
{
	const struct wf_row *r;
	struct wf_env e;
	uint32_t bad;
	dib_code rc;

	if (!in_range(from, a))
		return dib_err_set(err, DIB_EINVAL, "流程状态 %d 或操作 %d 不正确", (int)from, (int)a);
	r = wf_row_find(from, a);
	if (!r)
		return refuse_state(from, a, err);
	if (!(roles & roles_of_row(r, p))) {
		struct wf_msg m = {.len = 0};
		m.s[0] = '\0';
		msg_roles(&m, roles_of_row(r, p));
		return dib_err_set(err, DIB_EPERM, "「%s」须由%s办理", wf_action_name(a), m.s);
	}
	if ((r->flags & WF_F_REASON) && !f->has_reason)
		return dib_err_set(err, DIB_EINVAL, "「%s」须填写理由（%s）", wf_action_name(a),
				   r->article);
	rc = env_init(&e, r, f, p, cal, err);
	if (rc)
		return rc;
	bad = unmet_of(r, &e);
	if (bad)
		return refuse_guards(r, bad, &e, err);
	if (r->branch >= 0 && guard_ok((enum wf_guard)r->branch, &e)) {
		out->to = r->branch_to;
		out->doc = r->branch_doc;
	} else {
		out->to = r->to;
		out->doc = r->doc;
	}
	out->row = r;
	return DIB_OK;
}

dib_code wf_unmet(enum wf_state from, enum wf_action a,
		  const struct wf_facts *f, const struct wf_params *p,
		  const calendar *cal, uint32_t *out, dib_err *err)
{
	const struct wf_row *r;
	struct wf_env e;
	dib_code rc;

	if (!in_range(from, a))
		return dib_err_set(err, DIB_EINVAL, "流程状态 %d 或操作 %d 不正确", (int)from, (int)a);
	r = wf_row_find(from, a);
	if (!r)
		return refuse_state(from, a, err);
	rc = env_init(&e, r, f, p, cal, err);
	if (rc)
		return rc;
	*out = unmet_of(r, &e);
	return DIB_OK;
}

size_t wf_actions(enum wf_state s, unsigned roles, const struct wf_params *p,
		  enum wf_action *out, size_t cap)
{
	size_t n, k = 0;
	const struct wf_row *rows = wf_rows(&n);

	for (size_t i = 0; i < n; i++) {
		if (rows[i].from != s || !(roles & roles_of_row(&rows[i], p)))
			continue;
		if (k < cap)
			out[k] = rows[i].action;
		k++;
	}
	return k;
}

uint32_t wf_task_states(unsigned roles, const struct wf_params *p)
{
	size_t n;
	const struct wf_row *rows = wf_rows(&n);
	uint32_t bits = 0;

	for (size_t i = 0; i < n; i++)
		if (!(rows[i].flags & WF_F_SIDE) && (roles & roles_of_row(&rows[i], p)))
			bits |= 1u << rows[i].from;
	return bits;
}

/* ---- deadlines ---- */

/* A caller that forgot the calendar gets an error, not a crash: deadlines
 * are never guessed without the holiday schedule. */
static dib_code no_calendar(dib_err *err)
{
	return dib_err_set(err, DIB_ECALENDAR, "未载入节假日表，无法计算期限");
}

/* Which limit governs each state, and whether the whole-case clock runs
 * there (accepted and not yet decided: S1 art. 22 counts from acceptance
 * to the decision). */
enum wf_limit {
	LIM_NONE = 0,
	LIM_ACCEPT,
	LIM_INVESTIGATION_START,
	LIM_CHECK_START,
	LIM_TOWNSHIP_REVIEW, /* counted from T0 */
	LIM_SUBMIT,
	LIM_COUNTY_REVIEW,
	LIM_REFUSAL_NOTICE,
};

static const struct {
	enum wf_limit limit;
	bool case_clock;
} clock_of[WF_STATE_COUNT] = {
	[WF_DRAFT] = {LIM_NONE, false},
	[WF_APPLIED] = {LIM_ACCEPT, false},
	[WF_DOCS_PENDING] = {LIM_NONE, false}, /* the applicant's time, before T0 */
	[WF_ACCEPTED] = {LIM_INVESTIGATION_START, true},
	[WF_INVESTIGATING] = {LIM_TOWNSHIP_REVIEW, true},
	[WF_CHECKING] = {LIM_CHECK_START, true},
	[WF_CHECK_FAILED] = {LIM_NONE, true},
	[WF_REVIEWED] = {LIM_NONE, true},
	[WF_NOTICE] = {LIM_NONE, true},
	[WF_OBJECTED] = {LIM_NONE, true},
	[WF_READY] = {LIM_SUBMIT, true},
	[WF_SUBMITTED] = {LIM_COUNTY_REVIEW, true},
	[WF_CONFIRMED] = {LIM_NONE, false},
	[WF_REFUSED] = {LIM_REFUSAL_NOTICE, false},
	[WF_REFUSAL_NOTIFIED] = {LIM_NONE, false},
	[WF_TERMINATED] = {LIM_NONE, false},
	[WF_WITHDRAWN] = {LIM_NONE, false},
};

static int limit_days(enum wf_limit l, const struct wf_params *p)
{
	switch (l) {
	case LIM_NONE: return 0;
	case LIM_ACCEPT: return p->accept_days;
	case LIM_INVESTIGATION_START: return p->investigation_start_days;
	case LIM_CHECK_START: return p->check_start_days;
	case LIM_TOWNSHIP_REVIEW: return p->township_review_days;
	case LIM_SUBMIT: return p->submit_days;
	case LIM_COUNTY_REVIEW: return p->county_review_days;
	case LIM_REFUSAL_NOTICE: return p->refusal_notice_days;
	}
	return 0;
}

int wf_case_limit(enum wf_extension ext, const struct wf_params *p)
{
	if (ext != WF_EXT_NONE)
		return p->case_days_extended;
	return p->delegated ? p->case_days_delegated : p->case_days;
}

dib_code wf_case_due(dib_date accepted, enum wf_extension ext,
		     const struct wf_params *p, const calendar *cal,
		     dib_date *out, dib_err *err)
{
	if ((unsigned)ext >= WF_EXT_COUNT)
		return dib_err_set(err, DIB_EINVAL, "延长事由 %d 不正确", (int)ext);
	if (!cal)
		return no_calendar(err);
	return calendar_add_workdays(cal, accepted, wf_case_limit(ext, p), out, err);
}

dib_code wf_notice_last_day(dib_date published, const struct wf_params *p,
			    const calendar *cal, dib_date *out, dib_err *err)
{
	dib_date d;
	bool work = false;

	if (!cal)
		return no_calendar(err);
	if (!date_valid(published))
		return dib_err_set(err, DIB_EINVAL, "公示发布日期不正确");
	/* art. 201: the publishing day is not counted; art. 203: a last day
	 * that is a day off moves to the day after the days off. */
	d = date_add_days(published, p->notice_days);
	for (int guard = 0; guard < WF_LIMIT_MAX; guard++) {
		dib_code rc = calendar_is_workday(cal, d, &work, err);
		if (rc)
			return rc;
		if (work) {
			*out = d;
			return DIB_OK;
		}
		d = date_add_days(d, 1);
	}
	return dib_err_set(err, DIB_ECALENDAR, "节假日表中 %d 年之后一年内没有工作日",
			   published.year);
}

dib_code wf_due_dates(const struct wf_clock *c, const struct wf_params *p,
		      const calendar *cal, struct wf_due *out, dib_err *err)
{
	struct wf_due d;
	enum wf_limit lim;
	int days;
	dib_code rc;

	if ((unsigned)c->state >= WF_STATE_COUNT)
		return dib_err_set(err, DIB_EINVAL, "流程状态 %d 不正确", (int)c->state);
	if (!cal)
		return no_calendar(err);
	memset(&d, 0, sizeof d);
	lim = clock_of[c->state].limit;
	days = limit_days(lim, p);
	if (days > 0) {
		dib_date from = c->entered;
		if (lim == LIM_TOWNSHIP_REVIEW || lim == LIM_INVESTIGATION_START) {
			if (!c->accepted)
				return dib_err_set(err, DIB_EINVAL, "案件处于「%s」但没有受理日期",
						   wf_state_name(c->state));
			from = c->accepted_on;
		}
		rc = calendar_add_workdays(cal, from, days, &d.step, err);
		if (rc)
			return rc;
		d.has_step = true;
	}
	if (clock_of[c->state].case_clock) {
		if (!c->accepted)
			return dib_err_set(err, DIB_EINVAL, "案件处于「%s」但没有受理日期",
					   wf_state_name(c->state));
		rc = wf_case_due(c->accepted_on, c->extension, p, cal, &d.case_due, err);
		if (rc)
			return rc;
		d.has_case = true;
	}
	if (c->state == WF_NOTICE) {
		rc = wf_notice_last_day(c->entered, p, cal, &d.notice_last, err);
		if (rc)
			return rc;
		d.has_notice = true;
	}
	if (d.has_step && (!d.has_case || date_cmp(d.step, d.case_due) <= 0))
		d.due = d.step;
	else if (d.has_case)
		d.due = d.case_due;
	d.has_due = d.has_step || d.has_case;
	*out = d;
	return DIB_OK;
}

dib_date wf_payment_start(dib_date decided)
{
	return date_next_month_first(decided);
}

const char *wf_urgency_name(enum wf_urgency u)
{
	switch (u) {
	case WF_URG_NONE: return "";
	case WF_URG_ON_TIME: return "正常";
	case WF_URG_DUE_SOON: return "即将到期";
	case WF_URG_OVERDUE: return "已逾期";
	}
	return "?";
}

dib_code wf_classify(const struct wf_due *d, dib_date today,
		     const struct wf_params *p, const calendar *cal,
		     enum wf_urgency *out, int *left, dib_err *err)
{
	int n = 0;
	dib_code rc;

	if (!d->has_due) {
		*out = WF_URG_NONE;
		if (left)
			*left = 0;
		return DIB_OK;
	}
	if (!cal)
		return no_calendar(err);
	rc = calendar_count_workdays(cal, today, d->due, &n, err);
	if (rc)
		return rc;
	if (date_cmp(today, d->due) > 0)
		*out = WF_URG_OVERDUE;
	else if (n <= p->due_soon_days)
		*out = WF_URG_DUE_SOON;
	else
		*out = WF_URG_ON_TIME;
	if (left)
		*left = n;
	return DIB_OK;
}
