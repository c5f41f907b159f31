/*
 * authz.h — authorisation, decided once, here in svc: which role may do
 * which kind of action, and on which regions. http and cli never decide;
 * they pass who is asking to a svc function, which calls authz_check.
 *
 * Rules kept here:
 *  - a role × action table (authz.c) says what each role may do; a user
 *    with several roles may do what any of them may;
 *  - every regional action is limited to the user's region subtree (list,
 *    get, count, search, export, aggregate alike): the object's region
 *    must lie in the subtree of the user's region (core/region.h
 *    region_contains);
 *  - 三员分立: sys_admin manages users and regions but reads no
 *    beneficiary record; security_admin manages accounts, not records;
 *    the auditor reads everything in scope and changes nothing;
 *  - separation of duties: the same user may not prepare and approve the
 *    same item (authz_separate).
 *  - standards and parameters (svc/standard.h, svc/params.h) are set by
 *    county approvers and system administrators (domain.md: "sets
 *    standards", "standards tables"), each within the region subtree: a
 *    county user sets the county's, a province user the province's and
 *    those below it; everyone with AUTHZ_REGION_READ may read them.
 * Unknown role codes grant nothing; a subject whose own region code is
 * malformed is denied everything regional (fail closed).
 *
 * Thread-safety: pure functions over constant tables.
 */
#ifndef DIB_SVC_AUTHZ_H
#define DIB_SVC_AUTHZ_H

#include "util/dib.h"
#include "util/err.h"

struct session_info;

/* What is being done, coarse enough to be a table column. */
enum authz_action {
	AUTHZ_REGION_READ = 0, /* see the region tree */
	AUTHZ_REGION_WRITE,    /* create or rename regions (villages by hand) */
	AUTHZ_REGISTER_READ,   /* read beneficiary records: households, members, cases */
	AUTHZ_REGISTER_WRITE,  /* enter or change beneficiary records */
	AUTHZ_USER_ADMIN,      /* add, disable, reset, change roles of accounts */
	AUTHZ_AUDIT_READ,      /* read the audit log */
	AUTHZ_STANDARD_WRITE,  /* set assistance standards (保障标准) of a county */
	AUTHZ_PARAM_WRITE,     /* set local parameters (地方参数) of a province, city or county */
	AUTHZ_CASE_ACT,        /* take workflow actions on cases; which ones is the
				  workflow's role table (core/workflow.h) */
	AUTHZ_PAYROLL_READ,    /* see payroll runs (发放批次) and their rosters */
	AUTHZ_PAYROLL_PREPARE, /* build a roster and submit a township's part (乡镇造册) */
	AUTHZ_PAYROLL_APPROVE, /* approve, send back or cancel a run (县局审批) */
	AUTHZ_PAYROLL_PAY,     /* export the bank file, record the bank's return,
				  reissue failed lines (资金发放) */
	AUTHZ_ACTION_COUNT
};

/* Who is asking. Borrowed strings; roles are role codes of table roles. */
struct authz_subject {
	const char *username;
	const char *region_code; /* the user's region root, 12 digits */
	const char *const *roles;
	int nroles;
};

/* The subject of a logged-in session (borrows its strings). */
struct authz_subject authz_subject_of(const struct session_info *info);

/* Whether who may do a on an object in region (12 digits, or NULL for
 * an action on no particular region). DIB_EPERM "没有权限…" (naming the
 * action) when no role of who allows a; DIB_EPERM "… 不在您的管辖区域内"
 * when region lies outside who's subtree; DIB_EINVAL (quoting it) for
 * a region that is not a division code. */
dib_code authz_check(const struct authz_subject *who, enum authz_action a,
		     const char *region, dib_err *err);

/* Whether role (a role code) alone allows a; false for an unknown role or
 * action. The table itself, for tests and for the UI's menus. */
bool authz_role_allows(const char *role, enum authz_action a);

/* The root of who's region subtree, for list filters: every query of a
 * list, count, search, export or aggregate is limited to it. */
const char *authz_scope(const struct authz_subject *who);

/* Separation of duties: DIB_EPERM "同一人员不能既经办又审批同一事项" when
 * the preparer and the approver are the same username (or either is
 * missing — an unknown preparer cannot be shown to differ). */
dib_code authz_separate(const char *preparer, const char *approver, dib_err *err);

/* authz_check for one object: when who may do a somewhere but region is
 * outside its subtree, DIB_EPERM "<what>不在您的管辖区域内" (what: "该家庭",
 * "该申请"), the message a clerk understands; other refusals as
 * authz_check. */
dib_code authz_check_object(const struct authz_subject *who, enum authz_action a,
			    const char *region, const char *what, dib_err *err);

/* Chinese name of an action, "查看区划" etc.; "?" when out of range. */
const char *authz_action_name(enum authz_action a);

/* The code name of an action as the API shows it ("region_read",
 * "region_write", "register_read", "register_write", "user_admin",
 * "audit_read", "standard_write", "param_write", "case_act", "payroll_read",
 * "payroll_prepare", "payroll_approve", "payroll_pay"); NULL when out of range. */
const char *authz_action_code(enum authz_action a);

/* Whether any role of who allows a, regardless of region: the session's
 * "permissions" for the UI's menus. authz_check still decides each call. */
bool authz_allows(const struct authz_subject *who, enum authz_action a);

#endif
