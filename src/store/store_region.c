/*
 * store_region.c — SQL for the regions table (store_region.h).
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#include "util/dib.h"
#include "store/store_region.h"
#include "store/store_int.h"

static const char *const region_cols[] = {
	"code", "name", "level", "parent_code", "county", "urban_rural",
};
#define REGION_NCOLS 6

static bool twelve_digits(const char *c)
{
	for (int i = 0; i < REGION_LEN; i++)
		if (c[i] < '0' || c[i] > '9')
			return false;
	return c[REGION_LEN] == '\0';
}

/* The checks both insert paths make before writing. */
static dib_code check_region(const store_region *r, dib_err *err)
{
	if (!twelve_digits(r->code))
		return dib_err_set(err, DIB_EINVAL,
				   "区划代码 \"%.16s\" 应为 12 位数字", r->code);
	if (r->level < REGION_PROVINCE || r->level > REGION_VILLAGE)
		return dib_err_set(err, DIB_EINVAL,
				   "区划 \"%s\" 的级别 %d 不正确", r->code,
				   (int)r->level);
	if (!r->name || !*r->name)
		return dib_err_set(err, DIB_EINVAL, "区划 \"%s\" 缺少名称",
				   r->code);
	return DIB_OK;
}

/* The row as bulk-load values: county from the code, "" as NULL for the
 * optional columns. level_buf holds the level's text. */
static void region_values(const store_region *r, char *county,
			  char *level_buf, const char **vals, size_t *lens)
{
	if (r->level >= REGION_COUNTY)
		memcpy(county, r->code, REGION_COUNTY_LEN);
	county[r->level >= REGION_COUNTY ? REGION_COUNTY_LEN : 0] = '\0';
	level_buf[0] = (char)('0' + r->level);
	level_buf[1] = '\0';
	vals[0] = r->code;
	vals[1] = r->name;
	vals[2] = level_buf;
	vals[3] = r->parent_code[0] ? r->parent_code : NULL;
	vals[4] = county;
	vals[5] = r->urban_rural[0] ? r->urban_rural : NULL;
	for (int i = 0; i < REGION_NCOLS; i++)
		lens[i] = vals[i] ? strlen(vals[i]) : 0;
}

dib_code store_region_insert(struct store *s, const store_region *r,
			     dib_err *err)
{
	dib_code rc = check_region(r, err);
	if (rc)
		return rc;
	const char *vals[REGION_NCOLS];
	size_t lens[REGION_NCOLS];
	char county[REGION_COUNTY_LEN + 1], level[2];
	region_values(r, county, level, vals, lens);

	struct store_stmt *st = NULL;
	dib_err e;
	dib_err_clear(&e);
	rc = store_prepare(s, "INSERT INTO regions (code, name, level, "
			      "parent_code, county, urban_rural) "
			      "VALUES ($1, $2, $3, $4, $5, $6)", &st, &e);
	for (int i = 0; !rc && i < REGION_NCOLS; i++)
		rc = store_bind_text(st, i + 1, vals[i], (int)lens[i], &e);
	bool row;
	if (!rc)
		rc = store_step(st, &row, &e);
	store_finalize(st);
	if (rc)
		return store__error_about(err, &e, "区划 \"%s\"",
					  r->code);
	return DIB_OK;
}

dib_code store_region_bulk_insert(struct store *s, const store_region *rows,
				  size_t n, dib_err *err)
{
	dib_code rc;
	for (size_t i = 0; i < n; i++)
		if ((rc = check_region(&rows[i], err)))
			return rc;
	struct store_bulk *b = NULL;
	rc = store_bulk_begin(s, "regions", region_cols, REGION_NCOLS, &b, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < n && !rc; i++) {
		const char *vals[REGION_NCOLS];
		size_t lens[REGION_NCOLS];
		char county[REGION_COUNTY_LEN + 1], level[2];
		region_values(&rows[i], county, level, vals, lens);
		dib_err e;
		dib_err_clear(&e);
		rc = store_bulk_row(b, vals, lens, &e);
		if (rc)
			store__error_about(err, &e, "区划 \"%s\"",
					   rows[i].code);
	}
	if (rc) {
		store_bulk_abort(b);
		return rc;
	}
	return store_bulk_end(b, NULL, err);
}

dib_code store_region_exists(struct store *s, const char *const *codes,
			     size_t n, bool *exists, size_t *missing,
			     dib_err *err)
{
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, "SELECT 1 FROM regions WHERE code = $1",
				    &st, err);
	if (rc)
		return rc;
	size_t miss = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		bool row = false;
		store_reset(st);
		rc = store_bind_text(st, 1, codes[i], -1, err);
		if (!rc)
			rc = store_step(st, &row, err);
		exists[i] = row;
		if (!row)
			miss++;
	}
	store_finalize(st);
	if (!rc && missing)
		*missing = miss;
	return rc;
}

#define REGION_SELECT \
	"SELECT code, name, level, parent_code, county, urban_rural " \
	"FROM regions "

/* The current row into out; the name in a. */
static dib_code read_region(struct store_stmt *st, dib_arena *a,
			    store_region *out, dib_err *err)
{
	store_region r;
	store__col_char(st, 0, r.code, sizeof r.code);
	dib_code rc = store__col_dup(st, 1, a, &r.name, err);
	if (rc)
		return rc;
	r.level = (enum region_level)store_col_int64(st, 2);
	store__col_char(st, 3, r.parent_code, sizeof r.parent_code);
	store__col_char(st, 4, r.county, sizeof r.county);
	store__col_char(st, 5, r.urban_rural, sizeof r.urban_rural);
	*out = r;
	return DIB_OK;
}

dib_code store_region_get(struct store *s, const char *code, dib_arena *a,
			  store_region *out, dib_err *err)
{
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, REGION_SELECT "WHERE code = $1", &st,
				    err);
	if (rc)
		return rc;
	bool row = false;
	if (!(rc = store_bind_text(st, 1, code, -1, err)) &&
	    !(rc = store_step(st, &row, err))) {
		if (row)
			rc = read_region(st, a, out, err);
		else
			rc = dib_err_set(err, DIB_ENOTFOUND,
					 "区划代码 \"%.16s\" 不存在", code);
	}
	store_finalize(st);
	return rc;
}

static dib_code read_region_any(struct store_stmt *st, dib_arena *a, void *out,
				dib_err *err)
{
	return read_region(st, a, out, err);
}

dib_code store_region_children(struct store *s, const char *parent_code,
			       dib_arena *a, store_region **out, size_t *n,
			       dib_err *err)
{
	bool top = !parent_code || !*parent_code;
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, top ?
		REGION_SELECT "WHERE parent_code IS NULL ORDER BY code" :
		REGION_SELECT "WHERE parent_code = $1 ORDER BY code", &st, err);
	if (rc)
		return rc;
	if (!top)
		rc = store_bind_text(st, 1, parent_code, -1, err);
	void *rows = NULL;
	if (!rc)
		rc = store__collect(st, sizeof(store_region), read_region_any, a, &rows, n, err);
	store_finalize(st);
	if (!rc)
		*out = rows;
	return rc;
}
