/*
 * assess.h — the household's economic assessment for 低保 (家庭经济状况):
 * the per-capita monthly income, the asset tests, the 低保边缘 line, and the
 * "3+1" weighted score that sets the measured side beside the village vote.
 *
 * The rules, with the articles of regulations.md (S1 = 民发〔2021〕57号
 * 《最低生活保障审核确认办法》, S2 = its 2012 predecessor, S5 = 《社会救助
 * 暂行办法》, S7 = 民发〔2022〕83号, S11 = 民发〔2019〕62号):
 *
 *   income (S1 第十三条): every item of the 共同生活家庭成员 (S1 第七条) over
 *     the accounting period (核算期, 6 or 12 months, local), by kind
 *     1 工资性 2 经营净 3 财产净 4 转移净 5 其他 (core/codes.h);
 *   excluded (不计入, S1 第十三条 and others): each item may carry one
 *     exclusion (enum assess_exclusion) with its legal basis;
 *   deductions: the employment-cost share of wage income (local), and the
 *     transfer expenses that make 转移净收入 net — support paid out, taxes,
 *     social-insurance contributions — and, where the county allows, the
 *     rigid expenses of disability and serious illness (S1 第十三条末款);
 *   家庭月人均收入 = max(0, 计入收入 − 扣减) ÷ 人数 ÷ 月数, divided once and
 *     rounded by a parameter (S2 第二十七条);
 *   assets (S1 第十四条): the limits are local (S5 第十条; S6 第6项); each
 *     test that fails is reported with a reason in Chinese and its basis;
 *   低保边缘 (S1 第八条; S7 一（四）): 人均收入 < edge share × 标准;
 *   the "3+1" score (seed 004: "既不能唯收入论，也不能唯评议结果论"):
 *     decision support only — it never decides, and says so.
 *
 * Units: money in int64 fen; shares in basis points (万分比, 10000 = 100 %);
 * scores in permille (千分制, 0–1000). No floating point. Money inputs are
 * bounded by AMOUNT_MAX_FEN and counts by the limits below, which keeps
 * every intermediate inside int64; larger inputs are refused (DIB_EINVAL).
 *
 * Every local rule (地方) is a field of assess_params, none a constant in
 * code; assess_params_default() documents the national default beside each.
 *
 * Files: assess.c (parameters, exclusions, income), assess_assets.c (asset
 * tests, 边缘 line, class), assess_score.c (the "3+1" score).
 *
 * Thread-safe: pure functions; results live in the caller's arena.
 */
#ifndef DIB_CORE_ASSESS_H
#define DIB_CORE_ASSESS_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/money.h"
#include "core/amount.h" /* amount_line: the one calculation-sheet form */

#define ASSESS_MAX_ITEMS 1000   /* per list (incomes, deductions, assets) */
#define ASSESS_MAX_LOCAL_EXCL 32

/* ---- income ---- */

/* Why an income item is not counted. ASSESS_COUNTED (0) for counted items. */
enum assess_exclusion {
	ASSESS_COUNTED = 0,
	ASSESS_EXCL_PREFERENTIAL,      /* 优待抚恤金 — S1 第十三条第（一）项 */
	ASSESS_EXCL_FAMILY_PLANNING,   /* 计划生育奖励与扶助金（独生子女奖励）
					* — S1 第十三条第（一）项 */
	ASSESS_EXCL_SCHOLARSHIP,       /* 奖学金 — S1 第十三条第（一）项 */
	ASSESS_EXCL_HEROISM,           /* 见义勇为等奖励性补助 — S1 第十三条第（一）项 */
	ASSESS_EXCL_SOCIAL_ASSISTANCE, /* 政府发放的各类社会救助款物 — S1 第十三条第（二）项 */
	ASSESS_EXCL_PENSION_BASE,      /* 城乡居民基本养老保险基础养老金 — S1 第十三条第（三）项
					* ("十四五" 期间; parameter excl_pension_base) */
	ASSESS_EXCL_DISABILITY_SUBSIDY,/* 困难残疾人生活补贴、重度残疾人护理补贴 — 国发〔2015〕52号
					* 执行口径 (§4.2 [B]; parameter) */
	ASSESS_EXCL_UNSUPPORTED_CHILD, /* 全额领取的事实无人抚养儿童基本生活补贴
					* — S11 三（一） (parameter) */
	ASSESS_EXCL_DISABLED_SUPPORT,  /* 兄弟姐妹或 60 周岁以上老人给付成年无业重度残疾人的供养费,
					* 视情豁免 — S7 一（一） (parameter) */
	ASSESS_EXCL_LOCAL,             /* 设区的市级以上地方政府规定的其他收入
					* — S1 第十三条第（四）项; which one: item.local,
					* an index into params.local_excl */
	ASSESS_EXCL_COUNT
};

