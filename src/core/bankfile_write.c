/*
 * bankfile_write.c — writing a pay file (代发文件) and, for the demo and the
 * tests, a bank's return file (回盘文件) from a template.
 *
 * Every row — header, detail, trailer — goes through one routine that takes
 * the row's values by field as UTF-8 text, so the checks are the same
 * everywhere: no control characters (a line break would split a payment in
 * two), no separator inside a delimited value, a character GBK can encode,
 * and a fixed width measured in encoded bytes that is never cut. Count and
 * total are computed here, from the lines, never taken from the caller.
 * On any error the output buffer is put back as it was, so a half file is
 * never left for a caller to save by mistake.
 *
 * Thread-safe: no shared state; each call opens its own converter.
 */
#include "util/dib.h"
#include "core/bankfile_int.h"
#include "core/date.h"

typedef const char *row_vals[BANKFILE_F__COUNT];

struct writer {
	const struct bankfile_template *t;
	const struct bankfile_layout *l;
	const char *file; /* "代发文件" or "回盘文件", for messages */
	struct bankfile__conv conv;
	dib_buf val; /* one encoded value */
	dib_buf *out;
	dib_err *err;
	const struct bankfile_batch *hdr; /* never NULL */
	const void *rows; /* the lines or return rows being written */
};

#define VAL_MAX ((size_t)BANKFILE_WIDTH_MAX * 4 + 4096)

static dib_code add_fill(dib_buf *b, char c, size_t n)
{
	char block[64];
	dib_code rc = DIB_OK;

	memset(block, c, sizeof block);
	while (n > 0 && !rc) {
		size_t k = n < sizeof block ? n : sizeof block;
		rc = dib_buf_add(b, block, k);
		n -= k;
	}
	return rc;
}

static bool required(enum bankfile_field f)
{
	return f == BANKFILE_F_ACCOUNT || f == BANKFILE_F_PAYER_ACCOUNT ||
	       f == BANKFILE_F_BATCH_NO || f == BANKFILE_F_FILE_DATE;
}

/* Checks and appends one value. where: "代发文件第 3 行（业务编号 1002）". */
static dib_code put_value(struct writer *w, const struct bankfile_item *it,
			  const char *label, const char *v, const char *where)
{
	char q[DIB_QUOTE_MAX], q2[DIB_QUOTE_MAX];
	size_t n = strlen(v), bad = 0, bad_len = 0;
	dib_err *err = w->err;

	if (!n && required(it->field))
		return dib_err_set(err, DIB_EINVAL, "%s的%s不能为空", where, label);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];
		if (c < 0x20 || c == 0x7F)
			return dib_err_set(err, DIB_EINVAL,
					   "%s的%s \"%s\" 含有换行或控制字符", where,
					   label, dib_err_quote(v, n, q, sizeof q));
		if (w->l->format == BANKFILE_DELIMITED && c == (unsigned char)w->l->separator)
			return dib_err_set(err, DIB_EINVAL,
					   "%s的%s \"%s\" 含有分隔符 \"%c\"", where,
					   label, dib_err_quote(v, n, q, sizeof q),
					   w->l->separator);
		if ((it->field == BANKFILE_F_ACCOUNT ||
		     it->field == BANKFILE_F_PAYER_ACCOUNT) &&
		    !(c >= '0' && c <= '9'))
			return dib_err_set(err, DIB_EINVAL,
					   "%s的%s \"%s\" 只能是数字", where, label,
					   dib_err_quote(v, n, q, sizeof q));
	}
	dib_buf_reset(&w->val);
	dib_code rc = bankfile__convert(&w->conv, v, n, &w->val, &bad, &bad_len);
	if (rc == DIB_EENCODING && !bankfile__utf8_char(v + bad, n - bad))
		return dib_err_set(err, DIB_EENCODING,
				   "%s的%s \"%s\" 不是有效的 UTF-8 文字", where,
				   label, dib_err_quote(v, n, q, sizeof q));
	if (rc == DIB_EENCODING)
		return dib_err_set(err, DIB_EENCODING,
				   "%s的%s \"%s\" 中的 \"%s\" 没有 GBK 编码，银行文件写不出，请改用其他字",
				   where, label, dib_err_quote(v, n, q, sizeof q),
				   dib_err_quote(v + bad, bad_len, q2, sizeof q2));
	if (rc)
		return dib_err_set(err, rc, NULL);
	if (w->l->format == BANKFILE_DELIMITED)
		return dib_buf_add(w->out, w->val.ptr, w->val.len);
	if (w->val.len > it->width)
		return dib_err_set(err, DIB_EINVAL,
				   "%s的%s \"%s\" 有 %zu 字节（%s），超过该列宽度 %u 字节",
				   where, label, dib_err_quote(v, n, q, sizeof q),
				   w->val.len,
				   w->l->encoding == BANKFILE_GBK ? "GBK 编码，汉字 2 字节"
								  : "UTF-8 编码，汉字 3 字节",
				   it->width);
	size_t pad = it->width - w->val.len;
	if (it->align == BANKFILE_LEFT) {
		rc = dib_buf_add(w->out, w->val.ptr, w->val.len);
		if (!rc)
			rc = add_fill(w->out, ' ', pad);
	} else {
		rc = add_fill(w->out, it->align == BANKFILE_ZERO ? '0' : ' ', pad);
		if (!rc)
			rc = dib_buf_add(w->out, w->val.ptr, w->val.len);
	}
	return rc;
}

