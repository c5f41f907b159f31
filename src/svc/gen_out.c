/*
 * gen_out.c — the buffered CSV writer of gen_out.h.
 * Thread-safety: one writer per thread.
 */
#include "util/dib.h"
#include "svc/gen_out.h"

#include <errno.h>

void gen_out_init(gen_out *o, FILE *f)
{
	o->f = f;
	o->len = 0;
	o->failed = false;
	o->err_no = 0;
}

void gen_out_drain(gen_out *o)
{
	if (o->len && !o->failed && fwrite(o->buf, 1, o->len, o->f) != o->len) {
		o->failed = true;
		o->err_no = errno;
	}
	o->len = 0;
}

void gen_out_uint(gen_out *o, uint64_t v, int width)
{
	char tmp[24];
	int n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n < width && n < (int)sizeof(tmp))
		tmp[n++] = '0';
	char out[24];
	for (int i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	gen_out_put(o, out, (size_t)n);
}

void gen_out_field(gen_out *o, const char *s, size_t n)
{
	bool quote = false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == ',' || c == '"' || c == '\n' || c == '\r') {
			quote = true;
			break;
		}
	}
	if (!quote) {
		gen_out_put(o, s, n);
		return;
	}
	gen_out_c(o, '"');
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"') {
			gen_out_put(o, s + start, i + 1 - start);
			gen_out_c(o, '"');
			start = i + 1;
		}
	}
	gen_out_put(o, s + start, n - start);
	gen_out_c(o, '"');
}

void gen_out_fen(gen_out *o, int64_t fen)
{
	uint64_t u;
	if (fen < 0) {
		gen_out_c(o, '-');
		u = (uint64_t)0 - (uint64_t)fen; /* also right for INT64_MIN */
	} else {
		u = (uint64_t)fen;
	}
	gen_out_uint(o, u / 100, 1);
	gen_out_c(o, '.');
	gen_out_uint(o, u % 100, 2);
}

dib_code gen_out_flush(gen_out *o, const char *what, dib_err *err)
{
	gen_out_drain(o);
	if (!o->failed && fflush(o->f) != 0) {
		o->failed = true;
		o->err_no = errno;
	}
	if (!o->failed && ferror(o->f)) {
		o->failed = true;
		o->err_no = EIO;
	}
	if (o->failed) {
		dib_err_set(err, DIB_EIO, "写入文件 \"%s\" 失败", what);
		dib_err_detail(err, "%s: %s", what, strerror(o->err_no));
		return DIB_EIO;
	}
	return DIB_OK;
}
