/* reconcile.c — `cozypkg reconcile`: ask Flux to reconcile the HelmRelease and wait.
 * Not built yet: the flags are parsed into reconcile_opts and the command
 * says so. */
#include "cmd/cmd.h"

int cmd_reconcile(int argc, const char **argv, struct cli_ctx *ctx)
{
	const struct reconcile_opts *o = ctx->opts;

	(void)o;
	return cli_not_implemented(ctx);
}
