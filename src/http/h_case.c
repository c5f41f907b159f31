/*
 * h_case.c — 低保 cases over the API (docs/api.md, "Cases (低保申请)"):
 * the list and inboxes GET /api/v1/cases, opening an application POST
 * /api/v1/cases, one case with its timeline, documents and the actions
 * open to the reader GET /api/v1/cases/{id}, an issued document GET
 * /api/v1/case-documents/{id} and the application checklist GET
 * /api/v1/case-checklist. Taking an action is h_case_act.c. Every rule,
 * permission and deadline is decided in svc/case.h and core/workflow.h;
 * this file only translates query strings and JSON to their calls and
 * their answers back to JSON, with the Chinese names of codes beside them
 * so the UI needs no copy of the workflow's tables.
 * Thread-safety: each request uses its own pooled connection.
 */
#include "util/dib.h"
#include "core/coverage.h"
#include "http/http_int.h"
#include "svc/case.h"
#include "svc/session.h"
#include "svc/standard.h"

#include <limits.h>

/* ---- small translations ---- */

/* A stored date: NULL (JSON null) for "" (not set). */
static const char *date_or_null(const char *s)
{
	return s && *s ? s : NULL;
}

/* d as "YYYY-MM-DD" in the request arena when has, else NULL. */
static const char *date_text(struct http_req *r, bool has, dib_date d)
{
	char b[DIB_DATE_STR];
	return has ? dib_arena_strdup(&r->arena, date_format(d, b)) : NULL;
}

/* JSON text kept by svc (an assessment, an event's record, a document's
 * content) as JSON again; null for none. Text that does not parse is
 * answered as a string rather than lost. */
static json_t *stored_json(const char *text)
{
	if (!text || !*text)
		return json_null();
	json_t *j = json_loads(text, JSON_DECODE_ANY, NULL);
	return j ? j : json_string(text);
}

static const char *state_name(const char *code)
{
	enum wf_state s;
	return code && wf_state_parse(code, strlen(code), &s) ? wf_state_name(s) : NULL;
}

static const char *action_name(const char *code)
{
	enum wf_action a;
	return code && wf_action_parse(code, strlen(code), &a) ? wf_action_name(a) : NULL;
}

/* The API's codes of the urgencies (the inboxes' names). */
static const char *urgency_code(enum wf_urgency u)
{
	switch (u) {
	case WF_URG_NONE:
		return "none";
	case WF_URG_ON_TIME:
		return "on_time";
	case WF_URG_DUE_SOON:
		return "due_soon";
	case WF_URG_OVERDUE:
		return "overdue";
	}
	return "none";
}

static const char *extension_name(const char *code)
{
	for (int e = WF_EXT_NONE + 1; code && e < WF_EXT_COUNT; e++)
		if (!strcmp(code, wf_extension_code((enum wf_extension)e)))
			return wf_extension_name((enum wf_extension)e);
	return NULL;
}

static const char *checklist_name(const char *code)
{
	size_t n = 0;
	const struct case_checklist_item *it = case_checklist(&n);
	for (size_t i = 0; code && i < n; i++)
		if (!strcmp(code, it[i].code))
			return it[i].name;
	return NULL;
}

/* The Chinese name of a document kind as stored (wf_doc_code). */
static const char *doc_kind_name(const char *kind)
{
	enum wf_doc d;
	enum cov_kind k;
	if (kind && wf_doc_parse(kind, &d))
		return wf_doc_name(d);
	/* the notices of svc/coverage: change_<kind> */
	if (kind && !strncmp(kind, "change_", 7) && cov_kind_parse(kind + 7, strlen(kind + 7), &k))
		return cov_notice_title(k);
	return NULL;
}

/* ---- a case as JSON ---- */

static json_t *deadlines_json(struct http_req *r, const struct wf_due *d)
{
	return json_pack("{s:s?,s:s?,s:s?,s:s?}", "due", date_text(r, d->has_due, d->due),
			 "step", date_text(r, d->has_step, d->step), "case",
			 date_text(r, d->has_case, d->case_due), "notice_last",
			 date_text(r, d->has_notice, d->notice_last));
}

/* What the list and the case page both show of a case; unknown: the
 * calendar lacks a year a deadline needs. */
