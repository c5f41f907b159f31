/*
 * money.c — parsing, formatting and rounding amounts held as int64_t fen.
 *
 * Parsing is a small hand-written scanner rather than strtod: a float can
 * not hold 0.1 yuan exactly, and the clerk deserves to be told *why* "1,23"
 * or "1234.567" was refused instead of having it silently reinterpreted.
 * Rounding is integer-only: a quotient and remainder decide the direction,
 * so money_div rounds the exact rational num/den once, never a rounded
 * intermediate (431000 / 12 → 35916.67 → jiao half-up 35920).
 *
 * Thread-safe: pure functions, no state.
 */
#include "util/dib.h"
#include "core/money.h"

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Whether the bytes at s[*p] spell lit; if so, steps *p past it. */
static bool eat(const char *s, size_t n, size_t *p, const char *lit)
{
	size_t l = strlen(lit);

	if (n - *p < l || memcmp(s + *p, lit, l) != 0)
		return false;
	*p += l;
	return true;
}

static void skip_spaces(const char *s, size_t n, size_t *p)
{
	while (*p < n && is_space((unsigned char)s[*p]))
		(*p)++;
}

#define YEN_HALF "\xc2\xa5"     /* ¥ U+00A5 */
#define YEN_FULL "\xef\xbf\xa5" /* ￥ U+FFE5 */
#define YUAN "\xe5\x85\x83"     /* 元 */
#define IDEO_SPACE "\xe3\x80\x80"

/* The kinds of rejection, each with its own message. */
enum bad {
	BAD_NONE = 0,
	BAD_SYNTAX,
	BAD_COMMA,
	BAD_DECIMALS,
	BAD_RANGE,
	BAD_SIGN,
};

/* Scans [s, s + n) (already trimmed, non-empty). Returns 0 and sets *out,
 * or the reason for rejecting it. */
static enum bad scan(const char *s, size_t n, bool allow_negative,
		     dib_fen *out)
{
	size_t p = 0;
	bool neg = false, big = false, commas = false;
	uint64_t yuan = 0, frac = 0;
	size_t digits = 0, group = 0;

	/* Sign before or after the currency sign, as Excel writes either. */
	if (eat(s, n, &p, "-"))
		neg = true;
	if (eat(s, n, &p, YEN_HALF) || eat(s, n, &p, YEN_FULL)) {
		skip_spaces(s, n, &p);
		if (!neg && eat(s, n, &p, "-"))
			neg = true;
	}
	for (; p < n; p++) {
		if (is_digit(s[p])) {
			if (yuan > (uint64_t)INT64_MAX / 100)
				big = true; /* keep scanning: syntax first */
			else
				yuan = yuan * 10 + (uint64_t)(s[p] - '0');
			digits++;
			group++;
		} else if (s[p] == ',') {
			/* 1-3 digits before the first comma, 3 between. */
			if (group == 0 || group > 3 || (commas && group != 3))
				return BAD_COMMA;
			commas = true;
			group = 0;
		} else {
			break;
		}
	}
	if (commas && group != 3)
		return BAD_COMMA;
	if (digits == 0)
		return BAD_SYNTAX;
	if (p < n && s[p] == '.') {
		size_t fd = 0;
		bool lost = false;
		for (p++; p < n && is_digit(s[p]); p++, fd++) {
			if (fd < 2)
				frac = frac * 10 + (uint64_t)(s[p] - '0');
			else if (s[p] != '0')
				lost = true; /* trailing zeros lose nothing */
		}
		if (fd == 0)
			return BAD_SYNTAX;
		if (lost)
			return BAD_DECIMALS;
		if (fd == 1)
			frac *= 10;
	}
	skip_spaces(s, n, &p);
	eat(s, n, &p, YUAN);
	if (p != n)
		return BAD_SYNTAX;
	if (big || yuan * 100 + frac > (uint64_t)INT64_MAX)
		return BAD_RANGE;
	if (neg && !allow_negative)
		return BAD_SIGN;
	dib_fen v = (dib_fen)(yuan * 100 + frac);
	*out = neg ? -v : v;
	return BAD_NONE;
}

dib_code money_parse(const char *s, size_t n, bool allow_negative,
		     dib_fen *out, dib_err *err)
{
	char q[DIB_QUOTE_MAX];
	size_t b = 0;
	dib_fen v;

	if (!s)
		n = 0;
	/* Trim ASCII and ideographic spaces at both ends. */
	while (b < n) {
		if (is_space((unsigned char)s[b]))
			b++;
		else if (!eat(s, n, &b, IDEO_SPACE))
			break;
	}
	while (n > b) {
		if (is_space((unsigned char)s[n - 1]))
			n--;
		else if (n - b >= 3 && !memcmp(s + n - 3, IDEO_SPACE, 3))
			n -= 3;
		else
			break;
	}
	if (n == b)
		return dib_err_set(err, DIB_EINVAL, "金额不能为空");
	s += b;
	n -= b;
	switch (scan(s, n, allow_negative, &v)) {
	case BAD_NONE:
		*out = v;
		return DIB_OK;
	case BAD_COMMA:
		return dib_err_set(err, DIB_EINVAL,
				   "金额 \"%s\" 千位分隔符位置不正确",
				   dib_err_quote(s, n, q, sizeof q));
	case BAD_DECIMALS:
		return dib_err_set(err, DIB_EINVAL,
				   "金额 \"%s\" 最多两位小数（到分）",
				   dib_err_quote(s, n, q, sizeof q));
	case BAD_RANGE:
		return dib_err_set(err, DIB_EINVAL, "金额 \"%s\" 超出范围",
				   dib_err_quote(s, n, q, sizeof q));
	case BAD_SIGN:
		return dib_err_set(err, DIB_EINVAL, "金额 \"%s\" 不能为负数",
				   dib_err_quote(s, n, q, sizeof q));
	case BAD_SYNTAX:
		break;
	}
	return dib_err_set(err, DIB_EINVAL, "金额 \"%s\" 不正确",
			   dib_err_quote(s, n, q, sizeof q));
}

