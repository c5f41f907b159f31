/*
 * test_calendar.c — the working-day calendar against the real State Council
 * schedules in data/holidays-cn.csv (2025 and 2026): holidays, adjusted
 * working days, walking and counting across them, unknown years, and the
 * all-or-nothing loading of a year. Core does no I/O, so the file is read
 * here with a tiny line parser.
 * Thread-safety: single-threaded test program.
 */
#include "util/dib.h"
#include "core/calendar.h"

#include <setjmp.h>
#include <cmocka.h>

#define MAX_ENTRIES 128

struct schedule {
	calendar_entry e[MAX_ENTRIES];
	size_t n;
};

static dib_date ymd(int y, int m, int d)
{
	dib_date r = {y, m, d};

	return r;
}

static dib_date D(const char *s)
{
	dib_date d = {0, 0, 0};
	dib_err err;

	dib_err_clear(&err);
	if (date_parse(s, strlen(s), &d, &err) != DIB_OK)
		fail_msg("bad test date %s", s);
	return d;
}

/* Reads the rows of data/holidays-cn.csv that fall in `year`. */
static void read_schedule(int year, struct schedule *out)
{
	const char *dir = getenv("DIB_SOURCE_DIR");
	char path[1024], line[256];
	FILE *f;

	if (!dir)
		dir = DIB_SOURCE_DIR;
	snprintf(path, sizeof path, "%s/data/holidays-cn.csv", dir);
	f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s", path);
	out->n = 0;
	assert_non_null(fgets(line, sizeof line, f)); /* header */
	assert_int_equal(strncmp(line, "date,kind,name", 14), 0);
	while (fgets(line, sizeof line, f)) {
		calendar_entry e;
		dib_err err;
		dib_err_clear(&err);
		if (line[0] == '\n' || line[0] == '\0')
			continue;
		assert_int_equal(line[10], ',');
		assert_int_equal(date_parse(line, 10, &e.date, &err), DIB_OK);
		if (!strncmp(line + 11, "holiday,", 8))
			e.kind = CALENDAR_HOLIDAY;
		else if (!strncmp(line + 11, "workday,", 8))
			e.kind = CALENDAR_WORKDAY;
		else
			fail_msg("bad kind in line %s", line);
		if (e.date.year != year)
			continue;
		assert_true(out->n < MAX_ENTRIES);
		out->e[out->n++] = e;
	}
	fclose(f);
	assert_true(out->n > 0);
}

static calendar *load(const int *years, size_t n)
{
	calendar *c = calendar_new();
	assert_non_null(c);
	for (size_t i = 0; i < n; i++) {
		struct schedule s;
		dib_err err;
		dib_err_clear(&err);
		read_schedule(years[i], &s);
		assert_int_equal(calendar_add_year(c, years[i], s.e, s.n, &err),
				 DIB_OK);
	}
	return c;
}

static int setup(void **state)
{
	static const int years[] = {2025, 2026};

	*state = load(years, DIB_ARRAY_LEN(years));
	return 0;
}

static int teardown(void **state)
{
	calendar_free(*state);
	return 0;
}

static bool workday(const calendar *c, dib_date d)
{
	bool w = false;
	dib_err err;

	dib_err_clear(&err);
	if (calendar_is_workday(c, d, &w, &err) != DIB_OK)
		fail_msg("is_workday failed: %s", err.msg);
	return w;
}

static void test_calendar__national_day_2025_is_off(void **state)
{
	const calendar *c = *state;

	for (int d = 1; d <= 8; d++)
		assert_false(workday(c, ymd(2025, 10, d)));
	assert_true(workday(c, ymd(2025, 9, 30)));
	assert_true(workday(c, ymd(2025, 10, 9)));  /* Thursday */
	assert_true(workday(c, ymd(2025, 10, 10))); /* Friday */
	assert_false(workday(c, ymd(2025, 10, 12))); /* ordinary Sunday */
}

static void test_calendar__adjusted_weekend_workdays(void **state)
{
	const calendar *c = *state;
	static const struct {
		const char *d;
		int weekday;
		bool work;
	} t[] = {
		{"2025-09-28", 7, true},  {"2025-10-11", 6, true},
		{"2025-01-26", 7, true},  {"2025-02-08", 6, true},
		{"2025-04-27", 7, true},  {"2026-01-04", 7, true},
		{"2026-02-14", 6, true},  {"2026-02-28", 6, true},
		{"2026-05-09", 6, true},  {"2026-09-20", 7, true},
		{"2026-10-10", 6, true},  {"2025-09-27", 6, false},
		{"2025-10-18", 6, false}, {"2025-03-15", 6, false},
		{"2025-03-17", 1, true},  {"2026-03-18", 3, true},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		dib_date d = D(t[i].d);
		assert_int_equal(date_weekday(d), t[i].weekday);
		if (workday(c, d) != t[i].work)
			fail_msg("%s: want %s", t[i].d,
				 t[i].work ? "workday" : "day off");
	}
}