/* The exclusion's Chinese name ("优待抚恤金") and legal basis
 * ("《最低生活保障审核确认办法》第十三条第（一）项"). Static strings; ""
 * for ASSESS_COUNTED or a value out of range. */
const char *assess_exclusion_name(int excl);
const char *assess_exclusion_basis(int excl);

/* How an item's amount is given. */
enum assess_basis {
	ASSESS_MONTHLY = 0, /* amount per month, received in `months` months of the period */
	ASSESS_PERIOD = 1,  /* amount is the total over the whole accounting period */
};

typedef struct assess_income_item {
	int member;          /* index into the household's persons; -1 = the
			      * household as a whole (e.g. land rent) */
	int kind;            /* enum codes_income, 1–5 */
	int excl;            /* enum assess_exclusion; ASSESS_COUNTED to count */
	int local;           /* ASSESS_EXCL_LOCAL: index into params.local_excl */
	const char *item;    /* what it is ("工资", "优待抚恤金"); NULL → the kind's name */
	dib_fen amount_fen;  /* >= 0; a business loss is entered as 0 */
	enum assess_basis basis;
	int months;          /* ASSESS_MONTHLY: months received within the
			      * period, 1..period; 0 = the whole period */
} assess_income_item;

/* Deductions that the rules allow (允许扣减). */
enum assess_deduction_kind {
	ASSESS_DED_SUPPORT_PAID = 1, /* 支付的法定赡养、抚养、扶养费 — 转移性支出, S1 第十三条 */
	ASSESS_DED_TAX = 2,          /* 缴纳的税款 — 转移性支出, S1 第十三条 */
	ASSESS_DED_SOCIAL_INS = 3,   /* 个人缴纳的社会保障支出 — 转移性支出, S1 第十三条 */
	ASSESS_DED_RIGID = 4,        /* 因残疾、重病增加的刚性支出 — S1 第十三条末款 (parameter) */
};

typedef struct assess_deduction_item {
	int member;          /* as assess_income_item */
	int kind;            /* enum assess_deduction_kind */
	const char *item;    /* what it is; NULL → the kind's name */
	dib_fen amount_fen;  /* >= 0 */
	enum assess_basis basis;
	int months;
} assess_deduction_item;

/* ---- assets ---- */

enum assess_asset_kind {
	ASSESS_ASSET_DEPOSIT = 1,      /* 银行存款 */
	ASSESS_ASSET_FINANCIAL = 2,    /* 证券、基金、商业保险、债权、互联网金融资产 */
	ASSESS_ASSET_VEHICLE = 3,      /* 车辆 (sub: enum assess_vehicle) */
	ASSESS_ASSET_DWELLING = 4,     /* 居住用途房屋 */
	ASSESS_ASSET_NONRESIDENTIAL = 5, /* 非居住用途不动产 (商铺、写字楼 …) */
	ASSESS_ASSET_BUSINESS = 6,     /* 市场主体登记 (工商登记) */
	ASSESS_ASSET_MACHINERY = 7,    /* 大型农机具 */
	ASSESS_ASSET_OTHER = 8,        /* anything else: listed, never tested */
};

