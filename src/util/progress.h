/*
 * progress.h — a progress bar for long CLI work, on a terminal only.
 *
 * When `enabled` is false (stderr is not a terminal: cron, pipes, tests) it
 * prints nothing at all. Redraws at most every 100 ms.
 * Thread-safety: one thread per bar.
 */
#ifndef DIB_PROGRESS_H
#define DIB_PROGRESS_H

#include "util/dib.h"

typedef struct dib_progress {
	FILE *f;
	bool enabled;
	const char *label;  /* borrowed for the bar's life */
	uint64_t total;     /* 0 = unknown: shows a count */
	bool bytes;         /* done/total are bytes: shown in MB */
	uint64_t done;
	int64_t last_ms;    /* last redraw, monotonic ms */
} dib_progress;

void dib_progress_init(dib_progress *p, FILE *f, bool enabled,
		       const char *label, uint64_t total);
void dib_progress_update(dib_progress *p, uint64_t done);
/* Draws the final state and ends the line. */
void dib_progress_finish(dib_progress *p);

#endif