static json_t *case_json(struct http_req *r, const store_case *c, const struct wf_due *due,
			 enum wf_urgency u, int left, bool unknown, const char *pname)
{
	json_t *hh = json_pack("{s:I,s:s?,s:s?,s:s,s:s?,s:s?}", "id", (json_int_t)c->household_id,
			       "hh_no", c->hh_no, "head_name", c->head_name, "village_code",
			       c->village_code, "village_name", c->village_name, "township_name",
			       c->township_name);
	/* "o" takes every reference, on failure too */
	return json_pack("{s:I,s:s,s:s,s:o,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:o,s:s,"
			 "s:s?,s:o,s:b,s:o,s:o,s:i}",
			 "id", (json_int_t)c->id, "case_no", c->case_no, "county", c->county,
			 "household", hh, "program", c->program, "program_name", pname, "state",
			 c->state, "state_name", state_name(c->state), "state_since",
			 date_or_null(c->state_since), "applied_on", date_or_null(c->applied_on),
			 "accepted_on", date_or_null(c->accepted_on), "decided_on",
			 date_or_null(c->decided_on), "deadlines", deadlines_json(r, due),
			 "urgency", urgency_code(u), "urgency_name",
			 u == WF_URG_NONE ? NULL : wf_urgency_name(u), "days_left",
			 u == WF_URG_NONE ? json_null() : json_integer(left), "due_unknown", unknown,
			 "amount_fen",
			 c->has_amount ? json_integer((json_int_t)c->amount_fen) : json_null(),
			 "persons", c->persons > 0 ? json_integer(c->persons) : json_null(),
			 "version", c->version);
}

/* The missing checklist items of the case, kept by svc as a JSON array of
 * codes, with their names. */
static json_t *missing_json(const char *text)
{
	json_t *codes = text ? json_loads(text, 0, NULL) : NULL;
	json_t *arr = json_array();
	size_t i;
	json_t *v;
	json_array_foreach(codes, i, v) {
		const char *code = json_string_value(v);
		if (code)
			http__push(&arr, json_pack("{s:s,s:s?}", "code", code, "name",
						   checklist_name(code)));
	}
	json_decref(codes);
	return arr;
}

/* The fields of the case page beyond the list's: the facts the
 * workflow's guards read and the township's assessment. */
static json_t *case_facts_json(const store_case *c)
{
	return json_pack("{s:o,s:b,s:s?,s:s?,s:s?,s:b,s:s?,s:b,s:s?,s:b,s:b,s:b,s:b,s:b,s:o,"
			 "s:s?,s:s?,s:s?,s:s?}",
			 "missing", missing_json(c->missing_docs), "missing_notice_issued",
			 c->missing_notice_issued, "extension", c->extension, "extension_name",
			 extension_name(c->extension), "extension_reason", c->extension_reason,
			 "visit_done", c->visit_done, "check_result", c->check_result, "eval_done",
			 c->eval_done, "notice_start", date_or_null(c->notice_start),
			 "objection_open", c->objection_open, "relatives_declared",
			 c->relatives_declared, "relatives_filed", c->relatives_filed,
			 "has_complaint", c->has_complaint, "county_visit_done",
			 c->county_visit_done, "assessment", stored_json(c->assessment), "note",
			 c->note, "created_at", c->created_at, "created_by", c->created_by,
			 "updated_at", c->updated_at);
}

static json_t *event_json(const store_case_event *e)
{
	return json_pack("{s:i,s:s,s:s?,s:s,s:s?,s:s,s:s?,s:s,s:s?,s:s,s:s?,s:o,s:o,s:s?}",
			 "seq", e->seq, "action", e->action, "action_name", action_name(e->action),
			 "from_state", e->from_state, "from_state_name", state_name(e->from_state),
			 "to_state", e->to_state, "to_state_name", state_name(e->to_state),
			 "on_date", e->on_date, "at", e->at, "actor", e->actor, "reason",
			 e->reason, "data", stored_json(e->data), "document_id",
			 e->document_id ? json_integer((json_int_t)e->document_id) : json_null(),
			 "doc_no", e->doc_no);
}

/* A document without its content (the case page's list). */
static json_t *doc_json(const store_case_doc *d)
{
	return json_pack("{s:I,s:o,s:s,s:s?,s:s,s:s,s:s?,s:s}", "id", (json_int_t)d->id,
			 "case_id", d->case_id ? json_integer((json_int_t)d->case_id) : json_null(),
			 "kind", d->kind, "kind_name", doc_kind_name(d->kind), "doc_no", d->doc_no,
			 "issued_on", d->issued_on, "issued_at", d->issued_at, "issued_by",
			 d->issued_by);
}

static json_t *action_json(const struct case_action_view *a)
{
	const char *doc = wf_doc_name(a->doc);
	return json_pack("{s:s,s:s,s:b,s:s?,s:b,s:s?}", "action", wf_action_code(a->action),
			 "name", wf_action_name(a->action), "allowed", a->allowed, "blocked",
			 a->blocked, "needs_reason", a->needs_reason, "document",
			 doc && *doc ? doc : NULL);
}

