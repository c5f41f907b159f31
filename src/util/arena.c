/*
 * arena.c — chunked bump allocator. Chunks are linked newest first; reset
 * keeps only the oldest (usually the only) chunk so steady-state batch loops
 * allocate nothing from malloc. Thread-safety: one thread per arena.
 */
#include "util/dib.h"
#include "util/arena.h"

struct dib_arena_chunk {
	struct dib_arena_chunk *next;
	size_t size; /* usable bytes in data[] */
	size_t used;
	max_align_t data[];
};

/* _Alignof, not sizeof: the rounding below needs a power of two, and
 * sizeof(max_align_t) need not be one (and is 32 on x86-64, twice the
 * alignment, which wasted 16 bytes on many small allocations). */
#define DIB_ALIGN (_Alignof(max_align_t))

void dib_arena_init(dib_arena *a, size_t chunk_size, size_t max_bytes)
{
	a->head = NULL;
	a->chunk_size = chunk_size ? chunk_size : 64 * 1024;
	a->max_bytes = max_bytes;
	a->total = 0;
}

static struct dib_arena_chunk *arena_grow(dib_arena *a, size_t n)
{
	size_t size = a->chunk_size > n ? a->chunk_size : n;
	if (a->max_bytes) {
		/* Written as a subtraction: total + size could wrap around. */
		size_t left = a->max_bytes > a->total ? a->max_bytes - a->total : 0;
		if (n > left)
			return NULL;
		/* Near the cap, a smaller last chunk still serves n. */
		if (size > left)
			size = left;
	}
	struct dib_arena_chunk *c = malloc(sizeof *c + size);
	if (!c)
		return NULL;
	c->size = size;
	c->used = 0;
	c->next = a->head;
	a->head = c;
	a->total += size;
	return c;
}

void *dib_arena_alloc(dib_arena *a, size_t n)
{
	if (n == 0)
		n = 1;
	/* No object may exceed PTRDIFF_MAX (malloc refuses it anyway); the
	 * bound also leaves room for the rounding and the chunk header, so
	 * the arithmetic below and in arena_grow cannot wrap around. */
	if (n > PTRDIFF_MAX - DIB_ALIGN - sizeof(struct dib_arena_chunk))
		return NULL;
	n = (n + DIB_ALIGN - 1) & ~(DIB_ALIGN - 1);
	struct dib_arena_chunk *c = a->head;
	if (!c || c->size - c->used < n) {
		c = arena_grow(a, n);
		if (!c)
			return NULL;
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

void *dib_arena_calloc(dib_arena *a, size_t n)
{
	void *p = dib_arena_alloc(a, n);
	if (p)
		memset(p, 0, n);
	return p;
}

char *dib_arena_strndup(dib_arena *a, const char *s, size_t n)
{
	char *p = dib_arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *dib_arena_strdup(dib_arena *a, const char *s)
{
	return dib_arena_strndup(a, s, strlen(s));
}

char *dib_arena_printf(dib_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = dib_arena_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void dib_arena_reset(dib_arena *a)
{
	struct dib_arena_chunk *c = a->head;
	while (c && c->next) {
		struct dib_arena_chunk *next = c->next;
		a->total -= c->size;
		free(c);
		c = next;
	}
	a->head = c;
	if (c)
		c->used = 0;
}

void dib_arena_release(dib_arena *a)
{
	if (!a)
		return;
	dib_arena_reset(a);
	free(a->head);
	a->head = NULL;
	a->total = 0;
}
