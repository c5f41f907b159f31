/*
 * test_case_rules.c — svc/case_rules.h on a fresh SQLite database: with
 * nothing stored every field equals the catalogue's national default (the
 * catalogue is the one source of truth, including the three values where
 * the core structs used to differ: a 12-month period, 3 and 15 working
 * days); every catalogue key is read and lands in its field (a county
 * override of every key at once); a province's or city's value reaches
 * its counties and a county's own wins; values that pass the catalogue but
 * not the core checks, and stored text that passes neither, are DIB_EDB
 * naming the parameter, with the output untouched.
 * Single-threaded.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "core/params.h"
#include "store/store.h"
#include "store/store_region.h"
#include "svc/case_rules.h"
#include "svc/params.h"

#include <setjmp.h>
#include <stdarg.h>
#include <unistd.h>
#include <cmocka.h>

#define FX_TMPDIR "/tmp/dib_rules_XXXXXX"
#include "../store/fixture_register.h"

static const dib_date today = {2026, 6, 15};

/* The catalogue's raw value (fen, bp, number, 0/1, choice index) that the
 * field loaded for key stands for: the mapping of case_rules.h read back. */
static int64_t field_of(const struct case_rules *r, const char *k)
{
	const assess_params *as = &r->assess;
	const amount_params *am = &r->amount;
	const struct wf_params *wf = &r->wf;
	static const char *const cats[] = {"elderly", "minor", "disabled", "ill"};
	static const enum amount_category cat[] = {AMOUNT_CAT_ELDERLY, AMOUNT_CAT_MINOR,
						   AMOUNT_CAT_SEVERE, AMOUNT_CAT_SERIOUS_ILL};
	char key[PARAMS_KEY_MAX];

#define IS(name) (!strcmp(k, (name)))
	if (IS("asset.vehicle_allowed")) return as->vehicles_allowed > 0;
	if (IS("asset.second_dwelling_allowed")) return as->dwellings_allowed == 2;
	if (IS("asset.deposit_months")) return as->financial_months;
	if (IS("asset.business_allowed")) return as->business_rule == ASSESS_BUSINESS_NONE;
	if (IS("income.employment_cost_bp")) return as->wage_cost_bp;
	if (IS("income.period_months")) return as->period_months;
	if (IS("edge.income_bp")) return as->edge_bp;
	if (IS("amount.method")) return am->method == AMOUNT_BANDED;
	for (int i = 1; i <= CASE_RULES_BANDS; i++) {
		snprintf(key, sizeof key, "amount.band%d_fen", i);
		if (IS(key)) {
			assert_int_equal(am->band_key, AMOUNT_BAND_BY_GRADE);
			assert_int_equal(am->bands[i - 1].value.kind, AMOUNT_VALUE_FIXED);
			return am->bands[i - 1].value.fixed_fen;
		}
	}
	if (IS("amount.minimum_fen")) return am->minimum_fen;
	if (IS("amount.rounding_unit") || IS("standard.rural_monthly_rounding_unit")) {
		money_rounding m = IS("amount.rounding_unit") ? am->rounding : am->yearly_rounding;
		return m.unit == MONEY_FEN ? 0 : m.unit == MONEY_JIAO ? 1 : 2;
	}
	if (IS("amount.rounding_mode")) return am->rounding.mode;
	if (IS("standard.rural_monthly_rounding_mode")) return am->yearly_rounding.mode;
	for (size_t i = 0; i < DIB_ARRAY_LEN(cats); i++) {
		const amount_value *v = &am->addon[cat[i]];
		snprintf(key, sizeof key, "addon.%s.method", cats[i]);
		if (IS(key)) return v->kind; /* none 0, share 1, fixed 2 */
		snprintf(key, sizeof key, "addon.%s.share_bp", cats[i]);
		if (IS(key)) return v->share_bp;
		snprintf(key, sizeof key, "addon.%s.fixed_fen", cats[i]);
		if (IS(key)) return v->fixed_fen;
	}
	if (IS("addon.elderly.min_age")) return am->elderly_age;
	if (IS("addon.minor.max_age")) return am->minor_age;
	if (IS("addon.disabled.max_grade")) return am->severe_grade_max;
	if (IS("dibao.rural_grades")) return r->rural_grades;
	if (IS("review.spot_check_bp")) return r->spot_check_bp;
	if (IS("review.stable_months")) return r->stable_review_months;
	if (IS("review.variable_months")) return r->variable_review_months;
	if (IS("phaseout.max_months")) return r->phaseout_max_months;
	if (IS("workflow.confirm_authority")) return wf->delegated;
	if (IS("limit.accept_workdays")) return wf->accept_days;
	if (IS("limit.investigation_workdays")) return wf->investigation_start_days;
	if (IS("limit.check_workdays")) return wf->check_start_days;
	if (IS("limit.township_review_workdays")) return wf->township_review_days;
	if (IS("limit.public_notice_days")) return wf->notice_days;
	if (IS("limit.county_review_workdays")) return wf->county_review_days;
	if (IS("limit.refusal_notice_workdays")) return wf->refusal_notice_days;
	if (IS("limit.case_workdays")) return wf->case_days;
	if (IS("limit.case_extended_workdays")) return wf->case_days_extended;
	if (IS("limit.case_delegated_workdays")) return wf->case_days_delegated;
	if (IS("inbox.due_soon_workdays")) return wf->due_soon_days;
	if (IS("coverage.phaseout_from")) return r->cov.phaseout_from; /* income 0, decision 1 */
	if (IS("coverage.phaseout_share_bp")) return r->cov.phaseout_share_bp;
	if (IS("coverage.effective_same_month")) return r->cov.effective_same_month;
	if (IS("coverage.work_refusal_window_months")) return r->cov.work_refusal_window_months;
	const struct benefit_params *b = &r->benefit;
	if (IS("benefit.disab_living_edge")) return b->disab_living_edge;
	if (IS("benefit.disab_care_grade2_bp")) return b->disab_care_grade2_bp;
	if (IS("benefit.disab_care_mental34")) return b->disab_care_mental34;
	if (IS("benefit.disab_care_mental34_bp")) return b->disab_care_mental34_bp;
	if (IS("benefit.tekun_care_self_fen")) return b->tekun_care_fen[BENEFIT_CARE_SELF];
	if (IS("benefit.tekun_care_half_fen")) return b->tekun_care_fen[BENEFIT_CARE_HALF];
	if (IS("benefit.tekun_care_full_fen")) return b->tekun_care_fen[BENEFIT_CARE_FULL];
	if (IS("benefit.orphan_topup")) return b->orphan_topup;
	for (int i = 1; i <= BENEFIT_ELDERLY_BANDS; i++) {
		snprintf(key, sizeof key, "benefit.elderly_band%d_min_age", i);
		if (IS(key)) {
			if (i == 1)
				assert_int_equal(b->elderly[0].fen, 0); /* band 1: the standard */
			return b->elderly[i - 1].min_age;
		}
		snprintf(key, sizeof key, "benefit.elderly_band%d_fen", i);
		if (i > 1 && IS(key)) return b->elderly[i - 1].fen;
	}
	if (IS("benefit.elderly_from_birthday_month")) return b->elderly_from_birthday_month;
	if (IS("benefit.elderly_low_income_only")) return b->elderly_low_income_only;
	if (!strncmp(k, "pay.rhythm.", 11)) {
		int at = pay_program_index(k + 11);
		if (at < 0)
			fail_msg("%s: no such payroll program", k);
		return r->pay.rhythm[at]; /* the choice index is the enum (test_params) */
	}
	if (IS("pay.due_day")) return r->pay.due_day;
	if (IS("pay.yearly_month")) return r->pay.yearly_month;
	if (IS("pay.recovery_max_bp")) return r->pay.recovery_max_bp;
#undef IS
	fail_msg("the test knows no field for catalogue key %s", k);
	return -1;
}

