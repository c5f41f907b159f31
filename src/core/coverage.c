/*
 * coverage.c — the rules of the changes to a covered household (see
 * coverage.h): the parameters, the check of a proposed change and its
 * effective month, the phase-out plan and its automatic stop, the review
 * after a death, and the count of refused job offers. The reason table
 * they read is in coverage_table.c.
 *
 * Thread-safety: pure functions; a calendar may be shared read-only.
 */
#include "util/dib.h"
#include "core/coverage.h"

/* The national ceiling of the phase-out (S7 一（三）). */
#define PHASEOUT_CAP 6
#define WINDOW_CAP 36
#define FULL_BP 10000
/* A last day moved past days off looks this far at most (a year without a
 * working day is a broken schedule, not a long holiday). */
#define DAYS_OFF_MAX 366

void cov_params_default(struct cov_params *p)
{
	memset(p, 0, sizeof *p);
	p->phaseout_max_months = PHASEOUT_CAP;
	p->phaseout_from = COV_PHASEOUT_FROM_INCOME;
	p->phaseout_share_bp = FULL_BP;
	p->effective_same_month = false;
	p->work_refusal_window_months = 0;
}

dib_code cov_params_check(const struct cov_params *p, dib_err *err)
{
	if (!p)
		return dib_err_set(err, DIB_EINVAL, "在保变更参数缺失");
	if (p->phaseout_max_months < 0 || p->phaseout_max_months > PHASEOUT_CAP)
		return dib_err_set(err, DIB_EINVAL,
				   "渐退期最长月数 %d 不正确：应为 0 至 %d 个月（S7 一（三）：原则上不超过 6 个月）",
				   p->phaseout_max_months, PHASEOUT_CAP);
	if (p->phaseout_from != COV_PHASEOUT_FROM_INCOME &&
	    p->phaseout_from != COV_PHASEOUT_FROM_DECISION)
		return dib_err_set(err, DIB_EINVAL, "渐退期起算方式 %d 不正确", (int)p->phaseout_from);
	if (p->phaseout_share_bp < 0 || p->phaseout_share_bp > FULL_BP)
		return dib_err_set(err, DIB_EINVAL,
				   "渐退期发放比例 %d 不正确：应为 0 至 10000（万分比，即 0%% 至 100%%）",
				   (int)p->phaseout_share_bp);
	if (p->work_refusal_window_months < 0 || p->work_refusal_window_months > WINDOW_CAP)
		return dib_err_set(err, DIB_EINVAL,
				   "拒绝就业计算期间 %d 个月不正确：应为 0（不限）至 %d 个月",
				   p->work_refusal_window_months, WINDOW_CAP);
	return DIB_OK;
}

/* ---- small helpers ---- */

static bool month_valid(dib_month m)
{
	return m.year >= 1000 && m.year <= 9999 && m.month >= 1 && m.month <= 12;
}

static dib_month month_max(dib_month a, dib_month b)
{
	return month_cmp(a, b) >= 0 ? a : b;
}

static dib_month month_min(dib_month a, dib_month b)
{
	return month_cmp(a, b) <= 0 ? a : b;
}

/* The Chinese names of the kinds in mask, joined by 、. */
static const char *kinds_text(unsigned mask, char *out, size_t size)
{
	size_t len = 0;

	out[0] = '\0';
	for (int k = 0; k < COV_KIND_COUNT; k++) {
		if (!(mask & COV_K(k)))
			continue;
		int w = snprintf(out + len, size - len, "%s%s", len ? "、" : "",
				 cov_kind_name((enum cov_kind)k));
		if (w < 0 || (size_t)w >= size - len)
			break;
		len += (size_t)w;
	}
	return out;
}

static const char *event_name(const struct cov_reason_row *row)
{
	return row->event_name ? row->event_name : "事实发生日期";
}

dib_month cov_default_month(dib_date decided, const struct cov_params *p)
{
	return month_add(month_of(decided), p->effective_same_month ? 0 : 1);
}

/* ---- a change ---- */

