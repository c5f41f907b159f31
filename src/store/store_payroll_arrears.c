/*
 * store_payroll_arrears.c — what an arrears run reads and writes
 * (store_payroll.h): the lines already counted for a period, and the
 * overpayments a recomputation finds.
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#include "util/dib.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/store_payroll.h"
#include "store/store_payroll_int.h"

#include <string.h>

static dib_code read_counted(struct store_stmt *st, dib_arena *a, void *out, dib_err *err)
{
	store_payroll_counted *c = out;
	memset(c, 0, sizeof *c);
	c->household_id = store_col_int64(st, 0);
	c->person_id = store_col_int64(st, 1);
	c->fen = store_col_int64(st, 2);
	return store__col_dup(st, 3, a, &c->detail, err);
}

dib_code store_payroll_counted_lines(struct store *s, const char *county, const char *program,
				     const char *period, dib_arena *a, store_payroll_counted **out,
				     size_t *n, dib_err *err)
{
	void *rows = NULL;
	dib_code rc = store__select(s,
		"SELECT household_id, person_id, base_fen + addon_fen, " STORE_LINE_DETAIL("")
		" FROM payroll_lines"
		" WHERE county = $1 AND program = $2 AND period = $3 AND status <> 'void'"
		" AND NOT (status = 'failed' AND reissued_by IS NOT NULL)"
		" ORDER BY household_id, person_id, id",
		sizeof(store_payroll_counted), read_counted, a, &rows, n, err, "TTT", county, program,
		period);
	*out = rows;
	return rc;
}

dib_code store_overpayment_insert(struct store *s, const char *county, store_overpayment *o,
				  dib_err *err)
{
	if (!store_in_tx(s))
		return dib_err_set(err, DIB_EINTERNAL, "内部错误：写入应追缴须在事务中");
	dib_code rc = store_ids_reserve(s, "overpayment", 1, &o->id, err);
	if (!rc)
		rc = store__write(s, NULL, err,
			"INSERT INTO overpayments (county, id, household_id, person_id, program, period,"
			" amount_fen, reason, note, plan, found_run_id, created_at, created_by) VALUES"
			" ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
			"TiiiTTiTtTnTT", county, o->id, o->household_id, o->person_id, o->program,
			o->period, o->amount_fen, o->reason, o->note, o->plan, o->found_run_id,
			o->created_at, o->created_by);
	return rc;
}
