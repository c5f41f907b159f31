/*
 * payroll_pay.c — sending an approved run to the bank and closing it
 * (svc/payroll.h): the bank file written from a template (core/bankfile.h)
 * and frozen on the run with its SHA-256, the bank's return file marking
 * each line paid or failed, the reissue queue and reissue runs, and the
 * reconciliation (declared = paid + reissued + failed). Each write is one
 * transaction with its event and audit record.
 *
 * The exported bytes are not stored: the lines and the template text are
 * frozen, so the file is written again on demand and must give the same
 * checksum — a download that would differ is refused, never sent.
 *
 * Thread-safety: as struct store — one connection per thread.
 */
#include "util/dib.h"
#include "util/time.h"
#include "core/bankfile.h"
#include "core/money.h"
#include "util/hmap.h"
#include "store/store_audit.h"
#include "store/store.h"
#include "svc/params.h"
#include "svc/payroll_int.h"
#include "svc/svc_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* ---- templates ---- */

dib_code payroll_templates(struct store *s, const struct authz_subject *who, const char *county,
			   dib_arena *a, struct payroll_template **out, size_t *n, dib_err *err)
{
	*out = NULL;
	*n = 0;
	char c[REGION_COUNTY_LEN + 1];
	dib_code rc = payroll__read_county(who, county, c, err);
	store_bank_template *own = NULL;
	size_t nown = 0;
	if (!rc)
		rc = store_bank_templates(s, c, a, &own, &nown, err);
	size_t nb = bankfile_builtin_count();
	struct payroll_template *v = rc ? NULL : dib_arena_calloc(a, (nb + nown + 1) * sizeof *v);
	if (!rc && !v)
		rc = dib_err_nomem(err);
	for (size_t i = 0; !rc && i < nb + nown; i++) {
		const char *text = i < nb ? bankfile_builtin(i)->text : own[i - nb].text;
		struct bankfile_template t;
		v[i].builtin = i < nb;
		v[i].text = text;
		v[i].created_by = i < nb ? NULL : own[i - nb].created_by;
		v[i].created_at = i < nb ? NULL : own[i - nb].created_at;
		if (bankfile_template_parse(text, strlen(text), &t, NULL)) {
			v[i].name = i < nb ? bankfile_builtin(i)->name : own[i - nb].name;
			continue;
		}
		v[i].name = dib_arena_strdup(a, t.name);
		v[i].bank = dib_arena_strdup(a, t.bank);
		v[i].note = dib_arena_strdup(a, t.note);
		v[i].encoding = t.pay.encoding == BANKFILE_GBK ? "GBK" : "UTF-8";
		v[i].fixed = t.pay.format == BANKFILE_FIXED;
		(*n)++;
		if (!v[i].name || !v[i].bank || !v[i].note)
			rc = dib_err_nomem(err);
	}
	if (!rc)
		*out = v;
	return rc;
}

/* The county whose own templates a write changes into c: county (6 or 12
 * digits) or who's; who must hold payroll_pay on it. */
static dib_code template_county(const struct authz_subject *who, const char *county,
				char c[REGION_COUNTY_LEN + 1], dib_err *err)
{
	region_county_of(county && county[0] ? county : who ? who->region_code : "", c);
	if (!c[0])
		return dib_err_set(err, DIB_EINVAL, "请指明县（区）");
	char c12[REGION_LEN + 1];
	snprintf(c12, sizeof c12, "%s000000", c);
	return who ? authz_check_object(who, AUTHZ_PAYROLL_PAY, c12, "该县（区）", err) : DIB_OK;
}

