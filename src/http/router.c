/*
 * router.c — the route table and its matcher, and the path checks that
 * keep a request inside the web root. Routes are data: a new resource adds
 * rows here and an h_<family>.c file, never an if-chain.
 * Thread-safety: the table is constant; matching writes only the request.
 */
#include "util/dib.h"
#include "util/time.h"
#include "http/http_int.h"
#include "svc/session.h"

#include <sodium.h>
#include <strings.h>

/* Every state-changing /api/v1 route but the login is HTTP_SESSION_CSRF
 * (test_router checks it). before_change lists what a user whose initial
 * password must still be changed may do. */
static const struct http_route routes[] = {
	{ "GET", "/healthz", http__h_health, HTTP_PUBLIC, true, false, false },
	{ "GET", "/metrics", http__h_metrics, HTTP_PUBLIC, true, false, false },
	{ "POST", "/api/v1/session", http__h_session_login, HTTP_PUBLIC, true, false, false },
	{ "GET", "/api/v1/session", http__h_session_get, HTTP_SESSION, true, false, false },
	{ "DELETE", "/api/v1/session", http__h_session_logout, HTTP_SESSION_CSRF, true, false, false },
	{ "POST", "/api/v1/session/password", http__h_session_password, HTTP_SESSION_CSRF, true, false, false },
	{ "GET", "/api/v1/regions", http__h_regions, HTTP_SESSION, false, false, false },
	{ "GET", "/api/v1/audit", http__h_audit, HTTP_SESSION, false, false, false },
	/* audit export */
	{ "GET", "/api/v1/audit/export", http__h_audit_export, HTTP_SESSION, false, true, false },
	/* users and code tables */
	{ "GET", "/api/v1/codes", http__h_codes, HTTP_SESSION, false, false, false },
	{ "GET", "/api/v1/users", http__h_users_list, HTTP_SESSION, false, false, false },
	{ "POST", "/api/v1/users", http__h_users_create, HTTP_SESSION_CSRF, false, false, false },
	{ "PATCH", "/api/v1/users/{username}", http__h_user_update, HTTP_SESSION_CSRF, false, false, false },
	{ "POST", "/api/v1/users/{username}/password", http__h_user_password, HTTP_SESSION_CSRF, false, false, false },
	/* register: lists, search, export, stats (fixed paths before {id}) */
	{ "GET", "/api/v1/households", http__h_households, HTTP_SESSION, false, false, false },
	{ "GET", "/api/v1/households/export", http__h_households_export, HTTP_SESSION, false, true, false },
	{ "GET", "/api/v1/stats/register", http__h_stats_register, HTTP_SESSION, false, false, false },
	/* register: one household, its members and history */
	{ "POST", "/api/v1/households", http__h_household_create, HTTP_SESSION_CSRF, false, false, false },
	{ "GET", "/api/v1/households/{id}", http__h_household_get, HTTP_SESSION, false, false, false },
	{ "PATCH", "/api/v1/households/{id}", http__h_household_update, HTTP_SESSION_CSRF, false, false, false },
	{ "GET", "/api/v1/households/{id}/history", http__h_household_history, HTTP_SESSION, false, false, false },
	{ "POST", "/api/v1/households/{id}/members", http__h_household_add_member, HTTP_SESSION_CSRF, false, false, false },
	{ "PATCH", "/api/v1/persons/{id}", http__h_person_update, HTTP_SESSION_CSRF, false, false, false },
	{ "POST", "/api/v1/memberships/{id}/end", http__h_membership_end, HTTP_SESSION_CSRF, false, false, false },
	{ "POST", "/api/v1/memberships/{id}/move", http__h_membership_move, HTTP_SESSION_CSRF, false, false, false },
	/* standards and parameters */
	{ "GET", "/api/v1/standards", http__h_standards_list, HTTP_SESSION, false, false, false },
	{ "POST", "/api/v1/standards", http__h_standards_set, HTTP_SESSION_CSRF, false, false, false },
	{ "GET", "/api/v1/params", http__h_params_list, HTTP_SESSION, false, false, false },
	{ "GET", "/api/v1/params/{key}/history", http__h_param_history, HTTP_SESSION, false, false, false },
	{ "PUT", "/api/v1/params/{key}", http__h_param_set, HTTP_SESSION_CSRF, false, false, false },
	/* cases */
	{ "GET", "/api/v1/cases", http__h_cases, HTTP_SESSION, false, false, false },
	{ "POST", "/api/v1/cases", http__h_case_open, HTTP_SESSION_CSRF, false, false, false },
	{ "GET", "/api/v1/cases/{id}", http__h_case_get, HTTP_SESSION, false, false, false },
	{ "POST", "/api/v1/cases/{id}/actions", http__h_case_act, HTTP_SESSION_CSRF, false, false, false },
	{ "GET", "/api/v1/case-documents/{id}", http__h_case_document, HTTP_SESSION, false, false, false },
	{ "GET", "/api/v1/case-checklist", http__h_case_checklist, HTTP_SESSION, false, false, false },
	/* coverage */
	{ "GET", "/api/v1/households/{id}/coverage", http__h_household_coverage, HTTP_SESSION, false, false, false },
	{ "POST", "/api/v1/households/{id}/coverage/changes", http__h_coverage_change, HTTP_SESSION_CSRF, false, false, false },
	{ "GET", "/api/v1/households/{id}/assessment", http__h_household_assessment, HTTP_SESSION, false, false, false },
	{ "GET", "/api/v1/coverage/reasons", http__h_coverage_reasons, HTTP_SESSION, false, false, false },
	{ "GET", "/api/v1/coverage/reviews", http__h_coverage_reviews, HTTP_SESSION, false, false, false },
	{ "POST", "/api/v1/coverage/reviews/{id}/close", http__h_coverage_review_close, HTTP_SESSION_CSRF, false, false, false },
	{ "POST", "/api/v1/persons/{id}/death", http__h_person_death, HTTP_SESSION_CSRF, false, false, false },
	{ "POST", "/api/v1/persons/{id}/work-offers", http__h_person_work_offer, HTTP_SESSION_CSRF, false, false, false },
	/* payroll */
	{ "GET", "/api/v1/payroll/programs", http__h_payroll_programs, HTTP_SESSION, false, false, false },
	{ "GET", "/api/v1/payroll/runs", http__h_payroll_runs, HTTP_SESSION, false, false, false },
	{ "POST", "/api/v1/payroll/runs", http__h_payroll_build, HTTP_SESSION_CSRF, false, false, false },
	{ "GET", "/api/v1/payroll/runs/{id}", http__h_payroll_run, HTTP_SESSION, false, false, false },
	{ "GET", "/api/v1/payroll/runs/{id}/lines", http__h_payroll_lines, HTTP_SESSION, false, false, false },
	{ "POST", "/api/v1/payroll/runs/{id}/submit", http__h_payroll_submit, HTTP_SESSION_CSRF, false, false, false },
	{ "POST", "/api/v1/payroll/runs/{id}/rebuild", http__h_payroll_rebuild, HTTP_SESSION_CSRF, false, false, false },
	{ "POST", "/api/v1/payroll/runs/{id}/send-back", http__h_payroll_send_back, HTTP_SESSION_CSRF, false, false, false },
	{ "POST", "/api/v1/payroll/runs/{id}/approve", http__h_payroll_approve, HTTP_SESSION_CSRF, false, false, false },
	{ "POST", "/api/v1/payroll/runs/{id}/cancel", http__h_payroll_cancel, HTTP_SESSION_CSRF, false, false, false },
	{ "GET", "/api/v1/payroll/templates", http__h_payroll_templates, HTTP_SESSION, false, false, false },
	{ "POST", "/api/v1/payroll/templates", http__h_payroll_template_add, HTTP_SESSION_CSRF, false, false, false },
	{ "DELETE", "/api/v1/payroll/templates/{name}", http__h_payroll_template_delete, HTTP_SESSION_CSRF, false, false, false },
	{ "POST", "/api/v1/payroll/runs/{id}/export", http__h_payroll_export, HTTP_SESSION_CSRF, false, false, false },
	{ "GET", "/api/v1/payroll/runs/{id}/bank-file", http__h_payroll_bank_file, HTTP_SESSION, false, false, false },
	{ "POST", "/api/v1/payroll/runs/{id}/return", http__h_payroll_return, HTTP_SESSION_CSRF, false, false, true },
	{ "GET", "/api/v1/payroll/runs/{id}/reconciliation", http__h_payroll_reconciliation, HTTP_SESSION, false, false, false },
	{ "POST", "/api/v1/payroll/runs/{id}/reconcile", http__h_payroll_reconcile, HTTP_SESSION_CSRF, false, false, false },
	{ "GET", "/api/v1/payroll/failed", http__h_payroll_failed, HTTP_SESSION, false, false, false },
	{ "POST", "/api/v1/payroll/reissue", http__h_payroll_reissue, HTTP_SESSION_CSRF, false, false, false },
	{ "POST", "/api/v1/payroll/arrears", http__h_payroll_arrears, HTTP_SESSION_CSRF, false, false, false },
	{ "GET", "/api/v1/payroll/runs/{id}/roster.xlsx", http__h_payroll_roster_xlsx, HTTP_SESSION, false, true, false },
	{ "GET", "/api/v1/payroll/runs/{id}/ledger.xlsx", http__h_payroll_ledger_xlsx, HTTP_SESSION, false, true, false },
	{ "GET", "/api/v1/payroll/overpayments", http__h_payroll_overpayments, HTTP_SESSION, false, false, false },
	{ "POST", "/api/v1/payroll/overpayments", http__h_payroll_overpayment_add, HTTP_SESSION_CSRF, false, false, false },
	{ "GET", "/api/v1/payroll/overpayments/{id}", http__h_payroll_overpayment, HTTP_SESSION, false, false, false },
	{ "POST", "/api/v1/payroll/overpayments/{id}/repayments", http__h_payroll_repayment, HTTP_SESSION_CSRF, false, false, false },
	{ "POST", "/api/v1/payroll/overpayments/{id}/plan", http__h_payroll_overpayment_plan, HTTP_SESSION_CSRF, false, false, false },
	{ "POST", "/api/v1/payroll/overpayments/{id}/waive", http__h_payroll_overpayment_waive, HTTP_SESSION_CSRF, false, false, false },
	{ "GET", "/api/v1/households/{id}/payments", http__h_household_payments, HTTP_SESSION, false, false, false },
};

