/* patch.h — the patch Helm v3.17.3 sends when it updates a resource
 * (pkg/kube/client.go createPatch): a three-way strategic merge patch for
 * built-in kinds (k8s.io/apimachinery/pkg/util/strategicpatch), a JSON merge
 * patch of original -> modified for the rest (evanphx/json-patch v5
 * CreateMergePatch), and the patch metadata Go reads from struct tags, taken
 * here from the API server's OpenAPI v3 documents. */
#ifndef COZY_KUBE_PATCH_H
#define COZY_KUBE_PATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/sb.h"
#include "value/value.h"

struct kube_client;

/* A Go type as strategicpatch's PatchMetaFromStruct sees it (reflect.Kind
 * plus, for structs, the json fields and their patch tags). */
enum kube_pt_kind {
	KPT_INTERFACE = 0,
	KPT_BOOL,
	KPT_INT32,
	KPT_INT64,
	KPT_UINT8,
	KPT_FLOAT64,
	KPT_STRING,
	KPT_MAP,
	KPT_SLICE,
	KPT_STRUCT,
};

struct kube_patch_type;

struct kube_patch_field {
	const char *json;      /* json name */
	size_t jlen;
	const char *strategy;  /* patchStrategy tag ("" when none), e.g. "merge,retainKeys" */
	const char *merge_key; /* patchMergeKey tag ("" when none) */
	const struct kube_patch_type *type;
};

struct kube_patch_type {
	enum kube_pt_kind kind;
	const char *name;   /* KPT_STRUCT: the Go type name (last part of the schema name) */
	const char *schema; /* KPT_STRUCT: the OpenAPI component name */
	const struct kube_patch_type *elem; /* KPT_MAP / KPT_SLICE */
	struct kube_patch_field *fields;
	size_t nfields;
};

/* The types of one OpenAPI v3 document (one group-version). */
struct kube_patch_meta {
	struct arena *a;
	val types; /* component name -> VAL_OPAQUE struct kube_patch_type * */
	val kinds; /* kind -> VAL_OPAQUE (from x-kubernetes-group-version-kind) */
	const char *group_version;
};

/* Builds the meta from a decoded OpenAPI v3 document (GET /openapi/v3/<path>).
 * gv is "v1" or "apps/v1": only kinds of that group-version are registered.
 * 0, or -1 with err. */
int kube_patch_meta_parse(struct arena *a, val doc, const char *gv, struct kube_patch_meta *m, struct sb *err);

/* GET /openapi/v3/api/v1 or /openapi/v3/apis/<group>/<version> through the
 * client and parse it. */
int kube_patch_meta_load(struct kube_client *c, const char *group_version, struct kube_patch_meta *m,
			 struct sb *err);

/* The root type of a kind, or NULL (then Helm would use a JSON merge patch:
 * the kind is not built into client-go's scheme). */
const struct kube_patch_type *kube_patch_meta_kind(const struct kube_patch_meta *m, const char *kind);

/* A struct field by json name as encoding/json matches it (exact, else the
 * first case-insensitive match), or NULL. */
const struct kube_patch_field *kube_patch_type_field(const struct kube_patch_type *t, const char *key,
						     size_t klen);

/* reflect.Kind.String() of a type kind. */
const char *kube_patch_kind_name(enum kube_pt_kind k);

/* Helm's createPatch.  original = the object in the previous release's
 * manifest, modified = the new manifest's, current = the live object (VAL_NULL
 * when not found).  root != NULL: strategicpatch.CreateThreeWayMergePatch(
 * original, modified, current, meta, overwrite=true); root == NULL:
 * jsonpatch.CreateMergePatch(original, modified).  The inputs are not
 * changed.  Appends the patch JSON (json.Marshal bytes) to patch_json and sets
 * *empty when it is "{}" (Helm then skips the PATCH).  0, or -1 with err set
 * to Go's error text (a Go runtime panic is reported as its message). */
int kube_three_way_patch(struct arena *a, val original, val modified, val current,
			 const struct kube_patch_type *root, struct sb *patch_json, bool *empty, struct sb *err);

/* evanphx/json-patch CreateMergePatch of two decoded objects, as a value
 * (NULL-free: deleted keys are VAL_NULL).  0, or -1 with err. */
int kube_json_merge_patch(struct arena *a, val original, val modified, val *patch, struct sb *err);

#endif
