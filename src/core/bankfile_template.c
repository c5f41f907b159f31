/*
 * bankfile_template.c — the template text of bank files: the words of the
 * settings, and parsing with errors that name the template line (bankfile.h
 * documents the format; docs/internals/bankfile.md shows the built-ins;
 * bankfile_fields.c has the fields, bankfile_format.c writes the text back).
 *
 * Settings may come in any order, so what depends on two settings (widths
 * need the format, the return layout inherits from the pay layout) is
 * checked after the last line; each item remembers its template line for
 * those messages.
 *
 * Thread-safe: pure functions over a constant table.
 */
#include "util/dib.h"
#include "core/bankfile_int.h"

#include <strings.h>

#define PC BANKFILE__PAY_COL
#define PS BANKFILE__PAY_SUM
#define RC BANKFILE__RET_COL
#define RS BANKFILE__RET_SUM

/* The settings. Single ones may appear once; item and paid lines repeat. */
enum key {
	K_NAME, K_BANK, K_NOTE, K_FORMAT, K_ENCODING, K_SEPARATOR, K_LINE_END,
	K_AMOUNT, K_DATE_FORMAT, K_PERIOD_FORMAT, K_BOM, K_END_SEPARATOR,
	K_R_FORMAT, K_R_ENCODING, K_R_SEPARATOR, K_R_AMOUNT,
	K__SINGLE, /* the repeating ones follow */
	K_HEADER = K__SINGLE, K_COLUMN, K_TRAILER,
	K_R_HEADER, K_R_COLUMN, K_R_TRAILER, K_R_PAID,
	K__COUNT
};

static const char *const KEYS[K__COUNT] = {
	"name", "bank", "note", "format", "encoding", "separator", "line_end",
	"amount", "date_format", "period_format", "bom", "end_separator",
	"return.format", "return.encoding", "return.separator", "return.amount",
	"header", "column", "trailer",
	"return.header", "return.column", "return.trailer", "return.paid",
};

const char *const bankfile__w_format[] = {"delimited", "fixed", NULL};
const char *const bankfile__w_encoding[] = {"utf8", "gbk", NULL};
const char *const bankfile__w_eol[] = {"crlf", "lf", NULL};
const char *const bankfile__w_unit[] = {"yuan", "fen", NULL};
const char *const bankfile__w_date[] = {"yyyymmdd", "yyyy-mm-dd", NULL};
const char *const bankfile__w_period[] = {"yyyymm", "yyyy-mm", NULL};
const char *const bankfile__w_bool[] = {"no", "yes", NULL};
const char *const bankfile__w_align[] = {"left", "right", "zero", NULL};

#define W_FORMAT bankfile__w_format
#define W_EOL bankfile__w_eol
#define W_UNIT bankfile__w_unit
#define W_DATE bankfile__w_date
#define W_PERIOD bankfile__w_period
#define W_BOOL bankfile__w_bool
#define W_ALIGN bankfile__w_align

/* The three rows of a layout, in the order the text lists them. */
enum row { R_HEADER, R_COLUMN, R_TRAILER };

/* What the item checks after the last line need to know. */
struct item_src {
	size_t line;
	bool width_given, align_given;
};

struct parse {
	struct bankfile_template t;
	size_t line;
	size_t seen[K__SINGLE]; /* template line of each single key, 0 = unset */
	struct item_src src[2][3][BANKFILE_COLUMN_MAX]; /* [ret][row][i] */
	dib_err *err;
};

static dib_code bad(struct parse *p, const char *fmt, ...) DIB_PRINTF(2, 3);
static dib_code bad(struct parse *p, const char *fmt, ...)
{
	char msg[DIB_ERR_MSG_MAX - 32];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (p->line)
		return dib_err_set(p->err, DIB_EINVAL, "模板第 %zu 行：%s",
				   p->line, msg);
	return dib_err_set(p->err, DIB_EINVAL, "模板%s", msg);
}

static int word(const char *v, const char *const *words)
{
	for (int i = 0; words[i]; i++)
		if (!strcmp(v, words[i]))
			return i;
	return -1;
}

/* Joins the allowed words for a message: "delimited、fixed". */
static const char *choices(const char *const *words, char *out, size_t size)
{
	size_t at = 0;

	out[0] = '\0';
	for (int i = 0; words[i] && at < size; i++)
		at += (size_t)snprintf(out + at, size - at, "%s%s",
				       i ? "、" : "", words[i]);
	return out;
}

