/*
 * test_gen.c — the synthetic data generator (svc/gen.h): determinism, and
 * that what it writes is valid and plausible — every ID number valid with
 * birth date and sex agreeing with the member's relation, no duplicate IDs,
 * Luhn-valid cards, household sizes in their proportions, every member in
 * an existing household, every household in an existing village of the
 * county's real townships. One 20 000-household data set is generated once
 * for the group and read back with the project's CSV reader.
 * Single-threaded.
 */
#include "util/dib.h"
#include "util/csv.h"
#include "util/hmap.h"
#include "util/arena.h"
#include "core/bankcard.h"
#include "core/codes.h"
#include "core/date.h"
#include "core/idcard.h"
#include "core/region.h"
#include "svc/gen.h"

#include <setjmp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#define BIG_N 20000

static const dib_date REF = { GEN_REF_YEAR, 1, 1 };

static void data_dir(char *out, size_t cap)
{
	const char *src = getenv("DIB_SOURCE_DIR");
	snprintf(out, cap, "%s/data", src && *src ? src : DIB_SOURCE_DIR);
}

/* The three files of one run, in memory. */
struct run {
	char *txt[3];
	size_t len[3];
	struct gen_result res;
};

static char *slurp(FILE *f, size_t *len)
{
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	long n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	char *p = malloc((size_t)n + 1);
	assert_non_null(p);
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	p[n] = '\0';
	*len = (size_t)n;
	return p;
}

static dib_code gen_run(uint64_t n, uint64_t seed, const char *county,
			struct run *r, dib_err *err)
{
	char dir[4096];
	data_dir(dir, sizeof dir);
	struct gen_opts o = {
		.households = n, .seed = seed, .county = county, .data_dir = dir,
	};
	FILE *f[3];
	for (int i = 0; i < 3; i++) {
		f[i] = tmpfile();
		assert_non_null(f[i]);
	}
	memset(r, 0, sizeof *r);
	dib_code rc = gen_write(&o, f[0], f[1], f[2], &r->res, err);
	for (int i = 0; i < 3; i++) {
		if (!rc)
			r->txt[i] = slurp(f[i], &r->len[i]);
		fclose(f[i]);
	}
	return rc;
}

static void run_free(struct run *r)
{
	for (int i = 0; i < 3; i++)
		free(r->txt[i]);
}

/* ---- reading the CSV back ---- */

#define MAXF 16

struct rows {
	size_t n;         /* data rows */
	size_t nf;        /* fields per row (from the header) */
	char **f;         /* n * nf strings in the arena */
	dib_arena arena;
};

static void rows_read(const char *txt, size_t len, struct rows *out)
{
	dib_csv *csv = NULL;
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(dib_csv_open_mem(txt, len, 0, &csv, &err), DIB_OK);
	dib_arena_init(&out->arena, 1 << 20, 0);
	size_t cap = 1024;
	out->n = 0;
	out->nf = 0;
	out->f = malloc(cap * sizeof *out->f);
	assert_non_null(out->f);
	for (;;) {
		const dib_csv_field *fl;
		size_t nf;
		bool eof;
		assert_int_equal(dib_csv_read(csv, &fl, &nf, &eof, &err), DIB_OK);
		if (eof)
			break;
		if (dib_csv_record_no(csv) == 1) {
			out->nf = nf;
			continue;
		}
		assert_int_equal(nf, out->nf);
		if ((out->n + 1) * nf > cap) {
			cap *= 2;
			out->f = realloc(out->f, cap * sizeof *out->f);
			assert_non_null(out->f);
		}
		for (size_t i = 0; i < nf; i++) {
			out->f[out->n * nf + i] = dib_arena_strndup(&out->arena, fl[i].ptr, fl[i].len);
			assert_non_null(out->f[out->n * nf + i]);
		}
		out->n++;
	}
	dib_csv_close(csv);
}

static const char *cell(const struct rows *r, size_t row, size_t col)
{
	return r->f[row * r->nf + col];
}

static void rows_free(struct rows *r)
{
	free(r->f);
	dib_arena_release(&r->arena);
}

