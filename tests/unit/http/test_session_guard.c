/*
 * test_session_guard.c — table tests for the dispatcher's guard
 * (http__guard_verdict in src/http/router.c): no session is 401, a
 * state-changing route without the CSRF token 403, and while an initial
 * password must be changed only the routes marked before_change run; and
 * the route table itself: every state-changing /api/v1 route except the
 * login asks for the CSRF token.
 * Thread-safety: single-threaded test program.
 */
#include "util/dib.h"
#include "http/http_int.h"

#include <setjmp.h>
#include <cmocka.h>

static void test_guard__verdicts(void **state)
{
	(void)state;
	static const struct http_route pub = { "POST", "/p", NULL, HTTP_PUBLIC, false, false, false };
	static const struct http_route read = { "GET", "/r", NULL, HTTP_SESSION, false, false, false };
	static const struct http_route write = { "POST", "/w", NULL, HTTP_SESSION_CSRF, false, false, false };
	static const struct http_route pw = { "POST", "/pw", NULL, HTTP_SESSION_CSRF, true, false, false };
	static const struct {
		const struct http_route *rt;
		bool session, must_change, csrf;
		enum http_verdict want;
	} t[] = {
		{ &pub, false, false, false, HTTP_GO },
		{ &pub, true, true, false, HTTP_GO },
		{ &read, false, false, true, HTTP_NO_SESSION },
		{ &read, true, false, false, HTTP_GO },
		{ &read, true, true, false, HTTP_MUST_CHANGE },
		{ &write, false, false, true, HTTP_NO_SESSION },
		{ &write, true, false, false, HTTP_BAD_CSRF },
		{ &write, true, false, true, HTTP_GO },
		{ &write, true, true, false, HTTP_BAD_CSRF },
		{ &write, true, true, true, HTTP_MUST_CHANGE },
		{ &pw, true, true, false, HTTP_BAD_CSRF },
		{ &pw, true, true, true, HTTP_GO },
		{ &pw, false, true, true, HTTP_NO_SESSION },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		enum http_verdict got = http__guard_verdict(t[i].rt, t[i].session,
							    t[i].must_change, t[i].csrf);
		if (got != t[i].want)
			fail_msg("row %zu (%s %s): verdict %d, expected %d", i, t[i].rt->method,
				 t[i].rt->pattern, (int)got, (int)t[i].want);
	}
}

/* The real table: what a user with must_change may reach, and CSRF on
 * every state-changing API route but the login. */
static void test_guard__route_table(void **state)
{
	(void)state;
	int nsession = 0;
	for (int i = 0; i < http__route_count(); i++) {
		const struct http_route *rt = http__route_get(i);
		if (!rt)
			continue;
		bool api = !strncmp(rt->pattern, "/api/v1/", 8);
		bool writes = strcmp(rt->method, "GET") && strcmp(rt->method, "HEAD");
		bool login = !strcmp(rt->method, "POST") && !strcmp(rt->pattern, "/api/v1/session");
		if (api && writes && !login && rt->guard != HTTP_SESSION_CSRF)
			fail_msg("%s %s changes state without the CSRF guard", rt->method, rt->pattern);
		if (api && !login && rt->guard == HTTP_PUBLIC)
			fail_msg("%s %s is public", rt->method, rt->pattern);
		/* only the session routes themselves are open before the change */
		if (api && rt->before_change && strncmp(rt->pattern, "/api/v1/session", 15))
			fail_msg("%s %s allowed before the password change", rt->method, rt->pattern);
		if (rt->guard != HTTP_PUBLIC)
			nsession++;
	}
	/* every route but /healthz, /metrics and the login needs a session */
	assert_int_equal(nsession, http__route_count() - 3 /* pseudo */ - 3);
	assert_null(http__route_get(HTTP_ROUTE_STATIC));
	assert_null(http__route_get(http__route_count()));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_guard__verdicts),
		cmocka_unit_test(test_guard__route_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
