/*
 * h_payroll_recover.c — overpayments (应追缴) over the API (docs/api.md,
 * "Payroll (资金发放)"): the list GET /api/v1/payroll/overpayments, one
 * recorded by hand POST /api/v1/payroll/overpayments, one with its
 * recoveries GET /api/v1/payroll/overpayments/{id}, a repayment with its
 * receipt POST …/{id}/repayments and a change of plan POST …/{id}/plan.
 * Every rule and right is svc/payroll.h's; this file translates. Money in
 * integer fen.
 * Thread-safety: each request uses its own pooled connection.
 */
#include "util/dib.h"
#include "util/time.h"
#include "http/http_int.h"
#include "svc/payroll.h"
#include "svc/session.h"

#include <string.h>

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

/* An optional id: null when 0. */
static json_t *id_or_null(int64_t id)
{
	return id ? json_integer((json_int_t)id) : json_null();
}

json_t *http__overpayment_json(const store_overpayment_row *x, const char *program_name)
{
	const store_overpayment *o = &x->o;
	bool open = !o->closed_on[0];
	return json_pack("{s:I,s:I,s:s,s:s,s:I,s:s?,s:s,s:s?,s:s,s:I,s:s,s:s,s:s,s:s,s:s?,s:o,s:s,"
			 "s:s,s:I,s:I,s:I,s:b,s:s?,s:s?}",
			 "id", (json_int_t)o->id, "household_id", (json_int_t)o->household_id,
			 "hh_no", x->hh_no, "village_code", x->village, "person_id", (json_int_t)o->person_id, "person_name",
			 x->person_name, "program", o->program, "program_name", program_name,
			 "period", o->period, "amount_fen", (json_int_t)o->amount_fen, "reason",
			 o->reason, "reason_name", payroll_overpayment_reason_name(o->reason), "plan",
			 o->plan, "plan_name", payroll_overpayment_plan_name(o->plan), "note", o->note,
			 "found_run_id", id_or_null(o->found_run_id),
			 "created_at", o->created_at, "created_by", o->created_by, "recovered_fen",
			 (json_int_t)x->recovered_fen, "recovering_fen", (json_int_t)x->pending_fen,
			 "outstanding_fen", (json_int_t)(open ? x->outstanding_fen : 0), "open", open,
			 "closed_on", open ? NULL : o->closed_on, "closed_reason", o->closed_reason);
}

static json_t *recovery_json(const store_recovery *r)
{
	return json_pack("{s:I,s:s,s:I,s:o,s:s?,s:s?,s:o,s:s?,s:s?,s:s?,s:b,s:s,s:s}", "id",
			 (json_int_t)r->id, "kind", r->kind, "amount_fen", (json_int_t)r->amount_fen,
			 "line_id", id_or_null(r->line_id), "line_status", r->line_status,
			 "run_no", r->run_no, "run_id", id_or_null(r->run_id), "period",
			 r->line_period, "receipt_no", r->receipt_no, "paid_on",
			 r->paid_on[0] ? r->paid_on : NULL, "counted", r->counted, "at", r->at,
			 "actor", r->actor);
}

/* Sends overpayment id as GET …/{id} answers it, with status; gives s back. */
static enum MHD_Result send_one(struct http_req *r, struct store *s, uint64_t t0, unsigned status,
				int64_t id)
{
	struct authz_subject who = authz_subject_of(r->session);
	struct payroll_overpayment_view v;
	dib_err err;
	dib_err_clear(&err);
	dib_code rc = payroll_overpayment_get(s, &who, id, &r->arena, &v, &err);
	done(r, s, t0);
	if (rc)
		return http__send_error(r, &err);
	json_t *j = http__overpayment_json(&v.row, v.program_name);
	json_t *rs = json_array();
	for (size_t i = 0; i < v.nrecoveries; i++)
		http__push(&rs, recovery_json(&v.recoveries[i]));
	if (!j || !rs || json_object_set_new(j, "recoveries", rs)) {
		json_decref(j);
		return MHD_NO;
	}
	return http__send_owned(r, status, j);
}

enum MHD_Result http__h_payroll_overpayments(struct http_req *r)
{
	struct payroll_overpayment_filter f = { .county = arg(r, "county") };
	const char *h = arg(r, "household"), *open = arg(r, "open");
	const char *lim = arg(r, "limit"), *off = arg(r, "offset");
	dib_err err;
	dib_err_clear(&err);
	if (h && !http__parse_id(h, &f.household_id))
		return http__send_code(r, DIB_EINVAL, "参数 household 须为家庭ID");
	if ((lim && (!http__parse_id(lim, &f.limit) || f.limit > 1000)) ||
	    (off && strcmp(off, "0") && !http__parse_id(off, &f.offset)))
		return http__send_code(r, DIB_EINVAL, "参数 limit 须在 1–1000 之间，offset 须为非负整数");
	f.open_only = open && (!strcmp(open, "1") || !strcmp(open, "true"));
	struct authz_subject who = authz_subject_of(r->session);
	store_overpayment_row *v = NULL;
	size_t n = 0, np = 0;
	int64_t total = 0;
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = payroll_overpayments(s, &who, &f, &r->arena, &v, &n, &total, &err);
	const struct store_program *p = rc ? NULL : http__programs(r, s, &np);
	done(r, s, t0);
	if (rc)
		return http__send_error(r, &err);
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		http__push(&items, http__overpayment_json(&v[i], http__program_name(p, np,
										  v[i].o.program)));
	if (!items)
		return MHD_NO;
	return http__send_owned(r, MHD_HTTP_OK,
				json_pack("{s:o,s:I}", "items", items, "total", (json_int_t)total));
}

