/*
 * benefit_int.h — what the grant of a program paid per person
 * (svc/benefit_grant.c) and its roster (svc/payroll_person.c) share: one
 * person's amount in one month, from the register's facts as
 * store_payroll_person gives them, by the rules of core/benefit.h. The
 * grant asks it for the first month (an ineligible person is refused with
 * the rule's reason), the roster for every month of the period — so the
 * person who was granted is the person who is paid.
 *
 * Thread-safety: benefit__person_month is pure; benefit__month_load reads
 * through the caller's store connection.
 */
#ifndef DIB_SVC_BENEFIT_INT_H
#define DIB_SVC_BENEFIT_INT_H

#include "util/dib.h"
#include "util/err.h"
#include "core/benefit.h"
#include "core/date.h"
#include "store/store_payroll.h"

struct store;

/* The programs paid per person, in benefit_compute's codes. */
#define BENEFIT__PROGRAMS 8

/* The index of program among them, -1 when it is not one. */
int benefit__program_index(const char *program);
/* Program i's code, NULL out of range. Static. */
const char *benefit__program_code(int i);
/* Its name ("高龄津贴"); the code itself when unknown. Static. */
const char *benefit__program_name(const char *program);

/* What one month needs besides the person: the month, the county's
 * parameters in force in it, and the standards in force in it (monthly,
 * by benefit__program_index; 0: none in force or not loaded). */
struct benefit__month {
	dib_month m;
	struct benefit_params p;
	dib_fen std[BENEFIT__PROGRAMS];
};

/* Fills out for month m of county with params p: program's own standard
 * (DIB_EINVAL "2026年11月没有生效的高龄津贴标准" when none is in force) and,
 * for child_unsupported, the 特困 and 生活补贴 standards its 补差 counts
 * (0 when none). */
dib_code benefit__month_load(struct store *s, const char *county, const char *program,
			     dib_month m, const struct benefit_params *p,
			     struct benefit__month *out, dib_err *err);

/* One month of one person. */
struct benefit__paid {
	dib_fen fen;           /* the month's amount; 0 when not paid */
	dib_fen care_fen;      /* 特困: the care part of fen; else 0 */
	const char *reason;    /* benefit_reason_code, or "not_member", "moved_out",
				* "died" (static) */
	char why[BENEFIT_WHY_MAX]; /* Chinese, with the numbers */
};

/* Whether row e covers month m (its first day within [from, to]). */
bool benefit__covers(const store_payroll_ent *e, dib_month m);

/*
 * The amount of who in month mc->m under program's row own (NULL: a
 * decision not yet taken; facts then from *facts, else from own's).
 * First what core/benefit cannot see: not a member of the household
 * (nothing), left it or died before the month (nothing: the month of
 * leaving or dying is still paid, 次月起停发). Then the person's facts as
 * core/benefit reads them: birth, disability, 孤儿 / 事实无人抚养 (persons.
 * orphan), the decision's facts, and from the other programs' rows
 * covering the month: 低保 (and its per-capita amount for 补差), 特困 (a
 * 特困 program pays its own person as 特困), 事实无人抚养儿童 paid in full
 * (a child in that program with neither 低保 nor 特困), and for that
 * program's 补差 the 特困 and 生活补贴 amounts the child gets that month.
 * DIB_EINVAL naming the household and person when the facts contradict
 * (core/benefit's checks) or a standard needed is missing.
 */
dib_code benefit__person_month(const struct benefit__month *mc, const char *program,
			       const store_payroll_person *who, const store_payroll_ent *own,
			       const store_benefit_facts *facts, struct benefit__paid *out,
			       dib_err *err);

#endif
