/* engine.h — Helm 3.17.3's rendering engine (pkg/engine): every template of
 * a chart tree parsed into one set, each non-partial executed with its
 * chart's scope, "<no value>" stripped, errors cleaned up as Helm does; and
 * the Go types Helm hands to templates (.Chart, .Files, .Capabilities...). */
#ifndef COZY_ENGINE_H
#define COZY_ENGINE_H

#include "base/sb.h"
#include "chart/chart.h"
#include "tmpl/tmpl.h"
#include "value/value.h"

/* Host types of the render data (value.h: gotype >= GT_HOST_FIRST). */
enum engine_gotype {
	GT_CHART_META = GT_HOST_FIRST, /* struct { chart.Metadata; IsRoot bool } */
	GT_FILES,                      /* engine.files (map[string][]byte) */
	GT_CAPABILITIES,               /* *chartutil.Capabilities */
	GT_KUBEVERSION,                /* chartutil.KubeVersion */
	GT_VERSIONSET,                 /* chartutil.VersionSet */
	GT_HELMVERSION,                /* version.BuildInfo */
	GT_STRING_MAP,                 /* map[string]string (.Chart.Annotations) */
	GT_MAINTAINERS,                /* []*chart.Maintainer */
	GT_MAINTAINER,                 /* *chart.Maintainer */
	GT_DEPENDENCIES,               /* []*chart.Dependency */
	GT_DEPENDENCY,                 /* *chart.Dependency */
};

/* What .Capabilities says (chartutil.Capabilities). */
struct engine_caps {
	const char *kube_version; /* "v1.32.0" */
	const char *kube_major, *kube_minor;
	const char *const *api_versions;
	size_t napi_versions;
};

/* Helm 3.17.3's defaults without a cluster: KubeVersion v1.32.0 and
 * chartutil.DefaultVersionSet (capabilities_default.c). */
extern const struct engine_caps engine_default_caps;

struct engine_release {
	const char *name, *namespace_;
	int revision;
	bool is_install, is_upgrade;
};

/* chartutil.ToRenderValues' top-level map: Chart, Capabilities, Release,
 * Values (the already coalesced values of the root chart). */
val engine_render_values(struct arena *a, const struct chart *c, val values,
			 const struct engine_release *rel, const struct engine_caps *caps);

/* Helm's lookup function (pkg/engine/lookup_func.go) with a cluster: fn
 * returns 0 with *out = the object, the List, or an empty map for NotFound;
 * -1 with the error text that follows "error calling lookup: ".  Without a
 * hook lookup answers an empty map, as `helm template` does offline. */
struct engine_lookup {
	int (*fn)(void *ctx, const char *api_version, const char *kind, const char *ns, const char *name,
		  val *out, struct sb *err);
	void *ctx;
};

/* engine.Render: *out becomes a map "chart/templates/x.yaml" -> rendered
 * string, in Helm's render order.  -1 and Helm's error text on failure. */
int engine_render(struct arena *a, const struct chart *c, val top, val *out, struct sb *err);

/* engine.Render with a cluster (engine.RenderWithClientProvider): lookup may
 * be NULL, which is engine_render. */
int engine_render_lookup(struct arena *a, const struct chart *c, val top, const struct engine_lookup *lookup,
			 val *out, struct sb *err);

/* Start making the RSA keys the templates of c and its subcharts may ask
 * for (src/funcs/crypto_rsa.c) while values and schemas are worked out;
 * engine_render* stop it when they finish, engine_keygen_stop() on a path
 * that never renders. */
void engine_keygen_ahead(const struct chart *c);
void engine_keygen_stop(void);

/* The host type of a value, for the template executor (type_of hook). */
const struct tmpl_type *engine_type_of(void *host, uint8_t gotype);

/* A host value turned into what encoding/json would see (struct fields by
 * their json tags, omitempty applied, Stringers kept as structs): what
 * toYaml/toJson of a host value marshal. */
val engine_plain(struct arena *a, val v);

#endif
