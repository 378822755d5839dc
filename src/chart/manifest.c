/* manifest.c — Helm 3.17.3's manifest post-processing: SplitManifests
 * (releaseutil/manifest.go), SortManifests and the SimpleHead decode
 * (manifest_sorter.go, kind_sorter.go), CRDObjects (chart/chart.go), the
 * manifest buffer of action.renderResources and `helm template`'s printing
 * (cmd/helm/template.go). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "base/fmath.h"
#include "base/pathclean.h"
#include "base/pathmatch.h"
#include "base/quote.h"
#include "base/strconv.h"
#include "base/strconv_parse.h"
#include "base/unicode_case.h"
#include "base/utf8.h"
#include "chart/manifest.h"
#include "value/codec.h"
#include "value/yaml_resolve.h"

/* ---- strings as Go's strings package sees them ---- */

static struct manifest_str mstr(const char *p, size_t n)
{
	struct manifest_str s = { p, n };
	return s;
}

static bool str_eq(struct manifest_str s, const char *lit)
{
	size_t n = strlen(lit);
	return s.n == n && memcmp(s.p, lit, n) == 0;
}

/* strings.TrimSpace: Unicode White_Space at both ends; invalid UTF-8 is
 * not space. */
static struct manifest_str trim_space(const char *p, size_t n)
{
	size_t b = 0, e = n, w;
	while (b < e) {
		unsigned char c = (unsigned char)p[b];
		if (c < 0x80) {
			if (c != ' ' && (c < '\t' || c > '\r'))
				break;
			b++;
			continue;
		}
		int32_t r = utf8_decode(p + b, e - b, &w);
		if ((r == UTF8_RUNE_ERROR && w == 1) || !unicode_is_space(r))
			break;
		b += w;
	}
	while (e > b) {
		unsigned char c = (unsigned char)p[e - 1];
		if (c < 0x80) {
			if (c != ' ' && (c < '\t' || c > '\r'))
				break;
			e--;
			continue;
		}
		int32_t r = utf8_decode_last(p + b, e - b, &w);
		if ((r == UTF8_RUNE_ERROR && w == 1) || !unicode_is_space(r))
			break;
		e -= w;
	}
	return mstr(p + b, e - b);
}

/* strings.ToLower: unicode.ToLower per rune, invalid bytes become U+FFFD. */
static struct manifest_str to_lower(struct arena *a, struct manifest_str s)
{
	bool plain = true;
	for (size_t i = 0; i < s.n; i++)
		if ((unsigned char)s.p[i] >= 0x80 || (s.p[i] >= 'A' && s.p[i] <= 'Z'))
			plain = false;
	if (plain)
		return s;
	char *out = arena_alloc(a, s.n * 3 + 1);
	size_t o = 0, w;
	for (size_t i = 0; i < s.n; i += w) {
		unsigned char c = (unsigned char)s.p[i];
		if (c < 0x80) {
			out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			w = 1;
			continue;
		}
		int32_t r = utf8_decode(s.p + i, s.n - i, &w);
		o += utf8_encode(unicode_to_lower(r), out + o);
	}
	out[o] = '\0';
	return mstr(out, o);
}

static bool is_re_space(char c) /* RE2's \s: [\t\n\f\r ] */
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* ---- SplitManifests ---- */

/* The next match of `(?:^|\s*\n)---\s*` at or after pos: leftmost-first,
 * so a match starts at the first blank of the run ending in "\n---". */
static bool split_next(const char *s, size_t n, size_t pos, size_t *mb, size_t *me)
{
	size_t j;
	if (pos == 0 && n >= 3 && memcmp(s, "---", 3) == 0) {
		*mb = 0;
		j = 3;
	} else {
		const char *q = s + pos;
		for (;;) {
			q = memchr(q, '\n', (size_t)(s + n - q));
			if (!q)
				return false;
			if ((size_t)(s + n - q) >= 4 && memcmp(q + 1, "---", 3) == 0)
				break;
			q++;
		}
		size_t i = (size_t)(q - s);
		while (i > pos && is_re_space(s[i - 1]))
			i--;
		*mb = i;
		j = (size_t)(q - s) + 4;
	}
	while (j < n && is_re_space(s[j]))
		j++;
	*me = j;
	return true;
}

size_t manifest_split(struct arena *a, const char *text, size_t n, struct manifest_str **docs)
{
	struct manifest_str t = trim_space(text, n);
	size_t cap = 8, cnt = 0, pos = 0, mb, me;
	struct manifest_str *out = arena_alloc(a, cap * sizeof(*out));

	/* regexp.Split: the pieces between matches, then the tail */
	for (;;) {
		bool m = split_next(t.p, t.n, pos, &mb, &me);
		size_t end = m ? mb : t.n;
		if (end > pos) { /* SplitManifests skips "" before trimming */
			if (cnt == cap) {
				out = arena_grow(a, out, cap * sizeof(*out), cap * 2 * sizeof(*out));
				cap *= 2;
			}
			out[cnt++] = trim_space(t.p + pos, end - pos);
		}
		if (!m)
			break;
		pos = me;
	}
	*docs = out;
	return cnt;
}

/* ---- SimpleHead ---- */

/* strconv.FormatFloat(f, 'g', -1, 32): what convertToJSONableObject makes
 * of a YAML float bound for a string field. */
static void format_float32(struct sb *out, double f)
{
	strconv_format_float32_g(out, (float)f);
}

/* Field-name matching as encoding/json (foldName, "identical to
 * bytes.EqualFold") and sigs.k8s.io/yaml's fields.go both do it for these
 * ASCII names: ASCII case, plus the Kelvin sign for k and the long s for s
 * (the only other runes in those letters' fold orbits). */
