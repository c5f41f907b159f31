/*
 * store_rebuild.c — drop and re-create secondary indexes and foreign keys
 * around a large bulk load (see store_rebuild.h). The definitions come from
 * the engine's catalogue, so the schema stays written once, in the
 * migrations.
 * Thread-safety: as the store connection (one thread at a time).
 */
#include "util/dib.h"
#include "util/arena.h"
#include "util/vec.h"
#include "store/store_rebuild.h"
#include "store/store_int.h"

struct rebuild_item {
	const char *drop;   /* in r->arena */
	const char *create;
};

struct store_rebuild {
	struct store *s;
	dib_arena arena;
	dib_vec items; /* struct rebuild_item, indexes first, then foreign keys */
};

/* Each query returns (drop statement, create statement) for table $1. */
static const char *const sqlite_queries[] = {
	"SELECT 'DROP INDEX ' || name, sql FROM sqlite_master"
	" WHERE type = 'index' AND tbl_name = $1 AND sql IS NOT NULL ORDER BY name",
};

static const char *const pg_queries[] = {
	/* Indexes that back no constraint (the primary key stays). */
	"SELECT 'DROP INDEX ' || quote_ident(i.indexname), i.indexdef FROM pg_indexes i"
	" WHERE i.schemaname = current_schema() AND i.tablename = $1"
	" AND NOT EXISTS (SELECT 1 FROM pg_constraint c"
	"  WHERE c.conname = i.indexname AND c.conrelid = to_regclass($1))"
	" ORDER BY i.indexname",
	"SELECT 'ALTER TABLE ' || $1 || ' DROP CONSTRAINT ' || quote_ident(conname),"
	" 'ALTER TABLE ' || $1 || ' ADD CONSTRAINT ' || quote_ident(conname) || ' '"
	" || pg_get_constraintdef(oid)"
	" FROM pg_constraint WHERE conrelid = to_regclass($1) AND contype = 'f'"
	" ORDER BY conname",
};

static dib_code collect(struct store_rebuild *r, const char *sql, const char *table,
			dib_err *err)
{
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(r->s, sql, &st, err);
	if (!rc)
		rc = store_bind_text(st, 1, table, -1, err);
	bool row;
	while (!rc && !(rc = store_step(st, &row, err)) && row) {
		struct rebuild_item *it = dib_vec_push(&r->items);
		if (!it ||
		    !(it->drop = dib_arena_strdup(&r->arena, store_col_text(st, 0))) ||
		    !(it->create = dib_arena_strdup(&r->arena, store_col_text(st, 1))))
			rc = dib_err_nomem(err);
	}
	store_finalize(st);
	return rc;
}

dib_code store_rebuild_begin(struct store *s, const char *table,
			     struct store_rebuild **out, dib_err *err)
{
	if (!store_in_tx(s))
		return dib_err_set(err, DIB_EINTERNAL, "重建索引必须在事务内进行");
	if (!store__ident_ok(table)) /* it is pasted into ALTER TABLE */
		return dib_err_set(err, DIB_EINTERNAL, "表名不正确");
	struct store_rebuild *r = calloc(1, sizeof *r);
	if (!r)
		return dib_err_nomem(err);
	r->s = s;
	dib_arena_init(&r->arena, 4096, 0);
	dib_vec_init(&r->items, sizeof(struct rebuild_item));
	bool pg = store_engine(s) == STORE_PG;
	const char *const *q = pg ? pg_queries : sqlite_queries;
	size_t nq = pg ? DIB_ARRAY_LEN(pg_queries) : DIB_ARRAY_LEN(sqlite_queries);
	dib_code rc = DIB_OK;
	for (size_t i = 0; !rc && i < nq; i++)
		rc = collect(r, q[i], table, err);
	/* Foreign keys go first so that no index is dropped under one. */
	const struct rebuild_item *it = r->items.items;
	for (size_t i = r->items.len; !rc && i-- > 0;)
		rc = store_exec(s, it[i].drop, err);
	if (rc) {
		store_rebuild_abort(r);
		return rc;
	}
	*out = r;
	return DIB_OK;
}

dib_code store_rebuild_end(struct store_rebuild *r, dib_err *err)
{
	dib_code rc = DIB_OK;
	const struct rebuild_item *it = r->items.items;
	for (size_t i = 0; !rc && i < r->items.len; i++)
		rc = store_exec(r->s, it[i].create, err);
	store_rebuild_abort(r);
	return rc;
}

void store_rebuild_abort(struct store_rebuild *r)
{
	if (!r)
		return;
	dib_vec_release(&r->items);
	dib_arena_release(&r->arena);
	free(r);
}
