/*
 * store_migrate.c — the migration runner: brings a database's schema up to
 * the newest version compiled into the program.
 *
 * Migrations are src/store/sql/NNNN_name.sql, embedded at build time by
 * scripts/embed_sql.cmake as gen/migrations.inc. Each runs in its own
 * transaction together with its schema_migrations row, so a failed step
 * leaves the database at the previous version; one SQL text serves both
 * engines, with {{pk}} replaced by the engine's 64-bit key type. A program
 * older than its database refuses to touch it (DIB_ESCHEMA).
 *
 * Thread-safety: a struct store belongs to one thread at a time; the
 * migration table is constant. Two programs migrating one database at once
 * apply each step once (a lock, then the version is read again).
 */
#include "util/dib.h"
#include "util/buf.h"
#include "util/time.h"
#include "store/store.h"
#include "store/store_int.h"

/* The migrations, compiled in from src/store/sql/NNNN_name.sql in version
 * order by scripts/embed_sql.cmake. */
static const struct {
	int version;
	const char *name;
	const char *sql;
} migrations[] = {
#include "migrations.inc"
};

#define STORE_MIGRATION_MAX (16u << 20) /* sanity cap on one migration's text */

int store_schema_latest(void)
{
	int v = 0;
	for (size_t i = 0; i < DIB_ARRAY_LEN(migrations); i++)
		if (migrations[i].version > v)
			v = migrations[i].version;
	return v;
}

static const char create_migrations_sql[] =
	"CREATE TABLE IF NOT EXISTS schema_migrations ("
	"version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
	"applied_at TEXT NOT NULL)";

static dib_code read_version(struct store *s, int *out, dib_err *err)
{
	int64_t v = 0;
	bool found = false;
	dib_code rc = store_query_int64(s,
		"SELECT coalesce(max(version), 0) FROM schema_migrations", 0,
		NULL, &v, &found, err);
	if (rc)
		return rc;
	*out = (int)v;
	return DIB_OK;
}

dib_code store_schema_version(struct store *s, int *out, dib_err *err)
{
	/* Read-only: a reporting role may not create tables, and commands that
	 * only read must not race each other creating one. */
	int64_t n = 0;
	bool found = false;
	dib_code rc = store_query_int64(s, store_engine(s) == STORE_PG
		? "SELECT count(*) FROM pg_catalog.pg_tables"
		  " WHERE schemaname = current_schema() AND tablename = 'schema_migrations'"
		: "SELECT count(*) FROM sqlite_master"
		  " WHERE type = 'table' AND name = 'schema_migrations'",
		0, NULL, &n, &found, err);
	if (rc)
		return rc;
	if (!n) {
		*out = 0;
		return DIB_OK;
	}
	return read_version(s, out, err);
}

/* The migration text with {{pk}} replaced by the engine's key type. */
static dib_code expand_sql(struct store *s, const char *sql, dib_buf *b,
			   dib_err *err)
{
	static const char token[] = "{{pk}}";
	const char *p = sql;
	const char *hit;
	dib_code rc = DIB_OK;
	while (!rc && (hit = strstr(p, token)) != NULL) {
		rc = dib_buf_add(b, p, (size_t)(hit - p));
		if (!rc)
			rc = dib_buf_adds(b, s->ops->pk_type);
		p = hit + sizeof token - 1;
	}
	if (!rc)
		rc = dib_buf_adds(b, p);
	if (rc)
		return dib_err_set(err, rc, NULL);
	return DIB_OK;
}

static dib_code apply_one(struct store *s, size_t i, dib_buf *b, int *now,
			  dib_err *err)
{
	int ver = migrations[i].version;
	dib_code rc = store_begin(s, err);
	if (rc)
		return rc;
	if (s->ops->migration_lock_sql &&
	    (rc = store_exec(s, s->ops->migration_lock_sql, err)))
		goto out;
	/* Another program may have applied it since we looked. */
	if ((rc = read_version(s, now, err)))
		goto out;
	if (*now >= ver)
		goto out;
	dib_buf_reset(b);
	if ((rc = expand_sql(s, migrations[i].sql, b, err)) ||
	    (rc = store_exec(s, dib_buf_str(b), err)))
		goto out;
	char at[DIB_TIME_UTC_SIZE];
	dib_time_now_utc(at, sizeof at);
	struct store_stmt *st = NULL;
	if ((rc = store_prepare(s, "INSERT INTO schema_migrations "
				   "(version, name, applied_at) VALUES ($1, $2, $3)",
				   &st, err)))
		goto out;
	bool row;
	if (!(rc = store_bind_int64(st, 1, ver, err)) &&
	    !(rc = store_bind_text(st, 2, migrations[i].name, -1, err)) &&
	    !(rc = store_bind_text(st, 3, at, -1, err)))
		rc = store_step(st, &row, err);
	store_finalize(st);
	if (rc)
		goto out;
	*now = ver;
out:
	if (rc) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s, err);
}

dib_code store_migrate(struct store *s, int *from, int *to, dib_err *err)
{
	int cur = 0;
	int latest = store_schema_latest();
	dib_code rc = store_exec(s, create_migrations_sql, err);
	if (!rc)
		rc = store_schema_version(s, &cur, err);
	if (rc)
		return rc;
	if (cur > latest)
		return dib_err_set(err, DIB_ESCHEMA,
				   "数据库版本 %d 比本程序支持的版本 %d 新，请升级程序",
				   cur, latest);
	int start = cur;
	dib_buf b;
	dib_buf_init(&b, STORE_MIGRATION_MAX);
	for (size_t i = 0; i < DIB_ARRAY_LEN(migrations); i++) {
		if (migrations[i].version <= cur)
			continue;
		/* The engine's message alone does not say which step failed. */
		dib_err e;
		dib_err_clear(&e);
		rc = apply_one(s, i, &b, &cur, &e);
		if (rc) {
			dib_err_set(err, rc, "数据库升级到版本 %d (%s) 失败: %s",
				    migrations[i].version, migrations[i].name,
				    e.msg);
			dib_err_detail(err, "%s", e.detail);
			break;
		}
	}
	dib_buf_release(&b);
	if (rc)
		return rc;
	if (from)
		*from = start;
	if (to)
		*to = cur;
	return DIB_OK;
}
