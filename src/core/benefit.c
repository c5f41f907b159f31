/*
 * benefit.c — the parameters of the programs other than 低保, the input
 * check every program runs first, the ages the rules take, the first month
 * a program pays for, the reason codes, and the dispatch by program code
 * (benefit.h). The rules themselves are in benefit_disab.c and
 * benefit_support.c.
 * Thread-safe: pure functions over constant tables.
 */
#include "util/dib.h"
#include "core/benefit.h"
#include "core/benefit_int.h"
#include "core/codes.h"

#include <inttypes.h>

/* ---- parameters ---- */

struct benefit_params benefit_params_default(void)
{
	struct benefit_params p;
	memset(&p, 0, sizeof p);
	p.disab_care_grade2_bp = 10000;
	p.disab_living_edge = false;
	p.disab_care_mental34 = false;
	p.disab_care_mental34_bp = 10000;
	for (int g = 0; g < BENEFIT_CARE_GRADES; g++)
		p.tekun_care_fen[g] = 0;
	p.orphan_topup = false;
	p.elderly[0] = (struct benefit_band){80, 0};
	for (int i = 1; i < BENEFIT_ELDERLY_BANDS; i++)
		p.elderly[i] = (struct benefit_band){0, 0};
	p.elderly_from_birthday_month = true;
	p.elderly_low_income_only = false;
	p.rounding = (money_rounding){MONEY_FEN, MONEY_HALF_UP};
	return p;
}

static dib_code bad(dib_err *err, const char *name, int64_t v, int64_t lo, int64_t hi)
{
	return dib_err_set(err, DIB_EINVAL, "参数 \"%s\" 为 %" PRId64 "，应在 %" PRId64 "–%" PRId64
			   " 之间", name, v, lo, hi);
}

static dib_code bad_fen(dib_err *err, const char *name, dib_fen v)
{
	char b[MONEY_STR], c[MONEY_STR];
	return dib_err_set(err, DIB_EINVAL, "参数 \"%s\" 为 %s 元，应在 0.00–%s 元之间", name,
			   money_format(v, b), money_format(BENEFIT_MAX_FEN, c));
}

/* The age bands: band 1 from 50 to 120 paying the standard; the used bands
 * first, each older than the one before and with an amount. */
static dib_code bands_check(const struct benefit_band *b, dib_err *err)
{
	if (b[0].min_age < 50 || b[0].min_age > 120)
		return bad(err, "高龄津贴起始年龄 (第 1 档)", b[0].min_age, 50, 120);
	if (b[0].fen != 0)
		return dib_err_set(err, DIB_EINVAL,
				   "高龄津贴第 1 档按高龄津贴标准发放，不能另设金额");
	bool ended = false;
	int prev = b[0].min_age;
	for (int i = 1; i < BENEFIT_ELDERLY_BANDS; i++) {
		char name[64];
		if (b[i].min_age < 0 || b[i].min_age > 150) {
			snprintf(name, sizeof name, "高龄津贴第 %d 档起始年龄", i + 1);
			return bad(err, name, b[i].min_age, 0, 150);
		}
		if (b[i].fen < 0 || b[i].fen > BENEFIT_MAX_FEN) {
			snprintf(name, sizeof name, "高龄津贴第 %d 档金额", i + 1);
			return bad_fen(err, name, b[i].fen);
		}
		if (b[i].min_age == 0) {
			char m[MONEY_STR];
			if (b[i].fen != 0)
				return dib_err_set(err, DIB_EINVAL,
						   "高龄津贴第 %d 档设定了金额 %s 元，但没有设定起始年龄",
						   i + 1, money_format(b[i].fen, m));
			ended = true;
			continue;
		}
		if (ended)
			return dib_err_set(err, DIB_EINVAL,
					   "高龄津贴第 %d 档 (%d 周岁起) 之前有未设定的档位，"
					   "档位须从第 1 档起连续设定", i + 1, b[i].min_age);
		if (b[i].min_age <= prev)
			return dib_err_set(err, DIB_EINVAL,
					   "参数 \"高龄津贴第 %d 档起始年龄\" 为 %d，应高于第 %d 档的 %d 周岁",
					   i + 1, b[i].min_age, i, prev);
		if (b[i].fen == 0)
			return dib_err_set(err, DIB_EINVAL,
					   "高龄津贴第 %d 档 (%d 周岁起) 没有设定金额", i + 1,
					   b[i].min_age);
		prev = b[i].min_age;
	}
	return DIB_OK;
}

