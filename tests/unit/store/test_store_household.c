/*
 * test_store_household.c — store_household.h on both engines: SQLite (a
 * fresh temp file per test) always, PostgreSQL when DIB_TEST_PG_URL names a
 * throwaway database (its public schema is dropped before each test).
 * Covers the household row with its region names, persons, the two
 * unique rules the database backs (one active membership per person, one
 * active head per household) and the 户编号 per county, ending
 * memberships, the page's lists, the per-county 户编号 sequence, text
 * stored literally, and the history query over the audit log.
 * Single-threaded.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_household.h"
#include "store/store_region.h"

#include <setjmp.h>
#include <stdarg.h>
#include <unistd.h>
#include <cmocka.h>

#define FX_TMPDIR "/tmp/dib_sthh_XXXXXX"
#include "fixture_register.h"

static int64_t count(struct fx *fx, const char *sql)
{
	int64_t n = -1;
	bool found = false;
	OK(store_query_int64(fx->s, sql, 0, NULL, &n, &found, &fx->err));
	return n;
}

static store_household hh(const char *no, const char *village, const char *address)
{
	store_household h;
	memset(&h, 0, sizeof h);
	snprintf(h.county, sizeof h.county, "%.6s", village);
	h.hh_no = no;
	snprintf(h.village_code, sizeof h.village_code, "%s", village);
	h.address = address;
	h.registration = 2;
	return h;
}

static store_person person(const char *idno, const char *name, const char *birth, int sex)
{
	store_person p;
	memset(&p, 0, sizeof p);
	snprintf(p.county, sizeof p.county, "410726");
	snprintf(p.id_number, sizeof p.id_number, "%s", idno);
	p.name = name;
	p.sex = sex;
	snprintf(p.birth_date, sizeof p.birth_date, "%s", birth);
	p.health = 1;
	p.labour = 1;
	return p;
}

static store_membership ms(int64_t hid, int64_t pid, int relation, const char *start)
{
	store_membership m;
	memset(&m, 0, sizeof m);
	snprintf(m.county, sizeof m.county, "410726");
	m.household_id = hid;
	m.person_id = pid;
	m.relation = relation;
	snprintf(m.start_date, sizeof m.start_date, "%s", start);
	return m;
}

/* ---- households ---- */

