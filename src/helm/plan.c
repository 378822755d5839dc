/* plan.c — the per-object requests of Helm 3.17.3's install/upgrade
 * (pkg/kube/client.go Create, Update, createPatch; pkg/action/validate.go
 * existingResourceConflict) and their server-side dry run for
 * `diff --live` (see plan.h). */
#include "helm/plan.h"

#include <string.h>

#include "chart/manifest.h"
#include "kube/resource.h"
#include "value/codec.h"

static bool streq(struct helm_str s, const char *c)
{
	return s.p && s.n == strlen(c) && !memcmp(s.p, c, s.n);
}

static val map_child(struct arena *a, val m, const char *k)
{
	val *p = val_map_ref(m, k, strlen(k));

	if (p && p->kind == VAL_MAP)
		return *p;
	val_map_set(a, m, k, strlen(k), val_map_new(a, 4));
	return *val_map_ref(m, k, strlen(k));
}

int helm_plan_objects(struct kube_client *kc, struct kube_discovery *d, const char *text, size_t n,
		      const char *ns, struct helm_plan_obj **out, size_t *nout, struct sb *err)
{
	struct arena *a = kc->a;
	struct manifest_str *docs;
	size_t nd = manifest_split(a, text ? text : "", n, &docs), i, k = 0;

	*out = arena_alloc(a, (nd ? nd : 1) * sizeof(**out));
	for (i = 0; i < nd; i++) {
		struct helm_plan_obj *o = &(*out)[k];
		const struct kube_resource *r;
		struct sb e = SB_INIT;

		if (val_from_yaml(a, docs[i].p, docs[i].n, VAL_YAML_ANY, &o->v, &e) < 0) {
			sb_addf(err, "unable to build kubernetes objects from release manifest: %s", e.buf);
			sb_release(&e);
			return -1;
		}
		sb_release(&e);
		if (o->v.kind != VAL_MAP)
			continue;
		o->api = val_map_str(o->v, "apiVersion", NULL);
		o->kind = val_map_str(o->v, "kind", NULL);
		o->name = val_map_str(o->v, "metadata", "name");
		if (!o->api || !o->kind || !o->name) {
			sb_adds(err, "unable to build kubernetes objects from release manifest: Object 'Kind' is "
				     "missing or metadata.name is missing");
			return -1;
		}
		r = kube_discovery_find(kc, d, o->api, o->kind, err);
		if (!r) {
			if (!err->len)
				sb_addf(err, "unable to build kubernetes objects from release manifest: resource "
					     "mapping not found for name: \"%s\" namespace: \"%s\" from \"\": no "
					     "matches for kind \"%s\" in version \"%s\"\nensure CRDs are installed first",
					o->name, ns, o->kind, o->api);
			return -1;
		}
		if (r->namespaced) {
			const char *own = val_map_str(o->v, "metadata", "namespace");

			o->ns = own && *own ? own : ns;
			val_map_set(a, map_child(a, o->v, "metadata"), "namespace", 9, val_cstr(a, o->ns));
		} else {
			o->ns = "";
		}
		k++;
	}
	*nout = k;
	return 0;
}

bool helm_plan_same(const struct helm_plan_obj *x, const struct helm_plan_obj *y)
{
	/* ResourceList.Get: the group of the apiVersion, not its version */
	const char *gx = strchr(x->api, '/'), *gy = strchr(y->api, '/');
	size_t lx = gx ? (size_t)(gx - x->api) : 0, ly = gy ? (size_t)(gy - y->api) : 0;

	return lx == ly && !strncmp(x->api, y->api, lx) && !strcmp(x->kind, y->kind) && !strcmp(x->name, y->name) &&
	       !strcmp(x->ns, y->ns);
}

struct helm_plan_obj *helm_plan_find(struct helm_plan_obj *list, size_t n, const struct helm_plan_obj *o)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (helm_plan_same(&list[i], o))
			return &list[i];
	return NULL;
}

void helm_plan_set_owner(struct arena *a, val obj, const char *rel_name, const char *rel_ns)
{
	val meta = map_child(a, obj, "metadata");
	val labels = map_child(a, meta, "labels"), ann = map_child(a, meta, "annotations");

	val_map_set(a, labels, "app.kubernetes.io/managed-by", 28, val_str_ref("Helm", 4));
	val_map_set(a, ann, "meta.helm.sh/release-name", 25, val_cstr(a, rel_name));
	val_map_set(a, ann, "meta.helm.sh/release-namespace", 30, val_cstr(a, rel_ns));
}

