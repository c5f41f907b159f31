/*
 * region.c — parsing and walking 12-digit statistical division codes
 * (统计用区划代码); see region.h. The code is checked for shape only, never
 * against a region table: old codes stay valid after a 区划调整, and the
 * store's regions table is what says a code exists.
 *
 * One exception to "no level filled below an empty one": a prefecture-level
 * city without counties (不设区的地级市: 东莞 4419, 中山 4420, 儋州 4604,
 * 嘉峪关 6202) numbers its townships directly under the city, with 00 as the
 * county digits (东莞市东城街道 441900003000). So an empty county part is
 * allowed below a filled city when the township part is filled; such a
 * township's county code is the city's six digits ("441900"), the address
 * code its residents' ID numbers carry.
 *
 * Thread-safe: pure functions.
 */
#include "util/dib.h"
#include "core/region.h"

/* The five parts of a code: offset and width. Index = level - 1. */
static const struct {
	unsigned char off, len;
} region_parts[] = {{0, 2}, {2, 2}, {4, 2}, {6, 3}, {9, 3}};

#define REGION_NPARTS ((int)DIB_ARRAY_LEN(region_parts))
#define COUNTY_PART 2
#define TOWNSHIP_PART 3
#define VILLAGE_PART 4

/* Province codes in use (GB/T 2260): 华北 11–15, 东北 21–23, 华东 31–37,
 * 中南 41–46, 西南 50–54, 西北 61–65, 台湾 71, 香港 81, 澳门 82. */
static const unsigned char region_provinces[] = {
	11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
	41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65,
	71, 81, 82,
};

/* Value of part i of a 12-digit code (digits assumed). */
static int part_value(const char *code, int i)
{
	int v = 0;

	for (int k = 0; k < region_parts[i].len; k++)
		v = v * 10 + (code[region_parts[i].off + k] - '0');
	return v;
}

/* Index of the deepest non-zero part, or -1 when all are zero. */
static int deepest_part(const char *code)
{
	for (int i = REGION_NPARTS - 1; i >= 0; i--)
		if (part_value(code, i) != 0)
			return i;
	return -1;
}

static bool province_known(int p)
{
	for (size_t i = 0; i < DIB_ARRAY_LEN(region_provinces); i++)
		if (region_provinces[i] == p)
			return true;
	return false;
}

static const char *const region_part_names[] = {
	"省级", "市级", "县级", "乡级", "村级",
};

/* Checks the digits of a padded code: sets *level, or reports why not in a
 * message quoting the input s[0..n). */
static dib_code check_code(const char *code, const char *s, size_t n,
			   int *level, dib_err *err)
{
	char q[DIB_QUOTE_MAX];
	int deepest = deepest_part(code);

	dib_err_quote(s, n, q, sizeof q);
	if (deepest < 0 || !province_known(part_value(code, 0)))
		return dib_err_set(err, DIB_EINVAL,
				   "区划代码 \"%s\" 的省级代码 \"%.2s\" 不存在",
				   q, code);
	for (int i = deepest - 1; i > 0; i--) {
		/* 不设区的地级市: county 00 between a city and a township; the
		 * township itself was checked on the previous turn. */
		if (i == COUNTY_PART || part_value(code, i) != 0)
			continue;
		return dib_err_set(err, DIB_EINVAL,
				   "区划代码 \"%s\" 的%s代码为空，不能填写%s代码",
				   q, region_part_names[i],
				   region_part_names[deepest]);
	}
	if (part_value(code, TOWNSHIP_PART) >= 600)
		return dib_err_set(err, DIB_EINVAL,
				   "区划代码 \"%s\" 的乡级代码 \"%.3s\" 不在 001–599 范围内",
				   q, code + region_parts[TOWNSHIP_PART].off);
	if (part_value(code, VILLAGE_PART) >= 400)
		return dib_err_set(err, DIB_EINVAL,
				   "区划代码 \"%s\" 的村级代码 \"%.3s\" 不在 001–399 范围内",
				   q, code + region_parts[VILLAGE_PART].off);
	*level = deepest + 1;
	return DIB_OK;
}

dib_code region_parse(const char *s, size_t n, region_code *out, dib_err *err)
{
	char code[REGION_LEN + 1], q[DIB_QUOTE_MAX];
	int level = 0;
	dib_code rc;

	if (n != 2 && n != 4 && n != 6 && n != 9 && n != REGION_LEN)
		goto shape;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			goto shape;
	memset(code, '0', REGION_LEN);
	memcpy(code, s, n);
	code[REGION_LEN] = '\0';

	rc = check_code(code, s, n, &level, err);
	if (rc)
		return rc;
	memcpy(out->code, code, sizeof code);
	out->level = (enum region_level)level;
	return DIB_OK;

shape:
	return dib_err_set(err, DIB_EINVAL, "区划代码 \"%s\" 应为 12 位数字",
			   dib_err_quote(s, n, q, sizeof q));
}

bool region_parent(const region_code *r, region_code *out)
{
	region_code p = *r;
	int deepest = deepest_part(p.code);

	if (deepest <= 0)
		return false;
	memset(p.code + region_parts[deepest].off, '0', region_parts[deepest].len);
	/* The next part up may be empty (a township of 东莞 hangs off the city). */
	p.level = (enum region_level)(deepest_part(p.code) + 1);
	*out = p;
	return true;
}

char *region_county(const region_code *r, char *out)
{
	if (deepest_part(r->code) + 1 >= REGION_COUNTY) {
		memcpy(out, r->code, REGION_COUNTY_LEN);
		out[REGION_COUNTY_LEN] = '\0';
	} else {
		out[0] = '\0';
	}
	return out;
}

enum region_town_type region_town_type(const region_code *r)
{
	int t = part_value(r->code, TOWNSHIP_PART);

	if (t >= 1 && t <= 99)
		return REGION_SUBDISTRICT;
	if (t >= 100 && t <= 199)
		return REGION_TOWN;
	if (t >= 200 && t <= 399)
		return REGION_XIANG;
	if (t >= 400 && t <= 599)
		return REGION_STATE_UNIT;
	return REGION_TOWN_NONE;
}

enum region_village_type region_village_type(const region_code *r)
{
	int v = part_value(r->code, VILLAGE_PART);

	if (v >= 1 && v <= 199)
		return REGION_COMMUNITY;
	if (v >= 200 && v <= 399)
		return REGION_VILLAGE_COMMITTEE;
	return REGION_VILLAGE_NONE;
}

bool region_contains(const region_code *ancestor, const region_code *code)
{
	int deepest = deepest_part(ancestor->code);
	size_t sig;

	if (deepest < 0)
		return false;
	sig = (size_t)region_parts[deepest].off + region_parts[deepest].len;
	return memcmp(ancestor->code, code->code, sig) == 0;
}

const char *region_level_name(enum region_level level)
{
	switch (level) {
	case REGION_PROVINCE:
		return "省";
	case REGION_CITY:
		return "市";
	case REGION_COUNTY:
		return "县";
	case REGION_TOWNSHIP:
		return "乡镇";
	case REGION_VILLAGE:
		return "村(社区)";
	}
	return "";
}

char *region_county_of(const char *code, char *out)
{
	region_code r;
	out[0] = '\0';
	if (code && region_parse(code, strlen(code), &r, NULL) == DIB_OK)
		region_county(&r, out);
	return out;
}
