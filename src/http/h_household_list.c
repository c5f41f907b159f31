/*
 * h_household_list.c — the household list and search, GET
 * /api/v1/households?q=&region=&registration=&limit=&cursor=
 * ({"items":[…],"total":N,"next_cursor":"…"|null}), and its xlsx export,
 * GET /api/v1/households/export?q=&region=&registration= (a download).
 * Who may see which households, what q means and the audit record of an
 * export are decided in svc (household_list.h); this file only
 * translates, and owns the export's temporary file.
 * Thread-safety: each request uses its own pooled connection.
 */
#include "util/dib.h"
#include "util/time.h"
#include "http/http_int.h"
#include "svc/household_list.h"
#include "svc/session.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

/* RFC 6266: an ASCII name for old clients, then 家庭档案.xlsx in UTF-8,
 * percent-encoded (RFC 8187), which browsers prefer */
#define XLSX_DISPOSITION "attachment; filename=\"households.xlsx\"; " \
	"filename*=UTF-8''%E5%AE%B6%E5%BA%AD%E6%A1%A3%E6%A1%88.xlsx"

static const char *arg(struct http_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

static struct household_list_params params(struct http_req *r)
{
	struct household_list_params p = {
		.q = arg(r, "q"),
		.region = arg(r, "region"),
		.registration = arg(r, "registration"),
		.limit = arg(r, "limit"),
		.cursor = arg(r, "cursor"),
	};
	return p;
}

/* One list item; NULL on no memory. */
static json_t *item_json(const store_hh_item *h)
{
	return json_pack("{s:I,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:i,s:s?,s:s?,s:I}",
			 "id", (json_int_t)h->id, "hh_no", h->hh_no, "county", h->county,
			 "village_code", h->village_code, "village_name", h->village_name,
			 "township_name", h->township_name, "address", h->address,
			 "registration", h->registration, "head_name", h->head_name,
			 "head_id_number", h->head_id_number, "members",
			 (json_int_t)h->members);
}

enum MHD_Result http__h_households(struct http_req *r)
{
	struct household_list_params p = params(r);
	struct authz_subject who = authz_subject_of(r->session);
	struct household_list_page pg;
	dib_err err;
	dib_err_clear(&err);
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = household_list_query(s, &who, &p, http__today(), &r->arena, &pg, &err);
	http__pool_put(&r->app->pool, s);
	if (rc)
		return http__send_error(r, &err);
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < pg.n; i++) {
		if (json_array_append_new(arr, item_json(&pg.items[i]))) {
			json_decref(arr);
			arr = NULL;
		}
	}
	if (!arr)
		return MHD_NO;
	/* "o" takes the reference, on failure too */
	json_t *j = pg.next_cursor[0]
		? json_pack("{s:o,s:I,s:s}", "items", arr, "total", (json_int_t)pg.total,
			    "next_cursor", pg.next_cursor)
		: json_pack("{s:o,s:I,s:n}", "items", arr, "total", (json_int_t)pg.total,
			    "next_cursor");
	if (!j)
		return MHD_NO;
	enum MHD_Result ret = http__send_json(r, MHD_HTTP_OK, j);
	json_decref(j);
	return ret;
}

/* Sends the finished file at path and removes its name: the open
 * descriptor keeps the bytes until libmicrohttpd has sent them. */
enum MHD_Result http__h_households_export(struct http_req *r)
{
	struct household_list_params p = params(r);
	p.limit = p.cursor = NULL; /* the export is the whole filter */
	struct authz_subject who = authz_subject_of(r->session);
	dib_err err;
	dib_err_clear(&err);
	char path[4096];
	if (http__export_file(path, sizeof path, &err))
		return http__send_error(r, &err);
	int64_t rows = 0;
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = household_list_export(s, &who, &p, http__today(), path, &rows, &err);
	http__pool_put(&r->app->pool, s);
	if (rc) {
		unlink(path);
		return http__send_error(r, &err);
	}
	return http__send_xlsx(r, path, XLSX_DISPOSITION);
}
