/* uninstall.c — Helm 3.17.3's `helm uninstall` with its defaults, as
 * upstream cozyhr's `delete` runs it (pkg/action/uninstall.go): the latest
 * revision is marked uninstalling, the resources of its manifest are deleted
 * in Helm's UninstallOrder with background propagation (absent ones
 * ignored), `helm.sh/resource-policy: keep` honoured, then every revision's
 * Secret is purged.  pre-delete hooks run before the resources go (their
 * failure stops the uninstall, the release left uninstalling as Helm leaves
 * it), post-delete hooks after (a failure is reported, the purge still
 * happens), both through src/helm/hooks.c. */
#include "helm/uninstall.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/manifest.h"
#include "helm/hooks.h"
#include "kube/discovery.h"
#include "kube/resource.h"
#include "value/codec.h"

/* releaseutil.UninstallOrder (kind_sorter.go); kinds not listed go last,
 * sorted by name among themselves. */
static const char *const uninstall_order[] = {
	"APIService", "Ingress", "IngressClass", "Service", "CronJob", "Job", "StatefulSet",
	"HorizontalPodAutoscaler", "Deployment", "ReplicaSet", "ReplicationController", "Pod", "DaemonSet",
	"RoleBindingList", "RoleBinding", "RoleList", "Role", "ClusterRoleBindingList", "ClusterRoleBinding",
	"ClusterRoleList", "ClusterRole", "CustomResourceDefinition", "PersistentVolumeClaim",
	"PersistentVolume", "StorageClass", "ConfigMap", "SecretList", "Secret", "ServiceAccount",
	"PodDisruptionBudget", "PodSecurityPolicy", "LimitRange", "ResourceQuota", "NetworkPolicy",
	"Namespace", "PriorityClass",
};

struct doc {
	const char *text;
	size_t n, pos;
	val obj;
	const char *kind;
	int rank; /* index in uninstall_order, or -1 */
};

static int rank_of(const char *kind)
{
	size_t i;

	for (i = 0; i < sizeof(uninstall_order) / sizeof(uninstall_order[0]); i++)
		if (!strcmp(uninstall_order[i], kind))
			return (int)i;
	return -1;
}

