/*
 * bankfile_read.c — reading the bank's return file (回盘文件), and a pay
 * file back, by the template.
 *
 * How a row is cut depends on the layout, and the order matters for GBK:
 * a delimited row is decoded to UTF-8 first and then split, because a GBK
 * character's second byte may be 0x7C, the '|' that many banks use as the
 * separator (UTF-8 never hides ASCII inside a character); a fixed-width row
 * is cut into byte ranges first (the widths are GBK bytes) and each range
 * decoded — a range that ends inside a character shows up as an encoding
 * error, which is how a wrong width in the template is noticed. Splitting
 * the file into lines on LF is safe in both encodings.
 *
 * What the bank adds around the rows — blank lines, CRLF, a UTF-8 BOM, a
 * DOS end-of-file mark (^Z), a separator closing each row, fields in
 * quotes, trailing spaces stripped from a fixed-width row — is accepted;
 * what changes the meaning — a field too many or too few, a bad amount, a
 * summary that disagrees with the rows — is refused with the line number.
 *
 * Thread-safe: no shared state; each call opens its own converter.
 */
#include "util/dib.h"
#include "core/bankfile_int.h"
#include "core/date.h"

struct span {
	const char *p;
	size_t n;
	size_t line; /* from 1 */
};

struct reader {
	const struct bankfile_template *t;
	const struct bankfile_layout *l;
	const char *file; /* "回盘文件" or "代发文件", for messages */
	struct bankfile__conv conv;
	dib_buf dec; /* the decoded row */
	const char *val[BANKFILE_COLUMN_MAX]; /* the row's fields, in dec */
	size_t vlen[BANKFILE_COLUMN_MAX];
	struct span head, tail; /* n == 0 and p == NULL when none */
	struct span *rows;
	size_t n_rows;
	dib_arena *a;
	dib_err *err;
};

static dib_code fail(struct reader *r, dib_code code, size_t line,
		     const char *fmt, ...) DIB_PRINTF(4, 5);
static dib_code fail(struct reader *r, dib_code code, size_t line,
		     const char *fmt, ...)
{
	char msg[DIB_ERR_MSG_MAX - 32];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return dib_err_set(r->err, code, "%s第 %zu 行%s", r->file, line, msg);
}

static const char *enc_name(const struct reader *r)
{
	return r->l->encoding == BANKFILE_GBK ? "GBK" : "UTF-8";
}

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\x1a')
			return false;
	return true;
}

/* Finds the non-blank lines; the first is the header, the last the
 * trailer, when the layout has them. */
static dib_code scan(struct reader *r, const char *bytes, size_t len)
{
	size_t lines = 1, k = 0, pos = 0, line = 0, first = 0, end;
	struct span *sp;

	for (size_t i = 0; i < len; i++)
		lines += bytes[i] == '\n';
	sp = dib_arena_alloc(r->a, lines * sizeof *sp);
	if (!sp)
		return dib_err_nomem(r->err);
	if (r->l->encoding == BANKFILE_UTF8 && len >= 3 &&
	    !memcmp(bytes, "\xef\xbb\xbf", 3))
		pos = 3;
	while (pos < len) {
		const char *nl = memchr(bytes + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - bytes) - pos : len - pos;
		size_t e = n;
		line++;
		while (e > 0 && bytes[pos + e - 1] == '\r')
			e--;
		if (!blank(bytes + pos, e))
			sp[k++] = (struct span){bytes + pos, e, line};
		pos += n + 1;
	}
	end = k;
	if (r->l->n_header) {
		if (k == 0)
			return dib_err_set(r->err, DIB_EINVAL,
					   "%s是空的，缺少表头", r->file);
		r->head = sp[0];
		first = 1;
	}
	if (r->l->n_trailer) {
		if (k <= first)
			return dib_err_set(r->err, DIB_EINVAL,
					   "%s缺少表尾（模板要求最后一行是汇总行）",
					   r->file);
		r->tail = sp[k - 1];
		end = k - 1;
	}
	r->rows = sp + first;
	r->n_rows = end - first;
	return DIB_OK;
}

