/*
 * store.c — the engine-neutral half of store.h: URL resolution, dispatch to
 * the backend vtable (store_int.h) with the checks that keep code written
 * against SQLite working on PostgreSQL (one transaction at a time, nothing
 * else on the connection while a bulk load is open), identifier blocks, and
 * the one mapping of engine failures to dib_code. The migration runner is in
 * store_migrate.c.
 *
 * Thread-safety: a struct store belongs to one thread at a time.
 */
#include "util/dib.h"
#include "store/store.h"
#include "util/vec.h"
#include "store/store_int.h"

#include <ctype.h>
#include <stdarg.h>

#define STORE_DEFAULT_URL "sqlite:dibao.db"

/* ---- URL ---- */

const char *store_url_resolve(const char *cli_url)
{
	if (cli_url && *cli_url)
		return cli_url;
	const char *env = getenv("DIBAO_DB");
	if (env && *env)
		return env;
	return STORE_DEFAULT_URL;
}

static bool has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

dib_code store_open(const char *url, struct store **out, dib_err *err)
{
	if (!url || !*url)
		return dib_err_set(err, DIB_EINVAL, "数据库地址为空");
	if (has_prefix(url, "postgresql://") || has_prefix(url, "postgres://"))
		return store__pg_open(url, out, err);
	if (has_prefix(url, "sqlite:")) {
		const char *path = url + strlen("sqlite:");
		/* "sqlite:///abs/path" is accepted as well as "sqlite:/abs/path". */
		if (has_prefix(path, "//"))
			path += 2;
		if (!*path)
			return dib_err_set(err, DIB_EINVAL,
					   "数据库地址 \"%s\" 缺少文件名", url);
		return store__sqlite_open(path, out, err);
	}
	/* Quote only the scheme: the rest of an unknown URL may hold a password. */
	size_t n = strcspn(url, ":/");
	if (n > 32)
		n = 32;
	return dib_err_set(err, DIB_EINVAL,
			   "数据库地址的类型 \"%.*s\" 无法识别，应以 sqlite: 或 "
			   "postgresql:// 开头", (int)n, url);
}

void store_close(struct store *s)
{
	if (!s)
		return;
	store_rollback(s);
	s->ops->close(s);
}

enum store_engine store_engine(const struct store *s)
{
	return s->ops->engine;
}

const char *store_engine_name(const struct store *s)
{
	return s->ops->name;
}

/* ---- failures ---- */

dib_code store__fail(dib_err *err, enum store_fail kind,
		     const char *engine_msg, const char *sql)
{
	dib_code code = DIB_EDB;
	const char *msg = "数据库操作失败";
	switch (kind) {
	case STORE_FAIL_UNIQUE:
		code = DIB_ECONFLICT;
		msg = "数据库写入失败: 与已有记录重复";
		break;
	case STORE_FAIL_FOREIGN:
		code = DIB_ECONFLICT;
		msg = "数据库写入失败: 引用的记录不存在或仍被其他记录引用";
		break;
	case STORE_FAIL_CHECK:
		code = DIB_EINVAL;
		msg = "数据库写入失败: 数据不在允许的取值范围内";
		break;
	case STORE_FAIL_NOTNULL:
		code = DIB_EINVAL;
		msg = "数据库写入失败: 缺少必填的数据";
		break;
	case STORE_FAIL_FORMAT:
		code = DIB_EINVAL;
		msg = "数据库写入失败: 数据格式不正确";
		break;
	case STORE_FAIL_ENCODING:
		code = DIB_EENCODING;
		msg = "数据库写入失败: 文字编码不正确";
		break;
	case STORE_FAIL_BUSY:
		code = DIB_EBUSY;
		msg = "数据库繁忙，请稍后再试";
		break;
	case STORE_FAIL_CONNECT:
		msg = "无法连接数据库";
		break;
	case STORE_FAIL_MISUSE:
		code = DIB_EINTERNAL;
		msg = "数据库接口使用有误";
		break;
	case STORE_FAIL_OTHER:
		break;
	}
	if (err && err->code != DIB_OK)
		return code;
	dib_err_set(err, code, "%s", msg);
	/* Engine text often ends with a newline (libpq); keep the log line tidy. */
	int elen = engine_msg ? (int)strcspn(engine_msg, "\n") : 0;
	if (sql)
		dib_err_detail(err, "%.*s [SQL: %s]", elen,
			       engine_msg ? engine_msg : "", sql);
	else
		dib_err_detail(err, "%.*s", elen, engine_msg ? engine_msg : "");
	return code;
}

