/*
 * store_payroll_recover.c — overpayments (应追缴) and what recovers them
 * (store_payroll.h, "recovering overpayments"): the overpayments with the
 * sums of their recoveries, the open ones a roster deducts from, the
 * recoveries themselves (deductions on lines, repayments with a receipt),
 * and closing what is recovered.
 *
 * The sums are computed in SQL from the recoveries and their lines' status
 * every time they are read, never stored: a line the bank pays or fails
 * moves them without a second write to keep in step.
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#include "util/dib.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/store_payroll.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static dib_code need_tx(struct store *s, dib_err *err)
{
	return store_in_tx(s) ? DIB_OK
			      : dib_err_set(err, DIB_EINTERNAL, "内部错误：写入应追缴须在事务中");
}

/* The sums of overpayment o.id's recoveries: counted (repaid, or deducted
 * on a paid line) and set aside (deducted on a line pending at the bank). */
#define RECOVERED_SQL                                                                      \
	"coalesce((SELECT sum(r.amount_fen) FROM recoveries r LEFT JOIN payroll_lines l"    \
	" ON l.id = r.line_id WHERE r.overpayment_id = o.id AND (r.kind = 'repayment'"       \
	" OR l.status = 'paid')), 0)"
#define PENDING_SQL                                                                        \
	"coalesce((SELECT sum(r.amount_fen) FROM recoveries r JOIN payroll_lines l"         \
	" ON l.id = r.line_id WHERE r.overpayment_id = o.id AND l.status = 'pending'), 0)"

#define ROW_SQL                                                                               \
	"SELECT o.id, o.household_id, o.person_id, o.program, o.period, o.reason, o.note,"     \
	" o.plan, o.amount_fen, coalesce(o.found_run_id, 0), o.created_at, o.created_by,"      \
	" o.closed_on, o.closed_reason, h.hh_no, h.village_code, p.name, " RECOVERED_SQL ", "  \
	PENDING_SQL ", o.cancelled_fen, o.waived_fen, o.waiver_reason, o.waiver_doc"            \
	" FROM overpayments o JOIN households h ON h.id = o.household_id"                       \
	" LEFT JOIN persons p ON p.id = o.person_id"

static dib_code read_row(struct store_stmt *st, dib_arena *a, void *out, dib_err *err)
{
	store_overpayment_row *r = out;
	memset(r, 0, sizeof *r);
	store_overpayment *o = &r->o;
	o->id = store_col_int64(st, 0);
	o->household_id = store_col_int64(st, 1);
	o->person_id = store_col_int64(st, 2);
	dib_code rc = DIB_OK;
	const char **t1[] = { &o->program, &o->period, &o->reason, &o->note, &o->plan };
	for (size_t i = 0; !rc && i < DIB_ARRAY_LEN(t1); i++)
		rc = store__col_dup(st, 3 + (int)i, a, t1[i], err);
	o->amount_fen = store_col_int64(st, 8);
	o->found_run_id = store_col_int64(st, 9);
	if (!rc)
		rc = store__col_dup(st, 10, a, &o->created_at, err);
	if (!rc)
		rc = store__col_dup(st, 11, a, &o->created_by, err);
	store__col_char(st, 12, o->closed_on, sizeof o->closed_on);
	if (!rc)
		rc = store__col_dup(st, 13, a, &o->closed_reason, err);
	if (!rc)
		rc = store__col_dup(st, 14, a, &r->hh_no, err);
	store__col_char(st, 15, r->village, sizeof r->village);
	if (!rc)
		rc = store__col_dup(st, 16, a, &r->person_name, err);
	r->recovered_fen = store_col_int64(st, 17);
	r->pending_fen = store_col_int64(st, 18);
	r->cancelled_fen = store_col_int64(st, 19);
	r->waived_fen = store_col_int64(st, 20);
	if (!rc)
		rc = store__col_dup(st, 21, a, &r->waiver_reason, err);
	if (!rc)
		rc = store__col_dup(st, 22, a, &r->waiver_doc, err);
	r->outstanding_fen =
		o->amount_fen - r->cancelled_fen - r->recovered_fen - r->pending_fen;
	return rc;
}

