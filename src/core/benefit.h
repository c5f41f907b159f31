/*
 * benefit.h — the monthly amount of one person in the programs other than
 * 低保 (core/amount.h), with the reason for it in a code and in Chinese:
 *
 *   disab_living       困难残疾人生活补贴 (regulations.md §4)
 *   disab_care         重度残疾人护理补贴 (§4)
 *   tekun_central /    特困人员供养 = 基本生活 + 照料护理 (§2.4, §2.5)
 *   tekun_dispersed
 *   orphan_inst /      孤儿基本生活费, 机构养育 / 社会散居 (§5.1)
 *   orphan_scattered
 *   child_unsupported  事实无人抚养儿童基本生活补贴, 全额或补差 (§5.2, S11)
 *   elderly_allowance  高龄津贴 by age band (§6)
 *
 * Each program is one pure function of (the county's parameters, the facts
 * about the person in the month, the month, the county's standard for the
 * program in that month). The standard — the one amount per program and
 * month of the county's standards table (svc/standard.h), already turned
 * monthly — is an argument; what one amount cannot express (the grade-2
 * care share, the 特困 care amounts, the age bands, the local extensions)
 * is a field of struct benefit_params, filled from the catalogue of local
 * parameters (core/params.h, keys benefit.*; svc/case_rules.h maps them).
 * Eligibility as such (who is recognised as 特困, 孤儿 …) is decided by the
 * workflow: the functions take those decisions as facts and apply the
 * amount rules, the exclusions and the higher-of choice (择高) to them.
 *
 * The exclusions and 择高 (§4.2, §5.2, §11.3), checked in this order, the
 * first that applies giving the reason:
 *
 *                         生活补贴                    护理补贴
 *   纳入特困供养           no                          no
 *   工伤保险生活护理费     no                          no
 *   孤儿                   no                          yes
 *   全额领取事实无人抚养   no                          yes
 *   其他福利性津贴         择高 against other_living   择高 against other_care
 *   高龄津贴               both may be had with it (广州口径 [B]): it is not
 *                          an "other" allowance — do not pass it as one
 *
 * Money is int64 fen; shares are basis points (10000 = 100 %); no floating
 * point. Every money input must lie in [0, BENEFIT_MAX_FEN]; with that
 * bound no product or sum below can overflow, and anything outside is
 * refused with DIB_EINVAL rather than wrapped. A share of a standard is
 * rounded once by benefit_params.rounding (money_div).
 *
 * Files: benefit.c (parameters, input checks, reasons, ages, dispatch),
 * benefit_disab.c (the two disability subsidies), benefit_support.c
 * (特困, the children's allowances, 高龄津贴). docs/internals/benefit.md
 * has each rule with its article.
 *
 * Thread-safe: pure functions; the result is plain data in the caller's
 * struct.
 */
#ifndef DIB_CORE_BENEFIT_H
#define DIB_CORE_BENEFIT_H

#include "util/dib.h"
#include "util/err.h"
#include "core/date.h"
#include "core/money.h"

/* Largest money value accepted: 10^12 fen, as core/amount.h. */
#define BENEFIT_MAX_FEN INT64_C(1000000000000)
/* The age bands of 高龄津贴 a county may set. */
#define BENEFIT_ELDERLY_BANDS 5
/* The six self-care indicators of §2.4 (吃饭、穿衣、上下床、如厕、室内行走、洗澡). */
#define BENEFIT_SELF_CARE_ITEMS 6
/* Children's allowances end at 18 (孤儿 "未满 18 周岁", S12 一; S11 儿童). */
#define BENEFIT_CHILD_AGE 18
/* Bytes of the Chinese reason text, with its NUL. */
#define BENEFIT_WHY_MAX 320

/* ---- parameters ---- */

/* The 特困 care grades by self-care (S3 第二十一条; §2.4): the number of the
 * six indicators not met, 0 → 全自理, 1–3 → 半护理, 4–6 → 全护理. The cut
 * points are national [A]; the amounts per grade are local. */
