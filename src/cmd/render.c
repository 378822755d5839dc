/* render.c — the render pipeline show, diff and apply share: the chart in
 * the working directory rendered with either (--plain) its own values plus
 * -f/--set, or the HelmRelease's values merged as upstream cozyhr merges
 * them, with the release name and namespace helm-controller would use,
 * capabilities from the live cluster, and upstream's Flux origin labels
 * (post-rendering).  Output: the manifest as `helm template --no-hooks`
 * prints it, which is also the manifest Helm stores in the release. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chart/engine.h"
#include "chart/load.h"
#include "chart/manifest.h"
#include "chart/values.h"
#include "cmd/cmd.h"
#include "cmd/render.h"
#include "flux/hr.h"
#include "flux/release.h"
#include "flux/values.h"
#include "funcs/fn_numbers.h"
#include "helm/store.h"
#include "kube/client.h"
#include "kube/discovery.h"
#include "kube/lookup.h"

/* Helm's release name rule (pkg/chartutil ValidateReleaseName). */
static bool valid_release_name(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 53)
		return false;
	/* ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ */
	size_t i = 0;
	for (;;) {
		if (i >= n || !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')))
			return false;
		size_t start = i;
		while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			i++;
		if (s[i - 1] == '-' && i - 1 >= start)
			return false;
		if (i == n)
			return true;
		if (s[i] != '.')
			return false;
		i++;
	}
}

static void fill_values_opts(const struct value_flags *f, bool with_files, struct values_opts *o)
{
	if (with_files) {
		o->files = f->values.v;
		o->nfiles = f->values.n;
	}
	o->json = f->set_json.v;
	o->njson = f->set_json.n;
	o->set = f->set.v;
	o->nset = f->set.n;
	o->string = f->set_string.v;
	o->nstring = f->set_string.n;
	o->file = f->set_file.v;
	o->nfile = f->set_file.n;
	o->literal = f->set_literal.v;
	o->nliteral = f->set_literal.n;
}

/* --kube-version: chartutil.ParseKubeVersion: semver.NewVersion, then
 * "v" + String() (so "1.20" is v1.20.0), Major and Minor as numbers. */
static int parse_kube_version(struct arena *a, const char *s, struct engine_caps *caps, struct sb *err)
{
	struct sb t = SB_INIT, e = SB_INIT;
	uint64_t major, minor;
	sb_addc(&t, 'v');
	if (fn_semver_canonical(s, strlen(s), &t, &major, &minor, &e) < 0) {
		sb_addf(err, "invalid kube version '%s': %s", s, e.buf);
		sb_release(&t);
		sb_release(&e);
		return -1;
	}
	caps->kube_version = arena_memdup(a, t.buf, t.len);
	sb_reset(&t);
	sb_addf(&t, "%llu", (unsigned long long)major);
	caps->kube_major = arena_memdup(a, t.buf, t.len);
	sb_reset(&t);
	sb_addf(&t, "%llu", (unsigned long long)minor);
	caps->kube_minor = arena_memdup(a, t.buf, t.len);
	sb_release(&t);
	sb_release(&e);
	return 0;
}

/* flux_fetch_fn over the kube client: ConfigMaps and Secrets of valuesFrom. */
int cmd_fetch_ref(void *ud, const char *kind, const char *ns, const char *name, val *obj, bool *found,
		     struct sb *err)
{
	struct kube_client *kc = ud;
	struct sb path = SB_INIT;
	long status = 0;
	int rc;

	kube_path(&path, "", "v1", strcmp(kind, "Secret") ? "configmaps" : "secrets", ns, name);
	rc = kube_call(kc, "GET", path.buf, NULL, NULL, NULL, 0, obj, &status, err);
	sb_release(&path);
	*found = rc == 0;
	if (rc < 0 && status == 404) {
		sb_reset(err);
		return 0;
	}
	return rc;
}

/* Upstream's post-renderer on each rendered file, so the `# Source:`
 * headers helm template prints stay (upstream loses them). */
static int postrender(struct arena *a, val rendered, const char *name, const char *ns, struct sb *err)
{
	size_t i;

	for (i = 0; i < val_map_len(rendered); i++) {
		const struct val_map_entry *e = val_map_entry_at(rendered, i);
		struct sb out = SB_INIT;

		if (e->v.kind != VAL_STRING || (e->klen >= 9 && !memcmp(e->key + e->klen - 9, "NOTES.txt", 9)))
			continue;
		if (flux_postrender(a, e->v.u.s, e->v.len, name, ns, &out, err) < 0) {
			sb_release(&out);
			return -1;
		}
		val_map_set(a, rendered, e->key, e->klen, val_str(a, out.buf ? out.buf : "", out.len));
		sb_release(&out);
	}
	return 0;
}

