/*
 * csv.c — the RFC 4180 record parser of the CSV reader and its public API
 * (see csv.h; the design is in docs/internals/csv.md).
 *
 * csv_input.c hands this file "windows" of checked UTF-8 (dib_csv__refill);
 * a small state machine copies each field from the window into one reusable
 * record buffer, where it gets its NUL. The parser state survives a refill,
 * so fields, quotes and CRLF may straddle read boundaries. When a window
 * ends at a bad byte the parser reports the record and column it is in,
 * which is exactly where the byte lies. Opening and closing are here too:
 * this file owns the record half of struct dib_csv and asks csv_input.c to
 * set up and release the input half.
 *
 * Thread-safety: one reader per thread; the tables are constant.
 */
#include "util/dib.h"
#include "util/csv_int.h"

#define CSV_DEFAULT_MAX ((size_t)1 << 20)  /* max_record when 0 */
#define CSV_REC_INITIAL ((size_t)4096)
#define CSV_FIELDS_INITIAL ((size_t)32)

enum csv_state { ST_FIELD, ST_UNQUOTED, ST_QUOTED, ST_QUOTE, ST_CR };

/* Bytes that end a run of an unquoted field. */
static const bool csv_special[256] = {
	['\n'] = true, ['\r'] = true, [','] = true, ['"'] = true,
};

/* ---- errors --------------------------------------------------------- */

/* Hands the reader's failure to err, with its detail when err takes it
 * (first error wins: a detail must not be pinned to someone else's error). */
static dib_code csv_replay(const dib_csv *r, dib_err *err)
{
	bool fresh = err && err->code == DIB_OK;
	dib_err_set(err, r->fail.code, "%s", r->fail.msg);
	if (fresh && r->fail.detail[0])
		dib_err_detail(err, "%s", r->fail.detail);
	return r->fail.code;
}

dib_code dib_csv__fail(dib_csv *r, dib_err *err, dib_code code,
		       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->fail.msg, sizeof r->fail.msg, fmt, ap);
	va_end(ap);
	r->fail.code = code;
	return csv_replay(r, err);
}

/* ---- parsing -------------------------------------------------------- */

/* Makes room for n more bytes in the record, up to max_record (which thus
 * counts the field contents plus one NUL per field — about the record's
 * size in the file). The slow path of csv_append, kept out of line so the
 * hot path stays small. */
static dib_code csv_reserve(dib_csv *r, size_t n, bool quoted, dib_err *err)
{
	if (n > r->max_record - r->rec_len)
		return dib_csv__fail(r, err, DIB_ETOOBIG,
				     "第 %zu 行: 超过单条记录的大小上限 %zu 字节%s",
				     r->record_no + 1, r->max_record,
				     quoted ? "（可能有引号未闭合）" : "");
	size_t cap = r->rec_cap * 2;
	while (cap - r->rec_len < n)
		cap *= 2;
	if (cap > r->max_record)
		cap = r->max_record;
	char *rec = realloc(r->rec, cap);
	if (!rec)
		return dib_csv__fail(r, err, DIB_ENOMEM, "内存不足");
	r->rec = rec;
	r->rec_cap = cap;
	return DIB_OK;
}

static inline dib_code csv_append(dib_csv *r, const char *p, size_t n,
				  bool quoted, dib_err *err)
{
	if (n > r->rec_cap - r->rec_len) {
		dib_code rc = csv_reserve(r, n, quoted, err);
		if (rc)
			return rc;
	}
	memcpy(r->rec + r->rec_len, p, n);
	r->rec_len += n;
	return DIB_OK;
}

static dib_code csv_grow_fields(dib_csv *r, dib_err *err)
{
	/* Bounded: every field takes at least its NUL of max_record. */
	size_t cap = r->fields_cap * 2;
	dib_csv_field *fl = realloc(r->fields, cap * sizeof *fl);
	if (!fl)
		return dib_csv__fail(r, err, DIB_ENOMEM, "内存不足");
	r->fields = fl;
	r->fields_cap = cap;
	return DIB_OK;
}

/* Ends the field that started at r->rec + start: adds its NUL and appends
 * it to the field list. */
static inline dib_code csv_end_field(dib_csv *r, size_t start, dib_err *err)
{
	dib_code rc;
	if (r->rec_len == r->rec_cap && (rc = csv_reserve(r, 1, false, err)))
		return rc;
	if (r->nfields == r->fields_cap && (rc = csv_grow_fields(r, err)))
		return rc;
	r->rec[r->rec_len++] = '\0';
	r->fields[r->nfields++].len = r->rec_len - 1 - start;
	return DIB_OK;
}

