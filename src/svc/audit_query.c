/*
 * audit_query.c (svc) — the audit log as a user may see it: authorisation
 * and the scope rule (audit_query.h), parameter checks, then the store.
 * Thread-safety: as the store connection.
 */
#include "util/dib.h"
#include "svc/audit_query.h"
#include "core/date.h"
#include "core/region.h"

#include <errno.h>

static bool given(const char *v)
{
	return v && *v;
}

/* A positive decimal integer in [1, max] into *out; DIB_EINVAL quoting v
 * and naming what (Chinese) otherwise. */
static dib_code parse_positive(const char *v, int64_t max, const char *what,
			       int64_t *out, dib_err *err)
{
	char *end = NULL;
	errno = 0;
	long long x = (*v >= '0' && *v <= '9') ? strtoll(v, &end, 10) : 0;
	if (!end || *end || errno || x < 1 || x > max)
		return dib_err_set(err, DIB_EINVAL, "%s \"%.24s\" 应为 1 至 %lld 之间的整数",
				   what, v, (long long)max);
	*out = x;
	return DIB_OK;
}

static dib_code check_date(const char *v, const char *what, dib_err *err)
{
	dib_date d;
	dib_err e;
	dib_err_clear(&e);
	if (date_parse(v, strlen(v), &d, &e))
		return dib_err_set(err, DIB_EINVAL, "%s \"%.24s\" 不是有效日期，应为 YYYY-MM-DD",
				   what, v);
	return DIB_OK;
}

dib_code audit_query(struct store *s, const struct authz_subject *who,
		     const struct audit_query_params *p, dib_arena *a,
		     store_audit_row **rows, size_t *n, int64_t *next_cursor,
		     dib_err *err)
{
	const char *root = authz_scope(who);
	dib_code rc = authz_check(who, AUTHZ_AUDIT_READ, root, err);
	if (rc)
		return rc;
	region_code r;
	if ((rc = region_parse(root, strlen(root), &r, err)))
		return rc;
	if (r.level > REGION_COUNTY)
		return dib_err_set(err, DIB_EPERM,
				   "审计日志按县记录，乡镇及以下用户无法%s",
				   authz_action_name(AUTHZ_AUDIT_READ));
	int64_t limit = AUDIT_QUERY_DEFAULT_LIMIT, cursor = 0;
	if (given(p->limit) &&
	    (rc = parse_positive(p->limit, AUDIT_QUERY_MAX_LIMIT, "条数 limit", &limit, err)))
		return rc;
	if (given(p->cursor) &&
	    (rc = parse_positive(p->cursor, INT64_MAX, "翻页位置 cursor", &cursor, err)))
		return rc;
	if (given(p->from) && (rc = check_date(p->from, "起始日期", err)))
		return rc;
	if (given(p->to) && (rc = check_date(p->to, "截止日期", err)))
		return rc;

	/* province 2, city 4, county 6 significant digits */
	char prefix[REGION_COUNTY_LEN + 1];
	int digits = 2 * (int)r.level;
	snprintf(prefix, sizeof prefix, "%.*s", digits, r.code);
	store_audit_filter f = {
		.county_prefix = prefix,
		.countyless = true,
		.actor = p->actor,
		.entity = p->entity,
		.action = p->action,
		.from = p->from,
		.to = p->to,
		.before_id = cursor,
		.limit = (int)limit,
	};
	store_audit_row *got = NULL;
	size_t ng = 0;
	bool more = false;
	rc = store_audit_query(s, &f, a, &got, &ng, &more, err);
	if (rc)
		return rc;
	*rows = got;
	*n = ng;
	*next_cursor = more && ng ? got[ng - 1].id : 0;
	return DIB_OK;
}
