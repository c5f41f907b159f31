/*
 * store_calendar.c — SQL for calendar_years and calendar_days
 * (store_calendar.h).
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#include "util/dib.h"
#include "util/time.h"
#include "store/store_calendar.h"
#include "store/store_int.h"

static const char *kind_text(enum calendar_kind k)
{
	switch (k) {
	case CALENDAR_HOLIDAY:
		return "holiday";
	case CALENDAR_WORKDAY:
		return "workday";
	}
	return NULL;
}

/* Growable heap arrays for the load: a few hundred rows, read once. */
struct int_vec {
	int *v;
	size_t n, cap;
};

struct entry_vec {
	calendar_entry *v;
	size_t n, cap;
};

static bool grow(void **p, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return true;
	size_t ncap = *cap ? *cap * 2 : 64;
	void *q = realloc(*p, ncap * size);
	if (!q)
		return false;
	*p = q;
	*cap = ncap;
	return true;
}

static dib_code read_years(struct store *s, struct int_vec *years,
			   dib_err *err)
{
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, "SELECT year FROM calendar_years "
				       "ORDER BY year", &st, err);
	bool row = false;
	while (!rc && !(rc = store_step(st, &row, err)) && row) {
		if (!grow((void **)&years->v, &years->cap, years->n,
			  sizeof *years->v)) {
			rc = dib_err_nomem(err);
			break;
		}
		years->v[years->n++] = (int)store_col_int64(st, 0);
	}
	store_finalize(st);
	return rc;
}

static dib_code read_days(struct store *s, struct entry_vec *days,
			  dib_err *err)
{
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, "SELECT day, kind FROM calendar_days "
				       "ORDER BY day", &st, err);
	bool row = false;
	while (!rc && !(rc = store_step(st, &row, err)) && row) {
		const char *day = store_col_text(st, 0);
		const char *kind = store_col_text(st, 1);
		calendar_entry e;
		dib_err perr;
		dib_err_clear(&perr);
		if (!day || date_parse(day, strlen(day), &e.date, &perr) ||
		    !kind ||
		    (strcmp(kind, "holiday") != 0 && strcmp(kind, "workday") != 0)) {
			rc = dib_err_set(err, DIB_EDB,
					 "节假日表中的记录 \"%s\" 不正确",
					 day ? day : "NULL");
			break;
		}
		e.kind = kind[0] == 'h' ? CALENDAR_HOLIDAY : CALENDAR_WORKDAY;
		if (!grow((void **)&days->v, &days->cap, days->n,
			  sizeof *days->v)) {
			rc = dib_err_nomem(err);
			break;
		}
		days->v[days->n++] = e;
	}
	store_finalize(st);
	return rc;
}

dib_code store_calendar_load(struct store *s, calendar **out, dib_err *err)
{
	struct int_vec years = {0};
	struct entry_vec days = {0};
	calendar *c = NULL;
	dib_code rc;
	if ((rc = read_years(s, &years, err)) || (rc = read_days(s, &days, err)))
		goto out;
	c = calendar_new();
	if (!c) {
		rc = dib_err_nomem(err);
		goto out;
	}
	/* Both lists are sorted: walk the days once, a year at a time. */
	size_t d = 0;
	for (size_t y = 0; y < years.n && !rc; y++) {
		int year = years.v[y];
		while (d < days.n && days.v[d].date.year < year)
			d++; /* a day of a year not loaded: ignored */
		size_t first = d;
		while (d < days.n && days.v[d].date.year == year)
			d++;
		rc = calendar_add_year(c, year, days.v + first, d - first, err);
	}
out:
	free(years.v);
	free(days.v);
	if (rc) {
		calendar_free(c);
		return rc;
	}
	*out = c;
	return DIB_OK;
}

