/*
 * demo_cases.c — 低保 applications for the demo county (`dibao demo
 * --cases N`): N households of 东屯镇 (the demo caseworker's township)
 * walked through the real workflow (svc/case.h) by the demo users, on the
 * business days they would have been done in the weeks before today, and
 * left at every stage: just applied, waiting for documents, under
 * investigation, in the public notice, with the county, confirmed (with
 * their entitlements) or refused with its notice. So the inboxes, the
 * deadlines (some overdue) and the documents have something to show the
 * moment `make run` starts.
 *
 * Nothing here bypasses a rule: every step is case_open / case_act with
 * the user whose role it is, and a household the assessment finds
 * ineligible is refused, not confirmed.
 * Thread-safety: as the store connection.
 */
#include "util/dib.h"
#include "store/store_hh_search.h"
#include "svc/assessment.h"
#include "svc/case.h"
#include "svc/case_rules.h"
#include "svc/setup.h"
#include "svc/user.h"

/* How far each demo case goes, in this order round robin. */
enum stage {
	ST_APPLIED, ST_DOCS, ST_ACCEPTED, ST_INVESTIGATING, ST_NOTICE, ST_SUBMITTED,
	ST_DECIDED, ST_DECIDED2, ST_DECIDED3, ST_COUNT
};

struct walk {
	struct store *s;
	dib_arena *a;
	struct authz_subject cw, rv, ap; /* caseworker, reviewer, approver */
	int64_t id;
	dib_date day;
};

/* One action by who on w->day; the day moves on by `gap` days after. */
static dib_code step(struct walk *w, const struct authz_subject *who, enum wf_action act,
		     const struct case_visit *v, const char *check, const char *reason,
		     int gap, dib_err *err)
{
	struct case_act in = { .case_id = w->id, .action = act, .visit = v,
			       .check_result = check, .reason = reason };
	if (act == WF_RESUBMIT) {
		in.has_missing = true;
		in.nmissing = 0;
	}
	struct case_act_result r;
	dib_code rc = case_act(w->s, who, who->username, &in, w->day, w->a, &r, err);
	w->day = date_add_days(w->day, gap);
	return rc;
}

/* Walks case w->id to stage st. */
static dib_code walk_to(struct walk *w, enum stage st, bool eligible, dib_err *err)
{
	static const char *const names[] = { "王建国", "李秀英" };
	char d[DIB_DATE_STR];
	struct case_visit v = { .date = date_format(w->day, d), .investigators = names,
				.ninvestigators = 2, .form = true, .staff_signed = true,
				.family_signed = true, .findings = "家庭成员、收入、财产情况与申报一致" };
	dib_code rc = DIB_OK;
	if (st == ST_APPLIED)
		return DIB_OK;
	if (st == ST_DOCS)
		return step(w, &w->cw, WF_REQUEST_DOCUMENTS, NULL, NULL, NULL, 1, err);
	rc = step(w, &w->cw, WF_ACCEPT, NULL, NULL, NULL, 2, err);
	if (rc || st == ST_ACCEPTED)
		return rc;
	date_format(w->day, d);
	rc = step(w, &w->cw, WF_RECORD_VISIT, &v, NULL, NULL, 1, err);
	if (!rc)
		rc = step(w, &w->cw, WF_REQUEST_CHECK, NULL, NULL, NULL, 3, err);
	if (rc || st == ST_INVESTIGATING)
		return rc;
	rc = step(w, &w->cw, WF_RECORD_CHECK, NULL, "passed", NULL, 1, err);
	if (!rc)
		rc = step(w, &w->rv, WF_TOWNSHIP_REVIEW, NULL, NULL, NULL, 1, err);
	if (!rc)
		rc = step(w, &w->cw, WF_PUBLISH, NULL, NULL, NULL, 10, err);
	if (rc || st == ST_NOTICE)
		return rc;
	rc = step(w, &w->cw, WF_CLOSE_NOTICE, NULL, NULL, NULL, 0, err);
	if (!rc)
		rc = step(w, &w->rv, WF_SUBMIT, NULL, NULL, NULL, 3, err);
	if (rc || st == ST_SUBMITTED)
		return rc;
	if (eligible)
		return step(w, &w->ap, WF_CONFIRM, NULL, NULL, NULL, 0, err);
	rc = step(w, &w->ap, WF_REFUSE, NULL, NULL, "经审核，家庭人均收入或财产不符合低保条件", 1,
		  err);
	return rc ? rc : step(w, &w->cw, WF_NOTIFY, NULL, NULL, NULL, 0, err);
}

dib_code demo_cases(struct store *s, int n, dib_date today, dib_err *err)
{
	if (n <= 0)
		return DIB_OK;
	dib_arena a;
	dib_arena_init(&a, 65536, 0);
	struct walk w = { .s = s, .a = &a };
	dib_code rc = user_subject(s, "caseworker", &a, &w.cw, err);
	if (!rc)
		rc = user_subject(s, "reviewer", &a, &w.rv, err);
	if (!rc)
		rc = user_subject(s, "approver", &a, &w.ap, err);
	/* households of 东屯镇 with a head */
	store_hh_filter f = { .root = "410726101000", .kind = STORE_HH_ALL };
	store_hh_item *hh = NULL;
	size_t nh = 0;
	if (!rc)
		rc = store_hh_search_page(s, &f, 0, n > STORE_HH_PAGE_MAX ? STORE_HH_PAGE_MAX : n, &a,
					  &hh, &nh, NULL, err);
	struct case_rules rules;
	for (size_t i = 0; !rc && i < nh; i++) {
		if (!hh[i].head_name || hh[i].members < 1)
			continue;
		enum stage st = (enum stage)(i % ST_COUNT);
		/* the later the stage, the earlier the application: every case
		 * has had the time its steps take */
		/* days before today the application came: the notice still runs
		 * for ST_NOTICE, the county's 10 days for ST_SUBMITTED */
		static const int back_of[ST_COUNT] = { 0, 3, 6, 12, 12, 28, 40, 42, 44 };
		int back = back_of[st] + (int)(i % 3);
		w.day = date_add_days(today, -back);
		const char *program = i % 2 ? "dibao_rural" : "dibao_urban";
		struct assessment r;
		bool eligible = false;
		dib_err e;
		dib_err_clear(&e);
		if (!case_rules_load(s, DEMO_COUNTY, w.day, &a, &rules, &e) &&
		    !assessment_run(s, hh[i].id, program, w.day, &rules, NULL, &a, &r, &e))
			eligible = r.eligible;
		char d[DIB_DATE_STR];
		const char *missing[] = { "authorization" };
		struct case_new in = { .household_id = hh[i].id, .program = program,
				       .applied_on = date_format(w.day, d),
				       .missing = missing, .nmissing = st == ST_DOCS ? 1 : 0 };
		rc = case_open(s, &w.cw, w.cw.username, &in, w.day, &w.id, err);
		if (!rc && st != ST_APPLIED) {
			w.day = date_add_days(w.day, 1);
			rc = walk_to(&w, st, eligible, err);
		}
	}
	dib_arena_release(&a);
	return rc;
}
