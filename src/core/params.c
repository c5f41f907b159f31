/*
 * params.c — the catalogue of local parameters (params.h) and the parsing,
 * checking and formatting of their values. The catalogue is data: a new
 * local rule is a new row here, never an if in a rule.
 * Thread-safe: pure functions over constant tables.
 */
#include "util/dib.h"
#include "core/params.h"
#include "core/codes.h"

#include <inttypes.h>
#include <strings.h>

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

const char *params_type_code(enum params_type t)
{
	static const char *const codes[] = {
		[PARAMS_FEN] = "fen", [PARAMS_BP] = "bp", [PARAMS_INT] = "int",
		[PARAMS_MONTHS] = "months", [PARAMS_WORKDAYS] = "workdays",
		[PARAMS_DAYS] = "days", [PARAMS_BOOL] = "bool", [PARAMS_ENUM] = "enum",
	};
	return (unsigned)t < DIB_ARRAY_LEN(codes) ? codes[t] : "?";
}

params_value params_default(const params_def *d)
{
	params_value v = { d->dflt, NULL };
	if (d->type == PARAMS_ENUM && d->dflt >= 0 && (size_t)d->dflt < d->nchoices)
		v.code = d->choices[d->dflt].code;
	return v;
}

/* ---- text forms ---- */

char *params_encode(const params_def *d, params_value v, char *out)
{
	if (d->type == PARAMS_BOOL)
		snprintf(out, PARAMS_TEXT_MAX, "%s", v.n ? "true" : "false");
	else if (d->type == PARAMS_ENUM)
		snprintf(out, PARAMS_TEXT_MAX, "%s",
			 v.n >= 0 && (size_t)v.n < d->nchoices ? d->choices[v.n].code : "?");
	else
		snprintf(out, PARAMS_TEXT_MAX, "%" PRId64, v.n);
	return out;
}

/* Basis points as a percentage without needless zeros: "30%", "12.5%", "0.05%". */
static char *format_bp(int64_t bp, char *out)
{
	int64_t whole = bp / 100, frac = bp % 100;
	if (frac < 0)
		frac = -frac;
	if (!frac)
		snprintf(out, PARAMS_TEXT_MAX, "%" PRId64 "%%", whole);
	else if (frac % 10 == 0)
		snprintf(out, PARAMS_TEXT_MAX, "%" PRId64 ".%" PRId64 "%%", whole, frac / 10);
	else
		snprintf(out, PARAMS_TEXT_MAX, "%" PRId64 ".%02" PRId64 "%%", whole, frac);
	return out;
}

char *params_format(const params_def *d, params_value v, char *out)
{
	switch (d->type) {
	case PARAMS_FEN: {
		char m[MONEY_STR];
		snprintf(out, PARAMS_TEXT_MAX, "%s", money_format(v.n, m));
		return out;
	}
	case PARAMS_BP:
		return format_bp(v.n, out);
	default:
		return params_encode(d, v, out);
	}
}

/* ---- checking ---- */

/* "0.00–1,000.00 元", "1–60 个工作日", "6、12 个月" into out. */
static char *range_text(const params_def *d, char *out, size_t cap)
{
	char lo[PARAMS_TEXT_MAX], hi[PARAMS_TEXT_MAX];
	if (d->only) {
		size_t len = 0;
		out[0] = '\0';
		for (size_t i = 0; i < d->nonly && len < cap; i++) {
			int k = snprintf(out + len, cap - len, "%s%" PRId64, i ? "、" : "", d->only[i]);
			if (k < 0)
				break;
			len += (size_t)k;
		}
		if (len < cap && d->unit[0])
			snprintf(out + len, cap - len, " %s", d->unit);
		return out;
	}
	params_value a = { d->min, NULL }, b = { d->max, NULL };
	snprintf(out, cap, "%s–%s%s%s", params_format(d, a, lo), params_format(d, b, hi),
		 d->unit[0] && d->type != PARAMS_BP ? " " : "",
		 d->type == PARAMS_BP ? "" : d->unit);
	return out;
}

