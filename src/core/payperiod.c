/*
 * payperiod.c — pay rhythms, pay periods and their due dates (payperiod.h).
 * Thread-safe: pure functions over constant tables.
 */
#include "util/dib.h"
#include "core/payperiod.h"

#include <stdio.h>
#include <string.h>

/* The order of the programs table (store/sql/0001_init.sql), temp_aid left out. */
static const char *const programs[PAY_PROGRAMS] = {
	"dibao_urban",   "dibao_rural",      "tekun_central",     "tekun_dispersed",
	"orphan_inst",   "orphan_scattered", "child_unsupported", "disab_living",
	"disab_care",    "elderly_allowance",
};

static const struct {
	const char *code, *name;
	int months;
} rhythms[PAY_RHYTHMS] = {
	[PAY_MONTHLY] = { "monthly", "按月", 1 },
	[PAY_QUARTERLY] = { "quarterly", "按季", 3 },
	[PAY_HALF_YEARLY] = { "half_yearly", "按半年", 6 },
	[PAY_YEARLY] = { "yearly", "按年", 12 },
};

struct pay_params pay_params_default(void)
{
	struct pay_params p;
	for (int i = 0; i < PAY_PROGRAMS; i++)
		p.rhythm[i] = PAY_MONTHLY;
	p.due_day = 10;
	p.yearly_month = 9;
	p.recovery_max_bp = 3000;
	return p;
}

dib_code pay_params_check(const struct pay_params *p, dib_err *err)
{
	for (int i = 0; i < PAY_PROGRAMS; i++)
		if ((unsigned)p->rhythm[i] >= PAY_RHYTHMS)
			return dib_err_set(err, DIB_EINVAL, "%s 的发放周期不正确", programs[i]);
	if (p->due_day < 1 || p->due_day > 28)
		return dib_err_set(err, DIB_EINVAL, "发放日须在 1 至 28 日之间，现为 %d 日", p->due_day);
	if (p->yearly_month < 1 || p->yearly_month > 12)
		return dib_err_set(err, DIB_EINVAL, "按年发放的月份须在 1 至 12 月之间，现为 %d 月",
				   p->yearly_month);
	if (p->recovery_max_bp < 0 || p->recovery_max_bp > 10000)
		return dib_err_set(err, DIB_EINVAL, "追缴扣减比例须在 0%% 至 100%% 之间");
	return DIB_OK;
}

int pay_program_index(const char *code)
{
	for (int i = 0; code && i < PAY_PROGRAMS; i++)
		if (!strcmp(code, programs[i]))
			return i;
	return -1;
}

const char *pay_program_code(int i)
{
	return i >= 0 && i < PAY_PROGRAMS ? programs[i] : NULL;
}

const char *pay_rhythm_code(enum pay_rhythm r)
{
	return (unsigned)r < PAY_RHYTHMS ? rhythms[r].code : "";
}

const char *pay_rhythm_name(enum pay_rhythm r)
{
	return (unsigned)r < PAY_RHYTHMS ? rhythms[r].name : "";
}

bool pay_rhythm_parse(const char *code, enum pay_rhythm *out)
{
	for (int i = 0; code && i < PAY_RHYTHMS; i++)
		if (!strcmp(code, rhythms[i].code)) {
			*out = (enum pay_rhythm)i;
			return true;
		}
	return false;
}

int pay_rhythm_months(enum pay_rhythm r)
{
	return (unsigned)r < PAY_RHYTHMS ? rhythms[r].months : 1;
}

struct pay_period pay_period_of(enum pay_rhythm r, dib_month m)
{
	int n = pay_rhythm_months(r);
	struct pay_period p = { { m.year, (m.month - 1) / n * n + 1 }, n };
	return p;
}

/* The digits of s[0..n) as a number; -1 if any is not a digit. */
static int digits(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static const char *const forms[PAY_RHYTHMS] = {
	[PAY_MONTHLY] = "2026-07",
	[PAY_QUARTERLY] = "2026Q3",
	[PAY_HALF_YEARLY] = "2026H2",
	[PAY_YEARLY] = "2026",
};

dib_code pay_period_parse(enum pay_rhythm r, const char *s, struct pay_period *out, dib_err *err)
{
	size_t n = s ? strlen(s) : 0;
	int year = n >= 4 ? digits(s, 4) : -1, part = -1;
	if ((unsigned)r < PAY_RHYTHMS && year >= 1000) {
		if (r == PAY_MONTHLY && n == 7 && s[4] == '-')
			part = digits(s + 5, 2) >= 1 && digits(s + 5, 2) <= 12 ? digits(s + 5, 2) : -1;
		else if (r == PAY_QUARTERLY && n == 6 && (s[4] == 'Q' || s[4] == 'q'))
			part = s[5] >= '1' && s[5] <= '4' ? (s[5] - '1') * 3 + 1 : -1;
		else if (r == PAY_HALF_YEARLY && n == 6 && (s[4] == 'H' || s[4] == 'h'))
			part = s[5] >= '1' && s[5] <= '2' ? (s[5] - '1') * 6 + 1 : -1;
		else if (r == PAY_YEARLY && n == 4)
			part = 1;
	}
	if (part < 0)
		return dib_err_set(err, DIB_EINVAL, "发放期次“%s”不正确：%s发放的期次写作 %s",
				   s ? s : "", pay_rhythm_name(r), forms[(unsigned)r < PAY_RHYTHMS ? r : 0]);
	out->first = (dib_month){ year, part };
	out->months = pay_rhythm_months(r);
	return DIB_OK;
}

char *pay_period_code(struct pay_period p, char *out)
{
	int y = p.first.year % 10000, m = p.first.month;
	switch (p.months) {
	case 3:
		snprintf(out, PAY_PERIOD_CODE, "%04dQ%d", y, (m - 1) / 3 + 1);
		break;
	case 6:
		snprintf(out, PAY_PERIOD_CODE, "%04dH%d", y, (m - 1) / 6 + 1);
		break;
	case 12:
		snprintf(out, PAY_PERIOD_CODE, "%04d", y);
		break;
	default:
		snprintf(out, PAY_PERIOD_CODE, "%04d-%02d", y, m % 100);
	}
	return out;
}

char *pay_period_name(struct pay_period p, char *out)
{
	static const char *const quarters[4] = { "一", "二", "三", "四" };
	int y = p.first.year % 10000, m = p.first.month;
	switch (p.months) {
	case 3:
		snprintf(out, PAY_PERIOD_NAME, "%d年第%s季度", y, quarters[((m - 1) / 3) & 3]);
		break;
	case 6:
		snprintf(out, PAY_PERIOD_NAME, "%d年%s半年", y, m <= 6 ? "上" : "下");
		break;
	case 12:
		snprintf(out, PAY_PERIOD_NAME, "%d年度", y);
		break;
	default:
		snprintf(out, PAY_PERIOD_NAME, "%d年%d月", y, m % 100);
	}
	return out;
}

dib_month pay_period_last(struct pay_period p)
{
	return month_add(p.first, p.months - 1);
}

bool pay_period_contains(struct pay_period p, dib_month m)
{
	return month_cmp(m, p.first) >= 0 && month_cmp(m, pay_period_last(p)) <= 0;
}

struct pay_period pay_period_next(struct pay_period p)
{
	struct pay_period n = { month_add(p.first, p.months), p.months };
	return n;
}

dib_date pay_period_due(const struct pay_params *pp, struct pay_period p)
{
	if (p.months == 12)
		return month_last_day((dib_month){ p.first.year, pp->yearly_month });
	return (dib_date){ p.first.year, p.first.month, pp->due_day };
}
