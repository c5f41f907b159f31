/*
 * store_coverage.c — the rows of store_coverage.h: entitlement ends and
 * members, changes, phase-outs due, reviews and job offers. One SQL text
 * for both engines; writes inside the caller's transaction.
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#include "util/dib.h"
#include "util/time.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/store_coverage.h"

#include <inttypes.h>

/* ---- changes ---- */

dib_code store_change_insert(struct store *s, const store_change *c, int64_t *id,
			     dib_err *err)
{
	int64_t cid = 0;
	dib_code rc = store_ids_reserve(s, "change", 1, &cid, err);
	char now[DIB_TIME_UTC_SIZE];
	dib_time_now_utc(now, sizeof now);
	struct store_stmt *st = NULL;
	if (!rc)
		rc = store_prepare(s,
			"INSERT INTO entitlement_changes (county, id, household_id, program,"
			"entitlement_id, new_entitlement_id, kind, reason, decision_no,"
			" decided_on,"
			" effective_month, event_date, person_id, old_amount_fen, new_amount_fen,"
			" phaseout_months, stop_month, document_id, note, created_at, created_by)"
			" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,"
			" $16, $17, $18, $19, $20, $21)", &st, err);
	if (!rc)
		rc = store__bind(st, err, "TiiTinTTtTTtnii", c->county, cid, c->household_id,
			c->program, c->entitlement_id, c->new_entitlement_id, c->kind,
			c->reason, c->decision_no, c->decided_on, c->effective_month,
			c->event_date, c->person_id, c->old_amount_fen, c->new_amount_fen);
	/* phaseout_months may be 0 (an immediate stop): bound on its own */
	if (!rc)
		rc = c->phaseout_months >= 0 ? store_bind_int64(st, 16, c->phaseout_months, err)
					     : store_bind_null(st, 16, err);
	if (!rc)
		rc = c->stop_month[0] ? store_bind_text(st, 17, c->stop_month, -1, err)
				      : store_bind_null(st, 17, err);
	if (!rc)
		rc = c->document_id ? store_bind_int64(st, 18, c->document_id, err)
				    : store_bind_null(st, 18, err);
	if (!rc)
		rc = c->note && c->note[0] ? store_bind_text(st, 19, c->note, -1, err)
					   : store_bind_null(st, 19, err);
	if (!rc)
		rc = store_bind_text(st, 20, now, -1, err);
	if (!rc)
		rc = store_bind_text(st, 21, c->created_by, -1, err);
	if (!rc)
		rc = store__run(st, err);
	store_finalize(st);
	if (!rc && id)
		*id = cid;
	return rc;
}

#define CHANGE_COLS                                                               \
	"c.id, c.county, c.household_id, c.program, c.entitlement_id,"             \
	" c.new_entitlement_id, c.kind, c.reason, c.decision_no, c.decided_on,"    \
	" c.effective_month, c.event_date, c.person_id, c.old_amount_fen,"         \
	" c.new_amount_fen, c.phaseout_months, c.stop_month, c.stopped_change_id," \
	" c.document_id, d.doc_no, c.note, c.created_at, c.created_by"             \
	" FROM entitlement_changes c LEFT JOIN case_documents d ON d.id = c.document_id"

static dib_code read_change(struct store_stmt *st, dib_arena *a, void *out, dib_err *err)
{
	store_change *c = out;
	memset(c, 0, sizeof *c);
	c->id = store_col_int64(st, 0);
	store__col_char(st, 1, c->county, sizeof c->county);
	c->household_id = store_col_int64(st, 2);
	dib_code rc = store__col_dup(st, 3, a, &c->program, err);
	c->entitlement_id = store_col_int64(st, 4);
	c->new_entitlement_id = store_col_int64(st, 5);
	if (!rc)
		rc = store__col_dup(st, 6, a, &c->kind, err);
	if (!rc)
		rc = store__col_dup(st, 7, a, &c->reason, err);
	if (!rc)
		rc = store__col_dup(st, 8, a, &c->decision_no, err);
	store__col_char(st, 9, c->decided_on, sizeof c->decided_on);
	store__col_char(st, 10, c->effective_month, sizeof c->effective_month);
	store__col_char(st, 11, c->event_date, sizeof c->event_date);
	c->person_id = store_col_int64(st, 12);
	c->old_amount_fen = store_col_int64(st, 13);
	c->new_amount_fen = store_col_int64(st, 14);
	c->phaseout_months = store_col_null(st, 15) ? -1 : (int)store_col_int64(st, 15);
	store__col_char(st, 16, c->stop_month, sizeof c->stop_month);
	c->stopped_change_id = store_col_int64(st, 17);
	c->document_id = store_col_int64(st, 18);
	const char **texts[] = { &c->doc_no, &c->note, &c->created_at, &c->created_by };
	for (size_t k = 0; k < DIB_ARRAY_LEN(texts); k++)
		if (!rc)
			rc = store__col_dup(st, 19 + (int)k, a, texts[k], err);
	return rc;
}

