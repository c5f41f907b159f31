/*
 * store_payroll.c — payroll runs, sections and events (store_payroll.h).
 * The lines and the register walk are store_payroll_lines.c. One SQL text
 * for both engines; writes inside the caller's transaction.
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#include "util/dib.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/store_payroll.h"

#include <string.h>

static dib_code need_tx(struct store *s, dib_err *err)
{
	return store_in_tx(s) ? DIB_OK
			      : dib_err_set(err, DIB_EINTERNAL, "内部错误：写入发放批次须在事务中");
}

/* ---- runs ---- */

dib_code store_payroll_run_insert(struct store *s, const store_payroll_run *r, dib_err *err)
{
	dib_code rc = need_tx(s, err);
	if (!rc)
		rc = store__write(s, NULL, err,
			"INSERT INTO payroll_runs (county, id, run_no, program, kind, period,"
			" first_month, months, due_on, state, households, persons, total_fen, lines,"
			" basis, built_at, built_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,"
			" $11, $12, $13, $14, $15, $16, $17)",
			"TiTTTTTiTTiiiiTTT", r->county, r->id, r->run_no, r->program, r->kind, r->period,
			r->first_month, (int64_t)r->months, r->due_on, r->state, r->declared.households,
			r->declared.persons, r->declared.total_fen, r->declared.lines, r->basis,
			r->built_at, r->built_by);
	if (rc == DIB_ECONFLICT && strstr(err->detail, "one_regular")) {
		dib_err_clear(err);
		return dib_err_set(err, DIB_ECONFLICT, "该项目本期已有发放批次");
	}
	return rc;
}

#define RUN_COLS                                                                            \
	"id, county, run_no, program, kind, period, first_month, months, due_on, state,"   \
	" households, persons, total_fen, lines, basis, built_at, built_by, approved_at,"   \
	" approved_by, exported_at, exported_by, file_template, file_name, file_sha256,"    \
	" closed_reason, version, file_date, payer_account"

static dib_code read_run(struct store_stmt *st, dib_arena *a, void *out, dib_err *err)
{
	store_payroll_run *r = out;
	memset(r, 0, sizeof *r);
	r->id = store_col_int64(st, 0);
	store__col_char(st, 1, r->county, sizeof r->county);
	dib_code rc = store__col_dup(st, 2, a, &r->run_no, err);
	if (!rc)
		rc = store__col_dup(st, 3, a, &r->program, err);
	if (!rc)
		rc = store__col_dup(st, 4, a, &r->kind, err);
	if (!rc)
		rc = store__col_dup(st, 5, a, &r->period, err);
	store__col_char(st, 6, r->first_month, sizeof r->first_month);
	r->months = (int)store_col_int64(st, 7);
	store__col_char(st, 8, r->due_on, sizeof r->due_on);
	if (!rc)
		rc = store__col_dup(st, 9, a, &r->state, err);
	r->declared.households = store_col_int64(st, 10);
	r->declared.persons = store_col_int64(st, 11);
	r->declared.total_fen = store_col_int64(st, 12);
	r->declared.lines = store_col_int64(st, 13);
	const char **texts[] = { &r->basis, &r->built_at, &r->built_by, &r->approved_at,
				 &r->approved_by, &r->exported_at, &r->exported_by,
				 &r->file_template, &r->file_name, &r->file_sha256,
				 &r->closed_reason };
	for (size_t i = 0; !rc && i < DIB_ARRAY_LEN(texts); i++)
		rc = store__col_dup(st, 14 + (int)i, a, texts[i], err);
	r->version = store_col_int64(st, 25);
	store__col_char(st, 26, r->file_date, sizeof r->file_date);
	if (!rc)
		rc = store__col_dup(st, 27, a, &r->payer_account, err);
	return rc;
}

dib_code store_payroll_run_get(struct store *s, int64_t id, dib_arena *a, store_payroll_run *out,
			       bool *found, dib_err *err)
{
	return store__select_one(s, "SELECT " RUN_COLS " FROM payroll_runs WHERE id = $1", read_run,
				 a, out, found, err, "i", id);
}

dib_code store_payroll_run_live(struct store *s, const char *county, const char *program,
				const char *period, int64_t *id, dib_err *err)
{
	bool found = false;
	*id = 0;
	return store_query_int64(s,
		"SELECT id FROM payroll_runs WHERE county = $1 AND program = $2 AND period = $3"
		" AND kind = 'regular' AND state <> 'cancelled'",
		3, (const char *const[]){ county, program, period }, id, &found, err);
}

