/* upgrade.c — `helm upgrade --install` as Helm 3.17.3 performs it, for a
 * chart cozypkg rendered (pkg/action/install.go, upgrade.go; pkg/kube
 * client.go Create/Update/Delete):
 *   - the latest revision decides: none → install, pending-* → refused with
 *     Helm's "another operation ... is in progress", else upgrade of the
 *     deployed (or last failed/superseded) revision;
 *   - the new revision is stored first as pending-install/pending-upgrade;
 *   - install: crds/ created when absent; every resource checked for an
 *     existing object of another owner (Helm's "invalid ownership metadata"
 *     unless take_ownership); objects created in install order;
 *   - upgrade: objects of the previous manifest patched with Helm's
 *     three-way patch (src/kube/patch.h), new ones created, gone ones deleted
 *     unless `helm.sh/resource-policy: keep`;
 *   - every object carries Helm's ownership label and annotations;
 *   - hooks (src/helm/hooks.c): pre-install/pre-upgrade after the pending
 *     record, post-* after the resources and the optional --wait, unless
 *     disabled; every hook goes into the record, test hooks included;
 *   - success: deployed (+ the previous revision superseded); failure: the
 *     revision stored as failed with Helm's description. */
#include "helm/upgrade.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "chart/manifest.h"
#include "funcs/fn_encoding.h"
#include "helm/hooks.h"
#include "helm/plan.h"
#include "helm/wait.h"
#include "kube/discovery.h"
#include "kube/patch.h"
#include "kube/resource.h"
#include "value/codec.h"

/* The release record as Helm builds it (createRelease / prepareUpgrade). */
static struct helm_release *new_release(const struct helm_upgrade_in *in, int64_t version, bool install,
					struct sb *err)
{
	struct arena *a = in->kc->a;
	const struct chart *c = in->chart;
	val r = val_map_new(a, 8), ch = val_map_new(a, 6), list;
	struct sb json = SB_INIT;
	struct helm_release *rel = arena_zalloc(a, sizeof(*rel));
	size_t i;

	val_map_set(a, ch, "metadata", 8, c->meta);
	list = val_list_new(a, c->ntemplates);
	for (i = 0; i < c->ntemplates; i++) {
		val f = val_map_new(a, 2);
		struct sb b = SB_INIT;

		fn_b64_encode(&b, (const unsigned char *)c->templates[i].data, c->templates[i].len);
		val_map_set(a, f, "name", 4, val_cstr(a, c->templates[i].name));
		val_map_set(a, f, "data", 4, val_str(a, b.buf ? b.buf : "", b.len));
		val_list_push(a, list, f);
		sb_release(&b);
	}
	val_map_set(a, ch, "templates", 9, c->ntemplates ? list : val_null());
	val_map_set(a, ch, "values", 6, c->values);
	if (c->schema) {
		struct sb b = SB_INIT;

		fn_b64_encode(&b, (const unsigned char *)c->schema, c->schema_len);
		val_map_set(a, ch, "schema", 6, val_str(a, b.buf ? b.buf : "", b.len));
		sb_release(&b);
	}
	list = val_list_new(a, c->nfiles);
	for (i = 0; i < c->nfiles; i++) {
		val f = val_map_new(a, 2);
		struct sb b = SB_INIT;

		fn_b64_encode(&b, (const unsigned char *)c->files[i].data, c->files[i].len);
		val_map_set(a, f, "name", 4, val_cstr(a, c->files[i].name));
		val_map_set(a, f, "data", 4, val_str(a, b.buf ? b.buf : "", b.len));
		val_list_push(a, list, f);
		sb_release(&b);
	}
	/* the loader leaves Files nil when the chart has none: JSON null */
	val_map_set(a, ch, "files", 5, c->nfiles ? list : val_null());
	val_map_set(a, r, "name", 4, val_cstr(a, in->name));
	val_map_set(a, r, "chart", 5, ch);
	val_map_set(a, r, "config", 6, in->config.kind == VAL_MAP ? in->config : val_map_new(a, 0));
	val_map_set(a, r, "manifest", 8, val_str(a, in->manifest, in->manifest_n));
	val_map_set(a, r, "version", 7, val_int(version));
	val_map_set(a, r, "namespace", 9, val_cstr(a, in->namespace));
	if (val_to_json(a, r, 0, NULL, NULL, &json, err) < 0 ||
	    helm_rel_from_json(a, json.buf, json.len, rel, err) < 0) {
		sb_release(&json);
		return NULL;
	}
	sb_release(&json);
	rel->info = arena_zalloc(a, sizeof(*rel->info));
	rel->info->first_deployed = rel->info->last_deployed = helm_time_now();
	rel->info->status = install ? (struct helm_str){ "pending-install", 15 }
				    : (struct helm_str){ "pending-upgrade", 15 };
	rel->info->description = install ? (struct helm_str){ "Initial install underway", 24 }
					 : (struct helm_str){ "Preparing upgrade", 17 };
	return rel;
}

