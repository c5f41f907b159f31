/*
 * test_assessment.c — svc/assessment.h on a fresh SQLite database with
 * register households, standards and local parameters: table tests named
 * after the articles of regulations.md §1 (S1 = 民发〔2021〕57号) — the gap
 * method with the county's rounding and the boundary at the standard
 * (第二十三条), excluded and out-of-period income (第十三条), the asset
 * tests with their reasons (第十四条), a household of one, the rural yearly
 * standard turned monthly, single-person coverage (第八条), the add-ons
 * (第二十七条), the "3+1" score, the JSON answer, refused input, and the
 * property that the amount is never negative and never rises with income.
 * Single-threaded.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "core/codes.h"
#include "store/store.h"
#include "store/store_household.h"
#include "store/store_region.h"
#include "svc/assessment.h"
#include "svc/case_rules.h"
#include "svc/params.h"
#include "svc/standard.h"

#include <setjmp.h>
#include <stdarg.h>
#include <unistd.h>
#include <cmocka.h>

#define FX_TMPDIR "/tmp/dib_assess_XXXXXX"
#include "../store/fixture_register.h"

static const dib_date today = {2026, 6, 15};

/* ---- the register ---- */

static int64_t next_id = 1; /* income, asset and disability rows; persons' ID numbers */

static int64_t add_household(struct fx *fx, const char *no, const char *village)
{
	store_household h;
	memset(&h, 0, sizeof h);
	snprintf(h.county, sizeof h.county, "%.6s", village);
	h.hh_no = no;
	snprintf(h.village_code, sizeof h.village_code, "%s", village);
	h.address = "幸福路 1 号";
	h.registration = 1;
	int64_t id = 0;
	OK(store_begin(fx->s, &fx->err));
	OK(store_household_insert(fx->s, &h, &id, &fx->err));
	OK(store_commit(fx->s, &fx->err));
	return id;
}

/* A person born on birth ("YYYY-MM-DD") joins household hid. */
static int64_t add_member(struct fx *fx, int64_t hid, const char *name, const char *birth,
			  int relation, int health)
{
	store_household g;
	OK(store_household_get(fx->s, hid, &fx->a, &g, &fx->err));
	store_person p;
	memset(&p, 0, sizeof p);
	snprintf(p.county, sizeof p.county, "%s", g.county);
	/* 18 characters, unique in the test: county, birth date, a sequence */
	char idno[32];
	snprintf(idno, sizeof idno, "410726%.4s%.2s%.2s%03dX", birth, birth + 5, birth + 8,
		 (int)(next_id++ % 1000));
	memcpy(p.id_number, idno, IDCARD_LEN);
	p.id_number[IDCARD_LEN] = '\0';
	p.name = name;
	p.sex = 1;
	snprintf(p.birth_date, sizeof p.birth_date, "%s", birth);
	p.health = health;
	p.labour = 1;
	int64_t pid = 0, mid = 0;
	OK(store_begin(fx->s, &fx->err));
	OK(store_person_insert(fx->s, &p, &pid, &fx->err));
	store_membership m;
	memset(&m, 0, sizeof m);
	snprintf(m.county, sizeof m.county, "%s", g.county);
	m.household_id = hid;
	m.person_id = pid;
	m.relation = relation;
	snprintf(m.start_date, sizeof m.start_date, "2020-01-01");
	OK(store_membership_insert(fx->s, &m, &mid, &fx->err));
	OK(store_commit(fx->s, &fx->err));
	return pid;
}

/* An income item; person 0 is the household; from/to NULL are open. */
static int64_t add_income(struct fx *fx, int64_t hid, int64_t pid, int kind, const char *item,
			  int64_t monthly, const char *from, const char *to)
{
	char sql[512], p[24], f[16], t[16];
	int64_t id = next_id++;
	snprintf(p, sizeof p, pid ? "%lld" : "NULL", (long long)pid);
	snprintf(f, sizeof f, from ? "'%s'" : "NULL", from ? from : "");
	snprintf(t, sizeof t, to ? "'%s'" : "NULL", to ? to : "");
	snprintf(sql, sizeof sql,
		 "INSERT INTO income_items (county, id, household_id, person_id, kind, item,"
		 " monthly_fen, period_from, period_to) VALUES ('410726', %lld, %lld, %s, %d, '%s',"
		 " %lld, %s, %s)",
		 (long long)id, (long long)hid, p, kind, item, (long long)monthly, f, t);
	OK(store_exec(fx->s, sql, &fx->err));
	return id;
}

static int64_t add_asset(struct fx *fx, int64_t hid, int64_t pid, const char *kind,
			 const char *desc, int64_t value)
{
	char sql[512], p[24];
	int64_t id = next_id++;
	snprintf(p, sizeof p, pid ? "%lld" : "NULL", (long long)pid);
	snprintf(sql, sizeof sql,
		 "INSERT INTO asset_items (county, id, household_id, person_id, kind, description,"
		 " value_fen) VALUES ('410726', %lld, %lld, %s, '%s', '%s', %lld)",
		 (long long)id, (long long)hid, p, kind, desc, (long long)value);
	OK(store_exec(fx->s, sql, &fx->err));
	return id;
}

