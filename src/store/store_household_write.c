/*
 * store_household_write.c — the writes of store_household.h: households,
 * persons and memberships one row at a time, the row locks that serialise
 * writers of one household on PostgreSQL, and the per-county 户编号
 * sequence. Each runs inside the caller's transaction; unique violations
 * come back as DIB_ECONFLICT with a message naming what is duplicated.
 * Thread-safety: as the store connection (one thread at a time).
 */
#include "util/dib.h"
#include "util/time.h"
#include "store/store_household.h"
#include "store/store_int.h"

#include <inttypes.h>

/* Binds v as text, or NULL when v is NULL. */
static dib_code bind_opt(struct store_stmt *st, int i, const char *v, dib_err *err)
{
	return v ? store_bind_text(st, i, v, -1, err) : store_bind_null(st, i, err);
}

/* Steps st once (a write) and reports the rows it changed in *changed
 * (may be NULL). */
static dib_code run(struct store_stmt *st, int64_t *changed, dib_err *err)
{
	bool row = false;
	dib_code rc = store_step(st, &row, err);
	while (!rc && row)
		rc = store_step(st, &row, err);
	if (!rc && changed)
		*changed = store_changes(st);
	return rc;
}

/* Re-reports a unique violation of a write with a message of its own;
 * other errors pass unchanged. */
static dib_code conflict_as(dib_err *err, dib_code rc, const dib_err *e,
			    const char *msg)
{
	if (rc == DIB_ECONFLICT) {
		dib_err_set(err, DIB_ECONFLICT, "%s", msg);
		dib_err_detail(err, "%s", e->detail);
		return rc;
	}
	if (rc) {
		dib_err_set(err, rc, "%s", e->msg);
		if (e->detail[0])
			dib_err_detail(err, "%s", e->detail);
	}
	return rc;
}

static dib_code lock_row(struct store *s, const char *sql, int64_t id, bool *found,
			 dib_err *err)
{
	struct store_stmt *st = NULL;
	int64_t n = 0;
	dib_code rc = store_prepare(s, sql, &st, err);
	if (!rc)
		rc = store_bind_int64(st, 1, id, err);
	if (!rc)
		rc = run(st, &n, err);
	store_finalize(st);
	if (!rc)
		*found = n > 0;
	return rc;
}

dib_code store_household_lock(struct store *s, int64_t id, bool *found,
			      dib_err *err)
{
	return lock_row(s, "UPDATE households SET updated_at = updated_at WHERE id = $1",
			id, found, err);
}

dib_code store_person_lock(struct store *s, int64_t id, bool *found,
			   dib_err *err)
{
	return lock_row(s, "UPDATE persons SET updated_at = updated_at WHERE id = $1",
			id, found, err);
}

dib_code store_household_seq_next(struct store *s, const char *county,
				  int64_t floor, int64_t *seq, dib_err *err)
{
	if (!store_in_tx(s)) /* the INSERT below would commit on its own */
		return dib_err_set(err, DIB_EINTERNAL, "户编号必须在事务内分配");
	if (strlen(county) != REGION_COUNTY_LEN)
		return dib_err_set(err, DIB_EINTERNAL, "县级区划代码 \"%s\" 不正确", county);
	char kind[32];
	snprintf(kind, sizeof kind, "hh_no:%s", county);
	struct store_stmt *st = NULL;
	/* ON CONFLICT … DO NOTHING: two first users of a county both arrive
	 * here; one inserts, the other waits for it and finds the row. */
	dib_code rc = store_prepare(s, "INSERT INTO id_blocks (kind, next_id) VALUES ($1, 1)"
				    " ON CONFLICT (kind) DO NOTHING", &st, err);
	if (!rc)
		rc = store_bind_text(st, 1, kind, -1, err);
	if (!rc)
		rc = run(st, NULL, err);
	store_finalize(st);
	st = NULL;
	/* the UPDATE takes the row lock first: two clerks of a county then
	 * raise and reserve one after the other */
	if (!rc)
		rc = store_prepare(s, "UPDATE id_blocks SET next_id = $2"
				   " WHERE kind = $1 AND next_id < $2", &st, err);
	if (!rc)
		rc = store_bind_text(st, 1, kind, -1, err);
	if (!rc)
		rc = store_bind_int64(st, 2, floor, err);
	if (!rc)
		rc = run(st, NULL, err);
	store_finalize(st);
	if (!rc)
		rc = store_ids_reserve(s, kind, 1, seq, err);
	return rc;
}

dib_code store_household_no_max(struct store *s, const char *county,
				const char *lo, const char *hi, char *out,
				size_t cap, bool *found, dib_err *err)
{
	struct store_stmt *st = NULL;
	bool row = false;
	*found = false;
	dib_code rc = store_prepare(s, "SELECT max(hh_no) FROM households WHERE county = $1"
				    " AND hh_no >= $2 AND hh_no <= $3", &st, err);
	if (!rc)
		rc = store_bind_text(st, 1, county, -1, err);
	if (!rc)
		rc = store_bind_text(st, 2, lo, -1, err);
	if (!rc)
		rc = store_bind_text(st, 3, hi, -1, err);
	if (!rc)
		rc = store_step(st, &row, err);
	if (!rc && row && store_col_text(st, 0)) {
		snprintf(out, cap, "%s", store_col_text(st, 0));
		*found = true;
	}
	store_finalize(st);
	return rc;
}

