/*
 * gen.c — `dibao gen`: reads the county's real region tree from the
 * reference data, invents its villages, spreads the households over them
 * and drives gen_people.c to write the three CSV files.
 *
 * Villages come from their own PRNG stream (stream 1), households from
 * another (stream 2), so a run with more households keeps the same
 * villages. Everything a run allocates lives in one arena (run lifetime)
 * plus the three output buffers and the ID set.
 *
 * Thread-safety: no shared state; one run per call.
 */
#include "util/dib.h"
#include "svc/gen.h"
#include "svc/gen_int.h"
#include "util/arena.h"
#include "util/csv.h"
#include "core/region.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_NEIGHBOURS 63 /* the ID-set key has 6 bits for the address */
#define MIN_VILLAGES 10
#define MAX_VILLAGES 25

struct town {
	char code[13]; /* 12 digits */
	const char *name;
	enum region_town_type type;
};

/* The reference data of one county, allocated in the run's arena. */
struct ref {
	char county[7];
	const char *province_name, *city_name, *county_name;
	char addr[MAX_NEIGHBOURS + 1][7]; /* [0] the county, then its neighbours */
	unsigned naddr;
	struct town *towns;
	size_t ntowns, towns_cap;
	dib_arena *arena;
};

void gen__rng_seed(gen_rng *r, uint64_t seed, uint64_t stream)
{
	/* splitmix64, as the xoshiro authors recommend for seeding; the
	 * stream number is mixed in so streams of one seed are unrelated. */
	uint64_t x = seed ^ (stream * 0x9E3779B97F4A7C15ull);
	for (int i = 0; i < 4; i++) {
		uint64_t z = (x += 0x9E3779B97F4A7C15ull);
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
		z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
		r->s[i] = z ^ (z >> 31);
	}
}

/* ---- reading the reference files ---- */

typedef dib_code (*ref_row_fn)(struct ref *ref, const dib_csv_field *f,
			       size_t n, dib_err *err);

static dib_code read_ref(struct ref *ref, const char *data_dir, const char *file,
			 ref_row_fn fn, dib_err *err)
{
	char path[4096];
	int len = snprintf(path, sizeof path, "%s/regions/%s", data_dir, file);
	if (len < 0 || (size_t)len >= sizeof path)
		return dib_err_set(err, DIB_EINVAL, "参考数据目录路径过长: \"%s\"", data_dir);
	dib_csv *csv = NULL;
	dib_code rc = dib_csv_open(path, 0, &csv, err);
	if (rc)
		return rc;
	for (;;) {
		const dib_csv_field *f;
		size_t n;
		bool eof;
		rc = dib_csv_read(csv, &f, &n, &eof, err);
		if (rc || eof)
			break;
		if (dib_csv_record_no(csv) == 1) /* the header */
			continue;
		rc = fn(ref, f, n, err);
		if (rc)
			break;
	}
	dib_csv_close(csv);
	return rc;
}

static bool field_is(const dib_csv_field *f, const char *s, size_t n)
{
	return f->len == n && !memcmp(f->ptr, s, n);
}

static dib_code province_row(struct ref *ref, const dib_csv_field *f, size_t n,
			     dib_err *err)
{
	if (n >= 2 && field_is(&f[0], ref->county, 2) &&
	    !(ref->province_name = dib_arena_strdup(ref->arena, f[1].ptr)))
		return dib_err_nomem(err);
	return DIB_OK;
}

static dib_code city_row(struct ref *ref, const dib_csv_field *f, size_t n,
			 dib_err *err)
{
	if (n >= 2 && field_is(&f[0], ref->county, 4) &&
	    !(ref->city_name = dib_arena_strdup(ref->arena, f[1].ptr)))
		return dib_err_nomem(err);
	return DIB_OK;
}

static dib_code area_row(struct ref *ref, const dib_csv_field *f, size_t n,
			 dib_err *err)
{
	if (n < 2 || f[0].len != 6 || memcmp(f[0].ptr, ref->county, 4))
		return DIB_OK;
	if (!memcmp(f[0].ptr, ref->county, 6)) {
		if (!(ref->county_name = dib_arena_strdup(ref->arena, f[1].ptr)))
			return dib_err_nomem(err);
		return DIB_OK;
	}
	/* A neighbour in the same city gives some members' ID address codes.
	 * County digits 70–79 are development zones of the statistics tables,
	 * which never appear in ID numbers. */
	if (f[0].ptr[4] == '7' || ref->naddr > MAX_NEIGHBOURS)
		return DIB_OK;
	memcpy(ref->addr[ref->naddr], f[0].ptr, 6);
	ref->addr[ref->naddr][6] = '\0';
	ref->naddr++;
	return DIB_OK;
}

