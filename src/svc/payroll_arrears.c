/*
 * payroll_arrears.c — arrears (补发) and overpayments (应追缴) after a
 * retroactive change (svc/payroll.h payroll_build_arrears): a standard
 * decided in October with effect from July (seed 000) makes every month
 * from July already paid due again at the new amount.
 *
 * For each period of the range — each must have had its regular roster
 * sent to the bank — every household's due is recomputed month by month
 * exactly as a roster would be built today (payroll__due_month with the
 * standard and rules in force in each month), and set against what its
 * lines of that period already counted (paid, pending at the bank, or
 * failed and not yet reissued: a reissue pays them as they were). A
 * positive difference becomes an arrears line (kind and slot "arrears": one
 * per household, program and period, never twice); a negative one an
 * overpayment to recover, with its plan: deduction from later payments.
 * The arrears run then goes through the same sections, approval, export
 * and return as any other.
 *
 * Thread-safety: as struct store — one connection per thread.
 */
#include "util/dib.h"
#include "util/hmap.h"
#include "util/time.h"
#include "core/amount.h"
#include "store/store.h"
#include "svc/case_rules.h"
#include "svc/payroll_int.h"
#include "svc/standard.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define MAX_TOWNS 256

struct arrears {
	struct store *s;
	const store_payroll_run *run;
	const char *actor, *now;
	char period[PAY_PERIOD_CODE];
	int nmonths;
	char months[12][DIB_DATE_STR];
	dib_fen standard[12];
	amount_params amount[12];
	bool have_rules[12];
	/* what each household's lines already counted, month by month */
	dib_hmap ix;
	int64_t (*counted)[12];
	bool *seen;
	int64_t *hids;
	size_t nhouseholds;
	/* what earlier recomputations of the period recorded as overpaid */
	dib_hmap recorded;
	/* the household being gathered */
	int64_t hid;
	store_payroll_line cur;
	int64_t due[12];
	/* out */
	dib_arena *a;
	const char *towns[MAX_TOWNS];
	size_t ntowns;
	int64_t lines, over_n, over_fen;
};

static int64_t *counted_of(struct arrears *x, int64_t hid)
{
	int64_t i = -1;
	return dib_hmap_get(&x->ix, (const char *)&hid, sizeof hid, &i) ? x->counted[i] : NULL;
}

static dib_code note_town(struct arrears *x, const char *t, dib_err *err)
{
	for (size_t i = 0; i < x->ntowns; i++)
		if (!strcmp(x->towns[i], t))
			return DIB_OK;
	if (x->ntowns == MAX_TOWNS)
		return dib_err_set(err, DIB_EINTERNAL, "内部错误：乡镇过多");
	x->towns[x->ntowns] = dib_arena_strdup(x->a, t);
	return x->towns[x->ntowns++] ? DIB_OK : dib_err_nomem(err);
}

static dib_code overpaid(struct arrears *x, int64_t hid, int64_t fen, dib_err *err)
{
	/* asked again, only what was not recorded before: never twice */
	int64_t had = 0;
	if (dib_hmap_get(&x->recorded, (const char *)&hid, sizeof hid, &had))
		fen -= had;
	if (fen <= 0)
		return DIB_OK;
	store_overpayment o = { .household_id = hid, .program = x->run->program,
				.period = x->period, .amount_fen = fen, .reason = "recompute",
				.plan = "deduct", .found_run_id = x->run->id, .created_at = x->now,
				.created_by = x->actor };
	x->over_n++;
	x->over_fen += fen;
	return store_overpayment_insert(x->s, x->run->county, &o, err);
}

