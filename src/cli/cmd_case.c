/*
 * cmd_case.c — `dibao case open|act|show|list|checklist`: 低保 applications
 * from the command line, for bulk work (start the investigations of a
 * township, close the notices that ended) and for the IT staff who script
 * them. The rules are svc/case.c's.
 *
 * --user NAME acts as that dibao account — its roles, region and the
 * separation of duties exactly as on the web — and is required for
 * actions, so the timeline names a real person; without it, reads run
 * with the command line's full authority. `act` takes one case number
 * or, with --region and --state, every case there (each its own
 * transaction: one refused case is reported and the others go on).
 * Thread-safety: the command line is single-threaded.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "core/date.h"
#include "core/money.h"
#include "core/workflow.h"
#include "cli/cli.h"
#include "svc/case.h"
#include "svc/user.h"

#include <errno.h>
#include <inttypes.h>

#define USAGE                                                                            \
	"dibao case open --user 用户名 --household 家庭ID --program dibao_urban|dibao_rural\n" \
	"                [--applied YYYY-MM-DD] [--missing 材料代码,…] [--relatives] [--note 备注]\n" \
	"       dibao case act (申请编号 | --region 区划 --state 状态) --user 用户名 --action 事项\n" \
	"                [--reason 理由] [--missing 代码,…] [--check passed|failed]\n"      \
	"                [--visit-date D --investigators 甲,乙 [--findings 情况]] (表、签字齐全)\n" \
	"                [--eval-date D --attendees N --representatives N --for N --against N]\n" \
	"                [--extension objection|separated|nonlocal|hard_survey|other] [--version N]\n" \
	"       dibao case show 申请编号 [--user 用户名]\n"                                   \
	"       dibao case list [--user 用户名] [--inbox all|mine|due_soon|overdue]\n"         \
	"                [--region 区划] [--state 状态] [--program 项目]\n"                    \
	"       dibao case checklist\n"                                                       \
	"  事项: accept、request_documents、start_investigation、record_visit、request_check、\n" \
	"        record_check、township_review、publish、close_notice、submit、confirm、refuse …"

/* Splits a comma list (in place) into at most cap items. */
static size_t split(char *s, const char **out, size_t cap)
{
	size_t n = 0;
	for (char *p = s; p && *p && n < cap;) {
		char *c = strchr(p, ',');
		if (c)
			*c = '\0';
		if (*p)
			out[n++] = p;
		p = c ? c + 1 : NULL;
	}
	return n;
}

/* The options of every subcommand, parsed once. */
struct opts {
	const char *user, *program, *applied, *note, *reason, *check, *action, *region;
	const char *state, *inbox, *extension, *visit_date, *findings, *eval_date, *case_no;
	char *missing_list, *names_list; /* comma lists, split in place */
	int64_t household, attendees, representatives, votes_for, votes_against, version;
	bool relatives, has_missing;
	const char *missing[16];
	size_t nmissing;
	const char *names[CASE_NAMES_MAX];
	size_t nnames;
};

static dib_code parse(int argc, char **argv, int first, struct opts *o, dib_err *err)
{
#define T(f, field) { f, CLI_OPT_TEXT, offsetof(struct opts, field) }
#define I(f, field) { f, CLI_OPT_INT, offsetof(struct opts, field) }
	static const struct cli_opt t[] = {
		T("--user", user), T("--program", program), T("--applied", applied),
		T("--note", note), T("--reason", reason), T("--check", check),
		T("--action", action), T("--region", region), T("--state", state),
		T("--inbox", inbox), T("--extension", extension), T("--visit-date", visit_date),
		T("--findings", findings), T("--eval-date", eval_date),
		T("--missing", missing_list), T("--investigators", names_list),
		I("--household", household), I("--attendees", attendees),
		I("--representatives", representatives), I("--for", votes_for),
		I("--against", votes_against), I("--version", version),
		{ "--relatives", CLI_OPT_FLAG, offsetof(struct opts, relatives) },
	};
#undef T
#undef I
	dib_code rc = cli_opts_parse(argc, argv, first, t, DIB_ARRAY_LEN(t), o, &o->case_no, err);
	if (!rc && o->missing_list) {
		o->has_missing = true;
		o->nmissing = split(o->missing_list, o->missing, DIB_ARRAY_LEN(o->missing));
	}
	if (!rc && o->names_list)
		o->nnames = split(o->names_list, o->names, DIB_ARRAY_LEN(o->names));
	return rc;
}

