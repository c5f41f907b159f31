/*
 * amount.h — the monthly 低保 amount of a household (保障金 + 分类施保金)
 * and the calculation sheet (核算表) that explains it line by line.
 *
 * The rules, with the articles of regulations.md (S1 = 民发〔2021〕57号
 * 《最低生活保障审核确认办法》, S2 = its 2012 predecessor, S5 = 《社会救助
 * 暂行办法》, S7 = 民发〔2022〕83号):
 *
 *   gap method (差额法, the default; S1 第二十三条, S5 第十二条, S2 第二十七条):
 *       补差额 = max(0, 标准 − 家庭月人均收入) × 保障人数
 *   banded method (分档法, S1 第二十三条 "按困难程度和人员情况分档"): the
 *       household falls in a band — by its per-capita income or by its
 *       grade (农村低保一至四类) — and each covered person gets the band's
 *       share of the standard or its fixed amount.
 *   then (§1.12's configurable formula):
 *       保障金   = max(保底, 取整(补差额))
 *       月发放合计 = 保障金 + Σ 分类施保加发(每个保障成员)
 *
 * Eligibility is strict (§11.3: 人均收入 < 标准): income exactly at the
 * standard gives nothing, and neither the minimum nor the add-ons apply to a
 * household that is not eligible — the add-ons are for people "获得低保后
 * 仍有困难" (S1 第二十七条). Whole-household coverage is the rule (S7 一（一）:
 * 不得只把个别成员纳入); the two exceptions are single-person coverage
 * (单人保, S1 第八条: only the covered person counts) and a member whose own
 * share is stopped for refusing suitable work three times (S1 第三十四条).
 *
 * Units: money is int64 fen; shares are basis points (万分比: 10000 = 100 %,
 * 1000 = 10 %). No floating point: every division goes through money_div,
 * which rounds the exact rational once. Every input money value must lie in
 * [0, AMOUNT_MAX_FEN] and a household has at most AMOUNT_MAX_MEMBERS members;
 * with those bounds no intermediate can overflow int64, and a larger value is
 * refused with DIB_EINVAL rather than wrapped.
 *
 * Every parameter a county sets (地方) is a field of amount_params; none is
 * a constant in code. amount_params_default() gives the national default,
 * which for most of them is "nothing" because the national rules set no
 * number (保底, 取整, 分类施保 are all local, §1.12).
 *
 * Files: amount.c (parameters and the rules), amount_sheet.c (the sheet
 * builder and its texts).
 *
 * Thread-safe: pure functions; results live in the caller's arena.
 */
#ifndef DIB_CORE_AMOUNT_H
#define DIB_CORE_AMOUNT_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/date.h"
#include "core/money.h"

/* Largest money value accepted anywhere in amount and assess: 10^12 fen
 * (一百亿元). Far above any real standard or income; small enough that a
 * product with a member count, a month count or a share in basis points
 * stays inside int64. */
#define AMOUNT_MAX_FEN INT64_C(1000000000000)
#define AMOUNT_MAX_MEMBERS 99
#define AMOUNT_MAX_BANDS 16
/* Largest share in basis points (10 × the standard): a guard, not a rule. */
#define AMOUNT_MAX_BP 100000

/* ---- the calculation sheet (核算表) ----
 *
 * A list of lines a clerk prints and a citizen follows: what (label), how
 * (formula, with the numbers filled in), on which rule (basis) and how much.
 * The income assessment (core/assess.h) writes its lines in the same form,
 * so the two print as one sheet: income first, then the amount. */

typedef struct amount_line {
	const char *label;   /* 项目, e.g. "低保标准" */
	const char *formula; /* 算式或说明, e.g. "(528.00 - 200.00) × 4 人" */
	const char *basis;   /* 依据, e.g. "S1 第二十三条"; NULL when none */
	dib_fen fen;         /* 金额 of the line */
} amount_line;

/* A sheet under construction. Allocation failure is sticky: the builder
 * sets `failed` and ignores later adds, so a producer checks once at the
 * end and reports DIB_ENOMEM. */
typedef struct amount_sheet {
	dib_arena *a;
	amount_line *lines; /* allocated in a */
	size_t n, cap;
	bool failed;
} amount_sheet;

