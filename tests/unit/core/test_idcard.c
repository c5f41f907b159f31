/*
 * test_idcard.c — table tests for core/idcard: normalisation (spaces,
 * full-width digits, x), 15-to-18 upgrade, check character, birth date
 * bounds, sex, age and masking, with the exact messages a clerk sees.
 * Thread-safety: single-threaded test program.
 */
#include "util/dib.h"
#include "core/idcard.h"

#include <setjmp.h>
#include <cmocka.h>

static const dib_date TODAY = {2025, 6, 15};

static void test_idcard__check_char(void **state)
{
	(void)state;
	static const struct {
		const char *first17;
		char want;
	} t[] = {
		{"11010519491231002", 'X'}, {"44052418800101001", '4'},
		{"34052419800101001", 'X'}, {"41010119900101123", '8'},
		{"11010120000229123", 'X'}, {"32010219850615234", '3'},
		{"51010719991231001", '1'}, {"11010520250115002", '2'},
		{"11010518500101001", '3'}, {"31011519971201002", '5'},
		{"00000000000000000", '1'}, /* sum 0 → "10X98765432"[0] */
		{"1101051949123100a", '?'}, /* not 17 digits */
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++)
		if (idcard_check_char(t[i].first17) != t[i].want)
			fail_msg("%s: got %c, want %c", t[i].first17,
				 idcard_check_char(t[i].first17), t[i].want);
	assert_int_equal(idcard_check_char(NULL), '?');
}

static void test_idcard__parse_accepts_and_normalises(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		const char *num;
		dib_date birth;
		enum idcard_sex sex;
	} t[] = {
		{"11010519491231002X", "11010519491231002X", {1949, 12, 31}, IDCARD_FEMALE},
		{"440524188001010014", "440524188001010014", {1880, 1, 1}, IDCARD_MALE},
		{"34052419800101001X", "34052419800101001X", {1980, 1, 1}, IDCARD_MALE},
		{"11010519491231002x", "11010519491231002X", {1949, 12, 31}, IDCARD_FEMALE},
		{"  11010519491231002X  ", "11010519491231002X", {1949, 12, 31}, IDCARD_FEMALE},
		{"\t34052419800101001x\r\n", "34052419800101001X", {1980, 1, 1}, IDCARD_MALE},
		/* full-width digits and Ｘ, as a Chinese input method types */
		{"１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X", {1949, 12, 31}, IDCARD_FEMALE},
		{"３４０５２４１９８００１０１００１ｘ", "34052419800101001X", {1980, 1, 1}, IDCARD_MALE},
		{"4405２４188001010014", "440524188001010014", {1880, 1, 1}, IDCARD_MALE},
		{"\xe3\x80\x80" "410101199001011238" "\xe3\x80\x80", "410101199001011238", {1990, 1, 1}, IDCARD_MALE},
		/* GB 11643-1989 fifteen digits: 19YY inserted, check computed */
		{"110105491231002", "11010519491231002X", {1949, 12, 31}, IDCARD_FEMALE},
		{"340524800101001", "34052419800101001X", {1980, 1, 1}, IDCARD_MALE},
		{" １１０１０５４９１２３１００２ ", "11010519491231002X", {1949, 12, 31}, IDCARD_FEMALE},
		{"11010120000229123X", "11010120000229123X", {2000, 2, 29}, IDCARD_MALE},
		{"320102198506152343", "320102198506152343", {1985, 6, 15}, IDCARD_FEMALE},
		{"510107199912310011", "510107199912310011", {1999, 12, 31}, IDCARD_MALE},
		{"110105202501150022", "110105202501150022", {2025, 1, 15}, IDCARD_FEMALE},
		{"110105185001010013", "110105185001010013", {1850, 1, 1}, IDCARD_MALE},
		{"310115199712010025", "310115199712010025", {1997, 12, 1}, IDCARD_FEMALE},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		idcard id;
		dib_err err;
		memset(&id, 0, sizeof id);
		dib_err_clear(&err);
		dib_code rc = idcard_parse(t[i].in, strlen(t[i].in), TODAY, &id,
					   &err);
		if (rc != DIB_OK)
			fail_msg("row %zu %s: %s", i, t[i].in, err.msg);
		assert_string_equal(id.num, t[i].num);
		assert_int_equal(id.birth.year, t[i].birth.year);
		assert_int_equal(id.birth.month, t[i].birth.month);
		assert_int_equal(id.birth.day, t[i].birth.day);
		assert_int_equal(id.sex, t[i].sex);
	}
}

