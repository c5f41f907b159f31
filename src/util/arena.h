/*
 * arena.h — region allocator with explicit, named lifetimes.
 *
 * Everything allocated from an arena is freed at once by dib_arena_reset()
 * or dib_arena_release(); nothing is freed one by one. dibao uses four
 * lifetimes, always passed explicitly: process, request, job run, and row
 * (reset at the top of every row of a batch loop, so batch loops make no
 * per-row malloc once the first chunk exists).
 *
 * Allocation failure returns NULL (never aborts), so callers report
 * DIB_ENOMEM. Thread-safety: an arena belongs to one thread.
 */
#ifndef DIB_ARENA_H
#define DIB_ARENA_H

#include "util/dib.h"

struct dib_arena_chunk;

typedef struct dib_arena {
	struct dib_arena_chunk *head; /* current chunk; older chunks follow */
	size_t chunk_size;            /* default size of a new chunk */
	size_t max_bytes;             /* cap on the sum of chunk sizes; 0 = none */
	size_t total;                 /* bytes held in chunks */
} dib_arena;

/* Prepares an empty arena. chunk_size 0 means 64 KiB; max_bytes 0 means no cap. */
void dib_arena_init(dib_arena *a, size_t chunk_size, size_t max_bytes);

/* Returns n bytes aligned for any object, or NULL when out of memory or over
 * the cap. Valid until the next reset or release of a. */
void *dib_arena_alloc(dib_arena *a, size_t n);

/* As dib_arena_alloc, zero-filled. */
void *dib_arena_calloc(dib_arena *a, size_t n);

/* Copies n bytes of s and adds a NUL. NULL on failure. */
char *dib_arena_strndup(dib_arena *a, const char *s, size_t n);
char *dib_arena_strdup(dib_arena *a, const char *s);

/* printf into the arena. NULL on failure. */
char *dib_arena_printf(dib_arena *a, const char *fmt, ...) DIB_PRINTF(2, 3);

/* Frees everything allocated, keeping the first chunk for reuse. */
void dib_arena_reset(dib_arena *a);

/* Frees everything, including the chunks. a may be NULL. */
void dib_arena_release(dib_arena *a);

#endif
