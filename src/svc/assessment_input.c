/*
 * assessment_input.c (svc) — the register household turned into the
 * inputs of the pure rules: members with their ages and disabilities, the
 * accounting period and the months each income item falls in it, the
 * exclusions and asset types read from the items' text, and the case's
 * own findings (opts). What can and cannot be read from the register is
 * listed in assessment.h.
 *
 * Reading text is a heuristic over words the clerks write; it only ever
 * narrows what is counted to what the national rules exclude by name, and
 * every exclusion shows on the sheet with its article, so a clerk who sees
 * a wrong one corrects the item's text rather than the number.
 *
 * Thread-safety: pure over its inputs; memory from the sheet's arena.
 */
#include "util/dib.h"
#include "core/codes.h"
#include "svc/assessment_int.h"

/* ---- reading the register's text ---- */

static bool has_any(const char *text, const char *const *words)
{
	for (size_t i = 0; text && words[i]; i++)
		if (strstr(text, words[i]))
			return true;
	return false;
}

/* The exclusion an income item's text names (assessment.h); only transfer
 * and other income can be a benefit the rules exclude. */
static int exclusion_of(int kind, const char *item)
{
	static const char *const preferential[] = {"优待抚恤", "抚恤金", "优抚", NULL};
	static const char *const planning[] = {"计划生育", "计生", "独生子女", NULL};
	static const char *const scholarship[] = {"奖学金", NULL};
	static const char *const heroism[] = {"见义勇为", NULL};
	static const char *const assistance[] = {"低保金", "最低生活保障金", "特困供养",
						 "临时救助", "救助金", "救灾", "医疗救助", NULL};
	static const char *const pension_base[] = {"基础养老金", NULL};
	static const char *const disability[] = {"残疾人生活补贴", "残疾人护理补贴", "两项补贴",
						 NULL};
	static const char *const child[] = {"事实无人抚养儿童", NULL};
	static const struct {
		const char *const *words;
		int excl;
	} tab[] = {
		{child, ASSESS_EXCL_UNSUPPORTED_CHILD},
		{disability, ASSESS_EXCL_DISABILITY_SUBSIDY},
		{pension_base, ASSESS_EXCL_PENSION_BASE},
		{preferential, ASSESS_EXCL_PREFERENTIAL},
		{planning, ASSESS_EXCL_FAMILY_PLANNING},
		{scholarship, ASSESS_EXCL_SCHOLARSHIP},
		{heroism, ASSESS_EXCL_HEROISM},
		{assistance, ASSESS_EXCL_SOCIAL_ASSISTANCE},
	};

	if (kind != CODES_INCOME_TRANSFER && kind != CODES_INCOME_OTHER)
		return ASSESS_COUNTED;
	for (size_t i = 0; i < DIB_ARRAY_LEN(tab); i++)
		if (has_any(item, tab[i].words))
			return tab[i].excl;
	return ASSESS_COUNTED;
}

/* An asset row as the core's item (member and necessary set by the caller). */
static assess_asset_item asset_of(const store_asset *r)
{
	static const char *const motorcycle[] = {"摩托", NULL};
	static const char *const ebike[] = {"电动自行车", "电瓶车", "电动车", NULL};
	static const char *const disabled[] = {"代步车", "轮椅", NULL};
	static const char *const nonresidential[] = {"商铺", "门面", "门市", "写字楼", "办公",
						     "厂房", "仓库", NULL};
	static const char *const employs[] = {"雇工", "雇佣", "雇员", NULL};
	static const char *const machinery[] = {"农机", "拖拉机", "收割机", NULL};
	const char *k = r->kind ? r->kind : "";
	const char *t = r->description;
	assess_asset_item it;

	memset(&it, 0, sizeof it);
	it.item = t;
	it.value_fen = r->value_fen;
	if (!strcmp(k, "deposit")) {
		it.kind = ASSESS_ASSET_DEPOSIT;
	} else if (!strcmp(k, "securities")) {
		it.kind = ASSESS_ASSET_FINANCIAL;
	} else if (!strcmp(k, "vehicle")) {
		it.kind = ASSESS_ASSET_VEHICLE;
		it.vehicle = has_any(t, motorcycle) ? ASSESS_VEH_MOTORCYCLE
			     : has_any(t, ebike)    ? ASSESS_VEH_EBIKE
			     : has_any(t, disabled) ? ASSESS_VEH_DISABLED
						    : ASSESS_VEH_CAR;
	} else if (!strcmp(k, "house")) {
		it.kind = has_any(t, nonresidential) ? ASSESS_ASSET_NONRESIDENTIAL
						     : ASSESS_ASSET_DWELLING;
	} else if (!strcmp(k, "business")) {
		it.kind = ASSESS_ASSET_BUSINESS;
		it.employs = has_any(t, employs);
	} else {
		it.kind = has_any(t, machinery) ? ASSESS_ASSET_MACHINERY : ASSESS_ASSET_OTHER;
	}
	return it;
}

