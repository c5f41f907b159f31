/*
 * params_catalogue.c — the catalogue of local parameters (params.h): one
 * row per rule that a province, city or county sets, with its type,
 * Chinese name and unit, national default, range and source article. The
 * catalogue is data: a new local rule is a new row here, never an if in a
 * rule. Parsing, checking and the text forms of the values are params.c's.
 * Thread-safe: constant tables.
 */
#include "util/dib.h"
#include "core/params.h"

/* ---- the catalogue ---- */

static const struct params_choice round_units[] = {
	{ "fen", "分" }, { "jiao", "角" }, { "yuan", "元" },
};
static const struct params_choice round_modes[] = {
	{ "half_up", "四舍五入" }, { "up", "进位" }, { "down", "舍去" },
};
static const struct params_choice amount_methods[] = {
	{ "gap", "差额法" }, { "banded", "分档法" },
};
static const struct params_choice addon_methods[] = {
	{ "none", "不加发" }, { "share", "按低保标准的比例加发" }, { "fixed", "按固定金额加发" },
};
static const struct params_choice authorities[] = {
	{ "county", "县级民政部门确认" }, { "township", "下放乡镇(街道)确认" },
};
static const int64_t period_months[] = { 6, 12 };
static const struct params_choice phaseout_froms[] = {
	{ "income", "自收入超过标准之月起算" }, { "decision", "自渐退决定生效之月起算" },
};
/* In enum pay_rhythm's order, with its codes (core/payperiod.h). */
static const struct params_choice pay_rhythms[] = {
	{ "monthly", "按月" }, { "quarterly", "按季" }, { "half_yearly", "按半年" },
	{ "yearly", "按年" },
};

#define NUM(k, t, nm, u, src, d, lo, hi) \
	{ .key = (k), .type = (t), .name = (nm), .unit = (u), .source = (src), \
	  .dflt = (d), .min = (lo), .max = (hi) }
#define BOOL(k, nm, src, d) NUM(k, PARAMS_BOOL, nm, "", src, d, 0, 1)
#define ENUM(k, nm, src, d, c) \
	{ .key = (k), .type = PARAMS_ENUM, .name = (nm), .unit = "", .source = (src), \
	  .dflt = (d), .min = 0, .max = (int64_t)DIB_ARRAY_LEN(c) - 1, \
	  .choices = (c), .nchoices = DIB_ARRAY_LEN(c) }

#define S_ASSET "§1.6；S1 第十四条，S5 第十条，S6 第6项 (财产限额由地方定) [C]"
#define S_ADDON "§1.12；S1 第二十七条，S5 第十二条第二款 (加发多少由地方定) [C]"
#define S_BAND "§1.12；S1 第二十三条，S6 第5项 (分档计算，档位金额由地方定)"
#define S_ROUND "§1.12 (取整规则由地方定) [C]"
#define S_RURAL "domain.md (农村低保按年定标准、按月发放)；§1.12 取整 [C]"
#define S_TEKUN_CARE "§2.5 (照料护理标准按全自理、半护理、全护理分三档，由地方定) [C]"
#define S_ELDERLY "§6 (年龄分档和金额由地方定) [C]"
#define S_PAY "seed 001；§1.13 S2 第三十一条"

/* A band of 高龄津贴 above the first: from which age, how much. */
#define ELDERLY_BAND(n, nm)                                                       \
	NUM("benefit.elderly_band" #n "_min_age", PARAMS_INT,                    \
	    "高龄津贴第" nm "档起始年龄 (0 为不设此档)", "周岁", S_ELDERLY, 0, 0, 150), \
	NUM("benefit.elderly_band" #n "_fen", PARAMS_FEN,                        \
	    "高龄津贴第" nm "档金额 (每人每月)", "元", S_ELDERLY, 0, 0, 1000000)

/* When program code pays. */
#define PAY_RHYTHM(code, nm) ENUM("pay.rhythm." code, nm "发放周期", S_PAY, 0, pay_rhythms)

/* One classified add-on (分类施保) category: how, and how much. */
#define ADDON(cat, nm)                                                          \
	ENUM("addon." cat ".method", nm "加发方式", S_ADDON, 0, addon_methods),  \
	NUM("addon." cat ".share_bp", PARAMS_BP, nm "加发比例 (低保标准的百分比)", \
	    "%", S_ADDON, 0, 0, 10000),                                        \
	NUM("addon." cat ".fixed_fen", PARAMS_FEN, nm "加发固定金额 (每人每月)", \
	    "元", S_ADDON, 0, 0, 100000)

