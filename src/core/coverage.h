/*
 * coverage.h — what happens to a household while it is covered (在保): the
 * changes a county decides — increase, reduce, stop (增发、减发、停发) and the
 * phase-out (渐退期) that ends in an automatic stop — each with a reason
 * code, a decision number and an effective month; the review a member's
 * death opens; the loss of a member's own share after three refusals of
 * suitable work; and the fixed parts of the written notice. Per
 * 《最低生活保障审核确认办法》(民发〔2021〕57号, "S1") art. 30–34, 38,
 * 《社会救助暂行办法》("S5") art. 9, 10, 12, 13, 45, 65, 68, and the
 * ministry's notice of October 2022 ("S7") 一（三）and 五（五）, as digested
 * in regulations.md §1.14–§1.17, §11.1 and §11.5.
 *
 * One constant table (coverage_table.c) holds a row per reason: its code
 * and Chinese name, the kinds of change it allows, the kinds that may take
 * effect retroactively and from when, the kinds that produce a written
 * notice, whether a decision number is needed, the article, and the two
 * sentences the notice prints (reason and basis). cov_change_check reads
 * that table, so the UI's choices, the services' checks, the notices and
 * docs/internals/coverage.md say the same.
 *
 * Months and dates follow the Civil Code (民法典 art. 201–203, regulations
 * §11.5): a period "N months from a day" does not count that day and ends
 * on the same-numbered day N months later, or on that month's last day when
 * it has none (date_add_months: 31 January + 3 months = 30 April); with a
 * calendar, a last day that is a day off moves to the next working day.
 * Effective months (生效年月) are whole months: "from the next month" is
 * the month after the decision's month (S1 art. 21's rule for the first
 * payment, regulations §1.15 for changes).
 *
 * Pure: "today", the decision and the facts are parameters; nothing is
 * stored. svc keeps the change records, the phase-out records, the review
 * tasks and the job offers, calls cov_change_check before storing a change,
 * and prints the notice from the row's sentences and cov_appeal_text.
 *
 * Prefix cov_ (coverage). Files: coverage_table.c (the table, names, the
 * notice texts, the Markdown), coverage.c (parameters and rules).
 * Thread-safety: pure functions over constant tables; a calendar may be
 * shared read-only.
 */
#ifndef DIB_CORE_COVERAGE_H
#define DIB_CORE_COVERAGE_H

#include "util/dib.h"
#include "util/buf.h"
#include "util/err.h"
#include "core/calendar.h"
#include "core/date.h"

/* ---- kinds and reasons ---- */

/* The kinds of change. There is no "resume": a stopped household comes
 * back only through a new application (S1 art. 28: no household is covered
 * without acceptance, investigation and confirmation). */
enum cov_kind {
	COV_INCREASE = 0, /* increase 增发 */
	COV_REDUCE,       /* reduce 减发 (also: a member's own share stopped) */
	COV_STOP,         /* stop 停发: the household leaves 低保 */
	COV_PHASEOUT,     /* phaseout 渐退: paid on for a few months, then stopped
			   * automatically (S1 art. 33; S7 一（三）) */
	COV_KIND_COUNT
};

/* The bit of a kind in the table's masks. */
#define COV_K(k) (1u << (k))

enum cov_reason {
	COV_R_INCOME_CHANGED = 0, /* income_changed 家庭收入变化 */
	COV_R_MEMBER_JOINED,      /* member_joined 新增共同生活家庭成员 */
	COV_R_MEMBER_LEFT,        /* member_left 家庭成员不再共同生活 */
	COV_R_MEMBER_DIED,        /* member_died 家庭成员死亡 */
	COV_R_SOLE_MEMBER_DIED,   /* sole_member_died 唯一家庭成员死亡 */
	COV_R_CATEGORY_CHANGED,   /* category_changed 分类施保情形变化 */
	COV_R_STANDARD_CHANGED,   /* standard_changed 低保标准调整 */
	COV_R_INCOME_ABOVE,       /* income_above 人均收入超过低保标准 */
	COV_R_EMPLOYED_ABOVE,     /* employed_above 就业后人均收入超过低保标准 */
	COV_R_PHASEOUT_ENDED,     /* phaseout_ended 渐退期满 */
	COV_R_ASSETS_EXCEED,      /* assets_exceed 财产状况不符合规定 */
	COV_R_MOVED_AWAY,         /* moved_away 户籍迁出本地 */
	COV_R_REFUSED_REVIEW,     /* refused_review 拒不配合核查 */
	COV_R_FRAUD,              /* fraud 虚报、隐瞒、伪造骗取低保 */
	COV_R_WORK_REFUSAL,       /* work_refusal 连续 3 次拒绝介绍的工作 */
	COV_R_VOLUNTARY_EXIT,     /* voluntary_exit 申请退出 */
	COV_REASON_COUNT
};

