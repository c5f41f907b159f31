/*
 * xlsx_book.c — formats, print setup, cells and the temp-file-then-rename
 * write of dibao's printed spreadsheets (svc/xlsx_book.h). libxlsxwriter
 * runs in constant-memory mode: each row goes to a temporary file once the
 * next one starts, so a sheet costs the memory of one row whatever its
 * size — which is why rows are written strictly top to bottom, and why
 * titles are centred across their row rather than merged (constant-memory
 * mode writes no merged ranges).
 *
 * Thread-safety: a book belongs to one thread; no shared state.
 */
#include "util/dib.h"
#include "svc/xlsx_book.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

static const struct {
	const char *num; /* number format; NULL: General */
	bool bold, border, fill, wrap;
	uint8_t align;
	double size;
} spec[XLSX_FMTS] = {
	[XLSX_TITLE] = { NULL, true, false, false, false, LXW_ALIGN_CENTER_ACROSS, 16 },
	[XLSX_INFO] = { NULL, false, false, false, false, LXW_ALIGN_CENTER_ACROSS, 0 },
	[XLSX_HEAD] = { NULL, true, true, true, true, LXW_ALIGN_CENTER, 0 },
	[XLSX_CELL] = { NULL, false, true, false, false, 0, 0 },
	/* Excel would show an 18-digit ID as 4.10726E+17 and drop digits */
	[XLSX_TEXT] = { "@", false, true, false, false, 0, 0 },
	[XLSX_NUM] = { "0", false, true, false, false, 0, 0 },
	[XLSX_MONEY] = { "0.00", false, true, false, false, 0, 0 },
	[XLSX_SUB] = { NULL, true, true, true, true, 0, 0 },
	[XLSX_SUB_NUM] = { "0", true, true, true, false, 0, 0 },
	[XLSX_SUB_MONEY] = { "0.00", true, true, true, false, 0, 0 },
	/* counts that stay numbers (a clerk may add them up) but read 12户 */
	[XLSX_SUB_HH] = { "0\"户\"", true, true, true, false, 0, 0 },
	[XLSX_SUB_LINES] = { "0\"笔\"", true, true, true, false, 0, 0 },
	[XLSX_BOLD] = { NULL, true, false, false, false, 0, 0 },
};

static dib_code fail(const struct xlsx_book *b, int e, const char *what, dib_err *err)
{
	dib_err_set(err, DIB_EIO, "写入文件 \"%s\" 失败", b->path);
	dib_err_detail(err, "libxlsxwriter %s: %s", what, lxw_strerror((lxw_error)e));
	return DIB_EIO;
}

static dib_code book_open(struct xlsx_book *b, const char *tmp, const char *title, dib_err *err)
{
	lxw_workbook_options opts = { .constant_memory = LXW_TRUE };
	b->wb = workbook_new_opt(tmp, &opts);
	if (!b->wb)
		return fail(b, LXW_ERROR_CREATING_XLSX_FILE, "new", err);
	for (int i = 1; i < XLSX_FMTS; i++) {
		lxw_format *f = b->f[i] = workbook_add_format(b->wb);
		if (!f)
			return dib_err_nomem(err);
		if (spec[i].num)
			format_set_num_format(f, spec[i].num);
		if (spec[i].bold)
			format_set_bold(f);
		if (spec[i].border)
			format_set_border(f, LXW_BORDER_THIN);
		if (spec[i].fill)
			format_set_bg_color(f, i == XLSX_HEAD ? 0xD9D9D9 : 0xF2F2F2);
		if (spec[i].wrap)
			format_set_text_wrap(f);
		if (spec[i].align)
			format_set_align(f, spec[i].align);
		format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
		if (spec[i].size > 0)
			format_set_font_size(f, spec[i].size);
	}
	/* the properties take char *; libxlsxwriter copies them */
	char t[256], author[] = "dibao";
	snprintf(t, sizeof t, "%s", title ? title : "");
	lxw_doc_properties props = { .title = t, .author = author };
	lxw_error e = workbook_set_properties(b->wb, &props);
	return e ? fail(b, e, "properties", err) : DIB_OK;
}

