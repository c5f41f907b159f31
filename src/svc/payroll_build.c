/*
 * payroll_build.c — building a roster (造册, svc/payroll.h): the walk over
 * the entitlements in force in the period, one frozen line per household
 * with the month-by-month amounts behind it, the township sections and the
 * declared control totals — all in the caller's one transaction.
 *
 * Lines are written in batches (BATCH lines, their strings in an arena
 * reset after each batch) so a county of a million households is built in
 * bounded memory.
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

#define BATCH 4096
#define MAX_TOWNSHIPS 256

struct township_sum {
	char code[REGION_LEN + 1];
	store_payroll_totals t;
};

/* The household being gathered: its rows for the period, month by month. */
struct gather {
	const store_payroll_run *run;
	struct store *s;
	char months[12][DIB_DATE_STR]; /* first days of the period's months */
	int nmonths;
	/* the standard and the amount rules in force in each month: a
	 * decision's base is recomputed with them (a standard raised since, even
	 * retroactively, pays from its effective month) */
	dib_fen standard[12];
	amount_params amount[12];
	dib_arena rules_arena;
	/* the current household */
	int64_t household_id;
	store_payroll_line cur;
	int64_t base[12], addon[12], ent[12];
	/* the batch */
	dib_arena a;
	store_payroll_line *lines;
	size_t n;
	/* totals */
	struct township_sum *towns;
	size_t ntowns;
	store_payroll_totals sum;
	/* the household's overpayments deducted from its line */
	struct payroll__recover rec;
};

static struct township_sum *town_of(struct gather *g, const char *code, dib_err *err)
{
	for (size_t i = 0; i < g->ntowns; i++)
		if (!strcmp(g->towns[i].code, code))
			return &g->towns[i];
	if (g->ntowns == MAX_TOWNSHIPS) {
		dib_err_set(err, DIB_EINTERNAL, "内部错误：乡镇超过 %d 个", MAX_TOWNSHIPS);
		return NULL;
	}
	struct township_sum *t = &g->towns[g->ntowns++];
	memset(t, 0, sizeof *t);
	snprintf(t->code, sizeof t->code, "%s", code);
	return t;
}

static dib_code flush(struct gather *g, dib_err *err)
{
	dib_code rc = store_payroll_lines_insert(g->s, g->run->county, g->lines, g->n, err);
	/* the deductions, now that their lines have ids */
	if (!rc)
		rc = payroll__recover_flush(&g->rec, g->s, g->run->county, g->lines, err);
	g->n = 0;
	dib_arena_reset(&g->a);
	g->lines = NULL;
	return rc;
}

/* The gathered household as a line: its months summed, the months and the
 * entitlements behind each in detail. A household with nothing due in the
 * period (every row outside it) gives no line. */
static dib_code emit(struct gather *g, dib_err *err)
{
	if (!g->household_id)
		return DIB_OK;
	store_payroll_line *l = &g->cur;
	int64_t base = 0, addon = 0;
	char detail[12 * 64 + 8];
	size_t off = 0;
	off += (size_t)snprintf(detail + off, sizeof detail - off, "[");
	for (int k = 0; k < g->nmonths; k++) {
		if (!g->ent[k])
			continue;
		base += g->base[k];
		addon += g->addon[k];
		off += (size_t)snprintf(detail + off, sizeof detail - off,
					"%s{\"month\":\"%.7s\",\"fen\":%" PRId64 ",\"entitlement\":%" PRId64 "}",
					off > 1 ? "," : "", g->months[k], g->base[k] + g->addon[k],
					g->ent[k]);
	}
	snprintf(detail + off, sizeof detail - off, "]");
	g->household_id = 0;
	if (base + addon <= 0)
		return DIB_OK;
	if (!g->lines) {
		g->lines = dib_arena_alloc(&g->a, BATCH * sizeof *g->lines);
		if (!g->lines)
			return dib_err_nomem(err);
	}
	store_payroll_line *o = &g->lines[g->n++];
	*o = *l;
	o->base_fen = base;
	o->addon_fen = addon;
	o->total_fen = base + addon;
	o->detail = dib_arena_strdup(&g->a, detail);
	if (!o->detail)
		return dib_err_nomem(err);
	/* an open overpayment to deduct: the control totals are of what is paid */
	dib_code rc = payroll__recover_line(&g->rec, o, g->n - 1, err);
	if (rc)
		return rc;
	struct township_sum *t = town_of(g, o->township, err);
	if (!t)
		return err->code;
	t->t.households++;
	t->t.persons += o->persons;
	t->t.total_fen += o->total_fen;
	t->t.lines++;
	g->sum.households++;
	g->sum.persons += o->persons;
	g->sum.total_fen += o->total_fen;
	g->sum.lines++;
	return g->n == BATCH ? flush(g, err) : DIB_OK;
}

