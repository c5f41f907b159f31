/*
 * time.c — UTC timestamps and the monotonic clock (see time.h).
 * Thread-safety: reentrant; gmtime_r keeps no shared state.
 */
#include "util/dib.h"
#include "util/time.h"

#include <time.h>

int64_t dib_time_now_unix(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return (int64_t)time(NULL);
	return (int64_t)ts.tv_sec;
}

size_t dib_time_format_utc(int64_t unix_s, char *out, size_t cap)
{
	if (cap > 0)
		out[0] = '\0';
	if (cap < DIB_TIME_UTC_SIZE)
		return 0;
	time_t t = (time_t)unix_s;
	struct tm tm;
	if ((int64_t)t != unix_s || !gmtime_r(&t, &tm))
		return 0;
	/* Years past 9999 or before 0 would not fit the fixed width. */
	if (tm.tm_year < -1900 || tm.tm_year > 9999 - 1900)
		return 0;
	int year = tm.tm_year + 1900;
	int n = snprintf(out, cap, "%04d-%02d-%02dT%02d:%02d:%02dZ", year,
			 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
			 tm.tm_sec);
	if (n != DIB_TIME_UTC_SIZE - 1) {
		out[0] = '\0';
		return 0;
	}
	return (size_t)n;
}

size_t dib_time_now_utc(char *out, size_t cap)
{
	return dib_time_format_utc(dib_time_now_unix(), out, cap);
}

int64_t dib_time_mono_ms(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

uint64_t dib_time_mono_ns(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void time_split(const struct tm *tm, int *year, int *month, int *day)
{
	if (year)
		*year = tm->tm_year + 1900;
	if (month)
		*month = tm->tm_mon + 1;
	if (day)
		*day = tm->tm_mday;
}

void dib_time_today_utc(int *year, int *month, int *day)
{
	time_t t = (time_t)dib_time_now_unix();
	struct tm tm;
	if (!gmtime_r(&t, &tm))
		memset(&tm, 0, sizeof tm);
	time_split(&tm, year, month, day);
}

/* DIB_TODAY=YYYY-MM-DD, when set and well formed, into y/m/d. */
static bool today_override(int *y, int *m, int *d)
{
	const char *v = getenv("DIB_TODAY");
	if (!v || strlen(v) != 10 || v[4] != '-' || v[7] != '-')
		return false;
	int f[3] = { 0, 0, 0 };
	const int at[3] = { 0, 5, 8 }, len[3] = { 4, 2, 2 };
	for (int i = 0; i < 3; i++)
		for (int k = 0; k < len[i]; k++) {
			char c = v[at[i] + k];
			if (c < '0' || c > '9')
				return false;
			f[i] = f[i] * 10 + (c - '0');
		}
	if (f[0] < 1900 || f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > 31)
		return false;
	*y = f[0];
	*m = f[1];
	*d = f[2];
	return true;
}

bool dib_time_today_fixed(void)
{
	int y, m, d;
	return today_override(&y, &m, &d);
}

void dib_time_today_china(int *year, int *month, int *day)
{
	int y, m, d;
	if (today_override(&y, &m, &d)) {
		if (year)
			*year = y;
		if (month)
			*month = m;
		if (day)
			*day = d;
		return;
	}
	/* UTC+8 as a shift of the clock, not through TZ: no zone files needed */
	time_t t = (time_t)(dib_time_now_unix() + 8 * 3600);
	struct tm tm;
	if (!gmtime_r(&t, &tm))
		memset(&tm, 0, sizeof tm);
	time_split(&tm, year, month, day);
}
