/*
 * csv_input.c — the input half of the CSV reader (see csv.h, csv_int.h):
 * reading the file or the caller's memory, detecting the encoding, checking
 * UTF-8 and converting GB18030 with iconv.
 *
 * Raw bytes (a 1 MiB read buffer, or the caller's memory) become a "window"
 * of checked UTF-8 — a slice of the raw buffer for UTF-8 input, iconv's
 * output for GB18030 input — which csv.c's parser copies fields out of. A
 * character cut by a read boundary stays in the raw buffer until the rest
 * of it has been read, so a window never ends inside a character.
 *
 * The window is checked in bulk (eight ASCII bytes per step), not field by
 * field. A bad byte — invalid UTF-8, a NUL, an unconvertible GB18030
 * sequence — ends the window there with a mark; when the parser reaches the
 * mark it reports the record and column it is in, which is exactly where
 * the byte lies.
 *
 * Thread-safety: one reader per thread; nothing here is shared between
 * readers (each has its own iconv descriptor).
 */
#include "util/dib.h"
#include "util/csv_int.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define CSV_READ_SIZE ((size_t)1 << 20)   /* raw read buffer */
#define CSV_DETECT_SIZE ((size_t)64 << 10) /* block examined for encoding */

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

/* ---- windows -------------------------------------------------------- */

/* One read(2) into raw_buf[raw_len..cap). CSV_FILL_EOF sets raw_eof. */
static enum dib_csv__fill csv_read_raw(dib_csv *r, dib_err *err)
{
	ssize_t n;
	do {
		n = read(r->fd, r->raw_buf + r->raw_len, CSV_READ_SIZE - r->raw_len);
	} while (n < 0 && errno == EINTR);
	if (n < 0) {
		snprintf(r->fail.detail, sizeof r->fail.detail, "read: %s",
			 strerror(errno));
		dib_csv__fail(r, err, DIB_EIO, "读取文件 \"%s\" 失败", r->name);
		return CSV_FILL_IOERR;
	}
	if (n == 0) {
		r->raw_eof = true;
		return CSV_FILL_EOF;
	}
	r->raw_len += (size_t)n;
	return CSV_FILL_MORE;
}

static void csv_mark_bad(dib_csv *r, enum dib_csv__bad bad, unsigned char byte,
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
		csv_mark_bad(r, s[ok] ? CSV_BAD_UTF8 : CSV_BAD_NUL, s[ok],
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
		csv_mark_bad(r, CSV_BAD_GB, (unsigned char)r->raw[r->raw_pos],
			     r->raw_base + r->raw_pos);
	const char *nul = memchr(r->conv, 0, produced);
	if (nul) { /* an earlier problem than any conversion error */
		produced = (size_t)(nul - r->conv);
		r->bad = CSV_BAD_NONE;
		csv_mark_bad(r, CSV_BAD_NUL, 0, r->raw_base + r->raw_pos);
	}
	r->win = r->conv;
	r->pos = 0;
	r->end = produced;
	return produced;
}

enum dib_csv__fill dib_csv__refill(dib_csv *r, dib_err *err)
{
	if (r->bad)
		return CSV_FILL_BAD;
	for (;;) {
		if (r->raw_pos < r->raw_len) {
			size_t n = r->enc == DIB_CSV_GB18030 ? csv_take_gb(r)
							     : csv_take_utf8(r);
			if (n > 0)
				return CSV_FILL_MORE;
			if (r->bad)
				return CSV_FILL_BAD;
		}
		if (r->raw_eof)
			return CSV_FILL_EOF;
		/* Keep the bytes of a cut character (at most 3) and read after
		 * them; the parser holds no pointer into the old window. */
		size_t tail = r->raw_len - r->raw_pos;
		memmove(r->raw_buf, r->raw_buf + r->raw_pos, tail);
		r->raw_base += r->raw_pos;
		r->raw_pos = 0;
		r->raw_len = tail;
		if (csv_read_raw(r, err) == CSV_FILL_IOERR)
			return CSV_FILL_IOERR;
	}
}

/* ---- encoding detection --------------------------------------------- */

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
		return dib_csv__fail(r, err, DIB_EENCODING,
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
		return dib_csv__fail(r, err, DIB_EINTERNAL, "系统缺少 GB18030 编码转换");
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
		return dib_csv__fail(r, err, DIB_ENOMEM, "内存不足");
	return DIB_OK;
}

/* ---- opening and closing -------------------------------------------- */

dib_code dib_csv__input_open(dib_csv *r, const char *path, dib_err *err)
{
	r->name = strdup(path);
	r->raw_buf = malloc(CSV_READ_SIZE);
	if (!r->name || !r->raw_buf)
		return dib_err_nomem(err);
	r->raw = r->raw_buf;
	r->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (r->fd < 0) {
		int e = errno;
		dib_err_set(err, DIB_EIO, "无法打开文件 \"%s\"", path);
		dib_err_detail(err, "open %s: %s", path, strerror(e));
		return DIB_EIO;
	}
	struct stat st;
	if (fstat(r->fd, &st) == 0 && S_ISREG(st.st_mode))
		r->total = (uint64_t)st.st_size;
	/* Fill at least the detection block (pipes may return less per read);
	 * the first window is made by the parser's first refill. */
	while (r->raw_len < CSV_DETECT_SIZE && !r->raw_eof) {
		if (csv_read_raw(r, err) == CSV_FILL_IOERR)
			return DIB_EIO;
	}
	return csv_detect(r, err);
}

dib_code dib_csv__input_mem(dib_csv *r, const char *data, size_t len,
			    dib_err *err)
{
	r->raw = data ? data : "";
	r->raw_len = data ? len : 0;
	r->raw_eof = true;
	r->total = r->raw_len;
	return csv_detect(r, err);
}

void dib_csv__input_close(dib_csv *r)
{
	if (r->fd >= 0)
		close(r->fd);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	free(r->conv);
	free(r->raw_buf);
	free(r->name);
}
