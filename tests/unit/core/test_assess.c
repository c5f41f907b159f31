/*
 * test_assess.c — table tests for core/assess, named after the article they
 * check (regulations.md: S1 = 民发〔2021〕57号, S2 = its 2012 predecessor,
 * S7 = 民发〔2022〕83号, S11 = 民发〔2019〕62号): the income kinds over the
 * accounting period, every exclusion and its switch, the deductions, the
 * per-capita rounding, the boundaries at the standard and the 低保边缘
 * line, one member's own income, every asset test with its reason and
 * basis, the "3+1" score of seed 004 (the 2/3 rule, disagreement, "neither
 * side alone decides" for every allowed weight), refused input and
 * parameters, overflow-safe extremes and out of memory.
 * Thread-safety: single-threaded test program.
 */
#include "util/dib.h"
#include "core/assess.h"
#include "core/codes.h"
#include "core/params.h"

#include <setjmp.h>
#include <cmocka.h>

#define STD 52800 /* seed 001: 城市低保 528 元/人·月 */

static const char *const NAMES[4] = {"张三", "李四", "王五", "赵六"};

static assess_income_item wage(int member, dib_fen monthly)
{
	return (assess_income_item){member, CODES_INCOME_WAGE, ASSESS_COUNTED, 0, "工资",
				    monthly, ASSESS_MONTHLY, 0};
}

/* The defaults with a 6-month accounting period: the worked income examples
 * below (and their sheet texts) are written for 6 months, the other period
 * a province sets ("常见为 6 或 12 个月"); the default is the catalogue's 12. */
static void params_6(assess_params *p)
{
	assess_params_default(p);
	p->period_months = 6;
}

static assess_household hh(int persons, const assess_income_item *inc, size_t n)
{
	return (assess_household){persons, NAMES, inc, n, NULL, 0, NULL, 0};
}

static assess_income_result income(dib_arena *a, const assess_params *p,
				   const assess_household *h, int only)
{
	assess_income_result r;
	dib_err err;

	dib_err_clear(&err);
	memset(&r, 0, sizeof r);
	if (assess_income(p, h, only, a, &r, &err) != DIB_OK)
		fail_msg("assess_income: %s", err.msg);
	return r;
}

static const amount_line *find_line(const assess_income_result *r, const char *label)
{
	for (size_t i = 0; i < r->nlines; i++)
		if (strcmp(r->lines[i].label, label) == 0)
			return &r->lines[i];
	return NULL;
}

static void expect_income_refused(const assess_params *p, const assess_household *h,
				  int only, const char *part)
{
	dib_arena a;
	assess_income_result r;
	dib_err err;

	dib_arena_init(&a, 0, 0);
	dib_err_clear(&err);
	memset(&r, 0x5a, sizeof r);
	assert_int_equal(assess_income(p, h, only, &a, &r, &err), DIB_EINVAL);
	if (!strstr(err.msg, part))
		fail_msg("message \"%s\" lacks \"%s\"", err.msg, part);
	assert_int_equal(r.per_capita_fen, 0x5a5a5a5a5a5a5a5a);
	dib_arena_release(&a);
}

/* S1 第十三条: the five kinds over the accounting period, monthly or as a
 * period total; S2 第二十七条: ÷ persons ÷ months, once. */
static void test_assess__s1_art13_income_kinds(void **state)
{
	(void)state;
	assess_income_item inc[] = {
		wage(0, 150000),
		{1, CODES_INCOME_BUSINESS, ASSESS_COUNTED, 0, "小卖部", 120000, ASSESS_PERIOD, 0},
		{-1, CODES_INCOME_PROPERTY, ASSESS_COUNTED, 0, "房屋出租", 5000, ASSESS_MONTHLY, 3},
		{2, CODES_INCOME_TRANSFER, ASSESS_COUNTED, 0, "赡养费", 30000, ASSESS_MONTHLY, 0},
		{2, CODES_INCOME_OTHER, ASSESS_COUNTED, 0, NULL, 6000, ASSESS_PERIOD, 0},
	};
	static const struct {
		int period;
		dib_fen wage, transfer, counted, pc;
	} t[] = {
		/* 900000 + 120000 + 15000 + 180000 + 6000 = 1221000; / 3 / 6 = 67833.33 */
		{6, 900000, 180000, 1221000, 67833},
		/* 1800000 + 120000 + 15000 + 360000 + 6000 = 2301000; / 3 / 12 = 63916.67 */
		{12, 1800000, 360000, 2301000, 63917},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		assess_params p;
		dib_arena a;
		dib_arena_init(&a, 0, 0);
		assess_params_default(&p);
		p.period_months = t[i].period;
		assess_household h = hh(3, inc, DIB_ARRAY_LEN(inc));
		assess_income_result r = income(&a, &p, &h, -1);
		assert_int_equal(r.months, t[i].period);
		assert_int_equal(r.persons, 3);
		assert_int_equal(r.by_kind_fen[CODES_INCOME_WAGE], t[i].wage);
		assert_int_equal(r.by_kind_fen[CODES_INCOME_BUSINESS], 120000);
		assert_int_equal(r.by_kind_fen[CODES_INCOME_PROPERTY], 15000);
		assert_int_equal(r.by_kind_fen[CODES_INCOME_TRANSFER], t[i].transfer);
		assert_int_equal(r.by_kind_fen[CODES_INCOME_OTHER], 6000);
		assert_int_equal(r.counted_fen, t[i].counted);
		assert_int_equal(r.excluded_fen, 0);
		assert_int_equal(r.net_fen, t[i].counted);
		assert_int_equal(r.per_capita_fen, t[i].pc);
		const amount_line *l = &r.lines[r.nlines - 1];
		assert_string_equal(l->label, "家庭月人均收入");
		assert_int_equal(l->fen, t[i].pc);
		dib_arena_release(&a);
	}

	/* The sheet: one line per item, the sum by kind, the division. */
	assess_params p;
	dib_arena a;
	dib_arena_init(&a, 0, 0);
	params_6(&p);
	assess_household h = hh(3, inc, DIB_ARRAY_LEN(inc));
	assess_income_result r = income(&a, &p, &h, -1);
	static const struct {
		const char *label, *formula;
	} want[] = {
		{"工资性收入", "张三 工资：1,500.00 元/月 × 6 个月 = 9,000.00 元"},
		{"经营净收入", "李四 小卖部：核算期合计 1,200.00 元"},
		{"财产净收入", "全家 房屋出租：50.00 元/月 × 3 个月 = 150.00 元"},
		{"转移净收入", "王五 赡养费：300.00 元/月 × 6 个月 = 1,800.00 元"},
		{"其他收入", "王五 其他收入：核算期合计 60.00 元"},
		{"计入收入合计", "工资性收入 9,000.00 + 经营净收入 1,200.00 + 财产净收入 150.00 + "
				 "转移净收入 1,800.00 + 其他收入 60.00 = 12,210.00 元"},
		{"核算期可计收入", "12,210.00 - 0.00 = 12,210.00 元"},
		{"家庭月人均收入", "12,210.00 ÷ 3 人 ÷ 6 个月，按分四舍五入 = 678.33 元"},
	};
	assert_int_equal(r.nlines, DIB_ARRAY_LEN(want));
	for (size_t i = 0; i < DIB_ARRAY_LEN(want); i++) {
		assert_string_equal(r.lines[i].label, want[i].label);
		assert_string_equal(r.lines[i].formula, want[i].formula);
	}
	dib_arena_release(&a);
}

