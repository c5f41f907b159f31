/*
 * store_case_rows.c — what hangs off a case (store_case.h): its events,
 * its numbered documents with their counters, and the entitlements a
 * confirmation opens with the persons they cover. One SQL text for both
 * engines; writes inside the caller's transaction.
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#include "util/dib.h"
#include "util/time.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/store_case.h"

#include <inttypes.h>

static dib_code need_tx(struct store *s, dib_err *err)
{
	return store_in_tx(s) ? DIB_OK
			      : dib_err_set(err, DIB_EINTERNAL, "内部错误：写入申请须在事务中");
}

/* ---- events ---- */

dib_code store_case_event_insert(struct store *s, const char *county,
				 const store_case_event *e, int *seq, dib_err *err)
{
	dib_code rc = need_tx(s, err);
	int64_t next = 0;
	if (!rc) {
		char id[24];
		snprintf(id, sizeof id, "%" PRId64, e->case_id);
		const char *params[] = { id };
		bool found;
		rc = store_query_int64(s,
			"SELECT coalesce(max(seq), 0) + 1 FROM case_events WHERE case_id = $1", 1,
			params, &next, &found, err);
	}
	char now[DIB_TIME_UTC_SIZE];
	dib_time_now_utc(now, sizeof now);
	if (!rc)
		rc = store__write(s, NULL, err,
			"INSERT INTO case_events (county, case_id, seq, action, from_state, to_state,"
			" on_date, at, actor, reason, data, document_id)"
			" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
			"TiiTTTTTTttn", county, e->case_id, next, e->action,
			e->from_state, e->to_state, e->on_date, now, e->actor, e->reason,
			e->data, e->document_id);
	if (!rc && seq)
		*seq = (int)next;
	return rc;
}

static dib_code read_event(struct store_stmt *st, dib_arena *a, void *out, dib_err *err)
{
	store_case_event *e = out;
	memset(e, 0, sizeof *e);
	e->case_id = store_col_int64(st, 0);
	e->seq = (int)store_col_int64(st, 1);
	dib_code rc = store__col_dup(st, 2, a, &e->action, err);
	if (!rc)
		rc = store__col_dup(st, 3, a, &e->from_state, err);
	if (!rc)
		rc = store__col_dup(st, 4, a, &e->to_state, err);
	store__col_char(st, 5, e->on_date, sizeof e->on_date);
	const char **texts[] = { &e->at, &e->actor, &e->reason, &e->data };
	for (size_t k = 0; k < DIB_ARRAY_LEN(texts); k++)
		if (!rc)
			rc = store__col_dup(st, 6 + (int)k, a, texts[k], err);
	e->document_id = store_col_int64(st, 10);
	if (!rc)
		rc = store__col_dup(st, 11, a, &e->doc_no, err);
	return rc;
}

dib_code store_case_events(struct store *s, int64_t case_id, dib_arena *a,
			   store_case_event **out, size_t *n, dib_err *err)
{
	void *rows = NULL;
	dib_code rc = store__select(s,
		"SELECT e.case_id, e.seq, e.action, e.from_state, e.to_state, e.on_date, e.at,"
		" e.actor, e.reason, e.data, e.document_id, d.doc_no"
		" FROM case_events e LEFT JOIN case_documents d ON d.id = e.document_id"
		" WHERE e.case_id = $1 ORDER BY e.seq",
		sizeof(store_case_event), read_event, a, &rows, n, err, "i", case_id);
	if (!rc)
		*out = rows;
	return rc;
}

/* ---- documents ---- */

/* Runs one statement of the counter bound to (county, kind, year); *changed
 * (may be NULL) the rows it changed, *value (may be NULL) its first column. */
static dib_code counter_sql(struct store *s, const char *sql, const char *county,
			    const char *kind, int year, int64_t *changed, int64_t *value,
			    dib_err *err)
{
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, sql, &st, err);
	if (!rc)
		rc = store__bind(st, err, "TTi", county, kind, (int64_t)year);
	bool row = false;
	if (!rc)
		rc = store_step(st, &row, err);
	if (!rc && changed)
		*changed = store_changes(st);
	if (!rc && value)
		*value = row ? store_col_int64(st, 0) : 1;
	store_finalize(st);
	return rc;
}

