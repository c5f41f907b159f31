/*
 * test_region.c — statistical division codes: parsing and padding, levels,
 * township and village types, validation messages, parents, county codes
 * and subtree checks. Uses 延津县 (410726) and its real townships.
 */
#include "util/dib.h"
#include "core/region.h"

#include <setjmp.h>
#include <cmocka.h>

static region_code parse_ok(const char *s)
{
	region_code r;
	dib_err err;

	dib_err_clear(&err);
	if (region_parse(s, strlen(s), &r, &err) != DIB_OK)
		fail_msg("%s: %s", s, err.msg);
	return r;
}

static void test_region__valid_table(void **state)
{
	(void)state;
	static const struct {
		const char *in, *code;
		enum region_level level;
		enum region_town_type town;
		enum region_village_type village;
		const char *county;
	} cases[] = {
		{"41", "410000000000", REGION_PROVINCE, REGION_TOWN_NONE, REGION_VILLAGE_NONE, ""},
		{"4107", "410700000000", REGION_CITY, REGION_TOWN_NONE, REGION_VILLAGE_NONE, ""},
		{"410000", "410000000000", REGION_PROVINCE, REGION_TOWN_NONE, REGION_VILLAGE_NONE, ""},
		{"410700", "410700000000", REGION_CITY, REGION_TOWN_NONE, REGION_VILLAGE_NONE, ""},
		{"410726", "410726000000", REGION_COUNTY, REGION_TOWN_NONE, REGION_VILLAGE_NONE, "410726"},
		{"410726000000", "410726000000", REGION_COUNTY, REGION_TOWN_NONE, REGION_VILLAGE_NONE, "410726"},
		/* 文岩街道, 东屯镇, 僧固乡, 国营林场 */
		{"410726001", "410726001000", REGION_TOWNSHIP, REGION_SUBDISTRICT, REGION_VILLAGE_NONE, "410726"},
		{"410726101", "410726101000", REGION_TOWNSHIP, REGION_TOWN, REGION_VILLAGE_NONE, "410726"},
		{"410726200", "410726200000", REGION_TOWNSHIP, REGION_XIANG, REGION_VILLAGE_NONE, "410726"},
		{"410726400", "410726400000", REGION_TOWNSHIP, REGION_STATE_UNIT, REGION_VILLAGE_NONE, "410726"},
		/* type boundaries */
		{"410726099", "410726099000", REGION_TOWNSHIP, REGION_SUBDISTRICT, REGION_VILLAGE_NONE, "410726"},
		{"410726100", "410726100000", REGION_TOWNSHIP, REGION_TOWN, REGION_VILLAGE_NONE, "410726"},
		{"410726199", "410726199000", REGION_TOWNSHIP, REGION_TOWN, REGION_VILLAGE_NONE, "410726"},
		{"410726399", "410726399000", REGION_TOWNSHIP, REGION_XIANG, REGION_VILLAGE_NONE, "410726"},
		{"410726599", "410726599000", REGION_TOWNSHIP, REGION_STATE_UNIT, REGION_VILLAGE_NONE, "410726"},
		{"410726101201", "410726101201", REGION_VILLAGE, REGION_TOWN, REGION_VILLAGE_COMMITTEE, "410726"},
		{"410726001001", "410726001001", REGION_VILLAGE, REGION_SUBDISTRICT, REGION_COMMUNITY, "410726"},
		{"410726001199", "410726001199", REGION_VILLAGE, REGION_SUBDISTRICT, REGION_COMMUNITY, "410726"},
		{"410726200200", "410726200200", REGION_VILLAGE, REGION_XIANG, REGION_VILLAGE_COMMITTEE, "410726"},
		{"410726200399", "410726200399", REGION_VILLAGE, REGION_XIANG, REGION_VILLAGE_COMMITTEE, "410726"},
		/* 泰兴市济川街道南殷村 (regulations §10.2) */
		{"321283001215", "321283001215", REGION_VILLAGE, REGION_SUBDISTRICT, REGION_VILLAGE_COMMITTEE, "321283"},
		/* 东莞: townships directly under a city without counties */
		{"441900003", "441900003000", REGION_TOWNSHIP, REGION_SUBDISTRICT, REGION_VILLAGE_NONE, "441900"},
		{"441900101201", "441900101201", REGION_VILLAGE, REGION_TOWN, REGION_VILLAGE_COMMITTEE, "441900"},
		/* first and last provinces of the list */
		{"110101", "110101000000", REGION_COUNTY, REGION_TOWN_NONE, REGION_VILLAGE_NONE, "110101"},
		{"82", "820000000000", REGION_PROVINCE, REGION_TOWN_NONE, REGION_VILLAGE_NONE, ""},
		{"71", "710000000000", REGION_PROVINCE, REGION_TOWN_NONE, REGION_VILLAGE_NONE, ""},
		{"650102", "650102000000", REGION_COUNTY, REGION_TOWN_NONE, REGION_VILLAGE_NONE, "650102"},
	};

	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		region_code r = parse_ok(cases[i].in);
		char county[REGION_COUNTY_LEN + 1];

		assert_string_equal(r.code, cases[i].code);
		if (r.level != cases[i].level)
			fail_msg("%s: level %d, want %d", cases[i].in, r.level, cases[i].level);
		if (region_town_type(&r) != cases[i].town)
			fail_msg("%s: town type %d", cases[i].in, region_town_type(&r));
		if (region_village_type(&r) != cases[i].village)
			fail_msg("%s: village type %d", cases[i].in, region_village_type(&r));
		assert_ptr_equal(region_county(&r, county), county);
		assert_string_equal(county, cases[i].county);
	}
}

