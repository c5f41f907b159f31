/*
 * test_household.c — the rules of svc/household.h. The field checks as
 * tables (ID numbers with the expected check character, text, codes,
 * telephone numbers, dates); then the use cases on a fresh SQLite
 * database: who may read and write which household (region subtree, roles,
 * 三员分立), one active household per person, one head per household, the
 * reasons that are required, exactly one audit record per write on the
 * entity the history finds, and that a refused write changes nothing.
 * (The same store code runs on PostgreSQL in test_store_household and
 * through the server in tests/cli/test_household_api.sh.)
 * Single-threaded.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "store/store.h"
#include "store/store_region.h"
#include "svc/household.h"

#include <setjmp.h>
#include <stdarg.h>
#include <unistd.h>
#include <cmocka.h>

static const dib_date today = { 2026, 6, 1 };

/* ---- field checks (tables) ---- */

static void test_household__idno(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		const char *num; /* normalised, or NULL when refused */
		const char *msg; /* part of the message when refused */
	} t[] = {
		{ "410726198001011233", "410726198001011233", NULL },
		{ " 410726198001011233 ", "410726198001011233", NULL },
		{ "41072619800101123x", NULL, "身份证号码 \"41072619800101123x\" 的校验位不正确，应为 3" },
		{ "410726198001011235", NULL, "的校验位不正确，应为 3" },
		{ "410726198505050025", "410726198505050025", NULL },
		{ "410726198505050020", NULL, "应为 5" },
		{ "11010519491231002X", "11010519491231002X", NULL },
		{ "11010519491231002x", "11010519491231002X", NULL },
		{ "110105194912310021", NULL, "应为 X" },
		/* full-width digits are normalised, and a wrong check named */
		{ "４１０７２６１９８００１０１１２３３", "410726198001011233", NULL },
		{ "４１０７２６１９８００１０１１２３４", NULL, "应为 3" },
		/* a wrong date is not a check-character problem */
		{ "410726198002301230", NULL, "出生日期不正确" },
		{ "410726203001011233", NULL, "晚于今天" },
		{ "41072619800101123", NULL, "应为 18 位" },
		{ "4107261980010112333", NULL, "应为 18 位" },
		{ "", NULL, "不能为空" },
		{ "41072619800101A233", NULL, "应为数字" },
		/* 15 digits: upgraded, no check character to name */
		{ "410726800101123", "410726198001011233", NULL },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		idcard id;
		dib_err err;
		dib_err_clear(&err);
		dib_code rc = household_check_idno(t[i].in, today, &id, &err);
		if (t[i].num) {
			if (rc)
				fail_msg("\"%s\" refused: %s", t[i].in, err.msg);
			assert_string_equal(id.num, t[i].num);
			continue;
		}
		if (rc != DIB_EINVAL)
			fail_msg("\"%s\": %s, expected EINVAL", t[i].in, dib_code_name(rc));
		if (!strstr(err.msg, t[i].msg))
			fail_msg("\"%s\": message \"%s\" lacks \"%s\"", t[i].in, err.msg, t[i].msg);
	}
}

static void test_household__text(void **state)
{
	(void)state;
	dib_arena a;
	dib_arena_init(&a, 0, 0);
	static const struct {
		const char *in;
		size_t max;
		bool required;
		const char *out; /* NULL: expect NULL out (empty, optional) */
		const char *msg; /* refused when set */
	} t[] = {
		{ "张三", 30, true, "张三", NULL },
		{ "  张三\u3000", 30, true, "张三", NULL },
		{ "", 30, true, NULL, "姓名不能为空" },
		{ " \u3000 ", 30, true, NULL, "姓名不能为空" },
		{ "", 30, false, NULL, NULL },
		{ "一二三四五", 5, true, "一二三四五", NULL },
		{ "一二三四五六", 5, true, NULL, "超过 5 个字" },
		{ "张\n三", 30, true, NULL, "控制字符" },
		{ "张\x7f三", 30, true, NULL, "控制字符" },
		{ "张\xc2\x85三", 30, true, NULL, "控制字符" },
		{ "张\xff三", 30, true, NULL, "无效文字" },
		{ "'; DROP TABLE persons; --", 30, true, "'; DROP TABLE persons; --", NULL },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		const char *out = "unset";
		dib_err err;
		dib_err_clear(&err);
		dib_code rc = household_check_text("姓名", t[i].in, t[i].max, t[i].required, &a,
						   &out, &err);
		if (t[i].msg) {
			if (rc != DIB_EINVAL || !strstr(err.msg, t[i].msg))
				fail_msg("case %zu: %s \"%s\", expected \"%s\"", i,
					 dib_code_name(rc), err.msg, t[i].msg);
			continue;
		}
		if (rc)
			fail_msg("case %zu refused: %s", i, err.msg);
		if (t[i].out)
			assert_string_equal(out, t[i].out);
		else
			assert_null(out);
	}
	dib_arena_release(&a);
}