static void test_store_household__insert_get_update(void **state)
{
	struct fx *fx = *state;
	/* SQL meta-characters and quotes are data, never SQL */
	const char *evil = "'; DROP TABLE households; -- \"x\" \\ %_";
	store_household h = hh("H001", "410726101201", evil);
	h.bank_name = "中国农业银行";
	h.bank_account = "6228480402564890018";
	int64_t id = 0;
	OK(store_begin(fx->s, &fx->err));
	OK(store_household_insert(fx->s, &h, &id, &fx->err));
	OK(store_commit(fx->s, &fx->err));
	assert_true(id > 0);

	store_household g;
	OK(store_household_get(fx->s, id, &fx->a, &g, &fx->err));
	assert_int_equal(g.id, id);
	assert_string_equal(g.hh_no, "H001");
	assert_string_equal(g.county, "410726");
	assert_string_equal(g.address, evil);
	assert_string_equal(g.village_code, "410726101201");
	assert_string_equal(g.village_name, "王庄村");
	assert_string_equal(g.township_code, "410726101000");
	assert_string_equal(g.township_name, "东屯镇");
	assert_int_equal(g.registration, 2);
	assert_string_equal(g.bank_name, "中国农业银行");
	assert_null(g.phone);
	assert_null(g.account_name);
	assert_int_equal(strlen(g.created_at), 20);
	assert_int_equal(count(fx, "SELECT count(*) FROM households"), 1);

	int64_t found_id = 0;
	bool found = false;
	OK(store_household_find_no(fx->s, "410726", "H001", &found_id, &found, &fx->err));
	assert_true(found);
	assert_int_equal(found_id, id);
	OK(store_household_find_no(fx->s, "410727", "H001", &found_id, &found, &fx->err));
	assert_false(found);

	/* the same 户编号 in the same county is refused; in another it is fine */
	OK(store_begin(fx->s, &fx->err));
	int64_t id2 = 0;
	store_household dup = hh("H001", "410726101001", "x");
	FAILS(DIB_ECONFLICT, "户编号 \"H001\" 已存在",
	      store_household_insert(fx->s, &dup, &id2, &fx->err));
	store_rollback(fx->s);
	OK(store_begin(fx->s, &fx->err));
	store_household other = hh("H001", "410727100201", "y");
	OK(store_household_insert(fx->s, &other, &id2, &fx->err));
	OK(store_commit(fx->s, &fx->err));

	/* update writes every field; NULL clears */
	g.address = "东屯社区3号";
	snprintf(g.village_code, sizeof g.village_code, "410726101001");
	g.bank_name = NULL;
	g.phone = "0373-1234567";
	g.registration = 1;
	OK(store_begin(fx->s, &fx->err));
	OK(store_household_update(fx->s, &g, &fx->err));
	OK(store_commit(fx->s, &fx->err));
	store_household u;
	OK(store_household_get(fx->s, id, &fx->a, &u, &fx->err));
	assert_string_equal(u.address, "东屯社区3号");
	assert_string_equal(u.village_name, "东屯社区");
	assert_null(u.bank_name);
	assert_string_equal(u.phone, "0373-1234567");
	assert_int_equal(u.registration, 1);
	assert_string_equal(u.created_at, g.created_at);

	g.id = 999;
	OK(store_begin(fx->s, &fx->err));
	FAILS(DIB_ENOTFOUND, "不存在", store_household_update(fx->s, &g, &fx->err));
	store_rollback(fx->s);
	FAILS(DIB_ENOTFOUND, "户 (ID 999) 不存在",
	      store_household_get(fx->s, 999, &fx->a, &u, &fx->err));

	bool locked = false;
	OK(store_begin(fx->s, &fx->err));
	OK(store_household_lock(fx->s, id, &locked, &fx->err));
	assert_true(locked);
	OK(store_household_lock(fx->s, 999, &locked, &fx->err));
	assert_false(locked);
	OK(store_commit(fx->s, &fx->err));
}

static void test_store_household__sequence(void **state)
{
	struct fx *fx = *state;
	int64_t a = 0, b = 0, c = 0;
	OK(store_begin(fx->s, &fx->err));
	OK(store_household_seq_next(fx->s, "410726", 1, &a, &fx->err));
	OK(store_household_seq_next(fx->s, "410726", 1, &b, &fx->err));
	OK(store_household_seq_next(fx->s, "410727", 1, &c, &fx->err));
	OK(store_commit(fx->s, &fx->err));
	assert_int_equal(a, 1);
	assert_int_equal(b, 2);
	assert_int_equal(c, 1);
	/* a rolled-back number is given back */
	OK(store_begin(fx->s, &fx->err));
	OK(store_household_seq_next(fx->s, "410726", 1, &a, &fx->err));
	assert_int_equal(a, 3);
	store_rollback(fx->s);
	OK(store_begin(fx->s, &fx->err));
	OK(store_household_seq_next(fx->s, "410726", 1, &a, &fx->err));
	OK(store_commit(fx->s, &fx->err));
	assert_int_equal(a, 3);
	/* raised to a floor (numbers imported since), never lowered by one */
	OK(store_begin(fx->s, &fx->err));
	OK(store_household_seq_next(fx->s, "410726", 100, &a, &fx->err));
	OK(store_household_seq_next(fx->s, "410726", 50, &b, &fx->err));
	OK(store_commit(fx->s, &fx->err));
	assert_int_equal(a, 100);
	assert_int_equal(b, 101);
	OK(store_begin(fx->s, &fx->err));
	FAILS(DIB_EINTERNAL, NULL, store_household_seq_next(fx->s, "4107", 1, &a, &fx->err));
	store_rollback(fx->s);
	/* outside a transaction: refused, nothing written */
	FAILS(DIB_EINTERNAL, NULL, store_household_seq_next(fx->s, "410728", 1, &a, &fx->err));
}

/* ---- persons and memberships ---- */

struct seeded {
	int64_t h1, h2, p1, p2, p3, m1, m2;
};

