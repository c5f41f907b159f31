/*
 * workflow_table.c — the data of the 低保 workflow (see workflow.h): the
 * states, actions, guards, documents and roles with their codes and
 * Chinese names, the transition table itself, the separation-of-duties
 * pairs, and the two renderings of the table (DOT and Markdown) that
 * docs/internals/workflow.md shows. The logic that reads the table is in
 * workflow.c.
 *
 * Adding a step is adding a row here (and a line to the table test); the
 * UI, the inboxes and the picture follow by themselves.
 *
 * Thread-safety: constant data and pure functions.
 */
#include "util/dib.h"
#include "core/workflow.h"

/* ---- names ---- */

struct wf_name {
	const char *code;
	const char *name;
};

static const struct wf_name state_names[WF_STATE_COUNT] = {
	[WF_DRAFT] = {"draft", "草稿"},
	[WF_APPLIED] = {"applied", "已申请待受理"},
	[WF_DOCS_PENDING] = {"docs_pending", "待补正材料"},
	[WF_ACCEPTED] = {"accepted", "已受理待调查"},
	[WF_INVESTIGATING] = {"investigating", "调查中"},
	[WF_CHECKING] = {"checking", "信息核对中"},
	[WF_CHECK_FAILED] = {"check_failed", "核对不符合（已告知）"},
	[WF_REVIEWED] = {"reviewed", "初审完成待公示"},
	[WF_NOTICE] = {"notice", "公示中"},
	[WF_OBJECTED] = {"objected", "公示有异议"},
	[WF_READY] = {"ready", "待报送审核确认"},
	[WF_SUBMITTED] = {"submitted", "审核确认中"},
	[WF_CONFIRMED] = {"confirmed", "已确认"},
	[WF_REFUSED] = {"refused", "不予确认待告知"},
	[WF_REFUSAL_NOTIFIED] = {"refusal_notified", "不予确认已告知"},
	[WF_TERMINATED] = {"terminated", "已终止审核确认"},
	[WF_WITHDRAWN] = {"withdrawn", "已撤回"},
};

static const struct wf_name action_names[WF_ACTION_COUNT] = {
	[WF_APPLY] = {"apply", "提交申请"},
	[WF_REQUEST_DOCUMENTS] = {"request_documents", "一次性告知补正"},
	[WF_RESUBMIT] = {"resubmit", "补正后重新提交"},
	[WF_ACCEPT] = {"accept", "受理"},
	[WF_START_INVESTIGATION] = {"start_investigation", "启动调查"},
	[WF_RECORD_VISIT] = {"record_visit", "登记入户调查"},
	[WF_REQUEST_CHECK] = {"request_check", "提请信息核对"},
	[WF_RECORD_CHECK] = {"record_check", "登记核对结果"},
	[WF_RECORD_EVALUATION] = {"record_evaluation", "登记民主评议"},
	[WF_TOWNSHIP_REVIEW] = {"township_review", "乡镇初审"},
	[WF_PUBLISH] = {"publish", "发布公示"},
	[WF_OBJECT] = {"object", "登记异议"},
	[WF_CLOSE_NOTICE] = {"close_notice", "结束公示"},
	[WF_SUBMIT] = {"submit", "报送审核确认"},
	[WF_COUNTY_VISIT] = {"county_visit", "登记县级入户调查"},
	[WF_COMPLAIN] = {"complain", "登记投诉举报"},
	[WF_SEND_BACK] = {"send_back", "退回补充调查"},
	[WF_CONFIRM] = {"confirm", "确认同意"},
	[WF_REFUSE] = {"refuse", "不予确认"},
	[WF_NOTIFY] = {"notify", "书面告知送达"},
	[WF_TERMINATE] = {"terminate", "终止审核确认"},
	[WF_WITHDRAW] = {"withdraw", "撤回申请"},
};

struct wf_guard_def {
	const char *code;
	const char *name;
	const char *article;
};

