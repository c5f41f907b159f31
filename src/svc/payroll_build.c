/*
 * payroll_build.c — building a roster (造册, svc/payroll.h): the walk over
 * the entitlements in force in the period, one frozen line per household
 * with the month-by-month amounts behind it, the township sections and the
 * declared control totals — all in the caller's one transaction.
 *
 * The standard in force in each month (payroll__hmonths, shared with the
 * arrears of payroll_arrears.c) decides what a month pays; the lines go
 * through the roster writer (payroll_lines.c: batches in bounded memory,
 * deductions, sections, totals). Also the run itself (its number and
 * basis) and the reissue run.
 *
 * Thread-safety: as struct store — one connection per thread.
 */
#include "util/dib.h"
#include "util/time.h"
#include "core/amount.h"
#include "core/money.h"
#include "store/store.h"
#include "svc/payroll_int.h"
#include "svc/case_rules.h"
#include "svc/standard.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* The household being gathered: its rows for the period, month by month. */
struct gather {
	const store_payroll_run *run;
	struct payroll__hmonths hm;
	dib_arena rules_arena;
	struct payroll__hgather h;
	struct payroll__writer w;
};

dib_code payroll__hmonths_load(struct store *s, const char *county, const char *program,
			       dib_month first, int n, dib_arena *a, struct payroll__hmonths *out,
			       dib_err *err)
{
	memset(out, 0, sizeof *out);
	out->n = n > PAYROLL__MAX_MONTHS ? PAYROLL__MAX_MONTHS : n;
	dib_code rc = DIB_OK;
	for (int k = 0; !rc && k < out->n; k++) {
		dib_date d = month_first_day(month_add(first, k));
		date_format(d, out->months[k]);
		struct case_rules cr;
		rc = case_rules_load(s, county, d, a, &cr, err);
		if (!rc) {
			out->amount[k] = cr.amount;
			out->have_rules[k] = true;
			rc = standard_monthly(s, county, program, d, &out->standard[k], err);
		}
		if (rc == DIB_ENOTFOUND) { /* no standard: the decided amounts */
			dib_err_clear(err);
			out->standard[k] = 0;
			rc = DIB_OK;
		}
	}
	return rc;
}

dib_code payroll__hgather_add(struct payroll__hgather *h, struct payroll__writer *w,
			      const struct payroll__hmonths *hm, const char *period,
			      const char *slot, const store_payroll_source *r, dib_err *err)
{
	if (r->household_id != h->household_id) {
		dib_code rc = payroll__line_household(w, &h->line, period, slot, r, err);
		if (rc)
			return rc;
		memset(h->base, 0, sizeof h->base);
		memset(h->addon, 0, sizeof h->addon);
		memset(h->ent, 0, sizeof h->ent);
		h->household_id = r->household_id;
	}
	if (r->persons > h->line.persons)
		h->line.persons = r->persons;
	/* a decision with its income follows the month's standard (gap method) */
	store_payroll_basis b = { .amount_fen = r->amount_fen, .base_fen = r->base_fen,
				  .addon_fen = r->addon_fen, .income_fen = r->income_fen,
				  .persons = r->persons };
	for (int k = 0; k < hm->n; k++) {
		const char *m = hm->months[k];
		if (strcmp(r->from_month, m) > 0 || (r->to_month[0] && strcmp(r->to_month, m) < 0))
			continue;
		h->ent[k] = r->entitlement_id;
		payroll__due_month(hm->have_rules[k] ? &hm->amount[k] : NULL, hm->standard[k], &b,
				   &h->base[k], &h->addon[k]);
	}
	return DIB_OK;
}

/* The gathered household as a line: its months summed, the months and the
 * entitlements behind each in detail — or, for a one-month period, the
 * month's entitlement alone (the store reads the same detail back from it,
 * store_payroll_line.detail: a million-line roster writes some 50 MB less).
 * A household with nothing due in the period (every row outside it) gives
 * no line. */