/* The names of d's choices: "fen (分)、jiao (角)、yuan (元)". */
static char *choices_text(const params_def *d, char *out, size_t cap)
{
	size_t len = 0;
	out[0] = '\0';
	for (size_t i = 0; i < d->nchoices && len < cap; i++) {
		int k = snprintf(out + len, cap - len, "%s%s (%s)", i ? "、" : "",
				 d->choices[i].code, d->choices[i].name);
		if (k < 0)
			break;
		len += (size_t)k;
	}
	return out;
}

dib_code params_check(const params_def *d, params_value v, dib_err *err)
{
	char shown[PARAMS_TEXT_MAX], range[200];
	if (d->type == PARAMS_ENUM) {
		if (v.n >= 0 && (size_t)v.n < d->nchoices)
			return DIB_OK;
		return dib_err_set(err, DIB_EINVAL, "参数 \"%s\" (%s) 的取值不是可选值，可选: %s",
				   d->name, d->key, choices_text(d, range, sizeof range));
	}
	bool ok = v.n >= d->min && v.n <= d->max;
	if (ok && d->only) {
		ok = false;
		for (size_t i = 0; i < d->nonly; i++)
			ok |= d->only[i] == v.n;
		if (!ok)
			return dib_err_set(err, DIB_EINVAL, "参数 \"%s\" (%s) 的值 \"%s\" 只能是 %s",
					   d->name, d->key, params_format(d, v, shown),
					   range_text(d, range, sizeof range));
	}
	if (!ok)
		return dib_err_set(err, DIB_EINVAL, "参数 \"%s\" (%s) 的值 \"%s\" 超出范围 %s",
				   d->name, d->key, params_format(d, v, shown),
				   range_text(d, range, sizeof range));
	return DIB_OK;
}

/* ---- parsing ---- */

