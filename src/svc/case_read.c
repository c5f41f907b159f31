/*
 * case_read.c — the reads of svc/case.h: one case with its timeline,
 * documents, deadlines and the actions open to the reader (each with what
 * still stands in its way), the lists and inboxes, and one document.
 *
 * The inboxes are the workflow's: "my tasks" are the cases in the states
 * where the reader's roles have a task (wf_task_states), due soon and
 * overdue classify their deadlines on the working-day calendar
 * (wf_classify). A deadline that needs a year the calendar lacks is shown
 * as unknown, never guessed (core/calendar.h).
 *
 * Thread-safety: as the store connection.
 */
#include "util/dib.h"
#include "core/region.h"
#include "svc/assessment.h"
#include "svc/case_int.h"
#include "store/store_household.h"

#include <inttypes.h>

void case__due(const store_case *c, const struct case__ctx *x, dib_date today,
	       struct wf_due *due, enum wf_urgency *urg, int *left, bool *unknown)
{
	memset(due, 0, sizeof *due);
	*urg = WF_URG_NONE;
	*left = 0;
	*unknown = false;
	enum wf_state st;
	dib_err e;
	dib_err_clear(&e);
	if (case__state(c, &st, &e))
		return;
	if (!x->cal_ok) {
		*unknown = !wf_state_final(st);
		return;
	}
	struct wf_clock k = { .state = st, .accepted = c->accepted_on[0] != '\0' };
	(void)date_parse(c->state_since, strlen(c->state_since), &k.entered, &e);
	if (k.accepted)
		(void)date_parse(c->accepted_on, strlen(c->accepted_on), &k.accepted_on, &e);
	if (st == WF_NOTICE && c->notice_start[0])
		(void)date_parse(c->notice_start, strlen(c->notice_start), &k.entered, &e);
	k.extension = WF_EXT_NONE;
	for (int i = WF_EXT_OBJECTION; c->extension && i < WF_EXT_COUNT; i++)
		if (!strcmp(c->extension, wf_extension_code((enum wf_extension)i)))
			k.extension = (enum wf_extension)i;
	dib_err_clear(&e);
	if (wf_due_dates(&k, &x->rules.wf, x->cal, due, &e)) {
		memset(due, 0, sizeof *due);
		*unknown = e.code == DIB_ECALENDAR;
		return;
	}
	if (wf_classify(due, today, &x->rules.wf, x->cal, urg, left, &e)) {
		*urg = WF_URG_NONE;
		*left = 0;
		*unknown = e.code == DIB_ECALENDAR;
	}
}

