/*
 * store_register.c — batched lookups over the register for import and
 * checks. One IN list of up to LOOKUP_BATCH placeholders per query; the
 * statement is prepared once per batch size, reused for every full batch.
 * Thread-safety: as the store connection (one thread at a time).
 */
#include "util/dib.h"
#include "util/buf.h"
#include "core/codes.h"
#include "store/store_register.h"
#include "store/store_int.h"

#define LOOKUP_BATCH 500
/* codes.h CODES_REL_HEAD, as SQL text (checked by a static assertion). */
#define HEAD_RELATION "1"
_Static_assert(CODES_REL_HEAD == 1, "HEAD_RELATION out of step with codes.h");

dib_code store_regions_each(struct store *s, store_region_fn fn, void *ctx,
			    dib_err *err)
{
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, "SELECT code, level, name FROM regions ORDER BY code",
				    &st, err);
	if (rc)
		return rc;
	bool row;
	while (!(rc = store_step(st, &row, err)) && row) {
		if (fn(ctx, store_col_text(st, 0), (int)store_col_int64(st, 1),
		       store_col_text(st, 2)))
			break;
	}
	store_finalize(st);
	return rc;
}

dib_code store_table_empty(struct store *s, const char *table, bool *empty,
			   dib_err *err)
{
	if (!store__ident_ok(table))
		return dib_err_set(err, DIB_EINTERNAL, "表名不正确");
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT 1 FROM %s LIMIT 1", table);
	int64_t v;
	bool found;
	dib_code rc = store_query_int64(s, sql, 0, NULL, &v, &found, err);
	if (!rc)
		*empty = !found;
	return rc;
}

/* Builds "<head> IN ($1,…,$n)<tail>" into b. */
static dib_code in_sql(dib_buf *b, const char *head, size_t n, const char *tail)
{
	dib_buf_reset(b);
	dib_code rc = dib_buf_addf(b, "%s IN (", head);
	for (size_t i = 0; !rc && i < n; i++)
		rc = dib_buf_addf(b, i ? ",$%zu" : "$%zu", i + 1);
	if (!rc)
		rc = dib_buf_addf(b, ")%s", tail);
	return rc;
}

/* Runs the batched query: for each batch binds keys (as text, or as int64
 * when ids is set) and hands every row to row_fn. */
typedef void (*batch_row_fn)(void *ctx, struct store_stmt *st);

struct batch_q {
	const char *head;
	const char *tail;
	const char *const *keys; /* text keys, or */
	const int64_t *ids;      /* integer keys */
	size_t n;
	batch_row_fn fn;
	void *ctx;
};

static dib_code run_batches(struct store *s, const struct batch_q *q, dib_err *err)
{
	dib_buf sql;
	dib_buf_init(&sql, 64 * 1024);
	struct store_stmt *st = NULL;
	size_t prepared_for = 0;
	dib_code rc = DIB_OK;
	for (size_t base = 0; base < q->n && !rc; base += LOOKUP_BATCH) {
		size_t k = q->n - base < LOOKUP_BATCH ? q->n - base : LOOKUP_BATCH;
		if (k != prepared_for) {
			store_finalize(st);
			st = NULL;
			rc = in_sql(&sql, q->head, k, q->tail);
			if (rc) {
				dib_err_set(err, rc, NULL);
				break;
			}
			rc = store_prepare(s, dib_buf_str(&sql), &st, err);
			if (rc)
				break;
			prepared_for = k;
		} else {
			store_reset(st);
		}
		for (size_t i = 0; i < k && !rc; i++)
			rc = q->ids ? store_bind_int64(st, (int)i + 1, q->ids[base + i], err)
				    : store_bind_text(st, (int)i + 1, q->keys[base + i], -1, err);
		bool row;
		while (!rc && !(rc = store_step(st, &row, err)) && row)
			q->fn(q->ctx, st);
	}
	store_finalize(st);
	dib_buf_release(&sql);
	return rc;
}

struct hh_ctx {
	store_household_fn fn;
	void *ctx;
};

static void hh_row(void *ctx, struct store_stmt *st)
{
	struct hh_ctx *c = ctx;
	c->fn(c->ctx, store_col_text(st, 0), store_col_int64(st, 1),
	      store_col_text(st, 2));
}

dib_code store_households_find(struct store *s, const char *const *keys,
			       size_t n, store_household_fn fn, void *ctx,
			       dib_err *err)
{
	struct hh_ctx c = { fn, ctx };
	struct batch_q q = { "SELECT hh_no, id, county FROM households WHERE hh_no",
			     "", keys, NULL, n, hh_row, &c };
	return run_batches(s, &q, err);
}

struct person_ctx {
	store_person_fn fn;
	void *ctx;
};

static void person_row(void *ctx, struct store_stmt *st)
{
	struct person_ctx *c = ctx;
	c->fn(c->ctx, store_col_text(st, 0), store_col_text(st, 1));
}

dib_code store_persons_find(struct store *s, const char *const *keys, size_t n,
			    store_person_fn fn, void *ctx, dib_err *err)
{
	struct person_ctx c = { fn, ctx };
	struct batch_q q = {
		"SELECT p.id_number, h.hh_no FROM persons p"
		" LEFT JOIN memberships m ON m.person_id = p.id AND m.end_date IS NULL"
		" LEFT JOIN households h ON h.id = m.household_id"
		" WHERE p.id_number",
		"", keys, NULL, n, person_row, &c };
	return run_batches(s, &q, err);
}

struct head_ctx {
	store_head_fn fn;
	void *ctx;
};

static void head_row(void *ctx, struct store_stmt *st)
{
	struct head_ctx *c = ctx;
	c->fn(c->ctx, store_col_int64(st, 0));
}

dib_code store_households_with_head(struct store *s, const int64_t *ids,
				    size_t n, store_head_fn fn, void *ctx,
				    dib_err *err)
{
	struct head_ctx c = { fn, ctx };
	struct batch_q q = { "SELECT DISTINCT household_id FROM memberships"
			     " WHERE end_date IS NULL AND relation = " HEAD_RELATION " AND household_id",
			     "", NULL, ids, n, head_row, &c };
	return run_batches(s, &q, err);
}

dib_code store_county_households(struct store *s, const char *county, int64_t *n,
				 dib_err *err)
{
	bool found;
	const char *params[] = { county };
	return store_query_int64(s, "SELECT count(*) FROM households WHERE county = $1",
				 1, params, n, &found, err);
}
