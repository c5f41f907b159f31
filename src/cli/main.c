/*
 * main.c — the dibao binary: global options, then dispatch to a subcommand
 * from the command table. Everything else lives in the dib_cli library so
 * tests can link it.
 * Thread-safety: the command line is single-threaded.
 */
#include "util/dib.h"
#include "cli/cli.h"
#include "svc/setup.h"

#include <unistd.h>

#ifndef DIB_DATA_DIR
#define DIB_DATA_DIR "data"
#endif

static const struct {
	const char *name;
	cli_fn fn;
	const char *help;
} commands[] = {
	{ "init", cmd_init, "创建或升级数据库" },
	{ "gen", cmd_gen, "生成模拟数据 (CSV)" },
	{ "import", cmd_import, "导入区划、家庭、成员 (CSV)" },
	{ "export", cmd_export, "导出家庭名册 (CSV 或 xlsx)" },
	{ "demo", cmd_demo, "创建演示县 (延津县) 及演示用户" },
	{ "calendar", cmd_calendar, "节假日表: 载入新年度、查询工作日" },
	{ "serve", cmd_serve, "启动服务 (API 与网页)" },
	{ "audit", cmd_audit, "审计日志: 校验哈希链" },
	{ "user", cmd_user, "用户管理" },
	{ "standard", cmd_standard, "保障标准: 按县、项目设置及历史" },
	{ "param", cmd_param, "地方参数: 按省、市、县设置、查询及历史" },
	{ "coverage", cmd_coverage, "在保管理: 增发、减发、停发、渐退、死亡核查、拒绝工作" },
	{ "case", cmd_case, "低保申请: 登记、办理 (可批量)、查看、待办" },
	{ "payroll", cmd_payroll, "资金发放: 按期造册、乡镇报送、县局审批、作废" },
	{ "benefit", cmd_benefit, "按人发放的待遇: 两项补贴、特困、孤儿、高龄津贴的给付决定" },
	{ "staff", cmd_staff, "近亲属备案: 经办人员与村(居)委会成员名册、核查家庭" },
};

static void usage(FILE *f)
{
	fputs("用法: dibao [--db URL] [--data DIR] <命令> [参数]\n\n命令:\n", f);
	for (size_t i = 0; i < DIB_ARRAY_LEN(commands); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
	fputs("\n数据库: --db sqlite:/path/x.db 或 --db postgresql://…"
	      " (也可用环境变量 DIBAO_DB; 默认 sqlite:dibao.db)\n", f);
}

int main(int argc, char **argv)
{
	const char *db = NULL;
	const char *data = getenv("DIBAO_DATA");
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc) {
			db = argv[++i];
		} else if (!strncmp(argv[i], "--db=", 5)) {
			db = argv[i] + 5;
		} else if (!strcmp(argv[i], "--data") && i + 1 < argc) {
			data = argv[++i];
		} else if (!strcmp(argv[i], "--db") || !strcmp(argv[i], "--data")) {
			fprintf(stderr, "dibao: 选项 \"%s\" 缺少值\n", argv[i]);
			return CLI_USAGE;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return CLI_OK;
		} else {
			fprintf(stderr, "dibao: 未知选项 \"%s\"\n", argv[i]);
			usage(stderr);
			return CLI_USAGE;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return CLI_USAGE;
	}
	struct cli_ctx ctx = {
		.db_url = setup_url(db),
		.data_dir = data && *data ? data : DIB_DATA_DIR,
		.tty = isatty(STDERR_FILENO),
		.out = stdout,
		.err = stderr,
	};
	for (size_t c = 0; c < DIB_ARRAY_LEN(commands); c++) {
		if (!strcmp(argv[i], commands[c].name))
			return commands[c].fn(&ctx, argc - i, argv + i);
	}
	fprintf(stderr, "dibao: 未知命令 \"%s\"\n", argv[i]);
	usage(stderr);
	return CLI_USAGE;
}
