/*
 * benefit_grant.c — benefit_grant and benefit_list (benefit_grant.h): a
 * county's decision opening one of the programs paid per person for a
 * household, each person checked by the program's rule in the first month.
 *
 * Order: the request's own checks; in the transaction, the household, the
 * decider, the first month, the county's parameters and the standards in
 * force then, each person (a current member, alive, eligible), the
 * entitlement with its members, the facts, the audit record.
 *
 * Thread-safety: as the store connection.
 */
#include "util/dib.h"
#include "core/money.h"
#include "core/workflow.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_case.h"
#include "store/store_household.h"
#include "store/store_payroll.h"
#include "svc/benefit_grant.h"
#include "svc/benefit_int.h"
#include "svc/case_rules.h"
#include "svc/household.h"
#include "svc/standard.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

const char *benefit_program_name(const char *program)
{
	return benefit__program_name(program);
}

/* ---- the request ---- */

/* The application date: "YYYY-MM-DD", or "YYYY-MM" for its first day. */
static dib_code applied_of(const char *s, dib_date today, dib_date *out, dib_err *err)
{
	if (!s || !s[0]) {
		*out = today;
		return DIB_OK;
	}
	size_t n = strlen(s);
	dib_date d;
	dib_code rc;
	if (n == 7) {
		dib_month m;
		rc = month_parse(s, n, &m, err);
		d = month_first_day(m);
	} else {
		rc = date_parse(s, n, &d, err);
	}
	if (!rc && date_cmp(d, today) > 0) {
		char q[DIB_QUOTE_MAX];
		rc = dib_err_set(err, DIB_EINVAL, "申请日期 \"%s\" 晚于今天",
				 dib_err_quote(s, n, q, sizeof q));
	}
	if (!rc)
		*out = d;
	return rc;
}

