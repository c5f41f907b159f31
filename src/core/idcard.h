/*
 * idcard.h — resident identity numbers (公民身份号码, GB 11643-1999).
 *
 * 18 characters: 6-digit address code, 8-digit birth date, 3-digit sequence
 * (odd = male, even = female), check character (ISO 7064 MOD 11-2, weights
 * 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, result "10X98765432"[sum % 11]).
 * Input is normalised before checking: surrounding spaces removed, full-width
 * digits and Ｘ/ｘ turned into ASCII, lower-case x upper-cased; 15-digit
 * numbers (GB 11643-1989, birth year 19YY) are upgraded to 18. The address
 * code is not checked against today's region table: old codes stay valid.
 * Thread-safe: pure functions.
 */
#ifndef DIB_CORE_IDCARD_H
#define DIB_CORE_IDCARD_H

#include "util/dib.h"
#include "util/err.h"
#include "core/date.h"

#define IDCARD_LEN 18

enum idcard_sex { IDCARD_MALE = 1, IDCARD_FEMALE = 2 }; /* GB/T 2261.1 codes */

typedef struct idcard {
	char num[IDCARD_LEN + 1]; /* normalised, 18 characters, NUL-terminated */
	dib_date birth;
	enum idcard_sex sex;
} idcard;

/* Normalises and validates n bytes of UTF-8 text s. today bounds the birth
 * date (not in the future). On error DIB_EINVAL with a Chinese message that
 * quotes the input, e.g. 身份证号 "41010119900101123X" 校验码不正确; *out untouched. */
dib_code idcard_parse(const char *s, size_t n, dib_date today, idcard *out,
		      dib_err *err);

/* The check character for 17 ASCII digits. */
char idcard_check_char(const char *first17);

/* Age in whole years on a date (周岁). */
int idcard_age_on(const idcard *id, dib_date on);

/* Masks an 18-character number for display: "4101**********1234" (first 4
 * and last 4 kept). out needs IDCARD_LEN + 1 bytes. Any other length is
 * masked entirely with '*'. Returns out. */
char *idcard_mask(const char *num, char *out);

#endif
