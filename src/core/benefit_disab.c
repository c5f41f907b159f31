/*
 * benefit_disab.c — the two disability subsidies (残疾人两项补贴,
 * regulations.md §4; benefit.h): 困难残疾人生活补贴 and 重度残疾人护理补贴.
 *
 * Both walk the same ladder, the first rung that applies giving the reason
 * (§4.2, §11.3): a disability and a card; the full exclusions (特困, 工伤
 * 护理费); the program's own conditions (for the living subsidy: not an
 * orphan nor a child with the full allowance, a 低保 household; for the
 * care subsidy: long-term care, a severe grade); then 择高 against the
 * other welfare allowance of the same kind. The order matters only for
 * the reason shown: every rung before the amount pays nothing.
 *
 * Thread-safe: pure functions.
 */
#include "util/dib.h"
#include "core/benefit.h"
#include "core/benefit_int.h"
#include "core/codes.h"

static const char *const grade_name[5] = {"", "一级", "二级", "三级", "四级"};

/* The rungs both subsidies share: disabled, a card, not 特困, no 工伤护理费.
 * true when one applied (r is then final). */
static bool common_exclusion(const struct benefit_person *who, const char *prog,
			     struct benefit_result *r)
{
	if (who->disability_grade == 0) {
		benefit__say(r, 0, BENEFIT_NO_DISABILITY, "无残疾等级，不享受%s", prog);
		return true;
	}
	if (!who->disability_card) {
		benefit__say(r, 0, BENEFIT_NO_CARD, "未持有残疾人证，不享受%s", prog);
		return true;
	}
	if (who->tekun) {
		benefit__say(r, 0, BENEFIT_TEKUN, "纳入特困供养，两项补贴均不享受");
		return true;
	}
	if (who->injury_care) {
		benefit__say(r, 0, BENEFIT_INJURY_CARE, "领取工伤保险生活护理费，两项补贴均不享受");
		return true;
	}
	return false;
}

/* 择高 (§4.2): the subsidy amount is paid only when strictly higher than
 * the other allowance of its kind — at a tie nothing changes hands. */
static void choose_higher(struct benefit_result *r, const char *prog, const char *short_name,
			  dib_fen amount, dib_fen other, const char *other_name,
			  const char *paid_why)
{
	char a[MONEY_STR], b[MONEY_STR];

	r->full_fen = amount;
	if (other == 0) {
		benefit__say(r, amount, BENEFIT_PAID, "%s", paid_why);
		return;
	}
	r->offset_fen = other;
	if (other >= amount)
		benefit__say(r, 0, BENEFIT_OTHER_HIGHER, "择高：领取%s %s 元，不低于%s %s 元，不享受%s",
			     other_name, money_format(other, a), short_name,
			     money_format(amount, b), prog);
	else
		benefit__say(r, amount, BENEFIT_CHOSEN, "择高：%s %s 元，高于%s %s 元，领取%s",
			     short_name, money_format(amount, b), other_name,
			     money_format(other, a), prog);
}

dib_code benefit_disab_living(const struct benefit_params *p, const struct benefit_person *who,
			      dib_month m, dib_fen standard_fen, struct benefit_result *out,
			      dib_err *err)
{
	static const char prog[] = "困难残疾人生活补贴";
	struct benefit_result r = benefit__blank();
	char a[MONEY_STR], q[DIB_QUOTE_MAX], why[160];
	dib_code rc;

	if ((rc = benefit__check(p, who, m, standard_fen, prog, err)))
		return rc;
	if (common_exclusion(who, prog, &r))
		goto out;
	if (who->orphan) {
		benefit__say(&r, 0, BENEFIT_ORPHAN, "孤儿不享受生活补贴（可享受护理补贴）");
		goto out;
	}
	if (who->unsupported_full) {
		benefit__say(&r, 0, BENEFIT_UNSUPPORTED_FULL,
			     "全额领取事实无人抚养儿童基本生活补贴，不享受生活补贴（可享受护理补贴）");
		goto out;
	}
	const char *whose;
	if (who->dibao)
		whose = "低保家庭";
	else if (who->edge && p->disab_living_edge)
		whose = "低保边缘家庭 (本地延伸)";
	else {
		benefit__say(&r, 0, BENEFIT_NOT_POOR, "%s，不享受生活补贴",
			     who->edge ? "低保边缘家庭，本地生活补贴未延伸至低保边缘家庭"
				       : "非低保家庭");
		goto out;
	}
	snprintf(why, sizeof why, "%s持证残疾人，按标准 %s 元", whose,
		 money_format(standard_fen, a));
	choose_higher(&r, prog, "生活补贴", standard_fen, who->other_living_fen,
		      benefit__name(who->other_living_name, "其他福利性生活补贴", q), why);
out:
	*out = r;
	return DIB_OK;
}

dib_code benefit_disab_care(const struct benefit_params *p, const struct benefit_person *who,
			    dib_month m, dib_fen standard_fen, struct benefit_result *out,
			    dib_err *err)
{
	static const char prog[] = "重度残疾人护理补贴";
	struct benefit_result r = benefit__blank();
	char a[MONEY_STR], b[MONEY_STR], q[DIB_QUOTE_MAX], why[200];
	dib_code rc;

	if ((rc = benefit__check(p, who, m, standard_fen, prog, err)))
		return rc;
	if (common_exclusion(who, prog, &r))
		goto out;
	int g = who->disability_grade;
	r.grade = g;
	bool mental = who->disability_kind == CODES_DIS_INTELLECTUAL ||
		      who->disability_kind == CODES_DIS_MENTAL;
	const char *kind = !mental ? "" : who->disability_kind == CODES_DIS_MENTAL ? "精神" : "智力";
	if (g >= 3 && !(mental && p->disab_care_mental34)) {
		benefit__say(&r, 0, BENEFIT_NOT_SEVERE, "%s%s残疾不属于重度残疾%s，不享受护理补贴",
			     grade_name[g], kind,
			     mental ? "（本地护理补贴未延伸至三、四级智力、精神残疾人）" : "");
		goto out;
	}
	if (!who->long_term_care) {
		benefit__say(&r, 0, BENEFIT_NO_LONG_CARE,
			     "不需要长期照护（持续 6 个月以上），不享受护理补贴");
		goto out;
	}
	dib_fen amount;
	if (g == 1) {
		amount = standard_fen;
		snprintf(why, sizeof why, "一级残疾，需长期照护，按标准 %s 元",
			 money_format(amount, a));
	} else {
		int32_t bp = g == 2 ? p->disab_care_grade2_bp : p->disab_care_mental34_bp;
		char pct[24];
		amount = money_div(standard_fen * bp, 10000, p->rounding);
		if (bp % 100)
			snprintf(pct, sizeof pct, "%d.%02d%%", bp / 100, bp % 100);
		else
			snprintf(pct, sizeof pct, "%d%%", bp / 100);
		snprintf(why, sizeof why, "%s%s残疾%s，需长期照护，按一级标准 %s 元的 %s 计 %s 元",
			 grade_name[g], g >= 3 ? kind : "", g >= 3 ? " (本地延伸)" : "",
			 money_format(standard_fen, a), pct, money_format(amount, b));
	}
	if (amount == 0) {
		r.full_fen = 0;
		benefit__say(&r, 0, BENEFIT_PAID, "%s", why);
		goto out;
	}
	choose_higher(&r, prog, "护理补贴", amount, who->other_care_fen,
		      benefit__name(who->other_care_name, "其他福利性护理补贴", q), why);
out:
	*out = r;
	return DIB_OK;
}
