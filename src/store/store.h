/*
 * store.h — the one interface to the database, whichever engine is behind it.
 *
 * A database is named by a URL: "sqlite:/path/x.db" (or "sqlite::memory:"),
 * or "postgresql://…" / "postgres://…" (libpq connection URI; a "host=/dir"
 * parameter selects a Unix socket). The default is "sqlite:dibao.db"; the
 * environment variable DIBAO_DB overrides the default, --db overrides both
 * (store_url_resolve).
 *
 * Two levels of API:
 *  - statements: SQL text written once for both engines with $1, $2, …
 *    placeholders; prepare, bind, step, read columns. Values cross the
 *    boundary as text or int64, so both engines behave alike.
 *  - bulk loads: store_bulk_* streams rows into one table (COPY on
 *    PostgreSQL, a prepared INSERT on SQLite) inside the open transaction.
 * Domain SQL lives in store/ modules (store_region.c, store_register.c, …)
 * whose functions svc calls; svc never writes SQL itself.
 *
 * Errors: backend errors are mapped once, here: unique and foreign-key
 * violations → DIB_ECONFLICT, everything else → DIB_EDB; the engine's own
 * text goes to err->detail only.
 *
 * Thread-safety: a struct store is one connection and belongs to one thread
 * at a time. Open one per worker thread.
 */
#ifndef DIB_STORE_H
#define DIB_STORE_H

#include "util/dib.h"
#include "util/err.h"

struct store;
struct store_stmt;
struct store_bulk;

enum store_engine { STORE_SQLITE = 1, STORE_PG = 2 };

/* Picks the URL: cli_url if not NULL, else $DIBAO_DB if set, else
 * "sqlite:dibao.db". Borrowed: cli_url or the environment's string. */
const char *store_url_resolve(const char *cli_url);

/* Opens a connection. SQLite: WAL, foreign keys on, synchronous=FULL, busy
 * timeout. PostgreSQL: client_encoding UTF8, DateStyle ISO, TimeZone UTC.
 * Does not migrate. Caller frees with store_close. DIB_EINVAL for a URL of
 * no known engine, DIB_EDB when the connection fails. */
dib_code store_open(const char *url, struct store **out, dib_err *err);

/* Closes the connection, rolling back an open transaction. NULL is a no-op. */
void store_close(struct store *s);

enum store_engine store_engine(const struct store *s);
/* "sqlite" or "postgresql". */
const char *store_engine_name(const struct store *s);

/* ---- schema ---- */

/* Brings the schema up to the newest version compiled in, each migration in
 * its own transaction with its row in schema_migrations; rerunning is a
 * no-op. *from and *to (may be NULL) receive the versions before and after.
 * DIB_ESCHEMA when the database is newer than this program. */
dib_code store_migrate(struct store *s, int *from, int *to, dib_err *err);

/* The schema version in the database (0 when none), and the newest known. */
dib_code store_schema_version(struct store *s, int *out, dib_err *err);
int store_schema_latest(void);

/* ---- transactions ---- */

/* One transaction at a time per connection; nested begin is DIB_EINTERNAL. */
dib_code store_begin(struct store *s, dib_err *err);
dib_code store_commit(struct store *s, dib_err *err);
/* Rolls back the open transaction, if any; never fails visibly (the failure
 * is logged by the caller through the returned code only when it matters). */
void store_rollback(struct store *s);
bool store_in_tx(const struct store *s);

/* Runs one or more SQL statements without parameters or results. */
dib_code store_exec(struct store *s, const char *sql, dib_err *err);

/* ---- statements ---- */

/* Prepares sql ($1…$n placeholders). Caller frees with store_finalize.
 * Statements must be finalized before store_close. */
dib_code store_prepare(struct store *s, const char *sql,
		       struct store_stmt **out, dib_err *err);

/* Binding: i counts from 1 ($1). Text is copied by the call when needed, so
 * the caller's buffer may be reused after it returns. len < 0 means strlen. */
dib_code store_bind_text(struct store_stmt *st, int i, const char *v, int len,
			 dib_err *err);
dib_code store_bind_int64(struct store_stmt *st, int i, int64_t v, dib_err *err);
dib_code store_bind_null(struct store_stmt *st, int i, dib_err *err);

/* Executes (on the first call after binding) and moves to the next row:
 * *row is true while a row is available, false when done. */
dib_code store_step(struct store_stmt *st, bool *row, dib_err *err);

/* Reading the current row; col counts from 0. Text is borrowed until the
 * next step, reset or finalize; NULL for SQL NULL. int64 of NULL is 0. */
const char *store_col_text(struct store_stmt *st, int col);
int64_t store_col_int64(struct store_stmt *st, int col);
bool store_col_null(struct store_stmt *st, int col);
int store_col_count(struct store_stmt *st);

/* Makes the statement ready to bind and execute again (bindings cleared). */
void store_reset(struct store_stmt *st);
/* Rows changed by the last execution of st (INSERT/UPDATE/DELETE). */
int64_t store_changes(struct store_stmt *st);
void store_finalize(struct store_stmt *st);

/* Shorthand: runs sql with text parameters (nparams of them, NULL entries
 * are SQL NULL) and returns the first column of the first row as int64
 * (*found false when no row). */
dib_code store_query_int64(struct store *s, const char *sql, int nparams,
			   const char *const *params, int64_t *out,
			   bool *found, dib_err *err);

/* ---- identifiers ---- */

/* Reserves n consecutive ids of a kind ('household', 'person', …) and
 * returns the first. Must run inside a transaction, so an aborted load gives
 * its ids back. */
dib_code store_ids_reserve(struct store *s, const char *kind, int64_t n,
			   int64_t *first, dib_err *err);

/* ---- bulk loads ---- */

/* Starts streaming rows into table's named columns (ncols of them) inside
 * the open transaction. Only one bulk load may be open per connection, and
 * no other statement may run on the connection while it is open
 * (PostgreSQL's COPY holds the connection). */
dib_code store_bulk_begin(struct store *s, const char *table,
			  const char *const *cols, int ncols,
			  struct store_bulk **out, dib_err *err);

/* Adds one row: vals[i] (lens[i] bytes; NULL is SQL NULL). Values are text
 * in the column's input format (integers in decimal, dates YYYY-MM-DD).
 * A constraint violation may be reported here or only at store_bulk_end. */
dib_code store_bulk_row(struct store_bulk *b, const char *const *vals,
			const size_t *lens, dib_err *err);

/* Finishes the load (and frees b, also on error); *rows gets the count. */
dib_code store_bulk_end(struct store_bulk *b, int64_t *rows, dib_err *err);

/* Abandons a load (the transaction must then be rolled back). NULL no-op. */
void store_bulk_abort(struct store_bulk *b);

#endif
