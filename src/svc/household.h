/*
 * household.h (svc) — one household of the register on behalf of a user:
 * read it (with members, incomes, assets, disabilities) and its history;
 * create it with its head, change it, add a member, change a person, end a
 * membership, move a member to another household. The HTTP API
 * (docs/api.md, "One household" and "Writing") is a thin layer over this.
 *
 * Rules kept here:
 *  - authorisation by authz_check: AUTHZ_REGISTER_READ for reads,
 *    AUTHZ_REGISTER_WRITE for writes, always against the household's
 *    village (a move: the source's and the target's; a village change:
 *    the old and the new one);
 *  - a household's village is a village-level code (村/社区) that exists
 *    and lies inside the user's region; a village change stays within the
 *    county (户编号 and the records are kept per county);
 *  - ID numbers are checked by GB 11643 (core/idcard.h); a wrong check
 *    character is named: 身份证号码 "…" 的校验位不正确，应为 4. Sex and
 *    birth date come from the ID number, never from the client;
 *  - a person is an active member of at most one household (409 naming
 *    the other household's 户编号); a household has at most one active head
 *    (relation 1);
 *  - codes (registration, relation, health, labour) are those of
 *    core/codes.h; a bank account passes the Luhn check (core/bankcard.h);
 *  - a reason is required to end or move a membership and to change a
 *    person's name or ID number;
 *  - every write is one transaction with one audit record: actions
 *    household.create and household.update (entity "household", the
 *    household id), member.add, member.end, member.move and person.update
 *    (entity "person", the person id, so that the history of every
 *    household the person belonged to shows them), with the JSON of the
 *    record before and after, and the reason when given. Bad input
 *    changes nothing.
 * Text is trimmed of surrounding blanks (also U+3000) before it is checked
 * and stored; the JSON layer has already refused invalid UTF-8.
 *
 * Thread-safety: as the store connection.
 */
#ifndef DIB_SVC_HOUSEHOLD_H
#define DIB_SVC_HOUSEHOLD_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/date.h"
#include "core/codes.h"
#include "core/idcard.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_household.h"
#include "svc/authz.h"

#define HOUSEHOLD_HISTORY_MAX 500  /* records in one history answer */
#define HOUSEHOLD_NAME_MAX 30      /* characters of a person's name */
#define HOUSEHOLD_ADDRESS_MAX 200  /* characters of an address */
#define HOUSEHOLD_NO_MAX 32        /* characters of a 户编号 */
#define HOUSEHOLD_TEXT_MAX 60      /* bank name, account holder */
#define HOUSEHOLD_REASON_MAX 500   /* characters of a reason */

/* An optional value of a change: set false leaves the field as it is. */
struct household_text {
	bool set;
	const char *v; /* NULL (when set) clears an optional field */
};
struct household_int {
	bool set;
	int64_t v;
};

/* A person as entered: the rest (sex, birth date) follows from the ID. */
struct household_person {
	const char *id_number;      /* required */
	const char *name;           /* required */
	struct household_int health; /* not set: 1 健康 */
	struct household_int labour; /* not set: 1 有劳动能力 */
};

struct household_new {
	const char *hh_no;          /* NULL or blank: assigned, county + 7-digit sequence */
	const char *village_code;   /* required, 12 digits (or a shorter form) */
	const char *address;        /* required */
	int64_t registration;       /* 1 城镇 2 农村 */
	const char *phone, *bank_name, *bank_account, *account_name; /* NULL: none */
	struct household_person head;
};

struct household_change {
	struct household_text address, phone, bank_name, bank_account,
		account_name, village_code;
	struct household_int registration;
	const char *reason;         /* NULL: none given */
};

struct person_change {
	struct household_text name, id_number, phone;
	struct household_int health, labour;
	const char *reason;         /* required when name or id_number changes */
};

/* ---- reads ---- */

/* Household id with everything on its page into *out (allocated in a);
 * each member's age is computed on today. DIB_ENOTFOUND for no such
 * household; DIB_EPERM for a user who may not read it. */
dib_code household_get(struct store *s, const struct authz_subject *who,
		       int64_t id, dib_date today, dib_arena *a,
		       store_household_detail *out, dib_err *err);

