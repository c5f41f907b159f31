/*
 * test_amount.c — table tests for core/amount, named after the article they
 * check (regulations.md: S1 = 民发〔2021〕57号, S2 = its 2012 predecessor,
 * S5 = 《社会救助暂行办法》, S7 = 民发〔2022〕83号): the gap method with its
 * boundaries (income at the standard, one fen either side), the yearly
 * standard turned monthly, rounding and the minimum, classified add-ons and
 * the ages they hang on (an 18th birthday), single-person coverage, the
 * banded method, refused input, overflow-safe extremes, the calculation
 * sheet, the seed examples (seeds 000 and 001 give standards and the
 * average gap), an end-to-end run from income items to the amount, and the
 * properties "never negative" and "never increases when income increases".
 * Thread-safety: single-threaded test program.
 */
#include "util/dib.h"
#include "core/amount.h"
#include "core/assess.h"
#include "core/codes.h"

#include <setjmp.h>
#include <cmocka.h>

static const dib_month MARCH_2025 = {2025, 3};

/* A plain adult, covered. */
static amount_member adult(const char *name)
{
	return (amount_member){name, {1985, 6, 1}, 0, 0, CODES_HEALTHY, false, AMOUNT_COVERED};
}

static amount_input household(dib_fen standard, enum amount_unit unit, dib_fen income,
			      const amount_member *m, size_t n)
{
	return (amount_input){standard, unit, MARCH_2025, income, 0, AMOUNT_WHOLE, 0, m, n};
}

/* Runs amount_compute, asserting success, and returns the result; lines
 * stay valid until the arena is released by the caller. */
static amount_result run(dib_arena *a, const amount_params *p, const amount_input *in)
{
	amount_result r;
	dib_err err;

	dib_err_clear(&err);
	memset(&r, 0, sizeof r);
	if (amount_compute(p, in, a, &r, &err) != DIB_OK)
		fail_msg("amount_compute: %s", err.msg);
	return r;
}

static const amount_line *find_line(const amount_result *r, const char *label)
{
	for (size_t i = 0; i < r->nlines; i++)
		if (strcmp(r->lines[i].label, label) == 0)
			return &r->lines[i];
	return NULL;
}

static void expect_refused(const amount_params *p, const amount_input *in, const char *part)
{
	dib_arena a;
	amount_result r;
	dib_err err;

	dib_arena_init(&a, 0, 0);
	dib_err_clear(&err);
	memset(&r, 0x5a, sizeof r);
	assert_int_equal(amount_compute(p, in, &a, &r, &err), DIB_EINVAL);
	if (!strstr(err.msg, part))
		fail_msg("message \"%s\" lacks \"%s\"", err.msg, part);
	assert_int_equal(r.total_fen, 0x5a5a5a5a5a5a5a5a); /* untouched */
	dib_arena_release(&a);
}

/* S1 第二十三条, S5 第十二条, S2 第二十七条: (standard − income) × persons,
 * strict at the standard (§11.3), and the seeds' figures. */
static void test_amount__s1_art23_gap_method(void **state)
{
	(void)state;
	static const struct {
		const char *why;
		dib_fen standard;
		enum amount_unit unit;
		dib_fen income;
		int members;
		bool eligible;
		dib_fen per_person, total;
	} t[] = {
		{"S2-27 ordinary", 52800, AMOUNT_PER_MONTH, 20000, 4, true, 32800, 131200},
		{"S2-27 no income", 52800, AMOUNT_PER_MONTH, 0, 1, true, 52800, 52800},
		{"§11.3 income at the standard", 52800, AMOUNT_PER_MONTH, 52800, 3, false, 0, 0},
		{"§11.3 one fen below", 52800, AMOUNT_PER_MONTH, 52799, 3, true, 1, 3},
		{"§11.3 one fen above", 52800, AMOUNT_PER_MONTH, 52801, 3, false, 0, 0},
		{"far above", 52800, AMOUNT_PER_MONTH, 500000, 2, false, 0, 0},
		{"household of one", 52800, AMOUNT_PER_MONTH, 12345, 1, true, 40455, 40455},
		/* seed 001: rural 4310 元/年 → 359.17 元/月 (按分四舍五入) */
		{"seed 001 rural 4310/yr", 431000, AMOUNT_PER_YEAR, 10000, 2, true, 25917, 51834},
		/* seed 000: urban 245 元/月, 人均月补助 160 元; rural 1320 元/年, 72 元 */
		{"seed 000 urban 245", 24500, AMOUNT_PER_MONTH, 8500, 3, true, 16000, 48000},
		{"seed 000 rural 1320/yr", 132000, AMOUNT_PER_YEAR, 3800, 2, true, 7200, 14400},
		/* seed 001: urban 470 元/月, 人均月补差 405; rural 2700 元/年, 181 */
		{"seed 001 urban 470", 47000, AMOUNT_PER_MONTH, 6500, 2, true, 40500, 81000},
		{"seed 001 rural 2700/yr", 270000, AMOUNT_PER_YEAR, 4400, 5, true, 18100, 90500},
	};
	amount_params p;
	amount_member m[5];

	amount_params_default(&p);
	for (size_t k = 0; k < DIB_ARRAY_LEN(m); k++)
		m[k] = adult(NULL);
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		dib_arena a;
		dib_arena_init(&a, 0, 0);
		amount_input in = household(t[i].standard, t[i].unit, t[i].income, m,
					    (size_t)t[i].members);
		amount_result r = run(&a, &p, &in);
		if (r.eligible != t[i].eligible || r.per_person_fen != t[i].per_person ||
		    r.total_fen != t[i].total)
			fail_msg("%s: eligible %d per person %lld total %lld", t[i].why,
				 r.eligible, (long long)r.per_person_fen, (long long)r.total_fen);
		assert_int_equal(r.covered, t[i].members);
		assert_int_equal(r.base_fen + r.addon_fen, r.total_fen);
		assert_string_equal(r.lines[r.nlines - 1].label, "月发放合计");
		assert_int_equal(r.lines[r.nlines - 1].fen, t[i].total);
		dib_arena_release(&a);
	}
}

/* domain.md / issue 4: the rural yearly standard turned monthly by the
 * county's rounding rule, in one exact division. */
