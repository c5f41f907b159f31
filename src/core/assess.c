/*
 * assess.c — the household's economic assessment: income, asset tests,
 * the 低保边缘 line and the "3+1" score.
 *
 * Income is summed over the accounting period and divided once at the end
 * (money_div), so per-month rounding can never add up to a different
 * answer than the citizen's own sum. Every step writes a line of the sheet
 * in the form of core/amount.h, so the income sheet printed for a citizen
 * is the computation itself. Input bounds (amount.h) are checked first;
 * after that no sum or product can leave int64 (10^3 items × 10^12 fen × 12
 * months < 2^63).
 *
 * Thread-safe: pure functions; memory only from the caller's arena.
 */
#include "util/dib.h"
#include "core/assess.h"
#include "core/codes.h"
#include "core/assess_int.h"

#define LAW_S1 "《最低生活保障审核确认办法》"
#define LAW_S2 "《最低生活保障审核审批办法（试行）》"
#define LAW_S7 "《关于进一步做好最低生活保障等社会救助兜底保障工作的通知》"
#define LAW_S11 "《关于进一步加强事实无人抚养儿童保障工作的意见》"

static const money_rounding FEN_HALF = {MONEY_FEN, MONEY_HALF_UP};

/* ---- exclusions ---- */

static const struct {
	const char *name, *basis;
} excl_tab[ASSESS_EXCL_COUNT] = {
	[ASSESS_EXCL_PREFERENTIAL] = {"优待抚恤金", LAW_S1 "第十三条第（一）项"},
	[ASSESS_EXCL_FAMILY_PLANNING] = {"计划生育奖励与扶助金", LAW_S1 "第十三条第（一）项"},
	[ASSESS_EXCL_SCHOLARSHIP] = {"奖学金", LAW_S1 "第十三条第（一）项"},
	[ASSESS_EXCL_HEROISM] = {"见义勇为等奖励性补助", LAW_S1 "第十三条第（一）项"},
	[ASSESS_EXCL_SOCIAL_ASSISTANCE] = {"政府发放的社会救助款物", LAW_S1 "第十三条第（二）项"},
	[ASSESS_EXCL_PENSION_BASE] = {"城乡居民基本养老保险基础养老金", LAW_S1 "第十三条第（三）项"},
	[ASSESS_EXCL_DISABILITY_SUBSIDY] = {"困难残疾人生活补贴、重度残疾人护理补贴",
					    "国发〔2015〕52号执行口径"},
	[ASSESS_EXCL_UNSUPPORTED_CHILD] = {"事实无人抚养儿童基本生活补贴", LAW_S11 "三（一）"},
	[ASSESS_EXCL_DISABLED_SUPPORT] = {"成年无业重度残疾人的供养费", LAW_S7 "一（一）"},
	[ASSESS_EXCL_LOCAL] = {"地方规定不计入的收入", LAW_S1 "第十三条第（四）项"},
};

const char *assess_exclusion_name(int excl)
{
	if (excl <= ASSESS_COUNTED || excl >= ASSESS_EXCL_COUNT)
		return "";
	return excl_tab[excl].name;
}

const char *assess_exclusion_basis(int excl)
{
	if (excl <= ASSESS_COUNTED || excl >= ASSESS_EXCL_COUNT)
		return "";
	return excl_tab[excl].basis;
}

/* Whether the parameters let the exclusion apply. The national ones of S1
 * 第十三条 (一)(二) always do; the others can be switched off. */
static bool excl_on(const assess_params *p, int excl)
{
	switch (excl) {
	case ASSESS_EXCL_PENSION_BASE:
		return p->excl_pension_base;
	case ASSESS_EXCL_DISABILITY_SUBSIDY:
		return p->excl_disability_subsidy;
	case ASSESS_EXCL_UNSUPPORTED_CHILD:
		return p->excl_unsupported_child;
	case ASSESS_EXCL_DISABLED_SUPPORT:
		return p->excl_disabled_support;
	default:
		return true;
	}
}

static const char *const ded_name[] = {
	"", "支付的赡养（抚养、扶养）费", "缴纳的税款", "个人缴纳的社会保障支出",
	"因残疾、重病增加的刚性支出",
};

