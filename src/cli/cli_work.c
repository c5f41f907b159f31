/*
 * cli_work.c — the frame every database subcommand runs in (struct
 * cli_work, cli.h): opening the database, the arena, acting as a user, and
 * turning the outcome into an exit code and a message, so that each
 * cmd_<name>.c holds only its options, its svc calls and its output.
 * Thread-safety: the command line is single-threaded.
 */
#include "util/dib.h"
#include "cli/cli.h"
#include "svc/setup.h"

#include <stdlib.h>

dib_code cli_arg_id(const char *arg, const char *what, int64_t *out, dib_err *err)
{
	char *end = NULL;
	long long v = arg ? strtoll(arg, &end, 10) : 0;
	if (!arg || end == arg || *end || v <= 0)
		return dib_err_set(err, DIB_EUSAGE, "请指明%s", what);
	*out = (int64_t)v;
	return DIB_OK;
}

void cli_work_init(struct cli_work *x, size_t arena_max)
{
	dib_err_clear(&x->err);
	x->s = NULL;
	dib_arena_init(&x->a, 65536, arena_max);
	x->who = NULL;
}

dib_code cli_work_open(struct cli_ctx *ctx, struct cli_work *x)
{
	return setup_open(ctx->db_url, true, &x->s, &x->err);
}

dib_code cli_work_as(struct cli_work *x, const char *user, bool required)
{
	return cli_subject(x->s, user, required, &x->a, &x->w, &x->who, &x->err);
}

int cli_work_end(struct cli_ctx *ctx, struct cli_work *x, dib_code rc, const char *usage)
{
	dib_arena_release(&x->a);
	if (x->s)
		setup_close(x->s);
	x->s = NULL;
	if (rc == DIB_EUSAGE) {
		fprintf(ctx->err, "dibao: %s\n", x->err.msg);
		return cli_usage(ctx, usage);
	}
	return rc ? cli_fail(ctx, &x->err) : CLI_OK;
}
