/*
 * household_list.h (svc) — the register's household list, search and
 * spreadsheet export on behalf of a user (GET /api/v1/households and
 * /api/v1/households/export): authorisation first, then the parameters,
 * then the store; http only passes the request's text on.
 *
 * Rules kept here:
 *  - authz_check AUTHZ_REGISTER_READ on the region searched: the user's
 *    own subtree (authz_scope) by default, or the `region` filter, which
 *    must lie inside it (else DIB_EPERM). Every count, page, search hit
 *    and export row is limited to that subtree by the store's filter, so
 *    nothing outside it can be listed, counted or exported; the 三员分立
 *    administrators (no AUTHZ_REGISTER_READ) get DIB_EPERM.
 *  - `q` is read by its shape (household_list_read_q): a full ID number
 *    (18 characters, or 15 digits upgraded as core/idcard.h does) finds
 *    the households where that person is an active member; 4–6 trailing
 *    ID characters find those with an active member whose ID ends so;
 *    any other text is a member's exact name or the exact 户编号, and
 *    when neither matches anything in the subtree, a part of the address.
 *    (Exact matches first keeps the common searches on indexes; the
 *    address is read only when they find nothing.)
 *  - ID numbers leave masked (core idcard_mask: 4101**********1234).
 *  - keyset pages ordered by household id; the cursor is the last id of
 *    the page as text, only ever a lower bound inside the same filter.
 *  - an export holds at most HOUSEHOLD_EXPORT_MAX households and writes
 *    one audit record "household.export" with the filter.
 *
 * Thread-safety: as the store connection.
 */
#ifndef DIB_SVC_HOUSEHOLD_LIST_H
#define DIB_SVC_HOUSEHOLD_LIST_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/date.h"
#include "core/idcard.h"
#include "store/store.h"
#include "store/store_hh_search.h"
#include "svc/authz.h"

#define HOUSEHOLD_LIST_DEFAULT_LIMIT 50
#define HOUSEHOLD_LIST_MAX_LIMIT 200
#define HOUSEHOLD_EXPORT_MAX 100000
#define HOUSEHOLD_Q_MAX 100 /* bytes of search text, after trimming */
#define HOUSEHOLD_CURSOR_MAX 24

/* The request's parameters as given (borrowed; NULL or "": not given). */
struct household_list_params {
	const char *q;            /* the search text, see above */
	const char *region;       /* a region code inside the user's subtree */
	const char *registration; /* "1" 城镇 or "2" 农村 */
	const char *limit;        /* 1–200; default 50 (the list only) */
	const char *cursor;       /* a next_cursor from before (the list only) */
};

/* The search text as read by its shape. */
struct household_q {
	/* STORE_HH_ALL (no text), STORE_HH_ID, STORE_HH_TAIL or STORE_HH_EXACT
	 * (the list falls back to STORE_HH_ADDRESS when EXACT finds nothing) */
	enum store_hh_kind kind;
	/* ID: the normalised 18 characters; TAIL: 4–6 characters, 'X' upper
	 * case; EXACT: the text without surrounding blanks */
	char text[HOUSEHOLD_Q_MAX + 1];
};

/* Reads q (NULL or blank: no text). today bounds the birth date of an ID
 * number. DIB_EINVAL with a Chinese message for text that is not UTF-8,
 * longer than HOUSEHOLD_Q_MAX bytes, or of the ID shape but not a valid ID
 * number (core idcard_parse's message: 校验码不正确 …). Pure. */
dib_code household_list_read_q(const char *q, dib_date today,
			       struct household_q *out, dib_err *err);

/* One page of the list. */
struct household_list_page {
	store_hh_item *items; /* n items in the caller's arena, ID numbers masked */
	size_t n;
	int64_t total;        /* every match in the subtree, not only this page */
	char next_cursor[HOUSEHOLD_CURSOR_MAX]; /* "" on the last page */
};

/* The page of households matching p that who may read. DIB_EPERM as above;
 * DIB_EINVAL (Chinese, naming the parameter) for a malformed q, region,
 * registration, limit or cursor — all checked before the store is asked.
 * Outputs untouched on error. */
dib_code household_list_query(struct store *s, const struct authz_subject *who,
			      const struct household_list_params *p, dib_date today,
			      dib_arena *a, struct household_list_page *out,
			      dib_err *err);

/* Writes every household matching p (limit and cursor are ignored) to
 * path as an xlsx workbook (via path.tmp, renamed when complete), one row
 * per household with the list's columns, ID numbers masked; then appends
 * the audit record "household.export" (actor who, the filter and the row
 * count in after_json). *rows gets the number of households written.
 * Checks as household_list_query; DIB_EINVAL "… 超过 100000 户 …" when
 * more match; DIB_EIO naming nothing but the export when the file cannot
 * be written. On error no export is left behind (path.tmp, and path once
 * renamed, are removed) and no audit record is written. */
dib_code household_list_export(struct store *s, const struct authz_subject *who,
			       const struct household_list_params *p, dib_date today,
			       const char *path, int64_t *rows, dib_err *err);

#endif
