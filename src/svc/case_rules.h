/*
 * case_rules.h (svc) — the rules of one county on one date, as the case
 * workflow, the assessment and the payroll use them: the core parameter
 * structs of the workflow (core/workflow.h), the assessment
 * (core/assess.h), the amount (core/amount.h), coverage (core/coverage.h),
 * the other programs' amounts (core/benefit.h) and the pay rhythms
 * (core/payperiod.h), filled from the catalogue of local parameters
 * (core/params.h) in force for the county on the date (svc/params.h:
 * county > city > province > national default).
 *
 * The catalogue is the single source of truth: every catalogue key is read
 * (one params_get per key) and lands in exactly one place below; a core
 * field with no catalogue key keeps its core default. Text parameters
 * (PARAMS_TEXT: pay.payer_account) are no rules of a case and are read
 * where they are used (svc/payroll_pay.c). The mapping:
 *
 *   key                                  field
 *   asset.vehicle_allowed                assess.vehicles_allowed: false → 0;
 *                                        true → CASE_RULES_VEHICLES_ANY (the
 *                                        largest count assess_params_check
 *                                        takes: the catalogue has no number,
 *                                        "有机动车的家庭可以纳入")
 *   asset.second_dwelling_allowed        assess.dwellings_allowed: 1, or 2
 *   asset.deposit_months                 assess.financial_months
 *   asset.business_allowed               assess.business_rule: ASSESS_BUSINESS_ANY,
 *                                        or ASSESS_BUSINESS_NONE when allowed
 *   income.employment_cost_bp            assess.wage_cost_bp
 *   income.period_months                 assess.period_months
 *   edge.income_bp                       assess.edge_bp
 *   amount.method                        amount.method
 *   amount.band1_fen … band4_fen         amount.bands[0..3] (fixed amounts per
 *                                        person and month, AMOUNT_VALUE_FIXED),
 *                                        picked by grade (AMOUNT_BAND_BY_GRADE:
 *                                        the catalogue has four fixed bands and
 *                                        no income bounds, so bands by income,
 *                                        and more than four of the core's
 *                                        AMOUNT_MAX_BANDS, cannot be set from
 *                                        it). nbands = the last band with an
 *                                        amount (0 when none: the banded method
 *                                        then fails its check)
 *   amount.minimum_fen                   amount.minimum_fen (per household)
 *   amount.rounding_unit / _mode         amount.rounding
 *   standard.rural_monthly_rounding_*    amount.yearly_rounding (the same pair
 *                                        svc/standard.h turns a yearly standard
 *                                        monthly with)
 *   addon.elderly.method/share_bp/fixed_fen   amount.addon[AMOUNT_CAT_ELDERLY]
 *   addon.minor.…                        amount.addon[AMOUNT_CAT_MINOR]
 *   addon.disabled.…                     amount.addon[AMOUNT_CAT_SEVERE]
 *   addon.ill.…                          amount.addon[AMOUNT_CAT_SERIOUS_ILL]
 *                                        (method none/share/fixed → the value
 *                                        kind; the unused amount is ignored)
 *   addon.elderly.min_age                amount.elderly_age
 *   addon.minor.max_age                  amount.minor_age
 *   addon.disabled.max_grade             amount.severe_grade_max
 *   dibao.rural_grades                   rural_grades
 *   review.spot_check_bp                 spot_check_bp
 *   review.stable_months                 stable_review_months
 *   review.variable_months               variable_review_months
 *   phaseout.max_months                  phaseout_max_months, cov.phaseout_max_months
 *   coverage.phaseout_from               cov.phaseout_from (income / decision)
 *   coverage.phaseout_share_bp           cov.phaseout_share_bp
 *   coverage.effective_same_month        cov.effective_same_month
 *   coverage.work_refusal_window_months  cov.work_refusal_window_months
 *   workflow.confirm_authority           wf.delegated (township → true)
 *   limit.accept_workdays                wf.accept_days (the catalogue's 3,
 *                                        not wf_params_default's 0)
 *   limit.investigation_workdays         wf.investigation_start_days
 *   limit.check_workdays                 wf.check_start_days
 *   limit.township_review_workdays       wf.township_review_days (the
 *                                        catalogue's 15, not the core's 0)
 *   limit.public_notice_days             wf.notice_days
 *   limit.county_review_workdays         wf.county_review_days
 *   limit.refusal_notice_workdays        wf.refusal_notice_days
 *   limit.case_workdays                  wf.case_days
 *   limit.case_extended_workdays         wf.case_days_extended
 *   limit.case_delegated_workdays        wf.case_days_delegated
 *   inbox.due_soon_workdays              wf.due_soon_days
 *   benefit.disab_living_edge            benefit.disab_living_edge
 *   benefit.disab_care_grade2_bp         benefit.disab_care_grade2_bp
 *   benefit.disab_care_mental34          benefit.disab_care_mental34
 *   benefit.disab_care_mental34_bp       benefit.disab_care_mental34_bp
 *   benefit.tekun_care_self_fen          benefit.tekun_care_fen[BENEFIT_CARE_SELF]
 *   benefit.tekun_care_half_fen          benefit.tekun_care_fen[BENEFIT_CARE_HALF]
 *   benefit.tekun_care_full_fen          benefit.tekun_care_fen[BENEFIT_CARE_FULL]
 *   benefit.orphan_topup                 benefit.orphan_topup
 *   benefit.elderly_band1_min_age        benefit.elderly[0].min_age (band 1
 *                                        pays the elderly_allowance standard:
 *                                        elderly[0].fen stays 0)
 *   benefit.elderly_bandN_min_age / _fen benefit.elderly[N-1] (N = 2..5; age 0 =
 *                                        the band is not used)
 *   benefit.elderly_from_birthday_month  benefit.elderly_from_birthday_month
 *   benefit.elderly_low_income_only      benefit.elderly_low_income_only
 *   pay.rhythm.<program>                 pay.rhythm[pay_program_index(program)]
 *                                        (by the code, pay_rhythm_parse)
 *   pay.due_day                          pay.due_day
 *   pay.yearly_month                     pay.yearly_month
 *   pay.recovery_max_bp                  pay.recovery_max_bp
 *
 * Core fields with no catalogue key keep their core default (the national
 * one, see the core headers):
 *   wf:     submit_days (0), evaluation_always (false), eval_share_num/den (2/3);
 *   assess: wage_cost_cap_fen (0), rigid_allowed (false), rigid_cap_fen (0),
 *           pc_rounding (按分四舍五入), excl_pension_base, excl_disability_subsidy,
 *           excl_unsupported_child, excl_disabled_support (all true),
 *           local_excl (none), vehicle_value_cap_fen (0), the three vehicle
 *           exemptions (true), dwelling_exempt_area_m2x100 (0),
 *           nonresidential_fails (true), machinery_fails (false), asset_rules,
 *           and the whole "3+1" score (measured_weight_bp 5000, hard_fail_cap,
 *           aux_penalty, rep_share 2/3, support_at, oppose_below, disagree_gap);
 *   amount: minimum_basis (per household), addon[AMOUNT_CAT_OTHER] (none),
 *           addon_stack (highest), severe_grade3_mental (false), age_on
 *           (month start), single_income (the person's own income);
 *   benefit: rounding (按分四舍五入).
 *
 * Thread-safety: as the store connection; the result is plain data.
 */
