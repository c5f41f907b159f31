/*
 * case_rules.c (svc) — the rules of a county on a date from the catalogue
 * of local parameters (case_rules.h has the mapping, key by key).
 *
 * Loading is two steps: read every key's value in force (the only I/O),
 * then build the core structs from those values (pure: fill()). The split
 * pays off when the structs fail their checks: fill() is cheap, so the
 * loader can find the one value to blame by putting each value back to its
 * national default in turn and checking again — the message then names a
 * parameter an administrator can find in the parameter page, not a field
 * of a C struct.
 *
 * Thread-safety: as the store connection.
 */
#include "util/dib.h"
#include "core/params.h"
#include "svc/case_rules.h"
#include "svc/params.h"

enum key {
	K_VEHICLE, K_DWELLING2, K_DEPOSIT_MONTHS, K_BUSINESS,
	K_WAGE_COST, K_PERIOD,
	K_METHOD, K_BAND1, K_BAND2, K_BAND3, K_BAND4, K_MINIMUM,
	K_ROUND_UNIT, K_ROUND_MODE, K_RURAL_UNIT, K_RURAL_MODE,
	K_ELD_METHOD, K_ELD_SHARE, K_ELD_FIXED, K_ELD_AGE,
	K_MIN_METHOD, K_MIN_SHARE, K_MIN_FIXED, K_MIN_AGE,
	K_DIS_METHOD, K_DIS_SHARE, K_DIS_FIXED, K_DIS_GRADE,
	K_ILL_METHOD, K_ILL_SHARE, K_ILL_FIXED,
	K_RURAL_GRADES, K_EDGE,
	K_SPOT_CHECK, K_STABLE, K_VARIABLE,
	K_AUTHORITY, K_ACCEPT, K_INVESTIGATION, K_CHECK, K_TOWNSHIP, K_NOTICE,
	K_COUNTY_REVIEW, K_REFUSAL, K_CASE, K_CASE_EXTENDED, K_CASE_DELEGATED,
	K_DUE_SOON, K_PHASEOUT,
	K_COV_FROM, K_COV_SHARE, K_COV_SAME_MONTH, K_COV_WINDOW,
	K_BEN_LIVING_EDGE, K_BEN_CARE_G2, K_BEN_CARE_M34, K_BEN_CARE_M34_BP,
	K_BEN_TEKUN_SELF, K_BEN_TEKUN_HALF, K_BEN_TEKUN_FULL, K_BEN_ORPHAN_TOPUP,
	K_BEN_ELD_AGE1, K_BEN_ELD_AGE2, K_BEN_ELD_FEN2, K_BEN_ELD_AGE3, K_BEN_ELD_FEN3,
	K_BEN_ELD_AGE4, K_BEN_ELD_FEN4, K_BEN_ELD_AGE5, K_BEN_ELD_FEN5,
	K_BEN_ELD_BIRTHDAY, K_BEN_ELD_LOW_INCOME,
	K_PAY_RHYTHM, /* PAY_PROGRAMS keys from here, one per program */
	K_PAY_DUE_DAY = K_PAY_RHYTHM + PAY_PROGRAMS, K_PAY_YEARLY_MONTH, K_PAY_RECOVERY,
	K_COUNT
};

/* "pay.rhythm." before the program code in the rhythm keys. */
#define PAY_RHYTHM_PREFIX "pay.rhythm."


