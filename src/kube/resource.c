/* resource.c — manifest object -> REST path, and GET of the live object
 * (see resource.h). */
#include "kube/resource.h"

#include <string.h>

int kube_object_path(struct kube_client *c, struct kube_discovery *d, val obj, const char *default_ns,
		     bool with_name, struct sb *path, struct sb *err)
{
	const char *api = val_map_str(obj, "apiVersion", NULL), *kind = val_map_str(obj, "kind", NULL);
	const char *name = val_map_str(obj, "metadata", "name"), *ns = val_map_str(obj, "metadata", "namespace");
	const struct kube_resource *r;

	if (!api || !kind) {
		sb_addf(err, "error: object %s has no %s", name ? name : "(unnamed)", api ? "kind" : "apiVersion");
		return -1;
	}
	r = kube_discovery_find(c, d, api, kind, err);
	if (!r) {
		if (!err->len)
			/* apimachinery's NoKindMatchError, as Helm and kubectl show it */
			sb_addf(err, "error: resource mapping not found for name: \"%s\" namespace: \"%s\": "
				     "no matches for kind \"%s\" in version \"%s\"",
				name ? name : "", ns ? ns : "", kind, api);
		return -1;
	}
	if (with_name && (!name || !*name)) {
		sb_addf(err, "error: %s of apiVersion %s has no metadata.name", kind, api);
		return -1;
	}
	kube_path(path, r->group, r->version, r->resource,
		  r->namespaced ? (ns && *ns ? ns : default_ns) : NULL, with_name ? name : NULL);
	return 0;
}

int kube_object_get(struct kube_client *c, struct kube_discovery *d, val obj, const char *default_ns, val *live,
		    struct sb *err)
{
	struct sb path = SB_INIT;
	long status = 0;
	int rc;

	if (kube_object_path(c, d, obj, default_ns, true, &path, err) < 0) {
		sb_release(&path);
		return -1;
	}
	rc = kube_call(c, "GET", path.buf, NULL, NULL, NULL, 0, live, &status, err);
	sb_release(&path);
	if (rc < 0 && status == 404) {
		sb_reset(err);
		return 0;
	}
	return rc < 0 ? -1 : 1;
}
