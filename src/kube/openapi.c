/* openapi.c — strategic-merge-patch metadata from the API server's OpenAPI v3
 * documents.  Go (Helm's createPatch) reads it from k8s.io/api struct tags
 * through reflection (strategicpatch.NewPatchMetaFromStruct); the server
 * publishes the same tags as x-kubernetes-patch-strategy/-merge-key on each
 * property, and each component schema is one Go struct. */
#include "kube/patch.h"

#include <string.h>

#include "kube/client.h"

#define REF_PREFIX "#/components/schemas/"

static val opaque(void *p)
{
	val v = { 0 };
	v.kind = VAL_OPAQUE;
	v.u.p = p;
	return v;
}

static val getk(val m, const char *k)
{
	val out = val_null();
	if (m.kind == VAL_MAP)
		val_map_get(m, k, strlen(k), &out);
	return out;
}

static const char *getstr(struct arena *a, val m, const char *k)
{
	val s = getk(m, k);
	if (s.kind != VAL_STRING)
		return "";
	return arena_memdup(a, s.u.s, s.len);
}

static struct kube_patch_type *new_type(struct arena *a, enum kube_pt_kind k, const struct kube_patch_type *elem)
{
	struct kube_patch_type *t = arena_zalloc(a, sizeof(*t));
	t->kind = k;
	t->elem = elem;
	t->name = "";
	t->schema = "";
	return t;
}

static struct kube_patch_type *component(struct kube_patch_meta *m, const char *ref)
{
	if (strncmp(ref, REF_PREFIX, strlen(REF_PREFIX)) != 0)
		return NULL;
	ref += strlen(REF_PREFIX);
	val v;
	if (!val_map_get(m->types, ref, strlen(ref), &v))
		return NULL;
	return v.u.p;
}

/* The Go type of a property schema: $ref / allOf[$ref] name a struct, the
 * rest is spelled by type/format (format byte = []byte). */
static const struct kube_patch_type *resolve(struct kube_patch_meta *m, val s)
{
	const char *ref = getstr(m->a, s, "$ref");
	if (!*ref) {
		val all = getk(s, "allOf");
		if (all.kind == VAL_LIST && val_list_len(all) > 0)
			ref = getstr(m->a, val_list_at(all, 0), "$ref");
	}
	if (*ref) {
		struct kube_patch_type *t = component(m, ref);
		return t ? t : new_type(m->a, KPT_INTERFACE, NULL);
	}
	const char *type = getstr(m->a, s, "type");
	const char *format = getstr(m->a, s, "format");
	if (!strcmp(type, "array"))
		return new_type(m->a, KPT_SLICE, resolve(m, getk(s, "items")));
	if (!strcmp(type, "object")) {
		val ap = getk(s, "additionalProperties");
		return new_type(m->a, KPT_MAP, ap.kind == VAL_MAP ? resolve(m, ap) : new_type(m->a, KPT_INTERFACE, NULL));
	}
	if (!strcmp(type, "string")) {
		if (!strcmp(format, "byte"))
			return new_type(m->a, KPT_SLICE, new_type(m->a, KPT_UINT8, NULL));
		return new_type(m->a, KPT_STRING, NULL);
	}
	if (!strcmp(type, "integer"))
		return new_type(m->a, !strcmp(format, "int32") ? KPT_INT32 : KPT_INT64, NULL);
	if (!strcmp(type, "number"))
		return new_type(m->a, KPT_FLOAT64, NULL);
	if (!strcmp(type, "boolean"))
		return new_type(m->a, KPT_BOOL, NULL);
	return new_type(m->a, KPT_INTERFACE, NULL);
}

static bool gv_matches(val gvk, const char *gv)
{
	const char *g = "", *v = "";
	val x = getk(gvk, "group");
	val y = getk(gvk, "version");
	size_t gl = 0, vl = 0;
	if (x.kind == VAL_STRING) {
		g = x.u.s;
		gl = x.len;
	}
	if (y.kind == VAL_STRING) {
		v = y.u.s;
		vl = y.len;
	}
	const char *slash = strchr(gv, '/');
	if (!slash)
		return gl == 0 && strlen(gv) == vl && !memcmp(gv, v, vl);
	return (size_t)(slash - gv) == gl && !memcmp(gv, g, gl) && strlen(slash + 1) == vl &&
	       !memcmp(slash + 1, v, vl);
}

