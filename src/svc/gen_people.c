/*
 * gen_people.c — invents one poor household at a time: its members (size,
 * relations, ages, sexes, names), their ID numbers, health, labour
 * capacity, disability and income, and the household's address, bank card
 * and phone; then writes its rows.
 *
 * The shapes are those of a county's social-assistance register: many old
 * people living alone or as a couple, unmarried adult children who are ill
 * or disabled, grandparents raising left-behind grandchildren, and younger
 * families where one earner supports children and a parent. Every random
 * choice comes from the run's PRNG, in a fixed order, so a seed always
 * gives the same households.
 *
 * ID numbers are unique in a run: each issued number is kept in an open-
 * addressing set of packed 32-bit keys (address index, birth day, sequence),
 * 4 bytes per person, so 2.5 million persons cost 16 MiB.
 *
 * Thread-safety: one struct gen_people per thread.
 */
#include "util/dib.h"
#include "svc/gen.h"
#include "svc/gen_int.h"
#include "core/bankcard.h"
#include "core/codes.h"
#include "core/date.h"
#include "core/idcard.h"

#define MAX_MEMBERS 8
#define NAME_CAP 32
/* Multiplier of the card-number permutation: coprime with 10, so
 * multiplying by them is a bijection mod 10^k (see card_body). */
#define CARD_MUL 387420489ull /* 3^18 */
#define CARD_MUL2 531441ull    /* 3^12 */

struct member {
	const char *surname;
	char name[NAME_CAP];
	char id[IDCARD_LEN + 1];
	int rel, age, sex;
	bool frail; /* the working-age adult who is why the household is poor */
	int health, labour, dis_kind, dis_grade, inc_kind;
	int64_t inc_fen;
};

struct household {
	int n;
	struct member m[MAX_MEMBERS];
};

/* ---- the ID number set ---- */

static size_t ids_slot(const struct gen_people *p, uint32_t key)
{
	/* Fibonacci hashing; cap is a power of two. */
	return (size_t)(((uint64_t)key * 0x9E3779B97F4A7C15ull) >> 32) & (p->ids_cap - 1);
}

/* Inserts key unless present; false when it was present. Capacity is
 * ensured by the caller (ids_reserve). */
static bool ids_insert(struct gen_people *p, uint32_t key)
{
	size_t i = ids_slot(p, key);
	while (p->ids[i]) {
		if (p->ids[i] == key)
			return false;
		i = (i + 1) & (p->ids_cap - 1);
	}
	p->ids[i] = key;
	p->ids_count++;
	return true;
}

/* Room for one more key at a load of at most one half. */
static dib_code ids_reserve(struct gen_people *p, dib_err *err)
{
	if ((p->ids_count + 1) * 2 <= p->ids_cap)
		return DIB_OK;
	size_t cap = p->ids_cap ? p->ids_cap * 2 : 1024;
	uint32_t *old = p->ids;
	size_t old_cap = p->ids_cap;
	p->ids = calloc(cap, sizeof *p->ids);
	if (!p->ids) {
		p->ids = old;
		return dib_err_nomem(err);
	}
	p->ids_cap = cap;
	p->ids_count = 0;
	for (size_t i = 0; i < old_cap; i++)
		if (old[i])
			ids_insert(p, old[i]);
	free(old);
	return DIB_OK;
}

dib_code gen__people_init(struct gen_people *p, uint64_t seed,
			  const char *county, const char *county_name,
			  const char (*addr)[7], unsigned naddr,
			  uint64_t households, dib_err *err)
{
	memset(p, 0, sizeof *p);
	gen__rng_seed(&p->rng, seed, 2);
	snprintf(p->county, sizeof p->county, "%s", county);
	p->county_name = county_name;
	p->addr = addr;
	p->naddr = naddr;
	p->day0 = date_to_days((dib_date){ 1900, 1, 1 });
	p->card_add = gen__next(&p->rng) % 1000000000000ull;
	/* About 2.6 persons per household at a load of one half: no rehash
	 * in a normal run. */
	size_t want = 1024;
	while (want / 2 < households * 3 && want < ((size_t)1 << 31))
		want *= 2;
	p->ids = calloc(want, sizeof *p->ids);
	if (!p->ids)
		return dib_err_nomem(err);
	p->ids_cap = want;
	return DIB_OK;
}

