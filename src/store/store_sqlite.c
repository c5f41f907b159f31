/*
 * store_sqlite.c — the SQLite backend of store.h (the default engine).
 *
 * One sqlite3 connection per struct store, opened NOMUTEX: dibao never
 * shares a connection between threads, so SQLite's own mutexes would be pure
 * cost. The store.h SQL dialect uses $1…$n; SQLite reads "$1" as a named
 * parameter, so each statement keeps a map from placeholder number to
 * SQLite's parameter index, built once at prepare time (a number used twice
 * is one parameter). Bulk loads are one prepared INSERT stepped per row, with
 * the caller's bytes bound in place (SQLITE_STATIC) and plain integers bound
 * as integers for INTEGER columns, so a row costs no allocation.
 *
 * Thread-safety: a connection and its statements belong to one thread at a
 * time; different connections may be used from different threads.
 */
#include "util/dib.h"
#include "util/buf.h"
#include "store/store.h"
#include "store/store_int.h"

#include <assert.h>
#include <limits.h>
#include <sqlite3.h>

struct lite_store {
	struct store base;
	sqlite3 *db;
};

struct lite_stmt {
	struct store_stmt base;
	sqlite3_stmt *st;
	bool started;    /* stepped since the last reset */
	bool done;       /* no more rows until reset (finished or failed) */
	int64_t changes; /* rows changed by the last finished execution */
	int nmap;        /* highest placeholder number */
	int map[];       /* map[n]: SQLite's index of $n, 0 when absent */
};

struct lite_bulk {
	struct store_bulk base;
	sqlite3_stmt *st;
	int ncols;
	bool *intcol; /* per column: INTEGER affinity (bind plain ints as int64) */
};

static const struct store_ops lite_ops;

static struct lite_store *lite(struct store *s)
{
	assert(s->ops == &lite_ops);
	return (struct lite_store *)s;
}

static struct lite_stmt *lite_st(struct store_stmt *st)
{
	assert(st->s->ops == &lite_ops);
	return (struct lite_stmt *)st;
}

static struct lite_bulk *lite_bulk(struct store_bulk *b)
{
	assert(b->s->ops == &lite_ops);
	return (struct lite_bulk *)b;
}

/* The one place where SQLite's result codes become store failures. */
static enum store_fail classify(int ext)
{
	switch (ext) {
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return STORE_FAIL_UNIQUE;
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		return STORE_FAIL_FOREIGN;
	case SQLITE_CONSTRAINT_CHECK:
		return STORE_FAIL_CHECK;
	case SQLITE_CONSTRAINT_NOTNULL:
		return STORE_FAIL_NOTNULL;
	default:
		break;
	}
	switch (ext & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return STORE_FAIL_BUSY;
	case SQLITE_MISMATCH:
		return STORE_FAIL_FORMAT;
	case SQLITE_MISUSE:
		return STORE_FAIL_MISUSE;
	default:
		return STORE_FAIL_OTHER;
	}
}

static dib_code fail_db(sqlite3 *db, const char *sql, dib_err *err)
{
	return store__fail(err, classify(sqlite3_extended_errcode(db)),
			   sqlite3_errmsg(db), sql);
}

/* ---- connection ---- */

static dib_code lite_exec(struct store *s, const char *sql, dib_err *err)
{
	sqlite3 *db = lite(s)->db;
	char *msg = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	if (rc == SQLITE_OK)
		return DIB_OK;
	dib_code code = store__fail(err, classify(sqlite3_extended_errcode(db)),
				    msg ? msg : sqlite3_errstr(rc), sql);
	sqlite3_free(msg);
	return code;
}

static dib_code lite_begin(struct store *s, dib_err *err)
{
	/* IMMEDIATE takes the write lock now: a deferred transaction that reads
	 * and then writes can fail with SQLITE_BUSY that no busy timeout cures,
	 * when another connection wrote in between. */
	return lite_exec(s, "BEGIN IMMEDIATE", err);
}

