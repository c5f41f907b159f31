/*
 * assessment.c (svc) — the assessment of one register household
 * (assessment.h): the standard in force, the core rules in their order —
 * income, assets, class, amount, score — and the one calculation sheet
 * and sentence that explain the result.
 *
 * The sheet is assembled from the core's own lines (core/assess.h and
 * core/amount.h write the computation as they do it), so it can never
 * tell a different story from the figures. The amount rules run only for
 * a household that the measured side finds eligible with the coverage
 * asked for: amount_compute knows the income test alone, and its sheet
 * would otherwise show a payment to a household whose assets fail.
 *
 * Thread-safety: as the store connection.
 */
#include "util/dib.h"
#include "core/codes.h"
#include "svc/assessment_int.h"
#include "svc/standard.h"

/* 成年 (《民法典》第十七条): the age of the "成年无业重度残疾人" ground. */
#define ADULT_AGE 18

static const struct {
	const char *code, *name;
} programs[] = {
	{"dibao_urban", "城市低保"},
	{"dibao_rural", "农村低保"},
};

static const char *const class_codes[] = {
	[ASSESS_ABOVE] = "above", [ASSESS_DIBAO] = "dibao", [ASSESS_EDGE] = "edge"};
static const char *const class_names[] = {
	[ASSESS_ABOVE] = "不符合低保条件", [ASSESS_DIBAO] = "符合低保条件",
	[ASSESS_EDGE] = "低保边缘家庭"};

static const char *test_code(enum assess_test t)
{
	switch (t) {
	case ASSESS_TEST_VEHICLE: return "vehicle";
	case ASSESS_TEST_DWELLING: return "dwelling";
	case ASSESS_TEST_NONRESIDENTIAL: return "nonresidential";
	case ASSESS_TEST_FINANCIAL: return "financial";
	case ASSESS_TEST_BUSINESS: return "business";
	case ASSESS_TEST_MACHINERY: return "machinery";
	}
	return "?";
}

static const char *test_name(enum assess_test t)
{
	switch (t) {
	case ASSESS_TEST_VEHICLE: return "机动车";
	case ASSESS_TEST_DWELLING: return "居住用房";
	case ASSESS_TEST_NONRESIDENTIAL: return "非居住用途不动产";
	case ASSESS_TEST_FINANCIAL: return "金融资产";
	case ASSESS_TEST_BUSINESS: return "市场主体登记";
	case ASSESS_TEST_MACHINERY: return "大型农机具";
	}
	return "?";
}

/* ---- the standard ---- */

static dib_code standard(struct store *s, const char *county, const char *program,
			 const char *name, dib_date on, const struct case_rules *rules,
			 dib_arena *a, struct assessment *r, dib_err *err)
{
	struct standard_info info;
	char d[DIB_DATE_STR];
	dib_err e;

	dib_err_clear(&e);
	dib_code rc = standard_in_force(s, NULL, county, program, on, a, &info, &e);
	if (rc == DIB_ENOTFOUND)
		return dib_err_set(err, DIB_ECONFLICT,
				   "县 %s 在 %s 没有生效的%s标准，请先设置%s标准再核算", county,
				   date_format(on, d), name, name);
	if (rc) {
		dib_err_set(err, rc, "%s", e.msg);
		dib_err_detail(err, "%s", e.detail);
		return rc;
	}
	if (!strcmp(info.st.unit, "person_month"))
		r->standard_unit = AMOUNT_PER_MONTH;
	else if (!strcmp(info.st.unit, "person_year"))
		r->standard_unit = AMOUNT_PER_YEAR;
	else
		return dib_err_set(err, DIB_EDB, "%s标准的计发单位 \"%s\" 不能按月核算", name,
				   info.st.unit);
	r->standard_amount_fen = info.st.amount_fen;
	r->standard_from = info.st.effective_from;
	/* the amount rules turn a yearly standard monthly the same way */
	r->standard_fen = amount_standard_monthly(info.st.amount_fen, r->standard_unit,
						  rules->amount.yearly_rounding);
	return DIB_OK;
}

/* ---- the sheet ---- */

static void append(amount_sheet *s, const amount_line *l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		amount_sheet_add(s, l[i].label, l[i].basis, l[i].fen, "%s", l[i].formula);
}

/* The asset lines: the financial total against its cap, each other failed
 * test with its reason, or one line saying they pass. */
