/*
 * test_coverage.c — the changes to a covered household (core/coverage.h)
 * against the texts they encode: the reason table written out a second
 * time from S1 (民发〔2021〕57号), S5 (《社会救助暂行办法》) and S7 (民发
 * 〔2022〕83号); which kinds each reason allows, which must be told in
 * writing and which need a decision number; the effective month (next
 * month by default, retroactive only where the table says, never put off);
 * the phase-out (at most 6 months, 0 = an immediate stop, the automatic
 * stop and when it is due); the three months after a death counted over
 * month ends and days off (民法典 art. 201–203); three refusals of suitable
 * work in a row and the local period's boundary; the appeal sentence; and
 * the table in docs/internals/coverage.md, which must match the code.
 *
 * Set DIB_COV_DUMP=<dir> to write the generated coverage-table.md there
 * (to refresh the document on purpose).
 *
 * Thread-safety: single-threaded test program.
 */
#include "util/dib.h"
#include "util/buf.h"
#include "core/coverage.h"

#include <setjmp.h>
#include <cmocka.h>

#define INC COV_K(COV_INCREASE)
#define RED COV_K(COV_REDUCE)
#define STP COV_K(COV_STOP)
#define PHS COV_K(COV_PHASEOUT)

static dib_date D(const char *s)
{
	dib_date d = {0, 0, 0};
	dib_err err;

	dib_err_clear(&err);
	if (date_parse(s, strlen(s), &d, &err) != DIB_OK)
		fail_msg("bad test date %s", s);
	return d;
}

static dib_month M(const char *s)
{
	dib_month m = {0, 0};
	dib_err err;

	dib_err_clear(&err);
	if (month_parse(s, strlen(s), &m, &err) != DIB_OK)
		fail_msg("bad test month %s", s);
	return m;
}

static struct cov_params defaults(void)
{
	struct cov_params p;

	cov_params_default(&p);
	return p;
}

static void assert_month(dib_month got, const char *want)
{
	char b[DIB_MONTH_STR];

	if (month_cmp(got, M(want)))
		fail_msg("month %s, want %s", month_format(got, b), want);
}

static void assert_date(dib_date got, const char *want)
{
	char b[DIB_DATE_STR];

	if (date_cmp(got, D(want)))
		fail_msg("date %s, want %s", date_format(got, b), want);
}

static void assert_msg(const dib_err *err, const char *part)
{
	if (!strstr(err->msg, part))
		fail_msg("message \"%s\" lacks \"%s\"", err->msg, part);
}

/* A change with the fields most tests leave alone. */
static struct cov_change change(enum cov_kind k, enum cov_reason r, const char *decided,
				const char *event, const char *effective)
{
	struct cov_change c;

	memset(&c, 0, sizeof c);
	c.kind = k;
	c.reason = r;
	c.decided = D(decided);
	c.decision_no = "某民救〔2025〕12号";
	c.has_event = event != NULL;
	if (event)
		c.event = D(event);
	c.effective = M(effective);
	return c;
}

/* ---- the table, written out a second time from the texts ---- */

struct law_row {
	enum cov_reason r;
	const char *code;
	const char *name;
	unsigned kinds, retro;
	enum cov_retro_from from;
	unsigned flags;
	const char *article; /* a part the article column must hold */
};

#define DN COV_RF_DECISION_NO
#define MB COV_RF_MEMBER
#define EV COV_RF_EVENT
#define FE COV_RF_FOLLOWS_EVENT
#define AU COV_RF_AUTOMATIC
#define RC COV_RF_RECOVER
#define AN COV_RF_ANALOGY

static const struct law_row law[] = {
	/* S1 art. 31, 32; S5 art. 13(3): 增发、减发、停发 as the facts change */
	{COV_R_INCOME_CHANGED, "income_changed", "家庭收入变化", INC | RED, 0, COV_RETRO_NONE,
	 DN, "S1 第三十一条、第三十二条"},
	{COV_R_MEMBER_JOINED, "member_joined", "新增共同生活家庭成员", INC | RED, 0,
	 COV_RETRO_NONE, DN | MB, "S1 第七条"},
	{COV_R_MEMBER_LEFT, "member_left", "家庭成员不再共同生活", INC | RED | STP, 0,
	 COV_RETRO_NONE, DN | MB, "S1 第七条"},
	/* S7 一（三）: within 3 months of the death, 增发、减发、停发 */
	{COV_R_MEMBER_DIED, "member_died", "家庭成员死亡", INC | RED | STP, RED,
	 COV_RETRO_MONTH_AFTER_EVENT, DN | MB | EV, "S7 一（三）"},
	{COV_R_SOLE_MEMBER_DIED, "sole_member_died", "唯一家庭成员死亡", STP, STP,
	 COV_RETRO_MONTH_AFTER_EVENT, DN | EV, "S7 一（三）"},
	/* S1 art. 27; S5 art. 12(2): 分类施保 */
	{COV_R_CATEGORY_CHANGED, "category_changed", "分类施保情形变化", INC | RED, 0,
	 COV_RETRO_NONE, DN | MB, "S1 第二十七条"},
	/* S5 art. 10: the standard is set and published by the government */
	{COV_R_STANDARD_CHANGED, "standard_changed", "低保标准调整", INC | RED, INC,
	 COV_RETRO_EVENT_MONTH, EV | FE, "S5 第十条"},
	/* S5 art. 9, 13 */
	{COV_R_INCOME_ABOVE, "income_above", "家庭人均收入超过低保标准", STP, 0, COV_RETRO_NONE,
	 DN, "S5 第九条"},
	/* S1 art. 33: "可以给予一定时间的渐退期" */
	{COV_R_EMPLOYED_ABOVE, "employed_above", "就业后家庭人均收入超过低保标准", PHS | STP, 0,
	 COV_RETRO_NONE, DN, "S1 第三十三条"},
	{COV_R_PHASEOUT_ENDED, "phaseout_ended", "渐退期满", STP, STP, COV_RETRO_EVENT_MONTH,
	 EV | FE | AU, "S1 第三十三条"},
	/* S1 art. 14; S5 art. 9 */
	{COV_R_ASSETS_EXCEED, "assets_exceed", "家庭财产状况不符合规定", STP, 0, COV_RETRO_NONE,
	 DN, "S1 第十四条"},
	/* S1 art. 4, 5: applied for and paid where the household is registered */
	{COV_R_MOVED_AWAY, "moved_away", "户籍迁出本地", STP, 0, COV_RETRO_NONE, DN,
	 "S1 第四条、第五条"},
	{COV_R_REFUSED_REVIEW, "refused_review", "无正当理由拒不配合核查", STP, 0,
	 COV_RETRO_NONE, DN | AN, "S1 第九条"},
	/* S5 art. 68: 停止社会救助，责令退回 */
	{COV_R_FRAUD, "fraud", "虚报、隐瞒、伪造骗取低保", STP, STP, COV_RETRO_EVENT_MONTH,
	 DN | RC, "S5 第六十八条"},
	/* S1 art. 34; S5 art. 45: 减发或者停发其本人的 */
	{COV_R_WORK_REFUSAL, "work_refusal", "无正当理由连续3次拒绝介绍的工作", RED | STP, 0,
	 COV_RETRO_NONE, DN | MB, "S1 第三十四条；S5 第四十五条"},
	{COV_R_VOLUNTARY_EXIT, "voluntary_exit", "本人申请退出", STP, 0, COV_RETRO_NONE,
	 DN | AN, "S1 第四条"},
};

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && !memcmp(s + n - m, tail, m);
}