static bool fold_eq(const char *name, const char *key, size_t klen)
{
	size_t i = 0, w;
	for (const char *p = name; *p; p++) {
		char up = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
		if (i >= klen)
			return false;
		unsigned char c = (unsigned char)key[i];
		if (c < 0x80) {
			if ((c >= 'a' && c <= 'z' ? c - 32 : c) != (unsigned char)up)
				return false;
			i++;
			continue;
		}
		int32_t r = utf8_decode(key + i, klen - i, &w);
		i += w;
		if (!((up == 'K' && r == 0x212A) || (up == 'S' && r == 0x17F)))
			return false;
	}
	return i == klen;
}

/* Where a decode is: the document (for the number probe) and the path of
 * map keys from the root to the value being coerced. */
struct hctx {
	struct arena *a;
	const char *doc;
	size_t n;
	struct manifest_str path[3];
	size_t depth;
	struct sb *err;
};

/* ---- number probe: int or float? ----
 * val_from_yaml hands every YAML number over as a float64, as JSON does.
 * For a string field sigs.k8s.io/yaml formats a YAML int with FormatInt but
 * a float with FormatFloat(f, 'g', -1, 32); the two agree for every value
 * below 1e6, so only larger integral values need the scalar itself: the
 * document is loaded again with libyaml and the path followed, merge keys
 * included (go-yaml decode.go: later keys win, a merged sequence applies
 * its maps last to first). */

static void key_string(yaml_node_t *k, struct sb *out, bool *ok)
{
	struct yaml_resolved r;
	const char *s = (const char *)k->data.scalar.value;
	size_t n = k->data.scalar.length;
	const char *tag = (const char *)k->tag;
	bool deflt = !tag || strcmp(tag, YAML_DEFAULT_SCALAR_TAG) == 0;

	*ok = true;
	if (deflt && k->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
		sb_add(out, s, n);
		return;
	}
	if (deflt) {
		yaml_resolve_plain(s, n, &r);
	} else {
		struct sb scratch = SB_INIT;
		if (yaml_resolve_tagged(yaml_tag_of(tag, strlen(tag)), s, n, &r, &scratch) < 0)
			r.tag = YAML_R_STR;
		sb_release(&scratch);
	}
	switch (r.tag) {
	case YAML_R_INT:
		strconv_format_int(out, r.i, 10);
		break;
	case YAML_R_UINT:
		strconv_format_uint(out, r.u, 10);
		break;
	case YAML_R_FLOAT:
		format_float32(out, r.f);
		break;
	case YAML_R_BOOL:
		sb_adds(out, r.b ? "true" : "false");
		break;
	case YAML_R_NULL:
		*ok = false;
		break;
	default:
		sb_add(out, s, n);
		break;
	}
}

static bool is_merge_key(yaml_node_t *k)
{
	const char *tag = (const char *)k->tag;
	if (k->type != YAML_SCALAR_NODE)
		return false;
	if (tag && strcmp(tag, "tag:yaml.org,2002:merge") == 0)
		return true;
	return (!tag || strcmp(tag, YAML_DEFAULT_SCALAR_TAG) == 0) &&
	       k->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && k->data.scalar.length == 2 &&
	       memcmp(k->data.scalar.value, "<<", 2) == 0;
}

static yaml_node_t *probe_find(yaml_document_t *d, yaml_node_t *m, struct manifest_str key, int depth);

static yaml_node_t *probe_merge(yaml_document_t *d, yaml_node_t *v, struct manifest_str key, int depth)
{
	yaml_node_t *res = NULL, *r;
	if (v->type == YAML_MAPPING_NODE)
		return probe_find(d, v, key, depth + 1);
	if (v->type != YAML_SEQUENCE_NODE)
		return NULL;
	for (yaml_node_item_t *it = v->data.sequence.items.top; it > v->data.sequence.items.start;) {
		yaml_node_t *m = yaml_document_get_node(d, *--it);
		if (m && (r = probe_find(d, m, key, depth + 1)))
			res = r;
	}
	return res;
}

static yaml_node_t *probe_find(yaml_document_t *d, yaml_node_t *m, struct manifest_str key, int depth)
{
	yaml_node_t *res = NULL, *r;
	struct sb ks = SB_INIT;
	if (m->type != YAML_MAPPING_NODE || depth > 64)
		return NULL;
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(d, p->key);
		yaml_node_t *v = yaml_document_get_node(d, p->value);
		bool ok;
		if (!k || !v)
			continue;
		if (is_merge_key(k)) {
			if ((r = probe_merge(d, v, key, depth)))
				res = r;
			continue;
		}
		if (k->type != YAML_SCALAR_NODE)
			continue;
		sb_reset(&ks);
		key_string(k, &ks, &ok);
		if (ok && ks.len == key.n && memcmp(ks.buf, key.p, key.n) == 0)
			res = v;
	}
	sb_release(&ks);
	return res;
}

/* The scalar at ctx->path as go-yaml resolved it; false when it cannot be
 * found (then the number is taken for an int). */
