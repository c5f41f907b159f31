/*
 * case_act.c — case_act of svc/case.h: one workflow action on a case.
 *
 * The order is that of case.h: the request's own checks (nothing read
 * yet), then, inside the transaction, the case, the scope, the county's
 * rules, wf_next with the facts of the case and of the record entered,
 * the separation of duties against the timeline, the effects the row
 * announces, the assessment at the township review and at the decision,
 * the document, the entitlement, the event, the version-checked update
 * and the audit record. Any failure rolls everything back.
 *
 * Thread-safety: as the store connection.
 */
#include "util/dib.h"
#include "store/store_audit.h"
#include "store/store_household.h"
#include "svc/assessment.h"
#include "svc/case_int.h"
#include "svc/household.h"

#include <inttypes.h>
#include <jansson.h>

/* ---- the request ---- */

/* The record entered with the action, checked, as the event's JSON. */
struct act_input {
	const char *reason;   /* trimmed, in a; NULL when none */
	const char *missing;  /* JSON text when has_missing */
	enum wf_extension ext;
	json_t *data;         /* the event's data (owned) */
};

static dib_code check_visit(const struct case_visit *v, dib_date today, dib_arena *a,
			    json_t *data, dib_err *err)
{
	dib_date day;
	dib_code rc = household_check_date("入户调查日期", v->date, today, &day, err);
	if (!rc && v->ninvestigators > CASE_NAMES_MAX)
		rc = dib_err_set(err, DIB_EINVAL, "调查人员最多 %d 名", CASE_NAMES_MAX);
	json_t *names = json_array();
	for (size_t i = 0; !rc && i < v->ninvestigators; i++) {
		const char *n = NULL;
		rc = household_check_text("调查人员姓名", v->investigators[i], 20, true, a, &n, err);
		for (size_t k = 0; !rc && k < i; k++)
			if (!strcmp(v->investigators[k], v->investigators[i]))
				rc = dib_err_set(err, DIB_EINVAL, "调查人员「%s」重复", n);
		if (!rc)
			json_array_append_new(names, json_string(n));
	}
	const char *findings = NULL;
	if (!rc)
		rc = household_check_text("调查情况", v->findings, CASE_TEXT_MAX, false, a, &findings,
					  err);
	char d[DIB_DATE_STR];
	if (!rc)
		json_object_set_new(data, "visit",
				    json_pack("{s:s, s:O, s:b, s:b, s:b, s:s?}", "date",
					      date_format(day, d), "investigators", names, "form",
					      v->form, "staff_signed", v->staff_signed,
					      "family_signed", v->family_signed, "findings", findings));
	json_decref(names);
	return rc;
}

static dib_code check_eval(const struct case_eval *e, dib_date today, dib_arena *a,
			   json_t *data, dib_err *err)
{
	dib_date day;
	dib_code rc = household_check_date("评议日期", e->date, today, &day, err);
	if (!rc && (e->attendees < 1 || e->attendees > 1000))
		rc = dib_err_set(err, DIB_EINVAL, "参会人数应在 1–1000 之间");
	if (!rc && (e->representatives < 0 || e->representatives > e->attendees))
		rc = dib_err_set(err, DIB_EINVAL, "村(居)民代表人数应在 0 和参会人数 %d 之间",
				 e->attendees);
	if (!rc && (e->votes_for < 0 || e->votes_against < 0 ||
		    e->votes_for + e->votes_against > e->attendees))
		rc = dib_err_set(err, DIB_EINVAL, "赞成票和反对票之和不能超过参会人数 %d",
				 e->attendees);
	const char *minutes = NULL;
	if (!rc)
		rc = household_check_text("会议记录", e->minutes, CASE_TEXT_MAX, false, a, &minutes,
					  err);
	char d[DIB_DATE_STR];
	if (!rc)
		json_object_set_new(data, "evaluation",
				    json_pack("{s:s, s:i, s:i, s:i, s:i, s:b, s:s?}", "date",
					      date_format(day, d), "attendees", e->attendees,
					      "representatives", e->representatives, "votes_for",
					      e->votes_for, "votes_against", e->votes_against,
					      "signed_all", e->signed_all, "minutes", minutes));
	return rc;
}