enum cov_reason_flag {
	COV_RF_DECISION_NO = 1u << 0, /* a decision number (决定文书号) is required */
	COV_RF_MEMBER = 1u << 1,      /* concerns one member, whom the record names */
	COV_RF_EVENT = 1u << 2,       /* the date of the fact (event_name) is required */
	COV_RF_FOLLOWS_EVENT = 1u << 3, /* the effective month is the event's month,
					 * fixed by another act (a new standard, the
					 * phase-out decision), not by this decision */
	COV_RF_AUTOMATIC = 1u << 4,   /* produced by dibao (cov_phaseout_stop_change) */
	COV_RF_RECOVER = 1u << 5,     /* the notice orders money returned (order_text) */
	COV_RF_ANALOGY = 1u << 6,     /* no national text names this ground; applied
				       * by analogy — to confirm with the province */
};

/* From when a retroactive change may take effect. */
enum cov_retro_from {
	COV_RETRO_NONE = 0,
	COV_RETRO_EVENT_MONTH,       /* the event's month (a new standard; the
				      * first month obtained by fraud) */
	COV_RETRO_MONTH_AFTER_EVENT, /* the month after the event (a death: the
				      * month of death is still due) */
};

struct cov_reason_row {
	enum cov_reason reason;
	const char *code;        /* "income_changed" (API, database) */
	const char *name;        /* "家庭收入变化" */
	unsigned kinds;          /* COV_K bits: the kinds this reason allows */
	unsigned retro_kinds;    /* ⊆ kinds: may take effect before the default month */
	enum cov_retro_from retro_from; /* COV_RETRO_NONE iff retro_kinds == 0 */
	unsigned notice_kinds;   /* the kinds that produce a written notice: always
				  * every reduce, stop and phase-out it allows */
	unsigned flags;          /* enum cov_reason_flag bits */
	const char *event_name;  /* what the event date is: "死亡日期"; NULL when
				  * the reason has no event */
	const char *article;     /* "S1 第三十一条、第三十二条；S5 第十三条" */
	const char *reason_text; /* the notice's reason: "经核查，你家庭…" (no final 。) */
	const char *basis_text;  /* the notice's basis: "依据《…》第…条的规定" (no final 。) */
	const char *order_text;  /* COV_RF_RECOVER: "责令…退回…"; NULL otherwise */
};

/* The whole table, in enum order (row i is reason i). Static storage. */
const struct cov_reason_row *cov_reasons(size_t *n);
/* The row of r; NULL out of range. */
const struct cov_reason_row *cov_reason(enum cov_reason r);

/* Codes ("increase", "reduce", "stop", "phaseout") and Chinese names
 * (增发, 减发, 停发, 渐退); NULL / "?" out of range. */
const char *cov_kind_code(enum cov_kind k);
const char *cov_kind_name(enum cov_kind k);
/* Reads a code (n bytes of s) back; false when it names nothing. */
bool cov_kind_parse(const char *s, size_t n, enum cov_kind *out);
bool cov_reason_parse(const char *s, size_t n, enum cov_reason *out);

/* Whether reason r allows kind k; false out of range. */
bool cov_allows(enum cov_reason r, enum cov_kind k);
/* Whether a change of kind k for reason r produces a written notice: every
 * reduce and stop (S1 art. 32: 告知并说明理由; S5 art. 13: 停发书面说明理由)
 * and every phase-out (it decides a stop). False out of range. */