static void set(struct fx *fx, const char *scope, const char *key, const char *value,
		const char *from)
{
	struct params_set_req r = {.key = key, .value = value, .scope = scope, .from = from};
	struct params_set_result res;
	OK(params_set(fx->s, NULL, "test", &r, today, &res, &fx->err));
}

static struct case_rules load(struct fx *fx, const char *county, dib_date on)
{
	struct case_rules r;
	OK(case_rules_load(fx->s, county, on, &fx->a, &r, &fx->err));
	return r;
}

/* Whether key d is a rule of the loader: a text (the payer account) is
 * not — what uses it reads it (case_rules.h). */
static bool is_rule(const params_def *d)
{
	return d->type != PARAMS_TEXT;
}

/* Every field of r equals the catalogue's national default. */
static void expect_defaults(const struct case_rules *r)
{
	for (size_t i = 0; i < params_count(); i++) {
		const params_def *d = params_at(i);
		if (!is_rule(d))
			continue;
		int64_t got = field_of(r, d->key);
		if (got != d->dflt)
			fail_msg("%s: loaded %lld, catalogue default %lld", d->key, (long long)got,
				 (long long)d->dflt);
	}
}

/* The loader reads every catalogue key, each once. */
static void test_case_rules__reads_every_key_once(void **state)
{
	(void)state;
	size_t n = 0;
	const char *const *k = case_rules_keys(&n);
	size_t rules = 0;
	for (size_t i = 0; i < params_count(); i++)
		rules += is_rule(params_at(i));
	assert_int_equal(n, rules);
	for (size_t i = 0; i < params_count(); i++) {
		size_t hits = 0;
		if (!is_rule(params_at(i))) {
			for (size_t j = 0; j < n; j++)
				if (k[j] && !strcmp(k[j], params_at(i)->key))
					fail_msg("%s is no rule of a case", params_at(i)->key);
			continue;
		}
		for (size_t j = 0; j < n; j++)
			hits += k[j] && !strcmp(k[j], params_at(i)->key);
		if (hits != 1)
			fail_msg("catalogue key %s read %zu times", params_at(i)->key, hits);
	}
}

