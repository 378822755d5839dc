/* kubecmd.c — what every cluster command does first: load the kubeconfig
 * as kubectl does, and print a failure as kubectl prints it. */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/render.h"
#include "helm/plan.h"
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

int cmd_plain_reuse(struct cli_ctx *ctx, struct kube_client *kc, const char *name, val *out, struct sb *err)
{
	struct helm_store st = { kc, ctx->g.namespace && *ctx->g.namespace ? ctx->g.namespace : "default" };
	struct helm_release *last = NULL, *cur = NULL;
	bool install;

	*out = val_null();
	if (helm_store_last(&st, name, NULL, &last, err) < 0)
		return -1;
	/* no deployed one to start from is the upgrade's own error, later */
	if (last && helm_plan_base(&st, name, last, &cur, &install, err) < 0) {
		sb_reset(err);
		return 0;
	}
	if (cur)
		*out = cur->config;
	return 0;
}
