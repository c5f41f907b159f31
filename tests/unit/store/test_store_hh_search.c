/*
 * test_store_hh_search.c — the household list and search (store_hh_search)
 * and the dashboard's groups (store_stats) on both engines: SQLite always,
 * PostgreSQL when DIB_TEST_PG_URL names a throwaway database (its public
 * schema is dropped). A small register of two counties: the region
 * subtree bounds every count, page and hit; each search kind finds what
 * it should and nothing else (ended memberships, other counties); LIKE
 * meta-characters and quotes match themselves; keyset pages walk every
 * match once; the ID-tail search plan uses the expression index, also
 * after store_rebuild dropped and re-created the indexes of persons.
 * Thread-safety: single-threaded test.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "core/idcard.h"
#include "store/store.h"
#include "store/store_hh_search.h"
#include "store/store_rebuild.h"
#include "store/store_stats.h"

#include <setjmp.h>
#include <stdarg.h>
#include <unistd.h>
#include <cmocka.h>

struct fx {
	char dir[64];
	struct store *s;
	dib_arena a;
	dib_err err;
	/* the fixture's ID numbers, by person id (1-based) */
	char id[10][IDCARD_LEN + 1];
};

#define OK(expr)                                                            \
	do {                                                                \
		dib_err_clear(&fx->err);                                    \
		dib_code rc_ = (expr);                                      \
		if (rc_ != DIB_OK)                                          \
			fail_msg("%s -> %s: %s | %s", #expr,                 \
				 dib_code_name(rc_), fx->err.msg,           \
				 fx->err.detail);                           \
	} while (0)

/* ---- the fixture ---- */

static const char *const regions_sql =
	"INSERT INTO regions (code, name, level, parent_code, county) VALUES"
	" ('410000000000', '河南省', 1, NULL, ''),"
	" ('410700000000', '新乡市', 2, '410000000000', ''),"
	" ('410726000000', '延津县', 3, '410700000000', '410726'),"
	" ('410726101000', '东屯镇', 4, '410726000000', '410726'),"
	" ('410726102000', '丰庄镇', 4, '410726000000', '410726'),"
	" ('410726103000', '石婆固镇', 4, '410726000000', '410726'),"
	" ('410726101201', '李堤村', 5, '410726101000', '410726'),"
	" ('410726101202', '桑园村', 5, '410726101000', '410726'),"
	" ('410726102201', '丰庄村', 5, '410726102000', '410726'),"
	" ('410727000000', '封丘县', 3, '410700000000', '410727'),"
	" ('410727100000', '城关镇', 4, '410727000000', '410727'),"
	" ('410727100201', '城关村', 5, '410727100000', '410727')";

/* id, county, 户编号, village, address, registration */
static const struct {
	int id;
	const char *county, *hh_no, *village, *address;
	int reg;
} households[] = {
	{ 1, "410726", "H1", "410726101201", "东屯镇李堤村1号", 2 },
	{ 2, "410726", "H2", "410726101201", "李堤村100%纯净水厂旁", 2 },
	{ 3, "410726", "H3", "410726101202", "桑园村_2号", 1 },
	{ 4, "410726", "H4", "410726102201", "丰庄村O'Brien路3号", 2 },
	{ 5, "410727", "H5", "410727100201", "城关村5号", 2 },
	{ 6, "410726", "H6", "410726101202", "桑园村a\\b!号", 1 },
};

/* person id, name, the first 17 characters' parts, household, relation,
 * ended (an ended membership is history: no search may find it) */
static const struct {
	int id;
	const char *name;
	const char *area, *birth, *seq;
	int hh, relation;
	bool ended;
} persons[] = {
	{ 1, "张三", "410726", "19800115", "123", 1, 1, false },
	{ 2, "李四", "410726", "19820304", "456", 1, 10, false },
	{ 3, "王五", "410726", "19751231", NULL, 2, 1, false }, /* seq: check X */
	{ 4, "赵六", "410726", "19900101", "321", 3, 1, false },
	{ 5, "张三", "410727", NULL, "123", 5, 1, false },      /* birth: p1's tail */
	{ 6, "钱七", "410726", "19700520", "777", 4, 20, true },
	{ 7, "孙八", "410726", "19650808", "888", 4, 1, false },
};