/* Nothing stored: the catalogue's defaults, the core's where it has no key. */
static void test_case_rules__defaults_equal_the_catalogue(void **state)
{
	struct fx *fx = *state;
	struct case_rules r = load(fx, "410726", today);
	assert_string_equal(r.county, "410726");
	assert_int_equal(date_cmp(r.on, today), 0);
	expect_defaults(&r);
	/* the three differences reconciled in the catalogue's favour */
	assert_int_equal(r.assess.period_months, 12);
	assert_int_equal(r.wf.accept_days, 3);
	assert_int_equal(r.wf.township_review_days, 15);
	assert_false(r.wf.delegated);
	/* gap method, no bands in use */
	assert_int_equal(r.amount.method, AMOUNT_GAP);
	assert_int_equal(r.amount.nbands, 0);
	/* no catalogue key: the core default stays */
	assert_int_equal(r.wf.submit_days, 0);
	assert_int_equal(r.wf.eval_share_num, 2);
	assert_int_equal(r.wf.eval_share_den, 3);
	assert_false(r.wf.evaluation_always);
	assert_int_equal(r.assess.pc_rounding.unit, MONEY_FEN);
	assert_int_equal(r.assess.pc_rounding.mode, MONEY_HALF_UP);
	assert_int_equal(r.assess.measured_weight_bp, 5000);
	assert_true(r.assess.excl_pension_base);
	assert_true(r.assess.vehicle_exempt_motorcycle);
	assert_int_equal(r.amount.addon[AMOUNT_CAT_OTHER].kind, AMOUNT_VALUE_NONE);
	assert_int_equal(r.amount.minimum_basis, AMOUNT_MIN_HOUSEHOLD);
	assert_int_equal(r.amount.single_income, AMOUNT_SINGLE_PERSONAL);
	/* a township or village code means its county */
	r = load(fx, "410726101201", today);
	assert_string_equal(r.county, "410726");
}

/* A county sets every key (a consistent set): each lands in its field, the
 * sibling county and an earlier date keep the defaults. */
