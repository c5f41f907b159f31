/*
 * store_audit.c — appending to audit_log and checking its hash chain
 * (store_audit.h).
 *
 * The canonical encoding hashed for a row (never change it: every stored
 * hash depends on it; a new encoding needs a new tag and a way to tell old
 * rows from new):
 *   "dibao.audit.v1"                      the tag, fixed, not prefixed
 *   then for each of prev_hash, id (decimal text), county, at, actor,
 *   action, entity, entity_id, before_json, after_json, reason:
 *     0x00                                 the field is NULL, or
 *     0x01, length (8 bytes, big-endian), the UTF-8 bytes
 * Length prefixes keep field boundaries unambiguous ("ab","c" ≠ "a","bc")
 * and the marker byte keeps NULL apart from "".
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#include "util/dib.h"
#include "util/digest.h"
#include "util/time.h"
#include "store/store_audit.h"
#include "store/store_int.h"

#include <inttypes.h>

#define AUDIT_TAG "dibao.audit.v1"
#define AUDIT_ZERO_HASH \
	"0000000000000000000000000000000000000000000000000000000000000000"
/* The key of the PostgreSQL advisory lock that serialises appends:
 * "dibaudit" as a big-endian int64. Only this module takes it. */
#define AUDIT_PG_LOCK "7235422447068277108"
/* Rows per page when verifying: a bounded PostgreSQL result each time. */
#define AUDIT_PAGE 1000
#define AUDIT_STR_(x) #x
#define AUDIT_STR(x) AUDIT_STR_(x)

/* The row's text fields in hashing order after prev_hash and id. */
enum { AUDIT_NTEXT = 9 };
/* Columns as selected by verify: id, the nine texts, prev_hash, hash. */
#define AUDIT_COLS "id, county, at, actor, action, entity, entity_id, " \
		   "before_json, after_json, reason, prev_hash, hash"

/* The hash of one row: prev (may be NULL when the column is), the id, and
 * the nine text fields (each may be NULL). */
static void audit_hash(const char *prev, int64_t id,
		       const char *const text[AUDIT_NTEXT],
		       char out[DIB_BLAKE2B_HEX_SIZE])
{
	char idtext[24];
	snprintf(idtext, sizeof idtext, "%" PRId64, id);
	const char *field[2 + AUDIT_NTEXT] = { prev, idtext };
	for (int i = 0; i < AUDIT_NTEXT; i++)
		field[2 + i] = text[i];

	unsigned char head[DIB_ARRAY_LEN(field)][9];
	dib_bytes parts[1 + 2 * DIB_ARRAY_LEN(field)];
	size_t n = 0;
	parts[n++] = (dib_bytes){ AUDIT_TAG, sizeof AUDIT_TAG - 1 };
	for (size_t i = 0; i < DIB_ARRAY_LEN(field); i++) {
		if (!field[i]) {
			head[i][0] = 0;
			parts[n++] = (dib_bytes){ head[i], 1 };
			continue;
		}
		uint64_t len = strlen(field[i]);
		head[i][0] = 1;
		for (int b = 0; b < 8; b++)
			head[i][1 + b] = (unsigned char)(len >> (56 - 8 * b));
		parts[n++] = (dib_bytes){ head[i], 9 };
		parts[n++] = (dib_bytes){ field[i], (size_t)len };
	}
	dib_blake2b_hex(parts, n, out);
}

/* The hash of the row with the highest id into out (AUDIT_ZERO_HASH when
 * the log is empty; also when that row has no hash, which verify reports). */
static dib_code audit_last_hash(struct store *s, char out[DIB_BLAKE2B_HEX_SIZE],
				dib_err *err)
{
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, "SELECT hash FROM audit_log "
				       "ORDER BY id DESC LIMIT 1", &st, err);
	if (rc)
		return rc;
	bool row = false;
	rc = store_step(st, &row, err);
	const char *h = !rc && row ? store_col_text(st, 0) : NULL;
	snprintf(out, DIB_BLAKE2B_HEX_SIZE, "%s", h ? h : AUDIT_ZERO_HASH);
	while (!rc && row)
		rc = store_step(st, &row, err);
	store_finalize(st);
	return rc;
}

