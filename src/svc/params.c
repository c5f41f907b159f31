/*
 * params.c (svc) — local parameters: resolution county > city > province >
 * national default, the list with provenance, setting a value (a new date
 * or a correction of a future one) with its audit record, and a key's
 * history (params.h). Authorisation first, then the checks, then one
 * transaction.
 * Thread-safety: as the store connection.
 */
#include "util/dib.h"
#include "store/store_audit.h"
#include "store/store_region.h"
#include "svc/household.h"
#include "svc/params.h"

#include <jansson.h>

const char *params_origin_name(enum params_origin o)
{
	static const char *const names[] = { "国家默认", "省", "市", "县" };
	return (unsigned)o < DIB_ARRAY_LEN(names) ? names[o] : "?";
}

const char *params_origin_code(enum params_origin o)
{
	static const char *const codes[] = { "default", "province", "city", "county" };
	return (unsigned)o < DIB_ARRAY_LEN(codes) ? codes[o] : "?";
}

/* ---- regions and who may read them ---- */

static dib_code parse_region(const char *label, const char *text, region_code *out,
			     dib_err *err)
{
	const char *t = text ? text : "";
	if (!*t)
		return dib_err_set(err, DIB_EINVAL, "缺少%s", label);
	return region_parse(t, strlen(t), out, err);
}

dib_code params_read_check(const struct authz_subject *who, const region_code *region,
			   dib_err *err)
{
	if (!who)
		return DIB_OK;
	dib_code rc = authz_check(who, AUTHZ_REGION_READ, NULL, err);
	if (rc)
		return rc;
	const char *mine = who->region_code ? who->region_code : "";
	region_code root;
	dib_err scratch;
	dib_err_clear(&scratch);
	/* the values above a user govern his work; siblings' do not concern him */
	if (!region_parse(mine, strlen(mine), &root, &scratch) &&
	    (region_contains(&root, region) || region_contains(region, &root)))
		return DIB_OK;
	dib_err_set(err, DIB_EPERM, "区划 %s 不在您的管辖区域内", region->code);
	dib_err_detail(err, "user %s region %s reads %s", who->username ? who->username : "?",
		       mine, region->code);
	return DIB_EPERM;
}

/* The scopes whose values apply to r, the most specific first: its county
 * (a township or village means its county), city and province. A city
 * without counties (东莞 4419) numbers townships under the city, so its
 * chain starts at the city. */
static size_t scopes_of(const region_code *r, region_code chain[3])
{
	region_code c = *r;
	while (c.level > REGION_COUNTY) {
		region_code up;
		if (!region_parent(&c, &up))
			break;
		c = up;
	}
	size_t n = 0;
	chain[n++] = c;
	while (n < 3 && region_parent(&chain[n - 1], &chain[n]))
		n++;
	return n;
}

static enum params_origin origin_of(const char *scope)
{
	region_code r;
	dib_err scratch;
	dib_err_clear(&scratch);
	if (region_parse(scope, strlen(scope), &r, &scratch))
		return PARAMS_ORIGIN_DEFAULT;
	switch (r.level) {
	case REGION_PROVINCE: return PARAMS_ORIGIN_PROVINCE;
	case REGION_CITY: return PARAMS_ORIGIN_CITY;
	default: return PARAMS_ORIGIN_COUNTY;
	}
}

static dib_code unknown_key(const char *key, dib_err *err)
{
	char q[DIB_QUOTE_MAX];
	const char *k = key ? key : "";
	return dib_err_set(err, DIB_EINVAL, "未知参数 \"%s\"", dib_err_quote(k, strlen(k), q, sizeof q));
}

/* Fills *e from a stored row (or the default when row is NULL). */
static dib_code effective_of(const params_def *d, const store_param *row,
			     struct params_effective *e, dib_err *err)
{
	memset(e, 0, sizeof *e);
	e->def = d;
	if (!row) {
		e->value = params_default(d);
		return DIB_OK;
	}
	dib_err probe;
	dib_err_clear(&probe);
	if (params_decode(d, row->value, &e->value, &probe)) {
		dib_err_set(err, DIB_EDB, "%s (区划 %s，自 %04d-%02d-%02d 起)", probe.msg, row->scope,
			    row->effective_from.year, row->effective_from.month,
			    row->effective_from.day);
		return DIB_EDB;
	}
	e->origin = origin_of(row->scope);
	memcpy(e->scope, row->scope, sizeof e->scope);
	e->effective_from = row->effective_from;
	e->revision = row->revision;
	e->decided_on = row->decided_on;
	e->document = row->document;
	return DIB_OK;
}

