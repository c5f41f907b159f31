/*
 * assessment_json.c (svc) — the assessment as JSON (assessment.h): what
 * the case stores with itself and the API returns. Money is integer fen in
 * fields named *_fen; dates are "YYYY-MM-DD"; every code comes with its
 * Chinese name where a page shows it.
 *
 * Built with json_object_set_new, whose failures (out of memory, a NULL
 * value) are collected in one flag and turned into NULL at the end, so the
 * shape of the answer reads top to bottom without an error check per field.
 *
 * Thread-safety: pure over its input.
 */
#include "util/dib.h"
#include "core/codes.h"
#include "svc/assessment_int.h"

struct jb {
	bool bad;
};

static void put(struct jb *b, json_t *o, const char *key, json_t *v)
{
	if (json_object_set_new(o, key, v))
		b->bad = true;
}

static void push(struct jb *b, json_t *arr, json_t *v)
{
	if (json_array_append_new(arr, v))
		b->bad = true;
}

static json_t *fen(dib_fen v)
{
	return json_integer((json_int_t)v);
}

static json_t *text(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *date_json(dib_date d)
{
	char buf[DIB_DATE_STR];
	return d.year ? json_string(date_format(d, buf)) : json_null();
}

static const char *cover_code(enum amount_cover c)
{
	switch (c) {
	case AMOUNT_COVERED: return "covered";
	case AMOUNT_OUTSIDE: return "outside";
	case AMOUNT_WORK_REFUSAL: return "work_refusal";
	}
	return "?";
}

static json_t *persons_json(struct jb *b, const struct assessment *r)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < r->npersons; i++) {
		const struct assessment_person *p = &r->persons[i];
		json_t *o = json_object();
		put(b, o, "person_id", json_integer(p->person_id));
		put(b, o, "name", text(p->name));
		put(b, o, "relation", json_integer(p->relation));
		put(b, o, "relation_name", text(codes_name(CODES_RELATION, p->relation)));
		put(b, o, "birth_date", json_string(p->birth_date));
		put(b, o, "age", json_integer(p->age));
		put(b, o, "disability_kind", json_integer(p->disability_kind));
		put(b, o, "disability_grade", json_integer(p->disability_grade));
		put(b, o, "health", json_integer(p->health));
		put(b, o, "labour", json_integer(p->labour));
		put(b, o, "cover", json_string(cover_code(p->cover)));
		push(b, arr, o);
	}
	return arr;
}

static json_t *assets_json(struct jb *b, const struct assessment *r)
{
	json_t *o = json_object(), *arr = json_array();

	put(b, o, "pass", json_boolean(r->assets_pass));
	put(b, o, "financial_fen", fen(r->financial_fen));
	put(b, o, "financial_cap_fen", fen(r->financial_cap_fen));
	put(b, o, "vehicles", json_integer(r->vehicles));
	put(b, o, "dwellings", json_integer(r->dwellings));
	for (size_t i = 0; arr && i < r->nasset_failures; i++) {
		const struct assessment_finding *f = &r->asset_failures[i];
		json_t *x = json_object();
		put(b, x, "test", json_string(f->test_code));
		put(b, x, "asset_id", f->asset_id ? json_integer(f->asset_id) : json_null());
		put(b, x, "reason", text(f->reason));
		put(b, x, "basis", text(f->basis));
		push(b, arr, x);
	}
	put(b, o, "failures", arr);
	return o;
}

static json_t *sheet_json(struct jb *b, const struct assessment *r)
{
	json_t *arr = json_array();

	for (size_t i = 0; arr && i < r->nlines; i++) {
		const amount_line *l = &r->lines[i];
		json_t *o = json_object();
		put(b, o, "label", text(l->label));
		put(b, o, "formula", text(l->formula));
		put(b, o, "basis", text(l->basis));
		put(b, o, "fen", fen(l->fen));
		push(b, arr, o);
	}
	return arr;
}