static void test_coverage__table_matches_the_law(void **state)
{
	size_t n;
	const struct cov_reason_row *rows = cov_reasons(&n);

	(void)state;
	assert_int_equal(n, COV_REASON_COUNT);
	assert_int_equal(DIB_ARRAY_LEN(law), COV_REASON_COUNT);
	for (size_t i = 0; i < n; i++) {
		const struct cov_reason_row *r = &rows[i];
		const struct law_row *w = &law[i];
		enum cov_reason back;

		assert_int_equal(r->reason, i);
		assert_int_equal(w->r, i);
		assert_ptr_equal(cov_reason(r->reason), r);
		assert_string_equal(r->code, w->code);
		assert_string_equal(r->name, w->name);
		assert_int_equal(r->kinds, w->kinds);
		assert_int_equal(r->retro_kinds, w->retro);
		assert_int_equal(r->retro_from, w->from);
		assert_int_equal(r->flags, w->flags);
		if (!strstr(r->article, w->article))
			fail_msg("%s: article \"%s\" lacks \"%s\"", r->code, r->article, w->article);
		/* S1 art. 32 (减发、停发: 告知并说明理由), S5 art. 13 (停发: 书面),
		 * and the phase-out decides a stop: exactly those are told */
		assert_int_equal(r->notice_kinds, r->kinds & (RED | STP | PHS));
		/* an event name wherever a date is asked for */
		if ((r->flags & EV) || r->retro_kinds || (r->kinds & PHS))
			assert_non_null(r->event_name);
		else
			assert_null(r->event_name);
		assert_int_equal(r->order_text != NULL, (r->flags & RC) != 0);
		/* the sentences svc joins: no final 。, the basis names the law */
		assert_true(strlen(r->reason_text) > 0);
		assert_false(ends_with(r->reason_text, "。"));
		assert_int_equal(strncmp(r->basis_text, "依据《", strlen("依据《")), 0);
		assert_true(ends_with(r->basis_text, "的规定"));
		assert_true(cov_reason_parse(r->code, strlen(r->code), &back));
		assert_int_equal(back, r->reason);
	}
	assert_null(cov_reason(COV_REASON_COUNT));
	assert_null(cov_reason((enum cov_reason)-1));
}

static void test_coverage__codes_and_names(void **state)
{
	static const char *const codes[] = {"increase", "reduce", "stop", "phaseout"};
	static const char *const names[] = {"增发", "减发", "停发", "渐退"};
	enum cov_kind k;
	enum cov_reason r;

	(void)state;
	for (int i = 0; i < COV_KIND_COUNT; i++) {
		assert_string_equal(cov_kind_code((enum cov_kind)i), codes[i]);
		assert_string_equal(cov_kind_name((enum cov_kind)i), names[i]);
		assert_true(cov_kind_parse(codes[i], strlen(codes[i]), &k));
		assert_int_equal(k, i);
	}
	assert_null(cov_kind_code(COV_KIND_COUNT));
	assert_string_equal(cov_kind_name(COV_KIND_COUNT), "?");
	assert_false(cov_kind_parse("resume", 6, &k));
	assert_false(cov_kind_parse("stop", 3, &k)); /* a prefix is not a code */
	assert_false(cov_kind_parse(NULL, 0, &k));
	assert_false(cov_reason_parse("fraudx", 6, &r));
	assert_false(cov_reason_parse("", 0, &r));
}

/* S1 art. 32: a decision needs a 法定事由; a reason only grounds its kinds. */
static void test_coverage__s1_a32_reason_allows_kind(void **state)
{
	struct cov_params p = defaults();
	dib_err err;

	(void)state;
	for (size_t i = 0; i < DIB_ARRAY_LEN(law); i++)
		for (int k = 0; k < COV_KIND_COUNT; k++)
			assert_int_equal(cov_allows(law[i].r, (enum cov_kind)k),
					 (law[i].kinds & COV_K(k)) != 0);
	assert_false(cov_allows(COV_REASON_COUNT, COV_STOP));
	assert_false(cov_allows(COV_R_FRAUD, COV_KIND_COUNT));

	struct cov_change c = change(COV_STOP, COV_R_INCOME_CHANGED, "2025-04-10", NULL, "2025-05");
	dib_err_clear(&err);
	assert_int_equal(cov_change_check(&c, &p, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "事由「家庭收入变化」不能用于「停发」，只能用于增发、减发");

	/* a phase-out only for a household lifted above the standard by work */
	c = change(COV_PHASEOUT, COV_R_INCOME_ABOVE, "2025-04-10", "2025-03-01", "2025-03");
	dib_err_clear(&err);
	assert_int_equal(cov_change_check(&c, &p, &err), DIB_EINVAL);
	assert_msg(&err, "只能用于停发");
	c = change(COV_INCREASE, COV_R_FRAUD, "2025-04-10", NULL, "2025-05");
	dib_err_clear(&err);
	assert_int_equal(cov_change_check(&c, &p, &err), DIB_EINVAL);
	assert_msg(&err, "「虚报、隐瞒、伪造骗取低保」不能用于「增发」");
}

/* S1 art. 32: 减发、停发 告知并说明理由; S5 art. 13: 停发 书面说明理由. */
static void test_coverage__s1_a32_s5_a13_notice_for_reduce_and_stop(void **state)
{
	(void)state;
	for (size_t i = 0; i < DIB_ARRAY_LEN(law); i++)
		for (int k = 0; k < COV_KIND_COUNT; k++) {
			bool allowed = (law[i].kinds & COV_K(k)) != 0;
			assert_int_equal(cov_notice_required(law[i].r, (enum cov_kind)k),
					 allowed && k != COV_INCREASE);
		}
	assert_false(cov_notice_required(COV_R_INCOME_CHANGED, COV_STOP)); /* not allowed */
	assert_string_equal(cov_notice_title(COV_INCREASE), "增发最低生活保障金通知书");
	assert_string_equal(cov_notice_title(COV_REDUCE), "减发最低生活保障金告知书");
	assert_string_equal(cov_notice_title(COV_STOP), "停发最低生活保障金告知书");
	assert_string_equal(cov_notice_title(COV_PHASEOUT), "最低生活保障渐退告知书");
	assert_string_equal(cov_notice_title(COV_KIND_COUNT), "?");

	/* S5 art. 68: the fraud notice orders the money returned */
	const struct cov_reason_row *f = cov_reason(COV_R_FRAUD);
	assert_non_null(strstr(f->order_text, "退回非法获取的最低生活保障金"));
	assert_non_null(strstr(f->basis_text, "《社会救助暂行办法》第六十八条"));
	assert_non_null(strstr(cov_reason(COV_R_WORK_REFUSAL)->reason_text, "连续3次"));
	assert_non_null(strstr(cov_reason(COV_R_WORK_REFUSAL)->basis_text,
			       "《最低生活保障审核确认办法》第三十四条"));
}

/* regulations §1.15: every change carries its 决定文书号 — except the two
 * that another act decided (the standard, the phase-out). */
static void test_coverage__s1_a32_decision_number(void **state)
{
	static const struct {
		enum cov_kind k;
		enum cov_reason r;
		const char *event, *effective;
		const char *no;
		dib_code rc;
		const char *msg;
	} cases[] = {
		{COV_REDUCE, COV_R_INCOME_CHANGED, NULL, "2025-05", "", DIB_EINVAL,
		 "「家庭收入变化」须填写决定文书号"},
		{COV_REDUCE, COV_R_INCOME_CHANGED, NULL, "2025-05", NULL, DIB_EINVAL,
		 "「家庭收入变化」须填写决定文书号"},
		{COV_REDUCE, COV_R_INCOME_CHANGED, NULL, "2025-05", "某民救〔2025〕3号", DIB_OK, NULL},
		{COV_STOP, COV_R_FRAUD, NULL, "2025-05", "", DIB_EINVAL,
		 "「虚报、隐瞒、伪造骗取低保」须填写决定文书号"},
		{COV_INCREASE, COV_R_STANDARD_CHANGED, "2025-07-01", "2025-07", NULL, DIB_OK, NULL},
		{COV_STOP, COV_R_PHASEOUT_ENDED, "2025-09-01", "2025-09", "", DIB_OK, NULL},
		{COV_STOP, COV_R_INCOME_ABOVE, NULL, "2025-05",
		 "12345678901234567890123456789012345678901234567890123456789012345", DIB_EINVAL,
		 "决定文书号过长（最多 64 字节）"},
		{COV_STOP, COV_R_INCOME_ABOVE, NULL, "2025-05",
		 "1234567890123456789012345678901234567890123456789012345678901234", DIB_OK, NULL},
	};
	struct cov_params p = defaults();

	(void)state;
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		struct cov_change c = change(cases[i].k, cases[i].r, "2025-04-10", cases[i].event,
					     cases[i].effective);
		dib_err err;

		c.decision_no = cases[i].no;
		dib_err_clear(&err);
		if (cov_change_check(&c, &p, &err) != cases[i].rc)
			fail_msg("case %zu: %s", i, err.msg);
		if (cases[i].msg)
			assert_string_equal(err.msg, cases[i].msg);
	}
}

