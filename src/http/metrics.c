/*
 * metrics.c — request counters, a latency histogram per route and the
 * time spent in database work, rendered as Prometheus text for /metrics.
 * Labels are bounded by construction: the route is a pattern of the table
 * (never the raw path, which may hold personal data), the method one of a
 * fixed list, the status one of the few the server sends.
 * Thread-safety: every function takes the struct's mutex.
 */
#include "util/dib.h"
#include "http/http_int.h"

const double http__latency_bounds[HTTP_LATENCY_BUCKETS] = {
	0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
};

dib_code http__metrics_init(struct http_metrics *m, int nroutes, dib_err *err)
{
	memset(m, 0, sizeof *m);
	m->buckets = calloc((size_t)nroutes, sizeof *m->buckets);
	m->sum_s = calloc((size_t)nroutes, sizeof *m->sum_s);
	if (!m->buckets || !m->sum_s) {
		free(m->buckets);
		free(m->sum_s);
		return dib_err_nomem(err);
	}
	m->nroutes = nroutes;
	pthread_mutex_init(&m->mu, NULL);
	return DIB_OK;
}

void http__metrics_release(struct http_metrics *m)
{
	if (!m->buckets)
		return;
	pthread_mutex_destroy(&m->mu);
	free(m->buckets);
	free(m->sum_s);
	m->buckets = NULL;
	m->sum_s = NULL;
}

void http__metrics_request(struct http_metrics *m, int route, int method,
			   int status, uint64_t ns)
{
	if (route < 0 || route >= m->nroutes)
		return;
	double s = (double)ns / 1e9;
	int b = 0;
	while (b < HTTP_LATENCY_BUCKETS && s > http__latency_bounds[b])
		b++;
	pthread_mutex_lock(&m->mu);
	size_t i = 0;
	while (i < m->nseries && !(m->series[i].route == route &&
				   m->series[i].method == method &&
				   m->series[i].status == status))
		i++;
	if (i == m->nseries) {
		if (m->nseries < HTTP_METRIC_SERIES) {
			m->series[i] = (struct http_series){ route, method, status, 0 };
			m->nseries++;
		} else {
			i = HTTP_METRIC_SERIES - 1; /* cannot happen with the fixed labels; stay bounded */
		}
	}
	m->series[i].count++;
	m->buckets[route][b]++;
	m->sum_s[route] += s;
	pthread_mutex_unlock(&m->mu);
}

void http__metrics_db(struct http_metrics *m, uint64_t ns)
{
	pthread_mutex_lock(&m->mu);
	m->db_ns += ns;
	pthread_mutex_unlock(&m->mu);
}

dib_code http__metrics_render(struct http_metrics *m, dib_buf *out)
{
	dib_code rc = DIB_OK;
	pthread_mutex_lock(&m->mu);
	rc = dib_buf_adds(out,
		"# HELP dibao_http_requests_total HTTP requests answered.\n"
		"# TYPE dibao_http_requests_total counter\n");
	for (size_t i = 0; !rc && i < m->nseries; i++) {
		const struct http_series *x = &m->series[i];
		rc = dib_buf_addf(out,
			"dibao_http_requests_total{route=\"%s\",method=\"%s\",status=\"%d\"} %llu\n",
			http__route_name(x->route), http__methods[x->method], x->status,
			(unsigned long long)x->count);
	}
	if (!rc)
		rc = dib_buf_adds(out,
			"# HELP dibao_http_request_duration_seconds Time from request line to answer sent.\n"
			"# TYPE dibao_http_request_duration_seconds histogram\n");
	for (int r = 0; !rc && r < m->nroutes; r++) {
		uint64_t cum = 0;
		for (int b = 0; b <= HTTP_LATENCY_BUCKETS; b++)
			cum += m->buckets[r][b];
		if (!cum)
			continue; /* a route never requested has no series */
		const char *name = http__route_name(r);
		cum = 0;
		for (int b = 0; !rc && b < HTTP_LATENCY_BUCKETS; b++) {
			cum += m->buckets[r][b];
			rc = dib_buf_addf(out,
				"dibao_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
				name, http__latency_bounds[b], (unsigned long long)cum);
		}
		cum += m->buckets[r][HTTP_LATENCY_BUCKETS];
		if (!rc)
			rc = dib_buf_addf(out,
				"dibao_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n"
				"dibao_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n"
				"dibao_http_request_duration_seconds_count{route=\"%s\"} %llu\n",
				name, (unsigned long long)cum, name, m->sum_s[r], name,
				(unsigned long long)cum);
	}
	if (!rc)
		rc = dib_buf_addf(out,
			"# HELP dibao_db_seconds_total Time request handlers spent in database work.\n"
			"# TYPE dibao_db_seconds_total counter\n"
			"dibao_db_seconds_total %.6f\n", (double)m->db_ns / 1e9);
	pthread_mutex_unlock(&m->mu);
	return rc;
}