static dib_code street_row(struct ref *ref, const dib_csv_field *f, size_t n,
			   dib_err *err)
{
	if (n < 2 || f[0].len != 9 || memcmp(f[0].ptr, ref->county, 6))
		return DIB_OK;
	region_code rc;
	dib_err ignored;
	if (region_parse(f[0].ptr, 9, &rc, &ignored))
		return DIB_OK; /* not a township code: skip rather than invent */
	if (ref->ntowns == ref->towns_cap) {
		size_t cap = ref->towns_cap ? ref->towns_cap * 2 : 32;
		struct town *t = dib_arena_alloc(ref->arena, cap * sizeof *t);
		if (!t)
			return dib_err_nomem(err);
		if (ref->ntowns)
			memcpy(t, ref->towns, ref->ntowns * sizeof *t);
		ref->towns = t;
		ref->towns_cap = cap;
	}
	struct town *t = &ref->towns[ref->ntowns];
	memcpy(t->code, rc.code, sizeof t->code);
	t->type = region_town_type(&rc);
	if (!(t->name = dib_arena_strdup(ref->arena, f[1].ptr)))
		return dib_err_nomem(err);
	ref->ntowns++;
	return DIB_OK;
}

static int town_cmp(const void *a, const void *b)
{
	return strcmp(((const struct town *)a)->code, ((const struct town *)b)->code);
}

static dib_code load_ref(const struct gen_opts *o, struct ref *ref, dib_err *err)
{
	const char *dir = o->data_dir ? o->data_dir : "data";
	memcpy(ref->addr[0], ref->county, 7);
	ref->naddr = 1;
	dib_code rc = read_ref(ref, dir, "provinces.csv", province_row, err);
	if (!rc)
		rc = read_ref(ref, dir, "cities.csv", city_row, err);
	if (!rc)
		rc = read_ref(ref, dir, "areas.csv", area_row, err);
	if (!rc)
		rc = read_ref(ref, dir, "streets.csv", street_row, err);
	if (rc)
		return rc;
	if (!ref->county_name || !ref->city_name || !ref->province_name)
		return dib_err_set(err, DIB_EINVAL, "区县代码 \"%s\" 不在区划表中", ref->county);
	if (!ref->ntowns)
		return dib_err_set(err, DIB_EINVAL, "区县 \"%s\" (%s) 在区划表中没有乡镇",
				   ref->county, ref->county_name);
	qsort(ref->towns, ref->ntowns, sizeof *ref->towns, town_cmp);
	return DIB_OK;
}

/* ---- villages ---- */

/* NBS 城乡分类代码 of a generated village or community. */
static const char *urban_rural(gen_rng *r, enum region_town_type t, bool community)
{
	switch (t) {
	case REGION_SUBDISTRICT:
		return community ? (gen__chance(r, 800) ? "111" : "112") : "112";
	case REGION_TOWN:
		return community ? "121" : (gen__chance(r, 850) ? "220" : "122");
	case REGION_STATE_UNIT:
		return community ? "123" : "220";
	default:
		return community ? "210" : "220";
	}
}

/* How many of n villages are communities (居委会): most in a 街道, a few
 * in a 镇, rarely one in a 乡. */
static unsigned communities_of(gen_rng *r, enum region_town_type t, unsigned n)
{
	switch (t) {
	case REGION_SUBDISTRICT: {
		unsigned c = n * (unsigned)gen__range(r, 60, 90) / 100;
		return c ? c : 1;
	}
	case REGION_TOWN:
		return (unsigned)gen__range(r, 1, 3);
	case REGION_STATE_UNIT:
		return (unsigned)gen__range(r, 1, 2);
	default:
		return (unsigned)gen__range(r, 0, 1);
	}
}

