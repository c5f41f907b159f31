/*
 * store_case.c — the case rows behind store_case.h: the case itself with
 * the household's number, head and places joined for lists, and its
 * writes with the version check. Events, documents and entitlements are
 * in store_case_rows.c. One SQL text for both engines.
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#include "util/dib.h"
#include "util/time.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/store_case.h"

#include <inttypes.h>

/* The columns every read takes, in read_case's order; c is the case,
 * h the household, p the head, v and t the village and township. */
#define CASE_COLS                                                              \
	"c.id, c.county, c.case_no, c.household_id, c.village_code, c.program, " \
	"c.state, c.state_since, c.applied_on, c.accepted_on, c.decided_on, "    \
	"c.extension, c.extension_reason, c.missing_docs, "                      \
	"c.missing_notice_issued, c.visit_done, c.check_result, c.eval_done, "   \
	"c.notice_start, c.objection_open, c.relatives_declared, "               \
	"c.relatives_filed, c.has_complaint, c.county_visit_done, c.amount_fen, " \
	"c.persons, c.note, c.version, c.created_at, c.created_by, "             \
	"c.updated_at, h.hh_no, p.name, v.name, t.name"
#define CASE_FROM                                                                \
	" FROM cases c JOIN households h ON h.id = c.household_id"               \
	" LEFT JOIN memberships m ON m.household_id = c.household_id"            \
	"  AND m.end_date IS NULL AND m.relation = 1"                            \
	" LEFT JOIN persons p ON p.id = m.person_id"                             \
	" LEFT JOIN regions v ON v.code = c.village_code"                        \
	" LEFT JOIN regions t ON t.code = substr(c.village_code, 1, 9) || '000'"
#define CASE_NCOLS 35

static bool col_bool(struct store_stmt *st, int col)
{
	return store_col_int64(st, col) != 0;
}

/* Reads CASE_COLS (and, when with_assessment, the assessment after them). */
static dib_code read_case_cols(struct store_stmt *st, dib_arena *a, store_case *c,
			       bool with_assessment, dib_err *err)
{
	memset(c, 0, sizeof *c);
	int i = 0;
	c->id = store_col_int64(st, i++);
	store__col_char(st, i++, c->county, sizeof c->county);
	store__col_char(st, i++, c->case_no, sizeof c->case_no);
	c->household_id = store_col_int64(st, i++);
	store__col_char(st, i++, c->village_code, sizeof c->village_code);
	dib_code rc = store__col_dup(st, i++, a, &c->program, err);
	if (!rc)
		rc = store__col_dup(st, i, a, &c->state, err);
	i++;
	store__col_char(st, i++, c->state_since, sizeof c->state_since);
	store__col_char(st, i++, c->applied_on, sizeof c->applied_on);
	store__col_char(st, i++, c->accepted_on, sizeof c->accepted_on);
	store__col_char(st, i++, c->decided_on, sizeof c->decided_on);
	if (!rc)
		rc = store__col_dup(st, i, a, &c->extension, err);
	i++;
	if (!rc)
		rc = store__col_dup(st, i, a, &c->extension_reason, err);
	i++;
	if (!rc)
		rc = store__col_dup(st, i, a, &c->missing_docs, err);
	i++;
	c->missing_notice_issued = col_bool(st, i++);
	c->visit_done = col_bool(st, i++);
	if (!rc)
		rc = store__col_dup(st, i, a, &c->check_result, err);
	i++;
	c->eval_done = col_bool(st, i++);
	store__col_char(st, i++, c->notice_start, sizeof c->notice_start);
	c->objection_open = col_bool(st, i++);
	c->relatives_declared = col_bool(st, i++);
	c->relatives_filed = col_bool(st, i++);
	c->has_complaint = col_bool(st, i++);
	c->county_visit_done = col_bool(st, i++);
	c->has_amount = !store_col_null(st, i);
	c->amount_fen = store_col_int64(st, i++);
	c->persons = (int)store_col_int64(st, i++);
	if (!rc)
		rc = store__col_dup(st, i, a, &c->note, err);
	i++;
	c->version = (int)store_col_int64(st, i++);
	const char **texts[] = { &c->created_at, &c->created_by, &c->updated_at, &c->hh_no,
				 &c->head_name, &c->village_name, &c->township_name };
	for (size_t k = 0; k < DIB_ARRAY_LEN(texts); k++, i++)
		if (!rc)
			rc = store__col_dup(st, i, a, texts[k], err);
	if (!rc && with_assessment)
		rc = store__col_dup(st, CASE_NCOLS, a, &c->assessment, err);
	return rc;
}

