/*
 * audit.c — `dibao audit verify` (audit.h): the store walks the chain; this
 * file turns its finding into words for the user.
 * Thread-safety: as the store connection.
 */
#include "util/dib.h"
#include "svc/audit.h"
#include "store/store_audit.h"

static const char *audit_problem(enum store_audit_fault f)
{
	switch (f) {
	case STORE_AUDIT_ALTERED:
		return "内容与哈希不符 (记录被修改或伪造)";
	case STORE_AUDIT_UNLINKED:
		return "与前一条记录的哈希不衔接 (其前的记录被删除, 或它是插入的)";
	case STORE_AUDIT_UNHASHED:
		return "缺少哈希 (被清除, 或写于哈希链启用之前)";
	case STORE_AUDIT_INTACT:
		break;
	}
	return "";
}

dib_code audit_verify(struct store *s, dib_arena *a,
		      struct audit_verify_result *r, dib_err *err)
{
	store_audit_check c;
	dib_code rc = store_audit_verify(s, a, &c, err);
	if (rc)
		return rc;
	memset(r, 0, sizeof *r);
	r->intact = c.fault == STORE_AUDIT_INTACT;
	r->verified = c.verified;
	r->seq = c.seq;
	r->id = c.id;
	r->at = c.at ? c.at : "";
	r->action = c.action ? c.action : "";
	r->problem = audit_problem(c.fault);
	snprintf(r->last_hash, sizeof r->last_hash, "%s", c.last_hash);
	return DIB_OK;
}
