/*
 * household.c (svc) — a household on behalf of a user: reading it and its
 * history, creating it with its head, changing it; and the helpers the
 * member writes (household_member.c) share: the village check, the
 * person check, the audit record. Authorisation first (authz_check), then
 * the store; each write is one transaction with one audit record.
 * Thread-safety: as the store connection.
 */
#include "util/dib.h"
#include "core/bankcard.h"
#include "core/codes.h"
#include "core/region.h"
#include "store/store_region.h"
#include "svc/household_int.h"

#include <inttypes.h>

/* Tries for a free 户编号 when assigning one: the sequence skips numbers
 * only when a clerk typed one of its form by hand. */
#define HH_NO_TRIES 100

/* ---- shared helpers (household_int.h) ---- */

dib_code household__in_scope(const struct authz_subject *who, enum authz_action a,
			     const char *village, const char *what, dib_err *err)
{
	return authz_check_object(who, a, village, what, err);
}

dib_code household__village(struct store *s, const struct authz_subject *who,
			    const char *code, dib_arena *a, region_code *out,
			    dib_err *err)
{
	region_code v;
	char q[DIB_QUOTE_MAX];
	const char *c = code ? code : "";
	dib_code rc = region_parse(c, strlen(c), &v, err);
	if (rc)
		return rc;
	if (v.level != REGION_VILLAGE)
		return dib_err_set(err, DIB_EINVAL, "区划 \"%s\" 不是村(社区)级代码",
				   dib_err_quote(c, strlen(c), q, sizeof q));
	rc = authz_check(who, AUTHZ_REGISTER_WRITE, v.code, err);
	if (rc)
		return rc;
	store_region g;
	dib_err e;
	dib_err_clear(&e);
	rc = store_region_get(s, v.code, a, &g, &e);
	if (rc == DIB_ENOTFOUND)
		return dib_err_set(err, DIB_EINVAL, "村(社区) \"%s\" 不在区划表中", v.code);
	if (rc) {
		dib_err_set(err, rc, "%s", e.msg);
		dib_err_detail(err, "%s", e.detail);
		return rc;
	}
	*out = v;
	return DIB_OK;
}

/* An optional health or labour code: the default when not set. */
static dib_code opt_code(enum codes_table t, const struct household_int *v, int dflt,
			 int *out, dib_err *err)
{
	if (!v->set) {
		*out = dflt;
		return DIB_OK;
	}
	dib_code rc = household_check_code(t, v->v, err);
	if (!rc)
		*out = (int)v->v;
	return rc;
}

dib_code household__person_in(const struct household_person *p, dib_date today,
			      dib_arena *a, store_person *out, dib_err *err)
{
	store_person x;
	memset(&x, 0, sizeof x);
	idcard id;
	dib_code rc = household_check_idno(p->id_number ? p->id_number : "", today, &id, err);
	if (!rc)
		rc = household_check_text("姓名", p->name, HOUSEHOLD_NAME_MAX, true, a, &x.name,
					  err);
	if (!rc)
		rc = opt_code(CODES_HEALTH, &p->health, CODES_HEALTHY, &x.health, err);
	if (!rc)
		rc = opt_code(CODES_LABOUR, &p->labour, CODES_LABOUR_FULL, &x.labour, err);
	if (rc)
		return rc;
	memcpy(x.id_number, id.num, sizeof x.id_number);
	x.sex = (int)id.sex;
	date_format(id.birth, x.birth_date);
	*out = x;
	return DIB_OK;
}

