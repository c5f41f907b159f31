/*
 * h_payroll_recover.c — overpayments (应追缴) over the API (docs/api.md,
 * "Payroll (资金发放)"): the list GET /api/v1/payroll/overpayments, one
 * recorded by hand POST /api/v1/payroll/overpayments, one with its
 * recoveries GET /api/v1/payroll/overpayments/{id}, a repayment with its
 * receipt POST …/{id}/repayments, a change of plan POST …/{id}/plan and
 * a waiver (核销) POST …/{id}/waive.
 * Every rule and right is svc/payroll.h's; this file translates. Money in
 * integer fen.
 * Thread-safety: each request uses its own pooled connection.
 */
#include "util/dib.h"
#include "http/http_int.h"
#include "svc/payroll.h"
#include "svc/session.h"

#include <string.h>

json_t *http__overpayment_json(const store_overpayment_row *x, const char *program_name)
{
	const store_overpayment *o = &x->o;
	bool open = !o->closed_on[0];
	json_t *j = json_pack("{s:I,s:I,s:s,s:s,s:I,s:s?,s:s,s:s?,s:s,s:I,s:s,s:s,s:s,s:s,s:s?,s:o,s:s,"
			 "s:s,s:I,s:I,s:I,s:b,s:s?,s:s?}",
			 "id", (json_int_t)o->id, "household_id", (json_int_t)o->household_id,
			 "hh_no", x->hh_no, "village_code", x->village, "person_id", (json_int_t)o->person_id, "person_name",
			 x->person_name, "program", o->program, "program_name", program_name,
			 "period", o->period, "amount_fen", (json_int_t)o->amount_fen, "reason",
			 o->reason, "reason_name", payroll_overpayment_reason_name(o->reason), "plan",
			 o->plan, "plan_name", payroll_overpayment_plan_name(o->plan), "note", o->note,
			 "found_run_id", http__id_or_null(o->found_run_id),
			 "created_at", o->created_at, "created_by", o->created_by, "recovered_fen",
			 (json_int_t)x->recovered_fen, "recovering_fen", (json_int_t)x->pending_fen,
			 "outstanding_fen", (json_int_t)(open ? x->outstanding_fen : 0), "open", open,
			 "closed_on", open ? NULL : o->closed_on, "closed_reason", o->closed_reason);
	/* schema v15: what is no longer owed though nothing came back */
	if (j && json_object_update_new(j, json_pack("{s:I,s:I,s:I,s:s?,s:s?}", "cancelled_fen",
						     (json_int_t)x->cancelled_fen, "netted_fen",
						     (json_int_t)(x->cancelled_fen - x->waived_fen),
						     "waived_fen", (json_int_t)x->waived_fen,
						     "waiver_reason", x->waiver_reason, "waiver_doc",
						     x->waiver_doc))) {
		json_decref(j);
		j = NULL;
	}
	return j;
}

static json_t *recovery_json(const store_recovery *r)
{
	return json_pack("{s:I,s:s,s:I,s:o,s:s?,s:s?,s:o,s:s?,s:s?,s:s?,s:b,s:s,s:s}", "id",
			 (json_int_t)r->id, "kind", r->kind, "amount_fen", (json_int_t)r->amount_fen,
			 "line_id", http__id_or_null(r->line_id), "line_status", r->line_status,
			 "run_no", r->run_no, "run_id", http__id_or_null(r->run_id), "period",
			 r->line_period, "receipt_no", r->receipt_no, "paid_on",
			 r->paid_on[0] ? r->paid_on : NULL, "counted", r->counted, "at", r->at,
			 "actor", r->actor);
}

/* Sends overpayment id as GET …/{id} answers it, with status, on c's
 * connection (given back here). */
