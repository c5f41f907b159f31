/*
 * coverage_events.c — the facts recorded while a household is covered
 * (svc/coverage.h): a member's death and the review it opens, the closing
 * of a review, the job offers and their refusals, and the household's
 * history of entitlements and changes.
 *
 * Thread-safety: as the store connection.
 */
#include "util/dib.h"
#include "core/region.h"
#include "store/store_household.h"
#include "svc/case_int.h"
#include "svc/coverage.h"
#include "svc/coverage_int.h"
#include "svc/holidays.h"
#include "svc/household.h"

#include <inttypes.h>

static const struct {
	const char *code;
	enum cov_offer_outcome outcome;
} outcomes[] = {
	{ "accepted", COV_OFFER_ACCEPTED },
	{ "refused", COV_OFFER_REFUSED },
	{ "refused_justified", COV_OFFER_REFUSED_JUSTIFIED },
	{ "unsuitable", COV_OFFER_UNSUITABLE },
};

dib_code coverage__refusals(const store_offer *offers, size_t n, dib_date decided,
			    const struct cov_params *p, dib_arena *a, struct cov_refusal *out,
			    dib_err *err)
{
	struct cov_offer *v = n ? dib_arena_alloc(a, n * sizeof *v) : NULL;
	if (n && !v)
		return dib_err_nomem(err);
	for (size_t i = 0; i < n; i++) {
		dib_err e;
		(void)date_parse(offers[i].offered_on, strlen(offers[i].offered_on), &v[i].date, &e);
		v[i].outcome = COV_OFFER_OUTCOME_COUNT;
		for (size_t k = 0; k < DIB_ARRAY_LEN(outcomes); k++)
			if (!strcmp(offers[i].outcome, outcomes[k].code))
				v[i].outcome = outcomes[k].outcome;
	}
	return cov_work_refusal(v, n, decided, p, out, err);
}

/* The member person_id's active household, read and in scope for acting. */
static dib_code member_household(struct store *s, const struct authz_subject *who,
				 int64_t person_id, dib_arena *a, store_household *h,
				 dib_err *err)
{
	store_membership m;
	bool found = false;
	dib_code rc = store_person_membership(s, person_id, a, &m, &found, err);
	if (!rc && !found)
		rc = dib_err_set(err, DIB_ENOTFOUND, "人员 (ID %" PRId64 ") 不是任何在册家庭的成员",
				 person_id);
	if (!rc)
		rc = store_household_get(s, m.household_id, a, h, err);
	if (!rc && who)
		rc = authz_check_object(who, AUTHZ_CASE_ACT, h->village_code, "该家庭", err);
	return rc;
}

dib_code coverage_death(struct store *s, const struct authz_subject *who, const char *actor,
			int64_t person_id, const char *death_date, dib_date today,
			int64_t *review_id, dib_err *err)
{
	dib_date death;
	dib_code rc = household_check_date("死亡日期", death_date, today, &death, err);
	if (rc)
		return rc;
	calendar *cal = NULL;
	dib_err ce;
	dib_err_clear(&ce);
	if (holidays_calendar(s, &cal, &ce))
		cal = NULL;
	dib_date due;
	rc = cov_death_review_due(death, cal, &due, err);
	if (rc == DIB_ECALENDAR) {
		/* the year's schedule is not published yet: the art. 202 day */
		dib_err_clear(err);
		rc = cov_death_review_due(death, NULL, &due, err);
	}
	if (cal)
		calendar_free(cal);
	dib_arena a;
	dib_arena_init(&a, 16384, 0);
	if (!rc)
		rc = store_begin(s, err);
	if (rc) {
		dib_arena_release(&a);
		return rc;
	}
	store_household h;
	rc = member_household(s, who, person_id, &a, &h, err);
	store_review r;
	memset(&r, 0, sizeof r);
	snprintf(r.county, sizeof r.county, "%s", h.county);
	r.household_id = h.id;
	r.person_id = person_id;
	r.kind = "death";
	date_format(death, r.event_date);
	date_format(due, r.due_on);
	date_format(today, r.opened_on);
	r.created_by = actor;
	if (!rc)
		rc = store_review_insert(s, &r, &r.id, err);
	if (!rc) {
		json_t *j = json_pack("{s:I, s:I, s:s, s:s, s:s}", "household_id", (json_int_t)h.id,
				      "person_id", (json_int_t)person_id, "kind", "death",
				      "event_date", r.event_date, "due_on", r.due_on);
		rc = coverage__audit(s, h.county, actor, "review.open", "review", r.id, j, NULL, err);
		json_decref(j);
	}
	rc = svc__finish(s, rc, err);
	if (!rc && review_id)
		*review_id = r.id;
	dib_arena_release(&a);
	return rc;
}

dib_code coverage_review_close(struct store *s, const struct authz_subject *who,
			       const char *actor, int64_t id, const char *outcome,
			       dib_date today, dib_err *err)
{
	dib_arena a;
	dib_arena_init(&a, 16384, 0);
	const char *text = NULL;
	dib_code rc = household_check_text("核查结论", outcome, 500, true, &a, &text, err);
	if (!rc)
		rc = store_begin(s, err);
	if (rc) {
		dib_arena_release(&a);
		return rc;
	}
	store_review r;
	store_household h;
	rc = store_review_get(s, id, &a, &r, err);
	if (!rc)
		rc = store_household_get(s, r.household_id, &a, &h, err);
	if (!rc && who)
		rc = authz_check_object(who, AUTHZ_CASE_ACT, h.village_code, "该家庭", err);
	char day[DIB_DATE_STR];
	if (!rc)
		rc = store_review_close(s, id, date_format(today, day), text, actor, err);
	if (!rc) {
		json_t *j = json_pack("{s:I, s:s, s:s}", "household_id", (json_int_t)h.id,
				      "closed_on", day, "outcome", text);
		rc = coverage__audit(s, h.county, actor, "review.close", "review", id, j, NULL, err);
		json_decref(j);
	}
	rc = svc__finish(s, rc, err);
	dib_arena_release(&a);
	return rc;
}

