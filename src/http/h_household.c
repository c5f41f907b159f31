/*
 * h_household.c — one household over the API (docs/api.md, "One
 * household" and "Writing"): GET /api/v1/households/{id} and its
 * /history; POST /api/v1/households, PATCH /api/v1/households/{id},
 * POST /api/v1/households/{id}/members, PATCH /api/v1/persons/{id},
 * POST /api/v1/memberships/{id}/end and /move. Bodies are strict typed
 * objects (json_fields.c); every rule and every permission is decided in
 * svc/household.h — this file only translates JSON to its calls and the
 * household it answers back to JSON. A write answers the household as
 * GET shows it after the write.
 * Thread-safety: each request uses its own pooled connection.
 */
#include "util/dib.h"
#include "util/time.h"
#include "http/http_int.h"
#include "svc/household.h"
#include "svc/session.h"

#include <inttypes.h>

/* ---- small translations ---- */

static struct household_text opt_text(const json_t *v)
{
	struct household_text t = { v != NULL, http__json_str(v) };
	return t;
}

static struct household_int opt_int(const json_t *v)
{
	struct household_int t = { json_is_integer(v), json_is_integer(v) ? json_integer_value(v) : 0 };
	return t;
}

/* ---- the household as JSON ---- */

static json_t *household_json(const store_household *h)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s?,s:s?,s:s?,s:s,s:i,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?}",
			 "id", (json_int_t)h->id, "hh_no", h->hh_no, "county", h->county,
			 "village_code", h->village_code, "village_name", h->village_name,
			 "township_code", h->township_code[0] ? h->township_code : NULL,
			 "township_name", h->township_name, "address", h->address,
			 "registration", h->registration, "bank_name", h->bank_name,
			 "bank_account", h->bank_account, "account_name", h->account_name,
			 "phone", h->phone, "created_at", h->created_at,
			 "updated_at", h->updated_at);
}

static json_t *member_json(const store_member *m, bool former)
{
	json_t *o = json_pack("{s:I,s:I,s:s,s:s,s:i,s:s,s:i,s:i,s:s?,s:i,s:i,s:s?,s:s}",
			      "membership_id", (json_int_t)m->m.id,
			      "person_id", (json_int_t)m->p.id, "id_number", m->p.id_number,
			      "name", m->p.name, "sex", m->p.sex, "birth_date", m->p.birth_date,
			      "age", m->age, "relation", m->m.relation,
			      "relation_name", codes_name(CODES_RELATION, m->m.relation),
			      "health", m->p.health, "labour", m->p.labour, "phone", m->p.phone,
			      "start_date", m->m.start_date);
	if (o && former &&
	    (json_object_set_new(o, "end_date", json_string(m->m.end_date)) ||
	     json_object_set_new(o, "end_reason", m->m.end_reason ? json_string(m->m.end_reason)
								 : json_null()))) {
		json_decref(o);
		o = NULL;
	}
	return o;
}

static json_t *active_json(const void *x)
{
	return member_json(x, false);
}

static json_t *former_json(const void *x)
{
	return member_json(x, true);
}

/* An id that 0 stands for "none" as a JSON null. */
static json_t *id_or_null(int64_t id)
{
	return id ? json_integer((json_int_t)id) : json_null();
}

static json_t *income_json(const void *x)
{
	const store_income *in = x;
	return json_pack("{s:I,s:o,s:i,s:s,s:I,s:s?,s:s?,s:s}",
			 "id", (json_int_t)in->id, "person_id", id_or_null(in->person_id),
			 "kind", in->kind, "item", in->item, "monthly_fen", (json_int_t)in->monthly_fen,
			 "period_from", in->period_from[0] ? in->period_from : NULL,
			 "period_to", in->period_to[0] ? in->period_to : NULL, "source", in->source);
}

static json_t *asset_json(const void *x)
{
	const store_asset *as = x;
	return json_pack("{s:I,s:o,s:s,s:s,s:I,s:s}",
			 "id", (json_int_t)as->id, "person_id", id_or_null(as->person_id),
			 "kind", as->kind, "description", as->description,
			 "value_fen", (json_int_t)as->value_fen, "source", as->source);
}

static json_t *disability_json(const void *x)
{
	const store_disability *d = x;
	return json_pack("{s:I,s:i,s:i,s:s?}", "person_id", (json_int_t)d->person_id,
			 "category", d->category, "grade", d->grade,
			 "certificate_no", d->certificate_no);
}

