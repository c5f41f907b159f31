/*
 * test_codes.c — the register's code tables: every table read from its
 * names, spellings and numeric codes; blanks and full-width forms; empty
 * fields (absent or required); messages listing what may be typed; names;
 * the close-relative predicate; the trim helper. (Quoting the input is
 * dib_err_quote's, tested in test_err.c; here only that long input is cut
 * like in every other parser.)
 */
#include "util/dib.h"
#include "core/codes.h"

#include <setjmp.h>
#include <cmocka.h>

struct parse_case {
	enum codes_table t;
	const char *in;
	int want;
};

static const struct parse_case parse_cases[] = {
	/* 与户主关系 */
	{CODES_RELATION, "户主", CODES_REL_HEAD},
	{CODES_RELATION, "本人", CODES_REL_HEAD},
	{CODES_RELATION, "本人（户主）", CODES_REL_HEAD},
	{CODES_RELATION, "1", CODES_REL_HEAD},
	{CODES_RELATION, "01", CODES_REL_HEAD},
	{CODES_RELATION, "配偶", CODES_REL_SPOUSE},
	{CODES_RELATION, "夫", CODES_REL_SPOUSE},
	{CODES_RELATION, "妻", CODES_REL_SPOUSE},
	{CODES_RELATION, "丈夫", CODES_REL_SPOUSE},
	{CODES_RELATION, "妻子", CODES_REL_SPOUSE},
	{CODES_RELATION, "10", CODES_REL_SPOUSE},
	{CODES_RELATION, "子", CODES_REL_SON},
	{CODES_RELATION, "儿子", CODES_REL_SON},
	{CODES_RELATION, "长子", CODES_REL_SON},
	{CODES_RELATION, "次子", CODES_REL_SON},
	{CODES_RELATION, "养子", CODES_REL_SON},
	{CODES_RELATION, "20", CODES_REL_SON},
	{CODES_RELATION, "女", CODES_REL_DAUGHTER},
	{CODES_RELATION, "女儿", CODES_REL_DAUGHTER},
	{CODES_RELATION, "长女", CODES_REL_DAUGHTER},
	{CODES_RELATION, "次女", CODES_REL_DAUGHTER},
	{CODES_RELATION, "30", CODES_REL_DAUGHTER},
	{CODES_RELATION, "孙子女", CODES_REL_GRANDCHILD},
	{CODES_RELATION, "孙子", CODES_REL_GRANDCHILD},
	{CODES_RELATION, "孙女", CODES_REL_GRANDCHILD},
	{CODES_RELATION, "外孙子", CODES_REL_GRANDCHILD},
	{CODES_RELATION, "外孙女", CODES_REL_GRANDCHILD},
	{CODES_RELATION, "40", CODES_REL_GRANDCHILD},
	{CODES_RELATION, "父母", CODES_REL_PARENT},
	{CODES_RELATION, "父亲", CODES_REL_PARENT},
	{CODES_RELATION, "母亲", CODES_REL_PARENT},
	{CODES_RELATION, "父", CODES_REL_PARENT},
	{CODES_RELATION, "母", CODES_REL_PARENT},
	{CODES_RELATION, "继母", CODES_REL_PARENT},
	{CODES_RELATION, "50", CODES_REL_PARENT},
	{CODES_RELATION, "祖父母", CODES_REL_GRANDPARENT},
	{CODES_RELATION, "祖父", CODES_REL_GRANDPARENT},
	{CODES_RELATION, "祖母", CODES_REL_GRANDPARENT},
	{CODES_RELATION, "外祖父", CODES_REL_GRANDPARENT},
	{CODES_RELATION, "外祖母", CODES_REL_GRANDPARENT},
	{CODES_RELATION, "60", CODES_REL_GRANDPARENT},
	{CODES_RELATION, "兄弟姐妹", CODES_REL_SIBLING},
	{CODES_RELATION, "兄", CODES_REL_SIBLING},
	{CODES_RELATION, "弟", CODES_REL_SIBLING},
	{CODES_RELATION, "姐", CODES_REL_SIBLING},
	{CODES_RELATION, "妹", CODES_REL_SIBLING},
	{CODES_RELATION, "哥哥", CODES_REL_SIBLING},
	{CODES_RELATION, "弟弟", CODES_REL_SIBLING},
	{CODES_RELATION, "姐姐", CODES_REL_SIBLING},
	{CODES_RELATION, "妹妹", CODES_REL_SIBLING},
	{CODES_RELATION, "70", CODES_REL_SIBLING},
	{CODES_RELATION, "其他亲属", CODES_REL_OTHER_KIN},
	{CODES_RELATION, "其他", CODES_REL_OTHER_KIN},
	{CODES_RELATION, "儿媳", CODES_REL_OTHER_KIN},
	{CODES_RELATION, "女婿", CODES_REL_OTHER_KIN},
	{CODES_RELATION, "侄子", CODES_REL_OTHER_KIN},
	{CODES_RELATION, "曾孙子", CODES_REL_OTHER_KIN},
	{CODES_RELATION, "80", CODES_REL_OTHER_KIN},
	{CODES_RELATION, "非亲属", CODES_REL_NON_KIN},
	{CODES_RELATION, "99", CODES_REL_NON_KIN},
	/* 性别 */
	{CODES_SEX, "男", CODES_MALE},
	{CODES_SEX, "女", CODES_FEMALE},
	{CODES_SEX, "男性", CODES_MALE},
	{CODES_SEX, "女性", CODES_FEMALE},
	{CODES_SEX, "1", CODES_MALE},
	{CODES_SEX, "2", CODES_FEMALE},
	/* 户籍类别 */
	{CODES_REGISTRATION, "城镇", CODES_URBAN},
	{CODES_REGISTRATION, "城市", CODES_URBAN},
	{CODES_REGISTRATION, "非农业", CODES_URBAN},
	{CODES_REGISTRATION, "非农业户口", CODES_URBAN},
	{CODES_REGISTRATION, "1", CODES_URBAN},
	{CODES_REGISTRATION, "农村", CODES_RURAL},
	{CODES_REGISTRATION, "农业", CODES_RURAL},
	{CODES_REGISTRATION, "农业户口", CODES_RURAL},
	{CODES_REGISTRATION, "2", CODES_RURAL},
	/* 健康状况 */
	{CODES_HEALTH, "健康", CODES_HEALTHY},
	{CODES_HEALTH, "慢性病", CODES_CHRONIC},
	{CODES_HEALTH, "一般疾病", CODES_CHRONIC},
	{CODES_HEALTH, "重病", CODES_SERIOUS},
	{CODES_HEALTH, "重特大疾病", CODES_SERIOUS},
	{CODES_HEALTH, "3", CODES_SERIOUS},
	/* 劳动能力 */
	{CODES_LABOUR, "有劳动能力", CODES_LABOUR_FULL},
	{CODES_LABOUR, "健全", CODES_LABOUR_FULL},
	{CODES_LABOUR, "部分丧失", CODES_LABOUR_PARTIAL},
	{CODES_LABOUR, "部分", CODES_LABOUR_PARTIAL},
	{CODES_LABOUR, "部分丧失劳动能力", CODES_LABOUR_PARTIAL},
	{CODES_LABOUR, "无劳动能力", CODES_LABOUR_NONE},
	{CODES_LABOUR, "丧失", CODES_LABOUR_NONE},
	{CODES_LABOUR, "丧失劳动能力", CODES_LABOUR_NONE},
	{CODES_LABOUR, "2", CODES_LABOUR_PARTIAL},
	/* 残疾类别 */
	{CODES_DISABILITY_KIND, "视力", CODES_DIS_VISION},
	{CODES_DISABILITY_KIND, "视力残疾", CODES_DIS_VISION},
	{CODES_DISABILITY_KIND, "听力", CODES_DIS_HEARING},
	{CODES_DISABILITY_KIND, "言语残疾", CODES_DIS_SPEECH},
	{CODES_DISABILITY_KIND, "肢体", CODES_DIS_PHYSICAL},
	{CODES_DISABILITY_KIND, "智力残疾", CODES_DIS_INTELLECTUAL},
	{CODES_DISABILITY_KIND, "精神", CODES_DIS_MENTAL},
	{CODES_DISABILITY_KIND, "多重残疾", CODES_DIS_MULTIPLE},
	{CODES_DISABILITY_KIND, "7", CODES_DIS_MULTIPLE},
	/* 残疾等级 */
	{CODES_DISABILITY_GRADE, "1", 1},
	{CODES_DISABILITY_GRADE, "一级", 1},
	{CODES_DISABILITY_GRADE, "1级", 1},
	{CODES_DISABILITY_GRADE, "１级", 1},
	{CODES_DISABILITY_GRADE, "一", 1},
	{CODES_DISABILITY_GRADE, "二级", 2},
	{CODES_DISABILITY_GRADE, "3级", 3},
	{CODES_DISABILITY_GRADE, "四", 4},
	{CODES_DISABILITY_GRADE, "4", 4},
	/* 收入类别 */
	{CODES_INCOME_KIND, "工资性收入", CODES_INCOME_WAGE},
	{CODES_INCOME_KIND, "工资性", CODES_INCOME_WAGE},
	{CODES_INCOME_KIND, "经营净收入", CODES_INCOME_BUSINESS},
	{CODES_INCOME_KIND, "经营", CODES_INCOME_BUSINESS},
	{CODES_INCOME_KIND, "财产净收入", CODES_INCOME_PROPERTY},
	{CODES_INCOME_KIND, "财产", CODES_INCOME_PROPERTY},
	{CODES_INCOME_KIND, "转移净收入", CODES_INCOME_TRANSFER},
	{CODES_INCOME_KIND, "转移", CODES_INCOME_TRANSFER},
	{CODES_INCOME_KIND, "其他收入", CODES_INCOME_OTHER},
	{CODES_INCOME_KIND, "其他", CODES_INCOME_OTHER},
	{CODES_INCOME_KIND, "5", CODES_INCOME_OTHER},
	/* 孤儿状况 */
	{CODES_ORPHAN, "否", CODES_ORPHAN_NO},
	{CODES_ORPHAN, "0", CODES_ORPHAN_NO},
	{CODES_ORPHAN, "孤儿", CODES_ORPHAN_YES},
	{CODES_ORPHAN, "1", CODES_ORPHAN_YES},
	{CODES_ORPHAN, "事实无人抚养儿童", CODES_ORPHAN_UNSUPPORTED},
	{CODES_ORPHAN, "2", CODES_ORPHAN_UNSUPPORTED},
	/* blanks and full-width forms, in any table */
	{CODES_RELATION, "  配偶  ", CODES_REL_SPOUSE},
	{CODES_RELATION, "\xe3\x80\x80妻子\xe3\x80\x80", CODES_REL_SPOUSE}, /* U+3000 */
	{CODES_RELATION, "\t长女\r\n", CODES_REL_DAUGHTER},
	{CODES_RELATION, "\xc2\xa0户主", CODES_REL_HEAD},                     /* U+00A0 */
	{CODES_RELATION, "１０", CODES_REL_SPOUSE},
	{CODES_SEX, " \xe3\x80\x80 男 \xe3\x80\x80 ", CODES_MALE},
	{CODES_ORPHAN, "　孤儿", CODES_ORPHAN_YES},
};

