/*
 * test_bankfile.c — bank payment files and return files (core/bankfile):
 * the template text (built-ins, round trip through the canonical text,
 * the encoding's spellings, refusals naming the line), byte-exact pay files for a two-line batch in
 * each built-in, fixed widths in GBK and UTF-8 bytes, the writer's
 * refusals, write → read round trips for every built-in in both encodings,
 * return files (paid / failed / reasons, GBK reasons, summaries that
 * disagree, unknown status), and the SHA-256 of known inputs.
 *
 * Expected bytes are written out here by hand, field by field; the GBK
 * codes are the standard ones (张 D5C5, 三 C8FD, 李 C0EE, 四 CBC4 …).
 * Thread-safety: single-threaded test program.
 */
#include "util/dib.h"
#include "core/bankfile.h"

#include <setjmp.h>
#include <cmocka.h>

#define CSV "通用CSV（UTF-8）"
#define NSH "农商银行TXT（GBK，竖线分隔）"
#define PSBC "邮储银行定长（GBK）"

static const struct bankfile_batch BATCH = {
	.batch_no = "B202501001",
	.payer_account = "9001234567890123",
	.file_date = "2025-01-15",
	.period = "2025-01",
	.program = "城乡低保",
};

static const struct bankfile_line LINES[2] = {
	{.reference = 1001, .account = "6228480012345671",
	 .account_name = "张三", .id_number = "11010519491231002X",
	 .name = "张三", .amount_fen = 62000, .village_code = "110105001001",
	 .village_name = "幸福村"},
	{.reference = 1002, .account = "6217001234567890122",
	 .account_name = "李四", .id_number = "440524188001010014",
	 .name = "李四", .amount_fen = 45050, .village_code = "110105001002",
	 .village_name = "和平社区", .memo = "含分类施保"},
};

static void parse_text(const char *text, struct bankfile_template *t)
{
	dib_err err;

	dib_err_clear(&err);
	if (bankfile_template_parse(text, strlen(text), t, &err) != DIB_OK)
		fail_msg("template: %s", err.msg);
}

static void load(const char *name, struct bankfile_template *t)
{
	const struct bankfile_builtin *b = bankfile_builtin_find(name);

	if (!b)
		fail_msg("no built-in %s", name);
	parse_text(b->text, t);
}

/* Prints bytes with escapes, for a failure message. */
static void show(const char *what, const char *p, size_t n)
{
	fprintf(stderr, "%s (%zu bytes): \"", what, n);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\')
			fputc(c, stderr);
		else
			fprintf(stderr, "\\x%02x", c);
	}
	fprintf(stderr, "\"\n");
}

static void assert_bytes(const char *got, size_t got_len, const char *want,
			 size_t want_len)
{
	if (got_len != want_len || memcmp(got, want, want_len)) {
		show("got ", got, got_len);
		show("want", want, want_len);
		fail_msg("bytes differ");
	}
}

/* ---- templates ------------------------------------------------------ */

static void test_bankfile__builtins_parse_and_find(void **state)
{
	(void)state;
	assert_int_equal(bankfile_builtin_count(), 3);
	assert_null(bankfile_builtin(3));
	assert_null(bankfile_builtin_find("工商银行"));
	assert_null(bankfile_builtin_find(NULL));
	for (size_t i = 0; i < bankfile_builtin_count(); i++) {
		const struct bankfile_builtin *b = bankfile_builtin(i);
		struct bankfile_template t;
		assert_ptr_equal(bankfile_builtin_find(b->name), b);
		parse_text(b->text, &t);
		assert_string_equal(t.name, b->name);
		/* No national standard: every built-in says it is a sample. */
		assert_non_null(strstr(t.note, "样例"));
	}
	struct bankfile_template t;
	load(PSBC, &t);
	assert_int_equal(t.pay.format, BANKFILE_FIXED);
	assert_int_equal(t.pay.encoding, BANKFILE_GBK);
	assert_int_equal(t.pay.unit, BANKFILE_FEN);
	assert_int_equal(t.pay.n_header, 6);
	assert_int_equal(t.pay.n_trailer, 3);
	assert_int_equal(t.pay.columns[4].field, BANKFILE_F_ACCOUNT_NAME);
	assert_int_equal(t.pay.columns[4].width, 40);
	assert_int_equal(t.pay.columns[4].align, BANKFILE_LEFT);
	assert_int_equal(t.pay.columns[5].align, BANKFILE_ZERO);
	assert_string_equal(t.pay.columns[0].text, "D");
	assert_int_equal(t.ret.n_trailer, 5);
	load(NSH, &t);
	assert_int_equal(t.pay.separator, '|');
	assert_true(t.end_separator);
	/* Not given: the return file inherits format, encoding, separator. */
	assert_int_equal(t.ret.format, BANKFILE_DELIMITED);
	assert_int_equal(t.ret.encoding, BANKFILE_GBK);
	assert_int_equal(t.ret.separator, '|');
	load(CSV, &t);
	assert_int_equal(t.n_paid, 2);
	assert_string_equal(t.paid[0], "成功");
	assert_string_equal(t.paid[1], "0000");
}

static void test_bankfile__template_round_trip(void **state)
{
	(void)state;
	for (size_t i = 0; i < bankfile_builtin_count(); i++) {
		struct bankfile_template a, b;
		dib_buf t1, t2;
		dib_err err;
		dib_err_clear(&err);
		dib_buf_init(&t1, 1 << 16);
		dib_buf_init(&t2, 1 << 16);
		parse_text(bankfile_builtin(i)->text, &a);
		assert_int_equal(bankfile_template_format(&a, &t1, &err), DIB_OK);
		parse_text(t1.ptr, &b);
		if (memcmp(&a, &b, sizeof a))
			fail_msg("%s: parse(format(t)) != t\n%s", a.name, t1.ptr);
		assert_int_equal(bankfile_template_format(&b, &t2, &err), DIB_OK);
		assert_string_equal(t1.ptr, t2.ptr);
		dib_buf_release(&t1);
		dib_buf_release(&t2);
	}
}

static void test_bankfile__template_canonical_text(void **state)
{
	(void)state;
	static const char canon[] =
		"name = 测试模板\n"
		"bank = 某银行\n"
		"format = delimited\n"
		"encoding = gbk\n"
		"separator = tab\n"
		"amount = fen\n"
		"line_end = lf\n"
		"date_format = yyyy-mm-dd\n"
		"period_format = yyyymm\n"
		"bom = no\n"
		"end_separator = no\n"
		"header = \"HDR\"\n"
		"header = count\n"
		"column = account\n"
		"column = amount\n"
		"return.format = fixed\n"
		"return.encoding = utf8\n"
		"return.amount = yuan\n"
		"return.column = reference 10 zero\n"
		"return.column = amount 12 right\n"
		"return.column = status 4 left\n"
		"return.paid = 0000 S\n";
	/* The same, shuffled, with comments and defaults left out. */
	static const char loose[] =
		"# 说明行\n"
		"return.paid = 0000 S   # 成功的状态值\n"
		"  column = account\n"
		"column=amount\r\n"
		"\n"
		"encoding = gbk\n"
		"format = delimited\n"
		"name = 测试模板\n"
		"bank = 某银行\n"
		"separator = tab\n"
		"amount = fen\n"
		"line_end = lf\n"
		"date_format = yyyy-mm-dd\n"
		"header = \"HDR\"\n"
		"header = count\n"
		"return.format = fixed\n"
		"return.encoding = utf8\n"
		"return.amount = yuan\n"
		"return.column = reference 10\n"
		"return.column = amount 12 right\n"
		"return.column = status 4\n";
	struct bankfile_template t;
	dib_buf out;
	dib_err err;

	dib_err_clear(&err);
	dib_buf_init(&out, 1 << 16);
	parse_text(loose, &t);
	assert_int_equal(t.pay.separator, '\t');
	assert_int_equal(t.ret.columns[0].align, BANKFILE_ZERO); /* number */
	assert_int_equal(t.ret.columns[2].align, BANKFILE_LEFT); /* text */
	assert_int_equal(bankfile_template_format(&t, &out, &err), DIB_OK);
	assert_string_equal(out.ptr, canon);
	dib_buf_release(&out);
}