static bool name_taken(const struct gen_village *v, size_t from, size_t to,
		       const char *name)
{
	for (size_t i = from; i < to; i++)
		if (!strcmp(v[i].name, name))
			return true;
	return false;
}

/* Invents MIN_VILLAGES–MAX_VILLAGES villages per township, communities
 * coded 001…, villages 200…, with distinct names within the township.
 * ur[i] receives the 城乡分类代码 of village i. */
static dib_code make_villages(uint64_t seed, const struct ref *ref,
			      struct gen_village **out, const char ***ur,
			      size_t *nout, dib_err *err)
{
	gen_rng rng;
	gen__rng_seed(&rng, seed, 1);
	size_t cap = ref->ntowns * MAX_VILLAGES;
	struct gen_village *v = dib_arena_calloc(ref->arena, cap * sizeof *v);
	const char **codes = dib_arena_calloc(ref->arena, cap * sizeof *codes);
	unsigned ncomm_names = gen__community_count();
	unsigned *order = dib_arena_alloc(ref->arena, ncomm_names * sizeof *order);
	if (!v || !codes || !order)
		return dib_err_nomem(err);
	size_t k = 0;
	for (size_t t = 0; t < ref->ntowns; t++) {
		const struct town *town = &ref->towns[t];
		unsigned n = (unsigned)gen__range(&rng, MIN_VILLAGES, MAX_VILLAGES);
		unsigned nc = communities_of(&rng, town->type, n);
		/* Community names: a partial Fisher–Yates shuffle of the list. */
		for (unsigned i = 0; i < ncomm_names; i++)
			order[i] = i;
		size_t first = k;
		for (unsigned i = 0; i < n; i++, k++) {
			char name[96];
			bool comm = i < nc;
			if (comm) {
				unsigned pick = i;
				if (i < ncomm_names) {
					unsigned j = i + gen__below(&rng, ncomm_names - i);
					unsigned tmp = order[i];
					order[i] = order[j];
					order[j] = tmp;
					pick = order[i];
				}
				gen__community_name(pick, name, sizeof name);
			} else {
				int tries = 0;
				do {
					gen__village_name(&rng, name, sizeof name);
				} while (name_taken(v, first, k, name) && ++tries < 100);
				if (tries == 100) /* a township of 王庄村s: number it */
					snprintf(name, sizeof name, "第%u村", i + 1);
			}
			struct gen_village *g = &v[k];
			unsigned num = comm ? 1 + i : 200 + (i - nc);
			snprintf(g->code, sizeof g->code, "%.9s%03u", town->code, num);
			g->town_name = town->name;
			g->community = comm;
			g->weight = comm ? (uint32_t)gen__range(&rng, 20, 80)
					 : (uint32_t)gen__range(&rng, 40, 160);
			codes[k] = urban_rural(&rng, town->type, comm);
			if (!(g->name = dib_arena_strdup(ref->arena, name)))
				return dib_err_nomem(err);
		}
	}
	*out = v;
	*ur = codes;
	*nout = k;
	return DIB_OK;
}

struct share {
	uint64_t rem;
	size_t idx;
};

