/*
 * test_csv.c — the CSV reader: RFC 4180 details, encodings, errors with
 * record and column, and files that cross the 1 MiB read buffer.
 * GB18030 input is made here from UTF-8 literals with iconv, so the source
 * stays UTF-8. Single-threaded.
 */
#include "util/dib.h"
#include "util/buf.h"
#include "util/csv.h"

#include <errno.h>
#include <iconv.h>
#include <setjmp.h>
#include <unistd.h>

#include <cmocka.h>

#define MiB ((size_t)1 << 20)

/* ---- helpers -------------------------------------------------------- */

/* Converts UTF-8 to GB18030, appending to out. */
static void to_gb(const char *s, size_t n, dib_buf *out)
{
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	assert_true(cd != (iconv_t)-1);
	char tmp[4096];
	char *in = (char *)s;
	size_t in_left = n;
	while (in_left > 0) {
		char *o = tmp;
		size_t o_left = sizeof tmp;
		size_t rc = iconv(cd, &in, &in_left, &o, &o_left);
		if (rc == (size_t)-1)
			assert_int_equal(errno, E2BIG);
		assert_int_equal(dib_buf_add(out, tmp, sizeof tmp - o_left), DIB_OK);
	}
	iconv_close(cd);
}

static char *write_temp(const char *data, size_t len)
{
	char *path = strdup("/tmp/dib_test_csv_XXXXXX");
	assert_non_null(path);
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	size_t off = 0;
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);
		assert_true(n > 0);
		off += (size_t)n;
	}
	close(fd);
	return path;
}

static void remove_temp(char *path)
{
	unlink(path);
	free(path);
}

/* Reads all records of r into "f1|f2\n" lines. Returns the final code;
 * err holds the message when it is not DIB_OK. */
static dib_code dump_reader(dib_csv *r, dib_buf *out, dib_err *err)
{
	for (;;) {
		const dib_csv_field *f;
		size_t n;
		bool eof;
		dib_code rc = dib_csv_read(r, &f, &n, &eof, err);
		if (rc)
			return rc;
		if (eof)
			return DIB_OK;
		for (size_t i = 0; i < n; i++) {
			assert_int_equal(strlen(f[i].ptr), f[i].len); /* NUL-terminated */
			if (i)
				dib_buf_addc(out, '|');
			dib_buf_add(out, f[i].ptr, f[i].len);
		}
		dib_buf_addc(out, '\n');
	}
}

static dib_code dump_mem(const char *data, size_t len, size_t max_record,
			 dib_buf *out, dib_err *err)
{
	dib_csv *r = NULL;
	dib_code rc = dib_csv_open_mem(data, len, max_record, &r, err);
	if (rc)
		return rc;
	rc = dump_reader(r, out, err);
	dib_csv_close(r);
	return rc;
}

/* ---- RFC 4180 ------------------------------------------------------- */

struct parse_case {
	const char *name;
	const char *in; /* prefixed with a BOM when run, so UTF-8 is certain */
	const char *want;
};

static const struct parse_case parse_cases[] = {
	{ "simple", "a,b,c\n1,2,3\n", "a|b|c\n1|2|3\n" },
	{ "no final newline", "a,b\nc,d", "a|b\nc|d\n" },
	{ "crlf", "a,b\r\nc,d\r\n", "a|b\nc|d\n" },
	{ "lone cr", "a\rb\r", "a\nb\n" },
	{ "quoted comma", "\"a,b\",c\n", "a,b|c\n" },
	{ "doubled quotes", "\"say \"\"hi\"\"\",x\n", "say \"hi\"|x\n" },
	{ "only a quote", "\"\"\"\"\n", "\"\n" },
	{ "embedded lf", "\"l1\nl2\",x\n", "l1\nl2|x\n" },
	{ "embedded crlf", "\"l1\r\nl2\"\r\n", "l1\r\nl2\n" },
	{ "empty fields", ",,\n", "||\n" },
	{ "empty quoted", "\"\",\"\"\n", "|\n" },
	{ "trailing comma at eof", "a,", "a|\n" },
	{ "quoted at eof", "a,\"b\"", "a|b\n" },
	{ "blank lines", "a\n\nb\n\r\n", "a\n\nb\n\n" },
	{ "stray quote in bare field", "ab\"c,d\n", "ab\"c|d\n" },
	{ "chinese", "姓名,住址\n张三,\"河南省,郑州市\"\n", "姓名|住址\n张三|河南省,郑州市\n" },
	{ "4-byte utf-8", "😀,𠀀\n", "😀|𠀀\n" },
};

