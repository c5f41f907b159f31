/*
 * cmd_user.c — `dibao user add|passwd|disable|enable|list|roles|check`:
 * user accounts from the command line (the rules are in svc/user.c).
 *
 * Passwords never come from argv (other users see it in ps): they come from
 * the environment variable DIBAO_PASSWORD (DIBAO_OLD_PASSWORD for the old
 * one), or, on a terminal, are typed without echo — twice for a new one.
 * Thread-safety: the command line is single-threaded.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "util/time.h"
#include "cli/cli.h"
#include "svc/setup.h"
#include "svc/user.h"

#include <termios.h>
#include <unistd.h>

#define USAGE                                                                      \
	"dibao user add 用户名 --name 显示名 --region 区划代码 --role 角色[,角色…]\n" \
	"       dibao user passwd 用户名 [--old]\n"                                    \
	"       dibao user disable|enable 用户名\n"                                    \
	"       dibao user list\n"                                                      \
	"       dibao user roles 用户名 角色[,角色…]\n"                                \
	"       dibao user check 用户名\n"                                              \
	"  密码取自环境变量 DIBAO_PASSWORD (原密码: DIBAO_OLD_PASSWORD)，否则在终端输入"
#define PW_MAX 256

/* Overwrites a password buffer in a way the compiler may not drop. */
static void wipe(char *p, size_t n)
{
	volatile char *v = p;
	while (n--)
		*v++ = 0;
}

/* Reads one line from the terminal without echo. */
static dib_code prompt(const char *label, char *out, size_t cap, dib_err *err)
{
	struct termios old, quiet;
	if (tcgetattr(STDIN_FILENO, &old) != 0)
		return dib_err_set(err, DIB_EUSAGE, "无法关闭终端回显");
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	fprintf(stderr, "%s: ", label);
	fflush(stderr);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	char *got = fgets(out, (int)cap, stdin);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	fputc('\n', stderr);
	if (!got)
		return dib_err_set(err, DIB_EUSAGE, "未输入密码");
	out[strcspn(out, "\r\n")] = '\0';
	return DIB_OK;
}

/* The password from env_name, or typed (twice when confirm). */
static dib_code read_password(const char *env_name, const char *label, bool confirm,
			      char *out, size_t cap, dib_err *err)
{
	const char *env = getenv(env_name);
	if (env) {
		if (strlen(env) >= cap)
			return dib_err_set(err, DIB_EINVAL, "密码过长");
		snprintf(out, cap, "%s", env);
		return DIB_OK;
	}
	if (!isatty(STDIN_FILENO))
		return dib_err_set(err, DIB_EUSAGE,
				   "请用环境变量 %s 提供密码，或在终端中运行以输入密码", env_name);
	dib_code rc = prompt(label, out, cap, err);
	if (rc || !confirm)
		return rc;
	char again[PW_MAX];
	rc = prompt("再次输入", again, sizeof again, err);
	if (!rc && strcmp(out, again))
		rc = dib_err_set(err, DIB_EINVAL, "两次输入的密码不一致");
	wipe(again, sizeof again);
	return rc;
}

/* Splits "a,b,c" in place into roles[]; returns the count (-1: too many). */
static int split_roles(char *list, char **roles, int cap)
{
	int n = 0;
	for (char *p = list;; p++) {
		char *comma = strchr(p, ',');
		if (n == cap)
			return -1;
		roles[n++] = p;
		if (!comma)
			break;
		*comma = '\0';
		p = comma;
	}
	return n;
}

static dib_code do_add(struct store *s, int argc, char **argv, const char *actor,
		       FILE *out, dib_err *err)
{
	const char *name = NULL, *region = NULL;
	char *role = NULL;
	for (int i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "--name") && i + 1 < argc)
			name = argv[++i];
		else if (!strcmp(argv[i], "--region") && i + 1 < argc)
			region = argv[++i];
		else if (!strcmp(argv[i], "--role") && i + 1 < argc)
			role = argv[++i];
		else
			return dib_err_set(err, DIB_EUSAGE, "未知参数 \"%s\"", argv[i]);
	}
	if (!name || !region || !role)
		return dib_err_set(err, DIB_EUSAGE, "缺少 --name、--region 或 --role");
	char *roles[USER_ROLES_MAX + 1];
	int n = split_roles(role, roles, USER_ROLES_MAX + 1);
	char pw[PW_MAX];
	dib_code rc = read_password("DIBAO_PASSWORD", "初始密码", true, pw, sizeof pw, err);
	if (!rc) {
		struct user_new u = {
			.username = argv[2],
			.display_name = name,
			.region = region,
			.roles = (const char *const *)roles,
			.nroles = n < 0 ? USER_ROLES_MAX + 1 : n,
			.password = pw,
		};
		rc = user_add(s, &u, actor, err);
	}
	wipe(pw, sizeof pw);
	if (!rc)
		fprintf(out, "已添加用户 %s (首次登录须修改密码)\n", argv[2]);
	return rc;
}