dib_code store_payroll_runs(struct store *s, const char *county, const char *program,
			    dib_arena *a, store_payroll_run **out, size_t *n, dib_err *err)
{
	void *rows = NULL;
	dib_code rc = store__select(s,
		"SELECT " RUN_COLS " FROM payroll_runs WHERE county = $1"
		" AND ($2 = '' OR program = $2) ORDER BY first_month DESC, program, id DESC",
		sizeof(store_payroll_run), read_run, a, &rows, n, err, "TT", county,
		program ? program : "");
	*out = rows;
	return rc;
}

dib_code store_payroll_run_step(struct store *s, int64_t id, int64_t version, const char *state,
				const char *at, const char *by, const char *reason, dib_err *err)
{
	dib_code rc = need_tx(s, err);
	if (rc)
		return rc;
	int64_t changed = 0;
	if (!strcmp(state, "approved"))
		rc = store__write(s, &changed, err,
			"UPDATE payroll_runs SET state = $1, version = version + 1, approved_at = $4,"
			" approved_by = $5 WHERE id = $2 AND version = $3",
			"TiiTT", state, id, version, at ? at : "", by ? by : "");
	else if (!strcmp(state, "exported"))
		rc = store__write(s, &changed, err,
			"UPDATE payroll_runs SET state = $1, version = version + 1, exported_at = $4,"
			" exported_by = $5 WHERE id = $2 AND version = $3",
			"TiiTT", state, id, version, at ? at : "", by ? by : "");
	else if (!strcmp(state, "cancelled"))
		rc = store__write(s, &changed, err,
			"UPDATE payroll_runs SET state = $1, version = version + 1, closed_reason = $4"
			" WHERE id = $2 AND version = $3",
			"TiiT", state, id, version, reason ? reason : "");
	else
		rc = store__write(s, &changed, err,
			"UPDATE payroll_runs SET state = $1, version = version + 1 WHERE id = $2"
			" AND version = $3",
			"Tii", state, id, version);
	if (!rc && changed != 1)
		rc = dib_err_set(err, DIB_ECONFLICT, "该批次已被他人修改，请刷新后重试");
	return rc;
}

dib_code store_payroll_run_declare(struct store *s, int64_t id, const store_payroll_totals *t,
				   dib_err *err)
{
	dib_code rc = need_tx(s, err);
	if (!rc)
		rc = store__write(s, NULL, err,
			"UPDATE payroll_runs SET households = $1, persons = $2, total_fen = $3,"
			" lines = $4 WHERE id = $5",
			"iiiii", t->households, t->persons, t->total_fen, t->lines, id);
	return rc;
}

/* ---- sections ---- */

dib_code store_payroll_section_put(struct store *s, const store_payroll_section *sec,
				   dib_err *err)
{
	dib_code rc = need_tx(s, err);
	if (!rc)
		rc = store__write(s, NULL, err,
			"DELETE FROM payroll_sections WHERE run_id = $1 AND township_code = $2", "iT",
			sec->run_id, sec->township);
	if (!rc)
		rc = store__write(s, NULL, err,
			"INSERT INTO payroll_sections (run_id, township_code, state, households,"
			" persons, total_fen, lines, submitted_at, submitted_by, reason) VALUES ($1,"
			" $2, $3, $4, $5, $6, $7, $8, $9, $10)",
			"iTTiiiittt", sec->run_id, sec->township, sec->state, sec->declared.households,
			sec->declared.persons, sec->declared.total_fen, sec->declared.lines,
			sec->submitted_at, sec->submitted_by, sec->reason);
	return rc;
}

dib_code store_payroll_section_delete(struct store *s, int64_t run_id, const char *township,
				      dib_err *err)
{
	dib_code rc = need_tx(s, err);
	if (!rc)
		rc = store__write(s, NULL, err,
			"DELETE FROM payroll_sections WHERE run_id = $1 AND township_code = $2", "iT",
			run_id, township);
	return rc;
}

static dib_code read_section(struct store_stmt *st, dib_arena *a, void *out, dib_err *err)
{
	store_payroll_section *x = out;
	memset(x, 0, sizeof *x);
	x->run_id = store_col_int64(st, 0);
	store__col_char(st, 1, x->township, sizeof x->township);
	dib_code rc = store__col_dup(st, 2, a, &x->township_name, err);
	if (!rc)
		rc = store__col_dup(st, 3, a, &x->state, err);
	x->declared.households = store_col_int64(st, 4);
	x->declared.persons = store_col_int64(st, 5);
	x->declared.total_fen = store_col_int64(st, 6);
	x->declared.lines = store_col_int64(st, 7);
	if (!rc)
		rc = store__col_dup(st, 8, a, &x->submitted_at, err);
	if (!rc)
		rc = store__col_dup(st, 9, a, &x->submitted_by, err);
	if (!rc)
		rc = store__col_dup(st, 10, a, &x->reason, err);
	return rc;
}