static void test_bankfile__template_comment_and_literal(void **state)
{
	(void)state;
	struct bankfile_template t;

	/* '#' inside a literal is text; after a space it starts a comment. */
	parse_text("name = x\nformat = fixed\nencoding = utf8\n"
		   "column = \"#1 号\" 6   # 固定文字\n"
		   "column = account 19\ncolumn = amount 12\n"
		   "return.column = seq 6\nreturn.column = amount 12\n"
		   "return.column = status 2\nreturn.paid = S\n",
		   &t);
	assert_string_equal(t.pay.columns[0].text, "#1 号");
	assert_int_equal(t.pay.columns[0].width, 6);
	assert_int_equal(t.pay.n_columns, 3);
}

/* encoding as the template list shows it (UTF-8, GBK) or as the canonical
 * word, in any case, for the pay and the return file; written back as
 * the canonical word; anything else refused naming the line. */
static void test_bankfile__template_encoding_spellings(void **state)
{
	(void)state;
	static const struct {
		const char *word;
		int enc; /* -1: refused */
	} t[] = {
		{ "utf8", BANKFILE_UTF8 }, { "UTF8", BANKFILE_UTF8 }, { "utf-8", BANKFILE_UTF8 },
		{ "UTF-8", BANKFILE_UTF8 }, { "Utf-8", BANKFILE_UTF8 }, { "gbk", BANKFILE_GBK },
		{ "GBK", BANKFILE_GBK }, { "Gbk", BANKFILE_GBK }, { "utf_8", -1 }, { "utf-16", -1 },
		{ "gb2312", -1 }, { "UTF-8 ", BANKFILE_UTF8 }, /* blanks around are trimmed */
		{ "big5", -1 }, { "utf", -1 },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		char text[512];
		struct bankfile_template tp;
		dib_buf out;
		dib_err err;
		dib_err_clear(&err);
		/* the word on line 3 for the pay file, on line 10 for the return */
		for (int ret = 0; ret < 2; ret++) {
			snprintf(text, sizeof text,
				 "name = t\nformat = delimited\nencoding = %s\nseparator = |\n"
				 "column = account\ncolumn = amount\n"
				 "return.column = reference\nreturn.column = amount\nreturn.column = status\n"
				 "return.encoding = %s\nreturn.paid = 0000\n",
				 ret ? "gbk" : t[i].word, ret ? t[i].word : "gbk");
			dib_code rc = bankfile_template_parse(text, strlen(text), &tp, &err);
			if (t[i].enc < 0) {
				if (rc != DIB_EINVAL)
					fail_msg("\"%s\" accepted", t[i].word);
				char want[128];
				snprintf(want, sizeof want,
					 "模板第 %d 行：%sencoding 的值 \"%s\" 不正确，"
					 "应为 utf8（UTF-8）或 gbk（GBK）",
					 ret ? 10 : 3, ret ? "return." : "", t[i].word);
				if (!strstr(err.msg, want))
					fail_msg("\"%s\": %s", t[i].word, err.msg);
				dib_err_clear(&err);
				continue;
			}
			if (rc)
				fail_msg("\"%s\" refused: %s", t[i].word, err.msg);
			enum bankfile_encoding got = ret ? tp.ret.encoding : tp.pay.encoding;
			assert_int_equal(got, t[i].enc);
			assert_int_equal(ret ? tp.pay.encoding : tp.ret.encoding, BANKFILE_GBK);
			dib_buf_init(&out, 1 << 16);
			assert_int_equal(bankfile_template_format(&tp, &out, &err), DIB_OK);
			const char *canon = t[i].enc == BANKFILE_UTF8 ? "utf8" : "gbk";
			char want[64];
			snprintf(want, sizeof want, "\n%sencoding = %s\n", ret ? "return." : "", canon);
			if (!strstr(out.ptr, want))
				fail_msg("\"%s\" written back as:\n%s", t[i].word, out.ptr);
			dib_buf_release(&out);
		}
	}
}

#define MIN_TAIL                                                              \
	"column = account\ncolumn = amount\n"                                 \
	"return.column = reference\nreturn.column = amount\n"                 \
	"return.column = status\nreturn.paid = 0000\n"
#define MIN_HEAD "name = t\nformat = delimited\nencoding = gbk\nseparator = |\n"

