/*
 * coverage_table.c — the data of the changes to a covered household (see
 * coverage.h): the kinds with their codes, names and notice titles, the
 * reason table with its articles and the two sentences each reason gives
 * the written notice, the appeal sentence, and the Markdown rendering of
 * the table that docs/internals/coverage.md shows. The rules that read the
 * table are in coverage.c.
 *
 * Adding a reason is adding an enum value and a row here (and a line to
 * the table test); the checks, the notices and the document follow.
 *
 * Thread-safety: constant data and pure functions.
 */
#include "util/dib.h"
#include "core/coverage.h"

/* Full titles for the notice's sentences (the article column uses S1…). */
#define LAW_S1 "《最低生活保障审核确认办法》"
#define LAW_S5 "《社会救助暂行办法》"
#define LAW_S7 "《关于进一步做好最低生活保障等社会救助兜底保障工作的通知》"

#define INC COV_K(COV_INCREASE)
#define RED COV_K(COV_REDUCE)
#define STOP COV_K(COV_STOP)
#define PHASE COV_K(COV_PHASEOUT)
#define DEC COV_RF_DECISION_NO

/* ---- kinds ---- */

struct cov_kind_def {
	const char *code;
	const char *name;
	const char *title; /* the notice's title */
};

static const struct cov_kind_def kinds[COV_KIND_COUNT] = {
	[COV_INCREASE] = {"increase", "增发", "增发最低生活保障金通知书"},
	[COV_REDUCE] = {"reduce", "减发", "减发最低生活保障金告知书"},
	[COV_STOP] = {"stop", "停发", "停发最低生活保障金告知书"},
	[COV_PHASEOUT] = {"phaseout", "渐退", "最低生活保障渐退告知书"},
};

/* ---- reasons ----
 *
 * One row per reason, in enum order. The sentences are addressed to the
 * household ("你家庭") as the county's notices are, and end without 。 so
 * that svc joins them: reason。basis，决定自…起…。appeal。 */
