/* apply.c — `cozypkg apply NAME`: upstream cozyhr's apply — suspend the
 * HelmRelease so Flux does not race us, record the attempt in its status,
 * `helm upgrade --install` the chart in the working directory (render.c +
 * src/helm/upgrade.c), record the outcome in its status as helm-controller
 * would (conditions, history snapshot, failures), emit an Event, and with
 * --resume hand the release back to Flux.
 * We (UPSTREAM.md): every status write is a merge patch of the status
 * subresource (no stale resourceVersion, so no silent 409), the action is
 * install or upgrade as it really was, the snapshot carries appVersion and
 * the configDigest of the values helm-controller itself would install
 * (spec.values + valuesFrom: flux_values_controller), and the history is
 * capped as helm-controller caps it. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cmd/cmd.h"
#include "cmd/render.h"
#include "flux/hr.h"
#include "flux/release.h"
#include "flux/values.h"
#include "helm/upgrade.h"
#include "value/codec.h"

static void now_rfc3339(struct sb *out)
{
	time_t t = time(NULL);
	struct tm tm;
	char buf[32];

	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	sb_adds(out, buf);
}

static void metav1_time(struct sb *out, struct helm_time t)
{
	time_t secs = (time_t)(t.sec - HELM_TIME_UNIX_OFFSET);
	struct tm tm;
	char buf[32];

	gmtime_r(&secs, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	sb_adds(out, buf);
}

static int patch_status(struct kube_client *kc, const struct render_out *r, val status, struct sb *err)
{
	struct arena *a = kc->a;
	val body = val_map_new(a, 1);
	struct sb path = SB_INIT, json = SB_INIT;
	int rc = -1;

	val_map_set(a, body, "status", 6, status);
	flux_hr_path(&path, r->rel.hr_namespace, r->rel.hr_name);
	sb_adds(&path, "/status?fieldManager=flux-client-side-apply");
	if (val_to_json(a, body, 0, NULL, NULL, &json, err) == 0)
		rc = kube_call(kc, "PATCH", path.buf, NULL, "application/merge-patch+json", json.buf, json.len, NULL,
			       NULL, err);
	sb_release(&path);
	sb_release(&json);
	return rc;
}

static val str_v(struct arena *a, const char *s)
{
	return val_cstr(a, s ? s : "");
}

/* The conditions list with Ready and Released set (others kept). */
static val conditions(struct arena *a, val hr, bool ok, const char *reason, const char *msg, int64_t gen)
{
	val old = flux_get(hr, (const char *const[]){ "status", "conditions", NULL }), list = val_list_new(a, 4);
	struct sb now = SB_INIT;
	const char *types[] = { "Ready", "Released" };
	size_t i, t;

	now_rfc3339(&now);
	for (t = 0; t < 2; t++) {
		val c = val_map_new(a, 6);

		val_map_set(a, c, "type", 4, val_cstr(a, types[t]));
		val_map_set(a, c, "status", 6, val_cstr(a, ok ? "True" : "False"));
		val_map_set(a, c, "observedGeneration", 18, val_int(gen));
		val_map_set(a, c, "lastTransitionTime", 18, val_str(a, now.buf, now.len));
		val_map_set(a, c, "reason", 6, val_cstr(a, reason));
		val_map_set(a, c, "message", 7, val_cstr(a, msg));
		val_list_push(a, list, c);
	}
	for (i = 0; old.kind == VAL_LIST && i < val_list_len(old); i++) {
		const char *ty = flux_get_str(val_list_at(old, i), (const char *const[]){ "type", NULL });

		/* Reconciling/Stalled describe a controller run that is not ours */
		if (ty && (!strcmp(ty, "Ready") || !strcmp(ty, "Released") || !strcmp(ty, "Reconciling") ||
			   !strcmp(ty, "Stalled")))
			continue;
		val_list_push(a, list, val_list_at(old, i));
	}
	sb_release(&now);
	return list;
}

static int64_t num(val v)
{
	return v.kind == VAL_INT ? v.u.i : v.kind == VAL_FLOAT ? (int64_t)v.u.f : 0;
}

