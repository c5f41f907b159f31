/*
 * bankfile_int.h — what the bankfile_*.c files share and nobody else uses:
 * the field table, the encoding converter and the row writer.
 *
 *   bankfile_template.c  the template text: parse, the field table, words
 *   bankfile_format.c    the template's canonical text
 *   bankfile_builtin.c   the three sample templates (data)
 *   bankfile_conv.c      UTF-8 checks, UTF-8 ↔ GBK with iconv, SHA-256
 *   bankfile_write.c     pay and return files out
 *   bankfile_scan.c      the reader: rows, fields, numbers, summaries
 *   bankfile_read.c      return and pay files in
 *
 * Thread-safety: as bankfile.h — a converter belongs to one call.
 */
#ifndef DIB_CORE_BANKFILE_INT_H
#define DIB_CORE_BANKFILE_INT_H

#include "util/dib.h"
#include "core/bankfile.h"

#include <iconv.h>

/* Where a field may appear (bits of bankfile__fieldinfo.where). */
#define BANKFILE__PAY_COL 1u  /* pay file detail column */
#define BANKFILE__PAY_SUM 2u  /* pay file header or trailer */
#define BANKFILE__RET_COL 4u  /* return file detail column */
#define BANKFILE__RET_SUM 8u  /* return file header or trailer */

struct bankfile__fieldinfo {
	const char *key;   /* in the template text: "account_name" */
	const char *title; /* Chinese, for messages and `header = titles` */
	bool numeric;      /* digits: may be zero-padded */
	unsigned where;    /* BANKFILE__* bits */
};

/* The row of the field table for f (f < BANKFILE_F__COUNT). */
const struct bankfile__fieldinfo *bankfile__field(enum bankfile_field f);

/* The words of the enumerated settings, indexed by the enum's value and
 * ended by NULL: format, encoding, line_end, amount, date_format,
 * period_format, bom / end_separator (no, yes), and an item's alignment. */
extern const char *const bankfile__w_format[];
extern const char *const bankfile__w_encoding[];
extern const char *const bankfile__w_eol[];
extern const char *const bankfile__w_unit[];
extern const char *const bankfile__w_date[];
extern const char *const bankfile__w_period[];
extern const char *const bankfile__w_bool[];
extern const char *const bankfile__w_align[];

/* Length of the valid UTF-8 character at s[0..n) (n > 0), or 0 when the
 * bytes there start none (RFC 3629: no overlongs, surrogates, > U+10FFFF). */
size_t bankfile__utf8_char(const char *s, size_t n);

/* A converter between UTF-8 (ours) and a file's encoding. */
struct bankfile__conv {
	enum bankfile_encoding enc;
	bool to_file; /* UTF-8 → the file's encoding; else the reverse */
	iconv_t cd;   /* (iconv_t)-1 for UTF-8 files */
};

/* Opens a converter; to_file: UTF-8 → file encoding, else the reverse.
 * DIB_EINTERNAL when iconv has no GBK (detail names errno). */
dib_code bankfile__conv_open(struct bankfile__conv *c,
			     enum bankfile_encoding enc, bool to_file,
			     dib_err *err);
/* Closes c; a closed or never opened converter is fine. */
void bankfile__conv_close(struct bankfile__conv *c);

/* Converts n bytes of s and appends them to out (encoding toward the file
 * when the converter was opened to_file, decoding otherwise). DIB_EENCODING
 * when a character can not be converted (not valid in the source, or no
 * form in the target): *bad gets its byte offset in s and *bad_len its
 * length in s (at least 1); the caller names it. DIB_ENOMEM / DIB_ETOOBIG
 * from the buffer. Fills no dib_err. */
dib_code bankfile__convert(struct bankfile__conv *c, const char *s, size_t n,
			   dib_buf *out, size_t *bad, size_t *bad_len);

/* ---- the reader (bankfile_scan.c), used by bankfile_read.c ---- */

/* One non-blank line of the file: its bytes (LF excluded) and number. */
struct bankfile__span {
	const char *p;
	size_t n;
	size_t line; /* from 1 */
};

/* A file being read: its layout, the converter, the current row split
 * into fields (val/vlen point into dec), and the file's lines. Lives for
 * one bankfile_read_* call; copies go to a. */
struct bankfile__reader {
	const struct bankfile_template *t;
	const struct bankfile_layout *l;
	const char *file; /* "回盘文件" or "代发文件", for messages */
	struct bankfile__conv conv;
	dib_buf dec; /* the decoded row */
	const char *val[BANKFILE_COLUMN_MAX]; /* the row's fields, in dec */
	size_t vlen[BANKFILE_COLUMN_MAX];
	struct bankfile__span head, tail; /* n == 0 and p == NULL when none */
	struct bankfile__span *rows;
	size_t n_rows;
	dib_arena *a;
	dib_err *err;
};

/* Fills r for a return file (ret) or a pay file of t; closed by
 * bankfile__reader_close, which returns rc. */
dib_code bankfile__reader_open(struct bankfile__reader *r, const struct bankfile_template *t,
			       bool ret, dib_arena *a, dib_err *err);
dib_code bankfile__reader_close(struct bankfile__reader *r, dib_code rc);

/* Fills err with "<file>第 <line> 行<message>"; returns code. */
dib_code bankfile__fail(struct bankfile__reader *r, dib_code code, size_t line,
			const char *fmt, ...) DIB_PRINTF(4, 5);

/* Finds the file's non-blank lines: r->head, r->tail (when the layout has
 * them) and r->rows. */
dib_code bankfile__scan(struct bankfile__reader *r, const char *bytes, size_t len);

/* Cuts sp into the n fields of items, decoded: r->val, r->vlen. */
dib_code bankfile__split(struct bankfile__reader *r, const struct bankfile_item *items,
			 size_t n, const struct bankfile__span *sp);

/* Field i as a count (money: an amount in the layout's unit, to fen);
 * label names it in the message when it is not one. */
dib_code bankfile__number(struct bankfile__reader *r, size_t i, size_t line,
			  const char *label, bool money, int64_t *out);

/* Field i copied into the arena (NULL: out of memory). */
const char *bankfile__dup(struct bankfile__reader *r, size_t i);

/* Field i as an ISO date (date) or month, by the layout's format; NULL
 * with *rc set when it is not one. */
const char *bankfile__iso_or_fail(struct bankfile__reader *r, size_t i, size_t line,
				  bool date, dib_code *rc);

/* Checks a header or trailer line sp (which: "表头" / "表尾") against the
 * rows' totals; fills hdr's batch fields when given. */
dib_code bankfile__summary(struct bankfile__reader *r, const struct bankfile_item *items,
			   size_t n, const struct bankfile__span *sp, const char *which,
			   const struct bankfile_totals *tot, struct bankfile_batch *hdr);

#endif
