/*
 * household_list.c (svc) — the household list, search and xlsx export as
 * a user may see them (household_list.h): authorisation and parameters
 * first, then store_hh_search; the export streams pages of the same
 * filter into libxlsxwriter (constant-memory mode) and records itself in
 * the audit log.
 * Thread-safety: as the store connection; no shared state.
 */
#include "util/dib.h"
#include "svc/household_list.h"
#include "store/store_audit.h"
#include "core/codes.h"
#include "core/region.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define EXPORT_PAGE 1000 /* households per store page while exporting */

static bool given(const char *v)
{
	return v && *v;
}

/* Whether s (n bytes) is well-formed UTF-8 (no overlongs, surrogates or
 * code points above U+10FFFF): PostgreSQL would refuse it, SQLite store it. */
static bool utf8_ok(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
			   : (c & 0xF8) == 0xF0 ? 4 : 0;
		if (!len || i + len > n || (len == 2 && c < 0xC2) || (len == 4 && c > 0xF4))
			return false;
		for (size_t k = 1; k < len; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
		if (len == 3 && ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] >= 0xA0)))
			return false;
		if (len == 4 && ((c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] >= 0x90)))
			return false;
		i += len;
	}
	return true;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Whether s (n bytes) is all ASCII digits, the last possibly x/X when
 * x_allowed (the check character of an ID number). */
static bool id_like(const char *s, size_t n, bool x_allowed)
{
	for (size_t i = 0; i < n; i++)
		if (!is_digit(s[i]) && !(x_allowed && i == n - 1 && (s[i] == 'x' || s[i] == 'X')))
			return false;
	return true;
}

dib_code household_list_read_q(const char *q, dib_date today,
			       struct household_q *out, dib_err *err)
{
	const char *s = q ? q : "";
	size_t n = strlen(s);
	codes_trim(&s, &n);
	struct household_q r = { .kind = STORE_HH_ALL, .text = "" };
	if (n == 0) {
		*out = r;
		return DIB_OK;
	}
	if (!utf8_ok((const unsigned char *)s, n))
		return dib_err_set(err, DIB_EINVAL, "查询内容 q 不是有效的 UTF-8 文本");
	if (n > HOUSEHOLD_Q_MAX)
		return dib_err_set(err, DIB_EINVAL, "查询内容 q 过长，最多 %d 个字节",
				   HOUSEHOLD_Q_MAX);
	if ((n == IDCARD_LEN && id_like(s, n, true)) || (n == 15 && id_like(s, n, false))) {
		idcard id;
		dib_code rc = idcard_parse(s, n, today, &id, err);
		if (rc)
			return rc;
		r.kind = STORE_HH_ID;
		snprintf(r.text, sizeof r.text, "%s", id.num);
	} else if (n >= 4 && n <= 6 && id_like(s, n, true)) {
		r.kind = STORE_HH_TAIL;
		memcpy(r.text, s, n);
		r.text[n] = '\0';
		if (r.text[n - 1] == 'x')
			r.text[n - 1] = 'X';
	} else {
		r.kind = STORE_HH_EXACT;
		memcpy(r.text, s, n);
		r.text[n] = '\0';
	}
	*out = r;
	return DIB_OK;
}

/* A decimal integer in [1, max]; DIB_EINVAL naming what otherwise. */
static dib_code parse_positive(const char *v, int64_t max, const char *what,
			       int64_t *out, dib_err *err)
{
	char *end = NULL;
	errno = 0;
	long long x = is_digit(*v) ? strtoll(v, &end, 10) : 0;
	if (!end || *end || errno || x < 1 || x > max)
		return dib_err_set(err, DIB_EINVAL, "%s \"%.24s\" 应为 1 至 %lld 之间的整数",
				   what, v, (long long)max);
	*out = x;
	return DIB_OK;
}

/* The filter of p as who may run it, checked without the store:
 * authorisation on the region searched, then every parameter. */
static dib_code build_filter(const struct authz_subject *who,
			     const struct household_list_params *p, dib_date today,
			     store_hh_filter *f, struct household_q *q, region_code *root,
			     dib_err *err)
{
	const char *scope = authz_scope(who);
	const char *region = given(p->region) ? p->region : scope;
	if (!given(region))
		return dib_err_set(err, DIB_EPERM, "没有权限%s",
				   authz_action_name(AUTHZ_REGISTER_READ));
	dib_code rc = authz_check(who, AUTHZ_REGISTER_READ, region, err);
	if (rc)
		return rc;
	if ((rc = region_parse(region, strlen(region), root, err)))
		return rc;
	int reg = 0;
	if (given(p->registration)) {
		if (strcmp(p->registration, "1") && strcmp(p->registration, "2"))
			return dib_err_set(err, DIB_EINVAL,
					   "户籍类别 registration \"%.8s\" 不正确，应为 1 (城镇) 或 2 (农村)",
					   p->registration);
		reg = p->registration[0] - '0';
	}
	if ((rc = household_list_read_q(p->q, today, q, err)))
		return rc;
	*f = (store_hh_filter){
		.root = root->code,
		.registration = reg,
		.kind = q->kind,
		.text = q->text,
	};
	return DIB_OK;
}

