/*
 * h_coverage.c — a household while it is covered, over the API
 * (docs/api.md, "Coverage (在保管理)"): its entitlements and changes GET
 * /api/v1/households/{id}/coverage, a change decided on it POST
 * /api/v1/households/{id}/coverage/changes, the reasons' table GET
 * /api/v1/coverage/reasons, a member's death POST /api/v1/persons/{id}/death
 * and the reviews it opens GET /api/v1/coverage/reviews, POST
 * /api/v1/coverage/reviews/{id}/close, a job offer POST
 * /api/v1/persons/{id}/work-offers, and the assessment of a household
 * before it applies GET /api/v1/households/{id}/assessment. Every rule
 * and permission is decided in svc/coverage.h over core/coverage.h (and
 * svc/case.h for the assessment); this file only translates query strings
 * and JSON to their calls and the answers back to JSON, with the Chinese
 * names of codes beside them, months as "YYYY-MM" and money as integer fen.
 * The notices a change issues are read at GET /api/v1/case-documents/{id}
 * (h_case.c).
 * Thread-safety: each request uses its own pooled connection.
 */
#include "util/dib.h"
#include "http/http_int.h"
#include "svc/assessment.h"
#include "svc/case.h"
#include "svc/coverage.h"
#include "svc/session.h"

#include <limits.h>

/* ---- small translations ---- */

/* A stored date: NULL (JSON null) for "" (not set). */
static const char *date_or_null(const char *s)
{
	return s && *s ? s : NULL;
}

/* A stored month "YYYY-MM-01" as "YYYY-MM" in the request arena; NULL for
 * "" (none). */
static const char *month_text(struct http_req *r, const char *s)
{
	return s && *s ? dib_arena_strndup(&r->arena, s, 7) : NULL;
}

/* m as "YYYY-MM" in the request arena. */
static const char *month_str(struct http_req *r, dib_month m)
{
	char b[DIB_MONTH_STR];
	return dib_arena_strdup(&r->arena, month_format(m, b));
}

static const char *kind_name(const char *code)
{
	enum cov_kind k;
	return code && cov_kind_parse(code, strlen(code), &k) ? cov_kind_name(k) : NULL;
}

static const char *reason_name(const char *code)
{
	enum cov_reason x;
	return code && cov_reason_parse(code, strlen(code), &x) ? cov_reason(x)->name : NULL;
}

/* The outcomes of a job offer (svc/coverage.h coverage_offer) with the
 * names the notices and the UI use. */
static const struct {
	const char *code, *name;
} outcomes[] = {
	{ "accepted", "接受" },
	{ "refused", "无正当理由拒绝" },
	{ "refused_justified", "有正当理由拒绝" },
	{ "unsuitable", "不相适应" },
};

static const char *outcome_name(const char *code)
{
	for (size_t i = 0; code && i < DIB_ARRAY_LEN(outcomes); i++)
		if (!strcmp(code, outcomes[i].code))
			return outcomes[i].name;
	return NULL;
}

/* The kinds of a COV_K mask as an array of codes. */
static json_t *kinds_json(unsigned mask)
{
	json_t *arr = json_array();
	for (int k = 0; k < COV_KIND_COUNT; k++)
		if (mask & COV_K(k))
			http__push(&arr, json_string(cov_kind_code((enum cov_kind)k)));
	return arr;
}

/* ---- the household's entitlements and changes ---- */

static json_t *entitlement_json(struct http_req *r, const store_entitlement *e,
				const struct store_program *p, size_t np)
{
	return json_pack("{s:I,s:s,s:s?,s:o,s:s?,s:s?,s:I,s:i,s:s?,s:s?,s:s?}", "id",
			 (json_int_t)e->id, "program", e->program, "program_name",
			 http__program_name(p, np, e->program), "case_id", http__id_or_null(e->case_id),
			 "from_month", month_text(r, e->from_month), "to_month",
			 month_text(r, e->to_month), "amount_fen", (json_int_t)e->amount_fen,
			 "persons", e->persons, "decision_no", e->decision_no, "created_at",
			 e->created_at, "created_by", e->created_by);
}

