/*
 * setup.h — creating and upgrading a database (`dibao init`), and the demo
 * county (`dibao demo`).
 * Thread-safety: each call opens its own connection.
 */
#ifndef DIB_SVC_SETUP_H
#define DIB_SVC_SETUP_H

#include "util/dib.h"
#include "util/err.h"
#include "util/progress.h"
#include "core/date.h"
#include "store/store.h"

/* The database URL for this run: cli_url, else $DIBAO_DB, else the default
 * (store_url_resolve). */
const char *setup_url(const char *cli_url);

/* The URL with any password replaced by "***", for printing. */
char *setup_url_display(const char *url, char *out, size_t cap);

/* Opens the database for a command. With need_schema, a database that was
 * never initialised is DIB_ESCHEMA "数据库尚未初始化，请先运行 dibao init"
 * (and *out stays NULL). Close with setup_close. */
dib_code setup_open(const char *url, bool need_schema, struct store **out,
		    dib_err *err);
void setup_close(struct store *s);

/* The same check on an open connection. */
dib_code setup_require_schema(struct store *s, dib_err *err);

struct setup_result {
	int from, to;       /* schema versions before and after */
	int calendar_years; /* years of the holiday schedule loaded by this call */
};

/* Migrates the database at url to the newest schema and, when no holiday
 * schedule is loaded yet, loads <data_dir>/holidays-cn.csv. Rerunning is a
 * no-op. */
dib_code setup_init(const char *url, const char *data_dir, const char *actor,
		    struct setup_result *r, dib_err *err);

/* Same on an open connection. */
dib_code setup_init_store(struct store *s, const char *data_dir, const char *actor,
			  struct setup_result *r, dib_err *err);

struct demo_opts {
	const char *data_dir;   /* reference data (regions, holidays) */
	const char *work_dir;   /* where the generated CSV files are written */
	uint64_t households;    /* default 3000 */
	uint64_t seed;
	const char *actor;
	dib_progress *progress; /* may be NULL */
};

struct demo_result {
	uint64_t regions, households, persons;
	int users, standards;
};

/* The demo county 延津县 (410726): its real townships with generated
 * villages, households and members (via gen + import, so the demo also
 * exercises the importer), the 低保 standards of the seeds with their
 * dates, and one demo user per role (password DEMO_PASSWORD). Fails with
 * DIB_ECONFLICT, changing nothing, when the county already has households. */
#define DEMO_PASSWORD "Dibao@2026"
#define DEMO_COUNTY "410726"
dib_code demo_create(struct store *s, const struct demo_opts *o,
		     struct demo_result *r, dib_err *err);

/* Up to n 低保 applications of 东屯镇 walked through the workflow by the
 * demo users on the days before today and left at every stage, a few
 * confirmed (with entitlements) or refused (svc/demo_cases.c). For `make
 * run`; the tests start from a county without cases. */
dib_code demo_cases(struct store *s, int n, dib_date today, dib_err *err);

/* Up to n households of county that never applied, assessed with the real
 * rules and, when eligible, in payment since January (svc/demo_covered.c):
 * the households a county already pays when it installs dibao. *made gets
 * how many. Run after demo_cases (it leaves their households alone). */
dib_code demo_covered(struct store *s, const char *county, int n, dib_date today, int *made,
		      dib_err *err);

#endif
