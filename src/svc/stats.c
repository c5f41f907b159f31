/*
 * stats.c (svc) — the dashboard's figures (stats.h): authorisation, the
 * region and its children from the region tree, one grouped count from
 * store_stats, and the sums laid out by child region and registration.
 * Thread-safety: as the store connection.
 */
#include "util/dib.h"
#include "svc/stats.h"
#include "core/region.h"

/* Significant digits of a region code by level: 省 2, 市 4, 县 6, 乡 9, 村 12. */
static const int sig_digits[] = { 0, 2, 4, 6, 9, 12 };

static int sig(enum region_level l)
{
	return l >= REGION_PROVINCE && l <= REGION_VILLAGE ? sig_digits[l] : REGION_LEN;
}

/* Adds a group's counts to the child whose code it lies under (groups are
 * cut at least as deep as every child's significant digits). */
static void add_to_child(struct stats_register *r, const store_stats_group *g)
{
	for (size_t i = 0; i < r->nchild; i++) {
		struct stats_child *c = &r->by_child[i];
		if (!strncmp(g->prefix, c->code, (size_t)sig(c->level))) {
			c->households += g->households;
			c->persons += g->persons;
			return;
		}
	}
}

dib_code stats_register(struct store *s, const struct authz_subject *who,
			const char *region, dib_arena *a, struct stats_register *out,
			dib_err *err)
{
	if (!region || !*region)
		region = authz_scope(who);
	if (!region || !*region)
		return dib_err_set(err, DIB_EPERM, "没有权限%s",
				   authz_action_name(AUTHZ_REGISTER_READ));
	dib_code rc = authz_check(who, AUTHZ_REGISTER_READ, region, err);
	if (rc)
		return rc;
	region_code code;
	if ((rc = region_parse(region, strlen(region), &code, err)))
		return rc;
	struct stats_register r;
	memset(&r, 0, sizeof r);
	store_region *kids = NULL;
	size_t nk = 0;
	if ((rc = store_region_get(s, code.code, a, &r.region, err)) ||
	    (rc = store_region_children(s, code.code, a, &kids, &nk, err)))
		return rc;
	int digits = sig(code.level);
	if (nk && !(r.by_child = dib_arena_calloc(a, nk * sizeof *r.by_child)))
		return dib_err_nomem(err);
	for (size_t i = 0; i < nk; i++) {
		struct stats_child *c = &r.by_child[i];
		snprintf(c->code, sizeof c->code, "%s", kids[i].code);
		c->name = kids[i].name;
		c->level = kids[i].level;
		if (sig(c->level) > digits)
			digits = sig(c->level);
	}
	r.nchild = nk;
	store_stats_group *g = NULL;
	size_t ng = 0;
	if ((rc = store_stats_groups(s, code.code, digits, a, &g, &ng, err)))
		return rc;
	r.by_registration[0].registration = 1;
	r.by_registration[1].registration = 2;
	for (size_t i = 0; i < ng; i++) {
		r.households += g[i].households;
		r.persons += g[i].persons;
		if (g[i].registration == 1 || g[i].registration == 2) {
			struct stats_by_registration *b = &r.by_registration[g[i].registration - 1];
			b->households += g[i].households;
			b->persons += g[i].persons;
		}
		add_to_child(&r, &g[i]);
	}
	*out = r;
	return DIB_OK;
}

dib_code stats_region_name(struct store *s, const char *code, dib_arena *a,
			   const char **name, dib_err *err)
{
	store_region r;
	dib_err e;
	dib_err_clear(&e);
	dib_code rc = store_region_get(s, code ? code : "", a, &r, &e);
	if (rc == DIB_ENOTFOUND) {
		*name = NULL;
		return DIB_OK;
	}
	if (rc) {
		dib_err_set(err, rc, "%s", e.msg);
		dib_err_detail(err, "%s", e.detail);
		return rc;
	}
	*name = r.name;
	return DIB_OK;
}

/* The order a form lists roles in: the workflow from the village up, then
 * the 三员. A role not named here (added later) follows, by code. */
static const char *const role_order[] = {
	"village_agent", "township_caseworker", "township_reviewer", "county_approver",
	"payment_officer", "petition_officer", "auditor", "sys_admin", "security_admin",
};

static size_t role_rank(const char *code)
{
	for (size_t i = 0; i < DIB_ARRAY_LEN(role_order); i++)
		if (!strcmp(code, role_order[i]))
			return i;
	return DIB_ARRAY_LEN(role_order);
}

static int role_cmp(const void *x, const void *y)
{
	const store_stats_role *a = x, *b = y;
	size_t ra = role_rank(a->code), rb = role_rank(b->code);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	return strcmp(a->code, b->code);
}

dib_code stats_roles(struct store *s, dib_arena *a, store_stats_role **out,
		     size_t *n, dib_err *err)
{
	store_stats_role *r = NULL;
	size_t nr = 0;
	dib_code rc = store_stats_roles(s, a, &r, &nr, err);
	if (rc)
		return rc;
	if (nr)
		qsort(r, nr, sizeof *r, role_cmp);
	*out = r;
	*n = nr;
	return DIB_OK;
}
