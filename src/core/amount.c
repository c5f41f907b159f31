/*
 * amount.c — the monthly 低保 amount and its calculation sheet.
 *
 * One pass in the order of §1.12's formula — standard, income, gap or band,
 * × covered persons, rounding, minimum, add-ons, total — writing a sheet
 * line at each step, so the sheet is the computation and can never tell a
 * different story from the number paid. Input is validated against the
 * bounds in amount.h first; after that plain int64 arithmetic cannot
 * overflow (10^12 fen × 10^5 bp × 99 members < 2^63), so the middle of the
 * calculation needs no checks.
 *
 * Thread-safe: pure functions; memory only from the caller's arena.
 */
#include "util/dib.h"
#include "core/amount.h"
#include "core/codes.h"

#define LAW_S1 "《最低生活保障审核确认办法》"
#define LAW_S2 "《最低生活保障审核审批办法（试行）》"
#define LAW_S5 "《社会救助暂行办法》"
#define LAW_S7 "《关于进一步做好最低生活保障等社会救助兜底保障工作的通知》"

/* ---- parameters ---- */

void amount_params_default(amount_params *p)
{
	memset(p, 0, sizeof *p);
	p->method = AMOUNT_GAP;
	p->rounding = (money_rounding){MONEY_FEN, MONEY_HALF_UP};
	p->minimum_fen = 0;
	p->minimum_basis = AMOUNT_MIN_HOUSEHOLD;
	p->yearly_rounding = (money_rounding){MONEY_FEN, MONEY_HALF_UP};
	for (int c = 0; c < AMOUNT_CAT_COUNT; c++)
		p->addon[c] = (amount_value){AMOUNT_VALUE_NONE, 0, 0};
	p->addon_stack = AMOUNT_STACK_HIGHEST;
	p->elderly_age = 60;
	p->minor_age = 18;
	p->severe_grade_max = 2;
	p->severe_grade3_mental = false;
	p->age_on = AMOUNT_AGE_MONTH_START;
	p->single_income = AMOUNT_SINGLE_PERSONAL;
	p->band_key = AMOUNT_BAND_BY_INCOME;
	p->bands = NULL;
	p->nbands = 0;
}

static const char *const cat_name[AMOUNT_CAT_COUNT] = {
	"老年人", "未成年人", "重度残疾人", "重病患者", "其他生活困难人员",
};

/* The add-on parameters' names in messages. */
static const char *const addon_param[AMOUNT_CAT_COUNT] = {
	"分类施保（老年人）", "分类施保（未成年人）", "分类施保（重度残疾人）",
	"分类施保（重病患者）", "分类施保（其他生活困难人员）",
};

static dib_code bad_int(dib_err *err, const char *name, int64_t v, int64_t lo,
			int64_t hi)
{
	return dib_err_set(err, DIB_EINVAL,
			   "参数 \"%s\" 为 %lld，应在 %lld–%lld 之间", name,
			   (long long)v, (long long)lo, (long long)hi);
}

static bool rounding_ok(money_rounding r)
{
	return (r.unit == MONEY_FEN || r.unit == MONEY_JIAO ||
		r.unit == MONEY_YUAN) &&
	       (r.mode == MONEY_HALF_UP || r.mode == MONEY_UP ||
		r.mode == MONEY_DOWN);
}

static dib_code value_check(amount_value v, const char *name, dib_err *err)
{
	if (v.kind != AMOUNT_VALUE_NONE && v.kind != AMOUNT_VALUE_SHARE &&
	    v.kind != AMOUNT_VALUE_FIXED)
		return dib_err_set(err, DIB_EINVAL, "参数 \"%s\" 的计发方式不正确",
				   name);
	if (v.kind == AMOUNT_VALUE_SHARE && (v.share_bp < 0 || v.share_bp > AMOUNT_MAX_BP))
		return bad_int(err, name, v.share_bp, 0, AMOUNT_MAX_BP);
	if (v.kind == AMOUNT_VALUE_FIXED && (v.fixed_fen < 0 || v.fixed_fen > AMOUNT_MAX_FEN))
		return bad_int(err, name, v.fixed_fen, 0, AMOUNT_MAX_FEN);
	return DIB_OK;
}