dib_code household__person_for(struct store *s, const store_person *in,
			       const struct household_person *p,
			       const store_household *hh, dib_arena *a,
			       store_person *out, json_t **before, dib_err *err)
{
	*before = NULL;
	store_person cur;
	bool found = false;
	dib_code rc = store_person_find_idno(s, in->id_number, a, &cur, &found, err);
	if (rc)
		return rc;
	if (!found) {
		store_person np = *in;
		memcpy(np.county, hh->county, sizeof np.county);
		rc = store_person_insert(s, &np, &np.id, err);
		if (!rc)
			*out = np;
		return rc;
	}
	store_membership m;
	bool member = false;
	rc = store_person_membership(s, cur.id, a, &m, &member, err);
	if (rc)
		return rc;
	if (member && !m.end_date[0]) {
		store_household other;
		rc = store_household_get(s, m.household_id, a, &other, err);
		if (!rc) {
			char q[DIB_QUOTE_MAX];
			rc = dib_err_set(err, DIB_ECONFLICT, "该人员已是户 \"%s\" 的成员",
					 dib_err_quote(other.hh_no, strlen(other.hh_no), q, sizeof q));
		}
		return rc;
	}
	/* The registered name is not shown: whoever knows an ID number must
	 * not learn the name of a person outside their region from it. */
	if (strcmp(cur.name, in->name))
		return dib_err_set(err, DIB_EINVAL,
				   "身份证号码 \"%s\" 已登记，但姓名与登记的不一致；"
				   "如需更正姓名请修改人员信息", in->id_number);
	if (!(*before = household__person_json(&cur)))
		return dib_err_nomem(err);
	store_person np = cur;
	memcpy(np.county, hh->county, sizeof np.county);
	if (p->health.set)
		np.health = in->health;
	if (p->labour.set)
		np.labour = in->labour;
	rc = store_person_update(s, &np, err);
	if (rc) {
		json_decref(*before);
		*before = NULL;
		return rc;
	}
	*out = np;
	return DIB_OK;
}

json_t *household__json(const store_household *h)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:i,s:s?,s:s?,s:s?,s:s?}",
			 "id", (json_int_t)h->id, "hh_no", h->hh_no, "county", h->county,
			 "village_code", h->village_code, "address", h->address,
			 "registration", h->registration, "bank_name", h->bank_name,
			 "bank_account", h->bank_account, "account_name", h->account_name,
			 "phone", h->phone);
}

json_t *household__person_json(const store_person *p)
{
	return json_pack("{s:I,s:s,s:s,s:i,s:s,s:i,s:i,s:s?}",
			 "id", (json_int_t)p->id, "id_number", p->id_number, "name", p->name,
			 "sex", p->sex, "birth_date", p->birth_date, "health", p->health,
			 "labour", p->labour, "phone", p->phone);
}

json_t *household__membership_json(const store_membership *m)
{
	return json_pack("{s:I,s:I,s:I,s:i,s:s,s:s?,s:s?}",
			 "id", (json_int_t)m->id, "household_id", (json_int_t)m->household_id,
			 "person_id", (json_int_t)m->person_id, "relation", m->relation,
			 "start_date", m->start_date,
			 "end_date", m->end_date[0] ? m->end_date : NULL,
			 "end_reason", m->end_reason);
}

dib_code household__audit(struct store *s, const struct authz_subject *who,
			  const char *county, const char *action,
			  const char *entity, int64_t entity_id, bool has_before,
			  json_t *before, json_t *after, const char *reason,
			  dib_err *err)
{
	char *b = before ? json_dumps(before, JSON_COMPACT) : NULL;
	char *t = after ? json_dumps(after, JSON_COMPACT) : NULL;
	dib_code rc;
	if (!t || (has_before && !b)) {
		rc = dib_err_nomem(err);
	} else {
		char idtext[24];
		snprintf(idtext, sizeof idtext, "%" PRId64, entity_id);
		store_audit_entry e = {
			.county = county,
			.actor = who->username ? who->username : "?",
			.action = action,
			.entity = entity,
			.entity_id = idtext,
			.before_json = b,
			.after_json = t,
			.reason = reason,
		};
		rc = store_audit_append(s, &e, NULL, err);
	}
	free(b);
	free(t);
	json_decref(before);
	json_decref(after);
	return rc;
}

dib_code household__lock_get(struct store *s, int64_t id, dib_arena *a,
			     store_household *out, dib_err *err)
{
	bool found = false;
	dib_code rc = store_household_lock(s, id, &found, err);
	if (!rc && !found)
		rc = dib_err_set(err, DIB_ENOTFOUND, "户 (ID %" PRId64 ") 不存在", id);
	if (!rc)
		rc = store_household_get(s, id, a, out, err);
	return rc;
}