enum assess_vehicle {
	ASSESS_VEH_CAR = 1,        /* 汽车等机动车 */
	ASSESS_VEH_MOTORCYCLE = 2, /* 普通两轮、三轮摩托车 */
	ASSESS_VEH_EBIKE = 3,      /* 电动自行车、电瓶车 */
	ASSESS_VEH_DISABLED = 4,   /* 残疾人机动轮椅车、代步车 */
};

typedef struct assess_asset_item {
	int member;          /* as assess_income_item */
	int kind;            /* enum assess_asset_kind */
	int vehicle;         /* ASSESS_ASSET_VEHICLE: enum assess_vehicle */
	const char *item;    /* description for the reason ("小型轿车 甘L12345") */
	dib_fen value_fen;   /* >= 0: balance, market value or price */
	int64_t area_m2x100; /* ASSESS_ASSET_DWELLING: floor area in m² × 100 */
	bool necessary;      /* 维持家庭生产生活的必需财产: exempt from every test (S1 第十四条) */
	bool sole_home;      /* ASSESS_ASSET_NONRESIDENTIAL: also the only home (上海口径) */
	bool employs;        /* ASSESS_ASSET_BUSINESS: employs staff (雇工经营) */
} assess_asset_item;

enum assess_business_rule {
	ASSESS_BUSINESS_ANY = 0,      /* any registration fails (揭阳: 没有商事登记信息) */
	ASSESS_BUSINESS_EMPLOYER = 1, /* only a business with employees fails
				       * (雇工经营的，不予认定) */
	ASSESS_BUSINESS_NONE = 2,     /* no business test */
};

/* The asset tests, for the findings. */
enum assess_test {
	ASSESS_TEST_VEHICLE = 1,
	ASSESS_TEST_DWELLING,
	ASSESS_TEST_NONRESIDENTIAL,
	ASSESS_TEST_FINANCIAL,
	ASSESS_TEST_BUSINESS,
	ASSESS_TEST_MACHINERY,
};

/* ---- parameters ---- */

/* A local income exclusion (S1 第十三条第（四）项). */
typedef struct assess_local_excl {
	const char *name;  /* "高龄津贴" */
	const char *basis; /* the local document ("××市人民政府令第 N 号") */
} assess_local_excl;

/*
 * The parameters of the assessment. Field — default (national basis) — article.
 * Asset limits: the national rules set none (S1 第十四条; S5 第十条; S6 第6项);
 * the defaults are the local example of 揭阳 in §1.6 and are to be set by
 * the province or city.
 */
