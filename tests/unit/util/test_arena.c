/*
 * test_arena.c — the region allocator: alignment, growth, the byte cap,
 * reuse after reset (no malloc in steady-state batch loops), and sizes
 * that would overflow. Single-threaded.
 */
#include "util/dib.h"
#include "util/arena.h"

#include <setjmp.h>

#include <cmocka.h>

static void test_arena__allocations_are_aligned_and_disjoint(void **state)
{
	(void)state;
	dib_arena a;
	dib_arena_init(&a, 256, 0);
	const size_t sizes[] = { 1, 3, 8, 15, 16, 17, 31, 100, 255, 256, 1000 };
	unsigned char *p[DIB_ARRAY_LEN(sizes)];
	for (size_t i = 0; i < DIB_ARRAY_LEN(sizes); i++) {
		p[i] = dib_arena_alloc(&a, sizes[i]);
		assert_non_null(p[i]);
		assert_int_equal((uintptr_t)p[i] % _Alignof(max_align_t), 0);
		memset(p[i], (int)i + 1, sizes[i]);
	}
	/* Every block still holds its own pattern: nothing overlapped. */
	for (size_t i = 0; i < DIB_ARRAY_LEN(sizes); i++)
		for (size_t k = 0; k < sizes[i]; k++)
			assert_int_equal(p[i][k], i + 1);
	dib_arena_release(&a);
	assert_null(a.head);
	assert_int_equal(a.total, 0);
}

static void test_arena__small_blocks_are_packed(void **state)
{
	(void)state;
	/* Blocks are rounded to the alignment, not to sizeof(max_align_t). */
	dib_arena a;
	dib_arena_init(&a, 4096, 0);
	char *x = dib_arena_alloc(&a, 1);
	char *y = dib_arena_alloc(&a, 1);
	assert_int_equal(y - x, _Alignof(max_align_t));
	dib_arena_release(&a);
}

static void test_arena__reset_reuses_the_first_chunk(void **state)
{
	(void)state;
	dib_arena a;
	dib_arena_init(&a, 1024, 0);
	void *first = dib_arena_alloc(&a, 10);
	for (int i = 0; i < 100; i++)
		assert_non_null(dib_arena_alloc(&a, 100)); /* several chunks */
	assert_true(a.total > 1024);
	dib_arena_reset(&a);
	assert_int_equal(a.total, 1024);
	/* A row loop: each reset hands back the same memory. */
	for (int row = 0; row < 10; row++) {
		assert_ptr_equal(dib_arena_alloc(&a, 10), first);
		dib_arena_reset(&a);
	}
	dib_arena_release(&a);
	dib_arena_release(&a); /* twice is fine */
	dib_arena_release(NULL);
}

static void test_arena__default_chunk_and_big_blocks(void **state)
{
	(void)state;
	dib_arena a;
	dib_arena_init(&a, 0, 0);
	assert_int_equal(a.chunk_size, 64 * 1024);
	char *big = dib_arena_alloc(&a, 200 * 1024); /* larger than a chunk */
	assert_non_null(big);
	memset(big, 'b', 200 * 1024);
	char *small = dib_arena_alloc(&a, 16);
	assert_non_null(small);
	assert_true(small < big || small >= big + 200 * 1024);
	assert_non_null(dib_arena_alloc(&a, 0)); /* zero bytes: a valid pointer */
	dib_arena_release(&a);
}

static void test_arena__cap_is_enforced(void **state)
{
	(void)state;
	dib_arena a;
	dib_arena_init(&a, 1024, 1536);
	assert_non_null(dib_arena_alloc(&a, 1000));
	/* The next chunk cannot be a whole 1024 bytes, but 400 still fit
	 * under the cap in a smaller last chunk. */
	assert_non_null(dib_arena_alloc(&a, 400));
	assert_true(a.total <= 1536);
	assert_null(dib_arena_alloc(&a, 200));
	assert_null(dib_arena_alloc(&a, 2000));
	assert_true(a.total <= 1536);
	dib_arena_release(&a);

	dib_arena_init(&a, 1024, 100);
	assert_null(dib_arena_alloc(&a, 200));
	assert_non_null(dib_arena_alloc(&a, 50));
	dib_arena_release(&a);
}

static void test_arena__huge_sizes_fail_cleanly(void **state)
{
	(void)state;
	dib_arena a;
	dib_arena_init(&a, 1024, 0);
	/* Each of these once wrapped the chunk-size arithmetic around to a
	 * tiny malloc; now they must simply fail. */
	const size_t huge[] = { SIZE_MAX, SIZE_MAX - 1, SIZE_MAX - 15, SIZE_MAX - 16,
				SIZE_MAX - 32, SIZE_MAX - 40, SIZE_MAX - 47,
				SIZE_MAX - 64, SIZE_MAX / 2 + 1 };
	for (size_t i = 0; i < DIB_ARRAY_LEN(huge); i++)
		assert_null(dib_arena_alloc(&a, huge[i]));
	assert_null(dib_arena_calloc(&a, SIZE_MAX - 16));
	/* The arena still works afterwards. */
	assert_non_null(dib_arena_alloc(&a, 10));
	dib_arena_release(&a);

	/* With a cap, total + size must not wrap either. */
	dib_arena_init(&a, 1024, SIZE_MAX - 8);
	assert_non_null(dib_arena_alloc(&a, 10));
	assert_null(dib_arena_alloc(&a, SIZE_MAX - 100));
	dib_arena_release(&a);
}

static void test_arena__strings(void **state)
{
	(void)state;
	dib_arena a;
	dib_arena_init(&a, 64, 0);
	char *s = dib_arena_strdup(&a, "河南省郑州市");
	assert_string_equal(s, "河南省郑州市");
	char *t = dib_arena_strndup(&a, "410105001001", 6);
	assert_string_equal(t, "410105");
	char *u = dib_arena_printf(&a, "%s-%04d-%.2f", "户", 7, 1.5);
	assert_string_equal(u, "户-0007-1.50");
	/* Longer than a chunk. */
	char *v = dib_arena_printf(&a, "%0200d", 1);
	assert_int_equal(strlen(v), 200);
	assert_int_equal(v[199], '1');
	unsigned char *z = dib_arena_calloc(&a, 300);
	for (int i = 0; i < 300; i++)
		assert_int_equal(z[i], 0);
	assert_string_equal(s, "河南省郑州市"); /* earlier blocks untouched */
	dib_arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena__allocations_are_aligned_and_disjoint),
		cmocka_unit_test(test_arena__small_blocks_are_packed),
		cmocka_unit_test(test_arena__reset_reuses_the_first_chunk),
		cmocka_unit_test(test_arena__default_chunk_and_big_blocks),
		cmocka_unit_test(test_arena__cap_is_enforced),
		cmocka_unit_test(test_arena__huge_sizes_fail_cleanly),
		cmocka_unit_test(test_arena__strings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
