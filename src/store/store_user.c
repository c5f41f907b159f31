/*
 * store_user.c — the users and user_roles tables: insert, read, list and
 * the single-field updates of svc/user.c. Same SQL on both engines.
 * Thread-safety: as the store connection (one thread at a time).
 */
#include "util/dib.h"
#include "util/time.h"
#include "store/store_user.h"

dib_code store_user_add(struct store *s, const struct store_user *u, int64_t *id,
			dib_err *err)
{
	int64_t uid;
	dib_code rc = store_ids_reserve(s, "user", 1, &uid, err);
	if (rc)
		return rc;
	char now[DIB_TIME_UTC_SIZE];
	dib_time_now_utc(now, sizeof now);
	struct store_stmt *st = NULL;
	rc = store_prepare(s,
		"INSERT INTO users (id, username, display_name, region_code, password_hash,"
		" must_change, disabled, failed_logins, created_at)"
		" VALUES ($1, $2, $3, $4, $5, $6, 0, 0, $7)", &st, err);
	if (!rc)
		rc = store_bind_int64(st, 1, uid, err);
	if (!rc)
		rc = store_bind_text(st, 2, u->username, -1, err);
	if (!rc)
		rc = store_bind_text(st, 3, u->display_name, -1, err);
	if (!rc)
		rc = store_bind_text(st, 4, u->region_code, -1, err);
	if (!rc)
		rc = u->password_hash ? store_bind_text(st, 5, u->password_hash, -1, err)
				      : store_bind_null(st, 5, err);
	if (!rc)
		rc = store_bind_int64(st, 6, u->must_change, err);
	if (!rc)
		rc = store_bind_text(st, 7, now, -1, err);
	bool row;
	if (!rc)
		rc = store_step(st, &row, err);
	store_finalize(st);
	if (rc)
		return rc;
	st = NULL;
	rc = store_prepare(s, "INSERT INTO user_roles (user_id, role) VALUES ($1, $2)", &st, err);
	for (int i = 0; !rc && i < u->nroles; i++) {
		store_reset(st);
		rc = store_bind_int64(st, 1, uid, err);
		if (!rc)
			rc = store_bind_text(st, 2, u->roles[i], -1, err);
		if (!rc)
			rc = store_step(st, &row, err);
	}
	store_finalize(st);
	if (!rc && id)
		*id = uid;
	return rc;
}

dib_code store_user_count(struct store *s, int64_t *n, dib_err *err)
{
	bool found;
	return store_query_int64(s, "SELECT count(*) FROM users", 0, NULL, n, &found, err);
}

#define USER_COLS \
	"id, username, display_name, region_code, password_hash, must_change," \
	" disabled, failed_logins, locked_until"

/* The text of column col copied into a, NULL for SQL NULL (or no memory:
 * callers check the NOT NULL columns). */
static const char *col_dup(struct store_stmt *st, int col, dib_arena *a)
{
	const char *v = store_col_text(st, col);
	return v ? dib_arena_strdup(a, v) : NULL;
}

static dib_code read_row(struct store_stmt *st, dib_arena *a,
			 struct store_user_row *u, dib_err *err)
{
	memset(u, 0, sizeof *u);
	u->id = store_col_int64(st, 0);
	u->username = col_dup(st, 1, a);
	u->display_name = col_dup(st, 2, a);
	u->region_code = col_dup(st, 3, a);
	u->password_hash = col_dup(st, 4, a);
	u->must_change = store_col_int64(st, 5) != 0;
	u->disabled = store_col_int64(st, 6) != 0;
	u->failed_logins = (int)store_col_int64(st, 7);
	u->locked_until = col_dup(st, 8, a);
	if (!u->username || !u->display_name || !u->region_code ||
	    (!u->password_hash && !store_col_null(st, 4)) ||
	    (!u->locked_until && !store_col_null(st, 8)))
		return dib_err_nomem(err);
	return DIB_OK;
}

/* The number of roles in the table: an upper bound for one user's roles. */
static dib_code roles_max(struct store *s, int64_t *n, dib_err *err)
{
	bool found;
	return store_query_int64(s, "SELECT count(*) FROM roles", 0, NULL, n, &found, err);
}

