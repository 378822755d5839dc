/* secret.c — helm-diff v3.12.2 redactSecrets (diff.go), used when secrets
 * are hidden: each Secret is decoded as k8s' YAMLToJSONDecoder decodes it
 * into a v1.Secret (sigs.k8s.io/yaml, then encoding/json), its data values
 * replaced by "REDACTED/--------/++++++++ # (N bytes)" under stringData, and
 * re-encoded as k8s' YAML serializer does (json.Marshal, then JSONToYAML:
 * sorted keys), with the first "stringData" renamed "data". */
#include "diff/diff.h"

#include <math.h>
#include <string.h>

#include "base/base64.h"
#include "base/fmath.h"
#include "base/strconv.h"
#include "value/codec.h"
#include "value/value.h"

struct secret {
	bool ok;
	val obj;   /* the fields json.Marshal writes, data and stringData aside */
	val data;  /* VAL_MAP of byte strings, or VAL_NULL (nil map) */
	val sdata; /* stringData */
	struct sb err;
};

/* Field names match as encoding/json matches them: ASCII case folded. */
static bool fold_is(const char *k, size_t n, const char *name)
{
	size_t l = strlen(name);
	if (n != l)
		return false;
	for (size_t i = 0; i < n; i++) {
		char a = k[i], b = name[i];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a + 32);
		if (b >= 'A' && b <= 'Z')
			b = (char)(b + 32);
		if (a != b)
			return false;
	}
	return true;
}

static const char *json_kind(val v)
{
	switch (v.kind) {
	case VAL_BOOL:
		return "bool";
	case VAL_INT:
	case VAL_FLOAT:
		return "number";
	case VAL_STRING:
		return "string";
	case VAL_LIST:
		return "array";
	default:
		return "object";
	}
}

static void type_err(struct secret *s, val v, const char *field, const char *type)
{
	if (s->err.len)
		return; /* json keeps the first error */
	sb_addf(&s->err,
		"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go struct field Secret.%s of type %s",
		json_kind(v), field, type);
}

/* sigs.k8s.io/yaml turns YAML numbers and bools bound for a string field
 * into text (an approximation for floats: see docs/diff.md). */
static bool as_string(struct arena *a, val v, val *out)
{
	struct sb t = SB_INIT;
	switch (v.kind) {
	case VAL_STRING:
		*out = v;
		return true;
	case VAL_BOOL:
		*out = val_str_ref(v.u.b ? "true" : "false", v.u.b ? 4 : 5);
		return true;
	case VAL_INT:
		strconv_format_int(&t, v.u.i, 10);
		break;
	case VAL_FLOAT:
		if (v.u.f == fm_floor(v.u.f) && fabs(v.u.f) < 1e15)
			strconv_format_int(&t, (int64_t)v.u.f, 10);
		else
			strconv_format_float(&t, v.u.f, 'g', -1);
		break;
	default:
		return false;
	}
	*out = val_str(a, t.buf, t.len);
	sb_release(&t);
	return true;
}

static void dec_str_map(struct arena *a, struct secret *s, val v, val *dst, const char *field,
			bool bytes)
{
	if (v.kind == VAL_NULL) {
		*dst = val_null();
		return;
	}
	if (v.kind != VAL_MAP) {
		type_err(s, v, field, bytes ? "map[string][]uint8" : "map[string]string");
		return;
	}
	if (dst->kind != VAL_MAP)
		*dst = val_map_new(a, val_map_len(v));
	const uint32_t *ord = val_map_order(a, v);
	for (size_t i = 0; i < val_map_len(v); i++) {
		const struct val_map_entry *e = val_map_entry_at(v, ord[i]);
		val x = e->v, sv;
		if (bytes) {
			if (x.kind == VAL_NULL) {
				val_map_set(a, *dst, e->key, e->klen, val_null());
				continue;
			}
			if (x.kind != VAL_STRING) {
				type_err(s, x, field, "[]uint8");
				continue;
			}
			/* base64.StdEncoding.Decode as encoding/json calls it for []byte */
			char *o = arena_alloc(a, b64_decoded_len(x.len) + 1);
			size_t on;
			long bad = b64_decode(o, x.u.s, x.len, &on);
			if (bad >= 0) {
				if (!s->err.len)
					sb_addf(&s->err,
						"error unmarshaling JSON: while decoding JSON: illegal base64 data at input byte %ld",
						bad);
				val_map_set(a, *dst, e->key, e->klen, val_null());
				continue;
			}
			val_map_set(a, *dst, e->key, e->klen, val_str(a, o, on));
		} else {
			if (x.kind == VAL_NULL) {
				val_map_set(a, *dst, e->key, e->klen, val_str_ref("", 0));
				continue;
			}
			if (!as_string(a, x, &sv)) {
				type_err(s, x, field, "string");
				continue;
			}
			val_map_set(a, *dst, e->key, e->klen, sv);
		}
	}
}

