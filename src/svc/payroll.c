/*
 * payroll.c — the steps of a payroll run after it is built (svc/payroll.h):
 * a township submits or rebuilds its section, the county sends one back,
 * approves or cancels the run; and reading runs, sections and lines. Each
 * write is one transaction with its payroll_events row and audit record.
 *
 * Thread-safety: as struct store — one connection per thread.
 */
#include "util/dib.h"
#include "util/time.h"
#include "core/region.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "svc/payroll_int.h"
#include "svc/household.h"
#include "svc/standard.h"
#include "svc/svc_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static const struct payroll__name states[] = {
	{ PAYROLL_PREPARED, "待乡镇报送" }, { PAYROLL_APPROVED, "已审批" },
	{ PAYROLL_EXPORTED, "已导出代发文件" }, { PAYROLL_RETURNED, "已回盘" },
	{ PAYROLL_RECONCILED, "已对账" },     { PAYROLL_CANCELLED, "已作废" },
	{ "built", "未报送" },                { "submitted", "已报送" },
	{ "sent_back", "已退回" },
};

const char *payroll__name_of(const struct payroll__name *t, size_t n, const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (!strcmp(t[i].code, code))
			return t[i].name;
	return code ? code : "";
}

const char *payroll_state_name(const char *state)
{
	return payroll__name_of(states, DIB_ARRAY_LEN(states), state);
}

const char *payroll_section_state_name(const char *state)
{
	return payroll__name_of(states, DIB_ARRAY_LEN(states), state);
}

/* The steps of the timeline, one table for the API and the command line. */
static const struct payroll__name actions[] = {
	{ "build", "造册" },          { "submit", "乡镇报送" },   { "rebuild", "重新造册" },
	{ "send_back", "退回乡镇" },  { "approve", "县局审批" },  { "cancel", "作废" },
	{ "export", "导出代发文件" }, { "return", "登记回盘" },   { "reissue", "重发" },
	{ "reconcile", "对账" },
};

const char *payroll_action_name(const char *action)
{
	return payroll__name_of(actions, DIB_ARRAY_LEN(actions), action);
}

const char *payroll__program_name(struct store *s, const char *program, dib_arena *a)
{
	store_program *ps = NULL;
	size_t np = 0;
	if (!standard_programs(s, a, &ps, &np, NULL))
		for (size_t i = 0; i < np; i++)
			if (!strcmp(ps[i].code, program))
				return ps[i].name;
	return program;
}

bool payroll__same(const store_payroll_totals *a, const store_payroll_totals *b)
{
	return a->households == b->households && a->persons == b->persons &&
	       a->total_fen == b->total_fen && a->lines == b->lines;
}

/* who's county (6 digits) into out; "" above county level. */
static void county_of_who(const struct authz_subject *who, char *out)
{
	region_county_of(who && who->region_code ? who->region_code : "", out);
}

dib_code payroll__load(struct store *s, const struct authz_subject *who, enum authz_action a,
		       int64_t id, const char *township, dib_arena *ar, store_payroll_run *out,
		       dib_err *err)
{
	bool found = false;
	dib_code rc = store_payroll_run_get(s, id, ar, out, &found, err);
	if (!rc && !found)
		return dib_err_set(err, DIB_ENOTFOUND, "发放批次 %" PRId64 " 不存在", id);
	if (rc || !who)
		return rc;
	char county12[REGION_LEN + 1];
	snprintf(county12, sizeof county12, "%s000000", out->county);
	if (township) {
		region_code t;
		rc = region_parse(township, strlen(township), &t, err);
		if (!rc && (t.level != REGION_TOWNSHIP || strncmp(t.code, out->county, 6)))
			rc = dib_err_set(err, DIB_EINVAL, "“%s”不是本县的乡镇（街道）", township);
		if (!rc)
			rc = authz_check_object(who, a, t.code, "该乡镇", err);
		return rc;
	}
	if (a == AUTHZ_PAYROLL_READ) {
		/* a township sees the county's run, and in it only its own part */
		char c[REGION_COUNTY_LEN + 1];
		county_of_who(who, c);
		rc = authz_check(who, a, NULL, err);
		if (!rc && c[0] && strcmp(c, out->county))
			rc = dib_err_set(err, DIB_EPERM, "该发放批次不在您的管辖区域内");
		if (!rc && !c[0])
			rc = authz_check_object(who, a, county12, "该发放批次", err);
		return rc;
	}
	return authz_check_object(who, a, county12, "该发放批次", err);
}