bool cov_notice_required(enum cov_reason r, enum cov_kind k);
/* The notice's title: "增发最低生活保障金通知书", "减发最低生活保障金告知书",
 * "停发最低生活保障金告知书", "最低生活保障渐退告知书"; "?" out of range. */
const char *cov_notice_title(enum cov_kind k);

/* Writes the table as Markdown (a header and a line per reason) to out, as
 * docs/internals/coverage.md shows it. DIB_ETOOBIG / DIB_ENOMEM from the
 * buffer; what was written stays. */
dib_code cov_markdown(dib_buf *out, dib_err *err);

/* ---- parameters ---- */

/* From when the phase-out months count. */
enum cov_phaseout_from {
	COV_PHASEOUT_FROM_INCOME = 0,   /* the month income first exceeded the
					 * standard (default: the cap on months paid
					 * above the standard then holds however late
					 * the review finds it) */
	COV_PHASEOUT_FROM_DECISION = 1, /* the decision's effective month */
};

/* The local choices (地方) of this module. The defaults are the national
 * rule where there is one and dibao's reading where the texts are silent
 * (docs/internals/coverage.md says why). */
struct cov_params {
	/* 渐退期最长月数 — 6 — S7 一（三）"原则上不超过6个月"; 0..6
	 * (params key phaseout.max_months) */
	int phaseout_max_months;
	/* 渐退期起算 — FROM_INCOME — S1 art. 33 is silent */
	enum cov_phaseout_from phaseout_from;
	/* 渐退期内按原金额发放的比例, basis points — 10000 (按原额) —
	 * regulations §1.16: 按原额还是递减由地方定 [C]; 0..10000 */
	int32_t phaseout_share_bp;
	/* 变更决定当月生效 — false (决定次月起) — regulations §1.15: 国家未规定,
	 * 地方常用"决定作出的次月" [C] */
	bool effective_same_month;
	/* 连续 3 次拒绝须在多少个月内 — 0 (不限) — S1 art. 34 and S5 art. 45
	 * set no period; 0..36 */
	int work_refusal_window_months;
};

/* Fills p with the defaults above. */
void cov_params_default(struct cov_params *p);

/* DIB_EINVAL naming the field for: phaseout_max_months outside 0..6 (7 is
 * refused: S7 一（三）), an unknown phaseout_from, phaseout_share_bp outside
 * 0..10000, work_refusal_window_months outside 0..36. */
dib_code cov_params_check(const struct cov_params *p, dib_err *err);

/* ---- a change and its effective month ---- */

/* Longest decision number accepted, in bytes without the NUL. */
#define COV_DECISION_NO_MAX 64

/* A change as a clerk proposes it. */
struct cov_change {
	enum cov_kind kind;
	enum cov_reason reason;
	dib_date decided;        /* 决定日期 */
	const char *decision_no; /* 决定文书号, borrowed; NULL or "" for none */
	bool has_event;
	dib_date event;          /* the fact's date (row->event_name); for
				  * COV_PHASEOUT any day of the month income first
				  * exceeded the standard */
	int phaseout_months;     /* COV_PHASEOUT: the months granted, 0..max */
	dib_month effective;     /* 生效年月 proposed */
};

/* The default effective month of a decision taken on `decided`: the month
 * after it, or its own month with effective_same_month. */
dib_month cov_default_month(dib_date decided, const struct cov_params *p);

/* The months c->effective may be (c->effective itself is not read):
 *  - the default month (cov_default_month), for most changes;
 *  - for a reason whose retro_kinds holds c->kind and an event given:
 *    from the event's month (COV_RETRO_EVENT_MONTH) or the month after it
 *    (COV_RETRO_MONTH_AFTER_EVENT), up to the default month;
 *  - COV_RF_FOLLOWS_EVENT: the event's month, but for a kind that may not
 *    be retroactive not before the default month;
 *  - COV_PHASEOUT: the phase-out's first month (cov_phaseout_plan).
 * Errors as cov_change_check's, except for the effective month itself. */
dib_code cov_effective_range(const struct cov_change *c, const struct cov_params *p,
			     dib_month *earliest, dib_month *latest, dib_err *err);