static const char *keep(struct gather *g, const char *s)
{
	return s ? dib_arena_strdup(&g->a, s) : NULL;
}

static dib_code on_row(void *ctx, const store_payroll_source *r, dib_err *err)
{
	struct gather *g = ctx;
	dib_code rc = DIB_OK;
	if (r->household_id != g->household_id) {
		rc = emit(g, err);
		if (rc)
			return rc;
		store_payroll_line *l = &g->cur;
		memset(l, 0, sizeof *l);
		memset(g->base, 0, sizeof g->base);
		memset(g->addon, 0, sizeof g->addon);
		memset(g->ent, 0, sizeof g->ent);
		g->household_id = r->household_id;
		l->run_id = g->run->id;
		l->program = g->run->program;
		l->period = g->run->period;
		l->kind = g->run->kind;
		l->slot = "regular";
		l->household_id = r->household_id;
		snprintf(l->township, sizeof l->township, "%s", r->township);
		snprintf(l->village, sizeof l->village, "%s", r->village);
		l->village_name = keep(g, r->village_name);
		l->hh_no = keep(g, r->hh_no);
		/* no head: the line says so and the section cannot be submitted */
		l->payee_name = keep(g, r->head_name ? r->head_name : "");
		l->payee_id_number = keep(g, r->head_id_number ? r->head_id_number : "");
		l->bank_name = keep(g, r->bank_name);
		l->bank_account = keep(g, r->bank_account);
		l->account_name = keep(g, r->account_name);
		l->status = "pending";
		if (!l->village_name || !l->hh_no || !l->payee_name || !l->payee_id_number)
			return dib_err_nomem(err);
	}
	store_payroll_line *l = &g->cur;
	if (r->persons > l->persons)
		l->persons = r->persons;
	for (int k = 0; k < g->nmonths; k++) {
		const char *m = g->months[k];
		if (strcmp(r->from_month, m) > 0 || (r->to_month[0] && strcmp(r->to_month, m) < 0))
			continue;
		/* a later row (changes split entitlements by month) wins */
		g->ent[k] = r->entitlement_id;
		/* a decision before schema v10 recorded only its total; one with
		 * its income is recomputed by the gap method with the month's
		 * standard and rules (banded amounts stay as decided) */
		g->base[k] = r->base_fen >= 0 ? r->base_fen : r->amount_fen;
		g->addon[k] = r->base_fen >= 0 ? r->addon_fen : 0;
		if (r->base_fen >= 0 && r->income_fen >= 0 && g->standard[k] > 0 &&
		    g->amount[k].method == AMOUNT_GAP)
			g->base[k] = amount_gap_base(&g->amount[k], g->standard[k], r->income_fen,
						     r->persons);
	}
	return rc;
}