/* Trims spaces, tabs and U+3000 (full-width space) at both ends. */
static void trim(const char **s, size_t *n)
{
	const char *p = *s;
	size_t l = *n;

	for (;;) {
		if (l && (p[0] == ' ' || p[0] == '\t'))
			p++, l--;
		else if (l >= 3 && !memcmp(p, "\xe3\x80\x80", 3))
			p += 3, l -= 3;
		else if (l && (p[l - 1] == ' ' || p[l - 1] == '\t'))
			l--;
		else if (l >= 3 && !memcmp(p + l - 3, "\xe3\x80\x80", 3))
			l -= 3;
		else
			break;
	}
	*s = p;
	*n = l;
}

static dib_code split_fixed(struct reader *r, const struct bankfile_item *items,
			    size_t n, const struct span *sp)
{
	size_t off[BANKFILE_COLUMN_MAX], width = 0, pos = 0, bad, bad_len;
	dib_code rc;

	for (size_t i = 0; i < n; i++)
		width += items[i].width;
	/* Longer only by spaces is fine; shorter: stripped trailing spaces. */
	if (sp->n > width && !blank(sp->p + width, sp->n - width))
		return fail(r, DIB_EINVAL, sp->line,
			    "长 %zu 字节，模板规定每行 %zu 字节", sp->n, width);
	for (size_t i = 0; i < n; i++) {
		size_t a = pos < sp->n ? pos : sp->n;
		size_t b = pos + items[i].width < sp->n ? pos + items[i].width : sp->n;
		off[i] = r->dec.len;
		rc = bankfile__convert(&r->conv, sp->p + a, b - a, &r->dec, &bad,
				       &bad_len);
		if (rc == DIB_EENCODING)
			return fail(r, rc, sp->line,
				    "第 %zu 字节起（%s）不是有效的 %s 文字，可能是模板的宽度与文件不符",
				    a + bad + 1,
				    items[i].field == BANKFILE_F_TEXT
					    ? "固定文字"
					    : bankfile__field(items[i].field)->title,
				    enc_name(r));
		r->vlen[i] = r->dec.len - off[i];
		if (!rc)
			rc = dib_buf_addc(&r->dec, '\0');
		if (rc)
			return dib_err_set(r->err, rc, NULL);
		pos += items[i].width;
	}
	for (size_t i = 0; i < n; i++) {
		r->val[i] = r->dec.ptr + off[i];
		trim(&r->val[i], &r->vlen[i]);
	}
	return DIB_OK;
}

static dib_code split_delimited(struct reader *r, size_t n,
				const struct span *sp)
{
	char sep = r->l->separator;
	size_t bad, bad_len, k = 1;
	dib_code rc;
	const char *s, *end;

	rc = bankfile__convert(&r->conv, sp->p, sp->n, &r->dec, &bad, &bad_len);
	if (rc == DIB_EENCODING)
		return fail(r, rc, sp->line, "第 %zu 字节不是有效的 %s 文字",
			    bad + 1, enc_name(r));
	if (!rc)
		rc = dib_buf_addc(&r->dec, '\0'); /* dec.ptr exists even if empty */
	if (rc)
		return dib_err_set(r->err, rc, NULL);
	s = r->dec.ptr;
	end = s + r->dec.len - 1;
	for (const char *p = s; p < end; p++)
		k += *p == sep;
	/* One more, empty, field: the row ended with a separator. */
	if (k == n + 1 && end > s && end[-1] == sep)
		end--, k--;
	if (k != n)
		return fail(r, DIB_EINVAL, sp->line, "有 %zu 个字段，模板规定 %zu 个",
			    k, n);
	for (size_t i = 0; i < n; i++) {
		const char *e = memchr(s, sep, (size_t)(end - s));
		if (!e)
			e = end;
		r->val[i] = s;
		r->vlen[i] = (size_t)(e - s);
		trim(&r->val[i], &r->vlen[i]);
		if (r->vlen[i] >= 2 && r->val[i][0] == '"' &&
		    r->val[i][r->vlen[i] - 1] == '"') {
			r->val[i]++;
			r->vlen[i] -= 2;
		}
		s = e + 1;
	}
	return DIB_OK;
}

