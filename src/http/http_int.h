/*
 * http_int.h — what the files of src/http share: the application state
 * passed to libmicrohttpd as its closure (struct dib_app), the per-request
 * state (struct http_req), the one handler signature, the route table, the
 * metrics and the connection pool. Internal to src/http.
 *
 * Thread-safety: struct dib_app is shared by all worker threads: its config
 * is read-only after start, the metrics and the pool guard themselves with
 * a mutex. A struct http_req belongs to the worker thread serving it.
 */
#ifndef DIB_HTTP_INT_H
#define DIB_HTTP_INT_H

#include "util/dib.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/log.h"
#include "core/date.h"
#include "http/http.h"
#include "svc/authz.h"
#include "svc/payroll.h"

#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>
#include <time.h>

struct store;
struct session_info;
struct store_audit_row;
struct store_program;

/* ---- database connections: one per worker thread ---- */

struct http_pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct store **free; /* stack of idle connections */
	size_t nfree;
	size_t n;            /* connections owned */
	struct store **all;  /* every connection, for closing */
};

/* Opens n connections to url (schema required). On failure none is left open. */
dib_code http__pool_init(struct http_pool *p, const char *url, size_t n, dib_err *err);
/* Takes an idle connection, waiting while all are in use. Never NULL. */
struct store *http__pool_get(struct http_pool *p);
/* Gives s back. */
void http__pool_put(struct http_pool *p, struct store *s);
/* Closes every connection; all must have been given back. p may be zeroed. */
void http__pool_release(struct http_pool *p);

/* ---- metrics (Prometheus text at /metrics) ---- */

#define HTTP_METRIC_SERIES 256 /* distinct (route, method, status); more fold into the last */
#define HTTP_LATENCY_BUCKETS 11

struct http_series {
	int route;     /* index into the route names, see http__route_name */
	int method;    /* index into http__methods */
	int status;
	uint64_t count;
};

struct http_metrics {
	pthread_mutex_t mu;
	struct http_series series[HTTP_METRIC_SERIES];
	size_t nseries;
	/* latency histogram per route: counts per bucket (non-cumulative),
	 * then +Inf, with the sum of seconds */
	uint64_t (*buckets)[HTTP_LATENCY_BUCKETS + 1];
	double *sum_s;
	int nroutes;
	uint64_t db_ns; /* time spent in database work by handlers */
};

extern const double http__latency_bounds[HTTP_LATENCY_BUCKETS];

dib_code http__metrics_init(struct http_metrics *m, int nroutes, dib_err *err);
void http__metrics_release(struct http_metrics *m);
void http__metrics_request(struct http_metrics *m, int route, int method,
			   int status, uint64_t ns);
void http__metrics_db(struct http_metrics *m, uint64_t ns);
/* Appends the Prometheus text exposition to out. */
dib_code http__metrics_render(struct http_metrics *m, dib_buf *out);

/* ---- the application: the MHD closure ---- */

struct dib_app {
	/* read-only after start */
	const dib_log *log;
	size_t body_max;
	char *web_root;  /* realpath of the web directory, or NULL when not built */
	size_t web_root_len;
	/* addresses only: the URI callback hands one of them to the access
	 * handler to say whether the raw path looked like an encoded traversal */
	char tag_ok, tag_bad;
	bool secure_cookie; /* add "; Secure" to the session cookie */
	/* self-guarded */
	struct http_metrics metrics;
	struct http_pool pool;
};

/* ---- one request ---- */

#define HTTP_MAX_PARAMS 4

struct http_req;

/* Every handler has this signature: it queues exactly one response through
 * the http__send_* functions and returns what they return. */
typedef enum MHD_Result (*http_handler)(struct http_req *r);

struct http_req {
	struct dib_app *app;
	struct MHD_Connection *conn;
	dib_arena arena;        /* request lifetime: freed in the completed callback */
	const char *method;     /* borrowed from MHD until completion */
	const char *path;       /* decoded by MHD, borrowed until completion */
	int method_ix;          /* index into http__methods */
	int route;              /* index for metrics and the log */
	http_handler fn;        /* NULL: no route (see wrong_method) */
	bool wrong_method;      /* the path exists with another method */
	const char *params[HTTP_MAX_PARAMS]; /* {name} segments, allocated in arena */
	int nparams;
	dib_buf body;           /* capped at app->body_max */
	bool too_big;
	bool bad_path;          /* percent-encoded '.', '/', '\\' or NUL in the raw path */
	bool started;           /* the access handler has seen this request */
	int status;             /* sent status; 0 until a response is queued */
	/* set by the dispatcher on routes that need a session (allocated in
	 * the arena): who is asking, and the token from the cookie */
	struct session_info *session;
	const char *token;
	const char *set_cookie; /* a Set-Cookie header for the next response, or NULL */
	struct timespec t0;
};

