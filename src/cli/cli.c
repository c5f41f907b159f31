/*
 * cli.c — shared helpers of the subcommands: failure and usage reporting.
 * Thread-safety: the command line is single-threaded.
 */
#include "util/dib.h"
#include "util/time.h"
#include "util/arena.h"
#include "cli/cli.h"
#include "svc/user.h"

#include <errno.h>
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
	dib_time_today_china(&d.year, &d.month, &d.day);
	return d;
}

dib_code cli_opts_parse(int argc, char **argv, int first, const struct cli_opt *t, size_t n,
			void *o, const char **positional, dib_err *err)
{
	for (int i = first; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-') {
			if (!positional || *positional)
				return dib_err_set(err, DIB_EUSAGE, "多余的参数 \"%s\"", a);
			*positional = a;
			continue;
		}
		const struct cli_opt *opt = NULL;
		for (size_t k = 0; !opt && k < n; k++)
			if (!strcmp(a, t[k].flag))
				opt = &t[k];
		if (!opt)
			return dib_err_set(err, DIB_EUSAGE, "未知参数 \"%s\"", a);
		char *field = (char *)o + opt->off;
		if (opt->kind == CLI_OPT_FLAG) {
			*(bool *)field = true;
			continue;
		}
		if (i + 1 >= argc)
			return dib_err_set(err, DIB_EUSAGE, "参数 \"%s\" 缺少值", a);
		const char *v = argv[++i];
		if (opt->kind == CLI_OPT_TEXT) {
			*(const char **)field = v;
			continue;
		}
		char *end = NULL;
		errno = 0;
		long long x = strtoll(v, &end, 10);
		if (errno || end == v || *end || x < 0)
			return dib_err_set(err, DIB_EUSAGE, "参数 %s 的值 \"%s\" 不是非负整数", a, v);
		*(int64_t *)field = (int64_t)x;
	}
	return DIB_OK;
}

dib_code cli_subject(struct store *s, const char *user, bool required, struct dib_arena *a,
		     struct authz_subject *who, const struct authz_subject **out, dib_err *err)
{
	*out = NULL;
	if (!user)
		return required ? dib_err_set(err, DIB_EUSAGE, "请用 --user 指明经办人账号") : DIB_OK;
	dib_code rc = user_subject(s, user, a, who, err);
	if (!rc)
		*out = who;
	return rc;
}