/* S1 第十三条第（一）至（四）项, 国发〔2015〕52号 (§4.2), S11 三（一）,
 * S7 一（一）: each exclusion keeps its item out of the income, with its
 * name and basis on the sheet. */
static void test_assess__s1_art13_every_exclusion(void **state)
{
	(void)state;
	static const assess_local_excl local[] = {{"高龄津贴", "某市人民政府令第 1 号"}};
	for (int x = ASSESS_EXCL_PREFERENTIAL; x < ASSESS_EXCL_COUNT; x++) {
		assess_params p;
		dib_arena a;
		dib_arena_init(&a, 0, 0);
		params_6(&p);
		p.local_excl = local;
		p.nlocal_excl = 1;
		assess_income_item inc[2] = {
			wage(0, 60000),
			{1, CODES_INCOME_TRANSFER, x, 0, "某项补助", 50000, ASSESS_MONTHLY, 0},
		};
		assess_household h = hh(2, inc, 2);
		assess_income_result r = income(&a, &p, &h, -1);
		if (r.counted_fen != 360000 || r.excluded_fen != 300000)
			fail_msg("exclusion %d (%s): counted %lld excluded %lld", x,
				 assess_exclusion_name(x), (long long)r.counted_fen,
				 (long long)r.excluded_fen);
		assert_int_equal(r.per_capita_fen, 30000);
		const amount_line *l = &r.lines[1];
		const char *name = x == ASSESS_EXCL_LOCAL ? "高龄津贴" : assess_exclusion_name(x);
		assert_non_null(strstr(l->label, name));
		assert_non_null(strstr(l->label, "不计入"));
		assert_non_null(strstr(l->basis, assess_exclusion_basis(x)));
		assert_non_null(strstr(l->formula, "不计入家庭收入"));
		assert_int_equal(l->fen, 300000);
		if (x == ASSESS_EXCL_LOCAL)
			assert_non_null(strstr(l->basis, "某市人民政府令第 1 号"));
		dib_arena_release(&a);
	}
	/* The names and bases. */
	static const struct {
		int x;
		const char *name, *basis;
	} t[] = {
		{ASSESS_EXCL_PREFERENTIAL, "优待抚恤金", "《最低生活保障审核确认办法》第十三条第（一）项"},
		{ASSESS_EXCL_FAMILY_PLANNING, "计划生育奖励与扶助金", "第十三条第（一）项"},
		{ASSESS_EXCL_SCHOLARSHIP, "奖学金", "第十三条第（一）项"},
		{ASSESS_EXCL_HEROISM, "见义勇为等奖励性补助", "第十三条第（一）项"},
		{ASSESS_EXCL_SOCIAL_ASSISTANCE, "政府发放的社会救助款物", "第十三条第（二）项"},
		{ASSESS_EXCL_PENSION_BASE, "城乡居民基本养老保险基础养老金", "第十三条第（三）项"},
		{ASSESS_EXCL_DISABILITY_SUBSIDY, "困难残疾人生活补贴、重度残疾人护理补贴", "国发〔2015〕52号"},
		{ASSESS_EXCL_UNSUPPORTED_CHILD, "事实无人抚养儿童基本生活补贴", "三（一）"},
		{ASSESS_EXCL_DISABLED_SUPPORT, "成年无业重度残疾人的供养费", "一（一）"},
		{ASSESS_EXCL_LOCAL, "地方规定不计入的收入", "第十三条第（四）项"},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		assert_string_equal(assess_exclusion_name(t[i].x), t[i].name);
		assert_non_null(strstr(assess_exclusion_basis(t[i].x), t[i].basis));
	}
	assert_string_equal(assess_exclusion_name(ASSESS_COUNTED), "");
	assert_string_equal(assess_exclusion_basis(ASSESS_EXCL_COUNT), "");
	assert_string_equal(assess_exclusion_name(-1), "");
}

/* The exclusions a province can switch off are counted when it does. */
static void test_assess__exclusion_switches(void **state)
{
	(void)state;
	static const struct {
		int x;
		size_t field; /* offsetof the bool in assess_params */
	} t[] = {
		{ASSESS_EXCL_PENSION_BASE, offsetof(assess_params, excl_pension_base)},
		{ASSESS_EXCL_DISABILITY_SUBSIDY, offsetof(assess_params, excl_disability_subsidy)},
		{ASSESS_EXCL_UNSUPPORTED_CHILD, offsetof(assess_params, excl_unsupported_child)},
		{ASSESS_EXCL_DISABLED_SUPPORT, offsetof(assess_params, excl_disabled_support)},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		assess_params p;
		dib_arena a;
		dib_arena_init(&a, 0, 0);
		params_6(&p);
		bool *on = (bool *)((char *)&p + t[i].field);
		assert_true(*on); /* the national default excludes */
		*on = false;
		assess_income_item inc[1] = {
			{0, CODES_INCOME_TRANSFER, t[i].x, 0, "补贴", 10000, ASSESS_MONTHLY, 0}};
		assess_household h = hh(1, inc, 1);
		assess_income_result r = income(&a, &p, &h, -1);
		assert_int_equal(r.counted_fen, 60000);
		assert_int_equal(r.excluded_fen, 0);
		assert_non_null(strstr(r.lines[0].formula, "依本地规定计入"));
		dib_arena_release(&a);
	}
}

/* S1 第十三条: 工资性收入扣除必要的就业成本 — a share (local), optionally
 * capped per month; excluded wage items are not deducted. */
static void test_assess__s1_art13_employment_cost(void **state)
{
	(void)state;
	static const struct {
		const char *why;
		int32_t bp;
		dib_fen cap, monthly;
		int months;
		dib_fen cost, pc;
	} t[] = {
		/* 200000 × 6 = 1200000; 10% = 120000; (1200000-120000)/2/6 = 90000 */
		{"10% (兴安盟)", 1000, 0, 200000, 0, 120000, 90000},
		{"capped at 150 元/月", 1000, 15000, 200000, 0, 90000, 92500},
		{"cap above the share", 1000, 50000, 200000, 0, 120000, 90000},
		{"no deduction (national)", 0, 0, 200000, 0, 0, 100000},
		/* 2 months × 12345 = 24690 × 10% = 2469 */
		{"2 months", 1000, 0, 12345, 2, 2469, 1852},
		/* 12345 × 6 = 74070 × 12.5% = 9258.75 → 9259 */
		{"fen half-up", 1250, 0, 12345, 0, 9259, 5401},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		assess_params p;
		dib_arena a;
		dib_arena_init(&a, 0, 0);
		params_6(&p);
		p.wage_cost_bp = t[i].bp;
		p.wage_cost_cap_fen = t[i].cap;
		assess_income_item inc[2] = {
			wage(0, t[i].monthly),
			{1, CODES_INCOME_WAGE, ASSESS_EXCL_SCHOLARSHIP, 0, "奖学金", 50000,
			 ASSESS_MONTHLY, 0},
		};
		inc[0].months = t[i].months;
		assess_household h = hh(2, inc, 2);
		assess_income_result r = income(&a, &p, &h, -1);
		if (r.wage_cost_fen != t[i].cost || r.deducted_fen != t[i].cost ||
		    r.per_capita_fen != t[i].pc)
			fail_msg("%s: cost %lld pc %lld", t[i].why, (long long)r.wage_cost_fen,
				 (long long)r.per_capita_fen);
		assert_true((find_line(&r, "就业成本扣减 · 张三 工资") != NULL) == (t[i].bp > 0));
		dib_arena_release(&a);
	}
}

/* S1 第十三条: 转移性支出 (support paid, taxes, social insurance) make the
 * transfer income net; rigid expenses of illness or disability only where
 * the county allows, up to its cap. */
