/*
 * export.c — `dibao export households`: streams store_export rows into a
 * CSV file (through svc/gen_out.h) or an xlsx workbook (libxlsxwriter in
 * constant-memory mode, so a county of millions of persons is written with
 * a fixed amount of memory, one worksheet per 1 048 575 rows).
 *
 * Thread-safety: one export per store connection; no shared state.
 */
#include "util/dib.h"
#include "svc/export.h"
#include "svc/setup.h"
#include "svc/gen_out.h"
#include "store/store_export.h"
#include "core/codes.h"
#include "core/idcard.h"
#include "core/region.h"

#include <errno.h>
#include <unistd.h>
#include <xlsxwriter.h>

enum { NCOLS = 14 };

static const struct {
	const char *title;
	double width; /* Excel character units; a Chinese character takes 2 */
	bool text;    /* a number that must stay text: Excel would turn an
		       * 18-digit ID into 4.10726E+17 and drop digits */
} cols[NCOLS] = {
	{ "户编号", 16, true },
	{ "乡镇(街道)", 14, false },
	{ "村(社区)", 16, false },
	{ "家庭住址", 44, false },
	{ "户籍类别", 9, false },
	{ "姓名", 10, false },
	{ "身份证号", 21, true },
	{ "性别", 6, false },
	{ "出生日期", 12, false },
	{ "与户主关系", 11, false },
	{ "残疾类别", 10, false },
	{ "残疾等级", 9, false },
	{ "开户银行", 18, false },
	{ "银行卡号", 23, true },
};

/* Data rows per worksheet: Excel's 1 048 576 rows less the header. */
#define SHEET_ROWS (LXW_ROW_MAX - 1)

struct exp {
	const struct export_opts *o;
	gen_out *csv;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *text;
	uint32_t row;       /* next row of ws */
	uint64_t sheets;
	int64_t last_hh;
	uint64_t households, persons;
};

bool export_format_parse(const char *s, enum export_format *out)
{
	if (!strcmp(s, "csv"))
		*out = EXPORT_CSV;
	else if (!strcmp(s, "xlsx"))
		*out = EXPORT_XLSX;
	else
		return false;
	return true;
}

/* Keeps the first 6 and last 4 digits of a card number. */
static void mask_card(const char *s, char *out, size_t cap)
{
	size_t n = strlen(s);
	if (n >= cap)
		n = cap - 1;
	for (size_t i = 0; i < n; i++)
		out[i] = i < 6 || i + 4 >= n || n <= 10 ? s[i] : '*';
	out[n] = '\0';
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

static const char *code_name(enum codes_table t, int code)
{
	const char *s = code ? codes_name(t, code) : NULL;
	return s ? s : "";
}

/* ---- xlsx ---- */

static dib_code xlsx_fail(lxw_error e, const char *what, const char *path,
			  dib_err *err)
{
	dib_err_set(err, DIB_EIO, "写入文件 \"%s\" 失败", path);
	dib_err_detail(err, "libxlsxwriter %s: %s", what, lxw_strerror(e));
	return DIB_EIO;
}

static dib_code xlsx_sheet(struct exp *x, dib_err *err)
{
	char name[32];
	x->sheets++;
	if (x->sheets == 1)
		snprintf(name, sizeof name, "家庭名册");
	else
		snprintf(name, sizeof name, "家庭名册%llu", (unsigned long long)x->sheets);
	x->ws = workbook_add_worksheet(x->wb, name);
	if (!x->ws)
		return xlsx_fail(LXW_ERROR_MEMORY_MALLOC_FAILED, "add_worksheet", x->o->path, err);
	/* Column settings come first: in constant-memory mode rows are
	 * flushed as they are written. */
	for (int c = 0; c < NCOLS; c++)
		worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, cols[c].width,
				     cols[c].text ? x->text : NULL);
	worksheet_freeze_panes(x->ws, 1, 0);
	for (int c = 0; c < NCOLS; c++) {
		lxw_error e = worksheet_write_string(x->ws, 0, (lxw_col_t)c, cols[c].title, x->bold);
		if (e)
			return xlsx_fail(e, "write header", x->o->path, err);
	}
	x->row = 1;
	return DIB_OK;
}

