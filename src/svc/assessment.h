/*
 * assessment.h (svc) — the economic assessment of one register household
 * for 低保 (dibao_urban / dibao_rural) on a date: the household's members,
 * income items and assets as the register holds them (store_household.h)
 * turned into the inputs of the pure rules (core/assess.h, core/amount.h),
 * run with the county's rules (svc/case_rules.h) and the standard in force
 * (svc/standard.h), into one result that the case page, the notices and the
 * API show: the persons, the standard, the income and asset findings, the
 * class with a Chinese sentence, the monthly amount and the calculation
 * sheet a citizen can follow, and — given a vote — the "3+1" score. It
 * reads only; the case workflow (svc/case.h) stores the JSON of the result.
 *
 * What the register gives and what it does not:
 *  - members: the active memberships (共同生活家庭成员, S1 第七条) as the
 *    register holds them now; age in whole years on the date, from the
 *    birth date; the most severe disability (lowest grade) and its kind;
 *    health (3 = 重病, S1 第八条 重特大疾病) and labour capacity;
 *  - 核算期 (S1 第十三条): the rules' period_months whole calendar months
 *    before the month of the date (on 2026-06-15 with 12 months:
 *    2025-06-01 … 2026-05-31). An income item counts for the months of
 *    its period_from … period_to (open ends: unbounded) inside that
 *    window; an item with none there, or of a person who is no longer an
 *    active member, is left out with a line on the sheet saying why;
 *  - exclusions (不计入, S1 第十三条) derived from the item's text, for
 *    transfer and other income only (kinds 4 and 5; wages, business and
 *    property income are never a government benefit): 优待抚恤/抚恤金/
 *    优抚 → 优待抚恤金; 计划生育/计生/独生子女 → 计划生育奖励与扶助金;
 *    奖学金; 见义勇为; 低保金/最低生活保障金/特困供养/临时救助/救助金/
 *    救灾/医疗救助 → 社会救助款物; 基础养老金 → 基础养老金 (a "养老金" or
 *    "养老保险金" item is a pension and counted: the base part cannot be
 *    told apart unless the clerk enters it as its own item);
 *    残疾人生活补贴/残疾人护理补贴/两项补贴 → 两项补贴; 事实无人抚养儿童
 *    → its subsidy (whether it is drawn in full, S11 三（一）, is not in
 *    the register: an item so named is taken as drawn in full).
 *    Not derivable, hence from the options or not at all: the waiver of
 *    support paid to an adult unemployed severely disabled person (S7
 *    一（一）, "视情豁免": opts->waived_income_ids), local exclusions (S1
 *    第十三条第（四）项: no list in the catalogue);
 *  - deductions: the employment cost of wage income (income.
 *    employment_cost_bp). The register holds no expense items, so the
 *    transfer expenses (support paid, taxes, social insurance) and rigid
 *    expenses are not deducted;
 *  - assets by kind: deposit → 银行存款; securities → 金融资产; vehicle →
 *    车辆, its type from the description (摩托 → motorcycle; 电动自行车/
 *    电瓶车/电动车 → e-bike; 代步车/轮椅 → the disabled's vehicle; else a
 *    car); house → 居住用房, or 非居住用途 when the description says
 *    商铺/门面/门市/写字楼/办公/厂房/仓库 (floor area is not in the
 *    register: the per-person area exemption cannot apply); business →
 *    市场主体, employing staff when the description says 雇工/雇佣/雇员;
 *    other → 大型农机具 when it says 农机/拖拉机/收割机, else listed only.
 *    Which assets are necessary for living or production (S1 第十四条
 *    豁免) is the clerk's finding: opts->necessary_asset_ids;
 *  - 单人保 (S1 第八条; S7 一（一）、一（四）): opts->single_person_id.
 *    The person qualifies when the household is 低保边缘 (measured) and
 *    the person has a grade 1–2 disability, a grade 3 intellectual or
 *    mental disability, or health 3 (重病); or is an adult (18+) with a
 *    grade 1–2 disability and no wage or business income of his own in the
 *    period (成年无业重度残疾人 "参照单人户"; the household's asset tests
 *    still apply — an interpretation, [C]); or the case vouches for a
 *    ground the register cannot show (S1 第八条第（三）（四）项:
 *    opts->single_other_ground). A household that qualifies as a whole is
 *    never covered by one member only (S7 一（一）). The income used is
 *    the person's own (amount single_income, the core default);
 *  - registration (户籍, the "3" of 3+1) is the case's finding
 *    (opts->registration_fails); it enters the score only.
 *
 * The standard: the program's standard in force for the household's county
 * on the date; a yearly one (农村低保, 元/人·年) is turned monthly by the
 * rules' yearly rounding, and the sheet shows the division. Ages for the
 * add-ons (分类施保) are taken in the month of the date (amount age_on).
 *
 * Thread-safety: as the store connection; results live in the caller's
 * arena.
 */
#ifndef DIB_SVC_ASSESSMENT_H
#define DIB_SVC_ASSESSMENT_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/amount.h"
#include "core/assess.h"
#include "core/date.h"
#include "core/region.h"
#include "store/store.h"
#include "svc/case_rules.h"

#include <jansson.h>

/* What the case knows beyond the register. Every id must belong to the
 * household (DIB_EINVAL otherwise). */