static void make_id(char out[IDCARD_LEN + 1], const char *area, const char *birth,
		    const char *seq)
{
	snprintf(out, IDCARD_LEN + 1, "%s%s%s", area, birth, seq);
	out[17] = idcard_check_char(out);
	out[18] = '\0';
}

static void exec_row(struct fx *fx, const char *sql, const char *const *v, int n)
{
	struct store_stmt *st = NULL;
	OK(store_prepare(fx->s, sql, &st, &fx->err));
	for (int i = 0; i < n; i++)
		OK(store_bind_text(st, i + 1, v[i], -1, &fx->err));
	bool row;
	OK(store_step(st, &row, &fx->err));
	store_finalize(st);
}

static void load(struct fx *fx)
{
	OK(store_exec(fx->s, regions_sql, &fx->err));
	char a[8], b[8];
	for (size_t i = 0; i < DIB_ARRAY_LEN(households); i++) {
		snprintf(a, sizeof a, "%d", households[i].id);
		snprintf(b, sizeof b, "%d", households[i].reg);
		const char *v[] = { households[i].county, a, households[i].hh_no,
				    households[i].village, households[i].address, b };
		exec_row(fx, "INSERT INTO households (county, id, hh_no, village_code, address,"
			     " registration, created_at, updated_at) VALUES ($1, $2, $3, $4, $5,"
			     " $6, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')", v, 6);
	}
	for (size_t i = 0; i < DIB_ARRAY_LEN(persons); i++) {
		char *id = fx->id[persons[i].id];
		if (!persons[i].seq) { /* a sequence whose check character is X */
			char seq[4];
			for (int k = 100; k < 1000; k++) {
				snprintf(seq, sizeof seq, "%03d", k);
				make_id(id, persons[i].area, persons[i].birth, seq);
				if (id[17] == 'X')
					break;
			}
			assert_int_equal(id[17], 'X');
		} else if (!persons[i].birth) { /* the same last 6 as person 1 */
			char birth[9];
			for (int y = 1950; y < 2000; y++) {
				snprintf(birth, sizeof birth, "%04d0615", y);
				make_id(id, persons[i].area, birth, persons[i].seq);
				if (!strcmp(id + 12, fx->id[1] + 12))
					break;
			}
			assert_string_equal(id + 12, fx->id[1] + 12);
		} else {
			make_id(id, persons[i].area, persons[i].birth, persons[i].seq);
		}
		char pid[8], hid[8], rel[8], bd[11];
		snprintf(pid, sizeof pid, "%d", persons[i].id);
		snprintf(hid, sizeof hid, "%d", persons[i].hh);
		snprintf(rel, sizeof rel, "%d", persons[i].relation);
		snprintf(bd, sizeof bd, "%.4s-%.2s-%.2s", id + 6, id + 10, id + 12);
		const char *county = households[persons[i].hh - 1].county;
		const char *pv[] = { county, pid, id, persons[i].name, bd };
		exec_row(fx, "INSERT INTO persons (county, id, id_number, name, sex, birth_date,"
			     " created_at, updated_at) VALUES ($1, $2, $3, $4, 1, $5,"
			     " '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')", pv, 5);
		const char *mv[] = { county, pid, hid, pid, rel,
				     persons[i].ended ? "2025-06-30" : NULL };
		exec_row(fx, "INSERT INTO memberships (county, id, household_id, person_id,"
			     " relation, start_date, end_date) VALUES ($1, $2, $3, $4, $5,"
			     " '2020-01-01', $6)", mv, 6);
	}
}