void gen__people_release(struct gen_people *p)
{
	if (!p)
		return;
	free(p->ids);
	p->ids = NULL;
	p->ids_cap = p->ids_count = 0;
}

/* ---- composition ---- */

static struct member *add(struct household *h, int rel, int age, int sex,
			  const char *surname)
{
	struct member *m = &h->m[h->n++];
	memset(m, 0, sizeof *m);
	m->rel = rel;
	m->age = age;
	m->sex = sex;
	m->surname = surname;
	return m;
}

static int clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static int sex_if(gen_rng *r, uint32_t male_permille)
{
	return gen__chance(r, male_permille) ? CODES_MALE : CODES_FEMALE;
}

static int other_sex(int sex)
{
	return sex == CODES_MALE ? CODES_FEMALE : CODES_MALE;
}

/* Surname the children carry: the father's. */
static const char *family_surname(gen_rng *r, const struct household *h)
{
	const struct member *head = &h->m[0];
	if (head->sex == CODES_MALE)
		return head->surname;
	if (h->n > 1 && h->m[1].rel == CODES_REL_SPOUSE)
		return h->m[1].surname;
	/* A widow or single mother: the children's father is not listed. */
	return gen__chance(r, 300) ? head->surname : gen__surname(r);
}

static void add_head_and_spouse(gen_rng *r, struct household *h, int age,
				uint32_t male_permille, bool spouse)
{
	int sex = sex_if(r, male_permille);
	add(h, CODES_REL_HEAD, age, sex, gen__surname(r));
	if (spouse) {
		/* Wives are usually a few years younger than their husbands. */
		int d = sex == CODES_MALE ? gen__range(r, -8, 2) : gen__range(r, -2, 8);
		add(h, CODES_REL_SPOUSE, clampi(age + d, 20, 98), other_sex(sex),
		    gen__surname(r));
	}
}

/* Adds k children (sons first, then daughters, each group eldest first),
 * the eldest `first` years old, the others 1–5 years apart. */
static void add_children(gen_rng *r, struct household *h, int k, int first,
			 const char *fam)
{
	int ages[MAX_MEMBERS], sexes[MAX_MEMBERS];
	int age = first;
	for (int i = 0; i < k; i++) {
		ages[i] = age;
		sexes[i] = sex_if(r, 520);
		age = age - gen__range(r, 1, 5);
		if (age < 0)
			age = 0;
	}
	const char *own = h->m[0].sex == CODES_FEMALE ? h->m[0].surname : NULL;
	for (int pass = 0; pass < 2; pass++) {
		int want = pass == 0 ? CODES_MALE : CODES_FEMALE;
		for (int i = 0; i < k; i++) {
			if (sexes[i] != want)
				continue;
			const char *sn = gen__chance(r, 950) ? fam : own ? own : gen__surname(r);
			add(h, want == CODES_MALE ? CODES_REL_SON : CODES_REL_DAUGHTER,
			    ages[i], want, sn);
		}
	}
}

/* The eldest child's age for parents whose younger partner is `base`. */
static int first_child_age(gen_rng *r, int base)
{
	int a = base - gen__range(r, 20, 32);
	return a >= 0 ? a : gen__range(r, 0, base > 20 ? base - 20 : 0);
}