static void test_amount__yearly_standard_to_monthly(void **state)
{
	(void)state;
	static const struct {
		dib_fen yearly;
		money_rounding r;
		dib_fen want;
	} t[] = {
		{431000, {MONEY_FEN, MONEY_HALF_UP}, 35917}, /* 35916.67 */
		{431000, {MONEY_FEN, MONEY_UP}, 35917},
		{431000, {MONEY_FEN, MONEY_DOWN}, 35916},
		{431000, {MONEY_JIAO, MONEY_HALF_UP}, 35920},
		{431000, {MONEY_JIAO, MONEY_UP}, 35920},
		{431000, {MONEY_JIAO, MONEY_DOWN}, 35910},
		{431000, {MONEY_YUAN, MONEY_HALF_UP}, 35900},
		{431000, {MONEY_YUAN, MONEY_UP}, 36000},
		{431000, {MONEY_YUAN, MONEY_DOWN}, 35900},
		{380000, {MONEY_JIAO, MONEY_HALF_UP}, 31670}, /* 31666.67 */
		{380000, {MONEY_YUAN, MONEY_HALF_UP}, 31700},
		{270000, {MONEY_YUAN, MONEY_DOWN}, 22500}, /* exact */
		{132000, {MONEY_YUAN, MONEY_UP}, 11000},
		{6, {MONEY_FEN, MONEY_HALF_UP}, 1},           /* 0.5 fen */
		{5, {MONEY_FEN, MONEY_HALF_UP}, 0},           /* 0.42 fen */
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		dib_fen got = amount_standard_monthly(t[i].yearly, AMOUNT_PER_YEAR, t[i].r);
		if (got != t[i].want)
			fail_msg("row %zu: %lld / 12 %s → %lld, want %lld", i,
				 (long long)t[i].yearly, amount_rounding_text(t[i].r),
				 (long long)got, (long long)t[i].want);
	}
	assert_int_equal(amount_standard_monthly(52800, AMOUNT_PER_MONTH,
						 (money_rounding){MONEY_YUAN, MONEY_UP}),
			 52800); /* a monthly standard is never rounded */

	/* The rounding reaches the amount: jiao half-up county. */
	dib_arena a;
	amount_params p;
	amount_member m[2] = {adult("甲"), adult("乙")};
	dib_arena_init(&a, 0, 0);
	amount_params_default(&p);
	p.yearly_rounding = (money_rounding){MONEY_JIAO, MONEY_HALF_UP};
	amount_input in = household(431000, AMOUNT_PER_YEAR, 10000, m, 2);
	amount_result r = run(&a, &p, &in);
	assert_int_equal(r.standard_month_fen, 35920);
	assert_int_equal(r.total_fen, (35920 - 10000) * 2);
	assert_string_equal(r.lines[0].formula,
			    "4,310.00 元/人·年 ÷ 12 个月，按角四舍五入 = 359.20 元/人·月");
	dib_arena_release(&a);
}

/* §1.12: rounding of the household amount (local), every unit and mode. */
static void test_amount__s1_art23_rounding_modes(void **state)
{
	(void)state;
	static const struct {
		money_rounding r;
		dib_fen want;
	} t[] = {
		/* raw = (52800 - 20191) × 4 = 130436 */
		{{MONEY_FEN, MONEY_HALF_UP}, 130436},
		{{MONEY_FEN, MONEY_UP}, 130436},
		{{MONEY_FEN, MONEY_DOWN}, 130436},
		{{MONEY_JIAO, MONEY_HALF_UP}, 130440},
		{{MONEY_JIAO, MONEY_UP}, 130440},
		{{MONEY_JIAO, MONEY_DOWN}, 130430},
		{{MONEY_YUAN, MONEY_HALF_UP}, 130400},
		{{MONEY_YUAN, MONEY_UP}, 130500},
		{{MONEY_YUAN, MONEY_DOWN}, 130400},
	};
	amount_member m[4] = {adult(NULL), adult(NULL), adult(NULL), adult(NULL)};

	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		dib_arena a;
		amount_params p;
		dib_arena_init(&a, 0, 0);
		amount_params_default(&p);
		p.rounding = t[i].r;
		amount_input in = household(52800, AMOUNT_PER_MONTH, 20191, m, 4);
		amount_result r = run(&a, &p, &in);
		assert_int_equal(r.raw_fen, 130436);
		if (r.base_fen != t[i].want || r.total_fen != t[i].want)
			fail_msg("%s: %lld, want %lld", amount_rounding_text(t[i].r),
				 (long long)r.base_fen, (long long)t[i].want);
		/* A rounding line only where the unit can change the figure. */
		assert_true((find_line(&r, "取整") != NULL) == (t[i].r.unit != MONEY_FEN));
		dib_arena_release(&a);
	}
}

/* §1.12 保底 (local): "不足 X 元按 X 元发放", per household or per person,
 * after rounding, never for a household that is not eligible. */
static void test_amount__s1_art23_minimum_payment(void **state)
{
	(void)state;
	static const struct {
		const char *why;
		dib_fen minimum;
		enum amount_min_basis basis;
		money_rounding r;
		dib_fen income;
		int members;
		dib_fen want;
		bool line;
	} t[] = {
		{"gap 1 fen raised to 10 元", 1000, AMOUNT_MIN_HOUSEHOLD,
		 {MONEY_FEN, MONEY_HALF_UP}, 52799, 1, 1000, true},
		{"gap equal to the minimum", 1000, AMOUNT_MIN_HOUSEHOLD,
		 {MONEY_FEN, MONEY_HALF_UP}, 51800, 1, 1000, false},
		{"gap above the minimum", 1000, AMOUNT_MIN_HOUSEHOLD,
		 {MONEY_FEN, MONEY_HALF_UP}, 50000, 1, 2800, false},
		{"at the standard: no minimum", 1000, AMOUNT_MIN_HOUSEHOLD,
		 {MONEY_FEN, MONEY_HALF_UP}, 52800, 1, 0, false},
		{"per person × 3", 1000, AMOUNT_MIN_PERSON,
		 {MONEY_FEN, MONEY_HALF_UP}, 52700, 3, 3000, true},
		{"per person, gap above", 1000, AMOUNT_MIN_PERSON,
		 {MONEY_FEN, MONEY_HALF_UP}, 50000, 3, 8400, false},
		{"rounded down to 0, then the minimum", 1000, AMOUNT_MIN_HOUSEHOLD,
		 {MONEY_YUAN, MONEY_DOWN}, 52701, 1, 1000, true},
		{"no minimum: 1 fen stays 1 fen", 0, AMOUNT_MIN_HOUSEHOLD,
		 {MONEY_FEN, MONEY_HALF_UP}, 52799, 1, 1, false},
	};
	amount_member m[3] = {adult(NULL), adult(NULL), adult(NULL)};

	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		dib_arena a;
		amount_params p;
		dib_arena_init(&a, 0, 0);
		amount_params_default(&p);
		p.minimum_fen = t[i].minimum;
		p.minimum_basis = t[i].basis;
		p.rounding = t[i].r;
		amount_input in = household(52800, AMOUNT_PER_MONTH, t[i].income, m,
					    (size_t)t[i].members);
		amount_result r = run(&a, &p, &in);
		if (r.total_fen != t[i].want || (find_line(&r, "保底") != NULL) != t[i].line)
			fail_msg("%s: %lld, want %lld", t[i].why, (long long)r.total_fen,
				 (long long)t[i].want);
		dib_arena_release(&a);
	}
}

