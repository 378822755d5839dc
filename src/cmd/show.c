/* show.c — `cozypkg show RELEASE`: render the chart in the working directory
 * as `helm template RELEASE . --namespace NS --no-hooks` does.  --plain
 * renders offline with the chart's values, -f files and --set flags; the
 * HelmRelease's values (no --plain) need the cluster client, not built yet. */
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

static void fill_values_opts(const struct value_flags *f, struct values_opts *o)
{
	o->files = f->values.v;
	o->nfiles = f->values.n;
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

static int fail(struct sb *err)
{
	fprintf(stderr, "error: %s\n", err->buf);
	sb_release(err);
	return 1;
}

/* --kube-version: chartutil.ParseKubeVersion ("v" optional, semver). */
static int parse_kube_version(struct arena *a, const char *s, struct engine_caps *caps, struct sb *err)
{
	const char *v = s[0] == 'v' ? s + 1 : s;
	char *end;
	long major = strtol(v, &end, 10);
	if (end == v || *end != '.') {
		sb_addf(err, "invalid kube version '%s': Invalid Semantic Version", s);
		return -1;
	}
	const char *mp = end + 1;
	long minor = strtol(mp, &end, 10);
	if (end == mp) {
		sb_addf(err, "invalid kube version '%s': Invalid Semantic Version", s);
		return -1;
	}
	struct sb t = SB_INIT;
	sb_addf(&t, "v%s", v);
	caps->kube_version = arena_memdup(a, t.buf, t.len);
	sb_reset(&t);
	sb_addf(&t, "%ld", major);
	caps->kube_major = arena_memdup(a, t.buf, t.len);
	sb_reset(&t);
	sb_addf(&t, "%ld", minor);
	caps->kube_minor = arena_memdup(a, t.buf, t.len);
	sb_release(&t);
	return 0;
}

int cmd_show(int argc, const char **argv, struct cli_ctx *ctx)
{
	const struct show_opts *o = ctx->opts;
	struct arena *a = ctx->arena;
	struct sb err = SB_INIT, warn = SB_INIT;
	const char *release = argv[0];

	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof(cwd))) {
		sb_adds(&err, "unable to determine current directory");
		return fail(&err);
	}
	if (access("Chart.yaml", F_OK) != 0) {
		sb_addf(&err, "invalid Helm chart in \"%s\": no Chart.yaml exists in directory \"%s\"", cwd, cwd);
		return fail(&err);
	}
	if (!o->plain) {
		sb_adds(&err, "show without --plain reads the HelmRelease from the cluster, which cozypkg cannot "
			      "reach yet; use --plain to render with the chart's values and -f/--set");
		return fail(&err);
	}
	if (!valid_release_name(release)) {
		sb_addf(&err, "release name \"%s\": invalid release name, must match regex "
			      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length "
			      "must not be longer than 53", release);
		return fail(&err);
	}
	const char *ns = ctx->g.namespace && *ctx->g.namespace ? ctx->g.namespace : "default";

	/* helm template: values first (pkg/cli/values), then the chart */
	struct values_opts vo = { 0 };
	fill_values_opts(&o->v, &vo);
	val user;
	if (values_merge_options(a, &vo, &user, &err) < 0)
		return fail(&err);
	struct chart *c;
	if (chart_load(a, ".", &c, &err) < 0)
		return fail(&err);
	if (values_check_deps(c, &err) < 0) {
		struct sb e = SB_INIT;
		sb_addf(&e, "An error occurred while checking for chart dependencies. You may need to run `helm "
			    "dependency build` to fetch missing dependencies: %s", err.buf);
		sb_release(&err);
		return fail(&e);
	}
	val values;
	int rc = values_for_render(a, c, user, &values, &warn, &err);
	if (warn.len)
		fputs(warn.buf, stderr);
	sb_release(&warn);
	if (rc < 0)
		return fail(&err);

	struct engine_caps caps = engine_default_caps;
	if (o->kube_version && *o->kube_version && parse_kube_version(a, o->kube_version, &caps, &err) < 0)
		return fail(&err);
	if (o->api_versions.n) {
		const char **v = arena_alloc(a, (caps.napi_versions + o->api_versions.n) * sizeof(*v));
		memcpy(v, caps.api_versions, caps.napi_versions * sizeof(*v));
		memcpy(v + caps.napi_versions, o->api_versions.v, o->api_versions.n * sizeof(*v));
		caps.api_versions = v;
		caps.napi_versions += o->api_versions.n;
	}
	struct engine_release rel = { release, ns, 1, true, false };
	val top = engine_render_values(a, c, values, &rel, &caps);
	val rendered;
	if (engine_render(a, c, top, &rendered, &err) < 0) {
		/* helm template adds this to every error once the release exists */
		sb_adds(&err, "\n\nUse --debug flag to render out invalid YAML");
		return fail(&err);
	}

	struct manifest_opts mo = { 0 };
	mo.disable_hooks = true; /* show --plain is helm template --no-hooks */
	mo.include_crds = o->include_crds;
	mo.skip_tests = o->skip_tests;
	mo.show_only = o->show_only.v;
	mo.nshow_only = o->show_only.n;
	struct sb out = SB_INIT, log = SB_INIT;
	rc = manifest_template_output(a, rendered, c, &mo, &out, &err, &log);
	if (log.len)
		fputs(log.buf, stderr);
	sb_release(&log);
	if (rc < 0) {
		sb_release(&out);
		return fail(&err);
	}
	fwrite(out.buf, 1, out.len, stdout);
	sb_release(&out);
	sb_release(&err);
	return 0;
}