/* cmd/helm/install.go (helm template) after loading: checkIfInstallable, an
 * exact "" or "application" type, and the deprecation warning.  Only for
 * --plain: helm-controller calls action.Install directly, without them. */
static bool chart_installable(const struct chart *c, struct sb *err)
{
	val v;
	if (c->meta.kind != VAL_MAP)
		return true;
	if (val_map_get(c->meta, "type", 4, &v) && v.kind == VAL_STRING && v.len &&
	    !(v.len == 11 && memcmp(v.u.s, "application", 11) == 0)) {
		sb_addf(err, "%.*s charts are not installable", (int)v.len, v.u.s);
		return false;
	}
	if (val_map_get(c->meta, "deprecated", 10, &v) && v.kind == VAL_BOOL && v.u.b)
		fputs("WARNING: This chart is deprecated\n", stderr);
	return true;
}

static bool hr_flag(val hr, const char *action, const char *field)
{
	val v = flux_get(hr, (const char *const[]){ "spec", action, field, NULL });
	return v.kind == VAL_BOOL && v.u.b;
}

/* helm-controller hands spec.install.disableSchemaValidation to Helm's
 * install and spec.upgrade's to its upgrade: the one of the action the
 * next reconcile takes (no release in storage, or an uninstalled one, is an
 * install).  0, or -1 with the storage error. */
static int hr_skip_schema(struct kube_client *kc, const struct render_out *out, bool *skip, struct sb *err)
{
	bool si = hr_flag(out->hr, "install", "disableSchemaValidation");
	bool su = hr_flag(out->hr, "upgrade", "disableSchemaValidation");
	*skip = si;
	if (si == su)
		return 0;
	struct helm_store st = { kc, out->rel.storage_namespace };
	struct helm_release *last = NULL;
	if (helm_store_last(&st, out->rel.helm_name, NULL, &last, err) < 0)
		return -1;
	bool install = !last || (last->info && last->info->status.n == 11 &&
				 memcmp(last->info->status.p, "uninstalled", 11) == 0);
	*skip = install ? si : su;
	return 0;
}

static int render(struct cli_ctx *ctx, const struct render_in *in, struct render_out *out, struct sb *err);

int cmd_render(struct cli_ctx *ctx, const struct render_in *in, struct render_out *out, struct sb *err)
{
	int rc = render(ctx, in, out, err);
	engine_keygen_stop(); /* started after the chart was loaded */
	return rc;
}