static dib_code do_open(struct store *s, const struct opts *o, FILE *out, dib_arena *a,
			dib_err *err)
{
	struct authz_subject w;
	const struct authz_subject *who;
	dib_code rc = cli_subject(s, o->user, true, a, &w, &who, err);
	if (rc)
		return rc;
	struct case_new in = { .household_id = o->household, .program = o->program,
			       .applied_on = o->applied, .missing = o->missing,
			       .nmissing = o->nmissing, .relatives_declared = o->relatives,
			       .note = o->note };
	int64_t id = 0;
	rc = case_open(s, who, o->user, &in, cli_today(), &id, err);
	struct case_view v;
	if (!rc)
		rc = case_get(s, who, id, cli_today(), a, &v, err);
	const store_case *c = &v.c;
	if (!rc)
		fprintf(out, "已登记申请 %s（家庭 %s，%s）%s\n", c->case_no, c->hh_no ? c->hh_no : "",
			c->head_name ? c->head_name : "", c->relatives_filed ? "：近亲属备案" : "");
	return rc;
}

/* Takes the action on one case; prints the outcome. */
static dib_code act_one(struct store *s, const struct authz_subject *who, const struct opts *o,
			enum wf_action act, const store_case *c, FILE *out, dib_arena *a,
			dib_err *err)
{
	struct case_visit v = { .date = o->visit_date, .investigators = o->names,
				.ninvestigators = o->nnames, .form = true, .staff_signed = true,
				.family_signed = true, .findings = o->findings };
	struct case_eval e = { .date = o->eval_date, .attendees = (int)o->attendees,
			       .representatives = (int)o->representatives,
			       .votes_for = (int)o->votes_for,
			       .votes_against = (int)o->votes_against, .signed_all = true };
	struct case_act in = { .case_id = c->id, .action = act, .version = (int)o->version,
			       .reason = o->reason, .has_missing = o->has_missing,
			       .missing = o->missing, .nmissing = o->nmissing,
			       .visit = o->visit_date ? &v : NULL,
			       .eval = o->eval_date ? &e : NULL, .check_result = o->check,
			       .extension = o->extension };
	struct case_act_result r;
	dib_code rc = case_act(s, who, o->user, &in, cli_today(), a, &r, err);
	if (!rc)
		fprintf(out, "%s：%s → %s%s%s\n", c->case_no, wf_state_name(r.from),
			wf_state_name(r.to), r.doc_no ? "，文书 " : "", r.doc_no ? r.doc_no : "");
	return rc;
}

