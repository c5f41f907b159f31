/*
 * test_workflow.c — the 低保 workflow (core/workflow.h) against the law it
 * encodes: the transition table written out a second time from S1
 * (民发〔2021〕57号) and S7 (民发〔2022〕83号), row by row with its article,
 * then every other (state, action) refused; every role of every row; every
 * guard with its Chinese message; the whole paths (happy, objection, a
 * late objection turned complaint, relatives filing, refusal, a failed data
 * check, termination, withdrawal); the deadlines on the real 2025/2026
 * holiday schedule (data/holidays-cn.csv, read as test_calendar.c does);
 * the 30/45/20-day limits; the separation of duties; and the DOT picture
 * and table in docs/internals/workflow.md, which must match the code.
 *
 * Set DIB_WF_DUMP=<dir> to write the generated workflow.dot and
 * workflow-table.md there (to refresh the document on purpose).
 *
 * Thread-safety: single-threaded test program.
 */
#include "util/dib.h"
#include "util/buf.h"
#include "core/workflow.h"

#include <setjmp.h>
#include <cmocka.h>

#define MAX_ENTRIES 128

#define VA WF_ROLE_VILLAGE_AGENT
#define TC WF_ROLE_TOWNSHIP_CASEWORKER
#define TR WF_ROLE_TOWNSHIP_REVIEWER
#define CA WF_ROLE_COUNTY_APPROVER
#define PO WF_ROLE_PETITION_OFFICER
#define GB(x) (1u << WF_G_##x)
#define VISIT (GB(VISIT_TEAM) | GB(VISIT_FORM) | GB(VISIT_STAFF_SIGNED) | GB(VISIT_FAMILY_SIGNED))
#define EVAL (GB(EVAL_QUORUM) | GB(EVAL_SIGNED))

/* ---- the calendar, loaded once ---- */

static dib_date D(const char *s)
{
	dib_date d = {0, 0, 0};
	dib_err err;

	dib_err_clear(&err);
	if (date_parse(s, strlen(s), &d, &err) != DIB_OK)
		fail_msg("bad test date %s", s);
	return d;
}

static const char *source_dir(void)
{
	const char *dir = getenv("DIB_SOURCE_DIR");

	return dir ? dir : DIB_SOURCE_DIR;
}

static void load_year(calendar *c, int year)
{
	calendar_entry e[MAX_ENTRIES];
	size_t n = 0;
	char path[1024], line[256];
	FILE *f;
	dib_err err;

	snprintf(path, sizeof path, "%s/data/holidays-cn.csv", source_dir());
	f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s", path);
	assert_non_null(fgets(line, sizeof line, f)); /* header */
	assert_int_equal(strncmp(line, "date,kind,name", 14), 0);
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '\n' || line[0] == '\0')
			continue;
		dib_err_clear(&err);
		assert_int_equal(line[10], ',');
		assert_int_equal(date_parse(line, 10, &e[n].date, &err), DIB_OK);
		if (e[n].date.year != year)
			continue;
		if (!strncmp(line + 11, "holiday,", 8))
			e[n].kind = CALENDAR_HOLIDAY;
		else if (!strncmp(line + 11, "workday,", 8))
			e[n].kind = CALENDAR_WORKDAY;
		else
			fail_msg("bad kind in line %s", line);
		n++;
		assert_true(n < MAX_ENTRIES);
	}
	fclose(f);
	assert_true(n > 0);
	dib_err_clear(&err);
	assert_int_equal(calendar_add_year(c, year, e, n, &err), DIB_OK);
}

static int group_setup(void **state)
{
	calendar *c = calendar_new();

	if (!c)
		return -1;
	load_year(c, 2025);
	load_year(c, 2026);
	*state = c;
	return 0;
}

static int group_teardown(void **state)
{
	calendar_free(*state);
	return 0;
}

static struct wf_params defaults(void)
{
	struct wf_params p;

	wf_params_default(&p);
	return p;
}

/* Facts under which every guard of the table holds, except the two that
 * exclude each other (documents missing / complete, notice running /
 * over): facts_for picks those per row. The notice published on
 * 2025-06-03 ends on 2025-06-10; "today" is after it. */
static struct wf_facts base_facts(void)
{
	struct wf_facts f;

	memset(&f, 0, sizeof f);
	f.today = D("2025-06-20");
	f.has_reason = true;
	f.visit_investigators = 2;
	f.visit_form = f.visit_staff_signed = f.visit_family_signed = true;
	f.visit_done = true;
	f.check = WF_CHK_PASSED;
	f.eval_attendees = 9;
	f.eval_representatives = 6;
	f.eval_signed = f.eval_done = true;
	f.published = true;
	f.notice_start = D("2025-06-03");
	f.objection_evidence = true;
	return f;
}

static struct wf_facts facts_for(enum wf_action a, uint32_t guards)
{
	struct wf_facts f = base_facts();

	if (a == WF_REQUEST_DOCUMENTS)
		f.missing_documents = 3;
	if (guards & GB(NOTICE_RUNNING))
		f.today = D("2025-06-05");
	return f;
}

/* ---- the table, from the law ---- */

struct trow {
	enum wf_state from;
	enum wf_action a;
	enum wf_state to;
	unsigned roles, droles; /* droles: added when confirmation is delegated */
	uint32_t guards;
	enum wf_doc doc;
	unsigned flags; /* enum wf_flag */
	const char *article;
};

#define T(f, a, t, r, dr, g, d, fl, art) \
	{WF_##f, WF_##a, WF_##t, (r), (dr), (g), WF_DOC_##d, (fl), (art)}
#define REASON WF_F_REASON
#define SIDE WF_F_SIDE
#define TWITHDRAW(f) T(f, WITHDRAW, WITHDRAWN, VA | TC, 0, 0, NONE, REASON | SIDE, "S1 第四条（申请人自愿撤回）")
#define TTERMINATE(f) T(f, TERMINATE, TERMINATED, TC | TR | CA, 0, 0, TERMINATION, REASON | SIDE, \
			"S1 第二十九条")

static const struct trow law[] = {
	/* S1 art. 4, 6: a written application, lodged by the family or on
	 * its behalf through the village */
	T(DRAFT, APPLY, APPLIED, VA | TC, 0, 0, NONE, 0, "S1 第四条、第六条"),
	T(DRAFT, WITHDRAW, WITHDRAWN, VA | TC, 0, 0, NONE, SIDE, "S1 第四条（草稿作废）"),
	/* S1 art. 10: complete → accepted; incomplete → one notice listing
	 * every missing document, once */
	T(APPLIED, ACCEPT, ACCEPTED, TC, 0, GB(DOCS_COMPLETE), NONE, WF_F_T0, "S1 第十条"),
	T(APPLIED, REQUEST_DOCUMENTS, DOCS_PENDING, TC, 0, GB(DOCS_MISSING) | GB(FIRST_NOTICE),
	  MISSING_LIST, 0, "S1 第十条"),
	TWITHDRAW(APPLIED),
	T(DOCS_PENDING, RESUBMIT, APPLIED, VA | TC, 0, 0, NONE, 0, "S1 第十条"),
	T(DOCS_PENDING, ACCEPT, ACCEPTED, TC, 0, GB(DOCS_COMPLETE), NONE, WF_F_T0, "S1 第十条"),
	TWITHDRAW(DOCS_PENDING),
	/* S1 art. 15: investigation started within 3 working days; art. 16:
	 * teams of two, the form, both signatures; art. 17: data check */
	T(ACCEPTED, START_INVESTIGATION, INVESTIGATING, TC, 0, 0, NONE, 0, "S1 第十五条"),
	T(ACCEPTED, RECORD_VISIT, INVESTIGATING, TC, 0, VISIT, SURVEY, 0, "S1 第十五条、第十六条"),
	T(ACCEPTED, REQUEST_CHECK, CHECKING, TC, 0, 0, NONE, 0, "S1 第十五条、第十七条"),
	TTERMINATE(ACCEPTED),
	TWITHDRAW(ACCEPTED),
	T(INVESTIGATING, RECORD_VISIT, INVESTIGATING, TC, 0, VISIT, SURVEY, 0, "S1 第十六条"),
	T(INVESTIGATING, REQUEST_CHECK, CHECKING, TC, 0, 0, NONE, 0, "S1 第十五条、第十七条"),
	T(INVESTIGATING, RECORD_EVALUATION, INVESTIGATING, TC, 0, EVAL, EVALUATION, 0,
	  "S2 第二十一、二十二条（地方）"),
	/* S1 art. 19: the township's initial opinion on the investigation */
	T(INVESTIGATING, TOWNSHIP_REVIEW, REVIEWED, TR, 0,
	  GB(VISIT_DONE) | GB(CHECK_PASSED) | GB(EVAL_IF_REQUIRED), NONE, 0, "S1 第十九条第一款"),
	TTERMINATE(INVESTIGATING),
	TWITHDRAW(INVESTIGATING),
	/* S1 art. 17, 18(1): the check result; a failing one is told to the
	 * applicant (branch tested in record_check_branches) */
	T(CHECKING, RECORD_CHECK, INVESTIGATING, CA | TC, 0, GB(CHECK_RESULT), NONE, 0,
	  "S1 第十七条、第十八条第一款"),
	TTERMINATE(CHECKING),
	TWITHDRAW(CHECKING),
	/* S1 art. 18(2): an objection with evidence → 复查; otherwise the
	 * confirming authority refuses in writing (art. 21) */
	T(CHECK_FAILED, OBJECT, INVESTIGATING, VA | TC, 0, GB(OBJECTION_EVIDENCE), NONE, SIDE,
	  "S1 第十八条第二款"),
	T(CHECK_FAILED, REFUSE, REFUSED, CA, TR, 0, REFUSAL, REASON | WF_F_DECISION, "S1 第十八条、第二十一条"),
	TTERMINATE(CHECK_FAILED),
	TWITHDRAW(CHECK_FAILED),
	/* S1 art. 19; S7 四(二): 7 days' public notice */
	T(REVIEWED, PUBLISH, NOTICE, TC, 0, 0, NOTICE_LIST, 0, "S1 第十九条；S7 四（二）"),
	TTERMINATE(REVIEWED),
	TWITHDRAW(REVIEWED),
	T(NOTICE, OBJECT, OBJECTED, VA | TC, 0, GB(NOTICE_RUNNING), NONE, WF_F_OPENS_OBJECTION | SIDE,
	   "S1 第十九条第二款"),
	T(NOTICE, CLOSE_NOTICE, READY, TC, 0, GB(NOTICE_OVER) | GB(NO_OPEN_OBJECTION), NONE, 0,
	  "S1 第十九条第一款"),
	TTERMINATE(NOTICE),
	TWITHDRAW(NOTICE),
	/* S1 art. 19(2): an objection → re-investigation or democratic
	 * evaluation → a new initial opinion → to the county */
	T(OBJECTED, OBJECT, OBJECTED, VA | TC, 0, GB(NOTICE_RUNNING), NONE, WF_F_OPENS_OBJECTION | SIDE,
	   "S1 第十九条第二款"),
	T(OBJECTED, RECORD_VISIT, OBJECTED, TC, 0, VISIT, SURVEY, WF_F_RESOLVES_OBJECTION,
	   "S1 第十九条第二款、第十六条"),
	T(OBJECTED, RECORD_EVALUATION, OBJECTED, TC, 0, EVAL, EVALUATION, WF_F_RESOLVES_OBJECTION,
	   "S1 第十九条第二款"),
	T(OBJECTED, TOWNSHIP_REVIEW, READY, TR, 0, GB(NOTICE_OVER) | GB(NO_OPEN_OBJECTION), NONE, 0,
	  "S1 第十九条第二款"),
	TTERMINATE(OBJECTED),
	TWITHDRAW(OBJECTED),
	T(READY, SUBMIT, SUBMITTED, TC | TR, 0, 0, NONE, 0, "S1 第十九条"),
	T(READY, COMPLAIN, READY, PO | TC | CA, 0, 0, NONE, SIDE, "S1 第二十条第二款、第三十六条"),
	TTERMINATE(READY),
	TWITHDRAW(READY),
	/* S1 art. 20: county review; a home visit for relatives-filed cases
	 * and complaints; art. 21: confirm, or refuse with reasons */
	T(SUBMITTED, COUNTY_VISIT, SUBMITTED, CA, TC | TR, VISIT, SURVEY, 0,
	  "S1 第二十条第二款、第十六条"),
	T(SUBMITTED, COMPLAIN, SUBMITTED, PO | TC | CA, 0, 0, NONE, SIDE,
	  "S1 第二十条第二款、第三十六条"),
	T(SUBMITTED, CONFIRM, CONFIRMED, CA, TR, GB(RELATIVES_VISIT) | GB(COMPLAINT_VISIT),
	  CONFIRMATION, WF_F_DECISION, "S1 第二十条、第二十一条"),
	T(SUBMITTED, REFUSE, REFUSED, CA, TR, 0, REFUSAL, REASON | WF_F_DECISION, "S1 第二十一条"),
	T(SUBMITTED, SEND_BACK, INVESTIGATING, CA, TR, 0, NONE, REASON, "S1 第二十条（地方：退回补充调查）"),
	TTERMINATE(SUBMITTED),
	TWITHDRAW(SUBMITTED),
	/* S1 art. 21: the written refusal within 3 working days */
	T(REFUSED, NOTIFY, REFUSAL_NOTIFIED, TC, 0, 0, NONE, 0, "S1 第二十一条"),
};