static void add_disability(struct fx *fx, int64_t pid, int category, int grade)
{
	char sql[256];
	snprintf(sql, sizeof sql,
		 "INSERT INTO disabilities (county, id, person_id, category, grade) VALUES"
		 " ('410726', %lld, %lld, %d, %d)",
		 (long long)next_id++, (long long)pid, category, grade);
	OK(store_exec(fx->s, sql, &fx->err));
}

/* ---- rules, standards, the run ---- */

static void set_param(struct fx *fx, const char *scope, const char *key, const char *value,
		      const char *from)
{
	struct params_set_req r = {.key = key, .value = value, .scope = scope, .from = from};
	struct params_set_result res;
	OK(params_set(fx->s, NULL, "test", &r, today, &res, &fx->err));
}

static void set_standard(struct fx *fx, const char *county, const char *program,
			 const char *from, int64_t fen)
{
	struct standard_set_req q = {.county = county, .program = program, .from = from,
				     .amount_fen = fen};
	OK(standard_set(fx->s, NULL, "test", &q, today, NULL, &fx->err));
}

/* 城市低保 528 元/人·月 (seed 001) and 农村低保 4310 元/人·年 in 延津县 since
 * 2025; 封丘县 has only the rural one. */
static int setup_std(void **state)
{
	setup(state);
	struct fx *fx = *state;
	next_id = 1;
	set_standard(fx, "410726", "dibao_urban", "2025-01-01", 52800);
	set_standard(fx, "410726", "dibao_rural", "2025-01-01", 431000);
	set_standard(fx, "410727", "dibao_rural", "2025-01-01", 431000);
	return 0;
}

static struct assessment run(struct fx *fx, int64_t hid, const char *program, dib_date on,
			     const struct assessment_opts *o)
{
	struct case_rules rules;
	struct assessment r;
	OK(case_rules_load(fx->s, "410726", on, &fx->a, &rules, &fx->err));
	OK(assessment_run(fx->s, hid, program, on, &rules, o, &fx->a, &r, &fx->err));
	return r;
}

/* The sheet has a line label whose formula contains part. */
static void expect_line(const struct assessment *r, const char *label, const char *part)
{
	for (size_t i = 0; i < r->nlines; i++)
		if (!strcmp(r->lines[i].label, label) && strstr(r->lines[i].formula, part))
			return;
	for (size_t i = 0; i < r->nlines; i++)
		print_message("  %s | %s | %lld\n", r->lines[i].label, r->lines[i].formula,
			      (long long)r->lines[i].fen);
	fail_msg("no line \"%s\" with \"%s\"", label, part);
}

static void expect_in(const char *text, const char *part)
{
	if (!text || !strstr(text, part))
		fail_msg("\"%s\" lacks \"%s\"", text ? text : "(null)", part);
}

/* The last line is the total and says what was paid. */
static void expect_total(const struct assessment *r)
{
	assert_true(r->nlines > 0);
	assert_string_equal(r->lines[r->nlines - 1].label, "月发放合计");
	assert_int_equal(r->lines[r->nlines - 1].fen, r->amount_fen);
}

/* A household of three adults: head, spouse, son. */
static int64_t three(struct fx *fx, const char *no, int64_t p[3])
{
	int64_t h = add_household(fx, no, "410726101201");
	p[0] = add_member(fx, h, "张三", "1976-03-01", CODES_REL_HEAD, CODES_HEALTHY);
	p[1] = add_member(fx, h, "李四", "1978-07-01", CODES_REL_SPOUSE, CODES_HEALTHY);
	p[2] = add_member(fx, h, "张五", "2001-09-01", CODES_REL_SON, CODES_HEALTHY);
	return h;
}

/* ---- S1 第二十三条: the gap method ---- */

/* (standard − per-capita) × persons, rounded by the county's rule; income
 * at the standard gives nothing. The county rounds to the yuan from
 * 2026-06-01 on. */