static json_t *view_json(struct http_req *r, const struct case_view *v, const char *pname)
{
	json_t *c = case_json(r, &v->c, &v->due, v->urgency, v->days_left, v->due_unknown, pname);
	json_t *facts = case_facts_json(&v->c);
	if (!c || !facts || json_object_update(c, facts)) {
		json_decref(c);
		json_decref(facts);
		return NULL;
	}
	json_decref(facts);
	json_t *events = json_array(), *docs = json_array(), *acts = json_array();
	for (size_t i = 0; i < v->nevents; i++)
		http__push(&events, event_json(&v->events[i]));
	for (size_t i = 0; i < v->ndocs; i++)
		http__push(&docs, doc_json(&v->docs[i]));
	for (size_t i = 0; i < v->nactions; i++)
		http__push(&acts, action_json(&v->actions[i]));
	if (!events || !docs || !acts) {
		json_decref(c);
		json_decref(events);
		json_decref(docs);
		json_decref(acts);
		return NULL;
	}
	return json_pack("{s:o,s:o,s:o,s:o}", "case", c, "timeline", events, "documents", docs,
			 "actions", acts);
}

/* Reads case id for the session's user on c's connection (given back to
 * the pool here) and sends its page with status. */
static enum MHD_Result send_case(struct http_req *r, struct http_call *c, unsigned status,
				 int64_t id)
{
	struct case_view v;
	size_t np = 0;
	dib_err_clear(&c->err);
	if (case_get(c->s, &c->who, id, http__today(), &r->arena, &v, &c->err))
		return http__call_fail(r, c);
	const store_program *p = http__programs(r, c->s, &np);
	http__call_end(r, c);
	return http__send_owned(r, status, view_json(r, &v, http__program_name(p, np, v.c.program)));
}

/* ---- the list and inboxes ---- */

/* The query string into q; DIB_EINVAL naming the parameter. */
static dib_code list_query(struct http_req *r, struct case_query *q, dib_err *err)
{
	static const struct {
		const char *code;
		enum case_inbox inbox;
	} inboxes[] = {
		{ "all", CASE_INBOX_ALL },
		{ "mine", CASE_INBOX_MINE },
		{ "due_soon", CASE_INBOX_DUE_SOON },
		{ "overdue", CASE_INBOX_OVERDUE },
	};
	char qb[DIB_QUOTE_MAX];
	const char *v = http__arg(r, "inbox");
	memset(q, 0, sizeof *q);
	if (v) {
		size_t i = 0;
		while (i < DIB_ARRAY_LEN(inboxes) && strcmp(v, inboxes[i].code))
			i++;
		if (i == DIB_ARRAY_LEN(inboxes))
			return dib_err_set(err, DIB_EINVAL,
					   "收件箱 \"%s\" 不存在，可选 all、mine、due_soon、overdue",
					   dib_err_quote(v, strlen(v), qb, sizeof qb));
		q->inbox = inboxes[i].inbox;
	}
	q->region = http__arg(r, "region");
	q->state = http__arg(r, "state");
	q->program = http__arg(r, "program");
	if ((v = http__arg(r, "household_id")) && !http__parse_id(v, &q->household_id))
		return dib_err_set(err, DIB_EINVAL, "户 ID \"%s\" 应为正整数",
				   dib_err_quote(v, strlen(v), qb, sizeof qb));
	/* cursor is the API's name for every list; after says the same */
	const char *cur = http__arg(r, "cursor"), *after = http__arg(r, "after");
	if (cur && after && strcmp(cur, after))
		return dib_err_set(err, DIB_EINVAL, "cursor 与 after 不一致，请只给一个");
	if ((v = cur ? cur : after) && !http__parse_id(v, &q->after_id))
		return dib_err_set(err, DIB_EINVAL, "分页游标 \"%s\" 无效",
				   dib_err_quote(v, strlen(v), qb, sizeof qb));
	if ((v = http__arg(r, "limit"))) {
		int64_t n = 0;
		/* the range is svc's; here only what fits an int and is not 0,
		 * which svc would read as "the default" */
		if (!http__parse_id(v, &n) || n > INT_MAX)
			return dib_err_set(err, DIB_EINVAL, "每页条数 \"%s\" 应为正整数",
					   dib_err_quote(v, strlen(v), qb, sizeof qb));
		q->limit = (int)n;
	}
	return DIB_OK;
}