static void test_household__codes_phone_date(void **state)
{
	(void)state;
	static const struct {
		enum codes_table t;
		int64_t v;
		bool ok;
	} c[] = {
		{ CODES_REGISTRATION, 1, true }, { CODES_REGISTRATION, 2, true },
		{ CODES_REGISTRATION, 3, false }, { CODES_REGISTRATION, 0, false },
		{ CODES_RELATION, 1, true }, { CODES_RELATION, 99, true },
		{ CODES_RELATION, 2, false }, { CODES_RELATION, -1, false },
		{ CODES_RELATION, 4294967297LL, false }, /* 2^32 + 1: must not wrap to 1 */
		{ CODES_HEALTH, 3, true }, { CODES_HEALTH, 4, false },
		{ CODES_LABOUR, 1, true }, { CODES_LABOUR, 0, false },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(c); i++) {
		dib_err err;
		dib_err_clear(&err);
		dib_code rc = household_check_code(c[i].t, c[i].v, &err);
		if ((rc == DIB_OK) != c[i].ok)
			fail_msg("code case %zu: %s", i, dib_code_name(rc));
		if (rc)
			assert_non_null(strstr(err.msg, codes_label(c[i].t)));
	}
	dib_err err;
	dib_err_clear(&err);
	household_check_code(CODES_REGISTRATION, 3, &err);
	assert_non_null(strstr(err.msg, "户籍类别 \"3\" 不是有效代码，可填: 1 城镇、2 农村"));

	dib_arena a;
	dib_arena_init(&a, 0, 0);
	static const struct {
		const char *in;
		const char *out;
	} p[] = {
		{ "13800001111", "13800001111" }, { " 0373-7654321 ", "0373-7654321" },
		{ "123456", NULL }, { "138000011112222333344", NULL }, { "138 0000 1111", NULL },
		{ "+8613800001111", NULL }, { "", NULL },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(p); i++) {
		const char *out = NULL;
		dib_err_clear(&err);
		dib_code rc = household_check_phone(p[i].in, &a, &out, &err);
		if (p[i].out) {
			if (rc)
				fail_msg("phone \"%s\" refused: %s", p[i].in, err.msg);
			assert_string_equal(out, p[i].out);
		} else if (rc != DIB_EINVAL || !strstr(err.msg, "联系电话")) {
			fail_msg("phone \"%s\": %s", p[i].in, dib_code_name(rc));
		}
	}
	dib_arena_release(&a);

	static const struct {
		const char *in;
		const char *msg;
	} d[] = {
		{ "2026-06-01", NULL }, { "2020-02-29", NULL },
		{ "2026-06-02", "不能晚于今天" }, { "2021-02-29", "不是有效日期" },
		{ "2026/06/01", "不是有效日期" }, { "", "不是有效日期" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(d); i++) {
		dib_date out;
		dib_err_clear(&err);
		dib_code rc = household_check_date("结束日期", d[i].in, today, &out, &err);
		if (!d[i].msg ? rc != DIB_OK : (rc != DIB_EINVAL || !strstr(err.msg, d[i].msg)))
			fail_msg("date \"%s\": %s %s", d[i].in, dib_code_name(rc), err.msg);
	}
}

/* ---- use cases on a database ---- */

struct fx {
	char dir[64];
	struct store *s;
	dib_arena a;
	dib_err err;
};

#define OK(expr)                                                            \
	do {                                                                \
		dib_err_clear(&fx->err);                                    \
		dib_code rc_ = (expr);                                      \
		if (rc_ != DIB_OK)                                          \
			fail_msg("%s\n  -> %s: %s | %s", #expr,              \
				 dib_code_name(rc_), fx->err.msg,           \
				 fx->err.detail);                           \
	} while (0)

/* expr fails with want, its message contains part, and the database is
 * unchanged (every register table and the audit log). */
#define REFUSED(want, part, expr)                                           \
	do {                                                                \
		char before_[256], after_[256];                             \
		fingerprint(fx, before_, sizeof before_);                   \
		dib_err_clear(&fx->err);                                    \
		dib_code rc_ = (expr);                                      \
		if (rc_ != (want) || !strstr(fx->err.msg, (part)))          \
			fail_msg("%s\n  -> %s (want %s): %s", #expr,         \
				 dib_code_name(rc_), dib_code_name(want),   \
				 fx->err.msg);                              \
		fingerprint(fx, after_, sizeof after_);                     \
		assert_string_equal(before_, after_);                       \
		assert_false(store_in_tx(fx->s));                           \
	} while (0)

static int64_t count(struct fx *fx, const char *sql)
{
	int64_t n = -1;
	bool found = false;
	OK(store_query_int64(fx->s, sql, 0, NULL, &n, &found, &fx->err));
	return n;
}

/* Row counts and the latest change of every table a write touches. */
static void fingerprint(struct fx *fx, char *out, size_t cap)
{
	snprintf(out, cap, "%lld/%lld/%lld/%lld/%lld/%lld",
		 (long long)count(fx, "SELECT count(*) FROM households"),
		 (long long)count(fx, "SELECT count(*) FROM persons"),
		 (long long)count(fx, "SELECT count(*) FROM memberships"),
		 (long long)count(fx, "SELECT count(*) FROM memberships WHERE end_date IS NULL"),
		 (long long)count(fx, "SELECT count(*) FROM audit_log"),
		 (long long)count(fx, "SELECT coalesce(sum(health + labour), 0) FROM persons"));
}

static store_region region(const char *code, const char *name, int level,
			   const char *parent)
{
	store_region r;
	memset(&r, 0, sizeof r);
	snprintf(r.code, sizeof r.code, "%s", code);
	r.name = name;
	r.level = (enum region_level)level;
	snprintf(r.parent_code, sizeof r.parent_code, "%s", parent);
	return r;
}

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);
	assert_non_null(fx);
	dib_arena_init(&fx->a, 0, 0);
	snprintf(fx->dir, sizeof fx->dir, "/tmp/dib_svhh_XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	char url[128];
	snprintf(url, sizeof url, "sqlite:%s/t.db", fx->dir);
	OK(store_open(url, &fx->s, &fx->err));
	OK(store_migrate(fx->s, NULL, NULL, &fx->err));
	store_region rows[] = {
		region("410000000000", "河南省", 1, ""),
		region("410700000000", "新乡市", 2, "410000000000"),
		region("410726000000", "延津县", 3, "410700000000"),
		region("410726101000", "东屯镇", 4, "410726000000"),
		region("410726101201", "王庄村", 5, "410726101000"),
		region("410726101001", "东屯社区", 5, "410726101000"),
		region("410726102000", "榆林乡", 4, "410726000000"),
		region("410726102201", "榆林村", 5, "410726102000"),
		region("410727000000", "封丘县", 3, "410700000000"),
		region("410727100000", "城关镇", 4, "410727000000"),
		region("410727100201", "北街村", 5, "410727100000"),
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(rows); i++)
		OK(store_region_insert(fx->s, &rows[i], &fx->err));
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	store_close(fx->s);
	dib_arena_release(&fx->a);
	static const char *const files[] = { "t.db", "t.db-wal", "t.db-shm" };
	for (size_t i = 0; i < DIB_ARRAY_LEN(files); i++) {
		char p[128];
		snprintf(p, sizeof p, "%s/%s", fx->dir, files[i]);
		unlink(p);
	}
	rmdir(fx->dir);
	free(fx);
	return 0;
}

