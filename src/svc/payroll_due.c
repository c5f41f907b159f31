/*
 * payroll_due.c — what a household was due, month by month, and what it
 * got (svc/payroll.h payroll_household): the household page's account.
 *
 * Due: for each month, the entitlement in force that month (a later row of
 * a split entitlement wins, as in a roster), its decision's base recomputed
 * with the standard and rules in force that month (payroll__due_month: the
 * same rule the roster applies), plus its add-on. A program paid per
 * person is due person by person, each covered person's month by
 * core/benefit as its roster and the arrears compute it
 * (payroll__person_due); a month without a standard in force keeps the
 * decision's amount. Paid, pending, failed:
 * from the household's payroll lines, month by month from each line's
 * detail (a quarter's line lists its three months); a failed line a reissue
 * took up counts as nothing (its reissue counts). Owed = due − (paid +
 * pending): positive is still to pay (补发), negative was paid beyond what
 * is due (应追缴).
 *
 * The account starts at the later of the first entitlement's month and the
 * first month dibao built a roster for the program in the county: what was
 * paid before dibao is not in its books.
 *
 * Overpayments (应追缴) and their recovery: each month shows the
 * overpayments recorded for its period (at the period's first month) and
 * what was recovered in it — deducted from a line the bank paid (at the
 * line's first month) or repaid with a receipt dated in it. Paid stays the
 * line's base + add-on: a deduction is an old overpayment given back, not
 * less paid for the month. The account's overpaid, recovered, recovering
 * and outstanding count every overpayment of the program, also outside
 * the months shown.
 *
 * Thread-safety: as struct store — one connection per thread.
 */
#include "util/dib.h"
#include "core/amount.h"
#include "store/store.h"
#include "store/store_household.h"
#include "svc/case_rules.h"
#include "svc/payroll_int.h"
#include "svc/standard.h"

#include <string.h>

#define MAX_MONTHS 60 /* the household page looks back five years at most */

void payroll__due_month(const amount_params *p, dib_fen standard, const store_payroll_basis *b,
			dib_fen *base, dib_fen *addon)
{
	/* a decision before schema v10 recorded only its total */
	*base = b->base_fen >= 0 ? b->base_fen : b->amount_fen;
	*addon = b->base_fen >= 0 ? b->addon_fen : 0;
	/* one with its income follows the standard by the gap method; banded
	 * amounts stay as decided */
	if (p && b->base_fen >= 0 && b->income_fen >= 0 && standard > 0 && p->method == AMOUNT_GAP)
		*base = amount_gap_base(p, standard, b->income_fen, b->persons);
}

/* The first month of a period code of any rhythm; false when none reads it. */
static bool period_first(const char *code, dib_month *out)
{
	for (int r = 0; r < PAY_RHYTHMS; r++) {
		struct pay_period p;
		if (!pay_period_parse((enum pay_rhythm)r, code, &p, NULL)) {
			*out = p.first;
			return true;
		}
	}
	return false;
}

/* The household's overpayments and repayments, read once for every account. */
struct recovery_rows {
	const store_overpayment_row *os;
	size_t no;
	const store_recovery *rs;
	size_t nr;
};

/* Adds what program's overpayments and repayments put in acc (months
 * first..first + n − 1). */
static void recovery_of(const struct recovery_rows *x, const char *program, dib_month first,
			int n, struct payroll_account *acc)
{
	for (size_t i = 0; i < x->no; i++) {
		const store_overpayment_row *o = &x->os[i];
		if (strcmp(o->o.program, program))
			continue;
		acc->overpaid_fen += o->o.amount_fen;
		acc->recovered_fen += o->recovered_fen;
		acc->recovering_fen += o->pending_fen;
		acc->cancelled_fen += o->cancelled_fen;
		if (!o->o.closed_on[0] && o->outstanding_fen > 0)
			acc->outstanding_fen += o->outstanding_fen;
		dib_month m;
		int k = period_first(o->o.period, &m) ? month_diff(first, m) : -1;
		if (k >= 0 && k < n)
			acc->months[k].overpaid_fen += o->o.amount_fen;
	}
	for (size_t i = 0; i < x->nr; i++) {
		const store_recovery *r = &x->rs[i];
		dib_month m;
		if (strcmp(r->kind, "repayment") || strcmp(r->program, program) ||
		    month_parse(r->paid_on, 7, &m, NULL))
			continue;
		int k = month_diff(first, m);
		if (k >= 0 && k < n)
			acc->months[k].recovered_fen += r->amount_fen;
	}
}

