/*
 * benefit_month.c — one person's amount in one month of a program paid per
 * person (benefit_int.h): the register's facts turned into core/benefit's
 * struct benefit_person, the exclusions core/benefit cannot see (not a
 * member, left the household, died), and the month's standards.
 *
 * Thread-safety: benefit__person_month is pure; benefit__month_load reads
 * through the caller's store connection.
 */
#include "util/dib.h"
#include "core/money.h"
#include "svc/benefit_int.h"
#include "svc/standard.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const struct {
	const char *code, *name;
} programs[BENEFIT__PROGRAMS] = {
	{ "disab_living", "困难残疾人生活补贴" },
	{ "disab_care", "重度残疾人护理补贴" },
	{ "tekun_central", "特困人员集中供养" },
	{ "tekun_dispersed", "特困人员分散供养" },
	{ "orphan_inst", "机构养育孤儿基本生活费" },
	{ "orphan_scattered", "散居孤儿基本生活费" },
	{ "child_unsupported", "事实无人抚养儿童基本生活补贴" },
	{ "elderly_allowance", "高龄津贴" },
};

int benefit__program_index(const char *program)
{
	for (int i = 0; program && i < BENEFIT__PROGRAMS; i++)
		if (!strcmp(programs[i].code, program))
			return i;
	return -1;
}

const char *benefit__program_code(int i)
{
	return i >= 0 && i < BENEFIT__PROGRAMS ? programs[i].code : NULL;
}

const char *benefit__program_name(const char *program)
{
	int i = benefit__program_index(program);
	return i >= 0 ? programs[i].name : program ? program : "";
}

bool benefit__covers(const store_payroll_ent *e, dib_month m)
{
	char d[DIB_DATE_STR];
	date_format(month_first_day(m), d);
	return strcmp(e->from_month, d) <= 0 && (!e->to_month[0] || strcmp(e->to_month, d) >= 0);
}

/* The standard of program i in force in m into *out; 0 when none. */
static dib_code std_of(struct store *s, const char *county, int i, dib_month m, dib_fen *out,
		       dib_err *err)
{
	*out = 0;
	dib_code rc = standard_monthly(s, county, programs[i].code, month_first_day(m), out, err);
	if (rc == DIB_ENOTFOUND) {
		dib_err_clear(err);
		*out = 0;
		rc = DIB_OK;
	}
	return rc;
}

dib_code benefit__month_load(struct store *s, const char *county, const char *program,
			     dib_month m, const struct benefit_params *p,
			     struct benefit__month *out, dib_err *err)
{
	int own = benefit__program_index(program);
	if (own < 0)
		return dib_err_set(err, DIB_EINVAL, "“%s”不是按人发放的救助项目",
				   program ? program : "");
	struct benefit__month mc;
	memset(&mc, 0, sizeof mc);
	mc.m = m;
	mc.p = *p;
	dib_code rc = std_of(s, county, own, m, &mc.std[own], err);
	if (!rc && !mc.std[own])
		rc = dib_err_set(err, DIB_EINVAL, "%d年%d月没有生效的%s标准", m.year, m.month,
				 programs[own].name);
	/* the child's 补差 counts the 特困 and 生活补贴 amounts it gets */
	static const char *const counted[] = { "tekun_central", "tekun_dispersed", "disab_living" };
	for (size_t i = 0; !rc && !strcmp(program, "child_unsupported") && i < DIB_ARRAY_LEN(counted);
	     i++) {
		int k = benefit__program_index(counted[i]);
		rc = std_of(s, county, k, m, &mc.std[k], err);
	}
	if (!rc)
		*out = mc;
	return rc;
}

/* ---- the person ---- */

static bool is_dibao(const char *program)
{
	return !strncmp(program, "dibao_", 6);
}

static bool is_tekun(const char *program)
{
	return !strncmp(program, "tekun_", 6);
}

/* The last of who's other rows of a program for which want() holds that
 * covers m; NULL when none. */
static const store_payroll_ent *other_in(const store_payroll_person *who, dib_month m,
					 bool (*want)(const char *program))
{
	const store_payroll_ent *found = NULL;
	for (size_t i = 0; i < who->nother; i++)
		if (want(who->other[i].program) && benefit__covers(&who->other[i], m))
			found = &who->other[i];
	return found;
}

static bool is_living(const char *program)
{
	return !strcmp(program, "disab_living");
}

static bool is_unsupported(const char *program)
{
	return !strcmp(program, "child_unsupported");
}

static void facts_into(struct benefit_person *bp, const store_benefit_facts *f)
{
	bp->self_care_unmet = f->self_care_unmet;
	bp->long_term_care = f->long_term_care;
	bp->injury_care = f->injury_care;
	bp->edge = f->edge;
	bp->other_living_fen = f->other_living_fen;
	bp->other_living_name = f->other_living_name;
	bp->other_care_fen = f->other_care_fen;
	bp->other_care_name = f->other_care_name;
}

/* The amount another program's row pays who in the month (for the 补差 of
 * a child's allowance): that row's facts, that program's standard. */