/* The gathered household: due against counted, month by month. */
static dib_code settle(struct arrears *x, dib_err *err)
{
	if (!x->hid)
		return DIB_OK;
	int64_t *c = counted_of(x, x->hid);
	if (c) {
		int64_t i = -1;
		(void)dib_hmap_get(&x->ix, (const char *)&x->hid, sizeof x->hid, &i);
		x->seen[i] = true;
	}
	int64_t diff = 0;
	char detail[12 * 96 + 8];
	size_t off = (size_t)snprintf(detail, sizeof detail, "[");
	for (int k = 0; k < x->nmonths; k++) {
		int64_t d = x->due[k] - (c ? c[k] : 0);
		diff += d;
		if (d)
			off += (size_t)snprintf(detail + off, sizeof detail - off,
						"%s{\"month\":\"%.7s\",\"fen\":%" PRId64 ",\"due\":%" PRId64
						",\"counted\":%" PRId64 "}",
						off > 1 ? "," : "", x->months[k], d, x->due[k],
						c ? c[k] : 0);
	}
	snprintf(detail + off, sizeof detail - off, "]");
	int64_t hid = x->hid;
	x->hid = 0;
	if (diff < 0)
		return overpaid(x, hid, -diff, err);
	if (diff == 0)
		return DIB_OK;
	/* the payee and account as the register holds them now */
	store_payroll_line l = x->cur;
	l.base_fen = diff;
	l.addon_fen = 0;
	l.total_fen = diff;
	l.detail = detail;
	dib_code rc = store_payroll_lines_insert(x->s, x->run->county, &l, 1, err);
	if (!rc)
		rc = note_town(x, l.township, err);
	x->lines++;
	return rc;
}

static const char *keep(struct arrears *x, const char *s)
{
	return s ? dib_arena_strdup(x->a, s) : NULL;
}

static dib_code on_row(void *ctx, const store_payroll_source *r, dib_err *err)
{
	struct arrears *x = ctx;
	if (r->household_id != x->hid) {
		dib_code rc = settle(x, err);
		if (rc)
			return rc;
		memset(x->due, 0, sizeof x->due);
		store_payroll_line *l = &x->cur;
		memset(l, 0, sizeof *l);
		x->hid = r->household_id;
		l->run_id = x->run->id;
		l->program = x->run->program;
		l->period = x->period;
		l->kind = "arrears";
		l->slot = "arrears";
		l->household_id = r->household_id;
		snprintf(l->township, sizeof l->township, "%s", r->township);
		snprintf(l->village, sizeof l->village, "%s", r->village);
		l->village_name = keep(x, r->village_name);
		l->hh_no = keep(x, r->hh_no);
		l->payee_name = keep(x, r->head_name ? r->head_name : "");
		l->payee_id_number = keep(x, r->head_id_number ? r->head_id_number : "");
		l->bank_name = keep(x, r->bank_name);
		l->bank_account = keep(x, r->bank_account);
		l->account_name = keep(x, r->account_name);
		l->status = "pending";
		l->persons = r->persons;
		if (!l->hh_no || !l->payee_name || !l->payee_id_number || !l->village_name)
			return dib_err_nomem(err);
	}
	if (r->persons > x->cur.persons)
		x->cur.persons = r->persons;
	store_payroll_basis b = { .amount_fen = r->amount_fen, .base_fen = r->base_fen,
				  .addon_fen = r->addon_fen, .income_fen = r->income_fen,
				  .persons = r->persons };
	for (int k = 0; k < x->nmonths; k++) {
		const char *m = x->months[k];
		if (strcmp(r->from_month, m) > 0 || (r->to_month[0] && strcmp(r->to_month, m) < 0))
			continue;
		dib_fen base = 0, addon = 0;
		payroll__due_month(x->have_rules[k] ? &x->amount[k] : NULL, x->standard[k], &b, &base,
				   &addon);
		x->due[k] = base + addon; /* a later row of a split entitlement wins */
	}
	return DIB_OK;
}

/* What the lines of period p counted, per household and month. */
static dib_code load_counted(struct arrears *x, dib_err *err)
{
	store_payroll_counted *cl = NULL;
	size_t n = 0;
	dib_code rc = store_payroll_counted_lines(x->s, x->run->county, x->run->program, x->period,
						  x->a, &cl, &n, err);
	x->counted = rc ? NULL : dib_arena_calloc(x->a, (n ? n : 1) * sizeof *x->counted);
	x->seen = rc ? NULL : dib_arena_calloc(x->a, (n ? n : 1) * sizeof *x->seen);
	x->hids = rc ? NULL : dib_arena_calloc(x->a, (n ? n : 1) * sizeof *x->hids);
	if (!rc && (!x->counted || !x->seen || !x->hids))
		rc = dib_err_nomem(err);
	if (!rc && dib_hmap_reserve(&x->ix, n))
		rc = dib_err_nomem(err);
	for (size_t i = 0; !rc && i < n; i++) {
		int64_t at = (int64_t)x->nhouseholds;
		int64_t got = -1;
		dib_code put = dib_hmap_put(&x->ix, (const char *)&cl[i].household_id,
					    sizeof cl[i].household_id, at, &got);
		if (put == DIB_ENOMEM) {
			rc = dib_err_nomem(err);
			break;
		}
		if (put == DIB_OK) {
			x->hids[x->nhouseholds++] = cl[i].household_id;
			got = at;
		}
		int64_t *c = x->counted[got];
		json_t *j = cl[i].detail ? json_loads(cl[i].detail, 0, NULL) : NULL;
		size_t idx;
		json_t *it;
		int64_t put_fen = 0;
		json_array_foreach(j, idx, it) {
			const char *ms = json_string_value(json_object_get(it, "month"));
			for (int k = 0; ms && k < x->nmonths; k++)
				if (!strncmp(ms, x->months[k], 7)) {
					int64_t f = json_integer_value(json_object_get(it, "fen"));
					c[k] += f;
					put_fen += f;
				}
		}
		json_decref(j);
		/* a line whose detail does not say its months: its first month */
		if (put_fen != cl[i].fen)
			c[0] += cl[i].fen - put_fen;
	}
	return rc;
}