/* ---- the shared big data set ---- */

struct big {
	struct run run;
	struct rows reg, hh, mem;
};

static int big_setup(void **state)
{
	struct big *b = calloc(1, sizeof *b);
	assert_non_null(b);
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(gen_run(BIG_N, 20260101, NULL, &b->run, &err), DIB_OK);
	rows_read(b->run.txt[0], b->run.len[0], &b->reg);
	rows_read(b->run.txt[1], b->run.len[1], &b->hh);
	rows_read(b->run.txt[2], b->run.len[2], &b->mem);
	*state = b;
	return 0;
}

static int big_teardown(void **state)
{
	struct big *b = *state;
	rows_free(&b->reg);
	rows_free(&b->hh);
	rows_free(&b->mem);
	run_free(&b->run);
	free(b);
	return 0;
}

/* members.csv columns */
enum { M_NO, M_NAME, M_ID, M_REL, M_HEALTH, M_LABOUR, M_DKIND, M_DGRADE, M_DCERT,
       M_IKIND, M_INCOME };
/* households.csv columns */
enum { H_NO, H_VILLAGE, H_ADDR, H_REG, H_BANK, H_CARD, H_HOLDER, H_PHONE };

static int code_of(enum codes_table t, const char *s)
{
	int v = -1;
	dib_err err;
	dib_err_clear(&err);
	if (codes_parse(t, s, strlen(s), 0, &v, &err) != DIB_OK)
		fail_msg("%s \"%s\" is not a known name", codes_label(t), s);
	return v;
}

/* ---- tests ---- */

static void test_gen__same_seed_same_bytes(void **state)
{
	(void)state;
	struct run a, b;
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(gen_run(2000, 42, NULL, &a, &err), DIB_OK);
	assert_int_equal(gen_run(2000, 42, NULL, &b, &err), DIB_OK);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(a.len[i], b.len[i]);
		assert_memory_equal(a.txt[i], b.txt[i], a.len[i]);
	}
	assert_int_equal(a.res.persons, b.res.persons);
	run_free(&a);
	run_free(&b);
}

static void test_gen__different_seed_differs(void **state)
{
	(void)state;
	struct run a, b;
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(gen_run(500, 1, NULL, &a, &err), DIB_OK);
	assert_int_equal(gen_run(500, 2, NULL, &b, &err), DIB_OK);
	for (int i = 0; i < 3; i++)
		assert_false(a.len[i] == b.len[i] && !memcmp(a.txt[i], b.txt[i], a.len[i]));
	run_free(&a);
	run_free(&b);
}

static void test_gen__villages_do_not_depend_on_household_count(void **state)
{
	(void)state;
	struct run a, b;
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(gen_run(10, 9, NULL, &a, &err), DIB_OK);
	assert_int_equal(gen_run(300, 9, NULL, &b, &err), DIB_OK);
	assert_int_equal(a.len[0], b.len[0]);
	assert_memory_equal(a.txt[0], b.txt[0], a.len[0]);
	run_free(&a);
	run_free(&b);
}

static void test_gen__result_counts_match_files(void **state)
{
	struct big *b = *state;
	assert_string_equal(b->run.res.county, "410726");
	assert_int_equal(b->run.res.households, BIG_N);
	assert_int_equal(b->hh.n, BIG_N);
	assert_int_equal(b->run.res.persons, b->mem.n);
	/* 3 rows above the townships, then townships and villages. */
	assert_int_equal(b->reg.n, 3 + (size_t)b->run.res.townships + (size_t)b->run.res.villages);
	assert_int_equal(b->reg.nf, 4);
	assert_int_equal(b->hh.nf, 8);
	assert_int_equal(b->mem.nf, 11);
}