static dib_code set_word(struct parse *p, const char *key, const char *v,
			 const char *const *words, int *out)
{
	char q[DIB_QUOTE_MAX], c[96];
	int w = word(v, words);

	if (w < 0)
		return bad(p, "%s 的值 \"%s\" 不正确，应为 %s", key,
			   dib_err_quote(v, strlen(v), q, sizeof q),
			   choices(words, c, sizeof c));
	*out = w;
	return DIB_OK;
}

/* An encoding as people write it: the canonical words (utf8, gbk) and the
 * IANA name UTF-8 that lists and iconv use, in any case. Written back
 * (bankfile_format) always as the canonical word. */
static dib_code set_encoding(struct parse *p, const char *key, const char *v, int *out)
{
	char q[DIB_QUOTE_MAX];

	if (!strcasecmp(v, "utf8") || !strcasecmp(v, "utf-8"))
		*out = BANKFILE_UTF8;
	else if (!strcasecmp(v, "gbk"))
		*out = BANKFILE_GBK;
	else
		return bad(p, "%s 的值 \"%s\" 不正确，应为 utf8（UTF-8）或 gbk（GBK）", key,
			   dib_err_quote(v, strlen(v), q, sizeof q));
	return DIB_OK;
}

static dib_code set_text(struct parse *p, const char *key, const char *v,
			 char *out, size_t size)
{
	size_t n = strlen(v);

	if (n >= size)
		return bad(p, "%s 太长（%zu 字节，最多 %zu 字节）", key, n,
			   size - 1);
	memcpy(out, v, n + 1);
	return DIB_OK;
}

static dib_code set_separator(struct parse *p, const char *key, const char *v,
			      char *out)
{
	char q[DIB_QUOTE_MAX];
	unsigned char c = (unsigned char)v[0];

	if (!strcmp(v, "tab")) {
		*out = '\t';
	} else if (!strcmp(v, "space")) {
		*out = ' ';
	} else if (v[0] && !v[1] && c > 0x20 && c < 0x7F && c != '"' &&
		   !(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'z') &&
		   !(c >= 'A' && c <= 'Z')) {
		*out = (char)c;
	} else {
		return bad(p, "%s \"%s\" 不正确，应为一个标点符号（如 | 或 ,），或 tab、space",
			   key, dib_err_quote(v, strlen(v), q, sizeof q));
	}
	return DIB_OK;
}

/* Parses an item: `field [width] [align]` or `"text" [width] [align]`. */
static dib_code parse_item(struct parse *p, const char *v, unsigned where,
			   struct bankfile_item *it, struct item_src *src)
{
	char q[DIB_QUOTE_MAX], tok[64];
	const char *s = v;
	size_t n;

	memset(it, 0, sizeof *it);
	src->line = p->line;
	if (*s == '"') {
		const char *end = strchr(s + 1, '"');
		if (!end)
			return bad(p, "固定文字缺少结尾的双引号");
		n = (size_t)(end - s - 1);
		if (n >= sizeof it->text)
			return bad(p, "固定文字太长（最多 %zu 字节）",
				   sizeof it->text - 1);
		memcpy(it->text, s + 1, n);
		it->field = BANKFILE_F_TEXT;
		s = end + 1;
	} else {
		n = strcspn(s, " \t");
		if (n >= sizeof tok)
			n = sizeof tok - 1;
		memcpy(tok, s, n);
		tok[n] = '\0';
		s += strcspn(s, " \t");
		int f = -1;
		for (int i = 1; i < BANKFILE_F__COUNT; i++)
			if (!strcmp(tok, bankfile__field((enum bankfile_field)i)->key))
				f = i;
		if (f < 0)
			return bad(p, "未知的字段 \"%s\"",
				   dib_err_quote(tok, strlen(tok), q, sizeof q));
		it->field = (enum bankfile_field)f;
	}
	if (!(bankfile__field(it->field)->where & where)) {
		const char *in = where == PC   ? "代发文件的明细列"
				 : where == PS ? "代发文件的表头或表尾"
				 : where == RC ? "回盘文件的明细列"
					       : "回盘文件的表头或表尾";
		return bad(p, "字段 \"%s\"（%s）不能用在%s", bankfile__field(it->field)->key,
			   bankfile__field(it->field)->title, in);
	}
	for (;;) {
		s += strspn(s, " \t");
		if (!*s)
			break;
		n = strcspn(s, " \t");
		if (n >= sizeof tok)
			n = sizeof tok - 1;
		memcpy(tok, s, n);
		tok[n] = '\0';
		s += strcspn(s, " \t");
		if (tok[0] >= '0' && tok[0] <= '9' && !src->width_given &&
		    !src->align_given) {
			char *end;
			unsigned long w = strtoul(tok, &end, 10);
			if (*end || w == 0 || w > BANKFILE_WIDTH_MAX)
				return bad(p, "宽度 \"%s\" 不正确，应为 1 到 %d 的字节数",
					   tok, BANKFILE_WIDTH_MAX);
			it->width = (unsigned)w;
			src->width_given = true;
		} else if (!src->align_given && word(tok, W_ALIGN) >= 0) {
			it->align = (enum bankfile_align)word(tok, W_ALIGN);
			src->align_given = true;
		} else {
			return bad(p, "\"%s\" 看不懂：一项应写成“字段 宽度 对齐”，对齐为 left、right 或 zero",
				   dib_err_quote(tok, strlen(tok), q, sizeof q));
		}
	}
	return DIB_OK;
}

