/*
 * bankfile.h — bank payment files (银行代发文件) and the bank's return files
 * (回盘文件) of the one-card system (惠农补贴"一卡通"), as pure values:
 * bytes in, bytes out, no I/O and no database.
 *
 * There is no national standard for these files (regulations.md §9.2): each
 * paying bank sets its own layout, usually TXT, GBK, delimited or fixed
 * width, with a summary row (count and total). So the layout is data — a
 * template that a county's IT staff can read and edit, stored as TEXT by the
 * layers above. One template describes both the file we send and the file
 * the bank returns.
 *
 * Template text: one `key = value` setting a line, in any order; blank
 * lines are ignored and '#' at the start of a line or after a space (outside
 * double quotes) starts a comment; keys are English, values may be Chinese
 * (UTF-8). A full example, shortened from the built-in "邮储银行定长（GBK）",
 * with the choices of each setting in its comment:
 *
 *   name = 邮储银行定长（示例）
 *   bank = 中国邮政储蓄银行（样例）
 *   note = 样例格式，不是国家标准：使用前请与代发银行核对
 *   format = fixed            # delimited | fixed
 *   encoding = gbk            # gbk | utf8
 *   line_end = crlf           # crlf | lf
 *   amount = fen              # yuan ("1234.56") | fen ("123456")
 *   date_format = yyyymmdd    # yyyymmdd | yyyy-mm-dd
 *   period_format = yyyymm    # yyyymm | yyyy-mm
 *   bom = no                  # UTF-8 byte order mark at the start: yes | no
 *   end_separator = no        # delimited only: a separator after the last field
 *   header = "H" 1            # the header row, one item a line, in order
 *   header = batch_no 20
 *   header = count 8 zero
 *   header = total 15 zero
 *   column = "D" 1            # the detail columns, one a line, in order
 *   column = seq 6 zero
 *   column = reference 16 zero
 *   column = account 19 left
 *   column = account_name 40 left
 *   column = amount 12 zero
 *   trailer = "T" 1           # the trailer row
 *   trailer = count 8 zero
 *   trailer = total 15 zero
 *   return.format = fixed     # the return file; format, encoding,
 *   return.encoding = gbk     # separator and amount default to the above
 *   return.amount = fen
 *   return.header = "H" 1
 *   return.header = batch_no 20
 *   return.column = "D" 1
 *   return.column = reference 16 zero
 *   return.column = amount 12 zero
 *   return.column = status 4 left
 *   return.column = reason 40 left
 *   return.trailer = "T" 1
 *   return.trailer = count 8 zero
 *   return.trailer = paid_count 8 zero
 *   return.paid = 0000        # status values meaning paid; others: failed
 *
 * An item (header, column, trailer, and the return.* ones) is
 * `<field> [<width>] [left|right|zero]` or a literal `"text" [<width>] …`
 * (no '"' inside). In a fixed-width layout every item has a width in BYTES
 * of the encoded text (a Chinese character is 2 bytes in GBK, 3 in UTF-8),
 * and an alignment: `left` (space-padded, the default for text), `right`
 * (space-padded) or `zero` (right, zero-padded; numbers only, their
 * default). A delimited layout has `separator = |` (one ASCII character, or
 * `tab` / `space`) and no widths. `header = titles` (delimited only, alone)
 * writes the Chinese column titles.
 *
 * Fields — detail columns: seq 序号, reference 业务编号 (our payment line
 * id), account 账号, account_name 户名, amount 金额, id_number 身份证号,
 * name 姓名, program 项目, period 发放年月, village_code 区划代码,
 * village_name 村（社区）, memo 备注. Header and trailer rows: batch_no
 * 批次号, payer_account 付款账号, file_date 文件日期, period, program, count
 * 总笔数, total 总金额. Return files also: status 处理状态, reason 失败原因,
 * paid_count/paid_total 成功笔数/金额, failed_count/failed_total 失败笔数/金额,
 * and skip (a column read and ignored); every field not needed to read a
 * return row is read and ignored there.
 *
 * Encodings are converted with glibc iconv (UTF-8 ↔ GBK); a character
 * without a GBK form is refused, never replaced. Fixed-width values are
 * padded by encoded bytes and never cut: a value that does not fit is
 * refused. Thread-safe: pure functions, no shared state (each call opens its
 * own iconv descriptors).
 */
