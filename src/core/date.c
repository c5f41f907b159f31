/*
 * date.c — calendar dates and months: strict parsing, day counts, and the
 * legal month arithmetic (Civil Code art. 202) that deadlines, benefit start
 * months and ages are computed with.
 *
 * Dates convert to a day number (days since 1970-01-01) with Howard
 * Hinnant's days_from_civil / civil_from_days, which need no tables and no
 * loops, so weekday and day arithmetic are plain integer operations.
 *
 * Thread-safe: pure functions, no state.
 */
#include "util/dib.h"
#include "core/date.h"

#define DATE_YEAR_MIN 1000
#define DATE_YEAR_MAX 9999

bool date_is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31};

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && date_is_leap(year))
		return 29;
	return days[month - 1];
}

bool date_valid(dib_date d)
{
	return d.year >= DATE_YEAR_MIN && d.year <= DATE_YEAR_MAX &&
	       d.month >= 1 && d.month <= 12 && d.day >= 1 &&
	       d.day <= date_days_in_month(d.year, d.month);
}

/* Reads exactly `width` ASCII digits; -1 when any is not a digit. */
static int digits(const char *s, int width)
{
	int v = 0;

	for (int i = 0; i < width; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

dib_code date_parse(const char *s, size_t n, dib_date *out, dib_err *err)
{
	dib_date d = {0, 0, 0};

	if (s && n == 10 && s[4] == '-' && s[7] == '-') {
		d.year = digits(s, 4);
		d.month = digits(s + 5, 2);
		d.day = digits(s + 8, 2);
	}
	if (!date_valid(d)) {
		char q[DIB_QUOTE_MAX];
		return dib_err_set(err, DIB_EINVAL, "日期 \"%s\" 不正确",
				   dib_err_quote(s, s ? n : 0, q, sizeof q));
	}
	*out = d;
	return DIB_OK;
}

/* Writes v as exactly `width` digits (v is in range for valid values). */
static void put_digits(char *out, int v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* Out-of-range fields (a date outside the contract) print as '?' digits
 * rather than overrunning the fixed-width buffer. */
static void put_field(char *out, int v, int width, int max)
{
	if (v < 0 || v > max)
		memset(out, '?', (size_t)width);
	else
		put_digits(out, v, width);
}

char *date_format(dib_date d, char *out)
{
	put_field(out, d.year, 4, 9999);
	out[4] = '-';
	put_field(out + 5, d.month, 2, 99);
	out[7] = '-';
	put_field(out + 8, d.day, 2, 99);
	out[10] = '\0';
	return out;
}

/* Floor division for the era arithmetic below (C division truncates). */
static int32_t floor_div(int32_t a, int32_t b)
{
	int32_t q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

int32_t date_to_days(dib_date d)
{
	/* Years start on 1 March so the leap day is the last day of a year. */
	int32_t y = d.year - (d.month <= 2);
	int32_t era = floor_div(y, 400);
	int32_t yoe = y - era * 400;
	int32_t mp = (d.month + 9) % 12; /* March = 0 */
	int32_t doy = (153 * mp + 2) / 5 + d.day - 1;
	int32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

dib_date date_from_days(int32_t days)
{
	/* 64-bit so that any int32 day number is defined behaviour. */
	int64_t z = (int64_t)days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	dib_date d;

	d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	d.year = (int)(yoe + era * 400 + (d.month <= 2));
	return d;
}

int date_cmp(dib_date a, dib_date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (a.day != b.day)
		return a.day < b.day ? -1 : 1;
	return 0;
}

int date_weekday(dib_date d)
{
	int32_t days = date_to_days(d);

	/* 1970-01-01 was a Thursday (ISO 4). */
	return (int)(((days % 7) + 7 + 3) % 7) + 1;
}

dib_date date_add_days(dib_date d, int n)
{
	int64_t days = (int64_t)date_to_days(d) + n;

	/* Saturate instead of overflowing; such dates are outside the
	 * contract anyway. */
	if (days > INT32_MAX)
		days = INT32_MAX;
	if (days < INT32_MIN)
		days = INT32_MIN;
	return date_from_days((int32_t)days);
}

dib_date date_add_months(dib_date d, int n)
{
	/* Count months from year 0 so negative n needs only a floor division. */
	int32_t m = (int32_t)d.year * 12 + (d.month - 1) + n;
	int32_t y = floor_div(m, 12);
	dib_date r;

	r.year = (int)y;
	r.month = (int)(m - y * 12) + 1;
	r.day = d.day;
	int last = date_days_in_month(r.year, r.month);
	if (r.day > last)
		r.day = last; /* art. 202: no such day → the month's last day */
	return r;
}

dib_date date_next_month_first(dib_date d)
{
	dib_date r = date_add_months(d, 1);

	r.day = 1;
	return r;
}

int date_age_on(dib_date birth, dib_date on)
{
	int age = on.year - birth.year;

	/* The age-th birthday, per art. 202 (29 Feb → 28 Feb in common
	 * years); not yet reached means one year less. Floor semantics make
	 * every day before birth negative. */
	if (date_cmp(on, date_add_months(birth, 12 * age)) < 0)
		age--;
	return age;
}

dib_code month_parse(const char *s, size_t n, dib_month *out, dib_err *err)
{
	dib_month m = {0, 0};

	if (s && n == 7 && s[4] == '-') {
		m.year = digits(s, 4);
		m.month = digits(s + 5, 2);
	}
	if (m.year < DATE_YEAR_MIN || m.year > DATE_YEAR_MAX || m.month < 1 ||
	    m.month > 12) {
		char q[DIB_QUOTE_MAX];
		return dib_err_set(err, DIB_EINVAL, "月份 \"%s\" 不正确",
				   dib_err_quote(s, s ? n : 0, q, sizeof q));
	}
	*out = m;
	return DIB_OK;
}

char *month_format(dib_month m, char *out)
{
	put_field(out, m.year, 4, 9999);
	out[4] = '-';
	put_field(out + 5, m.month, 2, 99);
	out[7] = '\0';
	return out;
}

dib_month month_of(dib_date d)
{
	dib_month m = {d.year, d.month};

	return m;
}

dib_month month_add(dib_month m, int n)
{
	int32_t t = (int32_t)m.year * 12 + (m.month - 1) + n;
	int32_t y = floor_div(t, 12);
	dib_month r = {(int)y, (int)(t - y * 12) + 1};

	return r;
}

int month_cmp(dib_month a, dib_month b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	return 0;
}

int month_diff(dib_month a, dib_month b)
{
	return (b.year - a.year) * 12 + (b.month - a.month);
}

dib_date month_first_day(dib_month m)
{
	dib_date d = {m.year, m.month, 1};

	return d;
}

dib_date month_last_day(dib_month m)
{
	dib_date d = {m.year, m.month, date_days_in_month(m.year, m.month)};

	return d;
}