/* One period of the range into the arrears run. */
static dib_code one_period(struct arrears *x, struct pay_period p, dib_err *err)
{
	pay_period_code(p, x->period);
	x->nmonths = p.months;
	dib_hmap_init(&x->ix);
	dib_hmap_init(&x->recorded);
	x->nhouseholds = 0;
	dib_code rc = DIB_OK;
	/* the period's regular roster must have gone to the bank */
	int64_t live = 0;
	rc = store_payroll_run_live(x->s, x->run->county, x->run->program, x->period, &live, err);
	store_payroll_run r;
	bool found = false;
	if (!rc && live)
		rc = store_payroll_run_get(x->s, live, x->a, &r, &found, err);
	if (!rc && (!found || !strcmp(r.state, PAYROLL_PREPARED) || !strcmp(r.state, PAYROLL_APPROVED)))
		rc = dib_err_set(err, DIB_ECONFLICT,
				 "%s 的正常发放批次%s，补发只针对已发往银行的期次（未导出的批次可作废后重新造册）",
				 x->period, found ? payroll_state_name(r.state) : "不存在");
	for (int k = 0; !rc && k < x->nmonths; k++) {
		dib_date d = month_first_day(month_add(p.first, k));
		date_format(d, x->months[k]);
		struct case_rules cr;
		rc = case_rules_load(x->s, x->run->county, d, x->a, &cr, err);
		if (!rc) {
			x->amount[k] = cr.amount;
			x->have_rules[k] = true;
			rc = standard_monthly(x->s, x->run->county, x->run->program, d, &x->standard[k],
					      err);
		}
		if (rc == DIB_ENOTFOUND) {
			dib_err_clear(err);
			x->standard[k] = 0;
			rc = DIB_OK;
		}
	}
	if (!rc)
		rc = load_counted(x, err);
	store_payroll_counted *rec = NULL;
	size_t nrec = 0;
	if (!rc)
		rc = store_overpaid_recorded(x->s, x->run->county, x->run->program, x->period, x->a,
					     &rec, &nrec, err);
	for (size_t i = 0; !rc && i < nrec; i++)
		if (dib_hmap_put(&x->recorded, (const char *)&rec[i].household_id,
				 sizeof rec[i].household_id, rec[i].fen, NULL) == DIB_ENOMEM)
			rc = dib_err_nomem(err);
	x->hid = 0;
	if (!rc)
		rc = store_payroll_sources(x->s, x->run->county, x->run->program, x->months[0],
					   x->months[x->nmonths - 1], NULL, on_row, x, err);
	if (!rc)
		rc = settle(x, err);
	/* counted but no longer due at all: stopped retroactively */
	for (size_t i = 0; !rc && i < x->nhouseholds; i++) {
		if (x->seen[i])
			continue;
		int64_t sum = 0;
		for (int k = 0; k < x->nmonths; k++)
			sum += x->counted[i][k];
		if (sum > 0)
			rc = overpaid(x, x->hids[i], sum, err);
	}
	dib_hmap_release(&x->ix);
	dib_hmap_release(&x->recorded);
	return rc;
}

