/*
 * h_payroll.c — payroll runs over the API (docs/api.md, "Payroll (资金发放)"):
 * the list GET /api/v1/payroll/runs, building one POST /api/v1/payroll/runs,
 * a run with its sections, timeline and control check GET
 * /api/v1/payroll/runs/{id}, its lines GET /api/v1/payroll/runs/{id}/lines,
 * and its steps POST /api/v1/payroll/runs/{id}/{submit|rebuild|send-back|
 * approve|cancel}; the programs paid by roster with the county's rhythm and
 * the current period GET /api/v1/payroll/programs. Every rule and right is
 * svc/payroll.h's; this file translates. Money in integer fen.
 * Thread-safety: each request uses its own pooled connection.
 */
#include "util/dib.h"
#include "http/http_int.h"
#include "svc/payroll.h"
#include "svc/session.h"

/* A query number: absent → dflt; digits only, within [lo, hi]. */
static bool num_arg(const char *s, int64_t lo, int64_t hi, int64_t dflt, int64_t *out)
{
	if (!s) {
		*out = dflt;
		return true;
	}
	int64_t v = 0;
	for (const char *c = s; *c; c++) {
		if (*c < '0' || *c > '9' || v > hi)
			return false;
		v = v * 10 + (*c - '0');
	}
	*out = v;
	return *s && v >= lo && v <= hi;
}

json_t *http__payroll_totals_json(const store_payroll_totals *t)
{
	return json_pack("{s:I,s:I,s:I,s:I}", "households", (json_int_t)t->households, "persons",
			 (json_int_t)t->persons, "total_fen", (json_int_t)t->total_fen, "lines",
			 (json_int_t)t->lines);
}

/* Stored JSON text as JSON (null when absent or unreadable). */
static json_t *parsed(const char *text)
{
	json_t *j = text ? json_loads(text, 0, NULL) : NULL;
	return j ? j : json_null();
}

static json_t *run_json(struct http_req *r, const store_payroll_run *x,
			const struct store_program *p, size_t np)
{
	char name[PAY_PERIOD_NAME] = "";
	dib_month m;
	if (!month_parse(x->first_month, 7, &m, NULL))
		pay_period_name((struct pay_period){ m, x->months }, name);
	(void)r;
	return json_pack("{s:I,s:s,s:s,s:s?,s:s,s:s,s:s,s:s%,s:i,s:s,s:s,s:s,s:o,s:o,s:s,s:s,"
			 "s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:I,s:s?,s:s?}",
			 "id", (json_int_t)x->id, "run_no", x->run_no, "program", x->program,
			 "program_name", http__program_name(p, np, x->program), "kind", x->kind,
			 "period", x->period, "period_name", name, "first_month", x->first_month,
			 (size_t)7, "months", x->months, "due_on", x->due_on, "state", x->state,
			 "state_name", payroll_state_name(x->state), "declared",
			 http__payroll_totals_json(&x->declared), "basis", parsed(x->basis), "built_at",
			 x->built_at, "built_by", x->built_by, "approved_at", x->approved_at,
			 "approved_by", x->approved_by, "exported_at", x->exported_at,
			 "exported_by", x->exported_by, "file_name", x->file_name, "file_sha256",
			 x->file_sha256, "closed_reason", x->closed_reason, "version",
			 (json_int_t)x->version, "file_date", x->file_date[0] ? x->file_date : NULL,
			 "payer_account", x->payer_account);
}

static json_t *section_json(const store_payroll_section *x)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:o,s:s?,s:s?,s:s?}", "township", x->township,
			 "township_name", x->township_name, "state", x->state, "state_name",
			 payroll_section_state_name(x->state), "declared", http__payroll_totals_json(&x->declared),
			 "submitted_at", x->submitted_at, "submitted_by", x->submitted_by, "reason",
			 x->reason);
}