static void test_gen__headers_exact(void **state)
{
	struct big *b = *state;
	const char *r = b->run.txt[0], *h = b->run.txt[1], *m = b->run.txt[2];
	const char *rh = "区划代码,名称,上级代码,城乡分类代码\n";
	const char *hh = "户编号,所属村(社区)代码,家庭住址,户籍类别,开户银行,银行卡号,持卡人,联系电话\n";
	const char *mh = "户编号,姓名,身份证号,与户主关系,健康状况,劳动能力,残疾类别,残疾等级,残疾证号,收入类型,月收入(元)\n";
	assert_memory_equal(r, rh, strlen(rh));
	assert_memory_equal(h, hh, strlen(hh));
	assert_memory_equal(m, mh, strlen(mh));
	/* LF line ends only, no BOM. */
	for (int i = 0; i < 3; i++) {
		assert_null(memchr(b->run.txt[i], '\r', b->run.len[i]));
		assert_true((unsigned char)b->run.txt[i][0] != 0xEF);
	}
}

static void test_gen__region_tree(void **state)
{
	struct big *b = *state;
	const struct rows *r = &b->reg;
	assert_string_equal(cell(r, 0, 0), "410000000000");
	assert_string_equal(cell(r, 0, 1), "河南省");
	assert_string_equal(cell(r, 0, 2), "");
	assert_string_equal(cell(r, 1, 0), "410700000000");
	assert_string_equal(cell(r, 1, 1), "新乡市");
	assert_string_equal(cell(r, 1, 2), "410000000000");
	assert_string_equal(cell(r, 2, 0), "410726000000");
	assert_string_equal(cell(r, 2, 1), "延津县");
	assert_string_equal(cell(r, 2, 2), "410700000000");
	/* 延津县 has 3 街道, 4 镇, 6 乡 and 4 state units in the reference data. */
	assert_int_equal(b->run.res.townships, 17);

	dib_hmap codes;
	dib_hmap_init(&codes);
	int towns = 0, in_town = 0;
	bool saw_wenyan = false;
	for (size_t i = 0; i < r->n; i++) {
		const char *code = cell(r, i, 0);
		region_code rc;
		dib_err err;
		dib_err_clear(&err);
		assert_int_equal(region_parse(code, strlen(code), &rc, &err), DIB_OK);
		assert_string_equal(rc.code, code);
		assert_int_equal(dib_hmap_put(&codes, code, 12, (int64_t)i, NULL), DIB_OK);
		assert_true(cell(r, i, 1)[0] != '\0');
		if (i > 0) { /* the parent is listed before its child */
			region_code parent;
			assert_true(region_parent(&rc, &parent));
			assert_string_equal(cell(r, i, 2), parent.code);
			assert_true(dib_hmap_get(&codes, parent.code, 12, NULL));
		}
		if (rc.level == REGION_TOWNSHIP) {
			if (towns)
				assert_in_range(in_town, 10, 25);
			towns++;
			in_town = 0;
			if (!strcmp(code, "410726001000")) {
				assert_string_equal(cell(r, i, 1), "文岩街道");
				saw_wenyan = true;
			}
			assert_string_equal(cell(r, i, 3), "");
		} else if (rc.level == REGION_VILLAGE) {
			in_town++;
			const char *ur = cell(r, i, 3);
			assert_int_equal(strlen(ur), 3);
			const char *name = cell(r, i, 1);
			size_t n = strlen(name);
			if (region_village_type(&rc) == REGION_COMMUNITY) {
				assert_true(n > 6 && !strcmp(name + n - 6, "社区"));
				assert_true(ur[0] == '1' || !strcmp(ur, "210"));
			} else {
				assert_int_equal(region_village_type(&rc), REGION_VILLAGE_COMMITTEE);
				assert_true(n > 3 && !strcmp(name + n - 3, "村"));
			}
		} else {
			assert_true(i < 3);
		}
	}
	assert_in_range(in_town, 10, 25);
	assert_int_equal(towns, 17);
	assert_true(saw_wenyan);
	dib_hmap_release(&codes);
}

