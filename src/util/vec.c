/*
 * vec.c — growable array. Thread-safety: one thread per vector.
 */
#include "util/dib.h"
#include "util/vec.h"

void dib_vec_init(dib_vec *v, size_t size)
{
	v->items = NULL;
	v->len = 0;
	v->cap = 0;
	v->size = size;
}

void dib_vec_release(dib_vec *v)
{
	if (!v)
		return;
	free(v->items);
	v->items = NULL;
	v->len = v->cap = 0;
}

void *dib_vec_push(dib_vec *v)
{
	if (v->len == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 64;
		if (cap > SIZE_MAX / v->size)
			return NULL;
		void *p = realloc(v->items, cap * v->size);
		if (!p)
			return NULL;
		v->items = p;
		v->cap = cap;
	}
	void *e = (char *)v->items + v->len++ * v->size;
	memset(e, 0, v->size);
	return e;
}

void *dib_vec_copy_to(const dib_vec *v, dib_arena *a)
{
	if (!v->len)
		return NULL;
	void *p = dib_arena_alloc(a, v->len * v->size);
	if (p)
		memcpy(p, v->items, v->len * v->size);
	return p;
}
