/*
 * payroll_person.c — building the roster of a program paid per person (造册
 * of 两项补贴, 特困供养, 孤儿 and 事实无人抚养儿童, 高龄津贴; payroll_int.h
 * payroll__build_person_lines): one frozen line per covered person, each
 * month of the period computed by core/benefit (svc/benefit_int.h) with
 * the standard and the parameters in force in that month, the township
 * sections and the declared control totals — inside the caller's one
 * transaction, like payroll_build.c's 低保 roster.
 *
 * A line: person_id the person; persons 1; base the months' amounts less
 * 特困's care part, addon that care part (0 for every other program); the
 * payee is the person, or — for a person under 18 on the period's first
 * day — the household's head as guardian (监护人), the head being someone
 * else; the bank account is the household's (the register keeps one
 * account per household); detail lists each month the person's row covers
 * with its amount, the entitlement, the reason code and the reason in
 * Chinese. A month the person is excluded from (left the household or
 * died before it, turned 18, 择高 lost, 特困 …) is listed at 0; a person
 * whose months add up to 0 gets no line.
 *
 * Lines are written in batches (BATCH lines, their strings in an arena
 * reset after each batch); the walk hands over one person at a time.
 *
 * Thread-safety: as struct store — one connection per thread.
 */
#include "util/dib.h"
#include "core/money.h"
#include "store/store.h"
#include "svc/benefit_int.h"
#include "svc/case_rules.h"
#include "svc/payroll_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define BATCH 4096
#define MAX_TOWNSHIPS 256
#define MAX_MONTHS 12
/* A month of detail: its numbers and a reason of BENEFIT_WHY_MAX bytes,
 * escaped (at most 2 bytes for every byte of the reason that needs it). */
#define DETAIL_MONTH (160 + 2 * BENEFIT_WHY_MAX)

struct township_sum {
	char code[REGION_LEN + 1];
	store_payroll_totals t;
};

