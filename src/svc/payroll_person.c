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
 * The months are computed by payroll__person_due, which the arrears of
 * these programs (payroll_arrears.c) recompute with too; the lines are
 * written through the roster writer (payroll_lines.c); the walk hands
 * over one person at a time.
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

/* A month of detail: its numbers and a reason of BENEFIT_WHY_MAX bytes,
 * escaped (at most 2 bytes for every byte of the reason that needs it). */
#define DETAIL_MONTH (160 + 2 * BENEFIT_WHY_MAX)

struct gather {
	const store_payroll_run *run;
	struct payroll__pmonths pm;
	struct payroll__pdue due;  /* the person's */
	struct payroll__writer w;
	char detail[PAYROLL__MAX_MONTHS * DETAIL_MONTH + 8];
};

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
				 *off > 1 ? "," : "", month_format(g->pm.mc[k].m, m), paid->fen,
				 row->entitlement_id, paid->reason);
	if (paid->care_fen)
		*off += (size_t)snprintf(g->detail + *off, cap - *off, "\"care_fen\":%" PRId64 ",",
					 paid->care_fen);
	*off += (size_t)snprintf(g->detail + *off, cap - *off, "\"why\":\"");
	json_text(g->detail, cap, off, paid->why);
	*off += (size_t)snprintf(g->detail + *off, cap - *off, "\"}");
}

dib_code payroll__person_due(const struct payroll__pmonths *pm, const char *program,
			     const store_payroll_person *p, struct payroll__pdue *out, dib_err *err)
{
	memset(out->row, 0, sizeof out->row);
	for (int k = 0; k < pm->n; k++) {
		out->paid[k].fen = out->paid[k].care_fen = 0;
		/* a later row (a new decision) wins the month */
		for (size_t i = 0; i < p->nown; i++)
			if (benefit__covers(&p->own[i], pm->mc[k].m))
				out->row[k] = &p->own[i];
		if (!out->row[k])
			continue;
		dib_code rc = benefit__person_month(&pm->mc[k], program, p, out->row[k], NULL,
						    &out->paid[k], err);
		if (rc)
			return rc;
	}
	return DIB_OK;
}

static dib_code on_person(void *ctx, const store_payroll_person *p, dib_err *err)
{
	struct gather *g = ctx;
	dib_code rc = payroll__person_due(&g->pm, g->run->program, p, &g->due, err);
	if (rc)
		return rc;
	int64_t base = 0, addon = 0;
	size_t off = 0;
	g->detail[off++] = '[';
	g->detail[off] = 0;
	bool any = false;
	for (int k = 0; k < g->pm.n; k++) {
		const struct benefit__paid *paid = &g->due.paid[k];
		if (!g->due.row[k])
			continue;
		base += paid->fen - paid->care_fen;
		addon += paid->care_fen;
		detail_month(g, &off, k, g->due.row[k], paid);
		any = true;
	}
	snprintf(g->detail + off, sizeof g->detail - off, "]");
	if (!any || base + addon <= 0)
		return DIB_OK;
	store_payroll_line l;
	rc = payroll__line_person(&g->w, &l, NULL, "regular", p, g->pm.first_day, err);
	l.base_fen = base;
	l.addon_fen = addon;
	l.total_fen = base + addon;
	l.detail = payroll__keep(&g->w, g->detail);
	if (!rc && !l.detail)
		rc = dib_err_nomem(err);
	return rc ? rc : payroll__writer_add(&g->w, &l, err);
}

dib_code payroll__pmonths_load(struct store *s, const char *county, const char *program,
			       dib_month first, int n, struct payroll__pmonths *out, dib_err *err)
{
	out->n = n > PAYROLL__MAX_MONTHS ? PAYROLL__MAX_MONTHS : n < 1 ? 1 : n;
	date_format(month_first_day(first), out->first_day);
	dib_arena a;
	dib_arena_init(&a, 16384, 0);
	struct case_rules *r = malloc(sizeof *r);
	dib_code rc = r ? DIB_OK : dib_err_nomem(err);
	for (int k = 0; !rc && k < out->n; k++) {
		dib_month m = month_add(first, k);
		rc = case_rules_load(s, county, month_first_day(m), &a, r, err);
		if (!rc)
			rc = benefit__month_load(s, county, program, m, &r->benefit, &out->mc[k], err);
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
	if (!g)
		return dib_err_nomem(err);
	g->run = run;
	dib_month first;
	dib_code rc = payroll__writer_init(&g->w, s, run, err);
	if (!rc)
		rc = month_parse(run->first_month, 7, &first, err);
	if (!rc)
		rc = payroll__pmonths_load(s, run->county, run->program, first, run->months, &g->pm,
					   err);
	char from[DIB_DATE_STR], to[DIB_DATE_STR];
	if (!rc) {
		date_format(month_first_day(first), from);
		date_format(month_first_day(month_add(first, g->pm.n - 1)), to);
		rc = store_payroll_people(s, run->county, run->program, from, to, township,
					  on_person, g, err);
	}
	if (!rc)
		rc = payroll__writer_finish(&g->w, false, sum, nsections, err);
	payroll__writer_release(&g->w);
	free(g);
	return rc;
}
