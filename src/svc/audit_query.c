/*
 * audit_query.c (svc) — the audit log as a user may see it: authorisation
 * and the scope rule (audit_query.h), parameter checks, then the store;
 * the page for the API and the xlsx export (libxlsxwriter, constant
 * memory, read from the store a page at a time).
 * Thread-safety: as the store connection.
 */
#include "util/dib.h"
#include "svc/audit_query.h"
#include "core/date.h"
#include "core/region.h"

#include <errno.h>
#include <jansson.h>
#include <xlsxwriter.h>

static bool given(const char *v)
{
	return v && *v;
}

/* A positive decimal integer in [1, max] into *out; DIB_EINVAL quoting v
 * and naming what (Chinese) otherwise. */
static dib_code parse_positive(const char *v, int64_t max, const char *what,
			       int64_t *out, dib_err *err)
{
	char *end = NULL;
	errno = 0;
	long long x = (*v >= '0' && *v <= '9') ? strtoll(v, &end, 10) : 0;
	if (!end || *end || errno || x < 1 || x > max)
		return dib_err_set(err, DIB_EINVAL, "%s \"%.24s\" 应为 1 至 %lld 之间的整数",
				   what, v, (long long)max);
	*out = x;
	return DIB_OK;
}

static dib_code check_date(const char *v, const char *what, dib_err *err)
{
	dib_date d;
	dib_err e;
	dib_err_clear(&e);
	if (date_parse(v, strlen(v), &d, &e))
		return dib_err_set(err, DIB_EINVAL, "%s \"%.24s\" 不是有效日期，应为 YYYY-MM-DD",
				   what, v);
	return DIB_OK;
}

/* The store filter of p as who may see it: authorisation, the scope rule
 * and the parameter checks. prefix (REGION_COUNTY_LEN + 1 bytes) holds the
 * county prefix the filter points to. */
static dib_code make_filter(const struct authz_subject *who,
			    const struct audit_query_params *p, char *prefix,
			    store_audit_filter *f, dib_err *err)
{
	const char *root = authz_scope(who);
	dib_code rc = authz_check(who, AUTHZ_AUDIT_READ, root, err);
	if (rc)
		return rc;
	region_code r;
	if ((rc = region_parse(root, strlen(root), &r, err)))
		return rc;
	if (r.level > REGION_COUNTY)
		return dib_err_set(err, DIB_EPERM,
				   "审计日志按县记录，乡镇及以下用户无法%s",
				   authz_action_name(AUTHZ_AUDIT_READ));
	int64_t limit = AUDIT_QUERY_DEFAULT_LIMIT, cursor = 0;
	if (given(p->limit) &&
	    (rc = parse_positive(p->limit, AUDIT_QUERY_MAX_LIMIT, "条数 limit", &limit, err)))
		return rc;
	if (given(p->cursor) &&
	    (rc = parse_positive(p->cursor, INT64_MAX, "翻页位置 cursor", &cursor, err)))
		return rc;
	if (given(p->from) && (rc = check_date(p->from, "起始日期", err)))
		return rc;
	if (given(p->to) && (rc = check_date(p->to, "截止日期", err)))
		return rc;

	/* province 2, city 4, county 6 significant digits */
	int digits = 2 * (int)r.level;
	snprintf(prefix, REGION_COUNTY_LEN + 1, "%.*s", digits, r.code);
	*f = (store_audit_filter){
		.county_prefix = prefix,
		.countyless = true,
		.actor = p->actor,
		.entity = p->entity,
		.action = p->action,
		.from = p->from,
		.to = p->to,
		.before_id = cursor,
		.limit = (int)limit,
	};
	return DIB_OK;
}

dib_code audit_query(struct store *s, const struct authz_subject *who,
		     const struct audit_query_params *p, dib_arena *a,
		     store_audit_row **rows, size_t *n, int64_t *next_cursor,
		     dib_err *err)
{
	char prefix[REGION_COUNTY_LEN + 1];
	store_audit_filter f;
	dib_code rc = make_filter(who, p, prefix, &f, err);
	if (rc)
		return rc;
	store_audit_row *got = NULL;
	size_t ng = 0;
	bool more = false;
	rc = store_audit_query(s, &f, a, &got, &ng, &more, err);
	if (rc)
		return rc;
	*rows = got;
	*n = ng;
	*next_cursor = more && ng ? got[ng - 1].id : 0;
	return DIB_OK;
}

