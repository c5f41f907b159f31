/*
 * test_kinship.c — table tests for core/kinship.c: close relatives (民法典
 * art. 1045) derived from two members' relations to the household head,
 * as used for 近亲属备案 (最低生活保障审核确认办法 art. 11).
 * Thread-safety: single-threaded test program.
 */
#include "util/dib.h"
#include "core/kinship.h"
#include "core/codes.h"

#include <setjmp.h>
#include <cmocka.h>

static void test_kinship__table(void **state)
{
	(void)state;
	static const struct {
		int a, b;
		enum kinship_verdict v;
		const char *name; /* what b is to a */
	} t[] = {
		/* the head and anyone recorded as close to him (art. 1045) */
		{ 1, 10, KINSHIP_CLOSE, "配偶" },
		{ 1, 20, KINSHIP_CLOSE, "子女" },
		{ 1, 30, KINSHIP_CLOSE, "子女" },
		{ 1, 40, KINSHIP_CLOSE, "孙子女/外孙子女" },
		{ 1, 50, KINSHIP_CLOSE, "父母" },
		{ 1, 60, KINSHIP_CLOSE, "祖父母/外祖父母" },
		{ 1, 70, KINSHIP_CLOSE, "兄弟姐妹" },
		{ 20, 1, KINSHIP_CLOSE, "父母" },
		{ 40, 1, KINSHIP_CLOSE, "祖父母/外祖父母" },
		/* other kin and non-kin: nothing can be derived */
		{ 1, 80, KINSHIP_NONE, "" },
		{ 1, 99, KINSHIP_NONE, "" },
		{ 80, 20, KINSHIP_NONE, "" },
		/* through the head */
		{ 20, 30, KINSHIP_CLOSE, "兄弟姐妹" },   /* son and daughter */
		{ 20, 20, KINSHIP_CLOSE, "兄弟姐妹" },
		{ 10, 20, KINSHIP_CLOSE, "子女" },       /* the spouse and the children: presumed */
		{ 20, 10, KINSHIP_CLOSE, "父母" },
		{ 30, 50, KINSHIP_CLOSE, "祖父母/外祖父母" },
		{ 50, 30, KINSHIP_CLOSE, "孙子女/外孙子女" },
		{ 50, 50, KINSHIP_CLOSE, "配偶" },       /* the head's two parents */
		{ 50, 70, KINSHIP_CLOSE, "子女" },       /* the head's sibling is the parent's child */
		{ 70, 60, KINSHIP_CLOSE, "祖父母/外祖父母" },
		{ 70, 70, KINSHIP_CLOSE, "兄弟姐妹" },
		/* in-laws are not close relatives under art. 1045 */
		{ 10, 50, KINSHIP_NONE, "" },            /* parent-in-law */
		{ 50, 10, KINSHIP_NONE, "" },
		{ 10, 70, KINSHIP_NONE, "" },            /* sibling-in-law */
		/* beyond art. 1045: great-grandparents, uncles, nephews */
		{ 20, 60, KINSHIP_NONE, "" },
		{ 40, 50, KINSHIP_NONE, "" },
		{ 20, 70, KINSHIP_NONE, "" },
		/* the register cannot tell: a clerk confirms */
		{ 20, 40, KINSHIP_POSSIBLE, "子女或侄甥" },
		{ 40, 20, KINSHIP_POSSIBLE, "父母或伯叔姑舅姨" },
		{ 40, 40, KINSHIP_POSSIBLE, "兄弟姐妹或堂表亲" },
		{ 50, 60, KINSHIP_POSSIBLE, "父母或配偶的父母" },
		{ 60, 60, KINSHIP_POSSIBLE, "配偶或亲家" },
		/* unknown codes grant nothing */
		{ 1, 0, KINSHIP_NONE, "" },
		{ 12345, 1, KINSHIP_NONE, "" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		struct kinship k = kinship_of(t[i].a, t[i].b);
		if (k.verdict != t[i].v || strcmp(k.name, t[i].name))
			fail_msg("%zu: (%d, %d) gave %d \"%s\", want %d \"%s\"", i, t[i].a,
				 t[i].b, k.verdict, k.name, t[i].v, t[i].name);
	}
}

/* The verdict does not depend on the order; and the head-relative cells
 * agree with codes_relation_is_close, the rule the rest of dibao uses. */
static void test_kinship__symmetric_and_consistent(void **state)
{
	(void)state;
	static const int rel[] = { 1, 10, 20, 30, 40, 50, 60, 70, 80, 99 };
	for (size_t i = 0; i < DIB_ARRAY_LEN(rel); i++) {
		for (size_t j = 0; j < DIB_ARRAY_LEN(rel); j++) {
			struct kinship ab = kinship_of(rel[i], rel[j]);
			struct kinship ba = kinship_of(rel[j], rel[i]);
			if (ab.verdict != ba.verdict)
				fail_msg("(%d, %d) is %d but (%d, %d) is %d", rel[i], rel[j],
					 ab.verdict, rel[j], rel[i], ba.verdict);
			if ((ab.verdict == KINSHIP_NONE) != (ab.name[0] == '\0'))
				fail_msg("(%d, %d): name \"%s\" for verdict %d", rel[i], rel[j],
					 ab.name, ab.verdict);
		}
		bool close = kinship_of(CODES_REL_HEAD, rel[i]).verdict == KINSHIP_CLOSE;
		assert_int_equal(close, codes_relation_is_close(rel[i]));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinship__table),
		cmocka_unit_test(test_kinship__symmetric_and_consistent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