static void test_codes__parse_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < DIB_ARRAY_LEN(parse_cases); i++) {
		const struct parse_case *c = &parse_cases[i];
		int got = -12345;
		dib_err err;

		dib_err_clear(&err);
		if (codes_parse(c->t, c->in, strlen(c->in), CODES_REQUIRED, &got, &err))
			fail_msg("%s \"%s\": %s", codes_label(c->t), c->in, err.msg);
		if (got != c->want)
			fail_msg("%s \"%s\": got %d, want %d", codes_label(c->t), c->in,
				 got, c->want);
	}
}

struct bad_case {
	enum codes_table t;
	const char *in, *msg;
};

static const struct bad_case bad_cases[] = {
	{CODES_RELATION, "表哥",
	 "与户主关系 \"表哥\" 无法识别，可填: 户主、配偶、子、女、孙子女、父母、祖父母、兄弟姐妹、其他亲属、非亲属"},
	{CODES_RELATION, " 表哥 ",
	 "与户主关系 \"表哥\" 无法识别，可填: 户主、配偶、子、女、孙子女、父母、祖父母、兄弟姐妹、其他亲属、非亲属"},
	{CODES_RELATION, "0",
	 "与户主关系 \"0\" 无法识别，可填: 户主、配偶、子、女、孙子女、父母、祖父母、兄弟姐妹、其他亲属、非亲属"},
	{CODES_RELATION, "2",
	 "与户主关系 \"2\" 无法识别，可填: 户主、配偶、子、女、孙子女、父母、祖父母、兄弟姐妹、其他亲属、非亲属"},
	{CODES_SEX, "未知", "性别 \"未知\" 无法识别，可填: 男、女"},
	{CODES_SEX, "0", "性别 \"0\" 无法识别，可填: 男、女"},
	{CODES_SEX, "3", "性别 \"3\" 无法识别，可填: 男、女"},
	{CODES_SEX, "男女", "性别 \"男女\" 无法识别，可填: 男、女"},
	{CODES_SEX, "-1", "性别 \"-1\" 无法识别，可填: 男、女"},
	{CODES_SEX, "00001", "性别 \"00001\" 无法识别，可填: 男、女"},
	{CODES_REGISTRATION, "居民户口", "户籍类别 \"居民户口\" 无法识别，可填: 城镇、农村"},
	{CODES_HEALTH, "一般", "健康状况 \"一般\" 无法识别，可填: 健康、慢性病、重病"},
	{CODES_LABOUR, "4",
	 "劳动能力 \"4\" 无法识别，可填: 有劳动能力、部分丧失劳动能力、无劳动能力"},
	{CODES_DISABILITY_KIND, "8",
	 "残疾类别 \"8\" 无法识别，可填: 视力残疾、听力残疾、言语残疾、肢体残疾、智力残疾、精神残疾、多重残疾"},
	{CODES_DISABILITY_GRADE, "五级", "残疾等级 \"五级\" 无法识别，可填: 一级、二级、三级、四级"},
	{CODES_DISABILITY_GRADE, "0", "残疾等级 \"0\" 无法识别，可填: 一级、二级、三级、四级"},
	{CODES_INCOME_KIND, "低保金",
	 "收入类别 \"低保金\" 无法识别，可填: 工资性收入、经营净收入、财产净收入、转移净收入、其他收入"},
	{CODES_ORPHAN, "3", "孤儿状况 \"3\" 无法识别，可填: 否、孤儿、事实无人抚养儿童"},
	{CODES_ORPHAN, "是", "孤儿状况 \"是\" 无法识别，可填: 否、孤儿、事实无人抚养儿童"},
	/* invalid UTF-8 is quoted as '?' so the message stays valid UTF-8 */
	{CODES_SEX, "\xc4\xd0", "性别 \"??\" 无法识别，可填: 男、女"},
};