static const struct trow *law_find(enum wf_state s, enum wf_action a)
{
	for (size_t i = 0; i < DIB_ARRAY_LEN(law); i++)
		if (law[i].from == s && law[i].a == a)
			return &law[i];
	return NULL;
}

static void test_workflow__table_matches_the_law(void **state)
{
	size_t n = 0;
	const struct wf_row *rows = wf_rows(&n);

	(void)state;
	assert_int_equal(n, DIB_ARRAY_LEN(law));
	for (size_t i = 0; i < DIB_ARRAY_LEN(law); i++) {
		const struct trow *t = &law[i];
		const struct wf_row *r = wf_row_find(t->from, t->a);
		if (!r)
			fail_msg("row %s/%s missing", wf_state_code(t->from), wf_action_code(t->a));
		assert_ptr_equal(r, &rows[i]); /* same order as written here */
		if (r->to != t->to || r->roles != t->roles || r->delegated_roles != t->droles ||
		    r->guards != t->guards || r->doc != t->doc ||
		    r->flags != t->flags || strcmp(r->article, t->article))
			fail_msg("row %s/%s differs from the law", wf_state_code(t->from),
				 wf_action_code(t->a));
	}
}

static void test_workflow__every_row_allowed(void **state)
{
	const calendar *cal = *state;
	struct wf_params p = defaults();

	for (size_t i = 0; i < DIB_ARRAY_LEN(law); i++) {
		const struct trow *t = &law[i];
		struct wf_facts f = facts_for(t->a, t->guards);
		struct wf_step st;
		dib_err err;
		dib_err_clear(&err);
		if (wf_next(t->from, t->a, WF_ROLE_ALL, &f, &p, cal, &st, &err) != DIB_OK)
			fail_msg("%s/%s refused: %s", wf_state_code(t->from), wf_action_code(t->a),
				 err.msg);
		assert_int_equal(st.to, t->to);
		assert_int_equal(st.doc, t->doc);
		assert_string_equal(st.row->article, t->article);
	}
}

static void test_workflow__every_row_roles(void **state)
{
	const calendar *cal = *state;

	for (int delegated = 0; delegated <= 1; delegated++) {
		struct wf_params p = defaults();
		p.delegated = delegated;
		for (size_t i = 0; i < DIB_ARRAY_LEN(law); i++) {
			const struct trow *t = &law[i];
			unsigned want = t->roles | (delegated ? t->droles : 0);
			struct wf_facts f = facts_for(t->a, t->guards);
			for (int b = 0; b < WF_ROLE_COUNT; b++) {
				unsigned role = 1u << b;
				struct wf_step st;
				dib_err err;
				dib_err_clear(&err);
				dib_code rc = wf_next(t->from, t->a, role, &f, &p, cal, &st, &err);
				if ((want & role) ? rc != DIB_OK : rc != DIB_EPERM)
					fail_msg("%s/%s by %s (delegated %d): %s", wf_state_code(t->from),
						 wf_action_code(t->a), wf_role_code(role), delegated,
						 err.msg);
				if (rc == DIB_EPERM)
					assert_non_null(strstr(err.msg, "须由"));
			}
			/* nobody: no role at all */
			struct wf_step st;
			dib_err err;
			dib_err_clear(&err);
			assert_int_equal(wf_next(t->from, t->a, 0, &f, &p, cal, &st, &err), DIB_EPERM);
		}
	}
}

static void test_workflow__every_other_pair_refused(void **state)
{
	const calendar *cal = *state;
	struct wf_params p = defaults();
	struct wf_facts f = base_facts();
	int refused = 0;

	for (int s = 0; s < WF_STATE_COUNT; s++)
		for (int a = 0; a < WF_ACTION_COUNT; a++) {
			if (law_find((enum wf_state)s, (enum wf_action)a))
				continue;
			struct wf_step st = {WF_DRAFT, WF_DOC_NONE, NULL};
			char want[128];
			dib_err err;
			dib_err_clear(&err);
			assert_int_equal(wf_next((enum wf_state)s, (enum wf_action)a, WF_ROLE_ALL, &f, &p,
						 cal, &st, &err),
					 DIB_ECONFLICT);
			snprintf(want, sizeof want, "案件当前为「%s」，", wf_state_name((enum wf_state)s));
			assert_int_equal(strncmp(err.msg, want, strlen(want)), 0);
			assert_null(st.row); /* untouched */
			refused++;
		}
	assert_int_equal(refused, WF_STATE_COUNT * WF_ACTION_COUNT - (int)DIB_ARRAY_LEN(law));
}

static void test_workflow__refusal_lists_what_is_possible(void **state)
{
	const calendar *cal = *state;
	struct wf_params p = defaults();
	struct wf_facts f = base_facts();
	struct wf_step st;
	dib_err err;

	dib_err_clear(&err);
	assert_int_equal(wf_next(WF_INVESTIGATING, WF_CONFIRM, CA, &f, &p, cal, &st, &err),
			 DIB_ECONFLICT);
	assert_string_equal(err.msg, "案件当前为「调查中」，不能「确认同意」；当前可办理：登记入户调查、"
				     "提请信息核对、登记民主评议、乡镇初审、终止审核确认、撤回申请");
	dib_err_clear(&err);
	assert_int_equal(wf_next(WF_CONFIRMED, WF_WITHDRAW, VA, &f, &p, cal, &st, &err),
			 DIB_ECONFLICT);
	assert_string_equal(err.msg, "案件当前为「已确认」，流程已结束，不能「撤回申请」");
	dib_err_clear(&err);
	assert_int_equal(wf_next(WF_STATE_COUNT, WF_CONFIRM, CA, &f, &p, cal, &st, &err),
			 DIB_EINVAL);
	dib_err_clear(&err);
	assert_int_equal(wf_next(WF_SUBMITTED, (enum wf_action)-1, CA, &f, &p, cal, &st, &err),
			 DIB_EINVAL);
}

static void test_workflow__role_messages(void **state)
{
	const calendar *cal = *state;
	struct wf_params p = defaults();
	struct wf_facts f = base_facts();
	struct wf_step st;
	dib_err err;

	/* S1 art. 2: the county confirms */
	dib_err_clear(&err);
	assert_int_equal(wf_next(WF_SUBMITTED, WF_CONFIRM, TR | TC, &f, &p, cal, &st, &err),
			 DIB_EPERM);
	assert_string_equal(err.msg, "「确认同意」须由县民政局审批人办理");
	/* S1 art. 2(2): delegated to the township */
	p.delegated = true;
	dib_err_clear(&err);
	assert_int_equal(wf_next(WF_SUBMITTED, WF_CONFIRM, VA, &f, &p, cal, &st, &err), DIB_EPERM);
	assert_string_equal(err.msg, "「确认同意」须由乡镇审核人或县民政局审批人办理");
	dib_err_clear(&err);
	assert_int_equal(wf_next(WF_SUBMITTED, WF_CONFIRM, TR, &f, &p, cal, &st, &err), DIB_OK);
	/* the roles come from the roles table's codes */
	static const char *const codes[] = {"auditor", "township_reviewer", NULL, "nobody"};
	assert_int_equal(wf_roles_of(codes, 4), TR);
}