static int send(struct kube_client *kc, const char *method, const char *path, const char *ctype, val body,
		struct sb *err)
{
	struct sb json = SB_INIT;
	int rc = -1;

	if (val_to_json(kc->a, body, 0, NULL, NULL, &json, err) == 0)
		rc = kube_call(kc, method, path, NULL, ctype, json.buf, json.len, NULL, NULL, err);
	sb_release(&json);
	return rc;
}

/* True when a CRD object reports Established=True. */
static bool crd_established(val crd)
{
	val st, conds;
	size_t i;

	if (crd.kind != VAL_MAP || !val_map_get(crd, "status", 6, &st) || st.kind != VAL_MAP ||
	    !val_map_get(st, "conditions", 10, &conds) || conds.kind != VAL_LIST)
		return false;
	for (i = 0; i < val_list_len(conds); i++) {
		const char *t = val_map_str(val_list_at(conds, i), "type", NULL);
		const char *v = val_map_str(val_list_at(conds, i), "status", NULL);

		if (t && v && !strcmp(t, "Established"))
			return !strcmp(v, "True");
	}
	return false;
}

/* install: crds/ of the chart, created when absent (Helm's installCRDs:
 * never updated), then waited for until Established (Helm's Wait on the
 * CRD list, 60 s), then discovery asked afresh once. */
static int install_crds(struct kube_client *kc, struct kube_discovery *d, const struct chart *c, struct sb *err)
{
	struct manifest_crd *crds;
	size_t n = manifest_crds(kc->a, c, &crds), i, j, nmade = 0;
	const char **made = arena_alloc(kc->a, (n ? n : 1) * 8 * sizeof(*made));
	size_t capmade = (n ? n : 1) * 8;

	for (i = 0; i < n; i++) {
		struct helm_plan_obj *objs;
		size_t no;

		if (helm_plan_objects(kc, d, crds[i].data.p, crds[i].data.n, "", &objs, &no, err) < 0)
			return -1;
		for (j = 0; j < no; j++) {
			struct sb path = SB_INIT;
			int rc;

			kube_object_path(kc, d, objs[j].v, "", false, &path, err);
			rc = send(kc, "POST", path.buf, NULL, objs[j].v, err);
			sb_release(&path);
			if (rc < 0) {
				if (strstr(err->buf, "(AlreadyExists)")) {
					sb_reset(err);
					continue;
				}
				return -1;
			}
			if (nmade < capmade)
				made[nmade++] = objs[j].name;
		}
	}
	if (!nmade)
		return 0;
	for (i = 0; i < nmade; i++) {
		int tries;

		for (tries = 0; tries < 120; tries++) {
			struct sb path = SB_INIT;
			val crd;
			int rc;

			kube_path(&path, "apiextensions.k8s.io", "v1", "customresourcedefinitions", NULL, made[i]);
			rc = kube_call(kc, "GET", path.buf, NULL, NULL, NULL, 0, &crd, NULL, err);
			sb_release(&path);
			if (rc < 0)
				return -1;
			if (crd_established(crd))
				break;
			struct timespec ts = { 0, 500000000 };
			nanosleep(&ts, NULL);
		}
	}
	return kube_discover(kc, true, d, err);
}