/* The actions open to who on the case, with what blocks each now. */
static dib_code actions_of(const store_case *c, enum wf_state st,
			   const struct authz_subject *who, const struct case__ctx *x,
			   const store_case_event *ev, size_t nev, dib_date today, dib_arena *a,
			   struct case_view *out, dib_err *err)
{
	unsigned roles = who ? wf_roles_of(who->roles, who->nroles) : WF_ROLE_ALL;
	if (who && authz_check(who, AUTHZ_CASE_ACT, c->village_code, &(dib_err){ 0 }))
		roles = 0; /* reads only */
	enum wf_action acts[WF_ACTION_COUNT];
	size_t n = wf_actions(st, roles, &x->rules.wf, acts, DIB_ARRAY_LEN(acts));
	out->actions = n ? dib_arena_calloc(a, n * sizeof *out->actions) : NULL;
	if (n && !out->actions)
		return dib_err_nomem(err);
	struct wf_facts f;
	case__facts(c, today, &f);
	for (size_t i = 0; i < n; i++) {
		struct case_action_view *v = &out->actions[i];
		const struct wf_row *row = wf_row_find(st, acts[i]);
		v->action = acts[i];
		v->needs_reason = row && (row->flags & WF_F_REASON);
		v->doc = row ? row->doc : WF_DOC_NONE;
		/* what the record entered with the action will supply is not
		 * held against it: the visit, the evaluation, the check result */
		uint32_t unmet = 0;
		dib_err e;
		dib_err_clear(&e);
		dib_code rc = wf_unmet(st, acts[i], &f, &x->rules.wf, x->cal_ok ? x->cal : NULL,
				       &unmet, &e);
		const uint32_t entered = (1u << WF_G_VISIT_TEAM) | (1u << WF_G_VISIT_FORM) |
					 (1u << WF_G_VISIT_STAFF_SIGNED) |
					 (1u << WF_G_VISIT_FAMILY_SIGNED) |
					 (1u << WF_G_CHECK_RESULT) | (1u << WF_G_CHECK_FAILED) |
					 (1u << WF_G_EVAL_QUORUM) | (1u << WF_G_EVAL_SIGNED) |
					 (1u << WF_G_DOCS_COMPLETE) | (1u << WF_G_DOCS_MISSING) |
					 (1u << WF_G_OBJECTION_EVIDENCE);
		unmet &= ~entered;
		char msg[512] = "";
		size_t len = 0;
		if (rc) {
			snprintf(msg, sizeof msg, "%s", e.msg);
		} else {
			/* the notice's guards say their dates */
			dib_date last;
			char d1[DIB_DATE_STR], d2[DIB_DATE_STR];
			bool dated = (unmet & ((1u << WF_G_NOTICE_OVER) | (1u << WF_G_NOTICE_RUNNING))) &&
				     f.published && x->cal_ok &&
				     !wf_notice_last_day(f.notice_start, &x->rules.wf, x->cal, &last, &e);
			if (dated && (unmet & (1u << WF_G_NOTICE_OVER)))
				len += (size_t)snprintf(msg, sizeof msg, "公示期至 %s，%s 起方可办理",
							date_format(last, d1),
							date_format(date_add_days(last, 1), d2));
			else if (dated)
				len += (size_t)snprintf(msg, sizeof msg, "公示期已于 %s 结束",
							date_format(last, d1));
			if (dated)
				unmet &= ~((1u << WF_G_NOTICE_OVER) | (1u << WF_G_NOTICE_RUNNING));
			for (int g = 0; g < WF_GUARD_COUNT; g++)
				if (unmet & (1u << g))
					len += (size_t)snprintf(msg + len, len < sizeof msg ?
								sizeof msg - len : 0, "%s%s",
								len ? "；" : "",
								wf_guard_name((enum wf_guard)g));
		}
		/* the separation of duties, for the reader */
		enum wf_action before[WF_ACTION_COUNT];
		size_t k = wf_sod_before(acts[i], before, DIB_ARRAY_LEN(before));
		for (size_t b = 0; who && !msg[0] && b < k && b < DIB_ARRAY_LEN(before); b++) {
			const char *doer = case__doer(ev, nev, before[b]);
			if (doer && !strcmp(doer, who->username))
				snprintf(msg, sizeof msg, "您已办理「%s」，不能再办理「%s」",
					 wf_action_name(before[b]), wf_action_name(acts[i]));
		}
		v->allowed = !msg[0];
		v->blocked = msg[0] ? dib_arena_strdup(a, msg) : NULL;
		if (msg[0] && !v->blocked)
			return dib_err_nomem(err);
	}
	out->nactions = n;
	return DIB_OK;
}

dib_code case_get(struct store *s, const struct authz_subject *who, int64_t id,
		  dib_date today, dib_arena *a, struct case_view *out, dib_err *err)
{
	memset(out, 0, sizeof *out);
	dib_code rc = store_case_get(s, id, a, &out->c, err);
	if (!rc && who)
		rc = authz_check_object(who, AUTHZ_REGISTER_READ, out->c.village_code, "该申请",
					err);
	if (!rc)
		rc = case__state(&out->c, &out->state, err);
	struct case__ctx x;
	memset(&x, 0, sizeof x);
	if (!rc)
		rc = case__ctx_load(s, out->c.county, today, a, &x, err);
	if (!rc)
		case__due(&out->c, &x, today, &out->due, &out->urgency, &out->days_left,
			  &out->due_unknown);
	if (!rc)
		rc = store_case_events(s, id, a, &out->events, &out->nevents, err);
	if (!rc)
		rc = store_case_docs(s, id, a, &out->docs, &out->ndocs, err);
	if (!rc)
		rc = actions_of(&out->c, out->state, who, &x, out->events, out->nevents, today, a,
				out, err);
	case__ctx_free(&x);
	return rc;
}