/* ---- members ---- */

static int member_index(const struct assessment_input *in, int64_t person_id)
{
	for (size_t i = 0; i < in->n; i++)
		if (in->persons[i].person_id == person_id)
			return (int)i;
	return -1;
}

/* A row's "YYYY-MM-DD" into *out; where open, "" (no date) gives year 0. */
static dib_code row_date(const char *what, int64_t id, const char *text, bool open,
			 dib_date *out, dib_err *err)
{
	dib_err scratch;
	char q[DIB_QUOTE_MAX];

	if (open && (!text || !*text)) {
		memset(out, 0, sizeof *out);
		return DIB_OK;
	}
	dib_err_clear(&scratch);
	if (text && !date_parse(text, strlen(text), out, &scratch))
		return DIB_OK;
	text = text ? text : "";
	return dib_err_set(err, DIB_EDB, "%s (ID %lld) 的日期 \"%s\" 不正确", what, (long long)id,
			   dib_err_quote(text, strlen(text), q, sizeof q));
}

static dib_code members(const store_household_detail *d, dib_date on, dib_arena *a,
			struct assessment_input *in, dib_err *err)
{
	dib_code rc;

	in->n = d->nmembers;
	in->names = dib_arena_calloc(a, in->n * sizeof *in->names);
	in->members = dib_arena_calloc(a, in->n * sizeof *in->members);
	in->persons = dib_arena_calloc(a, in->n * sizeof *in->persons);
	in->grade3_mental = dib_arena_calloc(a, in->n * sizeof *in->grade3_mental);
	if (!in->names || !in->members || !in->persons || !in->grade3_mental)
		return dib_err_nomem(err);
	for (size_t i = 0; i < in->n; i++) {
		const store_member *m = &d->members[i];
		struct assessment_person *p = &in->persons[i];
		dib_date birth;
		if ((rc = row_date("人员", m->p.id, m->p.birth_date, false, &birth, err)))
			return rc;
		p->person_id = m->p.id;
		p->name = m->p.name ? m->p.name : "";
		p->relation = m->m.relation;
		memcpy(p->birth_date, m->p.birth_date, sizeof p->birth_date);
		int age = date_age_on(birth, on);
		p->age = age < 0 ? 0 : age; /* born after the date: a newborn */
		p->health = m->p.health;
		p->labour = m->p.labour;
		p->cover = AMOUNT_COVERED;
		for (size_t j = 0; j < d->ndisabilities; j++) {
			const store_disability *ds = &d->disabilities[j];
			if (ds->person_id != p->person_id)
				continue;
			if (p->disability_grade == 0 || ds->grade < p->disability_grade) {
				p->disability_grade = ds->grade;
				p->disability_kind = ds->category;
			}
			if (ds->grade == 3 && (ds->category == CODES_DIS_INTELLECTUAL ||
					       ds->category == CODES_DIS_MENTAL))
				in->grade3_mental[i] = true;
		}
		in->names[i] = p->name;
		in->members[i] = (amount_member){p->name, birth, p->disability_kind,
						 p->disability_grade, p->health, false,
						 AMOUNT_COVERED};
	}
	return DIB_OK;
}