static const char *const keys[K_COUNT] = {
	[K_VEHICLE] = "asset.vehicle_allowed",
	[K_DWELLING2] = "asset.second_dwelling_allowed",
	[K_DEPOSIT_MONTHS] = "asset.deposit_months",
	[K_BUSINESS] = "asset.business_allowed",
	[K_WAGE_COST] = "income.employment_cost_bp",
	[K_PERIOD] = "income.period_months",
	[K_METHOD] = "amount.method",
	[K_BAND1] = "amount.band1_fen",
	[K_BAND2] = "amount.band2_fen",
	[K_BAND3] = "amount.band3_fen",
	[K_BAND4] = "amount.band4_fen",
	[K_MINIMUM] = "amount.minimum_fen",
	[K_ROUND_UNIT] = "amount.rounding_unit",
	[K_ROUND_MODE] = "amount.rounding_mode",
	[K_RURAL_UNIT] = "standard.rural_monthly_rounding_unit",
	[K_RURAL_MODE] = "standard.rural_monthly_rounding_mode",
	[K_ELD_METHOD] = "addon.elderly.method",
	[K_ELD_SHARE] = "addon.elderly.share_bp",
	[K_ELD_FIXED] = "addon.elderly.fixed_fen",
	[K_ELD_AGE] = "addon.elderly.min_age",
	[K_MIN_METHOD] = "addon.minor.method",
	[K_MIN_SHARE] = "addon.minor.share_bp",
	[K_MIN_FIXED] = "addon.minor.fixed_fen",
	[K_MIN_AGE] = "addon.minor.max_age",
	[K_DIS_METHOD] = "addon.disabled.method",
	[K_DIS_SHARE] = "addon.disabled.share_bp",
	[K_DIS_FIXED] = "addon.disabled.fixed_fen",
	[K_DIS_GRADE] = "addon.disabled.max_grade",
	[K_ILL_METHOD] = "addon.ill.method",
	[K_ILL_SHARE] = "addon.ill.share_bp",
	[K_ILL_FIXED] = "addon.ill.fixed_fen",
	[K_RURAL_GRADES] = "dibao.rural_grades",
	[K_EDGE] = "edge.income_bp",
	[K_SPOT_CHECK] = "review.spot_check_bp",
	[K_STABLE] = "review.stable_months",
	[K_VARIABLE] = "review.variable_months",
	[K_AUTHORITY] = "workflow.confirm_authority",
	[K_ACCEPT] = "limit.accept_workdays",
	[K_INVESTIGATION] = "limit.investigation_workdays",
	[K_CHECK] = "limit.check_workdays",
	[K_TOWNSHIP] = "limit.township_review_workdays",
	[K_NOTICE] = "limit.public_notice_days",
	[K_COUNTY_REVIEW] = "limit.county_review_workdays",
	[K_REFUSAL] = "limit.refusal_notice_workdays",
	[K_CASE] = "limit.case_workdays",
	[K_CASE_EXTENDED] = "limit.case_extended_workdays",
	[K_CASE_DELEGATED] = "limit.case_delegated_workdays",
	[K_DUE_SOON] = "inbox.due_soon_workdays",
	[K_PHASEOUT] = "phaseout.max_months",
	[K_COV_FROM] = "coverage.phaseout_from",
	[K_COV_SHARE] = "coverage.phaseout_share_bp",
	[K_COV_SAME_MONTH] = "coverage.effective_same_month",
	[K_COV_WINDOW] = "coverage.work_refusal_window_months",
	[K_BEN_LIVING_EDGE] = "benefit.disab_living_edge",
	[K_BEN_CARE_G2] = "benefit.disab_care_grade2_bp",
	[K_BEN_CARE_M34] = "benefit.disab_care_mental34",
	[K_BEN_CARE_M34_BP] = "benefit.disab_care_mental34_bp",
	[K_BEN_TEKUN_SELF] = "benefit.tekun_care_self_fen",
	[K_BEN_TEKUN_HALF] = "benefit.tekun_care_half_fen",
	[K_BEN_TEKUN_FULL] = "benefit.tekun_care_full_fen",
	[K_BEN_ORPHAN_TOPUP] = "benefit.orphan_topup",
	[K_BEN_ELD_AGE1] = "benefit.elderly_band1_min_age",
	[K_BEN_ELD_AGE2] = "benefit.elderly_band2_min_age",
	[K_BEN_ELD_FEN2] = "benefit.elderly_band2_fen",
	[K_BEN_ELD_AGE3] = "benefit.elderly_band3_min_age",
	[K_BEN_ELD_FEN3] = "benefit.elderly_band3_fen",
	[K_BEN_ELD_AGE4] = "benefit.elderly_band4_min_age",
	[K_BEN_ELD_FEN4] = "benefit.elderly_band4_fen",
	[K_BEN_ELD_AGE5] = "benefit.elderly_band5_min_age",
	[K_BEN_ELD_FEN5] = "benefit.elderly_band5_fen",
	[K_BEN_ELD_BIRTHDAY] = "benefit.elderly_from_birthday_month",
	[K_BEN_ELD_LOW_INCOME] = "benefit.elderly_low_income_only",
	/* in core/payperiod.h's order; fill() maps each by its code anyway */
	[K_PAY_RHYTHM + 0] = PAY_RHYTHM_PREFIX "dibao_urban",
	[K_PAY_RHYTHM + 1] = PAY_RHYTHM_PREFIX "dibao_rural",
	[K_PAY_RHYTHM + 2] = PAY_RHYTHM_PREFIX "tekun_central",
	[K_PAY_RHYTHM + 3] = PAY_RHYTHM_PREFIX "tekun_dispersed",
	[K_PAY_RHYTHM + 4] = PAY_RHYTHM_PREFIX "orphan_inst",
	[K_PAY_RHYTHM + 5] = PAY_RHYTHM_PREFIX "orphan_scattered",
	[K_PAY_RHYTHM + 6] = PAY_RHYTHM_PREFIX "child_unsupported",
	[K_PAY_RHYTHM + 7] = PAY_RHYTHM_PREFIX "disab_living",
	[K_PAY_RHYTHM + 8] = PAY_RHYTHM_PREFIX "disab_care",
	[K_PAY_RHYTHM + 9] = PAY_RHYTHM_PREFIX "elderly_allowance",
	[K_PAY_DUE_DAY] = "pay.due_day",
	[K_PAY_YEARLY_MONTH] = "pay.yearly_month",
	[K_PAY_RECOVERY] = "pay.recovery_max_bp",
};

