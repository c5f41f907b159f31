/*
 * store_pg_int.h — what store_pg.c and store_pg_bulk.c share: the
 * PostgreSQL connection struct and the COPY half of the vtable. Included
 * only by those two files.
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#ifndef DIB_STORE_PG_INT_H
#define DIB_STORE_PG_INT_H

#include "util/dib.h"
#include "util/err.h"
#include "store/store_int.h"

#include <libpq-fe.h>

struct pg_ps;

struct pg_store {
	struct store base;
	PGconn *conn;
	struct pg_ps **ps;  /* the prepared-statement cache (store_pg.c) */
	size_t nps, cap;
	uint64_t clock;     /* counts prepares, for least-recently-used */
	uint64_t names;     /* last generated statement name number */
};

/* Downcast with a check that s is a PostgreSQL connection. */
struct pg_store *store__pg(struct store *s);

/* Reports a failed libpq call: the SQLSTATE of res (may be NULL: then the
 * connection's error) decides the code; sql goes to the detail. */
dib_code store__pg_fail(PGconn *conn, const PGresult *res, const char *sql,
			dib_err *err);

dib_code store__pg_bulk_begin(struct store *s, const char *table,
			      const char *const *cols, int ncols,
			      struct store_bulk **out, dib_err *err);
dib_code store__pg_bulk_row(struct store_bulk *b, const char *const *vals,
			    const size_t *lens, dib_err *err);
dib_code store__pg_bulk_finish(struct store_bulk *b, int64_t *rows,
			       dib_err *err);
void store__pg_bulk_cancel(struct store_bulk *b);
void store__pg_bulk_free(struct store_bulk *b);

#endif
