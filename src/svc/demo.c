/*
 * demo.c — the demo county 延津县 (seed 000): generated register loaded
 * through the real importer, the seeds' 低保 standards with their dates,
 * and one user per role. Used by `make run` and by the browser tests.
 * Thread-safety: one call per store connection at a time; no shared state.
 */
#include "util/dib.h"
#include "store/store_register.h"
#include "store/store_standard.h"
#include "store/store_user.h"
#include "store/store_audit.h"
#include "svc/gen.h"
#include "svc/import.h"
#include "svc/password.h"
#include "svc/setup.h"
#include "util/time.h"

/* The seeds' standards (seed 001 for the amounts; seed 000 for the rhythm:
 * a rise decided in October, effective from July). */
static const struct {
	const char *program;
	dib_date from, decided;
	const char *doc;
	int64_t fen;
	const char *unit;
} standards[] = {
	{ "dibao_urban", { 2025, 1, 1 }, { 2024, 12, 20 }, "延民〔2024〕31号", 48000, "person_month" },
	{ "dibao_rural", { 2025, 1, 1 }, { 2024, 12, 20 }, "延民〔2024〕31号", 315000, "person_year" },
	{ "dibao_urban", { 2025, 7, 1 }, { 2025, 10, 15 }, "延民〔2025〕18号", 52800, "person_month" },
	{ "dibao_rural", { 2025, 7, 1 }, { 2025, 10, 15 }, "延民〔2025〕18号", 431000, "person_year" },
};

/* One demo user per role; "@village" and "@town" are resolved to the first
 * village and to 东屯镇. */
static const struct {
	const char *username, *name, *region, *role;
} users[] = {
	{ "admin", "系统管理员", "410726000000", "sys_admin" },
	{ "security", "安全管理员", "410726000000", "security_admin" },
	{ "auditor", "审计员", "410726000000", "auditor" },
	{ "approver", "县民政局审批人", "410726000000", "county_approver" },
	{ "payer", "资金发放员", "410726000000", "payment_officer" },
	{ "petition", "信访工作人员", "410726000000", "petition_officer" },
	{ "caseworker", "东屯镇民政经办人", "410726101000", "township_caseworker" },
	{ "reviewer", "东屯镇审核人", "410726101000", "township_reviewer" },
	{ "agent", "村(社区)代办员", "@village", "village_agent" },
};

struct first_village {
	char code[13];
};

static int pick_village(void *ctx, const char *code, int level, const char *name)
{
	(void)name;
	struct first_village *v = ctx;
	if (level == 5 && !strncmp(code, "410726101", 9)) {
		snprintf(v->code, sizeof v->code, "%s", code);
		return 1;
	}
	return 0;
}

static dib_code import_one(struct store *s, const struct demo_opts *o,
			   enum import_kind kind, const char *file,
			   struct import_result *res, dib_err *err)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", o->work_dir, file);
	int y, m, d;
	dib_time_today_china(&y, &m, &d);
	struct import_opts io = {
		.kind = kind,
		.path = path,
		.actor = o->actor,
		.today = { y, m, d },
		.progress = o->progress,
	};
	return import_run(s, &io, res, err);
}

static dib_code add_standards_and_users(struct store *s, const struct demo_opts *o,
					struct demo_result *r, dib_err *err)
{
	struct first_village v = { "" };
	dib_code rc = store_regions_each(s, pick_village, &v, err);
	if (rc)
		return rc;
	if (!v.code[0])
		return dib_err_set(err, DIB_EINTERNAL, "演示数据中没有东屯镇的村");
	rc = password_lib_init(err);
	char hash[PASSWORD_HASH_MAX];
	if (!rc)
		rc = password_hash(DEMO_PASSWORD, hash, err);
	if (rc)
		return rc;
	rc = store_begin(s, err);
	for (size_t i = 0; !rc && i < DIB_ARRAY_LEN(standards); i++) {
		store_standard st = {
			.county = DEMO_COUNTY,
			.program = standards[i].program,
			.effective_from = standards[i].from,
			.amount_fen = standards[i].fen,
			.unit = standards[i].unit,
			.decided_on = standards[i].decided,
			.document = standards[i].doc,
		};
		rc = store_standard_insert(s, &st, err);
		r->standards += !rc;
	}
	for (size_t i = 0; !rc && i < DIB_ARRAY_LEN(users); i++) {
		const char *role = users[i].role;
		struct store_user u = {
			.username = users[i].username,
			.display_name = users[i].name,
			.region_code = users[i].region[0] == '@' ? v.code : users[i].region,
			.password_hash = hash,
			.must_change = false, /* demo accounts: documented password */
			.roles = &role,
			.nroles = 1,
		};
		rc = store_user_add(s, &u, NULL, err);
		r->users += !rc;
	}
	if (!rc) {
		char after[256];
		snprintf(after, sizeof after, "{\"county\":\"%s\",\"standards\":%d,\"users\":%d}",
			 DEMO_COUNTY, r->standards, r->users);
		store_audit_entry a = {
			.county = DEMO_COUNTY,
			.actor = o->actor,
			.action = "demo.create",
			.entity = "county",
			.entity_id = DEMO_COUNTY,
			.after_json = after,
		};
		rc = store_audit_append(s, &a, NULL, err);
	}
	if (!rc)
		rc = store_commit(s, err);
	if (rc)
		store_rollback(s);
	return rc;
}

dib_code demo_create(struct store *s, const struct demo_opts *o,
		     struct demo_result *r, dib_err *err)
{
	memset(r, 0, sizeof *r);
	struct setup_result sr;
	dib_code rc = setup_init_store(s, o->data_dir, o->actor, &sr, err);
	int64_t n = 0;
	if (!rc)
		rc = store_county_households(s, DEMO_COUNTY, &n, err);
	if (!rc && n)
		return dib_err_set(err, DIB_ECONFLICT, "演示县 (延津县 %s) 已有 %lld 户数据，未做任何修改",
				   DEMO_COUNTY, (long long)n);
	if (rc)
		return rc;
	struct gen_opts g = {
		.households = o->households ? o->households : 3000,
		.seed = o->seed,
		.county = DEMO_COUNTY,
		.data_dir = o->data_dir,
	};
	struct gen_result gr;
	rc = gen_to_dir(&g, o->work_dir, &gr, err);
	struct import_result ir;
	if (!rc)
		rc = import_one(s, o, IMPORT_REGIONS, "regions.csv", &ir, err);
	if (!rc) {
		r->regions = ir.imported;
		rc = import_one(s, o, IMPORT_HOUSEHOLDS, "households.csv", &ir, err);
	}
	if (!rc) {
		r->households = ir.imported;
		rc = import_one(s, o, IMPORT_MEMBERS, "members.csv", &ir, err);
	}
	if (!rc) {
		r->persons = ir.imported;
		rc = add_standards_and_users(s, o, r, err);
	}
	return rc;
}
