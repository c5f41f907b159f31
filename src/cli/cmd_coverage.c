/*
 * cmd_coverage.c — `dibao coverage change|run|death|close|reviews|offer|show`:
 * what happens while a household is covered (svc/coverage.h) — the
 * county's decisions to increase, reduce, stop or phase out, the daily job
 * that records the automatic stops of phase-outs that ended, the death of
 * a member and the review it opens, job offers and their refusals, and a
 * household's entitlements and changes.
 *
 * --user NAME acts as that dibao account (required for decisions, so the
 * notice and the audit name a real person); `run` is the daily job and
 * acts as "system". Money is typed in 元 ("359.17").
 * Thread-safety: the command line is single-threaded.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "core/coverage.h"
#include "core/date.h"
#include "core/money.h"
#include "cli/cli.h"
#include "svc/coverage.h"
#include "svc/user.h"

#include <errno.h>
#include <inttypes.h>

#define USAGE                                                                                \
	"dibao coverage change --user 用户名 --household 家庭ID --program dibao_urban|dibao_rural\n" \
	"                --kind increase|reduce|stop|phaseout --reason 事由 [--decision 文书号]\n" \
	"                [--effective YYYY-MM] [--event YYYY-MM-DD] [--person 人员ID]\n"        \
	"                [--amount 元] [--months N] [--note 备注]\n"                            \
	"       dibao coverage run [--county 县代码]          (每日：渐退期满自动停发)\n"       \
	"       dibao coverage death --user 用户名 --person 人员ID --date YYYY-MM-DD\n"        \
	"       dibao coverage close 核查ID --user 用户名 --outcome 结论\n"                     \
	"       dibao coverage reviews [--user 用户名] [--all]\n"                              \
	"       dibao coverage offer --user 用户名 --person 人员ID --date YYYY-MM-DD\n"        \
	"                --outcome accepted|refused|refused_justified|unsuitable [--note 说明]\n" \
	"       dibao coverage show 家庭ID [--user 用户名]\n"                                   \
	"       dibao coverage reasons"

struct opts {
	const char *user, *program, *kind, *reason, *decision, *effective, *event, *amount;
	const char *note, *date, *outcome, *county, *arg;
	int64_t household, person, months;
	bool all;
};

static dib_code parse(int argc, char **argv, struct opts *o, dib_err *err)
{
#define T(f, field) { f, CLI_OPT_TEXT, offsetof(struct opts, field) }
#define I(f, field) { f, CLI_OPT_INT, offsetof(struct opts, field) }
	static const struct cli_opt t[] = {
		T("--user", user), T("--program", program), T("--kind", kind),
		T("--reason", reason), T("--decision", decision), T("--effective", effective),
		T("--event", event), T("--amount", amount), T("--note", note), T("--date", date),
		T("--outcome", outcome), T("--county", county),
		I("--household", household), I("--person", person), I("--months", months),
		{ "--all", CLI_OPT_FLAG, offsetof(struct opts, all) },
	};
#undef T
#undef I
	return cli_opts_parse(argc, argv, 2, t, DIB_ARRAY_LEN(t), o, &o->arg, err);
}

static dib_code do_change(struct store *s, const struct opts *o, FILE *out, dib_arena *a,
			  dib_err *err)
{
	struct authz_subject w;
	const struct authz_subject *who;
	dib_code rc = cli_subject(s, o->user, true, a, &w, &who, err);
	struct coverage_change_req r = { .household_id = o->household, .program = o->program,
					 .kind = o->kind, .reason = o->reason,
					 .decision_no = o->decision, .effective = o->effective,
					 .event_date = o->event, .person_id = o->person,
					 .phaseout_months = (int)o->months, .note = o->note };
	if (!rc && o->amount) {
		r.has_amount = true;
		rc = money_parse(o->amount, strlen(o->amount), false, &r.amount_fen, err);
	}
	struct coverage_change_result res;
	if (!rc)
		rc = coverage_change(s, who, o->user, &r, cli_today(), a, &res, err);
	if (rc)
		return rc;
	char m[DIB_MONTH_STR], from[32], to[32], stop[DIB_MONTH_STR];
	enum cov_kind k = COV_STOP;
	(void)cov_kind_parse(r.kind, strlen(r.kind), &k);
	fprintf(out, "已决定%s：%s 起 月发放 %s → %s 元，告知书 %s\n", cov_kind_name(k),
		month_format(res.effective, m), money_format(res.old_amount_fen, from),
		money_format(res.new_amount_fen, to), res.doc_no ? res.doc_no : "");
	if (res.has_stop)
		fprintf(out, "渐退期满自 %s 起自动停发\n", month_format(res.stop, stop));
	return DIB_OK;
}

static dib_code do_reviews(struct store *s, const struct opts *o, FILE *out, dib_arena *a,
			   dib_err *err)
{
	struct authz_subject w;
	const struct authz_subject *who;
	dib_code rc = cli_subject(s, o->user, false, a, &w, &who, err);
	struct coverage_review_row *v = NULL;
	size_t n = 0;
	if (!rc)
		rc = coverage_reviews(s, who, !o->all, cli_today(), a, &v, &n, err);
	if (rc)
		return rc;
	fprintf(out, "核查ID\t户编号\t成员\t事由\t发生日期\t应完成\t状态\n");
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%" PRId64 "\t%s\t%s\t%s\t%s\t%s\t%s\n", v[i].r.id,
			v[i].r.hh_no ? v[i].r.hh_no : "", v[i].r.person_name ? v[i].r.person_name : "",
			!strcmp(v[i].r.kind, "death") ? "成员死亡" : v[i].r.kind, v[i].r.event_date,
			v[i].r.due_on, v[i].r.closed_on[0] ? "已办结" : v[i].overdue ? "已逾期" : "待核查");
	fprintf(out, "共 %zu 件\n", n);
	return DIB_OK;
}

static dib_code do_show(struct store *s, const struct opts *o, FILE *out, dib_arena *a,
			dib_err *err)
{
	int64_t hid = 0;
	dib_code rc = cli_arg_id(o->arg, "家庭ID", &hid, err);
	struct authz_subject w;
	const struct authz_subject *who;
	if (!rc)
		rc = cli_subject(s, o->user, false, a, &w, &who, err);
	store_entitlement *e = NULL;
	store_change *c = NULL;
	size_t ne = 0, nc = 0;
	if (!rc)
		rc = coverage_history(s, who, hid, a, &e, &ne, &c, &nc, err);
	if (rc)
		return rc;
	fprintf(out, "待遇：\n");
	for (size_t i = 0; i < ne; i++) {
		char fen[32];
		fprintf(out, "  %s\t%.7s 至 %.7s\t%s 元/月\t%d 人\t%s\n", e[i].program, e[i].from_month,
			e[i].to_month[0] ? e[i].to_month : "今", money_format(e[i].amount_fen, fen),
			e[i].persons, e[i].decision_no ? e[i].decision_no : "");
	}
	fprintf(out, "变更：\n");
	for (size_t i = 0; i < nc; i++) {
		enum cov_kind k = COV_STOP;
		enum cov_reason r = COV_R_INCOME_CHANGED;
		(void)cov_kind_parse(c[i].kind, strlen(c[i].kind), &k);
		bool known = cov_reason_parse(c[i].reason, strlen(c[i].reason), &r);
		fprintf(out, "  %s %s（%s）自 %.7s 起\t%s\n", c[i].decided_on, cov_kind_name(k),
			known ? cov_reason(r)->name : c[i].reason, c[i].effective_month,
			c[i].doc_no ? c[i].doc_no : "");
	}
	return DIB_OK;
}

int cmd_coverage(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(ctx, USAGE);
	const char *sub = argv[1];
	if (!strcmp(sub, "reasons")) {
		size_t n;
		const struct cov_reason_row *r = cov_reasons(&n);
		for (size_t i = 0; i < n; i++)
			fprintf(ctx->out, "%s\t%s\t%s\n", r[i].code, r[i].name, r[i].article);
		return CLI_OK;
	}
	static const char *const subs[] = { "change", "run", "death", "close", "reviews", "offer",
					    "show" };
	size_t which = DIB_ARRAY_LEN(subs);
	for (size_t i = 0; i < DIB_ARRAY_LEN(subs); i++)
		if (!strcmp(sub, subs[i]))
			which = i;
	if (which == DIB_ARRAY_LEN(subs))
		return cli_usage(ctx, USAGE);
	struct cli_work wk;
	struct opts o;
	memset(&o, 0, sizeof o);
	cli_work_init(&wk, 256u << 20);
	dib_code rc = parse(argc, argv, &o, &wk.err);
	if (!rc)
		rc = cli_work_open(ctx, &wk);
	struct store *s = wk.s;
	dib_arena *a = &wk.a;
	dib_err *err = &wk.err;
	dib_date today = cli_today();
	if (!rc && which == 0) {
		rc = do_change(s, &o, ctx->out, a, err);
	} else if (!rc && which == 1) {
		int n = 0;
		rc = coverage_run_due(s, o.county, "system", today, &n, err);
		if (!rc)
			fprintf(ctx->out, "渐退期满自动停发 %d 户\n", n);
	} else if (!rc && which == 2) {
		int64_t id = 0;
		rc = cli_work_as(&wk, o.user, true);
		if (!rc)
			rc = coverage_death(s, wk.who, o.user, o.person, o.date, today, &id, err);
		if (!rc)
			fprintf(ctx->out, "已登记死亡，开启核查 %" PRId64 "（3 个月内完成）\n", id);
	} else if (!rc && which == 3) {
		int64_t id = 0;
		rc = cli_arg_id(o.arg, "核查ID", &id, err);
		if (!rc)
			rc = cli_work_as(&wk, o.user, true);
		if (!rc)
			rc = coverage_review_close(s, wk.who, o.user, id, o.outcome, today, err);
		if (!rc)
			fprintf(ctx->out, "核查 %" PRId64 " 已办结\n", id);
	} else if (!rc && which == 4) {
		rc = do_reviews(s, &o, ctx->out, a, err);
	} else if (!rc && which == 5) {
		struct cov_refusal lost;
		rc = cli_work_as(&wk, o.user, true);
		if (!rc)
			rc = coverage_offer(s, wk.who, o.user, o.person, o.date, o.outcome, o.note, today,
					    &lost, err);
		if (!rc)
			fprintf(ctx->out, "已登记。连续无正当理由拒绝 %d 次%s\n", lost.run,
				lost.lost ? "：已满 3 次，可决定减发该成员的保障金" : "");
	} else if (!rc) {
		rc = do_show(s, &o, ctx->out, a, err);
	}
	return cli_work_end(ctx, &wk, rc, USAGE);
}