/* ---- reads ---- */

dib_code household_get(struct store *s, const struct authz_subject *who,
		       int64_t id, dib_date today, dib_arena *a,
		       store_household_detail *out, dib_err *err)
{
	/* the role first: a sys_admin learns not even whether an id exists */
	dib_code rc = authz_check(who, AUTHZ_REGISTER_READ, NULL, err);
	store_household_detail d;
	if (!rc)
		rc = store_household_detail_get(s, id, a, &d, err);
	if (!rc)
		rc = household__in_scope(who, AUTHZ_REGISTER_READ, d.hh.village_code, "该家庭", err);
	if (rc)
		return rc;
	store_member *lists[] = { d.members, d.former };
	size_t counts[] = { d.nmembers, d.nformer };
	for (size_t l = 0; l < 2; l++) {
		for (size_t i = 0; i < counts[l]; i++) {
			dib_date birth;
			dib_err e;
			dib_err_clear(&e);
			store_member *m = &lists[l][i];
			m->age = date_parse(m->p.birth_date, strlen(m->p.birth_date), &birth, &e)
					 ? 0 : date_age_on(birth, today);
			if (m->age < 0)
				m->age = 0;
		}
	}
	*out = d;
	return DIB_OK;
}

dib_code household_history(struct store *s, const struct authz_subject *who,
			   int64_t id, dib_arena *a, store_audit_row **rows,
			   size_t *n, dib_err *err)
{
	store_household h;
	dib_code rc = authz_check(who, AUTHZ_REGISTER_READ, NULL, err);
	if (!rc)
		rc = store_household_get(s, id, a, &h, err);
	if (!rc)
		rc = household__in_scope(who, AUTHZ_REGISTER_READ, h.village_code, "该家庭", err);
	if (!rc)
		rc = store_household_history(s, id, HOUSEHOLD_HISTORY_MAX, a, rows, n, NULL, err);
	return rc;
}

/* ---- writes ---- */

/* An optional bank card number: NULL or blank is none; else Luhn-checked,
 * spaces removed. */
static dib_code opt_card(const char *v, dib_arena *a, const char **out, dib_err *err)
{
	const char *p = v ? v : "";
	size_t n = strlen(p);
	codes_trim(&p, &n);
	if (!n) {
		*out = NULL;
		return DIB_OK;
	}
	char card[BANKCARD_MAX + 1];
	dib_code rc = bankcard_parse(p, n, card, err);
	if (rc)
		return rc;
	if (!(*out = dib_arena_strdup(a, card)))
		return dib_err_nomem(err);
	return DIB_OK;
}

/* An optional telephone number: NULL or blank is none. */
static dib_code opt_phone(const char *v, dib_arena *a, const char **out, dib_err *err)
{
	const char *p = v ? v : "";
	size_t n = strlen(p);
	codes_trim(&p, &n);
	if (!n) {
		*out = NULL;
		return DIB_OK;
	}
	return household_check_phone(p, a, out, err);
}

/* The number after the greatest "<county>-<7 digits>" already given in
 * the county (by import, by hand or by us), so the sequence passes over a
 * block of imported numbers at once; 1 when there is none. */
static dib_code no_floor(struct store *s, const char *county, int64_t *floor,
			 dib_err *err)
{
	char lo[16], hi[16], max[64];
	bool found = false;
	snprintf(lo, sizeof lo, "%s-0000000", county);
	snprintf(hi, sizeof hi, "%s-9999999", county);
	dib_code rc = store_household_no_max(s, county, lo, hi, max, sizeof max, &found, err);
	*floor = 1;
	if (rc || !found || strlen(max) != strlen(lo))
		return rc;
	int64_t v = 0;
	for (const char *p = max + strlen(county) + 1; *p; p++) {
		if (*p < '0' || *p > '9')
			return DIB_OK; /* typed by hand: the retries below pass it */
		v = v * 10 + (*p - '0');
	}
	*floor = v + 1;
	return DIB_OK;
}