const char *const *case_rules_keys(size_t *n)
{
	*n = K_COUNT;
	return keys;
}

/* Whether an enum value has this code (the catalogue's codes are stable,
 * its indexes need not be). */
static bool is(params_value v, const char *code)
{
	return v.code && !strcmp(v.code, code);
}

/* An add-on from its three keys. */
static amount_value addon(const params_value *v, enum key method, enum key share,
			  enum key fixed)
{
	if (is(v[method], "share"))
		return (amount_value){AMOUNT_VALUE_SHARE, (int32_t)v[share].n, 0};
	if (is(v[method], "fixed"))
		return (amount_value){AMOUNT_VALUE_FIXED, 0, v[fixed].n};
	return (amount_value){AMOUNT_VALUE_NONE, 0, 0};
}

/* The catalogue's four bands into bands[] (by grade), their number into
 * *n: up to the last band that has an amount. */
static void bands_of(const params_value *v, amount_band bands[CASE_RULES_BANDS], size_t *n)
{
	static const char *const names[CASE_RULES_BANDS] = {"一档", "二档", "三档", "四档"};
	static const enum key k[CASE_RULES_BANDS] = {K_BAND1, K_BAND2, K_BAND3, K_BAND4};

	*n = 0;
	for (size_t i = 0; i < CASE_RULES_BANDS; i++) {
		bands[i] = (amount_band){names[i], 0, {AMOUNT_VALUE_FIXED, 0, v[k[i]].n}};
		if (v[k[i]].n > 0)
			*n = i + 1;
	}
}

/* The benefit.* values into b. */
static void benefit_of(const params_value *v, struct benefit_params *b)
{
	static const enum key age[BENEFIT_ELDERLY_BANDS] = {
		K_BEN_ELD_AGE1, K_BEN_ELD_AGE2, K_BEN_ELD_AGE3, K_BEN_ELD_AGE4, K_BEN_ELD_AGE5,
	};
	/* bands 2..5; band 1 pays the standard, its fen stays the default's 0 */
	static const enum key fen[BENEFIT_ELDERLY_BANDS - 1] = {
		K_BEN_ELD_FEN2, K_BEN_ELD_FEN3, K_BEN_ELD_FEN4, K_BEN_ELD_FEN5,
	};

	*b = benefit_params_default();
	b->disab_living_edge = v[K_BEN_LIVING_EDGE].n != 0;
	b->disab_care_grade2_bp = (int32_t)v[K_BEN_CARE_G2].n;
	b->disab_care_mental34 = v[K_BEN_CARE_M34].n != 0;
	b->disab_care_mental34_bp = (int32_t)v[K_BEN_CARE_M34_BP].n;
	b->tekun_care_fen[BENEFIT_CARE_SELF] = v[K_BEN_TEKUN_SELF].n;
	b->tekun_care_fen[BENEFIT_CARE_HALF] = v[K_BEN_TEKUN_HALF].n;
	b->tekun_care_fen[BENEFIT_CARE_FULL] = v[K_BEN_TEKUN_FULL].n;
	b->orphan_topup = v[K_BEN_ORPHAN_TOPUP].n != 0;
	for (int i = 0; i < BENEFIT_ELDERLY_BANDS; i++)
		b->elderly[i].min_age = (int)v[age[i]].n;
	for (int i = 1; i < BENEFIT_ELDERLY_BANDS; i++)
		b->elderly[i].fen = v[fen[i - 1]].n;
	b->elderly_from_birthday_month = v[K_BEN_ELD_BIRTHDAY].n != 0;
	b->elderly_low_income_only = v[K_BEN_ELD_LOW_INCOME].n != 0;
}