static void test_gen__households_in_existing_villages(void **state)
{
	struct big *b = *state;
	dib_hmap villages;
	dib_hmap_init(&villages);
	for (size_t i = 0; i < b->reg.n; i++) {
		const char *code = cell(&b->reg, i, 0);
		if (strcmp(code + 9, "000"))
			assert_int_equal(dib_hmap_put(&villages, code, 12, (int64_t)i, NULL), DIB_OK);
	}
	int urban = 0;
	for (size_t i = 0; i < b->hh.n; i++) {
		const char *v = cell(&b->hh, i, H_VILLAGE);
		int64_t row;
		assert_int_equal(strlen(v), 12);
		if (!dib_hmap_get(&villages, v, 12, &row))
			fail_msg("household %zu: village %s not in regions.csv", i + 1, v);
		/* The address names the county, the township and the village. */
		const char *addr = cell(&b->hh, i, H_ADDR);
		const char *vname = cell(&b->reg, (size_t)row, 1);
		assert_true(!strncmp(addr, "延津县", strlen("延津县")));
		assert_non_null(strstr(addr, vname));
		urban += code_of(CODES_REGISTRATION, cell(&b->hh, i, H_REG)) == CODES_URBAN;
	}
	/* Poor households are mostly rural. */
	assert_in_range(urban, BIG_N / 20, BIG_N / 2);
	dib_hmap_release(&villages);
}

static void test_gen__household_numbers_and_contacts(void **state)
{
	struct big *b = *state;
	for (size_t i = 0; i < b->hh.n; i++) {
		char want[32];
		snprintf(want, sizeof want, "410726-%07zu", i + 1);
		assert_string_equal(cell(&b->hh, i, H_NO), want);

		const char *card = cell(&b->hh, i, H_CARD);
		char digits[BANKCARD_MAX + 1];
		dib_err err;
		dib_err_clear(&err);
		if (bankcard_parse(card, strlen(card), digits, &err) != DIB_OK)
			fail_msg("household %zu: card %s: %s", i + 1, card, err.msg);
		assert_true(strlen(card) == 19 || strlen(card) == 16);
		static const struct {
			const char *bank;
			const char *bins;
		} known[] = {
			{ "中国农业银行", "622848 622845 622827" },
			{ "中国邮政储蓄银行", "621799 622188 621098" },
			{ "农村信用社", "623059 622991" },
			{ "中国工商银行", "622202 621226 621558" },
			{ "中国建设银行", "621700 622700" },
		};
		const char *bank = cell(&b->hh, i, H_BANK);
		bool ok = false;
		for (size_t k = 0; k < DIB_ARRAY_LEN(known); k++) {
			if (strcmp(known[k].bank, bank))
				continue;
			char bin[7];
			memcpy(bin, card, 6);
			bin[6] = '\0';
			ok = strstr(known[k].bins, bin) != NULL;
		}
		if (!ok)
			fail_msg("household %zu: bank %s with card %s", i + 1, bank, card);

		const char *phone = cell(&b->hh, i, H_PHONE);
		assert_int_equal(strlen(phone), 11);
		assert_true(phone[0] == '1' && phone[1] >= '3' && phone[1] <= '9');
		for (int k = 0; k < 11; k++)
			assert_true(phone[k] >= '0' && phone[k] <= '9');
	}
}

static void test_gen__bank_cards_unique(void **state)
{
	struct big *b = *state;
	dib_hmap seen;
	dib_hmap_init(&seen);
	for (size_t i = 0; i < b->hh.n; i++) {
		const char *c = cell(&b->hh, i, H_CARD);
		assert_int_equal(dib_hmap_put(&seen, c, strlen(c), (int64_t)i, NULL), DIB_OK);
	}
	dib_hmap_release(&seen);
}

/* Checks one member against the household head; ages on the reference date. */
static void check_relation(size_t row, int rel, const idcard *id, const idcard *head)
{
	int age = date_age_on(id->birth, REF), hage = date_age_on(head->birth, REF);
	switch (rel) {
	case CODES_REL_HEAD:
		assert_in_range(age, 18, 100);
		break;
	case CODES_REL_SPOUSE:
		if (id->sex == head->sex || abs(age - hage) > 10)
			fail_msg("row %zu: spouse sex %d age %d, head sex %d age %d", row,
				 id->sex, age, head->sex, hage);
		break;
	case CODES_REL_SON:
	case CODES_REL_DAUGHTER:
		if (id->sex != (rel == CODES_REL_SON ? IDCARD_MALE : IDCARD_FEMALE) ||
		    hage - age < 18)
			fail_msg("row %zu: child sex %d age %d, head age %d", row, id->sex, age, hage);
		break;
	case CODES_REL_GRANDCHILD:
		if (hage - age < 30)
			fail_msg("row %zu: grandchild age %d, head age %d", row, age, hage);
		break;
	case CODES_REL_PARENT:
		if (age - hage < 18)
			fail_msg("row %zu: parent age %d, head age %d", row, age, hage);
		break;
	default:
		fail_msg("row %zu: unexpected relation %d", row, rel);
	}
}