dib_code store_doc_counter_next(struct store *s, const char *county, const char *kind,
				int year, int64_t *out, dib_err *err)
{
	/* The UPDATE takes the row lock first, so two transactions queue on
	 * it instead of reading the same number; the first of a year
	 * inserts. */
	int64_t changed = 0;
	dib_code rc = need_tx(s, err);
	if (!rc)
		rc = counter_sql(s, "UPDATE doc_counters SET next = next + 1"
				    " WHERE county = $1 AND kind = $2 AND year = $3",
				 county, kind, year, &changed, NULL, err);
	if (!rc && changed != 1) {
		rc = counter_sql(s, "INSERT INTO doc_counters (county, kind, year, next)"
				    " VALUES ($1, $2, $3, 2)", county, kind, year, NULL, NULL, err);
		if (!rc)
			*out = 1;
		return rc;
	}
	if (!rc)
		rc = counter_sql(s, "SELECT next - 1 FROM doc_counters"
				    " WHERE county = $1 AND kind = $2 AND year = $3",
				 county, kind, year, NULL, out, err);
	return rc;
}

dib_code store_case_doc_insert(struct store *s, const store_case_doc *d, int64_t *id,
			       dib_err *err)
{
	dib_code rc = need_tx(s, err);
	int64_t did = 0;
	if (!rc)
		rc = store_ids_reserve(s, "document", 1, &did, err);
	char now[DIB_TIME_UTC_SIZE];
	dib_time_now_utc(now, sizeof now);
	if (!rc)
		rc = store__write(s, NULL, err,
			"INSERT INTO case_documents (county, id, case_id, kind, doc_no, issued_on,"
			" issued_at, issued_by, content, household_id)"
			" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
			"TinTTTTTTn", d->county, did, d->case_id, d->kind, d->doc_no,
			d->issued_on, now, d->issued_by, d->content, d->household_id);
	if (!rc && id)
		*id = did;
	return rc;
}

/* The columns of a document; content last (NULL in lists). */
static dib_code read_doc(struct store_stmt *st, dib_arena *a, void *out, dib_err *err)
{
	store_case_doc *d = out;
	memset(d, 0, sizeof *d);
	d->id = store_col_int64(st, 0);
	store__col_char(st, 1, d->county, sizeof d->county);
	d->case_id = store_col_int64(st, 2);
	dib_code rc = store__col_dup(st, 3, a, &d->kind, err);
	if (!rc)
		rc = store__col_dup(st, 4, a, &d->doc_no, err);
	store__col_char(st, 5, d->issued_on, sizeof d->issued_on);
	if (!rc)
		rc = store__col_dup(st, 6, a, &d->issued_at, err);
	if (!rc)
		rc = store__col_dup(st, 7, a, &d->issued_by, err);
	d->household_id = store_col_int64(st, 8);
	if (!rc && store_col_count(st) > 9)
		rc = store__col_dup(st, 9, a, &d->content, err);
	return rc;
}

#define DOC_COLS \
	"id, county, case_id, kind, doc_no, issued_on, issued_at, issued_by, household_id"

dib_code store_case_doc_get(struct store *s, int64_t id, dib_arena *a,
			    store_case_doc *out, dib_err *err)
{
	bool found;
	store_case_doc tmp;
	dib_code rc = store__select_one(s,
		"SELECT " DOC_COLS ", content FROM case_documents WHERE id = $1",
		read_doc, a, &tmp, &found, err, "i", id);
	if (!rc && !found)
		rc = dib_err_set(err, DIB_ENOTFOUND, "文书 (ID %" PRId64 ") 不存在", id);
	if (!rc)
		*out = tmp;
	return rc;
}

