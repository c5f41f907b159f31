/*
 * gen_out.h — a fast buffered CSV writer for the batch outputs of svc
 * (`dibao gen`, `dibao export`): RFC 4180 quoting only where a field needs
 * it, numbers formatted without printf, one large buffer drained with
 * fwrite, so writing millions of rows makes no allocation and no stdio call
 * per field.
 *
 * Errors are sticky: a failed fwrite marks the writer failed and later
 * output is dropped; gen_out_flush reports it once at the end (the way
 * stdio's ferror works, but with the errno kept for the log).
 *
 * Thread-safety: one writer per thread.
 */
#ifndef DIB_SVC_GEN_OUT_H
#define DIB_SVC_GEN_OUT_H

#include "util/dib.h"
#include "util/err.h"

#include <errno.h>

#define GEN_OUT_BUF (256 * 1024)

typedef struct gen_out {
	FILE *f;      /* borrowed */
	size_t len;   /* bytes waiting in buf */
	bool failed;  /* a write failed; output is being dropped */
	int err_no;   /* errno of the first failure */
	char buf[GEN_OUT_BUF];
} gen_out;

/* Prepares o to write to f (borrowed until the last flush). o is large
 * (GEN_OUT_BUF): allocate it on the heap, not on the stack. */
void gen_out_init(gen_out *o, FILE *f);

/* Writes the buffered bytes to the stream. */
void gen_out_drain(gen_out *o);

static inline void gen_out_put(gen_out *o, const char *s, size_t n)
{
	if (n > GEN_OUT_BUF - o->len) {
		gen_out_drain(o);
		if (n > GEN_OUT_BUF) {
			if (!o->failed && fwrite(s, 1, n, o->f) != n) {
				o->failed = true;
				o->err_no = errno;
			}
			return;
		}
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static inline void gen_out_puts(gen_out *o, const char *s)
{
	gen_out_put(o, s, strlen(s));
}

static inline void gen_out_c(gen_out *o, char c)
{
	if (o->len == GEN_OUT_BUF)
		gen_out_drain(o);
	o->buf[o->len++] = c;
}

/* v in decimal, left-padded with zeros to at least width digits. */
void gen_out_uint(gen_out *o, uint64_t v, int width);

/* n bytes of s as one CSV field: quoted (with '"' doubled) only when it
 * contains a comma, a quote, CR or LF, as RFC 4180 asks. */
void gen_out_field(gen_out *o, const char *s, size_t n);

static inline void gen_out_fields(gen_out *o, const char *s)
{
	gen_out_field(o, s, s ? strlen(s) : 0);
}

/* Money in fen as yuan with two decimals and no grouping: "1850.00",
 * "-0.05" (grouping commas would force quoting in CSV). */
void gen_out_fen(gen_out *o, int64_t fen);

/* Drains the buffer and flushes the stream. DIB_EIO naming `what` (a file
 * name for the user) when any write failed; the errno goes to the detail. */
dib_code gen_out_flush(gen_out *o, const char *what, dib_err *err);

#endif
