/*
 * h_params.c — standards and parameters over the API (docs/api.md,
 * "Standards and parameters"): GET and POST /api/v1/standards, GET
 * /api/v1/params, GET /api/v1/params/{key}/history and PUT
 * /api/v1/params/{key}. Bodies are strict typed objects (json_fields.c);
 * every rule and permission is decided in svc/standard.h and svc/params.h
 * — this file only translates query strings and JSON to their calls and
 * the answers back to JSON.
 * Thread-safety: each request uses its own pooled connection.
 */
#include "util/dib.h"
#include "util/time.h"
#include "http/http_int.h"
#include "svc/params.h"
#include "svc/session.h"
#include "svc/standard.h"

/* ---- small translations ---- */

static const char *arg(struct http_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

/* ?date= (default today) into *on. */
static dib_code arg_date(struct http_req *r, dib_date *on, dib_err *err)
{
	const char *d = arg(r, "date");
	*on = http__today();
	if (!d || !*d)
		return DIB_OK;
	dib_err e;
	dib_err_clear(&e);
	if (date_parse(d, strlen(d), on, &e)) {
		char q[DIB_QUOTE_MAX];
		return dib_err_set(err, DIB_EINVAL, "查询日期 \"%s\" 不是有效日期 (YYYY-MM-DD)",
				   dib_err_quote(d, strlen(d), q, sizeof q));
	}
	return DIB_OK;
}

/* "YYYY-MM-DD", or NULL for a date of year 0; allocated in the arena. */
static const char *date_text(struct http_req *r, dib_date d)
{
	char b[DIB_DATE_STR];
	return d.year ? dib_arena_strdup(&r->arena, date_format(d, b)) : NULL;
}

/* ---- standards ---- */

static json_t *standard_json(struct http_req *r, const struct standard_info *s)
{
	char from[DIB_DATE_STR];
	json_t *monthly = s->has_monthly ? json_integer(s->monthly_fen) : json_null();
	return json_pack("{s:s,s:s,s:s,s:s,s:s,s:I,s:o,s:s?,s:s?,s:s?,s:b}", "county",
			 s->st.county, "program", s->st.program, "program_name", s->program_name,
			 "unit", s->st.unit, "effective_from", date_format(s->st.effective_from, from),
			 "amount_fen", (json_int_t)s->st.amount_fen, "monthly_fen", monthly,
			 "decided_on", date_text(r, s->st.decided_on), "document", s->st.document,
			 "created_at", s->st.created_at, "in_force", s->in_force);
}

static json_t *programs_json(const store_program *p, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < n; i++)
		http__push(&arr, json_pack("{s:s,s:s,s:s}", "code", p[i].code, "name", p[i].name,
					   "unit", p[i].unit));
	return arr;
}

enum MHD_Result http__h_standards_list(struct http_req *r)
{
	struct authz_subject who = authz_subject_of(r->session);
	struct standard_info *v = NULL;
	store_program *progs = NULL;
	size_t n = 0, np = 0;
	dib_date on;
	dib_err err;
	dib_err_clear(&err);
	dib_code rc = arg_date(r, &on, &err);
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	if (!rc)
		rc = standard_list(s, &who, arg(r, "county"), arg(r, "program"), on, &r->arena, &v,
				   &n, &err);
	if (!rc)
		rc = standard_programs(s, &r->arena, &progs, &np, &err);
	http__pool_put(&r->app->pool, s);
	http__metrics_db(&r->app->metrics, dib_time_mono_ns() - t0);
	if (rc)
		return http__send_error(r, &err);
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < n; i++)
		http__push(&arr, standard_json(r, &v[i]));
	json_t *pj = programs_json(progs, np);
	if (!arr || !pj) {
		json_decref(arr);
		json_decref(pj);
		return MHD_NO;
	}
	char d[DIB_DATE_STR];
	/* "o" takes both references, on failure too */
	return http__send_owned(r, MHD_HTTP_OK, json_pack("{s:s,s:o,s:o}", "date",
							  date_format(on, d), "items", arr,
							  "programs", pj));
}