/* The rows in force on on for r's scopes, key NULL for every key. */
static dib_code rows_in_force(struct store *s, const region_code *r, const char *key,
			      dib_date on, dib_arena *a, store_param **rows, size_t *n,
			      dib_err *err)
{
	region_code chain[3];
	size_t k = scopes_of(r, chain);
	const char *scopes[3];
	for (size_t i = 0; i < k; i++)
		scopes[i] = chain[i].code;
	return store_param_in_force(s, scopes, k, key, on, a, rows, n, err);
}

dib_code params_resolve(struct store *s, const char *region, const char *key, dib_date on,
			dib_arena *a, struct params_effective *out, dib_err *err)
{
	const params_def *d = params_find(key);
	if (!d)
		return unknown_key(key, err);
	region_code r;
	dib_code rc = parse_region("区划代码", region, &r, err);
	store_param *rows = NULL;
	size_t n = 0;
	if (!rc)
		rc = rows_in_force(s, &r, key, on, a, &rows, &n, err);
	struct params_effective e;
	if (!rc)
		rc = effective_of(d, n ? &rows[0] : NULL, &e, err);
	if (!rc)
		*out = e;
	return rc;
}

dib_code params_get(struct store *s, const char *region, const char *key, dib_date on,
		    params_value *out, dib_err *err)
{
	/* a few rows of a few bytes: a small arena of its own */
	dib_arena a;
	dib_arena_init(&a, 2048, 1u << 20);
	struct params_effective e;
	dib_code rc = params_resolve(s, region, key, on, &a, &e, err);
	if (!rc)
		*out = e.value;
	dib_arena_release(&a);
	return rc;
}

dib_code params_rounding(struct store *s, const char *region, const char *prefix,
			 dib_date on, money_rounding *out, dib_err *err)
{
	char ku[PARAMS_KEY_MAX], km[PARAMS_KEY_MAX];
	snprintf(ku, sizeof ku, "%s_unit", prefix ? prefix : "");
	snprintf(km, sizeof km, "%s_mode", prefix ? prefix : "");
	params_value u, m;
	dib_code rc = params_get(s, region, ku, on, &u, err);
	if (!rc)
		rc = params_get(s, region, km, on, &m, err);
	if (!rc)
		rc = params_rounding_of(u, m, out, err);
	return rc;
}

dib_code params_list(struct store *s, const struct authz_subject *who, const char *region,
		     dib_date on, dib_arena *a, struct params_effective **out, size_t *n,
		     dib_err *err)
{
	region_code r;
	dib_code rc = parse_region("区划代码", region, &r, err);
	if (!rc)
		rc = params_read_check(who, &r, err);
	store_param *rows = NULL;
	size_t k = 0;
	if (!rc)
		rc = rows_in_force(s, &r, NULL, on, a, &rows, &k, err);
	if (rc)
		return rc;
	size_t total = params_count();
	struct params_effective *v = dib_arena_calloc(a, total * sizeof *v);
	if (!v)
		return dib_err_nomem(err);
	for (size_t i = 0; !rc && i < total; i++) {
		const params_def *d = params_at(i);
		const store_param *row = NULL;
		/* rows come by key, the most specific scope first */
		for (size_t j = 0; !row && j < k; j++)
			if (!strcmp(rows[j].key, d->key))
				row = &rows[j];
		rc = effective_of(d, row, &v[i], err);
	}
	if (rc)
		return rc;
	*out = v;
	*n = total;
	return DIB_OK;
}

/* ---- setting ---- */

/* "YYYY-MM-DD" into *out, naming the field on error. */
static dib_code parse_date(const char *label, const char *text, dib_date *out, dib_err *err)
{
	const char *t = text ? text : "";
	dib_err e;
	dib_err_clear(&e);
	if (!*t)
		return dib_err_set(err, DIB_EINVAL, "缺少%s", label);
	if (date_parse(t, strlen(t), out, &e)) {
		char q[DIB_QUOTE_MAX];
		return dib_err_set(err, DIB_EINVAL, "%s \"%s\" 不是有效日期 (YYYY-MM-DD)", label,
				   dib_err_quote(t, strlen(t), q, sizeof q));
	}
	return DIB_OK;
}

