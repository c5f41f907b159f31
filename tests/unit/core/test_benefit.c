/*
 * test_benefit.c — table tests for core/benefit.h, one table per program,
 * each row a case of regulations.md that can fail on its own: the two
 * disability subsidies with their exclusions (特困 and 工伤护理费 → neither;
 * 孤儿 and 全额事实无人抚养 → no living subsidy but care), the 低保边缘
 * extension, 择高 both ways and at a tie, grades 2–4 and the 三、四级智力
 * 精神 extension (§4); 特困 care by self-care grade 0/1/3/4/6 (§2.4–2.5);
 * orphans and the 事实无人抚养 补差 below, at and above the standard, the
 * 18th birthday (§5); 高龄津贴 bands changing in the birthday month or the
 * next, 29 February birthdays, 100+ and the low-income restriction (§6).
 * Then the parameter checks, refused input with the output untouched,
 * dispatch by program code, the first month a program pays for, the care
 * grades and the reason codes.
 * Thread-safety: single-threaded test program.
 */
#include "util/dib.h"
#include "core/benefit.h"
#include "core/codes.h"

#include <setjmp.h>
#include <cmocka.h>

static const dib_month JUNE = {2026, 6};

/* The parameter sets the rows run with. */
enum pset {
	P_DEFAULT = 0, /* benefit_params_default() */
	P_EXT,         /* edge and 三、四级 extensions, grade 2 at 50 %, 3–4 at 50 % */
	P_TEKUN,       /* care 50 / 200 / 400 元 */
	P_BANDS,       /* 80: the standard, 90: 200 元, 100: 500 元; from the birthday month */
	P_BANDS_NEXT,  /* the same, from the month after the birthday */
	P_LOW_INCOME,  /* P_BANDS, low-income only */
	P_TOPUP,       /* orphans topped up */
	P_ODD,         /* grade 2 at 33.33 %, for rounding */
};

static struct benefit_params params(enum pset s)
{
	struct benefit_params p = benefit_params_default();
	switch (s) {
	case P_EXT:
		p.disab_living_edge = true;
		p.disab_care_mental34 = true;
		p.disab_care_grade2_bp = 5000;
		p.disab_care_mental34_bp = 5000;
		break;
	case P_TEKUN:
		p.tekun_care_fen[BENEFIT_CARE_SELF] = 5000;
		p.tekun_care_fen[BENEFIT_CARE_HALF] = 20000;
		p.tekun_care_fen[BENEFIT_CARE_FULL] = 40000;
		break;
	case P_BANDS:
	case P_BANDS_NEXT:
	case P_LOW_INCOME:
		p.elderly[1] = (struct benefit_band){90, 20000};
		p.elderly[2] = (struct benefit_band){100, 50000};
		p.elderly_from_birthday_month = s != P_BANDS_NEXT;
		p.elderly_low_income_only = s == P_LOW_INCOME;
		break;
	case P_TOPUP:
		p.orphan_topup = true;
		break;
	case P_ODD:
		p.disab_care_grade2_bp = 3333;
		break;
	default:
		break;
	}
	return p;
}

typedef dib_code (*fn_t)(const struct benefit_params *, const struct benefit_person *,
			 dib_month, dib_fen, struct benefit_result *, dib_err *);

struct row {
	const char *what;
	enum pset ps;
	struct benefit_person who;
	dib_month m;   /* year 0: JUNE */
	dib_fen std;
	dib_fen fen;
	enum benefit_reason reason;
	const char *why; /* a part of the reason text */
	bool ga;         /* check grade and age too */
	int grade, age;
};

static void run(fn_t fn, const struct row *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct benefit_params p = params(t[i].ps);
		struct benefit_result r;
		dib_err err;
		dib_err_clear(&err);
		dib_month m = t[i].m.year ? t[i].m : JUNE;
		if (fn(&p, &t[i].who, m, t[i].std, &r, &err))
			fail_msg("%s: refused: %s", t[i].what, err.msg);
		if (r.fen != t[i].fen || r.reason != t[i].reason)
			fail_msg("%s: %lld (%s), want %lld (%s) — %s", t[i].what, (long long)r.fen,
				 benefit_reason_code(r.reason), (long long)t[i].fen,
				 benefit_reason_code(t[i].reason), r.why);
		if (!strstr(r.why, t[i].why))
			fail_msg("%s: reason \"%s\" lacks \"%s\"", t[i].what, r.why, t[i].why);
		if (t[i].ga && (r.grade != t[i].grade || r.age != t[i].age))
			fail_msg("%s: grade %d age %d, want %d and %d", t[i].what, r.grade, r.age,
				 t[i].grade, t[i].age);
	}
}

/* A card-holding disabled person of grade g and kind k. */
#define DIS(g, k) .disability_grade = (g), .disability_kind = (k), .disability_card = true
#define PHYS(g) DIS(g, CODES_DIS_PHYSICAL)

