/*
 * recovery.c — the share of a payment that recovers overpayments
 * (recovery.h).
 * Thread-safe: pure functions.
 */
#include "util/dib.h"
#include "core/recovery.h"

dib_fen recovery_cap(dib_fen gross, int max_bp)
{
	if (gross <= 1 || max_bp <= 0)
		return 0;
	if (max_bp > 10000)
		max_bp = 10000;
	/* gross × max_bp cannot overflow for any amount a roster holds
	 * (gross < 9.2e14 fen), but split it anyway: exact, and no limit */
	dib_fen cap = gross / 10000 * max_bp + gross % 10000 * max_bp / 10000;
	return cap < gross ? cap : gross - 1;
}

dib_fen recovery_split(dib_fen gross, int max_bp, const dib_fen *outstanding, size_t n,
		       dib_fen *take)
{
	dib_fen left = recovery_cap(gross, max_bp), total = 0;
	for (size_t i = 0; i < n; i++) {
		dib_fen t = outstanding[i] > 0 ? outstanding[i] : 0;
		if (t > left)
			t = left;
		take[i] = t;
		left -= t;
		total += t;
	}
	return total;
}