static void asset_lines(amount_sheet *s, const struct case_rules *rules,
			const assess_assets_result *ar, dib_fen standard_fen, int persons)
{
	char a[MONEY_STR], b[MONEY_STR], c[MONEY_STR];
	const char *basis = ar->nfailed ? ar->failed[0].basis : ASSESSMENT__S1 "第十四条";

	if (rules->assess.financial_months > 0)
		amount_sheet_add(s, "金融资产", basis, ar->financial_fen,
				 "存款、证券等合计 %s 元；上限 %d 个月 × %s 元 × %d 人 = %s 元，%s",
				 money_format(ar->financial_fen, a), rules->assess.financial_months,
				 money_format(standard_fen, b), persons,
				 money_format(ar->financial_cap_fen, c),
				 ar->financial_fen > ar->financial_cap_fen ? "超过上限" : "未超过");
	else
		amount_sheet_add(s, "金融资产", basis, ar->financial_fen,
				 "存款、证券等合计 %s 元；本地不设金融资产上限",
				 money_format(ar->financial_fen, a));
	for (size_t i = 0; i < ar->nfailed; i++) {
		const assess_finding *f = &ar->failed[i];
		if (f->test == ASSESS_TEST_FINANCIAL)
			continue;
		amount_sheet_add(s, amount_sheet_printf(s, "财产不符合 · %s", test_name(f->test)),
				 f->basis, 0, "%s", f->reason);
	}
	if (ar->pass)
		amount_sheet_add(s, "财产核查", basis, 0,
				 "机动车 %d 辆、居住用房 %d 套，符合本地财产规定", ar->vehicles,
				 ar->dwellings);
}

/* The standard and a zero total, for a household the amount rules do not
 * reach; why is the sheet's last word. */
static void refusal_lines(amount_sheet *s, const struct assessment *r, const char *why)
{
	char a[MONEY_STR], b[MONEY_STR];

	if (r->standard_unit == AMOUNT_PER_YEAR)
		amount_sheet_add(s, "低保标准", NULL, r->standard_fen,
				 "%s 元/人·年 ÷ 12 个月 = %s 元/人·月",
				 money_format(r->standard_amount_fen, a),
				 money_format(r->standard_fen, b));
	else
		amount_sheet_add(s, "低保标准", NULL, r->standard_fen, "%s 元/人·月",
				 money_format(r->standard_fen, a));
	amount_sheet_add(s, "月发放合计", NULL, 0, "%s", why);
}

/* ---- eligibility ---- */

/* Whether member i has counted wage or business income of his own. */
static bool works(const struct assessment_input *in, int i)
{
	for (size_t k = 0; k < in->nincomes; k++) {
		const assess_income_item *it = &in->incomes[k];
		if (it->member == i && it->excl == ASSESS_COUNTED && it->amount_fen > 0 &&
		    (it->kind == CODES_INCOME_WAGE || it->kind == CODES_INCOME_BUSINESS))
			return true;
	}
	return false;
}

/* The ground on which member i may be covered alone (S1 第八条; S7 一（一）、
 * 一（四）), or NULL. */
static const char *single_ground(const struct assessment_input *in, int i,
				 enum assess_class cls, bool assets_pass,
				 const struct assessment_opts *o)
{
	const struct assessment_person *p = &in->persons[i];
	bool severe = p->disability_grade == 1 || p->disability_grade == 2;

	if (cls == ASSESS_EDGE) {
		if (severe)
			return p->disability_grade == 1 ? "低保边缘家庭中的一级重度残疾人"
							: "低保边缘家庭中的二级重度残疾人";
		if (in->grade3_mental[i])
			return "低保边缘家庭中的三级智力或精神残疾人";
		if (p->health == CODES_SERIOUS)
			return "低保边缘家庭中的重病患者";
	}
	if (severe && p->age >= ADULT_AGE && !works(in, i) && assets_pass)
		return "成年无业重度残疾人（参照单人户）";
	if (o && o->single_other_ground)
		return "县级以上民政部门规定可以单独申请的人员";
	return NULL;
}

/* Every failed test's reason, joined by "；"; NULL when out of memory. */
static const char *asset_reasons(dib_arena *a, const assess_assets_result *ar)
{
	const char *t = ar->nfailed ? ar->failed[0].reason : "";

	for (size_t i = 1; t && i < ar->nfailed; i++)
		t = dib_arena_printf(a, "%s；%s", t, ar->failed[i].reason);
	return t;
}

