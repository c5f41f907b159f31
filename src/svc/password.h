/*
 * password.h — password rules and hashing (argon2id via libsodium).
 *
 * The rule is the 等保2.0 三级 basic: at least 8 characters from at least
 * 3 of the 4 classes (upper case, lower case, digits, other). Hashes are
 * libsodium's self-describing argon2id strings (salt and parameters inside).
 * Passwords are never logged or stored in clear.
 * Thread-safety: thread-safe after password_lib_init().
 */
#ifndef DIB_SVC_PASSWORD_H
#define DIB_SVC_PASSWORD_H

#include "util/dib.h"
#include "util/err.h"

#define PASSWORD_HASH_MAX 128

/* Initialises libsodium once per process (idempotent). */
dib_code password_lib_init(dib_err *err);

/* DIB_EINVAL with a Chinese message saying what is missing. */
dib_code password_check_rule(const char *pw, dib_err *err);

/* Hashes pw into out[PASSWORD_HASH_MAX]. */
dib_code password_hash(const char *pw, char *out, dib_err *err);

/* Whether pw matches the stored hash (constant time inside libsodium). */
bool password_verify(const char *hash, const char *pw);

#endif
