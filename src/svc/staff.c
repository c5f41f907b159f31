/*
 * staff.c — 近亲属备案: the register's writes (checked, one transaction,
 * one audit record each) and the relatives check of svc/staff.h over
 * store/store_staff.c and core/kinship.h.
 * Thread-safety: as the store connection.
 */
#include "util/dib.h"
#include "core/codes.h"
#include "core/idcard.h"
#include "core/region.h"
#include "store/store_audit.h"
#include "store/store_household.h"
#include "store/store_region.h"
#include "svc/household.h"
#include "svc/staff.h"
#include "svc/svc_int.h"

#include <inttypes.h>
#include <jansson.h>

static const struct {
	const char *code, *name;
} kinds[] = {
	{ "bureau", "民政部门工作人员" },
	{ "committee", "村(居)委会成员" },
};

const char *staff_kind_name(const char *kind)
{
	for (size_t i = 0; kind && i < DIB_ARRAY_LEN(kinds); i++)
		if (!strcmp(kind, kinds[i].code))
			return kinds[i].name;
	return NULL;
}

/* The JSON of a registration for the audit log (caller frees); NULL when
 * out of memory. */
static char *staff_json(const store_staff *r)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:s, s:s?}",
			      "id", (json_int_t)r->id, "id_number", r->id_number,
			      "name", r->name, "kind", r->kind, "region_code", r->region_code,
			      "position", r->position, "from_date", r->from_date,
			      "to_date", r->to_date[0] ? r->to_date : NULL);
	char *text = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	return text;
}

/* Appends the audit record (before and after are taken over and freed);
 * a NULL after, or a NULL before where one was due, is out of memory. */
static dib_code staff_audit(struct store *s, const char *actor, const char *action,
			    const store_staff *r, bool has_before, char *before,
			    char *after, const char *reason, dib_err *err)
{
	dib_code rc;
	char id[24];
	snprintf(id, sizeof id, "%" PRId64, r->id);
	if (!after || (has_before && !before)) {
		rc = dib_err_nomem(err);
	} else {
		store_audit_entry e = {
			.county = r->county,
			.actor = actor,
			.action = action,
			.entity = "staff",
			.entity_id = id,
			.before_json = before,
			.after_json = after,
			.reason = reason,
		};
		rc = store_audit_append(s, &e, NULL, err);
	}
	free(before);
	free(after);
	return rc;
}

/* The region of a registration: bureau staff work at a county bureau or a
 * township (S2 art. 14: 县级民政部门和乡镇(街道)), committee members at a
 * village or community. */
static dib_code check_region(const char *kind, const char *code, region_code *out,
			     dib_err *err)
{
	if (!code || !*code)
		return dib_err_set(err, DIB_EINVAL, "区划代码不能为空");
	dib_code rc = region_parse(code, strlen(code), out, err);
	if (rc)
		return rc;
	bool bureau = !strcmp(kind, "bureau");
	if (bureau && out->level != REGION_COUNTY && out->level != REGION_TOWNSHIP)
		return dib_err_set(err, DIB_EINVAL,
				   "区划 %s 是%s级: 民政部门工作人员须登记在县或乡镇(街道)",
				   out->code, region_level_name(out->level));
	if (!bureau && out->level != REGION_VILLAGE)
		return dib_err_set(err, DIB_EINVAL,
				   "区划 %s 是%s级: 村(居)委会成员须登记在村(社区)",
				   out->code, region_level_name(out->level));
	return DIB_OK;
}

static dib_code parse_date(const char *label, const char *s, dib_date *out,
			   dib_err *err)
{
	dib_err e;
	dib_err_clear(&e);
	if (s && !date_parse(s, strlen(s), out, &e))
		return DIB_OK;
	char q[DIB_QUOTE_MAX];
	return dib_err_set(err, DIB_EINVAL, "%s \"%s\" 不是有效日期 (YYYY-MM-DD)", label,
			   s ? dib_err_quote(s, strlen(s), q, sizeof q) : "");
}