static bool probe_scalar(const struct hctx *ctx, struct yaml_resolved *r)
{
	yaml_parser_t p;
	yaml_document_t d;
	bool found = false;

	if (!yaml_parser_initialize(&p))
		return false;
	yaml_parser_set_input_string(&p, (const unsigned char *)ctx->doc, ctx->n);
	if (!yaml_parser_load(&p, &d)) {
		yaml_parser_delete(&p);
		return false;
	}
	yaml_node_t *n = yaml_document_get_root_node(&d);
	for (size_t i = 0; n && i < ctx->depth; i++)
		n = probe_find(&d, n, ctx->path[i], 0);
	if (n && n->type == YAML_SCALAR_NODE) {
		const char *tag = (const char *)n->tag;
		const char *s = (const char *)n->data.scalar.value;
		size_t len = n->data.scalar.length;
		if (!tag || strcmp(tag, YAML_DEFAULT_SCALAR_TAG) == 0) {
			yaml_resolve_plain(s, len, r);
			found = true;
		} else {
			struct sb scratch = SB_INIT;
			found = yaml_resolve_tagged(yaml_tag_of(tag, strlen(tag)), s, len, r, &scratch) == 0;
			sb_release(&scratch);
		}
	}
	yaml_document_delete(&d);
	yaml_parser_delete(&p);
	return found;
}

/* convertToJSONableObject for a string target: bools and numbers become
 * their text.  *v is replaced by a VAL_STRING when coerced. */
static void coerce_string(const struct hctx *ctx, val *v)
{
	struct sb s = SB_INIT;
	if (v->kind == VAL_BOOL) {
		*v = val_str_ref(v->u.b ? "true" : "false", v->u.b ? 4 : 5);
		return;
	}
	if (v->kind == VAL_INT) { /* exact ints from the non-finite path */
		strconv_format_int(&s, v->u.i, 10);
		*v = val_str(ctx->a, s.buf, s.len);
		sb_release(&s);
		return;
	}
	if (v->kind != VAL_FLOAT)
		return;
	double f = v->u.f;
	struct yaml_resolved r;
	if (f == fm_floor(f) && fabs(f) >= 1e6 && isfinite(f)) {
		if (!probe_scalar(ctx, &r)) {
			r.tag = f < 0 || f < 9.2e18 ? YAML_R_INT : YAML_R_UINT;
			r.i = (int64_t)f;
			r.u = (uint64_t)f;
		}
	} else {
		r.tag = YAML_R_FLOAT;
		r.f = f;
	}
	if (r.tag == YAML_R_INT)
		strconv_format_int(&s, r.i, 10);
	else if (r.tag == YAML_R_UINT)
		strconv_format_uint(&s, r.u, 10);
	else
		format_float32(&s, r.tag == YAML_R_FLOAT ? r.f : f);
	*v = val_str(ctx->a, s.buf, s.len);
	sb_release(&s);
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

static const char metadata_type[] =
	"struct { Name string \"json:\\\"name\\\"\"; Annotations map[string]string \"json:\\\"annotations\\\"\" }";

static int type_error(const struct hctx *ctx, val v, const char *field, const char *type)
{
	sb_addf(ctx->err,
		"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go struct field %s of type %s",
		json_kind(v), field, type);
	return -1;
}

/* json.Unmarshal of one value into a string field (null leaves it alone). */
static int store_string(struct hctx *ctx, val v, struct manifest_str *dst, const char *field)
{
	coerce_string(ctx, &v);
	if (v.kind == VAL_NULL)
		return 0;
	if (v.kind != VAL_STRING)
		return type_error(ctx, v, field, "string");
	*dst = mstr(v.u.s, v.len);
	return 0;
}

static int decode_annotations(struct hctx *ctx, val m, struct manifest_head *h)
{
	const uint32_t *ord = val_map_order(ctx->a, m);
	if (h->annotations.kind != VAL_MAP) /* json reuses a map already there */
		h->annotations = val_map_new(ctx->a, val_map_len(m));
	for (size_t i = 0; i < val_map_len(m); i++) {
		const struct val_map_entry *e = val_map_entry_at(m, ord[i]);
		val v = e->v;
		ctx->path[2] = mstr(e->key, e->klen);
		ctx->depth = 3;
		coerce_string(ctx, &v);
		if (v.kind == VAL_NULL)
			v = val_str_ref("", 0); /* the map gets the zero value */
		else if (v.kind != VAL_STRING)
			return type_error(ctx, v, ".metadata.annotations", "string");
		val_map_set(ctx->a, h->annotations, e->key, e->klen, v);
	}
	return 0;
}

static int decode_metadata(struct hctx *ctx, val m, struct manifest_head *h)
{
	const uint32_t *ord = val_map_order(ctx->a, m);
	for (size_t i = 0; i < val_map_len(m); i++) {
		const struct val_map_entry *e = val_map_entry_at(m, ord[i]);
		ctx->path[1] = mstr(e->key, e->klen);
		ctx->depth = 2;
		if (fold_eq("name", e->key, e->klen)) {
			if (store_string(ctx, e->v, &h->name, ".metadata.name") < 0)
				return -1;
		} else if (fold_eq("annotations", e->key, e->klen)) {
			if (e->v.kind == VAL_NULL)
				h->annotations = val_null();
			else if (e->v.kind != VAL_MAP)
				return type_error(ctx, e->v, ".metadata.annotations", "map[string]string");
			else if (decode_annotations(ctx, e->v, h) < 0)
				return -1;
		}
	}
	return 0;
}

/* ---- non-finite floats ----
 * val_from_yaml decodes into interface{}, where json.Marshal refuses
 * .inf/.nan; for SimpleHead sigs.k8s.io/yaml first turns those bound for a
 * string field into "+Inf", "-Inf", "NaN".  When val_from_yaml fails that
 * way the document is decoded again from libyaml's tree: ints stay exact,
 * non-finite floats are kept, and any one not in a string field gives the
 * error json.Marshal would (first in sorted-key order). */

static val tree_val(struct arena *a, yaml_document_t *d, yaml_node_t *n, int depth);

static void tree_fill(struct arena *a, yaml_document_t *d, yaml_node_t *n, val m, int depth)
{
	struct sb ks = SB_INIT;
	if (depth > 64)
		return;
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(d, p->key);
		yaml_node_t *v = yaml_document_get_node(d, p->value);
		bool ok;
		if (!k || !v)
			continue;
		if (is_merge_key(k)) {
			if (v->type == YAML_MAPPING_NODE) {
				tree_fill(a, d, v, m, depth + 1);
			} else if (v->type == YAML_SEQUENCE_NODE) {
				for (yaml_node_item_t *it = v->data.sequence.items.top;
				     it > v->data.sequence.items.start;) {
					yaml_node_t *mm = yaml_document_get_node(d, *--it);
					if (mm && mm->type == YAML_MAPPING_NODE)
						tree_fill(a, d, mm, m, depth + 1);
				}
			}
			continue;
		}
		if (k->type != YAML_SCALAR_NODE)
			continue;
		sb_reset(&ks);
		key_string(k, &ks, &ok);
		if (!ok)
			continue;
		char *key = arena_memdup(a, ks.buf, ks.len);
		val_map_set(a, m, key, ks.len, tree_val(a, d, v, depth + 1));
	}
	sb_release(&ks);
}

