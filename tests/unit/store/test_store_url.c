/*
 * test_store_url.c — database URLs printed to the user never show a
 * password; URLs without one are printed as given.
 */
#include "util/dib.h"
#include "store/store.h"

#include <setjmp.h>
#include <cmocka.h>

static void test_store_url__display_hides_passwords(void **state)
{
	(void)state;
	static const struct { const char *in, *out; } cases[] = {
		{ "sqlite:dibao.db", "sqlite:dibao.db" },
		{ "postgresql://dibao:s3cret@db.example/dibao", "postgresql://dibao:***@db.example/dibao" },
		{ "postgres://u:p%40ss@h:5432/x?sslmode=require", "postgres://u:***@h:5432/x?sslmode=require" },
		{ "postgresql://u@h/x", "postgresql://u@h/x" },
		{ "postgresql:///dibao?host=/tmp/pg&user=dibao", "postgresql:///dibao?host=/tmp/pg&user=dibao" },
		{ "postgresql:///x?user=u&password=pw&host=h", "postgresql:///x?user=u&password=***&host=h" },
		{ "postgresql:///x?password=pw", "postgresql:///x?password=***" },
		{ "postgresql://h:5432/x", "postgresql://h:5432/x" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		char out[256];
		assert_string_equal(store_url_display(cases[i].in, out, sizeof out), cases[i].out);
	}
	char tiny[8];
	store_url_display("postgresql://u:pw@h/x", tiny, sizeof tiny);
	assert_int_equal(strlen(tiny), 7); /* truncated, terminated */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_store_url__display_hides_passwords),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
