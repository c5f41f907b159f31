/*
 * case.c — the writes of svc/case.h: opening an application and taking a
 * workflow action, each one transaction with one event and one audit
 * record (and the document the step issues, and the entitlement a
 * confirmation opens). The checks run in the order of case.h; the
 * transition itself is core/workflow.h's wf_next, so nothing here decides
 * which action is open where.
 *
 * Thread-safety: as the store connection.
 */
#include "util/dib.h"
#include "util/time.h"
#include "core/codes.h"
#include "store/store_audit.h"
#include "store/store_household.h"
#include "svc/assessment.h"
#include "svc/case_int.h"
#include "svc/holidays.h"
#include "svc/household.h"
#include "svc/staff.h"

#include <inttypes.h>
#include <jansson.h>

/* ---- the checklist ---- */

static const struct case_checklist_item checklist[] = {
	{ "application", "低保申请书", false },
	{ "id_documents", "共同生活家庭成员的居民身份证和户口簿", false },
	{ "declaration", "家庭收入和财产状况声明（签字确认）", false },
	{ "promise", "承诺书", false },
	{ "authorization", "家庭经济状况核对授权书", false },
	{ "disability", "残疾人证", true },
	{ "medical", "病历或诊断证明", true },
	{ "school", "在校证明", true },
};

const struct case_checklist_item *case_checklist(size_t *n)
{
	*n = DIB_ARRAY_LEN(checklist);
	return checklist;
}

const char *case__checklist_name(const char *code)
{
	for (size_t i = 0; i < DIB_ARRAY_LEN(checklist); i++)
		if (!strcmp(checklist[i].code, code))
			return checklist[i].name;
	return NULL;
}

/* The missing codes as a JSON array text in a; DIB_EINVAL naming an
 * unknown or repeated code. */
dib_code case__missing_json(const char *const *codes, size_t n, dib_arena *a,
			     const char **out, dib_err *err)
{
	if (n > DIB_ARRAY_LEN(checklist))
		return dib_err_set(err, DIB_EINVAL, "缺少的材料最多 %zu 项",
				   DIB_ARRAY_LEN(checklist));
	json_t *arr = json_array();
	dib_code rc = arr ? DIB_OK : dib_err_nomem(err);
	for (size_t i = 0; !rc && i < n; i++) {
		if (!codes[i] || !case__checklist_name(codes[i])) {
			rc = dib_err_set(err, DIB_EINVAL, "材料代码 \"%s\" 不在申请材料清单中",
					 codes[i] ? codes[i] : "");
			break;
		}
		for (size_t k = 0; k < i; k++)
			if (!strcmp(codes[k], codes[i]))
				rc = dib_err_set(err, DIB_EINVAL, "材料「%s」重复",
						 case__checklist_name(codes[i]));
		if (!rc && json_array_append_new(arr, json_string(codes[i])))
			rc = dib_err_nomem(err);
	}
	char *text = rc ? NULL : json_dumps(arr, JSON_COMPACT);
	json_decref(arr);
	if (!rc && !text)
		rc = dib_err_nomem(err);
	if (!rc && !(*out = dib_arena_strdup(a, text)))
		rc = dib_err_nomem(err);
	free(text);
	return rc;
}

int case__missing_count(const char *json)
{
	json_t *j = json ? json_loads(json, 0, NULL) : NULL;
	int n = json_is_array(j) ? (int)json_array_size(j) : 0;
	json_decref(j);
	return n;
}

/* ---- shared with case_read.c (case_int.h) ---- */

dib_code case__ctx_load(struct store *s, const char *county, dib_date on, dib_arena *a,
			struct case__ctx *out, dib_err *err)
{
	memset(out, 0, sizeof *out);
	dib_code rc = case_rules_load(s, county, on, a, &out->rules, err);
	if (rc)
		return rc;
	dib_err e;
	dib_err_clear(&e);
	out->cal_ok = !holidays_calendar(s, &out->cal, &e);
	return DIB_OK;
}

void case__ctx_free(struct case__ctx *x)
{
	if (x->cal)
		calendar_free(x->cal);
	x->cal = NULL;
}

static dib_date day_of(const char *s)
{
	dib_date d = { 0, 0, 0 };
	dib_err e;
	if (s && s[0])
		(void)date_parse(s, strlen(s), &d, &e);
	return d;
}