#ifndef DIB_CORE_BANKFILE_H
#define DIB_CORE_BANKFILE_H

#include "util/dib.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"
#include "core/money.h"

#define BANKFILE_NAME_MAX 96   /* name and bank, bytes with the NUL */
#define BANKFILE_NOTE_MAX 256  /* note, bytes with the NUL */
#define BANKFILE_TEXT_MAX 48   /* a literal item's text, bytes with the NUL */
#define BANKFILE_ROW_MAX 16    /* items of a header or trailer row */
#define BANKFILE_COLUMN_MAX 32 /* detail columns */
#define BANKFILE_WIDTH_MAX 999 /* bytes of one fixed-width item */
#define BANKFILE_PAID_MAX 8    /* status values meaning paid */
#define BANKFILE_STATUS_MAX 32 /* bytes of one such value, with the NUL */
#define BANKFILE_SHA256_HEX 65 /* 64 hex digits and the NUL */

enum bankfile_format { BANKFILE_DELIMITED = 0, BANKFILE_FIXED = 1 };
enum bankfile_encoding { BANKFILE_UTF8 = 0, BANKFILE_GBK = 1 };
enum bankfile_eol { BANKFILE_CRLF = 0, BANKFILE_LF = 1 };
enum bankfile_unit { BANKFILE_YUAN = 0, BANKFILE_FEN = 1 };
enum bankfile_align { BANKFILE_LEFT = 0, BANKFILE_RIGHT = 1, BANKFILE_ZERO = 2 };
enum bankfile_datefmt { BANKFILE_COMPACT = 0, BANKFILE_DASHED = 1 };

/* What an item holds. The key in the template text is the lower-case name
 * after BANKFILE_F_ ("account_name"); BANKFILE_F_TEXT is a literal. */
enum bankfile_field {
	BANKFILE_F_TEXT = 0,
	BANKFILE_F_SEQ,
	BANKFILE_F_REFERENCE,
	BANKFILE_F_ACCOUNT,
	BANKFILE_F_ACCOUNT_NAME,
	BANKFILE_F_AMOUNT,
	BANKFILE_F_ID_NUMBER,
	BANKFILE_F_NAME,
	BANKFILE_F_PROGRAM,
	BANKFILE_F_PERIOD,
	BANKFILE_F_VILLAGE_CODE,
	BANKFILE_F_VILLAGE_NAME,
	BANKFILE_F_MEMO,
	BANKFILE_F_BATCH_NO,
	BANKFILE_F_PAYER_ACCOUNT,
	BANKFILE_F_FILE_DATE,
	BANKFILE_F_COUNT,
	BANKFILE_F_TOTAL,
	BANKFILE_F_TITLES,
	BANKFILE_F_STATUS,
	BANKFILE_F_REASON,
	BANKFILE_F_PAID_COUNT,
	BANKFILE_F_PAID_TOTAL,
	BANKFILE_F_FAILED_COUNT,
	BANKFILE_F_FAILED_TOTAL,
	BANKFILE_F_SKIP,
	BANKFILE_F__COUNT
};

struct bankfile_item {
	enum bankfile_field field;
	enum bankfile_align align;     /* fixed width only */
	unsigned width;                /* bytes; 0 in a delimited layout */
	char text[BANKFILE_TEXT_MAX];  /* BANKFILE_F_TEXT's literal, UTF-8 */
};