/* What a route asks of a request before its handler runs; checked in one
 * place, http__dispatch, never in the handlers. */
enum http_guard {
	HTTP_PUBLIC = 0,       /* anyone */
	HTTP_SESSION,          /* a valid session cookie (reads) */
	HTTP_SESSION_CSRF,     /* a session and X-CSRF-Token equal to its CSRF
				  token: every state-changing request */
};

struct http_route {
	const char *method;  /* "GET", "POST", … */
	const char *pattern; /* "/api/v1/cases/{id}": {x} matches one segment */
	http_handler fn;
	enum http_guard guard;
	bool before_change;  /* allowed while the initial password must still be changed */
	bool no_head;        /* a GET that writes an audit record (exports): HEAD
				is 405, so it never runs without its answer being sent */
	bool upload;         /* takes a file as its body (a bank's return): up
				to HTTP_UPLOAD_MAX instead of the JSON cap */
};

/* The body cap of an upload route: a county's return file of 100 000
 * lines is about 8 MiB. */
#define HTTP_UPLOAD_MAX ((size_t)64 << 20)

/* The table row of route index route (as in r->route), or NULL for the
 * pseudo routes. */
const struct http_route *http__route_get(int route);

/* What the dispatcher decides for a request to rt (not NULL). */
enum http_verdict {
	HTTP_GO = 0,          /* run the handler */
	HTTP_NO_SESSION,      /* 401 EAUTH */
	HTTP_BAD_CSRF,        /* 403 EPERM "缺少或无效的 CSRF 令牌" */
	HTTP_MUST_CHANGE,     /* 403 EPERM "请先修改初始密码" */
};

/* The guard rules as a pure function, for the dispatcher and its tests:
 * has_session whether the cookie named a valid session, must_change its
 * flag, csrf_ok whether the header matched its CSRF token. */
enum http_verdict http__guard_verdict(const struct http_route *rt, bool has_session,
				      bool must_change, bool csrf_ok);

/* Runs the route's guard (session, CSRF, forced password change), then
 * its handler; answers 401/403 itself when the guard refuses. */
enum MHD_Result http__dispatch(struct http_req *r);

/* Method names for metrics; anything else counts as "OTHER" (last). */
extern const char *const http__methods[];
int http__method_ix(const char *method);

/* Route names for metrics: the patterns of the table, then the pseudo
 * routes below. */
enum { HTTP_ROUTE_STATIC = 0, HTTP_ROUTE_NOTFOUND = 1, HTTP_ROUTE_BAD = 2 };
int http__route_count(void);
const char *http__route_name(int route);

/* Finds the route for (method, path): returns its handler and sets
 * r->route and r->params, or NULL with r->route set to a pseudo route. A
 * path that matches with another method sets *wrong_method. */
http_handler http__route_find(struct http_req *r, bool *wrong_method);

/* True when the decoded path is safe to map onto files: it starts with '/',
 * and no segment is "." or "..", and it holds no backslash or control
 * character. */
bool http__path_ok(const char *path);
/* True when the raw request target (before decoding, up to '?') holds a
 * percent-encoded '.', '/', '\\' or NUL — the encodings used to smuggle a
 * traversal past a decoded-path check. */
bool http__raw_path_suspicious(const char *raw);

/* ---- answers (json.c) ---- */

/* Sends j (not consumed) as the JSON body with status. */
enum MHD_Result http__send_json(struct http_req *r, unsigned status, const json_t *j);
/* Sends {"error":{"code":NAME,"message":MSG}} with dib_code_http(err->code);
 * MSG is err->msg or, when empty, the table's text. err->detail is logged,
 * never sent. */
enum MHD_Result http__send_error(struct http_req *r, const dib_err *err);
/* As http__send_error for a code and an optional message (NULL: the table's). */
enum MHD_Result http__send_code(struct http_req *r, dib_code code, const char *msg);
/* Sends a body (copied into the request arena) with a content type. */
enum MHD_Result http__send_text(struct http_req *r, unsigned status,
				const char *ctype, const char *body, size_t len);