/* Whether c may be stored. Checked in this order, first failure reported:
 *  - DIB_EINVAL for p (cov_params_check), a kind or reason out of range, an
 *    invalid decided date;
 *  - DIB_EINVAL "事由「…」不能用于「停发」，只能用于增发、减发" when the
 *    reason does not allow the kind;
 *  - DIB_EINVAL "「…」须填写决定文书号" when the row needs one; longer than
 *    COV_DECISION_NO_MAX;
 *  - DIB_EINVAL "「…」须填写死亡日期" (the row's event_name) when the event
 *    is required (COV_RF_EVENT, every COV_PHASEOUT) and missing; an invalid
 *    event; an event after the decision (except COV_RF_FOLLOWS_EVENT: a
 *    standard may take effect later than it is applied);
 *  - COV_PHASEOUT: cov_phaseout_plan's errors;
 *  - DIB_EINVAL when c->effective is invalid or outside cov_effective_range,
 *    saying whether the reason may not be retroactive, needs its event to
 *    be, or the change may not be put off ("生效年月 2025-03 早于 2025-05：
 *    「家庭收入变化」的减发不能追溯…").
 * err may be NULL. */
dib_code cov_change_check(const struct cov_change *c, const struct cov_params *p,
			  dib_err *err);

/* ---- the phase-out (渐退期) ---- */

/* A phase-out as decided. Months [start, last] are paid as phase-out
 * months (none when months is 0: last is then start - 1); from `stop` the
 * household is stopped. */
struct cov_phaseout {
	dib_month first_above; /* the month income first exceeded the standard */
	dib_date decided;      /* the phase-out decision */
	int months;            /* months granted, 0..phaseout_max_months */
	dib_month effective;   /* cov_default_month(decided): the first month
				* the decision can change a payment */
	dib_month start;       /* first phase-out month: first_above, or
				* effective with COV_PHASEOUT_FROM_DECISION */
	dib_month last;        /* start + months - 1 */
	dib_month stop;        /* the automatic stop: start + months, never
				* before effective (a stop is not retroactive) */
	bool late;             /* the months granted ended before the decision's
				* month: the review came late, the months
				* between were paid beyond the grant (not
				* recovered: no fraud), and the stop comes at
				* once (stop = effective) */
};

/* Plans a phase-out of `months` months for a household whose income first
 * exceeded the standard in first_above, decided on `decided`. A phase-out
 * of 0 months is an immediate stop (stop = effective). DIB_EINVAL for p
 * (cov_params_check), an invalid date or month, months < 0, months above
 * p->phaseout_max_months ("渐退期 7 个月超过上限 6 个月"), first_above after
 * the decision's month. out untouched on error. */
dib_code cov_phaseout_plan(dib_month first_above, dib_date decided, int months,
			   const struct cov_params *p, struct cov_phaseout *out,
			   dib_err *err);

/* Whether the automatic stop is due on `today`: from the first day of the
 * stop month ("到期后自动转为停保", regulations §1.16). */
bool cov_phaseout_stop_due(const struct cov_phaseout *ph, dib_date today);

/* The share of the household's amount payable for month m, in basis points:
 * 10000 before the phase-out and before the decision can take effect (paid
 * months are not taken back), p->phaseout_share_bp in the phase-out months
 * from then on, 0 from the stop month. */
int32_t cov_phaseout_share_bp(const struct cov_phaseout *ph, dib_month m,
			      const struct cov_params *p);

/* The automatic stop of a phase-out, recorded on `today`: kind COV_STOP,
 * reason COV_R_PHASEOUT_ENDED, no decision number of its own (the notice
 * cites the phase-out decision's), event the first day of ph->stop,
 * effective ph->stop. It passes cov_change_check. */
void cov_phaseout_stop_change(const struct cov_phaseout *ph, dib_date today,
			      struct cov_change *out);

/* ---- the review after a member's death ---- */

/* S7 一（三）: "自其死亡之日起3个月内对其家庭状况进行核查，并办理完成…手续". */
#define COV_DEATH_REVIEW_MONTHS 3

/* The last day of the review after a death on `death` (民法典 art. 201,
 * 202): the same-numbered day three months later, or that month's last day
 * when it has none (31 January → 30 April; 30 November 2023 → 29 February
 * 2024). With cal, a last day that is a day off moves to the next working
 * day (art. 203; DIB_ECALENDAR when cal lacks the year); with cal NULL the
 * art. 202 day is given, for a year whose holiday schedule is not yet
 * published. DIB_EINVAL for an invalid death date. out untouched on error. */