/* A part of a return's outcome: {"lines","total_fen"}, as the reconciliation. */
static json_t *outcome_part(bool has, int64_t n, int64_t fen)
{
	return has ? json_pack("{s:I,s:I}", "lines", (json_int_t)n, "total_fen", (json_int_t)fen)
		   : json_null();
}

static json_t *event_json(const store_payroll_event *e)
{
	const store_payroll_outcome *o = &e->outcome;
	return json_pack("{s:I,s:s,s:s?,s:s?,s:s,s:s,s:s?,s:o,s:o,s:o}", "id", (json_int_t)e->id,
			 "action", e->action, "action_name", payroll_action_name(e->action), "township",
			 e->township, "actor", e->actor, "at", e->at, "reason", e->reason, "totals",
			 e->has_totals ? http__payroll_totals_json(&e->totals) : json_null(),
			 "paid", outcome_part(e->has_outcome, o->paid, o->paid_fen), "failed",
			 outcome_part(e->has_outcome, o->failed, o->failed_fen));
}

json_t *http__payroll_line_json(const store_payroll_line *l)
{
	return json_pack("{s:I,s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s?,s:s?,s:s?,s:i,s:I,s:I,s:I,"
			 "s:I,s:s,s:s?,s:o,s:s,s:s}",
			 "id", (json_int_t)l->id, "household_id", (json_int_t)l->household_id,
			 "person_id", (json_int_t)l->person_id, "hh_no", l->hh_no, "township",
			 l->township, "village", l->village, "village_name", l->village_name,
			 "payee_name", l->payee_name, "payee_id_number", l->payee_id_number,
			 "bank_name", l->bank_name, "bank_account", l->bank_account, "account_name",
			 l->account_name, "persons", l->persons, "base_fen", (json_int_t)l->base_fen,
			 "addon_fen", (json_int_t)l->addon_fen, "deduction_fen",
			 (json_int_t)l->deduction_fen, "total_fen", (json_int_t)l->total_fen,
			 "status", l->status, "bank_reason", l->bank_reason, "detail",
			 parsed(l->detail), "kind", l->kind, "period", l->period);
}

/* ---- the list and building ---- */

enum MHD_Result http__h_payroll_runs(struct http_req *r)
{
	struct http_call c;
	http__call_init(r, &c);
	store_payroll_run *v = NULL;
	size_t n = 0, np = 0;
	http__call_begin(r, &c);
	if (payroll_list(c.s, &c.who, http__arg(r, "county"), http__arg(r, "program"), &r->arena,
			 &v, &n, &c.err))
		return http__call_fail(r, &c);
	const struct store_program *p = http__programs(r, c.s, &np);
	http__call_end(r, &c);
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		http__push(&items, run_json(r, &v[i], p, np));
	if (!items)
		return MHD_NO;
	return http__send_owned(r, MHD_HTTP_OK, json_pack("{s:o}", "items", items));
}

/* GET /api/v1/payroll/runs/{id} on c's connection (given back here). */
enum MHD_Result http__payroll_view(struct http_req *r, struct http_call *c, unsigned status,
				   int64_t id, json_t *extra)
{
	struct payroll_view v;
	size_t np = 0;
	dib_err_clear(&c->err);
	if (payroll_get(c->s, &c->who, id, &r->arena, &v, &c->err)) {
		json_decref(extra);
		return http__call_fail(r, c);
	}
	const struct store_program *p = http__programs(r, c->s, &np);
	http__call_end(r, c);
	json_t *j = run_json(r, &v.run, p, np), *secs = json_array(), *evs = json_array();
	if (j && extra)
		json_object_update(j, extra);
	json_decref(extra);
	for (size_t i = 0; i < v.nsections; i++)
		http__push(&secs, section_json(&v.sections[i]));
	for (size_t i = 0; i < v.nevents; i++)
		http__push(&evs, event_json(&v.events[i]));
	if (!j || !secs || !evs || json_object_set_new(j, "sections", secs) ||
	    json_object_set_new(j, "events", evs) ||
	    json_object_set_new(j, "actual", http__payroll_totals_json(&v.actual)) ||
	    json_object_set_new(j, "totals_ok", json_boolean(v.totals_ok)) ||
	    json_object_set_new(j, "template_name", v.template_name ? json_string(v.template_name)
								    : json_null()) ||
	    json_object_set_new(j, "template_bank", v.template_bank ? json_string(v.template_bank)
								    : json_null())) {
		json_decref(j);
		return MHD_NO;
	}
	return http__send_owned(r, status, j);
}