#ifndef DIB_SVC_CASE_RULES_H
#define DIB_SVC_CASE_RULES_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/amount.h"
#include "core/assess.h"
#include "core/benefit.h"
#include "core/coverage.h"
#include "core/date.h"
#include "core/payperiod.h"
#include "core/region.h"
#include "core/workflow.h"
#include "store/store.h"

/* The catalogue's bands (amount.band1_fen … band4_fen). */
#define CASE_RULES_BANDS 4
/* asset.vehicle_allowed = true: the count test lifted to the most vehicles
 * assess_params_check accepts. */
#define CASE_RULES_VEHICLES_ANY 10

struct case_rules {
	char county[REGION_COUNTY_LEN + 1]; /* 6 digits */
	dib_date on;                        /* the date the values are in force on */
	struct wf_params wf;
	assess_params assess;
	amount_params amount;     /* amount.bands: the CASE_RULES_BANDS catalogue
				   * bands (all four, in the load's arena);
				   * nbands of them are in use */
	bool rural_grades;        /* 农村低保家庭按一至四类分类 (dibao.rural_grades) */
	int phaseout_max_months;  /* 渐退期最长月数 */
	int spot_check_bp;        /* 县级入户抽查比例, basis points */
	int stable_review_months, variable_review_months; /* 核查周期 */
	struct cov_params cov;    /* while covered (core/coverage.h): phaseout.max_months
				     and the coverage.* keys */
	struct benefit_params benefit; /* the other programs' amounts (core/benefit.h):
					  the benefit.* keys */
	struct pay_params pay;    /* when each program pays (core/payperiod.h): the
				     pay.* keys */
};

/* Fills *out with the rules of county (6 or 12 digits, or a township or
 * village code: its county) in force on date on. One params_get per key of
 * the catalogue. The loaded structs are checked with wf_params_check,
 * assess_params_check, cov_params_check, amount_params_check,
 * benefit_params_check and pay_params_check.
 *
 * Errors: DIB_EINVAL for a malformed or non-county code; DIB_EDB when a
 * stored value does not fit the catalogue (svc/params.h) or when the
 * values in force make a core struct invalid — the message names the
 * parameter (Chinese name, key and value) when one value alone is to
 * blame, e.g. 县 410726 的地方参数 "人均金融资产上限 (…)" (asset.deposit_months)
 * 为 "150"，无法使用：参数 "人均金融资产上限月数" 为 150，应在 0–120 之间.
 * out->amount.bands lives in a; *out is untouched on error. */
dib_code case_rules_load(struct store *s, const char *county, dib_date on, dib_arena *a,
			 struct case_rules *out, dib_err *err);

/* The catalogue keys the loader reads, in its order (static storage); *n
 * gets their number. Every key of core/params.h is among them. */
const char *const *case_rules_keys(size_t *n);

#endif
