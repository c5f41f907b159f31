/*
 * store_household.h — one household of the register and what hangs off
 * it: its row with the names of its village and township, its members
 * (memberships joined with persons), incomes, assets and disabilities; the
 * single-row writes of the register API (insert and update a household or
 * person, start, end a membership); and the household's history, read
 * from the audit log.
 *
 * The rules (who may, which values, one active household per person) are
 * svc/household.c's; this module only reads and writes rows, with the
 * same SQL on both engines. Writes run inside the caller's transaction.
 * The database backs the two rules that races could break: a person has
 * at most one active membership (index memberships_one_active) and a
 * household at most one active head (memberships_one_head); a write that
 * breaks either is DIB_ECONFLICT.
 *
 * Reads (store_household.c) and writes (store_household_write.c) share
 * this header.
 *
 * Thread-safety: as store.h — one connection, one thread at a time.
 */
#ifndef DIB_STORE_HOUSEHOLD_H
#define DIB_STORE_HOUSEHOLD_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/region.h"
#include "core/idcard.h"
#include "core/date.h"
#include "store/store.h"
#include "store/store_audit.h"

/* A household row. Strings are allocated in the arena of the read that
 * filled it; optional ones are NULL when empty. */
typedef struct store_household {
	int64_t id;
	char county[REGION_COUNTY_LEN + 1];
	const char *hh_no;                 /* 户编号 */
	char village_code[REGION_LEN + 1];
	const char *village_name;          /* read only: from regions; NULL if missing */
	char township_code[REGION_LEN + 1]; /* read only: the village's parent */
	const char *township_name;         /* read only */
	const char *address;
	int registration;                  /* 1 城镇 2 农村 */
	const char *bank_name, *bank_account, *account_name, *phone;
	const char *created_at, *updated_at; /* read only: UTC, set by the store */
} store_household;

/* A person row. */
typedef struct store_person {
	int64_t id;
	char county[REGION_COUNTY_LEN + 1]; /* county of the current household */
	char id_number[IDCARD_LEN + 1];
	const char *name;
	int sex;                       /* 1 男 2 女, from the ID number */
	char birth_date[DIB_DATE_STR]; /* "YYYY-MM-DD", from the ID number */
	int health, labour;
	const char *phone;             /* NULL when none */
	const char *created_at, *updated_at; /* read only */
} store_person;

/* A membership row: person_id belongs to household_id from start_date,
 * until end_date when ended. */
typedef struct store_membership {
	int64_t id;
	char county[REGION_COUNTY_LEN + 1];
	int64_t household_id, person_id;
	int relation;
	char start_date[DIB_DATE_STR];
	char end_date[DIB_DATE_STR];   /* "" while active */
	const char *end_reason;        /* NULL while active */
} store_membership;

/* A member as a household's page shows it. */
typedef struct store_member {
	store_membership m;
	store_person p;
	int age; /* whole years; not read from the database: svc fills it */
} store_member;

typedef struct store_income {
	int64_t id;
	int64_t person_id;             /* 0: the household as a whole */
	int kind;                      /* 1–5, core/codes.h enum codes_income */
	const char *item;
	int64_t monthly_fen;
	char period_from[DIB_DATE_STR], period_to[DIB_DATE_STR]; /* "" when open */
	const char *source;
} store_income;

typedef struct store_asset {
	int64_t id;
	int64_t person_id;             /* 0: the household as a whole */
	const char *kind;              /* deposit securities vehicle house business other */
	const char *description;
	int64_t value_fen;
	const char *source;
} store_asset;

typedef struct store_disability {
	int64_t person_id;
	int category, grade;
	const char *certificate_no;    /* NULL when none */
} store_disability;

/* Everything on a household's page. Arrays are allocated in the arena of
 * the read (NULL when empty). */
typedef struct store_household_detail {
	store_household hh;
	store_member *members;   /* active, the head first, then by relation */
	size_t nmembers;
	store_member *former;    /* ended memberships, the latest end first */
	size_t nformer;
	store_income *incomes;
	size_t nincomes;
	store_asset *assets;
	size_t nassets;
	store_disability *disabilities; /* of the active members */
	size_t ndisabilities;
} store_household_detail;

/* ---- reads (store_household.c) ---- */

/* Reads household id with its village's and township's names into *out
 * (strings in a). DIB_ENOTFOUND "户 (ID n) 不存在" when there is none;
 * *out untouched on error. */
dib_code store_household_get(struct store *s, int64_t id, dib_arena *a,
			     store_household *out, dib_err *err);

/* Reads the household and everything on its page (store_household_detail)
 * into *out. DIB_ENOTFOUND as store_household_get. */
dib_code store_household_detail_get(struct store *s, int64_t id, dib_arena *a,
				    store_household_detail *out, dib_err *err);

/* The id of the household numbered hh_no in county: *found false when none. */
dib_code store_household_find_no(struct store *s, const char *county,
				 const char *hh_no, int64_t *id, bool *found,
				 dib_err *err);