enum benefit_care_grade {
	BENEFIT_CARE_SELF = 0, /* 全自理: 具备生活自理能力 */
	BENEFIT_CARE_HALF = 1, /* 半护理: 部分丧失生活自理能力 */
	BENEFIT_CARE_FULL = 2, /* 全护理: 完全丧失生活自理能力 */
};
#define BENEFIT_CARE_GRADES 3

/* An age band of 高龄津贴: from min_age 周岁 on, fen a month. */
struct benefit_band {
	int min_age;
	dib_fen fen;
};

/*
 * A county's numbers. Field — default (basis) — catalogue key.
 * Where the law sets no number the default changes nothing (no extension,
 * the standard as it is, no care amount) and is marked [C]: the bureau
 * sets the real one.
 */
struct benefit_params {
	/* 护理补贴二级残疾的比例 (一级 = the standard) — 10000, i.e. one
	 * standard for both grades (national text names no difference [C];
	 * 例: 上海一级 300 元、二级 150 元 = 5000) — benefit.disab_care_grade2_bp */
	int32_t disab_care_grade2_bp;
	/* 生活补贴延伸至低保边缘家庭 — false (S8 四（五）, S6 第13项: 鼓励,
	 * 地方定) — benefit.disab_living_edge */
	bool disab_living_edge;
	/* 护理补贴延伸至三、四级智力、精神残疾人 — false (§4.1 扩面口径 [B]) —
	 * benefit.disab_care_mental34 */
	bool disab_care_mental34;
	/* 三、四级智力、精神残疾人护理补贴的比例 (of the standard) — 10000 [C] —
	 * benefit.disab_care_mental34_bp; used only with disab_care_mental34 */
	int32_t disab_care_mental34_bp;
	/* 特困照料护理标准 per grade, fen a month — all 0 [C] (§2.5: 三档, 参照
	 * 当地照料费用或最低工资的一定比例, 地方定) —
	 * benefit.tekun_care_self_fen / _half_fen / _full_fen */
	dib_fen tekun_care_fen[BENEFIT_CARE_GRADES];
	/* 孤儿基本生活费对已领低保、特困的补差 — false: paid in full (S12
	 * sets no 补差; S11's applies to 事实无人抚养儿童 only [C]) —
	 * benefit.orphan_topup */
	bool orphan_topup;
	/* 高龄津贴年龄分档 — elderly[0] = {80, 0}, the rest unused [C].
	 * elderly[0].min_age is the entry age (《老年人权益保障法》第三十三条:
	 * 八十周岁以上) and band 1 pays the standard (the standards table's
	 * elderly_allowance), so elderly[0].fen must stay 0 — a number never has
	 * two homes. Bands 2..5: min_age 0 = unused (and then fen 0); a used
	 * band has min_age above the previous band's and fen > 0, and the used
	 * bands come first. Example (domain.md): {90, 0}, {100, 30000} with a
	 * standard of 100 元. — benefit.elderly_band1_min_age,
	 * benefit.elderly_band2_min_age / benefit.elderly_band2_fen … band5 */
	struct benefit_band elderly[BENEFIT_ELDERLY_BANDS];
	/* 新年龄档自满周岁的当月起 (true) or 次月起 (false) — true [C] (§6:
	 * 地方定, 常见当月或次月) — benefit.elderly_from_birthday_month */
	bool elderly_from_birthday_month;
	/* 高龄津贴只发低收入老年人 — false: universal, as most local schemes
	 * are; the law encourages it "for 低收入老年人" [C] —
	 * benefit.elderly_low_income_only */
	bool elderly_low_income_only;
	/* Rounding of a share of a standard — 按分四舍五入 (no catalogue key;
	 * a share of whole fen rarely needs it) */
	money_rounding rounding;
};

/* The defaults above. */
struct benefit_params benefit_params_default(void);

/* Checks every field: shares 0..10000, money 0..BENEFIT_MAX_FEN, band 1's
 * age 50..120 and fen 0, the other bands' ages 0..150 and as described
 * above, the rounding rule.
 * DIB_EINVAL with a message naming the parameter in Chinese, e.g.
 * 参数 "高龄津贴第 3 档起始年龄" 为 95，应高于第 2 档的 100 周岁. */
dib_code benefit_params_check(const struct benefit_params *p, dib_err *err);

