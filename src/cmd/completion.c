/* completion.c — `cozypkg completion bash|zsh|fish|powershell` (upstream's
 * own command, cozyhr main.go cmdCompletion: cobra's GenBashCompletion,
 * GenZshCompletion, GenFishCompletion with descriptions and
 * GenPowerShellCompletionWithDesc) and cobra's hidden `__complete` that the
 * scripts call.  The work is in src/cli/complete.c. */
#include <stdio.h>
#include <string.h>

#include "base/sb.h"
#include "cli/complete.h"
#include "cmd/cmd.h"

int cmd_completion(int argc, const char **argv, struct cli_ctx *ctx)
{
	struct sb out = SB_INIT;
	if (complete_script(ctx, argv[0], &out) < 0) {
		/* log.Fatalf("error: %v"): a newline unless the text ends with one */
		size_t n = strlen(argv[0]);
		fprintf(stderr, "error: unknown shell: %s%s", argv[0],
			n && argv[0][n - 1] == '\n' ? "" : "\n");
		sb_release(&out);
		return 1;
	}
	fwrite(out.buf, 1, out.len, stdout);
	sb_release(&out);
	return 0;
}

int cmd_complete(int argc, const char **argv, struct cli_ctx *ctx)
{
	return complete_request(ctx, argc, argv);
}