dib_code payroll__record(struct store *s, const store_payroll_run *run, const char *action,
			 const char *township, const char *actor, const char *reason,
			 const store_payroll_totals *totals, json_t *after, dib_err *err)
{
	return payroll__record_outcome(s, run, action, township, actor, reason, totals, NULL,
				       after, err);
}

dib_code payroll__record_outcome(struct store *s, const store_payroll_run *run,
				 const char *action, const char *township, const char *actor,
				 const char *reason, const store_payroll_totals *totals,
				 const store_payroll_outcome *outcome, json_t *after, dib_err *err)
{
	char now[DIB_TIME_UTC_SIZE];
	dib_time_now_utc(now, sizeof now);
	store_payroll_event e = { .run_id = run->id, .action = action, .township = township,
				  .actor = actor, .at = now, .reason = reason,
				  .has_totals = totals != NULL,
				  .has_outcome = totals != NULL && outcome != NULL };
	if (totals)
		e.totals = *totals;
	if (e.has_outcome)
		e.outcome = *outcome;
	dib_code rc = store_payroll_event_insert(s, run->county, &e, err);
	char what[48], eid[24];
	snprintf(what, sizeof what, "payroll.%s", action);
	snprintf(eid, sizeof eid, "%" PRId64, run->id);
	char *x = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	if (!rc && after && !x)
		rc = dib_err_nomem(err);
	store_audit_entry ae = { .county = run->county, .actor = actor, .action = what,
				 .entity = "payroll_run", .entity_id = eid, .after_json = x,
				 .reason = reason };
	if (!rc)
		rc = store_audit_append(s, &ae, NULL, err);
	free(x);
	return rc;
}

/* The section of run for township; DIB_ENOTFOUND when the township has none. */
static dib_code section_of(struct store *s, const store_payroll_run *run, const char *township,
			   dib_arena *a, store_payroll_section *out, dib_err *err)
{
	store_payroll_section *xs = NULL;
	size_t n = 0;
	dib_code rc = store_payroll_sections(s, run->id, a, &xs, &n, err);
	for (size_t i = 0; !rc && i < n; i++)
		if (!strcmp(xs[i].township, township)) {
			*out = xs[i];
			return DIB_OK;
		}
	return rc ? rc : dib_err_set(err, DIB_ENOTFOUND, "该批次中没有该乡镇的清册");
}

static json_t *totals_json(const store_payroll_totals *t)
{
	return json_pack("{s:I, s:I, s:I, s:I}", "households", (json_int_t)t->households,
			 "persons", (json_int_t)t->persons, "total_fen", (json_int_t)t->total_fen,
			 "lines", (json_int_t)t->lines);
}

/* ---- township steps ---- */

dib_code payroll_submit(struct store *s, const struct authz_subject *who, const char *actor,
			int64_t run_id, const char *township, dib_err *err)
{
	dib_arena a;
	dib_arena_init(&a, 16384, 0);
	dib_code rc = store_begin(s, err);
	store_payroll_run run;
	if (!rc)
		rc = payroll__load(s, who, AUTHZ_PAYROLL_PREPARE, run_id, township, &a, &run, err);
	if (!rc && strcmp(run.state, PAYROLL_PREPARED))
		rc = dib_err_set(err, DIB_ECONFLICT, "该批次%s，不能再报送", payroll_state_name(run.state));
	store_payroll_section sec;
	if (!rc)
		rc = section_of(s, &run, township, &a, &sec, err);
	if (!rc && !strcmp(sec.state, "submitted"))
		rc = dib_err_set(err, DIB_ECONFLICT, "%s的清册已经报送", sec.township_name);
	int64_t missing = 0;
	if (!rc)
		rc = store_payroll_lines_without_account(s, run.id, township, &missing, err);
	if (!rc && missing)
		rc = dib_err_set(err, DIB_ECONFLICT,
				 "%s有 %" PRId64 " 户缺少银行账户，请先补录账户，再重新造册后报送",
				 sec.township_name, missing);
	int64_t nohead = 0;
	bool found = false;
	char rid[24];
	snprintf(rid, sizeof rid, "%" PRId64, run.id);
	if (!rc)
		rc = store_query_int64(s,
			"SELECT count(*) FROM payroll_lines WHERE run_id = $1 AND township_code = $2"
			" AND payee_name = ''",
			2, (const char *const[]){ rid, township }, &nohead, &found, err);
	if (!rc && nohead)
		rc = dib_err_set(err, DIB_ECONFLICT,
				 "%s有 %" PRId64 " 户没有户主（领取人），请先在家庭档案中指定户主，再重新造册",
				 sec.township_name, nohead);
	store_payroll_totals actual;
	if (!rc)
		rc = store_payroll_lines_sum(s, run.id, township, &actual, err);
	if (!rc && !payroll__same(&actual, &sec.declared))
		rc = dib_err_set(err, DIB_ECONFLICT, "%s的清册与控制数不符，请重新造册",
				 sec.township_name);
	char now[DIB_TIME_UTC_SIZE];
	dib_time_now_utc(now, sizeof now);
	sec.state = "submitted";
	sec.submitted_at = now;
	sec.submitted_by = actor;
	sec.reason = NULL;
	if (!rc)
		rc = store_payroll_section_put(s, &sec, err);
	json_t *j = rc ? NULL : totals_json(&sec.declared);
	if (!rc && !j)
		rc = dib_err_nomem(err);
	if (!rc)
		json_object_set_new(j, "township", json_string(township));
	if (!rc)
		rc = payroll__record(s, &run, "submit", township, actor, NULL, &sec.declared, j, err);
	json_decref(j);
	rc = svc__finish(s, rc, err);
	dib_arena_release(&a);
	return rc;
}