dib_code amount_params_check(const amount_params *p, dib_err *err)
{
	dib_code rc;

	if (p->method != AMOUNT_GAP && p->method != AMOUNT_BANDED)
		return dib_err_set(err, DIB_EINVAL, "参数 \"计算方法\" 不正确");
	if (!rounding_ok(p->rounding))
		return dib_err_set(err, DIB_EINVAL, "参数 \"保障金取整\" 不正确");
	if (!rounding_ok(p->yearly_rounding))
		return dib_err_set(err, DIB_EINVAL, "参数 \"年标准折月取整\" 不正确");
	if (p->minimum_fen < 0 || p->minimum_fen > AMOUNT_MAX_FEN)
		return bad_int(err, "保底金额", p->minimum_fen, 0, AMOUNT_MAX_FEN);
	if (p->minimum_basis != AMOUNT_MIN_HOUSEHOLD &&
	    p->minimum_basis != AMOUNT_MIN_PERSON)
		return dib_err_set(err, DIB_EINVAL, "参数 \"保底口径\" 不正确");
	for (int c = 0; c < AMOUNT_CAT_COUNT; c++)
		if ((rc = value_check(p->addon[c], addon_param[c], err)))
			return rc;
	if (p->addon_stack != AMOUNT_STACK_HIGHEST && p->addon_stack != AMOUNT_STACK_SUM)
		return dib_err_set(err, DIB_EINVAL, "参数 \"分类施保叠加方式\" 不正确");
	if (p->elderly_age < 40 || p->elderly_age > 120)
		return bad_int(err, "老年人年龄", p->elderly_age, 40, 120);
	if (p->minor_age < 1 || p->minor_age > 30)
		return bad_int(err, "未成年人年龄", p->minor_age, 1, 30);
	if (p->severe_grade_max < 0 || p->severe_grade_max > 4)
		return bad_int(err, "重度残疾最高等级", p->severe_grade_max, 0, 4);
	if (p->age_on != AMOUNT_AGE_MONTH_START && p->age_on != AMOUNT_AGE_MONTH_END)
		return dib_err_set(err, DIB_EINVAL, "参数 \"年龄计算日\" 不正确");
	if (p->single_income != AMOUNT_SINGLE_PERSONAL &&
	    p->single_income != AMOUNT_SINGLE_HOUSEHOLD)
		return dib_err_set(err, DIB_EINVAL, "参数 \"单人保收入口径\" 不正确");
	if (p->band_key != AMOUNT_BAND_BY_INCOME && p->band_key != AMOUNT_BAND_BY_GRADE)
		return dib_err_set(err, DIB_EINVAL, "参数 \"分档依据\" 不正确");
	if (p->method != AMOUNT_BANDED)
		return DIB_OK;
	if (!p->bands || p->nbands == 0)
		return dib_err_set(err, DIB_EINVAL, "分档法需要至少一个档位");
	if (p->nbands > AMOUNT_MAX_BANDS)
		return bad_int(err, "档位数", (int64_t)p->nbands, 1, AMOUNT_MAX_BANDS);
	for (size_t i = 0; i < p->nbands; i++) {
		const amount_band *b = &p->bands[i];
		if (b->value.kind == AMOUNT_VALUE_NONE)
			return dib_err_set(err, DIB_EINVAL,
					   "第 %zu 档没有设定金额", i + 1);
		if ((rc = value_check(b->value, "档位金额", err)))
			return rc;
		if (p->band_key != AMOUNT_BAND_BY_INCOME)
			continue;
		if (b->below_fen <= 0 || b->below_fen > AMOUNT_MAX_FEN)
			return bad_int(err, "档位收入上限", b->below_fen, 1, AMOUNT_MAX_FEN);
		if (i > 0 && b->below_fen <= p->bands[i - 1].below_fen)
			return dib_err_set(err, DIB_EINVAL,
					   "第 %zu 档的收入上限应高于第 %zu 档",
					   i + 1, i);
	}
	return DIB_OK;
}

/* ---- the rules ---- */

dib_fen amount_standard_monthly(dib_fen standard, enum amount_unit unit,
				money_rounding r)
{
	return unit == AMOUNT_PER_YEAR ? money_div(standard, 12, r) : standard;
}

static int age_in(const amount_params *p, const amount_member *m, dib_month month)
{
	dib_date on = p->age_on == AMOUNT_AGE_MONTH_END ? month_last_day(month)
							: month_first_day(month);
	int age = date_age_on(m->birth, on);

	return age < 0 ? 0 : age; /* born later in the month: a newborn */
}

