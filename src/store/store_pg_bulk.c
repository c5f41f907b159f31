/*
 * store_pg_bulk.c — bulk loads on PostgreSQL: COPY … FROM STDIN, text format.
 *
 * Rows are escaped into one buffer (backslash, tab, newline and carriage
 * return become \\ \t \n \r; SQL NULL is \N) and handed to libpq in chunks
 * of about 256 KiB, so a row costs neither an allocation nor a system call.
 * The server checks constraints as the rows arrive or at the end of the
 * COPY; either way the failure surfaces at store_bulk_end at the latest
 * (store.h allows that), and the whole COPY is void.
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#include "util/dib.h"
#include "util/buf.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/store_pg_int.h"

#include <assert.h>
#include <limits.h>

#define PG_COPY_CHUNK (256u << 10)
/* One value may not exceed this (COPY's own line limit is 1 GiB). */
#define PG_COPY_VALUE_MAX (256u << 20)

struct pg_bulk {
	struct store_bulk base;
	PGconn *conn;
	int ncols;
	char *buf; /* escaped rows not yet handed to libpq */
	size_t len;
	size_t cap;
	char table[64]; /* for the ANALYZE after a large load */
	char sql[]; /* "COPY t (a, b) FROM STDIN", for error details */
};

/* Rows after which a load refreshes the planner's statistics: until
 * autovacuum gets round to it, a table that just grew from nothing is
 * planned as empty, and the next job's indexed lookups become scans. */
#define PG_ANALYZE_ROWS 10000

/* The second byte of the escape for each byte that needs one, else 0. */
static const unsigned char copy_escape[256] = {
	['\\'] = '\\', ['\t'] = 't', ['\n'] = 'n', ['\r'] = 'r',
};

static struct pg_bulk *pg_bulk(struct store_bulk *b)
{
	assert(b->s->ops->engine == STORE_PG);
	return (struct pg_bulk *)b;
}

dib_code store__pg_bulk_begin(struct store *s, const char *table,
			      const char *const *cols, int ncols,
			      struct store_bulk **out, dib_err *err)
{
	struct pg_store *ps = store__pg(s);
	dib_buf sql;
	dib_buf_init(&sql, 1u << 20);
	dib_code rc = dib_buf_addf(&sql, "COPY %s (", table);
	for (int i = 0; !rc && i < ncols; i++)
		rc = dib_buf_addf(&sql, "%s%s", i ? ", " : "", cols[i]);
	if (!rc)
		rc = dib_buf_adds(&sql, ") FROM STDIN");
	if (rc) {
		dib_buf_release(&sql);
		return dib_err_set(err, rc, NULL);
	}
	struct pg_bulk *b = calloc(1, sizeof *b + sql.len + 1);
	char *buf = malloc(PG_COPY_CHUNK);
	if (!b || !buf) {
		free(b);
		free(buf);
		dib_buf_release(&sql);
		return dib_err_nomem(err);
	}
	memcpy(b->sql, sql.ptr, sql.len + 1);
	dib_buf_release(&sql);
	snprintf(b->table, sizeof b->table, "%s", table);
	b->conn = ps->conn;
	b->ncols = ncols;
	b->buf = buf;
	b->cap = PG_COPY_CHUNK;

	PGresult *res = PQexec(ps->conn, b->sql);
	if (PQresultStatus(res) != PGRES_COPY_IN) {
		rc = store__pg_fail(ps->conn, res, b->sql, err);
		PQclear(res);
		free(b->buf);
		free(b);
		return rc;
	}
	PQclear(res);
	*out = &b->base;
	return DIB_OK;
}

static dib_code flush(struct pg_bulk *b, dib_err *err)
{
	if (b->len == 0)
		return DIB_OK;
	/* Blocking connection: 1 means queued or sent, -1 a dead connection. */
	if (PQputCopyData(b->conn, b->buf, (int)b->len) != 1)
		return store__pg_fail(b->conn, NULL, b->sql, err);
	b->len = 0;
	return DIB_OK;
}

/* Room for need more bytes in the buffer. */
static dib_code room(struct pg_bulk *b, size_t need, dib_err *err)
{
	if (b->len + need <= b->cap)
		return DIB_OK;
	dib_code rc = flush(b, err);
	if (rc || need <= b->cap)
		return rc;
	/* One value larger than a chunk: grow once for it. */
	char *p = realloc(b->buf, need);
	if (!p)
		return dib_err_nomem(err);
	b->buf = p;
	b->cap = need;
	return DIB_OK;
}

dib_code store__pg_bulk_row(struct store_bulk *base, const char *const *vals,
			    const size_t *lens, dib_err *err)
{
	struct pg_bulk *b = pg_bulk(base);
	for (int c = 0; c < b->ncols; c++) {
		const char *v = vals[c];
		size_t n = v ? lens[c] : 0;
		if (n > PG_COPY_VALUE_MAX)
			return dib_err_set(err, DIB_ETOOBIG,
					   "写入数据库的文字过长");
		/* Worst case: every byte escaped, plus the separator. */
		dib_code rc = room(b, v ? 2 * n + 1 : 3, err);
		if (rc)
			return rc;
		char *o = b->buf + b->len;
		if (!v) {
			*o++ = '\\';
			*o++ = 'N';
		} else {
			const unsigned char *p = (const unsigned char *)v;
			for (size_t i = 0; i < n; i++) {
				unsigned char e = copy_escape[p[i]];
				if (e) {
					*o++ = '\\';
					*o++ = (char)e;
				} else {
					*o++ = (char)p[i];
				}
			}
		}
		*o++ = c + 1 < b->ncols ? '\t' : '\n';
		b->len = (size_t)(o - b->buf);
	}
	return DIB_OK;
}

static void drain(PGconn *conn)
{
	PGresult *res;
	while ((res = PQgetResult(conn)) != NULL)
		PQclear(res);
}

dib_code store__pg_bulk_finish(struct store_bulk *base, int64_t *rows,
			       dib_err *err)
{
	struct pg_bulk *b = pg_bulk(base);
	dib_code rc = flush(b, err);
	if (rc) {
		store__pg_bulk_cancel(base);
		return rc;
	}
	if (PQputCopyEnd(b->conn, NULL) != 1) {
		rc = store__pg_fail(b->conn, NULL, b->sql, err);
		drain(b->conn);
		return rc;
	}
	PGresult *res = PQgetResult(b->conn);
	if (PQresultStatus(res) == PGRES_COMMAND_OK) {
		const char *n = PQcmdTuples(res);
		*rows = n && *n ? strtoll(n, NULL, 10) : base->rows;
	} else {
		rc = store__pg_fail(b->conn, res, b->sql, err);
	}
	PQclear(res);
	drain(b->conn);
	if (!rc && *rows >= PG_ANALYZE_ROWS) {
		char sql[96];
		snprintf(sql, sizeof sql, "ANALYZE %s", b->table);
		res = PQexec(b->conn, sql);
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			rc = store__pg_fail(b->conn, res, sql, err);
		PQclear(res);
	}
	return rc;
}

void store__pg_bulk_cancel(struct store_bulk *base)
{
	struct pg_bulk *b = pg_bulk(base);
	/* An error message makes the server fail the COPY: nothing is kept,
	 * and the transaction must be rolled back (store.h). */
	if (PQputCopyEnd(b->conn, "dibao: bulk load abandoned") == 1)
		drain(b->conn);
	b->len = 0;
}

void store__pg_bulk_free(struct store_bulk *base)
{
	struct pg_bulk *b = pg_bulk(base);
	free(b->buf);
	free(b);
}
