/*
 * h_static.c — the web UI's built files (web/dist) at /. The decoded path
 * has already passed http__path_ok (no "." or ".." segment); here the file
 * is resolved with realpath and must stay inside the root, so a symlink
 * cannot lead out of it either. Unknown paths without an extension get
 * index.html, since the single-page app routes on the client.
 * Thread-safety: reads only constant configuration; files are opened per
 * request.
 */
#include "util/dib.h"
#include "http/http_int.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const char not_built[] =
	"<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
	"<title>低保信息系统</title></head><body>\n"
	"<h1>低保信息系统</h1>\n"
	"<p>网页界面尚未构建。请在 web 目录中构建网页界面 (npm run build)，"
	"或用 --web 指定已构建的目录。接口服务已在运行：<a href=\"/healthz\">/healthz</a></p>\n"
	"</body></html>\n";

static const struct {
	const char *ext;
	const char *type;
} types[] = {
	{ ".html", "text/html; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".mjs", "text/javascript; charset=utf-8" },
	{ ".css", "text/css; charset=utf-8" },
	{ ".json", "application/json" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".jpg", "image/jpeg" },
	{ ".ico", "image/x-icon" },
	{ ".woff2", "font/woff2" },
	{ ".woff", "font/woff" },
	{ ".txt", "text/plain; charset=utf-8" },
	{ ".map", "application/json" },
	{ ".wasm", "application/wasm" },
};

static const char *content_type(const char *file)
{
	const char *dot = strrchr(file, '.');
	const char *slash = strrchr(file, '/');
	if (dot && (!slash || dot > slash))
		for (size_t i = 0; i < DIB_ARRAY_LEN(types); i++)
			if (!strcasecmp(dot, types[i].ext))
				return types[i].type;
	return "application/octet-stream";
}

/* realpath of want, if it is a regular file inside the root; else NULL
 * (errno ENOENT when it does not exist, so the caller may fall back). */
static char *resolve(struct http_req *r, const char *want)
{
	const struct dib_app *app = r->app;
	char real[PATH_MAX];
	if (!realpath(want, real))
		return NULL;
	size_t n = strlen(real);
	if (n <= app->web_root_len || memcmp(real, app->web_root, app->web_root_len) ||
	    real[app->web_root_len] != '/') {
		errno = EACCES;
		return NULL;
	}
	return dib_arena_strdup(&r->arena, real);
}

static enum MHD_Result send_file(struct http_req *r, const char *file)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		return http__send_code(r, DIB_ENOTFOUND, "页面不存在");
	}
	struct MHD_Response *resp = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
	if (!resp) {
		close(fd);
		return MHD_NO;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type(file));
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	/* Vite names files under assets/ by content hash: they never change */
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
				strstr(file + r->app->web_root_len, "/assets/")
					? "public, max-age=31536000, immutable" : "no-cache");
	return http__queue(r, MHD_HTTP_OK, resp);
}

enum MHD_Result http__h_static(struct http_req *r)
{
	if (strcmp(r->method, "GET") && strcmp(r->method, "HEAD"))
		return http__send_code(r, DIB_ENOTFOUND, "页面不存在");
	const struct dib_app *app = r->app;
	if (!app->web_root) {
		if (!strcmp(r->path, "/") || !strcmp(r->path, "/index.html"))
			return http__send_text(r, MHD_HTTP_OK, "text/html; charset=utf-8",
					       not_built, sizeof not_built - 1);
		return http__send_code(r, DIB_ENOTFOUND, "页面不存在");
	}
	size_t plen = strlen(r->path);
	const char *want = dib_arena_printf(&r->arena, "%s%s%s", app->web_root, r->path,
					    r->path[plen - 1] == '/' ? "index.html" : "");
	if (!want)
		return MHD_NO;
	char *file = resolve(r, want);
	if (file) {
		struct stat st;
		if (!stat(file, &st) && S_ISDIR(st.st_mode)) {
			want = dib_arena_printf(&r->arena, "%s/index.html", file);
			file = want ? resolve(r, want) : NULL;
		}
	} else if (errno == ENOENT && !strchr(strrchr(r->path, '/'), '.')) {
		/* a client-side route such as /households/42 */
		want = dib_arena_printf(&r->arena, "%s/index.html", app->web_root);
		file = want ? resolve(r, want) : NULL;
	}
	if (!file)
		return http__send_code(r, DIB_ENOTFOUND, "页面不存在");
	return send_file(r, file);
}
