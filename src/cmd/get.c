/* get.c — `cozypkg get`: print HelmReleases as kubectl get does.
 * Not built yet: the flags are parsed into get_opts and the command
 * says so. */
#include "cmd/cmd.h"

int cmd_get(int argc, const char **argv, struct cli_ctx *ctx)
{
	const struct get_opts *o = ctx->opts;

	(void)o;
	return cli_not_implemented(ctx);
}
