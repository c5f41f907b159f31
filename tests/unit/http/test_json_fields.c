/*
 * test_json_fields.c — table tests for src/http/json_fields.c: which
 * request bodies the typed field lists accept, and the Chinese message
 * naming the field for each refusal (unknown, missing, null, wrong type,
 * nested objects).
 * Thread-safety: single-threaded test program.
 */
#include "util/dib.h"
#include "http/http_int.h"

#include <setjmp.h>
#include <cmocka.h>

static const struct http_field person[] = {
	{ "id_number", HTTP_F_STRING, HTTP_F_REQUIRED },
	{ "name", HTTP_F_STRING, HTTP_F_REQUIRED },
	{ "health", HTTP_F_INT, 0 },
};

static const struct http_field household[] = {
	{ "address", HTTP_F_STRING, HTTP_F_REQUIRED },
	{ "registration", HTTP_F_INT, HTTP_F_REQUIRED },
	{ "phone", HTTP_F_STRING, HTTP_F_NULLABLE },
	{ "disabled", HTTP_F_BOOL, 0 },
	{ "roles", HTTP_F_STRINGS, 0 },
	{ "head", HTTP_F_OBJECT, 0 },
};

static void test_json_fields__table(void **state)
{
	(void)state;
	static const struct {
		const char *body;
		const char *msg; /* NULL: accepted */
	} t[] = {
		{ "{\"address\":\"x\",\"registration\":1}", NULL },
		{ "{\"address\":\"x\",\"registration\":1,\"phone\":null}", NULL },
		{ "{\"address\":\"x\",\"registration\":2,\"roles\":[\"a\",\"b\"],\"disabled\":true}", NULL },
		{ "{\"address\":\"x\",\"registration\":1,\"roles\":[]}", NULL },
		{ "{\"registration\":1}", "缺少字段 \"address\"" },
		{ "{\"address\":\"x\",\"registration\":1,\"x\":1}", "未知字段 \"x\"" },
		{ "{\"address\":1,\"registration\":1}", "字段 \"address\" 应为字符串" },
		{ "{\"address\":\"x\",\"registration\":\"1\"}", "字段 \"registration\" 应为整数" },
		{ "{\"address\":\"x\",\"registration\":1.0}", "字段 \"registration\" 应为整数" },
		{ "{\"address\":\"x\",\"registration\":null}", "字段 \"registration\" 不能为空" },
		{ "{\"address\":\"x\",\"registration\":1,\"disabled\":0}", "字段 \"disabled\" 应为布尔值（true 或 false）" },
		{ "{\"address\":\"x\",\"registration\":1,\"roles\":[\"a\",1]}", "字段 \"roles\" 应为字符串数组" },
		{ "{\"address\":\"x\",\"registration\":1,\"roles\":\"a\"}", "字段 \"roles\" 应为字符串数组" },
		{ "{\"address\":\"x\",\"registration\":1,\"head\":[]}", "字段 \"head\" 应为 JSON 对象" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(t); i++) {
		json_error_t je;
		json_t *j = json_loads(t[i].body, 0, &je);
		assert_non_null(j);
		json_t *vals[DIB_ARRAY_LEN(household)];
		dib_err err;
		dib_err_clear(&err);
		dib_code rc = http__check_fields(j, NULL, household, DIB_ARRAY_LEN(household),
						 vals, &err);
		if (!t[i].msg) {
			if (rc)
				fail_msg("%zu: %s refused: %s", i, t[i].body, err.msg);
			assert_string_equal(http__json_str(vals[0]), "x");
		} else {
			assert_int_equal(rc, DIB_EINVAL);
			if (strcmp(err.msg, t[i].msg))
				fail_msg("%zu: got \"%s\", want \"%s\"", i, err.msg, t[i].msg);
		}
		json_decref(j);
	}
}

static void test_json_fields__nested_and_absent(void **state)
{
	(void)state;
	json_error_t je;
	json_t *j = json_loads("{\"address\":\"x\",\"registration\":1,"
			       "\"head\":{\"id_number\":\"1\",\"nick\":\"n\"}}", 0, &je);
	assert_non_null(j);
	json_t *vals[DIB_ARRAY_LEN(household)];
	dib_err err;
	dib_err_clear(&err);
	assert_int_equal(http__check_fields(j, NULL, household, DIB_ARRAY_LEN(household),
					    vals, &err), DIB_OK);
	assert_null(vals[2]); /* absent optional: NULL, not JSON null */
	assert_null(vals[3]);
	assert_non_null(vals[5]);
	json_t *pv[DIB_ARRAY_LEN(person)];
	assert_int_equal(http__check_fields(vals[5], "head.", person, DIB_ARRAY_LEN(person),
					    pv, &err), DIB_EINVAL);
	assert_string_equal(err.msg, "未知字段 \"head.nick\"");
	json_decref(j);
	assert_null(http__json_str(NULL));
	json_t *n = json_null();
	assert_null(http__json_str(n));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_fields__table),
		cmocka_unit_test(test_json_fields__nested_and_absent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
