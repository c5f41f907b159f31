/*
 * store_household.c — the reads of store_household.h: a household with its
 * region names, its members, incomes, assets and disabilities, the lookups
 * the register's rules need (by 户编号, by ID number, the active head, a
 * person's membership) and the household's history from the audit log.
 * Every query is keyed by an indexed column (households.id,
 * memberships_household, persons_id_number, audit_log_entity), so a page
 * costs a handful of index lookups however large the register.
 * Thread-safety: as the store connection (one thread at a time).
 */
#include "util/dib.h"
#include "store/store_household.h"
#include "store/store_int.h"

#include <inttypes.h>

#define HH_COLS \
	"h.id, h.county, h.hh_no, h.village_code, v.name, v.parent_code, t.name," \
	" h.address, h.registration, h.bank_name, h.bank_account, h.account_name," \
	" h.phone, h.created_at, h.updated_at"
#define HH_FROM \
	" FROM households h LEFT JOIN regions v ON v.code = h.village_code" \
	" LEFT JOIN regions t ON t.code = v.parent_code"

#define PERSON_COLS \
	"p.id, p.county, p.id_number, p.name, p.sex, p.birth_date, p.health," \
	" p.labour, p.phone, p.created_at, p.updated_at"
#define PERSON_NCOLS 11

#define MS_COLS \
	"m.id, m.county, m.household_id, m.person_id, m.relation, m.start_date," \
	" m.end_date, m.end_reason"
#define MS_NCOLS 8

/* Copies a run of text columns: cols[i] of the row into *out[i]. */
static dib_code dup_cols(struct store_stmt *st, int first, const char **const *out,
			 size_t n, dib_arena *a, dib_err *err)
{
	dib_code rc = DIB_OK;
	for (size_t i = 0; !rc && i < n; i++)
		rc = store__col_dup(st, first + (int)i, a, out[i], err);
	return rc;
}

static dib_code read_household(struct store_stmt *st, dib_arena *a, void *out,
			       dib_err *err)
{
	store_household *h = out;
	memset(h, 0, sizeof *h);
	h->id = store_col_int64(st, 0);
	store__col_char(st, 1, h->county, sizeof h->county);
	store__col_char(st, 3, h->village_code, sizeof h->village_code);
	store__col_char(st, 5, h->township_code, sizeof h->township_code);
	h->registration = (int)store_col_int64(st, 8);
	dib_code rc = store__col_dup(st, 2, a, &h->hh_no, err);
	if (!rc)
		rc = store__col_dup(st, 4, a, &h->village_name, err);
	if (!rc)
		rc = store__col_dup(st, 6, a, &h->township_name, err);
	const char **const rest[] = { &h->address, &h->bank_name, &h->bank_account,
				      &h->account_name, &h->phone, &h->created_at,
				      &h->updated_at };
	if (!rc)
		rc = dup_cols(st, 7, rest, 1, a, err);
	if (!rc)
		rc = dup_cols(st, 9, rest + 1, DIB_ARRAY_LEN(rest) - 1, a, err);
	return rc;
}

/* PERSON_COLS starting at column c. */
static dib_code read_person_at(struct store_stmt *st, int c, dib_arena *a,
			       store_person *p, dib_err *err)
{
	memset(p, 0, sizeof *p);
	p->id = store_col_int64(st, c);
	store__col_char(st, c + 1, p->county, sizeof p->county);
	store__col_char(st, c + 2, p->id_number, sizeof p->id_number);
	p->sex = (int)store_col_int64(st, c + 4);
	store__col_char(st, c + 5, p->birth_date, sizeof p->birth_date);
	p->health = (int)store_col_int64(st, c + 6);
	p->labour = (int)store_col_int64(st, c + 7);
	dib_code rc = store__col_dup(st, c + 3, a, &p->name, err);
	const char **const rest[] = { &p->phone, &p->created_at, &p->updated_at };
	if (!rc)
		rc = dup_cols(st, c + 8, rest, DIB_ARRAY_LEN(rest), a, err);
	return rc;
}

/* MS_COLS starting at column c. */
static dib_code read_membership_at(struct store_stmt *st, int c, dib_arena *a,
				   store_membership *m, dib_err *err)
{
	memset(m, 0, sizeof *m);
	m->id = store_col_int64(st, c);
	store__col_char(st, c + 1, m->county, sizeof m->county);
	m->household_id = store_col_int64(st, c + 2);
	m->person_id = store_col_int64(st, c + 3);
	m->relation = (int)store_col_int64(st, c + 4);
	store__col_char(st, c + 5, m->start_date, sizeof m->start_date);
	store__col_char(st, c + 6, m->end_date, sizeof m->end_date);
	return store__col_dup(st, c + 7, a, &m->end_reason, err);
}

