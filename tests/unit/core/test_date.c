/*
 * test_date.c — table tests for core/date: strict parsing, day numbers,
 * weekdays, Civil Code art. 202 month arithmetic and ages (周岁).
 * Thread-safety: single-threaded test program.
 */
#include "util/dib.h"
#include "core/date.h"

#include <setjmp.h>
#include <cmocka.h>

static dib_date ymd(int y, int m, int d)
{
	dib_date r = {y, m, d};

	return r;
}

static dib_month ym(int y, int m)
{
	dib_month r = {y, m};

	return r;
}

static void assert_date(dib_date got, dib_date want, const char *ctx)
{
	if (date_cmp(got, want) != 0) {
		char g[DIB_DATE_STR], w[DIB_DATE_STR];
		fail_msg("%s: got %s, want %s", ctx, date_format(got, g),
			 date_format(want, w));
	}
}

static void test_date__leap_years(void **state)
{
	(void)state;
	static const struct {
		int year;
		bool leap;
	} t[] = {
		{2024, true},  {2025, false}, {2000, true},  {1900, false},
		{2100, false}, {2400, true},  {1600, true},  {1004, true},
		{9996, true},  {9999, false}, {2026, false}, {2028, true},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++)
		assert_int_equal(date_is_leap(t[i].year), t[i].leap);
}

static void test_date__days_in_month(void **state)
{
	(void)state;
	static const struct {
		int year, month, days;
	} t[] = {
		{2025, 1, 31},  {2025, 2, 28}, {2024, 2, 29}, {1900, 2, 28},
		{2000, 2, 29},  {2025, 3, 31}, {2025, 4, 30}, {2025, 5, 31},
		{2025, 6, 30},  {2025, 7, 31}, {2025, 8, 31}, {2025, 9, 30},
		{2025, 10, 31}, {2025, 11, 30}, {2025, 12, 31}, {2025, 0, 0},
		{2025, 13, 0},  {2025, -1, 0},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++)
		assert_int_equal(date_days_in_month(t[i].year, t[i].month),
				 t[i].days);
}

static void test_date__valid(void **state)
{
	(void)state;
	static const struct {
		dib_date d;
		bool ok;
	} t[] = {
		{{2025, 1, 1}, true},   {{2024, 2, 29}, true},
		{{2025, 2, 29}, false}, {{1000, 1, 1}, true},
		{{999, 12, 31}, false}, {{9999, 12, 31}, true},
		{{10000, 1, 1}, false}, {{2025, 0, 1}, false},
		{{2025, 13, 1}, false}, {{2025, 4, 31}, false},
		{{2025, 4, 30}, true},  {{2025, 1, 0}, false},
		{{2025, 1, -1}, false}, {{0, 0, 0}, false},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++)
		assert_int_equal(date_valid(t[i].d), t[i].ok);
}

static void test_date__parse_accepts_iso_dates(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		dib_date d;
	} t[] = {
		{"2025-01-01", {2025, 1, 1}},   {"2024-02-29", {2024, 2, 29}},
		{"2000-02-29", {2000, 2, 29}},  {"1000-01-01", {1000, 1, 1}},
		{"9999-12-31", {9999, 12, 31}}, {"2025-12-31", {2025, 12, 31}},
		{"1949-10-01", {1949, 10, 1}},  {"2025-09-30", {2025, 9, 30}},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		dib_date d = {0, 0, 0};
		dib_err err;
		dib_err_clear(&err);
		assert_int_equal(date_parse(t[i].s, strlen(t[i].s), &d, &err),
				 DIB_OK);
		assert_int_equal(err.code, DIB_OK);
		assert_date(d, t[i].d, t[i].s);
	}
}