static void test_assess__s1_art13_deductions(void **state)
{
	(void)state;
	static const assess_deduction_item ded[] = {
		{0, ASSESS_DED_SUPPORT_PAID, "支付父亲赡养费", 20000, ASSESS_MONTHLY, 0},
		{0, ASSESS_DED_TAX, NULL, 6000, ASSESS_PERIOD, 0},
		{1, ASSESS_DED_SOCIAL_INS, "城乡居民医保", 3000, ASSESS_MONTHLY, 0},
		{1, ASSESS_DED_RIGID, "透析费用", 50000, ASSESS_MONTHLY, 0},
	};
	static const struct {
		const char *why;
		bool rigid;
		dib_fen cap, deducted;
	} t[] = {
		/* 120000 + 6000 + 18000 = 144000 */
		{"rigid not allowed (national default)", false, 0, 144000},
		{"rigid allowed", true, 0, 444000},
		{"rigid capped at 200 元/月", true, 20000, 264000},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		assess_params p;
		dib_arena a;
		dib_arena_init(&a, 0, 0);
		params_6(&p);
		p.rigid_allowed = t[i].rigid;
		p.rigid_cap_fen = t[i].cap;
		assess_income_item inc[1] = {wage(0, 300000)};
		assess_household h = hh(2, inc, 1);
		h.deductions = ded;
		h.ndeductions = DIB_ARRAY_LEN(ded);
		assess_income_result r = income(&a, &p, &h, -1);
		if (r.deducted_fen != t[i].deducted)
			fail_msg("%s: deducted %lld", t[i].why, (long long)r.deducted_fen);
		assert_int_equal(r.net_fen, 1800000 - t[i].deducted);
		assert_int_equal(r.per_capita_fen, money_div(1800000 - t[i].deducted, 12,
							     (money_rounding){MONEY_FEN, MONEY_HALF_UP}));
		const amount_line *l = find_line(&r, "因残疾、重病增加的刚性支出");
		assert_non_null(l);
		assert_true((strstr(l->formula, "不予扣减") != NULL) == !t[i].rigid);
		assert_true((find_line(&r, "刚性支出扣减上限") != NULL) == (t[i].cap > 0));
		assert_non_null(find_line(&r, "缴纳的税款"));
		dib_arena_release(&a);
	}
}

/* Deductions above income leave 0, never a negative income. */
static void test_assess__deductions_exceed_income(void **state)
{
	(void)state;
	static const assess_deduction_item ded[] = {
		{0, ASSESS_DED_SUPPORT_PAID, NULL, 90000, ASSESS_MONTHLY, 0},
	};
	assess_params p;
	dib_arena a;
	assess_income_item inc[1] = {wage(0, 50000)};
	assess_household h = hh(1, inc, 1);

	dib_arena_init(&a, 0, 0);
	params_6(&p);
	h.deductions = ded;
	h.ndeductions = 1;
	assess_income_result r = income(&a, &p, &h, -1);
	assert_int_equal(r.net_fen, 0);
	assert_int_equal(r.per_capita_fen, 0);
	assert_string_equal(find_line(&r, "核算期可计收入")->formula,
			    "扣减 5,400.00 元大于计入收入 3,000.00 元，按 0 计");
	dib_arena_release(&a);
}

/* S2 第二十七条 with the local rounding of the per-capita figure: one exact
 * division of the period's net income by persons × months. */
static void test_assess__per_capita_rounding(void **state)
{
	(void)state;
	static const struct {
		dib_fen period_total;
		money_rounding r;
		dib_fen want;
	} t[] = {
		/* 100 / 18 = 5.56 */
		{100, {MONEY_FEN, MONEY_HALF_UP}, 6},
		{100, {MONEY_FEN, MONEY_DOWN}, 5},
		{100, {MONEY_FEN, MONEY_UP}, 6},
		{100, {MONEY_JIAO, MONEY_HALF_UP}, 10},
		{100, {MONEY_JIAO, MONEY_DOWN}, 0},
		{100, {MONEY_YUAN, MONEY_HALF_UP}, 0},
		{100, {MONEY_YUAN, MONEY_UP}, 100},
		/* 9 / 18 = 0.5 exactly: half-up goes up */
		{9, {MONEY_FEN, MONEY_HALF_UP}, 1},
		{8, {MONEY_FEN, MONEY_HALF_UP}, 0},
		/* 950400 / 18 = 52800 exactly */
		{950400, {MONEY_YUAN, MONEY_DOWN}, 52800},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		assess_params p;
		dib_arena a;
		dib_arena_init(&a, 0, 0);
		params_6(&p);
		p.pc_rounding = t[i].r;
		assess_income_item inc[1] = {{-1, CODES_INCOME_OTHER, ASSESS_COUNTED, 0, NULL,
					      t[i].period_total, ASSESS_PERIOD, 0}};
		assess_household h = hh(3, inc, 1);
		assess_income_result r = income(&a, &p, &h, -1);
		if (r.per_capita_fen != t[i].want)
			fail_msg("row %zu: %lld / 18 %s → %lld, want %lld", i,
				 (long long)t[i].period_total, amount_rounding_text(t[i].r),
				 (long long)r.per_capita_fen, (long long)t[i].want);
		dib_arena_release(&a);
	}
}

/* §11.3 and S1 第八条: income below the standard → 低保 (measured side);
 * at or above, below 1.5 × → 低保边缘; at the edge line → neither. The
 * per-capita figure comes from real items so the boundary is end to end. */
static void test_assess__s1_art8_boundaries(void **state)
{
	(void)state;
	static const struct {
		const char *why;
		dib_fen standard, monthly;
		bool assets, edge_assets;
		enum assess_class want;
	} t[] = {
		{"§11.3 exactly at the standard", 52800, 52800, true, true, ASSESS_EDGE},
		{"§11.3 one fen below", 52800, 52799, true, true, ASSESS_DIBAO},
		{"one fen above", 52800, 52801, true, true, ASSESS_EDGE},
		{"no income", 52800, 0, true, true, ASSESS_DIBAO},
		{"S1-8 one fen below 1.5×", 52800, 79199, true, true, ASSESS_EDGE},
		{"S1-8 exactly 1.5×", 52800, 79200, true, true, ASSESS_ABOVE},
		{"odd standard: 79201.5 line", 52801, 79201, true, true, ASSESS_EDGE},
		{"odd standard: 79202 above", 52801, 79202, true, true, ASSESS_ABOVE},
		{"dibao income, assets fail, edge assets pass", 52800, 100, false, true, ASSESS_EDGE},
		{"dibao income, both asset sets fail", 52800, 100, false, false, ASSESS_ABOVE},
		{"edge income, edge assets fail", 52800, 60000, true, false, ASSESS_ABOVE},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		assess_params p;
		dib_arena a;
		dib_arena_init(&a, 0, 0);
		assess_params_default(&p);
		assess_income_item inc[1] = {wage(0, t[i].monthly)};
		assess_household h = hh(1, inc, 1);
		assess_income_result r = income(&a, &p, &h, -1);
		assert_int_equal(r.per_capita_fen, t[i].monthly);
		enum assess_class c = assess_classify(&p, r.per_capita_fen, t[i].standard,
						      t[i].assets, t[i].edge_assets);
		if (c != t[i].want)
			fail_msg("%s: class %d, want %d", t[i].why, c, t[i].want);
		dib_arena_release(&a);
	}
	/* The edge line itself, and the multiple as a parameter. */
	assess_params p;
	assess_params_default(&p);
	assert_int_equal(assess_edge_line(&p, 52800), 79200);
	assert_int_equal(assess_edge_line(&p, 52801), 79202);
	assert_int_equal(assess_edge_line(&p, 35917), 53876); /* 53875.5 */
	p.edge_bp = 20000;
	assert_int_equal(assess_edge_line(&p, 52800), 105600);
	p.edge_bp = 10000; /* no 边缘 band at all */
	assert_int_equal(assess_classify(&p, 52800, 52800, true, true), ASSESS_ABOVE);
}

