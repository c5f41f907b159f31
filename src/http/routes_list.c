/*
 * routes_list.c — the route table as seen from outside the layer, for
 * `dibao serve --routes`: the authorisation walk test reads it to prove
 * that every route is in its matrix, so a new route cannot ship untested.
 * Thread-safety: reads the constant table.
 */
#include "util/dib.h"
#include "http/http_int.h"

static const char *guard_name(enum http_guard g)
{
	switch (g) {
	case HTTP_PUBLIC:
		return "public";
	case HTTP_SESSION:
		return "session";
	case HTTP_SESSION_CSRF:
		return "session+csrf";
	}
	return "?";
}

void http_routes_each(http_route_fn fn, void *ctx)
{
	for (int i = 0; i < http__route_count(); i++) {
		const struct http_route *rt = http__route_get(i);
		if (rt)
			fn(ctx, rt->method, rt->pattern, guard_name(rt->guard));
	}
}