static const char *const caseworker_roles[] = { "township_caseworker" };
static const char *const auditor_roles[] = { "auditor" };
static const char *const admin_roles[] = { "sys_admin" };
static const char *const reviewer_roles[] = { "township_reviewer" };
static const char *const agent_roles[] = { "village_agent" };

/* 东屯镇's caseworker, 榆林乡's caseworker, the county auditor and
 * administrator, 东屯镇's reviewer (reads only), 王庄村's agent. */
static const struct authz_subject dongtun = { "dt", "410726101000", caseworker_roles, 1 };
static const struct authz_subject yulin = { "yl", "410726102000", caseworker_roles, 1 };
static const struct authz_subject auditor = { "au", "410726000000", auditor_roles, 1 };
static const struct authz_subject admin = { "ad", "410726000000", admin_roles, 1 };
static const struct authz_subject reviewer = { "rv", "410726101000", reviewer_roles, 1 };
static const struct authz_subject agent = { "ag", "410726101201", agent_roles, 1 };

static struct household_new new_hh(const char *village, const char *idno, const char *name)
{
	struct household_new in = {
		.village_code = village,
		.address = "王庄村1组1号",
		.registration = 2,
		.head = { .id_number = idno, .name = name },
	};
	return in;
}

static struct household_person pers(const char *idno, const char *name)
{
	struct household_person p = { .id_number = idno, .name = name };
	return p;
}

#define P1 "410726198001011233" /* 张三, male */
#define P2 "410726198505050025" /* 李四, female */
#define P3 "11010519491231002X" /* 王五, female */
#define P4 "410726201001010016" /* 赵六, male, born 2010 */
#define P5 "41072619700303002X" /* 钱七 */
#define P6 "410726199009090030" /* 孙八 */

