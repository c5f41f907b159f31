/*
 * digest.c — BLAKE2b-256 as hex (digest.h), on libsodium.
 * Thread-safety: thread-safe; sodium_init is itself thread-safe.
 */
#include "util/dib.h"
#include "util/digest.h"

#include <sodium.h>

_Static_assert(DIB_BLAKE2B_HEX_SIZE == 2 * 32 + 1, "hex size");

void dib_blake2b_hex(const dib_bytes *parts, size_t n,
		     char out[DIB_BLAKE2B_HEX_SIZE])
{
	/* sodium_init only selects faster implementations; the portable one
	 * used before it gives the same digest, so its result is not needed. */
	if (sodium_init() < 0) {
		/* Nothing to report: the portable code is used as before. */
	}
	crypto_generichash_state st;
	unsigned char md[32];
	/* Unkeyed, 32-byte output: both within libsodium's limits, so these
	 * calls cannot fail. */
	crypto_generichash_init(&st, NULL, 0, sizeof md);
	for (size_t i = 0; i < n; i++)
		if (parts[i].len)
			crypto_generichash_update(&st, parts[i].p, parts[i].len);
	crypto_generichash_final(&st, md, sizeof md);
	sodium_bin2hex(out, DIB_BLAKE2B_HEX_SIZE, md, sizeof md);
}
