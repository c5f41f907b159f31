/*
 * payroll_overpayment.c — overpayments (应追缴) as the county handles them
 * (svc/payroll.h, "overpayments and their recovery"): recording one found
 * by hand (a finding of fraud, a recomputation outside an arrears run),
 * changing its plan, recording a repayment with its receipt, waiving what
 * cannot be recovered (核销), and reading them. What rosters deduct is payroll_recover.c's.
 *
 * Each write is one transaction with one audit record (entity
 * "overpayment"); the overpayment's row is locked before its sums are read,
 * so two repayments recorded at once cannot both fit under what is
 * outstanding.
 *
 * Thread-safety: as struct store — one connection per thread.
 */
#include "util/dib.h"
#include "util/time.h"
#include "core/money.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_household.h"
#include "svc/household.h"
#include "svc/payroll_int.h"
#include "svc/svc_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static const struct payroll__name names[] = {
	{ "fraud", "骗取套取" },   { "recompute", "调标重算" }, { "other", "其他" },
	{ "deduct", "从后续发放中扣减" }, { "repay", "责令退还" },
};

static const char *name_of(const char *code)
{
	return payroll__name_of(names, DIB_ARRAY_LEN(names), code);
}

const char *payroll_overpayment_reason_name(const char *reason)
{
	return name_of(reason);
}

const char *payroll_overpayment_plan_name(const char *plan)
{
	return name_of(plan);
}

static bool is_plan(const char *p)
{
	return p && (!strcmp(p, "deduct") || !strcmp(p, "repay"));
}

/* The audit record of a write on overpayment row (after: its JSON, borrowed). */
static dib_code audit(struct store *s, const char *county, const char *actor, const char *action,
		      int64_t id, json_t *after, const char *reason, dib_err *err)
{
	char eid[24];
	snprintf(eid, sizeof eid, "%" PRId64, id);
	char *x = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	if (after && !x)
		return dib_err_nomem(err);
	store_audit_entry ae = { .county = county, .actor = actor, .action = action,
				 .entity = "overpayment", .entity_id = eid, .after_json = x,
				 .reason = reason };
	dib_code rc = store_audit_append(s, &ae, NULL, err);
	free(x);
	return rc;
}

/* The period code p of program in county as the county's rhythm writes it,
 * not after today's month. */
static dib_code check_period(struct store *s, const char *county, const char *program,
			     const char *p, dib_date today, dib_err *err)
{
	int pi = pay_program_index(program);
	if (pi < 0)
		return dib_err_set(err, DIB_EINVAL, "“%s”不是按期发放的救助项目", program ? program : "");
	struct pay_params pp;
	dib_code rc = payroll__pay_params(s, county, today, &pp, err);
	struct pay_period pd;
	if (!rc)
		rc = pay_period_parse(pp.rhythm[pi], p ? p : "", &pd, err);
	if (!rc && month_cmp(pd.first, month_of(today)) > 0)
		rc = dib_err_set(err, DIB_EINVAL, "多发的期次 %s 尚未到来", p);
	return rc;
}

