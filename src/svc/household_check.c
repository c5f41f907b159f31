/*
 * household_check.c — the field checks of the register's writes
 * (household.h): ID numbers with the expected check character named, text
 * length and control characters, codes, telephone numbers, dates. Pure
 * apart from copying trimmed text into the caller's arena, so each rule is
 * a table test (tests/unit/svc/test_household.c).
 * Thread-safety: pure functions.
 */
#include "util/dib.h"
#include "core/codes.h"
#include "svc/household.h"

/* Code points in n bytes of UTF-8 s; SIZE_MAX when s is not UTF-8 or holds
 * a control character (C0, DEL, C1). */
static size_t text_chars(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t chars = 0;
	for (size_t i = 0; i < n; chars++) {
		unsigned c = p[i];
		size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
			   : (c & 0xF8) == 0xF0 ? 4 : 0;
		if (!len || i + len > n || c < 0x20 || c == 0x7F || c == 0xC0 || c == 0xC1)
			return SIZE_MAX;
		for (size_t k = 1; k < len; k++)
			if ((p[i + k] & 0xC0) != 0x80)
				return SIZE_MAX;
		if (c == 0xC2 && p[i + 1] < 0xA0) /* U+0080–U+009F */
			return SIZE_MAX;
		i += len;
	}
	return chars;
}

dib_code household_check_idno(const char *s, dib_date today, idcard *out,
			      dib_err *err)
{
	dib_err first;
	dib_err_clear(&first);
	size_t n = strlen(s);
	if (!idcard_parse(s, n, today, out, &first))
		return DIB_OK;
	/* Try every check character in place of the last one: when exactly
	 * the right one makes the number valid, nothing but the check
	 * character is wrong, and the clerk is told which it should be. Only
	 * for 18 characters: a 15-digit number has none. */
	const char *p = s;
	size_t m = n;
	codes_trim(&p, &m);
	char buf[96];
	if (m && m < sizeof buf && text_chars(p, m) == IDCARD_LEN) {
		size_t last = m - 1;
		while (last > 0 && ((unsigned char)p[last] & 0xC0) == 0x80)
			last--;
		memcpy(buf, p, last);
		static const char cand[] = "0123456789X";
		for (size_t i = 0; i < sizeof cand - 1; i++) {
			buf[last] = cand[i];
			idcard t;
			dib_err e;
			dib_err_clear(&e);
			if (!idcard_parse(buf, last + 1, today, &t, &e)) {
				char q[DIB_QUOTE_MAX];
				return dib_err_set(err, DIB_EINVAL,
						   "身份证号码 \"%s\" 的校验位不正确，应为 %c",
						   dib_err_quote(p, m, q, sizeof q), cand[i]);
			}
		}
	}
	dib_err_set(err, first.code, "%s", first.msg);
	return first.code;
}

dib_code household_check_text(const char *label, const char *s, size_t max,
			      bool required, dib_arena *a, const char **out,
			      dib_err *err)
{
	const char *p = s ? s : "";
	size_t n = strlen(p);
	codes_trim(&p, &n);
	char q[DIB_QUOTE_MAX];
	if (!n) {
		if (required)
			return dib_err_set(err, DIB_EINVAL, "%s不能为空", label);
		*out = NULL;
		return DIB_OK;
	}
	size_t chars = text_chars(p, n);
	if (chars == SIZE_MAX)
		return dib_err_set(err, DIB_EINVAL, "%s \"%s\" 含有控制字符或无效文字", label,
				   dib_err_quote(p, n, q, sizeof q));
	if (chars > max)
		return dib_err_set(err, DIB_EINVAL, "%s \"%s\" 超过 %zu 个字", label,
				   dib_err_quote(p, n, q, sizeof q), max);
	char *copy = dib_arena_strndup(a, p, n);
	if (!copy)
		return dib_err_nomem(err);
	*out = copy;
	return DIB_OK;
}

dib_code household_check_code(enum codes_table t, int64_t v, dib_err *err)
{
	if (v >= 0 && v <= 99 && codes_name(t, (int)v))
		return DIB_OK;
	/* every table's codes are below 100: list them as "1 城镇、2 农村" */
	char list[400] = "";
	size_t len = 0;
	for (int c = 0; c < 100; c++) {
		const char *name = codes_name(t, c);
		if (!name)
			continue;
		int k = snprintf(list + len, sizeof list - len, "%s%d %s", len ? "、" : "", c, name);
		if (k < 0 || (size_t)k >= sizeof list - len)
			break;
		len += (size_t)k;
	}
	return dib_err_set(err, DIB_EINVAL, "%s \"%lld\" 不是有效代码，可填: %s",
			   codes_label(t), (long long)v, list);
}

dib_code household_check_phone(const char *s, dib_arena *a, const char **out,
			       dib_err *err)
{
	const char *p = s ? s : "";
	size_t n = strlen(p);
	codes_trim(&p, &n);
	bool ok = n >= 7 && n <= 20;
	for (size_t i = 0; ok && i < n; i++)
		ok = (p[i] >= '0' && p[i] <= '9') || p[i] == '-';
	if (!ok) {
		char q[DIB_QUOTE_MAX];
		return dib_err_set(err, DIB_EINVAL, "联系电话 \"%s\" 不正确: 应为 7 至 20 位数字或 -",
				   dib_err_quote(p, n, q, sizeof q));
	}
	char *copy = dib_arena_strndup(a, p, n);
	if (!copy)
		return dib_err_nomem(err);
	*out = copy;
	return DIB_OK;
}

dib_code household_check_date(const char *label, const char *s, dib_date today,
			      dib_date *out, dib_err *err)
{
	dib_date d;
	dib_err e;
	dib_err_clear(&e);
	if (date_parse(s, strlen(s), &d, &e)) {
		char q[DIB_QUOTE_MAX];
		return dib_err_set(err, DIB_EINVAL, "%s \"%s\" 不是有效日期 (YYYY-MM-DD)", label,
				   dib_err_quote(s, strlen(s), q, sizeof q));
	}
	if (date_cmp(d, today) > 0) {
		char t[DIB_DATE_STR];
		return dib_err_set(err, DIB_EINVAL, "%s %s 不能晚于今天 (%s)", label, s,
				   date_format(today, t));
	}
	*out = d;
	return DIB_OK;
}