static void compose_small(gen_rng *r, struct household *h, int size)
{
	if (size == 1) {
		if (gen__chance(r, 750)) { /* an old person living alone */
			add(h, CODES_REL_HEAD, gen__range(r, 60, 92), sex_if(r, 550),
			    gen__surname(r));
		} else { /* a sick or disabled adult living alone */
			add(h, CODES_REL_HEAD, gen__range(r, 30, 59), sex_if(r, 650),
			    gen__surname(r))->frail = true;
		}
		return;
	}
	uint32_t x = gen__below(r, 100);
	if (x < 55) { /* an old couple */
		add_head_and_spouse(r, h, gen__range(r, 58, 86), 900, true);
	} else if (x < 80) { /* an old parent and an unmarried, ailing child */
		int ha = gen__range(r, 62, 90);
		add(h, CODES_REL_HEAD, ha, sex_if(r, 500), gen__surname(r));
		const char *fam = family_surname(r, h);
		bool son = gen__chance(r, 700);
		int ca = ha - gen__range(r, 24, 36);
		add(h, son ? CODES_REL_SON : CODES_REL_DAUGHTER, ca < 18 ? 18 : ca,
		    son ? CODES_MALE : CODES_FEMALE, fam)->frail = true;
	} else { /* a single parent and a child */
		int ha = gen__range(r, 28, 50);
		add(h, CODES_REL_HEAD, ha, sex_if(r, 450), gen__surname(r));
		add_children(r, h, 1, first_child_age(r, ha), family_surname(r, h));
	}
}

static void compose(gen_rng *r, struct household *h)
{
	/* 1 person 30 %, 2: 25 %, 3: 20 %, 4: 15 %, 5+: 10 % (mean ≈ 2.55). */
	static const uint16_t size_w[] = { 300, 250, 200, 150, 60, 30, 10 };
	int size = 1 + (int)gen__pick(r, size_w, DIB_ARRAY_LEN(size_w), 1000);
	h->n = 0;
	if (size <= 2) {
		compose_small(r, h, size);
		return;
	}
	if (gen__chance(r, 350)) {
		/* Grandparents raising left-behind grandchildren, perhaps with
		 * an adult son who stayed at home. */
		int ha = gen__range(r, 56, 82);
		add_head_and_spouse(r, h, ha, 850, gen__chance(r, 700));
		int left = size - h->n;
		const char *fam = family_surname(r, h);
		if (left >= 2 && gen__chance(r, 400)) {
			int ca = ha - gen__range(r, 24, 34);
			add(h, CODES_REL_SON, ca < 18 ? 18 : ca, CODES_MALE, fam)->frail =
				gen__chance(r, 500);
			left--;
		}
		int pa = ha - gen__range(r, 22, 30); /* the absent parents' age */
		int g = pa - gen__range(r, 20, 30);
		if (g < 0)
			g = gen__range(r, 0, 6);
		if (g > 22)
			g = gen__range(r, 10, 22);
		for (int i = 0; i < left; i++) {
			const char *sn = gen__chance(r, 850) ? fam : gen__surname(r);
			add(h, CODES_REL_GRANDCHILD, g, sex_if(r, 520), sn);
			g -= gen__range(r, 1, 4);
			if (g < 0)
				g = 0;
		}
		return;
	}
	/* A younger family: children, and perhaps the head's old parents. */
	int ha = gen__range(r, 30, 60);
	add_head_and_spouse(r, h, ha, 880, gen__chance(r, 850));
	int left = size - h->n;
	int np = 0;
	if (left >= 2 && gen__chance(r, 300))
		np = left >= 3 && gen__chance(r, 400) ? 2 : 1;
	int base = h->n > 1 && h->m[1].age < ha ? h->m[1].age : ha;
	add_children(r, h, left - np, first_child_age(r, base), family_surname(r, h));
	for (int i = 0; i < np; i++) {
		int pa = clampi(ha + gen__range(r, 22, 34), 0, 98);
		/* One parent left is more often the mother. */
		int sex = np == 2 ? (i == 0 ? CODES_MALE : CODES_FEMALE) : sex_if(r, 350);
		add(h, CODES_REL_PARENT, pa, sex,
		    sex == CODES_MALE ? h->m[0].surname : gen__surname(r));
	}
}

/* ---- a person's circumstances ---- */

