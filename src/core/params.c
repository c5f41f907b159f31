/*
 * params.c — the parsing, checking and formatting of the values of local
 * parameters (params.h); the catalogue itself is data, in
 * params_catalogue.c.
 * Thread-safe: pure functions over constant tables.
 */
#include "util/dib.h"
#include "core/params.h"
#include "core/codes.h"

#include <inttypes.h>
#include <strings.h>

const char *params_type_code(enum params_type t)
{
	static const char *const codes[] = {
		[PARAMS_FEN] = "fen", [PARAMS_BP] = "bp", [PARAMS_INT] = "int",
		[PARAMS_MONTHS] = "months", [PARAMS_WORKDAYS] = "workdays",
		[PARAMS_DAYS] = "days", [PARAMS_BOOL] = "bool", [PARAMS_ENUM] = "enum",
		[PARAMS_TEXT] = "text",
	};
	return (unsigned)t < DIB_ARRAY_LEN(codes) ? codes[t] : "?";
}

params_value params_default(const params_def *d)
{
	params_value v = { .n = d->type == PARAMS_TEXT ? 0 : d->dflt };
	if (d->type == PARAMS_ENUM && d->dflt >= 0 && (size_t)d->dflt < d->nchoices)
		v.code = d->choices[d->dflt].code;
	return v;
}

/* ---- text forms ---- */

char *params_encode(const params_def *d, params_value v, char *out)
{
	if (d->type == PARAMS_BOOL)
		snprintf(out, PARAMS_TEXT_MAX, "%s", v.n ? "true" : "false");
	else if (d->type == PARAMS_ENUM)
		snprintf(out, PARAMS_TEXT_MAX, "%s",
			 v.n >= 0 && (size_t)v.n < d->nchoices ? d->choices[v.n].code : "?");
	else if (d->type == PARAMS_TEXT)
		snprintf(out, PARAMS_TEXT_MAX, "%s", v.text);
	else
		snprintf(out, PARAMS_TEXT_MAX, "%" PRId64, v.n);
	return out;
}

/* Basis points as a percentage without needless zeros: "30%", "12.5%", "0.05%". */
static char *format_bp(int64_t bp, char *out)
{
	int64_t whole = bp / 100, frac = bp % 100;
	if (frac < 0)
		frac = -frac;
	if (!frac)
		snprintf(out, PARAMS_TEXT_MAX, "%" PRId64 "%%", whole);
	else if (frac % 10 == 0)
		snprintf(out, PARAMS_TEXT_MAX, "%" PRId64 ".%" PRId64 "%%", whole, frac / 10);
	else
		snprintf(out, PARAMS_TEXT_MAX, "%" PRId64 ".%02" PRId64 "%%", whole, frac);
	return out;
}

char *params_format(const params_def *d, params_value v, char *out)
{
	switch (d->type) {
	case PARAMS_FEN: {
		char m[MONEY_STR];
		snprintf(out, PARAMS_TEXT_MAX, "%s", money_format(v.n, m));
		return out;
	}
	case PARAMS_BP:
		return format_bp(v.n, out);
	default:
		return params_encode(d, v, out);
	}
}

/* ---- checking ---- */

/* "0.00–1,000.00 元", "1–60 个工作日", "6、12 个月" into out. */
static char *range_text(const params_def *d, char *out, size_t cap)
{
	char lo[PARAMS_TEXT_MAX], hi[PARAMS_TEXT_MAX];
	if (d->only) {
		size_t len = 0;
		out[0] = '\0';
		for (size_t i = 0; i < d->nonly && len < cap; i++) {
			int k = snprintf(out + len, cap - len, "%s%" PRId64, i ? "、" : "", d->only[i]);
			if (k < 0)
				break;
			len += (size_t)k;
		}
		if (len < cap && d->unit[0])
			snprintf(out + len, cap - len, " %s", d->unit);
		return out;
	}
	params_value a = { .n = d->min }, b = { .n = d->max };
	snprintf(out, cap, "%s–%s%s%s", params_format(d, a, lo), params_format(d, b, hi),
		 d->unit[0] && d->type != PARAMS_BP ? " " : "",
		 d->type == PARAMS_BP ? "" : d->unit);
	return out;
}

