/* plan.h — what `cozypkg apply` sends for each object of a release, as
 * Helm 3.17.3's upgrade does (pkg/action/upgrade.go, pkg/kube/client.go
 * Create/Update/createPatch), built in one place so that apply and
 * `diff --live` (which sends the same requests with ?dryRun=All) cannot
 * drift apart. */
#ifndef COZY_HELM_PLAN_H
#define COZY_HELM_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "base/sb.h"
#include "helm/store.h"
#include "kube/client.h"
#include "kube/discovery.h"
#include "kube/patch.h"
#include "value/value.h"

/* One object of a manifest, with the namespace Helm's Build gives it. */
struct helm_plan_obj {
	val v;
	const char *api, *kind, *name, *ns; /* ns: "" for cluster-scoped */
};

/* Decodes a manifest into objects (metadata.namespace filled for namespaced
 * kinds, as Helm's Build does).  0, or -1 with Helm's "unable to build
 * kubernetes objects from release manifest" error. */
int helm_plan_objects(struct kube_client *kc, struct kube_discovery *d, const char *text, size_t n,
		      const char *ns, struct helm_plan_obj **out, size_t *nout, struct sb *err);

/* ResourceList.Get's identity: group, kind, namespace and name. */
bool helm_plan_same(const struct helm_plan_obj *x, const struct helm_plan_obj *y);

/* The object of list (n) that is the same as o, or NULL. */
struct helm_plan_obj *helm_plan_find(struct helm_plan_obj *list, size_t n, const struct helm_plan_obj *o);

/* setMetadataVisitor: Helm's ownership label and annotations on obj. */
void helm_plan_set_owner(struct arena *a, val obj, const char *rel_name, const char *rel_ns);

/* checkOwnership: true when live carries this release's ownership metadata,
 * else false with Helm's reasons appended to why. */
bool helm_plan_owned_by(val live, const char *rel_name, const char *rel_ns, struct sb *why);

/* existingResourceConflict for a target that is not in the previous
 * release but exists (live): 0 when it may be taken over, else -1 with
 * install.go / upgrade.go's "Unable to continue with ..." error. */
int helm_plan_check_conflict(const struct helm_plan_obj *tgt, val live, const char *rel_name, const char *rel_ns,
			     bool take_ownership, bool install, struct sb *err);

/* helm.sh/resource-policy: keep */
bool helm_plan_keep(val obj);

/* The revision an upgrade starts from (upgrade.go prepareUpgrade after the
 * pending check): *install when there is no revision or the last one is
 * uninstalled; else *cur = the deployed revision, or the last one when it is
 * failed or superseded (or pending: apply --recover marks it failed first).
 * last = storage Last (may be NULL).  0, or -1 with Helm's "has no deployed
 * releases" error. */
int helm_plan_base(struct helm_store *st, const char *rel_name, struct helm_release *last,
		   struct helm_release **cur, bool *install, struct sb *err);

/* Patch metadata from the API server's OpenAPI v3 documents, loaded once
 * per group-version of a run. */
struct helm_plan_meta;
struct helm_plan_meta *helm_plan_meta_new(struct arena *a);
/* The strategic-merge root type of kind in group-version gv, or NULL (then
 * Helm sends a JSON merge patch: no OpenAPI for the kind, a custom resource). */
const struct kube_patch_type *helm_plan_patch_root(struct kube_client *kc, struct helm_plan_meta *m,
						   const char *gv, const char *kind);

enum helm_plan_verb {
	HELM_PLAN_NOOP = 0, /* the patch is "{}": Helm sends nothing */
	HELM_PLAN_CREATE,   /* POST body to path (the collection) */
	HELM_PLAN_PATCH,    /* PATCH body (ctype) to path (the object) */
};

struct helm_plan_req {
	enum helm_plan_verb verb;
	const char *ctype;  /* PATCH: strategic or JSON merge patch */
	struct sb path;
	struct sb body;     /* JSON */
};
#define HELM_PLAN_REQ_INIT { HELM_PLAN_NOOP, NULL, SB_INIT, SB_INIT }

/* Helm's Create or Update of one target: tgt->v gets the ownership metadata;
 * live VAL_NULL (absent) -> CREATE; else the three-way patch of orig (the
 * object in the previous release; NULL for an adopted object: the live one
 * is the original then, as Helm's Update does), tgt and live -> PATCH, or
 * NOOP when empty.  0, or -1 with err. */
int helm_plan_object(struct kube_client *kc, struct kube_discovery *d, struct helm_plan_meta *m,
		     const char *rel_name, const char *rel_ns, const struct helm_plan_obj *orig,
		     struct helm_plan_obj *tgt, val live, struct helm_plan_req *req, struct sb *err);

/* Sends req (dry_run: with ?dryRun=All, nothing is persisted).  *result (may
 * be NULL) gets the object the server answered with; for NOOP nothing is
 * sent and *result = live.  0, or -1 with kubectl's words in err and the
 * HTTP status in *status (may be NULL; 0 when no answer came). */
int helm_plan_send(struct kube_client *kc, const struct helm_plan_req *req, bool dry_run, val live,
		   val *result, long *status, struct sb *err);

void helm_plan_req_release(struct helm_plan_req *req);

/* ---- the whole release, dry-run (diff --live) ---- */

struct helm_plan_in {
	struct kube_client *kc;
	const char *name;        /* release name */
	const char *namespace;   /* release namespace */
	const char *manifest;    /* the new render (helm template --no-hooks) */
	size_t manifest_n;
	const char *old_manifest; /* the revision apply starts from, NULL on install */
	size_t old_n;
	bool install;
	bool take_ownership;
};

/* One object apply would touch: live (VAL_NULL when absent) and what the
 * API server answered to the dry run (VAL_NULL: apply would delete it). */
struct helm_plan_pair {
	const char *kind, *name, *ns;
	val live;
	val result;
};

/* Every target (in manifest order: GET, then the dry run of the request
 * helm_plan_object builds), then every object of the previous revision that
 * left the chart without a keep policy and still exists (result VAL_NULL).
 * A dry-run patch carries the live resourceVersion as a precondition and is
 * retried on a Conflict, as kubectl diff does.  Sends only GETs and dry-run
 * requests.  0, or -1 with err. */
int helm_plan_dry_run(const struct helm_plan_in *in, struct helm_plan_pair **out, size_t *nout, struct sb *err);

#endif