static void test_csv__rfc4180_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < DIB_ARRAY_LEN(parse_cases); i++) {
		const struct parse_case *c = &parse_cases[i];
		dib_buf in, out;
		dib_buf_init(&in, MiB);
		dib_buf_init(&out, MiB);
		dib_buf_adds(&in, "\xEF\xBB\xBF");
		dib_buf_adds(&in, c->in);
		dib_err err;
		dib_err_clear(&err);
		dib_code rc = dump_mem(in.ptr, in.len, 0, &out, &err);
		if (rc || strcmp(dib_buf_str(&out), c->want) != 0)
			fail_msg("case \"%s\": rc %d (%s), got \"%s\"", c->name, rc,
				 err.msg, dib_buf_str(&out));
		dib_buf_release(&in);
		dib_buf_release(&out);
	}
}

static void test_csv__record_and_line_numbers(void **state)
{
	(void)state;
	const char *s = "h1,h2\n\"a\nb\",c\r\nd,e\n";
	dib_csv *r;
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(dib_csv_open_mem(s, strlen(s), 0, &r, &err), DIB_OK);
	const dib_csv_field *f;
	size_t n;
	bool eof;
	size_t want_line[] = { 1, 2, 4 };
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(dib_csv_read(r, &f, &n, &eof, &err), DIB_OK);
		assert_false(eof);
		assert_int_equal(n, 2);
		assert_int_equal(dib_csv_record_no(r), i + 1);
		assert_int_equal(dib_csv_line_no(r), want_line[i]);
	}
	assert_int_equal(dib_csv_read(r, &f, &n, &eof, &err), DIB_OK);
	assert_true(eof);
	/* eof is sticky */
	assert_int_equal(dib_csv_read(r, &f, &n, &eof, &err), DIB_OK);
	assert_true(eof);
	assert_int_equal(dib_csv_bytes_read(r), strlen(s));
	assert_int_equal(dib_csv_bytes_total(r), strlen(s));
	dib_csv_close(r);
}

static void test_csv__blank_line_is_one_empty_field(void **state)
{
	(void)state;
	const char *s = "a\n\nb\n";
	dib_csv *r;
	assert_int_equal(dib_csv_open_mem(s, strlen(s), 0, &r, NULL), DIB_OK);
	const dib_csv_field *f;
	size_t n;
	bool eof;
	assert_int_equal(dib_csv_read(r, &f, &n, &eof, NULL), DIB_OK);
	assert_int_equal(dib_csv_read(r, &f, &n, &eof, NULL), DIB_OK);
	assert_false(eof);
	assert_int_equal(n, 1);
	assert_int_equal(f[0].len, 0);
	assert_string_equal(f[0].ptr, "");
	dib_csv_close(r);
}

static void test_csv__empty_input_is_eof(void **state)
{
	(void)state;
	const char *inputs[] = { "", "\xEF\xBB\xBF" };
	for (size_t i = 0; i < DIB_ARRAY_LEN(inputs); i++) {
		char *path = write_temp(inputs[i], strlen(inputs[i]));
		dib_csv *r;
		dib_err err;
		dib_err_clear(&err);
		assert_int_equal(dib_csv_open(path, 0, &r, &err), DIB_OK);
		const dib_csv_field *f;
		size_t n = 99;
		bool eof = false;
		assert_int_equal(dib_csv_read(r, &f, &n, &eof, &err), DIB_OK);
		assert_true(eof);
		assert_int_equal(n, 0);
		dib_csv_close(r);
		remove_temp(path);
	}
	dib_csv *r;
	assert_int_equal(dib_csv_open_mem(NULL, 0, 0, &r, NULL), DIB_OK);
	assert_int_equal(dib_csv_encoding(r), DIB_CSV_UTF8);
	dib_csv_close(r);
}

/* ---- encodings ------------------------------------------------------ */