static void test_household__create(void **state)
{
	struct fx *fx = *state;
	int64_t id = 0, id2 = 0;
	struct household_new in = new_hh("410726101201", P1, " 张三 ");
	in.phone = "13800001111";
	in.bank_account = "6228 4804 0256 4890 018";
	OK(household_create(fx->s, &dongtun, &in, today, &fx->a, &id, &fx->err));
	assert_int_equal(count(fx, "SELECT count(*) FROM audit_log WHERE action = 'household.create'"
				   " AND entity = 'household'"), 1);
	store_household_detail d;
	OK(household_get(fx->s, &dongtun, id, today, &fx->a, &d, &fx->err));
	assert_string_equal(d.hh.hh_no, "410726-0000001");
	assert_string_equal(d.hh.bank_account, "6228480402564890018");
	assert_string_equal(d.hh.township_name, "东屯镇");
	assert_int_equal(d.nmembers, 1);
	assert_string_equal(d.members[0].p.name, "张三");
	assert_int_equal(d.members[0].p.sex, 1);
	assert_string_equal(d.members[0].p.birth_date, "1980-01-01");
	assert_int_equal(d.members[0].age, 46);
	assert_int_equal(d.members[0].m.relation, 1);
	assert_string_equal(d.members[0].m.start_date, "2026-06-01");

	/* the next number; and a number given by hand */
	in = new_hh("410726101001", P2, "李四");
	OK(household_create(fx->s, &dongtun, &in, today, &fx->a, &id2, &fx->err));
	OK(household_get(fx->s, &dongtun, id2, today, &fx->a, &d, &fx->err));
	assert_string_equal(d.hh.hh_no, "410726-0000002");
	/* a hand-typed number of the sequence's form is skipped over */
	in = new_hh("410726101201", P3, "王五");
	in.hh_no = "410726-0000003";
	OK(household_create(fx->s, &dongtun, &in, today, &fx->a, &id2, &fx->err));
	in = new_hh("410726101201", P4, "赵六");
	in.hh_no = " "; /* blank: assigned, as when absent */
	OK(household_create(fx->s, &dongtun, &in, today, &fx->a, &id2, &fx->err));
	OK(household_get(fx->s, &dongtun, id2, today, &fx->a, &d, &fx->err));
	assert_string_equal(d.hh.hh_no, "410726-0000004");
	/* numbers imported (or typed) far ahead are passed at once */
	in = new_hh("410726101201", P5, "钱七");
	in.hh_no = "410726-0000500";
	OK(household_create(fx->s, &dongtun, &in, today, &fx->a, &id2, &fx->err));
	in = new_hh("410726101201", P6, "孙八");
	OK(household_create(fx->s, &dongtun, &in, today, &fx->a, &id2, &fx->err));
	OK(household_get(fx->s, &dongtun, id2, today, &fx->a, &d, &fx->err));
	assert_string_equal(d.hh.hh_no, "410726-0000501");
	assert_int_equal(count(fx, "SELECT count(*) FROM audit_log"), 6);
}

static void test_household__create_refused(void **state)
{
	struct fx *fx = *state;
	int64_t id = 0;
	struct household_new in = new_hh("410726101201", "410726198001011235", "张三");
	REFUSED(DIB_EINVAL, "身份证号码 \"410726198001011235\" 的校验位不正确，应为 3",
		household_create(fx->s, &dongtun, &in, today, &fx->a, &id, &fx->err));
	in = new_hh("410726101201", P1, "张三");
	in.registration = 3;
	REFUSED(DIB_EINVAL, "户籍类别", household_create(fx->s, &dongtun, &in, today, &fx->a,
							 &id, &fx->err));
	in = new_hh("410726101201", P1, "张三");
	in.bank_account = "6228480402564890019";
	REFUSED(DIB_EINVAL, "银行卡号", household_create(fx->s, &dongtun, &in, today, &fx->a,
							 &id, &fx->err));
	in = new_hh("410726101201", P1, "");
	REFUSED(DIB_EINVAL, "姓名不能为空", household_create(fx->s, &dongtun, &in, today,
							     &fx->a, &id, &fx->err));
	in = new_hh("410726101201", P1, "张三");
	in.address = " ";
	REFUSED(DIB_EINVAL, "家庭住址不能为空", household_create(fx->s, &dongtun, &in, today,
								 &fx->a, &id, &fx->err));
	in = new_hh("410726101201", P1, "张三");
	in.head.health.set = true;
	in.head.health.v = 7;
	REFUSED(DIB_EINVAL, "健康状况", household_create(fx->s, &dongtun, &in, today, &fx->a,
							 &id, &fx->err));
	/* the village: level, existence, scope */
	in = new_hh("410726101000", P1, "张三");
	REFUSED(DIB_EINVAL, "不是村(社区)级代码",
		household_create(fx->s, &dongtun, &in, today, &fx->a, &id, &fx->err));
	in = new_hh("410726101299", P1, "张三");
	REFUSED(DIB_EINVAL, "不在区划表中",
		household_create(fx->s, &dongtun, &in, today, &fx->a, &id, &fx->err));
	in = new_hh("410726102201", P1, "张三");
	REFUSED(DIB_EPERM, "不在您的管辖区域内",
		household_create(fx->s, &dongtun, &in, today, &fx->a, &id, &fx->err));
	in = new_hh("410727100201", P1, "张三");
	REFUSED(DIB_EPERM, "不在您的管辖区域内",
		household_create(fx->s, &dongtun, &in, today, &fx->a, &id, &fx->err));
	/* an agent only in their own village */
	in = new_hh("410726101001", P1, "张三");
	REFUSED(DIB_EPERM, "不在您的管辖区域内",
		household_create(fx->s, &agent, &in, today, &fx->a, &id, &fx->err));
	/* roles that may not write */
	in = new_hh("410726101201", P1, "张三");
	REFUSED(DIB_EPERM, "没有权限", household_create(fx->s, &auditor, &in, today, &fx->a, &id,
							&fx->err));
	REFUSED(DIB_EPERM, "没有权限", household_create(fx->s, &admin, &in, today, &fx->a, &id,
							&fx->err));
	REFUSED(DIB_EPERM, "没有权限", household_create(fx->s, &reviewer, &in, today, &fx->a, &id,
							&fx->err));
	/* a 户编号 taken in the county */
	in.hh_no = "H1";
	OK(household_create(fx->s, &agent, &in, today, &fx->a, &id, &fx->err));
	in = new_hh("410726101201", P2, "李四");
	in.hh_no = "H1";
	REFUSED(DIB_ECONFLICT, "户编号 \"H1\" 已存在",
		household_create(fx->s, &dongtun, &in, today, &fx->a, &id, &fx->err));
	/* the head is an active member elsewhere */
	in = new_hh("410726101001", P1, "张三");
	REFUSED(DIB_ECONFLICT, "该人员已是户 \"H1\" 的成员",
		household_create(fx->s, &dongtun, &in, today, &fx->a, &id, &fx->err));
}