/* Starts an empty sheet whose lines and strings are allocated in a. */
void amount_sheet_init(amount_sheet *s, dib_arena *a);

/* Appends a line. label and basis are borrowed and must live as long as the
 * arena (string literals, or strings from amount_sheet_printf); the formula
 * is printf-formatted into the arena. */
void amount_sheet_add(amount_sheet *s, const char *label, const char *basis,
		      dib_fen fen, const char *fmt, ...) DIB_PRINTF(5, 6);

/* printf into the sheet's arena, for labels with names in them. On failure
 * marks the sheet failed and returns "" (never NULL), so it can be passed
 * straight to amount_sheet_add. */
const char *amount_sheet_printf(amount_sheet *s, const char *fmt, ...)
	DIB_PRINTF(2, 3);

/* Size for amount_bp_text's buffer. */
#define AMOUNT_BP_STR 24

/* A share in basis points as a percentage: 1000 → "10%", 1250 → "12.5%",
 * 33 → "0.33%". Returns out. */
char *amount_bp_text(int32_t bp, char out[AMOUNT_BP_STR]);

/* The rounding rule in words: "按分四舍五入", "按角进位", "按元舍去". Static. */
const char *amount_rounding_text(money_rounding r);

/* ---- parameters (every field local unless said otherwise) ---- */

enum amount_method {
	AMOUNT_GAP = 0,    /* 差额法 (S1 第二十三条; S5 第十二条; S2 第二十七条) */
	AMOUNT_BANDED = 1, /* 分档法 (S1 第二十三条; S6 第5项) */
};

enum amount_unit {
	AMOUNT_PER_MONTH = 0, /* 元/人·月: 城市低保 */
	AMOUNT_PER_YEAR = 1,  /* 元/人·年: 农村低保, turned monthly by yearly_rounding */
};

/* Whether the minimum (保底) is per household or per covered person. */
enum amount_min_basis {
	AMOUNT_MIN_HOUSEHOLD = 0, /* "每户不足 X 元按 X 元" */
	AMOUNT_MIN_PERSON = 1,    /* "人均不足 X 元按 X 元": X × 保障人数 */
};

/* An amount that is a share of the monthly standard or a fixed sum. */
enum amount_value_kind {
	AMOUNT_VALUE_NONE = 0,  /* nothing */
	AMOUNT_VALUE_SHARE = 1, /* share_bp of the monthly standard */
	AMOUNT_VALUE_FIXED = 2, /* fixed_fen per month */
};

typedef struct amount_value {
	enum amount_value_kind kind;
	int32_t share_bp; /* AMOUNT_VALUE_SHARE: 0..AMOUNT_MAX_BP */
	dib_fen fixed_fen; /* AMOUNT_VALUE_FIXED: 0..AMOUNT_MAX_FEN */
} amount_value;

/* The categories of 分类施保 (S1 第二十七条; S5 第十二条第二款; S2 第二十八条). */
enum amount_category {
	AMOUNT_CAT_ELDERLY = 0,   /* 老年人: age >= elderly_age */
	AMOUNT_CAT_MINOR,         /* 未成年人: age < minor_age */
	AMOUNT_CAT_SEVERE,        /* 重度残疾人: grade <= severe_grade_max */
	AMOUNT_CAT_SERIOUS_ILL,   /* 重病患者: health == CODES_SERIOUS */
	AMOUNT_CAT_OTHER,         /* 县级以上政府确定的其他生活困难人员 (S2 第二十八条) */
	AMOUNT_CAT_COUNT
};

/* A member in several categories gets the highest add-on or their sum. */
enum amount_stack {
	AMOUNT_STACK_HIGHEST = 0, /* 就高不重复 */
	AMOUNT_STACK_SUM = 1,     /* 叠加 */
};

/* What picks the band of the banded method. */
enum amount_band_key {
	AMOUNT_BAND_BY_INCOME = 0, /* 按人均收入分档: first band with income < below_fen */
	AMOUNT_BAND_BY_GRADE = 1,  /* 按类别分档: band n for 农村低保 n 类 (seed 004) */
};

/* Which income 单人保 uses (§1.12: 单人保的计算口径由地方定 [C]). */
enum amount_single_income {
	AMOUNT_SINGLE_PERSONAL = 0,  /* the covered person's own monthly income
				      * ("参照单人户", S7 一（一）) */
	AMOUNT_SINGLE_HOUSEHOLD = 1, /* the household's per-capita monthly income */
};

