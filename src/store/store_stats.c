/*
 * store_stats.c — the dashboard's GROUP BY over a region subtree and the
 * roles table (store_stats.h).
 *
 * Members are counted by a correlated count(*) per household (the index
 * memberships_household), not by joining memberships whole: in a province
 * database the join would read every membership to count one county's.
 * The subtree is the same range on village code and county as the
 * household list's (store_hh_search.c), for the same reasons.
 *
 * Thread-safety: as store.h.
 */
#include "util/dib.h"
#include "store/store_stats.h"
#include "store/store_int.h"

/* The 12-digit codes lo and hi bounding the subtree of code: its first d
 * (significant) digits padded with 0s and with 9s. */
static void region_range(const char *code, int d, char lo[REGION_LEN + 1],
			 char hi[REGION_LEN + 1])
{
	for (int i = 0; i < REGION_LEN; i++) {
		lo[i] = i < d ? code[i] : '0';
		hi[i] = i < d ? code[i] : '9';
	}
	lo[REGION_LEN] = hi[REGION_LEN] = '\0';
}

static dib_code read_group(struct store_stmt *st, dib_arena *a, void *out,
			   dib_err *err)
{
	(void)a;
	(void)err;
	store_stats_group *g = out;
	store__col_char(st, 0, g->prefix, sizeof g->prefix);
	g->registration = (int)store_col_int64(st, 1);
	g->households = store_col_int64(st, 2);
	g->persons = store_col_int64(st, 3);
	return DIB_OK;
}

dib_code store_stats_groups(struct store *s, const char *root, int digits,
			    dib_arena *a, store_stats_group **out, size_t *n,
			    dib_err *err)
{
	static const int sig[] = { 0, 2, 4, 6, 9, 12 }; /* by region level */
	region_code r;
	dib_err scratch;
	dib_err_clear(&scratch);
	if (!root || region_parse(root, strlen(root), &r, &scratch) ||
	    digits < 2 || digits > REGION_LEN)
		return dib_err_set(err, DIB_EINTERNAL,
				   "数据库接口使用有误: 统计区划或分组位数不正确");
	char vlo[REGION_LEN + 1], vhi[REGION_LEN + 1];
	char clo[REGION_COUNTY_LEN + 1], chi[REGION_COUNTY_LEN + 1];
	int d = sig[r.level];
	region_range(r.code, d, vlo, vhi);
	snprintf(clo, sizeof clo, "%.6s", vlo);
	snprintf(chi, sizeof chi, "%.6s", vhi);
	/* Only digits made here are pasted: digits keeps the GROUP BY
	 * expression free of parameters, and the range is visible to
	 * PostgreSQL's planner (a generic plan prices an unknown range at a
	 * few rows; see store_hh_search.c). */
	char sql[1024];
	snprintf(sql, sizeof sql,
		 "SELECT g, reg, count(*), sum(n) FROM"
		 " (SELECT substr(h.village_code, 1, %d) AS g, h.registration AS reg,"
		 "  (SELECT count(*) FROM memberships m"
		 "   WHERE m.household_id = h.id AND m.end_date IS NULL) AS n"
		 "  FROM households h WHERE h.county BETWEEN '%s' AND '%s'"
		 "  AND h.village_code BETWEEN '%s' AND '%s') x"
		 " GROUP BY g, reg ORDER BY g, reg", digits, clo, chi, vlo, vhi);
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, sql, &st, err);
	void *rows = NULL;
	size_t got = 0;
	if (!rc)
		rc = store__collect(st, sizeof(store_stats_group), read_group, a,
				    &rows, &got, err);
	store_finalize(st);
	if (rc)
		return rc;
	*out = rows;
	*n = got;
	return DIB_OK;
}

static dib_code read_role(struct store_stmt *st, dib_arena *a, void *out,
			  dib_err *err)
{
	store_stats_role *r = out;
	dib_code rc = store__col_dup(st, 0, a, &r->code, err);
	if (!rc)
		rc = store__col_dup(st, 1, a, &r->name, err);
	return rc;
}

dib_code store_stats_roles(struct store *s, dib_arena *a, store_stats_role **out,
			   size_t *n, dib_err *err)
{
	struct store_stmt *st = NULL;
	dib_code rc = store_prepare(s, "SELECT code, name FROM roles ORDER BY code",
				    &st, err);
	void *rows = NULL;
	size_t got = 0;
	if (!rc)
		rc = store__collect(st, sizeof(store_stats_role), read_role, a, &rows,
				    &got, err);
	store_finalize(st);
	if (rc)
		return rc;
	*out = rows;
	*n = got;
	return DIB_OK;
}
