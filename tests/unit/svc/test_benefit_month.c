/*
 * test_benefit_month.c — svc/benefit_int.h benefit__person_month, the one
 * month of one person the grant checks and the roster pays: a table of
 * persons as the register gives them (store_payroll_person) against the
 * amount, the reason code and a piece of the reason. Covers what the
 * register adds to core/benefit: not a member, left the household or
 * died before the month (the month itself still paid), 低保 and 特困 read
 * from the other programs' rows covering the month (not from rows that
 * ended before it), the 低保 per-capita amount an orphan is topped up
 * against, a 事实无人抚养 child's 补差 counting the 特困 and 生活补贴 it gets,
 * the child paid in full losing the living subsidy, the decision's facts
 * (self-care, long-term care, 择高) from its row or from the request, 特困's
 * care part, and contradictory facts refused naming the household and
 * the person. No database.
 * Single-threaded.
 */
#include "util/dib.h"
#include "svc/benefit_int.h"

#include <setjmp.h>
#include <stdarg.h>
#include <cmocka.h>

#define IDX(code) benefit__program_index(code)

/* November 2026, standards (monthly): 生活补贴 80, 护理补贴 120, 特困
 * 600 (+300 全护理), 孤儿 1000 with 补差, 事实无人抚养 1000, 高龄 100. */
static struct benefit__month month(void)
{
	struct benefit__month mc;
	memset(&mc, 0, sizeof mc);
	mc.m = (dib_month){ 2026, 11 };
	mc.p = benefit_params_default();
	mc.p.tekun_care_fen[BENEFIT_CARE_FULL] = 30000;
	mc.p.orphan_topup = true;
	mc.std[IDX("disab_living")] = 8000;
	mc.std[IDX("disab_care")] = 12000;
	mc.std[IDX("tekun_central")] = 60000;
	mc.std[IDX("tekun_dispersed")] = 60000;
	mc.std[IDX("orphan_inst")] = 100000;
	mc.std[IDX("orphan_scattered")] = 100000;
	mc.std[IDX("child_unsupported")] = 100000;
	mc.std[IDX("elderly_allowance")] = 10000;
	return mc;
}

/* Other rows a case may give the person. */
enum { NONE = 0, DIBAO = 1, TEKUN = 2, LIVING = 4, UNSUP = 8, DIBAO_ENDED = 16 };

struct row {
	const char *name;
	const char *program;
	const char *birth;
	int orphan;              /* persons.orphan */
	int grade;               /* disability grade (card held when > 0) */
	const char *member_end;  /* "" current */
	const char *death;       /* "" none */
	bool member;
	int others;              /* the bits above */
	store_benefit_facts facts;
	bool facts_in_request;   /* own NULL, facts given as the request's */
	/* expected */
	dib_code rc;
	dib_fen fen, care;
	const char *reason;
	const char *why;         /* a piece of it (or of the error) */
};