/* §4.1–4.2: 困难残疾人生活补贴, standard 100 元. */
static void test_benefit__disab_living(void **state)
{
	(void)state;
	static const struct row t[] = {
		{"低保家庭持证残疾人", P_DEFAULT, {PHYS(2), .dibao = true}, {0, 0}, 10000, 10000,
		 BENEFIT_PAID, "低保家庭持证残疾人，按标准 100.00 元", false, 0, 0},
		{"四级听力残疾也享受 (any grade)", P_DEFAULT, {DIS(4, CODES_DIS_HEARING), .dibao = true},
		 {0, 0}, 10000, 10000, BENEFIT_PAID, "", false, 0, 0},
		{"未持证", P_DEFAULT, {.disability_grade = 1, .disability_kind = 4, .dibao = true},
		 {0, 0}, 10000, 0, BENEFIT_NO_CARD, "未持有残疾人证", false, 0, 0},
		{"无残疾", P_DEFAULT, {.dibao = true}, {0, 0}, 10000, 0, BENEFIT_NO_DISABILITY,
		 "无残疾等级", false, 0, 0},
		{"特困 → 两项都不享受", P_DEFAULT, {PHYS(1), .dibao = true, .tekun = true}, {0, 0},
		 10000, 0, BENEFIT_TEKUN, "纳入特困供养，两项补贴均不享受", false, 0, 0},
		{"特困 and 工伤: 特困 first", P_DEFAULT,
		 {PHYS(1), .tekun = true, .injury_care = true}, {0, 0}, 10000, 0, BENEFIT_TEKUN, "",
		 false, 0, 0},
		{"工伤保险生活护理费 → 两项都不享受", P_DEFAULT,
		 {PHYS(1), .dibao = true, .injury_care = true}, {0, 0}, 10000, 0,
		 BENEFIT_INJURY_CARE, "领取工伤保险生活护理费，两项补贴均不享受", false, 0, 0},
		{"孤儿不享受生活补贴", P_DEFAULT, {PHYS(2), .dibao = true, .orphan = true}, {0, 0},
		 10000, 0, BENEFIT_ORPHAN, "孤儿不享受生活补贴", false, 0, 0},
		{"全额事实无人抚养儿童不享受", P_EXT,
		 {PHYS(2), .edge = true, .unsupported = true, .unsupported_full = true}, {0, 0},
		 10000, 0, BENEFIT_UNSUPPORTED_FULL, "全额领取事实无人抚养儿童基本生活补贴", false, 0,
		 0},
		{"补差的事实无人抚养儿童享受", P_DEFAULT,
		 {PHYS(2), .dibao = true, .unsupported = true, .got_dibao_fen = 30000}, {0, 0},
		 10000, 10000, BENEFIT_PAID, "低保家庭", false, 0, 0},
		{"非低保家庭", P_DEFAULT, {PHYS(1)}, {0, 0}, 10000, 0, BENEFIT_NOT_POOR,
		 "非低保家庭", false, 0, 0},
		{"低保边缘, not extended", P_DEFAULT, {PHYS(1), .edge = true}, {0, 0}, 10000, 0,
		 BENEFIT_NOT_POOR, "本地生活补贴未延伸至低保边缘家庭", false, 0, 0},
		{"低保边缘, extended", P_EXT, {PHYS(1), .edge = true}, {0, 0}, 10000, 10000,
		 BENEFIT_PAID, "低保边缘家庭 (本地延伸)持证残疾人", false, 0, 0},
		{"择高: 老年生活津贴 higher", P_DEFAULT,
		 {PHYS(2), .dibao = true, .other_living_fen = 30000,
		  .other_living_name = "老年生活津贴"},
		 {0, 0}, 10000, 0, BENEFIT_OTHER_HIGHER,
		 "择高：领取老年生活津贴 300.00 元，不低于生活补贴 100.00 元，不享受困难残疾人生活补贴",
		 false, 0, 0},
		{"择高: the subsidy higher", P_DEFAULT,
		 {PHYS(2), .dibao = true, .other_living_fen = 8000,
		  .other_living_name = "因公致残生活津贴"},
		 {0, 0}, 10000, 10000, BENEFIT_CHOSEN,
		 "择高：生活补贴 100.00 元，高于因公致残生活津贴 80.00 元", false, 0, 0},
		{"择高: a tie keeps the other", P_DEFAULT,
		 {PHYS(2), .dibao = true, .other_living_fen = 10000}, {0, 0}, 10000, 0,
		 BENEFIT_OTHER_HIGHER, "领取其他福利性生活补贴 100.00 元", false, 0, 0},
		{"择高: one fen lower pays", P_DEFAULT,
		 {PHYS(2), .dibao = true, .other_living_fen = 9999}, {0, 0}, 10000, 10000,
		 BENEFIT_CHOSEN, "", false, 0, 0},
		{"择高 looks at living only: care allowance ignored", P_DEFAULT,
		 {PHYS(2), .dibao = true, .other_care_fen = 90000}, {0, 0}, 10000, 10000,
		 BENEFIT_PAID, "", false, 0, 0},
	};
	run(benefit_disab_living, t, DIB_ARRAY_LEN(t));
}