static json_t *score_json(struct jb *b, const struct assessment *r)
{
	static const char *const lean_code[] = {"oppose", "open", "support"};
	static const char *const lean_name[] = {"倾向不支持", "需综合研判", "倾向支持"};
	const assess_score_result *s = &r->score;
	json_t *o, *arr;
	int l = (int)s->lean + 1;

	if (!r->scored)
		return json_null();
	o = json_object();
	arr = json_array();
	put(b, o, "measured", json_integer(s->measured));
	put(b, o, "vote_valid", json_boolean(s->vote_valid));
	put(b, o, "vote", s->vote >= 0 ? json_integer(s->vote) : json_null());
	put(b, o, "score", json_integer(s->score));
	put(b, o, "lean", json_string(l >= 0 && l <= 2 ? lean_code[l] : "?"));
	put(b, o, "lean_name", json_string(l >= 0 && l <= 2 ? lean_name[l] : "?"));
	put(b, o, "disagree", json_boolean(s->disagree));
	for (size_t i = 0; arr && i < s->nreasons; i++)
		push(b, arr, text(s->reasons[i]));
	put(b, o, "reasons", arr);
	return o;
}

json_t *assessment_json(const struct assessment *r)
{
	struct jb b = {false};
	json_t *o = json_object(), *x;

	if (!o)
		return NULL;
	put(&b, o, "household_id", json_integer(r->household_id));
	put(&b, o, "county", json_string(r->county));
	put(&b, o, "hh_no", text(r->hh_no));
	put(&b, o, "program", text(r->program));
	put(&b, o, "program_name", text(r->program_name));
	put(&b, o, "on", date_json(r->on));

	x = json_object();
	put(&b, x, "from", date_json(r->period_from));
	put(&b, x, "to", date_json(r->period_to));
	put(&b, x, "months", json_integer(r->period_months));
	put(&b, o, "period", x);

	put(&b, o, "coverage", json_string(r->coverage == AMOUNT_SINGLE ? "single" : "whole"));
	put(&b, o, "single_person_id",
	    r->single_person_id ? json_integer(r->single_person_id) : json_null());
	put(&b, o, "persons", json_integer((json_int_t)r->npersons));
	put(&b, o, "covered", json_integer(r->covered));
	put(&b, o, "members", persons_json(&b, r));

	x = json_object();
	put(&b, x, "amount_fen", fen(r->standard_amount_fen));
	put(&b, x, "unit", json_string(r->standard_unit == AMOUNT_PER_YEAR ? "person_year"
									  : "person_month"));
	put(&b, x, "effective_from", date_json(r->standard_from));
	put(&b, o, "standard", x);
	put(&b, o, "standard_fen", fen(r->standard_fen));
	put(&b, o, "edge_line_fen", fen(r->edge_line_fen));

	x = json_object();
	put(&b, x, "counted_fen", fen(r->counted_fen));
	put(&b, x, "excluded_fen", fen(r->excluded_fen));
	put(&b, x, "deducted_fen", fen(r->deducted_fen));
	put(&b, x, "net_fen", fen(r->net_fen));
	put(&b, x, "left_out", json_integer((json_int_t)r->incomes_left_out));
	put(&b, o, "income", x);
	put(&b, o, "per_capita_income_fen", fen(r->per_capita_fen));
	put(&b, o, "personal_income_fen",
	    r->coverage == AMOUNT_SINGLE ? fen(r->personal_income_fen) : json_null());

	put(&b, o, "assets", assets_json(&b, r));

	put(&b, o, "class", text(r->class_code));
	put(&b, o, "class_name", text(r->class_name));
	put(&b, o, "eligible", json_boolean(r->eligible));
	put(&b, o, "conclusion", text(r->conclusion));
	put(&b, o, "base_fen", fen(r->base_fen));
	put(&b, o, "addon_fen", fen(r->addon_fen));
	put(&b, o, "amount_fen", fen(r->amount_fen));
	put(&b, o, "sheet", sheet_json(&b, r));
	put(&b, o, "score", score_json(&b, r));
	if (b.bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}
