/*
 * staff.h — 近亲属备案 (regulations.md §1.5, S1 art. 11): the register of
 * bureau staff (民政部门工作人员) and village committee members (村(居)委会
 * 成员), and the check that finds their close relatives (民法典 art. 1045)
 * among the active members of an applicant household.
 *
 * The check links a registered person to a member by ID number (the
 * member himself is registered) or by a household both are or were
 * members of, and judges the kinship from their two relations to that
 * household's head (core/kinship.h). It is evidence for the clerk, not a
 * decision: KINSHIP_POSSIBLE links are shown for confirmation.
 *
 * Who may: reading links needs AUTHZ_REGISTER_READ on the household's
 * village. Maintaining the register is for now the command line's only
 * (`dibao staff`, like `dibao user`): no role of authz.c has it yet, and
 * the HTTP route belongs to the workflow's next step. who NULL means the
 * command line — the operator of the database itself, with full
 * authority; HTTP handlers always pass the session's subject.
 *
 * Writes are one transaction with one audit record (entity "staff").
 * Thread-safety: as the store connection.
 */
#ifndef DIB_SVC_STAFF_H
#define DIB_SVC_STAFF_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/date.h"
#include "core/kinship.h"
#include "store/store.h"
#include "store/store_staff.h"
#include "svc/authz.h"

#define STAFF_NAME_MAX 50     /* characters */
#define STAFF_POSITION_MAX 50
#define STAFF_REASON_MAX 200

/* A registration to add. Borrowed strings. */
struct staff_new {
	const char *id_number; /* checked by GB 11643 (household_check_idno) */
	const char *name;
	const char *kind;      /* "bureau" or "committee" */
	const char *region;    /* bureau: county or township; committee: village */
	const char *position;  /* may be NULL */
	const char *from;      /* "YYYY-MM-DD"; NULL for today */
};

/* Chinese name of a kind: "民政部门工作人员", "村(居)委会成员"; NULL for an
 * unknown kind. */
const char *staff_kind_name(const char *kind);

/* Checks in (see struct staff_new; the region must exist) and adds it in one transaction with the audit record
 * "staff.add" by actor. *id (may be NULL) gets the new id. DIB_EINVAL
 * naming the field for bad input. */
dib_code staff_add(struct store *s, const struct staff_new *in, dib_date today,
		   const char *actor, int64_t *id, dib_err *err);

/* Ends registration id on to ("YYYY-MM-DD", not before its from date) for
 * reason (required), with the audit record "staff.end". DIB_ENOTFOUND for
 * no such id; DIB_ECONFLICT when it has ended already. */
dib_code staff_end(struct store *s, int64_t id, const char *to, const char *reason,
		   const char *actor, dib_err *err);

/* The registrations in the subtree of region (any accepted length; NULL
 * for the whole database — the command line's listing), all of them or
 * only those in force on *on when on is not NULL. *out: *n rows in a.
 * DIB_EINVAL for a malformed region. */
dib_code staff_list(struct store *s, const char *region, const dib_date *on,
		    dib_arena *a, store_staff **out, size_t *n, dib_err *err);

/* One finding of the check. Strings in the arena of the call. */
struct staff_link {
	store_staff_link row;          /* the member, the registration, the household */
	enum kinship_verdict verdict;  /* CLOSE or POSSIBLE; CLOSE for self */
	const char *kinship;           /* what the member is to the registered
					  person: "子女", "兄弟姐妹或堂表亲",
					  "本人" */
	const char *explanation;       /* one Chinese sentence with its basis */
};

/* The check of household_id on date: every link of store_staff_links whose
 * kinship (kinship_of of the registered person's and the member's
 * relations) is CLOSE or POSSIBLE, and every registered member himself,
 * e.g. "成员 张三 是 李四(民政部门工作人员, 社会救助股) 的 子女 — 依据:
 * 两人曾同在户 410726-0000123". *out: *n links in a (NULL, 0 when none).
 * DIB_ENOTFOUND for no such household; DIB_EPERM outside who's region. */
dib_code staff_relatives(struct store *s, const struct authz_subject *who,
			 int64_t household_id, dib_date date, dib_arena *a,
			 struct staff_link **out, size_t *n, dib_err *err);

#endif