static void test_assessment__s1_art23_gap_method(void **state)
{
	struct fx *fx = *state;
	set_param(fx, "410726", "amount.rounding_unit", "yuan", "2026-06-01");
	static const struct {
		const char *name;
		int64_t wage;        /* the head's monthly wage, the whole period */
		dib_date on;
		int64_t pc, amount;
		bool eligible;
		const char *cls;
	} t[] = {
		{"no income", 0, {2026, 5, 15}, 0, 158400, true, "dibao"},
		{"wage 1500", 150000, {2026, 5, 15}, 50000, 8400, true, "dibao"},
		/* 1,200,000 / 3 / 12 = 33333.33 → 33333; (52800 − 33333) × 3 = 58401 */
		{"fen rounding (before the county's rule)", 100000, {2026, 5, 15}, 33333, 58401,
		 true, "dibao"},
		{"the county rounds to the yuan", 100000, {2026, 6, 15}, 33333, 58400, true,
		 "dibao"},
		/* one fen below the standard: 3 fen to pay, to the fen */
		{"one fen below", 158397, {2026, 5, 15}, 52799, 3, true, "dibao"},
		{"exactly at the standard", 158400, {2026, 6, 15}, 52800, 0, false, "edge"},
		{"above the edge line", 240000, {2026, 6, 15}, 80000, 0, false, "above"},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		char no[16];
		int64_t p[3];
		snprintf(no, sizeof no, "G%zu", i);
		int64_t h = three(fx, no, p);
		if (t[i].wage)
			add_income(fx, h, p[0], CODES_INCOME_WAGE, "工资", t[i].wage, NULL, NULL);
		struct assessment r = run(fx, h, "dibao_urban", t[i].on, NULL);
		if (r.per_capita_fen != t[i].pc || r.amount_fen != t[i].amount ||
		    r.eligible != t[i].eligible || strcmp(r.class_code, t[i].cls))
			fail_msg("%s: pc %lld amount %lld eligible %d class %s — %s", t[i].name,
				 (long long)r.per_capita_fen, (long long)r.amount_fen, r.eligible,
				 r.class_code, r.conclusion);
		assert_int_equal(r.npersons, 3);
		assert_int_equal(r.standard_fen, 52800);
		assert_int_equal(r.period_months, 12);
		assert_int_equal(r.amount_fen >= 0, true);
		expect_total(&r);
		if (t[i].eligible) {
			assert_int_equal(r.covered, 3);
			expect_line(&r, "补差额", "× 3 人（全户施保）");
			expect_in(r.conclusion, "符合低保条件：保障 3 人");
		} else {
			expect_in(r.conclusion, "不符合低保条件");
		}
	}
	/* the rounding line names the county's rule */
	int64_t p[3];
	int64_t h = three(fx, "GR", p);
	add_income(fx, h, p[0], CODES_INCOME_WAGE, "工资", 100000, NULL, NULL);
	struct assessment r = run(fx, h, "dibao_urban", today, NULL);
	expect_line(&r, "取整", "按元四舍五入 = 584.00 元");
	expect_line(&r, "家庭月人均收入", "12,000.00 ÷ 3 人 ÷ 12 个月，按分四舍五入 = 333.33 元");
	expect_line(&r, "核算期", "2025-06-01 至 2026-05-31，共 12 个月");
	expect_in(r.conclusion, "家庭月人均收入 333.33 元低于城市低保标准 528.00 元");
}

/* A household of one (S2 第二十七条: 人数 = 1). */
static void test_assessment__s1_art23_household_of_one(void **state)
{
	struct fx *fx = *state;
	int64_t h = add_household(fx, "ONE", "410726101201");
	int64_t p = add_member(fx, h, "孤一", "1970-01-01", CODES_REL_HEAD, CODES_CHRONIC);
	add_income(fx, h, p, CODES_INCOME_WAGE, "零工", 20000, NULL, NULL);
	struct assessment r = run(fx, h, "dibao_urban", today, NULL);
	assert_int_equal(r.npersons, 1);
	assert_int_equal(r.covered, 1);
	assert_int_equal(r.per_capita_fen, 20000);
	assert_int_equal(r.amount_fen, 32800);
	assert_true(r.eligible);
	expect_line(&r, "补差额", "328.00 × 1 人（全户施保）= 328.00 元");
	expect_total(&r);
	assert_int_equal(r.persons[0].person_id, p);
	assert_int_equal(r.persons[0].age, 56);
	assert_string_equal(r.persons[0].name, "孤一");
}

/* ---- S1 第十三条: what income counts ---- */