/* ---- the person ---- */

/*
 * Facts about one person in one month, as the caller found them. A fact
 * that a program does not use is ignored by it (but still checked).
 */
struct benefit_person {
	dib_date birth;           /* 出生日期; year 0 = unknown (no age rule then;
				   * 高龄津贴 refuses it) */
	int disability_kind;      /* enum codes_disability (core/codes.h); 0 = none */
	int disability_grade;     /* 残疾等级 1..4 (一级 most severe); 0 = none */
	bool disability_card;     /* 持有残疾人证 (第二代或第三代, §4.1) */
	bool long_term_care;      /* 需要长期照护: 持续 6 个月以上 (§4.1) */
	bool dibao;               /* 低保家庭成员 */
	bool edge;                /* 低保边缘家庭成员 */
	bool low_income;          /* 低收入老年人 (for elderly_low_income_only): the
				   * caller's finding — 低保, 特困, 低保边缘 or
				   * another local low-income status */
	bool tekun;               /* 纳入特困人员救助供养 */
	int self_care_unmet;      /* 特困: 6 项自理指标中不能达到的项数, 0..6 */
	bool orphan;              /* 认定为孤儿 (享受孤儿基本生活保障) */
	bool unsupported;         /* 认定为事实无人抚养儿童 */
	bool unsupported_full;    /* … and receives that allowance in full (not
				   * as 补差): then no 生活补贴 (S11 三（一）).
				   * benefit_child_unsupported says which
				   * (BENEFIT_PAID = in full) */
	bool injury_care;         /* 领取工伤保险生活护理费 */
	dib_fen other_living_fen; /* 择高: another welfare living allowance a month
				   * (老年、因公致残、离休 …), 0 = none */
	const char *other_living_name; /* its name for the reason, e.g. "老年生活津贴";
					* NULL → "其他福利性生活补贴" */
	dib_fen other_care_fen;   /* 择高: another welfare care allowance (养老护理
				   *补贴 …), 0 = none */
	const char *other_care_name;   /* NULL → "其他福利性护理补贴" */
	/* 补差 (child_unsupported; orphans with orphan_topup): what the child
	 * already receives a month */
	dib_fen got_dibao_fen;    /* 低保金人均额 (household amount ÷ covered persons) */
	dib_fen got_tekun_fen;    /* 特困供养金 */
	dib_fen got_living_fen;   /* 困难残疾人生活补贴 */
};

/* ---- the result ---- */

/* Why the amount is what it is. Stable codes (benefit_reason_code) for the
 * API and exports. */
enum benefit_reason {
	BENEFIT_PAID = 0,        /* paid in full by the rule */
	BENEFIT_TOPUP,           /* 补差: the standard less what the child gets */
	BENEFIT_CHOSEN,          /* 择高: this one is higher, paid; the other is given up */
	BENEFIT_OTHER_HIGHER,    /* 择高: the other allowance is not lower; 0 */
	BENEFIT_NO_DISABILITY,   /* no disability grade */
	BENEFIT_NO_CARD,         /* 未持残疾人证 */
	BENEFIT_TEKUN,           /* 纳入特困供养: neither subsidy */
	BENEFIT_INJURY_CARE,     /* 工伤保险生活护理费: neither subsidy */
	BENEFIT_ORPHAN,          /* 孤儿: no living subsidy */
	BENEFIT_UNSUPPORTED_FULL,/* 全额领取事实无人抚养儿童补贴: no living subsidy */
	BENEFIT_NOT_POOR,        /* living subsidy: not a 低保 household (nor an
				  * edge one where extended) */
	BENEFIT_NO_LONG_CARE,    /* care subsidy: no long-term care need */
	BENEFIT_NOT_SEVERE,      /* care subsidy: grade 3–4 not covered */
	BENEFIT_NOT_TEKUN,       /* 未纳入特困供养 */
	BENEFIT_NOT_ORPHAN,      /* 未认定为孤儿 */
	BENEFIT_NOT_UNSUPPORTED, /* 未认定为事实无人抚养儿童 */
	BENEFIT_COVERED,         /* 补差: what the child gets is not lower than the
				  * standard; 0 */
	BENEFIT_AGED_OUT,        /* 已满 18 周岁 (children) */
	BENEFIT_UNDER_AGE,       /* 高龄津贴: below band 1's age */
	BENEFIT_NOT_LOW_INCOME,  /* 高龄津贴 only for the low-income here */
};
#define BENEFIT_REASONS 20

