/*
 * store_staff.h — the register of bureau staff and village committee
 * members (近亲属备案, regulations.md §1.5, table staff_register of schema
 * v7): insert, end a registration, list a region subtree, and the link
 * query that finds registered people tied to an applicant household by ID
 * number or by a household they share or shared with one of its members.
 *
 * The rules (valid ID number, kind, region level, who may) are
 * svc/staff.c's; whether two members of a household are close relatives
 * is core/kinship.h's. This module only reads and writes rows, with the
 * same SQL on both engines. Writes run inside the caller's transaction.
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#ifndef DIB_STORE_STAFF_H
#define DIB_STORE_STAFF_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/region.h"
#include "core/idcard.h"
#include "core/date.h"
#include "store/store.h"

/* One registration. Strings are allocated in the arena of the read that
 * filled it; optional ones are NULL when empty. */
typedef struct store_staff {
	int64_t id;
	char county[REGION_COUNTY_LEN + 1]; /* county of region_code */
	char id_number[IDCARD_LEN + 1];
	const char *name;
	const char *kind;                  /* "bureau" or "committee" */
	char region_code[REGION_LEN + 1];  /* the office's or the committee's region */
	const char *region_name;           /* read only: from regions; NULL if missing */
	const char *position;              /* 职务, e.g. "社会救助股"; NULL when none */
	char from_date[DIB_DATE_STR];      /* "YYYY-MM-DD" */
	char to_date[DIB_DATE_STR];        /* "" while in force without end */
	const char *created_at;            /* read only: UTC, set by the store */
} store_staff;

/* Inserts st inside the open transaction (else DIB_EINTERNAL): its id
 * comes from id_blocks ('staff'), created_at is now. *id (may be NULL) gets
 * the new id. DIB_ECONFLICT when the region does not exist; DIB_EINVAL for
 * a kind the table's CHECK refuses. */
dib_code store_staff_insert(struct store *s, const store_staff *st, int64_t *id,
			    dib_err *err);

/* Reads registration id into *out (strings in a). DIB_ENOTFOUND naming
 * the id when there is none; *out untouched on error. */
dib_code store_staff_get(struct store *s, int64_t id, dib_arena *a,
			 store_staff *out, dib_err *err);

/* Sets to_date of registration id when it has none yet. *changed (may be
 * NULL) says whether a row was changed (false: no such id, or already
 * ended). DIB_EINVAL when to_date is before from_date (the CHECK). */
dib_code store_staff_end(struct store *s, int64_t id, const char *to_date,
			 bool *changed, dib_err *err);

/* The registrations whose region lies in the subtree of root (12 digits,
 * any level; NULL for all), ordered by region code and id; when on is not NULL only
 * those in force on that date ("YYYY-MM-DD"). *out is an array of *n
 * allocated in a (NULL when none). DIB_EINTERNAL for a malformed root. */
dib_code store_staff_list(struct store *s, const char *root, const char *on,
			  dib_arena *a, store_staff **out, size_t *n, dib_err *err);

/* A registered person tied to an active member of the household asked
 * about. */
typedef struct store_staff_link {
	int64_t member_person_id;              /* M, an active member of the household */
	const char *member_name;
	char member_id_number[IDCARD_LEN + 1];
	/* The household M and the registered person share or shared (for
	 * self, the household asked about) and their relations to its head
	 * in it (codes of CODES_RELATION). */
	int64_t household_id;
	const char *hh_no;                     /* 户编号 */
	int member_relation;
	int staff_relation;
	bool self;                             /* the registered person is M */
	bool current;                          /* both memberships are active (or self) */
	store_staff staff;                     /* region_name and created_at not read */
} store_staff_link;

/* For household household_id and date on ("YYYY-MM-DD"): every pair of an
 * active member M and a registration S in force on that date (from_date
 * <= on, to_date NULL or >= on) such that the person with S's ID number
 * and M are, or were, members of one household — any membership of
 * either, current or ended (self false) — and every registration with M's
 * own ID number (self true). One row per (M, S, shared household, the two
 * relations); ordered by M, S and household. *out is an array of *n in a
 * (NULL when none). An unknown household gives no rows. */
dib_code store_staff_links(struct store *s, int64_t household_id, const char *on,
			   dib_arena *a, store_staff_link **out, size_t *n,
			   dib_err *err);

#endif