static void test_gen__members_valid_and_consistent(void **state)
{
	struct big *b = *state;
	const struct rows *m = &b->mem;
	dib_hmap ids, hhs;
	dib_hmap_init(&ids);
	dib_hmap_init(&hhs);
	for (size_t i = 0; i < b->hh.n; i++) {
		const char *no = cell(&b->hh, i, H_NO);
		assert_int_equal(dib_hmap_put(&hhs, no, strlen(no), (int64_t)i, NULL), DIB_OK);
	}
	idcard head = { .sex = IDCARD_MALE };
	const char *cur = "";
	size_t heads = 0, disabled = 0, serious = 0;
	char *holder_seen = calloc(b->hh.n, 1);
	assert_non_null(holder_seen);
	for (size_t i = 0; i < m->n; i++) {
		const char *no = cell(m, i, M_NO);
		int64_t hrow;
		if (!dib_hmap_get(&hhs, no, strlen(no), &hrow))
			fail_msg("member row %zu: household %s does not exist", i + 2, no);

		const char *num = cell(m, i, M_ID);
		idcard id;
		dib_err err;
		dib_err_clear(&err);
		if (idcard_parse(num, strlen(num), REF, &id, &err) != DIB_OK)
			fail_msg("member row %zu: %s", i + 2, err.msg);
		assert_string_equal(id.num, num);
		if (dib_hmap_put(&ids, num, IDCARD_LEN, (int64_t)i, NULL) != DIB_OK)
			fail_msg("member row %zu: duplicate ID %s", i + 2, num);

		int rel = code_of(CODES_RELATION, cell(m, i, M_REL));
		bool first = strcmp(no, cur) != 0;
		/* The head comes first, and only first. */
		assert_int_equal(first, rel == CODES_REL_HEAD);
		if (first) {
			head = id;
			cur = no;
			heads++;
			/* 持卡人 is the head's name. */
			assert_string_equal(cell(&b->hh, (size_t)hrow, H_HOLDER), cell(m, i, M_NAME));
			holder_seen[hrow] = 1;
		}
		check_relation(i + 2, rel, &id, &head);

		int age = date_age_on(id.birth, REF);
		int health = code_of(CODES_HEALTH, cell(m, i, M_HEALTH));
		int labour = code_of(CODES_LABOUR, cell(m, i, M_LABOUR));
		serious += health == CODES_SERIOUS;
		if (age < 16 || age >= 70)
			assert_int_equal(labour, CODES_LABOUR_NONE);

		const char *dk = cell(m, i, M_DKIND), *dg = cell(m, i, M_DGRADE);
		const char *dc = cell(m, i, M_DCERT);
		assert_int_equal(!*dk, !*dg);
		assert_int_equal(!*dk, !*dc);
		if (*dk) {
			disabled++;
			int k = code_of(CODES_DISABILITY_KIND, dk);
			int g = code_of(CODES_DISABILITY_GRADE, dg);
			char want[IDCARD_LEN + 3];
			snprintf(want, sizeof want, "%s%d%d", num, k, g);
			assert_string_equal(dc, want);
			if (g <= 2)
				assert_int_equal(labour, CODES_LABOUR_NONE);
		}

		const char *ik = cell(m, i, M_IKIND), *inc = cell(m, i, M_INCOME);
		assert_int_equal(!*ik, !*inc);
		if (*ik) {
			int k = code_of(CODES_INCOME_KIND, ik);
			const char *dot = strchr(inc, '.');
			assert_non_null(dot);
			assert_int_equal(strlen(dot), 3);
			long yuan = strtol(inc, NULL, 10);
			if (k == CODES_INCOME_TRANSFER)
				assert_in_range(yuan, 100, 300);
			else
				assert_in_range(yuan, 300, 2500);
		}
	}
	assert_int_equal(heads, b->hh.n);
	for (size_t i = 0; i < b->hh.n; i++)
		assert_true(holder_seen[i]);
	/* About 8 % disabled and 8 % seriously ill. */
	assert_in_range(disabled * 1000 / m->n, 60, 100);
	assert_in_range(serious * 1000 / m->n, 60, 100);
	free(holder_seen);
	dib_hmap_release(&ids);
	dib_hmap_release(&hhs);
}