dib_code payroll_rebuild(struct store *s, const struct authz_subject *who, const char *actor,
			 int64_t run_id, const char *township, dib_date today, dib_arena *a,
			 dib_err *err)
{
	(void)today;
	dib_code rc = store_begin(s, err);
	store_payroll_run run;
	if (!rc)
		rc = payroll__load(s, who, AUTHZ_PAYROLL_PREPARE, run_id, township, a, &run, err);
	if (!rc && strcmp(run.state, PAYROLL_PREPARED))
		rc = dib_err_set(err, DIB_ECONFLICT, "该批次%s，不能重新造册",
				 payroll_state_name(run.state));
	store_payroll_section sec;
	bool had = false;
	if (!rc) {
		rc = section_of(s, &run, township, a, &sec, err);
		had = !rc;
		if (rc == DIB_ENOTFOUND) {
			dib_err_clear(err);
			rc = DIB_OK;
		}
	}
	if (!rc && had && !strcmp(sec.state, "submitted"))
		rc = dib_err_set(err, DIB_ECONFLICT, "%s的清册已经报送，须县局退回后才能重新造册",
				 sec.township_name);
	int64_t deleted = 0;
	/* the old lines' deductions go with them: the new lines take afresh */
	if (!rc)
		rc = store_recoveries_delete_run(s, run.id, township, NULL, err);
	if (!rc)
		rc = store_payroll_lines_delete(s, run.id, township, &deleted, err);
	if (!rc && had)
		rc = store_payroll_section_delete(s, run.id, township, err);
	store_payroll_totals sum = { 0 }, total;
	size_t nsec = 0;
	if (!rc)
		rc = strncmp(run.program, "dibao_", 6)
			     ? payroll__build_person_lines(s, &run, township, &sum, &nsec, err)
			     : payroll__build_lines(s, &run, township, &sum, &nsec, err);
	if (!rc)
		rc = store_payroll_lines_sum(s, run.id, NULL, &total, err);
	if (!rc)
		rc = store_payroll_run_declare(s, run.id, &total, err);
	json_t *j = NULL;
	if (!rc) {
		j = json_pack("{s:s, s:o, s:o}", "township", township, "before",
			      had ? totals_json(&sec.declared) : json_null(), "after",
			      totals_json(&sum));
		rc = j ? DIB_OK : dib_err_nomem(err);
	}
	if (!rc)
		rc = payroll__record(s, &run, "rebuild", township, actor, NULL, &sum, j, err);
	json_decref(j);
	return svc__finish(s, rc, err);
}

/* ---- county steps ---- */