static json_t *row_json(struct http_req *r, const struct case_row *row, const store_program *p,
			size_t np)
{
	return case_json(r, &row->c, &row->due, row->urgency, row->days_left, row->due_unknown,
			 http__program_name(p, np, row->c.program));
}

enum MHD_Result http__h_cases(struct http_req *r)
{
	struct case_query q;
	struct http_call c;
	http__call_init(r, &c);
	if (list_query(r, &q, &c.err))
		return http__send_error(r, &c.err);
	struct case_row *rows = NULL;
	size_t n = 0, np = 0;
	int64_t next = 0, total = 0;
	http__call_begin(r, &c);
	if (case_list(c.s, &c.who, &q, http__today(), &r->arena, &rows, &n, &next, &total, &c.err))
		return http__call_fail(r, &c);
	const store_program *p = http__programs(r, c.s, &np);
	http__call_end(r, &c);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		http__push(&arr, row_json(r, &rows[i], p, np));
	if (!arr)
		return MHD_NO;
	/* the cursor is a string, as on every list (docs/api.md) */
	const char *cur = next ? dib_arena_printf(&r->arena, "%lld", (long long)next) : NULL;
	if (next && !cur) {
		json_decref(arr);
		return MHD_NO;
	}
	return http__send_owned(r, MHD_HTTP_OK,
				json_pack("{s:o,s:s?,s:I}", "items", arr, "next_cursor", cur,
					  "total", (json_int_t)total));
}

/* ---- one case ---- */

enum MHD_Result http__h_case_get(struct http_req *r)
{
	int64_t id;
	if (!http__path_id(r, 0, &id))
		return http__no_such(r, "申请");
	struct http_call c;
	http__call_init(r, &c);
	http__call_begin(r, &c);
	return send_case(r, &c, MHD_HTTP_OK, id);
}

enum MHD_Result http__h_case_open(struct http_req *r)
{
	static const struct http_field f[] = {
		{ "household_id", HTTP_F_INT, HTTP_F_REQUIRED },
		{ "program", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "applied_on", HTTP_F_STRING, HTTP_F_NULLABLE },
		{ "missing", HTTP_F_STRINGS, 0 },
		{ "relatives_declared", HTTP_F_BOOL, 0 },
		{ "note", HTTP_F_STRING, HTTP_F_NULLABLE },
	};
	json_t *v[DIB_ARRAY_LEN(f)];
	struct http_call c;
	http__call_init(r, &c);
	if (http__call_read(r, &c, f, DIB_ARRAY_LEN(f), v))
		return http__call_fail(r, &c);
	struct case_new in = {
		.household_id = (int64_t)json_integer_value(v[0]),
		.program = http__json_str(v[1]),
		.applied_on = http__json_str(v[2]),
		.relatives_declared = json_is_true(v[4]),
		.note = http__json_str(v[5]),
	};
	if (http__strings_of(r, v[3], &in.missing, &in.nmissing, &c.err)) {
		http__call_end(r, &c);
		return MHD_NO; /* no memory */
	}
	int64_t id = 0;
	http__call_begin(r, &c);
	if (case_open(c.s, &c.who, c.who.username, &in, http__today(), &id, &c.err))
		return http__call_fail(r, &c);
	return send_case(r, &c, MHD_HTTP_CREATED, id);
}

/* ---- documents and the checklist ---- */

enum MHD_Result http__h_case_document(struct http_req *r)
{
	int64_t id;
	if (!http__path_id(r, 0, &id))
		return http__no_such(r, "文书");
	struct http_call c;
	http__call_init(r, &c);
	store_case_doc d;
	http__call_begin(r, &c);
	dib_code rc = case_document(c.s, &c.who, id, &r->arena, &d, &c.err);
	http__call_end(r, &c);
	if (rc)
		return http__send_error(r, &c.err);
	json_t *j = doc_json(&d);
	if (j && (json_object_set_new(j, "county", json_string(d.county)) ||
		  json_object_set_new(j, "content", stored_json(d.content)))) {
		json_decref(j);
		j = NULL;
	}
	return http__send_owned(r, MHD_HTTP_OK, j);
}

enum MHD_Result http__h_case_checklist(struct http_req *r)
{
	size_t n = 0;
	const struct case_checklist_item *it = case_checklist(&n);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		http__push(&arr, json_pack("{s:s,s:s,s:b}", "code", it[i].code, "name", it[i].name,
					   "conditional", it[i].conditional));
	if (!arr)
		return MHD_NO;
	return http__send_owned(r, MHD_HTTP_OK, json_pack("{s:o}", "items", arr));
}