static void test_csv__bom_is_detected_and_skipped(void **state)
{
	(void)state;
	const char *s = "\xEF\xBB\xBF姓名,年龄\n张三,30\n";
	dib_csv *r;
	assert_int_equal(dib_csv_open_mem(s, strlen(s), 0, &r, NULL), DIB_OK);
	assert_int_equal(dib_csv_encoding(r), DIB_CSV_UTF8_BOM);
	assert_string_equal(dib_csv_encoding_name(r), "UTF-8 (BOM)");
	const dib_csv_field *f;
	size_t n;
	bool eof;
	assert_int_equal(dib_csv_read(r, &f, &n, &eof, NULL), DIB_OK);
	assert_string_equal(f[0].ptr, "姓名");
	dib_csv_close(r);

	const char *plain = "姓名,年龄\n";
	assert_int_equal(dib_csv_open_mem(plain, strlen(plain), 0, &r, NULL), DIB_OK);
	assert_int_equal(dib_csv_encoding(r), DIB_CSV_UTF8);
	assert_string_equal(dib_csv_encoding_name(r), "UTF-8");
	dib_csv_close(r);
}

static void test_csv__gb18030_file_is_converted(void **state)
{
	(void)state;
	const char *utf8 = "姓名,身份证号,备注\r\n"
			   "张三,110101199001011234,\"住址:郑州市,\"\"金水区\"\"\"\r\n"
			   "李四,41010119800101123X,€ 😀 𠀀\r\n";
	dib_buf gb;
	dib_buf_init(&gb, MiB);
	to_gb(utf8, strlen(utf8), &gb);
	assert_true(gb.len < strlen(utf8)); /* really converted: 2-byte Hanzi */
	char *path = write_temp(gb.ptr, gb.len);

	dib_csv *r;
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(dib_csv_open(path, 0, &r, &err), DIB_OK);
	assert_int_equal(dib_csv_encoding(r), DIB_CSV_GB18030);
	assert_string_equal(dib_csv_encoding_name(r), "GB18030");
	assert_int_equal(dib_csv_bytes_total(r), gb.len);
	dib_buf out;
	dib_buf_init(&out, MiB);
	assert_int_equal(dump_reader(r, &out, &err), DIB_OK);
	assert_string_equal(dib_buf_str(&out),
			    "姓名|身份证号|备注\n"
			    "张三|110101199001011234|住址:郑州市,\"金水区\"\n"
			    "李四|41010119800101123X|€ 😀 𠀀\n");
	assert_int_equal(dib_csv_bytes_read(r), gb.len);
	dib_csv_close(r);
	remove_temp(path);
	dib_buf_release(&gb);
	dib_buf_release(&out);
}

static void test_csv__utf16_is_rejected_at_open(void **state)
{
	(void)state;
	/* UTF-16LE as Excel's "Unicode text" saves it. */
	const char s[] = "\xFF\xFE" "a\0,\0b\0";
	dib_csv *r = (dib_csv *)1;
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(dib_csv_open_mem(s, sizeof s - 1, 0, &r, &err),
			 DIB_EENCODING);
	assert_ptr_equal(r, (dib_csv *)1); /* output untouched */
	assert_non_null(strstr(err.msg, "UTF-16"));
}

static void test_csv__neither_encoding_reports_first_bad_byte(void **state)
{
	(void)state;
	/* Not UTF-8 and not GB18030 (0xFF never starts a GB18030 character):
	 * read as UTF-8, so the clerk learns where the bad byte is. */
	const char s[] = "a,b\n1,\xFF\xFE\n";
	dib_csv *r = NULL;
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(dib_csv_open_mem(s, sizeof s - 1, 0, &r, &err), DIB_OK);
	const dib_csv_field *f;
	size_t nf;
	bool eof;
	assert_int_equal(dib_csv_read(r, &f, &nf, &eof, &err), DIB_OK);
	assert_int_equal(dib_csv_read(r, &f, &nf, &eof, &err), DIB_EENCODING);
	assert_non_null(strstr(err.msg, "第 2 行第 2 列"));
	dib_csv_close(r);
}

struct bad_utf8_case {
	const char *in; /* after a BOM */
	dib_code code;
	const char *msg;
	size_t len;     /* of in, when it holds a NUL; else 0 */
};

