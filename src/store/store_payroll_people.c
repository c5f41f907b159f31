/*
 * store_payroll_people.c — the register a roster of a program paid per
 * person is built from (store_payroll.h: store_payroll_people,
 * store_payroll_person_get) and the same for one household's account
 * (store_payroll_household_people).
 *
 * Two scans ordered by (household, person) are merged: the persons the
 * program's entitlements cover, one row per entitlement row, with the
 * person's facts from the register; and the other programs' entitlement
 * rows of the same persons. Each person is handed over once with all its
 * rows, from an arena reset per person, so memory stays one person's
 * worth whatever the county's size (PostgreSQL holds each scan's result,
 * as every scan of this store does).
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#include "util/dib.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/store_payroll.h"

#include <string.h>

/* The programs whose rows a person's amount is weighed against. */
#define OTHER_PROGRAMS                                                                     \
	"('dibao_urban', 'dibao_rural', 'tekun_central', 'tekun_dispersed', 'disab_living',"  \
	" 'child_unsupported')"

/* The person's columns, 7..35 of the person scan, for household HH and
 * person PID (SQL expressions); PERSON_NCOLS of them. */
#define PERSON_COLS(HH, PID)                                                                 \
	" h.hh_no, h.village_code, coalesce(v.parent_code, ''),"                              \
	" coalesce(v.name, h.village_code), hp.name, hp.id_number, h.bank_name,"             \
	" h.bank_account, h.account_name, p.name, p.id_number, p.birth_date, p.orphan,"      \
	" (SELECT count(*) FROM memberships m WHERE m.household_id = " HH                     \
	" AND m.person_id = " PID " AND m.end_date IS NULL),"                                \
	" (SELECT count(*) FROM memberships m WHERE m.household_id = " HH                     \
	" AND m.person_id = " PID "),"                                                        \
	" (SELECT max(m.end_date) FROM memberships m WHERE m.household_id = " HH             \
	" AND m.person_id = " PID "),"                                                        \
	" (SELECT min(r.event_date) FROM coverage_reviews r WHERE r.person_id = " PID        \
	" AND r.kind = 'death'),"                                                             \
	" (SELECT min(d.grade) FROM disabilities d WHERE d.person_id = " PID "),"            \
	" (SELECT count(*) FROM disabilities d WHERE d.person_id = " PID "),"                \
	" (SELECT max(d.category) FROM disabilities d WHERE d.person_id = " PID "),"         \
	" (SELECT count(*) FROM disabilities d WHERE d.person_id = " PID                      \
	" AND d.certificate_no IS NOT NULL AND d.certificate_no <> ''),"                      \
	" coalesce(hm.person_id, 0)"

/* The joins the person's columns need, h and p being in scope. */
#define PERSON_JOINS                                                                        \
	" LEFT JOIN regions v ON v.code = h.village_code"                                      \
	" LEFT JOIN memberships hm ON hm.household_id = h.id AND hm.relation = 1"             \
	" AND hm.end_date IS NULL"                                                            \
	" LEFT JOIN persons hp ON hp.id = hm.person_id"

/* An entitlement row's columns: id, program, from, to, amount, persons,
 * then the facts (NULL self_care_unmet: no facts row). */
#define ENT_COLS(E)                                                                          \
	" " E ".id, " E ".program, " E ".from_month, " E ".to_month, " E ".amount_fen, "         \
	E ".persons, f.self_care_unmet, f.long_term_care, f.injury_care, f.edge,"               \
	" f.other_living_fen, f.other_living_name, f.other_care_fen, f.other_care_name"
#define ENT_NCOLS 14

/* Where a scan's columns start: household, person, the entitlement row,
 * then (person scan) the person. */
#define C_HH 0
#define C_PERSON 1
#define C_ENT 2
#define C_P (C_ENT + ENT_NCOLS)

/* The persons covered by county × program overlapping [$3, $4] whose
 * household SCOPE selects: one row per entitlement row. */