static dib_code other_amount(const struct benefit__month *mc, const store_payroll_ent *row,
			     const struct benefit_person *base, dib_fen *out, dib_err *err)
{
	int i = benefit__program_index(row->program);
	if (i < 0 || !mc->std[i])
		return dib_err_set(err, DIB_EINVAL, "%d年%d月没有生效的%s标准，无法计算已领金额",
				   mc->m.year, mc->m.month, benefit__program_name(row->program));
	struct benefit_person bp = *base;
	static const store_benefit_facts none;
	facts_into(&bp, row->has_facts ? &row->facts : &none);
	bp.got_dibao_fen = bp.got_tekun_fen = bp.got_living_fen = 0;
	if (is_tekun(row->program))
		bp.tekun = true;
	struct benefit_result r;
	dib_code rc = benefit_compute(&mc->p, row->program, &bp, mc->m, mc->std[i], &r, err);
	if (!rc)
		*out = r.fen;
	return rc;
}

static void say(struct benefit__paid *out, const char *reason, const char *fmt, ...)
	DIB_PRINTF(3, 4);

/* Nothing for the month, for reason (a static code). */
static void say(struct benefit__paid *out, const char *reason, const char *fmt, ...)
{
	va_list ap;
	out->fen = 0;
	out->care_fen = 0;
	out->reason = reason;
	va_start(ap, fmt);
	vsnprintf(out->why, sizeof out->why, fmt, ap);
	va_end(ap);
}

dib_code benefit__person_month(const struct benefit__month *mc, const char *program,
			       const store_payroll_person *who, const store_payroll_ent *own,
			       const store_benefit_facts *facts, struct benefit__paid *out,
			       dib_err *err)
{
	char first[DIB_DATE_STR];
	date_format(month_first_day(mc->m), first);
	struct benefit__paid paid;
	memset(&paid, 0, sizeof paid);
	/* what core/benefit cannot see: the month of leaving or dying is paid */
	if (!who->member) {
		say(&paid, "not_member", "不是该户成员，不予发放");
		goto done;
	}
	if (who->death_date[0] && strcmp(who->death_date, first) < 0) {
		say(&paid, "died", "已于 %s 死亡（次月起停发）", who->death_date);
		goto done;
	}
	if (who->member_end[0] && strcmp(who->member_end, first) < 0) {
		say(&paid, "moved_out", "已于 %s 迁出该户（次月起停发）", who->member_end);
		goto done;
	}
	int own_i = benefit__program_index(program);
	if (own_i < 0 || !mc->std[own_i])
		return dib_err_set(err, DIB_EINVAL, "%d年%d月没有生效的%s标准", mc->m.year,
				   mc->m.month, benefit__program_name(program));

	struct benefit_person bp;
	memset(&bp, 0, sizeof bp);
	dib_err e;
	dib_err_clear(&e);
	dib_code rc = date_parse(who->birth_date, strlen(who->birth_date), &bp.birth, &e);
	bp.disability_kind = who->disability_kind;
	bp.disability_grade = who->disability_grade;
	bp.disability_card = who->disability_card;
	bp.orphan = who->orphan == 1;
	bp.unsupported = who->orphan == 2;
	static const store_benefit_facts none;
	facts_into(&bp, own && own->has_facts ? &own->facts : facts ? facts : &none);

	const store_payroll_ent *dibao = other_in(who, mc->m, is_dibao);
	const store_payroll_ent *tekun = other_in(who, mc->m, is_tekun);
	bp.dibao = dibao != NULL;
	bp.tekun = tekun != NULL || is_tekun(program);
	bp.low_income = bp.dibao || bp.tekun || bp.edge;
	/* a child in 事实无人抚养 with neither 低保 nor 特困 gets it in full, and
	 * then not the living subsidy (S11 三（一）) */
	bool full = bp.unsupported && !bp.dibao && !bp.tekun &&
		    (is_unsupported(program) || other_in(who, mc->m, is_unsupported));
	bp.unsupported_full = full && !is_unsupported(program);

	/* 补差: what a child already gets (the orphan rule reads only 低保) */
	bool child = is_unsupported(program) || !strncmp(program, "orphan_", 7);
	if (!rc && child && dibao && dibao->persons > 0)
		bp.got_dibao_fen = money_div(dibao->amount_fen, dibao->persons, mc->p.rounding);
	if (!rc && is_unsupported(program)) {
		struct benefit_person base = bp;
		base.got_dibao_fen = 0;
		base.unsupported_full = full;
		if (tekun)
			rc = other_amount(mc, tekun, &base, &bp.got_tekun_fen, &e);
		const store_payroll_ent *living = other_in(who, mc->m, is_living);
		if (!rc && living)
			rc = other_amount(mc, living, &base, &bp.got_living_fen, &e);
	}
	struct benefit_result r;
	if (!rc)
		rc = benefit_compute(&mc->p, program, &bp, mc->m, mc->std[own_i], &r, &e);
	if (rc)
		return dib_err_set(err, rc, "户 %s 成员 %s：%s", who->hh_no, who->name, e.msg);
	paid.fen = r.fen;
	/* 特困's care part, shown apart on the line (addon) */
	if (is_tekun(program))
		paid.care_fen = r.care_fen < r.fen ? r.care_fen : r.fen;
	paid.reason = benefit_reason_code(r.reason);
	snprintf(paid.why, sizeof paid.why, "%s", r.why);
done:
	*out = paid;
	return DIB_OK;
}