static int setup(void **state)
{
	const char *pg = *state;
	struct fx *fx = calloc(1, sizeof *fx);
	assert_non_null(fx);
	dib_arena_init(&fx->a, 0, 0);
	char url[1024];
	if (pg) {
		snprintf(url, sizeof url, "%s", pg);
		OK(store_open(url, &fx->s, &fx->err));
		OK(store_exec(fx->s, "DROP SCHEMA IF EXISTS public CASCADE; "
				     "CREATE SCHEMA public", &fx->err));
	} else {
		snprintf(fx->dir, sizeof fx->dir, "/tmp/dib_hhs_XXXXXX");
		assert_non_null(mkdtemp(fx->dir));
		snprintf(url, sizeof url, "sqlite:%s/t.db", fx->dir);
		OK(store_open(url, &fx->s, &fx->err));
	}
	OK(store_migrate(fx->s, NULL, NULL, &fx->err));
	load(fx);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	store_close(fx->s);
	dib_arena_release(&fx->a);
	if (fx->dir[0]) {
		char p[128];
		static const char *const files[] = { "t.db", "t.db-wal", "t.db-shm" };
		for (size_t i = 0; i < DIB_ARRAY_LEN(files); i++) {
			snprintf(p, sizeof p, "%s/%s", fx->dir, files[i]);
			unlink(p);
		}
		rmdir(fx->dir);
	}
	free(fx);
	return 0;
}

/* The ids f finds, as "1 2 4" (one page of up to 100), checked against
 * the count. */
static const char *ids(struct fx *fx, const store_hh_filter *f)
{
	store_hh_item *items = NULL;
	size_t n = 0;
	bool more = true;
	int64_t total = -1;
	OK(store_hh_search_page(fx->s, f, 0, 100, &fx->a, &items, &n, &more, &fx->err));
	OK(store_hh_search_count(fx->s, f, &total, &fx->err));
	assert_false(more);
	assert_int_equal(total, (int64_t)n);
	static char buf[128];
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(buf);
		snprintf(buf + len, sizeof buf - len, "%s%lld", i ? " " : "",
			 (long long)items[i].id);
	}
	return buf;
}

/* ---- tests ---- */