/* The row as the audit record shows it. NULL on no memory. */
static json_t *row_json(const params_def *d, const store_param *p, params_value v)
{
	char shown[PARAMS_TEXT_MAX], from[DIB_DATE_STR], decided[DIB_DATE_STR];
	return json_pack("{s:s,s:s,s:s,s:i,s:s,s:s,s:s?,s:s?}", "scope", p->scope, "key", p->key,
			 "effective_from", date_format(p->effective_from, from), "revision",
			 p->revision, "value", params_format(d, v, shown), "stored", p->value,
			 "decided_on", p->decided_on.year ? date_format(p->decided_on, decided) : NULL,
			 "document", p->document);
}

static dib_code audit(struct store *s, const char *actor, const params_def *d,
		      const store_param *before, params_value bv, const store_param *after,
		      params_value av, dib_err *err)
{
	json_t *b = before ? row_json(d, before, bv) : NULL;
	json_t *t = row_json(d, after, av);
	char *bs = b ? json_dumps(b, JSON_COMPACT) : NULL;
	char *ts = t ? json_dumps(t, JSON_COMPACT) : NULL;
	dib_code rc;
	if (!ts || (before && !bs)) {
		rc = dib_err_nomem(err);
	} else {
		char id[REGION_LEN + PARAMS_KEY_MAX + DIB_DATE_STR + 4], from[DIB_DATE_STR];
		snprintf(id, sizeof id, "%s/%s/%s", after->scope, after->key,
			 date_format(after->effective_from, from));
		region_code r;
		char county[REGION_COUNTY_LEN + 1] = "";
		dib_err scratch;
		dib_err_clear(&scratch);
		if (!region_parse(after->scope, REGION_LEN, &r, &scratch))
			region_county(&r, county);
		store_audit_entry e = {
			.county = county,
			.actor = actor,
			.action = before ? "param.correct" : "param.set",
			.entity = "param",
			.entity_id = id,
			.before_json = bs,
			.after_json = ts,
			.reason = after->reason,
		};
		rc = store_audit_append(s, &e, NULL, err);
	}
	free(bs);
	free(ts);
	json_decref(b);
	json_decref(t);
	return rc;
}

/* The checks that need no database: *p filled (strings in a), *v the value. */
static dib_code check_set(const struct authz_subject *who, const params_def *d,
			  const struct params_set_req *r, dib_date today, dib_arena *a,
			  store_param *p, params_value *v, dib_err *err)
{
	region_code sc;
	dib_code rc = parse_region("参数的适用区划 (scope)", r->scope, &sc, err);
	if (!rc && sc.level > REGION_COUNTY)
		rc = dib_err_set(err, DIB_EINVAL, "参数只能按省、市、县设置，区划 %s 是%s级", sc.code,
				 region_level_name(sc.level));
	if (!rc && who)
		rc = authz_check(who, AUTHZ_PARAM_WRITE, sc.code, err);
	if (rc)
		return rc;
	memset(p, 0, sizeof *p);
	memcpy(p->scope, sc.code, sizeof p->scope);
	p->key = d->key;
	rc = params_parse(d, r->value, r->value ? strlen(r->value) : 0, v, err);
	if (!rc)
		rc = parse_date("生效日期", r->from, &p->effective_from, err);
	if (!rc && r->decided_on && *r->decided_on)
		rc = household_check_date("决定日期", r->decided_on, today, &p->decided_on, err);
	if (!rc)
		rc = household_check_text("文件号", r->document, PARAMS_DOCUMENT_MAX, false, a,
					  &p->document, err);
	if (!rc)
		rc = household_check_text("原因", r->reason, PARAMS_REASON_MAX, false, a,
					  &p->reason, err);
	return rc;
}

static dib_code scope_exists(struct store *s, const char *code, dib_arena *a, dib_err *err)
{
	store_region g;
	dib_err e;
	dib_err_clear(&e);
	dib_code rc = store_region_get(s, code, a, &g, &e);
	if (rc == DIB_ENOTFOUND)
		return dib_err_set(err, DIB_EINVAL, "区划 %s 不在区划表中", code);
	if (rc) {
		dib_err_set(err, rc, "%s", e.msg);
		dib_err_detail(err, "%s", e.detail);
	}
	return rc;
}

