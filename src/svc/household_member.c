/*
 * household_member.c (svc) — the members of a household on behalf of a
 * user: adding one, changing a person, ending a membership, moving a
 * member to another household (or to another relation in the same one).
 * Each is one transaction with one audit record on entity "person", so
 * the history of every household the person belonged to shows it.
 * Thread-safety: as the store connection.
 */
#include "util/dib.h"
#include "core/codes.h"
#include "svc/household_int.h"

#include <inttypes.h>

/* DIB_ECONFLICT when household hh already has an active head other than
 * person pid (0: anyone). */
static dib_code check_head(struct store *s, const store_household *hh, int64_t pid,
			   dib_err *err)
{
	int64_t head = 0;
	bool found = false;
	dib_code rc = store_household_head(s, hh->id, &head, &found, err);
	if (!rc && found && head != pid) {
		char q[DIB_QUOTE_MAX];
		rc = dib_err_set(err, DIB_ECONFLICT, "户 \"%s\" 已有户主，一户只能有一名户主",
				 dib_err_quote(hh->hh_no, strlen(hh->hh_no), q, sizeof q));
	}
	return rc;
}

/* A reason that must be given. */
static dib_code required_reason(const char *v, dib_arena *a, const char **out,
				dib_err *err)
{
	return household_check_text("原因", v, HOUSEHOLD_REASON_MAX, true, a, out, err);
}

dib_code household_add_member(struct store *s, const struct authz_subject *who,
			      int64_t hid, const struct household_person *p,
			      int64_t relation, const char *start_date,
			      dib_date today, dib_arena *a, int64_t *membership_id,
			      dib_err *err)
{
	store_person in;
	dib_date start = today;
	dib_code rc = authz_check(who, AUTHZ_REGISTER_WRITE, NULL, err);
	if (!rc)
		rc = household__person_in(p, today, a, &in, err);
	if (!rc)
		rc = household_check_code(CODES_RELATION, relation, err);
	if (!rc && start_date)
		rc = household_check_date("开始日期", start_date, today, &start, err);
	if (rc)
		return rc;

	rc = store_begin(s, err);
	if (rc)
		return rc;
	store_household hh;
	rc = household__lock_get(s, hid, a, &hh, err);
	if (!rc)
		rc = household__in_scope(who, AUTHZ_REGISTER_WRITE, hh.village_code, "该家庭", err);
	if (!rc && relation == CODES_REL_HEAD)
		rc = check_head(s, &hh, 0, err);
	store_person person;
	json_t *before = NULL;
	if (!rc)
		rc = household__person_for(s, &in, p, &hh, a, &person, &before, err);
	store_membership m;
	memset(&m, 0, sizeof m);
	if (!rc) {
		memcpy(m.county, hh.county, sizeof m.county);
		m.household_id = hh.id;
		m.person_id = person.id;
		m.relation = (int)relation;
		date_format(start, m.start_date);
		rc = store_membership_insert(s, &m, &m.id, err);
	}
	if (!rc) {
		/* a registered person who joins again: the person record before */
		json_t *b = before ? json_pack("{s:O}", "person", before) : NULL;
		json_t *after = json_pack("{s:o,s:o}", "person", household__person_json(&person),
					  "membership", household__membership_json(&m));
		rc = household__audit(s, who, hh.county, "member.add", "person", person.id,
				      before != NULL, b, after, NULL, err);
	}
	json_decref(before);
	rc = svc__finish(s, rc, err);
	if (!rc && membership_id)
		*membership_id = m.id;
	return rc;
}

/* The checked values of c applied to *p (which holds the person before). */
static dib_code apply_person(const struct person_change *c, dib_date today,
			     dib_arena *a, store_person *p, dib_err *err)
{
	dib_code rc = DIB_OK;
	if (c->name.set)
		rc = household_check_text("姓名", c->name.v, HOUSEHOLD_NAME_MAX, true, a,
					  &p->name, err);
	if (!rc && c->id_number.set) {
		idcard id;
		rc = household_check_idno(c->id_number.v ? c->id_number.v : "", today, &id, err);
		if (!rc) {
			memcpy(p->id_number, id.num, sizeof p->id_number);
			p->sex = (int)id.sex;
			date_format(id.birth, p->birth_date);
		}
	}
	if (!rc && c->health.set) {
		rc = household_check_code(CODES_HEALTH, c->health.v, err);
		p->health = (int)c->health.v;
	}
	if (!rc && c->labour.set) {
		rc = household_check_code(CODES_LABOUR, c->labour.v, err);
		p->labour = (int)c->labour.v;
	}
	if (!rc && c->phone.set) {
		const char *v = c->phone.v;
		const char *t = NULL;
		/* blank clears, as null does */
		rc = household_check_text("联系电话", v, 20, false, a, &t, err);
		if (!rc && t)
			rc = household_check_phone(t, a, &t, err);
		if (!rc)
			p->phone = t;
	}
	return rc;
}