static val tree_val(struct arena *a, yaml_document_t *d, yaml_node_t *n, int depth)
{
	struct yaml_resolved r;
	if (depth > 64)
		return val_null();
	if (n->type == YAML_MAPPING_NODE) {
		val m = val_map_new(a, 8);
		tree_fill(a, d, n, m, depth);
		return m;
	}
	if (n->type == YAML_SEQUENCE_NODE) {
		val l = val_list_new(a, 4);
		for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
			yaml_node_t *x = yaml_document_get_node(d, *it);
			val_list_push(a, l, x ? tree_val(a, d, x, depth + 1) : val_null());
		}
		return l;
	}
	const char *tag = (const char *)n->tag;
	const char *s = (const char *)n->data.scalar.value;
	size_t len = n->data.scalar.length;
	if (!tag || strcmp(tag, YAML_DEFAULT_SCALAR_TAG) == 0) {
		if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
			return val_str(a, s, len);
		yaml_resolve_plain(s, len, &r);
	} else {
		struct sb scratch = SB_INIT;
		if (yaml_resolve_tagged(yaml_tag_of(tag, strlen(tag)), s, len, &r, &scratch) < 0)
			r.tag = YAML_R_STR;
		sb_release(&scratch);
	}
	switch (r.tag) {
	case YAML_R_NULL:
		return val_null();
	case YAML_R_BOOL:
		return val_bool(r.b);
	case YAML_R_INT:
		return val_int(r.i);
	case YAML_R_UINT:
		return val_float((double)r.u);
	case YAML_R_FLOAT:
		return val_float(r.f);
	default:
		return val_str(a, s, len);
	}
}

/* The first non-finite float json.Marshal would meet, skipping the string
 * fields of SimpleHead (level: 0 root, 1 metadata, 2 annotations, -1 any
 * other place). */
static bool first_nonfinite(struct arena *a, val v, int level, double *bad)
{
	if (v.kind == VAL_FLOAT && !isfinite(v.u.f)) {
		if (level == 3) /* a string field: coerced */
			return false;
		*bad = v.u.f;
		return true;
	}
	if (v.kind == VAL_LIST) {
		for (size_t i = 0; i < val_list_len(v); i++)
			if (first_nonfinite(a, val_list_at(v, i), -1, bad))
				return true;
		return false;
	}
	if (v.kind != VAL_MAP)
		return false;
	const uint32_t *ord = val_map_order(a, v);
	for (size_t i = 0; i < val_map_len(v); i++) {
		const struct val_map_entry *e = val_map_entry_at(v, ord[i]);
		int sub = -1;
		if (level == 0 && (fold_eq("apiVersion", e->key, e->klen) || fold_eq("kind", e->key, e->klen)))
			sub = 3;
		else if (level == 0 && fold_eq("metadata", e->key, e->klen))
			sub = 1;
		else if (level == 1 && fold_eq("name", e->key, e->klen))
			sub = 3;
		else if (level == 1 && fold_eq("annotations", e->key, e->klen))
			sub = 2;
		else if (level == 2)
			sub = 3;
		if (first_nonfinite(a, e->v, sub, bad))
			return true;
	}
	return false;
}

/* 1: *out holds the document; 0: Go fails as val_from_yaml did; -1: other
 * error text in err. */
static int decode_nonfinite(struct arena *a, const char *doc, size_t n, val *out, struct sb *err)
{
	yaml_parser_t p;
	yaml_document_t d;
	double bad;
	int rc = 0;

	if (!yaml_parser_initialize(&p))
		return 0;
	yaml_parser_set_input_string(&p, (const unsigned char *)doc, n);
	if (yaml_parser_load(&p, &d)) {
		yaml_node_t *root = yaml_document_get_root_node(&d);
		*out = root ? tree_val(a, &d, root, 0) : val_null();
		if (!first_nonfinite(a, *out, 0, &bad)) {
			rc = 1;
		} else {
			sb_adds(err, "error converting YAML to JSON: json: unsupported value: ");
			strconv_format_float(err, bad, 'g', -1);
			rc = -1;
		}
		yaml_document_delete(&d);
	}
	yaml_parser_delete(&p);
	return rc;
}