/* The sentence of a whole-household assessment. */
static const char *whole_sentence(dib_arena *a, const struct assessment *r,
				  const assess_assets_result *ar)
{
	char pc[MONEY_STR], st[MONEY_STR], edge[MONEY_STR], amt[MONEY_STR];

	money_format(r->per_capita_fen, pc);
	money_format(r->standard_fen, st);
	money_format(r->edge_line_fen, edge);
	if (r->eligible)
		return dib_arena_printf(a, "家庭月人均收入 %s 元低于%s标准 %s 元，家庭财产符合规定，"
					"符合低保条件：保障 %d 人，测算月发放 %s 元",
					pc, r->program_name, st, r->covered,
					money_format(r->amount_fen, amt));
	if (r->measured_class == ASSESS_EDGE)
		return dib_arena_printf(a, "家庭月人均收入 %s 元不低于%s标准 %s 元，但低于低保边缘"
					"收入线 %s 元，家庭财产符合规定：不符合低保条件，属低保边缘家庭",
					pc, r->program_name, st, edge);
	const char *why = ar->pass ? "" : asset_reasons(a, ar);
	if (!why)
		return NULL;
	if (r->per_capita_fen < r->edge_line_fen)
		return dib_arena_printf(a, "不符合低保条件：家庭财产不符合规定，%s", why);
	if (!ar->pass)
		return dib_arena_printf(a, "不符合低保条件：家庭月人均收入 %s 元不低于低保边缘收入线 "
					"%s 元，家庭财产也不符合规定，%s", pc, edge, why);
	return dib_arena_printf(a, "不符合低保条件：家庭月人均收入 %s 元不低于低保边缘收入线 %s 元",
				pc, edge);
}

/* The sentence of a single-person assessment. */
static const char *single_sentence(dib_arena *a, const struct assessment *r,
				   const char *name, const char *ground)
{
	char pc[MONEY_STR], st[MONEY_STR], edge[MONEY_STR], own[MONEY_STR], amt[MONEY_STR];

	money_format(r->per_capita_fen, pc);
	money_format(r->standard_fen, st);
	money_format(r->edge_line_fen, edge);
	money_format(r->personal_income_fen, own);
	if (r->measured_class == ASSESS_DIBAO)
		return dib_arena_printf(a, "家庭月人均收入 %s 元低于%s标准 %s 元，全家符合低保条件，"
					"应全户纳入，不得只把个别成员纳入（%s一（一））",
					pc, r->program_name, st, ASSESSMENT__S7);
	if (!ground && r->measured_class == ASSESS_EDGE)
		return dib_arena_printf(a, "%s 没有一级、二级残疾或三级智力、精神残疾，也未患重病，"
					"不能单独纳入低保（%s第八条）", name, ASSESSMENT__S1);
	if (!ground)
		return dib_arena_printf(a, "家庭不属低保边缘家庭（月人均收入 %s 元，边缘收入线 %s 元，"
					"或财产不符合规定），%s 不能单独纳入低保（%s第八条）",
					pc, edge, name, ASSESSMENT__S1);
	if (!r->eligible)
		return dib_arena_printf(a, "%s 属%s，但本人月收入 %s 元不低于%s标准 %s 元，不予补差",
					name, ground, own, r->program_name, st);
	return dib_arena_printf(a, "%s 属%s，按单人保纳入：本人月收入 %s 元低于%s标准 %s 元，"
				"测算月发放 %s 元", name, ground, own, r->program_name, st,
				money_format(r->amount_fen, amt));
}

/* ---- the run ---- */

/* The findings with the register's asset ids. */
static dib_code findings(const assess_assets_result *ar, const struct assessment_input *in,
			 dib_arena *a, struct assessment *r, dib_err *err)
{
	if (!ar->nfailed)
		return DIB_OK;
	r->asset_failures = dib_arena_calloc(a, ar->nfailed * sizeof *r->asset_failures);
	if (!r->asset_failures)
		return dib_err_nomem(err);
	for (size_t i = 0; i < ar->nfailed; i++) {
		const assess_finding *f = &ar->failed[i];
		r->asset_failures[i] = (struct assessment_finding){
			f->test, test_code(f->test), f->item >= 0 ? in->asset_ids[f->item] : 0,
			f->reason, f->basis};
	}
	r->nasset_failures = ar->nfailed;
	return DIB_OK;
}

