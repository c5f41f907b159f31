/*
 * store_params.c — SQL for parameters, programs and the standards service's
 * extra needs (store_params.h). The standards' rows are read here with the
 * same columns as store_standard.c reads them.
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#include "util/dib.h"
#include "util/time.h"
#include "store/store_params.h"
#include "store/store_int.h"

static bool digits(const char *c, size_t n)
{
	if (!c || strlen(c) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (c[i] < '0' || c[i] > '9')
			return false;
	return true;
}

/* A DATE column into *out; year 0 for NULL. */
static dib_code read_date(struct store_stmt *q, int col, const char *what,
			  dib_date *out, dib_err *err)
{
	const char *v = store_col_text(q, col);
	if (!v) {
		*out = (dib_date){ 0, 0, 0 };
		return DIB_OK;
	}
	dib_err e;
	dib_err_clear(&e);
	if (date_parse(v, strlen(v), out, &e))
		return dib_err_set(err, DIB_EDB, "%s表中的日期 \"%s\" 不正确", what, v);
	return DIB_OK;
}

/* ---- parameters ---- */

dib_code store_param_insert(struct store *s, const store_param *p, dib_err *err)
{
	if (!digits(p->scope, REGION_LEN))
		return dib_err_set(err, DIB_EINVAL, "参数的区划代码 \"%.12s\" 应为 12 位数字",
				   p->scope);
	if (!p->key || !*p->key || !p->value || !p->created_by || !*p->created_by)
		return dib_err_set(err, DIB_EINVAL, "参数缺少名称、取值或设置人");
	if (!date_valid(p->effective_from) ||
	    (p->decided_on.year != 0 && !date_valid(p->decided_on)))
		return dib_err_set(err, DIB_EINVAL, "参数 \"%s\" 的日期不正确", p->key);
	if (p->revision < 0)
		return dib_err_set(err, DIB_EINVAL, "参数 \"%s\" 的修订号不正确", p->key);
	char from[DIB_DATE_STR], decided[DIB_DATE_STR], at[DIB_TIME_UTC_SIZE];
	date_format(p->effective_from, from);
	if (p->decided_on.year)
		date_format(p->decided_on, decided);
	dib_time_now_utc(at, sizeof at);

	dib_err e;
	dib_err_clear(&e);
	struct store_stmt *q = NULL;
	dib_code rc = store_prepare(s, "INSERT INTO params (scope, key, effective_from, "
				       "revision, value, decided_on, document, reason, "
				       "created_at, created_by) "
				       "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
				    &q, &e);
	bool row;
	if (!rc && !(rc = store_bind_text(q, 1, p->scope, -1, &e)) &&
	    !(rc = store_bind_text(q, 2, p->key, -1, &e)) &&
	    !(rc = store_bind_text(q, 3, from, -1, &e)) &&
	    !(rc = store_bind_int64(q, 4, p->revision, &e)) &&
	    !(rc = store_bind_text(q, 5, p->value, -1, &e)) &&
	    !(rc = store_bind_text(q, 6, p->decided_on.year ? decided : NULL, -1, &e)) &&
	    !(rc = store_bind_text(q, 7, p->document, -1, &e)) &&
	    !(rc = store_bind_text(q, 8, p->reason, -1, &e)) &&
	    !(rc = store_bind_text(q, 9, at, -1, &e)) &&
	    !(rc = store_bind_text(q, 10, p->created_by, -1, &e)))
		rc = store_step(q, &row, &e);
	store_finalize(q);
	if (rc)
		return store__error_about(err, &e, "参数 \"%s\" (%s 自 %s 起)", p->key, p->scope,
					  from);
	return DIB_OK;
}

dib_code store_param_revisions(struct store *s, const char *scope, const char *key,
			       dib_date from, int *n, dib_err *err)
{
	char d[DIB_DATE_STR];
	date_format(from, d);
	const char *params[] = { scope, key, d };
	int64_t v = 0;
	dib_code rc = store_query_int64(s, "SELECT count(*) FROM params WHERE scope = $1 "
					   "AND key = $2 AND effective_from = $3",
					3, params, &v, NULL, err);
	if (!rc)
		*n = (int)v;
	return rc;
}