/* The facts of one person, checked; names copied into a. */
static dib_code facts_of(const store_benefit_facts *in, dib_arena *a, store_benefit_facts *out,
			 dib_err *err)
{
	*out = *in;
	if (in->self_care_unmet < 0 || in->self_care_unmet > BENEFIT_SELF_CARE_ITEMS)
		return dib_err_set(err, DIB_EINVAL, "不能达到的自理指标数 %d 不正确，应在 0–6 之间",
				   in->self_care_unmet);
	const struct {
		int64_t fen;
		const char *what;
	} money[] = {
		{ in->other_living_fen, "其他福利性生活补贴" },
		{ in->other_care_fen, "其他福利性护理补贴" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(money); i++)
		if (money[i].fen < 0 || money[i].fen > STANDARD_AMOUNT_MAX_FEN) {
			char b[MONEY_STR], c[MONEY_STR];
			return dib_err_set(err, DIB_EINVAL, "%s %s 元不正确，应在 0.00–%s 元之间",
					   money[i].what, money_format(money[i].fen, b),
					   money_format(STANDARD_AMOUNT_MAX_FEN, c));
		}
	dib_code rc = household_check_text("其他福利性生活补贴名称", in->other_living_name, 50,
					   false, a, &out->other_living_name, err);
	if (!rc)
		rc = household_check_text("其他福利性护理补贴名称", in->other_care_name, 50, false, a,
					  &out->other_care_name, err);
	return rc;
}

static dib_code check_req(const struct benefit_grant_req *req, dib_date today, dib_arena *a,
			  const char **decision, dib_date *applied,
			  struct benefit_grant_person *persons, dib_err *err)
{
	if (benefit__program_index(req->program) < 0) {
		const char *p = req->program ? req->program : "";
		char q[DIB_QUOTE_MAX];
		return dib_err_set(err, DIB_EINVAL,
				   "项目 \"%s\" 不是按人发放的救助项目（两项补贴、特困供养、孤儿、"
				   "事实无人抚养儿童、高龄津贴）",
				   dib_err_quote(p, strlen(p), q, sizeof q));
	}
	if (req->household_id <= 0)
		return dib_err_set(err, DIB_EINVAL, "请指明家庭");
	if (req->npersons < 1 || !req->persons)
		return dib_err_set(err, DIB_EINVAL, "请指明享受待遇的家庭成员");
	if (req->npersons > BENEFIT_GRANT_MAX_PERSONS)
		return dib_err_set(err, DIB_EINVAL, "一次决定最多覆盖 %d 人",
				   BENEFIT_GRANT_MAX_PERSONS);
	dib_code rc = household_check_text("决定文号", req->decision_no, 100, true, a, decision,
					   err);
	if (!rc)
		rc = applied_of(req->applied, today, applied, err);
	for (size_t i = 0; !rc && i < req->npersons; i++) {
		persons[i].person_id = req->persons[i].person_id;
		if (persons[i].person_id <= 0)
			return dib_err_set(err, DIB_EINVAL, "成员 ID %" PRId64 " 不正确",
					   persons[i].person_id);
		for (size_t k = 0; k < i; k++)
			if (persons[k].person_id == persons[i].person_id)
				return dib_err_set(err, DIB_EINVAL, "成员 ID %" PRId64 " 重复",
						   persons[i].person_id);
		rc = facts_of(&req->persons[i].facts, a, &persons[i].facts, err);
	}
	return rc;
}

/* The county's approver (who NULL: the command line). */
static dib_code decider(const struct authz_subject *who, const char *village, dib_err *err)
{
	if (!who)
		return DIB_OK;
	dib_code rc = authz_check_object(who, AUTHZ_CASE_ACT, village, "该家庭", err);
	if (!rc && !(wf_roles_of(who->roles, who->nroles) & WF_ROLE_COUNTY_APPROVER))
		rc = dib_err_set(err, DIB_EPERM, "该项待遇须由县民政局审批人决定");
	return rc;
}

/* ---- the decision ---- */

/* Each person checked in the first month, their amounts into fen[] and
 * the audit's list. */
static dib_code check_persons(struct store *s, const store_household *h,
			      const struct benefit_grant_req *req,
			      const struct benefit_grant_person *persons,
			      const struct benefit__month *mc, dib_arena *a, dib_fen *fen,
			      json_t *list, dib_err *err)
{
	char first[DIB_DATE_STR];
	date_format(month_first_day(mc->m), first);
	dib_code rc = DIB_OK;
	for (size_t i = 0; !rc && i < req->npersons; i++) {
		store_payroll_person p;
		bool found = false;
		rc = store_payroll_person_get(s, h->id, persons[i].person_id, req->program, first,
					      first, a, &p, &found, err);
		if (rc)
			break;
		if (!found || !p.member || p.member_end[0])
			return dib_err_set(err, DIB_EINVAL, "人员 (ID %" PRId64 ") 不是户 %s 的在册成员",
					   persons[i].person_id, h->hh_no ? h->hh_no : "");
		if (p.death_date[0])
			return dib_err_set(err, DIB_EINVAL, "成员 %s 已于 %s 死亡", p.name,
					   p.death_date);
		struct benefit__paid paid;
		rc = benefit__person_month(mc, req->program, &p, NULL, &persons[i].facts, &paid, err);
		if (!rc && paid.fen <= 0)
			rc = dib_err_set(err, DIB_EINVAL, "成员 %s：%s", p.name, paid.why);
		if (!rc) {
			fen[i] = paid.fen;
			json_t *j = json_pack("{s:I, s:s, s:I, s:s, s:s}", "person_id",
					      (json_int_t)p.person_id, "name", p.name, "fen",
					      (json_int_t)paid.fen, "reason", paid.reason, "why",
					      paid.why);
			if (!j || json_array_append_new(list, j))
				rc = dib_err_nomem(err);
		}
	}
	return rc;
}

static dib_code audit(struct store *s, const store_household *h, const char *actor, int64_t id,
		      json_t *after, dib_err *err)
{
	char eid[24];
	snprintf(eid, sizeof eid, "%" PRId64, id);
	char *x = json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS);
	if (!x)
		return dib_err_nomem(err);
	store_audit_entry e = { .county = h->county, .actor = actor, .action = "benefit.grant",
				.entity = "entitlement", .entity_id = eid, .after_json = x };
	dib_code rc = store_audit_append(s, &e, NULL, err);
	free(x);
	return rc;
}

