/*
 * coverage.c — coverage_change and coverage_run_due of svc/coverage.h:
 * the decisions on an entitlement and the automatic stop at the end of a
 * phase-out, each with its notice. Reviews and job offers are in
 * coverage_events.c.
 *
 * Order of a decision: the request's own checks; in the transaction, the
 * open entitlement (locked), the scope and role, the county's rules,
 * cov_change_check, the member concerned, the new amount (given, or the
 * household reassessed), the entitlement rows, the notice, the change
 * row and the audit record.
 *
 * Thread-safety: as the store connection.
 */
#include "util/dib.h"
#include "store/store_audit.h"
#include "store/store_household.h"
#include "svc/assessment.h"
#include "svc/case_int.h"
#include "svc/coverage.h"
#include "svc/coverage_int.h"
#include "svc/household.h"

#include <inttypes.h>
#include <jansson.h>

/* ---- shared with coverage_events.c (coverage_int.h) ---- */

dib_code coverage__decider(const struct authz_subject *who, const char *village,
			   const struct case_rules *rules, dib_err *err)
{
	if (!who)
		return DIB_OK;
	dib_code rc = authz_check_object(who, AUTHZ_CASE_ACT, village, "该家庭", err);
	unsigned roles = wf_roles_of(who->roles, who->nroles);
	unsigned may = WF_ROLE_COUNTY_APPROVER | (rules->wf.delegated ? WF_ROLE_TOWNSHIP_REVIEWER : 0);
	if (!rc && !(roles & may))
		rc = dib_err_set(err, DIB_EPERM, "增发、减发、停发须由%s决定",
				 rules->wf.delegated ? "县民政局审批人或乡镇审核人" : "县民政局审批人");
	return rc;
}

dib_code coverage__audit(struct store *s, const char *county, const char *actor,
			 const char *action, const char *entity, int64_t id, json_t *after,
			 const char *reason, dib_err *err)
{
	char eid[24];
	snprintf(eid, sizeof eid, "%" PRId64, id);
	char *x = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	if (!x)
		return dib_err_nomem(err);
	store_audit_entry e = { .county = county, .actor = actor, .action = action,
				.entity = entity, .entity_id = eid, .after_json = x,
				.reason = reason };
	dib_code rc = store_audit_append(s, &e, NULL, err);
	free(x);
	return rc;
}

/* ---- the notice ---- */

static const char *notice_abbr(enum cov_kind k)
{
	static const char *const abbr[COV_KIND_COUNT] = { "增", "减", "停", "渐" };
	return (unsigned)k < COV_KIND_COUNT ? abbr[k] : "变";
}

/* Issues the written notice of change c (kind k, reason row) to the
 * household h. */
static dib_code issue_notice(struct store *s, const store_household *h, const char *program,
			     enum cov_kind k, const struct cov_reason_row *row,
			     const store_change *c, dib_date today, const char *actor, dib_arena *a,
			     int64_t *id, const char **no, dib_err *err)
{
	/* the head the notice is addressed to, and the member it concerns */
	store_household_detail d;
	dib_code rc = store_household_detail_get(s, h->id, a, &d, err);
	if (rc)
		return rc;
	const char *head = d.nmembers && d.members[0].m.relation == 1 ? d.members[0].p.name : "";
	const char *member = NULL;
	for (size_t i = 0; c->person_id && i < d.nmembers; i++)
		if (d.members[i].p.id == c->person_id)
			member = d.members[i].p.name;
	const char *county = case__county_name(s, h->county, a);
	dib_buf appeal;
	dib_buf_init(&appeal, 4096);
	rc = cov_appeal_text(dib_arena_printf(a, "%s人民政府", county),
				      dib_arena_printf(a, "%s人民法院", county), &appeal, err);
	const char *appeal_text = rc ? NULL : dib_arena_strdup(a, dib_buf_str(&appeal));
	dib_buf_release(&appeal);
	if (rc)
		return rc;
	char kind[32];
	snprintf(kind, sizeof kind, "change_%s", cov_kind_code(k));
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s, s:s, s:s, s:s,"
			      " s:I, s:I, s:s, s:s?, s:s?}",
			      "kind", kind, "title", cov_notice_title(k), "county_name", county,
			      "issuer", dib_arena_printf(a, "%s民政局", county),
			      "hh_no", h->hh_no ? h->hh_no : "", "township_name", h->township_name,
			      "village_name", h->village_name, "head_name", head,
			      "program", case__program_name(program), "change", cov_kind_name(k),
			      "reason_name", row->name, "old_amount_fen", (json_int_t)c->old_amount_fen,
			      "new_amount_fen", (json_int_t)c->new_amount_fen, "effective_month",
			      dib_arena_strndup(a, c->effective_month, 7), "decision_no",
			      c->decision_no, "stop_month",
			      c->stop_month[0] ? dib_arena_strndup(a, c->stop_month, 7) : NULL);
	if (!j)
		return dib_err_nomem(err);
	json_object_set_new(j, "reason", json_string(dib_arena_printf(a, "%s。", row->reason_text)));
	json_object_set_new(j, "basis", json_string(dib_arena_printf(a, "%s。", row->basis_text)));
	json_object_set_new(j, "article", json_string(row->article));
	if (row->order_text)
		json_object_set_new(j, "order", json_string(dib_arena_printf(a, "%s。",
									    row->order_text)));
	if (k != COV_INCREASE)
		json_object_set_new(j, "appeal", json_string(dib_arena_printf(a, "%s。",
									     appeal_text)));
	if (c->note)
		json_object_set_new(j, "note", json_string(c->note));
	if (member)
		json_object_set_new(j, "member_name", json_string(member));
	if (c->phaseout_months >= 0)
		json_object_set_new(j, "phaseout_months", json_integer(c->phaseout_months));
	rc = case__store_doc(s, h->county, kind, notice_abbr(k), 0, h->id, today, actor, j, a, id,
			     no, err);
	json_decref(j);
	return rc;
}