#define PARAM_SELECT \
	"SELECT scope, key, effective_from, revision, value, decided_on, document, " \
	"reason, created_at, created_by FROM params "

static dib_code read_param(struct store_stmt *q, dib_arena *a, void *out, dib_err *err)
{
	store_param r;
	dib_code rc;
	store__col_char(q, 0, r.scope, sizeof r.scope);
	r.revision = (int)store_col_int64(q, 3);
	if ((rc = store__col_dup(q, 1, a, &r.key, err)) ||
	    (rc = read_date(q, 2, "参数", &r.effective_from, err)) ||
	    (rc = store__col_dup(q, 4, a, &r.value, err)) ||
	    (rc = read_date(q, 5, "参数", &r.decided_on, err)) ||
	    (rc = store__col_dup(q, 6, a, &r.document, err)) ||
	    (rc = store__col_dup(q, 7, a, &r.reason, err)) ||
	    (rc = store__col_dup(q, 8, a, &r.created_at, err)) ||
	    (rc = store__col_dup(q, 9, a, &r.created_by, err)))
		return rc;
	if (!r.key || !r.value)
		return dib_err_set(err, DIB_EDB, "参数表中有缺少名称或取值的记录");
	*(store_param *)out = r;
	return DIB_OK;
}

dib_code store_param_history(struct store *s, const char *scope, const char *key,
			     dib_arena *a, store_param **out, size_t *n, dib_err *err)
{
	struct store_stmt *q = NULL;
	dib_code rc = store_prepare(s, key ?
		PARAM_SELECT "WHERE scope = $1 AND key = $2 "
			     "ORDER BY key, effective_from, revision" :
		PARAM_SELECT "WHERE scope = $1 ORDER BY key, effective_from, revision",
		&q, err);
	if (rc)
		return rc;
	rc = store_bind_text(q, 1, scope, -1, err);
	if (!rc && key)
		rc = store_bind_text(q, 2, key, -1, err);
	void *rows = NULL;
	if (!rc)
		rc = store__collect(q, sizeof(store_param), read_param, a, &rows, n, err);
	store_finalize(q);
	if (!rc)
		*out = rows;
	return rc;
}

dib_code store_param_in_force(struct store *s, const char *const *scopes, size_t nscopes,
			      const char *key, dib_date on, dib_arena *a,
			      store_param **out, size_t *n, dib_err *err)
{
	if (nscopes < 1 || nscopes > 3)
		return dib_err_set(err, DIB_EINTERNAL, "参数查询的区划数不正确");
	char d[DIB_DATE_STR];
	date_format(on, d);
	/* Every row up to the date, newest first within each (key, scope); the
	 * first of each pair is the one in force. Parameters are few (dozens
	 * of keys, a handful of changes a year), so the rest is cheap to skip. */
	struct store_stmt *q = NULL;
	dib_code rc = store_prepare(s, key ?
		PARAM_SELECT "WHERE scope IN ($1, $2, $3) AND effective_from <= $4 AND key = $5 "
			     "ORDER BY key, scope DESC, effective_from DESC, revision DESC" :
		PARAM_SELECT "WHERE scope IN ($1, $2, $3) AND effective_from <= $4 "
			     "ORDER BY key, scope DESC, effective_from DESC, revision DESC",
		&q, err);
	if (rc)
		return rc;
	for (int i = 0; !rc && i < 3; i++)
		rc = store_bind_text(q, i + 1, (size_t)i < nscopes ? scopes[i] : NULL, -1, err);
	if (!rc)
		rc = store_bind_text(q, 4, d, -1, err);
	if (!rc && key)
		rc = store_bind_text(q, 5, key, -1, err);
	void *rows = NULL;
	size_t k = 0;
	if (!rc)
		rc = store__collect(q, sizeof(store_param), read_param, a, &rows, &k, err);
	store_finalize(q);
	if (rc)
		return rc;
	store_param *v = rows;
	size_t m = 0;
	for (size_t i = 0; i < k; i++) {
		if (m && !strcmp(v[m - 1].key, v[i].key) && !strcmp(v[m - 1].scope, v[i].scope))
			continue;
		v[m++] = v[i];
	}
	*out = m ? v : NULL;
	*n = m;
	return DIB_OK;
}