/* The pay.* values into pp; a rhythm code the core does not know (a
 * catalogue and payperiod.h out of step) is DIB_EINVAL. */
static dib_code pay_of(const params_value *v, struct pay_params *pp, dib_err *err)
{
	*pp = pay_params_default();
	for (int i = 0; i < PAY_PROGRAMS; i++) {
		const char *program = keys[K_PAY_RHYTHM + i] + strlen(PAY_RHYTHM_PREFIX);
		const char *code = v[K_PAY_RHYTHM + i].code;
		int at = pay_program_index(program);
		if (at < 0 || !pay_rhythm_parse(code, &pp->rhythm[at]))
			return dib_err_set(err, DIB_EINVAL, "%s 的发放周期 \"%s\" 不正确", program,
					   code ? code : "");
	}
	pp->due_day = (int)v[K_PAY_DUE_DAY].n;
	pp->yearly_month = (int)v[K_PAY_YEARLY_MONTH].n;
	pp->recovery_max_bp = (int)v[K_PAY_RECOVERY].n;
	return DIB_OK;
}

/* Builds *r from the values (pure). bands is r's band storage. */
static dib_code fill(const params_value *v, amount_band bands[CASE_RULES_BANDS],
		     struct case_rules *r, dib_err *err)
{
	dib_code rc;

	wf_params_default(&r->wf);
	r->wf.delegated = is(v[K_AUTHORITY], "township");
	r->wf.accept_days = (int)v[K_ACCEPT].n;
	r->wf.investigation_start_days = (int)v[K_INVESTIGATION].n;
	r->wf.check_start_days = (int)v[K_CHECK].n;
	r->wf.township_review_days = (int)v[K_TOWNSHIP].n;
	r->wf.notice_days = (int)v[K_NOTICE].n;
	r->wf.county_review_days = (int)v[K_COUNTY_REVIEW].n;
	r->wf.refusal_notice_days = (int)v[K_REFUSAL].n;
	r->wf.case_days = (int)v[K_CASE].n;
	r->wf.case_days_extended = (int)v[K_CASE_EXTENDED].n;
	r->wf.case_days_delegated = (int)v[K_CASE_DELEGATED].n;
	r->wf.due_soon_days = (int)v[K_DUE_SOON].n;

	assess_params_default(&r->assess);
	r->assess.vehicles_allowed = v[K_VEHICLE].n ? CASE_RULES_VEHICLES_ANY : 0;
	r->assess.dwellings_allowed = v[K_DWELLING2].n ? 2 : 1;
	r->assess.financial_months = (int)v[K_DEPOSIT_MONTHS].n;
	r->assess.business_rule = v[K_BUSINESS].n ? ASSESS_BUSINESS_NONE : ASSESS_BUSINESS_ANY;
	r->assess.wage_cost_bp = (int32_t)v[K_WAGE_COST].n;
	r->assess.period_months = (int)v[K_PERIOD].n;
	r->assess.edge_bp = (int32_t)v[K_EDGE].n;

	amount_params_default(&r->amount);
	r->amount.method = is(v[K_METHOD], "banded") ? AMOUNT_BANDED : AMOUNT_GAP;
	r->amount.minimum_fen = v[K_MINIMUM].n;
	if ((rc = params_rounding_of(v[K_ROUND_UNIT], v[K_ROUND_MODE], &r->amount.rounding,
				     err)) ||
	    (rc = params_rounding_of(v[K_RURAL_UNIT], v[K_RURAL_MODE],
				     &r->amount.yearly_rounding, err)))
		return rc;
	r->amount.addon[AMOUNT_CAT_ELDERLY] = addon(v, K_ELD_METHOD, K_ELD_SHARE, K_ELD_FIXED);
	r->amount.addon[AMOUNT_CAT_MINOR] = addon(v, K_MIN_METHOD, K_MIN_SHARE, K_MIN_FIXED);
	r->amount.addon[AMOUNT_CAT_SEVERE] = addon(v, K_DIS_METHOD, K_DIS_SHARE, K_DIS_FIXED);
	r->amount.addon[AMOUNT_CAT_SERIOUS_ILL] =
		addon(v, K_ILL_METHOD, K_ILL_SHARE, K_ILL_FIXED);
	r->amount.elderly_age = (int)v[K_ELD_AGE].n;
	r->amount.minor_age = (int)v[K_MIN_AGE].n;
	r->amount.severe_grade_max = (int)v[K_DIS_GRADE].n;
	r->amount.band_key = AMOUNT_BAND_BY_GRADE;
	bands_of(v, bands, &r->amount.nbands);
	r->amount.bands = bands;

