/*
 * case_doc.c — the documents a case issues (core/workflow.h wf_doc):
 * numbered per county, kind and year in the bureau's style
 * ("延津民低确〔2026〕12号") and stored with their content frozen as JSON,
 * so a reprint shows exactly what was handed out. The printed page is
 * made from that JSON by the web UI; every field a page shows is here.
 *
 * Personal data: the ID numbers in a document are masked (idcard_mask);
 * the public notice list (公示名单) carries only the head's name, the
 * household's size and the amount (S7 四(二); issue 4).
 *
 * Thread-safety: as the store connection.
 */
#include "util/dib.h"
#include "core/codes.h"
#include "core/idcard.h"
#include "store/store_household.h"
#include "store/store_region.h"
#include "svc/case_int.h"

#include <jansson.h>

/* The code of each kind is core/workflow.h's wf_doc_code. */
struct doc_kind {
	const char *abbr;  /* in the number: 延津民低<abbr>〔2026〕n号 */
	const char *title;
	const char *basis;
};

static const struct doc_kind kinds[WF_DOC_COUNT] = {
	[WF_DOC_NONE] = { "", "", "" },
	[WF_DOC_MISSING_LIST] = { "补", "最低生活保障申请材料补正一次性告知书",
				  "《最低生活保障审核确认办法》第十条" },
	[WF_DOC_SURVEY] = { "调", "最低生活保障家庭入户调查表",
			    "《最低生活保障审核确认办法》第十六条" },
	[WF_DOC_CHECK_RESULT] = { "核", "家庭经济状况核对结果告知书",
				  "《最低生活保障审核确认办法》第十七条、第十八条" },
	[WF_DOC_EVALUATION] = { "评", "民主评议记录",
				"《最低生活保障审核确认办法》第十九条第二款" },
	[WF_DOC_NOTICE_LIST] = { "公", "最低生活保障审核确认公示名单",
				 "《最低生活保障审核确认办法》第十九条" },
	[WF_DOC_CONFIRMATION] = { "确", "最低生活保障确认通知书（低保证）",
				  "《最低生活保障审核确认办法》第二十一条" },
	[WF_DOC_REFUSAL] = { "否", "不予确认最低生活保障通知书",
			     "《最低生活保障审核确认办法》第二十一条" },
	[WF_DOC_TERMINATION] = { "终", "终止最低生活保障审核确认告知书",
				 "《最低生活保障审核确认办法》第二十九条" },
};

/* The county's short name for numbers: "延津县" → "延津" (a two-character
 * name such as "城区" is kept whole). */
static const char *county_short(struct store *s, const char *county, dib_arena *a)
{
	char code[REGION_LEN + 1];
	snprintf(code, sizeof code, "%s000000", county);
	store_region r;
	dib_err e;
	dib_err_clear(&e);
	if (store_region_get(s, code, a, &r, &e) || !r.name)
		return county;
	size_t n = strlen(r.name);
	const char *suffixes[] = { "县", "区", "市", "旗" };
	for (size_t i = 0; i < DIB_ARRAY_LEN(suffixes); i++) {
		size_t k = strlen(suffixes[i]);
		if (n > 2 * k && !strcmp(r.name + n - k, suffixes[i]))
			return dib_arena_strndup(a, r.name, n - k);
	}
	return r.name;
}

/* The county's full name ("延津县"); the code when unknown. */
static const char *county_name(struct store *s, const char *county, dib_arena *a)
{
	char code[REGION_LEN + 1];
	snprintf(code, sizeof code, "%s000000", county);
	store_region r;
	dib_err e;
	dib_err_clear(&e);
	return store_region_get(s, code, a, &r, &e) || !r.name ? county : r.name;
}

/* The members of the household as the survey shows them. */
static json_t *members_json(const store_household_detail *d, dib_date today)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < d->nmembers; i++) {
		const store_member *m = &d->members[i];
		char masked[IDCARD_LEN + 1];
		dib_date birth = { 0, 0, 0 };
		dib_err e;
		(void)date_parse(m->p.birth_date, strlen(m->p.birth_date), &birth, &e);
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:i}",
			"name", m->p.name, "relation", codes_name(CODES_RELATION, m->m.relation),
			"id_number", idcard_mask(m->p.id_number, masked),
			"age", date_age_on(birth, today)));
	}
	return arr;
}