/* Binds the household columns $2…$10 and the time $11, shared by insert
 * and update. */
static dib_code bind_household(struct store_stmt *st, const store_household *h,
			       const char *now, dib_err *err)
{
	dib_code rc = store_bind_text(st, 2, h->county, -1, err);
	if (!rc)
		rc = store_bind_text(st, 3, h->hh_no, -1, err);
	if (!rc)
		rc = store_bind_text(st, 4, h->village_code, -1, err);
	if (!rc)
		rc = store_bind_text(st, 5, h->address, -1, err);
	if (!rc)
		rc = store_bind_int64(st, 6, h->registration, err);
	if (!rc)
		rc = bind_opt(st, 7, h->bank_name, err);
	if (!rc)
		rc = bind_opt(st, 8, h->bank_account, err);
	if (!rc)
		rc = bind_opt(st, 9, h->account_name, err);
	if (!rc)
		rc = bind_opt(st, 10, h->phone, err);
	if (!rc)
		rc = store_bind_text(st, 11, now, -1, err);
	return rc;
}

/* The message for a 户编号 taken in the county. */
static const char *dup_no(char *buf, size_t cap, const char *hh_no)
{
	char q[DIB_QUOTE_MAX];
	snprintf(buf, cap, "户编号 \"%s\" 已存在",
		 dib_err_quote(hh_no, strlen(hh_no), q, sizeof q));
	return buf;
}

dib_code store_household_insert(struct store *s, const store_household *h,
				int64_t *id, dib_err *err)
{
	int64_t hid;
	dib_code rc = store_ids_reserve(s, "household", 1, &hid, err);
	if (rc)
		return rc;
	char now[DIB_TIME_UTC_SIZE];
	dib_time_now_utc(now, sizeof now);
	dib_err e;
	dib_err_clear(&e);
	struct store_stmt *st = NULL;
	rc = store_prepare(s, "INSERT INTO households (id, county, hh_no, village_code,"
			   " address, registration, bank_name, bank_account, account_name,"
			   " phone, created_at, updated_at)"
			   " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)",
			   &st, &e);
	if (!rc)
		rc = store_bind_int64(st, 1, hid, &e);
	if (!rc)
		rc = bind_household(st, h, now, &e);
	if (!rc)
		rc = run(st, NULL, &e);
	store_finalize(st);
	char msg[160];
	rc = conflict_as(err, rc, &e, dup_no(msg, sizeof msg, h->hh_no));
	if (!rc)
		*id = hid;
	return rc;
}

dib_code store_household_update(struct store *s, const store_household *h,
				dib_err *err)
{
	char now[DIB_TIME_UTC_SIZE];
	dib_time_now_utc(now, sizeof now);
	dib_err e;
	dib_err_clear(&e);
	struct store_stmt *st = NULL;
	int64_t n = 0;
	dib_code rc = store_prepare(s, "UPDATE households SET county = $2, hh_no = $3,"
				    " village_code = $4, address = $5, registration = $6,"
				    " bank_name = $7, bank_account = $8, account_name = $9,"
				    " phone = $10, updated_at = $11 WHERE id = $1", &st, &e);
	if (!rc)
		rc = store_bind_int64(st, 1, h->id, &e);
	if (!rc)
		rc = bind_household(st, h, now, &e);
	if (!rc)
		rc = run(st, &n, &e);
	store_finalize(st);
	char msg[160];
	rc = conflict_as(err, rc, &e, dup_no(msg, sizeof msg, h->hh_no));
	if (!rc && n == 0)
		rc = dib_err_set(err, DIB_ENOTFOUND, "户 (ID %" PRId64 ") 不存在", h->id);
	return rc;
}

/* Binds the person columns $2…$10 shared by insert and update. */
static dib_code bind_person(struct store_stmt *st, const store_person *p,
			    const char *now, dib_err *err)
{
	dib_code rc = store_bind_text(st, 2, p->county, -1, err);
	if (!rc)
		rc = store_bind_text(st, 3, p->id_number, -1, err);
	if (!rc)
		rc = store_bind_text(st, 4, p->name, -1, err);
	if (!rc)
		rc = store_bind_int64(st, 5, p->sex, err);
	if (!rc)
		rc = store_bind_text(st, 6, p->birth_date, -1, err);
	if (!rc)
		rc = store_bind_int64(st, 7, p->health, err);
	if (!rc)
		rc = store_bind_int64(st, 8, p->labour, err);
	if (!rc)
		rc = bind_opt(st, 9, p->phone, err);
	if (!rc)
		rc = store_bind_text(st, 10, now, -1, err);
	return rc;
}