/* The due of a program paid per person, gathered person by person. */
struct person_due {
	int64_t household_id;
	const char *program;
	struct payroll__pmonths pm; /* the chunk of months being gathered */
	struct payroll__pdue due;
	int k0;                     /* the chunk's first month in acc */
	struct payroll_account *acc;
};

static dib_code on_person(void *ctx, const store_payroll_person *p, dib_err *err)
{
	struct person_due *x = ctx;
	if (p->household_id != x->household_id)
		return DIB_OK;
	dib_code rc = payroll__person_due(&x->pm, x->program, p, &x->due, err);
	for (int k = 0; !rc && k < x->pm.n; k++)
		if (x->due.row[k])
			x->acc->months[x->k0 + k].due_fen += x->due.paid[k].fen;
	return rc;
}

/* The due of program, paid per person, for months acc->months[0..n) of the
 * household: each covered person's months as the roster and the arrears
 * compute them (payroll__person_due), a year of months at a time, from the
 * household's own persons (store_payroll_household_people: a seek on the
 * household, not a walk of its township).
 * Months whose rules or standard cannot be loaded are left unset (set[k]
 * false): the caller keeps the decision's amount for them. */
static dib_code person_dues(struct store *s, const char *county, int64_t household_id,
			    const char *program, dib_month first, int n,
			    struct payroll_account *acc, bool *set, dib_err *err)
{
	struct person_due *x = calloc(1, sizeof *x); /* twelve months of rules: not for a stack */
	if (!x)
		return dib_err_nomem(err);
	x->household_id = household_id;
	x->program = program;
	x->acc = acc;
	dib_code rc = DIB_OK;
	for (int k0 = 0; !rc && k0 < n; k0 += PAYROLL__MAX_MONTHS) {
		int c = n - k0 < PAYROLL__MAX_MONTHS ? n - k0 : PAYROLL__MAX_MONTHS;
		dib_month m0 = month_add(first, k0);
		dib_err scratch;
		dib_err_clear(&scratch);
		if (payroll__pmonths_load(s, county, program, m0, c, &x->pm, &scratch))
			continue; /* no standard in force then: the decision's amount */
		char from[DIB_DATE_STR], to[DIB_DATE_STR];
		date_format(month_first_day(m0), from);
		date_format(month_first_day(month_add(m0, c - 1)), to);
		x->k0 = k0;
		rc = store_payroll_household_people(s, county, program, from, to, household_id,
						    on_person, x, err);
		for (int k = 0; !rc && k < c; k++)
			set[k0 + k] = true;
	}
	free(x);
	return rc;
}

