/*
 * test_buf.c — the capped growable buffer: appends, the cap (content kept
 * on failure), "no cap" (SIZE_MAX), reset, release and take.
 * Single-threaded.
 */
#include "util/dib.h"
#include "util/buf.h"

#include <setjmp.h>

#include <cmocka.h>

static void test_buf__appends(void **state)
{
	(void)state;
	dib_buf b;
	dib_buf_init(&b, 1024);
	assert_string_equal(dib_buf_str(&b), "");
	assert_int_equal(dib_buf_add(&b, "ab", 2), DIB_OK);
	assert_int_equal(dib_buf_adds(&b, "张三"), DIB_OK);
	assert_int_equal(dib_buf_addc(&b, '!'), DIB_OK);
	assert_int_equal(dib_buf_addf(&b, " %d元%s", 42, "整"), DIB_OK);
	assert_string_equal(dib_buf_str(&b), "ab张三! 42元整");
	assert_int_equal(b.len, strlen("ab张三! 42元整"));
	assert_int_equal(b.ptr[b.len], '\0');
	assert_true(b.cap >= b.len + 1);
	assert_int_equal(dib_buf_add(&b, NULL, 0), DIB_OK);
	assert_int_equal(b.len, strlen("ab张三! 42元整"));
	dib_buf_release(&b);
	assert_null(b.ptr);
	assert_string_equal(dib_buf_str(&b), "");
	dib_buf_release(NULL);
}

static void test_buf__growth_keeps_content(void **state)
{
	(void)state;
	dib_buf b;
	dib_buf_init(&b, 1 << 20);
	for (int i = 0; i < 100000; i++)
		assert_int_equal(dib_buf_addc(&b, (char)('a' + i % 26)), DIB_OK);
	assert_int_equal(b.len, 100000);
	for (int i = 0; i < 100000; i++)
		assert_int_equal(b.ptr[i], 'a' + i % 26);
	assert_int_equal(b.ptr[100000], '\0');
	dib_buf_release(&b);
}

static void test_buf__cap_keeps_content(void **state)
{
	(void)state;
	dib_buf b;
	dib_buf_init(&b, 8);
	assert_int_equal(dib_buf_adds(&b, "12345678"), DIB_OK);
	assert_true(b.cap <= 9); /* never more than max + 1 */
	assert_int_equal(dib_buf_addc(&b, '9'), DIB_ETOOBIG);
	assert_int_equal(dib_buf_addf(&b, "%s", "x"), DIB_ETOOBIG);
	assert_int_equal(dib_buf_add(&b, "x", SIZE_MAX), DIB_ETOOBIG);
	assert_string_equal(dib_buf_str(&b), "12345678");
	dib_buf_reset(&b);
	assert_int_equal(dib_buf_addf(&b, "%s", "123456789"), DIB_ETOOBIG);
	assert_string_equal(dib_buf_str(&b), "");
	dib_buf_release(&b);

	/* A zero cap takes only the empty string. */
	dib_buf_init(&b, 0);
	assert_int_equal(dib_buf_adds(&b, ""), DIB_OK);
	assert_string_equal(dib_buf_str(&b), "");
	assert_int_equal(dib_buf_addc(&b, 'x'), DIB_ETOOBIG);
	dib_buf_release(&b);
}

static void test_buf__no_cap(void **state)
{
	(void)state;
	/* max + 1 used to wrap to 0 here and shrink the allocation to
	 * nothing before the bytes were copied in. */
	dib_buf b;
	dib_buf_init(&b, SIZE_MAX);
	assert_int_equal(dib_buf_adds(&b, "hello"), DIB_OK);
	assert_true(b.cap >= b.len + 1);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(dib_buf_adds(&b, "0123456789"), DIB_OK);
	assert_int_equal(b.len, 5 + 10000);
	assert_true(b.cap >= b.len + 1);
	assert_memory_equal(b.ptr, "hello0123", 9);
	dib_buf_release(&b);
}

static void test_buf__reset_and_take(void **state)
{
	(void)state;
	dib_buf b;
	dib_buf_init(&b, 100);
	assert_null(dib_buf_take(&b)); /* nothing added */
	dib_buf_adds(&b, "abc");
	char *kept = b.ptr;
	dib_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(dib_buf_str(&b), "");
	dib_buf_adds(&b, "xy");
	assert_ptr_equal(b.ptr, kept); /* memory reused */
	char *s = dib_buf_take(&b);
	assert_string_equal(s, "xy");
	assert_null(b.ptr);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	free(s);
	/* Usable again after take. */
	assert_int_equal(dib_buf_adds(&b, "again"), DIB_OK);
	assert_string_equal(dib_buf_str(&b), "again");
	dib_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf__appends),
		cmocka_unit_test(test_buf__growth_keeps_content),
		cmocka_unit_test(test_buf__cap_keeps_content),
		cmocka_unit_test(test_buf__no_cap),
		cmocka_unit_test(test_buf__reset_and_take),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