static void test_gen__household_size_distribution(void **state)
{
	struct big *b = *state;
	size_t by_size[6] = { 0 }; /* 1, 2, 3, 4, 5+ */
	size_t run = 0;
	for (size_t i = 0; i <= b->mem.n; i++) {
		if (i > 0 && (i == b->mem.n || strcmp(cell(&b->mem, i, M_NO), cell(&b->mem, i - 1, M_NO)))) {
			by_size[run >= 5 ? 5 : run]++;
			run = 0;
		}
		run++;
	}
	size_t n = b->hh.n;
	/* per mille of households: 300, 250, 200, 150, 100 ± 30 */
	assert_in_range(by_size[1] * 1000 / n, 270, 330);
	assert_in_range(by_size[2] * 1000 / n, 220, 280);
	assert_in_range(by_size[3] * 1000 / n, 170, 230);
	assert_in_range(by_size[4] * 1000 / n, 120, 180);
	assert_in_range(by_size[5] * 1000 / n, 70, 130);
	/* mean about 2.5 persons */
	assert_in_range(b->mem.n * 100 / n, 235, 275);
}

static void test_gen__heads_skew_old(void **state)
{
	struct big *b = *state;
	size_t heads = 0, old = 0, male = 0;
	const char *cur = "";
	for (size_t i = 0; i < b->mem.n; i++) {
		if (!strcmp(cell(&b->mem, i, M_NO), cur))
			continue;
		cur = cell(&b->mem, i, M_NO);
		idcard id;
		dib_err err;
		dib_err_clear(&err);
		const char *num = cell(&b->mem, i, M_ID);
		assert_int_equal(idcard_parse(num, strlen(num), REF, &id, &err), DIB_OK);
		int age = date_age_on(id.birth, REF);
		heads++;
		old += age >= 55 && age <= 85;
		male += id.sex == IDCARD_MALE;
	}
	assert_true(old * 2 > heads); /* most heads are 55–85 */
	assert_true(male * 3 > heads * 2); /* mostly men */
}

static void test_gen__zero_households(void **state)
{
	(void)state;
	struct run r;
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(gen_run(0, 5, NULL, &r, &err), DIB_OK);
	assert_int_equal(r.res.households, 0);
	assert_int_equal(r.res.persons, 0);
	assert_true(r.res.villages >= 17 * 10);
	/* households.csv and members.csv: the header line only */
	for (int i = 1; i < 3; i++) {
		assert_int_equal(r.txt[i][r.len[i] - 1], '\n');
		assert_null(memchr(r.txt[i], '\n', r.len[i] - 1));
	}
	run_free(&r);
}

static void test_gen__other_county(void **state)
{
	(void)state;
	struct run r;
	dib_err err;
	dib_err_clear(&err);
	/* 封丘县, a neighbour of 延津县 */
	assert_int_equal(gen_run(50, 3, "410727", &r, &err), DIB_OK);
	assert_string_equal(r.res.county, "410727");
	assert_non_null(strstr(r.txt[0], "410727000000,封丘县,410700000000,"));
	assert_non_null(strstr(r.txt[1], "\n410727-0000001,410727"));
	run_free(&r);
}