dib_code payroll_template_add(struct store *s, const struct authz_subject *who, const char *actor,
			      const char *county, const char *text, dib_err *err)
{
	char c[REGION_COUNTY_LEN + 1];
	dib_code rc = template_county(who, county, c, err);
	struct bankfile_template t;
	if (!rc)
		rc = bankfile_template_parse(text ? text : "", text ? strlen(text) : 0, &t, err);
	if (!rc && bankfile_builtin_find(t.name))
		rc = dib_err_set(err, DIB_ECONFLICT, "“%s”是内置模板的名称，请另起名称", t.name);
	if (!rc)
		rc = store_begin(s, err);
	if (rc)
		return rc;
	char now[DIB_TIME_UTC_SIZE];
	dib_time_now_utc(now, sizeof now);
	store_bank_template row = { .name = t.name, .text = text, .created_at = now,
				    .created_by = actor };
	rc = store_bank_template_put(s, c, &row, err);
	store_audit_entry ae = { .county = c, .actor = actor, .action = "payroll.template_add",
				 .entity = "bank_template", .entity_id = t.name };
	if (!rc)
		rc = store_audit_append(s, &ae, NULL, err);
	rc = svc__finish(s, rc, err);
	return rc;
}

dib_code payroll__template_names(const char *text, dib_arena *a, const char **name,
				 const char **bank, dib_err *err)
{
	*name = *bank = NULL;
	if (!text || !*text)
		return DIB_OK;
	struct bankfile_template t;
	if (bankfile_template_parse(text, strlen(text), &t, NULL))
		return DIB_OK;
	*name = dib_arena_strdup(a, t.name);
	*bank = dib_arena_strdup(a, t.bank);
	return *name && *bank ? DIB_OK : dib_err_nomem(err);
}