/* h1 (H1, 王庄村) with head p1 and member p2; h2 (H2, 东屯社区) empty;
 * p3 registered, member of nothing. */
static struct seeded seed(struct fx *fx)
{
	struct seeded x;
	store_household a = hh("H1", "410726101201", "王庄村1号");
	store_household b = hh("H2", "410726101001", "东屯社区2号");
	store_person p1 = person("410726198001011233", "张三", "1980-01-01", 1);
	store_person p2 = person("410726198505050025", "李四", "1985-05-05", 2);
	store_person p3 = person("410726199003030011", "王五", "1990-03-03", 1);
	p3.phone = "13800001111";
	OK(store_begin(fx->s, &fx->err));
	OK(store_household_insert(fx->s, &a, &x.h1, &fx->err));
	OK(store_household_insert(fx->s, &b, &x.h2, &fx->err));
	OK(store_person_insert(fx->s, &p1, &x.p1, &fx->err));
	OK(store_person_insert(fx->s, &p2, &x.p2, &fx->err));
	OK(store_person_insert(fx->s, &p3, &x.p3, &fx->err));
	store_membership m1 = ms(x.h1, x.p1, 1, "2020-01-01");
	store_membership m2 = ms(x.h1, x.p2, 10, "2020-01-01");
	OK(store_membership_insert(fx->s, &m1, &x.m1, &fx->err));
	OK(store_membership_insert(fx->s, &m2, &x.m2, &fx->err));
	OK(store_commit(fx->s, &fx->err));
	return x;
}

static void test_store_household__persons(void **state)
{
	struct fx *fx = *state;
	struct seeded x = seed(fx);
	store_person p;
	OK(store_person_get(fx->s, x.p3, &fx->a, &p, &fx->err));
	assert_string_equal(p.id_number, "410726199003030011");
	assert_string_equal(p.name, "王五");
	assert_string_equal(p.birth_date, "1990-03-03");
	assert_string_equal(p.phone, "13800001111");
	assert_int_equal(p.sex, 1);
	FAILS(DIB_ENOTFOUND, "人员 (ID 999) 不存在",
	      store_person_get(fx->s, 999, &fx->a, &p, &fx->err));

	bool found = false;
	OK(store_person_find_idno(fx->s, "410726198505050025", &fx->a, &p, &found, &fx->err));
	assert_true(found);
	assert_int_equal(p.id, x.p2);
	OK(store_person_find_idno(fx->s, "'; DROP TABLE persons; --", &fx->a, &p, &found,
				  &fx->err));
	assert_false(found);

	/* a duplicate ID number is refused, by insert and by update */
	OK(store_begin(fx->s, &fx->err));
	int64_t id;
	store_person dup = person("410726198505050025", "冒名", "1985-05-05", 2);
	FAILS(DIB_ECONFLICT, "身份证号码 \"410726198505050025\" 已登记",
	      store_person_insert(fx->s, &dup, &id, &fx->err));
	store_rollback(fx->s);
	OK(store_person_get(fx->s, x.p3, &fx->a, &p, &fx->err));
	snprintf(p.id_number, sizeof p.id_number, "410726198505050025");
	OK(store_begin(fx->s, &fx->err));
	FAILS(DIB_ECONFLICT, "已登记", store_person_update(fx->s, &p, &fx->err));
	store_rollback(fx->s);

	/* update writes the fields and clears the phone */
	OK(store_person_get(fx->s, x.p3, &fx->a, &p, &fx->err));
	p.name = "王五'--";
	p.health = 3;
	p.phone = NULL;
	snprintf(p.county, sizeof p.county, "410727");
	OK(store_begin(fx->s, &fx->err));
	OK(store_person_update(fx->s, &p, &fx->err));
	OK(store_commit(fx->s, &fx->err));
	store_person q;
	OK(store_person_get(fx->s, x.p3, &fx->a, &q, &fx->err));
	assert_string_equal(q.name, "王五'--");
	assert_int_equal(q.health, 3);
	assert_null(q.phone);
	assert_string_equal(q.county, "410727");
}