/* §4.1–4.2: 重度残疾人护理补贴, grade-1 standard 200 元. */
static void test_benefit__disab_care(void **state)
{
	(void)state;
#define LTC .long_term_care = true
	static const struct row t[] = {
		{"一级，长期照护", P_DEFAULT, {PHYS(1), LTC}, {0, 0}, 20000, 20000, BENEFIT_PAID,
		 "一级残疾，需长期照护，按标准 200.00 元", true, 1, -1},
		{"二级, default share 100 %", P_DEFAULT, {PHYS(2), LTC}, {0, 0}, 20000, 20000,
		 BENEFIT_PAID, "按一级标准 200.00 元的 100% 计 200.00 元", true, 2, -1},
		{"二级 at 50 %", P_EXT, {PHYS(2), LTC}, {0, 0}, 20000, 10000, BENEFIT_PAID,
		 "二级残疾，需长期照护，按一级标准 200.00 元的 50% 计 100.00 元", true, 2, -1},
		{"二级 at 33.33 %, rounded half-up", P_ODD, {PHYS(2), LTC}, {0, 0}, 10005, 3335,
		 BENEFIT_PAID, "的 33.33% 计 33.35 元", false, 0, 0}, /* 3334.6665 */
		{"三级智力, not extended", P_DEFAULT, {DIS(3, CODES_DIS_INTELLECTUAL), LTC}, {0, 0},
		 20000, 0, BENEFIT_NOT_SEVERE,
		 "三级智力残疾不属于重度残疾（本地护理补贴未延伸至三、四级智力、精神残疾人）", true, 3,
		 -1},
		{"三级智力, extended at 50 %", P_EXT, {DIS(3, CODES_DIS_INTELLECTUAL), LTC}, {0, 0},
		 20000, 10000, BENEFIT_PAID, "三级智力残疾 (本地延伸)", true, 3, -1},
		{"四级精神, extended", P_EXT, {DIS(4, CODES_DIS_MENTAL), LTC}, {0, 0}, 20000, 10000,
		 BENEFIT_PAID, "四级精神残疾", false, 0, 0},
		{"三级肢体, extended: not 智力精神", P_EXT, {PHYS(3), LTC}, {0, 0}, 20000, 0,
		 BENEFIT_NOT_SEVERE, "三级残疾不属于重度残疾，不享受护理补贴", false, 0, 0},
		{"三级多重, extended: not 智力精神", P_EXT, {DIS(3, CODES_DIS_MULTIPLE), LTC}, {0, 0},
		 20000, 0, BENEFIT_NOT_SEVERE, "", false, 0, 0},
		{"不需长期照护", P_DEFAULT, {PHYS(1)}, {0, 0}, 20000, 0, BENEFIT_NO_LONG_CARE,
		 "不需要长期照护（持续 6 个月以上）", false, 0, 0},
		{"未持证", P_DEFAULT, {.disability_grade = 1, .disability_kind = 4, LTC}, {0, 0},
		 20000, 0, BENEFIT_NO_CARD, "未持有残疾人证，不享受重度残疾人护理补贴", false, 0, 0},
		{"特困 → 两项都不享受", P_DEFAULT, {PHYS(1), LTC, .tekun = true}, {0, 0}, 20000, 0,
		 BENEFIT_TEKUN, "两项补贴均不享受", false, 0, 0},
		{"工伤护理费 → 两项都不享受", P_DEFAULT, {PHYS(1), LTC, .injury_care = true}, {0, 0},
		 20000, 0, BENEFIT_INJURY_CARE, "工伤保险生活护理费", false, 0, 0},
		{"孤儿 keeps care", P_DEFAULT, {PHYS(1), LTC, .orphan = true}, {0, 0}, 20000, 20000,
		 BENEFIT_PAID, "", false, 0, 0},
		{"全额事实无人抚养 keeps care", P_DEFAULT,
		 {PHYS(1), LTC, .unsupported = true, .unsupported_full = true}, {0, 0}, 20000, 20000,
		 BENEFIT_PAID, "", false, 0, 0},
		{"no means test: not 低保", P_DEFAULT, {PHYS(2), LTC}, {0, 0}, 20000, 20000,
		 BENEFIT_PAID, "", false, 0, 0},
		{"择高: 养老护理补贴 higher", P_DEFAULT,
		 {PHYS(1), LTC, .other_care_fen = 30000, .other_care_name = "养老护理补贴"}, {0, 0},
		 20000, 0, BENEFIT_OTHER_HIGHER,
		 "择高：领取养老护理补贴 300.00 元，不低于护理补贴 200.00 元", false, 0, 0},
		{"择高: care higher", P_DEFAULT, {PHYS(1), LTC, .other_care_fen = 5000}, {0, 0},
		 20000, 20000, BENEFIT_CHOSEN,
		 "择高：护理补贴 200.00 元，高于其他福利性护理补贴 50.00 元", false, 0, 0},
		{"择高 against the grade-2 amount", P_EXT, {PHYS(2), LTC, .other_care_fen = 12000},
		 {0, 0}, 20000, 0, BENEFIT_OTHER_HIGHER, "不低于护理补贴 100.00 元", false, 0, 0},
		{"择高 looks at care only", P_DEFAULT, {PHYS(1), LTC, .other_living_fen = 90000},
		 {0, 0}, 20000, 20000, BENEFIT_PAID, "", false, 0, 0},
	};
#undef LTC
	run(benefit_disab_care, t, DIB_ARRAY_LEN(t));
}

/* §2.4–2.5: 特困 = basic 800 元 + care by self-care grade. */
static void test_benefit__tekun(void **state)
{
	(void)state;
	static const struct row t[] = {
		{"0 项 → 全自理", P_TEKUN, {.tekun = true, .self_care_unmet = 0}, {0, 0}, 80000,
		 85000, BENEFIT_PAID,
		 "基本生活标准 800.00 元 + 照料护理标准（全自理，0 项自理指标不能达到）50.00 元 = 850.00 元",
		 true, BENEFIT_CARE_SELF, -1},
		{"1 项 → 半护理", P_TEKUN, {.tekun = true, .self_care_unmet = 1}, {0, 0}, 80000,
		 100000, BENEFIT_PAID, "半护理", true, BENEFIT_CARE_HALF, -1},
		{"3 项 → 半护理", P_TEKUN, {.tekun = true, .self_care_unmet = 3}, {0, 0}, 80000,
		 100000, BENEFIT_PAID, "半护理，3 项", true, BENEFIT_CARE_HALF, -1},
		{"4 项 → 全护理", P_TEKUN, {.tekun = true, .self_care_unmet = 4}, {0, 0}, 80000,
		 120000, BENEFIT_PAID, "全护理，4 项", true, BENEFIT_CARE_FULL, -1},
		{"6 项 → 全护理", P_TEKUN, {.tekun = true, .self_care_unmet = 6}, {0, 0}, 80000,
		 120000, BENEFIT_PAID, "400.00 元 = 1,200.00 元", true, BENEFIT_CARE_FULL, -1},
		{"no care amounts set (default)", P_DEFAULT, {.tekun = true, .self_care_unmet = 6},
		 {0, 0}, 80000, 80000, BENEFIT_PAID, "", false, 0, 0},
		{"not in 特困", P_TEKUN, {.self_care_unmet = 6}, {0, 0}, 80000, 0, BENEFIT_NOT_TEKUN,
		 "未纳入特困人员救助供养", false, 0, 0},
	};
	run(benefit_tekun, t, DIB_ARRAY_LEN(t));
	/* the care part is reported apart */
	struct benefit_params p = params(P_TEKUN);
	struct benefit_person who = {.tekun = true, .self_care_unmet = 2};
	struct benefit_result r;
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(benefit_tekun(&p, &who, JUNE, 80000, &r, &err), DIB_OK);
	assert_int_equal(r.care_fen, 20000);
	assert_int_equal(r.full_fen, 100000);
}

