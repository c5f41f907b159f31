/*
 * store_standard.c — SQL for the standards table (store_standard.h).
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#include "util/dib.h"
#include "util/time.h"
#include "store/store_standard.h"
#include "store/store_int.h"

static bool six_digits(const char *c)
{
	for (int i = 0; i < REGION_COUNTY_LEN; i++)
		if (c[i] < '0' || c[i] > '9')
			return false;
	return c[REGION_COUNTY_LEN] == '\0';
}

static dib_code check_standard(const store_standard *st, dib_err *err)
{
	if (!six_digits(st->county))
		return dib_err_set(err, DIB_EINVAL,
				   "县级区划代码 \"%.8s\" 应为 6 位数字",
				   st->county);
	if (!st->program || !*st->program || !st->unit || !*st->unit)
		return dib_err_set(err, DIB_EINVAL, "保障标准缺少项目或计发单位");
	if (!date_valid(st->effective_from))
		return dib_err_set(err, DIB_EINVAL,
				   "保障标准 \"%s\" 的生效日期不正确", st->program);
	if (st->decided_on.year != 0 && !date_valid(st->decided_on))
		return dib_err_set(err, DIB_EINVAL,
				   "保障标准 \"%s\" 的决定日期不正确", st->program);
	if (st->amount_fen < 0)
		return dib_err_set(err, DIB_EINVAL,
				   "保障标准 \"%s\" 的金额不能为负数", st->program);
	return DIB_OK;
}

dib_code store_standard_insert(struct store *s, const store_standard *st,
			       dib_err *err)
{
	dib_code rc = check_standard(st, err);
	if (rc)
		return rc;
	char from[DIB_DATE_STR], decided[DIB_DATE_STR], at[DIB_TIME_UTC_SIZE];
	date_format(st->effective_from, from);
	if (st->decided_on.year)
		date_format(st->decided_on, decided);
	dib_time_now_utc(at, sizeof at);

	dib_err e;
	dib_err_clear(&e);
	struct store_stmt *q = NULL;
	rc = store_prepare(s, "INSERT INTO standards (county, program, "
			      "effective_from, amount_fen, unit, decided_on, "
			      "document, created_at) "
			      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", &q, &e);
	bool row;
	if (!rc && !(rc = store_bind_text(q, 1, st->county, -1, &e)) &&
	    !(rc = store_bind_text(q, 2, st->program, -1, &e)) &&
	    !(rc = store_bind_text(q, 3, from, -1, &e)) &&
	    !(rc = store_bind_int64(q, 4, st->amount_fen, &e)) &&
	    !(rc = store_bind_text(q, 5, st->unit, -1, &e)) &&
	    !(rc = store_bind_text(q, 6, st->decided_on.year ? decided : NULL,
				   -1, &e)) &&
	    !(rc = store_bind_text(q, 7, st->document, -1, &e)) &&
	    !(rc = store_bind_text(q, 8, at, -1, &e)))
		rc = store_step(q, &row, &e);
	store_finalize(q);
	if (rc)
		return store__error_about(err, &e, "保障标准 (%s %s %s 起)",
					  st->county, st->program, from);
	return DIB_OK;
}

#define STANDARD_SELECT \
	"SELECT county, program, effective_from, amount_fen, unit, " \
	"decided_on, document, created_at FROM standards "

static dib_code read_date(struct store_stmt *q, int col, dib_date *out,
			  dib_err *err)
{
	const char *v = store_col_text(q, col);
	if (!v) {
		*out = (dib_date){0, 0, 0};
		return DIB_OK;
	}
	dib_err e;
	dib_err_clear(&e);
	if (date_parse(v, strlen(v), out, &e))
		return dib_err_set(err, DIB_EDB, "保障标准表中的日期 \"%s\" 不正确",
				   v);
	return DIB_OK;
}

static dib_code read_standard(struct store_stmt *q, dib_arena *a,
			      store_standard *out, dib_err *err)
{
	store_standard r;
	dib_code rc;
	store__col_char(q, 0, r.county, sizeof r.county);
	r.amount_fen = store_col_int64(q, 3);
	if ((rc = store__col_dup(q, 1, a, &r.program, err)) ||
	    (rc = read_date(q, 2, &r.effective_from, err)) ||
	    (rc = store__col_dup(q, 4, a, &r.unit, err)) ||
	    (rc = read_date(q, 5, &r.decided_on, err)) ||
	    (rc = store__col_dup(q, 6, a, &r.document, err)) ||
	    (rc = store__col_dup(q, 7, a, &r.created_at, err)))
		return rc;
	*out = r;
	return DIB_OK;
}

dib_code store_standard_in_force(struct store *s, const char *county,
				 const char *program, dib_date on,
				 dib_arena *a, store_standard *out,
				 dib_err *err)
{
	char d[DIB_DATE_STR];
	date_format(on, d);
	struct store_stmt *q = NULL;
	dib_code rc = store_prepare(s, STANDARD_SELECT
		"WHERE county = $1 AND program = $2 AND effective_from <= $3 "
		"ORDER BY effective_from DESC LIMIT 1", &q, err);
	if (rc)
		return rc;
	bool row = false;
	if (!(rc = store_bind_text(q, 1, county, -1, err)) &&
	    !(rc = store_bind_text(q, 2, program, -1, err)) &&
	    !(rc = store_bind_text(q, 3, d, -1, err)) &&
	    !(rc = store_step(q, &row, err))) {
		if (row)
			rc = read_standard(q, a, out, err);
		else
			rc = dib_err_set(err, DIB_ENOTFOUND,
					 "县 \"%s\" 的 \"%s\" 在 %s 没有生效的保障标准",
					 county, program, d);
	}
	store_finalize(q);
	return rc;
}

static dib_code read_standard_any(struct store_stmt *q, dib_arena *a, void *out,
				  dib_err *err)
{
	return read_standard(q, a, out, err);
}

dib_code store_standard_history(struct store *s, const char *county,
				const char *program, dib_arena *a,
				store_standard **out, size_t *n, dib_err *err)
{
	struct store_stmt *q = NULL;
	dib_code rc = store_prepare(s, program ?
		STANDARD_SELECT "WHERE county = $1 AND program = $2 "
				"ORDER BY effective_from" :
		STANDARD_SELECT "WHERE county = $1 "
				"ORDER BY program, effective_from", &q, err);
	if (rc)
		return rc;
	rc = store_bind_text(q, 1, county, -1, err);
	if (!rc && program)
		rc = store_bind_text(q, 2, program, -1, err);
	void *rows = NULL;
	if (!rc)
		rc = store__collect(q, sizeof(store_standard), read_standard_any, a, &rows, n, err);
	store_finalize(q);
	if (!rc)
		*out = rows;
	return rc;
}
