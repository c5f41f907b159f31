/*
 * coverage_int.h — what svc/coverage.c and coverage_events.c share: who
 * may decide, the audit record, and the refusal count over stored offers.
 * Private to svc/coverage*.c.
 */
#ifndef DIB_SVC_COVERAGE_INT_H
#define DIB_SVC_COVERAGE_INT_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/coverage.h"
#include "store/store_coverage.h"
#include "svc/authz.h"
#include "svc/case_rules.h"

#include <jansson.h>

/* who may decide changes on a household of village under rules (county
 * approvers; township reviewers too where confirmation is delegated). */
dib_code coverage__decider(const struct authz_subject *who, const char *village,
			   const struct case_rules *rules, dib_err *err);

/* The audit record action/entity id with after (not taken over). */
dib_code coverage__audit(struct store *s, const char *county, const char *actor,
			 const char *action, const char *entity, int64_t id, json_t *after,
			 const char *reason, dib_err *err);

/* cov_work_refusal over stored offers on decided. */
dib_code coverage__refusals(const store_offer *offers, size_t n, dib_date decided,
			    const struct cov_params *p, dib_arena *a, struct cov_refusal *out,
			    dib_err *err);

#endif
