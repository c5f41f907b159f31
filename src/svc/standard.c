/*
 * standard.c (svc) — assistance standards per county and program
 * (standard.h): setting (a new date, or the correction of a future one)
 * with its audit record, the history with the row in force, and the
 * monthly amount by the county's rounding parameters.
 * Thread-safety: as the store connection.
 */
#include "util/dib.h"
#include "core/params.h"
#include "core/region.h"
#include "store/store_audit.h"
#include "store/store_region.h"
#include "svc/household.h"
#include "svc/params.h"
#include "svc/standard.h"

#include <jansson.h>

/* A county code (6 or 12 digits) into *out. */
static dib_code parse_county(const char *text, region_code *out, dib_err *err)
{
	const char *t = text ? text : "";
	if (!*t)
		return dib_err_set(err, DIB_EINVAL, "缺少县级区划代码");
	dib_code rc = region_parse(t, strlen(t), out, err);
	if (!rc && out->level != REGION_COUNTY) {
		char q[DIB_QUOTE_MAX];
		rc = dib_err_set(err, DIB_EINVAL, "保障标准按县设置，\"%s\" 不是县级区划代码",
				 dib_err_quote(t, strlen(t), q, sizeof q));
	}
	return rc;
}

/* The program code as input: DIB_EINVAL (not 404) when it does not exist. */
static dib_code program_of(struct store *s, const char *code, dib_arena *a,
			   store_program *out, dib_err *err)
{
	dib_err e;
	dib_err_clear(&e);
	const char *c = code ? code : "";
	dib_code rc = store_program_get(s, c, a, out, &e);
	if (rc == DIB_ENOTFOUND) {
		char q[DIB_QUOTE_MAX];
		return dib_err_set(err, DIB_EINVAL, "救助项目 \"%s\" 不存在",
				   dib_err_quote(c, strlen(c), q, sizeof q));
	}
	if (rc) {
		dib_err_set(err, rc, "%s", e.msg);
		dib_err_detail(err, "%s", e.detail);
	}
	return rc;
}

/* Fills the monthly amount of st as of date on. */
static dib_code monthly_of(struct store *s, const store_standard *st, dib_date on,
			   struct standard_info *info, dib_err *err)
{
	info->has_monthly = false;
	info->monthly_fen = 0;
	if (!strcmp(st->unit, "once"))
		return DIB_OK;
	money_rounding r = { MONEY_FEN, MONEY_HALF_UP };
	dib_code rc = DIB_OK;
	if (!strcmp(st->unit, "person_year"))
		rc = params_rounding(s, st->county, "standard.rural_monthly_rounding", on, &r, err);
	if (!rc)
		rc = params_standard_monthly(st->amount_fen, st->unit, r, &info->monthly_fen, err);
	if (!rc)
		info->has_monthly = true;
	return rc;
}

dib_code standard_programs(struct store *s, dib_arena *a, store_program **out, size_t *n,
			   dib_err *err)
{
	return store_program_list(s, a, out, n, err);
}

/* ---- reading ---- */

static const char *program_name(const store_program *p, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(p[i].code, code))
			return p[i].name;
	return code;
}

/* The county prefix of the list: the county asked for, else who's. */
static dib_code list_prefix(const struct authz_subject *who, const char *county,
			    char prefix[REGION_COUNTY_LEN + 1], dib_err *err)
{
	region_code r;
	dib_code rc;
	if (county && *county) {
		rc = parse_county(county, &r, err);
		if (!rc)
			rc = params_read_check(who, &r, err);
		if (!rc)
			region_county(&r, prefix);
		return rc;
	}
	prefix[0] = '\0';
	if (!who)
		return DIB_OK;
	rc = authz_check(who, AUTHZ_REGION_READ, NULL, err);
	if (rc)
		return rc;
	const char *mine = who->region_code ? who->region_code : "";
	dib_err scratch;
	dib_err_clear(&scratch);
	if (region_parse(mine, strlen(mine), &r, &scratch)) /* fail closed */
		return dib_err_set(err, DIB_EPERM, "没有权限%s", authz_action_name(AUTHZ_REGION_READ));
	if (r.level >= REGION_COUNTY)
		region_county(&r, prefix);
	else /* a province or city: its digits lead every county code below it */
		snprintf(prefix, REGION_COUNTY_LEN + 1, "%.*s", r.level == REGION_PROVINCE ? 2 : 4,
			 r.code);
	return DIB_OK;
}