static void test_bankfile__template_refusals(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		dib_code code;
		const char *msg; /* a part of the message */
	} cases[] = {
		{"foo = 1\n" MIN_HEAD MIN_TAIL, DIB_EINVAL, "模板第 1 行：未知的设置 \"foo\""},
		{MIN_HEAD "column account\n" MIN_TAIL, DIB_EINVAL, "模板第 5 行：\"column account\" 缺少等号"},
		{MIN_HEAD "format = csv\n" MIN_TAIL, DIB_EINVAL, "模板第 5 行：format 重复设置（第 2 行已设置）"},
		{"name = t\nformat = csv\n", DIB_EINVAL, "模板第 2 行：format 的值 \"csv\" 不正确，应为 delimited、fixed"},
		{MIN_HEAD "encoding = big5\n", DIB_EINVAL, "模板第 5 行：encoding 重复设置"},
		{"name = t\nencoding = big5\n", DIB_EINVAL, "模板第 2 行：encoding 的值 \"big5\" 不正确"},
		{MIN_HEAD "column = account 19\n" MIN_TAIL, DIB_EINVAL, "模板第 5 行：分隔符格式不写宽度和对齐"},
		{MIN_HEAD "column = balance\n" MIN_TAIL, DIB_EINVAL, "模板第 5 行：未知的字段 \"balance\""},
		{MIN_HEAD "column = status\n" MIN_TAIL, DIB_EINVAL, "模板第 5 行：字段 \"status\"（处理状态）不能用在代发文件的明细列"},
		{MIN_HEAD "header = seq\n" MIN_TAIL, DIB_EINVAL, "模板第 5 行：字段 \"seq\"（序号）不能用在代发文件的表头或表尾"},
		{MIN_HEAD "column = \"CNY\n" MIN_TAIL, DIB_EINVAL, "模板第 5 行：固定文字缺少结尾的双引号"},
		{MIN_HEAD "column = \"A|B\"\n" MIN_TAIL, DIB_EINVAL, "模板第 5 行：固定文字 \"A|B\" 含有分隔符"},
		{MIN_HEAD "header = titles\nheader = count\n" MIN_TAIL, DIB_EINVAL, "模板第 5 行：titles（列标题）要单独成行"},
		{"name = t\nformat = fixed\nencoding = gbk\nheader = titles\n" MIN_TAIL, DIB_EINVAL, "模板第 4 行：定长格式的每一项都要写宽度"},
		{"name = t\nformat = fixed\nencoding = gbk\ncolumn = account 19\ncolumn = amount 0\n", DIB_EINVAL, "模板第 5 行：宽度 \"0\" 不正确"},
		{"name = t\nformat = fixed\nencoding = gbk\ncolumn = account 1000\n", DIB_EINVAL, "模板第 4 行：宽度 \"1000\" 不正确"},
		{"name = t\nformat = fixed\nencoding = gbk\ncolumn = account 19 zero\n"
		 "column = amount 12\nreturn.column = seq 6\nreturn.column = amount 12\n"
		 "return.column = status 4\nreturn.paid = 0000\n",
		 DIB_EINVAL, "模板第 4 行：只有数字字段可以用 zero"},
		{"name = t\nformat = fixed\nencoding = gbk\ncolumn = account 19 center\n", DIB_EINVAL, "模板第 4 行：\"center\" 看不懂"},
		{"name = t\nformat = delimited\nencoding = gbk\nseparator = a\n", DIB_EINVAL, "模板第 4 行：separator \"a\" 不正确"},
		{"name = t\nformat = delimited\nencoding = gbk\nseparator = ||\n", DIB_EINVAL, "模板第 4 行：separator \"||\" 不正确"},
		{"name = t\nformat = fixed\nencoding = gbk\nseparator = |\n" MIN_TAIL, DIB_EINVAL, "模板第 4 行：定长格式不用 separator"},
		{"name = t\nformat = fixed\nencoding = gbk\nend_separator = yes\n", DIB_EINVAL, "模板第 4 行：end_separator 只用于分隔符格式"},
		{"format = delimited\nencoding = gbk\nseparator = |\n" MIN_TAIL, DIB_EINVAL, "模板缺少 name（模板名称）"},
		{"name = t\nencoding = gbk\n" MIN_TAIL, DIB_EINVAL, "模板缺少 format"},
		{"name = t\nformat = delimited\nencoding = gbk\n" MIN_TAIL, DIB_EINVAL, "模板缺少 separator"},
		{MIN_HEAD "column = amount\nreturn.column = seq\nreturn.column = amount\nreturn.column = status\nreturn.paid = 0\n",
		 DIB_EINVAL, "模板缺少账号列（column = account）"},
		{MIN_HEAD "column = account\ncolumn = amount\nreturn.column = seq\nreturn.column = amount\nreturn.paid = 0\n",
		 DIB_EINVAL, "模板回盘文件缺少处理状态列"},
		{MIN_HEAD "column = account\ncolumn = amount\nreturn.column = amount\nreturn.column = status\nreturn.paid = 0\n",
		 DIB_EINVAL, "模板回盘文件缺少业务编号或序号列"},
		{MIN_HEAD "column = account\ncolumn = amount\nreturn.column = seq\nreturn.column = amount\nreturn.column = status\n",
		 DIB_EINVAL, "模板缺少 return.paid"},
		{"name = t\nformat = fixed\nencoding = gbk\nreturn.format = delimited\n"
		 "column = account 19\ncolumn = amount 12\n"
		 "return.column = seq\nreturn.column = amount\nreturn.column = status\nreturn.paid = 0\n",
		 DIB_EINVAL, "模板缺少 return.separator"},
		{"name = \xff\n", DIB_EENCODING, "模板不是有效的 UTF-8 文字（第 8 字节）"},
		{"name = t\nreturn.paid = 0 1 2 3 4 5 6 7 8\n", DIB_EINVAL, "模板第 2 行：表示成功的状态值最多 8 个"},
	};

	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		struct bankfile_template t;
		dib_err err;
		memset(&t, 0x5a, sizeof t);
		dib_err_clear(&err);
		dib_code rc = bankfile_template_parse(cases[i].text,
						      strlen(cases[i].text), &t, &err);
		if (rc != cases[i].code || !strstr(err.msg, cases[i].msg))
			fail_msg("case %zu: got %d \"%s\", want %d \"%s\"", i, rc,
				 err.msg, cases[i].code, cases[i].msg);
		/* Untouched on error. */
		assert_int_equal(((unsigned char *)&t)[0], 0x5a);
	}
	/* 33 detail columns: one too many, named at its line. */
	dib_buf big;
	dib_err err;
	struct bankfile_template t;
	dib_buf_init(&big, 1 << 16);
	dib_buf_adds(&big, MIN_HEAD);
	for (int i = 0; i < 33; i++)
		dib_buf_adds(&big, "column = memo\n");
	dib_err_clear(&err);
	assert_int_equal(bankfile_template_parse(big.ptr, big.len, &t, &err), DIB_EINVAL);
	assert_non_null(strstr(err.msg, "模板第 37 行：明细列最多 32 项"));
	dib_buf_release(&big);
}

/* ---- writing: byte-exact output of each built-in -------------------- */

static void expect_file(const char *name, const char *want, size_t want_len)
{
	struct bankfile_template t;
	dib_buf out;
	dib_err err;

	load(name, &t);
	dib_err_clear(&err);
	dib_buf_init(&out, 1 << 20);
	if (bankfile_write(&t, &BATCH, LINES, 2, &out, &err) != DIB_OK)
		fail_msg("%s: %s", name, err.msg);
	assert_bytes(out.ptr, out.len, want, want_len);
	dib_buf_release(&out);
}

static void test_bankfile__write_csv_exact(void **state)
{
	(void)state;
	static const char want[] =
		"序号,业务编号,区划代码,村（社区）,姓名,身份证号,户名,账号,金额,项目,发放年月,备注\r\n"
		"1,1001,110105001001,幸福村,张三,11010519491231002X,张三,6228480012345671,620.00,城乡低保,2025-01,\r\n"
		"2,1002,110105001002,和平社区,李四,440524188001010014,李四,6217001234567890122,450.50,城乡低保,2025-01,含分类施保\r\n";
	expect_file(CSV, want, sizeof want - 1);
}

static void test_bankfile__write_nsh_exact(void **state)
{
	(void)state;
	/* GBK; header batch|payer|count|total|date; every row ends in '|'. */
	static const char want[] =
		"B202501001|9001234567890123|2|1070.50|20250115|\r\n"
		"1|1001|6228480012345671|\xd5\xc5\xc8\xfd|620.00|11010519491231002X|202501||\r\n"
		"2|1002|6217001234567890122|\xc0\xee\xcb\xc4|450.50|440524188001010014|202501|"
		"\xba\xac\xb7\xd6\xc0\xe0\xca\xa9\xb1\xa3|\r\n";
	expect_file(NSH, want, sizeof want - 1);
}