dib_code staff_add(struct store *s, const struct staff_new *in, dib_date today,
		   const char *actor, int64_t *id, dib_err *err)
{
	dib_arena a;
	dib_arena_init(&a, 4096, 1 << 20);
	store_staff r;
	memset(&r, 0, sizeof r);
	idcard card;
	region_code region;
	dib_date from = today;
	dib_code rc = household_check_idno(in->id_number ? in->id_number : "", today,
					   &card, err);
	if (!rc)
		rc = household_check_text("姓名", in->name, STAFF_NAME_MAX, true, &a,
					  &r.name, err);
	if (!rc && !staff_kind_name(in->kind)) {
		char q[DIB_QUOTE_MAX];
		const char *k = in->kind ? in->kind : "";
		rc = dib_err_set(err, DIB_EINVAL,
				 "人员类别 \"%s\" 不正确: 应为 bureau (民政部门工作人员)"
				 " 或 committee (村(居)委会成员)",
				 dib_err_quote(k, strlen(k), q, sizeof q));
	}
	if (!rc)
		rc = check_region(in->kind, in->region, &region, err);
	if (!rc)
		rc = household_check_text("职务", in->position, STAFF_POSITION_MAX, false, &a,
					  &r.position, err);
	if (!rc && in->from)
		rc = parse_date("起始日期", in->from, &from, err);
	if (rc)
		goto out;
	snprintf(r.id_number, sizeof r.id_number, "%s", card.num);
	r.kind = in->kind;
	snprintf(r.region_code, sizeof r.region_code, "%s", region.code);
	region_county(&region, r.county);
	date_format(from, r.from_date);

	if ((rc = store_begin(s, err)))
		goto out;
	bool exists = false;
	const char *code = region.code;
	rc = store_region_exists(s, &code, 1, &exists, NULL, err);
	if (!rc && !exists)
		rc = dib_err_set(err, DIB_EINVAL, "区划代码 \"%s\" 不在区划表中", region.code);
	if (!rc)
		rc = store_staff_insert(s, &r, &r.id, err);
	if (!rc)
		rc = staff_audit(s, actor, "staff.add", &r, false, NULL, staff_json(&r),
				 NULL, err);
	rc = svc__finish(s, rc, err);
	if (!rc && id)
		*id = r.id;
out:
	dib_arena_release(&a);
	return rc;
}

dib_code staff_end(struct store *s, int64_t id, const char *to, const char *reason,
		   const char *actor, dib_err *err)
{
	dib_arena a;
	dib_arena_init(&a, 4096, 1 << 20);
	dib_date d;
	const char *why = NULL;
	store_staff r;
	dib_code rc = parse_date("终止日期", to, &d, err);
	if (!rc)
		rc = household_check_text("终止理由", reason, STAFF_REASON_MAX, true, &a, &why,
					  err);
	if (!rc)
		rc = store_begin(s, err);
	if (rc)
		goto out;
	rc = store_staff_get(s, id, &a, &r, err);
	if (!rc && r.to_date[0])
		rc = dib_err_set(err, DIB_ECONFLICT, "备案人员记录 %" PRId64 " 已于 %s 终止",
				 id, r.to_date);
	char day[DIB_DATE_STR];
	date_format(d, day);
	if (!rc && strcmp(day, r.from_date) < 0)
		rc = dib_err_set(err, DIB_EINVAL, "终止日期 %s 早于起始日期 %s", day, r.from_date);
	char *before = rc ? NULL : staff_json(&r);
	bool changed = false;
	if (!rc)
		rc = store_staff_end(s, id, day, &changed, err);
	if (!rc && !changed)
		rc = dib_err_set(err, DIB_ECONFLICT, "备案人员记录 %" PRId64 " 已终止", id);
	if (!rc) {
		snprintf(r.to_date, sizeof r.to_date, "%s", day);
		rc = staff_audit(s, actor, "staff.end", &r, true, before, staff_json(&r), why,
				 err);
	} else {
		free(before);
	}
	rc = svc__finish(s, rc, err);
out:
	dib_arena_release(&a);
	return rc;
}