dib_code payroll_template_delete(struct store *s, const struct authz_subject *who,
				 const char *actor, const char *county, const char *name,
				 dib_err *err)
{
	char c[REGION_COUNTY_LEN + 1], q[DIB_QUOTE_MAX];
	dib_code rc = template_county(who, county, c, err);
	if (!rc && (!name || !*name))
		rc = dib_err_set(err, DIB_EINVAL, "请指明要删除的代发模板名称");
	if (!rc && bankfile_builtin_find(name))
		rc = dib_err_set(err, DIB_ECONFLICT, "“%s”是内置样例模板，不能删除",
				 dib_err_quote(name, strlen(name), q, sizeof q));
	if (!rc)
		rc = store_begin(s, err);
	if (rc)
		return rc;
	dib_arena a;
	dib_arena_init(&a, 8192, 0);
	store_bank_template *own = NULL, *row = NULL;
	size_t n = 0;
	rc = store_bank_templates(s, c, &a, &own, &n, err);
	for (size_t i = 0; !rc && i < n; i++)
		if (!strcmp(own[i].name, name))
			row = &own[i];
	bool deleted = false;
	if (!rc && row)
		rc = store_bank_template_delete(s, c, name, &deleted, err);
	if (!rc && !deleted)
		rc = dib_err_set(err, DIB_ENOTFOUND, "本县没有名为“%s”的代发模板",
				 dib_err_quote(name, strlen(name), q, sizeof q));
	/* the audit record keeps the text: the template can be read back */
	json_t *b = rc ? NULL
		       : json_pack("{s:s, s:s, s:s, s:s}", "name", row->name, "text", row->text,
				   "created_at", row->created_at, "created_by", row->created_by);
	char *x = b ? json_dumps(b, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(b);
	if (!rc && !x)
		rc = dib_err_nomem(err);
	store_audit_entry ae = { .county = c, .actor = actor, .action = "payroll.template_delete",
				 .entity = "bank_template", .entity_id = name, .before_json = x };
	if (!rc)
		rc = store_audit_append(s, &ae, NULL, err);
	free(x);
	rc = svc__finish(s, rc, err);
	dib_arena_release(&a);
	return rc;
}

/* The text of template name for county: a built-in or the county's own. */
static dib_code template_text(struct store *s, const char *county, const char *name,
			      dib_arena *a, const char **out, dib_err *err)
{
	const struct bankfile_builtin *b = bankfile_builtin_find(name ? name : "");
	if (b) {
		*out = b->text;
		return DIB_OK;
	}
	store_bank_template *own = NULL;
	size_t n = 0;
	dib_code rc = store_bank_templates(s, county, a, &own, &n, err);
	for (size_t i = 0; !rc && i < n; i++)
		if (!strcmp(own[i].name, name ? name : "")) {
			*out = own[i].text;
			return DIB_OK;
		}
	return rc ? rc : dib_err_set(err, DIB_EINVAL, "没有名为“%s”的代发模板", name ? name : "");
}

/* ---- the bank file ---- */

/* Writes run's bank file into out with template text t_text (every
 * non-void line, in roster order), and its checksum into sha. */
static dib_code write_file(struct store *s, const store_payroll_run *run, const char *t_text,
			   const char *file_date, const char *payer, const char *program_name,
			   dib_arena *a, dib_buf *out, char sha[BANKFILE_SHA256_HEX], dib_err *err)
{
	struct bankfile_template t;
	dib_code rc = bankfile_template_parse(t_text, strlen(t_text), &t, err);
	store_payroll_line *ls = NULL;
	size_t n = 0;
	int64_t total = 0;
	store_payroll_line_filter f = { .limit = run->declared.lines + 1 };
	if (!rc)
		rc = store_payroll_lines_page(s, run->id, &f, a, &ls, &n, &total, err);
	struct bankfile_line *bl = rc || !n ? NULL : dib_arena_calloc(a, n * sizeof *bl);
	if (!rc && n && !bl)
		rc = dib_err_nomem(err);
	size_t k = 0;
	char period[8];
	snprintf(period, sizeof period, "%.7s", run->first_month);
	for (size_t i = 0; !rc && i < n; i++) {
		if (!strcmp(ls[i].status, "void"))
			continue;
		struct bankfile_line *b = &bl[k++];
		b->reference = ls[i].id;
		b->account = ls[i].bank_account;
		b->account_name = ls[i].account_name && ls[i].account_name[0] ? ls[i].account_name
									      : ls[i].payee_name;
		b->id_number = ls[i].payee_id_number;
		b->name = ls[i].payee_name;
		b->amount_fen = ls[i].total_fen;
		b->village_code = ls[i].village;
		b->village_name = ls[i].village_name;
		b->memo = ls[i].hh_no;
	}
	struct bankfile_batch hdr = { .batch_no = run->run_no, .payer_account = payer,
				      .file_date = file_date, .period = period,
				      .program = program_name };
	if (!rc)
		rc = bankfile_write(&t, &hdr, bl, k, out, err);
	if (!rc)
		bankfile_sha256_hex(out->ptr ? out->ptr : "", out->len, sha);
	return rc;
}

/* Whether a file written with t carries the payer account (付款账号). */
static bool uses_payer(const struct bankfile_template *t)
{
	const struct bankfile_layout *l = &t->pay;
	for (size_t i = 0; i < l->n_header; i++)
		if (l->header[i].field == BANKFILE_F_PAYER_ACCOUNT)
			return true;
	for (size_t i = 0; i < l->n_trailer; i++)
		if (l->trailer[i].field == BANKFILE_F_PAYER_ACCOUNT)
			return true;
	for (size_t i = 0; i < l->n_columns; i++)
		if (l->columns[i].field == BANKFILE_F_PAYER_ACCOUNT)
			return true;
	return false;
}

static bool digits_only(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

dib_code payroll_export(struct store *s, const struct authz_subject *who, const char *actor,
			const struct payroll_export_req *req, dib_date today, dib_arena *a,
			struct payroll_file *out, dib_err *err)
{
	memset(out, 0, sizeof *out);
	dib_buf_init(&out->bytes, (size_t)1 << 30);
	dib_code rc = store_begin(s, err);
	store_payroll_run run;
	if (!rc)
		rc = payroll__load(s, who, AUTHZ_PAYROLL_PAY, req->run_id, NULL, a, &run, err);
	if (!rc && strcmp(run.state, PAYROLL_APPROVED))
		rc = dib_err_set(err, DIB_ECONFLICT, "该批次%s，%s", payroll_state_name(run.state),
				 strcmp(run.state, PAYROLL_PREPARED) ? "代发文件已导出，可重新下载"
								     : "须县局审批后才能导出");
	/* 三人分责: the payment officer neither prepared nor approved it */
	store_payroll_section *xs = NULL;
	size_t nx = 0;
	if (!rc)
		rc = store_payroll_sections(s, run.id, a, &xs, &nx, err);
	for (size_t i = 0; !rc && i < nx; i++)
		if (actor && xs[i].submitted_by && !strcmp(actor, xs[i].submitted_by))
			rc = dib_err_set(err, DIB_EPERM, "同一人员不能既造册报送又导出同一批次");
	if (!rc && actor && (!strcmp(actor, run.built_by) ||
			     (run.approved_by && !strcmp(actor, run.approved_by))))
		rc = dib_err_set(err, DIB_EPERM, "同一人员不能既造册或审批又导出同一批次");
	store_payroll_totals actual;
	if (!rc)
		rc = store_payroll_lines_sum(s, run.id, NULL, &actual, err);
	if (!rc && !payroll__same(&actual, &run.declared))
		rc = dib_err_set(err, DIB_ECONFLICT, "清册合计与批次控制数不符，不能导出");
	if (!rc && req->payer_account && req->payer_account[0] && !digits_only(req->payer_account))
		rc = dib_err_set(err, DIB_EINVAL, "付款账号只能是数字");
	const char *text = NULL;
	if (!rc)
		rc = template_text(s, run.county, req->template_name, a, &text, err);
	struct bankfile_template tt;
	if (!rc)
		rc = bankfile_template_parse(text, strlen(text), &tt, err);
	const char *payer = req->payer_account;
	/* none given: the county's pay.payer_account in force today, if set
	 * (one given still wins: a run paid from another account) */
	params_value pv;
	if (!rc && (!payer || !payer[0])) {
		rc = params_get(s, run.county, "pay.payer_account", today, &pv, err);
		if (!rc && pv.text[0])
			payer = pv.text;
	}
	/* named here, before the file, with how the caller gives one (the
	 * file's writer would only say which line lacks it) */
	if (!rc && (!payer || !payer[0]) && uses_payer(&tt))
		rc = dib_err_set(err, DIB_EINVAL, "模板“%s”的代发文件要写付款账号，请用 %s 给出付款账号，"
				 "或在参数中设置 pay.payer_account",
				 tt.name, req->payer_option ? req->payer_option : "payer_account");
	char day[DIB_DATE_STR];
	date_format(today, day);
	const char *pname = payroll__program_name(s, run.program, a);
	if (!rc)
		rc = write_file(s, &run, text, day, payer, pname, a, &out->bytes,
				out->sha256, err);
	bool csv = !rc && tt.pay.format == BANKFILE_DELIMITED && tt.pay.separator == ',';
	snprintf(out->name, sizeof out->name, "%s.%s", run.run_no, csv ? "csv" : "txt");
	char now[DIB_TIME_UTC_SIZE];
	dib_time_now_utc(now, sizeof now);
	store_payroll_export x = { .at = now, .by = actor, .template_text = text,
				   .file_name = out->name, .sha256 = out->sha256, .file_date = day,
				   .payer_account = payer };
	if (!rc)
		rc = store_payroll_run_export(s, run.id, run.version, &x, err);
	json_t *j = rc ? NULL
		       : json_pack("{s:s, s:s, s:I, s:I}", "file_name", out->name, "sha256",
				   out->sha256, "lines", (json_int_t)actual.lines, "total_fen",
				   (json_int_t)actual.total_fen);
	if (!rc && !j)
		rc = dib_err_nomem(err);
	if (!rc)
		rc = payroll__record(s, &run, "export", NULL, actor, NULL, &actual, j, err);
	json_decref(j);
	rc = svc__finish(s, rc, err);
	if (rc)
		dib_buf_release(&out->bytes);
	return rc;
}

dib_code payroll_bank_file(struct store *s, const struct authz_subject *who, int64_t run_id,
			   dib_arena *a, struct payroll_file *out, dib_err *err)
{
	memset(out, 0, sizeof *out);
	dib_buf_init(&out->bytes, (size_t)1 << 30);
	store_payroll_run run;
	dib_code rc = payroll__load(s, who, AUTHZ_PAYROLL_READ, run_id, NULL, a, &run, err);
	if (!rc && who) {
		/* the bank file holds every township's accounts: the county's */
		char c12[REGION_LEN + 1];
		snprintf(c12, sizeof c12, "%s000000", run.county);
		rc = authz_check_object(who, AUTHZ_PAYROLL_READ, c12, "该批次的代发文件", err);
	}
	if (!rc && !run.file_sha256)
		rc = dib_err_set(err, DIB_ENOTFOUND, "该批次尚未导出代发文件");
	if (!rc)
		rc = write_file(s, &run, run.file_template, run.file_date, run.payer_account,
				payroll__program_name(s, run.program, a), a, &out->bytes,
				out->sha256, err);
	if (!rc && strcmp(out->sha256, run.file_sha256))
		rc = dib_err_set(err, DIB_EINTERNAL, "代发文件与导出时的校验值不符，已拒绝下载，"
				 "请联系系统管理员核查");
	if (!rc)
		snprintf(out->name, sizeof out->name, "%s", run.file_name);
	if (rc)
		dib_buf_release(&out->bytes);
	return rc;
}

/* ---- the bank's return ---- */

dib_code payroll_record_return(struct store *s, const struct authz_subject *who,
			       const char *actor, int64_t run_id, const char *file_name,
			       const char *bytes, size_t len, dib_date today, dib_arena *a,
			       struct payroll_return_result *out, dib_err *err)
{
	memset(out, 0, sizeof *out);
	dib_code rc = store_begin(s, err);
	store_payroll_run run;
	if (!rc)
		rc = payroll__load(s, who, AUTHZ_PAYROLL_PAY, run_id, NULL, a, &run, err);
	if (!rc && strcmp(run.state, PAYROLL_EXPORTED))
		rc = dib_err_set(err, DIB_ECONFLICT, "该批次%s，不能登记回盘",
				 payroll_state_name(run.state));
	struct bankfile_template t;
	if (!rc)
		rc = bankfile_template_parse(run.file_template, strlen(run.file_template), &t, err);
	struct bankfile_return_row *rows = NULL;
	size_t n = 0;
	if (!rc)
		rc = bankfile_read_return(&t, bytes, len, a, &rows, &n, err);
	if (!rc && !n)
		rc = dib_err_set(err, DIB_EINVAL, "回盘文件中没有明细行");
	/* the run's lines by id: the return must match them exactly */
	store_payroll_line *ls = NULL;
	size_t nl = 0;
	int64_t total = 0;
	store_payroll_line_filter f = { .limit = run.declared.lines + 1 };
	if (!rc)
		rc = store_payroll_lines_page(s, run.id, &f, a, &ls, &nl, &total, err);
	dib_hmap by_id, households; /* the households of the file's lines, for its event */
	dib_hmap_init(&by_id);
	dib_hmap_init(&households);
	store_payroll_totals tt = { .lines = 0 };
	if (!rc && dib_hmap_reserve(&by_id, nl))
		rc = dib_err_nomem(err);
	for (size_t i = 0; !rc && i < nl; i++)
		if (dib_hmap_put(&by_id, (const char *)&ls[i].id, sizeof ls[i].id, (int64_t)i, NULL))
			rc = dib_err_nomem(err);
	char now[DIB_TIME_UTC_SIZE];
	dib_time_now_utc(now, sizeof now);
	for (size_t i = 0; !rc && i < n; i++) {
		const struct bankfile_return_row *r = &rows[i];
		int64_t at = -1;
		if (!r->reference || !dib_hmap_get(&by_id, (const char *)&r->reference,
						   sizeof r->reference, &at)) {
			rc = dib_err_set(err, DIB_EINVAL, "回盘文件第 %zu 行：流水号 %" PRId64
					 " 不是本批次的发放明细", r->line, r->reference);
			break;
		}
		const store_payroll_line *l = &ls[at];
		if (r->amount_fen != l->total_fen) {
			char g[32], w[32];
			rc = dib_err_set(err, DIB_EINVAL, "回盘文件第 %zu 行：金额 %s 元与清册 %s 元不符",
					 r->line, money_format(r->amount_fen, g),
					 money_format(l->total_fen, w));
		} else if (r->account[0] && l->bank_account && strcmp(r->account, l->bank_account)) {
			rc = dib_err_set(err, DIB_EINVAL, "回盘文件第 %zu 行：账号与清册不符（户 %s）",
					 r->line, l->hh_no);
		}
		int64_t changed = 0;
		const char *reason = r->paid ? NULL : r->reason[0] ? r->reason : r->status;
		if (!rc)
			rc = store_payroll_line_mark(s, l->id, r->paid ? "paid" : "failed", reason, now,
						     &changed, err);
		if (!rc && changed != 1)
			rc = dib_err_set(err, DIB_ECONFLICT, "回盘文件第 %zu 行：户 %s 的发放结果已登记过",
					 r->line, l->hh_no);
		if (r->paid) {
			out->paid++;
			out->paid_fen += r->amount_fen;
		} else {
			out->failed++;
			out->failed_fen += r->amount_fen;
		}
		tt.persons += l->persons;
		dib_code put = rc ? DIB_OK
				  : dib_hmap_put(&households, (const char *)&l->household_id,
						 sizeof l->household_id, 0, NULL);
		if (put == DIB_ENOMEM)
			rc = dib_err_nomem(err);
		tt.households += put == DIB_OK && !rc;
	}
	dib_hmap_release(&by_id);
	dib_hmap_release(&households);
	out->rows = (int64_t)n;
	store_payroll_recon sums;
	if (!rc)
		rc = store_payroll_reconcile_sums(s, run.id, &sums, err);
	out->pending_left = rc ? 0 : sums.pending;
	char sha[BANKFILE_SHA256_HEX];
	bankfile_sha256_hex(bytes, len, sha);
	store_payroll_return ret = { .run_id = run.id, .file_name = file_name ? file_name : "",
				     .sha256 = sha, .at = now, .actor = actor, .rows = out->rows,
				     .paid_count = out->paid, .paid_fen = out->paid_fen,
				     .failed_count = out->failed, .failed_fen = out->failed_fen };
	if (!rc)
		rc = store_payroll_return_insert(s, run.county, &ret, err);
	/* a deduction counts once its line is paid: an overpayment it
	 * recovers in full is closed with the return that paid it */
	char day[DIB_DATE_STR];
	date_format(today, day);
	if (!rc && out->paid)
		rc = store_overpayments_close_recovered(s, run.id, 0, day, &out->recovered_closed,
							err);
	if (!rc && !sums.pending)
		rc = store_payroll_run_step(s, run.id, run.version, PAYROLL_RETURNED, NULL, actor,
					    NULL, err);
	json_t *j = rc ? NULL
		       : json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "file_name",
				   ret.file_name, "sha256", sha, "rows", (json_int_t)out->rows,
				   "paid", (json_int_t)out->paid, "paid_fen",
				   (json_int_t)out->paid_fen, "failed", (json_int_t)out->failed,
				   "failed_fen", (json_int_t)out->failed_fen, "pending",
				   (json_int_t)sums.pending, "overpayments_closed",
				   (json_int_t)out->recovered_closed);
	if (!rc && !j)
		rc = dib_err_nomem(err);
	tt.lines = out->rows;
	tt.total_fen = out->paid_fen + out->failed_fen;
	store_payroll_outcome oc = { .paid = out->paid, .paid_fen = out->paid_fen,
				     .failed = out->failed, .failed_fen = out->failed_fen };
	if (!rc)
		rc = payroll__record_outcome(s, &run, "return", NULL, actor, NULL, &tt, &oc, j,
					     err);
	json_decref(j);
	rc = svc__finish(s, rc, err);
	return rc;
}

/* ---- reconciliation ---- */

dib_code payroll_reconciliation(struct store *s, const struct authz_subject *who, int64_t run_id,
				dib_arena *a, struct payroll_recon *out, dib_err *err)
{
	return payroll__reconciliation(s, who, run_id, "该批次的对账", a, out, err);
}

dib_code payroll__reconciliation(struct store *s, const struct authz_subject *who,
				 int64_t run_id, const char *what, dib_arena *a,
				 struct payroll_recon *out, dib_err *err)
{
	memset(out, 0, sizeof *out);
	dib_code rc = payroll__load(s, who, AUTHZ_PAYROLL_READ, run_id, NULL, a, &out->run, err);
	if (!rc && who) {
		char c12[REGION_LEN + 1];
		snprintf(c12, sizeof c12, "%s000000", out->run.county);
		rc = authz_check_object(who, AUTHZ_PAYROLL_READ, c12, what, err);
	}
	if (!rc)
		rc = store_payroll_reconcile_sums(s, run_id, &out->sums, err);
	if (!rc)
		rc = store_payroll_returns(s, run_id, a, &out->returns, &out->nreturns, err);
	if (!rc) {
		const store_payroll_recon *x = &out->sums;
		out->balanced = !x->pending &&
				x->paid_fen + x->reissued_fen + x->failed_fen == out->run.declared.total_fen &&
				x->paid + x->reissued + x->failed == out->run.declared.lines;
	}
	return rc;
}

dib_code payroll_reconcile(struct store *s, const struct authz_subject *who, const char *actor,
			   int64_t run_id, dib_err *err)
{
	dib_arena a;
	dib_arena_init(&a, 16384, 0);
	struct payroll_recon r;
	dib_code rc = store_begin(s, err);
	if (!rc)
		rc = payroll_reconciliation(s, NULL, run_id, &a, &r, err);
	if (!rc)
		rc = payroll__load(s, who, AUTHZ_PAYROLL_PAY, run_id, NULL, &a, &r.run, err);
	if (!rc && strcmp(r.run.state, PAYROLL_RETURNED))
		rc = dib_err_set(err, DIB_ECONFLICT, "该批次%s，须全部回盘后才能对账",
				 payroll_state_name(r.run.state));
	if (!rc && !r.balanced) {
		char d[32], p[32];
		rc = dib_err_set(err, DIB_ECONFLICT, "对账不平：批次合计 %s 元，实发、重发与失败合计 %s 元",
				 money_format(r.run.declared.total_fen, d),
				 money_format(r.sums.paid_fen + r.sums.reissued_fen + r.sums.failed_fen,
					      p));
	}
	if (!rc)
		rc = store_payroll_run_step(s, run_id, r.run.version, PAYROLL_RECONCILED, NULL, actor,
					    NULL, err);
	json_t *j = rc ? NULL
		       : json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "declared_fen",
				   (json_int_t)r.run.declared.total_fen, "paid_fen",
				   (json_int_t)r.sums.paid_fen, "reissued_fen",
				   (json_int_t)r.sums.reissued_fen, "failed_fen",
				   (json_int_t)r.sums.failed_fen, "paid", (json_int_t)r.sums.paid,
				   "reissued", (json_int_t)r.sums.reissued, "failed",
				   (json_int_t)r.sums.failed);
	if (!rc && !j)
		rc = dib_err_nomem(err);
	if (!rc)
		rc = payroll__record(s, &r.run, "reconcile", NULL, actor, NULL, &r.run.declared, j,
				     err);
	json_decref(j);
	rc = svc__finish(s, rc, err);
	dib_arena_release(&a);
	return rc;
}
