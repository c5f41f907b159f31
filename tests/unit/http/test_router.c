/*
 * test_router.c — table tests for src/http/router.c: which route a
 * (method, path) finds, {x} captures, the /api 404 and wrong-method cases,
 * and the path checks that keep static files inside the web root (decoded
 * ".." segments and raw percent-encoded dots and slashes).
 * Thread-safety: single-threaded test program.
 */
#include "util/dib.h"
#include "http/http_int.h"

#include <setjmp.h>
#include <cmocka.h>

static void test_router__finds_routes(void **state)
{
	(void)state;
	static const struct {
		const char *method, *path;
		const char *route; /* expected route name */
		bool handler, wrong_method;
	} t[] = {
		{ "GET", "/healthz", "/healthz", true, false },
		{ "HEAD", "/healthz", "/healthz", true, false },
		{ "POST", "/healthz", "/healthz", false, true },
		{ "GET", "/metrics", "/metrics", true, false },
		{ "GET", "/healthz/", "static", true, false },
		{ "GET", "/api/v1/x", "unmatched", false, false },
		{ "POST", "/api/v1/no-such-thing", "unmatched", false, false },
		{ "GET", "/api", "unmatched", false, false },
		{ "GET", "/", "static", true, false },
		{ "GET", "/assets/app.js", "static", true, false },
		{ "GET", "/apix", "static", true, false },
		/* an export writes an audit record: HEAD must not run it */
		{ "HEAD", "/api/v1/households/export", "/api/v1/households/export", false, true },
		{ "HEAD", "/api/v1/audit/export", "/api/v1/audit/export", false, true },
		{ "HEAD", "/api/v1/households", "/api/v1/households", true, false },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		struct http_req r = { .method = t[i].method, .path = t[i].path };
		dib_arena_init(&r.arena, 0, 0);
		bool wrong = false;
		http_handler h = http__route_find(&r, &wrong);
		if (strcmp(http__route_name(r.route), t[i].route) || (h != NULL) != t[i].handler ||
		    wrong != t[i].wrong_method)
			fail_msg("%s %s: route %s handler %d wrong %d", t[i].method, t[i].path,
				 http__route_name(r.route), h != NULL, wrong);
		dib_arena_release(&r.arena);
	}
	assert_true(http__h_static != NULL);
}

static void test_router__method_labels_are_bounded(void **state)
{
	(void)state;
	assert_string_equal(http__methods[http__method_ix("GET")], "GET");
	assert_string_equal(http__methods[http__method_ix("DELETE")], "DELETE");
	assert_string_equal(http__methods[http__method_ix("BREW")], "OTHER");
	assert_string_equal(http__route_name(-1), "?");
	assert_string_equal(http__route_name(http__route_count()), "?");
}

static void test_router__path_ok(void **state)
{
	(void)state;
	static const struct {
		const char *path;
		bool ok;
	} t[] = {
		{ "/", true },
		{ "/index.html", true },
		{ "/assets/app.3f2a.js", true },
		{ "/a..b/c", true },
		{ "/.well-known/x", true },
		{ "/...", true },
		{ "/..", false },
		{ "/../etc/passwd", false },
		{ "/a/../../etc/passwd", false },
		{ "/a/..", false },
		{ "/./x", false },
		{ "/a/.", false },
		{ "/a\\..\\b", false },
		{ "/a\tb", false },
		{ "relative", false },
		{ "", false },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++)
		if (http__path_ok(t[i].path) != t[i].ok)
			fail_msg("path_ok(\"%s\") != %d", t[i].path, t[i].ok);
}

static void test_router__raw_path_suspicious(void **state)
{
	(void)state;
	static const struct {
		const char *raw;
		bool bad;
	} t[] = {
		{ "/", false },
		{ "/api/v1/x?name=%2e%2e", false }, /* the query is not a path */
		{ "/%E4%B8%AD%E6%96%87", false },
		{ "/a%20b", false },
		{ "/%2e%2e/etc/passwd", true },
		{ "/%2E%2E/etc/passwd", true },
		{ "/..%2fetc/passwd", true },
		{ "/..%2Fetc/passwd", true },
		{ "/..%5cetc", true },
		{ "/a%00.html", true },
		{ "/a%2", true },
		{ "/a%", true },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++)
		if (http__raw_path_suspicious(t[i].raw) != t[i].bad)
			fail_msg("raw_path_suspicious(\"%s\") != %d", t[i].raw, t[i].bad);
}

static void test_router__captures_nothing_for_fixed_routes(void **state)
{
	(void)state;
	struct http_req r = { .method = "GET", .path = "/metrics" };
	dib_arena_init(&r.arena, 0, 0);
	bool wrong;
	assert_non_null(http__route_find(&r, &wrong));
	assert_int_equal(r.nparams, 0);
	dib_arena_release(&r.arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_router__finds_routes),
		cmocka_unit_test(test_router__method_labels_are_bounded),
		cmocka_unit_test(test_router__path_ok),
		cmocka_unit_test(test_router__raw_path_suspicious),
		cmocka_unit_test(test_router__captures_nothing_for_fixed_routes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