/* ---- parameters ---- */

void assess_params_default(assess_params *p)
{
	memset(p, 0, sizeof *p);
	p->period_months = 12; /* = the catalogue's income.period_months (core/params.c) */
	p->wage_cost_bp = 0;
	p->wage_cost_cap_fen = 0;
	p->rigid_allowed = false;
	p->rigid_cap_fen = 0;
	p->pc_rounding = FEN_HALF;
	p->excl_pension_base = true;
	p->excl_disability_subsidy = true;
	p->excl_unsupported_child = true;
	p->excl_disabled_support = true;
	p->edge_bp = 15000;
	p->financial_months = 24;
	p->vehicles_allowed = 0;
	p->vehicle_value_cap_fen = 0;
	p->vehicle_exempt_motorcycle = true;
	p->vehicle_exempt_ebike = true;
	p->vehicle_exempt_disabled = true;
	p->dwellings_allowed = 1;
	p->dwelling_exempt_area_m2x100 = 0;
	p->nonresidential_fails = true;
	p->business_rule = ASSESS_BUSINESS_ANY;
	p->machinery_fails = false;
	p->asset_rules = ASSESS__DEFAULT_ASSET_RULES;
	p->measured_weight_bp = 5000;
	p->hard_fail_cap = 0;
	p->aux_penalty = 0;
	p->rep_share_num = 2;
	p->rep_share_den = 3;
	p->support_at = 600;
	p->oppose_below = 400;
	p->disagree_gap = 400;
}

static dib_code range(dib_err *err, const char *name, int64_t v, int64_t lo, int64_t hi)
{
	if (v >= lo && v <= hi)
		return DIB_OK;
	return dib_err_set(err, DIB_EINVAL, "参数 \"%s\" 为 %lld，应在 %lld–%lld 之间",
			   name, (long long)v, (long long)lo, (long long)hi);
}

/* The seed's rule as an invariant: one side at its best and the other at
 * its worst must leave the score undecided. */
static dib_code neither_alone(const assess_params *p, dib_err *err)
{
	int alone[2] = {p->measured_weight_bp / 10, (10000 - p->measured_weight_bp) / 10};
	const char *side[2] = {"测算", "评议"};

	for (int i = 0; i < 2; i++)
		if (alone[i] >= p->support_at || alone[i] < p->oppose_below)
			return dib_err_set(err, DIB_EINVAL,
					   "参数 \"测算权重\" 为 %d 时，仅凭%s一方即可得 %d‰，"
					   "越过倾向线 %d‰–%d‰：既不能唯收入论，也不能唯评议结果论",
					   p->measured_weight_bp, side[i], alone[i],
					   p->oppose_below, p->support_at);
	return DIB_OK;
}

