/*
 * call.c — the one shape of a handler's call into svc (struct http_call,
 * http_int.h): who is asking, the error, the request body's document and
 * the pooled connection with the time it was taken. Every handler used to
 * spell these out — take a connection, time it, give it back, count the
 * time, release the body, answer the error — and a missed step is a
 * leaked connection or a wrong metric; here it is written once.
 * Thread-safety: touches only the request and the self-guarded pool and
 * metrics.
 */
#include "util/dib.h"
#include "util/time.h"
#include "http/http_int.h"
#include "svc/session.h"

void http__call_init(struct http_req *r, struct http_call *c)
{
	c->who = authz_subject_of(r->session);
	dib_err_clear(&c->err);
	c->doc = NULL;
	c->s = NULL;
	c->t0 = 0;
}

dib_code http__call_read(struct http_req *r, struct http_call *c, const struct http_field *f,
			 size_t n, json_t **vals)
{
	return http__read_object(r, f, n, &c->doc, vals, &c->err);
}

struct store *http__call_begin(struct http_req *r, struct http_call *c)
{
	c->t0 = dib_time_mono_ns();
	c->s = http__pool_get(&r->app->pool);
	return c->s;
}

void http__call_put(struct http_req *r, struct http_call *c)
{
	if (c->s) {
		http__pool_put(&r->app->pool, c->s);
		http__metrics_db(&r->app->metrics, dib_time_mono_ns() - c->t0);
		c->s = NULL;
	}
}

void http__call_end(struct http_req *r, struct http_call *c)
{
	http__call_put(r, c);
	json_decref(c->doc);
	c->doc = NULL;
}

enum MHD_Result http__call_fail(struct http_req *r, struct http_call *c)
{
	http__call_end(r, c);
	return http__send_error(r, &c->err);
}
