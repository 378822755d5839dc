/* resume.c — `cozypkg resume NAME`: clears spec.suspend (see suspend.c). */
#include "cmd/cmd.h"

int cmd_resume(int argc, const char **argv, struct cli_ctx *ctx)
{
	return cmd_patch_suspend(ctx, argv[0], false);
}