static const struct cov_reason_row rows[COV_REASON_COUNT] = {
	{COV_R_INCOME_CHANGED, "income_changed", "家庭收入变化",
	 INC | RED, 0, COV_RETRO_NONE, RED, DEC, NULL,
	 "S1 第三十一条、第三十二条；S5 第十三条",
	 "经核查，你家庭的收入状况发生变化，家庭月人均收入与当地最低生活保障标准的差额随之改变",
	 "依据" LAW_S5 "第十三条和" LAW_S1 "第三十一条、第三十二条的规定", NULL},
	{COV_R_MEMBER_JOINED, "member_joined", "新增共同生活家庭成员",
	 INC | RED, 0, COV_RETRO_NONE, RED, DEC | COV_RF_MEMBER, NULL,
	 "S1 第七条、第三十条、第三十二条；S5 第十三条",
	 "经核查，你家庭新增共同生活的家庭成员，家庭人口状况发生变化",
	 "依据" LAW_S5 "第十三条和" LAW_S1 "第七条、第三十二条的规定", NULL},
	{COV_R_MEMBER_LEFT, "member_left", "家庭成员不再共同生活",
	 INC | RED | STOP, 0, COV_RETRO_NONE, RED | STOP, DEC | COV_RF_MEMBER, NULL,
	 "S1 第七条、第三十条、第三十二条；S5 第十三条",
	 "经核查，你家庭有成员已不再计入共同生活的家庭成员（迁出、在监狱内服刑、强制隔离戒毒或者被宣告失踪等），"
	 "家庭人口状况发生变化",
	 "依据" LAW_S5 "第十三条和" LAW_S1 "第七条、第三十二条的规定", NULL},
	/* Only the deceased's share is retroactive: it is not due after the
	 * death, whenever the bureau learns of it (S7 ties the change to the
	 * death date). Whether the others stay eligible is a new assessment,
	 * effective like any other. */
	{COV_R_MEMBER_DIED, "member_died", "家庭成员死亡",
	 INC | RED | STOP, RED, COV_RETRO_MONTH_AFTER_EVENT, RED | STOP,
	 DEC | COV_RF_MEMBER | COV_RF_EVENT, "死亡日期",
	 "S7 一（三）；S1 第三十二条；S5 第十三条",
	 "经核查，你家庭有成员已经死亡，家庭人口状况发生变化",
	 "依据" LAW_S5 "第十三条、" LAW_S1 "第三十二条和" LAW_S7 "第一部分第（三）项的规定", NULL},
	{COV_R_SOLE_MEMBER_DIED, "sole_member_died", "唯一家庭成员死亡",
	 STOP, STOP, COV_RETRO_MONTH_AFTER_EVENT, STOP, DEC | COV_RF_EVENT, "死亡日期",
	 "S7 一（三）；S5 第十三条",
	 "经核查，最低生活保障对象已经死亡，家庭中已无其他共同生活的家庭成员",
	 "依据" LAW_S5 "第十三条和" LAW_S7 "第一部分第（三）项的规定", NULL},
	{COV_R_CATEGORY_CHANGED, "category_changed", "分类施保情形变化",
	 INC | RED, 0, COV_RETRO_NONE, RED, DEC | COV_RF_MEMBER, NULL,
	 "S1 第二十七条、第三十二条；S5 第十二条",
	 "经核查，你家庭成员中老年人、未成年人、重度残疾人或者重病患者的情况发生变化，分类施保金相应调整",
	 "依据" LAW_S5 "第十二条第二款和" LAW_S1 "第二十七条、第三十二条的规定", NULL},
	/* The government sets the standard and its date (seed 000: a rise
	 * decided in October paid from July); a rise is paid back, a cut is
	 * never taken back. One decision for all households: no number. */
	{COV_R_STANDARD_CHANGED, "standard_changed", "低保标准调整",
	 INC | RED, INC, COV_RETRO_EVENT_MONTH, RED,
	 COV_RF_EVENT | COV_RF_FOLLOWS_EVENT, "新标准执行日期",
	 "S5 第十条、第十二条",
	 "当地最低生活保障标准已经调整，你家庭的最低生活保障金按新标准重新核定",
	 "依据" LAW_S5 "第十条、第十二条的规定", NULL},
	{COV_R_INCOME_ABOVE, "income_above", "家庭人均收入超过低保标准",
	 STOP, 0, COV_RETRO_NONE, STOP, DEC, NULL,
	 "S5 第九条、第十三条；S1 第三十二条",
	 "经核查，你家庭月人均收入已超过当地最低生活保障标准，不再符合最低生活保障条件",
	 "依据" LAW_S5 "第九条、第十三条和" LAW_S1 "第三十二条的规定", NULL},
	/* The county "可以" give a phase-out: it may also stop at once. */
	{COV_R_EMPLOYED_ABOVE, "employed_above", "就业后家庭人均收入超过低保标准",
	 PHASE | STOP, 0, COV_RETRO_NONE, PHASE | STOP, DEC, "收入首次超过标准的月份",
	 "S1 第三十三条；S7 一（三）；S5 第十三条",
	 "经核查，你家庭成员就业后，家庭月人均收入已超过当地最低生活保障标准",
	 "依据" LAW_S1 "第三十三条、" LAW_S5 "第十三条和" LAW_S7 "第一部分第（三）项的规定", NULL},
	/* The stop month was fixed by the phase-out decision and told in its
	 * notice; recording the stop is not a new decision. */
	{COV_R_PHASEOUT_ENDED, "phaseout_ended", "渐退期满",
	 STOP, STOP, COV_RETRO_EVENT_MONTH, STOP,
	 COV_RF_EVENT | COV_RF_FOLLOWS_EVENT | COV_RF_AUTOMATIC, "自动停发月份",
	 "S1 第三十三条；S7 一（三）",
	 "你家庭的最低生活保障渐退期已满",
	 "依据" LAW_S1 "第三十三条和" LAW_S7 "第一部分第（三）项的规定", NULL},
	{COV_R_ASSETS_EXCEED, "assets_exceed", "家庭财产状况不符合规定",
	 STOP, 0, COV_RETRO_NONE, STOP, DEC, NULL,
	 "S5 第九条、第十三条；S1 第十四条、第三十二条",
	 "经核查，你家庭的财产状况已不符合当地最低生活保障家庭财产状况的规定",
	 "依据" LAW_S5 "第九条、第十三条和" LAW_S1 "第十四条、第三十二条的规定", NULL},
	{COV_R_MOVED_AWAY, "moved_away", "户籍迁出本地",
	 STOP, 0, COV_RETRO_NONE, STOP, DEC, NULL,
	 "S1 第四条、第五条、第三十二条；S5 第十三条",
	 "经核查，你家庭的户籍已迁出本县（市、区），最低生活保障不再由本地审核确认和发放；"
	 "符合条件的，可以向新的户籍所在地乡镇人民政府（街道办事处）重新提出申请",
	 "依据" LAW_S1 "第四条、第五条、第三十二条和" LAW_S5 "第十三条的规定", NULL},
	/* S1 art. 29 ends an application when the family will not cooperate;
	 * nothing national says the same of a covered household's review.
	 * Provincial rules do; the basis is the duty to cooperate. */
	{COV_R_REFUSED_REVIEW, "refused_review", "无正当理由拒不配合核查",
	 STOP, 0, COV_RETRO_NONE, STOP, DEC | COV_RF_ANALOGY, NULL,
	 "S1 第九条、第二十九条（参照）、第三十一条；S5 第五十九条",
	 "你家庭无正当理由拒不配合最低生活保障家庭经济状况核查，无法核实家庭经济状况",
	 "依据" LAW_S5 "第五十九条和" LAW_S1 "第九条、第三十一条、第三十二条的规定", NULL},
	{COV_R_FRAUD, "fraud", "虚报、隐瞒、伪造骗取低保",
	 STOP, STOP, COV_RETRO_EVENT_MONTH, STOP, DEC | COV_RF_RECOVER, "骗取开始日期",
	 "S5 第六十八条；S7 五（五）",
	 "经查，你家庭采取虚报、隐瞒、伪造等手段骗取最低生活保障金",
	 "依据" LAW_S5 "第六十八条和" LAW_S7 "第五部分第（五）项的规定",
	 "责令你家庭退回非法获取的最低生活保障金"},
	/* "减发或者停发其本人的": reduce his share, or stop it — a stop of the
	 * household only when he is its one covered member. */
	{COV_R_WORK_REFUSAL, "work_refusal", "无正当理由连续3次拒绝介绍的工作",
	 RED | STOP, 0, COV_RETRO_NONE, RED | STOP, DEC | COV_RF_MEMBER, NULL,
	 "S1 第三十四条；S5 第四十五条",
	 "经核查，你家庭中有就业能力但未就业的成员，无正当理由连续3次拒绝接受人力资源社会保障等有关部门介绍的"
	 "与其健康状况、劳动能力等相适应的工作",
	 "依据" LAW_S1 "第三十四条和" LAW_S5 "第四十五条的规定", NULL},
	/* 低保 is by application (S1 art. 4); S3 art. 24(6) names the
	 * voluntary exit for 特困, nothing national for 低保. */
	{COV_R_VOLUNTARY_EXIT, "voluntary_exit", "本人申请退出",
	 STOP, 0, COV_RETRO_NONE, STOP, DEC | COV_RF_ANALOGY, NULL,
	 "S1 第四条、第三十二条（参照 S3 第二十四条）；S5 第十三条",
	 "你家庭已书面申请退出最低生活保障",
	 "依据" LAW_S5 "第十三条和" LAW_S1 "第三十二条的规定", NULL},
};

