/*
 * payroll_recover.c — overpayments recovered through the rosters
 * (svc/payroll.h, "overpayments and their recovery"; payroll_int.h): the
 * deduction a regular roster's line carries, the same deduction carried
 * again by the reissue of a failed line, and the closing of what the
 * bank's return recovered in full.
 *
 * A roster build loads the open overpayments of its county and program to
 * deduct once, row-locked, with what each still has outstanding; each line
 * of a household (or a person) that has some takes what core/recovery.h
 * allows, oldest overpayment first, and lowers what is outstanding in
 * memory, so one build never takes more than there is. The takes of a
 * batch become recoveries rows right after the batch's lines are written:
 * one transaction with the roster, so a cancelled or crashed build leaves
 * no deduction behind.
 *
 * Thread-safety: as struct store — one connection per thread.
 */
#include "util/dib.h"
#include "core/recovery.h"
#include "store/store.h"
#include "svc/payroll_int.h"

#include <stdlib.h>
#include <string.h>

dib_code payroll__recover_init(struct payroll__recover *r, struct store *s,
			       const store_payroll_run *run, dib_err *err)
{
	memset(r, 0, sizeof *r);
	dib_arena_init(&r->a, 65536, 0);
	dib_time_now_utc(r->now, sizeof r->now);
	r->actor = run ? run->built_by : NULL;
	if (!run || strcmp(run->kind, "regular"))
		return DIB_OK;
	/* the county's share in force for the period paid */
	dib_date day;
	dib_code rc = date_parse(run->first_month, strlen(run->first_month), &day, err);
	struct pay_params pp;
	if (!rc)
		rc = payroll__pay_params(s, run->county, day, &pp, err);
	if (!rc)
		r->max_bp = pp.recovery_max_bp;
	if (!rc)
		rc = store_overpayments_to_deduct(s, run->county, run->program, &r->a, &r->due,
						  &r->ndue, err);
	if (!rc && r->ndue) {
		r->out = dib_arena_alloc(&r->a, r->ndue * sizeof *r->out);
		r->take = dib_arena_alloc(&r->a, r->ndue * sizeof *r->take);
		if (!r->out || !r->take)
			rc = dib_err_nomem(err);
		for (size_t i = 0; !rc && i < r->ndue; i++)
			r->out[i] = r->due[i].outstanding_fen;
	}
	return rc;
}

void payroll__recover_release(struct payroll__recover *r)
{
	free(r->takes);
	r->takes = NULL;
	r->ntakes = r->cap = 0;
	dib_arena_release(&r->a);
}

/* Notes a take for the batch's line at index line. */
static dib_code take(struct payroll__recover *r, size_t line, int64_t overpayment_id, int64_t fen,
		     dib_err *err)
{
	if (r->ntakes == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		struct payroll__take *t = realloc(r->takes, cap * sizeof *t);
		if (!t)
			return dib_err_nomem(err);
		r->takes = t;
		r->cap = cap;
	}
	r->takes[r->ntakes++] = (struct payroll__take){ line, overpayment_id, fen };
	return DIB_OK;
}