static const struct wf_guard_def guard_defs[WF_GUARD_COUNT] = {
	[WF_G_DOCS_COMPLETE] = {"missing_documents == 0", "申请材料齐备", "S1 第十条"},
	[WF_G_DOCS_MISSING] = {"missing_documents > 0", "申请材料不齐备", "S1 第十条"},
	[WF_G_FIRST_NOTICE] = {"!missing_notice_issued", "尚未出具一次性告知书", "S1 第十条"},
	[WF_G_VISIT_TEAM] = {"visit_investigators >= 2", "调查人员不少于2人", "S1 第十六条"},
	[WF_G_VISIT_FORM] = {"visit_form", "填写入户调查表", "S1 第十六条"},
	[WF_G_VISIT_STAFF_SIGNED] = {"visit_staff_signed", "调查人员签字", "S1 第十六条"},
	[WF_G_VISIT_FAMILY_SIGNED] = {"visit_family_signed", "在场家庭成员签字", "S1 第十六条"},
	[WF_G_VISIT_DONE] = {"visit_done", "已有入户调查记录", "S1 第十六条、第十九条"},
	[WF_G_CHECK_RESULT] = {"check != none", "已填写核对结果", "S1 第十七条"},
	[WF_G_CHECK_PASSED] = {"check == passed", "信息核对结果符合", "S1 第十七条、第十八条"},
	[WF_G_CHECK_FAILED] = {"check == failed", "信息核对结果不符合", "S1 第十八条"},
	[WF_G_EVAL_QUORUM] = {"eval_representatives >= 2/3 eval_attendees",
			      "村（居）民代表不少于参会人数三分之二", "S2 第二十二条"},
	[WF_G_EVAL_SIGNED] = {"eval_signed", "参会人员全体签字", "S2 第二十二条"},
	[WF_G_EVAL_IF_REQUIRED] = {"evaluation_always -> eval_done", "本地要求初审前民主评议",
				   "S2 第二十一条（地方）"},
	[WF_G_NOTICE_RUNNING] = {"today <= notice_last_day", "公示期内", "S1 第十九条"},
	[WF_G_NOTICE_OVER] = {"today > notice_last_day", "公示期满", "S1 第十九条；民法典第二百零一、二百零三条"},
	[WF_G_NO_OPEN_OBJECTION] = {"!objection_open", "无未处理的异议", "S1 第十九条"},
	[WF_G_OBJECTION_EVIDENCE] = {"objection_evidence", "异议附佐证材料", "S1 第十八条第二款"},
	[WF_G_RELATIVES_VISIT] = {"relatives_filed -> county_visit_done",
				  "近亲属备案须县级入户调查", "S1 第十一条、第二十条第二款"},
	[WF_G_COMPLAINT_VISIT] = {"has_complaint -> county_visit_done",
				  "有投诉举报须县级入户调查", "S1 第二十条第二款"},
};

static const char *const doc_names[WF_DOC_COUNT] = {
	[WF_DOC_NONE] = "",
	[WF_DOC_MISSING_LIST] = "一次性告知书",
	[WF_DOC_SURVEY] = "入户调查表",
	[WF_DOC_CHECK_RESULT] = "核对结果告知书",
	[WF_DOC_EVALUATION] = "民主评议记录",
	[WF_DOC_NOTICE_LIST] = "公示名单",
	[WF_DOC_CONFIRMATION] = "确认通知书（低保证）",
	[WF_DOC_REFUSAL] = "不予确认通知书",
	[WF_DOC_TERMINATION] = "终止审核确认告知书",
};

static const char *const doc_codes[WF_DOC_COUNT] = {
	[WF_DOC_NONE] = NULL,
	[WF_DOC_MISSING_LIST] = "missing_list",
	[WF_DOC_SURVEY] = "survey",
	[WF_DOC_CHECK_RESULT] = "check_result",
	[WF_DOC_EVALUATION] = "evaluation",
	[WF_DOC_NOTICE_LIST] = "notice_list",
	[WF_DOC_CONFIRMATION] = "confirmation",
	[WF_DOC_REFUSAL] = "refusal",
	[WF_DOC_TERMINATION] = "termination",
};

static const struct wf_name role_names[WF_ROLE_COUNT] = {
	{"village_agent", "村(社区)代办员"},
	{"township_caseworker", "乡镇(街道)民政经办人"},
	{"township_reviewer", "乡镇审核人"},
	{"county_approver", "县民政局审批人"},
	{"petition_officer", "信访工作人员"},
};