const struct cov_reason_row *cov_reasons(size_t *n)
{
	if (n)
		*n = DIB_ARRAY_LEN(rows);
	return rows;
}

const struct cov_reason_row *cov_reason(enum cov_reason r)
{
	return (unsigned)r < DIB_ARRAY_LEN(rows) ? &rows[r] : NULL;
}

const char *cov_kind_code(enum cov_kind k)
{
	return (unsigned)k < COV_KIND_COUNT ? kinds[k].code : NULL;
}

const char *cov_kind_name(enum cov_kind k)
{
	return (unsigned)k < COV_KIND_COUNT ? kinds[k].name : "?";
}

const char *cov_notice_title(enum cov_kind k)
{
	return (unsigned)k < COV_KIND_COUNT ? kinds[k].title : "?";
}

static bool same(const char *code, const char *s, size_t n)
{
	return strlen(code) == n && !memcmp(code, s, n);
}

bool cov_kind_parse(const char *s, size_t n, enum cov_kind *out)
{
	for (int k = 0; s && k < COV_KIND_COUNT; k++)
		if (same(kinds[k].code, s, n)) {
			*out = (enum cov_kind)k;
			return true;
		}
	return false;
}

bool cov_reason_parse(const char *s, size_t n, enum cov_reason *out)
{
	for (size_t i = 0; s && i < DIB_ARRAY_LEN(rows); i++)
		if (same(rows[i].code, s, n)) {
			*out = rows[i].reason;
			return true;
		}
	return false;
}

bool cov_allows(enum cov_reason r, enum cov_kind k)
{
	const struct cov_reason_row *row = cov_reason(r);

	return row && (unsigned)k < COV_KIND_COUNT && (row->kinds & COV_K(k));
}

bool cov_notice_required(enum cov_reason r, enum cov_kind k)
{
	return cov_allows(r, k) && (cov_reason(r)->notice_kinds & COV_K(k));
}

/* ---- the appeal sentence ---- */

static dib_code buf_fail(dib_code rc, dib_err *err)
{
	if (rc == DIB_ENOMEM)
		return dib_err_nomem(err);
	return dib_err_set(err, rc, "告知书内容超过长度上限");
}