/* The coverage the options ask for: the single person, work refusals. */
static dib_code coverage(const store_household_detail *d, const struct assessment_opts *o,
			 struct assessment_input *in, dib_err *err)
{
	in->single = -1;
	if (!o)
		return DIB_OK;
	if (o->single_person_id) {
		in->single = member_index(in, o->single_person_id);
		if (in->single < 0)
			return dib_err_set(err, DIB_EINVAL, "人员 (ID %lld) 不是户 \"%s\" 的共同生活家庭成员",
					   (long long)o->single_person_id, d->hh.hh_no);
		for (size_t i = 0; i < in->n; i++)
			in->members[i].cover = (int)i == in->single ? AMOUNT_COVERED : AMOUNT_OUTSIDE;
	}
	for (size_t k = 0; k < o->nrefused_work; k++) {
		int i = member_index(in, o->refused_work_ids[k]);
		if (i < 0)
			return dib_err_set(err, DIB_EINVAL, "人员 (ID %lld) 不是户 \"%s\" 的共同生活家庭成员",
					   (long long)o->refused_work_ids[k], d->hh.hh_no);
		if (in->members[i].cover == AMOUNT_COVERED)
			in->members[i].cover = AMOUNT_WORK_REFUSAL;
	}
	for (size_t i = 0; i < in->n; i++)
		in->persons[i].cover = in->members[i].cover;
	return DIB_OK;
}

/* ---- the items ---- */