dib_code assess_params_check(const assess_params *p, dib_err *err)
{
	dib_code rc;
	bool round_ok = (p->pc_rounding.unit == MONEY_FEN || p->pc_rounding.unit == MONEY_JIAO ||
			 p->pc_rounding.unit == MONEY_YUAN) &&
			(p->pc_rounding.mode == MONEY_HALF_UP || p->pc_rounding.mode == MONEY_UP ||
			 p->pc_rounding.mode == MONEY_DOWN);

	if ((rc = range(err, "核算期月数", p->period_months, 1, 12)) ||
	    (rc = range(err, "就业成本扣减比例", p->wage_cost_bp, 0, 10000)) ||
	    (rc = range(err, "就业成本扣减上限", p->wage_cost_cap_fen, 0, AMOUNT_MAX_FEN)) ||
	    (rc = range(err, "刚性支出扣减上限", p->rigid_cap_fen, 0, AMOUNT_MAX_FEN)) ||
	    (rc = range(err, "地方不计入收入项目数", (int64_t)p->nlocal_excl, 0,
			ASSESS_MAX_LOCAL_EXCL)) ||
	    (rc = range(err, "低保边缘收入线", p->edge_bp, 10000, 50000)) ||
	    (rc = range(err, "人均金融资产上限月数", p->financial_months, 0, 120)) ||
	    (rc = range(err, "允许的机动车数", p->vehicles_allowed, 0, 10)) ||
	    (rc = range(err, "车辆价值上限", p->vehicle_value_cap_fen, 0, AMOUNT_MAX_FEN)) ||
	    (rc = range(err, "允许的居住用房套数", p->dwellings_allowed, 0, 10)) ||
	    (rc = range(err, "人均住房面积豁免线", p->dwelling_exempt_area_m2x100, 0,
			INT64_C(100000000))) ||
	    (rc = range(err, "测算权重", p->measured_weight_bp, 1, 9999)) ||
	    (rc = range(err, "硬性条件不符时测算分上限", p->hard_fail_cap, 0, 1000)) ||
	    (rc = range(err, "辅助评估异常扣分", p->aux_penalty, 0, 1000)) ||
	    (rc = range(err, "代表比例分母", p->rep_share_den, 1, 100)) ||
	    (rc = range(err, "代表比例分子", p->rep_share_num, 0, p->rep_share_den)) ||
	    (rc = range(err, "倾向支持线", p->support_at, 0, 1000)) ||
	    (rc = range(err, "倾向不支持线", p->oppose_below, 0, p->support_at)) ||
	    (rc = range(err, "测算与评议相差提示线", p->disagree_gap, 1, 1000)))
		return rc;
	if (!round_ok)
		return dib_err_set(err, DIB_EINVAL, "参数 \"人均收入取整\" 不正确");
	if (p->nlocal_excl > 0 && !p->local_excl)
		return dib_err_set(err, DIB_EINVAL, "参数 \"地方不计入收入项目\" 缺失");
	for (size_t i = 0; i < p->nlocal_excl; i++)
		if (!p->local_excl[i].name || !*p->local_excl[i].name)
			return dib_err_set(err, DIB_EINVAL,
					   "地方不计入收入项目第 %zu 项没有名称", i + 1);
	if (p->business_rule != ASSESS_BUSINESS_ANY &&
	    p->business_rule != ASSESS_BUSINESS_EMPLOYER &&
	    p->business_rule != ASSESS_BUSINESS_NONE)
		return dib_err_set(err, DIB_EINVAL, "参数 \"市场主体登记规则\" 不正确");
	return neither_alone(p, err);
}

/* ---- shared helpers ---- */

/* "张三 工资", "全家 土地流转租金", "成员 2 工资": who and what, sanitised
 * to valid UTF-8 because it comes from the register. */
static const char *who_what(amount_sheet *s, const assess_household *h, int member,
			    const char *item, const char *fallback)
{
	char w[DIB_QUOTE_MAX], it[DIB_QUOTE_MAX];
	const char *name = member >= 0 && h->names ? h->names[member] : NULL;

	if (!item || !*item)
		item = fallback;
	dib_err_quote(item, strlen(item), it, sizeof it);
	if (member < 0)
		return amount_sheet_printf(s, "全家 %s", it);
	if (!name || !*name)
		return amount_sheet_printf(s, "成员 %d %s", member + 1, it);
	dib_err_quote(name, strlen(name), w, sizeof w);
	return amount_sheet_printf(s, "%s %s", w, it);
}

/* An item's total over the period, and "300.00 元/月 × 6 个月 = 1,800.00 元". */
static dib_fen period_total(const assess_params *p, dib_fen amount, enum assess_basis b,
			    int months, char *txt, size_t n)
{
	char a[MONEY_STR], t[MONEY_STR];
	int m = months ? months : p->period_months;

	if (b == ASSESS_PERIOD) {
		snprintf(txt, n, "核算期合计 %s 元", money_format(amount, a));
		return amount;
	}
	snprintf(txt, n, "%s 元/月 × %d 个月 = %s 元", money_format(amount, a), m,
		 money_format(amount * m, t));
	return amount * m;
}