dib_code payroll_build_arrears(struct store *s, const struct authz_subject *who,
			       const char *actor, const struct payroll_arrears_req *req,
			       dib_date today, dib_arena *a, struct payroll_arrears_result *out,
			       dib_err *err)
{
	memset(out, 0, sizeof *out);
	char county[REGION_COUNTY_LEN + 1];
	dib_code rc = payroll__prepare_county(who, req->county, county, err);
	int pi = pay_program_index(req->program);
	if (!rc && (pi < 0 || strncmp(req->program, "dibao_", 6)))
		rc = dib_err_set(err, DIB_EINVAL, "补发目前只按城乡低保的标准重新计算");
	struct pay_params pp;
	if (!rc)
		rc = payroll__pay_params(s, county, today, &pp, err);
	struct pay_period from, to;
	if (!rc)
		rc = pay_period_parse(pp.rhythm[pi], req->from, &from, err);
	if (!rc)
		rc = pay_period_parse(pp.rhythm[pi], req->to, &to, err);
	if (!rc && month_cmp(from.first, to.first) > 0)
		rc = dib_err_set(err, DIB_EINVAL, "起始期次 %s 晚于截止期次 %s", req->from, req->to);
	if (!rc && month_cmp(to.first, month_of(today)) > 0)
		rc = dib_err_set(err, DIB_EINVAL, "补发的期次 %s 尚未到来", req->to);
	if (!rc && month_diff(from.first, to.first) >= 36)
		rc = dib_err_set(err, DIB_EINVAL, "一次补发最多 36 个月");
	if (!rc)
		rc = store_begin(s, err);
	if (rc)
		return rc;
	char basis[160], code[PAY_PERIOD_CODE], no[64], now[DIB_TIME_UTC_SIZE];
	snprintf(basis, sizeof basis, "{\"rhythm\":\"arrears\",\"from\":\"%s\",\"to\":\"%s\"}",
		 req->from, req->to);
	store_payroll_run run;
	rc = payroll__new_run(s, county, req->program, "arrears",
			      pay_period_of(PAY_MONTHLY, month_of(today)), &pp, basis, actor, &today,
			      &run, code, no, now, err);
	struct arrears *x = rc ? NULL : calloc(1, sizeof *x);
	if (!rc && !x)
		rc = dib_err_nomem(err);
	if (!rc) {
		x->s = s;
		x->run = &run;
		x->actor = actor;
		x->now = now;
		x->a = a;
	}
	for (struct pay_period p = from; !rc && month_cmp(p.first, to.first) <= 0;
	     p = pay_period_next(p))
		rc = one_period(x, p, err);
	if (!rc && !x->lines && !x->over_n)
		rc = dib_err_set(err, DIB_ENOTFOUND, "%s 至 %s 没有需要补发或追缴的金额", req->from,
				 req->to);
	store_payroll_totals sum = { 0 };
	for (size_t i = 0; !rc && i < x->ntowns; i++) {
		store_payroll_section sec = { .run_id = run.id, .state = "built" };
		snprintf(sec.township, sizeof sec.township, "%s", x->towns[i]);
		rc = store_payroll_lines_sum(s, run.id, x->towns[i], &sec.declared, err);
		if (!rc)
			rc = store_payroll_section_put(s, &sec, err);
	}
	if (!rc)
		rc = store_payroll_lines_sum(s, run.id, NULL, &sum, err);
	if (!rc)
		rc = store_payroll_run_declare(s, run.id, &sum, err);
	/* only overpayments: nothing to pay, the run closes at once */
	if (!rc && !x->lines)
		rc = store_payroll_run_step(s, run.id, 0, PAYROLL_RECONCILED, NULL, actor, NULL, err);
	json_t *j = rc ? NULL
		       : json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I}", "run_no", no,
				   "program", req->program, "from", req->from, "to", req->to,
				   "lines", (json_int_t)sum.lines, "total_fen",
				   (json_int_t)sum.total_fen, "overpayments", (json_int_t)x->over_n,
				   "overpaid_fen", (json_int_t)x->over_fen);
	if (!rc && !j)
		rc = dib_err_nomem(err);
	if (!rc)
		rc = payroll__record(s, &run, "build", NULL, actor, NULL, &sum, j, err);
	json_decref(j);
	if (!rc)
		rc = store_commit(s, err);
	if (rc)
		store_rollback(s);
	if (!rc) {
		out->run_id = run.id;
		out->declared = sum;
		out->overpayments = x->over_n;
		out->overpaid_fen = x->over_fen;
	}
	free(x);
	return rc;
}