static dib_code xlsx_row(struct exp *x, const char *const *v, dib_err *err)
{
	if (!x->ws || x->row > SHEET_ROWS) {
		dib_code rc = xlsx_sheet(x, err);
		if (rc)
			return rc;
	}
	for (int c = 0; c < NCOLS; c++) {
		if (!v[c][0])
			continue; /* a blank cell, not an empty string */
		lxw_error e = worksheet_write_string(x->ws, x->row, (lxw_col_t)c, v[c],
						     cols[c].text ? x->text : NULL);
		if (e)
			return xlsx_fail(e, "write", x->o->path, err);
	}
	x->row++;
	return DIB_OK;
}

/* ---- csv ---- */

static void csv_header(gen_out *o)
{
	/* A UTF-8 BOM: without it Excel on Chinese Windows reads a CSV as
	 * GBK and shows the names as mojibake. */
	gen_out_puts(o, "\xEF\xBB\xBF");
	for (int c = 0; c < NCOLS; c++) {
		if (c)
			gen_out_c(o, ',');
		gen_out_fields(o, cols[c].title);
	}
	/* CRLF, as RFC 4180 has it: this file is for Excel, not for diff. */
	gen_out_put(o, "\r\n", 2);
}

/* Excel opens a CSV by guessing types: an 18-digit ID number becomes
 * 4.10726E+17 and loses its last digits, and a cell starting with = + - @
 * is run as a formula. A leading tab keeps the digit columns text (dibao's
 * importer trims it), and a leading ' makes any other such cell plain text. */
static void csv_cell(gen_out *o, const char *v, bool text)
{
	if (v && *v && text)
		gen_out_c(o, '\t');
	else if (v && (*v == '=' || *v == '+' || *v == '-' || *v == '@'))
		gen_out_c(o, '\'');
	gen_out_fields(o, v);
}

static void csv_row(gen_out *o, const char *const *v)
{
	for (int c = 0; c < NCOLS; c++) {
		if (c)
			gen_out_c(o, ',');
		csv_cell(o, v[c], cols[c].text);
	}
	gen_out_put(o, "\r\n", 2);
}

/* ---- rows ---- */

static dib_code on_row(void *ctx, const struct store_export_row *r, dib_err *err)
{
	struct exp *x = ctx;
	char id[IDCARD_LEN + 1], card[64], birth[8];
	const char *idv = nz(r->id_number), *cardv = nz(r->bank_account);
	const char *birthv = nz(r->birth_date);
	if (x->o->mask) {
		idv = idcard_mask(idv, id);
		mask_card(cardv, card, sizeof card);
		cardv = card;
		snprintf(birth, sizeof birth, "%.4s", birthv);
		birthv = birth;
	}
	const char *v[NCOLS] = {
		nz(r->hh_no),
		nz(r->town_name),
		nz(r->village_name),
		nz(r->address),
		code_name(CODES_REGISTRATION, r->registration),
		nz(r->name),
		idv,
		code_name(CODES_SEX, r->sex),
		birthv,
		code_name(CODES_RELATION, r->relation),
		code_name(CODES_DISABILITY_KIND, r->dis_kind),
		code_name(CODES_DISABILITY_GRADE, r->dis_grade),
		nz(r->bank_name),
		cardv,
	};
	if (x->persons == 0 || r->household_id != x->last_hh) {
		x->households++;
		x->last_hh = r->household_id;
	}
	x->persons++;
	if (x->o->progress && (x->persons & 1023) == 0)
		dib_progress_update(x->o->progress, x->persons);
	if (x->csv) {
		csv_row(x->csv, v);
		if (x->csv->failed) /* the disk is full: stop reading rows */
			return gen_out_flush(x->csv, x->o->path, err);
		return DIB_OK;
	}
	return xlsx_row(x, v, err);
}

/* ---- the export ---- */

