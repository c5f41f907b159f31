/*
 * assess_int.h — helpers shared by the files of the assessment (assess.c,
 * assess_assets.c); core/ only.
 * Thread-safe: pure functions.
 */
#ifndef DIB_CORE_ASSESS_INT_H
#define DIB_CORE_ASSESS_INT_H

#include "util/dib.h"
#include "core/assess.h"

#define ASSESS__DEFAULT_ASSET_RULES "省级低保审核确认实施细则"

/* Checks persons (1..AMOUNT_MAX_MEMBERS), the item counts and that the
 * lists are present. DIB_EINVAL with a Chinese message. */
dib_code assess__household_check(const assess_household *h, dib_err *err);

/* Checks the fields every item has: member index (-1..persons-1), amount
 * (0..AMOUNT_MAX_FEN), basis and months (0..period). what names the list
 * ("收入", "扣减", "财产") and i the item, 0-based, in the message. */
dib_code assess__item_check(const assess_params *p, const assess_household *h,
			    const char *what, size_t i, int member, dib_fen amount,
			    enum assess_basis b, int months, dib_err *err);

#endif