/* S1 第二十七条, S5 第十二条第二款, S2 第二十八条: 分类施保 per category,
 * a share of the standard or a fixed amount; highest or summed. */
static void test_amount__s1_art27_classified_addons(void **state)
{
	(void)state;
	amount_params p;
	amount_member m[6] = {
		{"老人", {1950, 5, 1}, 0, 0, CODES_HEALTHY, false, AMOUNT_COVERED},
		{"孩子", {2015, 1, 1}, 0, 0, CODES_HEALTHY, false, AMOUNT_COVERED},
		{"重残", {1980, 1, 1}, CODES_DIS_PHYSICAL, 1, CODES_HEALTHY, false, AMOUNT_COVERED},
		{"重病", {1980, 1, 1}, 0, 0, CODES_SERIOUS, false, AMOUNT_COVERED},
		{"老病", {1940, 1, 1}, 0, 0, CODES_SERIOUS, false, AMOUNT_COVERED},
		{"其他", {1980, 1, 1}, 0, 0, CODES_CHRONIC, true, AMOUNT_COVERED},
	};
	amount_params_default(&p);
	p.addon[AMOUNT_CAT_ELDERLY] = (amount_value){AMOUNT_VALUE_SHARE, 1000, 0};  /* 10% */
	p.addon[AMOUNT_CAT_MINOR] = (amount_value){AMOUNT_VALUE_FIXED, 0, 5000};
	p.addon[AMOUNT_CAT_SEVERE] = (amount_value){AMOUNT_VALUE_SHARE, 2000, 0};   /* 20% */
	p.addon[AMOUNT_CAT_SERIOUS_ILL] = (amount_value){AMOUNT_VALUE_FIXED, 0, 10000};
	p.addon[AMOUNT_CAT_OTHER] = (amount_value){AMOUNT_VALUE_SHARE, 500, 0};     /* 5% */

	static const struct {
		const char *why;
		enum amount_stack stack;
		money_rounding r;
		dib_fen addons;
	} t[] = {
		/* 5280 + 5000 + 10560 + 10000 + max(5280, 10000) + 2640 */
		{"highest", AMOUNT_STACK_HIGHEST, {MONEY_FEN, MONEY_HALF_UP}, 43480},
		/* ... + (5280 + 10000) */
		{"sum", AMOUNT_STACK_SUM, {MONEY_FEN, MONEY_HALF_UP}, 48760},
		/* each add-on rounded to the yuan: 5300 5000 10600 10000 10000 2600 */
		{"highest, yuan", AMOUNT_STACK_HIGHEST, {MONEY_YUAN, MONEY_HALF_UP}, 43500},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		dib_arena a;
		dib_arena_init(&a, 0, 0);
		p.addon_stack = t[i].stack;
		p.rounding = t[i].r;
		amount_input in = household(52800, AMOUNT_PER_MONTH, 20000, m, 6);
		amount_result r = run(&a, &p, &in);
		if (r.addon_fen != t[i].addons)
			fail_msg("%s: add-ons %lld, want %lld", t[i].why, (long long)r.addon_fen,
				 (long long)t[i].addons);
		assert_int_equal(r.base_fen, money_round(32800 * 6, t[i].r));
		assert_int_equal(r.total_fen, r.base_fen + r.addon_fen);
		assert_non_null(find_line(&r, "分类施保金合计"));
		const amount_line *l = find_line(&r, "分类施保 · 老人");
		assert_non_null(l);
		assert_non_null(strstr(l->formula, "老年人（74 周岁）：标准 528.00 × 10%"));
		l = find_line(&r, "分类施保 · 老病");
		assert_non_null(l);
		assert_non_null(strstr(l->formula, t[i].stack == AMOUNT_STACK_SUM ? "叠加 152.80 元"
									      : "就高取 100.00 元"));
		dib_arena_release(&a);
	}

	/* Not eligible: no add-on (they are for people who get 低保). */
	dib_arena a;
	dib_arena_init(&a, 0, 0);
	amount_input in = household(52800, AMOUNT_PER_MONTH, 52800, m, 6);
	amount_result r = run(&a, &p, &in);
	assert_false(r.eligible);
	assert_int_equal(r.addon_fen, 0);
	assert_int_equal(r.total_fen, 0);
	assert_null(find_line(&r, "分类施保 · 老人"));
	dib_arena_release(&a);
}

/* The categories' definitions: ages by the day chosen (an 18th birthday in
 * the month), 老年人权益保障法 第二条 (60), 民法典 第十七条 (18), S1 第八条
 * (grades 1–2; grade 3 intellectual/mental only when the county says so). */