static const struct bad_utf8_case bad_utf8_cases[] = {
	{ "a,b,c\n1,2,3\n4,\xC3\x28,6\n", DIB_EENCODING, "第 3 行第 2 列: 含有无效的 UTF-8 字节", 0 },
	{ "x,y,\xC0\xAF\n", DIB_EENCODING, "第 1 行第 3 列: 含有无效的 UTF-8 字节", 0 },           /* overlong '/' */
	{ "\xED\xA0\x80\n", DIB_EENCODING, "第 1 行第 1 列: 含有无效的 UTF-8 字节", 0 },           /* surrogate */
	{ "a\n\xF4\x90\x80\x80\n", DIB_EENCODING, "第 2 行第 1 列: 含有无效的 UTF-8 字节", 0 },    /* > U+10FFFF */
	{ "a,\"\xE4\xB8\",c\n", DIB_EENCODING, "第 1 行第 2 列: 含有无效的 UTF-8 字节", 0 },      /* truncated */
	{ "a,\xE4\xB8", DIB_EENCODING, "第 1 行第 2 列: 含有无效的 UTF-8 字节", 0 },              /* cut at eof */
	{ "a,b\n\xB8\xAD\n", DIB_EENCODING, "第 2 行第 1 列: 含有无效的 UTF-8 字节", 0 },         /* lone trail */
	{ "a,12345678\x80\n", DIB_EENCODING, "第 1 行第 2 列: 含有无效的 UTF-8 字节", 0 },         /* after fast path */
	{ "a,b\nc,d\0e\n", DIB_EENCODING, "第 2 行第 2 列: 含有空字符", 10 },
	{ "a,b\nc,\"open\nmore\nstuff\n", DIB_ECSV, "第 2 行: 引号未闭合", 0 },
	{ "h\n\"a\"b,c\n", DIB_ECSV, "第 2 行第 1 列: 引号后面不应再有字符", 0 },
};

static void test_csv__bad_input_names_record_and_column(void **state)
{
	(void)state;
	for (size_t i = 0; i < DIB_ARRAY_LEN(bad_utf8_cases); i++) {
		const struct bad_utf8_case *c = &bad_utf8_cases[i];
		dib_buf in, out;
		dib_buf_init(&in, MiB);
		dib_buf_init(&out, MiB);
		dib_buf_adds(&in, "\xEF\xBB\xBF");
		dib_buf_add(&in, c->in, c->len ? c->len : strlen(c->in));
		dib_err err;
		dib_err_clear(&err);
		dib_code rc = dump_mem(in.ptr, in.len, 0, &out, &err);
		if (rc != c->code || !strstr(err.msg, c->msg))
			fail_msg("case %zu: rc %d, msg \"%s\", want \"%s\"", i, rc,
				 err.msg, c->msg);
		dib_buf_release(&in);
		dib_buf_release(&out);
	}
}

static void test_csv__error_is_sticky(void **state)
{
	(void)state;
	const char *s = "\xEF\xBB\xBF" "a\n\xFF\nb\n";
	dib_csv *r;
	assert_int_equal(dib_csv_open_mem(s, strlen(s), 0, &r, NULL), DIB_OK);
	const dib_csv_field *f;
	size_t n;
	bool eof;
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(dib_csv_read(r, &f, &n, &eof, &err), DIB_OK);
	assert_int_equal(dib_csv_read(r, &f, &n, &eof, &err), DIB_EENCODING);
	dib_err_clear(&err);
	assert_int_equal(dib_csv_read(r, &f, &n, &eof, &err), DIB_EENCODING);
	assert_non_null(strstr(err.msg, "第 2 行第 1 列"));
	dib_csv_close(r);
}

/* Builds n bytes of ASCII records "row,NNNNNN\n" (the header is "h,v"). */
static size_t add_ascii_rows(dib_buf *b, size_t bytes)
{
	size_t rows = 0;
	dib_buf_adds(b, "h,v\n");
	rows++;
	while (b->len < bytes) {
		dib_buf_addf(b, "row,%06zu\n", rows);
		rows++;
	}
	return rows;
}