char *money_format(dib_fen fen, char *out)
{
	char tmp[MONEY_STR];
	size_t t = sizeof tmp;
	/* Magnitude in unsigned so INT64_MIN has one too. */
	uint64_t m = fen < 0 ? (uint64_t)(-(fen + 1)) + 1 : (uint64_t)fen;
	uint64_t yuan = m / 100;
	int frac = (int)(m % 100);

	tmp[--t] = '\0';
	tmp[--t] = (char)('0' + frac % 10);
	tmp[--t] = (char)('0' + frac / 10);
	tmp[--t] = '.';
	for (int i = 0;; i++) {
		if (i > 0 && i % 3 == 0)
			tmp[--t] = ',';
		tmp[--t] = (char)('0' + yuan % 10);
		yuan /= 10;
		if (yuan == 0)
			break;
	}
	if (fen < 0)
		tmp[--t] = '-';
	memcpy(out, tmp + t, sizeof tmp - t);
	return out;
}

static int64_t unit_fen(enum money_unit u)
{
	/* An out-of-range enum value rounds to the fen: changes nothing. */
	return u == MONEY_YUAN ? 100 : u == MONEY_JIAO ? 10 : 1;
}

dib_fen money_div(dib_fen num, int64_t den, money_rounding r)
{
	int64_t u = unit_fen(r.unit);

	if (den <= 0)
		return 0; /* outside the contract; no trap in the payroll */
	/* num/den = q + rem/den (C truncates, so q, rem, r1 share num's
	 * sign); the unit multiple toward zero is q1 * u and the part left
	 * over is (r1 * den + rem) / (u * den). */
	int64_t q = num / den, rem = num % den;
	int64_t q1 = q / u, r1 = q % u;
	int64_t ar1 = r1 < 0 ? -r1 : r1, arem = rem < 0 ? -rem : rem;
	bool away;

	switch (r.mode) {
	case MONEY_DOWN:
		away = false;
		break;
	case MONEY_UP:
		away = ar1 != 0 || arem != 0;
		break;
	case MONEY_HALF_UP:
	default: {
		/* left over >= 1/2  <=>  2 * arem >= k * den, k = u - 2 * ar1;
		 * as arem < den this is true for k <= 0, false for k >= 2,
		 * and for k == 1 compared without overflow. */
		int64_t k = u - 2 * ar1;
		away = k <= 0 || (k == 1 && arem >= den - arem);
		break;
	}
	}
	if (away)
		q1 += num < 0 ? -1 : 1;
	/* Saturate at the largest multiple that int64 can hold. */
	if (q1 > INT64_MAX / u)
		q1 = INT64_MAX / u;
	if (q1 < INT64_MIN / u)
		q1 = INT64_MIN / u;
	return q1 * u;
}

dib_fen money_round(dib_fen fen, money_rounding r)
{
	return money_div(fen, 1, r);
}

static bool is(const char *s, const char *a, const char *b)
{
	return !strcmp(s, a) || !strcmp(s, b);
}

dib_code money_rounding_parse(const char *unit, const char *mode,
			      money_rounding *out, dib_err *err)
{
	money_rounding r;
	char q[DIB_QUOTE_MAX];

	/* The Chinese words are what a bureau's document says. */
	if (unit && is(unit, "fen", "分"))
		r.unit = MONEY_FEN;
	else if (unit && is(unit, "jiao", "角"))
		r.unit = MONEY_JIAO;
	else if (unit && is(unit, "yuan", "元"))
		r.unit = MONEY_YUAN;
	else
		return dib_err_set(err, DIB_EINVAL,
				   "舍入单位 \"%s\" 不正确，应为 fen、jiao 或 yuan",
				   dib_err_quote(unit, unit ? strlen(unit) : 0, q,
						 sizeof q));
	if (mode && is(mode, "half_up", "四舍五入"))
		r.mode = MONEY_HALF_UP;
	else if (mode && is(mode, "up", "进位"))
		r.mode = MONEY_UP;
	else if (mode && is(mode, "down", "舍去"))
		r.mode = MONEY_DOWN;
	else
		return dib_err_set(err, DIB_EINVAL,
				   "舍入方式 \"%s\" 不正确，应为 half_up、up 或 down",
				   dib_err_quote(mode, mode ? strlen(mode) : 0, q,
						 sizeof q));
	*out = r;
	return DIB_OK;
}