/* The WHERE of a list: $1 county, $2 household, $3 region prefix, $4 open only. */
#define LIST_WHERE                                                                         \
	" WHERE o.county = $1 AND ($2 = 0 OR o.household_id = $2)"                          \
	" AND ($3 = '' OR h.village_code LIKE $3 || '%') AND ($4 = 0 OR o.closed_on IS NULL)"

dib_code store_overpayments_list(struct store *s, const store_overpayment_filter *f, dib_arena *a,
				 store_overpayment_row **out, size_t *n, int64_t *total,
				 dib_err *err)
{
	*out = NULL;
	*n = 0;
	*total = 0;
	const char *region = f->region ? f->region : "";
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s,
		"SELECT count(*) FROM overpayments o JOIN households h ON h.id = o.household_id"
		LIST_WHERE, &st, err);
	if (!rc)
		rc = store__bind(st, err, "TiTi", f->county, f->household_id, region,
				 (int64_t)f->open_only);
	bool row = false;
	if (!rc)
		rc = store_step(st, &row, err);
	if (!rc && row)
		*total = store_col_int64(st, 0);
	store_finalize(st);
	void *rows = NULL;
	if (!rc)
		rc = store__select(s, ROW_SQL LIST_WHERE " ORDER BY o.id LIMIT $5 OFFSET $6",
				   sizeof(store_overpayment_row), read_row, a, &rows, n, err, "TiTiii",
				   f->county, f->household_id, region, (int64_t)f->open_only,
				   f->limit, f->offset);
	*out = rows;
	return rc;
}

dib_code store_overpayment_get(struct store *s, int64_t id, dib_arena *a,
			       store_overpayment_row *out, bool *found, dib_err *err)
{
	return store__select_one(s, ROW_SQL " WHERE o.id = $1", read_row, a, out, found, err, "i",
				 id);
}

dib_code store_overpayment_lock(struct store *s, int64_t id, dib_err *err)
{
	dib_code rc = need_tx(s, err);
	if (!rc)
		rc = store__write(s, NULL, err, "UPDATE overpayments SET plan = plan WHERE id = $1",
				  "i", id);
	return rc;
}

dib_code store_overpayment_set_plan(struct store *s, int64_t id, const char *plan,
				    int64_t *changed, dib_err *err)
{
	dib_code rc = need_tx(s, err);
	if (!rc)
		rc = store__write(s, changed, err,
			"UPDATE overpayments SET plan = $1 WHERE id = $2 AND closed_on IS NULL", "Ti",
			plan, id);
	return rc;
}

static dib_code read_due(struct store_stmt *st, dib_arena *a, void *out, dib_err *err)
{
	(void)a;
	(void)err;
	store_overpayment_due *d = out;
	d->id = store_col_int64(st, 0);
	d->household_id = store_col_int64(st, 1);
	d->person_id = store_col_int64(st, 2);
	d->outstanding_fen = store_col_int64(st, 3);
	return DIB_OK;
}

dib_code store_overpayments_to_deduct(struct store *s, const char *county, const char *program,
				      dib_arena *a, store_overpayment_due **out, size_t *n,
				      dib_err *err)
{
	*out = NULL;
	*n = 0;
	dib_code rc = need_tx(s, err);
	if (!rc)
		rc = store__write(s, NULL, err,
			"UPDATE overpayments SET plan = plan WHERE county = $1 AND program = $2"
			" AND closed_on IS NULL AND plan = 'deduct'",
			"TT", county, program);
	void *rows = NULL;
	if (!rc)
		rc = store__select(s,
			"SELECT id, household_id, person_id, amount_fen - cancelled_fen - coalesce((SELECT"
			" sum(r.amount_fen) FROM recoveries r LEFT JOIN payroll_lines l ON l.id = r.line_id"
			" WHERE r.overpayment_id = o.id AND (r.kind = 'repayment'"
			" OR l.status IN ('paid', 'pending'))), 0) FROM overpayments o"
			" WHERE county = $1 AND program = $2 AND closed_on IS NULL AND plan = 'deduct'"
			" ORDER BY household_id, person_id, id",
			sizeof(store_overpayment_due), read_due, a, &rows, n, err, "TT", county,
			program);
	*out = rows;
	return rc;
}