dib_code cov_death_review_due(dib_date death, const calendar *cal, dib_date *out,
			      dib_err *err);

/* Whether a task due on `due` is overdue on `today`: the last day counts
 * whole (art. 203(2): until 24:00), so only from the day after. */
bool cov_overdue(dib_date due, dib_date today);

/* ---- refusal of suitable work (S1 art. 34; S5 art. 45) ---- */

/* One job offer made to a member by the human-resources office (人社等部门
 * 介绍的工作) and its outcome. */
enum cov_offer_outcome {
	COV_OFFER_ACCEPTED = 0,      /* accepted: ends a run of refusals */
	COV_OFFER_REFUSED,           /* refused without a good reason (无正当理由) */
	COV_OFFER_REFUSED_JUSTIFIED, /* refused with a good reason: ends a run */
	COV_OFFER_UNSUITABLE,        /* not suited to his health or ability
				      * (不相适应): not an offer of the article,
				      * neither counts nor ends a run */
	COV_OFFER_OUTCOME_COUNT
};

struct cov_offer {
	dib_date date;
	enum cov_offer_outcome outcome;
};

struct cov_refusal {
	bool lost;          /* three refusals in a row: his own share is to be
			     * reduced or stopped (reason COV_R_WORK_REFUSAL) */
	int run;            /* refusals in a row at the decision, 0..3 (with a
			     * period, those inside it before the latest one):
			     * for "再拒绝 1 次将…" warnings */
	size_t first, third; /* when lost: the offers of the first and third
			      * refusal of the run */
	dib_month from;     /* when lost: the effective month of a decision on
			     * `decided` (cov_default_month); {0, 0} otherwise */
};

/* Whether a member's refusals (offers in date order; equal dates keep their
 * order) cost him his own share by a decision on `decided`. Offers after
 * `decided` are not looked at. Three refusals without a good reason count
 * when no offer he accepted or refused with a good reason comes between
 * them ("连续3次"); unsuitable offers are skipped. With
 * p->work_refusal_window_months > 0, the third must fall on or before the
 * same-numbered day that many months after the first (民法典 art. 201,
 * 202); the run then slides (the 2nd, 3rd and a 4th refusal may count).
 * The first qualifying run is reported. DIB_EINVAL for p, an invalid
 * decided date, offers NULL with n > 0, an invalid date or outcome, or
 * offers out of date order (naming the offer). out untouched on error. */
dib_code cov_work_refusal(const struct cov_offer *offers, size_t n, dib_date decided,
			  const struct cov_params *p, struct cov_refusal *out,
			  dib_err *err);

/* ---- the written notice ---- */

/* The appeal periods the notice states (not local: national law). */
#define COV_REVIEW_DAYS 60       /* 行政复议: 《行政复议法》(2023 修订) 第二十条 */
#define COV_LITIGATION_MONTHS 6  /* 行政诉讼: 《行政诉讼法》第四十六条第一款 */
#define COV_APPEAL_ARTICLE \
	"S1 第三十八条；S5 第六十五条；《行政复议法》第二十条；《行政诉讼法》第四十六条"

/* Longest review body or court name accepted, in bytes. */
#define COV_BODY_NAME_MAX 128

/* Appends the notice's appeal sentence (no final 。):
 * "如对本决定不服，可以自收到本告知书之日起六十日内向<review_body>申请行政
 * 复议，也可以自收到本告知书之日起六个月内向<court>提起行政诉讼".
 * review_body is the county people's government for a decision of the
 * county civil-affairs bureau (《行政复议法》第二十四条 [C]), court the
 * basic people's court; both are named because a notice that does not name
 * the review body and the period lets the period run up to a year (行政复议
 * 法第二十条第三款 [C]; docs/internals/coverage.md). DIB_EINVAL for a NULL,
 * empty or too long name; DIB_ETOOBIG / DIB_ENOMEM from the buffer. */
dib_code cov_appeal_text(const char *review_body, const char *court, dib_buf *out,
			 dib_err *err);

#endif
