/* delete.c — `cozypkg delete`: uninstall the Helm release.
 * Not built yet: the flags are parsed (none of its own) and the command
 * says so. */
#include "cmd/cmd.h"

int cmd_delete(int argc, const char **argv, struct cli_ctx *ctx)
{
	return cli_not_implemented(ctx);
}