enum MHD_Result http__h_standards_set(struct http_req *r)
{
	static const struct http_field f[] = {
		{ "county", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "program", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "effective_from", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "amount_fen", HTTP_F_INT, HTTP_F_REQUIRED },
		{ "decided_on", HTTP_F_STRING, HTTP_F_NULLABLE },
		{ "document", HTTP_F_STRING, HTTP_F_NULLABLE },
		{ "reason", HTTP_F_STRING, HTTP_F_NULLABLE },
	};
	json_t *doc = NULL, *v[DIB_ARRAY_LEN(f)];
	dib_err err;
	dib_err_clear(&err);
	if (http__read_object(r, f, DIB_ARRAY_LEN(f), &doc, v, &err))
		return http__send_error(r, &err);
	struct standard_set_req q = {
		.county = http__json_str(v[0]),
		.program = http__json_str(v[1]),
		.from = http__json_str(v[2]),
		.amount_fen = (dib_fen)json_integer_value(v[3]),
		.decided_on = http__json_str(v[4]),
		.document = http__json_str(v[5]),
		.reason = http__json_str(v[6]),
	};
	struct authz_subject who = authz_subject_of(r->session);
	bool corrected = false;
	struct standard_info *rows = NULL;
	size_t n = 0;
	dib_date from = { 0, 0, 0 };
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = standard_set(s, &who, who.username, &q, http__today(), &corrected, &err);
	/* answer with the row as the list shows it */
	if (!rc) {
		dib_err scratch;
		dib_err_clear(&scratch);
		date_parse(q.from, strlen(q.from), &from, &scratch);
		rc = standard_list(s, &who, q.county, q.program, http__today(), &r->arena, &rows, &n, &err);
	}
	http__pool_put(&r->app->pool, s);
	http__metrics_db(&r->app->metrics, dib_time_mono_ns() - t0);
	json_decref(doc);
	if (rc)
		return http__send_error(r, &err);
	const struct standard_info *row = NULL;
	for (size_t i = 0; i < n; i++)
		if (!date_cmp(rows[i].st.effective_from, from))
			row = &rows[i];
	if (!row)
		return http__send_code(r, DIB_EINTERNAL, NULL);
	json_t *j = standard_json(r, row);
	if (!j)
		return MHD_NO;
	return http__send_owned(r, corrected ? MHD_HTTP_OK : MHD_HTTP_CREATED,
				json_pack("{s:o,s:b}", "standard", j, "corrected", corrected));
}

/* ---- parameters ---- */

/* The catalogue's side of a parameter: name, type, unit, source, default,
 * range and choices; a text's range is of its length (min_length,
 * max_length: digits), since it is no number. */
static json_t *def_json(const params_def *d)
{
	char dv[PARAMS_TEXT_MAX], lo[PARAMS_TEXT_MAX], hi[PARAMS_TEXT_MAX];
	params_value a = { .n = d->min }, b = { .n = d->max };
	json_t *choices = NULL;
	if (d->type == PARAMS_ENUM) {
		choices = json_array();
		for (size_t i = 0; choices && i < d->nchoices; i++)
			http__push(&choices, json_pack("{s:s,s:s}", "code", d->choices[i].code,
						       "name", d->choices[i].name));
	} else if (d->only) {
		choices = json_array();
		for (size_t i = 0; choices && i < d->nonly; i++)
			http__push(&choices, json_integer(d->only[i]));
	}
	if ((d->type == PARAMS_ENUM || d->only) && !choices)
		return NULL;
	bool text = d->type == PARAMS_TEXT;
	bool range = d->type != PARAMS_ENUM && d->type != PARAMS_BOOL && !text;
	json_t *j = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s?,s:s?,s:o?}", "key", d->key, "name",
			      d->name, "type", params_type_code(d->type), "unit", d->unit, "source",
			      d->source, "default", params_format(d, params_default(d), dv), "min",
			      range ? params_format(d, a, lo) : NULL, "max",
			      range ? params_format(d, b, hi) : NULL, "choices", choices);
	if (j && text &&
	    (json_object_set_new(j, "min_length", json_integer(d->min)) ||
	     json_object_set_new(j, "max_length", json_integer(d->max)))) {
		json_decref(j);
		return NULL;
	}
	return j;
}

/* Adds the value v of d to obj: "value" (shown form) and "number" (null
 * for a text, which is no number). */
static bool put_value(json_t *obj, const params_def *d, params_value v)
{
	char shown[PARAMS_TEXT_MAX];
	if (!obj || json_object_set_new(obj, "value", json_string(params_format(d, v, shown))))
		return false;
	return !json_object_set_new(obj, "number",
				    d->type == PARAMS_TEXT ? json_null() : json_integer(v.n));
}

static json_t *effective_json(struct http_req *r, const struct params_effective *e)
{
	json_t *j = def_json(e->def);
	bool local = e->origin != PARAMS_ORIGIN_DEFAULT;
	json_t *prov = json_pack("{s:s,s:s,s:s?,s:s?,s:i,s:s?,s:s?}", "origin",
				 params_origin_code(e->origin), "origin_name",
				 params_origin_name(e->origin), "scope", local ? e->scope : NULL,
				 "effective_from", date_text(r, e->effective_from), "revision",
				 e->revision, "decided_on", date_text(r, e->decided_on), "document",
				 e->document);
	if (!j || !prov || json_object_update(j, prov) || !put_value(j, e->def, e->value)) {
		json_decref(j);
		json_decref(prov);
		return NULL;
	}
	json_decref(prov);
	return j;
}