static dib_code do_passwd(struct store *s, int argc, char **argv, const char *actor,
			  FILE *out, dib_err *err)
{
	bool self = argc == 4 && !strcmp(argv[3], "--old");
	if (argc != 3 && !self)
		return dib_err_set(err, DIB_EUSAGE, "参数不正确");
	char pw[PW_MAX], old[PW_MAX] = "";
	dib_code rc = DIB_OK;
	if (self)
		rc = read_password("DIBAO_OLD_PASSWORD", "原密码", false, old, sizeof old, err);
	if (!rc)
		rc = read_password("DIBAO_PASSWORD", "新密码", true, pw, sizeof pw, err);
	if (!rc)
		rc = user_passwd(s, argv[2], pw, self ? old : NULL, actor, err);
	wipe(pw, sizeof pw);
	wipe(old, sizeof old);
	if (!rc)
		fprintf(out, self ? "用户 %s 的密码已修改\n"
				  : "用户 %s 的密码已重置 (下次登录须修改密码)\n", argv[2]);
	return rc;
}

static dib_code do_list(struct store *s, FILE *out, dib_err *err)
{
	dib_arena a;
	dib_arena_init(&a, 16384, 256u << 20);
	struct user_info *v = NULL;
	size_t n = 0;
	dib_code rc = user_list(s, dib_time_now_unix(), &a, &v, &n, err);
	if (!rc)
		fprintf(out, "用户名\t显示名\t区划\t角色\t状态\n");
	for (size_t i = 0; !rc && i < n; i++) {
		fprintf(out, "%s\t%s\t%s\t", v[i].username, v[i].display_name, v[i].region_code);
		for (int r = 0; r < v[i].nroles; r++)
			fprintf(out, "%s%s", r ? "," : "", v[i].roles[r]);
		fprintf(out, "\t%s", v[i].disabled ? "已停用" : "正常");
		if (v[i].must_change)
			fputs(",须改密码", out);
		if (v[i].locked_until)
			fprintf(out, ",锁定至 %s", v[i].locked_until);
		fputc('\n', out);
	}
	if (!rc)
		fprintf(out, "共 %zu 个用户\n", n);
	dib_arena_release(&a);
	return rc;
}

static dib_code do_check(struct store *s, const char *username, const char *actor,
			 FILE *out, dib_err *err)
{
	char pw[PW_MAX];
	struct user_auth auth;
	dib_code rc = read_password("DIBAO_PASSWORD", "密码", false, pw, sizeof pw, err);
	if (!rc)
		rc = user_authenticate(s, username, pw, dib_time_now_unix(), actor, &auth, err);
	wipe(pw, sizeof pw);
	if (!rc)
		fprintf(out, "用户 %s 密码正确%s\n", auth.username,
			auth.must_change ? " (登录后须先修改密码)" : "");
	return rc;
}

int cmd_user(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage(ctx, USAGE);
	const char *sub = argv[1];
	bool list = !strcmp(sub, "list");
	if ((list && argc != 2) || (!list && argc < 3))
		return cli_usage(ctx, USAGE);
	bool known = list || !strcmp(sub, "add") || !strcmp(sub, "passwd") ||
		     !strcmp(sub, "disable") || !strcmp(sub, "enable") ||
		     !strcmp(sub, "roles") || !strcmp(sub, "check");
	if (!known || ((!strcmp(sub, "disable") || !strcmp(sub, "enable") ||
			!strcmp(sub, "check")) && argc != 3) ||
	    (!strcmp(sub, "roles") && argc != 4))
		return cli_usage(ctx, USAGE);

	dib_err err;
	dib_err_clear(&err);
	char actor[128];
	cli_actor(actor, sizeof actor);
	struct store *s = NULL;
	dib_code rc = setup_open(ctx->db_url, true, &s, &err);
	if (rc)
		return cli_fail(ctx, &err);
	if (list) {
		rc = do_list(s, ctx->out, &err);
	} else if (!strcmp(sub, "add")) {
		rc = do_add(s, argc, argv, actor, ctx->out, &err);
	} else if (!strcmp(sub, "passwd")) {
		rc = do_passwd(s, argc, argv, actor, ctx->out, &err);
	} else if (!strcmp(sub, "disable") || !strcmp(sub, "enable")) {
		bool off = !strcmp(sub, "disable");
		rc = user_set_disabled(s, argv[2], off, actor, &err);
		if (!rc)
			fprintf(ctx->out, "用户 %s 已%s\n", argv[2], off ? "停用" : "启用");
	} else if (!strcmp(sub, "roles")) {
		char *roles[USER_ROLES_MAX + 1];
		int n = split_roles(argv[3], roles, USER_ROLES_MAX + 1);
		rc = user_set_roles(s, argv[2], (const char *const *)roles,
				    n < 0 ? USER_ROLES_MAX + 1 : n, actor, &err);
		if (!rc)
			fprintf(ctx->out, "用户 %s 的角色已设为 %s\n", argv[2], argv[3]);
	} else {
		rc = do_check(s, argv[2], actor, ctx->out, &err);
	}
	setup_close(s);
	if (rc == DIB_EUSAGE) {
		fprintf(ctx->err, "dibao: %s\n", err.msg);
		return cli_usage(ctx, USAGE);
	}
	return rc ? cli_fail(ctx, &err) : CLI_OK;
}