static dib_code read_member(struct store_stmt *st, dib_arena *a, void *out,
			    dib_err *err)
{
	store_member *mb = out;
	mb->age = 0;
	dib_code rc = read_membership_at(st, 0, a, &mb->m, err);
	if (!rc)
		rc = read_person_at(st, MS_NCOLS, a, &mb->p, err);
	return rc;
}

static dib_code read_income(struct store_stmt *st, dib_arena *a, void *out,
			    dib_err *err)
{
	store_income *in = out;
	memset(in, 0, sizeof *in);
	in->id = store_col_int64(st, 0);
	in->person_id = store_col_int64(st, 1); /* NULL reads as 0 */
	in->kind = (int)store_col_int64(st, 2);
	in->monthly_fen = store_col_int64(st, 4);
	store__col_char(st, 5, in->period_from, sizeof in->period_from);
	store__col_char(st, 6, in->period_to, sizeof in->period_to);
	dib_code rc = store__col_dup(st, 3, a, &in->item, err);
	if (!rc)
		rc = store__col_dup(st, 7, a, &in->source, err);
	return rc;
}

static dib_code read_asset(struct store_stmt *st, dib_arena *a, void *out,
			   dib_err *err)
{
	store_asset *as = out;
	memset(as, 0, sizeof *as);
	as->id = store_col_int64(st, 0);
	as->person_id = store_col_int64(st, 1);
	as->value_fen = store_col_int64(st, 4);
	const char **const text[] = { &as->kind, &as->description };
	dib_code rc = dup_cols(st, 2, text, DIB_ARRAY_LEN(text), a, err);
	if (!rc)
		rc = store__col_dup(st, 5, a, &as->source, err);
	return rc;
}

static dib_code read_disability(struct store_stmt *st, dib_arena *a, void *out,
				dib_err *err)
{
	store_disability *d = out;
	d->person_id = store_col_int64(st, 0);
	d->category = (int)store_col_int64(st, 1);
	d->grade = (int)store_col_int64(st, 2);
	return store__col_dup(st, 3, a, &d->certificate_no, err);
}

/* Runs sql with one int64 parameter and collects every row with fn. */
static dib_code collect_by_id(struct store *s, const char *sql, int64_t id,
			      size_t size, store__read_fn fn, dib_arena *a,
			      void **out, size_t *n, dib_err *err)
{
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, sql, &st, err);
	if (!rc)
		rc = store_bind_int64(st, 1, id, err);
	if (!rc)
		rc = store__collect(st, size, fn, a, out, n, err);
	store_finalize(st);
	return rc;
}

/* Runs sql with one int64 parameter and reads the first row with fn into
 * out: *found false when there is none (out untouched then). */
static dib_code one_by_id(struct store *s, const char *sql, int64_t id,
			  store__read_fn fn, dib_arena *a, void *out, bool *found,
			  dib_err *err)
{
	struct store_stmt *st = NULL;
	bool row = false, got = false;
	dib_code rc = store_prepare(s, sql, &st, err);
	if (!rc)
		rc = store_bind_int64(st, 1, id, err);
	if (!rc)
		rc = store_step(st, &row, err);
	if (!rc && row) {
		got = true;
		rc = fn(st, a, out, err);
	}
	/* step to the end so the statement completes on every engine */
	while (!rc && row)
		rc = store_step(st, &row, err);
	store_finalize(st);
	if (!rc)
		*found = got;
	return rc;
}

dib_code store_household_get(struct store *s, int64_t id, dib_arena *a,
			     store_household *out, dib_err *err)
{
	store_household h;
	bool found = false;
	dib_code rc = one_by_id(s, "SELECT " HH_COLS HH_FROM " WHERE h.id = $1", id,
				read_household, a, &h, &found, err);
	if (!rc && !found)
		rc = dib_err_set(err, DIB_ENOTFOUND, "户 (ID %" PRId64 ") 不存在", id);
	if (!rc)
		*out = h;
	return rc;
}