static int share_cmp(const void *a, const void *b)
{
	const struct share *x = a, *y = b;
	if (x->rem != y->rem)
		return x->rem > y->rem ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Spreads n households over the villages in proportion to their weights
 * (largest remainder, ties to the earlier village: deterministic). */
static dib_code spread(struct gen_village *v, size_t nv, uint64_t n,
		       dib_arena *a, dib_err *err)
{
	uint64_t total = 0, given = 0;
	for (size_t i = 0; i < nv; i++)
		total += v[i].weight;
	struct share *s = dib_arena_alloc(a, nv * sizeof *s);
	if (!s)
		return dib_err_nomem(err);
	for (size_t i = 0; i < nv; i++) {
		/* n ≤ 10^7 and weight ≤ 160: the product fits easily. */
		v[i].households = n * v[i].weight / total;
		s[i].rem = n * v[i].weight % total;
		s[i].idx = i;
		given += v[i].households;
	}
	qsort(s, nv, sizeof *s, share_cmp);
	for (size_t i = 0; given < n; i++, given++)
		v[s[i].idx].households++;
	return DIB_OK;
}

/* ---- writing ---- */

static void region_row(gen_out *o, const char *code, const char *name,
		       const char *parent, const char *ur)
{
	gen_out_puts(o, code);
	gen_out_c(o, ',');
	gen_out_fields(o, name);
	gen_out_c(o, ',');
	gen_out_puts(o, parent);
	gen_out_c(o, ',');
	gen_out_puts(o, ur);
	gen_out_c(o, '\n');
}

static void write_regions(gen_out *o, const struct ref *ref,
			  const struct gen_village *v, const char **ur, size_t nv)
{
	char prov[13], city[13], county[13];
	snprintf(prov, sizeof prov, "%.2s0000000000", ref->county);
	snprintf(city, sizeof city, "%.4s00000000", ref->county);
	snprintf(county, sizeof county, "%.6s000000", ref->county);
	gen_out_puts(o, "区划代码,名称,上级代码,城乡分类代码\n");
	region_row(o, prov, ref->province_name, "", "");
	region_row(o, city, ref->city_name, prov, "");
	region_row(o, county, ref->county_name, city, "");
	size_t k = 0;
	for (size_t t = 0; t < ref->ntowns; t++) {
		const struct town *town = &ref->towns[t];
		region_row(o, town->code, town->name, county, "");
		for (; k < nv && !memcmp(v[k].code, town->code, 9); k++)
			region_row(o, v[k].code, v[k].name, town->code, ur[k]);
	}
}

static dib_code check_opts(const struct gen_opts *o, char county[7], dib_err *err)
{
	const char *c = o->county ? o->county : GEN_DEFAULT_COUNTY;
	region_code rc;
	dib_err e;
	dib_err_clear(&e);
	if (strlen(c) != 6 || region_parse(c, 6, &rc, &e) || rc.level != REGION_COUNTY)
		return dib_err_set(err, DIB_EINVAL, "区县代码 \"%s\" 不正确，应为 6 位数字，如 410726", c);
	if (o->households > GEN_MAX_HOUSEHOLDS)
		return dib_err_set(err, DIB_EINVAL, "户数 %llu 过多，最多 %u 户",
				   (unsigned long long)o->households, GEN_MAX_HOUSEHOLDS);
	memcpy(county, c, 7);
	return DIB_OK;
}

dib_code gen_write(const struct gen_opts *o, FILE *regions, FILE *households,
		   FILE *members, struct gen_result *res, dib_err *err)
{
	dib_arena arena;
	dib_arena_init(&arena, 0, 0);
	struct ref ref = { .arena = &arena };
	struct gen_people people;
	bool people_ready = false;
	gen_out *out[3] = { NULL, NULL, NULL };
	struct gen_village *v = NULL;
	const char **ur = NULL;
	size_t nv = 0;
	dib_code rc = check_opts(o, ref.county, err);
	if (rc)
		goto out;
	rc = load_ref(o, &ref, err);
	if (rc)
		goto out;
	rc = make_villages(o->seed, &ref, &v, &ur, &nv, err);
	if (rc)
		goto out;
	rc = spread(v, nv, o->households, &arena, err);
	if (rc)
		goto out;
	for (int i = 0; i < 3; i++) {
		if (!(out[i] = malloc(sizeof *out[i]))) {
			rc = dib_err_nomem(err);
			goto out;
		}
	}
	gen_out_init(out[0], regions);
	gen_out_init(out[1], households);
	gen_out_init(out[2], members);

	write_regions(out[0], &ref, v, ur, nv);
	rc = gen_out_flush(out[0], "regions.csv", err);
	if (rc)
		goto out;

	rc = gen__people_init(&people, o->seed, ref.county, ref.county_name,
			      (const char(*)[7])ref.addr, ref.naddr, o->households, err);
	if (rc)
		goto out;
	people_ready = true;
	gen_out_puts(out[1], "户编号,所属村(社区)代码,家庭住址,户籍类别,开户银行,银行卡号,持卡人,联系电话\n");
	gen_out_puts(out[2], "户编号,姓名,身份证号,与户主关系,健康状况,劳动能力,"
			     "残疾类别,残疾等级,残疾证号,收入类型,月收入(元)\n");
	uint64_t no = 0;
	for (size_t i = 0; i < nv; i++) {
		for (uint64_t h = 0; h < v[i].households; h++) {
			rc = gen__household(&people, ++no, &v[i], out[1], out[2], err);
			if (rc)
				goto out;
			if (o->progress && (no & 4095) == 0)
				dib_progress_update(o->progress, no);
			/* A full disk shows up at the next drain; stop early
			 * rather than invent a million households for nothing. */
			if (out[1]->failed || out[2]->failed)
				break;
		}
	}
	if (o->progress)
		dib_progress_update(o->progress, no);
	rc = gen_out_flush(out[1], "households.csv", err);
	if (!rc)
		rc = gen_out_flush(out[2], "members.csv", err);
	if (rc)
		goto out;
	memcpy(res->county, ref.county, sizeof res->county);
	res->townships = (int)ref.ntowns;
	res->villages = (int)nv;
	res->households = no;
	res->persons = people.persons;
out:
	if (people_ready)
		gen__people_release(&people);
	for (int i = 0; i < 3; i++)
		free(out[i]);
	dib_arena_release(&arena);
	return rc;
}

/* ---- files ---- */

/* mkdir -p: creates dir and its missing parents. */
static dib_code make_dir(const char *dir, dib_err *err)
{
	char path[4096];
	size_t n = strlen(dir);
	if (!n || n >= sizeof path)
		return dib_err_set(err, DIB_EINVAL, "输出目录 \"%s\" 不正确", dir);
	memcpy(path, dir, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if (path[i] != '/' && path[i] != '\0')
			continue;
		char c = path[i];
		path[i] = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST) {
			int e = errno;
			dib_err_set(err, DIB_EIO, "无法创建目录 \"%s\"", path);
			dib_err_detail(err, "mkdir %s: %s", path, strerror(e));
			return DIB_EIO;
		}
		path[i] = c;
	}
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return dib_err_set(err, DIB_EIO, "\"%s\" 不是目录", dir);
	return DIB_OK;
}