dib_code payroll_send_back(struct store *s, const struct authz_subject *who, const char *actor,
			   int64_t run_id, const char *township, const char *reason, dib_err *err)
{
	dib_arena a;
	dib_arena_init(&a, 16384, 0);
	const char *why = NULL;
	dib_code rc = household_check_text("退回原因", reason, 500, true, &a, &why, err);
	if (!rc)
		rc = store_begin(s, err);
	else {
		dib_arena_release(&a);
		return rc;
	}
	store_payroll_run run;
	if (!rc)
		rc = payroll__load(s, who, AUTHZ_PAYROLL_APPROVE, run_id, NULL, &a, &run, err);
	if (!rc && strcmp(run.state, PAYROLL_PREPARED))
		rc = dib_err_set(err, DIB_ECONFLICT, "该批次%s，不能退回", payroll_state_name(run.state));
	store_payroll_section sec;
	if (!rc)
		rc = section_of(s, &run, township, &a, &sec, err);
	if (!rc && strcmp(sec.state, "submitted"))
		rc = dib_err_set(err, DIB_ECONFLICT, "%s的清册尚未报送，无需退回", sec.township_name);
	sec.state = "sent_back";
	sec.reason = why;
	if (!rc)
		rc = store_payroll_section_put(s, &sec, err);
	json_t *j = rc ? NULL : json_pack("{s:s}", "township", township);
	if (!rc && !j)
		rc = dib_err_nomem(err);
	if (!rc)
		rc = payroll__record(s, &run, "send_back", township, actor, why, NULL, j, err);
	json_decref(j);
	rc = svc__finish(s, rc, err);
	dib_arena_release(&a);
	return rc;
}

dib_code payroll_approve(struct store *s, const struct authz_subject *who, const char *actor,
			 int64_t run_id, dib_err *err)
{
	dib_arena a;
	dib_arena_init(&a, 16384, 0);
	dib_code rc = store_begin(s, err);
	store_payroll_run run;
	if (!rc)
		rc = payroll__load(s, who, AUTHZ_PAYROLL_APPROVE, run_id, NULL, &a, &run, err);
	if (!rc && strcmp(run.state, PAYROLL_PREPARED))
		rc = dib_err_set(err, DIB_ECONFLICT, "该批次%s，不能审批", payroll_state_name(run.state));
	store_payroll_section *xs = NULL;
	size_t n = 0;
	if (!rc)
		rc = store_payroll_sections(s, run.id, &a, &xs, &n, err);
	store_payroll_totals sum = { 0 };
	for (size_t i = 0; !rc && i < n; i++) {
		if (strcmp(xs[i].state, "submitted"))
			rc = dib_err_set(err, DIB_ECONFLICT, "%s的清册%s，须各乡镇全部报送后才能审批",
					 xs[i].township_name, payroll_section_state_name(xs[i].state));
		/* 三人分责: the approver prepared no part of the roster */
		else if (actor && xs[i].submitted_by && !strcmp(actor, xs[i].submitted_by))
			rc = dib_err_set(err, DIB_EPERM,
					 "同一人员不能既造册报送又审批同一批次（%s的清册由您报送）",
					 xs[i].township_name);
		store_payroll_totals t;
		if (!rc)
			rc = store_payroll_lines_sum(s, run.id, xs[i].township, &t, err);
		if (!rc && !payroll__same(&t, &xs[i].declared))
			rc = dib_err_set(err, DIB_ECONFLICT, "%s的清册与报送时的控制数不符，不能审批",
					 xs[i].township_name);
		sum.households += t.households;
		sum.persons += t.persons;
		sum.total_fen += t.total_fen;
		sum.lines += t.lines;
	}
	if (!rc && actor && !strcmp(actor, run.built_by))
		rc = dib_err_set(err, DIB_EPERM, "同一人员不能既造册又审批同一批次");
	if (!rc && !payroll__same(&sum, &run.declared))
		rc = dib_err_set(err, DIB_ECONFLICT, "清册合计与批次控制数不符，不能审批");
	char now[DIB_TIME_UTC_SIZE];
	dib_time_now_utc(now, sizeof now);
	if (!rc)
		rc = store_payroll_run_step(s, run.id, run.version, PAYROLL_APPROVED, now, actor, NULL,
					    err);
	json_t *j = rc ? NULL : totals_json(&sum);
	if (!rc && !j)
		rc = dib_err_nomem(err);
	if (!rc)
		rc = payroll__record(s, &run, "approve", NULL, actor, NULL, &sum, j, err);
	json_decref(j);
	rc = svc__finish(s, rc, err);
	dib_arena_release(&a);
	return rc;
}

