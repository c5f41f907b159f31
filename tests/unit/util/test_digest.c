/*
 * test_digest.c — digest.c: BLAKE2b-256 hex against the published digests
 * (RFC 7693's BLAKE2b with a 32-byte output, as Python's hashlib.blake2b
 * computes it), and parts hashed as their concatenation.
 * Single-threaded.
 */
#include "util/dib.h"
#include "util/digest.h"

#include <setjmp.h>

#include <cmocka.h>

static void test_digest__known_values(void **state)
{
	(void)state;
	const struct {
		const char *in;
		const char *want;
	} cases[] = {
		{ "", "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8" },
		{ "abc", "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319" },
		{ "The quick brown fox jumps over the lazy dog",
		  "01718cec35cd3d796dd00020e0bfecb473ad23457d063b75eff29c0ffa2e58a9" },
		{ "审计", "5c160c6f5bf06df93a2dbad45e923157c3ef90ac1e08aee747be52bf83c367d7" },
	};
	for (size_t i = 0; i < DIB_ARRAY_LEN(cases); i++) {
		dib_bytes part = { cases[i].in, strlen(cases[i].in) };
		char out[DIB_BLAKE2B_HEX_SIZE];
		dib_blake2b_hex(&part, 1, out);
		assert_string_equal(out, cases[i].want);
	}
}

static void test_digest__parts_are_concatenated(void **state)
{
	(void)state;
	dib_bytes parts[] = {
		{ "The quick ", 10 }, { NULL, 0 }, { "brown fox jumps", 15 },
		{ " over the lazy dog", 18 },
	};
	char out[DIB_BLAKE2B_HEX_SIZE];
	dib_blake2b_hex(parts, DIB_ARRAY_LEN(parts), out);
	assert_string_equal(out, "01718cec35cd3d796dd00020e0bfecb473ad23457d063b75eff29c0ffa2e58a9");
	dib_blake2b_hex(NULL, 0, out);
	assert_string_equal(out, "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_digest__known_values),
		cmocka_unit_test(test_digest__parts_are_concatenated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
