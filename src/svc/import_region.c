/*
 * import_region.c — regions.csv: 区划代码, 名称, 上级代码, 城乡分类代码.
 *
 * Codes are validated by core/region (levels, township and village types);
 * the parent is derived from the code and, when given, must agree with it.
 * A parent must exist in the database or in the same file. Rows are written
 * in code order, which puts every parent before its children.
 * Thread-safety: one call per store connection at a time; no shared state.
 */
#include "util/dib.h"
#include "core/region.h"
#include "store/store_register.h"
#include "svc/import_int.h"

enum { R_CODE, R_NAME, R_PARENT, R_UR, R_NCOLS };

static const struct import_col cols[R_NCOLS] = {
	[R_CODE] = { { "区划代码", "统计用区划代码", "代码", "code" }, true },
	[R_NAME] = { { "名称", "区划名称", "name" }, true },
	[R_PARENT] = { { "上级代码", "上级区划代码", "parent_code", "parent" }, false },
	[R_UR] = { { "城乡分类代码", "城乡分类", "urban_rural" }, false },
};

struct reg {
	size_t row;
	region_code code;
	char parent[REGION_LEN + 1]; /* "" for a province */
	char county[REGION_COUNTY_LEN + 1];
	char ur[4];
	const char *name;
};

struct reg_state {
	dib_hmap known;  /* codes in the database → 1 */
	dib_hmap codes;  /* codes in the file → row */
	dib_vec rows;
	bool oom; /* loading the region codes ran out of memory */
};

static int load_code(void *ctx, const char *code, int level, const char *name)
{
	(void)level;
	(void)name;
	struct import_job *j = ctx;
	struct reg_state *st = j->state;
	char *k = import__dup(j, code, strlen(code));
	st->oom = !k || dib_hmap_put(&st->known, k, strlen(k), 1, NULL) == DIB_ENOMEM;
	return st->oom;
}

static dib_code reg_begin(struct import_job *j, dib_err *err)
{
	struct reg_state *st = calloc(1, sizeof *st);
	if (!st)
		return dib_err_nomem(err);
	dib_hmap_init(&st->known);
	dib_hmap_init(&st->codes);
	dib_vec_init(&st->rows, sizeof(struct reg));
	j->state = st;
	dib_code rc = store_regions_each(j->s, load_code, j, err);
	return !rc && st->oom ? dib_err_nomem(err) : rc;
}

static bool ur_valid(const char *p, size_t n)
{
	static const char *const ok[] = { "111", "112", "121", "122", "123", "210", "220" };
	for (size_t i = 0; i < DIB_ARRAY_LEN(ok); i++)
		if (n == 3 && !memcmp(p, ok[i], 3))
			return true;
	return false;
}

static dib_code reg_row(struct import_job *j, dib_err *err)
{
	struct reg_state *st = j->state;
	struct reg r = { .row = j->row };
	bool ok = true;
	const char *p;
	size_t n;
	dib_err e;

	import__field(j, R_CODE, &p, &n);
	dib_err_clear(&e);
	if (!n) {
		import__problem(j, j->row, R_CODE, p, n, "区划代码不能为空");
		ok = false;
	} else if (region_parse(p, n, &r.code, &e)) {
		import__problem(j, j->row, R_CODE, p, n, "%s", e.msg);
		ok = false;
	} else {
		region_code parent;
		if (region_parent(&r.code, &parent))
			memcpy(r.parent, parent.code, sizeof r.parent);
		region_county(&r.code, r.county);
	}

	import__field(j, R_NAME, &p, &n);
	if (!n || n > 200) {
		import__problem(j, j->row, R_NAME, p, n, n ? "名称过长" : "名称不能为空");
		ok = false;
	} else if (!(r.name = import__dup(j, p, n))) {
		return dib_err_nomem(err);
	}

	import__field(j, R_PARENT, &p, &n);
	if (n && ok) {
		region_code given;
		dib_err_clear(&e);
		if (region_parse(p, n, &given, &e)) {
			import__problem(j, j->row, R_PARENT, p, n, "%s", e.msg);
			ok = false;
		} else if (strcmp(given.code, r.parent)) {
			import__problem(j, j->row, R_PARENT, p, n,
					"上级代码 \"%.*s\" 与区划代码 \"%s\" 不一致 (应为 %s)",
					(int)n, p, r.code.code, r.parent[0] ? r.parent : "空");
			ok = false;
		}
	}

	import__field(j, R_UR, &p, &n);
	if (n && !ur_valid(p, n)) {
		import__problem(j, j->row, R_UR, p, n,
				"城乡分类代码 \"%.*s\" 不正确，可填: 111、112、121、122、123、210、220",
				(int)n, p);
		ok = false;
	} else if (n) {
		memcpy(r.ur, p, 3);
	}
	if (!ok)
		return DIB_OK;

	struct reg *slot = dib_vec_push(&st->rows);
	if (!slot)
		return dib_err_nomem(err);
	*slot = r;
	return DIB_OK;
}