static const struct row rows[] = {
	{ "elder paid", "elderly_allowance", "1940-03-01", 0, 0, "", "", true, NONE, { 0 }, false,
	  DIB_OK, 10000, 0, "paid", "86 周岁" },
	{ "not a member", "elderly_allowance", "1940-03-01", 0, 0, "", "", false, NONE, { 0 }, false,
	  DIB_OK, 0, 0, "not_member", "不是该户成员" },
	{ "left in October", "elderly_allowance", "1940-03-01", 0, 0, "2026-10-31", "", true, NONE,
	  { 0 }, false, DIB_OK, 0, 0, "moved_out", "2026-10-31 迁出" },
	{ "leaves in November: paid", "elderly_allowance", "1940-03-01", 0, 0, "2026-11-01", "", true,
	  NONE, { 0 }, false, DIB_OK, 10000, 0, "paid", "" },
	{ "died in October", "elderly_allowance", "1940-03-01", 0, 0, "", "2026-10-15", true, NONE,
	  { 0 }, false, DIB_OK, 0, 0, "died", "2026-10-15 死亡" },
	{ "dies in November: paid", "elderly_allowance", "1940-03-01", 0, 0, "", "2026-11-30", true,
	  NONE, { 0 }, false, DIB_OK, 10000, 0, "paid", "" },
	{ "care grade 1", "disab_care", "1970-01-01", 0, 1, "", "", true, NONE,
	  { .long_term_care = true }, false, DIB_OK, 12000, 0, "paid", "一级残疾" },
	{ "care, facts from the request", "disab_care", "1970-01-01", 0, 1, "", "", true, NONE,
	  { .long_term_care = true }, true, DIB_OK, 12000, 0, "paid", "" },
	{ "care, no long-term need", "disab_care", "1970-01-01", 0, 1, "", "", true, NONE, { 0 },
	  false, DIB_OK, 0, 0, "no_long_care", "长期照护" },
	{ "care in 特困", "disab_care", "1970-01-01", 0, 1, "", "", true, TEKUN,
	  { .long_term_care = true }, false, DIB_OK, 0, 0, "tekun", "纳入特困供养" },
	{ "care, 择高 lost", "disab_care", "1970-01-01", 0, 1, "", "", true, NONE,
	  { .long_term_care = true, .other_care_fen = 15000, .other_care_name = "养老护理补贴" },
	  false, DIB_OK, 0, 0, "other_higher", "养老护理补贴" },
	{ "living in 低保", "disab_living", "1970-01-01", 0, 3, "", "", true, DIBAO, { 0 }, false,
	  DIB_OK, 8000, 0, "paid", "低保家庭" },
	{ "living, 低保 ended before", "disab_living", "1970-01-01", 0, 3, "", "", true, DIBAO_ENDED,
	  { 0 }, false, DIB_OK, 0, 0, "not_poor", "非低保家庭" },
	{ "living, 边缘 not extended", "disab_living", "1970-01-01", 0, 3, "", "", true, NONE,
	  { .edge = true }, false, DIB_OK, 0, 0, "not_poor", "低保边缘" },
	{ "living, child paid in full", "disab_living", "2015-01-01", 2, 2, "", "", true, UNSUP,
	  { 0 }, false, DIB_OK, 0, 0, "unsupported_full", "全额领取" },
	{ "特困 全护理", "tekun_dispersed", "1950-01-01", 0, 0, "", "", true, NONE,
	  { .self_care_unmet = 5 }, false, DIB_OK, 90000, 30000, "paid", "全护理" },
	{ "特困 全自理", "tekun_central", "1950-01-01", 0, 0, "", "", true, NONE, { 0 }, false, DIB_OK,
	  60000, 0, "paid", "全自理" },
	{ "orphan topped up", "orphan_scattered", "2015-01-01", 1, 0, "", "", true, DIBAO, { 0 },
	  false, DIB_OK, 100000 - 46840, 0, "topup", "468.40" },
	{ "orphan without 低保", "orphan_inst", "2015-01-01", 1, 0, "", "", true, NONE, { 0 }, false,
	  DIB_OK, 100000, 0, "paid", "" },
	{ "orphan aged out", "orphan_scattered", "2008-09-30", 1, 0, "", "", true, NONE, { 0 },
	  false, DIB_OK, 0, 0, "aged_out", "18" },
	{ "not an orphan", "orphan_scattered", "2015-01-01", 0, 0, "", "", true, NONE, { 0 }, false,
	  DIB_OK, 0, 0, "not_orphan", "" },
	{ "unsupported in full", "child_unsupported", "2015-01-01", 2, 0, "", "", true, NONE, { 0 },
	  false, DIB_OK, 100000, 0, "paid", "全额" },
	{ "unsupported, 低保 + 生活补贴", "child_unsupported", "2015-01-01", 2, 2, "", "", true,
	  DIBAO | LIVING, { 0 }, false, DIB_OK, 100000 - 46840 - 8000, 0, "topup",
	  "低保金 + 困难残疾人生活补贴" },
	{ "unsupported in 特困", "child_unsupported", "2015-01-01", 2, 0, "", "", true, TEKUN, { 0 },
	  false, DIB_OK, 100000 - 60000, 0, "topup", "特困供养金" },
	{ "orphan in 特困: contradictory", "orphan_scattered", "2015-01-01", 1, 0, "", "", true,
	  TEKUN, { 0 }, false, DIB_EINVAL, 0, 0, NULL, "户 H9 成员 甲：" },
};

/* A row of program from from to to (to "" open), 低保 of 2 persons
 * 936.80 a month. */
static store_payroll_ent ent(const char *program, const char *from, const char *to)
{
	store_payroll_ent e;
	memset(&e, 0, sizeof e);
	e.entitlement_id = 7;
	e.program = program;
	snprintf(e.from_month, sizeof e.from_month, "%s", from);
	snprintf(e.to_month, sizeof e.to_month, "%s", to);
	e.amount_fen = 93680;
	e.persons = 2;
	return e;
}