static size_t count_lf(const char *p, size_t n)
{
	size_t k = 0;
	const char *e = p + n;
	while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
		k++;
		p++;
	}
	return k;
}

/* The parser reached a bad byte: it lies in the current record and field. */
static dib_code csv_fail_bad(dib_csv *r, dib_err *err)
{
	static const char *const what[] = {
		[CSV_BAD_UTF8] = "含有无效的 UTF-8 字节",
		[CSV_BAD_NUL] = "含有空字符 (0x00)",
		[CSV_BAD_GB] = "含有无法识别的 GB18030 字节",
	};
	snprintf(r->fail.detail, sizeof r->fail.detail,
		 "input offset %llu: byte 0x%02X", (unsigned long long)r->bad_off,
		 r->bad_byte);
	return dib_csv__fail(r, err, DIB_EENCODING, "第 %zu 行第 %zu 列: %s",
			     r->record_no + 1, r->nfields + 1, what[r->bad]);
}

enum csv_end { END_MORE, END_RECORD, END_EOF, END_FAIL };

/* The parser has consumed its window: refills it, or ends the record at
 * the end of the input, or reports the bad byte the window stopped at. */
static enum csv_end csv_window_end(dib_csv *r, enum csv_state st, bool any,
				   size_t fstart, dib_err *err)
{
	switch (dib_csv__refill(r, err)) {
	case CSV_FILL_MORE:
		return END_MORE;
	case CSV_FILL_IOERR:
		return END_FAIL;
	case CSV_FILL_BAD:
		if (st == ST_CR) /* the record is complete; the byte is next */
			return END_RECORD;
		csv_fail_bad(r, err);
		return END_FAIL;
	case CSV_FILL_EOF:
		break;
	}
	if (!any)
		return END_EOF;
	if (st == ST_QUOTED) {
		dib_csv__fail(r, err, DIB_ECSV, "第 %zu 行: 引号未闭合", r->record_no + 1);
		return END_FAIL;
	}
	if (st == ST_FIELD) /* the input ends with a comma */
		fstart = r->rec_len;
	if (st != ST_CR && csv_end_field(r, fstart, err))
		return END_FAIL;
	return END_RECORD;
}

dib_code dib_csv_read(dib_csv *r, const dib_csv_field **fields, size_t *nfields,
		      bool *eof, dib_err *err)
{
	if (r->fail.code)
		return csv_replay(r, err);
	r->rec_len = 0;
	r->nfields = 0;
	size_t start_line = r->line;
	size_t fstart = 0; /* where the current field starts in rec */
	enum csv_state st = ST_FIELD;
	bool any = false;
	dib_code rc;

	for (;;) {
		if (r->pos == r->end) {
			enum csv_end end = csv_window_end(r, st, any, fstart, err);
			if (end == END_MORE)
				continue;
			if (end == END_FAIL)
				return r->fail.code;
			if (end == END_EOF) {
				*fields = NULL;
				*nfields = 0;
				*eof = true;
				return DIB_OK;
			}
			if (st == ST_CR)
				r->line++;
			break;
		}
		any = true;
		const char *p = r->win + r->pos;
		const char *e = r->win + r->end;
		char c;
		switch (st) {
		case ST_FIELD:
			fstart = r->rec_len;
			if (*p == '"') {
				st = ST_QUOTED;
				r->pos++;
				continue;
			}
			st = ST_UNQUOTED;
			/* fallthrough */
		case ST_UNQUOTED: {
			const char *q = p;
			while (q < e && !csv_special[(unsigned char)*q])
				q++;
			if ((rc = csv_append(r, p, (size_t)(q - p), false, err)))
				return rc;
			r->pos += (size_t)(q - p);
			if (q == e)
				continue;
			c = *q;
			r->pos++;
			if (c == '"') { /* stray quote inside a bare field: literal */
				if ((rc = csv_append(r, q, 1, false, err)))
					return rc;
				continue;
			}
			break;
		}
		case ST_QUOTED: {
			const char *q = memchr(p, '"', (size_t)(e - p));
			size_t n = (size_t)((q ? q : e) - p);
			if ((rc = csv_append(r, p, n, true, err)))
				return rc;
			r->line += count_lf(p, n);
			r->pos += n + (q ? 1 : 0);
			if (q)
				st = ST_QUOTE;
			continue;
		}
		case ST_QUOTE: /* just after a quote inside a quoted field */
			c = *p;
			r->pos++;
			if (c == '"') { /* a doubled quote stands for one */
				if ((rc = csv_append(r, p, 1, true, err)))
					return rc;
				st = ST_QUOTED;
				continue;
			}
			if (c != ',' && c != '\n' && c != '\r')
				return dib_csv__fail(r, err, DIB_ECSV,
						     "第 %zu 行第 %zu 列: 引号后面不应再有字符",
						     r->record_no + 1, r->nfields + 1);
			break;
		case ST_CR: /* CRLF, or a lone CR as old Mac files end lines */
			if (*p == '\n')
				r->pos++;
			r->line++;
			goto done;
		}
		/* c is the ',', CR or LF that ended the field. */
		if ((rc = csv_end_field(r, fstart, err)))
			return rc;
		if (c == '\n') {
			r->line++;
			break;
		}
		st = c == ',' ? ST_FIELD : ST_CR;
	}
done:
	/* Fields are back to back in rec, each followed by its NUL; rec no
	 * longer moves, so the pointers can be set now. */
	for (size_t i = 0, off = 0; i < r->nfields; i++) {
		r->fields[i].ptr = r->rec + off;
		off += r->fields[i].len + 1;
	}
	r->record_no++;
	r->line_no = start_line;
	*fields = r->fields;
	*nfields = r->nfields;
	*eof = false;
	return DIB_OK;
}

