/* uninstall.h — Helm's uninstall of one release (see uninstall.c). */
#ifndef COZY_HELM_UNINSTALL_H
#define COZY_HELM_UNINSTALL_H

#include <stdbool.h>

#include "helm/store.h"

/* Uninstalls release name stored in storage_ns, running its pre-/post-delete
 * hooks unless disable_hooks (Helm's --no-hooks), each hook waited for at
 * most timeout_ns (Helm's --timeout).  info gets Helm's list of kept
 * resources ("[Kind] name\n" lines).  -1 with Helm's message in err. */
int helm_uninstall(struct kube_client *kc, const char *storage_ns, const char *name, bool disable_hooks,
		   long long timeout_ns, struct sb *info, struct sb *err);

#endif
