/*
 * params.h (svc) — local parameters (地方参数) with effective dates, full
 * history and audit: the value in force for a county on a date, every key
 * with its value and where it comes from, setting a value for a province,
 * city or county, and the history of one key in one scope. The keys, types,
 * ranges and national defaults are the catalogue of core/params.h; the
 * rows are store/store_params.h's.
 *
 * Rules kept here:
 *  - resolution: the value in force on a date for a county is the county's
 *    row in force then if it has one, else its city's, else its province's,
 *    else the catalogue's national default (regulations.md §1.17: 参数按省
 *    份配置，并可按地市、县覆盖). A county's value keeps winning after the
 *    province changes its own;
 *  - a row is in force from its effective_from on (that day included) until
 *    the next row of the same scope and key; a new value may take effect in
 *    the past (a retroactive decision) or in the future;
 *  - history is never rewritten: setting a value for a date that already
 *    has one is a correction, allowed only while that date is still in the
 *    future (today < effective_from) and only with a reason; it is stored
 *    as the next revision of that date, so the history shows both. A value
 *    already in force (effective_from <= today) cannot be corrected —
 *    set a new value from a later date instead (DIB_ECONFLICT);
 *  - values are checked against the catalogue (type, range, allowed
 *    values) with Chinese messages naming the parameter; a decision date
 *    may not lie after today; bad input changes nothing;
 *  - authorisation (svc/authz.h): setting needs AUTHZ_PARAM_WRITE (county
 *    approvers and system administrators) and a scope inside the user's
 *    region subtree — a county user sets the county's values, a province
 *    user the province's (and those of its cities and counties), never the
 *    other way up. Reading needs AUTHZ_REGION_READ and a region on the
 *    user's line: inside the subtree, or above the user's own region (a
 *    township caseworker reads the county's and the province's values,
 *    which govern his cases; not another county's). who NULL is the
 *    command line, run by the operator of the server, who may do all of it
 *    (as `dibao user add`); the audit records name the actor;
 *  - every write is one transaction with one audit record, action
 *    "param.set" (a new date) or "param.correct" (a new revision), entity
 *    "param", entity_id "SCOPE/KEY/DATE", the row after (and for a
 *    correction the revision before) as JSON, and the reason.
 *
 * Thread-safety: as the store connection.
 */
#ifndef DIB_SVC_PARAMS_H
#define DIB_SVC_PARAMS_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/date.h"
#include "core/money.h"
#include "core/params.h"
#include "core/region.h"
#include "store/store.h"
#include "store/store_params.h"
#include "svc/authz.h"

#define PARAMS_DOCUMENT_MAX 60 /* characters of a 文件号 */
#define PARAMS_REASON_MAX 500  /* characters of a reason */

/* Where a value in force comes from. */
enum params_origin {
	PARAMS_ORIGIN_DEFAULT = 0, /* the catalogue's national default */
	PARAMS_ORIGIN_PROVINCE = 1,
	PARAMS_ORIGIN_CITY = 2,
	PARAMS_ORIGIN_COUNTY = 3,
};

/* "国家默认", "省", "市", "县"; "?" out of range. */
const char *params_origin_name(enum params_origin o);
/* "default", "province", "city", "county" (the API's codes). */
const char *params_origin_code(enum params_origin o);

/* A value in force with its provenance. */
struct params_effective {
	const params_def *def;
	params_value value;
	enum params_origin origin;
	char scope[REGION_LEN + 1]; /* "" for the default */
	dib_date effective_from;    /* year 0 for the default */
	int revision;
	dib_date decided_on;        /* year 0 when none */
	const char *document;       /* allocated in the call's arena; NULL when none */
};

/* The value of key in force on date on for region (a county, given as 6 or
 * 12 digits; a township or village code means its county; a city or
 * province code resolves over its own scopes only). For the rules
 * (amounts, deadlines): no authorisation. Each call is one query: a batch
 * job reads its parameters once per county and run, never per row.
 * DIB_EINVAL for an unknown key
 * or a malformed region; DIB_EDB when a stored value does not fit the
 * catalogue. *out untouched on error. */
dib_code params_get(struct store *s, const char *region, const char *key, dib_date on,
		    params_value *out, dib_err *err);

/* params_get with where the value comes from; strings allocated in a. */
dib_code params_resolve(struct store *s, const char *region, const char *key, dib_date on,
			dib_arena *a, struct params_effective *out, dib_err *err);

/* The rounding rule of the pair "<prefix>_unit" / "<prefix>_mode" in force
 * (prefix "amount.rounding" or "standard.rural_monthly_rounding"). */
dib_code params_rounding(struct store *s, const char *region, const char *prefix,
			 dib_date on, money_rounding *out, dib_err *err);

/* Every key of the catalogue, in catalogue order, with its value in force
 * on date on for region (as params_get) and its provenance: *out is an
 * array of *n (= params_count()) allocated in a. Authorisation as above
 * (DIB_EPERM before the store is asked). */
dib_code params_list(struct store *s, const struct authz_subject *who, const char *region,
		     dib_date on, dib_arena *a, struct params_effective **out, size_t *n,
		     dib_err *err);

/* A value to set, as typed. */
struct params_set_req {
	const char *key;
	const char *value;      /* the shown form: "10" 元, "30%", "true", "half_up" … */
	const char *scope;      /* a province, city or county: 2, 4, 6 or 12 digits */
	const char *from;       /* "YYYY-MM-DD": in force from that day on */
	const char *decided_on; /* "YYYY-MM-DD" or NULL/"": not after today */
	const char *document;   /* 文件号, or NULL/"" */
	const char *reason;     /* required for a correction */
};

struct params_set_result {
	char scope[REGION_LEN + 1];
	int revision;           /* 0 for a new date */
	bool corrected;         /* a new revision of an existing date */
	params_value value;
};

/* Sets r's value (one transaction, one audit record; see the rules above)
 * on behalf of who (NULL: the command line) as actor, today being the
 * business date. DIB_EINVAL for an unknown key, a bad value, scope or
 * date, a missing reason for a correction, too long a text; DIB_EPERM;
 * DIB_ECONFLICT for a correction of a value already in force; DIB_EINVAL
 * when the scope is not in the regions table. */
dib_code params_set(struct store *s, const struct authz_subject *who, const char *actor,
		    const struct params_set_req *r, dib_date today,
		    struct params_set_result *out, dib_err *err);

/* One row of a key's history. */
struct params_record {
	store_param row;   /* as stored; strings allocated in the call's arena */
	params_value value;
	bool superseded;   /* a later revision of the same date corrected it */
};

/* The history of key in scope (a province, city or county), oldest first
 * (by date, then revision). Authorisation for reading as above. DIB_EINVAL
 * for an unknown key or a scope below county level. */
dib_code params_history(struct store *s, const struct authz_subject *who, const char *scope,
			const char *key, dib_arena *a, struct params_record **out, size_t *n,
			dib_err *err);

/* The reading rule of this file, shared with svc/standard.h: who (not
 * NULL) may read values of region when who has AUTHZ_REGION_READ and
 * region lies inside who's subtree or above who's own region. */
dib_code params_read_check(const struct authz_subject *who, const region_code *region,
			   dib_err *err);

#endif
