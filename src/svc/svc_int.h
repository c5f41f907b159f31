/*
 * svc_int.h — helpers every family of src/svc shares, too small for a
 * module of their own: ending a use case's transaction. Internal to
 * src/svc (scripts/checksrc holds that).
 * Thread-safety: as the store connection.
 */
#ifndef DIB_SVC_SVC_INT_H
#define DIB_SVC_SVC_INT_H

#include "util/dib.h"
#include "util/err.h"
#include "store/store.h"

/* Ends the transaction a use case began on s by what it came to: commits
 * when rc is DIB_OK (a failed commit becomes the result), rolls back
 * otherwise. Returns the outcome, so a write ends with
 * `return svc__finish(s, rc, err);`. */
dib_code svc__finish(struct store *s, dib_code rc, dib_err *err);

#endif