/* Counts f's matches, turning an exact search that finds nothing into an
 * address search (household_list.h). */
static dib_code count_matches(struct store *s, store_hh_filter *f, int64_t *total,
			      dib_err *err)
{
	dib_code rc = store_hh_search_count(s, f, total, err);
	if (!rc && f->kind == STORE_HH_EXACT && *total == 0) {
		f->kind = STORE_HH_ADDRESS;
		rc = store_hh_search_count(s, f, total, err);
	}
	return rc;
}

static dib_code mask_ids(store_hh_item *items, size_t n, dib_arena *a, dib_err *err)
{
	for (size_t i = 0; i < n; i++) {
		if (!items[i].head_id_number)
			continue;
		char *m = dib_arena_alloc(a, IDCARD_LEN + 1);
		if (!m)
			return dib_err_nomem(err);
		items[i].head_id_number = idcard_mask(items[i].head_id_number, m);
	}
	return DIB_OK;
}

dib_code household_list_query(struct store *s, const struct authz_subject *who,
			      const struct household_list_params *p, dib_date today,
			      dib_arena *a, struct household_list_page *out,
			      dib_err *err)
{
	store_hh_filter f;
	struct household_q q;
	region_code root;
	dib_code rc = build_filter(who, p, today, &f, &q, &root, err);
	if (rc)
		return rc;
	int64_t limit = HOUSEHOLD_LIST_DEFAULT_LIMIT, cursor = 0;
	if (given(p->limit) &&
	    (rc = parse_positive(p->limit, HOUSEHOLD_LIST_MAX_LIMIT, "条数 limit", &limit, err)))
		return rc;
	if (given(p->cursor) &&
	    (rc = parse_positive(p->cursor, INT64_MAX, "翻页位置 cursor", &cursor, err)))
		return rc;
	struct household_list_page pg;
	memset(&pg, 0, sizeof pg);
	bool more = false;
	if ((rc = count_matches(s, &f, &pg.total, err)) ||
	    (rc = store_hh_search_page(s, &f, cursor, (int)limit, a, &pg.items, &pg.n, &more,
				       err)) ||
	    (rc = mask_ids(pg.items, pg.n, a, err)))
		return rc;
	if (more && pg.n)
		snprintf(pg.next_cursor, sizeof pg.next_cursor, "%" PRId64,
			 pg.items[pg.n - 1].id);
	*out = pg;
	return DIB_OK;
}

/* ---- the export ---- */

enum { NCOLS = 8 };

static const struct {
	const char *title;
	double width; /* Excel character units; a Chinese character takes 2 */
} cols[NCOLS] = {
	{ "户编号", 16 }, { "乡镇(街道)", 14 }, { "村(社区)", 16 }, { "家庭住址", 44 },
	{ "户籍类别", 9 }, { "户主姓名", 10 }, { "户主身份证号", 21 }, { "家庭人数", 9 },
};

struct xl {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *text;
	uint32_t row;
};

static dib_code xl_fail(lxw_error e, const char *what, dib_err *err)
{
	dib_err_set(err, DIB_EIO, "写入导出文件失败");
	dib_err_detail(err, "libxlsxwriter %s: %s", what, lxw_strerror(e));
	return DIB_EIO;
}

static dib_code xl_header(struct xl *x, dib_err *err)
{
	x->ws = workbook_add_worksheet(x->wb, "家庭档案");
	if (!x->ws)
		return xl_fail(LXW_ERROR_MEMORY_MALLOC_FAILED, "add_worksheet", err);
	/* column settings first: constant-memory mode flushes rows as written;
	 * every column is text, so Excel keeps 户编号 and ID digits as typed */
	for (int c = 0; c < NCOLS; c++)
		worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, cols[c].width,
				     c == NCOLS - 1 ? NULL : x->text);
	worksheet_freeze_panes(x->ws, 1, 0);
	for (int c = 0; c < NCOLS; c++) {
		lxw_error e = worksheet_write_string(x->ws, 0, (lxw_col_t)c, cols[c].title,
						     x->bold);
		if (e)
			return xl_fail(e, "write header", err);
	}
	x->row = 1;
	return DIB_OK;
}

static dib_code xl_row(struct xl *x, const store_hh_item *it, dib_err *err)
{
	const char *reg = codes_name(CODES_REGISTRATION, it->registration);
	const char *v[NCOLS - 1] = {
		it->hh_no, it->township_name, it->village_name, it->address,
		reg, it->head_name, it->head_id_number,
	};
	for (int c = 0; c < NCOLS - 1; c++) {
		if (!v[c] || !*v[c])
			continue; /* a blank cell, not an empty string */
		lxw_error e = worksheet_write_string(x->ws, x->row, (lxw_col_t)c, v[c], x->text);
		if (e)
			return xl_fail(e, "write", err);
	}
	lxw_error e = worksheet_write_number(x->ws, x->row, NCOLS - 1, (double)it->members,
					     NULL);
	if (e)
		return xl_fail(e, "write", err);
	x->row++;
	return DIB_OK;
}