static dib_code split(struct reader *r, const struct bankfile_item *items,
		      size_t n, const struct span *sp)
{
	dib_buf_reset(&r->dec);
	if (r->l->format == BANKFILE_FIXED)
		return split_fixed(r, items, n, sp);
	return split_delimited(r, n, sp);
}

/* Digits only (zero-padded is fine), at most 18 of them. */
static bool parse_uint(const char *v, size_t n, int64_t *out)
{
	int64_t x = 0;

	if (n == 0 || n > 18)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return false;
		x = x * 10 + (v[i] - '0');
	}
	*out = x;
	return true;
}

static dib_code parse_number(struct reader *r, size_t i, size_t line,
			     const char *label, bool money, int64_t *out)
{
	char q[DIB_QUOTE_MAX];
	dib_err e;

	dib_err_clear(&e);
	if (money && r->l->unit == BANKFILE_YUAN
		    ? money_parse(r->val[i], r->vlen[i], false, out, &e) == DIB_OK
		    : parse_uint(r->val[i], r->vlen[i], out))
		return DIB_OK;
	return fail(r, DIB_EINVAL, line, "的%s \"%s\" 不正确", label,
		    dib_err_quote(r->val[i], r->vlen[i], q, sizeof q));
}

static const char *dup(struct reader *r, size_t i)
{
	return dib_arena_strndup(r->a, r->val[i], r->vlen[i]);
}

/* "20250115" → "2025-01-15", "202501" → "2025-01" (compact), checked. */
static const char *iso(struct reader *r, size_t i, bool date, bool compact)
{
	char buf[16];
	const char *v = r->val[i];
	size_t n = r->vlen[i];
	dib_err e;
	dib_date d;
	dib_month m;

	if (n == 0)
		return "";
	if (compact && n == (date ? 8u : 6u)) {
		if (date)
			snprintf(buf, sizeof buf, "%.4s-%.2s-%.2s", v, v + 4, v + 6);
		else
			snprintf(buf, sizeof buf, "%.4s-%.2s", v, v + 4);
		v = buf;
		n = strlen(buf);
	}
	dib_err_clear(&e);
	if (date ? date_parse(v, n, &d, &e) : month_parse(v, n, &m, &e))
		return NULL;
	return dib_arena_strndup(r->a, v, n);
}

static const char *iso_or_fail(struct reader *r, size_t i, size_t line,
			       bool date, dib_code *rc)
{
	char q[DIB_QUOTE_MAX];
	bool compact = (date ? r->t->date_format : r->t->period_format) ==
		       BANKFILE_COMPACT;
	const char *s = iso(r, i, date, compact);

	if (!s)
		*rc = fail(r, DIB_EINVAL, line, "的%s \"%s\" 不正确",
			   date ? "文件日期" : "发放年月",
			   dib_err_quote(r->val[i], r->vlen[i], q, sizeof q));
	return s;
}

/* Checks one summary number against the rows. */
static dib_code agree(struct reader *r, size_t i, const struct span *sp,
		      const char *which, enum bankfile_field f, int64_t want)
{
	bool money = f == BANKFILE_F_TOTAL || f == BANKFILE_F_PAID_TOTAL ||
		     f == BANKFILE_F_FAILED_TOTAL;
	const char *label = bankfile__field(f)->title;
	char a[MONEY_STR], b[MONEY_STR];
	int64_t got;
	dib_code rc = parse_number(r, i, sp->line, label, money, &got);

	if (rc || got == want)
		return rc;
	if (money)
		return fail(r, DIB_EINVAL, sp->line,
			    "（%s）的%s %s 元与明细合计 %s 元不一致", which, label,
			    money_format(got, a), money_format(want, b));
	return fail(r, DIB_EINVAL, sp->line, "（%s）的%s %lld 与明细 %lld 笔不一致",
		    which, label, (long long)got, (long long)want);
}