static void test_amount__categories_and_birthdays(void **state)
{
	(void)state;
	static const struct {
		const char *why;
		dib_date birth;
		int kind, grade, health;
		dib_month month;
		enum amount_age_on on;
		bool grade3;
		enum amount_category cat;
		bool want;
	} t[] = {
		{"17 on the 1st", {2007, 3, 15}, 0, 0, 1, {2025, 3}, AMOUNT_AGE_MONTH_START, false, AMOUNT_CAT_MINOR, true},
		{"18 by the 31st", {2007, 3, 15}, 0, 0, 1, {2025, 3}, AMOUNT_AGE_MONTH_END, false, AMOUNT_CAT_MINOR, false},
		{"18 the month after", {2007, 3, 15}, 0, 0, 1, {2025, 4}, AMOUNT_AGE_MONTH_START, false, AMOUNT_CAT_MINOR, false},
		{"18th birthday on the 1st", {2007, 3, 1}, 0, 0, 1, {2025, 3}, AMOUNT_AGE_MONTH_START, false, AMOUNT_CAT_MINOR, false},
		{"29 Feb: 18 on 28 Feb (art. 202)", {2008, 2, 29}, 0, 0, 1, {2026, 2}, AMOUNT_AGE_MONTH_END, false, AMOUNT_CAT_MINOR, false},
		{"born later this month", {2025, 3, 20}, 0, 0, 1, {2025, 3}, AMOUNT_AGE_MONTH_START, false, AMOUNT_CAT_MINOR, true},
		{"unknown birth", {0, 0, 0}, 0, 0, 1, {2025, 3}, AMOUNT_AGE_MONTH_START, false, AMOUNT_CAT_MINOR, false},
		{"60 reached", {1965, 3, 1}, 0, 0, 1, {2025, 3}, AMOUNT_AGE_MONTH_START, false, AMOUNT_CAT_ELDERLY, true},
		{"59 on the 1st", {1965, 3, 2}, 0, 0, 1, {2025, 3}, AMOUNT_AGE_MONTH_START, false, AMOUNT_CAT_ELDERLY, false},
		{"60 by month end", {1965, 3, 2}, 0, 0, 1, {2025, 3}, AMOUNT_AGE_MONTH_END, false, AMOUNT_CAT_ELDERLY, true},
		{"grade 1", {1980, 1, 1}, CODES_DIS_VISION, 1, 1, {2025, 3}, 0, false, AMOUNT_CAT_SEVERE, true},
		{"grade 2", {1980, 1, 1}, CODES_DIS_PHYSICAL, 2, 1, {2025, 3}, 0, false, AMOUNT_CAT_SEVERE, true},
		{"grade 3 physical", {1980, 1, 1}, CODES_DIS_PHYSICAL, 3, 1, {2025, 3}, 0, true, AMOUNT_CAT_SEVERE, false},
		{"grade 3 mental, off", {1980, 1, 1}, CODES_DIS_MENTAL, 3, 1, {2025, 3}, 0, false, AMOUNT_CAT_SEVERE, false},
		{"grade 3 mental, on", {1980, 1, 1}, CODES_DIS_MENTAL, 3, 1, {2025, 3}, 0, true, AMOUNT_CAT_SEVERE, true},
		{"grade 3 intellectual, on", {1980, 1, 1}, CODES_DIS_INTELLECTUAL, 3, 1, {2025, 3}, 0, true, AMOUNT_CAT_SEVERE, true},
		{"no disability", {1980, 1, 1}, 0, 0, 1, {2025, 3}, 0, true, AMOUNT_CAT_SEVERE, false},
		{"seriously ill", {1980, 1, 1}, 0, 0, CODES_SERIOUS, {2025, 3}, 0, false, AMOUNT_CAT_SERIOUS_ILL, true},
		{"chronic is not serious", {1980, 1, 1}, 0, 0, CODES_CHRONIC, {2025, 3}, 0, false, AMOUNT_CAT_SERIOUS_ILL, false},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		amount_params p;
		amount_params_default(&p);
		p.age_on = t[i].on;
		p.severe_grade3_mental = t[i].grade3;
		amount_member m = {"x", t[i].birth, t[i].kind, t[i].grade, t[i].health, false,
				   AMOUNT_COVERED};
		if (amount_member_in(&p, &m, t[i].month, t[i].cat) != t[i].want)
			fail_msg("%s: want %d", t[i].why, t[i].want);
	}

	/* The birthday reaches the amount: the minor's add-on in March, not in April. */
	amount_params p;
	amount_params_default(&p);
	p.addon[AMOUNT_CAT_MINOR] = (amount_value){AMOUNT_VALUE_FIXED, 0, 5000};
	amount_member m[1] = {{"小明", {2007, 3, 15}, 0, 0, 1, false, AMOUNT_COVERED}};
	dib_arena a;
	dib_arena_init(&a, 0, 0);
	amount_input in = household(52800, AMOUNT_PER_MONTH, 0, m, 1);
	assert_int_equal(run(&a, &p, &in).addon_fen, 5000);
	in.month = (dib_month){2025, 4};
	assert_int_equal(run(&a, &p, &in).addon_fen, 0);
	dib_arena_release(&a);
}

/* S1 第八条, S7 一（一）/（四）: single-person coverage — only the covered
 * person counts, with the personal or the household income by parameter. */
static void test_amount__s1_art8_single_person(void **state)
{
	(void)state;
	amount_params p;
	amount_member m[3] = {
		{"重残者", {1990, 1, 1}, CODES_DIS_INTELLECTUAL, 2, 1, false, AMOUNT_COVERED},
		{"父亲", {1955, 1, 1}, 0, 0, 1, false, AMOUNT_OUTSIDE},
		{"母亲", {1958, 1, 1}, 0, 0, 1, false, AMOUNT_OUTSIDE},
	};
	dib_arena a;

	dib_arena_init(&a, 0, 0);
	amount_params_default(&p);
	p.addon[AMOUNT_CAT_ELDERLY] = (amount_value){AMOUNT_VALUE_SHARE, 1000, 0};
	p.addon[AMOUNT_CAT_SEVERE] = (amount_value){AMOUNT_VALUE_SHARE, 2000, 0};
	amount_input in = household(52800, AMOUNT_PER_MONTH, 60000, m, 3);
	in.coverage = AMOUNT_SINGLE;
	in.personal_income_fen = 0;

	/* Personal income (default): the household is above the standard,
	 * the person has nothing: full standard for one, plus his own add-on;
	 * the elderly parents outside the coverage get none. */
	amount_result r = run(&a, &p, &in);
	assert_true(r.eligible);
	assert_int_equal(r.covered, 1);
	assert_int_equal(r.income_fen, 0);
	assert_int_equal(r.base_fen, 52800);
	assert_int_equal(r.addon_fen, 10560);
	assert_non_null(find_line(&r, "本人月收入（单人保）"));
	assert_null(find_line(&r, "分类施保 · 父亲"));
	assert_non_null(strstr(find_line(&r, "补差额")->formula, "× 1 人（单人保）"));

	/* Household per-capita income by parameter. */
	p.single_income = AMOUNT_SINGLE_HOUSEHOLD;
	in.income_pc_fen = 20000;
	r = run(&a, &p, &in);
	assert_int_equal(r.base_fen, 32800);
	in.income_pc_fen = 60000;
	r = run(&a, &p, &in);
	assert_false(r.eligible);
	assert_int_equal(r.total_fen, 0);
	dib_arena_release(&a);

	/* Exactly one covered person. */
	p.single_income = AMOUNT_SINGLE_PERSONAL;
	m[1].cover = AMOUNT_COVERED;
	expect_refused(&p, &in, "单人保应恰好保障 1 人，现为 2 人");
	m[0].cover = m[1].cover = AMOUNT_OUTSIDE;
	expect_refused(&p, &in, "单人保应恰好保障 1 人，现为 0 人");
}

/* S7 一（一）: 申请家庭符合条件的，不得只把个别成员纳入. */
static void test_amount__s7_whole_household(void **state)
{
	(void)state;
	amount_params p;
	amount_member m[2] = {adult("甲"), adult("乙")};

	amount_params_default(&p);
	m[1].cover = AMOUNT_OUTSIDE;
	amount_input in = household(52800, AMOUNT_PER_MONTH, 0, m, 2);
	expect_refused(&p, &in, "全户施保不得只把个别成员纳入：成员 2 乙 未纳入保障");
}

/* S1 第三十四条, S5 第四十五条: refusing suitable work three times stops
 * the member's own share, and his add-on with it. */