static void lite_rollback(struct store *s)
{
	sqlite3 *db = lite(s)->db;
	/* SQLite may already have rolled back on its own (SQLITE_FULL, …). */
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

static dib_code lite_commit(struct store *s, dib_err *err)
{
	dib_code rc = lite_exec(s, "COMMIT", err);
	if (rc)
		lite_rollback(s); /* store.h: a failed commit leaves no transaction */
	return rc;
}

static void lite_close(struct store *s)
{
	struct lite_store *ls = lite(s);
	/* close_v2 defers the close if the caller leaked a statement instead of
	 * failing; the leak is the caller's bug, the connection still goes. */
	sqlite3_close_v2(ls->db);
	free(ls);
}

dib_code store__sqlite_open(const char *path, struct store **out, dib_err *err)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(path, &db,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				 SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
				 NULL);
	if (rc != SQLITE_OK) {
		dib_err_set(err, DIB_EDB, "无法打开数据库文件 \"%s\"", path);
		dib_err_detail(err, "sqlite3_open_v2: %s",
			       db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		sqlite3_close(db);
		return DIB_EDB;
	}
	struct lite_store *ls = calloc(1, sizeof *ls);
	if (!ls) {
		sqlite3_close(db);
		return dib_err_nomem(err);
	}
	ls->base.ops = &lite_ops;
	ls->db = db;
	sqlite3_busy_timeout(db, 5000);
	dib_err e;
	dib_err_clear(&e);
	dib_code code = lite_exec(&ls->base,
				  "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
				  "PRAGMA synchronous=FULL; PRAGMA cache_size=-1048576; "
				  "PRAGMA temp_store=MEMORY;", &e);
	/* cache_size: 1 GiB of page cache (pages are allocated only when
	 * used): a county's indexes stay in memory, and a bulk import does not
	 * re-read index pages from the file for every row. */
	/* A library built without foreign keys accepts the pragma silently;
	 * the contract (DIB_ECONFLICT on a dangling reference) needs them. */
	if (!code && sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, -1,
				       &rc) == SQLITE_OK && rc != 1)
		code = dib_err_set(&e, DIB_EDB, "数据库不支持外键约束");
	if (code) {
		dib_err_set(err, code, "无法打开数据库文件 \"%s\": %s", path,
			    e.msg);
		dib_err_detail(err, "%s", e.detail);
		lite_close(&ls->base);
		return code;
	}
	*out = &ls->base;
	return DIB_OK;
}

/* ---- statements ---- */

/* "$123" → 123; 0 for any other parameter form. */
static int placeholder_number(const char *name)
{
	if (!name || name[0] != '$' || !name[1])
		return 0;
	int n = 0;
	for (const char *p = name + 1; *p; p++) {
		if (*p < '0' || *p > '9' || n > 100000)
			return 0;
		n = n * 10 + (*p - '0');
	}
	return n;
}

static dib_code lite_prepare(struct store *s, const char *sql,
			     struct store_stmt **out, dib_err *err)
{
	sqlite3 *db = lite(s)->db;
	sqlite3_stmt *st = NULL;
	const char *tail = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, &tail) != SQLITE_OK)
		return fail_db(db, sql, err);
	if (!st)
		return store__fail(err, STORE_FAIL_MISUSE, "empty statement", sql);
	tail += strspn(tail, " \t\r\n;");
	if (*tail) {
		sqlite3_finalize(st);
		return store__fail(err, STORE_FAIL_MISUSE,
				   "more than one statement", sql);
	}
	int count = sqlite3_bind_parameter_count(st);
	int nmax = 0;
	for (int i = 1; i <= count; i++) {
		int n = placeholder_number(sqlite3_bind_parameter_name(st, i));
		if (n == 0) {
			sqlite3_finalize(st);
			return store__fail(err, STORE_FAIL_MISUSE,
					   "parameters must be written $1..$n",
					   sql);
		}
		if (n > nmax)
			nmax = n;
	}
	struct lite_stmt *ls = calloc(1, sizeof *ls + sizeof(int) *
					  ((size_t)nmax + 1));
	if (!ls) {
		sqlite3_finalize(st);
		return dib_err_nomem(err);
	}
	ls->base.s = s;
	ls->st = st;
	ls->nmap = nmax;
	for (int i = 1; i <= count; i++)
		ls->map[placeholder_number(sqlite3_bind_parameter_name(st, i))] = i;
	*out = &ls->base;
	return DIB_OK;
}