dib_code xlsx_book_write(const char *path, const char *title, xlsx_book_fn fn, void *ctx,
			 dib_err *err)
{
	char tmp[4096];
	int len = snprintf(tmp, sizeof tmp, "%s.tmp", path);
	if (len < 0 || (size_t)len >= sizeof tmp)
		return dib_err_set(err, DIB_EINVAL, "文件路径过长");
	/* a directory that is not there or not ours: said once, in our words,
	 * before any work (libxlsxwriter would only find out when closing) */
	FILE *probe = fopen(tmp, "wb");
	if (!probe) {
		int e = errno;
		dib_err_set(err, DIB_EIO, "无法写入文件 \"%s\"", path);
		dib_err_detail(err, "fopen %s: %s", tmp, strerror(e));
		return DIB_EIO;
	}
	fclose(probe);
	struct xlsx_book b = { .path = path };
	dib_code rc = book_open(&b, tmp, title, err);
	if (!rc)
		rc = fn(&b, ctx, err);
	if (b.wb) {
		/* closing writes the file and frees the workbook: on every path */
		lxw_error e = workbook_close(b.wb);
		if (e && !rc)
			rc = fail(&b, e, "close", err);
	}
	if (!rc && rename(tmp, path) != 0) {
		int e = errno;
		dib_err_set(err, DIB_EIO, "无法写入文件 \"%s\"", path);
		dib_err_detail(err, "rename %s: %s", tmp, strerror(e));
		rc = DIB_EIO;
	}
	if (rc)
		unlink(tmp);
	return rc;
}

dib_code xlsx_book_sheet(struct xlsx_book *b, const char *name, const struct xlsx_col *cols,
			 int ncols, dib_err *err)
{
	b->ws = workbook_add_worksheet(b->wb, name);
	if (!b->ws)
		return fail(b, LXW_ERROR_MEMORY_MALLOC_FAILED, "add_worksheet", err);
	b->ncols = ncols;
	b->row = 0;
	b->e = LXW_NO_ERROR;
	/* column settings first: in constant-memory mode rows are flushed as
	 * they are written */
	for (int c = 0; c < ncols; c++)
		worksheet_set_column(b->ws, (lxw_col_t)c, (lxw_col_t)c, cols[c].width, NULL);
	worksheet_set_landscape(b->ws);
	worksheet_set_paper(b->ws, 9);       /* A4 */
	worksheet_fit_to_pages(b->ws, 1, 0); /* one page wide, as long as it takes */
	worksheet_center_horizontally(b->ws);
	worksheet_set_margins(b->ws, 0.4, 0.4, 0.6, 0.6);
	lxw_error e = worksheet_set_footer(b->ws, "&C第 &P 页，共 &N 页");
	return e ? fail(b, e, "footer", err) : DIB_OK;
}

bool xlsx_book_full(const struct xlsx_book *b)
{
	return b->row >= LXW_ROW_MAX;
}

void xlsx_book_repeat(struct xlsx_book *b, uint32_t first, uint32_t last)
{
	worksheet_repeat_rows(b->ws, first, last);
}

void xlsx_book_freeze(struct xlsx_book *b, uint32_t row)
{
	worksheet_freeze_panes(b->ws, row, 0);
}

void xlsx_book_text(struct xlsx_book *b, int col, const char *s, enum xlsx_fmt f)
{
	if (b->e)
		return;
	if (s && *s) /* always a string cell: text that looks like a formula stays text */
		b->e = worksheet_write_string(b->ws, b->row, (lxw_col_t)col, s, b->f[f]);
	else if (b->f[f]) /* a blank cell keeps its border */
		b->e = worksheet_write_blank(b->ws, b->row, (lxw_col_t)col, b->f[f]);
}

void xlsx_book_int(struct xlsx_book *b, int col, int64_t v, enum xlsx_fmt f)
{
	if (!b->e)
		b->e = worksheet_write_number(b->ws, b->row, (lxw_col_t)col, (double)v, b->f[f]);
}

void xlsx_book_fen(struct xlsx_book *b, int col, int64_t fen, enum xlsx_fmt f)
{
	if (!b->e)
		b->e = worksheet_write_number(b->ws, b->row, (lxw_col_t)col, (double)fen / 100.0,
					      b->f[f]);
}

void xlsx_book_blank(struct xlsx_book *b, int from, enum xlsx_fmt f)
{
	for (int c = from; c < b->ncols; c++)
		xlsx_book_text(b, c, NULL, f);
}

dib_code xlsx_book_next_row(struct xlsx_book *b, dib_err *err)
{
	if (b->e)
		return fail(b, b->e, "write", err);
	b->row++;
	return DIB_OK;
}

dib_code xlsx_book_line(struct xlsx_book *b, const char *text, enum xlsx_fmt f, double height,
			dib_err *err)
{
	if (height > 0 && !b->e)
		b->e = worksheet_set_row(b->ws, b->row, height, NULL);
	xlsx_book_text(b, 0, text, f);
	if (f == XLSX_TITLE || f == XLSX_INFO) /* centring across needs the row's cells */
		xlsx_book_blank(b, 1, f);
	return xlsx_book_next_row(b, err);
}

dib_code xlsx_book_heads(struct xlsx_book *b, const char *const *titles, int n, dib_err *err)
{
	for (int c = 0; c < n; c++)
		xlsx_book_text(b, c, titles[c], XLSX_HEAD);
	return xlsx_book_next_row(b, err);
}