/* The names of d's choices: "fen (分)、jiao (角)、yuan (元)". */
static char *choices_text(const params_def *d, char *out, size_t cap)
{
	size_t len = 0;
	out[0] = '\0';
	for (size_t i = 0; i < d->nchoices && len < cap; i++) {
		int k = snprintf(out + len, cap - len, "%s%s (%s)", i ? "、" : "",
				 d->choices[i].code, d->choices[i].name);
		if (k < 0)
			break;
		len += (size_t)k;
	}
	return out;
}

/* "" (none) or min..max ASCII digits. */
static bool text_ok(const params_def *d, const char *t)
{
	size_t n = strnlen(t, PARAMS_TEXT_MAX);
	if (n == 0)
		return true;
	if (n == PARAMS_TEXT_MAX || (int64_t)n < d->min || (int64_t)n > d->max)
		return false;
	for (size_t i = 0; i < n; i++)
		if (t[i] < '0' || t[i] > '9')
			return false;
	return true;
}

/* The refusal of a text value (q: the value, quoted), one sentence for
 * every way it can be wrong, as core/bankcard.c's. */
static dib_code text_refused(const params_def *d, const char *q, dib_err *err)
{
	return dib_err_set(err, DIB_EINVAL, "参数 \"%s\" (%s) 的值 \"%s\" 不正确，应为 %" PRId64
			   " 至 %" PRId64 " 位数字", d->name, d->key, q, d->min, d->max);
}

dib_code params_check(const params_def *d, params_value v, dib_err *err)
{
	char shown[PARAMS_TEXT_MAX], range[200];
	if (d->type == PARAMS_TEXT) {
		char q[DIB_QUOTE_MAX];
		const char *t = v.text;
		return text_ok(d, t) ? DIB_OK
				     : text_refused(d, dib_err_quote(t, strnlen(t, PARAMS_TEXT_MAX), q,
								     sizeof q), err);
	}
	if (d->type == PARAMS_ENUM) {
		if (v.n >= 0 && (size_t)v.n < d->nchoices)
			return DIB_OK;
		return dib_err_set(err, DIB_EINVAL, "参数 \"%s\" (%s) 的取值不是可选值，可选: %s",
				   d->name, d->key, choices_text(d, range, sizeof range));
	}
	bool ok = v.n >= d->min && v.n <= d->max;
	if (ok && d->only) {
		ok = false;
		for (size_t i = 0; i < d->nonly; i++)
			ok |= d->only[i] == v.n;
		if (!ok)
			return dib_err_set(err, DIB_EINVAL, "参数 \"%s\" (%s) 的值 \"%s\" 只能是 %s",
					   d->name, d->key, params_format(d, v, shown),
					   range_text(d, range, sizeof range));
	}
	if (!ok)
		return dib_err_set(err, DIB_EINVAL, "参数 \"%s\" (%s) 的值 \"%s\" 超出范围 %s",
				   d->name, d->key, params_format(d, v, shown),
				   range_text(d, range, sizeof range));
	return DIB_OK;
}

/* ---- parsing ---- */