static dib_code put_row(struct writer *w, const struct bankfile_item *items,
			size_t n, row_vals vals, const char *where)
{
	const struct bankfile_layout *l = w->l;
	bool delimited = l->format == BANKFILE_DELIMITED;
	dib_code rc = DIB_OK;

	for (size_t i = 0; i < n && !rc; i++) {
		const struct bankfile_item *it = &items[i];
		if (i > 0 && delimited)
			rc = dib_buf_addc(w->out, l->separator);
		if (rc)
			break;
		if (it->field == BANKFILE_F_TITLES) {
			/* Only delimited (the parser sees to it): no widths;
			 * a title is text, whatever its column holds. */
			static const struct bankfile_item title = {0};
			for (size_t j = 0; j < l->n_columns && !rc; j++) {
				enum bankfile_field f = l->columns[j].field;
				if (j > 0)
					rc = dib_buf_addc(w->out, l->separator);
				if (!rc)
					rc = put_value(w, &title, "列标题",
						       f == BANKFILE_F_TEXT
							       ? ""
							       : bankfile__field(f)->title,
						       where);
			}
		} else if (it->field == BANKFILE_F_TEXT) {
			rc = put_value(w, it, "固定文字", it->text, where);
		} else {
			const char *v = vals[it->field];
			rc = put_value(w, it, bankfile__field(it->field)->title,
				       v ? v : "", where);
		}
	}
	if (!rc && delimited && w->t->end_separator)
		rc = dib_buf_addc(w->out, l->separator);
	if (!rc)
		rc = dib_buf_adds(w->out, w->t->eol == BANKFILE_CRLF ? "\r\n" : "\n");
	if (rc) /* a buffer error; first error wins, so others stay */
		dib_err_set(w->err, rc, NULL);
	return rc;
}

static void amount_text(dib_fen fen, enum bankfile_unit u, char *out, size_t size)
{
	if (u == BANKFILE_FEN)
		snprintf(out, size, "%lld", (long long)fen);
	else
		snprintf(out, size, "%lld.%02lld", (long long)(fen / 100),
			 (long long)(fen % 100));
}