static void test_region__invalid_table(void **state)
{
	(void)state;
	static const struct {
		const char *in, *msg;
	} cases[] = {
		{"41072610", "区划代码 \"41072610\" 应为 12 位数字"},
		{"", "区划代码 \"\" 应为 12 位数字"},
		{"4", "区划代码 \"4\" 应为 12 位数字"},
		{"4107261012011", "区划代码 \"4107261012011\" 应为 12 位数字"},
		{"41072610120a", "区划代码 \"41072610120a\" 应为 12 位数字"},
		{" 410726", "区划代码 \" 410726\" 应为 12 位数字"},
		{"4107 26", "区划代码 \"4107 26\" 应为 12 位数字"},
		{"-41072", "区划代码 \"-41072\" 应为 12 位数字"},
		{"延津县", "区划代码 \"延津县\" 应为 12 位数字"},
		{"000000", "区划代码 \"000000\" 的省级代码 \"00\" 不存在"},
		{"99", "区划代码 \"99\" 的省级代码 \"99\" 不存在"},
		{"10", "区划代码 \"10\" 的省级代码 \"10\" 不存在"},
		{"16", "区划代码 \"16\" 的省级代码 \"16\" 不存在"},
		{"38", "区划代码 \"38\" 的省级代码 \"38\" 不存在"},
		{"47", "区划代码 \"47\" 的省级代码 \"47\" 不存在"},
		{"55", "区划代码 \"55\" 的省级代码 \"55\" 不存在"},
		{"66", "区划代码 \"66\" 的省级代码 \"66\" 不存在"},
		{"72", "区划代码 \"72\" 的省级代码 \"72\" 不存在"},
		{"83", "区划代码 \"83\" 的省级代码 \"83\" 不存在"},
		{"410700000001", "区划代码 \"410700000001\" 的乡级代码为空，不能填写村级代码"},
		{"410726000201", "区划代码 \"410726000201\" 的乡级代码为空，不能填写村级代码"},
		{"410026", "区划代码 \"410026\" 的市级代码为空，不能填写县级代码"},
		{"410000101", "区划代码 \"410000101\" 的市级代码为空，不能填写乡级代码"},
		{"410026101201", "区划代码 \"410026101201\" 的市级代码为空，不能填写村级代码"},
		{"410726600", "区划代码 \"410726600\" 的乡级代码 \"600\" 不在 001–599 范围内"},
		{"410726999001", "区划代码 \"410726999001\" 的乡级代码 \"999\" 不在 001–599 范围内"},
		{"410726101400", "区划代码 \"410726101400\" 的村级代码 \"400\" 不在 001–399 范围内"},
		{"410726101999", "区划代码 \"410726101999\" 的村级代码 \"999\" 不在 001–399 范围内"},
	};

	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		region_code r = {.code = "untouched", .level = REGION_VILLAGE};
		dib_err err;

		dib_err_clear(&err);
		assert_int_equal(region_parse(cases[i].in, strlen(cases[i].in), &r, &err),
				 DIB_EINVAL);
		assert_int_equal(err.code, DIB_EINVAL);
		assert_string_equal(err.msg, cases[i].msg);
		assert_string_equal(r.code, "untouched");
		assert_int_equal(r.level, REGION_VILLAGE);
	}
}

/* Exactly the province codes of GB/T 2260 are accepted, all 100 tried. */
static void test_region__province_list(void **state)
{
	(void)state;
	static const int real[] = {
		11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
		41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65,
		71, 81, 82,
	};

	for (int p = 0; p < 100; p++) {
		char s[3];
		region_code r;
		dib_err err;
		bool want = false;

		for (size_t i = 0; i < DIB_ARRAY_LEN(real); i++)
			want = want || real[i] == p;
		snprintf(s, sizeof s, "%02d", p);
		dib_err_clear(&err);
		if ((region_parse(s, 2, &r, &err) == DIB_OK) != want)
			fail_msg("province %s: accepted should be %d (%s)", s, want, err.msg);
	}
}

/* Only n bytes are read: the input need not be NUL-terminated. */
static void test_region__reads_only_n_bytes(void **state)
{
	(void)state;
	region_code r;
	dib_err err;

	dib_err_clear(&err);
	assert_int_equal(region_parse("410726101201", 6, &r, &err), DIB_OK);
	assert_string_equal(r.code, "410726000000");
	assert_int_equal(r.level, REGION_COUNTY);

	char nonul[12];
	memcpy(nonul, "410726101201", 12);
	assert_int_equal(region_parse(nonul, sizeof nonul, &r, &err), DIB_OK);
	assert_string_equal(r.code, "410726101201");
}