/* ---- the xlsx export ---- */

/* Excel holds at most 32 767 characters in a cell; a longer before/after
 * is cut (at a character boundary, marked with "…") well below that. */
#define CELL_MAX 32000
#define PAGE_ROWS 1000

static const struct {
	const char *title;
	double width;
} export_cols[] = {
	{ "时间", 20 }, { "操作人", 14 }, { "操作", 22 }, { "对象", 12 },
	{ "编号", 18 }, { "原因", 24 },   { "修改前", 60 }, { "修改后", 60 },
};

char *audit_export_time(const char *utc, char *out, size_t cap)
{
	dib_date d;
	dib_err scratch;
	dib_err_clear(&scratch);
	/* "YYYY-MM-DDTHH:MM:SSZ" */
	bool ok = utc && strlen(utc) == 20 && utc[10] == 'T' && utc[13] == ':' &&
		  utc[16] == ':' && utc[19] == 'Z' && utc[11] >= '0' && utc[11] <= '2' &&
		  utc[12] >= '0' && utc[12] <= '9' &&
		  !date_parse(utc, 10, &d, &scratch);
	int h = ok ? (utc[11] - '0') * 10 + (utc[12] - '0') : 0;
	if (!ok || h > 23) {
		snprintf(out, cap, "%s", utc ? utc : "");
		return out;
	}
	h += 8; /* 北京时间 UTC+8, no daylight saving */
	if (h >= 24) {
		h -= 24;
		d = date_add_days(d, 1);
	}
	char day[DIB_DATE_STR];
	snprintf(out, cap, "%s %02d:%.5s", date_format(d, day), h, utc + 14);
	return out;
}

struct xlsx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold;
	lxw_row_t row;
	const char *path;
};

static dib_code xlsx_fail(const struct xlsx *x, lxw_error e, const char *what, dib_err *err)
{
	dib_err_set(err, DIB_EIO, "无法写入导出文件");
	dib_err_detail(err, "libxlsxwriter %s (%s): %s", what, x->path, lxw_strerror(e));
	return DIB_EIO;
}

/* v cut to CELL_MAX bytes at a character boundary, with "…" (in a). */
static const char *cell_text(const char *v, dib_arena *a)
{
	if (!v)
		return "";
	size_t n = strlen(v);
	if (n <= CELL_MAX)
		return v;
	n = CELL_MAX;
	while (n && ((unsigned char)v[n] & 0xC0) == 0x80)
		n--;
	return dib_arena_printf(a, "%.*s…", (int)n, v);
}

static dib_code xlsx_row(struct xlsx *x, const store_audit_row *e, dib_arena *a,
			 dib_err *err)
{
	char at[32];
	const char *v[DIB_ARRAY_LEN(export_cols)] = {
		audit_export_time(e->at, at, sizeof at), e->actor, e->action, e->entity,
		e->entity_id, e->reason, cell_text(e->before_json, a),
		cell_text(e->after_json, a),
	};
	x->row++;
	for (size_t c = 0; c < DIB_ARRAY_LEN(v); c++) {
		if (!v[c] || !*v[c]) {
			if (c >= 6 && !v[c])
				return dib_err_nomem(err);
			continue;
		}
		/* always a string cell: text that looks like a formula stays text */
		lxw_error le = worksheet_write_string(x->ws, x->row, (lxw_col_t)c, v[c], NULL);
		if (le)
			return xlsx_fail(x, le, "write", err);
	}
	return DIB_OK;
}

static dib_code xlsx_open(struct xlsx *x, dib_err *err)
{
	/* constant memory: rows go to a temporary file as they are written,
	 * so 100 000 rows cost no more memory than one (strings are then
	 * stored inline in the sheet, not in sharedStrings.xml) */
	lxw_workbook_options opts = { .constant_memory = LXW_TRUE };
	x->wb = workbook_new_opt(x->path, &opts);
	if (!x->wb)
		return xlsx_fail(x, LXW_ERROR_CREATING_XLSX_FILE, "new", err);
	x->ws = workbook_add_worksheet(x->wb, "审计日志");
	x->bold = workbook_add_format(x->wb);
	if (!x->ws || !x->bold)
		return xlsx_fail(x, LXW_ERROR_MEMORY_MALLOC_FAILED, "add_worksheet", err);
	format_set_bold(x->bold);
	for (size_t c = 0; c < DIB_ARRAY_LEN(export_cols); c++) {
		worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, export_cols[c].width, NULL);
		lxw_error le = worksheet_write_string(x->ws, 0, (lxw_col_t)c,
						      export_cols[c].title, x->bold);
		if (le)
			return xlsx_fail(x, le, "write header", err);
	}
	worksheet_freeze_panes(x->ws, 1, 0);
	return DIB_OK;
}

