/*
 * amount_sheet.c — the calculation sheet (核算表) builder shared by the
 * amount and the income assessment, and the small texts its lines use
 * (shares as percentages, rounding rules in words).
 *
 * Lines and their strings live in the caller's arena; the arena cannot
 * grow an array in place, so a full line array is copied into one twice
 * its size (the old one stays until the arena is reset — a sheet has tens
 * of lines, so that is a few hundred bytes). Formulas are formatted at
 * their exact length: nothing a citizen reads is silently cut.
 *
 * Thread-safe: a sheet belongs to one thread, like its arena.
 */
#include "util/dib.h"
#include "core/amount.h"

/* ---- the sheet ---- */

void amount_sheet_init(amount_sheet *s, dib_arena *a)
{
	memset(s, 0, sizeof *s);
	s->a = a;
}

static bool sheet_grow(amount_sheet *s)
{
	size_t cap = s->cap ? s->cap * 2 : 16;
	amount_line *l = dib_arena_alloc(s->a, cap * sizeof *l);

	if (!l)
		return false;
	/* The arena cannot realloc; the old array stays until the reset. */
	if (s->n)
		memcpy(l, s->lines, s->n * sizeof *l);
	s->lines = l;
	s->cap = cap;
	return true;
}

/* vprintf into the arena, sized exactly (no silent cut). NULL on failure. */
static char *arena_vprintf(dib_arena *a, const char *fmt, va_list ap)
{
	va_list aq;
	int n;
	char *r;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return NULL;
	r = dib_arena_alloc(a, (size_t)n + 1);
	if (r)
		vsnprintf(r, (size_t)n + 1, fmt, ap);
	return r;
}

void amount_sheet_add(amount_sheet *s, const char *label, const char *basis,
		      dib_fen fen, const char *fmt, ...)
{
	va_list ap;
	char *formula;

	if (s->failed)
		return;
	if (s->n == s->cap && !sheet_grow(s)) {
		s->failed = true;
		return;
	}
	va_start(ap, fmt);
	formula = arena_vprintf(s->a, fmt, ap);
	va_end(ap);
	if (!formula) {
		s->failed = true;
		return;
	}
	s->lines[s->n++] = (amount_line){label, formula, basis, fen};
}

const char *amount_sheet_printf(amount_sheet *s, const char *fmt, ...)
{
	va_list ap;
	char *r;

	if (s->failed)
		return "";
	va_start(ap, fmt);
	r = arena_vprintf(s->a, fmt, ap);
	va_end(ap);
	if (!r) {
		s->failed = true;
		return "";
	}
	return r;
}

char *amount_bp_text(int32_t bp, char out[AMOUNT_BP_STR])
{
	int64_t v = bp < 0 ? -(int64_t)bp : bp;
	const char *sign = bp < 0 ? "-" : "";

	if (v % 100 == 0)
		snprintf(out, AMOUNT_BP_STR, "%s%lld%%", sign, (long long)(v / 100));
	else if (v % 10 == 0)
		snprintf(out, AMOUNT_BP_STR, "%s%lld.%lld%%", sign,
			 (long long)(v / 100), (long long)(v % 100 / 10));
	else
		snprintf(out, AMOUNT_BP_STR, "%s%lld.%02lld%%", sign,
			 (long long)(v / 100), (long long)(v % 100));
	return out;
}

const char *amount_rounding_text(money_rounding r)
{
	static const char *const txt[3][3] = {
		{"按分四舍五入", "按分进位", "按分舍去"},
		{"按角四舍五入", "按角进位", "按角舍去"},
		{"按元四舍五入", "按元进位", "按元舍去"},
	};
	int u = r.unit == MONEY_YUAN ? 2 : r.unit == MONEY_JIAO ? 1 : 0;
	int m = r.mode == MONEY_UP ? 1 : r.mode == MONEY_DOWN ? 2 : 0;

	return txt[u][m];
}
