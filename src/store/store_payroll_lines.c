/*
 * store_payroll_lines.c — the frozen lines of a payroll run and the walk
 * over the register a roster is built from (store_payroll.h).
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#include "util/dib.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/store_payroll.h"
#include "store/store_payroll_int.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The columns of a line as store_payroll_lines_insert writes them. */
static const char *const line_cols[] = {
	"county", "id", "run_id", "program", "period", "kind", "slot", "household_id",
	"person_id", "township_code", "village_code", "village_name", "hh_no", "payee_name",
	"payee_id_number", "bank_name", "bank_account", "account_name", "persons", "base_fen",
	"addon_fen", "deduction_fen", "total_fen", "detail", "status", "reissue_of",
	"entitlement_id",
};
#define LINE_NCOLS ((int)DIB_ARRAY_LEN(line_cols))

/* One row of a bulk load as text, its numbers formatted into nums. */
struct line_row {
	const char *vals[LINE_NCOLS];
	size_t lens[LINE_NCOLS];
	char nums[LINE_NCOLS][24];
};

/* v in decimal into out (room for 21 bytes); its length. snprintf's
 * parsing of the format was a tenth of a million-line build. */
static size_t fmt_i64(int64_t v, char *out)
{
	char tmp[24];
	size_t n = 0;
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	size_t len = 0;
	if (v < 0)
		out[len++] = '-';
	while (n)
		out[len++] = tmp[--n];
	out[len] = 0;
	return len;
}

/* Fills r from the values in fmt's letters, as store__bind binds them:
 * 'T' text (NULL is NULL), 't' text ("" is NULL too), 'i' int64,
 * 'n' int64 (0 is NULL). */
static void line_row_fill(struct line_row *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	for (int c = 0; c < LINE_NCOLS && fmt[c]; c++) {
		if (fmt[c] == 't' || fmt[c] == 'T') {
			const char *v = va_arg(ap, const char *);
			r->vals[c] = !v || (fmt[c] == 't' && !v[0]) ? NULL : v;
		} else {
			int64_t v = va_arg(ap, int64_t);
			r->lens[c] = fmt_i64(v, r->nums[c]);
			r->vals[c] = fmt[c] == 'n' && !v ? NULL : r->nums[c];
			continue;
		}
		r->lens[c] = r->vals[c] ? strlen(r->vals[c]) : 0;
	}
	va_end(ap);
}

/* The household of a payroll_lines_once violation: lines[at] when the
 * failing row is known (SQLite checks row by row), else the household_id
 * of the key PostgreSQL names in the detail ("Key (household_id, program,
 * period, slot, person_id)=(42, dibao_urban, 2026-11, regular, 0) …"),
 * found at the place of its name among the key's columns. */
static const char *once_household(const dib_err *err, const store_payroll_line *lines, size_t n,
				  size_t at)
{
	if (at < n)
		return lines[at].hh_no;
	const char *names = strstr(err->detail, "Key (");
	const char *k = strstr(err->detail, ")=(");
	const char *name = names ? strstr(names, "household_id") : NULL;
	if (!k || !name || name > k)
		return NULL;
	k += 2; /* at the '(' of the values; a comma before each later one */
	for (const char *c = names; k && (c = strchr(c + 1, ',')) && c < name;)
		k = strchr(k + 1, ',');
	if (!k)
		return NULL;
	int64_t hh = strtoll(k + 1, NULL, 10);
	for (size_t i = 0; i < n; i++)
		if (lines[i].household_id == hh)
			return lines[i].hh_no;
	return NULL;
}