static dib_code emit(struct gather *g, dib_err *err)
{
	if (!g->h.household_id)
		return DIB_OK;
	store_payroll_line *l = &g->h.line;
	if (g->hm.n == 1 && strlen(l->period) == 7 && !strncmp(l->period, g->hm.months[0], 7)) {
		g->h.household_id = 0;
		if (!g->h.ent[0] || g->h.base[0] + g->h.addon[0] <= 0)
			return DIB_OK;
		l->base_fen = g->h.base[0];
		l->addon_fen = g->h.addon[0];
		l->total_fen = l->base_fen + l->addon_fen;
		l->entitlement_id = g->h.ent[0];
		return payroll__writer_add(&g->w, l, err);
	}
	int64_t base = 0, addon = 0;
	char detail[PAYROLL__MAX_MONTHS * 64 + 8];
	size_t off = 0;
	off += (size_t)snprintf(detail + off, sizeof detail - off, "[");
	for (int k = 0; k < g->hm.n; k++) {
		if (!g->h.ent[k])
			continue;
		base += g->h.base[k];
		addon += g->h.addon[k];
		off += (size_t)snprintf(detail + off, sizeof detail - off,
					"%s{\"month\":\"%.7s\",\"fen\":%" PRId64 ",\"entitlement\":%" PRId64 "}",
					off > 1 ? "," : "", g->hm.months[k], g->h.base[k] + g->h.addon[k],
					g->h.ent[k]);
	}
	snprintf(detail + off, sizeof detail - off, "]");
	g->h.household_id = 0;
	if (base + addon <= 0)
		return DIB_OK;
	l->base_fen = base;
	l->addon_fen = addon;
	l->total_fen = base + addon;
	l->detail = payroll__keep(&g->w, detail);
	if (!l->detail)
		return dib_err_nomem(err);
	return payroll__writer_add(&g->w, l, err);
}

static dib_code on_row(void *ctx, const store_payroll_source *r, dib_err *err)
{
	struct gather *g = ctx;
	dib_code rc = r->household_id != g->h.household_id ? emit(g, err) : DIB_OK;
	return rc ? rc : payroll__hgather_add(&g->h, &g->w, &g->hm, NULL, "regular", r, err);
}

dib_code payroll__build_lines(struct store *s, const store_payroll_run *run,
			      const char *township, store_payroll_totals *sum, size_t *nsections,
			      dib_err *err)
{
	struct gather *g = calloc(1, sizeof *g);
	if (!g)
		return dib_err_nomem(err);
	g->run = run;
	dib_arena_init(&g->rules_arena, 16384, 0);
	dib_month first;
	dib_code rc = payroll__writer_init(&g->w, s, run, err);
	if (!rc)
		rc = month_parse(run->first_month, 7, &first, err);
	if (!rc)
		rc = payroll__hmonths_load(s, run->county, run->program, first, run->months,
					   &g->rules_arena, &g->hm, err);
	if (!rc)
		rc = store_payroll_sources(s, run->county, run->program, g->hm.months[0],
					   g->hm.months[g->hm.n - 1], township, on_row, g, err);
	if (!rc)
		rc = emit(g, err);
	if (!rc)
		rc = payroll__writer_finish(&g->w, false, sum, nsections, err);
	payroll__writer_release(&g->w);
	dib_arena_release(&g->rules_arena);
	free(g);
	return rc;
}

/* ---- building a run ---- */

dib_code payroll__pay_params(struct store *s, const char *county, dib_date day,
			     struct pay_params *out, dib_err *err)
{
	dib_arena a;
	dib_arena_init(&a, 16384, 0);
	struct case_rules r;
	dib_code rc = case_rules_load(s, county, day, &a, &r, err);
	if (!rc)
		*out = r.pay;
	dib_arena_release(&a);
	return rc;
}

/* The standards in force in each month of the period, as the run's basis. */
static dib_code basis_of(struct store *s, const char *county, const char *program,
			 struct pay_period p, enum pay_rhythm r, char **out, dib_err *err)
{
	json_t *months = json_array();
	dib_code rc = months ? DIB_OK : dib_err_nomem(err);
	for (int k = 0; !rc && k < p.months; k++) {
		dib_month m = month_add(p.first, k);
		dib_fen fen = 0;
		rc = standard_monthly(s, county, program, month_first_day(m), &fen, err);
		char ms[DIB_DATE_STR];
		date_format(month_first_day(m), ms);
		if (rc == DIB_ENOTFOUND) {
			dib_err_clear(err);
			rc = dib_err_set(err, DIB_EINVAL, "%d年%d月没有生效的保障标准，不能造册", m.year,
					 m.month);
		}
		if (!rc && json_array_append_new(months, json_pack("{s:s%, s:I}", "month", ms,
								   (size_t)7, "standard_fen",
								   (json_int_t)fen)))
			rc = dib_err_nomem(err);
	}
	json_t *j = rc ? NULL : json_pack("{s:s, s:O}", "rhythm", pay_rhythm_code(r), "standards",
					  months);
	json_decref(months);
	if (!rc && !j)
		rc = dib_err_nomem(err);
	*out = j ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (!rc && !*out)
		rc = dib_err_nomem(err);
	return rc;
}

