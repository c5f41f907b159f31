/*
 * import_int.h — what the import driver (import.c) shares with the three
 * kinds of file (import_region.c, import_household.c, import_member.c).
 * Only those files include it.
 *
 * The driver reads the header, maps columns, streams the rows through the
 * kind's `row` validator, runs the kind's `check` against the database
 * (batched lookups, no writes), and only then, if the file is acceptable,
 * opens the one write transaction in which the kind's `write` bulk-loads the
 * stashed rows. Stashed values live in the job arena (job-run lifetime).
 * Thread-safety: one call per store connection at a time; no shared state.
 */
#ifndef DIB_SVC_IMPORT_INT_H
#define DIB_SVC_IMPORT_INT_H

#include "util/dib.h"
#include "util/arena.h"
#include "util/time.h"
#include "util/csv.h"
#include "util/hmap.h"
#include "util/vec.h"
#include "core/date.h"
#include "store/store_rebuild.h"
#include "svc/import.h"

#define IMPORT_MAX_COLS 16
#define IMPORT_MAX_NAMES 8

/* A column a kind understands: accepted header names, the first one is the
 * canonical Chinese name used in messages; English names last. */
struct import_col {
	const char *names[IMPORT_MAX_NAMES];
	bool required;
};

struct import_job;

struct import_ops {
	const char *label;  /* "区划", "家庭", "成员" — for messages */
	const char *entity; /* audit entity: "regions", "households", "members" */
	const struct import_col *cols;
	int ncols;
	/* Loads what row validation needs (e.g. the known region codes). */
	dib_code (*begin)(struct import_job *j, dib_err *err);
	/* Validates the current row (j->row, j->f); reports problems with
	 * import__problem and stashes a good row. Fails only for fatal errors. */
	dib_code (*row)(struct import_job *j, dib_err *err);
	/* Checks the stashed rows against the database; marks bad ones. */
	dib_code (*check)(struct import_job *j, dib_err *err);
	/* Writes the good rows inside the open transaction. */
	dib_code (*write)(struct import_job *j, uint64_t *written, dib_err *err);
	/* Frees the kind's state. */
	void (*end)(struct import_job *j);
};

/* The first reason a row was rejected, for the bad-rows file. */
struct import_reason {
	size_t row;
	const char *text; /* in the job arena */
};

struct import_job {
	struct store *s;
	const struct import_opts *o;
	struct import_result *res;
	const struct import_ops *ops;
	dib_arena arena; /* job-run lifetime: stashed strings */
	int map[IMPORT_MAX_COLS];                /* kind column → file field, -1 absent */
	const char *header[IMPORT_MAX_COLS];     /* header text as written (arena) */
	uint8_t *bad;       /* bitmap of rejected rows, by row number */
	dib_vec reasons;    /* struct import_reason: the first problem of each rejected row */
	dib_code fatal;     /* out of memory while recording a problem */
	size_t bad_cap;     /* bits */
	void *state;        /* the kind's own */
	size_t est_rows;    /* guess from the file size, for pre-sizing maps */
	char now[DIB_TIME_UTC_SIZE];
	char today[DIB_DATE_STR];
	/* the current row */
	size_t row;
	const dib_csv_field *f;
	size_t nf;
};

extern const struct import_ops import_region_ops;
extern const struct import_ops import_household_ops;
extern const struct import_ops import_member_ops;

/* The current row's value of kind column col, trimmed of ASCII and
 * full-width spaces; "" (length 0) when the file has no such column.
 * Borrowed until the next row. */
void import__field(const struct import_job *j, int col, const char **p, size_t *n);

/* Reports a problem with row `row` (marks it rejected, once per row for the
 * counters). col is a kind column or -1; value may be NULL. */
void import__problem(struct import_job *j, size_t row, int col, const char *value,
		     size_t vlen, const char *fmt, ...) DIB_PRINTF(6, 7);

/* Whether row was rejected. */
bool import__is_bad(const struct import_job *j, size_t row);

/* Number of UTF-8 characters in n bytes of p (what clerks count). */
size_t import__chars(const char *p, size_t n);

/* Copies n bytes into the job arena (NUL-terminated); NULL when out of memory. */
char *import__dup(struct import_job *j, const char *p, size_t n);

/* A bulk load of one table. A load of IMPORT_REBUILD_MIN rows or more into
 * an empty table rebuilds the table's indexes once at the end instead of
 * row by row (store_rebuild.h): the initial load of a county. */
#define IMPORT_REBUILD_MIN 10000

struct import_load {
	struct store_bulk *bulk;
	struct store_rebuild *rebuild; /* NULL when indexes are kept */
};

dib_code import__load_begin(struct import_job *j, const char *table,
			    const char *const *cols, int ncols, int64_t rows,
			    struct import_load *l, dib_err *err);

/* Ends the load: when rc is an error, abandons it and returns rc; else
 * finishes it and rebuilds what was dropped. */
dib_code import__load_end(struct import_load *l, dib_code rc, dib_err *err);

/* Writes an int64 as decimal text into buf (24 bytes); returns its length. */
size_t import__itoa(int64_t v, char *buf);

#endif