static void test_csv__gbk_after_ascii_block_is_invalid_utf8(void **state)
{
	(void)state;
	/* The first 64 KiB are ASCII, so the file is taken as UTF-8; the GBK
	 * name further down is then an invalid UTF-8 byte with its position. */
	dib_buf b, out;
	dib_buf_init(&b, 4 * MiB);
	dib_buf_init(&out, 4 * MiB);
	size_t rows = add_ascii_rows(&b, 70 * 1024);
	dib_buf_adds(&b, "x,");
	to_gb("张三", strlen("张三"), &b);
	dib_buf_adds(&b, "\n");
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(dump_mem(b.ptr, b.len, 0, &out, &err), DIB_EENCODING);
	char want[128];
	snprintf(want, sizeof want, "第 %zu 行第 2 列: 含有无效的 UTF-8 字节", rows + 1);
	assert_string_equal(err.msg, want);
	assert_non_null(strstr(err.detail, "0x"));
	dib_buf_release(&b);
	dib_buf_release(&out);
}

static void test_csv__invalid_gb18030_names_record_and_column(void **state)
{
	(void)state;
	/* A GB18030 file (Hanzi in the first block) with a bad byte pair —
	 * lead 0x81 then a space — after the detection block. */
	dib_buf b, out;
	dib_buf_init(&b, 4 * MiB);
	dib_buf_init(&out, 4 * MiB);
	size_t rows = 0;
	while (b.len < 100 * 1024) {
		char line[64];
		int n = snprintf(line, sizeof line, "%zu,张三,河南省\n", rows + 1);
		to_gb(line, (size_t)n, &b);
		rows++;
	}
	dib_buf_adds(&b, "x,y,\x81 z\n");

	/* From memory and from a file (the file path reads in chunks). */
	for (int pass = 0; pass < 2; pass++) {
		dib_err err;
		dib_err_clear(&err);
		dib_buf_reset(&out);
		dib_csv *r;
		char *path = NULL;
		if (pass == 0) {
			assert_int_equal(dib_csv_open_mem(b.ptr, b.len, 0, &r, &err), DIB_OK);
		} else {
			path = write_temp(b.ptr, b.len);
			assert_int_equal(dib_csv_open(path, 0, &r, &err), DIB_OK);
		}
		assert_int_equal(dib_csv_encoding(r), DIB_CSV_GB18030);
		assert_int_equal(dump_reader(r, &out, &err), DIB_EENCODING);
		char want[128];
		snprintf(want, sizeof want, "第 %zu 行第 3 列: 含有无法识别的 GB18030 字节",
			 rows + 1);
		assert_string_equal(err.msg, want);
		/* Everything before the bad record was read and converted. */
		assert_int_equal(dib_csv_record_no(r), rows);
		dib_csv_close(r);
		if (path)
			remove_temp(path);
	}

	/* A lead byte cut off by the end of the input is invalid too. */
	b.len -= strlen("x,y,\x81 z\n");
	dib_buf_adds(&b, "x,\x81");
	dib_err err;
	dib_err_clear(&err);
	dib_buf_reset(&out);
	assert_int_equal(dump_mem(b.ptr, b.len, 0, &out, &err), DIB_EENCODING);
	assert_non_null(strstr(err.msg, "第 2 列: 含有无法识别的 GB18030 字节"));
	dib_buf_release(&b);
	dib_buf_release(&out);
}

static void test_csv__record_cap(void **state)
{
	(void)state;
	dib_buf b, out;
	dib_buf_init(&b, MiB);
	dib_buf_init(&out, MiB);
	dib_buf_adds(&b, "\xEF\xBB\xBF" "short,row\n");
	for (int i = 0; i < 100; i++)
		dib_buf_adds(&b, "x");
	dib_buf_adds(&b, "\nafter\n");
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(dump_mem(b.ptr, b.len, 64, &out, &err), DIB_ETOOBIG);
	assert_non_null(strstr(err.msg, "第 2 行"));
	assert_string_equal(dib_buf_str(&out), "short|row\n");

	/* 63 bytes of content + its NUL fit a 64-byte cap exactly. */
	dib_buf_reset(&b);
	dib_buf_reset(&out);
	for (int i = 0; i < 63; i++)
		dib_buf_adds(&b, "y");
	dib_buf_adds(&b, "\n");
	dib_err_clear(&err);
	assert_int_equal(dump_mem(b.ptr, b.len, 64, &out, &err), DIB_OK);
	assert_int_equal(out.len, 64);

	/* An unclosed quote swallowing the file hits the cap, with a hint. */
	dib_buf_reset(&b);
	dib_buf_reset(&out);
	dib_buf_adds(&b, "a,\"oops\n");
	for (int i = 0; i < 100; i++)
		dib_buf_adds(&b, "more,text\n");
	dib_err_clear(&err);
	assert_int_equal(dump_mem(b.ptr, b.len, 256, &out, &err), DIB_ETOOBIG);
	assert_non_null(strstr(err.msg, "引号未闭合"));
	dib_buf_release(&b);
	dib_buf_release(&out);
}