static void test_idcard__parse_rejects_with_message(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		const char *msg;
	} t[] = {
		{"", "身份证号不能为空"},
		{"   ", "身份证号不能为空"},
		{"41010119900101123X", "身份证号 \"41010119900101123X\" 校验码不正确"},
		{"410101199001011239", "身份证号 \"410101199001011239\" 校验码不正确"},
		{"11010519491231002 ", "身份证号 \"11010519491231002\" 应为 18 位"},
		{"4101011990010112", "身份证号 \"4101011990010112\" 应为 18 位"},
		{"4101011990010112381", "身份证号 \"4101011990010112381\" 应为 18 位"},
		{"41010119900101 1238", "身份证号 \"41010119900101 1238\" 应为 18 位"},
		{"身份证号码", "身份证号 \"身份证号码\" 应为 18 位"},
		{"41010A199001011238", "身份证号 \"41010A199001011238\" 第 6 位应为数字"},
		{"X10101199001011238", "身份证号 \"X10101199001011238\" 第 1 位应为数字"},
		{"4101011990010112X8", "身份证号 \"4101011990010112X8\" 第 17 位应为数字"},
		{"41010119900101123Y", "身份证号 \"41010119900101123Y\" 第 18 位应为数字或 X"},
		{"41010119900101123-", "身份证号 \"41010119900101123-\" 第 18 位应为数字或 X"},
		{"4101011990010112３９", "身份证号 \"4101011990010112３９\" 校验码不正确"},
		{"41010119900101一238", "身份证号 \"41010119900101一238\" 第 15 位应为数字"},
		{"410101199013011238", "身份证号 \"410101199013011238\" 出生日期不正确"},
		{"410101199002301231", "身份证号 \"410101199002301231\" 出生日期不正确"},
		{"410101199000011231", "身份证号 \"410101199000011231\" 出生日期不正确"},
		{"410101202302291231", "身份证号 \"410101202302291231\" 出生日期不正确"},
		{"110105184912310021", "身份证号 \"110105184912310021\" 出生日期不正确"},
		{"110105000101010021", "身份证号 \"110105000101010021\" 出生日期不正确"},
		{"110105202506160020", "身份证号 \"110105202506160020\" 出生日期晚于今天"},
		{"110105209901010020", "身份证号 \"110105209901010020\" 出生日期晚于今天"},
		{"11010549123100X", "身份证号 \"11010549123100X\" 第 15 位应为数字"},
		{"110105491331002", "身份证号 \"110105491331002\" 出生日期不正确"},
		{"１１０１０５１９４９１２３１００２１", "身份证号 \"１１０１０５１９４９１２３１００２１\" 校验码不正确"},
		{"1101051949123\xff" "002X", "身份证号 \"1101051949123?002X\" 第 14 位应为数字"},
		{"1101051949\n1231002X", "身份证号 \"1101051949?1231002X\" 应为 18 位"},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		idcard id;
		dib_err err;
		memset(&id, 0x5a, sizeof id);
		dib_err_clear(&err);
		dib_code rc = idcard_parse(t[i].in, strlen(t[i].in), TODAY, &id,
					   &err);
		if (rc != DIB_EINVAL || strcmp(err.msg, t[i].msg) != 0)
			fail_msg("row %zu: rc %d msg %s, want %s", i, (int)rc,
				 err.msg, t[i].msg);
		/* untouched on error */
		assert_int_equal((unsigned char)id.num[0], 0x5a);
		assert_int_equal((unsigned char)id.num[IDCARD_LEN], 0x5a);
	}
}

static void test_idcard__birth_date_bound_is_today(void **state)
{
	(void)state;
	const char *s = "110105202501150022"; /* born 2025-01-15 */
	idcard id;
	dib_err err;
	dib_date on_birthday = {2025, 1, 15}, day_before = {2025, 1, 14};

	dib_err_clear(&err);
	assert_int_equal(idcard_parse(s, strlen(s), on_birthday, &id, &err),
			 DIB_OK);
	assert_int_equal(idcard_parse(s, strlen(s), day_before, &id, &err),
			 DIB_EINVAL);
	assert_non_null(strstr(err.msg, "出生日期晚于今天"));
}