static bool extension_parse(const char *s, enum wf_extension *out)
{
	for (int e = WF_EXT_OBJECTION; e < WF_EXT_COUNT; e++)
		if (!strcmp(wf_extension_code((enum wf_extension)e), s)) {
			*out = (enum wf_extension)e;
			return true;
		}
	return false;
}

/* Checks what came with the action (before anything is read). */
static dib_code check_input(const struct case_act *in, dib_date today, dib_arena *a,
			    struct act_input *out, dib_err *err)
{
	enum wf_action act = in->action;
	const char *aname = wf_action_name(act);
	dib_code rc = DIB_OK;
	if ((int)act < 0 || act >= WF_ACTION_COUNT)
		return dib_err_set(err, DIB_EINVAL, "未知的办理事项");
	if (act == WF_APPLY)
		return dib_err_set(err, DIB_EINVAL, "提交申请请使用新建申请");
	out->data = json_object();
	if (!out->data)
		return dib_err_nomem(err);
	rc = household_check_text("理由", in->reason, CASE_REASON_MAX, false, a, &out->reason,
				  err);
	bool visit = act == WF_RECORD_VISIT || act == WF_COUNTY_VISIT;
	if (!rc && visit != (in->visit != NULL))
		rc = dib_err_set(err, DIB_EINVAL, visit ? "「%s」须填写入户调查记录 (visit)"
						       : "「%s」不需要入户调查记录 (visit)", aname);
	if (!rc && visit)
		rc = check_visit(in->visit, today, a, out->data, err);
	bool eval = act == WF_RECORD_EVALUATION;
	if (!rc && eval != (in->eval != NULL))
		rc = dib_err_set(err, DIB_EINVAL, eval ? "「%s」须填写民主评议记录 (eval)"
						      : "「%s」不需要民主评议记录 (eval)", aname);
	if (!rc && eval)
		rc = check_eval(in->eval, today, a, out->data, err);
	bool check = act == WF_RECORD_CHECK;
	if (!rc && check && (!in->check_result || (strcmp(in->check_result, "passed") &&
						    strcmp(in->check_result, "failed"))))
		rc = dib_err_set(err, DIB_EINVAL, "核对结果应为 passed（符合）或 failed（不符合）");
	if (!rc && !check && in->check_result)
		rc = dib_err_set(err, DIB_EINVAL, "「%s」不需要核对结果 (check_result)", aname);
	if (!rc && check)
		json_object_set_new(out->data, "check_result", json_string(in->check_result));
	bool docs = act == WF_REQUEST_DOCUMENTS || act == WF_RESUBMIT || act == WF_ACCEPT;
	if (!rc && in->has_missing && !docs)
		rc = dib_err_set(err, DIB_EINVAL, "「%s」不需要缺少材料清单 (missing)", aname);
	if (!rc && in->has_missing) {
		rc = case__missing_json(in->missing, in->nmissing, a, &out->missing, err);
		if (!rc)
			json_object_set_new(out->data, "missing", json_loads(out->missing, 0, NULL));
	}
	const char *objector = NULL;
	if (!rc)
		rc = household_check_text("异议或投诉人", in->objector, 50, false, a, &objector, err);
	if (!rc && objector)
		json_object_set_new(out->data, "objector", json_string(objector));
	if (!rc && in->objection_evidence)
		json_object_set_new(out->data, "objection_evidence", json_true());
	out->ext = WF_EXT_NONE;
	if (!rc && in->extension) {
		if (!extension_parse(in->extension, &out->ext))
			rc = dib_err_set(err, DIB_EINVAL, "特殊情况 \"%s\" 无法识别（objection、"
					 "separated、nonlocal、hard_survey、other）", in->extension);
		else if (!out->reason)
			rc = dib_err_set(err, DIB_EINVAL, "延长办理时限须填写理由");
		else
			json_object_set_new(out->data, "extension", json_string(in->extension));
	}
	return rc;
}

/* ---- the step ---- */