dib_code coverage_reviews(struct store *s, const struct authz_subject *who, bool open_only,
			  dib_date today, dib_arena *a, struct coverage_review_row **out,
			  size_t *n, dib_err *err)
{
	*out = NULL;
	*n = 0;
	char county[REGION_COUNTY_LEN + 1] = "";
	region_code root;
	if (who) {
		dib_code rc = authz_check(who, AUTHZ_REGISTER_READ, NULL, err);
		const char *r = authz_scope(who);
		if (!rc && (!r || region_parse(r, strlen(r), &root, &(dib_err){ 0 })))
			rc = dib_err_set(err, DIB_EPERM, "您的账号区划不正确");
		if (rc)
			return rc;
		region_county(&root, county);
	}
	store_review *rows = NULL;
	size_t cnt = 0;
	dib_code rc = store_reviews(s, county[0] ? county : NULL, open_only, a, &rows, &cnt, err);
	struct coverage_review_row *v = cnt ? dib_arena_calloc(a, cnt * sizeof *v) : NULL;
	if (!rc && cnt && !v)
		rc = dib_err_nomem(err);
	size_t k = 0;
	for (size_t i = 0; !rc && i < cnt; i++) {
		if (who) {
			store_household h;
			dib_err e;
			dib_err_clear(&e);
			if (store_household_get(s, rows[i].household_id, a, &h, &e) ||
			    authz_check(who, AUTHZ_REGISTER_READ, h.village_code, &e))
				continue;
		}
		dib_date due;
		dib_err e;
		(void)date_parse(rows[i].due_on, strlen(rows[i].due_on), &due, &e);
		v[k].r = rows[i];
		v[k].overdue = !rows[i].closed_on[0] && cov_overdue(due, today);
		k++;
	}
	if (!rc) {
		*out = k ? v : NULL;
		*n = k;
	}
	return rc;
}

dib_code coverage_offer(struct store *s, const struct authz_subject *who, const char *actor,
			int64_t person_id, const char *date, const char *outcome,
			const char *description, dib_date today, struct cov_refusal *lost,
			dib_err *err)
{
	dib_date day;
	dib_code rc = household_check_date("介绍工作日期", date, today, &day, err);
	bool known = false;
	for (size_t k = 0; outcome && k < DIB_ARRAY_LEN(outcomes); k++)
		known = known || !strcmp(outcome, outcomes[k].code);
	if (!rc && !known)
		rc = dib_err_set(err, DIB_EINVAL, "结果 \"%s\" 应为 accepted（接受）、refused（无正当"
				 "理由拒绝）、refused_justified（有正当理由拒绝）或 unsuitable（不相"
				 "适应）", outcome ? outcome : "");
	dib_arena a;
	dib_arena_init(&a, 16384, 0);
	const char *desc = NULL;
	if (!rc)
		rc = household_check_text("工作说明", description, 200, false, &a, &desc, err);
	if (!rc)
		rc = store_begin(s, err);
	if (rc) {
		dib_arena_release(&a);
		return rc;
	}
	store_household h;
	rc = member_household(s, who, person_id, &a, &h, err);
	store_offer o;
	memset(&o, 0, sizeof o);
	snprintf(o.county, sizeof o.county, "%s", h.county);
	o.household_id = h.id;
	o.person_id = person_id;
	date_format(day, o.offered_on);
	o.outcome = outcome;
	o.description = desc;
	o.created_by = actor;
	if (!rc)
		rc = store_offer_insert(s, &o, &o.id, err);
	struct case_rules rules;
	if (!rc && lost)
		rc = case_rules_load(s, h.county, today, &a, &rules, err);
	store_offer *all = NULL;
	size_t n = 0;
	if (!rc && lost)
		rc = store_offers_of(s, person_id, &a, &all, &n, err);
	if (!rc && lost)
		rc = coverage__refusals(all, n, today, &rules.cov, &a, lost, err);
	if (!rc) {
		json_t *j = json_pack("{s:I, s:I, s:s, s:s}", "household_id", (json_int_t)h.id,
				      "person_id", (json_int_t)person_id, "offered_on", o.offered_on,
				      "outcome", outcome);
		rc = coverage__audit(s, h.county, actor, "work_offer.add", "work_offer", o.id, j,
				     NULL, err);
		json_decref(j);
	}
	rc = svc__finish(s, rc, err);
	dib_arena_release(&a);
	return rc;
}

dib_code coverage_history(struct store *s, const struct authz_subject *who,
			  int64_t household_id, dib_arena *a, store_entitlement **ents,
			  size_t *nents, store_change **changes, size_t *nchanges, dib_err *err)
{
	store_household h;
	dib_code rc = store_household_get(s, household_id, a, &h, err);
	if (!rc && who)
		rc = authz_check_object(who, AUTHZ_REGISTER_READ, h.village_code, "该家庭", err);
	if (!rc)
		rc = store_entitlements_of(s, household_id, a, ents, nents, err);
	if (!rc)
		rc = store_changes_of(s, household_id, a, changes, nchanges, err);
	return rc;
}