/* The active head (relation 1) of household_id: its person id in
 * *person_id and *found true, or *found false. */
dib_code store_household_head(struct store *s, int64_t household_id,
			      int64_t *person_id, bool *found, dib_err *err);

/* Reads person id into *out. DIB_ENOTFOUND "人员 (ID n) 不存在". */
dib_code store_person_get(struct store *s, int64_t id, dib_arena *a,
			  store_person *out, dib_err *err);

/* The person with this ID number (18 characters, normalised), if any. */
dib_code store_person_find_idno(struct store *s, const char *id_number,
				dib_arena *a, store_person *out, bool *found,
				dib_err *err);

/* The person's active membership, or else the one that ended last (by end
 * date, then id): *found false when the person never was a member. */
dib_code store_person_membership(struct store *s, int64_t person_id,
				 dib_arena *a, store_membership *out,
				 bool *found, dib_err *err);

/* Reads membership id. DIB_ENOTFOUND "成员关系 (ID n) 不存在". */
dib_code store_membership_get(struct store *s, int64_t id, dib_arena *a,
			      store_membership *out, dib_err *err);

/* The household's history: audit records of entity "household" with this
 * id, and of entity "person" for every person who ever was a member of it
 * (by memberships, ended ones included), newest (highest id) first, at
 * most limit (1–1000, else DIB_EINTERNAL) of them, into *rows (an array
 * of *n allocated in a, NULL when none). *more (may be NULL) tells whether
 * older records were left out. */
dib_code store_household_history(struct store *s, int64_t household_id,
				 int limit, dib_arena *a, store_audit_row **rows,
				 size_t *n, bool *more, dib_err *err);

/* ---- writes (store_household_write.c), inside the caller's transaction ---- */

/* Takes the row lock of household id until the transaction ends (an
 * UPDATE that changes nothing: PostgreSQL then serialises writers of one
 * household; SQLite's write transaction already does). *found false when
 * there is no such household. */
dib_code store_household_lock(struct store *s, int64_t id, bool *found,
			      dib_err *err);

/* The same for person id. */
dib_code store_person_lock(struct store *s, int64_t id, bool *found,
			   dib_err *err);

/* The next number of county's 户编号 sequence (1, 2, …), one per call,
 * kept in id_blocks under "hh_no:<county>" and created on first use; it is
 * first raised to floor when below it (so numbers imported or typed since
 * are passed over at once).
 * County is 6 digits (else DIB_EINTERNAL). A rolled-back transaction
 * gives its number back. The sequence knows nothing of numbers typed by
 * hand: callers check the 户编号 they compose (store_household_find_no). */
dib_code store_household_seq_next(struct store *s, const char *county,
				  int64_t floor, int64_t *seq, dib_err *err);

/* The greatest 户编号 of county between lo and hi (same length, compared
 * as text), copied into out (cap bytes); *found false when none. One
 * index lookup (households_county_no). */
dib_code store_household_no_max(struct store *s, const char *county,
				const char *lo, const char *hi, char *out,
				size_t cap, bool *found, dib_err *err);

/* Inserts h (its id, created_at, updated_at and the read-only names are
 * ignored): reserves an id ('household') and stamps both times with now.
 * *id gets the new id. DIB_ECONFLICT "户编号 \"…\" 已存在" when the county
 * already has this 户编号. */
dib_code store_household_insert(struct store *s, const store_household *h,
				int64_t *id, dib_err *err);

/* Writes every field of h (by h->id) but the id, created_at and the
 * read-only names, and stamps updated_at. DIB_ENOTFOUND when there is no
 * such household; DIB_ECONFLICT for a 户编号 taken in the county. */
dib_code store_household_update(struct store *s, const store_household *h,
				dib_err *err);

/* Inserts p (id and times ignored); *id gets the new id ('person').
 * DIB_ECONFLICT "身份证号码 \"…\" 已登记" for an ID number already there. */
dib_code store_person_insert(struct store *s, const store_person *p,
			     int64_t *id, dib_err *err);

/* Writes every field of p (by p->id) but id and created_at; stamps
 * updated_at. DIB_ENOTFOUND, or DIB_ECONFLICT as store_person_insert. */
dib_code store_person_update(struct store *s, const store_person *p,
			     dib_err *err);

/* Inserts an active membership m (id, end_date and end_reason ignored);
 * *id gets the new id ('membership'). DIB_ECONFLICT
 * "该人员已是其他户的成员" when the person has an active membership,
 * "该户已有户主" for a second active head. */
dib_code store_membership_insert(struct store *s, const store_membership *m,
				 int64_t *id, dib_err *err);

/* Ends active membership id on end_date ("YYYY-MM-DD", not before its
 * start: DIB_EINVAL) with reason. DIB_ECONFLICT "该成员关系已结束" when it
 * is not active (or does not exist). */
dib_code store_membership_end(struct store *s, int64_t id, const char *end_date,
			      const char *reason, dib_err *err);

#endif
