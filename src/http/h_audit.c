/*
 * h_audit.c — the auditor's audit-log query: GET /api/v1/audit?actor=
 * &entity=&action=&from=&to=&limit=&cursor=, newest first, keyset paged
 * ({"items":[…],"next_cursor":ID or null}); and GET /api/v1/audit/export
 * with the same filters, an xlsx file written to a temporary file and sent
 * from it. Who may read which records is decided in svc (audit_query,
 * audit_export → authz_check), never here; this file only translates.
 * Thread-safety: each request uses its own pooled connection and its own
 * temporary file.
 */
#include "util/dib.h"
#include "http/http_int.h"
#include "svc/audit_query.h"
#include "svc/session.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

/* RFC 6266 / RFC 5987: an ASCII name for old clients, then 审计日志.xlsx
 * percent-encoded in UTF-8 */
#define EXPORT_DISPOSITION \
	"attachment; filename=\"audit-log.xlsx\"; " \
	"filename*=UTF-8''%E5%AE%A1%E8%AE%A1%E6%97%A5%E5%BF%97.xlsx"

static const char *arg(struct http_req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

json_t *http__audit_json(const store_audit_row *e)
{
	return json_pack("{s:I,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?,s:s?}",
			 "id", (json_int_t)e->id, "at", e->at, "actor", e->actor,
			 "action", e->action, "entity", e->entity,
			 "entity_id", e->entity_id, "reason", e->reason,
			 "before", e->before_json, "after", e->after_json);
}

static struct audit_query_params params_of(struct http_req *r)
{
	struct audit_query_params p = {
		.actor = arg(r, "actor"),
		.entity = arg(r, "entity"),
		.action = arg(r, "action"),
		.from = arg(r, "from"),
		.to = arg(r, "to"),
		.limit = arg(r, "limit"),
		.cursor = arg(r, "cursor"),
	};
	return p;
}

enum MHD_Result http__h_audit(struct http_req *r)
{
	struct audit_query_params p = params_of(r);
	struct authz_subject who = authz_subject_of(r->session);
	store_audit_row *rows = NULL;
	size_t n = 0;
	int64_t next = 0;
	dib_err err;
	dib_err_clear(&err);
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = audit_query(s, &who, &p, &r->arena, &rows, &n, &next, &err);
	http__pool_put(&r->app->pool, s);
	if (rc)
		return http__send_error(r, &err);
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < n; i++) {
		if (json_array_append_new(arr, http__audit_json(&rows[i]))) {
			json_decref(arr);
			arr = NULL;
		}
	}
	if (!arr)
		return MHD_NO;
	/* "o" takes the reference, on failure too */
	json_t *j = next ? json_pack("{s:o,s:I}", "items", arr, "next_cursor",
				     (json_int_t)next)
			 : json_pack("{s:o,s:n}", "items", arr, "next_cursor");
	if (!j)
		return MHD_NO;
	enum MHD_Result ret = http__send_json(r, MHD_HTTP_OK, j);
	json_decref(j);
	return ret;
}

/* Sends the file at path (then removed) as the xlsx attachment. */
enum MHD_Result http__h_audit_export(struct http_req *r)
{
	struct audit_query_params p = params_of(r);
	struct authz_subject who = authz_subject_of(r->session);
	dib_err err;
	dib_err_clear(&err);
	char path[4096];
	if (http__export_file(path, sizeof path, &err))
		return http__send_error(r, &err);
	int64_t rows = 0;
	struct store *s = http__pool_get(&r->app->pool);
	dib_code rc = audit_export(s, &who, &p, path, &rows, &err);
	http__pool_put(&r->app->pool, s);
	if (rc) {
		unlink(path);
		return http__send_error(r, &err);
	}
	return http__send_xlsx(r, path, EXPORT_DISPOSITION);
}
