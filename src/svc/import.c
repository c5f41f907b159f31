/*
 * import.c — the import driver: header mapping, the validate → check →
 * write pipeline, problem reporting, the bad-rows file and the audit record.
 * The three kinds of file plug in through struct import_ops (import_int.h).
 * Thread-safety: one import per store connection.
 */
#include "util/dib.h"
#include "util/buf.h"
#include "core/codes.h"
#include "store/store_audit.h"
#include "store/store_register.h"
#include "svc/import_int.h"

#include <errno.h>
#include <jansson.h>
#include <unistd.h>

bool import_kind_parse(const char *s, enum import_kind *out)
{
	static const struct { const char *name; enum import_kind kind; } kinds[] = {
		{ "regions", IMPORT_REGIONS },
		{ "households", IMPORT_HOUSEHOLDS },
		{ "members", IMPORT_MEMBERS },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(kinds); i++) {
		if (!strcmp(s, kinds[i].name)) {
			*out = kinds[i].kind;
			return true;
		}
	}
	return false;
}

/* ---- helpers shared with the kinds ---- */

void import__field(const struct import_job *j, int col, const char **p, size_t *n)
{
	int k = j->map[col];
	if (k < 0 || (size_t)k >= j->nf) {
		*p = "";
		*n = 0;
		return;
	}
	*p = j->f[k].ptr;
	*n = j->f[k].len;
	codes_trim(p, n);
}

static void mark_bad(struct import_job *j, size_t row)
{
	if (row >= j->bad_cap) {
		size_t cap = j->bad_cap ? j->bad_cap : 4096;
		while (cap <= row)
			cap *= 2;
		uint8_t *b = realloc(j->bad, cap / 8);
		if (!b) {
			j->fatal = DIB_ENOMEM; /* a bad row must never pass as good */
			return;
		}
		memset(b + j->bad_cap / 8, 0, (cap - j->bad_cap) / 8);
		j->bad = b;
		j->bad_cap = cap;
	}
	j->bad[row / 8] |= (uint8_t)(1u << (row % 8));
}

bool import__is_bad(const struct import_job *j, size_t row)
{
	return row < j->bad_cap && (j->bad[row / 8] & (1u << (row % 8)));
}

void import__problem(struct import_job *j, size_t row, int col, const char *value,
		     size_t vlen, const char *fmt, ...)
{
	char reason[DIB_ERR_MSG_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	if (!import__is_bad(j, row)) {
		j->res->rejected++;
		mark_bad(j, row);
		struct import_reason *r = dib_vec_push(&j->reasons);
		if (!r || !(r->text = dib_arena_strdup(&j->arena, reason)))
			j->fatal = DIB_ENOMEM;
		else
			r->row = row;
	}
	if (!j->o->on_problem)
		return;
	char val[512];
	if (value) {
		size_t n = vlen < sizeof val - 1 ? vlen : sizeof val - 1;
		memcpy(val, value, n);
		val[n] = '\0';
	}
	struct import_problem p = {
		.row = row,
		.column = col >= 0 ? (j->header[col] ? j->header[col] : j->ops->cols[col].names[0]) : NULL,
		.value = value ? val : NULL,
		.reason = reason,
	};
	j->o->on_problem(j->o->problem_ctx, &p);
}

char *import__dup(struct import_job *j, const char *p, size_t n)
{
	return dib_arena_strndup(&j->arena, p, n);
}

dib_code import__load_begin(struct import_job *j, const char *table,
			    const char *const *cols, int ncols, int64_t rows,
			    struct import_load *l, dib_err *err)
{
	l->bulk = NULL;
	l->rebuild = NULL;
	dib_code rc = DIB_OK;
	if (rows >= IMPORT_REBUILD_MIN) {
		bool empty = false;
		rc = store_table_empty(j->s, table, &empty, err);
		if (!rc && empty)
			rc = store_rebuild_begin(j->s, table, &l->rebuild, err);
	}
	if (!rc)
		rc = store_bulk_begin(j->s, table, cols, ncols, &l->bulk, err);
	if (rc) {
		store_rebuild_abort(l->rebuild);
		l->rebuild = NULL;
	}
	return rc;
}

dib_code import__load_end(struct import_load *l, dib_code rc, dib_err *err)
{
	if (rc) {
		store_bulk_abort(l->bulk);
		store_rebuild_abort(l->rebuild);
		return rc;
	}
	int64_t n;
	rc = store_bulk_end(l->bulk, &n, err);
	if (rc) {
		store_rebuild_abort(l->rebuild);
		return rc;
	}
	return l->rebuild ? store_rebuild_end(l->rebuild, err) : DIB_OK;
}

size_t import__chars(const char *p, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)p[i] & 0xC0) != 0x80;
	return k;
}

