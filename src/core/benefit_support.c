/*
 * benefit_support.c — 特困人员供养 (§2.4–§2.5), the children's allowances
 * (孤儿 §5.1, 事实无人抚养儿童 §5.2 with its 补差) and 高龄津贴 by age band
 * (§6); benefit.h has the contracts.
 * Thread-safe: pure functions.
 */
#include "util/dib.h"
#include "core/benefit.h"
#include "core/benefit_int.h"

/* ---- 特困 ---- */

dib_code benefit_tekun(const struct benefit_params *p, const struct benefit_person *who,
		       dib_month m, dib_fen standard_fen, struct benefit_result *out,
		       dib_err *err)
{
	struct benefit_result r = benefit__blank();
	char a[MONEY_STR], b[MONEY_STR], c[MONEY_STR];
	dib_code rc;

	if ((rc = benefit__check(p, who, m, standard_fen, "特困人员供养金", err)))
		return rc;
	if (!who->tekun) {
		benefit__say(&r, 0, BENEFIT_NOT_TEKUN, "未纳入特困人员救助供养");
		goto out;
	}
	enum benefit_care_grade g = benefit_care_grade_of(who->self_care_unmet);
	r.grade = (int)g;
	r.care_fen = p->tekun_care_fen[g];
	r.full_fen = standard_fen + r.care_fen;
	benefit__say(&r, r.full_fen, BENEFIT_PAID,
		     "基本生活标准 %s 元 + 照料护理标准（%s，%d 项自理指标不能达到）%s 元 = %s 元",
		     money_format(standard_fen, a), benefit_care_grade_name(g),
		     who->self_care_unmet, money_format(r.care_fen, b),
		     money_format(r.full_fen, c));
out:
	*out = r;
	return DIB_OK;
}

/* ---- children ---- */

/* The age rule both children's allowances share: true (r final) when the
 * child turned 18 before the month. */
static bool aged_out(const struct benefit_person *who, dib_month m, struct benefit_result *r)
{
	r->age = benefit_child_age(who->birth, m);
	if (r->age < BENEFIT_CHILD_AGE)
		return false;
	benefit__say(r, 0, BENEFIT_AGED_OUT, "已满 %d 周岁（满周岁次月起停发）", BENEFIT_CHILD_AGE);
	return true;
}

/* 补差 (S11; §11.4): the standard less what the child already gets, or the
 * standard in full when nothing is had. parts names what got is made of. */
static void topup(struct benefit_result *r, const char *prog, dib_fen standard_fen, dib_fen got,
		  const char *parts)
{
	char a[MONEY_STR], b[MONEY_STR], c[MONEY_STR];

	r->full_fen = standard_fen;
	if (got == 0) {
		benefit__say(r, standard_fen, BENEFIT_PAID, "%s全额发放，按标准 %s 元", prog,
			     money_format(standard_fen, a));
		return;
	}
	r->offset_fen = got;
	if (got >= standard_fen)
		benefit__say(r, 0, BENEFIT_COVERED, "已领%s %s 元，不低于%s标准 %s 元，不再发放",
			     parts, money_format(got, b), prog, money_format(standard_fen, a));
	else
		benefit__say(r, standard_fen - got, BENEFIT_TOPUP,
			     "补差：%s标准 %s 元 − 已领%s %s 元 = %s 元", prog,
			     money_format(standard_fen, a), parts, money_format(got, b),
			     money_format(standard_fen - got, c));
}

/* What the child gets, and its parts in words ("低保金 + 生活补贴"). */
static dib_fen got_of(const struct benefit_person *who, bool with_tekun_living, char *parts,
		      size_t cap)
{
	const struct {
		dib_fen fen;
		const char *name;
	} t[] = {
		{who->got_dibao_fen, "低保金"},
		{with_tekun_living ? who->got_tekun_fen : 0, "特困供养金"},
		{with_tekun_living ? who->got_living_fen : 0, "困难残疾人生活补贴"},
	};
	dib_fen sum = 0;
	size_t len = 0;
	parts[0] = '\0';
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		if (!t[i].fen)
			continue;
		sum += t[i].fen;
		int k = snprintf(parts + len, cap - len, "%s%s", len ? " + " : "", t[i].name);
		if (k > 0 && (size_t)k < cap - len)
			len += (size_t)k;
	}
	return sum;
}

static dib_code orphan(const struct benefit_params *p, const struct benefit_person *who,
		       dib_month m, dib_fen standard_fen, const char *prog,
		       struct benefit_result *out, dib_err *err)
{
	struct benefit_result r = benefit__blank();
	char parts[96], a[MONEY_STR];
	dib_code rc;