static json_t *change_json(struct http_req *r, const store_change *c,
			   const struct store_program *p, size_t np)
{
	/* "o" takes every reference, on failure too */
	return json_pack("{s:I,s:s,s:s?,s:s,s:s?,s:s,s:s?,s:s?,s:s,s:s?,s:s?,s:o,s:I,s:I,s:o,"
			 "s:s?,s:o,s:o,s:s?,s:s?,s:s?,s:s?}",
			 "id", (json_int_t)c->id, "program", c->program, "program_name",
			 http__program_name(p, np, c->program), "kind", c->kind, "kind_name",
			 kind_name(c->kind), "reason", c->reason, "reason_name",
			 reason_name(c->reason), "decision_no", c->decision_no, "decided_on",
			 c->decided_on, "effective_month", month_text(r, c->effective_month),
			 "event_date", date_or_null(c->event_date), "person_id",
			 http__id_or_null(c->person_id), "old_amount_fen", (json_int_t)c->old_amount_fen,
			 "new_amount_fen", (json_int_t)c->new_amount_fen, "phaseout_months",
			 c->phaseout_months >= 0 ? json_integer(c->phaseout_months) : json_null(),
			 "stop_month", month_text(r, c->stop_month), "stopped_by",
			 http__id_or_null(c->stopped_change_id), "document_id", http__id_or_null(c->document_id),
			 "doc_no", c->doc_no, "note", c->note, "created_at", c->created_at,
			 "created_by", c->created_by);
}

enum MHD_Result http__h_household_coverage(struct http_req *r)
{
	int64_t id;
	if (!http__path_id(r, 0, &id))
		return http__no_such(r, "户");
	struct http_call c;
	http__call_init(r, &c);
	store_entitlement *ents = NULL;
	store_change *chs = NULL;
	size_t ne = 0, nc = 0, np = 0;
	http__call_begin(r, &c);
	if (coverage_history(c.s, &c.who, id, &r->arena, &ents, &ne, &chs, &nc, &c.err))
		return http__call_fail(r, &c);
	const struct store_program *p = http__programs(r, c.s, &np);
	http__call_end(r, &c);
	json_t *ea = json_array(), *ca = json_array();
	for (size_t i = 0; i < ne; i++)
		http__push(&ea, entitlement_json(r, &ents[i], p, np));
	for (size_t i = 0; i < nc; i++)
		http__push(&ca, change_json(r, &chs[i], p, np));
	if (!ea || !ca) {
		json_decref(ea);
		json_decref(ca);
		return MHD_NO;
	}
	return http__send_owned(r, MHD_HTTP_OK,
				json_pack("{s:I,s:o,s:o}", "household_id", (json_int_t)id,
					  "entitlements", ea, "changes", ca));
}

/* ---- a change ---- */

enum {
	C_PROGRAM, C_KIND, C_REASON, C_DECISION, C_EFFECTIVE, C_EVENT, C_PERSON, C_AMOUNT,
	C_MONTHS, C_NOTE, C_COUNT
};

/* The body into *q (household_id set by the caller): what the body's
 * shape decides; every rule is svc's. */
static dib_code change_of(json_t *const *v, struct coverage_change_req *q, dib_err *err)
{
	q->program = http__json_str(v[C_PROGRAM]);
	q->kind = http__json_str(v[C_KIND]);
	q->reason = http__json_str(v[C_REASON]);
	q->decision_no = http__json_str(v[C_DECISION]);
	q->effective = http__json_str(v[C_EFFECTIVE]);
	q->event_date = http__json_str(v[C_EVENT]);
	q->note = http__json_str(v[C_NOTE]);
	if (json_is_integer(v[C_PERSON])) {
		json_int_t n = json_integer_value(v[C_PERSON]);
		if (n < 1)
			return dib_err_set(err, DIB_EINVAL, "字段 \"person_id\" 应为正整数");
		q->person_id = (int64_t)n;
	}
	if (json_is_integer(v[C_AMOUNT])) {
		q->has_amount = true;
		q->amount_fen = (int64_t)json_integer_value(v[C_AMOUNT]);
	}
	/* a phase-out's months are its decision: never a silent 0 (an
	 * immediate stop) */
	bool phaseout = !strcmp(q->kind, "phaseout");
	bool months = json_is_integer(v[C_MONTHS]);
	if (phaseout && !months)
		return dib_err_set(err, DIB_EINVAL, "渐退须填写渐退月数 (phaseout_months)");
	if (!phaseout && months)
		return dib_err_set(err, DIB_EINVAL, "只有渐退需要填写渐退月数 (phaseout_months)");
	return months ? http__int_of(v[C_MONTHS], "phaseout_months", &q->phaseout_months, err)
		      : DIB_OK;
}

