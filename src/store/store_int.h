/*
 * store_int.h — the backend vtable behind store.h, for the files of src/store only.
 *
 * store.c is engine-neutral: it checks the caller's use of the API (one
 * transaction at a time, nothing else while a bulk load holds the
 * connection), runs the shorthands, and dispatches every engine operation
 * through struct store_ops; store_migrate.c runs migrations on top of it.
 * Each backend (store_sqlite.c; store_pg.c with store_pg_bulk.c, sharing
 * store_pg_int.h) embeds struct store / store_stmt / store_bulk first in its
 * own structs and downcasts after checking the ops pointer (SQLite's VFS,
 * curl's vtls). Backends classify their failures (enum store_fail) and
 * store__fail() turns the class into dib_code and a Chinese message in one
 * place, so both engines say the same thing for the same fault. The domain
 * modules (store_region.c, …) use only store.h plus the helpers at the end.
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#ifndef DIB_STORE_INT_H
#define DIB_STORE_INT_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "store/store.h"

struct store_ops;

/* The engine-neutral part of a connection; backends embed it first. */
struct store {
	const struct store_ops *ops;
	bool in_tx;              /* between store_begin and commit/rollback */
	struct store_bulk *bulk; /* the open bulk load, if any */
};

/* The engine-neutral part of a prepared statement. */
struct store_stmt {
	struct store *s;
};

/* The engine-neutral part of a bulk load. */
struct store_bulk {
	struct store *s;
	int ncols;
	bool engine_done; /* the engine side is finished (ended or cancelled) */
	int64_t rows;     /* rows accepted by store_bulk_row */
	dib_err failed;   /* the first error of a row, re-reported at the end */
};

struct store_ops {
	enum store_engine engine;
	const char *name;          /* "sqlite", "postgresql" */
	const char *pk_type;       /* what {{pk}} in migrations becomes */
	/* Taken inside each migration's transaction before the version is
	 * re-read, so two programs migrating at once apply each step once;
	 * NULL when BEGIN already serialises writers (SQLite's IMMEDIATE). */
	const char *migration_lock_sql;

	void (*close)(struct store *s);
	dib_code (*exec)(struct store *s, const char *sql, dib_err *err);
	dib_code (*begin)(struct store *s, dib_err *err);
	/* On failure the transaction is gone (rolled back) as well. */
	dib_code (*commit)(struct store *s, dib_err *err);
	void (*rollback)(struct store *s);

	dib_code (*prepare)(struct store *s, const char *sql,
			    struct store_stmt **out, dib_err *err);
	/* i is already checked to be >= 1; the backend checks the upper end. */
	dib_code (*bind_text)(struct store_stmt *st, int i, const char *v,
			      size_t len, dib_err *err);
	dib_code (*bind_int64)(struct store_stmt *st, int i, int64_t v,
			       dib_err *err);
	dib_code (*bind_null)(struct store_stmt *st, int i, dib_err *err);
	dib_code (*step)(struct store_stmt *st, bool *row, dib_err *err);
	const char *(*col_text)(struct store_stmt *st, int col);
	int64_t (*col_int64)(struct store_stmt *st, int col);
	bool (*col_null)(struct store_stmt *st, int col);
	int (*col_count)(struct store_stmt *st);
	void (*reset)(struct store_stmt *st);
	int64_t (*changes)(struct store_stmt *st);
	void (*finalize)(struct store_stmt *st);

	/* table and cols are checked identifiers. */
	dib_code (*bulk_begin)(struct store *s, const char *table,
			       const char *const *cols, int ncols,
			       struct store_bulk **out, dib_err *err);
	dib_code (*bulk_row)(struct store_bulk *b, const char *const *vals,
			     const size_t *lens, dib_err *err);
	/* Ends the engine side: flushes and checks; *rows as the engine saw. */
	dib_code (*bulk_finish)(struct store_bulk *b, int64_t *rows,
				dib_err *err);
	/* Ends the engine side without keeping the rows (never fails). */
	void (*bulk_cancel)(struct store_bulk *b);
	/* Frees the memory only; the engine side is already done. */
	void (*bulk_free)(struct store_bulk *b);
};

/* Backends' constructors, called by store_open after URL parsing.
 * path: a file name or ":memory:"; url: a libpq connection URI. */
dib_code store__sqlite_open(const char *path, struct store **out,
			    dib_err *err);
dib_code store__pg_open(const char *url, struct store **out, dib_err *err);