/* In the open transaction: the new row's revision, and the row it corrects. */
static dib_code revise(struct store *s, const params_def *d, store_param *p, dib_date today,
		       dib_arena *a, store_param *before, params_value *bv, bool *corrects,
		       dib_err *err)
{
	int revs = 0;
	dib_code rc = store_param_revisions(s, p->scope, p->key, p->effective_from, &revs, err);
	if (rc || revs == 0) {
		*corrects = false;
		return rc;
	}
	char from[DIB_DATE_STR];
	date_format(p->effective_from, from);
	if (date_cmp(p->effective_from, today) <= 0)
		return dib_err_set(err, DIB_ECONFLICT,
				   "参数 \"%s\" 在区划 %s 自 %s 起的取值已生效，不能更正；"
				   "如需调整，请以新的生效日期设置", d->name, p->scope, from);
	if (!p->reason)
		return dib_err_set(err, DIB_EINVAL,
				   "更正参数 \"%s\" 在区划 %s 自 %s 起的取值须填写原因", d->name,
				   p->scope, from);
	store_param *h = NULL;
	size_t n = 0;
	rc = store_param_history(s, p->scope, p->key, a, &h, &n, err);
	for (size_t i = n; !rc && i-- > 0;) {
		if (!date_cmp(h[i].effective_from, p->effective_from)) {
			*before = h[i];
			rc = params_decode(d, h[i].value, bv, err);
			break;
		}
	}
	p->revision = revs;
	*corrects = true;
	return rc;
}

dib_code params_set(struct store *s, const struct authz_subject *who, const char *actor,
		    const struct params_set_req *r, dib_date today,
		    struct params_set_result *out, dib_err *err)
{
	const params_def *d = params_find(r->key);
	if (!d)
		return unknown_key(r->key, err);
	dib_arena a;
	dib_arena_init(&a, 4096, 1u << 20);
	store_param p, before;
	params_value v, bv = { .n = 0 };
	char stored[PARAMS_TEXT_MAX];
	bool corrects = false;
	dib_code rc = check_set(who, d, r, today, &a, &p, &v, err);
	if (!rc)
		rc = scope_exists(s, p.scope, &a, err);
	if (!rc) {
		p.value = params_encode(d, v, stored);
		p.created_by = actor && *actor ? actor : (who && who->username ? who->username : "?");
		rc = store_begin(s, err);
		if (!rc)
			rc = revise(s, d, &p, today, &a, &before, &bv, &corrects, err);
		if (!rc)
			rc = store_param_insert(s, &p, err);
		if (!rc)
			rc = audit(s, p.created_by, d, corrects ? &before : NULL, bv, &p, v, err);
		if (!rc)
			rc = store_commit(s, err);
		if (rc)
			store_rollback(s);
	}
	if (!rc) {
		memcpy(out->scope, p.scope, sizeof out->scope);
		out->revision = p.revision;
		out->corrected = corrects;
		out->value = v;
	}
	dib_arena_release(&a);
	return rc;
}

/* ---- history ---- */

dib_code params_history(struct store *s, const struct authz_subject *who, const char *scope,
			const char *key, dib_arena *a, struct params_record **out, size_t *n,
			dib_err *err)
{
	const params_def *d = params_find(key);
	if (!d)
		return unknown_key(key, err);
	region_code sc;
	dib_code rc = parse_region("参数的适用区划 (scope)", scope, &sc, err);
	if (!rc && sc.level > REGION_COUNTY)
		rc = dib_err_set(err, DIB_EINVAL, "参数只能按省、市、县设置，区划 %s 是%s级", sc.code,
				 region_level_name(sc.level));
	if (!rc)
		rc = params_read_check(who, &sc, err);
	store_param *rows = NULL;
	size_t k = 0;
	if (!rc)
		rc = store_param_history(s, sc.code, d->key, a, &rows, &k, err);
	if (rc)
		return rc;
	struct params_record *v = k ? dib_arena_calloc(a, k * sizeof *v) : NULL;
	if (k && !v)
		return dib_err_nomem(err);
	for (size_t i = 0; i < k; i++) {
		struct params_effective e;
		rc = effective_of(d, &rows[i], &e, err);
		if (rc)
			return rc;
		v[i].row = rows[i];
		v[i].value = e.value;
		v[i].superseded = i + 1 < k &&
				  !date_cmp(rows[i + 1].effective_from, rows[i].effective_from);
	}
	*out = v;
	*n = k;
	return DIB_OK;
}