/* PostgreSQL cannot store a NUL byte in text; SQLite could, so both refuse
 * it here and behave alike. */
static dib_code nul_in_text(dib_err *err)
{
	return dib_err_set(err, DIB_EENCODING,
			   "文字中含有不允许的空字符 (NUL)，无法写入数据库");
}

static dib_code misuse(dib_err *err, const char *what)
{
	dib_err_set(err, DIB_EINTERNAL, "数据库接口使用有误: %s", what);
	return DIB_EINTERNAL;
}

bool store__ident_ok(const char *name)
{
	if (!name || !*name || strlen(name) > 63)
		return false;
	if (!(islower((unsigned char)name[0]) || name[0] == '_'))
		return false;
	for (const char *p = name; *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
		      *p == '_'))
			return false;
	return true;
}

int store__max_placeholder(const char *sql)
{
	int max = 0;
	const char *p = sql;
	while (*p) {
		if (*p == '\'' || *p == '"') {
			/* Quoted text: a doubled quote stays inside. */
			char q = *p++;
			while (*p && !(p[0] == q && p[1] != q)) {
				if (p[0] == q)
					p++;
				p++;
			}
			if (*p)
				p++;
		} else if (p[0] == '-' && p[1] == '-') {
			p += strcspn(p, "\n");
		} else if (p[0] == '$' && isdigit((unsigned char)p[1]) &&
			   (p == sql || !(isalnum((unsigned char)p[-1]) ||
					   p[-1] == '_' || p[-1] == '$'))) {
			long v = 0;
			p++;
			while (isdigit((unsigned char)*p)) {
				if (v < 100000)
					v = v * 10 + (*p - '0');
				p++;
			}
			if (v > max)
				max = (int)v;
		} else {
			p++;
		}
	}
	return max;
}

/* ---- transactions ---- */

dib_code store_begin(struct store *s, dib_err *err)
{
	if (s->in_tx)
		return misuse(err, "事务已经开始");
	dib_code rc = s->ops->begin(s, err);
	if (rc)
		return rc;
	s->in_tx = true;
	return DIB_OK;
}

dib_code store_commit(struct store *s, dib_err *err)
{
	if (!s->in_tx)
		return misuse(err, "没有要提交的事务");
	if (s->bulk) {
		store_rollback(s);
		return misuse(err, "批量写入尚未结束就提交事务");
	}
	s->in_tx = false;
	return s->ops->commit(s, err);
}

void store_rollback(struct store *s)
{
	if (!s)
		return;
	if (s->bulk) {
		/* The caller still owns b and frees it with store_bulk_abort. */
		s->ops->bulk_cancel(s->bulk);
		s->bulk->engine_done = true;
		s->bulk = NULL;
	}
	if (!s->in_tx)
		return;
	s->in_tx = false;
	s->ops->rollback(s);
}

bool store_in_tx(const struct store *s)
{
	return s->in_tx;
}

dib_code store_exec(struct store *s, const char *sql, dib_err *err)
{
	if (s->bulk)
		return misuse(err, "批量写入进行中");
	return s->ops->exec(s, sql, err);
}

/* ---- statements ---- */

dib_code store_prepare(struct store *s, const char *sql,
		       struct store_stmt **out, dib_err *err)
{
	if (s->bulk)
		return misuse(err, "批量写入进行中");
	return s->ops->prepare(s, sql, out, err);
}

