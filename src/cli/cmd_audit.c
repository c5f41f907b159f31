/*
 * cmd_audit.c — `dibao audit verify`: checks the audit log's hash chain and
 * names the first record that was altered, removed or inserted.
 * Exit 0 when intact, 1 when broken (or on a database error).
 * Thread-safety: the command line is single-threaded.
 */
#include "util/dib.h"
#include "util/arena.h"
#include "cli/cli.h"
#include "svc/audit.h"
#include "svc/setup.h"

#include <inttypes.h>

#define AUDIT_USAGE "dibao [--db URL] audit verify"

int cmd_audit(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc != 2 || strcmp(argv[1], "verify") != 0)
		return cli_usage(ctx, AUDIT_USAGE);
	dib_err err;
	dib_err_clear(&err);
	struct store *s = NULL;
	dib_arena a; /* the broken record's strings; freed at the end */
	dib_arena_init(&a, 0, 0);
	struct audit_verify_result r;
	dib_code rc = setup_open(ctx->db_url, true, &s, &err);
	if (!rc)
		rc = audit_verify(s, &a, &r, &err);
	setup_close(s);
	int code = CLI_OK;
	if (rc) {
		code = cli_fail(ctx, &err);
	} else if (r.intact) {
		fprintf(ctx->out, "审计日志完整: 已校验 %" PRId64 " 条记录\n",
			r.verified);
		if (r.last_hash[0])
			fprintf(ctx->out, "末条记录哈希: %s\n", r.last_hash);
	} else {
		fprintf(ctx->err, "审计日志第 %" PRId64 " 条 (id=%" PRId64
			", %s, 操作 %s) 被篡改: %s; 此前 %" PRId64
			" 条记录完好\n", r.seq, r.id, r.at, r.action,
			r.problem, r.verified);
		code = CLI_FAIL;
	}
	dib_arena_release(&a);
	return code;
}