static dib_code check_name(const char *s, const char *what, dib_err *err)
{
	if (!s || !*s)
		return dib_err_set(err, DIB_EINVAL, "%s名称不能为空", what);
	if (strlen(s) > COV_BODY_NAME_MAX)
		return dib_err_set(err, DIB_EINVAL, "%s名称过长（最多 %d 字节）", what,
				   COV_BODY_NAME_MAX);
	return DIB_OK;
}

dib_code cov_appeal_text(const char *review_body, const char *court, dib_buf *out,
			 dib_err *err)
{
	dib_code rc;

	if ((rc = check_name(review_body, "行政复议机关", err)) ||
	    (rc = check_name(court, "人民法院", err)))
		return rc;
	/* The periods in words, as the laws write them (六十日, 六个月). */
	rc = dib_buf_addf(out,
			  "如对本决定不服，可以自收到本告知书之日起六十日内向%s申请行政复议，"
			  "也可以自收到本告知书之日起六个月内向%s提起行政诉讼",
			  review_body, court);
	return rc ? buf_fail(rc, err) : DIB_OK;
}

/* ---- the Markdown table ---- */

static dib_code add_kinds(dib_buf *out, unsigned mask)
{
	dib_code rc = DIB_OK;

	for (int k = 0, n = 0; k < COV_KIND_COUNT && !rc; k++)
		if (mask & COV_K(k))
			rc = dib_buf_addf(out, "%s%s", n++ ? "、" : "", kinds[k].name);
	return rc;
}

static const char *retro_text(enum cov_retro_from f)
{
	switch (f) {
	case COV_RETRO_EVENT_MONTH:
		return "当月起";
	case COV_RETRO_MONTH_AFTER_EVENT:
		return "次月起";
	case COV_RETRO_NONE:
		break;
	}
	return "";
}

static dib_code add_notes(dib_buf *out, const struct cov_reason_row *r)
{
	dib_code rc = DIB_OK;
	int n = 0;

	if (r->flags & COV_RF_MEMBER)
		rc = dib_buf_addf(out, "%s涉及某一成员", n++ ? "<br>" : "");
	if (!rc && (r->flags & COV_RF_EVENT))
		rc = dib_buf_addf(out, "%s须填%s", n++ ? "<br>" : "", r->event_name);
	if (!rc && !(r->flags & COV_RF_EVENT) && (r->kinds & PHASE))
		rc = dib_buf_addf(out, "%s渐退须填%s", n++ ? "<br>" : "", r->event_name);
	if (!rc && (r->flags & COV_RF_FOLLOWS_EVENT))
		rc = dib_buf_addf(out, "%s按%s所在月生效", n++ ? "<br>" : "", r->event_name);
	if (!rc && (r->flags & COV_RF_AUTOMATIC))
		rc = dib_buf_addf(out, "%s系统自动生成", n++ ? "<br>" : "");
	if (!rc && (r->flags & COV_RF_RECOVER))
		rc = dib_buf_addf(out, "%s责令退回", n++ ? "<br>" : "");
	if (!rc && (r->flags & COV_RF_ANALOGY))
		rc = dib_buf_addf(out, "%s国家无明文，参照适用 [C]", n++ ? "<br>" : "");
	return rc;
}

dib_code cov_markdown(dib_buf *out, dib_err *err)
{
	dib_code rc;

	rc = dib_buf_adds(out, "| 事由 | 可用于 | 可追溯 | 书面告知 | 决定文书号 | 说明 | 依据 |\n"
			       "|---|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < DIB_ARRAY_LEN(rows) && !rc; i++) {
		const struct cov_reason_row *r = &rows[i];

		rc = dib_buf_addf(out, "| %s `%s` | ", r->name, r->code);
		if (!rc)
			rc = add_kinds(out, r->kinds);
		if (!rc)
			rc = dib_buf_adds(out, " | ");
		if (!rc && r->retro_kinds) {
			rc = add_kinds(out, r->retro_kinds);
			if (!rc)
				rc = dib_buf_addf(out, "（%s%s）",
						  r->event_name ? r->event_name : "事实发生",
						  retro_text(r->retro_from));
		}
		if (!rc)
			rc = dib_buf_adds(out, " | ");
		if (!rc)
			rc = add_kinds(out, r->notice_kinds);
		if (!rc)
			rc = dib_buf_addf(out, " | %s | ", (r->flags & DEC) ? "必填" : "");
		if (!rc)
			rc = add_notes(out, r);
		if (!rc)
			rc = dib_buf_addf(out, " | %s |\n", r->article);
	}
	return rc ? buf_fail(rc, err) : DIB_OK;
}