dib_code store_case_docs(struct store *s, int64_t case_id, dib_arena *a,
			 store_case_doc **out, size_t *n, dib_err *err)
{
	void *rows = NULL;
	dib_code rc = store__select(s,
		"SELECT " DOC_COLS " FROM case_documents WHERE case_id = $1 ORDER BY id",
		sizeof(store_case_doc), read_doc, a, &rows, n, err, "i", case_id);
	if (!rc)
		*out = rows;
	return rc;
}

/* ---- entitlements ---- */

dib_code store_entitlement_insert(struct store *s, const store_entitlement *e,
				  const int64_t *person_ids, size_t n, int64_t *id,
				  dib_err *err)
{
	dib_code rc = need_tx(s, err);
	if (!rc && n < 1)
		rc = dib_err_set(err, DIB_EINTERNAL, "内部错误：待遇须至少覆盖一人");
	int64_t eid = 0;
	if (!rc)
		rc = store_ids_reserve(s, "entitlement", 1, &eid, err);
	char now[DIB_TIME_UTC_SIZE];
	dib_time_now_utc(now, sizeof now);
	struct store_stmt *st = NULL;
	if (!rc && e->has_basis && e->base_fen + e->addon_fen != e->amount_fen)
		rc = dib_err_set(err, DIB_EINTERNAL, "内部错误：保障金与分类施保金之和不等于月发放额");
	if (!rc && e->has_basis)
		rc = store__write(s, NULL, err,
			"INSERT INTO entitlements (county, id, household_id, program, case_id,"
			" from_month, to_month, amount_fen, persons, decision_no, created_at,"
			" created_by, base_fen, addon_fen, income_fen) VALUES ($1, $2, $3, $4, $5,"
			" $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
			"TiiTnTtiitTTiii", e->county, eid, e->household_id, e->program,
			e->case_id, e->from_month, e->to_month, e->amount_fen,
			(int64_t)e->persons, e->decision_no, now, e->created_by, e->base_fen,
			e->addon_fen, e->income_fen);
	else if (!rc)
		rc = store__write(s, NULL, err,
			"INSERT INTO entitlements (county, id, household_id, program, case_id,"
			" from_month, to_month, amount_fen, persons, decision_no, created_at,"
			" created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
			"TiiTnTtiitTT", e->county, eid, e->household_id, e->program,
			e->case_id, e->from_month, e->to_month, e->amount_fen,
			(int64_t)e->persons, e->decision_no, now, e->created_by);
	if (rc == DIB_ECONFLICT && (strstr(err->detail, "one_open") ||
				    strstr(err->detail, "entitlements.household_id"))) {
		dib_err_clear(err);
		return dib_err_set(err, DIB_ECONFLICT, "该户已在享受同一项目的待遇");
	}
	st = NULL;
	if (!rc)
		rc = store_prepare(s,
			"INSERT INTO entitlement_members (entitlement_id, person_id) VALUES"
			" ($1, $2)",
			&st, err);
	for (size_t i = 0; !rc && i < n; i++) {
		rc = store__bind(st, err, "ii", eid, person_ids[i]);
		if (!rc)
			rc = store__run(st, err);
		store_reset(st);
	}
	store_finalize(st);
	if (!rc && id)
		*id = eid;
	return rc;
}

static dib_code read_entitlement(struct store_stmt *st, dib_arena *a, void *out, dib_err *err)
{
	store_entitlement *e = out;
	memset(e, 0, sizeof *e);
	e->id = store_col_int64(st, 0);
	store__col_char(st, 1, e->county, sizeof e->county);
	e->household_id = store_col_int64(st, 2);
	dib_code rc = store__col_dup(st, 3, a, &e->program, err);
	e->case_id = store_col_int64(st, 4);
	store__col_char(st, 5, e->from_month, sizeof e->from_month);
	store__col_char(st, 6, e->to_month, sizeof e->to_month);
	e->amount_fen = store_col_int64(st, 7);
	e->persons = (int)store_col_int64(st, 8);
	if (!rc)
		rc = store__col_dup(st, 9, a, &e->decision_no, err);
	if (!rc)
		rc = store__col_dup(st, 10, a, &e->created_at, err);
	if (!rc)
		rc = store__col_dup(st, 11, a, &e->created_by, err);
	return rc;
}