#define PEOPLE_SQL(SCOPE)                                                                  \
	"SELECT e.household_id, em.person_id," ENT_COLS("e") ","                           \
	PERSON_COLS("e.household_id", "em.person_id")                                      \
	" FROM entitlements e JOIN entitlement_members em ON em.entitlement_id = e.id"      \
	" JOIN households h ON h.id = e.household_id"                                      \
	" JOIN persons p ON p.id = em.person_id"                                           \
	PERSON_JOINS                                                                       \
	" LEFT JOIN benefit_facts f ON f.entitlement_id = e.id AND f.person_id = em.person_id" \
	" WHERE e.county = $1 AND e.program = $2 AND e.from_month <= $4"                   \
	" AND (e.to_month IS NULL OR e.to_month >= $3) AND " SCOPE                         \
	" ORDER BY e.household_id, em.person_id, e.from_month, e.id"

/* The other programs' rows of the same persons, keyed by the household the
 * person is paid in; JOINS and SCOPE select the households as above. */
#define OTHERS_SQL(JOINS, SCOPE)                                                           \
	"WITH own AS (SELECT DISTINCT e.household_id, em.person_id FROM entitlements e"     \
	" JOIN entitlement_members em ON em.entitlement_id = e.id" JOINS                   \
	" WHERE e.county = $1 AND e.program = $2 AND e.from_month <= $4"                   \
	" AND (e.to_month IS NULL OR e.to_month >= $3) AND " SCOPE ")"                     \
	" SELECT o.household_id, o.person_id," ENT_COLS("x")                               \
	" FROM own o JOIN entitlement_members xm ON xm.person_id = o.person_id"            \
	" JOIN entitlements x ON x.id = xm.entitlement_id"                                 \
	" LEFT JOIN benefit_facts f ON f.entitlement_id = x.id AND f.person_id = o.person_id" \
	" WHERE x.program IN " OTHER_PROGRAMS " AND x.program <> $2 AND x.from_month <= $4" \
	" AND (x.to_month IS NULL OR x.to_month >= $3)"                                    \
	" ORDER BY o.household_id, o.person_id, x.from_month, x.id"

/* A roster's scope: township $5 ('' = any), read from the village's row. */
#define TOWNSHIP_SCOPE "($5 = '' OR v.parent_code = $5)"
static const char people_sql[] = PEOPLE_SQL(TOWNSHIP_SCOPE);
static const char others_sql[] =
	OTHERS_SQL(" JOIN households h ON h.id = e.household_id"
		   " LEFT JOIN regions v ON v.code = h.village_code",
		   TOWNSHIP_SCOPE);

/* One household's account: household $5, sought through
 * entitlements_payroll (county, program, household_id, from_month) rather
 * than by walking its township. */
#define HOUSEHOLD_SCOPE "e.household_id = $5"
static const char hh_people_sql[] = PEOPLE_SQL(HOUSEHOLD_SCOPE);
static const char hh_others_sql[] = OTHERS_SQL("", HOUSEHOLD_SCOPE);

/* One person as a member of household $1 (no entitlement yet). */
static const char person_sql[] =
	"SELECT h.id, p.id, 0, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
	" NULL," PERSON_COLS("h.id", "p.id")
	" FROM households h JOIN persons p ON p.id = $2"
	PERSON_JOINS
	" WHERE h.id = $1";

/* The other programs' rows of person $1 overlapping [$3, $4], not program $2. */
static const char person_others_sql[] =
	"SELECT 0, xm.person_id," ENT_COLS("x")
	" FROM entitlement_members xm JOIN entitlements x ON x.id = xm.entitlement_id"
	" LEFT JOIN benefit_facts f ON f.entitlement_id = x.id AND f.person_id = xm.person_id"
	" WHERE xm.person_id = $1 AND x.program IN " OTHER_PROGRAMS " AND x.program <> $2"
	" AND x.from_month <= $4 AND (x.to_month IS NULL OR x.to_month >= $3)"
	" ORDER BY x.from_month, x.id";

/* A growable array of rows in the person's arena. */
struct ents {
	store_payroll_ent *v;
	size_t n, cap;
};

