/*
 * demo_covered.c — the demo county's households already in payment
 * (`dibao demo --covered N`): a county installing dibao brings the 低保
 * households it already pays (存量对象). Up to N households that never
 * applied here are assessed with the real rules on the last day of the
 * month before the payments begin, and those the assessment finds eligible
 * get the entitlement it computes — 城市低保 for an urban registration,
 * 农村低保 for a rural one — from the first month of the year before today's
 * month (or of today's year): months enough for a payroll history. A
 * household the assessment finds ineligible is left out, never forced in.
 *
 * Every township holding such a household must report its part of a
 * roster before the county approves it (docs/internals/payroll.md): each
 * such township without a township caseworker (the demo's own sits in
 * 东屯镇) gets a clerk, "jb" and the township's three digits (jb001:
 * 文岩街道民政经办人), with the demo password, so that a month can be paid
 * from start to end.
 *
 * One transaction, one audit record ("demo.covered" with the counts).
 * Thread-safety: as the store connection.
 */
#include "util/dib.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_case.h"
#include "store/store_household.h"
#include "store/store_region.h"
#include "store/store_user.h"
#include "svc/assessment.h"
#include "svc/case_rules.h"
#include "svc/password.h"
#include "svc/setup.h"
#include "svc/svc_int.h"

#include <stdio.h>

/* The month the demo's payments begin: January of today's year, or of the
 * year before when today is in its first quarter (a history to show). */
static dib_month start_of(dib_date today)
{
	return (dib_month){ today.month <= 3 ? today.year - 1 : today.year, 1 };
}

/* The township clerk of village's township, unless it has one already —
 * jbNNN from an earlier run, or any account with the role there (东屯镇's
 * "caseworker" of the demo): *made counts the new ones. */
static dib_code township_clerk(struct store *s, const char *village, const char *hash,
			       dib_arena *a, int *made, dib_err *err)
{
	char township[REGION_LEN + 1], username[16];
	snprintf(township, sizeof township, "%.9s000", village);
	snprintf(username, sizeof username, "jb%.3s", village + 6);
	const char *role = "township_caseworker";
	bool exists = false;
	dib_code rc = store_user_exists(s, username, &exists, err);
	if (!rc && !exists)
		rc = store_user_with_role_at(s, township, role, &exists, err);
	if (rc || exists)
		return rc;
	store_region r;
	rc = store_region_get(s, township, a, &r, err);
	if (rc)
		return rc;
	struct store_user u = { .username = username,
				.display_name = dib_arena_printf(a, "%s民政经办人", r.name),
				.region_code = township, .password_hash = hash,
				.must_change = false, /* demo accounts: documented password */
				.roles = &role, .nroles = 1 };
	if (!u.display_name)
		return dib_err_nomem(err);
	rc = store_user_add(s, &u, NULL, err);
	*made += !rc;
	return rc;
}

dib_code demo_covered(struct store *s, const char *county, int n, dib_date today, int *made,
		      dib_err *err)
{
	*made = 0;
	if (n <= 0)
		return DIB_OK;
	dib_arena a, per;
	dib_arena_init(&a, 65536, 0);
	dib_arena_init(&per, 65536, 0);
	dib_month from = start_of(today);
	dib_date on = date_add_days(month_first_day(from), -1);
	struct case_rules rules;
	dib_code rc = case_rules_load(s, county, on, &a, &rules, err);
	int64_t *ids = NULL;
	size_t nids = 0;
	/* twice as many candidates as wanted: some are not eligible */
	if (!rc)
		rc = store_households_unclaimed(s, county, (int64_t)n * 3, &a, &ids, &nids, err);
	char hash[PASSWORD_HASH_MAX];
	if (!rc)
		rc = password_hash(DEMO_PASSWORD, hash, err);
	int clerks = 0;
	if (!rc)
		rc = store_begin(s, err);
	if (rc) {
		dib_arena_release(&per);
		dib_arena_release(&a);
		return rc;
	}
	char first[DIB_DATE_STR];
	date_format(month_first_day(from), first);
	for (size_t i = 0; !rc && i < nids && *made < n; i++) {
		dib_arena_reset(&per);
		store_household h;
		rc = store_household_get(s, ids[i], &per, &h, err);
		const char *program = !rc && h.registration == 1 ? "dibao_urban" : "dibao_rural";
		struct assessment r;
		if (!rc)
			rc = assessment_run(s, ids[i], program, on, &rules, NULL, &per, &r, err);
		if (rc == DIB_ECONFLICT) { /* no members, no standard: not this one */
			dib_err_clear(err);
			rc = DIB_OK;
			continue;
		}
		if (rc || !r.eligible || r.amount_fen <= 0)
			continue;
		int64_t *members = dib_arena_alloc(&per, r.npersons * sizeof *members);
		size_t k = 0;
		if (!members) {
			rc = dib_err_nomem(err);
			break;
		}
		for (size_t m = 0; m < r.npersons; m++)
			if (r.persons[m].cover == AMOUNT_COVERED)
				members[k++] = r.persons[m].person_id;
		store_entitlement e = { .household_id = ids[i], .program = program,
					.amount_fen = r.amount_fen, .has_basis = true,
					.base_fen = r.base_fen, .addon_fen = r.addon_fen,
					.income_fen = r.per_capita_fen, .persons = r.covered,
					.created_by = "demo" };
		snprintf(e.county, sizeof e.county, "%s", county);
		snprintf(e.from_month, sizeof e.from_month, "%s", first);
		char no[48];
		snprintf(no, sizeof no, "延民低确〔%d〕存%d号", on.year, *made + 1);
		e.decision_no = no;
		if (k)
			rc = store_entitlement_insert(s, &e, members, k, NULL, err);
		if (!rc && k)
			(*made)++;
		if (!rc && k)
			rc = township_clerk(s, h.village_code, hash, &a, &clerks, err);
	}
	char after[96];
	snprintf(after, sizeof after, "{\"households\":%d,\"from_month\":\"%.7s\",\"clerks\":%d}",
		 *made, first, clerks);
	store_audit_entry ae = { .county = county, .actor = "demo", .action = "demo.covered",
				 .entity = "entitlement", .after_json = after };
	if (!rc)
		rc = store_audit_append(s, &ae, NULL, err);
	rc = svc__finish(s, rc, err);
	dib_arena_release(&per);
	dib_arena_release(&a);
	return rc;
}
