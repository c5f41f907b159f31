/*
 * store_pg.c — the PostgreSQL backend of store.h: connection, transactions
 * and statements over libpq. Bulk loads (COPY) are in store_pg_bulk.c.
 *
 * Values travel as text both ways (text parameters, text results), so the
 * server infers each $n's type from the statement and both engines see the
 * same SQL. A statement is prepared on the server under a generated name
 * and kept in a small per-connection cache keyed by its SQL text: code that
 * prepares the same statement in a loop (store_query_int64, svc helpers)
 * pays the parse once, and finalize costs no round trip. Server-side
 * prepared statements outlive transactions, including rolled-back ones.
 * The whole result of a query is fetched when it executes (the first step):
 * scans of millions of rows should page by key.
 *
 * Thread-safety: a connection and its statements belong to one thread at a
 * time; different connections may be used from different threads.
 */
#include "util/dib.h"
#include "util/hmap.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/store_pg_int.h"

#include <assert.h>
#include <inttypes.h>

/* Prepared statements kept per connection before the least recently used
 * unused one is deallocated. */
#define PG_CACHE_MAX 64

/* One server-side prepared statement. */
struct pg_ps {
	char *sql;         /* owned */
	uint64_t hash;
	int nparams;
	int nfields;       /* result columns; -1 until asked */
	int refs;          /* live statements using it */
	uint64_t last_use; /* connection clock at the last prepare */
	char name[24];     /* "dib_17" */
};

struct pg_param {
	char *buf; /* NUL-terminated copy of the bound value; owned */
	size_t cap;
};

struct pg_stmt {
	struct store_stmt base;
	struct pg_ps *ps;
	PGresult *res;     /* the executed result, NULL before */
	int row;           /* current row, -1 before the first */
	int nrows;
	bool executed;
	bool done;
	int64_t changes;
	int nparams;
	const char **vals;       /* vals[i]: params[i].buf, or NULL for NULL */
	struct pg_param *params;
};

static const struct store_ops pg_ops;

struct pg_store *store__pg(struct store *s)
{
	assert(s->ops == &pg_ops);
	return (struct pg_store *)s;
}

static struct pg_stmt *pg_st(struct store_stmt *st)
{
	assert(st->s->ops == &pg_ops);
	return (struct pg_stmt *)st;
}

/* ---- failures ---- */

/* The one place where SQLSTATEs become store failures. */
static enum store_fail classify(const char *state)
{
	if (!state)
		return STORE_FAIL_OTHER;
	if (strcmp(state, "23505") == 0)
		return STORE_FAIL_UNIQUE;
	if (strcmp(state, "23503") == 0)
		return STORE_FAIL_FOREIGN;
	if (strcmp(state, "23514") == 0)
		return STORE_FAIL_CHECK;
	if (strcmp(state, "23502") == 0)
		return STORE_FAIL_NOTNULL;
	if (strcmp(state, "22021") == 0)
		return STORE_FAIL_ENCODING;
	if (strncmp(state, "22", 2) == 0)
		return STORE_FAIL_FORMAT;
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "55P03") == 0 || strcmp(state, "57014") == 0)
		return STORE_FAIL_BUSY;
	if (strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0)
		return STORE_FAIL_CONNECT;
	return STORE_FAIL_OTHER;
}

dib_code store__pg_fail(PGconn *conn, const PGresult *res, const char *sql,
			dib_err *err)
{
	char text[DIB_ERR_DETAIL_MAX];
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *primary = res ? PQresultErrorField(res,
						       PG_DIAG_MESSAGE_PRIMARY) :
				    NULL;
	const char *detail = res ? PQresultErrorField(res,
						      PG_DIAG_MESSAGE_DETAIL) :
				   NULL;
	enum store_fail kind = classify(state);
	if (primary) {
		snprintf(text, sizeof text, "%s: %s%s%s", state ? state : "?",
			 primary, detail ? " — " : "", detail ? detail : "");
	} else {
		/* No server error: the connection itself failed. */
		snprintf(text, sizeof text, "%s", PQerrorMessage(conn));
		if (PQstatus(conn) == CONNECTION_BAD)
			kind = STORE_FAIL_CONNECT;
	}
	return store__fail(err, kind, text, sql);
}

/* ---- connection ---- */

/* Runs sql; OK when the result has one of the accepted statuses. */
static dib_code run(struct pg_store *ps, const char *sql, dib_err *err)
{
	PGresult *res = PQexec(ps->conn, sql);
	ExecStatusType st = PQresultStatus(res);
	dib_code rc = DIB_OK;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK &&
	    st != PGRES_EMPTY_QUERY)
		rc = store__pg_fail(ps->conn, res, sql, err);
	PQclear(res);
	return rc;
}