static dib_code read_ent(struct store_stmt *st, dib_arena *a, struct ents *e, dib_err *err)
{
	if (e->n == e->cap) {
		size_t cap = e->cap ? 2 * e->cap : 8;
		store_payroll_ent *v = dib_arena_alloc(a, cap * sizeof *v);
		if (!v)
			return dib_err_nomem(err);
		if (e->n)
			memcpy(v, e->v, e->n * sizeof *v);
		e->v = v;
		e->cap = cap;
	}
	store_payroll_ent *r = &e->v[e->n];
	memset(r, 0, sizeof *r);
	r->entitlement_id = store_col_int64(st, C_ENT);
	dib_code rc = store__col_dup(st, C_ENT + 1, a, &r->program, err);
	store__col_char(st, C_ENT + 2, r->from_month, sizeof r->from_month);
	store__col_char(st, C_ENT + 3, r->to_month, sizeof r->to_month);
	r->amount_fen = store_col_int64(st, C_ENT + 4);
	r->persons = (int)store_col_int64(st, C_ENT + 5);
	r->has_facts = !store_col_null(st, C_ENT + 6);
	r->facts.self_care_unmet = (int)store_col_int64(st, C_ENT + 6);
	r->facts.long_term_care = store_col_int64(st, C_ENT + 7) != 0;
	r->facts.injury_care = store_col_int64(st, C_ENT + 8) != 0;
	r->facts.edge = store_col_int64(st, C_ENT + 9) != 0;
	r->facts.other_living_fen = store_col_int64(st, C_ENT + 10);
	if (!rc)
		rc = store__col_dup(st, C_ENT + 11, a, &r->facts.other_living_name, err);
	r->facts.other_care_fen = store_col_int64(st, C_ENT + 12);
	if (!rc)
		rc = store__col_dup(st, C_ENT + 13, a, &r->facts.other_care_name, err);
	if (!rc && !r->program)
		r->program = "";
	if (!rc)
		e->n++;
	return rc;
}

static dib_code read_person(struct store_stmt *st, dib_arena *a, store_payroll_person *p,
			    dib_err *err)
{
	memset(p, 0, sizeof *p);
	p->household_id = store_col_int64(st, C_HH);
	p->person_id = store_col_int64(st, C_PERSON);
	dib_code rc = store__col_dup(st, C_P, a, &p->hh_no, err);
	store__col_char(st, C_P + 1, p->village, sizeof p->village);
	store__col_char(st, C_P + 2, p->township, sizeof p->township);
	const char **text[] = { &p->village_name, &p->head_name, &p->head_id_number,
				&p->bank_name, &p->bank_account, &p->account_name, &p->name,
				&p->id_number };
	for (size_t i = 0; !rc && i < DIB_ARRAY_LEN(text); i++)
		rc = store__col_dup(st, C_P + 3 + (int)i, a, text[i], err);
	store__col_char(st, C_P + 11, p->birth_date, sizeof p->birth_date);
	p->orphan = (int)store_col_int64(st, C_P + 12);
	int64_t active = store_col_int64(st, C_P + 13), ever = store_col_int64(st, C_P + 14);
	p->member = ever > 0;
	if (!active)
		store__col_char(st, C_P + 15, p->member_end, sizeof p->member_end);
	store__col_char(st, C_P + 16, p->death_date, sizeof p->death_date);
	p->disability_grade = (int)store_col_int64(st, C_P + 17);
	int64_t ndis = store_col_int64(st, C_P + 18);
	p->disability_kind = ndis > 1 ? 7 /* CODES_DIS_MULTIPLE */
				      : (int)store_col_int64(st, C_P + 19);
	p->disability_card = store_col_int64(st, C_P + 20) > 0;
	p->head_id = store_col_int64(st, C_P + 21);
	if (!rc && !p->hh_no)
		p->hh_no = "";
	if (!rc && !p->village_name)
		p->village_name = "";
	if (!rc && !p->name)
		p->name = "";
	if (!rc && !p->id_number)
		p->id_number = "";
	return rc;
}

static bool same_key(struct store_stmt *st, int64_t hh, int64_t person)
{
	return store_col_int64(st, C_HH) == hh && store_col_int64(st, C_PERSON) == person;
}

/* Whether the other scan's current row comes before (hh, person). */
static bool before_key(struct store_stmt *st, int64_t hh, int64_t person)
{
	int64_t h = store_col_int64(st, C_HH);
	return h < hh || (h == hh && store_col_int64(st, C_PERSON) < person);
}

/* The walk of store_payroll_people over psql and osql (a pair of the
 * statements above), $5 being township (household_id 0) or household_id. */
