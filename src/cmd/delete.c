/* delete.c — `cozypkg delete NAME`: Helm's uninstall of the HelmRelease's
 * release, as upstream cozyhr runs it; the HelmRelease itself is left as it
 * is (suspend it first, or Flux installs the release again).  We: the
 * release name and storage namespace are helm-controller's (spec.releaseName,
 * targetNamespace, storageNamespace), where upstream uses the HelmRelease's
 * own name and namespace.  pre-/post-delete hooks run as Helm runs them, with
 * Helm's default --timeout of 5m, unless spec.uninstall.disableHooks (what
 * helm-controller's uninstall honours). */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "flux/hr.h"
#include "flux/release.h"
#include "helm/uninstall.h"
#include "kube/client.h"

/* Helm's default --timeout */
#define DELETE_TIMEOUT_NS (300LL * 1000000000LL)

int cmd_delete(int argc, const char **argv, struct cli_ctx *ctx)
{
	struct kube_client kc;
	struct sb path = SB_INIT, err = SB_INIT, info = SB_INIT;
	struct flux_release fr;
	val hr;
	int rc;

	if (cmd_kube_open(ctx, &kc) < 0)
		return 1;
	flux_hr_path(&path, kube_namespace(&kc), argv[0]);
	rc = kube_call(&kc, "GET", path.buf, NULL, NULL, NULL, 0, &hr, NULL, &err);
	sb_release(&path);
	if (rc == 0) {
		val no_hooks = flux_get(hr, (const char *const[]){ "spec", "uninstall", "disableHooks", NULL });

		flux_release_of(ctx->arena, hr, &fr);
		rc = helm_uninstall(&kc, fr.storage_namespace, fr.helm_name, no_hooks.kind == VAL_BOOL && no_hooks.u.b,
				    DELETE_TIMEOUT_NS, &info, &err);
		if (rc < 0 && err.len && err.buf[0] != 'E' && strncmp(err.buf, "error: ", 7)) {
			struct sb e = SB_INIT;

			sb_addf(&e, "error: %s", err.buf);
			sb_reset(&err);
			sb_add(&err, e.buf, e.len);
			sb_release(&e);
		}
	}
	kube_close(&kc);
	if (info.len)
		fprintf(stderr, "These resources were kept due to the resource policy:\n%s", info.buf);
	sb_release(&info);
	if (rc < 0)
		return cmd_fail(&err);
	sb_release(&err);
	return 0;
}