static void test_calendar__spring_festival_2026(void **state)
{
	const calendar *c = *state;

	for (int d = 15; d <= 23; d++)
		assert_false(workday(c, ymd(2026, 2, d)));
	assert_true(workday(c, ymd(2026, 2, 13)));
	assert_true(workday(c, ymd(2026, 2, 14))); /* Saturday worked */
	assert_true(workday(c, ymd(2026, 2, 24)));
	/* 2025's festival fell in January */
	for (int d = 28; d <= 31; d++)
		assert_false(workday(c, ymd(2025, 1, d)));
	assert_false(workday(c, ymd(2025, 2, 4)));
	assert_true(workday(c, ymd(2025, 2, 5)));
}

static void test_calendar__weekday_holidays(void **state)
{
	const calendar *c = *state;
	static const char *const off[] = {
		"2025-01-01", "2025-04-04", "2025-05-05", "2025-06-02",
		"2026-01-02", "2026-04-06", "2026-05-04", "2026-06-19",
		"2026-09-25", "2026-10-07",
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(off); i++) {
		dib_date d = D(off[i]);
		assert_true(date_weekday(d) <= 5);
		if (workday(c, d))
			fail_msg("%s should be a holiday", off[i]);
	}
}

static void test_calendar__add_workdays(void **state)
{
	const calendar *c = *state;
	static const struct {
		const char *from;
		int n;
		const char *want;
	} t[] = {
		{"2025-09-29", 3, "2025-10-10"}, /* crosses National Day */
		{"2025-09-30", 1, "2025-10-09"},
		{"2025-09-26", 1, "2025-09-28"}, /* adjusted Sunday */
		{"2025-09-26", 2, "2025-09-29"},
		{"2025-10-01", 0, "2025-10-01"}, /* n = 0 is d itself */
		{"2025-10-03", 1, "2025-10-09"},
		{"2025-10-09", 2, "2025-10-11"}, /* adjusted Saturday */
		{"2025-12-31", 1, "2026-01-04"}, /* New Year, adjusted Sunday */
		{"2025-12-31", 2, "2026-01-05"},
		{"2026-02-13", 1, "2026-02-14"},
		{"2026-02-13", 2, "2026-02-24"},
		{"2026-02-13", 3, "2026-02-25"},
		{"2025-01-01", 248, "2025-12-31"},
		{"2025-01-01", 250, "2026-01-05"},
		{"2025-01-01", 260, "2026-01-19"},
		{"2026-12-30", 1, "2026-12-31"},
		{"2024-12-31", 1, "2025-01-02"}, /* only days after d matter */
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		dib_date out = {0, 0, 0};
		dib_err err;
		char got[DIB_DATE_STR];
		dib_err_clear(&err);
		assert_int_equal(calendar_add_workdays(c, D(t[i].from), t[i].n,
						       &out, &err),
				 DIB_OK);
		if (date_cmp(out, D(t[i].want)) != 0)
			fail_msg("%s + %d: got %s, want %s", t[i].from,
				 t[i].n, date_format(out, got), t[i].want);
	}
}

static void test_calendar__count_workdays(void **state)
{
	const calendar *c = *state;
	static const struct {
		const char *from, *to;
		int n;
	} t[] = {
		{"2025-09-30", "2025-10-08", 0}, /* the holiday week */
		{"2025-09-30", "2025-10-11", 3},
		{"2025-09-27", "2025-10-12", 6},
		{"2024-12-31", "2025-12-31", 248},
		{"2025-12-31", "2026-12-31", 248},
		{"2024-12-31", "2026-12-31", 496},
		{"2026-02-13", "2026-02-28", 6},
		{"2025-01-24", "2025-02-09", 6},
		{"2025-10-01", "2025-10-01", 0},
		{"2025-10-08", "2025-10-09", 1},
		{"2025-10-09", "2025-10-08", -1},
		{"2025-10-12", "2025-09-27", -6},
		{"2026-12-31", "2024-12-31", -496},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		int n = 12345;
		dib_err err;
		dib_err_clear(&err);
		assert_int_equal(calendar_count_workdays(c, D(t[i].from),
							 D(t[i].to), &n, &err),
				 DIB_OK);
		if (n != t[i].n)
			fail_msg("(%s, %s]: got %d, want %d", t[i].from,
				 t[i].to, n, t[i].n);
	}
}