bool amount_member_in(const amount_params *p, const amount_member *m,
		      dib_month month, enum amount_category c)
{
	bool known = m->birth.year != 0 && date_valid(m->birth);

	switch (c) {
	case AMOUNT_CAT_ELDERLY:
		return known && age_in(p, m, month) >= p->elderly_age;
	case AMOUNT_CAT_MINOR:
		return known && age_in(p, m, month) < p->minor_age;
	case AMOUNT_CAT_SEVERE:
		if (m->disability_grade >= 1 &&
		    m->disability_grade <= p->severe_grade_max)
			return true;
		return p->severe_grade3_mental && m->disability_grade == 3 &&
		       (m->disability_kind == CODES_DIS_INTELLECTUAL ||
			m->disability_kind == CODES_DIS_MENTAL);
	case AMOUNT_CAT_SERIOUS_ILL:
		return m->health == CODES_SERIOUS;
	case AMOUNT_CAT_OTHER:
		return m->other_hardship;
	case AMOUNT_CAT_COUNT:
		break;
	}
	return false;
}

/* share_bp of base, rounded to the fen half-up: the per-person figure a
 * citizen can check with a calculator. */
static dib_fen share_of(dib_fen base, int32_t bp)
{
	return money_div(base * bp, 10000, (money_rounding){MONEY_FEN, MONEY_HALF_UP});
}

static dib_fen value_amount(amount_value v, dib_fen standard)
{
	if (v.kind == AMOUNT_VALUE_SHARE)
		return share_of(standard, v.share_bp);
	if (v.kind == AMOUNT_VALUE_FIXED)
		return v.fixed_fen;
	return 0;
}

/* "标准 528.00 × 10%" or "定额 100.00" into out. */
static void value_text(amount_value v, dib_fen standard, char *out, size_t n)
{
	char m[MONEY_STR], pct[AMOUNT_BP_STR];

	if (v.kind == AMOUNT_VALUE_SHARE)
		snprintf(out, n, "标准 %s × %s", money_format(standard, m),
			 amount_bp_text(v.share_bp, pct));
	else
		snprintf(out, n, "定额 %s", money_format(v.fixed_fen, m));
}

static const char *member_name(amount_sheet *s, const amount_input *in, size_t i)
{
	const char *n = in->members[i].name;

	return n && *n ? n : amount_sheet_printf(s, "成员 %zu", i + 1);
}

static dib_code input_check(const amount_input *in, dib_err *err)
{
	int covered = 0;

	if (in->nmembers == 0 || !in->members)
		return dib_err_set(err, DIB_EINVAL, "家庭成员人数为 0，无法计算低保金");
	if (in->nmembers > AMOUNT_MAX_MEMBERS)
		return dib_err_set(err, DIB_EINVAL, "家庭成员人数 %zu 超过 %d",
				   in->nmembers, AMOUNT_MAX_MEMBERS);
	if (in->standard_fen <= 0 || in->standard_fen > AMOUNT_MAX_FEN)
		return dib_err_set(err, DIB_EINVAL, "低保标准 %lld 分不正确，应大于 0 且不超过 %lld 分",
				   (long long)in->standard_fen, (long long)AMOUNT_MAX_FEN);
	if (in->standard_unit != AMOUNT_PER_MONTH && in->standard_unit != AMOUNT_PER_YEAR)
		return dib_err_set(err, DIB_EINVAL, "低保标准的计量单位不正确");
	if (in->income_pc_fen < 0 || in->income_pc_fen > AMOUNT_MAX_FEN)
		return dib_err_set(err, DIB_EINVAL, "月人均收入 %lld 分不正确，应在 0–%lld 分之间",
				   (long long)in->income_pc_fen, (long long)AMOUNT_MAX_FEN);
	if (in->personal_income_fen < 0 || in->personal_income_fen > AMOUNT_MAX_FEN)
		return dib_err_set(err, DIB_EINVAL, "本人月收入 %lld 分不正确，应在 0–%lld 分之间",
				   (long long)in->personal_income_fen, (long long)AMOUNT_MAX_FEN);
	if (in->month.month < 1 || in->month.month > 12 || in->month.year < 1000 ||
	    in->month.year > 9999)
		return dib_err_set(err, DIB_EINVAL, "发放月份 %d-%02d 不正确",
				   in->month.year, in->month.month);
	if (in->coverage != AMOUNT_WHOLE && in->coverage != AMOUNT_SINGLE)
		return dib_err_set(err, DIB_EINVAL, "保障方式不正确");
	for (size_t i = 0; i < in->nmembers; i++) {
		const amount_member *m = &in->members[i];
		const char *name = m->name && *m->name ? m->name : "";
		if (m->birth.year != 0 && !date_valid(m->birth))
			return dib_err_set(err, DIB_EINVAL, "成员 %zu %s 的出生日期不正确",
					   i + 1, name);
		if (m->disability_grade < 0 || m->disability_grade > 4)
			return dib_err_set(err, DIB_EINVAL, "成员 %zu %s 的残疾等级 %d 不正确",
					   i + 1, name, m->disability_grade);
		switch (m->cover) {
		case AMOUNT_COVERED:
			covered++;
			break;
		case AMOUNT_OUTSIDE:
			if (in->coverage == AMOUNT_WHOLE)
				return dib_err_set(err, DIB_EINVAL,
						   "全户施保不得只把个别成员纳入：成员 %zu %s 未纳入保障（%s一（一））",
						   i + 1, name, LAW_S7);
			break;
		case AMOUNT_WORK_REFUSAL:
			break;
		default:
			return dib_err_set(err, DIB_EINVAL, "成员 %zu %s 的保障状态不正确",
					   i + 1, name);
		}
	}
	if (in->coverage == AMOUNT_SINGLE && covered != 1)
		return dib_err_set(err, DIB_EINVAL,
				   "单人保应恰好保障 1 人，现为 %d 人（%s第八条）", covered, LAW_S1);
	if (covered == 0)
		return dib_err_set(err, DIB_EINVAL, "没有保障成员，无法计算低保金");
	return DIB_OK;
}

