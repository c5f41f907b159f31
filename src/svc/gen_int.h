/*
 * gen_int.h — internals shared by the generator's files (gen.c: reference
 * data, regions, files; gen_people.c: households and members; gen_names.c:
 * the name and bank tables). Not for use outside src/svc/gen*.c.
 *
 * Thread-safety: every object here belongs to one generator run.
 */
#ifndef DIB_SVC_GEN_INT_H
#define DIB_SVC_GEN_INT_H

#include "util/dib.h"
#include "util/err.h"
#include "svc/gen_out.h"

/* ---- PRNG: xoshiro256** seeded through splitmix64 ----
 * Our own generator, not rand(): the output must not depend on the C
 * library, and each stream (regions, households) is seeded separately so
 * changing the number of households does not change the villages. */
typedef struct gen_rng {
	uint64_t s[4];
} gen_rng;

void gen__rng_seed(gen_rng *r, uint64_t seed, uint64_t stream);

static inline uint64_t gen__next(gen_rng *r)
{
	uint64_t *s = r->s;
	uint64_t x = s[1] * 5;
	uint64_t result = ((x << 7) | (x >> 57)) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = (s[3] << 45) | (s[3] >> 19);
	return result;
}

/* Uniform in [0, n) by multiply-shift (Lemire); the bias for n < 2^16 is
 * below 2^-16, irrelevant for synthetic data, and it needs no loop. */
static inline uint32_t gen__below(gen_rng *r, uint32_t n)
{
	return (uint32_t)(((gen__next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform in [lo, hi], inclusive. */
static inline int gen__range(gen_rng *r, int lo, int hi)
{
	return lo + (int)gen__below(r, (uint32_t)(hi - lo + 1));
}

/* True with probability permille / 1000. */
static inline bool gen__chance(gen_rng *r, uint32_t permille)
{
	return gen__below(r, 1000) < permille;
}

/* Index into weights w[0..n), chosen with probability w[i] / total, where
 * total is the sum of the weights (passed in, as the tables are constant).
 * A linear scan: the tables are short. */
unsigned gen__pick(gen_rng *r, const uint16_t *w, unsigned n, uint32_t total);

/* ---- names (gen_names.c) ---- */

/* A surname by its frequency in China (top 100). */
const char *gen__surname(gen_rng *r);
/* A common surname for village names (王庄, 李屯): the top 40 only. */
const char *gen__village_surname(gen_rng *r);
/* Writes a given name (1–2 characters, UTF-8) plausible for the sex
 * (1 male, 2 female) and birth year into out[cap]. */
void gen__given_name(gen_rng *r, int sex, int birth_year, char *out, size_t cap);
/* A village name ("王庄村", "东李屯村", "枣林村") into out[cap]. */
void gen__village_name(gen_rng *r, char *out, size_t cap);
/* The k-th community name ("东关社区"); k beyond the list gives
 * "第N社区". */
void gen__community_name(unsigned k, char *out, size_t cap);
/* Number of distinct community names before the "第N社区" fallback. */
unsigned gen__community_count(void);
/* A street name for urban addresses ("人民路"). */
const char *gen__road(gen_rng *r);
/* A housing estate for urban addresses ("幸福小区"). */
const char *gen__estate(gen_rng *r);

/* ---- banks (gen_names.c) ---- */

struct gen_bank {
	const char *name;     /* 中国农业银行 … */
	const char *bins[3];  /* 6-digit debit-card prefixes, NULL-padded */
	int len;              /* card length, 16 or 19 */
};

/* A bank for a household (urban households bank more with the big four). */
const struct gen_bank *gen__bank(gen_rng *r, bool urban);
/* A mobile number prefix ("138"). */
const char *gen__mobile_prefix(gen_rng *r);

/* ---- villages and households (gen.c ↔ gen_people.c) ---- */

struct gen_village {
	char code[13];          /* 12 digits */
	const char *name;       /* allocated in the run's arena */
	const char *town_name;  /* borrowed from the township */
	bool community;         /* 居委会 (社区) rather than 村委会 */
	uint32_t weight;        /* relative number of poor households */
	uint64_t households;    /* how many this run puts here */
};

/* The household generator of one run. */
struct gen_people {
	gen_rng rng;
	char county[7];
	const char *county_name;       /* borrowed for the run */
	const char (*addr)[7];         /* ID address codes, [0] the county; borrowed */
	unsigned naddr;
	int32_t day0;                  /* date_to_days(1900-01-01) */
	uint32_t *ids;                 /* set of issued ID numbers, packed keys, 0 = empty */
	size_t ids_cap, ids_count;
	uint64_t card_add;             /* offset of the card-number permutation */
	uint64_t persons;              /* members written so far */
};

/* Prepares the generator for about `households` households. addr[0..naddr)
 * are the 6-digit address codes of ID numbers (at most 64; [0] is the
 * county, the rest its neighbours). DIB_ENOMEM. */
dib_code gen__people_init(struct gen_people *p, uint64_t seed,
			  const char *county, const char *county_name,
			  const char (*addr)[7], unsigned naddr,
			  uint64_t households, dib_err *err);
void gen__people_release(struct gen_people *p);

/* Invents household number `no` (1-based) in village v and writes its row
 * to hh and its members' rows to mem. DIB_ENOMEM, or DIB_EINTERNAL when no
 * unused ID number is left for a birth year (far beyond any real county). */
dib_code gen__household(struct gen_people *p, uint64_t no,
			const struct gen_village *v, gen_out *hh, gen_out *mem,
			dib_err *err);

#endif
