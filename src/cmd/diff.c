/* diff.c — `cozypkg diff NAME`: the deployed release's manifest (its latest
 * revision, as Helm's `get` reads it; empty when there is none) against the
 * chart rendered as apply would install it (render.c), in helm-diff's
 * format with whole objects as context and secrets shown, as upstream
 * cozyhr prints it.  We: colour only on a terminal and not under NO_COLOR;
 * --exit-code (0 no changes, 2 changes); the release addressed as
 * helm-controller addresses it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/render.h"
#include "diff/diff.h"
#include "helm/store.h"

int cmd_diff(int argc, const char **argv, struct cli_ctx *ctx)
{
	const struct diff_opts *o = ctx->opts;
	struct render_in in = { argv[0], o->plain, NULL, &o->v, NULL, NULL, NULL, false, false };
	struct render_out out;
	struct kube_client kc;
	struct sb err = SB_INIT, report = SB_INIT, warn = SB_INIT;
	struct helm_release *last = NULL;
	const char *old = "", *relname, *storage_ns;
	size_t oldn = 0;
	bool changed = false;
	int rc = -1;

	if (cmd_kube_open(ctx, &kc) < 0)
		return 1;
	in.kc = &kc;
	memset(&out, 0, sizeof(out));
	if (cmd_render(ctx, &in, &out, &err) < 0)
		goto done;
	if (o->plain) {
		relname = argv[0];
		storage_ns = out.namespace;
	} else {
		relname = out.rel.helm_name;
		storage_ns = out.rel.storage_namespace;
	}
	{
		struct helm_store st = { &kc, storage_ns };

		/* Helm's get: the latest revision, whatever its status */
		if (helm_store_last(&st, relname, NULL, &last, &err) < 0) {
			struct sb e = SB_INIT;

			sb_addf(&e, "error: failed to get release: %s", err.buf);
			sb_reset(&err);
			sb_add(&err, e.buf, e.len);
			sb_release(&e);
			goto done;
		}
	}
	if (last && last->manifest.p) {
		old = last->manifest.p;
		oldn = last->manifest.n;
	}
	{
		const char *nc = getenv("NO_COLOR");
		struct diff_report_opts ro = { -1, true, false, isatty(1) && !nc, out.namespace, strlen(out.namespace),
					       &warn };

		if (diff_manifests(ctx->arena, old, oldn, out.manifest.buf ? out.manifest.buf : "", out.manifest.len,
				   &ro, &report, &changed, &err) < 0) {
			struct sb e = SB_INIT;

			sb_addf(&e, "error: %s", err.buf);
			sb_reset(&err);
			sb_add(&err, e.buf, e.len);
			sb_release(&e);
			goto done;
		}
	}
	if (warn.len)
		fputs(warn.buf, stderr);
	fwrite(report.buf ? report.buf : "", 1, report.len, stdout);
	rc = 0;
done:
	kube_close(&kc);
	sb_release(&out.manifest);
	sb_release(&report);
	sb_release(&warn);
	if (rc < 0)
		return cmd_fail(&err);
	sb_release(&err);
	return o->exit_code && changed ? 2 : 0;
}