static void test_case_rules__county_override_of_every_key(void **state)
{
	struct fx *fx = *state;
	static const struct {
		const char *key, *value;
		int64_t raw;
	} t[] = {
		{"asset.vehicle_allowed", "true", 1},
		{"asset.second_dwelling_allowed", "是", 1},
		{"asset.deposit_months", "36", 36},
		{"asset.business_allowed", "true", 1},
		{"income.employment_cost_bp", "10%", 1000},
		{"income.period_months", "6", 6},
		{"amount.method", "banded", 1},
		{"amount.band1_fen", "300", 30000},
		{"amount.band2_fen", "200", 20000},
		{"amount.band3_fen", "100", 10000},
		{"amount.band4_fen", "50", 5000},
		{"amount.minimum_fen", "10", 1000},
		{"amount.rounding_unit", "jiao", 1},
		{"amount.rounding_mode", "up", 1},
		{"standard.rural_monthly_rounding_unit", "yuan", 2},
		{"standard.rural_monthly_rounding_mode", "down", 2},
		{"addon.elderly.method", "share", 1},
		{"addon.elderly.share_bp", "10%", 1000},
		{"addon.elderly.min_age", "70", 70},
		{"addon.minor.method", "fixed", 2},
		{"addon.minor.fixed_fen", "50", 5000},
		{"addon.minor.max_age", "16", 16},
		{"addon.disabled.method", "share", 1},
		{"addon.disabled.share_bp", "20%", 2000},
		{"addon.disabled.max_grade", "3", 3},
		{"addon.ill.method", "fixed", 2},
		{"addon.ill.fixed_fen", "80", 8000},
		{"dibao.rural_grades", "true", 1},
		{"edge.income_bp", "200%", 20000},
		{"review.spot_check_bp", "50%", 5000},
		{"review.stable_months", "24", 24},
		{"review.variable_months", "3", 3},
		{"workflow.confirm_authority", "township", 1},
		{"limit.accept_workdays", "5", 5},
		{"limit.investigation_workdays", "2", 2},
		{"limit.check_workdays", "4", 4},
		{"limit.township_review_workdays", "10", 10},
		{"limit.public_notice_days", "10", 10},
		{"limit.county_review_workdays", "8", 8},
		{"limit.refusal_notice_workdays", "2", 2},
		{"limit.case_workdays", "25", 25},
		{"limit.case_extended_workdays", "40", 40},
		{"limit.case_delegated_workdays", "15", 15},
		{"inbox.due_soon_workdays", "2", 2},
		{"phaseout.max_months", "3", 3},
		{"coverage.phaseout_from", "decision", 1},
		{"coverage.phaseout_share_bp", "50%", 5000},
		{"coverage.effective_same_month", "true", 1},
		{"coverage.work_refusal_window_months", "12", 12},
		{"benefit.disab_living_edge", "true", 1},
		{"benefit.disab_care_grade2_bp", "50%", 5000},
		{"benefit.disab_care_mental34", "是", 1},
		{"benefit.disab_care_mental34_bp", "25%", 2500},
		{"benefit.tekun_care_self_fen", "50", 5000},
		{"benefit.tekun_care_half_fen", "200", 20000},
		{"benefit.tekun_care_full_fen", "400.5", 40050},
		{"benefit.orphan_topup", "true", 1},
		{"benefit.elderly_band1_min_age", "70", 70},
		{"benefit.elderly_band2_min_age", "80", 80},
		{"benefit.elderly_band2_fen", "150", 15000},
		{"benefit.elderly_band3_min_age", "90", 90},
		{"benefit.elderly_band3_fen", "300", 30000},
		{"benefit.elderly_band4_min_age", "100", 100},
		{"benefit.elderly_band4_fen", "500", 50000},
		{"benefit.elderly_band5_min_age", "105", 105},
		{"benefit.elderly_band5_fen", "800", 80000},
		{"benefit.elderly_from_birthday_month", "false", 0},
		{"benefit.elderly_low_income_only", "true", 1},
		{"pay.rhythm.dibao_urban", "按季", 1},
		{"pay.rhythm.dibao_rural", "quarterly", 1},
		{"pay.rhythm.tekun_central", "half_yearly", 2},
		{"pay.rhythm.tekun_dispersed", "yearly", 3},
		{"pay.rhythm.orphan_inst", "按半年", 2},
		{"pay.rhythm.orphan_scattered", "quarterly", 1},
		{"pay.rhythm.child_unsupported", "按年", 3},
		{"pay.rhythm.disab_living", "quarterly", 1},
		{"pay.rhythm.disab_care", "half_yearly", 2},
		{"pay.rhythm.elderly_allowance", "yearly", 3},
		{"pay.due_day", "15", 15},
		{"pay.yearly_month", "12", 12},
		{"pay.recovery_max_bp", "50%", 5000},
	};
	/* every benefit.* and pay.* key is in the table (of the others, the
	 * unused amount of an add-on method is ignored, so it is left out) */
	for (size_t i = 0; i < params_count(); i++) {
		const char *k = params_at(i)->key;
		size_t hits = 0;
		if ((strncmp(k, "benefit.", 8) && strncmp(k, "pay.", 4)) || !is_rule(params_at(i)))
			continue;
		for (size_t j = 0; j < DIB_ARRAY_LEN(t); j++)
			hits += !strcmp(t[j].key, k);
		if (hits != 1)
			fail_msg("the table sets %s %zu times", k, hits);
	}
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++)
		set(fx, "410726", t[i].key, t[i].value, "2026-01-01");
	struct case_rules r = load(fx, "410726", today);
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		int64_t got = field_of(&r, t[i].key);
		if (got != t[i].raw)
			fail_msg("%s = \"%s\": loaded %lld, want %lld", t[i].key, t[i].value,
				 (long long)got, (long long)t[i].raw);
	}
	/* what the mapping means for the rules */
	assert_int_equal(r.assess.vehicles_allowed, CASE_RULES_VEHICLES_ANY);
	assert_int_equal(r.amount.nbands, 4);
	assert_string_equal(r.amount.bands[0].name, "一档");
	assert_int_equal(r.amount.addon[AMOUNT_CAT_ELDERLY].kind, AMOUNT_VALUE_SHARE);
	assert_true(r.wf.delegated);
	assert_int_equal(wf_case_limit(WF_EXT_NONE, &r.wf), 15); /* delegated */
	assert_int_equal(r.pay.rhythm[pay_program_index("tekun_dispersed")], PAY_YEARLY);
	assert_int_equal(r.pay.rhythm[pay_program_index("dibao_urban")], PAY_QUARTERLY);
	assert_int_equal(r.benefit.elderly[4].min_age, 105);
	assert_int_equal(r.benefit.rounding.unit, MONEY_FEN); /* no key: the core default */

	/* bands in use end at the last band with an amount */
	set(fx, "410726", "amount.band4_fen", "0", "2026-03-01");
	r = load(fx, "410726", today);
	assert_int_equal(r.amount.nbands, 3);
	r = load(fx, "410726", (dib_date){2026, 2, 28});
	assert_int_equal(r.amount.nbands, 4);

	/* the sibling county and the day before keep the national values */
	expect_defaults((const struct case_rules[]){load(fx, "410727", today)});
	expect_defaults((const struct case_rules[]){load(fx, "410726", (dib_date){2025, 12, 31})});
}