int manifest_head_decode(struct arena *a, const char *doc, size_t n, struct manifest_head *h,
			 struct sb *err)
{
	/* Most documents: decode only the entries SimpleHead reads.  Should
	 * that fail after all, the full decode gives Go's error text. */
	struct sb head = SB_INIT;
	if (manifest_head_scan(doc, n, &head)) {
		size_t elen = err->len;
		int rc = manifest_head_decode_full(a, head.buf, head.len, h, err);
		sb_release(&head);
		if (rc == 0)
			return 0;
		sb_setlen(err, elen);
	}
	sb_release(&head);
	return manifest_head_decode_full(a, doc, n, h, err);
}

int manifest_head_decode_full(struct arena *a, const char *doc, size_t n, struct manifest_head *h,
			      struct sb *err)
{
	struct hctx ctx = { .a = a, .doc = doc, .n = n, .err = err };
	val v;

	memset(h, 0, sizeof(*h));
	h->version = h->kind = h->name = mstr("", 0);
	size_t elen = err->len;
	if (val_from_yaml(a, doc, n, VAL_YAML_ANY, &v, err) < 0) {
		static const char nf[] = "json: unsupported value: ";
		if (!memmem(err->buf + elen, err->len - elen, nf, sizeof(nf) - 1))
			return -1;
		struct sb again = SB_INIT;
		int rc = decode_nonfinite(a, doc, n, &v, &again);
		if (rc != 0) /* drop val_from_yaml's text: Go succeeds or names another value */
			sb_setlen(err, elen);
		if (rc < 0)
			sb_add(err, again.buf, again.len);
		sb_release(&again);
		if (rc <= 0)
			return -1;
	}
	if (v.kind == VAL_NULL)
		return 0;
	if (v.kind != VAL_MAP) {
		sb_addf(err,
			"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go value of type releaseutil.SimpleHead",
			json_kind(v));
		return -1;
	}
	/* json.Marshal sorted the keys; json.Unmarshal applies them in turn */
	const uint32_t *ord = val_map_order(a, v);
	for (size_t i = 0; i < val_map_len(v); i++) {
		const struct val_map_entry *e = val_map_entry_at(v, ord[i]);
		ctx.path[0] = mstr(e->key, e->klen);
		ctx.depth = 1;
		if (fold_eq("apiVersion", e->key, e->klen)) {
			if (store_string(&ctx, e->v, &h->version, "SimpleHead.apiVersion") < 0)
				return -1;
		} else if (fold_eq("kind", e->key, e->klen)) {
			if (store_string(&ctx, e->v, &h->kind, "SimpleHead.kind") < 0)
				return -1;
		} else if (fold_eq("metadata", e->key, e->klen)) {
			if (e->v.kind == VAL_NULL) {
				h->has_metadata = false;
				h->name = mstr("", 0);
				h->annotations = val_null();
				continue;
			}
			if (e->v.kind != VAL_MAP)
				return type_error(&ctx, e->v, "SimpleHead.metadata", metadata_type);
			h->has_metadata = true;
			if (decode_metadata(&ctx, e->v, h) < 0)
				return -1;
		}
	}
	return 0;
}

/* ---- hooks ---- */

static const char *const event_names[] = {
	"pre-install", "post-install", "pre-delete", "post-delete", "pre-upgrade",
	"post-upgrade", "pre-rollback", "post-rollback", "test",
};

const char *manifest_hook_event_name(enum manifest_hook_event e)
{
	return (unsigned)e < sizeof(event_names) / sizeof(event_names[0]) ? event_names[e] : "";
}

static int event_of(struct manifest_str s)
{
	for (size_t i = 0; i < sizeof(event_names) / sizeof(event_names[0]); i++)
		if (str_eq(s, event_names[i]))
			return (int)i;
	if (str_eq(s, "test-success")) /* Helm 2 tests */
		return MANIFEST_HOOK_TEST;
	return -1;
}

bool manifest_hook_is_test(const struct manifest_hook *h)
{
	for (size_t i = 0; i < h->nevents; i++)
		if (h->events[i] == MANIFEST_HOOK_TEST)
			return true;
	return false;
}

static bool annotation(const struct manifest_head *h, const char *key, struct manifest_str *out)
{
	val v;
	if (h->annotations.kind != VAL_MAP || !val_map_get(h->annotations, key, strlen(key), &v))
		return false;
	*out = mstr(v.u.s, v.len);
	return true;
}

/* strings.Split(s, ",") with each piece lowered and trimmed; count first. */
static size_t split_commas(struct arena *a, struct manifest_str s, struct manifest_str **out)
{
	size_t cnt = 1, k = 0, b = 0;
	for (size_t i = 0; i < s.n; i++)
		cnt += s.p[i] == ',';
	*out = arena_alloc(a, cnt * sizeof(**out));
	for (size_t i = 0; i <= s.n; i++) {
		if (i < s.n && s.p[i] != ',')
			continue;
		struct manifest_str t = trim_space(s.p + b, i - b);
		(*out)[k++] = to_lower(a, t);
		b = i + 1;
	}
	return cnt;
}

/* strconv.Atoi: sign, decimal digits, int64 range; anything else is 0. */
static int64_t hook_weight(struct manifest_str s)
{
	int64_t w;
	if (strconv_parse_int(s.p, s.n, 10, 64, &w) != STRCONV_OK)
		return 0;
	return w;
}

/* ---- SortManifests ---- */

struct grow {
	void *p;
	size_t n, cap, size;
};

static void *grow_push(struct arena *a, struct grow *g)
{
	if (g->n == g->cap) {
		size_t nc = g->cap ? g->cap * 2 : 16;
		g->p = arena_grow(a, g->cap ? g->p : NULL, g->cap * g->size, nc * g->size);
		g->cap = nc;
	}
	return (char *)g->p + g->n++ * g->size;
}

