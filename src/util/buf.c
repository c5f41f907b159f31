/*
 * buf.c — capped growable buffer. Doubles capacity, never past max + 1
 * (max may be SIZE_MAX for "no cap").
 * Thread-safety: one thread per buffer.
 */
#include "util/dib.h"
#include "util/buf.h"

void dib_buf_init(dib_buf *b, size_t max)
{
	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

static dib_code buf_reserve(dib_buf *b, size_t extra)
{
	if (extra > b->max || b->len > b->max - extra)
		return DIB_ETOOBIG;
	if (b->len + extra == SIZE_MAX) /* no room for the NUL */
		return DIB_ENOMEM;
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return DIB_OK;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	/* max may be SIZE_MAX ("no cap"): max + 1 would wrap to 0. */
	if (b->max < SIZE_MAX && cap > b->max + 1)
		cap = b->max + 1;
	char *p = realloc(b->ptr, cap);
	if (!p)
		return DIB_ENOMEM;
	b->ptr = p;
	b->cap = cap;
	return DIB_OK;
}

dib_code dib_buf_add(dib_buf *b, const void *p, size_t n)
{
	dib_code rc = buf_reserve(b, n);
	if (rc)
		return rc;
	if (n)
		memcpy(b->ptr + b->len, p, n);
	b->len += n;
	b->ptr[b->len] = '\0';
	return DIB_OK;
}

dib_code dib_buf_adds(dib_buf *b, const char *s)
{
	return dib_buf_add(b, s, strlen(s));
}

dib_code dib_buf_addc(dib_buf *b, char c)
{
	return dib_buf_add(b, &c, 1);
}

dib_code dib_buf_vaddf(dib_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return DIB_EINVAL;
	dib_code rc = buf_reserve(b, (size_t)n);
	if (rc)
		return rc;
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return DIB_OK;
}

dib_code dib_buf_addf(dib_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	dib_code rc = dib_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return rc;
}

const char *dib_buf_str(const dib_buf *b)
{
	return b->ptr ? b->ptr : "";
}

void dib_buf_reset(dib_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

void dib_buf_release(dib_buf *b)
{
	if (!b)
		return;
	free(b->ptr);
	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
}

char *dib_buf_take(dib_buf *b)
{
	char *p = b->ptr;
	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
	return p;
}
