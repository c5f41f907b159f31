/*
 * h_stats.c — the dashboard's figures, GET /api/v1/stats/register?region=
 * (households and persons of the user's region, by registration and by
 * the regions one level down). Who may see which region's figures is
 * decided in svc (stats_register → authz_check); this file only
 * translates.
 * Thread-safety: each request uses its own pooled connection.
 */
#include "util/dib.h"
#include "http/http_int.h"
#include "svc/stats.h"
#include "svc/session.h"

/* Builds the answer; NULL on no memory. */
static json_t *stats_json(const struct stats_register *st)
{
	json_t *reg = json_array();
	for (size_t i = 0; reg && i < DIB_ARRAY_LEN(st->by_registration); i++) {
		const struct stats_by_registration *b = &st->by_registration[i];
		if (json_array_append_new(reg, json_pack("{s:i,s:I,s:I}", "registration",
							  b->registration, "households",
							  (json_int_t)b->households, "persons",
							  (json_int_t)b->persons))) {
			json_decref(reg);
			reg = NULL;
		}
	}
	json_t *kids = json_array();
	for (size_t i = 0; kids && i < st->nchild; i++) {
		const struct stats_child *c = &st->by_child[i];
		if (json_array_append_new(kids, json_pack("{s:s,s:s?,s:I,s:I}", "code", c->code,
							   "name", c->name, "households",
							   (json_int_t)c->households, "persons",
							   (json_int_t)c->persons))) {
			json_decref(kids);
			kids = NULL;
		}
	}
	json_t *region = json_pack("{s:s,s:s?,s:i}", "code", st->region.code, "name",
				   st->region.name, "level", (int)st->region.level);
	if (!reg || !kids || !region) {
		json_decref(reg);
		json_decref(kids);
		json_decref(region);
		return NULL;
	}
	/* "o" takes the references, on failure too */
	return json_pack("{s:o,s:I,s:I,s:o,s:o}", "region", region, "households",
			 (json_int_t)st->households, "persons", (json_int_t)st->persons,
			 "by_registration", reg, "by_child", kids);
}

enum MHD_Result http__h_stats_register(struct http_req *r)
{
	const char *region = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND,
							 "region");
	struct authz_subject who = authz_subject_of(r->session);
	struct stats_register st;
	dib_err err;
	dib_err_clear(&err);
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = stats_register(s, &who, region, &r->arena, &st, &err);
	http__pool_put(&r->app->pool, s);
	if (rc)
		return http__send_error(r, &err);
	json_t *j = stats_json(&st);
	if (!j)
		return MHD_NO;
	enum MHD_Result ret = http__send_json(r, MHD_HTTP_OK, j);
	json_decref(j);
	return ret;
}