dib_code payroll_cancel(struct store *s, const struct authz_subject *who, const char *actor,
			int64_t run_id, const char *reason, dib_err *err)
{
	dib_arena a;
	dib_arena_init(&a, 16384, 0);
	const char *why = NULL;
	dib_code rc = household_check_text("作废原因", reason, 500, true, &a, &why, err);
	if (!rc)
		rc = store_begin(s, err);
	else {
		dib_arena_release(&a);
		return rc;
	}
	store_payroll_run run;
	if (!rc)
		rc = payroll__load(s, who, AUTHZ_PAYROLL_APPROVE, run_id, NULL, &a, &run, err);
	if (!rc && strcmp(run.state, PAYROLL_PREPARED) && strcmp(run.state, PAYROLL_APPROVED))
		rc = dib_err_set(err, DIB_ECONFLICT,
				 "该批次%s，不能作废：导出代发文件后只能以补发、重发更正",
				 payroll_state_name(run.state));
	if (!rc)
		rc = store_payroll_lines_status(s, run.id, "void", err);
	/* what its lines would have deducted is outstanding again */
	int64_t undone = 0;
	if (!rc)
		rc = store_recoveries_delete_run(s, run.id, NULL, &undone, err);
	/* a cancelled reissue gives its failed lines back to the queue */
	if (!rc)
		rc = store_payroll_unreissue_run(s, run.id, err);
	if (!rc)
		rc = store_payroll_run_step(s, run.id, run.version, PAYROLL_CANCELLED, NULL, actor,
					    why, err);
	json_t *j = rc ? NULL : json_pack("{s:s, s:I}", "state", PAYROLL_CANCELLED,
					  "deductions_removed", (json_int_t)undone);
	if (!rc && !j)
		rc = dib_err_nomem(err);
	if (!rc)
		rc = payroll__record(s, &run, "cancel", NULL, actor, why, NULL, j, err);
	json_decref(j);
	rc = svc__finish(s, rc, err);
	dib_arena_release(&a);
	return rc;
}

/* ---- reading ---- */

/* Whether who sees township's part: a county (or higher) user all of them,
 * a township user its own. */
static bool sees(const struct authz_subject *who, const char *township)
{
	if (!who)
		return true;
	region_code r;
	if (region_parse(who->region_code, strlen(who->region_code), &r, NULL))
		return false;
	if (r.level <= REGION_COUNTY)
		return true;
	return !strncmp(township, r.code, 9);
}

dib_code payroll_get(struct store *s, const struct authz_subject *who, int64_t run_id,
		     dib_arena *a, struct payroll_view *out, dib_err *err)
{
	memset(out, 0, sizeof *out);
	dib_code rc = payroll__load(s, who, AUTHZ_PAYROLL_READ, run_id, NULL, a, &out->run, err);
	store_payroll_section *xs = NULL;
	size_t n = 0;
	if (!rc)
		rc = store_payroll_sections(s, run_id, a, &xs, &n, err);
	for (size_t i = 0; !rc && i < n; i++)
		if (sees(who, xs[i].township))
			xs[out->nsections++] = xs[i];
	out->sections = xs;
	if (!rc)
		rc = store_payroll_events(s, run_id, a, &out->events, &out->nevents, err);
	bool all = !rc && out->nsections == n;
	/* a township user checks its own part; a township the roster holds
	 * nothing of has declared nothing, and must have no line */
	static const store_payroll_totals none = { 0 };
	char own[REGION_LEN + 1] = "";
	if (!all && out->nsections == 1)
		snprintf(own, sizeof own, "%.12s", out->sections[0].township);
	else if (!all && who)
		snprintf(own, sizeof own, "%.9s000", who->region_code); /* its township */
	if (!rc)
		rc = store_payroll_lines_sum(s, run_id, all ? NULL : own, &out->actual, err);
	if (!rc) {
		const store_payroll_totals *want =
			all ? &out->run.declared : out->nsections ? &out->sections[0].declared : &none;
		out->totals_ok = payroll__same(&out->actual, want);
		out->program_name = payroll__program_name(s, out->run.program, a);
		rc = payroll__template_names(out->run.file_template, a, &out->template_name,
					     &out->template_bank, err);
	}
	if (!rc) {
		dib_month m;
		if (!month_parse(out->run.first_month, 7, &m, NULL))
			pay_period_name((struct pay_period){ m, out->run.months }, out->period_name);
	}
	return rc;
}

