/*
 * authz.c — the role × action table and the region-subtree check behind
 * authz.h. The table is data: a new action adds a column, never an if.
 * Thread-safety: pure functions over constant tables.
 */
#include "util/dib.h"
#include "svc/authz.h"
#include "svc/session.h"
#include "core/region.h"

/* Bit a of allow says whether the role may do action a. */
#define A(x) (1u << (x))

static const struct {
	const char *role;
	unsigned allow;
} table[] = {
	/* the business roles read the register in their region; those who
	 * take applications and prepare the township review also write it */
	{ "village_agent", A(AUTHZ_REGION_READ) | A(AUTHZ_REGISTER_READ) | A(AUTHZ_REGISTER_WRITE) |
			       A(AUTHZ_CASE_ACT) },
	/* the township prepares the rosters (seed 001: 乡镇民政办负责造补贴清册) */
	{ "township_caseworker", A(AUTHZ_REGION_READ) | A(AUTHZ_REGISTER_READ) |
				     A(AUTHZ_REGISTER_WRITE) | A(AUTHZ_CASE_ACT) |
				     A(AUTHZ_PAYROLL_READ) | A(AUTHZ_PAYROLL_PREPARE) },
	{ "township_reviewer", A(AUTHZ_REGION_READ) | A(AUTHZ_REGISTER_READ) | A(AUTHZ_CASE_ACT) |
				   A(AUTHZ_PAYROLL_READ) | A(AUTHZ_PAYROLL_PREPARE) },
	/* … the county approves them (县民政局业务股室负责审批) … */
	{ "county_approver", A(AUTHZ_REGION_READ) | A(AUTHZ_REGISTER_READ) |
				 A(AUTHZ_STANDARD_WRITE) | A(AUTHZ_PARAM_WRITE) | A(AUTHZ_CASE_ACT) |
				 A(AUTHZ_PAYROLL_READ) | A(AUTHZ_PAYROLL_APPROVE) },
	/* … and the payment officer sends them to the bank */
	{ "payment_officer", A(AUTHZ_REGION_READ) | A(AUTHZ_REGISTER_READ) |
				 A(AUTHZ_PAYROLL_READ) | A(AUTHZ_PAYROLL_PAY) },
	/* records complaints and reports on cases (S1 art. 20(2), 36) */
	{ "petition_officer", A(AUTHZ_REGION_READ) | A(AUTHZ_REGISTER_READ) | A(AUTHZ_CASE_ACT) },
	/* 三员分立: reads everything in scope, changes nothing */
	{ "auditor", A(AUTHZ_REGION_READ) | A(AUTHZ_REGISTER_READ) | A(AUTHZ_AUDIT_READ) |
			 A(AUTHZ_PAYROLL_READ) },
	/* users and regions, never a beneficiary record */
	{ "sys_admin", A(AUTHZ_REGION_READ) | A(AUTHZ_REGION_WRITE) | A(AUTHZ_USER_ADMIN) |
			   A(AUTHZ_STANDARD_WRITE) | A(AUTHZ_PARAM_WRITE) },
	/* accounts and security, never a beneficiary record */
	{ "security_admin", A(AUTHZ_REGION_READ) | A(AUTHZ_USER_ADMIN) },
};

static const char *const action_names[AUTHZ_ACTION_COUNT] = {
	[AUTHZ_REGION_READ] = "查看区划",
	[AUTHZ_REGION_WRITE] = "维护区划",
	[AUTHZ_REGISTER_READ] = "查看救助对象信息",
	[AUTHZ_REGISTER_WRITE] = "录入或修改救助对象信息",
	[AUTHZ_USER_ADMIN] = "管理用户",
	[AUTHZ_AUDIT_READ] = "查看审计日志",
	[AUTHZ_STANDARD_WRITE] = "设置保障标准",
	[AUTHZ_PARAM_WRITE] = "设置地方参数",
	[AUTHZ_CASE_ACT] = "办理低保申请",
	[AUTHZ_PAYROLL_READ] = "查看发放批次",
	[AUTHZ_PAYROLL_PREPARE] = "编制补贴清册",
	[AUTHZ_PAYROLL_APPROVE] = "审批发放批次",
	[AUTHZ_PAYROLL_PAY] = "办理银行代发",
};