static int cmp_code(const void *a, const void *b)
{
	return strcmp(((const struct reg *)a)->code.code, ((const struct reg *)b)->code.code);
}

static dib_code reg_check(struct import_job *j, dib_err *err)
{
	struct reg_state *st = j->state;
	struct reg *r = st->rows.items;
	/* Sorted by code: parents first, and the keys below stop moving. */
	qsort(r, st->rows.len, sizeof *r, cmp_code);
	for (size_t i = 0; i < st->rows.len; i++) {
		int64_t first;
		dib_code rc = dib_hmap_put(&st->codes, r[i].code.code, REGION_LEN,
					   (int64_t)r[i].row, &first);
		if (rc == DIB_ENOMEM)
			return dib_err_nomem(err);
		if (rc == DIB_ECONFLICT)
			import__problem(j, r[i].row, R_CODE, r[i].code.code, REGION_LEN,
					"区划代码 \"%s\" 在文件中重复 (与第 %lld 行相同)",
					r[i].code.code, (long long)first);
		else if (dib_hmap_get(&st->known, r[i].code.code, REGION_LEN, NULL))
			import__problem(j, r[i].row, R_CODE, r[i].code.code, REGION_LEN,
					"区划代码 \"%s\" 已存在于数据库", r[i].code.code);
	}
	for (size_t i = 0; i < st->rows.len; i++) {
		if (!r[i].parent[0] || dib_hmap_get(&st->known, r[i].parent, REGION_LEN, NULL))
			continue;
		int64_t prow;
		if (dib_hmap_get(&st->codes, r[i].parent, REGION_LEN, &prow) &&
		    !import__is_bad(j, (size_t)prow))
			continue;
		import__problem(j, r[i].row, R_CODE, r[i].code.code, REGION_LEN,
				"上级区划 \"%s\" 不存在 (数据库和本文件中都没有)", r[i].parent);
	}
	return DIB_OK;
}

static dib_code reg_write(struct import_job *j, uint64_t *written, dib_err *err)
{
	struct reg_state *st = j->state;
	const struct reg *r = st->rows.items;
	static const char *const names[] = { "code", "name", "level", "parent_code",
		"county", "urban_rural" };
	struct import_load load;
	*written = 0;
	dib_code rc = import__load_begin(j, "regions", names, (int)DIB_ARRAY_LEN(names),
					 (int64_t)st->rows.len, &load, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < st->rows.len && !rc; i++) {
		if (import__is_bad(j, r[i].row))
			continue;
		char level[4];
		const char *v[] = { r[i].code.code, r[i].name, level,
				    r[i].parent[0] ? r[i].parent : NULL, r[i].county,
				    r[i].ur[0] ? r[i].ur : NULL };
		size_t l[] = { REGION_LEN, strlen(r[i].name),
			       import__itoa(r[i].code.level, level), strlen(r[i].parent),
			       strlen(r[i].county), strlen(r[i].ur) };
		rc = store_bulk_row(load.bulk, v, l, err);
		*written += !rc;
	}
	return import__load_end(&load, rc, err);
}

static void reg_end(struct import_job *j)
{
	struct reg_state *st = j->state;
	if (!st)
		return;
	dib_hmap_release(&st->known);
	dib_hmap_release(&st->codes);
	dib_vec_release(&st->rows);
	free(st);
	j->state = NULL;
}

const struct import_ops import_region_ops = {
	.label = "区划",
	.entity = "regions",
	.cols = cols,
	.ncols = R_NCOLS,
	.begin = reg_begin,
	.row = reg_row,
	.check = reg_check,
	.write = reg_write,
	.end = reg_end,
};