/* ---- a decision ---- */

/* The request's own checks into c (the core change) and *note. */
static dib_code check_req(const struct coverage_change_req *req, dib_date today,
			  dib_arena *a, struct cov_change *c, const char **note, dib_err *err)
{
	memset(c, 0, sizeof *c);
	if (!case__program_ok(req->program))
		return dib_err_set(err, DIB_EINVAL, "项目 \"%s\" 不是低保项目",
				   req->program ? req->program : "");
	if (!req->kind || !cov_kind_parse(req->kind, strlen(req->kind), &c->kind))
		return dib_err_set(err, DIB_EINVAL, "变更类型 \"%s\" 应为 increase（增发）、"
				   "reduce（减发）、stop（停发）或 phaseout（渐退）",
				   req->kind ? req->kind : "");
	if (!req->reason || !cov_reason_parse(req->reason, strlen(req->reason), &c->reason))
		return dib_err_set(err, DIB_EINVAL, "变更事由 \"%s\" 无法识别",
				   req->reason ? req->reason : "");
	c->decided = today;
	c->decision_no = req->decision_no;
	dib_code rc = DIB_OK;
	if (req->event_date && req->event_date[0]) {
		c->has_event = true;
		rc = household_check_date("事实发生日期", req->event_date, today, &c->event, err);
	}
	c->phaseout_months = req->phaseout_months;
	if (!rc && req->has_amount && (req->amount_fen < 0 || req->amount_fen > 100000000))
		rc = dib_err_set(err, DIB_EINVAL, "月发放金额应在 0–1,000,000 元之间");
	if (!rc && req->has_amount && c->kind != COV_INCREASE && c->kind != COV_REDUCE)
		rc = dib_err_set(err, DIB_EINVAL, "只有增发和减发需要填写新的金额");
	if (!rc)
		rc = household_check_text("备注", req->note, COVERAGE_NOTE_MAX, false, a, note, err);
	return rc;
}

/* The effective month: given, or the latest month the rules allow (the
 * default month; the event's month where the change follows it). */
static dib_code effective_of(const struct coverage_change_req *req, struct cov_change *c,
			     const struct cov_params *p, dib_err *err)
{
	if (req->effective && req->effective[0]) {
		dib_err e;
		dib_err_clear(&e);
		if (month_parse(req->effective, strlen(req->effective), &c->effective, &e))
			return dib_err_set(err, DIB_EINVAL, "生效年月 \"%s\" 应为 YYYY-MM",
					   req->effective);
		return DIB_OK;
	}
	dib_month lo, hi;
	dib_code rc = cov_effective_range(c, p, &lo, &hi, err);
	if (!rc)
		c->effective = (cov_reason(c->reason)->flags & COV_RF_FOLLOWS_EVENT) ? lo : hi;
	return rc;
}

/* Whether person is among the covered ids. */
static bool covers(const int64_t *ids, size_t n, int64_t person)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == person)
			return true;
	return false;
}

/* The new amount and persons of an increase or reduction: given, or the
 * household reassessed on today (without the member of a work refusal). */
