/*
 * cmd_demo.c — `dibao demo [--households N] [--seed S] [--work DIR]`:
 * creates the demo county 延津县 in the database (migrating it first).
 * With --if-missing an existing demo county is left alone and the command
 * succeeds (what `make run` uses); --cases N adds N 低保 applications at
 * every stage of the workflow (svc/demo_cases.c).
 * Thread-safety: the command line is single-threaded.
 */
#include "util/dib.h"
#include "util/progress.h"
#include "cli/cli.h"
#include "svc/setup.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#define USAGE \
	"dibao [--db URL] demo [--households N] [--seed S] [--work 目录] [--if-missing] [--cases N]\n"\
	"                      [--covered N]   (N 户存量低保对象，自今年 1 月起享受)"

static bool parse_u64(const char *s, uint64_t *out)
{
	char *end;
	errno = 0;
	if (!*s || *s == '-')
		return false;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

int cmd_demo(struct cli_ctx *ctx, int argc, char **argv)
{
	uint64_t households = 3000, seed = 410726;
	const char *work = NULL;
	bool if_missing = false;
	uint64_t cases = 0, covered = 0;
	int made = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--households") && i + 1 < argc) {
			if (!parse_u64(argv[++i], &households) || !households)
				return cli_usage(ctx, USAGE);
		} else if (!strcmp(argv[i], "--seed") && i + 1 < argc) {
			if (!parse_u64(argv[++i], &seed))
				return cli_usage(ctx, USAGE);
		} else if (!strcmp(argv[i], "--cases") && i + 1 < argc) {
			if (!parse_u64(argv[++i], &cases) || cases > 1000)
				return cli_usage(ctx, USAGE);
		} else if (!strcmp(argv[i], "--covered") && i + 1 < argc) {
			if (!parse_u64(argv[++i], &covered) || covered > 100000)
				return cli_usage(ctx, USAGE);
		} else if (!strcmp(argv[i], "--if-missing")) {
			if_missing = true;
		} else if (!strcmp(argv[i], "--work") && i + 1 < argc) {
			work = argv[++i];
		} else {
			return cli_usage(ctx, USAGE);
		}
	}
	char tmp[] = "/tmp/dibao-demo-??????";
	memset(tmp + sizeof tmp - 7, 'X', 6); /* mkdtemp's template */
	if (!work) {
		if (!mkdtemp(tmp)) {
			fprintf(ctx->err, "dibao: 无法创建临时目录: %s\n", strerror(errno));
			return CLI_FAIL;
		}
		work = tmp;
	}
	char actor[128];
	cli_actor(actor, sizeof actor);
	dib_progress bar;
	dib_progress_init(&bar, ctx->err, ctx->tty, "演示县", 0);
	struct demo_opts o = {
		.data_dir = ctx->data_dir,
		.work_dir = work,
		.households = households,
		.seed = seed,
		.actor = actor,
		.progress = &bar,
	};
	dib_err err;
	dib_err_clear(&err);
	struct store *s = NULL;
	struct demo_result r;
	dib_code rc = setup_open(ctx->db_url, false, &s, &err);
	if (!rc)
		rc = demo_create(s, &o, &r, &err);
	dib_progress_finish(&bar);
	if (!rc && cases)
		rc = demo_cases(s, (int)cases, cli_today(), &err);
	if (!rc && covered)
		rc = demo_covered(s, DEMO_COUNTY, (int)covered, cli_today(), &made, &err);
	setup_close(s);
	if (work == tmp) {
		static const char *const files[] = { "regions.csv", "households.csv", "members.csv" };
		for (size_t i = 0; i < DIB_ARRAY_LEN(files); i++) {
			char p[sizeof tmp + 32];
			snprintf(p, sizeof p, "%s/%s", tmp, files[i]);
			unlink(p);
		}
		rmdir(tmp);
	}
	if (rc == DIB_ECONFLICT && if_missing) {
		fprintf(ctx->out, "%s\n", err.msg);
		return CLI_OK;
	}
	if (rc)
		return cli_fail(ctx, &err);
	fprintf(ctx->out,
		"演示县 延津县 (%s) 已创建: %llu 个区划, %llu 户, %llu 人, %d 条低保标准, "
		"%d 个演示用户 (密码 %s)\n",
		DEMO_COUNTY, (unsigned long long)r.regions, (unsigned long long)r.households,
		(unsigned long long)r.persons, r.standards, r.users, DEMO_PASSWORD);
	if (cases)
		fprintf(ctx->out, "东屯镇的 %llu 户已提交低保申请，分处各办理环节\n",
			(unsigned long long)cases);
	if (covered)
		fprintf(ctx->out, "%d 户存量低保对象自今年 1 月起享受（经核算符合条件）\n", made);
	return CLI_OK;
}
