/*
 * holidays.c — loading the State Council's holiday schedule from a CSV file
 * (date,kind,name) into the database, validated by core/calendar first so a
 * bad file changes nothing; and reading the calendar back.
 * Thread-safety: one call per store connection at a time; no shared state.
 */
#include "util/dib.h"
#include "util/csv.h"
#include "core/calendar.h"
#include "core/codes.h"
#include "store/store_audit.h"
#include "store/store_calendar.h"
#include "svc/holidays.h"

#include <jansson.h>

#define HOLIDAYS_MAX_DAYS 4096

struct day_buf {
	store_calendar_day days[HOLIDAYS_MAX_DAYS];
	char names[HOLIDAYS_MAX_DAYS][64];
	size_t n;
};

static bool kind_parse(const char *p, size_t n, enum calendar_kind *out)
{
	static const struct { const char *name; enum calendar_kind kind; } k[] = {
		{ "holiday", CALENDAR_HOLIDAY }, { "放假", CALENDAR_HOLIDAY }, { "休", CALENDAR_HOLIDAY },
		{ "workday", CALENDAR_WORKDAY }, { "上班", CALENDAR_WORKDAY }, { "班", CALENDAR_WORKDAY },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(k); i++)
		if (strlen(k[i].name) == n && !memcmp(k[i].name, p, n)) {
			*out = k[i].kind;
			return true;
		}
	return false;
}

/* Reads and checks the file into b: header date,kind,name; every row valid. */
static dib_code read_file(const char *path, struct day_buf *b, dib_err *err)
{
	dib_csv *r;
	dib_code rc = dib_csv_open(path, 0, &r, err);
	if (rc)
		return rc;
	const dib_csv_field *f;
	size_t nf;
	bool eof;
	rc = dib_csv_read(r, &f, &nf, &eof, err);
	if (!rc && (eof || nf < 2 || f[0].len != 4 || memcmp(f[0].ptr, "date", 4)))
		rc = dib_err_set(err, DIB_EINVAL, "文件 \"%s\" 第 1 行应为表头 date,kind,name", path);
	while (!rc) {
		rc = dib_csv_read(r, &f, &nf, &eof, err);
		if (rc || eof)
			break;
		size_t row = dib_csv_record_no(r);
		if (nf == 1 && f[0].len == 0)
			continue;
		if (nf < 2) {
			rc = dib_err_set(err, DIB_EINVAL, "第 %zu 行: 至少需要 date,kind 两列", row);
			break;
		}
		if (b->n == HOLIDAYS_MAX_DAYS) {
			rc = dib_err_set(err, DIB_ETOOBIG, "第 %zu 行: 文件中的日期过多", row);
			break;
		}
		store_calendar_day *d = &b->days[b->n];
		dib_err e;
		dib_err_clear(&e);
		const char *p = f[0].ptr;
		size_t n = f[0].len;
		codes_trim(&p, &n);
		if (date_parse(p, n, &d->date, &e)) {
			rc = dib_err_set(err, DIB_EINVAL, "第 %zu 行: %s", row, e.msg);
			break;
		}
		p = f[1].ptr;
		n = f[1].len;
		codes_trim(&p, &n);
		if (!kind_parse(p, n, &d->kind)) {
			char q[DIB_QUOTE_MAX];
			rc = dib_err_set(err, DIB_EINVAL,
					 "第 %zu 行: 类型 \"%s\" 不正确，可填: holiday (放假)、workday (上班)",
					 row, dib_err_quote(p, n, q, sizeof q));
			break;
		}
		p = nf > 2 ? f[2].ptr : "";
		n = nf > 2 ? f[2].len : 0;
		codes_trim(&p, &n);
		if (!n || n >= sizeof b->names[0]) {
			rc = dib_err_set(err, DIB_EINVAL, n ? "第 %zu 行: 名称过长"
							  : "第 %zu 行: 缺少名称 (如 春节、国庆节调休上班)",
					 row);
			break;
		}
		memcpy(b->names[b->n], p, n);
		b->names[b->n][n] = '\0';
		d->name = b->names[b->n];
		b->n++;
	}
	dib_csv_close(r);
	return rc;
}

static int cmp_day(const void *a, const void *b)
{
	return date_cmp(((const store_calendar_day *)a)->date,
			((const store_calendar_day *)b)->date);
}

dib_code holidays_load_file(struct store *s, const char *path, const char *actor,
			    struct holidays_result *r, dib_err *err)
{
	memset(r, 0, sizeof *r);
	struct day_buf *b = calloc(1, sizeof *b);
	calendar *check = calendar_new();
	calendar_entry *ents = malloc(HOLIDAYS_MAX_DAYS * sizeof *ents);
	dib_code rc = b && check && ents ? read_file(path, b, err) : dib_err_nomem(err);
	if (!rc && !b->n)
		rc = dib_err_set(err, DIB_EINVAL, "文件 \"%s\" 中没有日期", path);
	if (rc)
		goto out;
	qsort(b->days, b->n, sizeof b->days[0], cmp_day);
	/* Years in order; each validated by the core calendar before any write. */
	for (size_t i = 0; i < b->n;) {
		int year = b->days[i].date.year;
		size_t k = 0;
		while (i + k < b->n && b->days[i + k].date.year == year) {
			ents[k].date = b->days[i + k].date;
			ents[k].kind = b->days[i + k].kind;
			k++;
		}
		if (r->nyears == HOLIDAYS_MAX_YEARS) {
			rc = dib_err_set(err, DIB_ETOOBIG, "一个文件最多包含 %d 个年度",
					 HOLIDAYS_MAX_YEARS);
			goto out;
		}
		rc = calendar_add_year(check, year, ents, k, err);
		if (rc)
			goto out;
		r->years[r->nyears++] = year;
		i += k;
	}
	rc = store_begin(s, err);
	size_t i = 0;
	for (int y = 0; !rc && y < r->nyears; y++) {
		size_t k = 0;
		while (i + k < b->n && b->days[i + k].date.year == r->years[y])
			k++;
		rc = store_calendar_replace_year(s, r->years[y], b->days + i, k, path, err);
		i += k;
	}
	if (!rc) {
		json_t *years = json_array();
		for (int y = 0; y < r->nyears; y++)
			json_array_append_new(years, json_integer(r->years[y]));
		json_t *o = json_pack("{s:s?, s:o, s:I}", "file", path, "years", years,
				      "days", (json_int_t)b->n);
		char *after = o ? json_dumps(o, JSON_COMPACT) : NULL;
		json_decref(o);
		store_audit_entry a = {
			.county = "",
			.actor = actor,
			.action = "calendar.load",
			.entity = "calendar",
			.after_json = after,
		};
		rc = after ? store_audit_append(s, &a, NULL, err) : dib_err_nomem(err);
		free(after);
	}
	if (!rc)
		rc = store_commit(s, err);
	if (rc) {
		store_rollback(s);
		r->nyears = 0;
	} else {
		r->days = (int)b->n;
	}
out:
	free(ents);
	calendar_free(check);
	free(b);
	return rc;
}

dib_code holidays_calendar(struct store *s, calendar **out, dib_err *err)
{
	return store_calendar_load(s, out, err);
}
