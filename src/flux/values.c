/* values.c — HelmRelease values: upstream cozyhr's merge order (mergedValues,
 * main.go), Flux's ChartValuesFromReferences (fluxcd/pkg/chartutil v1.27.2
 * values.go) and the two merges they use, mergo.WithOverride and Flux's
 * MergeMaps.  Go's aliasing is kept on purpose: MergeMaps shares nested
 * values and strvals writes through them, which decides who wins when a
 * targetPath and spec.values name the same nested key. */
#include "flux/values.h"

#include <errno.h>
#include <string.h>

#include "base/base64.h"
#include "chart/strvals.h"
#include "kube/config.h"
#include "value/codec.h"

/* A copy of a list's header sharing its items, as Go copies a slice header
 * when it stores a slice in another map: writes inside the old length are
 * seen by both holders, growth (cap = len forces a new array) only by one. */
static val share_list(struct arena *a, val l)
{
	struct val_list *h = arena_alloc(a, sizeof(*h));

	*h = *l.u.l;
	h->cap = h->len;
	l.u.l = h;
	return l;
}

static val share(struct arena *a, val v)
{
	return v.kind == VAL_LIST ? share_list(a, v) : v;
}

val flux_merge_maps(struct arena *a, val x, val y)
{
	size_t nx = x.kind == VAL_MAP ? val_map_len(x) : 0;
	size_t ny = y.kind == VAL_MAP ? val_map_len(y) : 0;
	val out = val_map_new(a, nx + ny);

	for (size_t i = 0; i < nx; i++) {
		const struct val_map_entry *e = val_map_entry_at(x, i);
		val_map_set(a, out, e->key, e->klen, share(a, e->v));
	}
	for (size_t i = 0; i < ny; i++) {
		const struct val_map_entry *e = val_map_entry_at(y, i);
		val *cur;

		if (e->v.kind == VAL_MAP && (cur = val_map_ref(out, e->key, e->klen)) &&
		    cur->kind == VAL_MAP) {
			val m = flux_merge_maps(a, *cur, e->v);
			val_map_set(a, out, e->key, e->klen, m);
			continue;
		}
		val_map_set(a, out, e->key, e->klen, share(a, e->v));
	}
	return out;
}

/* mergo's isEmptyValue for what a JSON decode holds */
static bool mergo_empty(val v)
{
	switch ((enum val_kind)v.kind) {
	case VAL_NULL:
		return true;
	case VAL_BOOL:
		return !v.u.b;
	case VAL_INT:
		return v.u.i == 0;
	case VAL_FLOAT:
		return v.u.f == 0;
	case VAL_STRING:
		return v.len == 0;
	case VAL_LIST:
		return val_list_len(v) == 0;
	case VAL_MAP:
		return val_map_len(v) == 0;
	default:
		return false;
	}
}

/* deepMerge's reflect.Map case with Overwrite set, for each src key: a nil
 * src value is stored as nil; a map goes into a non-empty dst map in place
 * (into an empty one too, which is then replaced by the src map); slices
 * and scalars replace whatever dst holds, empty or not. */
void flux_mergo_merge(struct arena *a, val dst, val src)
{
	if (dst.kind != VAL_MAP || src.kind != VAL_MAP)
		return;
	for (size_t i = 0; i < val_map_len(src); i++) {
		const struct val_map_entry *e = val_map_entry_at(src, i);
		val *d = val_map_ref(dst, e->key, e->klen);

		if (e->v.kind == VAL_MAP && d && d->kind == VAL_MAP) {
			bool was_empty = mergo_empty(*d);
			flux_mergo_merge(a, *d, e->v);
			if (!was_empty)
				continue;
		}
		val_map_set(a, dst, e->key, e->klen, share(a, e->v));
	}
}

/* ---- ChartValuesFromReferences ---- */

static const char *ref_field(val ref, const char *key)
{
	val v;

	if (ref.kind == VAL_MAP && val_map_get(ref, key, strlen(key), &v) && v.kind == VAL_STRING)
		return v.u.s;
	return "";
}

static size_t ref_field_len(val ref, const char *key)
{
	val v;

	if (ref.kind == VAL_MAP && val_map_get(ref, key, strlen(key), &v) && v.kind == VAL_STRING)
		return v.len;
	return 0;
}