static const struct wf_name ext_names[WF_EXT_COUNT] = {
	[WF_EXT_NONE] = {"none", ""},
	[WF_EXT_OBJECTION] = {"objection", "公示有异议"},
	[WF_EXT_SEPARATED] = {"separated", "人户分离"},
	[WF_EXT_NONLOCAL] = {"nonlocal", "异地申办"},
	[WF_EXT_HARD_SURVEY] = {"hard_survey", "家庭经济状况调查难度较大"},
	[WF_EXT_OTHER] = {"other", "其他特殊情况"},
};

/* ---- the table ---- */

#define VA WF_ROLE_VILLAGE_AGENT
#define TC WF_ROLE_TOWNSHIP_CASEWORKER
#define TR WF_ROLE_TOWNSHIP_REVIEWER
#define CA WF_ROLE_COUNTY_APPROVER
#define PO WF_ROLE_PETITION_OFFICER
#define G(x) (1u << WF_G_##x)
#define VISIT (G(VISIT_TEAM) | G(VISIT_FORM) | G(VISIT_STAFF_SIGNED) | G(VISIT_FAMILY_SIGNED))
#define EVAL (G(EVAL_QUORUM) | G(EVAL_SIGNED))

#define R(f, a, t, r, dr, g, d, fl, art)                                              \
	{                                                                             \
		.from = WF_##f, .action = WF_##a, .to = WF_##t, .roles = (r),         \
		.delegated_roles = (dr), .guards = (g), .doc = WF_DOC_##d,            \
		.branch = -1, .branch_to = WF_##t, .branch_doc = WF_DOC_NONE,         \
		.flags = (fl), .article = (art)                                       \
	}

/* The applicant may withdraw (in writing) until the decision; S1 art. 29
 * lets the township or the county end the procedure from acceptance on. */
#define WITHDRAW(f) R(f, WITHDRAW, WITHDRAWN, VA | TC, 0, 0, NONE, WF_F_REASON | WF_F_SIDE, \
		      "S1 第四条（申请人自愿撤回）")
#define TERMINATE(f) R(f, TERMINATE, TERMINATED, TC | TR | CA, 0, 0, TERMINATION, \
		       WF_F_REASON | WF_F_SIDE, "S1 第二十九条")

