/* postrender.c — the origin labels upstream cozyhr's fluxPostRenderer puts
 * on a rendered manifest (main.go Run/ensureMap), byte for byte: its own
 * document split, sigs.k8s.io/yaml Unmarshal and Marshal.  helm-controller's
 * own OriginLabels renderer (kustomize) differs; see docs/helmrelease.md. */
#include "flux/release.h"

#include <string.h>

#include "flux/values.h"
#include "value/codec.h"

/* ensureMap: parent[key] if it is a map, else a new map stored there */
static val ensure_map(struct arena *a, val parent, const char *key)
{
	val *cur = val_map_ref(parent, key, strlen(key));
	val m;

	if (cur && cur->kind == VAL_MAP)
		return *cur;
	m = val_map_new(a, 2);
	val_map_set(a, parent, key, strlen(key), m);
	return m;
}

static int render_doc(struct arena *a, const char *d, size_t dn, val name, val ns, struct sb *out,
		      struct sb *err)
{
	struct sb e = SB_INIT;
	val obj, labels;
	int rc;

	rc = val_from_yaml(a, d, dn, VAL_YAML_ANY, &obj, &e);
	sb_release(&e);
	if (rc < 0 || obj.kind != VAL_MAP) {
		/* Unmarshal failed or gave a nil map: kept as it is */
		sb_add(out, d, dn);
		return 0;
	}
	labels = ensure_map(a, ensure_map(a, obj, "metadata"), "labels");
	val_map_set(a, labels, "helm.toolkit.fluxcd.io/name", 27, name);
	val_map_set(a, labels, "helm.toolkit.fluxcd.io/namespace", 32, ns);
	return val_to_yaml(a, obj, out, err);
}

int flux_postrender(struct arena *a, const char *in, size_t n, const char *name, const char *ns,
		    struct sb *out, struct sb *err)
{
	val vname = val_cstr(a, name), vns = val_cstr(a, ns);
	size_t start = out->len, pos = 0;
	bool first = true;

	for (;;) {
		/* bytes.Split(in, "\n---"): the next separator or the end */
		const char *sep = memmem(in + pos, n - pos, "\n---", 4);
		size_t end;

		end = sep ? (size_t)(sep - in) : n;

		size_t b = pos, e = end;
		flux_trim_space(in, &b, &e);
		if (b < e) {
			if (!first)
				sb_add(out, "\n---\n", 5);
			first = false;
			if (render_doc(a, in + pos, end - pos, vname, vns, out, err) < 0) {
				sb_setlen(out, start);
				return -1;
			}
		}
		if (!sep)
			break;
		pos = end + 4;
	}
	return 0;
}