static bool listed(int64_t id, const int64_t *ids, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

/* A former member's name for the sheet, or "人员 (ID n)". */
static const char *former_name(amount_sheet *s, const store_household_detail *d, int64_t id)
{
	for (size_t i = 0; i < d->nformer; i++)
		if (d->former[i].p.id == id && d->former[i].p.name)
			return d->former[i].p.name;
	return amount_sheet_printf(s, "人员 (ID %lld)", (long long)id);
}

/* The months of [from, to] (year 0: open) inside the period. */
static int months_in(const struct assessment_input *in, dib_date from, dib_date to)
{
	dib_month first = month_of(in->period_from), last = month_of(in->period_to);

	if (from.year && month_cmp(month_of(from), first) > 0)
		first = month_of(from);
	if (to.year && month_cmp(month_of(to), last) < 0)
		last = month_of(to);
	int k = month_diff(first, last) + 1;
	return k > 0 ? k : 0;
}

static dib_code incomes(const store_household_detail *d, const struct assessment_opts *o,
			amount_sheet *s, struct assessment_input *in, dib_err *err)
{
	char f[DIB_DATE_STR], t[DIB_DATE_STR];
	dib_code rc;

	for (size_t k = 0; o && k < o->nwaived_incomes; k++) {
		bool found = false;
		for (size_t i = 0; i < d->nincomes; i++)
			found |= d->incomes[i].id == o->waived_income_ids[k];
		if (!found)
			return dib_err_set(err, DIB_EINVAL, "收入项目 (ID %lld) 不属于户 \"%s\"",
					   (long long)o->waived_income_ids[k], d->hh.hh_no);
	}
	in->incomes = dib_arena_calloc(s->a, (d->nincomes ? d->nincomes : 1) * sizeof *in->incomes);
	if (!in->incomes)
		return dib_err_nomem(err);
	for (size_t i = 0; i < d->nincomes; i++) {
		const store_income *r = &d->incomes[i];
		const char *item = r->item && *r->item ? r->item : codes_name(CODES_INCOME_KIND, r->kind);
		int member = r->person_id ? member_index(in, r->person_id) : -1;
		dib_date from, to;
		if ((rc = row_date("收入项目", r->id, r->period_from, true, &from, err)) ||
		    (rc = row_date("收入项目", r->id, r->period_to, true, &to, err)))
			return rc;
		if (r->person_id && member < 0) {
			amount_sheet_add(s, amount_sheet_printf(s, "未计入 · %s %s",
								former_name(s, d, r->person_id),
								item ? item : ""),
					 ASSESSMENT__S1 "第七条", 0,
					 "已不是本户共同生活家庭成员，其收入不计入");
			in->left_out++;
			continue;
		}
		int months = months_in(in, from, to);
		if (months == 0) {
			const char *who = member >= 0 ? in->names[member] : "全家";
			amount_sheet_add(s, amount_sheet_printf(s, "未计入 · %s %s", who,
								item ? item : ""),
					 ASSESSMENT__S1 "第十三条", 0, "收入期间 %s 至 %s 不在核算期内",
					 from.year ? date_format(from, f) : "不限",
					 to.year ? date_format(to, t) : "今");
			in->left_out++;
			continue;
		}
		bool waived = o && listed(r->id, o->waived_income_ids, o->nwaived_incomes);
		in->incomes[in->nincomes++] = (assess_income_item){
			member, r->kind,
			waived ? ASSESS_EXCL_DISABLED_SUPPORT : exclusion_of(r->kind, r->item),
			0, item, r->monthly_fen, ASSESS_MONTHLY,
			months == in->months ? 0 : months};
	}
	return DIB_OK;
}

static dib_code assets(const store_household_detail *d, const struct assessment_opts *o,
		       amount_sheet *s, struct assessment_input *in, dib_err *err)
{
	for (size_t k = 0; o && k < o->nnecessary_assets; k++) {
		bool found = false;
		for (size_t i = 0; i < d->nassets; i++)
			found |= d->assets[i].id == o->necessary_asset_ids[k];
		if (!found)
			return dib_err_set(err, DIB_EINVAL, "财产 (ID %lld) 不属于户 \"%s\"",
					   (long long)o->necessary_asset_ids[k], d->hh.hh_no);
	}
	size_t cap = d->nassets ? d->nassets : 1;
	in->assets = dib_arena_calloc(s->a, cap * sizeof *in->assets);
	in->asset_ids = dib_arena_calloc(s->a, cap * sizeof *in->asset_ids);
	if (!in->assets || !in->asset_ids)
		return dib_err_nomem(err);
	for (size_t i = 0; i < d->nassets; i++) {
		const store_asset *r = &d->assets[i];
		int member = r->person_id ? member_index(in, r->person_id) : -1;
		if (r->person_id && member < 0) {
			amount_sheet_add(s, amount_sheet_printf(s, "未计入 · %s %s",
								former_name(s, d, r->person_id),
								r->description ? r->description : ""),
					 ASSESSMENT__S1 "第七条", 0,
					 "已不是本户共同生活家庭成员，其财产不计入");
			continue;
		}
		assess_asset_item it = asset_of(r);
		it.member = member;
		it.necessary = o && listed(r->id, o->necessary_asset_ids, o->nnecessary_assets);
		in->asset_ids[in->nassets] = r->id;
		in->assets[in->nassets++] = it;
	}
	return DIB_OK;
}

dib_code assessment__input(const store_household_detail *d, const struct case_rules *rules,
			   dib_date on, const struct assessment_opts *opts, amount_sheet *sheet,
			   struct assessment_input *in, dib_err *err)
{
	char f[DIB_DATE_STR], t[DIB_DATE_STR], o[DIB_DATE_STR];
	dib_month m = month_of(on);
	dib_code rc;

	memset(in, 0, sizeof *in);
	in->months = rules->assess.period_months;
	in->period_from = month_first_day(month_add(m, -in->months));
	in->period_to = month_last_day(month_add(m, -1));
	if ((rc = members(d, on, sheet->a, in, err)) || (rc = coverage(d, opts, in, err)))
		return rc;
	amount_sheet_add(sheet, "核算期", ASSESSMENT__S1 "第十三条", 0,
			 "%s 至 %s，共 %d 个月（%s 所在月之前的 %d 个整月）",
			 date_format(in->period_from, f), date_format(in->period_to, t), in->months,
			 date_format(on, o), in->months);
	if ((rc = incomes(d, opts, sheet, in, err)) || (rc = assets(d, opts, sheet, in, err)))
		return rc;
	return sheet->failed ? dib_err_nomem(err) : DIB_OK;
}
