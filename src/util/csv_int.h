/*
 * csv_int.h — what the two halves of the CSV reader share; included only by
 * csv.c and csv_input.c (nothing outside util/csv*.c may include it).
 *
 * csv_input.c turns the raw input (a file or the caller's memory) into
 * "windows" of checked UTF-8 and owns the input half of struct dib_csv;
 * csv.c parses records out of those windows, owns the record half, and holds
 * the public API of csv.h. See docs/internals/csv.md for the whole design.
 *
 * Thread-safety: as csv.h — a reader is used by one thread at a time.
 */
#ifndef DIB_CSV_INT_H
#define DIB_CSV_INT_H

#include "util/dib.h"
#include "util/csv.h"

#include <iconv.h>

/* What dib_csv__refill did. */
enum dib_csv__fill {
	CSV_FILL_MORE,  /* a new, non-empty window */
	CSV_FILL_EOF,   /* the input is used up */
	CSV_FILL_BAD,   /* the window before stopped at a bad byte */
	CSV_FILL_IOERR, /* read(2) failed; the reader has failed */
};

/* Why a window ends early. */
enum dib_csv__bad { CSV_BAD_NONE, CSV_BAD_UTF8, CSV_BAD_NUL, CSV_BAD_GB };

struct dib_csv {
	/* ---- input: owned by csv_input.c ---- */
	int fd;     /* -1 for memory input */
	char *name; /* path, for messages; NULL for memory input */
	enum dib_csv_encoding enc;

	/* Raw input: raw[raw_pos..raw_len) not yet handed on. raw_base is the
	 * input offset of raw[0]; raw_eof means nothing is left to read. */
	const char *raw;
	char *raw_buf; /* owned read buffer (file input only) */
	size_t raw_pos, raw_len;
	bool raw_eof;
	uint64_t raw_base, total;

	/* GB18030 only: the converter and its output buffer. */
	iconv_t cd;
	char *conv;
	size_t conv_cap;

	/* What the parser reads: checked UTF-8 win[pos..end), starting at input
	 * offset win_off (UTF-8 input). bad: the window ends at a bad byte,
	 * bad_byte, at input offset bad_off. The parser advances pos. */
	const char *win;
	size_t pos, end;
	uint64_t win_off;
	enum dib_csv__bad bad;
	unsigned char bad_byte;
	uint64_t bad_off;

	/* ---- records: owned by csv.c ---- */
	/* The record being built: fields back to back, each with its NUL. */
	char *rec;
	size_t rec_len, rec_cap, max_record;
	dib_csv_field *fields;
	size_t nfields, fields_cap;

	size_t record_no; /* records returned */
	size_t line_no;   /* line where the last returned record started */
	size_t line;      /* physical line at win[pos] */
	dib_err fail;     /* sticky: a failed reader keeps failing the same way */
};

/* ---- csv.c ---- */

/* Records a failure in the reader, so that every later read repeats it, and
 * hands it to err (first error wins). Set r->fail.detail first when there is
 * one. Returns code. */
dib_code dib_csv__fail(dib_csv *r, dib_err *err, dib_code code,
		       const char *fmt, ...) DIB_PRINTF(4, 5);

/* ---- csv_input.c ---- */

/* Sets r up to read the file at path (r->fd, r->name, the read buffer, the
 * total size), reads the first block and detects the encoding. On failure
 * the caller closes r; err names the file. */
dib_code dib_csv__input_open(dib_csv *r, const char *path, dib_err *err);

/* Same over the caller's memory data[0..len), borrowed until close; data
 * may be NULL when len is 0. */
dib_code dib_csv__input_mem(dib_csv *r, const char *data, size_t len,
			    dib_err *err);

/* Gives the parser a new window after it has consumed the last one
 * (r->pos == r->end). CSV_FILL_IOERR has already failed the reader. */
enum dib_csv__fill dib_csv__refill(dib_csv *r, dib_err *err);

/* Releases what dib_csv__input_open/_mem acquired: the file, the converter,
 * the buffers, the name. Safe on a reader whose input was never set up (fd
 * -1, cd (iconv_t)-1, NULL pointers). */
void dib_csv__input_close(dib_csv *r);

#endif