/* §5.1: orphans, standard 1,500 元 (机构) / 1,000 元 (散居). */
static void test_benefit__orphan(void **state)
{
	(void)state;
	static const struct row t[] = {
		{"孤儿, full", P_DEFAULT, {.orphan = true, .birth = {2015, 3, 1}}, {0, 0}, 150000,
		 150000, BENEFIT_PAID, "机构养育孤儿基本生活费按标准 1,500.00 元发放", true, 0, 11},
		{"not an orphan", P_DEFAULT, {.birth = {2015, 3, 1}}, {0, 0}, 150000, 0,
		 BENEFIT_NOT_ORPHAN, "未认定为孤儿", false, 0, 0},
		{"18th birthday in June: still paid", P_DEFAULT,
		 {.orphan = true, .birth = {2008, 6, 1}}, {0, 0}, 150000, 150000, BENEFIT_PAID, "",
		 true, 0, 17},
		{"the month after: ended", P_DEFAULT, {.orphan = true, .birth = {2008, 5, 31}},
		 {0, 0}, 150000, 0, BENEFIT_AGED_OUT, "已满 18 周岁（满周岁次月起停发）", true, 0,
		 18},
		{"unknown birth: no age rule", P_DEFAULT, {.orphan = true}, {0, 0}, 150000, 150000,
		 BENEFIT_PAID, "", true, 0, -1},
		{"低保 does not reduce it by default", P_DEFAULT,
		 {.orphan = true, .dibao = true, .got_dibao_fen = 50000}, {0, 0}, 150000, 150000,
		 BENEFIT_PAID, "", false, 0, 0},
		{"topped up where local", P_TOPUP,
		 {.orphan = true, .dibao = true, .got_dibao_fen = 50000}, {0, 0}, 150000, 100000,
		 BENEFIT_TOPUP, "补差：机构养育孤儿基本生活费标准 1,500.00 元 − 已领低保金 500.00 元 = 1,000.00 元",
		 false, 0, 0},
		{"topup above the standard", P_TOPUP, {.orphan = true, .got_dibao_fen = 160000},
		 {0, 0}, 150000, 0, BENEFIT_COVERED, "不低于机构养育孤儿基本生活费标准", false, 0, 0},
		{"topup with nothing had", P_TOPUP, {.orphan = true}, {0, 0}, 150000, 150000,
		 BENEFIT_PAID, "全额发放", false, 0, 0},
	};
	run(benefit_orphan_inst, t, DIB_ARRAY_LEN(t));
	static const struct row s[] = {
		{"散居孤儿", P_DEFAULT, {.orphan = true}, {0, 0}, 100000, 100000, BENEFIT_PAID,
		 "散居孤儿基本生活费按标准 1,000.00 元发放", false, 0, 0},
		{"散居, aged out", P_DEFAULT, {.orphan = true, .birth = {2000, 1, 1}}, {0, 0}, 100000,
		 0, BENEFIT_AGED_OUT, "", false, 0, 0},
	};
	run(benefit_orphan_scattered, s, DIB_ARRAY_LEN(s));
}

/* §5.2, S11: 事实无人抚养儿童, standard 1,200 元, full or 补差. */
static void test_benefit__child_unsupported(void **state)
{
	(void)state;
#define U .unsupported = true
	static const struct row t[] = {
		{"nothing had: full", P_DEFAULT, {U}, {0, 0}, 120000, 120000, BENEFIT_PAID,
		 "事实无人抚养儿童基本生活补贴全额发放，按标准 1,200.00 元", false, 0, 0},
		{"full, flagged so", P_DEFAULT, {U, .unsupported_full = true}, {0, 0}, 120000, 120000,
		 BENEFIT_PAID, "全额发放", false, 0, 0},
		{"低保 below: 补差", P_DEFAULT, {U, .dibao = true, .got_dibao_fen = 40000}, {0, 0},
		 120000, 80000, BENEFIT_TOPUP,
		 "补差：事实无人抚养儿童基本生活补贴标准 1,200.00 元 − 已领低保金 400.00 元 = 800.00 元",
		 false, 0, 0},
		{"特困 + 生活补贴 below", P_DEFAULT,
		 {U, .tekun = true, .got_tekun_fen = 90000, .got_living_fen = 10000}, {0, 0}, 120000,
		 20000, BENEFIT_TOPUP, "已领特困供养金 + 困难残疾人生活补贴 1,000.00 元 = 200.00 元",
		 false, 0, 0},
		{"低保 + 生活补贴 below", P_DEFAULT,
		 {U, .got_dibao_fen = 60000, .got_living_fen = 10000}, {0, 0}, 120000, 50000,
		 BENEFIT_TOPUP, "低保金 + 困难残疾人生活补贴 700.00 元", false, 0, 0},
		{"one fen below", P_DEFAULT, {U, .got_dibao_fen = 119999}, {0, 0}, 120000, 1,
		 BENEFIT_TOPUP, "", false, 0, 0},
		{"at the standard: nothing", P_DEFAULT, {U, .got_dibao_fen = 120000}, {0, 0}, 120000,
		 0, BENEFIT_COVERED,
		 "已领低保金 1,200.00 元，不低于事实无人抚养儿童基本生活补贴标准 1,200.00 元，不再发放",
		 false, 0, 0},
		{"above the standard: nothing", P_DEFAULT, {U, .got_tekun_fen = 150000}, {0, 0},
		 120000, 0, BENEFIT_COVERED, "", true, 0, -1},
		{"not recognised", P_DEFAULT, {.got_dibao_fen = 1}, {0, 0}, 120000, 0,
		 BENEFIT_NOT_UNSUPPORTED, "未认定为事实无人抚养儿童", false, 0, 0},
		{"aged out", P_DEFAULT, {U, .birth = {2007, 12, 31}}, {0, 0}, 120000, 0,
		 BENEFIT_AGED_OUT, "已满 18 周岁", true, 0, 18},
		{"17", P_DEFAULT, {U, .birth = {2008, 12, 31}}, {0, 0}, 120000, 120000, BENEFIT_PAID,
		 "", true, 0, 17},
	};
#undef U
	run(benefit_child_unsupported, t, DIB_ARRAY_LEN(t));
}