/* Queues resp (destroyed here) with status and records the status. */
enum MHD_Result http__queue(struct http_req *r, unsigned status, struct MHD_Response *resp);

/* Reads the request body as a JSON object whose members are exactly the
 * given fields (all required, all strings): invalid UTF-8, invalid JSON,
 * duplicate keys, a non-object, an unknown or missing field or a wrong type
 * are DIB_EINVAL with a Chinese message. vals[i] gets fields[i], borrowed
 * from *doc (the caller json_decref's it). */
dib_code http__read_fields(struct http_req *r, const char *const *fields, size_t n,
			   json_t **doc, const char **vals, dib_err *err);

/* Parses the body as a JSON object into *doc (the caller json_decref's
 * it): invalid UTF-8, invalid JSON, duplicate keys or a non-object are
 * DIB_EINVAL with a Chinese message (never quoting the body). */
dib_code http__read_body(struct http_req *r, json_t **doc, dib_err *err);

/* Typed fields of a request body (json_fields.c). */
enum http_ftype {
	HTTP_F_STRING,
	HTTP_F_INT,     /* a JSON integer: "3" and 3.0 are wrong types */
	HTTP_F_BOOL,
	HTTP_F_OBJECT,  /* a nested object, checked by its own field list */
	HTTP_F_STRINGS, /* an array of strings */
};
enum {
	HTTP_F_REQUIRED = 1u << 0, /* absent is "缺少字段" */
	HTTP_F_NULLABLE = 1u << 1, /* null is allowed (clears an optional value) */
};
struct http_field {
	const char *name;
	enum http_ftype type;
	unsigned flags;
};

/* Checks that obj is an object whose members are among f[0..n) with the
 * right types and that every required one is there. vals[i] gets f[i]'s
 * member (borrowed from obj), JSON null when given as null, or NULL when
 * absent. where prefixes field names in messages ("head." for a nested
 * object; NULL at the top). DIB_EINVAL naming the field otherwise. */
dib_code http__check_fields(const json_t *obj, const char *where,
			    const struct http_field *f, size_t n, json_t **vals,
			    dib_err *err);
/* http__read_body, then http__check_fields at the top level. */
dib_code http__read_object(struct http_req *r, const struct http_field *f, size_t n,
			   json_t **doc, json_t **vals, dib_err *err);
/* The string of v, or NULL when v is NULL, null or not a string. */
const char *http__json_str(const json_t *v);

/* A private temporary file for an export (download.c): its name into
 * path (cap bytes). DIB_EIO in Chinese when it cannot be made. */
dib_code http__export_file(char *path, size_t cap, dib_err *err);
/* Sends the xlsx at path (unlinked here, whatever happens) with a
 * Content-Disposition header. */
enum MHD_Result http__send_xlsx(struct http_req *r, const char *path,
				const char *disposition);

/* One audit record as the API shows it (h_audit.c): the auditor's log and
 * a household's history alike; hashes left out. NULL on no memory. */
json_t *http__audit_json(const struct store_audit_row *e);

/* The business date of a request: the day in China Standard Time (or the
 * one DIB_TODAY fixes). Here, not in each handler, so every
 * handler dates its work the same way. */
dib_date http__today(void);

/* ---- small translations shared by the handlers (json.c) ---- */

/* s as a record id: 1–18 decimal digits, not 0 (no sign, no spaces).
 * False for NULL or anything else; *out is set only when the digits are
 * well formed (then also for 0, which is still false). */
bool http__parse_id(const char *s, int64_t *out);
/* The path's {x} parameter number i (0 the first) as a record id
 * (http__parse_id); false when there is no such parameter. */
bool http__path_id(const struct http_req *r, int i, int64_t *out);
/* Sends 404 ENOTFOUND "<what> \"<the path's first parameter>\" 不存在"
 * (quoted as dib_err_quote does): the answer to an id that names nothing
 * or is not an id. */
enum MHD_Result http__no_such(struct http_req *r, const char *what);
/* Sends j (consumed) with status; MHD_NO when j is NULL (no memory), so a
 * handler can pass json_pack's result straight on. */
enum MHD_Result http__send_owned(struct http_req *r, unsigned status, json_t *j);
/* Appends v (consumed) to *arr. On failure (v or *arr NULL, no memory)
 * releases both, sets *arr NULL and returns false: a loop can go on and
 * the caller checks *arr once. */
