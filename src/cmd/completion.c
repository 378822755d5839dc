/* completion.c — `cozypkg completion bash|zsh|fish|powershell` (upstream's
 * own command) and cobra's hidden `__complete` that the generated scripts
 * call.  Not built yet: both say so. */
#include "cmd/cmd.h"

int cmd_completion(int argc, const char **argv, struct cli_ctx *ctx)
{
	return cli_not_implemented(ctx);
}

int cmd_complete(int argc, const char **argv, struct cli_ctx *ctx)
{
	return cli_not_implemented(ctx);
}