static dib_code pg_exec(struct store *s, const char *sql, dib_err *err)
{
	return run(store__pg(s), sql, err);
}

static dib_code pg_begin(struct store *s, dib_err *err)
{
	return run(store__pg(s), "BEGIN", err);
}

static void pg_rollback(struct store *s)
{
	struct pg_store *ps = store__pg(s);
	PGTransactionStatusType ts = PQtransactionStatus(ps->conn);
	if (ts == PQTRANS_INTRANS || ts == PQTRANS_INERROR)
		PQclear(PQexec(ps->conn, "ROLLBACK"));
}

static dib_code pg_commit(struct store *s, dib_err *err)
{
	struct pg_store *ps = store__pg(s);
	if (PQtransactionStatus(ps->conn) == PQTRANS_INERROR) {
		/* COMMIT would "succeed" as a ROLLBACK; say what happened. */
		pg_rollback(s);
		return dib_err_set(err, DIB_EINTERNAL,
				   "事务中有操作失败，事务已回滚");
	}
	dib_code rc = run(ps, "COMMIT", err);
	if (rc)
		pg_rollback(s); /* store.h: a failed commit leaves no transaction */
	return rc;
}

static void pg_close(struct store *s)
{
	struct pg_store *ps = store__pg(s);
	for (size_t i = 0; i < ps->nps; i++) {
		free(ps->ps[i]->sql);
		free(ps->ps[i]);
	}
	free(ps->ps);
	PQfinish(ps->conn);
	free(ps);
}

dib_code store__pg_open(const char *url, struct store **out, dib_err *err)
{
	struct pg_store *ps = calloc(1, sizeof *ps);
	if (!ps)
		return dib_err_nomem(err);
	ps->base.ops = &pg_ops;
	ps->conn = PQconnectdb(url);
	if (!ps->conn) {
		free(ps);
		return dib_err_nomem(err);
	}
	dib_code rc = DIB_OK;
	if (PQstatus(ps->conn) != CONNECTION_OK) {
		/* The URL may carry a password: never quote it. */
		rc = dib_err_set(err, DIB_EDB, "无法连接 PostgreSQL 数据库");
		dib_err_detail(err, "%s", PQerrorMessage(ps->conn));
		goto fail;
	}
	if (PQsetClientEncoding(ps->conn, "UTF8") != 0) {
		rc = store__pg_fail(ps->conn, NULL, "client_encoding", err);
		goto fail;
	}
	/* jit off: dibao's queries are short index lookups and one-pass
	 * aggregates, where compiling the plan costs more (50–100 ms on the
	 * dashboard's GROUP BY) than it saves */
	rc = run(ps, "SET DateStyle = 'ISO'; SET TimeZone = 'UTC'; "
		     "SET client_min_messages = warning; SET jit = off", err);
	if (rc)
		goto fail;
	*out = &ps->base;
	return DIB_OK;
fail:
	pg_close(&ps->base);
	return rc;
}

/* ---- the prepared-statement cache ---- */

static void cache_remove(struct pg_store *ps, size_t i)
{
	struct pg_ps *e = ps->ps[i];
	free(e->sql);
	free(e);
	ps->ps[i] = ps->ps[--ps->nps];
}

/* Frees a slot when the cache is full. Deallocation needs a working
 * connection: inside a failed transaction the server refuses it, so the
 * cache grows for now and shrinks on a later prepare. */
static void cache_evict(struct pg_store *ps)
{
	if (ps->nps < PG_CACHE_MAX ||
	    PQtransactionStatus(ps->conn) == PQTRANS_INERROR)
		return;
	while (ps->nps >= PG_CACHE_MAX) {
		size_t victim = SIZE_MAX;
		for (size_t i = 0; i < ps->nps; i++)
			if (ps->ps[i]->refs == 0 &&
			    (victim == SIZE_MAX ||
			     ps->ps[i]->last_use < ps->ps[victim]->last_use))
				victim = i;
		if (victim == SIZE_MAX)
			return;
		char sql[64];
		snprintf(sql, sizeof sql, "DEALLOCATE %s", ps->ps[victim]->name);
		PQclear(PQexec(ps->conn, sql));
		cache_remove(ps, victim);
	}
}