/* One file's layout: the pay file or the return file. */
struct bankfile_layout {
	enum bankfile_format format;
	enum bankfile_encoding encoding;
	char separator;          /* delimited only */
	enum bankfile_unit unit; /* how amounts are written */
	size_t n_header, n_trailer, n_columns; /* 0 header/trailer: none */
	struct bankfile_item header[BANKFILE_ROW_MAX];
	struct bankfile_item trailer[BANKFILE_ROW_MAX];
	struct bankfile_item columns[BANKFILE_COLUMN_MAX];
};

/* A parsed template: a plain value with no pointers, so it can be copied,
 * kept and compared with memcmp (parse zero-fills it first). */
struct bankfile_template {
	char name[BANKFILE_NAME_MAX]; /* 模板名称 */
	char bank[BANKFILE_NAME_MAX]; /* 代发银行 */
	char note[BANKFILE_NOTE_MAX]; /* 说明; "" when none */
	enum bankfile_eol eol;        /* line end of the files we write */
	enum bankfile_datefmt date_format, period_format;
	bool bom;                     /* UTF-8 BOM at the start of a written file */
	bool end_separator;           /* delimited: a separator ends each row */
	struct bankfile_layout pay;   /* the file we send */
	struct bankfile_layout ret;   /* the file the bank sends back */
	size_t n_paid;
	char paid[BANKFILE_PAID_MAX][BANKFILE_STATUS_MAX]; /* paid status values */
};

/* Parses template text (n bytes of s, UTF-8). *out is zero-filled and then
 * set; untouched on error. Required: name, format, encoding, separator
 * (delimited), at least the account and amount columns, return.column
 * with status, amount and reference or seq, and return.paid. DIB_EINVAL
 * with a Chinese message naming the template line ("模板第 5 行：…");
 * DIB_EENCODING when the text is not UTF-8. */
dib_code bankfile_template_parse(const char *s, size_t n,
				 struct bankfile_template *out, dib_err *err);

/* Appends the canonical text of t to out: every setting, in a fixed order,
 * without comments, so parse(format(t)) equals t. DIB_ENOMEM or
 * DIB_ETOOBIG from the buffer (out then holds what it held before). */
dib_code bankfile_template_format(const struct bankfile_template *t,
				  dib_buf *out, dib_err *err);

/* The built-in sample templates (no national standard exists: each is a
 * realistic sample to copy and adapt, and says so in its note). */
struct bankfile_builtin {
	const char *name; /* as in the text's name setting */
	const char *text; /* template text, with comments; parse it */
};
size_t bankfile_builtin_count(void);
/* The i-th built-in, or NULL when i >= count. Static data. */
const struct bankfile_builtin *bankfile_builtin(size_t i);
/* The built-in named name, or NULL. Static data. */
const struct bankfile_builtin *bankfile_builtin_find(const char *name);

/* The batch: what header and trailer rows may show. NULL strings are "". */
struct bankfile_batch {
	const char *batch_no;      /* 批次号 */
	const char *payer_account; /* 付款账号 (the fund account), digits */
	const char *file_date;     /* "YYYY-MM-DD" */
	const char *period;        /* "YYYY-MM" 发放年月 */
	const char *program;       /* 项目名称 */
};

/* One payment. NULL strings are ""; program and period default to the
 * batch's when NULL or "". */
struct bankfile_line {
	int64_t seq;        /* 序号; 0 = the position in the batch, from 1 */
	int64_t reference;  /* our payment line id, > 0 */
	const char *account;       /* digits only */
	const char *account_name;  /* 户名 */
	const char *id_number;
	const char *name;          /* beneficiary 姓名 */
	dib_fen amount_fen;        /* > 0 */
	const char *program;
	const char *period;        /* "YYYY-MM" */
	const char *village_code;
	const char *village_name;
	const char *memo;
};