/* SQLite's index of $i, after making the statement bindable again. */
static dib_code bind_index(struct lite_stmt *ls, int i, int *idx, dib_err *err)
{
	if (i > ls->nmap || ls->map[i] == 0) {
		dib_err_set(err, DIB_EINTERNAL, "数据库语句没有参数 $%d", i);
		dib_err_detail(err, "%s", sqlite3_sql(ls->st));
		return DIB_EINTERNAL;
	}
	if (ls->started) {
		/* Binding after a run starts a new run; other values are kept. */
		sqlite3_reset(ls->st);
		ls->started = false;
		ls->done = false;
	}
	*idx = ls->map[i];
	return DIB_OK;
}

static dib_code bind_result(struct lite_stmt *ls, int rc, dib_err *err)
{
	if (rc == SQLITE_OK)
		return DIB_OK;
	sqlite3 *db = sqlite3_db_handle(ls->st);
	if (rc == SQLITE_NOMEM)
		return dib_err_nomem(err);
	return fail_db(db, sqlite3_sql(ls->st), err);
}

static dib_code lite_bind_text(struct store_stmt *st, int i, const char *v,
			       size_t len, dib_err *err)
{
	struct lite_stmt *ls = lite_st(st);
	int idx;
	dib_code rc = bind_index(ls, i, &idx, err);
	if (rc)
		return rc;
	if (len > INT_MAX)
		return dib_err_set(err, DIB_ETOOBIG, "写入数据库的文字过长");
	return bind_result(ls, sqlite3_bind_text(ls->st, idx, v, (int)len,
						 SQLITE_TRANSIENT), err);
}

static dib_code lite_bind_int64(struct store_stmt *st, int i, int64_t v,
				dib_err *err)
{
	struct lite_stmt *ls = lite_st(st);
	int idx;
	dib_code rc = bind_index(ls, i, &idx, err);
	if (rc)
		return rc;
	return bind_result(ls, sqlite3_bind_int64(ls->st, idx, v), err);
}

static dib_code lite_bind_null(struct store_stmt *st, int i, dib_err *err)
{
	struct lite_stmt *ls = lite_st(st);
	int idx;
	dib_code rc = bind_index(ls, i, &idx, err);
	if (rc)
		return rc;
	return bind_result(ls, sqlite3_bind_null(ls->st, idx), err);
}

static dib_code lite_step(struct store_stmt *st, bool *row, dib_err *err)
{
	struct lite_stmt *ls = lite_st(st);
	if (ls->done) {
		*row = false;
		return DIB_OK;
	}
	ls->started = true;
	int rc = sqlite3_step(ls->st);
	if (rc == SQLITE_ROW) {
		*row = true;
		return DIB_OK;
	}
	ls->done = true;
	sqlite3 *db = sqlite3_db_handle(ls->st);
	if (rc == SQLITE_DONE) {
		ls->changes = sqlite3_stmt_readonly(ls->st) ? 0 :
			      sqlite3_changes64(db);
		*row = false;
		return DIB_OK;
	}
	dib_code code = fail_db(db, sqlite3_sql(ls->st), err);
	sqlite3_reset(ls->st); /* release the statement's locks now */
	return code;
}

static const char *lite_col_text(struct store_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(lite_st(st)->st, col);
}

static int64_t lite_col_int64(struct store_stmt *st, int col)
{
	return sqlite3_column_int64(lite_st(st)->st, col);
}