/* one requireValue of checkOwnership */
static bool require(val map, const char *key, const char *want, const char *what, struct sb *why)
{
	val v;

	if (map.kind != VAL_MAP || !val_map_get(map, key, strlen(key), &v) || v.kind != VAL_STRING) {
		sb_addf(why, "%s%s validation error: missing key \"%s\": must be set to \"%s\"", why->len ? "; " : "",
			what, key, want);
		return false;
	}
	if (v.len != strlen(want) || memcmp(v.u.s, want, v.len)) {
		sb_addf(why, "%s%s validation error: key \"%s\" must equal \"%s\": current value is \"%.*s\"",
			why->len ? "; " : "", what, key, want, (int)v.len, v.u.s);
		return false;
	}
	return true;
}

bool helm_plan_owned_by(val live, const char *rel_name, const char *rel_ns, struct sb *why)
{
	val meta, labels = val_null(), ann = val_null();
	bool ok;

	if (live.kind == VAL_MAP && val_map_get(live, "metadata", 8, &meta) && meta.kind == VAL_MAP) {
		val_map_get(meta, "labels", 6, &labels);
		val_map_get(meta, "annotations", 11, &ann);
	}
	ok = require(labels, "app.kubernetes.io/managed-by", "Helm", "label", why);
	ok = require(ann, "meta.helm.sh/release-name", rel_name, "annotation", why) && ok;
	ok = require(ann, "meta.helm.sh/release-namespace", rel_ns, "annotation", why) && ok;
	return ok;
}

int helm_plan_check_conflict(const struct helm_plan_obj *tgt, val live, const char *rel_name, const char *rel_ns,
			     bool take_ownership, bool install, struct sb *err)
{
	struct sb why = SB_INIT;

	if (live.kind == VAL_NULL || take_ownership)
		return 0;
	if (helm_plan_owned_by(live, rel_name, rel_ns, &why)) {
		sb_release(&why);
		return 0;
	}
	/* install.go / upgrade.go wrap existingResourceConflict's error */
	sb_addf(err, "Unable to continue with %s: %s \"%s\" in namespace \"%s\" exists and cannot be imported into "
		     "the current release: invalid ownership metadata; %s",
		install ? "install" : "update", tgt->kind, tgt->name, tgt->ns, why.buf);
	sb_release(&why);
	return -1;
}

bool helm_plan_keep(val obj)
{
	val meta, ann, v;

	return obj.kind == VAL_MAP && val_map_get(obj, "metadata", 8, &meta) && meta.kind == VAL_MAP &&
	       val_map_get(meta, "annotations", 11, &ann) && ann.kind == VAL_MAP &&
	       val_map_get(ann, "helm.sh/resource-policy", 23, &v) && v.kind == VAL_STRING && v.len == 4 &&
	       !strncmp(v.u.s, "keep", 4);
}

int helm_plan_base(struct helm_store *st, const char *rel_name, struct helm_release *last,
		   struct helm_release **cur, bool *install, struct sb *err)
{
	*cur = NULL;
	*install = !last || (last->info && streq(last->info->status, "uninstalled"));
	if (*install)
		return 0;
	if (last->info && streq(last->info->status, "deployed")) {
		*cur = last;
		return 0;
	}
	if (helm_store_last(st, rel_name, "deployed", cur, err) < 0)
		return -1;
	if (*cur)
		return 0;
	/* no deployed revision: the last failed/superseded one, as Helm does
	 * (a pending one is what apply --recover marks failed first) */
	if (last->info && (streq(last->info->status, "failed") || streq(last->info->status, "superseded") ||
			   helm_rel_status_pending(last->info->status))) {
		*cur = last;
		return 0;
	}
	helm_rel_err_no_deployed(err, rel_name, strlen(rel_name));
	return -1;
}