size_t import__itoa(int64_t v, char *buf)
{
	char tmp[24];
	size_t n = 0;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	size_t len = 0;
	if (v < 0)
		buf[len++] = '-';
	while (n)
		buf[len++] = tmp[--n];
	buf[len] = '\0';
	return len;
}

/* ---- header ---- */

/* Header text normalised for matching: no spaces, ASCII lower case,
 * full-width parentheses as ASCII. */
static void header_norm(const char *p, size_t n, char *out, size_t cap)
{
	size_t o = 0;
	for (size_t i = 0; i < n && o + 1 < cap;) {
		unsigned char c = (unsigned char)p[i];
		if (c == ' ' || c == '\t' || c == '_') {
			i++;
		} else if (i + 2 < n && c == 0xEF && (unsigned char)p[i + 1] == 0xBC &&
			   ((unsigned char)p[i + 2] == 0x88 || (unsigned char)p[i + 2] == 0x89)) {
			out[o++] = (unsigned char)p[i + 2] == 0x88 ? '(' : ')';
			i += 3;
		} else if (i + 2 < n && c == 0xE3 && (unsigned char)p[i + 1] == 0x80 &&
			   (unsigned char)p[i + 2] == 0x80) {
			i += 3;
		} else {
			out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			i++;
		}
	}
	out[o] = '\0';
}

static dib_code map_header(struct import_job *j, dib_err *err)
{
	const struct import_ops *ops = j->ops;
	for (int c = 0; c < ops->ncols; c++) {
		j->map[c] = -1;
		j->header[c] = NULL;
	}
	for (size_t k = 0; k < j->nf; k++) {
		char h[128];
		header_norm(j->f[k].ptr, j->f[k].len, h, sizeof h);
		for (int c = 0; c < ops->ncols; c++) {
			for (int a = 0; a < IMPORT_MAX_NAMES && ops->cols[c].names[a]; a++) {
				char want[128];
				header_norm(ops->cols[c].names[a], strlen(ops->cols[c].names[a]),
					    want, sizeof want);
				if (strcmp(h, want))
					continue;
				if (j->map[c] == (int)k)
					break; /* two spellings of one name */
				if (j->map[c] >= 0)
					return dib_err_set(err, DIB_EINVAL,
							   "第 1 行: 列 \"%s\" 出现了两次",
							   ops->cols[c].names[0]);
				j->map[c] = (int)k;
				j->header[c] = import__dup(j, j->f[k].ptr, j->f[k].len);
				if (!j->header[c])
					return dib_err_nomem(err);
			}
		}
	}
	dib_buf missing;
	dib_buf_init(&missing, 1024);
	for (int c = 0; c < ops->ncols; c++) {
		if (ops->cols[c].required && j->map[c] < 0) {
			if (dib_buf_addf(&missing, "%s%s", missing.len ? "、" : "",
					 ops->cols[c].names[0])) {
				dib_buf_release(&missing);
				return dib_err_nomem(err);
			}
		}
	}
	dib_code rc = DIB_OK;
	if (missing.len)
		rc = dib_err_set(err, DIB_EINVAL, "第 1 行: %s文件缺少必需的列: %s",
				 ops->label, dib_buf_str(&missing));
	dib_buf_release(&missing);
	return rc;
}

static bool row_blank(const dib_csv_field *f, size_t nf)
{
	for (size_t i = 0; i < nf; i++) {
		const char *p = f[i].ptr;
		size_t n = f[i].len;
		codes_trim(&p, &n);
		if (n)
			return false;
	}
	return true;
}

/* ---- the bad-rows file ---- */

