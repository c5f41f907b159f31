/*
 * store_hh_search.h — the household list and search of the register: one
 * filter (a region subtree, a registration, one kind of search text) read
 * as a count, as keyset pages ordered by household id, and as its query
 * plan.
 *
 * The region subtree is the whole of the scope rule: every statement
 * starts from it, so no count, page or search hit ever leaves it. The
 * caller (svc/household_list.c) has already decided, with svc/authz.h,
 * that the user may read that subtree; this module only narrows.
 *
 * The SQL text is composed of fixed fragments and of digits made here
 * (the subtree's range, the registration); the search text is always a
 * bound parameter. Searches:
 *  - STORE_HH_ID      households with that person (18-character ID) as an
 *                     active member; persons_id_number.
 *  - STORE_HH_TAIL    an active member whose ID ends with 4–6 characters;
 *                     through the expression index persons_id_tail on
 *                     substr(id_number, 13, 6) (migration 0004): a 6-char
 *                     tail is one key, a 5-char tail 4 keys ('0'–'3' for
 *                     the day's first digit), a 4-char tail 32 keys (days
 *                     00–31). Exact for every stored number, since all are
 *                     checked ID numbers whose day is 01–31.
 *  - STORE_HH_EXACT   a member's exact name or the exact 户编号 (indexes
 *                     persons_name and households_no).
 *  - STORE_HH_ADDRESS a part of the address: LIKE '%text%' with the text's
 *                     % and _ escaped, so they match themselves. This
 *                     reads every household of the subtree.
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#ifndef DIB_STORE_HH_SEARCH_H
#define DIB_STORE_HH_SEARCH_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "store/store.h"

enum store_hh_kind {
	STORE_HH_ALL = 0, /* no search text */
	STORE_HH_ID,
	STORE_HH_TAIL,
	STORE_HH_EXACT,
	STORE_HH_ADDRESS,
};

/* Largest page store_hh_search_page returns. */
#define STORE_HH_PAGE_MAX 1000

typedef struct store_hh_filter {
	/* The subtree: a valid region code (12 digits, or a shorter form core
	 * region_parse accepts); required. */
	const char *root;
	int registration; /* 0 any, 1 城镇, 2 农村 */
	enum store_hh_kind kind;
	/* The search text for kind (borrowed; unused for STORE_HH_ALL):
	 * ID the normalised 18 characters; TAIL 4–6 of [0-9], the last may be
	 * 'X' (upper case); EXACT and ADDRESS the text as typed (UTF-8). */
	const char *text;
} store_hh_filter;

/* One household as the list shows it. Strings allocated in the caller's
 * arena; NULL where the database has none. */
typedef struct store_hh_item {
	int64_t id;
	const char *hh_no;
	const char *county;         /* 6 digits */
	const char *village_code;   /* 12 digits */
	const char *village_name;
	const char *township_name;  /* the village's parent; NULL when none */
	const char *address;
	int registration;           /* 1 城镇 2 农村 */
	const char *head_name;      /* the active member with relation 1 (户主);
				       NULL when the household has none */
	const char *head_id_number; /* in full: the caller masks it */
	int64_t members;            /* active members */
} store_hh_item;

/* The number of households matching f into *total. DIB_EINTERNAL for a
 * malformed filter (see store_hh_filter); DIB_EDB. */
dib_code store_hh_search_count(struct store *s, const store_hh_filter *f,
			       int64_t *total, dib_err *err);

/* The households matching f with an id above after_id (0: from the start),
 * ascending, at most limit (1–STORE_HH_PAGE_MAX) into *items (an array of
 * *n allocated in a; NULL when none). *more (may be NULL) tells whether
 * further households match after the last one returned, so the caller
 * pages with after_id = the last id. The filter applies to every page: an
 * after_id only moves the start. DIB_EINTERNAL for a malformed filter or
 * limit; DIB_EDB. Outputs untouched on error. */
dib_code store_hh_search_page(struct store *s, const store_hh_filter *f,
			      int64_t after_id, int limit, dib_arena *a,
			      store_hh_item **items, size_t *n, bool *more,
			      dib_err *err);

/* The engine's plan for the page query of f, one line per plan row joined
 * by '\n' (allocated in a): SQLite's EXPLAIN QUERY PLAN details,
 * PostgreSQL's EXPLAIN text. For tests and for measuring. */
dib_code store_hh_search_explain(struct store *s, const store_hh_filter *f,
				 dib_arena *a, const char **plan, dib_err *err);

#endif
