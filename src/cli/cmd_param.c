/*
 * cmd_param.c — `dibao param list | get | set | history`: local parameters
 * (地方参数) per province, city or county with their effective dates
 * (svc/params.h decides every rule; the keys are core/params.h's
 * catalogue). Values are typed as shown: money in yuan, shares in percent,
 * true/false, enum codes, an account number as its digits. The command
 * line acts as the server's operator, recorded in the audit log as
 * cli:<user>.
 * Thread-safety: the command line is single-threaded.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "util/time.h"
#include "cli/cli.h"
#include "svc/params.h"
#include "svc/setup.h"

#define USAGE                                                                               \
	"dibao param list --county 县 [--date 日期]\n"                                          \
	"       dibao param get 参数名 --county 县 [--date 日期]\n"                              \
	"       dibao param set 参数名 取值 --scope 省|市|县 --from 日期 [--decided 日期]\n"     \
	"                       [--document 文件号] [--reason 原因]\n"                           \
	"       dibao param history 参数名 --scope 省|市|县\n"                                   \
	"  取值: 金额按元 (10.50)，比例按百分比 (30%)，是/否 (true/false)，选项按代码，\n"  \
	"        账号按数字 (可按四位一组加空格，如 \"4105 0001 2345 6789\")"

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

/* "--county C [--date D]" from argv[from..). */
static dib_code county_date(int argc, char **argv, int from, const char **county,
			    dib_date *on, dib_err *err)
{
	static const char *const names[] = { "--county", "--date" };
	const char *v[2] = { NULL, NULL };
	dib_code rc = options(argc, argv, from, names, 2, v, err);
	if (!rc && !v[0])
		rc = dib_err_set(err, DIB_EUSAGE, "缺少 --county");
	*on = cli_today();
	if (!rc && v[1])
		rc = date_parse(v[1], strlen(v[1]), on, err);
	*county = v[0];
	return rc;
}

/* "30%（县 410726000000 自 2026-01-01 起，延民〔2026〕1号）" — where a value comes from. */
static void print_origin(FILE *out, const struct params_effective *e)
{
	char d[DIB_DATE_STR];
	if (e->origin == PARAMS_ORIGIN_DEFAULT) {
		fputs(params_origin_name(e->origin), out);
		return;
	}
	fprintf(out, "%s %s 自 %s 起", params_origin_name(e->origin), e->scope,
		date_format(e->effective_from, d));
	if (e->document)
		fprintf(out, " (%s)", e->document);
}

static void print_value(FILE *out, const struct params_effective *e)
{
	char v[PARAMS_TEXT_MAX];
	const params_def *d = e->def;
	if (d->type == PARAMS_TEXT && !e->value.text[0]) {
		fputs("（未设置）", out);
		return;
	}
	fputs(params_format(d, e->value, v), out);
	if (d->type == PARAMS_ENUM)
		fprintf(out, " (%s)", d->choices[e->value.n].name);
	else if (d->type != PARAMS_BP && d->unit[0])
		fprintf(out, " %s", d->unit);
}

static dib_code do_list(struct store *s, int argc, char **argv, FILE *out, dib_err *err)
{
	const char *county;
	dib_date on;
	dib_code rc = county_date(argc, argv, 2, &county, &on, err);
	if (rc)
		return rc;
	dib_arena a;
	dib_arena_init(&a, 16384, 16u << 20);
	struct params_effective *v = NULL;
	size_t n = 0;
	rc = params_list(s, NULL, county, on, &a, &v, &n, err);
	char d[DIB_DATE_STR];
	if (!rc)
		fprintf(out, "参数\t名称\t取值 (%s)\t来源\n", date_format(on, d));
	int local = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		fprintf(out, "%s\t%s\t", v[i].def->key, v[i].def->name);
		print_value(out, &v[i]);
		fputc('\t', out);
		print_origin(out, &v[i]);
		fputc('\n', out);
		local += v[i].origin != PARAMS_ORIGIN_DEFAULT;
	}
	if (!rc)
		fprintf(out, "共 %zu 个参数，其中 %d 个为地方设置\n", n, local);
	dib_arena_release(&a);
	return rc;
}

static dib_code do_get(struct store *s, int argc, char **argv, FILE *out, dib_err *err)
{
	if (argc < 3)
		return dib_err_set(err, DIB_EUSAGE, "缺少参数名");
	const char *county;
	dib_date on;
	dib_code rc = county_date(argc, argv, 3, &county, &on, err);
	if (rc)
		return rc;
	dib_arena a;
	dib_arena_init(&a, 4096, 1u << 20);
	struct params_effective e;
	rc = params_resolve(s, county, argv[2], on, &a, &e, err);
	if (!rc) {
		fprintf(out, "%s (%s) = ", e.def->name, e.def->key);
		print_value(out, &e);
		fputs("；来源: ", out);
		print_origin(out, &e);
		fputc('\n', out);
	}
	dib_arena_release(&a);
	return rc;
}

