/*
 * cmd_gen.c — `dibao gen --households N [--seed S] --out DIR
 * [--county 410726]`: writes synthetic regions.csv, households.csv and
 * members.csv for tests, demos and benchmarks (svc/gen.h does the work).
 *
 * The seed defaults to 1, so a bare run is reproducible too. Prints a
 * progress bar on a terminal and one summary line.
 * Thread-safety: the CLI is single-threaded.
 */
#include "util/dib.h"
#include "util/progress.h"
#include "cli/cli.h"
#include "svc/gen.h"

#include <inttypes.h>

#define USAGE "dibao gen --households N [--seed S] --out 目录 [--county 410726]"

/* A non-negative decimal integer, digits only: "-5", "1e3", "12abc" and ""
 * are refused rather than read as something else. */
static bool parse_u64(const char *s, uint64_t *out)
{
	if (!*s)
		return false;
	uint64_t v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		unsigned d = (unsigned)(*p - '0');
		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

/* "--name value" or "--name=value": the value, or NULL when argv[*i] is
 * not this option. Advances *i past a separate value. */
static const char *opt_value(int argc, char **argv, int *i, const char *name,
			     bool *missing)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n))
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*missing = true;
		return NULL;
	}
	return argv[++*i];
}

int cmd_gen(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *hh = NULL, *seed = NULL, *dir = NULL, *county = NULL;
	for (int i = 1; i < argc; i++) {
		bool missing = false;
		const char *v;
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fprintf(ctx->out, "用法: %s\n", USAGE);
			return CLI_OK;
		} else if ((v = opt_value(argc, argv, &i, "--households", &missing))) {
			hh = v;
		} else if ((v = opt_value(argc, argv, &i, "--seed", &missing))) {
			seed = v;
		} else if ((v = opt_value(argc, argv, &i, "--out", &missing))) {
			dir = v;
		} else if ((v = opt_value(argc, argv, &i, "--county", &missing))) {
			county = v;
		} else if (missing) {
			fprintf(ctx->err, "dibao: 选项 %s 缺少参数值\n", argv[i]);
			return cli_usage(ctx, USAGE);
		} else {
			fprintf(ctx->err, "dibao: 未知参数 \"%s\"\n", argv[i]);
			return cli_usage(ctx, USAGE);
		}
	}
	if (!hh || !dir || !*dir) {
		fprintf(ctx->err, "dibao: 缺少 %s\n", !hh ? "--households" : "--out");
		return cli_usage(ctx, USAGE);
	}
	struct gen_opts o = {
		.county = county,
		.data_dir = ctx->data_dir,
		.seed = 1,
	};
	if (!parse_u64(hh, &o.households) || o.households > GEN_MAX_HOUSEHOLDS) {
		fprintf(ctx->err, "dibao: 户数 \"%s\" 不正确，应为 0 到 %u 之间的整数\n", hh,
			GEN_MAX_HOUSEHOLDS);
		return cli_usage(ctx, USAGE);
	}
	if (seed && !parse_u64(seed, &o.seed)) {
		fprintf(ctx->err, "dibao: 随机种子 \"%s\" 不正确，应为非负整数\n", seed);
		return cli_usage(ctx, USAGE);
	}

	dib_progress bar;
	dib_progress_init(&bar, ctx->err, ctx->tty, "生成", o.households);
	o.progress = &bar;
	struct gen_result res;
	dib_err err;
	dib_err_clear(&err);
	dib_code rc = gen_to_dir(&o, dir, &res, &err);
	dib_progress_finish(&bar);
	if (rc)
		return cli_fail(ctx, &err);
	fprintf(ctx->out, "已生成: 1 个县, %d 个乡镇, %d 个村(社区), %" PRIu64 " 户, %" PRIu64
		" 人 → %s\n", res.townships, res.villages, res.households, res.persons, dir);
	return CLI_OK;
}
