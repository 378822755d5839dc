/* resource.h — REST verbs on objects addressed by their manifest
 * (apiVersion, kind, metadata.name/namespace), mapped to URLs through
 * discovery as client-go's RESTMapper does: the path every apply, diff and
 * delete request goes to. */
#ifndef COZY_KUBE_RESOURCE_H
#define COZY_KUBE_RESOURCE_H

#include "kube/client.h"
#include "kube/discovery.h"

/* The object's REST path (collection path when with_name is false), with
 * default_ns for namespaced kinds without metadata.namespace.  -1 with
 * err = kubectl's "no matches for kind" text when the kind is unknown. */
int kube_object_path(struct kube_client *c, struct kube_discovery *d, val obj, const char *default_ns,
		     bool with_name, struct sb *path, struct sb *err);

/* GET the live object: 1 found (*live set), 0 absent, -1 failure. */
int kube_object_get(struct kube_client *c, struct kube_discovery *d, val obj, const char *default_ns, val *live,
		    struct sb *err);

#endif