/* Composes a free 户编号 "<county>-<7 digits>" — the form of the bureau's
 * files and of `dibao gen` — from the county's sequence. */
static dib_code assign_no(struct store *s, const char *county, dib_arena *a,
			  const char **out, dib_err *err)
{
	int64_t floor = 1;
	dib_code frc = no_floor(s, county, &floor, err);
	if (frc)
		return frc;
	for (int i = 0; i < HH_NO_TRIES; i++) {
		int64_t seq = 0, id = 0;
		bool taken = false;
		dib_code rc = store_household_seq_next(s, county, floor, &seq, err);
		char *no = rc ? NULL : dib_arena_printf(a, "%s-%07" PRId64, county, seq);
		if (!rc && !no)
			rc = dib_err_nomem(err);
		if (!rc)
			rc = store_household_find_no(s, county, no, &id, &taken, err);
		if (rc)
			return rc;
		if (!taken) {
			*out = no;
			return DIB_OK;
		}
	}
	return dib_err_set(err, DIB_ECONFLICT, "无法分配户编号，请手工填写");
}

/* The household fields of a create, checked, into *h. */
static dib_code check_new(const struct household_new *in, dib_arena *a,
			  store_household *h, dib_err *err)
{
	memset(h, 0, sizeof *h);
	/* blank, like absent, asks for a number to be assigned */
	dib_code rc = household_check_text("户编号", in->hh_no, HOUSEHOLD_NO_MAX, false, a,
					   &h->hh_no, err);
	if (!rc)
		rc = household_check_text("家庭住址", in->address, HOUSEHOLD_ADDRESS_MAX, true,
					  a, &h->address, err);
	if (!rc)
		rc = household_check_code(CODES_REGISTRATION, in->registration, err);
	if (!rc)
		rc = opt_phone(in->phone, a, &h->phone, err);
	if (!rc)
		rc = household_check_text("开户银行", in->bank_name, HOUSEHOLD_TEXT_MAX, false,
					  a, &h->bank_name, err);
	if (!rc)
		rc = opt_card(in->bank_account, a, &h->bank_account, err);
	if (!rc)
		rc = household_check_text("持卡人", in->account_name, HOUSEHOLD_NAME_MAX,
					  false, a, &h->account_name, err);
	h->registration = (int)in->registration;
	return rc;
}

dib_code household_create(struct store *s, const struct authz_subject *who,
			  const struct household_new *in, dib_date today,
			  dib_arena *a, int64_t *id, dib_err *err)
{
	store_household h;
	store_person head;
	region_code village;
	dib_code rc = authz_check(who, AUTHZ_REGISTER_WRITE, NULL, err);
	if (!rc)
		rc = check_new(in, a, &h, err);
	if (!rc)
		rc = household__person_in(&in->head, today, a, &head, err);
	if (!rc)
		rc = household__village(s, who, in->village_code, a, &village, err);
	if (rc)
		return rc;
	memcpy(h.village_code, village.code, sizeof h.village_code);
	region_county(&village, h.county);

	rc = store_begin(s, err);
	if (rc)
		return rc;
	if (h.hh_no) {
		int64_t other = 0;
		bool taken = false;
		rc = store_household_find_no(s, h.county, h.hh_no, &other, &taken, err);
		if (!rc && taken) {
			char q[DIB_QUOTE_MAX];
			rc = dib_err_set(err, DIB_ECONFLICT, "户编号 \"%s\" 已存在",
					 dib_err_quote(h.hh_no, strlen(h.hh_no), q, sizeof q));
		}
	} else {
		rc = assign_no(s, h.county, a, &h.hh_no, err);
	}
	if (!rc)
		rc = store_household_insert(s, &h, &h.id, err);
	store_person p;
	json_t *pbefore = NULL;
	if (!rc)
		rc = household__person_for(s, &head, &in->head, &h, a, &p, &pbefore, err);
	json_decref(pbefore); /* the create's record holds the head as after */
	store_membership m;
	memset(&m, 0, sizeof m);
	if (!rc) {
		memcpy(m.county, h.county, sizeof m.county);
		m.household_id = h.id;
		m.person_id = p.id;
		m.relation = CODES_REL_HEAD;
		date_format(today, m.start_date);
		rc = store_membership_insert(s, &m, &m.id, err);
	}
	if (!rc) {
		json_t *after = json_pack("{s:o,s:{s:o,s:o}}", "household", household__json(&h),
					  "head", "person", household__person_json(&p),
					  "membership", household__membership_json(&m));
		rc = household__audit(s, who, h.county, "household.create", "household", h.id,
				      false, NULL, after, NULL, err);
	}
	rc = svc__finish(s, rc, err);
	if (!rc)
		*id = h.id;
	return rc;
}