static dib_code read_net(struct store_stmt *st, dib_arena *a, void *out, dib_err *err)
{
	(void)a;
	(void)err;
	store_overpayment_net *d = out;
	d->id = store_col_int64(st, 0);
	d->household_id = store_col_int64(st, 1);
	d->person_id = store_col_int64(st, 2);
	d->outstanding_fen = store_col_int64(st, 3);
	d->waived_fen = store_col_int64(st, 4);
	return DIB_OK;
}

/* The recomputed overpayments of a period a reversal may meet: $1 county,
 * $2 program, $3 period. */
#define NET_WHERE                                                                          \
	" WHERE county = $1 AND program = $2 AND period = $3 AND reason = 'recompute'"       \
	" AND (closed_on IS NULL OR waived_fen > 0)"

dib_code store_overpayments_to_net(struct store *s, const char *county, const char *program,
				   const char *period, dib_arena *a, store_overpayment_net **out,
				   size_t *n, dib_err *err)
{
	*out = NULL;
	*n = 0;
	dib_code rc = need_tx(s, err);
	if (!rc)
		rc = store__write(s, NULL, err, "UPDATE overpayments SET plan = plan" NET_WHERE,
				  "TTT", county, program, period);
	void *rows = NULL;
	if (!rc)
		rc = store__select(s,
			"SELECT id, household_id, person_id, CASE WHEN closed_on IS NULL THEN"
			" amount_fen - cancelled_fen - coalesce((SELECT sum(r.amount_fen) FROM recoveries r"
			" LEFT JOIN payroll_lines l ON l.id = r.line_id WHERE r.overpayment_id = o.id"
			" AND (r.kind = 'repayment' OR l.status IN ('paid', 'pending'))), 0) ELSE 0 END,"
			" waived_fen FROM overpayments o" NET_WHERE
			" ORDER BY household_id, person_id, id",
			sizeof(store_overpayment_net), read_net, a, &rows, n, err, "TTT", county,
			program, period);
	*out = rows;
	return rc;
}

dib_code store_overpayment_cancel(struct store *s, int64_t id, int64_t cancel_fen,
			       int64_t unwaive_fen, const char *on, dib_err *err)
{
	dib_code rc = need_tx(s, err);
	if (!rc)
		rc = store__write(s, NULL, err,
			"UPDATE overpayments SET cancelled_fen = cancelled_fen + $1,"
			" waived_fen = waived_fen - $2,"
			/* a waiver that nothing is left of was moot: netted */
			" closed_reason = CASE WHEN closed_reason = 'waived' AND waived_fen = $2"
			" THEN 'netted' ELSE closed_reason END WHERE id = $3",
			"iii", cancel_fen, unwaive_fen, id);
	/* nothing left to recover, nothing at the bank: closed */
	if (!rc)
		rc = store__write(s, NULL, err,
			"UPDATE overpayments SET closed_on = $1, closed_reason = 'netted'"
			" WHERE id = $2 AND closed_on IS NULL"
			" AND amount_fen - cancelled_fen <= coalesce((SELECT sum(r.amount_fen)"
			" FROM recoveries r LEFT JOIN payroll_lines l ON l.id = r.line_id"
			" WHERE r.overpayment_id = overpayments.id AND (r.kind = 'repayment'"
			" OR l.status = 'paid')), 0)",
			"Ti", on, id);
	return rc;
}

dib_code store_overpayment_waive(struct store *s, int64_t id, int64_t fen, const char *reason,
				 const char *doc, const char *on, dib_err *err)
{
	dib_code rc = need_tx(s, err);
	if (!rc)
		rc = store__write(s, NULL, err,
			"UPDATE overpayments SET cancelled_fen = cancelled_fen + $1,"
			" waived_fen = waived_fen + $1, waiver_reason = $2, waiver_doc = $3,"
			" closed_on = $4, closed_reason = 'waived' WHERE id = $5 AND closed_on IS NULL",
			"iTTTi", fen, reason, doc, on, id);
	return rc;
}