static void test_assessment__s1_art13_excluded_income(void **state)
{
	struct fx *fx = *state;
	int64_t h = add_household(fx, "EX", "410726101201");
	int64_t a = add_member(fx, h, "王一", "1960-05-01", CODES_REL_HEAD, CODES_HEALTHY);
	int64_t b = add_member(fx, h, "王二", "1990-05-01", CODES_REL_SON, CODES_HEALTHY);
	add_income(fx, h, b, CODES_INCOME_WAGE, "工资", 60000, NULL, NULL);
	add_income(fx, h, a, CODES_INCOME_TRANSFER, "优待抚恤金", 50000, NULL, NULL);
	add_income(fx, h, a, CODES_INCOME_TRANSFER, "城乡居民基础养老金", 12000, NULL, NULL);
	add_income(fx, h, 0, CODES_INCOME_TRANSFER, "临时救助金", 30000, NULL, NULL);
	add_income(fx, h, a, CODES_INCOME_TRANSFER, "残疾人护理补贴", 8000, NULL, NULL);
	int64_t support = add_income(fx, h, a, CODES_INCOME_TRANSFER, "赡养费", 20000, NULL, NULL);
	/* three months inside the period (2026-03 … 05) */
	add_income(fx, h, b, CODES_INCOME_WAGE, "打零工", 30000, "2026-03-01", NULL);
	/* outside the period: left out */
	add_income(fx, h, b, CODES_INCOME_WAGE, "旧工作", 100000, "2024-01-01", "2024-12-31");
	/* a wage is never read as a benefit, whatever its name */
	add_income(fx, h, b, CODES_INCOME_WAGE, "抚恤金管理员工资", 1000, NULL, NULL);

	struct assessment r = run(fx, h, "dibao_urban", today, NULL);
	/* counted: (60000 + 20000 + 1000) × 12 + 30000 × 3 */
	assert_int_equal(r.counted_fen, 81000 * 12 + 90000);
	assert_int_equal(r.excluded_fen, (50000 + 12000 + 30000 + 8000) * 12);
	assert_int_equal(r.per_capita_fen, (81000 * 12 + 90000) / 24); /* 44250 */
	assert_int_equal(r.incomes_left_out, 1);
	expect_line(&r, "不计入 · 优待抚恤金", "王一 优待抚恤金");
	expect_line(&r, "不计入 · 城乡居民基本养老保险基础养老金", "不计入家庭收入");
	expect_line(&r, "不计入 · 政府发放的社会救助款物", "全家 临时救助金");
	expect_line(&r, "不计入 · 困难残疾人生活补贴、重度残疾人护理补贴", "残疾人护理补贴");
	expect_line(&r, "工资性收入", "王二 打零工：300.00 元/月 × 3 个月 = 900.00 元");
	expect_line(&r, "未计入 · 王二 旧工作", "2024-01-01 至 2024-12-31 不在核算期内");
	assert_true(r.eligible);
	assert_int_equal(r.amount_fen, (52800 - 44250) * 2);

	/* the clerk waives the support paid (S7 一（一）) */
	struct assessment_opts o = {.waived_income_ids = &support, .nwaived_incomes = 1};
	r = run(fx, h, "dibao_urban", today, &o);
	assert_int_equal(r.counted_fen, 61000 * 12 + 90000);
	expect_line(&r, "不计入 · 成年无业重度残疾人的供养费", "赡养费");

	/* a former member's income is not the household's (S1 第七条) */
	int64_t gone = add_member(fx, h, "王走", "1985-01-01", CODES_REL_SON, CODES_HEALTHY);
	add_income(fx, h, gone, CODES_INCOME_WAGE, "工资", 500000, NULL, NULL);
	store_membership m;
	bool found = false;
	OK(store_person_membership(fx->s, gone, &fx->a, &m, &found, &fx->err));
	assert_true(found);
	OK(store_begin(fx->s, &fx->err));
	OK(store_membership_end(fx->s, m.id, "2026-02-01", "分户", &fx->err));
	OK(store_commit(fx->s, &fx->err));
	r = run(fx, h, "dibao_urban", today, NULL);
	assert_int_equal(r.npersons, 2);
	assert_int_equal(r.counted_fen, 81000 * 12 + 90000);
	assert_int_equal(r.incomes_left_out, 2);
	expect_line(&r, "未计入 · 王走 工资", "已不是本户共同生活家庭成员，其收入不计入");
}

/* ---- S1 第十四条: the asset tests ---- */

static void test_assessment__s1_art14_asset_tests(void **state)
{
	struct fx *fx = *state;
	int64_t p[3];
	int64_t h = three(fx, "AS", p);
	add_income(fx, h, p[0], CODES_INCOME_WAGE, "工资", 90000, NULL, NULL);
	add_asset(fx, h, p[0], "vehicle", "两轮摩托车", 300000);   /* exempt */
	add_asset(fx, h, 0, "house", "自建房", 8000000);           /* the one dwelling */
	int64_t car = add_asset(fx, h, p[2], "vehicle", "小型轿车 豫G12345", 6000000);

	/* the second vehicle is a car: the household fails with the reason */
	struct assessment r = run(fx, h, "dibao_urban", today, NULL);
	assert_false(r.assets_pass);
	assert_false(r.eligible);
	assert_int_equal(r.amount_fen, 0);
	assert_string_equal(r.class_code, "above");
	assert_int_equal(r.vehicles, 1);
	assert_int_equal(r.nasset_failures, 1);
	assert_string_equal(r.asset_failures[0].test_code, "vehicle");
	assert_int_equal(r.asset_failures[0].asset_id, 0); /* a test of the count */
	expect_in(r.asset_failures[0].reason, "家庭有机动车 1 辆（“小型轿车 豫G12345”），超过允许的 0 辆");
	expect_in(r.asset_failures[0].basis, "第十四条");
	expect_in(r.conclusion, "不符合低保条件：家庭财产不符合规定，家庭有机动车 1 辆");
	expect_line(&r, "财产不符合 · 机动车", "小型轿车 豫G12345");
	expect_line(&r, "月发放合计", "家庭财产不符合规定，不予发放");
	expect_total(&r);

	/* the clerk finds the car necessary (S1 第十四条 豁免): eligible */
	struct assessment_opts o = {.necessary_asset_ids = &car, .nnecessary_assets = 1};
	r = run(fx, h, "dibao_urban", today, &o);
	assert_true(r.assets_pass);
	assert_true(r.eligible);
	assert_int_equal(r.amount_fen, (52800 - 30000) * 3);
	expect_line(&r, "财产核查", "机动车 0 辆、居住用房 1 套");

	/* a county that allows vehicles */
	set_param(fx, "410726", "asset.vehicle_allowed", "true", "2026-06-01");
	r = run(fx, h, "dibao_urban", today, NULL);
	assert_true(r.assets_pass);

	/* deposits over 24 months of the standard per person; a second home;
	 * a shop; a registered business */
	int64_t q[3];
	int64_t h2 = three(fx, "AS2", q);
	add_asset(fx, h2, q[0], "deposit", "银行存款", 3000000);
	add_asset(fx, h2, q[1], "securities", "基金", 1000000);
	add_asset(fx, h2, 0, "house", "住房 A", 1);
	add_asset(fx, h2, 0, "house", "住房 B", 1);
	int64_t shop = add_asset(fx, h2, 0, "house", "临街商铺", 1);
	int64_t firm = add_asset(fx, h2, q[0], "business", "个体工商户 雇工 3 人", 1);
	r = run(fx, h2, "dibao_urban", today, NULL);
	assert_false(r.assets_pass);
	assert_int_equal(r.financial_fen, 4000000);
	assert_int_equal(r.financial_cap_fen, 24 * 52800 * 3);
	static const char *const tests[] = {"financial", "dwelling", "nonresidential",
					    "business"};
	assert_int_equal(r.nasset_failures, DIB_ARRAY_LEN(tests));
	for (size_t i = 0; i < DIB_ARRAY_LEN(tests); i++)
		assert_string_equal(r.asset_failures[i].test_code, tests[i]);
	assert_int_equal(r.asset_failures[2].asset_id, shop);
	assert_int_equal(r.asset_failures[3].asset_id, firm);
	expect_in(r.asset_failures[3].reason, "有雇工经营的市场主体");
	expect_line(&r, "金融资产", "上限 24 个月 × 528.00 元 × 3 人 = 38,016.00 元，超过上限");
	/* every reason in the sentence */
	for (size_t i = 0; i < r.nasset_failures; i++)
		expect_in(r.conclusion, r.asset_failures[i].reason);
	expect_in(r.conclusion, "38,016.00 元）；家庭有居住用房 2 套");
}