static dib_code new_amount(struct store *s, const struct coverage_change_req *req,
			   const struct cov_change *c, const store_entitlement *e,
			   const struct case_rules *rules, dib_date today, dib_arena *a,
			   int64_t *fen, int *persons, dib_err *err)
{
	if (req->has_amount) {
		*fen = req->amount_fen;
		*persons = e->persons - (req->person_id && c->reason == COV_R_WORK_REFUSAL ? 1 : 0);
	} else {
		struct assessment_opts o;
		memset(&o, 0, sizeof o);
		if (c->reason == COV_R_WORK_REFUSAL) {
			o.refused_work_ids = &req->person_id;
			o.nrefused_work = 1;
		}
		struct assessment r;
		dib_code rc = assessment_run(s, req->household_id, req->program, today, rules, &o, a,
					     &r, err);
		if (rc)
			return rc;
		if (!r.eligible)
			return dib_err_set(err, DIB_ECONFLICT, "重新测算已不符合低保条件（%s），"
					   "请改为停发或渐退", r.conclusion);
		*fen = r.amount_fen;
		*persons = r.covered;
	}
	if (*persons < 1)
		*persons = 1;
	if (c->kind == COV_INCREASE && *fen <= e->amount_fen)
		return dib_err_set(err, DIB_ECONFLICT, "增发后的月发放额 %" PRId64 ".%02" PRId64
				   " 元不高于现在的 %" PRId64 ".%02" PRId64 " 元", *fen / 100,
				   *fen % 100, e->amount_fen / 100, e->amount_fen % 100);
	if (c->kind == COV_REDUCE && *fen >= e->amount_fen)
		return dib_err_set(err, DIB_ECONFLICT, "减发后的月发放额 %" PRId64 ".%02" PRId64
				   " 元不低于现在的 %" PRId64 ".%02" PRId64 " 元", *fen / 100,
				   *fen % 100, e->amount_fen / 100, e->amount_fen % 100);
	return DIB_OK;
}

/* Ends e before month m and, when fen >= 0, opens the next row from m
 * (to `until` when given) with the members ids minus `without`. */
static dib_code split_at(struct store *s, const store_entitlement *e, dib_month m,
			 int64_t fen, int persons, const int64_t *ids, size_t n, int64_t without,
			 const dib_month *until, const char *decision_no, const char *actor,
			 dib_arena *a, int64_t *new_id, dib_err *err)
{
	dib_month from;
	dib_err e2;
	if (month_parse(e->from_month, 7, &from, &e2) || month_cmp(m, from) <= 0) {
		char mm[DIB_MONTH_STR];
		return dib_err_set(err, DIB_ECONFLICT, "生效年月 %s 不晚于现行待遇的起始月 %.7s："
				   "自 %.7s 起的待遇已由决定 %s 确定，同一户同一月份只能有一项变更"
				   "生效；请在该月之后再作决定，或将本项变更并入下月（已发放月份的"
				   "差额由资金发放模块补发或追缴）", month_format(m, mm), e->from_month,
				   e->from_month, e->decision_no ? e->decision_no : "");
	}
	char to[DIB_DATE_STR];
	date_format(month_first_day(month_add(m, -1)), to);
	dib_code rc = store_entitlement_end(s, e->id, to, err);
	if (rc || fen < 0)
		return rc;
	int64_t *keep = dib_arena_alloc(a, (n ? n : 1) * sizeof *keep);
	size_t k = 0;
	if (!keep)
		return dib_err_nomem(err);
	for (size_t i = 0; i < n; i++)
		if (ids[i] != without)
			keep[k++] = ids[i];
	if (!k)
		return dib_err_set(err, DIB_ECONFLICT, "减去该成员后没有保障对象，请改为停发");
	store_entitlement x = *e;
	date_format(month_first_day(m), x.from_month);
	x.to_month[0] = '\0';
	if (until)
		date_format(month_first_day(*until), x.to_month);
	x.amount_fen = fen;
	x.persons = persons;
	x.decision_no = decision_no;
	x.created_by = actor;
	return store_entitlement_insert(s, &x, keep, k, new_id, err);
}

