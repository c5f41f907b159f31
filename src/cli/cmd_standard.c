/*
 * cmd_standard.c — `dibao standard list | set`: assistance standards per
 * county and program with their history (svc/standard.h decides every
 * rule). Amounts are typed in yuan ("528", "4,310.00", "¥528") and shown
 * in yuan; the command line acts as the server's operator, recorded in the
 * audit log as cli:<user>.
 * Thread-safety: the command line is single-threaded.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "util/time.h"
#include "cli/cli.h"
#include "svc/setup.h"
#include "svc/standard.h"

#define USAGE                                                                          \
	"dibao standard list [--county 县] [--program 项目] [--date 日期]\n"                \
	"       dibao standard set --county 县 --program 项目 --from 日期 --amount 元\n"    \
	"                          [--decided 日期] [--document 文件号] [--reason 原因]\n" \
	"  项目: dibao_urban 城市低保、dibao_rural 农村低保 等；日期 YYYY-MM-DD"

/* Options "--name value" of argv[from..argc) into vals (by names' order). */
static dib_code options(int argc, char **argv, int from, const char *const *names,
			size_t n, const char **vals, dib_err *err)
{
	for (int i = from; i < argc; i++) {
		size_t k = 0;
		while (k < n && strcmp(argv[i], names[k]))
			k++;
		if (k == n || i + 1 >= argc)
			return dib_err_set(err, DIB_EUSAGE, "未知参数或缺少取值: \"%s\"", argv[i]);
		vals[k] = argv[++i];
	}
	return DIB_OK;
}

static const char *unit_name(const char *unit)
{
	if (!strcmp(unit, "person_month"))
		return "元/人·月";
	if (!strcmp(unit, "person_year"))
		return "元/人·年";
	return "元/次";
}

static dib_code do_list(struct store *s, int argc, char **argv, FILE *out, dib_err *err)
{
	static const char *const names[] = { "--county", "--program", "--date" };
	const char *v[3] = { NULL, NULL, NULL };
	dib_code rc = options(argc, argv, 2, names, 3, v, err);
	dib_date on = cli_today();
	if (!rc && v[2])
		rc = date_parse(v[2], strlen(v[2]), &on, err);
	if (rc)
		return rc;
	dib_arena a;
	dib_arena_init(&a, 16384, 256u << 20);
	struct standard_info *rows = NULL;
	size_t n = 0;
	rc = standard_list(s, NULL, v[0], v[1], on, &a, &rows, &n, err);
	char d[DIB_DATE_STR], when[DIB_DATE_STR], m[MONEY_STR], mm[MONEY_STR];
	if (!rc && n)
		fprintf(out, "县\t项目\t生效日期\t标准\t单位\t月标准(元/人)\t决定日期\t文件号\t%s\n",
			date_format(on, when));
	for (size_t i = 0; !rc && i < n; i++) {
		const struct standard_info *r = &rows[i];
		fprintf(out, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r->st.county, r->program_name,
			date_format(r->st.effective_from, d), money_format(r->st.amount_fen, m),
			unit_name(r->st.unit), r->has_monthly ? money_format(r->monthly_fen, mm) : "-",
			r->st.decided_on.year ? date_format(r->st.decided_on, when) : "-",
			r->st.document ? r->st.document : "-", r->in_force ? "执行中" : "");
	}
	if (!rc)
		fprintf(out, "共 %zu 条保障标准\n", n);
	dib_arena_release(&a);
	return rc;
}

static dib_code do_set(struct store *s, int argc, char **argv, const char *actor, FILE *out,
		       dib_err *err)
{
	static const char *const names[] = { "--county", "--program", "--from", "--amount",
					      "--decided", "--document", "--reason" };
	const char *v[7] = { NULL };
	dib_code rc = options(argc, argv, 2, names, 7, v, err);
	if (!rc && (!v[0] || !v[1] || !v[2] || !v[3]))
		rc = dib_err_set(err, DIB_EUSAGE, "缺少 --county、--program、--from 或 --amount");
	dib_fen fen = 0;
	if (!rc)
		rc = money_parse(v[3], strlen(v[3]), false, &fen, err);
	if (rc)
		return rc;
	struct standard_set_req r = {
		.county = v[0], .program = v[1], .from = v[2], .amount_fen = fen,
		.decided_on = v[4], .document = v[5], .reason = v[6],
	};
	bool corrected = false;
	rc = standard_set(s, NULL, actor, &r, cli_today(), &corrected, err);
	char m[MONEY_STR];
	if (!rc)
		fprintf(out, "%s县 %s 的 %s 保障标准: 自 %s 起 %s 元\n", corrected ? "已更正" : "已设置",
			v[0], v[1], v[2], money_format(fen, m));
	return rc;
}

int cmd_standard(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc < 2 || (strcmp(argv[1], "list") && strcmp(argv[1], "set")))
		return cli_usage(ctx, USAGE);
	dib_err err;
	dib_err_clear(&err);
	char actor[128];
	cli_actor(actor, sizeof actor);
	struct store *s = NULL;
	dib_code rc = setup_open(ctx->db_url, true, &s, &err);
	if (rc)
		return cli_fail(ctx, &err);
	if (!strcmp(argv[1], "list"))
		rc = do_list(s, argc, argv, ctx->out, &err);
	else
		rc = do_set(s, argc, argv, actor, ctx->out, &err);
	setup_close(s);
	if (rc == DIB_EUSAGE) {
		fprintf(ctx->err, "dibao: %s\n", err.msg);
		return cli_usage(ctx, USAGE);
	}
	return rc ? cli_fail(ctx, &err) : CLI_OK;
}