/* The live targets, one GET each; ownership of objects that exist but are
 * not in the previous release (existingResourceConflict), checked before
 * the new revision is stored, as install.go and upgrade.go do.  *adopt:
 * some target exists already (install then goes through Update, as
 * install.go does with its toBeAdopted list). */
static int check_objects(const struct helm_upgrade_in *in, struct kube_discovery *d, struct helm_plan_obj *old,
			 size_t nold, struct helm_plan_obj *tgt, size_t ntgt, bool install, val **out, bool *adopt,
			 struct sb *err)
{
	struct kube_client *kc = in->kc;
	val *lives = arena_alloc(kc->a, (ntgt ? ntgt : 1) * sizeof(*lives));
	size_t i;

	*adopt = false;
	for (i = 0; i < ntgt; i++) {
		val live = val_null();
		int rc;

		rc = kube_object_get(kc, d, tgt[i].v, in->namespace, &live, err);
		if (rc < 0)
			return -1;
		lives[i] = rc == 1 ? live : val_null();
		*adopt |= rc == 1;
		if (rc == 1 && !helm_plan_find(old, nold, &tgt[i]) &&
		    helm_plan_check_conflict(&tgt[i], live, in->name, in->namespace, in->take_ownership, install,
					     err) < 0)
			return -1;
	}
	*out = lives;
	return 0;
}

/* metav1.StatusError.Error() of a failed request: the API message without
 * kubectl's framing, as Helm's errors quote it. */
static void go_err(const struct sb *kerr, struct sb *out)
{
	kube_err_go_text(kerr->buf ? kerr->buf : "", kerr->len, out);
}

/* Creates or patches the targets; deletes what left the chart.  Errors as
 * Helm's kube client words them: Create (a fresh install) attempts every
 * object and lists the failures; Update stops at a failed create ("failed
 * to create resource: ..."), goes on past failed patches ("cannot patch
 * ..." joined by " && ") and deletes only when all went through. */
static int apply_objects(const struct helm_upgrade_in *in, struct kube_discovery *d, struct helm_plan_obj *old,
			 size_t nold, struct helm_plan_obj *tgt, size_t ntgt, const val *lives, bool create,
			 struct sb *err)
{
	struct kube_client *kc = in->kc;
	struct helm_plan_meta *m = helm_plan_meta_new(kc->a);
	struct helm_plan_req req = HELM_PLAN_REQ_INIT;
	struct sb errs = SB_INIT, *list = arena_zalloc(kc->a, (ntgt ? ntgt : 1) * sizeof(*list));
	size_t i, j, nerr = 0;
	int rc = 0;

	for (i = 0; i < ntgt && rc == 0; i++) {
		struct sb e = SB_INIT;

		if (helm_plan_object(kc, d, m, in->name, in->namespace, helm_plan_find(old, nold, &tgt[i]), &tgt[i],
				     lives[i], &req, &e) < 0 ||
		    helm_plan_send(kc, &req, false, lives[i], NULL, NULL, &e) < 0) {
			if (create) {
				go_err(&e, &list[nerr++]);
			} else if (req.verb == HELM_PLAN_CREATE) {
				sb_adds(err, "failed to create resource: ");
				go_err(&e, err);
				rc = -1;
			} else {
				if (nerr++)
					sb_adds(&errs, " && ");
				sb_addf(&errs, "cannot patch \"%s\" with kind %s: ", tgt[i].name, tgt[i].kind);
				go_err(&e, &errs);
			}
		}
		sb_release(&e);
	}
	helm_plan_req_release(&req);
	if (rc == 0 && nerr) {
		if (create)
			helm_multierror(err, list, nerr);
		else
			sb_add(err, errs.buf, errs.len);
		rc = -1;
	}
	sb_release(&errs);
	for (i = 0; create && i < nerr; i++)
		sb_release(&list[i]);
	if (rc < 0)
		return -1;
	/* deletions: in the previous release, not in this one */
	for (j = 0; j < nold; j++) {
		struct sb path = SB_INIT, e = SB_INIT;
		long status = 0;
		static const char body[] = "{\"propagationPolicy\":\"Background\"}";

		if (helm_plan_find(tgt, ntgt, &old[j]) || helm_plan_keep(old[j].v))
			continue;
		if (kube_object_path(kc, d, old[j].v, in->namespace, true, &path, &e) == 0 &&
		    kube_call(kc, "DELETE", path.buf, NULL, NULL, body, sizeof(body) - 1, NULL, &status, &e) < 0 &&
		    status != 404)
			fprintf(stderr, "Failed to delete %s %s: %s\n", old[j].kind, old[j].name, e.buf);
		sb_release(&path);
		sb_release(&e);
	}
	return 0;
}