static void test_codes__unrecognised_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < DIB_ARRAY_LEN(bad_cases); i++) {
		const struct bad_case *c = &bad_cases[i];
		int got = -12345;
		dib_err err;

		dib_err_clear(&err);
		assert_int_equal(codes_parse(c->t, c->in, strlen(c->in), CODES_REQUIRED,
					     &got, &err),
				 DIB_EINVAL);
		assert_string_equal(err.msg, c->msg);
		assert_int_equal(got, -12345);
	}
}

/* Empty text gives the caller's answer for an optional field, or the
 * "must be filled" message for a required one. */
static void test_codes__empty(void **state)
{
	(void)state;
	static const char *const empties[] = {"", " ", "\xe3\x80\x80", " \t\xe3\x80\x80 "};
	int got;
	dib_err err;

	for (size_t i = 0; i < DIB_ARRAY_LEN(empties); i++) {
		got = -12345;
		dib_err_clear(&err);
		assert_int_equal(codes_parse(CODES_ORPHAN, empties[i], strlen(empties[i]),
					     CODES_ORPHAN_NO, &got, &err),
				 DIB_OK);
		assert_int_equal(got, CODES_ORPHAN_NO);

		assert_int_equal(codes_parse(CODES_HEALTH, empties[i], strlen(empties[i]),
					     -1, &got, &err),
				 DIB_OK);
		assert_int_equal(got, -1);

		got = -12345;
		assert_int_equal(codes_parse(CODES_SEX, empties[i], strlen(empties[i]),
					     CODES_REQUIRED, &got, &err),
				 DIB_EINVAL);
		assert_string_equal(err.msg, "性别不能为空");
		assert_int_equal(got, -12345);
	}

	dib_err_clear(&err);
	assert_int_equal(codes_parse(CODES_RELATION, NULL, 0, CODES_REQUIRED, &got, &err),
			 DIB_EINVAL);
	assert_string_equal(err.msg, "与户主关系不能为空");
}