struct benefit_result {
	dib_fen fen;               /* the month's amount (0 when not paid) */
	enum benefit_reason reason;
	char why[BENEFIT_WHY_MAX]; /* Chinese, with the numbers, e.g.
				    * "择高：领取老年生活津贴 300.00 元，不低于生活补贴
				    * 100.00 元，不享受生活补贴" */
	dib_fen full_fen;   /* what the rule pays before 补差 and 择高 (the
			     * standard; care: the grade's amount; 特困: basic +
			     * care; 高龄: the band's amount); 0 when excluded
			     * before that */
	dib_fen care_fen;   /* 特困: the care part (in fen); else 0 */
	dib_fen offset_fen; /* 补差: what the child already gets; 择高: the other
			     * allowance; else 0 */
	int grade;          /* disab_care: the disability grade; 特困: enum
			     * benefit_care_grade; 高龄: the band 1..5; else 0 */
	int age;            /* 高龄 and children: the age in 周岁 the rule used;
			     * -1 when none was used */
};

/* ---- the programs ----
 *
 * Common contract: p must pass benefit_params_check (checked again), who
 * the person checks below, m a valid month, standard_fen in
 * 1..BENEFIT_MAX_FEN (the county's standard for the program in month m,
 * monthly). The person is refused (DIB_EINVAL, Chinese message) when: a
 * grade is not 0..4 or a kind not 0..7; self_care_unmet is not 0..6; a
 * money field is negative or above BENEFIT_MAX_FEN; birth is neither
 * unknown (year 0) nor a valid date, or after the month; the person is
 * both 孤儿 and 事实无人抚养儿童, or both 孤儿 and 特困 (S3 第九条: one or
 * the other); unsupported_full without unsupported, or with any
 * got_*_fen (S11: 全额 only when none is had).
 * On success *out is filled; on error it is untouched.
 */

/* 困难残疾人生活补贴: the standard for a card-holding disabled person of a
 * 低保 household (or a 低保边缘 one with disab_living_edge), any grade;
 * excluded for 特困, 工伤护理费, 孤儿, 全额事实无人抚养儿童; 择高 against
 * other_living_fen (paid only when strictly higher). */
dib_code benefit_disab_living(const struct benefit_params *p, const struct benefit_person *who,
			      dib_month m, dib_fen standard_fen, struct benefit_result *out,
			      dib_err *err);

/* 重度残疾人护理补贴: standard_fen is the grade-1 amount. A card-holding
 * person of grade 1 (the standard) or 2 (disab_care_grade2_bp of it) who
 * needs long-term care; grades 3–4 of 智力 or 精神 disability only with
 * disab_care_mental34 (disab_care_mental34_bp of it). No means test.
 * Excluded for 特困 and 工伤护理费 (孤儿 and children keep it); 择高
 * against other_care_fen. */
dib_code benefit_disab_care(const struct benefit_params *p, const struct benefit_person *who,
			    dib_month m, dib_fen standard_fen, struct benefit_result *out,
			    dib_err *err);

/* 特困人员供养: standard_fen is the basic living standard (基本生活标准,
 * monthly; central or dispersed as the caller's program), plus the care
 * amount of the person's grade (benefit_care_grade_of). 0 for a person
 * not in 特困 support. */
dib_code benefit_tekun(const struct benefit_params *p, const struct benefit_person *who,
		       dib_month m, dib_fen standard_fen, struct benefit_result *out,
		       dib_err *err);

/* 孤儿基本生活费, 机构养育 / 社会散居 (the same rule on the program's own
 * standard): the standard for a recognised orphan under 18 (see
 * benefit_child_age); with orphan_topup, 补差 against got_dibao_fen like
 * benefit_child_unsupported (an orphan has neither 特困, S3 第九条, nor
 * 生活补贴, §4.2). */