/* Digits only (at most 12), into *out. */
static bool parse_digits(const char *s, size_t n, int64_t *out)
{
	if (n == 0 || n > 12)
		return false;
	int64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* A percentage with at most two decimals and an optional % (or ％) into
 * basis points: "30" and "30%" are 3000, "12.5%" 1250, "0.05" 5. */
static bool parse_bp(const char *s, size_t n, int64_t *out)
{
	if (n >= 1 && s[n - 1] == '%')
		n--;
	else if (n >= 3 && !memcmp(s + n - 3, "\xef\xbc\x85", 3))
		n -= 3;
	while (n && (s[n - 1] == ' '))
		n--;
	const char *dot = memchr(s, '.', n);
	size_t wn = dot ? (size_t)(dot - s) : n;
	int64_t whole, frac = 0;
	if (wn > 6 || !parse_digits(s, wn, &whole))
		return false;
	if (dot) {
		size_t fn = n - wn - 1;
		if (fn < 1 || fn > 2 || !parse_digits(dot + 1, fn, &frac))
			return false;
		if (fn == 1)
			frac *= 10;
	}
	*out = whole * 100 + frac;
	return true;
}

static bool parse_bool(const char *s, size_t n, int64_t *out)
{
	static const struct {
		const char *text;
		int v;
	} words[] = {
		{ "true", 1 }, { "false", 0 }, { "1", 1 }, { "0", 0 }, { "yes", 1 },
		{ "no", 0 }, { "是", 1 }, { "否", 0 },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(words); i++) {
		if (strlen(words[i].text) == n && !strncasecmp(s, words[i].text, n)) {
			*out = words[i].v;
			return true;
		}
	}
	return false;
}

/* An enum value by its code (case-insensitive) or its Chinese name. */
static bool parse_choice(const params_def *d, const char *s, size_t n, int64_t *out)
{
	for (size_t i = 0; i < d->nchoices; i++) {
		const struct params_choice *c = &d->choices[i];
		if ((strlen(c->code) == n && !strncasecmp(s, c->code, n)) ||
		    (strlen(c->name) == n && !memcmp(s, c->name, n))) {
			*out = (int64_t)i;
			return true;
		}
	}
	return false;
}

/* What a value of type t should look like, for messages. */
static const char *expected(const params_def *d)
{
	switch (d->type) {
	case PARAMS_FEN: return "金额 (元，至多两位小数)";
	case PARAMS_BP: return "百分比 (如 30% 或 12.5，至多两位小数)";
	case PARAMS_BOOL: return "是或否 (true/false)";
	case PARAMS_ENUM: return "可选值";
	default: return "非负整数";
	}
}

/* Fills out with d's value for text (already trimmed); false when it does
 * not read as the type. */
static bool read_as(const params_def *d, const char *s, size_t n, params_value *out)
{
	params_value v = { 0, NULL };
	bool ok;
	switch (d->type) {
	case PARAMS_FEN: {
		dib_err scratch;
		dib_err_clear(&scratch);
		ok = money_parse(s, n, false, &v.n, &scratch) == DIB_OK;
		break;
	}
	case PARAMS_BP:
		ok = parse_bp(s, n, &v.n);
		break;
	case PARAMS_BOOL:
		ok = parse_bool(s, n, &v.n);
		break;
	case PARAMS_ENUM:
		ok = parse_choice(d, s, n, &v.n);
		if (ok)
			v.code = d->choices[v.n].code;
		break;
	default:
		ok = parse_digits(s, n, &v.n);
		break;
	}
	if (ok)
		*out = v;
	return ok;
}

dib_code params_parse(const params_def *d, const char *text, size_t n,
		      params_value *out, dib_err *err)
{
	const char *s = text ? text : "";
	codes_trim(&s, &n);
	char q[DIB_QUOTE_MAX], list[200];
	if (!n)
		return dib_err_set(err, DIB_EINVAL, "参数 \"%s\" (%s) 的值不能为空", d->name, d->key);
	params_value v;
	if (!read_as(d, s, n, &v)) {
		if (d->type == PARAMS_ENUM)
			return dib_err_set(err, DIB_EINVAL,
					   "参数 \"%s\" (%s) 的值 \"%s\" 不是可选值，可选: %s",
					   d->name, d->key, dib_err_quote(s, n, q, sizeof q),
					   choices_text(d, list, sizeof list));
		return dib_err_set(err, DIB_EINVAL, "参数 \"%s\" (%s) 的值 \"%s\" 不正确，应为%s",
				   d->name, d->key, dib_err_quote(s, n, q, sizeof q), expected(d));
	}
	dib_code rc = params_check(d, v, err);
	if (!rc)
		*out = v;
	return rc;
}

dib_code params_decode(const params_def *d, const char *stored, params_value *out,
		       dib_err *err)
{
	const char *s = stored ? stored : "";
	size_t n = strlen(s);
	params_value v = { 0, NULL };
	bool ok;
	if (d->type == PARAMS_BOOL) {
		ok = !strcmp(s, "true") || !strcmp(s, "false");
		v.n = !strcmp(s, "true");
	} else if (d->type == PARAMS_ENUM) {
		ok = false;
		for (size_t i = 0; !ok && i < d->nchoices; i++) {
			if (!strcmp(s, d->choices[i].code)) {
				ok = true;
				v.n = (int64_t)i;
				v.code = d->choices[i].code;
			}
		}
	} else {
		ok = parse_digits(s, n, &v.n);
	}
	char q[DIB_QUOTE_MAX];
	if (!ok)
		return dib_err_set(err, DIB_EINVAL, "参数 \"%s\" (%s) 的存储值 \"%s\" 不正确",
				   d->name, d->key, dib_err_quote(s, n, q, sizeof q));
	dib_code rc = params_check(d, v, err);
	if (!rc)
		*out = v;
	return rc;
}

/* ---- rules built on parameters ---- */

dib_code params_rounding_of(params_value unit, params_value mode, money_rounding *out,
			    dib_err *err)
{
	if (!unit.code || !mode.code)
		return dib_err_set(err, DIB_EINVAL, "取整规则不完整");
	return money_rounding_parse(unit.code, mode.code, out, err);
}

dib_code params_standard_monthly(dib_fen amount_fen, const char *unit, money_rounding r,
				 dib_fen *out, dib_err *err)
{
	const char *u = unit ? unit : "";
	if (!strcmp(u, "person_month")) {
		*out = amount_fen;
		return DIB_OK;
	}
	if (!strcmp(u, "person_year")) {
		*out = money_div(amount_fen, 12, r);
		return DIB_OK;
	}
	char q[DIB_QUOTE_MAX];
	return dib_err_set(err, DIB_EINVAL, "计发单位 \"%s\" 没有月标准",
			   dib_err_quote(u, strlen(u), q, sizeof q));
}