/* The facts of the case with the record being entered. */
static void facts_with(const store_case *c, const struct case_act *in,
		       const struct act_input *x, dib_date today, struct wf_facts *f)
{
	case__facts(c, today, f);
	f->has_reason = x->reason != NULL;
	if (x->missing)
		f->missing_documents = case__missing_count(x->missing);
	if (in->visit) {
		f->visit_investigators = (int)in->visit->ninvestigators;
		f->visit_form = in->visit->form;
		f->visit_staff_signed = in->visit->staff_signed;
		f->visit_family_signed = in->visit->family_signed;
	}
	if (in->eval) {
		f->eval_attendees = in->eval->attendees;
		f->eval_representatives = in->eval->representatives;
		f->eval_signed = in->eval->signed_all;
	}
	if (in->check_result)
		f->check = !strcmp(in->check_result, "passed") ? WF_CHK_PASSED : WF_CHK_FAILED;
	f->objection_evidence = in->objection_evidence;
}

/* The separation of duties: whoever took an earlier action of a pair on
 * this case may not take the later one. */
static dib_code check_sod(const store_case_event *ev, size_t n, enum wf_action act,
			  const char *actor, dib_err *err)
{
	enum wf_action before[WF_ACTION_COUNT];
	size_t k = wf_sod_before(act, before, DIB_ARRAY_LEN(before));
	for (size_t i = 0; i < k && i < DIB_ARRAY_LEN(before); i++) {
		for (size_t e = 0; e < n; e++) {
			if (strcmp(ev[e].action, wf_action_code(before[i])) ||
			    strcmp(ev[e].actor, actor))
				continue;
			return dib_err_set(err, DIB_EPERM, "同一人员不能既「%s」又「%s」同一申请："
					   "%s 已于 %s 办理「%s」", wf_action_name(before[i]),
					   wf_action_name(act), actor, ev[e].on_date,
					   wf_action_name(before[i]));
		}
	}
	return DIB_OK;
}

/* The latest democratic evaluation of the timeline as the "3+1" score's
 * vote; false when none was held. */
static bool latest_vote(const store_case_event *ev, size_t n, assess_vote *v)
{
	memset(v, 0, sizeof *v);
	for (size_t i = n; i-- > 0;) {
		if (strcmp(ev[i].action, wf_action_code(WF_RECORD_EVALUATION)) || !ev[i].data)
			continue;
		json_t *d = json_loads(ev[i].data, 0, NULL);
		json_t *e = json_object_get(d, "evaluation");
		v->attendees = (int)json_integer_value(json_object_get(e, "attendees"));
		v->representatives = (int)json_integer_value(json_object_get(e, "representatives"));
		v->votes_for = (int)json_integer_value(json_object_get(e, "votes_for"));
		v->votes_against = (int)json_integer_value(json_object_get(e, "votes_against"));
		json_decref(d);
		break;
	}
	v->held = v->attendees > 0;
	if (v->held)
		v->abstentions = v->attendees - v->votes_for - v->votes_against;
	return v->held;
}

/* Runs the assessment of the case's household on today into c (the
 * stored JSON, the amount and persons), with the "3+1" score when a
 * democratic evaluation is on record: decision support for the reviewer,
 * never the decision (seed 004). */
static dib_code assess_into(struct store *s, store_case *c, const struct case__ctx *x,
			    const assess_vote *vote, dib_date today, dib_arena *a,
			    struct assessment *r, dib_err *err)
{
	struct assessment_opts o;
	memset(&o, 0, sizeof o);
	o.vote = vote && vote->held ? vote : NULL;
	dib_code rc = assessment_run(s, c->household_id, c->program, today, &x->rules, &o, a,
				     r, err);
	if (rc)
		return rc;
	json_t *j = assessment_json(r);
	char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (!text)
		return dib_err_nomem(err);
	c->assessment = dib_arena_strdup(a, text);
	free(text);
	if (!c->assessment)
		return dib_err_nomem(err);
	c->has_amount = true;
	c->amount_fen = r->amount_fen;
	c->persons = r->covered;
	return DIB_OK;
}

/* The decision's split of the amount and the income it used, from the
 * assessment the case holds: a later standard recomputes from them. */
static void basis_of(const store_case *c, store_entitlement *e)
{
	json_t *j = c->assessment ? json_loads(c->assessment, 0, NULL) : NULL;
	json_t *base = json_object_get(j, "base_fen"), *add = json_object_get(j, "addon_fen");
	json_t *inc = json_object_get(j, "personal_income_fen");
	if (!json_is_integer(inc))
		inc = json_object_get(j, "per_capita_income_fen");
	if (json_is_integer(base) && json_is_integer(add) && json_is_integer(inc) &&
	    json_integer_value(base) + json_integer_value(add) == e->amount_fen) {
		e->has_basis = true;
		e->base_fen = json_integer_value(base);
		e->addon_fen = json_integer_value(add);
		e->income_fen = json_integer_value(inc);
	}
	json_decref(j);
}