static void set_string(struct arena *a, struct secret *s, val m, const char *key, val v,
		       const char *field)
{
	val sv;
	if (v.kind == VAL_NULL)
		return;
	if (!as_string(a, v, &sv)) {
		type_err(s, v, field, "string");
		return;
	}
	if (sv.len) /* omitempty */
		val_map_set(a, m, key, strlen(key), sv);
	else
		val_map_del(m, key, strlen(key));
}

static val dec_meta(struct arena *a, struct secret *s, val v)
{
	static const char *const strs[] = { "name", "generateName", "namespace", "selfLink", "uid",
					    "resourceVersion" };
	val m = val_map_new(a, 8);
	if (v.kind == VAL_NULL)
		goto out;
	if (v.kind != VAL_MAP) {
		type_err(s, v, "metadata", "v1.ObjectMeta");
		goto out;
	}
	const uint32_t *ord = val_map_order(a, v);
	for (size_t i = 0; i < val_map_len(v); i++) {
		const struct val_map_entry *e = val_map_entry_at(v, ord[i]);
		bool done = false;
		for (size_t j = 0; j < sizeof(strs) / sizeof(strs[0]) && !done; j++) {
			if (fold_is(e->key, e->klen, strs[j])) {
				struct sb f = SB_INIT;
				sb_addf(&f, "metadata.%s", strs[j]);
				set_string(a, s, m, strs[j], e->v, f.buf);
				sb_release(&f);
				done = true;
			}
		}
		if (done)
			continue;
		if (fold_is(e->key, e->klen, "labels") || fold_is(e->key, e->klen, "annotations")) {
			const char *k = fold_is(e->key, e->klen, "labels") ? "labels" : "annotations";
			val cur = val_null(), nm;
			val_map_get(m, k, strlen(k), &cur);
			nm = cur;
			dec_str_map(a, s, e->v, &nm, fold_is(e->key, e->klen, "labels") ? "metadata.labels"
											 : "metadata.annotations",
				    false);
			if (nm.kind == VAL_MAP && val_map_len(nm))
				val_map_set(a, m, k, strlen(k), nm);
			else
				val_map_del(m, k, strlen(k));
		} else if (fold_is(e->key, e->klen, "generation")) {
			if (e->v.kind == VAL_FLOAT && e->v.u.f != 0)
				val_map_set(a, m, "generation", 10, val_int((int64_t)e->v.u.f));
			else if (e->v.kind != VAL_NULL && e->v.kind != VAL_FLOAT)
				type_err(s, e->v, "metadata.generation", "int64");
		} else {
			/* kept as written (not re-typed: see docs/diff.md); a
			 * timestamp reads back unchanged when it is UTC RFC 3339
			 * without fraction, as charts write it */
			static const char *const kept[] = { "creationTimestamp", "deletionTimestamp",
							    "deletionGracePeriodSeconds", "ownerReferences",
							    "finalizers", "managedFields" };
			for (size_t j = 0; j < sizeof(kept) / sizeof(kept[0]); j++)
				if (fold_is(e->key, e->klen, kept[j]) && e->v.kind != VAL_NULL)
					val_map_set(a, m, kept[j], strlen(kept[j]), e->v);
		}
	}
out:
	/* metav1.Time without omitempty: "creationTimestamp: null", which
	 * redactSecrets deletes from the text afterwards */
	if (!val_map_ref(m, "creationTimestamp", 17))
		val_map_set(a, m, "creationTimestamp", 17, val_null());
	return m;
}