dib_code store_user_get(struct store *s, const char *username, dib_arena *a,
			struct store_user_row *out, dib_err *err)
{
	struct store_user_row u;
	int64_t cap = 0;
	bool row = false;
	struct store_stmt *st = NULL;
	dib_code rc = roles_max(s, &cap, err);
	if (!rc)
		rc = store_prepare(s, "SELECT " USER_COLS " FROM users WHERE username = $1",
				   &st, err);
	if (!rc)
		rc = store_bind_text(st, 1, username, -1, err);
	if (!rc)
		rc = store_step(st, &row, err);
	if (!rc && !row) {
		char q[DIB_QUOTE_MAX];
		rc = dib_err_set(err, DIB_ENOTFOUND, "用户 \"%s\" 不存在",
				 dib_err_quote(username, strlen(username), q, sizeof q));
	}
	if (!rc)
		rc = read_row(st, a, &u, err);
	store_finalize(st);
	st = NULL;
	if (rc)
		return rc;
	u.roles = dib_arena_calloc(a, (size_t)(cap + 1) * sizeof *u.roles);
	if (!u.roles)
		return dib_err_nomem(err);
	rc = store_prepare(s, "SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role",
			   &st, err);
	if (!rc)
		rc = store_bind_int64(st, 1, u.id, err);
	while (!rc && !(rc = store_step(st, &row, err)) && row && u.nroles < cap) {
		u.roles[u.nroles] = col_dup(st, 0, a);
		if (!u.roles[u.nroles++])
			rc = dib_err_nomem(err);
	}
	store_finalize(st);
	if (!rc)
		*out = u;
	return rc;
}

dib_code store_user_list(struct store *s, dib_arena *a,
			 struct store_user_row **out, size_t *n, dib_err *err)
{
	int64_t nusers = 0, cap = 0;
	struct store_user_row *rows = NULL;
	size_t k = 0;
	bool row = false;
	struct store_stmt *st = NULL;
	dib_code rc = store_user_count(s, &nusers, err);
	if (!rc)
		rc = roles_max(s, &cap, err);
	if (!rc && nusers > 0) {
		rows = dib_arena_calloc(a, (size_t)nusers * sizeof *rows);
		if (!rows)
			rc = dib_err_nomem(err);
	}
	if (!rc)
		rc = store_prepare(s, "SELECT " USER_COLS " FROM users ORDER BY username", &st, err);
	/* Users added since the count are left for the next listing. */
	while (!rc && !(rc = store_step(st, &row, err)) && row && k < (size_t)nusers) {
		rc = read_row(st, a, &rows[k], err);
		if (!rc)
			rows[k].roles = dib_arena_calloc(a, (size_t)(cap + 1) * sizeof(char *));
		if (!rc && !rows[k].roles)
			rc = dib_err_nomem(err);
		k++;
	}
	store_finalize(st);
	st = NULL;
	/* Roles in the same order as the users, so one merging walk pairs them. */
	if (!rc)
		rc = store_prepare(s, "SELECT u.username, r.role FROM user_roles r"
				   " JOIN users u ON u.id = r.user_id ORDER BY u.username, r.role",
				   &st, err);
	size_t i = 0;
	while (!rc && !(rc = store_step(st, &row, err)) && row) {
		const char *name = store_col_text(st, 0);
		while (i < k && strcmp(rows[i].username, name))
			i++;
		if (i == k)
			break;
		if (rows[i].nroles < cap) {
			const char *r = col_dup(st, 1, a);
			if (!r)
				rc = dib_err_nomem(err);
			else
				rows[i].roles[rows[i].nroles++] = r;
		}
	}
	store_finalize(st);
	if (rc)
		return rc;
	*out = k ? rows : NULL;
	*n = k;
	return DIB_OK;
}

dib_code store_user_exists(struct store *s, const char *username, bool *exists,
			   dib_err *err)
{
	const char *p[1] = { username };
	int64_t n = 0;
	bool found;
	dib_code rc = store_query_int64(s, "SELECT count(*) FROM users WHERE username = $1",
					1, p, &n, &found, err);
	if (!rc)
		*exists = n > 0;
	return rc;
}

dib_code store_user_with_role_at(struct store *s, const char *region, const char *role,
				 bool *exists, dib_err *err)
{
	const char *p[2] = { region, role };
	int64_t n = 0;
	bool found;
	dib_code rc = store_query_int64(s,
					"SELECT count(*) FROM users u JOIN user_roles r"
					" ON r.user_id = u.id WHERE u.region_code = $1"
					" AND r.role = $2 AND u.disabled = 0",
					2, p, &n, &found, err);
	if (!rc)
		*exists = n > 0;
	return rc;
}