static void test_gen__bad_options(void **state)
{
	(void)state;
	static const struct {
		const char *county;
		uint64_t n;
		dib_code want;
	} cases[] = {
		{ "999999", 10, DIB_EINVAL },  /* well-formed, not in the table */
		{ "41072", 10, DIB_EINVAL },   /* too short */
		{ "4107261", 10, DIB_EINVAL }, /* too long */
		{ "41a726", 10, DIB_EINVAL },
		{ "410700", 10, DIB_EINVAL },  /* a city, not a county */
		{ "410726", (uint64_t)GEN_MAX_HOUSEHOLDS + 1, DIB_EINVAL },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		struct run r;
		dib_err err;
		dib_err_clear(&err);
		assert_int_equal(gen_run(cases[i].n, 1, cases[i].county, &r, &err), cases[i].want);
		assert_true(err.msg[0] != '\0');
	}
}

static void test_gen__missing_reference_data(void **state)
{
	(void)state;
	struct gen_opts o = { .households = 1, .data_dir = "/nonexistent/dibao-data" };
	FILE *f = tmpfile();
	assert_non_null(f);
	struct gen_result res;
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(gen_write(&o, f, f, f, &res, &err), DIB_EIO);
	fclose(f);
}

static void test_gen__to_dir_creates_and_renames(void **state)
{
	(void)state;
	char base[] = "/tmp/dib_test_gen_XXXXXX";
	assert_non_null(mkdtemp(base));
	char dir[256], path[512], sub[1024];
	snprintf(dir, sizeof dir, "%s/a/b", base);
	char data[4096];
	data_dir(data, sizeof data);
	struct gen_opts o = { .households = 20, .seed = 7, .data_dir = data };
	struct gen_result res;
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(gen_to_dir(&o, dir, &res, &err), DIB_OK);
	static const char *const names[] = { "regions.csv", "households.csv", "members.csv" };
	for (int i = 0; i < 3; i++) {
		struct stat st;
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		assert_int_equal(stat(path, &st), 0);
		assert_true(st.st_size > 0);
		unlink(path);
		snprintf(path, sizeof path, "%s/%s.tmp", dir, names[i]);
		assert_int_not_equal(stat(path, &st), 0);
	}
	rmdir(dir);
	snprintf(path, sizeof path, "%s/a", base);
	rmdir(path);

	/* A regular file where the directory should be. */
	snprintf(path, sizeof path, "%s/file", base);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	dib_err_clear(&err);
	assert_int_equal(gen_to_dir(&o, path, &res, &err), DIB_EIO);
	snprintf(sub, sizeof sub, "%s/sub", path);
	dib_err_clear(&err);
	assert_int_equal(gen_to_dir(&o, sub, &res, &err), DIB_EIO);
	unlink(path);
	rmdir(base);
}

int main(void)
{
	const struct CMUnitTest alone[] = {
		cmocka_unit_test(test_gen__same_seed_same_bytes),
		cmocka_unit_test(test_gen__different_seed_differs),
		cmocka_unit_test(test_gen__villages_do_not_depend_on_household_count),
		cmocka_unit_test(test_gen__zero_households),
		cmocka_unit_test(test_gen__other_county),
		cmocka_unit_test(test_gen__bad_options),
		cmocka_unit_test(test_gen__missing_reference_data),
		cmocka_unit_test(test_gen__to_dir_creates_and_renames),
	};
	const struct CMUnitTest big[] = {
		cmocka_unit_test(test_gen__result_counts_match_files),
		cmocka_unit_test(test_gen__headers_exact),
		cmocka_unit_test(test_gen__region_tree),
		cmocka_unit_test(test_gen__households_in_existing_villages),
		cmocka_unit_test(test_gen__household_numbers_and_contacts),
		cmocka_unit_test(test_gen__bank_cards_unique),
		cmocka_unit_test(test_gen__members_valid_and_consistent),
		cmocka_unit_test(test_gen__household_size_distribution),
		cmocka_unit_test(test_gen__heads_skew_old),
	};
	int fails = cmocka_run_group_tests_name("gen", alone, NULL, NULL);
	fails += cmocka_run_group_tests_name("gen_big", big, big_setup, big_teardown);
	return fails;
}