static void test_workflow__reason_required(void **state)
{
	const calendar *cal = *state;
	struct wf_params p = defaults();
	int with_reason = 0;

	for (size_t i = 0; i < DIB_ARRAY_LEN(law); i++) {
		const struct trow *t = &law[i];
		struct wf_facts f = facts_for(t->a, t->guards);
		struct wf_step st;
		dib_err err;
		f.has_reason = false;
		dib_err_clear(&err);
		dib_code rc = wf_next(t->from, t->a, WF_ROLE_ALL, &f, &p, cal, &st, &err);
		if (!(t->flags & WF_F_REASON)) {
			assert_int_equal(rc, DIB_OK);
			continue;
		}
		with_reason++;
		assert_int_equal(rc, DIB_EINVAL);
		char want[256];
		snprintf(want, sizeof want, "「%s」须填写理由（%s）", wf_action_name(t->a), t->article);
		assert_string_equal(err.msg, want);
	}
	/* refusals (2), send back, 9 terminations, 11 withdrawals */
	assert_int_equal(with_reason, 2 + 1 + 9 + 11);
}

/* ---- guards ---- */

struct gcase {
	enum wf_state s;
	enum wf_action a;
	uint32_t unmet;     /* exactly these guards fail */
	const char *msg;    /* the whole message */
	void (*set)(struct wf_facts *f, struct wf_params *p);
};

static void docs_missing(struct wf_facts *f, struct wf_params *p) { (void)p; f->missing_documents = 2; }
static void docs_missing_notice(struct wf_facts *f, struct wf_params *p)
{
	(void)p;
	f->missing_documents = 1;
	f->missing_notice_issued = true;
}
static void docs_none(struct wf_facts *f, struct wf_params *p) { (void)p; f->missing_documents = 0; }
static void one_investigator(struct wf_facts *f, struct wf_params *p) { (void)p; f->visit_investigators = 1; }
static void no_form(struct wf_facts *f, struct wf_params *p) { (void)p; f->visit_form = false; }
static void no_staff_sign(struct wf_facts *f, struct wf_params *p) { (void)p; f->visit_staff_signed = false; }
static void no_family_sign(struct wf_facts *f, struct wf_params *p) { (void)p; f->visit_family_signed = false; }
static void no_visit(struct wf_facts *f, struct wf_params *p) { (void)p; f->visit_done = false; }
static void no_check(struct wf_facts *f, struct wf_params *p) { (void)p; f->check = WF_CHK_NONE; }
static void check_failed(struct wf_facts *f, struct wf_params *p) { (void)p; f->check = WF_CHK_FAILED; }
static void five_of_nine(struct wf_facts *f, struct wf_params *p)
{
	(void)p;
	f->eval_attendees = 9;
	f->eval_representatives = 5;
}
static void no_attendees(struct wf_facts *f, struct wf_params *p) { (void)p; f->eval_attendees = 0; }
static void eval_unsigned(struct wf_facts *f, struct wf_params *p) { (void)p; f->eval_signed = false; }
static void eval_required(struct wf_facts *f, struct wf_params *p)
{
	p->evaluation_always = true;
	f->eval_done = false;
}
static void notice_day_15(struct wf_facts *f, struct wf_params *p) { (void)p; f->today = D("2025-06-18"); }
static void notice_day_7(struct wf_facts *f, struct wf_params *p) { (void)p; f->today = D("2025-06-10"); }
static void unpublished(struct wf_facts *f, struct wf_params *p)
{
	(void)p;
	f->published = false;
	f->today = D("2025-06-05");
}
static void objection_open(struct wf_facts *f, struct wf_params *p) { (void)p; f->objection_open = true; }
static void no_evidence(struct wf_facts *f, struct wf_params *p) { (void)p; f->objection_evidence = false; }
static void relatives(struct wf_facts *f, struct wf_params *p) { (void)p; f->relatives_filed = true; }
static void complaint(struct wf_facts *f, struct wf_params *p) { (void)p; f->has_complaint = true; }

static const struct gcase guard_cases[] = {
	/* S1 art. 10 */
	{WF_APPLIED, WF_ACCEPT, GB(DOCS_COMPLETE),
	 "不能「受理」：申请材料尚缺 2 项，请出具一次性告知书", docs_missing},
	{WF_DOCS_PENDING, WF_ACCEPT, GB(DOCS_COMPLETE),
	 "不能「受理」：申请材料尚缺 1 项，待申请人补齐", docs_missing_notice},
	{WF_APPLIED, WF_REQUEST_DOCUMENTS, GB(DOCS_MISSING),
	 "不能「一次性告知补正」：申请材料已齐备，应予受理，无需补正", docs_none},
	{WF_APPLIED, WF_REQUEST_DOCUMENTS, GB(FIRST_NOTICE),
	 "不能「一次性告知补正」：已出具过一次性告知书，不得再次要求补正（须一次性告知全部材料）",
	 docs_missing_notice},
	/* S1 art. 16 */
	{WF_INVESTIGATING, WF_RECORD_VISIT, GB(VISIT_TEAM),
	 "不能「登记入户调查」：入户调查需至少两名调查人员，当前 1 名", one_investigator},
	{WF_ACCEPTED, WF_RECORD_VISIT, GB(VISIT_FORM), "不能「登记入户调查」：未填写入户调查表", no_form},
	{WF_OBJECTED, WF_RECORD_VISIT, GB(VISIT_STAFF_SIGNED),
	 "不能「登记入户调查」：入户调查表缺少调查人员签字", no_staff_sign},
	{WF_INVESTIGATING, WF_RECORD_VISIT, GB(VISIT_FAMILY_SIGNED),
	 "不能「登记入户调查」：入户调查表缺少在场家庭成员签字", no_family_sign},
	{WF_SUBMITTED, WF_COUNTY_VISIT, GB(VISIT_TEAM),
	 "不能「登记县级入户调查」：入户调查需至少两名调查人员，当前 1 名", one_investigator},
	/* S1 art. 19 (the opinion rests on the investigation), art. 17 */
	{WF_INVESTIGATING, WF_TOWNSHIP_REVIEW, GB(VISIT_DONE), "不能「乡镇初审」：尚无入户调查记录",
	 no_visit},
	{WF_INVESTIGATING, WF_TOWNSHIP_REVIEW, GB(CHECK_PASSED),
	 "不能「乡镇初审」：尚无信息核对结果，请先提请县级信息核对", no_check},
	{WF_INVESTIGATING, WF_TOWNSHIP_REVIEW, GB(CHECK_PASSED),
	 "不能「乡镇初审」：信息核对结果为不符合，须经复查并重新核对", check_failed},
	{WF_CHECKING, WF_RECORD_CHECK, GB(CHECK_RESULT),
	 "不能「登记核对结果」：未填写核对结果（符合或不符合）", no_check},
	/* S2 art. 21, 22 (local) */
	{WF_OBJECTED, WF_RECORD_EVALUATION, GB(EVAL_QUORUM),
	 "不能「登记民主评议」：民主评议村（居）民代表 5 人，参会 9 人，代表须不少于参会人数的 2/3",
	 five_of_nine},
	{WF_INVESTIGATING, WF_RECORD_EVALUATION, GB(EVAL_QUORUM),
	 "不能「登记民主评议」：民主评议未登记参会人数", no_attendees},
	{WF_OBJECTED, WF_RECORD_EVALUATION, GB(EVAL_SIGNED),
	 "不能「登记民主评议」：民主评议记录缺少参会人员签字", eval_unsigned},
	{WF_INVESTIGATING, WF_TOWNSHIP_REVIEW, GB(EVAL_IF_REQUIRED),
	 "不能「乡镇初审」：本地规定乡镇初审前须开展民主评议，尚无评议记录", eval_required},
	/* S1 art. 19; 民法典 art. 201, 203 */
	{WF_NOTICE, WF_OBJECT, GB(NOTICE_RUNNING),
	 "不能「登记异议」：公示期已于 2025-06-10 届满，不再登记公示异议；报送后收到的意见请按投诉举报登记",
	 notice_day_15},
	{WF_NOTICE, WF_CLOSE_NOTICE, GB(NOTICE_OVER),
	 "不能「结束公示」：公示期未满：2025-06-03 发布，公示 7 天（发布当日不计入）至 2025-06-10，"
	 "2025-06-11 起方可办理",
	 notice_day_7},
	{WF_NOTICE, WF_CLOSE_NOTICE, GB(NOTICE_OVER), "不能「结束公示」：尚未发布公示", unpublished},
	{WF_NOTICE, WF_CLOSE_NOTICE, GB(NO_OPEN_OBJECTION),
	 "不能「结束公示」：公示异议尚未处理：须重新入户调查或开展民主评议", objection_open},
	{WF_OBJECTED, WF_TOWNSHIP_REVIEW, GB(NO_OPEN_OBJECTION),
	 "不能「乡镇初审」：公示异议尚未处理：须重新入户调查或开展民主评议", objection_open},
	/* S1 art. 18(2) */
	{WF_CHECK_FAILED, WF_OBJECT, GB(OBJECTION_EVIDENCE),
	 "不能「登记异议」：对核对结果有异议须提供佐证材料", no_evidence},
	/* S1 art. 11, 20(2) */
	{WF_SUBMITTED, WF_CONFIRM, GB(RELATIVES_VISIT),
	 "不能「确认同意」：近亲属备案的申请须有县级入户调查记录方可确认", relatives},
	{WF_SUBMITTED, WF_CONFIRM, GB(COMPLAINT_VISIT),
	 "不能「确认同意」：审核确认阶段接到投诉举报，须有县级入户调查记录方可确认", complaint},
};

static void test_workflow__every_guard(void **state)
{
	const calendar *cal = *state;
	uint32_t covered = 0, used = 0;
	size_t n;
	const struct wf_row *rows = wf_rows(&n);

	for (size_t i = 0; i < DIB_ARRAY_LEN(guard_cases); i++) {
		const struct gcase *g = &guard_cases[i];
		const struct trow *t = law_find(g->s, g->a);
		assert_non_null(t);
		struct wf_facts f = facts_for(g->a, t->guards);
		struct wf_params p = defaults();
		struct wf_step st;
		uint32_t unmet = 0;
		dib_err err;

		/* holds with the good facts, fails with the bad ones */
		dib_err_clear(&err);
		assert_int_equal(wf_next(g->s, g->a, WF_ROLE_ALL, &f, &p, cal, &st, &err), DIB_OK);
		g->set(&f, &p);
		dib_err_clear(&err);
		assert_int_equal(wf_next(g->s, g->a, WF_ROLE_ALL, &f, &p, cal, &st, &err),
				 DIB_ECONFLICT);
		if (strcmp(err.msg, g->msg))
			fail_msg("case %zu:\n got  %s\n want %s", i, err.msg, g->msg);
		dib_err_clear(&err);
		assert_int_equal(wf_unmet(g->s, g->a, &f, &p, cal, &unmet, &err), DIB_OK);
		assert_int_equal(unmet, g->unmet);
		covered |= g->unmet;
	}
	/* every guard a row uses is exercised here (the branch predicate is
	 * tested in record_check_branches) */
	for (size_t i = 0; i < n; i++)
		used |= rows[i].guards;
	assert_int_equal(covered, used);
	assert_int_equal(used | GB(CHECK_FAILED), (1u << WF_GUARD_COUNT) - 1);
	for (int g = 0; g < WF_GUARD_COUNT; g++) {
		assert_non_null(wf_guard_code((enum wf_guard)g));
		assert_true(strlen(wf_guard_name((enum wf_guard)g)) > 0);
		assert_non_null(strstr(wf_guard_article((enum wf_guard)g), "第"));
	}
}

