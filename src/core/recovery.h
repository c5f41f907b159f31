/*
 * recovery.h — how much of one payment goes to recover overpayments
 * (应追缴, regulations.md §9.2: 错发的资金予以追回; the share taken from each
 * later payment is the county's, pay.recovery_max_bp). Values in, values
 * out: svc/payroll_recover.c applies it to each roster line.
 *
 * The rule: a payment of gross fen (base + add-on) gives up at most
 * floor(gross × max_bp / 10000) fen, and never the whole of it — a line
 * always pays at least one fen, so the household stays on the roster
 * with its deduction shown and the line's total stays above zero (the
 * schema's CHECK). The deduction goes to the household's open
 * overpayments oldest first, each up to what is still outstanding.
 *
 * Thread-safe: pure functions.
 */
#ifndef DIB_CORE_RECOVERY_H
#define DIB_CORE_RECOVERY_H

#include "util/dib.h"
#include "core/money.h"

/* The most that may be deducted from a payment of gross fen with the
 * county's share max_bp (basis points, 0..10000; out of range is taken
 * as the nearer end): min(floor(gross × max_bp / 10000), gross − 1);
 * 0 when gross ≤ 1. */
dib_fen recovery_cap(dib_fen gross, int max_bp);

/* Splits the deduction from a payment of gross fen over n overpayments
 * given oldest first with what each still has outstanding: take[i] =
 * min(outstanding[i], what the cap leaves after take[0..i)); a
 * non-positive outstanding takes nothing. Returns the total deducted
 * (≤ recovery_cap). */
dib_fen recovery_split(dib_fen gross, int max_bp, const dib_fen *outstanding, size_t n,
		       dib_fen *take);

#endif
