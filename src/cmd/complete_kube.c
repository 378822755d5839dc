/* complete_kube.c — the cluster side of shell completion (complete_dynamic()
 * in src/cli/complete.h): HelmRelease names in the namespace being completed
 * for, and namespace names, as upstream's completeHelmReleases and
 * completeNamespaces list them.  One request each, asking only for object
 * metadata (PartialObjectMetadataList) since names are all that is shown. */
#include <stdlib.h>
#include <string.h>

#include "cli/complete.h"
#include "flux/hr.h"
#include "kube/client.h"

#define METADATA_ACCEPT \
	"application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json"

int complete_dynamic(struct cli_ctx *ctx, enum complete_kind kind, const char *to_complete,
		     struct complete_list *out)
{
	struct kube_client kc;
	struct sb path = SB_INIT, err = SB_INIT;
	val list, items;
	size_t i;
	int rc = -1;

	(void)to_complete;
	if (kube_open(&kc, ctx->arena, &ctx->g, &err) < 0)
		goto done;
	if (kind == COMPLETE_NAMESPACES)
		kube_path(&path, "", "v1", "namespaces", NULL, NULL);
	else
		flux_hr_path(&path, kube_namespace(&kc), NULL);
	if (kube_call(&kc, "GET", path.buf, METADATA_ACCEPT, NULL, NULL, 0, &list, NULL, &err) == 0) {
		items = flux_get(list, (const char *const[]){ "items", NULL });
		for (i = 0; items.kind == VAL_LIST && i < val_list_len(items); i++) {
			const char *name = flux_get_str(val_list_at(items, i),
							(const char *const[]){ "metadata", "name", NULL });
			if (name)
				complete_list_add(out, name);
		}
		rc = 0;
	}
	kube_close(&kc);
done:
	sb_release(&path);
	sb_release(&err);
	return rc;
}
