/*
 * money.h — money as int64_t fen (分); no floating point anywhere.
 *
 * Parsing accepts what clerks type and Excel writes: "1234", "1,234.5",
 * "¥1234.56", "￥1,234.56", "1234元", surrounding spaces; at most two
 * decimals ("1234.567" is rejected, never rounded silently); a sign only
 * where the caller allows it. Rounding is a parameter (to fen, jiao or yuan;
 * half-up, up or down), because counties choose it.
 * Thread-safe: pure functions.
 */
#ifndef DIB_CORE_MONEY_H
#define DIB_CORE_MONEY_H

#include "util/dib.h"
#include "util/err.h"

typedef int64_t dib_fen;

#define MONEY_STR 32 /* enough for any formatted int64 fen */

enum money_unit { MONEY_FEN = 1, MONEY_JIAO = 10, MONEY_YUAN = 100 };
enum money_mode {
	MONEY_HALF_UP = 0, /* 四舍五入: half away from zero */
	MONEY_UP = 1,      /* 进位: away from zero */
	MONEY_DOWN = 2,    /* 舍去: toward zero */
};

typedef struct money_rounding {
	enum money_unit unit;
	enum money_mode mode;
} money_rounding;

/* Parses n bytes of s into fen. allow_negative permits a leading '-'.
 * DIB_EINVAL with a Chinese message quoting the input on error; *out untouched. */
dib_code money_parse(const char *s, size_t n, bool allow_negative,
		     dib_fen *out, dib_err *err);

/* "1,234.56", "-0.05", "0.00" into out[MONEY_STR]. Returns out. */
char *money_format(dib_fen fen, char *out);

/* Rounds fen to the unit by the mode. */
dib_fen money_round(dib_fen fen, money_rounding r);

/* num / den rounded to the unit by the mode in one exact step (used for
 * yearly standards turned monthly, per-capita income). den > 0; den <= 0 is
 * outside the contract and returns 0 (no trap in the middle of a payroll). */
dib_fen money_div(dib_fen num, int64_t den, money_rounding r);

/* Parses a rounding rule's names: unit "fen|jiao|yuan", mode
 * "half_up|up|down". DIB_EINVAL on unknown names. */
dib_code money_rounding_parse(const char *unit, const char *mode,
			      money_rounding *out, dib_err *err);

#endif