/* The fast paths (byte popcounts, whole-year totals, the n-th bit search)
 * agree with a day-by-day walk for every start day of both years. */
static void test_calendar__walk_matches_day_by_day(void **state)
{
	const calendar *c = *state;
	dib_date start = ymd(2025, 1, 1), end = ymd(2026, 12, 31);
	int32_t first = date_to_days(start), last = date_to_days(end);
	static const int spans[] = {1, 2, 5, 9, 31, 100, 365};

	for (int32_t a = first; a < last; a += 3) {
		for (size_t k = 0; k < DIB_ARRAY_LEN(spans); k++) {
			int32_t b = a + spans[k];
			if (b > last)
				break;
			int slow = 0, fast = 0;
			for (int32_t x = a + 1; x <= b; x++)
				slow += workday(c, date_from_days(x));
			dib_err err;
			dib_err_clear(&err);
			assert_int_equal(calendar_count_workdays(
						 c, date_from_days(a),
						 date_from_days(b), &fast, &err),
					 DIB_OK);
			if (fast != slow)
				fail_msg("count from day %d span %d: %d != %d",
					 (int)a, spans[k], fast, slow);
		}
		for (int n = 1; n <= 40; n += 13) {
			dib_date out;
			dib_err err;
			dib_err_clear(&err);
			if (calendar_add_workdays(c, date_from_days(a), n, &out,
						  &err) != DIB_OK)
				continue; /* walked past 2026 */
			int cnt = 0;
			assert_true(workday(c, out));
			assert_int_equal(calendar_count_workdays(
						 c, date_from_days(a), out, &cnt,
						 &err),
					 DIB_OK);
			assert_int_equal(cnt, n);
		}
	}
}

static void test_calendar__unknown_years_are_errors(void **state)
{
	const calendar *c = *state;
	bool w = true;
	int n = 77;
	dib_date out = {1, 1, 1};
	dib_err err;

	dib_err_clear(&err);
	assert_int_equal(calendar_is_workday(c, ymd(2027, 1, 4), &w, &err),
			 DIB_ECALENDAR);
	assert_string_equal(err.msg,
			    "节假日表缺少 2027 年，请先载入该年度放假安排");
	assert_true(w); /* untouched */

	dib_err_clear(&err);
	assert_int_equal(calendar_is_workday(c, ymd(2024, 12, 31), &w, &err),
			 DIB_ECALENDAR);
	assert_string_equal(err.msg,
			    "节假日表缺少 2024 年，请先载入该年度放假安排");

	dib_err_clear(&err);
	assert_int_equal(calendar_add_workdays(c, ymd(2026, 12, 25), 10, &out,
					       &err),
			 DIB_ECALENDAR);
	assert_non_null(strstr(err.msg, "2027"));
	assert_int_equal(out.year, 1);

	dib_err_clear(&err);
	assert_int_equal(calendar_add_workdays(c, ymd(2024, 12, 30), 1, &out,
					       &err),
			 DIB_ECALENDAR);
	assert_non_null(strstr(err.msg, "2024"));

	dib_err_clear(&err);
	assert_int_equal(calendar_count_workdays(c, ymd(2025, 6, 1),
						 ymd(2027, 1, 5), &n, &err),
			 DIB_ECALENDAR);
	assert_non_null(strstr(err.msg, "2027"));
	dib_err_clear(&err);
	assert_int_equal(calendar_count_workdays(c, ymd(2025, 6, 1),
						 ymd(2024, 6, 1), &n, &err),
			 DIB_ECALENDAR);
	assert_non_null(strstr(err.msg, "2024"));
	assert_int_equal(n, 77);

	/* the walk into the unknown year stops even if it would only need
	 * its first day */
	dib_err_clear(&err);
	assert_int_equal(calendar_count_workdays(c, ymd(2026, 12, 31),
						 ymd(2027, 1, 1), &n, &err),
			 DIB_ECALENDAR);
}