static void test_workflow__eval_quorum_edges(void **state)
{
	const calendar *cal = *state;
	struct wf_params p = defaults();
	static const struct {
		int attendees, reps;
		bool ok;
	} t[] = {
		{9, 6, true},   /* exactly 2/3 (S2 art. 22 "不少于") */
		{9, 5, false},
		{3, 2, true},
		{10, 7, true},
		{10, 6, false},
		{4, 5, false},  /* more representatives than attendees: a typo */
		{0, 0, false},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		struct wf_facts f = base_facts();
		uint32_t unmet = 0;
		dib_err err;
		f.eval_attendees = t[i].attendees;
		f.eval_representatives = t[i].reps;
		dib_err_clear(&err);
		assert_int_equal(wf_unmet(WF_OBJECTED, WF_RECORD_EVALUATION, &f, &p, cal, &unmet, &err),
				 DIB_OK);
		if ((unmet == 0) != t[i].ok)
			fail_msg("%d of %d", t[i].reps, t[i].attendees);
	}
}

static void test_workflow__all_unmet_named_at_once(void **state)
{
	const calendar *cal = *state;
	struct wf_params p = defaults();
	struct wf_facts f = base_facts();
	struct wf_step st;
	dib_err err;

	f.visit_investigators = 1;
	f.visit_form = false;
	f.visit_staff_signed = false;
	f.visit_family_signed = false;
	dib_err_clear(&err);
	assert_int_equal(wf_next(WF_INVESTIGATING, WF_RECORD_VISIT, TC, &f, &p, cal, &st, &err),
			 DIB_ECONFLICT);
	assert_string_equal(err.msg, "不能「登记入户调查」：入户调查需至少两名调查人员，当前 1 名；"
				     "未填写入户调查表；入户调查表缺少调查人员签字；"
				     "入户调查表缺少在场家庭成员签字");
	/* both county visits missing reasons at once */
	f = base_facts();
	f.relatives_filed = f.has_complaint = true;
	dib_err_clear(&err);
	assert_int_equal(wf_next(WF_SUBMITTED, WF_CONFIRM, CA, &f, &p, cal, &st, &err),
			 DIB_ECONFLICT);
	assert_non_null(strstr(err.msg, "近亲属备案"));
	assert_non_null(strstr(err.msg, "；审核确认阶段接到投诉举报"));
	/* wf_unmet on a closed pair */
	uint32_t u = 7;
	dib_err_clear(&err);
	assert_int_equal(wf_unmet(WF_CONFIRMED, WF_CONFIRM, &f, &p, cal, &u, &err), DIB_ECONFLICT);
	assert_int_equal(u, 7);
}

static void test_workflow__record_check_branches(void **state)
{
	const calendar *cal = *state;
	struct wf_params p = defaults();
	struct wf_facts f = base_facts();
	struct wf_step st;
	dib_err err;

	/* S1 art. 17: a passing check goes back to the investigation */
	f.check = WF_CHK_PASSED;
	dib_err_clear(&err);
	assert_int_equal(wf_next(WF_CHECKING, WF_RECORD_CHECK, CA, &f, &p, cal, &st, &err), DIB_OK);
	assert_int_equal(st.to, WF_INVESTIGATING);
	assert_int_equal(st.doc, WF_DOC_NONE);
	/* S1 art. 18(1): a failing one is told to the applicant */
	f.check = WF_CHK_FAILED;
	dib_err_clear(&err);
	assert_int_equal(wf_next(WF_CHECKING, WF_RECORD_CHECK, TC, &f, &p, cal, &st, &err), DIB_OK);
	assert_int_equal(st.to, WF_CHECK_FAILED);
	assert_int_equal(st.doc, WF_DOC_CHECK_RESULT);
	assert_string_equal(wf_doc_name(st.doc), "核对结果告知书");
}

/* ---- whole paths ---- */

struct wcase {
	enum wf_state s;
	struct wf_facts f;
	struct wf_params p;
	const calendar *cal;
	unsigned flags; /* of the last step */
};

static struct wcase wcase_new(const calendar *cal)
{
	struct wcase c;

	memset(&c, 0, sizeof c);
	c.s = WF_DRAFT;
	wf_params_default(&c.p);
	c.cal = cal;
	c.f.today = D("2025-09-22");
	c.f.has_reason = false;
	return c;
}

static enum wf_doc act(struct wcase *c, const char *day, enum wf_action a, unsigned roles,
		       enum wf_state want)
{
	struct wf_step st;
	dib_err err;

	if (day)
		c->f.today = D(day);
	dib_err_clear(&err);
	if (wf_next(c->s, a, roles, &c->f, &c->p, c->cal, &st, &err) != DIB_OK)
		fail_msg("%s in %s: %s", wf_action_code(a), wf_state_code(c->s), err.msg);
	if (st.to != want)
		fail_msg("%s in %s: went to %s", wf_action_code(a), wf_state_code(c->s),
			 wf_state_code(st.to));
	c->s = st.to;
	c->flags = st.row->flags;
	return st.doc;
}

static void refused(struct wcase *c, const char *day, enum wf_action a, unsigned roles,
		    dib_code want, const char *msg)
{
	struct wf_step st;
	dib_err err;
	enum wf_state before = c->s;

	if (day)
		c->f.today = D(day);
	dib_err_clear(&err);
	assert_int_equal(wf_next(c->s, a, roles, &c->f, &c->p, c->cal, &st, &err), want);
	if (msg && !strstr(err.msg, msg))
		fail_msg("%s: got \"%s\", want it to contain \"%s\"", wf_action_code(a), err.msg, msg);
	assert_int_equal(c->s, before);
}

static void visit(struct wf_facts *f, int investigators)
{
	f->visit_investigators = investigators;
	f->visit_form = f->visit_staff_signed = f->visit_family_signed = true;
}

static struct wf_due due_of(const struct wcase *c, dib_date entered, dib_date t0)
{
	struct wf_clock k = {c->s, entered, true, t0, WF_EXT_NONE};
	struct wf_due d;
	dib_err err;

	dib_err_clear(&err);
	if (wf_due_dates(&k, &c->p, c->cal, &d, &err) != DIB_OK)
		fail_msg("due: %s", err.msg);
	return d;
}

static void assert_date(dib_date got, const char *want)
{
	char s[DIB_DATE_STR];

	if (date_cmp(got, D(want)))
		fail_msg("got %s, want %s", date_format(got, s), want);
}

/* Application to confirmation across National Day 2025, by four people. */
static void test_workflow__happy_path(void **state)
{
	struct wcase c = wcase_new(*state);
	struct wf_due d;
	enum wf_action sod[4];

	act(&c, "2025-09-22", WF_APPLY, VA, WF_APPLIED);                 /* S1 art. 4 */
	c.f.missing_documents = 0;
	act(&c, "2025-09-24", WF_ACCEPT, TC, WF_ACCEPTED);               /* S1 art. 10 */
	assert_true(c.flags & WF_F_T0);
	d = due_of(&c, D("2025-09-24"), D("2025-09-24"));
	assert_date(d.step, "2025-09-28"); /* S1 art. 15: 3 working days, Sunday 28th worked */
	assert_date(d.case_due, "2025-11-11"); /* S1 art. 22: 30 working days */
	assert_date(d.due, "2025-09-28");

	act(&c, "2025-09-26", WF_START_INVESTIGATION, TC, WF_INVESTIGATING);
	d = due_of(&c, D("2025-09-26"), D("2025-09-24"));
	assert_false(d.has_step); /* no national limit for the township review */
	assert_date(d.due, "2025-11-11");
	visit(&c.f, 2);
	assert_int_equal(act(&c, "2025-09-28", WF_RECORD_VISIT, TC, WF_INVESTIGATING), WF_DOC_SURVEY);
	c.f.visit_done = true;
	refused(&c, "2025-09-29", WF_TOWNSHIP_REVIEW, TR, DIB_ECONFLICT, "尚无信息核对结果");
	act(&c, "2025-09-29", WF_REQUEST_CHECK, TC, WF_CHECKING);       /* S1 art. 17 */
	d = due_of(&c, D("2025-09-29"), D("2025-09-24"));
	assert_date(d.step, "2025-10-10"); /* 3 working days over the National Day week */
	c.f.check = WF_CHK_PASSED;
	act(&c, "2025-10-10", WF_RECORD_CHECK, CA, WF_INVESTIGATING);
	act(&c, "2025-10-11", WF_TOWNSHIP_REVIEW, TR, WF_REVIEWED);      /* S1 art. 19 */
	assert_int_equal(act(&c, "2025-10-13", WF_PUBLISH, TC, WF_NOTICE), WF_DOC_NOTICE_LIST);
	c.f.published = true;
	c.f.notice_start = D("2025-10-13");
	d = due_of(&c, D("2025-10-13"), D("2025-09-24"));
	assert_true(d.has_notice);
	assert_date(d.notice_last, "2025-10-20");
	refused(&c, "2025-10-20", WF_CLOSE_NOTICE, TC, DIB_ECONFLICT,
		"公示期未满：2025-10-13 发布，公示 7 天（发布当日不计入）至 2025-10-20，2025-10-21 起方可办理");
	act(&c, "2025-10-21", WF_CLOSE_NOTICE, TC, WF_READY);
	act(&c, "2025-10-21", WF_SUBMIT, TC, WF_SUBMITTED);
	d = due_of(&c, D("2025-10-21"), D("2025-09-24"));
	assert_date(d.step, "2025-11-04"); /* S1 art. 20: 10 working days */
	assert_date(d.case_due, "2025-11-11");
	assert_date(d.due, "2025-11-04");
	refused(&c, "2025-10-30", WF_CONFIRM, TR, DIB_EPERM, "县民政局审批人");
	assert_int_equal(act(&c, "2025-10-30", WF_CONFIRM, CA, WF_CONFIRMED), WF_DOC_CONFIRMATION);
	assert_true(c.flags & WF_F_DECISION);
	assert_true(wf_state_final(c.s));
	assert_date(wf_payment_start(D("2025-10-30")), "2025-11-01"); /* S1 art. 21 */
	/* the reviewer (township_review) and the approver (confirm) must differ */
	assert_int_equal(wf_sod_before(WF_CONFIRM, sod, 4), 1);
	assert_int_equal(sod[0], WF_TOWNSHIP_REVIEW);
	d = due_of(&c, D("2025-10-30"), D("2025-09-24"));
	assert_false(d.has_due);
}