struct gather {
	const store_payroll_run *run;
	struct store *s;
	int nmonths;
	struct benefit__month mc[MAX_MONTHS];
	char first_day[DIB_DATE_STR];  /* the period's first day: the guardian rule's */
	/* the batch */
	dib_arena a;
	store_payroll_line *lines;
	size_t n;
	int64_t last_household;        /* the household of the last line written */
	/* totals */
	struct township_sum *towns;
	size_t ntowns;
	store_payroll_totals sum;
	/* the person's overpayments deducted from its line */
	struct payroll__recover rec;
	char detail[MAX_MONTHS * DETAIL_MONTH + 8];
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

/* Appends s to out (at *off of cap) as the inside of a JSON string. */
static void json_text(char *out, size_t cap, size_t *off, const char *s)
{
	for (const unsigned char *c = (const unsigned char *)s; *c && *off + 8 < cap; c++) {
		if (*c == '"' || *c == '\\') {
			out[(*off)++] = '\\';
			out[(*off)++] = (char)*c;
		} else if (*c < 0x20) {
			*off += (size_t)snprintf(out + *off, cap - *off, "\\u%04x", *c);
		} else {
			out[(*off)++] = (char)*c;
		}
	}
	out[*off] = 0;
}

/* Appends one month of detail. */
static void detail_month(struct gather *g, size_t *off, int k, const store_payroll_ent *row,
			 const struct benefit__paid *paid)
{
	char m[DIB_MONTH_STR];
	size_t cap = sizeof g->detail;
	*off += (size_t)snprintf(g->detail + *off, cap - *off,
				 "%s{\"month\":\"%s\",\"fen\":%" PRId64 ",\"entitlement\":%" PRId64
				 ",\"reason\":\"%s\",",
				 *off > 1 ? "," : "", month_format(g->mc[k].m, m), paid->fen,
				 row->entitlement_id, paid->reason);
	if (paid->care_fen)
		*off += (size_t)snprintf(g->detail + *off, cap - *off, "\"care_fen\":%" PRId64 ",",
					 paid->care_fen);
	*off += (size_t)snprintf(g->detail + *off, cap - *off, "\"why\":\"");
	json_text(g->detail, cap, off, paid->why);
	*off += (size_t)snprintf(g->detail + *off, cap - *off, "\"}");
}

/* Whether the person is paid through the head as guardian: under 18 on
 * the period's first day, and the head is someone else. */
static bool by_guardian(const struct gather *g, const store_payroll_person *p)
{
	if (!p->head_id || p->head_id == p->person_id)
		return false;
	dib_date birth, on;
	if (date_parse(p->birth_date, strlen(p->birth_date), &birth, NULL) ||
	    date_parse(g->first_day, strlen(g->first_day), &on, NULL))
		return false;
	return date_age_on(birth, on) < BENEFIT_CHILD_AGE;
}

static const char *keep(struct gather *g, const char *s)
{
	return s ? dib_arena_strdup(&g->a, s) : NULL;
}

static dib_code on_person(void *ctx, const store_payroll_person *p, dib_err *err)
{
	struct gather *g = ctx;
	int64_t base = 0, addon = 0;
	size_t off = 0;
	g->detail[off++] = '[';
	g->detail[off] = 0;
	bool any = false;
	for (int k = 0; k < g->nmonths; k++) {
		/* a later row (a new decision) wins the month */
		const store_payroll_ent *row = NULL;
		for (size_t i = 0; i < p->nown; i++)
			if (benefit__covers(&p->own[i], g->mc[k].m))
				row = &p->own[i];
		if (!row)
			continue;
		struct benefit__paid paid;
		dib_code rc = benefit__person_month(&g->mc[k], g->run->program, p, row, NULL, &paid,
						    err);
		if (rc)
			return rc;
		base += paid.fen - paid.care_fen;
		addon += paid.care_fen;
		detail_month(g, &off, k, row, &paid);
		any = true;
	}
	snprintf(g->detail + off, sizeof g->detail - off, "]");
	if (!any || base + addon <= 0)
		return DIB_OK;
	if (!g->lines) {
		g->lines = dib_arena_alloc(&g->a, BATCH * sizeof *g->lines);
		if (!g->lines)
			return dib_err_nomem(err);
	}
	store_payroll_line *l = &g->lines[g->n++];
	memset(l, 0, sizeof *l);
	l->run_id = g->run->id;
	l->program = g->run->program;
	l->period = g->run->period;
	l->kind = g->run->kind;
	l->slot = "regular";
	l->household_id = p->household_id;
	l->person_id = p->person_id;
	snprintf(l->township, sizeof l->township, "%s", p->township);
	snprintf(l->village, sizeof l->village, "%s", p->village);
	l->village_name = keep(g, p->village_name);
	l->hh_no = keep(g, p->hh_no);
	bool guardian = by_guardian(g, p);
	/* no head for a minor: the line says so and the section cannot be submitted */
	l->payee_name = keep(g, guardian ? (p->head_name ? p->head_name : "") : p->name);
	l->payee_id_number = keep(g, guardian ? (p->head_id_number ? p->head_id_number : "")
					      : p->id_number);
	l->bank_name = keep(g, p->bank_name);
	l->bank_account = keep(g, p->bank_account);
	l->account_name = keep(g, p->account_name);
	l->persons = 1;
	l->base_fen = base;
	l->addon_fen = addon;
	l->total_fen = base + addon;
	l->detail = keep(g, g->detail);
	l->status = "pending";
	if (!l->village_name || !l->hh_no || !l->payee_name || !l->payee_id_number ||
	    !l->detail || (p->bank_name && !l->bank_name) ||
	    (p->bank_account && !l->bank_account) || (p->account_name && !l->account_name))
		return dib_err_nomem(err);
	/* an open overpayment to deduct: the control totals are of what is paid */
	dib_code rc = payroll__recover_line(&g->rec, l, g->n - 1, err);
	if (rc)
		return rc;
	struct township_sum *t = town_of(g, l->township, err);
	if (!t)
		return err->code;
	/* the walk gives a household's persons together */
	bool new_household = p->household_id != g->last_household;
	g->last_household = p->household_id;
	t->t.households += new_household;
	t->t.persons += 1;
	t->t.total_fen += l->total_fen;
	t->t.lines++;
	g->sum.households += new_household;
	g->sum.persons += 1;
	g->sum.total_fen += l->total_fen;
	g->sum.lines++;
	return g->n == BATCH ? flush(g, err) : DIB_OK;
}

/* Each month's parameters and standards. */
static dib_code load_months(struct gather *g, dib_month first, dib_err *err)
{
	dib_arena a;
	dib_arena_init(&a, 16384, 0);
	struct case_rules *r = malloc(sizeof *r);
	dib_code rc = r ? DIB_OK : dib_err_nomem(err);
	for (int k = 0; !rc && k < g->nmonths; k++) {
		dib_month m = month_add(first, k);
		rc = case_rules_load(g->s, g->run->county, month_first_day(m), &a, r, err);
		if (!rc)
			rc = benefit__month_load(g->s, g->run->county, g->run->program, m, &r->benefit,
						 &g->mc[k], err);
		dib_arena_reset(&a);
	}
	free(r);
	dib_arena_release(&a);
	return rc;
}

dib_code payroll__build_person_lines(struct store *s, const store_payroll_run *run,
				     const char *township, store_payroll_totals *sum,
				     size_t *nsections, dib_err *err)
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
	g->nmonths = run->months > MAX_MONTHS ? MAX_MONTHS : run->months < 1 ? 1 : run->months;
	snprintf(g->first_day, sizeof g->first_day, "%s", run->first_month);
	if (!rc)
		rc = load_months(g, first, err);
	char from[DIB_DATE_STR], to[DIB_DATE_STR];
	date_format(month_first_day(first), from);
	date_format(month_first_day(month_add(first, g->nmonths - 1)), to);
	if (!rc)
		rc = store_payroll_people(s, run->county, run->program, from, to, township,
					  on_person, g, err);
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
	payroll__recover_release(&g->rec);
	free(towns);
	free(g);
	return rc;
}
