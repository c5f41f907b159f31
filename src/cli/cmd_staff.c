/*
 * cmd_staff.c — `dibao staff add|list|end|check`: the register of bureau
 * staff and village committee members (近亲属备案) and the check of a
 * household for their close relatives (the rules are in svc/staff.c).
 *
 * The command line acts with full authority as cli:<user> (who NULL in
 * svc/staff.h), like `dibao user`. ID numbers are printed masked, as the
 * log writes them.
 * Thread-safety: the command line is single-threaded.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "util/time.h"
#include "core/date.h"
#include "core/idcard.h"
#include "cli/cli.h"
#include "svc/setup.h"
#include "svc/staff.h"

#include <errno.h>
#include <inttypes.h>

#define USAGE                                                                         \
	"dibao staff add --id-number 身份证号 --name 姓名 --kind bureau|committee"     \
	" --region 区划代码 [--position 职务] [--from YYYY-MM-DD]\n"                   \
	"       dibao staff list [--region 区划代码] [--date YYYY-MM-DD]\n"               \
	"       dibao staff end 记录号 --to YYYY-MM-DD --reason 理由\n"                  \
	"       dibao staff check 家庭ID [--date YYYY-MM-DD]\n"                           \
	"  bureau: 民政部门工作人员 (县或乡镇); committee: 村(居)委会成员 (村或社区)"

/* A positive decimal id. */
static dib_code parse_id(const char *s, int64_t *out, dib_err *err)
{
	char *end = NULL;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v <= 0)
		return dib_err_set(err, DIB_EUSAGE, "编号 \"%s\" 不是正整数", s);
	*out = (int64_t)v;
	return DIB_OK;
}

static dib_code parse_day(const char *s, dib_date *out, dib_err *err)
{
	dib_err e;
	dib_err_clear(&e);
	if (!date_parse(s, strlen(s), out, &e))
		return DIB_OK;
	return dib_err_set(err, DIB_EUSAGE, "日期 \"%s\" 不正确 (应为 YYYY-MM-DD)", s);
}

static dib_code do_add(struct store *s, int argc, char **argv, const char *actor,
		       FILE *out, dib_err *err)
{
	struct staff_new in = { 0 };
	for (int i = 2; i < argc; i++) {
		const char *o = argv[i];
		if (i + 1 >= argc)
			return dib_err_set(err, DIB_EUSAGE, "参数 \"%s\" 缺少值或未知", o);
		if (!strcmp(o, "--id-number"))
			in.id_number = argv[++i];
		else if (!strcmp(o, "--name"))
			in.name = argv[++i];
		else if (!strcmp(o, "--kind"))
			in.kind = argv[++i];
		else if (!strcmp(o, "--region"))
			in.region = argv[++i];
		else if (!strcmp(o, "--position"))
			in.position = argv[++i];
		else if (!strcmp(o, "--from"))
			in.from = argv[++i];
		else
			return dib_err_set(err, DIB_EUSAGE, "未知参数 \"%s\"", o);
	}
	if (!in.id_number || !in.name || !in.kind || !in.region)
		return dib_err_set(err, DIB_EUSAGE, "缺少 --id-number、--name、--kind 或 --region");
	int64_t id = 0;
	dib_code rc = staff_add(s, &in, cli_today(), actor, &id, err);
	if (!rc)
		fprintf(out, "已备案 %s (%s), 记录号 %" PRId64 "\n", in.name,
			staff_kind_name(in.kind), id);
	return rc;
}

static dib_code do_list(struct store *s, int argc, char **argv, FILE *out,
			dib_err *err)
{
	const char *region = NULL;
	dib_date on;
	bool dated = false;
	dib_code rc = DIB_OK;
	for (int i = 2; !rc && i < argc; i++) {
		if (!strcmp(argv[i], "--region") && i + 1 < argc) {
			region = argv[++i];
		} else if (!strcmp(argv[i], "--date") && i + 1 < argc) {
			rc = parse_day(argv[++i], &on, err);
			dated = true;
		} else {
			return dib_err_set(err, DIB_EUSAGE, "未知参数 \"%s\"", argv[i]);
		}
	}
	if (rc)
		return rc;
	dib_arena a;
	dib_arena_init(&a, 16384, 256u << 20);
	store_staff *v = NULL;
	size_t n = 0;
	rc = staff_list(s, region, dated ? &on : NULL, &a, &v, &n, err);
	if (!rc)
		fprintf(out, "记录号\t身份证号\t姓名\t类别\t区划\t职务\t起始\t终止\n");
	for (size_t i = 0; !rc && i < n; i++) {
		char masked[IDCARD_LEN + 1];
		fprintf(out, "%" PRId64 "\t%s\t%s\t%s\t%s %s\t%s\t%s\t%s\n", v[i].id,
			idcard_mask(v[i].id_number, masked), v[i].name,
			staff_kind_name(v[i].kind), v[i].region_code,
			v[i].region_name ? v[i].region_name : "", v[i].position ? v[i].position : "",
			v[i].from_date, v[i].to_date[0] ? v[i].to_date : "—");
	}
	if (!rc)
		fprintf(out, "共 %zu 条备案记录\n", n);
	dib_arena_release(&a);
	return rc;
}

