/*
 * benefit_int.h — what the files of core/benefit share and nothing else
 * includes: the input check every program runs first, and the writer of
 * a result with its Chinese reason.
 * Thread-safe: pure functions.
 */
#ifndef DIB_CORE_BENEFIT_INT_H
#define DIB_CORE_BENEFIT_INT_H

#include "util/dib.h"
#include "core/benefit.h"

/* Checks p, the person, the month and the standard (benefit.h's common
 * contract); prog is the program's Chinese name for the messages. */
dib_code benefit__check(const struct benefit_params *p, const struct benefit_person *who,
			dib_month m, dib_fen standard_fen, const char *prog, dib_err *err);

/* Sets r's amount and reason and prints the reason text into r->why;
 * the other fields stay as they are. */
void benefit__say(struct benefit_result *r, dib_fen fen, enum benefit_reason reason,
		  const char *fmt, ...) DIB_PRINTF(4, 5);

/* A result with nothing paid and no age: all zero, age -1. */
struct benefit_result benefit__blank(void);

/* The name of another allowance for a reason text, quoted safely into
 * out[DIB_QUOTE_MAX]; dflt when name is NULL or empty. */
const char *benefit__name(const char *name, const char *dflt, char *out);

#endif