/* A province's value reaches every county below it, a city's too, and a
 * county's own value wins over both. */
static void test_case_rules__province_override_seen_by_its_counties(void **state)
{
	struct fx *fx = *state;
	set(fx, "41", "edge.income_bp", "200%", "2026-01-01");
	set(fx, "41", "limit.township_review_workdays", "20", "2026-01-01");
	set(fx, "4107", "asset.deposit_months", "36", "2026-02-01");
	set(fx, "410727", "edge.income_bp", "150%", "2026-03-01");
	static const struct {
		const char *county;
		dib_date on;
		int32_t edge;
		int township, months;
	} t[] = {
		{"410726", {2026, 6, 15}, 20000, 20, 36},
		{"410727", {2026, 6, 15}, 15000, 20, 36}, /* its own edge line wins */
		{"410727", {2026, 2, 15}, 20000, 20, 36}, /* before its own: the province's */
		{"410726", {2026, 1, 15}, 20000, 20, 24}, /* before the city's */
		{"410726", {2025, 12, 31}, 15000, 15, 24},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		struct case_rules r = load(fx, t[i].county, t[i].on);
		if (r.assess.edge_bp != t[i].edge || r.wf.township_review_days != t[i].township ||
		    r.assess.financial_months != t[i].months)
			fail_msg("row %zu: edge %d township %d months %d", i, (int)r.assess.edge_bp,
				 r.wf.township_review_days, r.assess.financial_months);
	}
}

/* Values the catalogue takes but the core does not, and stored text the
 * catalogue does not take: DIB_EDB naming the parameter; *out untouched. */