/* ---- the rural standard per year ---- */

static void test_assessment__rural_yearly_standard(void **state)
{
	struct fx *fx = *state;
	int64_t h = add_household(fx, "R1", "410726101201");
	add_member(fx, h, "农一", "1965-01-01", CODES_REL_HEAD, CODES_HEALTHY);
	add_member(fx, h, "农二", "1967-01-01", CODES_REL_SPOUSE, CODES_HEALTHY);
	/* 4310 元 ÷ 12 = 359.1666… → 359.17 to the fen (the default) */
	struct assessment r = run(fx, h, "dibao_rural", today, NULL);
	assert_int_equal(r.standard_unit, AMOUNT_PER_YEAR);
	assert_int_equal(r.standard_amount_fen, 431000);
	assert_int_equal(r.standard_fen, 35917);
	assert_int_equal(r.amount_fen, 35917 * 2);
	expect_line(&r, "低保标准", "4,310.00 元/人·年 ÷ 12 个月，按分四舍五入 = 359.17 元/人·月");
	expect_in(r.conclusion, "农村低保标准 359.17 元");
	/* the county turns yearly standards monthly to the yuan, rounding down */
	set_param(fx, "410726", "standard.rural_monthly_rounding_unit", "yuan", "2026-06-01");
	set_param(fx, "410726", "standard.rural_monthly_rounding_mode", "down", "2026-06-01");
	r = run(fx, h, "dibao_rural", today, NULL);
	assert_int_equal(r.standard_fen, 35900);
	assert_int_equal(r.amount_fen, 35900 * 2);
	expect_line(&r, "低保标准", "按元舍去 = 359.00 元/人·月");
	/* the same figure as the standards service's */
	dib_fen monthly = 0;
	OK(standard_monthly(fx->s, "410726", "dibao_rural", today, &monthly, &fx->err));
	assert_int_equal(monthly, r.standard_fen);
}

/* ---- S1 第八条: single-person coverage (单人保) ---- */