dib_code benefit_params_check(const struct benefit_params *p, dib_err *err)
{
	static const char *const care_names[BENEFIT_CARE_GRADES] = {
		"特困人员照料护理标准 (全自理)", "特困人员照料护理标准 (半护理)",
		"特困人员照料护理标准 (全护理)",
	};

	if (p->disab_care_grade2_bp < 0 || p->disab_care_grade2_bp > 10000)
		return bad(err, "护理补贴二级残疾比例 (基点)", p->disab_care_grade2_bp, 0, 10000);
	if (p->disab_care_mental34_bp < 0 || p->disab_care_mental34_bp > 10000)
		return bad(err, "三、四级智力、精神残疾人护理补贴比例 (基点)",
			   p->disab_care_mental34_bp, 0, 10000);
	for (int g = 0; g < BENEFIT_CARE_GRADES; g++)
		if (p->tekun_care_fen[g] < 0 || p->tekun_care_fen[g] > BENEFIT_MAX_FEN)
			return bad_fen(err, care_names[g], p->tekun_care_fen[g]);
	if ((p->rounding.unit != MONEY_FEN && p->rounding.unit != MONEY_JIAO &&
	     p->rounding.unit != MONEY_YUAN) ||
	    (p->rounding.mode != MONEY_HALF_UP && p->rounding.mode != MONEY_UP &&
	     p->rounding.mode != MONEY_DOWN))
		return dib_err_set(err, DIB_EINVAL, "参数 \"补贴金额取整\" 不正确");
	return bands_check(p->elderly, err);
}

/* ---- the input ---- */

static bool fen_ok(dib_fen v)
{
	return v >= 0 && v <= BENEFIT_MAX_FEN;
}

