/*
 * user.h — user accounts (`dibao user …`, later the admin page and the
 * login): adding users, passwords, disabling, roles, listing, and checking
 * a password with the lockout of the 等保2.0 三级 basics.
 *
 * Rules kept here:
 *  - usernames are 3–32 characters of [a-z0-9_.-];
 *  - passwords follow password_check_rule (≥ 8 characters, ≥ 3 of 4
 *    classes) and are stored only as argon2id hashes; an initial or reset
 *    password must be changed at the next login (must_change);
 *  - 三员分立: sys_admin, security_admin and auditor are never combined
 *    with each other, nor with any business role;
 *  - USER_MAX_FAILURES consecutive failed logins lock the account for
 *    USER_LOCK_SECONDS; a disabled account cannot log in.
 * Every write is one transaction with exactly one audit record; passwords
 * and hashes never appear in it (nor in any message). Disabling an account
 * or resetting its password also ends its login sessions, in the same
 * transaction.
 *
 * Two faces: the plain functions (user_add, user_passwd, …) are the
 * command line's, run by whoever holds the database; the user_admin_*
 * functions are the administrators' over HTTP and decide authorisation
 * first (authz.h): the permission AUTHZ_USER_ADMIN, then that the account
 * (a new account too) lies in the administrator's region subtree, and
 * that administrators do not lock themselves out (no self-disable, no
 * removing their own last administrator role, no self-reset).
 *
 * Thread-safety: as the store connection; password_lib_init() must have
 * run (the functions here call it, it is idempotent).
 */
#ifndef DIB_SVC_USER_H
#define DIB_SVC_USER_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "store/store.h"
#include "svc/authz.h"

#define USER_NAME_MIN 3
#define USER_NAME_MAX 32
#define USER_ROLES_MAX 16
#define USER_DISPLAY_MAX 64 /* bytes of a display name */
#define USER_MAX_FAILURES 5
#define USER_LOCK_SECONDS (15 * 60)
/* Idle session timeout, for the server's sessions. */
#define USER_IDLE_SECONDS (30 * 60)

/* A new account. */
struct user_new {
	const char *username;
	const char *display_name; /* 1–64 bytes of UTF-8 */
	const char *region;       /* 2–12 digits (region_parse); must exist */
	const char *const *roles; /* role codes of table roles */
	int nroles;
	const char *password;     /* the initial password (must be changed) */
};

/* Checks the username form. DIB_EINVAL quoting it. */
dib_code user_check_name(const char *username, dib_err *err);

/* Checks a role list against the rules that need no database: 1 to
 * USER_ROLES_MAX roles, no repeats, and 三员分立. DIB_EINVAL with a Chinese
 * message naming the clashing roles. */
dib_code user_check_roles(const char *const *roles, int n, dib_err *err);

/* Adds the account. DIB_EINVAL for a bad username, display name, password,
 * role combination, or a region or role that does not exist;
 * DIB_ECONFLICT when the username is taken. */
dib_code user_add(struct store *s, const struct user_new *u, const char *actor,
		  dib_err *err);

/* Sets a new password (rule-checked, and different from the current one).
 * old_password NULL: an administrator resets it, and the user must change
 * it at the next login. Otherwise the user changes their own password:
 * old_password must be right (else DIB_EAUTH) and must_change is cleared.
 * Either way the failure count and any lock are cleared (a reset is how a
 * security administrator unlocks an account early); a reset also ends the
 * account's sessions. DIB_ENOTFOUND for an unknown username. */
dib_code user_passwd(struct store *s, const char *username, const char *password,
		     const char *old_password, const char *actor, dib_err *err);

/* Disables or enables the account (a no-op write is still audited);
 * disabling ends its sessions. DIB_ENOTFOUND for an unknown username. */
dib_code user_set_disabled(struct store *s, const char *username, bool disabled,
			   const char *actor, dib_err *err);

/* Replaces the account's roles (user_check_roles, and each must exist). */
dib_code user_set_roles(struct store *s, const char *username,
			const char *const *roles, int n, const char *actor,
			dib_err *err);

/* One account as administrators see it — never the hash. Strings are
 * allocated in the arena given to user_list. */
struct user_info {
	const char *username;
	const char *display_name;
	const char *region_code;   /* 12 digits */
	const char *region_name;   /* "东屯镇"; NULL when the region is gone */
	const char **roles;
	int nroles;
	bool disabled;
	bool must_change;
	int failed_logins;
	const char *locked_until;  /* "2026-11-26T08:15:00Z" while locked, else NULL */
};

