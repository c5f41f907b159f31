/*
 * store.h — the one interface to the database, whichever engine is behind it.
 *
 * A database is named by a URL: "sqlite:/path/x.db" (also "sqlite:rel.db",
 * "sqlite:///abs/x.db", "sqlite::memory:"), or "postgresql://…" /
 * "postgres://…" (a libpq connection URI; a "host=/dir" query parameter
 * selects a Unix socket: "postgresql:///dibao?host=/tmp/pg&user=dibao").
 * The default is "sqlite:dibao.db"; the environment variable DIBAO_DB
 * overrides the default, --db overrides both (store_url_resolve).
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
 * Errors: backend errors are mapped once, here (store__fail in store.c):
 *   unique or primary-key violation      DIB_ECONFLICT "数据库写入失败: 与已有记录重复"
 *   foreign-key violation                DIB_ECONFLICT
 *   CHECK, NOT NULL, wrong type/format   DIB_EINVAL
 *   text containing NUL; invalid UTF-8   DIB_EENCODING (UTF-8 is checked by
 *                                        PostgreSQL only: validate at the edge)
 *   lock timeout, deadlock, busy         DIB_EBUSY
 *   misuse of this API (nested begin,    DIB_EINTERNAL
 *   a statement while a bulk load runs, $n not in the statement)
 *   everything else                      DIB_EDB
 * err->msg is Chinese for the user; the engine's own text and the SQL go to
 * err->detail only (the log). After any error inside a transaction, roll it
 * back: PostgreSQL refuses every further statement in it.
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

/* The URL made safe to print: a password in "scheme://user:pw@host" or in
 * a "password=" parameter is replaced by "***". Writes into out (cap bytes,
 * truncated if needed) and returns out. */
char *store_url_display(const char *url, char *out, size_t cap);

/* Opens a connection. SQLite: WAL, foreign keys on, synchronous=FULL, busy
 * timeout 5 s. PostgreSQL: client_encoding UTF8, DateStyle ISO, TimeZone
 * UTC, client_min_messages warning. Does not migrate. Caller frees with
 * store_close. DIB_EINVAL (a Chinese message naming the scheme, never the
 * rest of the URL) for a URL of no known engine, DIB_EDB when the database
 * cannot be opened or connected to. */
dib_code store_open(const char *url, struct store **out, dib_err *err);

/* Closes the connection, rolling back an open transaction. NULL is a no-op.
 * Finish bulk loads and finalize statements first. */
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

/* One transaction at a time per connection; nested begin is DIB_EINTERNAL.
 * Do not run BEGIN/COMMIT through store_exec. On SQLite the transaction
 * takes the write lock at once (BEGIN IMMEDIATE), so a writer that must wait
 * waits here, up to the busy timeout (then DIB_EBUSY). */
dib_code store_begin(struct store *s, dib_err *err);
/* Commits. On failure the transaction is rolled back all the same, so the
 * connection is ready for the next one; DIB_EINTERNAL when there is no
 * transaction, when a bulk load is still open, or (PostgreSQL) when a
 * statement in it failed earlier. */
dib_code store_commit(struct store *s, dib_err *err);
/* Rolls back the open transaction, if any (a no-op otherwise); never fails
 * visibly. An open bulk load is abandoned with it: its rows are gone, and
 * the caller still frees it with store_bulk_abort. */
void store_rollback(struct store *s);
bool store_in_tx(const struct store *s);

/* Runs one or more SQL statements without parameters or results. */
dib_code store_exec(struct store *s, const char *sql, dib_err *err);

/* ---- statements ---- */

/* Prepares one SQL statement with $1…$n placeholders. PostgreSQL infers
 * each parameter's type from its use, so write $n where its type is clear
 * (compared with or assigned to a column); a number may appear several
 * times, but all its uses must want the same type (not an INTEGER column
 * and a BIGINT one). Exactly one statement per call. Caller frees
 * with store_finalize. Statements must be finalized before store_close.
 * On PostgreSQL the server keeps a cache of prepared statements per
 * connection, so preparing the same text again is cheap. */
dib_code store_prepare(struct store *s, const char *sql,
		       struct store_stmt **out, dib_err *err);