/* regulations §1.15 [C]: "决定作出的次月"; S1 art. 21 for the first payment;
 * S5 art. 13 "及时": never put off. */
static void test_coverage__s1_a21_effective_next_month(void **state)
{
	static const struct {
		enum cov_kind k;
		enum cov_reason r;
		const char *decided, *effective;
		bool same_month;
		dib_code rc;
		const char *msg;
	} cases[] = {
		{COV_INCREASE, COV_R_INCOME_CHANGED, "2025-04-10", "2025-05", false, DIB_OK, NULL},
		{COV_REDUCE, COV_R_MEMBER_JOINED, "2025-04-30", "2025-05", false, DIB_OK, NULL},
		{COV_STOP, COV_R_ASSETS_EXCEED, "2025-12-31", "2026-01", false, DIB_OK, NULL},
		{COV_STOP, COV_R_ASSETS_EXCEED, "2025-12-31", "2025-12", false, DIB_EINVAL,
		 "生效年月 2025-12 早于 2026-01：「家庭财产状况不符合规定」的停发不能追溯，应自 2026-01 "
		 "起生效（S5 第九条、第十三条；S1 第十四条、第三十二条）"},
		{COV_REDUCE, COV_R_INCOME_CHANGED, "2025-04-10", "2025-06", false, DIB_EINVAL,
		 "生效年月 2025-06 晚于 2025-05：减发应当及时生效，不能推迟（S5 第十三条）"},
		{COV_INCREASE, COV_R_CATEGORY_CHANGED, "2025-04-10", "2025-04", false, DIB_EINVAL,
		 "不能追溯"},
		/* local: 决定当月生效 */
		{COV_INCREASE, COV_R_INCOME_CHANGED, "2025-04-10", "2025-04", true, DIB_OK, NULL},
		{COV_STOP, COV_R_MOVED_AWAY, "2025-04-10", "2025-05", true, DIB_EINVAL,
		 "生效年月 2025-05 晚于 2025-04"},
		{COV_STOP, COV_R_MOVED_AWAY, "2025-04-10", "2025-03", true, DIB_EINVAL,
		 "早于 2025-04"},
	};

	(void)state;
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		struct cov_params p = defaults();
		struct cov_change c = change(cases[i].k, cases[i].r, cases[i].decided, NULL,
					     cases[i].effective);
		dib_err err;

		p.effective_same_month = cases[i].same_month;
		dib_err_clear(&err);
		if (cov_change_check(&c, &p, &err) != cases[i].rc)
			fail_msg("case %zu: \"%s\"", i, err.msg);
		if (cases[i].msg && !strstr(err.msg, cases[i].msg))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err.msg, cases[i].msg);
	}
	struct cov_params p = defaults();
	assert_month(cov_default_month(D("2025-12-01"), &p), "2026-01");
	p.effective_same_month = true;
	assert_month(cov_default_month(D("2025-12-01"), &p), "2025-12");
}

/* Every reason and kind not marked retroactive refuses the month before
 * its default, even with the event given. */
static void test_coverage__s5_a13_retroactive_refused_where_not_allowed(void **state)
{
	struct cov_params p = defaults();
	int refused = 0;

	(void)state;
	for (size_t i = 0; i < DIB_ARRAY_LEN(law); i++)
		for (int k = 0; k < COV_KIND_COUNT; k++) {
			if (!(law[i].kinds & COV_K(k)) || (law[i].retro & COV_K(k)) ||
			    k == COV_PHASEOUT || (law[i].flags & FE))
				continue;
			struct cov_change c = change((enum cov_kind)k, law[i].r, "2025-06-20",
						     "2025-01-15", "2025-06");
			dib_err err;

			dib_err_clear(&err);
			if (cov_change_check(&c, &p, &err) != DIB_EINVAL)
				fail_msg("%s/%s: a retroactive month was accepted", law[i].code,
					 cov_kind_code((enum cov_kind)k));
			assert_msg(&err, "不能追溯，应自 2025-07 起生效");
			c.effective = M("2025-07");
			dib_err_clear(&err);
			if (cov_change_check(&c, &p, &err) != DIB_OK)
				fail_msg("%s/%s: %s", law[i].code, cov_kind_code((enum cov_kind)k),
					 err.msg);
			refused++;
		}
	assert_int_equal(refused, 19); /* every such pair of the table */
}

/* S7 一（三）: the deceased's share ends with his death, however late the
 * bureau learns of it; the month of death is still due. */
static void test_coverage__s7_1_3_death_share_from_month_after_death(void **state)
{
	static const struct {
		enum cov_kind k;
		enum cov_reason r;
		const char *event, *effective;
		dib_code rc;
		const char *msg;
	} cases[] = {
		{COV_REDUCE, COV_R_MEMBER_DIED, "2025-01-31", "2025-02", DIB_OK, NULL},
		{COV_REDUCE, COV_R_MEMBER_DIED, "2025-01-31", "2025-04", DIB_OK, NULL},
		{COV_REDUCE, COV_R_MEMBER_DIED, "2025-01-31", "2025-06", DIB_OK, NULL},
		{COV_REDUCE, COV_R_MEMBER_DIED, "2025-01-31", "2025-01", DIB_EINVAL,
		 "生效年月 2025-01 早于 2025-02：「家庭成员死亡」的减发最早自死亡日期次月起生效"},
		{COV_REDUCE, COV_R_MEMBER_DIED, "2025-01-31", "2025-07", DIB_EINVAL, "晚于 2025-06"},
		{COV_STOP, COV_R_SOLE_MEMBER_DIED, "2024-12-01", "2025-01", DIB_OK, NULL},
		{COV_STOP, COV_R_SOLE_MEMBER_DIED, "2024-12-01", "2024-12", DIB_EINVAL, "最早自死亡日期次月"},
		/* the others' eligibility is a new assessment: not retroactive */
		{COV_INCREASE, COV_R_MEMBER_DIED, "2025-01-31", "2025-02", DIB_EINVAL, "不能追溯"},
		{COV_STOP, COV_R_MEMBER_DIED, "2025-01-31", "2025-02", DIB_EINVAL, "不能追溯"},
		{COV_STOP, COV_R_MEMBER_DIED, "2025-01-31", "2025-06", DIB_OK, NULL},
		/* the death date is required, and cannot follow the decision */
		{COV_REDUCE, COV_R_MEMBER_DIED, NULL, "2025-06", DIB_EINVAL,
		 "「家庭成员死亡」须填写死亡日期"},
		{COV_STOP, COV_R_SOLE_MEMBER_DIED, NULL, "2025-06", DIB_EINVAL,
		 "「唯一家庭成员死亡」须填写死亡日期"},
		{COV_REDUCE, COV_R_MEMBER_DIED, "2025-05-21", "2025-06", DIB_EINVAL,
		 "死亡日期 2025-05-21 晚于决定日期 2025-05-20"},
		/* died in the decision's month: the next month is both floor and default */
		{COV_REDUCE, COV_R_MEMBER_DIED, "2025-05-20", "2025-06", DIB_OK, NULL},
		{COV_REDUCE, COV_R_MEMBER_DIED, "2025-05-20", "2025-05", DIB_EINVAL, "早于 2025-06"},
	};
	struct cov_params p = defaults();

	(void)state;
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		struct cov_change c = change(cases[i].k, cases[i].r, "2025-05-20", cases[i].event,
					     cases[i].effective);
		dib_err err;

		dib_err_clear(&err);
		if (cov_change_check(&c, &p, &err) != cases[i].rc)
			fail_msg("case %zu: \"%s\"", i, err.msg);
		if (cases[i].msg && !strstr(err.msg, cases[i].msg))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err.msg, cases[i].msg);
	}

	dib_month lo, hi;
	dib_err err;
	struct cov_change c = change(COV_REDUCE, COV_R_MEMBER_DIED, "2025-05-20", "2025-01-31",
				     "2025-02");
	dib_err_clear(&err);
	assert_int_equal(cov_effective_range(&c, &p, &lo, &hi, &err), DIB_OK);
	assert_month(lo, "2025-02");
	assert_month(hi, "2025-06");
}

/* S5 art. 68; S7 五（五）: stop and order the money obtained by fraud back,
 * from the first month obtained. */