enum MHD_Result http__h_params_list(struct http_req *r)
{
	struct authz_subject who = authz_subject_of(r->session);
	const char *county = arg(r, "county");
	struct params_effective *v = NULL;
	size_t n = 0;
	dib_date on;
	dib_err err;
	dib_err_clear(&err);
	dib_code rc = arg_date(r, &on, &err);
	if (!rc && (!county || !*county)) {
		/* the user's own county when he sits at or below one, else his
		 * own city or province */
		char c6[REGION_COUNTY_LEN + 1];
		const char *mine = who.region_code ? who.region_code : "";
		county = region_county_of(mine, c6)[0] ? dib_arena_strdup(&r->arena, c6) : mine;
		if (!county)
			return MHD_NO;
	}
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	if (!rc)
		rc = params_list(s, &who, county, on, &r->arena, &v, &n, &err);
	http__pool_put(&r->app->pool, s);
	http__metrics_db(&r->app->metrics, dib_time_mono_ns() - t0);
	if (rc)
		return http__send_error(r, &err);
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < n; i++)
		http__push(&arr, effective_json(r, &v[i]));
	if (!arr)
		return MHD_NO;
	char d[DIB_DATE_STR];
	region_code c;
	dib_err scratch;
	dib_err_clear(&scratch);
	if (region_parse(county, strlen(county), &c, &scratch))
		c.code[0] = '\0';
	return http__send_owned(r, MHD_HTTP_OK, json_pack("{s:s,s:s,s:o}", "county", c.code,
							  "date", date_format(on, d), "items",
							  arr));
}

enum MHD_Result http__h_param_history(struct http_req *r)
{
	struct authz_subject who = authz_subject_of(r->session);
	const char *key = r->nparams ? r->params[0] : "";
	struct params_record *v = NULL;
	size_t n = 0;
	dib_err err;
	dib_err_clear(&err);
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = params_history(s, &who, arg(r, "scope"), key, &r->arena, &v, &n, &err);
	http__pool_put(&r->app->pool, s);
	http__metrics_db(&r->app->metrics, dib_time_mono_ns() - t0);
	if (rc)
		return http__send_error(r, &err);
	const params_def *d = params_find(key);
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < n; i++) {
		const store_param *p = &v[i].row;
		char from[DIB_DATE_STR];
		json_t *o = json_pack("{s:s,s:i,s:s?,s:s?,s:s?,s:s,s:s,s:b}", "effective_from",
				      date_format(p->effective_from, from), "revision", p->revision,
				      "decided_on", date_text(r, p->decided_on), "document",
				      p->document, "reason", p->reason, "created_at", p->created_at,
				      "created_by", p->created_by, "superseded", v[i].superseded);
		if (o && !put_value(o, d, v[i].value)) {
			json_decref(o);
			o = NULL;
		}
		http__push(&arr, o);
	}
	json_t *dj = def_json(d);
	if (!arr || !dj) {
		json_decref(arr);
		json_decref(dj);
		return MHD_NO;
	}
	region_code sc;
	dib_err scratch;
	dib_err_clear(&scratch);
	const char *scope = arg(r, "scope");
	region_parse(scope, strlen(scope), &sc, &scratch); /* checked by params_history */
	return http__send_owned(r, MHD_HTTP_OK,
				json_pack("{s:s,s:o,s:s,s:o}", "key", d->key, "param", dj, "scope",
					  sc.code, "items", arr));
}

enum MHD_Result http__h_param_set(struct http_req *r)
{
	static const struct http_field f[] = {
		{ "scope", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "value", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "effective_from", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "decided_on", HTTP_F_STRING, HTTP_F_NULLABLE },
		{ "document", HTTP_F_STRING, HTTP_F_NULLABLE },
		{ "reason", HTTP_F_STRING, HTTP_F_NULLABLE },
	};
	json_t *doc = NULL, *v[DIB_ARRAY_LEN(f)];
	dib_err err;
	dib_err_clear(&err);
	if (http__read_object(r, f, DIB_ARRAY_LEN(f), &doc, v, &err))
		return http__send_error(r, &err);
	struct params_set_req q = {
		.key = r->nparams ? r->params[0] : "",
		.scope = http__json_str(v[0]),
		.value = http__json_str(v[1]),
		.from = http__json_str(v[2]),
		.decided_on = http__json_str(v[3]),
		.document = http__json_str(v[4]),
		.reason = http__json_str(v[5]),
	};
	struct authz_subject who = authz_subject_of(r->session);
	struct params_set_result res;
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = params_set(s, &who, who.username, &q, http__today(), &res, &err);
	http__pool_put(&r->app->pool, s);
	http__metrics_db(&r->app->metrics, dib_time_mono_ns() - t0);
	const char *from = rc ? NULL : dib_arena_strdup(&r->arena, q.from);
	json_decref(doc);
	if (rc)
		return http__send_error(r, &err);
	const params_def *d = params_find(q.key);
	json_t *j = json_pack("{s:s,s:s,s:s,s:i,s:b}", "key", d->key, "scope", res.scope,
			      "effective_from", from ? from : "", "revision", res.revision,
			      "corrected", res.corrected);
	if (!put_value(j, d, res.value)) {
		json_decref(j);
		return MHD_NO;
	}
	return http__send_owned(r, MHD_HTTP_OK, j);
}