/* The band the household falls in, 0-based, into *out. */
static dib_code band_of(const amount_params *p, const amount_input *in,
			dib_fen income, int *out, dib_err *err)
{
	char m[MONEY_STR];

	if (p->band_key == AMOUNT_BAND_BY_GRADE) {
		if (in->grade < 1 || (size_t)in->grade > p->nbands)
			return dib_err_set(err, DIB_EINVAL,
					   "低保类别 %d 不在分档表 1–%zu 之内",
					   in->grade, p->nbands);
		*out = in->grade - 1;
		return DIB_OK;
	}
	for (size_t i = 0; i < p->nbands; i++) {
		if (income < p->bands[i].below_fen) {
			*out = (int)i;
			return DIB_OK;
		}
	}
	return dib_err_set(err, DIB_EINVAL, "分档表没有覆盖月人均收入 %s 元",
			   money_format(income, m));
}

/* The per-person amount (gap or band) and its line. */
static dib_code per_person(const amount_params *p, const amount_input *in,
			   amount_sheet *s, amount_result *r, dib_err *err)
{
	char a[MONEY_STR], b[MONEY_STR], c[MONEY_STR], v[96];
	int i = 0;
	dib_code rc;

	if (p->method == AMOUNT_GAP) {
		r->per_person_fen = r->standard_month_fen - r->income_fen;
		amount_sheet_add(s, "人均补差", LAW_S1 "第二十三条；" LAW_S5 "第十二条",
				 r->per_person_fen, "%s - %s = %s 元",
				 money_format(r->standard_month_fen, a),
				 money_format(r->income_fen, b),
				 money_format(r->per_person_fen, c));
		return DIB_OK;
	}
	if ((rc = band_of(p, in, r->income_fen, &i, err)))
		return rc;
	const amount_band *bd = &p->bands[i];
	const char *name = bd->name && *bd->name ? bd->name
						 : amount_sheet_printf(s, "第 %d 档", i + 1);
	r->band = i + 1;
	r->per_person_fen = value_amount(bd->value, r->standard_month_fen);
	value_text(bd->value, r->standard_month_fen, v, sizeof v);
	if (p->band_key == AMOUNT_BAND_BY_GRADE)
		amount_sheet_add(s, "分档", LAW_S1 "第二十三条", r->per_person_fen,
				 "低保类别 %d，属%s：%s = %s 元/人", in->grade, name, v,
				 money_format(r->per_person_fen, a));
	else
		amount_sheet_add(s, "分档", LAW_S1 "第二十三条", r->per_person_fen,
				 "月人均收入 %s < %s，属%s：%s = %s 元/人",
				 money_format(r->income_fen, b),
				 money_format(bd->below_fen, c), name, v,
				 money_format(r->per_person_fen, a));
	return DIB_OK;
}

/* The minimum (保底) applied to a rounded amount v for covered persons. */
static dib_fen floor_of(const amount_params *p, dib_fen v, int covered)
{
	dib_fen min = p->minimum_basis == AMOUNT_MIN_PERSON ? p->minimum_fen * covered
							    : p->minimum_fen;
	return v < min ? min : v;
}