/* Single-person coverage with personal income (amount.h): one member's own
 * items, divided by 1; the household's common items are nobody's own. */
static void test_assess__one_member_income(void **state)
{
	(void)state;
	assess_params p;
	dib_arena a;
	assess_income_item inc[] = {
		wage(0, 300000),
		{1, CODES_INCOME_TRANSFER, ASSESS_EXCL_DISABILITY_SUBSIDY, 0, "两项补贴", 20000,
		 ASSESS_MONTHLY, 0},
		{1, CODES_INCOME_OTHER, ASSESS_COUNTED, 0, "零星收入", 6000, ASSESS_PERIOD, 0},
		{-1, CODES_INCOME_PROPERTY, ASSESS_COUNTED, 0, "土地流转", 60000, ASSESS_PERIOD, 0},
	};
	static const assess_deduction_item ded[] = {
		{0, ASSESS_DED_TAX, NULL, 12000, ASSESS_PERIOD, 0},
	};
	assess_household h = hh(3, inc, DIB_ARRAY_LEN(inc));

	dib_arena_init(&a, 0, 0);
	params_6(&p);
	h.deductions = ded;
	h.ndeductions = 1;
	assess_income_result r = income(&a, &p, &h, 1);
	assert_int_equal(r.persons, 1);
	assert_int_equal(r.counted_fen, 6000);
	assert_int_equal(r.excluded_fen, 120000);
	assert_int_equal(r.deducted_fen, 0); /* the tax is member 0's */
	assert_int_equal(r.per_capita_fen, 1000);
	assert_string_equal(r.lines[r.nlines - 1].label, "本人月收入");
	r = income(&a, &p, &h, 0);
	assert_int_equal(r.per_capita_fen, (1800000 - 12000) / 6);
	r = income(&a, &p, &h, -1);
	assert_int_equal(r.per_capita_fen,
			 money_div(1800000 + 6000 + 60000 - 12000, 18,
				   (money_rounding){MONEY_FEN, MONEY_HALF_UP}));
	dib_arena_release(&a);
	expect_income_refused(&p, &h, 3, "成员序号 4 超出家庭人数 3");
}

static void test_assess__income_input_refused(void **state)
{
	(void)state;
	assess_params p;
	assess_income_item inc[1];
	assess_household h;

	assess_params_default(&p);
	inc[0] = wage(0, 1000);
	h = hh(0, inc, 1);
	expect_income_refused(&p, &h, -1, "家庭人数 0 不正确，应在 1–99 之间");
	h = hh(100, inc, 1);
	expect_income_refused(&p, &h, -1, "家庭人数 100 不正确");
	h = hh(1, inc, ASSESS_MAX_ITEMS + 1);
	expect_income_refused(&p, &h, -1, "超过 1000 项");
	h = hh(1, NULL, 1);
	expect_income_refused(&p, &h, -1, "清单缺失");
	h = hh(1, inc, 1);
	inc[0].member = 1;
	expect_income_refused(&p, &h, -1, "第 1 项收入的成员序号 1 不正确");
	inc[0] = wage(0, -1);
	expect_income_refused(&p, &h, -1, "第 1 项收入的金额 -1 分不正确");
	inc[0] = wage(0, AMOUNT_MAX_FEN + 1);
	expect_income_refused(&p, &h, -1, "第 1 项收入的金额 1000000000001 分不正确");
	inc[0] = wage(0, 1000);
	inc[0].kind = 6;
	expect_income_refused(&p, &h, -1, "第 1 项收入的类别 6 不正确");
	inc[0] = wage(0, 1000);
	inc[0].excl = ASSESS_EXCL_COUNT;
	expect_income_refused(&p, &h, -1, "不计入事由");
	inc[0].excl = ASSESS_EXCL_LOCAL;
	expect_income_refused(&p, &h, -1, "引用的地方不计入项目 1 不存在");
	inc[0] = wage(0, 1000);
	inc[0].months = 13;
	expect_income_refused(&p, &h, -1, "第 1 项收入的月数 13 不正确，应在 0–12 之间");
	p.period_months = 6;
	inc[0].months = 7;
	expect_income_refused(&p, &h, -1, "第 1 项收入的月数 7 不正确，应在 0–6 之间");
	p.period_months = 12;
	inc[0] = wage(0, 1000);
	inc[0].basis = (enum assess_basis)5;
	expect_income_refused(&p, &h, -1, "计算口径不正确");
	inc[0] = wage(0, 1000);
	assess_deduction_item d[1] = {{0, 9, NULL, 100, ASSESS_PERIOD, 0}};
	h.deductions = d;
	h.ndeductions = 1;
	expect_income_refused(&p, &h, -1, "第 1 项扣减的类别 9 不正确");
	d[0].kind = ASSESS_DED_TAX;
	d[0].amount_fen = -3;
	expect_income_refused(&p, &h, -1, "第 1 项扣减的金额 -3 分不正确");
	p.period_months = 0;
	expect_income_refused(&p, &h, -1, "参数 \"核算期月数\" 为 0，应在 1–12 之间");
}

static void test_assess__params_check(void **state)
{
	(void)state;
	static const assess_local_excl unnamed[] = {{"", "x"}};
	assess_params p;
	dib_err err;

	assess_params_default(&p);
	assert_int_equal(assess_params_check(&p, NULL), DIB_OK);

	struct {
		assess_params p;
		const char *msg;
	} t[14];
	size_t n = 0;
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++)
		assess_params_default(&t[i].p);
	t[n].p.period_months = 13, t[n++].msg = "参数 \"核算期月数\" 为 13，应在 1–12 之间";
	t[n].p.wage_cost_bp = 10001, t[n++].msg = "参数 \"就业成本扣减比例\" 为 10001，应在 0–10000 之间";
	t[n].p.edge_bp = 9999, t[n++].msg = "参数 \"低保边缘收入线\" 为 9999，应在 10000–50000 之间";
	t[n].p.measured_weight_bp = 0, t[n++].msg = "参数 \"测算权重\" 为 0，应在 1–9999 之间";
	t[n].p.measured_weight_bp = 10000, t[n++].msg = "参数 \"测算权重\" 为 10000，应在 1–9999 之间";
	t[n].p.measured_weight_bp = 6000,
	t[n++].msg = "参数 \"测算权重\" 为 6000 时，仅凭测算一方即可得 600‰，越过倾向线 400‰–600‰："
		     "既不能唯收入论，也不能唯评议结果论";
	t[n].p.measured_weight_bp = 3500,
	t[n++].msg = "参数 \"测算权重\" 为 3500 时，仅凭测算一方即可得 350‰，越过倾向线 400‰–600‰："
		     "既不能唯收入论，也不能唯评议结果论";
	t[n].p.rep_share_num = 4, t[n++].msg = "参数 \"代表比例分子\" 为 4，应在 0–3 之间";
	t[n].p.oppose_below = 700, t[n++].msg = "参数 \"倾向不支持线\" 为 700，应在 0–600 之间";
	t[n].p.pc_rounding.unit = (enum money_unit)7, t[n++].msg = "参数 \"人均收入取整\" 不正确";
	t[n].p.local_excl = unnamed, t[n].p.nlocal_excl = 1,
	t[n++].msg = "地方不计入收入项目第 1 项没有名称";
	t[n].p.nlocal_excl = 1, t[n++].msg = "参数 \"地方不计入收入项目\" 缺失";
	t[n].p.business_rule = (enum assess_business_rule)3,
	t[n++].msg = "参数 \"市场主体登记规则\" 不正确";
	t[n].p.financial_months = -1, t[n++].msg = "参数 \"人均金融资产上限月数\" 为 -1，应在 0–120 之间";
	assert_int_equal(n, DIB_ARRAY_LEN(t));
	for (size_t i = 0; i < n; i++) {
		dib_err_clear(&err);
		assert_int_equal(assess_params_check(&t[i].p, &err), DIB_EINVAL);
		assert_string_equal(err.msg, t[i].msg);
	}
}