/* Binding: i counts from 1 ($1); DIB_EINTERNAL when the statement has no
 * $i. Text is copied by the call when needed, so the caller's buffer may be
 * reused after it returns. len < 0 means strlen; v NULL binds SQL NULL;
 * text containing a NUL byte is DIB_EENCODING. Unbound parameters are NULL.
 * Binding after the statement has run starts a new run (as store_reset,
 * but the other bound values are kept). */
dib_code store_bind_text(struct store_stmt *st, int i, const char *v, int len,
			 dib_err *err);
dib_code store_bind_int64(struct store_stmt *st, int i, int64_t v, dib_err *err);
dib_code store_bind_null(struct store_stmt *st, int i, dib_err *err);

/* Executes (on the first call after binding) and moves to the next row:
 * *row is true while a row is available, false when done (and stays false
 * until store_reset or a new binding). PostgreSQL fetches the whole result
 * at the first step: page large scans by key (WHERE id > $1 ORDER BY id
 * LIMIT n) rather than reading millions of rows in one statement. */
dib_code store_step(struct store_stmt *st, bool *row, dib_err *err);

/* Reading the current row; col counts from 0. Text is borrowed until the
 * next step, reset or finalize; NULL for SQL NULL. int64 of NULL is 0, and
 * of text that is not a number, 0 (or its leading digits). Dates read as
 * "YYYY-MM-DD" on both engines. A CHAR(n) column reads blank-padded to n on
 * PostgreSQL: store only values of exactly n characters in such columns.
 * store_col_count is the number of result columns (0 for none). */
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
 * (*found false when no row; a NULL value reads as 0 — use coalesce() to be
 * explicit). out and found may be NULL. */
dib_code store_query_int64(struct store *s, const char *sql, int nparams,
			   const char *const *params, int64_t *out,
			   bool *found, dib_err *err);

/* ---- identifiers ---- */

/* Reserves n (>= 1) consecutive ids of a kind ('household', 'person',
 * 'membership', 'disability', 'income', 'asset', 'user', 'audit') and
 * returns the first in *first. Must run inside a transaction (else
 * DIB_EINTERNAL), so an aborted load gives its ids back; the id_blocks row
 * stays locked until the transaction ends, so concurrent writers of one
 * kind take turns. DIB_EINTERNAL for an unknown kind. */
dib_code store_ids_reserve(struct store *s, const char *kind, int64_t n,
			   int64_t *first, dib_err *err);

/* ---- bulk loads ---- */

/* Starts streaming rows into table's named columns (ncols of them) inside
 * the open transaction (else DIB_EINTERNAL). Only one bulk load may be open
 * per connection, and no other statement may run on the connection while
 * it is open (PostgreSQL's COPY holds the connection): store_exec,
 * store_prepare and store_step fail with DIB_EINTERNAL on both engines.
 * table and column names are plain lower-case identifiers. On SQLite, rows
 * referring to other rows of the same load must come after them (foreign
 * keys are checked per row there, per load on PostgreSQL). */
dib_code store_bulk_begin(struct store *s, const char *table,
			  const char *const *cols, int ncols,
			  struct store_bulk **out, dib_err *err);

/* Adds one row: vals[i] (lens[i] bytes; NULL is SQL NULL). Values are text
 * in the column's input format (integers in decimal, dates YYYY-MM-DD); any
 * byte but NUL may appear (tabs, newlines, backslashes are escaped for
 * COPY). The bytes are not used after the call returns. A constraint
 * violation may be reported here (SQLite) or only at store_bulk_end
 * (PostgreSQL); after a failed row, further rows fail the same way and
 * store_bulk_end reports the error again: roll the transaction back. */
dib_code store_bulk_row(struct store_bulk *b, const char *const *vals,
			const size_t *lens, dib_err *err);

/* Finishes the load (and frees b, also on error); *rows (may be NULL) gets
 * the number of rows written. */
dib_code store_bulk_end(struct store_bulk *b, int64_t *rows, dib_err *err);

/* Abandons a load (the transaction must then be rolled back). NULL no-op. */
void store_bulk_abort(struct store_bulk *b);

#endif