/* §6: 高龄津贴, standard (band 1) 100 元; P_BANDS adds 90: 200 元 and 100: 500 元. */
static void test_benefit__elderly(void **state)
{
	(void)state;
	static const struct row t[] = {
		/* the band changes in the birthday month */
		{"79 the month before", P_BANDS, {.birth = {1946, 7, 15}}, {2026, 6}, 10000, 0,
		 BENEFIT_UNDER_AGE, "79 周岁，未满 80 周岁（满周岁当月起发放）", true, 0, 79},
		{"80 in the birthday month", P_BANDS, {.birth = {1946, 7, 15}}, {2026, 7}, 10000,
		 10000, BENEFIT_PAID, "年满 80 周岁当月起按 80–89 周岁档，100.00 元", true, 1, 80},
		{"80 the month after", P_BANDS, {.birth = {1946, 7, 15}}, {2026, 8}, 10000, 10000,
		 BENEFIT_PAID, "80 周岁，按 80–89 周岁档", true, 1, 80},
		{"89 before the 90th", P_BANDS, {.birth = {1936, 7, 31}}, {2026, 6}, 10000, 10000,
		 BENEFIT_PAID, "89 周岁，按 80–89 周岁档", true, 1, 89},
		{"90 in the birthday month (the 31st)", P_BANDS, {.birth = {1936, 7, 31}}, {2026, 7},
		 10000, 20000, BENEFIT_PAID, "年满 90 周岁当月起按 90–99 周岁档，200.00 元", true, 2,
		 90},
		{"99", P_BANDS, {.birth = {1927, 1, 1}}, {2026, 2}, 10000, 20000, BENEFIT_PAID,
		 "99 周岁，按 90–99 周岁档", true, 2, 99},
		{"100 in the birthday month", P_BANDS, {.birth = {1926, 3, 1}}, {2026, 3}, 10000,
		 50000, BENEFIT_PAID, "年满 100 周岁当月起按 100 周岁以上档，500.00 元", true, 3, 100},
		{"106", P_BANDS, {.birth = {1920, 1, 1}}, {2026, 6}, 10000, 50000, BENEFIT_PAID,
		 "106 周岁，按 100 周岁以上档", true, 3, 106},
		/* … or in the month after it */
		{"next-month rule: 89 in the birthday month", P_BANDS_NEXT, {.birth = {1936, 7, 15}},
		 {2026, 7}, 10000, 10000, BENEFIT_PAID, "89 周岁", true, 1, 89},
		{"next-month rule: 90 the month after", P_BANDS_NEXT, {.birth = {1936, 7, 15}},
		 {2026, 8}, 10000, 20000, BENEFIT_PAID, "年满 90 周岁次月起按 90–99 周岁档", true, 2,
		 90},
		{"next-month rule: born on the 1st", P_BANDS_NEXT, {.birth = {1936, 7, 1}},
		 {2026, 7}, 10000, 10000, BENEFIT_PAID, "", true, 1, 89},
		{"birthday rule: born on the 1st", P_BANDS, {.birth = {1936, 7, 1}}, {2026, 7},
		 10000, 20000, BENEFIT_PAID, "年满 90 周岁当月起", true, 2, 90},
		{"next-month rule: 79 in the birthday month", P_BANDS_NEXT, {.birth = {1946, 6, 10}},
		 {2026, 6}, 10000, 0, BENEFIT_UNDER_AGE, "（满周岁次月起发放）", true, 0, 79},
		/* 29 February: reached on 28 February in a common year */
		{"29 Feb, common year, birthday rule", P_BANDS, {.birth = {1936, 2, 29}}, {2026, 2},
		 10000, 20000, BENEFIT_PAID, "年满 90 周岁当月起", true, 2, 90},
		{"29 Feb, common year, the month before", P_BANDS, {.birth = {1936, 2, 29}},
		 {2026, 1}, 10000, 10000, BENEFIT_PAID, "", true, 1, 89},
		{"29 Feb, common year, next-month rule", P_BANDS_NEXT, {.birth = {1936, 2, 29}},
		 {2026, 2}, 10000, 10000, BENEFIT_PAID, "", true, 1, 89},
		{"29 Feb, next-month rule: March", P_BANDS_NEXT, {.birth = {1936, 2, 29}}, {2026, 3},
		 10000, 20000, BENEFIT_PAID, "年满 90 周岁次月起", true, 2, 90},
		{"29 Feb, leap year", P_BANDS, {.birth = {1944, 2, 29}}, {2024, 2}, 10000, 10000,
		 BENEFIT_PAID, "年满 80 周岁当月起", true, 1, 80},
		/* the default: one band from 80 at the standard */
		{"default: 106 at the standard", P_DEFAULT, {.birth = {1920, 1, 1}}, {0, 0}, 10000,
		 10000, BENEFIT_PAID, "106 周岁，按 80 周岁以上档，100.00 元", true, 1, 106},
		{"default: 79", P_DEFAULT, {.birth = {1947, 1, 1}}, {0, 0}, 10000, 0,
		 BENEFIT_UNDER_AGE, "", true, 0, 79},
		/* low-income only */
		{"low-income only, not low-income", P_LOW_INCOME, {.birth = {1940, 1, 1}}, {0, 0},
		 10000, 0, BENEFIT_NOT_LOW_INCOME, "本地高龄津贴只发放低收入老年人", false, 0, 0},
		{"low-income only, low-income", P_LOW_INCOME, {.birth = {1940, 1, 1}, .low_income = true},
		 {0, 0}, 10000, 10000, BENEFIT_PAID, "", false, 0, 0},
		{"low-income only, under age first", P_LOW_INCOME, {.birth = {1970, 1, 1}}, {0, 0},
		 10000, 0, BENEFIT_UNDER_AGE, "", false, 0, 0},
		{"universal by default", P_BANDS, {.birth = {1940, 1, 1}}, {0, 0}, 10000, 10000,
		 BENEFIT_PAID, "", false, 0, 0},
		/* 特困 and the disability subsidies do not exclude it */
		{"with 特困 and a subsidy", P_BANDS,
		 {.birth = {1930, 1, 1}, .tekun = true, PHYS(1), .other_living_fen = 99999}, {0, 0},
		 10000, 20000, BENEFIT_PAID, "", false, 0, 0},
	};
	run(benefit_elderly, t, DIB_ARRAY_LEN(t));
	/* the domain.md example: 90–99 at the standard of 100 元, 100+ at 300 元 */
	struct benefit_params p = benefit_params_default();
	p.elderly[0].min_age = 90;
	p.elderly[1] = (struct benefit_band){100, 30000};
	struct benefit_person who = {.birth = {1925, 5, 5}};
	struct benefit_result r;
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(benefit_elderly(&p, &who, JUNE, 10000, &r, &err), DIB_OK);
	assert_int_equal(r.fen, 30000);
	who.birth = (dib_date){1930, 5, 5};
	assert_int_equal(benefit_elderly(&p, &who, JUNE, 10000, &r, &err), DIB_OK);
	assert_int_equal(r.fen, 10000);
	assert_non_null(strstr(r.why, "90–99 周岁档"));
}

