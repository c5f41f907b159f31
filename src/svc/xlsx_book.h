/*
 * xlsx_book.h — a small layer over libxlsxwriter for dibao's printed
 * spreadsheets (the payroll roster and ledger, svc/payroll_xlsx.h): one
 * set of formats (title, column heads, bordered cells, text that must stay
 * text, counts, money in 元 with 2 decimals, subtotal rows), sheets set up
 * to print (A4 landscape, one page wide, page numbers), rows written top to
 * bottom in constant-memory mode, and the file written as <path>.tmp and
 * renamed only when complete.
 *
 * Cells are written without checking each call: the first libxlsxwriter
 * error of a row is kept and xlsx_book_next_row reports it (DIB_EIO naming
 * the file), so a row reads as the list of its cells.
 *
 * Thread-safety: a book belongs to one thread; no shared state.
 */
#ifndef DIB_SVC_XLSX_BOOK_H
#define DIB_SVC_XLSX_BOOK_H

#include "util/dib.h"
#include "util/err.h"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

enum xlsx_fmt {
	XLSX_PLAIN = 0, /* General, no border: text that may run on to the right */
	XLSX_TITLE,     /* large, bold, centred across the row (xlsx_book_line) */
	XLSX_INFO,      /* centred across the row */
	XLSX_HEAD,      /* a column title: bold, bordered, shaded, wrapped */
	XLSX_CELL,      /* bordered text */
	XLSX_TEXT,      /* bordered, number format @: digits that stay text (ID, account) */
	XLSX_NUM,       /* bordered integer */
	XLSX_MONEY,     /* bordered number, format 0.00 (元) */
	XLSX_SUB,       /* a subtotal row's text: bold, bordered, shaded, wrapped */
	XLSX_SUB_NUM,
	XLSX_SUB_MONEY,
	XLSX_SUB_HH,    /* a count shown as 12户, still a number */
	XLSX_SUB_LINES, /* a count shown as 12笔 */
	XLSX_BOLD,      /* bold, no border: a block's heading */
	XLSX_FMTS
};

struct xlsx_col {
	const char *title;
	double width; /* Excel character units; a Chinese character takes 2 */
};

struct xlsx_book {
	struct lxw_workbook *wb;
	struct lxw_worksheet *ws;
	struct lxw_format *f[XLSX_FMTS]; /* f[XLSX_PLAIN] is NULL */
	int ncols;
	uint32_t row;     /* the row being written */
	int e;            /* the first lxw_error among the row's cells */
	const char *path; /* the file asked for, for messages */
};

/* Writes a workbook: fn fills b (adding sheets), the file goes to
 * <path>.tmp, is closed and renamed to path. title: the document's title
 * property. On any error the temporary file is removed and path is left
 * as it was. DIB_EINVAL for a path too long, DIB_EIO naming path, or fn's
 * error. */
typedef dib_code (*xlsx_book_fn)(struct xlsx_book *b, void *ctx, dib_err *err);
dib_code xlsx_book_write(const char *path, const char *title, xlsx_book_fn fn, void *ctx,
			 dib_err *err);

/* Adds a sheet (name: at most 31 characters) with ncols columns of these
 * widths, set up to print, and makes it current (row 0). */
dib_code xlsx_book_sheet(struct xlsx_book *b, const char *name, const struct xlsx_col *cols,
			 int ncols, dib_err *err);
/* Whether the current sheet has no room for another row (1 048 576). */
bool xlsx_book_full(const struct xlsx_book *b);
/* Rows first..last are printed at the top of every page. */
void xlsx_book_repeat(struct xlsx_book *b, uint32_t first, uint32_t last);
/* The rows above row stay in view when scrolling. */
void xlsx_book_freeze(struct xlsx_book *b, uint32_t row);

/* Cells of the current row. A NULL or empty text writes a blank cell with
 * the format (its border), nothing for XLSX_PLAIN. Money is int64 fen and
 * becomes 元 only in the cell (fen / 100, an xlsx number being a double). */
void xlsx_book_text(struct xlsx_book *b, int col, const char *s, enum xlsx_fmt f);
void xlsx_book_int(struct xlsx_book *b, int col, int64_t v, enum xlsx_fmt f);
void xlsx_book_fen(struct xlsx_book *b, int col, int64_t fen, enum xlsx_fmt f);
/* Blank cells in f from column from to the last. */
void xlsx_book_blank(struct xlsx_book *b, int from, enum xlsx_fmt f);
/* Ends the current row: DIB_EIO when one of its cells failed. */
dib_code xlsx_book_next_row(struct xlsx_book *b, dib_err *err);

/* A row of one text (NULL: an empty row): centred across the sheet for
 * XLSX_TITLE and XLSX_INFO; height in points, 0 for the default. */
dib_code xlsx_book_line(struct xlsx_book *b, const char *text, enum xlsx_fmt f, double height,
			dib_err *err);
/* A row of n column titles. */
dib_code xlsx_book_heads(struct xlsx_book *b, const char *const *titles, int n, dib_err *err);

#endif