dib_code store_bind_text(struct store_stmt *st, int i, const char *v, int len,
			 dib_err *err)
{
	if (i < 1)
		return misuse(err, "参数编号从 1 开始");
	if (!v)
		return st->s->ops->bind_null(st, i, err);
	size_t n = len < 0 ? strlen(v) : (size_t)len;
	if (memchr(v, '\0', n))
		return nul_in_text(err);
	return st->s->ops->bind_text(st, i, v, n, err);
}

dib_code store_bind_int64(struct store_stmt *st, int i, int64_t v, dib_err *err)
{
	if (i < 1)
		return misuse(err, "参数编号从 1 开始");
	return st->s->ops->bind_int64(st, i, v, err);
}

dib_code store_bind_null(struct store_stmt *st, int i, dib_err *err)
{
	if (i < 1)
		return misuse(err, "参数编号从 1 开始");
	return st->s->ops->bind_null(st, i, err);
}

dib_code store_step(struct store_stmt *st, bool *row, dib_err *err)
{
	if (st->s->bulk)
		return misuse(err, "批量写入进行中");
	return st->s->ops->step(st, row, err);
}

const char *store_col_text(struct store_stmt *st, int col)
{
	return st->s->ops->col_text(st, col);
}

int64_t store_col_int64(struct store_stmt *st, int col)
{
	return st->s->ops->col_int64(st, col);
}

bool store_col_null(struct store_stmt *st, int col)
{
	return st->s->ops->col_null(st, col);
}

int store_col_count(struct store_stmt *st)
{
	return st->s->ops->col_count(st);
}

void store_reset(struct store_stmt *st)
{
	st->s->ops->reset(st);
}

int64_t store_changes(struct store_stmt *st)
{
	return st->s->ops->changes(st);
}

void store_finalize(struct store_stmt *st)
{
	if (st)
		st->s->ops->finalize(st);
}

dib_code store_query_int64(struct store *s, const char *sql, int nparams,
			   const char *const *params, int64_t *out,
			   bool *found, dib_err *err)
{
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, sql, &st, err);
	if (rc)
		return rc;
	for (int i = 0; i < nparams; i++) {
		rc = store_bind_text(st, i + 1, params[i], -1, err);
		if (rc)
			goto out;
	}
	bool row = false;
	rc = store_step(st, &row, err);
	if (rc)
		goto out;
	if (found)
		*found = row;
	if (row && out)
		*out = store_col_int64(st, 0);
out:
	store_finalize(st);
	return rc;
}

/* ---- identifiers ---- */

dib_code store_ids_reserve(struct store *s, const char *kind, int64_t n,
			   int64_t *first, dib_err *err)
{
	if (!s->in_tx)
		return misuse(err, "编号必须在事务内分配");
	if (n < 1)
		return misuse(err, "分配编号的数量必须为正数");
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s,
		"UPDATE id_blocks SET next_id = next_id + $2 WHERE kind = $1 "
		"RETURNING next_id - $2", &st, err);
	if (rc)
		return rc;
	bool row = false;
	if ((rc = store_bind_text(st, 1, kind, -1, err)) ||
	    (rc = store_bind_int64(st, 2, n, err)) ||
	    (rc = store_step(st, &row, err)))
		goto out;
	if (!row) {
		rc = dib_err_set(err, DIB_EINTERNAL, "编号类别 \"%s\" 不存在",
				 kind);
		goto out;
	}
	int64_t v = store_col_int64(st, 0);
	/* Step to the end so the statement is complete on every engine. */
	while (row)
		if ((rc = store_step(st, &row, err)))
			goto out;
	*first = v;
out:
	store_finalize(st);
	return rc;
}

/* ---- bulk loads ---- */