static bool ref_bool(val ref, const char *key)
{
	val v;

	return ref.kind == VAL_MAP && val_map_get(ref, key, strlen(key), &v) && v.kind == VAL_BOOL &&
	       v.u.b;
}

/* ErrValuesReference.Error() */
static void ref_error(struct sb *err, val ref, const char *ns, const char *reason)
{
	const char *kind = ref_field(ref, "kind");
	const char *key = ref_field(ref, "valuesKey");

	sb_adds(err, "could not resolve");
	if (ref_bool(ref, "optional"))
		sb_adds(err, " optional");
	if (*kind) {
		sb_addc(err, ' ');
		sb_add(err, kind, ref_field_len(ref, "kind"));
	}
	sb_adds(err, " chart values reference '");
	sb_adds(err, ns);
	sb_addc(err, '/');
	sb_add(err, ref_field(ref, "name"), ref_field_len(ref, "name"));
	sb_adds(err, "' with key '");
	if (*key)
		sb_add(err, key, ref_field_len(ref, "valuesKey"));
	else
		sb_adds(err, "values.yaml");
	sb_adds(err, "': ");
	sb_adds(err, reason);
}

struct ref_cache {
	const char *kind, *name;
	size_t nlen;
	bool found;
	val obj;
};

/* ReplacePathLiteralValue's escaper: \ , [ ] { } get a backslash */
static void literal_escape(struct sb *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (strchr("\\,[]{}", s[i]) && s[i])
			sb_addc(out, '\\');
		sb_addc(out, s[i]);
	}
}

/* ReplacePathValue / ReplacePathLiteralValue into values (in place) */
static int replace_path(struct arena *a, val values, const char *path, size_t plen, bool literal,
			const char *s, size_t n, struct sb *err)
{
	struct sb expr = SB_INIT, msg = SB_INIT;
	enum strvals_mode mode = STRVALS_SET;
	int rc;

	sb_add(&expr, path, plen);
	sb_addc(&expr, '=');
	if (literal) {
		literal_escape(&expr, s, n);
		mode = STRVALS_STRING;
	} else {
		bool sq = n >= 1 && s[0] == '\'' && s[n - 1] == '\'';
		bool dq = n >= 1 && s[0] == '"' && s[n - 1] == '"';
		if (sq || dq) {
			/* strings.Trim(value, "'\""): both ends, any mix */
			size_t b = 0, e = n;
			while (b < e && (s[b] == '\'' || s[b] == '"'))
				b++;
			while (e > b && (s[e - 1] == '\'' || s[e - 1] == '"'))
				e--;
			sb_add(&expr, s + b, e - b);
			mode = STRVALS_STRING;
		} else {
			sb_add(&expr, s, n);
		}
	}
	rc = strvals_parse(a, expr.buf, expr.len, values, mode, &msg);
	if (rc < 0) {
		/* Helm 4's strvals (which chartutil v1.27 uses) ends its parse
		 * loop on errors.Is(err, io.EOF), and "error parsing index: %w"
		 * wraps the io.EOF of an unterminated index: no error then,
		 * whatever was set so far stays (Helm 3 compared err == io.EOF) */
		static const char wrap[] = "error parsing index: ";
		const char *m = msg.buf;
		while (strncmp(m, wrap, sizeof(wrap) - 1) == 0)
			m += sizeof(wrap) - 1;
		if (m != msg.buf && strcmp(m, "EOF") == 0)
			rc = 0;
		else
			sb_add(err, msg.buf, msg.len);
	}
	sb_release(&msg);
	sb_release(&expr);
	return rc;
}