dib_code payroll_overpayment_add(struct store *s, const struct authz_subject *who,
				 const char *actor, const struct payroll_overpayment_req *req,
				 dib_date today, int64_t *id, dib_err *err)
{
	*id = 0;
	dib_arena a;
	dib_arena_init(&a, 16384, 0);
	dib_code rc = who ? DIB_OK : dib_err_set(err, DIB_EPERM, "登记应追缴须以具体人员的身份进行");
	store_household h;
	if (!rc)
		rc = store_household_get(s, req->household_id, &a, &h, err);
	if (rc == DIB_ENOTFOUND) {
		dib_err_clear(err);
		rc = dib_err_set(err, DIB_ENOTFOUND, "家庭 %" PRId64 " 不存在", req->household_id);
	}
	if (!rc)
		rc = authz_check_object(who, AUTHZ_PAYROLL_APPROVE, h.village_code, "该家庭", err);
	if (!rc)
		rc = check_period(s, h.county, req->program, req->period, today, err);
	bool per_person = !rc && strncmp(req->program, "dibao_", 6);
	if (!rc && per_person && req->person_id <= 0)
		rc = dib_err_set(err, DIB_EINVAL, "该项目按人发放，请指明多领的人员");
	if (!rc && !per_person && req->person_id)
		rc = dib_err_set(err, DIB_EINVAL, "低保按户发放，应追缴记在家庭名下，不指明人员");
	bool member = true;
	if (!rc && per_person)
		rc = store_overpayment_member(s, req->household_id, req->person_id, &member, err);
	if (!rc && !member)
		rc = dib_err_set(err, DIB_EINVAL, "人员 %" PRId64 " 不是该家庭的成员", req->person_id);
	if (!rc && (req->amount_fen <= 0 || req->amount_fen > PAYROLL_AMOUNT_MAX_FEN))
		rc = dib_err_set(err, DIB_EINVAL, "应追缴金额须大于 0 元且不超过 10 亿元");
	const char *reason = req->reason ? req->reason : "";
	if (!rc && strcmp(reason, "fraud") && strcmp(reason, "recompute") && strcmp(reason, "other"))
		rc = dib_err_set(err, DIB_EINVAL, "追缴原因“%s”不正确：fraud（骗取套取）、recompute（调标重算）或 other（其他）",
				 reason);
	if (!rc && !is_plan(req->plan))
		rc = dib_err_set(err, DIB_EINVAL, "追缴方式“%s”不正确：deduct（从后续发放中扣减）或 repay（责令退还）",
				 req->plan ? req->plan : "");
	const char *note = NULL;
	if (!rc)
		rc = household_check_text("追缴事由", req->note, 500, true, &a, &note, err);
	if (!rc)
		rc = store_begin(s, err);
	if (rc) {
		dib_arena_release(&a);
		return rc;
	}
	char now[DIB_TIME_UTC_SIZE];
	dib_time_now_utc(now, sizeof now);
	store_overpayment o = { .household_id = req->household_id,
				.person_id = per_person ? req->person_id : 0, .program = req->program,
				.period = req->period, .amount_fen = req->amount_fen, .reason = reason,
				.note = note, .plan = req->plan, .created_at = now, .created_by = actor };
	rc = store_overpayment_insert(s, h.county, &o, err);
	json_t *j = rc ? NULL
		       : json_pack("{s:I, s:I, s:s, s:s, s:I, s:s, s:s, s:s}", "household_id",
				   (json_int_t)o.household_id, "person_id", (json_int_t)o.person_id,
				   "program", o.program, "period", o.period, "amount_fen",
				   (json_int_t)o.amount_fen, "reason", reason, "plan", o.plan, "note",
				   note);
	if (!rc && !j)
		rc = dib_err_nomem(err);
	if (!rc)
		rc = audit(s, h.county, actor, "payroll.overpayment_add", o.id, j, note, err);
	json_decref(j);
	rc = svc__finish(s, rc, err);
	if (!rc)
		*id = o.id;
	dib_arena_release(&a);
	return rc;
}

/* Loads overpayment id, locked, for a write that needs action a on its
 * household. Inside the transaction. */
static dib_code load_locked(struct store *s, const struct authz_subject *who, enum authz_action a,
			    int64_t id, dib_arena *ar, store_overpayment_row *out, dib_err *err)
{
	dib_code rc = who ? DIB_OK : dib_err_set(err, DIB_EPERM, "须以具体人员的身份办理");
	if (!rc)
		rc = store_overpayment_lock(s, id, err);
	bool found = false;
	if (!rc)
		rc = store_overpayment_get(s, id, ar, out, &found, err);
	if (!rc && !found)
		rc = dib_err_set(err, DIB_ENOTFOUND, "应追缴记录 %" PRId64 " 不存在", id);
	if (!rc)
		rc = authz_check_object(who, a, out->village, "该家庭", err);
	if (!rc && out->o.closed_on[0])
		rc = dib_err_set(err, DIB_ECONFLICT, "应追缴记录 %" PRId64 " 已于 %s 结清", id,
				 out->o.closed_on);
	return rc;
}

dib_code payroll_overpayment_plan(struct store *s, const struct authz_subject *who,
				  const char *actor, int64_t id, const char *plan, dib_err *err)
{
	if (!is_plan(plan))
		return dib_err_set(err, DIB_EINVAL, "追缴方式“%s”不正确：deduct（从后续发放中扣减）或 repay（责令退还）",
				   plan ? plan : "");
	dib_arena a;
	dib_arena_init(&a, 16384, 0);
	dib_code rc = store_begin(s, err);
	if (rc) {
		dib_arena_release(&a);
		return rc;
	}
	store_overpayment_row row;
	rc = load_locked(s, who, AUTHZ_PAYROLL_APPROVE, id, &a, &row, err);
	if (!rc && !strcmp(row.o.plan, plan))
		rc = dib_err_set(err, DIB_ECONFLICT, "应追缴记录 %" PRId64 " 的追缴方式已是“%s”", id,
				 name_of(plan));
	int64_t changed = 0;
	if (!rc)
		rc = store_overpayment_set_plan(s, id, plan, &changed, err);
	json_t *j = rc ? NULL : json_pack("{s:s, s:s}", "before", row.o.plan, "plan", plan);
	if (!rc && !j)
		rc = dib_err_nomem(err);
	char county[REGION_COUNTY_LEN + 1];
	region_county_of(row.village, county);
	if (!rc)
		rc = audit(s, county, actor, "payroll.overpayment_plan", id, j, NULL, err);
	json_decref(j);
	rc = svc__finish(s, rc, err);
	dib_arena_release(&a);
	return rc;
}

