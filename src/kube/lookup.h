/* lookup.h — Helm's `lookup` template function answered by the API server
 * (Helm 3.17.3 pkg/engine/lookup_func.go): apiVersion+kind mapped to a
 * resource through discovery, one GET (name given) or LIST (name ""), the
 * object or List as the dynamic client's UnstructuredContent() gives it. */
#ifndef COZY_KUBE_LOOKUP_H
#define COZY_KUBE_LOOKUP_H

#include "base/arena.h"
#include "base/sb.h"
#include "kube/client.h"
#include "kube/discovery.h"
#include "value/value.h"

/* The context of kube_lookup: answers are allocated in a; d is the
 * discovery the render already made (its capabilities). */
struct kube_lookup {
	struct arena *a;
	struct kube_client *kc;
	struct kube_discovery *d;
};

/* Matches struct engine_lookup's fn.  0 with *out = the object / List map,
 * or an empty map when the server says NotFound; -1 with Helm's error text
 * (what follows "error calling lookup: ") and *out = an empty map. */
int kube_lookup(void *ctx, const char *api_version, const char *kind, const char *ns, const char *name, val *out,
		struct sb *err);

#endif
