/*
 * store_staff.c — the staff register's rows and the link query behind
 * store_staff.h, one SQL text for both engines.
 *
 * The link query starts from the household's active members (few rows)
 * and walks memberships by person (memberships_person_history, v7) and by
 * household (memberships_household), then persons and the register by ID
 * number (persons_id_number, staff_register_id_number): every step is an
 * index lookup, so a check costs a handful of reads however large the
 * county.
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#include "util/dib.h"
#include "util/time.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/store_staff.h"

#include <inttypes.h>

#define STAFF_COLS(r)                                                     \
	r ".id, " r ".county, " r ".id_number, " r ".name, " r ".kind, "  \
	r ".region_code, " r ".position, " r ".from_date, " r ".to_date"
#define STAFF_NCOLS 9

/* Reads the STAFF_COLS columns starting at col into *out. */
static dib_code read_staff(struct store_stmt *st, int col, dib_arena *a,
			   store_staff *out, dib_err *err)
{
	out->id = store_col_int64(st, col);
	store__col_char(st, col + 1, out->county, sizeof out->county);
	store__col_char(st, col + 2, out->id_number, sizeof out->id_number);
	dib_code rc = store__col_dup(st, col + 3, a, &out->name, err);
	if (!rc)
		rc = store__col_dup(st, col + 4, a, &out->kind, err);
	store__col_char(st, col + 5, out->region_code, sizeof out->region_code);
	if (!rc)
		rc = store__col_dup(st, col + 6, a, &out->position, err);
	store__col_char(st, col + 7, out->from_date, sizeof out->from_date);
	store__col_char(st, col + 8, out->to_date, sizeof out->to_date);
	return rc;
}

/* A list row: STAFF_COLS, then the region's name and created_at. */
static dib_code read_list_row(struct store_stmt *st, dib_arena *a, void *out,
			      dib_err *err)
{
	store_staff *r = out;
	dib_code rc = read_staff(st, 0, a, r, err);
	if (!rc)
		rc = store__col_dup(st, STAFF_NCOLS, a, &r->region_name, err);
	if (!rc)
		rc = store__col_dup(st, STAFF_NCOLS + 1, a, &r->created_at, err);
	return rc;
}

dib_code store_staff_insert(struct store *s, const store_staff *r, int64_t *id,
			    dib_err *err)
{
	int64_t sid;
	dib_code rc = store_ids_reserve(s, "staff", 1, &sid, err);
	if (rc)
		return rc;
	char now[DIB_TIME_UTC_SIZE];
	dib_time_now_utc(now, sizeof now);
	struct store_stmt *st = NULL;
	rc = store_prepare(s,
		"INSERT INTO staff_register (county, id, id_number, name, kind, region_code,"
		" position, from_date, to_date, created_at)"
		" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", &st, err);
	if (!rc)
		rc = store_bind_text(st, 1, r->county, -1, err);
	if (!rc)
		rc = store_bind_int64(st, 2, sid, err);
	if (!rc)
		rc = store_bind_text(st, 3, r->id_number, -1, err);
	if (!rc)
		rc = store_bind_text(st, 4, r->name, -1, err);
	if (!rc)
		rc = store_bind_text(st, 5, r->kind, -1, err);
	if (!rc)
		rc = store_bind_text(st, 6, r->region_code, -1, err);
	if (!rc)
		rc = store_bind_text(st, 7, r->position, -1, err);
	if (!rc)
		rc = store_bind_text(st, 8, r->from_date, -1, err);
	if (!rc)
		rc = store_bind_text(st, 9, r->to_date[0] ? r->to_date : NULL, -1, err);
	if (!rc)
		rc = store_bind_text(st, 10, now, -1, err);
	bool row;
	if (!rc)
		rc = store_step(st, &row, err);
	store_finalize(st);
	if (!rc && id)
		*id = sid;
	return rc;
}