dib_code store_role_exists(struct store *s, const char *code, bool *exists,
			   dib_err *err)
{
	const char *p[1] = { code };
	int64_t n = 0;
	bool found;
	dib_code rc = store_query_int64(s, "SELECT count(*) FROM roles WHERE code = $1",
					1, p, &n, &found, err);
	if (!rc)
		*exists = n > 0;
	return rc;
}

/* Runs a statement with $1 = id and, when used, $2 = text and then the
 * number ($3, or $2 without text: PostgreSQL rejects gaps in the numbering);
 * *changes (may be NULL) gets the rows changed. */
static dib_code update(struct store *s, const char *sql, int64_t id, const char *text,
		       bool has_text, int64_t num, bool has_num, int64_t *changes,
		       dib_err *err)
{
	struct store_stmt *st = NULL;
	bool row;
	dib_code rc = store_prepare(s, sql, &st, err);
	if (!rc)
		rc = store_bind_int64(st, 1, id, err);
	if (!rc && has_text)
		rc = store_bind_text(st, 2, text, -1, err);
	if (!rc && has_num)
		rc = store_bind_int64(st, has_text ? 3 : 2, num, err);
	if (!rc)
		rc = store_step(st, &row, err);
	if (!rc && changes)
		*changes = store_changes(st);
	store_finalize(st);
	return rc;
}

dib_code store_user_set_password(struct store *s, int64_t id, const char *hash,
				 bool must_change, dib_err *err)
{
	return update(s, "UPDATE users SET password_hash = $2, must_change = $3,"
		      " failed_logins = 0, locked_until = NULL WHERE id = $1",
		      id, hash, true, must_change, true, NULL, err);
}

dib_code store_user_set_disabled(struct store *s, int64_t id, bool disabled,
				 dib_err *err)
{
	return update(s, "UPDATE users SET disabled = $2 WHERE id = $1",
		      id, NULL, false, disabled, true, NULL, err);
}

dib_code store_user_set_display_name(struct store *s, int64_t id, const char *name,
				     dib_err *err)
{
	return update(s, "UPDATE users SET display_name = $2 WHERE id = $1",
		      id, name, true, 0, false, NULL, err);
}

dib_code store_user_set_roles(struct store *s, int64_t id,
			      const char *const *roles, int n, dib_err *err)
{
	dib_code rc = update(s, "DELETE FROM user_roles WHERE user_id = $1",
			     id, NULL, false, 0, false, NULL, err);
	for (int i = 0; !rc && i < n; i++)
		rc = update(s, "INSERT INTO user_roles (user_id, role) VALUES ($1, $2)",
			    id, roles[i], true, 0, false, NULL, err);
	return rc;
}

dib_code store_user_login_failed(struct store *s, int64_t id, int max_failures,
				 const char *locked_until, int *failed,
				 bool *locked, dib_err *err)
{
	/* An increment in SQL, not a read-modify-write in C: on PostgreSQL the
	 * UPDATE takes the row lock, so concurrent failures all count. */
	int64_t changed = 0, n = 0;
	dib_code rc = update(s, "UPDATE users SET failed_logins = failed_logins + 1"
			     " WHERE id = $1", id, NULL, false, 0, false, NULL, err);
	if (!rc)
		rc = update(s, "UPDATE users SET failed_logins = 0, locked_until = $2"
			    " WHERE id = $1 AND failed_logins >= $3",
			    id, locked_until, true, max_failures, true, &changed, err);
	if (!rc) {
		char idtext[24];
		snprintf(idtext, sizeof idtext, "%lld", (long long)id);
		const char *p[1] = { idtext };
		bool found;
		rc = store_query_int64(s, "SELECT failed_logins FROM users WHERE id = $1",
				       1, p, &n, &found, err);
	}
	if (rc)
		return rc;
	if (failed)
		*failed = (int)n;
	if (locked)
		*locked = changed > 0;
	return DIB_OK;
}

dib_code store_user_login_ok(struct store *s, int64_t id, dib_err *err)
{
	return update(s, "UPDATE users SET failed_logins = 0, locked_until = NULL"
		      " WHERE id = $1", id, NULL, false, 0, false, NULL, err);
}
