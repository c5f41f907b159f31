/*
 * assess_assets.c — the asset tests of the economic assessment (家庭财产,
 * S1 第十四条), the 低保边缘 income line and the measured class.
 *
 * The national rules set no asset limit (S5 第十条 leaves them to the
 * province or city), so every test here is driven by assess_params and
 * each failure is reported as a finding with its numbers and its basis —
 * a clerk reads why, not just that. Assets the clerk marks as necessary
 * for the household's living or production are exempt from every test
 * (S1 第十四条 "必需财产可以豁免").
 *
 * Thread-safe: pure functions; memory only from the caller's arena.
 */
#include "util/dib.h"
#include "core/assess.h"
#include "core/assess_int.h"

#define LAW_S1 "《最低生活保障审核确认办法》"

/* ---- assets ---- */

static dib_code assets_check(const assess_params *p, const assess_household *h,
			     dib_err *err)
{
	dib_code rc;

	for (size_t i = 0; i < h->nassets; i++) {
		const assess_asset_item *it = &h->assets[i];
		if ((rc = assess__item_check(p, h, "财产", i, it->member, it->value_fen, ASSESS_PERIOD,
				     0, err)))
			return rc;
		if (it->kind < ASSESS_ASSET_DEPOSIT || it->kind > ASSESS_ASSET_OTHER)
			return dib_err_set(err, DIB_EINVAL, "第 %zu 项财产的类别 %d 不正确",
					   i + 1, it->kind);
		if (it->kind == ASSESS_ASSET_VEHICLE &&
		    (it->vehicle < ASSESS_VEH_CAR || it->vehicle > ASSESS_VEH_DISABLED))
			return dib_err_set(err, DIB_EINVAL, "第 %zu 项财产的车辆类型 %d 不正确",
					   i + 1, it->vehicle);
		if (it->area_m2x100 < 0 || it->area_m2x100 > INT64_C(100000000))
			return dib_err_set(err, DIB_EINVAL, "第 %zu 项财产的面积不正确", i + 1);
	}
	return DIB_OK;
}

static bool vehicle_exempt(const assess_params *p, int v)
{
	return (v == ASSESS_VEH_MOTORCYCLE && p->vehicle_exempt_motorcycle) ||
	       (v == ASSESS_VEH_EBIKE && p->vehicle_exempt_ebike) ||
	       (v == ASSESS_VEH_DISABLED && p->vehicle_exempt_disabled);
}

/* Collects findings; failure to allocate is sticky like the sheet's. */
typedef struct findings {
	amount_sheet *s; /* for its arena and failure flag */
	assess_finding *v;
	size_t n, cap;
	const char *basis;
} findings;

static void finding(findings *f, enum assess_test t, int item, const char *reason)
{
	if (f->s->failed)
		return;
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 8;
		assess_finding *v = dib_arena_alloc(f->s->a, cap * sizeof *v);
		if (!v) {
			f->s->failed = true;
			return;
		}
		if (f->n)
			memcpy(v, f->v, f->n * sizeof *v);
		f->v = v;
		f->cap = cap;
	}
	f->v[f->n++] = (assess_finding){t, item, reason, f->basis};
}

/* The item's description, sanitised, or the fallback. */
static const char *desc(amount_sheet *s, const assess_asset_item *it, const char *fallback)
{
	char q[DIB_QUOTE_MAX];

	if (!it->item || !*it->item)
		return fallback;
	return amount_sheet_printf(s, "%s", dib_err_quote(it->item, strlen(it->item), q, sizeof q));
}

static void test_vehicles(const assess_params *p, const assess_household *h,
			  findings *f, assess_assets_result *r)
{
	char a[MONEY_STR], b[MONEY_STR], list[400] = "";
	size_t used = 0;

	for (size_t i = 0; i < h->nassets; i++) {
		const assess_asset_item *it = &h->assets[i];
		if (it->kind != ASSESS_ASSET_VEHICLE || it->necessary ||
		    vehicle_exempt(p, it->vehicle))
			continue;
		r->vehicles++;
		int w = snprintf(list + used, sizeof list - used, "%s“%s”", used ? "、" : "",
				 desc(f->s, it, "机动车"));
		if (w > 0 && (size_t)w < sizeof list - used)
			used += (size_t)w;
	}
	if (r->vehicles > p->vehicles_allowed) {
		finding(f, ASSESS_TEST_VEHICLE, -1,
			amount_sheet_printf(f->s, "家庭有机动车 %d 辆（%s），超过允许的 %d 辆%s",
					    r->vehicles, list, p->vehicles_allowed,
					    p->vehicle_exempt_disabled ? "（残疾人代步车等豁免车型除外）"
								       : ""));
		return;
	}
	if (p->vehicle_value_cap_fen == 0)
		return;
	for (size_t i = 0; i < h->nassets; i++) {
		const assess_asset_item *it = &h->assets[i];
		if (it->kind != ASSESS_ASSET_VEHICLE || it->necessary ||
		    vehicle_exempt(p, it->vehicle) || it->value_fen <= p->vehicle_value_cap_fen)
			continue;
		finding(f, ASSESS_TEST_VEHICLE, (int)i,
			amount_sheet_printf(f->s, "车辆“%s”价值 %s 元，超过上限 %s 元",
					    desc(f->s, it, "机动车"), money_format(it->value_fen, a),
					    money_format(p->vehicle_value_cap_fen, b)));
	}
}