void case__facts(const store_case *c, dib_date today, struct wf_facts *f)
{
	memset(f, 0, sizeof *f);
	f->today = today;
	f->missing_documents = case__missing_count(c->missing_docs);
	f->missing_notice_issued = c->missing_notice_issued;
	f->visit_done = c->visit_done;
	f->check = !c->check_result ? WF_CHK_NONE
		   : !strcmp(c->check_result, "passed") ? WF_CHK_PASSED : WF_CHK_FAILED;
	f->eval_done = c->eval_done;
	f->published = c->notice_start[0] != '\0';
	f->notice_start = day_of(c->notice_start);
	f->objection_open = c->objection_open;
	f->relatives_filed = c->relatives_filed;
	f->has_complaint = c->has_complaint;
	f->county_visit_done = c->county_visit_done;
}

unsigned case__roles(const struct authz_subject *who)
{
	return who ? wf_roles_of(who->roles, who->nroles) : WF_ROLE_ALL;
}

dib_code case__state(const store_case *c, enum wf_state *out, dib_err *err)
{
	if (!c->state || !wf_state_parse(c->state, strlen(c->state), out))
		return dib_err_set(err, DIB_EDB, "申请 %s 的状态 \"%s\" 无法识别", c->case_no,
				   c->state ? c->state : "");
	return DIB_OK;
}

const char *case__doer(const store_case_event *ev, size_t n, enum wf_action a)
{
	const char *code = wf_action_code(a);
	for (size_t i = n; i-- > 0;)
		if (!strcmp(ev[i].action, code))
			return ev[i].actor;
	return NULL;
}

/* ---- audit ---- */

/* The case's summary for the audit log (caller frees); NULL out of memory. */
static char *case_json(const store_case *c)
{
	json_t *o = json_pack("{s:I, s:s, s:I, s:s, s:s, s:i, s:s, s:s?, s:s?, s:o?, s:i}",
			      "id", (json_int_t)c->id, "case_no", c->case_no,
			      "household_id", (json_int_t)c->household_id,
			      "program", c->program, "state", c->state,
			      "version", c->version, "missing_docs", c->missing_docs,
			      "accepted_on", c->accepted_on[0] ? c->accepted_on : NULL,
			      "decided_on", c->decided_on[0] ? c->decided_on : NULL,
			      "amount_fen", c->has_amount ? json_integer(c->amount_fen) : NULL,
			      "persons", c->persons);
	char *text = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	return text;
}

dib_code case__audit(struct store *s, const char *actor, const char *action,
			   const store_case *before, const store_case *after,
			   const char *reason, dib_err *err)
{
	char act[64], id[24];
	snprintf(act, sizeof act, "case.%s", action);
	snprintf(id, sizeof id, "%" PRId64, after->id);
	char *b = before ? case_json(before) : NULL;
	char *x = case_json(after);
	dib_code rc;
	if (!x || (before && !b)) {
		rc = dib_err_nomem(err);
	} else {
		store_audit_entry e = { .county = after->county, .actor = actor, .action = act,
					.entity = "case", .entity_id = id, .before_json = b,
					.after_json = x, .reason = reason };
		rc = store_audit_append(s, &e, NULL, err);
	}
	free(b);
	free(x);
	return rc;
}

/* ---- opening ---- */

bool case__program_ok(const char *p)
{
	return p && (!strcmp(p, "dibao_urban") || !strcmp(p, "dibao_rural"));
}

const char *case__program_name(const char *p)
{
	return !p ? "" : !strcmp(p, "dibao_urban") ? "城市低保"
		       : !strcmp(p, "dibao_rural") ? "农村低保" : p;
}

/* The relatives check's findings as a JSON array (in a), and whether there
 * are any. */
static dib_code relatives_json(struct store *s, const struct authz_subject *who,
			       int64_t hh, dib_date on, dib_arena *a, const char **out,
			       bool *found, dib_err *err)
{
	struct staff_link *links = NULL;
	size_t n = 0;
	dib_code rc = staff_relatives(s, who, hh, on, a, &links, &n, err);
	if (rc)
		return rc;
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < n; i++)
		json_array_append_new(arr, json_string(links[i].explanation));
	char *text = arr ? json_dumps(arr, JSON_COMPACT) : NULL;
	json_decref(arr);
	if (!text)
		return dib_err_nomem(err);
	*out = dib_arena_strdup(a, text);
	free(text);
	*found = n > 0;
	return *out ? DIB_OK : dib_err_nomem(err);
}

