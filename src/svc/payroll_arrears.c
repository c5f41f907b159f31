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
 * What earlier recomputations of the period recorded as overpaid counts
 * as given back: a reduction later undone (the months due again) is first
 * netted against that overpayment — cancelled up to what it still has
 * outstanding (and what the county waived of it is no longer waived but
 * netted) — and only the rest, what was already recovered or more than
 * was ever overpaid, is paid as arrears. Otherwise the household would be
 * paid back and still have the overpayment deducted.
 *
 * The programs paid per person (两项补贴, 特困, 孤儿, 高龄津贴) are
 * recomputed the same way, person by person (payroll__person_due with the
 * parameters and standards in force in each month now): an arrears line
 * and an overpayment then name the person (person_id), as their regular
 * lines do.
 *
 * Thread-safety: as struct store — one connection per thread.
 */
#include "util/dib.h"
#include "util/hmap.h"
#include "util/time.h"
#include "store/store.h"
#include "svc/payroll_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define MAX_MONTHS PAYROLL__MAX_MONTHS

/* Who a line or an overpayment is of: household and person (0: the
 * household's own, 低保). The key of the maps below. */
typedef int64_t who_key[2];

struct arrears {
	struct store *s;
	const store_payroll_run *run;
	const char *actor, *now;
	bool per_person;               /* a program paid per person */
	char period[PAY_PERIOD_CODE];
	int nmonths;
	char months[MAX_MONTHS][DIB_DATE_STR];
	struct payroll__hmonths hm;    /* 低保: the standard and rules of each month */
	struct payroll__pmonths pm;    /* per person: the parameters and standards */
	struct payroll__pdue pdue;     /* the person's months */
	/* what each household's (person's) lines already counted, month by month */
	dib_hmap ix;
	int64_t (*counted)[MAX_MONTHS];
	bool *seen;
	who_key *keys;
	size_t nkeys;
	/* what earlier recomputations of the period recorded as overpaid (net
	 * of what was netted), and those a reversal may be netted against */
	dib_hmap recorded;
	store_overpayment_net *net;
	size_t nnet;
	char today[DIB_DATE_STR];
	struct payroll__hgather h;     /* the household being gathered (低保) */
	int64_t due[MAX_MONTHS];
	int64_t diff[MAX_MONTHS];      /* due − counted, month by month */
	char detail[MAX_MONTHS * 96 + 8];
	/* out */
	struct payroll__writer w;
	dib_arena *a;
	int64_t lines, over_n, over_fen, net_n, net_fen;
};

/* A new overpayment of fen (> 0) for (hid, pid). */
static dib_code overpaid(struct arrears *x, int64_t hid, int64_t pid, int64_t fen, dib_err *err)
{
	store_overpayment o = { .household_id = hid, .person_id = pid,
				.program = x->run->program, .period = x->period, .amount_fen = fen,
				.reason = "recompute", .plan = "deduct", .found_run_id = x->run->id,
				.created_at = x->now, .created_by = x->actor };
	x->over_n++;
	x->over_fen += fen;
	return store_overpayment_insert(x->s, x->run->county, &o, err);
}

