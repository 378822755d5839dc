/* suspend.c — `cozypkg suspend`: set spec.suspend on the HelmRelease.
 * Not built yet: the flags are parsed (none of its own) and the command
 * says so. */
#include "cmd/cmd.h"

int cmd_suspend(int argc, const char **argv, struct cli_ctx *ctx)
{
	return cli_not_implemented(ctx);
}