/* Appends the pay file for lines[0..n) to out, in t->pay's layout and
 * encoding; the count and total of header and trailer are computed here.
 * Refused, naming the file line and the column: an amount not > 0, a
 * reference not > 0, an account (or payer account) empty or not all digits,
 * a value holding the separator or a control character (line breaks), a
 * value too wide for its fixed width (DIB_EINVAL); a character with no GBK
 * form or text that is not UTF-8 (DIB_EENCODING); a bad file_date or period
 * (DIB_EINVAL). On error out holds what it held before. */
dib_code bankfile_write(const struct bankfile_template *t,
			const struct bankfile_batch *hdr,
			const struct bankfile_line *lines, size_t n,
			dib_buf *out, dib_err *err);

/* One row of a return file. Strings are allocated in the arena given to the
 * reader (UTF-8, trimmed of spaces). */
struct bankfile_return_row {
	size_t line;         /* line number in the file, from 1 */
	int64_t reference;   /* 0 when the layout has no reference column */
	int64_t seq;         /* 0 when the layout has no seq column */
	const char *account; /* "" when the layout has none */
	dib_fen amount_fen;  /* >= 0 */
	bool paid;           /* status is one of t->paid */
	const char *status;  /* as the bank wrote it */
	const char *reason;  /* "" when none */
};

/* Reads a return file (len bytes, in t->ret's layout and encoding). Rows
 * and their strings are allocated in a; *rows and *n are set only on
 * success (the arena may hold partial work after an error). Blank lines are
 * skipped; CRLF or LF; a UTF-8 BOM is skipped; in a delimited row one extra
 * empty last field (a separator ending the row) is accepted; a field in
 * double quotes loses them. A declared header is the first non-blank line,
 * a trailer the last; count, total, paid_count … found there must agree
 * with the rows. Errors: DIB_EINVAL naming the line number (wrong number of
 * fields, a line too long, a bad reference, seq or amount, a mismatched
 * summary, a missing header or trailer); DIB_EENCODING for bytes that are
 * not valid in the file's encoding; DIB_ENOMEM. */
dib_code bankfile_read_return(const struct bankfile_template *t,
			      const char *bytes, size_t len, dib_arena *a,
			      struct bankfile_return_row **rows, size_t *n,
			      dib_err *err);

/* Reads a pay file back (as bankfile_read_return, in t->pay's layout): what
 * a stored file holds, and the other half of the writer's round trip. The
 * batch fields found in the header or trailer go to *hdr (may be NULL; the
 * others are ""); file_date and period come back as "YYYY-MM-DD" and
 * "YYYY-MM". Strings are allocated in a. */
dib_code bankfile_read_pay(const struct bankfile_template *t,
			   const char *bytes, size_t len, dib_arena *a,
			   struct bankfile_batch *hdr,
			   struct bankfile_line **lines, size_t *n,
			   dib_err *err);

/* Appends a return file for rows[0..n) in t->ret's layout: what a bank
 * would send back (for the demo and the tests). A row's status NULL or ""
 * writes t->paid[0] when paid; a failed row needs a status that is not a
 * paid one. Summary fields are computed; refusals as in bankfile_write. */
dib_code bankfile_write_return(const struct bankfile_template *t,
			       const struct bankfile_batch *hdr,
			       const struct bankfile_return_row *rows, size_t n,
			       dib_buf *out, dib_err *err);

/* Sums for reconciliation (批次合计 = 银行实付额 + 退票额). */
struct bankfile_totals {
	size_t count, paid_count, failed_count;
	dib_fen total, paid_total, failed_total;
};
void bankfile_return_totals(const struct bankfile_return_row *rows, size_t n,
			    struct bankfile_totals *out);

/* SHA-256 of the exact file bytes as 64 lower-case hex digits and a NUL:
 * the checksum recorded with a file sent or received. Cannot fail. */
void bankfile_sha256_hex(const void *bytes, size_t len,
			 char out[BANKFILE_SHA256_HEX]);

#endif
