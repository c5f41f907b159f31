/*
 * bankcard.c — Luhn (ISO/IEC 7812-1 annex B) check of one-card (一卡通)
 * account numbers; see bankcard.h. Clerks copy numbers from passbooks and
 * bank lists in groups of four, so blanks inside are ignored; full-width
 * digits typed with a Chinese input method are read as digits.
 * Thread-safe: pure functions.
 */
#include "util/dib.h"
#include "core/bankcard.h"

#define BANKCARD_MIN 16

char bankcard_luhn_digit(const char *digits, size_t n)
{
	unsigned sum = 0;

	/* Walking from the right, the digit next to the (missing) check digit
	 * is doubled, then every second one; a doubled digit over 9 counts as
	 * the sum of its digits, i.e. minus 9. */
	for (size_t i = 0; i < n; i++) {
		unsigned d = (unsigned)(digits[n - 1 - i] - '0');
		if (i % 2 == 0) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return (char)('0' + (10 - sum % 10) % 10);
}

/* Length of a blank at s[0..n): ASCII space or tab, U+3000; else 0. */
static size_t blank_at(const unsigned char *s, size_t n)
{
	if (s[0] == ' ' || s[0] == '\t')
		return 1;
	if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;
	return 0;
}

dib_code bankcard_parse(const char *s, size_t n, char *out, dib_err *err)
{
	const unsigned char *p = (const unsigned char *)s;
	char digits[BANKCARD_MAX + 1], q[DIB_QUOTE_MAX];
	size_t i = 0, nd = 0, k;

	while (i < n) {
		char d;

		if ((k = blank_at(p + i, n - i)) > 0) {
			i += k;
			continue;
		}
		if (p[i] >= '0' && p[i] <= '9') {
			d = (char)p[i];
			i += 1;
		} else if (n - i >= 3 && p[i] == 0xEF && p[i + 1] == 0xBC &&
			   p[i + 2] >= 0x90 && p[i + 2] <= 0x99) {
			d = (char)('0' + (p[i + 2] - 0x90)); /* U+FF10–FF19 */
			i += 3;
		} else {
			goto shape;
		}
		if (nd == BANKCARD_MAX)
			goto shape;
		digits[nd++] = d;
	}
	if (nd < BANKCARD_MIN)
		goto shape;
	digits[nd] = '\0';
	if (bankcard_luhn_digit(digits, nd - 1) != digits[nd - 1])
		return dib_err_set(err, DIB_EINVAL, "银行卡号 \"%s\" 校验位不正确",
				   dib_err_quote(s, n, q, sizeof q));
	memcpy(out, digits, nd + 1);
	return DIB_OK;

shape:
	return dib_err_set(err, DIB_EINVAL,
			   "银行卡号 \"%s\" 应为 16 至 19 位数字",
			   dib_err_quote(s, n, q, sizeof q));
}
