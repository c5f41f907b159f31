/*
 * csv.c — streaming RFC 4180 reader with encoding detection (see csv.h).
 *
 * Data flow: raw bytes (a 1 MiB read buffer, or the caller's memory) become
 * a "window" of checked UTF-8 — a slice of the raw buffer for UTF-8 input,
 * iconv's output for GB18030 input — and a small state machine copies each
 * field from the window into one reusable record buffer, where it gets its
 * NUL. The parser state survives a refill, so fields, quotes and CRLF may
 * straddle read boundaries; a character cut by a read boundary stays in the
 * raw buffer until the rest of it has been read.
 *
 * The window is checked in bulk (eight ASCII bytes per step), not field by
 * field. A bad byte — invalid UTF-8, a NUL, an unconvertible GB18030
 * sequence — ends the window there with a mark; when the parser reaches the
 * mark it reports the record and column it is in, which is exactly where
 * the byte lies.
 *
 * Thread-safety: one reader per thread; the tables are constant.
 */
#include "util/dib.h"
#include "util/csv.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <sys/stat.h>
#include <unistd.h>

#define CSV_READ_SIZE ((size_t)1 << 20)   /* raw read buffer */
#define CSV_DETECT_SIZE ((size_t)64 << 10) /* block examined for encoding */
#define CSV_DEFAULT_MAX ((size_t)1 << 20)  /* max_record when 0 */
#define CSV_REC_INITIAL ((size_t)4096)
#define CSV_FIELDS_INITIAL ((size_t)32)

enum csv_fill { FILL_MORE, FILL_EOF, FILL_BAD, FILL_IOERR };
enum csv_state { ST_FIELD, ST_UNQUOTED, ST_QUOTED, ST_QUOTE, ST_CR };
enum csv_bad { BAD_NONE, BAD_UTF8, BAD_NUL, BAD_GB };

struct dib_csv {
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
	 * offset win_off (UTF-8 input). bad: the window ends at a bad byte. */
	const char *win;
	size_t pos, end;
	uint64_t win_off;
	enum csv_bad bad;
	unsigned char bad_byte;
	uint64_t bad_off;

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

/* Bytes that end a run of an unquoted field. */
static const bool csv_special[256] = {
	['\n'] = true, ['\r'] = true, [','] = true, ['"'] = true,
};

/* ---- UTF-8 ---------------------------------------------------------- */

enum utf8_seq_status { SEQ_OK, SEQ_BAD, SEQ_SHORT };

/* Checks the multi-byte sequence at s (s[0] >= 0x80) against RFC 3629: no
 * overlong forms, no surrogates, nothing past U+10FFFF. *len gets its
 * length when SEQ_OK. SEQ_SHORT: a valid start cut off by the end. */
static enum utf8_seq_status utf8_seq(const unsigned char *s, size_t avail,
				     size_t *len)
{
	unsigned c = s[0], lo = 0x80, hi = 0xBF;
	size_t n;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		lo = c == 0xE0 ? 0xA0 : 0x80;
		hi = c == 0xED ? 0x9F : 0xBF;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		lo = c == 0xF0 ? 0x90 : 0x80;
		hi = c == 0xF4 ? 0x8F : 0xBF;
	} else {
		return SEQ_BAD;
	}
	for (size_t k = 1; k < n; k++) {
		if (k >= avail)
			return SEQ_SHORT;
		unsigned b = s[k];
		if (k == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80)
			return SEQ_BAD;
	}
	*len = n;
	return SEQ_OK;
}

/* Index of the first byte of s[0..n) that starts no valid UTF-8 character
 * (or is a NUL, unless allow_nul), or n if there is none. Eight ASCII bytes
 * at a time while the text is ASCII, which is most of a bureau's CSV. */
static size_t utf8_check(const unsigned char *s, size_t n, bool allow_nul)
{
	const uint64_t high = 0x8080808080808080u, ones = 0x0101010101010101u;
	size_t i = 0;
	while (i < n) {
		if (n - i >= 8) {
			uint64_t v;
			memcpy(&v, s + i, 8);
			uint64_t stop = v & high;
			if (!allow_nul)
				stop |= (v - ones) & ~v & high; /* some byte is 0 */
			if (!stop) {
				i += 8;
				continue;
			}
		}
		if (s[i] < 0x80) {
			if (s[i] == 0 && !allow_nul)
				return i;
			i++;
			continue;
		}
		size_t len;
		if (utf8_seq(s + i, n - i, &len) != SEQ_OK)
			return i;
		i += len;
	}
	return n;
}

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

