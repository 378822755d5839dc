/* store.h — Helm's release storage on a live cluster: the secrets driver's
 * Query/Create/Update/Delete (helm.sh/helm/v3 pkg/storage/driver/secrets.go)
 * over the kube client, in one storage namespace. */
#ifndef COZY_HELM_STORE_H
#define COZY_HELM_STORE_H

#include "helm/release.h"
#include "kube/client.h"

struct helm_store {
	struct kube_client *kc;
	const char *ns; /* storage namespace */
};

/* Every revision of release name (storage History: "name=N,owner=helm"),
 * sorted by revision, oldest first.  0 with *n = 0 when there is none; -1 on
 * failure with kubectl's / Helm's words in err. */
int helm_store_history(struct helm_store *s, const char *name, struct helm_release ***out, size_t *n,
		       struct sb *err);

/* The highest revision of release name, or with status given the highest
 * revision in that status (storage Last / Deployed), decoding only that
 * one Secret (the labels carry version and status): 1 found, 0 none, -1
 * failure. */
int helm_store_last(struct helm_store *s, const char *name, const char *status, struct helm_release **out,
		    struct sb *err);

/* Create (POST) or Update (PUT) the Secret of r. */
int helm_store_write(struct helm_store *s, const struct helm_release *r, enum helm_rel_write mode,
		     struct sb *err);

/* Delete the Secret of revision version of name (absent is fine). */
int helm_store_delete(struct helm_store *s, const char *name, int64_t version, struct sb *err);

#endif