/* Reads a header or trailer: summary numbers must agree with tot; batch
 * fields go to hdr when it is not NULL. Rows with nothing to read are
 * skipped unsplit, so a header of column titles is just passed over. */
static dib_code summary(struct reader *r, const struct bankfile_item *items,
			size_t n, const struct span *sp, const char *which,
			const struct bankfile_totals *tot,
			struct bankfile_batch *hdr)
{
	int64_t want[BANKFILE_F__COUNT] = {0};
	bool need = false;
	dib_code rc = DIB_OK;

	if (!sp->p)
		return DIB_OK;
	want[BANKFILE_F_COUNT] = (int64_t)tot->count;
	want[BANKFILE_F_TOTAL] = tot->total;
	want[BANKFILE_F_PAID_COUNT] = (int64_t)tot->paid_count;
	want[BANKFILE_F_PAID_TOTAL] = tot->paid_total;
	want[BANKFILE_F_FAILED_COUNT] = (int64_t)tot->failed_count;
	want[BANKFILE_F_FAILED_TOTAL] = tot->failed_total;
	for (size_t i = 0; i < n; i++) {
		enum bankfile_field f = items[i].field;
		need |= (f >= BANKFILE_F_COUNT && f <= BANKFILE_F_TOTAL) ||
			(f >= BANKFILE_F_PAID_COUNT && f <= BANKFILE_F_FAILED_TOTAL) ||
			(hdr && f != BANKFILE_F_TEXT && f != BANKFILE_F_TITLES);
	}
	if (!need)
		return DIB_OK;
	rc = split(r, items, n, sp);
	for (size_t i = 0; i < n && !rc; i++) {
		enum bankfile_field f = items[i].field;
		switch (f) {
		case BANKFILE_F_COUNT:
		case BANKFILE_F_TOTAL:
		case BANKFILE_F_PAID_COUNT:
		case BANKFILE_F_PAID_TOTAL:
		case BANKFILE_F_FAILED_COUNT:
		case BANKFILE_F_FAILED_TOTAL:
			rc = agree(r, i, sp, which, f, want[f]);
			break;
		case BANKFILE_F_BATCH_NO:
			if (hdr && !(hdr->batch_no = dup(r, i)))
				rc = dib_err_nomem(r->err);
			break;
		case BANKFILE_F_PAYER_ACCOUNT:
			if (hdr && !(hdr->payer_account = dup(r, i)))
				rc = dib_err_nomem(r->err);
			break;
		case BANKFILE_F_PROGRAM:
			if (hdr && !(hdr->program = dup(r, i)))
				rc = dib_err_nomem(r->err);
			break;
		case BANKFILE_F_FILE_DATE:
			if (hdr)
				hdr->file_date = iso_or_fail(r, i, sp->line, true, &rc);
			break;
		case BANKFILE_F_PERIOD:
			if (hdr)
				hdr->period = iso_or_fail(r, i, sp->line, false, &rc);
			break;
		default:
			break;
		}
	}
	return rc;
}

static dib_code reader_open(struct reader *r, const struct bankfile_template *t,
			    bool ret, dib_arena *a, dib_err *err)
{
	memset(r, 0, sizeof *r);
	r->t = t;
	r->l = ret ? &t->ret : &t->pay;
	r->file = ret ? "回盘文件" : "代发文件";
	r->a = a;
	r->err = err;
	r->conv.cd = (iconv_t)-1;
	/* A row is at most one line of the file: the whole file bounds it. */
	dib_buf_init(&r->dec, SIZE_MAX / 4);
	return bankfile__conv_open(&r->conv, r->l->encoding, false, err);
}