dib_code store_household_detail_get(struct store *s, int64_t id, dib_arena *a,
				    store_household_detail *out, dib_err *err)
{
	store_household_detail d;
	memset(&d, 0, sizeof d);
	dib_code rc = store_household_get(s, id, a, &d.hh, err);
	if (!rc)
		rc = collect_by_id(s, "SELECT " MS_COLS ", " PERSON_COLS
				   " FROM memberships m JOIN persons p ON p.id = m.person_id"
				   " WHERE m.household_id = $1 AND m.end_date IS NULL"
				   " ORDER BY m.relation, m.start_date, m.id",
				   id, sizeof *d.members, read_member, a,
				   (void **)&d.members, &d.nmembers, err);
	if (!rc)
		rc = collect_by_id(s, "SELECT " MS_COLS ", " PERSON_COLS
				   " FROM memberships m JOIN persons p ON p.id = m.person_id"
				   " WHERE m.household_id = $1 AND m.end_date IS NOT NULL"
				   " ORDER BY m.end_date DESC, m.id DESC",
				   id, sizeof *d.former, read_member, a,
				   (void **)&d.former, &d.nformer, err);
	if (!rc)
		rc = collect_by_id(s, "SELECT id, person_id, kind, item, monthly_fen,"
				   " period_from, period_to, source FROM income_items"
				   " WHERE household_id = $1 ORDER BY id",
				   id, sizeof *d.incomes, read_income, a,
				   (void **)&d.incomes, &d.nincomes, err);
	if (!rc)
		rc = collect_by_id(s, "SELECT id, person_id, kind, description, value_fen,"
				   " source FROM asset_items WHERE household_id = $1 ORDER BY id",
				   id, sizeof *d.assets, read_asset, a,
				   (void **)&d.assets, &d.nassets, err);
	if (!rc)
		rc = collect_by_id(s, "SELECT d.person_id, d.category, d.grade, d.certificate_no"
				   " FROM disabilities d JOIN memberships m"
				   " ON m.person_id = d.person_id AND m.end_date IS NULL"
				   " WHERE m.household_id = $1 ORDER BY d.person_id, d.category",
				   id, sizeof *d.disabilities, read_disability, a,
				   (void **)&d.disabilities, &d.ndisabilities, err);
	if (!rc)
		*out = d;
	return rc;
}

dib_code store_household_find_no(struct store *s, const char *county,
				 const char *hh_no, int64_t *id, bool *found,
				 dib_err *err)
{
	const char *params[] = { county, hh_no };
	return store_query_int64(s, "SELECT id FROM households WHERE county = $1 AND hh_no = $2",
				 2, params, id, found, err);
}

dib_code store_household_head(struct store *s, int64_t household_id,
			      int64_t *person_id, bool *found, dib_err *err)
{
	struct store_stmt *st = NULL;
	bool row = false;
	int64_t pid = 0;
	dib_code rc = store_prepare(s, "SELECT person_id FROM memberships"
				    " WHERE household_id = $1 AND end_date IS NULL AND relation = 1"
				    " ORDER BY id", &st, err);
	if (!rc)
		rc = store_bind_int64(st, 1, household_id, err);
	if (!rc)
		rc = store_step(st, &row, err);
	if (!rc && row)
		pid = store_col_int64(st, 0);
	bool got = row;
	while (!rc && row)
		rc = store_step(st, &row, err);
	store_finalize(st);
	if (!rc) {
		*found = got;
		if (got)
			*person_id = pid;
	}
	return rc;
}

static dib_code read_person(struct store_stmt *st, dib_arena *a, void *out,
			    dib_err *err)
{
	return read_person_at(st, 0, a, out, err);
}

static dib_code read_membership(struct store_stmt *st, dib_arena *a, void *out,
				dib_err *err)
{
	return read_membership_at(st, 0, a, out, err);
}

dib_code store_person_get(struct store *s, int64_t id, dib_arena *a,
			  store_person *out, dib_err *err)
{
	store_person p;
	bool found = false;
	dib_code rc = one_by_id(s, "SELECT " PERSON_COLS " FROM persons p WHERE p.id = $1",
				id, read_person, a, &p, &found, err);
	if (!rc && !found)
		rc = dib_err_set(err, DIB_ENOTFOUND, "人员 (ID %" PRId64 ") 不存在", id);
	if (!rc)
		*out = p;
	return rc;
}