static dib_code do_end(struct store *s, int argc, char **argv, const char *actor,
		       FILE *out, dib_err *err)
{
	int64_t id = 0;
	const char *to = NULL, *reason = NULL;
	dib_code rc = parse_id(argv[2], &id, err);
	for (int i = 3; !rc && i < argc; i++) {
		if (!strcmp(argv[i], "--to") && i + 1 < argc)
			to = argv[++i];
		else if (!strcmp(argv[i], "--reason") && i + 1 < argc)
			reason = argv[++i];
		else
			return dib_err_set(err, DIB_EUSAGE, "未知参数 \"%s\"", argv[i]);
	}
	if (!rc && (!to || !reason))
		return dib_err_set(err, DIB_EUSAGE, "缺少 --to 或 --reason");
	if (!rc)
		rc = staff_end(s, id, to, reason, actor, err);
	if (!rc)
		fprintf(out, "备案记录 %" PRId64 " 已于 %s 终止\n", id, to);
	return rc;
}

static dib_code do_check(struct store *s, int argc, char **argv, FILE *out,
			 dib_err *err)
{
	int64_t hid = 0;
	dib_date on = cli_today();
	dib_code rc = parse_id(argv[2], &hid, err);
	for (int i = 3; !rc && i < argc; i++) {
		if (!strcmp(argv[i], "--date") && i + 1 < argc)
			rc = parse_day(argv[++i], &on, err);
		else
			return dib_err_set(err, DIB_EUSAGE, "未知参数 \"%s\"", argv[i]);
	}
	if (rc)
		return rc;
	dib_arena a;
	dib_arena_init(&a, 16384, 64u << 20);
	struct staff_link *v = NULL;
	size_t n = 0;
	char day[DIB_DATE_STR];
	date_format(on, day);
	rc = staff_relatives(s, NULL, hid, on, &a, &v, &n, err);
	if (!rc && !n)
		fprintf(out, "家庭 %" PRId64 " 未发现与备案人员的近亲属关系 (%s)\n", hid, day);
	for (size_t i = 0; !rc && i < n; i++) {
		char m[IDCARD_LEN + 1], st[IDCARD_LEN + 1];
		fprintf(out, "[%s] %s\n    成员身份证号 %s, 备案人员身份证号 %s, 备案记录号 %" PRId64 "\n",
			v[i].verdict == KINSHIP_CLOSE ? "近亲属" : "待核实", v[i].explanation,
			idcard_mask(v[i].row.member_id_number, m),
			idcard_mask(v[i].row.staff.id_number, st), v[i].row.staff.id);
	}
	if (!rc && n)
		fprintf(out, "家庭 %" PRId64 " 发现 %zu 条近亲属关联 (%s): 须单独登记备案\n", hid,
			n, day);
	dib_arena_release(&a);
	return rc;
}

int cmd_staff(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(ctx, USAGE);
	const char *sub = argv[1];
	bool add = !strcmp(sub, "add"), list = !strcmp(sub, "list");
	bool end = !strcmp(sub, "end"), check = !strcmp(sub, "check");
	if (!add && !list && !end && !check)
		return cli_usage(ctx, USAGE);
	if ((end || check) && argc < 3)
		return cli_usage(ctx, USAGE);

	dib_err err;
	dib_err_clear(&err);
	char actor[128];
	cli_actor(actor, sizeof actor);
	struct store *s = NULL;
	dib_code rc = setup_open(ctx->db_url, true, &s, &err);
	if (rc)
		return cli_fail(ctx, &err);
	if (add)
		rc = do_add(s, argc, argv, actor, ctx->out, &err);
	else if (list)
		rc = do_list(s, argc, argv, ctx->out, &err);
	else if (end)
		rc = do_end(s, argc, argv, actor, ctx->out, &err);
	else
		rc = do_check(s, argc, argv, ctx->out, &err);
	setup_close(s);
	if (rc == DIB_EUSAGE) {
		fprintf(ctx->err, "dibao: %s\n", err.msg);
		return cli_usage(ctx, USAGE);
	}
	return rc ? cli_fail(ctx, &err) : CLI_OK;
}
