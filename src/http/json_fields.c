/*
 * json_fields.c — strict checking of a JSON object against a list of
 * typed fields: the one place where "unknown field", "missing field" and
 * "wrong type" are decided for every request body, so each handler only
 * declares its fields and reads typed values.
 * Thread-safety: pure over its arguments.
 */
#include "util/dib.h"
#include "http/http_int.h"

static const char *type_name(enum http_ftype t)
{
	switch (t) {
	case HTTP_F_STRING:
		return "字符串";
	case HTTP_F_INT:
		return "整数";
	case HTTP_F_BOOL:
		return "布尔值（true 或 false）";
	case HTTP_F_OBJECT:
		return " JSON 对象";
	case HTTP_F_STRINGS:
		return "字符串数组";
	}
	return "?";
}

static bool type_ok(enum http_ftype t, const json_t *v)
{
	switch (t) {
	case HTTP_F_STRING:
		return json_is_string(v);
	case HTTP_F_INT:
		return json_is_integer(v);
	case HTTP_F_BOOL:
		return json_is_boolean(v);
	case HTTP_F_OBJECT:
		return json_is_object(v);
	case HTTP_F_STRINGS: {
		if (!json_is_array(v))
			return false;
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e)
			if (!json_is_string(e))
				return false;
		return true;
	}
	}
	return false;
}

dib_code http__check_fields(const json_t *obj, const char *where,
			    const struct http_field *f, size_t n, json_t **vals,
			    dib_err *err)
{
	char q[DIB_QUOTE_MAX];
	const char *pre = where ? where : "";
	if (!json_is_object(obj))
		return dib_err_set(err, DIB_EINVAL, "字段 \"%s\" 应为 JSON 对象", pre);
	const char *key;
	json_t *v;
	/* json_object_foreach wants a non-const object; it only reads */
	json_object_foreach((json_t *)obj, key, v) {
		size_t i = 0;
		while (i < n && strcmp(key, f[i].name))
			i++;
		if (i == n)
			return dib_err_set(err, DIB_EINVAL, "未知字段 \"%s%s\"", pre,
					   dib_err_quote(key, strlen(key), q, sizeof q));
	}
	for (size_t i = 0; i < n; i++) {
		v = json_object_get(obj, f[i].name);
		vals[i] = NULL;
		if (!v) {
			if (f[i].flags & HTTP_F_REQUIRED)
				return dib_err_set(err, DIB_EINVAL, "缺少字段 \"%s%s\"", pre,
						   f[i].name);
			continue;
		}
		if (json_is_null(v)) {
			if (!(f[i].flags & HTTP_F_NULLABLE))
				return dib_err_set(err, DIB_EINVAL, "字段 \"%s%s\" 不能为空",
						   pre, f[i].name);
			vals[i] = v;
			continue;
		}
		if (!type_ok(f[i].type, v))
			return dib_err_set(err, DIB_EINVAL, "字段 \"%s%s\" 应为%s", pre,
					   f[i].name, type_name(f[i].type));
		vals[i] = v;
	}
	return DIB_OK;
}

dib_code http__read_object(struct http_req *r, const struct http_field *f, size_t n,
			   json_t **doc, json_t **vals, dib_err *err)
{
	dib_code rc = http__read_body(r, doc, err);
	if (rc)
		return rc;
	rc = http__check_fields(*doc, NULL, f, n, vals, err);
	if (rc) {
		json_decref(*doc);
		*doc = NULL;
	}
	return rc;
}

const char *http__json_str(const json_t *v)
{
	return json_is_string(v) ? json_string_value(v) : NULL;
}
