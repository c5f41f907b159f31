/*
 * test_err.c — the error table and dib_err: stable numbers, the generated
 * lookups, first error wins, messages cut at a character boundary, and
 * dib_err_quote (user text made safe to quote in a message).
 * Single-threaded.
 */
#include "util/dib.h"
#include "util/err.h"

#include <setjmp.h>

#include <cmocka.h>

static void test_err__table_lookups(void **state)
{
	(void)state;
	const struct {
		dib_code code;
		int num;
		const char *name;
		int http;
	} cases[] = {
		{ DIB_OK, 0, "OK", 200 },
		{ DIB_EINVAL, 1, "EINVAL", 400 },
		{ DIB_ENOMEM, 2, "ENOMEM", 500 },
		{ DIB_ENOTFOUND, 3, "ENOTFOUND", 404 },
		{ DIB_ECONFLICT, 4, "ECONFLICT", 409 },
		{ DIB_EIO, 5, "EIO", 500 },
		{ DIB_EPERM, 7, "EPERM", 403 },
		{ DIB_EAUTH, 8, "EAUTH", 401 },
		{ DIB_ETOOBIG, 9, "ETOOBIG", 413 },
		{ DIB_EENCODING, 10, "EENCODING", 400 },
		{ DIB_ECSV, 11, "ECSV", 400 },
		{ DIB_EBUSY, 14, "EBUSY", 503 },
		{ DIB_ECANCELED, 15, "ECANCELED", 499 },
		{ DIB_EINTERNAL, 17, "EINTERNAL", 500 },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		assert_int_equal((int)cases[i].code, cases[i].num); /* stable numbers */
		assert_string_equal(dib_code_name(cases[i].code), cases[i].name);
		assert_int_equal(dib_code_http(cases[i].code), cases[i].http);
		assert_true(strlen(dib_code_text(cases[i].code)) > 0);
	}
	assert_string_equal(dib_code_text(DIB_ENOTFOUND), "记录不存在");
	dib_code unknown = (dib_code)999;
	assert_string_equal(dib_code_name(unknown), "UNKNOWN");
	assert_int_equal(dib_code_http(unknown), 500);
	assert_string_equal(dib_code_text(unknown), "未知错误");
}

static void test_err__first_error_wins(void **state)
{
	(void)state;
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(err.code, DIB_OK);
	assert_int_equal(dib_err_set(&err, DIB_EINVAL, "身份证号 \"%s\" 校验码不正确",
				     "41010119900101123X"),
			 DIB_EINVAL);
	dib_err_detail(&err, "check digit %c", 'X');
	/* A later error (e.g. from cleanup) returns its code but changes nothing. */
	assert_int_equal(dib_err_set(&err, DIB_EDB, "rollback failed"), DIB_EDB);
	dib_err_detail(&err, "sqlite: busy");
	assert_int_equal(err.code, DIB_EINVAL);
	assert_string_equal(err.msg, "身份证号 \"41010119900101123X\" 校验码不正确");
	assert_string_equal(err.detail, "check digit X");

	dib_err_clear(&err);
	assert_int_equal(err.code, DIB_OK);
	assert_string_equal(err.msg, "");
	assert_string_equal(err.detail, "");
}

static void test_err__default_text_and_null(void **state)
{
	(void)state;
	dib_err err;
	dib_err_clear(&err);
	dib_err_set(&err, DIB_ENOTFOUND, NULL);
	assert_string_equal(err.msg, "记录不存在");
	dib_err_clear(&err);
	assert_int_equal(dib_err_nomem(&err), DIB_ENOMEM);
	assert_string_equal(err.msg, "内存不足");
	/* A NULL err is allowed everywhere. */
	assert_int_equal(dib_err_set(NULL, DIB_EIO, "x %d", 1), DIB_EIO);
	dib_err_detail(NULL, "y");
	dib_err_clear(NULL);
	assert_int_equal(dib_err_nomem(NULL), DIB_ENOMEM);
}

/* True when s is valid UTF-8 (enough of a check for this test). */
static bool valid_utf8(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	while (*u) {
		size_t n = *u < 0x80 ? 1 : *u >= 0xF0 ? 4 : *u >= 0xE0 ? 3 : *u >= 0xC2 ? 2 : 0;
		if (n == 0)
			return false;
		for (size_t k = 1; k < n; k++)
			if ((u[k] & 0xC0) != 0x80)
				return false;
		u += n;
	}
	return true;
}