static json_t *change_result_json(struct http_req *r, const struct coverage_change_req *q,
				  const struct coverage_change_result *o, const char *pname)
{
	return json_pack("{s:I,s:I,s:s,s:s?,s:s,s:s?,s:s,s:s?,s:s,s:I,s:I,s:o,s:s?,s:o,s:s?}",
			 "change_id", (json_int_t)o->change_id, "household_id",
			 (json_int_t)q->household_id, "program", q->program, "program_name", pname,
			 "kind", q->kind, "kind_name", kind_name(q->kind), "reason", q->reason,
			 "reason_name", reason_name(q->reason), "effective_month",
			 month_str(r, o->effective), "old_amount_fen", (json_int_t)o->old_amount_fen,
			 "new_amount_fen", (json_int_t)o->new_amount_fen, "entitlement_id",
			 http__id_or_null(o->entitlement_id), "stop_month",
			 o->has_stop ? month_str(r, o->stop) : NULL, "document_id",
			 http__id_or_null(o->document_id), "doc_no", o->doc_no);
}

enum MHD_Result http__h_coverage_change(struct http_req *r)
{
	static const struct http_field f[C_COUNT] = {
		[C_PROGRAM] = { "program", HTTP_F_STRING, HTTP_F_REQUIRED },
		[C_KIND] = { "kind", HTTP_F_STRING, HTTP_F_REQUIRED },
		[C_REASON] = { "reason", HTTP_F_STRING, HTTP_F_REQUIRED },
		[C_DECISION] = { "decision_no", HTTP_F_STRING, HTTP_F_NULLABLE },
		[C_EFFECTIVE] = { "effective", HTTP_F_STRING, HTTP_F_NULLABLE },
		[C_EVENT] = { "event_date", HTTP_F_STRING, HTTP_F_NULLABLE },
		[C_PERSON] = { "person_id", HTTP_F_INT, HTTP_F_NULLABLE },
		[C_AMOUNT] = { "amount_fen", HTTP_F_INT, HTTP_F_NULLABLE },
		[C_MONTHS] = { "phaseout_months", HTTP_F_INT, HTTP_F_NULLABLE },
		[C_NOTE] = { "note", HTTP_F_STRING, HTTP_F_NULLABLE },
	};
	struct coverage_change_req q;
	memset(&q, 0, sizeof q);
	if (!http__path_id(r, 0, &q.household_id))
		return http__no_such(r, "户");
	json_t *v[C_COUNT];
	struct http_call c;
	http__call_init(r, &c);
	if (http__call_read(r, &c, f, C_COUNT, v) || change_of(v, &q, &c.err))
		return http__call_fail(r, &c);
	struct coverage_change_result out;
	size_t np = 0;
	http__call_begin(r, &c);
	if (coverage_change(c.s, &c.who, c.who.username, &q, http__today(), &r->arena, &out,
			    &c.err))
		return http__call_fail(r, &c);
	const struct store_program *p = http__programs(r, c.s, &np);
	http__call_put(r, &c);
	/* the body's strings are borrowed from c.doc until the answer is built */
	json_t *j = change_result_json(r, &q, &out, http__program_name(p, np, q.program));
	http__call_end(r, &c);
	return http__send_owned(r, MHD_HTTP_CREATED, j);
}

/* ---- the reasons ---- */

static const char *retro_code(enum cov_retro_from f)
{
	switch (f) {
	case COV_RETRO_NONE:
		return NULL;
	case COV_RETRO_EVENT_MONTH:
		return "event_month";
	case COV_RETRO_MONTH_AFTER_EVENT:
		return "month_after_event";
	}
	return NULL;
}