typedef struct assess_params {
	/* -- income -- */
	/* 核算期月数 — 12, the catalogue's default ("常见为 6 或 12 个月" [C];
	 * 省定) — S1 第十三条 "规定期限" */
	int period_months;
	/* 就业成本扣减比例 (万分比, of counted wage income) — 0 (国家未定比例;
	 * 兴安盟例 1000 = 10%) — S1 第十三条 "扣除必要的就业成本" */
	int32_t wage_cost_bp;
	/* 就业成本扣减上限 (每项工资性收入每月) — 0 = 无上限 — 同上 */
	dib_fen wage_cost_cap_fen;
	/* 允许扣减刚性支出 — false (国家: "可以按规定适当扣减", 扣多少由地方定)
	 * — S1 第十三条末款 */
	bool rigid_allowed;
	/* 刚性支出扣减上限 (每户每月) — 0 = 无上限 — 同上 */
	dib_fen rigid_cap_fen;
	/* 人均收入取整 — 按分四舍五入 (国家未规定) — S2 第二十七条 */
	money_rounding pc_rounding;
	/* 基础养老金不计入 — true — S1 第十三条第（三）项 ("十四五" 2021–2025;
	 * 2026 年起须核实, §12 item 8) */
	bool excl_pension_base;
	/* 两项补贴不计入 — true — 国发〔2015〕52号执行口径 (§4.2 [B]) */
	bool excl_disability_subsidy;
	/* 事实无人抚养儿童补贴 (全额) 不计入 — true — S11 三（一） */
	bool excl_unsupported_child;
	/* 成年无业重度残疾人供养费可豁免 — true (国家允许 "视情豁免", the clerk
	 * marks the item case by case) — S7 一（一） */
	bool excl_disabled_support;
	/* 地方不计入收入项目 — none — S1 第十三条第（四）项. Borrowed. */
	const assess_local_excl *local_excl;
	size_t nlocal_excl;

	/* -- 低保边缘 -- */
	/* 低保边缘收入线 (万分比 of the standard) — 15000 = 1.5 倍 — S1 第八条;
	 * S7 一（四）; S8 二 */
	int32_t edge_bp;

	/* -- assets (国家未规定; 地方) -- */
	/* 人均金融资产上限 (月低保标准的月数; 0 = 不测) — 24 (揭阳: 不超过 24 个月
	 * 城镇低保标准; 另例: 年标准 3 倍 = 36) — S1 第十四条 */
	int financial_months;
	/* 允许的机动车数 (豁免车型除外) — 0 (揭阳、上海: 没有机动车) */
	int vehicles_allowed;
	/* 允许车辆的价值上限 (0 = 不限) — 0 (湖北例: 1 辆生活用车且车价低于限额) */
	dib_fen vehicle_value_cap_fen;
	/* 摩托车豁免 — true (某地: 普通两轮、三轮摩托车除外) */
	bool vehicle_exempt_motorcycle;
	/* 电动自行车、电瓶车豁免 — true (揭阳: 电瓶车除外) */
	bool vehicle_exempt_ebike;
	/* 残疾人代步车豁免 — true (all local examples) */
	bool vehicle_exempt_disabled;
	/* 允许的居住用房套数 — 1 (揭阳: 居住用途不动产最多 1 套) */
	int dwellings_allowed;
	/* 超套数时人均住房面积豁免线 (m² × 100; 0 = 不豁免) — 0 (上海: 人均
	 * 住房面积低于全市平均的除外) */
	int64_t dwelling_exempt_area_m2x100;
	/* 有非居住用途不动产不符合 — true (揭阳; 上海: 兼作唯一住所的除外) */
	bool nonresidential_fails;
	/* 市场主体登记规则 — ASSESS_BUSINESS_ANY (揭阳) */
	enum assess_business_rule business_rule;
	/* 有大型农机具不符合 — false (上海口径 true) */
	bool machinery_fails;
	/* 地方财产认定办法名称, quoted in every asset finding's basis —
	 * "省级低保审核确认实施细则". Borrowed. */
	const char *asset_rules;

	/* -- "3+1" score (seed 004) -- */
	/* 测算权重 (万分比; 评议权重 = 10000 − 此值) — 5000 (省定; seed 004:
	 * "加权确定"). 0 and 10000 are refused: neither side alone decides */
	int32_t measured_weight_bp;
	/* 硬性条件不符 (户籍或财产) 时测算分上限 (‰) — 0 */
	int hard_fail_cap;
	/* 每项辅助评估异常扣分 (‰) — 0 (S1 第十七条第二款: 参考水电燃气通讯支出、
	 * 高收费学校、出国旅游作辅助评估; 国家未定分值) */
	int aux_penalty;
	/* 村（居）民代表占参会总人数的最低比例 — 2/3 — S2 第二十二条 */
	int rep_share_num, rep_share_den;
	/* 倾向支持线 (‰, score >=) — 600; 倾向不支持线 (‰, score <) — 400 */
	int support_at, oppose_below;
	/* 测算与评议相差提示线 (‰) — 400 */
	int disagree_gap;
} assess_params;

/* Fills p with the defaults above. */
void assess_params_default(assess_params *p);

/* Checks every field. DIB_EINVAL with a message naming the parameter, e.g.
 * 参数 "核算期月数" 为 0，应在 1–12 之间. */
dib_code assess_params_check(const assess_params *p, dib_err *err);

/* ---- the household ---- */

typedef struct assess_household {
	int persons;                /* 共同生活家庭成员人数 (S1 第七条), 1..AMOUNT_MAX_MEMBERS */
	const char *const *names;   /* persons names for the sheet, or NULL */
	const assess_income_item *incomes;
	size_t nincomes;
	const assess_deduction_item *deductions;
	size_t ndeductions;
	const assess_asset_item *assets;
	size_t nassets;
} assess_household;