/* The history of household id (store_household_history), the newest
 * HOUSEHOLD_HISTORY_MAX records, into *rows / *n (allocated in a).
 * Errors as household_get. */
dib_code household_history(struct store *s, const struct authz_subject *who,
			   int64_t id, dib_arena *a, store_audit_row **rows,
			   size_t *n, dib_err *err);

/* ---- writes: each one transaction and one audit record ---- */

/* Creates the household with its head (relation 1, from today). *id gets
 * its id. DIB_EINVAL naming the field for bad input; DIB_EPERM outside
 * the user's region or without the right; DIB_ECONFLICT for a 户编号
 * taken in the county or a head who is an active member elsewhere. A head
 * already registered (an ended membership) keeps the person record: the
 * name must match it. */
dib_code household_create(struct store *s, const struct authz_subject *who,
			  const struct household_new *in, dib_date today,
			  dib_arena *a, int64_t *id, dib_err *err);

/* Changes the fields set in c (at least one). */
dib_code household_update(struct store *s, const struct authz_subject *who,
			  int64_t id, const struct household_change *c,
			  dib_arena *a, dib_err *err);

/* Adds a person to household hid with relation from start_date (NULL:
 * today; not after today). *membership_id (may be NULL) gets the new
 * membership's id. DIB_ECONFLICT when the person is an active member
 * (message naming the 户编号) or a second head is added. */
dib_code household_add_member(struct store *s, const struct authz_subject *who,
			      int64_t hid, const struct household_person *p,
			      int64_t relation, const char *start_date,
			      dib_date today, dib_arena *a, int64_t *membership_id,
			      dib_err *err);

/* Changes person pid. The user must be able to write the person's
 * household (the active one, else the one left last); *hid gets its id. */
dib_code household_person_update(struct store *s, const struct authz_subject *who,
				 int64_t pid, const struct person_change *c,
				 dib_date today, dib_arena *a, int64_t *hid,
				 dib_err *err);

/* Ends active membership mid on end_date (not before its start, not
 * after today) for reason. *hid gets the household's id. DIB_ECONFLICT
 * when it has ended already. */
dib_code household_member_end(struct store *s, const struct authz_subject *who,
			      int64_t mid, const char *end_date, const char *reason,
			      dib_date today, dib_arena *a, int64_t *hid,
			      dib_err *err);

/* Moves the member of active membership mid to household target with
 * relation on date: the membership ends that day and a new one starts in
 * target. target may be the same household (a change of relation, e.g. a
 * new head). *hid gets target. */
dib_code household_member_move(struct store *s, const struct authz_subject *who,
			       int64_t mid, int64_t target, int64_t relation,
			       const char *date, const char *reason, dib_date today,
			       dib_arena *a, int64_t *hid, dib_err *err);

/* ---- the checks, for the writes above and for tests (household_check.c) ---- */

/* Parses an ID number; a check character that is wrong while the rest is
 * right gets 身份证号码 "…" 的校验位不正确，应为 X. DIB_EINVAL. */
dib_code household_check_idno(const char *s, dib_date today, idcard *out,
			      dib_err *err);

/* Trims text and checks its length in characters (1–max when required,
 * 0–max otherwise) and that it holds no control character. label names
 * the field in messages ("姓名"). *out: the trimmed copy in a, or NULL when
 * empty and not required. */
dib_code household_check_text(const char *label, const char *s, size_t max,
			      bool required, dib_arena *a, const char **out,
			      dib_err *err);

/* A code of table t (core/codes.h): DIB_EINVAL naming the field and the
 * accepted codes otherwise. */
dib_code household_check_code(enum codes_table t, int64_t v, dib_err *err);

/* A telephone number: 7–20 digits and '-'. *out: trimmed copy in a. */
dib_code household_check_phone(const char *s, dib_arena *a, const char **out,
			       dib_err *err);

/* A date "YYYY-MM-DD" not after today; label names it. */
dib_code household_check_date(const char *label, const char *s, dib_date today,
			      dib_date *out, dib_err *err);

#endif