dib_code store_payroll_lines_insert(struct store *s, const char *county, store_payroll_line *lines,
				    size_t n, dib_err *err)
{
	if (!store_in_tx(s))
		return dib_err_set(err, DIB_EINTERNAL, "内部错误：写入补贴清册须在事务中");
	if (n == 0)
		return DIB_OK;
	int64_t first = 0;
	dib_code rc = store_ids_reserve(s, "payroll_line", (int64_t)n, &first, err);
	/* A bulk load, not n INSERTs: on PostgreSQL one COPY instead of n round
	 * trips (a million-line run took 115 s, now 27 s: docs/performance.md);
	 * on SQLite the same prepared INSERT, bound once per row. */
	struct store_bulk *b = NULL;
	if (!rc)
		rc = store_bulk_begin(s, "payroll_lines", line_cols, LINE_NCOLS, &b, err);
	struct line_row r;
	size_t i = 0;
	for (; !rc && i < n; i++) {
		store_payroll_line *l = &lines[i];
		l->id = first + (int64_t)i;
		/* a line without detail is read back from its entitlement */
		if (!l->detail && !l->entitlement_id) {
			rc = dib_err_set(err, DIB_EINTERNAL,
					 "内部错误：补贴清册行既无明细也无待遇");
			continue;
		}
		line_row_fill(&r, "TiiTTTTiiTTTTTTtttiiiiitTnn", county, l->id, l->run_id,
			      l->program, l->period, l->kind, l->slot, l->household_id,
			      l->person_id, l->township, l->village, l->village_name, l->hh_no,
			      l->payee_name, l->payee_id_number, l->bank_name, l->bank_account,
			      l->account_name, (int64_t)l->persons, l->base_fen, l->addon_fen,
			      l->deduction_fen, l->total_fen, l->detail,
			      l->status ? l->status : "pending", l->reissue_of, l->entitlement_id);
		rc = store_bulk_row(b, r.vals, r.lens, err);
	}
	if (b) {
		/* the failing row, when the engine said which (else n) */
		size_t at = rc ? i - 1 : n;
		if (rc)
			store_bulk_abort(b);
		else
			rc = store_bulk_end(b, NULL, err);
		/* SQLite names the index's columns, PostgreSQL the index */
		if (rc == DIB_ECONFLICT && (strstr(err->detail, "payroll_lines_once") ||
					    strstr(err->detail, "payroll_lines.person_id"))) {
			const char *hh = once_household(err, lines, n, at);
			dib_err_clear(err);
			rc = dib_err_set(err, DIB_ECONFLICT,
					 "户 %s 本期的这项发放已在其他批次中，不能重复发放",
					 hh ? hh : "?");
		}
	}
	return rc;
}

dib_code store_payroll_lines_delete(struct store *s, int64_t run_id, const char *township,
				    int64_t *deleted, dib_err *err)
{
	if (!store_in_tx(s))
		return dib_err_set(err, DIB_EINTERNAL, "内部错误：写入补贴清册须在事务中");
	return store__write(s, deleted, err,
		"DELETE FROM payroll_lines WHERE run_id = $1 AND township_code = $2", "iT", run_id,
		township);
}

dib_code store_payroll_lines_status(struct store *s, int64_t run_id, const char *status,
				    dib_err *err)
{
	if (!store_in_tx(s))
		return dib_err_set(err, DIB_EINTERNAL, "内部错误：写入补贴清册须在事务中");
	return store__write(s, NULL, err,
		"UPDATE payroll_lines SET status = $1 WHERE run_id = $2 AND status = 'pending'", "Ti",
		status, run_id);
}

dib_code store_payroll_lines_sum(struct store *s, int64_t run_id, const char *township,
				 store_payroll_totals *out, dib_err *err)
{
	memset(out, 0, sizeof *out);
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s,
		"SELECT count(DISTINCT household_id), coalesce(sum(persons), 0),"
		" coalesce(sum(total_fen), 0), count(*) FROM payroll_lines WHERE run_id = $1"
		" AND status <> 'void' AND ($2 = '' OR township_code = $2)",
		&st, err);
	if (!rc)
		rc = store__bind(st, err, "iT", run_id, township ? township : "");
	bool row = false;
	if (!rc)
		rc = store_step(st, &row, err);
	if (!rc && row) {
		out->households = store_col_int64(st, 0);
		out->persons = store_col_int64(st, 1);
		out->total_fen = store_col_int64(st, 2);
		out->lines = store_col_int64(st, 3);
	}
	store_finalize(st);
	return rc;
}