static void decode(struct arena *a, const char *content, size_t n, struct secret *s)
{
	val doc;
	s->ok = false;
	s->obj = val_map_new(a, 8);
	s->data = val_null();
	s->sdata = val_null();
	sb_init(&s->err);
	/* k8s YAMLReader: the text up to the first "---" line */
	size_t end = n;
	for (size_t i = 0; i < n;) {
		size_t le = i;
		while (le < n && content[le] != '\n')
			le++;
		if (le - i >= 3 && memcmp(content + i, "---", 3) == 0) {
			size_t j = i + 3;
			while (j < le && (content[j] == ' ' || content[j] == '\t' || content[j] == '\r'))
				j++;
			if ((j == le || content[j] == '#') && i > 0) {
				end = i;
				break;
			}
		}
		i = le + 1;
	}
	if (val_from_yaml(a, content, end, VAL_YAML_ANY, &doc, &s->err) < 0)
		return;
	bool have_meta = false;
	if (doc.kind == VAL_MAP) {
		const uint32_t *ord = val_map_order(a, doc);
		for (size_t i = 0; i < val_map_len(doc); i++) {
			const struct val_map_entry *e = val_map_entry_at(doc, ord[i]);
			if (fold_is(e->key, e->klen, "apiVersion")) {
				set_string(a, s, s->obj, "apiVersion", e->v, "apiVersion");
			} else if (fold_is(e->key, e->klen, "kind")) {
				set_string(a, s, s->obj, "kind", e->v, "kind");
			} else if (fold_is(e->key, e->klen, "type")) {
				set_string(a, s, s->obj, "type", e->v, "type");
			} else if (fold_is(e->key, e->klen, "metadata")) {
				val_map_set(a, s->obj, "metadata", 8, dec_meta(a, s, e->v));
				have_meta = true;
			} else if (fold_is(e->key, e->klen, "immutable")) {
				if (e->v.kind == VAL_BOOL)
					val_map_set(a, s->obj, "immutable", 9, e->v);
				else if (e->v.kind == VAL_NULL)
					val_map_del(s->obj, "immutable", 9);
				else
					type_err(s, e->v, "immutable", "bool");
			} else if (fold_is(e->key, e->klen, "data")) {
				dec_str_map(a, s, e->v, &s->data, "data", true);
			} else if (fold_is(e->key, e->klen, "stringData")) {
				dec_str_map(a, s, e->v, &s->sdata, "stringData", false);
			}
		}
	} else if (doc.kind != VAL_NULL) {
		sb_addf(&s->err,
			"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go value of type v1.Secret",
			json_kind(doc));
	}
	if (!have_meta)
		val_map_set(a, s->obj, "metadata", 8, dec_meta(a, s, val_null()));
	if (s->err.len)
		return;
	s->ok = true;
	/* stringData applied over data, as the apiserver would */
	if (s->sdata.kind == VAL_MAP && val_map_len(s->sdata) > 0) {
		if (s->data.kind != VAL_MAP)
			s->data = val_map_new(a, val_map_len(s->sdata));
		for (size_t i = 0; i < val_map_len(s->sdata); i++) {
			const struct val_map_entry *e = val_map_entry_at(s->sdata, (uint32_t)i);
			val_map_set(a, s->data, e->key, e->klen, e->v);
		}
	}
}

static bool bytes_eq(val x, bool present, val y)
{
	/* bytes.Equal(v, other.Data[k]): a missing key is a nil slice */
	size_t xn = x.kind == VAL_STRING ? x.len : 0;
	size_t yn = present && y.kind == VAL_STRING ? y.len : 0;
	return xn == yn && (xn == 0 || memcmp(x.u.s, y.u.s, xn) == 0);
}

