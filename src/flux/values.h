/* values.h — the values of a HelmRelease, merged as upstream cozyhr v1.6.1
 * (main.go mergedValues + loadExtraValues) and as helm-controller v1.6.0
 * (fluxcd/pkg/chartutil v1.27 ChartValuesFromReferences), with the three
 * different merges they use; and Flux's configDigest of a values map. */
#ifndef COZY_FLUX_VALUES_H
#define COZY_FLUX_VALUES_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/sb.h"
#include "value/value.h"

/* Fetch a ConfigMap or Secret (kind is "ConfigMap" or "Secret") as the
 * apiserver returns it (decoded JSON; Secret data still base64).  0 with
 * *found set (false = 404), or -1 with the error text in err (any other
 * failure: it is passed on as the merge's error). */
typedef int flux_fetch_fn(void *ctx, const char *kind, const char *ns, const char *name, val *obj,
			  bool *found, struct sb *err);

/* mergo.Merge(&dst, src, mergo.WithOverride) (dario.cat/mergo v1.0.2) on
 * decoded values: dst is changed in place; src maps are shared, not copied. */
void flux_mergo_merge(struct arena *a, val dst, val src);

/* Flux's chartutil.MergeMaps(x, y) (a copy of Helm 3.3's mergeMaps): a new
 * map; nested maps merged into new maps, everything else shared. */
val flux_merge_maps(struct arena *a, val x, val y);

/* chartutil.ChartValuesFromReferences(ns, values, refs...): refs is
 * spec.valuesFrom (a list, or null).  Error texts as ErrValuesReference
 * prints them, e.g. "could not resolve ConfigMap chart values reference
 * 'ns/name' with key 'values.yaml': configmaps \"name\" not found". */
int flux_values_from_refs(struct arena *a, const char *ns, val values, val refs,
			  flux_fetch_fn *fetch, void *ctx, val *out, struct sb *err);

/* Inputs of the merge. */
struct flux_values_in {
	val hr;                    /* the HelmRelease object */
	const char *chart_dir;     /* values files are relative to it */
	const char *const *files;  /* -f files, in order */
	size_t nfiles;
	flux_fetch_fn *fetch;      /* ConfigMaps/Secrets of spec.valuesFrom */
	void *fetch_ctx;
	bool name_files;           /* We: a YAML error says "failed to parse FILE: ..."
				      as Helm's -f does (upstream: the bare error) */
};

/* Upstream's mergedValues then the -f files: (1) the values files named by
 * the annotation cozyhr.cozystack.io/values-files (else the older
 * cozypkg.cozystack.io/values-files, else spec.chart.spec.valuesFiles),
 * (2) spec.values over them, (3) spec.valuesFrom with (1+2) merged over,
 * (4) the -f files over all.  Errors are upstream's texts (os.ReadFile,
 * sigs.k8s.io/yaml, "failed to merge values from references: ..."). */
int flux_values_merged(struct arena *a, const struct flux_values_in *in, val *out,
		       struct sb *err);

/* What helm-controller itself installs as the release's config (and digests
 * into lastAttemptedConfigDigest / the snapshot's configDigest, and checks
 * with VerifyRelease): ChartValuesFromReferences(spec.valuesFrom,
 * GetValues()) — no values files (source-controller merges those into the
 * chart's own values.yaml) and no -f. */
int flux_values_controller(struct arena *a, val hr, flux_fetch_fn *fetch, void *ctx, val *out,
			   struct sb *err);

/* chartutil.DigestValues(digest.Canonical, values).String():
 * "sha256:<hex>" of go-yaml v2's encoding of the values with every map's
 * keys sorted bytewise; empty or null values digest the empty input. */
void flux_digest_values(struct arena *a, val values, struct sb *out);

/* strings.TrimSpace / bytes.TrimSpace on s[*b..*e) (unicode.IsSpace). */
void flux_trim_space(const char *s, size_t *b, size_t *e);

#endif