/* ---- recoveries ---- */

static const char *const rec_cols[] = {
	"county", "id", "overpayment_id", "kind", "line_id", "amount_fen", "receipt_no",
	"paid_on", "at", "actor",
};
#define REC_NCOLS ((int)DIB_ARRAY_LEN(rec_cols))

dib_code store_recoveries_insert(struct store *s, const char *county, store_recovery *r, size_t n,
				 dib_err *err)
{
	dib_code rc = need_tx(s, err);
	if (rc || n == 0)
		return rc;
	int64_t first = 0;
	rc = store_ids_reserve(s, "recovery", (int64_t)n, &first, err);
	struct store_bulk *b = NULL;
	if (!rc)
		rc = store_bulk_begin(s, "recoveries", rec_cols, REC_NCOLS, &b, err);
	size_t i = 0;
	for (; !rc && i < n; i++) {
		char id[24], op[24], line[24], fen[24];
		r[i].id = first + (int64_t)i;
		snprintf(id, sizeof id, "%" PRId64, r[i].id);
		snprintf(op, sizeof op, "%" PRId64, r[i].overpayment_id);
		snprintf(line, sizeof line, "%" PRId64, r[i].line_id);
		snprintf(fen, sizeof fen, "%" PRId64, r[i].amount_fen);
		const char *v[REC_NCOLS] = { county, id, op, r[i].kind, r[i].line_id ? line : NULL,
					     fen, r[i].receipt_no, r[i].paid_on[0] ? r[i].paid_on : NULL,
					     r[i].at, r[i].actor };
		size_t len[REC_NCOLS];
		for (int c = 0; c < REC_NCOLS; c++)
			len[c] = v[c] ? strlen(v[c]) : 0;
		rc = store_bulk_row(b, v, len, err);
	}
	if (b) {
		if (rc)
			store_bulk_abort(b);
		else
			rc = store_bulk_end(b, NULL, err);
	}
	if (rc == DIB_ECONFLICT && strstr(err->detail, "receipt")) {
		/* one repayment at a time: the receipt is its */
		const char *no = n == 1 && r[0].receipt_no ? r[0].receipt_no : "";
		dib_err_clear(err);
		rc = dib_err_set(err, DIB_ECONFLICT, "收据号“%s”已经登记过，同一张收据不能重复登记", no);
	}
	return rc;
}

static dib_code read_recovery(struct store_stmt *st, dib_arena *a, void *out, dib_err *err)
{
	store_recovery *r = out;
	memset(r, 0, sizeof *r);
	r->id = store_col_int64(st, 0);
	r->overpayment_id = store_col_int64(st, 1);
	dib_code rc = store__col_dup(st, 2, a, &r->kind, err);
	r->line_id = store_col_int64(st, 3);
	r->amount_fen = store_col_int64(st, 4);
	if (!rc)
		rc = store__col_dup(st, 5, a, &r->receipt_no, err);
	store__col_char(st, 6, r->paid_on, sizeof r->paid_on);
	const char **t[] = { &r->at, &r->actor, &r->program, &r->line_status, &r->run_no,
			     &r->line_period };
	for (size_t i = 0; !rc && i < DIB_ARRAY_LEN(t); i++)
		rc = store__col_dup(st, 7 + (int)i, a, t[i], err);
	r->run_id = store_col_int64(st, 13);
	r->counted = !strcmp(r->kind, "repayment") ||
		     (r->line_status && !strcmp(r->line_status, "paid"));
	return rc;
}