/* The day of the month on which ages (60, 18) are taken. */
enum amount_age_on {
	AMOUNT_AGE_MONTH_START = 0, /* 当月 1 日的周岁 */
	AMOUNT_AGE_MONTH_END = 1,   /* 当月末日的周岁 */
};

typedef struct amount_band {
	const char *name;  /* "一档", "一类"; NULL → "第 n 档" */
	dib_fen below_fen; /* BY_INCOME: upper bound (exclusive) of the per-capita
			    * monthly income; strictly ascending over the bands */
	amount_value value; /* per covered person per month; not NONE */
} amount_band;

/*
 * The parameters of the amount. Field — default (national basis) — article.
 */
typedef struct amount_params {
	/* 计算方法 — AMOUNT_GAP — S1 第二十三条 (差额或分档, 地方选择) */
	enum amount_method method;
	/* 保障金取整 — 按分四舍五入 (国家未规定: the gap is whole fen, so this
	 * changes nothing) — §1.12 "保底和取整参数"; also rounds each add-on */
	money_rounding rounding;
	/* 保底金额 — 0 (国家未规定) — §1.12 "不足 X 元按 X 元发放" [C] */
	dib_fen minimum_fen;
	/* 保底口径 — AMOUNT_MIN_HOUSEHOLD — §1.12 [C] */
	enum amount_min_basis minimum_basis;
	/* 年标准折月取整 — 按分四舍五入 (国家未规定) — domain.md: 农村低保
	 * 元/人·年 "turned into a monthly amount by the county's rounding rule" */
	money_rounding yearly_rounding;
	/* 分类施保加发, per category — all AMOUNT_VALUE_NONE (国家未规定; 一例:
	 * 标准的 10%–30% [C]) — S1 第二十七条; S5 第十二条第二款 */
	amount_value addon[AMOUNT_CAT_COUNT];
	/* 多类别叠加方式 — AMOUNT_STACK_HIGHEST (国家未规定) */
	enum amount_stack addon_stack;
	/* 老年人年龄 — 60 — 《老年人权益保障法》第二条 (六十周岁以上) */
	int elderly_age;
	/* 未成年人年龄 (低于) — 18 — 《民法典》第十七条 */
	int minor_age;
	/* 重度残疾最高等级 — 2 (一级、二级) — S1 第八条 */
	int severe_grade_max;
	/* 三级智力、精神残疾视同重度 — false — S1 第八条 lists them beside the
	 * severe for 单人保; whether they get the add-on is local */
	bool severe_grade3_mental;
	/* 年龄计算日 — AMOUNT_AGE_MONTH_START (国家未规定) */
	enum amount_age_on age_on;
	/* 单人保收入口径 — AMOUNT_SINGLE_PERSONAL — §1.12 [C]; S7 一（一） */
	enum amount_single_income single_income;
	/* 分档依据 — AMOUNT_BAND_BY_INCOME — S1 第二十三条 */
	enum amount_band_key band_key;
	/* 档位表 — none — S1 第二十三条; required when method is BANDED.
	 * Borrowed: must outlive every call that uses the params. */
	const amount_band *bands;
	size_t nbands;
} amount_params;

/* Fills p with the defaults above. */
void amount_params_default(amount_params *p);

/* Checks every field (enums in range, values within the bounds above, bands
 * present, ascending and not NONE when the banded method is chosen). On
 * error DIB_EINVAL with a message naming the parameter in Chinese, e.g.
 * 参数 "老年人年龄" 为 200，应在 40–120 之间. */
dib_code amount_params_check(const amount_params *p, dib_err *err);

/* ---- input and result ---- */

enum amount_coverage {
	AMOUNT_WHOLE = 0,  /* 全户施保 (S7 一（一）) */
	AMOUNT_SINGLE = 1, /* 单人保 (S1 第八条; S7 一（一）、一（四）) */
};

