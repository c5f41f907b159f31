/*
 * h_case_act.c — taking a workflow action on a case over the API
 * (docs/api.md, "Cases (低保申请)"): POST /api/v1/cases/{id}/actions with
 * the action's code and the record it enters (a home visit, a democratic
 * evaluation, a check result, an objection). The body is a strict typed
 * object (json_fields.c), the nested records too; which action is open,
 * to whom, under which guards, and what it issues is decided by
 * svc/case.h (case_act) over core/workflow.h — this file only reads the
 * body into struct case_act and answers the step it took. Kept apart from
 * h_case.c because the body is the biggest of the API.
 * Thread-safety: each request uses its own pooled connection.
 */
#include "util/dib.h"
#include "http/http_int.h"
#include "svc/case.h"
#include "svc/session.h"

#include <limits.h>

/* "visit": {date, investigators, form, staff_signed, family_signed,
 * findings?} into a visit in the request arena. */
static dib_code visit_of(struct http_req *r, const json_t *obj, const struct case_visit **out,
			 dib_err *err)
{
	static const struct http_field f[] = {
		{ "date", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "investigators", HTTP_F_STRINGS, HTTP_F_REQUIRED },
		{ "form", HTTP_F_BOOL, HTTP_F_REQUIRED },
		{ "staff_signed", HTTP_F_BOOL, HTTP_F_REQUIRED },
		{ "family_signed", HTTP_F_BOOL, HTTP_F_REQUIRED },
		{ "findings", HTTP_F_STRING, HTTP_F_NULLABLE },
	};
	json_t *v[DIB_ARRAY_LEN(f)];
	struct case_visit *vis = dib_arena_calloc(&r->arena, sizeof *vis);
	if (!vis)
		return dib_err_nomem(err);
	dib_code rc = http__check_fields(obj, "visit.", f, DIB_ARRAY_LEN(f), v, err);
	if (!rc)
		rc = http__strings_of(r, v[1], &vis->investigators, &vis->ninvestigators, err);
	if (rc)
		return rc;
	vis->date = http__json_str(v[0]);
	vis->form = json_is_true(v[2]);
	vis->staff_signed = json_is_true(v[3]);
	vis->family_signed = json_is_true(v[4]);
	vis->findings = http__json_str(v[5]);
	*out = vis;
	return DIB_OK;
}

/* "eval": {date, attendees, representatives, votes_for, votes_against,
 * signed_all, minutes?} into an evaluation in the request arena. */
static dib_code eval_of(struct http_req *r, const json_t *obj, const struct case_eval **out,
			dib_err *err)
{
	static const struct http_field f[] = {
		{ "date", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "attendees", HTTP_F_INT, HTTP_F_REQUIRED },
		{ "representatives", HTTP_F_INT, HTTP_F_REQUIRED },
		{ "votes_for", HTTP_F_INT, HTTP_F_REQUIRED },
		{ "votes_against", HTTP_F_INT, HTTP_F_REQUIRED },
		{ "signed_all", HTTP_F_BOOL, HTTP_F_REQUIRED },
		{ "minutes", HTTP_F_STRING, HTTP_F_NULLABLE },
	};
	json_t *v[DIB_ARRAY_LEN(f)];
	struct case_eval *ev = dib_arena_calloc(&r->arena, sizeof *ev);
	if (!ev)
		return dib_err_nomem(err);
	dib_code rc = http__check_fields(obj, "eval.", f, DIB_ARRAY_LEN(f), v, err);
	if (!rc)
		rc = http__int_of(v[1], "eval.attendees", &ev->attendees, err);
	if (!rc)
		rc = http__int_of(v[2], "eval.representatives", &ev->representatives, err);
	if (!rc)
		rc = http__int_of(v[3], "eval.votes_for", &ev->votes_for, err);
	if (!rc)
		rc = http__int_of(v[4], "eval.votes_against", &ev->votes_against, err);
	if (rc)
		return rc;
	ev->date = http__json_str(v[0]);
	ev->signed_all = json_is_true(v[5]);
	ev->minutes = http__json_str(v[6]);
	*out = ev;
	return DIB_OK;
}