dib_code coverage_change(struct store *s, const struct authz_subject *who, const char *actor,
			 const struct coverage_change_req *req, dib_date today, dib_arena *a,
			 struct coverage_change_result *out, dib_err *err)
{
	struct cov_change c;
	const char *note = NULL;
	dib_code rc = check_req(req, today, a, &c, &note, err);
	if (!rc)
		rc = store_begin(s, err);
	if (rc)
		return rc;
	/* the scope first: outside it, not even whether the household is
	 * covered is told */
	store_household h;
	rc = store_household_get(s, req->household_id, a, &h, err);
	struct case_rules rules;
	if (!rc)
		rc = case_rules_load(s, h.county, today, a, &rules, err);
	if (!rc)
		rc = coverage__decider(who, h.village_code, &rules, err);
	store_entitlement e;
	bool found = false;
	if (!rc)
		rc = store_entitlement_open(s, req->household_id, req->program, true, a, &e, &found,
					    err);
	if (!rc && !found)
		rc = dib_err_set(err, DIB_ENOTFOUND, "该户未在享受%s，无法变更",
				 case__program_name(req->program));
	if (!rc)
		rc = effective_of(req, &c, &rules.cov, err);
	if (!rc)
		rc = cov_change_check(&c, &rules.cov, err);
	const struct cov_reason_row *row = cov_reason(c.reason);
	int64_t *ids = NULL;
	size_t nids = 0;
	if (!rc)
		rc = store_entitlement_members(s, e.id, a, &ids, &nids, err);
	if (!rc && (row->flags & COV_RF_MEMBER) && !covers(ids, nids, req->person_id))
		rc = dib_err_set(err, DIB_EINVAL, "事由「%s」须指明一名保障对象成员 (person_id)",
				 row->name);
	if (!rc && c.reason == COV_R_WORK_REFUSAL) {
		store_offer *offers = NULL;
		size_t no = 0;
		rc = store_offers_of(s, req->person_id, a, &offers, &no, err);
		struct cov_refusal lost;
		if (!rc)
			rc = coverage__refusals(offers, no, today, &rules.cov, a, &lost, err);
		if (!rc && !lost.lost)
			rc = dib_err_set(err, DIB_ECONFLICT, "该成员没有连续 3 次无正当理由拒绝介绍"
					 "的工作的记录（现连续 %d 次），不能以此减发", lost.run);
	}
	/* the rows */
	int64_t fen = 0, new_id = 0;
	int persons = e.persons;
	struct cov_phaseout ph;
	bool has_stop = false;
	if (!rc && (c.kind == COV_INCREASE || c.kind == COV_REDUCE))
		rc = new_amount(s, req, &c, &e, &rules, today, a, &fen, &persons, err);
	if (!rc && (c.kind == COV_INCREASE || c.kind == COV_REDUCE))
		rc = split_at(s, &e, c.effective, fen, persons, ids, nids,
			      c.reason == COV_R_WORK_REFUSAL ? req->person_id : 0, NULL,
			      c.decision_no, actor, a, &new_id, err);
	if (!rc && c.kind == COV_STOP)
		rc = split_at(s, &e, c.effective, -1, 0, NULL, 0, 0, NULL, NULL, actor, a, NULL, err);
	if (!rc && c.kind == COV_PHASEOUT) {
		rc = cov_phaseout_plan(month_of(c.event), today, c.phaseout_months, &rules.cov, &ph,
				       err);
		has_stop = !rc;
		if (!rc && rules.cov.phaseout_share_bp < 10000 && month_cmp(ph.start, ph.stop) < 0) {
			/* a reduced amount in the phase-out months, then the stop */
			dib_month from = month_cmp(ph.start, ph.effective) > 0 ? ph.start : ph.effective;
			dib_month last = month_add(ph.stop, -1);
			fen = e.amount_fen * rules.cov.phaseout_share_bp / 10000;
			rc = split_at(s, &e, from, fen, e.persons, ids, nids, 0, &last, c.decision_no,
				      actor, a, &new_id, err);
		} else if (!rc) {
			fen = e.amount_fen;
			rc = split_at(s, &e, ph.stop, -1, 0, NULL, 0, 0, NULL, NULL, actor, a, NULL,
				      err);
		}
	}
	/* the change, its notice, the audit record */
	store_change ch;
	memset(&ch, 0, sizeof ch);
	snprintf(ch.county, sizeof ch.county, "%s", h.county);
	ch.household_id = h.id;
	ch.program = req->program;
	ch.entitlement_id = e.id;
	ch.new_entitlement_id = new_id;
	ch.kind = cov_kind_code(c.kind);
	ch.reason = row ? row->code : "";
	ch.decision_no = c.decision_no && c.decision_no[0] ? c.decision_no : NULL;
	date_format(today, ch.decided_on);
	date_format(month_first_day(c.effective), ch.effective_month);
	if (c.has_event)
		date_format(c.event, ch.event_date);
	ch.person_id = req->person_id;
	ch.old_amount_fen = e.amount_fen;
	ch.new_amount_fen = c.kind == COV_STOP ? 0 : fen;
	ch.phaseout_months = c.kind == COV_PHASEOUT ? c.phaseout_months : -1;
	if (has_stop)
		date_format(month_first_day(ph.stop), ch.stop_month);
	ch.note = note;
	ch.created_by = actor;
	const char *doc_no = NULL;
	if (!rc)
		rc = issue_notice(s, &h, req->program, c.kind, row, &ch, today, actor, a,
				  &ch.document_id, &doc_no, err);
	if (!rc)
		rc = store_change_insert(s, &ch, &ch.id, err);
	if (!rc) {
		char action[48];
		snprintf(action, sizeof action, "entitlement.%s", ch.kind);
		json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:I, s:s?, s:I}", "household_id",
				      (json_int_t)h.id, "program", req->program, "kind", ch.kind,
				      "reason", ch.reason, "effective_month", ch.effective_month,
				      "old_amount_fen", (json_int_t)ch.old_amount_fen,
				      "new_amount_fen", (json_int_t)ch.new_amount_fen,
				      "decision_no", ch.decision_no, "entitlement_id",
				      (json_int_t)e.id);
		rc = coverage__audit(s, h.county, actor, action, "entitlement_change", ch.id, j, note,
				     err);
		json_decref(j);
	}
	rc = svc__finish(s, rc, err);
	if (!rc && out) {
		memset(out, 0, sizeof *out);
		out->change_id = ch.id;
		out->entitlement_id = new_id;
		out->old_amount_fen = ch.old_amount_fen;
		out->new_amount_fen = ch.new_amount_fen;
		out->effective = c.effective;
		out->has_stop = has_stop;
		if (has_stop)
			out->stop = ph.stop;
		out->document_id = ch.document_id;
		out->doc_no = doc_no;
	}
	return rc;
}