/* S1 art. 19(2): an objection → evaluation / re-investigation → a new
 * initial opinion → the county, without a second notice. */
static void test_workflow__objection_path(void **state)
{
	struct wcase c = wcase_new(*state);

	c.s = WF_REVIEWED;
	c.f.visit_done = true;
	c.f.check = WF_CHK_PASSED;
	act(&c, "2025-09-24", WF_PUBLISH, TC, WF_NOTICE);
	c.f.published = true;
	c.f.notice_start = D("2025-09-24"); /* 7th day 1 Oct is a holiday: ends 9 Oct */
	act(&c, "2025-09-26", WF_OBJECT, VA, WF_OBJECTED);
	assert_true(c.flags & WF_F_OPENS_OBJECTION);
	c.f.objection_open = true;
	refused(&c, "2025-09-30", WF_TOWNSHIP_REVIEW, TR, DIB_ECONFLICT,
		"不能「乡镇初审」：公示期未满：2025-09-24 发布，公示 7 天（发布当日不计入）至 "
		"2025-10-09，2025-10-10 起方可办理；公示异议尚未处理：须重新入户调查或开展民主评议");
	c.f.eval_attendees = 12;
	c.f.eval_representatives = 8;
	c.f.eval_signed = true;
	assert_int_equal(act(&c, "2025-09-30", WF_RECORD_EVALUATION, TC, WF_OBJECTED),
			 WF_DOC_EVALUATION);
	assert_true(c.flags & WF_F_RESOLVES_OBJECTION);
	c.f.objection_open = false;
	/* a second objection on the last day of the extended period */
	act(&c, "2025-10-09", WF_OBJECT, TC, WF_OBJECTED);
	c.f.objection_open = true;
	refused(&c, "2025-10-10", WF_OBJECT, TC, DIB_ECONFLICT, "公示期已于 2025-10-09 届满");
	visit(&c.f, 3);
	act(&c, "2025-10-10", WF_RECORD_VISIT, TC, WF_OBJECTED);
	c.f.objection_open = false;
	act(&c, "2025-10-10", WF_TOWNSHIP_REVIEW, TR, WF_READY);
	act(&c, "2025-10-11", WF_SUBMIT, TR, WF_SUBMITTED);
	act(&c, "2025-10-15", WF_CONFIRM, CA, WF_CONFIRMED);
}

/* An objection 15 days after publishing comes too late for the notice; it
 * is a complaint, and a complaint makes the county visit mandatory
 * (S1 art. 20(2)). */
static void test_workflow__late_objection_is_a_complaint(void **state)
{
	struct wcase c = wcase_new(*state);

	c.s = WF_NOTICE;
	c.f.published = true;
	c.f.notice_start = D("2025-06-03");
	refused(&c, "2025-06-18", WF_OBJECT, VA, DIB_ECONFLICT,
		"公示期已于 2025-06-10 届满，不再登记公示异议；报送后收到的意见请按投诉举报登记");
	act(&c, "2025-06-18", WF_CLOSE_NOTICE, TC, WF_READY);
	act(&c, "2025-06-18", WF_SUBMIT, TC, WF_SUBMITTED);
	refused(&c, "2025-06-19", WF_OBJECT, VA, DIB_ECONFLICT, "登记投诉举报");
	act(&c, "2025-06-19", WF_COMPLAIN, PO, WF_SUBMITTED);
	c.f.has_complaint = true;
	refused(&c, "2025-06-20", WF_CONFIRM, CA, DIB_ECONFLICT,
		"审核确认阶段接到投诉举报，须有县级入户调查记录方可确认");
	visit(&c.f, 2);
	assert_int_equal(act(&c, "2025-06-23", WF_COUNTY_VISIT, CA, WF_SUBMITTED), WF_DOC_SURVEY);
	c.f.county_visit_done = true;
	act(&c, "2025-06-24", WF_CONFIRM, CA, WF_CONFIRMED);
}

/* S1 art. 11, 20(2): a relatives-filed case cannot be confirmed without a
 * county home visit — by two investigators, also under delegation. */
static void test_workflow__relatives_filed_needs_county_visit(void **state)
{
	for (int delegated = 0; delegated <= 1; delegated++) {
		struct wcase c = wcase_new(*state);
		unsigned decider = delegated ? TR : CA;
		c.p.delegated = delegated;
		c.s = WF_SUBMITTED;
		c.f.relatives_filed = true;
		refused(&c, "2025-06-03", WF_CONFIRM, decider, DIB_ECONFLICT,
			"不能「确认同意」：近亲属备案的申请须有县级入户调查记录方可确认");
		visit(&c.f, 1);
		refused(&c, NULL, WF_COUNTY_VISIT, decider, DIB_ECONFLICT,
			"入户调查需至少两名调查人员，当前 1 名");
		visit(&c.f, 2);
		act(&c, NULL, WF_COUNTY_VISIT, delegated ? TC : CA, WF_SUBMITTED);
		c.f.county_visit_done = true;
		act(&c, NULL, WF_CONFIRM, decider, WF_CONFIRMED);
	}
	/* refusing needs no visit: only confirmation is barred */
	struct wcase r = wcase_new(*state);
	r.s = WF_SUBMITTED;
	r.f.relatives_filed = true;
	r.f.has_reason = true;
	act(&r, "2025-06-03", WF_REFUSE, CA, WF_REFUSED);
}

/* S1 art. 21: refusal with reasons, written notice within 3 working days
 * of the decision (here across National Day). */
static void test_workflow__refusal(void **state)
{
	struct wcase c = wcase_new(*state);
	struct wf_due d;
	enum wf_action sod[2];

	c.s = WF_SUBMITTED;
	refused(&c, "2025-09-30", WF_REFUSE, CA, DIB_EINVAL, "「不予确认」须填写理由（S1 第二十一条）");
	c.f.has_reason = true;
	assert_int_equal(act(&c, "2025-09-30", WF_REFUSE, CA, WF_REFUSED), WF_DOC_REFUSAL);
	assert_string_equal(wf_doc_name(WF_DOC_REFUSAL), "不予确认通知书");
	d = due_of(&c, D("2025-09-30"), D("2025-09-10"));
	assert_date(d.step, "2025-10-11");
	assert_false(d.has_case); /* decided: the 30 days are over */
	assert_date(d.due, "2025-10-11");
	assert_false(wf_state_final(c.s));
	act(&c, "2025-10-10", WF_NOTIFY, TC, WF_REFUSAL_NOTIFIED);
	assert_true(wf_state_final(c.s));
	assert_int_equal(wf_sod_before(WF_REFUSE, sod, 2), 1);
	assert_int_equal(sod[0], WF_TOWNSHIP_REVIEW);
}

/* S1 art. 18: a failing check is told; an objection with evidence leads to
 * re-examination and a new check; without one the county refuses. */
static void test_workflow__failed_check(void **state)
{
	struct wcase c = wcase_new(*state);

	c.s = WF_CHECKING;
	c.f.check = WF_CHK_FAILED;
	assert_int_equal(act(&c, "2025-06-03", WF_RECORD_CHECK, CA, WF_CHECK_FAILED),
			 WF_DOC_CHECK_RESULT);
	refused(&c, NULL, WF_OBJECT, VA, DIB_ECONFLICT, "对核对结果有异议须提供佐证材料");
	refused(&c, NULL, WF_TOWNSHIP_REVIEW, TR, DIB_ECONFLICT, "当前可办理：登记异议、不予确认");
	c.f.objection_evidence = true;
	act(&c, "2025-06-05", WF_OBJECT, VA, WF_INVESTIGATING);
	c.f.visit_done = true;
	refused(&c, NULL, WF_TOWNSHIP_REVIEW, TR, DIB_ECONFLICT, "须经复查并重新核对");
	act(&c, NULL, WF_REQUEST_CHECK, TC, WF_CHECKING);
	c.f.check = WF_CHK_FAILED;
	act(&c, "2025-06-10", WF_RECORD_CHECK, CA, WF_CHECK_FAILED);
	c.f.has_reason = true;
	act(&c, "2025-06-12", WF_REFUSE, CA, WF_REFUSED);
}

/* S1 art. 29: termination ends the procedure (it is not a pause), from
 * acceptance on, by the township or the county, with a reason. */
static void test_workflow__termination(void **state)
{
	struct wcase c = wcase_new(*state);
	struct wf_due d;

	c.s = WF_APPLIED;
	refused(&c, "2025-06-03", WF_TERMINATE, TC, DIB_ECONFLICT, "案件当前为「已申请待受理」");
	c.s = WF_INVESTIGATING;
	refused(&c, NULL, WF_TERMINATE, TC, DIB_EINVAL, "须填写理由（S1 第二十九条）");
	refused(&c, NULL, WF_TERMINATE, VA, DIB_EPERM, NULL);
	c.f.has_reason = true;
	assert_int_equal(act(&c, NULL, WF_TERMINATE, CA, WF_TERMINATED), WF_DOC_TERMINATION);
	assert_true(wf_state_final(c.s));
	d = due_of(&c, D("2025-06-03"), D("2025-05-20"));
	assert_false(d.has_due); /* no clock left to run */
	refused(&c, NULL, WF_ACCEPT, TC, DIB_ECONFLICT, "流程已结束");
}