int flux_values_from_refs(struct arena *a, const char *ns, val values, val refs,
			  flux_fetch_fn *fetch, void *ctx, val *out, struct sb *err)
{
	size_t nrefs = refs.kind == VAL_LIST ? val_list_len(refs) : 0;
	struct ref_cache *cache = nrefs ? arena_zalloc(a, nrefs * sizeof(*cache)) : NULL;
	size_t ncache = 0;
	val result = val_map_new(a, 0);
	struct sb reason = SB_INIT;
	int rc = -1;

	for (size_t i = 0; i < nrefs; i++) {
		val ref = val_list_at(refs, i);
		const char *kind = ref_field(ref, "kind");
		const char *name = ref_field(ref, "name");
		size_t nlen = ref_field_len(ref, "name");
		const char *key = ref_field(ref, "valuesKey");
		size_t klen = ref_field_len(ref, "valuesKey");
		const char *tpath = ref_field(ref, "targetPath");
		size_t tlen = ref_field_len(ref, "targetPath");
		bool optional = ref_bool(ref, "optional");
		bool secret = strcmp(kind, "Secret") == 0;
		struct ref_cache *c = NULL;
		const char *data;
		size_t dlen;
		val m, dv;

		sb_reset(&reason);
		if (!secret && strcmp(kind, "ConfigMap") != 0) {
			ref_error(err, ref, ns, "unsupported values reference kind");
			goto out;
		}
		if (!*key) {
			key = "values.yaml";
			klen = strlen(key);
		}
		/* one version of each resource per call (resources map) */
		for (size_t j = 0; j < ncache; j++)
			if (strcmp(cache[j].kind, kind) == 0 && cache[j].nlen == nlen &&
			    memcmp(cache[j].name, name, nlen) == 0)
				c = &cache[j];
		if (!c) {
			bool found = false;
			val obj = val_null();

			c = &cache[ncache++];
			c->kind = kind;
			c->name = name;
			c->nlen = nlen;
			if (fetch(ctx, kind, ns, name, &obj, &found, err) < 0)
				goto out;
			if (!found) {
				/* apierrors NotFound: the apiserver's Status message */
				sb_addf(&reason, "%s \"", secret ? "secrets" : "configmaps");
				sb_add(&reason, name, nlen);
				sb_adds(&reason, "\" not found");
				if (optional)
					continue;
				ref_error(err, ref, ns, reason.buf);
				goto out;
			}
			c->found = true;
			c->obj = obj;
		}
		if (!c->found) {
			if (optional)
				continue;
			ref_error(err, ref, ns, "resource not found");
			goto out;
		}
		if (c->obj.kind != VAL_MAP || !val_map_get(c->obj, "data", 4, &m) || m.kind != VAL_MAP ||
		    !val_map_get(m, key, klen, &dv) || dv.kind != VAL_STRING) {
			if (optional)
				continue;
			ref_error(err, ref, ns, "key not found");
			goto out;
		}
		if (secret) {
			/* encoding/json's []byte: base64.StdEncoding.  The apiserver
			 * only sends valid, padded text; anything else decodes as far
			 * as it is valid (the quanta before Go's error), NUL-ended. */
			char *o = arena_alloc(a, b64_decoded_len(dv.len) + 1);
			(void)b64_decode(o, dv.u.s, dv.len, &dlen);
			o[dlen] = '\0';
			data = o;
		} else {
			data = dv.u.s;
			dlen = dv.len;
		}

		if (tlen) {
			result = flux_merge_maps(a, result, values);
			if (replace_path(a, result, tpath, tlen, ref_bool(ref, "literal"), data, dlen,
					 &reason) < 0) {
				ref_error(err, ref, ns, reason.buf);
				goto out;
			}
			continue;
		}
		/* common.ReadValues: sigs.k8s.io/yaml into Values */
		if (val_from_yaml(a, data, dlen, VAL_YAML_MAP, &dv, &reason) < 0) {
			/* into common.Values, not map[string]interface{} */
			static const char gomap[] = "map[string]interface {}";
			size_t gl = sizeof(gomap) - 1;
			if (reason.len >= gl && memcmp(reason.buf + reason.len - gl, gomap, gl) == 0) {
				sb_setlen(&reason, reason.len - gl);
				sb_adds(&reason, "common.Values");
			}
			ref_error(err, ref, ns, reason.buf);
			goto out;
		}
		result = flux_merge_maps(a, result, dv);
	}
	*out = flux_merge_maps(a, result, values);
	rc = 0;
out:
	sb_release(&reason);
	return rc;
}

/* ---- upstream's mergedValues ---- */

#define ANN_COZYHR "cozyhr.cozystack.io/values-files"
#define ANN_COZYPKG "cozypkg.cozystack.io/values-files" /* before the rename */

/* spec.values as Go reads it: HelmRelease.Spec.Values.Raw (the JSON text)
 * through sigs.k8s.io/yaml.Unmarshal, a fresh map whose numbers went through
 * go-yaml (-0 becomes 0) */
static int spec_values(struct arena *a, val v, val *out, struct sb *err)
{
	struct sb js = SB_INIT;
	int rc = val_to_json(a, v, VAL_JSON_ESCAPE_HTML, NULL, NULL, &js, err);

	if (rc == 0)
		rc = val_from_yaml(a, js.buf, js.len, VAL_YAML_MAP, out, err);
	sb_release(&js);
	return rc;
}