dib_code store_staff_get(struct store *s, int64_t id, dib_arena *a,
			 store_staff *out, dib_err *err)
{
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s,
		"SELECT " STAFF_COLS("r") ", g.name, r.created_at"
		" FROM staff_register r LEFT JOIN regions g ON g.code = r.region_code"
		" WHERE r.id = $1", &st, err);
	if (!rc)
		rc = store_bind_int64(st, 1, id, err);
	bool row = false;
	if (!rc)
		rc = store_step(st, &row, err);
	if (!rc && !row)
		rc = dib_err_set(err, DIB_ENOTFOUND, "备案人员记录 %" PRId64 " 不存在", id);
	store_staff tmp;
	memset(&tmp, 0, sizeof tmp);
	if (!rc)
		rc = read_list_row(st, a, &tmp, err);
	store_finalize(st);
	if (!rc)
		*out = tmp;
	return rc;
}

dib_code store_staff_end(struct store *s, int64_t id, const char *to_date,
			 bool *changed, dib_err *err)
{
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s,
		"UPDATE staff_register SET to_date = $2 WHERE id = $1 AND to_date IS NULL",
		&st, err);
	if (!rc)
		rc = store_bind_int64(st, 1, id, err);
	if (!rc)
		rc = store_bind_text(st, 2, to_date, -1, err);
	bool row;
	if (!rc)
		rc = store_step(st, &row, err);
	if (!rc && changed)
		*changed = store_changes(st) > 0;
	store_finalize(st);
	return rc;
}

dib_code store_staff_list(struct store *s, const char *root, const char *on,
			  dib_arena *a, store_staff **out, size_t *n, dib_err *err)
{
	static const int digits[] = { 0, 2, 4, 6, 9, 12 }; /* by region level */
	region_code r;
	dib_err scratch;
	dib_err_clear(&scratch);
	memset(&r, 0, sizeof r);
	if (root && region_parse(root, strlen(root), &r, &scratch))
		return dib_err_set(err, DIB_EINTERNAL, "数据库接口使用有误: 备案名册缺少有效的区划");
	/* The subtree as a range of 12-digit codes, and of counties, so the
	 * (county, region_code) index is used (a LIKE prefix would not be on
	 * SQLite). No root: every code. */
	char lo[REGION_LEN + 1], hi[REGION_LEN + 1];
	int d = root ? digits[r.level] : 0;
	for (int i = 0; i < REGION_LEN; i++) {
		lo[i] = i < d ? r.code[i] : '0';
		hi[i] = i < d ? r.code[i] : '9';
	}
	lo[REGION_LEN] = hi[REGION_LEN] = '\0';
	char clo[REGION_COUNTY_LEN + 1], chi[REGION_COUNTY_LEN + 1];
	snprintf(clo, sizeof clo, "%.6s", lo);
	snprintf(chi, sizeof chi, "%.6s", hi);

	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, on
		? "SELECT " STAFF_COLS("r") ", g.name, r.created_at"
		  " FROM staff_register r LEFT JOIN regions g ON g.code = r.region_code"
		  " WHERE r.county BETWEEN $1 AND $2 AND r.region_code BETWEEN $3 AND $4"
		  " AND r.from_date <= $5 AND (r.to_date IS NULL OR r.to_date >= $5)"
		  " ORDER BY r.region_code, r.id"
		: "SELECT " STAFF_COLS("r") ", g.name, r.created_at"
		  " FROM staff_register r LEFT JOIN regions g ON g.code = r.region_code"
		  " WHERE r.county BETWEEN $1 AND $2 AND r.region_code BETWEEN $3 AND $4"
		  " ORDER BY r.region_code, r.id", &st, err);
	if (!rc)
		rc = store_bind_text(st, 1, clo, -1, err);
	if (!rc)
		rc = store_bind_text(st, 2, chi, -1, err);
	if (!rc)
		rc = store_bind_text(st, 3, lo, -1, err);
	if (!rc)
		rc = store_bind_text(st, 4, hi, -1, err);
	if (!rc && on)
		rc = store_bind_text(st, 5, on, -1, err);
	void *rows = NULL;
	size_t cnt = 0;
	if (!rc)
		rc = store__collect(st, sizeof(store_staff), read_list_row, a, &rows,
				    &cnt, err);
	store_finalize(st);
	if (!rc) {
		*out = rows;
		*n = cnt;
	}
	return rc;
}