/* Pseudo routes come first so their indices are fixed. */
static const char *const pseudo[] = { "static", "unmatched", "bad_request" };

const char *const http__methods[] = {
	"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "OTHER",
};

int http__method_ix(const char *method)
{
	int last = (int)DIB_ARRAY_LEN(http__methods) - 1;
	for (int i = 0; i < last; i++)
		if (!strcmp(method, http__methods[i]))
			return i;
	return last;
}

int http__route_count(void)
{
	return (int)(DIB_ARRAY_LEN(pseudo) + DIB_ARRAY_LEN(routes));
}

const char *http__route_name(int route)
{
	int np = (int)DIB_ARRAY_LEN(pseudo);
	if (route >= 0 && route < np)
		return pseudo[route];
	if (route >= np && route < http__route_count())
		return routes[route - np].pattern;
	return "?";
}

const struct http_route *http__route_get(int route)
{
	int np = (int)DIB_ARRAY_LEN(pseudo);
	if (route >= np && route < http__route_count())
		return &routes[route - np];
	return NULL;
}

enum http_verdict http__guard_verdict(const struct http_route *rt, bool has_session,
				      bool must_change, bool csrf_ok)
{
	if (rt->guard == HTTP_PUBLIC)
		return HTTP_GO;
	if (!has_session)
		return HTTP_NO_SESSION;
	/* CSRF before the forced change: a forged request learns nothing */
	if (rt->guard == HTTP_SESSION_CSRF && !csrf_ok)
		return HTTP_BAD_CSRF;
	if (must_change && !rt->before_change)
		return HTTP_MUST_CHANGE;
	return HTTP_GO;
}