static val hr_get(val v, const char *const *path)
{
	for (; *path; path++) {
		val next;

		if (v.kind != VAL_MAP || !val_map_get(v, *path, strlen(*path), &next))
			return val_null();
		v = next;
	}
	return v;
}

/* os.ReadFile + sigs.k8s.io/yaml.Unmarshal into map[string]interface{}.
 * We: a parse error names the file as Helm's -f does ("failed to parse
 * FILE: ..."; the YAML error carries the line), where upstream prints the
 * bare YAML error. */
static int read_values_file(struct arena *a, const char *path, bool name_file, val *out, struct sb *err)
{
	char *data;
	size_t len;
	int rc = kube_read_file(a, path, &data, &len);

	if (rc < 0) {
		kube_errno_text(err, rc == -2 ? "read" : "open", path, errno);
		return -1;
	}
	size_t mark = err->len;
	if (val_from_yaml(a, data, len, VAL_YAML_MAP, out, err) < 0) {
		if (!name_file)
			return -1;
		struct sb e = SB_INIT;

		sb_addf(&e, "failed to parse %s: ", path);
		sb_add(&e, err->buf + mark, err->len - mark);
		sb_setlen(err, mark);
		sb_add(err, e.buf, e.len);
		sb_release(&e);
		return -1;
	}
	return 0;
}

/* strings.TrimSpace (ASCII and the Unicode spaces Go's unicode.IsSpace has
 * that can appear in UTF-8 annotation text) */
static bool trim_space_at(const char *s, size_t n, size_t i, size_t *w)
{
	unsigned char c = (unsigned char)s[i];

	*w = 1;
	if (c == ' ' || (c >= '\t' && c <= '\r'))
		return true;
	if (c == 0xC2 && i + 1 < n && ((unsigned char)s[i + 1] == 0x85 || (unsigned char)s[i + 1] == 0xA0)) {
		*w = 2;
		return true;
	}
	if (c == 0xE1 && i + 2 < n && (unsigned char)s[i + 1] == 0x9A && (unsigned char)s[i + 2] == 0x80) {
		*w = 3;
		return true;
	}
	if (c == 0xE2 && i + 2 < n) {
		unsigned char c1 = (unsigned char)s[i + 1], c2 = (unsigned char)s[i + 2];
		if ((c1 == 0x80 && ((c2 >= 0x80 && c2 <= 0x8A) || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF)) ||
		    (c1 == 0x81 && c2 == 0x9F)) {
			*w = 3;
			return true;
		}
	}
	if (c == 0xE3 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x80) {
		*w = 3;
		return true;
	}
	return false;
}