static json_t *reason_json(const struct cov_reason_row *x)
{
	unsigned fl = x->flags;
	return json_pack("{s:s,s:s,s:o,s:o,s:s?,s:o,s:b,s:b,s:b,s:s?,s:b,s:b,s:b,s:b,s:s}",
			 "code", x->code, "name", x->name, "kinds", kinds_json(x->kinds),
			 "retro_kinds", kinds_json(x->retro_kinds), "retro_from",
			 retro_code(x->retro_from), "notice_kinds", kinds_json(x->notice_kinds),
			 "needs_decision_no", (fl & COV_RF_DECISION_NO) != 0, "member",
			 (fl & COV_RF_MEMBER) != 0, "needs_event", (fl & COV_RF_EVENT) != 0,
			 "event_name", x->event_name, "follows_event",
			 (fl & COV_RF_FOLLOWS_EVENT) != 0, "automatic", (fl & COV_RF_AUTOMATIC) != 0,
			 "recover", (fl & COV_RF_RECOVER) != 0, "analogy",
			 (fl & COV_RF_ANALOGY) != 0, "article", x->article);
}

enum MHD_Result http__h_coverage_reasons(struct http_req *r)
{
	size_t n = 0;
	const struct cov_reason_row *rows = cov_reasons(&n);
	json_t *kinds = json_array(), *items = json_array();
	for (int k = 0; k < COV_KIND_COUNT; k++)
		http__push(&kinds, json_pack("{s:s,s:s,s:s}", "code",
					     cov_kind_code((enum cov_kind)k), "name",
					     cov_kind_name((enum cov_kind)k), "notice_title",
					     cov_notice_title((enum cov_kind)k)));
	for (size_t i = 0; i < n; i++)
		http__push(&items, reason_json(&rows[i]));
	if (!kinds || !items) {
		json_decref(kinds);
		json_decref(items);
		return MHD_NO;
	}
	return http__send_owned(r, MHD_HTTP_OK,
				json_pack("{s:o,s:o}", "kinds", kinds, "items", items));
}

/* ---- a death and the reviews it opens ---- */

static json_t *review_json(const struct coverage_review_row *x)
{
	const store_review *v = &x->r;
	bool death = v->kind && !strcmp(v->kind, "death");
	return json_pack("{s:I,s:I,s:s?,s:I,s:s?,s:s,s:s?,s:s,s:s,s:s,s:s?,s:b,s:s?,s:s?,s:s?}",
			 "id", (json_int_t)v->id, "household_id", (json_int_t)v->household_id,
			 "hh_no", v->hh_no, "person_id", (json_int_t)v->person_id, "person_name",
			 v->person_name, "kind", v->kind, "kind_name", death ? "成员死亡核查" : NULL,
			 "event_date", v->event_date, "due_on", v->due_on, "opened_on",
			 v->opened_on, "closed_on", date_or_null(v->closed_on), "overdue",
			 x->overdue, "outcome", v->outcome, "created_by", v->created_by,
			 "closed_by", v->closed_by);
}

/* Sends review id as the list shows it (after a write on c's connection,
 * given back here), with status. */
static enum MHD_Result send_review(struct http_req *r, struct http_call *c, unsigned status,
				   int64_t id)
{
	struct coverage_review_row *v = NULL;
	size_t n = 0;
	dib_err_clear(&c->err);
	if (coverage_reviews(c->s, &c->who, false, http__today(), &r->arena, &v, &n, &c->err))
		return http__call_fail(r, c);
	http__call_end(r, c);
	for (size_t i = 0; i < n; i++)
		if (v[i].r.id == id)
			return http__send_owned(r, status, review_json(&v[i]));
	/* written, but not readable by the writer: say so rather than guess */
	return http__send_owned(r, status, json_pack("{s:I}", "id", (json_int_t)id));
}

enum MHD_Result http__h_person_death(struct http_req *r)
{
	static const struct http_field f[] = {
		{ "date", HTTP_F_STRING, HTTP_F_REQUIRED },
	};
	int64_t pid;
	if (!http__path_id(r, 0, &pid))
		return http__no_such(r, "人员");
	json_t *v[DIB_ARRAY_LEN(f)];
	struct http_call c;
	http__call_init(r, &c);
	if (http__call_read(r, &c, f, DIB_ARRAY_LEN(f), v))
		return http__call_fail(r, &c);
	int64_t id = 0;
	http__call_begin(r, &c);
	if (coverage_death(c.s, &c.who, c.who.username, pid, http__json_str(v[0]), http__today(),
			   &id, &c.err))
		return http__call_fail(r, &c);
	return send_review(r, &c, MHD_HTTP_CREATED, id);
}

