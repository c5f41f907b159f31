/*
 * cmd_export.c — `dibao export households --format csv|xlsx --out FILE
 * [--county 410726] [--mask]`: the household register as a spreadsheet
 * (svc/export.h does the work). Without --format the file's extension
 * decides (.xlsx → xlsx, anything else → csv).
 *
 * Prints a progress bar on a terminal and one summary line.
 * Thread-safety: the CLI is single-threaded.
 */
#include "util/dib.h"
#include "util/progress.h"
#include "cli/cli.h"
#include "svc/setup.h"
#include "svc/export.h"

#include <inttypes.h>
#include <strings.h>

#define USAGE "dibao export households [--format csv|xlsx] --out 文件 [--county 410726] [--mask]"

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcasecmp(s + n - k, suffix);
}

int cmd_export(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *format = NULL, *path = NULL, *county = NULL;
	bool mask = false;
	if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		fprintf(ctx->out, "用法: %s\n", USAGE);
		return CLI_OK;
	}
	if (argc < 2 || strcmp(argv[1], "households")) {
		if (argc >= 2)
			fprintf(ctx->err, "dibao: 不能导出 \"%s\"，目前只支持 households\n", argv[1]);
		return cli_usage(ctx, USAGE);
	}
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		bool has_value = i + 1 < argc;
		if (!strcmp(a, "--format") && has_value) {
			format = argv[++i];
		} else if (!strncmp(a, "--format=", 9)) {
			format = a + 9;
		} else if (!strcmp(a, "--out") && has_value) {
			path = argv[++i];
		} else if (!strncmp(a, "--out=", 6)) {
			path = a + 6;
		} else if (!strcmp(a, "--county") && has_value) {
			county = argv[++i];
		} else if (!strncmp(a, "--county=", 9)) {
			county = a + 9;
		} else if (!strcmp(a, "--mask")) {
			mask = true;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fprintf(ctx->out, "用法: %s\n", USAGE);
			return CLI_OK;
		} else {
			fprintf(ctx->err, "dibao: 未知参数或缺少参数值: \"%s\"\n", a);
			return cli_usage(ctx, USAGE);
		}
	}
	if (!path || !*path) {
		fprintf(ctx->err, "dibao: 缺少 --out\n");
		return cli_usage(ctx, USAGE);
	}
	struct export_opts o = {
		.path = path,
		.county = county,
		.mask = mask,
		.format = ends_with(path, ".xlsx") ? EXPORT_XLSX : EXPORT_CSV,
	};
	if (format && !export_format_parse(format, &o.format)) {
		fprintf(ctx->err, "dibao: 导出格式 \"%s\" 不正确，可选 csv 或 xlsx\n", format);
		return cli_usage(ctx, USAGE);
	}

	dib_err err;
	dib_err_clear(&err);
	dib_progress bar;
	dib_progress_init(&bar, ctx->err, ctx->tty, "导出", 0);
	o.progress = &bar;
	struct store *s = NULL;
	struct export_result res;
	dib_code rc = setup_open(ctx->db_url, false, &s, &err);
	if (!rc)
		rc = export_households(s, &o, &res, &err);
	dib_progress_finish(&bar);
	setup_close(s);
	if (rc)
		return cli_fail(ctx, &err);
	fprintf(ctx->out, "已导出 %" PRIu64 " 户 %" PRIu64 " 人 → %s\n", res.households,
		res.persons, path);
	return CLI_OK;
}