static void replace_once(struct sb *t, const char *from, const char *to)
{
	size_t fl = strlen(from), tl = strlen(to);
	char *p = memmem(t->buf, t->len, from, fl);
	if (!p)
		return;
	size_t at = (size_t)(p - t->buf);
	struct sb r = SB_INIT;
	sb_add(&r, t->buf, at);
	sb_add(&r, to, tl);
	sb_add(&r, t->buf + at + fl, t->len - at - fl);
	sb_reset(t);
	sb_add(t, r.buf, r.len);
	sb_release(&r);
}

/* getComment: the first line when the content starts with '#' */
static size_t comment_len(const struct diff_object *o)
{
	const char *nl = memchr(o->content, '\n', o->contentn);
	if (!nl || o->contentn == 0 || o->content[0] != '#')
		return 0;
	return (size_t)(nl - o->content) + 1;
}

static void redact_one(struct arena *a, struct diff_object *o, struct secret *s, struct secret *other,
		       bool other_present, const char *mark)
{
	val sd = val_map_new(a, 4);
	if (s->data.kind == VAL_MAP) {
		for (size_t i = 0; i < val_map_len(s->data); i++) {
			const struct val_map_entry *e = val_map_entry_at(s->data, (uint32_t)i);
			val ov = val_null();
			bool has = other->data.kind == VAL_MAP && val_map_get(other->data, e->key, e->klen, &ov);
			struct sb t = SB_INIT;
			size_t len = e->v.kind == VAL_STRING ? e->v.len : 0;
			if (other_present && bytes_eq(e->v, has, ov))
				sb_addf(&t, "REDACTED # (%zu bytes)", len);
			else
				sb_addf(&t, "%s # (%zu bytes)", mark, len);
			val_map_set(a, sd, e->key, e->klen, val_str(a, t.buf, t.len));
			sb_release(&t);
		}
	}
	val obj = s->obj;
	if (val_map_len(sd))
		val_map_set(a, obj, "stringData", 10, sd);
	struct sb y = SB_INIT, err = SB_INIT;
	if (val_to_yaml(a, obj, &y, &err) < 0) {
		sb_release(&y);
		sb_release(&err);
		return;
	}
	replace_once(&y, "stringData", "data");
	replace_once(&y, "  creationTimestamp: null\n", "");
	struct sb c = SB_INIT;
	sb_add(&c, o->content, comment_len(o));
	sb_add(&c, y.buf, y.len);
	o->content = arena_memdup(a, c.buf, c.len);
	o->contentn = c.len;
	sb_release(&c);
	sb_release(&y);
	sb_release(&err);
}

static void set_error(struct arena *a, struct diff_object *o, const char *which, struct sb *err)
{
	struct sb c = SB_INIT;
	sb_addf(&c, "Error parsing %s secret: ", which);
	sb_add(&c, err->buf, err->len);
	o->content = arena_memdup(a, c.buf, c.len);
	o->contentn = c.len;
	sb_release(&c);
}

static bool is_secret(const struct diff_object *o)
{
	return o->kindn == 6 && memcmp(o->kind, "Secret", 6) == 0;
}

void diff_redact_secrets(struct arena *a, struct diff_object *old, struct diff_object *new_)
{
	struct secret os = { 0 }, ns = { 0 };
	if ((old && !is_secret(old)) || (new_ && !is_secret(new_)))
		return;
	os.data = ns.data = val_null();
	os.err = (struct sb)SB_INIT;
	ns.err = (struct sb)SB_INIT;
	if (old) {
		decode(a, old->content, old->contentn, &os);
		if (!os.ok)
			set_error(a, old, "old", &os.err);
	}
	if (new_) {
		decode(a, new_->content, new_->contentn, &ns);
		if (!ns.ok)
			set_error(a, new_, "new", &ns.err);
	}
	if (old && os.ok)
		redact_one(a, old, &os, &ns, new_ != NULL, "--------");
	if (new_ && ns.ok)
		redact_one(a, new_, &ns, &os, old != NULL, "++++++++");
	sb_release(&os.err);
	sb_release(&ns.err);
}