dib_code payroll__build_lines(struct store *s, const store_payroll_run *run,
			      const char *township, store_payroll_totals *sum, size_t *nsections,
			      dib_err *err)
{
	struct gather *g = calloc(1, sizeof *g);
	struct township_sum *towns = calloc(MAX_TOWNSHIPS, sizeof *towns);
	if (!g || !towns) {
		free(g);
		free(towns);
		return dib_err_nomem(err);
	}
	g->run = run;
	g->s = s;
	g->towns = towns;
	dib_arena_init(&g->a, 1u << 20, 0);
	dib_month first;
	dib_code rc = payroll__recover_init(&g->rec, s, run, err);
	if (!rc)
		rc = month_parse(run->first_month, 7, &first, err);
	g->nmonths = run->months > 12 ? 12 : run->months;
	dib_arena_init(&g->rules_arena, 16384, 0);
	for (int k = 0; !rc && k < g->nmonths; k++) {
		dib_date d = month_first_day(month_add(first, k));
		date_format(d, g->months[k]);
		struct case_rules cr;
		if (!strncmp(run->program, "dibao_", 6)) {
			rc = case_rules_load(s, run->county, d, &g->rules_arena, &cr, err);
			if (!rc)
				g->amount[k] = cr.amount;
			if (!rc)
				rc = standard_monthly(s, run->county, run->program, d, &g->standard[k],
						      err);
			if (rc == DIB_ENOTFOUND) { /* no standard: the decided amounts */
				dib_err_clear(err);
				g->standard[k] = 0;
				rc = DIB_OK;
			}
		}
	}
	if (!rc)
		rc = store_payroll_sources(s, run->county, run->program, g->months[0],
					   g->months[g->nmonths - 1], township, on_row, g, err);
	if (!rc)
		rc = emit(g, err);
	if (!rc && g->n)
		rc = flush(g, err);
	for (size_t i = 0; !rc && i < g->ntowns; i++) {
		store_payroll_section sec = { .run_id = run->id, .state = "built",
					      .declared = towns[i].t };
		snprintf(sec.township, sizeof sec.township, "%s", towns[i].code);
		rc = store_payroll_section_put(s, &sec, err);
	}
	if (!rc) {
		*sum = g->sum;
		*nsections = g->ntowns;
	}
	dib_arena_release(&g->a);
	dib_arena_release(&g->rules_arena);
	payroll__recover_release(&g->rec);
	free(towns);
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

static dib_code county_of(const struct authz_subject *who, const char *given, char *out,
			  dib_err *err)
{
	const char *code = given && given[0] ? given : (who ? who->region_code : NULL);
	if (!code)
		return dib_err_set(err, DIB_EINVAL, "请指明县（区）");
	region_county_of(code, out);
	if (!out[0])
		return dib_err_set(err, DIB_EINVAL, "“%s”不是县（区）或其下级区划", code);
	return DIB_OK;
}

/* Whether who may prepare rosters in county: the right, and a region
 * inside the county (a township clerk builds the county's run, of which he
 * sees and submits his township's part). */
static dib_code may_prepare(const struct authz_subject *who, const char *county, dib_err *err)
{
	dib_code rc = authz_check(who, AUTHZ_PAYROLL_PREPARE, NULL, err);
	if (rc)
		return rc;
	char c[REGION_COUNTY_LEN + 1];
	region_county_of(who->region_code, c);
	if (strcmp(c, county))
		return dib_err_set(err, DIB_EPERM, "该县（区）不在您的管辖区域内");
	return DIB_OK;
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
	dib_code rc = county_of(who, req->county, county, err);
	if (!rc && !who)
		rc = dib_err_set(err, DIB_EPERM, "造册须以具体人员的身份进行");
	if (!rc)
		rc = may_prepare(who, county, err);
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
	json_t *j = NULL;
	if (!rc) {
		j = json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I}", "run_no", no, "program",
			      req->program, "period", code, "households", (json_int_t)sum.households,
			      "persons", (json_int_t)sum.persons, "total_fen",
			      (json_int_t)sum.total_fen, "lines", (json_int_t)sum.lines);
		rc = j ? DIB_OK : dib_err_nomem(err);
	}
	if (!rc)
		rc = payroll__record(s, &run, "build", NULL, actor, NULL, &sum, j, err);
	json_decref(j);
	if (!rc)
		rc = store_commit(s, err);
	if (rc)
		store_rollback(s);
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

/* The run's sections and declared totals from the lines it holds. */
static dib_code declare_from_lines(struct store *s, const store_payroll_run *run, dib_arena *a,
				   const char *const *towns, size_t ntowns,
				   store_payroll_totals *sum, dib_err *err)
{
	(void)a;
	dib_code rc = DIB_OK;
	for (size_t i = 0; !rc && i < ntowns; i++) {
		store_payroll_section sec = { .run_id = run->id, .state = "built" };
		snprintf(sec.township, sizeof sec.township, "%s", towns[i]);
		rc = store_payroll_lines_sum(s, run->id, towns[i], &sec.declared, err);
		if (!rc)
			rc = store_payroll_section_put(s, &sec, err);
	}
	if (!rc)
		rc = store_payroll_lines_sum(s, run->id, NULL, sum, err);
	if (!rc)
		rc = store_payroll_run_declare(s, run->id, sum, err);
	return rc;
}

dib_code payroll_build_reissue(struct store *s, const struct authz_subject *who,
			       const char *actor, const char *county_in, const char *program,
			       dib_date today, dib_arena *a, struct payroll_build_result *out,
			       dib_err *err)
{
	memset(out, 0, sizeof *out);
	char county[REGION_COUNTY_LEN + 1];
	dib_code rc = county_of(who, county_in, county, err);
	if (!rc && !who)
		rc = dib_err_set(err, DIB_EPERM, "造册须以具体人员的身份进行");
	if (!rc)
		rc = may_prepare(who, county, err);
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
		rc = declare_from_lines(s, &run, a, towns, ntowns, &sum, err);
	json_t *j = rc ? NULL
		       : json_pack("{s:s, s:s, s:I, s:I}", "run_no", no, "program", program, "lines",
				   (json_int_t)sum.lines, "total_fen", (json_int_t)sum.total_fen);
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
		out->created = true;
		out->declared = sum;
		out->sections = ntowns;
	}
	return rc;
}