static void test_workflow__withdrawal(void **state)
{
	static const enum wf_state open[] = {
		WF_DRAFT, WF_APPLIED, WF_DOCS_PENDING, WF_ACCEPTED, WF_INVESTIGATING, WF_CHECKING,
		WF_CHECK_FAILED, WF_REVIEWED, WF_NOTICE, WF_OBJECTED, WF_READY, WF_SUBMITTED,
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(open); i++) {
		struct wcase c = wcase_new(*state);
		c.s = open[i];
		c.f.has_reason = true;
		act(&c, NULL, WF_WITHDRAW, VA, WF_WITHDRAWN);
	}
	/* no withdrawal after the decision */
	struct wcase c = wcase_new(*state);
	c.f.has_reason = true;
	c.s = WF_REFUSED;
	refused(&c, NULL, WF_WITHDRAW, VA, DIB_ECONFLICT, "当前可办理：书面告知送达");
	c.s = WF_CONFIRMED;
	refused(&c, NULL, WF_WITHDRAW, VA, DIB_ECONFLICT, "流程已结束");
}

/* S1 art. 10: one notice listing everything, once; then acceptance. */
static void test_workflow__one_time_notice(void **state)
{
	struct wcase c = wcase_new(*state);

	act(&c, "2025-06-03", WF_APPLY, VA, WF_APPLIED);
	c.f.missing_documents = 3;
	refused(&c, NULL, WF_ACCEPT, TC, DIB_ECONFLICT, "申请材料尚缺 3 项，请出具一次性告知书");
	assert_int_equal(act(&c, NULL, WF_REQUEST_DOCUMENTS, TC, WF_DOCS_PENDING), WF_DOC_MISSING_LIST);
	c.f.missing_notice_issued = true;
	c.f.missing_documents = 1;
	act(&c, "2025-06-09", WF_RESUBMIT, VA, WF_APPLIED);
	refused(&c, NULL, WF_REQUEST_DOCUMENTS, TC, DIB_ECONFLICT, "已出具过一次性告知书");
	c.f.missing_documents = 0;
	act(&c, "2025-06-10", WF_ACCEPT, TC, WF_ACCEPTED);
}

static void test_workflow__send_back_and_delegation(void **state)
{
	struct wcase c = wcase_new(*state);

	c.s = WF_SUBMITTED;
	refused(&c, "2025-06-03", WF_SEND_BACK, CA, DIB_EINVAL, "须填写理由");
	c.f.has_reason = true;
	act(&c, NULL, WF_SEND_BACK, CA, WF_INVESTIGATING);
	/* delegated: the township reviewer decides, the county still may */
	c.p.delegated = true;
	c.s = WF_SUBMITTED;
	act(&c, NULL, WF_REFUSE, TR, WF_REFUSED);
	c.s = WF_SUBMITTED;
	act(&c, NULL, WF_CONFIRM, CA, WF_CONFIRMED);
}

/* ---- deadlines ---- */

/* S1 art. 22; S7 四(一): 30 working days from acceptance, 20 where
 * confirmation is delegated, 45 with a special circumstance (for both);
 * the day of acceptance is not counted (民法典 art. 201). */
static void test_workflow__case_limits_30_45_20(void **state)
{
	const calendar *cal = *state;
	static const struct {
		const char *accepted;
		bool delegated;
		enum wf_extension ext;
		int limit;
		const char *due;
	} t[] = {
		{"2025-09-24", false, WF_EXT_NONE, 30, "2025-11-11"},      /* National Day */
		{"2025-09-24", false, WF_EXT_OBJECTION, 45, "2025-12-02"},
		{"2025-09-24", true, WF_EXT_NONE, 20, "2025-10-28"},
		{"2025-09-24", true, WF_EXT_SEPARATED, 45, "2025-12-02"},
		{"2026-01-20", false, WF_EXT_NONE, 30, "2026-03-09"},      /* Spring Festival 2026 */
		{"2026-01-20", true, WF_EXT_NONE, 20, "2026-02-24"},       /* 14 Feb worked, 15–23 off */
		{"2026-01-20", false, WF_EXT_HARD_SURVEY, 45, "2026-03-30"},
		{"2026-02-06", false, WF_EXT_NONE, 30, "2026-03-26"},
		{"2025-12-26", false, WF_EXT_NONE, 30, "2026-02-09"},      /* New Year, 4 Jan worked */
		{"2025-01-20", false, WF_EXT_NONLOCAL, 45, NULL},
		{"2025-01-20", false, WF_EXT_NONE, 30, "2025-03-07"},      /* Spring Festival 2025 */
		{"2025-06-03", false, WF_EXT_OTHER, 45, NULL},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		struct wf_params p = defaults();
		dib_date out = {0, 0, 0};
		dib_err err;
		p.delegated = t[i].delegated;
		assert_int_equal(wf_case_limit(t[i].ext, &p), t[i].limit);
		dib_err_clear(&err);
		assert_int_equal(wf_case_due(D(t[i].accepted), t[i].ext, &p, cal, &out, &err), DIB_OK);
		if (t[i].due)
			assert_date(out, t[i].due);
		/* whatever the dates: exactly `limit` working days after */
		int n = 0;
		assert_int_equal(calendar_count_workdays(cal, D(t[i].accepted), out, &n, &err), DIB_OK);
		assert_int_equal(n, t[i].limit);
		bool w = false;
		assert_int_equal(calendar_is_workday(cal, out, &w, &err), DIB_OK);
		assert_true(w);
	}
}

static void test_workflow__step_due_dates(void **state)
{
	const calendar *cal = *state;
	static const struct {
		enum wf_state s;
		const char *entered, *t0;
		const char *step, *case_due, *due; /* NULL: none */
	} t[] = {
		/* S1 art. 15: 3 working days from acceptance */
		{WF_ACCEPTED, "2025-09-24", "2025-09-24", "2025-09-28", "2025-11-11", "2025-09-28"},
		{WF_ACCEPTED, "2026-02-10", "2026-02-10", "2026-02-13", "2026-03-30", "2026-02-13"},
		/* S1 art. 17: 3 working days from the request */
		{WF_CHECKING, "2025-09-29", "2025-09-24", "2025-10-10", "2025-11-11", "2025-10-10"},
		{WF_CHECKING, "2026-02-13", "2026-02-02", "2026-02-25", "2026-03-20", "2026-02-25"},
		/* S1 art. 20: 10 working days from submission, capped by the case */
		{WF_SUBMITTED, "2025-10-21", "2025-09-24", "2025-11-04", "2025-11-11", "2025-11-04"},
		{WF_SUBMITTED, "2026-02-12", "2026-01-20", "2026-03-04", "2026-03-09", "2026-03-04"},
		{WF_SUBMITTED, "2025-11-05", "2025-09-24", "2025-11-19", "2025-11-11", "2025-11-11"},
		/* no limit of its own: only the case */
		{WF_INVESTIGATING, "2025-10-10", "2025-09-24", NULL, "2025-11-11", "2025-11-11"},
		{WF_CHECK_FAILED, "2025-10-10", "2025-09-24", NULL, "2025-11-11", "2025-11-11"},
		{WF_OBJECTED, "2025-10-15", "2025-09-24", NULL, "2025-11-11", "2025-11-11"},
		{WF_READY, "2025-10-21", "2025-09-24", NULL, "2025-11-11", "2025-11-11"},
		/* S1 art. 21: the written refusal, outside the case clock */
		{WF_REFUSED, "2025-09-30", "2025-09-01", "2025-10-11", NULL, "2025-10-11"},
		/* before acceptance, after the end: nothing */
		{WF_APPLIED, "2025-09-22", NULL, NULL, NULL, NULL},
		{WF_DOCS_PENDING, "2025-09-22", NULL, NULL, NULL, NULL},
		{WF_CONFIRMED, "2025-10-30", "2025-09-24", NULL, NULL, NULL},
		{WF_WITHDRAWN, "2025-10-30", "2025-09-24", NULL, NULL, NULL},
	};
	struct wf_params p = defaults();

	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		struct wf_clock k = {t[i].s, D(t[i].entered), t[i].t0 != NULL,
				     t[i].t0 ? D(t[i].t0) : D("2000-01-01"), WF_EXT_NONE};
		struct wf_due d;
		dib_err err;
		dib_err_clear(&err);
		if (wf_due_dates(&k, &p, cal, &d, &err) != DIB_OK)
			fail_msg("row %zu: %s", i, err.msg);
		assert_int_equal(d.has_step, t[i].step != NULL);
		assert_int_equal(d.has_case, t[i].case_due != NULL);
		assert_int_equal(d.has_due, t[i].due != NULL);
		if (t[i].step)
			assert_date(d.step, t[i].step);
		if (t[i].case_due)
			assert_date(d.case_due, t[i].case_due);
		if (t[i].due)
			assert_date(d.due, t[i].due);
	}

	/* local limits: acceptance within 5 and the township review within 15
	 * working days of acceptance, whatever re-entries happened */
	p.accept_days = 5;
	p.township_review_days = 15;
	struct wf_clock k = {WF_APPLIED, D("2025-09-22"), false, D("2000-01-01"), WF_EXT_NONE};
	struct wf_due d;
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(wf_due_dates(&k, &p, cal, &d, &err), DIB_OK);
	assert_date(d.due, "2025-09-28");
	struct wf_clock k2 = {WF_INVESTIGATING, D("2025-10-20"), true, D("2025-09-24"), WF_EXT_NONE};
	assert_int_equal(wf_due_dates(&k2, &p, cal, &d, &err), DIB_OK);
	assert_date(d.step, "2025-10-21"); /* 15th working day after 24 Sep */
	/* a state on the case clock without T0 is an error, not a guess */
	k2.accepted = false;
	assert_int_equal(wf_due_dates(&k2, &p, cal, &d, &err), DIB_EINVAL);
}

/* S1 art. 19 "公示期为7天": calendar days, publishing day not counted; a
 * last day off moves to the next working day (民法典 art. 201, 203). */
static void test_workflow__notice_last_day(void **state)
{
	const calendar *cal = *state;
	static const struct {
		const char *published, *last;
	} t[] = {
		{"2025-06-03", "2025-06-10"}, /* Tuesday to Tuesday */
		{"2025-10-13", "2025-10-20"},
		{"2025-09-24", "2025-10-09"}, /* 1 Oct in the National Day week */
		{"2026-02-09", "2026-02-24"}, /* 16 Feb in the Spring Festival */
		{"2025-03-01", "2025-03-10"}, /* a Saturday: to Monday */
		{"2025-09-21", "2025-09-28"}, /* a worked Sunday stays */
		{"2025-12-27", "2026-01-04"}, /* 3 Jan off, 4 Jan (Sunday) worked */
		{"2025-04-28", "2025-05-06"}, /* Labour Day */
		{"2026-09-18", "2026-09-28"}, /* Mid-Autumn */
	};
	struct wf_params p = defaults();

	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		dib_date out;
		dib_err err;
		dib_err_clear(&err);
		assert_int_equal(wf_notice_last_day(D(t[i].published), &p, cal, &out, &err), DIB_OK);
		assert_date(out, t[i].last);
	}
	/* the notice of WF_NOTICE in the due dates */
	struct wf_clock k = {WF_NOTICE, D("2025-09-24"), true, D("2025-09-10"), WF_EXT_NONE};
	struct wf_due d;
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(wf_due_dates(&k, &p, cal, &d, &err), DIB_OK);
	assert_true(d.has_notice);
	assert_date(d.notice_last, "2025-10-09");
	assert_false(d.has_step);
	/* a 10-day local notice */
	p.notice_days = 10;
	dib_date out;
	assert_int_equal(wf_notice_last_day(D("2025-06-03"), &p, cal, &out, &err), DIB_OK);
	assert_date(out, "2025-06-13");
}

