/*
 * test_log.c — the log: ID masking, line format, levels, and whole lines
 * from many threads. (time.c and progress.c have test_time.c and
 * test_progress.c.)
 * The threads test starts its own threads; the rest is single-threaded.
 */
#include "util/dib.h"
#include "util/log.h"

#include <pthread.h>
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

/* ---- masking -------------------------------------------------------- */

struct mask_case {
	const char *in;
	const char *want;
};

static const struct mask_case mask_cases[] = {
	{ "", "" },
	{ "no digits here", "no digits here" },
	{ "身份证 110101199001011234 已登记", "身份证 1101**********1234 已登记" },
	{ "41010119800101123X", "4101**********123X" },
	{ "41010119800101123x", "4101**********123x" },
	{ "老证 110101900101123 号", "老证 1101*******1123 号" },        /* 15 digits */
	{ "户主110101199001011234配偶41010119800101123X",
	  "户主1101**********1234配偶4101**********123X" },
	{ "ID110101199001011234.", "ID1101**********1234." },
	{ "id=110101199001011234&x=1", "id=1101**********1234&x=1" },
	/* Not ID numbers: other lengths, or part of a longer run of digits. */
	{ "卡号 6222020200112233445", "卡号 6222020200112233445" },       /* 19-digit card */
	{ "卡号 6222020200112233", "卡号 6222020200112233" },             /* 16-digit card */
	{ "电话 13800138000", "电话 13800138000" },
	{ "12345678901234567890", "12345678901234567890" },               /* 20 digits */
	{ "11010119900101123", "11010119900101123" },                     /* 17 digits */
	{ "1101011990010112345X", "1101011990010112345X" },               /* 19 + X */
	{ "11010119900101123X5", "11010119900101123X5" },                 /* X then digit */
	{ "1101019001011234", "1101019001011234" },                       /* 16 digits */
	{ "11010190010112", "11010190010112" },                           /* 14 digits */
	{ "amount 1234567.89", "amount 1234567.89" },
};

static void test_log__mask_ids_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < DIB_ARRAY_LEN(mask_cases); i++) {
		char out[256];
		size_t n = dib_log_mask_ids(mask_cases[i].in, out, sizeof out);
		if (strcmp(out, mask_cases[i].want) != 0 || n != strlen(out))
			fail_msg("case %zu: \"%s\" -> \"%s\", want \"%s\"", i,
				 mask_cases[i].in, out, mask_cases[i].want);
	}
}

static void test_log__mask_truncates_without_revealing(void **state)
{
	(void)state;
	char out[10];
	/* Cut inside the ID: only masked characters may come out. */
	size_t n = dib_log_mask_ids("110101199001011234", out, sizeof out);
	assert_int_equal(n, 9);
	assert_string_equal(out, "1101*****");

	/* Cut inside a UTF-8 character: the partial character is dropped. */
	char small[5];
	n = dib_log_mask_ids("张三李四", small, sizeof small);
	assert_int_equal(n, 3);
	assert_string_equal(small, "张");

	char one[1] = { 'x' };
	assert_int_equal(dib_log_mask_ids("abc", one, sizeof one), 0);
	assert_int_equal(one[0], '\0');
	assert_int_equal(dib_log_mask_ids("abc", one, 0), 0);
}

/* ---- writing -------------------------------------------------------- */

/* "2026-11-26T08:00:00Z LEVEL " — checks the shape of the prefix. */
static void assert_prefix(const char *line, const char *level)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ ";
	for (size_t i = 0; shape[i]; i++) {
		if (shape[i] == 'd')
			assert_true(line[i] >= '0' && line[i] <= '9');
		else
			assert_int_equal(line[i], shape[i]);
	}
	assert_memory_equal(line + 21, level, strlen(level));
	assert_int_equal(line[21 + strlen(level)], ' ');
}

