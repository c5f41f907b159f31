/*
 * bankfile_scan.c — the reader under bankfile_read.c: a bank file cut into
 * rows, a row into fields, a field into a number, a date or a copy, and a
 * header or trailer checked against the rows it sums.
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
 * Thread-safe: no shared state; a reader belongs to one call.
 */
#include "util/dib.h"
#include "core/bankfile_int.h"
#include "core/date.h"

dib_code bankfile__fail(struct bankfile__reader *r, dib_code code, size_t line,
		     const char *fmt, ...)
{
	char msg[DIB_ERR_MSG_MAX - 32];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return dib_err_set(r->err, code, "%s第 %zu 行%s", r->file, line, msg);
}

static const char *enc_name(const struct bankfile__reader *r)
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
dib_code bankfile__scan(struct bankfile__reader *r, const char *bytes, size_t len)
{
	size_t lines = 1, k = 0, pos = 0, line = 0, first = 0, end;
	struct bankfile__span *sp;

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
			sp[k++] = (struct bankfile__span){bytes + pos, e, line};
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

static dib_code split_fixed(struct bankfile__reader *r, const struct bankfile_item *items,
			    size_t n, const struct bankfile__span *sp)
{
	size_t off[BANKFILE_COLUMN_MAX], width = 0, pos = 0, bad, bad_len;
	dib_code rc;

	for (size_t i = 0; i < n; i++)
		width += items[i].width;
	/* Longer only by spaces is fine; shorter: stripped trailing spaces. */
	if (sp->n > width && !blank(sp->p + width, sp->n - width))
		return bankfile__fail(r, DIB_EINVAL, sp->line,
			    "长 %zu 字节，模板规定每行 %zu 字节", sp->n, width);
	for (size_t i = 0; i < n; i++) {
		size_t a = pos < sp->n ? pos : sp->n;
		size_t b = pos + items[i].width < sp->n ? pos + items[i].width : sp->n;
		off[i] = r->dec.len;
		rc = bankfile__convert(&r->conv, sp->p + a, b - a, &r->dec, &bad,
				       &bad_len);
		if (rc == DIB_EENCODING)
			return bankfile__fail(r, rc, sp->line,
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

static dib_code split_delimited(struct bankfile__reader *r, size_t n,
				const struct bankfile__span *sp)
{
	char sep = r->l->separator;
	size_t bad, bad_len, k = 1;
	dib_code rc;
	const char *s, *end;

	rc = bankfile__convert(&r->conv, sp->p, sp->n, &r->dec, &bad, &bad_len);
	if (rc == DIB_EENCODING)
		return bankfile__fail(r, rc, sp->line, "第 %zu 字节不是有效的 %s 文字",
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
		return bankfile__fail(r, DIB_EINVAL, sp->line, "有 %zu 个字段，模板规定 %zu 个",
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

dib_code bankfile__split(struct bankfile__reader *r, const struct bankfile_item *items,
		      size_t n, const struct bankfile__span *sp)
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

dib_code bankfile__number(struct bankfile__reader *r, size_t i, size_t line,
			     const char *label, bool money, int64_t *out)
{
	char q[DIB_QUOTE_MAX];
	dib_err e;

	dib_err_clear(&e);
	if (money && r->l->unit == BANKFILE_YUAN
		    ? money_parse(r->val[i], r->vlen[i], false, out, &e) == DIB_OK
		    : parse_uint(r->val[i], r->vlen[i], out))
		return DIB_OK;
	return bankfile__fail(r, DIB_EINVAL, line, "的%s \"%s\" 不正确", label,
		    dib_err_quote(r->val[i], r->vlen[i], q, sizeof q));
}

const char *bankfile__dup(struct bankfile__reader *r, size_t i)
{
	return dib_arena_strndup(r->a, r->val[i], r->vlen[i]);
}

/* "20250115" → "2025-01-15", "202501" → "2025-01" (compact), checked. */
static const char *iso(struct bankfile__reader *r, size_t i, bool date, bool compact)
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

const char *bankfile__iso_or_fail(struct bankfile__reader *r, size_t i, size_t line,
			       bool date, dib_code *rc)
{
	char q[DIB_QUOTE_MAX];
	bool compact = (date ? r->t->date_format : r->t->period_format) ==
		       BANKFILE_COMPACT;
	const char *s = iso(r, i, date, compact);

	if (!s)
		*rc = bankfile__fail(r, DIB_EINVAL, line, "的%s \"%s\" 不正确",
			   date ? "文件日期" : "发放年月",
			   dib_err_quote(r->val[i], r->vlen[i], q, sizeof q));
	return s;
}

/* Checks one summary number against the rows. */
static dib_code agree(struct bankfile__reader *r, size_t i, const struct bankfile__span *sp,
		      const char *which, enum bankfile_field f, int64_t want)
{
	bool money = f == BANKFILE_F_TOTAL || f == BANKFILE_F_PAID_TOTAL ||
		     f == BANKFILE_F_FAILED_TOTAL;
	const char *label = bankfile__field(f)->title;
	char a[MONEY_STR], b[MONEY_STR];
	int64_t got;
	dib_code rc = bankfile__number(r, i, sp->line, label, money, &got);

	if (rc || got == want)
		return rc;
	if (money)
		return bankfile__fail(r, DIB_EINVAL, sp->line,
			    "（%s）的%s %s 元与明细合计 %s 元不一致", which, label,
			    money_format(got, a), money_format(want, b));
	return bankfile__fail(r, DIB_EINVAL, sp->line, "（%s）的%s %lld 与明细 %lld 笔不一致",
		    which, label, (long long)got, (long long)want);
}

/* Reads a header or trailer: summary numbers must agree with tot; batch
 * fields go to hdr when it is not NULL. Rows with nothing to read are
 * skipped unsplit, so a header of column titles is just passed over. */
dib_code bankfile__summary(struct bankfile__reader *r, const struct bankfile_item *items,
			size_t n, const struct bankfile__span *sp, const char *which,
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
	rc = bankfile__split(r, items, n, sp);
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
			if (hdr && !(hdr->batch_no = bankfile__dup(r, i)))
				rc = dib_err_nomem(r->err);
			break;
		case BANKFILE_F_PAYER_ACCOUNT:
			if (hdr && !(hdr->payer_account = bankfile__dup(r, i)))
				rc = dib_err_nomem(r->err);
			break;
		case BANKFILE_F_PROGRAM:
			if (hdr && !(hdr->program = bankfile__dup(r, i)))
				rc = dib_err_nomem(r->err);
			break;
		case BANKFILE_F_FILE_DATE:
			if (hdr)
				hdr->file_date = bankfile__iso_or_fail(r, i, sp->line, true, &rc);
			break;
		case BANKFILE_F_PERIOD:
			if (hdr)
				hdr->period = bankfile__iso_or_fail(r, i, sp->line, false, &rc);
			break;
		default:
			break;
		}
	}
	return rc;
}

dib_code bankfile__reader_open(struct bankfile__reader *r, const struct bankfile_template *t,
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

dib_code bankfile__reader_close(struct bankfile__reader *r, dib_code rc)
{
	bankfile__conv_close(&r->conv);
	dib_buf_release(&r->dec);
	return rc;
}
