/*
 * payperiod.h — when each program pays: its rhythm (月/季/半年/年), the pay
 * periods that rhythm cuts a year into, their codes and Chinese names, and
 * the day each period's money must be in the accounts.
 *
 * The rhythm is a county's choice per program (seed 001: "月发放的项目在每
 * 月10日前完成，季度发放的在每季度第一个月的10号前发放，半年发放的项目在
 * 1月份、7月份10号前完成，年发放的项目在每年9月份发放到位"; regulations.md
 * §1.13: 按月, rural areas may pay by quarter). The defaults follow the
 * national text: monthly, by the 10th; a yearly program in September.
 *
 * A period is the months it pays for: a quarter pays its three months at
 * its start (每季度初), a half-year its six, a year its twelve — paid in the
 * year's payment month (September by default), not ahead of it. Codes:
 *   monthly      "2026-07"   2026年7月
 *   quarterly    "2026Q3"    2026年第三季度
 *   half-yearly  "2026H2"    2026年下半年
 *   yearly       "2026"      2026年度
 *
 * Only the programs paid by payroll are here: 临时救助 (temp_aid) is paid
 * once, case by case, and has no rhythm.
 *
 * Thread-safe: pure functions over constant tables.
 */
#ifndef DIB_CORE_PAYPERIOD_H
#define DIB_CORE_PAYPERIOD_H

#include "util/dib.h"
#include "util/err.h"
#include "core/date.h"

enum pay_rhythm {
	PAY_MONTHLY = 0, /* 按月 */
	PAY_QUARTERLY,   /* 按季 */
	PAY_HALF_YEARLY, /* 按半年 */
	PAY_YEARLY,      /* 按年 */
};
#define PAY_RHYTHMS 4

/* The programs paid by payroll, in the programs table's order. */
#define PAY_PROGRAMS 10

/* The rhythm of every payroll program and the days money is due. */
struct pay_params {
	enum pay_rhythm rhythm[PAY_PROGRAMS]; /* by pay_program_index */
	int due_day;      /* money in the accounts by this day of the period's
	                     first month (10) — monthly, quarterly, half-yearly */
	int yearly_month; /* the month a yearly program pays in (9), by its end */
	int recovery_max_bp; /* an overpayment (应追缴) is deducted from later
	                        payments up to this share of each (basis points) */
};

/* National defaults: every program monthly, due the 10th, yearly in
 * September; deductions up to 30 % of a payment (no national number [C]). */
struct pay_params pay_params_default(void);

/* Ranges: due_day 1..28 (every month has it), yearly_month 1..12,
 * recovery_max_bp 0..10000. */
dib_code pay_params_check(const struct pay_params *p, dib_err *err);

/* The index of a payroll program ("dibao_rural" → 1), or -1 for a code that
 * is not one (temp_aid, unknown). */
int pay_program_index(const char *code);
/* The code of program i (< PAY_PROGRAMS), NULL past the end. */
const char *pay_program_code(int i);

/* "monthly" / "quarterly" / "half_yearly" / "yearly"; 按月 / 按季 / 按半年 / 按年. */
const char *pay_rhythm_code(enum pay_rhythm r);
const char *pay_rhythm_name(enum pay_rhythm r);
/* The code back to the rhythm; false for anything else. */
bool pay_rhythm_parse(const char *code, enum pay_rhythm *out);
/* Months a period of the rhythm covers: 1, 3, 6, 12. */
int pay_rhythm_months(enum pay_rhythm r);

/* A pay period: its first month and how many months it pays for. */
struct pay_period {
	dib_month first;
	int months;
};

#define PAY_PERIOD_CODE 24   /* "2026-07", "2026Q3", "2026H2", "2026" + NUL, with room */
#define PAY_PERIOD_NAME 32   /* "2026年第三季度" in UTF-8 + NUL */

/* The period of rhythm r that contains month m. */
struct pay_period pay_period_of(enum pay_rhythm r, dib_month m);

/* Parses a period code of rhythm r. A code of another rhythm ("2026Q3" for a
 * monthly program) or out of range is DIB_EINVAL with a message naming the
 * form the rhythm wants ("按季发放的期次写作 2026Q3"). */
dib_code pay_period_parse(enum pay_rhythm r, const char *s, struct pay_period *out, dib_err *err);

/* The code and the Chinese name of p (out of PAY_PERIOD_CODE / _NAME bytes). */
char *pay_period_code(struct pay_period p, char *out);
char *pay_period_name(struct pay_period p, char *out);

/* The last month p pays for. */
dib_month pay_period_last(struct pay_period p);
/* Whether month m is one of p's. */
bool pay_period_contains(struct pay_period p, dib_month m);
/* The period after p, of the same length. */
struct pay_period pay_period_next(struct pay_period p);

/* The day p's money is due in the accounts: the due_day of its first month;
 * for a yearly period the last day of yearly_month of its year. */
dib_date pay_period_due(const struct pay_params *pp, struct pay_period p);

#endif
