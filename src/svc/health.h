/*
 * health.h — the database check behind the server's /healthz: one trivial
 * query on an open connection, so a load balancer learns that the process
 * is up *and* can reach its database.
 * Thread-safety: uses only the given connection; one thread per connection.
 */
#ifndef DIB_SVC_HEALTH_H
#define DIB_SVC_HEALTH_H

#include "util/dib.h"
#include "util/err.h"
#include "store/store.h"

/* Runs "SELECT 1" on s and, on success, sets *engine to the engine's name
 * ("sqlite" or "postgresql"; constant, never freed). On failure returns the
 * store's code (DIB_EDB with the engine's text in err->detail) and leaves
 * *engine untouched. */
dib_code health_check(struct store *s, const char **engine, dib_err *err);

#endif