static dib_code reader_close(struct reader *r, dib_code rc)
{
	bankfile__conv_close(&r->conv);
	dib_buf_release(&r->dec);
	return rc;
}

static bool is_paid(const struct bankfile_template *t, const char *s)
{
	for (size_t i = 0; i < t->n_paid; i++)
		if (!strcmp(t->paid[i], s))
			return true;
	return false;
}

/* Fills row from the split fields of its line. */
static dib_code return_row(struct reader *r, const struct span *sp,
			   struct bankfile_return_row *row)
{
	const struct bankfile_layout *l = r->l;
	dib_code rc = DIB_OK;

	*row = (struct bankfile_return_row){.line = sp->line, .account = "",
					    .status = "", .reason = ""};
	for (size_t i = 0; i < l->n_columns && !rc; i++) {
		enum bankfile_field f = l->columns[i].field;
		const char *label = bankfile__field(f)->title;
		switch (f) {
		case BANKFILE_F_REFERENCE:
			rc = parse_number(r, i, sp->line, label, false, &row->reference);
			break;
		case BANKFILE_F_SEQ:
			rc = parse_number(r, i, sp->line, label, false, &row->seq);
			break;
		case BANKFILE_F_AMOUNT:
			rc = parse_number(r, i, sp->line, label, true, &row->amount_fen);
			break;
		case BANKFILE_F_ACCOUNT:
			if (!(row->account = dup(r, i)))
				rc = dib_err_nomem(r->err);
			break;
		case BANKFILE_F_STATUS:
			if (!(row->status = dup(r, i)))
				rc = dib_err_nomem(r->err);
			break;
		case BANKFILE_F_REASON:
			if (!(row->reason = dup(r, i)))
				rc = dib_err_nomem(r->err);
			break;
		default:
			break; /* read and ignored */
		}
	}
	if (!rc)
		row->paid = is_paid(r->t, row->status);
	return rc;
}

void bankfile_return_totals(const struct bankfile_return_row *rows, size_t n,
			    struct bankfile_totals *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < n; i++) {
		out->count++;
		out->total += rows[i].amount_fen;
		if (rows[i].paid) {
			out->paid_count++;
			out->paid_total += rows[i].amount_fen;
		} else {
			out->failed_count++;
			out->failed_total += rows[i].amount_fen;
		}
	}
}

dib_code bankfile_read_return(const struct bankfile_template *t,
			      const char *bytes, size_t len, dib_arena *a,
			      struct bankfile_return_row **rows, size_t *n,
			      dib_err *err)
{
	struct bankfile_return_row *out = NULL;
	struct bankfile_totals tot;
	struct reader r;
	dib_fen sum = 0;
	dib_code rc = reader_open(&r, t, true, a, err);

	if (!rc)
		rc = scan(&r, bytes, len);
	if (!rc && r.n_rows &&
	    !(out = dib_arena_alloc(a, r.n_rows * sizeof *out)))
		rc = dib_err_nomem(err);
	for (size_t i = 0; i < r.n_rows && !rc; i++) {
		rc = split(&r, t->ret.columns, t->ret.n_columns, &r.rows[i]);
		if (!rc)
			rc = return_row(&r, &r.rows[i], &out[i]);
		if (!rc && sum > INT64_MAX - out[i].amount_fen)
			rc = fail(&r, DIB_EINVAL, r.rows[i].line, "：金额合计超出范围");
		if (!rc)
			sum += out[i].amount_fen;
	}
	if (!rc) {
		bankfile_return_totals(out, r.n_rows, &tot);
		rc = summary(&r, t->ret.header, t->ret.n_header, &r.head, "表头",
			     &tot, NULL);
	}
	if (!rc)
		rc = summary(&r, t->ret.trailer, t->ret.n_trailer, &r.tail,
			     "表尾", &tot, NULL);
	if (!rc) {
		*rows = out;
		*n = r.n_rows;
	}
	return reader_close(&r, rc);
}

