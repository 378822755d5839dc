/* reconcile.c — `cozypkg reconcile NAME [--with-source] [--force]`:
 * upstream cozyhr's reconcile — refuse a suspended HelmRelease, optionally
 * ask the source (HelmChart <ns>-<name> for spec.chart, the chartRef's
 * HelmChart/OCIRepository) to reconcile first, annotate the HelmRelease
 * with reconcile.fluxcd.io/requestedAt (+ forceAt), then watch it until
 * status.lastHandledReconcileAt (and lastHandledForceAt) carry the token
 * and require Ready=True.  Messages and progress lines are upstream's.
 * We: --timeout (upstream: fixed 5 minutes for the whole command). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "cmd/cmd.h"
#include "flux/hr.h"
#include "kube/client.h"

#define DEFAULT_TIMEOUT_NS (5LL * 60 * 1000000000)

/* time.Now().Format(time.RFC3339Nano): local time, fraction without
 * trailing zeros, "Z" for UTC. */
static void now_rfc3339nano(struct sb *out)
{
	struct timespec ts;
	struct tm tm;
	char buf[64];
	long off;

	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	sb_adds(out, buf);
	if (ts.tv_nsec) {
		char frac[16];
		int n = snprintf(frac, sizeof(frac), "%09ld", ts.tv_nsec);

		while (n > 0 && frac[n - 1] == '0')
			n--;
		sb_addc(out, '.');
		sb_add(out, frac, (size_t)n);
	}
	off = tm.tm_gmtoff;
	if (!off) {
		sb_addc(out, 'Z');
	} else {
		sb_addf(out, "%c%02ld:%02ld", off < 0 ? '-' : '+', (off < 0 ? -off : off) / 3600,
			((off < 0 ? -off : off) % 3600) / 60);
	}
}

struct wait_ctx {
	const char *field; /* status field to wait for */
	const char *want;
	const char *resource, *name;
	struct sb *err;
	struct arena *a;
};

/* Upstream's waitByWatch: once status.<field> == want, Ready decides. */
static int on_event(void *ud, val ev)
{
	struct wait_ctx *w = ud;
	const char *type = flux_get_str(ev, (const char *const[]){ "type", NULL });
	val obj = flux_get(ev, (const char *const[]){ "object", NULL });
	const char *got;
	val conds;
	size_t i;

	if (type && !strcmp(type, "ERROR")) {
		const char *msg = flux_get_str(obj, (const char *const[]){ "message", NULL });

		sb_addf(w->err, "error: %s/%s: watch failed: %s", w->resource, w->name, msg ? msg : "unknown");
		return -1;
	}
	got = flux_get_str(obj, (const char *const[]){ "status", w->field, NULL });
	if (!got || strcmp(got, w->want))
		return 0;
	conds = flux_get(obj, (const char *const[]){ "status", "conditions", NULL });
	for (i = 0; conds.kind == VAL_LIST && i < val_list_len(conds); i++) {
		val c = val_list_at(conds, i);
		const char *ct = flux_get_str(c, (const char *const[]){ "type", NULL });
		const char *cs, *msg;

		if (!ct || strcmp(ct, "Ready"))
			continue;
		cs = flux_get_str(c, (const char *const[]){ "status", NULL });
		if (cs && !strcmp(cs, "True"))
			return 2; /* done */
		msg = flux_get_str(c, (const char *const[]){ "message", NULL });
		sb_addf(w->err, "error: %s/%s: reconciliation failed: %s", w->resource, w->name,
			msg && *msg ? msg : "unknown failure");
		return -1;
	}
	sb_addf(w->err, "error: %s/%s: reconciliation did not report Ready=True", w->resource, w->name);
	return -1;
}

/* Watches one object until on_event decides; the deadline is shared by the
 * whole command (upstream's context.WithTimeout). */
static int wait_for(struct kube_client *kc, const char *group, const char *version, const char *resource,
		    const char *ns, const char *name, const char *field, const char *want, long long deadline,
		    struct sb *err)
{
	struct wait_ctx w = { field, want, resource, name, err, kc->a };

