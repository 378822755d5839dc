/* diff.c — `cozypkg diff NAME`: the deployed release's manifest (its latest
 * revision, as Helm's `get` reads it; empty when there is none) against the
 * chart rendered as apply would install it (render.c), in helm-diff's
 * format with whole objects as context and secrets shown, as upstream
 * cozyhr prints it.  We: colour only on a terminal and not under NO_COLOR;
 * --exit-code (0 no changes, 2 changes); the release addressed as
 * helm-controller addresses it; --live for drift (live objects against a
 * server-side dry run of apply). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/render.h"
#include "diff/diff.h"
#include "helm/plan.h"
#include "helm/store.h"
#include "value/codec.h"

/* One object as `kubectl diff` prints it (pkg/cmd/diff/diff.go Printer):
 * metadata.managedFields masked (omitManagedFields), the rest as
 * sigs.k8s.io/yaml marshals it; a document of a helm-diff manifest. */
static int add_doc(struct arena *a, val obj, struct sb *text, struct sb *err)
{
	val *meta;

	if (obj.kind == VAL_NULL)
		return 0;
	meta = obj.kind == VAL_MAP ? val_map_ref(obj, "metadata", 8) : NULL;
	if (meta && meta->kind == VAL_MAP)
		val_map_del(*meta, "managedFields", 13);
	sb_adds(text, "---\n");
	return val_to_yaml(a, obj, text, err);
}

/* --live: the live objects against what the API server makes of apply's
 * requests (helm/plan.c, sent with ?dryRun=All), as two manifests for
 * helm-diff's comparison: drift shows as a change, an object apply would
 * create as added, one it would delete as removed. */
static int live_manifests(struct kube_client *kc, const char *relname, const char *storage_ns,
			  const struct render_out *out, struct sb *old, struct sb *new_, struct sb *err)
{
	struct helm_store st = { kc, storage_ns };
	struct helm_release *last = NULL, *cur = NULL;
	struct helm_plan_in in;
	struct helm_plan_pair *pairs;
	size_t n, i;
	bool install;

	if (helm_store_last(&st, relname, NULL, &last, err) < 0 ||
	    helm_plan_base(&st, relname, last, &cur, &install, err) < 0)
		return -1;
	in = (struct helm_plan_in){ kc, relname, out->namespace, out->manifest.buf ? out->manifest.buf : "",
				    out->manifest.len, cur ? cur->manifest.p : NULL, cur ? cur->manifest.n : 0,
				    install, false };
	if (helm_plan_dry_run(&in, &pairs, &n, err) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (add_doc(kc->a, pairs[i].live, old, err) < 0 || add_doc(kc->a, pairs[i].result, new_, err) < 0)
			return -1;
	return 0;
}

int cmd_diff(int argc, const char **argv, struct cli_ctx *ctx)
{
	const struct diff_opts *o = ctx->opts;
	struct render_in in = { argv[0], o->plain, NULL, &o->v, NULL, NULL, NULL, false, false };
	struct render_out out;
	struct kube_client kc;
	struct sb err = SB_INIT, report = SB_INIT, warn = SB_INIT, lold = SB_INIT, lnew = SB_INIT;
	struct helm_release *last = NULL;
	const char *old = "", *relname, *storage_ns;
	size_t oldn = 0;
	bool changed = false;
	int rc = -1;

	if (cmd_kube_open(ctx, &kc) < 0)
		return 1;
	in.kc = &kc;
	memset(&out, 0, sizeof(out));
	if (o->plain && cmd_plain_reuse(ctx, &kc, argv[0], &in.reuse, &err) < 0)
		goto done;
	if (cmd_render(ctx, &in, &out, &err) < 0)
		goto done;
	if (o->plain) {
		relname = argv[0];
		storage_ns = out.namespace;
	} else {
		relname = out.rel.helm_name;
		storage_ns = out.rel.storage_namespace;
	}
	if (o->live) {
		if (live_manifests(&kc, relname, storage_ns, &out, &lold, &lnew, &err) < 0) {
			/* as apply words a failure of the same requests */
			if (strncmp(err.buf ? err.buf : "", "error: ", 7)) {
				struct sb e = SB_INIT;

				sb_addf(&e, "error: %s", err.buf ? err.buf : "");
				sb_reset(&err);
				sb_add(&err, e.buf, e.len);
				sb_release(&e);
			}
			goto done;
		}
		old = lold.buf ? lold.buf : "";
		oldn = lold.len;
	} else {
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
	if (!o->live && last && last->manifest.p) {
		old = last->manifest.p;
		oldn = last->manifest.n;
	}
	{
		const char *nc = getenv("NO_COLOR");
		struct diff_report_opts ro = { -1, true, false, isatty(1) && !nc, out.namespace, strlen(out.namespace),
					       &warn };
		const char *nt = o->live ? lnew.buf : out.manifest.buf;
		size_t nn = o->live ? lnew.len : out.manifest.len;

		if (diff_manifests(ctx->arena, old, oldn, nt ? nt : "", nn, &ro, &report, &changed, &err) < 0) {
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
	sb_release(&lold);
	sb_release(&lnew);
	if (rc < 0)
		return cmd_fail(&err);
	sb_release(&err);
	return o->exit_code && changed ? 2 : 0;
}
