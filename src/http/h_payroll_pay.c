/*
 * h_payroll_pay.c — a run after approval, over the API (docs/api.md,
 * "Payroll (资金发放)"): the bank templates GET/POST /api/v1/payroll/templates
 * and DELETE /api/v1/payroll/templates/{name},
 * the export POST /api/v1/payroll/runs/{id}/export and the file GET
 * /api/v1/payroll/runs/{id}/bank-file, the bank's return POST
 * /api/v1/payroll/runs/{id}/return (the file itself as the body), the
 * reissue queue GET /api/v1/payroll/failed and POST /api/v1/payroll/reissue,
 * and the reconciliation GET …/reconciliation, POST …/reconcile. Rules and
 * rights are svc/payroll.h's. Money in integer fen.
 * Thread-safety: each request uses its own pooled connection.
 */
#include "util/dib.h"
#include "http/http_int.h"
#include "svc/payroll.h"
#include "svc/payroll_xlsx.h"
#include "svc/session.h"

#include <stdio.h>
#include <unistd.h>

/* ---- templates ---- */

enum MHD_Result http__h_payroll_templates(struct http_req *r)
{
	struct http_call c;
	http__call_init(r, &c);
	struct payroll_template *v = NULL;
	size_t n = 0;
	http__call_begin(r, &c);
	dib_code rc = payroll_templates(c.s, &c.who, http__arg(r, "county"), &r->arena, &v, &n,
					&c.err);
	http__call_end(r, &c);
	if (rc)
		return http__send_error(r, &c.err);
	json_t *items = json_array();
	for (size_t i = 0; v && v[i].name; i++)
		if (v[i].bank) /* a stored text that no longer parses is not offered */
			http__push(&items, json_pack("{s:s,s:s,s:s,s:s,s:b,s:b,s:s,s:s?,s:s?}", "name",
						     v[i].name, "bank", v[i].bank, "note", v[i].note,
						     "encoding", v[i].encoding, "fixed", v[i].fixed,
						     "builtin", v[i].builtin, "text", v[i].text,
						     "created_by", v[i].created_by, "created_at",
						     v[i].created_at));
	if (!items)
		return MHD_NO;
	return http__send_owned(r, MHD_HTTP_OK, json_pack("{s:o}", "items", items));
}

enum MHD_Result http__h_payroll_template_add(struct http_req *r)
{
	static const struct http_field f[] = {
		{ "text", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "county", HTTP_F_STRING, HTTP_F_NULLABLE },
	};
	json_t *v[DIB_ARRAY_LEN(f)];
	struct http_call c;
	http__call_init(r, &c);
	if (http__call_read(r, &c, f, DIB_ARRAY_LEN(f), v))
		return http__call_fail(r, &c);
	http__call_begin(r, &c);
	dib_code rc = payroll_template_add(c.s, &c.who, c.who.username, http__json_str(v[1]),
					   http__json_str(v[0]), &c.err);
	http__call_end(r, &c);
	if (rc)
		return http__send_error(r, &c.err);
	return http__send_owned(r, MHD_HTTP_CREATED, json_pack("{s:b}", "added", 1));
}

/* DELETE /api/v1/payroll/templates/{name}[?county=]: a county's own
 * template (the name percent-encoded in the path). No body. */
enum MHD_Result http__h_payroll_template_delete(struct http_req *r)
{
	struct http_call c;
	http__call_init(r, &c);
	const char *name = r->nparams > 0 ? r->params[0] : NULL;
	http__call_begin(r, &c);
	dib_code rc = payroll_template_delete(c.s, &c.who, c.who.username, http__arg(r, "county"),
					      name, &c.err);
	http__call_end(r, &c);
	if (rc)
		return http__send_error(r, &c.err);
	return http__send_owned(r, MHD_HTTP_OK, json_pack("{s:b,s:s}", "deleted", 1, "name", name));
}

/* ---- export and the file ---- */

