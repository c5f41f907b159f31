/*
 * store_standard.h — assistance standards (保障标准) per county and program,
 * with their whole history.
 *
 * A new standard never overwrites an old one: it is a new row with the date
 * it takes effect, so a payroll rerun for a past month uses the standard
 * that was in force then. The standard in force on a date is the row with
 * the latest effective_from not after that date.
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#ifndef DIB_STORE_STANDARD_H
#define DIB_STORE_STANDARD_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/date.h"
#include "core/region.h"
#include "store/store.h"

typedef struct store_standard {
	char county[REGION_COUNTY_LEN + 1]; /* 6 digits */
	const char *program;     /* programs.code: "dibao_urban", … */
	dib_date effective_from;
	int64_t amount_fen;      /* per unit, in fen */
	const char *unit;        /* "person_month", "person_year" or "once" */
	dib_date decided_on;     /* the decision's date; year 0 when unknown */
	const char *document;    /* 文件号; NULL when none */
	const char *created_at;  /* set on insert (now, UTC); read back as stored */
} store_standard;

/* Inserts a standard (in the caller's transaction, if any); created_at is
 * ignored and set to now. DIB_EINVAL for a county that is not 6 digits, an
 * invalid date, a negative amount or a missing program/unit;
 * DIB_ECONFLICT when that county and program already have a standard from
 * that date, or the program does not exist. */
dib_code store_standard_insert(struct store *s, const store_standard *st,
			       dib_err *err);

/* The standard in force for county and program on date on: the latest
 * effective_from <= on. Strings are allocated in a. DIB_ENOTFOUND (with a
 * message naming county, program and date) when none is in force yet;
 * *out untouched on error. */
dib_code store_standard_in_force(struct store *s, const char *county,
				 const char *program, dib_date on,
				 dib_arena *a, store_standard *out,
				 dib_err *err);

/* The history of a county's standards, oldest first; for one program, or
 * for all (program NULL: ordered by program, then date). *out is an array
 * of *n allocated in a (NULL when none), its strings too. */
dib_code store_standard_history(struct store *s, const char *county,
				const char *program, dib_arena *a,
				store_standard **out, size_t *n, dib_err *err);

#endif