static void test_coverage__s5_a68_fraud_from_first_month_obtained(void **state)
{
	struct cov_params p = defaults();
	dib_month lo, hi;
	dib_err err;

	(void)state;
	struct cov_change c = change(COV_STOP, COV_R_FRAUD, "2025-03-01", "2024-11-15", "2024-11");
	dib_err_clear(&err);
	assert_int_equal(cov_change_check(&c, &p, &err), DIB_OK);
	assert_int_equal(cov_effective_range(&c, &p, &lo, &hi, &err), DIB_OK);
	assert_month(lo, "2024-11");
	assert_month(hi, "2025-04");
	c.effective = M("2024-10");
	dib_err_clear(&err);
	assert_int_equal(cov_change_check(&c, &p, &err), DIB_EINVAL);
	assert_msg(&err, "最早自骗取开始日期当月起生效（S5 第六十八条；S7 五（五））");
	/* without the date a stop for fraud is from the next month only */
	c = change(COV_STOP, COV_R_FRAUD, "2025-03-01", NULL, "2025-04");
	dib_err_clear(&err);
	assert_int_equal(cov_change_check(&c, &p, &err), DIB_OK);
	c.effective = M("2024-12");
	dib_err_clear(&err);
	assert_int_equal(cov_change_check(&c, &p, &err), DIB_EINVAL);
	assert_msg(&err, "生效年月 2024-12 早于 2025-04：「虚报、隐瞒、伪造骗取低保」的停发追溯生效须填写骗取开始日期");
}

/* S5 art. 10: the government sets the standard and its date; a rise is
 * paid back (补发, seed 000), a cut never reaches a decided month. */
static void test_coverage__s5_a10_standard_change_follows_its_month(void **state)
{
	static const struct {
		enum cov_kind k;
		const char *decided, *event, *effective;
		dib_code rc;
	} cases[] = {
		{COV_INCREASE, "2025-10-20", "2025-07-01", "2025-07", DIB_OK},
		{COV_INCREASE, "2025-10-20", "2025-07-01", "2025-11", DIB_EINVAL},
		{COV_INCREASE, "2025-10-20", "2025-07-01", "2025-06", DIB_EINVAL},
		{COV_INCREASE, "2025-11-20", "2026-01-01", "2026-01", DIB_OK}, /* ahead */
		{COV_INCREASE, "2025-11-20", "2026-01-01", "2025-12", DIB_EINVAL},
		{COV_REDUCE, "2025-10-20", "2025-07-01", "2025-11", DIB_OK},
		{COV_REDUCE, "2025-10-20", "2025-07-01", "2025-07", DIB_EINVAL},
		{COV_REDUCE, "2025-10-20", "2026-03-01", "2026-03", DIB_OK},
	};
	struct cov_params p = defaults();

	(void)state;
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		struct cov_change c = change(cases[i].k, COV_R_STANDARD_CHANGED, cases[i].decided,
					     cases[i].event, cases[i].effective);
		dib_err err;

		c.decision_no = NULL;
		dib_err_clear(&err);
		if (cov_change_check(&c, &p, &err) != cases[i].rc)
			fail_msg("case %zu: \"%s\"", i, err.msg);
		if (cases[i].rc)
			assert_msg(&err, "「低保标准调整」的");
	}
	struct cov_change c = change(COV_INCREASE, COV_R_STANDARD_CHANGED, "2025-10-20", NULL,
				     "2025-07");
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(cov_change_check(&c, &p, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "「低保标准调整」须填写新标准执行日期");
}