enum MHD_Result http__h_payroll_export(struct http_req *r)
{
	static const struct http_field f[] = {
		{ "template", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "payer_account", HTTP_F_STRING, HTTP_F_NULLABLE },
	};
	int64_t id;
	if (!http__path_id(r, 0, &id))
		return http__no_such(r, "发放批次");
	json_t *v[DIB_ARRAY_LEN(f)];
	struct http_call c;
	http__call_init(r, &c);
	if (http__call_read(r, &c, f, DIB_ARRAY_LEN(f), v))
		return http__call_fail(r, &c);
	struct payroll_export_req q = { .run_id = id, .template_name = http__json_str(v[0]),
					.payer_account = http__json_str(v[1]),
					.payer_option = "payer_account" };
	struct payroll_file file;
	http__call_begin(r, &c);
	if (payroll_export(c.s, &c.who, c.who.username, &q, http__today(), &r->arena, &file,
			   &c.err))
		return http__call_fail(r, &c);
	/* the bytes are fetched with GET …/bank-file, written again and checked */
	json_t *extra = json_pack("{s:I}", "file_bytes", (json_int_t)file.bytes.len);
	dib_buf_release(&file.bytes);
	return http__payroll_view(r, &c, MHD_HTTP_OK, id, extra);
}

/* "41072620261101R01.csv" as a Content-Disposition (ASCII names only). */
static const char *disposition(struct http_req *r, const char *name)
{
	return dib_arena_printf(&r->arena, "attachment; filename=\"%s\"", name);
}

enum MHD_Result http__h_payroll_bank_file(struct http_req *r)
{
	int64_t id;
	if (!http__path_id(r, 0, &id))
		return http__no_such(r, "发放批次");
	struct http_call c;
	http__call_init(r, &c);
	struct payroll_file file;
	http__call_begin(r, &c);
	dib_code rc = payroll_bank_file(c.s, &c.who, id, &r->arena, &file, &c.err);
	http__call_end(r, &c);
	if (rc)
		return http__send_error(r, &c.err);
	size_t len = file.bytes.len;
	char *bytes = dib_buf_take(&file.bytes);
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, bytes ? bytes : (char *)"",
								    bytes ? MHD_RESPMEM_MUST_FREE
									  : MHD_RESPMEM_PERSISTENT);
	if (!resp) {
		free(bytes);
		return MHD_NO;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "application/octet-stream");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_DISPOSITION,
				disposition(r, file.name));
	MHD_add_response_header(resp, "X-Checksum-SHA256", file.sha256);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	return http__queue(r, MHD_HTTP_OK, resp);
}

/* ---- the bank's return ---- */

enum MHD_Result http__h_payroll_return(struct http_req *r)
{
	int64_t id;
	if (!http__path_id(r, 0, &id))
		return http__no_such(r, "发放批次");
	if (!r->body.len)
		return http__send_code(r, DIB_EINVAL, "请上传银行回盘文件（请求内容即文件本身）");
	const char *name = http__arg(r, "file_name");
	struct http_call c;
	http__call_init(r, &c);
	struct payroll_return_result res;
	http__call_begin(r, &c);
	if (payroll_record_return(c.s, &c.who, c.who.username, id, name ? name : "回盘文件",
				  r->body.ptr, r->body.len, http__today(), &r->arena, &res, &c.err))
		return http__call_fail(r, &c);
	json_t *extra = json_pack("{s:{s:I,s:I,s:I,s:I,s:I,s:I,s:I}}", "last_return", "rows",
				  (json_int_t)res.rows, "paid", (json_int_t)res.paid, "paid_fen",
				  (json_int_t)res.paid_fen, "failed", (json_int_t)res.failed,
				  "failed_fen", (json_int_t)res.failed_fen, "pending",
				  (json_int_t)res.pending_left, "overpayments_closed",
				  (json_int_t)res.recovered_closed);
	return http__payroll_view(r, &c, MHD_HTTP_OK, id, extra);
}

/* ---- the reissue queue ---- */

