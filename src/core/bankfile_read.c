/*
 * bankfile_read.c — reading the bank's return file (回盘文件), and a pay
 * file back, by the template: each row's fields into a return row or a
 * pay line, the sums checked against the header and trailer. The cutting
 * of rows and fields, and why it is done in that order, is bankfile_scan.c.
 *
 * Thread-safe: no shared state; each call opens its own converter.
 */
#include "util/dib.h"
#include "core/bankfile_int.h"

static bool is_paid(const struct bankfile_template *t, const char *s)
{
	for (size_t i = 0; i < t->n_paid; i++)
		if (!strcmp(t->paid[i], s))
			return true;
	return false;
}

/* Fills row from the split fields of its line. */
static dib_code return_row(struct bankfile__reader *r, const struct bankfile__span *sp,
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
			rc = bankfile__number(r, i, sp->line, label, false, &row->reference);
			break;
		case BANKFILE_F_SEQ:
			rc = bankfile__number(r, i, sp->line, label, false, &row->seq);
			break;
		case BANKFILE_F_AMOUNT:
			rc = bankfile__number(r, i, sp->line, label, true, &row->amount_fen);
			break;
		case BANKFILE_F_ACCOUNT:
			if (!(row->account = bankfile__dup(r, i)))
				rc = dib_err_nomem(r->err);
			break;
		case BANKFILE_F_STATUS:
			if (!(row->status = bankfile__dup(r, i)))
				rc = dib_err_nomem(r->err);
			break;
		case BANKFILE_F_REASON:
			if (!(row->reason = bankfile__dup(r, i)))
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
	struct bankfile__reader r;
	dib_fen sum = 0;
	dib_code rc = bankfile__reader_open(&r, t, true, a, err);

	if (!rc)
		rc = bankfile__scan(&r, bytes, len);
	if (!rc && r.n_rows &&
	    !(out = dib_arena_alloc(a, r.n_rows * sizeof *out)))
		rc = dib_err_nomem(err);
	for (size_t i = 0; i < r.n_rows && !rc; i++) {
		rc = bankfile__split(&r, t->ret.columns, t->ret.n_columns, &r.rows[i]);
		if (!rc)
			rc = return_row(&r, &r.rows[i], &out[i]);
		if (!rc && sum > INT64_MAX - out[i].amount_fen)
			rc = bankfile__fail(&r, DIB_EINVAL, r.rows[i].line, "：金额合计超出范围");
		if (!rc)
			sum += out[i].amount_fen;
	}
	if (!rc) {
		bankfile_return_totals(out, r.n_rows, &tot);
		rc = bankfile__summary(&r, t->ret.header, t->ret.n_header, &r.head, "表头",
			     &tot, NULL);
	}
	if (!rc)
		rc = bankfile__summary(&r, t->ret.trailer, t->ret.n_trailer, &r.tail,
			     "表尾", &tot, NULL);
	if (!rc) {
		*rows = out;
		*n = r.n_rows;
	}
	return bankfile__reader_close(&r, rc);
}

/* Fills line from the split fields of its row in a pay file. */
static dib_code pay_line(struct bankfile__reader *r, const struct bankfile__span *sp,
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
			rc = bankfile__number(r, i, sp->line, label, false, &ln->seq);
			break;
		case BANKFILE_F_REFERENCE:
			rc = bankfile__number(r, i, sp->line, label, false, &ln->reference);
			break;
		case BANKFILE_F_AMOUNT:
			rc = bankfile__number(r, i, sp->line, label, true, &ln->amount_fen);
			break;
		case BANKFILE_F_PERIOD:
			ln->period = bankfile__iso_or_fail(r, i, sp->line, false, &rc);
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
		if (s && !(*s = bankfile__dup(r, i)))
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
	struct bankfile__reader r;
	dib_code rc = bankfile__reader_open(&r, t, false, a, err);

	if (!rc)
		rc = bankfile__scan(&r, bytes, len);
	if (!rc && r.n_rows &&
	    !(out = dib_arena_alloc(a, r.n_rows * sizeof *out)))
		rc = dib_err_nomem(err);
	for (size_t i = 0; i < r.n_rows && !rc; i++) {
		rc = bankfile__split(&r, t->pay.columns, t->pay.n_columns, &r.rows[i]);
		if (!rc)
			rc = pay_line(&r, &r.rows[i], &out[i]);
		if (!rc && tot.total > INT64_MAX - out[i].amount_fen)
			rc = bankfile__fail(&r, DIB_EINVAL, r.rows[i].line, "：金额合计超出范围");
		if (!rc) {
			tot.count++;
			tot.total += out[i].amount_fen;
		}
	}
	if (!rc)
		rc = bankfile__summary(&r, t->pay.header, t->pay.n_header, &r.head, "表头",
			     &tot, &b);
	if (!rc)
		rc = bankfile__summary(&r, t->pay.trailer, t->pay.n_trailer, &r.tail,
			     "表尾", &tot, &b);
	if (!rc) {
		if (hdr)
			*hdr = b;
		*lines = out;
		*n = r.n_rows;
	}
	return bankfile__reader_close(&r, rc);
}