/* Opens the entitlement of a confirmed case: from the month after the
 * decision (S1 art. 21), every active member covered. */
static dib_code open_entitlement(struct store *s, const store_case *c, dib_date today,
				 const char *decision_no, const char *actor, dib_arena *a,
				 dib_err *err)
{
	store_household_detail d;
	dib_code rc = store_household_detail_get(s, c->household_id, a, &d, err);
	if (rc)
		return rc;
	if (!d.nmembers)
		return dib_err_set(err, DIB_ECONFLICT, "该户没有在册成员，不能确认");
	int64_t *ids = dib_arena_alloc(a, d.nmembers * sizeof *ids);
	if (!ids)
		return dib_err_nomem(err);
	for (size_t i = 0; i < d.nmembers; i++)
		ids[i] = d.members[i].p.id;
	store_entitlement e;
	memset(&e, 0, sizeof e);
	snprintf(e.county, sizeof e.county, "%s", c->county);
	e.household_id = c->household_id;
	e.program = c->program;
	e.case_id = c->id;
	date_format(wf_payment_start(today), e.from_month);
	e.amount_fen = c->amount_fen;
	basis_of(c, &e);
	e.persons = c->persons > 0 ? c->persons : (int)d.nmembers;
	e.decision_no = decision_no;
	e.created_by = actor;
	return store_entitlement_insert(s, &e, ids, d.nmembers, NULL, err);
}

/* Applies the effects of the step on c (already a copy of the case). */
static void apply_effects(store_case *c, const struct wf_step *st, enum wf_state from,
			  const struct case_act *in, const struct act_input *x, dib_date today)
{
	char d[DIB_DATE_STR];
	date_format(today, d);
	c->state = wf_state_code(st->to);
	if (st->to != from)
		snprintf(c->state_since, sizeof c->state_since, "%s", d);
	unsigned fl = st->row->flags;
	if (fl & WF_F_T0)
		snprintf(c->accepted_on, sizeof c->accepted_on, "%s", d);
	if (fl & WF_F_DECISION)
		snprintf(c->decided_on, sizeof c->decided_on, "%s", d);
	if (fl & WF_F_OPENS_OBJECTION)
		c->objection_open = true;
	if (fl & WF_F_RESOLVES_OBJECTION)
		c->objection_open = false;
	if (x->missing)
		c->missing_docs = x->missing;
	switch (in->action) {
	case WF_REQUEST_DOCUMENTS:
		c->missing_notice_issued = true;
		break;
	case WF_RECORD_VISIT:
		c->visit_done = true;
		break;
	case WF_COUNTY_VISIT:
		c->county_visit_done = true;
		break;
	case WF_RECORD_CHECK:
		c->check_result = in->check_result;
		break;
	case WF_RECORD_EVALUATION:
		c->eval_done = true;
		break;
	case WF_PUBLISH:
		snprintf(c->notice_start, sizeof c->notice_start, "%s", d);
		break;
	case WF_COMPLAIN:
		c->has_complaint = true;
		break;
	case WF_OBJECT:
		/* an objection in the notice allows the 45-day limit (S7 四(一)) */
		if (st->to == WF_OBJECTED && !c->extension) {
			c->extension = wf_extension_code(WF_EXT_OBJECTION);
			c->extension_reason = "公示有异议";
		}
		if (from == WF_CHECK_FAILED)
			c->check_result = NULL; /* re-checked after the evidence */
		break;
	default:
		break;
	}
	if (x->ext != WF_EXT_NONE) {
		c->extension = wf_extension_code(x->ext);
		c->extension_reason = x->reason;
	}
}