static void test_assessment__s1_art8_single_person(void **state)
{
	struct fx *fx = *state;
	int64_t p[3];
	int64_t h = three(fx, "S1", p);
	/* 2,400,000 / 36 = 66,666.67: above the standard, below the edge line */
	add_income(fx, h, p[0], CODES_INCOME_WAGE, "工资", 200000, NULL, NULL);
	add_disability(fx, p[1], CODES_DIS_PHYSICAL, 1);

	struct assessment r = run(fx, h, "dibao_urban", today, NULL);
	assert_string_equal(r.class_code, "edge");
	assert_false(r.eligible);
	assert_int_equal(r.edge_line_fen, 79200);
	expect_line(&r, "低保边缘收入线", "528.00 × 150% = 792.00 元");

	static const struct {
		int who;         /* index into p */
		bool eligible;
		int64_t amount;
		const char *sentence;
	} t[] = {
		{1, true, 52800, "李四 属低保边缘家庭中的一级重度残疾人，按单人保纳入：本人月收入 0.00 元"},
		{2, false, 0, "张五 没有一级、二级残疾或三级智力、精神残疾，也未患重病"},
		/* the head: neither disabled nor ill */
		{0, false, 0, "张三 没有一级、二级残疾"},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		struct assessment_opts o = {.single_person_id = p[t[i].who]};
		r = run(fx, h, "dibao_urban", today, &o);
		if (r.eligible != t[i].eligible || r.amount_fen != t[i].amount)
			fail_msg("row %zu: eligible %d amount %lld — %s", i, r.eligible,
				 (long long)r.amount_fen, r.conclusion);
		expect_in(r.conclusion, t[i].sentence);
		assert_int_equal(r.coverage, AMOUNT_SINGLE);
		assert_int_equal(r.single_person_id, p[t[i].who]);
		assert_int_equal(r.covered, 1);
		assert_int_equal(r.persons[t[i].who].cover, AMOUNT_COVERED);
		assert_int_equal(r.persons[(t[i].who + 1) % 3].cover, AMOUNT_OUTSIDE);
		expect_total(&r);
	}
	/* the sheet of the covered person: his own income */
	struct assessment_opts o = {.single_person_id = p[1]};
	r = run(fx, h, "dibao_urban", today, &o);
	expect_line(&r, "单人保 · 本人收入", "李四 单独纳入时按本人收入核算");
	expect_line(&r, "补差额", "528.00 × 1 人（单人保）= 528.00 元");
	assert_int_equal(r.personal_income_fen, 0);

	/* a household that qualifies as a whole is never covered by one member */
	int64_t q[3];
	int64_t h2 = three(fx, "S2", q);
	add_disability(fx, q[1], CODES_DIS_MENTAL, 3);
	o.single_person_id = q[1];
	r = run(fx, h2, "dibao_urban", today, &o);
	assert_string_equal(r.class_code, "dibao");
	assert_false(r.eligible);
	assert_int_equal(r.amount_fen, 0);
	expect_in(r.conclusion, "应全户纳入，不得只把个别成员纳入");

	/* 成年无业重度残疾人 (S7 一（一）): a household above the edge line */
	int64_t s[3];
	int64_t h3 = three(fx, "S3", s);
	add_income(fx, h3, s[0], CODES_INCOME_WAGE, "工资", 400000, NULL, NULL);
	add_disability(fx, s[2], CODES_DIS_INTELLECTUAL, 2);
	o.single_person_id = s[2];
	r = run(fx, h3, "dibao_urban", today, &o);
	assert_string_equal(r.class_code, "above");
	assert_true(r.eligible);
	expect_in(r.conclusion, "成年无业重度残疾人（参照单人户）");
	/* with a wage of his own he is not 无业 */
	add_income(fx, h3, s[2], CODES_INCOME_WAGE, "福利工厂工资", 10000, NULL, NULL);
	r = run(fx, h3, "dibao_urban", today, &o);
	assert_false(r.eligible);
	expect_in(r.conclusion, "家庭不属低保边缘家庭");
}

/* ---- S1 第二十七条: the add-ons (分类施保) ---- */

static void test_assessment__s1_art27_addons(void **state)
{
	struct fx *fx = *state;
	set_param(fx, "410726", "addon.elderly.method", "share", "2026-01-01");
	set_param(fx, "410726", "addon.elderly.share_bp", "10%", "2026-01-01");
	set_param(fx, "410726", "addon.ill.method", "fixed", "2026-01-01");
	set_param(fx, "410726", "addon.ill.fixed_fen", "50", "2026-01-01");
	int64_t h = add_household(fx, "AD", "410726101201");
	add_member(fx, h, "老一", "1950-01-01", CODES_REL_HEAD, CODES_HEALTHY);
	add_member(fx, h, "病二", "1980-01-01", CODES_REL_SON, CODES_SERIOUS);
	struct assessment r = run(fx, h, "dibao_urban", today, NULL);
	assert_int_equal(r.base_fen, 52800 * 2);
	assert_int_equal(r.addon_fen, 5280 + 5000);
	assert_int_equal(r.amount_fen, 52800 * 2 + 10280);
	expect_line(&r, "分类施保 · 老一", "老年人（76 周岁）");
	expect_line(&r, "分类施保 · 病二", "重病患者");
	assert_int_equal(r.persons[1].health, CODES_SERIOUS);
	expect_total(&r);
}

/* ---- seed 004: the "3+1" score ---- */

static void test_assessment__seed004_score(void **state)
{
	struct fx *fx = *state;
	int64_t p[3];
	int64_t h = three(fx, "SC", p);
	struct assessment r = run(fx, h, "dibao_urban", today, NULL);
	assert_false(r.scored);

	assess_vote v = {true, 9, 7, 8, 1, 0};
	struct assessment_opts o = {.vote = &v};
	r = run(fx, h, "dibao_urban", today, &o);
	assert_true(r.scored);
	assert_int_equal(r.score.measured, 1000); /* no income */
	assert_true(r.score.vote_valid);          /* 7 of 9 are representatives */
	assert_int_equal(r.score.vote, 888);      /* 8 of 9 votes */
	assert_int_equal(r.score.score, (1000 * 5000 + 888 * 5000) / 10000);
	assert_int_equal(r.score.lean, ASSESS_LEAN_SUPPORT);
	assert_true(r.score.nreasons > 0);

	/* a failed registration caps the measured side */
	o.registration_fails = true;
	r = run(fx, h, "dibao_urban", today, &o);
	assert_int_equal(r.score.measured, 0);
}