static const char *const file_names[3] = { "regions.csv", "households.csv", "members.csv" };

dib_code gen_to_dir(const struct gen_opts *o, const char *dir,
		    struct gen_result *res, dib_err *err)
{
	char fin[3][4096], tmp[3][4096];
	FILE *f[3] = { NULL, NULL, NULL };
	char county[7];
	/* Refuse malformed options before creating anything. */
	dib_code rc = check_opts(o, county, err);
	if (rc)
		return rc;
	rc = make_dir(dir, err);
	if (rc)
		return rc;
	for (int i = 0; i < 3; i++) {
		int a = snprintf(fin[i], sizeof fin[i], "%s/%s", dir, file_names[i]);
		int b = snprintf(tmp[i], sizeof tmp[i], "%s/%s.tmp", dir, file_names[i]);
		if (a < 0 || b < 0 || (size_t)b >= sizeof tmp[i])
			return dib_err_set(err, DIB_EINVAL, "输出目录路径过长: \"%s\"", dir);
	}
	for (int i = 0; i < 3; i++) {
		if (!(f[i] = fopen(tmp[i], "wb"))) {
			int e = errno;
			dib_err_set(err, DIB_EIO, "无法写入文件 \"%s\"", tmp[i]);
			dib_err_detail(err, "fopen %s: %s", tmp[i], strerror(e));
			rc = DIB_EIO;
			goto out;
		}
	}
	rc = gen_write(o, f[0], f[1], f[2], res, err);
	for (int i = 0; i < 3; i++) {
		if (fclose(f[i]) != 0 && !rc) {
			int e = errno;
			dib_err_set(err, DIB_EIO, "写入文件 \"%s\" 失败", tmp[i]);
			dib_err_detail(err, "fclose %s: %s", tmp[i], strerror(e));
			rc = DIB_EIO;
		}
		f[i] = NULL;
	}
	for (int i = 0; i < 3 && !rc; i++) {
		if (rename(tmp[i], fin[i]) != 0) {
			int e = errno;
			dib_err_set(err, DIB_EIO, "无法写入文件 \"%s\"", fin[i]);
			dib_err_detail(err, "rename %s: %s", tmp[i], strerror(e));
			rc = DIB_EIO;
		}
	}
out:
	for (int i = 0; i < 3; i++) {
		if (f[i])
			fclose(f[i]);
		if (rc)
			unlink(tmp[i]);
	}
	return rc;
}