/* Types whose JSON Go writes by hand (MarshalJSON): the server describes
 * them as opaque, but the struct-tag lookup still sees their exported,
 * untagged fields (json name = Go name, matched case-insensitively). */
static const struct go_only {
	const char *schema, *field;
	enum kube_pt_kind kind, elem;
	const char *ref; /* struct type of the field or element */
} go_only[] = {
	{ "io.k8s.apimachinery.pkg.api.resource.Quantity", "Format", KPT_STRING, 0, NULL },
	{ "io.k8s.apimachinery.pkg.util.intstr.IntOrString", "Type", KPT_INT64, 0, NULL },
	{ "io.k8s.apimachinery.pkg.util.intstr.IntOrString", "IntVal", KPT_INT32, 0, NULL },
	{ "io.k8s.apimachinery.pkg.util.intstr.IntOrString", "StrVal", KPT_STRING, 0, NULL },
#define XV1 "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1."
	{ XV1 "JSONSchemaPropsOrArray", "Schema", KPT_STRUCT, 0, XV1 "JSONSchemaProps" },
	{ XV1 "JSONSchemaPropsOrArray", "JSONSchemas", KPT_SLICE, KPT_STRUCT, XV1 "JSONSchemaProps" },
	{ XV1 "JSONSchemaPropsOrBool", "Allows", KPT_BOOL, 0, NULL },
	{ XV1 "JSONSchemaPropsOrBool", "Schema", KPT_STRUCT, 0, XV1 "JSONSchemaProps" },
	{ XV1 "JSONSchemaPropsOrStringArray", "Schema", KPT_STRUCT, 0, XV1 "JSONSchemaProps" },
	{ XV1 "JSONSchemaPropsOrStringArray", "Property", KPT_SLICE, KPT_STRING, NULL },
#undef XV1
};

static void add_go_only(struct kube_patch_meta *m)
{
	for (size_t i = 0; i < sizeof(go_only) / sizeof(go_only[0]); i++) {
		const struct go_only *g = &go_only[i];
		val tv;
		if (!val_map_get(m->types, g->schema, strlen(g->schema), &tv))
			continue;
		struct kube_patch_type *t = tv.u.p;
		if (t->nfields)
			continue; /* published after all: trust the server */
		const struct kube_patch_type *ref = NULL;
		if (g->ref) {
			val rv;
			ref = val_map_get(m->types, g->ref, strlen(g->ref), &rv) ? rv.u.p : NULL;
			if (!ref)
				continue;
		}
		size_t n = 0;
		while (i + n < sizeof(go_only) / sizeof(go_only[0]) && !strcmp(go_only[i + n].schema, g->schema))
			n++;
		t->fields = arena_zalloc(m->a, n * sizeof(*t->fields));
		for (size_t j = 0; j < n; j++) {
			const struct go_only *h = &go_only[i + j];
			struct kube_patch_field *f = &t->fields[t->nfields++];
			f->json = h->field;
			f->jlen = strlen(h->field);
			f->strategy = f->merge_key = "";
			const struct kube_patch_type *r = NULL;
			if (h->ref) {
				val rv;
				if (val_map_get(m->types, h->ref, strlen(h->ref), &rv))
					r = rv.u.p;
			}
			if (h->kind == KPT_SLICE)
				f->type = new_type(m->a, KPT_SLICE, r ? r : new_type(m->a, h->elem, NULL));
			else
				f->type = r && h->kind == KPT_STRUCT ? r : new_type(m->a, h->kind, NULL);
		}
		i += n - 1;
	}
}