static void test_store_household__memberships(void **state)
{
	struct fx *fx = *state;
	struct seeded x = seed(fx);
	int64_t id = 0;

	/* p2 is active in h1: a second active membership is refused */
	OK(store_begin(fx->s, &fx->err));
	store_membership again = ms(x.h2, x.p2, 1, "2021-01-01");
	FAILS(DIB_ECONFLICT, "该人员已是其他户的成员",
	      store_membership_insert(fx->s, &again, &id, &fx->err));
	store_rollback(fx->s);
	/* h1 has a head: a second active head is refused */
	OK(store_begin(fx->s, &fx->err));
	store_membership head2 = ms(x.h1, x.p3, 1, "2021-01-01");
	FAILS(DIB_ECONFLICT, "该户已有户主",
	      store_membership_insert(fx->s, &head2, &id, &fx->err));
	store_rollback(fx->s);

	int64_t head = 0;
	bool found = false;
	OK(store_household_head(fx->s, x.h1, &head, &found, &fx->err));
	assert_true(found);
	assert_int_equal(head, x.p1);
	OK(store_household_head(fx->s, x.h2, &head, &found, &fx->err));
	assert_false(found);

	/* ending: not before the start, once only */
	OK(store_begin(fx->s, &fx->err));
	FAILS(DIB_EINVAL, NULL, store_membership_end(fx->s, x.m2, "2019-12-31", "x", &fx->err));
	store_rollback(fx->s);
	OK(store_begin(fx->s, &fx->err));
	OK(store_membership_end(fx->s, x.m2, "2022-06-30", "婚迁", &fx->err));
	OK(store_commit(fx->s, &fx->err));
	OK(store_begin(fx->s, &fx->err));
	FAILS(DIB_ECONFLICT, "已结束", store_membership_end(fx->s, x.m2, "2022-07-01", "x",
							    &fx->err));
	FAILS(DIB_ECONFLICT, "已结束", store_membership_end(fx->s, 999, "2022-07-01", "x",
							    &fx->err));
	store_rollback(fx->s);
	store_membership m;
	OK(store_membership_get(fx->s, x.m2, &fx->a, &m, &fx->err));
	assert_string_equal(m.end_date, "2022-06-30");
	assert_string_equal(m.end_reason, "婚迁");
	assert_int_equal(m.household_id, x.h1);
	assert_int_equal(m.relation, 10);
	FAILS(DIB_ENOTFOUND, "成员关系 (ID 999) 不存在",
	      store_membership_get(fx->s, 999, &fx->a, &m, &fx->err));

	/* now ended, p2 may join h2 (as its head) */
	int64_t m3 = 0;
	OK(store_begin(fx->s, &fx->err));
	store_membership join = ms(x.h2, x.p2, 1, "2022-06-30");
	OK(store_membership_insert(fx->s, &join, &m3, &fx->err));
	OK(store_commit(fx->s, &fx->err));
	/* the active membership comes first, else the latest ended */
	OK(store_person_membership(fx->s, x.p2, &fx->a, &m, &found, &fx->err));
	assert_true(found);
	assert_int_equal(m.id, m3);
	assert_string_equal(m.end_date, "");
	OK(store_begin(fx->s, &fx->err));
	OK(store_membership_end(fx->s, m3, "2023-01-01", "迁出", &fx->err));
	OK(store_commit(fx->s, &fx->err));
	OK(store_person_membership(fx->s, x.p2, &fx->a, &m, &found, &fx->err));
	assert_true(found);
	assert_int_equal(m.id, m3);
	OK(store_person_membership(fx->s, x.p3, &fx->a, &m, &found, &fx->err));
	assert_false(found);
}

