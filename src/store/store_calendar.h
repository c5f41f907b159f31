/*
 * store_calendar.h — the working-day calendar in the database: the tables
 * calendar_years (which years' holiday schedules are loaded, and from
 * where) and calendar_days (the days that break the weekday/weekend rule).
 *
 * The database is the calendar's home; core/calendar.h is its in-memory
 * form. A service loads the whole calendar once (a few hundred rows) and
 * computes deadlines in memory. A year missing from calendar_years is
 * unknown, never guessed.
 *
 * Thread-safety: as store.h — one connection, one thread at a time. The
 * loaded calendar may then be read from any thread.
 */
#ifndef DIB_STORE_CALENDAR_H
#define DIB_STORE_CALENDAR_H

#include "util/dib.h"
#include "util/err.h"
#include "core/calendar.h"
#include "core/date.h"
#include "store/store.h"

/* One special day of a year's schedule. */
typedef struct store_calendar_day {
	dib_date date;
	enum calendar_kind kind; /* CALENDAR_HOLIDAY or CALENDAR_WORKDAY */
	const char *name;        /* "春节", "国庆节调休上班" */
} store_calendar_day;

/* Reads every loaded year with its special days into a new calendar
 * (caller frees with calendar_free). Days of a year not listed in
 * calendar_years are ignored. DIB_EDB when a stored row is malformed,
 * DIB_ENOMEM; *out untouched on error. */
dib_code store_calendar_load(struct store *s, calendar **out, dib_err *err);

/* Replaces one year's schedule inside the caller's transaction (DIB_EINTERNAL
 * without one): deletes the year's days and its calendar_years row, then
 * writes days[0..n) and the row (source: the State Council notice or file it
 * came from; loaded_at: now). n may be 0 (a year known to have no special
 * days). DIB_EINVAL (naming the date) for a day outside year, a bad kind
 * or a missing name; DIB_ECONFLICT for a date given twice. On error roll
 * the transaction back. */
dib_code store_calendar_replace_year(struct store *s, int year,
				     const store_calendar_day *days, size_t n,
				     const char *source, dib_err *err);

#endif