/* Inserts a new run of county × program × kind for period p (inside the
 * transaction): its id, its number — county, period, program, R/F and
 * the sequence within the period — its due day (NULL: the period's), and
 * the texts, in the caller's buffers
 * code[PAY_PERIOD_CODE], no[64] and now[DIB_TIME_UTC_SIZE]; totals zero. */
dib_code payroll__new_run(struct store *s, const char *county, const char *program, const char *kind,
			struct pay_period p, const struct pay_params *pp, const char *basis,
			const char *actor, const dib_date *due, store_payroll_run *run, char *code,
			char *no, char *now, dib_err *err)
{
	memset(run, 0, sizeof *run);
	snprintf(run->county, sizeof run->county, "%s", county);
	dib_code rc = store_ids_reserve(s, "payroll_run", 1, &run->id, err);
	pay_period_code(p, code);
	int64_t seq = 0;
	bool found = false;
	if (!rc)
		rc = store_query_int64(s,
			"SELECT count(*) FROM payroll_runs WHERE county = $1 AND program = $2 AND"
			" period = $3 AND kind = $4",
			4, (const char *const[]){ county, program, code, kind }, &seq, &found, err);
	char digits[PAY_PERIOD_CODE];
	size_t k = 0;
	for (const char *c = code; *c; c++)
		if (*c != '-')
			digits[k++] = *c;
	digits[k] = 0;
	snprintf(no, 64, "%s%s%02d%c%02" PRId64, county, digits, pay_program_index(program) + 1,
		 !strcmp(kind, "reissue") ? 'F' : !strcmp(kind, "arrears") ? 'B' : 'R', seq + 1);
	dib_time_now_utc(now, DIB_TIME_UTC_SIZE);
	run->run_no = no;
	run->program = program;
	run->kind = kind;
	run->period = code;
	date_format(month_first_day(p.first), run->first_month);
	run->months = p.months;
	date_format(due ? *due : pay_period_due(pp, p), run->due_on);
	run->state = PAYROLL_PREPARED;
	run->basis = basis;
	run->built_at = now;
	run->built_by = actor;
	if (!rc)
		rc = store_payroll_run_insert(s, run, err);
	return rc;
}

dib_code payroll_build(struct store *s, const struct authz_subject *who, const char *actor,
		       const struct payroll_build_req *req, dib_date today, dib_arena *a,
		       struct payroll_build_result *out, dib_err *err)
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
	struct pay_period p;
	if (!rc)
		rc = pay_period_parse(pp.rhythm[pi], req->period, &p, err);
	if (!rc && month_cmp(p.first, month_add(month_of(today), 1)) > 0)
		rc = dib_err_set(err, DIB_EINVAL, "%s 尚未到来，最早可提前一个月造册", req->period);
	int64_t live = 0;
	if (!rc)
		rc = store_payroll_run_live(s, county, req->program, req->period, &live, err);
	if (!rc && live) {
		store_payroll_run r;
		bool found = false;
		rc = store_payroll_run_get(s, live, a, &r, &found, err);
		if (!rc) {
			out->run_id = live;
			out->declared = r.declared;
		}
		return rc;
	}
	char *basis = NULL;
	if (!rc)
		rc = basis_of(s, county, req->program, p, pp.rhythm[pi], &basis, err);
	if (rc) {
		free(basis);
		return rc;
	}
	rc = store_begin(s, err);
	if (rc) {
		free(basis);
		return rc;
	}
	store_payroll_run run;
	char code[PAY_PERIOD_CODE], no[64], now[DIB_TIME_UTC_SIZE];
	rc = payroll__new_run(s, county, req->program, "regular", p, &pp, basis, actor, NULL, &run, code, no,
		     now, err);
	store_payroll_totals sum = { 0 };
	size_t nsec = 0;
	if (!rc)
		rc = strncmp(run.program, "dibao_", 6)
			     ? payroll__build_person_lines(s, &run, NULL, &sum, &nsec, err)
			     : payroll__build_lines(s, &run, NULL, &sum, &nsec, err);
	if (!rc && sum.lines == 0)
		rc = dib_err_set(err, DIB_ENOTFOUND, "%s本期没有应发放的对象", code);
	if (!rc)
		rc = store_payroll_run_declare(s, run.id, &sum, err);
	json_t *j = rc ? NULL
		       : json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I}", "run_no", no, "program",
				   req->program, "period", code, "households",
				   (json_int_t)sum.households, "persons", (json_int_t)sum.persons,
				   "total_fen", (json_int_t)sum.total_fen, "lines",
				   (json_int_t)sum.lines);
	rc = payroll__built(s, &run, actor, &sum, j, rc, err);
	free(basis);
	if (!rc) {
		out->run_id = run.id;
		out->created = true;
		out->declared = sum;
		out->sections = nsec;
	}
	return rc;
}

