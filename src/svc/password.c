/*
 * password.c — argon2id hashing with libsodium's interactive limits (about
 * 0.1 s and 64 MiB per hash on the target machine: slow for an attacker,
 * fine for a login).
 * Thread-safety: thread-safe once password_lib_init() has run.
 */
#include "util/dib.h"
#include "svc/password.h"

#include <sodium.h>

_Static_assert(PASSWORD_HASH_MAX >= crypto_pwhash_STRBYTES, "hash buffer too small");

dib_code password_lib_init(dib_err *err)
{
	if (sodium_init() < 0)
		return dib_err_set(err, DIB_EINTERNAL, "密码库初始化失败");
	return DIB_OK;
}

dib_code password_check_rule(const char *pw, dib_err *err)
{
	size_t chars = 0;
	bool upper = false, lower = false, digit = false, other = false;
	for (const unsigned char *p = (const unsigned char *)pw; *p; p++) {
		if ((*p & 0xC0) != 0x80)
			chars++; /* count characters, not UTF-8 bytes */
		if (*p >= 'A' && *p <= 'Z')
			upper = true;
		else if (*p >= 'a' && *p <= 'z')
			lower = true;
		else if (*p >= '0' && *p <= '9')
			digit = true;
		else
			other = true;
	}
	int classes = upper + lower + digit + other;
	if (chars < 8)
		return dib_err_set(err, DIB_EINVAL, "密码至少需要 8 个字符");
	if (classes < 3)
		return dib_err_set(err, DIB_EINVAL,
				   "密码须包含大写字母、小写字母、数字、其他符号中的至少 3 类");
	return DIB_OK;
}

dib_code password_hash(const char *pw, char *out, dib_err *err)
{
	if (crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return dib_err_set(err, DIB_ENOMEM, "计算密码摘要时内存不足");
	return DIB_OK;
}

bool password_verify(const char *hash, const char *pw)
{
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}