/* Each OpenAPI document is large: one load per group-version and run. */
#define PLAN_META_MAX 32
struct helm_plan_meta {
	const char *gv[PLAN_META_MAX];
	struct kube_patch_meta meta[PLAN_META_MAX];
	bool ok[PLAN_META_MAX];
	size_t n;
};

struct helm_plan_meta *helm_plan_meta_new(struct arena *a)
{
	return arena_zalloc(a, sizeof(struct helm_plan_meta));
}

const struct kube_patch_type *helm_plan_patch_root(struct kube_client *kc, struct helm_plan_meta *m,
						   const char *gv, const char *kind)
{
	struct sb e = SB_INIT;
	size_t i;

	for (i = 0; i < m->n; i++)
		if (!strcmp(m->gv[i], gv))
			return m->ok[i] ? kube_patch_meta_kind(&m->meta[i], kind) : NULL;
	if (m->n == PLAN_META_MAX)
		return NULL;
	i = m->n++;
	m->gv[i] = gv;
	/* no OpenAPI for the group: JSON merge, as for custom resources */
	m->ok[i] = kube_patch_meta_load(kc, gv, &m->meta[i], &e) == 0;
	sb_release(&e);
	return m->ok[i] ? kube_patch_meta_kind(&m->meta[i], kind) : NULL;
}

int helm_plan_object(struct kube_client *kc, struct kube_discovery *d, struct helm_plan_meta *m,
		     const char *rel_name, const char *rel_ns, const struct helm_plan_obj *orig,
		     struct helm_plan_obj *tgt, val live, struct helm_plan_req *req, struct sb *err)
{
	struct arena *a = kc->a;
	const struct kube_patch_type *root;
	bool empty = false;

	helm_plan_set_owner(a, tgt->v, rel_name, rel_ns);
	sb_reset(&req->path);
	sb_reset(&req->body);
	req->ctype = NULL;
	if (live.kind == VAL_NULL) {
		req->verb = HELM_PLAN_CREATE;
		if (kube_object_path(kc, d, tgt->v, rel_ns, false, &req->path, err) < 0)
			return -1;
		return val_to_json(a, tgt->v, 0, NULL, NULL, &req->body, err);
	}
	root = helm_plan_patch_root(kc, m, tgt->api, tgt->kind);
	if (kube_three_way_patch(a, orig ? orig->v : live, tgt->v, live, root, &req->body, &empty, err) < 0)
		return -1;
	if (empty) {
		req->verb = HELM_PLAN_NOOP;
		sb_reset(&req->body);
		return 0;
	}
	req->verb = HELM_PLAN_PATCH;
	req->ctype = root ? "application/strategic-merge-patch+json" : "application/merge-patch+json";
	return kube_object_path(kc, d, tgt->v, rel_ns, true, &req->path, err);
}

int helm_plan_send(struct kube_client *kc, const struct helm_plan_req *req, bool dry_run, val live,
		   val *result, long *status, struct sb *err)
{
	struct sb path = SB_INIT;
	val res = val_null();
	int rc;

	if (req->verb == HELM_PLAN_NOOP) {
		if (result)
			*result = live;
		return 0;
	}
	sb_add(&path, req->path.buf, req->path.len);
	if (dry_run)
		sb_adds(&path, strchr(path.buf, '?') ? "&dryRun=All" : "?dryRun=All");
	rc = kube_call(kc, req->verb == HELM_PLAN_CREATE ? "POST" : "PATCH", path.buf, NULL, req->ctype,
		       req->body.buf ? req->body.buf : "", req->body.len, result ? &res : NULL, status, err);
	sb_release(&path);
	if (rc == 0 && result)
		*result = res;
	return rc;
}

/* kubectl's addResourceVersion (apply/patcher.go): the patch decoded as
 * json.Unmarshal does, metadata.resourceVersion set, re-marshalled.  The
 * dry run of a patch then fails with a Conflict when the object changed
 * since it was read, instead of showing someone else's change as drift. */
static int precondition(struct arena *a, struct helm_plan_req *req, val live, struct sb *err)
{
	const char *rv = val_map_str(live, "metadata", "resourceVersion");
	val patch;

	if (!rv)
		return 0;
	if (val_from_json(a, req->body.buf, req->body.len, &patch, err) < 0)
		return -1;
	if (patch.kind != VAL_MAP)
		return 0;
	val_map_set(a, map_child(a, patch, "metadata"), "resourceVersion", 15, val_cstr(a, rv));
	sb_reset(&req->body);
	return val_to_json(a, patch, VAL_JSON_ESCAPE_HTML, NULL, NULL, &req->body, err);
}