bool http__push(json_t **arr, json_t *v);
/* The strings of a JSON array already checked as HTTP_F_STRINGS, as an
 * array allocated in the request arena, borrowed from the array's
 * document; *n their number (*out NULL when 0). DIB_ENOMEM. */
dib_code http__strings_of(struct http_req *r, const json_t *arr, const char *const **out,
			  size_t *n, dib_err *err);
/* A JSON integer (type already checked) as an int: DIB_EINVAL "字段 \"name\"
 * 超出范围" when it does not fit. The range of each number is svc's. */
dib_code http__int_of(const json_t *v, const char *name, int *out, dib_err *err);
/* The programs (code, Chinese name) for an answer, read on s in the
 * request arena; NULL with *n 0 when they cannot be read: an answer still
 * carries the codes, only their names are null. */
const struct store_program *http__programs(struct http_req *r, struct store *s, size_t *n);
/* The name of program code among p[0..n); NULL when not there. */
const char *http__program_name(const struct store_program *p, size_t n, const char *code);

/* ---- one handler's call into svc (call.c) ---- */

/* What a handler's call into svc needs, on the handler's stack:
 *   http__call_init → [http__call_read] → http__call_begin → svc(c.s, &c.who,
 *   …, &c.err) → http__call_end, or http__call_fail to answer c.err.
 * The connection is taken as late as possible (after the body is read and
 * checked) and given back as early as possible (before the answer is
 * built), and its time is counted in the metrics. */
struct http_call {
	struct authz_subject who; /* the session's user (borrowed from r->session) */
	dib_err err;
	json_t *doc;              /* the body read by http__call_read, or NULL; the
				     strings of its values are borrowed until
				     http__call_end */
	struct store *s;          /* the connection from begin to end, else NULL */
	uint64_t t0;              /* when s was taken */
};

/* Sets c up for r: who from r->session, err clear, no body, no connection. */
void http__call_init(struct http_req *r, struct http_call *c);
/* http__read_object into c->doc and vals; the error is in c->err. */
dib_code http__call_read(struct http_req *r, struct http_call *c, const struct http_field *f,
			 size_t n, json_t **vals);
/* Takes a pooled connection (waiting while all are in use) into c->s and
 * starts its clock; returns c->s. */
struct store *http__call_begin(struct http_req *r, struct http_call *c);
/* Gives c->s back and counts its time (when begun); c->doc stays, for an
 * answer that quotes the body. May be called again: it does nothing then. */
void http__call_put(struct http_req *r, struct http_call *c);
/* http__call_put, and releases c->doc. May be called again. */
void http__call_end(struct http_req *r, struct http_call *c);
/* http__call_end, then answers c->err (http__send_error). */
enum MHD_Result http__call_fail(struct http_req *r, struct http_call *c);

/* The query parameter name, or NULL when absent or empty (borrowed from
 * MHD until the request completes). */
const char *http__arg(struct http_req *r, const char *name);
/* Whether the query parameter name is "1" or "true". */
bool http__arg_flag(struct http_req *r, const char *name);
/* An id that 0 stands for "none" as JSON: the number, or null. */
json_t *http__id_or_null(int64_t id);