/* Garbage input is quoted as valid UTF-8, cut short when long. */
static void test_region__message_quotes_safely(void **state)
{
	(void)state;
	region_code r;
	dib_err err;
	char bad[] = "41\xff\x01";
	char lng[300];

	dib_err_clear(&err);
	assert_int_equal(region_parse(bad, 4, &r, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "区划代码 \"41??\" 应为 12 位数字");

	char want[DIB_ERR_MSG_MAX];

	memset(lng, '7', sizeof lng);
	dib_err_clear(&err);
	assert_int_equal(region_parse(lng, sizeof lng, &r, &err), DIB_EINVAL);
	snprintf(want, sizeof want, "区划代码 \"%.76s…\" 应为 12 位数字", lng);
	assert_string_equal(err.msg, want);
}

static void test_region__parent_chain(void **state)
{
	(void)state;
	region_code r = parse_ok("410726101201"), p;
	static const struct {
		const char *code;
		enum region_level level;
	} chain[] = {
		{"410726101000", REGION_TOWNSHIP},
		{"410726000000", REGION_COUNTY},
		{"410700000000", REGION_CITY},
		{"410000000000", REGION_PROVINCE},
	};

	for (size_t i = 0; i < DIB_ARRAY_LEN(chain); i++) {
		assert_true(region_parent(&r, &p));
		assert_string_equal(p.code, chain[i].code);
		assert_int_equal(p.level, chain[i].level);
		r = p;
	}
	p = parse_ok("11");
	assert_false(region_parent(&r, &p));
	assert_string_equal(p.code, "110000000000"); /* untouched */
}

static void test_region__parent_skips_empty_county(void **state)
{
	(void)state;
	region_code r = parse_ok("441900003"), p;

	assert_true(region_parent(&r, &p));
	assert_string_equal(p.code, "441900000000");
	assert_int_equal(p.level, REGION_CITY);
}

static void test_region__contains(void **state)
{
	(void)state;
	static const struct {
		const char *anc, *code;
		bool want;
	} cases[] = {
		{"41", "410726101201", true},
		{"4107", "410726101201", true},
		{"410726", "410726101201", true},
		{"410726101", "410726101201", true},
		{"410726101201", "410726101201", true},
		{"410726", "410726", true},
		{"41", "41", true},
		{"410726101", "410726102201", false},
		{"410726", "410727101201", false},
		{"410726", "410700", false},  /* a parent is not inside its child */
		{"410726101201", "410726101", false},
		{"4107", "4108", false},
		{"41", "42", false},
		{"4419", "441900003", true},
		{"441900003", "441900003201", true},
		{"441900003", "441900004201", false},
	};

	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		region_code a = parse_ok(cases[i].anc), c = parse_ok(cases[i].code);

		if (region_contains(&a, &c) != cases[i].want)
			fail_msg("contains(%s, %s) should be %d", cases[i].anc,
				 cases[i].code, cases[i].want);
	}
}

static void test_region__level_names(void **state)
{
	(void)state;
	assert_string_equal(region_level_name(REGION_PROVINCE), "省");
	assert_string_equal(region_level_name(REGION_CITY), "市");
	assert_string_equal(region_level_name(REGION_COUNTY), "县");
	assert_string_equal(region_level_name(REGION_TOWNSHIP), "乡镇");
	assert_string_equal(region_level_name(REGION_VILLAGE), "村(社区)");
	assert_string_equal(region_level_name((enum region_level)0), "");
}

/* A failed parse does not overwrite an earlier error (first error wins). */
static void test_region__first_error_wins(void **state)
{
	(void)state;
	region_code r;
	dib_err err;

	dib_err_clear(&err);
	assert_int_equal(region_parse("1", 1, &r, &err), DIB_EINVAL);
	assert_int_equal(region_parse("99", 2, &r, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "区划代码 \"1\" 应为 12 位数字");
	assert_int_equal(region_parse("99", 2, &r, NULL), DIB_EINVAL);
}

static void test_region__county_of_text(void **state)
{
	(void)state;
	char out[REGION_COUNTY_LEN + 1];
	assert_string_equal(region_county_of("410726101201", out), "410726");
	assert_string_equal(region_county_of("410726", out), "410726");
	assert_string_equal(region_county_of("410700000000", out), ""); /* a city */
	assert_string_equal(region_county_of("4107261", out), "");      /* invalid */
	assert_string_equal(region_county_of(NULL, out), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_region__valid_table),
		cmocka_unit_test(test_region__invalid_table),
		cmocka_unit_test(test_region__province_list),
		cmocka_unit_test(test_region__reads_only_n_bytes),
		cmocka_unit_test(test_region__message_quotes_safely),
		cmocka_unit_test(test_region__parent_chain),
		cmocka_unit_test(test_region__parent_skips_empty_county),
		cmocka_unit_test(test_region__contains),
		cmocka_unit_test(test_region__level_names),
		cmocka_unit_test(test_region__first_error_wins),
		cmocka_unit_test(test_region__county_of_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