/* The appeal sentence of a decision against the applicant (行政复议法
 * 2023 年修订 第二十条、第二十四条: 60 days, to the county government;
 * 行政诉讼法 第四十六条: 6 months). */
static char *appeal_text(const char *county, dib_arena *a)
{
	return dib_arena_printf(a,
		"如对本决定不服，可以自收到本通知书之日起六十日内向%s人民政府申请行政复议，"
		"也可以自收到本通知书之日起六个月内依法向人民法院提起行政诉讼。", county);
}

/* The content of kind for case c. extra: the step's record (JSON text). */
static json_t *content(struct store *s, const store_case *c, enum wf_doc kind,
		       const char *no, dib_date today, const char *reason, const char *extra,
		       dib_arena *a, dib_err *err)
{
	store_household_detail d;
	if (store_household_detail_get(s, c->household_id, a, &d, err))
		return NULL;
	const char *head = c->head_name ? c->head_name : "";
	char day[DIB_DATE_STR];
	const char *cname = county_name(s, c->county, a);
	json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s, s:s, s:s,"
			      " s:s, s:i}",
			      "kind", wf_doc_code(kind), "title", kinds[kind].title, "doc_no", no,
			      "issued_on", date_format(today, day), "basis", kinds[kind].basis,
			      "county_name", cname, "issuer", dib_arena_printf(a, "%s民政局", cname),
			      "township_name", c->township_name, "village_name", c->village_name,
			      "case_no", c->case_no, "hh_no", c->hh_no ? c->hh_no : "",
			      "head_name", head, "program", case__program_name(c->program),
			      "household_size", (int)d.nmembers);
	if (!j)
		return NULL;
	json_t *x = extra ? json_loads(extra, 0, NULL) : NULL;
	if (x)
		json_object_update(j, x);
	json_decref(x);
	if (reason)
		json_object_set_new(j, "reason", json_string(reason));
	json_t *assessment = c->assessment ? json_loads(c->assessment, 0, NULL) : NULL;
	switch (kind) {
	case WF_DOC_MISSING_LIST: {
		json_t *items = json_array();
		json_t *codes = json_loads(c->missing_docs, 0, NULL);
		size_t i;
		json_t *v;
		json_array_foreach(codes, i, v) {
			const char *name = case__checklist_name(json_string_value(v));
			json_array_append_new(items, json_pack("{s:s, s:s}", "code",
				json_string_value(v), "name", name ? name : ""));
		}
		json_decref(codes);
		json_object_set_new(j, "items", items);
		json_object_set_new(j, "text", json_string(
			"经审查，您的最低生活保障申请材料不齐全。根据《最低生活保障审核确认办法》"
			"第十条，现一次性告知您需要补齐的全部材料如下。补齐后即予受理；能够通过"
			"政务服务平台查询的材料，无需重复提交。"));
		break;
	}
	case WF_DOC_SURVEY:
		json_object_set_new(j, "members", members_json(&d, today));
		break;
	case WF_DOC_CHECK_RESULT:
		json_object_set_new(j, "text", json_string(
			"经居民家庭经济状况核对，您家庭的经济状况不符合最低生活保障条件。如有"
			"异议，可以自收到本告知书之日起提供相关证据，向乡镇人民政府（街道办事处）"
			"提出，经核实后重新核对（《最低生活保障审核确认办法》第十八条第二款）。"));
		break;
	case WF_DOC_NOTICE_LIST: {
		/* name, size and amount only: never an ID number (S7 四(二)) */
		json_t *row = json_pack("{s:s, s:i, s:I}", "name", head, "persons",
					c->persons > 0 ? c->persons : (int)d.nmembers, "amount_fen",
					(json_int_t)(c->has_amount ? c->amount_fen : 0));
		json_object_set_new(j, "entries", json_pack("[o]", row));
		json_object_set_new(j, "text", json_string(
			"以下家庭经乡镇人民政府（街道办事处）初审，拟纳入最低生活保障，现予公示。"
			"如有异议，请于公示期内向乡镇人民政府（街道办事处）或县民政局反映。"));
		break;
	}
	case WF_DOC_CONFIRMATION: {
		date_format(wf_payment_start(today), day);
		json_object_set_new(j, "from_month", json_stringn(day, 7));
		json_object_set_new(j, "amount_fen", json_integer(c->amount_fen));
		json_object_set_new(j, "persons", json_integer(c->persons));
		if (assessment)
			json_object_set(j, "assessment", assessment);
		json_object_set_new(j, "text", json_string(
			"经审核，您家庭符合最低生活保障条件，决定自下月起纳入最低生活保障，"
			"按月发放最低生活保障金。家庭人口、收入、财产状况发生变化的，应当及时"
			"告知乡镇人民政府（街道办事处）。"));
		break;
	}
	case WF_DOC_REFUSAL:
		json_object_set_new(j, "text", json_string(
			"经审核，您家庭不符合最低生活保障条件，决定不予确认。理由如下。"));
		json_object_set_new(j, "appeal", json_string(appeal_text(cname, a)));
		if (assessment)
			json_object_set(j, "assessment", assessment);
		break;
	case WF_DOC_TERMINATION:
		json_object_set_new(j, "text", json_string(
			"因申请家庭或其成员无正当理由拒不配合入户调查、信息核对等审核确认工作，"
			"根据《最低生活保障审核确认办法》第二十九条，终止审核确认。"));
		json_object_set_new(j, "appeal", json_string(appeal_text(cname, a)));
		break;
	default:
		break;
	}
	json_decref(assessment);
	return j;
}

