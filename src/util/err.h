/*
 * err.h — error codes and the error report every fallible function fills.
 *
 * Convention (curl, libuv): a fallible function returns dib_code and takes
 * `dib_err *err` last. It reports where the problem is detected, once;
 * callers pass the code up unchanged. The first report wins, so a cleanup
 * failure never hides the cause. `msg` is for the user (Chinese, quotes the
 * subject, no final full stop); `detail` (SQL text, errno, libpq message) is
 * for the log only and is never sent to a client.
 *
 * Thread-safety: a dib_err belongs to one thread; the tables are constant.
 */
#ifndef DIB_ERR_H
#define DIB_ERR_H

#include "util/dib.h"

typedef enum dib_code {
#define DIB_ERR(name, num, http, text) DIB_##name = num,
#include "util/err_codes.h"
#undef DIB_ERR
} dib_code;

#define DIB_ERR_MSG_MAX 512
#define DIB_ERR_DETAIL_MAX 512

typedef struct dib_err {
	dib_code code;
	char msg[DIB_ERR_MSG_MAX];       /* for the user */
	char detail[DIB_ERR_DETAIL_MAX]; /* for the log only */
} dib_err;

/* "EINVAL" etc.; "UNKNOWN" for a number not in the table. */
const char *dib_code_name(dib_code code);
/* HTTP status for the code; 500 for an unknown code. */
int dib_code_http(dib_code code);
/* Default user text for the code. */
const char *dib_code_text(dib_code code);

/* Clears err (may be NULL). */
void dib_err_clear(dib_err *err);

/* Records code and a printf-formatted user message, unless err already holds
 * an error (first error wins). A NULL or empty fmt uses the table's text.
 * err may be NULL. Returns code, so `return dib_err_set(err, ...)` reads well. */
dib_code dib_err_set(dib_err *err, dib_code code, const char *fmt, ...)
	DIB_PRINTF(3, 4);

/* Adds log-only detail to the current error (overwrites earlier detail only
 * if none was set). err may be NULL. */
void dib_err_detail(dib_err *err, const char *fmt, ...) DIB_PRINTF(2, 3);

/* Shorthand for an allocation failure. */
dib_code dib_err_nomem(dib_err *err);

/* Size of the buffer to give dib_err_quote, with its NUL: at most 76 bytes
 * of the user's text plus "…", so a pasted paragraph cannot flood the
 * message while an ID or bank card number with its typos still shows. */
#define DIB_QUOTE_MAX 80

/* Writes n bytes of s (need not be NUL-terminated; may be NULL when n is 0)
 * into out[size] for quoting the subject in err->msg: every byte that is not
 * part of valid UTF-8 (overlongs, surrogates, past U+10FFFF, a cut-off
 * sequence) becomes '?', so does every control character (C0, DEL, C1), and
 * text longer than fits is cut at a character boundary and ends in "…", so
 * the result is always valid UTF-8 (jansson refuses anything else) and a cut
 * is visible. size should be DIB_QUOTE_MAX; a size too small for "…" cuts
 * without it; size 0 writes nothing. Returns out, so it can be a printf
 * argument. Every parser quotes through this, so messages quote alike. */
char *dib_err_quote(const char *s, size_t n, char *out, size_t size);

#endif
