/*
 * store_hh_search.c — the household list and search (store_hh_search.h):
 * one WHERE built from fixed fragments, digits and bound values, shared by
 * the count, the page and the plan, so all three always mean the same
 * filter.
 *
 * The subtree is a range on the 12-digit village code (a prefix of the
 * root's significant digits, padded with 0s and with 9s), plus the same
 * range on the 6-digit county so that a database partitioned by county
 * (design.md) touches only the root's partitions. A range and not LIKE
 * 'prefix%': SQLite uses an index for LIKE only under case_sensitive_like,
 * PostgreSQL only in the C collation; BETWEEN on equal-length digit strings
 * is indexable and orders alike everywhere.
 *
 * Pages are keyset: the filtered ids come first in a subquery (ORDER BY id
 * LIMIT n+1), and only those rows are joined with their regions, head and
 * member count, so a page costs the same on page 1 and page 1000.
 *
 * Thread-safety: as store.h.
 */
#include "util/dib.h"
#include "util/buf.h"
#include "store/store_hh_search.h"
#include "store/store_int.h"
#include "core/region.h"

#include <inttypes.h>

/* up to 32 tail keys, or one text */
enum { HH_MAXP = 34, HH_TAIL_KEYS = 32 };

/* The WHERE under construction: SQL from fixed fragments and digits, and
 * the values for its $1…$n. */
struct hh_where {
	char sql[2048];
	const char *val[HH_MAXP];
	int n;
	char clo[REGION_COUNTY_LEN + 1], chi[REGION_COUNTY_LEN + 1];
	char vlo[REGION_LEN + 1], vhi[REGION_LEN + 1];
	char reg[4];
	char keys[HH_TAIL_KEYS][8];
	char *like; /* heap: the escaped LIKE pattern; freed by hh_where_free */
};

static void hh_where_free(struct hh_where *w)
{
	free(w->like);
	w->like = NULL;
}

/* Appends fixed text to the WHERE. */
static void put(struct hh_where *w, const char *s)
{
	size_t len = strlen(w->sql);
	snprintf(w->sql + len, sizeof w->sql - len, "%s", s);
}

/* Appends "$k" for the value v. */
static void param(struct hh_where *w, const char *v)
{
	size_t len = strlen(w->sql);
	w->val[w->n++] = v;
	snprintf(w->sql + len, sizeof w->sql - len, "$%d", w->n);
}

/* Appends "$k" for the last value again. */
static void param_again(struct hh_where *w)
{
	size_t len = strlen(w->sql);
	snprintf(w->sql + len, sizeof w->sql - len, "$%d", w->n);
}

/* An active member's household, for the person conditions that follow. */
#define MEMBER_OF \
	"SELECT m.household_id FROM persons p JOIN memberships m" \
	" ON m.person_id = p.id AND m.end_date IS NULL WHERE "

static bool tail_ok(const char *t)
{
	size_t n = strlen(t);
	if (n < 4 || n > 6)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(t[i] >= '0' && t[i] <= '9') && !(i == n - 1 && t[i] == 'X'))
			return false;
	return true;
}

/* The 6-character keys of persons_id_tail that a 4–6 character tail can
 * be the end of: the tail itself; '0'–'3' before a 5-character one (the
 * first digit of the birth day); 00–31 before a 4-character one. */
static int tail_keys(struct hh_where *w, const char *t)
{
	size_t n = strlen(t);
	int k = 0;
	if (n == 6)
		snprintf(w->keys[k++], sizeof w->keys[0], "%s", t);
	else if (n == 5)
		for (int d = 0; d <= 3; d++)
			snprintf(w->keys[k++], sizeof w->keys[0], "%d%s", d, t);
	else
		for (int d = 0; d <= 31; d++)
			snprintf(w->keys[k++], sizeof w->keys[0], "%02d%s", d, t);
	return k;
}

/* The LIKE escape character. Not the backslash: in a string literal it is
 * plain only while PostgreSQL's standard_conforming_strings is on. */
#define LIKE_ESC '!'

/* '%' + text with % _ and the escape character escaped + '%'. */
static char *like_pattern(const char *t)
{
	size_t n = strlen(t);
	char *p = malloc(2 * n + 3);
	if (!p)
		return NULL;
	size_t j = 0;
	p[j++] = '%';
	for (size_t i = 0; i < n; i++) {
		if (t[i] == LIKE_ESC || t[i] == '%' || t[i] == '_')
			p[j++] = LIKE_ESC;
		p[j++] = t[i];
	}
	p[j++] = '%';
	p[j] = '\0';
	return p;
}

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

static dib_code bad_filter(dib_err *err, const char *what)
{
	return dib_err_set(err, DIB_EINTERNAL, "数据库接口使用有误: 家庭查询条件%s", what);
}

