/*
 * cmd_benefit.c — `dibao benefit grant|list`: the programs paid per person
 * (svc/benefit_grant.h) — the county's decision granting 两项补贴, 特困
 * 供养, 孤儿 or 事实无人抚养儿童 allowances, or 高龄津贴 to members of a
 * household, and the list of a household's decisions with the facts they
 * found. Their rosters are built by `dibao payroll run --program …`.
 *
 * --user NAME acts as that dibao account (required for a grant: the
 * audit names a real person). Money is typed in 元 ("300.00"). A fact
 * given as a list ("2,5") is per person, in the order of --persons; one
 * value is for every person; the flags are for every person named.
 * Thread-safety: the command line is single-threaded.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "core/money.h"
#include "cli/cli.h"
#include "svc/benefit_grant.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>

#define USAGE                                                                                 \
	"dibao benefit grant --user 用户名 --household 家庭ID --program 项目 --persons ID,ID\n"     \
	"                    --decision 决定文号 [--from YYYY-MM]   (申请月份；两项补贴自申请当月起)\n" \
	"                    [--selfcare-missing N[,N…]]          (特困：不能达到的自理指标数 0–6)\n" \
	"                    [--long-term-care] [--injury-care] [--edge]\n"                        \
	"                    [--other-living 元[,元…] [--other-living-name 名称]]\n"              \
	"                    [--other-care 元[,元…] [--other-care-name 名称]]\n"                  \
	"       dibao benefit list --household 家庭ID [--user 用户名]\n"                           \
	"  项目: disab_living 困难残疾人生活补贴, disab_care 重度残疾人护理补贴,\n"                \
	"        tekun_central / tekun_dispersed 特困人员集中 / 分散供养,\n"                       \
	"        orphan_inst / orphan_scattered 机构养育 / 散居孤儿基本生活费,\n"                  \
	"        child_unsupported 事实无人抚养儿童基本生活补贴, elderly_allowance 高龄津贴"

struct opts {
	const char *user, *program, *persons, *decision, *from, *selfcare, *other_living;
	const char *other_living_name, *other_care, *other_care_name, *arg;
	int64_t household;
	bool long_term_care, injury_care, edge;
};

static dib_code parse(int argc, char **argv, struct opts *o, dib_err *err)
{
#define T(f, field) { f, CLI_OPT_TEXT, offsetof(struct opts, field) }
#define F(f, field) { f, CLI_OPT_FLAG, offsetof(struct opts, field) }
	static const struct cli_opt t[] = {
		T("--user", user), T("--program", program), T("--persons", persons),
		T("--decision", decision), T("--from", from), T("--selfcare-missing", selfcare),
		T("--other-living", other_living), T("--other-living-name", other_living_name),
		T("--other-care", other_care), T("--other-care-name", other_care_name),
		{ "--household", CLI_OPT_INT, offsetof(struct opts, household) },
		F("--long-term-care", long_term_care), F("--injury-care", injury_care),
		F("--edge", edge),
	};
#undef T
#undef F
	return cli_opts_parse(argc, argv, 2, t, DIB_ARRAY_LEN(t), o, &o->arg, err);
}

/* The i-th of a comma list (one value: for every i) into [*p, *n). */
static dib_code item(const char *list, size_t i, size_t count, const char *what,
		     const char **p, size_t *n, dib_err *err)
{
	size_t k = 0, items = 1;
	for (const char *c = list; *c; c++)
		items += *c == ',';
	if (items != 1 && items != count)
		return dib_err_set(err, DIB_EUSAGE, "%s 须给一个值，或按 --persons 的顺序每人一个",
				   what);
	if (items == 1)
		i = 0;
	const char *s = list;
	while (k < i) {
		s = strchr(s, ',') + 1;
		k++;
	}
	const char *e = strchr(s, ',');
	*p = s;
	*n = e ? (size_t)(e - s) : strlen(s);
	return DIB_OK;
}

/* A non-negative integer of [s, s+n). */
static dib_code int_of(const char *s, size_t n, const char *what, int64_t *out, dib_err *err)
{
	char b[32];
	if (n == 0 || n >= sizeof b)
		return dib_err_set(err, DIB_EUSAGE, "%s 不是数字", what);
	memcpy(b, s, n);
	b[n] = 0;
	char *end = NULL;
	errno = 0;
	long long v = strtoll(b, &end, 10);
	if (errno || *end || v < 0)
		return dib_err_set(err, DIB_EUSAGE, "%s \"%s\" 不是非负整数", what, b);
	*out = (int64_t)v;
	return DIB_OK;
}