/* The bounds keep every sum inside int64: the most items at the largest
 * amount for the longest period compute exactly. */
static void test_assess__overflow_safe_large_values(void **state)
{
	(void)state;
	static assess_income_item inc[ASSESS_MAX_ITEMS];
	static assess_deduction_item ded[ASSESS_MAX_ITEMS];
	assess_params p;
	dib_arena a;

	for (size_t i = 0; i < ASSESS_MAX_ITEMS; i++) {
		inc[i] = wage(0, AMOUNT_MAX_FEN);
		ded[i] = (assess_deduction_item){0, ASSESS_DED_RIGID, NULL, AMOUNT_MAX_FEN,
						 ASSESS_MONTHLY, 0};
	}
	dib_arena_init(&a, 0, 0);
	assess_params_default(&p);
	p.period_months = 12;
	p.rigid_allowed = true;
	assess_household h = hh(1, inc, ASSESS_MAX_ITEMS);
	assess_income_result r = income(&a, &p, &h, -1);
	assert_int_equal(r.counted_fen, INT64_C(12000000000000000)); /* 10^3 × 10^12 × 12 */
	assert_int_equal(r.per_capita_fen, INT64_C(1000000000000000));
	p.wage_cost_bp = 10000;
	h.deductions = ded;
	h.ndeductions = ASSESS_MAX_ITEMS;
	r = income(&a, &p, &h, -1);
	assert_int_equal(r.wage_cost_fen, INT64_C(12000000000000000));
	assert_int_equal(r.deducted_fen, INT64_C(24000000000000000));
	assert_int_equal(r.net_fen, 0);

	/* Asset totals too. */
	static assess_asset_item as[ASSESS_MAX_ITEMS];
	for (size_t i = 0; i < ASSESS_MAX_ITEMS; i++)
		as[i] = (assess_asset_item){0, ASSESS_ASSET_DEPOSIT, 0, NULL, AMOUNT_MAX_FEN, 0,
					    false, false, false};
	h = (assess_household){AMOUNT_MAX_MEMBERS, NULL, NULL, 0, NULL, 0, as, ASSESS_MAX_ITEMS};
	p.financial_months = 120;
	assess_assets_result ar;
	assert_int_equal(assess_assets(&p, &h, AMOUNT_MAX_FEN, &a, &ar, NULL), DIB_OK);
	assert_int_equal(ar.financial_fen, INT64_C(1000000000000000));
	assert_int_equal(ar.financial_cap_fen, INT64_C(11880000000000000));
	assert_true(ar.pass);
	assert_int_equal(assess_edge_line(&p, AMOUNT_MAX_FEN), INT64_C(1500000000000));
	dib_arena_release(&a);
}

/* ---- assets ---- */

typedef struct asset_case {
	const char *why;
	void (*tune)(assess_params *p);
	assess_asset_item items[3];
	size_t n;
	int persons;
	enum assess_test want[3]; /* the failed tests, in order; 0-terminated */
	int want_item[3];
} asset_case;

static void tune_none(assess_params *p) { (void)p; }
static void tune_no_moto(assess_params *p) { p->vehicle_exempt_motorcycle = false; }
static void tune_no_ebike(assess_params *p) { p->vehicle_exempt_ebike = false; }
static void tune_one_car(assess_params *p)
{
	p->vehicles_allowed = 1;
	p->vehicle_value_cap_fen = 5000000;
}
static void tune_area(assess_params *p) { p->dwelling_exempt_area_m2x100 = 1500; }
static void tune_nonres_ok(assess_params *p) { p->nonresidential_fails = false; }
static void tune_employer(assess_params *p) { p->business_rule = ASSESS_BUSINESS_EMPLOYER; }
static void tune_nobusiness(assess_params *p) { p->business_rule = ASSESS_BUSINESS_NONE; }
static void tune_machinery(assess_params *p) { p->machinery_fails = true; }
static void tune_no_fin(assess_params *p) { p->financial_months = 0; }
static void tune_fin36(assess_params *p) { p->financial_months = 36; }

#define DEP(v) {0, ASSESS_ASSET_DEPOSIT, 0, "存款", v, 0, false, false, false}
#define FIN(v) {1, ASSESS_ASSET_FINANCIAL, 0, "基金", v, 0, false, false, false}
#define VEH(t, v) {0, ASSESS_ASSET_VEHICLE, t, "车", v, 0, false, false, false}
#define HOUSE(m2) {-1, ASSESS_ASSET_DWELLING, 0, "住房", 0, (m2) * 100, false, false, false}