/* Builds the WHERE (without the word) for f. */
static dib_code hh_where_build(const store_hh_filter *f, struct hh_where *w,
			       dib_err *err)
{
	static const int digits[] = { 0, 2, 4, 6, 9, 12 }; /* by region level */
	memset(w, 0, sizeof *w);
	region_code root;
	dib_err scratch;
	dib_err_clear(&scratch);
	if (!f->root || region_parse(f->root, strlen(f->root), &root, &scratch))
		return bad_filter(err, "缺少有效的区划");
	int d = digits[root.level];
	region_range(root.code, d, w->vlo, w->vhi);
	snprintf(w->clo, sizeof w->clo, "%.6s", w->vlo);
	snprintf(w->chi, sizeof w->chi, "%.6s", w->vhi);
	/* The scope and the registration are literals, not parameters: they
	 * are digits this function made, and PostgreSQL must see them when it
	 * plans. A statement run five times gets a generic plan, which prices
	 * an unknown range at a few rows: a county's search then reads the
	 * county's every household instead of three index lookups. */
	char scope[128];
	snprintf(scope, sizeof scope, "h.county BETWEEN '%s' AND '%s'"
		 " AND h.village_code BETWEEN '%s' AND '%s'", w->clo, w->chi, w->vlo, w->vhi);
	put(w, scope);
	if (f->registration) {
		if (f->registration != 1 && f->registration != 2)
			return bad_filter(err, "户籍类别不正确");
		snprintf(w->reg, sizeof w->reg, "%d", f->registration);
		put(w, " AND h.registration = ");
		put(w, w->reg);
	}

	const char *t = f->text;
	if (f->kind != STORE_HH_ALL && (!t || !*t))
		return bad_filter(err, "缺少查询内容");
	switch (f->kind) {
	case STORE_HH_ALL:
		break;
	case STORE_HH_ID:
		if (strlen(t) != 18)
			return bad_filter(err, "身份证号长度不正确");
		put(w, " AND h.id IN (" MEMBER_OF "p.id_number = ");
		param(w, t);
		put(w, ")");
		break;
	case STORE_HH_TAIL: {
		if (!tail_ok(t))
			return bad_filter(err, "身份证号尾号不正确");
		int k = tail_keys(w, t);
		/* the very expression of the index, or neither engine uses it */
		put(w, " AND h.id IN (" MEMBER_OF "substr(p.id_number, 13, 6) IN (");
		for (int i = 0; i < k; i++) {
			if (i)
				put(w, ", ");
			param(w, w->keys[i]);
		}
		put(w, "))");
		break;
	}
	case STORE_HH_EXACT:
		/* a union of two index lookups, not an OR the planner scans for */
		put(w, " AND h.id IN (SELECT x.id FROM households x WHERE x.hh_no = ");
		param(w, t);
		put(w, " UNION " MEMBER_OF "p.name = ");
		param_again(w);
		put(w, ")");
		break;
	case STORE_HH_ADDRESS:
		if (!(w->like = like_pattern(t)))
			return dib_err_nomem(err);
		put(w, " AND h.address LIKE ");
		param(w, w->like);
		put(w, " ESCAPE '!'");
		break;
	default:
		return bad_filter(err, "类型不正确");
	}
	if (strlen(w->sql) + 1 >= sizeof w->sql)
		return bad_filter(err, "过长");
	return DIB_OK;
}

static dib_code bind_where(struct store_stmt *st, const struct hh_where *w,
			   dib_err *err)
{
	dib_code rc = DIB_OK;
	for (int i = 0; !rc && i < w->n; i++)
		rc = store_bind_text(st, i + 1, w->val[i], -1, err);
	return rc;
}

dib_code store_hh_search_count(struct store *s, const store_hh_filter *f,
			       int64_t *total, dib_err *err)
{
	struct hh_where w;
	dib_code rc = hh_where_build(f, &w, err);
	if (rc)
		goto out;
	char sql[2200];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM households h WHERE %s", w.sql);
	struct store_stmt *st = NULL;
	if ((rc = store_prepare(s, sql, &st, err)))
		goto out;
	bool row = false;
	if (!(rc = bind_where(st, &w, err)) && !(rc = store_step(st, &row, err)))
		*total = row ? store_col_int64(st, 0) : 0;
	store_finalize(st);
out:
	hh_where_free(&w);
	return rc;
}

/* The page query for a WHERE, limit rows after $n+1 (the after id). The
 * head is read by subqueries, not a join: a household with two active
 * heads (which no writer should make) still gives one row. */
