/*
 * test_params.c — core/params.h as tables: the catalogue's own invariants
 * (unique well-formed keys, names, units and sources, defaults inside
 * their ranges, the keys issue 4 asks for with the national defaults of
 * regulations.md), what an administrator may type for each type and what
 * is refused with which Chinese message, the stored form read back
 * strictly, the shown form read back to the same value, rounding rules of
 * parameter pairs, and a yearly standard turned monthly.
 * Thread-safety: single-threaded test program.
 */
#include "util/dib.h"
#include "core/benefit.h"
#include "core/params.h"
#include "core/payperiod.h"

#include <setjmp.h>
#include <cmocka.h>

static const params_def *must(const char *key)
{
	const params_def *d = params_find(key);
	if (!d)
		fail_msg("catalogue lacks \"%s\"", key);
	return d;
}

static void test_params__catalogue_invariants(void **state)
{
	(void)state;
	assert_true(params_count() >= 40);
	assert_null(params_at(params_count()));
	assert_null(params_find("no.such_key"));
	assert_null(params_find(NULL));
	for (size_t i = 0; i < params_count(); i++) {
		const params_def *d = params_at(i);
		assert_non_null(d);
		size_t n = strlen(d->key);
		if (n < 3 || n >= PARAMS_KEY_MAX || !strchr(d->key, '.'))
			fail_msg("key \"%s\": length or form", d->key);
		for (size_t k = 0; k < n; k++) {
			char c = d->key[k];
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'))
				fail_msg("key \"%s\": character '%c'", d->key, c);
		}
		for (size_t j = 0; j < i; j++)
			if (!strcmp(params_at(j)->key, d->key))
				fail_msg("key \"%s\" twice", d->key);
		assert_ptr_equal(params_find(d->key), d);
		if (!d->name[0] || !d->source[0] || !d->unit)
			fail_msg("key \"%s\": name, unit or source missing", d->key);
		/* every rule names its article of regulations.md (or domain.md) */
		if (!strstr(d->source, "§") && !strstr(d->source, "domain.md"))
			fail_msg("key \"%s\": source \"%s\" names no article", d->key, d->source);
		if (d->min > d->max)
			fail_msg("key \"%s\": min > max", d->key);
		if ((d->type == PARAMS_ENUM) != (d->choices != NULL))
			fail_msg("key \"%s\": choices only for enums", d->key);
		if (d->type == PARAMS_ENUM && (d->nchoices < 2 || d->max != (int64_t)d->nchoices - 1))
			fail_msg("key \"%s\": choices and range disagree", d->key);
		dib_err err;
		dib_err_clear(&err);
		params_value v = params_default(d);
		if (params_check(d, v, &err))
			fail_msg("key \"%s\": default refused: %s", d->key, err.msg);
		if (d->type == PARAMS_ENUM)
			assert_string_equal(v.code, d->choices[d->dflt].code);
		else
			assert_null(v.code);
		assert_string_not_equal(params_type_code(d->type), "?");
	}
}