static void test_err__long_message_is_cut_at_a_character(void **state)
{
	(void)state;
	/* 300 Hanzi (900 bytes) after 0..3 ASCII bytes: the 511-byte limit
	 * falls on every position inside a 3-byte character. */
	char hanzi[901];
	for (int i = 0; i < 300; i++)
		memcpy(hanzi + 3 * i, "户", 3);
	hanzi[900] = '\0';
	for (int pre = 0; pre < 4; pre++) {
		dib_err err;
		dib_err_clear(&err);
		dib_err_set(&err, DIB_EINVAL, "%.*s%s", pre, "abc", hanzi);
		dib_err_detail(&err, "%.*s%s", pre, "abc", hanzi);
		size_t len = strlen(err.msg);
		assert_true(valid_utf8(err.msg));
		assert_true(valid_utf8(err.detail));
		assert_true(len <= DIB_ERR_MSG_MAX - 1 && len >= DIB_ERR_MSG_MAX - 3);
		assert_int_equal((len - (size_t)pre) % 3, 0);
	}
	/* Short messages are untouched; ASCII cut anywhere stays as is. */
	dib_err err;
	dib_err_clear(&err);
	char ascii[700];
	memset(ascii, 'a', sizeof ascii - 1);
	ascii[sizeof ascii - 1] = '\0';
	dib_err_set(&err, DIB_EINVAL, "%s", ascii);
	assert_int_equal(strlen(err.msg), DIB_ERR_MSG_MAX - 1);
}

struct quote_case {
	const char *in;
	size_t n;
	const char *want;
};