static void page_sql(const struct hh_where *w, int limit, char *out, size_t cap)
{
	snprintf(out, cap,
		 "SELECT h.id, h.hh_no, h.county, h.village_code, v.name, t.name,"
		 " h.address, h.registration,"
		 " (SELECT p.name FROM memberships m JOIN persons p ON p.id = m.person_id"
		 "  WHERE m.household_id = h.id AND m.end_date IS NULL AND m.relation = 1"
		 "  ORDER BY m.id LIMIT 1),"
		 " (SELECT p.id_number FROM memberships m JOIN persons p ON p.id = m.person_id"
		 "  WHERE m.household_id = h.id AND m.end_date IS NULL AND m.relation = 1"
		 "  ORDER BY m.id LIMIT 1),"
		 " (SELECT count(*) FROM memberships m"
		 "  WHERE m.household_id = h.id AND m.end_date IS NULL)"
		 " FROM (SELECT h.id FROM households h WHERE %s AND h.id > $%d"
		 "  ORDER BY h.id LIMIT %d) pg"
		 " JOIN households h ON h.id = pg.id"
		 " LEFT JOIN regions v ON v.code = h.village_code"
		 " LEFT JOIN regions t ON t.code = v.parent_code"
		 " ORDER BY h.id",
		 w->sql, w->n + 1, limit);
}

static dib_code read_item(struct store_stmt *st, dib_arena *a, store_hh_item *it,
			  dib_err *err)
{
	memset(it, 0, sizeof *it);
	it->id = store_col_int64(st, 0);
	it->registration = (int)store_col_int64(st, 7);
	it->members = store_col_int64(st, 10);
	const struct {
		int col;
		const char **to;
	} text[] = {
		{ 1, &it->hh_no }, { 2, &it->county }, { 3, &it->village_code },
		{ 4, &it->village_name }, { 5, &it->township_name },
		{ 6, &it->address }, { 8, &it->head_name },
		{ 9, &it->head_id_number },
	};
	dib_code rc = DIB_OK;
	for (size_t i = 0; !rc && i < DIB_ARRAY_LEN(text); i++)
		rc = store__col_dup(st, text[i].col, a, text[i].to, err);
	return rc;
}

dib_code store_hh_search_page(struct store *s, const store_hh_filter *f,
			      int64_t after_id, int limit, dib_arena *a,
			      store_hh_item **items, size_t *n, bool *more,
			      dib_err *err)
{
	if (limit < 1 || limit > STORE_HH_PAGE_MAX)
		return dib_err_set(err, DIB_EINTERNAL,
				   "数据库接口使用有误: 家庭查询条数 %d 超出范围", limit);
	struct hh_where w;
	struct store_stmt *st = NULL;
	store_hh_item *out = NULL;
	size_t got = 0;
	bool row = false, extra = false;
	dib_code rc = hh_where_build(f, &w, err);
	if (rc)
		goto out;
	char sql[4096];
	/* one row past the page says whether there is a next one */
	page_sql(&w, limit + 1, sql, sizeof sql);
	if ((rc = store_prepare(s, sql, &st, err)) ||
	    (rc = bind_where(st, &w, err)) ||
	    (rc = store_bind_int64(st, w.n + 1, after_id, err)))
		goto out;
	if (!(out = dib_arena_calloc(a, sizeof *out * (size_t)limit))) {
		rc = dib_err_nomem(err);
		goto out;
	}
	while (!(rc = store_step(st, &row, err)) && row) {
		if (got == (size_t)limit) {
			extra = true;
			continue; /* drain the statement */
		}
		if ((rc = read_item(st, a, &out[got], err)))
			break;
		got++;
	}
	if (rc)
		goto out;
	*items = got ? out : NULL;
	*n = got;
	if (more)
		*more = extra;
out:
	store_finalize(st);
	hh_where_free(&w);
	return rc;
}

dib_code store_hh_search_explain(struct store *s, const store_hh_filter *f,
				 dib_arena *a, const char **plan, dib_err *err)
{
	struct hh_where w;
	struct store_stmt *st = NULL;
	dib_buf b;
	dib_buf_init(&b, 1u << 20);
	dib_code rc = hh_where_build(f, &w, err);
	if (rc)
		goto out;
	bool pg = store_engine(s) == STORE_PG;
	char sql[4200];
	int off = snprintf(sql, sizeof sql, "%s", pg ? "EXPLAIN " : "EXPLAIN QUERY PLAN ");
	page_sql(&w, 51, sql + off, sizeof sql - (size_t)off);
	if ((rc = store_prepare(s, sql, &st, err)) ||
	    (rc = bind_where(st, &w, err)) ||
	    (rc = store_bind_int64(st, w.n + 1, 0, err)))
		goto out;
	bool row = false;
	/* SQLite: id, parent, notused, detail; PostgreSQL: one text column */
	int col = pg ? 0 : 3;
	while (!(rc = store_step(st, &row, err)) && row) {
		const char *line = store_col_text(st, col);
		if ((b.len && dib_buf_add(&b, "\n", 1)) || dib_buf_adds(&b, line ? line : "")) {
			rc = dib_err_nomem(err);
			break;
		}
	}
	if (rc)
		goto out;
	if (!(*plan = dib_arena_strndup(a, b.len ? dib_buf_str(&b) : "", b.len)))
		rc = dib_err_nomem(err);
out:
	dib_buf_release(&b);
	store_finalize(st);
	hh_where_free(&w);
	return rc;
}