dib_code standard_list(struct store *s, const struct authz_subject *who, const char *county,
		       const char *program, dib_date on, dib_arena *a,
		       struct standard_info **out, size_t *n, dib_err *err)
{
	char prefix[REGION_COUNTY_LEN + 1];
	const char *prog = program && *program ? program : NULL;
	dib_code rc = list_prefix(who, county, prefix, err);
	store_program p1, *progs = NULL;
	size_t np = 0;
	if (!rc && prog)
		rc = program_of(s, prog, a, &p1, err);
	if (!rc)
		rc = store_program_list(s, a, &progs, &np, err);
	store_standard *rows = NULL;
	size_t k = 0;
	if (!rc)
		rc = store_standard_list(s, prefix, prog, a, &rows, &k, err);
	if (rc)
		return rc;
	struct standard_info *v = k ? dib_arena_calloc(a, k * sizeof *v) : NULL;
	if (k && !v)
		return dib_err_nomem(err);
	for (size_t i = 0; !rc && i < k; i++) {
		const store_standard *st = &rows[i];
		bool last_of_group = i + 1 == k || strcmp(rows[i + 1].county, st->county) ||
				     strcmp(rows[i + 1].program, st->program);
		/* rows come by date within their group: the last one not after
		 * on is the one in force */
		bool started = date_cmp(st->effective_from, on) <= 0;
		bool next_started = !last_of_group && date_cmp(rows[i + 1].effective_from, on) <= 0;
		v[i].st = *st;
		v[i].program_name = program_name(progs, np, st->program);
		v[i].in_force = started && !next_started;
		rc = monthly_of(s, st, v[i].in_force ? on : st->effective_from, &v[i], err);
	}
	if (rc)
		return rc;
	*out = v;
	*n = k;
	return DIB_OK;
}

dib_code standard_in_force(struct store *s, const struct authz_subject *who,
			   const char *county, const char *program, dib_date on, dib_arena *a,
			   struct standard_info *out, dib_err *err)
{
	region_code r;
	store_program p;
	dib_code rc = parse_county(county, &r, err);
	if (!rc)
		rc = params_read_check(who, &r, err);
	if (!rc)
		rc = program_of(s, program, a, &p, err);
	char c6[REGION_COUNTY_LEN + 1];
	struct standard_info info;
	memset(&info, 0, sizeof info);
	if (!rc)
		rc = store_standard_in_force(s, region_county(&r, c6), p.code, on, a, &info.st, err);
	if (!rc) {
		info.program_name = p.name;
		info.in_force = true;
		rc = monthly_of(s, &info.st, on, &info, err);
	}
	if (!rc)
		*out = info;
	return rc;
}

dib_code standard_monthly(struct store *s, const char *county, const char *program,
			  dib_date on, dib_fen *out, dib_err *err)
{
	dib_arena a;
	dib_arena_init(&a, 2048, 1u << 20);
	struct standard_info info;
	dib_code rc = standard_in_force(s, NULL, county, program, on, &a, &info, err);
	if (!rc && !info.has_monthly)
		rc = dib_err_set(err, DIB_EINVAL, "救助项目 \"%s\" 按次发放，没有月标准",
				 info.program_name);
	if (!rc)
		*out = info.monthly_fen;
	dib_arena_release(&a);
	return rc;
}

/* ---- setting ---- */

static json_t *standard_json(const store_standard *st)
{
	char from[DIB_DATE_STR], decided[DIB_DATE_STR];
	return json_pack("{s:s,s:s,s:s,s:I,s:s,s:s?,s:s?}", "county", st->county, "program",
			 st->program, "effective_from", date_format(st->effective_from, from),
			 "amount_fen", (json_int_t)st->amount_fen, "unit", st->unit, "decided_on",
			 st->decided_on.year ? date_format(st->decided_on, decided) : NULL,
			 "document", st->document);
}

static dib_code audit(struct store *s, const char *actor, const store_standard *before,
		      const store_standard *after, const char *reason, dib_err *err)
{
	json_t *b = before ? standard_json(before) : NULL;
	json_t *t = standard_json(after);
	char *bs = b ? json_dumps(b, JSON_COMPACT) : NULL;
	char *ts = t ? json_dumps(t, JSON_COMPACT) : NULL;
	dib_code rc;
	if (!ts || (before && !bs)) {
		rc = dib_err_nomem(err);
	} else {
		char id[64], from[DIB_DATE_STR];
		snprintf(id, sizeof id, "%s/%s/%s", after->county, after->program,
			 date_format(after->effective_from, from));
		store_audit_entry e = {
			.county = after->county,
			.actor = actor,
			.action = before ? "standard.correct" : "standard.set",
			.entity = "standard",
			.entity_id = id,
			.before_json = bs,
			.after_json = ts,
			.reason = reason,
		};
		rc = store_audit_append(s, &e, NULL, err);
	}
	free(bs);
	free(ts);
	json_decref(b);
	json_decref(t);
	return rc;
}