/* The checks of the parameters, with the parameter named. */
static void test_benefit__params_check(void **state)
{
	(void)state;
	struct benefit_params d = benefit_params_default();
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(benefit_params_check(&d, &err), DIB_OK);
	assert_int_equal(d.disab_care_grade2_bp, 10000);
	assert_false(d.disab_living_edge);
	assert_false(d.disab_care_mental34);
	assert_int_equal(d.elderly[0].min_age, 80);
	assert_int_equal(d.elderly[1].min_age, 0);
	assert_true(d.elderly_from_birthday_month);
	assert_false(d.elderly_low_income_only);
	assert_false(d.orphan_topup);
	assert_int_equal(d.tekun_care_fen[BENEFIT_CARE_FULL], 0);
	for (int ps = P_DEFAULT; ps <= P_ODD; ps++) {
		struct benefit_params p = params((enum pset)ps);
		assert_int_equal(benefit_params_check(&p, &err), DIB_OK);
	}

	enum { GRADE2_LO, GRADE2_HI, M34_HI, CARE_LO, CARE_HI, AGE1_LO, AGE1_HI, FEN1, SAME_AGE,
	       DOWN_AGE, NO_FEN, GAP, FEN_LO, AGE_HI, FEN_NO_AGE, ROUND };
	static const struct {
		int what;
		const char *part;
	} t[] = {
		{GRADE2_LO, "护理补贴二级残疾比例"},
		{GRADE2_HI, "应在 0–10000 之间"},
		{M34_HI, "三、四级智力、精神残疾人护理补贴比例"},
		{CARE_LO, "特困人员照料护理标准 (半护理)\" 为 -0.01 元"},
		{CARE_HI, "特困人员照料护理标准 (全护理)"},
		{AGE1_LO, "高龄津贴起始年龄 (第 1 档)\" 为 49，应在 50–120 之间"},
		{AGE1_HI, "高龄津贴起始年龄 (第 1 档)\" 为 121"},
		{FEN1, "第 1 档按高龄津贴标准发放，不能另设金额"},
		{SAME_AGE, "\"高龄津贴第 2 档起始年龄\" 为 80，应高于第 1 档的 80 周岁"},
		{DOWN_AGE, "\"高龄津贴第 3 档起始年龄\" 为 95，应高于第 2 档的 100 周岁"},
		{NO_FEN, "高龄津贴第 2 档 (90 周岁起) 没有设定金额"},
		{GAP, "高龄津贴第 3 档 (100 周岁起) 之前有未设定的档位"},
		{FEN_LO, "高龄津贴第 2 档金额"},
		{AGE_HI, "高龄津贴第 2 档起始年龄\" 为 151"},
		{FEN_NO_AGE, "高龄津贴第 4 档设定了金额 1.00 元，但没有设定起始年龄"},
		{ROUND, "补贴金额取整"},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		struct benefit_params p = benefit_params_default();
		switch (t[i].what) {
		case GRADE2_LO: p.disab_care_grade2_bp = -1; break;
		case GRADE2_HI: p.disab_care_grade2_bp = 10001; break;
		case M34_HI: p.disab_care_mental34_bp = 10001; break;
		case CARE_LO: p.tekun_care_fen[BENEFIT_CARE_HALF] = -1; break;
		case CARE_HI: p.tekun_care_fen[BENEFIT_CARE_FULL] = BENEFIT_MAX_FEN + 1; break;
		case AGE1_LO: p.elderly[0].min_age = 49; break;
		case AGE1_HI: p.elderly[0].min_age = 121; break;
		case FEN1: p.elderly[0].fen = 100; break;
		case SAME_AGE: p.elderly[1] = (struct benefit_band){80, 100}; break;
		case DOWN_AGE:
			p.elderly[1] = (struct benefit_band){100, 100};
			p.elderly[2] = (struct benefit_band){95, 100};
			break;
		case NO_FEN: p.elderly[1] = (struct benefit_band){90, 0}; break;
		case GAP: p.elderly[2] = (struct benefit_band){100, 100}; break;
		case FEN_LO: p.elderly[1] = (struct benefit_band){90, -5}; break;
		case AGE_HI: p.elderly[1] = (struct benefit_band){151, 100}; break;
		case FEN_NO_AGE: p.elderly[3] = (struct benefit_band){0, 100}; break;
		case ROUND: p.rounding.unit = (enum money_unit)3; break;
		}
		dib_err_clear(&err);
		if (benefit_params_check(&p, &err) != DIB_EINVAL)
			fail_msg("row %zu accepted", i);
		if (!strstr(err.msg, t[i].part))
			fail_msg("row %zu: \"%s\" lacks \"%s\"", i, err.msg, t[i].part);
	}
	/* bad parameters are refused by every program too */
	struct benefit_params p = benefit_params_default();
	p.elderly[0].fen = 1;
	struct benefit_person who = {PHYS(1), .dibao = true};
	struct benefit_result r;
	dib_err_clear(&err);
	assert_int_equal(benefit_disab_living(&p, &who, JUNE, 10000, &r, &err), DIB_EINVAL);
}

