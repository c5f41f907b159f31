/*
 * pool.c — the database connections of the server: one per worker thread,
 * opened at start (so a wrong URL or an uninitialised database stops the
 * server before it listens) and lent to one request at a time. With as
 * many connections as threads a request never waits; the condition
 * variable only matters if that ever changes.
 * Thread-safety: get and put take the pool's mutex; a lent connection is
 * used by one thread only until it is given back.
 */
#include "util/dib.h"
#include "http/http_int.h"
#include "svc/setup.h"

dib_code http__pool_init(struct http_pool *p, const char *url, size_t n, dib_err *err)
{
	memset(p, 0, sizeof *p);
	p->all = calloc(n, sizeof *p->all);
	p->free = calloc(n, sizeof *p->free);
	if (!p->all || !p->free) {
		free(p->all);
		free(p->free);
		p->all = p->free = NULL;
		return dib_err_nomem(err);
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	for (size_t i = 0; i < n; i++) {
		dib_code rc = setup_open(url, true, &p->all[i], err);
		if (rc) {
			http__pool_release(p);
			return rc;
		}
		p->n++;
		p->free[p->nfree++] = p->all[i];
	}
	return DIB_OK;
}

struct store *http__pool_get(struct http_pool *p)
{
	pthread_mutex_lock(&p->mu);
	while (p->nfree == 0)
		pthread_cond_wait(&p->cv, &p->mu);
	struct store *s = p->free[--p->nfree];
	pthread_mutex_unlock(&p->mu);
	return s;
}

void http__pool_put(struct http_pool *p, struct store *s)
{
	pthread_mutex_lock(&p->mu);
	p->free[p->nfree++] = s;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

void http__pool_release(struct http_pool *p)
{
	if (!p->all)
		return;
	for (size_t i = 0; i < p->n; i++)
		setup_close(p->all[i]);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	free(p->all);
	free(p->free);
	memset(p, 0, sizeof *p);
}