dib_code case__store_doc(struct store *s, const char *county, const char *kind,
			 const char *abbr, int64_t case_id, int64_t household_id, dib_date today,
			 const char *actor, json_t *content, dib_arena *a, int64_t *id,
			 const char **no, dib_err *err)
{
	int64_t n = 0;
	dib_code rc = store_doc_counter_next(s, county, kind, today.year, &n, err);
	if (rc)
		return rc;
	const char *number = dib_arena_printf(a, "%s民低%s〔%d〕%lld号", county_short(s, county, a),
					      abbr, today.year, (long long)n);
	if (!number)
		return dib_err_nomem(err);
	char day[DIB_DATE_STR];
	json_object_set_new(content, "doc_no", json_string(number));
	json_object_set_new(content, "issued_on", json_string(date_format(today, day)));
	char *text = json_dumps(content, JSON_COMPACT | JSON_SORT_KEYS);
	if (!text)
		return dib_err_nomem(err);
	store_case_doc doc;
	memset(&doc, 0, sizeof doc);
	snprintf(doc.county, sizeof doc.county, "%s", county);
	doc.case_id = case_id;
	doc.household_id = household_id;
	doc.kind = kind;
	doc.doc_no = number;
	date_format(today, doc.issued_on);
	doc.issued_by = actor;
	doc.content = text;
	rc = store_case_doc_insert(s, &doc, id, err);
	free(text);
	if (!rc)
		*no = number;
	return rc;
}

const char *case__county_name(struct store *s, const char *county, dib_arena *a)
{
	return county_name(s, county, a);
}

dib_code case__issue(struct store *s, const store_case *c, enum wf_doc kind,
		     const char *actor, dib_date today, const char *reason,
		     const char *extra_json, dib_arena *a, int64_t *id, const char **no,
		     dib_err *err)
{
	if ((unsigned)kind >= WF_DOC_COUNT || kind == WF_DOC_NONE)
		return dib_err_set(err, DIB_EINTERNAL, "内部错误：文书种类不明");
	json_t *j = content(s, c, kind, "", today, reason, extra_json, a, err);
	if (!j)
		return err->code ? err->code : dib_err_nomem(err);
	dib_code rc = case__store_doc(s, c->county, wf_doc_code(kind), kinds[kind].abbr, c->id,
				      c->household_id, today, actor, j, a, id, no, err);
	json_decref(j);
	return rc;
}
