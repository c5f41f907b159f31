/*
 * test_hmap.c — the string → int64 map batch jobs use for duplicate checks
 * and in-memory joins, and the growable vector they stash rows in.
 */
#include "util/dib.h"
#include "util/hmap.h"
#include "util/vec.h"

#include <setjmp.h>
#include <cmocka.h>

static void test_hmap__put_get_and_duplicates(void **state)
{
	(void)state;
	dib_hmap m;
	dib_hmap_init(&m);
	assert_false(dib_hmap_get(&m, "x", 1, NULL)); /* empty map */
	assert_int_equal(dib_hmap_put(&m, "11010519491231002X", 18, 2, NULL), DIB_OK);
	int64_t v = 0, first = 0;
	assert_true(dib_hmap_get(&m, "11010519491231002X", 18, &v));
	assert_int_equal(v, 2);
	/* A second put of the same key keeps the first value and reports it. */
	assert_int_equal(dib_hmap_put(&m, "11010519491231002X", 18, 9, &first), DIB_ECONFLICT);
	assert_int_equal(first, 2);
	assert_true(dib_hmap_get(&m, "11010519491231002X", 18, &v));
	assert_int_equal(v, 2);
	/* Keys are compared by length too: a prefix is another key. */
	assert_false(dib_hmap_get(&m, "11010519491231002", 17, NULL));
	assert_int_equal(m.count, 1);
	dib_hmap_release(&m);
}

static void test_hmap__many_keys_survive_growth(void **state)
{
	(void)state;
	enum { N = 100000 };
	static char keys[N][20];
	dib_hmap m;
	dib_hmap_init(&m);
	for (int i = 0; i < N; i++) {
		snprintf(keys[i], sizeof keys[i], "4107261%011d", i);
		assert_int_equal(dib_hmap_put(&m, keys[i], strlen(keys[i]), i, NULL), DIB_OK);
	}
	assert_int_equal(m.count, N);
	for (int i = 0; i < N; i++) {
		int64_t v = -1;
		assert_true(dib_hmap_get(&m, keys[i], strlen(keys[i]), &v));
		assert_int_equal(v, i);
	}
	assert_false(dib_hmap_get(&m, "410726199999999999", 18, NULL));
	dib_hmap_release(&m);
	dib_hmap_release(NULL);
}

static void test_hmap__reserve_then_fill(void **state)
{
	(void)state;
	dib_hmap m;
	dib_hmap_init(&m);
	assert_int_equal(dib_hmap_reserve(&m, 1000), DIB_OK);
	size_t cap = m.cap;
	assert_true(cap >= 2000);
	static char keys[1000][8];
	for (int i = 0; i < 1000; i++) {
		snprintf(keys[i], sizeof keys[i], "k%d", i);
		assert_int_equal(dib_hmap_put(&m, keys[i], strlen(keys[i]), i, NULL), DIB_OK);
	}
	assert_int_equal(m.cap, cap); /* no rehash after a sufficient reserve */
	dib_hmap_release(&m);
}

static void test_vec__push_grows_and_zeroes(void **state)
{
	(void)state;
	struct row { int64_t a; char b[13]; };
	dib_vec v;
	dib_vec_init(&v, sizeof(struct row));
	for (int i = 0; i < 5000; i++) {
		struct row *r = dib_vec_push(&v);
		assert_non_null(r);
		assert_int_equal(r->a, 0);
		assert_int_equal(r->b[0], 0);
		r->a = i;
		snprintf(r->b, sizeof r->b, "%d", i);
	}
	assert_int_equal(v.len, 5000);
	const struct row *rows = v.items;
	assert_int_equal(rows[4321].a, 4321);
	assert_string_equal(rows[4321].b, "4321");

	dib_arena a;
	dib_arena_init(&a, 0, 0);
	struct row *copy = dib_vec_copy_to(&v, &a);
	assert_non_null(copy);
	assert_int_equal(copy[4999].a, 4999);
	dib_vec_release(&v);
	assert_null(v.items);
	assert_null(dib_vec_copy_to(&v, &a)); /* empty */
	dib_arena_release(&a);
	dib_vec_release(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hmap__put_get_and_duplicates),
		cmocka_unit_test(test_hmap__many_keys_survive_growth),
		cmocka_unit_test(test_hmap__reserve_then_fill),
		cmocka_unit_test(test_vec__push_grows_and_zeroes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