void flux_trim_space(const char *s, size_t *b, size_t *e)
{
	size_t w;

	while (*b < *e && trim_space_at(s, *e, *b, &w))
		*b += w;
	while (*e > *b) {
		/* find the start of the last rune */
		size_t k = *e - 1;
		while (k > *b && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		if (!trim_space_at(s, *e, k, &w) || k + w != *e)
			break;
		*e = k;
	}
}

static int merge_file(struct arena *a, val vals, const char *dir, const char *vf, size_t vlen, bool name_file,
		      struct sb *err)
{
	struct sb p = SB_INIT;
	val mv;
	int rc;

	if (vlen == 1 && vf[0] == '-')
		return 0; /* stdin placeholder: skipped upstream */
	/* filepath.Join(chartDir, vf) */
	sb_adds(&p, dir);
	if (vlen) {
		if (p.len)
			sb_addc(&p, '/');
		sb_add(&p, vf, vlen);
	}
	rc = read_values_file(a, kube_path_clean(a, p.buf), name_file, &mv, err);
	sb_release(&p);
	if (rc < 0)
		return -1;
	flux_mergo_merge(a, vals, mv);
	return 0;
}

int flux_values_merged(struct arena *a, const struct flux_values_in *in, val *out,
		       struct sb *err)
{
	static const char *const p_ann[] = { "metadata", "annotations", NULL };
	static const char *const p_files[] = { "spec", "chart", "spec", "valuesFiles", NULL };
	static const char *const p_values[] = { "spec", "values", NULL };
	static const char *const p_from[] = { "spec", "valuesFrom", NULL };
	static const char *const p_ns[] = { "metadata", "namespace", NULL };
	const char *dir = in->chart_dir ? in->chart_dir : ".";
	val vals = val_map_new(a, 0), ann = hr_get(in->hr, p_ann), v = val_null(), from;
	bool from_ann = false;

	/* (1) the annotation (cozyhr's name first, then cozypkg's), a
	 * comma-separated list with each item trimmed; none or "" → the
	 * chart spec's valuesFiles */
	if (ann.kind == VAL_MAP &&
	    (!val_map_get(ann, ANN_COZYHR, strlen(ANN_COZYHR), &v) || v.kind != VAL_STRING || v.len == 0) &&
	    (!val_map_get(ann, ANN_COZYPKG, strlen(ANN_COZYPKG), &v) || v.kind != VAL_STRING))
		v = val_null();
	if (ann.kind == VAL_MAP && v.kind == VAL_STRING && v.len > 0) {
		size_t start = 0;
		from_ann = true;
		for (size_t i = 0; i <= v.len; i++) {
			if (i < v.len && v.u.s[i] != ',')
				continue;
			size_t b = start, e = i;
			flux_trim_space(v.u.s, &b, &e);
			if (merge_file(a, vals, dir, v.u.s + b, e - b, in->name_files, err) < 0)
				return -1;
			start = i + 1;
		}
	}
	if (!from_ann) {
		val files = hr_get(in->hr, p_files);
		for (size_t i = 0; files.kind == VAL_LIST && i < val_list_len(files); i++) {
			val f = val_list_at(files, i);
			if (f.kind != VAL_STRING)
				continue;
			if (merge_file(a, vals, dir, f.u.s, f.len, in->name_files, err) < 0)
				return -1;
		}
	}

	/* (2) spec.values: Unmarshal(Raw) gives a fresh map, so the merges
	 * below never write into the HelmRelease object */
	v = hr_get(in->hr, p_values);
	if (v.kind == VAL_MAP) {
		val mv;
		if (spec_values(a, v, &mv, err) < 0)
			return -1;
		flux_mergo_merge(a, vals, mv);
	}

	/* (3) spec.valuesFrom */
	from = hr_get(in->hr, p_from);
	if (from.kind == VAL_LIST && val_list_len(from) > 0) {
		const char *ns = "";
		val nsv = hr_get(in->hr, p_ns);
		struct sb e = SB_INIT;

		if (nsv.kind == VAL_STRING)
			ns = arena_memdup(a, nsv.u.s, nsv.len);
		if (flux_values_from_refs(a, ns, vals, from, in->fetch, in->fetch_ctx, &vals, &e) < 0) {
			sb_adds(err, "failed to merge values from references: ");
			sb_add(err, e.buf, e.len);
			sb_release(&e);
			return -1;
		}
		sb_release(&e);
	}

	/* (4) -f: merged together first (loadExtraValues), then over vals */
	if (in->nfiles) {
		val extra = val_map_new(a, 0);
		for (size_t i = 0; i < in->nfiles; i++) {
			val mv;
			if (read_values_file(a, in->files[i], in->name_files, &mv, err) < 0)
				return -1;
			flux_mergo_merge(a, extra, mv);
		}
		flux_mergo_merge(a, vals, extra);
	}
	*out = vals;
	return 0;
}

int flux_values_controller(struct arena *a, val hr, flux_fetch_fn *fetch, void *ctx, val *out,
			   struct sb *err)
{
	static const char *const p_values[] = { "spec", "values", NULL };
	static const char *const p_from[] = { "spec", "valuesFrom", NULL };
	static const char *const p_ns[] = { "metadata", "namespace", NULL };
	val v = hr_get(hr, p_values), nsv = hr_get(hr, p_ns);
	const char *ns = nsv.kind == VAL_STRING ? arena_memdup(a, nsv.u.s, nsv.len) : "";

	/* GetValues: nil unless spec.values holds a map; its Unmarshal error
	 * is dropped */
	if (v.kind == VAL_MAP) {
		struct sb ignored = SB_INIT;
		if (spec_values(a, v, &v, &ignored) < 0)
			v = val_null();
		sb_release(&ignored);
	} else {
		v = val_null();
	}
	return flux_values_from_refs(a, ns, v, hr_get(hr, p_from), fetch, ctx, out, err);
}