dib_fen amount_gap_base(const amount_params *p, dib_fen standard_month_fen, dib_fen income_pc_fen,
			int covered)
{
	if (covered < 1 || covered > AMOUNT_MAX_MEMBERS || standard_month_fen <= income_pc_fen ||
	    standard_month_fen > AMOUNT_MAX_FEN || income_pc_fen < 0)
		return 0;
	return floor_of(p, money_round((standard_month_fen - income_pc_fen) * covered, p->rounding),
			covered);
}

/* 保障金: × covered, rounding, minimum. */
static void base_amount(const amount_params *p, const amount_input *in,
			amount_sheet *s, amount_result *r)
{
	char a[MONEY_STR], b[MONEY_STR], c[MONEY_STR];
	const char *how = in->coverage == AMOUNT_SINGLE ? "单人保" : "全户施保";

	r->raw_fen = r->per_person_fen * r->covered;
	amount_sheet_add(s, p->method == AMOUNT_GAP ? "补差额" : "分档金额",
			 in->coverage == AMOUNT_SINGLE ? LAW_S1 "第八条"
						       : LAW_S2 "第二十七条",
			 r->raw_fen, "%s × %d 人（%s）= %s 元",
			 money_format(r->per_person_fen, a), r->covered, how,
			 money_format(r->raw_fen, b));
	dib_fen v = money_round(r->raw_fen, p->rounding);
	dib_fen floored = floor_of(p, v, r->covered);
	if (p->rounding.unit != MONEY_FEN)
		amount_sheet_add(s, "取整", NULL, v, "%s 元%s = %s 元",
				 money_format(r->raw_fen, a),
				 amount_rounding_text(p->rounding),
				 money_format(v, b));
	dib_fen min = p->minimum_fen;
	if (p->minimum_basis == AMOUNT_MIN_PERSON)
		min *= r->covered;
	if (v < floored) {
		if (p->minimum_basis == AMOUNT_MIN_PERSON)
			amount_sheet_add(s, "保底", NULL, min,
					 "人均不足 %s 元按 %s 元发放：%s 元 < %s × %d 人，按 %s 元",
					 money_format(p->minimum_fen, a), a, money_format(v, b),
					 a, r->covered, money_format(min, c));
		else
			amount_sheet_add(s, "保底", NULL, min,
					 "每户不足 %s 元按 %s 元发放：%s 元 < %s 元",
					 money_format(min, a), a, money_format(v, b), a);
		v = floored;
	}
	r->base_fen = v;
	amount_sheet_add(s, "保障金", NULL, v, "%s 元", money_format(v, a));
}

/* One member's add-on and its line (none when in no category with an
 * amount). */
static dib_fen member_addon(const amount_params *p, const amount_input *in,
			    size_t i, amount_sheet *s, dib_fen standard)
{
	const amount_member *m = &in->members[i];
	char parts[400] = "", v[96], a[MONEY_STR];
	size_t used = 0;
	dib_fen best = 0, sum = 0;
	int n = 0;

	for (int c = 0; c < AMOUNT_CAT_COUNT; c++) {
		amount_value val = p->addon[c];
		if (val.kind == AMOUNT_VALUE_NONE ||
		    !amount_member_in(p, m, in->month, (enum amount_category)c))
			continue;
		dib_fen f = value_amount(val, standard);
		value_text(val, standard, v, sizeof v);
		char age[32] = "";
		if (c == AMOUNT_CAT_ELDERLY || c == AMOUNT_CAT_MINOR)
			snprintf(age, sizeof age, "（%d 周岁）", age_in(p, m, in->month));
		int w = snprintf(parts + used, sizeof parts - used, "%s%s%s：%s = %s 元",
				 n ? "；" : "", cat_name[c], age, v, money_format(f, a));
		if (w > 0 && (size_t)w < sizeof parts - used)
			used += (size_t)w;
		best = f > best ? f : best;
		sum += f;
		n++;
	}
	if (n == 0)
		return 0;
	dib_fen f = p->addon_stack == AMOUNT_STACK_SUM ? sum : best;
	dib_fen rf = money_round(f, p->rounding);
	const char *label = amount_sheet_printf(s, "分类施保 · %s", member_name(s, in, i));
	char tail[96] = "";
	if (n > 1)
		snprintf(tail, sizeof tail, "；%s %s 元",
			 p->addon_stack == AMOUNT_STACK_SUM ? "叠加" : "就高取",
			 money_format(f, a));
	if (rf != f) {
		size_t tl = strlen(tail);
		snprintf(tail + tl, sizeof tail - tl, "；%s = %s 元",
			 amount_rounding_text(p->rounding), money_format(rf, v));
	}
	amount_sheet_add(s, label, LAW_S1 "第二十七条；" LAW_S5 "第十二条第二款", rf,
			 "%s%s", parts, tail);
	return rf;
}