/* Refuses a second open application or an entitlement in force. */
static dib_code open_conflicts(struct store *s, int64_t hh, const char *program,
			       dib_arena *a, dib_err *err)
{
	const char *states[] = { "draft", "applied", "docs_pending", "accepted", "investigating",
				 "checking", "check_failed", "reviewed", "notice", "objected",
				 "ready", "submitted", "refused" };
	store_case_filter f = { .states = states, .nstates = DIB_ARRAY_LEN(states),
				.program = program, .household_id = hh, .limit = 1 };
	store_case *open = NULL;
	size_t n = 0;
	dib_code rc = store_case_list(s, &f, a, &open, &n, err);
	if (!rc && n)
		return dib_err_set(err, DIB_ECONFLICT, "该户已有进行中的%s申请 %s",
				   case__program_name(program), open[0].case_no);
	store_entitlement *ents = NULL;
	if (!rc)
		rc = store_entitlements_of(s, hh, a, &ents, &n, err);
	for (size_t i = 0; !rc && i < n; i++)
		if (!strcmp(ents[i].program, program) && !ents[i].to_month[0])
			return dib_err_set(err, DIB_ECONFLICT, "该户正在享受%s（自 %.7s 起），"
					   "无需重新申请", case__program_name(program),
					   ents[i].from_month);
	return rc;
}

dib_code case_open(struct store *s, const struct authz_subject *who, const char *actor,
		   const struct case_new *in, dib_date today, int64_t *id, dib_err *err)
{
	dib_arena a;
	dib_arena_init(&a, 16384, 0);
	dib_code rc = DIB_OK;
	if (!case__program_ok(in->program))
		rc = dib_err_set(err, DIB_EINVAL, "项目 \"%s\" 不是低保项目（dibao_urban 城市低保、"
				 "dibao_rural 农村低保）", in->program ? in->program : "");
	dib_date applied = today;
	if (!rc && in->applied_on && in->applied_on[0])
		rc = household_check_date("申请日期", in->applied_on, today, &applied, err);
	const char *missing = NULL, *note = NULL;
	if (!rc)
		rc = case__missing_json(in->missing, in->nmissing, &a, &missing, err);
	if (!rc)
		rc = household_check_text("备注", in->note, CASE_NOTE_MAX, false, &a, &note, err);
	if (!rc && (in->household_id <= 0))
		rc = dib_err_set(err, DIB_EINVAL, "请指定申请家庭 (household_id)");
	store_household h;
	if (!rc)
		rc = store_household_get(s, in->household_id, &a, &h, err);
	if (!rc && who)
		rc = authz_check_object(who, AUTHZ_CASE_ACT, h.village_code, "该家庭", err);
	struct wf_facts f;
	memset(&f, 0, sizeof f);
	f.today = today;
	struct wf_params wp;
	wf_params_default(&wp);
	struct wf_step step;
	if (!rc)
		rc = wf_next(WF_DRAFT, WF_APPLY, case__roles(who), &f, &wp, NULL, &step, err);
	const char *rel = NULL;
	bool found = false;
	if (!rc)
		rc = relatives_json(s, who, in->household_id, applied, &a, &rel, &found, err);
	if (!rc)
		rc = store_begin(s, err);
	if (rc) {
		dib_arena_release(&a);
		return rc;
	}
	rc = open_conflicts(s, in->household_id, in->program, &a, err);
	store_case c;
	memset(&c, 0, sizeof c);
	snprintf(c.county, sizeof c.county, "%s", h.county);
	c.household_id = in->household_id;
	snprintf(c.village_code, sizeof c.village_code, "%s", h.village_code);
	c.program = in->program;
	c.state = wf_state_code(step.to);
	date_format(applied, c.state_since);
	date_format(applied, c.applied_on);
	c.missing_docs = missing;
	c.relatives_declared = in->relatives_declared;
	c.relatives_filed = in->relatives_declared || found;
	c.note = note;
	c.created_by = actor;
	c.version = 1;
	if (!rc)
		rc = store_case_insert(s, &c, &c.id, c.case_no, err);
	char *data = NULL;
	if (!rc) {
		json_t *d = json_pack("{s:o, s:b, s:o}", "missing",
				      json_loads(missing, 0, NULL), "relatives_declared",
				      in->relatives_declared, "relatives_found",
				      json_loads(rel, 0, NULL));
		data = d ? json_dumps(d, JSON_COMPACT) : NULL;
		json_decref(d);
		if (!data)
			rc = dib_err_nomem(err);
	}
	store_case_event ev = { .case_id = c.id, .action = wf_action_code(WF_APPLY),
				.from_state = wf_state_code(WF_DRAFT), .to_state = c.state,
				.actor = actor, .data = data };
	date_format(today, ev.on_date);
	if (!rc)
		rc = store_case_event_insert(s, c.county, &ev, NULL, err);
	if (!rc)
		rc = case__audit(s, actor, "apply", NULL, &c, NULL, err);
	free(data);
	rc = svc__finish(s, rc, err);
	if (!rc && id)
		*id = c.id;
	dib_arena_release(&a);
	return rc;
}