dib_code assess__item_check(const assess_params *p, const assess_household *h,
			   const char *what, size_t i, int member, dib_fen amount,
			   enum assess_basis b, int months, dib_err *err)
{
	if (member < -1 || member >= h->persons)
		return dib_err_set(err, DIB_EINVAL, "第 %zu 项%s的成员序号 %d 不正确", i + 1,
				   what, member);
	if (amount < 0 || amount > AMOUNT_MAX_FEN)
		return dib_err_set(err, DIB_EINVAL, "第 %zu 项%s的金额 %lld 分不正确，应在 0–%lld 分之间",
				   i + 1, what, (long long)amount, (long long)AMOUNT_MAX_FEN);
	if (b != ASSESS_MONTHLY && b != ASSESS_PERIOD)
		return dib_err_set(err, DIB_EINVAL, "第 %zu 项%s的计算口径不正确", i + 1, what);
	if (b == ASSESS_MONTHLY && (months < 0 || months > p->period_months))
		return dib_err_set(err, DIB_EINVAL, "第 %zu 项%s的月数 %d 不正确，应在 0–%d 之间",
				   i + 1, what, months, p->period_months);
	return DIB_OK;
}

dib_code assess__household_check(const assess_household *h, dib_err *err)
{
	if (h->persons <= 0 || h->persons > AMOUNT_MAX_MEMBERS)
		return dib_err_set(err, DIB_EINVAL, "家庭人数 %d 不正确，应在 1–%d 之间",
				   h->persons, AMOUNT_MAX_MEMBERS);
	if (h->nincomes > ASSESS_MAX_ITEMS || h->ndeductions > ASSESS_MAX_ITEMS ||
	    h->nassets > ASSESS_MAX_ITEMS)
		return dib_err_set(err, DIB_EINVAL, "收入、扣减或财产超过 %d 项",
				   ASSESS_MAX_ITEMS);
	if ((h->nincomes && !h->incomes) || (h->ndeductions && !h->deductions) ||
	    (h->nassets && !h->assets))
		return dib_err_set(err, DIB_EINVAL, "收入、扣减或财产清单缺失");
	return DIB_OK;
}

/* ---- income ---- */

static dib_code incomes_check(const assess_params *p, const assess_household *h,
			      dib_err *err)
{
	dib_code rc;

	for (size_t i = 0; i < h->nincomes; i++) {
		const assess_income_item *it = &h->incomes[i];
		if ((rc = assess__item_check(p, h, "收入", i, it->member, it->amount_fen, it->basis,
				     it->months, err)))
			return rc;
		if (!codes_name(CODES_INCOME_KIND, it->kind))
			return dib_err_set(err, DIB_EINVAL, "第 %zu 项收入的类别 %d 不正确",
					   i + 1, it->kind);
		if (it->excl < ASSESS_COUNTED || it->excl >= ASSESS_EXCL_COUNT)
			return dib_err_set(err, DIB_EINVAL, "第 %zu 项收入的不计入事由 %d 不正确",
					   i + 1, it->excl);
		if (it->excl == ASSESS_EXCL_LOCAL &&
		    (it->local < 0 || (size_t)it->local >= p->nlocal_excl))
			return dib_err_set(err, DIB_EINVAL,
					   "第 %zu 项收入引用的地方不计入项目 %d 不存在",
					   i + 1, it->local + 1);
	}
	for (size_t i = 0; i < h->ndeductions; i++) {
		const assess_deduction_item *d = &h->deductions[i];
		if ((rc = assess__item_check(p, h, "扣减", i, d->member, d->amount_fen, d->basis,
				     d->months, err)))
			return rc;
		if (d->kind < ASSESS_DED_SUPPORT_PAID || d->kind > ASSESS_DED_RIGID)
			return dib_err_set(err, DIB_EINVAL, "第 %zu 项扣减的类别 %d 不正确",
					   i + 1, d->kind);
	}
	return DIB_OK;
}

