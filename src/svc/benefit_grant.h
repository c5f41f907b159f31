/*
 * benefit_grant.h (svc) — how a household gets one of the programs paid
 * per person (issue 5 item 7): 困难残疾人生活补贴 (disab_living), 重度残疾人
 * 护理补贴 (disab_care), 特困人员供养 (tekun_central, tekun_dispersed),
 * 孤儿基本生活费 (orphan_inst, orphan_scattered), 事实无人抚养儿童基本生活
 * 补贴 (child_unsupported) and 高龄津贴 (elderly_allowance). The amounts
 * are core/benefit.h's rules; the roster that pays them month by month is
 * svc/payroll.h's (payroll_person.c).
 *
 * A grant is a county decision (县民政局审批人: AUTHZ_CASE_ACT on the
 * household and the county_approver role — the same decider as a change
 * of 低保 where confirmation is not delegated, svc/coverage.c; the national
 * texts make the county the deciding level for every one of these
 * programs). It opens an entitlement of the program for the household
 * (one open per household and program: store_case.h) covering the persons
 * named, with its decision number, from:
 *   - the month of application for the two disability subsidies (§4.3:
 *     自递交申请当月起计发 — a late decision pays arrears);
 *   - the month after the decision (today) for the others
 * (core/benefit.h benefit_first_month). Each person must be a current
 * member of the household, with no recorded death, and eligible in that
 * first month by the program's rule with the standard in force then —
 * an ineligible person is refused with the rule's own Chinese reason
 * (e.g. 成员 张三：纳入特困供养，两项补贴均不享受). What the register has
 * no column for is stated in the request and stored with the decision
 * (store_benefit.h: self-care count, long-term care, 工伤护理费, 低保边缘,
 * the other allowances of 择高). entitlement.amount_fen is the household's
 * total of the first month: informational, the roster recomputes every
 * month.
 *
 * One transaction, one audit record ("benefit.grant", entity
 * "entitlement"). who NULL is the command line's own authority (the demo).
 *
 * Thread-safety: as the store connection.
 */
#ifndef DIB_SVC_BENEFIT_GRANT_H
#define DIB_SVC_BENEFIT_GRANT_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/date.h"
#include "store/store_benefit.h"
#include "svc/authz.h"

struct store;

/* Persons one decision may cover. */
#define BENEFIT_GRANT_MAX_PERSONS 20

/* One person named, with the facts the decision found. */
struct benefit_grant_person {
	int64_t person_id;
	store_benefit_facts facts; /* names: NULL/"" none; checked, copied */
};

struct benefit_grant_req {
	int64_t household_id;
	const char *program;  /* one of the eight codes above */
	const struct benefit_grant_person *persons;
	size_t npersons;      /* 1..BENEFIT_GRANT_MAX_PERSONS, no person twice */
	const char *decision_no; /* 决定文号, required */
	const char *applied;  /* 申请日期 "YYYY-MM-DD" or month "YYYY-MM" (its first
			       * day), not after today; NULL/"": today */
};

/* Grants req on behalf of who (NULL: the command line) as actor on the
 * business date today; *entitlement_id gets the new entitlement. Errors:
 * DIB_EINVAL for a bad request (naming the field), a person not a current
 * member or dead, no standard in force in the first month, or a person
 * not eligible then ("成员 NAME：" + the rule's reason); DIB_EPERM for
 * someone who is not the county's approver; DIB_ENOTFOUND for an unknown
 * household; DIB_ECONFLICT "该户已在享受同一项目的待遇" when the household
 * has an open entitlement of the program. Nothing is written on error. */
dib_code benefit_grant(struct store *s, const struct authz_subject *who, const char *actor,
		       const struct benefit_grant_req *req, dib_date today, dib_arena *a,
		       int64_t *entitlement_id, dib_err *err);

/* The household's decisions of the programs paid per person, the latest
 * first, one row per person (register_read on the household; who NULL:
 * the command line). *out: *n in a. DIB_ENOTFOUND for an unknown
 * household. */
dib_code benefit_list(struct store *s, const struct authz_subject *who, int64_t household_id,
		      dib_arena *a, store_benefit_grant **out, size_t *n, dib_err *err);

/* 高龄津贴 for "elderly_allowance" …; the code itself when unknown. Static. */
const char *benefit_program_name(const char *program);

#endif