enum MHD_Result http__h_payroll_build(struct http_req *r)
{
	static const struct http_field f[] = {
		{ "program", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "period", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "county", HTTP_F_STRING, HTTP_F_NULLABLE },
	};
	json_t *v[DIB_ARRAY_LEN(f)];
	struct http_call c;
	http__call_init(r, &c);
	if (http__call_read(r, &c, f, DIB_ARRAY_LEN(f), v))
		return http__call_fail(r, &c);
	struct payroll_build_req q = { .program = http__json_str(v[0]),
				       .period = http__json_str(v[1]),
				       .county = http__json_str(v[2]) };
	struct payroll_build_result res;
	http__call_begin(r, &c);
	if (payroll_build(c.s, &c.who, c.who.username, &q, http__today(), &r->arena, &res, &c.err))
		return http__call_fail(r, &c);
	return http__payroll_view(r, &c, res.created ? MHD_HTTP_CREATED : MHD_HTTP_OK, res.run_id,
				  NULL);
}

enum MHD_Result http__h_payroll_run(struct http_req *r)
{
	int64_t id;
	if (!http__path_id(r, 0, &id))
		return http__no_such(r, "发放批次");
	struct http_call c;
	http__call_init(r, &c);
	http__call_begin(r, &c);
	return http__payroll_view(r, &c, MHD_HTTP_OK, id, NULL);
}

enum MHD_Result http__h_payroll_lines(struct http_req *r)
{
	int64_t id;
	if (!http__path_id(r, 0, &id))
		return http__no_such(r, "发放批次");
	store_payroll_line_filter f = { .township = http__arg(r, "township"), .village = http__arg(r, "village"),
					.status = http__arg(r, "status"), .q = http__arg(r, "q") };
	if (!num_arg(http__arg(r, "limit"), 1, 1000, 100, &f.limit) ||
	    !num_arg(http__arg(r, "offset"), 0, INT32_MAX, 0, &f.offset))
		return http__send_code(r, DIB_EINVAL, "limit 应为 1–1000，offset 应为非负整数");
	struct http_call c;
	http__call_init(r, &c);
	store_payroll_line *v = NULL;
	size_t n = 0;
	int64_t total = 0;
	http__call_begin(r, &c);
	dib_code rc = payroll_lines(c.s, &c.who, id, &f, &r->arena, &v, &n, &total, &c.err);
	http__call_end(r, &c);
	if (rc)
		return http__send_error(r, &c.err);
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		http__push(&items, http__payroll_line_json(&v[i]));
	if (!items)
		return MHD_NO;
	return http__send_owned(r, MHD_HTTP_OK,
				json_pack("{s:o,s:I,s:I,s:I}", "items", items, "total",
					  (json_int_t)total, "limit", (json_int_t)f.limit, "offset",
					  (json_int_t)f.offset));
}

/* ---- the programs and their periods ---- */

static json_t *period_json(struct pay_period p, dib_date due)
{
	char code[PAY_PERIOD_CODE], name[PAY_PERIOD_NAME], d[DIB_DATE_STR];
	return json_pack("{s:s,s:s,s:s}", "period", pay_period_code(p, code), "name",
			 pay_period_name(p, name), "due_on", date_format(due, d));
}