/* The rows of f (its before_id and limit are the walk's), newest first,
 * a page at a time; DIB_EINVAL past AUDIT_EXPORT_MAX_ROWS. */
static dib_code write_rows(struct store *s, store_audit_filter *f, struct xlsx *x,
			   int64_t *total, dib_err *err)
{
	dib_arena page;
	dib_arena_init(&page, 0, 0);
	dib_code rc = DIB_OK;
	f->before_id = 0;
	f->limit = PAGE_ROWS;
	*total = 0;
	for (;;) {
		store_audit_row *rows = NULL;
		size_t n = 0;
		bool more = false;
		dib_arena_reset(&page);
		rc = store_audit_query(s, f, &page, &rows, &n, &more, err);
		if (rc)
			break;
		if (*total + (int64_t)n > AUDIT_EXPORT_MAX_ROWS) {
			rc = dib_err_set(err, DIB_EINVAL,
					 "符合条件的审计记录超过 %d 条，无法导出，请缩小时间范围或增加筛选条件",
					 AUDIT_EXPORT_MAX_ROWS);
			break;
		}
		for (size_t i = 0; !rc && i < n; i++)
			rc = xlsx_row(x, &rows[i], &page, err);
		if (rc)
			break;
		*total += (int64_t)n;
		if (!more || !n)
			break;
		f->before_id = rows[n - 1].id;
	}
	dib_arena_release(&page);
	return rc;
}

/* The audit record of the export: who, the filter, how many rows. */
static dib_code record_export(struct store *s, const struct authz_subject *who,
			      const struct audit_query_params *p, int64_t rows,
			      dib_err *err)
{
	json_t *filter = json_object();
	const char *const keys[] = { "actor", "entity", "action", "from", "to" };
	const char *const vals[] = { p->actor, p->entity, p->action, p->from, p->to };
	for (size_t i = 0; filter && i < DIB_ARRAY_LEN(keys); i++)
		if (given(vals[i]) && json_object_set_new(filter, keys[i], json_string(vals[i]))) {
			json_decref(filter);
			filter = NULL;
		}
	json_t *o = filter ? json_pack("{s:o, s:I}", "filter", filter, "rows", (json_int_t)rows)
			   : NULL;
	char *after = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	if (!after)
		return dib_err_nomem(err);
	char county[REGION_COUNTY_LEN + 1];
	region_county_of(authz_scope(who), county);
	store_audit_entry e = {
		.county = county,
		.actor = who->username ? who->username : "?",
		.action = "audit.export",
		.entity = "audit",
		.after_json = after,
	};
	dib_code rc = store_begin(s, err);
	if (!rc) {
		rc = store_audit_append(s, &e, NULL, err);
		if (!rc)
			rc = store_commit(s, err);
		if (rc)
			store_rollback(s);
	}
	free(after);
	return rc;
}

dib_code audit_export(struct store *s, const struct authz_subject *who,
		      const struct audit_query_params *p, const char *path,
		      int64_t *rows, dib_err *err)
{
	char prefix[REGION_COUNTY_LEN + 1];
	store_audit_filter f;
	/* the export takes every matching row: no page, no cursor */
	struct audit_query_params q = *p;
	q.limit = q.cursor = NULL;
	dib_code rc = make_filter(who, &q, prefix, &f, err);
	if (rc)
		return rc;
	struct xlsx x = { .path = path };
	int64_t total = 0;
	rc = xlsx_open(&x, err);
	if (!rc)
		rc = write_rows(s, &f, &x, &total, err);
	if (x.wb) {
		/* closed on error too: it frees the workbook and its temp files */
		lxw_error le = workbook_close(x.wb);
		if (le && !rc)
			rc = xlsx_fail(&x, le, "close", err);
	}
	if (!rc)
		rc = record_export(s, who, p, total, err);
	if (!rc && rows)
		*rows = total;
	return rc;
}