/* The persons and their facts from the options. */
static dib_code persons_of(const struct opts *o, struct benefit_grant_person *out, size_t *n,
			   dib_err *err)
{
	if (!o->persons || !o->persons[0])
		return dib_err_set(err, DIB_EUSAGE, "请用 --persons 指明享受待遇的成员 ID");
	size_t count = 1;
	for (const char *c = o->persons; *c; c++)
		count += *c == ',';
	if (count > BENEFIT_GRANT_MAX_PERSONS)
		return dib_err_set(err, DIB_EUSAGE, "一次决定最多覆盖 %d 人",
				   BENEFIT_GRANT_MAX_PERSONS);
	dib_code rc = DIB_OK;
	for (size_t i = 0; !rc && i < count; i++) {
		struct benefit_grant_person *p = &out[i];
		memset(p, 0, sizeof *p);
		const char *s = NULL;
		size_t len = 0;
		rc = item(o->persons, i, count, "--persons", &s, &len, err);
		if (!rc)
			rc = int_of(s, len, "成员 ID", &p->person_id, err);
		int64_t v = 0;
		if (!rc && o->selfcare) {
			rc = item(o->selfcare, i, count, "--selfcare-missing", &s, &len, err);
			if (!rc)
				rc = int_of(s, len, "--selfcare-missing", &v, err);
			p->facts.self_care_unmet = v > 100 ? 100 : (int)v;
		}
		if (!rc && o->other_living) {
			rc = item(o->other_living, i, count, "--other-living", &s, &len, err);
			if (!rc)
				rc = money_parse(s, len, false, &p->facts.other_living_fen, err);
		}
		if (!rc && o->other_care) {
			rc = item(o->other_care, i, count, "--other-care", &s, &len, err);
			if (!rc)
				rc = money_parse(s, len, false, &p->facts.other_care_fen, err);
		}
		p->facts.other_living_name = o->other_living_name;
		p->facts.other_care_name = o->other_care_name;
		p->facts.long_term_care = o->long_term_care;
		p->facts.injury_care = o->injury_care;
		p->facts.edge = o->edge;
	}
	if (!rc)
		*n = count;
	return rc;
}

static void print_list(FILE *out, const store_benefit_grant *g, size_t n)
{
	fprintf(out, "待遇ID\t项目\t起止\t首月金额(户)\t决定文号\t成员\t认定事实\n");
	for (size_t i = 0; i < n; i++) {
		char fen[MONEY_STR], ol[MONEY_STR], oc[MONEY_STR];
		const store_benefit_facts *f = &g[i].facts;
		fprintf(out, "%" PRId64 "\t%s\t%.7s 至 %.7s\t%s 元\t%s\t%s (ID %" PRId64 ")\t",
			g[i].entitlement_id, benefit_program_name(g[i].program), g[i].from_month,
			g[i].to_month[0] ? g[i].to_month : "今", money_format(g[i].amount_fen, fen),
			g[i].decision_no ? g[i].decision_no : "", g[i].person_name, g[i].person_id);
		if (g[i].has_facts)
			fprintf(out, "自理指标未达 %d 项%s%s%s；其他生活补贴 %s 元；其他护理补贴 %s 元",
				f->self_care_unmet, f->long_term_care ? "，需长期照护" : "",
				f->injury_care ? "，领取工伤护理费" : "",
				f->edge ? "，低保边缘家庭" : "", money_format(f->other_living_fen, ol),
				money_format(f->other_care_fen, oc));
		fputc('\n', out);
	}
	fprintf(out, "共 %zu 条\n", n);
}

int cmd_benefit(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(ctx, USAGE);
	bool grant = !strcmp(argv[1], "grant");
	if (!grant && strcmp(argv[1], "list"))
		return cli_usage(ctx, USAGE);
	struct cli_work wk;
	struct opts o;
	memset(&o, 0, sizeof o);
	cli_work_init(&wk, 64u << 20);
	dib_err *err = &wk.err;
	dib_code rc = parse(argc, argv, &o, err);
	if (!rc && o.arg)
		rc = dib_err_set(err, DIB_EUSAGE, "多余的参数 \"%s\"", o.arg);
	if (!rc && o.household <= 0)
		rc = dib_err_set(err, DIB_EUSAGE, "请用 --household 指明家庭 ID");
	struct benefit_grant_person persons[BENEFIT_GRANT_MAX_PERSONS];
	size_t np = 0;
	if (!rc && grant)
		rc = persons_of(&o, persons, &np, err);
	if (!rc)
		rc = cli_work_open(ctx, &wk);
	if (!rc)
		rc = cli_work_as(&wk, o.user, grant);
	struct store *s = wk.s;
	const struct authz_subject *who = wk.who;
	int64_t id = 0;
	if (!rc && grant) {
		struct benefit_grant_req r = { .household_id = o.household, .program = o.program,
					       .persons = persons, .npersons = np,
					       .decision_no = o.decision, .applied = o.from };
		rc = benefit_grant(s, who, o.user, &r, cli_today(), &wk.a, &id, err);
	}
	store_benefit_grant *g = NULL;
	size_t n = 0;
	if (!rc)
		rc = benefit_list(s, who, o.household, &wk.a, &g, &n, err);
	if (!rc && grant) {
		/* the decision just taken: its rows */
		size_t k = 0;
		while (k < n && g[k].entitlement_id != id)
			k++;
		size_t m = k;
		while (m < n && g[m].entitlement_id == id)
			m++;
		char fen[MONEY_STR];
		fprintf(ctx->out, "已决定给予%s：待遇 %" PRId64 "，%zu 人，自 %.7s 起，首月 %s 元\n",
			benefit_program_name(o.program), id, m - k, k < n ? g[k].from_month : "",
			k < n ? money_format(g[k].amount_fen, fen) : "0.00");
	} else if (!rc) {
		print_list(ctx->out, g, n);
	}
	return cli_work_end(ctx, &wk, rc, USAGE);
}