/* failRelease: the revision stored as failed with Helm's description
 * (install: `Release "N" failed: ...`, upgrade: `Upgrade "N" failed: ...`);
 * err keeps the error itself. */
static int fail_release(struct helm_store *st, struct helm_release *rel, bool install, const char *name,
			struct sb *err)
{
	struct arena *a = st->kc->a;
	struct sb desc = SB_INIT, e = SB_INIT;

	sb_addf(&desc, install ? "Release \"%s\" failed: %s" : "Upgrade \"%s\" failed: %s", name,
		err->buf ? err->buf : "");
	rel->info->status = (struct helm_str){ "failed", 6 };
	rel->info->description = (struct helm_str){ arena_memdup(a, desc.buf, desc.len), desc.len };
	helm_store_write(st, rel, HELM_REL_UPDATE, &e); /* Helm ignores this error */
	sb_release(&desc);
	sb_release(&e);
	return -1;
}

/* recordRelease(originalRelease): upgrade.go stores the previous revision
 * again when the update or the wait fails (an Update Helm only logs). */
static void record(struct helm_store *st, const struct helm_release *r)
{
	struct sb e = SB_INIT;

	helm_store_write(st, r, HELM_REL_UPDATE, &e);
	sb_release(&e);
}

/* Runs one hook event; a failure is worded as install.go / upgrade.go wrap it. */
static int run_hooks(const struct helm_hooks_ctx *hx, struct helm_release *rel, const char *event,
		     const char *wrap, struct sb *err)
{
	struct sb e = SB_INIT;

	if (helm_hooks_exec(hx, rel, event, &e) < 0) {
		sb_addf(err, wrap, e.buf ? e.buf : "");
		sb_release(&e);
		return -1;
	}
	sb_release(&e);
	return 0;
}