dib_code benefit__check(const struct benefit_params *p, const struct benefit_person *who,
			dib_month m, dib_fen standard_fen, const char *prog, dib_err *err)
{
	dib_code rc;
	char b[MONEY_STR];

	if ((rc = benefit_params_check(p, err)))
		return rc;
	if (m.year < 1000 || m.year > 9999 || m.month < 1 || m.month > 12)
		return dib_err_set(err, DIB_EINVAL, "%s：发放月份 %d-%02d 不正确", prog, m.year,
				   m.month);
	if (standard_fen <= 0 || standard_fen > BENEFIT_MAX_FEN)
		return dib_err_set(err, DIB_EINVAL, "%s：标准 %s 元不正确，应大于 0", prog,
				   money_format(standard_fen, b));
	if (who->disability_grade < 0 || who->disability_grade > 4)
		return dib_err_set(err, DIB_EINVAL, "残疾等级 %d 不正确，应为 1–4 级或无",
				   who->disability_grade);
	if (who->disability_kind < 0 || who->disability_kind > CODES_DIS_MULTIPLE)
		return dib_err_set(err, DIB_EINVAL, "残疾类别 %d 不正确", who->disability_kind);
	if (who->self_care_unmet < 0 || who->self_care_unmet > BENEFIT_SELF_CARE_ITEMS)
		return dib_err_set(err, DIB_EINVAL, "不能达到的自理指标数 %d 不正确，应在 0–6 之间",
				   who->self_care_unmet);
	static const struct {
		size_t off;
		const char *name;
	} money[] = {
		{offsetof(struct benefit_person, other_living_fen), "其他福利性生活补贴"},
		{offsetof(struct benefit_person, other_care_fen), "其他福利性护理补贴"},
		{offsetof(struct benefit_person, got_dibao_fen), "已领低保金"},
		{offsetof(struct benefit_person, got_tekun_fen), "已领特困供养金"},
		{offsetof(struct benefit_person, got_living_fen), "已领困难残疾人生活补贴"},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(money); i++) {
		dib_fen v;
		memcpy(&v, (const char *)who + money[i].off, sizeof v);
		if (!fen_ok(v))
			return dib_err_set(err, DIB_EINVAL, "%s %s 元不正确", money[i].name,
					   money_format(v, b));
	}
	if (who->birth.year != 0) {
		char d[DIB_DATE_STR];
		if (!date_valid(who->birth))
			return dib_err_set(err, DIB_EINVAL, "出生日期 %d-%02d-%02d 不正确",
					   who->birth.year, who->birth.month, who->birth.day);
		if (date_cmp(who->birth, month_last_day(m)) > 0)
			return dib_err_set(err, DIB_EINVAL, "出生日期 %s 晚于发放月份 %d-%02d",
					   date_format(who->birth, d), m.year, m.month);
	}
	if (who->orphan && who->unsupported)
		return dib_err_set(err, DIB_EINVAL, "同一儿童不能既是孤儿又是事实无人抚养儿童");
	if (who->orphan && who->tekun)
		return dib_err_set(err, DIB_EINVAL, "孤儿与特困人员只能认定其一 (《特困人员认定办法》第九条)");
	if (who->unsupported_full && !who->unsupported)
		return dib_err_set(err, DIB_EINVAL, "全额领取事实无人抚养儿童补贴的须是事实无人抚养儿童");
	if (who->unsupported_full &&
	    (who->got_dibao_fen || who->got_tekun_fen || who->got_living_fen))
		return dib_err_set(err, DIB_EINVAL,
				   "已领低保、特困或生活补贴的事实无人抚养儿童只能补差，不是全额领取");
	return DIB_OK;
}

struct benefit_result benefit__blank(void)
{
	struct benefit_result r;
	memset(&r, 0, sizeof r);
	r.age = -1;
	return r;
}

void benefit__say(struct benefit_result *r, dib_fen fen, enum benefit_reason reason,
		  const char *fmt, ...)
{
	va_list ap;
	r->fen = fen;
	r->reason = reason;
	va_start(ap, fmt);
	vsnprintf(r->why, sizeof r->why, fmt, ap);
	va_end(ap);
}

const char *benefit__name(const char *name, const char *dflt, char *out)
{
	if (!name || !name[0])
		return dflt;
	return dib_err_quote(name, strlen(name), out, DIB_QUOTE_MAX);
}

/* ---- helpers ---- */

enum benefit_care_grade benefit_care_grade_of(int unmet)
{
	if (unmet <= 0)
		return BENEFIT_CARE_SELF;
	return unmet <= 3 ? BENEFIT_CARE_HALF : BENEFIT_CARE_FULL;
}

const char *benefit_care_grade_name(enum benefit_care_grade g)
{
	static const char *const names[BENEFIT_CARE_GRADES] = {"全自理", "半护理", "全护理"};
	return (unsigned)g < BENEFIT_CARE_GRADES ? names[g] : "";
}

int benefit_elderly_age(const struct benefit_params *p, dib_date birth, dib_month m)
{
	if (birth.year == 0)
		return -1;
	dib_month on = p->elderly_from_birthday_month ? m : month_add(m, -1);
	int age = date_age_on(birth, month_last_day(on));
	return age < 0 ? -1 : age;
}

int benefit_child_age(dib_date birth, dib_month m)
{
	if (birth.year == 0)
		return -1;
	int age = date_age_on(birth, month_last_day(month_add(m, -1)));
	return age < 0 ? 0 : age; /* born in m itself: 0 */
}