static void test_household__read_scope(void **state)
{
	struct fx *fx = *state;
	int64_t id = 0;
	struct household_new in = new_hh("410726101201", P1, "张三");
	OK(household_create(fx->s, &dongtun, &in, today, &fx->a, &id, &fx->err));
	store_household_detail d;
	store_audit_row *rows = NULL;
	size_t n = 0;
	OK(household_get(fx->s, &auditor, id, today, &fx->a, &d, &fx->err));
	OK(household_get(fx->s, &reviewer, id, today, &fx->a, &d, &fx->err));
	OK(household_get(fx->s, &agent, id, today, &fx->a, &d, &fx->err));
	OK(household_history(fx->s, &auditor, id, &fx->a, &rows, &n, &fx->err));
	assert_int_equal(n, 1);
	static const struct {
		const struct authz_subject *who;
		dib_code code;
		const char *msg;
	} t[] = {
		{ &yulin, DIB_EPERM, "不在您的管辖区域内" },
		{ &admin, DIB_EPERM, "没有权限查看救助对象信息" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		dib_err_clear(&fx->err);
		assert_int_equal(household_get(fx->s, t[i].who, id, today, &fx->a, &d, &fx->err),
				 t[i].code);
		assert_non_null(strstr(fx->err.msg, t[i].msg));
		dib_err_clear(&fx->err);
		assert_int_equal(household_history(fx->s, t[i].who, id, &fx->a, &rows, &n,
						   &fx->err), t[i].code);
	}
	dib_err_clear(&fx->err);
	assert_int_equal(household_get(fx->s, &dongtun, 999, today, &fx->a, &d, &fx->err),
			 DIB_ENOTFOUND);
	dib_err_clear(&fx->err);
	assert_int_equal(household_get(fx->s, &admin, 999, today, &fx->a, &d, &fx->err),
			 DIB_EPERM);
}

static void test_household__update(void **state)
{
	struct fx *fx = *state;
	int64_t id = 0;
	struct household_new in = new_hh("410726101201", P1, "张三");
	in.phone = "13800001111";
	OK(household_create(fx->s, &dongtun, &in, today, &fx->a, &id, &fx->err));

	struct household_change c = { 0 };
	REFUSED(DIB_EINVAL, "没有要修改的字段", household_update(fx->s, &dongtun, id, &c, &fx->a,
								   &fx->err));
	c.address = (struct household_text){ true, "'; DROP TABLE households; --" };
	c.phone = (struct household_text){ true, NULL };
	c.village_code = (struct household_text){ true, "410726101001" };
	c.reason = "门牌调整";
	OK(household_update(fx->s, &dongtun, id, &c, &fx->a, &fx->err));
	store_household_detail d;
	OK(household_get(fx->s, &dongtun, id, today, &fx->a, &d, &fx->err));
	assert_string_equal(d.hh.address, "'; DROP TABLE households; --");
	assert_null(d.hh.phone);
	assert_string_equal(d.hh.village_name, "东屯社区");
	assert_int_equal(count(fx, "SELECT count(*) FROM audit_log WHERE action = 'household.update'"
				   " AND reason = '门牌调整' AND before_json LIKE '%13800001111%'"
				   " AND after_json LIKE '%410726101001%'"), 1);

	struct household_change bad = { 0 };
	bad.registration = (struct household_int){ true, 5 };
	REFUSED(DIB_EINVAL, "户籍类别", household_update(fx->s, &dongtun, id, &bad, &fx->a,
							 &fx->err));
	bad = (struct household_change){ 0 };
	bad.village_code = (struct household_text){ true, "410726102201" };
	REFUSED(DIB_EPERM, "不在您的管辖区域内",
		household_update(fx->s, &dongtun, id, &bad, &fx->a, &fx->err));
	bad.village_code = (struct household_text){ true, "410727100201" };
	struct authz_subject city = { "city", "410700000000", caseworker_roles, 1 };
	REFUSED(DIB_EINVAL, "不能跨县变更",
		household_update(fx->s, &city, id, &bad, &fx->a, &fx->err));
	bad = (struct household_change){ 0 };
	bad.address = (struct household_text){ true, "x" };
	REFUSED(DIB_EPERM, "不在您的管辖区域内",
		household_update(fx->s, &yulin, id, &bad, &fx->a, &fx->err));
	REFUSED(DIB_EPERM, "没有权限",
		household_update(fx->s, &auditor, id, &bad, &fx->a, &fx->err));
	REFUSED(DIB_ENOTFOUND, "不存在",
		household_update(fx->s, &dongtun, 999, &bad, &fx->a, &fx->err));
}

static void test_household__members(void **state)
{
	struct fx *fx = *state;
	int64_t h1 = 0, h2 = 0, h3 = 0, mid = 0, hid = 0;
	struct household_new in = new_hh("410726101201", P1, "张三");
	in.hh_no = "H1";
	OK(household_create(fx->s, &dongtun, &in, today, &fx->a, &h1, &fx->err));
	in = new_hh("410726101001", P2, "李四");
	in.hh_no = "H2";
	OK(household_create(fx->s, &dongtun, &in, today, &fx->a, &h2, &fx->err));
	in = new_hh("410726102201", P4, "赵六");
	in.hh_no = "H3";
	OK(household_create(fx->s, &yulin, &in, today, &fx->a, &h3, &fx->err));

	struct household_person p = pers(P3, "王五");
	p.health = (struct household_int){ true, 2 };
	REFUSED(DIB_ECONFLICT, "已有户主", household_add_member(fx->s, &dongtun, h1, &p, 1, NULL,
								today, &fx->a, &mid, &fx->err));
	REFUSED(DIB_EINVAL, "与户主关系", household_add_member(fx->s, &dongtun, h1, &p, 11, NULL,
								today, &fx->a, &mid, &fx->err));
	REFUSED(DIB_EINVAL, "不能晚于今天",
		household_add_member(fx->s, &dongtun, h1, &p, 30, "2026-06-02", today, &fx->a,
				     &mid, &fx->err));
	REFUSED(DIB_EPERM, "不在您的管辖区域内",
		household_add_member(fx->s, &yulin, h1, &p, 30, NULL, today, &fx->a, &mid,
				     &fx->err));
	OK(household_add_member(fx->s, &dongtun, h1, &p, 30, "2020-05-01", today, &fx->a, &mid,
				&fx->err));
	assert_int_equal(count(fx, "SELECT count(*) FROM audit_log WHERE action = 'member.add'"
				   " AND entity = 'person'"), 1);
	/* an active member elsewhere: named by its 户编号 */
	struct household_person li = pers(P2, "李四");
	REFUSED(DIB_ECONFLICT, "该人员已是户 \"H2\" 的成员",
		household_add_member(fx->s, &dongtun, h1, &li, 10, NULL, today, &fx->a, &mid,
				     &fx->err));
	struct household_person again = pers(P3, "王五");
	REFUSED(DIB_ECONFLICT, "该人员已是户 \"H1\" 的成员",
		household_add_member(fx->s, &dongtun, h1, &again, 30, NULL, today, &fx->a, &mid,
				     &fx->err));

	/* ending: a reason is required; not before the start; once */
	REFUSED(DIB_EINVAL, "原因不能为空",
		household_member_end(fx->s, &dongtun, mid, "2026-05-01", NULL, today, &fx->a,
				     &hid, &fx->err));
	REFUSED(DIB_EINVAL, "早于该成员的加入日期",
		household_member_end(fx->s, &dongtun, mid, "2020-04-30", "出嫁", today, &fx->a,
				     &hid, &fx->err));
	REFUSED(DIB_EPERM, "没有权限",
		household_member_end(fx->s, &auditor, mid, "2026-05-01", "出嫁", today, &fx->a,
				     &hid, &fx->err));
	REFUSED(DIB_EPERM, "不在您的管辖区域内",
		household_member_end(fx->s, &yulin, mid, "2026-05-01", "出嫁", today, &fx->a,
				     &hid, &fx->err));
	OK(household_member_end(fx->s, &dongtun, mid, "2026-05-01", "出嫁", today, &fx->a, &hid,
				&fx->err));
	assert_int_equal(hid, h1);
	REFUSED(DIB_ECONFLICT, "已于 2026-05-01 结束",
		household_member_end(fx->s, &dongtun, mid, "2026-05-02", "x", today, &fx->a, &hid,
				     &fx->err));
	REFUSED(DIB_ENOTFOUND, "不存在",
		household_member_end(fx->s, &dongtun, 999, "2026-05-02", "x", today, &fx->a, &hid,
				     &fx->err));
	/* a former member may join again; the registered name must match */
	struct household_person wrong = pers(P3, "王六");
	REFUSED(DIB_EINVAL, "姓名与登记的不一致",
		household_add_member(fx->s, &dongtun, h2, &wrong, 80, NULL, today, &fx->a, &mid,
				     &fx->err));
	OK(household_add_member(fx->s, &dongtun, h2, &again, 80, NULL, today, &fx->a, &mid,
				&fx->err));
	store_household_detail d;
	OK(household_get(fx->s, &dongtun, h2, today, &fx->a, &d, &fx->err));
	assert_int_equal(d.nmembers, 2);
	assert_int_equal(d.members[1].p.health, 2); /* kept from before */
	assert_int_equal(count(fx, "SELECT count(*) FROM persons"), 4);

	/* moving: target in scope, a reason, a free head place */
	REFUSED(DIB_EINVAL, "原因不能为空",
		household_member_move(fx->s, &dongtun, mid, h1, 20, "2026-05-20", "", today,
				      &fx->a, &hid, &fx->err));
	REFUSED(DIB_EPERM, "不在您的管辖区域内",
		household_member_move(fx->s, &dongtun, mid, h3, 20, "2026-05-20", "迁入", today,
				      &fx->a, &hid, &fx->err));
	REFUSED(DIB_ECONFLICT, "已有户主",
		household_member_move(fx->s, &dongtun, mid, h1, 1, "2026-06-01", "迁入", today,
				      &fx->a, &hid, &fx->err));
	REFUSED(DIB_ENOTFOUND, "不存在",
		household_member_move(fx->s, &dongtun, mid, 999, 20, "2026-06-01", "迁入", today,
				      &fx->a, &hid, &fx->err));
	OK(household_member_move(fx->s, &dongtun, mid, h1, 30, "2026-06-01", "回迁", today,
				 &fx->a, &hid, &fx->err));
	assert_int_equal(hid, h1);
	OK(household_get(fx->s, &dongtun, h1, today, &fx->a, &d, &fx->err));
	assert_int_equal(d.nmembers, 2);
	assert_int_equal(d.nformer, 1);
	assert_string_equal(d.former[0].m.end_reason, "出嫁");
	OK(household_get(fx->s, &dongtun, h2, today, &fx->a, &d, &fx->err));
	assert_int_equal(d.nmembers, 1);
	assert_int_equal(d.nformer, 1);
	assert_string_equal(d.former[0].m.end_reason, "回迁");
	/* a new head in the same household: the old head steps aside first */
	int64_t head_ms = 0;
	OK(household_get(fx->s, &dongtun, h1, today, &fx->a, &d, &fx->err));
	head_ms = d.members[0].m.id;
	int64_t wang_ms = d.members[1].m.id;
	REFUSED(DIB_ECONFLICT, "已有户主",
		household_member_move(fx->s, &dongtun, wang_ms, h1, 1, "2026-06-01", "户主变更",
				      today, &fx->a, &hid, &fx->err));
	OK(household_member_move(fx->s, &dongtun, head_ms, h1, 50, "2026-06-01", "户主变更",
				 today, &fx->a, &hid, &fx->err));
	OK(household_member_move(fx->s, &dongtun, wang_ms, h1, 1, "2026-06-01", "户主变更",
				 today, &fx->a, &hid, &fx->err));
	OK(household_get(fx->s, &dongtun, h1, today, &fx->a, &d, &fx->err));
	assert_string_equal(d.members[0].p.name, "王五");
	assert_int_equal(d.members[0].m.relation, 1);

	/* the history of h1 shows the household's and its members' records,
	 * also of 王五's time in h2; h2's history shows 王五's too */
	store_audit_row *rows = NULL;
	size_t n = 0;
	OK(household_history(fx->s, &dongtun, h1, &fx->a, &rows, &n, &fx->err));
	static const char *const want[] = { "member.move", "member.move", "member.move",
					    "member.add", "member.end", "member.add",
					    "household.create" };
	assert_int_equal(n, DIB_ARRAY_LEN(want));
	for (size_t i = 0; i < n; i++)
		assert_string_equal(rows[i].action, want[i]);
	assert_string_equal(rows[0].reason, "户主变更");
	assert_string_equal(rows[0].actor, "dt");
	OK(household_history(fx->s, &auditor, h2, &fx->a, &rows, &n, &fx->err));
	assert_int_equal(n, 6); /* create, 王五's five records */
	OK(household_history(fx->s, &yulin, h3, &fx->a, &rows, &n, &fx->err));
	assert_int_equal(n, 1);
	/* one audit record per write, every write */
	assert_int_equal(count(fx, "SELECT count(*) FROM audit_log"), 9);
}

static void test_household__person_update(void **state)
{
	struct fx *fx = *state;
	int64_t h1 = 0, h2 = 0, hid = 0;
	struct household_new in = new_hh("410726101201", P1, "张三");
	OK(household_create(fx->s, &dongtun, &in, today, &fx->a, &h1, &fx->err));
	in = new_hh("410726101201", P2, "李四");
	OK(household_create(fx->s, &dongtun, &in, today, &fx->a, &h2, &fx->err));
	int64_t pid = count(fx, "SELECT id FROM persons WHERE name = '张三'");

	struct person_change c = { 0 };
	REFUSED(DIB_EINVAL, "没有要修改的字段",
		household_person_update(fx->s, &dongtun, pid, &c, today, &fx->a, &hid, &fx->err));
	c.name = (struct household_text){ true, "张叁" };
	REFUSED(DIB_EINVAL, "修改姓名须填写原因",
		household_person_update(fx->s, &dongtun, pid, &c, today, &fx->a, &hid, &fx->err));
	c = (struct person_change){ 0 };
	c.id_number = (struct household_text){ true, "110105194912310021" };
	c.reason = "更正";
	REFUSED(DIB_EINVAL, "应为 X",
		household_person_update(fx->s, &dongtun, pid, &c, today, &fx->a, &hid, &fx->err));
	c.id_number = (struct household_text){ true, P2 };
	REFUSED(DIB_ECONFLICT, "已登记为其他人员",
		household_person_update(fx->s, &dongtun, pid, &c, today, &fx->a, &hid, &fx->err));
	c.id_number = (struct household_text){ true, P3 };
	REFUSED(DIB_EPERM, "不在您的管辖区域内",
		household_person_update(fx->s, &yulin, pid, &c, today, &fx->a, &hid, &fx->err));
	REFUSED(DIB_ENOTFOUND, "不存在",
		household_person_update(fx->s, &dongtun, 999, &c, today, &fx->a, &hid, &fx->err));
	/* unchanged name and a health change need no reason */
	c = (struct person_change){ 0 };
	c.name = (struct household_text){ true, "张三" };
	c.health = (struct household_int){ true, 3 };
	c.phone = (struct household_text){ true, "13900002222" };
	OK(household_person_update(fx->s, &dongtun, pid, &c, today, &fx->a, &hid, &fx->err));
	assert_int_equal(hid, h1);
	/* a new ID number brings its sex and birth date */
	c = (struct person_change){ 0 };
	c.id_number = (struct household_text){ true, P3 };
	c.reason = "身份证号码录入错误";
	OK(household_person_update(fx->s, &dongtun, pid, &c, today, &fx->a, &hid, &fx->err));
	store_household_detail d;
	OK(household_get(fx->s, &dongtun, h1, today, &fx->a, &d, &fx->err));
	assert_string_equal(d.members[0].p.id_number, P3);
	assert_int_equal(d.members[0].p.sex, 2);
	assert_string_equal(d.members[0].p.birth_date, "1949-12-31");
	assert_int_equal(d.members[0].age, 76);
	assert_int_equal(d.members[0].p.health, 3);
	assert_string_equal(d.members[0].p.phone, "13900002222");
	assert_int_equal(count(fx, "SELECT count(*) FROM audit_log WHERE action = 'person.update'"
				   " AND entity = 'person'"), 2);
	assert_int_equal(count(fx, "SELECT count(*) FROM audit_log WHERE action = 'person.update'"
				   " AND reason = '身份证号码录入错误'"
				   " AND before_json LIKE '%" P1 "%' AND after_json LIKE '%" P3 "%'"), 1);
	(void)h2;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_household__idno),
		cmocka_unit_test(test_household__text),
		cmocka_unit_test(test_household__codes_phone_date),
		cmocka_unit_test_setup_teardown(test_household__create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_household__create_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_household__read_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(test_household__update, setup, teardown),
		cmocka_unit_test_setup_teardown(test_household__members, setup, teardown),
		cmocka_unit_test_setup_teardown(test_household__person_update, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