enum MHD_Result http__dispatch(struct http_req *r)
{
	const struct http_route *rt = http__route_get(r->route);
	if (!rt || rt->guard == HTTP_PUBLIC)
		return r->fn(r);
	const char *token = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND,
							"dibao_session");
	struct session_info *info = dib_arena_calloc(&r->arena, sizeof *info);
	if (!info)
		return MHD_NO;
	dib_err err;
	dib_err_clear(&err);
	dib_code rc = DIB_EAUTH;
	if (token) {
		struct store *s = http__pool_get(&r->app->pool);
		rc = session_check(s, token, dib_time_now_unix(), &r->arena, info, &err);
		http__pool_put(&r->app->pool, s);
	}
	if (rc && rc != DIB_EAUTH)
		return http__send_error(r, &err);
	bool csrf_ok = false;
	if (!rc) {
		const char *h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
							    "X-CSRF-Token");
		size_t n = strlen(info->csrf);
		/* constant time: the comparison must not leak the token byte by byte */
		csrf_ok = h && n && strlen(h) == n && !sodium_memcmp(h, info->csrf, n);
	}
	switch (http__guard_verdict(rt, rc == DIB_OK, !rc && info->must_change, csrf_ok)) {
	case HTTP_GO:
		break;
	case HTTP_NO_SESSION:
		return http__send_code(r, DIB_EAUTH, token ? SESSION_EXPIRED : "请先登录");
	case HTTP_BAD_CSRF:
		return http__send_code(r, DIB_EPERM, "缺少或无效的 CSRF 令牌");
	case HTTP_MUST_CHANGE:
		return http__send_code(r, DIB_EPERM, "请先修改初始密码");
	}
	r->session = info;
	r->token = token;
	return r->fn(r);
}