static const struct wf_row rows[] = {
	R(DRAFT, APPLY, APPLIED, VA | TC, 0, 0, NONE, 0, "S1 第四条、第六条"),
	R(DRAFT, WITHDRAW, WITHDRAWN, VA | TC, 0, 0, NONE, WF_F_SIDE, "S1 第四条（草稿作废）"),

	R(APPLIED, ACCEPT, ACCEPTED, TC, 0, G(DOCS_COMPLETE), NONE, WF_F_T0, "S1 第十条"),
	R(APPLIED, REQUEST_DOCUMENTS, DOCS_PENDING, TC, 0, G(DOCS_MISSING) | G(FIRST_NOTICE),
	  MISSING_LIST, 0, "S1 第十条"),
	WITHDRAW(APPLIED),

	R(DOCS_PENDING, RESUBMIT, APPLIED, VA | TC, 0, 0, NONE, 0, "S1 第十条"),
	R(DOCS_PENDING, ACCEPT, ACCEPTED, TC, 0, G(DOCS_COMPLETE), NONE, WF_F_T0, "S1 第十条"),
	WITHDRAW(DOCS_PENDING),

	R(ACCEPTED, START_INVESTIGATION, INVESTIGATING, TC, 0, 0, NONE, 0, "S1 第十五条"),
	R(ACCEPTED, RECORD_VISIT, INVESTIGATING, TC, 0, VISIT, SURVEY, 0, "S1 第十五条、第十六条"),
	R(ACCEPTED, REQUEST_CHECK, CHECKING, TC, 0, 0, NONE, 0, "S1 第十五条、第十七条"),
	TERMINATE(ACCEPTED),
	WITHDRAW(ACCEPTED),

	R(INVESTIGATING, RECORD_VISIT, INVESTIGATING, TC, 0, VISIT, SURVEY, 0, "S1 第十六条"),
	R(INVESTIGATING, REQUEST_CHECK, CHECKING, TC, 0, 0, NONE, 0, "S1 第十五条、第十七条"),
	R(INVESTIGATING, RECORD_EVALUATION, INVESTIGATING, TC, 0, EVAL, EVALUATION, 0,
	  "S2 第二十一、二十二条（地方）"),
	R(INVESTIGATING, TOWNSHIP_REVIEW, REVIEWED, TR, 0,
	  G(VISIT_DONE) | G(CHECK_PASSED) | G(EVAL_IF_REQUIRED), NONE, 0, "S1 第十九条第一款"),
	TERMINATE(INVESTIGATING),
	WITHDRAW(INVESTIGATING),

	/* One row, two outcomes: a failing check goes to the applicant with a
	 * notice (S1 art. 18), a passing one back to the investigation. */
	{
		.from = WF_CHECKING, .action = WF_RECORD_CHECK, .to = WF_INVESTIGATING,
		.roles = CA | TC, .delegated_roles = 0, .guards = G(CHECK_RESULT),
		.doc = WF_DOC_NONE, .branch = WF_G_CHECK_FAILED,
		.branch_to = WF_CHECK_FAILED, .branch_doc = WF_DOC_CHECK_RESULT,
		.flags = 0, .article = "S1 第十七条、第十八条第一款",
	},
	TERMINATE(CHECKING),
	WITHDRAW(CHECKING),

	R(CHECK_FAILED, OBJECT, INVESTIGATING, VA | TC, 0, G(OBJECTION_EVIDENCE), NONE, WF_F_SIDE,
	  "S1 第十八条第二款"),
	R(CHECK_FAILED, REFUSE, REFUSED, CA, TR, 0, REFUSAL, WF_F_REASON | WF_F_DECISION,
	  "S1 第十八条、第二十一条"),
	TERMINATE(CHECK_FAILED),
	WITHDRAW(CHECK_FAILED),

	R(REVIEWED, PUBLISH, NOTICE, TC, 0, 0, NOTICE_LIST, 0, "S1 第十九条；S7 四（二）"),
	TERMINATE(REVIEWED),
	WITHDRAW(REVIEWED),

	R(NOTICE, OBJECT, OBJECTED, VA | TC, 0, G(NOTICE_RUNNING), NONE,
	  WF_F_OPENS_OBJECTION | WF_F_SIDE,
	  "S1 第十九条第二款"),
	R(NOTICE, CLOSE_NOTICE, READY, TC, 0, G(NOTICE_OVER) | G(NO_OPEN_OBJECTION), NONE, 0,
	  "S1 第十九条第一款"),
	TERMINATE(NOTICE),
	WITHDRAW(NOTICE),

	R(OBJECTED, OBJECT, OBJECTED, VA | TC, 0, G(NOTICE_RUNNING), NONE,
	  WF_F_OPENS_OBJECTION | WF_F_SIDE,
	  "S1 第十九条第二款"),
	R(OBJECTED, RECORD_VISIT, OBJECTED, TC, 0, VISIT, SURVEY, WF_F_RESOLVES_OBJECTION,
	  "S1 第十九条第二款、第十六条"),
	R(OBJECTED, RECORD_EVALUATION, OBJECTED, TC, 0, EVAL, EVALUATION, WF_F_RESOLVES_OBJECTION,
	  "S1 第十九条第二款"),
	R(OBJECTED, TOWNSHIP_REVIEW, READY, TR, 0, G(NOTICE_OVER) | G(NO_OPEN_OBJECTION), NONE, 0,
	  "S1 第十九条第二款"),
	TERMINATE(OBJECTED),
	WITHDRAW(OBJECTED),

	R(READY, SUBMIT, SUBMITTED, TC | TR, 0, 0, NONE, 0, "S1 第十九条"),
	R(READY, COMPLAIN, READY, PO | TC | CA, 0, 0, NONE, WF_F_SIDE,
	  "S1 第二十条第二款、第三十六条"),
	TERMINATE(READY),
	WITHDRAW(READY),

	R(SUBMITTED, COUNTY_VISIT, SUBMITTED, CA, TC | TR, VISIT, SURVEY, 0,
	  "S1 第二十条第二款、第十六条"),
	R(SUBMITTED, COMPLAIN, SUBMITTED, PO | TC | CA, 0, 0, NONE, WF_F_SIDE,
	  "S1 第二十条第二款、第三十六条"),
	R(SUBMITTED, CONFIRM, CONFIRMED, CA, TR, G(RELATIVES_VISIT) | G(COMPLAINT_VISIT),
	  CONFIRMATION, WF_F_DECISION, "S1 第二十条、第二十一条"),
	R(SUBMITTED, REFUSE, REFUSED, CA, TR, 0, REFUSAL, WF_F_REASON | WF_F_DECISION,
	  "S1 第二十一条"),
	R(SUBMITTED, SEND_BACK, INVESTIGATING, CA, TR, 0, NONE, WF_F_REASON,
	  "S1 第二十条（地方：退回补充调查）"),
	TERMINATE(SUBMITTED),
	WITHDRAW(SUBMITTED),

	R(REFUSED, NOTIFY, REFUSAL_NOTIFIED, TC, 0, 0, NONE, 0, "S1 第二十一条"),
};