/* A JSON array of n items of size bytes each, each by fn; NULL on no memory. */
static json_t *array_of(const void *items, size_t n, size_t size,
			json_t *(*fn)(const void *))
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < n; i++) {
		if (json_array_append_new(arr, fn((const char *)items + i * size))) {
			json_decref(arr);
			arr = NULL;
		}
	}
	return arr;
}

static json_t *detail_json(const store_household_detail *d)
{
	/* "o" takes every reference, on failure too */
	return json_pack("{s:o,s:o,s:o,s:o,s:o,s:o}",
			 "household", household_json(&d->hh),
			 "members", array_of(d->members, d->nmembers, sizeof *d->members, active_json),
			 "former_members", array_of(d->former, d->nformer, sizeof *d->former,
						    former_json),
			 "incomes", array_of(d->incomes, d->nincomes, sizeof *d->incomes, income_json),
			 "assets", array_of(d->assets, d->nassets, sizeof *d->assets, asset_json),
			 "disabilities", array_of(d->disabilities, d->ndisabilities,
						  sizeof *d->disabilities, disability_json));
}

/* Reads household id for the session's user on s and sends it. */
static enum MHD_Result send_household(struct http_req *r, struct store *s, unsigned status,
				      int64_t id)
{
	struct authz_subject who = authz_subject_of(r->session);
	store_household_detail d;
	dib_err err;
	dib_err_clear(&err);
	uint64_t t0 = dib_time_mono_ns();
	dib_code rc = household_get(s, &who, id, http__today(), &r->arena, &d, &err);
	http__metrics_db(&r->app->metrics, dib_time_mono_ns() - t0);
	http__pool_put(&r->app->pool, s);
	if (rc)
		return http__send_error(r, &err);
	json_t *j = detail_json(&d);
	if (!j)
		return MHD_NO;
	enum MHD_Result ret = http__send_json(r, status, j);
	json_decref(j);
	return ret;
}

/* After a write on s (returned to the pool here): the error, or the
 * household hid as GET answers it. */
static enum MHD_Result answer(struct http_req *r, struct store *s, dib_code rc,
			      const dib_err *err, unsigned status, int64_t hid, uint64_t t0)
{
	if (rc) {
		http__metrics_db(&r->app->metrics, dib_time_mono_ns() - t0);
		http__pool_put(&r->app->pool, s);
		return http__send_error(r, err);
	}
	http__metrics_db(&r->app->metrics, dib_time_mono_ns() - t0);
	return send_household(r, s, status, hid);
}

/* ---- reads ---- */

enum MHD_Result http__h_household_get(struct http_req *r)
{
	int64_t id;
	if (!http__path_id(r, 0, &id))
		return http__no_such(r, "户");
	return send_household(r, http__pool_get(&r->app->pool), MHD_HTTP_OK, id);
}

static json_t *history_item(const void *x)
{
	return http__audit_json(x);
}

enum MHD_Result http__h_household_history(struct http_req *r)
{
	int64_t id;
	if (!http__path_id(r, 0, &id))
		return http__no_such(r, "户");
	struct authz_subject who = authz_subject_of(r->session);
	store_audit_row *rows = NULL;
	size_t n = 0;
	dib_err err;
	dib_err_clear(&err);
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = household_history(s, &who, id, &r->arena, &rows, &n, &err);
	http__pool_put(&r->app->pool, s);
	http__metrics_db(&r->app->metrics, dib_time_mono_ns() - t0);
	if (rc)
		return http__send_error(r, &err);
	json_t *j = json_pack("{s:o}", "items", array_of(rows, n, sizeof *rows, history_item));
	if (!j)
		return MHD_NO;
	enum MHD_Result ret = http__send_json(r, MHD_HTTP_OK, j);
	json_decref(j);
	return ret;
}

/* ---- writes ---- */

static const struct http_field person_fields[] = {
	{ "id_number", HTTP_F_STRING, HTTP_F_REQUIRED },
	{ "name", HTTP_F_STRING, HTTP_F_REQUIRED },
	{ "health", HTTP_F_INT, 0 },
	{ "labour", HTTP_F_INT, 0 },
};

/* The person fields from v[0..3] (in person_fields order). */
static struct household_person person_of(json_t *const *v)
{
	struct household_person p = {
		.id_number = http__json_str(v[0]),
		.name = http__json_str(v[1]),
		.health = opt_int(v[2]),
		.labour = opt_int(v[3]),
	};
	return p;
}