dib_code store_audit_append(struct store *s, const store_audit_entry *e,
			    int64_t *id, dib_err *err)
{
	if (!e->county || !e->actor || !e->action || !e->entity)
		return dib_err_set(err, DIB_EINTERNAL,
				   "数据库接口使用有误: 审计记录缺少必填项");
	if (!store_in_tx(s))
		return dib_err_set(err, DIB_EINTERNAL,
				   "数据库接口使用有误: 审计记录必须在事务内写入");
	/* Serialise appenders before reading the last row, or two could
	 * chain to the same row. READ COMMITTED: the SELECT after the lock
	 * sees the row the previous holder committed. */
	dib_code rc = DIB_OK;
	if (store_engine(s) == STORE_PG)
		rc = store_exec(s, "SELECT pg_advisory_xact_lock(" AUDIT_PG_LOCK
				   ")", err);
	int64_t new_id = 0;
	if (!rc)
		rc = store_ids_reserve(s, "audit", 1, &new_id, err);
	char prev[DIB_BLAKE2B_HEX_SIZE];
	if (!rc)
		rc = audit_last_hash(s, prev, err);
	if (rc)
		return rc;

	char at[DIB_TIME_UTC_SIZE];
	dib_time_now_utc(at, sizeof at);
	const char *text[AUDIT_NTEXT] = {
		e->county, at, e->actor, e->action, e->entity, e->entity_id,
		e->before_json, e->after_json, e->reason,
	};
	char hash[DIB_BLAKE2B_HEX_SIZE];
	audit_hash(prev, new_id, text, hash);

	struct store_stmt *st = NULL;
	rc = store_prepare(s, "INSERT INTO audit_log (" AUDIT_COLS ") VALUES "
			      "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
			      "$12)", &st, err);
	if (rc)
		return rc;
	bool row;
	rc = store_bind_int64(st, 1, new_id, err);
	for (int i = 0; !rc && i < AUDIT_NTEXT; i++)
		rc = store_bind_text(st, i + 2, text[i], -1, err);
	if (!rc)
		rc = store_bind_text(st, 11, prev, -1, err);
	if (!rc)
		rc = store_bind_text(st, 12, hash, -1, err);
	if (!rc)
		rc = store_step(st, &row, err);
	store_finalize(st);
	if (!rc && id)
		*id = new_id;
	return rc;
}

/* Checks the current row of st against the previous row's hash (expect);
 * returns the fault, STORE_AUDIT_INTACT when the row holds. */
static enum store_audit_fault audit_check_row(struct store_stmt *st,
					      const char *expect)
{
	const char *text[AUDIT_NTEXT];
	for (int i = 0; i < AUDIT_NTEXT; i++)
		text[i] = store_col_text(st, 1 + i);
	const char *prev = store_col_text(st, 10);
	const char *hash = store_col_text(st, 11);
	if (!prev || !hash)
		return STORE_AUDIT_UNHASHED;
	char want[DIB_BLAKE2B_HEX_SIZE];
	audit_hash(prev, store_col_int64(st, 0), text, want);
	/* Content first: a changed prev_hash is a change to the row. */
	if (strcmp(want, hash) != 0)
		return STORE_AUDIT_ALTERED;
	if (strcmp(prev, expect) != 0)
		return STORE_AUDIT_UNLINKED;
	return STORE_AUDIT_INTACT;
}

dib_code store_audit_verify(struct store *s, dib_arena *a,
			    store_audit_check *out, dib_err *err)
{
	store_audit_check r;
	memset(&r, 0, sizeof r);
	char expect[DIB_BLAKE2B_HEX_SIZE] = AUDIT_ZERO_HASH;
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, "SELECT " AUDIT_COLS " FROM audit_log "
				       "WHERE id > $1 ORDER BY id LIMIT "
				       AUDIT_STR(AUDIT_PAGE), &st, err);
	if (rc)
		return rc;
	int64_t after = INT64_MIN;
	for (;;) {
		store_reset(st);
		if ((rc = store_bind_int64(st, 1, after, err)))
			goto out;
		int64_t in_page = 0;
		bool row = false;
		while (!(rc = store_step(st, &row, err)) && row) {
			in_page++;
			after = store_col_int64(st, 0);
			enum store_audit_fault f = audit_check_row(st, expect);
			if (f != STORE_AUDIT_INTACT) {
				r.fault = f;
				r.seq = r.verified + 1;
				r.id = after;
				if ((rc = store__col_dup(st, 2, a, &r.at, err)) ||
				    (rc = store__col_dup(st, 4, a, &r.action, err)))
					goto out;
				goto done;
			}
			snprintf(expect, sizeof expect, "%s",
				 store_col_text(st, 11));
			r.verified++;
		}
		if (rc)
			goto out;
		if (in_page < AUDIT_PAGE)
			break;
	}