/* ---- a reissue run ---- */

dib_code payroll_build_reissue(struct store *s, const struct authz_subject *who,
			       const char *actor, const char *county_in, const char *program,
			       dib_date today, dib_arena *a, struct payroll_build_result *out,
			       dib_err *err)
{
	memset(out, 0, sizeof *out);
	char county[REGION_COUNTY_LEN + 1];
	dib_code rc = payroll__prepare_county(who, county_in, county, err);
	if (!rc && pay_program_index(program) < 0)
		rc = dib_err_set(err, DIB_EINVAL, "“%s”不是按期发放的救助项目", program ? program : "");
	struct pay_params pp;
	if (!rc)
		rc = payroll__pay_params(s, county, today, &pp, err);
	if (!rc)
		rc = store_begin(s, err);
	if (rc)
		return rc;
	store_payroll_failed *q = NULL;
	size_t nq = 0;
	rc = store_payroll_failed_lines(s, county, program, NULL, a, &q, &nq, err);
	if (!rc && !nq)
		rc = dib_err_set(err, DIB_ENOTFOUND, "没有待重发的发放失败记录");
	char basis[64];
	snprintf(basis, sizeof basis, "{\"rhythm\":\"reissue\",\"failed_lines\":%zu}", nq);
	struct pay_period p = pay_period_of(PAY_MONTHLY, month_of(today));
	store_payroll_run run;
	char code[PAY_PERIOD_CODE], no[64], now[DIB_TIME_UTC_SIZE];
	if (!rc)
		/* a reissue is due as soon as it can be paid: from the day it is made */
		rc = payroll__new_run(s, county, program, "reissue", p, &pp, basis, actor, &today, &run, code,
			     no, now, err);
	store_payroll_line *ls = rc ? NULL : dib_arena_calloc(a, nq * sizeof *ls);
	const char **towns = rc ? NULL : dib_arena_calloc(a, nq * sizeof *towns);
	size_t ntowns = 0;
	if (!rc && (!ls || !towns))
		rc = dib_err_nomem(err);
	for (size_t i = 0; !rc && i < nq; i++) {
		ls[i] = q[i].line;
		ls[i].run_id = run.id;
		ls[i].kind = "reissue";
		ls[i].status = "pending";
		ls[i].reissue_of = q[i].line.id;
		/* the account as the register holds it now: corrected or not */
		ls[i].bank_name = q[i].current_bank_name;
		ls[i].bank_account = q[i].current_account;
		ls[i].account_name = q[i].current_account_name;
		ls[i].bank_reason = NULL;
		size_t t = 0;
		while (t < ntowns && strcmp(towns[t], ls[i].township))
			t++;
		if (t == ntowns)
			towns[ntowns++] = ls[i].township;
	}
	/* with the failed lines' deductions, as far as still outstanding */
	if (!rc)
		rc = payroll__reissue_insert(s, county, actor, q, ls, nq, a, err);
	for (size_t i = 0; !rc && i < nq; i++)
		rc = store_payroll_line_reissued(s, q[i].line.id, ls[i].id, err);
	store_payroll_totals sum = { 0 };
	if (!rc)
		rc = payroll__declare_from_lines(s, &run, towns, ntowns, &sum, err);
	json_t *j = rc ? NULL
		       : json_pack("{s:s, s:s, s:I, s:I}", "run_no", no, "program", program, "lines",
				   (json_int_t)sum.lines, "total_fen", (json_int_t)sum.total_fen);
	rc = payroll__built(s, &run, actor, &sum, j, rc, err);
	if (!rc) {
		out->run_id = run.id;
		out->created = true;
		out->declared = sum;
		out->sections = ntowns;
	}
	return rc;
}
