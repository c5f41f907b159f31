/*
 * err.c — lookups generated from err_codes.h, and the first-error-wins
 * recording of dib_err. A message too long for its buffer is cut at a
 * character boundary, so it stays valid UTF-8 (jansson refuses anything
 * else when the message goes out in an API answer). dib_err_quote makes
 * the user's own text safe to put inside such a message, for the same
 * reason.
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

/* Length of the valid UTF-8 sequence at s[0..n), or 0 when it is not one
 * (overlongs, surrogates and code points past U+10FFFF rejected). n > 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len, i;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	return len;
}

char *dib_err_quote(const char *s, size_t n, char *out, size_t size)
{
	static const char ellipsis[] = "…";
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, o = 0;

	if (size == 0)
		return out;
	/* Room kept for an ellipsis and the NUL, so a cut is always visible. */
	size_t room = size > sizeof ellipsis ? size - sizeof ellipsis : 0;

	while (i < n) {
		size_t k = utf8_len(p + i, n - i);
		/* C0, DEL and the C1 controls U+0080–U+009F (C2 80–C2 9F). */
		bool ctl = (k == 1 && (p[i] < 0x20 || p[i] == 0x7F)) ||
			   (k == 2 && p[i] == 0xC2 && p[i + 1] < 0xA0);
		bool keep = k > 0 && !ctl;
		size_t w = keep ? k : 1; /* a character or '?' */

		if (o + w > room)
			break;
		if (keep)
			memcpy(out + o, p + i, k);
		else
			out[o] = '?';
		o += w;
		i += k ? k : 1;
	}
	if (i < n && o + sizeof ellipsis <= size) {
		memcpy(out + o, ellipsis, sizeof ellipsis - 1);
		o += sizeof ellipsis - 1;
	}
	out[o] = '\0';
	return out;
}
