/*
 * test_time.c — time.c: fixed-width UTC timestamps, the clocks, and the
 * local date following TZ.
 * Single-threaded: one test sets TZ and restores it.
 */
#include "util/dib.h"
#include "util/time.h"

#include <time.h>
#include <setjmp.h>

#include <cmocka.h>

/* ---- time ----------------------------------------------------------- */

static void test_time__format_utc(void **state)
{
	(void)state;
	const struct {
		int64_t t;
		const char *want;
	} cases[] = {
		{ 0, "1970-01-01T00:00:00Z" },
		{ 1795680000, "2026-11-26T08:00:00Z" },
		{ 951868799, "2000-02-29T23:59:59Z" },
		{ -1, "1969-12-31T23:59:59Z" },
		{ 253402300799, "9999-12-31T23:59:59Z" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		char out[DIB_TIME_UTC_SIZE];
		assert_int_equal(dib_time_format_utc(cases[i].t, out, sizeof out), 20);
		assert_string_equal(out, cases[i].want);
	}
	char out[DIB_TIME_UTC_SIZE];
	/* Past year 9999 the fixed width cannot hold it. */
	assert_int_equal(dib_time_format_utc(253402300800, out, sizeof out), 0);
	assert_string_equal(out, "");
	assert_int_equal(dib_time_format_utc(INT64_MAX, out, sizeof out), 0);
	char small[DIB_TIME_UTC_SIZE - 1];
	assert_int_equal(dib_time_format_utc(0, small, sizeof small), 0);
	assert_string_equal(small, "");
}

static void test_time__clocks(void **state)
{
	(void)state;
	int64_t a = dib_time_mono_ms();
	int64_t b = dib_time_mono_ms();
	assert_true(b >= a);

	char now[DIB_TIME_UTC_SIZE];
	int y, m, d;
	/* Retry once if midnight UTC passes between the two readings. */
	for (int tries = 0; tries < 2; tries++) {
		dib_time_today_utc(&y, &m, &d);
		assert_int_equal(dib_time_now_utc(now, sizeof now), 20);
		char date[11];
		snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);
		if (memcmp(now, date, 10) == 0)
			break;
		assert_int_equal(tries, 0);
	}
	assert_true(y >= 2024 && m >= 1 && m <= 12 && d >= 1 && d <= 31);
	dib_time_today_utc(NULL, NULL, NULL); /* any pointer may be NULL */
	assert_true(dib_time_now_unix() > 1700000000);
}

static void test_time__today_china_ignores_tz(void **state)
{
	(void)state;
	/* China Standard Time: the UTC date 8 hours on, whatever TZ says. */
	const char *old = getenv("TZ");
	char *saved = old ? strdup(old) : NULL;
	setenv("TZ", "AOE12", 1); /* UTC-12: its date differs 20 hours a day */
	tzset();
	for (int tries = 0; tries < 2; tries++) {
		int y, m, d;
		dib_time_today_china(&y, &m, &d);
		char later[DIB_TIME_UTC_SIZE], date[11];
		dib_time_format_utc(dib_time_now_unix() + 8 * 3600, later, sizeof later);
		snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);
		if (memcmp(later, date, 10) == 0)
			break;
		assert_int_equal(tries, 0); /* midnight passed in between: once */
	}
	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
	dib_time_today_china(NULL, NULL, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time__format_utc),
		cmocka_unit_test(test_time__clocks),
		cmocka_unit_test(test_time__today_china_ignores_tz),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