dib_code store_person_find_idno(struct store *s, const char *id_number,
				dib_arena *a, store_person *out, bool *found,
				dib_err *err)
{
	struct store_stmt *st = NULL;
	bool row = false, got = false;
	store_person p;
	dib_code rc = store_prepare(s, "SELECT " PERSON_COLS " FROM persons p"
				    " WHERE p.id_number = $1", &st, err);
	if (!rc)
		rc = store_bind_text(st, 1, id_number, -1, err);
	if (!rc)
		rc = store_step(st, &row, err);
	if (!rc && row) {
		got = true;
		rc = read_person_at(st, 0, a, &p, err);
	}
	while (!rc && row)
		rc = store_step(st, &row, err);
	store_finalize(st);
	if (!rc) {
		*found = got;
		if (got)
			*out = p;
	}
	return rc;
}

dib_code store_person_membership(struct store *s, int64_t person_id,
				 dib_arena *a, store_membership *out,
				 bool *found, dib_err *err)
{
	store_membership m;
	bool got = false;
	/* the active one sorts first (NULL end date as the highest), then the
	 * latest ended */
	dib_code rc = one_by_id(s, "SELECT " MS_COLS " FROM memberships m"
				" WHERE m.person_id = $1"
				" ORDER BY CASE WHEN m.end_date IS NULL THEN 0 ELSE 1 END,"
				" m.end_date DESC, m.id DESC",
				person_id, read_membership, a, &m, &got, err);
	if (!rc) {
		*found = got;
		if (got)
			*out = m;
	}
	return rc;
}

dib_code store_membership_get(struct store *s, int64_t id, dib_arena *a,
			      store_membership *out, dib_err *err)
{
	store_membership m;
	bool found = false;
	dib_code rc = one_by_id(s, "SELECT " MS_COLS " FROM memberships m WHERE m.id = $1",
				id, read_membership, a, &m, &found, err);
	if (!rc && !found)
		rc = dib_err_set(err, DIB_ENOTFOUND, "成员关系 (ID %" PRId64 ") 不存在", id);
	if (!rc)
		*out = m;
	return rc;
}

#define HISTORY_COLS \
	"id, at, actor, action, entity, entity_id, reason, before_json, after_json"

dib_code store_household_history(struct store *s, int64_t household_id,
				 int limit, dib_arena *a, store_audit_row **rows,
				 size_t *n, bool *more, dib_err *err)
{
	if (limit < 1 || limit > 1000)
		return dib_err_set(err, DIB_EINTERNAL,
				   "数据库接口使用有误: 历史记录条数 %d 超出范围", limit);
	/* Two index lookups on audit_log_entity joined by UNION ALL: an OR
	 * across them would make PostgreSQL scan the log. entity_id is text,
	 * so the person ids are cast to text, never the column to a number. */
	char sql[1024];
	snprintf(sql, sizeof sql,
		 "SELECT " HISTORY_COLS " FROM ("
		 "SELECT " HISTORY_COLS " FROM audit_log"
		 " WHERE entity = 'household' AND entity_id = $1"
		 " UNION ALL "
		 "SELECT " HISTORY_COLS " FROM audit_log"
		 " WHERE entity = 'person' AND entity_id IN"
		 " (SELECT CAST(person_id AS TEXT) FROM memberships WHERE household_id = $2)"
		 ") x ORDER BY id DESC LIMIT %d", limit + 1);
	char idtext[24];
	snprintf(idtext, sizeof idtext, "%" PRId64, household_id);
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, sql, &st, err);
	if (!rc)
		rc = store_bind_text(st, 1, idtext, -1, err);
	if (!rc)
		rc = store_bind_int64(st, 2, household_id, err);
	store_audit_row *out = NULL;
	if (!rc && !(out = dib_arena_calloc(a, sizeof *out * (size_t)limit)))
		rc = dib_err_nomem(err);
	size_t got = 0;
	bool row = false, extra = false;
	while (!rc && !(rc = store_step(st, &row, err)) && row) {
		if (got == (size_t)limit) {
			extra = true;
			continue; /* drain the statement */
		}
		store_audit_row *r = &out[got++];
		r->id = store_col_int64(st, 0);
		const char **const text[] = { &r->at, &r->actor, &r->action, &r->entity,
					      &r->entity_id, &r->reason, &r->before_json,
					      &r->after_json };
		rc = dup_cols(st, 1, text, DIB_ARRAY_LEN(text), a, err);
	}
	store_finalize(st);
	if (rc)
		return rc;
	*rows = got ? out : NULL;
	*n = got;
	if (more)
		*more = extra;
	return DIB_OK;
}