static void test_bankfile__write_psbc_exact(void **state)
{
	(void)state;
	/* Fixed width in GBK bytes; 张三 is 4 bytes, so 36 spaces follow. */
	static const char want[] =
		"H" "B202501001          " "9001234567890123   " "20250115"
		"00000002" "000000000107050" "\r\n"
		"D" "000001" "0000000000001001" "6228480012345671   "
		"\xd5\xc5\xc8\xfd" "                                    "
		"000000062000" "11010519491231002X" "202501"
		"                              " "\r\n"
		"D" "000002" "0000000000001002" "6217001234567890122"
		"\xc0\xee\xcb\xc4" "                                    "
		"000000045050" "440524188001010014" "202501"
		"\xba\xac\xb7\xd6\xc0\xe0\xca\xa9\xb1\xa3" "                    " "\r\n"
		"T" "00000002" "000000000107050" "\r\n";
	expect_file(PSBC, want, sizeof want - 1);
}

/* ---- writing: widths, alignment, refusals --------------------------- */

#define NARROW(enc)                                                           \
	"name = 窄列\nformat = fixed\nencoding = " enc "\namount = fen\n"     \
	"line_end = lf\ncolumn = account 4\ncolumn = account_name 5\n"       \
	"column = amount 6\n"                                                 \
	"return.column = reference 4\nreturn.column = amount 6\n"             \
	"return.column = status 4\nreturn.paid = 0000\n"

static void test_bankfile__fixed_width_bytes(void **state)
{
	(void)state;
	static const struct {
		bool gbk;
		const char *name;
		const char *want; /* the row, or NULL: refused */
	} cases[] = {
		{true, "ab", "1234ab   000100\n"},
		{true, "张三", "1234\xd5\xc5\xc8\xfd 000100\n"},  /* 4 GBK bytes + 1 */
		{true, "张三a", "1234\xd5\xc5\xc8\xfd" "a000100\n"}, /* exactly 5 */
		{true, "张三李", NULL},                            /* 6: never cut */
		{true, "abcdef", NULL},
		{false, "张a", "1234张a 000100\n"},                /* 4 UTF-8 bytes + 1 */
		{false, "张三", NULL},                             /* 6 UTF-8 bytes */
		{false, "", "1234     000100\n"},
	};

	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		struct bankfile_template t;
		struct bankfile_line ln = {.reference = 7, .account = "1234",
					   .account_name = cases[i].name,
					   .amount_fen = 100};
		dib_buf out;
		dib_err err;
		parse_text(cases[i].gbk ? NARROW("gbk") : NARROW("utf8"), &t);
		dib_buf_init(&out, 1 << 16);
		dib_err_clear(&err);
		dib_code rc = bankfile_write(&t, NULL, &ln, 1, &out, &err);
		if (cases[i].want) {
			if (rc)
				fail_msg("case %zu: %s", i, err.msg);
			assert_bytes(out.ptr, out.len, cases[i].want,
				     strlen(cases[i].want));
		} else {
			assert_int_equal(rc, DIB_EINVAL);
			assert_non_null(strstr(err.msg, "代发文件第 1 行（业务编号 7）的户名"));
			assert_non_null(strstr(err.msg, "超过该列宽度 5 字节"));
			assert_int_equal(out.len, 0);
		}
		dib_buf_release(&out);
	}
	/* UTF-8: 张三 in a 40-byte column is 6 bytes and 34 spaces. */
	struct bankfile_template t;
	dib_buf out;
	dib_err err;
	load(PSBC, &t);
	t.pay.encoding = BANKFILE_UTF8;
	dib_buf_init(&out, 1 << 16);
	dib_err_clear(&err);
	assert_int_equal(bankfile_write(&t, &BATCH, LINES, 1, &out, &err), DIB_OK);
	const char *d = strstr(out.ptr, "\r\nD") + 2;
	assert_bytes(d + 42, 41, "张三                                  0", 41);
	dib_buf_release(&out);
}

static void test_bankfile__fixed_alignment(void **state)
{
	(void)state;
	struct bankfile_template t;
	struct bankfile_line ln = {.reference = 9, .account = "1", .amount_fen = 5};
	dib_buf out;
	dib_err err;

	parse_text("name = 对齐\nformat = fixed\nencoding = utf8\nline_end = lf\n"
		   "amount = yuan\n"
		   "header = \"ab\" 4 right\nheader = \"ab\" 4 left\n"
		   "header = count 4\nheader = count 4 right\n"
		   "header = total 7 right\nheader = total 7\n"
		   "column = account 3 right\ncolumn = amount 6\n"
		   "column = reference 3 left\n"
		   "return.column = seq 1\nreturn.column = amount 1\n"
		   "return.column = status 1\nreturn.paid = S\n",
		   &t);
	dib_buf_init(&out, 1 << 16);
	dib_err_clear(&err);
	assert_int_equal(bankfile_write(&t, NULL, &ln, 1, &out, &err), DIB_OK);
	static const char want[] = "  abab  0001   1   0.050000.05\n"
				   "  1000.059  \n";
	assert_bytes(out.ptr, out.len, want, sizeof want - 1);
	dib_buf_release(&out);
}