dib_code store_recoveries(struct store *s, const store_recovery_filter *f, dib_arena *a,
			  store_recovery **out, size_t *n, dib_err *err)
{
	void *rows = NULL;
	dib_code rc = store__select(s,
		"SELECT r.id, r.overpayment_id, r.kind, coalesce(r.line_id, 0), r.amount_fen,"
		" r.receipt_no, r.paid_on, r.at, r.actor, o.program, l.status, u.run_no, l.period,"
		" coalesce(l.run_id, 0)"
		" FROM recoveries r JOIN overpayments o ON o.id = r.overpayment_id"
		" LEFT JOIN payroll_lines l ON l.id = r.line_id"
		" LEFT JOIN payroll_runs u ON u.id = l.run_id"
		" WHERE ($1 = 0 OR r.overpayment_id = $1) AND ($2 = 0 OR o.household_id = $2)"
		" AND ($3 = 0 OR r.line_id = $3) ORDER BY r.id",
		sizeof(store_recovery), read_recovery, a, &rows, n, err, "iii", f->overpayment_id,
		f->household_id, f->line_id);
	*out = rows;
	return rc;
}

dib_code store_recoveries_delete_run(struct store *s, int64_t run_id, const char *township,
				     int64_t *deleted, dib_err *err)
{
	dib_code rc = need_tx(s, err);
	if (!rc)
		rc = store__write(s, deleted, err,
			"DELETE FROM recoveries WHERE line_id IN (SELECT id FROM payroll_lines"
			" WHERE run_id = $1 AND ($2 = '' OR township_code = $2))",
			"iT", run_id, township ? township : "");
	return rc;
}

dib_code store_overpayments_close_recovered(struct store *s, int64_t run_id,
					    int64_t overpayment_id, const char *on,
					    int64_t *closed, dib_err *err)
{
	dib_code rc = need_tx(s, err);
	if (!rc)
		rc = store__write(s, closed, err,
			"UPDATE overpayments SET closed_on = $1, closed_reason = 'recovered'"
			" WHERE closed_on IS NULL"
			" AND ($2 = 0 OR id IN (SELECT r.overpayment_id FROM recoveries r"
			" JOIN payroll_lines l ON l.id = r.line_id WHERE l.run_id = $2"
			" AND l.status = 'paid'))"
			" AND ($3 = 0 OR id = $3)"
			" AND amount_fen - cancelled_fen <= coalesce((SELECT sum(r.amount_fen) FROM recoveries r"
			" LEFT JOIN payroll_lines l ON l.id = r.line_id"
			" WHERE r.overpayment_id = overpayments.id AND (r.kind = 'repayment'"
			" OR l.status = 'paid')), 0)",
			"Tii", on, run_id, overpayment_id);
	return rc;
}

static dib_code read_recorded(struct store_stmt *st, dib_arena *a, void *out, dib_err *err)
{
	(void)a;
	(void)err;
	store_payroll_counted *c = out;
	memset(c, 0, sizeof *c);
	c->household_id = store_col_int64(st, 0);
	c->person_id = store_col_int64(st, 1);
	c->fen = store_col_int64(st, 2);
	return DIB_OK;
}

dib_code store_overpaid_recorded(struct store *s, const char *county, const char *program,
				 const char *period, dib_arena *a, store_payroll_counted **out,
				 size_t *n, dib_err *err)
{
	void *rows = NULL;
	dib_code rc = store__select(s,
		"SELECT household_id, person_id, sum(amount_fen - cancelled_fen + waived_fen)"
		" FROM overpayments"
		" WHERE county = $1 AND program = $2 AND period = $3 AND reason = 'recompute'"
		" GROUP BY household_id, person_id ORDER BY household_id, person_id",
		sizeof(store_payroll_counted), read_recorded, a, &rows, n, err, "TTT", county,
		program, period);
	*out = rows;
	return rc;
}

dib_code store_overpayment_member(struct store *s, int64_t household_id, int64_t person_id,
				  bool *found, dib_err *err)
{
	char h[24], p[24];
	snprintf(h, sizeof h, "%" PRId64, household_id);
	snprintf(p, sizeof p, "%" PRId64, person_id);
	int64_t n = 0;
	bool any = false;
	dib_code rc = store_query_int64(s,
		"SELECT count(*) FROM memberships WHERE household_id = $1 AND person_id = $2", 2,
		(const char *const[]){ h, p }, &n, &any, err);
	*found = !rc && n > 0;
	return rc;
}