static void test_coverage__change_input_errors(void **state)
{
	struct cov_params p = defaults();
	struct cov_change c;
	dib_month lo = {1, 1}, hi = {1, 1};
	dib_err err;

	(void)state;
	dib_err_clear(&err);
	assert_int_equal(cov_change_check(NULL, &p, &err), DIB_EINVAL);
	c = change(COV_KIND_COUNT, COV_R_FRAUD, "2025-01-01", NULL, "2025-02");
	dib_err_clear(&err);
	assert_int_equal(cov_change_check(&c, &p, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "变更类型 4 不正确");
	c = change(COV_STOP, COV_REASON_COUNT, "2025-01-01", NULL, "2025-02");
	dib_err_clear(&err);
	assert_int_equal(cov_change_check(&c, &p, &err), DIB_EINVAL);
	assert_msg(&err, "变更事由");
	c = change(COV_STOP, COV_R_FRAUD, "2025-01-01", NULL, "2025-02");
	c.decided.day = 32;
	dib_err_clear(&err);
	assert_int_equal(cov_effective_range(&c, &p, &lo, &hi, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "决定日期不正确");
	assert_int_equal(lo.year, 1); /* untouched */
	c = change(COV_STOP, COV_R_FRAUD, "2025-01-01", NULL, "2025-02");
	c.effective.month = 13;
	dib_err_clear(&err);
	assert_int_equal(cov_change_check(&c, &p, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "生效年月不正确");
	c = change(COV_STOP, COV_R_FRAUD, "2025-01-01", "2024-06-01", "2025-02");
	c.event.month = 0;
	dib_err_clear(&err);
	assert_int_equal(cov_change_check(&c, &p, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "骗取开始日期不正确");
	/* bad parameters are the first thing reported */
	c = change(COV_STOP, COV_R_FRAUD, "2025-01-01", NULL, "2025-02");
	p.phaseout_max_months = 7;
	dib_err_clear(&err);
	assert_int_equal(cov_change_check(&c, &p, &err), DIB_EINVAL);
	assert_msg(&err, "渐退期最长月数 7");
	/* err may be NULL */
	assert_int_equal(cov_change_check(&c, &p, NULL), DIB_EINVAL);
}

/* ---- the phase-out (S1 art. 33; S7 一（三）) ---- */

static void test_coverage__s7_phaseout_max_6_months(void **state)
{
	struct cov_params p = defaults();
	struct cov_phaseout ph;
	dib_err err;

	(void)state;
	assert_int_equal(p.phaseout_max_months, 6);
	dib_err_clear(&err);
	assert_int_equal(cov_params_check(&p, &err), DIB_OK);
	p.phaseout_max_months = 7;
	dib_err_clear(&err);
	assert_int_equal(cov_params_check(&p, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "渐退期最长月数 7 不正确：应为 0 至 6 个月（S7 一（三）：原则上不超过 6 个月）");
	p.phaseout_max_months = -1;
	dib_err_clear(&err);
	assert_int_equal(cov_params_check(&p, &err), DIB_EINVAL);
	p.phaseout_max_months = 0; /* a county that gives none */
	dib_err_clear(&err);
	assert_int_equal(cov_params_check(&p, &err), DIB_OK);

	/* 6 granted under the national cap; 7 refused */
	p = defaults();
	dib_err_clear(&err);
	assert_int_equal(cov_phaseout_plan(M("2025-03"), D("2025-04-15"), 6, &p, &ph, &err), DIB_OK);
	memset(&ph, 0x5a, sizeof ph);
	dib_err_clear(&err);
	assert_int_equal(cov_phaseout_plan(M("2025-03"), D("2025-04-15"), 7, &p, &ph, &err),
			 DIB_EINVAL);
	assert_string_equal(err.msg, "渐退期 7 个月超过上限 6 个月（S7 一（三）：原则上不超过 6 个月）");
	assert_int_equal(ph.months, 0x5a5a5a5a); /* untouched */
	/* a county's lower cap binds */
	p.phaseout_max_months = 3;
	dib_err_clear(&err);
	assert_int_equal(cov_phaseout_plan(M("2025-03"), D("2025-04-15"), 4, &p, &ph, &err),
			 DIB_EINVAL);
	assert_msg(&err, "渐退期 4 个月超过上限 3 个月");
	dib_err_clear(&err);
	assert_int_equal(cov_phaseout_plan(M("2025-03"), D("2025-04-15"), -1, &p, &ph, &err),
			 DIB_EINVAL);
	assert_string_equal(err.msg, "渐退期月数 -1 不正确");
	/* the income must have risen by the decision */
	dib_err_clear(&err);
	assert_int_equal(cov_phaseout_plan(M("2025-05"), D("2025-04-15"), 3, &p, &ph, &err),
			 DIB_EINVAL);
	assert_string_equal(err.msg, "收入首次超过标准的月份 2025-05 晚于渐退决定日期 2025-04-15");
	dib_err_clear(&err);
	assert_int_equal(cov_phaseout_plan(M("2025-04"), D("2025-04-15"), 3, &p, &ph, &err), DIB_OK);
}

static void test_coverage__s1_a33_phaseout_plan(void **state)
{
	static const struct {
		const char *first_above, *decided;
		int months;
		enum cov_phaseout_from from;
		bool same_month;
		const char *start, *last, *stop;
		bool late;
	} cases[] = {
		/* counted from the first month above the standard */
		{"2025-03", "2025-04-15", 6, COV_PHASEOUT_FROM_INCOME, false, "2025-03", "2025-08",
		 "2025-09", false},
		{"2025-10", "2025-12-31", 6, COV_PHASEOUT_FROM_INCOME, false, "2025-10", "2026-03",
		 "2026-04", false},
		{"2025-04", "2025-04-01", 1, COV_PHASEOUT_FROM_INCOME, false, "2025-04", "2025-04",
		 "2025-05", false},
		/* found late: the grant has run out, the stop comes at once */
		{"2025-01", "2025-09-10", 6, COV_PHASEOUT_FROM_INCOME, false, "2025-01", "2025-06",
		 "2025-10", true},
		{"2025-02", "2025-09-10", 6, COV_PHASEOUT_FROM_INCOME, false, "2025-02", "2025-07",
		 "2025-10", true},
		/* the grant ends the month before the decision's: its month is always
		 * paid, so that is not late */
		{"2025-03", "2025-09-10", 6, COV_PHASEOUT_FROM_INCOME, false, "2025-03", "2025-08",
		 "2025-10", false},
		{"2025-04", "2025-09-10", 6, COV_PHASEOUT_FROM_INCOME, false, "2025-04", "2025-09",
		 "2025-10", false},
		/* local: counted from the decision */
		{"2025-03", "2025-04-15", 6, COV_PHASEOUT_FROM_DECISION, false, "2025-05", "2025-10",
		 "2025-11", false},
		{"2025-01", "2025-09-10", 2, COV_PHASEOUT_FROM_DECISION, false, "2025-10", "2025-11",
		 "2025-12", false},
		/* local: decisions take effect in their own month */
		{"2025-03", "2025-04-15", 2, COV_PHASEOUT_FROM_INCOME, true, "2025-03", "2025-04",
		 "2025-05", false},
		{"2025-03", "2025-04-15", 2, COV_PHASEOUT_FROM_DECISION, true, "2025-04", "2025-05",
		 "2025-06", false},
	};

	(void)state;
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		struct cov_params p = defaults();
		struct cov_phaseout ph;
		dib_err err;

		p.phaseout_from = cases[i].from;
		p.effective_same_month = cases[i].same_month;
		dib_err_clear(&err);
		if (cov_phaseout_plan(M(cases[i].first_above), D(cases[i].decided), cases[i].months,
				      &p, &ph, &err))
			fail_msg("case %zu: %s", i, err.msg);
		assert_month(ph.start, cases[i].start);
		assert_month(ph.last, cases[i].last);
		assert_month(ph.stop, cases[i].stop);
		if (ph.late != cases[i].late)
			fail_msg("case %zu: late %d", i, ph.late);
		assert_int_equal(ph.months, cases[i].months);
		assert_month(ph.first_above, cases[i].first_above);
		assert_int_equal(month_cmp(ph.effective, cov_default_month(D(cases[i].decided), &p)), 0);
		assert_int_equal(month_diff(ph.start, ph.last) + 1, cases[i].months);
	}
}

/* A phase-out of 0 months is a stop from the decision's default month. */
static void test_coverage__s1_a33_phaseout_0_months_immediate_stop(void **state)
{
	static const struct {
		const char *first_above, *decided;
		enum cov_phaseout_from from;
		const char *stop;
		bool late;
	} cases[] = {
		{"2025-04", "2025-04-20", COV_PHASEOUT_FROM_INCOME, "2025-05", false},
		{"2025-03", "2025-04-20", COV_PHASEOUT_FROM_INCOME, "2025-05", true},
		{"2025-03", "2025-04-20", COV_PHASEOUT_FROM_DECISION, "2025-05", false},
		{"2025-12", "2025-12-31", COV_PHASEOUT_FROM_INCOME, "2026-01", false},
	};

	(void)state;
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		struct cov_params p = defaults();
		struct cov_phaseout ph;
		dib_err err;

		p.phaseout_from = cases[i].from;
		dib_err_clear(&err);
		assert_int_equal(cov_phaseout_plan(M(cases[i].first_above), D(cases[i].decided), 0,
						   &p, &ph, &err),
				 DIB_OK);
		assert_month(ph.stop, cases[i].stop);
		assert_int_equal(month_cmp(ph.stop, cov_default_month(D(cases[i].decided), &p)), 0);
		assert_int_equal(month_cmp(ph.last, ph.start), -1); /* no phase-out month */
		assert_int_equal(ph.late, cases[i].late);
		/* the decision's month is paid, the next is not */
		assert_int_equal(cov_phaseout_share_bp(&ph, month_of(D(cases[i].decided)), &p), 10000);
		assert_int_equal(cov_phaseout_share_bp(&ph, ph.stop, &p), 0);
		assert_false(cov_phaseout_stop_due(&ph, month_last_day(month_add(ph.stop, -1))));
		assert_true(cov_phaseout_stop_due(&ph, month_first_day(ph.stop)));
	}
}

/* regulations §1.16: "到期后自动转为停保，并生成告知书". */
static void test_coverage__s1_a33_phaseout_stop_due(void **state)
{
	static const struct {
		const char *today;
		bool due;
	} cases[] = {
		{"2025-03-01", false}, {"2025-04-15", false}, {"2025-08-01", false},
		{"2025-08-31", false}, {"2025-09-01", true},  {"2025-09-30", true},
		{"2025-12-01", true},  {"2026-03-01", true},
	};
	struct cov_params p = defaults();
	struct cov_phaseout ph;
	dib_err err;

	(void)state;
	dib_err_clear(&err);
	assert_int_equal(cov_phaseout_plan(M("2025-03"), D("2025-04-15"), 6, &p, &ph, &err), DIB_OK);
	assert_month(ph.stop, "2025-09");
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++)
		if (cov_phaseout_stop_due(&ph, D(cases[i].today)) != cases[i].due)
			fail_msg("today %s: due should be %d", cases[i].today, cases[i].due);
}

/* regulations §1.16: 按原额还是递减发放由地方定 — a share of the amount,
 * never taken back for months already paid. */
static void test_coverage__s1_a33_phaseout_share(void **state)
{
	static const struct {
		const char *month;
		int32_t bp;
	} cases[] = {
		{"2025-01", 10000}, /* before the income rose */
		{"2025-03", 10000}, /* a phase-out month, but before the decision acts */
		{"2025-04", 10000}, /* the decision's month: already paid */
		{"2025-05", 5000},  {"2025-08", 5000},
		{"2025-09", 0},     {"2026-01", 0},
	};
	struct cov_params p = defaults();
	struct cov_phaseout ph;
	dib_err err;

	(void)state;
	p.phaseout_share_bp = 5000;
	dib_err_clear(&err);
	assert_int_equal(cov_phaseout_plan(M("2025-03"), D("2025-04-15"), 6, &p, &ph, &err), DIB_OK);
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++)
		if (cov_phaseout_share_bp(&ph, M(cases[i].month), &p) != cases[i].bp)
			fail_msg("month %s: want %d", cases[i].month, (int)cases[i].bp);
	/* the default pays the full amount until the stop */
	p = defaults();
	assert_int_equal(cov_phaseout_share_bp(&ph, M("2025-08"), &p), 10000);
	/* out-of-range shares are refused */
	p.phaseout_share_bp = 10001;
	dib_err_clear(&err);
	assert_int_equal(cov_params_check(&p, &err), DIB_EINVAL);
	assert_msg(&err, "渐退期发放比例 10001 不正确");
}

/* The phase-out as a change, then its automatic stop. */
static void test_coverage__s1_a33_phaseout_change_and_automatic_stop(void **state)
{
	struct cov_params p = defaults();
	struct cov_phaseout ph;
	struct cov_change c, s;
	dib_err err;

	(void)state;
	c = change(COV_PHASEOUT, COV_R_EMPLOYED_ABOVE, "2025-04-15", "2025-03-10", "2025-03");
	c.phaseout_months = 6;
	dib_err_clear(&err);
	assert_int_equal(cov_change_check(&c, &p, &err), DIB_OK);
	c.effective = M("2025-05");
	dib_err_clear(&err);
	assert_int_equal(cov_change_check(&c, &p, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "生效年月 2025-05 不正确：「就业后家庭人均收入超过低保标准」的渐退应自 "
				     "2025-03 起生效（S1 第三十三条；S7 一（三）；S5 第十三条）");
	c.effective = M("2025-03");
	c.phaseout_months = 7;
	dib_err_clear(&err);
	assert_int_equal(cov_change_check(&c, &p, &err), DIB_EINVAL);
	assert_msg(&err, "渐退期 7 个月超过上限 6 个月");
	c.phaseout_months = 6;
	c.has_event = false;
	dib_err_clear(&err);
	assert_int_equal(cov_change_check(&c, &p, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "「就业后家庭人均收入超过低保标准」须填写收入首次超过标准的月份");
	/* the same reason may stop at once, without the month */
	c = change(COV_STOP, COV_R_EMPLOYED_ABOVE, "2025-04-15", NULL, "2025-05");
	dib_err_clear(&err);
	assert_int_equal(cov_change_check(&c, &p, &err), DIB_OK);

	/* the automatic stop: no decision number, told in writing, fixed month */
	dib_err_clear(&err);
	assert_int_equal(cov_phaseout_plan(M("2025-03"), D("2025-04-15"), 6, &p, &ph, &err), DIB_OK);
	cov_phaseout_stop_change(&ph, D("2025-09-01"), &s);
	assert_int_equal(s.kind, COV_STOP);
	assert_int_equal(s.reason, COV_R_PHASEOUT_ENDED);
	assert_null(s.decision_no);
	assert_true(s.has_event);
	assert_date(s.event, "2025-09-01");
	assert_month(s.effective, "2025-09");
	dib_err_clear(&err);
	assert_int_equal(cov_change_check(&s, &p, &err), DIB_OK);
	assert_true(cov_notice_required(s.reason, s.kind));
	assert_true(cov_reason(s.reason)->flags & COV_RF_AUTOMATIC);
	/* recorded late, it still stops from the month the phase-out set */
	cov_phaseout_stop_change(&ph, D("2025-11-03"), &s);
	dib_err_clear(&err);
	assert_int_equal(cov_change_check(&s, &p, &err), DIB_OK);
	s.effective = M("2025-12");
	dib_err_clear(&err);
	assert_int_equal(cov_change_check(&s, &p, &err), DIB_EINVAL);
	assert_msg(&err, "「渐退期满」的停发应自 2025-09 起生效");
	/* a 0-month phase-out's automatic stop is next month's */
	dib_err_clear(&err);
	assert_int_equal(cov_phaseout_plan(M("2025-04"), D("2025-04-15"), 0, &p, &ph, &err), DIB_OK);
	cov_phaseout_stop_change(&ph, D("2025-05-01"), &s);
	assert_month(s.effective, "2025-05");
	dib_err_clear(&err);
	assert_int_equal(cov_change_check(&s, &p, &err), DIB_OK);
}

/* ---- the review after a death (S7 一（三）; 民法典 art. 201–203) ---- */

static void test_coverage__death_review_3_months_month_end(void **state)
{
	static const struct {
		const char *death, *due;
	} cases[] = {
		{"2025-01-15", "2025-04-15"}, /* the same-numbered day */
		{"2025-01-31", "2025-04-30"}, /* April has no 31st: its last day */
		{"2025-03-31", "2025-06-30"},
		{"2025-05-31", "2025-08-31"},
		{"2025-11-29", "2026-02-28"}, /* a common February */
		{"2025-11-30", "2026-02-28"},
		{"2023-11-30", "2024-02-29"}, /* a leap February */
		{"2023-11-29", "2024-02-29"},
		{"2024-02-29", "2024-05-29"}, /* not the month's end: the 29th */
		{"2025-12-31", "2026-03-31"}, /* across the year */
		{"2025-10-01", "2026-01-01"},
	};
	dib_date due;
	dib_err err;

	(void)state;
	assert_int_equal(COV_DEATH_REVIEW_MONTHS, 3);
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		dib_err_clear(&err);
		assert_int_equal(cov_death_review_due(D(cases[i].death), NULL, &due, &err), DIB_OK);
		assert_date(due, cases[i].due);
	}
	dib_date bad = {2025, 2, 29};
	due = D("2000-01-01");
	dib_err_clear(&err);
	assert_int_equal(cov_death_review_due(bad, NULL, &due, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "死亡日期不正确");
	assert_date(due, "2000-01-01");
	dib_date last = {9999, 12, 1};
	dib_err_clear(&err);
	assert_int_equal(cov_death_review_due(last, NULL, &due, &err), DIB_EINVAL);
}

/* art. 203: a last day off moves to the day after the days off. The 2025
 * National Day schedule: 1–8 October off, 28 September and 11 October
 * worked. */
static void test_coverage__civil_code_a203_death_review_days_off(void **state)
{
	static const char *const off[] = {"2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04",
					  "2025-10-05", "2025-10-06", "2025-10-07", "2025-10-08"};
	static const char *const worked[] = {"2025-09-28", "2025-10-11"};
	static const struct {
		const char *death, *due;
	} cases[] = {
		{"2025-07-01", "2025-10-09"}, /* National Day */
		{"2025-07-04", "2025-10-09"}, /* a Saturday inside the holiday */
		{"2025-06-28", "2025-09-28"}, /* a Sunday worked (调休) */
		{"2025-06-14", "2025-09-15"}, /* a Sunday: Monday */
		{"2025-01-31", "2025-04-30"}, /* a Wednesday: unchanged */
		{"2025-09-13", "2025-12-15"}, /* Saturday 13 December: Monday */
	};
	calendar_entry e[DIB_ARRAY_LEN(off) + DIB_ARRAY_LEN(worked)];
	size_t n = 0;
	calendar *cal = calendar_new();
	dib_date due;
	dib_err err;

	(void)state;
	assert_non_null(cal);
	for (size_t i = 0; i < DIB_ARRAY_LEN(off); i++)
		e[n++] = (calendar_entry){D(off[i]), CALENDAR_HOLIDAY};
	for (size_t i = 0; i < DIB_ARRAY_LEN(worked); i++)
		e[n++] = (calendar_entry){D(worked[i]), CALENDAR_WORKDAY};
	dib_err_clear(&err);
	assert_int_equal(calendar_add_year(cal, 2025, e, n, &err), DIB_OK);
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		dib_err_clear(&err);
		if (cov_death_review_due(D(cases[i].death), cal, &due, &err))
			fail_msg("%s: %s", cases[i].death, err.msg);
		assert_date(due, cases[i].due);
	}
	/* without the calendar: art. 202's day */
	dib_err_clear(&err);
	assert_int_equal(cov_death_review_due(D("2025-07-01"), NULL, &due, &err), DIB_OK);
	assert_date(due, "2025-10-01");
	/* a year the calendar does not know is an error, not a guess */
	due = D("2000-01-01");
	dib_err_clear(&err);
	assert_int_equal(cov_death_review_due(D("2025-10-15"), cal, &due, &err), DIB_ECALENDAR);
	assert_date(due, "2000-01-01");
	calendar_free(cal);
}

static void test_coverage__death_review_overdue(void **state)
{
	dib_date due;
	dib_err err;

	(void)state;
	dib_err_clear(&err);
	assert_int_equal(cov_death_review_due(D("2025-01-31"), NULL, &due, &err), DIB_OK);
	assert_false(cov_overdue(due, D("2025-02-01")));
	assert_false(cov_overdue(due, D("2025-04-29")));
	assert_false(cov_overdue(due, D("2025-04-30"))); /* the last day counts whole */
	assert_true(cov_overdue(due, D("2025-05-01")));
	assert_true(cov_overdue(due, D("2026-01-01")));
}

/* ---- refusal of suitable work (S1 art. 34; S5 art. 45) ---- */

#define MAX_OFFERS 16

/* Offers from letters — A accepted, R refused, J refused with a good
 * reason, U unsuitable — one a month from 10 January 2025. */
static size_t offers_of(const char *s, struct cov_offer *o)
{
	size_t n = 0;

	for (; *s; s++, n++) {
		assert_true(n < MAX_OFFERS);
		o[n].date = date_add_months(D("2025-01-10"), (int)n);
		switch (*s) {
		case 'A': o[n].outcome = COV_OFFER_ACCEPTED; break;
		case 'R': o[n].outcome = COV_OFFER_REFUSED; break;
		case 'J': o[n].outcome = COV_OFFER_REFUSED_JUSTIFIED; break;
		case 'U': o[n].outcome = COV_OFFER_UNSUITABLE; break;
		default: fail_msg("bad offer letter %c", *s);
		}
	}
	return n;
}

static void test_coverage__s1_a34_three_refusals_in_a_row(void **state)
{
	static const struct {
		const char *offers;
		bool lost;
		size_t first, third;
		int run;
	} cases[] = {
		{"", false, 0, 0, 0},
		{"R", false, 0, 0, 1},
		{"RR", false, 0, 0, 2},
		{"RRR", true, 0, 2, 3},
		{"RRRR", true, 0, 2, 3},    /* the first run is reported */
		{"ARRR", true, 1, 3, 3},
		{"RRAR", false, 0, 0, 1},   /* an acceptance breaks the run */
		{"RRJR", false, 0, 0, 1},   /* so does a justified refusal */
		{"RRJRR", false, 0, 0, 2},
		{"RRJRRR", true, 3, 5, 3},
		{"RURUR", true, 0, 4, 3},   /* unsuitable offers are not counted */
		{"UUU", false, 0, 0, 0},
		{"RRARRAR", false, 0, 0, 1},
		{"RRARRR", true, 3, 5, 3},
		{"JJJ", false, 0, 0, 0},
	};
	struct cov_params p = defaults();
	struct cov_offer o[MAX_OFFERS];
	struct cov_refusal r;
	dib_err err;

	(void)state;
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		size_t n = offers_of(cases[i].offers, o);

		dib_err_clear(&err);
		assert_int_equal(cov_work_refusal(n ? o : NULL, n, D("2026-06-15"), &p, &r, &err),
				 DIB_OK);
		if (r.lost != cases[i].lost || r.run != cases[i].run)
			fail_msg("%s: lost %d run %d", cases[i].offers, r.lost, r.run);
		if (r.lost) {
			assert_int_equal(r.first, cases[i].first);
			assert_int_equal(r.third, cases[i].third);
			assert_month(r.from, "2026-07"); /* the decision's next month */
		} else {
			assert_int_equal(r.from.year, 0);
		}
	}
	/* only what happened by the decision counts */
	size_t n = offers_of("RRR", o); /* 10 Jan, 10 Feb, 10 Mar */
	dib_err_clear(&err);
	assert_int_equal(cov_work_refusal(o, n, D("2025-03-09"), &p, &r, &err), DIB_OK);
	assert_false(r.lost);
	assert_int_equal(r.run, 2);
	dib_err_clear(&err);
	assert_int_equal(cov_work_refusal(o, n, D("2025-03-10"), &p, &r, &err), DIB_OK);
	assert_true(r.lost);
	assert_month(r.from, "2025-04");
	p.effective_same_month = true;
	dib_err_clear(&err);
	assert_int_equal(cov_work_refusal(o, n, D("2025-03-10"), &p, &r, &err), DIB_OK);
	assert_month(r.from, "2025-03");
}

/* The national texts set no period ("连续3次" only); a local period counts
 * like a period in months (民法典 art. 201, 202), its last day included. */
static void test_coverage__s1_a34_refusals_period_boundary(void **state)
{
	static const struct {
		int window;
		const char *dates[5];
		bool lost;
		size_t first, third;
		int run;
	} cases[] = {
		{6, {"2025-01-31", "2025-03-15", "2025-07-31"}, true, 0, 2, 3},  /* the last day */
		{6, {"2025-01-31", "2025-03-15", "2025-08-01"}, false, 0, 0, 2}, /* a day past */
		{6, {"2025-08-31", "2025-10-01", "2026-02-28"}, true, 0, 2, 3},  /* 31 Aug + 6 = 28 Feb */
		{6, {"2025-08-31", "2025-10-01", "2026-03-01"}, false, 0, 0, 2},
		{6, {"2025-01-31", "2025-02-01", "2025-09-01"}, false, 0, 0, 1},
		{6, {"2025-01-31", "2025-03-01", "2025-08-01", "2025-08-15"}, true, 1, 3, 3}, /* slides */
		{6, {"2025-01-31", "2025-01-31", "2025-01-31"}, true, 0, 2, 3},  /* one day */
		{12, {"2024-02-29", "2024-06-01", "2025-02-28"}, true, 0, 2, 3},
		{12, {"2024-02-29", "2024-06-01", "2025-03-01"}, false, 0, 0, 2},
		/* no period: years apart still count */
		{0, {"2020-01-10", "2023-05-10", "2026-01-10"}, true, 0, 2, 3},
	};

	(void)state;
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		struct cov_params p = defaults();
		struct cov_offer o[5];
		struct cov_refusal r;
		size_t n = 0;
		dib_err err;

		p.work_refusal_window_months = cases[i].window;
		for (; n < 5 && cases[i].dates[n]; n++)
			o[n] = (struct cov_offer){D(cases[i].dates[n]), COV_OFFER_REFUSED};
		dib_err_clear(&err);
		assert_int_equal(cov_work_refusal(o, n, D("2026-06-30"), &p, &r, &err), DIB_OK);
		if (r.lost != cases[i].lost || r.run != cases[i].run)
			fail_msg("case %zu: lost %d run %d", i, r.lost, r.run);
		if (r.lost) {
			assert_int_equal(r.first, cases[i].first);
			assert_int_equal(r.third, cases[i].third);
		}
	}
	struct cov_params p = defaults();
	dib_err err;
	p.work_refusal_window_months = 36;
	dib_err_clear(&err);
	assert_int_equal(cov_params_check(&p, &err), DIB_OK);
	p.work_refusal_window_months = 37;
	dib_err_clear(&err);
	assert_int_equal(cov_params_check(&p, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "拒绝就业计算期间 37 个月不正确：应为 0（不限）至 36 个月");
	p.work_refusal_window_months = -1;
	dib_err_clear(&err);
	assert_int_equal(cov_params_check(&p, &err), DIB_EINVAL);
}

static void test_coverage__s1_a34_offers_checked(void **state)
{
	struct cov_params p = defaults();
	struct cov_offer o[3] = {
		{{2025, 3, 1}, COV_OFFER_REFUSED},
		{{2025, 2, 1}, COV_OFFER_REFUSED},
		{{2025, 4, 1}, COV_OFFER_REFUSED},
	};
	struct cov_refusal r;
	dib_err err;

	(void)state;
	memset(&r, 0x5a, sizeof r);
	dib_err_clear(&err);
	assert_int_equal(cov_work_refusal(o, 3, D("2025-06-01"), &p, &r, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "第 2 条介绍工作记录的日期 2025-02-01 早于上一条的 2025-03-01，须按日期排列");
	assert_int_equal(r.run, 0x5a5a5a5a); /* untouched */
	o[1].date = (dib_date){2025, 3, 1}; /* the same day is in order */
	o[2].outcome = COV_OFFER_OUTCOME_COUNT;
	dib_err_clear(&err);
	assert_int_equal(cov_work_refusal(o, 3, D("2025-06-01"), &p, &r, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "第 3 条介绍工作记录的结果 4 不正确");
	o[2].outcome = COV_OFFER_REFUSED;
	o[0].date.day = 0;
	dib_err_clear(&err);
	assert_int_equal(cov_work_refusal(o, 3, D("2025-06-01"), &p, &r, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "第 1 条介绍工作记录的日期不正确");
	o[0].date.day = 1;
	dib_err_clear(&err);
	assert_int_equal(cov_work_refusal(NULL, 2, D("2025-06-01"), &p, &r, &err), DIB_EINVAL);
	dib_err_clear(&err);
	assert_int_equal(cov_work_refusal(o, 3, (dib_date){2025, 6, 31}, &p, &r, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "决定日期不正确");
	dib_err_clear(&err);
	assert_int_equal(cov_work_refusal(o, 3, D("2025-06-01"), &p, &r, &err), DIB_OK);
	assert_true(r.lost);
}

/* ---- the notice (S1 art. 38; S5 art. 65) ---- */

static void test_coverage__s1_a38_appeal_sentence(void **state)
{
	dib_buf b;
	dib_err err;
	char long_name[COV_BODY_NAME_MAX + 2];

	(void)state;
	assert_int_equal(COV_REVIEW_DAYS, 60);
	assert_int_equal(COV_LITIGATION_MONTHS, 6);
	dib_buf_init(&b, 4096);
	dib_err_clear(&err);
	assert_int_equal(cov_appeal_text("某某县人民政府", "某某县人民法院", &b, &err), DIB_OK);
	assert_string_equal(dib_buf_str(&b),
			    "如对本决定不服，可以自收到本告知书之日起六十日内向某某县人民政府申请行政复议，"
			    "也可以自收到本告知书之日起六个月内向某某县人民法院提起行政诉讼");

	static const struct {
		const char *body, *court, *msg;
	} bad[] = {
		{NULL, "某某县人民法院", "行政复议机关名称不能为空"},
		{"", "某某县人民法院", "行政复议机关名称不能为空"},
		{"某某县人民政府", NULL, "人民法院名称不能为空"},
		{"某某县人民政府", "", "人民法院名称不能为空"},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(bad); i++) {
		dib_buf_reset(&b);
		dib_err_clear(&err);
		assert_int_equal(cov_appeal_text(bad[i].body, bad[i].court, &b, &err), DIB_EINVAL);
		assert_string_equal(err.msg, bad[i].msg);
		assert_string_equal(dib_buf_str(&b), "");
	}
	memset(long_name, 'x', sizeof long_name - 1);
	long_name[sizeof long_name - 1] = '\0';
	dib_err_clear(&err);
	assert_int_equal(cov_appeal_text(long_name, "某某县人民法院", &b, &err), DIB_EINVAL);
	assert_msg(&err, "行政复议机关名称过长");
	long_name[COV_BODY_NAME_MAX] = '\0';
	dib_buf_reset(&b);
	dib_err_clear(&err);
	assert_int_equal(cov_appeal_text(long_name, "某某县人民法院", &b, &err), DIB_OK);
	dib_buf_release(&b);
	/* a full buffer is an error, not a cut sentence */
	dib_buf_init(&b, 32);
	dib_err_clear(&err);
	assert_int_equal(cov_appeal_text("某某县人民政府", "某某县人民法院", &b, &err), DIB_ETOOBIG);
	dib_buf_release(&b);
	assert_non_null(strstr(COV_APPEAL_ARTICLE, "《行政复议法》第二十条"));
	assert_non_null(strstr(COV_APPEAL_ARTICLE, "《行政诉讼法》第四十六条"));
}

static void test_coverage__params_defaults_and_check(void **state)
{
	struct cov_params p = defaults();
	dib_err err;

	(void)state;
	assert_int_equal(p.phaseout_max_months, 6);
	assert_int_equal(p.phaseout_from, COV_PHASEOUT_FROM_INCOME);
	assert_int_equal(p.phaseout_share_bp, 10000);
	assert_false(p.effective_same_month);
	assert_int_equal(p.work_refusal_window_months, 0);
	dib_err_clear(&err);
	assert_int_equal(cov_params_check(&p, &err), DIB_OK);
	p.phaseout_from = (enum cov_phaseout_from)2;
	dib_err_clear(&err);
	assert_int_equal(cov_params_check(&p, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "渐退期起算方式 2 不正确");
	p = defaults();
	p.phaseout_share_bp = -1;
	dib_err_clear(&err);
	assert_int_equal(cov_params_check(&p, &err), DIB_EINVAL);
	dib_err_clear(&err);
	assert_int_equal(cov_params_check(NULL, &err), DIB_EINVAL);
}

/* ---- the document ---- */

static const char *source_dir(void)
{
	const char *dir = getenv("DIB_SOURCE_DIR");

	return dir ? dir : DIB_SOURCE_DIR;
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;

	if (!f)
		fail_msg("cannot open %s", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	s = malloc((size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

static void test_coverage__markdown_and_document(void **state)
{
	static const char begin[] = "<!-- table:begin -->\n", end[] = "<!-- table:end -->\n";
	dib_buf md, tmp;
	dib_err err;
	char path[1024];
	const char *a, *b;
	char *doc;

	(void)state;
	dib_buf_init(&md, 1 << 20);
	dib_err_clear(&err);
	assert_int_equal(cov_markdown(&md, &err), DIB_OK);
	const char *s = dib_buf_str(&md);
	size_t lines = 0;
	for (const char *q = s; *q; q++)
		lines += *q == '\n';
	assert_int_equal(lines, COV_REASON_COUNT + 2);
	assert_non_null(strstr(s, "| 家庭成员死亡 `member_died` | 增发、减发、停发 | 减发（死亡日期次月起） | "
				  "减发、停发 | 必填 | 涉及某一成员<br>须填死亡日期 | "
				  "S7 一（三）；S1 第三十二条；S5 第十三条 |\n"));
	assert_non_null(strstr(s, "| 渐退期满 `phaseout_ended` | 停发 | 停发（自动停发月份当月起） | 停发 |  | "));
	/* a full buffer is an error */
	dib_buf_init(&tmp, 64);
	dib_err_clear(&err);
	assert_int_equal(cov_markdown(&tmp, &err), DIB_ETOOBIG);
	dib_buf_release(&tmp);

	const char *dump = getenv("DIB_COV_DUMP");
	if (dump) {
		FILE *f;
		snprintf(path, sizeof path, "%s/coverage-table.md", dump);
		f = fopen(path, "wb");
		assert_non_null(f);
		fputs(s, f);
		fclose(f);
	}
	snprintf(path, sizeof path, "%s/docs/internals/coverage.md", source_dir());
	doc = read_all(path);
	a = strstr(doc, begin);
	if (!a)
		fail_msg("docs/internals/coverage.md lacks the table's begin marker");
	a += strlen(begin);
	b = strstr(a, end);
	if (!b)
		fail_msg("docs/internals/coverage.md lacks the table's end marker");
	if ((size_t)(b - a) != strlen(s) || memcmp(a, s, strlen(s)))
		fail_msg("the table in docs/internals/coverage.md is stale: rerun with DIB_COV_DUMP=dir");
	free(doc);
	dib_buf_release(&md);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_coverage__table_matches_the_law),
		cmocka_unit_test(test_coverage__codes_and_names),
		cmocka_unit_test(test_coverage__s1_a32_reason_allows_kind),
		cmocka_unit_test(test_coverage__s1_a32_s5_a13_notice_for_reduce_and_stop),
		cmocka_unit_test(test_coverage__s1_a32_decision_number),
		cmocka_unit_test(test_coverage__s1_a21_effective_next_month),
		cmocka_unit_test(test_coverage__s5_a13_retroactive_refused_where_not_allowed),
		cmocka_unit_test(test_coverage__s7_1_3_death_share_from_month_after_death),
		cmocka_unit_test(test_coverage__s5_a68_fraud_from_first_month_obtained),
		cmocka_unit_test(test_coverage__s5_a10_standard_change_follows_its_month),
		cmocka_unit_test(test_coverage__change_input_errors),
		cmocka_unit_test(test_coverage__s7_phaseout_max_6_months),
		cmocka_unit_test(test_coverage__s1_a33_phaseout_plan),
		cmocka_unit_test(test_coverage__s1_a33_phaseout_0_months_immediate_stop),
		cmocka_unit_test(test_coverage__s1_a33_phaseout_stop_due),
		cmocka_unit_test(test_coverage__s1_a33_phaseout_share),
		cmocka_unit_test(test_coverage__s1_a33_phaseout_change_and_automatic_stop),
		cmocka_unit_test(test_coverage__death_review_3_months_month_end),
		cmocka_unit_test(test_coverage__civil_code_a203_death_review_days_off),
		cmocka_unit_test(test_coverage__death_review_overdue),
		cmocka_unit_test(test_coverage__s1_a34_three_refusals_in_a_row),
		cmocka_unit_test(test_coverage__s1_a34_refusals_period_boundary),
		cmocka_unit_test(test_coverage__s1_a34_offers_checked),
		cmocka_unit_test(test_coverage__s1_a38_appeal_sentence),
		cmocka_unit_test(test_coverage__params_defaults_and_check),
		cmocka_unit_test(test_coverage__markdown_and_document),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
