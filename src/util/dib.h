/*
 * dib.h — included first by every .c file of dibao.
 *
 * Brings in the fixed-width types and the few attributes the code uses, and
 * poisons the C library calls that the project bans (unbounded copies,
 * unchecked conversions, hidden state). Thread-safe: declarations only.
 */
#ifndef DIB_H
#define DIB_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DIB_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define DIB_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define DIB_NODISCARD __attribute__((warn_unused_result))
#define DIB_UNUSED __attribute__((unused))

/* Banned: unbounded writes, silent conversion failures, hidden global state.
 * Use snprintf / dib_buf, strtol with an end pointer, strtok_r. */
#pragma GCC poison strcpy strcat sprintf vsprintf gets strtok atoi atol atoll

#endif