static void test_hh_search__scope_and_registration(void **state)
{
	struct fx *fx = *state;
	const struct {
		store_hh_filter f;
		const char *want;
	} cases[] = {
		{ { .root = "410726000000" }, "1 2 3 4 6" },
		{ { .root = "410726" }, "1 2 3 4 6" },
		{ { .root = "410727000000" }, "5" },
		{ { .root = "410700000000" }, "1 2 3 4 5 6" },
		{ { .root = "410000000000" }, "1 2 3 4 5 6" },
		{ { .root = "410726101000" }, "1 2 3 6" },
		{ { .root = "410726102000" }, "4" },
		{ { .root = "410726103000" }, "" },
		{ { .root = "410726101202" }, "3 6" },
		{ { .root = "410726101201" }, "1 2" },
		{ { .root = "420000000000" }, "" },
		{ { .root = "410726000000", .registration = 1 }, "3 6" },
		{ { .root = "410726000000", .registration = 2 }, "1 2 4" },
		{ { .root = "410726101000", .registration = 2 }, "1 2" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		const char *got = ids(fx, &cases[i].f);
		if (strcmp(got, cases[i].want))
			fail_msg("case %zu (%s): got [%s], want [%s]", i, cases[i].f.root, got,
				 cases[i].want);
	}
}

static void test_hh_search__kinds(void **state)
{
	struct fx *fx = *state;
	char t6[7], t5[6], t4[5], x4[5], other5[6];
	snprintf(t6, sizeof t6, "%s", fx->id[1] + 12);
	snprintf(t5, sizeof t5, "%s", fx->id[1] + 13);
	snprintf(t4, sizeof t4, "%s", fx->id[1] + 14);
	snprintf(x4, sizeof x4, "%s", fx->id[3] + 14); /* ends in X */
	snprintf(other5, sizeof other5, "%s", fx->id[7] + 13);
	const char *county = "410726000000", *city = "410700000000";
	const struct {
		const char *root;
		enum store_hh_kind kind;
		const char *text;
		const char *want;
	} cases[] = {
		{ county, STORE_HH_ID, fx->id[1], "1" },
		{ county, STORE_HH_ID, fx->id[2], "1" },   /* any active member */
		{ county, STORE_HH_ID, fx->id[6], "" },    /* ended: history only */
		{ county, STORE_HH_ID, fx->id[5], "" },    /* another county */
		{ city, STORE_HH_ID, fx->id[5], "5" },
		{ county, STORE_HH_TAIL, t6, "1" },        /* person 5 shares it: outside */
		{ city, STORE_HH_TAIL, t6, "1 5" },
		{ county, STORE_HH_TAIL, t5, "1" },
		{ county, STORE_HH_TAIL, t4, "1" },
		{ city, STORE_HH_TAIL, t4, "1 5" },
		{ county, STORE_HH_TAIL, x4, "2" },
		{ county, STORE_HH_TAIL, other5, "4" },
		{ county, STORE_HH_TAIL, fx->id[6] + 14, "" }, /* ended */
		{ "410726101000", STORE_HH_TAIL, other5, "" },  /* another township */
		{ county, STORE_HH_EXACT, "张三", "1" },
		{ city, STORE_HH_EXACT, "张三", "1 5" },
		{ county, STORE_HH_EXACT, "李四", "1" },
		{ county, STORE_HH_EXACT, "钱七", "" },    /* ended */
		{ county, STORE_HH_EXACT, "H3", "3" },
		{ county, STORE_HH_EXACT, "H5", "" },
		{ county, STORE_HH_EXACT, "张", "" },      /* names match exactly */
		{ county, STORE_HH_ADDRESS, "李堤村", "1 2" },
		{ county, STORE_HH_ADDRESS, "%", "2" },    /* LIKE meta-characters */
		{ county, STORE_HH_ADDRESS, "100%纯", "2" },
		{ county, STORE_HH_ADDRESS, "_", "3" },
		{ county, STORE_HH_ADDRESS, "O'Brien", "4" },
		{ county, STORE_HH_ADDRESS, "'", "4" },
		{ county, STORE_HH_ADDRESS, "\\", "6" },
		{ county, STORE_HH_ADDRESS, "a\\b", "6" },
		{ county, STORE_HH_ADDRESS, "!", "6" },    /* the escape character */
		{ county, STORE_HH_ADDRESS, "b!号", "6" },
		{ county, STORE_HH_ADDRESS, "!%", "" },
		{ county, STORE_HH_ADDRESS, "x' OR '1'='1", "" },
		{ county, STORE_HH_ADDRESS, "城关村", "" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		store_hh_filter f = { .root = cases[i].root, .kind = cases[i].kind,
				      .text = cases[i].text };
		const char *got = ids(fx, &f);
		if (strcmp(got, cases[i].want))
			fail_msg("case %zu (kind %d, \"%s\"): got [%s], want [%s]", i,
				 (int)cases[i].kind, cases[i].text, got, cases[i].want);
	}
}

static void test_hh_search__items(void **state)
{
	struct fx *fx = *state;
	store_hh_filter f = { .root = "410726000000" };
	store_hh_item *items = NULL;
	size_t n = 0;
	OK(store_hh_search_page(fx->s, &f, 0, 10, &fx->a, &items, &n, NULL, &fx->err));
	assert_int_equal(n, 5);
	const store_hh_item *h = &items[0];
	assert_int_equal(h->id, 1);
	assert_string_equal(h->hh_no, "H1");
	assert_string_equal(h->county, "410726");
	assert_string_equal(h->village_code, "410726101201");
	assert_string_equal(h->village_name, "李堤村");
	assert_string_equal(h->township_name, "东屯镇");
	assert_string_equal(h->address, "东屯镇李堤村1号");
	assert_int_equal(h->registration, 2);
	assert_string_equal(h->head_name, "张三");
	assert_string_equal(h->head_id_number, fx->id[1]);
	assert_int_equal(h->members, 2);
	h = &items[3]; /* H4: the ended member is not counted */
	assert_int_equal(h->id, 4);
	assert_int_equal(h->members, 1);
	assert_string_equal(h->head_name, "孙八");
	h = &items[4]; /* H6: nobody */
	assert_int_equal(h->id, 6);
	assert_null(h->head_name);
	assert_null(h->head_id_number);
	assert_int_equal(h->members, 0);
}

static void test_hh_search__paging(void **state)
{
	struct fx *fx = *state;
	store_hh_filter f = { .root = "410700000000" };
	char walked[64] = "";
	int64_t after = 0;
	int pages = 0;
	bool more = true;
	while (more) {
		store_hh_item *items = NULL;
		size_t n = 0;
		OK(store_hh_search_page(fx->s, &f, after, 2, &fx->a, &items, &n, &more,
					&fx->err));
		assert_true(n > 0 && n <= 2);
		for (size_t i = 0; i < n; i++) {
			size_t len = strlen(walked);
			snprintf(walked + len, sizeof walked - len, "%s%lld", *walked ? " " : "",
				 (long long)items[i].id);
		}
		after = items[n - 1].id;
		assert_true(++pages <= 3);
	}
	assert_string_equal(walked, "1 2 3 4 5 6");
	assert_int_equal(pages, 3);
	/* a cursor moves the start only: the filter still holds */
	f.root = "410726102000";
	store_hh_item *items = NULL;
	size_t n = 0;
	OK(store_hh_search_page(fx->s, &f, 4, 10, &fx->a, &items, &n, &more, &fx->err));
	assert_int_equal(n, 0);
	assert_false(more);
	OK(store_hh_search_page(fx->s, &f, 3, 10, &fx->a, &items, &n, &more, &fx->err));
	assert_int_equal(n, 1);
	assert_int_equal(items[0].id, 4);
}

static void test_hh_search__misuse(void **state)
{
	struct fx *fx = *state;
	int64_t total;
	store_hh_item *items = NULL;
	size_t n = 0;
	const store_hh_filter bad[] = {
		{ .root = NULL },
		{ .root = "4107261" },
		{ .root = "410726", .registration = 3 },
		{ .root = "410726", .kind = STORE_HH_ID, .text = "12345" },
		{ .root = "410726", .kind = STORE_HH_TAIL, .text = "12X4" },
		{ .root = "410726", .kind = STORE_HH_TAIL, .text = "123" },
		{ .root = "410726", .kind = STORE_HH_EXACT, .text = "" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(bad); i++) {
		dib_err_clear(&fx->err);
		assert_int_equal(store_hh_search_count(fx->s, &bad[i], &total, &fx->err),
				 DIB_EINTERNAL);
	}
	store_hh_filter f = { .root = "410726" };
	dib_err_clear(&fx->err);
	assert_int_equal(store_hh_search_page(fx->s, &f, 0, 0, &fx->a, &items, &n, NULL,
					      &fx->err), DIB_EINTERNAL);
	dib_err_clear(&fx->err);
	assert_int_equal(store_hh_search_page(fx->s, &f, 0, STORE_HH_PAGE_MAX + 1, &fx->a,
					      &items, &n, NULL, &fx->err), DIB_EINTERNAL);
}

/* The plan of a tail search names the expression index. */
static void expect_tail_plan(struct fx *fx, const char *tail)
{
	store_hh_filter f = { .root = "410726000000", .kind = STORE_HH_TAIL, .text = tail };
	const char *plan = NULL;
	OK(store_hh_search_explain(fx->s, &f, &fx->a, &plan, &fx->err));
	if (getenv("DIB_TEST_SHOW_PLAN"))
		printf("-- %s plan, tail %s:\n%s\n", store_engine_name(fx->s), tail, plan);
	if (!strstr(plan, "persons_id_tail"))
		fail_msg("tail %s: the plan does not use persons_id_tail", tail);
}

/* 20 000 more persons, active members of one household of the other
 * county, and fresh statistics: on a table of seven rows either planner
 * may rightly read everything, so the plan is asked of a table where the
 * index matters. Their last 6 characters are 000001…020000. */
static void add_filler(struct fx *fx)
{
	OK(store_exec(fx->s,
		"INSERT INTO households (county, id, hh_no, village_code, address,"
		" registration, created_at, updated_at) VALUES ('410727', 9, 'H9',"
		" '410727100201', '城关村9号', 2, '2026-01-01T00:00:00Z',"
		" '2026-01-01T00:00:00Z');"
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)"
		" INSERT INTO persons (county, id, id_number, name, sex, birth_date, created_at,"
		" updated_at) SELECT '410727', 100 + i,"
		" '410727' || CAST(100000000000 + i AS TEXT), '某', 1, '1990-01-01',"
		" '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n;"
		"INSERT INTO memberships (county, id, household_id, person_id, relation,"
		" start_date) SELECT '410727', id, 9, id, 20, '2020-01-01' FROM persons"
		" WHERE id >= 100;"
		"ANALYZE", &fx->err));
}

static void test_hh_search__tail_uses_index(void **state)
{
	struct fx *fx = *state;
	add_filler(fx);
	expect_tail_plan(fx, fx->id[1] + 12);
	expect_tail_plan(fx, fx->id[1] + 13);
	expect_tail_plan(fx, fx->id[1] + 14);
	store_hh_filter f = { .root = "410700000000", .kind = STORE_HH_TAIL, .text = "12345" };
	assert_string_equal(ids(fx, &f), "9"); /* person 100 + 12345 */
	/* a large import drops and re-creates the indexes of persons */
	struct store_rebuild *rb = NULL;
	OK(store_begin(fx->s, &fx->err));
	OK(store_rebuild_begin(fx->s, "persons", &rb, &fx->err));
	OK(store_rebuild_end(rb, &fx->err));
	OK(store_commit(fx->s, &fx->err));
	OK(store_exec(fx->s, "ANALYZE", &fx->err));
	expect_tail_plan(fx, fx->id[1] + 14);
	f = (store_hh_filter){ .root = "410726000000", .kind = STORE_HH_TAIL,
			       .text = fx->id[1] + 14 };
	assert_string_equal(ids(fx, &f), "1");
}

static void test_stats__groups(void **state)
{
	struct fx *fx = *state;
	store_stats_group *g = NULL;
	size_t n = 0;
	OK(store_stats_groups(fx->s, "410726000000", 9, &fx->a, &g, &n, &fx->err));
	char got[256] = "";
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(got);
		snprintf(got + len, sizeof got - len, "%s%s/%d:%lld,%lld", i ? " " : "",
			 g[i].prefix, g[i].registration, (long long)g[i].households,
			 (long long)g[i].persons);
	}
	/* H3, H6 urban (1 active member); H1, H2 rural (3); H4 rural (1: one ended) */
	assert_string_equal(got, "410726101/1:2,1 410726101/2:2,3 410726102/2:1,1");
	OK(store_stats_groups(fx->s, "410700000000", 6, &fx->a, &g, &n, &fx->err));
	assert_int_equal(n, 3);
	assert_string_equal(g[2].prefix, "410727");
	assert_int_equal(g[2].households, 1);
	assert_int_equal(g[2].persons, 1);
	OK(store_stats_groups(fx->s, "410726103000", 12, &fx->a, &g, &n, &fx->err));
	assert_int_equal(n, 0);
	dib_err_clear(&fx->err);
	assert_int_equal(store_stats_groups(fx->s, "410726", 1, &fx->a, &g, &n, &fx->err),
			 DIB_EINTERNAL);
}

static void test_stats__roles(void **state)
{
	struct fx *fx = *state;
	store_stats_role *r = NULL;
	size_t n = 0;
	OK(store_stats_roles(fx->s, &fx->a, &r, &n, &fx->err));
	assert_int_equal(n, 9);
	assert_string_equal(r[0].code, "auditor");
	assert_string_equal(r[0].name, "审计员");
}

#define T(f, eng) cmocka_unit_test_prestate_setup_teardown(f, setup, teardown, (void *)(eng))
#define TESTS(eng) {                                     \
	T(test_hh_search__scope_and_registration, eng), \
	T(test_hh_search__kinds, eng),                  \
	T(test_hh_search__items, eng),                  \
	T(test_hh_search__paging, eng),                 \
	T(test_hh_search__misuse, eng),                 \
	T(test_hh_search__tail_uses_index, eng),        \
	T(test_stats__groups, eng),                     \
	T(test_stats__roles, eng),                      \
}

int main(void)
{
	int failed = 0;
	const struct CMUnitTest lite[] = TESTS(NULL);
	failed += cmocka_run_group_tests_name("household search: sqlite", lite, NULL, NULL);
	const char *pg = getenv("DIB_TEST_PG_URL");
	if (pg && *pg) {
		const struct CMUnitTest pgt[] = TESTS(pg);
		failed += cmocka_run_group_tests_name("household search: postgresql", pgt, NULL,
						      NULL);
	} else {
		printf("household search: postgresql skipped (DIB_TEST_PG_URL not set)\n");
	}
	return failed;
}