/* An Event on the HelmRelease, as helm-controller's recorder posts one. */
static void post_event(struct kube_client *kc, const struct render_out *r, bool ok, const char *reason,
		       const char *msg)
{
	struct arena *a = kc->a;
	val ev = val_map_new(a, 10), meta = val_map_new(a, 2), inv = val_map_new(a, 6), src = val_map_new(a, 1);
	struct sb path = SB_INIT, json = SB_INIT, name = SB_INIT, now = SB_INIT, err = SB_INIT;
	const char *uid = flux_get_str(r->hr, (const char *const[]){ "metadata", "uid", NULL });
	const char *rv = flux_get_str(r->hr, (const char *const[]){ "metadata", "resourceVersion", NULL });
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	sb_addf(&name, "%s.%lx%05lx", r->rel.hr_name, (long)ts.tv_sec, (long)(ts.tv_nsec / 10000) & 0xfffff);
	now_rfc3339(&now);
	val_map_set(a, meta, "name", 4, val_str(a, name.buf, name.len));
	val_map_set(a, meta, "namespace", 9, str_v(a, r->rel.hr_namespace));
	val_map_set(a, inv, "apiVersion", 10, val_cstr(a, FLUX_HR_GROUP "/" FLUX_HR_VERSION));
	val_map_set(a, inv, "kind", 4, val_cstr(a, "HelmRelease"));
	val_map_set(a, inv, "name", 4, str_v(a, r->rel.hr_name));
	val_map_set(a, inv, "namespace", 9, str_v(a, r->rel.hr_namespace));
	val_map_set(a, inv, "uid", 3, str_v(a, uid));
	val_map_set(a, inv, "resourceVersion", 15, str_v(a, rv));
	val_map_set(a, src, "component", 9, val_cstr(a, "cozypkg"));
	val_map_set(a, ev, "apiVersion", 10, val_cstr(a, "v1"));
	val_map_set(a, ev, "kind", 4, val_cstr(a, "Event"));
	val_map_set(a, ev, "metadata", 8, meta);
	val_map_set(a, ev, "involvedObject", 14, inv);
	val_map_set(a, ev, "reason", 6, val_cstr(a, reason));
	val_map_set(a, ev, "message", 7, val_cstr(a, msg));
	val_map_set(a, ev, "type", 4, val_cstr(a, ok ? "Normal" : "Warning"));
	val_map_set(a, ev, "source", 6, src);
	val_map_set(a, ev, "firstTimestamp", 14, val_str(a, now.buf, now.len));
	val_map_set(a, ev, "lastTimestamp", 13, val_str(a, now.buf, now.len));
	val_map_set(a, ev, "count", 5, val_int(1));
	kube_path(&path, "", "v1", "events", r->rel.hr_namespace, NULL);
	if (val_to_json(a, ev, 0, NULL, NULL, &json, &err) == 0 &&
	    kube_call(kc, "POST", path.buf, NULL, NULL, json.buf, json.len, NULL, NULL, &err) < 0)
		fprintf(stderr, "warning: could not record an event: %s\n", err.buf);
	sb_release(&path);
	sb_release(&json);
	sb_release(&name);
	sb_release(&now);
	sb_release(&err);
}

static const char *meta_str(const struct chart *c, const char *key)
{
	val v;

	if (c->meta.kind != VAL_MAP || !val_map_get(c->meta, key, strlen(key), &v) || v.kind != VAL_STRING)
		return NULL;
	return v.u.s;
}

