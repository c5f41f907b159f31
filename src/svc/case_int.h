/*
 * case_int.h — what the files of svc/case share (case.c writes, case_read.c
 * reads, case_doc.c issues documents): the rules and calendar of a case's
 * county, the facts its workflow reads, and the document builder — which
 * svc/coverage.c shares for its notices. Private to svc/case*.c and
 * svc/coverage*.c.
 */
#ifndef DIB_SVC_CASE_INT_H
#define DIB_SVC_CASE_INT_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/calendar.h"
#include "core/workflow.h"
#include "store/store.h"
#include "store/store_case.h"
#include "svc/case.h"
#include "svc/case_rules.h"

#include <jansson.h>
#include "svc/svc_int.h"

/* The county's rules on a day and the working-day calendar, loaded once
 * per call (a list loads them once for all its rows). */
struct case__ctx {
	struct case_rules rules;
	calendar *cal;          /* owned; calendar_free by case__ctx_free */
	bool cal_ok;            /* the calendar could be read */
};

dib_code case__ctx_load(struct store *s, const char *county, dib_date on, dib_arena *a,
			struct case__ctx *out, dib_err *err);
void case__ctx_free(struct case__ctx *x);

/* The facts of stored case c (no record being entered) on today. */
void case__facts(const store_case *c, dib_date today, struct wf_facts *f);

/* The roles of who for the workflow (WF_ROLE_ALL for the command line). */
unsigned case__roles(const struct authz_subject *who);

/* The state of c (DIB_EDB when the stored code is unknown). */
dib_code case__state(const store_case *c, enum wf_state *out, dib_err *err);

/* The deadlines of c on today; a calendar that lacks a year leaves them
 * unknown (has_due false, *unknown true) rather than failing the read. */
void case__due(const store_case *c, const struct case__ctx *x, dib_date today,
	       struct wf_due *due, enum wf_urgency *urg, int *left, bool *unknown);

/* The username of the latest event of c with action a, or NULL. */
const char *case__doer(const store_case_event *ev, size_t n, enum wf_action a);

/* Issues document kind for case c (its state after the step already set)
 * inside the open transaction: the next number of the county, kind and
 * year, the frozen content JSON, the row. extra is the step's record (a
 * visit, an evaluation, the reason; may be NULL) merged into the content.
 * *id and *no (in a) get the new document's id and number. */
dib_code case__issue(struct store *s, const store_case *c, enum wf_doc kind,
		     const char *actor, dib_date today, const char *reason,
		     const char *extra_json, dib_arena *a, int64_t *id, const char **no,
		     dib_err *err);

/* The checklist codes as a JSON array text in a; DIB_EINVAL naming an
 * unknown or repeated code. */
dib_code case__missing_json(const char *const *codes, size_t n, dib_arena *a,
			    const char **out, dib_err *err);
/* The number of codes in such a JSON array (0 for NULL or malformed). */
int case__missing_count(const char *json);
/* The name of a checklist code; NULL when unknown. */
const char *case__checklist_name(const char *code);

/* The audit record "case.<action>" of a write (before NULL for the
 * opening). */
dib_code case__audit(struct store *s, const char *actor, const char *action,
		     const store_case *before, const store_case *after, const char *reason,
		     dib_err *err);


/* Whether program is one of the 低保 programs (dibao_urban, dibao_rural). */
bool case__program_ok(const char *program);

/* "城市低保" / "农村低保" for the program's code (the code itself otherwise). */
const char *case__program_name(const char *program);

/* Numbers and stores a document of kind (its code, e.g. "change_stop",
 * and the abbreviation of its number, "停") with content (doc_no and
 * issued_on are set in it here) inside the open transaction: the next
 * number of the county, kind and year, "延津民低停〔2026〕3号". case_id and
 * household_id may be 0. *id and *no (in a) get the document's id and
 * number. */
dib_code case__store_doc(struct store *s, const char *county, const char *kind,
			 const char *abbr, int64_t case_id, int64_t household_id, dib_date today,
			 const char *actor, json_t *content, dib_arena *a, int64_t *id,
			 const char **no, dib_err *err);

/* The county's full name ("延津县"); the code when unknown. */
const char *case__county_name(struct store *s, const char *county, dib_arena *a);


#endif