done:
	snprintf(r.last_hash, sizeof r.last_hash, "%s",
		 r.verified ? expect : "");
	*out = r;
out:
	store_finalize(st);
	return rc;
}

/* The query's columns, in store_audit_row order after id. */
#define AUDIT_QUERY_COLS "id, at, actor, action, entity, entity_id, reason, " \
			 "before_json, after_json"
enum { AUDIT_QUERY_NTEXT = 8, AUDIT_QUERY_MAXP = 8 };

/* The WHERE under construction: SQL text from fixed fragments only, and
 * the values bound to its $k. */
struct audit_where {
	char sql[1024];
	const char *val[AUDIT_QUERY_MAXP];
	int n;
};

/* Appends " AND <lhs> $k<rhs>" (lhs and rhs are literals here, never
 * request text) and remembers v as $k. */
static void audit_and(struct audit_where *w, const char *lhs, const char *rhs,
		      const char *v)
{
	size_t len = strlen(w->sql);
	w->val[w->n++] = v;
	snprintf(w->sql + len, sizeof w->sql - len, " AND %s $%d%s", lhs, w->n,
		 rhs);
}

static bool audit_given(const char *v)
{
	return v && *v;
}

dib_code store_audit_query(struct store *s, const store_audit_filter *f,
			   dib_arena *a, store_audit_row **rows, size_t *n,
			   bool *more, dib_err *err)
{
	if (f->limit < 1 || f->limit > 1000)
		return dib_err_set(err, DIB_EINTERNAL,
				   "数据库接口使用有误: 审计查询条数 %d 超出范围",
				   f->limit);
	const char *prefix = f->county_prefix ? f->county_prefix : "";
	char like[16];
	snprintf(like, sizeof like, "%.6s%%", prefix);
	char to_end[24] = "", before[24] = "";
	struct audit_where w = { .sql = "", .n = 0 };
	/* The scope clause first; the county-less rows join it with OR. */
	audit_and(&w, "(county LIKE", f->countyless ? " OR county = '')" : ")",
		  like);
	if (audit_given(f->actor))
		audit_and(&w, "actor =", "", f->actor);
	if (audit_given(f->entity))
		audit_and(&w, "entity =", "", f->entity);
	if (audit_given(f->action))
		audit_and(&w, "action =", "", f->action);
	/* at is "YYYY-MM-DDTHH:MM:SSZ": the bare date sorts before every
	 * time of its day, and "T23:59:59Z" after none of them. */
	if (audit_given(f->from))
		audit_and(&w, "at >=", "", f->from);
	if (audit_given(f->to)) {
		snprintf(to_end, sizeof to_end, "%.10sT23:59:59Z", f->to);
		audit_and(&w, "at <=", "", to_end);
	}
	/* The id as text would compare as text on PostgreSQL: cast. */
	if (f->before_id > 0) {
		snprintf(before, sizeof before, "%" PRId64, f->before_id);
		audit_and(&w, "id < CAST(", " AS BIGINT)", before);
	}
	char sql[1400];
	/* one row past the page says whether there is a next one */
	snprintf(sql, sizeof sql, "SELECT " AUDIT_QUERY_COLS " FROM audit_log "
		 "WHERE 1 = 1%s ORDER BY id DESC LIMIT %d", w.sql, f->limit + 1);

	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, sql, &st, err);
	if (rc)
		return rc;
	for (int i = 0; !rc && i < w.n; i++)
		rc = store_bind_text(st, i + 1, w.val[i], -1, err);
	store_audit_row *out = NULL;
	size_t got = 0;
	bool row = false, extra = false;
	if (!rc) {
		out = dib_arena_calloc(a, sizeof *out * (size_t)f->limit);
		if (!out)
			rc = dib_err_nomem(err);
	}
	while (!rc && !(rc = store_step(st, &row, err)) && row) {
		if (got == (size_t)f->limit) {
			extra = true;
			continue; /* drain the statement */
		}
		store_audit_row *r = &out[got++];
		r->id = store_col_int64(st, 0);
		const char **text[AUDIT_QUERY_NTEXT] = {
			&r->at, &r->actor, &r->action, &r->entity,
			&r->entity_id, &r->reason, &r->before_json,
			&r->after_json,
		};
		for (int i = 0; !rc && i < AUDIT_QUERY_NTEXT; i++)
			rc = store__col_dup(st, 1 + i, a, text[i], err);
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