static void test_bankfile__write_refusals(void **state)
{
	(void)state;
	static const struct {
		const char *tpl;
		int line;          /* which of the two lines to spoil: 0 or 1 */
		const char *field; /* "name", "memo", "account", "amount", … */
		const char *value;
		int64_t number;
		dib_code code;
		const char *msg;
	} cases[] = {
		{PSBC, 1, "account_name", "一二三四五六七八九十一二三四五六七八九十一", 0,
		 DIB_EINVAL, "代发文件第 3 行（业务编号 1002）的户名 \"一二三四五六七八九十一二三四五六七八九十一\" 有 42 字节（GBK 编码，汉字 2 字节），超过该列宽度 40 字节"},
		{NSH, 0, "memo", "低保|分类施保", 0, DIB_EINVAL,
		 "代发文件第 2 行（业务编号 1001）的备注 \"低保|分类施保\" 含有分隔符 \"|\""},
		{CSV, 1, "name", "李,四", 0, DIB_EINVAL,
		 "代发文件第 3 行（业务编号 1002）的姓名 \"李,四\" 含有分隔符 \",\""},
		{CSV, 0, "memo", "第一行\n第二行", 0, DIB_EINVAL, "的备注 \"第一行?第二行\" 含有换行或控制字符"},
		{PSBC, 0, "memo", "a\tb", 0, DIB_EINVAL, "含有换行或控制字符"},
		{NSH, 1, "account_name", "李四\xf0\x9f\x98\x80", 0, DIB_EENCODING,
		 "代发文件第 3 行（业务编号 1002）的户名 \"李四\xf0\x9f\x98\x80\" 中的 \"\xf0\x9f\x98\x80\" 没有 GBK 编码"},
		{PSBC, 0, "memo", "\xe2\x82\xac", 0, DIB_OK, NULL}, /* € is in CP936 */
		{NSH, 0, "account_name", "\xed\x95\x9c", 0, DIB_EENCODING, "没有 GBK 编码"}, /* Hangul 한 */
		{CSV, 0, "name", "\xf0\x9f\x98\x80", 0, DIB_OK, NULL}, /* UTF-8 file: fine */
		{CSV, 0, "name", "张\xff", 0, DIB_EENCODING, "的姓名 \"张?\" 不是有效的 UTF-8 文字"},
		{CSV, 1, "amount", NULL, 0, DIB_EINVAL, "代发文件第 3 行（业务编号 1002）的金额必须大于 0"},
		{PSBC, 0, "amount", NULL, -100, DIB_EINVAL, "代发文件第 2 行（业务编号 1001）的金额必须大于 0"},
		{CSV, 0, "reference", NULL, 0, DIB_EINVAL, "代发文件第 2 行的业务编号 0 不正确"},
		{CSV, 0, "account", "6228 4800", 0, DIB_EINVAL, "的账号 \"6228 4800\" 只能是数字"},
		{NSH, 1, "account", "62170012345678901X", 0, DIB_EINVAL, "代发文件第 3 行（业务编号 1002）的账号 \"62170012345678901X\" 只能是数字"},
		{PSBC, 0, "account", "", 0, DIB_EINVAL, "代发文件第 2 行（业务编号 1001）的账号不能为空"},
		{CSV, 0, "period", "2025-13", 0, DIB_EINVAL, "代发文件第 2 行（业务编号 1001）的发放年月 \"2025-13\" 不正确"},
	};

	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		struct bankfile_template t;
		struct bankfile_line l[2] = {LINES[0], LINES[1]};
		struct bankfile_line *x = &l[cases[i].line];
		const char *f = cases[i].field;
		dib_buf out;
		dib_err err;
		load(cases[i].tpl, &t);
		if (!strcmp(f, "account_name"))
			x->account_name = cases[i].value;
		else if (!strcmp(f, "memo"))
			x->memo = cases[i].value;
		else if (!strcmp(f, "name"))
			x->name = cases[i].value;
		else if (!strcmp(f, "account"))
			x->account = cases[i].value;
		else if (!strcmp(f, "period"))
			x->period = cases[i].value;
		else if (!strcmp(f, "amount"))
			x->amount_fen = cases[i].number;
		else if (!strcmp(f, "reference"))
			x->reference = cases[i].number;
		dib_buf_init(&out, 1 << 16);
		dib_buf_adds(&out, "before");
		dib_err_clear(&err);
		dib_code rc = bankfile_write(&t, &BATCH, l, 2, &out, &err);
		if (rc != cases[i].code ||
		    (cases[i].msg && !strstr(err.msg, cases[i].msg)))
			fail_msg("case %zu: got %d \"%s\", want %d \"%s\"", i, rc,
				 err.msg, cases[i].code,
				 cases[i].msg ? cases[i].msg : "");
		/* A refused file leaves the buffer as it was. */
		if (rc)
			assert_string_equal(out.ptr, "before");
		dib_buf_release(&out);
	}
}

static void test_bankfile__write_batch_refusals(void **state)
{
	(void)state;
	static const struct {
		const char *tpl;
		struct bankfile_batch b;
		const char *msg;
	} cases[] = {
		{NSH, {"B1", "9001x", "2025-01-15", "2025-01", ""}, "代发文件第 1 行（表头）的付款账号 \"9001x\" 只能是数字"},
		{NSH, {"", "9001", "2025-01-15", "2025-01", ""}, "代发文件第 1 行（表头）的批次号不能为空"},
		{NSH, {"B|1", "9001", "2025-01-15", "2025-01", ""}, "的批次号 \"B|1\" 含有分隔符"},
		{PSBC, {"B1", "9001", "2025-02-30", "2025-01", ""}, "代发文件的批次信息的文件日期 \"2025-02-30\" 不正确"},
		{PSBC, {"B1", "9001", "", "2025-01", ""}, "代发文件第 1 行（表头）的文件日期不能为空"},
		{PSBC, {"B1234567890123456789X", "9001", "2025-01-15", "2025-01", ""}, "的批次号 \"B1234567890123456789X\" 有 21 字节"},
	};

	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		struct bankfile_template t;
		dib_buf out;
		dib_err err;
		load(cases[i].tpl, &t);
		dib_buf_init(&out, 1 << 16);
		dib_err_clear(&err);
		dib_code rc = bankfile_write(&t, &cases[i].b, LINES, 2, &out, &err);
		if (rc != DIB_EINVAL || !strstr(err.msg, cases[i].msg))
			fail_msg("case %zu: got %d \"%s\"", i, rc, err.msg);
		assert_int_equal(out.len, 0);
		dib_buf_release(&out);
	}
}

static void test_bankfile__write_empty_batch_and_bom(void **state)
{
	(void)state;
	struct bankfile_template t;
	dib_buf out;
	dib_err err;

	load(PSBC, &t);
	dib_buf_init(&out, 1 << 16);
	dib_err_clear(&err);
	assert_int_equal(bankfile_write(&t, &BATCH, NULL, 0, &out, &err), DIB_OK);
	assert_non_null(strstr(out.ptr, "T00000000000000000000000\r\n"));
	dib_buf_release(&out);

	load(CSV, &t);
	t.bom = true;
	dib_buf_init(&out, 1 << 16);
	assert_int_equal(bankfile_write(&t, &BATCH, LINES, 2, &out, &err), DIB_OK);
	assert_memory_equal(out.ptr, "\xef\xbb\xbf序号,", 10);
	/* The reader skips it. */
	struct bankfile_line *back;
	size_t n;
	dib_arena a;
	dib_arena_init(&a, 0, 0);
	assert_int_equal(bankfile_read_pay(&t, out.ptr, out.len, &a, NULL, &back,
					   &n, &err), DIB_OK);
	assert_int_equal(n, 2);
	assert_int_equal(back[0].seq, 1);
	dib_arena_release(&a);
	dib_buf_release(&out);
}

/* ---- round trips: every built-in, both encodings -------------------- */

static bool has_col(const struct bankfile_layout *l, enum bankfile_field f)
{
	for (size_t i = 0; i < l->n_columns; i++)
		if (l->columns[i].field == f)
			return true;
	return false;
}

static bool in_sum(const struct bankfile_layout *l, enum bankfile_field f)
{
	for (size_t i = 0; i < l->n_header; i++)
		if (l->header[i].field == f)
			return true;
	for (size_t i = 0; i < l->n_trailer; i++)
		if (l->trailer[i].field == f)
			return true;
	return false;
}