/* The checks that need no write: *st filled (strings in a), *reason. */
static dib_code check_set(struct store *s, const struct authz_subject *who,
			  const struct standard_set_req *r, dib_date today, dib_arena *a,
			  store_standard *st, const char **reason, dib_err *err)
{
	region_code c;
	dib_code rc = parse_county(r->county, &c, err);
	if (!rc && who)
		rc = authz_check(who, AUTHZ_STANDARD_WRITE, c.code, err);
	if (rc)
		return rc;
	memset(st, 0, sizeof *st);
	region_county(&c, st->county);
	store_program p;
	rc = program_of(s, r->program, a, &p, err);
	const char *from = r->from ? r->from : "";
	char q[DIB_QUOTE_MAX];
	if (!rc && !*from)
		rc = dib_err_set(err, DIB_EINVAL, "缺少生效日期");
	dib_err e;
	dib_err_clear(&e);
	if (!rc && date_parse(from, strlen(from), &st->effective_from, &e))
		rc = dib_err_set(err, DIB_EINVAL, "生效日期 \"%s\" 不是有效日期 (YYYY-MM-DD)",
				 dib_err_quote(from, strlen(from), q, sizeof q));
	if (!rc && st->effective_from.day != 1)
		rc = dib_err_set(err, DIB_EINVAL, "保障标准按月执行，生效日期 %s 应为某月 1 日", from);
	char m[MONEY_STR], mx[MONEY_STR];
	if (!rc && r->amount_fen <= 0)
		rc = dib_err_set(err, DIB_EINVAL, "保障标准金额应大于 0 元 (填写的是 %s 元)",
				 money_format(r->amount_fen, m));
	if (!rc && r->amount_fen > STANDARD_AMOUNT_MAX_FEN)
		rc = dib_err_set(err, DIB_EINVAL, "保障标准金额 %s 元超过 %s 元，请核对",
				 money_format(r->amount_fen, m),
				 money_format(STANDARD_AMOUNT_MAX_FEN, mx));
	if (!rc && r->decided_on && *r->decided_on)
		rc = household_check_date("决定日期", r->decided_on, today, &st->decided_on, err);
	if (!rc)
		rc = household_check_text("文件号", r->document, PARAMS_DOCUMENT_MAX, false, a,
					  &st->document, err);
	if (!rc)
		rc = household_check_text("原因", r->reason, PARAMS_REASON_MAX, false, a, reason, err);
	if (rc)
		return rc;
	st->program = p.code;
	st->unit = p.unit;
	st->amount_fen = r->amount_fen;
	store_region g;
	dib_err_clear(&e);
	rc = store_region_get(s, c.code, a, &g, &e);
	if (rc == DIB_ENOTFOUND)
		return dib_err_set(err, DIB_EINVAL, "县 %s 不在区划表中", c.code);
	if (rc) {
		dib_err_set(err, rc, "%s", e.msg);
		dib_err_detail(err, "%s", e.detail);
	}
	return rc;
}

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* In the open transaction: the correction of the row cur by st. */
static dib_code correct(struct store *s, const char *actor, const store_standard *cur,
			const store_standard *st, const char *reason, dib_date today,
			dib_err *err)
{
	char from[DIB_DATE_STR];
	date_format(st->effective_from, from);
	if (date_cmp(st->effective_from, today) <= 0)
		return dib_err_set(err, DIB_ECONFLICT,
				   "县 %s 的 \"%s\" 自 %s 起的保障标准已生效，不能更正；"
				   "如需调整，请以新的生效月份设置", st->county, st->program, from);
	if (!reason)
		return dib_err_set(err, DIB_EINVAL,
				   "更正县 %s 的 \"%s\" 自 %s 起的保障标准须填写原因", st->county,
				   st->program, from);
	if (cur->amount_fen == st->amount_fen && !date_cmp(cur->decided_on, st->decided_on) &&
	    same_text(cur->document, st->document))
		return dib_err_set(err, DIB_EINVAL, "与现有的保障标准 (自 %s 起) 相同，没有需要更正的内容",
				   from);
	store_standard fixed = *cur;
	fixed.amount_fen = st->amount_fen;
	fixed.decided_on = st->decided_on;
	fixed.document = st->document;
	dib_code rc = store_standard_update(s, &fixed, err);
	if (!rc)
		rc = audit(s, actor, cur, &fixed, reason, err);
	return rc;
}

dib_code standard_set(struct store *s, const struct authz_subject *who, const char *actor,
		      const struct standard_set_req *r, dib_date today, bool *corrected,
		      dib_err *err)
{
	dib_arena a;
	dib_arena_init(&a, 4096, 1u << 20);
	store_standard st, cur;
	const char *reason = NULL;
	const char *by = actor && *actor ? actor : (who && who->username ? who->username : "?");
	bool found = false;
	dib_code rc = check_set(s, who, r, today, &a, &st, &reason, err);
	if (!rc) {
		rc = store_begin(s, err);
		if (!rc)
			rc = store_standard_lock(s, st.county, st.program, st.effective_from, &a, &cur,
						 &found, err);
		if (!rc && found)
			rc = correct(s, by, &cur, &st, reason, today, err);
		if (!rc && !found)
			rc = store_standard_insert(s, &st, err);
		if (!rc && !found)
			rc = audit(s, by, NULL, &st, reason, err);
		if (!rc)
			rc = store_commit(s, err);
		if (rc)
			store_rollback(s);
	}
	if (!rc && corrected)
		*corrected = found;
	dib_arena_release(&a);
	return rc;
}