/* The keys of issue 4 item 1 with the national defaults of regulations.md. */
static void test_params__issue4_keys_and_national_defaults(void **state)
{
	(void)state;
	static const struct {
		const char *key;
		enum params_type type;
		int64_t dflt;
		const char *unit; /* NULL: not checked */
	} t[] = {
		{ "asset.vehicle_allowed", PARAMS_BOOL, 0, NULL },
		{ "asset.second_dwelling_allowed", PARAMS_BOOL, 0, NULL },
		{ "asset.deposit_months", PARAMS_MONTHS, 24, NULL },
		{ "asset.business_allowed", PARAMS_BOOL, 0, NULL },
		{ "income.employment_cost_bp", PARAMS_BP, 0, "%" },
		{ "income.period_months", PARAMS_MONTHS, 12, "个月" },
		{ "amount.minimum_fen", PARAMS_FEN, 0, "元" },
		{ "amount.rounding_unit", PARAMS_ENUM, 0, NULL },
		{ "amount.rounding_mode", PARAMS_ENUM, 0, NULL },
		{ "standard.rural_monthly_rounding_unit", PARAMS_ENUM, 0, NULL },
		{ "standard.rural_monthly_rounding_mode", PARAMS_ENUM, 0, NULL },
		{ "amount.method", PARAMS_ENUM, 0, NULL },
		{ "amount.band1_fen", PARAMS_FEN, 0, "元" },
		{ "amount.band4_fen", PARAMS_FEN, 0, "元" },
		{ "addon.elderly.method", PARAMS_ENUM, 0, NULL },
		{ "addon.elderly.share_bp", PARAMS_BP, 0, "%" },
		{ "addon.elderly.fixed_fen", PARAMS_FEN, 0, "元" },
		{ "addon.elderly.min_age", PARAMS_INT, 60, "周岁" },
		{ "addon.minor.method", PARAMS_ENUM, 0, NULL },
		{ "addon.minor.max_age", PARAMS_INT, 18, "周岁" },
		{ "addon.disabled.share_bp", PARAMS_BP, 0, "%" },
		{ "addon.disabled.max_grade", PARAMS_INT, 2, "级" },
		{ "addon.ill.fixed_fen", PARAMS_FEN, 0, "元" },
		{ "dibao.rural_grades", PARAMS_BOOL, 0, NULL },
		{ "edge.income_bp", PARAMS_BP, 15000, "%" },          /* 1.5 × 标准 */
		{ "review.spot_check_bp", PARAMS_BP, 3000, "%" },     /* 30 % */
		{ "workflow.confirm_authority", PARAMS_ENUM, 0, NULL },
		{ "limit.accept_workdays", PARAMS_WORKDAYS, 3, "个工作日" },
		{ "limit.investigation_workdays", PARAMS_WORKDAYS, 3, "个工作日" }, /* S1-15 */
		{ "limit.check_workdays", PARAMS_WORKDAYS, 3, "个工作日" },         /* S1-17 */
		{ "limit.township_review_workdays", PARAMS_WORKDAYS, 15, "个工作日" },
		{ "limit.public_notice_days", PARAMS_DAYS, 7, "天" },               /* S1-19 */
		{ "limit.county_review_workdays", PARAMS_WORKDAYS, 10, "个工作日" }, /* S1-20 */
		{ "limit.refusal_notice_workdays", PARAMS_WORKDAYS, 3, "个工作日" }, /* S1-21 */
		{ "limit.case_workdays", PARAMS_WORKDAYS, 30, "个工作日" },          /* S1-22 */
		{ "limit.case_extended_workdays", PARAMS_WORKDAYS, 45, "个工作日" },
		{ "limit.case_delegated_workdays", PARAMS_WORKDAYS, 20, "个工作日" }, /* S7 四（一） */
		{ "inbox.due_soon_workdays", PARAMS_WORKDAYS, 3, "个工作日" },
		{ "phaseout.max_months", PARAMS_MONTHS, 6, "个月" },                /* S7 一（三） */
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		const params_def *d = must(t[i].key);
		if (d->type != t[i].type || d->dflt != t[i].dflt)
			fail_msg("%s: type %d default %lld", t[i].key, (int)d->type, (long long)d->dflt);
		if (t[i].unit)
			assert_string_equal(d->unit, t[i].unit);
	}
	assert_string_equal(params_default(must("amount.rounding_mode")).code, "half_up");
	assert_string_equal(params_default(must("amount.method")).code, "gap");
	assert_string_equal(params_default(must("addon.ill.method")).code, "none");
	assert_string_equal(params_default(must("workflow.confirm_authority")).code, "county");
	/* the phase-out period may never exceed 6 months (S7 一（三）) */
	assert_int_equal(must("phaseout.max_months")->max, 6);
}

/* The keys of the other programs' amounts and of the pay rhythms (issue
 * 5 item 7): their types, units and defaults are the cores' own defaults
 * (core/benefit.h, core/payperiod.h), and every payroll program has its
 * rhythm with payperiod.h's codes in payperiod.h's order. */
