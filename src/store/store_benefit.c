/*
 * store_benefit.c — the facts a decision of a program paid per person
 * found, and a household's decisions of those programs (store_benefit.h).
 * One SQL text for both engines.
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#include "util/dib.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/store_benefit.h"

#include <string.h>

dib_code store_benefit_facts_insert(struct store *s, const char *county, int64_t entitlement_id,
				    int64_t person_id, const store_benefit_facts *f, dib_err *err)
{
	if (!store_in_tx(s))
		return dib_err_set(err, DIB_EINTERNAL, "内部错误：写入待遇认定事实须在事务中");
	return store__write(s, NULL, err,
		"INSERT INTO benefit_facts (county, entitlement_id, person_id, self_care_unmet,"
		" long_term_care, injury_care, edge, other_living_fen, other_living_name,"
		" other_care_fen, other_care_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
		" $10, $11)",
		"Tiiiiiiitit", county, entitlement_id, person_id,
		(int64_t)f->self_care_unmet, (int64_t)f->long_term_care, (int64_t)f->injury_care,
		(int64_t)f->edge, f->other_living_fen, f->other_living_name, f->other_care_fen,
		f->other_care_name);
}

static dib_code read_grant(struct store_stmt *st, dib_arena *a, void *out, dib_err *err)
{
	store_benefit_grant *g = out;
	memset(g, 0, sizeof *g);
	g->entitlement_id = store_col_int64(st, 0);
	dib_code rc = store__col_dup(st, 1, a, &g->program, err);
	store__col_char(st, 2, g->from_month, sizeof g->from_month);
	store__col_char(st, 3, g->to_month, sizeof g->to_month);
	g->amount_fen = store_col_int64(st, 4);
	if (!rc)
		rc = store__col_dup(st, 5, a, &g->decision_no, err);
	if (!rc)
		rc = store__col_dup(st, 6, a, &g->created_by, err);
	g->person_id = store_col_int64(st, 7);
	if (!rc)
		rc = store__col_dup(st, 8, a, &g->person_name, err);
	g->has_facts = !store_col_null(st, 9);
	g->facts.self_care_unmet = (int)store_col_int64(st, 9);
	g->facts.long_term_care = store_col_int64(st, 10) != 0;
	g->facts.injury_care = store_col_int64(st, 11) != 0;
	g->facts.edge = store_col_int64(st, 12) != 0;
	g->facts.other_living_fen = store_col_int64(st, 13);
	if (!rc)
		rc = store__col_dup(st, 14, a, &g->facts.other_living_name, err);
	g->facts.other_care_fen = store_col_int64(st, 15);
	if (!rc)
		rc = store__col_dup(st, 16, a, &g->facts.other_care_name, err);
	return rc;
}

dib_code store_benefit_grants(struct store *s, int64_t household_id, dib_arena *a,
			      store_benefit_grant **out, size_t *n, dib_err *err)
{
	void *rows = NULL;
	*n = 0;
	dib_code rc = store__select(s,
		"SELECT e.id, e.program, e.from_month, e.to_month, e.amount_fen, e.decision_no,"
		" e.created_by, em.person_id, coalesce(p.name, ''), f.self_care_unmet,"
		" f.long_term_care, f.injury_care, f.edge, f.other_living_fen, f.other_living_name,"
		" f.other_care_fen, f.other_care_name"
		" FROM entitlements e JOIN entitlement_members em ON em.entitlement_id = e.id"
		" LEFT JOIN persons p ON p.id = em.person_id"
		" LEFT JOIN benefit_facts f ON f.entitlement_id = e.id AND f.person_id = em.person_id"
		" WHERE e.household_id = $1 AND e.program <> 'dibao_urban'"
		" AND e.program <> 'dibao_rural' AND e.program <> 'temp_aid'"
		" ORDER BY e.from_month DESC, e.id DESC, em.person_id",
		sizeof(store_benefit_grant), read_grant, a, &rows, n, err, "i", household_id);
	*out = rows;
	return rc;
}