static void test_store_household__detail(void **state)
{
	struct fx *fx = *state;
	struct seeded x = seed(fx);
	/* p3 joins as son, then a former member; incomes, assets, a disability */
	int64_t m3 = 0;
	OK(store_begin(fx->s, &fx->err));
	store_membership son = ms(x.h1, x.p3, 20, "2020-02-01");
	OK(store_membership_insert(fx->s, &son, &m3, &fx->err));
	OK(store_membership_end(fx->s, m3, "2021-03-01", "分户", &fx->err));
	OK(store_commit(fx->s, &fx->err));
	char sql[1024];
	snprintf(sql, sizeof sql,
		 "INSERT INTO income_items (county, id, household_id, person_id, kind, item,"
		 " monthly_fen, period_from, source) VALUES"
		 " ('410726', 1, %lld, %lld, 1, '务工', 150000, '2025-01-01', 'declared'),"
		 " ('410726', 2, %lld, NULL, 4, '养老金', 20000, NULL, 'verified');"
		 "INSERT INTO asset_items (county, id, household_id, person_id, kind,"
		 " description, value_fen) VALUES ('410726', 1, %lld, NULL, 'house', '自建房', 8000000);"
		 "INSERT INTO disabilities (county, id, person_id, category, grade, certificate_no)"
		 " VALUES ('410726', 1, %lld, 4, 2, 'C123'), ('410726', 2, %lld, 1, 1, NULL)",
		 (long long)x.h1, (long long)x.p1, (long long)x.h1, (long long)x.h1,
		 (long long)x.p2, (long long)x.p3);
	OK(store_exec(fx->s, sql, &fx->err));

	store_household_detail d;
	OK(store_household_detail_get(fx->s, x.h1, &fx->a, &d, &fx->err));
	assert_string_equal(d.hh.hh_no, "H1");
	assert_int_equal(d.nmembers, 2);
	assert_int_equal(d.members[0].p.id, x.p1); /* the head first */
	assert_int_equal(d.members[0].m.relation, 1);
	assert_int_equal(d.members[0].m.id, x.m1);
	assert_string_equal(d.members[0].p.name, "张三");
	assert_string_equal(d.members[0].m.start_date, "2020-01-01");
	assert_int_equal(d.members[1].p.id, x.p2);
	assert_int_equal(d.nformer, 1);
	assert_int_equal(d.former[0].p.id, x.p3);
	assert_string_equal(d.former[0].m.end_date, "2021-03-01");
	assert_string_equal(d.former[0].m.end_reason, "分户");
	assert_int_equal(d.nincomes, 2);
	assert_int_equal(d.incomes[0].monthly_fen, 150000);
	assert_int_equal(d.incomes[0].person_id, x.p1);
	assert_string_equal(d.incomes[0].period_from, "2025-01-01");
	assert_string_equal(d.incomes[1].period_from, "");
	assert_int_equal(d.incomes[1].person_id, 0);
	assert_string_equal(d.incomes[1].source, "verified");
	assert_int_equal(d.nassets, 1);
	assert_string_equal(d.assets[0].kind, "house");
	assert_int_equal(d.assets[0].value_fen, 8000000);
	assert_string_equal(d.assets[0].source, "declared");
	/* only the active members' disabilities: p3 has left */
	assert_int_equal(d.ndisabilities, 1);
	assert_int_equal(d.disabilities[0].person_id, x.p2);
	assert_int_equal(d.disabilities[0].category, 4);
	assert_string_equal(d.disabilities[0].certificate_no, "C123");

	OK(store_household_detail_get(fx->s, x.h2, &fx->a, &d, &fx->err));
	assert_int_equal(d.nmembers, 0);
	assert_null(d.members);
	assert_int_equal(d.nformer, 0);
	FAILS(DIB_ENOTFOUND, NULL, store_household_detail_get(fx->s, 999, &fx->a, &d, &fx->err));
}

/* ---- history ---- */

static void audit(struct fx *fx, const char *action, const char *entity, int64_t id)
{
	char idtext[24];
	snprintf(idtext, sizeof idtext, "%lld", (long long)id);
	store_audit_entry e = { .county = "410726", .actor = "t", .action = action,
				.entity = entity, .entity_id = idtext, .after_json = "{}",
				.reason = "r" };
	OK(store_begin(fx->s, &fx->err));
	OK(store_audit_append(fx->s, &e, NULL, &fx->err));
	OK(store_commit(fx->s, &fx->err));
}