dib_code amount_compute(const amount_params *p, const amount_input *in,
			dib_arena *a, amount_result *out, dib_err *err)
{
	amount_sheet s;
	amount_result r;
	char b1[MONEY_STR], b2[MONEY_STR], b3[MONEY_STR];
	dib_code rc;

	if ((rc = amount_params_check(p, err)) || (rc = input_check(in, err)))
		return rc;
	memset(&r, 0, sizeof r);
	amount_sheet_init(&s, a);

	r.standard_month_fen = amount_standard_monthly(in->standard_fen, in->standard_unit,
						       p->yearly_rounding);
	if (in->standard_unit == AMOUNT_PER_YEAR)
		amount_sheet_add(&s, "低保标准", NULL, r.standard_month_fen,
				 "%s 元/人·年 ÷ 12 个月，%s = %s 元/人·月",
				 money_format(in->standard_fen, b1),
				 amount_rounding_text(p->yearly_rounding),
				 money_format(r.standard_month_fen, b2));
	else
		amount_sheet_add(&s, "低保标准", NULL, r.standard_month_fen,
				 "%s 元/人·月", money_format(in->standard_fen, b1));

	bool personal = in->coverage == AMOUNT_SINGLE &&
			p->single_income == AMOUNT_SINGLE_PERSONAL;
	r.income_fen = personal ? in->personal_income_fen : in->income_pc_fen;
	if (personal)
		amount_sheet_add(&s, "本人月收入（单人保）", LAW_S1 "第八条；" LAW_S7 "一（一）",
				 r.income_fen, "单人保按本人收入核算（参照单人户）");
	else
		amount_sheet_add(&s, "家庭月人均收入", LAW_S2 "第二十七条", r.income_fen,
				 "(核算期计入收入 - 扣减) ÷ 核算月数 ÷ 家庭人数，见收入核算%s",
				 in->coverage == AMOUNT_SINGLE ? "（单人保按家庭人均收入核算）" : "");

	for (size_t i = 0; i < in->nmembers; i++) {
		if (in->members[i].cover == AMOUNT_COVERED) {
			r.covered++;
		} else if (in->members[i].cover == AMOUNT_WORK_REFUSAL) {
			const char *l = amount_sheet_printf(&s, "停发本人部分 · %s",
							    member_name(&s, in, i));
			amount_sheet_add(&s, l, LAW_S1 "第三十四条；" LAW_S5 "第四十五条", 0,
					 "无正当理由连续 3 次拒绝接受介绍的工作，不计入保障人数");
		}
	}

	r.eligible = r.income_fen < r.standard_month_fen;
	if (!r.eligible) {
		amount_sheet_add(&s, "人均补差", LAW_S1 "第二十三条；" LAW_S5 "第十二条", 0,
				 "月人均收入 %s 元不低于低保标准 %s 元，不予补差",
				 money_format(r.income_fen, b1),
				 money_format(r.standard_month_fen, b2));
	} else {
		if ((rc = per_person(p, in, &s, &r, err)))
			return rc;
		base_amount(p, in, &s, &r);
		for (size_t i = 0; i < in->nmembers; i++)
			if (in->members[i].cover == AMOUNT_COVERED)
				r.addon_fen += member_addon(p, in, i, &s, r.standard_month_fen);
		if (r.addon_fen > 0)
			amount_sheet_add(&s, "分类施保金合计", NULL, r.addon_fen, "%s 元",
					 money_format(r.addon_fen, b1));
	}
	r.total_fen = r.base_fen + r.addon_fen;
	if (r.eligible)
		amount_sheet_add(&s, "月发放合计", NULL, r.total_fen,
				 "保障金 %s + 分类施保金 %s = %s 元",
				 money_format(r.base_fen, b1), money_format(r.addon_fen, b2),
				 money_format(r.total_fen, b3));
	else
		amount_sheet_add(&s, "月发放合计", NULL, 0, "不符合补差条件，不予发放");
	if (s.failed)
		return dib_err_nomem(err);
	r.lines = s.lines;
	r.nlines = s.n;
	*out = r;
	return DIB_OK;
}
