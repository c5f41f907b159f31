/*
 * test_money.c — table tests for core/money: what clerks and Excel type,
 * what is refused and why, formatting, and integer rounding (to fen, jiao,
 * yuan; half-up, up, down) including the exact rational money_div, checked
 * against an independent reference formula.
 * Thread-safety: single-threaded test program.
 */
#include "util/dib.h"
#include "core/money.h"

#include <setjmp.h>
#include <cmocka.h>

static const money_rounding FEN_HALF = {MONEY_FEN, MONEY_HALF_UP};
static const money_rounding FEN_UP = {MONEY_FEN, MONEY_UP};
static const money_rounding FEN_DOWN = {MONEY_FEN, MONEY_DOWN};
static const money_rounding JIAO_HALF = {MONEY_JIAO, MONEY_HALF_UP};
static const money_rounding JIAO_UP = {MONEY_JIAO, MONEY_UP};
static const money_rounding JIAO_DOWN = {MONEY_JIAO, MONEY_DOWN};
static const money_rounding YUAN_HALF = {MONEY_YUAN, MONEY_HALF_UP};
static const money_rounding YUAN_UP = {MONEY_YUAN, MONEY_UP};
static const money_rounding YUAN_DOWN = {MONEY_YUAN, MONEY_DOWN};

static void test_money__parse_accepts(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		bool neg;
		dib_fen want;
	} t[] = {
		{"1234", false, 123400},
		{"1,234.5", false, 123450},
		{"¥1234.56", false, 123456},
		{"￥1,234.56", false, 123456},
		{"1234元", false, 123400},
		{"1234.50元", false, 123450},
		{" 1234 ", false, 123400},
		{"\t1234.5\r\n", false, 123450},
		{"\xe3\x80\x80" "88.8" "\xe3\x80\x80", false, 8880},
		{"¥ 1,234.56 元", false, 123456},
		{"0", false, 0},
		{"0.00", false, 0},
		{"0.5", false, 50},
		{"0.05", false, 5},
		{"12.30", false, 1230},
		{"1,234,567.89", false, 123456789},
		{"999", false, 99900},
		{"1234.500", false, 123450}, /* zeros lose nothing */
		{"007", false, 700},
		{"12,345", false, 1234500},
		{"123,456", false, 12345600},
		{"-1234.56", true, -123456},
		{"-¥12", true, -1200},
		{"¥-12", true, -1200},
		{"-0.05", true, -5},
		{"-0", true, 0},
		{"-1,000元", true, -100000},
		{"1234", true, 123400},
		{"92233720368547758.07", false, INT64_MAX},
		{"92,233,720,368,547,758.07", false, INT64_MAX},
		{"-92233720368547758.07", true, -INT64_MAX},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		dib_fen v = 42;
		dib_err err;
		dib_err_clear(&err);
		dib_code rc = money_parse(t[i].in, strlen(t[i].in), t[i].neg,
					  &v, &err);
		if (rc != DIB_OK || v != t[i].want)
			fail_msg("row %zu \"%s\": rc %d (%s), got %lld, want %lld",
				 i, t[i].in, (int)rc, err.msg, (long long)v,
				 (long long)t[i].want);
	}
}