dib_code store_payroll_lines_without_account(struct store *s, int64_t run_id,
					     const char *township, int64_t *n, dib_err *err)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)run_id);
	bool found = false;
	*n = 0;
	return store_query_int64(s,
		"SELECT count(*) FROM payroll_lines WHERE run_id = $1 AND status <> 'void'"
		" AND ($2 = '' OR township_code = $2)"
		" AND (bank_account IS NULL OR bank_account = '')",
		2, (const char *const[]){ id, township ? township : "" }, n, &found, err);
}

#define LINE_COLS                                                                              \
	"id, run_id, program, period, kind, slot, household_id, person_id, township_code,"     \
	" village_code, village_name, hh_no, payee_name, payee_id_number, bank_name,"          \
	" bank_account, account_name, persons, base_fen, addon_fen, deduction_fen, total_fen," \
	" " STORE_LINE_DETAIL("") ", status, bank_reason, returned_at, reissue_of"

static dib_code read_line(struct store_stmt *st, dib_arena *a, void *out, dib_err *err)
{
	store_payroll_line *l = out;
	memset(l, 0, sizeof *l);
	l->id = store_col_int64(st, 0);
	l->run_id = store_col_int64(st, 1);
	dib_code rc = DIB_OK;
	const char **head[] = { &l->program, &l->period, &l->kind, &l->slot };
	for (size_t i = 0; !rc && i < DIB_ARRAY_LEN(head); i++)
		rc = store__col_dup(st, 2 + (int)i, a, head[i], err);
	l->household_id = store_col_int64(st, 6);
	l->person_id = store_col_int64(st, 7);
	store__col_char(st, 8, l->township, sizeof l->township);
	store__col_char(st, 9, l->village, sizeof l->village);
	const char **mid[] = { &l->village_name, &l->hh_no, &l->payee_name, &l->payee_id_number,
			       &l->bank_name, &l->bank_account, &l->account_name };
	for (size_t i = 0; !rc && i < DIB_ARRAY_LEN(mid); i++)
		rc = store__col_dup(st, 10 + (int)i, a, mid[i], err);
	l->persons = (int)store_col_int64(st, 17);
	l->base_fen = store_col_int64(st, 18);
	l->addon_fen = store_col_int64(st, 19);
	l->deduction_fen = store_col_int64(st, 20);
	l->total_fen = store_col_int64(st, 21);
	const char **tail[] = { &l->detail, &l->status, &l->bank_reason, &l->returned_at };
	for (size_t i = 0; !rc && i < DIB_ARRAY_LEN(tail); i++)
		rc = store__col_dup(st, 22 + (int)i, a, tail[i], err);
	l->reissue_of = store_col_int64(st, 26);
	return rc;
}

/* The WHERE of a filtered page; $1 run, $2 township, $3 village, $4 status, $5 q. */
#define LINE_FILTER                                                                        \
	" FROM payroll_lines WHERE run_id = $1 AND ($2 = '' OR township_code = $2)"       \
	" AND ($3 = '' OR village_code = $3) AND ($4 = '' OR status = $4)"                 \
	" AND ($5 = '' OR hh_no LIKE $5 || '%' OR payee_name LIKE $5 || '%')"

dib_code store_payroll_lines_page(struct store *s, int64_t run_id,
				  const store_payroll_line_filter *f, dib_arena *a,
				  store_payroll_line **out, size_t *n, int64_t *total, dib_err *err)
{
	const char *t = f->township ? f->township : "", *v = f->village ? f->village : "";
	const char *x = f->status ? f->status : "", *q = f->q ? f->q : "";
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, "SELECT count(*)" LINE_FILTER, &st, err);
	if (!rc)
		rc = store__bind(st, err, "iTTTT", run_id, t, v, x, q);
	bool row = false;
	if (!rc)
		rc = store_step(st, &row, err);
	*total = !rc && row ? store_col_int64(st, 0) : 0;
	store_finalize(st);
	void *rows = NULL;
	*n = 0;
	if (!rc)
		rc = store__select(s,
			"SELECT " LINE_COLS LINE_FILTER
			" ORDER BY township_code, village_code, hh_no, person_id, id LIMIT $6 OFFSET $7",
			sizeof(store_payroll_line), read_line, a, &rows, n, err, "iTTTTii", run_id, t,
			v, x, q, f->limit, f->offset);
	*out = rows;
	return rc;
}