static dib_code do_act(struct store *s, const struct opts *o, FILE *out, FILE *errf,
		       dib_arena *a, dib_err *err)
{
	enum wf_action act;
	if (!o->action || !wf_action_parse(o->action, strlen(o->action), &act))
		return dib_err_set(err, DIB_EUSAGE, "请用 --action 指明办理事项");
	if (!o->case_no == !(o->region && o->state))
		return dib_err_set(err, DIB_EUSAGE, "请指明一个申请编号，或用 --region 和 --state "
				   "指明一批申请");
	struct authz_subject w;
	const struct authz_subject *who;
	dib_code rc = cli_subject(s, o->user, true, a, &w, &who, err);
	if (rc)
		return rc;
	if (o->case_no) {
		int64_t id = 0;
		struct case_view v;
		rc = case_find(s, who, o->case_no, &id, err);
		if (!rc)
			rc = case_get(s, who, id, cli_today(), a, &v, err);
		return rc ? rc : act_one(s, who, o, act, &v.c, out, a, err);
	}
	/* a batch: every case of the region in the state, each on its own */
	int ok = 0, failed = 0;
	int64_t after = 0;
	do {
		struct case_query q = { .region = o->region, .state = o->state,
					.after_id = after, .limit = 200 };
		struct case_row *rows = NULL;
		size_t n = 0;
		int64_t next = 0, total = 0;
		rc = case_list(s, who, &q, cli_today(), a, &rows, &n, &next, &total, err);
		for (size_t i = 0; !rc && i < n; i++) {
			dib_err e;
			dib_err_clear(&e);
			if (act_one(s, who, o, act, &rows[i].c, out, a, &e)) {
				fprintf(errf, "%s：未办理：%s\n", rows[i].c.case_no, e.msg);
				failed++;
			} else {
				ok++;
			}
		}
		after = next;
	} while (!rc && after);
	if (!rc)
		fprintf(out, "共办理 %d 件，未办理 %d 件\n", ok, failed);
	if (!rc && failed)
		rc = dib_err_set(err, DIB_ECONFLICT, "%d 件申请未能办理（原因见上）", failed);
	return rc;
}

static dib_code do_show(struct store *s, const struct opts *o, FILE *out, dib_arena *a,
			dib_err *err)
{
	if (!o->case_no)
		return dib_err_set(err, DIB_EUSAGE, "请指明申请编号");
	struct authz_subject w;
	const struct authz_subject *who;
	dib_code rc = cli_subject(s, o->user, false, a, &w, &who, err);
	int64_t id = 0;
	if (!rc)
		rc = case_find(s, who, o->case_no, &id, err);
	struct case_view v;
	if (!rc)
		rc = case_get(s, who, id, cli_today(), a, &v, err);
	if (rc)
		return rc;
	char amt[MONEY_STR] = "—", due[DIB_DATE_STR] = "—";
	if (v.c.has_amount)
		money_format(v.c.amount_fen, amt);
	if (v.due.has_due)
		date_format(v.due.due, due);
	else if (v.due_unknown)
		snprintf(due, sizeof due, "待定");
	fprintf(out, "申请 %s  %s  家庭 %s %s（%s%s）\n", v.c.case_no,
		!strcmp(v.c.program, "dibao_urban") ? "城市低保" : "农村低保",
		v.c.hh_no ? v.c.hh_no : "", v.c.head_name ? v.c.head_name : "",
		v.c.township_name ? v.c.township_name : "", v.c.village_name ? v.c.village_name : "");
	fprintf(out, "状态 %s（自 %s）  期限 %s %s  测算金额 %s 元/月  保障人数 %d%s\n",
		wf_state_name(v.state), v.c.state_since, due, wf_urgency_name(v.urgency), amt,
		v.c.persons, v.c.relatives_filed ? "  近亲属备案" : "");
	if (v.due_unknown)
		fprintf(out, "注意：节假日安排缺少期限所需的年份，期限无法计算（请用 dibao calendar load "
			"导入）\n");
	fprintf(out, "办理记录：\n");
	for (size_t i = 0; i < v.nevents; i++) {
		const store_case_event *e = &v.events[i];
		enum wf_action ea;
		const char *an = wf_action_parse(e->action, strlen(e->action), &ea)
				 ? wf_action_name(ea) : e->action;
		fprintf(out, "  %d. %s %s %s%s%s%s%s\n", e->seq, e->on_date, e->actor, an,
			e->reason ? "：" : "", e->reason ? e->reason : "",
			e->doc_no ? "  文书 " : "", e->doc_no ? e->doc_no : "");
	}
	fprintf(out, "可办理：\n");
	for (size_t i = 0; i < v.nactions; i++)
		fprintf(out, "  %s（%s）%s%s\n", wf_action_name(v.actions[i].action),
			wf_action_code(v.actions[i].action), v.actions[i].allowed ? "" : "— 尚不能：",
			v.actions[i].blocked ? v.actions[i].blocked : "");
	return DIB_OK;
}