/* lessByKind: InstallOrder position, unknown kinds last and by name. */
struct kkey {
	int rank;
	struct manifest_str kind;
	size_t idx;
};

static bool kind_less(const struct kkey *x, const struct kkey *y)
{
	if (x->rank < 0 && y->rank < 0) {
		size_t m = x->kind.n < y->kind.n ? x->kind.n : y->kind.n;
		int c = memcmp(x->kind.p, y->kind.p, m);
		if (c != 0)
			return c < 0;
		return x->kind.n < y->kind.n;
	}
	if (x->rank < 0)
		return false;
	if (y->rank < 0)
		return true;
	return x->rank < y->rank;
}

/* sort.SliceStable: a merge sort keeps equal kinds in input order. */
static void kind_sort(struct kkey *k, struct kkey *tmp, size_t n)
{
	if (n < 2)
		return;
	size_t h = n / 2, i = 0, j = h, o = 0;
	kind_sort(k, tmp, h);
	kind_sort(k + h, tmp, n - h);
	while (i < h && j < n)
		tmp[o++] = kind_less(&k[j], &k[i]) ? k[j++] : k[i++];
	while (i < h)
		tmp[o++] = k[i++];
	while (j < n)
		tmp[o++] = k[j++];
	memcpy(k, tmp, n * sizeof(*k));
}

static struct kkey *kind_keys(struct arena *a, size_t n)
{
	return arena_alloc(a, (n ? n : 1) * sizeof(struct kkey));
}

static void sort_by_kind(struct arena *a, void *items, size_t n, size_t size,
			 struct manifest_str (*kind_of)(const void *))
{
	struct kkey *k = kind_keys(a, n), *tmp = kind_keys(a, n);
	char *copy;
	if (n < 2)
		return;
	copy = arena_alloc(a, n * size);
	for (size_t i = 0; i < n; i++) {
		k[i].kind = kind_of((char *)items + i * size);
		k[i].rank = manifest_install_rank(k[i].kind.p, k[i].kind.n);
		k[i].idx = i;
	}
	kind_sort(k, tmp, n);
	memcpy(copy, items, n * size);
	for (size_t i = 0; i < n; i++)
		memcpy((char *)items + i * size, copy + k[i].idx * size, size);
}

static struct manifest_str manifest_kind(const void *p)
{
	return ((const struct manifest *)p)->head.kind;
}

static struct manifest_str hook_kind(const void *p)
{
	return ((const struct manifest_hook *)p)->kind;
}

static bool is_partial(const char *p, size_t n)
{
	/* path.Base: the last element after trailing slashes are dropped */
	while (n > 1 && p[n - 1] == '/')
		n--;
	size_t b = n;
	while (b > 0 && p[b - 1] != '/')
		b--;
	return b < n && p[b] == '_';
}

static int sort_file(struct arena *a, struct manifest_str path, struct manifest_str content,
		     struct grow *ms, struct grow *hs, struct sb *err, struct sb *log)
{
	struct manifest_str *docs;
	size_t nd = manifest_split(a, content.p, content.n, &docs);

	for (size_t i = 0; i < nd; i++) {
		struct manifest_head h;
		struct manifest_str hook_types, s;
		size_t elen = err->len;

		if (manifest_head_decode(a, docs[i].p, docs[i].n, &h, err) < 0) {
			/* errors.Wrapf(err, "YAML parse error on %s", path) */
			struct sb msg = SB_INIT;
			sb_add(&msg, err->buf + elen, err->len - elen);
			sb_setlen(err, elen);
			sb_adds(err, "YAML parse error on ");
			sb_add(err, path.p, path.n);
			sb_adds(err, ": ");
			sb_add(err, msg.buf, msg.len);
			sb_release(&msg);
			return -1;
		}
		if (h.annotations.kind != VAL_MAP || val_map_len(h.annotations) == 0 ||
		    !annotation(&h, "helm.sh/hook", &hook_types)) {
			struct manifest *m = grow_push(a, ms);
			m->name = path;
			m->content = docs[i];
			m->head = h;
			continue;
		}
		struct manifest_str *ev;
		size_t nev = split_commas(a, hook_types, &ev);
		uint8_t *events = arena_alloc(a, nev);
		bool unknown = false;
		for (size_t j = 0; j < nev; j++) {
			int e = event_of(ev[j]);
			if (e < 0) {
				unknown = true;
				break;
			}
			events[j] = (uint8_t)e;
		}
		if (unknown) {
			if (log) {
				sb_adds(log, "manifest_sorter.go:190: info: skipping unknown hook: ");
				strconv_append_quote(log, hook_types.p, hook_types.n);
				sb_addc(log, '\n');
			}
			continue;
		}
		struct manifest_hook *hk = grow_push(a, hs);
		memset(hk, 0, sizeof(*hk));
		hk->name = h.name;
		hk->kind = h.kind;
		hk->path = path;
		hk->manifest = docs[i];
		hk->events = events;
		hk->nevents = nev;
		hk->weight = annotation(&h, "helm.sh/hook-weight", &s) ? hook_weight(s) : 0;
		if (annotation(&h, "helm.sh/hook-delete-policy", &s))
			hk->ndelete_policies = split_commas(a, s, &hk->delete_policies);
	}
	return 0;
}

static int cmp_entry_keys(const void *x, const void *y)
{
	const struct val_map_entry *a = *(const struct val_map_entry *const *)x;
	const struct val_map_entry *b = *(const struct val_map_entry *const *)y;
	size_t m = a->klen < b->klen ? a->klen : b->klen;
	int c = memcmp(a->key, b->key, m);
	if (c)
		return c;
	return a->klen < b->klen ? -1 : a->klen > b->klen;
}

