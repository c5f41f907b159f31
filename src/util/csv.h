/*
 * csv.h — streaming reader of CSV files as bureaus produce them.
 *
 * RFC 4180: fields separated by commas, optionally quoted with '"', quotes
 * inside quoted fields doubled, quoted fields may contain commas, CR, LF;
 * records end with LF or CRLF; the last record may lack its line end.
 * Encoding: UTF-8 with or without a BOM, or GB18030/GBK as Excel on Chinese
 * Windows saves "CSV": the reader looks at the first block of the file — a
 * BOM or valid UTF-8 means UTF-8; otherwise, if it converts cleanly as
 * GB18030, the whole file is converted to UTF-8 with iconv while reading;
 * a block that is neither is read as UTF-8, so its first bad byte is
 * reported with its record and column.
 * Invalid bytes (in the chosen encoding) are rejected with DIB_EENCODING
 * naming the record and column. An unclosed quote is DIB_ECSV with the
 * record number where the field started.
 *
 * Memory: bounded — a fixed read buffer, plus the current record (capped by
 * max_record bytes, DIB_ETOOBIG beyond). No allocation per record in steady
 * state. Thread-safety: one reader per thread.
 */
#ifndef DIB_CSV_H
#define DIB_CSV_H

#include "util/dib.h"
#include "util/err.h"

enum dib_csv_encoding { DIB_CSV_UTF8 = 1, DIB_CSV_UTF8_BOM = 2, DIB_CSV_GB18030 = 3 };

typedef struct dib_csv dib_csv;

typedef struct dib_csv_field {
	const char *ptr; /* UTF-8, NUL-terminated; borrowed until the next read */
	size_t len;
} dib_csv_field;

/* Opens path for reading. max_record caps the bytes of one record (0 means
 * 1 MiB). Caller frees with dib_csv_close. DIB_EIO when the file cannot be
 * opened (message names the file). */
dib_code dib_csv_open(const char *path, size_t max_record, dib_csv **out,
		      dib_err *err);

/* Same, over a caller's memory (tests, uploads). data is borrowed until close. */
dib_code dib_csv_open_mem(const char *data, size_t len, size_t max_record,
			  dib_csv **out, dib_err *err);

void dib_csv_close(dib_csv *r);

enum dib_csv_encoding dib_csv_encoding(const dib_csv *r);
/* "UTF-8", "UTF-8 (BOM)", "GB18030".
 * A static string: it stays valid after dib_csv_close(r). */
const char *dib_csv_encoding_name(const dib_csv *r);

/* Reads the next record. On success *fields points at *nfields fields
 * (borrowed until the next call) and *eof is false; at the end of the file
 * *eof is true. A blank line (a record of one empty field) is returned like
 * any record; callers skip it if they wish. On error the message names the
 * record (1-based, the header is record 1) and column (1-based). */
dib_code dib_csv_read(dib_csv *r, const dib_csv_field **fields, size_t *nfields,
		      bool *eof, dib_err *err);

/* The 1-based number of the record last returned (the header is 1). */
size_t dib_csv_record_no(const dib_csv *r);

/* The 1-based physical line on which the record last returned started. */
size_t dib_csv_line_no(const dib_csv *r);

/* Bytes of the input consumed so far and its total size (0 when unknown),
 * for progress bars. */
uint64_t dib_csv_bytes_read(const dib_csv *r);
uint64_t dib_csv_bytes_total(const dib_csv *r);

/* Writes one field to out as RFC 4180 wants it: quoted (quotes doubled)
 * when it holds a comma, quote, CR or LF, else as is. DIB_EIO on a write
 * error. For the small files dibao writes beside its work (bad rows,
 * problem reports); the bulk writers have their own buffered output. */
dib_code dib_csv_put_field(FILE *out, const char *p, size_t n);

#endif