/* The state codes of the bits of mask into codes (cap WF_STATE_COUNT). */
static size_t states_of(uint32_t mask, const char **codes)
{
	size_t n = 0;
	for (int st = 0; st < WF_STATE_COUNT; st++)
		if (mask & (1u << st))
			codes[n++] = wf_state_code((enum wf_state)st);
	return n;
}

dib_code case_list(struct store *s, const struct authz_subject *who,
		   const struct case_query *q, dib_date today, dib_arena *a,
		   struct case_row **out, size_t *n, int64_t *next, int64_t *total,
		   dib_err *err)
{
	*out = NULL;
	*n = 0;
	*next = 0;
	*total = 0;
	int limit = q->limit ? q->limit : 50;
	if (limit < 1 || limit > 500)
		return dib_err_set(err, DIB_EINVAL, "每页条数应在 1–500 之间");
	region_code want;
	if (q->region && region_parse(q->region, strlen(q->region), &want, err))
		return DIB_EINVAL;
	enum wf_state st = WF_DRAFT;
	if (q->state && !wf_state_parse(q->state, strlen(q->state), &st))
		return dib_err_set(err, DIB_EINVAL, "状态 \"%s\" 无法识别", q->state);
	if (q->program && !case__program_ok(q->program))
		return dib_err_set(err, DIB_EINVAL, "项目 \"%s\" 不是低保项目", q->program);
	/* the scope: who's subtree, narrowed by q->region when inside it */
	region_code root;
	bool scoped = false;
	if (who) {
		dib_code rc = authz_check(who, AUTHZ_REGISTER_READ, NULL, err);
		const char *r = authz_scope(who);
		if (!rc && (!r || region_parse(r, strlen(r), &root, &(dib_err){ 0 })))
			rc = dib_err_set(err, DIB_EPERM, "您的账号区划不正确，不能查看申请");
		if (rc)
			return rc;
		scoped = true;
	}
	if (q->region) {
		if (scoped && !region_contains(&root, &want) && !region_contains(&want, &root))
			return dib_err_set(err, DIB_EPERM, "区划 %s 不在您的管辖区域内", q->region);
		if (!scoped || region_contains(&root, &want))
			root = want;
		scoped = true;
	}
	/* a code's digits that name it: 2, 4, 6, 9 or 12 by level */
	static const size_t keep[] = { 0, 2, 4, 6, 9, 12 };
	char scope[REGION_LEN + 1] = "";
	if (scoped)
		snprintf(scope, sizeof scope, "%.*s", (int)keep[root.level], root.code);
	const char *codes[WF_STATE_COUNT];
	store_case_filter f = { .scope = scope[0] ? scope : NULL, .program = q->program,
				.household_id = q->household_id, .after_id = q->after_id,
				.limit = limit + 1 };
	if (q->inbox != CASE_INBOX_ALL) {
		struct wf_params wp;
		wf_params_default(&wp);
		uint32_t mask = wf_task_states(case__roles(who), &wp);
		if (q->state)
			mask &= 1u << st;
		f.nstates = states_of(mask, codes);
		f.states = codes;
		if (!f.nstates)
			return DIB_OK;
	} else if (q->state) {
		codes[0] = q->state;
		f.states = codes;
		f.nstates = 1;
	}
	bool classify = q->inbox == CASE_INBOX_DUE_SOON || q->inbox == CASE_INBOX_OVERDUE;
	dib_code rc = classify ? DIB_OK : store_case_count(s, &f, total, err);
	struct case_row *res = dib_arena_calloc(a, (size_t)limit * sizeof *res);
	if (!rc && !res)
		rc = dib_err_nomem(err);
	/* due soon and overdue depend on the deadline, which is computed, not
	 * stored: walk every task case of the scope in pages, count the
	 * matches, keep a page of those after the cursor */
	if (classify) {
		f.after_id = 0;
		f.limit = 500;
	}
	struct case__ctx x;
	memset(&x, 0, sizeof x);
	char county[REGION_COUNTY_LEN + 1] = "";
	size_t got = 0;
	bool more = true;
	while (!rc && more) {
		store_case *rows = NULL;
		size_t cnt = 0;
		rc = store_case_list(s, &f, a, &rows, &cnt, err);
		more = classify && cnt == (size_t)f.limit;
		for (size_t i = 0; !rc && i < cnt; i++) {
			f.after_id = rows[i].id;
			if (!classify && i == (size_t)limit) {
				*next = res[limit - 1].c.id;
				break;
			}
			if (strcmp(county, rows[i].county)) {
				case__ctx_free(&x);
				rc = case__ctx_load(s, rows[i].county, today, a, &x, err);
				snprintf(county, sizeof county, "%s", rows[i].county);
				if (rc)
					break;
			}
			struct case_row r = { .c = rows[i] };
			case__due(&rows[i], &x, today, &r.due, &r.urgency, &r.days_left,
				  &r.due_unknown);
			if (classify) {
				enum wf_urgency urg_want = q->inbox == CASE_INBOX_DUE_SOON
						       ? WF_URG_DUE_SOON : WF_URG_OVERDUE;
				if (r.urgency != urg_want)
					continue;
				++*total;
				if (rows[i].id <= q->after_id)
					continue;
				if (got == (size_t)limit) {
					if (!*next)
						*next = res[limit - 1].c.id;
					continue;
				}
			}
			res[got++] = r;
		}
	}
	case__ctx_free(&x);
	if (!rc) {
		*out = got ? res : NULL;
		*n = got;
	}
	return rc;
}