/* The first x->net entry of (hid, pid), or x->nnet. */
static size_t first_net(const struct arrears *x, int64_t hid, int64_t pid)
{
	size_t lo = 0, hi = x->nnet;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const store_overpayment_net *d = &x->net[mid];
		if (d->household_id < hid || (d->household_id == hid && d->person_id < pid))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Nets up to *fen of a reversal against (hid, pid)'s recomputed
 * overpayments of the period, oldest first: what each has outstanding,
 * then what was waived of it; *fen keeps the rest, to pay. */
static dib_code net(struct arrears *x, int64_t hid, int64_t pid, int64_t *fen, dib_err *err)
{
	size_t i0 = first_net(x, hid, pid), i1 = i0;
	while (i1 < x->nnet && x->net[i1].household_id == hid && x->net[i1].person_id == pid)
		i1++;
	dib_code rc = DIB_OK;
	for (size_t i = i0; !rc && i < i1 && *fen > 0; i++) {
		store_overpayment_net *d = &x->net[i];
		int64_t c = d->outstanding_fen > 0 ? d->outstanding_fen : 0;
		if (c > *fen)
			c = *fen;
		int64_t u = d->waived_fen < *fen - c ? d->waived_fen : *fen - c;
		if (!c && !u)
			continue;
		d->outstanding_fen -= c;
		d->waived_fen -= u;
		*fen -= c + u;
		x->net_n++;
		x->net_fen += c + u;
		rc = store_overpayment_cancel(x->s, d->id, c, u, x->today, err);
	}
	return rc;
}

/* x->due of (hid, pid) against what its lines counted, month by month
 * into x->diff: the difference. */
static int64_t compare(struct arrears *x, int64_t hid, int64_t pid)
{
	who_key key = { hid, pid };
	int64_t i = -1;
	const int64_t *c = NULL;
	if (dib_hmap_get(&x->ix, (const char *)key, sizeof key, &i)) {
		c = x->counted[i];
		x->seen[i] = true;
	}
	int64_t diff = 0;
	for (int k = 0; k < x->nmonths; k++) {
		x->diff[k] = x->due[k] - (c ? c[k] : 0);
		diff += x->diff[k];
	}
	return diff;
}

/* The months that differ into x->detail, the first ones' shares lowered
 * by less (what was netted: the line pays that much less than the months
 * differ; what it pays beyond them is its first month's, as the reader of
 * a detail takes it). */
static void detail_of(struct arrears *x, int64_t less)
{
	size_t off = (size_t)snprintf(x->detail, sizeof x->detail, "[");
	for (int k = 0; k < x->nmonths; k++) {
		int64_t d = x->diff[k];
		if (d > 0 && less > 0) {
			int64_t t = d < less ? d : less;
			d -= t;
			less -= t;
		}
		if (d)
			off += (size_t)snprintf(x->detail + off, sizeof x->detail - off,
						"%s{\"month\":\"%.7s\",\"fen\":%" PRId64 ",\"due\":%" PRId64
						",\"counted\":%" PRId64 "}",
						off > 1 ? "," : "", x->months[k], d, x->due[k],
						x->due[k] - x->diff[k]);
	}
	snprintf(x->detail + off, sizeof x->detail - off, "]");
}

/* The difference diff (due − counted) of (hid, pid) settled against what
 * earlier recomputations recorded: more overpaid becomes an overpayment; a
 * reversal is netted first; *pay the rest, to pay as arrears. */
static dib_code reckon(struct arrears *x, int64_t hid, int64_t pid, int64_t diff, int64_t *pay,
		       dib_err *err)
{
	*pay = 0;
	who_key key = { hid, pid };
	int64_t had = 0;
	/* asked again, only what was not recorded before: never twice */
	if (dib_hmap_get(&x->recorded, (const char *)key, sizeof key, &had))
		diff += had;
	if (diff < 0)
		return overpaid(x, hid, pid, -diff, err);
	dib_code rc = diff > 0 && had > 0 ? net(x, hid, pid, &diff, err) : DIB_OK;
	if (!rc)
		*pay = diff;
	return rc;
}

/* The arrears line l of pay fen (its payee and account as the register
 * holds them now), its months from x->diff. */
static dib_code add_line(struct arrears *x, store_payroll_line *l, int64_t diff, int64_t pay,
			 dib_err *err)
{
	detail_of(x, diff - pay);
	l->base_fen = pay;
	l->addon_fen = 0;
	l->total_fen = pay;
	l->detail = payroll__keep(&x->w, x->detail);
	if (!l->detail)
		return dib_err_nomem(err);
	x->lines++;
	return payroll__writer_add(&x->w, l, err);
}

/* The gathered household: due against counted. */
static dib_code settle(struct arrears *x, dib_err *err)
{
	struct payroll__hgather *h = &x->h;
	if (!h->household_id)
		return DIB_OK;
	for (int k = 0; k < x->nmonths; k++)
		x->due[k] = h->ent[k] ? h->base[k] + h->addon[k] : 0;
	int64_t diff = compare(x, h->household_id, 0), pay = 0;
	int64_t hid = h->household_id;
	h->household_id = 0;
	dib_code rc = reckon(x, hid, 0, diff, &pay, err);
	return !rc && pay ? add_line(x, &h->line, diff, pay, err) : rc;
}

static dib_code on_row(void *ctx, const store_payroll_source *r, dib_err *err)
{
	struct arrears *x = ctx;
	dib_code rc = r->household_id != x->h.household_id ? settle(x, err) : DIB_OK;
	return rc ? rc : payroll__hgather_add(&x->h, &x->w, &x->hm, x->period, "arrears", r, err);
}

/* A person of a program paid per person: due against counted. */
static dib_code on_person(void *ctx, const store_payroll_person *p, dib_err *err)
{
	struct arrears *x = ctx;
	dib_code rc = payroll__person_due(&x->pm, x->run->program, p, &x->pdue, err);
	if (rc)
		return rc;
	for (int k = 0; k < x->nmonths; k++)
		x->due[k] = x->pdue.row[k] ? x->pdue.paid[k].fen : 0;
	int64_t diff = compare(x, p->household_id, p->person_id), pay = 0;
	rc = reckon(x, p->household_id, p->person_id, diff, &pay, err);
	if (rc || !pay)
		return rc;
	store_payroll_line l;
	rc = payroll__line_person(&x->w, &l, x->period, "arrears", p, x->pm.first_day, err);
	return rc ? rc : add_line(x, &l, diff, pay, err);
}

/* What the lines of period p counted, per household (person) and month. */
static dib_code load_counted(struct arrears *x, dib_err *err)
{
	store_payroll_counted *cl = NULL;
	size_t n = 0;
	dib_code rc = store_payroll_counted_lines(x->s, x->run->county, x->run->program, x->period,
						  x->a, &cl, &n, err);
	x->counted = rc ? NULL : dib_arena_calloc(x->a, (n ? n : 1) * sizeof *x->counted);
	x->seen = rc ? NULL : dib_arena_calloc(x->a, (n ? n : 1) * sizeof *x->seen);
	x->keys = rc ? NULL : dib_arena_calloc(x->a, (n ? n : 1) * sizeof *x->keys);
	if (!rc && (!x->counted || !x->seen || !x->keys))
		rc = dib_err_nomem(err);
	if (!rc && dib_hmap_reserve(&x->ix, n))
		rc = dib_err_nomem(err);
	for (size_t i = 0; !rc && i < n; i++) {
		int64_t at = (int64_t)x->nkeys;
		int64_t got = -1;
		/* the key lives in x->keys (the map borrows it) */
		x->keys[at][0] = cl[i].household_id;
		x->keys[at][1] = cl[i].person_id;
		dib_code put = dib_hmap_put(&x->ix, (const char *)x->keys[at], sizeof(who_key), at,
					    &got);
		if (put == DIB_ENOMEM) {
			rc = dib_err_nomem(err);
			break;
		}
		if (put == DIB_OK) {
			x->nkeys++;
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

/* What earlier recomputations of the period recorded as overpaid, per
 * household (person). */
static dib_code load_recorded(struct arrears *x, dib_err *err)
{
	store_payroll_counted *rec = NULL;
	size_t n = 0;
	dib_code rc = store_overpaid_recorded(x->s, x->run->county, x->run->program, x->period,
					      x->a, &rec, &n, err);
	who_key *keys = rc ? NULL : dib_arena_calloc(x->a, (n ? n : 1) * sizeof *keys);
	if (!rc && !keys)
		rc = dib_err_nomem(err);
	for (size_t i = 0; !rc && i < n; i++) {
		keys[i][0] = rec[i].household_id;
		keys[i][1] = rec[i].person_id;
		if (dib_hmap_put(&x->recorded, (const char *)keys[i], sizeof(who_key), rec[i].fen,
				 NULL) == DIB_ENOMEM)
			rc = dib_err_nomem(err);
	}
	return rc;
}

/* One period of the range into the arrears run. */
static dib_code one_period(struct arrears *x, struct pay_period p, dib_err *err)
{
	pay_period_code(p, x->period);
	x->nmonths = p.months > MAX_MONTHS ? MAX_MONTHS : p.months;
	dib_hmap_init(&x->ix);
	dib_hmap_init(&x->recorded);
	x->nkeys = 0;
	/* the period's regular roster must have gone to the bank */
	int64_t live = 0;
	dib_code rc = store_payroll_run_live(x->s, x->run->county, x->run->program, x->period,
					     &live, err);
	store_payroll_run r;
	bool found = false;
	if (!rc && live)
		rc = store_payroll_run_get(x->s, live, x->a, &r, &found, err);
	if (!rc && (!found || !strcmp(r.state, PAYROLL_PREPARED) || !strcmp(r.state, PAYROLL_APPROVED)))
		rc = dib_err_set(err, DIB_ECONFLICT,
				 "%s 的正常发放批次%s，补发只针对已发往银行的期次（未导出的批次可作废后重新造册）",
				 x->period, found ? payroll_state_name(r.state) : "不存在");
	for (int k = 0; k < x->nmonths; k++)
		date_format(month_first_day(month_add(p.first, k)), x->months[k]);
	/* what is due is computed as a roster built today would */
	if (!rc && x->per_person)
		rc = payroll__pmonths_load(x->s, x->run->county, x->run->program, p.first,
					   x->nmonths, &x->pm, err);
	else if (!rc)
		rc = payroll__hmonths_load(x->s, x->run->county, x->run->program, p.first,
					   x->nmonths, x->a, &x->hm, err);
	if (!rc)
		rc = load_counted(x, err);
	if (!rc)
		rc = load_recorded(x, err);
	if (!rc)
		rc = store_overpayments_to_net(x->s, x->run->county, x->run->program, x->period,
					       x->a, &x->net, &x->nnet, err);
	x->h.household_id = 0;
	if (!rc && x->per_person)
		rc = store_payroll_people(x->s, x->run->county, x->run->program, x->months[0],
					  x->months[x->nmonths - 1], NULL, on_person, x, err);
	else if (!rc)
		rc = store_payroll_sources(x->s, x->run->county, x->run->program, x->months[0],
					   x->months[x->nmonths - 1], NULL, on_row, x, err);
	if (!rc)
		rc = settle(x, err);
	/* counted but no longer due at all: stopped retroactively */
	for (size_t i = 0; !rc && i < x->nkeys; i++) {
		if (x->seen[i])
			continue;
		int64_t sum = 0;
		for (int k = 0; k < x->nmonths; k++)
			sum += x->counted[i][k];
		int64_t pay = 0;
		if (sum > 0)
			rc = reckon(x, x->keys[i][0], x->keys[i][1], -sum, &pay, err);
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
	if (!rc && pi < 0)
		rc = dib_err_set(err, DIB_EINVAL, "“%s”不是按期发放的救助项目",
				 req->program ? req->program : "");
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
		x->per_person = strncmp(req->program, "dibao_", 6) != 0;
		date_format(today, x->today);
		rc = payroll__writer_init(&x->w, s, &run, err);
	}
	for (struct pay_period p = from; !rc && month_cmp(p.first, to.first) <= 0;
	     p = pay_period_next(p))
		rc = one_period(x, p, err);
	if (!rc && !x->lines && !x->over_n && !x->net_n)
		rc = dib_err_set(err, DIB_ENOTFOUND, "%s 至 %s 没有需要补发或追缴的金额", req->from,
				 req->to);
	/* a household's lines repeat across periods: declared as the lines add up */
	store_payroll_totals sum = { 0 };
	size_t nsec = 0;
	if (!rc)
		rc = payroll__writer_finish(&x->w, true, &sum, &nsec, err);
	/* only overpayments (or netting): nothing to pay, the run closes at once */
	if (!rc && !x->lines)
		rc = store_payroll_run_step(s, run.id, 0, PAYROLL_RECONCILED, NULL, actor, NULL, err);
	json_t *j = rc ? NULL
		       : json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I}", "run_no",
				   no, "program", req->program, "from", req->from, "to", req->to,
				   "lines", (json_int_t)sum.lines, "total_fen",
				   (json_int_t)sum.total_fen, "overpayments", (json_int_t)x->over_n,
				   "overpaid_fen", (json_int_t)x->over_fen, "netted",
				   (json_int_t)x->net_n, "netted_fen", (json_int_t)x->net_fen);
	rc = payroll__built(s, &run, actor, &sum, j, rc, err);
	if (!rc) {
		out->run_id = run.id;
		out->declared = sum;
		out->overpayments = x->over_n;
		out->overpaid_fen = x->over_fen;
		out->netted = x->net_n;
		out->netted_fen = x->net_fen;
	}
	if (x)
		payroll__writer_release(&x->w);
	free(x);
	return rc;
}
