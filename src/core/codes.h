/*
 * codes.h — the code tables of the register (与户主关系, 性别, 户籍类别, 健康
 * 状况, 劳动能力, 残疾类别和等级, 收入类别, 孤儿状况), and the reading of
 * what clerks type for them in Excel.
 *
 * Each table is data in codes.c: the stored SMALLINT codes with their
 * canonical Chinese names, plus the other spellings accepted on import
 * ("妻子" for 配偶, "1级" for 一级). One generic lookup serves all tables, so
 * the CSV importer can describe its columns as data too (column → table).
 * Text is matched after trimming ASCII blanks, no-break and ideographic
 * spaces (U+3000) and after folding full-width ASCII (U+FF01–FF5E: "１",
 * "（") to ASCII; the numeric code itself ("10", "１０") is also accepted.
 *
 * The relation codes follow GB/T 4761-2008 家庭关系代码 at the level of its
 * groups (10 配偶, 20 子, 30 女, …), simplified: in-laws (儿媳, 女婿) and
 * everyone else related count as 80 其他亲属, so that "close relative" in the
 * sense of 民法典 art. 1045 can be read off the code.
 *
 * Thread-safe: pure functions over constant tables; no allocation.
 */
#ifndef DIB_CORE_CODES_H
#define DIB_CORE_CODES_H

#include "util/dib.h"
#include "util/err.h"

#include <limits.h>

enum codes_table {
	CODES_RELATION = 0,      /* 与户主关系, enum codes_relation */
	CODES_SEX,               /* 性别 (GB/T 2261.1): 1 男 2 女 */
	CODES_REGISTRATION,      /* 户籍类别, enum codes_registration */
	CODES_HEALTH,            /* 健康状况, enum codes_health */
	CODES_LABOUR,            /* 劳动能力, enum codes_labour */
	CODES_DISABILITY_KIND,   /* 残疾类别 (GB/T 26341), enum codes_disability */
	CODES_DISABILITY_GRADE,  /* 残疾等级 1–4 (一级 is the most severe) */
	CODES_INCOME_KIND,       /* 收入类别, enum codes_income */
	CODES_ORPHAN,            /* 孤儿状况, enum codes_orphan */
	CODES_TABLE_COUNT
};

enum codes_relation {
	CODES_REL_HEAD = 1,         /* 户主 (本人) */
	CODES_REL_SPOUSE = 10,      /* 配偶 */
	CODES_REL_SON = 20,         /* 子 */
	CODES_REL_DAUGHTER = 30,    /* 女 */
	CODES_REL_GRANDCHILD = 40,  /* 孙子女, 外孙子女 */
	CODES_REL_PARENT = 50,      /* 父母 (生、养、继) */
	CODES_REL_GRANDPARENT = 60, /* 祖父母, 外祖父母 */
	CODES_REL_SIBLING = 70,     /* 兄弟姐妹 */
	CODES_REL_OTHER_KIN = 80,   /* 其他亲属: in-laws, nephews, … */
	CODES_REL_NON_KIN = 99,     /* 非亲属 */
};

enum codes_sex { CODES_MALE = 1, CODES_FEMALE = 2 };

enum codes_registration { CODES_URBAN = 1, CODES_RURAL = 2 };

enum codes_health {
	CODES_HEALTHY = 1,
	CODES_CHRONIC = 2, /* 慢性病 / 一般疾病 */
	CODES_SERIOUS = 3, /* 重病 / 重特大疾病 */
};

enum codes_labour {
	CODES_LABOUR_FULL = 1,    /* 有劳动能力 */
	CODES_LABOUR_PARTIAL = 2, /* 部分丧失劳动能力 */
	CODES_LABOUR_NONE = 3,    /* 无劳动能力 */
};

enum codes_disability {
	CODES_DIS_VISION = 1,
	CODES_DIS_HEARING = 2,
	CODES_DIS_SPEECH = 3,
	CODES_DIS_PHYSICAL = 4,
	CODES_DIS_INTELLECTUAL = 5,
	CODES_DIS_MENTAL = 6,
	CODES_DIS_MULTIPLE = 7,
};

enum codes_income {
	CODES_INCOME_WAGE = 1,     /* 工资性收入 */
	CODES_INCOME_BUSINESS = 2, /* 经营净收入 */
	CODES_INCOME_PROPERTY = 3, /* 财产净收入 */
	CODES_INCOME_TRANSFER = 4, /* 转移净收入 */
	CODES_INCOME_OTHER = 5,    /* 其他收入 */
};

enum codes_orphan {
	CODES_ORPHAN_NO = 0,
	CODES_ORPHAN_YES = 1,         /* 孤儿 */
	CODES_ORPHAN_UNSUPPORTED = 2, /* 事实无人抚养儿童 */
};

/* Pass as if_empty to codes_parse when the field must be filled in. No table
 * holds this value. */
#define CODES_REQUIRED INT_MIN

/* Reads n bytes of s (UTF-8, need not be NUL-terminated) as a value of
 * table t: a canonical name, an accepted spelling or the numeric code.
 * Empty text (after trimming) stores if_empty and succeeds, unless if_empty
 * is CODES_REQUIRED, which makes it an error (性别不能为空). On error
 * DIB_EINVAL with a message that quotes the input and lists the names that
 * can be typed, e.g. 与户主关系 "表哥" 无法识别，可填: 户主、配偶、…; *out
 * is untouched. An unknown t is DIB_EINTERNAL. */
dib_code codes_parse(enum codes_table t, const char *s, size_t n,
		     int if_empty, int *out, dib_err *err);

/* The canonical Chinese name of a code ("配偶", "三级", "转移净收入"), or NULL
 * when the code is not in the table (or t is unknown). Static storage. */
const char *codes_name(enum codes_table t, int code);

/* The field's Chinese label ("与户主关系"), "" for an unknown t. Static. */
const char *codes_label(enum codes_table t);

/* Whether a person with this relation to the household head is the head's
 * close relative (近亲属, 民法典 art. 1045): spouse, parents, children,
 * siblings, grandparents and grandchildren of either line. The head
 * himself (CODES_REL_HEAD) is not his own relative, so this is false for him:
 * a check for "the head or a close relative of the head" tests both. In-laws
 * and everything in 80/99 are not close relatives. */
bool codes_relation_is_close(int relation);

/* Narrows *s / *n to the text without leading and trailing ASCII blanks
 * (space, tab, CR, LF), no-break spaces (U+00A0) and ideographic spaces
 * (U+3000). */
void codes_trim(const char **s, size_t *n);

#endif
