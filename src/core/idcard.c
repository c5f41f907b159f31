/*
 * idcard.c — normalising and validating resident identity numbers
 * (GB 11643), deriving birth date and sex, and masking them for display.
 *
 * Input comes from clerks typing with a Chinese input method and from Excel
 * sheets, so full-width digits, a lower-case or full-width x, and stray
 * spaces around the number are normalised before anything is checked; the
 * checks then run in the order that gives the clerk the most useful message
 * (length, then which position is not a digit, then the birth date, then
 * the check character).
 *
 * Thread-safe: pure functions, no state.
 */
#include "util/dib.h"
#include "core/idcard.h"

/* Birth years before this are typing errors, not people: the oldest
 * documented residents were born in the 1880s. */
#define IDCARD_BIRTH_YEAR_MIN 1850
#define IDCARD_OLD_LEN 15

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 if invalid
 * (overlong forms and surrogates included). Kept here, apart from the one in
 * dib_err_quote, because norm_char counts characters with it: the length
 * check must see "３" as one place and a broken byte as one place. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	unsigned char lo = 0x80, hi = 0xbf;
	size_t len;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4;
	else
		return 0;
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Strips ASCII white space and the ideographic space U+3000 (what a
 * Chinese input method types) from both ends of [*s, *s + *n). */
static void trim(const char **s, size_t *n)
{
	const unsigned char *u = (const unsigned char *)*s;
	size_t b = 0, e = *n;

	for (;;) {
		if (b < e && is_space(u[b]))
			b++;
		else if (e - b >= 3 && !memcmp(u + b, "\xe3\x80\x80", 3))
			b += 3;
		else
			break;
	}
	for (;;) {
		if (e > b && is_space(u[e - 1]))
			e--;
		else if (e - b >= 3 && !memcmp(u + e - 3, "\xe3\x80\x80", 3))
			e -= 3;
		else
			break;
	}
	*s += b;
	*n = e - b;
}

/* The ASCII character one input character stands for: a digit, 'X', or
 * '?' for anything else. *len is set to the bytes it took (1 for a broken
 * byte, so every byte is consumed). */
static char norm_char(const unsigned char *u, size_t n, size_t *len)
{
	size_t l = utf8_len(u, n);

	*len = l ? l : 1;
	if (l == 1) {
		if (u[0] >= '0' && u[0] <= '9')
			return (char)u[0];
		if (u[0] == 'x' || u[0] == 'X')
			return 'X';
		return '?';
	}
	if (l == 3 && u[0] == 0xef) {
		if (u[1] == 0xbc && u[2] >= 0x90 && u[2] <= 0x99)
			return (char)('0' + (u[2] - 0x90)); /* ０-９ */
		if ((u[1] == 0xbc && u[2] == 0xb8) || /* Ｘ */
		    (u[1] == 0xbd && u[2] == 0x98))   /* ｘ */
			return 'X';
	}
	return '?';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

char idcard_check_char(const char *first17)
{
	static const int weight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6,
				       3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;

	if (!first17)
		return '?';
	for (int i = 0; i < 17; i++) {
		if (!is_digit(first17[i]))
			return '?'; /* outside the contract; never a valid check */
		sum += (first17[i] - '0') * weight[i];
	}
	return "10X98765432"[sum % 11];
}

dib_code idcard_parse(const char *s, size_t n, dib_date today, idcard *out,
		      dib_err *err)
{
	char c[IDCARD_LEN]; /* the first characters, normalised */
	size_t len = 0;     /* characters in the input */
	char q[DIB_QUOTE_MAX];
	idcard id;

	if (s)
		trim(&s, &n);
	if (!s || n == 0)
		return dib_err_set(err, DIB_EINVAL, "身份证号不能为空");
	dib_err_quote(s, n, q, sizeof q);
	for (size_t i = 0; i < n;) {
		size_t l;
		char ch = norm_char((const unsigned char *)s + i, n - i, &l);
		if (len < IDCARD_LEN)
			c[len] = ch;
		len++;
		i += l;
	}
	if (len != IDCARD_LEN && len != IDCARD_OLD_LEN)
		return dib_err_set(err, DIB_EINVAL, "身份证号 \"%s\" 应为 18 位",
				   q);
	/* The 15-digit form has no check character: every place is a digit. */
	size_t ndigits = len == IDCARD_LEN ? IDCARD_LEN - 1 : len;
	for (size_t i = 0; i < ndigits; i++)
		if (!is_digit(c[i]))
			return dib_err_set(err, DIB_EINVAL,
					   "身份证号 \"%s\" 第 %zu 位应为数字",
					   q, i + 1);
	if (len == IDCARD_LEN && !is_digit(c[17]) && c[17] != 'X')
		return dib_err_set(err, DIB_EINVAL,
				   "身份证号 \"%s\" 第 18 位应为数字或 X", q);

	if (len == IDCARD_LEN) {
		memcpy(id.num, c, IDCARD_LEN);
	} else {
		/* GB 11643-1989: YYMMDD of the 1900s, no check character. */
		memcpy(id.num, c, 6);
		memcpy(id.num + 6, "19", 2);
		memcpy(id.num + 8, c + 6, 9);
		id.num[17] = idcard_check_char(id.num);
	}
	id.num[IDCARD_LEN] = '\0';

	id.birth.year = (id.num[6] - '0') * 1000 + (id.num[7] - '0') * 100 +
			(id.num[8] - '0') * 10 + (id.num[9] - '0');
	id.birth.month = (id.num[10] - '0') * 10 + (id.num[11] - '0');
	id.birth.day = (id.num[12] - '0') * 10 + (id.num[13] - '0');
	if (!date_valid(id.birth) || id.birth.year < IDCARD_BIRTH_YEAR_MIN)
		return dib_err_set(err, DIB_EINVAL,
				   "身份证号 \"%s\" 出生日期不正确", q);
	if (date_cmp(id.birth, today) > 0)
		return dib_err_set(err, DIB_EINVAL,
				   "身份证号 \"%s\" 出生日期晚于今天", q);
	if (idcard_check_char(id.num) != id.num[17])
		return dib_err_set(err, DIB_EINVAL,
				   "身份证号 \"%s\" 校验码不正确", q);
	id.sex = (id.num[16] - '0') % 2 ? IDCARD_MALE : IDCARD_FEMALE;
	*out = id;
	return DIB_OK;
}

int idcard_age_on(const idcard *id, dib_date on)
{
	return date_age_on(id->birth, on);
}

char *idcard_mask(const char *num, char *out)
{
	size_t len = num ? strnlen(num, IDCARD_LEN + 1) : 0;

	if (len == IDCARD_LEN) {
		memcpy(out, num, 4);
		memset(out + 4, '*', IDCARD_LEN - 8);
		memcpy(out + IDCARD_LEN - 4, num + IDCARD_LEN - 4, 4);
	} else {
		if (len > IDCARD_LEN)
			len = IDCARD_LEN;
		memset(out, '*', len);
	}
	out[len] = '\0';
	return out;
}