/* ---- handlers ---- */
enum MHD_Result http__h_households(struct http_req *r);
enum MHD_Result http__h_households_export(struct http_req *r);
enum MHD_Result http__h_stats_register(struct http_req *r);
enum MHD_Result http__h_codes(struct http_req *r);
enum MHD_Result http__h_household_get(struct http_req *r);
enum MHD_Result http__h_household_history(struct http_req *r);
enum MHD_Result http__h_household_create(struct http_req *r);
enum MHD_Result http__h_household_update(struct http_req *r);
enum MHD_Result http__h_household_add_member(struct http_req *r);
enum MHD_Result http__h_person_update(struct http_req *r);
enum MHD_Result http__h_membership_end(struct http_req *r);
enum MHD_Result http__h_membership_move(struct http_req *r);
enum MHD_Result http__h_audit_export(struct http_req *r);
enum MHD_Result http__h_users_list(struct http_req *r);
enum MHD_Result http__h_users_create(struct http_req *r);
enum MHD_Result http__h_user_update(struct http_req *r);
enum MHD_Result http__h_user_password(struct http_req *r);
enum MHD_Result http__h_health(struct http_req *r);
enum MHD_Result http__h_metrics(struct http_req *r);
enum MHD_Result http__h_static(struct http_req *r);
enum MHD_Result http__h_session_login(struct http_req *r);
enum MHD_Result http__h_session_get(struct http_req *r);
enum MHD_Result http__h_session_logout(struct http_req *r);
enum MHD_Result http__h_session_password(struct http_req *r);
enum MHD_Result http__h_regions(struct http_req *r);
enum MHD_Result http__h_audit(struct http_req *r);
enum MHD_Result http__h_standards_list(struct http_req *r);
enum MHD_Result http__h_standards_set(struct http_req *r);
enum MHD_Result http__h_params_list(struct http_req *r);
enum MHD_Result http__h_param_history(struct http_req *r);
enum MHD_Result http__h_param_set(struct http_req *r);
enum MHD_Result http__h_cases(struct http_req *r);
enum MHD_Result http__h_case_open(struct http_req *r);
enum MHD_Result http__h_case_get(struct http_req *r);
enum MHD_Result http__h_case_act(struct http_req *r);
enum MHD_Result http__h_case_document(struct http_req *r);
enum MHD_Result http__h_case_checklist(struct http_req *r);
enum MHD_Result http__h_household_coverage(struct http_req *r);
enum MHD_Result http__h_coverage_change(struct http_req *r);
enum MHD_Result http__h_coverage_reasons(struct http_req *r);
enum MHD_Result http__h_person_death(struct http_req *r);
enum MHD_Result http__h_coverage_reviews(struct http_req *r);
enum MHD_Result http__h_coverage_review_close(struct http_req *r);
enum MHD_Result http__h_payroll_programs(struct http_req *r);
enum MHD_Result http__h_payroll_runs(struct http_req *r);
enum MHD_Result http__h_payroll_build(struct http_req *r);
enum MHD_Result http__h_payroll_run(struct http_req *r);
enum MHD_Result http__h_payroll_lines(struct http_req *r);
enum MHD_Result http__h_payroll_submit(struct http_req *r);
enum MHD_Result http__h_payroll_rebuild(struct http_req *r);
enum MHD_Result http__h_payroll_send_back(struct http_req *r);
enum MHD_Result http__h_payroll_approve(struct http_req *r);
enum MHD_Result http__h_payroll_cancel(struct http_req *r);
enum MHD_Result http__h_payroll_templates(struct http_req *r);
enum MHD_Result http__h_payroll_template_add(struct http_req *r);
enum MHD_Result http__h_payroll_template_delete(struct http_req *r);
enum MHD_Result http__h_payroll_export(struct http_req *r);
enum MHD_Result http__h_payroll_bank_file(struct http_req *r);
enum MHD_Result http__h_payroll_return(struct http_req *r);
enum MHD_Result http__h_payroll_failed(struct http_req *r);
enum MHD_Result http__h_payroll_reissue(struct http_req *r);
enum MHD_Result http__h_payroll_reconciliation(struct http_req *r);
enum MHD_Result http__h_payroll_reconcile(struct http_req *r);
enum MHD_Result http__h_household_payments(struct http_req *r);
enum MHD_Result http__h_payroll_arrears(struct http_req *r);
enum MHD_Result http__h_payroll_roster_xlsx(struct http_req *r);
enum MHD_Result http__h_payroll_ledger_xlsx(struct http_req *r);
enum MHD_Result http__h_payroll_overpayments(struct http_req *r);
enum MHD_Result http__h_payroll_overpayment_add(struct http_req *r);
enum MHD_Result http__h_payroll_overpayment(struct http_req *r);
enum MHD_Result http__h_payroll_repayment(struct http_req *r);
enum MHD_Result http__h_payroll_overpayment_plan(struct http_req *r);
enum MHD_Result http__h_payroll_overpayment_waive(struct http_req *r);
/* An overpayment as the API shows it (h_payroll_recover.c): for its own
 * routes and a household's account. NULL on no memory. */
json_t *http__overpayment_json(const store_overpayment_row *x, const char *program_name);
/* Shared by h_payroll.c and h_payroll_pay.c: a run as GET /payroll/runs/{id}
 * answers it, on c's connection (begun; given back here) with extra's
 * members added (extra consumed; NULL none); a line; control totals. */
enum MHD_Result http__payroll_view(struct http_req *r, struct http_call *c, unsigned status,
				   int64_t id, json_t *extra);
json_t *http__payroll_line_json(const store_payroll_line *l);
json_t *http__payroll_totals_json(const store_payroll_totals *t);
enum MHD_Result http__h_person_work_offer(struct http_req *r);
enum MHD_Result http__h_household_assessment(struct http_req *r);

#endif
