/*
 * time.h — the few clock readings dibao needs, in plain integers.
 *
 * util knows no domain types, so dates come back as y/m/d ints; core turns
 * them into its own date values. Wall-clock readings are UTC (the log and the
 * audit trail must not depend on the server's time zone); durations use the
 * monotonic clock so that an NTP step cannot make them negative.
 *
 * Thread-safety: every function is reentrant (gmtime_r,
 * clock_gettime); changing TZ while other threads run is not supported.
 */
#ifndef DIB_TIME_H
#define DIB_TIME_H

#include "util/dib.h"

/* Bytes needed for "2026-11-26T08:00:00Z" plus its NUL. */
#define DIB_TIME_UTC_SIZE 21

/* Seconds since 1970-01-01T00:00:00Z. */
int64_t dib_time_now_unix(void);

/* Formats unix_s as "2026-11-26T08:00:00Z" into out (cap bytes, which must
 * be at least DIB_TIME_UTC_SIZE). Returns the length written (20), or 0 with
 * out set to "" (when cap > 0) if cap is too small or the time cannot be
 * represented. */
size_t dib_time_format_utc(int64_t unix_s, char *out, size_t cap);

/* dib_time_format_utc of the current time. */
size_t dib_time_now_utc(char *out, size_t cap);

/* Milliseconds on the monotonic clock: only differences mean anything. */
int64_t dib_time_mono_ms(void);
/* Nanoseconds on the monotonic clock, for timing database work. */
uint64_t dib_time_mono_ns(void);

/* Today's date in UTC. Any pointer may be NULL. */
void dib_time_today_utc(int *year, int *month, int *day);

/* Today's date in China Standard Time (UTC+8, no daylight saving since
 * 1991) — the business date (deadlines, ages, periods). Whatever time
 * zone the server's machine is set to (TZ=UTC is common on servers and
 * CI), a bureau's day starts at midnight in Beijing, and the web UI's
 * date pickers (the browser's clock) agree with it. Any pointer may be NULL.
 * The environment variable DIB_TODAY=YYYY-MM-DD fixes it instead: for the
 * tests, which walk a case through weeks of deadlines, and for a training
 * copy (培训环境). `dibao serve` logs it at start and /healthz shows it, so
 * a production server cannot run on a fixed date unnoticed. The
 * timestamps of records (dib_time_now_*) are never affected. */
void dib_time_today_china(int *year, int *month, int *day);

/* Whether DIB_TODAY fixes the business date. */
bool dib_time_today_fixed(void);

#endif