/* Runs a read of changes bound by fmt/values into *out. */
static dib_code changes_where(struct store *s, const char *where, dib_arena *a,
			      store_change **out, size_t *n, dib_err *err, const char *fmt,
			      const char *t1, const char *t2, int64_t i1)
{
	char sql[1536];
	snprintf(sql, sizeof sql, "SELECT " CHANGE_COLS " WHERE %s", where);
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, sql, &st, err);
	if (!rc && !strcmp(fmt, "i"))
		rc = store__bind(st, err, "i", i1);
	else if (!rc && !strcmp(fmt, "T"))
		rc = store__bind(st, err, "T", t1);
	else if (!rc)
		rc = store__bind(st, err, "TT", t1, t2);
	void *rows = NULL;
	if (!rc)
		rc = store__collect(st, sizeof(store_change), read_change, a, &rows, n, err);
	store_finalize(st);
	if (!rc)
		*out = rows;
	return rc;
}

dib_code store_changes_of(struct store *s, int64_t household_id, dib_arena *a,
			  store_change **out, size_t *n, dib_err *err)
{
	return changes_where(s, "c.household_id = $1 ORDER BY c.id DESC", a, out, n, err, "i",
			     NULL, NULL, household_id);
}

dib_code store_phaseouts_due(struct store *s, const char *county, const char *month,
			     dib_arena *a, store_change **out, size_t *n, dib_err *err)
{
	if (county)
		return changes_where(s, "c.county = $1 AND c.kind = 'phaseout' AND c.stop_month <= $2"
				     " AND c.stopped_change_id IS NULL ORDER BY c.id", a, out, n, err,
				     "TT", county, month, 0);
	return changes_where(s, "c.kind = 'phaseout' AND c.stop_month <= $1"
			     " AND c.stopped_change_id IS NULL ORDER BY c.id", a, out, n, err, "T",
			     month, NULL, 0);
}

dib_code store_phaseout_stopped(struct store *s, int64_t id, int64_t stop_id, dib_err *err)
{
	int64_t changed = 0;
	dib_code rc = store__write(s, &changed, err,
		"UPDATE entitlement_changes SET stopped_change_id = $2"
		" WHERE id = $1 AND stopped_change_id IS NULL",
		"ii", id, stop_id);
	if (!rc && changed != 1)
		rc = dib_err_set(err, DIB_ECONFLICT, "渐退记录已处理");
	return rc;
}

/* ---- reviews ---- */

dib_code store_review_insert(struct store *s, const store_review *r, int64_t *id,
			     dib_err *err)
{
	int64_t rid = 0;
	dib_code rc = store_ids_reserve(s, "review", 1, &rid, err);
	if (!rc)
		rc = store__write(s, NULL, err,
			"INSERT INTO coverage_reviews (county, id, household_id, person_id, kind,"
			" event_date, due_on, opened_on, created_by)"
			" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
			"TiinTTTTT", r->county, rid, r->household_id,
				 r->person_id, r->kind, r->event_date, r->due_on, r->opened_on,
				 r->created_by);
	if (rc == DIB_ECONFLICT) { /* the only unique key besides the reserved id */
		dib_err_clear(err);
		rc = dib_err_set(err, DIB_ECONFLICT, "该成员已有同类核查");
	}
	if (!rc && id)
		*id = rid;
	return rc;
}

dib_code store_review_close(struct store *s, int64_t id, const char *closed_on,
			    const char *outcome, const char *by, dib_err *err)
{
	int64_t changed = 0;
	dib_code rc = store__write(s, &changed, err,
		"UPDATE coverage_reviews SET closed_on = $2, outcome = $3, closed_by = $4"
		" WHERE id = $1 AND closed_on IS NULL",
		"iTTT", id, closed_on, outcome, by);
	if (!rc && changed != 1)
		rc = dib_err_set(err, DIB_ECONFLICT, "核查 %" PRId64 " 已办结或不存在", id);
	return rc;
}

#define REVIEW_COLS                                                                    \
	"r.id, r.county, r.household_id, r.person_id, r.kind, r.event_date, r.due_on,"  \
	" r.opened_on, r.closed_on, r.outcome, r.created_by, r.closed_by, p.name, h.hh_no" \
	" FROM coverage_reviews r LEFT JOIN persons p ON p.id = r.person_id"            \
	" JOIN households h ON h.id = r.household_id"