static dib_code cache_get(struct pg_store *ps, const char *sql,
			  struct pg_ps **out, dib_err *err)
{
	size_t len = strlen(sql);
	uint64_t h = dib_hash_bytes(sql, len);
	for (size_t i = 0; i < ps->nps; i++) {
		struct pg_ps *e = ps->ps[i];
		if (e->hash == h && strcmp(e->sql, sql) == 0) {
			e->refs++;
			e->last_use = ++ps->clock;
			*out = e;
			return DIB_OK;
		}
	}
	cache_evict(ps);
	if (ps->nps == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 16;
		struct pg_ps **p = realloc(ps->ps, cap * sizeof *p);
		if (!p)
			return dib_err_nomem(err);
		ps->ps = p;
		ps->cap = cap;
	}
	struct pg_ps *e = calloc(1, sizeof *e);
	char *copy = malloc(len + 1);
	if (!e || !copy) {
		free(e);
		free(copy);
		return dib_err_nomem(err);
	}
	memcpy(copy, sql, len + 1);
	e->sql = copy;
	e->hash = h;
	e->nparams = store__max_placeholder(sql);
	e->nfields = -1;
	snprintf(e->name, sizeof e->name, "dib_%" PRIu64, ++ps->names);
	PGresult *res = PQprepare(ps->conn, e->name, sql, e->nparams, NULL);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		dib_code rc = store__pg_fail(ps->conn, res, sql, err);
		PQclear(res);
		free(copy);
		free(e);
		return rc;
	}
	PQclear(res);
	e->refs = 1;
	e->last_use = ++ps->clock;
	ps->ps[ps->nps++] = e;
	*out = e;
	return DIB_OK;
}

/* ---- statements ---- */

static dib_code pg_prepare(struct store *s, const char *sql,
			   struct store_stmt **out, dib_err *err)
{
	struct pg_store *ps = store__pg(s);
	struct pg_ps *e = NULL;
	dib_code rc = cache_get(ps, sql, &e, err);
	if (rc)
		return rc;
	size_t n = (size_t)e->nparams;
	struct pg_stmt *st = calloc(1, sizeof *st + n * sizeof(char *) +
					n * sizeof(struct pg_param));
	if (!st) {
		e->refs--;
		return dib_err_nomem(err);
	}
	st->base.s = s;
	st->ps = e;
	st->nparams = e->nparams;
	st->vals = (const char **)(st + 1);
	st->params = (struct pg_param *)(st->vals + n);
	st->row = -1;
	*out = &st->base;
	return DIB_OK;
}

/* Drops the executed result, keeping the bound values. */
static void forget_result(struct pg_stmt *st)
{
	PQclear(st->res);
	st->res = NULL;
	st->executed = false;
	st->done = false;
	st->row = -1;
	st->nrows = 0;
}

/* Room for len bytes and a NUL in $i's buffer; binding after a run starts
 * a new run with the other values kept, as on SQLite. */
static dib_code param_room(struct pg_stmt *st, int i, size_t len, char **out,
			   dib_err *err)
{
	if (i > st->nparams) {
		dib_err_set(err, DIB_EINTERNAL, "数据库语句没有参数 $%d", i);
		dib_err_detail(err, "%s", st->ps->sql);
		return DIB_EINTERNAL;
	}
	if (st->executed)
		forget_result(st);
	struct pg_param *p = &st->params[i - 1];
	if (p->cap < len + 1) {
		size_t cap = p->cap ? p->cap : 32;
		while (cap < len + 1)
			cap *= 2;
		char *b = realloc(p->buf, cap);
		if (!b)
			return dib_err_nomem(err);
		p->buf = b;
		p->cap = cap;
	}
	*out = p->buf;
	return DIB_OK;
}

static dib_code pg_bind_text(struct store_stmt *base, int i, const char *v,
			     size_t len, dib_err *err)
{
	struct pg_stmt *st = pg_st(base);
	char *b = NULL;
	dib_code rc = param_room(st, i, len, &b, err);
	if (rc)
		return rc;
	memcpy(b, v, len);
	b[len] = '\0';
	st->vals[i - 1] = b;
	return DIB_OK;
}

static dib_code pg_bind_int64(struct store_stmt *base, int i, int64_t v,
			      dib_err *err)
{
	struct pg_stmt *st = pg_st(base);
	char *b = NULL;
	dib_code rc = param_room(st, i, 24, &b, err);
	if (rc)
		return rc;
	snprintf(b, 25, "%" PRId64, v);
	st->vals[i - 1] = b;
	return DIB_OK;
}

static dib_code pg_bind_null(struct store_stmt *base, int i, dib_err *err)
{
	struct pg_stmt *st = pg_st(base);
	char *b;
	dib_code rc = param_room(st, i, 0, &b, err);
	if (rc)
		return rc;
	st->vals[i - 1] = NULL;
	return DIB_OK;
}