int manifest_sort(struct arena *a, val files, struct manifest_sorted *out, struct sb *err,
		  struct sb *log)
{
	struct grow ms = { .size = sizeof(struct manifest) };
	struct grow hs = { .size = sizeof(struct manifest_hook) };
	size_t n = files.kind == VAL_MAP ? val_map_len(files) : 0;
	const struct val_map_entry **ents = arena_alloc(a, (n ? n : 1) * sizeof(*ents));
	int rc = 0;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < n; i++)
		ents[i] = val_map_entry_at(files, i);
	qsort(ents, n, sizeof(*ents), cmp_entry_keys); /* sort.Strings(paths) */
	for (size_t i = 0; i < n; i++) {
		struct manifest_str path = mstr(ents[i]->key, ents[i]->klen);
		val v = ents[i]->v;
		struct manifest_str content = v.kind == VAL_STRING ? mstr(v.u.s, v.len) : mstr("", 0);
		if (is_partial(path.p, path.n) || trim_space(content.p, content.n).n == 0)
			continue;
		if (sort_file(a, path, content, &ms, &hs, err, log) < 0) {
			rc = -1;
			break;
		}
	}
	out->manifests = ms.p;
	out->nmanifests = ms.n;
	out->hooks = hs.p;
	out->nhooks = hs.n;
	if (rc == 0) {
		sort_by_kind(a, out->manifests, out->nmanifests, sizeof(struct manifest), manifest_kind);
		sort_by_kind(a, out->hooks, out->nhooks, sizeof(struct manifest_hook), hook_kind);
	}
	return rc;
}

/* ---- CRDObjects ---- */

/* path.Clean (filepath.Clean on '/' systems): src/base/pathclean.c */
static struct manifest_str path_clean(struct arena *a, const char *p, size_t n)
{
	size_t len;
	const char *c = go_path_clean(a, p, n, &len);

	return mstr(c, len);
}

/* strings.EqualFold(ext, lit) for an ASCII lower-case lit: the long s and
 * the Kelvin sign fold to s and k. */
static bool ext_is(const char *p, size_t n, const char *lit)
{
	return fold_eq(lit, p, n);
}

static bool has_manifest_ext(const char *name, size_t n)
{
	size_t i = n;
	while (i > 0 && name[i - 1] != '/' && name[i - 1] != '.')
		i--;
	if (i == 0 || name[i - 1] != '.')
		return false;
	const char *e = name + i - 1;
	size_t en = n - (i - 1);
	return ext_is(e, en, ".yaml") || ext_is(e, en, ".yml") || ext_is(e, en, ".json");
}

static void crds_walk(struct arena *a, const struct chart *c, struct grow *g)
{
	struct sb full = SB_INIT;
	chart_full_path(c, &full);
	for (size_t i = 0; i < c->nfiles; i++) {
		const struct chart_file *f = &c->files[i];
		size_t nl = strlen(f->name);
		if (nl < 5 || memcmp(f->name, "crds/", 5) != 0 || !has_manifest_ext(f->name, nl))
			continue;
		struct sb j = SB_INIT;
		sb_add(&j, full.buf, full.len);
		if (full.len)
			sb_addc(&j, '/');
		sb_add(&j, f->name, nl);
		struct manifest_crd *crd = grow_push(a, g);
		crd->filename = path_clean(a, j.buf, j.len);
		crd->data = mstr(f->data, f->len);
		sb_release(&j);
	}
	sb_release(&full);
	for (size_t i = 0; i < c->ndeps; i++)
		crds_walk(a, c->deps[i], g);
}

size_t manifest_crds(struct arena *a, const struct chart *c, struct manifest_crd **out)
{
	struct grow g = { .size = sizeof(struct manifest_crd) };
	crds_walk(a, c, &g);
	*out = g.p;
	return g.n;
}

/* ---- helm template ---- */

static void add_source(struct sb *b, struct manifest_str name, struct manifest_str body)
{
	sb_adds(b, "---\n# Source: ");
	sb_add(b, name.p, name.n);
	sb_addc(b, '\n');
	sb_add(b, body.p, body.n);
	sb_addc(b, '\n');
}

/* regexp "# Source: [^/]+/(.+)" FindStringSubmatch: the first "# Source: "
 * followed by non-slashes (newlines included), a slash, and at least one
 * character before the end of that line. */
static bool source_name(struct manifest_str m, struct manifest_str *name)
{
	static const char pfx[] = "# Source: ";
	const size_t pl = sizeof(pfx) - 1;
	const char *p = m.p, *end = m.p + m.n;
	while ((size_t)(end - p) >= pl) {
		const char *q = memmem(p, (size_t)(end - p), pfx, pl);
		if (!q)
			return false;
		const char *s = q + pl;
		const char *slash = memchr(s, '/', (size_t)(end - s));
		if (slash && slash > s && slash + 1 < end && slash[1] != '\n') {
			const char *e = memchr(slash + 1, '\n', (size_t)(end - slash - 1));
			if (!e)
				e = end;
			*name = mstr(slash + 1, (size_t)(e - slash - 1));
			return true;
		}
		p = q + 1;
	}
	return false;
}

static int show_only(struct arena *a, const struct sb *manifests, const struct manifest_opts *o,
		     struct sb *out, struct sb *err)
{
	struct manifest_str *docs, name;
	size_t nd = manifest_split(a, manifests->buf, manifests->len, &docs);
	struct grow sel = { .size = sizeof(struct manifest_str) };