	r->rural_grades = v[K_RURAL_GRADES].n != 0;
	r->spot_check_bp = (int)v[K_SPOT_CHECK].n;
	r->stable_review_months = (int)v[K_STABLE].n;
	r->variable_review_months = (int)v[K_VARIABLE].n;
	r->phaseout_max_months = (int)v[K_PHASEOUT].n;

	cov_params_default(&r->cov);
	r->cov.phaseout_max_months = r->phaseout_max_months;
	r->cov.phaseout_from = is(v[K_COV_FROM], "decision") ? COV_PHASEOUT_FROM_DECISION
							    : COV_PHASEOUT_FROM_INCOME;
	r->cov.phaseout_share_bp = (int32_t)v[K_COV_SHARE].n;
	r->cov.effective_same_month = v[K_COV_SAME_MONTH].n != 0;
	r->cov.work_refusal_window_months = (int)v[K_COV_WINDOW].n;

	benefit_of(v, &r->benefit);
	return pay_of(v, &r->pay, err);
}

/* fill() and the core checks; err gets the first failure. */
static dib_code build(const params_value *v, amount_band bands[CASE_RULES_BANDS],
		      struct case_rules *r, dib_err *err)
{
	dib_code rc;

	if ((rc = fill(v, bands, r, err)) || (rc = wf_params_check(&r->wf, err)) ||
	    (rc = assess_params_check(&r->assess, err)) ||
	    (rc = cov_params_check(&r->cov, err)) ||
	    (rc = benefit_params_check(&r->benefit, err)) ||
	    (rc = pay_params_check(&r->pay, err)))
		return rc;
	return amount_params_check(&r->amount, err);
}

/* The values pass the catalogue but not a core check (probe holds the
 * check's message): DIB_EDB naming the value to blame, found by putting
 * each back to its national default until the checks pass. */
static dib_code unusable(const char *county, const params_value *v, const dib_err *probe,
			 dib_err *err)
{
	params_value w[K_COUNT];
	amount_band bands[CASE_RULES_BANDS];
	struct case_rules r;
	char shown[PARAMS_TEXT_MAX];

	for (size_t i = 0; i < K_COUNT; i++) {
		const params_def *d = params_find(keys[i]);
		dib_err scratch;
		dib_err_clear(&scratch);
		memcpy(w, v, sizeof w);
		w[i] = params_default(d);
		if (build(w, bands, &r, &scratch) == DIB_OK)
			return dib_err_set(err, DIB_EDB, "县 %s 的地方参数 \"%s\" (%s) 为 \"%s\"，无法使用：%s",
					   county, d->name, d->key, params_format(d, v[i], shown),
					   probe->msg);
	}
	return dib_err_set(err, DIB_EDB, "县 %s 的地方参数组合无法使用：%s", county, probe->msg);
}

dib_code case_rules_load(struct store *s, const char *county, dib_date on, dib_arena *a,
			 struct case_rules *out, dib_err *err)
{
	const char *c = county ? county : "";
	region_code rc6;
	params_value v[K_COUNT];
	struct case_rules r;
	dib_code rc;

	if ((rc = region_parse(c, strlen(c), &rc6, err)))
		return rc;
	if (rc6.level < REGION_COUNTY) {
		char q[DIB_QUOTE_MAX];
		return dib_err_set(err, DIB_EINVAL, "地方参数按县适用，\"%s\" 不是县级区划代码",
				   dib_err_quote(c, strlen(c), q, sizeof q));
	}
	memset(&r, 0, sizeof r);
	region_county(&rc6, r.county);
	r.on = on;
	for (size_t i = 0; i < K_COUNT; i++)
		if ((rc = params_get(s, r.county, keys[i], on, &v[i], err)))
			return rc;

	amount_band *bands = dib_arena_alloc(a, CASE_RULES_BANDS * sizeof *bands);
	if (!bands)
		return dib_err_nomem(err);
	dib_err probe;
	dib_err_clear(&probe);
	if (build(v, bands, &r, &probe)) {
		if (probe.code == DIB_ENOMEM)
			return dib_err_nomem(err);
		return unusable(r.county, v, &probe, err);
	}
	*out = r;
	return DIB_OK;
}
