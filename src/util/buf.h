/*
 * buf.h — growable byte buffer with a size cap (after curl's dynbuf).
 *
 * The buffer is always NUL-terminated after a successful add, so ptr can be
 * used as a C string. Growing past `max` fails with DIB_ETOOBIG and leaves
 * the content as it was; out of memory fails with DIB_ENOMEM. Thread-safety:
 * one thread per buffer.
 */
#ifndef DIB_BUF_H
#define DIB_BUF_H

#include "util/dib.h"
#include "util/err.h"

typedef struct dib_buf {
	char *ptr;  /* NULL until the first add; owned by the buffer */
	size_t len; /* bytes in use, without the NUL */
	size_t cap; /* bytes allocated */
	size_t max; /* the cap on len */
} dib_buf;

/* Prepares an empty buffer that may hold at most max bytes. */
void dib_buf_init(dib_buf *b, size_t max);

/* Appends n bytes. DIB_ETOOBIG over the cap, DIB_ENOMEM out of memory. */
dib_code dib_buf_add(dib_buf *b, const void *p, size_t n);
dib_code dib_buf_adds(dib_buf *b, const char *s);
dib_code dib_buf_addc(dib_buf *b, char c);
dib_code dib_buf_addf(dib_buf *b, const char *fmt, ...) DIB_PRINTF(2, 3);
dib_code dib_buf_vaddf(dib_buf *b, const char *fmt, va_list ap);

/* The content as a C string: "" when empty. Borrowed until the next add,
 * reset or release. */
const char *dib_buf_str(const dib_buf *b);

/* Empties the buffer, keeping its memory. */
void dib_buf_reset(dib_buf *b);

/* Frees the memory. b may be NULL. */
void dib_buf_release(dib_buf *b);

/* Hands the memory to the caller (free() it) and empties the buffer.
 * Returns NULL when nothing was added. */
char *dib_buf_take(dib_buf *b);

#endif
