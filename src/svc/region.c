/*
 * region.c (svc) — the region tree as a user may see it: authorisation
 * first (authz_check), then the store.
 * Thread-safety: as the store connection.
 */
#include "util/dib.h"
#include "svc/region.h"
#include "core/region.h"

dib_code region_children(struct store *s, const struct authz_subject *who,
			 const char *parent, dib_arena *a, store_region *parent_out,
			 store_region **children, size_t *n, dib_err *err)
{
	if (!parent || !*parent)
		parent = authz_scope(who);
	if (!parent)
		return dib_err_set(err, DIB_EPERM, "没有权限%s", authz_action_name(AUTHZ_REGION_READ));
	region_code code;
	dib_code rc = region_parse(parent, strlen(parent), &code, err);
	if (rc)
		return rc;
	rc = authz_check(who, AUTHZ_REGION_READ, code.code, err);
	if (rc)
		return rc;
	store_region p;
	rc = store_region_get(s, code.code, a, &p, err);
	if (rc)
		return rc;
	store_region *kids = NULL;
	size_t nk = 0;
	rc = store_region_children(s, code.code, a, &kids, &nk, err);
	if (rc)
		return rc;
	*parent_out = p;
	*children = kids;
	*n = nk;
	return DIB_OK;
}
