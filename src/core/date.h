/*
 * date.h — calendar dates (YYYY-MM-DD) and months (YYYY-MM), pure values.
 *
 * The legal arithmetic of the regulations lives here: "N months after" per
 * Civil Code art. 202 (no corresponding day → the last day of that month),
 * "from the next month" (the first day of the following month), and age in
 * whole years (周岁: the birthday itself counts). The proleptic Gregorian
 * calendar, years 1000–9999. No I/O: "today" is always a parameter.
 * Thread-safe: pure functions.
 */
#ifndef DIB_CORE_DATE_H
#define DIB_CORE_DATE_H

#include "util/dib.h"
#include "util/err.h"

typedef struct dib_date {
	int year;  /* 1000..9999 */
	int month; /* 1..12 */
	int day;   /* 1..days in month */
} dib_date;

typedef struct dib_month {
	int year;
	int month;
} dib_month;

#define DIB_DATE_STR 11  /* "YYYY-MM-DD" + NUL */
#define DIB_MONTH_STR 8  /* "YYYY-MM" + NUL */

bool date_is_leap(int year);
int date_days_in_month(int year, int month);
bool date_valid(dib_date d);

/* Parses exactly "YYYY-MM-DD" (n bytes of s, not NUL-terminated). On error:
 * DIB_EINVAL with a message quoting the text; *out untouched. */
dib_code date_parse(const char *s, size_t n, dib_date *out, dib_err *err);
/* Writes "YYYY-MM-DD" into out[DIB_DATE_STR]. Returns out. */
char *date_format(dib_date d, char *out);

/* Days since 1970-01-01 (negative before), and back. */
int32_t date_to_days(dib_date d);
dib_date date_from_days(int32_t days);

/* <0, 0, >0 like strcmp. */
int date_cmp(dib_date a, dib_date b);
/* ISO weekday: 1 = Monday … 7 = Sunday. */
int date_weekday(dib_date d);
dib_date date_add_days(dib_date d, int n);
/* Civil Code art. 202: the same day n months later (n may be negative); when
 * that month has no such day, its last day. */
dib_date date_add_months(dib_date d, int n);
/* "From the next month" (次月起): the first day of the month after d. */
dib_date date_next_month_first(dib_date d);
/* Whole years from birth to on (周岁); the birthday itself counts, a 29
 * February birthday is reached on 28 February in common years (art. 202).
 * Negative when on is before birth. */
int date_age_on(dib_date birth, dib_date on);

/* Parses exactly "YYYY-MM". */
dib_code month_parse(const char *s, size_t n, dib_month *out, dib_err *err);
/* Writes "YYYY-MM" into out[DIB_MONTH_STR]. Returns out. */
char *month_format(dib_month m, char *out);
dib_month month_of(dib_date d);
dib_month month_add(dib_month m, int n);
int month_cmp(dib_month a, dib_month b);
/* Months from a to b (b - a). */
int month_diff(dib_month a, dib_month b);
dib_date month_first_day(dib_month m);
dib_date month_last_day(dib_month m);

#endif