static bool lite_col_null(struct store_stmt *st, int col)
{
	return sqlite3_column_type(lite_st(st)->st, col) == SQLITE_NULL;
}

static int lite_col_count(struct store_stmt *st)
{
	return sqlite3_column_count(lite_st(st)->st);
}

static void lite_reset(struct store_stmt *st)
{
	struct lite_stmt *ls = lite_st(st);
	sqlite3_reset(ls->st);
	sqlite3_clear_bindings(ls->st);
	ls->started = false;
	ls->done = false;
}

static int64_t lite_changes(struct store_stmt *st)
{
	return lite_st(st)->changes;
}

static void lite_finalize(struct store_stmt *st)
{
	struct lite_stmt *ls = lite_st(st);
	sqlite3_finalize(ls->st);
	free(ls);
}

/* ---- bulk loads ---- */

/* Whether the declared type gives INTEGER affinity (SQLite's rule 1). */
static bool integer_affinity(const char *decl)
{
	return decl && strcasestr(decl, "INT") != NULL;
}

/* Marks the INTEGER-affinity columns. Binding "42" as text there would make
 * SQLite parse it again for every row; binding it as an integer is exact
 * and cheaper. Columns of other affinities get the text untouched, so
 * "007" stays "007" in a TEXT column. */
static dib_code find_int_columns(struct lite_store *ls, const char *table,
				 const char *const *cols, int ncols,
				 bool *intcol, dib_err *err)
{
	static const char sql[] =
		"SELECT name, type FROM pragma_table_info(?1)";
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(ls->db, sql, -1, &st, NULL) != SQLITE_OK)
		return fail_db(ls->db, sql, err);
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	int found = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *decl = (const char *)sqlite3_column_text(st, 1);
		for (int i = 0; i < ncols; i++) {
			if (name && strcmp(name, cols[i]) == 0) {
				intcol[i] = integer_affinity(decl);
				found++;
			}
		}
	}
	dib_code code = DIB_OK;
	if (rc != SQLITE_DONE)
		code = fail_db(ls->db, sql, err);
	else if (found != ncols)
		code = store__fail(err, STORE_FAIL_OTHER,
				   "no such table or column", table);
	sqlite3_finalize(st);
	return code;
}

/* "INSERT INTO t (a, b) VALUES (?1, ?2)" into sql. */
static dib_code insert_sql(dib_buf *sql, const char *table,
			   const char *const *cols, int ncols)
{
	dib_code rc = dib_buf_addf(sql, "INSERT INTO %s (", table);
	for (int i = 0; !rc && i < ncols; i++)
		rc = dib_buf_addf(sql, "%s%s", i ? ", " : "", cols[i]);
	if (!rc)
		rc = dib_buf_adds(sql, ") VALUES (");
	for (int i = 0; !rc && i < ncols; i++)
		rc = dib_buf_addf(sql, "%s?%d", i ? ", " : "", i + 1);
	if (!rc)
		rc = dib_buf_adds(sql, ")");
	return rc;
}

static dib_code lite_bulk_begin(struct store *s, const char *table,
				const char *const *cols, int ncols,
				struct store_bulk **out, dib_err *err)
{
	struct lite_store *ls = lite(s);
	struct lite_bulk *b = calloc(1, sizeof *b + sizeof(bool) * (size_t)ncols);
	if (!b)
		return dib_err_nomem(err);
	b->intcol = (bool *)(b + 1);
	b->ncols = ncols;
	dib_buf sql;
	dib_buf_init(&sql, 1u << 20);
	dib_code rc = find_int_columns(ls, table, cols, ncols, b->intcol, err);
	if (rc)
		goto fail;
	if ((rc = insert_sql(&sql, table, cols, ncols))) {
		dib_err_set(err, rc, NULL);
		goto fail;
	}
	if (sqlite3_prepare_v3(ls->db, dib_buf_str(&sql), -1,
			       SQLITE_PREPARE_PERSISTENT, &b->st,
			       NULL) != SQLITE_OK) {
		rc = fail_db(ls->db, dib_buf_str(&sql), err);
		goto fail;
	}
	dib_buf_release(&sql);
	*out = &b->base;
	return DIB_OK;
fail:
	dib_buf_release(&sql);
	free(b);
	return rc;
}