static void traits(gen_rng *r, struct member *m)
{
	int age = m->age;
	uint32_t x = gen__below(r, 1000);
	if (age < 18)
		m->health = x < 950 ? CODES_HEALTHY : x < 975 ? CODES_CHRONIC : CODES_SERIOUS;
	else if (age < 60 && m->frail)
		m->health = x < 450 ? CODES_HEALTHY : x < 800 ? CODES_CHRONIC : CODES_SERIOUS;
	else if (age < 60)
		m->health = x < 800 ? CODES_HEALTHY : x < 940 ? CODES_CHRONIC : CODES_SERIOUS;
	else
		m->health = x < 520 ? CODES_HEALTHY : x < 885 ? CODES_CHRONIC : CODES_SERIOUS;

	/* Shares of the second national disability survey: 肢体 most, then
	 * 听力, 视力, 多重; 言语 least. */
	static const uint16_t kind_w[] = { 140, 200, 20, 350, 80, 80, 130 };
	static const uint16_t grade_w[] = { 150, 250, 300, 300 };
	uint32_t dp = age < 18 ? 40 : age < 60 ? (m->frail ? 350 : 50) : 100;
	if (gen__chance(r, dp)) {
		m->dis_kind = 1 + (int)gen__pick(r, kind_w, DIB_ARRAY_LEN(kind_w), 1000);
		m->dis_grade = 1 + (int)gen__pick(r, grade_w, DIB_ARRAY_LEN(grade_w), 1000);
	}

	bool severe = m->health == CODES_SERIOUS || (m->dis_kind && m->dis_grade <= 2);
	bool impaired = m->health == CODES_CHRONIC || m->dis_kind;
	if (age < 18 || age >= 70 || severe)
		m->labour = CODES_LABOUR_NONE;
	else if (age >= 60)
		m->labour = gen__chance(r, 300) ? CODES_LABOUR_NONE : CODES_LABOUR_PARTIAL;
	else if (impaired)
		m->labour = CODES_LABOUR_PARTIAL;
	else
		m->labour = CODES_LABOUR_FULL;

	/* Monthly income: casual wages for those who can work, the basic
	 * pension of the rural and urban residents' scheme for the old;
	 * many have none (the columns stay empty). */
	x = gen__below(r, 1000);
	if (age >= 60) {
		if (x < 780) {
			m->inc_kind = CODES_INCOME_TRANSFER;
			m->inc_fen = (int64_t)gen__range(r, 1030, 3000) * 10;
		}
	} else if (m->labour == CODES_LABOUR_FULL) {
		if (x < 620) {
			m->inc_kind = CODES_INCOME_WAGE;
			m->inc_fen = (int64_t)gen__range(r, 80, 250) * 1000;
		} else if (x < 760) {
			m->inc_kind = CODES_INCOME_BUSINESS;
			m->inc_fen = (int64_t)gen__range(r, 30, 120) * 1000;
		}
	} else if (m->labour == CODES_LABOUR_PARTIAL && x < 350) {
		m->inc_kind = CODES_INCOME_WAGE;
		m->inc_fen = (int64_t)gen__range(r, 30, 120) * 1000;
	}
}

/* ---- ID numbers ---- */