static void test_log__write_formats_masks_and_filters(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	assert_non_null(f);
	dib_log log;
	dib_log_init(&log, f, DIB_LOG_INFO);
	dib_log_write(&log, DIB_LOG_DEBUG, "dropped %d", 1);
	dib_log_write(&log, DIB_LOG_INFO, "申请人 %s 已受理", "110101199001011234");
	dib_log_write(&log, DIB_LOG_ERROR, "two\nlines\r\nforged");
	char buf[4096];
	size_t n = slurp(f, buf, sizeof buf);
	assert_true(n > 0);
	assert_null(strstr(buf, "dropped"));
	assert_null(strstr(buf, "199001011"));

	char *second = strchr(buf, '\n');
	assert_non_null(second);
	*second++ = '\0';
	assert_prefix(buf, "INFO");
	assert_string_equal(buf + 26, "申请人 1101**********1234 已受理");
	assert_prefix(second, "ERROR");
	assert_string_equal(second + 27, "two lines  forged\n");
	fclose(f);

	/* Logging off: a NULL stream or a NULL log does nothing. */
	dib_log off;
	dib_log_init(&off, NULL, DIB_LOG_DEBUG);
	dib_log_write(&off, DIB_LOG_ERROR, "nowhere");
	dib_log_write(NULL, DIB_LOG_ERROR, "nowhere");
}

static void test_log__long_message_is_one_whole_line(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	assert_non_null(f);
	dib_log log;
	dib_log_init(&log, f, DIB_LOG_DEBUG);
	char msg[5001];
	memset(msg, 'a', sizeof msg - 1);
	msg[sizeof msg - 1] = '\0';
	memcpy(msg + 4000, "110101199001011234", 18);
	dib_log_write(&log, DIB_LOG_WARN, "%s", msg);
	static char buf[8192];
	size_t n = slurp(f, buf, sizeof buf);
	assert_int_equal(n, 26 + 5000 + 1);
	assert_int_equal(buf[n - 1], '\n');
	assert_memory_equal(buf + 26 + 4000, "1101**********1234", 18);
	fclose(f);
}

struct log_thread {
	dib_log *log;
	int id;
};

enum { LOG_THREADS = 4, LOG_LINES = 500 };
#define LOG_FILLER "................................................"

static void *log_thread_main(void *arg)
{
	struct log_thread *t = arg;
	for (int i = 0; i < LOG_LINES; i++)
		dib_log_write(t->log, DIB_LOG_INFO, "thread %d line %04d %s", t->id,
			      i, LOG_FILLER);
	return NULL;
}

static void test_log__threads_write_whole_lines(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	assert_non_null(f);
	dib_log log;
	dib_log_init(&log, f, DIB_LOG_INFO);
	pthread_t th[LOG_THREADS];
	struct log_thread args[LOG_THREADS];
	for (int i = 0; i < LOG_THREADS; i++) {
		args[i] = (struct log_thread){ &log, i };
		assert_int_equal(pthread_create(&th[i], NULL, log_thread_main, &args[i]), 0);
	}
	for (int i = 0; i < LOG_THREADS; i++)
		pthread_join(th[i], NULL);
	fflush(f);
	rewind(f);
	char line[256];
	int count = 0;
	int next[LOG_THREADS] = { 0 };
	while (fgets(line, sizeof line, f)) {
		int id, no;
		assert_int_equal(sscanf(line + 26, "thread %d line %d", &id, &no), 2);
		assert_true(id >= 0 && id < LOG_THREADS);
		assert_int_equal(no, next[id]++); /* each thread's lines in order */
		assert_int_equal(strlen(line), 26 + strlen("thread 0 line 0000 " LOG_FILLER) + 1);
		count++;
	}
	assert_int_equal(count, LOG_THREADS * LOG_LINES);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_log__mask_ids_table),
		cmocka_unit_test(test_log__mask_truncates_without_revealing),
		cmocka_unit_test(test_log__write_formats_masks_and_filters),
		cmocka_unit_test(test_log__long_message_is_one_whole_line),
		cmocka_unit_test(test_log__threads_write_whole_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