/* ---- the JSON answer ---- */

static void test_assessment__json(void **state)
{
	struct fx *fx = *state;
	int64_t p[3];
	int64_t h = three(fx, "JS", p);
	add_income(fx, h, p[0], CODES_INCOME_WAGE, "工资", 150000, NULL, NULL);
	add_asset(fx, h, 0, "vehicle", "小型轿车", 5000000);
	assess_vote v = {true, 3, 3, 1, 2, 0};
	struct assessment_opts o = {.vote = &v};
	struct assessment r = run(fx, h, "dibao_urban", today, &o);
	json_t *j = assessment_json(&r);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "program")), "dibao_urban");
	assert_string_equal(json_string_value(json_object_get(j, "on")), "2026-06-15");
	assert_int_equal(json_integer_value(json_object_get(j, "standard_fen")), 52800);
	assert_int_equal(json_integer_value(json_object_get(j, "per_capita_income_fen")), 50000);
	assert_int_equal(json_integer_value(json_object_get(j, "amount_fen")), 0);
	assert_string_equal(json_string_value(json_object_get(j, "class")), "above");
	assert_false(json_is_true(json_object_get(j, "eligible")));
	assert_string_equal(json_string_value(json_object_get(j, "conclusion")), r.conclusion);
	json_t *inc = json_object_get(j, "income");
	assert_int_equal(json_integer_value(json_object_get(inc, "counted_fen")), 1800000);
	json_t *assets = json_object_get(j, "assets");
	assert_false(json_is_true(json_object_get(assets, "pass")));
	json_t *f = json_array_get(json_object_get(assets, "failures"), 0);
	assert_string_equal(json_string_value(json_object_get(f, "test")), "vehicle");
	assert_true(json_is_null(json_object_get(f, "asset_id")));
	json_t *members = json_object_get(j, "members");
	assert_int_equal(json_array_size(members), 3);
	json_t *m0 = json_array_get(members, 0);
	assert_string_equal(json_string_value(json_object_get(m0, "name")), "张三");
	assert_string_equal(json_string_value(json_object_get(m0, "relation_name")), "户主");
	assert_string_equal(json_string_value(json_object_get(m0, "cover")), "covered");
	json_t *sheet = json_object_get(j, "sheet");
	assert_int_equal(json_array_size(sheet), r.nlines);
	json_t *last = json_array_get(sheet, r.nlines - 1);
	assert_string_equal(json_string_value(json_object_get(last, "label")), "月发放合计");
	assert_true(json_is_integer(json_object_get(last, "fen")));
	json_t *sc = json_object_get(j, "score");
	assert_string_equal(json_string_value(json_object_get(sc, "lean")), "oppose");
	assert_true(json_is_array(json_object_get(sc, "reasons")));
	char *text = json_dumps(j, JSON_COMPACT);
	assert_non_null(text);
	free(text);
	json_decref(j);
}

/* ---- refused ---- */

static void test_assessment__refused(void **state)
{
	struct fx *fx = *state;
	struct case_rules rules, other;
	struct assessment r;
	int64_t p[3];
	int64_t h = three(fx, "RF", p);
	OK(case_rules_load(fx->s, "410726", today, &fx->a, &rules, &fx->err));
	OK(case_rules_load(fx->s, "410727", today, &fx->a, &other, &fx->err));

	memset(&r, 0x5a, sizeof r);
	FAILS(DIB_EINVAL, "救助项目 \"tekun_central\" 不是低保",
	      assessment_run(fx->s, h, "tekun_central", today, &rules, NULL, &fx->a, &r, &fx->err));
	FAILS(DIB_ENOTFOUND, NULL,
	      assessment_run(fx->s, 9999, "dibao_urban", today, &rules, NULL, &fx->a, &r, &fx->err));
	FAILS(DIB_EINTERNAL, NULL,
	      assessment_run(fx->s, h, "dibao_urban", today, &other, NULL, &fx->a, &r, &fx->err));
	struct assessment_opts o = {.single_person_id = 424242};
	FAILS(DIB_EINVAL, "人员 (ID 424242) 不是户 \"RF\" 的共同生活家庭成员",
	      assessment_run(fx->s, h, "dibao_urban", today, &rules, &o, &fx->a, &r, &fx->err));
	int64_t bogus = 777777;
	struct assessment_opts o2 = {.necessary_asset_ids = &bogus, .nnecessary_assets = 1};
	FAILS(DIB_EINVAL, "财产 (ID 777777) 不属于户",
	      assessment_run(fx->s, h, "dibao_urban", today, &rules, &o2, &fx->a, &r, &fx->err));
	struct assessment_opts o3 = {.waived_income_ids = &bogus, .nwaived_incomes = 1};
	FAILS(DIB_EINVAL, "收入项目 (ID 777777) 不属于户",
	      assessment_run(fx->s, h, "dibao_urban", today, &rules, &o3, &fx->a, &r, &fx->err));
	/* no standard in force: before 2025, and in a county without one */
	FAILS(DIB_ECONFLICT, "县 410726 在 2024-12-31 没有生效的城市低保标准",
	      assessment_run(fx->s, h, "dibao_urban", (dib_date){2024, 12, 31}, &rules, NULL,
			     &fx->a, &r, &fx->err));
	int64_t h7 = add_household(fx, "FQ", "410727100201");
	add_member(fx, h7, "封一", "1970-01-01", CODES_REL_HEAD, CODES_HEALTHY);
	FAILS(DIB_ECONFLICT, "县 410727 在 2026-06-15 没有生效的城市低保标准",
	      assessment_run(fx->s, h7, "dibao_urban", today, &other, NULL, &fx->a, &r, &fx->err));
	/* a household without members */
	int64_t empty = add_household(fx, "EM", "410726101201");
	FAILS(DIB_ECONFLICT, "户 \"EM\" 没有共同生活家庭成员，无法核算",
	      assessment_run(fx->s, empty, "dibao_urban", today, &rules, NULL, &fx->a, &r,
			     &fx->err));
	/* the banded method needs the household's grade */
	set_param(fx, "410726", "amount.method", "banded", "2026-06-01");
	set_param(fx, "410726", "amount.band1_fen", "300", "2026-06-01");
	OK(case_rules_load(fx->s, "410726", today, &fx->a, &rules, &fx->err));
	FAILS(DIB_EINVAL, "低保类别 0 不在分档表 1–1 之内",
	      assessment_run(fx->s, h, "dibao_urban", today, &rules, NULL, &fx->a, &r, &fx->err));
	assert_int_equal(r.household_id, 0x5a5a5a5a5a5a5a5a);
	struct assessment_opts g = {.grade = 1};
	OK(assessment_run(fx->s, h, "dibao_urban", today, &rules, &g, &fx->a, &r, &fx->err));
	assert_int_equal(r.amount_fen, 30000 * 3);
}

