/* discovery.h — what the API server serves: its version (/version) and its
 * groups, versions and resources (aggregated discovery: /api and /apis with
 * apidiscovery.k8s.io/v2, three requests in all, as client-go does since
 * Kubernetes 1.30).  Gives Helm's .Capabilities (KubeVersion, APIVersions =
 * every "group/version" and "group/version/Kind", as Helm's GetVersionSet
 * builds them) and the REST mapping apply/delete need (kind -> resource,
 * namespaced or not).
 *
 * Cache: the three answers are kept for 6 hours (kubectl's TTL) in kubectl's
 * cache directory ($KUBECACHEDIR, else ~/.kube/cache) under
 * discovery/<host_port>/cozypkg-discovery.json.  Helm always asks afresh for
 * capabilities; callers that render pass fresh=true for the same result, and
 * a REST mapping miss refreshes once (kubectl's rule). */
#ifndef COZY_KUBE_DISCOVERY_H
#define COZY_KUBE_DISCOVERY_H

#include <stdbool.h>
#include <stddef.h>

#include "kube/client.h"

struct kube_resource {
	const char *group, *version, *resource, *kind;
	bool namespaced;
};

struct kube_discovery {
	const char *git_version, *major, *minor; /* /version */
	const char **api_versions;               /* sorted, unique */
	size_t n_api_versions;
	struct kube_resource *resources;         /* top-level resources (no subresources) */
	size_t n_resources;
	bool from_cache;
};

/* 0, or -1 with kubectl's error in err. */
int kube_discover(struct kube_client *c, bool fresh, struct kube_discovery *d, struct sb *err);

/* The resource serving kind in group/version (apiVersion "g/v" or "v1"), or
 * NULL.  With a client, a miss re-discovers once. */
const struct kube_resource *kube_discovery_find(struct kube_client *c, struct kube_discovery *d,
						const char *api_version, const char *kind, struct sb *err);

#endif