dib_code payroll_repay(struct store *s, const struct authz_subject *who, const char *actor,
		       const struct payroll_repay_req *req, dib_date today, dib_arena *a,
		       struct payroll_repay_result *out, dib_err *err)
{
	memset(out, 0, sizeof *out);
	const char *receipt = NULL;
	dib_code rc = household_check_text("收据号", req->receipt_no, 64, true, a, &receipt, err);
	if (!rc && (req->amount_fen <= 0 || req->amount_fen > PAYROLL_AMOUNT_MAX_FEN))
		rc = dib_err_set(err, DIB_EINVAL, "退款金额须大于 0 元");
	dib_date day = today;
	if (!rc && req->paid_on && req->paid_on[0])
		rc = date_parse(req->paid_on, strlen(req->paid_on), &day, err);
	if (!rc && date_cmp(day, today) > 0)
		rc = dib_err_set(err, DIB_EINVAL, "收据日期 %s 晚于今天", req->paid_on);
	if (!rc)
		rc = store_begin(s, err);
	if (rc)
		return rc;
	store_overpayment_row row;
	rc = load_locked(s, who, AUTHZ_PAYROLL_PAY, req->overpayment_id, a, &row, err);
	if (!rc && req->amount_fen > row.outstanding_fen) {
		char x[MONEY_STR], o[MONEY_STR], r[MONEY_STR], p[MONEY_STR], q[MONEY_STR];
		rc = dib_err_set(err, DIB_ECONFLICT,
				 "退款 %s 元超过尚未追回的 %s 元（应追缴 %s 元，已追回 %s 元，"
				 "在途扣减 %s 元），未登记",
				 money_format(req->amount_fen, x), money_format(row.outstanding_fen, o),
				 money_format(row.o.amount_fen, r), money_format(row.recovered_fen, p),
				 money_format(row.pending_fen, q));
	}
	char now[DIB_TIME_UTC_SIZE], on[DIB_DATE_STR], d[DIB_DATE_STR];
	dib_time_now_utc(now, sizeof now);
	date_format(today, on);
	store_recovery rec = { .overpayment_id = req->overpayment_id, .kind = "repayment",
			       .amount_fen = req->amount_fen, .receipt_no = receipt, .at = now,
			       .actor = actor };
	date_format(day, d);
	snprintf(rec.paid_on, sizeof rec.paid_on, "%s", d);
	char county[REGION_COUNTY_LEN + 1];
	region_county_of(row.village, county);
	if (!rc)
		rc = store_recoveries_insert(s, county, &rec, 1, err);
	int64_t closed = 0;
	if (!rc)
		rc = store_overpayments_close_recovered(s, 0, req->overpayment_id, on, &closed, err);
	bool found = false;
	if (!rc)
		rc = store_overpayment_get(s, req->overpayment_id, a, &out->after, &found, err);
	json_t *j = rc ? NULL
		       : json_pack("{s:I, s:I, s:s, s:s, s:I, s:I, s:b}", "recovery_id",
				   (json_int_t)rec.id, "amount_fen", (json_int_t)rec.amount_fen,
				   "receipt_no", receipt, "paid_on", d, "recovered_fen",
				   (json_int_t)out->after.recovered_fen, "outstanding_fen",
				   (json_int_t)out->after.outstanding_fen, "closed", closed > 0);
	if (!rc && !j)
		rc = dib_err_nomem(err);
	if (!rc)
		rc = audit(s, county, actor, "payroll.repay", req->overpayment_id, j, NULL, err);
	json_decref(j);
	rc = svc__finish(s, rc, err);
	if (!rc) {
		out->recovery_id = rec.id;
		out->closed = closed > 0;
	}
	return rc;
}