static dib_code add_item(struct parse *p, bool ret, enum row row,
			 const char *v)
{
	struct bankfile_layout *l = ret ? &p->t.ret : &p->t.pay;
	struct bankfile_item *items = row == R_HEADER   ? l->header
				      : row == R_COLUMN ? l->columns
							: l->trailer;
	size_t *n = row == R_HEADER   ? &l->n_header
		    : row == R_COLUMN ? &l->n_columns
				      : &l->n_trailer;
	size_t max = row == R_COLUMN ? BANKFILE_COLUMN_MAX : BANKFILE_ROW_MAX;
	unsigned where = row == R_COLUMN ? (ret ? RC : PC) : (ret ? RS : PS);

	if (*n >= max)
		return bad(p, "%s最多 %zu 项", row == R_COLUMN ? "明细列" : "表头或表尾",
			   max);
	dib_code rc = parse_item(p, v, where, &items[*n], &p->src[ret][row][*n]);
	if (rc)
		return rc;
	(*n)++;
	return DIB_OK;
}

static dib_code add_paid(struct parse *p, const char *v)
{
	char q[DIB_QUOTE_MAX];

	for (const char *s = v + strspn(v, " \t"); *s; s += strspn(s, " \t")) {
		size_t n = strcspn(s, " \t");
		if (p->t.n_paid >= BANKFILE_PAID_MAX)
			return bad(p, "表示成功的状态值最多 %d 个", BANKFILE_PAID_MAX);
		if (n >= BANKFILE_STATUS_MAX)
			return bad(p, "状态值 \"%s\" 太长",
				   dib_err_quote(s, n, q, sizeof q));
		memcpy(p->t.paid[p->t.n_paid++], s, n);
		s += n;
	}
	return DIB_OK;
}

static dib_code set_key(struct parse *p, enum key k, const char *v)
{
	struct bankfile_template *t = &p->t;
	int w = 0;
	dib_code rc = DIB_OK;

	switch (k) {
	case K_NAME:
		return set_text(p, "name", v, t->name, sizeof t->name);
	case K_BANK:
		return set_text(p, "bank", v, t->bank, sizeof t->bank);
	case K_NOTE:
		return set_text(p, "note", v, t->note, sizeof t->note);
	case K_SEPARATOR:
		return set_separator(p, "separator", v, &t->pay.separator);
	case K_R_SEPARATOR:
		return set_separator(p, "return.separator", v, &t->ret.separator);
	case K_HEADER:
	case K_COLUMN:
	case K_TRAILER:
		return add_item(p, false, (enum row)(k - K_HEADER), v);
	case K_R_HEADER:
	case K_R_COLUMN:
	case K_R_TRAILER:
		return add_item(p, true, (enum row)(k - K_R_HEADER), v);
	case K_R_PAID:
		return add_paid(p, v);
	case K_FORMAT:
	case K_R_FORMAT:
		rc = set_word(p, KEYS[k], v, W_FORMAT, &w);
		(k == K_FORMAT ? &t->pay : &t->ret)->format = (enum bankfile_format)w;
		return rc;
	case K_ENCODING:
	case K_R_ENCODING:
		rc = set_encoding(p, KEYS[k], v, &w);
		(k == K_ENCODING ? &t->pay : &t->ret)->encoding =
			(enum bankfile_encoding)w;
		return rc;
	case K_AMOUNT:
	case K_R_AMOUNT:
		rc = set_word(p, KEYS[k], v, W_UNIT, &w);
		(k == K_AMOUNT ? &t->pay : &t->ret)->unit = (enum bankfile_unit)w;
		return rc;
	case K_LINE_END:
		rc = set_word(p, KEYS[k], v, W_EOL, &w);
		t->eol = (enum bankfile_eol)w;
		return rc;
	case K_DATE_FORMAT:
		rc = set_word(p, KEYS[k], v, W_DATE, &w);
		t->date_format = (enum bankfile_datefmt)w;
		return rc;
	case K_PERIOD_FORMAT:
		rc = set_word(p, KEYS[k], v, W_PERIOD, &w);
		t->period_format = (enum bankfile_datefmt)w;
		return rc;
	case K_BOM:
		rc = set_word(p, KEYS[k], v, W_BOOL, &w);
		t->bom = w == 1;
		return rc;
	case K_END_SEPARATOR:
		rc = set_word(p, KEYS[k], v, W_BOOL, &w);
		t->end_separator = w == 1;
		return rc;
	case K__COUNT:
		break;
	}
	return bad(p, "内部错误：未处理的设置");
}

