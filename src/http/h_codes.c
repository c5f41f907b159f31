/*
 * h_codes.c — the code tables for the UI's forms and filters, GET
 * /api/v1/codes: 与户主关系, 健康状况, 劳动能力, 户籍类别 and 性别 from
 * core/codes.h, and the roles with their Chinese names from the roles
 * table (svc stats_roles). Reference data, the same for every logged-in
 * user.
 * Thread-safety: each request uses its own pooled connection; the core
 * tables are constant.
 */
#include "util/dib.h"
#include "http/http_int.h"
#include "core/codes.h"
#include "svc/stats.h"

/* Every code of table t as [{"code":1,"name":"户主"},…] in code order;
 * NULL on no memory. The tables sent hold codes 0–99 (relation's highest
 * is 99 非亲属), so asking codes_name for each finds them all. */
static json_t *table_json(enum codes_table t)
{
	json_t *arr = json_array();
	for (int code = 0; arr && code <= 99; code++) {
		const char *name = codes_name(t, code);
		if (name && json_array_append_new(arr, json_pack("{s:i,s:s}", "code", code,
								 "name", name))) {
			json_decref(arr);
			arr = NULL;
		}
	}
	return arr;
}

enum MHD_Result http__h_codes(struct http_req *r)
{
	static const struct {
		const char *key;
		enum codes_table t;
	} tables[] = {
		{ "relation", CODES_RELATION }, { "health", CODES_HEALTH },
		{ "labour", CODES_LABOUR }, { "registration", CODES_REGISTRATION },
		{ "sex", CODES_SEX }, { "disability_kind", CODES_DISABILITY_KIND },
		{ "disability_grade", CODES_DISABILITY_GRADE },
		{ "income_kind", CODES_INCOME_KIND }, { "orphan", CODES_ORPHAN },
	};
	store_stats_role *roles = NULL;
	size_t nroles = 0;
	dib_err err;
	dib_err_clear(&err);
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = stats_roles(s, &r->arena, &roles, &nroles, &err);
	http__pool_put(&r->app->pool, s);
	if (rc)
		return http__send_error(r, &err);
	json_t *j = json_object();
	for (size_t i = 0; j && i < DIB_ARRAY_LEN(tables); i++) {
		if (json_object_set_new(j, tables[i].key, table_json(tables[i].t))) {
			json_decref(j);
			j = NULL;
		}
	}
	json_t *rj = json_array();
	for (size_t i = 0; rj && i < nroles; i++) {
		if (json_array_append_new(rj, json_pack("{s:s,s:s}", "code", roles[i].code,
							"name", roles[i].name))) {
			json_decref(rj);
			rj = NULL;
		}
	}
	if (!j || !rj || json_object_set_new(j, "roles", rj)) {
		json_decref(j);
		if (!j)
			json_decref(rj);
		return MHD_NO;
	}
	enum MHD_Result ret = http__send_json(r, MHD_HTTP_OK, j);
	json_decref(j);
	return ret;
}
