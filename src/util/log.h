/*
 * log.h — the log: one line per event, level, UTC time, message.
 *
 * Personal data never reaches the log: every message is passed through
 * dib_log_mask_ids() before it is written, which masks anything shaped like
 * a resident ID number (18 characters: 17 digits and a digit or X/x; or 15
 * digits) to its first 4 and last 4 characters: 4101**********1234.
 * Passwords and session tokens must never be passed to the log at all.
 *
 * Thread-safety: dib_log_write may be called from any thread; each line is
 * written with one fwrite under the stream's lock (flockfile).
 */
#ifndef DIB_LOG_H
#define DIB_LOG_H

#include "util/dib.h"

enum dib_log_level { DIB_LOG_DEBUG = 0, DIB_LOG_INFO = 1, DIB_LOG_WARN = 2, DIB_LOG_ERROR = 3 };

typedef struct dib_log {
	FILE *f;                  /* NULL: logging off */
	enum dib_log_level level; /* lines below it are dropped */
} dib_log;

void dib_log_init(dib_log *log, FILE *f, enum dib_log_level level);

/* Formats, masks ID numbers, and writes one line:
 * "2026-11-26T08:00:00Z INFO message\n". */
void dib_log_write(const dib_log *log, enum dib_log_level level,
		   const char *fmt, ...) DIB_PRINTF(3, 4);

/* Copies s into out (cap bytes, always NUL-terminated, truncated if needed)
 * with every ID-number-shaped run masked. A run counts only when it is not
 * part of a longer run of digits. Returns the length written. */
size_t dib_log_mask_ids(const char *s, char *out, size_t cap);

#endif
