/*
 * test_bankcard.c — Luhn check digits and one-card account parsing.
 *
 * Check digits below were worked out by hand (doubling every second digit
 * from the right of the payload, a doubled digit over 9 minus 9, check =
 * (10 - sum mod 10) mod 10) and agree with the textbook sample 79927398713.
 * For 622202020011234567: doubled 7 5 3 1 0 2 2 2 2 → 5+1+6+2+0+4+4+4+4 = 30,
 * kept 6 4 2 1 0 0 0 2 6 → 21; 51 → check 9.
 */
#include "util/dib.h"
#include "core/bankcard.h"

#include <setjmp.h>
#include <cmocka.h>

static void test_bankcard__luhn_digit_table(void **state)
{
	(void)state;
	static const struct {
		const char *payload;
		char check;
	} cases[] = {
		{"7992739871", '3'},          /* the textbook sample 79927398713 */
		{"622202020011234567", '9'},  /* 19 digits with the check */
		{"621700123456789012", '2'},  /* sum 68 */
		{"623058000000000001", '3'},  /* sum 27 */
		{"622848001234567", '1'},     /* 16 digits with the check */
		{"411111111111111", '1'},     /* the well-known 4111 1111 1111 1111 */
		{"621700202000000000", '0'},  /* sum 20: check 0, not 10 */
		{"", '0'},
		{"0", '0'},
		{"1", '8'},                   /* 2 → 8 */
		{"5", '9'},                   /* 10 → 1 → 9 */
		{"9", '1'},                   /* 18 → 9 → 1 */
	};

	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		char got = bankcard_luhn_digit(cases[i].payload,
					       strlen(cases[i].payload));
		if (got != cases[i].check)
			fail_msg("%s: got %c, want %c", cases[i].payload, got,
				 cases[i].check);
	}
}

static void test_bankcard__valid_table(void **state)
{
	(void)state;
	static const struct {
		const char *in, *digits;
	} cases[] = {
		{"6222020200112345679", "6222020200112345679"},
		{"6228480012345671", "6228480012345671"},
		{"4111111111111111", "4111111111111111"},
		{"6217001234567890122", "6217001234567890122"},
		{"6230580000000000013", "6230580000000000013"},
		{"6217002020000000000", "6217002020000000000"},
		{"6222 0202 0011 2345 679", "6222020200112345679"},
		{"  6228 4800 1234 5671  ", "6228480012345671"},
		{"6228\t4800\t1234\t5671", "6228480012345671"},
		{"6228\xe3\x80\x80" "480012345671", "6228480012345671"},  /* U+3000 */
		{"\xef\xbc\x96\xef\xbc\x92\xef\xbc\x92\xef\xbc\x98" "480012345671",
		 "6228480012345671"},                                    /* ６２２８ */
	};

	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		char out[BANKCARD_MAX + 1];
		dib_err err;

		dib_err_clear(&err);
		if (bankcard_parse(cases[i].in, strlen(cases[i].in), out, &err) != DIB_OK)
			fail_msg("%s: %s", cases[i].in, err.msg);
		assert_string_equal(out, cases[i].digits);
	}
}

static void test_bankcard__invalid_table(void **state)
{
	(void)state;
	static const struct {
		const char *in, *msg;
	} cases[] = {
		{"6222020200112345678", "银行卡号 \"6222020200112345678\" 校验位不正确"},
		{"6222020200112345670", "银行卡号 \"6222020200112345670\" 校验位不正确"},
		{"6228 4800 1234 5672", "银行卡号 \"6228 4800 1234 5672\" 校验位不正确"},
		{"4111111111111112", "银行卡号 \"4111111111111112\" 校验位不正确"},
		/* two neighbouring digits swapped: Luhn catches it */
		{"6222020200112345697", "银行卡号 \"6222020200112345697\" 校验位不正确"},
		{"79927398713", "银行卡号 \"79927398713\" 应为 16 至 19 位数字"},
		{"622848001234567", "银行卡号 \"622848001234567\" 应为 16 至 19 位数字"},
		{"62220202001123456790", "银行卡号 \"62220202001123456790\" 应为 16 至 19 位数字"},
		{"", "银行卡号 \"\" 应为 16 至 19 位数字"},
		{"    ", "银行卡号 \"    \" 应为 16 至 19 位数字"},
		{"6228-4800-1234-5671", "银行卡号 \"6228-4800-1234-5671\" 应为 16 至 19 位数字"},
		{"622848001234567X", "银行卡号 \"622848001234567X\" 应为 16 至 19 位数字"},
		{"6.22848E+15", "银行卡号 \"6.22848E+15\" 应为 16 至 19 位数字"},
		/* U+FF1A, the code point after full-width 9 */
		{"6228\xef\xbc\x9a" "480012345671",
		 "银行卡号 \"6228\xef\xbc\x9a" "480012345671\" 应为 16 至 19 位数字"},
		{"卡号6228480012345671", "银行卡号 \"卡号6228480012345671\" 应为 16 至 19 位数字"},
	};

	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		char out[BANKCARD_MAX + 1] = "untouched";
		dib_err err;

		dib_err_clear(&err);
		assert_int_equal(bankcard_parse(cases[i].in, strlen(cases[i].in), out, &err),
				 DIB_EINVAL);
		assert_string_equal(err.msg, cases[i].msg);
		assert_string_equal(out, "untouched");
	}
}

/* Only n bytes are read, and a long run of digits stops the scan early
 * without writing past out. */
static void test_bankcard__bounds(void **state)
{
	(void)state;
	char out[BANKCARD_MAX + 1];
	char digits[64], lng[200], want[DIB_ERR_MSG_MAX];
	dib_err err;

	dib_err_clear(&err);
	assert_int_equal(bankcard_parse("6228480012345671999", 16, out, &err), DIB_OK);
	assert_string_equal(out, "6228480012345671");

	memset(digits, '6', sizeof digits);
	dib_err_clear(&err);
	assert_int_equal(bankcard_parse(digits, sizeof digits, out, &err), DIB_EINVAL);
	snprintf(want, sizeof want, "银行卡号 \"%.64s\" 应为 16 至 19 位数字",
		 digits);
	assert_string_equal(err.msg, want);

	/* longer input is quoted cut: 76 bytes, then "…" */
	memset(lng, '6', sizeof lng);
	dib_err_clear(&err);
	assert_int_equal(bankcard_parse(lng, sizeof lng, out, &err), DIB_EINVAL);
	snprintf(want, sizeof want, "银行卡号 \"%.76s…\" 应为 16 至 19 位数字",
		 lng);
	assert_string_equal(err.msg, want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bankcard__luhn_digit_table),
		cmocka_unit_test(test_bankcard__valid_table),
		cmocka_unit_test(test_bankcard__invalid_table),
		cmocka_unit_test(test_bankcard__bounds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