static enum MHD_Result send_one(struct http_req *r, struct http_call *c, unsigned status,
				int64_t id)
{
	struct payroll_overpayment_view v;
	dib_err_clear(&c->err);
	if (payroll_overpayment_get(c->s, &c->who, id, &r->arena, &v, &c->err))
		return http__call_fail(r, c);
	http__call_end(r, c);
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
	struct payroll_overpayment_filter f = { .county = http__arg(r, "county") };
	const char *h = http__arg(r, "household");
	const char *lim = http__arg(r, "limit"), *off = http__arg(r, "offset");
	if (h && !http__parse_id(h, &f.household_id))
		return http__send_code(r, DIB_EINVAL, "参数 household 须为家庭ID");
	if ((lim && (!http__parse_id(lim, &f.limit) || f.limit > 1000)) ||
	    (off && strcmp(off, "0") && !http__parse_id(off, &f.offset)))
		return http__send_code(r, DIB_EINVAL, "参数 limit 须在 1–1000 之间，offset 须为非负整数");
	f.open_only = http__arg_flag(r, "open");
	struct http_call c;
	http__call_init(r, &c);
	store_overpayment_row *v = NULL;
	size_t n = 0, np = 0;
	int64_t total = 0;
	http__call_begin(r, &c);
	if (payroll_overpayments(c.s, &c.who, &f, &r->arena, &v, &n, &total, &c.err))
		return http__call_fail(r, &c);
	const struct store_program *p = http__programs(r, c.s, &np);
	http__call_end(r, &c);
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
	struct http_call c;
	http__call_init(r, &c);
	http__call_begin(r, &c);
	return send_one(r, &c, MHD_HTTP_OK, id);
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
	json_t *v[DIB_ARRAY_LEN(f)];
	struct http_call c;
	http__call_init(r, &c);
	if (http__call_read(r, &c, f, DIB_ARRAY_LEN(f), v))
		return http__call_fail(r, &c);
	struct payroll_overpayment_req q = {
		.household_id = i64(v[0]), .person_id = i64(v[1]), .program = http__json_str(v[2]),
		.period = http__json_str(v[3]), .amount_fen = i64(v[4]),
		.reason = http__json_str(v[5]), .plan = http__json_str(v[6]),
		.note = http__json_str(v[7]),
	};
	int64_t id = 0;
	http__call_begin(r, &c);
	if (payroll_overpayment_add(c.s, &c.who, c.who.username, &q, http__today(), &id, &c.err))
		return http__call_fail(r, &c);
	return send_one(r, &c, MHD_HTTP_CREATED, id);
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
	json_t *v[DIB_ARRAY_LEN(f)];
	struct http_call c;
	http__call_init(r, &c);
	if (http__call_read(r, &c, f, DIB_ARRAY_LEN(f), v))
		return http__call_fail(r, &c);
	struct payroll_repay_req q = { .overpayment_id = id, .amount_fen = i64(v[0]),
				       .receipt_no = http__json_str(v[1]),
				       .paid_on = http__json_str(v[2]) };
	struct payroll_repay_result res;
	http__call_begin(r, &c);
	if (payroll_repay(c.s, &c.who, c.who.username, &q, http__today(), &r->arena, &res, &c.err))
		return http__call_fail(r, &c);
	return send_one(r, &c, MHD_HTTP_CREATED, id);
}

enum MHD_Result http__h_payroll_overpayment_waive(struct http_req *r)
{
	static const struct http_field f[] = {
		{ "reason", HTTP_F_STRING, HTTP_F_NULLABLE },
		{ "doc_no", HTTP_F_STRING, HTTP_F_NULLABLE },
	};
	int64_t id;
	if (!http__path_id(r, 0, &id))
		return http__no_such(r, "应追缴记录");
	json_t *v[DIB_ARRAY_LEN(f)];
	struct http_call c;
	http__call_init(r, &c);
	if (http__call_read(r, &c, f, DIB_ARRAY_LEN(f), v))
		return http__call_fail(r, &c);
	struct payroll_waive_req q = { .overpayment_id = id, .reason = http__json_str(v[0]),
				       .doc_no = http__json_str(v[1]) };
	store_overpayment_row after;
	http__call_begin(r, &c);
	if (payroll_overpayment_waive(c.s, &c.who, c.who.username, &q, http__today(), &r->arena,
				      &after, &c.err))
		return http__call_fail(r, &c);
	return send_one(r, &c, MHD_HTTP_OK, id);
}

enum MHD_Result http__h_payroll_overpayment_plan(struct http_req *r)
{
	static const struct http_field f[] = {
		{ "plan", HTTP_F_STRING, HTTP_F_REQUIRED },
	};
	int64_t id;
	if (!http__path_id(r, 0, &id))
		return http__no_such(r, "应追缴记录");
	json_t *v[DIB_ARRAY_LEN(f)];
	struct http_call c;
	http__call_init(r, &c);
	if (http__call_read(r, &c, f, DIB_ARRAY_LEN(f), v))
		return http__call_fail(r, &c);
	http__call_begin(r, &c);
	if (payroll_overpayment_plan(c.s, &c.who, c.who.username, id, http__json_str(v[0]),
				     &c.err))
		return http__call_fail(r, &c);
	return send_one(r, &c, MHD_HTTP_OK, id);
}