	if ((rc = benefit__check(p, who, m, standard_fen, prog, err)))
		return rc;
	if (!who->orphan) {
		benefit__say(&r, 0, BENEFIT_NOT_ORPHAN, "未认定为孤儿");
		goto out;
	}
	if (aged_out(who, m, &r))
		goto out;
	if (p->orphan_topup) {
		topup(&r, prog, standard_fen, got_of(who, false, parts, sizeof parts), parts);
		goto out;
	}
	r.full_fen = standard_fen;
	benefit__say(&r, standard_fen, BENEFIT_PAID, "%s按标准 %s 元发放", prog,
		     money_format(standard_fen, a));
out:
	*out = r;
	return DIB_OK;
}

dib_code benefit_orphan_inst(const struct benefit_params *p, const struct benefit_person *who,
			     dib_month m, dib_fen standard_fen, struct benefit_result *out,
			     dib_err *err)
{
	return orphan(p, who, m, standard_fen, "机构养育孤儿基本生活费", out, err);
}

dib_code benefit_orphan_scattered(const struct benefit_params *p,
				  const struct benefit_person *who, dib_month m,
				  dib_fen standard_fen, struct benefit_result *out, dib_err *err)
{
	return orphan(p, who, m, standard_fen, "散居孤儿基本生活费", out, err);
}

dib_code benefit_child_unsupported(const struct benefit_params *p,
				   const struct benefit_person *who, dib_month m,
				   dib_fen standard_fen, struct benefit_result *out,
				   dib_err *err)
{
	static const char prog[] = "事实无人抚养儿童基本生活补贴";
	struct benefit_result r = benefit__blank();
	char parts[96];
	dib_code rc;

	if ((rc = benefit__check(p, who, m, standard_fen, prog, err)))
		return rc;
	if (!who->unsupported) {
		benefit__say(&r, 0, BENEFIT_NOT_UNSUPPORTED, "未认定为事实无人抚养儿童");
		goto out;
	}
	if (aged_out(who, m, &r))
		goto out;
	topup(&r, prog, standard_fen, got_of(who, true, parts, sizeof parts), parts);
out:
	*out = r;
	return DIB_OK;
}

/* ---- 高龄津贴 ---- */

/* "80–89 周岁档", "100 周岁以上档" for band i (0-based) of p. */
static const char *band_text(const struct benefit_params *p, int i, char *out, size_t cap)
{
	int next = i + 1 < BENEFIT_ELDERLY_BANDS ? p->elderly[i + 1].min_age : 0;
	if (next > 0)
		snprintf(out, cap, "%d–%d 周岁档", p->elderly[i].min_age, next - 1);
	else
		snprintf(out, cap, "%d 周岁以上档", p->elderly[i].min_age);
	return out;
}

dib_code benefit_elderly(const struct benefit_params *p, const struct benefit_person *who,
			 dib_month m, dib_fen standard_fen, struct benefit_result *out,
			 dib_err *err)
{
	static const char prog[] = "高龄津贴";
	struct benefit_result r = benefit__blank();
	char band[48], a[MONEY_STR];
	dib_code rc;

	if ((rc = benefit__check(p, who, m, standard_fen, prog, err)))
		return rc;
	if (who->birth.year == 0)
		return dib_err_set(err, DIB_EINVAL, "高龄津贴按周岁分档，出生日期不能为空");
	r.age = benefit_elderly_age(p, who->birth, m);
	int i = -1;
	for (int k = 0; k < BENEFIT_ELDERLY_BANDS; k++)
		if (p->elderly[k].min_age > 0 && r.age >= p->elderly[k].min_age)
			i = k;
	const char *rule = p->elderly_from_birthday_month ? "当月" : "次月";
	if (i < 0) {
		if (r.age < 0)
			r.age = 0;
		benefit__say(&r, 0, BENEFIT_UNDER_AGE, "%d 周岁，未满 %d 周岁（满周岁%s起发放）",
			     r.age, p->elderly[0].min_age, rule);
		goto out;
	}
	if (p->elderly_low_income_only && !who->low_income) {
		benefit__say(&r, 0, BENEFIT_NOT_LOW_INCOME, "本地高龄津贴只发放低收入老年人");
		goto out;
	}
	r.grade = i + 1;
	r.full_fen = i == 0 ? standard_fen : p->elderly[i].fen;
	band_text(p, i, band, sizeof band);
	/* the band reached this month: the age a month ago was below it */
	int before = benefit_elderly_age(p, who->birth, month_add(m, -1));
	if (before < p->elderly[i].min_age)
		benefit__say(&r, r.full_fen, BENEFIT_PAID, "年满 %d 周岁%s起按 %s，%s 元",
			     p->elderly[i].min_age, rule, band, money_format(r.full_fen, a));
	else
		benefit__say(&r, r.full_fen, BENEFIT_PAID, "%d 周岁，按 %s，%s 元", r.age, band,
			     money_format(r.full_fen, a));
out:
	*out = r;
	return DIB_OK;
}
