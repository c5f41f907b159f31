/*
 * health.c — the database check behind /healthz (see health.h).
 * Thread-safety: uses only the given connection.
 */
#include "util/dib.h"
#include "svc/health.h"

dib_code health_check(struct store *s, const char **engine, dib_err *err)
{
	int64_t one = 0;
	bool found = false;
	dib_code rc = store_query_int64(s, "SELECT 1", 0, NULL, &one, &found, err);
	if (rc)
		return rc;
	if (!found || one != 1)
		return dib_err_set(err, DIB_EDB, "数据库检查未返回预期结果");
	*engine = store_engine_name(s);
	return DIB_OK;
}
