/*
 * cmd_import.c — `dibao import regions|households|members FILE
 * [--skip-bad [--bad-out FILE]] [--report FILE]`.
 *
 * Prints every problem as "第 N 行 [列] "值": 原因" (all of them to the
 * report file when --report is given; the first 50 to stderr otherwise), then
 * one summary line: how many rows were imported and rejected.
 * Thread-safety: the command line is single-threaded.
 */
#include "util/dib.h"
#include "util/csv.h"
#include "util/progress.h"
#include "util/time.h"
#include "cli/cli.h"
#include "svc/import.h"
#include "svc/setup.h"

#include <errno.h>

#define USAGE "dibao import regions|households|members 文件.csv [--skip-bad] [--bad-out 文件] [--report 文件]"
#define SHOW_MAX 50

struct problems {
	FILE *err;
	FILE *report; /* NULL: print to err */
	uint64_t n;
};

static void on_problem(void *ctx, const struct import_problem *p)
{
	struct problems *ps = ctx;
	ps->n++;
	if (ps->report) {
		const char *col = p->column ? p->column : "", *val = p->value ? p->value : "";
		fprintf(ps->report, "%zu,", p->row);
		dib_csv_put_field(ps->report, col, strlen(col));
		fputc(',', ps->report);
		dib_csv_put_field(ps->report, val, strlen(val));
		fputc(',', ps->report);
		dib_csv_put_field(ps->report, p->reason, strlen(p->reason));
		fputc('\n', ps->report);
		return;
	}
	if (ps->n > SHOW_MAX) {
		if (ps->n == SHOW_MAX + 1)
			fprintf(ps->err, "… 其余错误省略 (用 --report 文件 可导出全部)\n");
		return;
	}
	if (p->column)
		fprintf(ps->err, "第 %zu 行 [%s] \"%s\": %s\n", p->row, p->column,
			p->value ? p->value : "", p->reason);
	else
		fprintf(ps->err, "第 %zu 行: %s\n", p->row, p->reason);
}

int cmd_import(struct cli_ctx *ctx, int argc, char **argv)
{
	enum import_kind kind;
	const char *path = NULL, *bad_out = NULL, *report = NULL;
	bool skip_bad = false;
	if (argc < 3 || !import_kind_parse(argv[1], &kind))
		return cli_usage(ctx, USAGE);
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--skip-bad"))
			skip_bad = true;
		else if (!strcmp(argv[i], "--bad-out") && i + 1 < argc)
			bad_out = argv[++i];
		else if (!strcmp(argv[i], "--report") && i + 1 < argc)
			report = argv[++i];
		else if (argv[i][0] == '-' || path)
			return cli_usage(ctx, USAGE);
		else
			path = argv[i];
	}
	if (!path || (bad_out && !skip_bad))
		return cli_usage(ctx, USAGE);

	dib_err err;
	dib_err_clear(&err);
	struct problems ps = { .err = ctx->err };
	if (report) {
		ps.report = fopen(report, "w");
		if (!ps.report) {
			dib_err_set(&err, DIB_EIO, "无法写入报告文件 \"%s\": %s", report,
				    strerror(errno));
			return cli_fail(ctx, &err);
		}
		fputs("\xEF\xBB\xBF行号,列,值,原因\n", ps.report);
	}
	char actor[128];
	cli_actor(actor, sizeof actor);
	char bad_default[4096];
	if (skip_bad && !bad_out) {
		snprintf(bad_default, sizeof bad_default, "%s.bad.csv", path);
		bad_out = bad_default;
	}
	int y, m, d;
	dib_time_today_china(&y, &m, &d);
	dib_progress bar;
	dib_progress_init(&bar, ctx->err, ctx->tty, "导入", 0);
	struct import_opts o = {
		.kind = kind,
		.path = path,
		.skip_bad = skip_bad,
		.bad_path = bad_out,
		.actor = actor,
		.today = { y, m, d },
		.on_problem = on_problem,
		.problem_ctx = &ps,
		.progress = &bar,
	};
	struct store *s = NULL;
	struct import_result res;
	memset(&res, 0, sizeof res);
	int64_t t0 = dib_time_mono_ms();
	dib_code rc = setup_open(ctx->db_url, true, &s, &err);
	if (!rc)
		rc = import_run(s, &o, &res, &err);
	dib_progress_finish(&bar);
	setup_close(s);
	if (ps.report && fclose(ps.report) != 0 && !rc)
		rc = dib_err_set(&err, DIB_EIO, "无法写入报告文件 \"%s\"", report);
	double secs = (double)(dib_time_mono_ms() - t0) / 1000.0;
	if (rc && !(rc == DIB_EINVAL && res.rejected))
		return cli_fail(ctx, &err);
	if (rc) {
		fprintf(ctx->err, "dibao: %s\n", err.msg);
		fprintf(ctx->out, "导入 0 行，拒绝 %llu 行 (共 %llu 行，%s)%s%s\n",
			(unsigned long long)res.rejected, (unsigned long long)res.rows,
			res.encoding, report ? "，错误明细见 " : "", report ? report : "");
		return CLI_REJECTED;
	}
	fprintf(ctx->out, "导入 %llu 行，拒绝 %llu 行 (共 %llu 行，%s，%.1f 秒)",
		(unsigned long long)res.imported, (unsigned long long)res.rejected,
		(unsigned long long)res.rows, res.encoding, secs);
	if (res.rejected && bad_out)
		fprintf(ctx->out, "，错误行已写入 %s", bad_out);
	fputc('\n', ctx->out);
	const char *dbg = getenv("DIBAO_DEBUG");
	if (dbg && *dbg)
		fprintf(ctx->err, "dibao: 读取校验 %.1f 秒，数据库核对 %.1f 秒，写入 %.1f 秒\n",
			res.read_ms / 1000.0, res.check_ms / 1000.0, res.write_ms / 1000.0);
	return res.rejected ? CLI_REJECTED : CLI_OK;
}
