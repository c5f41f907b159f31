/*
 * bankfile_format.c — a parsed bank file template back to its canonical
 * text: every setting, in one fixed order, defaults written out, comments
 * gone. What a county stores is then the same whichever way it was typed,
 * and parse(format(t)) gives t back (the tests hold it to that).
 *
 * Thread-safe: pure functions.
 */
#include "util/dib.h"
#include "core/bankfile_int.h"

static dib_code put_items(dib_buf *b, const char *key,
			  const struct bankfile_layout *l,
			  const struct bankfile_item *items, size_t n)
{
	dib_code rc = DIB_OK;

	for (size_t i = 0; i < n && !rc; i++) {
		const struct bankfile_item *it = &items[i];
		if (it->field == BANKFILE_F_TEXT)
			rc = dib_buf_addf(b, "%s = \"%s\"", key, it->text);
		else
			rc = dib_buf_addf(b, "%s = %s", key, bankfile__field(it->field)->key);
		if (!rc && l->format == BANKFILE_FIXED)
			rc = dib_buf_addf(b, " %u %s", it->width, bankfile__w_align[it->align]);
		if (!rc)
			rc = dib_buf_addc(b, '\n');
	}
	return rc;
}

static const char *sep_text(char c, char *buf)
{
	if (c == '\t')
		return "tab";
	if (c == ' ')
		return "space";
	buf[0] = c;
	buf[1] = '\0';
	return buf;
}

static dib_code put_layout(dib_buf *b, const struct bankfile_layout *l, bool ret)
{
	const char *pre = ret ? "return." : "";
	char sep[2];
	dib_code rc;

	rc = dib_buf_addf(b, "%sformat = %s\n%sencoding = %s\n", pre,
			  bankfile__w_format[l->format], pre, bankfile__w_encoding[l->encoding]);
	if (!rc && l->format == BANKFILE_DELIMITED)
		rc = dib_buf_addf(b, "%sseparator = %s\n", pre,
				  sep_text(l->separator, sep));
	if (!rc)
		rc = dib_buf_addf(b, "%samount = %s\n", pre, bankfile__w_unit[l->unit]);
	return rc;
}

static dib_code put_rows(dib_buf *b, const struct bankfile_layout *l, bool ret)
{
	char h[32], c[32], t[32];
	dib_code rc;

	snprintf(h, sizeof h, "%sheader", ret ? "return." : "");
	snprintf(c, sizeof c, "%scolumn", ret ? "return." : "");
	snprintf(t, sizeof t, "%strailer", ret ? "return." : "");
	rc = put_items(b, h, l, l->header, l->n_header);
	if (!rc)
		rc = put_items(b, c, l, l->columns, l->n_columns);
	if (!rc)
		rc = put_items(b, t, l, l->trailer, l->n_trailer);
	return rc;
}

dib_code bankfile_template_format(const struct bankfile_template *t,
				  dib_buf *out, dib_err *err)
{
	size_t start = out->len;
	dib_code rc;

	rc = dib_buf_addf(out, "name = %s\n", t->name);
	if (!rc && t->bank[0])
		rc = dib_buf_addf(out, "bank = %s\n", t->bank);
	if (!rc && t->note[0])
		rc = dib_buf_addf(out, "note = %s\n", t->note);
	if (!rc)
		rc = put_layout(out, &t->pay, false);
	if (!rc)
		rc = dib_buf_addf(out,
				  "line_end = %s\ndate_format = %s\n"
				  "period_format = %s\nbom = %s\n",
				  bankfile__w_eol[t->eol], bankfile__w_date[t->date_format],
				  bankfile__w_period[t->period_format], bankfile__w_bool[t->bom]);
	if (!rc && t->pay.format == BANKFILE_DELIMITED)
		rc = dib_buf_addf(out, "end_separator = %s\n",
				  bankfile__w_bool[t->end_separator]);
	if (!rc)
		rc = put_rows(out, &t->pay, false);
	if (!rc)
		rc = put_layout(out, &t->ret, true);
	if (!rc)
		rc = put_rows(out, &t->ret, true);
	if (!rc && t->n_paid) {
		rc = dib_buf_adds(out, "return.paid =");
		for (size_t i = 0; i < t->n_paid && !rc; i++)
			rc = dib_buf_addf(out, " %s", t->paid[i]);
		if (!rc)
			rc = dib_buf_addc(out, '\n');
	}
	if (rc) {
		out->len = start;
		if (out->ptr)
			out->ptr[start] = '\0';
		return dib_err_set(err, rc, NULL);
	}
	return DIB_OK;
}