static dib_code read_list_row(struct store_stmt *st, dib_arena *a, void *out, dib_err *err)
{
	return read_case_cols(st, a, out, false, err);
}

/* Binds a date or text column: NULL for NULL or "". */
static dib_code bind_opt(struct store_stmt *st, int i, const char *v, dib_err *err)
{
	return v && v[0] ? store_bind_text(st, i, v, -1, err) : store_bind_null(st, i, err);
}

/* Binds the mutable columns of c as $first … $first + 21, in the order of
 * MUTABLE_SET. */
#define MUTABLE_N 21
static dib_code bind_mutable(struct store_stmt *st, int first, const store_case *c,
			     dib_err *err)
{
	int i = first;
	dib_code rc = store_bind_text(st, i++, c->state, -1, err);
	if (!rc)
		rc = store_bind_text(st, i++, c->state_since, -1, err);
	if (!rc)
		rc = bind_opt(st, i++, c->accepted_on, err);
	if (!rc)
		rc = bind_opt(st, i++, c->decided_on, err);
	if (!rc)
		rc = bind_opt(st, i++, c->extension, err);
	if (!rc)
		rc = bind_opt(st, i++, c->extension_reason, err);
	if (!rc)
		rc = store_bind_text(st, i++, c->missing_docs ? c->missing_docs : "[]", -1, err);
	const bool flags1[] = { c->missing_notice_issued, c->visit_done };
	for (size_t k = 0; k < DIB_ARRAY_LEN(flags1); k++)
		if (!rc)
			rc = store_bind_int64(st, i++, flags1[k], err);
	if (!rc)
		rc = bind_opt(st, i++, c->check_result, err);
	if (!rc)
		rc = store_bind_int64(st, i++, c->eval_done, err);
	if (!rc)
		rc = bind_opt(st, i++, c->notice_start, err);
	const bool flags2[] = { c->objection_open, c->relatives_declared, c->relatives_filed,
				c->has_complaint, c->county_visit_done };
	for (size_t k = 0; k < DIB_ARRAY_LEN(flags2); k++)
		if (!rc)
			rc = store_bind_int64(st, i++, flags2[k], err);
	if (!rc)
		rc = bind_opt(st, i++, c->assessment, err);
	if (!rc)
		rc = c->has_amount ? store_bind_int64(st, i++, c->amount_fen, err)
				   : store_bind_null(st, i++, err);
	if (!rc)
		rc = c->persons > 0 ? store_bind_int64(st, i++, c->persons, err)
				    : store_bind_null(st, i++, err);
	if (!rc)
		rc = bind_opt(st, i++, c->note, err);
	return rc;
}

dib_code store_case_insert(struct store *s, const store_case *c, int64_t *id,
			   char *case_no, dib_err *err)
{
	if (!store_in_tx(s))
		return dib_err_set(err, DIB_EINTERNAL, "内部错误：写入申请须在事务中");
	int64_t cid;
	dib_code rc = store_ids_reserve(s, "case", 1, &cid, err);
	if (rc)
		return rc;
	char no[STORE_CASE_NO_LEN + 1];
	snprintf(no, sizeof no, "%.6s-%.4s-%06" PRId64, c->county, c->applied_on, cid % 1000000);
	char now[DIB_TIME_UTC_SIZE];
	dib_time_now_utc(now, sizeof now);
	struct store_stmt *st = NULL;
	rc = store_prepare(s,
		"INSERT INTO cases (state, state_since, accepted_on, decided_on, extension,"
		" extension_reason, missing_docs, missing_notice_issued, visit_done,"
		" check_result, eval_done, notice_start, objection_open, relatives_declared,"
		" relatives_filed, has_complaint, county_visit_done, assessment, amount_fen,"
		" persons, note, county, id, case_no, household_id, village_code, program,"
		" applied_on, version, created_at, created_by, updated_at) VALUES ($1, $2, $3,"
		" $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,"
		" $21, $22, $23, $24, $25, $26, $27, $28, 1, $29, $30, $29)", &st, err);
	if (!rc)
		rc = bind_mutable(st, 1, c, err);
	if (!rc)
		rc = store_bind_text(st, MUTABLE_N + 1, c->county, -1, err);
	if (!rc)
		rc = store_bind_int64(st, MUTABLE_N + 2, cid, err);
	if (!rc)
		rc = store_bind_text(st, MUTABLE_N + 3, no, -1, err);
	if (!rc)
		rc = store_bind_int64(st, MUTABLE_N + 4, c->household_id, err);
	if (!rc)
		rc = store_bind_text(st, MUTABLE_N + 5, c->village_code, -1, err);
	if (!rc)
		rc = store_bind_text(st, MUTABLE_N + 6, c->program, -1, err);
	if (!rc)
		rc = store_bind_text(st, MUTABLE_N + 7, c->applied_on, -1, err);
	if (!rc)
		rc = store_bind_text(st, MUTABLE_N + 8, now, -1, err);
	if (!rc)
		rc = store_bind_text(st, MUTABLE_N + 9, c->created_by, -1, err);
	bool row;
	if (!rc)
		rc = store_step(st, &row, err);
	store_finalize(st);
	/* PostgreSQL names the index, SQLite the columns */
	if (rc == DIB_ECONFLICT && (strstr(err->detail, "one_open") ||
				    strstr(err->detail, "cases.household_id"))) {
		dib_err_clear(err);
		rc = dib_err_set(err, DIB_ECONFLICT, "该户已有进行中的同一项目申请");
	}
	if (rc)
		return rc;
	if (id)
		*id = cid;
	if (case_no)
		snprintf(case_no, STORE_CASE_NO_LEN + 1, "%s", no);
	return DIB_OK;
}

