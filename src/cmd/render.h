/* render.h — the render pipeline of show, diff and apply (render.c). */
#ifndef COZY_CMD_RENDER_H
#define COZY_CMD_RENDER_H

#include <stdio.h>

#include "chart/chart.h"
#include "cmd/cmd.h"
#include "flux/release.h"
#include "kube/client.h"

struct render_in {
	const char *name;                 /* the command's argument */
	bool plain;                       /* chart values + flags only, offline */
	struct kube_client *kc;           /* when !plain */
	const struct value_flags *v;
	const struct opt_list *show_only; /* -s, or NULL */
	const char *kube_version;         /* --kube-version, or NULL */
	const struct opt_list *api_versions;
	bool include_crds, skip_tests;
	/* plain: the current release's config, used when the flags give no
	 * values (Helm's upgrade reuses it then: cmd_plain_reuse) */
	val reuse;
	/* show: the manifest goes straight here (render_out.manifest stays
	 * empty); NULL: into render_out.manifest */
	FILE *stream;
};

struct render_out {
	val hr;                  /* the HelmRelease (!plain) */
	struct flux_release rel; /* its release address (!plain) */
	const char *release, *namespace;
	struct chart *chart;
	val config;              /* the user-supplied values (Helm's release config) */
	val rendered;            /* template name -> rendered text */
	struct sb manifest;      /* helm template --no-hooks output */
};

/* flux_fetch_fn over a struct kube_client * (ctx): the ConfigMaps and
 * Secrets of spec.valuesFrom; a 404 is *found = false. */
int cmd_fetch_ref(void *ctx, const char *kind, const char *ns, const char *name, val *obj, bool *found,
		  struct sb *err);

/* 0, or -1 with the whole error line in err (kubectl's or "error: ..."). */
int cmd_render(struct cli_ctx *ctx, const struct render_in *in, struct render_out *out, struct sb *err);

/* kubecmd.c */
/* --plain is `helm upgrade --install`, which (without --reset-values)
 * renders with the current revision's config when the flags give no values
 * (upgrade.go reuseValues): that config, or VAL_NULL on install.  The
 * current revision is the one an upgrade starts from (helm_plan_base) in
 * the storage namespace of --plain (-n, else "default"). */
int cmd_plain_reuse(struct cli_ctx *ctx, struct kube_client *kc, const char *name, val *out, struct sb *err);

#endif