dib_code benefit_grant(struct store *s, const struct authz_subject *who, const char *actor,
		       const struct benefit_grant_req *req, dib_date today, dib_arena *a,
		       int64_t *entitlement_id, dib_err *err)
{
	struct benefit_grant_person persons[BENEFIT_GRANT_MAX_PERSONS];
	const char *decision = NULL;
	dib_date applied;
	dib_code rc = check_req(req, today, a, &decision, &applied, persons, err);
	if (!rc)
		rc = store_begin(s, err);
	if (rc)
		return rc;
	store_household h;
	rc = store_household_get(s, req->household_id, a, &h, err);
	if (!rc)
		rc = decider(who, h.village_code, err);
	dib_month first = { 0, 0 };
	if (!rc)
		rc = benefit_first_month(req->program, applied, today, &first, err);
	struct case_rules *rules = rc ? NULL : dib_arena_alloc(a, sizeof *rules);
	if (!rc && !rules)
		rc = dib_err_nomem(err);
	if (!rc)
		rc = case_rules_load(s, h.county, month_first_day(first), a, rules, err);
	struct benefit__month mc;
	if (!rc)
		rc = benefit__month_load(s, h.county, req->program, first, &rules->benefit, &mc, err);
	dib_fen fen[BENEFIT_GRANT_MAX_PERSONS] = { 0 };
	json_t *list = json_array();
	if (!rc && !list)
		rc = dib_err_nomem(err);
	if (!rc)
		rc = check_persons(s, &h, req, persons, &mc, a, fen, list, err);
	dib_fen total = 0;
	int64_t ids[BENEFIT_GRANT_MAX_PERSONS];
	for (size_t i = 0; i < req->npersons; i++) {
		total += fen[i];
		ids[i] = persons[i].person_id;
	}
	store_entitlement e;
	memset(&e, 0, sizeof e);
	snprintf(e.county, sizeof e.county, "%s", h.county);
	e.household_id = h.id;
	e.program = req->program;
	date_format(month_first_day(first), e.from_month);
	e.amount_fen = total;
	e.persons = (int)req->npersons;
	e.decision_no = decision;
	e.created_by = actor;
	int64_t id = 0;
	if (!rc)
		rc = store_entitlement_insert(s, &e, ids, req->npersons, &id, err);
	for (size_t i = 0; !rc && i < req->npersons; i++)
		rc = store_benefit_facts_insert(s, h.county, id, ids[i], &persons[i].facts, err);
	if (!rc) {
		char applied_s[DIB_DATE_STR];
		json_t *j = json_pack("{s:I, s:s, s:s%, s:s, s:s, s:I, s:O}", "household_id",
				      (json_int_t)h.id, "program", req->program, "from_month",
				      e.from_month, (size_t)7, "applied_on",
				      date_format(applied, applied_s), "decision_no", decision,
				      "amount_fen", (json_int_t)total, "persons", list);
		rc = j ? audit(s, &h, actor, id, j, err) : dib_err_nomem(err);
		json_decref(j);
	}
	json_decref(list);
	if (!rc)
		rc = store_commit(s, err);
	if (rc)
		store_rollback(s);
	else
		*entitlement_id = id;
	return rc;
}

dib_code benefit_list(struct store *s, const struct authz_subject *who, int64_t household_id,
		      dib_arena *a, store_benefit_grant **out, size_t *n, dib_err *err)
{
	*out = NULL;
	*n = 0;
	store_household h;
	dib_code rc = store_household_get(s, household_id, a, &h, err);
	if (!rc && who)
		rc = authz_check_object(who, AUTHZ_REGISTER_READ, h.village_code, "该家庭", err);
	if (!rc)
		rc = store_benefit_grants(s, household_id, a, out, n, err);
	return rc;
}