enum {
	F_ACTION, F_VERSION, F_REASON, F_MISSING, F_VISIT, F_EVAL, F_CHECK,
	F_EVIDENCE, F_OBJECTOR, F_EXTENSION, F_COUNT
};

/* The body into *in (case_id set by the caller). */
static dib_code act_of(struct http_req *r, json_t *const *v, struct case_act *in, dib_err *err)
{
	const char *code = http__json_str(v[F_ACTION]);
	if (!wf_action_parse(code, strlen(code), &in->action)) {
		char q[DIB_QUOTE_MAX];
		return dib_err_set(err, DIB_EINVAL, "操作 \"%s\" 不存在",
				   dib_err_quote(code, strlen(code), q, sizeof q));
	}
	if (v[F_VERSION]) {
		json_int_t n = json_integer_value(v[F_VERSION]);
		if (n < 1 || n > INT_MAX)
			return dib_err_set(err, DIB_EINVAL, "字段 \"version\" 应为正整数");
		in->version = (int)n;
	}
	in->reason = http__json_str(v[F_REASON]);
	in->has_missing = v[F_MISSING] != NULL;
	dib_code rc = in->has_missing
		? http__strings_of(r, v[F_MISSING], &in->missing, &in->nmissing, err) : DIB_OK;
	if (!rc && v[F_VISIT])
		rc = visit_of(r, v[F_VISIT], &in->visit, err);
	if (!rc && v[F_EVAL])
		rc = eval_of(r, v[F_EVAL], &in->eval, err);
	in->check_result = http__json_str(v[F_CHECK]);
	in->objection_evidence = json_is_true(v[F_EVIDENCE]);
	in->objector = http__json_str(v[F_OBJECTOR]);
	in->extension = http__json_str(v[F_EXTENSION]);
	return rc;
}

static json_t *result_json(const struct case_act *in, const struct case_act_result *out)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:i,s:i,s:o,s:s?}", "case_id",
			 (json_int_t)in->case_id, "action", wf_action_code(in->action),
			 "action_name", wf_action_name(in->action), "from_state",
			 wf_state_code(out->from), "from_state_name", wf_state_name(out->from),
			 "state", wf_state_code(out->to), "state_name", wf_state_name(out->to),
			 "seq", out->seq, "version", out->version, "document_id",
			 out->document_id ? json_integer((json_int_t)out->document_id)
					  : json_null(),
			 "doc_no", out->doc_no);
}

enum MHD_Result http__h_case_act(struct http_req *r)
{
	static const struct http_field f[F_COUNT] = {
		[F_ACTION] = { "action", HTTP_F_STRING, HTTP_F_REQUIRED },
		[F_VERSION] = { "version", HTTP_F_INT, 0 },
		[F_REASON] = { "reason", HTTP_F_STRING, HTTP_F_NULLABLE },
		[F_MISSING] = { "missing", HTTP_F_STRINGS, 0 },
		[F_VISIT] = { "visit", HTTP_F_OBJECT, 0 },
		[F_EVAL] = { "eval", HTTP_F_OBJECT, 0 },
		[F_CHECK] = { "check_result", HTTP_F_STRING, 0 },
		[F_EVIDENCE] = { "objection_evidence", HTTP_F_BOOL, 0 },
		[F_OBJECTOR] = { "objector", HTTP_F_STRING, HTTP_F_NULLABLE },
		[F_EXTENSION] = { "extension", HTTP_F_STRING, HTTP_F_NULLABLE },
	};
	struct case_act in;
	memset(&in, 0, sizeof in);
	if (!http__path_id(r, 0, &in.case_id))
		return http__no_such(r, "申请");
	json_t *v[F_COUNT];
	struct http_call c;
	http__call_init(r, &c);
	if (http__call_read(r, &c, f, F_COUNT, v) || act_of(r, v, &in, &c.err))
		return http__call_fail(r, &c);
	struct case_act_result out;
	http__call_begin(r, &c);
	dib_code rc = case_act(c.s, &c.who, c.who.username, &in, http__today(), &r->arena, &out,
			       &c.err);
	/* the body's strings are borrowed from c.doc until here */
	http__call_end(r, &c);
	if (rc)
		return http__send_error(r, &c.err);
	return http__send_owned(r, MHD_HTTP_OK, result_json(&in, &out));
}