/* Everything about c but its effective month; *rowp set on success. */
static dib_code change_basics(const struct cov_change *c, const struct cov_params *p,
			      const struct cov_reason_row **rowp, dib_err *err)
{
	const struct cov_reason_row *row;
	char d1[DIB_DATE_STR], d2[DIB_DATE_STR], ks[64];
	dib_code rc;

	if ((rc = cov_params_check(p, err)))
		return rc;
	if (!c)
		return dib_err_set(err, DIB_EINVAL, "在保变更缺失");
	if ((unsigned)c->kind >= COV_KIND_COUNT)
		return dib_err_set(err, DIB_EINVAL, "变更类型 %d 不正确", (int)c->kind);
	row = cov_reason(c->reason);
	if (!row)
		return dib_err_set(err, DIB_EINVAL, "变更事由 %d 不正确", (int)c->reason);
	if (!date_valid(c->decided))
		return dib_err_set(err, DIB_EINVAL, "决定日期不正确");
	if (!(row->kinds & COV_K(c->kind)))
		return dib_err_set(err, DIB_EINVAL, "事由「%s」不能用于「%s」，只能用于%s", row->name,
				   cov_kind_name(c->kind), kinds_text(row->kinds, ks, sizeof ks));
	if ((row->flags & COV_RF_DECISION_NO) && (!c->decision_no || !*c->decision_no))
		return dib_err_set(err, DIB_EINVAL, "「%s」须填写决定文书号", row->name);
	if (c->decision_no && strlen(c->decision_no) > COV_DECISION_NO_MAX)
		return dib_err_set(err, DIB_EINVAL, "决定文书号过长（最多 %d 字节）",
				   COV_DECISION_NO_MAX);
	if (((row->flags & COV_RF_EVENT) || c->kind == COV_PHASEOUT) && !c->has_event)
		return dib_err_set(err, DIB_EINVAL, "「%s」须填写%s", row->name, event_name(row));
	if (c->has_event && !date_valid(c->event))
		return dib_err_set(err, DIB_EINVAL, "%s不正确", event_name(row));
	/* A fact after the decision cannot ground it; a new standard or the
	 * end of a phase-out is a date set by another act and may lie ahead.
	 * The phase-out's month is checked by cov_phaseout_plan. */
	if (c->has_event && !(row->flags & COV_RF_FOLLOWS_EVENT) && c->kind != COV_PHASEOUT &&
	    date_cmp(c->event, c->decided) > 0)
		return dib_err_set(err, DIB_EINVAL, "%s %s 晚于决定日期 %s", event_name(row),
				   date_format(c->event, d1), date_format(c->decided, d2));
	*rowp = row;
	return DIB_OK;
}

dib_code cov_effective_range(const struct cov_change *c, const struct cov_params *p,
			     dib_month *earliest, dib_month *latest, dib_err *err)
{
	const struct cov_reason_row *row = NULL;
	dib_month d, lo, hi;
	dib_code rc;

	if ((rc = change_basics(c, p, &row, err)))
		return rc;
	d = cov_default_month(c->decided, p);
	if (c->kind == COV_PHASEOUT) {
		struct cov_phaseout ph;

		rc = cov_phaseout_plan(month_of(c->event), c->decided, c->phaseout_months, p,
				       &ph, err);
		if (rc)
			return rc;
		lo = hi = ph.start;
	} else {
		bool retro = (row->retro_kinds & COV_K(c->kind)) != 0;

		if (row->flags & COV_RF_FOLLOWS_EVENT) {
			/* A rise of the standard is paid back to its month; a
			 * cut never reaches a month already decided. */
			dib_month e = month_of(c->event);
			lo = hi = retro ? e : month_max(e, d);
		} else if (retro && c->has_event) {
			dib_month floor = month_of(c->event);
			if (row->retro_from == COV_RETRO_MONTH_AFTER_EVENT)
				floor = month_add(floor, 1);
			lo = month_min(floor, d);
			hi = d;
		} else {
			lo = hi = d;
		}
	}
	if (!month_valid(lo) || !month_valid(hi))
		return dib_err_set(err, DIB_EINVAL, "生效年月超出日期范围");
	*earliest = lo;
	*latest = hi;
	return DIB_OK;
}