/* SQLite's page cache (KiB) while a roster walks the register; see below. */
#define WALK_CACHE_KIB 16384

/* SQLite: shrinks the connection's page cache for a walk over a county's
 * register (the previous size in *saved, 0 when unchanged). store_sqlite.c
 * gives every connection up to 1 GiB, allocated as pages are read, which
 * an import's index lookups need; a roster reads each page once and would
 * only fill the cache, and on the 2-core VM every fresh page costs a page
 * fault of about 40 µs: 290 000 of them for a million households, 13 s of
 * a 25 s build. The dirty pages of the build spill to the WAL as it goes
 * (still one transaction). */
static dib_code walk_cache(struct store *s, int64_t *saved, dib_err *err)
{
	*saved = 0;
	if (store_engine(s) != STORE_SQLITE)
		return DIB_OK;
	int64_t size = 0;
	bool found = false;
	dib_code rc = store_query_int64(s, "PRAGMA cache_size", 0, NULL, &size, &found, err);
	if (rc || !found || (size < 0 && size >= -WALK_CACHE_KIB))
		return rc;
	char sql[48];
	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", WALK_CACHE_KIB);
	rc = store_exec(s, sql, err);
	if (!rc)
		*saved = size;
	return rc;
}

/* Gives the cache its size back after walk_cache. */
static dib_code walk_cache_restore(struct store *s, int64_t saved, dib_err *err)
{
	if (!saved)
		return DIB_OK;
	char sql[48];
	snprintf(sql, sizeof sql, "PRAGMA cache_size = %" PRId64, saved);
	return store_exec(s, sql, err);
}

/* The register rows of a roster ($1 county, $2 program, $3 and $4 the
 * first days of the period's first and last months, $5 township or ""),
 * households in ascending id. The planner is to walk entitlements_payroll
 * in that order (no sort of a million rows, and the household, head and
 * person lookups then go through their tables in order): NOT (from_month >
 * $4) rather than from_month <= $4, so SQLite without statistics does not
 * prefer entitlements_county for the range and sort everything after. */
#define SOURCE_SQL                                                                                 \
	"SELECT e.household_id, e.id, h.hh_no, h.village_code, coalesce(v.parent_code, ''),"       \
	" coalesce(v.name, h.village_code), p.name, p.id_number, h.bank_name, h.bank_account,"     \
	" h.account_name, e.from_month, e.to_month, e.amount_fen, coalesce(e.base_fen, -1),"       \
	" e.addon_fen, e.persons, coalesce(e.income_fen, -1)"                                      \
	" FROM entitlements e JOIN households h ON h.id = e.household_id"                          \
	" LEFT JOIN regions v ON v.code = h.village_code"                                          \
	" LEFT JOIN memberships m ON m.household_id = h.id AND m.relation = 1"                     \
	" AND m.end_date IS NULL"                                                                  \
	" LEFT JOIN persons p ON p.id = m.person_id"                                               \
	" WHERE e.county = $1 AND e.program = $2 AND NOT (e.from_month > $4)"                      \
	" AND (e.to_month IS NULL OR e.to_month >= $3)"                                            \
	" AND ($5 = '' OR v.parent_code = $5)"                                                     \
	" ORDER BY e.household_id, e.from_month, e.id"

/* Rows per FETCH of the PostgreSQL cursor. */
#define FETCH_ROWS 4096