static const char *dup_idno(char *buf, size_t cap, const char *id_number)
{
	char q[DIB_QUOTE_MAX];
	snprintf(buf, cap, "身份证号码 \"%s\" 已登记",
		 dib_err_quote(id_number, strlen(id_number), q, sizeof q));
	return buf;
}

dib_code store_person_insert(struct store *s, const store_person *p,
			     int64_t *id, dib_err *err)
{
	int64_t pid;
	dib_code rc = store_ids_reserve(s, "person", 1, &pid, err);
	if (rc)
		return rc;
	char now[DIB_TIME_UTC_SIZE];
	dib_time_now_utc(now, sizeof now);
	dib_err e;
	dib_err_clear(&e);
	struct store_stmt *st = NULL;
	rc = store_prepare(s, "INSERT INTO persons (id, county, id_number, name, sex,"
			   " birth_date, health, labour, phone, created_at, updated_at)"
			   " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)", &st, &e);
	if (!rc)
		rc = store_bind_int64(st, 1, pid, &e);
	if (!rc)
		rc = bind_person(st, p, now, &e);
	if (!rc)
		rc = run(st, NULL, &e);
	store_finalize(st);
	char msg[160];
	rc = conflict_as(err, rc, &e, dup_idno(msg, sizeof msg, p->id_number));
	if (!rc)
		*id = pid;
	return rc;
}

dib_code store_person_update(struct store *s, const store_person *p,
			     dib_err *err)
{
	char now[DIB_TIME_UTC_SIZE];
	dib_time_now_utc(now, sizeof now);
	dib_err e;
	dib_err_clear(&e);
	struct store_stmt *st = NULL;
	int64_t n = 0;
	dib_code rc = store_prepare(s, "UPDATE persons SET county = $2, id_number = $3,"
				    " name = $4, sex = $5, birth_date = $6, health = $7,"
				    " labour = $8, phone = $9, updated_at = $10 WHERE id = $1",
				    &st, &e);
	if (!rc)
		rc = store_bind_int64(st, 1, p->id, &e);
	if (!rc)
		rc = bind_person(st, p, now, &e);
	if (!rc)
		rc = run(st, &n, &e);
	store_finalize(st);
	char msg[160];
	rc = conflict_as(err, rc, &e, dup_idno(msg, sizeof msg, p->id_number));
	if (!rc && n == 0)
		rc = dib_err_set(err, DIB_ENOTFOUND, "人员 (ID %" PRId64 ") 不存在", p->id);
	return rc;
}

dib_code store_membership_insert(struct store *s, const store_membership *m,
				 int64_t *id, dib_err *err)
{
	int64_t mid;
	dib_code rc = store_ids_reserve(s, "membership", 1, &mid, err);
	if (rc)
		return rc;
	dib_err e;
	dib_err_clear(&e);
	struct store_stmt *st = NULL;
	rc = store_prepare(s, "INSERT INTO memberships (county, id, household_id, person_id,"
			   " relation, start_date) VALUES ($1, $2, $3, $4, $5, $6)", &st, &e);
	if (!rc)
		rc = store_bind_text(st, 1, m->county, -1, &e);
	if (!rc)
		rc = store_bind_int64(st, 2, mid, &e);
	if (!rc)
		rc = store_bind_int64(st, 3, m->household_id, &e);
	if (!rc)
		rc = store_bind_int64(st, 4, m->person_id, &e);
	if (!rc)
		rc = store_bind_int64(st, 5, m->relation, &e);
	if (!rc)
		rc = store_bind_text(st, 6, m->start_date, -1, &e);
	if (!rc)
		rc = run(st, NULL, &e);
	store_finalize(st);
	/* Which of the two unique indexes refused the row shows only in the
	 * engine's text: SQLite names the column (memberships.household_id for
	 * memberships_one_head), PostgreSQL the index. */
	bool head = rc == DIB_ECONFLICT && (strstr(e.detail, "one_head") ||
					    strstr(e.detail, "memberships.household_id"));
	rc = conflict_as(err, rc, &e, head ? "该户已有户主" : "该人员已是其他户的成员");
	if (!rc)
		*id = mid;
	return rc;
}

dib_code store_membership_end(struct store *s, int64_t id, const char *end_date,
			      const char *reason, dib_err *err)
{
	struct store_stmt *st = NULL;
	int64_t n = 0;
	dib_code rc = store_prepare(s, "UPDATE memberships SET end_date = $2, end_reason = $3"
				    " WHERE id = $1 AND end_date IS NULL", &st, err);
	if (!rc)
		rc = store_bind_int64(st, 1, id, err);
	if (!rc)
		rc = store_bind_text(st, 2, end_date, -1, err);
	if (!rc)
		rc = bind_opt(st, 3, reason, err);
	if (!rc)
		rc = run(st, &n, err);
	store_finalize(st);
	if (!rc && n == 0)
		rc = dib_err_set(err, DIB_ECONFLICT, "该成员关系已结束");
	return rc;
}
