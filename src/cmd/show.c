/* show.c — `cozypkg show`: render the chart with the HelmRelease's values (helm template).
 * Not built yet: the flags are parsed into show_opts and the command
 * says so. */
#include "cmd/cmd.h"

int cmd_show(int argc, const char **argv, struct cli_ctx *ctx)
{
	const struct show_opts *o = ctx->opts;

	(void)o;
	return cli_not_implemented(ctx);
}
