/*
 * payroll_lines.c — the roster writer (payroll_int.h): what the three
 * writers of payroll lines share — the regular 低保 roster (payroll_build.c),
 * the roster of a program paid per person (payroll_person.c) and the
 * arrears run (payroll_arrears.c). Each decides what a line pays; this
 * file freezes who is paid and where (payee, account, village), writes the
 * lines in batches with the deductions of a regular roster, and declares
 * the township sections and the run's control totals.
 *
 * Bounded memory: a batch is BATCH lines, its strings in the writer's
 * arena, reset once the batch is written.
 *
 * Thread-safety: as struct store — one connection per thread.
 */
#include "util/dib.h"
#include "store/store.h"
#include "svc/payroll_int.h"

#include <stdio.h>
#include <string.h>

#define BATCH 4096
#define MAX_TOWNSHIPS 256

dib_code payroll__writer_init(struct payroll__writer *w, struct store *s,
			      const store_payroll_run *run, dib_err *err)
{
	memset(w, 0, sizeof *w);
	w->s = s;
	w->run = run;
	dib_arena_init(&w->a, 1u << 20, 0);
	/* only a regular run deducts: the others load nothing */
	dib_code rc = payroll__recover_init(&w->rec, s, run, err);
	w->towns = rc ? NULL : calloc(MAX_TOWNSHIPS, sizeof *w->towns);
	if (!rc && !w->towns)
		rc = dib_err_nomem(err);
	return rc;
}

void payroll__writer_release(struct payroll__writer *w)
{
	dib_arena_release(&w->a);
	payroll__recover_release(&w->rec);
	free(w->towns);
	w->towns = NULL;
}

const char *payroll__keep(struct payroll__writer *w, const char *str)
{
	return str ? dib_arena_strdup(&w->a, str) : NULL;
}

/* The fields every line starts with, and the place and account of its
 * household; the payee is the caller's. */
static void line_start(struct payroll__writer *w, store_payroll_line *l, const char *period,
		       const char *slot, int64_t household_id, const char *township,
		       const char *village)
{
	memset(l, 0, sizeof *l);
	l->run_id = w->run->id;
	l->program = w->run->program;
	/* a period of the caller's (an arrears run's) is kept: the batch is
	 * written after the caller has moved on to the next period */
	l->period = period ? payroll__keep(w, period) : w->run->period;
	l->kind = w->run->kind;
	l->slot = slot;
	l->household_id = household_id;
	l->status = "pending";
	snprintf(l->township, sizeof l->township, "%s", township);
	snprintf(l->village, sizeof l->village, "%s", village);
}

/* Keeps the household's and the payee's strings; a string given must be
 * kept (out of memory otherwise). */
static dib_code line_keep(struct payroll__writer *w, store_payroll_line *l,
			  const char *village_name, const char *hh_no, const char *payee,
			  const char *payee_id, const char *bank, const char *account,
			  const char *holder, dib_err *err)
{
	l->village_name = payroll__keep(w, village_name);
	l->hh_no = payroll__keep(w, hh_no);
	l->payee_name = payroll__keep(w, payee ? payee : "");
	l->payee_id_number = payroll__keep(w, payee_id ? payee_id : "");
	l->bank_name = payroll__keep(w, bank);
	l->bank_account = payroll__keep(w, account);
	l->account_name = payroll__keep(w, holder);
	if (!l->period || (village_name && !l->village_name) || (hh_no && !l->hh_no) || !l->payee_name ||
	    !l->payee_id_number || (bank && !l->bank_name) || (account && !l->bank_account) ||
	    (holder && !l->account_name))
		return dib_err_nomem(err);
	return DIB_OK;
}

dib_code payroll__line_household(struct payroll__writer *w, store_payroll_line *l,
				 const char *period, const char *slot,
				 const store_payroll_source *r, dib_err *err)
{
	line_start(w, l, period, slot, r->household_id, r->township, r->village);
	l->persons = r->persons;
	return line_keep(w, l, r->village_name, r->hh_no, r->head_name, r->head_id_number,
			 r->bank_name, r->bank_account, r->account_name, err);
}

/* Whether p is paid through the head as guardian: under 18 on day, and
 * the head is someone else. */
static bool by_guardian(const store_payroll_person *p, const char *day)
{
	if (!p->head_id || p->head_id == p->person_id)
		return false;
	dib_date birth, on;
	if (date_parse(p->birth_date, strlen(p->birth_date), &birth, NULL) ||
	    date_parse(day, strlen(day), &on, NULL))
		return false;
	return date_age_on(birth, on) < BENEFIT_CHILD_AGE;
}