/* Cuts a comment: '#' at the start or after a space or tab, outside
 * double quotes. */
static void cut_comment(char *s)
{
	bool quoted = false;

	for (size_t i = 0; s[i]; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (s[i] == '#' && !quoted &&
			 (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) {
			s[i] = '\0';
			return;
		}
	}
}

static char *trim(char *s)
{
	size_t n;

	s += strspn(s, " \t\r");
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static dib_code parse_line(struct parse *p, char *line)
{
	char q[DIB_QUOTE_MAX];
	char *eq, *key, *v;

	cut_comment(line);
	line = trim(line);
	if (!*line)
		return DIB_OK;
	eq = strchr(line, '=');
	if (!eq)
		return bad(p, "\"%s\" 缺少等号，应写成“设置 = 值”",
			   dib_err_quote(line, strlen(line), q, sizeof q));
	*eq = '\0';
	key = trim(line);
	v = trim(eq + 1);
	for (int k = 0; k < K__COUNT; k++) {
		if (strcmp(key, KEYS[k]))
			continue;
		if (k < K__SINGLE) {
			if (p->seen[k])
				return bad(p, "%s 重复设置（第 %zu 行已设置）",
					   key, p->seen[k]);
			p->seen[k] = p->line;
		}
		return set_key(p, (enum key)k, v);
	}
	return bad(p, "未知的设置 \"%s\"", dib_err_quote(key, strlen(key), q, sizeof q));
}

/* Checks one row of items against its layout; fixes default alignments. */
static dib_code check_row(struct parse *p, const struct bankfile_layout *l,
			  struct bankfile_item *items, size_t n,
			  struct item_src *src, enum row row)
{
	char q[DIB_QUOTE_MAX];

	for (size_t i = 0; i < n; i++) {
		struct bankfile_item *it = &items[i];
		const struct bankfile__fieldinfo *fi = bankfile__field(it->field);
		p->line = src[i].line;
		if (l->format == BANKFILE_FIXED) {
			if (!src[i].width_given)
				return bad(p, "定长格式的每一项都要写宽度（字节数）");
			if (!src[i].align_given)
				it->align = fi->numeric ? BANKFILE_ZERO : BANKFILE_LEFT;
			if (it->field == BANKFILE_F_TITLES)
				return bad(p, "titles（列标题）只能用于分隔符格式");
		} else {
			if (src[i].width_given || src[i].align_given)
				return bad(p, "分隔符格式不写宽度和对齐");
			if (it->field == BANKFILE_F_TEXT &&
			    strchr(it->text, l->separator))
				return bad(p, "固定文字 \"%s\" 含有分隔符",
					   dib_err_quote(it->text, strlen(it->text),
							 q, sizeof q));
		}
		if (it->align == BANKFILE_ZERO && !fi->numeric)
			return bad(p, "只有数字字段可以用 zero（补零）");
		if (it->field == BANKFILE_F_TITLES && n != 1)
			return bad(p, "titles（列标题）要单独成行，不能和其他项同在表头或表尾");
		if (it->field == BANKFILE_F_TITLES && row == R_COLUMN)
			return bad(p, "titles 不能作为明细列");
	}
	return DIB_OK;
}

static bool has(const struct bankfile_layout *l, enum bankfile_field f)
{
	for (size_t i = 0; i < l->n_columns; i++)
		if (l->columns[i].field == f)
			return true;
	return false;
}

static dib_code check_layout(struct parse *p, bool ret)
{
	struct bankfile_layout *l = ret ? &p->t.ret : &p->t.pay;
	dib_code rc;

	rc = check_row(p, l, l->header, l->n_header, p->src[ret][R_HEADER], R_HEADER);
	if (!rc)
		rc = check_row(p, l, l->columns, l->n_columns,
			       p->src[ret][R_COLUMN], R_COLUMN);
	if (!rc)
		rc = check_row(p, l, l->trailer, l->n_trailer,
			       p->src[ret][R_TRAILER], R_TRAILER);
	return rc;
}

static dib_code check(struct parse *p)
{
	struct bankfile_template *t = &p->t;

	p->line = 0;
	if (!p->seen[K_NAME] || !t->name[0])
		return bad(p, "缺少 name（模板名称）");
	if (!p->seen[K_FORMAT])
		return bad(p, "缺少 format（delimited 或 fixed）");
	if (!p->seen[K_ENCODING])
		return bad(p, "缺少 encoding（gbk 或 utf8，也可写 GBK、UTF-8）");
	if (t->pay.format == BANKFILE_DELIMITED && !p->seen[K_SEPARATOR])
		return bad(p, "缺少 separator（分隔符格式要写分隔符）");
	if (t->pay.format == BANKFILE_FIXED && t->end_separator) {
		p->line = p->seen[K_END_SEPARATOR];
		return bad(p, "end_separator 只用于分隔符格式");
	}
	/* The bank usually answers in the layout it was sent. */
	if (!p->seen[K_R_FORMAT])
		t->ret.format = t->pay.format;
	if (!p->seen[K_R_ENCODING])
		t->ret.encoding = t->pay.encoding;
	if (!p->seen[K_R_AMOUNT])
		t->ret.unit = t->pay.unit;
	if (!p->seen[K_R_SEPARATOR]) {
		if (t->ret.format == BANKFILE_DELIMITED &&
		    t->pay.format != BANKFILE_DELIMITED)
			return bad(p, "缺少 return.separator（回盘文件是分隔符格式）");
		t->ret.separator = t->pay.separator;
	}
	if (t->pay.format == BANKFILE_FIXED && !p->seen[K_SEPARATOR])
		t->pay.separator = 0;
	if (t->ret.format == BANKFILE_FIXED) {
		if (p->seen[K_R_SEPARATOR]) {
			p->line = p->seen[K_R_SEPARATOR];
			return bad(p, "定长格式不用 return.separator");
		}
		t->ret.separator = 0;
	}
	if (t->pay.format == BANKFILE_FIXED && p->seen[K_SEPARATOR]) {
		p->line = p->seen[K_SEPARATOR];
		return bad(p, "定长格式不用 separator");
	}
	dib_code rc = check_layout(p, false);
	if (!rc)
		rc = check_layout(p, true);
	if (rc)
		return rc;
	p->line = 0;
	if (!has(&t->pay, BANKFILE_F_ACCOUNT))
		return bad(p, "缺少账号列（column = account）");
	if (!has(&t->pay, BANKFILE_F_AMOUNT))
		return bad(p, "缺少金额列（column = amount）");
	if (!has(&t->ret, BANKFILE_F_STATUS))
		return bad(p, "回盘文件缺少处理状态列（return.column = status）");
	if (!has(&t->ret, BANKFILE_F_AMOUNT))
		return bad(p, "回盘文件缺少金额列（return.column = amount）");
	if (!has(&t->ret, BANKFILE_F_REFERENCE) && !has(&t->ret, BANKFILE_F_SEQ))
		return bad(p, "回盘文件缺少业务编号或序号列（return.column = reference 或 seq）");
	if (!t->n_paid)
		return bad(p, "缺少 return.paid（表示成功的状态值，如 0000）");
	return DIB_OK;
}

dib_code bankfile_template_parse(const char *s, size_t n,
				 struct bankfile_template *out, dib_err *err)
{
	struct parse *p = calloc(1, sizeof *p);
	char line[1024];
	size_t at = 0;
	dib_code rc = DIB_OK;

	if (!p)
		return dib_err_nomem(err);
	p->err = err;
	for (size_t i = 0; i < n;) {
		size_t l = bankfile__utf8_char(s + i, n - i);
		if (!l) {
			rc = dib_err_set(err, DIB_EENCODING,
					 "模板不是有效的 UTF-8 文字（第 %zu 字节）",
					 i + 1);
			goto out;
		}
		i += l;
	}
	while (at < n && !rc) {
		const char *nl = memchr(s + at, '\n', n - at);
		size_t len = nl ? (size_t)(nl - s - at) : n - at;
		p->line++;
		if (len >= sizeof line) {
			rc = bad(p, "这一行太长（最多 %zu 字节）", sizeof line - 1);
			break;
		}
		memcpy(line, s + at, len);
		line[len] = '\0';
		rc = parse_line(p, line);
		at += len + 1;
	}
	if (!rc)
		rc = check(p);
	if (!rc)
		*out = p->t;
out:
	free(p);
	return rc;
}
