/* apply.c — `cozypkg apply`: suspend the HelmRelease, install/upgrade the release, write Flux status.
 * Not built yet: the flags are parsed into apply_opts and the command
 * says so. */
#include "cmd/cmd.h"

int cmd_apply(int argc, const char **argv, struct cli_ctx *ctx)
{
	const struct apply_opts *o = ctx->opts;

	(void)o;
	return cli_not_implemented(ctx);
}
