/*
 * cmd_init.c — `dibao init`: creates the database or brings its schema up
 * to date, and loads the shipped working-day calendar when none is loaded.
 * Safe to rerun.
 * Thread-safety: the command line is single-threaded.
 */
#include "util/dib.h"
#include "cli/cli.h"
#include "svc/setup.h"

int cmd_init(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return cli_usage(ctx, "dibao [--db URL] init");
	dib_err err;
	dib_err_clear(&err);
	char actor[128];
	cli_actor(actor, sizeof actor);
	struct setup_result r;
	dib_code rc = setup_init(ctx->db_url, ctx->data_dir, actor, &r, &err);
	if (rc)
		return cli_fail(ctx, &err);
	char url[1024];
	setup_url_display(ctx->db_url, url, sizeof url);
	if (r.from == r.to)
		fprintf(ctx->out, "数据库 %s 已是最新版本 (v%d)", url, r.to);
	else
		fprintf(ctx->out, "数据库 %s 已%s到 v%d", url, r.from ? "升级" : "创建", r.to);
	if (r.calendar_years)
		fprintf(ctx->out, "，已载入 %d 个年度的节假日安排", r.calendar_years);
	fputc('\n', ctx->out);
	return CLI_OK;
}