/* "2025-01-15" → "20250115" or as is; "" stays "". */
static dib_code date_text(struct writer *w, const char *s, const char *where,
			  char *out)
{
	dib_date d;
	dib_err e;
	char q[DIB_QUOTE_MAX];

	dib_err_clear(&e);
	out[0] = '\0';
	if (!s || !*s)
		return DIB_OK;
	if (date_parse(s, strlen(s), &d, &e))
		return dib_err_set(w->err, DIB_EINVAL,
				   "%s的文件日期 \"%s\" 不正确，应为 YYYY-MM-DD", where,
				   dib_err_quote(s, strlen(s), q, sizeof q));
	if (w->t->date_format == BANKFILE_COMPACT)
		snprintf(out, DIB_DATE_STR, "%04d%02d%02d", d.year, d.month, d.day);
	else
		date_format(d, out);
	return DIB_OK;
}

static dib_code period_text(struct writer *w, const char *s, const char *where,
			    char *out)
{
	dib_month m;
	dib_err e;
	char q[DIB_QUOTE_MAX];

	dib_err_clear(&e);
	out[0] = '\0';
	if (!s || !*s)
		return DIB_OK;
	if (month_parse(s, strlen(s), &m, &e))
		return dib_err_set(w->err, DIB_EINVAL,
				   "%s的发放年月 \"%s\" 不正确，应为 YYYY-MM", where,
				   dib_err_quote(s, strlen(s), q, sizeof q));
	if (w->t->period_format == BANKFILE_COMPACT)
		snprintf(out, DIB_MONTH_STR, "%04d%02d", m.year, m.month);
	else
		month_format(m, out);
	return DIB_OK;
}

/* What header and trailer rows show. */
struct summary {
	char date[DIB_DATE_STR], period[DIB_MONTH_STR];
	char count[24], total[MONEY_STR];
	char paid_count[24], paid_total[MONEY_STR];
	char failed_count[24], failed_total[MONEY_STR];
};

static dib_code summary_vals(struct writer *w, const struct bankfile_batch *h,
			     const struct bankfile_totals *tot,
			     struct summary *s, row_vals v)
{
	enum bankfile_unit u = w->l->unit;
	char where[64];
	dib_code rc;

	snprintf(where, sizeof where, "%s的批次信息", w->file);
	rc = date_text(w, h->file_date, where, s->date);
	if (!rc)
		rc = period_text(w, h->period, where, s->period);
	if (rc)
		return rc;
	snprintf(s->count, sizeof s->count, "%zu", tot->count);
	amount_text(tot->total, u, s->total, sizeof s->total);
	snprintf(s->paid_count, sizeof s->paid_count, "%zu", tot->paid_count);
	amount_text(tot->paid_total, u, s->paid_total, sizeof s->paid_total);
	snprintf(s->failed_count, sizeof s->failed_count, "%zu", tot->failed_count);
	amount_text(tot->failed_total, u, s->failed_total, sizeof s->failed_total);
	v[BANKFILE_F_BATCH_NO] = h->batch_no;
	v[BANKFILE_F_PAYER_ACCOUNT] = h->payer_account;
	v[BANKFILE_F_FILE_DATE] = s->date;
	v[BANKFILE_F_PERIOD] = s->period;
	v[BANKFILE_F_PROGRAM] = h->program;
	v[BANKFILE_F_COUNT] = s->count;
	v[BANKFILE_F_TOTAL] = s->total;
	v[BANKFILE_F_PAID_COUNT] = s->paid_count;
	v[BANKFILE_F_PAID_TOTAL] = s->paid_total;
	v[BANKFILE_F_FAILED_COUNT] = s->failed_count;
	v[BANKFILE_F_FAILED_TOTAL] = s->failed_total;
	return DIB_OK;
}

static dib_code writer_open(struct writer *w, const struct bankfile_template *t,
			    bool ret, const struct bankfile_batch *hdr,
			    const void *rows, dib_buf *out, dib_err *err)
{
	static const struct bankfile_batch none;

	memset(w, 0, sizeof *w);
	w->hdr = hdr ? hdr : &none;
	w->rows = rows;
	w->t = t;
	w->l = ret ? &t->ret : &t->pay;
	w->file = ret ? "回盘文件" : "代发文件";
	w->out = out;
	w->err = err;
	w->conv.cd = (iconv_t)-1;
	dib_buf_init(&w->val, VAL_MAX);
	return bankfile__conv_open(&w->conv, w->l->encoding, true, err);
}