/* Digits only (at most 12), into *out. */
static bool parse_digits(const char *s, size_t n, int64_t *out)
{
	if (n == 0 || n > 12)
		return false;
	int64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* A percentage with at most two decimals and an optional % (or ％) into
 * basis points: "30" and "30%" are 3000, "12.5%" 1250, "0.05" 5. */
static bool parse_bp(const char *s, size_t n, int64_t *out)
{
	if (n >= 1 && s[n - 1] == '%')
		n--;
	else if (n >= 3 && !memcmp(s + n - 3, "\xef\xbc\x85", 3))
		n -= 3;
	while (n && (s[n - 1] == ' '))
		n--;
	const char *dot = memchr(s, '.', n);
	size_t wn = dot ? (size_t)(dot - s) : n;
	int64_t whole, frac = 0;
	if (wn > 6 || !parse_digits(s, wn, &whole))
		return false;
	if (dot) {
		size_t fn = n - wn - 1;
		if (fn < 1 || fn > 2 || !parse_digits(dot + 1, fn, &frac))
			return false;
		if (fn == 1)
			frac *= 10;
	}
	*out = whole * 100 + frac;
	return true;
}

static bool parse_bool(const char *s, size_t n, int64_t *out)
{
	static const struct {
		const char *text;
		int v;
	} words[] = {
		{ "true", 1 }, { "false", 0 }, { "1", 1 }, { "0", 0 }, { "yes", 1 },
		{ "no", 0 }, { "是", 1 }, { "否", 0 },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(words); i++) {
		if (strlen(words[i].text) == n && !strncasecmp(s, words[i].text, n)) {
			*out = words[i].v;
			return true;
		}
	}
	return false;
}

/* An enum value by its code (case-insensitive) or its Chinese name. */
static bool parse_choice(const params_def *d, const char *s, size_t n, int64_t *out)
{
	for (size_t i = 0; i < d->nchoices; i++) {
		const struct params_choice *c = &d->choices[i];
		if ((strlen(c->code) == n && !strncasecmp(s, c->code, n)) ||
		    (strlen(c->name) == n && !memcmp(s, c->name, n))) {
			*out = (int64_t)i;
			return true;
		}
	}
	return false;
}

/* Digits of an account as clerks copy them (blanks between groups,
 * full-width digits from a Chinese input method, as core/bankcard.c reads
 * a card) into out[PARAMS_TEXT_MAX]; false on any other character, on
 * none, or on more than fit. */
static bool parse_text_digits(const char *s, size_t n, char *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k = 0;
	while (i < n) {
		char c;
		if (p[i] == ' ' || p[i] == '\t') {
			i++;
			continue;
		}
		if (n - i >= 3 && p[i] == 0xE3 && p[i + 1] == 0x80 && p[i + 2] == 0x80) {
			i += 3; /* U+3000 */
			continue;
		}
		if (p[i] >= '0' && p[i] <= '9') {
			c = (char)p[i];
			i++;
		} else if (n - i >= 3 && p[i] == 0xEF && p[i + 1] == 0xBC && p[i + 2] >= 0x90 &&
			   p[i + 2] <= 0x99) {
			c = (char)('0' + (p[i + 2] - 0x90)); /* U+FF10–FF19 */
			i += 3;
		} else {
			return false;
		}
		if (k + 1 >= PARAMS_TEXT_MAX)
			return false;
		out[k++] = c;
	}
	out[k] = '\0';
	return k > 0;
}

/* What a value of type t should look like, for messages. */
static const char *expected(const params_def *d)
{
	switch (d->type) {
	case PARAMS_FEN: return "金额 (元，至多两位小数)";
	case PARAMS_BP: return "百分比 (如 30% 或 12.5，至多两位小数)";
	case PARAMS_BOOL: return "是或否 (true/false)";
	case PARAMS_ENUM: return "可选值";
	default: return "非负整数";
	}
}

/* Fills out with d's value for text (already trimmed); false when it does
 * not read as the type. */
static bool read_as(const params_def *d, const char *s, size_t n, params_value *out)
{
	params_value v = { .n = 0 };
	bool ok;
	switch (d->type) {
	case PARAMS_FEN: {
		dib_err scratch;
		dib_err_clear(&scratch);
		ok = money_parse(s, n, false, &v.n, &scratch) == DIB_OK;
		break;
	}
	case PARAMS_BP:
		ok = parse_bp(s, n, &v.n);
		break;
	case PARAMS_BOOL:
		ok = parse_bool(s, n, &v.n);
		break;
	case PARAMS_ENUM:
		ok = parse_choice(d, s, n, &v.n);
		if (ok)
			v.code = d->choices[v.n].code;
		break;
	case PARAMS_TEXT:
		ok = parse_text_digits(s, n, v.text);
		break;
	default:
		ok = parse_digits(s, n, &v.n);
		break;
	}
	if (ok)
		*out = v;
	return ok;
}

dib_code params_parse(const params_def *d, const char *text, size_t n,
		      params_value *out, dib_err *err)
{
	const char *s = text ? text : "";
	codes_trim(&s, &n);
	char q[DIB_QUOTE_MAX], list[200];
	if (!n)
		return dib_err_set(err, DIB_EINVAL, "参数 \"%s\" (%s) 的值不能为空", d->name, d->key);
	params_value v;
	if (!read_as(d, s, n, &v)) {
		if (d->type == PARAMS_TEXT)
			return text_refused(d, dib_err_quote(s, n, q, sizeof q), err);
		if (d->type == PARAMS_ENUM)
			return dib_err_set(err, DIB_EINVAL,
					   "参数 \"%s\" (%s) 的值 \"%s\" 不是可选值，可选: %s",
					   d->name, d->key, dib_err_quote(s, n, q, sizeof q),
					   choices_text(d, list, sizeof list));
		return dib_err_set(err, DIB_EINVAL, "参数 \"%s\" (%s) 的值 \"%s\" 不正确，应为%s",
				   d->name, d->key, dib_err_quote(s, n, q, sizeof q), expected(d));
	}
	dib_code rc = params_check(d, v, err);
	if (!rc)
		*out = v;
	return rc;
}

dib_code params_decode(const params_def *d, const char *stored, params_value *out,
		       dib_err *err)
{
	const char *s = stored ? stored : "";
	size_t n = strlen(s);
	params_value v = { .n = 0 };
	bool ok;
	if (d->type == PARAMS_TEXT) {
		/* as written, "" for none: params_check below wants digits only */
		ok = n < PARAMS_TEXT_MAX;
		if (ok)
			memcpy(v.text, s, n + 1);
	} else if (d->type == PARAMS_BOOL) {
		ok = !strcmp(s, "true") || !strcmp(s, "false");
		v.n = !strcmp(s, "true");
	} else if (d->type == PARAMS_ENUM) {
		ok = false;
		for (size_t i = 0; !ok && i < d->nchoices; i++) {
			if (!strcmp(s, d->choices[i].code)) {
				ok = true;
				v.n = (int64_t)i;
				v.code = d->choices[i].code;
			}
		}
	} else {
		ok = parse_digits(s, n, &v.n);
	}
	char q[DIB_QUOTE_MAX];
	if (!ok)
		return dib_err_set(err, DIB_EINVAL, "参数 \"%s\" (%s) 的存储值 \"%s\" 不正确",
				   d->name, d->key, dib_err_quote(s, n, q, sizeof q));
	dib_code rc = params_check(d, v, err);
	if (!rc)
		*out = v;
	return rc;
}

/* ---- rules built on parameters ---- */

dib_code params_rounding_of(params_value unit, params_value mode, money_rounding *out,
			    dib_err *err)
{
	if (!unit.code || !mode.code)
		return dib_err_set(err, DIB_EINVAL, "取整规则不完整");
	return money_rounding_parse(unit.code, mode.code, out, err);
}

dib_code params_standard_monthly(dib_fen amount_fen, const char *unit, money_rounding r,
				 dib_fen *out, dib_err *err)
{
	const char *u = unit ? unit : "";
	if (!strcmp(u, "person_month")) {
		*out = amount_fen;
		return DIB_OK;
	}
	if (!strcmp(u, "person_year")) {
		*out = money_div(amount_fen, 12, r);
		return DIB_OK;
	}
	char q[DIB_QUOTE_MAX];
	return dib_err_set(err, DIB_EINVAL, "计发单位 \"%s\" 没有月标准",
			   dib_err_quote(u, strlen(u), q, sizeof q));
}