const struct wf_row *wf_rows(size_t *n)
{
	if (n)
		*n = DIB_ARRAY_LEN(rows);
	return rows;
}

const struct wf_row *wf_row_find(enum wf_state from, enum wf_action a)
{
	for (size_t i = 0; i < DIB_ARRAY_LEN(rows); i++)
		if (rows[i].from == from && rows[i].action == a)
			return &rows[i];
	return NULL;
}

/* The township review and the decision on a case need two people; under
 * delegation both happen in the township, which makes the rule matter
 * more, not less. */
static const struct wf_sod_pair sod_pairs[] = {
	{WF_TOWNSHIP_REVIEW, WF_CONFIRM},
	{WF_TOWNSHIP_REVIEW, WF_REFUSE},
};

const struct wf_sod_pair *wf_sod_pairs(size_t *n)
{
	if (n)
		*n = DIB_ARRAY_LEN(sod_pairs);
	return sod_pairs;
}

size_t wf_sod_before(enum wf_action a, enum wf_action *out, size_t cap)
{
	size_t k = 0;

	for (size_t i = 0; i < DIB_ARRAY_LEN(sod_pairs); i++) {
		if (sod_pairs[i].second != a)
			continue;
		if (k < cap)
			out[k] = sod_pairs[i].first;
		k++;
	}
	return k;
}

/* ---- lookups ---- */

const char *wf_state_code(enum wf_state s)
{
	return (unsigned)s < WF_STATE_COUNT ? state_names[s].code : NULL;
}

const char *wf_state_name(enum wf_state s)
{
	return (unsigned)s < WF_STATE_COUNT ? state_names[s].name : "?";
}

bool wf_state_final(enum wf_state s)
{
	for (size_t i = 0; i < DIB_ARRAY_LEN(rows); i++)
		if (rows[i].from == s)
			return false;
	return (unsigned)s < WF_STATE_COUNT;
}

const char *wf_action_code(enum wf_action a)
{
	return (unsigned)a < WF_ACTION_COUNT ? action_names[a].code : NULL;
}

const char *wf_action_name(enum wf_action a)
{
	return (unsigned)a < WF_ACTION_COUNT ? action_names[a].name : "?";
}

const char *wf_guard_code(enum wf_guard g)
{
	return (unsigned)g < WF_GUARD_COUNT ? guard_defs[g].code : NULL;
}

const char *wf_guard_name(enum wf_guard g)
{
	return (unsigned)g < WF_GUARD_COUNT ? guard_defs[g].name : "?";
}

const char *wf_guard_article(enum wf_guard g)
{
	return (unsigned)g < WF_GUARD_COUNT ? guard_defs[g].article : "?";
}

const char *wf_doc_name(enum wf_doc d)
{
	return (unsigned)d < WF_DOC_COUNT ? doc_names[d] : "?";
}

const char *wf_doc_code(enum wf_doc d)
{
	return (unsigned)d < WF_DOC_COUNT ? doc_codes[d] : NULL;
}

bool wf_doc_parse(const char *s, enum wf_doc *out)
{
	for (int d = WF_DOC_NONE + 1; s && d < WF_DOC_COUNT; d++)
		if (!strcmp(s, doc_codes[d])) {
			*out = (enum wf_doc)d;
			return true;
		}
	return false;
}