static void test_calendar__bad_arguments(void **state)
{
	const calendar *c = *state;
	bool w;
	int n;
	dib_date out;
	dib_err err;

	dib_err_clear(&err);
	assert_int_equal(calendar_add_workdays(c, ymd(2025, 6, 3), -1, &out,
					       &err),
			 DIB_EINVAL);
	dib_err_clear(&err);
	assert_int_equal(calendar_is_workday(c, ymd(2025, 2, 29), &w, &err),
			 DIB_EINVAL);
	assert_string_equal(err.msg, "日期 \"2025-02-29\" 不正确");
	dib_err_clear(&err);
	assert_int_equal(calendar_count_workdays(c, ymd(2025, 1, 1),
						 ymd(2025, 13, 1), &n, &err),
			 DIB_EINVAL);
}

static void test_calendar__years(void **state)
{
	const calendar *c = *state;
	int first = 0, last = 0;

	assert_true(calendar_has_year(c, 2025));
	assert_true(calendar_has_year(c, 2026));
	assert_false(calendar_has_year(c, 2024));
	assert_false(calendar_has_year(c, 2027));
	assert_true(calendar_years(c, &first, &last));
	assert_int_equal(first, 2025);
	assert_int_equal(last, 2026);
}

static void test_calendar__empty_calendar(void **state)
{
	(void)state;
	calendar *c = calendar_new();
	int first = 1, last = 1;
	bool w;
	dib_err err;

	assert_non_null(c);
	assert_false(calendar_years(c, &first, &last));
	assert_int_equal(first, 1);
	assert_false(calendar_has_year(c, 2025));
	dib_err_clear(&err);
	assert_int_equal(calendar_is_workday(c, ymd(2025, 1, 2), &w, &err),
			 DIB_ECALENDAR);
	calendar_free(c);
	calendar_free(NULL);
}

static void test_calendar__add_year_rejects_and_changes_nothing(void **state)
{
	(void)state;
	static const int y2025[] = {2025};
	calendar *c = load(y2025, 1);
	struct schedule s;
	dib_err err;

	read_schedule(2026, &s);
	/* a 2025 date slipped into the 2026 list */
	s.e[s.n].date = ymd(2025, 12, 31);
	s.e[s.n].kind = CALENDAR_HOLIDAY;
	dib_err_clear(&err);
	assert_int_equal(calendar_add_year(c, 2026, s.e, s.n + 1, &err),
			 DIB_EINVAL);
	assert_string_equal(err.msg,
			    "2026 年放假安排中出现了其他年份的日期 \"2025-12-31\"");
	assert_false(calendar_has_year(c, 2026));
	assert_false(workday(c, ymd(2025, 10, 1)));
	assert_true(workday(c, ymd(2025, 12, 31)));

	/* replacing 2025 with a bad list keeps the old 2025 */
	calendar_entry bad[3] = {
		{{2025, 10, 1}, CALENDAR_WORKDAY},
		{{2025, 3, 3}, CALENDAR_HOLIDAY},
		{{2025, 3, 3}, CALENDAR_WORKDAY},
	};
	dib_err_clear(&err);
	assert_int_equal(calendar_add_year(c, 2025, bad, 3, &err), DIB_EINVAL);
	assert_string_equal(err.msg,
			    "2025 年放假安排中日期 \"2025-03-03\" 重复");
	assert_false(workday(c, ymd(2025, 10, 1)));
	assert_true(workday(c, ymd(2025, 3, 3)));

	calendar_entry odd[2] = {
		{{2025, 10, 1}, CALENDAR_HOLIDAY},
		{{2025, 10, 2}, (enum calendar_kind)7},
	};
	dib_err_clear(&err);
	assert_int_equal(calendar_add_year(c, 2025, odd, 2, &err), DIB_EINVAL);
	calendar_entry invalid[1] = {{{2025, 2, 29}, CALENDAR_HOLIDAY}};
	dib_err_clear(&err);
	assert_int_equal(calendar_add_year(c, 2025, invalid, 1, &err),
			 DIB_EINVAL);
	dib_err_clear(&err);
	assert_int_equal(calendar_add_year(c, 99999, NULL, 0, &err),
			 DIB_EINVAL);
	dib_err_clear(&err);
	assert_int_equal(calendar_add_year(c, 2027, NULL, 3, &err), DIB_EINVAL);
	assert_false(calendar_has_year(c, 2027));

	int first = 0, last = 0;
	assert_true(calendar_years(c, &first, &last));
	assert_int_equal(first, 2025);
	assert_int_equal(last, 2025);
	calendar_free(c);
}

