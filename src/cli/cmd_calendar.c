/*
 * cmd_calendar.c — `dibao calendar load FILE | years | workday DATE |
 * add DATE N | count FROM TO`: the administrator loads the next year's
 * holiday schedule (published each November) without a new release, and
 * anyone can ask the deadline arithmetic the workflow uses.
 * Thread-safety: the command line is single-threaded.
 */
#include "util/dib.h"
#include "core/calendar.h"
#include "cli/cli.h"
#include "svc/holidays.h"
#include "svc/setup.h"

#include <errno.h>

#define USAGE "dibao calendar load 文件.csv | years | workday 日期 | add 日期 N | count 起 止"

static dib_code open_cal(struct cli_ctx *ctx, struct store **s, calendar **c,
			 dib_err *err)
{
	dib_code rc = setup_open(ctx->db_url, true, s, err);
	if (!rc)
		rc = holidays_calendar(*s, c, err);
	return rc;
}

static dib_code arg_date(const char *s, dib_date *d, dib_err *err)
{
	return date_parse(s, strlen(s), d, err);
}

static int do_load(struct cli_ctx *ctx, const char *path)
{
	dib_err err;
	dib_err_clear(&err);
	struct store *s = NULL;
	char actor[128];
	cli_actor(actor, sizeof actor);
	struct holidays_result r;
	calendar *c = NULL;
	dib_code rc = open_cal(ctx, &s, &c, &err);
	calendar_free(c);
	if (!rc)
		rc = holidays_load_file(s, path, actor, &r, &err);
	setup_close(s);
	if (rc)
		return cli_fail(ctx, &err);
	fprintf(ctx->out, "已载入 %d 个年度的放假安排 (", r.nyears);
	for (int i = 0; i < r.nyears; i++)
		fprintf(ctx->out, "%s%d", i ? "、" : "", r.years[i]);
	fprintf(ctx->out, "，共 %d 天)\n", r.days);
	return CLI_OK;
}

static bool parse_int(const char *s, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < -100000 || v > 100000)
		return false;
	*out = (int)v;
	return true;
}

int cmd_calendar(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(ctx, USAGE);
	const char *sub = argv[1];
	if (!strcmp(sub, "load"))
		return argc == 3 ? do_load(ctx, argv[2]) : cli_usage(ctx, USAGE);

	dib_err err;
	dib_err_clear(&err);
	struct store *s = NULL;
	calendar *c = NULL;
	dib_code rc = DIB_OK;
	char a[DIB_DATE_STR];
	if (!strcmp(sub, "years") && argc == 2) {
		rc = open_cal(ctx, &s, &c, &err);
		int first, last;
		if (!rc && calendar_years(c, &first, &last)) {
			fputs("已载入放假安排的年度:", ctx->out);
			for (int y = first; y <= last; y++)
				if (calendar_has_year(c, y))
					fprintf(ctx->out, " %d", y);
			fputc('\n', ctx->out);
		} else if (!rc) {
			fputs("尚未载入任何年度的放假安排\n", ctx->out);
		}
	} else if (!strcmp(sub, "workday") && argc == 3) {
		dib_date d;
		bool w;
		rc = arg_date(argv[2], &d, &err);
		if (!rc)
			rc = open_cal(ctx, &s, &c, &err);
		if (!rc)
			rc = calendar_is_workday(c, d, &w, &err);
		if (!rc)
			fprintf(ctx->out, "%s %s\n", date_format(d, a), w ? "是工作日" : "不是工作日");
	} else if (!strcmp(sub, "add") && argc == 4) {
		dib_date d, out;
		int n = 0;
		rc = arg_date(argv[2], &d, &err);
		if (!rc && (!parse_int(argv[3], &n) || n < 0))
			rc = dib_err_set(&err, DIB_EUSAGE, "工作日数 \"%s\" 应为非负整数", argv[3]);
		if (!rc)
			rc = open_cal(ctx, &s, &c, &err);
		if (!rc)
			rc = calendar_add_workdays(c, d, n, &out, &err);
		if (!rc) {
			char b[DIB_DATE_STR];
			fprintf(ctx->out, "%s 之后第 %d 个工作日是 %s\n", date_format(d, a), n,
				date_format(out, b));
		}
	} else if (!strcmp(sub, "count") && argc == 4) {
		dib_date from, to;
		int n = 0;
		rc = arg_date(argv[2], &from, &err);
		if (!rc)
			rc = arg_date(argv[3], &to, &err);
		if (!rc)
			rc = open_cal(ctx, &s, &c, &err);
		if (!rc)
			rc = calendar_count_workdays(c, from, to, &n, &err);
		if (!rc) {
			char b[DIB_DATE_STR];
			fprintf(ctx->out, "%s 之后至 %s (含) 共 %d 个工作日\n", date_format(from, a),
				date_format(to, b), n);
		}
	} else {
		return cli_usage(ctx, USAGE);
	}
	calendar_free(c);
	setup_close(s);
	return rc ? cli_fail(ctx, &err) : CLI_OK;
}
