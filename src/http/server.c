/*
 * server.c — the libmicrohttpd glue: starts the daemon (internal polling
 * thread + a pool of worker threads, connection timeout and limit), and
 * drives each request through its life:
 *   URI callback   → looks at the raw path before MHD decodes it;
 *   first call     → allocates the request and its arena, checks the path
 *                    and the announced body size, finds the route;
 *   upload calls   → collect the body up to the cap;
 *   last call      → runs the handler (or answers 400/404/405/413);
 *   completed      → metrics, one access-log line, frees the request.
 * Thread-safety: callbacks run on the worker threads; they share only
 * struct dib_app (read-only config, self-locking metrics and pool).
 */
#include "util/dib.h"
#include "http/http_int.h"

#include <netdb.h>
#include <limits.h>
#include <sys/socket.h>
#include <unistd.h>

struct http_server {
	struct dib_app app;
	struct MHD_Daemon *daemon;
	unsigned port;
	unsigned threads;
};

static uint64_t elapsed_ns(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)(t.tv_sec - t0->tv_sec) * 1000000000u + (uint64_t)t.tv_nsec -
	       (uint64_t)t0->tv_nsec;
}

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	(void)conn;
	struct dib_app *app = cls;
	return http__raw_path_suspicious(uri) ? &app->tag_bad : &app->tag_ok;
}

static enum MHD_Result send_status(struct http_req *r, unsigned status, dib_code code,
				   const char *msg)
{
	json_t *j = json_pack("{s:{s:s,s:s}}", "error", "code", dib_code_name(code),
			      "message", msg);
	enum MHD_Result ret = j ? http__send_json(r, status, j) : MHD_NO;
	json_decref(j);
	return ret;
}