static void test_err__quote_table(void **state)
{
	(void)state;
	const struct quote_case cases[] = {
		{ "41010119900101123X", 18, "41010119900101123X" },
		{ "张三", 6, "张三" },
		{ "a\nb\tc\x7F", 6, "a?b?c?" },               /* control characters */
		{ "a\0b", 3, "a?b" },                          /* NUL inside n */
		{ "\xC3\x28", 2, "?(" },                       /* bad continuation */
		{ "\xC0\xAF", 2, "??" },                       /* overlong */
		{ "\xED\xA0\x80", 3, "???" },                  /* surrogate */
		{ "\xF4\x90\x80\x80", 4, "????" },             /* past U+10FFFF */
		{ "ab\xE4\xB8", 4, "ab??" },                    /* cut-off character */
		{ "GBK \xD5\xC5\xC8\xFD", 8, "GBK ????" },     /* 张三 in GBK */
		{ "abcdef", 3, "abc" },                         /* n, not strlen */
		{ NULL, 0, "" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		char out[DIB_QUOTE_MAX];
		char *r = dib_err_quote(cases[i].in, cases[i].n, out, sizeof out);
		assert_ptr_equal(r, out);
		if (strcmp(out, cases[i].want) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, out, cases[i].want);
	}
}

static void test_err__quote_cuts_long_text_visibly(void **state)
{
	(void)state;
	char out[DIB_QUOTE_MAX];
	char a[200];
	memset(a, 'a', sizeof a);
	dib_err_quote(a, sizeof a, out, sizeof out);
	assert_int_equal(strlen(out), 76 + strlen("…"));
	assert_string_equal(out + 76, "…");

	/* 40 Hanzi: cut at a character boundary, still valid UTF-8. */
	char hz[120];
	for (int i = 0; i < 40; i++)
		memcpy(hz + 3 * i, "户", 3);
	dib_err_quote(hz, sizeof hz, out, sizeof out);
	assert_true(valid_utf8(out));
	assert_true(strlen(out) < DIB_QUOTE_MAX);
	assert_int_equal(strlen(out) % 3, 0);
	assert_string_equal(out + strlen(out) - 3, "…");

	/* Too small for the ellipsis: cut without it; size 0 writes nothing. */
	char tiny[3] = { 'x', 'x', 'x' };
	dib_err_quote("abcdef", 6, tiny, sizeof tiny);
	assert_true(strlen(tiny) < sizeof tiny);
	assert_true(valid_utf8(tiny));
	char none[1] = { 'x' };
	dib_err_quote("abc", 3, none, 0);
	assert_int_equal(none[0], 'x');
}

/* A literal and its length. */
#define Q(lit) lit, sizeof lit - 1

/* Edges the first table leaves out: C1 controls, the valid code points
 * next to the rejected ones, more broken forms, small buffers. */
static void test_err__quote_edges_table(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		size_t n;
		size_t size;
		const char *want;
	} t[] = {
		{ Q(""), DIB_QUOTE_MAX, "" },
		{ Q("２０２５年 1 月"), DIB_QUOTE_MAX, "２０２５年 1 月" },
		/* C1 controls U+0080–U+009F: one '?' per character */
		{ Q("a\xc2\x80" "b\xc2\x9f"), DIB_QUOTE_MAX, "a?b?" },
		{ Q("\xc2\xa0\xc2\xa5"), DIB_QUOTE_MAX, "\xc2\xa0\xc2\xa5" }, /* NBSP ¥ */
		/* broken: one '?' per byte */
		{ Q("\x80"), DIB_QUOTE_MAX, "?" },
		{ Q("\xff" "1"), DIB_QUOTE_MAX, "?1" },
		{ Q("\xc1\xbf" "x"), DIB_QUOTE_MAX, "??x" },
		{ Q("\xf5\x80\x80\x80"), DIB_QUOTE_MAX, "????" },
		{ "\xe8\xa1\xa8", 2, DIB_QUOTE_MAX, "??" }, /* cut off by n */
		{ Q("\xe8" "a\xa1\xa8"), DIB_QUOTE_MAX, "?a??" },
		{ Q("\xe0\x80\xaf"), DIB_QUOTE_MAX, "???" },
		{ Q("\xf0\x80\x80\xaf"), DIB_QUOTE_MAX, "????" },
		{ Q("\xed\xbf\xbf"), DIB_QUOTE_MAX, "???" },
		/* the valid code points next to those */
		{ Q("\xe0\xa0\x80"), DIB_QUOTE_MAX, "\xe0\xa0\x80" },         /* U+0800 */
		{ Q("\xed\x9f\xbf"), DIB_QUOTE_MAX, "\xed\x9f\xbf" },         /* U+D7FF */
		{ Q("\xee\x80\x80"), DIB_QUOTE_MAX, "\xee\x80\x80" },         /* U+E000 */
		{ Q("\xf0\x90\x80\x80"), DIB_QUOTE_MAX, "\xf0\x90\x80\x80" }, /* U+10000 */
		{ Q("\xf4\x8f\xbf\xbf"), DIB_QUOTE_MAX, "\xf4\x8f\xbf\xbf" }, /* U+10FFFF */
		/* small buffers: room is kept for "…" (3 bytes) and the NUL */
		{ Q("abc"), 1, "" },
		{ Q("abc"), 3, "" },
		{ Q("abc"), 4, "…" },
		{ Q("abc"), 5, "a…" },
		{ Q("abc"), 7, "abc" },
		{ Q("表哥"), 6, "…" },
		{ Q("表哥"), 10, "表哥" },
		{ Q("表哥哥"), 9, "表…" },
		{ Q("表哥哥"), 10, "表哥…" },
		{ Q("\xff\xff\xff"), 5, "?…" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		char out[DIB_QUOTE_MAX];
		memset(out, 'Z', sizeof out);
		assert_ptr_equal(dib_err_quote(t[i].in, t[i].n, out, t[i].size), out);
		if (strcmp(out, t[i].want) != 0)
			fail_msg("row %zu: got \"%s\", want \"%s\"", i, out, t[i].want);
	}
}

/* With DIB_QUOTE_MAX, up to 76 bytes of text are kept; more is cut to whole
 * characters and marked with "…". */
static void test_err__quote_cut_at_76_bytes(void **state)
{
	(void)state;
	static const struct {
		size_t ascii, hanzi; /* input: that many 'a', then that many 表 */
		size_t keep_ascii, keep_hanzi;
		bool cut;
	} t[] = {
		{ 76, 0, 76, 0, false },
		{ 77, 0, 76, 0, true },
		{ 300, 0, 76, 0, true },
		{ 1, 25, 1, 25, false }, /* 76 bytes exactly */
		{ 0, 25, 0, 25, false },
		{ 0, 26, 0, 25, true },  /* 表 number 26 would end at byte 78 */
		{ 1, 26, 1, 25, true },
		{ 2, 26, 2, 24, true },  /* never half a 表 */
		{ 3, 26, 3, 24, true },
		{ 4, 26, 4, 24, true },
		{ 0, 100, 0, 25, true },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		char in[400], want[DIB_QUOTE_MAX + 8], out[DIB_QUOTE_MAX];
		size_t n, w;

		memset(in, 'a', t[i].ascii);
		n = t[i].ascii;
		for (size_t k = 0; k < t[i].hanzi; k++, n += 3)
			memcpy(in + n, "表", 3);
		memset(want, 'a', t[i].keep_ascii);
		w = t[i].keep_ascii;
		for (size_t k = 0; k < t[i].keep_hanzi; k++, w += 3)
			memcpy(want + w, "表", 3);
		if (t[i].cut) {
			memcpy(want + w, "…", 3);
			w += 3;
		}
		want[w] = '\0';
		dib_err_quote(in, n, out, sizeof out);
		if (strcmp(out, want) != 0)
			fail_msg("row %zu: got \"%s\", want \"%s\"", i, out, want);
	}
}

/* Strict UTF-8 (no overlongs, surrogates or values past U+10FFFF), written
 * apart from the code under test. */
static bool strict_utf8(const char *s)
{
	static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
	const unsigned char *u = (const unsigned char *)s;

	while (*u) {
		uint32_t cp;
		size_t n;
		if (*u < 0x80) {
			u++;
			continue;
		}
		if ((*u & 0xE0) == 0xC0) {
			n = 2;
			cp = *u & 0x1Fu;
		} else if ((*u & 0xF0) == 0xE0) {
			n = 3;
			cp = *u & 0x0Fu;
		} else if ((*u & 0xF8) == 0xF0) {
			n = 4;
			cp = *u & 0x07u;
		} else {
			return false;
		}
		for (size_t k = 1; k < n; k++) {
			if ((u[k] & 0xC0) != 0x80)
				return false;
			cp = cp << 6 | (u[k] & 0x3Fu);
		}
		if (cp < min[n] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			return false;
		u += n;
	}
	return true;
}

/* Whatever the bytes and wherever n and size fall: within size, strictly
 * valid UTF-8 without C0 controls or DEL, and either the whole quoted text
 * or a prefix of it ending on a character, then "…" when there was room. */
static void test_err__quote_output_always_valid(void **state)
{
	(void)state;
	static const char piece[] = "a表\xe8\xa1\xff\x01\xf0\x9f\x98\x80"
				    "\xed\xa0\x80\xc2\x85\xc0\xaf" "２9\x7f";
	char in[600];
	size_t len = 0;

	while (len + sizeof piece - 1 <= sizeof in) {
		memcpy(in + len, piece, sizeof piece - 1);
		len += sizeof piece - 1;
	}
	for (size_t n = 0; n <= len; n += n < 120 ? 1 : 37) {
		char full[sizeof in + 1];
		dib_err_quote(in, n, full, sizeof full); /* never cut */
		assert_true(strlen(full) <= n);
		for (size_t size = 1; size <= DIB_QUOTE_MAX; size++) {
			char out[DIB_QUOTE_MAX + 1];
			out[size] = 'Z';
			dib_err_quote(in, n, out, size);
			size_t olen = strlen(out);
			assert_int_equal(out[size], 'Z'); /* nothing past size */
			assert_true(olen < size);
			assert_true(strict_utf8(out));
			for (size_t k = 0; k < olen; k++)
				assert_true((unsigned char)out[k] >= 0x20 &&
					    out[k] != 0x7F);
			if (strcmp(out, full) == 0)
				continue;
			size_t kept = olen >= 3 && !strcmp(out + olen - 3, "…")
					      ? olen - 3 : olen;
			assert_memory_equal(out, full, kept);
			assert_true(strict_utf8(full + kept)); /* on a boundary */
			if (size >= 4) /* room for "…": the cut shows */
				assert_int_equal(kept + 3, olen);
			else
				assert_int_equal(olen, 0);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_err__table_lookups),
		cmocka_unit_test(test_err__first_error_wins),
		cmocka_unit_test(test_err__default_text_and_null),
		cmocka_unit_test(test_err__long_message_is_cut_at_a_character),
		cmocka_unit_test(test_err__quote_table),
		cmocka_unit_test(test_err__quote_cuts_long_text_visibly),
		cmocka_unit_test(test_err__quote_edges_table),
		cmocka_unit_test(test_err__quote_cut_at_76_bytes),
		cmocka_unit_test(test_err__quote_output_always_valid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