static void test_amount__s1_art34_work_refusal(void **state)
{
	(void)state;
	amount_params p;
	amount_member m[3] = {adult("张三"), adult("李四"), adult("王五")};
	dib_arena a;

	dib_arena_init(&a, 0, 0);
	amount_params_default(&p);
	p.addon[AMOUNT_CAT_SERIOUS_ILL] = (amount_value){AMOUNT_VALUE_FIXED, 0, 10000};
	m[1].cover = AMOUNT_WORK_REFUSAL;
	m[1].health = CODES_SERIOUS;
	amount_input in = household(52800, AMOUNT_PER_MONTH, 20000, m, 3);
	amount_result r = run(&a, &p, &in);
	assert_int_equal(r.covered, 2);
	assert_int_equal(r.base_fen, 65600);
	assert_int_equal(r.addon_fen, 0);
	const amount_line *l = find_line(&r, "停发本人部分 · 李四");
	assert_non_null(l);
	assert_int_equal(l->fen, 0);
	assert_non_null(strstr(l->basis, "第三十四条"));
	/* Everyone refusing: nobody covered. */
	m[0].cover = m[2].cover = AMOUNT_WORK_REFUSAL;
	expect_refused(&p, &in, "没有保障成员");
	dib_arena_release(&a);
}

/* S1 第二十三条 分档: bands of per-capita income, each a share of the
 * standard or a fixed amount per person; the band bounds are exclusive. */
static void test_amount__s1_art23_banded_by_income(void **state)
{
	(void)state;
	static const amount_band bands[] = {
		{"一档", 10000, {AMOUNT_VALUE_SHARE, 10000, 0}},
		{"二档", 30000, {AMOUNT_VALUE_SHARE, 8000, 0}},
		{NULL, 52800, {AMOUNT_VALUE_FIXED, 0, 15000}},
	};
	static const struct {
		dib_fen income;
		int band;
		dib_fen per_person;
	} t[] = {
		{0, 1, 52800},     {9999, 1, 52800},  {10000, 2, 42240}, {29999, 2, 42240},
		{30000, 3, 15000}, {52799, 3, 15000}, {52800, 0, 0},     {99999, 0, 0},
	};
	amount_params p;
	amount_member m[2] = {adult(NULL), adult(NULL)};

	amount_params_default(&p);
	p.method = AMOUNT_BANDED;
	p.bands = bands;
	p.nbands = DIB_ARRAY_LEN(bands);
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		dib_arena a;
		dib_arena_init(&a, 0, 0);
		amount_input in = household(52800, AMOUNT_PER_MONTH, t[i].income, m, 2);
		amount_result r = run(&a, &p, &in);
		if (r.band != t[i].band || r.per_person_fen != t[i].per_person ||
		    r.total_fen != t[i].per_person * 2)
			fail_msg("income %lld: band %d per person %lld", (long long)t[i].income,
				 r.band, (long long)r.per_person_fen);
		if (t[i].band == 3)
			assert_non_null(strstr(find_line(&r, "分档")->formula, "属第 3 档"));
		dib_arena_release(&a);
	}
	dib_arena a;
	dib_arena_init(&a, 0, 0);
	amount_input in = household(52800, AMOUNT_PER_MONTH, 10000, m, 2);
	amount_result r = run(&a, &p, &in);
	assert_string_equal(find_line(&r, "分档")->formula,
			    "月人均收入 100.00 < 300.00，属二档：标准 528.00 × 80% = 422.40 元/人");
	assert_string_equal(find_line(&r, "分档金额")->formula,
			    "422.40 × 2 人（全户施保）= 844.80 元");
	dib_arena_release(&a);

	/* Bands that stop below the standard leave a gap: refused, not guessed. */
	p.nbands = 2;
	in.income_pc_fen = 40000;
	expect_refused(&p, &in, "分档表没有覆盖月人均收入 400.00 元");
}

/* Seed 004: rural 低保 graded 一至四类; S1 第二十三条 "按困难程度和人员情况分档". */
static void test_amount__s1_art23_banded_by_grade(void **state)
{
	(void)state;
	static const amount_band grades[] = {
		{"一类", 0, {AMOUNT_VALUE_SHARE, 10000, 0}},
		{"二类", 0, {AMOUNT_VALUE_SHARE, 7000, 0}},
		{"三类", 0, {AMOUNT_VALUE_FIXED, 0, 8000}},
		{"四类", 0, {AMOUNT_VALUE_FIXED, 0, 5000}},
	};
	static const struct {
		int grade;
		dib_fen per_person;
	} t[] = {{1, 35917}, {2, 25142}, {3, 8000}, {4, 5000}};
	amount_params p;
	amount_member m[3] = {adult(NULL), adult(NULL), adult(NULL)};

	amount_params_default(&p);
	p.method = AMOUNT_BANDED;
	p.band_key = AMOUNT_BAND_BY_GRADE;
	p.bands = grades;
	p.nbands = 4;
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		dib_arena a;
		dib_arena_init(&a, 0, 0);
		amount_input in = household(431000, AMOUNT_PER_YEAR, 5000, m, 3);
		in.grade = t[i].grade;
		amount_result r = run(&a, &p, &in);
		/* 35917 × 70% = 25141.9 → 25142 (fen, half-up) */
		assert_int_equal(r.per_person_fen, t[i].per_person);
		assert_int_equal(r.total_fen, t[i].per_person * 3);
		assert_int_equal(r.band, t[i].grade);
		dib_arena_release(&a);
	}
	amount_input in = household(431000, AMOUNT_PER_YEAR, 5000, m, 3);
	in.grade = 5;
	expect_refused(&p, &in, "低保类别 5 不在分档表 1–4 之内");
	in.grade = 0;
	expect_refused(&p, &in, "低保类别 0 不在分档表");
	/* Income at the standard: not eligible, whatever the grade. */
	dib_arena a;
	dib_arena_init(&a, 0, 0);
	in.grade = 1;
	in.income_pc_fen = 35917;
	assert_int_equal(run(&a, &p, &in).total_fen, 0);
	dib_arena_release(&a);
}

static void test_amount__input_refused(void **state)
{
	(void)state;
	amount_params p;
	amount_member m[AMOUNT_MAX_MEMBERS + 1];

	amount_params_default(&p);
	for (size_t i = 0; i < DIB_ARRAY_LEN(m); i++)
		m[i] = adult(NULL);
	amount_input in = household(52800, AMOUNT_PER_MONTH, 0, m, 0);
	expect_refused(&p, &in, "家庭成员人数为 0");
	in.nmembers = AMOUNT_MAX_MEMBERS + 1;
	expect_refused(&p, &in, "家庭成员人数 100 超过 99");
	in.nmembers = 1;
	in.standard_fen = 0;
	expect_refused(&p, &in, "低保标准 0 分不正确");
	in.standard_fen = AMOUNT_MAX_FEN + 1;
	expect_refused(&p, &in, "低保标准 1000000000001 分不正确");
	in.standard_fen = 52800;
	in.income_pc_fen = -1;
	expect_refused(&p, &in, "月人均收入 -1 分不正确");
	in.income_pc_fen = AMOUNT_MAX_FEN + 1;
	expect_refused(&p, &in, "月人均收入 1000000000001 分不正确");
	in.income_pc_fen = 0;
	in.personal_income_fen = -5;
	expect_refused(&p, &in, "本人月收入 -5 分不正确");
	in.personal_income_fen = 0;
	in.month = (dib_month){2025, 13};
	expect_refused(&p, &in, "发放月份 2025-13 不正确");
	in.month = MARCH_2025;
	m[0].birth = (dib_date){2025, 2, 30};
	expect_refused(&p, &in, "成员 1  的出生日期不正确");
	m[0] = adult("甲");
	m[0].disability_grade = 5;
	expect_refused(&p, &in, "成员 1 甲 的残疾等级 5 不正确");
	m[0] = adult("甲");
	m[0].cover = (enum amount_cover)7;
	expect_refused(&p, &in, "成员 1 甲 的保障状态不正确");
	m[0] = adult("甲");
	p.elderly_age = 200;
	expect_refused(&p, &in, "参数 \"老年人年龄\" 为 200，应在 40–120 之间");
}