	for (;;) {
		struct sb path = SB_INIT;
		long long left = deadline - clock_mono_ns();
		int rc;

		if (left <= 0)
			break;
		kube_path(&path, group, version, resource, ns, NULL);
		sb_adds(&path, "?fieldSelector=metadata.name%3D");
		kube_escape(&path, name, true);
		/* the server closes the watch at timeoutSeconds; we re-watch until
		 * our own deadline */
		sb_addf(&path, "&timeoutSeconds=%lld&watch=1", left / 1000000000LL + 1);
		rc = kube_watch(kc, path.buf, (long)(left / 1000000), on_event, &w, err);
		sb_release(&path);
		if (rc == 2)
			return 0;
		if (rc < 0)
			return -1;
		if (rc == 1)
			break;
	}
	sb_addf(err, "error: %s/%s: timeout waiting for %s=%s", resource, name, field, want);
	return -1;
}

/* Merge-patches metadata.annotations of one object. */
static int annotate(struct kube_client *kc, const char *group, const char *version, const char *resource,
		    const char *ns, const char *name, const char *ts, bool force, struct sb *err)
{
	struct sb path = SB_INIT, body = SB_INIT;
	int rc;

	kube_path(&path, group, version, resource, ns, name);
	sb_addf(&body, "{\"metadata\":{\"annotations\":{");
	if (force)
		sb_addf(&body, "\"reconcile.fluxcd.io/forceAt\":\"%s\",", ts);
	sb_addf(&body, "\"reconcile.fluxcd.io/requestedAt\":\"%s\"}}}", ts);
	rc = kube_call(kc, "PATCH", path.buf, NULL, "application/merge-patch+json", body.buf, body.len, NULL, NULL,
		       err);
	sb_release(&path);
	sb_release(&body);
	return rc;
}

/* --with-source: the source of spec.chart (its generated HelmChart) or
 * spec.chartRef, reconciled first, as upstream does. */
static int reconcile_source(struct kube_client *kc, val hr, const char *ns, const char *name, long long deadline,
			    struct sb *err)
{
	val ref = flux_get(hr, (const char *const[]){ "spec", "chartRef", NULL });
	const char *kind, *resource, *src_ns, *src_name;
	struct sb path = SB_INIT, gen = SB_INIT, ts = SB_INIT;
	val src, susp;
	int rc = -1;

	if (ref.kind == VAL_MAP) {
		kind = flux_get_str(ref, (const char *const[]){ "kind", NULL });
		src_ns = flux_get_str(ref, (const char *const[]){ "namespace", NULL });
		src_name = flux_get_str(ref, (const char *const[]){ "name", NULL });
		if (!src_ns || !*src_ns)
			src_ns = ns;
		if (kind && !strcmp(kind, "HelmChart")) {
			resource = "helmcharts";
		} else if (kind && !strcmp(kind, "OCIRepository")) {
			resource = "ocirepositories";
		} else {
			/* upstream follows ExternalArtifact to its ArtifactGenerator's
			 * sources; cozypkg does not yet */
			sb_addf(err, "error: unsupported chartRef kind for reconciliation: %s", kind ? kind : "");
			return -1;
		}
	} else if (flux_get(hr, (const char *const[]){ "spec", "chart", NULL }).kind == VAL_MAP) {
		kind = "HelmChart";
		resource = "helmcharts";
		src_ns = flux_get_str(hr, (const char *const[]){ "spec", "chart", "spec", "sourceRef", "namespace",
								 NULL });
		if (!src_ns || !*src_ns)
			src_ns = ns;
		sb_addf(&gen, "%s-%s", ns, name);
		src_name = gen.buf;
	} else {
		sb_addf(err, "error: HelmRelease %s/%s has neither chart nor chartRef", ns, name);
		return -1;
	}
	kube_path(&path, FLUX_SOURCE_GROUP, FLUX_SOURCE_VERSION, resource, src_ns, src_name);
	if (kube_call(kc, "GET", path.buf, NULL, NULL, NULL, 0, &src, NULL, err) < 0) {
		/* upstream: "%s %s/%s not found: %w" around the API error */
		struct sb e = SB_INIT;

		sb_addf(&e, "error: %s %s/%s not found: %s", kind, src_ns, src_name, err->buf);
		sb_reset(err);
		sb_add(err, e.buf, e.len);
		sb_release(&e);
		goto out;
	}
	susp = flux_get(src, (const char *const[]){ "spec", "suspend", NULL });
	if (susp.kind == VAL_BOOL && susp.u.b) {
		sb_adds(err, "error: resource is suspended");
		goto out;
	}
	now_rfc3339nano(&ts);
	if (annotate(kc, FLUX_SOURCE_GROUP, FLUX_SOURCE_VERSION, resource, src_ns, src_name, ts.buf, false,
		     err) < 0)
		goto out;
	fprintf(stderr, "✔ %s %s annotated\n", kind, src_name);
	fprintf(stderr, "◎ waiting for %s reconciliation\n", kind);
	if (wait_for(kc, FLUX_SOURCE_GROUP, FLUX_SOURCE_VERSION, resource, src_ns, src_name,
		     "lastHandledReconcileAt", ts.buf, deadline, err) < 0)
		goto out;
	fprintf(stderr, "✔ %s reconciled\n", kind);
	rc = 0;
out:
	sb_release(&path);
	sb_release(&gen);
	sb_release(&ts);
	return rc;
}