dib_code case_act(struct store *s, const struct authz_subject *who, const char *actor,
		  const struct case_act *in, dib_date today, dib_arena *a,
		  struct case_act_result *out, dib_err *err)
{
	struct act_input x;
	memset(&x, 0, sizeof x);
	dib_code rc = check_input(in, today, a, &x, err);
	if (!rc)
		rc = store_begin(s, err);
	if (rc) {
		json_decref(x.data);
		return rc;
	}
	store_case before, c;
	memset(&before, 0, sizeof before);
	memset(&c, 0, sizeof c);
	rc = store_case_get(s, in->case_id, a, &before, err);
	if (!rc && who)
		rc = authz_check_object(who, AUTHZ_CASE_ACT, before.village_code, "该申请", err);
	if (!rc && in->version && in->version != before.version)
		rc = dib_err_set(err, DIB_ECONFLICT, "申请 %s 已被他人修改（版本 %d，您看到的是 %d），"
				 "请刷新后重试", before.case_no, before.version, in->version);
	enum wf_state from = WF_DRAFT;
	if (!rc)
		rc = case__state(&before, &from, err);
	struct case__ctx ctx;
	memset(&ctx, 0, sizeof ctx);
	if (!rc)
		rc = case__ctx_load(s, before.county, today, a, &ctx, err);
	struct wf_facts f;
	memset(&f, 0, sizeof f);
	if (!rc)
		facts_with(&before, in, &x, today, &f);
	struct wf_step step;
	if (!rc)
		rc = wf_next(from, in->action, case__roles(who), &f, &ctx.rules.wf,
			     ctx.cal_ok ? ctx.cal : NULL, &step, err);
	store_case_event *ev = NULL;
	size_t nev = 0;
	if (!rc)
		rc = store_case_events(s, before.id, a, &ev, &nev, err);
	if (!rc)
		rc = check_sod(ev, nev, in->action, actor, err);
	if (!rc)
		c = before;
	if (!rc)
		apply_effects(&c, &step, from, in, &x, today);
	if (!rc && in->action == WF_PUBLISH && ctx.cal_ok) {
		/* the notice list prints its period (S1 art. 19) */
		dib_date last;
		dib_err e;
		dib_err_clear(&e);
		char d[DIB_DATE_STR];
		if (!wf_notice_last_day(today, &ctx.rules.wf, ctx.cal, &last, &e))
			json_object_set_new(x.data, "notice_last", json_string(date_format(last, d)));
	}
	struct assessment r;
	assess_vote vote;
	latest_vote(ev, nev, &vote);
	if (!rc && (in->action == WF_TOWNSHIP_REVIEW || in->action == WF_CONFIRM))
		rc = assess_into(s, &c, &ctx, &vote, today, a, &r, err);
	if (!rc && in->action == WF_CONFIRM && r.amount_fen <= 0)
		rc = dib_err_set(err, DIB_ECONFLICT, "测算结果不符合低保条件（%s），不能确认；"
				 "如确不符合，请「不予确认」并说明理由", r.conclusion);
	int64_t doc_id = 0;
	const char *doc_no = NULL;
	char *extra = NULL;
	if (!rc && step.doc != WF_DOC_NONE) {
		extra = json_dumps(x.data, JSON_COMPACT);
		rc = extra ? case__issue(s, &c, step.doc, actor, today, x.reason, extra, a, &doc_id,
					 &doc_no, err)
			   : dib_err_nomem(err);
	}
	if (!rc && in->action == WF_CONFIRM)
		rc = open_entitlement(s, &c, today, doc_no, actor, a, err);
	char *data = NULL;
	if (!rc && json_object_size(x.data) && !(data = json_dumps(x.data, JSON_COMPACT)))
		rc = dib_err_nomem(err);
	store_case_event e = { .case_id = c.id, .action = wf_action_code(in->action),
			       .from_state = wf_state_code(from), .to_state = c.state,
			       .actor = actor, .reason = x.reason, .data = data,
			       .document_id = doc_id };
	date_format(today, e.on_date);
	int seq = 0;
	if (!rc)
		rc = store_case_event_insert(s, c.county, &e, &seq, err);
	if (!rc)
		rc = store_case_update(s, &c, err);
	if (!rc) {
		c.version = before.version + 1;
		rc = case__audit(s, actor, wf_action_code(in->action), &before, &c, x.reason, err);
	}
	rc = svc__finish(s, rc, err);
	free(extra);
	free(data);
	json_decref(x.data);
	case__ctx_free(&ctx);
	if (!rc && out) {
		out->from = from;
		out->to = step.to;
		out->seq = seq;
		out->version = c.version;
		out->document_id = doc_id;
		out->doc_no = doc_no;
	}
	return rc;
}