dib_code payroll__line_person(struct payroll__writer *w, store_payroll_line *l,
			      const char *period, const char *slot, const store_payroll_person *p,
			      const char *first_day, dib_err *err)
{
	line_start(w, l, period, slot, p->household_id, p->township, p->village);
	l->person_id = p->person_id;
	l->persons = 1;
	bool guardian = by_guardian(p, first_day);
	return line_keep(w, l, p->village_name, p->hh_no, guardian ? p->head_name : p->name,
			 guardian ? p->head_id_number : p->id_number, p->bank_name, p->bank_account,
			 p->account_name, err);
}

static dib_code flush(struct payroll__writer *w, dib_err *err)
{
	dib_code rc = store_payroll_lines_insert(w->s, w->run->county, w->lines, w->n, err);
	/* the deductions, now that their lines have ids */
	if (!rc)
		rc = payroll__recover_flush(&w->rec, w->s, w->run->county, w->lines, err);
	w->n = 0;
	dib_arena_reset(&w->a);
	w->lines = NULL;
	return rc;
}

static struct payroll__town *town_of(struct payroll__writer *w, const char *code, dib_err *err)
{
	for (size_t i = 0; i < w->ntowns; i++)
		if (!strcmp(w->towns[i].code, code))
			return &w->towns[i];
	if (w->ntowns == MAX_TOWNSHIPS) {
		dib_err_set(err, DIB_EINTERNAL, "内部错误：乡镇超过 %d 个", MAX_TOWNSHIPS);
		return NULL;
	}
	struct payroll__town *t = &w->towns[w->ntowns++];
	memset(t, 0, sizeof *t);
	snprintf(t->code, sizeof t->code, "%s", code);
	return t;
}

static void count(store_payroll_totals *t, const store_payroll_line *l, bool new_household)
{
	t->households += new_household;
	t->persons += l->persons;
	t->total_fen += l->total_fen;
	t->lines++;
}

dib_code payroll__writer_add(struct payroll__writer *w, const store_payroll_line *l,
			     dib_err *err)
{
	if (!w->lines) {
		w->lines = dib_arena_alloc(&w->a, BATCH * sizeof *w->lines);
		if (!w->lines)
			return dib_err_nomem(err);
	}
	store_payroll_line *o = &w->lines[w->n++];
	*o = *l;
	/* an open overpayment to deduct: the control totals are of what is paid */
	dib_code rc = payroll__recover_line(&w->rec, o, w->n - 1, err);
	if (rc)
		return rc;
	struct payroll__town *t = town_of(w, o->township, err);
	if (!t)
		return err->code;
	/* the walks give a household's lines together */
	bool new_household = o->household_id != w->last_household;
	w->last_household = o->household_id;
	count(&t->t, o, new_household);
	count(&w->sum, o, new_household);
	return w->n == BATCH ? flush(w, err) : DIB_OK;
}

dib_code payroll__writer_finish(struct payroll__writer *w, bool from_lines,
				store_payroll_totals *sum, size_t *nsections, dib_err *err)
{
	dib_code rc = w->n ? flush(w, err) : DIB_OK;
	if (!rc && from_lines) {
		const char *codes[MAX_TOWNSHIPS];
		for (size_t i = 0; i < w->ntowns; i++)
			codes[i] = w->towns[i].code;
		rc = payroll__declare_from_lines(w->s, w->run, codes, w->ntowns, &w->sum, err);
	}
	for (size_t i = 0; !rc && !from_lines && i < w->ntowns; i++) {
		store_payroll_section sec = { .run_id = w->run->id, .state = "built",
					      .declared = w->towns[i].t };
		snprintf(sec.township, sizeof sec.township, "%s", w->towns[i].code);
		rc = store_payroll_section_put(w->s, &sec, err);
	}
	if (!rc) {
		*sum = w->sum;
		*nsections = w->ntowns;
	}
	return rc;
}

dib_code payroll__declare_from_lines(struct store *s, const store_payroll_run *run,
				     const char *const *towns, size_t n, store_payroll_totals *sum,
				     dib_err *err)
{
	dib_code rc = DIB_OK;
	for (size_t i = 0; !rc && i < n; i++) {
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

dib_code payroll__built(struct store *s, const store_payroll_run *run, const char *actor,
			const store_payroll_totals *sum, json_t *j, dib_code rc, dib_err *err)
{
	if (!rc && !j)
		rc = dib_err_nomem(err);
	if (!rc)
		rc = payroll__record(s, run, "build", NULL, actor, NULL, sum, j, err);
	json_decref(j);
	if (!rc)
		rc = store_commit(s, err);
	if (rc)
		store_rollback(s);
	return rc;
}