/* kind_sorter.go lessByKind, made stable by the document position. */
static int by_uninstall_order(const void *x, const void *y)
{
	const struct doc *a = x, *b = y;

	if (a->rank < 0 && b->rank < 0) {
		int c = strcmp(a->kind, b->kind);
		if (c)
			return c;
	} else if (a->rank < 0) {
		return 1;
	} else if (b->rank < 0) {
		return -1;
	} else if (a->rank != b->rank) {
		return a->rank - b->rank;
	}
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* The resource-policy annotation, lower-cased and trimmed, or NULL. */
static bool policy_keep(val obj, bool *has)
{
	val meta, ann, p;
	size_t i, j, n;
	const char *s;
	char buf[16];

	*has = false;
	if (obj.kind != VAL_MAP || !val_map_get(obj, "metadata", 8, &meta) || meta.kind != VAL_MAP ||
	    !val_map_get(meta, "annotations", 11, &ann) || ann.kind != VAL_MAP ||
	    !val_map_get(ann, "helm.sh/resource-policy", 23, &p) || p.kind != VAL_STRING)
		return false;
	*has = true;
	s = p.u.s;
	n = p.len;
	while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	if (n != 4)
		return false;
	for (i = 0, j = 0; i < n; i++)
		buf[j++] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	return !memcmp(buf, "keep", 4);
}

static bool has_delete_hooks(const struct helm_release *r)
{
	size_t i, j;

	for (i = 0; i < r->nhooks; i++)
		for (j = 0; j < r->hooks[i].events.n; j++) {
			const struct helm_str *e = &r->hooks[i].events.v[j];
			if ((e->n == 10 && !memcmp(e->p, "pre-delete", 10)) ||
			    (e->n == 11 && !memcmp(e->p, "post-delete", 11)))
				return true;
		}
	return false;
}

/* Deletes the manifest's resources; kept ones are listed in info. */
static int delete_resources(struct kube_client *kc, struct kube_discovery *known, const struct helm_release *r,
			    struct sb *info, int *failed, struct sb *err)
{
	struct arena *a = kc->a;
	struct manifest_str *docs;
	size_t ndocs = manifest_split(a, r->manifest.p ? r->manifest.p : "", r->manifest.n, &docs), i, nd = 0;
	struct doc *d = arena_alloc(a, (ndocs ? ndocs : 1) * sizeof(*d));
	struct kube_discovery disco;
	const char *ns = r->namespace_.p ? arena_memdup(a, r->namespace_.p, r->namespace_.n) : "default";

	for (i = 0; i < ndocs; i++) {
		val obj;
		struct sb e = SB_INIT;

		if (val_from_yaml(a, docs[i].p, docs[i].n, VAL_YAML_ANY, &obj, &e) < 0 || obj.kind != VAL_MAP) {
			/* SortManifests fails on a document it cannot read */
			sb_addf(err, "corrupted release record. You must manually delete the resources: %s",
				e.len ? e.buf : "not an object");
			sb_release(&e);
			return -1;
		}
		sb_release(&e);
		d[nd].text = docs[i].p;
		d[nd].n = docs[i].n;
		d[nd].pos = i;
		d[nd].obj = obj;
		d[nd].kind = val_map_str(obj, "kind", NULL);
		if (!d[nd].kind)
			d[nd].kind = "";
		d[nd].rank = rank_of(d[nd].kind);
		nd++;
	}
	qsort(d, nd, sizeof(*d), by_uninstall_order);
	if (known)
		disco = *known;
	else if (nd && kube_discover(kc, false, &disco, err) < 0)
		return -1;
	for (i = 0; i < nd; i++) {
		bool has;
		struct sb path = SB_INIT, e = SB_INIT;
		long status = 0;
		static const char body[] = "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\","
					   "\"propagationPolicy\":\"Background\"}";

		if (policy_keep(d[i].obj, &has)) {
			const char *name = val_map_str(d[i].obj, "metadata", "name");
			sb_addf(info, "[%s] %s\n", d[i].kind, name ? name : "");
			continue;
		}
		if (has)
			continue; /* filterManifestsToKeep drops other policies altogether */
		if (kube_object_path(kc, &disco, d[i].obj, ns, true, &path, &e) < 0 ||
		    (kube_call(kc, "DELETE", path.buf, NULL, NULL, body, sizeof(body) - 1, NULL, &status, &e) < 0 &&
		     status != 404)) {
			/* Helm logs each failure and reports the uninstall as failed */
			fprintf(stderr, "uninstall: Failed to delete release: %s\n", e.buf);
			(*failed)++;
		}
		sb_release(&path);
		sb_release(&e);
	}
	return 0;
}

int helm_uninstall(struct kube_client *kc, const char *storage_ns, const char *name, bool disable_hooks,
		   long long timeout_ns, struct sb *info, struct sb *err)
{
	struct helm_store st = { kc, storage_ns };
	struct helm_release **rels, *rel;
	struct kube_discovery disco, *known = NULL;
	struct helm_hooks_ctx hx;
	struct sb errs = SB_INIT; /* joinErrors of what happened after the deletion */
	size_t n, i, nerrs = 0;
	int failed = 0;

	if (helm_store_history(&st, name, &rels, &n, err) < 0) {
		struct sb e = SB_INIT;

		sb_addf(&e, "uninstall: Release not loaded: %s: %s", name, err->buf);
		sb_reset(err);
		sb_add(err, e.buf, e.len);
		sb_release(&e);
		return -1;
	}
	if (!n) {
		sb_addf(err, "uninstall: Release not loaded: %s: %s", name, HELM_REL_ERR_NOT_FOUND);
		return -1;
	}
	rel = rels[n - 1];
	if (rel->info && rel->info->status.n == 11 && !memcmp(rel->info->status.p, "uninstalled", 11)) {
		for (i = 0; i < n; i++)
			if (helm_store_delete(&st, name, rels[i]->version, err) < 0)
				return -1;
		return 0;
	}
	if (!rel->info)
		rel->info = arena_zalloc(kc->a, sizeof(*rel->info));
	rel->info->status = (struct helm_str){ "uninstalling", 12 };
	rel->info->deleted = helm_time_now();
	rel->info->description = (struct helm_str){ "Deletion in progress (or silently failed)", 41 };
	if (!disable_hooks && has_delete_hooks(rel)) {
		if (kube_discover(kc, false, &disco, err) < 0)
			return -1;
		known = &disco;
	}
	/* hook objects without a namespace go to the release's (Helm's -n) */
	hx = (struct helm_hooks_ctx){ kc, known, &st,
				      rel->namespace_.n ? arena_memdup(kc->a, rel->namespace_.p, rel->namespace_.n)
							: storage_ns,
				      timeout_ns };
	/* a pre-delete failure is returned as it is; the hook's record (status
	 * uninstalling) stays, as Helm leaves it */
	if (known && helm_hooks_exec(&hx, rel, "pre-delete", err) < 0)
		return -1;
	{
		struct sb e = SB_INIT;

		if (helm_store_write(&st, rel, HELM_REL_UPDATE, &e) < 0)
			fprintf(stderr, "uninstall: Failed to store updated release: %s\n", e.buf);
		sb_release(&e);
	}
	if (delete_resources(kc, known, rel, info, &failed, err) < 0)
		return -1;
	if (failed) {
		sb_addf(err, "failed to delete release: %s", name);
		return -1;
	}
	if (known) {
		struct sb e = SB_INIT;

		if (helm_hooks_exec(&hx, rel, "post-delete", &e) < 0) {
			sb_add(&errs, e.buf, e.len);
			nerrs++;
		}
		sb_release(&e);
	}
	rel->info->status = (struct helm_str){ "uninstalled", 11 };
	rel->info->description = (struct helm_str){ "Uninstallation complete", 23 };
	for (i = 0; i < n; i++) {
		struct sb e = SB_INIT;

		/* purgeReleases stops at the first failure */
		if (helm_store_delete(&st, name, rels[i]->version, &e) < 0) {
			sb_addf(&errs, "%suninstall: Failed to purge the release: %s", nerrs ? "; " : "", e.buf);
			nerrs++;
			sb_release(&e);
			break;
		}
		sb_release(&e);
	}
	if (nerrs) {
		sb_addf(err, "uninstallation completed with %zu error(s): %s", nerrs, errs.buf);
		sb_release(&errs);
		return -1;
	}
	sb_release(&errs);
	return 0;
}