static void test_store_household__history(void **state)
{
	struct fx *fx = *state;
	struct seeded x = seed(fx);
	/* p3 was a member of h1 once (ended), then of h2 */
	int64_t m3 = 0, m4 = 0;
	OK(store_begin(fx->s, &fx->err));
	store_membership a = ms(x.h1, x.p3, 20, "2020-02-01");
	OK(store_membership_insert(fx->s, &a, &m3, &fx->err));
	OK(store_membership_end(fx->s, m3, "2021-03-01", "分户", &fx->err));
	store_membership b = ms(x.h2, x.p3, 1, "2021-03-01");
	OK(store_membership_insert(fx->s, &b, &m4, &fx->err));
	OK(store_commit(fx->s, &fx->err));

	audit(fx, "household.create", "household", x.h1);  /* h1 */
	audit(fx, "household.create", "household", x.h2);  /* h2 */
	audit(fx, "member.add", "person", x.p2);           /* h1 */
	audit(fx, "person.update", "person", x.p3);        /* h1 (former) and h2 */
	audit(fx, "user.create", "user", x.h1);            /* neither: another entity */
	audit(fx, "household.update", "household", x.h1);  /* h1 */

	store_audit_row *rows = NULL;
	size_t n = 0;
	bool more = true;
	OK(store_household_history(fx->s, x.h1, 100, &fx->a, &rows, &n, &more, &fx->err));
	assert_int_equal(n, 4);
	assert_false(more);
	assert_string_equal(rows[0].action, "household.update");
	assert_string_equal(rows[1].action, "person.update");
	assert_string_equal(rows[2].action, "member.add");
	assert_string_equal(rows[3].action, "household.create");
	for (size_t i = 1; i < n; i++)
		assert_true(rows[i - 1].id > rows[i].id);
	assert_string_equal(rows[0].reason, "r");
	assert_string_equal(rows[0].after_json, "{}");
	assert_null(rows[0].before_json);
	assert_int_equal(strlen(rows[0].at), 20);

	OK(store_household_history(fx->s, x.h2, 100, &fx->a, &rows, &n, &more, &fx->err));
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].action, "person.update");
	assert_string_equal(rows[1].action, "household.create");

	/* the limit keeps the newest and says there is more */
	OK(store_household_history(fx->s, x.h1, 2, &fx->a, &rows, &n, &more, &fx->err));
	assert_int_equal(n, 2);
	assert_true(more);
	assert_string_equal(rows[0].action, "household.update");

	OK(store_household_history(fx->s, 999, 10, &fx->a, &rows, &n, &more, &fx->err));
	assert_int_equal(n, 0);
	assert_null(rows);
	FAILS(DIB_EINTERNAL, NULL,
	      store_household_history(fx->s, x.h1, 0, &fx->a, &rows, &n, NULL, &fx->err));
}

#define TESTS(eng) {                                                                     \
	cmocka_unit_test_prestate_setup_teardown(test_store_household__insert_get_update,  \
						 setup, teardown, (void *)(eng)),          \
	cmocka_unit_test_prestate_setup_teardown(test_store_household__sequence, setup,    \
						 teardown, (void *)(eng)),                 \
	cmocka_unit_test_prestate_setup_teardown(test_store_household__persons, setup,     \
						 teardown, (void *)(eng)),                 \
	cmocka_unit_test_prestate_setup_teardown(test_store_household__memberships, setup, \
						 teardown, (void *)(eng)),                 \
	cmocka_unit_test_prestate_setup_teardown(test_store_household__detail, setup,      \
						 teardown, (void *)(eng)),                 \
	cmocka_unit_test_prestate_setup_teardown(test_store_household__history, setup,     \
						 teardown, (void *)(eng)),                 \
}

int main(void)
{
	int failed = 0;
	const struct CMUnitTest lite[] = TESTS(NULL);
	failed += cmocka_run_group_tests_name("store household: sqlite", lite, NULL, NULL);
	const char *pg = getenv("DIB_TEST_PG_URL");
	if (pg && *pg) {
		const struct CMUnitTest pgt[] = TESTS(pg);
		failed += cmocka_run_group_tests_name("store household: postgresql", pgt, NULL, NULL);
	} else {
		printf("store household: postgresql skipped (DIB_TEST_PG_URL not set)\n");
	}
	return failed;
}