dib_code cov_change_check(const struct cov_change *c, const struct cov_params *p,
			  dib_err *err)
{
	const struct cov_reason_row *row;
	dib_month lo, hi;
	char m0[DIB_MONTH_STR], m1[DIB_MONTH_STR];
	dib_code rc;

	if ((rc = cov_effective_range(c, p, &lo, &hi, err)))
		return rc;
	row = cov_reason(c->reason);
	if (!month_valid(c->effective))
		return dib_err_set(err, DIB_EINVAL, "生效年月不正确");
	if (month_cmp(c->effective, lo) >= 0 && month_cmp(c->effective, hi) <= 0)
		return DIB_OK;

	month_format(c->effective, m0);
	bool retro = (row->retro_kinds & COV_K(c->kind)) != 0;
	if (c->kind == COV_PHASEOUT || (row->flags & COV_RF_FOLLOWS_EVENT))
		return dib_err_set(err, DIB_EINVAL, "生效年月 %s 不正确：「%s」的%s应自 %s 起生效（%s）",
				   m0, row->name, cov_kind_name(c->kind), month_format(lo, m1),
				   row->article);
	if (month_cmp(c->effective, lo) < 0) {
		month_format(lo, m1);
		if (retro && !c->has_event)
			return dib_err_set(err, DIB_EINVAL,
					   "生效年月 %s 早于 %s：「%s」的%s追溯生效须填写%s（%s）", m0,
					   m1, row->name, cov_kind_name(c->kind), event_name(row),
					   row->article);
		if (retro)
			return dib_err_set(err, DIB_EINVAL,
					   "生效年月 %s 早于 %s：「%s」的%s最早自%s%s起生效（%s）", m0, m1,
					   row->name, cov_kind_name(c->kind), event_name(row),
					   row->retro_from == COV_RETRO_MONTH_AFTER_EVENT ? "次月" : "当月",
					   row->article);
		return dib_err_set(err, DIB_EINVAL,
				   "生效年月 %s 早于 %s：「%s」的%s不能追溯，应自 %s 起生效（%s）", m0, m1,
				   row->name, cov_kind_name(c->kind), m1, row->article);
	}
	/* Later than the default: S5 art. 13 asks for a timely decision, and
	 * putting off a stop is what the phase-out is for. */
	return dib_err_set(err, DIB_EINVAL,
			   "生效年月 %s 晚于 %s：%s应当及时生效，不能推迟（S5 第十三条）", m0,
			   month_format(hi, m1), cov_kind_name(c->kind));
}

/* ---- the phase-out ---- */

dib_code cov_phaseout_plan(dib_month first_above, dib_date decided, int months,
			   const struct cov_params *p, struct cov_phaseout *out,
			   dib_err *err)
{
	struct cov_phaseout ph;
	char m0[DIB_MONTH_STR], d0[DIB_DATE_STR];
	dib_code rc;

	if ((rc = cov_params_check(p, err)))
		return rc;
	if (!date_valid(decided))
		return dib_err_set(err, DIB_EINVAL, "渐退决定日期不正确");
	if (!month_valid(first_above))
		return dib_err_set(err, DIB_EINVAL, "收入首次超过标准的月份不正确");
	if (months < 0)
		return dib_err_set(err, DIB_EINVAL, "渐退期月数 %d 不正确", months);
	if (months > p->phaseout_max_months)
		return dib_err_set(err, DIB_EINVAL,
				   "渐退期 %d 个月超过上限 %d 个月（S7 一（三）：原则上不超过 6 个月）",
				   months, p->phaseout_max_months);
	if (month_cmp(first_above, month_of(decided)) > 0)
		return dib_err_set(err, DIB_EINVAL, "收入首次超过标准的月份 %s 晚于渐退决定日期 %s",
				   month_format(first_above, m0), date_format(decided, d0));

	memset(&ph, 0, sizeof ph);
	ph.first_above = first_above;
	ph.decided = decided;
	ph.months = months;
	ph.effective = cov_default_month(decided, p);
	ph.start = p->phaseout_from == COV_PHASEOUT_FROM_INCOME ? first_above : ph.effective;
	dib_month end = month_add(ph.start, months);
	ph.last = month_add(end, -1);
	/* A stop is never retroactive (it is not fraud): when the months
	 * granted ran out before the decision can act, it stops at once. The
	 * decision's own month is always paid, so only a grant that ended
	 * before it means the review came late. */
	ph.late = month_cmp(end, month_of(decided)) < 0;
	ph.stop = month_max(end, ph.effective);
	if (!month_valid(ph.stop) || !month_valid(ph.effective))
		return dib_err_set(err, DIB_EINVAL, "渐退期超出日期范围");
	*out = ph;
	return DIB_OK;
}

bool cov_phaseout_stop_due(const struct cov_phaseout *ph, dib_date today)
{
	return month_cmp(month_of(today), ph->stop) >= 0;
}

int32_t cov_phaseout_share_bp(const struct cov_phaseout *ph, dib_month m,
			      const struct cov_params *p)
{
	if (month_cmp(m, ph->stop) >= 0)
		return 0;
	if (month_cmp(m, ph->start) < 0 || month_cmp(m, ph->effective) < 0)
		return FULL_BP;
	return p->phaseout_share_bp;
}

void cov_phaseout_stop_change(const struct cov_phaseout *ph, dib_date today,
			      struct cov_change *out)
{
	memset(out, 0, sizeof *out);
	out->kind = COV_STOP;
	out->reason = COV_R_PHASEOUT_ENDED;
	out->decided = today;
	out->decision_no = NULL;
	out->has_event = true;
	out->event = month_first_day(ph->stop);
	out->phaseout_months = 0;
	out->effective = ph->stop;
}

