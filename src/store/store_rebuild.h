/*
 * store_rebuild.h — faster large loads: a table's secondary indexes (and,
 * on PostgreSQL, its foreign keys) are dropped before a bulk load and
 * rebuilt once after it, in the same transaction. Building an index from
 * sorted data and validating a foreign key with one join cost far less than
 * maintaining them row by row (what pg_restore does for the same reason).
 *
 * Nothing is given up: the rebuild enforces every unique index and foreign
 * key over the whole table — a violation fails store_rebuild_end with
 * DIB_ECONFLICT and the caller rolls back, which (DDL being transactional on
 * both engines) restores the indexes and constraints as they were. The
 * primary key stays throughout. While the transaction is open the table is
 * locked against other writers (and, on PostgreSQL, readers), so use it
 * for loads that are large compared with the table — an initial load.
 *
 * Thread-safety: as the store connection.
 */
#ifndef DIB_STORE_REBUILD_H
#define DIB_STORE_REBUILD_H

#include "util/dib.h"
#include "util/err.h"
#include "store/store.h"

struct store_rebuild;

/* Inside the open transaction, drops table's secondary indexes (SQLite and
 * PostgreSQL) and foreign keys (PostgreSQL; SQLite checks them by primary
 * key, which is cheap), remembering their definitions. table must be a
 * constant identifier. Caller ends with store_rebuild_end or _abort. */
dib_code store_rebuild_begin(struct store *s, const char *table,
			     struct store_rebuild **out, dib_err *err);

/* Re-creates what begin dropped, and frees r (also on error). */
dib_code store_rebuild_end(struct store_rebuild *r, dib_err *err);

/* Frees r without re-creating; the caller rolls the transaction back.
 * NULL is a no-op. */
void store_rebuild_abort(struct store_rebuild *r);

#endif
