/*
 * vec.h — a growable array of fixed-size elements (amortised doubling), for
 * batch jobs that stash rows of unknown count without allocating per row.
 * Thread-safety: one thread per vector.
 */
#ifndef DIB_VEC_H
#define DIB_VEC_H

#include "util/dib.h"
#include "util/arena.h"

typedef struct dib_vec {
	void *items; /* owned; moves when the vector grows */
	size_t len;
	size_t cap;
	size_t size; /* element size */
} dib_vec;

void dib_vec_init(dib_vec *v, size_t size);
void dib_vec_release(dib_vec *v);

/* Appends a zeroed element and returns it (valid until the next push);
 * NULL when out of memory. */
void *dib_vec_push(dib_vec *v);

/* Copies the elements into a (one allocation) and returns them; NULL when
 * empty or out of memory (tell them apart by v->len). */
void *dib_vec_copy_to(const dib_vec *v, dib_arena *a);

#endif