enum MHD_Result http__h_payroll_programs(struct http_req *r)
{
	struct http_call c;
	http__call_init(r, &c);
	struct payroll_program_info v[PAY_PROGRAMS];
	size_t np = 0;
	http__call_begin(r, &c);
	if (payroll_programs(c.s, &c.who, http__arg(r, "county"), http__today(), v, &c.err))
		return http__call_fail(r, &c);
	const struct store_program *p = http__programs(r, c.s, &np);
	http__call_end(r, &c);
	json_t *items = json_array();
	for (int i = 0; i < PAY_PROGRAMS; i++)
		http__push(&items, json_pack("{s:s,s:s?,s:s,s:s,s:o,s:o,s:b}", "program",
					     v[i].program, "program_name",
					     http__program_name(p, np, v[i].program), "rhythm",
					     pay_rhythm_code(v[i].rhythm), "rhythm_name",
					     pay_rhythm_name(v[i].rhythm), "current",
					     period_json(v[i].current, v[i].current_due), "next",
					     period_json(v[i].next, v[i].next_due), "buildable",
					     v[i].buildable));
	if (!items)
		return MHD_NO;
	return http__send_owned(r, MHD_HTTP_OK, json_pack("{s:o}", "items", items));
}

/* ---- the steps ---- */

enum step { S_SUBMIT, S_REBUILD, S_SEND_BACK, S_APPROVE, S_CANCEL };

static enum MHD_Result step(struct http_req *r, enum step k)
{
	static const struct http_field f[] = {
		{ "township", HTTP_F_STRING, HTTP_F_NULLABLE },
		{ "reason", HTTP_F_STRING, HTTP_F_NULLABLE },
	};
	int64_t id;
	if (!http__path_id(r, 0, &id))
		return http__no_such(r, "发放批次");
	json_t *v[DIB_ARRAY_LEN(f)];
	struct http_call c;
	http__call_init(r, &c);
	if (http__call_read(r, &c, f, DIB_ARRAY_LEN(f), v))
		return http__call_fail(r, &c);
	const char *town = http__json_str(v[0]), *why = http__json_str(v[1]);
	bool needs_town = k == S_SUBMIT || k == S_REBUILD || k == S_SEND_BACK;
	if (needs_town && !town) {
		dib_err_set(&c.err, DIB_EINVAL, "缺少字段 \"township\"（乡镇代码）");
		return http__call_fail(r, &c);
	}
	struct store *s = http__call_begin(r, &c);
	const char *me = c.who.username;
	dib_code rc;
	switch (k) {
	case S_SUBMIT:
		rc = payroll_submit(s, &c.who, me, id, town, &c.err);
		break;
	case S_REBUILD:
		rc = payroll_rebuild(s, &c.who, me, id, town, http__today(), &r->arena, &c.err);
		break;
	case S_SEND_BACK:
		rc = payroll_send_back(s, &c.who, me, id, town, why, &c.err);
		break;
	case S_APPROVE:
		rc = payroll_approve(s, &c.who, me, id, &c.err);
		break;
	default:
		rc = payroll_cancel(s, &c.who, me, id, why, &c.err);
	}
	if (rc)
		return http__call_fail(r, &c);
	return http__payroll_view(r, &c, MHD_HTTP_OK, id, NULL);
}

enum MHD_Result http__h_payroll_submit(struct http_req *r)
{
	return step(r, S_SUBMIT);
}

enum MHD_Result http__h_payroll_rebuild(struct http_req *r)
{
	return step(r, S_REBUILD);
}

enum MHD_Result http__h_payroll_send_back(struct http_req *r)
{
	return step(r, S_SEND_BACK);
}

enum MHD_Result http__h_payroll_approve(struct http_req *r)
{
	return step(r, S_APPROVE);
}

enum MHD_Result http__h_payroll_cancel(struct http_req *r)
{
	return step(r, S_CANCEL);
}