static int cmp_reason(const void *a, const void *b)
{
	size_t x = ((const struct import_reason *)a)->row;
	size_t y = ((const struct import_reason *)b)->row;
	return x < y ? -1 : x > y;
}

/* Rereads the input and copies the header and every rejected row, in UTF-8,
 * to o->bad_path with two more columns, 错误原因 (the first problem found)
 * and 原行号 (through a temporary file renamed at the end). */
static dib_code write_bad_rows(struct import_job *j, dib_err *err)
{
	const char *path = j->o->bad_path;
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	dib_csv *r = NULL;
	dib_code rc = dib_csv_open(j->o->path, 0, &r, err);
	if (rc)
		return rc;
	FILE *out = fopen(tmp, "w");
	if (!out) {
		dib_csv_close(r);
		return dib_err_set(err, DIB_EIO, "无法写入错误行文件 \"%s\": %s", path,
				   strerror(errno));
	}
	fputs("\xEF\xBB\xBF", out); /* BOM: Excel then opens the Chinese text correctly */
	struct import_reason *why = j->reasons.items;
	qsort(why, j->reasons.len, sizeof *why, cmp_reason);
	size_t next = 0;
	for (;;) {
		const dib_csv_field *f;
		size_t nf;
		bool eof;
		rc = dib_csv_read(r, &f, &nf, &eof, err);
		if (rc || eof)
			break;
		size_t row = dib_csv_record_no(r);
		if (row != 1 && !import__is_bad(j, row))
			continue;
		for (size_t i = 0; i < nf && !rc; i++) {
			if (i && fputc(',', out) == EOF)
				rc = DIB_EIO;
			if (!rc)
				rc = dib_csv_put_field(out, f[i].ptr, f[i].len);
		}
		const char *text = row == 1 ? "错误原因" : "";
		while (next < j->reasons.len && why[next].row < row)
			next++;
		if (row != 1 && next < j->reasons.len && why[next].row == row)
			text = why[next].text;
		if (!rc && fputc(',', out) == EOF)
			rc = DIB_EIO;
		if (!rc)
			rc = dib_csv_put_field(out, text, strlen(text));
		if (!rc && fprintf(out, row == 1 ? ",原行号\n" : ",%zu\n", row) < 0)
			rc = DIB_EIO;
		if (rc) {
			dib_err_set(err, rc, "无法写入错误行文件 \"%s\"", path);
			break;
		}
	}
	if (fclose(out) != 0 && !rc)
		rc = dib_err_set(err, DIB_EIO, "无法写入错误行文件 \"%s\"", path);
	dib_csv_close(r);
	if (!rc && rename(tmp, path) != 0)
		rc = dib_err_set(err, DIB_EIO, "无法写入错误行文件 \"%s\": %s", path,
				 strerror(errno));
	if (rc)
		unlink(tmp);
	return rc;
}

/* ---- the pipeline ---- */

static const struct import_ops *ops_for(enum import_kind k)
{
	switch (k) {
	case IMPORT_REGIONS:
		return &import_region_ops;
	case IMPORT_HOUSEHOLDS:
		return &import_household_ops;
	case IMPORT_MEMBERS:
		return &import_member_ops;
	}
	return NULL;
}

/* Streams the file through the kind's row validator. */
static dib_code read_rows(struct import_job *j, dib_csv *r, dib_err *err)
{
	const dib_csv_field *f;
	size_t nf;
	bool eof;
	dib_code rc = dib_csv_read(r, &f, &nf, &eof, err);
	if (rc)
		return rc;
	if (eof)
		return dib_err_set(err, DIB_EINVAL, "文件 \"%s\" 是空的，没有可导入的数据",
				   j->o->path);
	j->f = f;
	j->nf = nf;
	rc = map_header(j, err);
	size_t ncols = nf;
	if (!rc && j->ops->begin)
		rc = j->ops->begin(j, err);
	uint64_t n = 0;
	while (!rc) {
		rc = dib_csv_read(r, &f, &nf, &eof, err);
		if (rc || eof)
			break;
		if (row_blank(f, nf))
			continue;
		j->res->rows++;
		j->row = dib_csv_record_no(r);
		j->f = f;
		j->nf = nf;
		if (nf != ncols) {
			import__problem(j, j->row, -1, NULL, 0, "列数应为 %zu，实际为 %zu",
					ncols, nf);
			continue;
		}
		rc = j->ops->row(j, err);
		if (j->o->progress && (++n & 4095) == 0)
			dib_progress_update(j->o->progress, dib_csv_bytes_read(r));
	}
	if (!rc && j->o->progress)
		dib_progress_update(j->o->progress, dib_csv_bytes_read(r));
	return rc;
}