/* ---- the income assessment ---- */

typedef struct assess_income_result {
	int persons;               /* the divisor: h->persons, or 1 for one member */
	int months;                /* the accounting period */
	dib_fen by_kind_fen[6];    /* counted income by kind, [1]..[5]; [0] unused */
	dib_fen counted_fen;       /* 计入收入合计 over the period */
	dib_fen excluded_fen;      /* 不计入收入合计 */
	dib_fen wage_cost_fen;     /* 就业成本扣减 */
	dib_fen deducted_fen;      /* 扣减合计, wage cost included */
	dib_fen net_fen;           /* max(0, counted − deducted) */
	dib_fen per_capita_fen;    /* 家庭月人均收入 (or the member's monthly income) */
	amount_line *lines;        /* the income sheet, allocated in a; ends in
				    * the per-capita line */
	size_t nlines;
} assess_income_result;

/* Computes the income side.
 *
 * only_member < 0: the household — every item, divided by h->persons.
 * only_member >= 0: that member alone, as single-person coverage with
 * personal income needs (AMOUNT_SINGLE_PERSONAL): only the items and
 * deductions with that member index, divided by 1. Household-wide items
 * (member -1) are not anyone's own and are left out.
 *
 * Rules: an excluded item whose exclusion is switched off by a parameter is
 * counted, and its line says so. Employment cost = wage_cost_bp of each
 * counted wage item (fen, half-up), capped per month by wage_cost_cap_fen.
 * Rigid expenses are ignored, with a line saying why, unless rigid_allowed;
 * their sum is capped by rigid_cap_fen × months. The per-capita figure is
 * money_div(net, persons × months, pc_rounding): one exact division.
 *
 * DIB_EINVAL with a Chinese message quoting the item for: persons outside
 * 1..AMOUNT_MAX_MEMBERS (家庭人数为 0 is refused), only_member >= persons, an
 * item whose member index is out of range, an unknown kind, exclusion or
 * local index, a negative or too large amount, months outside 0..period,
 * more than ASSESS_MAX_ITEMS items. On error *out is untouched. */
dib_code assess_income(const assess_params *p, const assess_household *h,
		       int only_member, dib_arena *a, assess_income_result *out,
		       dib_err *err);

/* ---- the asset tests ---- */

typedef struct assess_finding {
	enum assess_test test;
	int item;           /* index into h->assets, -1 for a test of a total */
	const char *reason; /* Chinese, with the numbers; allocated in a */
	const char *basis;  /* "《最低生活保障审核确认办法》第十四条；" + asset_rules; in a */
} assess_finding;

typedef struct assess_assets_result {
	bool pass;                /* no test failed */
	dib_fen financial_fen;    /* deposits + financial assets counted */
	dib_fen financial_cap_fen;/* financial_months × standard × persons; 0 when not tested */
	int vehicles;             /* non-exempt vehicles counted */
	int dwellings;            /* dwellings counted */
	assess_finding *failed;   /* allocated in a; NULL when none */
	size_t nfailed;
} assess_assets_result;

/* Runs every asset test of p against h's assets with the monthly standard
 * in force (standard_fen > 0) and h->persons. Assets marked `necessary`
 * are exempt from all tests (S1 第十四条). Each failed test gives one
 * finding; a test on a total (financial assets, vehicles over the allowed
 * number, dwellings over the allowed number) gives one finding for the
 * total, a test on an item (a non-residential property, a business, a
 * machine, a vehicle above the value cap) one per item.
 * DIB_EINVAL for bad input (as assess_income); *out untouched on error. */
dib_code assess_assets(const assess_params *p, const assess_household *h,
		       dib_fen standard_fen, dib_arena *a,
		       assess_assets_result *out, dib_err *err);

/* ---- 低保边缘 and the measured class ---- */

/* The 低保边缘 income line in whole fen: the smallest fen amount that is
 * not below edge_bp × standard (so "income < line" is exact). 52801 × 1.5
 * = 79201.5 → 79202. standard_fen in 0..AMOUNT_MAX_FEN. */
