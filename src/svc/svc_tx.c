/*
 * svc_tx.c — the end of a use case's transaction (svc_int.h), one copy for
 * every svc family that begins its own.
 * Thread-safety: as the store connection.
 */
#include "svc/svc_int.h"

dib_code svc__finish(struct store *s, dib_code rc, dib_err *err)
{
	if (!rc)
		rc = store_commit(s, err);
	if (rc)
		store_rollback(s);
	return rc;
}
