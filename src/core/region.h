/*
 * region.h — statistical division codes (统计用区划代码), 12 digits:
 * province (2) + city (2) + county (2) + township (3) + village (3).
 *
 * Township digits: 001–099 街道, 100–199 镇, 200–399 乡, 400–599 政企合一单位.
 * Village digits: 001–199 居委会 (社区), 200–399 村委会. A code is valid when
 * its parts are in range and no level is filled below an empty one. Shorter
 * forms (2, 4, 6, 9 digits) are padded with zeros: "410726" names 延津县.
 * One exception to the filling rule: a prefecture-level city without
 * counties (东莞 4419, 中山 4420, 儋州 4604, 嘉峪关 6202) numbers its
 * townships directly under the city with county digits 00; such a
 * township's parent is the city and its county code is "441900" etc.
 * Thread-safe: pure functions.
 */
#ifndef DIB_CORE_REGION_H
#define DIB_CORE_REGION_H

#include "util/dib.h"
#include "util/err.h"

#define REGION_LEN 12
#define REGION_COUNTY_LEN 6

enum region_level {
	REGION_PROVINCE = 1,
	REGION_CITY = 2,
	REGION_COUNTY = 3,
	REGION_TOWNSHIP = 4,
	REGION_VILLAGE = 5,
};

enum region_town_type {
	REGION_TOWN_NONE = 0,
	REGION_SUBDISTRICT = 1, /* 街道 001–099 */
	REGION_TOWN = 2,        /* 镇 100–199 */
	REGION_XIANG = 3,       /* 乡 200–399 */
	REGION_STATE_UNIT = 4,  /* 政企合一单位 400–599 */
};

enum region_village_type {
	REGION_VILLAGE_NONE = 0,
	REGION_COMMUNITY = 1, /* 居委会 001–199 */
	REGION_VILLAGE_COMMITTEE = 2, /* 村委会 200–399 */
};

typedef struct region_code {
	char code[REGION_LEN + 1]; /* 12 digits, NUL-terminated */
	enum region_level level;
} region_code;

/* Parses 2, 4, 6, 9 or 12 ASCII digits (n bytes of s) into the 12-digit form
 * and its level. DIB_EINVAL with a Chinese message quoting s on error. */
dib_code region_parse(const char *s, size_t n, region_code *out, dib_err *err);

/* The parent code (one level up). false for a province. */
bool region_parent(const region_code *r, region_code *out);

/* The 6-digit county code into out[REGION_COUNTY_LEN + 1]; "" above county
 * level. Returns out. */
char *region_county(const region_code *r, char *out);

/* The 6-digit county code of a region code given as text (any accepted
 * length) into out[REGION_COUNTY_LEN + 1]; "" when the code is invalid or
 * above county level. Returns out. For records that carry a county. */
char *region_county_of(const char *code, char *out);

enum region_town_type region_town_type(const region_code *r);
enum region_village_type region_village_type(const region_code *r);

/* Whether code lies in the subtree of ancestor (a code contains itself). */
bool region_contains(const region_code *ancestor, const region_code *code);

/* Chinese name of a level: "省", "市", "县", "乡镇", "村(社区)". */
const char *region_level_name(enum region_level level);

#endif