enum MHD_Result http__h_household_create(struct http_req *r)
{
	static const struct http_field f[] = {
		{ "hh_no", HTTP_F_STRING, HTTP_F_NULLABLE },
		{ "village_code", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "address", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "registration", HTTP_F_INT, HTTP_F_REQUIRED },
		{ "phone", HTTP_F_STRING, HTTP_F_NULLABLE },
		{ "bank_name", HTTP_F_STRING, HTTP_F_NULLABLE },
		{ "bank_account", HTTP_F_STRING, HTTP_F_NULLABLE },
		{ "account_name", HTTP_F_STRING, HTTP_F_NULLABLE },
		{ "head", HTTP_F_OBJECT, HTTP_F_REQUIRED },
	};
	json_t *v[DIB_ARRAY_LEN(f)], *pv[DIB_ARRAY_LEN(person_fields)];
	json_t *doc = NULL;
	dib_err err;
	dib_err_clear(&err);
	if (http__read_object(r, f, DIB_ARRAY_LEN(f), &doc, v, &err) ||
	    http__check_fields(v[8], "head.", person_fields, DIB_ARRAY_LEN(person_fields),
			       pv, &err)) {
		json_decref(doc);
		return http__send_error(r, &err);
	}
	struct household_new in = {
		.hh_no = http__json_str(v[0]),
		.village_code = http__json_str(v[1]),
		.address = http__json_str(v[2]),
		.registration = json_integer_value(v[3]),
		.phone = http__json_str(v[4]),
		.bank_name = http__json_str(v[5]),
		.bank_account = http__json_str(v[6]),
		.account_name = http__json_str(v[7]),
		.head = person_of(pv),
	};
	struct authz_subject who = authz_subject_of(r->session);
	int64_t id = 0;
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = household_create(s, &who, &in, http__today(), &r->arena, &id, &err);
	json_decref(doc);
	return answer(r, s, rc, &err, MHD_HTTP_CREATED, id, t0);
}

enum MHD_Result http__h_household_update(struct http_req *r)
{
	static const struct http_field f[] = {
		{ "address", HTTP_F_STRING, 0 },
		{ "registration", HTTP_F_INT, 0 },
		{ "phone", HTTP_F_STRING, HTTP_F_NULLABLE },
		{ "bank_name", HTTP_F_STRING, HTTP_F_NULLABLE },
		{ "bank_account", HTTP_F_STRING, HTTP_F_NULLABLE },
		{ "account_name", HTTP_F_STRING, HTTP_F_NULLABLE },
		{ "village_code", HTTP_F_STRING, 0 },
		{ "reason", HTTP_F_STRING, HTTP_F_NULLABLE },
	};
	int64_t id;
	if (!http__path_id(r, 0, &id))
		return http__no_such(r, "户");
	json_t *v[DIB_ARRAY_LEN(f)];
	json_t *doc = NULL;
	dib_err err;
	dib_err_clear(&err);
	if (http__read_object(r, f, DIB_ARRAY_LEN(f), &doc, v, &err))
		return http__send_error(r, &err);
	struct household_change c = {
		.address = opt_text(v[0]),
		.registration = opt_int(v[1]),
		.phone = opt_text(v[2]),
		.bank_name = opt_text(v[3]),
		.bank_account = opt_text(v[4]),
		.account_name = opt_text(v[5]),
		.village_code = opt_text(v[6]),
		.reason = http__json_str(v[7]),
	};
	struct authz_subject who = authz_subject_of(r->session);
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = household_update(s, &who, id, &c, &r->arena, &err);
	json_decref(doc);
	return answer(r, s, rc, &err, MHD_HTTP_OK, id, t0);
}

