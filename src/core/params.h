/*
 * params.h — the catalogue of local parameters (地方参数): every rule that
 * regulations.md marks as set by a province, city or county, with its type,
 * the national default, the allowed range, the Chinese name and unit, and
 * the article it comes from. Values in, values out: parsing what an
 * administrator types, checking it against the catalogue, and the two text
 * forms a value has (the stored one and the one shown).
 *
 * Where the law fixes no number (asset limits, the employment-cost share,
 * the minimum payment …) the "national default" is the value dibao uses
 * until a province sets one, chosen so that it changes nothing (no
 * deduction, no add-on, no minimum) or follows the 2012 national text; the
 * source string says which ([C] marks a number the bureau must confirm).
 * Which scope a value comes from (county > city > province > default) and
 * since when is svc/params.h's business.
 *
 * Text forms of a value:
 *   - shown and typed: fen in yuan ("10.00", also "¥10", "10元");
 *     shares in percent ("30%", "12.5", "150%"); whole numbers in digits;
 *     bool "true"/"false" (typed also 是/否, 1/0, yes/no); enum by code
 *     (typed also by its Chinese name); text (an account number) as its
 *     digits, typed also in groups with blanks or in full-width digits;
 *   - stored (params.value): the same, but fen and shares as their integer
 *     (fen, basis points), so a stored value never needs rounding; text
 *     as its digits, "" for none.
 *
 * Thread-safe: pure functions over a constant table.
 */
#ifndef DIB_CORE_PARAMS_H
#define DIB_CORE_PARAMS_H

#include "util/dib.h"
#include "util/err.h"
#include "core/money.h"

#define PARAMS_KEY_MAX 48   /* bytes of a key, with its NUL */
#define PARAMS_TEXT_MAX 48  /* bytes of any text form of a value, with its NUL */

enum params_type {
	PARAMS_FEN = 0,  /* money in fen; typed and shown in yuan */
	PARAMS_BP,       /* a share or multiple in basis points (1/10000); typed and shown in % */
	PARAMS_INT,      /* a whole number (ages, grades) */
	PARAMS_MONTHS,   /* a number of months */
	PARAMS_WORKDAYS, /* a number of working days (core/calendar.h) */
	PARAMS_DAYS,     /* a number of calendar days (Civil Code art. 201) */
	PARAMS_BOOL,     /* 0 or 1 */
	PARAMS_ENUM,     /* one of the def's choices, by index */
	/* digits kept as text, leading zeros and all (a bank account number):
	 * min and max bound its length; "" (the default) is none. Not a
	 * number, so it has no range of values and .n stays 0. */
	PARAMS_TEXT,
};

/* One allowed value of an enum parameter. */
struct params_choice {
	const char *code; /* stored and shown: "half_up" */
	const char *name; /* Chinese: "四舍五入" */
};

typedef struct params_def {
	const char *key;      /* "amount.minimum_fen": [a-z0-9_.], stable */
	enum params_type type;
	const char *name;     /* Chinese name: "最低发放额" */
	const char *unit;     /* Chinese unit for the UI: "元", "%", "个工作日", "周岁"; "" none */
	const char *source;   /* where the rule comes from: "§1.12；S1 第二十三条 [C]" */
	int64_t dflt;         /* national default (enum: choice index; bool 0/1) */
	int64_t min, max;     /* inclusive range of the numeric value (text: of its length) */
	const struct params_choice *choices; /* PARAMS_ENUM only */
	size_t nchoices;
	/* numeric types: when not NULL, only these values are allowed
	 * (the accounting period: 6 or 12 months) */
	const int64_t *only;
	size_t nonly;
} params_def;

/* A value as the rules use it. */
typedef struct params_value {
	int64_t n;        /* fen, basis points, the number, 0/1, or the choice index */
	const char *code; /* PARAMS_ENUM: the choice's code (static); NULL otherwise */
	/* PARAMS_TEXT: the digits, "" for none; held here (not pointed to) so
	 * a value keeps no lifetime of its own; "" for the other types */
	char text[PARAMS_TEXT_MAX];
} params_value;

/* The catalogue: params_count() entries in a fixed order (grouped by
 * subject), params_at(i) for i < params_count(). */
size_t params_count(void);
const params_def *params_at(size_t i);

/* The definition of key, or NULL when the catalogue has no such key. */
const params_def *params_find(const char *key);

/* "fen", "bp", "int", "months", "workdays", "days", "bool", "enum", "text". */
const char *params_type_code(enum params_type t);

/* The national default of d. */
params_value params_default(const params_def *d);

/* Parses what an administrator typed (n bytes of text; surrounding blanks,
 * also U+3000, ignored) into *out and checks it against d (type, range,
 * allowed values). DIB_EINVAL with a Chinese message naming the parameter
 * and quoting the text: 参数 "最低发放额" 的值 "abc" 不是有效的金额,
 * … 超出范围 0.00–1,000.00 元, … 不是可选值，可选: fen (分)、…; *out
 * untouched on error. */
dib_code params_parse(const params_def *d, const char *text, size_t n,
		      params_value *out, dib_err *err);

/* Reads the stored form (params_encode's) strictly, and checks it as
 * params_parse does. DIB_EINVAL on anything else (a row written by hand or
 * by a version with another catalogue); *out untouched on error. */
dib_code params_decode(const params_def *d, const char *stored,
		       params_value *out, dib_err *err);

/* Whether v is a valid value of d (range, allowed values, choice index;
 * text: "" or digits of a length in range); DIB_EINVAL naming the
 * parameter otherwise. */
dib_code params_check(const params_def *d, params_value v, dib_err *err);

/* The stored form of v into out[PARAMS_TEXT_MAX]: integers in decimal
 * (fen, basis points), "true"/"false", the enum code, text as it is.
 * Returns out. */
char *params_encode(const params_def *d, params_value v, char *out);

/* The shown form of v into out[PARAMS_TEXT_MAX]: "1,234.50" (yuan),
 * "30%", "12.5%", "6", "true", "half_up". params_parse reads it back to
 * the same value. Returns out. */
char *params_format(const params_def *d, params_value v, char *out);

/* The rounding rule of a pair of enum values (a "…_unit" of fen/jiao/yuan
 * and a "…_mode" of half_up/up/down). DIB_EINVAL when either is not such
 * a value. */
dib_code params_rounding_of(params_value unit, params_value mode,
			    money_rounding *out, dib_err *err);

/* The monthly amount of a standard of amount_fen per unit ("person_month":
 * itself; "person_year": a twelfth, rounded by r in one exact step, e.g.
 * 4310 元 a year → 359.17 to the fen half-up, 359.20 to the jiao, 359 to the
 * yuan down). DIB_EINVAL for "once" or an unknown unit (no monthly amount);
 * *out untouched on error. */
dib_code params_standard_monthly(dib_fen amount_fen, const char *unit,
				 money_rounding r, dib_fen *out, dib_err *err);

#endif
