/*
 * store_benefit.h — the rows of the programs paid per person (schema v11):
 * the facts a decision found about each person it covers
 * (benefit_facts), and a household's decisions of those programs with
 * their persons, as svc/benefit_grant.h writes and lists them. The
 * entitlement row itself is store_case.h's (store_entitlement_insert); the
 * payroll's walk over these rows is store_payroll.h's
 * (store_payroll_people).
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#ifndef DIB_STORE_BENEFIT_H
#define DIB_STORE_BENEFIT_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/date.h"
#include "core/region.h"

struct store;

/* What the register has no column for (0011_benefits.sql): the fields of
 * core/benefit.h's struct benefit_person a decision states. */
typedef struct store_benefit_facts {
	int self_care_unmet;          /* 特困: 6 项自理指标中不能达到的项数, 0..6 */
	bool long_term_care;          /* 需要长期照护 (护理补贴) */
	bool injury_care;             /* 领取工伤保险生活护理费 */
	bool edge;                    /* 低保边缘家庭 (生活补贴延伸, 低收入老年人) */
	int64_t other_living_fen;     /* 择高: 其他福利性生活补贴 a month, 0 none */
	const char *other_living_name;/* its name; NULL none */
	int64_t other_care_fen;       /* 择高: 其他福利性护理补贴 a month, 0 none */
	const char *other_care_name;
} store_benefit_facts;

/* Inserts the facts of person_id under entitlement_id (county: 6 digits)
 * inside the open transaction (DIB_EINTERNAL without one). DIB_ECONFLICT
 * when the pair already has its row. */
dib_code store_benefit_facts_insert(struct store *s, const char *county, int64_t entitlement_id,
				    int64_t person_id, const store_benefit_facts *f, dib_err *err);

/* One person under one decision of a household, as listed. */
typedef struct store_benefit_grant {
	int64_t entitlement_id;
	const char *program;
	char from_month[DIB_DATE_STR], to_month[DIB_DATE_STR]; /* to "" while open */
	int64_t amount_fen;          /* the household's first month (informational) */
	const char *decision_no;     /* NULL when none */
	const char *created_by;
	int64_t person_id;
	const char *person_name;
	bool has_facts;              /* a benefit_facts row exists */
	store_benefit_facts facts;
} store_benefit_grant;

/* The decisions of household_id in every program paid per person (not
 * 低保, not 临时救助), the latest first, one row per covered person; *out:
 * *n in a (NULL and 0 when none). */
dib_code store_benefit_grants(struct store *s, int64_t household_id, dib_arena *a,
			      store_benefit_grant **out, size_t *n, dib_err *err);

#endif