const char *wf_extension_code(enum wf_extension e)
{
	return (unsigned)e < WF_EXT_COUNT ? ext_names[e].code : NULL;
}

const char *wf_extension_name(enum wf_extension e)
{
	return (unsigned)e < WF_EXT_COUNT ? ext_names[e].name : "?";
}

static bool name_is(const char *code, const char *s, size_t n)
{
	return strlen(code) == n && memcmp(code, s, n) == 0;
}

bool wf_state_parse(const char *s, size_t n, enum wf_state *out)
{
	for (int i = 0; s && i < WF_STATE_COUNT; i++)
		if (name_is(state_names[i].code, s, n)) {
			*out = (enum wf_state)i;
			return true;
		}
	return false;
}

bool wf_action_parse(const char *s, size_t n, enum wf_action *out)
{
	for (int i = 0; s && i < WF_ACTION_COUNT; i++)
		if (name_is(action_names[i].code, s, n)) {
			*out = (enum wf_action)i;
			return true;
		}
	return false;
}

static int role_index(unsigned bit)
{
	for (int i = 0; i < WF_ROLE_COUNT; i++)
		if (bit == 1u << i)
			return i;
	return -1;
}

unsigned wf_role_bit(const char *code)
{
	for (int i = 0; code && i < WF_ROLE_COUNT; i++)
		if (!strcmp(role_names[i].code, code))
			return 1u << i;
	return 0;
}

unsigned wf_roles_of(const char *const *codes, int n)
{
	unsigned bits = 0;

	for (int i = 0; codes && i < n; i++)
		bits |= wf_role_bit(codes[i]);
	return bits;
}

const char *wf_role_code(unsigned bit)
{
	int i = role_index(bit);

	return i < 0 ? NULL : role_names[i].code;
}

const char *wf_role_name(unsigned bit)
{
	int i = role_index(bit);

	return i < 0 ? "?" : role_names[i].name;
}

/* ---- renderings ---- */

/* Appends the role names of bits joined by sep. */
static dib_code add_roles(dib_buf *b, unsigned bits, const char *sep)
{
	dib_code rc = DIB_OK;
	bool first = true;

	for (int i = 0; i < WF_ROLE_COUNT && !rc; i++) {
		if (!(bits & (1u << i)))
			continue;
		if (!first)
			rc = dib_buf_adds(b, sep);
		if (!rc)
			rc = dib_buf_adds(b, role_names[i].name);
		first = false;
	}
	return rc;
}

static dib_code add_guards(dib_buf *b, uint32_t guards, const char *sep)
{
	dib_code rc = DIB_OK;
	bool first = true;

	for (int g = 0; g < WF_GUARD_COUNT && !rc; g++) {
		if (!(guards & (1u << g)))
			continue;
		rc = dib_buf_addf(b, "%s%s", first ? "" : sep, guard_defs[g].code);
		first = false;
	}
	return rc;
}

static unsigned row_roles(const struct wf_row *r, const struct wf_params *p)
{
	return r->roles | (p && p->delegated ? r->delegated_roles : 0);
}

static dib_code buf_fail(dib_code rc, dib_err *err)
{
	if (rc == DIB_ENOMEM)
		return dib_err_nomem(err);
	return dib_err_set(err, rc, "工作流程图超过大小限制");
}