static void test_workflow__classify(void **state)
{
	const calendar *cal = *state;
	static const struct {
		const char *due, *today;
		int soon;
		enum wf_urgency want;
		int left;
	} t[] = {
		{"2025-10-10", "2025-09-26", 3, WF_URG_ON_TIME, 5}, /* holiday week counts 0 */
		{"2025-10-10", "2025-09-29", 3, WF_URG_DUE_SOON, 3},
		{"2025-10-10", "2025-10-01", 3, WF_URG_DUE_SOON, 2},
		{"2025-10-10", "2025-10-09", 3, WF_URG_DUE_SOON, 1},
		{"2025-10-10", "2025-10-10", 3, WF_URG_DUE_SOON, 0},
		{"2025-10-10", "2025-10-11", 3, WF_URG_OVERDUE, -1}, /* a worked Saturday */
		{"2025-10-10", "2025-10-12", 3, WF_URG_OVERDUE, -1},
		{"2025-10-10", "2025-10-09", 0, WF_URG_ON_TIME, 1},
		{"2025-10-10", "2025-10-10", 0, WF_URG_DUE_SOON, 0},
		{"2026-02-24", "2026-02-14", 1, WF_URG_DUE_SOON, 1}, /* worked Saturday, 9 days off */
		{"2026-02-24", "2026-02-13", 1, WF_URG_ON_TIME, 2},
		{"2026-02-24", "2026-02-12", 2, WF_URG_ON_TIME, 3},
		{"2025-06-16", "2025-06-13", 1, WF_URG_DUE_SOON, 1}, /* over a weekend */
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		struct wf_params p = defaults();
		struct wf_due d;
		enum wf_urgency u = WF_URG_NONE;
		int left = 99;
		dib_err err;
		memset(&d, 0, sizeof d);
		d.has_due = true;
		d.due = D(t[i].due);
		p.due_soon_days = t[i].soon;
		dib_err_clear(&err);
		assert_int_equal(wf_classify(&d, D(t[i].today), &p, cal, &u, &left, &err), DIB_OK);
		if (u != t[i].want || left != t[i].left)
			fail_msg("due %s today %s: %s %d", t[i].due, t[i].today, wf_urgency_name(u), left);
	}
	struct wf_due none;
	struct wf_params p = defaults();
	enum wf_urgency u = WF_URG_OVERDUE;
	dib_err err;
	memset(&none, 0, sizeof none);
	dib_err_clear(&err);
	assert_int_equal(wf_classify(&none, D("2025-06-03"), &p, cal, &u, NULL, &err), DIB_OK);
	assert_int_equal(u, WF_URG_NONE);
	assert_string_equal(wf_urgency_name(WF_URG_OVERDUE), "已逾期");
	assert_string_equal(wf_urgency_name(WF_URG_DUE_SOON), "即将到期");
}

static void test_workflow__unknown_year_is_an_error(void **state)
{
	const calendar *cal = *state;
	struct wf_params p = defaults();
	dib_date out = {1, 1, 1};
	struct wf_due d;
	dib_err err;

	dib_err_clear(&err);
	assert_int_equal(wf_case_due(D("2026-11-20"), WF_EXT_NONE, &p, cal, &out, &err),
			 DIB_ECALENDAR);
	assert_non_null(strstr(err.msg, "2027"));
	assert_int_equal(out.year, 1);
	dib_err_clear(&err);
	assert_int_equal(wf_notice_last_day(D("2026-12-26"), &p, cal, &out, &err), DIB_ECALENDAR);
	/* a notice guard needs the calendar too */
	struct wf_facts f = base_facts();
	struct wf_step st;
	f.notice_start = D("2026-12-26");
	f.today = D("2026-12-28");
	dib_err_clear(&err);
	assert_int_equal(wf_next(WF_NOTICE, WF_OBJECT, TC, &f, &p, cal, &st, &err), DIB_ECALENDAR);
	dib_err_clear(&err);
	assert_int_equal(wf_next(WF_NOTICE, WF_OBJECT, TC, &f, &p, NULL, &st, &err), DIB_ECALENDAR);
	assert_string_equal(err.msg, "未载入节假日表，无法计算期限");
	/* rows without notice guards need no calendar */
	dib_err_clear(&err);
	assert_int_equal(wf_next(WF_SUBMITTED, WF_CONFIRM, CA, &f, &p, NULL, &st, &err), DIB_OK);
	struct wf_clock k = {WF_SUBMITTED, D("2026-12-25"), true, D("2026-12-01"), WF_EXT_NONE};
	dib_err_clear(&err);
	assert_int_equal(wf_due_dates(&k, &p, cal, &d, &err), DIB_ECALENDAR);
	dib_err_clear(&err);
	assert_int_equal(wf_due_dates(&k, &p, NULL, &d, &err), DIB_ECALENDAR);
}

/* S1 art. 21 "从作出确认同意决定之日下月起". */
static void test_workflow__payment_starts_next_month(void **state)
{
	(void)state;
	assert_date(wf_payment_start(D("2025-10-30")), "2025-11-01");
	assert_date(wf_payment_start(D("2025-12-31")), "2026-01-01");
	assert_date(wf_payment_start(D("2026-02-01")), "2026-03-01");
}

static void test_workflow__separation_of_duties(void **state)
{
	size_t n = 0;
	const struct wf_sod_pair *pairs = wf_sod_pairs(&n);
	enum wf_action out[4];

	(void)state;
	assert_int_equal(n, 2);
	assert_int_equal(pairs[0].first, WF_TOWNSHIP_REVIEW);
	assert_int_equal(pairs[0].second, WF_CONFIRM);
	assert_int_equal(pairs[1].first, WF_TOWNSHIP_REVIEW);
	assert_int_equal(pairs[1].second, WF_REFUSE);
	assert_int_equal(wf_sod_before(WF_SUBMIT, out, 4), 0);
	assert_int_equal(wf_sod_before(WF_CONFIRM, out, 0), 1); /* counts beyond cap */
	/* under delegation one role may do both steps, so the pair is what
	 * keeps them apart */
	struct wf_params p = defaults();
	p.delegated = true;
	assert_true(wf_actions(WF_INVESTIGATING, TR, &p, out, 4) >= 1);
	assert_int_equal(out[0], WF_TOWNSHIP_REVIEW);
	enum wf_action sub[WF_ACTION_COUNT];
	size_t k = wf_actions(WF_SUBMITTED, TR, &p, sub, WF_ACTION_COUNT);
	bool can_confirm = false;
	for (size_t i = 0; i < k; i++)
		can_confirm |= sub[i] == WF_CONFIRM;
	assert_true(can_confirm);
}

static void test_workflow__actions_for_roles(void **state)
{
	struct wf_params p = defaults();
	enum wf_action out[WF_ACTION_COUNT];
	size_t n;

	(void)state;
	n = wf_actions(WF_SUBMITTED, CA, &p, out, WF_ACTION_COUNT);
	assert_int_equal(n, 6);
	assert_int_equal(out[0], WF_COUNTY_VISIT);
	assert_int_equal(out[1], WF_COMPLAIN);
	assert_int_equal(out[2], WF_CONFIRM);
	assert_int_equal(out[3], WF_REFUSE);
	assert_int_equal(out[4], WF_SEND_BACK);
	assert_int_equal(out[5], WF_TERMINATE);
	n = wf_actions(WF_SUBMITTED, TR, &p, out, WF_ACTION_COUNT);
	assert_int_equal(n, 1); /* not delegated: the reviewer may only terminate */
	assert_int_equal(out[0], WF_TERMINATE);
	n = wf_actions(WF_SUBMITTED, PO, &p, out, WF_ACTION_COUNT);
	assert_int_equal(n, 1);
	assert_int_equal(out[0], WF_COMPLAIN);
	n = wf_actions(WF_APPLIED, VA, &p, out, WF_ACTION_COUNT);
	assert_int_equal(n, 1);
	assert_int_equal(out[0], WF_WITHDRAW);
	assert_int_equal(wf_actions(WF_CONFIRMED, WF_ROLE_ALL, &p, out, WF_ACTION_COUNT), 0);
	assert_int_equal(wf_actions(WF_SUBMITTED, 0, &p, out, WF_ACTION_COUNT), 0);
	/* cap respected, count still given */
	assert_int_equal(wf_actions(WF_SUBMITTED, CA, &p, out, 2), 6);
}

static void test_workflow__task_states(void **state)
{
	struct wf_params p = defaults();
	uint32_t s;

	(void)state;
#define SB(x) (1u << WF_##x)
	/* terminations, withdrawals, complaints and objections are events,
	 * not tasks: they would flood every inbox */
	s = wf_task_states(CA, &p);
	assert_int_equal(s, SB(CHECKING) | SB(CHECK_FAILED) | SB(SUBMITTED));
	s = wf_task_states(TR, &p);
	assert_int_equal(s, SB(INVESTIGATING) | SB(OBJECTED) | SB(READY));
	s = wf_task_states(TC, &p);
	assert_int_equal(s, SB(DRAFT) | SB(APPLIED) | SB(DOCS_PENDING) | SB(ACCEPTED) |
				    SB(INVESTIGATING) | SB(CHECKING) | SB(REVIEWED) | SB(NOTICE) |
				    SB(OBJECTED) | SB(READY) | SB(REFUSED));
	s = wf_task_states(VA, &p);
	assert_int_equal(s, SB(DRAFT) | SB(DOCS_PENDING));
	s = wf_task_states(PO, &p);
	assert_int_equal(s, 0); /* complaints are side actions */
	p.delegated = true;
	assert_true(wf_task_states(TR, &p) & SB(SUBMITTED));
#undef SB
}

