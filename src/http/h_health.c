/*
 * h_health.c — GET /healthz (the process is up and its database answers)
 * and GET /metrics (Prometheus text), for load balancers and monitoring.
 * Thread-safety: each request uses its own pooled connection; the metrics
 * lock themselves.
 */
#include "util/dib.h"
#include "util/time.h"
#include "http/http_int.h"
#include "svc/health.h"

enum MHD_Result http__h_health(struct http_req *r)
{
	dib_err err;
	dib_err_clear(&err);
	const char *engine = NULL;
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = health_check(s, &engine, &err);
	http__pool_put(&r->app->pool, s);
	http__metrics_db(&r->app->metrics, dib_time_mono_ns() - t0);
	if (rc) {
		/* 503, whatever the cause: a load balancer should route around us */
		json_t *j = json_pack("{s:{s:s,s:s}}", "error", "code", dib_code_name(rc),
				      "message", "数据库不可用");
		if (err.detail[0])
			dib_log_write(r->app->log, DIB_LOG_ERROR, "healthz: %s", err.detail);
		enum MHD_Result ret = j ? http__send_json(r, MHD_HTTP_SERVICE_UNAVAILABLE, j) : MHD_NO;
		json_decref(j);
		return ret;
	}
	/* the business date, so the web UI's pickers use the server's day */
	char day[DIB_DATE_STR];
	dib_date d = http__today();
	snprintf(day, sizeof day, "%04d-%02d-%02d", d.year, d.month, d.day);
	json_t *j = json_pack("{s:s,s:s,s:s}", "status", "ok", "db", engine, "business_date", day);
	if (j && dib_time_today_fixed())
		/* a fixed business date (DIB_TODAY) must be visible from outside */
		json_object_set_new(j, "business_date_fixed", json_string(day));
	enum MHD_Result ret = j ? http__send_json(r, MHD_HTTP_OK, j) : MHD_NO;
	json_decref(j);
	return ret;
}

enum MHD_Result http__h_metrics(struct http_req *r)
{
	dib_buf b;
	dib_buf_init(&b, (size_t)4 << 20);
	dib_code rc = http__metrics_render(&r->app->metrics, &b);
	enum MHD_Result ret = rc ? http__send_code(r, rc, NULL)
		: http__send_text(r, MHD_HTTP_OK, "text/plain; version=0.0.4; charset=utf-8",
				  dib_buf_str(&b), b.len);
	dib_buf_release(&b);
	return ret;
}
