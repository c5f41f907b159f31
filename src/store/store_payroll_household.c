/*
 * store_payroll_household.c — one household's money (store_payroll.h): its
 * entitlements with the basis of each decision, and every payroll line
 * ever built for it, for the household page's month-by-month account.
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#include "util/dib.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/store_payroll.h"
#include "store/store_payroll_int.h"

#include <string.h>

static dib_code read_basis(struct store_stmt *st, dib_arena *a, void *out, dib_err *err)
{
	store_payroll_basis *b = out;
	memset(b, 0, sizeof *b);
	b->entitlement_id = store_col_int64(st, 0);
	dib_code rc = store__col_dup(st, 1, a, &b->program, err);
	store__col_char(st, 2, b->from_month, sizeof b->from_month);
	store__col_char(st, 3, b->to_month, sizeof b->to_month);
	b->amount_fen = store_col_int64(st, 4);
	b->base_fen = store_col_int64(st, 5);
	b->addon_fen = store_col_int64(st, 6);
	b->income_fen = store_col_int64(st, 7);
	b->persons = (int)store_col_int64(st, 8);
	if (!rc)
		rc = store__col_dup(st, 9, a, &b->decision_no, err);
	return rc;
}

dib_code store_payroll_household_basis(struct store *s, int64_t household_id, dib_arena *a,
				       store_payroll_basis **out, size_t *n, dib_err *err)
{
	void *rows = NULL;
	dib_code rc = store__select(s,
		"SELECT id, program, from_month, to_month, amount_fen, coalesce(base_fen, -1),"
		" addon_fen, coalesce(income_fen, -1), persons, decision_no FROM entitlements"
		" WHERE household_id = $1 ORDER BY program, from_month, id",
		sizeof(store_payroll_basis), read_basis, a, &rows, n, err, "i", household_id);
	*out = rows;
	return rc;
}

static dib_code read_hline(struct store_stmt *st, dib_arena *a, void *out, dib_err *err)
{
	store_payroll_hline *h = out;
	memset(h, 0, sizeof *h);
	h->id = store_col_int64(st, 0);
	h->run_id = store_col_int64(st, 1);
	dib_code rc = DIB_OK;
	const char **t[] = { &h->run_no, &h->run_state, &h->program, &h->period, &h->kind,
			     &h->status, &h->bank_reason, &h->detail };
	for (size_t i = 0; !rc && i < DIB_ARRAY_LEN(t); i++)
		rc = store__col_dup(st, 2 + (int)i, a, t[i], err);
	h->person_id = store_col_int64(st, 10);
	h->base_fen = store_col_int64(st, 11);
	h->addon_fen = store_col_int64(st, 12);
	h->deduction_fen = store_col_int64(st, 13);
	h->total_fen = store_col_int64(st, 14);
	h->reissued = !store_col_null(st, 15);
	return rc;
}

/* A household's lines ($1) whose status is as the text that follows. */
#define HLINE_SQL                                                                          \
	"SELECT l.id, l.run_id, r.run_no, r.state, l.program, l.period, l.kind, l.status,"  \
	" l.bank_reason, " STORE_LINE_DETAIL("l.") ", l.person_id, l.base_fen, l.addon_fen," \
	" l.deduction_fen, l.total_fen, l.reissued_by, r.first_month"                       \
	" FROM payroll_lines l JOIN payroll_runs r ON r.id = l.run_id"                       \
	" WHERE l.household_id = $1 AND"

dib_code store_payroll_household_lines(struct store *s, int64_t household_id, dib_arena *a,
				       store_payroll_hline **out, size_t *n, dib_err *err)
{
	void *rows = NULL;
	/* status <> 'void', written as the two partial indexes that lead with
	 * the household (schema v14): pending or paid (payroll_lines_once), and
	 * failed (payroll_lines_failed); ordered by program, the run's first
	 * month, period and line */
	dib_code rc = store__select(s,
		HLINE_SQL " (l.status = 'pending' OR l.status = 'paid')"
		" UNION ALL " HLINE_SQL " l.status = 'failed'"
		" ORDER BY 5, 17, 6, 1",
		sizeof(store_payroll_hline), read_hline, a, &rows, n, err, "i", household_id);
	*out = rows;
	return rc;
}

dib_code store_payroll_first_month(struct store *s, const char *county, const char *program,
				   char out[DIB_DATE_STR], dib_err *err)
{
	out[0] = '\0';
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s,
		"SELECT min(first_month) FROM payroll_runs WHERE county = $1 AND program = $2"
		" AND state <> 'cancelled'",
		&st, err);
	if (!rc)
		rc = store__bind(st, err, "TT", county, program);
	bool row = false;
	if (!rc)
		rc = store_step(st, &row, err);
	if (!rc && row && !store_col_null(st, 0))
		store__col_char(st, 0, out, DIB_DATE_STR);
	store_finalize(st);
	return rc;
}