int cmd_reconcile(int argc, const char **argv, struct cli_ctx *ctx)
{
	const struct reconcile_opts *o = ctx->opts;
	const char *name = argv[0], *ns;
	long long timeout = o->timeout_ns > 0 ? o->timeout_ns : DEFAULT_TIMEOUT_NS;
	long long deadline = clock_mono_ns() + timeout;
	struct kube_client kc;
	struct sb path = SB_INIT, err = SB_INIT, ts = SB_INIT;
	val hr, susp;
	int status = 1;

	if (cmd_kube_open(ctx, &kc) < 0)
		return 1;
	ns = kube_namespace(&kc);
	flux_hr_path(&path, ns, name);
	if (kube_call(&kc, "GET", path.buf, NULL, NULL, NULL, 0, &hr, NULL, &err) < 0)
		goto out;
	susp = flux_get(hr, (const char *const[]){ "spec", "suspend", NULL });
	if (susp.kind == VAL_BOOL && susp.u.b) {
		sb_adds(&err, "error: resource is suspended");
		goto out;
	}
	if (o->with_source && reconcile_source(&kc, hr, ns, name, deadline, &err) < 0)
		goto out;
	now_rfc3339nano(&ts);
	if (annotate(&kc, FLUX_HR_GROUP, FLUX_HR_VERSION, FLUX_HR_RESOURCE, ns, name, ts.buf, o->force, &err) < 0) {
		struct sb e = SB_INIT;

		sb_addf(&e, "error: patch HelmRelease: %s", err.buf);
		sb_reset(&err);
		sb_add(&err, e.buf, e.len);
		sb_release(&e);
		goto out;
	}
	fprintf(stderr, "✔ HelmRelease %s annotated\n", name);
	fprintf(stderr, "◎ waiting for HelmRelease reconciliation\n");
	if (wait_for(&kc, FLUX_HR_GROUP, FLUX_HR_VERSION, FLUX_HR_RESOURCE, ns, name, "lastHandledReconcileAt", ts.buf,
		     deadline, &err) < 0)
		goto out;
	if (o->force && wait_for(&kc, FLUX_HR_GROUP, FLUX_HR_VERSION, FLUX_HR_RESOURCE, ns, name,
				 "lastHandledForceAt", ts.buf, deadline, &err) < 0)
		goto out;
	fprintf(stderr, "✔ HelmRelease reconciled\n");
	status = 0;
out:
	kube_close(&kc);
	sb_release(&path);
	sb_release(&ts);
	if (status)
		return cmd_fail(&err);
	sb_release(&err);
	return 0;
}