dib_code benefit_first_month(const char *program, dib_date applied, dib_date decided,
			     dib_month *out, dib_err *err)
{
	static const struct {
		const char *code;
		bool from_application;
	} t[] = {
		{"disab_living", true},       {"disab_care", true},
		{"tekun_central", false},     {"tekun_dispersed", false},
		{"orphan_inst", false},       {"orphan_scattered", false},
		{"child_unsupported", false}, {"elderly_allowance", false},
	};
	char q[DIB_QUOTE_MAX];
	const char *code = program ? program : "";

	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		if (strcmp(code, t[i].code))
			continue;
		if (!date_valid(applied) || !date_valid(decided))
			return dib_err_set(err, DIB_EINVAL, "申请日期或决定日期不正确");
		if (date_cmp(decided, applied) < 0)
			return dib_err_set(err, DIB_EINVAL, "决定日期早于申请日期");
		*out = t[i].from_application ? month_of(applied) : month_add(month_of(decided), 1);
		return DIB_OK;
	}
	return dib_err_set(err, DIB_EINVAL, "项目 \"%s\" 不按本规则计发",
			   dib_err_quote(code, strlen(code), q, sizeof q));
}

const char *benefit_reason_code(enum benefit_reason r)
{
	static const char *const codes[BENEFIT_REASONS] = {
		[BENEFIT_PAID] = "paid",
		[BENEFIT_TOPUP] = "topup",
		[BENEFIT_CHOSEN] = "chosen",
		[BENEFIT_OTHER_HIGHER] = "other_higher",
		[BENEFIT_NO_DISABILITY] = "no_disability",
		[BENEFIT_NO_CARD] = "no_card",
		[BENEFIT_TEKUN] = "tekun",
		[BENEFIT_INJURY_CARE] = "injury_care",
		[BENEFIT_ORPHAN] = "orphan",
		[BENEFIT_UNSUPPORTED_FULL] = "unsupported_full",
		[BENEFIT_NOT_POOR] = "not_poor",
		[BENEFIT_NO_LONG_CARE] = "no_long_care",
		[BENEFIT_NOT_SEVERE] = "not_severe",
		[BENEFIT_NOT_TEKUN] = "not_tekun",
		[BENEFIT_NOT_ORPHAN] = "not_orphan",
		[BENEFIT_NOT_UNSUPPORTED] = "not_unsupported",
		[BENEFIT_COVERED] = "covered",
		[BENEFIT_AGED_OUT] = "aged_out",
		[BENEFIT_UNDER_AGE] = "under_age",
		[BENEFIT_NOT_LOW_INCOME] = "not_low_income",
	};
	return (unsigned)r < BENEFIT_REASONS && codes[r] ? codes[r] : "";
}

/* ---- dispatch ---- */

typedef dib_code (*benefit_fn)(const struct benefit_params *, const struct benefit_person *,
			       dib_month, dib_fen, struct benefit_result *, dib_err *);

dib_code benefit_compute(const struct benefit_params *p, const char *program,
			 const struct benefit_person *who, dib_month m, dib_fen standard_fen,
			 struct benefit_result *out, dib_err *err)
{
	static const struct {
		const char *code;
		benefit_fn fn;
	} t[] = {
		{"disab_living", benefit_disab_living},
		{"disab_care", benefit_disab_care},
		{"tekun_central", benefit_tekun},
		{"tekun_dispersed", benefit_tekun},
		{"orphan_inst", benefit_orphan_inst},
		{"orphan_scattered", benefit_orphan_scattered},
		{"child_unsupported", benefit_child_unsupported},
		{"elderly_allowance", benefit_elderly},
	};
	const char *code = program ? program : "";
	char q[DIB_QUOTE_MAX];

	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++)
		if (!strcmp(code, t[i].code))
			return t[i].fn(p, who, m, standard_fen, out, err);
	return dib_err_set(err, DIB_EINVAL, "项目 \"%s\" 不是按人计发的补贴项目",
			   dib_err_quote(code, strlen(code), q, sizeof q));
}