dib_code wf_dot(const struct wf_params *p, dib_buf *out, dib_err *err)
{
	dib_code rc;

	rc = dib_buf_adds(out, "digraph dibao_workflow {\n"
			       "\trankdir=LR;\n"
			       "\tnode [shape=box, style=rounded, fontname=\"Noto Sans CJK SC\"];\n"
			       "\tedge [fontname=\"Noto Sans CJK SC\", fontsize=10];\n");
	for (int s = 0; s < WF_STATE_COUNT && !rc; s++)
		rc = dib_buf_addf(out, "\t%s [label=\"%s\\n%s\"%s];\n", state_names[s].code,
				  state_names[s].name, state_names[s].code,
				  wf_state_final((enum wf_state)s) ? ", peripheries=2" : "");
	for (size_t i = 0; i < DIB_ARRAY_LEN(rows) && !rc; i++) {
		const struct wf_row *r = &rows[i];
		int alt = r->branch >= 0;

		for (int k = 0; k <= alt && !rc; k++) {
			enum wf_state to = k ? r->branch_to : r->to;
			enum wf_doc doc = k ? r->branch_doc : r->doc;

			rc = dib_buf_addf(out, "\t%s -> %s [label=\"%s %s\\n", state_names[r->from].code,
					  state_names[to].code, action_names[r->action].code,
					  action_names[r->action].name);
			if (!rc)
				rc = add_roles(out, row_roles(r, p), "/");
			if (!rc && (r->guards || alt))
				rc = dib_buf_adds(out, "\\n[");
			if (!rc)
				rc = add_guards(out, r->guards, ", ");
			/* the branch predicate picks the edge: shown on both */
			if (!rc && alt)
				rc = dib_buf_addf(out, "%s%s%s%s", r->guards ? "; " : "", k ? "" : "!(",
						  guard_defs[r->branch].code, k ? "" : ")");
			if (!rc && (r->guards || alt))
				rc = dib_buf_adds(out, "]");
			if (!rc && doc)
				rc = dib_buf_addf(out, "\\n→ %s", doc_names[doc]);
			if (!rc && (r->flags & WF_F_REASON))
				rc = dib_buf_adds(out, "\\n须填写理由");
			if (!rc)
				rc = dib_buf_addf(out, "\\n%s\"%s];\n", r->article,
						  (r->flags & WF_F_SIDE) ? ", style=dashed" : "");
		}
	}
	if (!rc)
		rc = dib_buf_adds(out, "}\n");
	return rc ? buf_fail(rc, err) : DIB_OK;
}

/* What svc records when the row is taken, for the table's last column. */
static const char *flag_note(unsigned flags)
{
	if (flags & WF_F_T0)
		return "受理日，总时限起算";
	if (flags & WF_F_DECISION)
		return "决定日";
	if (flags & WF_F_OPENS_OBJECTION)
		return "异议待处理";
	if (flags & WF_F_RESOLVES_OBJECTION)
		return "异议已处理";
	return "";
}

dib_code wf_markdown(dib_buf *out, dib_err *err)
{
	dib_code rc;

	rc = dib_buf_adds(out, "| 当前状态 | 操作 | 下一状态 | 办理角色 | 条件 | 产生文书 | 理由 | 记录 | 依据 |\n"
			       "|---|---|---|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < DIB_ARRAY_LEN(rows) && !rc; i++) {
		const struct wf_row *r = &rows[i];

		rc = dib_buf_addf(out, "| %s `%s` | %s `%s`%s | %s `%s`", state_names[r->from].name,
				  state_names[r->from].code, action_names[r->action].name,
				  action_names[r->action].code, (r->flags & WF_F_SIDE) ? "（事件）" : "",
				  state_names[r->to].name, state_names[r->to].code);
		if (!rc && r->branch >= 0)
			rc = dib_buf_addf(out, "；`%s` 时 %s `%s`", guard_defs[r->branch].code,
					  state_names[r->branch_to].name,
					  state_names[r->branch_to].code);
		if (!rc)
			rc = dib_buf_adds(out, " | ");
		if (!rc)
			rc = add_roles(out, r->roles, "、");
		if (!rc && r->delegated_roles) {
			rc = dib_buf_adds(out, "（下放时另有 ");
			if (!rc)
				rc = add_roles(out, r->delegated_roles, "、");
			if (!rc)
				rc = dib_buf_adds(out, "）");
		}
		if (!rc)
			rc = dib_buf_adds(out, " | ");
		for (int g = 0, k = 0; g < WF_GUARD_COUNT && !rc; g++)
			if (r->guards & (1u << g))
				rc = dib_buf_addf(out, "%s`%s`", k++ ? "<br>" : "", guard_defs[g].code);
		if (!rc)
			rc = dib_buf_addf(out, " | %s", doc_names[r->doc]);
		if (!rc && r->branch >= 0 && r->branch_doc)
			rc = dib_buf_addf(out, "（不符合时 %s）", doc_names[r->branch_doc]);
		if (!rc)
			rc = dib_buf_addf(out, " | %s | %s | %s |\n",
					  (r->flags & WF_F_REASON) ? "必填" : "", flag_note(r->flags),
					  r->article);
	}
	return rc ? buf_fail(rc, err) : DIB_OK;
}