static void test_money__parse_rejects_with_message(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		bool neg;
		const char *msg;
	} t[] = {
		{"", false, "金额不能为空"},
		{"   ", true, "金额不能为空"},
		{"1234.567", false, "金额 \"1234.567\" 最多两位小数（到分）"},
		{"0.001", false, "金额 \"0.001\" 最多两位小数（到分）"},
		{"1,23", false, "金额 \"1,23\" 千位分隔符位置不正确"},
		{",123", false, "金额 \",123\" 千位分隔符位置不正确"},
		{"1234,567", false, "金额 \"1234,567\" 千位分隔符位置不正确"},
		{"1,,234", false, "金额 \"1,,234\" 千位分隔符位置不正确"},
		{"1,234,56", false, "金额 \"1,234,56\" 千位分隔符位置不正确"},
		{"12,34.5", false, "金额 \"12,34.5\" 千位分隔符位置不正确"},
		{"1,2345", false, "金额 \"1,2345\" 千位分隔符位置不正确"},
		{"1,", false, "金额 \"1,\" 千位分隔符位置不正确"},
		{"abc", false, "金额 \"abc\" 不正确"},
		{"12a", false, "金额 \"12a\" 不正确"},
		{"1.2.3", false, "金额 \"1.2.3\" 不正确"},
		{".", false, "金额 \".\" 不正确"},
		{"1.", false, "金额 \"1.\" 不正确"},
		{".5", false, "金额 \".5\" 不正确"},
		{"¥", false, "金额 \"¥\" 不正确"},
		{"元", false, "金额 \"元\" 不正确"},
		{"--1", true, "金额 \"--1\" 不正确"},
		{"+1", true, "金额 \"+1\" 不正确"},
		{"-", true, "金额 \"-\" 不正确"},
		{"1 234", false, "金额 \"1 234\" 不正确"},
		{"1e3", false, "金额 \"1e3\" 不正确"},
		{"12元元", false, "金额 \"12元元\" 不正确"},
		{"¥¥12", false, "金额 \"¥¥12\" 不正确"},
		{"$12", false, "金额 \"$12\" 不正确"},
		{"12¥", false, "金额 \"12¥\" 不正确"},
		{"1\n2", false, "金额 \"1?2\" 不正确"},
		{"1\xff", false, "金额 \"1?\" 不正确"},
		{"-5", false, "金额 \"-5\" 不能为负数"},
		{"-¥5", false, "金额 \"-¥5\" 不能为负数"},
		{"-0", false, "金额 \"-0\" 不能为负数"},
		{"92233720368547758.08", false, "金额 \"92233720368547758.08\" 超出范围"},
		{"-92233720368547758.08", true, "金额 \"-92233720368547758.08\" 超出范围"},
		{"99999999999999999999", false, "金额 \"99999999999999999999\" 超出范围"},
		{"1000000000000000000000000000000", false,
		 "金额 \"1000000000000000000000000000000\" 超出范围"},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		dib_fen v = 42;
		dib_err err;
		dib_err_clear(&err);
		dib_code rc = money_parse(t[i].in, strlen(t[i].in), t[i].neg,
					  &v, &err);
		if (rc != DIB_EINVAL || strcmp(err.msg, t[i].msg) != 0)
			fail_msg("row %zu \"%s\": rc %d msg %s, want %s", i,
				 t[i].in, (int)rc, err.msg, t[i].msg);
		assert_int_equal(v, 42); /* untouched */
	}
}

