/*
 * cmd_serve.c — `dibao serve`: starts the HTTP server (src/http) and runs
 * until SIGTERM or SIGINT. The signals are blocked before the server's
 * threads start (they inherit the mask) and taken with sigwait here, so no
 * signal handler runs in the middle of a request; then the server stops
 * accepting, lets requests in flight finish, and closes its connections.
 * Thread-safety: runs on the main thread; the server has its own threads.
 */
#include "util/dib.h"
#include "util/time.h"
#include "cli/cli.h"
#include "http/http.h"

#include <pthread.h>
#include <signal.h>

#ifndef DIB_WEB_DIR
#define DIB_WEB_DIR "web/dist"
#endif

static const char usage[] =
	"dibao [--db URL] serve [--listen 127.0.0.1:8080] [--threads N] [--web DIR] [--secure-cookie]\n"
	"       dibao serve --routes      (list the API routes and exit)";

static void print_route(void *ctx, const char *method, const char *pattern,
			const char *guard)
{
	fprintf(ctx, "%-6s %-44s %s\n", method, pattern, guard);
}

int cmd_serve(struct cli_ctx *ctx, int argc, char **argv)
{
	struct http_opts o = {
		.listen = "127.0.0.1:8080",
		.db_url = ctx->db_url,
		.web_dir = DIB_WEB_DIR,
	};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--listen") && v) {
			o.listen = v;
			i++;
		} else if (!strcmp(a, "--routes") && argc == 2) {
			/* for the authorisation walk test and for operators */
			http_routes_each(print_route, ctx->out);
			return CLI_OK;
		} else if (!strcmp(a, "--secure-cookie")) {
			/* behind an HTTPS proxy: browsers then never send the
			 * session cookie over plain HTTP */
			o.secure_cookie = true;
		} else if (!strcmp(a, "--web") && v) {
			o.web_dir = v;
			i++;
		} else if (!strcmp(a, "--threads") && v) {
			char *end;
			long n = strtol(v, &end, 10);
			if (end == v || *end || n < 1 || n > 256) {
				fprintf(ctx->err, "dibao: 线程数 \"%s\" 不正确，应为 1–256\n", v);
				return CLI_USAGE;
			}
			o.threads = (unsigned)n;
			i++;
		} else {
			return cli_usage(ctx, usage);
		}
	}
	dib_log log;
	dib_log_init(&log, ctx->err, DIB_LOG_INFO);
	o.log = &log;

	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);

	dib_err err;
	dib_err_clear(&err);
	struct http_server *srv = NULL;
	dib_code rc = http_server_start(&o, &srv, &err);
	if (rc) {
		pthread_sigmask(SIG_UNBLOCK, &sigs, NULL);
		return cli_fail(ctx, &err);
	}
	const char *colon = strrchr(o.listen, ':');
	fprintf(ctx->err, "dibao serve: 正在监听 http://%.*s:%u (%u 个工作线程)，按 Ctrl+C 停止\n",
		(int)(colon - o.listen), o.listen, http_server_port(srv),
		http_server_threads(srv));
	if (dib_time_today_fixed()) {
		dib_date d = cli_today();
		fprintf(ctx->err, "dibao serve: 注意：业务日期被 DIB_TODAY 固定为 %04d-%02d-%02d"
			"（仅用于测试或培训环境）\n", d.year, d.month, d.day);
	}
	fflush(ctx->err);

	int sig = 0;
	sigwait(&sigs, &sig);
	http_server_stop(srv);
	fprintf(ctx->err, "dibao serve: 收到 %s，已停止\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
	return CLI_OK;
}
