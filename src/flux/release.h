/* release.h — where a HelmRelease's Helm release lives, computed exactly as
 * helm-controller v1.6.0 does (api/v2 GetReleaseName, GetReleaseNamespace,
 * GetStorageNamespace, GetHelmChartName; internal/release/name.go
 * ShortenName), so cozypkg and Flux always address the same release. */
#ifndef COZY_FLUX_RELEASE_H
#define COZY_FLUX_RELEASE_H

#include <stddef.h>

#include "base/arena.h"
#include "base/sb.h"
#include "helm/release.h"
#include "value/value.h"

/* Every string is NUL-terminated arena memory ("" when the object lacks it);
 * chart_* are NULL when the HelmRelease has no spec.chart (chartRef). */
struct flux_release {
	const char *hr_name;           /* metadata.name */
	const char *hr_namespace;      /* metadata.namespace */
	const char *release_name;      /* GetReleaseName: spec.releaseName, else
					  [targetNamespace-]name (not shortened) */
	const char *helm_name;         /* ShortenName(release_name): the name Helm
					  stores the release under */
	const char *namespace;         /* GetReleaseNamespace */
	const char *storage_namespace; /* GetStorageNamespace */
	const char *helmchart_name;    /* GetHelmChartName: "<ns>-<name>" */
	const char *chart_name;        /* spec.chart.spec.chart */
	const char *chart_version;     /* spec.chart.spec.version (NULL if unset) */
};

/* Fill r from a HelmRelease object (the apiserver's JSON, decoded). */
void flux_release_of(struct arena *a, val hr, struct flux_release *r);

/* ShortenName: names longer than 53 bytes become their first 40 bytes, "-"
 * and the first 12 hex digits of their SHA-256; shorter ones are returned as
 * they are (not copied). */
const char *flux_shorten_name(struct arena *a, const char *name, size_t n);

/* Upstream cozyhr's fluxPostRenderer.Run: the manifest split at "\n---";
 * blank pieces dropped; every piece that sigs.k8s.io/yaml reads as a map gets
 * metadata.labels helm.toolkit.fluxcd.io/name=<name> and .../namespace=<ns>
 * and is re-marshalled (sorted keys); other pieces (comments only, lists,
 * YAML errors) are kept byte for byte; pieces joined with "\n---\n".
 * Appends to out; -1 with the marshal error (Run's only failure). */
int flux_postrender(struct arena *a, const char *in, size_t n, const char *name, const char *ns,
		    struct sb *out, struct sb *err);

/* helm-controller's snapshot digest of a stored release (observation.c):
 * the Observation JSON as json.Encoder writes it (trailing newline), and
 * "sha256:<hex>" of it.  -1 with the encoder's error. */
int flux_release_observation(struct arena *a, const struct helm_release *r, struct sb *out, struct sb *err);
int flux_release_digest(struct arena *a, const struct helm_release *r, struct sb *out, struct sb *err);

#endif
