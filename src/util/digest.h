/*
 * digest.h — BLAKE2b-256 (libsodium's crypto_generichash) over a list of
 * byte strings, as lower-case hex. Used by the audit chain (store_audit.c),
 * where each record's hash covers the previous record's hash and every field.
 *
 * The parts are hashed as if concatenated: making the input unambiguous
 * (lengths, NULL markers) is the caller's job.
 * Thread-safety: thread-safe (no shared state).
 */
#ifndef DIB_DIGEST_H
#define DIB_DIGEST_H

#include "util/dib.h"

/* Hex digest length plus the NUL. */
#define DIB_BLAKE2B_HEX_SIZE 65

typedef struct dib_bytes {
	const void *p; /* may be NULL when len is 0 */
	size_t len;
} dib_bytes;

/* Writes the BLAKE2b-256 of parts[0] … parts[n-1] (concatenated) as 64
 * lower-case hex digits and a NUL into out. Cannot fail. */
void dib_blake2b_hex(const dib_bytes *parts, size_t n,
		     char out[DIB_BLAKE2B_HEX_SIZE]);

#endif