/* Streams f's households into the workbook at tmp, a page at a time (the
 * page arena is reset per page: memory stays flat). */
static dib_code export_write(struct store *s, const store_hh_filter *f, const char *tmp,
			     int64_t *rows, dib_err *err)
{
	lxw_workbook_options opts = { .constant_memory = LXW_TRUE };
	struct xl x = { .wb = workbook_new_opt(tmp, &opts) };
	if (!x.wb)
		return dib_err_nomem(err);
	dib_arena page;
	dib_arena_init(&page, 64 * 1024, 0);
	dib_code rc = DIB_OK;
	int64_t written = 0;
	x.bold = workbook_add_format(x.wb);
	x.text = workbook_add_format(x.wb);
	if (!x.bold || !x.text) {
		rc = dib_err_nomem(err);
		goto close;
	}
	format_set_bold(x.bold);
	format_set_num_format(x.text, "@");
	if ((rc = xl_header(&x, err)))
		goto close;
	int64_t after = 0;
	bool more = true;
	while (more && written < HOUSEHOLD_EXPORT_MAX) {
		store_hh_item *items = NULL;
		size_t n = 0;
		dib_arena_reset(&page);
		if ((rc = store_hh_search_page(s, f, after, EXPORT_PAGE, &page, &items, &n,
					       &more, err)) ||
		    (rc = mask_ids(items, n, &page, err)))
			break;
		for (size_t i = 0; !rc && i < n && written < HOUSEHOLD_EXPORT_MAX; i++) {
			rc = xl_row(&x, &items[i], err);
			written++;
		}
		if (rc || !n)
			break;
		after = items[n - 1].id;
	}
close:;
	/* closing writes the file and frees the workbook: on every path */
	lxw_error e = workbook_close(x.wb);
	if (e && !rc)
		rc = xl_fail(e, "close", err);
	dib_arena_release(&page);
	if (!rc)
		*rows = written;
	return rc;
}

/* The audit record of an export, in its own transaction. */
static dib_code export_audit(struct store *s, const struct authz_subject *who,
			     const region_code *root, const struct household_list_params *p,
			     const store_hh_filter *f, int64_t rows, dib_err *err)
{
	json_t *o = json_pack("{s:{s:s?,s:s?,s:o?},s:I}", "filter",
			      "q", f->kind == STORE_HH_ALL ? NULL : f->text,
			      "region", given(p->region) ? root->code : NULL,
			      "registration", f->registration ? json_integer(f->registration) : NULL,
			      "rows", (json_int_t)rows);
	char *after = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	if (!after)
		return dib_err_nomem(err);
	char county[REGION_COUNTY_LEN + 1];
	store_audit_entry e = {
		.county = region_county_of(authz_scope(who), county),
		.actor = who->username ? who->username : "?",
		.action = "household.export",
		.entity = "household",
		.after_json = after,
	};
	dib_code rc = store_begin(s, err);
	if (!rc)
		rc = store_audit_append(s, &e, NULL, err);
	if (!rc)
		rc = store_commit(s, err);
	else
		store_rollback(s);
	free(after);
	return rc;
}

dib_code household_list_export(struct store *s, const struct authz_subject *who,
			       const struct household_list_params *p, dib_date today,
			       const char *path, int64_t *rows, dib_err *err)
{
	store_hh_filter f;
	struct household_q q;
	region_code root;
	dib_code rc = build_filter(who, p, today, &f, &q, &root, err);
	if (rc)
		return rc;
	char tmp[4096];
	int len = snprintf(tmp, sizeof tmp, "%s.tmp", path);
	if (len < 0 || (size_t)len >= sizeof tmp)
		return dib_err_set(err, DIB_EINTERNAL, "导出文件路径过长");
	int64_t total = 0;
	if ((rc = count_matches(s, &f, &total, err)))
		return rc;
	if (total > HOUSEHOLD_EXPORT_MAX)
		return dib_err_set(err, DIB_EINVAL,
				   "符合条件的家庭有 %" PRId64 " 户，超过导出上限 %d 户，"
				   "请按乡镇、村或户籍类别缩小范围后再导出",
				   total, HOUSEHOLD_EXPORT_MAX);
	int64_t written = 0;
	rc = export_write(s, &f, tmp, &written, err);
	if (!rc && rename(tmp, path) != 0) {
		int e = errno;
		dib_err_set(err, DIB_EIO, "写入导出文件失败");
		dib_err_detail(err, "rename %s: %s", tmp, strerror(e));
		rc = DIB_EIO;
	}
	if (rc) {
		unlink(tmp);
		return rc;
	}
	/* the file exists only once its audit record does */
	if ((rc = export_audit(s, who, &root, p, &f, written, err))) {
		unlink(path);
		return rc;
	}
	*rows = written;
	return DIB_OK;
}
