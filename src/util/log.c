/*
 * log.c — formats one line per event and writes it with a single fwrite,
 * after masking anything shaped like a resident ID number (see log.h).
 *
 * Thread-safety: dib_log_write formats into its own stack (or heap) buffer
 * and writes the line under flockfile, so lines from threads never mix.
 */
#include "util/dib.h"
#include "util/log.h"
#include "util/time.h"

/* Lines up to this size are built on the stack; longer ones on the heap. */
#define LOG_STACK_MSG 1024

static const char *const log_level_names[] = { "DEBUG", "INFO", "WARN", "ERROR" };

void dib_log_init(dib_log *log, FILE *f, enum dib_log_level level)
{
	log->f = f;
	log->level = level;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Length of the ID-shaped run starting at s[i] (18 or 15), or 0. The run
 * must not continue a run of digits to its left or right, so a 19-digit bank
 * card or a 20-digit order number is left alone. */
static size_t id_run_len(const char *s, size_t i)
{
	if (i > 0 && is_digit(s[i - 1]))
		return 0;
	size_t n = 0;
	while (is_digit(s[i + n]))
		n++;
	if (n == 18 || n == 15)
		return n;
	/* 17 digits and the check character X, not itself followed by a digit
	 * (that would make it something other than an ID number). */
	if (n == 17 && (s[i + n] == 'X' || s[i + n] == 'x') &&
	    !is_digit(s[i + n + 1]))
		return 18;
	return 0;
}

/* Length of the longest prefix of s[0..n) that does not end inside a UTF-8
 * sequence, so truncation never leaves a broken character behind. */
static size_t utf8_clip(const char *s, size_t n)
{
	size_t i = n;
	size_t back = 0;
	while (i > 0 && back < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) {
		i--;
		back++;
	}
	if (i == 0)
		return n;
	unsigned char lead = (unsigned char)s[i - 1];
	size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (want == 1)
		return n; /* ended on ASCII (or stray bytes): nothing to trim */
	return back + 1 >= want ? n : i - 1;
}

size_t dib_log_mask_ids(const char *s, char *out, size_t cap)
{
	if (cap == 0)
		return 0;
	size_t o = 0;
	bool truncated = false;
	for (size_t i = 0; s[i];) {
		size_t run = is_digit(s[i]) ? id_run_len(s, i) : 0;
		if (run) {
			for (size_t k = 0; k < run; k++) {
				if (o + 1 >= cap) {
					truncated = true;
					break;
				}
				bool keep = k < 4 || k >= run - 4;
				out[o++] = keep ? s[i + k] : '*';
			}
			if (truncated)
				break;
			i += run;
			continue;
		}
		if (o + 1 >= cap) {
			truncated = true;
			break;
		}
		out[o++] = s[i++];
	}
	if (truncated)
		o = utf8_clip(out, o);
	out[o] = '\0';
	return o;
}

/* Newlines inside a message would let input forge log lines. */
static void log_flatten(char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n' || s[i] == '\r')
			s[i] = ' ';
}

void dib_log_write(const dib_log *log, enum dib_log_level level,
		   const char *fmt, ...)
{
	if (!log || !log->f || level < log->level)
		return;
	if ((int)level < 0 || (size_t)level >= DIB_ARRAY_LEN(log_level_names))
		level = DIB_LOG_ERROR;

	char stack_msg[LOG_STACK_MSG];
	char *msg = stack_msg;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(stack_msg, sizeof stack_msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof stack_msg) {
		char *heap = malloc((size_t)n + 1);
		if (heap) {
			va_start(ap, fmt);
			vsnprintf(heap, (size_t)n + 1, fmt, ap);
			va_end(ap);
			msg = heap;
		} else {
			/* Out of memory: log the truncated message rather than nothing. */
			n = (int)utf8_clip(stack_msg, sizeof stack_msg - 1);
			stack_msg[n] = '\0';
		}
	}

	/* Prefix, masked message and "\n" in one buffer: one fwrite per line.
	 * Masking never lengthens the text. */
	size_t len = strlen(msg);
	char stack_line[LOG_STACK_MSG + 64];
	size_t line_cap = len + 64;
	char *line = line_cap <= sizeof stack_line ? stack_line : malloc(line_cap);
	if (!line) {
		if (msg != stack_msg)
			free(msg);
		return;
	}
	char ts[DIB_TIME_UTC_SIZE];
	dib_time_now_utc(ts, sizeof ts);
	int pre = snprintf(line, line_cap, "%s %s ", ts, log_level_names[level]);
	if (pre < 0)
		pre = 0;
	size_t body = dib_log_mask_ids(msg, line + pre, line_cap - (size_t)pre - 1);
	log_flatten(line + pre, body);
	size_t total = (size_t)pre + body;
	line[total++] = '\n';

	flockfile(log->f);
	fwrite(line, 1, total, log->f);
	fflush(log->f);
	funlockfile(log->f);

	if (line != stack_line)
		free(line);
	if (msg != stack_msg)
		free(msg);
}