/* The first call: sets up the request; may answer at once. */
static enum MHD_Result begin(struct dib_app *app, struct MHD_Connection *conn,
			     const char *url, const char *method, void **con_cls)
{
	struct http_req *r = calloc(1, sizeof *r);
	if (!r)
		return MHD_NO;
	clock_gettime(CLOCK_MONOTONIC, &r->t0);
	r->bad_path = *con_cls == &app->tag_bad;
	*con_cls = r;
	r->app = app;
	r->conn = conn;
	r->method = method;
	r->path = url;
	r->method_ix = http__method_ix(method);
	r->route = HTTP_ROUTE_BAD;
	dib_arena_init(&r->arena, 16 * 1024, 0);
	dib_buf_init(&r->body, app->body_max);

	if (r->bad_path || !http__path_ok(url))
		return http__send_code(r, DIB_EINVAL, "请求路径不正确");
	r->fn = http__route_find(r, &r->wrong_method);
	const struct http_route *rt = r->fn ? http__route_get(r->route) : NULL;
	size_t body_max = rt && rt->upload && app->body_max < HTTP_UPLOAD_MAX ? HTTP_UPLOAD_MAX
									       : app->body_max;
	dib_buf_init(&r->body, body_max);

	const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						     MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl) {
		char *end;
		unsigned long long n = strtoull(cl, &end, 10);
		if (end == cl || *end || n > body_max) {
			/* answered before the body is read: MHD then closes the connection */
			char msg[128];
			snprintf(msg, sizeof msg, "请求内容超过 %zu 字节的上限", body_max);
			return http__send_code(r, DIB_ETOOBIG, msg);
		}
	}
	return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
				  const char *url, const char *method,
				  const char *version, const char *upload_data,
				  size_t *upload_size, void **con_cls)
{
	(void)version;
	struct dib_app *app = cls;
	struct http_req *r = *con_cls;
	if (!r || *con_cls == &app->tag_ok || *con_cls == &app->tag_bad)
		return begin(app, conn, url, method, con_cls);
	if (*upload_size) {
		/* a body without Content-Length (chunked) is cut here */
		if (!r->too_big && !r->status) {
			dib_code rc = dib_buf_add(&r->body, upload_data, *upload_size);
			if (rc == DIB_ENOMEM)
				return MHD_NO;
			if (rc) {
				r->too_big = true;
				dib_buf_release(&r->body);
			}
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (r->status)
		return MHD_YES;
	if (r->too_big) {
		const struct http_route *rt = r->fn ? http__route_get(r->route) : NULL;
		char msg[128];
		snprintf(msg, sizeof msg, "请求内容超过 %zu 字节的上限",
			 rt && rt->upload && app->body_max < HTTP_UPLOAD_MAX ? HTTP_UPLOAD_MAX
									     : app->body_max);
		return http__send_code(r, DIB_ETOOBIG, msg);
	}
	if (r->fn)
		return http__dispatch(r);
	if (r->wrong_method)
		return send_status(r, MHD_HTTP_METHOD_NOT_ALLOWED, DIB_EINVAL, "不支持该请求方法");
	char q[DIB_QUOTE_MAX];
	dib_err err;
	dib_err_clear(&err);
	dib_err_set(&err, DIB_ENOTFOUND, "接口 \"%s\" 不存在",
		    dib_err_quote(r->path, strlen(r->path), q, sizeof q));
	return http__send_error(r, &err);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)conn;
	struct dib_app *app = cls;
	struct http_req *r = *con_cls;
	*con_cls = NULL;
	if (!r || (void *)r == &app->tag_ok || (void *)r == &app->tag_bad)
		return;
	uint64_t ns = elapsed_ns(&r->t0);
	if (r->status)
		http__metrics_request(&app->metrics, r->route, r->method_ix, r->status, ns);
	/* the route pattern, never the raw path: paths may carry ID numbers */
	dib_log_write(app->log, DIB_LOG_INFO, "http %s %s %d %.3fms%s",
		      http__methods[r->method_ix], http__route_name(r->route), r->status,
		      (double)ns / 1e6,
		      toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (连接中断)");
	dib_arena_release(&r->arena);
	dib_buf_release(&r->body);
	free(r);
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	struct dib_app *app = cls;
	char line[512];
	vsnprintf(line, sizeof line, fmt, ap);
	size_t n = strlen(line);
	while (n && line[n - 1] == '\n')
		line[--n] = '\0';
	dib_log_write(app->log, DIB_LOG_WARN, "libmicrohttpd: %s", line);
}

/* "host:port" or "[v6]:port" → a socket address. */
static dib_code parse_listen(const char *listen, struct sockaddr_storage *sa,
			     socklen_t *salen, dib_err *err)
{
	char q[DIB_QUOTE_MAX];
	char host[256];
	const char *colon = strrchr(listen, ':');
	const char *h = listen;
	size_t hn = colon ? (size_t)(colon - listen) : 0;
	if (hn >= 2 && h[0] == '[' && h[hn - 1] == ']') {
		h++;
		hn -= 2;
	}
	char *end;
	long port = colon ? strtol(colon + 1, &end, 10) : -1;
	if (!colon || !hn || hn >= sizeof host || !colon[1] || *end || port < 0 || port > 65535)
		return dib_err_set(err, DIB_EUSAGE, "监听地址 \"%s\" 不正确，应为 主机:端口，如 127.0.0.1:8080",
				   dib_err_quote(listen, strlen(listen), q, sizeof q));
	memcpy(host, h, hn);
	host[hn] = '\0';
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICSERV };
	struct addrinfo *ai = NULL;
	char ps[8];
	snprintf(ps, sizeof ps, "%ld", port);
	int g = getaddrinfo(host, ps, &hints, &ai);
	if (g || !ai) {
		dib_err_set(err, DIB_EUSAGE, "监听地址 \"%s\" 无法解析",
			    dib_err_quote(listen, strlen(listen), q, sizeof q));
		dib_err_detail(err, "getaddrinfo: %s", gai_strerror(g));
		return DIB_EUSAGE;
	}
	memcpy(sa, ai->ai_addr, ai->ai_addrlen);
	*salen = ai->ai_addrlen;
	freeaddrinfo(ai);
	return DIB_OK;
}

static void server_free(struct http_server *s)
{
	http__pool_release(&s->app.pool);
	http__metrics_release(&s->app.metrics);
	free(s->app.web_root);
	free(s);
}

dib_code http_server_start(const struct http_opts *o, struct http_server **out,
			   dib_err *err)
{
	struct sockaddr_storage sa;
	socklen_t salen = 0;
	dib_code rc = parse_listen(o->listen, &sa, &salen, err);
	if (rc)
		return rc;
	struct http_server *s = calloc(1, sizeof *s);
	if (!s)
		return dib_err_nomem(err);
	struct dib_app *app = &s->app;
	app->log = o->log;
	app->secure_cookie = o->secure_cookie;
	app->body_max = o->body_max ? o->body_max : HTTP_BODY_MAX_DEFAULT;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	s->threads = o->threads ? o->threads : (cores > 0 ? (unsigned)cores : 1);

	rc = http__metrics_init(&app->metrics, http__route_count(), err);
	if (rc) {
		free(s);
		return rc;
	}
	char real[PATH_MAX];
	if (o->web_dir && realpath(o->web_dir, real)) {
		app->web_root = strdup(real);
		if (!app->web_root) {
			server_free(s);
			return dib_err_nomem(err);
		}
		app->web_root_len = strlen(real);
	}
	rc = http__pool_init(&app->pool, o->db_url, s->threads, err);
	if (rc) {
		server_free(s);
		return rc;
	}
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC | MHD_USE_AUTO;
	if (sa.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	s->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, app,
		MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)&sa,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)(s->threads > 1 ? s->threads : 0),
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)(o->timeout_s ? o->timeout_s : HTTP_TIMEOUT_DEFAULT),
		MHD_OPTION_CONNECTION_LIMIT, (unsigned int)(o->conn_limit ? o->conn_limit : HTTP_CONN_LIMIT_DEFAULT),
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, app,
		MHD_OPTION_URI_LOG_CALLBACK, on_uri, app,
		MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, app,
		MHD_OPTION_END);
	if (!s->daemon) {
		char q[DIB_QUOTE_MAX];
		server_free(s);
		return dib_err_set(err, DIB_EIO, "无法在 \"%s\" 上监听 (端口已被占用或地址不可用)",
				   dib_err_quote(o->listen, strlen(o->listen), q, sizeof q));
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : 0;
	*out = s;
	return DIB_OK;
}

unsigned http_server_port(const struct http_server *s)
{
	return s->port;
}

unsigned http_server_threads(const struct http_server *s)
{
	return s->threads;
}

void http_server_stop(struct http_server *s)
{
	if (!s)
		return;
	/* stop accepting, then give open connections up to 3 s to finish */
	MHD_socket lfd = MHD_quiesce_daemon(s->daemon);
	for (int i = 0; i < 150; i++) {
		const union MHD_DaemonInfo *di =
			MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (!di || di->num_connections == 0)
			break;
		usleep(20 * 1000);
	}
	MHD_stop_daemon(s->daemon);
	if (lfd != MHD_INVALID_SOCKET)
		close(lfd);
	server_free(s);
}