enum MHD_Result http__h_payroll_overpayment(struct http_req *r)
{
	int64_t id;
	if (!http__path_id(r, 0, &id))
		return http__no_such(r, "应追缴记录");
	uint64_t t0 = dib_time_mono_ns();
	return send_one(r, http__pool_get(&r->app->pool), t0, MHD_HTTP_OK, id);
}

/* An integer member as int64 (type already checked); 0 when absent or null. */
static int64_t i64(const json_t *v)
{
	return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

enum MHD_Result http__h_payroll_overpayment_add(struct http_req *r)
{
	static const struct http_field f[] = {
		{ "household_id", HTTP_F_INT, HTTP_F_REQUIRED },
		{ "person_id", HTTP_F_INT, HTTP_F_NULLABLE },
		{ "program", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "period", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "amount_fen", HTTP_F_INT, HTTP_F_REQUIRED },
		{ "reason", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "plan", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "note", HTTP_F_STRING, HTTP_F_REQUIRED },
	};
	json_t *doc = NULL, *v[DIB_ARRAY_LEN(f)];
	dib_err err;
	dib_err_clear(&err);
	if (http__read_object(r, f, DIB_ARRAY_LEN(f), &doc, v, &err))
		return http__send_error(r, &err);
	struct payroll_overpayment_req q = {
		.household_id = i64(v[0]), .person_id = i64(v[1]), .program = http__json_str(v[2]),
		.period = http__json_str(v[3]), .amount_fen = i64(v[4]),
		.reason = http__json_str(v[5]), .plan = http__json_str(v[6]),
		.note = http__json_str(v[7]),
	};
	struct authz_subject who = authz_subject_of(r->session);
	int64_t id = 0;
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = payroll_overpayment_add(s, &who, who.username, &q, http__today(), &id, &err);
	json_decref(doc);
	if (rc) {
		done(r, s, t0);
		return http__send_error(r, &err);
	}
	return send_one(r, s, t0, MHD_HTTP_CREATED, id);
}

enum MHD_Result http__h_payroll_repayment(struct http_req *r)
{
	static const struct http_field f[] = {
		{ "amount_fen", HTTP_F_INT, HTTP_F_REQUIRED },
		{ "receipt_no", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "paid_on", HTTP_F_STRING, HTTP_F_NULLABLE },
	};
	int64_t id;
	if (!http__path_id(r, 0, &id))
		return http__no_such(r, "应追缴记录");
	json_t *doc = NULL, *v[DIB_ARRAY_LEN(f)];
	dib_err err;
	dib_err_clear(&err);
	if (http__read_object(r, f, DIB_ARRAY_LEN(f), &doc, v, &err))
		return http__send_error(r, &err);
	struct payroll_repay_req q = { .overpayment_id = id, .amount_fen = i64(v[0]),
				       .receipt_no = http__json_str(v[1]),
				       .paid_on = http__json_str(v[2]) };
	struct authz_subject who = authz_subject_of(r->session);
	struct payroll_repay_result res;
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = payroll_repay(s, &who, who.username, &q, http__today(), &r->arena, &res, &err);
	json_decref(doc);
	if (rc) {
		done(r, s, t0);
		return http__send_error(r, &err);
	}
	return send_one(r, s, t0, MHD_HTTP_CREATED, id);
}

enum MHD_Result http__h_payroll_overpayment_plan(struct http_req *r)
{
	static const struct http_field f[] = {
		{ "plan", HTTP_F_STRING, HTTP_F_REQUIRED },
	};
	int64_t id;
	if (!http__path_id(r, 0, &id))
		return http__no_such(r, "应追缴记录");
	json_t *doc = NULL, *v[DIB_ARRAY_LEN(f)];
	dib_err err;
	dib_err_clear(&err);
	if (http__read_object(r, f, DIB_ARRAY_LEN(f), &doc, v, &err))
		return http__send_error(r, &err);
	struct authz_subject who = authz_subject_of(r->session);
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = payroll_overpayment_plan(s, &who, who.username, id, http__json_str(v[0]),
					       &err);
	json_decref(doc);
	if (rc) {
		done(r, s, t0);
		return http__send_error(r, &err);
	}
	return send_one(r, s, t0, MHD_HTTP_OK, id);
}
