/*
 * store_audit.h — the audit log: one row per write, who, when, what,
 * before and after, and why (design.md: "every write … writes one audit
 * record").
 *
 * Rows are only ever appended, in the same transaction as the write they
 * describe, so a rolled-back write leaves no audit row and a committed one
 * always has its row. prev_hash/hash (the tamper-evident chain checked by
 * `dibao audit verify`) are left NULL here; the audit service fills them.
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#ifndef DIB_STORE_AUDIT_H
#define DIB_STORE_AUDIT_H

#include "util/dib.h"
#include "util/err.h"
#include "store/store.h"

typedef struct store_audit_entry {
	const char *county;      /* 6-digit county code; "" above county level */
	const char *actor;       /* username, or "system" for batch jobs */
	const char *action;      /* "household.create", "case.approve", … */
	const char *entity;      /* "household", "case", … */
	const char *entity_id;   /* may be NULL */
	const char *before_json; /* the entity before the write; NULL for create */
	const char *after_json;  /* after; NULL for delete */
	const char *reason;      /* the clerk's stated reason; may be NULL */
} store_audit_entry;

/* Appends one audit row inside the caller's transaction (DIB_EINTERNAL
 * without one): its id comes from id_blocks ('audit'), `at` is now in UTC
 * ("2026-11-26T08:00:00Z"). *id (may be NULL) receives the row's id.
 * DIB_EINTERNAL when county, actor, action or entity is NULL. */
dib_code store_audit_append(struct store *s, const store_audit_entry *e,
			    int64_t *id, dib_err *err);

#endif
