/*
 * test_recovery.c — table tests for core/recovery: the cap on what one
 * payment gives up to recover overpayments (floor of the county's share,
 * never the whole payment) and its split over several overpayments, oldest
 * first.
 * Thread-safety: single-threaded test program.
 */
#include "util/dib.h"
#include "core/recovery.h"

#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

static void test_recovery__cap(void **state)
{
	(void)state;
	static const struct {
		dib_fen gross;
		int bp;
		dib_fen cap;
	} t[] = {
		{ 52800, 3000, 15840 },      /* 528 元 at 30 %: 158.40 元 */
		{ 12345, 3000, 3703 },       /* 3703.5 floored */
		{ 99, 3000, 29 },            /* 29.7 floored */
		{ 1, 3000, 0 },              /* one fen: nothing to take */
		{ 0, 3000, 0 },
		{ -5, 3000, 0 },
		{ 52800, 0, 0 },             /* the county deducts nothing */
		{ 52800, -1, 0 },
		{ 52800, 10000, 52799 },     /* 100 %: one fen is still paid */
		{ 52800, 12000, 52799 },     /* beyond 100 % is 100 % */
		{ 2, 10000, 1 },
		{ 3, 5000, 1 },
		{ 52800, 1, 5 },             /* 0.01 %: 5.28 fen floored */
		{ 900000000000000LL, 3000, 270000000000000LL }, /* no overflow */
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++)
		if (recovery_cap(t[i].gross, t[i].bp) != t[i].cap)
			fail_msg("row %zu: cap(%lld, %d) = %lld, want %lld", i, (long long)t[i].gross,
				 t[i].bp, (long long)recovery_cap(t[i].gross, t[i].bp),
				 (long long)t[i].cap);
}

static void test_recovery__split_oldest_first(void **state)
{
	(void)state;
	static const struct {
		dib_fen gross;
		int bp;
		size_t n;
		dib_fen out[3], take[3], total;
	} t[] = {
		/* one overpayment larger than the cap: the cap */
		{ 52800, 3000, 1, { 100000 }, { 15840 }, 15840 },
		/* one smaller: all of it */
		{ 52800, 3000, 1, { 1000 }, { 1000 }, 1000 },
		/* the oldest first, the next takes what the cap leaves */
		{ 52800, 3000, 3, { 10000, 10000, 10000 }, { 10000, 5840, 0 }, 15840 },
		/* a closed or fully taken one (0) is passed over */
		{ 52800, 3000, 3, { 0, 500, 20000 }, { 0, 500, 15340 }, 15840 },
		{ 52800, 3000, 2, { -3, 7 }, { 0, 7 }, 7 },
		/* nothing to take from */
		{ 1, 3000, 2, { 500, 500 }, { 0, 0 }, 0 },
		{ 52800, 0, 2, { 500, 500 }, { 0, 0 }, 0 },
		/* 100 %: everything but one fen */
		{ 52800, 10000, 2, { 30000, 30000 }, { 30000, 22799 }, 52799 },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		dib_fen take[3] = { -1, -1, -1 };
		dib_fen total = recovery_split(t[i].gross, t[i].bp, t[i].out, t[i].n, take);
		if (total != t[i].total)
			fail_msg("row %zu: total %lld, want %lld", i, (long long)total,
				 (long long)t[i].total);
		for (size_t k = 0; k < t[i].n; k++)
			if (take[k] != t[i].take[k])
				fail_msg("row %zu: take[%zu] %lld, want %lld", i, k, (long long)take[k],
					 (long long)t[i].take[k]);
	}
	/* no overpayments: nothing written, nothing taken */
	assert_int_equal(recovery_split(52800, 3000, NULL, 0, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recovery__cap),
		cmocka_unit_test(test_recovery__split_oldest_first),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