/* A link row: member id, name, ID number, the two relations, household
 * id and 户编号, self, current, then STAFF_COLS. */
static dib_code read_link_row(struct store_stmt *st, dib_arena *a, void *out,
			      dib_err *err)
{
	store_staff_link *l = out;
	l->member_person_id = store_col_int64(st, 0);
	dib_code rc = store__col_dup(st, 1, a, &l->member_name, err);
	store__col_char(st, 2, l->member_id_number, sizeof l->member_id_number);
	l->member_relation = (int)store_col_int64(st, 3);
	l->staff_relation = (int)store_col_int64(st, 4);
	l->household_id = store_col_int64(st, 5);
	if (!rc)
		rc = store__col_dup(st, 6, a, &l->hh_no, err);
	l->self = store_col_int64(st, 7) != 0;
	l->current = store_col_int64(st, 8) != 0;
	if (!rc)
		rc = read_staff(st, 9, a, &l->staff, err);
	return rc;
}

/* Both branches start from the active members m of household $1 and keep
 * registrations in force on $2. The first: a registered person ps (by ID
 * number) who is or was in a household where m is or was, other than m
 * himself; the second: m himself registered. UNION drops the duplicates a
 * left-and-rejoined membership would give. */
static const char links_sql[] =
	"SELECT pm.id, pm.name, pm.id_number, mm.relation, sm.relation,"
	" h.id, h.hh_no, 0,"
	" CASE WHEN mm.end_date IS NULL AND sm.end_date IS NULL THEN 1 ELSE 0 END, "
	STAFF_COLS("r")
	" FROM memberships cur"
	" JOIN persons pm ON pm.id = cur.person_id"
	" JOIN memberships mm ON mm.person_id = pm.id"
	" JOIN memberships sm ON sm.household_id = mm.household_id AND sm.person_id <> pm.id"
	" JOIN persons ps ON ps.id = sm.person_id"
	" JOIN staff_register r ON r.id_number = ps.id_number"
	" JOIN households h ON h.id = mm.household_id"
	" WHERE cur.household_id = $1 AND cur.end_date IS NULL"
	" AND r.from_date <= $2 AND (r.to_date IS NULL OR r.to_date >= $2)"
	" UNION"
	" SELECT pm.id, pm.name, pm.id_number, cur.relation, cur.relation,"
	" h.id, h.hh_no, 1, 1, " STAFF_COLS("r")
	" FROM memberships cur"
	" JOIN persons pm ON pm.id = cur.person_id"
	" JOIN staff_register r ON r.id_number = pm.id_number"
	" JOIN households h ON h.id = cur.household_id"
	" WHERE cur.household_id = $1 AND cur.end_date IS NULL"
	" AND r.from_date <= $2 AND (r.to_date IS NULL OR r.to_date >= $2)"
	" ORDER BY 1, 10, 6, 4, 5";

dib_code store_staff_links(struct store *s, int64_t household_id, const char *on,
			   dib_arena *a, store_staff_link **out, size_t *n,
			   dib_err *err)
{
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, links_sql, &st, err);
	if (!rc)
		rc = store_bind_int64(st, 1, household_id, err);
	if (!rc)
		rc = store_bind_text(st, 2, on, -1, err);
	void *rows = NULL;
	size_t cnt = 0;
	if (!rc)
		rc = store__collect(st, sizeof(store_staff_link), read_link_row, a, &rows,
				    &cnt, err);
	store_finalize(st);
	if (!rc) {
		*out = rows;
		*n = cnt;
	}
	return rc;
}