/* Fills line from the split fields of its row in a pay file. */
static dib_code pay_line(struct reader *r, const struct span *sp,
			 struct bankfile_line *ln)
{
	const struct bankfile_layout *l = r->l;
	dib_code rc = DIB_OK;

	*ln = (struct bankfile_line){.account = "", .account_name = "",
				     .id_number = "", .name = "", .program = "",
				     .period = "", .village_code = "",
				     .village_name = "", .memo = ""};
	for (size_t i = 0; i < l->n_columns && !rc; i++) {
		enum bankfile_field f = l->columns[i].field;
		const char *label = bankfile__field(f)->title;
		const char **s = NULL;
		switch (f) {
		case BANKFILE_F_SEQ:
			rc = parse_number(r, i, sp->line, label, false, &ln->seq);
			break;
		case BANKFILE_F_REFERENCE:
			rc = parse_number(r, i, sp->line, label, false, &ln->reference);
			break;
		case BANKFILE_F_AMOUNT:
			rc = parse_number(r, i, sp->line, label, true, &ln->amount_fen);
			break;
		case BANKFILE_F_PERIOD:
			ln->period = iso_or_fail(r, i, sp->line, false, &rc);
			break;
		case BANKFILE_F_ACCOUNT: s = &ln->account; break;
		case BANKFILE_F_ACCOUNT_NAME: s = &ln->account_name; break;
		case BANKFILE_F_ID_NUMBER: s = &ln->id_number; break;
		case BANKFILE_F_NAME: s = &ln->name; break;
		case BANKFILE_F_PROGRAM: s = &ln->program; break;
		case BANKFILE_F_VILLAGE_CODE: s = &ln->village_code; break;
		case BANKFILE_F_VILLAGE_NAME: s = &ln->village_name; break;
		case BANKFILE_F_MEMO: s = &ln->memo; break;
		default:
			break;
		}
		if (s && !(*s = dup(r, i)))
			rc = dib_err_nomem(r->err);
	}
	return rc;
}

dib_code bankfile_read_pay(const struct bankfile_template *t,
			   const char *bytes, size_t len, dib_arena *a,
			   struct bankfile_batch *hdr,
			   struct bankfile_line **lines, size_t *n,
			   dib_err *err)
{
	struct bankfile_batch b = {"", "", "", "", ""};
	struct bankfile_line *out = NULL;
	struct bankfile_totals tot = {0};
	struct reader r;
	dib_code rc = reader_open(&r, t, false, a, err);

	if (!rc)
		rc = scan(&r, bytes, len);
	if (!rc && r.n_rows &&
	    !(out = dib_arena_alloc(a, r.n_rows * sizeof *out)))
		rc = dib_err_nomem(err);
	for (size_t i = 0; i < r.n_rows && !rc; i++) {
		rc = split(&r, t->pay.columns, t->pay.n_columns, &r.rows[i]);
		if (!rc)
			rc = pay_line(&r, &r.rows[i], &out[i]);
		if (!rc && tot.total > INT64_MAX - out[i].amount_fen)
			rc = fail(&r, DIB_EINVAL, r.rows[i].line, "：金额合计超出范围");
		if (!rc) {
			tot.count++;
			tot.total += out[i].amount_fen;
		}
	}
	if (!rc)
		rc = summary(&r, t->pay.header, t->pay.n_header, &r.head, "表头",
			     &tot, &b);
	if (!rc)
		rc = summary(&r, t->pay.trailer, t->pay.n_trailer, &r.tail,
			     "表尾", &tot, &b);
	if (!rc) {
		if (hdr)
			*hdr = b;
		*lines = out;
		*n = r.n_rows;
	}
	return reader_close(&r, rc);
}