void helm_plan_req_release(struct helm_plan_req *req)
{
	sb_release(&req->path);
	sb_release(&req->body);
}

/* kubectl diff's maxRetries */
#define PLAN_TRIES 4

int helm_plan_dry_run(const struct helm_plan_in *in, struct helm_plan_pair **out, size_t *nout, struct sb *err)
{
	struct kube_client *kc = in->kc;
	struct arena *a = kc->a;
	struct kube_discovery d;
	struct helm_plan_obj *tgt, *old = NULL;
	struct helm_plan_meta *m;
	struct helm_plan_req req = HELM_PLAN_REQ_INIT;
	struct helm_plan_pair *pairs;
	size_t ntgt, nold = 0, i, k = 0;
	int rc = -1, got;

	*out = NULL;
	*nout = 0;
	if (kube_discover(kc, false, &d, err) < 0)
		return -1;
	if (helm_plan_objects(kc, &d, in->manifest, in->manifest_n, in->namespace, &tgt, &ntgt, err) < 0)
		return -1;
	if (in->old_manifest &&
	    helm_plan_objects(kc, &d, in->old_manifest, in->old_n, in->namespace, &old, &nold, err) < 0)
		return -1;
	m = helm_plan_meta_new(a);
	pairs = arena_alloc(a, (ntgt + nold ? ntgt + nold : 1) * sizeof(*pairs));
	/* the live objects first, and the ownership check, as apply makes
	 * them before it changes anything */
	for (i = 0; i < ntgt; i++) {
		struct helm_plan_pair *p = &pairs[i];
		val live = val_null();

		got = kube_object_get(kc, &d, tgt[i].v, in->namespace, &live, err);
		if (got < 0)
			return -1;
		*p = (struct helm_plan_pair){ tgt[i].kind, tgt[i].name, tgt[i].ns, got == 1 ? live : val_null(),
					      val_null() };
		if (!helm_plan_find(old, nold, &tgt[i]) &&
		    helm_plan_check_conflict(&tgt[i], p->live, in->name, in->namespace, in->take_ownership,
					     in->install, err) < 0)
			return -1;
	}
	for (i = 0; i < ntgt; i++) {
		struct helm_plan_pair *p = &pairs[i];
		int try;

		/* as kubectl diff: a patch conditional on the resourceVersion read,
		 * re-read and re-planned on a Conflict, the last try unconditional */
		for (try = 1;; try++) {
			long status = 0;

			if (helm_plan_object(kc, &d, m, in->name, in->namespace, helm_plan_find(old, nold, &tgt[i]),
					     &tgt[i], p->live, &req, err) < 0)
				goto out;
			if (req.verb == HELM_PLAN_PATCH && try < PLAN_TRIES && precondition(a, &req, p->live, err) < 0)
				goto out;
			if (helm_plan_send(kc, &req, true, p->live, &p->result, &status, err) == 0)
				break;
			if (status != 409 || req.verb != HELM_PLAN_PATCH || try == PLAN_TRIES)
				goto out;
			sb_reset(err);
			p->live = val_null();
			got = kube_object_get(kc, &d, tgt[i].v, in->namespace, &p->live, err);
			if (got < 0)
				goto out;
			if (got == 0)
				p->live = val_null();
		}
	}
	k = ntgt;
	/* what apply deletes: in the previous revision, not in this one, no
	 * keep policy (objects that are already gone are left out) */
	for (i = 0; i < nold; i++) {
		val live = val_null();

		if (helm_plan_find(tgt, ntgt, &old[i]) || helm_plan_keep(old[i].v))
			continue;
		got = kube_object_get(kc, &d, old[i].v, in->namespace, &live, err);
		if (got < 0)
			goto out;
		if (got == 1)
			pairs[k++] = (struct helm_plan_pair){ old[i].kind, old[i].name, old[i].ns, live, val_null() };
	}
	*out = pairs;
	*nout = k;
	rc = 0;
out:
	helm_plan_req_release(&req);
	return rc;
}