int kube_patch_meta_parse(struct arena *a, val doc, const char *gv, struct kube_patch_meta *m, struct sb *err)
{
	memset(m, 0, sizeof(*m));
	m->a = a;
	m->group_version = arena_strdup(a, gv);
	val schemas = getk(getk(doc, "components"), "schemas");
	if (schemas.kind != VAL_MAP) {
		sb_adds(err, "openapi document without components.schemas");
		return -1;
	}
	size_t n = val_map_len(schemas);
	m->types = val_map_new(a, n);
	m->kinds = val_map_new(a, 16);
	/* Pass 1: one struct per component, so $refs resolve in any order
	 * (and recursive schemas such as JSONSchemaProps terminate). */
	for (size_t i = 0; i < n; i++) {
		const struct val_map_entry *e = val_map_entry_at(schemas, i);
		struct kube_patch_type *t = new_type(a, KPT_STRUCT, NULL);
		t->schema = arena_memdup(a, e->key, e->klen);
		const char *dot = strrchr(t->schema, '.');
		t->name = dot ? dot + 1 : t->schema;
		val_map_set(a, m->types, t->schema, e->klen, opaque(t));
	}
	/* Pass 2: fields. */
	for (size_t i = 0; i < n; i++) {
		const struct val_map_entry *e = val_map_entry_at(schemas, i);
		struct kube_patch_type *t = val_map_entry_at(m->types, i)->v.u.p;
		val props = getk(e->v, "properties");
		if (props.kind == VAL_MAP) {
			t->nfields = val_map_len(props);
			t->fields = arena_zalloc(a, t->nfields * sizeof(*t->fields) + 1);
			for (size_t j = 0; j < t->nfields; j++) {
				const struct val_map_entry *p = val_map_entry_at(props, j);
				struct kube_patch_field *f = &t->fields[j];
				f->json = arena_memdup(a, p->key, p->klen);
				f->jlen = p->klen;
				f->strategy = getstr(a, p->v, "x-kubernetes-patch-strategy");
				f->merge_key = getstr(a, p->v, "x-kubernetes-patch-merge-key");
				f->type = resolve(m, p->v);
			}
		}
		val gvks = getk(e->v, "x-kubernetes-group-version-kind");
		if (gvks.kind == VAL_LIST && val_list_len(gvks) == 1 && gv_matches(val_list_at(gvks, 0), gv)) {
			val kind = getk(val_list_at(gvks, 0), "kind");
			if (kind.kind == VAL_STRING)
				val_map_set(a, m->kinds, kind.u.s, kind.len, opaque(t));
		}
	}
	add_go_only(m);
	return 0;
}

int kube_patch_meta_load(struct kube_client *c, const char *group_version, struct kube_patch_meta *m,
			 struct sb *err)
{
	struct sb path = SB_INIT;
	sb_adds(&path, strchr(group_version, '/') ? "/openapi/v3/apis/" : "/openapi/v3/api/");
	sb_adds(&path, group_version);
	val doc;
	int rc = kube_call(c, "GET", path.buf, NULL, NULL, NULL, 0, &doc, NULL, err);
	sb_release(&path);
	if (rc < 0)
		return -1;
	return kube_patch_meta_parse(c->a, doc, group_version, m, err);
}

const struct kube_patch_type *kube_patch_meta_kind(const struct kube_patch_meta *m, const char *kind)
{
	val v;
	if (m->kinds.kind != VAL_MAP || !val_map_get(m->kinds, kind, strlen(kind), &v))
		return NULL;
	return v.u.p;
}

static int fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

const struct kube_patch_field *kube_patch_type_field(const struct kube_patch_type *t, const char *key,
						     size_t klen)
{
	const struct kube_patch_field *ci = NULL;
	for (size_t i = 0; i < t->nfields; i++) {
		const struct kube_patch_field *f = &t->fields[i];
		if (f->jlen != klen)
			continue;
		if (!memcmp(f->json, key, klen))
			return f;
		if (!ci) {
			size_t j = 0;
			while (j < klen && fold((unsigned char)f->json[j]) == fold((unsigned char)key[j]))
				j++;
			if (j == klen)
				ci = f;
		}
	}
	return ci;
}

const char *kube_patch_kind_name(enum kube_pt_kind k)
{
	static const char *const names[] = {
		[KPT_INTERFACE] = "interface", [KPT_BOOL] = "bool",     [KPT_INT32] = "int32",
		[KPT_INT64] = "int64",         [KPT_UINT8] = "uint8",   [KPT_FLOAT64] = "float64",
		[KPT_STRING] = "string",       [KPT_MAP] = "map",       [KPT_SLICE] = "slice",
		[KPT_STRUCT] = "struct",
	};
	return names[k];
}