/* ---- programs ---- */

static dib_code read_program(struct store_stmt *q, dib_arena *a, void *out, dib_err *err)
{
	store_program r;
	dib_code rc;
	if ((rc = store__col_dup(q, 0, a, &r.code, err)) ||
	    (rc = store__col_dup(q, 1, a, &r.name, err)) ||
	    (rc = store__col_dup(q, 2, a, &r.unit, err)))
		return rc;
	*(store_program *)out = r;
	return DIB_OK;
}

dib_code store_program_get(struct store *s, const char *code, dib_arena *a,
			   store_program *out, dib_err *err)
{
	struct store_stmt *q = NULL;
	dib_code rc = store_prepare(s, "SELECT code, name, unit FROM programs WHERE code = $1",
				    &q, err);
	if (rc)
		return rc;
	bool row = false;
	if (!(rc = store_bind_text(q, 1, code, -1, err)) && !(rc = store_step(q, &row, err))) {
		if (row) {
			rc = read_program(q, a, out, err);
		} else {
			char qt[DIB_QUOTE_MAX];
			const char *c = code ? code : "";
			rc = dib_err_set(err, DIB_ENOTFOUND, "救助项目 \"%s\" 不存在",
					 dib_err_quote(c, strlen(c), qt, sizeof qt));
		}
	}
	store_finalize(q);
	return rc;
}

dib_code store_program_list(struct store *s, dib_arena *a, store_program **out,
			    size_t *n, dib_err *err)
{
	struct store_stmt *q = NULL;
	dib_code rc = store_prepare(s, "SELECT code, name, unit FROM programs ORDER BY code",
				    &q, err);
	if (rc)
		return rc;
	void *rows = NULL;
	rc = store__collect(q, sizeof(store_program), read_program, a, &rows, n, err);
	store_finalize(q);
	if (!rc)
		*out = rows;
	return rc;
}

/* ---- standards ---- */

#define STANDARD_SELECT \
	"SELECT county, program, effective_from, amount_fen, unit, " \
	"decided_on, document, created_at FROM standards "

static dib_code read_standard(struct store_stmt *q, dib_arena *a, void *out, dib_err *err)
{
	store_standard r;
	dib_code rc;
	store__col_char(q, 0, r.county, sizeof r.county);
	r.amount_fen = store_col_int64(q, 3);
	if ((rc = store__col_dup(q, 1, a, &r.program, err)) ||
	    (rc = read_date(q, 2, "保障标准", &r.effective_from, err)) ||
	    (rc = store__col_dup(q, 4, a, &r.unit, err)) ||
	    (rc = read_date(q, 5, "保障标准", &r.decided_on, err)) ||
	    (rc = store__col_dup(q, 6, a, &r.document, err)) ||
	    (rc = store__col_dup(q, 7, a, &r.created_at, err)))
		return rc;
	*(store_standard *)out = r;
	return DIB_OK;
}

dib_code store_standard_lock(struct store *s, const char *county, const char *program,
			     dib_date from, dib_arena *a, store_standard *out,
			     bool *found, dib_err *err)
{
	char d[DIB_DATE_STR];
	date_format(from, d);
	const char *params[] = { county, program, d };
	struct store_stmt *q = NULL;
	dib_code rc = store_prepare(s, "UPDATE standards SET amount_fen = amount_fen WHERE county = $1 "
			      "AND program = $2 AND effective_from = $3", &q, err);
	bool row = false;
	for (int i = 0; !rc && i < 3; i++)
		rc = store_bind_text(q, i + 1, params[i], -1, err);
	if (!rc)
		rc = store_step(q, &row, err);
	store_finalize(q);
	q = NULL;
	if (!rc)
		rc = store_prepare(s, STANDARD_SELECT "WHERE county = $1 AND program = $2 "
						      "AND effective_from = $3", &q, err);
	for (int i = 0; !rc && i < 3; i++)
		rc = store_bind_text(q, i + 1, params[i], -1, err);
	row = false;
	if (!rc)
		rc = store_step(q, &row, err);
	if (!rc && row)
		rc = read_standard(q, a, out, err);
	store_finalize(q);
	if (!rc)
		*found = row;
	return rc;
}