int cmd_apply(int argc, const char **argv, struct cli_ctx *ctx)
{
	const struct apply_opts *o = ctx->opts;
	struct arena *a = ctx->arena;
	struct render_in in = { argv[0], o->plain, NULL, &o->v, NULL, NULL, NULL, false, false };
	struct render_out r;
	struct kube_client kc;
	struct sb err = SB_INIT, path = SB_INIT, digest = SB_INIT, msg = SB_INIT;
	struct helm_upgrade_in ui;
	struct helm_upgrade_out uo;
	const char *chart_name, *chart_version, *app_version;
	int64_t gen = 0;
	val cvals, status;
	int rc = 1;

	if (o->plain && o->resume) {
		sb_adds(&err, "error: --resume may not be used with --plain");
		return cmd_fail(&err);
	}
	if (cmd_kube_open(ctx, &kc) < 0)
		return 1;
	in.kc = &kc;
	memset(&r, 0, sizeof(r));
	if (!o->plain) {
		static const char on[] = "{\"spec\":{\"suspend\":true}}";

		flux_hr_path(&path, kube_namespace(&kc), argv[0]);
		sb_adds(&path, "?fieldManager=flux-client-side-apply");
		if (kube_call(&kc, "PATCH", path.buf, NULL, "application/merge-patch+json", on, sizeof(on) - 1, NULL,
			      NULL, &err) < 0)
			goto out;
		fprintf(stderr, "HelmRelease %s/%s suspended\n", kube_namespace(&kc), argv[0]);
	}
	if (o->plain && cmd_plain_reuse(ctx, &kc, argv[0], &in.reuse, &err) < 0)
		goto out;
	if (cmd_render(ctx, &in, &r, &err) < 0)
		goto out;
	chart_name = meta_str(r.chart, "name");
	chart_version = meta_str(r.chart, "version");
	app_version = meta_str(r.chart, "appVersion");
	if (!o->plain) {
		gen = num(flux_get(r.hr, (const char *const[]){ "metadata", "generation", NULL }));
		if (flux_values_controller(a, r.hr, cmd_fetch_ref, &kc, &cvals, &err) < 0)
			goto out;
		flux_digest_values(a, cvals, &digest);
		status = val_map_new(a, 5);
		val_map_set(a, status, "lastAttemptedGeneration", 23, val_int(gen));
		val_map_set(a, status, "lastAttemptedRevision", 21, str_v(a, chart_version));
		val_map_set(a, status, "lastAttemptedConfigDigest", 25, val_str(a, digest.buf, digest.len));
		val_map_set(a, status, "storageNamespace", 16, str_v(a, r.rel.storage_namespace));
		if (patch_status(&kc, &r, status, &err) < 0)
			goto out;
	}
	/* hooks run unless the HelmRelease disables them for this action
	 * (spec.install/upgrade.disableHooks); --plain runs them, as `helm
	 * upgrade --install` does */
	ui = (struct helm_upgrade_in){ .kc = &kc, .name = r.release, .namespace = r.namespace,
				       .storage_ns = o->plain ? r.namespace : r.rel.storage_namespace,
				       .chart = r.chart, .rendered = r.rendered, .config = r.config,
				       .manifest = r.manifest.buf ? r.manifest.buf : "", .manifest_n = r.manifest.len,
				       .take_ownership = o->take_ownership, .recover = o->recover,
				       .disable_hooks_install = !o->plain && flux_get(r.hr, (const char *const[]){
					       "spec", "install", "disableHooks", NULL }).kind == VAL_BOOL &&
					       flux_get(r.hr, (const char *const[]){ "spec", "install", "disableHooks",
										     NULL }).u.b,
				       .disable_hooks_upgrade = !o->plain && flux_get(r.hr, (const char *const[]){
					       "spec", "upgrade", "disableHooks", NULL }).kind == VAL_BOOL &&
					       flux_get(r.hr, (const char *const[]){ "spec", "upgrade", "disableHooks",
										     NULL }).u.b,
				       .wait = o->wait, .timeout_ns = o->timeout_ns, .progress = stderr };
	if (helm_upgrade_install(&ui, &uo, &err) < 0) {
		if (!o->plain) {
			struct sb e = SB_INIT;
			const char *reason = uo.installed || !uo.rel ? "InstallFailed" : "UpgradeFailed";
			int64_t failures = num(flux_get(r.hr, (const char *const[]){ "status", "failures", NULL }));

			status = val_map_new(a, 4);
			val_map_set(a, status, "conditions", 10, conditions(a, r.hr, false, reason, err.buf, gen));
			val_map_set(a, status, "failures", 8, val_int(failures + 1));
			val_map_set(a, status, "observedGeneration", 18, val_int(gen));
			patch_status(&kc, &r, status, &e);
			sb_reset(&msg);
			sb_addf(&msg, "Helm %s failed for release %s/%s with chart %s@%s: %s",
				uo.installed ? "install" : "upgrade", r.namespace, r.release, chart_name ? chart_name : "",
				chart_version ? chart_version : "", err.buf);
			post_event(&kc, &r, false, reason, msg.buf);
			sb_release(&e);
		}
		if (strncmp(err.buf, "error: ", 7)) {
			struct sb e = SB_INIT;

			sb_addf(&e, "error: %s", err.buf);
			sb_reset(&err);
			sb_add(&err, e.buf, e.len);
			sb_release(&e);
		}
		goto out;
	}
	if (!o->plain) {
		const char *reason = uo.installed ? "InstallSucceeded" : "UpgradeSucceeded";
		val hist = val_list_new(a, 4), snap = val_map_new(a, 12), old;
		struct sb first = SB_INIT, last = SB_INIT, e = SB_INIT;
		size_t i;

		/* helm-controller's wording (its Ready message after an install) */
		sb_addf(&msg, "Helm %s succeeded for release %s/%s.v%lld with chart %s@%s",
			uo.installed ? "install" : "upgrade", r.namespace, r.release, (long long)uo.rel->version,
			chart_name ? chart_name : "", chart_version ? chart_version : "");
		/* metav1.Time: RFC 3339 in UTC, whole seconds */
		metav1_time(&first, uo.rel->info->first_deployed);
		metav1_time(&last, uo.rel->info->last_deployed);
		val_map_set(a, snap, "name", 4, str_v(a, r.release));
		val_map_set(a, snap, "namespace", 9, str_v(a, r.namespace));
		val_map_set(a, snap, "version", 7, val_int(uo.rel->version));
		val_map_set(a, snap, "status", 6, val_cstr(a, "deployed"));
		val_map_set(a, snap, "chartName", 9, str_v(a, chart_name));
		val_map_set(a, snap, "chartVersion", 12, str_v(a, chart_version));
		if (app_version && *app_version)
			val_map_set(a, snap, "appVersion", 10, val_cstr(a, app_version));
		val_map_set(a, snap, "configDigest", 12, val_str(a, digest.buf, digest.len));
		{
			/* apiVersion v2 makes helm-controller verify the digest against
			 * the stored release on every reconcile (VerifyReleaseObject) */
			struct sb dig = SB_INIT;

			if (flux_release_digest(a, uo.rel, &dig, &e) == 0) {
				val_map_set(a, snap, "apiVersion", 10, val_cstr(a, "v2"));
				val_map_set(a, snap, "digest", 6, val_str(a, dig.buf, dig.len));
			}
			sb_release(&dig);
		}
		val_map_set(a, snap, "action", 6, val_cstr(a, uo.installed ? "install" : "upgrade"));
		val_map_set(a, snap, "firstDeployed", 13, val_str(a, first.buf, first.len));
		val_map_set(a, snap, "lastDeployed", 12, val_str(a, last.buf, last.len));
		val_list_push(a, hist, snap);
		/* Snapshots.Truncate: keep up to the first older deployed/superseded
		 * one (now superseded), at most 5 in all */
		old = flux_get(r.hr, (const char *const[]){ "status", "history", NULL });
		for (i = 0; old.kind == VAL_LIST && i < val_list_len(old) && val_list_len(hist) < 5; i++) {
			val s = val_copy_deep(a, val_list_at(old, i));
			const char *st = flux_get_str(s, (const char *const[]){ "status", NULL });
			bool stop = st && (!strcmp(st, "deployed") || !strcmp(st, "superseded"));

			if (st && !strcmp(st, "deployed"))
				val_map_set(a, s, "status", 6, val_cstr(a, "superseded"));
			val_list_push(a, hist, s);
			if (stop)
				break;
		}
		status = val_map_new(a, 6);
		val_map_set(a, status, "conditions", 10, conditions(a, r.hr, true, reason, msg.buf, gen));
		val_map_set(a, status, "history", 7, hist);
		val_map_set(a, status, "failures", 8, val_int(0));
		val_map_set(a, status, "observedGeneration", 18, val_int(gen));
		val_map_set(a, status, "lastAttemptedReleaseAction", 26, val_cstr(a, uo.installed ? "install" : "upgrade"));
		if (patch_status(&kc, &r, status, &err) < 0)
			goto out;
		post_event(&kc, &r, true, reason, msg.buf);
		sb_release(&first);
		sb_release(&last);
		sb_release(&e);
		if (o->resume) {
			static const char off[] = "{\"spec\":{\"suspend\":null}}";

			sb_reset(&path);
			flux_hr_path(&path, r.rel.hr_namespace, r.rel.hr_name);
			sb_adds(&path, "?fieldManager=flux-client-side-apply");
			if (kube_call(&kc, "PATCH", path.buf, NULL, "application/merge-patch+json", off, sizeof(off) - 1,
				      NULL, NULL, &err) < 0)
				goto out;
		}
	}
	rc = 0;
out:
	kube_close(&kc);
	sb_release(&path);
	sb_release(&digest);
	sb_release(&msg);
	sb_release(&r.manifest);
	if (rc)
		return cmd_fail(&err);
	sb_release(&err);
	return 0;
}