static void test_amount__params_check(void **state)
{
	(void)state;
	static const amount_band up_down[] = {
		{"一档", 30000, {AMOUNT_VALUE_SHARE, 10000, 0}},
		{"二档", 30000, {AMOUNT_VALUE_SHARE, 5000, 0}},
	};
	static const amount_band none[] = {{"一档", 30000, {AMOUNT_VALUE_NONE, 0, 0}}};
	static const amount_band zero_bound[] = {{"一档", 0, {AMOUNT_VALUE_FIXED, 0, 100}}};
	amount_band many[AMOUNT_MAX_BANDS + 1];
	for (size_t i = 0; i < DIB_ARRAY_LEN(many); i++)
		many[i] = (amount_band){NULL, (dib_fen)(i + 1) * 100, {AMOUNT_VALUE_FIXED, 0, 1}};
	amount_params p;
	dib_err err;

	amount_params_default(&p);
	dib_err_clear(&err);
	assert_int_equal(amount_params_check(&p, &err), DIB_OK);

	struct {
		amount_params p;
		const char *msg;
	} t[12];
	size_t n = 0;
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++)
		amount_params_default(&t[i].p);
	t[n].p.method = (enum amount_method)2, t[n++].msg = "参数 \"计算方法\" 不正确";
	t[n].p.rounding.unit = (enum money_unit)3, t[n++].msg = "参数 \"保障金取整\" 不正确";
	t[n].p.yearly_rounding.mode = (enum money_mode)3, t[n++].msg = "参数 \"年标准折月取整\" 不正确";
	t[n].p.minimum_fen = -1, t[n++].msg = "参数 \"保底金额\" 为 -1，应在 0–1000000000000 之间";
	t[n].p.addon[AMOUNT_CAT_MINOR] = (amount_value){AMOUNT_VALUE_SHARE, -10, 0},
	t[n++].msg = "参数 \"分类施保（未成年人）\" 为 -10，应在 0–100000 之间";
	t[n].p.minor_age = 0, t[n++].msg = "参数 \"未成年人年龄\" 为 0，应在 1–30 之间";
	t[n].p.method = AMOUNT_BANDED, t[n++].msg = "分档法需要至少一个档位";
	t[n].p.method = AMOUNT_BANDED, t[n].p.bands = up_down, t[n].p.nbands = 2,
	t[n++].msg = "第 2 档的收入上限应高于第 1 档";
	t[n].p.method = AMOUNT_BANDED, t[n].p.bands = none, t[n].p.nbands = 1,
	t[n++].msg = "第 1 档没有设定金额";
	t[n].p.method = AMOUNT_BANDED, t[n].p.bands = zero_bound, t[n].p.nbands = 1,
	t[n++].msg = "参数 \"档位收入上限\" 为 0，应在 1–1000000000000 之间";
	t[n].p.method = AMOUNT_BANDED, t[n].p.bands = many, t[n].p.nbands = DIB_ARRAY_LEN(many),
	t[n++].msg = "参数 \"档位数\" 为 17，应在 1–16 之间";
	t[n].p.severe_grade_max = 5, t[n++].msg = "参数 \"重度残疾最高等级\" 为 5，应在 0–4 之间";
	assert_int_equal(n, DIB_ARRAY_LEN(t));
	for (size_t i = 0; i < n; i++) {
		dib_err_clear(&err);
		assert_int_equal(amount_params_check(&t[i].p, &err), DIB_EINVAL);
		assert_string_equal(err.msg, t[i].msg);
	}
	/* By grade, the income bounds are not used and need not ascend. */
	p.method = AMOUNT_BANDED;
	p.band_key = AMOUNT_BAND_BY_GRADE;
	p.bands = zero_bound;
	p.nbands = 1;
	assert_int_equal(amount_params_check(&p, NULL), DIB_OK);
}

/* The bounds make int64 overflow impossible: the largest accepted values
 * compute exactly, one fen more is refused. */
static void test_amount__overflow_safe_large_values(void **state)
{
	(void)state;
	amount_params p;
	amount_member m[AMOUNT_MAX_MEMBERS];
	dib_arena a;

	dib_arena_init(&a, 0, 0);
	amount_params_default(&p);
	for (int c = 0; c < AMOUNT_CAT_COUNT; c++)
		p.addon[c] = (amount_value){AMOUNT_VALUE_SHARE, AMOUNT_MAX_BP, 0};
	p.addon_stack = AMOUNT_STACK_SUM;
	p.minimum_fen = AMOUNT_MAX_FEN;
	p.minimum_basis = AMOUNT_MIN_PERSON;
	for (size_t i = 0; i < DIB_ARRAY_LEN(m); i++)
		m[i] = (amount_member){NULL, {2020, 1, 1}, CODES_DIS_MENTAL, 1, CODES_SERIOUS,
				       true, AMOUNT_COVERED};
	amount_input in = household(AMOUNT_MAX_FEN, AMOUNT_PER_MONTH, 0, m, AMOUNT_MAX_MEMBERS);
	amount_result r = run(&a, &p, &in);
	/* base: 10^12 × 99; add-ons: 4 categories (a child is not elderly)
	 * × 10 × 10^12 × 99 */
	assert_int_equal(r.base_fen, INT64_C(99000000000000));
	assert_int_equal(r.addon_fen, INT64_C(3960000000000000));
	assert_int_equal(r.total_fen, INT64_C(4059000000000000));
	assert_true(r.total_fen > 0);

	in.standard_unit = AMOUNT_PER_YEAR;
	r = run(&a, &p, &in);
	assert_int_equal(r.standard_month_fen, INT64_C(83333333333)); /* 10^12 / 12 */
	dib_arena_release(&a);

	in.standard_fen = AMOUNT_MAX_FEN + 1;
	expect_refused(&p, &in, "低保标准");
	in.standard_fen = INT64_MAX;
	expect_refused(&p, &in, "低保标准");
	in.standard_fen = 52800;
	in.income_pc_fen = INT64_MIN;
	expect_refused(&p, &in, "月人均收入");
}