int helm_upgrade_install(const struct helm_upgrade_in *in, struct helm_upgrade_out *out, struct sb *err)
{
	struct kube_client *kc = in->kc;
	struct arena *a = kc->a;
	struct helm_store st = { kc, in->storage_ns };
	struct helm_release *last = NULL, *cur = NULL, *rel;
	struct manifest_sorted sorted;
	struct kube_discovery d;
	struct helm_hooks_ctx hx;
	struct helm_plan_obj *old = NULL, *tgt;
	size_t nold = 0, ntgt, i;
	val *lives;
	bool install, hooks, adopt;

	memset(out, 0, sizeof(*out));
	/* the hooks, as renderResources sorts them; NOTES.txt is no manifest
	 * (renderResources drops it before sorting) */
	{
		val files = val_map_new(a, val_map_len(in->rendered));

		for (i = 0; i < val_map_len(in->rendered); i++) {
			const struct val_map_entry *e = val_map_entry_at(in->rendered, i);

			if (e->klen >= 9 && !memcmp(e->key + e->klen - 9, "NOTES.txt", 9))
				continue;
			val_map_set(a, files, e->key, e->klen, e->v);
		}
		if (manifest_sort(a, files, &sorted, err, NULL) < 0)
			return -1;
	}
	/* storage Last, then (unless it is the deployed one) storage Deployed:
	 * only those records are decoded */
	if (helm_store_last(&st, in->name, NULL, &last, err) < 0)
		return -1;
	if (last && last->info && helm_rel_status_pending(last->info->status)) {
		if (!in->recover) {
			sb_adds(err, "another operation (install/upgrade/rollback) is in progress (if an earlier "
				     "run was interrupted, apply --recover marks it failed)");
			return -1;
		}
		/* what helm-controller does with a stale pending release it owns:
		 * mark it failed, then carry on from the last good revision */
		last->info->status = (struct helm_str){ "failed", 6 };
		static const char why[] = "Release was left pending by an interrupted run and marked failed by "
					  "cozypkg apply --recover";
		last->info->description = (struct helm_str){ why, sizeof(why) - 1 };
		if (helm_store_write(&st, last, HELM_REL_UPDATE, err) < 0)
			return -1;
	}
	if (helm_plan_base(&st, in->name, last, &cur, &install, err) < 0)
		return -1;
	out->installed = install;
	hooks = !(install ? in->disable_hooks_install : in->disable_hooks_upgrade);
	if (kube_discover(kc, false, &d, err) < 0)
		return -1;
	rel = new_release(in, last ? last->version + 1 : 1, install, err);
	if (!rel)
		return -1;
	helm_hooks_fill(a, &sorted, rel);
	out->rel = rel;
	if (install && install_crds(kc, &d, in->chart, err) < 0)
		return -1;
	if (helm_plan_objects(kc, &d, in->manifest, in->manifest_n, in->namespace, &tgt, &ntgt, err) < 0)
		return -1;
	if (cur && helm_plan_objects(kc, &d, cur->manifest.p, cur->manifest.n, in->namespace, &old, &nold, err) < 0)
		return -1;
	if (check_objects(in, &d, old, nold, tgt, ntgt, install, &lives, &adopt, err) < 0)
		return -1;
	if (helm_store_write(&st, rel, HELM_REL_CREATE, err) < 0)
		return -1;
	hx = (struct helm_hooks_ctx){ kc, &d, &st, in->namespace, in->timeout_ns };
	if (hooks && run_hooks(&hx, rel, install ? "pre-install" : "pre-upgrade",
			       install ? "failed pre-install: %s" : "pre-upgrade hooks failed: %s", err) < 0)
		return fail_release(&st, rel, install, in->name, err);
	if (apply_objects(in, &d, old, nold, tgt, ntgt, lives, install && !adopt, err) < 0) {
		if (cur)
			record(&st, cur);
		return fail_release(&st, rel, install, in->name, err);
	}
	if (in->wait) {
		/* Wait(target): the release's objects as applied */
		val objs = val_list_new(a, ntgt);

		for (i = 0; i < ntgt; i++)
			val_list_push(a, objs, tgt[i].v);
		if (helm_wait_ready(kc, &d, objs, in->timeout_ns, in->progress,
				    in->progress && isatty(fileno(in->progress)), err) < 0) {
			if (cur)
				record(&st, cur);
			return fail_release(&st, rel, install, in->name, err);
		}
	}
	if (hooks && run_hooks(&hx, rel, install ? "post-install" : "post-upgrade",
			       install ? "failed post-install: %s" : "post-upgrade hooks failed: %s", err) < 0)
		return fail_release(&st, rel, install, in->name, err);
	if (cur) {
		cur->info->status = (struct helm_str){ "superseded", 10 };
		if (helm_store_write(&st, cur, HELM_REL_UPDATE, err) < 0)
			return -1;
	}
	rel->info->status = (struct helm_str){ "deployed", 8 };
	rel->info->description = install ? (struct helm_str){ "Install complete", 16 }
					 : (struct helm_str){ "Upgrade complete", 16 };
	return helm_store_write(&st, rel, HELM_REL_UPDATE, err);
}
