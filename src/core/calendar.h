/*
 * calendar.h — the working-day calendar (工作日).
 *
 * Saturdays and Sundays are days off, weekdays are working days, except the
 * official holidays (a day off even on a weekday) and adjusted working days
 * (调休上班, a weekend day that is worked) of the State Council's yearly
 * schedule. Only years whose schedule was loaded are known: asking about any
 * other year is DIB_ECALENDAR, never a silent guess. The schedule comes from
 * data (data/holidays-cn.csv, the database), never from code.
 *
 * Thread-safety: build with calendar_new/calendar_add_year on one thread,
 * then read from any number of threads.
 */
#ifndef DIB_CORE_CALENDAR_H
#define DIB_CORE_CALENDAR_H

#include "util/dib.h"
#include "util/err.h"
#include "core/date.h"

enum calendar_kind { CALENDAR_HOLIDAY = 1, CALENDAR_WORKDAY = 2 };

typedef struct calendar_entry {
	dib_date date;
	enum calendar_kind kind;
} calendar_entry;

typedef struct calendar calendar;

/* An empty calendar (no year known). NULL when out of memory.
 * Caller frees with calendar_free. */
calendar *calendar_new(void);
void calendar_free(calendar *c);

/* Loads (or replaces) one year's schedule: every entry must fall in that
 * year; a holiday on a weekend or a workday on a weekday is accepted only if
 * it changes nothing (it is recorded as given). An empty list is allowed (a
 * year with no holidays). DIB_EINVAL for an entry outside the year or a date
 * given twice; the calendar is unchanged on error. */
dib_code calendar_add_year(calendar *c, int year, const calendar_entry *e,
			   size_t n, dib_err *err);

bool calendar_has_year(const calendar *c, int year);

/* The first and last loaded year; false when none is loaded. */
bool calendar_years(const calendar *c, int *first, int *last);

/* Whether d is a working day. DIB_ECALENDAR when d's year is not loaded. */
dib_code calendar_is_workday(const calendar *c, dib_date d, bool *out,
			     dib_err *err);

/* The n-th working day after d (d itself not counted), n >= 0; n = 0 gives
 * d itself. A negative n is DIB_EINVAL. DIB_ECALENDAR when the walk leaves
 * the loaded years; only the years of the days after d are needed, so d on
 * 31 December does not need d's year loaded. */
dib_code calendar_add_workdays(const calendar *c, dib_date d, int n,
			       dib_date *out, dib_err *err);

/* Working days in (from, to]: after from, up to and including to; negative
 * when to is before from. DIB_ECALENDAR when a year in between is not loaded;
 * only the years with days in the range are needed (the earlier date on
 * 31 December does not need its year). */
dib_code calendar_count_workdays(const calendar *c, dib_date from, dib_date to,
				 int *out, dib_err *err);

#endif
