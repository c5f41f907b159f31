/*
 * err.c — lookups generated from err_codes.h, and the first-error-wins
 * recording of dib_err. Thread-safe: no shared state.
 */
#include "util/dib.h"
#include "util/err.h"

const char *dib_code_name(dib_code code)
{
	switch (code) {
#define DIB_ERR(name, num, http, text) case DIB_##name: return #name;
#include "util/err_codes.h"
#undef DIB_ERR
	}
	return "UNKNOWN";
}

int dib_code_http(dib_code code)
{
	switch (code) {
#define DIB_ERR(name, num, http, text) case DIB_##name: return http;
#include "util/err_codes.h"
#undef DIB_ERR
	}
	return 500;
}

const char *dib_code_text(dib_code code)
{
	switch (code) {
#define DIB_ERR(name, num, http, text) case DIB_##name: return text;
#include "util/err_codes.h"
#undef DIB_ERR
	}
	return "未知错误";
}

void dib_err_clear(dib_err *err)
{
	if (!err)
		return;
	err->code = DIB_OK;
	err->msg[0] = '\0';
	err->detail[0] = '\0';
}

dib_code dib_err_set(dib_err *err, dib_code code, const char *fmt, ...)
{
	if (!err || err->code != DIB_OK)
		return code;
	err->code = code;
	if (!fmt || !*fmt) {
		snprintf(err->msg, sizeof err->msg, "%s", dib_code_text(code));
		return code;
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return code;
}

void dib_err_detail(dib_err *err, const char *fmt, ...)
{
	if (!err || err->detail[0])
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->detail, sizeof err->detail, fmt, ap);
	va_end(ap);
}

dib_code dib_err_nomem(dib_err *err)
{
	return dib_err_set(err, DIB_ENOMEM, NULL);
}