static dib_code read_review(struct store_stmt *st, dib_arena *a, void *out, dib_err *err)
{
	store_review *r = out;
	memset(r, 0, sizeof *r);
	r->id = store_col_int64(st, 0);
	store__col_char(st, 1, r->county, sizeof r->county);
	r->household_id = store_col_int64(st, 2);
	r->person_id = store_col_int64(st, 3);
	dib_code rc = store__col_dup(st, 4, a, &r->kind, err);
	store__col_char(st, 5, r->event_date, sizeof r->event_date);
	store__col_char(st, 6, r->due_on, sizeof r->due_on);
	store__col_char(st, 7, r->opened_on, sizeof r->opened_on);
	store__col_char(st, 8, r->closed_on, sizeof r->closed_on);
	const char **texts[] = { &r->outcome, &r->created_by, &r->closed_by, &r->person_name,
				 &r->hh_no };
	for (size_t k = 0; k < DIB_ARRAY_LEN(texts); k++)
		if (!rc)
			rc = store__col_dup(st, 9 + (int)k, a, texts[k], err);
	return rc;
}

dib_code store_review_get(struct store *s, int64_t id, dib_arena *a, store_review *out,
			  dib_err *err)
{
	bool found;
	store_review tmp;
	dib_code rc = store__select_one(s, "SELECT " REVIEW_COLS " WHERE r.id = $1", read_review,
					a, &tmp, &found, err, "i", id);
	if (!rc && !found)
		rc = dib_err_set(err, DIB_ENOTFOUND, "核查 (ID %" PRId64 ") 不存在", id);
	if (!rc)
		*out = tmp;
	return rc;
}

dib_code store_reviews(struct store *s, const char *county, bool open_only, dib_arena *a,
		       store_review **out, size_t *n, dib_err *err)
{
	char sql[1024];
	snprintf(sql, sizeof sql, "SELECT " REVIEW_COLS " WHERE %s%s ORDER BY r.due_on, r.id",
		 county ? "r.county = $1" : "1 = 1", open_only ? " AND r.closed_on IS NULL" : "");
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, sql, &st, err);
	if (!rc && county)
		rc = store_bind_text(st, 1, county, -1, err);
	void *rows = NULL;
	if (!rc)
		rc = store__collect(st, sizeof(store_review), read_review, a, &rows, n, err);
	store_finalize(st);
	if (!rc)
		*out = rows;
	return rc;
}

/* ---- job offers ---- */

dib_code store_offer_insert(struct store *s, const store_offer *o, int64_t *id,
			    dib_err *err)
{
	int64_t oid = 0;
	dib_code rc = store_ids_reserve(s, "offer", 1, &oid, err);
	char now[DIB_TIME_UTC_SIZE];
	dib_time_now_utc(now, sizeof now);
	if (!rc)
		rc = store__write(s, NULL, err,
			"INSERT INTO work_offers (county, id, household_id, person_id, offered_on,"
			" outcome, description, created_at, created_by)"
			" VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
			"TiiiTTtTT", o->county, oid, o->household_id,
				 o->person_id, o->offered_on, o->outcome, o->description, now,
				 o->created_by);
	if (!rc && id)
		*id = oid;
	return rc;
}

static dib_code read_offer(struct store_stmt *st, dib_arena *a, void *out, dib_err *err)
{
	store_offer *o = out;
	memset(o, 0, sizeof *o);
	o->id = store_col_int64(st, 0);
	store__col_char(st, 1, o->county, sizeof o->county);
	o->household_id = store_col_int64(st, 2);
	o->person_id = store_col_int64(st, 3);
	store__col_char(st, 4, o->offered_on, sizeof o->offered_on);
	dib_code rc = store__col_dup(st, 5, a, &o->outcome, err);
	if (!rc)
		rc = store__col_dup(st, 6, a, &o->description, err);
	if (!rc)
		rc = store__col_dup(st, 7, a, &o->created_by, err);
	return rc;
}

dib_code store_offers_of(struct store *s, int64_t person_id, dib_arena *a,
			 store_offer **out, size_t *n, dib_err *err)
{
	void *rows = NULL;
	dib_code rc = store__select(s,
		"SELECT id, county, household_id, person_id, offered_on, outcome, description,"
		" created_by FROM work_offers WHERE person_id = $1 ORDER BY offered_on, id",
		sizeof(store_offer), read_offer, a, &rows, n, err, "i", person_id);
	if (!rc)
		*out = rows;
	return rc;
}