struct assessment_opts {
	int64_t single_person_id;       /* 单人保: the person covered alone; 0 = the
					 * whole household (全户施保) */
	bool single_other_ground;       /* the person is one S1 第八条第（三）（四）项
					 * names (宗教教职人员 …), which the register
					 * cannot show */
	const int64_t *refused_work_ids; /* members whose own share is stopped:
					  * 3 refusals of suitable work (S1 第三十四条) */
	size_t nrefused_work;
	const int64_t *necessary_asset_ids; /* assets necessary for living or
					     * production, exempt (S1 第十四条) */
	size_t nnecessary_assets;
	const int64_t *waived_income_ids; /* support paid to an adult unemployed
					   * severely disabled member, waived
					   * (S7 一（一）) */
	size_t nwaived_incomes;
	int grade;                      /* banded method: the household's class
					 * (农村低保一至四类) 1..4; 0 = none */
	const assess_vote *vote;        /* the democratic evaluation's counts; when
					 * given (even not held) the "3+1" score is
					 * computed; NULL: no score */
	int aux_findings;               /* adverse 辅助评估 findings (S1 第十七条
					 * 第二款), for the score */
	bool registration_fails;        /* 户籍状况 does not meet the rules, for
					 * the score */
};

/* A member as the assessment saw him. */
struct assessment_person {
	int64_t person_id;
	const char *name;               /* allocated in a */
	int relation;                   /* core/codes.h enum codes_relation */
	char birth_date[DIB_DATE_STR];
	int age;                        /* whole years on the date */
	int disability_kind;            /* of the most severe disability; 0 none */
	int disability_grade;           /* 1–4, 1 most severe; 0 none */
	int health, labour;             /* core/codes.h */
	enum amount_cover cover;        /* covered, outside (单人保), work refusal */
};

/* An asset test that failed. */
struct assessment_finding {
	enum assess_test test;
	const char *test_code;          /* "financial", "vehicle", "dwelling",
					 * "nonresidential", "business", "machinery" */
	int64_t asset_id;               /* the asset item; 0 for a test of a total */
	const char *reason;             /* Chinese, with the numbers; in a */
	const char *basis;              /* in a */
};

struct assessment {
	int64_t household_id;
	char county[REGION_COUNTY_LEN + 1];
	const char *hh_no;              /* in a */
	const char *program;            /* "dibao_urban" / "dibao_rural" (static) */
	const char *program_name;       /* "城市低保" / "农村低保" (static) */
	dib_date on;
	/* the accounting period (核算期) */
	dib_date period_from, period_to;
	int period_months;
	/* the household */
	struct assessment_person *persons; /* in a, register order (the head first) */
	size_t npersons;
	int covered;                    /* 保障人数 */
	enum amount_coverage coverage;
	int64_t single_person_id;       /* 单人保: the person; else 0 */
	/* the standard */
	dib_fen standard_fen;           /* monthly, per person (a yearly one turned monthly) */
	dib_fen standard_amount_fen;    /* as set, per standard_unit */
	enum amount_unit standard_unit;
	dib_date standard_from;         /* in force since */
	dib_fen edge_line_fen;          /* 低保边缘收入线 (monthly, per person) */
	/* income, over the period */
	dib_fen counted_fen;            /* 计入收入合计 */
	dib_fen excluded_fen;           /* 不计入收入合计 */
	dib_fen deducted_fen;           /* 扣减合计 (employment cost) */
	dib_fen net_fen;                /* max(0, counted − deducted) */
	dib_fen per_capita_fen;         /* 家庭月人均收入 */
	dib_fen personal_income_fen;    /* 单人保: the person's own monthly income; else 0 */
	size_t incomes_left_out;        /* register items outside the period or of
					 * former members */
	/* assets */
	bool assets_pass;
	dib_fen financial_fen;          /* deposits + financial assets counted */
	dib_fen financial_cap_fen;      /* 0 when not tested */
	int vehicles, dwellings;        /* counted (exempt ones not) */
	struct assessment_finding *asset_failures; /* in a; NULL when none */
	size_t nasset_failures;
	/* the result */
	enum assess_class measured_class; /* the household's measured class */
	const char *class_code;         /* "dibao", "edge", "above" (static) */
	const char *class_name;         /* "符合低保条件", "低保边缘家庭", "不符合低保条件" */
	bool eligible;                  /* eligible for 低保 with this coverage */
	const char *conclusion;         /* one Chinese sentence with the numbers; in a.
					 * Measured only: the reviewer decides */
	dib_fen base_fen;               /* 保障金 */
	dib_fen addon_fen;              /* 分类施保金 */
	dib_fen amount_fen;             /* 月发放合计; 0 when not eligible */
	amount_line *lines;             /* the calculation sheet, in a: period,
					 * income, assets, amount */
	size_t nlines;
	bool scored;                    /* opts gave a vote */
	assess_score_result score;      /* when scored; its strings in a */
};

/* Assesses household_id for program ("dibao_urban" or "dibao_rural") on
 * date on with rules (case_rules_load for the household's county; the
 * caller chooses their date) and opts (NULL: whole household, no score).
 * Everything in *out is allocated in a.
 *
 * Errors: DIB_ENOTFOUND when there is no such household; DIB_EINVAL for
 * another program or an id in opts that is not the household's (member,
 * asset or income item), or input the core rules refuse; DIB_ECONFLICT
 * "户 \"…\" 没有共同生活家庭成员，无法核算" for a household without active
 * members and "县 410726 在 2026-06-15 没有生效的城市低保标准，…" when no
 * standard is in force; DIB_EINTERNAL when rules are of another county;
 * DIB_EDB for a register row that cannot be read (a malformed date).
 * *out untouched on error; memory taken from a stays there. */
dib_code assessment_run(struct store *s, int64_t household_id, const char *program,
			dib_date on, const struct case_rules *rules,
			const struct assessment_opts *opts, dib_arena *a,
			struct assessment *out, dib_err *err);

/* The result as JSON for the API and the case record: money as integer fen
 * in fields named *_fen, dates "YYYY-MM-DD", codes and Chinese labels as
 * given. A new reference the caller decrefs; NULL when out of memory. */
json_t *assessment_json(const struct assessment *r);

#endif
