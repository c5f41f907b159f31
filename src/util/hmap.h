/*
 * hmap.h — hash map from byte strings to int64 values (open addressing,
 * linear probing, power-of-two capacity, grows at 50 % load).
 *
 * Used where a batch job needs a join or a duplicate check in memory
 * (design.md: "hash tables in memory where a join is needed"). Keys are
 * borrowed: the caller keeps them alive (usually in a job-run arena) for
 * the map's life. Thread-safety: one thread per map.
 */
#ifndef DIB_HMAP_H
#define DIB_HMAP_H

#include "util/dib.h"
#include "util/err.h"

struct dib_hmap_slot;

typedef struct dib_hmap {
	struct dib_hmap_slot *slots;
	size_t cap;   /* 0 or a power of two */
	size_t count;
} dib_hmap;

void dib_hmap_init(dib_hmap *m);
void dib_hmap_release(dib_hmap *m);

/* Pre-sizes for n keys (avoids rehashing in a known-size batch). */
dib_code dib_hmap_reserve(dib_hmap *m, size_t n);

/* Inserts key → value. If the key is present, leaves the map unchanged, sets
 * *existing (may be NULL) to the stored value and returns DIB_ECONFLICT
 * without touching any dib_err. DIB_ENOMEM when growing fails. */
dib_code dib_hmap_put(dib_hmap *m, const char *key, size_t len, int64_t value,
		      int64_t *existing);

/* Looks key up: true and *value (may be NULL) when present. */
bool dib_hmap_get(const dib_hmap *m, const char *key, size_t len, int64_t *value);

/* 64-bit hash of a byte string (FNV-1a with a final avalanche mix). */
uint64_t dib_hash_bytes(const void *p, size_t len);

#endif