static dib_code do_set(struct store *s, int argc, char **argv, const char *actor, FILE *out,
		       dib_err *err)
{
	if (argc < 4)
		return dib_err_set(err, DIB_EUSAGE, "缺少参数名或取值");
	static const char *const names[] = { "--scope", "--from", "--decided", "--document",
					      "--reason" };
	const char *v[5] = { NULL };
	dib_code rc = options(argc, argv, 4, names, 5, v, err);
	if (!rc && (!v[0] || !v[1]))
		rc = dib_err_set(err, DIB_EUSAGE, "缺少 --scope 或 --from");
	if (rc)
		return rc;
	struct params_set_req r = {
		.key = argv[2], .value = argv[3], .scope = v[0], .from = v[1],
		.decided_on = v[2], .document = v[3], .reason = v[4],
	};
	struct params_set_result res;
	rc = params_set(s, NULL, actor, &r, cli_today(), &res, err);
	if (!rc) {
		const params_def *d = params_find(argv[2]);
		char shown[PARAMS_TEXT_MAX];
		fprintf(out, "%s参数 %s (%s): 区划 %s 自 %s 起为 %s\n",
			res.corrected ? "已更正" : "已设置", d->name, d->key, res.scope, v[1],
			params_format(d, res.value, shown));
	}
	return rc;
}

static dib_code do_history(struct store *s, int argc, char **argv, FILE *out, dib_err *err)
{
	if (argc < 3)
		return dib_err_set(err, DIB_EUSAGE, "缺少参数名");
	static const char *const names[] = { "--scope" };
	const char *scope = NULL;
	dib_code rc = options(argc, argv, 3, names, 1, &scope, err);
	if (!rc && !scope)
		rc = dib_err_set(err, DIB_EUSAGE, "缺少 --scope");
	if (rc)
		return rc;
	dib_arena a;
	dib_arena_init(&a, 16384, 16u << 20);
	struct params_record *v = NULL;
	size_t n = 0;
	rc = params_history(s, NULL, scope, argv[2], &a, &v, &n, err);
	const params_def *d = params_find(argv[2]);
	if (!rc)
		fprintf(out, "生效日期\t修订\t取值\t决定日期\t文件号\t原因\t设置人\t设置时间\n");
	for (size_t i = 0; !rc && i < n; i++) {
		const store_param *p = &v[i].row;
		char f[DIB_DATE_STR], dd[DIB_DATE_STR], val[PARAMS_TEXT_MAX];
		fprintf(out, "%s\t%d\t%s%s\t%s\t%s\t%s\t%s\t%s\n", date_format(p->effective_from, f),
			p->revision, params_format(d, v[i].value, val),
			v[i].superseded ? " (已更正)" : "",
			p->decided_on.year ? date_format(p->decided_on, dd) : "-",
			p->document ? p->document : "-", p->reason ? p->reason : "-", p->created_by,
			p->created_at);
	}
	if (!rc)
		fprintf(out, "共 %zu 条记录\n", n);
	dib_arena_release(&a);
	return rc;
}

int cmd_param(struct cli_ctx *ctx, int argc, char **argv)
{
	static const char *const subs[] = { "list", "get", "set", "history" };
	size_t k = 0;
	while (argc >= 2 && k < DIB_ARRAY_LEN(subs) && strcmp(argv[1], subs[k]))
		k++;
	if (argc < 2 || k == DIB_ARRAY_LEN(subs))
		return cli_usage(ctx, USAGE);
	dib_err err;
	dib_err_clear(&err);
	char actor[128];
	cli_actor(actor, sizeof actor);
	struct store *s = NULL;
	dib_code rc = setup_open(ctx->db_url, true, &s, &err);
	if (rc)
		return cli_fail(ctx, &err);
	switch (k) {
	case 0: rc = do_list(s, argc, argv, ctx->out, &err); break;
	case 1: rc = do_get(s, argc, argv, ctx->out, &err); break;
	case 2: rc = do_set(s, argc, argv, actor, ctx->out, &err); break;
	default: rc = do_history(s, argc, argv, ctx->out, &err); break;
	}
	setup_close(s);
	if (rc == DIB_EUSAGE) {
		fprintf(ctx->err, "dibao: %s\n", err.msg);
		return cli_usage(ctx, USAGE);
	}
	return rc ? cli_fail(ctx, &err) : CLI_OK;
}
