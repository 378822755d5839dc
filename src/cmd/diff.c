/* diff.c — `cozypkg diff`: diff the rendered chart against the live release (helm-diff format).
 * Not built yet: the flags are parsed into diff_opts and the command
 * says so. */
#include "cmd/cmd.h"

int cmd_diff(int argc, const char **argv, struct cli_ctx *ctx)
{
	const struct diff_opts *o = ctx->opts;

	(void)o;
	return cli_not_implemented(ctx);
}