/* Reads the one case of sql (bound to key: an id or a case number). */
static dib_code get_one(struct store *s, const char *where, int64_t id, const char *no,
			dib_arena *a, store_case *out, dib_err *err)
{
	char sql[2048];
	snprintf(sql, sizeof sql, "SELECT " CASE_COLS ", c.assessment" CASE_FROM " WHERE %s",
		 where);
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, sql, &st, err);
	if (!rc)
		rc = no ? store_bind_text(st, 1, no, -1, err) : store_bind_int64(st, 1, id, err);
	bool row = false;
	if (!rc)
		rc = store_step(st, &row, err);
	if (!rc && !row)
		rc = no ? dib_err_set(err, DIB_ENOTFOUND, "申请 %s 不存在", no)
			: dib_err_set(err, DIB_ENOTFOUND, "申请 (ID %" PRId64 ") 不存在", id);
	store_case tmp;
	if (!rc)
		rc = read_case_cols(st, a, &tmp, true, err);
	store_finalize(st);
	if (!rc)
		*out = tmp;
	return rc;
}

dib_code store_case_get(struct store *s, int64_t id, dib_arena *a, store_case *out,
			dib_err *err)
{
	return get_one(s, "c.id = $1", id, NULL, a, out, err);
}

dib_code store_case_get_no(struct store *s, const char *no, dib_arena *a,
			   store_case *out, dib_err *err)
{
	return get_one(s, "c.case_no = $1", 0, no ? no : "", a, out, err);
}

dib_code store_case_update(struct store *s, const store_case *c, dib_err *err)
{
	char now[DIB_TIME_UTC_SIZE];
	dib_time_now_utc(now, sizeof now);
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s,
		"UPDATE cases SET state = $1, state_since = $2, accepted_on = $3,"
		" decided_on = $4, extension = $5, extension_reason = $6, missing_docs = $7,"
		" missing_notice_issued = $8, visit_done = $9, check_result = $10,"
		" eval_done = $11, notice_start = $12, objection_open = $13,"
		" relatives_declared = $14, relatives_filed = $15, has_complaint = $16,"
		" county_visit_done = $17, assessment = $18, amount_fen = $19, persons = $20,"
		" note = $21, version = version + 1, updated_at = $22"
		" WHERE id = $23 AND version = $24", &st, err);
	if (!rc)
		rc = bind_mutable(st, 1, c, err);
	/* bind_mutable took $1..$21 (MUTABLE_N) for the columns */
	if (!rc)
		rc = store_bind_text(st, 22, now, -1, err);
	if (!rc)
		rc = store_bind_int64(st, 23, c->id, err);
	if (!rc)
		rc = store_bind_int64(st, 24, c->version, err);
	bool row;
	if (!rc)
		rc = store_step(st, &row, err);
	if (!rc && store_changes(st) != 1)
		rc = dib_err_set(err, DIB_ECONFLICT, "申请 %s 已被他人修改，请刷新后重试",
				 c->case_no);
	store_finalize(st);
	return rc;
}

/* Appends the WHERE of f to sql (with its placeholders from $1) and
 * returns the number of placeholders used. */