/* Matches path against pattern segment by segment; {x} takes one non-empty
 * segment into params. */
static bool match(const char *pat, const char *path, struct http_req *r)
{
	int np = 0;
	const char *caps[HTTP_MAX_PARAMS];
	size_t lens[HTTP_MAX_PARAMS];
	while (*pat && *path) {
		if (*pat == '{') {
			const char *close = strchr(pat, '}');
			size_t n = strcspn(path, "/");
			if (!close || n == 0 || np == HTTP_MAX_PARAMS)
				return false;
			caps[np] = path;
			lens[np++] = n;
			pat = close + 1;
			path += n;
		} else if (*pat++ != *path++) {
			return false;
		}
	}
	if (*pat || *path)
		return false;
	for (int i = 0; i < np; i++) {
		r->params[i] = dib_arena_strndup(&r->arena, caps[i], lens[i]);
		if (!r->params[i])
			return false;
	}
	r->nparams = np;
	return true;
}

http_handler http__route_find(struct http_req *r, bool *wrong_method)
{
	*wrong_method = false;
	for (size_t i = 0; i < DIB_ARRAY_LEN(routes); i++) {
		if (!match(routes[i].pattern, r->path, r))
			continue;
		r->route = (int)(DIB_ARRAY_LEN(pseudo) + i);
		/* HEAD is answered as GET; MHD leaves the body out */
		bool head = !strcmp(r->method, "HEAD") && !strcmp(routes[i].method, "GET");
		if (head && routes[i].no_head) {
			/* 405 here: a later {id} pattern must not take the path */
			*wrong_method = true;
			return NULL;
		}
		if (head || !strcmp(routes[i].method, r->method))
			return routes[i].fn;
		*wrong_method = true;
	}
	if (*wrong_method)
		return NULL;
	if (!strncmp(r->path, "/api/", 5) || !strcmp(r->path, "/api")) {
		r->route = HTTP_ROUTE_NOTFOUND;
		return NULL;
	}
	r->route = HTTP_ROUTE_STATIC;
	return http__h_static;
}

bool http__path_ok(const char *path)
{
	if (path[0] != '/')
		return false;
	for (const char *p = path; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return false;
	const char *seg = path + 1;
	for (;;) {
		size_t n = strcspn(seg, "/");
		if ((n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return false;
		if (!seg[n])
			return true;
		seg += n + 1;
	}
}

bool http__raw_path_suspicious(const char *raw)
{
	for (const char *p = raw; *p && *p != '?' && *p != '#'; p++) {
		if (*p != '%')
			continue;
		if (!p[1] || !p[2])
			return true; /* a cut escape: refuse rather than guess */
		if (!strncasecmp(p + 1, "2e", 2) || !strncasecmp(p + 1, "2f", 2) ||
		    !strncasecmp(p + 1, "5c", 2) || !strncmp(p + 1, "00", 2))
			return true;
	}
	return false;
}