static void test_dwellings(const assess_params *p, const assess_household *h,
			   findings *f, assess_assets_result *r)
{
	int64_t area = 0;

	for (size_t i = 0; i < h->nassets; i++) {
		const assess_asset_item *it = &h->assets[i];
		if (it->kind == ASSESS_ASSET_DWELLING && !it->necessary) {
			r->dwellings++;
			area += it->area_m2x100;
		}
	}
	if (r->dwellings <= p->dwellings_allowed)
		return;
	int64_t pc = area / h->persons; /* m² × 100 per person, rounded down */
	if (p->dwelling_exempt_area_m2x100 > 0 && pc < p->dwelling_exempt_area_m2x100)
		return; /* 人均住房面积低于豁免线 (上海口径) */
	finding(f, ASSESS_TEST_DWELLING, -1,
		amount_sheet_printf(f->s, "家庭有居住用房 %d 套（人均 %lld.%02lld 平方米），超过允许的 %d 套",
				    r->dwellings, (long long)(pc / 100), (long long)(pc % 100),
				    p->dwellings_allowed));
}

/* The tests on single items: non-residential property, business, machinery. */
static void test_items(const assess_params *p, const assess_household *h, findings *f)
{
	for (size_t i = 0; i < h->nassets; i++) {
		const assess_asset_item *it = &h->assets[i];
		if (it->necessary)
			continue;
		if (it->kind == ASSESS_ASSET_NONRESIDENTIAL && p->nonresidential_fails &&
		    !it->sole_home)
			finding(f, ASSESS_TEST_NONRESIDENTIAL, (int)i,
				amount_sheet_printf(f->s, "有非居住用途不动产“%s”",
						    desc(f->s, it, "非住宅房屋")));
		else if (it->kind == ASSESS_ASSET_BUSINESS &&
			 (p->business_rule == ASSESS_BUSINESS_ANY ||
			  (p->business_rule == ASSESS_BUSINESS_EMPLOYER && it->employs)))
			finding(f, ASSESS_TEST_BUSINESS, (int)i,
				amount_sheet_printf(f->s, it->employs ? "有雇工经营的市场主体“%s”"
								      : "有市场主体登记“%s”",
						    desc(f->s, it, "工商登记")));
		else if (it->kind == ASSESS_ASSET_MACHINERY && p->machinery_fails)
			finding(f, ASSESS_TEST_MACHINERY, (int)i,
				amount_sheet_printf(f->s, "有大型农机具“%s”",
						    desc(f->s, it, "大型农机具")));
	}
}

dib_code assess_assets(const assess_params *p, const assess_household *h,
		       dib_fen standard_fen, dib_arena *a,
		       assess_assets_result *out, dib_err *err)
{
	amount_sheet s;
	assess_assets_result r;
	findings f;
	char b1[MONEY_STR], b2[MONEY_STR], b3[MONEY_STR];
	dib_code rc;

	if ((rc = assess_params_check(p, err)) || (rc = assess__household_check(h, err)) ||
	    (rc = assets_check(p, h, err)))
		return rc;
	if (standard_fen <= 0 || standard_fen > AMOUNT_MAX_FEN)
		return dib_err_set(err, DIB_EINVAL, "低保标准 %lld 分不正确", (long long)standard_fen);
	memset(&r, 0, sizeof r);
	amount_sheet_init(&s, a);
	f = (findings){&s, NULL, 0, 0, NULL};
	f.basis = amount_sheet_printf(&s, "%s第十四条；%s", LAW_S1,
				      p->asset_rules && *p->asset_rules ? p->asset_rules
									: ASSESS__DEFAULT_ASSET_RULES);

	for (size_t i = 0; i < h->nassets; i++) {
		const assess_asset_item *it = &h->assets[i];
		if (!it->necessary && (it->kind == ASSESS_ASSET_DEPOSIT ||
				       it->kind == ASSESS_ASSET_FINANCIAL))
			r.financial_fen += it->value_fen;
	}
	if (p->financial_months > 0) {
		r.financial_cap_fen = standard_fen * p->financial_months * h->persons;
		if (r.financial_fen > r.financial_cap_fen)
			finding(&f, ASSESS_TEST_FINANCIAL, -1,
				amount_sheet_printf(&s, "家庭金融资产 %s 元，超过人均 %d 个月低保标准"
							"（%s × %d × %d 人 = %s 元）",
						    money_format(r.financial_fen, b1),
						    p->financial_months, money_format(standard_fen, b2),
						    p->financial_months, h->persons,
						    money_format(r.financial_cap_fen, b3)));
	}
	test_vehicles(p, h, &f, &r);
	test_dwellings(p, h, &f, &r);
	test_items(p, h, &f);
	if (s.failed)
		return dib_err_nomem(err);
	r.failed = f.v;
	r.nfailed = f.n;
	r.pass = f.n == 0;
	*out = r;
	return DIB_OK;
}

/* ---- 低保边缘 and the class ---- */

dib_fen assess_edge_line(const assess_params *p, dib_fen standard_fen)
{
	/* Rounded up: income < ceil(x) exactly when income < x, for whole fen. */
	return money_div(standard_fen * p->edge_bp, 10000, (money_rounding){MONEY_FEN, MONEY_UP});
}

enum assess_class assess_classify(const assess_params *p, dib_fen per_capita_fen,
				  dib_fen standard_fen, bool assets_pass,
				  bool edge_assets_pass)
{
	if (per_capita_fen < standard_fen && assets_pass)
		return ASSESS_DIBAO;
	if (per_capita_fen < assess_edge_line(p, standard_fen) && edge_assets_pass)
		return ASSESS_EDGE;
	return ASSESS_ABOVE;
}