enum MHD_Result http__h_payroll_failed(struct http_req *r)
{
	struct http_call c;
	http__call_init(r, &c);
	store_payroll_failed *v = NULL;
	size_t n = 0;
	http__call_begin(r, &c);
	dib_code rc = payroll_failed(c.s, &c.who, http__arg(r, "county"), http__arg(r, "program"),
				     &r->arena, &v, &n, &c.err);
	size_t np = 0;
	const struct store_program *p = rc ? NULL : http__programs(r, c.s, &np);
	http__call_end(r, &c);
	if (rc)
		return http__send_error(r, &c.err);
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *j = http__payroll_line_json(&v[i].line);
		if (j && json_object_update_new(j, json_pack("{s:s,s:s?,s:s,s:I,s:s?,s:s?,s:s?,s:b}",
							    "program", v[i].line.program,
							    "program_name",
							    http__program_name(p, np,
									       v[i].line.program),
							    "run_no", v[i].run_no, "run_id",
							    (json_int_t)v[i].line.run_id,
							    "current_bank_name", v[i].current_bank_name,
							    "current_account", v[i].current_account,
							    "current_account_name",
							    v[i].current_account_name, "account_changed",
							    v[i].current_account && v[i].line.bank_account &&
								    strcmp(v[i].current_account,
									   v[i].line.bank_account)))) {
			json_decref(j);
			j = NULL;
		}
		http__push(&items, j);
	}
	if (!items)
		return MHD_NO;
	return http__send_owned(r, MHD_HTTP_OK, json_pack("{s:o}", "items", items));
}

enum MHD_Result http__h_payroll_reissue(struct http_req *r)
{
	static const struct http_field f[] = {
		{ "program", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "county", HTTP_F_STRING, HTTP_F_NULLABLE },
	};
	json_t *v[DIB_ARRAY_LEN(f)];
	struct http_call c;
	http__call_init(r, &c);
	if (http__call_read(r, &c, f, DIB_ARRAY_LEN(f), v))
		return http__call_fail(r, &c);
	struct payroll_build_result res;
	http__call_begin(r, &c);
	if (payroll_build_reissue(c.s, &c.who, c.who.username, http__json_str(v[1]),
				  http__json_str(v[0]), http__today(), &r->arena, &res, &c.err))
		return http__call_fail(r, &c);
	return http__payroll_view(r, &c, MHD_HTTP_CREATED, res.run_id, NULL);
}

/* ---- reconciliation ---- */

static json_t *part(int64_t n, int64_t fen)
{
	return json_pack("{s:I,s:I}", "lines", (json_int_t)n, "total_fen", (json_int_t)fen);
}

enum MHD_Result http__h_payroll_reconciliation(struct http_req *r)
{
	int64_t id;
	if (!http__path_id(r, 0, &id))
		return http__no_such(r, "发放批次");
	struct http_call c;
	http__call_init(r, &c);
	struct payroll_recon x;
	http__call_begin(r, &c);
	dib_code rc = payroll_reconciliation(c.s, &c.who, id, &r->arena, &x, &c.err);
	http__call_end(r, &c);
	if (rc)
		return http__send_error(r, &c.err);
	json_t *rets = json_array();
	for (size_t i = 0; i < x.nreturns; i++) {
		const store_payroll_return *t = &x.returns[i];
		http__push(&rets, json_pack("{s:I,s:s,s:s,s:I,s:I,s:I,s:I,s:I,s:s,s:s}", "id",
					    (json_int_t)t->id, "file_name", t->file_name, "sha256",
					    t->sha256, "rows", (json_int_t)t->rows, "paid",
					    (json_int_t)t->paid_count, "paid_fen",
					    (json_int_t)t->paid_fen, "failed",
					    (json_int_t)t->failed_count, "failed_fen",
					    (json_int_t)t->failed_fen, "at", t->at, "actor", t->actor));
	}
	if (!rets)
		return MHD_NO;
	const store_payroll_recon *m = &x.sums;
	return http__send_owned(
		r, MHD_HTTP_OK,
		json_pack("{s:I,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:b,s:o}", "run_id", (json_int_t)id,
			  "run_no", x.run.run_no, "state", x.run.state, "declared",
			  http__payroll_totals_json(&x.run.declared), "paid",
			  part(m->paid, m->paid_fen), "reissued", part(m->reissued, m->reissued_fen),
			  "failed", part(m->failed, m->failed_fen), "pending",
			  part(m->pending, m->pending_fen), "balanced", x.balanced, "returns", rets));
}