static void test_csv__missing_file_is_eio_naming_it(void **state)
{
	(void)state;
	dib_csv *r = NULL;
	dib_err err;
	dib_err_clear(&err);
	const char *path = "/nonexistent/dibao/低保名单.csv";
	assert_int_equal(dib_csv_open(path, 0, &r, &err), DIB_EIO);
	assert_null(r);
	assert_non_null(strstr(err.msg, path));
	assert_non_null(strstr(err.detail, "No such file"));
	dib_csv_close(NULL); /* no-op */
}

/* ---- a file larger than the read buffer ------------------------------ */

/* csv.c reads 1 MiB at a time; for GB18030 it keeps the bytes of a cut
 * character and reads after them, which moves the next boundary back by
 * that many bytes. The builder below aims characters at those boundaries;
 * if csv.c's buffer changes, the test still checks every field, it just
 * aims less well. */
#define BIG_PAD_MAX 400

/* Row i of the big file; pad ASCII bytes move the rest of the row. */
static size_t big_row(size_t i, size_t pad, char *out, size_t cap)
{
	char pads[BIG_PAD_MAX + 1];
	memset(pads, 'p', pad);
	pads[pad] = '\0';
	int n = snprintf(out, cap,
			 "%zu,%s中文字段%zu,\"地址,第%zu号\n\"\"楼\"\"\",😀备注%zu\r\n",
			 i, pads, i * 7, i % 97, i);
	assert_true(n > 0 && (size_t)n < cap);
	return (size_t)n;
}

/* The fields row i must come back as, in UTF-8. */
static void big_fields(size_t i, size_t pad, char f[4][512])
{
	char pads[BIG_PAD_MAX + 1];
	memset(pads, 'p', pad);
	pads[pad] = '\0';
	snprintf(f[0], 512, "%zu", i);
	snprintf(f[1], 512, "%s中文字段%zu", pads, i * 7);
	snprintf(f[2], 512, "地址,第%zu号\n\"楼\"", i % 97);
	snprintf(f[3], 512, "😀备注%zu", i);
}

static void big_encode(bool gb, const char *s, size_t n, dib_buf *out)
{
	dib_buf_reset(out);
	if (gb)
		to_gb(s, n, out);
	else
		dib_buf_add(out, s, n);
}

/* Offset in the encoded row of the byte to put on boundary number k, and
 * how many bytes of its character lie before the boundary:
 * k%3 == 0: the 2nd byte of "中" (split 1|rest);
 * k%3 == 1: the 3rd byte of "😀" (4 bytes in both encodings: split 2|2);
 * k%3 == 2: the LF of the final CRLF (CR in one buffer, LF in the next). */
static size_t big_target(bool gb, const dib_buf *row, size_t k, size_t *cut)
{
	dib_buf needle;
	dib_buf_init(&needle, 64);
	const char *what = k % 3 == 0 ? "中" : "😀";
	big_encode(gb, what, strlen(what), &needle);
	const char *at = memmem(row->ptr, row->len, needle.ptr, needle.len);
	assert_non_null(at);
	dib_buf_release(&needle);
	size_t off = (size_t)(at - row->ptr);
	switch (k % 3) {
	case 0: *cut = 1; return off + 1;
	case 1: *cut = 2; return off + 2;
	default: *cut = 0; return row->len - 1;
	}
}

/* Appends rows until the buffer holds more than `bytes`, padding one row
 * near each read boundary so that its target byte starts the next buffer.
 * pads[i] records the padding of row i. Returns the row count. */
