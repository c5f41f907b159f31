/*
 * audit_query.h (svc) — reading the audit log on behalf of a user (the
 * auditor's query, GET /api/v1/audit, and its xlsx export, GET
 * /api/v1/audit/export): authorisation (authz_check AUTHZ_AUDIT_READ)
 * first, then the store; http only passes the request's text on.
 *
 * Scope rule. Audit records carry a county (6 digits), or "" for
 * system-wide records (imports, calendar loads). A user rooted at a
 * county sees that county's records and the county-less ones; a user
 * rooted at a city or province sees the records of every county below
 * it and the county-less ones. A user rooted below county level
 * (township, village) is refused: the log is kept per county, so a
 * county's records cannot be narrowed to one township.
 *
 * Thread-safety: as the store connection.
 */
#ifndef DIB_SVC_AUDIT_QUERY_H
#define DIB_SVC_AUDIT_QUERY_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "svc/authz.h"

#define AUDIT_QUERY_DEFAULT_LIMIT 50
#define AUDIT_QUERY_MAX_LIMIT 200
#define AUDIT_EXPORT_MAX_ROWS 100000

/* The request's parameters as given (borrowed; NULL or "": not given). */
struct audit_query_params {
	const char *actor, *entity, *action; /* exact matches */
	const char *from, *to;               /* "YYYY-MM-DD", inclusive, UTC */
	const char *limit;                   /* 1–200; default 50 */
	const char *cursor;                  /* a next_cursor from before */
};

/* The page: up to limit records, id descending, in *rows (an array of *n
 * in a, NULL when none); *next_cursor is the id to pass as cursor for the
 * next page, 0 when this page is the last.
 * DIB_EPERM (authz_check) when who may not read the audit log, or is
 * rooted below county level (see the scope rule); DIB_EINVAL with a
 * Chinese message for a malformed date, limit or cursor — all checked
 * before the store is asked. Outputs untouched on error. */
dib_code audit_query(struct store *s, const struct authz_subject *who,
		     const struct audit_query_params *p, dib_arena *a,
		     store_audit_row **rows, size_t *n, int64_t *next_cursor,
		     dib_err *err);

/* Writes every record of p's filter (its limit and cursor are ignored),
 * newest first, as an xlsx workbook to path (created or truncated): one
 * sheet "审计日志", columns 时间 (Beijing time, "2026-11-26 18:00:00"),
 * 操作人, 操作, 对象, 编号, 原因, 修改前, 修改后, every cell a string (text
 * never becomes a formula); a before/after over 32 000 bytes is cut,
 * ending in "…". Then records the export itself as one audit record
 * "audit.export" (entity "audit", after: {"filter":{…the given
 * filters…},"rows":N}) in its own transaction, so a failed export is not
 * recorded. *rows (may be NULL) gets the number of records written.
 * DIB_EPERM and DIB_EINVAL as audit_query; DIB_EINVAL (Chinese, naming
 * the limit) when more than AUDIT_EXPORT_MAX_ROWS records match; DIB_EIO
 * when the file cannot be written. On error the file's content is
 * undefined: the caller removes it. */
dib_code audit_export(struct store *s, const struct authz_subject *who,
		      const struct audit_query_params *p, const char *path,
		      int64_t *rows, dib_err *err);

/* The UTC time utc ("2026-11-26T10:00:00Z", as the audit log stores it)
 * as Beijing time (UTC+8) "2026-11-26 18:00:00" into out[cap] (20 bytes
 * suffice); text of any other form is copied unchanged. Returns out. */
char *audit_export_time(const char *utc, char *out, size_t cap);

#endif