static void test_case_rules__bad_stored_value(void **state)
{
	struct fx *fx = *state;
	struct case_rules r;
	static const struct {
		const char *key, *value, *from, *part;
	} t[] = {
		/* a delegated limit longer than the extended one */
		{"limit.case_delegated_workdays", "50", "2026-01-01",
		 "县 410726 的地方参数 \"确认权下放乡镇时的总时限\" "
		 "(limit.case_delegated_workdays) 为 \"50\"，无法使用"},
		/* an extended limit shorter than the normal one */
		{"limit.case_extended_workdays", "20", "2026-02-01",
		 "(limit.case_extended_workdays) 为 \"20\"，无法使用：特殊情况延长总时限"},
		/* the banded method without a band amount */
		{"amount.method", "banded", "2026-03-01",
		 "(amount.method) 为 \"banded\"，无法使用：分档法需要至少一个档位"},
		/* an elderly band with an age and no amount (benefit_params_check) */
		{"benefit.elderly_band2_min_age", "90", "2026-04-01",
		 "县 410726 的地方参数 \"高龄津贴第二档起始年龄 (0 为不设此档)\" "
		 "(benefit.elderly_band2_min_age) 为 \"90\"，无法使用：高龄津贴第 2 档 (90 周岁起) "
		 "没有设定金额"},
		/* an amount for a band without an age (benefit_params_check) */
		{"benefit.elderly_band3_fen", "300", "2026-05-01",
		 "(benefit.elderly_band3_fen) 为 \"300.00\"，无法使用：高龄津贴第 3 档设定了金额 "
		 "300.00 元，但没有设定起始年龄"},
	};
	/* row i is in force in month i + 1 only: set on its first day, put
	 * right (the national default) on the first of the next month */
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		const params_def *d = params_find(t[i].key);
		char shown[PARAMS_TEXT_MAX], fix[DIB_DATE_STR];
		dib_date from = {2026, 1 + (int)i, 1}, next = {2026, 2 + (int)i, 1};
		set(fx, "410726", t[i].key, t[i].value, t[i].from);
		set(fx, "410726", t[i].key, params_format(d, params_default(d), shown),
		    date_format(next, fix));
		memset(&r, 0x5a, sizeof r);
		FAILS(DIB_EDB, t[i].part, case_rules_load(fx->s, "410726", date_add_days(from, 14),
							  &fx->a, &r, &fx->err));
		assert_int_equal(r.wf.case_days, 0x5a5a5a5a);
		r = load(fx, "410726", next);
		assert_int_equal(field_of(&r, t[i].key), d->dflt);
	}

	/* stored text no catalogue value reads as (a row written by hand) */
	OK(store_exec(fx->s,
		      "INSERT INTO params (scope, key, effective_from, revision, value, created_at,"
		      " created_by) VALUES ('410726000000', 'limit.case_workdays', '2026-06-10', 0,"
		      " 'abc', '2026-06-10T00:00:00Z', 'hand')",
		      &fx->err));
	memset(&r, 0x5a, sizeof r);
	FAILS(DIB_EDB, "审核确认总时限", case_rules_load(fx->s, "410726", today, &fx->a, &r,
							  &fx->err));
	assert_non_null(strstr(fx->err.msg, "存储值 \"abc\""));
	assert_int_equal(r.wf.case_days, 0x5a5a5a5a);
	r = load(fx, "410726", (dib_date){2026, 6, 9}); /* the day before the bad row */
	assert_int_equal(r.wf.case_days, 30);

	/* not a county */
	FAILS(DIB_EINVAL, "不是县级区划代码",
	      case_rules_load(fx->s, "4107", today, &fx->a, &r, &fx->err));
	FAILS(DIB_EINVAL, NULL, case_rules_load(fx->s, "41x", today, &fx->a, &r, &fx->err));
	FAILS(DIB_EINVAL, NULL, case_rules_load(fx->s, NULL, today, &fx->a, &r, &fx->err));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case_rules__reads_every_key_once),
		cmocka_unit_test_setup_teardown(test_case_rules__defaults_equal_the_catalogue, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_case_rules__county_override_of_every_key, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_case_rules__province_override_seen_by_its_counties,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_case_rules__bad_stored_value, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