/* Only n bytes are read; longer text than any entry is just unrecognised. */
static void test_codes__bounds(void **state)
{
	(void)state;
	int got = 0;
	char lng[200];
	dib_err err;

	dib_err_clear(&err);
	assert_int_equal(codes_parse(CODES_RELATION, "妻子们", strlen("妻子"),
				     CODES_REQUIRED, &got, &err),
			 DIB_OK);
	assert_int_equal(got, CODES_REL_SPOUSE);

	/* around the internal text buffer's size (64): unrecognised, no overrun */
	for (size_t len = 60; len <= 70; len++) {
		memset(lng, 'x', len);
		dib_err_clear(&err);
		assert_int_equal(codes_parse(CODES_SEX, lng, len, CODES_REQUIRED, &got,
					     &err),
				 DIB_EINVAL);
	}

	memset(lng, '1', sizeof lng);
	dib_err_clear(&err);
	assert_int_equal(codes_parse(CODES_SEX, lng, sizeof lng, CODES_REQUIRED, &got,
				     &err),
			 DIB_EINVAL);
	assert_non_null(strstr(err.msg, "…\" 无法识别，可填: 男、女"));

	dib_err_clear(&err);
	assert_int_equal(codes_parse(CODES_TABLE_COUNT, "男", 3, CODES_REQUIRED, &got,
				     &err),
			 DIB_EINTERNAL);
}