static void test_calendar__years_added_later(void **state)
{
	(void)state;
	static const int y2025[] = {2025};
	calendar *c = load(y2025, 1);
	struct schedule s;
	int first = 0, last = 0, n = 0;
	dib_date out;
	dib_err err;

	/* 2027 with no entries: weekends only, and 2026 is a gap */
	dib_err_clear(&err);
	assert_int_equal(calendar_add_year(c, 2027, NULL, 0, &err), DIB_OK);
	assert_true(calendar_has_year(c, 2027));
	assert_false(calendar_has_year(c, 2026));
	assert_true(calendar_years(c, &first, &last));
	assert_int_equal(first, 2025);
	assert_int_equal(last, 2027);
	assert_true(workday(c, ymd(2027, 1, 1))); /* Friday, no schedule */
	assert_false(workday(c, ymd(2027, 1, 2)));
	dib_err_clear(&err);
	assert_int_equal(calendar_count_workdays(c, ymd(2025, 12, 1),
						 ymd(2027, 1, 5), &n, &err),
			 DIB_ECALENDAR);
	assert_non_null(strstr(err.msg, "2026"));

	/* filling the gap makes the walk through work, 2025 unchanged */
	read_schedule(2026, &s);
	dib_err_clear(&err);
	assert_int_equal(calendar_add_year(c, 2026, s.e, s.n, &err), DIB_OK);
	assert_int_equal(calendar_count_workdays(c, ymd(2024, 12, 31),
						 ymd(2026, 12, 31), &n, &err),
			 DIB_OK);
	assert_int_equal(n, 496);
	assert_int_equal(calendar_add_workdays(c, ymd(2026, 12, 31), 1, &out,
					       &err),
			 DIB_OK);
	assert_int_equal(date_cmp(out, ymd(2027, 1, 1)), 0);
	assert_false(workday(c, ymd(2025, 10, 1)));

	/* a year before the first one grows the span downward */
	dib_err_clear(&err);
	assert_int_equal(calendar_add_year(c, 2023, NULL, 0, &err), DIB_OK);
	assert_true(calendar_years(c, &first, &last));
	assert_int_equal(first, 2023);
	assert_int_equal(last, 2027);
	assert_false(calendar_has_year(c, 2024));
	assert_true(workday(c, ymd(2026, 2, 14)));
	assert_false(workday(c, ymd(2026, 2, 16)));

	/* replacing a year: 2025 without a schedule makes 1 October a
	 * plain Wednesday */
	dib_err_clear(&err);
	assert_int_equal(calendar_add_year(c, 2025, NULL, 0, &err), DIB_OK);
	assert_true(workday(c, ymd(2025, 10, 1)));
	assert_false(workday(c, ymd(2025, 9, 28)));
	calendar_free(c);
}

static void test_calendar__redundant_entries_accepted(void **state)
{
	(void)state;
	calendar *c = calendar_new();
	/* a holiday on a Saturday and a workday on a Monday change nothing */
	calendar_entry e[2] = {
		{{2025, 10, 4}, CALENDAR_HOLIDAY},
		{{2025, 10, 13}, CALENDAR_WORKDAY},
	};
	dib_err err;
	int n = 0;

	assert_non_null(c);
	dib_err_clear(&err);
	assert_int_equal(calendar_add_year(c, 2025, e, 2, &err), DIB_OK);
	assert_false(workday(c, ymd(2025, 10, 4)));
	assert_true(workday(c, ymd(2025, 10, 13)));
	assert_int_equal(calendar_count_workdays(c, ymd(2024, 12, 31),
						 ymd(2025, 12, 31), &n, &err),
			 DIB_OK);
	assert_int_equal(n, 261); /* 2025: 261 weekdays */
	calendar_free(c);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_calendar__national_day_2025_is_off),
		T(test_calendar__adjusted_weekend_workdays),
		T(test_calendar__spring_festival_2026),
		T(test_calendar__weekday_holidays),
		T(test_calendar__add_workdays),
		T(test_calendar__count_workdays),
		T(test_calendar__walk_matches_day_by_day),
		T(test_calendar__unknown_years_are_errors),
		T(test_calendar__bad_arguments),
		T(test_calendar__years),
		cmocka_unit_test(test_calendar__empty_calendar),
		cmocka_unit_test(test_calendar__add_year_rejects_and_changes_nothing),
		cmocka_unit_test(test_calendar__years_added_later),
		cmocka_unit_test(test_calendar__redundant_entries_accepted),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