dib_code store_bulk_begin(struct store *s, const char *table,
			  const char *const *cols, int ncols,
			  struct store_bulk **out, dib_err *err)
{
	if (s->bulk)
		return misuse(err, "已有批量写入进行中");
	if (!s->in_tx)
		return misuse(err, "批量写入必须在事务内进行");
	if (ncols < 1 || !store__ident_ok(table))
		return misuse(err, "批量写入的表名或列数不正确");
	for (int i = 0; i < ncols; i++)
		if (!store__ident_ok(cols[i]))
			return misuse(err, "批量写入的列名不正确");
	struct store_bulk *b = NULL;
	dib_code rc = s->ops->bulk_begin(s, table, cols, ncols, &b, err);
	if (rc)
		return rc;
	b->s = s;
	b->ncols = ncols;
	b->engine_done = false;
	b->rows = 0;
	dib_err_clear(&b->failed);
	s->bulk = b;
	*out = b;
	return DIB_OK;
}

dib_code store_bulk_row(struct store_bulk *b, const char *const *vals,
			const size_t *lens, dib_err *err)
{
	if (b->engine_done)
		return misuse(err, "批量写入已经结束");
	if (b->failed.code)
		return dib_err_set(err, b->failed.code, "%s", b->failed.msg);
	dib_code rc = DIB_OK;
	for (int c = 0; c < b->ncols && !rc; c++)
		if (vals[c] && memchr(vals[c], '\0', lens[c]))
			rc = nul_in_text(&b->failed);
	if (!rc)
		rc = b->s->ops->bulk_row(b, vals, lens, &b->failed);
	if (rc) {
		dib_err_set(err, rc, "%s", b->failed.msg);
		dib_err_detail(err, "%s", b->failed.detail);
		return rc;
	}
	b->rows++;
	return DIB_OK;
}

static void bulk_release(struct store_bulk *b)
{
	struct store *s = b->s;
	if (!b->engine_done) {
		s->ops->bulk_cancel(b);
		b->engine_done = true;
	}
	if (s->bulk == b)
		s->bulk = NULL;
	s->ops->bulk_free(b);
}

dib_code store_bulk_end(struct store_bulk *b, int64_t *rows, dib_err *err)
{
	dib_code rc = DIB_OK;
	int64_t n = 0;
	if (b->failed.code) {
		rc = dib_err_set(err, b->failed.code, "%s", b->failed.msg);
		dib_err_detail(err, "%s", b->failed.detail);
	} else if (b->engine_done) {
		rc = misuse(err, "批量写入已被事务回滚中止");
	} else {
		b->engine_done = true;
		rc = b->s->ops->bulk_finish(b, &n, err);
	}
	bulk_release(b);
	if (!rc && rows)
		*rows = n;
	return rc;
}

void store_bulk_abort(struct store_bulk *b)
{
	if (b)
		bulk_release(b);
}

/* ---- helpers for the domain modules ---- */

char *store_url_display(const char *url, char *out, size_t cap)
{
	if (!cap)
		return out;
	size_t o = 0;
	const char *scheme = strstr(url, "://");
	const char *at = scheme ? strchr(scheme + 3, '@') : NULL;
	const char *slash = scheme ? strchr(scheme + 3, '/') : NULL;
	const char *colon = scheme ? strchr(scheme + 3, ':') : NULL;
	bool userinfo_pw = at && colon && colon < at && (!slash || at < slash);
	for (const char *p = url; *p && o + 1 < cap;) {
		if (userinfo_pw && p == colon + 1) {
			for (const char *m = "***"; *m && o + 1 < cap; m++)
				out[o++] = *m;
			p = at;
			continue;
		}
		if (!strncmp(p, "password=", 9) && (p == url || p[-1] == '?' || p[-1] == '&' || p[-1] == ' ')) {
			for (const char *m = "password=***"; *m && o + 1 < cap; m++)
				out[o++] = *m;
			p += 9;
			while (*p && *p != '&' && *p != ' ')
				p++;
			continue;
		}
		out[o++] = *p++;
	}
	out[o] = '\0';
	return out;
}
