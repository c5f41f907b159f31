/*
 * json.c — every answer leaves through here: JSON bodies (jansson), the
 * one error shape {"error":{"code":"…","message":"…"}} built from the
 * error table, and plain bodies. Bodies live in the request arena, so
 * libmicrohttpd sends them without a copy and they are freed with the
 * request. Also the request's business date (http__today) and the small
 * translations every handler needs alike: a query parameter, a path's
 * record id, the 404 of an id that names nothing, an optional id, an owned
 * answer, typed values of a checked body, the programs' names.
 * Thread-safety: touches only the request; the log locks its stream.
 */
#include "util/dib.h"
#include "util/time.h"
#include "http/http_int.h"
#include "svc/standard.h"

#include <limits.h>

enum MHD_Result http__queue(struct http_req *r, unsigned status, struct MHD_Response *resp)
{
	if (!resp)
		return MHD_NO; /* out of memory: MHD closes the connection */
	enum MHD_Result ret = MHD_queue_response(r->conn, status, resp);
	MHD_destroy_response(resp);
	if (ret == MHD_YES)
		r->status = (int)status;
	return ret;
}

enum MHD_Result http__send_text(struct http_req *r, unsigned status,
				const char *ctype, const char *body, size_t len)
{
	char *copy = dib_arena_strndup(&r->arena, body, len);
	if (!copy)
		return MHD_NO;
	struct MHD_Response *resp =
		MHD_create_response_from_buffer(len, copy, MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	return http__queue(r, status, resp);
}

enum MHD_Result http__send_json(struct http_req *r, unsigned status, const json_t *j)
{
	size_t flags = JSON_COMPACT; /* UTF-8 as is: the messages are Chinese */
	size_t n = json_dumpb(j, NULL, 0, flags);
	char *buf = n ? dib_arena_alloc(&r->arena, n) : NULL;
	if (!buf || json_dumpb(j, buf, n, flags) != n)
		return MHD_NO;
	struct MHD_Response *resp =
		MHD_create_response_from_buffer(n, buf, MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
				"application/json; charset=utf-8");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	if (r->set_cookie)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_SET_COOKIE, r->set_cookie);
	return http__queue(r, status, resp);
}

enum MHD_Result http__send_error(struct http_req *r, const dib_err *err)
{
	dib_code code = err->code ? err->code : DIB_EINTERNAL;
	const char *msg = err->msg[0] ? err->msg : dib_code_text(code);
	if (err->detail[0])
		dib_log_write(r->app->log, DIB_LOG_WARN, "%s %s: %s (%s)", r->method,
			      http__route_name(r->route), dib_code_name(code), err->detail);
	json_t *j = json_pack("{s:{s:s,s:s}}", "error", "code", dib_code_name(code),
			      "message", msg);
	if (!j) /* msg is not valid UTF-8: never send it half-checked */
		j = json_pack("{s:{s:s,s:s}}", "error", "code", dib_code_name(code),
			      "message", dib_code_text(code));
	if (!j)
		return MHD_NO;
	enum MHD_Result ret = http__send_json(r, (unsigned)dib_code_http(code), j);
	json_decref(j);
	return ret;
}

enum MHD_Result http__send_code(struct http_req *r, dib_code code, const char *msg)
{
	dib_err err;
	dib_err_clear(&err);
	dib_err_set(&err, code, "%s", msg ? msg : dib_code_text(code));
	return http__send_error(r, &err);
}

dib_code http__read_body(struct http_req *r, json_t **doc, dib_err *err)
{
	*doc = NULL;
	json_error_t je;
	/* JSON_REJECT_DUPLICATES: {"user":"a","user":"b"} must not mean
	 * whichever copy a proxy and we happen to pick */
	json_t *j = json_loadb(r->body.len ? dib_buf_str(&r->body) : "", r->body.len,
			       JSON_REJECT_DUPLICATES, &je);
	if (!j) {
		if (json_error_code(&je) == json_error_invalid_utf8)
			return dib_err_set(err, DIB_EINVAL, "请求内容不是有效的 UTF-8 文本");
		if (json_error_code(&je) == json_error_duplicate_key)
			return dib_err_set(err, DIB_EINVAL, "请求内容中有重复的字段");
		dib_err_set(err, DIB_EINVAL, "请求内容不是有效的 JSON");
		/* jansson's position only: never the body, it may hold a password */
		dib_err_detail(err, "json line %d column %d", je.line, je.column);
		return DIB_EINVAL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		return dib_err_set(err, DIB_EINVAL, "请求内容应为 JSON 对象");
	}
	*doc = j;
	return DIB_OK;
}