/* S1 第十四条 with the local limits (defaults: 揭阳, §1.6). */
static void test_assess__s1_art14_asset_tests(void **state)
{
	(void)state;
	/* 24 × 528 × 3 = 38016 元 */
	static const asset_case t[] = {
		{"no assets", tune_none, {{0}}, 0, 3, {0}, {0}},
		{"deposits at the cap", tune_none, {DEP(2000000), FIN(1801600)}, 2, 3, {0}, {0}},
		{"one fen over the cap", tune_none, {DEP(2000000), FIN(1801601)}, 2, 3,
		 {ASSESS_TEST_FINANCIAL}, {-1}},
		{"necessary deposit exempt", tune_none,
		 {{0, ASSESS_ASSET_DEPOSIT, 0, "看病钱", 9000000, 0, true, false, false}}, 1, 3, {0}, {0}},
		{"no financial test", tune_no_fin, {DEP(900000000)}, 1, 3, {0}, {0}},
		{"36 months", tune_fin36, {DEP(5000000)}, 1, 3, {0}, {0}},
		{"a car", tune_none, {VEH(ASSESS_VEH_CAR, 3000000)}, 1, 3, {ASSESS_TEST_VEHICLE}, {-1}},
		{"motorcycle exempt", tune_none, {VEH(ASSESS_VEH_MOTORCYCLE, 500000)}, 1, 3, {0}, {0}},
		{"e-bike exempt", tune_none, {VEH(ASSESS_VEH_EBIKE, 200000)}, 1, 3, {0}, {0}},
		{"disabled mobility exempt", tune_none, {VEH(ASSESS_VEH_DISABLED, 800000)}, 1, 3, {0}, {0}},
		{"motorcycle not exempt", tune_no_moto, {VEH(ASSESS_VEH_MOTORCYCLE, 500000)}, 1, 3,
		 {ASSESS_TEST_VEHICLE}, {-1}},
		{"e-bike not exempt", tune_no_ebike, {VEH(ASSESS_VEH_EBIKE, 200000)}, 1, 3,
		 {ASSESS_TEST_VEHICLE}, {-1}},
		{"necessary car exempt", tune_none,
		 {{0, ASSESS_ASSET_VEHICLE, ASSESS_VEH_CAR, "农用车", 3000000, 0, true, false, false}},
		 1, 3, {0}, {0}},
		{"one cheap car allowed", tune_one_car, {VEH(ASSESS_VEH_CAR, 5000000)}, 1, 3, {0}, {0}},
		{"one dear car", tune_one_car, {DEP(0), VEH(ASSESS_VEH_CAR, 5000001)}, 2, 3,
		 {ASSESS_TEST_VEHICLE}, {1}},
		{"two cars", tune_one_car, {VEH(ASSESS_VEH_CAR, 100), VEH(ASSESS_VEH_CAR, 100)}, 2, 3,
		 {ASSESS_TEST_VEHICLE}, {-1}},
		{"one dwelling", tune_none, {HOUSE(120)}, 1, 3, {0}, {0}},
		{"two dwellings", tune_none, {HOUSE(30), HOUSE(20)}, 2, 3, {ASSESS_TEST_DWELLING}, {-1}},
		/* 上海口径: 50 m² / 4 = 12.5 < 15: exempt; 60 / 4 = 15: not below */
		{"two, small per person", tune_area, {HOUSE(30), HOUSE(20)}, 2, 4, {0}, {0}},
		{"two, at the area line", tune_area, {HOUSE(30), HOUSE(30)}, 2, 4,
		 {ASSESS_TEST_DWELLING}, {-1}},
		{"shop", tune_none,
		 {{0, ASSESS_ASSET_NONRESIDENTIAL, 0, "临街门面", 0, 0, false, false, false}}, 1, 3,
		 {ASSESS_TEST_NONRESIDENTIAL}, {0}},
		{"shop that is the only home", tune_none,
		 {{0, ASSESS_ASSET_NONRESIDENTIAL, 0, "门面兼住房", 0, 0, false, true, false}}, 1, 3,
		 {0}, {0}},
		{"shop allowed", tune_nonres_ok,
		 {{0, ASSESS_ASSET_NONRESIDENTIAL, 0, "门面", 0, 0, false, false, false}}, 1, 3, {0}, {0}},
		{"business registered", tune_none,
		 {{0, ASSESS_ASSET_BUSINESS, 0, "个体工商户", 0, 0, false, false, false}}, 1, 3,
		 {ASSESS_TEST_BUSINESS}, {0}},
		{"employer rule, no staff", tune_employer,
		 {{0, ASSESS_ASSET_BUSINESS, 0, "个体工商户", 0, 0, false, false, false}}, 1, 3, {0}, {0}},
		{"employer rule, staff", tune_employer,
		 {{0, ASSESS_ASSET_BUSINESS, 0, "加工厂", 0, 0, false, false, true}}, 1, 3,
		 {ASSESS_TEST_BUSINESS}, {0}},
		{"no business test", tune_nobusiness,
		 {{0, ASSESS_ASSET_BUSINESS, 0, "加工厂", 0, 0, false, false, true}}, 1, 3, {0}, {0}},
		{"machinery allowed (default)", tune_none,
		 {{0, ASSESS_ASSET_MACHINERY, 0, "收割机", 9000000, 0, false, false, false}}, 1, 3,
		 {0}, {0}},
		{"machinery fails (上海)", tune_machinery,
		 {{0, ASSESS_ASSET_MACHINERY, 0, "收割机", 9000000, 0, false, false, false}}, 1, 3,
		 {ASSESS_TEST_MACHINERY}, {0}},
		{"other is never tested", tune_machinery,
		 {{0, ASSESS_ASSET_OTHER, 0, "首饰", 900000000, 0, false, false, false}}, 1, 3, {0}, {0}},
		{"several at once", tune_none,
		 {DEP(90000000), VEH(ASSESS_VEH_CAR, 1),
		  {0, ASSESS_ASSET_BUSINESS, 0, "网店", 0, 0, false, false, false}},
		 3, 3, {ASSESS_TEST_FINANCIAL, ASSESS_TEST_VEHICLE, ASSESS_TEST_BUSINESS}, {-1, -1, 2}},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		assess_params p;
		dib_arena a;
		assess_assets_result r;
		dib_err err;
		dib_arena_init(&a, 0, 0);
		dib_err_clear(&err);
		assess_params_default(&p);
		p.asset_rules = "《揭阳市低保边缘家庭认定办法》";
		t[i].tune(&p);
		assess_household h = {t[i].persons, NAMES, NULL, 0, NULL, 0, t[i].items, t[i].n};
		if (assess_assets(&p, &h, STD, &a, &r, &err) != DIB_OK)
			fail_msg("%s: %s", t[i].why, err.msg);
		size_t want = 0;
		while (want < 3 && t[i].want[want])
			want++;
		if (r.nfailed != want || r.pass != (want == 0))
			fail_msg("%s: %zu failed, want %zu", t[i].why, r.nfailed, want);
		for (size_t k = 0; k < want; k++) {
			if (r.failed[k].test != t[i].want[k] || r.failed[k].item != t[i].want_item[k])
				fail_msg("%s: finding %zu is test %d item %d", t[i].why, k,
					 r.failed[k].test, r.failed[k].item);
			assert_string_equal(r.failed[k].basis,
					    "《最低生活保障审核确认办法》第十四条；《揭阳市低保边缘家庭认定办法》");
			assert_true(strlen(r.failed[k].reason) > 0);
		}
		dib_arena_release(&a);
	}
}