static void check_pay_round_trip(const struct bankfile_template *t)
{
	dib_buf out;
	dib_err err;
	dib_arena a;
	struct bankfile_line *back;
	struct bankfile_batch b;
	size_t n;

	dib_buf_init(&out, 1 << 20);
	dib_arena_init(&a, 0, 0);
	dib_err_clear(&err);
	if (bankfile_write(t, &BATCH, LINES, 2, &out, &err) ||
	    bankfile_read_pay(t, out.ptr, out.len, &a, &b, &back, &n, &err))
		fail_msg("%s: %s", t->name, err.msg);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < 2; i++) {
		const struct bankfile_line *w = &LINES[i], *g = &back[i];
		assert_int_equal(g->amount_fen, w->amount_fen);
		assert_string_equal(g->account, w->account);
		if (has_col(&t->pay, BANKFILE_F_REFERENCE))
			assert_int_equal(g->reference, w->reference);
		if (has_col(&t->pay, BANKFILE_F_SEQ))
			assert_int_equal(g->seq, (int64_t)i + 1);
		if (has_col(&t->pay, BANKFILE_F_ACCOUNT_NAME))
			assert_string_equal(g->account_name, w->account_name);
		if (has_col(&t->pay, BANKFILE_F_ID_NUMBER))
			assert_string_equal(g->id_number, w->id_number);
		if (has_col(&t->pay, BANKFILE_F_MEMO))
			assert_string_equal(g->memo, w->memo ? w->memo : "");
		if (has_col(&t->pay, BANKFILE_F_PERIOD))
			assert_string_equal(g->period, "2025-01");
		if (has_col(&t->pay, BANKFILE_F_VILLAGE_NAME))
			assert_string_equal(g->village_name, w->village_name);
		if (has_col(&t->pay, BANKFILE_F_PROGRAM))
			assert_string_equal(g->program, "城乡低保");
	}
	/* The batch comes back from the header or trailer that shows it. */
	assert_string_equal(b.batch_no, in_sum(&t->pay, BANKFILE_F_BATCH_NO)
						? "B202501001" : "");
	assert_string_equal(b.payer_account,
			    in_sum(&t->pay, BANKFILE_F_PAYER_ACCOUNT)
				    ? "9001234567890123" : "");
	assert_string_equal(b.file_date, in_sum(&t->pay, BANKFILE_F_FILE_DATE)
						 ? "2025-01-15" : "");
	dib_arena_release(&a);
	dib_buf_release(&out);
}

static void check_return_round_trip(const struct bankfile_template *t)
{
	const struct bankfile_return_row rows[3] = {
		{.seq = 1, .reference = 1001, .account = "6228480012345671",
		 .amount_fen = 62000, .paid = true},
		{.seq = 2, .reference = 1002, .account = "6217001234567890122",
		 .amount_fen = 45050, .paid = false, .status = "3005",
		 .reason = "户名不符"},
		{.seq = 3, .reference = 1003, .account = "6230580000000000013",
		 .amount_fen = 42950, .paid = false, .status = "E1",
		 .reason = "账户已销户"},
	};
	struct bankfile_return_row *back;
	struct bankfile_totals tot;
	dib_buf out;
	dib_err err;
	dib_arena a;
	size_t n;

	dib_buf_init(&out, 1 << 20);
	dib_arena_init(&a, 0, 0);
	dib_err_clear(&err);
	if (bankfile_write_return(t, &BATCH, rows, 3, &out, &err) ||
	    bankfile_read_return(t, out.ptr, out.len, &a, &back, &n, &err))
		fail_msg("%s: %s", t->name, err.msg);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(back[i].amount_fen, rows[i].amount_fen);
		assert_int_equal(back[i].paid, rows[i].paid);
		assert_string_equal(back[i].status,
				    rows[i].status ? rows[i].status : t->paid[0]);
		assert_string_equal(back[i].reason, rows[i].reason ? rows[i].reason : "");
		if (has_col(&t->ret, BANKFILE_F_REFERENCE))
			assert_int_equal(back[i].reference, rows[i].reference);
		if (has_col(&t->ret, BANKFILE_F_SEQ))
			assert_int_equal(back[i].seq, rows[i].seq);
		if (has_col(&t->ret, BANKFILE_F_ACCOUNT))
			assert_string_equal(back[i].account, rows[i].account);
		assert_int_equal(back[i].line, i + 1 + (t->ret.n_header ? 1 : 0));
	}
	bankfile_return_totals(back, n, &tot);
	assert_int_equal(tot.count, 3);
	assert_int_equal(tot.paid_count, 1);
	assert_int_equal(tot.failed_total, 45050 + 42950);
	/* 批次合计 = 银行实付额 + 退票额 */
	assert_int_equal(tot.total, tot.paid_total + tot.failed_total);
	dib_arena_release(&a);
	dib_buf_release(&out);
}

static void test_bankfile__round_trip_all(void **state)
{
	(void)state;
	for (size_t i = 0; i < bankfile_builtin_count(); i++) {
		for (int enc = 0; enc < 2; enc++) {
			struct bankfile_template t;
			parse_text(bankfile_builtin(i)->text, &t);
			t.pay.encoding = t.ret.encoding = (enum bankfile_encoding)enc;
			check_pay_round_trip(&t);
			check_return_round_trip(&t);
			t.eol = BANKFILE_LF;
			check_pay_round_trip(&t);
			check_return_round_trip(&t);
		}
	}
}

static void test_bankfile__write_return_refusals(void **state)
{
	(void)state;
	struct bankfile_template t;
	struct bankfile_return_row r = {.reference = 1, .seq = 1, .amount_fen = 1};
	dib_buf out;
	dib_err err;

	load(NSH, &t);
	dib_buf_init(&out, 1 << 16);
	dib_err_clear(&err);
	r.paid = false; /* failed with no status */
	assert_int_equal(bankfile_write_return(&t, &BATCH, &r, 1, &out, &err), DIB_EINVAL);
	assert_non_null(strstr(err.msg, "回盘文件第 2 行是失败的"));
	dib_err_clear(&err);
	r.status = "0000"; /* failed, with the paid status */
	assert_int_equal(bankfile_write_return(&t, &BATCH, &r, 1, &out, &err), DIB_EINVAL);
	dib_err_clear(&err);
	r.paid = true;
	r.status = "9999"; /* paid, with a failed status */
	assert_int_equal(bankfile_write_return(&t, &BATCH, &r, 1, &out, &err), DIB_EINVAL);
	assert_int_equal(out.len, 0);
	dib_buf_release(&out);
}

/* 瑋 is AC 7C in GBK: its second byte is the '|' separator. The reader
 * decodes before it splits, so the name survives. */
static void test_bankfile__gbk_trail_byte_is_separator(void **state)
{
	(void)state;
	struct bankfile_template t;
	struct bankfile_line l[2] = {LINES[0], LINES[1]};
	struct bankfile_line *back;
	size_t n;
	dib_buf out;
	dib_arena a;
	dib_err err;

	load(NSH, &t);
	l[0].account_name = "王瑋";
	dib_buf_init(&out, 1 << 16);
	dib_arena_init(&a, 0, 0);
	dib_err_clear(&err);
	assert_int_equal(bankfile_write(&t, &BATCH, l, 2, &out, &err), DIB_OK);
	assert_non_null(strstr(out.ptr, "|\xcd\xf5\xac\x7c|620.00|"));
	assert_int_equal(bankfile_read_pay(&t, out.ptr, out.len, &a, NULL, &back,
					   &n, &err), DIB_OK);
	assert_int_equal(n, 2);
	assert_string_equal(back[0].account_name, "王瑋");
	assert_int_equal(back[0].amount_fen, 62000);
	dib_arena_release(&a);
	dib_buf_release(&out);
}

/* ---- reading return files ------------------------------------------- */

