/*
 * store_rows.c — the helpers of store_int.h the domain modules (store_case.c,
 * store_staff.c, …) read and write rows with: binding a list of values,
 * copying columns into an arena, collecting rows, re-reporting an error
 * about a subject. Engine-neutral: they only call the store.h API.
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#include "util/dib.h"
#include "util/vec.h"
#include "store/store.h"
#include "store/store_int.h"

#include <stdarg.h>

dib_code store__error_about(dib_err *err, const dib_err *from,
			    const char *fmt, ...)
{
	char subject[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(subject, sizeof subject, fmt, ap);
	va_end(ap);
	dib_err_set(err, from->code, "%s: %s", subject, from->msg);
	if (from->detail[0])
		dib_err_detail(err, "%s", from->detail);
	return from->code;
}

/* store__bind over a va_list. */
static dib_code vbind(struct store_stmt *st, dib_err *err, const char *fmt, va_list ap)
{
	dib_code rc = DIB_OK;
	for (int i = 0; !rc && fmt[i]; i++) {
		if (fmt[i] == 't' || fmt[i] == 'T') {
			const char *v = va_arg(ap, const char *);
			bool null = !v || (fmt[i] == 't' && !v[0]);
			rc = null ? store_bind_null(st, i + 1, err)
				  : store_bind_text(st, i + 1, v, -1, err);
		} else if (fmt[i] == 'i' || fmt[i] == 'n') {
			int64_t v = va_arg(ap, int64_t);
			rc = fmt[i] == 'n' && !v ? store_bind_null(st, i + 1, err)
						 : store_bind_int64(st, i + 1, v, err);
		} else {
			rc = dib_err_set(err, DIB_EINTERNAL, "内部错误：绑定格式 '%c' 未知", fmt[i]);
		}
	}
	return rc;
}

dib_code store__bind(struct store_stmt *st, dib_err *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	dib_code rc = vbind(st, err, fmt, ap);
	va_end(ap);
	return rc;
}

dib_code store__run(struct store_stmt *st, dib_err *err)
{
	bool row;
	return store_step(st, &row, err);
}

dib_code store__write(struct store *s, int64_t *changes, dib_err *err, const char *sql,
		      const char *fmt, ...)
{
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, sql, &st, err);
	if (!rc) {
		va_list ap;
		va_start(ap, fmt);
		rc = vbind(st, err, fmt, ap);
		va_end(ap);
	}
	if (!rc)
		rc = store__run(st, err);
	if (!rc && changes)
		*changes = store_changes(st);
	store_finalize(st);
	return rc;
}

dib_code store__select(struct store *s, const char *sql, size_t size, store__read_fn fn,
		       dib_arena *a, void **out, size_t *n, dib_err *err, const char *fmt, ...)
{
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, sql, &st, err);
	if (!rc) {
		va_list ap;
		va_start(ap, fmt);
		rc = vbind(st, err, fmt, ap);
		va_end(ap);
	}
	if (!rc)
		rc = store__collect(st, size, fn, a, out, n, err);
	store_finalize(st);
	return rc;
}

dib_code store__col_dup(struct store_stmt *st, int col, dib_arena *a,
			const char **out, dib_err *err)
{
	const char *v = store_col_text(st, col);
	if (!v) {
		*out = NULL;
		return DIB_OK;
	}
	char *copy = dib_arena_strdup(a, v);
	if (!copy)
		return dib_err_nomem(err);
	*out = copy;
	return DIB_OK;
}

void store__col_char(struct store_stmt *st, int col, char *out, size_t cap)
{
	const char *v = store_col_text(st, col);
	size_t n = v ? strlen(v) : 0;
	while (n && v[n - 1] == ' ')
		n--;
	if (n >= cap)
		n = cap - 1;
	if (n)
		memcpy(out, v, n);
	out[n] = '\0';
}

dib_code store__collect(struct store_stmt *st, size_t size, store__read_fn fn,
			dib_arena *a, void **out, size_t *n, dib_err *err)
{
	/* Rows gather in a heap vector first: the count is not known up front
	 * and an arena cannot grow an allocation in place. */
	dib_vec v;
	dib_vec_init(&v, size);
	bool row = false;
	dib_code rc;
	while (!(rc = store_step(st, &row, err)) && row) {
		void *e = dib_vec_push(&v);
		if (!e) {
			rc = dib_err_nomem(err);
			break;
		}
		rc = fn(st, a, e, err);
		if (rc)
			break;
	}
	void *res = NULL;
	if (!rc && v.len && !(res = dib_vec_copy_to(&v, a)))
		rc = dib_err_nomem(err);
	if (!rc) {
		*out = res;
		*n = v.len;
	}
	dib_vec_release(&v);
	return rc;
}

dib_code store__select_one(struct store *s, const char *sql, store__read_fn fn,
			   dib_arena *a, void *out, bool *found, dib_err *err, const char *fmt,
			   ...)
{
	struct store_stmt *st = NULL;
	*found = false;
	dib_code rc = store_prepare(s, sql, &st, err);
	if (!rc) {
		va_list ap;
		va_start(ap, fmt);
		rc = vbind(st, err, fmt, ap);
		va_end(ap);
	}
	bool row = false;
	if (!rc)
		rc = store_step(st, &row, err);
	if (!rc && row)
		rc = fn(st, a, out, err);
	store_finalize(st);
	*found = !rc && row;
	return rc;
}