/* ---- the automatic stop ---- */

/* Records the stop that ends phase-out p, in its own transaction. */
static dib_code stop_one(struct store *s, const store_change *p, const char *actor,
			 dib_date today, dib_arena *a, dib_err *err)
{
	dib_code rc = store_begin(s, err);
	if (rc)
		return rc;
	struct cov_phaseout ph;
	memset(&ph, 0, sizeof ph);
	dib_err e2;
	(void)month_parse(p->stop_month, 7, &ph.stop, &e2);
	struct cov_change c;
	cov_phaseout_stop_change(&ph, today, &c);
	store_household h;
	rc = store_household_get(s, p->household_id, a, &h, err);
	store_change ch = *p;
	ch.id = 0;
	ch.new_entitlement_id = 0;
	ch.kind = cov_kind_code(COV_STOP);
	ch.reason = cov_reason(COV_R_PHASEOUT_ENDED)->code;
	ch.decision_no = NULL;
	date_format(today, ch.decided_on);
	date_format(month_first_day(c.effective), ch.effective_month);
	ch.event_date[0] = '\0';
	ch.person_id = 0;
	ch.old_amount_fen = p->new_amount_fen;
	ch.new_amount_fen = 0;
	ch.phaseout_months = -1;
	ch.stop_month[0] = '\0';
	ch.note = p->decision_no ? dib_arena_printf(a, "渐退决定 %s 所定渐退期满", p->decision_no)
				 : "渐退期满";
	ch.created_by = actor;
	const char *doc_no = NULL;
	if (!rc)
		rc = issue_notice(s, &h, p->program, COV_STOP, cov_reason(COV_R_PHASEOUT_ENDED), &ch,
				  today, actor, a, &ch.document_id, &doc_no, err);
	if (!rc)
		rc = store_change_insert(s, &ch, &ch.id, err);
	if (!rc)
		rc = store_phaseout_stopped(s, p->id, ch.id, err);
	if (!rc) {
		json_t *j = json_pack("{s:I, s:s, s:s, s:I}", "household_id", (json_int_t)h.id,
				      "program", p->program, "effective_month", ch.effective_month,
				      "phaseout_change_id", (json_int_t)p->id);
		rc = coverage__audit(s, h.county, actor, "entitlement.stop", "entitlement_change",
				     ch.id, j, ch.note, err);
		json_decref(j);
	}
	return svc__finish(s, rc, err);
}

dib_code coverage_run_due(struct store *s, const char *county, const char *actor,
			  dib_date today, int *stopped, dib_err *err)
{
	*stopped = 0;
	dib_arena a;
	dib_arena_init(&a, 65536, 0);
	char month[DIB_DATE_STR];
	date_format(month_first_day(month_of(today)), month);
	store_change *due = NULL;
	size_t n = 0;
	dib_code rc = store_phaseouts_due(s, county, month, &a, &due, &n, err);
	for (size_t i = 0; !rc && i < n; i++) {
		rc = stop_one(s, &due[i], actor, today, &a, err);
		if (!rc)
			++*stopped;
	}
	dib_arena_release(&a);
	return rc;
}