enum MHD_Result http__h_payroll_reconcile(struct http_req *r)
{
	int64_t id;
	if (!http__path_id(r, 0, &id))
		return http__no_such(r, "发放批次");
	struct http_call c;
	http__call_init(r, &c);
	if (http__call_read(r, &c, NULL, 0, NULL))
		return http__call_fail(r, &c);
	http__call_begin(r, &c);
	if (payroll_reconcile(c.s, &c.who, c.who.username, id, &c.err))
		return http__call_fail(r, &c);
	return http__payroll_view(r, &c, MHD_HTTP_OK, id, NULL);
}

/* ---- a household's account ---- */

static const char *status_name(const char *s)
{
	static const struct {
		const char *code, *name;
	} t[] = { { "pending", "待银行处理" }, { "paid", "已发放" }, { "failed", "发放失败" } };
	for (size_t i = 0; s && i < DIB_ARRAY_LEN(t); i++)
		if (!strcmp(s, t[i].code))
			return t[i].name;
	return s;
}

static const char *kind_name(const char *k)
{
	return !k ? NULL : !strcmp(k, "arrears") ? "补发" : !strcmp(k, "reissue") ? "重发" : "正常发放";
}

enum MHD_Result http__h_household_payments(struct http_req *r)
{
	int64_t id;
	if (!http__path_id(r, 0, &id))
		return http__no_such(r, "家庭");
	struct http_call c;
	http__call_init(r, &c);
	struct payroll_household_view v;
	http__call_begin(r, &c);
	dib_code rc = payroll_household(c.s, &c.who, id, http__today(), &r->arena, &v, &c.err);
	http__call_end(r, &c);
	if (rc)
		return http__send_error(r, &c.err);
	json_t *accs = json_array(), *lines = json_array();
	for (size_t i = 0; i < v.naccounts; i++) {
		const struct payroll_account *x = &v.accounts[i];
		json_t *ms = json_array();
		for (size_t k = 0; k < x->nmonths; k++) {
			const struct payroll_month *m = &x->months[k];
			char mm[DIB_MONTH_STR];
			http__push(&ms, json_pack("{s:s,s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "month",
						  month_format(m->month, mm), "due_fen",
						  (json_int_t)m->due_fen, "paid_fen",
						  (json_int_t)m->paid_fen, "pending_fen",
						  (json_int_t)m->pending_fen, "failed_fen",
						  (json_int_t)m->failed_fen, "owed_fen",
						  (json_int_t)m->owed_fen, "overpaid_fen",
						  (json_int_t)m->overpaid_fen, "recovered_fen",
						  (json_int_t)m->recovered_fen));
		}
		http__push(&accs, json_pack("{s:s,s:s,s:o,s:{s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I}}",
					    "program", x->program, "program_name", x->program_name,
					    "months", ms ? ms : json_null(), "totals", "due_fen",
					    (json_int_t)x->due_fen, "paid_fen", (json_int_t)x->paid_fen,
					    "pending_fen", (json_int_t)x->pending_fen, "failed_fen",
					    (json_int_t)x->failed_fen, "owed_fen",
					    (json_int_t)x->owed_fen, "overpaid_fen",
					    (json_int_t)x->overpaid_fen, "recovered_fen",
					    (json_int_t)x->recovered_fen, "recovering_fen",
					    (json_int_t)x->recovering_fen, "outstanding_fen",
					    (json_int_t)x->outstanding_fen, "cancelled_fen",
					    (json_int_t)x->cancelled_fen));
	}
	json_t *overs = json_array();
	for (size_t i = 0; i < v.noverpayments; i++) {
		const char *pn = NULL;
		for (size_t k = 0; !pn && k < v.naccounts; k++)
			if (!strcmp(v.accounts[k].program, v.overpayments[i].o.program))
				pn = v.accounts[k].program_name;
		http__push(&overs, http__overpayment_json(&v.overpayments[i], pn));
	}
	for (size_t i = 0; i < v.nlines; i++) {
		const store_payroll_hline *l = &v.lines[i];
		http__push(&lines, json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s?,s:s,s:s?,s:s?,s:I,s:I,"
					     "s:I,s:I,s:b}",
					     "id", (json_int_t)l->id, "run_id", (json_int_t)l->run_id,
					     "run_no", l->run_no, "run_state", l->run_state, "program",
					     l->program, "period", l->period, "kind", l->kind,
					     "kind_name", kind_name(l->kind), "status", l->status,
					     "status_name", status_name(l->status), "bank_reason",
					     l->bank_reason, "base_fen", (json_int_t)l->base_fen,
					     "addon_fen", (json_int_t)l->addon_fen, "deduction_fen",
					     (json_int_t)l->deduction_fen, "total_fen",
					     (json_int_t)l->total_fen, "reissued", l->reissued));
	}
	if (!accs || !lines || !overs) {
		json_decref(accs);
		json_decref(lines);
		json_decref(overs);
		return MHD_NO;
	}
	return http__send_owned(r, MHD_HTTP_OK,
				json_pack("{s:I,s:o,s:o,s:o}", "household_id", (json_int_t)id,
					  "accounts", accs, "lines", lines, "overpayments", overs));
}