/* Every table: each value's name reads back as its code, the numeric code
 * too, and codes_name answers the canonical name. */
static void test_codes__names_round_trip(void **state)
{
	(void)state;
	static const struct {
		enum codes_table t;
		const char *label;
		int codes[12];
		size_t n;
	} tables[] = {
		{CODES_RELATION, "与户主关系", {1, 10, 20, 30, 40, 50, 60, 70, 80, 99}, 10},
		{CODES_SEX, "性别", {1, 2}, 2},
		{CODES_REGISTRATION, "户籍类别", {1, 2}, 2},
		{CODES_HEALTH, "健康状况", {1, 2, 3}, 3},
		{CODES_LABOUR, "劳动能力", {1, 2, 3}, 3},
		{CODES_DISABILITY_KIND, "残疾类别", {1, 2, 3, 4, 5, 6, 7}, 7},
		{CODES_DISABILITY_GRADE, "残疾等级", {1, 2, 3, 4}, 4},
		{CODES_INCOME_KIND, "收入类别", {1, 2, 3, 4, 5}, 5},
		{CODES_ORPHAN, "孤儿状况", {0, 1, 2}, 3},
	};
	assert_int_equal(DIB_ARRAY_LEN(tables), CODES_TABLE_COUNT);

	for (size_t i = 0; i < DIB_ARRAY_LEN(tables); i++) {
		assert_string_equal(codes_label(tables[i].t), tables[i].label);
		for (size_t k = 0; k < tables[i].n; k++) {
			int code = tables[i].codes[k], got = -1;
			const char *name = codes_name(tables[i].t, code);
			char num[8];
			dib_err err;

			assert_non_null(name);
			dib_err_clear(&err);
			assert_int_equal(codes_parse(tables[i].t, name, strlen(name),
						     CODES_REQUIRED, &got, &err),
					 DIB_OK);
			assert_int_equal(got, code);
			snprintf(num, sizeof num, "%d", code);
			got = -1;
			assert_int_equal(codes_parse(tables[i].t, num, strlen(num),
						     CODES_REQUIRED, &got, &err),
					 DIB_OK);
			assert_int_equal(got, code);
		}
		/* codes outside the table have no name */
		assert_null(codes_name(tables[i].t, -1));
		assert_null(codes_name(tables[i].t, 100));
	}

	assert_string_equal(codes_name(CODES_RELATION, 1), "户主");
	assert_string_equal(codes_name(CODES_RELATION, 80), "其他亲属");
	assert_string_equal(codes_name(CODES_SEX, 2), "女");
	assert_string_equal(codes_name(CODES_REGISTRATION, 2), "农村");
	assert_string_equal(codes_name(CODES_HEALTH, 3), "重病");
	assert_string_equal(codes_name(CODES_LABOUR, 2), "部分丧失劳动能力");
	assert_string_equal(codes_name(CODES_DISABILITY_KIND, 4), "肢体残疾");
	assert_string_equal(codes_name(CODES_DISABILITY_GRADE, 3), "三级");
	assert_string_equal(codes_name(CODES_INCOME_KIND, 4), "转移净收入");
	assert_string_equal(codes_name(CODES_ORPHAN, 2), "事实无人抚养儿童");
	assert_null(codes_name(CODES_RELATION, 2));
	assert_null(codes_name(CODES_ORPHAN, 3));
	assert_null(codes_name(CODES_TABLE_COUNT, 1));
	assert_string_equal(codes_label(CODES_TABLE_COUNT), "");
}