static void test_params__benefit_and_pay_keys(void **state)
{
	(void)state;
	struct benefit_params b = benefit_params_default();
	struct pay_params pp = pay_params_default();
	static const struct {
		const char *key;
		enum params_type type;
		const char *unit;
	} t[] = {
		{ "benefit.disab_living_edge", PARAMS_BOOL, "" },
		{ "benefit.disab_care_grade2_bp", PARAMS_BP, "%" },
		{ "benefit.disab_care_mental34", PARAMS_BOOL, "" },
		{ "benefit.disab_care_mental34_bp", PARAMS_BP, "%" },
		{ "benefit.tekun_care_self_fen", PARAMS_FEN, "元" },
		{ "benefit.tekun_care_half_fen", PARAMS_FEN, "元" },
		{ "benefit.tekun_care_full_fen", PARAMS_FEN, "元" },
		{ "benefit.orphan_topup", PARAMS_BOOL, "" },
		{ "benefit.elderly_band1_min_age", PARAMS_INT, "周岁" },
		{ "benefit.elderly_band2_min_age", PARAMS_INT, "周岁" },
		{ "benefit.elderly_band2_fen", PARAMS_FEN, "元" },
		{ "benefit.elderly_band5_min_age", PARAMS_INT, "周岁" },
		{ "benefit.elderly_band5_fen", PARAMS_FEN, "元" },
		{ "benefit.elderly_from_birthday_month", PARAMS_BOOL, "" },
		{ "benefit.elderly_low_income_only", PARAMS_BOOL, "" },
		{ "pay.due_day", PARAMS_INT, "日" },
		{ "pay.yearly_month", PARAMS_INT, "月" },
		{ "pay.recovery_max_bp", PARAMS_BP, "%" },
	};
	const int64_t dflt[] = {
		b.disab_living_edge, b.disab_care_grade2_bp, b.disab_care_mental34,
		b.disab_care_mental34_bp, b.tekun_care_fen[BENEFIT_CARE_SELF],
		b.tekun_care_fen[BENEFIT_CARE_HALF], b.tekun_care_fen[BENEFIT_CARE_FULL],
		b.orphan_topup, b.elderly[0].min_age, b.elderly[1].min_age, b.elderly[1].fen,
		b.elderly[4].min_age, b.elderly[4].fen, b.elderly_from_birthday_month,
		b.elderly_low_income_only, pp.due_day, pp.yearly_month, pp.recovery_max_bp,
	};
	assert_int_equal(DIB_ARRAY_LEN(t), DIB_ARRAY_LEN(dflt));
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		const params_def *d = must(t[i].key);
		if (d->type != t[i].type || d->dflt != dflt[i] || strcmp(d->unit, t[i].unit))
			fail_msg("%s: type %d default %lld unit \"%s\", want %d %lld \"%s\"", t[i].key,
				 (int)d->type, (long long)d->dflt, d->unit, (int)t[i].type,
				 (long long)dflt[i], t[i].unit);
	}
	/* the national numbers the keys carry */
	assert_int_equal(must("benefit.elderly_band1_min_age")->dflt, 80); /* 八十周岁以上 */
	assert_int_equal(must("pay.due_day")->dflt, 10);     /* S2 第三十一条: 10 日前 */
	assert_int_equal(must("pay.due_day")->max, 28);      /* every month has it */
	assert_int_equal(must("pay.yearly_month")->dflt, 9); /* seed 001: 9 月 */
	assert_int_equal(must("pay.recovery_max_bp")->max, 10000);
	assert_true(strstr(must("pay.recovery_max_bp")->source, "[C]") != NULL);
	/* one rhythm per payroll program, its choices payperiod.h's codes */
	size_t rhythms = 0;
	for (size_t i = 0; i < params_count(); i++)
		rhythms += !strncmp(params_at(i)->key, "pay.rhythm.", 11);
	assert_int_equal(rhythms, PAY_PROGRAMS);
	for (int i = 0; i < PAY_PROGRAMS; i++) {
		char key[PARAMS_KEY_MAX];
		snprintf(key, sizeof key, "pay.rhythm.%s", pay_program_code(i));
		const params_def *d = must(key);
		assert_int_equal(d->type, PARAMS_ENUM);
		assert_int_equal(d->nchoices, PAY_RHYTHMS);
		assert_int_equal(d->dflt, pp.rhythm[i]);
		assert_non_null(strstr(d->source, "seed 001；§1.13 S2 第三十一条"));
		for (int r = 0; r < PAY_RHYTHMS; r++) {
			assert_string_equal(d->choices[r].code, pay_rhythm_code((enum pay_rhythm)r));
			assert_string_equal(d->choices[r].name, pay_rhythm_name((enum pay_rhythm)r));
		}
	}
	/* typed by the Chinese name, stored by the code */
	params_value v = { .n = -1 };
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(params_parse(must("pay.rhythm.dibao_rural"), "按季", strlen("按季"), &v,
				      &err), DIB_OK);
	assert_string_equal(v.code, "quarterly");
	assert_int_equal(params_parse(must("pay.due_day"), "29", 2, &v, &err), DIB_EINVAL);
	assert_non_null(strstr(err.msg, "超出范围 1–28 日"));
	dib_err_clear(&err);
	assert_int_equal(params_parse(must("benefit.disab_care_grade2_bp"), "50%", 3, &v, &err),
			 DIB_OK);
	assert_int_equal(v.n, 5000);
	assert_int_equal(params_parse(must("benefit.disab_care_grade2_bp"), "101%", 4, &v, &err),
			 DIB_EINVAL);
}