static dib_code do_list(struct store *s, const struct opts *o, FILE *out, dib_arena *a,
			dib_err *err)
{
	struct authz_subject w;
	const struct authz_subject *who;
	dib_code rc = cli_subject(s, o->user, false, a, &w, &who, err);
	if (rc)
		return rc;
	struct case_query q = { .region = o->region, .state = o->state, .program = o->program,
				.limit = 500 };
	const char *inboxes[] = { "all", "mine", "due_soon", "overdue" };
	bool known = !o->inbox;
	for (size_t i = 0; o->inbox && i < DIB_ARRAY_LEN(inboxes); i++)
		if (!strcmp(o->inbox, inboxes[i])) {
			q.inbox = (enum case_inbox)i;
			known = true;
		}
	if (!known)
		return dib_err_set(err, DIB_EUSAGE, "--inbox 应为 all、mine、due_soon 或 overdue");
	fprintf(out, "申请编号\t户编号\t户主\t乡镇\t村\t状态\t期限\t提醒\n");
	int64_t total = 0, shown = 0;
	do {
		struct case_row *rows = NULL;
		size_t n = 0;
		int64_t next = 0;
		rc = case_list(s, who, &q, cli_today(), a, &rows, &n, &next, &total, err);
		for (size_t i = 0; !rc && i < n; i++, shown++) {
			const store_case *c = &rows[i].c;
			char due[DIB_DATE_STR] = "—";
			enum wf_state st = WF_DRAFT;
			if (rows[i].due.has_due)
				date_format(rows[i].due.due, due);
			else if (rows[i].due_unknown)
				snprintf(due, sizeof due, "待定");
			(void)wf_state_parse(c->state, strlen(c->state), &st);
			fprintf(out, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c->case_no,
				c->hh_no ? c->hh_no : "", c->head_name ? c->head_name : "",
				c->township_name ? c->township_name : "",
				c->village_name ? c->village_name : "", wf_state_name(st), due,
				wf_urgency_name(rows[i].urgency));
		}
		q.after_id = next;
	} while (!rc && q.after_id);
	if (!rc)
		fprintf(out, "共 %" PRId64 " 件\n", shown);
	return rc;
}

int cmd_case(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(ctx, USAGE);
	const char *sub = argv[1];
	if (!strcmp(sub, "checklist")) {
		size_t n;
		const struct case_checklist_item *l = case_checklist(&n);
		for (size_t i = 0; i < n; i++)
			fprintf(ctx->out, "%s\t%s%s\n", l[i].code, l[i].name,
				l[i].conditional ? "（按情况）" : "");
		return CLI_OK;
	}
	bool open = !strcmp(sub, "open"), act = !strcmp(sub, "act");
	bool show = !strcmp(sub, "show"), list = !strcmp(sub, "list");
	if (!open && !act && !show && !list)
		return cli_usage(ctx, USAGE);
	struct cli_work wk;
	struct opts o;
	memset(&o, 0, sizeof o);
	cli_work_init(&wk, 512u << 20);
	dib_code rc = parse(argc, argv, 2, &o, &wk.err);
	if (!rc)
		rc = cli_work_open(ctx, &wk);
	if (!rc && open)
		rc = do_open(wk.s, &o, ctx->out, &wk.a, &wk.err);
	else if (!rc && act)
		rc = do_act(wk.s, &o, ctx->out, ctx->err, &wk.a, &wk.err);
	else if (!rc && show)
		rc = do_show(wk.s, &o, ctx->out, &wk.a, &wk.err);
	else if (!rc)
		rc = do_list(wk.s, &o, ctx->out, &wk.a, &wk.err);
	return cli_work_end(ctx, &wk, rc, USAGE);
}