static const params_def catalogue[] = {
	/* assets (家庭财产) */
	BOOL("asset.vehicle_allowed", "拥有机动车的家庭可以纳入", S_ASSET, 0),
	BOOL("asset.second_dwelling_allowed", "拥有第二套住房的家庭可以纳入", S_ASSET, 0),
	NUM("asset.deposit_months", PARAMS_MONTHS, "人均金融资产上限 (月低保标准的倍数)",
	    "个月的低保标准", S_ASSET, 24, 0, 120),
	BOOL("asset.business_allowed", "有工商登记(市场主体)的家庭可以纳入", S_ASSET, 0),
	/* income (家庭收入) */
	NUM("income.employment_cost_bp", PARAMS_BP, "就业成本扣减比例 (占就业收入)", "%",
	    "§1.6；S1 第十三条末款 (扣减多少由地方定；兴安盟 10%) [C]", 0, 0, 5000),
	{ .key = "income.period_months", .type = PARAMS_MONTHS, .name = "收入核算期",
	  .unit = "个月", .source = "§1.6；S1 第十三条 (核算期由省定，常见 6 或 12 个月) [C]",
	  .dflt = 12, .min = 6, .max = 12, .only = period_months,
	  .nonly = DIB_ARRAY_LEN(period_months) },
	/* the amount (低保金计算) */
	ENUM("amount.method", "低保金计算方法", "§1.12, §11.4；S1 第二十三条，S6 第5项", 0,
	     amount_methods),
	NUM("amount.band1_fen", PARAMS_FEN, "分档法第一档金额 (每人每月)", "元", S_BAND, 0, 0,
	    1000000),
	NUM("amount.band2_fen", PARAMS_FEN, "分档法第二档金额 (每人每月)", "元", S_BAND, 0, 0,
	    1000000),
	NUM("amount.band3_fen", PARAMS_FEN, "分档法第三档金额 (每人每月)", "元", S_BAND, 0, 0,
	    1000000),
	NUM("amount.band4_fen", PARAMS_FEN, "分档法第四档金额 (每人每月)", "元", S_BAND, 0, 0,
	    1000000),
	NUM("amount.minimum_fen", PARAMS_FEN, "最低发放额 (保底，每户每月)", "元",
	    "§1.12 (国家未规定，地方“不足 X 元按 X 元发放”) [C]", 0, 0, 100000),
	ENUM("amount.rounding_unit", "低保金取整单位", S_ROUND, 0, round_units),
	ENUM("amount.rounding_mode", "低保金取整方式", S_ROUND, 0, round_modes),
	ENUM("standard.rural_monthly_rounding_unit", "农村低保年标准折月取整单位", S_RURAL, 0,
	     round_units),
	ENUM("standard.rural_monthly_rounding_mode", "农村低保年标准折月取整方式", S_RURAL, 0,
	     round_modes),
	/* classified add-ons (分类施保) */
	ADDON("elderly", "老年人"),
	NUM("addon.elderly.min_age", PARAMS_INT, "老年人加发起始年龄 (满 N 周岁)", "周岁",
	    "§1.12；《老年人权益保障法》第二条 (六十周岁以上)", 60, 50, 100),
	ADDON("minor", "未成年人"),
	NUM("addon.minor.max_age", PARAMS_INT, "未成年人加发年龄上限 (不满 N 周岁)", "周岁",
	    "§1.3；《民法典》第十七条 (不满十八周岁)", 18, 1, 25),
	ADDON("disabled", "重度残疾人"),
	NUM("addon.disabled.max_grade", PARAMS_INT, "重度残疾人加发的残疾等级 (N 级及以上)", "级",
	    "§1.4；S1 第八条 (一级、二级为重度残疾)", 2, 1, 4),
	ADDON("ill", "重病患者"),
	/* grades and the edge line */
	BOOL("dibao.rural_grades", "农村低保家庭按一至四类分类",
	     "domain.md (seed 004)；由省定 [C]", 0),
	NUM("edge.income_bp", PARAMS_BP, "低保边缘家庭收入线 (低保标准的百分比)", "%",
	    "§1.4, §11.4；S1 第八条，S7 一（四），S8 二 (1.5 倍)", 15000, 10000, 30000),
	/* reviews (审核和核查) */
	NUM("review.spot_check_bp", PARAMS_BP, "县级入户抽查比例", "%",
	    "§1.9；S2 第二十六条，S3 第十六条 (不低于 30%) [C]", 3000, 0, 10000),
	NUM("review.stable_months", PARAMS_MONTHS, "经济状况稳定家庭的核查周期", "个月",
	    "§1.14；S1 第三十一条 (每年核查 1 次)", 12, 1, 24),
	NUM("review.variable_months", PARAMS_MONTHS, "收入不固定、有劳动能力家庭的核查周期",
	    "个月", "§1.14；S1 第三十一条 (每半年核查 1 次)", 6, 1, 12),
	/* the workflow and its time limits (§11.1, §11.5) */
	ENUM("workflow.confirm_authority", "审核确认权限", "§1.1；S1 第二条第二款", 0,
	     authorities),
	NUM("limit.accept_workdays", PARAMS_WORKDAYS, "受理时限 (自申请之日起)", "个工作日",
	    "§1.2；S1 第十条 (国家未定期限，本系统默认) [C]", 3, 1, 30),
	NUM("limit.investigation_workdays", PARAMS_WORKDAYS, "启动家庭经济状况调查时限 (自受理之日起)",
	    "个工作日", "§1.7；S1 第十五条", 3, 1, 30),
	NUM("limit.check_workdays", PARAMS_WORKDAYS, "启动信息核对时限 (自收到提请之日起)",
	    "个工作日", "§1.7；S1 第十七条", 3, 1, 30),
	NUM("limit.township_review_workdays", PARAMS_WORKDAYS, "乡镇初审时限 (自受理之日起)",
	    "个工作日", "§1.10；S7 四（一）(各地明确，本系统默认) [C]", 15, 1, 60),
	NUM("limit.public_notice_days", PARAMS_DAYS, "公示天数 (自然日)", "天",
	    "§1.8；S1 第十九条 (公示 7 天)", 7, 1, 30),
	NUM("limit.county_review_workdays", PARAMS_WORKDAYS, "县级审核确认时限 (自收到材料之日起)",
	    "个工作日", "§1.9；S1 第二十条", 10, 1, 60),
	NUM("limit.refusal_notice_workdays", PARAMS_WORKDAYS, "不予确认书面告知时限 (自决定之日起)",
	    "个工作日", "§1.9；S1 第二十一条", 3, 1, 30),
	NUM("limit.case_workdays", PARAMS_WORKDAYS, "审核确认总时限 (自受理之日起)", "个工作日",
	    "§1.10；S1 第二十二条", 30, 1, 90),
	NUM("limit.case_extended_workdays", PARAMS_WORKDAYS, "特殊情况延长后的总时限",
	    "个工作日", "§1.10；S1 第二十二条，S7 四（一）", 45, 1, 90),
	NUM("limit.case_delegated_workdays", PARAMS_WORKDAYS, "确认权下放乡镇时的总时限",
	    "个工作日", "§1.10；S7 四（一）", 20, 1, 90),
	NUM("inbox.due_soon_workdays", PARAMS_WORKDAYS, "待办“即将到期”提醒 (到期前)",
	    "个工作日", "§11.5 (本系统默认) [C]", 3, 0, 30),
	NUM("phaseout.max_months", PARAMS_MONTHS, "渐退期最长月数", "个月",
	    "§1.16；S7 一（三）(原则上不超过 6 个月)", 6, 0, 6),
	/* while covered (在保变更, core/coverage.h) */
	ENUM("coverage.phaseout_from", "渐退期起算", "§1.16；S1 第三十三条 (未规定起算) [C]", 0,
	     phaseout_froms),
	NUM("coverage.phaseout_share_bp", PARAMS_BP, "渐退期内发放比例 (原保障金的百分比)", "%",
	    "§1.16 (按原额还是递减由地方定) [C]", 10000, 0, 10000),
	BOOL("coverage.effective_same_month", "增发、减发、停发自决定当月生效",
	     "§1.15 (国家未规定，常用决定次月) [C]", 0),
	NUM("coverage.work_refusal_window_months", PARAMS_MONTHS,
	    "连续三次拒绝工作的计算期限 (0 为不限)", "个月",
	    "§1.15；S1 第三十四条，S5 第四十五条 (未规定期限) [C]", 0, 0, 36),
	/* other programs' amounts (core/benefit.h) */
	BOOL("benefit.disab_living_edge", "困难残疾人生活补贴延伸至低保边缘家庭",
	     "§4.1；S8 四（五），S6 第13项 (鼓励延伸，由地方定)", 0),
	NUM("benefit.disab_care_grade2_bp", PARAMS_BP,
	    "重度残疾人护理补贴二级残疾发放比例 (一级标准的百分比)", "%",
	    "§4.3 (标准由省定；例：上海一级 300 元、二级 150 元) [C]", 10000, 0, 10000),
	BOOL("benefit.disab_care_mental34", "重度残疾人护理补贴延伸至三、四级智力、精神残疾人",
	     "§4.1 (扩面的地方口径) [B]", 0),
	NUM("benefit.disab_care_mental34_bp", PARAMS_BP,
	    "三、四级智力、精神残疾人护理补贴比例 (一级标准的百分比)", "%",
	    "§4.1 (延伸后的标准由地方定) [C]", 10000, 0, 10000),
	NUM("benefit.tekun_care_self_fen", PARAMS_FEN, "特困人员照料护理标准：全自理 (每人每月)",
	    "元", S_TEKUN_CARE, 0, 0, 1000000),
	NUM("benefit.tekun_care_half_fen", PARAMS_FEN, "特困人员照料护理标准：半护理 (每人每月)",
	    "元", S_TEKUN_CARE, 0, 0, 1000000),
	NUM("benefit.tekun_care_full_fen", PARAMS_FEN, "特困人员照料护理标准：全护理 (每人每月)",
	    "元", S_TEKUN_CARE, 0, 0, 1000000),
	BOOL("benefit.orphan_topup", "孤儿基本生活费对已领低保金的补差发放",
	     "§5.1；S12 二（一）(未规定补差，由地方定) [C]", 0),
	NUM("benefit.elderly_band1_min_age", PARAMS_INT,
	    "高龄津贴起始年龄 (第一档，按高龄津贴标准发放)", "周岁",
	    "§6；《老年人权益保障法》第三十三条 (八十周岁以上)", 80, 50, 120),
	ELDERLY_BAND(2, "二"),
	ELDERLY_BAND(3, "三"),
	ELDERLY_BAND(4, "四"),
	ELDERLY_BAND(5, "五"),
	BOOL("benefit.elderly_from_birthday_month", "高龄津贴自满周岁的当月起按新年龄档发放 (否：次月起)",
	     "§6 (当月或次月由地方定) [C]", 1),
	BOOL("benefit.elderly_low_income_only", "高龄津贴只发放低收入老年人",
	     "§6；《老年人权益保障法》第三十三条 (普惠或限低收入由地方定) [C]", 0),
	/* when each program pays (core/payperiod.h) */
	PAY_RHYTHM("dibao_urban", "城市低保"),
	PAY_RHYTHM("dibao_rural", "农村低保"),
	PAY_RHYTHM("tekun_central", "特困人员集中供养"),
	PAY_RHYTHM("tekun_dispersed", "特困人员分散供养"),
	PAY_RHYTHM("orphan_inst", "机构养育孤儿基本生活费"),
	PAY_RHYTHM("orphan_scattered", "散居孤儿基本生活费"),
	PAY_RHYTHM("child_unsupported", "事实无人抚养儿童基本生活补贴"),
	PAY_RHYTHM("disab_living", "困难残疾人生活补贴"),
	PAY_RHYTHM("disab_care", "重度残疾人护理补贴"),
	PAY_RHYTHM("elderly_allowance", "高龄津贴"),
	NUM("pay.due_day", PARAMS_INT, "每期首月几日前发放到户", "日",
	    S_PAY " (每月 10 日前)", 10, 1, 28),
	NUM("pay.yearly_month", PARAMS_INT, "按年发放的项目在几月发放", "月",
	    "seed 001 (年发放的项目在每年 9 月份发放到位)；domain.md", 9, 1, 12),
	NUM("pay.recovery_max_bp", PARAMS_BP, "追缴时每次从发放额中扣减的最高比例", "%",
	    "§9.2 (错发追回；扣减比例地方定) [C]", 3000, 0, 10000),
	/* what the bank file names as the paying account when the export
	 * gives none (svc/payroll_pay.c); a 对公 account is not a card, so no
	 * Luhn digit, and 8–32 digits covers the banks' account forms */
	NUM("pay.payer_account", PARAMS_TEXT, "代发付款账号 (资金专户，导出代发文件未给出时使用)", "",
	    "§9.2 (委托代发协议；账号由县级财政、民政确定) [C]", 0, 8, 32),
};

size_t params_count(void)
{
	return DIB_ARRAY_LEN(catalogue);
}

const params_def *params_at(size_t i)
{
	return i < DIB_ARRAY_LEN(catalogue) ? &catalogue[i] : NULL;
}

const params_def *params_find(const char *key)
{
	if (!key)
		return NULL;
	for (size_t i = 0; i < DIB_ARRAY_LEN(catalogue); i++)
		if (!strcmp(catalogue[i].key, key))
			return &catalogue[i];
	return NULL;
}