/* The sheet a clerk prints: every step, in order, ending in the total. */
static void test_amount__calculation_sheet(void **state)
{
	(void)state;
	amount_params p;
	amount_member m[4] = {
		{"王大", {1950, 1, 1}, 0, 0, 1, false, AMOUNT_COVERED},
		{"李二", {1955, 1, 1}, 0, 0, 1, false, AMOUNT_COVERED},
		{"王三", {1985, 1, 1}, 0, 0, 1, false, AMOUNT_COVERED},
		{"王小", {2016, 1, 1}, 0, 0, 1, false, AMOUNT_COVERED},
	};
	dib_arena a;

	dib_arena_init(&a, 0, 0);
	amount_params_default(&p);
	p.rounding = (money_rounding){MONEY_YUAN, MONEY_HALF_UP};
	p.addon[AMOUNT_CAT_ELDERLY] = (amount_value){AMOUNT_VALUE_SHARE, 1000, 0};
	amount_input in = household(431000, AMOUNT_PER_YEAR, 20050, m, 4);
	amount_result r = run(&a, &p, &in);
	static const struct {
		const char *label, *formula;
		dib_fen fen;
	} want[] = {
		{"低保标准", "4,310.00 元/人·年 ÷ 12 个月，按分四舍五入 = 359.17 元/人·月", 35917},
		{"家庭月人均收入", "(核算期计入收入 - 扣减) ÷ 核算月数 ÷ 家庭人数，见收入核算", 20050},
		{"人均补差", "359.17 - 200.50 = 158.67 元", 15867},
		{"补差额", "158.67 × 4 人（全户施保）= 634.68 元", 63468},
		{"取整", "634.68 元按元四舍五入 = 635.00 元", 63500},
		{"保障金", "635.00 元", 63500},
		{"分类施保 · 王大", "老年人（75 周岁）：标准 359.17 × 10% = 35.92 元；按元四舍五入 = 36.00 元", 3600},
		{"分类施保 · 李二", "老年人（70 周岁）：标准 359.17 × 10% = 35.92 元；按元四舍五入 = 36.00 元", 3600},
		{"分类施保金合计", "72.00 元", 7200},
		{"月发放合计", "保障金 635.00 + 分类施保金 72.00 = 707.00 元", 70700},
	};
	assert_int_equal(r.nlines, DIB_ARRAY_LEN(want));
	for (size_t i = 0; i < DIB_ARRAY_LEN(want); i++) {
		assert_string_equal(r.lines[i].label, want[i].label);
		assert_string_equal(r.lines[i].formula, want[i].formula);
		assert_int_equal(r.lines[i].fen, want[i].fen);
	}
	assert_non_null(strstr(r.lines[2].basis, "《最低生活保障审核确认办法》第二十三条"));
	assert_int_equal(r.total_fen, 70700);

	/* Not eligible: a short sheet that says why. */
	in.income_pc_fen = 35917;
	r = run(&a, &p, &in);
	assert_int_equal(r.nlines, 4);
	assert_string_equal(r.lines[2].formula, "月人均收入 359.17 元不低于低保标准 359.17 元，不予补差");
	assert_string_equal(r.lines[3].formula, "不符合补差条件，不予发放");
	dib_arena_release(&a);
}

/* From income items to the amount: the two modules print as one sheet. */
static void test_amount__end_to_end_with_assessment(void **state)
{
	(void)state;
	assess_params ap;
	amount_params p;
	const char *names[3] = {"赵一", "钱二", "孙三"};
	assess_income_item inc[] = {
		{0, CODES_INCOME_WAGE, ASSESS_COUNTED, 0, "打零工", 80000, ASSESS_MONTHLY, 0},
		{1, CODES_INCOME_TRANSFER, ASSESS_EXCL_PREFERENTIAL, 0, "优待抚恤金", 30000,
		 ASSESS_MONTHLY, 0},
		{-1, CODES_INCOME_PROPERTY, ASSESS_COUNTED, 0, "土地流转租金", 60000,
		 ASSESS_PERIOD, 0},
	};
	assess_household h = {3, names, inc, DIB_ARRAY_LEN(inc), NULL, 0, NULL, 0};
	amount_member m[3] = {adult("赵一"), adult("钱二"), adult("孙三")};
	dib_arena a;
	dib_err err;
	assess_income_result ir;

	dib_arena_init(&a, 0, 0);
	dib_err_clear(&err);
	assess_params_default(&ap);
	ap.period_months = 6; /* the worked example below; the default is 12 */
	ap.wage_cost_bp = 1000;
	assert_int_equal(assess_income(&ap, &h, -1, &a, &ir, &err), DIB_OK);
	/* (480000 + 60000 − 48000) / 3 / 6 = 27333.33 → 27333 */
	assert_int_equal(ir.per_capita_fen, 27333);
	amount_params_default(&p);
	amount_input in = household(431000, AMOUNT_PER_YEAR, ir.per_capita_fen, m, 3);
	amount_result r = run(&a, &p, &in);
	assert_int_equal(r.total_fen, (35917 - 27333) * 3);
	assert_int_equal(ir.lines[ir.nlines - 1].fen, r.lines[1].fen);
	dib_arena_release(&a);
}

/* Issue 4 item 9: the amount is never negative and never increases when
 * income increases, over a spread of parameters and households. */
static void test_amount__property_monotone_never_negative(void **state)
{
	(void)state;
	static const amount_band bands[] = {
		{NULL, 15000, {AMOUNT_VALUE_SHARE, 10000, 0}},
		{NULL, 35000, {AMOUNT_VALUE_SHARE, 6000, 0}},
		{NULL, AMOUNT_MAX_FEN, {AMOUNT_VALUE_FIXED, 0, 9000}},
	};
	static const money_rounding rs[] = {
		{MONEY_FEN, MONEY_HALF_UP}, {MONEY_JIAO, MONEY_UP}, {MONEY_YUAN, MONEY_DOWN},
		{MONEY_YUAN, MONEY_HALF_UP},
	};
	uint64_t seed = 88172645463325252u;
	amount_member m[6];

	for (size_t i = 0; i < DIB_ARRAY_LEN(m); i++)
		m[i] = (amount_member){NULL, {1950 + 12 * (int)i, 7, 1}, CODES_DIS_MENTAL,
				       (int)i % 5, i % 2 ? CODES_SERIOUS : CODES_HEALTHY, false,
				       AMOUNT_COVERED};
	for (int trial = 0; trial < 200; trial++) {
		amount_params p;
		amount_params_default(&p);
		seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
		p.method = seed & 1 ? AMOUNT_BANDED : AMOUNT_GAP;
		p.bands = bands;
		p.nbands = DIB_ARRAY_LEN(bands);
		p.rounding = rs[(seed >> 1) % DIB_ARRAY_LEN(rs)];
		p.minimum_fen = (dib_fen)((seed >> 3) % 3) * 1500;
		p.minimum_basis = (seed >> 5) & 1 ? AMOUNT_MIN_PERSON : AMOUNT_MIN_HOUSEHOLD;
		p.addon[AMOUNT_CAT_ELDERLY] = (amount_value){AMOUNT_VALUE_SHARE, 1500, 0};
		p.addon[AMOUNT_CAT_SEVERE] = (amount_value){AMOUNT_VALUE_FIXED, 0, 7000};
		p.addon_stack = (seed >> 6) & 1 ? AMOUNT_STACK_SUM : AMOUNT_STACK_HIGHEST;
		dib_fen standard = 30000 + (dib_fen)((seed >> 8) % 40000);
		size_t n = 1 + (size_t)((seed >> 24) % DIB_ARRAY_LEN(m));
		dib_fen prev = INT64_MAX;
		dib_arena a;
		dib_arena_init(&a, 0, 0);
		for (dib_fen income = 0; income <= standard + 200; income += 37) {
			amount_input in = household(standard, AMOUNT_PER_MONTH, income, m, n);
			amount_result r = run(&a, &p, &in);
			if (r.total_fen < 0 || r.total_fen > prev)
				fail_msg("trial %d income %lld: total %lld after %lld", trial,
					 (long long)income, (long long)r.total_fen, (long long)prev);
			assert_true(r.eligible || r.total_fen == 0);
			prev = r.total_fen;
			dib_arena_reset(&a);
		}
		dib_arena_release(&a);
	}
}

