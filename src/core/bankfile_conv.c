/*
 * bankfile_conv.c — the byte level of bank files: UTF-8 checks, UTF-8 ↔ GBK
 * with glibc iconv, and the SHA-256 checksum of a file.
 *
 * iconv is asked for plain "GBK" in both directions, never "//TRANSLIT" or
 * "//IGNORE": a name the bank cannot print must be refused and corrected,
 * not silently turned into '?' on a payment record. Values are converted
 * one at a time so an error can name the line and the column, and so fixed
 * widths can be measured in encoded bytes.
 *
 * The checksum uses libsodium's crypto_hash_sha256: util/digest.h only has
 * BLAKE2b (for the audit chain), and a bank or a finance bureau checking a
 * file by hand has sha256sum, not b2sum. libsodium reaches dib_core through
 * dib_util's public link.
 *
 * Thread-safety: a converter belongs to one thread; no shared state.
 */
#include "util/dib.h"
#include "core/bankfile_int.h"

#include <errno.h>
#include <sodium.h>

size_t bankfile__utf8_char(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned c = u[0], lo = 0x80, hi = 0xBF;
	size_t len;

	if (c < 0x80)
		return c ? 1 : 0; /* a NUL is no text: it would cut a C string */
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		lo = c == 0xE0 ? 0xA0 : 0x80; /* no overlongs */
		hi = c == 0xED ? 0x9F : 0xBF; /* no surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		lo = c == 0xF0 ? 0x90 : 0x80;
		hi = c == 0xF4 ? 0x8F : 0xBF; /* nothing past U+10FFFF */
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t k = 1; k < len; k++) {
		unsigned b = u[k];
		if (k == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80)
			return 0;
	}
	return len;
}

dib_code bankfile__conv_open(struct bankfile__conv *c,
			     enum bankfile_encoding enc, bool to_file,
			     dib_err *err)
{
	c->enc = enc;
	c->to_file = to_file;
	c->cd = (iconv_t)-1;
	if (enc == BANKFILE_UTF8)
		return DIB_OK;
	c->cd = to_file ? iconv_open("GBK", "UTF-8") : iconv_open("UTF-8", "GBK");
	if (c->cd == (iconv_t)-1) {
		int e = errno;
		dib_err_set(err, DIB_EINTERNAL, "系统缺少 GBK 编码转换，无法处理银行文件");
		dib_err_detail(err, "iconv_open GBK: %s", strerror(e));
		return DIB_EINTERNAL;
	}
	return DIB_OK;
}

void bankfile__conv_close(struct bankfile__conv *c)
{
	if (c->cd != (iconv_t)-1)
		iconv_close(c->cd);
	c->cd = (iconv_t)-1;
}

/* Offset of the first byte of s[0..n) that starts no valid UTF-8 character,
 * or n. */
static size_t utf8_bad(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t l = bankfile__utf8_char(s + i, n - i);
		if (!l)
			return i;
		i += l;
	}
	return n;
}

dib_code bankfile__convert(struct bankfile__conv *c, const char *s, size_t n,
			   dib_buf *out, size_t *bad, size_t *bad_len)
{
	char chunk[512];
	char *in = (char *)s; /* iconv's prototype lacks the const */
	size_t left = n;

	if (c->cd == (iconv_t)-1) {
		size_t b = utf8_bad(s, n);
		if (b < n) {
			*bad = b;
			*bad_len = 1;
			return DIB_EENCODING;
		}
		return dib_buf_add(out, s, n);
	}
	/* Decoding a file must refuse a NUL byte too (iconv passes it). */
	if (memchr(s, '\0', n)) {
		*bad = (size_t)((const char *)memchr(s, '\0', n) - s);
		*bad_len = 1;
		return DIB_EENCODING;
	}
	iconv(c->cd, NULL, NULL, NULL, NULL); /* back to the initial state */
	do {
		char *o = chunk;
		size_t room = sizeof chunk;
		size_t r = iconv(c->cd, &in, &left, &o, &room);
		int e = errno;
		dib_code rc = dib_buf_add(out, chunk, (size_t)(o - chunk));
		if (rc)
			return rc;
		if (r != (size_t)-1 || e == E2BIG)
			continue;
		/* EILSEQ: no form in the target, or invalid in the source;
		 * EINVAL: a character cut off at the end. */
		*bad = (size_t)(in - s);
		/* Encoding: the whole UTF-8 character, to quote it. */
		*bad_len = c->to_file && left ? bankfile__utf8_char(in, left) : 0;
		if (!*bad_len)
			*bad_len = 1;
		return DIB_EENCODING;
	} while (left > 0);
	return DIB_OK;
}

void bankfile_sha256_hex(const void *bytes, size_t len,
			 char out[BANKFILE_SHA256_HEX])
{
	unsigned char md[crypto_hash_sha256_BYTES];

	_Static_assert(BANKFILE_SHA256_HEX == 2 * crypto_hash_sha256_BYTES + 1,
		       "hex size");
	/* sodium_init only picks faster code; the portable code gives the
	 * same digest, so a failure changes nothing here. */
	if (sodium_init() < 0) {
		/* nothing to do */
	}
	crypto_hash_sha256(md, bytes ? bytes : (const void *)"",
			   (unsigned long long)len);
	sodium_bin2hex(out, BANKFILE_SHA256_HEX, md, sizeof md);
}
