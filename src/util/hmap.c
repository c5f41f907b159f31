/*
 * hmap.c — open-addressing string map. A slot stores the full hash, so most
 * probes compare one integer before touching the key's memory.
 * Thread-safety: one thread per map.
 */
#include "util/dib.h"
#include "util/hmap.h"

struct dib_hmap_slot {
	uint64_t hash; /* 0 = empty (real hashes are forced non-zero) */
	const char *key;
	size_t len;
	int64_t value;
};

uint64_t dib_hash_bytes(const void *p, size_t len)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++) {
		h ^= s[i];
		h *= 1099511628211ULL;
	}
	/* splitmix64 finaliser: FNV alone clusters on similar keys (ID numbers). */
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return h ? h : 1;
}

void dib_hmap_init(dib_hmap *m)
{
	m->slots = NULL;
	m->cap = 0;
	m->count = 0;
}

void dib_hmap_release(dib_hmap *m)
{
	if (!m)
		return;
	free(m->slots);
	dib_hmap_init(m);
}

static void hmap_place(struct dib_hmap_slot *slots, size_t cap,
		       const struct dib_hmap_slot *s)
{
	size_t i = (size_t)s->hash & (cap - 1);
	while (slots[i].hash)
		i = (i + 1) & (cap - 1);
	slots[i] = *s;
}

static dib_code hmap_grow(dib_hmap *m, size_t cap)
{
	struct dib_hmap_slot *slots = calloc(cap, sizeof *slots);
	if (!slots)
		return DIB_ENOMEM;
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].hash)
			hmap_place(slots, cap, &m->slots[i]);
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return DIB_OK;
}

dib_code dib_hmap_reserve(dib_hmap *m, size_t n)
{
	size_t cap = 16;
	while (cap < n * 2) {
		if (cap > SIZE_MAX / 4)
			return DIB_ENOMEM;
		cap *= 2;
	}
	return cap > m->cap ? hmap_grow(m, cap) : DIB_OK;
}

static struct dib_hmap_slot *hmap_find(const dib_hmap *m, uint64_t h,
				       const char *key, size_t len)
{
	if (!m->cap)
		return NULL;
	size_t i = (size_t)h & (m->cap - 1);
	while (m->slots[i].hash) {
		struct dib_hmap_slot *s = &m->slots[i];
		if (s->hash == h && s->len == len && !memcmp(s->key, key, len))
			return s;
		i = (i + 1) & (m->cap - 1);
	}
	return NULL;
}

dib_code dib_hmap_put(dib_hmap *m, const char *key, size_t len, int64_t value,
		      int64_t *existing)
{
	uint64_t h = dib_hash_bytes(key, len);
	struct dib_hmap_slot *s = hmap_find(m, h, key, len);
	if (s) {
		if (existing)
			*existing = s->value;
		return DIB_ECONFLICT;
	}
	if ((m->count + 1) * 2 > m->cap) {
		dib_code rc = hmap_grow(m, m->cap ? m->cap * 2 : 16);
		if (rc)
			return rc;
	}
	struct dib_hmap_slot n = { h, key, len, value };
	hmap_place(m->slots, m->cap, &n);
	m->count++;
	return DIB_OK;
}

bool dib_hmap_get(const dib_hmap *m, const char *key, size_t len, int64_t *value)
{
	struct dib_hmap_slot *s = hmap_find(m, dib_hash_bytes(key, len), key, len);
	if (s && value)
		*value = s->value;
	return s != NULL;
}
