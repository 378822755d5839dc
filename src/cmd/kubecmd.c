/* kubecmd.c — what every cluster command does first: load the kubeconfig
 * as kubectl does, and print a failure as kubectl prints it. */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "kube/client.h"

int cmd_fail(struct sb *err)
{
	fprintf(stderr, "%s\n", err->buf ? err->buf : "error: unknown failure");
	sb_release(err);
	return 1;
}

int cmd_kube_open(struct cli_ctx *ctx, struct kube_client *c)
{
	struct sb err = SB_INIT;

	if (kube_open(c, ctx->arena, &ctx->g, &err) < 0) {
		cmd_fail(&err);
		return -1;
	}
	return 0;
}