static int render(struct cli_ctx *ctx, const struct render_in *in, struct render_out *out, struct sb *err)
{
	struct arena *a = ctx->arena;
	struct sb warn = SB_INIT;
	char cwd[PATH_MAX];
	const char *release = in->name, *ns;
	struct values_opts vo = { 0 };
	struct engine_caps caps = engine_default_caps;
	val user, values;
	bool skip_schema = in->v->skip_schema;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!getcwd(cwd, sizeof(cwd))) {
		sb_adds(err, "error: unable to determine current directory");
		return -1;
	}
	if (access("Chart.yaml", F_OK) != 0) {
		sb_addf(err, "error: invalid Helm chart in \"%s\": no Chart.yaml exists in directory \"%s\"", cwd,
			cwd);
		return -1;
	}
	if (in->plain) {
		ns = ctx->g.namespace && *ctx->g.namespace ? ctx->g.namespace : "default";
		fill_values_opts(in->v, true, &vo);
		if (values_merge_options(a, &vo, &user, err) < 0)
			goto fail;
		/* upgrade.go reuseValues: no new values, the old ones */
		if (!val_map_len(user) && in->reuse.kind == VAL_MAP && val_map_len(in->reuse))
			user = in->reuse;
	} else {
		struct flux_values_in fi = { 0 };
		struct sb path = SB_INIT;
		val sets;

		flux_hr_path(&path, kube_namespace(in->kc), in->name);
		rc = kube_call(in->kc, "GET", path.buf, NULL, NULL, NULL, 0, &out->hr, NULL, err);
		sb_release(&path);
		if (rc < 0)
			return -1;
		flux_release_of(a, out->hr, &out->rel);
		release = out->rel.helm_name;
		ns = out->rel.namespace;
		fi.hr = out->hr;
		fi.chart_dir = cwd;
		fi.files = in->v->values.v;
		fi.nfiles = in->v->values.n;
		fi.fetch = cmd_fetch_ref;
		fi.fetch_ctx = in->kc;
		fi.name_files = true;
		if (flux_values_merged(a, &fi, &user, err) < 0)
			goto fail;
		/* We: --set* on top, merged as Helm merges values maps */
		fill_values_opts(in->v, false, &vo);
		if (values_merge_options(a, &vo, &sets, err) < 0)
			goto fail;
		if (val_map_len(sets))
			user = flux_merge_maps(a, user, sets);
		if (!skip_schema && hr_skip_schema(in->kc, out, &skip_schema, err) < 0)
			goto fail;
	}
	out->release = release;
	out->namespace = ns;
	out->config = user;
	if (chart_load(a, ".", &out->chart, err) < 0)
		goto fail;
	engine_keygen_ahead(out->chart);
	if (in->plain && !chart_installable(out->chart, err))
		goto fail;
	if (values_check_deps(out->chart, err) < 0) {
		struct sb e = SB_INIT;
		sb_addf(&e, "An error occurred while checking for chart dependencies. You may need to run `helm "
			    "dependency build` to fetch missing dependencies: %s", err->buf);
		sb_reset(err);
		sb_add(err, e.buf, e.len);
		sb_release(&e);
		goto fail;
	}
	/* action.Install.Run availableName: after loading and the dependency check */
	if (!valid_release_name(release)) {
		sb_addf(err, "release name \"%s\": invalid release name, must match regex "
			     "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length "
			     "must not be longer than 53", release);
		goto fail;
	}
	rc = values_for_render(a, out->chart, user, skip_schema, &values, &warn, err);
	if (warn.len)
		fputs(warn.buf, stderr);
	sb_release(&warn);
	if (rc < 0)
		goto fail;

	struct kube_discovery d;
	struct kube_lookup kl = { a, in->kc, &d };
	struct engine_lookup lk = { kube_lookup, &kl };

	if (!in->plain) {
		/* Helm asks the cluster afresh for its capabilities on every install */
		if (kube_discover(in->kc, true, &d, err) < 0)
			return -1;
		caps.kube_version = d.git_version ? d.git_version : caps.kube_version;
		caps.kube_major = d.major ? d.major : caps.kube_major;
		caps.kube_minor = d.minor ? d.minor : caps.kube_minor;
		caps.api_versions = d.api_versions;
		caps.napi_versions = d.n_api_versions;
	}
	if (in->kube_version && *in->kube_version && parse_kube_version(a, in->kube_version, &caps, err) < 0)
		goto fail;
	if (in->api_versions && in->api_versions->n) {
		const char **v = arena_alloc(a, (caps.napi_versions + in->api_versions->n) * sizeof(*v));
		memcpy(v, caps.api_versions, caps.napi_versions * sizeof(*v));
		memcpy(v + caps.napi_versions, in->api_versions->v, in->api_versions->n * sizeof(*v));
		caps.api_versions = v;
		caps.napi_versions += in->api_versions->n;
	}
	struct engine_release rel = { release, ns, 1, true, false };
	val top = engine_render_values(a, out->chart, values, &rel, &caps);
	if (engine_render_lookup(a, out->chart, top, in->plain ? NULL : &lk, &out->rendered, err) < 0) {
		/* helm template adds this to every error once the release exists */
		sb_adds(err, "\n\nUse --debug flag to render out invalid YAML");
		goto fail;
	}
	if (!in->plain && postrender(a, out->rendered, out->rel.hr_name, out->rel.hr_namespace, err) < 0)
		goto fail;

	struct manifest_opts mo = { 0 };
	mo.disable_hooks = true;
	mo.include_crds = in->include_crds;
	mo.skip_tests = in->skip_tests;
	mo.stream = in->stream;
	if (in->show_only) {
		mo.show_only = in->show_only->v;
		mo.nshow_only = in->show_only->n;
	}
	struct sb log = SB_INIT;
	rc = manifest_template_output(a, out->rendered, out->chart, &mo, &out->manifest, err, &log);
	if (log.len)
		fputs(log.buf, stderr);
	sb_release(&log);
	if (rc < 0)
		goto fail;
	return 0;
fail:
	/* chart and values errors are printed as upstream's log.Fatalf does */
	if (err->len && strncmp(err->buf, "error: ", 7) && strncmp(err->buf, "Error from server", 17)) {
		struct sb e = SB_INIT;
		sb_addf(&e, "error: %s", err->buf);
		sb_reset(err);
		sb_add(err, e.buf, e.len);
		sb_release(&e);
	}
	return -1;
}