static void test_codes__relation_is_close(void **state)
{
	(void)state;
	static const struct {
		int rel;
		bool close;
	} cases[] = {
		{CODES_REL_HEAD, false},      /* the head is not his own relative */
		{CODES_REL_SPOUSE, true},
		{CODES_REL_SON, true},
		{CODES_REL_DAUGHTER, true},
		{CODES_REL_GRANDCHILD, true},
		{CODES_REL_PARENT, true},
		{CODES_REL_GRANDPARENT, true},
		{CODES_REL_SIBLING, true},
		{CODES_REL_OTHER_KIN, false}, /* 儿媳, 女婿, 侄子 … */
		{CODES_REL_NON_KIN, false},
		{0, false},
		{2, false},
		{-10, false},
	};

	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++)
		if (codes_relation_is_close(cases[i].rel) != cases[i].close)
			fail_msg("relation %d: close should be %d", cases[i].rel,
				 cases[i].close);

	/* read through the parser: in-laws are not close, step-parents are */
	static const struct {
		const char *in;
		bool close;
	} spelled[] = {
		{"儿媳", false}, {"女婿", false}, {"侄子", false}, {"曾孙子", false},
		{"公公", false}, {"外孙女", true}, {"外祖母", true}, {"继父", true},
		{"妹妹", true}, {"丈夫", true},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(spelled); i++) {
		int rel = 0;
		dib_err err;

		dib_err_clear(&err);
		assert_int_equal(codes_parse(CODES_RELATION, spelled[i].in,
					     strlen(spelled[i].in), CODES_REQUIRED,
					     &rel, &err),
				 DIB_OK);
		if (codes_relation_is_close(rel) != spelled[i].close)
			fail_msg("%s: close should be %d", spelled[i].in, spelled[i].close);
	}
}

static void test_codes__trim(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"", ""},
		{"   ", ""},
		{"abc", "abc"},
		{"  abc\t", "abc"},
		{"\xe3\x80\x80" "a b" "\xe3\x80\x80\xe3\x80\x80", "a b"},
		{"\xc2\xa0x\xc2\xa0", "x"},
		{"\r\n户主\r\n", "户主"},
		/* a CJK character ending in 0x80 0x80 is not a blank */
		{"\xe4\x80\x80", "\xe4\x80\x80"},
	};

	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		const char *s = cases[i].in;
		size_t n = strlen(s);

		codes_trim(&s, &n);
		assert_int_equal(n, strlen(cases[i].out));
		assert_memory_equal(s, cases[i].out, n);
	}
}

/* Long input is quoted cut like in every parser: 76 bytes, then "…". */
static void test_codes__long_input_quoted_cut(void **state)
{
	(void)state;
	char in[300], want[DIB_ERR_MSG_MAX];
	int got = -12345;
	dib_err err;

	for (size_t i = 0; i + 3 <= sizeof in; i += 3)
		memcpy(in + i, "表", 3);
	dib_err_clear(&err);
	assert_int_equal(codes_parse(CODES_SEX, in, sizeof in, CODES_REQUIRED,
				     &got, &err),
			 DIB_EINVAL);
	/* 25 表 are 75 bytes; the 26th would pass 76 */
	snprintf(want, sizeof want, "性别 \"%.75s…\" 无法识别，可填: 男、女", in);
	assert_string_equal(err.msg, want);
	assert_int_equal(got, -12345);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codes__parse_table),
		cmocka_unit_test(test_codes__unrecognised_table),
		cmocka_unit_test(test_codes__empty),
		cmocka_unit_test(test_codes__bounds),
		cmocka_unit_test(test_codes__names_round_trip),
		cmocka_unit_test(test_codes__relation_is_close),
		cmocka_unit_test(test_codes__trim),
		cmocka_unit_test(test_codes__long_input_quoted_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