/* The first due entry of (household, person), or ndue. */
static size_t first_due(const struct payroll__recover *r, int64_t household, int64_t person)
{
	size_t lo = 0, hi = r->ndue;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const store_overpayment_due *d = &r->due[mid];
		if (d->household_id < household ||
		    (d->household_id == household && d->person_id < person))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

dib_code payroll__recover_line(struct payroll__recover *r, store_payroll_line *l, size_t line,
			       dib_err *err)
{
	if (!r->ndue)
		return DIB_OK;
	size_t i0 = first_due(r, l->household_id, l->person_id), k = 0;
	while (i0 + k < r->ndue && r->due[i0 + k].household_id == l->household_id &&
	       r->due[i0 + k].person_id == l->person_id)
		k++;
	if (!k)
		return DIB_OK;
	dib_fen gross = l->base_fen + l->addon_fen;
	dib_fen total = recovery_split(gross, r->max_bp, r->out + i0, k, r->take + i0);
	dib_code rc = DIB_OK;
	for (size_t i = i0; !rc && i < i0 + k; i++) {
		if (!r->take[i])
			continue;
		r->out[i] -= r->take[i];
		rc = take(r, line, r->due[i].id, r->take[i], err);
	}
	l->deduction_fen = total;
	l->total_fen = gross - total;
	return rc;
}

dib_code payroll__recover_flush(struct payroll__recover *r, struct store *s, const char *county,
				const store_payroll_line *lines, dib_err *err)
{
	if (!r->ntakes)
		return DIB_OK;
	store_recovery *rows = calloc(r->ntakes, sizeof *rows);
	if (!rows)
		return dib_err_nomem(err);
	for (size_t i = 0; i < r->ntakes; i++) {
		rows[i].overpayment_id = r->takes[i].overpayment_id;
		rows[i].kind = "deduction";
		rows[i].line_id = lines[r->takes[i].line].id;
		rows[i].amount_fen = r->takes[i].fen;
		rows[i].at = r->now;
		rows[i].actor = r->actor ? r->actor : "";
	}
	dib_code rc = store_recoveries_insert(s, county, rows, r->ntakes, err);
	free(rows);
	r->ntakes = 0;
	return rc;
}

/* What the overpayments of a reissue still have outstanding: read (and
 * locked) once each, then lowered as its lines carry deductions. */
struct left {
	int64_t *ids;
	dib_fen *fen;
	size_t n, cap;
};

static dib_code left_of(struct store *s, struct left *c, int64_t id, dib_arena *a, dib_fen **out,
			dib_err *err)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->ids[i] == id) {
			*out = &c->fen[i];
			return DIB_OK;
		}
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		int64_t *ids = realloc(c->ids, cap * sizeof *ids);
		if (ids)
			c->ids = ids;
		dib_fen *fen = ids ? realloc(c->fen, cap * sizeof *fen) : NULL;
		if (!fen)
			return dib_err_nomem(err);
		c->fen = fen;
		c->cap = cap;
	}
	dib_code rc = store_overpayment_lock(s, id, err);
	store_overpayment_row row;
	bool found = false;
	if (!rc)
		rc = store_overpayment_get(s, id, a, &row, &found, err);
	if (rc)
		return rc;
	c->ids[c->n] = id;
	c->fen[c->n] = found && !row.o.closed_on[0] && row.outstanding_fen > 0 ? row.outstanding_fen
										: 0;
	*out = &c->fen[c->n++];
	return DIB_OK;
}

/* The deductions the reissue lines ls carry, noted in r. */
static dib_code carry(struct payroll__recover *r, struct store *s, const store_payroll_failed *orig,
		      store_payroll_line *ls, size_t n, dib_arena *a, dib_err *err)
{
	struct left c = { 0 };
	dib_code rc = DIB_OK;
	for (size_t i = 0; !rc && i < n; i++) {
		store_payroll_line *l = &ls[i];
		dib_fen gross = l->base_fen + l->addon_fen, carried = 0;
		store_recovery *rs = NULL;
		size_t nr = 0;
		store_recovery_filter f = { .line_id = orig[i].line.id };
		if (orig[i].line.deduction_fen > 0)
			rc = store_recoveries(s, &f, a, &rs, &nr, err);
		for (size_t k = 0; !rc && k < nr; k++) {
			dib_fen *lf = NULL;
			rc = left_of(s, &c, rs[k].overpayment_id, a, &lf, err);
			dib_fen t = rc ? 0 : rs[k].amount_fen < *lf ? rs[k].amount_fen : *lf;
			/* never more than the original took: the line stays above zero */
			if (t > orig[i].line.deduction_fen - carried)
				t = orig[i].line.deduction_fen - carried;
			if (!rc && t > 0) {
				*lf -= t;
				carried += t;
				rc = take(r, i, rs[k].overpayment_id, t, err);
			}
		}
		l->deduction_fen = carried;
		l->total_fen = gross - carried;
	}
	free(c.ids);
	free(c.fen);
	return rc;
}

dib_code payroll__reissue_insert(struct store *s, const char *county, const char *actor,
				 const store_payroll_failed *orig, store_payroll_line *ls, size_t n,
				 dib_arena *a, dib_err *err)
{
	struct payroll__recover r;
	dib_code rc = payroll__recover_init(&r, s, NULL, err);
	r.actor = actor;
	if (!rc)
		rc = carry(&r, s, orig, ls, n, a, err);
	if (!rc)
		rc = store_payroll_lines_insert(s, county, ls, n, err);
	if (!rc)
		rc = payroll__recover_flush(&r, s, county, ls, err);
	payroll__recover_release(&r);
	return rc;
}