dib_code payroll_overpayment_waive(struct store *s, const struct authz_subject *who,
				   const char *actor, const struct payroll_waive_req *req,
				   dib_date today, dib_arena *a, store_overpayment_row *after,
				   dib_err *err)
{
	memset(after, 0, sizeof *after);
	const char *reason = NULL, *doc = NULL;
	dib_code rc = household_check_text("核销理由", req->reason, 500, true, a, &reason, err);
	if (!rc)
		rc = household_check_text("核销文号", req->doc_no, 64, true, a, &doc, err);
	if (!rc)
		rc = store_begin(s, err);
	if (rc)
		return rc;
	store_overpayment_row row;
	rc = load_locked(s, who, AUTHZ_PAYROLL_APPROVE, req->overpayment_id, a, &row, err);
	/* who found the debt does not forgive it */
	if (!rc && actor && row.o.created_by && !strcmp(actor, row.o.created_by))
		rc = dib_err_set(err, DIB_EPERM,
				 "应追缴记录 %" PRId64 " 由您登记，核销须由其他审批人员决定",
				 req->overpayment_id);
	char x[MONEY_STR];
	if (!rc && row.pending_fen > 0)
		rc = dib_err_set(err, DIB_ECONFLICT,
				 "应追缴记录 %" PRId64 " 尚有在途扣减 %s 元，待银行回盘后再核销",
				 req->overpayment_id, money_format(row.pending_fen, x));
	if (!rc && row.outstanding_fen <= 0)
		rc = dib_err_set(err, DIB_ECONFLICT, "应追缴记录 %" PRId64 " 已没有尚欠的金额",
				 req->overpayment_id);
	char on[DIB_DATE_STR];
	date_format(today, on);
	int64_t fen = rc ? 0 : row.outstanding_fen;
	if (!rc)
		rc = store_overpayment_waive(s, req->overpayment_id, fen, reason, doc, on, err);
	bool found = false;
	if (!rc)
		rc = store_overpayment_get(s, req->overpayment_id, a, after, &found, err);
	json_t *j = rc ? NULL
		       : json_pack("{s:I, s:I, s:I, s:s, s:s, s:s}", "waived_fen", (json_int_t)fen,
				   "amount_fen", (json_int_t)row.o.amount_fen, "recovered_fen",
				   (json_int_t)row.recovered_fen, "doc_no", doc, "closed_on", on,
				   "closed_reason", "waived");
	if (!rc && !j)
		rc = dib_err_nomem(err);
	char county[REGION_COUNTY_LEN + 1];
	if (!rc)
		region_county_of(row.village, county);
	if (!rc)
		rc = audit(s, county, actor, "payroll.overpayment_waive", req->overpayment_id, j,
			   reason, err);
	json_decref(j);
	return svc__finish(s, rc, err);
}

/* ---- reading ---- */

dib_code payroll_overpayments(struct store *s, const struct authz_subject *who,
			      const struct payroll_overpayment_filter *f, dib_arena *a,
			      store_overpayment_row **out, size_t *n, int64_t *total,
			      dib_err *err)
{
	*out = NULL;
	*n = 0;
	*total = 0;
	char c[REGION_COUNTY_LEN + 1];
	dib_code rc = payroll__read_county(who, f->county, c, err);
	/* a user below the county: the households of his region */
	char prefix[REGION_LEN + 1] = "";
	region_code r;
	static const int len[] = { [REGION_TOWNSHIP] = 9, [REGION_VILLAGE] = 12 };
	if (!rc && who && !region_parse(who->region_code, strlen(who->region_code), &r, NULL) &&
	    r.level > REGION_COUNTY)
		snprintf(prefix, sizeof prefix, "%.*s", len[r.level], r.code);
	if (!rc && f->household_id) {
		store_household h;
		rc = store_household_get(s, f->household_id, a, &h, err);
		if (rc == DIB_ENOTFOUND) {
			dib_err_clear(err);
			rc = dib_err_set(err, DIB_ENOTFOUND, "家庭 %" PRId64 " 不存在", f->household_id);
		}
		if (!rc && who)
			rc = authz_check_object(who, AUTHZ_PAYROLL_READ, h.village_code, "该家庭", err);
		if (!rc && strcmp(h.county, c))
			rc = dib_err_set(err, DIB_EINVAL, "该家庭不在 %s", c);
	}
	store_overpayment_filter sf = { .county = c, .household_id = f->household_id,
					.region = prefix, .open_only = f->open_only,
					.limit = f->limit > 0 && f->limit <= 1000 ? f->limit : 100,
					.offset = f->offset > 0 ? f->offset : 0 };
	if (!rc)
		rc = store_overpayments_list(s, &sf, a, out, n, total, err);
	return rc;
}

dib_code payroll_overpayment_get(struct store *s, const struct authz_subject *who, int64_t id,
				 dib_arena *a, struct payroll_overpayment_view *out, dib_err *err)
{
	memset(out, 0, sizeof *out);
	bool found = false;
	dib_code rc = store_overpayment_get(s, id, a, &out->row, &found, err);
	if (!rc && !found)
		rc = dib_err_set(err, DIB_ENOTFOUND, "应追缴记录 %" PRId64 " 不存在", id);
	if (!rc && who)
		rc = authz_check_object(who, AUTHZ_PAYROLL_READ, out->row.village, "该应追缴记录", err);
	store_recovery_filter f = { .overpayment_id = id };
	if (!rc)
		rc = store_recoveries(s, &f, a, &out->recoveries, &out->nrecoveries, err);
	if (!rc)
		out->program_name = payroll__program_name(s, out->row.o.program, a);
	return rc;
}