/* The account of one program in *acc: months first..last, of household_id. */
static dib_code account_of(struct store *s, const char *county, int64_t household_id,
			   const char *program,
			   const store_payroll_basis *bs, size_t nb, const store_payroll_hline *ls,
			   size_t nl, const struct recovery_rows *rec, dib_month first,
			   dib_month last, dib_arena *a, struct payroll_account *acc, dib_err *err)
{
	int n = month_diff(first, last) + 1;
	if (n > MAX_MONTHS) {
		first = month_add(last, -(MAX_MONTHS - 1));
		n = MAX_MONTHS;
	}
	acc->program = program;
	acc->program_name = payroll__program_name(s, program, a);
	acc->months = dib_arena_calloc(a, (size_t)(n > 0 ? n : 1) * sizeof *acc->months);
	if (!acc->months)
		return dib_err_nomem(err);
	acc->nmonths = n > 0 ? (size_t)n : 0;
	bool dibao = !strncmp(program, "dibao_", 6);
	/* a program paid per person is due person by person, as its roster */
	bool *by_person = dib_arena_calloc(a, (size_t)(n > 0 ? n : 1) * sizeof *by_person);
	dib_code rc = by_person ? DIB_OK : dib_err_nomem(err);
	if (!rc && !dibao && n > 0)
		rc = person_dues(s, county, household_id, program, first, n, acc,
				 by_person, err);
	for (int k = 0; !rc && k < n; k++) {
		struct payroll_month *m = &acc->months[k];
		m->month = month_add(first, k);
		if (by_person[k])
			continue;
		char d[DIB_DATE_STR];
		date_format(month_first_day(m->month), d);
		const store_payroll_basis *b = NULL;
		for (size_t i = 0; i < nb; i++)
			if (!strcmp(bs[i].program, program) && strcmp(bs[i].from_month, d) <= 0 &&
			    (!bs[i].to_month[0] || strcmp(bs[i].to_month, d) >= 0))
				b = &bs[i];
		if (!b)
			continue;
		struct case_rules cr;
		dib_fen std = 0;
		bool have = false;
		if (dibao) {
			rc = case_rules_load(s, county, month_first_day(m->month), a, &cr, err);
			if (!rc)
				rc = standard_monthly(s, county, program, month_first_day(m->month), &std,
						      err);
			if (rc == DIB_ENOTFOUND) {
				dib_err_clear(err);
				rc = DIB_OK;
				std = 0;
			}
			have = !rc;
		}
		dib_fen base = 0, addon = 0;
		if (!rc)
			payroll__due_month(have ? &cr.amount : NULL, std, b, &base, &addon);
		m->due_fen = base + addon;
	}
	/* what the lines paid, month by month */
	for (size_t i = 0; !rc && i < nl; i++) {
		const store_payroll_hline *l = &ls[i];
		if (strcmp(l->program, program) || (!strcmp(l->status, "failed") && l->reissued))
			continue;
		json_t *j = l->detail ? json_loads(l->detail, 0, NULL) : NULL;
		size_t idx;
		json_t *it;
		bool any = false;
		/* a deduction the bank paid counts in the line's first month */
		int64_t deducted = !strcmp(l->status, "paid") ? l->deduction_fen : 0;
		json_array_foreach(j, idx, it) {
			const char *ms = json_string_value(json_object_get(it, "month"));
			json_int_t fen = json_integer_value(json_object_get(it, "fen"));
			dib_month mm;
			if (!ms || month_parse(ms, strlen(ms), &mm, NULL))
				continue;
			int k = month_diff(first, mm);
			if (k < 0 || k >= n)
				continue;
			any = true;
			struct payroll_month *m = &acc->months[k];
			m->recovered_fen += deducted;
			deducted = 0;
			if (!strcmp(l->status, "paid"))
				m->paid_fen += fen;
			else if (!strcmp(l->status, "pending"))
				m->pending_fen += fen;
			else
				m->failed_fen += fen;
		}
		json_decref(j);
		(void)any;
	}
	for (int k = 0; k < n; k++) {
		struct payroll_month *m = &acc->months[k];
		m->owed_fen = m->due_fen - m->paid_fen - m->pending_fen;
		acc->due_fen += m->due_fen;
		acc->paid_fen += m->paid_fen;
		acc->pending_fen += m->pending_fen;
		acc->failed_fen += m->failed_fen;
		acc->owed_fen += m->owed_fen;
	}
	recovery_of(rec, program, first, n, acc);
	return rc;
}