/* The income items' lines and sums into r. */
static void income_items(const assess_params *p, const assess_household *h, int only,
			 amount_sheet *s, assess_income_result *r)
{
	char txt[160];

	for (size_t i = 0; i < h->nincomes; i++) {
		const assess_income_item *it = &h->incomes[i];
		if (only >= 0 && it->member != only)
			continue;
		const char *kind = codes_name(CODES_INCOME_KIND, it->kind);
		const char *what = who_what(s, h, it->member, it->item, kind);
		dib_fen t = period_total(p, it->amount_fen, it->basis, it->months, txt, sizeof txt);
		if (it->excl != ASSESS_COUNTED && excl_on(p, it->excl)) {
			bool local = it->excl == ASSESS_EXCL_LOCAL;
			const char *name = local ? p->local_excl[it->local].name
						 : excl_tab[it->excl].name;
			const char *basis = local ? p->local_excl[it->local].basis
						  : excl_tab[it->excl].basis;
			if (local)
				basis = amount_sheet_printf(s, "%s；%s", excl_tab[it->excl].basis,
							    basis ? basis : "");
			amount_sheet_add(s, amount_sheet_printf(s, "不计入 · %s", name), basis, t,
					 "%s：%s，不计入家庭收入", what, txt);
			r->excluded_fen += t;
			continue;
		}
		if (it->excl != ASSESS_COUNTED)
			amount_sheet_add(s, kind, LAW_S1 "第十三条", t,
					 "%s：%s（%s依本地规定计入）", what, txt,
					 excl_tab[it->excl].name);
		else
			amount_sheet_add(s, kind, LAW_S1 "第十三条", t, "%s：%s", what, txt);
		r->by_kind_fen[it->kind] += t;
		r->counted_fen += t;
	}
}

/* "工资性收入 9,000.00 + 转移净收入 1,200.00 = 10,200.00 元" into out. */
static void sum_text(const assess_income_result *r, char *out, size_t n)
{
	char m[MONEY_STR];
	size_t used = 0;

	out[0] = '\0';
	for (int k = 1; k <= 5; k++) {
		if (r->by_kind_fen[k] == 0)
			continue;
		int w = snprintf(out + used, n - used, "%s%s %s", used ? " + " : "",
				 codes_name(CODES_INCOME_KIND, k), money_format(r->by_kind_fen[k], m));
		if (w < 0 || (size_t)w >= n - used)
			return;
		used += (size_t)w;
	}
	if (used == 0)
		snprintf(out, n, "无计入收入 = 0.00 元");
	else
		snprintf(out + used, n - used, " = %s 元", money_format(r->counted_fen, m));
}

/* Employment cost of the counted wage items. */
static void wage_cost(const assess_params *p, const assess_household *h, int only,
		      amount_sheet *s, assess_income_result *r)
{
	char a[MONEY_STR], b[MONEY_STR], c[MONEY_STR], pct[AMOUNT_BP_STR], cap[96];

	if (p->wage_cost_bp == 0)
		return;
	for (size_t i = 0; i < h->nincomes; i++) {
		const assess_income_item *it = &h->incomes[i];
		if ((only >= 0 && it->member != only) || it->kind != CODES_INCOME_WAGE ||
		    (it->excl != ASSESS_COUNTED && excl_on(p, it->excl)))
			continue;
		int m = it->basis == ASSESS_MONTHLY && it->months ? it->months : p->period_months;
		dib_fen t = it->basis == ASSESS_PERIOD ? it->amount_fen : it->amount_fen * m;
		dib_fen d = money_div(t * p->wage_cost_bp, 10000, FEN_HALF);
		cap[0] = '\0';
		if (p->wage_cost_cap_fen > 0 && d > p->wage_cost_cap_fen * m) {
			snprintf(cap, sizeof cap, "，超过上限 %s × %d 个月，按 %s 元",
				 money_format(p->wage_cost_cap_fen, a), m,
				 money_format(p->wage_cost_cap_fen * m, b));
			d = p->wage_cost_cap_fen * m;
		}
		amount_sheet_add(s, amount_sheet_printf(s, "就业成本扣减 · %s",
							who_what(s, h, it->member, it->item,
								 "工资性收入")),
				 LAW_S1 "第十三条", d, "%s × %s = %s 元%s", money_format(t, a),
				 amount_bp_text(p->wage_cost_bp, pct),
				 money_format(money_div(t * p->wage_cost_bp, 10000, FEN_HALF), c),
				 cap);
		r->wage_cost_fen += d;
	}
}

