/*
 * test_progress.c — progress.c: the CLI progress bar prints nothing when
 * disabled, and when enabled shows its label, throttles redraws and ends
 * with exactly one line end.
 * Single-threaded.
 */
#include "util/dib.h"
#include "util/progress.h"

#include <setjmp.h>

#include <cmocka.h>

/* Reads the whole of a tmpfile into buf (NUL-terminated); returns length. */
static size_t slurp(FILE *f, char *buf, size_t cap)
{
	fflush(f);
	rewind(f);
	size_t n = fread(buf, 1, cap - 1, f);
	buf[n] = '\0';
	return n;
}

/* ---- progress ------------------------------------------------------- */

static void test_progress__disabled_prints_nothing(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	assert_non_null(f);
	dib_progress p;
	dib_progress_init(&p, f, false, "导入", 100);
	for (uint64_t i = 0; i <= 100; i++)
		dib_progress_update(&p, i);
	dib_progress_finish(&p);
	assert_int_equal(p.done, 100); /* still counts */
	fflush(f);
	assert_int_equal(ftell(f), 0);
	fclose(f);
}

static void test_progress__enabled_shows_label_and_ends_line(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	assert_non_null(f);
	dib_progress p;
	dib_progress_init(&p, f, true, "导入住户", 2000);
	dib_progress_update(&p, 1);
	dib_progress_update(&p, 2); /* within 100 ms: not redrawn */
	char buf[1024];
	slurp(f, buf, sizeof buf);
	fseek(f, 0, SEEK_END);
	assert_non_null(strstr(buf, "导入住户"));
	assert_null(strchr(buf + 1, '\r')); /* one draw only */
	dib_progress_update(&p, 2000);
	dib_progress_finish(&p);
	dib_progress_finish(&p); /* a second finish adds nothing */
	size_t n = slurp(f, buf, sizeof buf);
	assert_true(n > 0);
	assert_int_equal(buf[n - 1], '\n');
	assert_ptr_equal(strchr(buf, '\n'), buf + n - 1); /* one line end */
	assert_non_null(strstr(buf, "100.0%"));
	assert_non_null(strstr(buf, "2000/2000"));
	fclose(f);

	/* Unknown total: a count. */
	f = tmpfile();
	assert_non_null(f);
	dib_progress_init(&p, f, true, "扫描", 0);
	dib_progress_update(&p, 12345);
	dib_progress_finish(&p);
	n = slurp(f, buf, sizeof buf);
	assert_non_null(strstr(buf, "扫描 12345"));
	assert_int_equal(buf[n - 1], '\n');
	fclose(f);

	/* Bytes: shown in MB, as a clerk reads a file's size. */
	f = tmpfile();
	assert_non_null(f);
	dib_progress_init(&p, f, true, "导入", 41877205);
	p.bytes = true;
	dib_progress_update(&p, 41877205);
	dib_progress_finish(&p);
	slurp(f, buf, sizeof buf);
	assert_non_null(strstr(buf, "41.9/41.9 MB"));
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_progress__disabled_prints_nothing),
		cmocka_unit_test(test_progress__enabled_shows_label_and_ends_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