/* Records a failure in the reader, so that later reads repeat it, and in
 * err. Set r->fail.detail first when there is one. */
static dib_code csv_fail(dib_csv *r, dib_err *err, dib_code code,
			 const char *fmt, ...) DIB_PRINTF(4, 5);
static dib_code csv_fail(dib_csv *r, dib_err *err, dib_code code,
			 const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->fail.msg, sizeof r->fail.msg, fmt, ap);
	va_end(ap);
	r->fail.code = code;
	return csv_replay(r, err);
}

/* ---- input ---------------------------------------------------------- */

/* One read(2) into raw_buf[raw_len..cap). FILL_EOF sets raw_eof. */
static enum csv_fill csv_read_raw(dib_csv *r, dib_err *err)
{
	ssize_t n;
	do {
		n = read(r->fd, r->raw_buf + r->raw_len, CSV_READ_SIZE - r->raw_len);
	} while (n < 0 && errno == EINTR);
	if (n < 0) {
		snprintf(r->fail.detail, sizeof r->fail.detail, "read: %s",
			 strerror(errno));
		csv_fail(r, err, DIB_EIO, "读取文件 \"%s\" 失败", r->name);
		return FILL_IOERR;
	}
	if (n == 0) {
		r->raw_eof = true;
		return FILL_EOF;
	}
	r->raw_len += (size_t)n;
	return FILL_MORE;
}

static void csv_mark_bad(dib_csv *r, enum csv_bad bad, unsigned char byte,
			 uint64_t off)
{
	r->bad = bad;
	r->bad_byte = byte;
	r->bad_off = off;
}

/* Makes the next window from UTF-8 input: as much of raw as is valid,
 * leaving a character cut by the end of the buffer for the next read.
 * Returns the window's length. */
static size_t csv_take_utf8(dib_csv *r)
{
	const unsigned char *s = (const unsigned char *)r->raw + r->raw_pos;
	size_t avail = r->raw_len - r->raw_pos;
	size_t ok = utf8_check(s, avail, false);
	size_t len;
	if (ok < avail && (s[ok] == 0 || r->raw_eof ||
			   utf8_seq(s + ok, avail - ok, &len) != SEQ_SHORT))
		csv_mark_bad(r, s[ok] ? BAD_UTF8 : BAD_NUL, s[ok],
			     r->raw_base + r->raw_pos + ok);
	r->win = (const char *)s;
	r->win_off = r->raw_base + r->raw_pos;
	r->pos = 0;
	r->end = ok;
	r->raw_pos += ok;
	return ok;
}

/* Makes the next window by converting GB18030 input. iconv's EINVAL is a
 * character cut by the end of the buffer: it waits for the rest, unless
 * there is no rest. E2BIG (output full) just ends this window. */
static size_t csv_take_gb(dib_csv *r)
{
	char *in = (char *)r->raw + r->raw_pos;
	size_t in_left = r->raw_len - r->raw_pos;
	char *out = r->conv;
	size_t out_left = r->conv_cap;
	size_t rc = iconv(r->cd, &in, &in_left, &out, &out_left);
	int e = errno;
	r->raw_pos = r->raw_len - in_left;
	size_t produced = r->conv_cap - out_left;
	if (rc == (size_t)-1 && (e == EILSEQ || (e == EINVAL && r->raw_eof)))
		csv_mark_bad(r, BAD_GB, (unsigned char)r->raw[r->raw_pos],
			     r->raw_base + r->raw_pos);
	const char *nul = memchr(r->conv, 0, produced);
	if (nul) { /* an earlier problem than any conversion error */
		produced = (size_t)(nul - r->conv);
		r->bad = BAD_NONE;
		csv_mark_bad(r, BAD_NUL, 0, r->raw_base + r->raw_pos);
	}
	r->win = r->conv;
	r->pos = 0;
	r->end = produced;
	return produced;
}

