/* upgrade.h — Helm 3.17.3's `helm upgrade --install` of a rendered chart
 * (pkg/action/install.go, upgrade.go, pkg/kube/client.go): see upgrade.c. */
#ifndef COZY_HELM_UPGRADE_H
#define COZY_HELM_UPGRADE_H

#include <stdio.h>

#include "chart/chart.h"
#include "helm/store.h"

struct helm_upgrade_in {
	struct kube_client *kc;
	const char *name;          /* release name */
	const char *namespace;     /* release namespace (resources default to it) */
	const char *storage_ns;    /* where the release Secrets live */
	const struct chart *chart;
	val rendered;              /* template -> text (hooks are found here) */
	val config;                /* the release's config (user values) */
	const char *manifest;      /* helm template --no-hooks text of the release */
	size_t manifest_n;
	bool take_ownership;       /* adopt resources owned by no/another release */
	bool recover;              /* a pending-* latest revision (an interrupted run)
				      is stored as failed first, instead of refusing */
	bool disable_hooks_install; /* Helm's --no-hooks when this is an install
				       (HelmRelease spec.install.disableHooks) */
	bool disable_hooks_upgrade; /* ... when an upgrade (spec.upgrade.disableHooks) */
	bool wait;                 /* Helm's --wait: helm_wait_ready() after the
				      resources, before the post-hooks */
	long long timeout_ns;      /* Helm's --timeout: each hook and the wait */
	FILE *progress;            /* where wait progress goes (stderr), NULL = quiet */
};

struct helm_upgrade_out {
	struct helm_release *rel;  /* the new revision, as stored; set once it is
				      built, so it may be unstored on failure (the
				      ownership check comes before the store) */
	bool installed;            /* first revision */
};

/* 0 on success (the release is deployed), -1 with Helm's message in err;
 * when the failure came after the pending record was written, that revision
 * is stored as failed, as Helm does. */
int helm_upgrade_install(const struct helm_upgrade_in *in, struct helm_upgrade_out *out, struct sb *err);

#endif