static dib_code check_days(int year, const store_calendar_day *days, size_t n,
			   dib_err *err)
{
	for (size_t i = 0; i < n; i++) {
		char d[DIB_DATE_STR];
		if (!date_valid(days[i].date) || days[i].date.year != year)
			return dib_err_set(err, DIB_EINVAL,
					   "日期 %s 不在 %d 年内",
					   date_valid(days[i].date) ?
					   date_format(days[i].date, d) : "(无效)",
					   year);
		if (!kind_text(days[i].kind) || !days[i].name || !*days[i].name)
			return dib_err_set(err, DIB_EINVAL,
					   "节假日 %s 的类别或名称不正确",
					   date_format(days[i].date, d));
	}
	return DIB_OK;
}

static dib_code exec_year(struct store *s, const char *sql, int year,
			  const char *a, const char *b, dib_err *err)
{
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, sql, &st, err);
	if (rc)
		return rc;
	bool row;
	if (a) {
		if (!(rc = store_bind_text(st, 1, a, -1, err)))
			rc = store_bind_text(st, 2, b, -1, err);
	} else {
		rc = store_bind_int64(st, 1, year, err);
	}
	if (!rc)
		rc = store_step(st, &row, err);
	store_finalize(st);
	return rc;
}

static dib_code insert_days(struct store *s, const store_calendar_day *days,
			    size_t n, dib_err *err)
{
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, "INSERT INTO calendar_days (day, kind, "
				       "name) VALUES ($1, $2, $3)", &st, err);
	for (size_t i = 0; i < n && !rc; i++) {
		char d[DIB_DATE_STR];
		bool row;
		dib_err e;
		dib_err_clear(&e);
		date_format(days[i].date, d);
		store_reset(st);
		if (!(rc = store_bind_text(st, 1, d, -1, &e)) &&
		    !(rc = store_bind_text(st, 2, kind_text(days[i].kind), -1,
					   &e)) &&
		    !(rc = store_bind_text(st, 3, days[i].name, -1, &e)))
			rc = store_step(st, &row, &e);
		if (rc)
			store__error_about(err, &e, "节假日 %s", d);
	}
	store_finalize(st);
	return rc;
}

dib_code store_calendar_replace_year(struct store *s, int year,
				     const store_calendar_day *days, size_t n,
				     const char *source, dib_err *err)
{
	if (!store_in_tx(s))
		return dib_err_set(err, DIB_EINTERNAL,
				   "数据库接口使用有误: 节假日表必须在事务内写入");
	if (year < 1000 || year > 9999)
		return dib_err_set(err, DIB_EINVAL, "年份 %d 不正确", year);
	if (!source || !*source)
		return dib_err_set(err, DIB_EINVAL, "%d 年节假日安排缺少来源",
				   year);
	dib_code rc = check_days(year, days, n, err);
	if (rc)
		return rc;
	char from[DIB_DATE_STR], to[DIB_DATE_STR], at[DIB_TIME_UTC_SIZE];
	snprintf(from, sizeof from, "%04d-01-01", year);
	snprintf(to, sizeof to, "%04d-12-31", year);
	dib_time_now_utc(at, sizeof at);
	if ((rc = exec_year(s, "DELETE FROM calendar_days "
			       "WHERE day >= $1 AND day <= $2", year, from, to,
			    err)) ||
	    (rc = exec_year(s, "DELETE FROM calendar_years WHERE year = $1",
			    year, NULL, NULL, err)) ||
	    (rc = insert_days(s, days, n, err)))
		return rc;
	struct store_stmt *st = NULL;
	rc = store_prepare(s, "INSERT INTO calendar_years (year, source, "
			      "loaded_at) VALUES ($1, $2, $3)", &st, err);
	bool row;
	if (!rc && !(rc = store_bind_int64(st, 1, year, err)) &&
	    !(rc = store_bind_text(st, 2, source, -1, err)) &&
	    !(rc = store_bind_text(st, 3, at, -1, err)))
		rc = store_step(st, &row, err);
	store_finalize(st);
	return rc;
}