static void test_workflow__codes(void **state)
{
	(void)state;
	for (int s = 0; s < WF_STATE_COUNT; s++) {
		enum wf_state back = WF_STATE_COUNT;
		const char *code = wf_state_code((enum wf_state)s);
		assert_true(wf_state_parse(code, strlen(code), &back));
		assert_int_equal(back, s);
		assert_true(strlen(wf_state_name((enum wf_state)s)) > 0);
	}
	for (int a = 0; a < WF_ACTION_COUNT; a++) {
		enum wf_action back = WF_ACTION_COUNT;
		const char *code = wf_action_code((enum wf_action)a);
		assert_true(wf_action_parse(code, strlen(code), &back));
		assert_int_equal(back, a);
	}
	enum wf_action a;
	assert_false(wf_action_parse("confirmx", 8, &a));
	assert_true(wf_action_parse("confirmx", 7, &a));
	assert_int_equal(a, WF_CONFIRM);
	enum wf_state s;
	assert_false(wf_state_parse(NULL, 0, &s));
	assert_false(wf_state_parse("", 0, &s));
	assert_null(wf_state_code(WF_STATE_COUNT));
	assert_string_equal(wf_state_name(WF_STATE_COUNT), "?");
	assert_string_equal(wf_action_code(WF_OBJECT), "object");
	assert_string_equal(wf_state_code(WF_SUBMITTED), "submitted");
	/* role codes as in the roles table */
	static const char *const roles[] = {"village_agent", "township_caseworker",
					    "township_reviewer", "county_approver",
					    "petition_officer"};
	for (int i = 0; i < WF_ROLE_COUNT; i++) {
		assert_int_equal(wf_role_bit(roles[i]), 1u << i);
		assert_string_equal(wf_role_code(1u << i), roles[i]);
	}
	assert_int_equal(wf_role_bit("auditor"), 0);
	assert_int_equal(wf_role_bit(NULL), 0);
	assert_null(wf_role_code(3));
	assert_string_equal(wf_role_name(WF_ROLE_COUNTY_APPROVER), "县民政局审批人");
	assert_string_equal(wf_extension_code(WF_EXT_OBJECTION), "objection");
	assert_string_equal(wf_extension_name(WF_EXT_SEPARATED), "人户分离");
	/* final states: nothing leaves them */
	assert_true(wf_state_final(WF_CONFIRMED));
	assert_true(wf_state_final(WF_REFUSAL_NOTIFIED));
	assert_true(wf_state_final(WF_TERMINATED));
	assert_true(wf_state_final(WF_WITHDRAWN));
	assert_false(wf_state_final(WF_REFUSED));
	assert_false(wf_state_final(WF_DRAFT));
	assert_false(wf_state_final(WF_STATE_COUNT));
}

static void test_workflow__params(void **state)
{
	struct wf_params p = defaults();
	dib_err err;

	(void)state;
	assert_int_equal(p.investigation_start_days, 3);
	assert_int_equal(p.check_start_days, 3);
	assert_int_equal(p.notice_days, 7);
	assert_int_equal(p.county_review_days, 10);
	assert_int_equal(p.refusal_notice_days, 3);
	assert_int_equal(p.case_days, 30);
	assert_int_equal(p.case_days_delegated, 20);
	assert_int_equal(p.case_days_extended, 45);
	assert_false(p.delegated);
	assert_false(p.evaluation_always);
	dib_err_clear(&err);
	assert_int_equal(wf_params_check(&p, &err), DIB_OK);
	p.county_review_days = -1;
	assert_int_equal(wf_params_check(&p, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "县级审核确认时限 -1 不正确：应在 0 至 365 之间");
	p = defaults();
	p.notice_days = 0;
	dib_err_clear(&err);
	assert_int_equal(wf_params_check(&p, &err), DIB_EINVAL);
	p = defaults();
	p.case_days_extended = 25;
	dib_err_clear(&err);
	assert_int_equal(wf_params_check(&p, &err), DIB_EINVAL);
	assert_non_null(strstr(err.msg, "短于正常总时限"));
	p = defaults();
	p.eval_share_num = 4;
	dib_err_clear(&err);
	assert_int_equal(wf_params_check(&p, &err), DIB_EINVAL);
	p = defaults();
	p.eval_share_den = 0;
	dib_err_clear(&err);
	assert_int_equal(wf_params_check(&p, &err), DIB_EINVAL);
}

/* ---- the picture and the document ---- */

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;

	if (!f)
		fail_msg("cannot open %s", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	s = malloc((size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[1024];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* The text between two marker lines of the document. */
static void block(const char *doc, const char *begin, const char *end, dib_buf *out)
{
	const char *a = strstr(doc, begin), *b;

	if (!a)
		fail_msg("docs/internals/workflow.md lacks \"%s\"", begin);
	a += strlen(begin);
	b = strstr(a, end);
	if (!b)
		fail_msg("docs/internals/workflow.md lacks \"%s\"", end);
	assert_int_equal(dib_buf_add(out, a, (size_t)(b - a)), DIB_OK);
}

static void test_workflow__dot_and_document(void **state)
{
	struct wf_params p = defaults();
	dib_buf dot, md, doc_dot, doc_md;
	dib_err err;
	char path[1024];
	char *doc;
	size_t n;

	(void)state;
	wf_rows(&n);
	dib_buf_init(&dot, 1 << 20);
	dib_buf_init(&md, 1 << 20);
	dib_buf_init(&doc_dot, 1 << 20);
	dib_buf_init(&doc_md, 1 << 20);
	dib_err_clear(&err);
	assert_int_equal(wf_dot(&p, &dot, &err), DIB_OK);
	assert_int_equal(wf_markdown(&md, &err), DIB_OK);
	const char *s = dib_buf_str(&dot);
	assert_int_equal(strncmp(s, "digraph dibao_workflow {", 24), 0);
	assert_non_null(strstr(s, "\tsubmitted -> confirmed [label=\"confirm 确认同意\\n县民政局审批人\\n"
				  "[relatives_filed -> county_visit_done, has_complaint -> county_visit_done]"
				  "\\n→ 确认通知书（低保证）\\nS1 第二十条、第二十一条\"];\n"));
	assert_non_null(strstr(s, "\tchecking -> check_failed [label=\"record_check"));
	assert_non_null(strstr(s, "confirmed [label=\"已确认\\nconfirmed\", peripheries=2]"));
	/* one edge per row, plus the branch, after one node per state */
	size_t labels = 0;
	for (const char *q = s; (q = strstr(q, " [label=\"")); q++)
		labels++;
	assert_int_equal(labels, WF_STATE_COUNT + n + 1);
	/* one table line per row, plus the header's two */
	size_t lines = 0;
	for (const char *q = dib_buf_str(&md); *q; q++)
		lines += *q == '\n';
	assert_int_equal(lines, n + 2);

	/* delegated: the township reviewer appears on the decision */
	dib_buf tmp;
	dib_buf_init(&tmp, 1 << 20);
	p.delegated = true;
	assert_int_equal(wf_dot(&p, &tmp, &err), DIB_OK);
	assert_non_null(strstr(dib_buf_str(&tmp), "confirm 确认同意\\n乡镇审核人/县民政局审批人"));
	dib_buf_release(&tmp);
	/* a full buffer is an error, not a cut picture */
	dib_buf_init(&tmp, 64);
	dib_err_clear(&err);
	assert_int_equal(wf_dot(&p, &tmp, &err), DIB_ETOOBIG);
	dib_buf_release(&tmp);

	const char *dump = getenv("DIB_WF_DUMP");
	if (dump) {
		write_file(dump, "workflow.dot", dib_buf_str(&dot));
		write_file(dump, "workflow-table.md", dib_buf_str(&md));
	}
	snprintf(path, sizeof path, "%s/docs/internals/workflow.md", source_dir());
	doc = read_all(path);
	block(doc, "```dot\n", "```\n", &doc_dot);
	block(doc, "<!-- table:begin -->\n", "<!-- table:end -->\n", &doc_md);
	if (strcmp(dib_buf_str(&doc_dot), dib_buf_str(&dot)))
		fail_msg("the DOT in docs/internals/workflow.md is stale: rerun with DIB_WF_DUMP=dir");
	if (strcmp(dib_buf_str(&doc_md), dib_buf_str(&md)))
		fail_msg("the table in docs/internals/workflow.md is stale: rerun with DIB_WF_DUMP=dir");
	free(doc);
	dib_buf_release(&dot);
	dib_buf_release(&md);
	dib_buf_release(&doc_dot);
	dib_buf_release(&doc_md);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_workflow__table_matches_the_law),
		cmocka_unit_test(test_workflow__every_row_allowed),
		cmocka_unit_test(test_workflow__every_row_roles),
		cmocka_unit_test(test_workflow__every_other_pair_refused),
		cmocka_unit_test(test_workflow__refusal_lists_what_is_possible),
		cmocka_unit_test(test_workflow__role_messages),
		cmocka_unit_test(test_workflow__reason_required),
		cmocka_unit_test(test_workflow__every_guard),
		cmocka_unit_test(test_workflow__eval_quorum_edges),
		cmocka_unit_test(test_workflow__all_unmet_named_at_once),
		cmocka_unit_test(test_workflow__record_check_branches),
		cmocka_unit_test(test_workflow__happy_path),
		cmocka_unit_test(test_workflow__objection_path),
		cmocka_unit_test(test_workflow__late_objection_is_a_complaint),
		cmocka_unit_test(test_workflow__relatives_filed_needs_county_visit),
		cmocka_unit_test(test_workflow__refusal),
		cmocka_unit_test(test_workflow__failed_check),
		cmocka_unit_test(test_workflow__termination),
		cmocka_unit_test(test_workflow__withdrawal),
		cmocka_unit_test(test_workflow__one_time_notice),
		cmocka_unit_test(test_workflow__send_back_and_delegation),
		cmocka_unit_test(test_workflow__case_limits_30_45_20),
		cmocka_unit_test(test_workflow__step_due_dates),
		cmocka_unit_test(test_workflow__notice_last_day),
		cmocka_unit_test(test_workflow__classify),
		cmocka_unit_test(test_workflow__unknown_year_is_an_error),
		cmocka_unit_test(test_workflow__payment_starts_next_month),
		cmocka_unit_test(test_workflow__separation_of_duties),
		cmocka_unit_test(test_workflow__actions_for_roles),
		cmocka_unit_test(test_workflow__task_states),
		cmocka_unit_test(test_workflow__codes),
		cmocka_unit_test(test_workflow__params),
		cmocka_unit_test(test_workflow__dot_and_document),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