/* Closes w; on error puts out back to start bytes. */
static dib_code writer_close(struct writer *w, size_t start, dib_code rc)
{
	bankfile__conv_close(&w->conv);
	dib_buf_release(&w->val);
	if (rc) {
		w->out->len = start;
		if (w->out->ptr)
			w->out->ptr[start] = '\0';
	}
	return rc;
}

/* The header, every row by put_one, the trailer. */
typedef dib_code (*row_fn)(struct writer *w, size_t i, size_t line);

static dib_code write_file(struct writer *w, const struct bankfile_totals *tot,
			   size_t n, row_fn put_one)
{
	const struct bankfile_layout *l = w->l;
	struct summary s;
	row_vals v = {0};
	char where[96];
	size_t line = 1;
	dib_code rc;

	rc = summary_vals(w, w->hdr, tot, &s, v);
	if (!rc && w->t->bom && l->encoding == BANKFILE_UTF8)
		rc = dib_buf_add(w->out, "\xef\xbb\xbf", 3);
	if (!rc && l->n_header) {
		snprintf(where, sizeof where, "%s第 1 行（表头）", w->file);
		rc = put_row(w, l->header, l->n_header, v, where);
		line++;
	}
	for (size_t i = 0; i < n && !rc; i++)
		rc = put_one(w, i, line++);
	if (!rc && l->n_trailer) {
		snprintf(where, sizeof where, "%s第 %zu 行（表尾）", w->file, line);
		rc = put_row(w, l->trailer, l->n_trailer, v, where);
	}
	return rc;
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

static dib_code put_line(struct writer *w, size_t i, size_t line)
{
	const struct bankfile_line *ln = (const struct bankfile_line *)w->rows + i;
	char where[96], seq[24], ref[24], amount[MONEY_STR], period[DIB_MONTH_STR];
	row_vals v = {0};
	dib_code rc;

	snprintf(where, sizeof where, "%s第 %zu 行（业务编号 %lld）", w->file,
		 line, (long long)ln->reference);
	snprintf(seq, sizeof seq, "%lld",
		 (long long)(ln->seq > 0 ? ln->seq : (int64_t)i + 1));
	snprintf(ref, sizeof ref, "%lld", (long long)ln->reference);
	amount_text(ln->amount_fen, w->l->unit, amount, sizeof amount);
	rc = period_text(w, ln->period && *ln->period ? ln->period : w->hdr->period,
			 where, period);
	if (rc)
		return rc;
	v[BANKFILE_F_SEQ] = seq;
	v[BANKFILE_F_REFERENCE] = ref;
	v[BANKFILE_F_ACCOUNT] = ln->account;
	v[BANKFILE_F_ACCOUNT_NAME] = ln->account_name;
	v[BANKFILE_F_AMOUNT] = amount;
	v[BANKFILE_F_ID_NUMBER] = ln->id_number;
	v[BANKFILE_F_NAME] = ln->name;
	v[BANKFILE_F_PROGRAM] = ln->program && *ln->program ? ln->program
							    : w->hdr->program;
	v[BANKFILE_F_PERIOD] = period;
	v[BANKFILE_F_VILLAGE_CODE] = ln->village_code;
	v[BANKFILE_F_VILLAGE_NAME] = ln->village_name;
	v[BANKFILE_F_MEMO] = ln->memo;
	return put_row(w, w->l->columns, w->l->n_columns, v, where);
}

dib_code bankfile_write(const struct bankfile_template *t,
			const struct bankfile_batch *hdr,
			const struct bankfile_line *lines, size_t n,
			dib_buf *out, dib_err *err)
{
	struct bankfile_totals tot = {0};
	struct writer w;
	size_t start = out->len;
	size_t head = t->pay.n_header ? 1 : 0;
	dib_code rc;

	/* Amounts first: the total goes into the header, before any line. */
	for (size_t i = 0; i < n; i++) {
		const struct bankfile_line *ln = &lines[i];
		if (ln->amount_fen <= 0)
			return dib_err_set(err, DIB_EINVAL,
					   "代发文件第 %zu 行（业务编号 %lld）的金额必须大于 0",
					   i + 1 + head, (long long)ln->reference);
		if (ln->reference <= 0)
			return dib_err_set(err, DIB_EINVAL,
					   "代发文件第 %zu 行的业务编号 %lld 不正确，应大于 0",
					   i + 1 + head, (long long)ln->reference);
		if (tot.total > INT64_MAX - ln->amount_fen)
			return dib_err_set(err, DIB_EINVAL, "代发文件的总金额超出范围");
		tot.total += ln->amount_fen;
	}
	tot.count = n;
	rc = writer_open(&w, t, false, hdr, lines, out, err);
	if (!rc)
		rc = write_file(&w, &tot, n, put_line);
	return writer_close(&w, start, rc);
}

static dib_code put_return(struct writer *w, size_t i, size_t line)
{
	const struct bankfile_return_row *r =
		(const struct bankfile_return_row *)w->rows + i;
	char where[96], seq[24], ref[24], amount[MONEY_STR];
	row_vals v = {0};

	snprintf(where, sizeof where, "%s第 %zu 行（业务编号 %lld）", w->file,
		 line, (long long)r->reference);
	snprintf(seq, sizeof seq, "%lld", (long long)r->seq);
	snprintf(ref, sizeof ref, "%lld", (long long)r->reference);
	amount_text(r->amount_fen, w->l->unit, amount, sizeof amount);
	v[BANKFILE_F_SEQ] = seq;
	v[BANKFILE_F_REFERENCE] = ref;
	v[BANKFILE_F_ACCOUNT] = r->account;
	v[BANKFILE_F_AMOUNT] = amount;
	v[BANKFILE_F_STATUS] = r->status && *r->status ? r->status : w->t->paid[0];
	v[BANKFILE_F_REASON] = r->reason;
	return put_row(w, w->l->columns, w->l->n_columns, v, where);
}

static bool is_paid_status(const struct bankfile_template *t, const char *s)
{
	for (size_t i = 0; i < t->n_paid; i++)
		if (!strcmp(t->paid[i], s))
			return true;
	return false;
}

dib_code bankfile_write_return(const struct bankfile_template *t,
			       const struct bankfile_batch *hdr,
			       const struct bankfile_return_row *rows, size_t n,
			       dib_buf *out, dib_err *err)
{
	struct bankfile_totals tot;
	struct writer w;
	size_t start = out->len;
	size_t head = t->ret.n_header ? 1 : 0;
	dib_fen sum = 0;
	dib_code rc;

	for (size_t i = 0; i < n; i++) {
		const struct bankfile_return_row *r = &rows[i];
		const char *st = or_empty(r->status);
		if (r->amount_fen < 0 || sum > INT64_MAX - r->amount_fen)
			return dib_err_set(err, DIB_EINVAL,
					   "回盘文件第 %zu 行的金额不正确", i + 1 + head);
		sum += r->amount_fen;
		if (!r->paid && (!*st || is_paid_status(t, st)))
			return dib_err_set(err, DIB_EINVAL,
					   "回盘文件第 %zu 行是失败的，要写一个表示失败的处理状态",
					   i + 1 + head);
		if (r->paid && *st && !is_paid_status(t, st))
			return dib_err_set(err, DIB_EINVAL,
					   "回盘文件第 %zu 行是成功的，处理状态却不是表示成功的值",
					   i + 1 + head);
	}
	bankfile_return_totals(rows, n, &tot);
	rc = writer_open(&w, t, true, hdr, rows, out, err);
	if (!rc)
		rc = write_file(&w, &tot, n, put_return);
	return writer_close(&w, start, rc);
}
