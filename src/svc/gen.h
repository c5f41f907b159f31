/*
 * gen.h — synthetic register data for tests, demos and benchmarks
 * (`dibao gen`): one county's region tree with generated villages, and poor
 * households with their members, written as the three CSV files that
 * `dibao import` reads (regions.csv, households.csv, members.csv).
 *
 * The data is plausible rather than random: real township codes and names
 * from the reference data, household sizes and ages skewed as in poor
 * households, valid ID numbers (GB 11643) whose birth date and sex agree
 * with the member's age and relation, Luhn-valid bank cards with real BINs,
 * health, labour capacity, disability and income consistent with age.
 *
 * Reproducible: the output is a pure function of (options, reference data).
 * The generator has its own PRNG (xoshiro256**), computes ages against a
 * fixed reference date (GEN_REF_DATE, not today) and uses no locale, so the
 * same seed gives the same bytes on every machine, forever.
 *
 * Thread-safety: every call works on its own state; calls may run in
 * parallel on different streams.
 */
#ifndef DIB_SVC_GEN_H
#define DIB_SVC_GEN_H

#include "util/dib.h"
#include "util/err.h"
#include "util/progress.h"

/* Ages and birth dates are computed relative to this date: 2026-01-01. */
#define GEN_REF_YEAR 2026
/* 户编号 has 7 digits after the county ("410726-0000001"). */
#define GEN_MAX_HOUSEHOLDS 9999999u
#define GEN_DEFAULT_COUNTY "410726"

struct gen_opts {
	uint64_t households;     /* 0 … GEN_MAX_HOUSEHOLDS */
	uint64_t seed;
	const char *county;      /* 6 digits; NULL means GEN_DEFAULT_COUNTY */
	const char *data_dir;    /* reference data: <data_dir>/regions/{provinces,cities,areas,streets}.csv */
	dib_progress *progress;  /* may be NULL; advanced per household */
};

struct gen_result {
	char county[7];          /* the 6-digit code */
	int townships;           /* all townships of the county, state units included */
	int villages;            /* generated villages and communities */
	uint64_t households;
	uint64_t persons;
};

/* Writes the three files' contents to open streams (in that order of
 * arguments), each with its Chinese header row. The streams are written
 * through the generator's own buffers and flushed, not closed.
 *
 * Errors: DIB_EINVAL (unknown or malformed county, too many households;
 * message quotes the value), DIB_EIO (reference file unreadable, a stream
 * write failed), DIB_ECSV / DIB_EENCODING (a damaged reference file),
 * DIB_ENOMEM. *res is filled only on success. */
dib_code gen_write(const struct gen_opts *o, FILE *regions, FILE *households,
		   FILE *members, struct gen_result *res, dib_err *err);

/* Creates dir (and missing parents) and writes dir/regions.csv,
 * dir/households.csv and dir/members.csv. Each file is written as
 * <name>.tmp and renamed only when all three are complete, so a failed run
 * never leaves a truncated file under the final name. Errors as gen_write;
 * DIB_EIO names the path that could not be created or written. */
dib_code gen_to_dir(const struct gen_opts *o, const char *dir,
		    struct gen_result *res, dib_err *err);

#endif
