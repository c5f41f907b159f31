/*
 * err.c — lookups generated from err_codes.h, and the first-error-wins
 * recording of dib_err. A message too long for its buffer is cut at a
 * character boundary, so it stays valid UTF-8 (jansson refuses anything
 * else when the message goes out in an API answer).
 * Thread-safe: no shared state.
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

/* vsnprintf into buf, then drop a UTF-8 sequence cut off by truncation. */
static void err_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
	int n = vsnprintf(buf, size, fmt, ap);
	if (n < 0) {
		buf[0] = '\0';
		return;
	}
	if ((size_t)n < size)
		return;
	size_t len = size - 1;
	size_t i = len, back = 0;
	while (i > 0 && back < 3 && ((unsigned char)buf[i - 1] & 0xC0) == 0x80) {
		i--;
		back++;
	}
	if (i == 0)
		return;
	unsigned char lead = (unsigned char)buf[i - 1];
	size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (want > 1 && back + 1 < want)
		buf[i - 1] = '\0';
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
	err_vformat(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return code;
}

void dib_err_detail(dib_err *err, const char *fmt, ...)
{
	if (!err || err->detail[0])
		return;
	va_list ap;
	va_start(ap, fmt);
	err_vformat(err->detail, sizeof err->detail, fmt, ap);
	va_end(ap);
}

dib_code dib_err_nomem(dib_err *err)
{
	return dib_err_set(err, DIB_ENOMEM, NULL);
}
