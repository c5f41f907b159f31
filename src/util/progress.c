/*
 * progress.c — a one-line progress bar redrawn in place with "\r".
 *
 * A disabled bar returns before touching its stream, so cron jobs and pipes
 * get clean output (the caller decides, usually isatty(STDERR_FILENO)).
 * Redraws are throttled to one per 100 ms: a loop over millions of rows may
 * call update on every row at the cost of a clock read.
 * Thread-safety: one thread per bar.
 */
#include "util/dib.h"
#include "util/progress.h"
#include "util/time.h"

#include <inttypes.h>

#define PROGRESS_WIDTH 30
#define PROGRESS_INTERVAL_MS 100

void dib_progress_init(dib_progress *p, FILE *f, bool enabled,
		       const char *label, uint64_t total)
{
	p->f = f;
	p->enabled = enabled && f != NULL;
	p->label = label ? label : "";
	p->total = total;
	p->bytes = false;
	p->done = 0;
	p->last_ms = 0;
}

static void progress_draw(const dib_progress *p)
{
	if (p->total == 0) {
		fprintf(p->f, "\r%s %" PRIu64 "   ", p->label, p->done);
		fflush(p->f);
		return;
	}
	uint64_t done = p->done > p->total ? p->total : p->done;
	/* Per mille in floating point: done * 1000 could overflow uint64_t. */
	unsigned permille = (unsigned)((double)done / (double)p->total * 1000.0);
	unsigned filled = permille * PROGRESS_WIDTH / 1000;
	char bar[PROGRESS_WIDTH + 1];
	for (unsigned i = 0; i < PROGRESS_WIDTH; i++)
		bar[i] = i < filled ? '#' : '-';
	bar[PROGRESS_WIDTH] = '\0';
	if (p->bytes)
		fprintf(p->f, "\r%s [%s] %3u.%u%% %.1f/%.1f MB   ", p->label, bar,
			permille / 10, permille % 10, (double)done / 1e6, (double)p->total / 1e6);
	else
		fprintf(p->f, "\r%s [%s] %3u.%u%% %" PRIu64 "/%" PRIu64 "   ", p->label,
			bar, permille / 10, permille % 10, done, p->total);
	fflush(p->f);
}

void dib_progress_update(dib_progress *p, uint64_t done)
{
	p->done = done;
	if (!p->enabled)
		return;
	int64_t now = dib_time_mono_ms();
	if (p->last_ms != 0 && now - p->last_ms < PROGRESS_INTERVAL_MS)
		return;
	p->last_ms = now ? now : 1;
	progress_draw(p);
}

void dib_progress_finish(dib_progress *p)
{
	if (!p->enabled)
		return;
	progress_draw(p);
	fputc('\n', p->f);
	fflush(p->f);
	/* A second finish must not print another line. */
	p->enabled = false;
}
