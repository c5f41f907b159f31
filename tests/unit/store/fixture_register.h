/*
 * fixture_register.h — the fixture of the store tests of the register
 * (test_store_household.c, test_store_staff.c): fixture.h's database with
 * a small region tree of two counties. Include it once, after cmocka.h,
 * with FX_TMPDIR defined as a mkdtemp template.
 * Thread-safety: single-threaded test programs.
 */
#ifndef DIB_TEST_FIXTURE_REGISTER_H
#define DIB_TEST_FIXTURE_REGISTER_H

#include "fixture.h"

static store_region region(const char *code, const char *name, int level,
			   const char *parent)
{
	store_region r;
	memset(&r, 0, sizeof r);
	snprintf(r.code, sizeof r.code, "%s", code);
	r.name = name;
	r.level = (enum region_level)level;
	snprintf(r.parent_code, sizeof r.parent_code, "%s", parent);
	return r;
}

static int setup(void **state)
{
	struct fx *fx = fx_open(state);
	/* 河南省 > 新乡市 > 延津县 > 东屯镇 > 王庄村 / 东屯社区; 封丘县 > 城关镇 > 北街村 */
	store_region rows[] = {
		region("410000000000", "河南省", 1, ""),
		region("410700000000", "新乡市", 2, "410000000000"),
		region("410726000000", "延津县", 3, "410700000000"),
		region("410726101000", "东屯镇", 4, "410726000000"),
		region("410726101201", "王庄村", 5, "410726101000"),
		region("410726101001", "东屯社区", 5, "410726101000"),
		region("410727000000", "封丘县", 3, "410700000000"),
		region("410727100000", "城关镇", 4, "410727000000"),
		region("410727100201", "北街村", 5, "410727100000"),
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(rows); i++)
		OK(store_region_insert(fx->s, &rows[i], &fx->err));
	*state = fx;
	return 0;
}


#endif
