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
#include "util/time.h"
#include "http/http_int.h"
#include "svc/payroll.h"
#include "svc/session.h"

/* Ends a database call begun at t0 on s: gives s back, counts the time. */
static void done(struct http_req *r, struct store *s, uint64_t t0)
{
	http__pool_put(&r->app->pool, s);
	http__metrics_db(&r->app->metrics, dib_time_mono_ns() - t0);
}

static const char *arg(struct http_req *r, const char *name)
{
	const char *v = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
	return v && *v ? v : NULL;
}

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
			 "s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:I}",
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
			 (json_int_t)x->version);
}

static json_t *section_json(const store_payroll_section *x)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:o,s:s?,s:s?,s:s?}", "township", x->township,
			 "township_name", x->township_name, "state", x->state, "state_name",
			 payroll_section_state_name(x->state), "declared", http__payroll_totals_json(&x->declared),
			 "submitted_at", x->submitted_at, "submitted_by", x->submitted_by, "reason",
			 x->reason);
}

static const char *action_name(const char *a)
{
	static const struct {
		const char *code, *name;
	} t[] = {
		{ "build", "造册" },         { "submit", "乡镇报送" }, { "rebuild", "重新造册" },
		{ "send_back", "退回乡镇" }, { "approve", "县局审批" }, { "cancel", "作废" },
		{ "export", "导出代发文件" }, { "return", "登记回盘" }, { "reissue", "重发" },
		{ "reconcile", "对账" },
	};
	for (size_t i = 0; a && i < DIB_ARRAY_LEN(t); i++)
		if (!strcmp(a, t[i].code))
			return t[i].name;
	return a;
}

static json_t *event_json(const store_payroll_event *e)
{
	return json_pack("{s:I,s:s,s:s?,s:s?,s:s,s:s,s:s?,s:o}", "id", (json_int_t)e->id,
			 "action", e->action, "action_name", action_name(e->action), "township",
			 e->township, "actor", e->actor, "at", e->at, "reason", e->reason, "totals",
			 e->has_totals ? http__payroll_totals_json(&e->totals) : json_null());
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
	struct authz_subject who = authz_subject_of(r->session);
	store_payroll_run *v = NULL;
	size_t n = 0, np = 0;
	dib_err err;
	dib_err_clear(&err);
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = payroll_list(s, &who, arg(r, "county"), arg(r, "program"), &r->arena, &v, &n,
				   &err);
	const struct store_program *p = rc ? NULL : http__programs(r, s, &np);
	done(r, s, t0);
	if (rc)
		return http__send_error(r, &err);
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		http__push(&items, run_json(r, &v[i], p, np));
	if (!items)
		return MHD_NO;
	return http__send_owned(r, MHD_HTTP_OK, json_pack("{s:o}", "items", items));
}

/* GET /api/v1/payroll/runs/{id} on connection s (given back here). */
enum MHD_Result http__payroll_view(struct http_req *r, struct store *s, uint64_t t0,
				   unsigned status, int64_t id, json_t *extra)
{
	struct authz_subject who = authz_subject_of(r->session);
	struct payroll_view v;
	size_t np = 0;
	dib_err err;
	dib_err_clear(&err);
	dib_code rc = payroll_get(s, &who, id, &r->arena, &v, &err);
	const struct store_program *p = rc ? NULL : http__programs(r, s, &np);
	done(r, s, t0);
	if (rc) {
		json_decref(extra);
		return http__send_error(r, &err);
	}
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
	    json_object_set_new(j, "totals_ok", json_boolean(v.totals_ok))) {
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
	json_t *doc = NULL, *v[DIB_ARRAY_LEN(f)];
	dib_err err;
	dib_err_clear(&err);
	if (http__read_object(r, f, DIB_ARRAY_LEN(f), &doc, v, &err))
		return http__send_error(r, &err);
	struct authz_subject who = authz_subject_of(r->session);
	struct payroll_build_req q = { .program = http__json_str(v[0]),
				       .period = http__json_str(v[1]),
				       .county = http__json_str(v[2]) };
	struct payroll_build_result res;
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = payroll_build(s, &who, who.username, &q, http__today(), &r->arena, &res, &err);
	json_decref(doc);
	if (rc) {
		done(r, s, t0);
		return http__send_error(r, &err);
	}
	return http__payroll_view(r, s, t0, res.created ? MHD_HTTP_CREATED : MHD_HTTP_OK, res.run_id, NULL);
}