dib_fen assess_edge_line(const assess_params *p, dib_fen standard_fen);

enum assess_class {
	ASSESS_ABOVE = 0, /* neither */
	ASSESS_DIBAO = 1, /* 人均收入 < 标准 and the dibao asset tests pass (§11.3) */
	ASSESS_EDGE = 2,  /* not dibao, 人均收入 < 边缘线 and the edge asset
			   * tests pass (S1 第八条; §11.3) */
};

/* The class the measured side points to. assets_pass and edge_assets_pass
 * are the results of assess_assets with the dibao and the 低保边缘 asset
 * parameters (the same value where a province uses one set). This is the
 * measured side only, not a decision (the reviewer decides, seed 004). */
enum assess_class assess_classify(const assess_params *p, dib_fen per_capita_fen,
				  dib_fen standard_fen, bool assets_pass,
				  bool edge_assets_pass);

/* ---- the "3+1" score ---- */

/* The democratic evaluation (民主评议 / 评审团票决), S2 第二十一至二十四条;
 * since 2021 only required after an objection (S1 第十九条). */
typedef struct assess_vote {
	bool held;
	int attendees;       /* 参会总人数 */
	int representatives; /* of whom 村（居）民代表 */
	int votes_for, votes_against, abstentions;
} assess_vote;

typedef struct assess_score_input {
	dib_fen per_capita_fen;  /* from assess_income */
	dib_fen standard_fen;    /* monthly standard, > 0 */
	bool registration_ok;    /* 户籍状况 meets the rules (the "3" of 3+1) */
	size_t asset_failures;   /* assess_assets_result.nfailed */
	int aux_findings;        /* adverse 辅助评估 findings of the home visit
				  * (S1 第十七条第二款), >= 0 */
	const assess_vote *vote; /* NULL = no evaluation held */
} assess_score_input;

enum assess_lean {
	ASSESS_LEAN_OPPOSE = -1, /* 倾向不支持 */
	ASSESS_LEAN_OPEN = 0,    /* 需综合研判 */
	ASSESS_LEAN_SUPPORT = 1, /* 倾向支持 */
};

typedef struct assess_score_result {
	int measured;        /* 测算分 ‰ */
	bool vote_valid;     /* a vote was held and meets the 2/3 rule */
	int vote;            /* 评议分 ‰ (votes for / votes cast); -1 without a valid vote */
	int score;           /* 综合分 ‰; the measured score alone without a valid vote */
	enum assess_lean lean;
	bool disagree;       /* the two sides point different ways, or differ by
			      * disagree_gap or more: the reviewer must weigh them */
	const char **reasons;/* Chinese sentences, allocated in a; the last one
			      * always says that this is not a decision */
	size_t nreasons;
} assess_score_result;

/* Combines the measured side with the vote.
 *
 * Measured score M (‰), from the per-capita income I and the standard S:
 *   I < S:          500 + 500 × (S − I) / S      (1000 with no income)
 *   S <= I < edge:  499 × (edge − I) / (edge − S)
 *   I >= edge:      0
 * (each rounded down), lowered to hard_fail_cap when registration or an
 * asset test fails, and by aux_penalty per 辅助评估 finding (not below 0).
 * 500 is the standard itself: M >= 500 exactly when I < S.
 * Vote score V = 1000 × for / (for + against + abstentions), rounded down;
 * valid only when representatives × den >= attendees × num (2/3).
 * Score = (M × w + V × (10000 − w)) / 10000, rounded down; M alone when
 * there is no valid vote (flagged in the reasons).
 * Lean: SUPPORT when score >= support_at, OPPOSE when < oppose_below.
 *
 * DIB_EINVAL for impossible input (negative counts, votes or
 * representatives above attendees, no votes cast at a held vote,
 * standard <= 0). *out untouched on error. */
dib_code assess_score(const assess_params *p, const assess_score_input *in,
		      dib_arena *a, assess_score_result *out, dib_err *err);

#endif