static void put_digits(char *out, unsigned v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

static uint32_t pick_seq(gen_rng *r, int sex)
{
	/* 001–999: odd for men, even for women; 000 is not issued. */
	return sex == CODES_MALE ? 2 * gen__below(r, 500) + 1 : 2 * (gen__below(r, 499) + 1);
}

static uint32_t id_key(unsigned a, int32_t dayoff, uint32_t seq)
{
	return ((uint32_t)a << 26) | ((uint32_t)dayoff << 10) | seq;
}

/* Issues a number not used before in this run: born age full years before
 * the reference date (between 2 January and 31 December of that year, so
 * the age on GEN_REF_YEAR-01-01 is exactly `age`). */
static dib_code issue_id(struct gen_people *p, struct member *m, dib_err *err)
{
	gen_rng *r = &p->rng;
	dib_code rc = ids_reserve(p, err);
	if (rc)
		return rc;
	unsigned a = 0;
	/* Some members were born in a neighbouring county. */
	if (p->naddr > 1 && gen__chance(r, 150))
		a = 1 + gen__below(r, p->naddr - 1);
	int year = GEN_REF_YEAR - 1 - m->age;
	int32_t jan1 = date_to_days((dib_date){ year, 1, 1 });
	int diy = date_is_leap(year) ? 366 : 365;
	int32_t day = 0;
	uint32_t seq = 0;
	for (unsigned na = 0; na < p->naddr; na++, a = (a + 1) % p->naddr) {
		/* Random tries first; a full scan of the year only when the
		 * year is crowded (millions of persons of one age). */
		for (int t = 0; t < 64; t++) {
			day = jan1 + 1 + (int32_t)gen__below(r, (uint32_t)diy - 1);
			seq = pick_seq(r, m->sex);
			if (ids_insert(p, id_key(a, day - p->day0, seq)))
				goto found;
		}
		for (day = jan1 + 1; day < jan1 + diy; day++) {
			for (seq = m->sex == CODES_MALE ? 1 : 2; seq <= 999; seq += 2)
				if (ids_insert(p, id_key(a, day - p->day0, seq)))
					goto found;
		}
	}
	return dib_err_set(err, DIB_EINTERNAL, "无法为 %d 年出生的人生成不重复的身份证号", year);
found:;
	dib_date b = date_from_days(day);
	char *id = m->id;
	memcpy(id, p->addr[a], 6);
	put_digits(id + 6, (unsigned)b.year, 4);
	put_digits(id + 10, (unsigned)b.month, 2);
	put_digits(id + 12, (unsigned)b.day, 2);
	put_digits(id + 14, seq, 3);
	id[17] = idcard_check_char(id);
	id[18] = '\0';
	return DIB_OK;
}

/* ---- writing ---- */

static void put_code(gen_out *o, enum codes_table t, int code)
{
	const char *s = code ? codes_name(t, code) : NULL;
	if (s)
		gen_out_puts(o, s);
}

static void write_member(gen_out *o, const char *no, size_t nlen,
			 const struct member *m)
{
	gen_out_put(o, no, nlen);
	gen_out_c(o, ',');
	gen_out_fields(o, m->name);
	gen_out_c(o, ',');
	gen_out_put(o, m->id, IDCARD_LEN);
	gen_out_c(o, ',');
	put_code(o, CODES_RELATION, m->rel);
	gen_out_c(o, ',');
	put_code(o, CODES_HEALTH, m->health);
	gen_out_c(o, ',');
	put_code(o, CODES_LABOUR, m->labour);
	gen_out_c(o, ',');
	if (m->dis_kind) {
		/* 第二代残疾人证号: the ID number, the category digit and the
		 * grade digit. */
		put_code(o, CODES_DISABILITY_KIND, m->dis_kind);
		gen_out_c(o, ',');
		put_code(o, CODES_DISABILITY_GRADE, m->dis_grade);
		gen_out_c(o, ',');
		gen_out_put(o, m->id, IDCARD_LEN);
		gen_out_c(o, (char)('0' + m->dis_kind));
		gen_out_c(o, (char)('0' + m->dis_grade));
	} else {
		gen_out_put(o, ",,", 2);
	}
	gen_out_c(o, ',');
	if (m->inc_kind) {
		put_code(o, CODES_INCOME_KIND, m->inc_kind);
		gen_out_c(o, ',');
		gen_out_fen(o, m->inc_fen);
	} else {
		gen_out_c(o, ',');
	}
	gen_out_c(o, '\n');
}

/* A keyed bijection of [0, mod), mod = 10^digits: multiply-add, swap the
 * digit halves, multiply-add again. Distinct households get distinct card
 * numbers, and neighbours' numbers share no visible pattern. */
static uint64_t card_body(uint64_t no, uint64_t key, uint64_t mod, int digits)
{
	uint64_t half = 1;
	for (int i = 0; i < digits / 2; i++)
		half *= 10;
	uint64_t rest = mod / half;
	/* no ≤ GEN_MAX_HOUSEHOLDS < 2^24, CARD_MUL < 2^29: no overflow. */
	uint64_t x = (no % mod * CARD_MUL + key) % mod;
	x = (x % half) * rest + x / half; /* low half to the top */
	/* x < 10^12 and CARD_MUL2 < 2^20: the product fits in 64 bits. */
	return (x * CARD_MUL2 + key / 7) % mod;
}

static void write_card(struct gen_people *p, gen_out *o, uint64_t no,
		       const struct gen_bank *b)
{
	gen_rng *r = &p->rng;
	unsigned nbins = 0;
	while (nbins < DIB_ARRAY_LEN(b->bins) && b->bins[nbins])
		nbins++;
	char card[BANKCARD_MAX + 1];
	memcpy(card, b->bins[gen__below(r, nbins)], 6);
	int body = b->len - 7;
	uint64_t mod = 1;
	for (int i = 0; i < body; i++)
		mod *= 10;
	uint64_t v = card_body(no, p->card_add, mod, body);
	for (int i = 6 + body - 1; i >= 6; i--) {
		card[i] = (char)('0' + v % 10);
		v /= 10;
	}
	card[b->len - 1] = bankcard_luhn_digit(card, (size_t)b->len - 1);
	gen_out_put(o, card, (size_t)b->len);
}

static void write_household(struct gen_people *p, gen_out *o, const char *no,
			    size_t nlen, uint64_t n, const struct gen_village *v,
			    const struct household *h)
{
	gen_rng *r = &p->rng;
	char addr[256];
	if (!v->community) {
		/* More 村民小组 in a village with more households, so a large
		 * run does not pile thousands of families onto one address. */
		int groups = clampi((int)(v->households / 150 + 3), 3, 40);
		snprintf(addr, sizeof addr, "%s%s%s%d组%d号", p->county_name, v->town_name,
			 v->name, gen__range(r, 1, groups), gen__range(r, 1, 150));
	} else if (gen__chance(r, 600)) {
		snprintf(addr, sizeof addr, "%s%s%s%s%d号", p->county_name, v->town_name,
			 v->name, gen__road(r), gen__range(r, 1, 200));
	} else {
		snprintf(addr, sizeof addr, "%s%s%s%s%d号楼%d单元%d%02d", p->county_name,
			 v->town_name, v->name, gen__estate(r), gen__range(r, 1, 18),
			 gen__range(r, 1, 3), gen__range(r, 1, 6), gen__range(r, 1, 2));
	}
	int reg = v->community ? (gen__chance(r, 900) ? CODES_URBAN : CODES_RURAL)
			       : (gen__chance(r, 970) ? CODES_RURAL : CODES_URBAN);
	const struct gen_bank *bank = gen__bank(r, v->community);

	gen_out_put(o, no, nlen);
	gen_out_c(o, ',');
	gen_out_put(o, v->code, 12);
	gen_out_c(o, ',');
	gen_out_fields(o, addr);
	gen_out_c(o, ',');
	put_code(o, CODES_REGISTRATION, reg);
	gen_out_c(o, ',');
	gen_out_puts(o, bank->name);
	gen_out_c(o, ',');
	write_card(p, o, n, bank);
	gen_out_c(o, ',');
	gen_out_fields(o, h->m[0].name);
	gen_out_c(o, ',');
	gen_out_puts(o, gen__mobile_prefix(r));
	gen_out_uint(o, gen__below(r, 100000000), 8);
	gen_out_c(o, '\n');
}

dib_code gen__household(struct gen_people *p, uint64_t no,
			const struct gen_village *v, gen_out *hh, gen_out *mem,
			dib_err *err)
{
	struct household h;
	compose(&p->rng, &h);
	for (int i = 0; i < h.n; i++) {
		struct member *m = &h.m[i];
		traits(&p->rng, m);
		char given[NAME_CAP];
		gen__given_name(&p->rng, m->sex, GEN_REF_YEAR - 1 - m->age, given, sizeof given);
		snprintf(m->name, sizeof m->name, "%s%s", m->surname, given);
		dib_code rc = issue_id(p, m, err);
		if (rc)
			return rc;
	}
	char num[32];
	memcpy(num, p->county, 6);
	num[6] = '-';
	put_digits(num + 7, (unsigned)no, 7);
	size_t nlen = 14;
	write_household(p, hh, num, nlen, no, v, &h);
	for (int i = 0; i < h.n; i++)
		write_member(mem, num, nlen, &h.m[i]);
	p->persons += (uint64_t)h.n;
	return DIB_OK;
}
