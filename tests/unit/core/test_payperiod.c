/*
 * test_payperiod.c — table tests for core/payperiod: the periods each
 * rhythm cuts a year into, their codes and names, and the due days of
 * seed 001 (月 10 日前, 季初 10 日前, 1 月和 7 月 10 日前, 每年 9 月).
 * Thread-safety: single-threaded test program.
 */
#include "util/dib.h"
#include "core/payperiod.h"

#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

static void test_payperiod__periods_codes_names_due(void **state)
{
	(void)state;
	static const struct {
		enum pay_rhythm r;
		int y, m;                 /* a month of the period */
		const char *code, *name;  /* of the period */
		int first, months;        /* its first month and length */
		const char *due;          /* seed 001 */
	} t[] = {
		{ PAY_MONTHLY, 2026, 7, "2026-07", "2026年7月", 7, 1, "2026-07-10" },
		{ PAY_MONTHLY, 2026, 12, "2026-12", "2026年12月", 12, 1, "2026-12-10" },
		{ PAY_QUARTERLY, 2026, 1, "2026Q1", "2026年第一季度", 1, 3, "2026-01-10" },
		{ PAY_QUARTERLY, 2026, 8, "2026Q3", "2026年第三季度", 7, 3, "2026-07-10" },
		{ PAY_QUARTERLY, 2026, 12, "2026Q4", "2026年第四季度", 10, 3, "2026-10-10" },
		{ PAY_HALF_YEARLY, 2026, 6, "2026H1", "2026年上半年", 1, 6, "2026-01-10" },
		{ PAY_HALF_YEARLY, 2026, 7, "2026H2", "2026年下半年", 7, 6, "2026-07-10" },
		{ PAY_YEARLY, 2026, 3, "2026", "2026年度", 1, 12, "2026-09-30" },
	};
	struct pay_params pp = pay_params_default();
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		struct pay_period p = pay_period_of(t[i].r, (dib_month){ t[i].y, t[i].m });
		char code[PAY_PERIOD_CODE], name[PAY_PERIOD_NAME], due[DIB_DATE_STR];
		if (p.first.year != t[i].y || p.first.month != t[i].first || p.months != t[i].months)
			fail_msg("%s: period starts %d-%d for %d months", t[i].code, p.first.year,
				 p.first.month, p.months);
		assert_string_equal(pay_period_code(p, code), t[i].code);
		assert_string_equal(pay_period_name(p, name), t[i].name);
		assert_string_equal(date_format(pay_period_due(&pp, p), due), t[i].due);
		assert_true(pay_period_contains(p, (dib_month){ t[i].y, t[i].m }));
		/* the code parses back to the same period */
		struct pay_period q;
		dib_err err = { 0 };
		assert_int_equal(pay_period_parse(t[i].r, t[i].code, &q, &err), DIB_OK);
		assert_int_equal(month_cmp(q.first, p.first), 0);
		assert_int_equal(q.months, p.months);
	}
}

static void test_payperiod__parse_refuses_other_forms(void **state)
{
	(void)state;
	static const struct {
		enum pay_rhythm r;
		const char *s, *msg;
	} t[] = {
		{ PAY_MONTHLY, "2026Q3", "按月发放的期次写作 2026-07" },
		{ PAY_MONTHLY, "2026-13", "按月" },
		{ PAY_MONTHLY, "2026-7", "按月" },
		{ PAY_QUARTERLY, "2026-07", "按季发放的期次写作 2026Q3" },
		{ PAY_QUARTERLY, "2026Q5", "按季" },
		{ PAY_HALF_YEARLY, "2026H3", "按半年发放的期次写作 2026H2" },
		{ PAY_YEARLY, "2026-01", "按年发放的期次写作 2026" },
		{ PAY_YEARLY, "", "按年" },
		{ PAY_MONTHLY, "abcd-01", "按月" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		struct pay_period p;
		dib_err err = { 0 };
		if (pay_period_parse(t[i].r, t[i].s, &p, &err) != DIB_EINVAL)
			fail_msg("%s accepted", t[i].s);
		if (!strstr(err.msg, t[i].msg))
			fail_msg("%s: message %s lacks %s", t[i].s, err.msg, t[i].msg);
	}
	struct pay_period p;
	assert_int_equal(pay_period_parse(PAY_QUARTERLY, "2026q2", &p, NULL), DIB_OK);
	assert_int_equal(p.first.month, 4);
}

static void test_payperiod__next_last_and_programs(void **state)
{
	(void)state;
	struct pay_period q4 = pay_period_of(PAY_QUARTERLY, (dib_month){ 2026, 11 });
	struct pay_period n = pay_period_next(q4);
	assert_int_equal(n.first.year, 2027);
	assert_int_equal(n.first.month, 1);
	assert_int_equal(pay_period_last(q4).month, 12);
	assert_false(pay_period_contains(q4, (dib_month){ 2027, 1 }));
	assert_false(pay_period_contains(q4, (dib_month){ 2026, 9 }));

	assert_int_equal(pay_program_index("dibao_rural"), 1);
	assert_int_equal(pay_program_index("elderly_allowance"), PAY_PROGRAMS - 1);
	assert_int_equal(pay_program_index("temp_aid"), -1); /* paid once, no rhythm */
	assert_int_equal(pay_program_index(NULL), -1);
	assert_string_equal(pay_program_code(0), "dibao_urban");
	assert_null(pay_program_code(PAY_PROGRAMS));

	enum pay_rhythm r;
	assert_true(pay_rhythm_parse("half_yearly", &r));
	assert_int_equal(r, PAY_HALF_YEARLY);
	assert_string_equal(pay_rhythm_name(r), "按半年");
	assert_false(pay_rhythm_parse("weekly", &r));
}

static void test_payperiod__params_check(void **state)
{
	(void)state;
	struct pay_params p = pay_params_default();
	assert_int_equal(pay_params_check(&p, NULL), DIB_OK);
	assert_int_equal(p.due_day, 10);
	assert_int_equal(p.yearly_month, 9);
	p.due_day = 29; /* February has no 29th in most years */
	assert_int_equal(pay_params_check(&p, NULL), DIB_EINVAL);
	p = pay_params_default();
	p.yearly_month = 13;
	assert_int_equal(pay_params_check(&p, NULL), DIB_EINVAL);
	p = pay_params_default();
	p.recovery_max_bp = 10001;
	assert_int_equal(pay_params_check(&p, NULL), DIB_EINVAL);
	p = pay_params_default();
	p.rhythm[3] = (enum pay_rhythm)7;
	assert_int_equal(pay_params_check(&p, NULL), DIB_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_payperiod__periods_codes_names_due),
		cmocka_unit_test(test_payperiod__parse_refuses_other_forms),
		cmocka_unit_test(test_payperiod__next_last_and_programs),
		cmocka_unit_test(test_payperiod__params_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