static void test_benefit_month__table(void **state)
{
	(void)state;
	struct benefit__month mc = month();
	for (size_t i = 0; i < DIB_ARRAY_LEN(rows); i++) {
		const struct row *r = &rows[i];
		store_payroll_ent own = ent(r->program, "2026-01-01", "");
		own.has_facts = !r->facts_in_request;
		own.facts = r->facts_in_request ? (store_benefit_facts){ 0 } : r->facts;
		store_payroll_ent other[5];
		size_t n = 0;
		if (r->others & DIBAO)
			other[n++] = ent("dibao_urban", "2026-10-01", "");
		if (r->others & DIBAO_ENDED)
			other[n++] = ent("dibao_urban", "2026-01-01", "2026-10-01");
		if (r->others & TEKUN) {
			other[n] = ent("tekun_dispersed", "2026-11-01", "");
			other[n].has_facts = true;
			n++;
		}
		if (r->others & LIVING)
			other[n++] = ent("disab_living", "2026-06-01", "");
		if (r->others & UNSUP)
			other[n++] = ent("child_unsupported", "2026-06-01", "");
		store_payroll_person p;
		memset(&p, 0, sizeof p);
		p.household_id = 9;
		p.person_id = 3;
		p.hh_no = "H9";
		p.name = "甲";
		snprintf(p.birth_date, sizeof p.birth_date, "%s", r->birth);
		p.orphan = r->orphan;
		p.member = r->member;
		snprintf(p.member_end, sizeof p.member_end, "%s", r->member_end);
		snprintf(p.death_date, sizeof p.death_date, "%s", r->death);
		p.disability_grade = r->grade;
		p.disability_kind = r->grade ? 4 : 0;
		p.disability_card = r->grade > 0;
		p.own = &own;
		p.nown = 1;
		p.other = other;
		p.nother = n;
		struct benefit__paid paid;
		memset(&paid, 0x5a, sizeof paid);
		dib_err err;
		dib_err_clear(&err);
		dib_code rc = benefit__person_month(&mc, r->program, &p,
						    r->facts_in_request ? NULL : &own,
						    r->facts_in_request ? &r->facts : NULL, &paid, &err);
		if (rc != r->rc)
			fail_msg("%s: rc %d, want %d (%s)", r->name, rc, r->rc, err.msg);
		if (rc) {
			if (!strstr(err.msg, r->why))
				fail_msg("%s: message \"%s\" lacks \"%s\"", r->name, err.msg, r->why);
			continue;
		}
		if (paid.fen != r->fen || paid.care_fen != r->care)
			fail_msg("%s: %lld (care %lld), want %lld (care %lld): %s", r->name,
				 (long long)paid.fen, (long long)paid.care_fen, (long long)r->fen,
				 (long long)r->care, paid.why);
		if (strcmp(paid.reason, r->reason))
			fail_msg("%s: reason %s, want %s (%s)", r->name, paid.reason, r->reason,
				 paid.why);
		if (!strstr(paid.why, r->why))
			fail_msg("%s: why \"%s\" lacks \"%s\"", r->name, paid.why, r->why);
	}
}

/* A standard missing for the month is refused, not paid as 0. */
static void test_benefit_month__no_standard(void **state)
{
	(void)state;
	struct benefit__month mc = month();
	mc.std[IDX("elderly_allowance")] = 0;
	store_payroll_ent own = ent("elderly_allowance", "2026-01-01", "");
	store_payroll_person p;
	memset(&p, 0, sizeof p);
	p.hh_no = "H9";
	p.name = "甲";
	snprintf(p.birth_date, sizeof p.birth_date, "1940-01-01");
	p.member = true;
	struct benefit__paid paid;
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(benefit__person_month(&mc, "elderly_allowance", &p, &own, NULL, &paid, &err),
			 DIB_EINVAL);
	assert_non_null(strstr(err.msg, "2026年11月没有生效的高龄津贴标准"));
}

static void test_benefit_month__covers(void **state)
{
	(void)state;
	store_payroll_ent e = ent("x", "2026-10-01", "2026-11-01");
	assert_false(benefit__covers(&e, (dib_month){ 2026, 9 }));
	assert_true(benefit__covers(&e, (dib_month){ 2026, 10 }));
	assert_true(benefit__covers(&e, (dib_month){ 2026, 11 }));
	assert_false(benefit__covers(&e, (dib_month){ 2026, 12 }));
	e.to_month[0] = 0;
	assert_true(benefit__covers(&e, (dib_month){ 2030, 1 }));
	assert_int_equal(benefit__program_index("elderly_allowance"), 7);
	assert_int_equal(benefit__program_index("dibao_urban"), -1);
	assert_string_equal(benefit__program_name("disab_care"), "重度残疾人护理补贴");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_benefit_month__table),
		cmocka_unit_test(test_benefit_month__no_standard),
		cmocka_unit_test(test_benefit_month__covers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