static void test_idcard__parse_uses_only_n_bytes(void **state)
{
	(void)state;
	idcard id;
	dib_err err;

	dib_err_clear(&err);
	assert_int_equal(idcard_parse("11010519491231002XYZ", 18, TODAY, &id,
				      &err),
			 DIB_OK);
	assert_string_equal(id.num, "11010519491231002X");
	assert_int_equal(idcard_parse(NULL, 0, TODAY, &id, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "身份证号不能为空");
}

/* A pasted paragraph is quoted cut like in every parser: 76 bytes, "…". */
static void test_idcard__long_input_quoted_cut(void **state)
{
	(void)state;
	char in[150], want[DIB_ERR_MSG_MAX];
	idcard id;
	dib_err err;

	memset(in, '1', sizeof in);
	dib_err_clear(&err);
	assert_int_equal(idcard_parse(in, sizeof in, TODAY, &id, &err),
			 DIB_EINVAL);
	snprintf(want, sizeof want, "身份证号 \"%.76s…\" 应为 18 位", in);
	assert_string_equal(err.msg, want);
}

static void test_idcard__age_on(void **state)
{
	(void)state;
	static const struct {
		const char *num;
		dib_date on;
		int age;
	} t[] = {
		{"11010519491231002X", {2025, 12, 30}, 75},
		{"11010519491231002X", {2025, 12, 31}, 76},
		{"11010519491231002X", {2026, 1, 1}, 76},
		{"11010120000229123X", {2025, 2, 27}, 24},
		{"11010120000229123X", {2025, 2, 28}, 25},
		{"11010120000229123X", {2024, 2, 28}, 23},
		{"11010120000229123X", {2024, 2, 29}, 24},
		{"440524188001010014", {2025, 6, 15}, 145},
		{"34052419800101001X", {2040, 1, 1}, 60},
		{"34052419800101001X", {2039, 12, 31}, 59},
		{"110105202501150022", {2025, 6, 15}, 0},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		idcard id;
		dib_err err;
		dib_err_clear(&err);
		assert_int_equal(idcard_parse(t[i].num, strlen(t[i].num), TODAY,
					      &id, &err),
				 DIB_OK);
		if (idcard_age_on(&id, t[i].on) != t[i].age)
			fail_msg("row %zu: got %d, want %d", i,
				 idcard_age_on(&id, t[i].on), t[i].age);
	}
}

static void test_idcard__mask(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} t[] = {
		{"11010519491231002X", "1101**********002X"},
		{"440524188001010014", "4405**********0014"},
		{"410101199001011234", "4101**********1234"},
		{"", ""},
		{"123", "***"},
		{"110105491231002", "***************"},
		{"11010519491231002X9", "******************"},
		{"11010519491231002X99999", "******************"},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		char out[IDCARD_LEN + 1];
		assert_ptr_equal(idcard_mask(t[i].in, out), out);
		assert_string_equal(out, t[i].out);
	}
	char out[IDCARD_LEN + 1];
	assert_string_equal(idcard_mask(NULL, out), "");
}

/* Every single-digit typo in a valid number is caught: MOD 11-2 detects
 * all single substitutions, whichever check fires first. */
static void test_idcard__single_typos_rejected(void **state)
{
	(void)state;
	const char *good = "34052419800101001X";
	char s[IDCARD_LEN + 1];

	for (int pos = 0; pos < IDCARD_LEN; pos++) {
		for (char c = '0'; c <= '9'; c++) {
			idcard id;
			dib_err err;
			memcpy(s, good, sizeof s);
			if (s[pos] == c)
				continue;
			s[pos] = c;
			dib_err_clear(&err);
			if (idcard_parse(s, IDCARD_LEN, TODAY, &id, &err) !=
			    DIB_EINVAL)
				fail_msg("typo accepted: %s", s);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_idcard__check_char),
		cmocka_unit_test(test_idcard__parse_accepts_and_normalises),
		cmocka_unit_test(test_idcard__parse_rejects_with_message),
		cmocka_unit_test(test_idcard__birth_date_bound_is_today),
		cmocka_unit_test(test_idcard__parse_uses_only_n_bytes),
		cmocka_unit_test(test_idcard__long_input_quoted_cut),
		cmocka_unit_test(test_idcard__age_on),
		cmocka_unit_test(test_idcard__mask),
		cmocka_unit_test(test_idcard__single_typos_rejected),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