static int filter_sql(const store_case_filter *f, bool page, char *sql, size_t cap)
{
	size_t len = strlen(sql);
	int n = 0;
	len += (size_t)snprintf(sql + len, cap - len, " WHERE 1 = 1");
	if (f->scope) {
		/* a prefix as a range of codes, so the county (leading the
		 * index) and the village are both ranges */
		len += (size_t)snprintf(sql + len, cap - len,
					" AND c.county BETWEEN $%d AND $%d"
					" AND c.village_code BETWEEN $%d AND $%d", n + 1, n + 2, n + 3,
					n + 4);
		n += 4;
	}
	if (f->nstates) {
		len += (size_t)snprintf(sql + len, cap - len, " AND c.state IN (");
		for (size_t i = 0; i < f->nstates; i++)
			len += (size_t)snprintf(sql + len, cap - len, "%s$%d", i ? ", " : "", ++n);
		len += (size_t)snprintf(sql + len, cap - len, ")");
	}
	if (f->program)
		len += (size_t)snprintf(sql + len, cap - len, " AND c.program = $%d", ++n);
	if (f->household_id)
		len += (size_t)snprintf(sql + len, cap - len, " AND c.household_id = $%d", ++n);
	if (page) {
		len += (size_t)snprintf(sql + len, cap - len, " AND c.id > $%d", ++n);
		len += (size_t)snprintf(sql + len, cap - len, " ORDER BY c.id LIMIT $%d", ++n);
	}
	return n;
}

static dib_code filter_bind(struct store_stmt *st, const store_case_filter *f, bool page,
			    dib_err *err)
{
	int i = 1;
	dib_code rc = DIB_OK;
	if (f->scope) {
		char lo[REGION_LEN + 1], hi[REGION_LEN + 1];
		size_t d = strlen(f->scope);
		for (size_t k = 0; k < REGION_LEN; k++) {
			lo[k] = k < d ? f->scope[k] : '0';
			hi[k] = k < d ? f->scope[k] : '9';
		}
		lo[REGION_LEN] = hi[REGION_LEN] = '\0';
		rc = store_bind_text(st, i++, lo, REGION_COUNTY_LEN, err);
		if (!rc)
			rc = store_bind_text(st, i++, hi, REGION_COUNTY_LEN, err);
		if (!rc)
			rc = store_bind_text(st, i++, lo, -1, err);
		if (!rc)
			rc = store_bind_text(st, i++, hi, -1, err);
	}
	for (size_t k = 0; !rc && k < f->nstates; k++)
		rc = store_bind_text(st, i++, f->states[k], -1, err);
	if (!rc && f->program)
		rc = store_bind_text(st, i++, f->program, -1, err);
	if (!rc && f->household_id)
		rc = store_bind_int64(st, i++, f->household_id, err);
	if (!rc && page)
		rc = store_bind_int64(st, i++, f->after_id, err);
	if (!rc && page)
		rc = store_bind_int64(st, i++, f->limit, err);
	return rc;
}

dib_code store_case_list(struct store *s, const store_case_filter *f, dib_arena *a,
			 store_case **out, size_t *n, dib_err *err)
{
	if (f->nstates > 32 || f->limit < 1 || f->limit > 1000)
		return dib_err_set(err, DIB_EINTERNAL, "内部错误：申请列表的条件不合法");
	char sql[4096] = "SELECT " CASE_COLS CASE_FROM;
	filter_sql(f, true, sql, sizeof sql);
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, sql, &st, err);
	if (!rc)
		rc = filter_bind(st, f, true, err);
	void *rows = NULL;
	size_t cnt = 0;
	if (!rc)
		rc = store__collect(st, sizeof(store_case), read_list_row, a, &rows, &cnt, err);
	store_finalize(st);
	if (!rc) {
		*out = rows;
		*n = cnt;
	}
	return rc;
}

dib_code store_case_count(struct store *s, const store_case_filter *f, int64_t *out,
			  dib_err *err)
{
	if (f->nstates > 32)
		return dib_err_set(err, DIB_EINTERNAL, "内部错误：申请列表的条件不合法");
	char sql[2048] = "SELECT count(*) FROM cases c";
	filter_sql(f, false, sql, sizeof sql);
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, sql, &st, err);
	if (!rc)
		rc = filter_bind(st, f, false, err);
	bool row = false;
	if (!rc)
		rc = store_step(st, &row, err);
	if (!rc)
		*out = row ? store_col_int64(st, 0) : 0;
	store_finalize(st);
	return rc;
}