dib_code payroll__read_county(const struct authz_subject *who, const char *given,
			      char c[REGION_COUNTY_LEN + 1], dib_err *err)
{
	region_county_of(given && given[0] ? given : who ? who->region_code : "", c);
	if (!c[0])
		return dib_err_set(err, DIB_EINVAL, "请指明县（区）");
	dib_code rc = who ? authz_check(who, AUTHZ_PAYROLL_READ, NULL, err) : DIB_OK;
	char mine[REGION_COUNTY_LEN + 1];
	county_of_who(who, mine);
	if (!rc && who && mine[0] && strcmp(mine, c))
		rc = dib_err_set(err, DIB_EPERM, "该县（区）不在您的管辖区域内");
	if (!rc && who && !mine[0]) {
		char c12[REGION_LEN + 1];
		snprintf(c12, sizeof c12, "%s000000", c);
		rc = authz_check_object(who, AUTHZ_PAYROLL_READ, c12, "该县（区）", err);
	}
	return rc;
}

dib_code payroll_list(struct store *s, const struct authz_subject *who, const char *county,
		      const char *program, dib_arena *a, store_payroll_run **out, size_t *n,
		      dib_err *err)
{
	*out = NULL;
	*n = 0;
	char c[REGION_COUNTY_LEN + 1];
	dib_code rc = payroll__read_county(who, county, c, err);
	if (!rc)
		rc = store_payroll_runs(s, c, program && program[0] ? program : NULL, a, out, n, err);
	return rc;
}

dib_code payroll_programs(struct store *s, const struct authz_subject *who, const char *county,
			  dib_date today, struct payroll_program_info *out, dib_err *err)
{
	char c[REGION_COUNTY_LEN + 1];
	dib_code rc = payroll__read_county(who, county, c, err);
	struct pay_params pp;
	if (!rc)
		rc = payroll__pay_params(s, c, today, &pp, err);
	for (int i = 0; !rc && i < PAY_PROGRAMS; i++) {
		struct payroll_program_info *x = &out[i];
		x->program = pay_program_code(i);
		x->rhythm = pp.rhythm[i];
		x->current = pay_period_of(x->rhythm, month_of(today));
		x->next = pay_period_next(x->current);
		x->current_due = pay_period_due(&pp, x->current);
		x->next_due = pay_period_due(&pp, x->next);
		x->buildable = true;
	}
	return rc;
}

dib_code payroll_failed(struct store *s, const struct authz_subject *who, const char *county,
			const char *program, dib_arena *a, store_payroll_failed **out, size_t *n,
			dib_err *err)
{
	*out = NULL;
	*n = 0;
	char c[REGION_COUNTY_LEN + 1], own[REGION_LEN + 1] = "";
	dib_code rc = payroll__read_county(who, county, c, err);
	region_code r;
	/* a township's user: its township's failures only */
	if (!rc && who && !region_parse(who->region_code, strlen(who->region_code), &r, NULL) &&
	    r.level > REGION_COUNTY)
		snprintf(own, sizeof own, "%.9s000", r.code);
	if (!rc)
		rc = store_payroll_failed_lines(s, c, program, own[0] ? own : NULL, a, out, n, err);
	return rc;
}

dib_code payroll_lines(struct store *s, const struct authz_subject *who, int64_t run_id,
		       const store_payroll_line_filter *f, dib_arena *a, store_payroll_line **out,
		       size_t *n, int64_t *total, dib_err *err)
{
	store_payroll_run run;
	dib_code rc = payroll__load(s, who, AUTHZ_PAYROLL_READ, run_id, NULL, a, &run, err);
	store_payroll_line_filter g = *f;
	char own[REGION_LEN + 1];
	if (!rc && who) {
		region_code r;
		rc = region_parse(who->region_code, strlen(who->region_code), &r, err);
		if (!rc && r.level > REGION_COUNTY) {
			/* a township user: its own township, whatever it asked */
			snprintf(own, sizeof own, "%.9s000", r.code);
			if (g.township && g.township[0] && strcmp(g.township, own))
				rc = dib_err_set(err, DIB_EPERM, "该乡镇不在您的管辖区域内");
			g.township = own;
		}
	}
	if (g.limit <= 0 || g.limit > 1000)
		g.limit = 100;
	if (!rc)
		rc = store_payroll_lines_page(s, run_id, &g, a, out, n, total, err);
	return rc;
}