dib_code case_document(struct store *s, const struct authz_subject *who, int64_t doc_id,
		       dib_arena *a, store_case_doc *out, dib_err *err)
{
	store_case_doc d;
	dib_code rc = store_case_doc_get(s, doc_id, a, &d, err);
	/* the document is read where its household is: the case's village,
	 * or for a notice issued without a case (a change of coverage) the
	 * household's; one with neither is the county's, so no one outside
	 * the county reads it (never NULL: that would pass any scope) */
	const char *region = NULL;
	store_case c;
	store_household h;
	if (!rc && d.case_id) {
		rc = store_case_get(s, d.case_id, a, &c, err);
		region = c.village_code;
	} else if (!rc && d.household_id) {
		rc = store_household_get(s, d.household_id, a, &h, err);
		region = h.village_code;
	} else if (!rc) {
		region = dib_arena_printf(a, "%s000000", d.county);
		if (!region)
			rc = dib_err_nomem(err);
	}
	if (!rc && who)
		rc = authz_check_object(who, AUTHZ_REGISTER_READ, region, "该文书", err);
	if (!rc)
		*out = d;
	return rc;
}

dib_code case_find(struct store *s, const struct authz_subject *who, const char *case_no,
		   int64_t *id, dib_err *err)
{
	dib_arena a;
	dib_arena_init(&a, 4096, 1 << 20);
	store_case c;
	dib_code rc = store_case_get_no(s, case_no, &a, &c, err);
	if (!rc && who)
		rc = authz_check_object(who, AUTHZ_REGISTER_READ, c.village_code, "该申请", err);
	if (!rc)
		*id = c.id;
	dib_arena_release(&a);
	return rc;
}

dib_code case_preview(struct store *s, const struct authz_subject *who, int64_t household_id,
		      const char *program, dib_date today, dib_arena *a, struct assessment *out,
		      dib_err *err)
{
	if (!case__program_ok(program))
		return dib_err_set(err, DIB_EINVAL, "项目 \"%s\" 不是低保项目（dibao_urban 城市低保、"
				   "dibao_rural 农村低保）", program ? program : "");
	store_household h;
	dib_code rc = store_household_get(s, household_id, a, &h, err);
	if (!rc && who)
		rc = authz_check_object(who, AUTHZ_REGISTER_READ, h.village_code, "该家庭", err);
	struct case_rules rules;
	if (!rc)
		rc = case_rules_load(s, h.county, today, a, &rules, err);
	if (!rc)
		rc = assessment_run(s, household_id, program, today, &rules, NULL, a, out, err);
	return rc;
}