/* The kinds of engine failure that callers can act on. */
enum store_fail {
	STORE_FAIL_OTHER = 0, /* DIB_EDB */
	STORE_FAIL_UNIQUE,    /* DIB_ECONFLICT: duplicate key */
	STORE_FAIL_FOREIGN,   /* DIB_ECONFLICT: missing or still referenced row */
	STORE_FAIL_CHECK,     /* DIB_EINVAL: CHECK constraint */
	STORE_FAIL_NOTNULL,   /* DIB_EINVAL: required value missing */
	STORE_FAIL_FORMAT,    /* DIB_EINVAL: value of the wrong type or too long */
	STORE_FAIL_ENCODING,  /* DIB_EENCODING: text is not valid UTF-8 */
	STORE_FAIL_BUSY,      /* DIB_EBUSY: lock timeout, deadlock, serialisation */
	STORE_FAIL_CONNECT,   /* DIB_EDB: connection could not be opened or was lost */
	STORE_FAIL_MISUSE,    /* DIB_EINTERNAL: the program used the API wrongly */
};

/* Reports an engine failure: the code and the Chinese user message for the
 * kind, and "<engine_msg> [SQL: <sql>]" as detail (either may be NULL).
 * First error wins, as dib_err_set. Returns the code. */
dib_code store__fail(dib_err *err, enum store_fail kind,
		     const char *engine_msg, const char *sql);

/* Checks a table or column name for bulk loads: [a-z_][a-z0-9_]*, at most 63
 * bytes, so it can be pasted into SQL unquoted on both engines. */
bool store__ident_ok(const char *name);

/* Largest placeholder number ($N) in sql outside quotes and comments; 0 when
 * none. Used by the PostgreSQL backend to size its parameter arrays. */
int store__max_placeholder(const char *sql);

/* ---- helpers for the domain modules (store_region.c, …) ---- */

/* Re-reports the error in from (its code and detail) into err, with the
 * message prefixed by a subject: "区划 \"410726000000\" 写入失败: " +
 * from->msg. First error wins. Returns from->code. */
dib_code store__error_about(dib_err *err, const dib_err *from,
			    const char *fmt, ...) DIB_PRINTF(3, 4);

/* Binds $1, $2, … in the order of fmt, one character per value:
 *   't' const char *: text, NULL for NULL or "" (optional texts and dates);
 *   'T' const char *: text as given (required; "" stays "");
 *   'i' int64_t;
 *   'n' int64_t: NULL when 0 (optional ids).
 * For the long INSERTs of the domain modules. */
dib_code store__bind(struct store_stmt *st, dib_err *err, const char *fmt, ...);

/* Steps a statement that returns no row (an INSERT, UPDATE, DELETE) once. */
dib_code store__run(struct store_stmt *st, dib_err *err);

/* The whole of one write: prepares sql, binds as store__bind (fmt and the
 * values after it), runs it and finalizes; *changes (may be NULL) gets the
 * rows it changed. */
dib_code store__write(struct store *s, int64_t *changes, dib_err *err, const char *sql,
		      const char *fmt, ...);

/* Copies column col of the current row into a; *out NULL for SQL NULL.
 * DIB_ENOMEM when the arena is full. */
dib_code store__col_dup(struct store_stmt *st, int col, dib_arena *a,
			const char **out, dib_err *err);

/* Copies column col into out (cap bytes, truncated, NUL-terminated),
 * without the blanks PostgreSQL pads CHAR(n) values with; "" for NULL. */
void store__col_char(struct store_stmt *st, int col, char *out, size_t cap);

/* Reads one row of st into *out (a struct of the caller's), copying strings
 * into a. */
typedef dib_code (*store__read_fn)(struct store_stmt *st, dib_arena *a,
				   void *out, dib_err *err);

/* Steps st (already bound) to the end, reading every row with fn into an
 * array of elements of `size` bytes allocated in a: *out (NULL when none)
 * and *n. Does not finalize st. */
dib_code store__collect(struct store_stmt *st, size_t size, store__read_fn fn,
			dib_arena *a, void **out, size_t *n, dib_err *err);

/* Prepares sql, binds its parameters as store__bind (fmt and the values
 * after it), reads every row with fn into an array of elements of `size`
 * bytes allocated in a (*out, NULL when none, and *n) and finalizes: the
 * whole of a list read. */
dib_code store__select(struct store *s, const char *sql, size_t size, store__read_fn fn,
		       dib_arena *a, void **out, size_t *n, dib_err *err, const char *fmt, ...);

/* store__select of a query that finds at most one row: fn reads it into
 * out when there is one; *found says whether. */
dib_code store__select_one(struct store *s, const char *sql, store__read_fn fn,
			   dib_arena *a, void *out, bool *found, dib_err *err, const char *fmt,
			   ...);

#endif
