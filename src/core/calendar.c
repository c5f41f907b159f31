/*
 * calendar.c — the working-day calendar: which days are 工作日 under the
 * State Council's yearly holiday schedule.
 *
 * Each loaded year is a 366-bit bitmap (bit i set = day-of-year i is a
 * working day) plus its count of working days, kept in one array indexed
 * by year - first. A lookup is an index and a bit test; counting a range
 * pops bytes and skips whole years by their totals, so deadline checks over
 * millions of cases stay cheap. Years between the first and last loaded one
 * that were never loaded stay marked as unknown: the calendar never guesses.
 *
 * Memory: calendar_new makes one allocation; the year array is reallocated
 * only when a year outside the current span is added.
 * Thread-safety: build on one thread, then read-only from any number.
 */
#include "util/dib.h"
#include "core/calendar.h"

#define CAL_YEAR_MIN 1000
#define CAL_YEAR_MAX 9999
#define CAL_BYTES 46 /* 366 bits */

struct cal_year {
	uint8_t work[CAL_BYTES]; /* bit i: day-of-year i is a working day */
	uint16_t total;          /* working days in the year */
	bool loaded;
};

struct calendar {
	int first;              /* year of years[0] */
	int count;              /* years in the span; 0 = nothing loaded */
	struct cal_year *years; /* years[i] is year first + i */
};

calendar *calendar_new(void)
{
	return calloc(1, sizeof(calendar));
}

void calendar_free(calendar *c)
{
	if (!c)
		return;
	free(c->years);
	free(c);
}

static int year_days(int year)
{
	return date_is_leap(year) ? 366 : 365;
}

static int32_t jan1(int year)
{
	dib_date d = {year, 1, 1};

	return date_to_days(d);
}

static int day_of_year(dib_date d)
{
	return (int)(date_to_days(d) - jan1(d.year));
}

static bool bit_get(const uint8_t *b, int i)
{
	return (b[i >> 3] >> (i & 7)) & 1;
}

static void bit_put(uint8_t *b, int i, bool on)
{
	if (on)
		b[i >> 3] |= (uint8_t)(1u << (i & 7));
	else
		b[i >> 3] &= (uint8_t)~(1u << (i & 7));
}

static int popcount8(unsigned v)
{
	v = v - ((v >> 1) & 0x55u);
	v = (v & 0x33u) + ((v >> 2) & 0x33u);
	return (int)((v + (v >> 4)) & 0x0fu);
}

/* Set bits in positions lo..hi inclusive, lo <= hi. */
static int count_range(const uint8_t *b, int lo, int hi)
{
	int lb = lo >> 3, hb = hi >> 3;
	unsigned first = (0xffu << (lo & 7)) & 0xffu;
	unsigned last = 0xffu >> (7 - (hi & 7));
	int n;

	if (lb == hb)
		return popcount8(b[lb] & first & last);
	n = popcount8(b[lb] & first) + popcount8(b[hb] & last);
	for (int i = lb + 1; i < hb; i++)
		n += popcount8(b[i]);
	return n;
}

static const struct cal_year *year_get(const calendar *c, int year)
{
	if (!c || c->count == 0 || year < c->first ||
	    year >= c->first + c->count)
		return NULL;
	const struct cal_year *y = &c->years[year - c->first];
	return y->loaded ? y : NULL;
}

static dib_code missing(dib_err *err, int year)
{
	return dib_err_set(err, DIB_ECALENDAR,
			   "节假日表缺少 %d 年，请先载入该年度放假安排", year);
}

static dib_code bad_date(dib_err *err, dib_date d)
{
	char s[DIB_DATE_STR];

	return dib_err_set(err, DIB_EINVAL, "日期 \"%s\" 不正确",
			   date_format(d, s));
}

/* Checks the whole list before anything is built, so a bad list never
 * leaves half a year behind. */
static dib_code check_entries(int year, const calendar_entry *e, size_t n,
			      dib_err *err)
{
	uint8_t seen[CAL_BYTES] = {0};
	char s[DIB_DATE_STR];

	for (size_t i = 0; i < n; i++) {
		if (!date_valid(e[i].date))
			return dib_err_set(err, DIB_EINVAL,
					   "%d 年放假安排第 %zu 条的日期 \"%s\" 不正确",
					   year, i + 1,
					   date_format(e[i].date, s));
		date_format(e[i].date, s);
		if (e[i].date.year != year)
			return dib_err_set(err, DIB_EINVAL,
					   "%d 年放假安排中出现了其他年份的日期 \"%s\"",
					   year, s);
		if (e[i].kind != CALENDAR_HOLIDAY &&
		    e[i].kind != CALENDAR_WORKDAY)
			return dib_err_set(err, DIB_EINVAL,
					   "%d 年放假安排中日期 \"%s\" 的类别不正确",
					   year, s);
		int doy = day_of_year(e[i].date);
		if (bit_get(seen, doy))
			return dib_err_set(err, DIB_EINVAL,
					   "%d 年放假安排中日期 \"%s\" 重复",
					   year, s);
		bit_put(seen, doy, true);
	}
	return DIB_OK;
}