/* Refused input: DIB_EINVAL with a Chinese message, *out untouched. */
static void test_benefit__refused_input(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		struct benefit_person who;
		dib_month m;
		dib_fen std;
		const char *part;
	} t[] = {
		{"grade 5", {.disability_grade = 5}, {2026, 6}, 100, "残疾等级 5 不正确"},
		{"grade -1", {.disability_grade = -1}, {2026, 6}, 100, "残疾等级"},
		{"kind 8", {.disability_kind = 8}, {2026, 6}, 100, "残疾类别 8 不正确"},
		{"7 indicators", {.self_care_unmet = 7}, {2026, 6}, 100, "自理指标数 7 不正确"},
		{"-1 indicators", {.self_care_unmet = -1}, {2026, 6}, 100, "自理指标数"},
		{"negative other", {.other_living_fen = -1}, {2026, 6}, 100,
		 "其他福利性生活补贴 -0.01 元不正确"},
		{"other care too big", {.other_care_fen = BENEFIT_MAX_FEN + 1}, {2026, 6}, 100,
		 "其他福利性护理补贴"},
		{"got too big", {.got_dibao_fen = BENEFIT_MAX_FEN + 1}, {2026, 6}, 100, "已领低保金"},
		{"negative got", {.got_living_fen = -1}, {2026, 6}, 100, "已领困难残疾人生活补贴"},
		{"bad birth", {.birth = {2026, 2, 30}}, {2026, 6}, 100, "出生日期 2026-02-30 不正确"},
		{"born after the month", {.birth = {2026, 7, 1}}, {2026, 6}, 100,
		 "出生日期 2026-07-01 晚于发放月份 2026-06"},
		{"orphan and unsupported", {.orphan = true, .unsupported = true}, {2026, 6}, 100,
		 "既是孤儿又是事实无人抚养儿童"},
		{"orphan and 特困", {.orphan = true, .tekun = true}, {2026, 6}, 100,
		 "孤儿与特困人员只能认定其一"},
		{"full without unsupported", {.unsupported_full = true}, {2026, 6}, 100,
		 "须是事实无人抚养儿童"},
		{"full with 低保", {.unsupported = true, .unsupported_full = true, .got_dibao_fen = 1},
		 {2026, 6}, 100, "只能补差，不是全额领取"},
		{"standard 0", {.orphan = false}, {2026, 6}, 0, "标准 0.00 元不正确"},
		{"standard negative", {.orphan = false}, {2026, 6}, -1, "标准"},
		{"standard too big", {.orphan = false}, {2026, 6}, BENEFIT_MAX_FEN + 1, "标准"},
		{"month 13", {.orphan = false}, {2026, 13}, 100, "发放月份 2026-13 不正确"},
		{"month 0", {.orphan = false}, {2026, 0}, 100, "发放月份"},
	};
	static const fn_t fns[] = {benefit_disab_living, benefit_disab_care, benefit_tekun,
				   benefit_orphan_inst, benefit_orphan_scattered,
				   benefit_child_unsupported, benefit_elderly};
	struct benefit_params p = benefit_params_default();
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		for (size_t f = 0; f < DIB_ARRAY_LEN(fns); f++) {
			struct benefit_result r;
			dib_err err;
			dib_err_clear(&err);
			memset(&r, 0x5a, sizeof r);
			if (fns[f](&p, &t[i].who, t[i].m, t[i].std, &r, &err) != DIB_EINVAL)
				fail_msg("%s: accepted by program %zu", t[i].what, f);
			if (!strstr(err.msg, t[i].part))
				fail_msg("%s: \"%s\" lacks \"%s\"", t[i].what, err.msg, t[i].part);
			assert_int_equal(r.fen, 0x5a5a5a5a5a5a5a5a);
		}
	}
	/* 高龄津贴 needs a birth date */
	struct benefit_person who = {.orphan = false};
	struct benefit_result r;
	dib_err err;
	dib_err_clear(&err);
	memset(&r, 0x5a, sizeof r);
	assert_int_equal(benefit_elderly(&p, &who, JUNE, 100, &r, &err), DIB_EINVAL);
	assert_non_null(strstr(err.msg, "出生日期不能为空"));
	assert_int_equal(r.fen, 0x5a5a5a5a5a5a5a5a);
	/* the extremes do not overflow: the largest standard at 100 % */
	struct benefit_params x = params(P_EXT);
	x.disab_care_grade2_bp = 10000;
	struct benefit_person big = {PHYS(2), .long_term_care = true,
				     .other_care_fen = BENEFIT_MAX_FEN};
	dib_err_clear(&err);
	assert_int_equal(benefit_disab_care(&x, &big, JUNE, BENEFIT_MAX_FEN, &r, &err), DIB_OK);
	assert_int_equal(r.full_fen, BENEFIT_MAX_FEN);
	assert_int_equal(r.reason, BENEFIT_OTHER_HIGHER);
	struct benefit_person kid = {.unsupported = true, .got_dibao_fen = BENEFIT_MAX_FEN,
				     .got_tekun_fen = BENEFIT_MAX_FEN,
				     .got_living_fen = BENEFIT_MAX_FEN};
	assert_int_equal(benefit_child_unsupported(&x, &kid, JUNE, BENEFIT_MAX_FEN, &r, &err),
			 DIB_OK);
	assert_int_equal(r.fen, 0);
	assert_int_equal(r.offset_fen, 3 * BENEFIT_MAX_FEN);
}

/* benefit_compute reaches each program's function; anything else is refused. */
static void test_benefit__dispatch(void **state)
{
	(void)state;
	struct benefit_params p = params(P_TEKUN);
	struct benefit_person who = {PHYS(1), .long_term_care = true, .dibao = true,
				     .self_care_unmet = 5, .birth = {1930, 1, 1}};
	static const struct {
		const char *code;
		fn_t fn;
	} t[] = {
		{"disab_living", benefit_disab_living},
		{"disab_care", benefit_disab_care},
		{"tekun_central", benefit_tekun},
		{"tekun_dispersed", benefit_tekun},
		{"orphan_inst", benefit_orphan_inst},
		{"orphan_scattered", benefit_orphan_scattered},
		{"child_unsupported", benefit_child_unsupported},
		{"elderly_allowance", benefit_elderly},
	};
	dib_err err;
	for (int tekun = 0; tekun < 2; tekun++) {
		who.tekun = tekun;
		for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
			struct benefit_result a, b;
			dib_err_clear(&err);
			assert_int_equal(benefit_compute(&p, t[i].code, &who, JUNE, 12345, &a, &err),
					 DIB_OK);
			assert_int_equal(t[i].fn(&p, &who, JUNE, 12345, &b, &err), DIB_OK);
			if (a.fen != b.fen || a.reason != b.reason || strcmp(a.why, b.why))
				fail_msg("%s: dispatch differs", t[i].code);
		}
	}
	static const char *const bad[] = {"dibao_urban", "dibao_rural", "temp_aid", "x", "", NULL};
	for (size_t i = 0; i < DIB_ARRAY_LEN(bad); i++) {
		struct benefit_result r;
		dib_err_clear(&err);
		assert_int_equal(benefit_compute(&p, bad[i], &who, JUNE, 100, &r, &err), DIB_EINVAL);
		assert_non_null(strstr(err.msg, "不是按人计发的补贴项目"));
	}
}