/* ---- opening and closing -------------------------------------------- */

static dib_csv *csv_new(size_t max_record)
{
	dib_csv *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->fd = -1;
	r->cd = (iconv_t)-1;
	r->max_record = max_record ? max_record : CSV_DEFAULT_MAX;
	r->rec_cap = r->max_record < CSV_REC_INITIAL ? r->max_record : CSV_REC_INITIAL;
	r->rec = malloc(r->rec_cap);
	r->fields_cap = CSV_FIELDS_INITIAL;
	r->fields = malloc(r->fields_cap * sizeof *r->fields);
	r->line = 1;
	if (!r->rec || !r->fields) {
		dib_csv_close(r);
		return NULL;
	}
	return r;
}

/* Hands r out once its input is set up and the encoding detected (rc == 0);
 * closes it otherwise. The first read makes the first window. */
static dib_code csv_start(dib_csv *r, dib_code rc, dib_csv **out)
{
	if (rc) {
		dib_csv_close(r);
		return rc;
	}
	*out = r;
	return DIB_OK;
}

dib_code dib_csv_open(const char *path, size_t max_record, dib_csv **out,
		      dib_err *err)
{
	dib_csv *r = csv_new(max_record);
	if (!r)
		return dib_err_nomem(err);
	return csv_start(r, dib_csv__input_open(r, path, err), out);
}

dib_code dib_csv_open_mem(const char *data, size_t len, size_t max_record,
			  dib_csv **out, dib_err *err)
{
	dib_csv *r = csv_new(max_record);
	if (!r)
		return dib_err_nomem(err);
	return csv_start(r, dib_csv__input_mem(r, data, len, err), out);
}

void dib_csv_close(dib_csv *r)
{
	if (!r)
		return;
	dib_csv__input_close(r);
	free(r->rec);
	free(r->fields);
	free(r);
}

/* ---- accessors ------------------------------------------------------ */

enum dib_csv_encoding dib_csv_encoding(const dib_csv *r)
{
	return r->enc;
}

const char *dib_csv_encoding_name(const dib_csv *r)
{
	/* String literals: callers may keep the name past dib_csv_close. */
	switch (r->enc) {
	case DIB_CSV_UTF8: return "UTF-8";
	case DIB_CSV_UTF8_BOM: return "UTF-8 (BOM)";
	case DIB_CSV_GB18030: return "GB18030";
	}
	return "UTF-8";
}

size_t dib_csv_record_no(const dib_csv *r)
{
	return r->record_no;
}

size_t dib_csv_line_no(const dib_csv *r)
{
	return r->line_no;
}

uint64_t dib_csv_bytes_read(const dib_csv *r)
{
	/* GB18030 windows are iconv output, so count the raw bytes consumed;
	 * a UTF-8 window is the raw input itself. */
	if (r->enc == DIB_CSV_GB18030)
		return r->raw_base + r->raw_pos;
	return r->win_off + r->pos;
}

uint64_t dib_csv_bytes_total(const dib_csv *r)
{
	return r->total;
}

dib_code dib_csv_put_field(FILE *out, const char *p, size_t n)
{
	bool quote = false;
	for (size_t i = 0; i < n; i++)
		if (p[i] == ',' || p[i] == '"' || p[i] == '\n' || p[i] == '\r')
			quote = true;
	if (!quote)
		return fwrite(p, 1, n, out) == n ? DIB_OK : DIB_EIO;
	if (fputc('"', out) == EOF)
		return DIB_EIO;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '"' && fputc('"', out) == EOF)
			return DIB_EIO;
		if (fputc(p[i], out) == EOF)
			return DIB_EIO;
	}
	return fputc('"', out) == EOF ? DIB_EIO : DIB_OK;
}