static void test_money__parse_uses_only_n_bytes(void **state)
{
	(void)state;
	dib_fen v = 0;
	dib_err err;

	dib_err_clear(&err);
	assert_int_equal(money_parse("12.345", 5, false, &v, &err), DIB_OK);
	assert_int_equal(v, 1234);
	assert_int_equal(money_parse(NULL, 0, false, &v, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "金额不能为空");
}

/* A pasted paragraph is quoted cut like in every parser: 76 bytes, "…". */
static void test_money__long_input_quoted_cut(void **state)
{
	(void)state;
	char in[150], want[DIB_ERR_MSG_MAX];
	dib_fen v = 42;
	dib_err err;

	for (size_t i = 0; i + 3 <= sizeof in; i += 3)
		memcpy(in + i, "元", 3);
	dib_err_clear(&err);
	assert_int_equal(money_parse(in, sizeof in, false, &v, &err), DIB_EINVAL);
	/* 25 元 are 75 bytes; the 26th would pass 76 */
	snprintf(want, sizeof want, "金额 \"%.75s…\" 不正确", in);
	assert_string_equal(err.msg, want);
	assert_int_equal(v, 42);
}

static void test_money__format(void **state)
{
	(void)state;
	static const struct {
		dib_fen fen;
		const char *s;
	} t[] = {
		{0, "0.00"},
		{5, "0.05"},
		{-5, "-0.05"},
		{50, "0.50"},
		{100, "1.00"},
		{-100, "-1.00"},
		{123456, "1,234.56"},
		{99999, "999.99"},
		{100000, "1,000.00"},
		{12345678, "123,456.78"},
		{-123456789, "-1,234,567.89"},
		{100000000000, "1,000,000,000.00"},
		{INT64_MAX, "92,233,720,368,547,758.07"},
		{INT64_MIN, "-92,233,720,368,547,758.08"},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		char out[MONEY_STR];
		assert_ptr_equal(money_format(t[i].fen, out), out);
		assert_string_equal(out, t[i].s);
	}
}

static void test_money__format_parse_round_trip(void **state)
{
	(void)state;
	dib_fen v = 1;

	/* 1, 3, 9, 27, ... 3^38, both signs */
	for (int i = 0; i < 39; i++, v *= 3) {
		for (int s = -1; s <= 1; s += 2) {
			char out[MONEY_STR];
			dib_fen back = 0, x = s * v;
			dib_err err;
			dib_err_clear(&err);
			money_format(x, out);
			assert_int_equal(money_parse(out, strlen(out), true,
						     &back, &err),
					 DIB_OK);
			assert_int_equal(back, x);
		}
	}
}

static void test_money__round(void **state)
{
	(void)state;
	static const struct {
		dib_fen fen;
		money_rounding r;
		dib_fen want;
	} t[] = {
		{35916, {MONEY_JIAO, MONEY_HALF_UP}, 35920},
		{35915, {MONEY_JIAO, MONEY_HALF_UP}, 35920},
		{35914, {MONEY_JIAO, MONEY_HALF_UP}, 35910},
		{-35915, {MONEY_JIAO, MONEY_HALF_UP}, -35920},
		{-35914, {MONEY_JIAO, MONEY_HALF_UP}, -35910},
		{35901, {MONEY_JIAO, MONEY_UP}, 35910},
		{35900, {MONEY_JIAO, MONEY_UP}, 35900},
		{-35901, {MONEY_JIAO, MONEY_UP}, -35910},
		{35999, {MONEY_JIAO, MONEY_DOWN}, 35990},
		{-35999, {MONEY_JIAO, MONEY_DOWN}, -35990},
		{35950, {MONEY_YUAN, MONEY_HALF_UP}, 36000},
		{35949, {MONEY_YUAN, MONEY_HALF_UP}, 35900},
		{-35950, {MONEY_YUAN, MONEY_HALF_UP}, -36000},
		{35901, {MONEY_YUAN, MONEY_UP}, 36000},
		{35999, {MONEY_YUAN, MONEY_DOWN}, 35900},
		{-35999, {MONEY_YUAN, MONEY_DOWN}, -35900},
		{35917, {MONEY_FEN, MONEY_HALF_UP}, 35917},
		{35917, {MONEY_FEN, MONEY_UP}, 35917},
		{-35917, {MONEY_FEN, MONEY_DOWN}, -35917},
		{0, {MONEY_YUAN, MONEY_UP}, 0},
		{1, {MONEY_YUAN, MONEY_UP}, 100},
		{-1, {MONEY_YUAN, MONEY_UP}, -100},
		{49, {MONEY_YUAN, MONEY_HALF_UP}, 0},
		{50, {MONEY_YUAN, MONEY_HALF_UP}, 100},
		{INT64_MAX, {MONEY_YUAN, MONEY_HALF_UP}, INT64_MAX - 7},
		/* rounding up past the int64 limit saturates */
		{INT64_MAX, {MONEY_YUAN, MONEY_UP}, INT64_MAX - 7},
		{INT64_MAX, {MONEY_JIAO, MONEY_UP}, INT64_MAX - 7},
		{INT64_MIN, {MONEY_YUAN, MONEY_DOWN}, INT64_MIN + 8},
		{INT64_MIN, {MONEY_YUAN, MONEY_UP}, INT64_MIN + 8},
		/* an out-of-range unit rounds to the fen: changes nothing */
		{35916, {(enum money_unit)7, MONEY_UP}, 35916},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++)
		if (money_round(t[i].fen, t[i].r) != t[i].want)
			fail_msg("row %zu: got %lld, want %lld", i,
				 (long long)money_round(t[i].fen, t[i].r),
				 (long long)t[i].want);
}

static void test_money__div_exact_rational(void **state)
{
	(void)state;
	static const struct {
		dib_fen num;
		int64_t den;
		money_rounding r;
		dib_fen want;
	} t[] = {
		/* a yearly standard of 4,310 yuan paid monthly: 35916.67 fen */
		{431000, 12, {MONEY_JIAO, MONEY_HALF_UP}, 35920},
		{431000, 12, {MONEY_YUAN, MONEY_UP}, 36000},
		{431000, 12, {MONEY_FEN, MONEY_HALF_UP}, 35917},
		{431000, 12, {MONEY_FEN, MONEY_DOWN}, 35916},
		{431000, 12, {MONEY_FEN, MONEY_UP}, 35917},
		{431000, 12, {MONEY_JIAO, MONEY_DOWN}, 35910},
		{431000, 12, {MONEY_JIAO, MONEY_UP}, 35920},
		{431000, 12, {MONEY_YUAN, MONEY_HALF_UP}, 35900},
		{431000, 12, {MONEY_YUAN, MONEY_DOWN}, 35900},
		{1, 2, {MONEY_FEN, MONEY_HALF_UP}, 1},
		{1, 3, {MONEY_FEN, MONEY_HALF_UP}, 0},
		{2, 3, {MONEY_FEN, MONEY_HALF_UP}, 1},
		{-1, 2, {MONEY_FEN, MONEY_HALF_UP}, -1},
		{-1, 3, {MONEY_FEN, MONEY_HALF_UP}, 0},
		{-2, 3, {MONEY_FEN, MONEY_HALF_UP}, -1},
		{100, 3, {MONEY_FEN, MONEY_HALF_UP}, 33},
		{100, 3, {MONEY_FEN, MONEY_UP}, 34},
		{100, 3, {MONEY_FEN, MONEY_DOWN}, 33},
		{1005, 2, {MONEY_FEN, MONEY_HALF_UP}, 503},
		{1005, 2, {MONEY_JIAO, MONEY_HALF_UP}, 500},
		{1005, 2, {MONEY_JIAO, MONEY_UP}, 510},
		{150, 3, {MONEY_YUAN, MONEY_HALF_UP}, 100},
		{150, 3, {MONEY_YUAN, MONEY_DOWN}, 0},
		{149, 3, {MONEY_YUAN, MONEY_HALF_UP}, 0},
		{149, 3, {MONEY_JIAO, MONEY_HALF_UP}, 50},
		/* never a rounded intermediate: 44.5 fen rounded to 45 first
		 * would become 50 */
		{99, 2, {MONEY_JIAO, MONEY_HALF_UP}, 50},
		{89, 2, {MONEY_JIAO, MONEY_HALF_UP}, 40},
		{INT64_MAX, INT64_MAX, {MONEY_FEN, MONEY_HALF_UP}, 1},
		{INT64_MAX - 1, INT64_MAX, {MONEY_FEN, MONEY_HALF_UP}, 1},
		{INT64_MAX / 2, INT64_MAX, {MONEY_FEN, MONEY_HALF_UP}, 0},
		{INT64_MAX / 2 + 1, INT64_MAX, {MONEY_FEN, MONEY_HALF_UP}, 1},
		{1, INT64_MAX, {MONEY_YUAN, MONEY_UP}, 100},
		{1, INT64_MAX, {MONEY_YUAN, MONEY_HALF_UP}, 0},
		{INT64_MIN, 1, {MONEY_FEN, MONEY_HALF_UP}, INT64_MIN},
		{INT64_MIN, 2, {MONEY_FEN, MONEY_HALF_UP}, INT64_MIN / 2},
		{1000, 0, {MONEY_FEN, MONEY_HALF_UP}, 0},  /* outside contract */
		{1000, -5, {MONEY_FEN, MONEY_HALF_UP}, 0}, /* outside contract */
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		dib_fen got = money_div(t[i].num, t[i].den, t[i].r);
		if (got != t[i].want)
			fail_msg("row %zu: %lld / %lld got %lld, want %lld", i,
				 (long long)t[i].num, (long long)t[i].den,
				 (long long)got, (long long)t[i].want);
	}
}

/* An independent formula: with a = |num| and D = den * unit, half-up is
 * floor((2a + D) / 2D), up is ceil(a / D), down is floor(a / D). */
static dib_fen reference(dib_fen num, int64_t den, money_rounding r)
{
	int64_t u = r.unit, a = num < 0 ? -num : num, D = den * u, q;

	switch (r.mode) {
	case MONEY_UP:
		q = (a + D - 1) / D;
		break;
	case MONEY_DOWN:
		q = a / D;
		break;
	default:
		q = (2 * a + D) / (2 * D);
		break;
	}
	return (num < 0 ? -q : q) * u;
}

static void test_money__div_matches_reference(void **state)
{
	(void)state;
	const money_rounding rs[] = {FEN_HALF,  FEN_UP,    FEN_DOWN,
				     JIAO_HALF, JIAO_UP,   JIAO_DOWN,
				     YUAN_HALF, YUAN_UP,   YUAN_DOWN};
	for (dib_fen num = -3000; num <= 3000; num++)
		for (int64_t den = 1; den <= 17; den++)
			for (size_t k = 0; k < DIB_ARRAY_LEN(rs); k++) {
				dib_fen got = money_div(num, den, rs[k]);
				dib_fen want = reference(num, den, rs[k]);
				if (got != want)
					fail_msg("%lld / %lld rule %zu: got %lld, want %lld",
						 (long long)num, (long long)den,
						 k, (long long)got,
						 (long long)want);
				if (den == 1)
					assert_int_equal(money_round(num, rs[k]),
							 got);
			}
}

static void test_money__rounding_parse(void **state)
{
	(void)state;
	static const struct {
		const char *unit, *mode;
		enum money_unit u;
		enum money_mode m;
	} ok[] = {
		{"fen", "half_up", MONEY_FEN, MONEY_HALF_UP},
		{"jiao", "up", MONEY_JIAO, MONEY_UP},
		{"yuan", "down", MONEY_YUAN, MONEY_DOWN},
		{"元", "四舍五入", MONEY_YUAN, MONEY_HALF_UP},
		{"角", "进位", MONEY_JIAO, MONEY_UP},
		{"分", "舍去", MONEY_FEN, MONEY_DOWN},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(ok); i++) {
		money_rounding r = {MONEY_FEN, MONEY_HALF_UP};
		dib_err err;
		dib_err_clear(&err);
		assert_int_equal(money_rounding_parse(ok[i].unit, ok[i].mode, &r,
						      &err),
				 DIB_OK);
		assert_int_equal(r.unit, ok[i].u);
		assert_int_equal(r.mode, ok[i].m);
	}

	static const struct {
		const char *unit, *mode, *msg;
	} bad[] = {
		{"cent", "up", "舍入单位 \"cent\" 不正确，应为 fen、jiao 或 yuan"},
		{"Yuan", "up", "舍入单位 \"Yuan\" 不正确，应为 fen、jiao 或 yuan"},
		{"", "up", "舍入单位 \"\" 不正确，应为 fen、jiao 或 yuan"},
		{NULL, "up", "舍入单位 \"\" 不正确，应为 fen、jiao 或 yuan"},
		{"yuan", "round", "舍入方式 \"round\" 不正确，应为 half_up、up 或 down"},
		{"yuan", "half-up", "舍入方式 \"half-up\" 不正确，应为 half_up、up 或 down"},
		{"fen", NULL, "舍入方式 \"\" 不正确，应为 half_up、up 或 down"},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(bad); i++) {
		money_rounding r = {MONEY_JIAO, MONEY_DOWN};
		dib_err err;
		dib_err_clear(&err);
		assert_int_equal(money_rounding_parse(bad[i].unit, bad[i].mode,
						      &r, &err),
				 DIB_EINVAL);
		assert_string_equal(err.msg, bad[i].msg);
		assert_int_equal(r.unit, MONEY_JIAO); /* untouched */
		assert_int_equal(r.mode, MONEY_DOWN);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_money__parse_accepts),
		cmocka_unit_test(test_money__parse_rejects_with_message),
		cmocka_unit_test(test_money__parse_uses_only_n_bytes),
		cmocka_unit_test(test_money__long_input_quoted_cut),
		cmocka_unit_test(test_money__format),
		cmocka_unit_test(test_money__format_parse_round_trip),
		cmocka_unit_test(test_money__round),
		cmocka_unit_test(test_money__div_exact_rational),
		cmocka_unit_test(test_money__div_matches_reference),
		cmocka_unit_test(test_money__rounding_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
