/*
 * cli.c — shared helpers of the subcommands: failure and usage reporting.
 * Thread-safety: the command line is single-threaded.
 */
#include "util/dib.h"
#include "util/time.h"
#include "cli/cli.h"

#include <pwd.h>
#include <unistd.h>

int cli_fail(struct cli_ctx *ctx, const dib_err *err)
{
	fprintf(ctx->err, "dibao: %s\n", err->msg[0] ? err->msg : dib_code_text(err->code));
	const char *dbg = getenv("DIBAO_DEBUG");
	if (dbg && *dbg && err->detail[0])
		fprintf(ctx->err, "dibao: (详情) %s\n", err->detail);
	switch (err->code) {
	case DIB_OK:
		return CLI_OK;
	case DIB_EUSAGE:
		return CLI_USAGE;
	case DIB_EINVAL:
	case DIB_ECSV:
	case DIB_EENCODING:
	case DIB_ECONFLICT:
		return CLI_REJECTED;
	default:
		return CLI_FAIL;
	}
}

int cli_usage(struct cli_ctx *ctx, const char *usage)
{
	fprintf(ctx->err, "用法: %s\n", usage);
	return CLI_USAGE;
}

void cli_actor(char *out, size_t cap)
{
	struct passwd pw, *res = NULL;
	char buf[1024];
	if (getpwuid_r(getuid(), &pw, buf, sizeof buf, &res) == 0 && res)
		snprintf(out, cap, "cli:%s", res->pw_name);
	else
		snprintf(out, cap, "cli:uid%ld", (long)getuid());
}

dib_date cli_today(void)
{
	dib_date d;
	dib_time_today_local(&d.year, &d.month, &d.day);
	return d;
}