/* The reasons a clerk reads, with their numbers. */
static void test_assess__asset_reasons(void **state)
{
	(void)state;
	assess_asset_item items[] = {
		DEP(4000000),
		{0, ASSESS_ASSET_VEHICLE, ASSESS_VEH_CAR, "小型轿车 甘L12345", 3000000, 0, false, false, false},
		HOUSE(80),
		HOUSE(45),
		{0, ASSESS_ASSET_NONRESIDENTIAL, 0, "临街门面", 0, 0, false, false, false},
		{0, ASSESS_ASSET_BUSINESS, 0, "加工厂", 0, 0, false, false, true},
	};
	assess_params p;
	dib_arena a;
	assess_assets_result r;
	assess_household h = {3, NAMES, NULL, 0, NULL, 0, items, DIB_ARRAY_LEN(items)};

	dib_arena_init(&a, 0, 0);
	assess_params_default(&p);
	assert_int_equal(assess_assets(&p, &h, STD, &a, &r, NULL), DIB_OK);
	static const char *const want[] = {
		"家庭金融资产 40,000.00 元，超过人均 24 个月低保标准（528.00 × 24 × 3 人 = 38,016.00 元）",
		"家庭有机动车 1 辆（“小型轿车 甘L12345”），超过允许的 0 辆（残疾人代步车等豁免车型除外）",
		"家庭有居住用房 2 套（人均 41.66 平方米），超过允许的 1 套",
		"有非居住用途不动产“临街门面”",
		"有雇工经营的市场主体“加工厂”",
	};
	assert_int_equal(r.nfailed, DIB_ARRAY_LEN(want));
	for (size_t i = 0; i < DIB_ARRAY_LEN(want); i++)
		assert_string_equal(r.failed[i].reason, want[i]);
	assert_string_equal(r.failed[0].basis, "《最低生活保障审核确认办法》第十四条；省级低保审核确认实施细则");
	assert_int_equal(r.financial_fen, 4000000);
	assert_int_equal(r.financial_cap_fen, 3801600);
	assert_int_equal(r.vehicles, 1);
	assert_int_equal(r.dwellings, 2);

	/* One car allowed but dear. */
	p.vehicles_allowed = 1;
	p.vehicle_value_cap_fen = 2000000;
	assert_int_equal(assess_assets(&p, &h, STD, &a, &r, NULL), DIB_OK);
	assert_string_equal(r.failed[1].reason,
			    "车辆“小型轿车 甘L12345”价值 30,000.00 元，超过上限 20,000.00 元");
	assert_int_equal(r.failed[1].item, 1);

	/* Bad input. */
	dib_err err;
	dib_err_clear(&err);
	items[1].vehicle = 9;
	assert_int_equal(assess_assets(&p, &h, STD, &a, &r, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "第 2 项财产的车辆类型 9 不正确");
	items[1].vehicle = ASSESS_VEH_CAR;
	items[5].kind = 0;
	dib_err_clear(&err);
	assert_int_equal(assess_assets(&p, &h, STD, &a, &r, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "第 6 项财产的类别 0 不正确");
	items[5].kind = ASSESS_ASSET_BUSINESS;
	items[0].value_fen = -1;
	dib_err_clear(&err);
	assert_int_equal(assess_assets(&p, &h, STD, &a, &r, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "第 1 项财产的金额 -1 分不正确，应在 0–1000000000000 分之间");
	items[0].value_fen = 0;
	dib_err_clear(&err);
	assert_int_equal(assess_assets(&p, &h, 0, &a, &r, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "低保标准 0 分不正确");
	h.persons = 0;
	dib_err_clear(&err);
	assert_int_equal(assess_assets(&p, &h, STD, &a, &r, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "家庭人数 0 不正确，应在 1–99 之间");
	dib_arena_release(&a);
}

/* ---- the "3+1" score, seed 004 ---- */

static assess_score_result score(dib_arena *a, const assess_params *p, dib_fen income,
				 size_t asset_failures, const assess_vote *v)
{
	assess_score_input in = {income, STD, true, asset_failures, 0, v};
	assess_score_result r;
	dib_err err;

	dib_err_clear(&err);
	if (assess_score(p, &in, a, &r, &err) != DIB_OK)
		fail_msg("assess_score: %s", err.msg);
	return r;
}

static bool has_reason(const assess_score_result *r, const char *part)
{
	for (size_t i = 0; i < r->nreasons; i++)
		if (strstr(r->reasons[i], part))
			return true;
	return false;
}

/* Seed 004: "既不能唯收入论，也不能唯评议结果论"; S2 第二十二条: 村（居）民
 * 代表不少于参会总人数的 2/3. */
static void test_assess__seed004_weighted_score(void **state)
{
	(void)state;
	static const struct {
		const char *why;
		dib_fen income;
		size_t asset_failures;
		assess_vote vote;
		int measured, vote_score, score;
		bool valid, disagree;
		enum assess_lean lean;
	} t[] = {
		{"both sides agree: support", 0, 0, {true, 10, 8, 10, 0, 0},
		 1000, 1000, 1000, true, false, ASSESS_LEAN_SUPPORT},
		{"income alone does not decide", 0, 0, {true, 10, 8, 0, 10, 0},
		 1000, 0, 500, true, true, ASSESS_LEAN_OPEN},
		{"the vote alone does not decide", 79200, 0, {true, 10, 8, 10, 0, 0},
		 0, 1000, 500, true, true, ASSESS_LEAN_OPEN},
		/* 500 + 500 × 26400 / 52800 = 750; 7 / 10 = 700; (750 + 700) / 2 */
		{"half the standard, 7 of 10", 26400, 0, {true, 10, 7, 7, 3, 0},
		 750, 700, 725, true, false, ASSESS_LEAN_SUPPORT},
		/* abstentions count as cast: 6 / 9 = 666 */
		{"abstentions", 26400, 0, {true, 9, 6, 6, 1, 2},
		 750, 666, 708, true, false, ASSESS_LEAN_SUPPORT},
		{"assets fail", 0, 1, {true, 10, 8, 10, 0, 0},
		 0, 1000, 500, true, true, ASSESS_LEAN_OPEN},
		/* §11.3 boundary: at the standard 499, one fen below 500 */
		{"at the standard", STD, 0, {true, 9, 6, 3, 6, 0},
		 499, 333, 416, true, false, ASSESS_LEAN_OPEN},
		{"one fen below: the sides point apart", STD - 1, 0, {true, 9, 6, 3, 6, 0},
		 500, 333, 416, true, true, ASSESS_LEAN_OPEN},
		/* between the standard and the edge: 499 × (79200 − 66000) / 26400 = 249 */
		{"edge band", 66000, 0, {true, 9, 6, 0, 9, 0},
		 249, 0, 124, true, false, ASSESS_LEAN_OPPOSE},
		{"exactly 2/3 representatives", 0, 0, {true, 9, 6, 9, 0, 0},
		 1000, 1000, 1000, true, false, ASSESS_LEAN_SUPPORT},
		{"below 2/3: vote invalid", 0, 0, {true, 9, 5, 9, 0, 0},
		 1000, -1, 1000, false, false, ASSESS_LEAN_SUPPORT},
		{"no vote held", 60000, 0, {false, 0, 0, 0, 0, 0},
		 -2, -1, -2, false, false, ASSESS_LEAN_OPPOSE},
	};
	assess_params p;

	assess_params_default(&p);
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		dib_arena a;
		dib_arena_init(&a, 0, 0);
		assess_score_result r = score(&a, &p, t[i].income, t[i].asset_failures, &t[i].vote);
		int m = t[i].measured == -2 ? (int)(499 * (79200 - 60000) / 26400) : t[i].measured;
		int s = t[i].score == -2 ? m : t[i].score;
		if (r.measured != m || r.vote != t[i].vote_score || r.score != s ||
		    r.vote_valid != t[i].valid || r.disagree != t[i].disagree || r.lean != t[i].lean)
			fail_msg("%s: measured %d vote %d score %d valid %d disagree %d lean %d",
				 t[i].why, r.measured, r.vote, r.score, r.vote_valid, r.disagree,
				 r.lean);
		/* Always the last word: not a decision. */
		assert_non_null(strstr(r.reasons[r.nreasons - 1], "不是认定决定"));
		assert_true(has_reason(&r, "测算："));
		assert_true(has_reason(&r, "不一致") == t[i].disagree);
		dib_arena_release(&a);
	}

	/* Reasons in words. */
	dib_arena a;
	dib_arena_init(&a, 0, 0);
	assess_vote v = {true, 9, 5, 9, 0, 0};
	assess_score_result r = score(&a, &p, 0, 0, &v);
	assert_true(has_reason(&r, "民主评议无效：村（居）民代表 5 人，不足参会总人数 9 人的 2/3"));
	assert_true(has_reason(&r, "综合分仅依测算"));
	r = score(&a, &p, 0, 0, NULL);
	assert_true(has_reason(&r, "未开展民主评议"));
	v = (assess_vote){true, 10, 7, 7, 3, 0};
	r = score(&a, &p, 26400, 0, &v);
	assert_true(has_reason(&r, "综合分 = 测算分 750 × 50% + 评议分 700 × 50% = 725‰，倾向支持"));
	assert_true(has_reason(&r, "民主评议：参会 10 人（村（居）民代表 7 人），赞成 7、反对 3、弃权 0，评议分 700‰"));
	assert_true(has_reason(&r, "月人均收入 264.00 元，低于低保标准 528.00 元，收入得分 750‰"));
	dib_arena_release(&a);
}

/* Registration, 辅助评估 (S1 第十七条第二款) and the hard-fail cap. */
static void test_assess__score_measured_side(void **state)
{
	(void)state;
	assess_params p;
	dib_arena a;
	assess_score_result r;
	dib_err err;

	dib_arena_init(&a, 0, 0);
	assess_params_default(&p);
	p.aux_penalty = 150;
	assess_score_input in = {26400, STD, true, 0, 2, NULL};
	assert_int_equal(assess_score(&p, &in, &a, &r, NULL), DIB_OK);
	assert_int_equal(r.measured, 750 - 300);
	assert_true(has_reason(&r, "2 项辅助评估异常"));
	in.aux_findings = 10;
	assert_int_equal(assess_score(&p, &in, &a, &r, NULL), DIB_OK);
	assert_int_equal(r.measured, 0); /* never below 0 */
	in.aux_findings = 0;
	in.registration_ok = false;
	p.hard_fail_cap = 300;
	assert_int_equal(assess_score(&p, &in, &a, &r, NULL), DIB_OK);
	assert_int_equal(r.measured, 300);
	assert_true(has_reason(&r, "户籍状况不符合，测算分降至 300‰"));
	in.registration_ok = true;
	in.asset_failures = 2;
	assert_int_equal(assess_score(&p, &in, &a, &r, NULL), DIB_OK);
	assert_int_equal(r.measured, 300);
	assert_true(has_reason(&r, "财产状况有 2 项不符合，测算分降至 300‰"));

	/* Impossible votes are refused. */
	static const struct {
		assess_vote v;
		const char *msg;
	} bad[] = {
		{{true, 9, 10, 1, 0, 0}, "村（居）民代表 10 人多于参会总人数 9 人"},
		{{true, 9, 6, 8, 2, 0}, "票数合计 10 多于参会总人数 9 人"},
		{{true, 9, 6, 0, 0, 0}, "民主评议没有有效票"},
		{{true, 0, 0, 0, 0, 0}, "参会人数应大于 0"},
		{{true, 9, 6, -1, 0, 0}, "不能为负数"},
	};
	in.asset_failures = 0;
	for (size_t i = 0; i < DIB_ARRAY_LEN(bad); i++) {
		in.vote = &bad[i].v;
		dib_err_clear(&err);
		r.score = -77;
		assert_int_equal(assess_score(&p, &in, &a, &r, &err), DIB_EINVAL);
		assert_non_null(strstr(err.msg, bad[i].msg));
		assert_int_equal(r.score, -77);
	}
	in.vote = NULL;
	in.standard_fen = 0;
	dib_err_clear(&err);
	assert_int_equal(assess_score(&p, &in, &a, &r, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "低保标准 0 分不正确");
	/* A vote that was not held is ignored, whatever its numbers. */
	assess_vote not_held = {false, -5, 99, 0, 0, 0};
	in.standard_fen = STD;
	in.vote = &not_held;
	assert_int_equal(assess_score(&p, &in, &a, &r, NULL), DIB_OK);
	assert_false(r.vote_valid);
	dib_arena_release(&a);
}

/* For every weight the check accepts, one side at its best and the other at
 * its worst stays undecided — the seed's rule holds for all parameters. */
static void test_assess__seed004_neither_side_alone_property(void **state)
{
	(void)state;
	int accepted = 0;

	for (int w = 1; w < 10000; w += 7) {
		for (int line = 0; line < 3; line++) {
			assess_params p;
			assess_params_default(&p);
			p.measured_weight_bp = w;
			p.support_at = 550 + 50 * line;
			p.oppose_below = 450 - 50 * line;
			if (assess_params_check(&p, NULL) != DIB_OK)
				continue;
			accepted++;
			dib_arena a;
			dib_arena_init(&a, 0, 0);
			assess_vote yes = {true, 9, 6, 9, 0, 0}, no = {true, 9, 6, 0, 9, 0};
			assess_score_result r1 = score(&a, &p, 0, 0, &no);
			assess_score_result r2 = score(&a, &p, 10000000, 0, &yes);
			if (r1.lean != ASSESS_LEAN_OPEN || r2.lean != ASSESS_LEAN_OPEN)
				fail_msg("weight %d lines %d/%d: leans %d %d", w, p.oppose_below,
					 p.support_at, r1.lean, r2.lean);
			assert_true(r1.disagree && r2.disagree);
			dib_arena_release(&a);
		}
	}
	assert_true(accepted > 100); /* the property was exercised */
}

/* Out of memory is an ordinary error; results untouched. */
static void test_assess__out_of_memory(void **state)
{
	(void)state;
	assess_params p;
	dib_arena a;
	assess_income_result r;
	assess_assets_result ar;
	assess_score_result sr;
	assess_income_item inc[1] = {wage(0, 1000)};
	assess_asset_item as[1] = {VEH(ASSESS_VEH_CAR, 1)};
	assess_household h = {1, NAMES, inc, 1, NULL, 0, as, 1};

	assess_params_default(&p);
	dib_arena_init(&a, 64, 64);
	r.per_capita_fen = -9;
	assert_int_equal(assess_income(&p, &h, -1, &a, &r, NULL), DIB_ENOMEM);
	assert_int_equal(r.per_capita_fen, -9);
	ar.nfailed = 99;
	assert_int_equal(assess_assets(&p, &h, STD, &a, &ar, NULL), DIB_ENOMEM);
	assert_int_equal(ar.nfailed, 99);
	dib_arena_release(&a);
	dib_arena_init(&a, 64, 64);
	sr.score = -9;
	assess_score_input in = {0, STD, true, 0, 0, NULL};
	assert_int_equal(assess_score(&p, &in, &a, &sr, NULL), DIB_ENOMEM);
	assert_int_equal(sr.score, -9);
	dib_arena_release(&a);
}

/* The catalogue of local parameters is the one source of the national
 * defaults: the core's own default period is the catalogue's (12 months),
 * and so are the other defaults that have a catalogue key. */
static void test_assess__defaults_are_the_catalogue(void **state)
{
	(void)state;
	assess_params p;
	assess_params_default(&p);
	const struct {
		const char *key;
		int64_t core;
	} t[] = {
		{"income.period_months", p.period_months},
		{"income.employment_cost_bp", p.wage_cost_bp},
		{"edge.income_bp", p.edge_bp},
		{"asset.deposit_months", p.financial_months},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		const params_def *d = params_find(t[i].key);
		assert_non_null(d);
		if (d->dflt != t[i].core)
			fail_msg("%s: catalogue %lld, assess_params_default %lld", t[i].key,
				 (long long)d->dflt, (long long)t[i].core);
	}
	assert_int_equal(p.period_months, 12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_assess__s1_art13_income_kinds),
		cmocka_unit_test(test_assess__s1_art13_every_exclusion),
		cmocka_unit_test(test_assess__exclusion_switches),
		cmocka_unit_test(test_assess__s1_art13_employment_cost),
		cmocka_unit_test(test_assess__s1_art13_deductions),
		cmocka_unit_test(test_assess__deductions_exceed_income),
		cmocka_unit_test(test_assess__per_capita_rounding),
		cmocka_unit_test(test_assess__s1_art8_boundaries),
		cmocka_unit_test(test_assess__one_member_income),
		cmocka_unit_test(test_assess__income_input_refused),
		cmocka_unit_test(test_assess__params_check),
		cmocka_unit_test(test_assess__overflow_safe_large_values),
		cmocka_unit_test(test_assess__s1_art14_asset_tests),
		cmocka_unit_test(test_assess__asset_reasons),
		cmocka_unit_test(test_assess__seed004_weighted_score),
		cmocka_unit_test(test_assess__score_measured_side),
		cmocka_unit_test(test_assess__seed004_neither_side_alone_property),
		cmocka_unit_test(test_assess__out_of_memory),
		cmocka_unit_test(test_assess__defaults_are_the_catalogue),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