dib_code household_person_update(struct store *s, const struct authz_subject *who,
				 int64_t pid, const struct person_change *c,
				 dib_date today, dib_arena *a, int64_t *hid,
				 dib_err *err)
{
	const char *reason = NULL;
	dib_code rc = authz_check(who, AUTHZ_REGISTER_WRITE, NULL, err);
	if (!rc && !c->name.set && !c->id_number.set && !c->health.set && !c->labour.set &&
	    !c->phone.set)
		rc = dib_err_set(err, DIB_EINVAL, "没有要修改的字段");
	if (!rc)
		rc = household_check_text("原因", c->reason, HOUSEHOLD_REASON_MAX, false, a,
					  &reason, err);
	store_person probe;
	memset(&probe, 0, sizeof probe);
	if (!rc)
		rc = apply_person(c, today, a, &probe, err);
	if (rc)
		return rc;

	rc = store_begin(s, err);
	if (rc)
		return rc;
	bool found = false;
	store_person before, after;
	store_membership m;
	store_household hh;
	rc = store_person_lock(s, pid, &found, err);
	if (!rc && !found)
		rc = dib_err_set(err, DIB_ENOTFOUND, "人员 (ID %" PRId64 ") 不存在", pid);
	if (!rc)
		rc = store_person_get(s, pid, a, &before, err);
	if (!rc)
		rc = store_person_membership(s, pid, a, &m, &found, err);
	/* a person is reached through a household: one that belongs to none
	 * is in nobody's region */
	if (!rc && !found)
		rc = dib_err_set(err, DIB_ENOTFOUND, "人员 (ID %" PRId64 ") 不属于任何户", pid);
	if (!rc)
		rc = store_household_get(s, m.household_id, a, &hh, err);
	if (!rc)
		rc = household__in_scope(who, AUTHZ_REGISTER_WRITE, hh.village_code, "该家庭", err);
	after = before;
	if (!rc)
		rc = apply_person(c, today, a, &after, err);
	bool new_name = !rc && strcmp(after.name, before.name);
	bool new_id = !rc && strcmp(after.id_number, before.id_number);
	if (!rc && (new_name || new_id) && !reason)
		rc = dib_err_set(err, DIB_EINVAL, "修改%s须填写原因 (reason)",
				 new_name && new_id ? "姓名和身份证号码" : new_name ? "姓名" : "身份证号码");
	if (!rc && new_id) {
		store_person other;
		bool taken = false;
		rc = store_person_find_idno(s, after.id_number, a, &other, &taken, err);
		if (!rc && taken)
			rc = dib_err_set(err, DIB_ECONFLICT, "身份证号码 \"%s\" 已登记为其他人员",
					 after.id_number);
	}
	if (!rc)
		rc = store_person_update(s, &after, err);
	if (!rc)
		rc = household__audit(s, who, hh.county, "person.update", "person", pid,
				      true, household__person_json(&before),
				      household__person_json(&after), reason, err);
	rc = svc__finish(s, rc, err);
	if (!rc)
		*hid = m.household_id;
	return rc;
}

/* DIB_EINVAL when d is before the membership's start. */
static dib_code not_before_start(const char *label, dib_date d, const store_membership *m,
				 dib_err *err)
{
	char t[DIB_DATE_STR];
	date_format(d, t);
	if (strcmp(t, m->start_date) < 0)
		return dib_err_set(err, DIB_EINVAL, "%s %s 早于该成员的加入日期 %s", label, t,
				   m->start_date);
	return DIB_OK;
}

/* Reads membership mid, takes the lock of its household and reads it, and
 * checks that who may write it and that the membership is active. */
static dib_code active_membership(struct store *s, const struct authz_subject *who,
				  int64_t mid, dib_arena *a, store_membership *m,
				  store_household *hh, dib_err *err)
{
	dib_code rc = store_membership_get(s, mid, a, m, err);
	if (!rc)
		rc = household__lock_get(s, m->household_id, a, hh, err);
	if (!rc)
		rc = household__in_scope(who, AUTHZ_REGISTER_WRITE, hh->village_code, "该家庭", err);
	if (!rc && m->end_date[0])
		rc = dib_err_set(err, DIB_ECONFLICT, "该成员关系已于 %s 结束", m->end_date);
	return rc;
}

