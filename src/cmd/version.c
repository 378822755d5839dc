/* version.c — `cozypkg version`: upstream prints "<bin> <version>"; the
 * commit the binary was built from follows on a second line.  The values
 * come from the Makefile (VERSION file, git rev-parse). */
#include <stdio.h>

#include "cmd/cmd.h"

#ifndef COZYPKG_VERSION
#define COZYPKG_VERSION "0.0.0"
#endif
#ifndef COZYPKG_COMMIT
#define COZYPKG_COMMIT "unknown"
#endif

int cmd_version(int argc, const char **argv, struct cli_ctx *ctx)
{
	printf("%s %s\ncommit: %s\n", ctx->app->name, COZYPKG_VERSION, COZYPKG_COMMIT);
	return 0;
}