/* Out of memory is an ordinary error, and the result is untouched. */
static void test_amount__out_of_memory(void **state)
{
	(void)state;
	amount_params p;
	amount_member m[2] = {adult("甲"), adult("乙")};
	dib_arena a;
	dib_err err;
	amount_result r;

	amount_params_default(&p);
	dib_arena_init(&a, 256, 256);
	dib_err_clear(&err);
	memset(&r, 0x5a, sizeof r);
	amount_input in = household(52800, AMOUNT_PER_MONTH, 100, m, 2);
	assert_int_equal(amount_compute(&p, &in, &a, &r, &err), DIB_ENOMEM);
	assert_int_equal(r.total_fen, 0x5a5a5a5a5a5a5a5a);
	dib_arena_release(&a);
}

static void test_amount__texts(void **state)
{
	(void)state;
	static const struct {
		int32_t bp;
		const char *want;
	} t[] = {{1000, "10%"}, {1250, "12.5%"}, {33, "0.33%"}, {0, "0%"}, {15000, "150%"},
		 {5, "0.05%"}, {-250, "-2.5%"}};
	char buf[AMOUNT_BP_STR];

	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++)
		assert_string_equal(amount_bp_text(t[i].bp, buf), t[i].want);
	assert_string_equal(amount_rounding_text((money_rounding){MONEY_JIAO, MONEY_UP}),
			    "按角进位");
	assert_string_equal(amount_rounding_text((money_rounding){MONEY_YUAN, MONEY_DOWN}),
			    "按元舍去");
	assert_string_equal(amount_rounding_text((money_rounding){MONEY_FEN, MONEY_HALF_UP}),
			    "按分四舍五入");
}

/* amount_gap_base, the payroll's month-by-month recomputation, gives the
 * 保障金 amount_compute gives, for every rounding and minimum. */
static void test_amount__gap_base_equals_compute(void **state)
{
	(void)state;
	static const struct {
		dib_fen standard, income, minimum;
		int covered;
		enum money_unit unit;
		enum amount_min_basis basis;
		dib_fen want;
	} t[] = {
		{ 52800, 20000, 0, 3, MONEY_FEN, AMOUNT_MIN_HOUSEHOLD, 98400 },
		{ 52800, 52799, 0, 1, MONEY_FEN, AMOUNT_MIN_HOUSEHOLD, 1 },
		{ 52800, 52799, 3000, 1, MONEY_FEN, AMOUNT_MIN_HOUSEHOLD, 3000 },
		{ 52800, 52000, 3000, 2, MONEY_FEN, AMOUNT_MIN_PERSON, 6000 },
		{ 35917, 12345, 0, 2, MONEY_YUAN, AMOUNT_MIN_HOUSEHOLD, 47100 },
		{ 35917, 12345, 0, 2, MONEY_JIAO, AMOUNT_MIN_HOUSEHOLD, 47140 },
		{ 52800, 52800, 3000, 1, MONEY_FEN, AMOUNT_MIN_HOUSEHOLD, 0 }, /* not eligible */
		{ 52800, 60000, 0, 4, MONEY_FEN, AMOUNT_MIN_HOUSEHOLD, 0 },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		amount_params p;
		amount_params_default(&p);
		p.minimum_fen = t[i].minimum;
		p.minimum_basis = t[i].basis;
		p.rounding.unit = t[i].unit;
		dib_fen got = amount_gap_base(&p, t[i].standard, t[i].income, t[i].covered);
		if (got != t[i].want)
			fail_msg("row %zu: %lld, want %lld", i, (long long)got, (long long)t[i].want);
		if (t[i].want == 0)
			continue;
		amount_member m[4] = { adult(NULL), adult(NULL), adult(NULL), adult(NULL) };
		amount_input in = household(t[i].standard, AMOUNT_PER_MONTH, t[i].income, m,
					    (size_t)t[i].covered);
		dib_arena a;
		dib_arena_init(&a, 4096, 0);
		amount_result r = run(&a, &p, &in);
		if (r.base_fen != got)
			fail_msg("row %zu: compute %lld, gap_base %lld", i, (long long)r.base_fen,
				 (long long)got);
		dib_arena_release(&a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_amount__s1_art23_gap_method),
		cmocka_unit_test(test_amount__yearly_standard_to_monthly),
		cmocka_unit_test(test_amount__s1_art23_rounding_modes),
		cmocka_unit_test(test_amount__s1_art23_minimum_payment),
		cmocka_unit_test(test_amount__s1_art27_classified_addons),
		cmocka_unit_test(test_amount__categories_and_birthdays),
		cmocka_unit_test(test_amount__s1_art8_single_person),
		cmocka_unit_test(test_amount__s7_whole_household),
		cmocka_unit_test(test_amount__s1_art34_work_refusal),
		cmocka_unit_test(test_amount__s1_art23_banded_by_income),
		cmocka_unit_test(test_amount__s1_art23_banded_by_grade),
		cmocka_unit_test(test_amount__input_refused),
		cmocka_unit_test(test_amount__params_check),
		cmocka_unit_test(test_amount__overflow_safe_large_values),
		cmocka_unit_test(test_amount__calculation_sheet),
		cmocka_unit_test(test_amount__end_to_end_with_assessment),
		cmocka_unit_test(test_amount__property_monotone_never_negative),
		cmocka_unit_test(test_amount__out_of_memory),
		cmocka_unit_test(test_amount__texts),
		cmocka_unit_test(test_amount__gap_base_equals_compute),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