/* Applies the checked fields of c to *h. */
static dib_code apply_change(const struct household_change *c, dib_arena *a,
			     store_household *h, dib_err *err)
{
	dib_code rc = DIB_OK;
	if (c->address.set)
		rc = household_check_text("家庭住址", c->address.v, HOUSEHOLD_ADDRESS_MAX, true,
					  a, &h->address, err);
	if (!rc && c->registration.set) {
		rc = household_check_code(CODES_REGISTRATION, c->registration.v, err);
		h->registration = (int)c->registration.v;
	}
	if (!rc && c->phone.set)
		rc = opt_phone(c->phone.v, a, &h->phone, err);
	if (!rc && c->bank_name.set)
		rc = household_check_text("开户银行", c->bank_name.v, HOUSEHOLD_TEXT_MAX, false,
					  a, &h->bank_name, err);
	if (!rc && c->bank_account.set)
		rc = opt_card(c->bank_account.v, a, &h->bank_account, err);
	if (!rc && c->account_name.set)
		rc = household_check_text("持卡人", c->account_name.v, HOUSEHOLD_NAME_MAX, false,
					  a, &h->account_name, err);
	return rc;
}

dib_code household_update(struct store *s, const struct authz_subject *who,
			  int64_t id, const struct household_change *c,
			  dib_arena *a, dib_err *err)
{
	const char *reason = NULL;
	dib_code rc = authz_check(who, AUTHZ_REGISTER_WRITE, NULL, err);
	if (!rc && !c->address.set && !c->registration.set && !c->phone.set &&
	    !c->bank_name.set && !c->bank_account.set && !c->account_name.set &&
	    !c->village_code.set)
		rc = dib_err_set(err, DIB_EINVAL, "没有要修改的字段");
	if (!rc)
		rc = household_check_text("原因", c->reason, HOUSEHOLD_REASON_MAX, false, a,
					  &reason, err);
	/* the values alone, before any lock is taken */
	store_household probe;
	memset(&probe, 0, sizeof probe);
	if (!rc)
		rc = apply_change(c, a, &probe, err);
	if (rc)
		return rc;

	rc = store_begin(s, err);
	if (rc)
		return rc;
	store_household before, after;
	rc = household__lock_get(s, id, a, &before, err);
	if (!rc)
		rc = household__in_scope(who, AUTHZ_REGISTER_WRITE, before.village_code, "该家庭", err);
	after = before;
	if (!rc)
		rc = apply_change(c, a, &after, err);
	if (!rc && c->village_code.set) {
		region_code v;
		char county[REGION_COUNTY_LEN + 1];
		rc = household__village(s, who, c->village_code.v, a, &v, err);
		if (!rc && strcmp(region_county(&v, county), before.county))
			rc = dib_err_set(err, DIB_EINVAL,
					 "村(社区) %s 不在本户所在的县 (%s)，不能跨县变更",
					 v.code, before.county);
		if (!rc)
			memcpy(after.village_code, v.code, sizeof after.village_code);
	}
	if (!rc)
		rc = store_household_update(s, &after, err);
	if (!rc)
		rc = household__audit(s, who, before.county, "household.update", "household", id,
				      true, household__json(&before), household__json(&after),
				      reason, err);
	return svc__finish(s, rc, err);
}
