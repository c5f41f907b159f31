/*
 * holidays.h — the official holiday schedule (放假调休安排) as data: loading a
 * year from a file into the database (an administrator does this each
 * November when the State Council publishes the next year), and reading the
 * working-day calendar back for deadline arithmetic.
 * Thread-safety: as the store connection.
 */
#ifndef DIB_SVC_HOLIDAYS_H
#define DIB_SVC_HOLIDAYS_H

#include "util/dib.h"
#include "util/err.h"
#include "core/calendar.h"
#include "store/store.h"

#define HOLIDAYS_MAX_YEARS 32

struct holidays_result {
	int years[HOLIDAYS_MAX_YEARS]; /* the years loaded, ascending */
	int nyears;
	int days;                      /* entries written */
};

/* Loads a CSV file with the columns date,kind,name (kind: holiday|workday,
 * or 放假|上班) — the format of data/holidays-cn.csv. Every year present
 * in the file replaces that year's schedule as a whole. Validated fully
 * before anything is written; one transaction, one audit record. */
dib_code holidays_load_file(struct store *s, const char *path, const char *actor,
			    struct holidays_result *r, dib_err *err);

/* The calendar of every loaded year. Caller frees with calendar_free. */
dib_code holidays_calendar(struct store *s, calendar **out, dib_err *err);

#endif