enum MHD_Result http__h_household_add_member(struct http_req *r)
{
	static const struct http_field f[] = {
		{ "id_number", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "name", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "health", HTTP_F_INT, 0 },
		{ "labour", HTTP_F_INT, 0 },
		{ "relation", HTTP_F_INT, HTTP_F_REQUIRED },
		{ "start_date", HTTP_F_STRING, HTTP_F_NULLABLE },
	};
	_Static_assert(DIB_ARRAY_LEN(person_fields) == 4, "person fields lead f[]");
	int64_t hid;
	if (!http__path_id(r, 0, &hid))
		return http__no_such(r, "户");
	json_t *v[DIB_ARRAY_LEN(f)];
	json_t *doc = NULL;
	dib_err err;
	dib_err_clear(&err);
	if (http__read_object(r, f, DIB_ARRAY_LEN(f), &doc, v, &err))
		return http__send_error(r, &err);
	struct household_person p = person_of(v);
	struct authz_subject who = authz_subject_of(r->session);
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = household_add_member(s, &who, hid, &p, json_integer_value(v[4]),
					   http__json_str(v[5]), http__today(), &r->arena, NULL, &err);
	json_decref(doc);
	return answer(r, s, rc, &err, MHD_HTTP_CREATED, hid, t0);
}

enum MHD_Result http__h_person_update(struct http_req *r)
{
	static const struct http_field f[] = {
		{ "name", HTTP_F_STRING, 0 },
		{ "id_number", HTTP_F_STRING, 0 },
		{ "health", HTTP_F_INT, 0 },
		{ "labour", HTTP_F_INT, 0 },
		{ "phone", HTTP_F_STRING, HTTP_F_NULLABLE },
		{ "reason", HTTP_F_STRING, HTTP_F_NULLABLE },
	};
	int64_t pid;
	if (!http__path_id(r, 0, &pid))
		return http__no_such(r, "人员");
	json_t *v[DIB_ARRAY_LEN(f)];
	json_t *doc = NULL;
	dib_err err;
	dib_err_clear(&err);
	if (http__read_object(r, f, DIB_ARRAY_LEN(f), &doc, v, &err))
		return http__send_error(r, &err);
	struct person_change c = {
		.name = opt_text(v[0]),
		.id_number = opt_text(v[1]),
		.health = opt_int(v[2]),
		.labour = opt_int(v[3]),
		.phone = opt_text(v[4]),
		.reason = http__json_str(v[5]),
	};
	struct authz_subject who = authz_subject_of(r->session);
	int64_t hid = 0;
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = household_person_update(s, &who, pid, &c, http__today(), &r->arena, &hid, &err);
	json_decref(doc);
	return answer(r, s, rc, &err, MHD_HTTP_OK, hid, t0);
}

enum MHD_Result http__h_membership_end(struct http_req *r)
{
	static const struct http_field f[] = {
		{ "end_date", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "reason", HTTP_F_STRING, HTTP_F_REQUIRED },
	};
	int64_t mid;
	if (!http__path_id(r, 0, &mid))
		return http__no_such(r, "成员关系");
	json_t *v[DIB_ARRAY_LEN(f)];
	json_t *doc = NULL;
	dib_err err;
	dib_err_clear(&err);
	if (http__read_object(r, f, DIB_ARRAY_LEN(f), &doc, v, &err))
		return http__send_error(r, &err);
	struct authz_subject who = authz_subject_of(r->session);
	int64_t hid = 0;
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = household_member_end(s, &who, mid, http__json_str(v[0]),
					   http__json_str(v[1]), http__today(), &r->arena, &hid, &err);
	json_decref(doc);
	return answer(r, s, rc, &err, MHD_HTTP_OK, hid, t0);
}

enum MHD_Result http__h_membership_move(struct http_req *r)
{
	static const struct http_field f[] = {
		{ "household_id", HTTP_F_INT, HTTP_F_REQUIRED },
		{ "relation", HTTP_F_INT, HTTP_F_REQUIRED },
		{ "date", HTTP_F_STRING, HTTP_F_REQUIRED },
		{ "reason", HTTP_F_STRING, HTTP_F_REQUIRED },
	};
	int64_t mid;
	if (!http__path_id(r, 0, &mid))
		return http__no_such(r, "成员关系");
	json_t *v[DIB_ARRAY_LEN(f)];
	json_t *doc = NULL;
	dib_err err;
	dib_err_clear(&err);
	if (http__read_object(r, f, DIB_ARRAY_LEN(f), &doc, v, &err))
		return http__send_error(r, &err);
	struct authz_subject who = authz_subject_of(r->session);
	int64_t hid = 0;
	uint64_t t0 = dib_time_mono_ns();
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = household_member_move(s, &who, mid, json_integer_value(v[0]),
					    json_integer_value(v[1]), http__json_str(v[2]),
					    http__json_str(v[3]), http__today(), &r->arena, &hid, &err);
	json_decref(doc);
	return answer(r, s, rc, &err, MHD_HTTP_OK, hid, t0);
}