dib_code store_standard_update(struct store *s, const store_standard *st, dib_err *err)
{
	if (!digits(st->county, REGION_COUNTY_LEN) || !st->program ||
	    !date_valid(st->effective_from) ||
	    (st->decided_on.year != 0 && !date_valid(st->decided_on)) || st->amount_fen < 0)
		return dib_err_set(err, DIB_EINVAL, "保障标准的县、项目、日期或金额不正确");
	char from[DIB_DATE_STR], decided[DIB_DATE_STR];
	date_format(st->effective_from, from);
	if (st->decided_on.year)
		date_format(st->decided_on, decided);
	dib_err e;
	dib_err_clear(&e);
	struct store_stmt *q = NULL;
	dib_code rc = store_prepare(s, "UPDATE standards SET amount_fen = $4, decided_on = $5, "
				       "document = $6 WHERE county = $1 AND program = $2 "
				       "AND effective_from = $3", &q, &e);
	bool row;
	if (!rc && !(rc = store_bind_text(q, 1, st->county, -1, &e)) &&
	    !(rc = store_bind_text(q, 2, st->program, -1, &e)) &&
	    !(rc = store_bind_text(q, 3, from, -1, &e)) &&
	    !(rc = store_bind_int64(q, 4, st->amount_fen, &e)) &&
	    !(rc = store_bind_text(q, 5, st->decided_on.year ? decided : NULL, -1, &e)) &&
	    !(rc = store_bind_text(q, 6, st->document, -1, &e)))
		rc = store_step(q, &row, &e);
	int64_t changed = rc ? 0 : store_changes(q);
	store_finalize(q);
	if (rc)
		return store__error_about(err, &e, "保障标准 (%s %s %s 起)", st->county,
					  st->program, from);
	if (changed != 1)
		return dib_err_set(err, DIB_ENOTFOUND, "县 %s 的 \"%s\" 没有自 %s 起的保障标准",
				   st->county, st->program, from);
	return DIB_OK;
}

dib_code store_standard_list(struct store *s, const char *county_prefix,
			     const char *program, dib_arena *a, store_standard **out,
			     size_t *n, dib_err *err)
{
	const char *p = county_prefix ? county_prefix : "";
	size_t plen = strlen(p);
	if (plen > REGION_COUNTY_LEN || !digits(p, plen))
		return dib_err_set(err, DIB_EINVAL, "县级区划代码前缀应为至多 6 位数字");
	/* digits only, so the pattern holds no wildcard but its own '%' */
	char like[REGION_COUNTY_LEN + 2];
	snprintf(like, sizeof like, "%s%%", p);
	struct store_stmt *q = NULL;
	dib_code rc = store_prepare(s, program ?
		STANDARD_SELECT "WHERE county LIKE $1 AND program = $2 "
				"ORDER BY county, program, effective_from" :
		STANDARD_SELECT "WHERE county LIKE $1 ORDER BY county, program, effective_from",
		&q, err);
	if (rc)
		return rc;
	rc = store_bind_text(q, 1, like, -1, err);
	if (!rc && program)
		rc = store_bind_text(q, 2, program, -1, err);
	void *rows = NULL;
	if (!rc)
		rc = store__collect(q, sizeof(store_standard), read_standard, a, &rows, n, err);
	store_finalize(q);
	if (!rc)
		*out = rows;
	return rc;
}
