/*
 * bankcard.h — bank card numbers of the one-card system (一卡通 accounts).
 *
 * Debit card numbers are 16–19 digits with a Luhn check digit (ISO/IEC 7812).
 * Thread-safe: pure functions.
 */
#ifndef DIB_CORE_BANKCARD_H
#define DIB_CORE_BANKCARD_H

#include "util/dib.h"
#include "util/err.h"

#define BANKCARD_MAX 19

/* The Luhn check digit ('0'..'9') for n ASCII digits. */
char bankcard_luhn_digit(const char *digits, size_t n);

/* Validates n bytes of s: 16–19 digits, Luhn check passes. Spaces inside
 * are ignored; the digits without spaces go to out[BANKCARD_MAX + 1].
 * DIB_EINVAL with a Chinese message quoting s on error. */
dib_code bankcard_parse(const char *s, size_t n, char *out, dib_err *err);

#endif