/* What may be typed, what it means, how it is stored and shown. */
static void test_params__parse_accepts(void **state)
{
	(void)state;
	static const struct {
		const char *key, *in;
		int64_t n;
		const char *stored, *shown;
	} t[] = {
		{ "amount.minimum_fen", "10", 1000, "1000", "10.00" },
		{ "amount.minimum_fen", " ¥12.5 ", 1250, "1250", "12.50" },
		{ "amount.minimum_fen", "1,000元", 100000, "100000", "1,000.00" },
		{ "amount.minimum_fen", "0", 0, "0", "0.00" },
		{ "amount.band1_fen", "10000", 1000000, "1000000", "10,000.00" },
		{ "edge.income_bp", "150%", 15000, "15000", "150%" },
		{ "edge.income_bp", "150", 15000, "15000", "150%" },
		{ "edge.income_bp", "137.5", 13750, "13750", "137.5%" },
		{ "review.spot_check_bp", "30％", 3000, "3000", "30%" },
		{ "review.spot_check_bp", "0.05%", 5, "5", "0.05%" },
		{ "review.spot_check_bp", "100%", 10000, "10000", "100%" },
		{ "review.spot_check_bp", "12.34 %", 1234, "1234", "12.34%" },
		{ "income.employment_cost_bp", "10%", 1000, "1000", "10%" },
		{ "income.period_months", "6", 6, "6", "6" },
		{ "income.period_months", " 12\t", 12, "12", "12" },
		{ "limit.case_workdays", "30", 30, "30", "30" },
		{ "limit.public_notice_days", "7", 7, "7", "7" },
		{ "phaseout.max_months", "0", 0, "0", "0" },
		{ "addon.elderly.min_age", "70", 70, "70", "70" },
		{ "asset.vehicle_allowed", "true", 1, "true", "true" },
		{ "asset.vehicle_allowed", "FALSE", 0, "false", "false" },
		{ "asset.vehicle_allowed", "是", 1, "true", "true" },
		{ "asset.vehicle_allowed", "否", 0, "false", "false" },
		{ "asset.vehicle_allowed", "1", 1, "true", "true" },
		{ "asset.vehicle_allowed", "no", 0, "false", "false" },
		{ "amount.rounding_unit", "jiao", 1, "jiao", "jiao" },
		{ "amount.rounding_unit", "元", 2, "yuan", "yuan" },
		{ "amount.rounding_mode", "DOWN", 2, "down", "down" },
		{ "amount.rounding_mode", "四舍五入", 0, "half_up", "half_up" },
		{ "amount.method", "分档法", 1, "banded", "banded" },
		{ "addon.minor.method", "share", 1, "share", "share" },
		{ "workflow.confirm_authority", "township", 1, "township", "township" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		const params_def *d = must(t[i].key);
		params_value v = { .n = -99 };
		dib_err err;
		dib_err_clear(&err);
		dib_code rc = params_parse(d, t[i].in, strlen(t[i].in), &v, &err);
		if (rc)
			fail_msg("%s = \"%s\": %s", t[i].key, t[i].in, err.msg);
		if (v.n != t[i].n)
			fail_msg("%s = \"%s\": %lld, want %lld", t[i].key, t[i].in, (long long)v.n,
				 (long long)t[i].n);
		char a[PARAMS_TEXT_MAX], b[PARAMS_TEXT_MAX];
		assert_string_equal(params_encode(d, v, a), t[i].stored);
		assert_string_equal(params_format(d, v, b), t[i].shown);
		if (d->type == PARAMS_ENUM)
			assert_string_equal(v.code, t[i].stored);
		/* the stored form decodes, the shown form parses, to the same value */
		params_value back = { .n = -1 };
		assert_int_equal(params_decode(d, a, &back, &err), DIB_OK);
		assert_int_equal(back.n, v.n);
		back.n = -1;
		assert_int_equal(params_parse(d, b, strlen(b), &back, &err), DIB_OK);
		assert_int_equal(back.n, v.n);
	}
}

/* What is refused, with the Chinese message naming the parameter. */
static void test_params__parse_refuses(void **state)
{
	(void)state;
	static const struct {
		const char *key, *in, *part;
	} t[] = {
		{ "amount.minimum_fen", "abc", "参数 \"最低发放额 (保底，每户每月)\" (amount.minimum_fen) 的值 \"abc\" 不正确，应为金额" },
		{ "amount.minimum_fen", "-5", "不正确，应为金额" },
		{ "amount.minimum_fen", "1.234", "不正确，应为金额" },
		{ "amount.minimum_fen", "1000.01", "超出范围 0.00–1,000.00 元" },
		{ "amount.minimum_fen", "", "的值不能为空" },
		{ "amount.minimum_fen", " \xe3\x80\x80 ", "的值不能为空" },
		{ "edge.income_bp", "1.5", "超出范围 100%–300%" },
		{ "edge.income_bp", "301%", "超出范围" },
		{ "edge.income_bp", "12.345", "应为百分比" },
		{ "edge.income_bp", "-10", "应为百分比" },
		{ "edge.income_bp", "%", "应为百分比" },
		{ "edge.income_bp", "1.", "应为百分比" },
		{ "edge.income_bp", ".5", "应为百分比" },
		{ "review.spot_check_bp", "100.01", "超出范围 0%–100%" },
		{ "income.period_months", "9", "只能是 6、12 个月" },
		{ "income.period_months", "24", "超出范围" },
		{ "income.period_months", "6.5", "应为非负整数" },
		{ "limit.case_workdays", "0", "超出范围 1–90 个工作日" },
		{ "limit.case_workdays", "+30", "应为非负整数" },
		{ "limit.case_workdays", "3O", "应为非负整数" },
		{ "limit.case_workdays", "9999999999999", "应为非负整数" },
		{ "phaseout.max_months", "7", "超出范围 0–6 个月" },
		{ "addon.disabled.max_grade", "5", "超出范围 1–4 级" },
		{ "asset.vehicle_allowed", "maybe", "应为是或否" },
		{ "asset.vehicle_allowed", "2", "应为是或否" },
		{ "amount.rounding_unit", "cent", "不是可选值，可选: fen (分)、jiao (角)、yuan (元)" },
		{ "amount.rounding_mode", "half_even", "不是可选值" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		const params_def *d = must(t[i].key);
		params_value v = { .n = -99 };
		dib_err err;
		dib_err_clear(&err);
		dib_code rc = params_parse(d, t[i].in, strlen(t[i].in), &v, &err);
		if (rc != DIB_EINVAL)
			fail_msg("%s = \"%s\": accepted (%lld)", t[i].key, t[i].in, (long long)v.n);
		if (!strstr(err.msg, t[i].part))
			fail_msg("%s = \"%s\": message \"%s\" lacks \"%s\"", t[i].key, t[i].in,
				 err.msg, t[i].part);
		assert_int_equal(v.n, -99); /* untouched */
	}
}

/* The stored form is read strictly: only what params_encode writes. */
static void test_params__decode_is_strict(void **state)
{
	(void)state;
	static const struct {
		const char *key, *stored;
		bool ok;
		int64_t n;
	} t[] = {
		{ "amount.minimum_fen", "1000", true, 1000 },
		{ "amount.minimum_fen", "10.00", false, 0 },  /* the shown form is not stored */
		{ "amount.minimum_fen", "¥10", false, 0 },
		{ "amount.minimum_fen", "100001", false, 0 }, /* out of range */
		{ "edge.income_bp", "15000", true, 15000 },
		{ "edge.income_bp", "150%", false, 0 },
		{ "asset.vehicle_allowed", "true", true, 1 },
		{ "asset.vehicle_allowed", "是", false, 0 },
		{ "asset.vehicle_allowed", "1", false, 0 },
		{ "amount.rounding_unit", "yuan", true, 2 },
		{ "amount.rounding_unit", "元", false, 0 },
		{ "amount.rounding_unit", "YUAN", false, 0 },
		{ "income.period_months", "12", true, 12 },
		{ "income.period_months", "7", false, 0 },
		{ "income.period_months", "", false, 0 },
		{ "limit.case_workdays", " 30", false, 0 },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		const params_def *d = must(t[i].key);
		params_value v = { .n = -99 };
		dib_err err;
		dib_err_clear(&err);
		dib_code rc = params_decode(d, t[i].stored, &v, &err);
		if ((rc == DIB_OK) != t[i].ok)
			fail_msg("%s stored \"%s\": %s", t[i].key, t[i].stored,
				 rc ? err.msg : "accepted");
		if (t[i].ok)
			assert_int_equal(v.n, t[i].n);
		else
			assert_int_equal(v.n, -99);
	}
	dib_err err;
	dib_err_clear(&err);
	params_value v;
	assert_int_equal(params_decode(must("amount.minimum_fen"), NULL, &v, &err), DIB_EINVAL);
	assert_non_null(strstr(err.msg, "存储值"));
}

/* Every parameter's default survives both text forms. */
static void test_params__round_trip_of_every_default(void **state)
{
	(void)state;
	for (size_t i = 0; i < params_count(); i++) {
		const params_def *d = params_at(i);
		params_value v = params_default(d), back = { .n = -1 };
		char a[PARAMS_TEXT_MAX], b[PARAMS_TEXT_MAX];
		dib_err err;
		dib_err_clear(&err);
		if (params_decode(d, params_encode(d, v, a), &back, &err) || back.n != v.n ||
		    strcmp(back.text, v.text))
			fail_msg("%s: stored \"%s\" does not read back (%s)", d->key, a, err.msg);
		/* a text's default is none, which is not typed: its own test */
		if (d->type == PARAMS_TEXT)
			continue;
		back.n = -1;
		params_format(d, v, b);
		if (params_parse(d, b, strlen(b), &back, &err) || back.n != v.n)
			fail_msg("%s: shown \"%s\" does not read back (%s)", d->key, b, err.msg);
		/* and the edges of the range */
		params_value lo = { .n = d->min }, hi = { .n = d->max };
		if (d->type == PARAMS_ENUM) {
			lo.code = d->choices[0].code;
			hi.code = d->choices[d->nchoices - 1].code;
		}
		if (!d->only) {
			assert_int_equal(params_check(d, lo, &err), DIB_OK);
			assert_int_equal(params_check(d, hi, &err), DIB_OK);
			lo.n--;
			hi.n++;
			dib_err_clear(&err);
			assert_int_equal(params_check(d, lo, &err), DIB_EINVAL);
			dib_err_clear(&err);
			assert_int_equal(params_check(d, hi, &err), DIB_EINVAL);
			assert_non_null(strstr(err.msg, d->key));
		}
	}
}

/* The payer account (付款账号): digits kept as text, leading zeros and
 * all, typed as clerks copy it; anything else refused with one sentence
 * naming the parameter; the stored form is the digits, "" none. */
static void test_params__text_payer_account(void **state)
{
	(void)state;
	const params_def *d = must("pay.payer_account");
	assert_int_equal(d->type, PARAMS_TEXT);
	assert_string_equal(params_type_code(d->type), "text");
	assert_string_equal(params_default(d).text, "");
	assert_int_equal(params_default(d).n, 0);
	static const struct {
		const char *typed;
		const char *want; /* NULL: refused */
	} t[] = {
		{ "410500012345", "410500012345" },
		{ "0410500012345", "0410500012345" },               /* a leading zero stays */
		{ "  4105 0001 2345 6789 ", "4105000123456789" },   /* groups of four */
		{ "\xef\xbc\x94\xef\xbc\x91\xef\xbc\x90\xef\xbc\x95" "0001\xe3\x80\x80" "2345", "410500012345" }, /* ４１０５, U+3000 */
		{ "12345678", "12345678" },                         /* 8 digits: the shortest */
		{ "12345678901234567890123456789012", "12345678901234567890123456789012" }, /* 32 */
		{ "1234567", NULL },                                /* too short */
		{ "123456789012345678901234567890123", NULL },      /* 33: too long */
		{ "1234567890123456789012345678901234567890123456789", NULL }, /* past the buffer */
		{ "4105-0001-2345", NULL },
		{ "41050001234X", NULL },
		{ "", NULL },
		{ "   ", NULL },
		{ "-41050001234", NULL },
		{ "4105.00012345", NULL },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		params_value v = { .n = -99, .text = "untouched" };
		dib_err err;
		dib_err_clear(&err);
		dib_code rc = params_parse(d, t[i].typed, strlen(t[i].typed), &v, &err);
		if (t[i].want) {
			if (rc)
				fail_msg("\"%s\" refused: %s", t[i].typed, err.msg);
			assert_string_equal(v.text, t[i].want);
			assert_int_equal(v.n, 0);
			assert_null(v.code);
			char stored[PARAMS_TEXT_MAX], shown[PARAMS_TEXT_MAX];
			assert_string_equal(params_encode(d, v, stored), t[i].want);
			assert_string_equal(params_format(d, v, shown), t[i].want);
			params_value back = { .n = -1 };
			assert_int_equal(params_decode(d, stored, &back, &err), DIB_OK);
			assert_string_equal(back.text, t[i].want);
		} else {
			if (rc != DIB_EINVAL)
				fail_msg("\"%s\" accepted as \"%s\"", t[i].typed, v.text);
			if (!strstr(err.msg, "pay.payer_account") ||
			    (t[i].typed[strspn(t[i].typed, " ")] &&
			     !strstr(err.msg, "不正确，应为 8 至 32 位数字")) ||
			    (!t[i].typed[strspn(t[i].typed, " ")] && !strstr(err.msg, "不能为空")))
				fail_msg("\"%s\": message \"%s\"", t[i].typed, err.msg);
			assert_string_equal(v.text, "untouched");
			assert_int_equal(v.n, -99);
		}
	}
	/* the stored form is read strictly: the digits or "" (none), never
	 * what only a clerk may type */
	static const struct {
		const char *stored;
		bool ok;
	} st[] = {
		{ "", true }, { "410500012345", true }, { "4105 00012345", false },
		{ "1234567", false }, { "41050001234X", false },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(st); i++) {
		params_value v = { .n = -99 };
		dib_err err;
		dib_err_clear(&err);
		dib_code rc = params_decode(d, st[i].stored, &v, &err);
		if ((rc == DIB_OK) != st[i].ok)
			fail_msg("stored \"%s\": %s", st[i].stored, rc ? err.msg : "accepted");
	}
	/* params_check: none is valid (the default), letters and lengths not */
	params_value v = { .n = 0 };
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(params_check(d, v, &err), DIB_OK);
	snprintf(v.text, sizeof v.text, "%s", "12a45678");
	assert_int_equal(params_check(d, v, &err), DIB_EINVAL);
	assert_non_null(strstr(err.msg, "\"12a45678\" 不正确"));
}

static void test_params__rounding_of_a_pair(void **state)
{
	(void)state;
	const params_def *u = must("amount.rounding_unit"), *m = must("amount.rounding_mode");
	static const struct {
		const char *unit, *mode;
		enum money_unit wu;
		enum money_mode wm;
	} t[] = {
		{ "fen", "half_up", MONEY_FEN, MONEY_HALF_UP },
		{ "jiao", "up", MONEY_JIAO, MONEY_UP },
		{ "yuan", "down", MONEY_YUAN, MONEY_DOWN },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		params_value a, b;
		money_rounding r;
		dib_err err;
		dib_err_clear(&err);
		assert_int_equal(params_parse(u, t[i].unit, strlen(t[i].unit), &a, &err), DIB_OK);
		assert_int_equal(params_parse(m, t[i].mode, strlen(t[i].mode), &b, &err), DIB_OK);
		assert_int_equal(params_rounding_of(a, b, &r, &err), DIB_OK);
		assert_int_equal(r.unit, t[i].wu);
		assert_int_equal(r.mode, t[i].wm);
	}
	params_value none = { .n = 0 };
	money_rounding r;
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(params_rounding_of(none, none, &r, &err), DIB_EINVAL);
}

/* A rural standard of yuan per person per year, paid monthly (domain.md:
 * 3150 → 4310 元). */
static void test_params__standard_monthly(void **state)
{
	(void)state;
	static const struct {
		dib_fen amount;
		const char *unit;
		enum money_unit u;
		enum money_mode m;
		dib_fen want;
	} t[] = {
		{ 431000, "person_year", MONEY_FEN, MONEY_HALF_UP, 35917 },  /* 359.1666… */
		{ 431000, "person_year", MONEY_FEN, MONEY_DOWN, 35916 },
		{ 431000, "person_year", MONEY_FEN, MONEY_UP, 35917 },
		{ 431000, "person_year", MONEY_JIAO, MONEY_HALF_UP, 35920 },
		{ 431000, "person_year", MONEY_YUAN, MONEY_HALF_UP, 35900 },
		{ 431000, "person_year", MONEY_YUAN, MONEY_UP, 36000 },
		{ 431000, "person_year", MONEY_YUAN, MONEY_DOWN, 35900 },
		{ 315000, "person_year", MONEY_FEN, MONEY_HALF_UP, 26250 },  /* exact */
		{ 315000, "person_year", MONEY_YUAN, MONEY_HALF_UP, 26300 }, /* 262.50 → 263 */
		{ 315000, "person_year", MONEY_YUAN, MONEY_DOWN, 26200 },
		{ 52800, "person_month", MONEY_YUAN, MONEY_UP, 52800 },      /* as it is */
		{ 6, "person_year", MONEY_FEN, MONEY_HALF_UP, 1 },           /* 0.5 fen */
		{ 5, "person_year", MONEY_FEN, MONEY_HALF_UP, 0 },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		money_rounding r = { t[i].u, t[i].m };
		dib_fen got = -1;
		dib_err err;
		dib_err_clear(&err);
		assert_int_equal(params_standard_monthly(t[i].amount, t[i].unit, r, &got, &err), DIB_OK);
		if (got != t[i].want)
			fail_msg("case %zu: %lld, want %lld", i, (long long)got, (long long)t[i].want);
	}
	money_rounding r = { MONEY_FEN, MONEY_HALF_UP };
	dib_fen got = -1;
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(params_standard_monthly(100000, "once", r, &got, &err), DIB_EINVAL);
	assert_non_null(strstr(err.msg, "\"once\" 没有月标准"));
	assert_int_equal(got, -1);
	dib_err_clear(&err);
	assert_int_equal(params_standard_monthly(100000, NULL, r, &got, &err), DIB_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_params__catalogue_invariants),
		cmocka_unit_test(test_params__issue4_keys_and_national_defaults),
		cmocka_unit_test(test_params__benefit_and_pay_keys),
		cmocka_unit_test(test_params__parse_accepts),
		cmocka_unit_test(test_params__parse_refuses),
		cmocka_unit_test(test_params__decode_is_strict),
		cmocka_unit_test(test_params__round_trip_of_every_default),
		cmocka_unit_test(test_params__text_payer_account),
		cmocka_unit_test(test_params__rounding_of_a_pair),
		cmocka_unit_test(test_params__standard_monthly),
	};
	return cmocka_run_group_tests_name("core params", tests, NULL, NULL);
}