dib_code household_member_end(struct store *s, const struct authz_subject *who,
			      int64_t mid, const char *end_date, const char *reason,
			      dib_date today, dib_arena *a, int64_t *hid,
			      dib_err *err)
{
	const char *why = NULL;
	dib_date end;
	dib_code rc = authz_check(who, AUTHZ_REGISTER_WRITE, NULL, err);
	if (!rc)
		rc = required_reason(reason, a, &why, err);
	if (!rc)
		rc = household_check_date("结束日期", end_date ? end_date : "", today, &end, err);
	if (rc)
		return rc;

	rc = store_begin(s, err);
	if (rc)
		return rc;
	store_membership m;
	store_household hh;
	rc = active_membership(s, who, mid, a, &m, &hh, err);
	if (!rc)
		rc = not_before_start("结束日期", end, &m, err);
	store_membership ended;
	if (!rc) {
		ended = m;
		date_format(end, ended.end_date);
		ended.end_reason = why;
		rc = store_membership_end(s, mid, ended.end_date, why, err);
	}
	if (!rc)
		rc = household__audit(s, who, hh.county, "member.end", "person", m.person_id,
				      true, household__membership_json(&m),
				      household__membership_json(&ended), why, err);
	rc = svc__finish(s, rc, err);
	if (!rc)
		*hid = m.household_id;
	return rc;
}

/* Takes the lock of the target household (unless it is the source, whose
 * lock is held) and reads it into *to. */
static dib_code lock_target(struct store *s, const store_household *from, int64_t target,
			    dib_arena *a, store_household *to, dib_err *err)
{
	if (target == from->id) {
		*to = *from;
		return DIB_OK;
	}
	return household__lock_get(s, target, a, to, err);
}

dib_code household_member_move(struct store *s, const struct authz_subject *who,
			       int64_t mid, int64_t target, int64_t relation,
			       const char *date, const char *reason, dib_date today,
			       dib_arena *a, int64_t *hid, dib_err *err)
{
	const char *why = NULL;
	dib_date on;
	dib_code rc = authz_check(who, AUTHZ_REGISTER_WRITE, NULL, err);
	if (!rc)
		rc = required_reason(reason, a, &why, err);
	if (!rc)
		rc = household_check_code(CODES_RELATION, relation, err);
	if (!rc)
		rc = household_check_date("迁移日期", date ? date : "", today, &on, err);
	if (rc)
		return rc;

	rc = store_begin(s, err);
	if (rc)
		return rc;
	store_membership m;
	store_household from, to;
	/* Both households are locked in id order, so two moves in opposite
	 * directions cannot deadlock on PostgreSQL: a lower target first. */
	rc = store_membership_get(s, mid, a, &m, err);
	if (!rc && target < m.household_id) {
		bool found = false;
		rc = store_household_lock(s, target, &found, err);
	}
	if (!rc)
		rc = active_membership(s, who, mid, a, &m, &from, err);
	if (!rc)
		rc = lock_target(s, &from, target, a, &to, err);
	if (!rc)
		rc = household__in_scope(who, AUTHZ_REGISTER_WRITE, to.village_code, "目标家庭", err);
	if (!rc)
		rc = not_before_start("迁移日期", on, &m, err);
	if (!rc && relation == CODES_REL_HEAD)
		rc = check_head(s, &to, m.person_id, err);
	store_membership ended, moved;
	store_person p;
	if (!rc) {
		ended = m;
		date_format(on, ended.end_date);
		ended.end_reason = why;
		rc = store_membership_end(s, mid, ended.end_date, why, err);
	}
	if (!rc)
		rc = store_person_get(s, m.person_id, a, &p, err);
	if (!rc && strcmp(p.county, to.county)) {
		memcpy(p.county, to.county, sizeof p.county);
		rc = store_person_update(s, &p, err);
	}
	if (!rc) {
		memset(&moved, 0, sizeof moved);
		memcpy(moved.county, to.county, sizeof moved.county);
		moved.household_id = to.id;
		moved.person_id = m.person_id;
		moved.relation = (int)relation;
		date_format(on, moved.start_date);
		rc = store_membership_insert(s, &moved, &moved.id, err);
	}
	if (!rc) {
		json_t *after = json_pack("{s:o,s:o}", "ended", household__membership_json(&ended),
					  "membership", household__membership_json(&moved));
		/* recorded in the county the member leaves */
		rc = household__audit(s, who, from.county, "member.move", "person", m.person_id,
				      true, json_pack("{s:o}", "membership",
						      household__membership_json(&m)),
				      after, why, err);
	}
	rc = svc__finish(s, rc, err);
	if (!rc)
		*hid = target;
	return rc;
}