static void test_date__parse_rejects_with_quoted_message(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"2025-02-30", "2023-02-29", "1900-02-29", "2025-13-01",
		"2025-00-10", "2025-01-00", "2025-01-32", "2025-04-31",
		"2025-1-01",  "2025-01-1",  "2025/01/01", "20250101",
		" 2025-01-01", "2025-01-01 ", "0999-12-31", "+025-01-01",
		"2025-01-0a", "2025-01-01T00:00", "25-01-01", "2025-01",
		"2025_01_01", "-025-01-01", "2025--1-01", "abcd-ef-gh",
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(bad); i++) {
		dib_date d = {7, 7, 7};
		dib_err err;
		char want[128];
		dib_err_clear(&err);
		assert_int_equal(date_parse(bad[i], strlen(bad[i]), &d, &err),
				 DIB_EINVAL);
		snprintf(want, sizeof want, "日期 \"%s\" 不正确", bad[i]);
		assert_string_equal(err.msg, want);
		/* the output stays untouched on error */
		assert_int_equal(d.year, 7);
		assert_int_equal(d.month, 7);
		assert_int_equal(d.day, 7);
	}
}

static void test_date__parse_empty_and_full_width(void **state)
{
	(void)state;
	dib_date d;
	dib_err err;

	dib_err_clear(&err);
	assert_int_equal(date_parse("", 0, &d, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "日期 \"\" 不正确");

	/* full-width digits are not ISO dates; the message keeps them */
	const char *fw = "２０２５-01-01";
	dib_err_clear(&err);
	assert_int_equal(date_parse(fw, strlen(fw), &d, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "日期 \"２０２５-01-01\" 不正确");

	/* control characters and broken UTF-8 are not copied into messages */
	dib_err_clear(&err);
	assert_int_equal(date_parse("2025\n01\xff" "01", 10, &d, &err),
			 DIB_EINVAL);
	assert_string_equal(err.msg, "日期 \"2025?01?01\" 不正确");
}

static void test_date__parse_uses_only_n_bytes(void **state)
{
	(void)state;
	dib_date d;
	dib_err err;

	dib_err_clear(&err);
	assert_int_equal(date_parse("2025-10-01XYZ", 10, &d, &err), DIB_OK);
	assert_date(d, ymd(2025, 10, 1), "prefix");
	assert_int_equal(date_parse("2025-10-01", 9, &d, &err), DIB_EINVAL);
}

static void test_date__parse_quotes_long_input_cut(void **state)
{
	(void)state;
	char s[300], want[DIB_ERR_MSG_MAX];
	dib_date d;
	dib_month m;
	dib_err err;

	/* 76 bytes of the input, then "…": the cut every parser uses */
	memset(s, '9', sizeof s);
	dib_err_clear(&err);
	assert_int_equal(date_parse(s, sizeof s, &d, &err), DIB_EINVAL);
	snprintf(want, sizeof want, "日期 \"%.76s…\" 不正确", s);
	assert_string_equal(err.msg, want);
	dib_err_clear(&err);
	assert_int_equal(month_parse(s, sizeof s, &m, &err), DIB_EINVAL);
	snprintf(want, sizeof want, "月份 \"%.76s…\" 不正确", s);
	assert_string_equal(err.msg, want);
}

static void test_date__format(void **state)
{
	(void)state;
	static const struct {
		dib_date d;
		const char *s;
	} t[] = {
		{{2025, 1, 1}, "2025-01-01"},
		{{1000, 12, 31}, "1000-12-31"},
		{{9999, 9, 9}, "9999-09-09"},
		{{2024, 2, 29}, "2024-02-29"},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		char out[DIB_DATE_STR];
		assert_ptr_equal(date_format(t[i].d, out), out);
		assert_string_equal(out, t[i].s);
	}
}

static void test_date__days_from_epoch(void **state)
{
	(void)state;
	static const struct {
		dib_date d;
		int32_t days;
	} t[] = {
		{{1970, 1, 1}, 0},          {{1969, 12, 31}, -1},
		{{1970, 1, 2}, 1},          {{2000, 3, 1}, 11017},
		{{2025, 1, 1}, 20089},      {{2024, 2, 29}, 19782},
		{{1900, 3, 1}, -25508},     {{1600, 2, 29}, -135081},
		{{1000, 1, 1}, -354285},    {{9999, 12, 31}, 2932896},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		assert_int_equal(date_to_days(t[i].d), t[i].days);
		assert_date(date_from_days(t[i].days), t[i].d, "from_days");
	}
}

/* Every day from 1000-01-01 to 9999-12-31 round-trips and follows the
 * previous one: the conversion has no gaps or repeats anywhere. */
static void test_date__days_round_trip_all_range(void **state)
{
	(void)state;
	dib_date prev = ymd(1000, 1, 1);
	int32_t first = date_to_days(prev), last = date_to_days(ymd(9999, 12, 31));

	for (int32_t n = first + 1; n <= last; n++) {
		dib_date d = date_from_days(n);
		dib_date next = prev;
		if (++next.day > date_days_in_month(next.year, next.month)) {
			next.day = 1;
			if (++next.month > 12) {
				next.month = 1;
				next.year++;
			}
		}
		if (date_cmp(d, next) != 0 || date_to_days(d) != n)
			fail_msg("day %d breaks the sequence", (int)n);
		prev = d;
	}
}

static void test_date__cmp(void **state)
{
	(void)state;
	assert_int_equal(date_cmp(ymd(2025, 1, 1), ymd(2025, 1, 1)), 0);
	assert_true(date_cmp(ymd(2025, 1, 1), ymd(2025, 1, 2)) < 0);
	assert_true(date_cmp(ymd(2025, 2, 1), ymd(2025, 1, 31)) > 0);
	assert_true(date_cmp(ymd(2024, 12, 31), ymd(2025, 1, 1)) < 0);
	assert_true(date_cmp(ymd(2026, 1, 1), ymd(2025, 12, 31)) > 0);
}

static void test_date__weekday(void **state)
{
	(void)state;
	static const struct {
		dib_date d;
		int wd;
	} t[] = {
		{{1970, 1, 1}, 4},   {{1969, 12, 28}, 7}, {{2000, 1, 1}, 6},
		{{2024, 2, 29}, 4},  {{2025, 9, 28}, 7},  {{2025, 10, 1}, 3},
		{{2025, 10, 11}, 6}, {{2025, 10, 13}, 1}, {{2026, 2, 17}, 2},
		{{1000, 1, 1}, 3},   {{9999, 12, 31}, 5}, {{1949, 10, 1}, 6},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++)
		assert_int_equal(date_weekday(t[i].d), t[i].wd);
}

static void test_date__add_days(void **state)
{
	(void)state;
	static const struct {
		dib_date d;
		int n;
		dib_date want;
	} t[] = {
		{{2025, 1, 31}, 1, {2025, 2, 1}},
		{{2024, 2, 28}, 1, {2024, 2, 29}},
		{{2025, 2, 28}, 1, {2025, 3, 1}},
		{{2025, 12, 31}, 1, {2026, 1, 1}},
		{{2025, 1, 1}, -1, {2024, 12, 31}},
		{{2025, 3, 1}, -1, {2025, 2, 28}},
		{{2025, 1, 1}, 365, {2026, 1, 1}},
		{{2024, 1, 1}, 365, {2024, 12, 31}},
		{{2025, 10, 1}, 0, {2025, 10, 1}},
		{{2025, 1, 1}, -20089, {1970, 1, 1}},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++)
		assert_date(date_add_days(t[i].d, t[i].n), t[i].want,
			    "add_days");
}

static void test_date__add_months_civil_code_202(void **state)
{
	(void)state;
	static const struct {
		dib_date d;
		int n;
		dib_date want;
	} t[] = {
		{{2025, 1, 31}, 1, {2025, 2, 28}},
		{{2024, 1, 31}, 1, {2024, 2, 29}},
		{{2025, 1, 30}, 1, {2025, 2, 28}},
		{{2025, 1, 28}, 1, {2025, 2, 28}},
		{{2025, 3, 31}, -1, {2025, 2, 28}},
		{{2024, 3, 31}, -1, {2024, 2, 29}},
		{{2025, 5, 31}, 1, {2025, 6, 30}},
		{{2025, 8, 31}, 1, {2025, 9, 30}},
		{{2025, 8, 31}, 3, {2025, 11, 30}},
		{{2025, 12, 15}, 1, {2026, 1, 15}},
		{{2025, 1, 15}, -1, {2024, 12, 15}},
		{{2025, 1, 15}, -13, {2023, 12, 15}},
		{{2025, 1, 15}, 0, {2025, 1, 15}},
		{{2025, 1, 15}, 25, {2027, 2, 15}},
		{{2024, 2, 29}, 12, {2025, 2, 28}},
		{{2024, 2, 29}, 48, {2028, 2, 29}},
		{{2024, 2, 29}, -12, {2023, 2, 28}},
		{{2025, 10, 31}, -8, {2025, 2, 28}},
		{{2025, 12, 31}, -12, {2024, 12, 31}},
		{{2025, 6, 30}, 1, {2025, 7, 30}}, /* not the month's end */
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		char ctx[64];
		snprintf(ctx, sizeof ctx, "row %zu", i);
		assert_date(date_add_months(t[i].d, t[i].n), t[i].want, ctx);
	}
}

static void test_date__next_month_first(void **state)
{
	(void)state;
	static const struct {
		dib_date d, want;
	} t[] = {
		{{2025, 1, 1}, {2025, 2, 1}},   {{2025, 1, 31}, {2025, 2, 1}},
		{{2025, 12, 1}, {2026, 1, 1}},  {{2025, 12, 31}, {2026, 1, 1}},
		{{2024, 2, 29}, {2024, 3, 1}},  {{2025, 10, 15}, {2025, 11, 1}},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++)
		assert_date(date_next_month_first(t[i].d), t[i].want, "next");
}

static void test_date__age_on(void **state)
{
	(void)state;
	static const struct {
		dib_date birth, on;
		int age;
	} t[] = {
		{{2000, 6, 15}, {2025, 6, 14}, 24},
		{{2000, 6, 15}, {2025, 6, 15}, 25}, /* the birthday counts */
		{{2000, 6, 15}, {2025, 6, 16}, 25},
		{{2000, 6, 15}, {2000, 6, 15}, 0},
		{{2000, 6, 15}, {2001, 6, 14}, 0},
		{{2000, 2, 29}, {2025, 2, 27}, 24},
		{{2000, 2, 29}, {2025, 2, 28}, 25}, /* art. 202 */
		{{2000, 2, 29}, {2025, 3, 1}, 25},
		{{2000, 2, 29}, {2024, 2, 28}, 23}, /* leap year: wait */
		{{2000, 2, 29}, {2024, 2, 29}, 24},
		{{1949, 12, 31}, {2025, 1, 1}, 75},
		{{1949, 12, 31}, {2024, 12, 31}, 75},
		{{1949, 12, 31}, {2024, 12, 30}, 74},
		{{1965, 1, 1}, {2025, 1, 1}, 60},
		{{1965, 1, 2}, {2025, 1, 1}, 59},
		{{2007, 10, 1}, {2025, 10, 1}, 18},
		{{2007, 10, 2}, {2025, 10, 1}, 17},
		{{2000, 6, 15}, {2000, 6, 14}, -1}, /* before birth */
		{{2000, 6, 15}, {1999, 6, 15}, -1},
		{{2000, 6, 15}, {1999, 6, 14}, -2},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++)
		if (date_age_on(t[i].birth, t[i].on) != t[i].age)
			fail_msg("row %zu: got %d, want %d", i,
				 date_age_on(t[i].birth, t[i].on), t[i].age);
}

static void test_date__month_parse(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		bool ok;
		int year, month;
	} t[] = {
		{"2025-01", true, 2025, 1},  {"2025-12", true, 2025, 12},
		{"1000-01", true, 1000, 1},  {"9999-12", true, 9999, 12},
		{"2025-13", false, 0, 0},    {"2025-00", false, 0, 0},
		{"2025-1", false, 0, 0},     {"2025/01", false, 0, 0},
		{"202501", false, 0, 0},     {"2025-01-01", false, 0, 0},
		{" 2025-01", false, 0, 0},   {"0999-12", false, 0, 0},
		{"", false, 0, 0},           {"2025-0a", false, 0, 0},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		dib_month m = {7, 7};
		dib_err err;
		dib_err_clear(&err);
		dib_code rc = month_parse(t[i].s, strlen(t[i].s), &m, &err);
		if (t[i].ok) {
			assert_int_equal(rc, DIB_OK);
			assert_int_equal(m.year, t[i].year);
			assert_int_equal(m.month, t[i].month);
		} else {
			char want[64];
			assert_int_equal(rc, DIB_EINVAL);
			snprintf(want, sizeof want, "月份 \"%s\" 不正确", t[i].s);
			assert_string_equal(err.msg, want);
			assert_int_equal(m.year, 7);
		}
	}
}

static void test_date__month_arithmetic(void **state)
{
	(void)state;
	char s[DIB_MONTH_STR];

	assert_string_equal(month_format(ym(2025, 3), s), "2025-03");
	assert_string_equal(month_format(ym(1000, 12), s), "1000-12");

	static const struct {
		dib_month m;
		int n;
		dib_month want;
	} t[] = {
		{{2025, 1}, 1, {2025, 2}},   {{2025, 12}, 1, {2026, 1}},
		{{2025, 1}, -1, {2024, 12}}, {{2025, 1}, -12, {2024, 1}},
		{{2025, 1}, -13, {2023, 12}}, {{2025, 6}, 30, {2027, 12}},
		{{2025, 6}, 0, {2025, 6}},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		dib_month r = month_add(t[i].m, t[i].n);
		assert_int_equal(month_cmp(r, t[i].want), 0);
		assert_int_equal(month_diff(t[i].m, r), t[i].n);
	}
	assert_int_equal(month_diff(ym(2025, 1), ym(2024, 12)), -1);
	assert_true(month_cmp(ym(2025, 1), ym(2025, 2)) < 0);
	assert_true(month_cmp(ym(2026, 1), ym(2025, 12)) > 0);
	assert_int_equal(month_cmp(ym(2025, 5), ym(2025, 5)), 0);

	dib_month m = month_of(ymd(2024, 2, 17));
	assert_int_equal(m.year, 2024);
	assert_int_equal(m.month, 2);
	assert_date(month_first_day(ym(2024, 2)), ymd(2024, 2, 1), "first");
	assert_date(month_last_day(ym(2024, 2)), ymd(2024, 2, 29), "last");
	assert_date(month_last_day(ym(2025, 2)), ymd(2025, 2, 28), "last");
	assert_date(month_last_day(ym(2025, 12)), ymd(2025, 12, 31), "last");
	assert_date(month_last_day(ym(2025, 4)), ymd(2025, 4, 30), "last");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date__leap_years),
		cmocka_unit_test(test_date__days_in_month),
		cmocka_unit_test(test_date__valid),
		cmocka_unit_test(test_date__parse_accepts_iso_dates),
		cmocka_unit_test(test_date__parse_rejects_with_quoted_message),
		cmocka_unit_test(test_date__parse_empty_and_full_width),
		cmocka_unit_test(test_date__parse_uses_only_n_bytes),
		cmocka_unit_test(test_date__parse_quotes_long_input_cut),
		cmocka_unit_test(test_date__format),
		cmocka_unit_test(test_date__days_from_epoch),
		cmocka_unit_test(test_date__days_round_trip_all_range),
		cmocka_unit_test(test_date__cmp),
		cmocka_unit_test(test_date__weekday),
		cmocka_unit_test(test_date__add_days),
		cmocka_unit_test(test_date__add_months_civil_code_202),
		cmocka_unit_test(test_date__next_month_first),
		cmocka_unit_test(test_date__age_on),
		cmocka_unit_test(test_date__month_parse),
		cmocka_unit_test(test_date__month_arithmetic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