static int64_t parse_int64(const char *s)
{
	if (!s)
		return 0;
	return strtoll(s, NULL, 10);
}

static dib_code execute(struct pg_stmt *st, dib_err *err)
{
	PGconn *conn = store__pg(st->base.s)->conn;
	PGresult *res = PQexecPrepared(conn, st->ps->name, st->nparams,
				       st->vals, NULL, NULL, 0);
	ExecStatusType status = PQresultStatus(res);
	st->executed = true;
	st->row = -1;
	if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
		st->res = res;
		st->nrows = status == PGRES_TUPLES_OK ? PQntuples(res) : 0;
		/* A SELECT's tag counts rows read, not changed (SQLite: 0). */
		st->changes = strncmp(PQcmdStatus(res), "SELECT", 6) == 0 ? 0 :
			      parse_int64(PQcmdTuples(res));
		if (st->ps->nfields < 0)
			st->ps->nfields = PQnfields(res);
		return DIB_OK;
	}
	dib_code rc = store__pg_fail(conn, res, st->ps->sql, err);
	PQclear(res);
	st->done = true;
	return rc;
}

static dib_code pg_step(struct store_stmt *base, bool *row, dib_err *err)
{
	struct pg_stmt *st = pg_st(base);
	if (!st->executed) {
		dib_code rc = execute(st, err);
		if (rc)
			return rc;
	}
	if (st->done || st->row + 1 >= st->nrows) {
		st->done = true;
		*row = false;
		return DIB_OK;
	}
	st->row++;
	*row = true;
	return DIB_OK;
}

static bool on_row(const struct pg_stmt *st, int col)
{
	return st->res && !st->done && st->row >= 0 && st->row < st->nrows &&
	       col >= 0 && col < PQnfields(st->res);
}

static const char *pg_col_text(struct store_stmt *base, int col)
{
	struct pg_stmt *st = pg_st(base);
	if (!on_row(st, col) || PQgetisnull(st->res, st->row, col))
		return NULL;
	return PQgetvalue(st->res, st->row, col);
}

static int64_t pg_col_int64(struct store_stmt *base, int col)
{
	return parse_int64(pg_col_text(base, col));
}

static bool pg_col_null(struct store_stmt *base, int col)
{
	struct pg_stmt *st = pg_st(base);
	return !on_row(st, col) || PQgetisnull(st->res, st->row, col);
}

static int pg_col_count(struct store_stmt *base)
{
	struct pg_stmt *st = pg_st(base);
	if (st->ps->nfields < 0) {
		/* Before the first run: ask the server once per statement. */
		PGresult *d = PQdescribePrepared(store__pg(base->s)->conn,
						 st->ps->name);
		if (PQresultStatus(d) == PGRES_COMMAND_OK)
			st->ps->nfields = PQnfields(d);
		PQclear(d);
	}
	return st->ps->nfields < 0 ? 0 : st->ps->nfields;
}

static void pg_reset(struct store_stmt *base)
{
	struct pg_stmt *st = pg_st(base);
	forget_result(st);
	for (int i = 0; i < st->nparams; i++)
		st->vals[i] = NULL;
}

static int64_t pg_changes(struct store_stmt *base)
{
	return pg_st(base)->changes;
}

static void pg_finalize(struct store_stmt *base)
{
	struct pg_stmt *st = pg_st(base);
	PQclear(st->res);
	for (int i = 0; i < st->nparams; i++)
		free(st->params[i].buf);
	st->ps->refs--;
	free(st);
}

static const struct store_ops pg_ops = {
	.engine = STORE_PG,
	.name = "postgresql",
	.pk_type = "BIGINT PRIMARY KEY",
	.migration_lock_sql =
		"LOCK TABLE schema_migrations IN SHARE ROW EXCLUSIVE MODE",
	.close = pg_close,
	.exec = pg_exec,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.prepare = pg_prepare,
	.bind_text = pg_bind_text,
	.bind_int64 = pg_bind_int64,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.col_text = pg_col_text,
	.col_int64 = pg_col_int64,
	.col_null = pg_col_null,
	.col_count = pg_col_count,
	.reset = pg_reset,
	.changes = pg_changes,
	.finalize = pg_finalize,
	.bulk_begin = store__pg_bulk_begin,
	.bulk_row = store__pg_bulk_row,
	.bulk_finish = store__pg_bulk_finish,
	.bulk_cancel = store__pg_bulk_cancel,
	.bulk_free = store__pg_bulk_free,
};
