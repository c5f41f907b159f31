/*
 * setup.c — `dibao init`: migrate, then make sure the working-day calendar
 * exists (the shipped State Council schedules), so deadlines can be computed
 * from the first day.
 * Thread-safety: one call per store connection at a time; no shared state.
 */
#include "util/dib.h"
#include "core/calendar.h"
#include "svc/holidays.h"
#include "svc/setup.h"

dib_code setup_init_store(struct store *s, const char *data_dir, const char *actor,
			  struct setup_result *r, dib_err *err)
{
	memset(r, 0, sizeof *r);
	dib_code rc = store_migrate(s, &r->from, &r->to, err);
	if (rc)
		return rc;
	calendar *c = NULL;
	rc = holidays_calendar(s, &c, err);
	if (rc)
		return rc;
	int first, last;
	bool any = calendar_years(c, &first, &last);
	calendar_free(c);
	if (any)
		return DIB_OK;
	char path[4096];
	snprintf(path, sizeof path, "%s/holidays-cn.csv", data_dir);
	struct holidays_result hr;
	rc = holidays_load_file(s, path, actor, &hr, err);
	if (!rc)
		r->calendar_years = hr.nyears;
	return rc;
}

dib_code setup_init(const char *url, const char *data_dir, const char *actor,
		    struct setup_result *r, dib_err *err)
{
	struct store *s = NULL;
	dib_code rc = store_open(url, &s, err);
	if (!rc)
		rc = setup_init_store(s, data_dir, actor, r, err);
	store_close(s);
	return rc;
}
