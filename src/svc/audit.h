/*
 * audit.h — checking the audit log's hash chain (`dibao audit verify`):
 * proves that no audit record was altered, removed or inserted since it was
 * written (the chain itself is described in store/store_audit.h).
 * Thread-safety: as the store connection.
 */
#ifndef DIB_SVC_AUDIT_H
#define DIB_SVC_AUDIT_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "util/digest.h"
#include "store/store.h"

struct audit_verify_result {
	bool intact;          /* the whole chain holds */
	int64_t verified;     /* records found intact before the first broken one */
	/* The first broken record, when !intact: */
	int64_t seq;          /* its position in id order, from 1 */
	int64_t id;
	const char *at;       /* when it claims to be written; allocated in a,
				 "" when missing */
	const char *action;   /* allocated in a, "" when missing */
	const char *problem;  /* what is wrong, in Chinese; static */
	/* The hash of the last intact record ("" when none): worth writing
	 * down, since removing the newest records leaves a valid chain. */
	char last_hash[DIB_BLAKE2B_HEX_SIZE];
};

/* Walks the whole audit log (streaming; memory does not grow with it) and
 * fills *r. A broken chain is a result (r->intact false), not an error;
 * errors are the database's (DIB_EDB) or out of memory in a. */
dib_code audit_verify(struct store *s, dib_arena *a,
		      struct audit_verify_result *r, dib_err *err);

#endif