dib_code payroll_household(struct store *s, const struct authz_subject *who, int64_t household_id,
			   dib_date today, dib_arena *a, struct payroll_household_view *out,
			   dib_err *err)
{
	memset(out, 0, sizeof *out);
	store_household h;
	dib_code rc = store_household_get(s, household_id, a, &h, err);
	if (rc == DIB_ENOTFOUND) {
		dib_err_clear(err);
		return dib_err_set(err, DIB_ENOTFOUND, "家庭 %lld 不存在", (long long)household_id);
	}
	if (!rc && who)
		rc = authz_check_object(who, AUTHZ_REGISTER_READ, h.village_code, "该家庭", err);
	store_payroll_basis *bs = NULL;
	size_t nb = 0;
	if (!rc)
		rc = store_payroll_household_basis(s, household_id, a, &bs, &nb, err);
	if (!rc)
		rc = store_payroll_household_lines(s, household_id, a, &out->lines, &out->nlines, err);
	/* its overpayments and their repayments */
	store_overpayment_filter of = { .county = h.county, .household_id = household_id,
					.limit = 100000 };
	int64_t nover = 0;
	if (!rc)
		rc = store_overpayments_list(s, &of, a, &out->overpayments, &out->noverpayments, &nover,
					     err);
	store_recovery_filter rf = { .household_id = household_id };
	struct recovery_rows rec = { .os = out->overpayments, .no = out->noverpayments };
	store_recovery *rs = NULL;
	if (!rc)
		rc = store_recoveries(s, &rf, a, &rs, &rec.nr, err);
	rec.rs = rs;
	if (rc)
		return rc;
	/* the programs, each from its first month to today's */
	const char *progs[16];
	dib_month firsts[16];
	size_t np = 0;
	for (size_t i = 0; i < nb && np < DIB_ARRAY_LEN(progs); i++) {
		dib_month m;
		if (month_parse(bs[i].from_month, 7, &m, NULL))
			continue;
		size_t k = 0;
		while (k < np && strcmp(progs[k], bs[i].program))
			k++;
		if (k == np) {
			progs[np] = bs[i].program;
			firsts[np++] = m;
		} else if (month_cmp(m, firsts[k]) < 0) {
			firsts[k] = m;
		}
	}
	out->accounts = dib_arena_calloc(a, (np ? np : 1) * sizeof *out->accounts);
	if (!out->accounts)
		return dib_err_nomem(err);
	for (size_t k = 0; !rc && k < np; k++) {
		/* months before dibao's first roster of the program were paid
		 * by whatever the county used before: not counted here */
		char live[DIB_DATE_STR];
		dib_month lm;
		rc = store_payroll_first_month(s, h.county, progs[k], live, err);
		if (!rc && live[0] && !month_parse(live, 7, &lm, NULL) && month_cmp(lm, firsts[k]) > 0)
			firsts[k] = lm;
		if (!rc && !live[0])
			firsts[k] = month_of(today);
		if (!rc)
			rc = account_of(s, h.county, household_id, progs[k], bs, nb,
					out->lines, out->nlines, &rec, firsts[k], month_of(today), a,
					&out->accounts[k], err);
	}
	if (!rc)
		out->naccounts = np;
	return rc;
}

dib_code payroll__prepare_county(const struct authz_subject *who, const char *given,
				 char county[REGION_COUNTY_LEN + 1], dib_err *err)
{
	const char *code = given && given[0] ? given : (who ? who->region_code : NULL);
	county[0] = '\0';
	if (!who)
		return dib_err_set(err, DIB_EPERM, "造册须以具体人员的身份进行");
	if (!code)
		return dib_err_set(err, DIB_EINVAL, "请指明县（区）");
	region_county_of(code, county);
	if (!county[0])
		return dib_err_set(err, DIB_EINVAL, "“%s”不是县（区）或其下级区划", code);
	dib_code rc = authz_check(who, AUTHZ_PAYROLL_PREPARE, NULL, err);
	char mine[REGION_COUNTY_LEN + 1];
	region_county_of(who->region_code, mine);
	if (!rc && strcmp(mine, county))
		rc = dib_err_set(err, DIB_EPERM, "该县（区）不在您的管辖区域内");
	return rc;
}