/* ---- arrears after a retroactive change ---- */

enum MHD_Result http__h_payroll_arrears(struct http_req *r)
{
	static const struct http_field f[] = {
		{ "program", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "from", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "to", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "county", HTTP_F_STRING, HTTP_F_NULLABLE },
	};
	json_t *v[DIB_ARRAY_LEN(f)];
	struct http_call c;
	http__call_init(r, &c);
	if (http__call_read(r, &c, f, DIB_ARRAY_LEN(f), v))
		return http__call_fail(r, &c);
	struct payroll_arrears_req q = { .program = http__json_str(v[0]), .from = http__json_str(v[1]),
					 .to = http__json_str(v[2]), .county = http__json_str(v[3]) };
	struct payroll_arrears_result res;
	http__call_begin(r, &c);
	if (payroll_build_arrears(c.s, &c.who, c.who.username, &q, http__today(), &r->arena, &res,
				  &c.err))
		return http__call_fail(r, &c);
	json_t *extra = json_pack("{s:{s:I,s:I},s:{s:I,s:I}}", "overpaid", "count",
				  (json_int_t)res.overpayments, "total_fen",
				  (json_int_t)res.overpaid_fen, "netted", "count",
				  (json_int_t)res.netted, "total_fen", (json_int_t)res.netted_fen);
	return http__payroll_view(r, &c, MHD_HTTP_CREATED, res.run_id, extra);
}

/* ---- the roster and the ledger as xlsx ---- */

/* 补贴清册.xlsx / 计财台账.xlsx, RFC 5987-encoded. */
#define ROSTER_DISPOSITION \
	"attachment; filename=\"roster.xlsx\"; filename*=UTF-8''%E8%A1%A5%E8%B4%B4%E6%B8%85%E5%86%8C.xlsx"
#define LEDGER_DISPOSITION \
	"attachment; filename=\"ledger.xlsx\"; filename*=UTF-8''%E8%AE%A1%E8%B4%A2%E5%8F%B0%E8%B4%A6.xlsx"

static enum MHD_Result xlsx_of(struct http_req *r, bool ledger)
{
	int64_t id;
	if (!http__path_id(r, 0, &id))
		return http__no_such(r, "发放批次");
	bool masked = http__arg_flag(r, "masked");
	struct http_call c;
	http__call_init(r, &c);
	char path[4096];
	if (http__export_file(path, sizeof path, &c.err))
		return http__send_error(r, &c.err);
	struct store *s = http__call_begin(r, &c);
	dib_code rc = ledger ? payroll_xlsx_ledger(s, &c.who, id, path, &c.err)
			     : payroll_xlsx_roster(s, &c.who, id, masked, path, &c.err);
	http__call_end(r, &c);
	if (rc) {
		unlink(path);
		return http__send_error(r, &c.err);
	}
	return http__send_xlsx(r, path, ledger ? LEDGER_DISPOSITION : ROSTER_DISPOSITION);
}

enum MHD_Result http__h_payroll_roster_xlsx(struct http_req *r)
{
	return xlsx_of(r, false);
}

enum MHD_Result http__h_payroll_ledger_xlsx(struct http_req *r)
{
	return xlsx_of(r, true);
}
