/*
 * json.c — every answer leaves through here: JSON bodies (jansson), the
 * one error shape {"error":{"code":"…","message":"…"}} built from the
 * error table, and plain bodies. Bodies live in the request arena, so
 * libmicrohttpd sends them without a copy and they are freed with the
 * request. Also the request's business date (http__today).
 * Thread-safety: touches only the request; the log locks its stream.
 */
#include "util/dib.h"
#include "util/time.h"
#include "http/http_int.h"

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
	dib_time_today_local(&d.year, &d.month, &d.day);
	return d;
}