/* The amount for an eligible household, or the refusal lines. */
static dib_code amount_side(const struct case_rules *rules, const struct assessment_input *in,
		       const struct assessment_opts *o, amount_sheet *s, struct assessment *r,
		       const char *why_not, dib_err *err)
{
	amount_result res;
	dib_code rc;

	if (!r->eligible) {
		refusal_lines(s, r, why_not);
		return DIB_OK;
	}
	amount_input ai = {
		r->standard_amount_fen, r->standard_unit, month_of(r->on), r->per_capita_fen,
		r->personal_income_fen, in->single >= 0 ? AMOUNT_SINGLE : AMOUNT_WHOLE,
		o ? o->grade : 0, in->members, in->n};
	if ((rc = amount_compute(&rules->amount, &ai, s->a, &res, err)))
		return rc;
	append(s, res.lines, res.nlines);
	r->eligible = res.eligible;
	r->covered = res.covered;
	if (res.eligible) {
		r->base_fen = res.base_fen;
		r->addon_fen = res.addon_fen;
		r->amount_fen = res.total_fen;
	}
	return DIB_OK;
}

/* Income, assets, class, amount and the sentence into r (sheet s). */
static dib_code rules_run(const struct case_rules *rules, const struct assessment_input *in,
			  const struct assessment_opts *o, amount_sheet *s,
			  struct assessment *r, assess_assets_result *ar, dib_err *err)
{
	dib_arena *a = s->a;
	assess_household h = {(int)in->n, in->names, in->incomes, in->nincomes, NULL, 0,
			      in->assets, in->nassets};
	assess_income_result ir, pr;
	char b1[MONEY_STR], b2[MONEY_STR], pct[AMOUNT_BP_STR];
	dib_code rc;

	if ((rc = assess_income(&rules->assess, &h, -1, a, &ir, err)))
		return rc;
	append(s, ir.lines, ir.nlines);
	r->counted_fen = ir.counted_fen;
	r->excluded_fen = ir.excluded_fen;
	r->deducted_fen = ir.deducted_fen;
	r->net_fen = ir.net_fen;
	r->per_capita_fen = ir.per_capita_fen;
	if (in->single >= 0) {
		if ((rc = assess_income(&rules->assess, &h, in->single, a, &pr, err)))
			return rc;
		amount_sheet_add(s, "单人保 · 本人收入", ASSESSMENT__S1 "第八条", 0,
				 "%s 单独纳入时按本人收入核算（参照单人户，%s一（一））",
				 in->names[in->single], ASSESSMENT__S7);
		append(s, pr.lines, pr.nlines);
		r->personal_income_fen = pr.per_capita_fen;
	}
	if ((rc = assess_assets(&rules->assess, &h, r->standard_fen, a, ar, err)))
		return rc;
	asset_lines(s, rules, ar, r->standard_fen, (int)in->n);
	r->assets_pass = ar->pass;
	r->financial_fen = ar->financial_fen;
	r->financial_cap_fen = ar->financial_cap_fen;
	r->vehicles = ar->vehicles;
	r->dwellings = ar->dwellings;

	r->edge_line_fen = assess_edge_line(&rules->assess, r->standard_fen);
	r->measured_class = assess_classify(&rules->assess, r->per_capita_fen, r->standard_fen,
					    ar->pass, ar->pass);
	if (r->measured_class != ASSESS_DIBAO || in->single >= 0)
		amount_sheet_add(s, "低保边缘收入线", ASSESSMENT__S1 "第八条", r->edge_line_fen,
				 "%s × %s = %s 元（向上取整到分）", money_format(r->standard_fen, b1),
				 amount_bp_text(rules->assess.edge_bp, pct),
				 money_format(r->edge_line_fen, b2));