/* The authorisation subject of account username (strings in a), for the
 * command line acting as a named user (`dibao case --user`): the same
 * roles, region and separation of duties as the web. DIB_ENOTFOUND for an
 * unknown username; DIB_EPERM "账号 … 已停用" for a disabled one. */
dib_code user_subject(struct store *s, const char *username, dib_arena *a,
		      struct authz_subject *out, dib_err *err);

/* Every account, ordered by username, with its region's name; *out is an
 * array of *n allocated in a (NULL when none). now (unix seconds) decides
 * which locks still hold. For the command line: no authorisation. */
dib_code user_list(struct store *s, int64_t now, dib_arena *a,
		   struct user_info **out, size_t *n, dib_err *err);

/* ---- administration over HTTP: who is the logged-in administrator ---- */

/* The accounts whose region lies in who's subtree, ordered by username, as
 * user_list. DIB_EPERM when who may not administer users. */
dib_code user_admin_list(struct store *s, const struct authz_subject *who,
			 int64_t now, dib_arena *a, struct user_info **out,
			 size_t *n, dib_err *err);

/* One account as user_admin_list shows it, into *out (strings in a).
 * DIB_EPERM as above, and for an account outside who's subtree;
 * DIB_ENOTFOUND for an unknown username. */
dib_code user_admin_get(struct store *s, const struct authz_subject *who,
			const char *username, int64_t now, dib_arena *a,
			struct user_info *out, dib_err *err);

/* user_add on behalf of who (the actor of the audit record): DIB_EPERM
 * when who may not administer users or u->region lies outside who's
 * subtree; otherwise as user_add. */
dib_code user_admin_add(struct store *s, const struct authz_subject *who,
			const struct user_new *u, dib_err *err);

/* What a change of an account sets; NULL / false fields stay as they are. */
struct user_change {
	const char *display_name;   /* 1–64 bytes of UTF-8 */
	const char *const *roles;   /* the new role list (nroles codes) */
	int nroles;
	bool set_roles;             /* roles given (an empty list is refused) */
	bool set_disabled;
	bool disabled;
};

/* Changes the account username in one transaction with one audit record
 * ("user.disable" / "user.enable" / "user.roles" when that is the only
 * change, else "user.update", with before and after). Disabling ends the
 * account's sessions. DIB_EINVAL when nothing is to change, for a bad
 * display name or role list (user_check_roles, unknown roles);
 * DIB_EPERM as user_admin_get, and when who would disable themself or
 * keep no role that allows AUTHZ_USER_ADMIN on their own account;
 * DIB_ENOTFOUND for an unknown username. Nothing changes on error. */
dib_code user_admin_update(struct store *s, const struct authz_subject *who,
			   const char *username, const struct user_change *c,
			   dib_err *err);

/* Resets the password of username to an initial one (password_check_rule;
 * must be changed at the next login), clears the failure count and any
 * lock, and ends the account's sessions; one audit record
 * "user.password_reset". Unlike user_passwd it does not tell whether the
 * new password equals the old one (that would let an administrator test
 * guesses). DIB_EPERM as user_admin_get, and for who's own account (the
 * own password is changed with the old one, session_change_password);
 * DIB_EINVAL for a password that breaks the rule; DIB_ENOTFOUND. */
dib_code user_admin_reset(struct store *s, const struct authz_subject *who,
			  const char *username, const char *password, dib_err *err);

struct user_auth {
	bool must_change;          /* the password must be changed before anything else */
	char username[USER_NAME_MAX + 1];
};

/* Checks username and password at time now (unix seconds), applying the
 * lockout. On success *out is filled and the failure count cleared.
 * Failures, all with the same message for an unknown user and a wrong
 * password ("用户名或密码不正确", DIB_EAUTH), so that the answer does not
 * tell whether a username exists:
 *  - DIB_ELOCKED while the account is locked (the password is not even
 *    tried), and for the failure that locks it;
 *  - DIB_EPERM "账户已停用" for a disabled account with the right password.
 * Every attempt on an existing account writes one audit record
 * ("user.login", with the outcome), as 等保 asks for login events; actor is
 * who is asking (the username itself for a login). */
dib_code user_authenticate(struct store *s, const char *username,
			   const char *password, int64_t now, const char *actor,
			   struct user_auth *out, dib_err *err);

#endif