/* §4.3 自递交申请当月起; S3 第十八条 and S11 确认的次月起. */
static void test_benefit__first_month(void **state)
{
	(void)state;
	static const struct {
		const char *program;
		dib_date applied, decided;
		dib_month want;
	} t[] = {
		{"disab_living", {2026, 3, 20}, {2026, 5, 10}, {2026, 3}},
		{"disab_care", {2026, 3, 31}, {2026, 4, 1}, {2026, 3}},
		{"tekun_central", {2026, 3, 20}, {2026, 5, 10}, {2026, 6}},
		{"tekun_dispersed", {2026, 3, 20}, {2026, 5, 31}, {2026, 6}},
		{"child_unsupported", {2026, 11, 2}, {2026, 12, 5}, {2027, 1}},
		{"orphan_inst", {2026, 1, 2}, {2026, 1, 20}, {2026, 2}},
		{"orphan_scattered", {2026, 1, 2}, {2026, 1, 20}, {2026, 2}},
		{"elderly_allowance", {2026, 1, 2}, {2026, 1, 2}, {2026, 2}},
	};
	dib_err err;
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		dib_month m = {0, 0};
		dib_err_clear(&err);
		assert_int_equal(benefit_first_month(t[i].program, t[i].applied, t[i].decided, &m,
						     &err), DIB_OK);
		if (month_cmp(m, t[i].want))
			fail_msg("%s: %d-%02d", t[i].program, m.year, m.month);
	}
	dib_month m = {1, 1};
	dib_err_clear(&err);
	assert_int_equal(benefit_first_month("disab_care", (dib_date){2026, 5, 2},
					     (dib_date){2026, 5, 1}, &m, &err), DIB_EINVAL);
	assert_non_null(strstr(err.msg, "决定日期早于申请日期"));
	dib_err_clear(&err);
	assert_int_equal(benefit_first_month("tekun_central", (dib_date){2026, 2, 30},
					     (dib_date){2026, 5, 1}, &m, &err), DIB_EINVAL);
	dib_err_clear(&err);
	assert_int_equal(benefit_first_month("dibao_urban", (dib_date){2026, 5, 1},
					     (dib_date){2026, 5, 1}, &m, &err), DIB_EINVAL);
	assert_non_null(strstr(err.msg, "\"dibao_urban\""));
	dib_err_clear(&err);
	assert_int_equal(benefit_first_month(NULL, (dib_date){2026, 5, 1}, (dib_date){2026, 5, 1},
					     &m, &err), DIB_EINVAL);
	assert_int_equal(m.year, 1); /* untouched */
}

/* §2.4's grades, the ages the rules take, and the reason codes. */
static void test_benefit__grades_ages_codes(void **state)
{
	(void)state;
	static const struct {
		int unmet;
		enum benefit_care_grade g;
		const char *name;
	} t[] = {
		{-1, BENEFIT_CARE_SELF, "全自理"}, {0, BENEFIT_CARE_SELF, "全自理"},
		{1, BENEFIT_CARE_HALF, "半护理"},  {2, BENEFIT_CARE_HALF, "半护理"},
		{3, BENEFIT_CARE_HALF, "半护理"},  {4, BENEFIT_CARE_FULL, "全护理"},
		{5, BENEFIT_CARE_FULL, "全护理"},  {6, BENEFIT_CARE_FULL, "全护理"},
		{7, BENEFIT_CARE_FULL, "全护理"},
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		assert_int_equal(benefit_care_grade_of(t[i].unmet), t[i].g);
		assert_string_equal(benefit_care_grade_name(t[i].g), t[i].name);
	}
	assert_string_equal(benefit_care_grade_name((enum benefit_care_grade)3), "");

	struct benefit_params p = benefit_params_default();
	assert_int_equal(benefit_elderly_age(&p, (dib_date){1946, 7, 31}, (dib_month){2026, 7}), 80);
	assert_int_equal(benefit_elderly_age(&p, (dib_date){1946, 8, 1}, (dib_month){2026, 7}), 79);
	assert_int_equal(benefit_elderly_age(&p, (dib_date){0, 0, 0}, (dib_month){2026, 7}), -1);
	p.elderly_from_birthday_month = false;
	assert_int_equal(benefit_elderly_age(&p, (dib_date){1946, 7, 1}, (dib_month){2026, 7}), 79);
	assert_int_equal(benefit_elderly_age(&p, (dib_date){1946, 6, 30}, (dib_month){2026, 7}), 80);
	assert_int_equal(benefit_elderly_age(&p, (dib_date){1946, 12, 31}, (dib_month){2027, 1}), 80);
	assert_int_equal(benefit_child_age((dib_date){2008, 6, 15}, (dib_month){2026, 6}), 17);
	assert_int_equal(benefit_child_age((dib_date){2008, 6, 15}, (dib_month){2026, 7}), 18);
	assert_int_equal(benefit_child_age((dib_date){2026, 6, 15}, (dib_month){2026, 6}), 0);
	assert_int_equal(benefit_child_age((dib_date){0, 0, 0}, (dib_month){2026, 6}), -1);

	for (int i = 0; i < BENEFIT_REASONS; i++) {
		const char *c = benefit_reason_code((enum benefit_reason)i);
		if (!c[0])
			fail_msg("reason %d has no code", i);
		for (int j = 0; j < i; j++)
			if (!strcmp(c, benefit_reason_code((enum benefit_reason)j)))
				fail_msg("reason code \"%s\" twice", c);
	}
	assert_string_equal(benefit_reason_code(BENEFIT_TOPUP), "topup");
	assert_string_equal(benefit_reason_code(BENEFIT_NOT_LOW_INCOME), "not_low_income");
	assert_string_equal(benefit_reason_code((enum benefit_reason)BENEFIT_REASONS), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_benefit__disab_living),
		cmocka_unit_test(test_benefit__disab_care),
		cmocka_unit_test(test_benefit__tekun),
		cmocka_unit_test(test_benefit__orphan),
		cmocka_unit_test(test_benefit__child_unsupported),
		cmocka_unit_test(test_benefit__elderly),
		cmocka_unit_test(test_benefit__params_check),
		cmocka_unit_test(test_benefit__refused_input),
		cmocka_unit_test(test_benefit__dispatch),
		cmocka_unit_test(test_benefit__first_month),
		cmocka_unit_test(test_benefit__grades_ages_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
