/*
 * store_user.c — inserting users with their roles.
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