/* Declared deductions: transfer expenses, and rigid expenses where allowed. */
static void deductions(const assess_params *p, const assess_household *h, int only,
		       amount_sheet *s, assess_income_result *r)
{
	char txt[160], a[MONEY_STR], b[MONEY_STR];
	dib_fen rigid = 0;

	for (size_t i = 0; i < h->ndeductions; i++) {
		const assess_deduction_item *d = &h->deductions[i];
		if (only >= 0 && d->member != only)
			continue;
		const char *what = who_what(s, h, d->member, d->item, ded_name[d->kind]);
		dib_fen t = period_total(p, d->amount_fen, d->basis, d->months, txt, sizeof txt);
		if (d->kind == ASSESS_DED_RIGID && !p->rigid_allowed) {
			amount_sheet_add(s, ded_name[d->kind], LAW_S1 "第十三条", 0,
					 "%s：%s；本地未规定刚性支出扣减，不予扣减", what, txt);
			continue;
		}
		amount_sheet_add(s, ded_name[d->kind], LAW_S1 "第十三条", t, "%s：%s", what, txt);
		if (d->kind == ASSESS_DED_RIGID)
			rigid += t;
		else
			r->deducted_fen += t;
	}
	if (rigid > 0 && p->rigid_cap_fen > 0 && rigid > p->rigid_cap_fen * p->period_months) {
		dib_fen cap = p->rigid_cap_fen * p->period_months;
		amount_sheet_add(s, "刚性支出扣减上限", LAW_S1 "第十三条", cap,
				 "刚性支出 %s 元超过上限 %s 元/月 × %d 个月，按上限扣减",
				 money_format(rigid, a), money_format(p->rigid_cap_fen, b),
				 p->period_months);
		rigid = cap;
	}
	r->deducted_fen += rigid;
}

dib_code assess_income(const assess_params *p, const assess_household *h,
		       int only_member, dib_arena *a, assess_income_result *out,
		       dib_err *err)
{
	amount_sheet s;
	assess_income_result r;
	char txt[400], b1[MONEY_STR], b2[MONEY_STR], b3[MONEY_STR];
	dib_code rc;

	if ((rc = assess_params_check(p, err)) || (rc = assess__household_check(h, err)) ||
	    (rc = incomes_check(p, h, err)))
		return rc;
	if (only_member >= h->persons)
		return dib_err_set(err, DIB_EINVAL, "成员序号 %d 超出家庭人数 %d",
				   only_member + 1, h->persons);
	memset(&r, 0, sizeof r);
	r.months = p->period_months;
	r.persons = only_member >= 0 ? 1 : h->persons;
	if (only_member < 0)
		only_member = -1;
	amount_sheet_init(&s, a);

	income_items(p, h, only_member, &s, &r);
	sum_text(&r, txt, sizeof txt);
	amount_sheet_add(&s, "计入收入合计", LAW_S1 "第十三条", r.counted_fen, "%s", txt);
	wage_cost(p, h, only_member, &s, &r);
	r.deducted_fen = r.wage_cost_fen;
	deductions(p, h, only_member, &s, &r);
	if (r.deducted_fen > 0)
		amount_sheet_add(&s, "扣减合计", LAW_S1 "第十三条", r.deducted_fen, "%s 元",
				 money_format(r.deducted_fen, b1));
	r.net_fen = r.counted_fen > r.deducted_fen ? r.counted_fen - r.deducted_fen : 0;
	if (r.counted_fen >= r.deducted_fen)
		amount_sheet_add(&s, "核算期可计收入", NULL, r.net_fen, "%s - %s = %s 元",
				 money_format(r.counted_fen, b1), money_format(r.deducted_fen, b2),
				 money_format(r.net_fen, b3));
	else
		amount_sheet_add(&s, "核算期可计收入", NULL, 0,
				 "扣减 %s 元大于计入收入 %s 元，按 0 计",
				 money_format(r.deducted_fen, b1), money_format(r.counted_fen, b2));
	r.per_capita_fen = money_div(r.net_fen, (int64_t)r.persons * r.months, p->pc_rounding);
	amount_sheet_add(&s, only_member >= 0 ? "本人月收入" : "家庭月人均收入",
			 LAW_S2 "第二十七条", r.per_capita_fen,
			 "%s ÷ %d 人 ÷ %d 个月，%s = %s 元", money_format(r.net_fen, b1),
			 r.persons, r.months, amount_rounding_text(p->pc_rounding),
			 money_format(r.per_capita_fen, b2));
	if (s.failed)
		return dib_err_nomem(err);
	r.lines = s.lines;
	r.nlines = s.n;
	*out = r;
	return DIB_OK;
}