/* Gives the parser a new window after it has consumed the last one. */
static enum csv_fill csv_refill(dib_csv *r, dib_err *err)
{
	if (r->bad)
		return FILL_BAD;
	for (;;) {
		if (r->raw_pos < r->raw_len) {
			size_t n = r->enc == DIB_CSV_GB18030 ? csv_take_gb(r)
							     : csv_take_utf8(r);
			if (n > 0)
				return FILL_MORE;
			if (r->bad)
				return FILL_BAD;
		}
		if (r->raw_eof)
			return FILL_EOF;
		/* Keep the bytes of a cut character (at most 3) and read after
		 * them; the parser holds no pointer into the old window. */
		size_t tail = r->raw_len - r->raw_pos;
		memmove(r->raw_buf, r->raw_buf + r->raw_pos, tail);
		r->raw_base += r->raw_pos;
		r->raw_pos = 0;
		r->raw_len = tail;
		if (csv_read_raw(r, err) == FILL_IOERR)
			return FILL_IOERR;
	}
}

/* ---- opening and encoding detection --------------------------------- */

/* True when s[0..n) converts cleanly from GB18030; a character cut by the
 * end of the block is fine when partial_ok. */
static bool csv_gb_clean(iconv_t cd, const char *s, size_t n, bool partial_ok)
{
	char scratch[4096];
	char *in = (char *)s;
	size_t in_left = n;
	while (in_left > 0) {
		char *out = scratch;
		size_t out_left = sizeof scratch;
		if (iconv(cd, &in, &in_left, &out, &out_left) != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		return errno == EINVAL && partial_ok;
	}
	return true;
}

/* The rule of csv.h, on the first block: a BOM means UTF-8; valid UTF-8
 * (pure ASCII included) means UTF-8; a block that converts cleanly from
 * GB18030 means GB18030; anything else is read as UTF-8, so its first bad
 * byte is reported with record and column. NULs pass here so that
 * they are reported later with their record and column. */
static dib_code csv_detect(dib_csv *r, dib_err *err)
{
	const unsigned char *u = (const unsigned char *)r->raw;
	if (r->raw_len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		r->enc = DIB_CSV_UTF8_BOM;
		r->raw_pos = 3;
		return DIB_OK;
	}
	if (r->raw_len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		return csv_fail(r, err, DIB_EENCODING,
				"%s%s%s是 UTF-16 编码 (Excel 的\"Unicode 文本\")，请另存为\"CSV UTF-8\"或\"CSV (逗号分隔)\"",
				r->name ? "文件 \"" : "", r->name ? r->name : "CSV 数据",
				r->name ? "\" " : "");
	size_t n = r->raw_len < CSV_DETECT_SIZE ? r->raw_len : CSV_DETECT_SIZE;
	bool whole = r->raw_eof && n == r->raw_len;
	bool partial_ok = false;
	if (!whole) {
		/* Cut after the last LF: it is never part of a multi-byte
		 * character in UTF-8 or GB18030. */
		const char *lf = memrchr(r->raw, '\n', n);
		if (lf)
			n = (size_t)(lf - r->raw) + 1;
		else
			partial_ok = true;
	}
	size_t bad = utf8_check(u, n, true);
	size_t len;
	if (bad == n || (partial_ok && utf8_seq(u + bad, n - bad, &len) == SEQ_SHORT)) {
		r->enc = DIB_CSV_UTF8;
		return DIB_OK;
	}
	r->cd = iconv_open("UTF-8", "GB18030");
	if (r->cd == (iconv_t)-1) {
		snprintf(r->fail.detail, sizeof r->fail.detail,
			 "iconv_open GB18030: %s", strerror(errno));
		return csv_fail(r, err, DIB_EINTERNAL, "系统缺少 GB18030 编码转换");
	}
	if (!csv_gb_clean(r->cd, r->raw, n, partial_ok)) {
		/* Neither: read it as UTF-8, so the first bad byte is reported
		 * with its row and column — more use to a clerk than "unknown". */
		iconv_close(r->cd);
		r->cd = (iconv_t)-1;
		r->enc = DIB_CSV_UTF8;
		return DIB_OK;
	}
	iconv(r->cd, NULL, NULL, NULL, NULL); /* back to the initial state */
	r->enc = DIB_CSV_GB18030;
	r->conv_cap = CSV_READ_SIZE / 2 * 3 + 16; /* 2 bytes become at most 3 */
	r->conv = malloc(r->conv_cap);
	if (!r->conv)
		return csv_fail(r, err, DIB_ENOMEM, "内存不足");
	return DIB_OK;
}

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

/* Detects the encoding; the first read makes the first window. */
static dib_code csv_start(dib_csv *r, dib_csv **out, dib_err *err)
{
	dib_code rc = csv_detect(r, err);
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
	r->name = strdup(path);
	r->raw_buf = malloc(CSV_READ_SIZE);
	if (!r->name || !r->raw_buf) {
		dib_csv_close(r);
		return dib_err_nomem(err);
	}
	r->raw = r->raw_buf;
	r->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (r->fd < 0) {
		int e = errno;
		dib_err_set(err, DIB_EIO, "无法打开文件 \"%s\"", path);
		dib_err_detail(err, "open %s: %s", path, strerror(e));
		dib_csv_close(r);
		return DIB_EIO;
	}
	struct stat st;
	if (fstat(r->fd, &st) == 0 && S_ISREG(st.st_mode))
		r->total = (uint64_t)st.st_size;
	/* Fill at least the detection block (pipes may return less per read). */
	while (r->raw_len < CSV_DETECT_SIZE && !r->raw_eof) {
		if (csv_read_raw(r, err) == FILL_IOERR) {
			dib_csv_close(r);
			return DIB_EIO;
		}
	}
	return csv_start(r, out, err);
}

dib_code dib_csv_open_mem(const char *data, size_t len, size_t max_record,
			  dib_csv **out, dib_err *err)
{
	dib_csv *r = csv_new(max_record);
	if (!r)
		return dib_err_nomem(err);
	r->raw = data ? data : "";
	r->raw_len = data ? len : 0;
	r->raw_eof = true;
	r->total = r->raw_len;
	return csv_start(r, out, err);
}

void dib_csv_close(dib_csv *r)
{
	if (!r)
		return;
	if (r->fd >= 0)
		close(r->fd);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	free(r->conv);
	free(r->raw_buf);
	free(r->rec);
	free(r->fields);
	free(r->name);
	free(r);
}

enum dib_csv_encoding dib_csv_encoding(const dib_csv *r)
{
	return r->enc;
}

const char *dib_csv_encoding_name(const dib_csv *r)
{
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
	if (r->enc == DIB_CSV_GB18030)
		return r->raw_base + r->raw_pos;
	return r->win_off + r->pos;
}

uint64_t dib_csv_bytes_total(const dib_csv *r)
{
	return r->total;
}

/* ---- parsing -------------------------------------------------------- */

/* Makes room for n more bytes in the record, up to max_record (which thus
 * counts the field contents plus one NUL per field — about the record's
 * size in the file). The slow path of csv_append, kept out of line so the
 * hot path stays small. */
static dib_code csv_reserve(dib_csv *r, size_t n, bool quoted, dib_err *err)
{
	if (n > r->max_record - r->rec_len)
		return csv_fail(r, err, DIB_ETOOBIG,
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
		return csv_fail(r, err, DIB_ENOMEM, "内存不足");
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
		return csv_fail(r, err, DIB_ENOMEM, "内存不足");
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
		[BAD_UTF8] = "含有无效的 UTF-8 字节",
		[BAD_NUL] = "含有空字符 (0x00)",
		[BAD_GB] = "含有无法识别的 GB18030 字节",
	};
	snprintf(r->fail.detail, sizeof r->fail.detail,
		 "input offset %llu: byte 0x%02X", (unsigned long long)r->bad_off,
		 r->bad_byte);
	return csv_fail(r, err, DIB_EENCODING, "第 %zu 行第 %zu 列: %s",
			r->record_no + 1, r->nfields + 1, what[r->bad]);
}

enum csv_end { END_MORE, END_RECORD, END_EOF, END_FAIL };

/* The parser has consumed its window: refills it, or ends the record at
 * the end of the input, or reports the bad byte the window stopped at. */
static enum csv_end csv_window_end(dib_csv *r, enum csv_state st, bool any,
				   size_t fstart, dib_err *err)
{
	switch (csv_refill(r, err)) {
	case FILL_MORE:
		return END_MORE;
	case FILL_IOERR:
		return END_FAIL;
	case FILL_BAD:
		if (st == ST_CR) /* the record is complete; the byte is next */
			return END_RECORD;
		csv_fail_bad(r, err);
		return END_FAIL;
	case FILL_EOF:
		break;
	}
	if (!any)
		return END_EOF;
	if (st == ST_QUOTED) {
		csv_fail(r, err, DIB_ECSV, "第 %zu 行: 引号未闭合", r->record_no + 1);
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
				return csv_fail(r, err, DIB_ECSV,
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