dib_code staff_list(struct store *s, const char *region, const dib_date *on,
		    dib_arena *a, store_staff **out, size_t *n, dib_err *err)
{
	region_code root;
	if (region) {
		dib_code rc = region_parse(region, strlen(region), &root, err);
		if (rc)
			return rc;
	}
	char day[DIB_DATE_STR];
	if (on)
		date_format(*on, day);
	return store_staff_list(s, region ? root.code : NULL, on ? day : NULL, a, out, n,
				err);
}

/* "李四(民政部门工作人员, 社会救助股)" */
static const char *staff_label(const store_staff *r, dib_arena *a)
{
	const char *kind = staff_kind_name(r->kind);
	if (r->position)
		return dib_arena_printf(a, "%s(%s, %s)", r->name, kind ? kind : r->kind,
					r->position);
	return dib_arena_printf(a, "%s(%s)", r->name, kind ? kind : r->kind);
}

/* Judges one link; false when it is no close kinship. */
static bool judge(const store_staff_link *l, dib_arena *a, struct staff_link *out,
		  dib_err *err, dib_code *rc)
{
	memset(out, 0, sizeof *out);
	out->row = *l;
	const char *who = staff_label(&l->staff, a);
	if (l->self) {
		out->verdict = KINSHIP_CLOSE;
		out->kinship = "本人";
		out->explanation = who ? dib_arena_printf(a,
			"成员 %s 本人即备案人员 %s — 依据: 身份证号相同", l->member_name, who)
			: NULL;
	} else {
		/* what the member is to the registered person */
		struct kinship k = kinship_of(l->staff_relation, l->member_relation);
		if (k.verdict == KINSHIP_NONE)
			return false;
		out->verdict = k.verdict;
		out->kinship = k.name;
		const char *rel_m = codes_name(CODES_RELATION, l->member_relation);
		const char *rel_s = codes_name(CODES_RELATION, l->staff_relation);
		out->explanation = who ? dib_arena_printf(a,
			"成员 %s %s %s 的 %s%s — 依据: 两人%s同在户 %s (与户主关系: %s、%s)",
			l->member_name, k.verdict == KINSHIP_CLOSE ? "是" : "可能是", who,
			k.name, k.verdict == KINSHIP_CLOSE ? "" : " (须核实)",
			l->current ? "现" : "曾", l->hh_no,
			rel_m ? rel_m : "?", rel_s ? rel_s : "?") : NULL;
	}
	if (!out->explanation)
		*rc = dib_err_nomem(err);
	return true;
}

dib_code staff_relatives(struct store *s, const struct authz_subject *who,
			 int64_t household_id, dib_date date, dib_arena *a,
			 struct staff_link **out, size_t *n, dib_err *err)
{
	store_household h;
	dib_code rc = store_household_get(s, household_id, a, &h, err);
	if (rc)
		return rc;
	if (who) {
		/* the village of a household outside the user's region is not
		 * theirs to learn: the refusal does not name it */
		dib_err e;
		dib_err_clear(&e);
		rc = authz_check(who, AUTHZ_REGISTER_READ, h.village_code, &e);
		if (rc == DIB_EPERM && authz_allows(who, AUTHZ_REGISTER_READ))
			return dib_err_set(err, DIB_EPERM, "该家庭不在您的管辖区域内");
		if (rc) {
			*err = e;
			return rc;
		}
	}
	char day[DIB_DATE_STR];
	date_format(date, day);
	store_staff_link *rows = NULL;
	size_t nrows = 0;
	rc = store_staff_links(s, household_id, day, a, &rows, &nrows, err);
	if (rc)
		return rc;
	struct staff_link *res = nrows ? dib_arena_alloc(a, nrows * sizeof *res) : NULL;
	if (nrows && !res)
		return dib_err_nomem(err);
	size_t k = 0;
	for (size_t i = 0; !rc && i < nrows; i++)
		if (judge(&rows[i], a, &res[k], err, &rc))
			k++;
	if (rc)
		return rc;
	*out = k ? res : NULL;
	*n = k;
	return DIB_OK;
}
