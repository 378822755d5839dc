/* get.c — `cozypkg get [release...]`: the same command as list (list.c),
 * as upstream cozyhr has it. */
#include "cmd/cmd.h"

int cmd_get(int argc, const char **argv, struct cli_ctx *ctx)
{
	return cmd_get_or_list(argc, argv, ctx);
}