	for (size_t i = 0; i < o->nshow_only; i++) {
		const char *f = o->show_only[i]; /* filepath.ToSlash: no-op on '/' systems */
		bool missing = true;
		for (size_t j = 0; j < nd; j++) {
			if (!source_name(docs[j], &name))
				continue;
			/* a bad pattern is simply no match (the error is dropped) */
			if (path_match(f, strlen(f), name.p, name.n) != 1)
				continue;
			*(struct manifest_str *)grow_push(a, &sel) = docs[j];
			missing = false;
		}
		if (missing) {
			sb_addf(err, "could not find template %s in chart", f);
			return -1;
		}
	}
	for (size_t i = 0; i < sel.n; i++) {
		struct manifest_str m = ((struct manifest_str *)sel.p)[i];
		sb_adds(out, "---\n");
		sb_add(out, m.p, m.n);
		sb_addc(out, '\n');
	}
	return 0;
}

static bool has_suffix(const char *p, size_t n, const char *sfx)
{
	size_t s = strlen(sfx);
	return n >= s && memcmp(p + n - s, sfx, s) == 0;
}

static void write_source(FILE *f, struct manifest_str name, struct manifest_str body)
{
	fputs("---\n# Source: ", f);
	fwrite(name.p, 1, name.n, f);
	fputc('\n', f);
	fwrite(body.p, 1, body.n, f);
	fputc('\n', f);
}

/* What the buffered path below writes, piece by piece.  TrimSpace of the
 * whole: it starts with "---", and trailing space never reaches back past
 * the last piece's "# Source: " line, so only that piece goes through a
 * buffer to be trimmed. */
static void stream_output(const struct manifest_opts *o, const struct manifest_crd *crds, size_t nc,
			  const struct manifest_sorted *sorted)
{
	size_t total = nc + sorted->nmanifests;
	struct sb last = SB_INIT;
	for (size_t i = 0; i < total; i++) {
		struct manifest_str name = i < nc ? crds[i].filename : sorted->manifests[i - nc].name;
		struct manifest_str body = i < nc ? crds[i].data : sorted->manifests[i - nc].content;
		if (i + 1 < total)
			write_source(o->stream, name, body);
		else
			add_source(&last, name, body);
	}
	struct manifest_str t = trim_space(last.buf, last.len);
	fwrite(t.p, 1, t.n, o->stream);
	fputc('\n', o->stream);
	for (size_t i = 0; !o->disable_hooks && i < sorted->nhooks; i++) {
		const struct manifest_hook *h = &sorted->hooks[i];
		if (!(o->skip_tests && manifest_hook_is_test(h)))
			write_source(o->stream, h->path, h->manifest);
	}
	sb_release(&last);
}

int manifest_template_output(struct arena *a, val rendered, const struct chart *c,
			     const struct manifest_opts *o, struct sb *out, struct sb *err,
			     struct sb *log)
{
	size_t n = rendered.kind == VAL_MAP ? val_map_len(rendered) : 0;
	val files = val_map_new(a, n);
	struct manifest_sorted sorted;
	struct sb manifests = SB_INIT;
	int rc = 0;

	/* renderResources: every "*NOTES.txt" leaves the map */
	for (size_t i = 0; i < n; i++) {
		const struct val_map_entry *e = val_map_entry_at(rendered, i);
		if (!has_suffix(e->key, e->klen, "NOTES.txt"))
			val_map_set(a, files, e->key, e->klen, e->v);
	}
	if (manifest_sort(a, files, &sorted, err, log) < 0) {
		/* the release exists, so template.go appends its hint */
		sb_adds(err, "\n\nUse --debug flag to render out invalid YAML");
		return -1;
	}
	struct manifest_crd *crds = NULL;
	size_t nc = o->include_crds ? manifest_crds(a, c, &crds) : 0;

	if (o->stream && o->nshow_only == 0) {
		stream_output(o, crds, nc, &sorted);
		return 0;
	}

	/* Written once, straight into out unless --show-only filters it: the
	 * output is as big as the chart (megabytes of CRDs), and every page
	 * touched costs. */
	struct sb *dst = o->nshow_only > 0 ? &manifests : out;
	size_t need = 1;
	for (size_t i = 0; i < nc; i++)
		need += 16 + crds[i].filename.n + crds[i].data.n;
	for (size_t i = 0; i < sorted.nmanifests; i++)
		need += 16 + sorted.manifests[i].name.n + sorted.manifests[i].content.n;
	for (size_t i = 0; !o->disable_hooks && i < sorted.nhooks; i++)
		need += 16 + sorted.hooks[i].path.n + sorted.hooks[i].manifest.n;
	sb_grow(dst, need);
	size_t base = dst->len;
	for (size_t i = 0; i < nc; i++)
		add_source(dst, crds[i].filename, crds[i].data);
	for (size_t i = 0; i < sorted.nmanifests; i++)
		add_source(dst, sorted.manifests[i].name, sorted.manifests[i].content);

	/* template.go: Fprintln(TrimSpace(rel.Manifest)), then the hooks */
	struct manifest_str t = trim_space(dst->buf + base, dst->len - base);
	if (t.p != dst->buf + base) /* never: rel starts with "---" */
		memmove(dst->buf + base, t.p, t.n);
	sb_setlen(dst, base + t.n);
	sb_addc(dst, '\n');
	if (!o->disable_hooks) {
		for (size_t i = 0; i < sorted.nhooks; i++) {
			const struct manifest_hook *h = &sorted.hooks[i];
			if (o->skip_tests && manifest_hook_is_test(h))
				continue;
			add_source(dst, h->path, h->manifest);
		}
	}
	if (o->nshow_only > 0)
		rc = show_only(a, &manifests, o, out, err);
	sb_release(&manifests);
	return rc;
}