const char *authz_action_name(enum authz_action a)
{
	if ((int)a < 0 || a >= AUTHZ_ACTION_COUNT)
		return "?";
	return action_names[a];
}

static const char *const action_codes[AUTHZ_ACTION_COUNT] = {
	[AUTHZ_REGION_READ] = "region_read",
	[AUTHZ_REGION_WRITE] = "region_write",
	[AUTHZ_REGISTER_READ] = "register_read",
	[AUTHZ_REGISTER_WRITE] = "register_write",
	[AUTHZ_USER_ADMIN] = "user_admin",
	[AUTHZ_AUDIT_READ] = "audit_read",
	[AUTHZ_STANDARD_WRITE] = "standard_write",
	[AUTHZ_PARAM_WRITE] = "param_write",
	[AUTHZ_CASE_ACT] = "case_act",
	[AUTHZ_PAYROLL_READ] = "payroll_read",
	[AUTHZ_PAYROLL_PREPARE] = "payroll_prepare",
	[AUTHZ_PAYROLL_APPROVE] = "payroll_approve",
	[AUTHZ_PAYROLL_PAY] = "payroll_pay",
};

const char *authz_action_code(enum authz_action a)
{
	if ((int)a < 0 || a >= AUTHZ_ACTION_COUNT)
		return NULL;
	return action_codes[a];
}

bool authz_allows(const struct authz_subject *who, enum authz_action a)
{
	for (int i = 0; i < who->nroles; i++)
		if (authz_role_allows(who->roles[i], a))
			return true;
	return false;
}

bool authz_role_allows(const char *role, enum authz_action a)
{
	if (!role || (int)a < 0 || a >= AUTHZ_ACTION_COUNT)
		return false;
	for (size_t i = 0; i < DIB_ARRAY_LEN(table); i++)
		if (!strcmp(table[i].role, role))
			return (table[i].allow & A(a)) != 0;
	return false;
}

struct authz_subject authz_subject_of(const struct session_info *info)
{
	struct authz_subject s = {
		.username = info->username,
		.region_code = info->region_code,
		.roles = info->roles,
		.nroles = info->nroles,
	};
	return s;
}

const char *authz_scope(const struct authz_subject *who)
{
	return who->region_code;
}

dib_code authz_check(const struct authz_subject *who, enum authz_action a,
		     const char *region, dib_err *err)
{
	if (!authz_allows(who, a)) {
		dib_err_set(err, DIB_EPERM, "没有权限%s", authz_action_name(a));
		dib_err_detail(err, "user %s action %d: no role allows it",
			       who->username ? who->username : "?", (int)a);
		return DIB_EPERM;
	}
	if (!region)
		return DIB_OK;
	region_code obj;
	dib_code rc = region_parse(region, strlen(region), &obj, err);
	if (rc)
		return rc;
	region_code root;
	const char *mine = who->region_code ? who->region_code : "";
	dib_err scratch;
	dib_err_clear(&scratch);
	/* a malformed root must deny, never widen: fail closed */
	if (region_parse(mine, strlen(mine), &root, &scratch) ||
	    !region_contains(&root, &obj)) {
		dib_err_set(err, DIB_EPERM, "区划 %s 不在您的管辖区域内", obj.code);
		dib_err_detail(err, "user %s region %s object %s", who->username ? who->username : "?",
			       mine, obj.code);
		return DIB_EPERM;
	}
	return DIB_OK;
}

dib_code authz_separate(const char *preparer, const char *approver, dib_err *err)
{
	if (!preparer || !approver || !*preparer || !*approver || !strcmp(preparer, approver))
		return dib_err_set(err, DIB_EPERM, "同一人员不能既经办又审批同一事项");
	return DIB_OK;
}

dib_code authz_check_object(const struct authz_subject *who, enum authz_action a,
			    const char *region, const char *what, dib_err *err)
{
	dib_err e;
	dib_err_clear(&e);
	dib_code rc = authz_check(who, a, region, &e);
	if (rc == DIB_EPERM && authz_allows(who, a))
		return dib_err_set(err, DIB_EPERM, "%s不在您的管辖区域内", what);
	if (rc)
		*err = e;
	return rc;
}