static dib_code walk(struct store *s, const char *psql, const char *osql, const char *county,
		     const char *program, const char *first, const char *last,
		     const char *township, int64_t household_id, store_payroll_person_fn fn,
		     void *ctx, dib_err *err)
{
	struct store_stmt *ps = NULL, *os = NULL;
	dib_code rc = store_prepare(s, psql, &ps, err);
	if (!rc)
		rc = household_id ? store__bind(ps, err, "TTTTi", county, program, first, last,
						household_id)
				  : store__bind(ps, err, "TTTTT", county, program, first, last,
						township);
	if (!rc)
		rc = store_prepare(s, osql, &os, err);
	if (!rc)
		rc = household_id ? store__bind(os, err, "TTTTi", county, program, first, last,
						household_id)
				  : store__bind(os, err, "TTTTT", county, program, first, last,
						township);
	dib_arena a;
	dib_arena_init(&a, 16384, 0);
	bool prow = false, orow = false;
	if (!rc)
		rc = store_step(ps, &prow, err);
	if (!rc)
		rc = store_step(os, &orow, err);
	while (!rc && prow) {
		dib_arena_reset(&a);
		store_payroll_person p;
		struct ents own = { 0 }, other = { 0 };
		rc = read_person(ps, &a, &p, err);
		/* the person's rows of the program paid */
		while (!rc && prow && same_key(ps, p.household_id, p.person_id)) {
			rc = read_ent(ps, &a, &own, err);
			if (!rc)
				rc = store_step(ps, &prow, err);
		}
		/* the other scan's keys are the person scan's: nothing is skipped
		 * but rows of a person the first scan no longer sees */
		while (!rc && orow && before_key(os, p.household_id, p.person_id))
			rc = store_step(os, &orow, err);
		while (!rc && orow && same_key(os, p.household_id, p.person_id)) {
			rc = read_ent(os, &a, &other, err);
			if (!rc)
				rc = store_step(os, &orow, err);
		}
		p.own = own.v;
		p.nown = own.n;
		p.other = other.v;
		p.nother = other.n;
		if (!rc)
			rc = fn(ctx, &p, err);
	}
	dib_arena_release(&a);
	store_finalize(ps);
	store_finalize(os);
	return rc;
}

dib_code store_payroll_people(struct store *s, const char *county, const char *program,
			      const char *first, const char *last, const char *township,
			      store_payroll_person_fn fn, void *ctx, dib_err *err)
{
	return walk(s, people_sql, others_sql, county, program, first, last,
		    township ? township : "", 0, fn, ctx, err);
}

dib_code store_payroll_household_people(struct store *s, const char *county,
					const char *program, const char *first,
					const char *last, int64_t household_id,
					store_payroll_person_fn fn, void *ctx, dib_err *err)
{
	if (household_id <= 0) /* 0 would mean the whole county to walk() */
		return DIB_OK;
	return walk(s, hh_people_sql, hh_others_sql, county, program, first, last, "",
		    household_id, fn, ctx, err);
}

dib_code store_payroll_person_get(struct store *s, int64_t household_id, int64_t person_id,
				  const char *program, const char *first, const char *last,
				  dib_arena *a, store_payroll_person *out, bool *found,
				  dib_err *err)
{
	*found = false;
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, person_sql, &st, err);
	if (!rc)
		rc = store__bind(st, err, "ii", household_id, person_id);
	bool row = false;
	if (!rc)
		rc = store_step(st, &row, err);
	store_payroll_person p;
	if (!rc && row)
		rc = read_person(st, a, &p, err);
	store_finalize(st);
	if (rc || !row)
		return rc;
	struct ents other = { 0 };
	st = NULL;
	rc = store_prepare(s, person_others_sql, &st, err);
	if (!rc)
		rc = store__bind(st, err, "iTTT", person_id, program ? program : "", first, last);
	for (row = true; !rc && row;) {
		rc = store_step(st, &row, err);
		if (!rc && row)
			rc = read_ent(st, a, &other, err);
	}
	store_finalize(st);
	if (rc)
		return rc;
	p.other = other.v;
	p.nother = other.n;
	*out = p;
	*found = true;
	return DIB_OK;
}