dib_code benefit_orphan_inst(const struct benefit_params *p, const struct benefit_person *who,
			     dib_month m, dib_fen standard_fen, struct benefit_result *out,
			     dib_err *err);
dib_code benefit_orphan_scattered(const struct benefit_params *p,
				  const struct benefit_person *who, dib_month m,
				  dib_fen standard_fen, struct benefit_result *out, dib_err *err);

/* 事实无人抚养儿童基本生活补贴 (S11; §11.4): for a recognised child under
 * 18, got = got_dibao_fen + got_tekun_fen + got_living_fen; got 0 → the
 * standard in full (BENEFIT_PAID); 0 < got < standard → standard − got
 * (BENEFIT_TOPUP); got ≥ standard → 0 (BENEFIT_COVERED). */
dib_code benefit_child_unsupported(const struct benefit_params *p,
				   const struct benefit_person *who, dib_month m,
				   dib_fen standard_fen, struct benefit_result *out,
				   dib_err *err);

/* 高龄津贴: standard_fen is band 1's amount. The age is
 * benefit_elderly_age; the person gets the highest band whose min_age it
 * reaches (band 1: the standard, bands 2..5: their fen), nothing below
 * band 1, nothing when elderly_low_income_only and not low_income. A
 * person with an unknown birth date is refused (DIB_EINVAL). */
dib_code benefit_elderly(const struct benefit_params *p, const struct benefit_person *who,
			 dib_month m, dib_fen standard_fen, struct benefit_result *out,
			 dib_err *err);

/* The function of a program by its code (core/payperiod.h's list less the
 * two 低保 programs, which core/amount.h computes per household):
 * "disab_living", "disab_care", "tekun_central", "tekun_dispersed",
 * "orphan_inst", "orphan_scattered", "child_unsupported",
 * "elderly_allowance". DIB_EINVAL naming the code for anything else. */
dib_code benefit_compute(const struct benefit_params *p, const char *program,
			 const struct benefit_person *who, dib_month m, dib_fen standard_fen,
			 struct benefit_result *out, dib_err *err);

/* ---- helpers the rules use, for the faces too ---- */

/* The care grade of a number of unmet indicators (0..6; below 0 counts as
 * 0, above 6 as 6). */
enum benefit_care_grade benefit_care_grade_of(int unmet);
/* 全自理 / 半护理 / 全护理; "" for anything else. Static. */
const char *benefit_care_grade_name(enum benefit_care_grade g);

/* The age in 周岁 that decides the 高龄津贴 band of month m: taken on m's
 * last day when the band changes from the birthday month
 * (elderly_from_birthday_month), else on the last day of the month before
 * m (the band changes the month after the birthday). A 29 February
 * birthday is reached on 28 February in common years (date_age_on).
 * -1 for an unknown birth (year 0). */
int benefit_elderly_age(const struct benefit_params *p, dib_date birth, dib_month m);

/* The age in 周岁 that decides whether a child's allowance is still paid in
 * month m: taken on the last day of the month before m, so the allowance
 * is paid through the month of the 18th birthday and ends the month after
 * (次月起停发 [C]). -1 for an unknown birth. */
int benefit_child_age(dib_date birth, dib_month m);

/* The first month a program pays for, by the national texts: the month of
 * application for the two disability subsidies (§4.3: 自递交申请当月起计发);
 * the month after the decision for 特困 (S3 第十八条: 确认之日的下月起) and
 * 事实无人抚养儿童 (S11: 确认的次月起); the month after the decision for
 * 孤儿 and 高龄津贴 too, where no text says [C]. DIB_EINVAL for another
 * program, an invalid date, or a decision before the application. */
dib_code benefit_first_month(const char *program, dib_date applied, dib_date decided,
			     dib_month *out, dib_err *err);

/* The reason's stable code: "paid", "topup", "chosen", "other_higher",
 * "no_disability", "no_card", "tekun", "injury_care", "orphan",
 * "unsupported_full", "not_poor", "no_long_care", "not_severe",
 * "not_tekun", "not_orphan", "not_unsupported", "covered", "aged_out",
 * "under_age", "not_low_income"; "" for anything else. Static. */
const char *benefit_reason_code(enum benefit_reason r);

#endif