enum MHD_Result http__h_payroll_run(struct http_req *r)
{
	int64_t id;
	if (!http__path_id(r, 0, &id))
		return http__no_such(r, "发放批次");
	uint64_t t0 = dib_time_mono_ns();
	return http__payroll_view(r, http__pool_get(&r->app->pool), t0, MHD_HTTP_OK, id, NULL);
}

enum MHD_Result http__h_payroll_lines(struct http_req *r)
{
	int64_t id;
	if (!http__path_id(r, 0, &id))
		return http__no_such(r, "发放批次");
	store_payroll_line_filter f = { .township = arg(r, "township"), .village = arg(r, "village"),
					.status = arg(r, "status"), .q = arg(r, "q") };
	dib_err err;
	dib_err_clear(&err);
	if (!num_arg(arg(r, "limit"), 1, 1000, 100, &f.limit) ||
	    !num_arg(arg(r, "offset"), 0, INT32_MAX, 0, &f.offset)) {
		dib_err_set(&err, DIB_EINVAL, "limit 应为 1–1000，offset 应为非负整数");
		return http__send_error(r, &err);
	}
	struct authz_subject who = authz_subject_of(r->session);
	store_payroll_line *v = NULL;
	size_t n = 0;
	int64_t total = 0;
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = payroll_lines(s, &who, id, &f, &r->arena, &v, &n, &total, &err);
	done(r, s, t0);
	if (rc)
		return http__send_error(r, &err);
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
	struct authz_subject who = authz_subject_of(r->session);
	struct payroll_program_info v[PAY_PROGRAMS];
	size_t np = 0;
	dib_err err;
	dib_err_clear(&err);
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = payroll_programs(s, &who, arg(r, "county"), http__today(), v, &err);
	const struct store_program *p = rc ? NULL : http__programs(r, s, &np);
	done(r, s, t0);
	if (rc)
		return http__send_error(r, &err);
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
	json_t *doc = NULL, *v[DIB_ARRAY_LEN(f)];
	dib_err err;
	dib_err_clear(&err);
	if (http__read_object(r, f, DIB_ARRAY_LEN(f), &doc, v, &err))
		return http__send_error(r, &err);
	const char *town = http__json_str(v[0]), *why = http__json_str(v[1]);
	bool needs_town = k == S_SUBMIT || k == S_REBUILD || k == S_SEND_BACK;
	if (needs_town && !town) {
		json_decref(doc);
		dib_err_set(&err, DIB_EINVAL, "缺少字段 \"township\"（乡镇代码）");
		return http__send_error(r, &err);
	}
	struct authz_subject who = authz_subject_of(r->session);
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc;
	switch (k) {
	case S_SUBMIT:
		rc = payroll_submit(s, &who, who.username, id, town, &err);
		break;
	case S_REBUILD:
		rc = payroll_rebuild(s, &who, who.username, id, town, http__today(), &r->arena, &err);
		break;
	case S_SEND_BACK:
		rc = payroll_send_back(s, &who, who.username, id, town, why, &err);
		break;
	case S_APPROVE:
		rc = payroll_approve(s, &who, who.username, id, &err);
		break;
	default:
		rc = payroll_cancel(s, &who, who.username, id, why, &err);
	}
	json_decref(doc);
	if (rc) {
		done(r, s, t0);
		return http__send_error(r, &err);
	}
	return http__payroll_view(r, s, t0, MHD_HTTP_OK, id, NULL);
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