static dib_code write_all(struct import_job *j, dib_err *err)
{
	dib_code rc = store_begin(j->s, err);
	if (rc)
		return rc;
	uint64_t written = 0;
	rc = j->ops->write(j, &written, err);
	if (!rc) {
		json_t *o = json_pack("{s:s?, s:s, s:I, s:I, s:I}", "file", j->o->path,
				      "encoding", j->res->encoding,
				      "rows", (json_int_t)j->res->rows,
				      "imported", (json_int_t)written,
				      "rejected", (json_int_t)j->res->rejected);
		char *after = o ? json_dumps(o, JSON_COMPACT) : NULL;
		json_decref(o);
		if (!after) {
			store_rollback(j->s);
			return dib_err_nomem(err);
		}
		store_audit_entry a = {
			.county = "",
			.actor = j->o->actor,
			.action = "import",
			.entity = j->ops->entity,
			.entity_id = NULL,
			.before_json = NULL,
			.after_json = after,
			.reason = NULL,
		};
		rc = store_audit_append(j->s, &a, NULL, err);
		free(after);
	}
	if (!rc)
		rc = store_commit(j->s, err);
	if (rc) {
		store_rollback(j->s);
		return rc;
	}
	j->res->imported = written;
	return DIB_OK;
}

dib_code import_run(struct store *s, const struct import_opts *o,
		    struct import_result *res, dib_err *err)
{
	memset(res, 0, sizeof *res);
	res->encoding = "";
	struct import_job j = { .s = s, .o = o, .res = res, .ops = ops_for(o->kind) };
	if (!j.ops)
		return dib_err_set(err, DIB_EINVAL, "未知的导入类型");
	dib_arena_init(&j.arena, 1 << 20, 0);
	dib_vec_init(&j.reasons, sizeof(struct import_reason));
	dib_time_now_utc(j.now, sizeof j.now);
	date_format(o->today, j.today);

	int64_t t0 = dib_time_mono_ms();
	dib_csv *r = NULL;
	dib_code rc = dib_csv_open(o->path, 0, &r, err);
	if (!rc) {
		res->encoding = dib_csv_encoding_name(r);
		if (o->progress) {
			o->progress->total = dib_csv_bytes_total(r);
			o->progress->bytes = true;
		}
		/* Rows are 60 bytes or more: sizing maps for that spares the
		 * rehashing of a growing map without over-reserving much. */
		j.est_rows = (size_t)(dib_csv_bytes_total(r) / 64);
		rc = read_rows(&j, r, err);
		dib_csv_close(r);
	}
	int64_t t1 = dib_time_mono_ms();
	if (!rc && j.fatal)
		rc = dib_err_set(err, j.fatal, NULL);
	if (!rc && j.ops->check)
		rc = j.ops->check(&j, err);
	if (!rc && j.fatal)
		rc = dib_err_set(err, j.fatal, NULL);
	int64_t t2 = dib_time_mono_ms();
	if (!rc && res->rejected && !o->skip_bad)
		rc = dib_err_set(err, DIB_EINVAL, "%llu 行有错误，未导入任何数据",
				 (unsigned long long)res->rejected);
	/* The bad rows are saved before the write: once the data is committed
	 * the command must not fail, or a clerk would import it again. */
	if (!rc && o->skip_bad && o->bad_path && res->rejected)
		rc = write_bad_rows(&j, err);
	if (!rc)
		rc = write_all(&j, err);
	res->read_ms = t1 - t0;
	res->check_ms = t2 - t1;
	res->write_ms = dib_time_mono_ms() - t2;
	if (j.ops->end)
		j.ops->end(&j);
	free(j.bad);
	dib_vec_release(&j.reasons);
	dib_arena_release(&j.arena);
	return rc;
}
