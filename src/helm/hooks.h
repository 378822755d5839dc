/* hooks.h — Helm 3.17.3's release hooks (pkg/action/hooks.go execHook,
 * pkg/kube/client.go WatchUntilReady): the hooks of a release record, and
 * running those of one event as install, upgrade and uninstall do.  See
 * hooks.c. */
#ifndef COZY_HELM_HOOKS_H
#define COZY_HELM_HOOKS_H

#include <stdbool.h>

#include "base/sb.h"
#include "chart/manifest.h"
#include "helm/release.h"
#include "helm/store.h"
#include "kube/discovery.h"

/* What execHook works with: the kube client, the namespace Build gives
 * objects without one (Helm's -n: the release namespace), the storage that
 * recordRelease writes to, and --timeout for each watch and delete wait. */
struct helm_hooks_ctx {
	struct kube_client *kc;
	struct kube_discovery *d;
	struct helm_store *st;
	const char *namespace;
	long long timeout_ns;
};

/* rel->hooks from SortManifests' hooks, as renderResources stores them
 * (every hook, test hooks included, last_run zero). */
void helm_hooks_fill(struct arena *a, const struct manifest_sorted *s, struct helm_release *rel);

/* execHook(rel, event, timeout): the hooks of event sorted by weight then
 * name (stable), each one's before-hook-creation delete, the record stored
 * with last_run Running, the create, the watch (Jobs until complete, Pods
 * until succeeded, other kinds at once), hook-failed / hook-succeeded
 * deletes.  Mutates rel->hooks (default delete policy, last_run) as Helm
 * does; the caller stores the record afterwards.  -1 with Helm's error text
 * (without the caller's "pre-upgrade hooks failed: " style prefix). */
int helm_hooks_exec(const struct helm_hooks_ctx *x, struct helm_release *rel, const char *event, struct sb *err);

/* hashicorp/go-multierror's ListFormatFunc, as Helm's kube client perform()
 * reports the errors of a batch ("1 error occurred:\n\t* ...\n\n"). */
void helm_multierror(struct sb *out, const struct sb *errs, size_t n);

#endif