dib_code http__read_fields(struct http_req *r, const char *const *fields, size_t n,
			   json_t **doc, const char **vals, dib_err *err)
{
	json_t *j;
	dib_code rc = http__read_body(r, &j, err);
	if (rc)
		return rc;
	char q[DIB_QUOTE_MAX];
	const char *key;
	json_t *v;
	json_object_foreach(j, key, v) {
		size_t i = 0;
		while (i < n && strcmp(key, fields[i]))
			i++;
		if (i == n) {
			rc = dib_err_set(err, DIB_EINVAL, "未知字段 \"%s\"",
					 dib_err_quote(key, strlen(key), q, sizeof q));
			break;
		}
	}
	for (size_t i = 0; !rc && i < n; i++) {
		v = json_object_get(j, fields[i]);
		if (!v)
			rc = dib_err_set(err, DIB_EINVAL, "缺少字段 \"%s\"", fields[i]);
		else if (!json_is_string(v))
			rc = dib_err_set(err, DIB_EINVAL, "字段 \"%s\" 应为字符串", fields[i]);
		else
			vals[i] = json_string_value(v);
	}
	if (rc) {
		json_decref(j);
		return rc;
	}
	*doc = j;
	return DIB_OK;
}

dib_date http__today(void)
{
	dib_date d;
	dib_time_today_china(&d.year, &d.month, &d.day);
	return d;
}

/* ---- small translations shared by the handlers ---- */

bool http__parse_id(const char *s, int64_t *out)
{
	size_t n = s ? strlen(s) : 0;
	/* 18 digits always fit an int64_t: no overflow check needed */
	if (n < 1 || n > 18)
		return false;
	int64_t v = 0;
	for (size_t k = 0; k < n; k++) {
		if (s[k] < '0' || s[k] > '9')
			return false;
		v = v * 10 + (s[k] - '0');
	}
	*out = v;
	return v > 0;
}

bool http__path_id(const struct http_req *r, int i, int64_t *out)
{
	return i >= 0 && i < r->nparams && http__parse_id(r->params[i], out);
}

const char *http__arg(struct http_req *r, const char *name)
{
	const char *v = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
	return v && *v ? v : NULL;
}

bool http__arg_flag(struct http_req *r, const char *name)
{
	const char *v = http__arg(r, name);
	return v && (!strcmp(v, "1") || !strcmp(v, "true"));
}

json_t *http__id_or_null(int64_t id)
{
	return id ? json_integer((json_int_t)id) : json_null();
}

enum MHD_Result http__no_such(struct http_req *r, const char *what)
{
	char q[DIB_QUOTE_MAX];
	const char *p = r->nparams ? r->params[0] : "";
	dib_err err;
	dib_err_clear(&err);
	dib_err_set(&err, DIB_ENOTFOUND, "%s \"%s\" 不存在", what,
		    dib_err_quote(p, strlen(p), q, sizeof q));
	return http__send_error(r, &err);
}

enum MHD_Result http__send_owned(struct http_req *r, unsigned status, json_t *j)
{
	if (!j)
		return MHD_NO;
	enum MHD_Result ret = http__send_json(r, status, j);
	json_decref(j);
	return ret;
}

bool http__push(json_t **arr, json_t *v)
{
	if (*arr && v && !json_array_append_new(*arr, v))
		return true;
	json_decref(v);
	json_decref(*arr);
	*arr = NULL;
	return false;
}

dib_code http__strings_of(struct http_req *r, const json_t *arr, const char *const **out,
			  size_t *n, dib_err *err)
{
	*n = json_array_size(arr);
	*out = NULL;
	if (!*n)
		return DIB_OK;
	const char **v = dib_arena_alloc(&r->arena, *n * sizeof *v);
	if (!v)
		return dib_err_nomem(err);
	for (size_t i = 0; i < *n; i++)
		v[i] = json_string_value(json_array_get(arr, i));
	*out = v;
	return DIB_OK;
}

dib_code http__int_of(const json_t *v, const char *name, int *out, dib_err *err)
{
	json_int_t n = json_integer_value(v);
	if (n < INT_MIN || n > INT_MAX)
		return dib_err_set(err, DIB_EINVAL, "字段 \"%s\" 超出范围", name);
	*out = (int)n;
	return DIB_OK;
}

const store_program *http__programs(struct http_req *r, struct store *s, size_t *n)
{
	store_program *p = NULL;
	dib_err scratch;
	dib_err_clear(&scratch);
	if (standard_programs(s, &r->arena, &p, n, &scratch)) {
		*n = 0;
		return NULL;
	}
	return p;
}

const char *http__program_name(const store_program *p, size_t n, const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (!strcmp(p[i].code, code))
			return p[i].name;
	return NULL;
}