/* ---- property: never negative, never more for more income ---- */

static void test_assessment__property_monotone_never_negative(void **state)
{
	struct fx *fx = *state;
	/* a county with a minimum, rounding up to the jiao and an elderly add-on */
	set_param(fx, "410726", "amount.minimum_fen", "30", "2026-01-01");
	set_param(fx, "410726", "amount.rounding_unit", "jiao", "2026-01-01");
	set_param(fx, "410726", "amount.rounding_mode", "up", "2026-01-01");
	set_param(fx, "410726", "addon.elderly.method", "share", "2026-01-01");
	set_param(fx, "410726", "addon.elderly.share_bp", "20%", "2026-01-01");
	int64_t h = add_household(fx, "PR", "410726101201");
	int64_t a = add_member(fx, h, "甲", "1950-01-01", CODES_REL_HEAD, CODES_HEALTHY);
	int64_t b = add_member(fx, h, "乙", "1985-01-01", CODES_REL_SON, CODES_HEALTHY);
	add_member(fx, h, "丙", "2015-01-01", CODES_REL_GRANDCHILD, CODES_HEALTHY);
	int64_t wage = add_income(fx, h, b, CODES_INCOME_WAGE, "工资", 0, NULL, NULL);
	add_income(fx, h, a, CODES_INCOME_TRANSFER, "养老金", 12345, NULL, NULL);
	struct case_rules rules;
	OK(case_rules_load(fx->s, "410726", today, &fx->a, &rules, &fx->err));

	for (int program = 0; program < 2; program++) {
		const char *prog = program ? "dibao_rural" : "dibao_urban";
		int64_t prev = INT64_MAX;
		bool was_eligible = true;
		for (int64_t w = 0; w <= 300000; w += 3779) {
			char sql[160];
			snprintf(sql, sizeof sql, "UPDATE income_items SET monthly_fen = %lld WHERE id = %lld",
				 (long long)w, (long long)wage);
			OK(store_exec(fx->s, sql, &fx->err));
			struct assessment r;
			dib_arena ra; /* one run's memory; the rules stay in fx->a */
			dib_arena_init(&ra, 0, 0);
			OK(assessment_run(fx->s, h, prog, today, &rules, NULL, &ra, &r, &fx->err));
			if (r.amount_fen < 0 || r.amount_fen > prev)
				fail_msg("%s wage %lld: amount %lld after %lld", prog, (long long)w,
					 (long long)r.amount_fen, (long long)prev);
			if (r.eligible && !was_eligible)
				fail_msg("%s wage %lld: eligible again", prog, (long long)w);
			assert_int_equal(r.eligible, r.amount_fen > 0);
			prev = r.amount_fen;
			was_eligible = r.eligible;
			dib_arena_release(&ra);
		}
		assert_int_equal(prev, 0); /* the range ends above the standard */
	}
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup_std, teardown)
	const struct CMUnitTest tests[] = {
		T(test_assessment__s1_art23_gap_method),
		T(test_assessment__s1_art23_household_of_one),
		T(test_assessment__s1_art13_excluded_income),
		T(test_assessment__s1_art14_asset_tests),
		T(test_assessment__rural_yearly_standard),
		T(test_assessment__s1_art8_single_person),
		T(test_assessment__s1_art27_addons),
		T(test_assessment__seed004_score),
		T(test_assessment__json),
		T(test_assessment__refused),
		T(test_assessment__property_monotone_never_negative),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
