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

const char *setup_url(const char *cli_url)
{
	return store_url_resolve(cli_url);
}

char *setup_url_display(const char *url, char *out, size_t cap)
{
	return store_url_display(url, out, cap);
}

dib_code setup_require_schema(struct store *s, dib_err *err)
{
	int v = 0;
	dib_code rc = store_schema_version(s, &v, err);
	if (!rc && !v)
		rc = dib_err_set(err, DIB_ESCHEMA, "数据库尚未初始化，请先运行 dibao init");
	return rc;
}

dib_code setup_open(const char *url, bool need_schema, struct store **out,
		    dib_err *err)
{
	struct store *s = NULL;
	dib_code rc = store_open(url, &s, err);
	if (!rc && need_schema)
		rc = setup_require_schema(s, err);
	if (rc) {
		store_close(s);
		return rc;
	}
	*out = s;
	return DIB_OK;
}

void setup_close(struct store *s)
{
	store_close(s);
}
