/*
 * household_int.h — what household.c (households) and household_member.c
 * (members and persons) share: the village check, the person check, the
 * audit record of a write and the end of its transaction. Internal to
 * src/svc.
 * Thread-safety: as the store connection.
 */
#ifndef DIB_SVC_HOUSEHOLD_INT_H
#define DIB_SVC_HOUSEHOLD_INT_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/region.h"
#include "store/store_household.h"
#include "svc/household.h"

#include <jansson.h>
#include "svc/svc_int.h"

/* Checks a village code for a write by who: a village-level code
 * (region_parse, level 5), inside who's region (authz_check
 * AUTHZ_REGISTER_WRITE — before the database is asked, so nothing is told
 * about regions outside it) and in the region table. *out gets the code. */
dib_code household__village(struct store *s, const struct authz_subject *who,
			    const char *code, dib_arena *a, region_code *out,
			    dib_err *err);

/* Checks p and fills *out (id number, name, sex, birth date, health,
 * labour; county, id, phone and times left empty). Strings in a. */
dib_code household__person_in(const struct household_person *p, dib_date today,
			      dib_arena *a, store_person *out, dib_err *err);

/* The person to make a member of household hh: an existing person with
 * this ID number (not an active member anywhere: DIB_ECONFLICT naming the
 * household, "该人员已是户 \"…\" 的成员"; the name must match) whose
 * health and labour are updated when given, or a new one. in is the
 * checked input; p the household_person it came from (what was set).
 * *out gets the person as stored, *before the JSON of the existing person
 * before (NULL for a new one; caller decrefs). */
dib_code household__person_for(struct store *s, const store_person *in,
			       const struct household_person *p,
			       const store_household *hh, dib_arena *a,
			       store_person *out, json_t **before, dib_err *err);

/* The JSON of the records, for the audit log; NULL when out of memory. */
json_t *household__json(const store_household *h);
json_t *household__person_json(const store_person *p);
json_t *household__membership_json(const store_membership *m);

/* Appends the audit record of a write in the household's county: entity
 * and entity id (a number), before/after JSON (taken over and freed, also
 * on error), the reason (may be NULL). A write that creates has no before
 * (has_before false); otherwise a NULL before, like a NULL after, is the
 * trace of a failed allocation and reported as DIB_ENOMEM. */
dib_code household__audit(struct store *s, const struct authz_subject *who,
			  const char *county, const char *action,
			  const char *entity, int64_t entity_id, bool has_before,
			  json_t *before, json_t *after, const char *reason,
			  dib_err *err);

/* authz_check on an existing household's village, but a refusal for the
 * region says "<what>不在您的管辖区域内" without the village code: the
 * code of a household the user may not see is itself not theirs to learn.
 * what is "该家庭" or "目标家庭". */
dib_code household__in_scope(const struct authz_subject *who, enum authz_action a,
			     const char *village, const char *what, dib_err *err);


/* Takes the lock of household id and reads it (DIB_ENOTFOUND when none). */
dib_code household__lock_get(struct store *s, int64_t id, dib_arena *a,
			     store_household *out, dib_err *err);

#endif