/* ---- the review after a death ---- */

dib_code cov_death_review_due(dib_date death, const calendar *cal, dib_date *out,
			      dib_err *err)
{
	dib_date d;

	if (!date_valid(death))
		return dib_err_set(err, DIB_EINVAL, "死亡日期不正确");
	/* art. 201: the day of death is not counted; art. 202: the period ends
	 * on the same-numbered day of the third month, or on its last day. */
	d = date_add_months(death, COV_DEATH_REVIEW_MONTHS);
	if (!date_valid(d))
		return dib_err_set(err, DIB_EINVAL, "死亡日期超出日期范围");
	if (cal) {
		/* art. 203: a last day off moves to the day after the days off */
		for (int i = 0;; i++) {
			bool work = false;
			dib_code rc = calendar_is_workday(cal, d, &work, err);
			if (rc)
				return rc;
			if (work)
				break;
			if (i == DAYS_OFF_MAX)
				return dib_err_set(err, DIB_ECALENDAR,
						   "节假日表中 %d 年之后一年内没有工作日", d.year);
			d = date_add_days(d, 1);
		}
	}
	*out = d;
	return DIB_OK;
}

bool cov_overdue(dib_date due, dib_date today)
{
	return date_cmp(today, due) > 0;
}

/* ---- refusal of suitable work ---- */

static dib_code offers_check(const struct cov_offer *offers, size_t n, dib_err *err)
{
	char d0[DIB_DATE_STR], d1[DIB_DATE_STR];

	if (n && !offers)
		return dib_err_set(err, DIB_EINVAL, "介绍工作记录缺失");
	for (size_t i = 0; i < n; i++) {
		if (!date_valid(offers[i].date))
			return dib_err_set(err, DIB_EINVAL, "第 %zu 条介绍工作记录的日期不正确", i + 1);
		if ((unsigned)offers[i].outcome >= COV_OFFER_OUTCOME_COUNT)
			return dib_err_set(err, DIB_EINVAL, "第 %zu 条介绍工作记录的结果 %d 不正确",
					   i + 1, (int)offers[i].outcome);
		if (i && date_cmp(offers[i].date, offers[i - 1].date) < 0)
			return dib_err_set(err, DIB_EINVAL,
					   "第 %zu 条介绍工作记录的日期 %s 早于上一条的 %s，须按日期排列",
					   i + 1, date_format(offers[i].date, d0),
					   date_format(offers[i - 1].date, d1));
	}
	return DIB_OK;
}

dib_code cov_work_refusal(const struct cov_offer *offers, size_t n, dib_date decided,
			  const struct cov_params *p, struct cov_refusal *out,
			  dib_err *err)
{
	struct cov_refusal r;
	size_t last[3] = {0, 0, 0}; /* the run's latest three refusals, oldest first */
	int run = 0;
	dib_code rc;

	if ((rc = cov_params_check(p, err)))
		return rc;
	if (!date_valid(decided))
		return dib_err_set(err, DIB_EINVAL, "决定日期不正确");
	if ((rc = offers_check(offers, n, err)))
		return rc;

	memset(&r, 0, sizeof r);
	for (size_t i = 0; i < n && date_cmp(offers[i].date, decided) <= 0; i++) {
		switch (offers[i].outcome) {
		case COV_OFFER_UNSUITABLE:
			/* not "相适应的工作": outside the article altogether */
			continue;
		case COV_OFFER_ACCEPTED:
		case COV_OFFER_REFUSED_JUSTIFIED:
			run = 0; /* "连续" is broken */
			continue;
		case COV_OFFER_REFUSED:
		case COV_OFFER_OUTCOME_COUNT:
			break;
		}
		last[0] = last[1];
		last[1] = last[2];
		last[2] = i;
		if (++run < 3)
			continue;
		run = 3;
		int w = p->work_refusal_window_months;
		if (w && date_cmp(offers[i].date, date_add_months(offers[last[0]].date, w)) > 0)
			continue; /* the oldest is out of the period; the run slides on */
		r.lost = true;
		r.first = last[0];
		r.third = last[2];
		r.from = cov_default_month(decided, p);
		break;
	}
	/* With a period, a run that slid past it counts only the refusals
	 * still inside the period before the latest one. */
	if (!r.lost && run == 3 && p->work_refusal_window_months) {
		dib_date latest = offers[last[2]].date;
		run = 1;
		if (date_cmp(latest, date_add_months(offers[last[1]].date,
						     p->work_refusal_window_months)) <= 0)
			run = 2;
	}
	r.run = run;
	*out = r;
	return DIB_OK;
}