	const char *ground = NULL, *why_not;
	if (in->single < 0) {
		r->eligible = r->measured_class == ASSESS_DIBAO;
		why_not = r->per_capita_fen >= r->standard_fen
				  ? dib_arena_printf(a, "月人均收入 %s 元不低于低保标准 %s 元，不予补差",
						     money_format(r->per_capita_fen, b1),
						     money_format(r->standard_fen, b2))
				  : "家庭财产不符合规定，不予发放";
	} else {
		ground = single_ground(in, in->single, r->measured_class, ar->pass, o);
		r->eligible = r->measured_class != ASSESS_DIBAO && ground;
		why_not = r->measured_class == ASSESS_DIBAO
				  ? "全家符合低保条件，应全户施保，不按单人保发放"
				  : "不属于可单独纳入低保的人员，不予发放";
	}
	r->covered = 0;
	for (size_t i = 0; i < in->n; i++)
		r->covered += in->members[i].cover == AMOUNT_COVERED;
	if (!why_not)
		return dib_err_nomem(err);
	if ((rc = amount_side(rules, in, o, s, r, why_not, err)))
		return rc;
	r->conclusion = in->single < 0 ? whole_sentence(a, r, ar)
				       : single_sentence(a, r, in->names[in->single], ground);
	return r->conclusion ? DIB_OK : dib_err_nomem(err);
}

dib_code assessment_run(struct store *s, int64_t household_id, const char *program,
			dib_date on, const struct case_rules *rules,
			const struct assessment_opts *opts, dib_arena *a,
			struct assessment *out, dib_err *err)
{
	const char *prog = program ? program : "";
	size_t pi = 0;
	store_household_detail d;
	struct assessment r;
	struct assessment_input in;
	assess_assets_result ar;
	amount_sheet sheet;
	dib_code rc;

	while (pi < DIB_ARRAY_LEN(programs) && strcmp(programs[pi].code, prog))
		pi++;
	if (pi == DIB_ARRAY_LEN(programs)) {
		char q[DIB_QUOTE_MAX];
		return dib_err_set(err, DIB_EINVAL, "救助项目 \"%s\" 不是低保（应为 dibao_urban 或 dibao_rural）",
				   dib_err_quote(prog, strlen(prog), q, sizeof q));
	}
	if (!rules)
		return dib_err_set(err, DIB_EINTERNAL, "核算缺少地方参数");
	if ((rc = store_household_detail_get(s, household_id, a, &d, err)))
		return rc;
	if (strcmp(d.hh.county, rules->county)) {
		dib_err_set(err, DIB_EINTERNAL, "核算所用的地方参数不是该户所在县的");
		dib_err_detail(err, "assessment of household %lld (county %s) with the rules of %s",
			       (long long)household_id, d.hh.county, rules->county);
		return DIB_EINTERNAL;
	}
	if (d.nmembers == 0)
		return dib_err_set(err, DIB_ECONFLICT, "户 \"%s\" 没有共同生活家庭成员，无法核算",
				   d.hh.hh_no);

	memset(&r, 0, sizeof r);
	r.household_id = household_id;
	memcpy(r.county, d.hh.county, sizeof r.county);
	r.hh_no = d.hh.hh_no;
	r.program = programs[pi].code;
	r.program_name = programs[pi].name;
	r.on = on;
	if ((rc = standard(s, d.hh.county, r.program, r.program_name, on, rules, a, &r, err)))
		return rc;

	amount_sheet_init(&sheet, a);
	if ((rc = assessment__input(&d, rules, on, opts, &sheet, &in, err)) ||
	    (rc = rules_run(rules, &in, opts, &sheet, &r, &ar, err)) ||
	    (rc = findings(&ar, &in, a, &r, err)))
		return rc;
	if (sheet.failed)
		return dib_err_nomem(err);
	r.period_from = in.period_from;
	r.period_to = in.period_to;
	r.period_months = in.months;
	r.persons = in.persons;
	r.npersons = in.n;
	r.coverage = in.single >= 0 ? AMOUNT_SINGLE : AMOUNT_WHOLE;
	r.single_person_id = in.single >= 0 ? in.persons[in.single].person_id : 0;
	r.incomes_left_out = in.left_out;
	r.class_code = class_codes[r.measured_class];
	r.class_name = class_names[r.measured_class];
	r.lines = sheet.lines;
	r.nlines = sheet.n;

	if (opts && opts->vote) {
		assess_score_input si = {r.per_capita_fen, r.standard_fen, !opts->registration_fails,
					 ar.nfailed, opts->aux_findings, opts->vote};
		if ((rc = assess_score(&rules->assess, &si, a, &r.score, err)))
			return rc;
		r.scored = true;
	}
	*out = r;
	return DIB_OK;
}