dib_code store_payroll_sections(struct store *s, int64_t run_id, dib_arena *a,
				store_payroll_section **out, size_t *n, dib_err *err)
{
	void *rows = NULL;
	dib_code rc = store__select(s,
		"SELECT x.run_id, x.township_code, coalesce(r.name, x.township_code), x.state,"
		" x.households, x.persons, x.total_fen, x.lines, x.submitted_at, x.submitted_by,"
		" x.reason FROM payroll_sections x LEFT JOIN regions r ON r.code = x.township_code"
		" WHERE x.run_id = $1 ORDER BY x.township_code",
		sizeof(store_payroll_section), read_section, a, &rows, n, err, "i", run_id);
	*out = rows;
	return rc;
}

/* ---- events ---- */

dib_code store_payroll_event_insert(struct store *s, const char *county,
				    const store_payroll_event *e, dib_err *err)
{
	int64_t id = 0;
	dib_code rc = need_tx(s, err);
	if (!rc)
		rc = store_ids_reserve(s, "payroll_event", 1, &id, err);
	if (rc)
		return rc;
	const store_payroll_outcome *o = &e->outcome;
	if (e->has_totals && e->has_outcome)
		return store__write(s, NULL, err,
			"INSERT INTO payroll_events (county, id, run_id, action, township_code, actor,"
			" actor_id, at, reason, households, persons, total_fen, lines, paid, paid_fen,"
			" failed, failed_fen) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,"
			" $12, $13, $14, $15, $16, $17)",
			"TiiTtTnTtiiiiiiii", county, id, e->run_id, e->action, e->township, e->actor,
			e->actor_id, e->at, e->reason, e->totals.households, e->totals.persons,
			e->totals.total_fen, e->totals.lines, o->paid, o->paid_fen, o->failed,
			o->failed_fen);
	if (e->has_totals)
		return store__write(s, NULL, err,
			"INSERT INTO payroll_events (county, id, run_id, action, township_code, actor,"
			" actor_id, at, reason, households, persons, total_fen, lines) VALUES ($1, $2,"
			" $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
			"TiiTtTnTtiiii", county, id, e->run_id, e->action, e->township, e->actor,
			e->actor_id, e->at, e->reason, e->totals.households, e->totals.persons,
			e->totals.total_fen, e->totals.lines);
	return store__write(s, NULL, err,
		"INSERT INTO payroll_events (county, id, run_id, action, township_code, actor,"
		" actor_id, at, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
		"TiiTtTnTt", county, id, e->run_id, e->action, e->township, e->actor, e->actor_id,
		e->at, e->reason);
}

static dib_code read_event(struct store_stmt *st, dib_arena *a, void *out, dib_err *err)
{
	store_payroll_event *e = out;
	memset(e, 0, sizeof *e);
	e->id = store_col_int64(st, 0);
	e->run_id = store_col_int64(st, 1);
	dib_code rc = store__col_dup(st, 2, a, &e->action, err);
	if (!rc)
		rc = store__col_dup(st, 3, a, &e->township, err);
	if (!rc)
		rc = store__col_dup(st, 4, a, &e->actor, err);
	e->actor_id = store_col_int64(st, 5);
	if (!rc)
		rc = store__col_dup(st, 6, a, &e->at, err);
	if (!rc)
		rc = store__col_dup(st, 7, a, &e->reason, err);
	e->has_totals = !store_col_null(st, 8);
	e->totals.households = store_col_int64(st, 8);
	e->totals.persons = store_col_int64(st, 9);
	e->totals.total_fen = store_col_int64(st, 10);
	e->totals.lines = store_col_int64(st, 11); /* NULL (before v13): 0 */
	e->has_outcome = !store_col_null(st, 12);
	e->outcome.paid = store_col_int64(st, 12);
	e->outcome.paid_fen = store_col_int64(st, 13);
	e->outcome.failed = store_col_int64(st, 14);
	e->outcome.failed_fen = store_col_int64(st, 15);
	return rc;
}

dib_code store_payroll_events(struct store *s, int64_t run_id, dib_arena *a,
			      store_payroll_event **out, size_t *n, dib_err *err)
{
	void *rows = NULL;
	dib_code rc = store__select(s,
		"SELECT id, run_id, action, township_code, actor, actor_id, at, reason, households,"
		" persons, total_fen, lines, paid, paid_fen, failed, failed_fen FROM payroll_events"
		" WHERE run_id = $1 ORDER BY id",
		sizeof(store_payroll_event), read_event, a, &rows, n, err, "i", run_id);
	*out = rows;
	return rc;
}
