/*
 * cli.h — what every dibao subcommand shares: the context built by main.c
 * from the global options, the exit codes, and the command signature.
 *
 * One file per subcommand (cmd_<name>.c, git's builtin/ style); each calls
 * svc functions only and prints a one-line summary. Messages to the user go
 * to ctx->err in Chinese; the exit code says what kind of failure it was.
 * Thread-safety: the CLI is single-threaded.
 */
#ifndef DIB_CLI_H
#define DIB_CLI_H

#include "util/dib.h"
#include "util/err.h"
#include "util/arena.h"
#include "core/date.h"
#include "svc/authz.h"

enum cli_exit {
	CLI_OK = 0,
	CLI_FAIL = 1,     /* the operation failed (database, file, internal) */
	CLI_USAGE = 2,    /* wrong command line */
	CLI_REJECTED = 3, /* the input data was rejected (bad rows) */
};

struct cli_ctx {
	const char *db_url;   /* resolved: --db, $DIBAO_DB or the default */
	const char *data_dir; /* reference data (holidays, regions): --data, $DIBAO_DATA, built-in */
	bool tty;             /* stderr is a terminal: progress bars on */
	FILE *out;            /* results */
	FILE *err;            /* messages and progress */
};

typedef int (*cli_fn)(struct cli_ctx *ctx, int argc, char **argv);

/* Prints "dibao: <msg>" (and the log-only detail when DIBAO_DEBUG is set)
 * and returns the exit code for err->code. */
int cli_fail(struct cli_ctx *ctx, const dib_err *err);

/* The actor recorded in the audit log for command-line work: "cli:<user>". */
void cli_actor(char *out, size_t cap);

/* The business date: today on the machine's local clock (China Standard
 * Time on a bureau's server). */
dib_date cli_today(void);

/* Prints a usage error and returns CLI_USAGE. */
int cli_usage(struct cli_ctx *ctx, const char *usage);

/* ---- options of the subcommands that act as a user (case, coverage) ---- */

enum cli_opt_kind {
	CLI_OPT_TEXT, /* const char * at off: the next argument */
	CLI_OPT_INT,  /* int64_t at off: the next argument, a non-negative integer */
	CLI_OPT_FLAG, /* bool at off: set when present */
};

struct cli_opt {
	const char *flag; /* "--user" */
	enum cli_opt_kind kind;
	size_t off;       /* offsetof the field in the caller's struct */
};

/* Reads argv[first…] into the struct at o by the table t (n rows); the one
 * argument not starting with '-' (a case number, an id) goes to
 * *positional (may be NULL: then none is allowed). DIB_EUSAGE naming an
 * unknown option, a missing value, a bad integer or a second positional. */
dib_code cli_opts_parse(int argc, char **argv, int first, const struct cli_opt *t, size_t n,
			void *o, const char **positional, dib_err *err);

struct store;
struct authz_subject;
struct dib_arena;

/* The subject of the dibao account user (strings in a), for commands that
 * act as a named user; *out = who. Without user: *out NULL (the command
 * line's own authority), or DIB_EUSAGE "请用 --user 指明经办人账号" when
 * required. */
dib_code cli_subject(struct store *s, const char *user, bool required, struct dib_arena *a,
		     struct authz_subject *who, const struct authz_subject **out, dib_err *err);

/* A positive record id given as the command's argument arg: DIB_EUSAGE
 * "请指明<what>" when it is missing or not one. */
dib_code cli_arg_id(const char *arg, const char *what, int64_t *out, dib_err *err);

/* ---- the database work of a subcommand (cli_work.c) ---- */

/* What a subcommand that works on the database holds from its options to
 * its exit code: cli_work_init, parse into x->err, cli_work_open, cli_work_as
 * (when it acts as a user), the svc calls on x->s, cli_work_end. */
struct cli_work {
	dib_err err;
	struct store *s;                /* NULL until opened */
	dib_arena a;                    /* the command's lifetime */
	struct authz_subject w;         /* backs who */
	const struct authz_subject *who; /* cli_work_as's; NULL: the command line's own authority */
};

/* Clears x: no error, no connection, an empty arena of at most arena_max bytes. */
void cli_work_init(struct cli_work *x, size_t arena_max);
/* Opens ctx->db_url (its schema required) into x->s. */
dib_code cli_work_open(struct cli_ctx *ctx, struct cli_work *x);
/* cli_subject for user into x->who (strings in x->a). */
dib_code cli_work_as(struct cli_work *x, const char *user, bool required);
/* Releases the arena and the connection and turns rc into the exit code:
 * DIB_EUSAGE prints x->err's message and usage, any other failure goes
 * through cli_fail. */
int cli_work_end(struct cli_ctx *ctx, struct cli_work *x, dib_code rc, const char *usage);

int cmd_init(struct cli_ctx *ctx, int argc, char **argv);
int cmd_gen(struct cli_ctx *ctx, int argc, char **argv);
int cmd_import(struct cli_ctx *ctx, int argc, char **argv);
int cmd_export(struct cli_ctx *ctx, int argc, char **argv);
int cmd_demo(struct cli_ctx *ctx, int argc, char **argv);
int cmd_calendar(struct cli_ctx *ctx, int argc, char **argv);
int cmd_serve(struct cli_ctx *ctx, int argc, char **argv);
int cmd_audit(struct cli_ctx *ctx, int argc, char **argv);
int cmd_user(struct cli_ctx *ctx, int argc, char **argv);
int cmd_standard(struct cli_ctx *ctx, int argc, char **argv);
int cmd_param(struct cli_ctx *ctx, int argc, char **argv);
int cmd_staff(struct cli_ctx *ctx, int argc, char **argv);
int cmd_case(struct cli_ctx *ctx, int argc, char **argv);
int cmd_coverage(struct cli_ctx *ctx, int argc, char **argv);
int cmd_payroll(struct cli_ctx *ctx, int argc, char **argv);
/* payroll overpayment|overpayments|repay|account (cmd_payroll_recover.c), handed over by cmd_payroll */
int cmd_payroll_recover(struct cli_ctx *ctx, int argc, char **argv);
int cmd_benefit(struct cli_ctx *ctx, int argc, char **argv);

#endif