static void read_source(struct store_stmt *st, store_payroll_source *r)
{
	memset(r, 0, sizeof *r);
	r->household_id = store_col_int64(st, 0);
	r->entitlement_id = store_col_int64(st, 1);
	r->hh_no = store_col_text(st, 2);
	store__col_char(st, 3, r->village, sizeof r->village);
	store__col_char(st, 4, r->township, sizeof r->township);
	r->village_name = store_col_text(st, 5);
	r->head_name = store_col_null(st, 6) ? NULL : store_col_text(st, 6);
	r->head_id_number = store_col_null(st, 7) ? NULL : store_col_text(st, 7);
	r->bank_name = store_col_null(st, 8) ? NULL : store_col_text(st, 8);
	r->bank_account = store_col_null(st, 9) ? NULL : store_col_text(st, 9);
	r->account_name = store_col_null(st, 10) ? NULL : store_col_text(st, 10);
	store__col_char(st, 11, r->from_month, sizeof r->from_month);
	store__col_char(st, 12, r->to_month, sizeof r->to_month);
	r->amount_fen = store_col_int64(st, 13);
	r->base_fen = store_col_int64(st, 14);
	r->addon_fen = store_col_int64(st, 15);
	r->persons = (int)store_col_int64(st, 16);
	r->income_fen = store_col_int64(st, 17);
}

/* Calls fn for each row of st, *n gets how many there were. */
static dib_code each_source(struct store_stmt *st, store_payroll_source_fn fn, void *ctx,
			    int64_t *n, dib_err *err)
{
	dib_code rc = DIB_OK;
	*n = 0;
	for (bool row = true; !rc && row;) {
		rc = store_step(st, &row, err);
		if (rc || !row)
			break;
		store_payroll_source r;
		read_source(st, &r);
		rc = fn(ctx, &r, err);
		++*n;
	}
	return rc;
}

dib_code store_payroll_sources(struct store *s, const char *county, const char *program,
			       const char *first, const char *last, const char *township,
			       store_payroll_source_fn fn, void *ctx, dib_err *err)
{
	/* a cursor lives in a transaction; a roster is built in one anyway */
	if (!store_in_tx(s))
		return dib_err_set(err, DIB_EINTERNAL, "内部错误：造册须在事务中");
	int64_t saved = 0;
	dib_code rc = walk_cache(s, &saved, err);
	if (rc)
		return rc;
	/* PostgreSQL hands a statement's whole result to the client at once
	 * (store_pg.c): a million rows would be half a gigabyte. A cursor
	 * fetched FETCH_ROWS at a time keeps the walk in bounded memory, and
	 * is planned for its first rows: the ordered walk above. */
	bool cursor = store_engine(s) == STORE_PG;
	struct store_stmt *st = NULL;
	rc = store_prepare(s,
		cursor ? "DECLARE payroll_sources NO SCROLL CURSOR FOR " SOURCE_SQL : SOURCE_SQL,
		&st, err);
	if (!rc)
		rc = store__bind(st, err, "TTTTT", county, program, first, last,
				 township ? township : "");
	int64_t n = 0;
	bool declared = false;
	if (!rc && cursor) {
		rc = store__run(st, err);
		declared = !rc;
	} else if (!rc) {
		rc = each_source(st, fn, ctx, &n, err);
	}
	store_finalize(st);
	if (declared) {
		char fetch[64];
		snprintf(fetch, sizeof fetch, "FETCH FORWARD %d FROM payroll_sources", FETCH_ROWS);
		st = NULL;
		rc = store_prepare(s, fetch, &st, err);
		while (!rc) {
			rc = each_source(st, fn, ctx, &n, err);
			store_reset(st);
			if (n < FETCH_ROWS)
				break;
		}
		store_finalize(st);
		/* closed also when fn failed, should the caller go on in the
		 * transaction (after a database error it fails: the first error
		 * stays in err) */
		dib_code closed = store_exec(s, "CLOSE payroll_sources", err);
		if (!rc)
			rc = closed;
	}
	dib_code back = walk_cache_restore(s, saved, err);
	return rc ? rc : back;
}