static dib_code read_ret(const char *tpl, const char *bytes, size_t len,
			 dib_arena *a, struct bankfile_return_row **rows,
			 size_t *n, dib_err *err)
{
	struct bankfile_template t;

	load(tpl, &t);
	dib_err_clear(err);
	return bankfile_read_return(&t, bytes, len, a, rows, n, err);
}

/* The 农商 sample: GBK, header with the sums, reasons in Chinese. */
#define NSH_RET_HEAD(count, total, pc, pt, fc, ft)                            \
	"B202501001|" count "|" total "|" pc "|" pt "|" fc "|" ft "|\r\n"
#define NSH_RET_ROWS                                                          \
	"1|1001|6228480012345671|\xd5\xc5\xc8\xfd|620.00|0000||\r\n"          \
	"2|1002|6217001234567890122|\xc0\xee\xcb\xc4|450.50|1001|"             \
	"\xbb\xa7\xc3\xfb\xb2\xbb\xb7\xfb|\r\n"                                 \
	"\r\n"                                                                \
	"3|1003|6230580000000000013|\xcd\xf5\xce\xe5|429.50|9999|"             \
	"\xd5\xcb\xbb\xa7\xd2\xd1\xcf\xfa\xbb\xa7|\r\n"                         \
	"\x1a"

static void test_bankfile__read_return_gbk(void **state)
{
	(void)state;
	static const char file[] =
		NSH_RET_HEAD("3", "1500.00", "1", "620.00", "2", "880.00") NSH_RET_ROWS;
	struct bankfile_return_row *r;
	size_t n;
	dib_arena a;
	dib_err err;

	dib_arena_init(&a, 0, 0);
	assert_int_equal(read_ret(NSH, file, sizeof file - 1, &a, &r, &n, &err), DIB_OK);
	assert_int_equal(n, 3);
	assert_int_equal(r[0].line, 2);
	assert_int_equal(r[0].seq, 1);
	assert_int_equal(r[0].reference, 1001);
	assert_string_equal(r[0].account, "6228480012345671");
	assert_int_equal(r[0].amount_fen, 62000);
	assert_true(r[0].paid);
	assert_string_equal(r[0].status, "0000");
	assert_string_equal(r[0].reason, "");
	assert_false(r[1].paid);
	assert_string_equal(r[1].status, "1001");
	assert_string_equal(r[1].reason, "户名不符");
	assert_int_equal(r[1].amount_fen, 45050);
	assert_int_equal(r[2].line, 5); /* the blank line counts */
	assert_false(r[2].paid);        /* 9999: unknown, so failed */
	assert_string_equal(r[2].reason, "账户已销户");
	dib_arena_release(&a);
}

static void test_bankfile__read_return_csv(void **state)
{
	(void)state;
	static const char file[] =
		"\xef\xbb\xbf序号,业务编号,户名,账号,金额,处理状态,失败原因\n"
		"1,1001,张三,6228480012345671,620.00,成功,\n"
		"\n"
		"2,\"1002\",李四,6217001234567890122, 450.5 ,失败,\"账号不存在\"\n"
		"3,1003,王五,6230580000000000013,429,处理中,\n"
		"4,1004,赵六,6230580000000000021,100.00,0000,\n";
	struct bankfile_return_row *r;
	size_t n;
	dib_arena a;
	dib_err err;

	dib_arena_init(&a, 0, 0);
	assert_int_equal(read_ret(CSV, file, sizeof file - 1, &a, &r, &n, &err), DIB_OK);
	assert_int_equal(n, 4);
	assert_true(r[0].paid);
	assert_int_equal(r[1].reference, 1002);
	assert_int_equal(r[1].line, 4);
	assert_int_equal(r[1].amount_fen, 45050);
	assert_false(r[1].paid);
	assert_string_equal(r[1].reason, "账号不存在");
	assert_int_equal(r[2].amount_fen, 42900);
	assert_false(r[2].paid); /* 处理中 is no paid value: failed */
	assert_string_equal(r[2].status, "处理中");
	assert_true(r[3].paid);  /* 0000 is the second paid value */
	dib_arena_release(&a);
}

static void test_bankfile__read_return_fixed(void **state)
{
	(void)state;
	static const char file[] =
		"H" "B202501001          " "20250116" "\r\n"
		"D" "000001" "0000000000001001" "6228480012345671   "
		"000000062000" "0000" "                                        " "\r\n"
		"D" "000002" "0000000000001002" "6217001234567890122"
		"000000045050" "3005"
		"\xd5\xcb\xbb\xa7\xd2\xd1\xcf\xfa\xbb\xa7" "                              " "\r\n"
		"T" "00000002" "000000000107050" "00000001" "000000000062000" "\r\n";
	struct bankfile_return_row *r;
	size_t n;
	dib_arena a;
	dib_err err;

	dib_arena_init(&a, 0, 0);
	assert_int_equal(read_ret(PSBC, file, sizeof file - 1, &a, &r, &n, &err), DIB_OK);
	assert_int_equal(n, 2);
	assert_int_equal(r[0].reference, 1001);
	assert_int_equal(r[0].seq, 1);
	assert_true(r[0].paid);
	assert_string_equal(r[0].account, "6228480012345671");
	assert_int_equal(r[1].amount_fen, 45050);
	assert_false(r[1].paid);
	assert_string_equal(r[1].status, "3005");
	assert_string_equal(r[1].reason, "账户已销户");
	dib_arena_release(&a);
}

