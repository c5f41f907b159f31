/*
 * store_payroll_pay.c — what happens to a run after approval
 * (store_payroll.h): the export frozen on the run, the lines the bank's
 * return marks paid or failed, the return files, the reissue queue and
 * reconciliation sums; and a county's bank templates.
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#include "util/dib.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/store_payroll.h"
#include "store/store_payroll_int.h"

#include <string.h>

static dib_code need_tx(struct store *s, dib_err *err)
{
	return store_in_tx(s) ? DIB_OK
			      : dib_err_set(err, DIB_EINTERNAL, "内部错误：写入发放批次须在事务中");
}

dib_code store_payroll_run_export(struct store *s, int64_t id, int64_t version,
				  const store_payroll_export *x, dib_err *err)
{
	int64_t changed = 0;
	dib_code rc = need_tx(s, err);
	if (!rc)
		rc = store__write(s, &changed, err,
			"UPDATE payroll_runs SET state = 'exported', version = version + 1,"
			" exported_at = $1, exported_by = $2, file_template = $3, file_name = $4,"
			" file_sha256 = $5, file_date = $6, payer_account = $7"
			" WHERE id = $8 AND version = $9",
			"TTTTTTtii", x->at, x->by, x->template_text, x->file_name, x->sha256,
			x->file_date, x->payer_account, id, version);
	if (!rc && changed != 1)
		rc = dib_err_set(err, DIB_ECONFLICT, "该批次已被他人修改，请刷新后重试");
	return rc;
}

dib_code store_payroll_line_mark(struct store *s, int64_t id, const char *status,
				 const char *reason, const char *at, int64_t *changed,
				 dib_err *err)
{
	dib_code rc = need_tx(s, err);
	if (!rc)
		rc = store__write(s, changed, err,
			"UPDATE payroll_lines SET status = $1, bank_reason = $2, returned_at = $3"
			" WHERE id = $4 AND status = 'pending'",
			"TtTi", status, reason, at, id);
	return rc;
}

dib_code store_payroll_return_insert(struct store *s, const char *county,
				     store_payroll_return *r, dib_err *err)
{
	dib_code rc = need_tx(s, err);
	if (!rc)
		rc = store_ids_reserve(s, "payroll_return", 1, &r->id, err);
	if (!rc)
		rc = store__write(s, NULL, err,
			"INSERT INTO payroll_returns (county, id, run_id, file_name, file_sha256, rows,"
			" paid_count, paid_fen, failed_count, failed_fen, at, actor) VALUES ($1, $2,"
			" $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
			"TiiTTiiiiiTT", county, r->id, r->run_id, r->file_name, r->sha256, r->rows,
			r->paid_count, r->paid_fen, r->failed_count, r->failed_fen, r->at, r->actor);
	if (rc == DIB_ECONFLICT && strstr(err->detail, "once")) {
		dib_err_clear(err);
		rc = dib_err_set(err, DIB_ECONFLICT, "该回盘文件已经登记过");
	}
	return rc;
}

static dib_code read_return(struct store_stmt *st, dib_arena *a, void *out, dib_err *err)
{
	store_payroll_return *r = out;
	memset(r, 0, sizeof *r);
	r->id = store_col_int64(st, 0);
	r->run_id = store_col_int64(st, 1);
	dib_code rc = store__col_dup(st, 2, a, &r->file_name, err);
	if (!rc)
		rc = store__col_dup(st, 3, a, &r->sha256, err);
	r->rows = store_col_int64(st, 4);
	r->paid_count = store_col_int64(st, 5);
	r->paid_fen = store_col_int64(st, 6);
	r->failed_count = store_col_int64(st, 7);
	r->failed_fen = store_col_int64(st, 8);
	if (!rc)
		rc = store__col_dup(st, 9, a, &r->at, err);
	if (!rc)
		rc = store__col_dup(st, 10, a, &r->actor, err);
	return rc;
}

dib_code store_payroll_returns(struct store *s, int64_t run_id, dib_arena *a,
			       store_payroll_return **out, size_t *n, dib_err *err)
{
	void *rows = NULL;
	dib_code rc = store__select(s,
		"SELECT id, run_id, file_name, file_sha256, rows, paid_count, paid_fen,"
		" failed_count, failed_fen, at, actor FROM payroll_returns WHERE run_id = $1"
		" ORDER BY id",
		sizeof(store_payroll_return), read_return, a, &rows, n, err, "i", run_id);
	*out = rows;
	return rc;
}

static dib_code read_failed(struct store_stmt *st, dib_arena *a, void *out, dib_err *err)
{
	store_payroll_failed *f = out;
	memset(f, 0, sizeof *f);
	store_payroll_line *l = &f->line;
	l->id = store_col_int64(st, 0);
	l->run_id = store_col_int64(st, 1);
	dib_code rc = DIB_OK;
	const char **t1[] = { &l->program, &l->period, &l->kind, &l->slot };
	for (size_t i = 0; !rc && i < DIB_ARRAY_LEN(t1); i++)
		rc = store__col_dup(st, 2 + (int)i, a, t1[i], err);
	l->household_id = store_col_int64(st, 6);
	l->person_id = store_col_int64(st, 7);
	store__col_char(st, 8, l->township, sizeof l->township);
	store__col_char(st, 9, l->village, sizeof l->village);
	const char **t2[] = { &l->village_name, &l->hh_no, &l->payee_name, &l->payee_id_number,
			      &l->bank_name, &l->bank_account, &l->account_name };
	for (size_t i = 0; !rc && i < DIB_ARRAY_LEN(t2); i++)
		rc = store__col_dup(st, 10 + (int)i, a, t2[i], err);
	l->persons = (int)store_col_int64(st, 17);
	l->base_fen = store_col_int64(st, 18);
	l->addon_fen = store_col_int64(st, 19);
	l->deduction_fen = store_col_int64(st, 20);
	l->total_fen = store_col_int64(st, 21);
	const char **t3[] = { &l->detail, &l->status, &l->bank_reason, &l->returned_at,
			      &f->run_no, &f->current_bank_name, &f->current_account,
			      &f->current_account_name };
	for (size_t i = 0; !rc && i < DIB_ARRAY_LEN(t3); i++)
		rc = store__col_dup(st, 22 + (int)i, a, t3[i], err);
	return rc;
}

dib_code store_payroll_failed_lines(struct store *s, const char *county, const char *program,
				    const char *township, dib_arena *a, store_payroll_failed **out,
				    size_t *n, dib_err *err)
{
	void *rows = NULL;
	dib_code rc = store__select(s,
		"SELECT l.id, l.run_id, l.program, l.period, l.kind, l.slot, l.household_id,"
		" l.person_id, l.township_code, l.village_code, l.village_name, l.hh_no,"
		" l.payee_name, l.payee_id_number, l.bank_name, l.bank_account, l.account_name,"
		" l.persons, l.base_fen, l.addon_fen, l.deduction_fen, l.total_fen, "
		STORE_LINE_DETAIL("l.") ","
		" l.status, l.bank_reason, l.returned_at, r.run_no, h.bank_name, h.bank_account,"
		" h.account_name"
		" FROM payroll_lines l JOIN payroll_runs r ON r.id = l.run_id"
		" JOIN households h ON h.id = l.household_id"
		" WHERE l.county = $1 AND ($2 = '' OR l.program = $2) AND l.status = 'failed'"
		" AND l.reissued_by IS NULL AND ($3 = '' OR l.township_code = $3)"
		" ORDER BY l.run_id, l.township_code, l.hh_no, l.id",
		sizeof(store_payroll_failed), read_failed, a, &rows, n, err, "TTT", county,
		program ? program : "", township ? township : "");
	*out = rows;
	return rc;
}

dib_code store_payroll_line_reissued(struct store *s, int64_t id, int64_t by, dib_err *err)
{
	dib_code rc = need_tx(s, err);
	if (!rc)
		rc = store__write(s, NULL, err, "UPDATE payroll_lines SET reissued_by = $1 WHERE id = $2",
				  "ni", by, id);
	return rc;
}

dib_code store_payroll_unreissue_run(struct store *s, int64_t run_id, dib_err *err)
{
	dib_code rc = need_tx(s, err);
	if (!rc)
		rc = store__write(s, NULL, err,
			"UPDATE payroll_lines SET reissued_by = NULL WHERE reissued_by IN"
			" (SELECT id FROM payroll_lines WHERE run_id = $1)",
			"i", run_id);
	return rc;
}

dib_code store_payroll_reconcile_sums(struct store *s, int64_t run_id, store_payroll_recon *out,
				      dib_err *err)
{
	memset(out, 0, sizeof *out);
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s,
		"SELECT CASE WHEN status = 'failed' AND reissued_by IS NOT NULL THEN 'reissued'"
		" ELSE status END, count(*), coalesce(sum(total_fen), 0) FROM payroll_lines"
		" WHERE run_id = $1 AND status <> 'void' GROUP BY 1",
		&st, err);
	if (!rc)
		rc = store__bind(st, err, "i", run_id);
	for (bool row = true; !rc && row;) {
		rc = store_step(st, &row, err);
		if (rc || !row)
			break;
		const char *k = store_col_text(st, 0);
		int64_t c = store_col_int64(st, 1), f = store_col_int64(st, 2);
		if (!strcmp(k, "pending")) {
			out->pending = c;
			out->pending_fen = f;
		} else if (!strcmp(k, "paid")) {
			out->paid = c;
			out->paid_fen = f;
		} else if (!strcmp(k, "reissued")) {
			out->reissued = c;
			out->reissued_fen = f;
		} else {
			out->failed = c;
			out->failed_fen = f;
		}
	}
	store_finalize(st);
	return rc;
}

dib_code store_bank_template_put(struct store *s, const char *county,
				 const store_bank_template *t, dib_err *err)
{
	dib_code rc = need_tx(s, err);
	if (!rc)
		rc = store__write(s, NULL, err,
			"INSERT INTO bank_templates (county, name, text, created_at, created_by)"
			" VALUES ($1, $2, $3, $4, $5)",
			"TTTTT", county, t->name, t->text, t->created_at, t->created_by);
	if (rc == DIB_ECONFLICT) {
		dib_err_clear(err);
		rc = dib_err_set(err, DIB_ECONFLICT, "已有名为“%s”的代发模板，请另起名称", t->name);
	}
	return rc;
}

dib_code store_bank_template_delete(struct store *s, const char *county, const char *name,
				    bool *deleted, dib_err *err)
{
	int64_t n = 0;
	dib_code rc = need_tx(s, err);
	if (!rc)
		rc = store__write(s, &n, err,
				  "DELETE FROM bank_templates WHERE county = $1 AND name = $2", "TT",
				  county, name);
	*deleted = !rc && n > 0;
	return rc;
}

static dib_code read_template(struct store_stmt *st, dib_arena *a, void *out, dib_err *err)
{
	store_bank_template *t = out;
	memset(t, 0, sizeof *t);
	dib_code rc = store__col_dup(st, 0, a, &t->name, err);
	if (!rc)
		rc = store__col_dup(st, 1, a, &t->text, err);
	if (!rc)
		rc = store__col_dup(st, 2, a, &t->created_at, err);
	if (!rc)
		rc = store__col_dup(st, 3, a, &t->created_by, err);
	return rc;
}

dib_code store_bank_templates(struct store *s, const char *county, dib_arena *a,
			      store_bank_template **out, size_t *n, dib_err *err)
{
	void *rows = NULL;
	dib_code rc = store__select(s,
		"SELECT name, text, created_at, created_by FROM bank_templates WHERE county = $1"
		" ORDER BY name",
		sizeof(store_bank_template), read_template, a, &rows, n, err, "T", county);
	*out = rows;
	return rc;
}