enum MHD_Result http__h_coverage_reviews(struct http_req *r)
{
	const char *all = http__arg(r, "all");
	if (all && strcmp(all, "true") && strcmp(all, "false")) {
		char q[DIB_QUOTE_MAX];
		return http__send_code(r, DIB_EINVAL,
				       dib_arena_printf(&r->arena, "参数 all \"%s\" 应为 true 或 false",
							dib_err_quote(all, strlen(all), q, sizeof q)));
	}
	bool open_only = !all || !strcmp(all, "false");
	struct http_call c;
	http__call_init(r, &c);
	struct coverage_review_row *v = NULL;
	size_t n = 0;
	http__call_begin(r, &c);
	dib_code rc = coverage_reviews(c.s, &c.who, open_only, http__today(), &r->arena, &v, &n,
				       &c.err);
	http__call_end(r, &c);
	if (rc)
		return http__send_error(r, &c.err);
	json_t *arr = json_array();
	size_t overdue = 0;
	for (size_t i = 0; i < n; i++) {
		http__push(&arr, review_json(&v[i]));
		overdue += v[i].overdue;
	}
	if (!arr)
		return MHD_NO;
	/* not paged: a county's open reviews are a few dozen at most */
	return http__send_owned(r, MHD_HTTP_OK,
				json_pack("{s:o,s:n,s:I,s:I}", "items", arr, "next_cursor", "total",
					  (json_int_t)n, "overdue", (json_int_t)overdue));
}

enum MHD_Result http__h_coverage_review_close(struct http_req *r)
{
	static const struct http_field f[] = {
		{ "outcome", HTTP_F_STRING, HTTP_F_REQUIRED },
	};
	int64_t id;
	if (!http__path_id(r, 0, &id))
		return http__no_such(r, "核查");
	json_t *v[DIB_ARRAY_LEN(f)];
	struct http_call c;
	http__call_init(r, &c);
	if (http__call_read(r, &c, f, DIB_ARRAY_LEN(f), v))
		return http__call_fail(r, &c);
	http__call_begin(r, &c);
	if (coverage_review_close(c.s, &c.who, c.who.username, id, http__json_str(v[0]),
				  http__today(), &c.err))
		return http__call_fail(r, &c);
	return send_review(r, &c, MHD_HTTP_OK, id);
}

/* ---- job offers ---- */

enum MHD_Result http__h_person_work_offer(struct http_req *r)
{
	static const struct http_field f[] = {
		{ "date", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "outcome", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "description", HTTP_F_STRING, HTTP_F_NULLABLE },
	};
	int64_t pid;
	if (!http__path_id(r, 0, &pid))
		return http__no_such(r, "人员");
	json_t *v[DIB_ARRAY_LEN(f)];
	struct http_call c;
	http__call_init(r, &c);
	if (http__call_read(r, &c, f, DIB_ARRAY_LEN(f), v))
		return http__call_fail(r, &c);
	struct cov_refusal lost;
	memset(&lost, 0, sizeof lost);
	http__call_begin(r, &c);
	if (coverage_offer(c.s, &c.who, c.who.username, pid, http__json_str(v[0]),
			   http__json_str(v[1]), http__json_str(v[2]), http__today(), &lost, &c.err))
		return http__call_fail(r, &c);
	http__call_put(r, &c);
	/* the body's strings are borrowed from c.doc until the answer is built */
	json_t *j = json_pack("{s:I,s:s,s:s,s:s?,s:i,s:b,s:s?}", "person_id", (json_int_t)pid,
			      "offered_on", http__json_str(v[0]), "outcome", http__json_str(v[1]),
			      "outcome_name", outcome_name(http__json_str(v[1])), "run", lost.run,
			      "lost", lost.lost, "lost_from",
			      lost.lost ? month_str(r, lost.from) : NULL);
	http__call_end(r, &c);
	return http__send_owned(r, MHD_HTTP_CREATED, j);
}

/* ---- the assessment before an application ---- */

enum MHD_Result http__h_household_assessment(struct http_req *r)
{
	int64_t id;
	if (!http__path_id(r, 0, &id))
		return http__no_such(r, "户");
	struct http_call c;
	http__call_init(r, &c);
	struct assessment a;
	http__call_begin(r, &c);
	dib_code rc = case_preview(c.s, &c.who, id, http__arg(r, "program"), http__today(),
				   &r->arena, &a, &c.err);
	http__call_end(r, &c);
	if (rc)
		return http__send_error(r, &c.err);
	return http__send_owned(r, MHD_HTTP_OK, assessment_json(&a));
}