static void year_build(struct cal_year *y, int year, const calendar_entry *e,
		       size_t n)
{
	int days = year_days(year);
	int wd = date_weekday((dib_date){year, 1, 1}); /* 1 = Monday */

	memset(y, 0, sizeof *y);
	for (int i = 0; i < days; i++) {
		bit_put(y->work, i, wd <= 5);
		wd = wd == 7 ? 1 : wd + 1;
	}
	/* An entry that agrees with the weekday rule rewrites the same bit. */
	for (size_t i = 0; i < n; i++)
		bit_put(y->work, day_of_year(e[i].date),
			e[i].kind == CALENDAR_WORKDAY);
	y->total = (uint16_t)count_range(y->work, 0, days - 1);
	y->loaded = true;
}

/* Makes the span cover year; on failure the calendar is as before. */
static dib_code span_cover(calendar *c, int year, dib_err *err)
{
	int first, last;

	if (c->count == 0) {
		first = last = year;
	} else {
		first = year < c->first ? year : c->first;
		last = c->first + c->count - 1;
		if (year > last)
			last = year;
		if (first == c->first && last == c->first + c->count - 1)
			return DIB_OK;
	}
	struct cal_year *ys = calloc((size_t)(last - first + 1), sizeof *ys);
	if (!ys)
		return dib_err_nomem(err);
	if (c->count > 0)
		memcpy(ys + (c->first - first), c->years,
		       (size_t)c->count * sizeof *ys);
	free(c->years);
	c->years = ys;
	c->first = first;
	c->count = last - first + 1;
	return DIB_OK;
}

dib_code calendar_add_year(calendar *c, int year, const calendar_entry *e,
			   size_t n, dib_err *err)
{
	struct cal_year built;
	dib_code rc;

	if (!c || (n > 0 && !e))
		return dib_err_set(err, DIB_EINVAL, "放假安排不能为空指针");
	if (year < CAL_YEAR_MIN || year > CAL_YEAR_MAX)
		return dib_err_set(err, DIB_EINVAL, "年份 %d 不正确", year);
	rc = check_entries(year, e, n, err);
	if (rc)
		return rc;
	year_build(&built, year, e, n);
	rc = span_cover(c, year, err);
	if (rc)
		return rc;
	c->years[year - c->first] = built;
	return DIB_OK;
}

bool calendar_has_year(const calendar *c, int year)
{
	return year_get(c, year) != NULL;
}

bool calendar_years(const calendar *c, int *first, int *last)
{
	if (!c || c->count == 0)
		return false;
	/* The span only ever grows to a loaded year, so both ends are loaded. */
	*first = c->first;
	*last = c->first + c->count - 1;
	return true;
}

dib_code calendar_is_workday(const calendar *c, dib_date d, bool *out,
			     dib_err *err)
{
	if (!date_valid(d))
		return bad_date(err, d);
	const struct cal_year *y = year_get(c, d.year);
	if (!y)
		return missing(err, d.year);
	*out = bit_get(y->work, day_of_year(d));
	return DIB_OK;
}

dib_code calendar_add_workdays(const calendar *c, dib_date d, int n,
			       dib_date *out, dib_err *err)
{
	if (!date_valid(d))
		return bad_date(err, d);
	if (n < 0)
		return dib_err_set(err, DIB_EINVAL, "工作日天数 %d 不能为负数", n);
	if (n == 0) {
		*out = d;
		return DIB_OK;
	}
	/* Only days after d are looked at, so d's own year need not be
	 * loaded when d is its last day. */
	int year = d.year;
	int lo = day_of_year(d) + 1;
	for (;;) {
		int days = year_days(year);
		if (lo < days) {
			const struct cal_year *y = year_get(c, year);
			if (!y)
				return missing(err, year);
			int avail = lo == 0 ? y->total
					    : count_range(y->work, lo, days - 1);
			if (avail >= n) {
				int i = lo;
				for (;; i++)
					if (bit_get(y->work, i) && --n == 0)
						break;
				*out = date_from_days(jan1(year) + i);
				return DIB_OK;
			}
			n -= avail;
		}
		year++;
		lo = 0;
	}
}

dib_code calendar_count_workdays(const calendar *c, dib_date from, dib_date to,
				 int *out, dib_err *err)
{
	if (!date_valid(from))
		return bad_date(err, from);
	if (!date_valid(to))
		return bad_date(err, to);

	int sign = 1;
	if (date_cmp(to, from) < 0) {
		dib_date t = from;
		from = to;
		to = t;
		sign = -1;
	}
	int n = 0;
	for (int year = from.year; year <= to.year; year++) {
		int days = year_days(year);
		int lo = year == from.year ? day_of_year(from) + 1 : 0;
		int hi = year == to.year ? day_of_year(to) : days - 1;
		if (lo > hi)
			continue; /* nothing of this year is in (from, to] */
		const struct cal_year *y = year_get(c, year);
		if (!y)
			return missing(err, year);
		n += (lo == 0 && hi == days - 1) ? y->total
						  : count_range(y->work, lo, hi);
	}
	*out = sign * n;
	return DIB_OK;
}