/* A member's place in the coverage. */
enum amount_cover {
	AMOUNT_COVERED = 0,      /* 保障成员 */
	AMOUNT_OUTSIDE = 1,      /* 单人保: a member of the household who is not
				  * the covered person (counts for income only) */
	AMOUNT_WORK_REFUSAL = 2, /* 无正当理由连续 3 次拒绝就业, own share stopped
				  * (S1 第三十四条; S5 第四十五条) */
};

typedef struct amount_member {
	const char *name;     /* for the sheet; NULL → "成员 n" */
	dib_date birth;       /* year 0 when unknown: no age category */
	int disability_kind;  /* enum codes_disability; 0 = none */
	int disability_grade; /* 1–4 (一级 most severe); 0 = none */
	int health;           /* enum codes_health; 0 = unknown */
	bool other_hardship;  /* 县级以上政府确定的其他生活困难人员 (caller's finding) */
	enum amount_cover cover;
} amount_member;

typedef struct amount_input {
	dib_fen standard_fen;           /* 低保标准 in force, > 0 */
	enum amount_unit standard_unit; /* per month (城市) or per year (农村) */
	dib_month month;                /* the month paid (ages are taken in it) */
	dib_fen income_pc_fen;          /* 家庭月人均收入, from assess_income() */
	dib_fen personal_income_fen;    /* 单人保 with AMOUNT_SINGLE_PERSONAL: the
					 * covered person's monthly income
					 * (assess_income() with only_member) */
	enum amount_coverage coverage;
	int grade;                      /* BY_GRADE: the household's class 1..nbands */
	const amount_member *members;   /* 共同生活家庭成员, 1..AMOUNT_MAX_MEMBERS */
	size_t nmembers;
} amount_input;

typedef struct amount_result {
	bool eligible;            /* the income used < the monthly standard */
	dib_fen standard_month_fen; /* 月标准 (the yearly one turned monthly) */
	dib_fen income_fen;       /* the monthly per-capita income used */
	int covered;              /* 保障人数 */
	int band;                 /* banded method: 1-based band; else 0 */
	dib_fen per_person_fen;   /* gap: 标准 − 收入; banded: the band's amount */
	dib_fen raw_fen;          /* 补差额 = per_person_fen × covered */
	dib_fen base_fen;         /* 保障金 = max(保底, 取整(raw)); 0 if not eligible */
	dib_fen addon_fen;        /* 分类施保金 */
	dib_fen total_fen;        /* 月发放合计 = base + addon */
	amount_line *lines;       /* the sheet, allocated in a; ends in the total */
	size_t nlines;
} amount_result;

/* The monthly standard: a monthly one as is, a yearly one ÷ 12 rounded in
 * one step by r (money_div). 431000 fen/year at 按分四舍五入 → 35917. */
dib_fen amount_standard_monthly(dib_fen standard, enum amount_unit unit,
				money_rounding r);

/* Whether member m belongs to category c in the month (ages by p->age_on;
 * an unknown birth date is in no age category). */
bool amount_member_in(const amount_params *p, const amount_member *m,
		      dib_month month, enum amount_category c);

/* The 保障金 of the gap method alone (补差 × 保障人数, rounded, at least the
 * minimum), without a sheet: what the payroll recomputes month by month
 * from a decision's per-capita income with the standard in force that
 * month — the same arithmetic as amount_compute's. 0 when the income is
 * not below the monthly standard, or for inputs out of range. */
dib_fen amount_gap_base(const amount_params *p, dib_fen standard_month_fen, dib_fen income_pc_fen,
			int covered);

/* Computes the household's monthly amount and its sheet.
 *
 * p must pass amount_params_check (checked again here). The input is
 * refused with DIB_EINVAL and a Chinese message when: there are no members
 * (家庭成员人数为 0) or more than AMOUNT_MAX_MEMBERS; a money value is
 * negative or above AMOUNT_MAX_FEN; the standard is 0; the month is not a
 * valid month; whole-household coverage leaves a member outside without a
 * legal reason, or single coverage does not cover exactly one member; no
 * member is covered; the banded method finds no band (grade out of range,
 * or an income below the standard above every band's bound).
 *
 * On success *out is filled and out->lines (allocated in a) ends with the
 * line "月发放合计". On error *out is untouched; memory already taken from a
 * stays there until the caller resets it. */
dib_code amount_compute(const amount_params *p, const amount_input *in,
			dib_arena *a, amount_result *out, dib_err *err);

#endif