static size_t big_build(dib_buf *b, bool gb, size_t bytes, size_t *pads,
			size_t max_rows, size_t *aimed)
{
	size_t rows = 0, boundary = MiB, k = 0;
	char line[1024];
	dib_buf row;
	dib_buf_init(&row, 4096);
	*aimed = 0;
	while (b->len < bytes) {
		assert_true(rows < max_rows);
		size_t pad = 0;
		big_encode(gb, line, big_row(rows, 0, line, sizeof line), &row);
		size_t cut;
		size_t t = big_target(gb, &row, k, &cut);
		if (b->len + t + BIG_PAD_MAX >= boundary) {
			if (b->len + t <= boundary) {
				pad = boundary - b->len - t;
				big_encode(gb, line, big_row(rows, pad, line, sizeof line), &row);
				(*aimed)++;
			}
			boundary += MiB - (gb ? cut : 0);
			k++;
		}
		pads[rows++] = pad;
		dib_buf_add(b, row.ptr, row.len);
	}
	dib_buf_release(&row);
	return rows;
}

static void test_csv__big_file_across_buffers(void **state)
{
	(void)state;
	enum { MAX_ROWS = 100000 };
	size_t *pads = calloc(MAX_ROWS, sizeof *pads);
	assert_non_null(pads);
	for (int gb = 0; gb < 2; gb++) {
		dib_buf b;
		dib_buf_init(&b, 8 * MiB);
		size_t aimed;
		size_t rows = big_build(&b, gb, 3 * MiB + 4096, pads, MAX_ROWS, &aimed);
		assert_int_equal(aimed, 3); /* all three boundaries were targeted */

		char *path = write_temp(b.ptr, b.len);
		dib_csv *r;
		dib_err err;
		dib_err_clear(&err);
		assert_int_equal(dib_csv_open(path, 0, &r, &err), DIB_OK);
		assert_int_equal(dib_csv_encoding(r), gb ? DIB_CSV_GB18030 : DIB_CSV_UTF8);
		uint64_t last = 0;
		for (size_t i = 0; i < rows; i++) {
			const dib_csv_field *f;
			size_t n;
			bool eof;
			dib_code rc = dib_csv_read(r, &f, &n, &eof, &err);
			if (rc)
				fail_msg("gb=%d row %zu: %s", gb, i, err.msg);
			assert_false(eof);
			assert_int_equal(n, 4);
			char want[4][512];
			big_fields(i, pads[i], want);
			for (size_t j = 0; j < 4; j++)
				if (strcmp(f[j].ptr, want[j]) != 0 || f[j].len != strlen(want[j]))
					fail_msg("gb=%d row %zu field %zu: \"%s\" want \"%s\"",
						 gb, i, j, f[j].ptr, want[j]);
			assert_int_equal(dib_csv_record_no(r), i + 1);
			assert_int_equal(dib_csv_line_no(r), 2 * i + 1);
			uint64_t done = dib_csv_bytes_read(r);
			assert_true(done >= last && done <= b.len);
			last = done;
		}
		const dib_csv_field *f;
		size_t n;
		bool eof;
		assert_int_equal(dib_csv_read(r, &f, &n, &eof, &err), DIB_OK);
		assert_true(eof);
		assert_int_equal(dib_csv_bytes_read(r), b.len);
		assert_int_equal(dib_csv_bytes_total(r), b.len);
		dib_csv_close(r);
		remove_temp(path);
		dib_buf_release(&b);
	}
	free(pads);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv__rfc4180_table),
		cmocka_unit_test(test_csv__record_and_line_numbers),
		cmocka_unit_test(test_csv__blank_line_is_one_empty_field),
		cmocka_unit_test(test_csv__empty_input_is_eof),
		cmocka_unit_test(test_csv__bom_is_detected_and_skipped),
		cmocka_unit_test(test_csv__gb18030_file_is_converted),
		cmocka_unit_test(test_csv__utf16_is_rejected_at_open),
		cmocka_unit_test(test_csv__neither_encoding_reports_first_bad_byte),
		cmocka_unit_test(test_csv__bad_input_names_record_and_column),
		cmocka_unit_test(test_csv__error_is_sticky),
		cmocka_unit_test(test_csv__gbk_after_ascii_block_is_invalid_utf8),
		cmocka_unit_test(test_csv__invalid_gb18030_names_record_and_column),
		cmocka_unit_test(test_csv__record_cap),
		cmocka_unit_test(test_csv__missing_file_is_eio_naming_it),
		cmocka_unit_test(test_csv__big_file_across_buffers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