static dib_code check(struct store *s, const struct export_opts *o, dib_err *err)
{
	dib_code rc = setup_require_schema(s, err);
	if (rc)
		return rc;
	if (o->county) {
		region_code rcode;
		dib_err e;
		dib_err_clear(&e);
		if (strlen(o->county) != REGION_COUNTY_LEN ||
		    region_parse(o->county, REGION_COUNTY_LEN, &rcode, &e) ||
		    rcode.level != REGION_COUNTY)
			return dib_err_set(err, DIB_EINVAL,
					   "区县代码 \"%s\" 不正确，应为 6 位数字，如 410726", o->county);
	}
	if (!o->path || !*o->path)
		return dib_err_set(err, DIB_EINVAL, "没有指定导出文件");
	if (o->format != EXPORT_CSV && o->format != EXPORT_XLSX)
		return dib_err_set(err, DIB_EINVAL, "导出格式不正确，可选 csv 或 xlsx");
	return DIB_OK;
}

static dib_code run_csv(struct store *s, struct exp *x, const char *tmp, dib_err *err)
{
	FILE *f = fopen(tmp, "wb");
	if (!f) {
		int e = errno;
		dib_err_set(err, DIB_EIO, "无法写入文件 \"%s\"", x->o->path);
		dib_err_detail(err, "fopen %s: %s", tmp, strerror(e));
		return DIB_EIO;
	}
	dib_code rc = DIB_OK;
	if (!(x->csv = malloc(sizeof *x->csv))) {
		rc = dib_err_nomem(err);
		goto out;
	}
	gen_out_init(x->csv, f);
	csv_header(x->csv);
	rc = store_export_households(s, x->o->county, on_row, x, err);
	if (!rc)
		rc = gen_out_flush(x->csv, x->o->path, err);
out:
	if (fclose(f) != 0 && !rc) {
		int e = errno;
		dib_err_set(err, DIB_EIO, "写入文件 \"%s\" 失败", x->o->path);
		dib_err_detail(err, "fclose %s: %s", tmp, strerror(e));
		rc = DIB_EIO;
	}
	free(x->csv);
	x->csv = NULL;
	return rc;
}

static dib_code run_xlsx(struct store *s, struct exp *x, const char *tmp, dib_err *err)
{
	lxw_workbook_options opts = { .constant_memory = LXW_TRUE };
	x->wb = workbook_new_opt(tmp, &opts);
	if (!x->wb)
		return dib_err_nomem(err);
	dib_code rc = DIB_OK;
	x->bold = workbook_add_format(x->wb);
	x->text = workbook_add_format(x->wb);
	if (!x->bold || !x->text) {
		rc = dib_err_nomem(err);
	} else {
		format_set_bold(x->bold);
		format_set_num_format(x->text, "@");
		rc = store_export_households(s, x->o->county, on_row, x, err);
		if (!rc && !x->ws) /* nothing to export: still a sheet with headers */
			rc = xlsx_sheet(x, err);
	}
	/* Closing writes the file; it must run on every path to free the
	 * workbook, and a failed export's file is removed by the caller. */
	lxw_error e = workbook_close(x->wb);
	x->wb = NULL;
	if (e && !rc)
		rc = xlsx_fail(e, "close", x->o->path, err);
	return rc;
}

dib_code export_households(struct store *s, const struct export_opts *o,
			   struct export_result *res, dib_err *err)
{
	dib_code rc = check(s, o, err);
	if (rc)
		return rc;
	char tmp[4096];
	int n = snprintf(tmp, sizeof tmp, "%s.tmp", o->path);
	if (n < 0 || (size_t)n >= sizeof tmp)
		return dib_err_set(err, DIB_EINVAL, "文件路径过长: \"%s\"", o->path);
	struct exp x = { .o = o };
	rc = o->format == EXPORT_CSV ? run_csv(s, &x, tmp, err) : run_xlsx(s, &x, tmp, err);
	if (!rc && rename(tmp, o->path) != 0) {
		int e = errno;
		dib_err_set(err, DIB_EIO, "无法写入文件 \"%s\"", o->path);
		dib_err_detail(err, "rename %s: %s", tmp, strerror(e));
		rc = DIB_EIO;
	}
	if (rc) {
		unlink(tmp);
		return rc;
	}
	if (o->progress)
		dib_progress_update(o->progress, x.persons);
	res->households = x.households;
	res->persons = x.persons;
	res->sheets = o->format == EXPORT_XLSX ? x.sheets : 0;
	return DIB_OK;
}