dib_code store_entitlements_of(struct store *s, int64_t household_id, dib_arena *a,
			       store_entitlement **out, size_t *n, dib_err *err)
{
	void *rows = NULL;
	dib_code rc = store__select(s,
		"SELECT id, county, household_id, program, case_id, from_month, to_month,"
		" amount_fen, persons, decision_no, created_at, created_by FROM entitlements"
		" WHERE household_id = $1 ORDER BY from_month DESC, id DESC",
		sizeof(store_entitlement), read_entitlement, a, &rows, n, err, "i", household_id);
	if (!rc)
		*out = rows;
	return rc;
}

dib_code store_entitlement_open(struct store *s, int64_t household_id, const char *program,
				bool lock, dib_arena *a, store_entitlement *out, bool *found,
				dib_err *err)
{
	struct store_stmt *st = NULL;
	dib_code rc = DIB_OK;
	*found = false;
	if (lock) {
		rc = store_prepare(s, "UPDATE entitlements SET persons = persons"
				      " WHERE household_id = $1 AND program = $2 AND to_month IS NULL",
				   &st, err);
		if (!rc)
			rc = store__bind(st, err, "iT", household_id, program);
		if (!rc)
			rc = store__run(st, err);
		store_finalize(st);
		st = NULL;
	}
	if (!rc)
		rc = store_prepare(s,
			"SELECT id, county, household_id, program, case_id, from_month, to_month,"
			"amount_fen, persons, decision_no, created_at, created_by FROM"
			" entitlements"
			" WHERE household_id = $1 AND program = $2 AND to_month IS NULL", &st, err);
	if (!rc)
		rc = store__bind(st, err, "iT", household_id, program);
	bool row = false;
	if (!rc)
		rc = store_step(st, &row, err);
	if (!rc && row) {
		rc = read_entitlement(st, a, out, err);
		*found = !rc;
	}
	store_finalize(st);
	return rc;
}

dib_code store_entitlement_end(struct store *s, int64_t id, const char *to_month,
			       dib_err *err)
{
	int64_t changed = 0;
	dib_code rc = store__write(s, &changed, err,
		"UPDATE entitlements SET to_month = $2 WHERE id = $1 AND to_month IS NULL",
		"iT", id, to_month);
	if (!rc && changed != 1)
		rc = dib_err_set(err, DIB_ECONFLICT, "待遇已变更，请刷新后重试");
	return rc;
}

static dib_code read_id(struct store_stmt *st, dib_arena *a, void *out, dib_err *err)
{
	(void)a;
	(void)err;
	*(int64_t *)out = store_col_int64(st, 0);
	return DIB_OK;
}

dib_code store_entitlement_members(struct store *s, int64_t id, dib_arena *a, int64_t **out,
				   size_t *n, dib_err *err)
{
	void *rows = NULL;
	dib_code rc = store__select(s,
		"SELECT person_id FROM entitlement_members"
				       " WHERE entitlement_id = $1 ORDER BY person_id",
		sizeof(int64_t), read_id, a, &rows, n, err, "i", id);
	if (!rc)
		*out = rows;
	return rc;
}

dib_code store_households_unclaimed(struct store *s, const char *county, int64_t limit,
				    dib_arena *a, int64_t **out, size_t *n, dib_err *err)
{
	void *rows = NULL;
	dib_code rc = store__select(s,
		"SELECT h.id FROM households h WHERE h.county = $1"
		" AND EXISTS (SELECT 1 FROM memberships m WHERE m.household_id = h.id"
		" AND m.relation = 1 AND m.end_date IS NULL)"
		" AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.household_id = h.id)"
		" AND NOT EXISTS (SELECT 1 FROM entitlements e WHERE e.household_id = h.id"
		" AND e.to_month IS NULL) ORDER BY h.id LIMIT $2",
		sizeof(int64_t), read_id, a, &rows, n, err, "Ti", county, limit);
	*out = rows;
	return rc;
}