static void test_bankfile__read_return_refusals(void **state)
{
	(void)state;
#define SP40 "                                        "
#define FIXED_ROW(ref, amount, status_reason)                                \
	"D" "000001" ref "6228480012345671   " amount status_reason "\r\n"
	static const struct {
		const char *tpl;
		const char *file;
		dib_code code;
		const char *msg;
	} cases[] = {
		/* summaries that disagree with the rows */
		{NSH, NSH_RET_HEAD("4", "1500.00", "1", "620.00", "2", "880.00") NSH_RET_ROWS,
		 DIB_EINVAL, "回盘文件第 1 行（表头）的总笔数 4 与明细 3 笔不一致"},
		{NSH, NSH_RET_HEAD("3", "1500.01", "1", "620.00", "2", "880.00") NSH_RET_ROWS,
		 DIB_EINVAL, "回盘文件第 1 行（表头）的总金额 1,500.01 元与明细合计 1,500.00 元不一致"},
		{NSH, NSH_RET_HEAD("3", "1500.00", "2", "620.00", "2", "880.00") NSH_RET_ROWS,
		 DIB_EINVAL, "的成功笔数 2 与明细 1 笔不一致"},
		{NSH, NSH_RET_HEAD("3", "1500.00", "1", "620.00", "2", "879.00") NSH_RET_ROWS,
		 DIB_EINVAL, "的失败金额 879.00 元与明细合计 880.00 元不一致"},
		{NSH, NSH_RET_HEAD("3", "abc", "1", "620.00", "2", "880.00") NSH_RET_ROWS,
		 DIB_EINVAL, "回盘文件第 1 行的总金额 \"abc\" 不正确"},
		{PSBC,
		 "H" "B202501001          " "20250116" "\r\n"
		 FIXED_ROW("0000000000001001", "000000062000", "0000")
		 "T" "00000002" "000000000062000" "00000001" "000000000062000" "\r\n",
		 DIB_EINVAL, "回盘文件第 3 行（表尾）的总笔数 2 与明细 1 笔不一致"},
		{PSBC,
		 "H" "B202501001          " "20250116" "\r\n"
		 FIXED_ROW("0000000000001001", "000000062000", "0000")
		 "T" "00000001" "000000000062001" "00000001" "000000000062000" "\r\n",
		 DIB_EINVAL, "（表尾）的总金额 620.01 元与明细合计 620.00 元不一致"},
		/* a missing trailer, a missing header */
		{PSBC, "H" "B202501001          " "20250116" "\r\n", DIB_EINVAL,
		 "回盘文件缺少表尾"},
		{NSH, "\r\n\r\n", DIB_EINVAL, "回盘文件是空的，缺少表头"},
		/* malformed rows */
		{CSV, "序号\n1,1001,张三,6228480012345671,620.00,成功\n", DIB_EINVAL,
		 "回盘文件第 2 行有 6 个字段，模板规定 7 个"},
		{CSV, "序号\n1,1001,张三,6228,620.00,成功,,,\n", DIB_EINVAL,
		 "回盘文件第 2 行有 9 个字段，模板规定 7 个"},
		{CSV, "序号\n\n1,1001,张三,6228,12.345,成功,\n", DIB_EINVAL,
		 "回盘文件第 3 行的金额 \"12.345\" 不正确"},
		{CSV, "序号\n1,10a1,张三,6228,12.34,成功,\n", DIB_EINVAL,
		 "回盘文件第 2 行的业务编号 \"10a1\" 不正确"},
		{CSV, "序号\n1,1001,张三,6228,-5,成功,\n", DIB_EINVAL,
		 "回盘文件第 2 行的金额 \"-5\" 不正确"},
		{CSV, "序号\n1,1001,\xff,6228,1,成功,\n", DIB_EENCODING,
		 "回盘文件第 2 行第 8 字节不是有效的 UTF-8 文字"},
		{NSH, "B1|0|0.00|0|0.00|0|0.00|\r\n1|1001|6228|\xff\xff|1.00|0000||\r\n",
		 DIB_EENCODING, "回盘文件第 2 行第 13 字节不是有效的 GBK 文字"},
		{PSBC,
		 "H" "B202501001          " "20250116" "\r\n"
		 FIXED_ROW("0000000000001001", "000000062000", "000\xd5" "\xc5")
		 "T" "00000001" "000000000062000" "00000001" "000000000062000" "\r\n",
		 DIB_EENCODING, "回盘文件第 2 行第 58 字节起（处理状态）不是有效的 GBK 文字，可能是模板的宽度与文件不符"},
		{PSBC,
		 "H" "B202501001          " "20250116" "\r\n"
		 FIXED_ROW("0000000000001001", "000000062000", "0000" SP40 "x")
		 "T" "00000001" "000000000062000" "00000001" "000000000062000" "\r\n",
		 DIB_EINVAL, "回盘文件第 2 行长 99 字节，模板规定每行 98 字节"},
		{PSBC,
		 "H" "B202501001          " "20250116" "\r\n"
		 FIXED_ROW("0000000000001001", "00000006200X", "0000")
		 "T" "00000001" "000000000062000" "00000001" "000000000062000" "\r\n",
		 DIB_EINVAL, "回盘文件第 2 行的金额 \"00000006200X\" 不正确"},
	};

	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		struct bankfile_return_row *r = (void *)0x1;
		size_t n = 77;
		dib_arena a;
		dib_err err;
		dib_arena_init(&a, 0, 0);
		dib_code rc = read_ret(cases[i].tpl, cases[i].file,
				       strlen(cases[i].file), &a, &r, &n, &err);
		if (rc != cases[i].code || !strstr(err.msg, cases[i].msg))
			fail_msg("case %zu: got %d \"%s\", want \"%s\"", i, rc,
				 err.msg, cases[i].msg);
		assert_int_equal(n, 77); /* untouched on error */
		assert_ptr_equal(r, (void *)0x1);
		dib_arena_release(&a);
	}
#undef FIXED_ROW
#undef SP40
}

static void test_bankfile__read_return_lenient(void **state)
{
	(void)state;
	/* A fixed row whose trailing spaces an editor stripped, LF endings,
	 * a header of column titles only (skipped), no rows at all. */
	static const char fixed[] =
		"H" "B202501001" "\n"
		"D" "000001" "0000000000001001" "6228480012345671   "
		"000000062000" "0000\n"
		"T" "00000001" "000000000062000" "00000001" "000000000062000" "   \n";
	struct bankfile_return_row *r;
	size_t n;
	dib_arena a;
	dib_err err;

	dib_arena_init(&a, 0, 0);
	assert_int_equal(read_ret(PSBC, fixed, sizeof fixed - 1, &a, &r, &n, &err), DIB_OK);
	assert_int_equal(n, 1);
	assert_true(r[0].paid);
	assert_string_equal(r[0].reason, "");
	assert_int_equal(read_ret(CSV, "序号,业务编号\r\n", 21, &a, &r, &n, &err), DIB_OK);
	assert_int_equal(n, 0);
	dib_arena_release(&a);
}

/* ---- checksum ------------------------------------------------------- */

static void test_bankfile__sha256(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		const char *hex;
	} cases[] = {
		/* FIPS 180-2 examples */
		{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
	};
	char out[BANKFILE_SHA256_HEX];

	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		bankfile_sha256_hex(cases[i].in, strlen(cases[i].in), out);
		assert_string_equal(out, cases[i].hex);
	}
	bankfile_sha256_hex(NULL, 0, out);
	assert_string_equal(out, cases[0].hex);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bankfile__builtins_parse_and_find),
		cmocka_unit_test(test_bankfile__template_round_trip),
		cmocka_unit_test(test_bankfile__template_canonical_text),
		cmocka_unit_test(test_bankfile__template_comment_and_literal),
		cmocka_unit_test(test_bankfile__template_encoding_spellings),
		cmocka_unit_test(test_bankfile__template_refusals),
		cmocka_unit_test(test_bankfile__write_csv_exact),
		cmocka_unit_test(test_bankfile__write_nsh_exact),
		cmocka_unit_test(test_bankfile__write_psbc_exact),
		cmocka_unit_test(test_bankfile__fixed_width_bytes),
		cmocka_unit_test(test_bankfile__fixed_alignment),
		cmocka_unit_test(test_bankfile__write_refusals),
		cmocka_unit_test(test_bankfile__write_batch_refusals),
		cmocka_unit_test(test_bankfile__write_empty_batch_and_bom),
		cmocka_unit_test(test_bankfile__round_trip_all),
		cmocka_unit_test(test_bankfile__write_return_refusals),
		cmocka_unit_test(test_bankfile__gbk_trail_byte_is_separator),
		cmocka_unit_test(test_bankfile__read_return_gbk),
		cmocka_unit_test(test_bankfile__read_return_csv),
		cmocka_unit_test(test_bankfile__read_return_fixed),
		cmocka_unit_test(test_bankfile__read_return_refusals),
		cmocka_unit_test(test_bankfile__read_return_lenient),
		cmocka_unit_test(test_bankfile__sha256),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
