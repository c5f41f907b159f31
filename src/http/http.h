/*
 * http.h — the HTTP server of `dibao serve`: the JSON API under /api/v1,
 * /healthz, /metrics and the web UI's static files, on libmicrohttpd with
 * a pool of worker threads (one database connection each).
 *
 * This is the only header the CLI includes from src/http; everything else
 * is internal to the layer (http_int.h).
 * Thread-safety: http_server_start and http_server_stop are called by one
 * thread (the main thread of `dibao serve`); the server runs its own
 * threads in between.
 */
#ifndef DIB_HTTP_H
#define DIB_HTTP_H

#include "util/dib.h"
#include "util/err.h"
#include "util/log.h"

#define HTTP_BODY_MAX_DEFAULT ((size_t)1 << 20) /* 1 MiB */
#define HTTP_TIMEOUT_DEFAULT 30                 /* seconds of silence before a connection is closed */
#define HTTP_CONN_LIMIT_DEFAULT 256

struct http_opts {
	const char *listen;    /* "127.0.0.1:8080", "[::1]:8080"; port 0 = any free port */
	const char *db_url;    /* opened once per worker thread */
	const char *web_dir;   /* static files of the web UI; may not exist */
	unsigned threads;      /* worker threads; 0 = number of cores */
	size_t body_max;       /* request body cap; 0 = HTTP_BODY_MAX_DEFAULT */
	unsigned timeout_s;    /* 0 = HTTP_TIMEOUT_DEFAULT */
	unsigned conn_limit;   /* 0 = HTTP_CONN_LIMIT_DEFAULT */
	const dib_log *log;    /* access log and errors; borrowed for the server's life */
	bool secure_cookie;    /* mark the session cookie Secure (behind HTTPS) */
};

struct http_server;

/* Opens the database connections (the schema must be initialised: else
 * DIB_ESCHEMA), binds the address and starts serving. A wrong listen
 * address is DIB_EUSAGE; a port in use DIB_EIO. Signals the caller wants to
 * handle itself must be blocked before this call, since the worker threads
 * inherit the signal mask. On success *out is running; stop it with
 * http_server_stop. On failure nothing is left running. */
dib_code http_server_start(const struct http_opts *o, struct http_server **out,
			   dib_err *err);

/* The port actually bound (useful with port 0). */
unsigned http_server_port(const struct http_server *s);

/* The number of worker threads serving. */
unsigned http_server_threads(const struct http_server *s);

/* Stops accepting, lets requests in flight finish (waiting at most a few
 * seconds for open connections to drain), stops the threads, closes the
 * database connections and frees s. s may be NULL. */
void http_server_stop(struct http_server *s);

/* Calls fn for every row of the route table, in matching order: method,
 * pattern ("/api/v1/households/{id}") and guard ("public", "session",
 * "session+csrf"). Strings are static. */
typedef void (*http_route_fn)(void *ctx, const char *method, const char *pattern,
			      const char *guard);
void http_routes_each(http_route_fn fn, void *ctx);

#endif
