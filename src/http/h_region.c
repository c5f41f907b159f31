/*
 * h_region.c — the region tree API: GET /api/v1/regions?parent=CODE, the
 * children of a region (default: the user's own region root). Whether the
 * user may see them is decided in svc (region_children → authz_check),
 * never here; this file only translates.
 * Thread-safety: each request uses its own pooled connection.
 */
#include "util/dib.h"
#include "http/http_int.h"
#include "svc/region.h"
#include "svc/session.h"

/* {"code","name","level"}; NULL on no memory. */
static json_t *region_json(const store_region *g)
{
	return json_pack("{s:s,s:s,s:i}", "code", g->code, "name", g->name,
			 "level", (int)g->level);
}

enum MHD_Result http__h_regions(struct http_req *r)
{
	const char *parent = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND,
							 "parent");
	struct authz_subject who = authz_subject_of(r->session);
	store_region p;
	store_region *kids = NULL;
	size_t n = 0;
	dib_err err;
	dib_err_clear(&err);
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = region_children(s, &who, parent, &r->arena, &p, &kids, &n, &err);
	http__pool_put(&r->app->pool, s);
	if (rc)
		return http__send_error(r, &err);
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < n; i++) {
		if (json_array_append_new(arr, region_json(&kids[i]))) {
			json_decref(arr);
			arr = NULL;
		}
	}
	json_t *pj = region_json(&p);
	if (!arr || !pj) {
		json_decref(arr);
		json_decref(pj);
		return MHD_NO;
	}
	/* "o" takes both references, on failure too */
	json_t *j = json_pack("{s:o,s:o}", "parent", pj, "children", arr);
	if (!j)
		return MHD_NO;
	enum MHD_Result ret = http__send_json(r, MHD_HTTP_OK, j);
	json_decref(j);
	return ret;
}