/* Parses a plain decimal integer ("-12", "0"; no sign "+", no leading
 * zeros, no spaces) that survives the round trip to int64 unchanged. */
static bool plain_int(const char *s, size_t n, int64_t *out)
{
	size_t i = 0;
	bool neg = false;
	if (n && s[0] == '-') {
		neg = true;
		i = 1;
	}
	size_t digits = n - i;
	if (digits == 0 || digits > 18 || (s[i] == '0' && digits > 1) ||
	    (neg && s[i] == '0'))
		return false;
	int64_t v = 0;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = neg ? -v : v;
	return true;
}

static dib_code lite_bulk_row(struct store_bulk *base, const char *const *vals,
			      const size_t *lens, dib_err *err)
{
	struct lite_bulk *b = lite_bulk(base);
	sqlite3_stmt *st = b->st;
	for (int c = 0; c < b->ncols; c++) {
		int rc;
		int64_t v;
		if (!vals[c]) {
			rc = sqlite3_bind_null(st, c + 1);
		} else if (b->intcol[c] && plain_int(vals[c], lens[c], &v)) {
			rc = sqlite3_bind_int64(st, c + 1, v);
		} else {
			if (lens[c] > INT_MAX)
				return dib_err_set(err, DIB_ETOOBIG,
						   "写入数据库的文字过长");
			/* The bytes are read by the step below, before the
			 * caller can reuse them; the next row rebinds all. */
			rc = sqlite3_bind_text(st, c + 1, vals[c], (int)lens[c],
					       SQLITE_STATIC);
		}
		if (rc != SQLITE_OK)
			return fail_db(sqlite3_db_handle(st), sqlite3_sql(st), err);
	}
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return DIB_OK;
	}
	dib_code code = fail_db(sqlite3_db_handle(st), sqlite3_sql(st), err);
	sqlite3_reset(st);
	return code;
}

static dib_code lite_bulk_finish(struct store_bulk *base, int64_t *rows,
				 dib_err *err)
{
	(void)err;
	struct lite_bulk *b = lite_bulk(base);
	sqlite3_finalize(b->st);
	b->st = NULL;
	*rows = base->rows;
	return DIB_OK;
}

static void lite_bulk_cancel(struct store_bulk *base)
{
	struct lite_bulk *b = lite_bulk(base);
	sqlite3_finalize(b->st);
	b->st = NULL;
}

static void lite_bulk_free(struct store_bulk *base)
{
	free(lite_bulk(base));
}

static const struct store_ops lite_ops = {
	.engine = STORE_SQLITE,
	.name = "sqlite",
	.pk_type = "INTEGER PRIMARY KEY",
	.migration_lock_sql = NULL,
	.close = lite_close,
	.exec = lite_exec,
	.begin = lite_begin,
	.commit = lite_commit,
	.rollback = lite_rollback,
	.prepare = lite_prepare,
	.bind_text = lite_bind_text,
	.bind_int64 = lite_bind_int64,
	.bind_null = lite_bind_null,
	.step = lite_step,
	.col_text = lite_col_text,
	.col_int64 = lite_col_int64,
	.col_null = lite_col_null,
	.col_count = lite_col_count,
	.reset = lite_reset,
	.changes = lite_changes,
	.finalize = lite_finalize,
	.bulk_begin = lite_bulk_begin,
	.bulk_row = lite_bulk_row,
	.bulk_finish = lite_bulk_finish,
	.bulk_cancel = lite_bulk_cancel,
	.bulk_free = lite_bulk_free,
};
