/* manifest.c — helm-diff v3.12.2 manifest/parse.go: a rendered manifest
 * into MappingResults keyed "<ns>, <name>, <Kind> (<group>)".  The head
 * (apiVersion, kind, metadata) is decoded as gopkg.in/yaml.v2 decodes it
 * into parse.go's `metadata` struct, from libyaml's events (go-yaml v2 is a
 * port of libyaml); *List kinds are expanded by re-marshalling every item
 * as yaml.v2 marshals a yaml.MapSlice. */
#include "diff/diff.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "base/base64.h"
#include "base/strconv.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "value/yaml_resolve.h"

/* parse.go: scanner.Buffer(..., 10485760) */
#define DM_MAX_TOKEN 10485760
/* go-yaml decode.go has no depth limit of its own; this only guards C's stack */
#define DM_MAX_DEPTH 10000

/* ------------------------------------------------------------------------
 * strings.TrimSpace
 * ---------------------------------------------------------------------- */

static bool is_go_space(int32_t r)
{
	switch (r) {
	case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
	case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
	case 0x202F: case 0x205F: case 0x3000:
		return true;
	default:
		return r >= 0x2000 && r <= 0x200A;
	}
}

static void trim_space(const char **p, size_t *n)
{
	const char *s = *p;
	size_t len = *n, w;
	while (len > 0) {
		int32_t r = (unsigned char)s[0] < 0x80 ? (unsigned char)s[0] : utf8_decode(s, len, &w);
		if ((unsigned char)s[0] < 0x80)
			w = 1;
		if (!is_go_space(r))
			break;
		s += w;
		len -= w;
	}
	while (len > 0) {
		int32_t r;
		if ((unsigned char)s[len - 1] < 0x80) {
			r = (unsigned char)s[len - 1];
			w = 1;
		} else {
			r = utf8_decode_last(s, len, &w);
		}
		if (!is_go_space(r))
			break;
		len -= w;
	}
	*p = s;
	*n = len;
}

/* ------------------------------------------------------------------------
 * The node tree go-yaml's parser.go builds (first document only).
 * ---------------------------------------------------------------------- */

enum { YN_SCALAR, YN_MAP, YN_SEQ, YN_ALIAS };

struct ynode {
	uint8_t type;
	uint8_t style;  /* yaml_scalar_style_t */
	bool implicit;  /* plain_implicit: untagged plain scalar */
	bool active;    /* alias being decoded (d.aliases) */
	const char *tag; /* NULL: no tag */
	const char *v;   /* scalar text, alias anchor name */
	size_t n;
	struct ynode **kid;
	size_t nkid;
	struct ynode *alias;
	size_t line;     /* 0-based, start mark */
};

struct anchor {
	const char *name;
	struct ynode *node;
	struct anchor *prev;
};

struct dctx {
	struct arena *a;
	struct sb *err;   /* the yaml error text when failed */
	struct sb terr;   /* d.terrors, "\n  "-joined */
	size_t nterr;
	bool failed;
};

static void dfail(struct dctx *d, const char *msg, size_t n)
{
	if (d->failed)
		return;
	d->failed = true;
	sb_add(d->err, msg, n);
}

/* parser.go fail(): "yaml: line N: problem" with go-yaml's line choice */
static void parse_fail(struct dctx *d, yaml_parser_t *p)
{
	struct sb m = SB_INIT;
	size_t line = 0;
	if (p->problem_mark.line != 0) {
		line = p->problem_mark.line;
		if (p->error == YAML_SCANNER_ERROR)
			line++;
	} else if (p->context_mark.line != 0) {
		line = p->context_mark.line;
	}
	sb_adds(&m, "yaml: ");
	if (line != 0)
		sb_addf(&m, "line %zu: ", line);
	sb_adds(&m, p->problem ? p->problem : "unknown problem parsing YAML content");
	dfail(d, m.buf, m.len);
	sb_release(&m);
}

static const char *adup(struct arena *a, const yaml_char_t *s)
{
	return s ? arena_strdup(a, (const char *)s) : NULL;
}

/* Load the first document of p[0..n) into a tree.  *root = NULL for a
 * stream without documents.  -1 on a syntax error (d->err). */
static int load_tree(struct dctx *d, const char *p, size_t n, struct ynode **root)
{
	yaml_parser_t ps;
	yaml_event_t ev;
	struct anchor *anchors = NULL;
	struct ynode **stack = NULL;
	size_t depth = 0, cap = 0;
	/* pending children of every open collection, one flat stack */
	struct ynode **kids = NULL;
	size_t nk = 0, kcap = 0;
	size_t *kbase = NULL;
	int rc = -1;
	bool in_doc = false, done = false;

	*root = NULL;
	if (!yaml_parser_initialize(&ps)) {
		dfail(d, "yaml: out of memory", 19);
		return -1;
	}
	/* yaml.v2 newParser: an empty input is read as "\n" */
	yaml_parser_set_input_string(&ps, (const unsigned char *)(n ? p : "\n"), n ? n : 1);
	while (!done) {
		if (!yaml_parser_parse(&ps, &ev)) {
			parse_fail(d, &ps);
			goto out;
		}
		struct ynode *node = NULL;
		const char *anchor = NULL;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			in_doc = true;
			break;
		case YAML_DOCUMENT_END_EVENT:
			done = true;
			break;
		case YAML_ALIAS_EVENT: {
			node = arena_zalloc(d->a, sizeof(*node));
			node->type = YN_ALIAS;
			node->v = adup(d->a, ev.data.alias.anchor);
			node->n = strlen(node->v);
			node->line = ev.start_mark.line;
			struct anchor *an = anchors;
			while (an && strcmp(an->name, node->v) != 0)
				an = an->prev;
			if (!an) {
				struct sb m = SB_INIT;
				sb_addf(&m, "yaml: unknown anchor '%s' referenced", node->v);
				dfail(d, m.buf, m.len);
				sb_release(&m);
				yaml_event_delete(&ev);
				goto out;
			}
			node->alias = an->node;
			break;
		}
		case YAML_SCALAR_EVENT:
			node = arena_zalloc(d->a, sizeof(*node));
			node->type = YN_SCALAR;
			node->style = (uint8_t)ev.data.scalar.style;
			node->implicit = ev.data.scalar.plain_implicit;
			node->tag = adup(d->a, ev.data.scalar.tag);
			node->v = arena_memdup(d->a, ev.data.scalar.value, ev.data.scalar.length);
			node->n = ev.data.scalar.length;
			node->line = ev.start_mark.line;
			anchor = adup(d->a, ev.data.scalar.anchor);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			node = arena_zalloc(d->a, sizeof(*node));
			node->type = ev.type == YAML_SEQUENCE_START_EVENT ? YN_SEQ : YN_MAP;
			node->tag = adup(d->a, ev.type == YAML_SEQUENCE_START_EVENT
						       ? ev.data.sequence_start.tag
						       : ev.data.mapping_start.tag);
			node->line = ev.start_mark.line;
			anchor = adup(d->a, ev.type == YAML_SEQUENCE_START_EVENT
						    ? ev.data.sequence_start.anchor
						    : ev.data.mapping_start.anchor);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT: {
			struct ynode *c = stack[--depth];
			size_t b = kbase[depth];
			c->nkid = nk - b;
			c->kid = arena_alloc(d->a, (c->nkid + 1) * sizeof(*c->kid));
			if (c->nkid)
				memcpy(c->kid, kids + b, c->nkid * sizeof(*c->kid));
			nk = b;
			break;
		}
		default:
			break;
		}
		yaml_event_delete(&ev);
		if (!node)
			continue;
		if (anchor) {
			struct anchor *an = arena_alloc(d->a, sizeof(*an));
			an->name = anchor;
			an->node = node;
			an->prev = anchors;
			anchors = an;
		}
		/* attach to the parent, or become the root */
		if (depth == 0) {
			*root = node;
		} else {
			if (nk == kcap) {
				kcap = xgrow(kcap, nk + 1);
				kids = xrealloc(kids, kcap * sizeof(*kids));
			}
			kids[nk++] = node;
		}
		if (node->type == YN_SEQ || node->type == YN_MAP) {
			if (depth == cap) {
				cap = xgrow(cap, depth + 1);
				stack = xrealloc(stack, cap * sizeof(*stack));
				kbase = xrealloc(kbase, cap * sizeof(*kbase));
			}
			kbase[depth] = nk;
			stack[depth++] = node;
		}
	}
	(void)in_doc;
	rc = 0;
out:
	free(stack);
	free(kids);
	free(kbase);
	yaml_parser_delete(&ps);
	return rc;
}

/* ------------------------------------------------------------------------
 * Scalars as decode.go scalar() and resolve.go see them.
 * ---------------------------------------------------------------------- */

static const char TAG_PREFIX[] = "tag:yaml.org,2002:";

/* shortTag */
static void short_tag(struct sb *out, const char *tag)
{
	size_t pl = sizeof(TAG_PREFIX) - 1;
	if (strncmp(tag, TAG_PREFIX, pl) == 0) {
		sb_adds(out, "!!");
		sb_adds(out, tag + pl);
	} else {
		sb_adds(out, tag);
	}
}

/* A scalar resolved: r->tag, and its text (the decoded bytes for !!binary). */
struct rscalar {
	struct yaml_resolved r;
	bool binary;
	const char *s;
	size_t n;
};

static int resolve_scalar(struct dctx *d, const struct ynode *n, struct rscalar *rs)
{
	rs->binary = false;
	rs->s = n->v;
	rs->n = n->n;
	if (!n->tag && !n->implicit) {
		rs->r.tag = YAML_R_STR;
		return 0;
	}
	if (!n->tag) {
		yaml_resolve_plain(n->v, n->n, &rs->r);
		return 0;
	}
	enum yaml_tag t = yaml_tag_of(n->tag, strlen(n->tag));
	struct sb e = SB_INIT;
	if (yaml_resolve_tagged(t, n->v, n->n, &rs->r, &e) < 0) {
		dfail(d, e.buf, e.len);
		sb_release(&e);
		return -1;
	}
	sb_release(&e);
	if (t == YAML_TAG_BINARY) {
		/* base64.StdEncoding.DecodeString: any error fails */
		char *o = arena_alloc(d->a, b64_decoded_len(n->n) + 1);
		size_t on;
		if (b64_decode(o, n->v, n->n, &on) >= 0) {
			static const char m[] = "yaml: !!binary value contains invalid base64 data";
			dfail(d, m, sizeof(m) - 1);
			return -1;
		}
		rs->s = o;
		rs->n = on;
		rs->binary = true;
		rs->r.tag = YAML_R_STR;
	}
	return 0;
}

/* d.terror(n, tag, out) */
static void terror(struct dctx *d, const struct ynode *n, const char *rtag, const char *type)
{
	struct sb *t = &d->terr;
	sb_adds(t, d->nterr++ ? "\n  " : "yaml: unmarshal errors:\n  ");
	sb_addf(t, "line %zu: cannot unmarshal ", n->line + 1);
	const char *tag = n->tag ? n->tag : rtag;
	short_tag(t, tag);
	bool coll = strcmp(tag, "tag:yaml.org,2002:seq") == 0 || strcmp(tag, "tag:yaml.org,2002:map") == 0;
	if (!coll) {
		sb_adds(t, " `");
		if (n->n > 10) {
			sb_add(t, n->v, 7);
			sb_adds(t, "...");
		} else {
			sb_add(t, n->v, n->n);
		}
		sb_addc(t, '`');
	}
	sb_addf(t, " into %s", type);
}

static const char *rtag_long(enum yaml_rtag t)
{
	switch (t) {
	case YAML_R_NULL:
		return "tag:yaml.org,2002:null";
	case YAML_R_BOOL:
		return "tag:yaml.org,2002:bool";
	case YAML_R_INT:
	case YAML_R_UINT:
		return "tag:yaml.org,2002:int";
	case YAML_R_FLOAT:
		return "tag:yaml.org,2002:float";
	case YAML_R_TIMESTAMP:
		return "tag:yaml.org,2002:timestamp";
	default:
		return "tag:yaml.org,2002:str";
	}
}

/* Follow an alias as d.alias does, with its self-reference check. */
static const struct ynode *enter(struct dctx *d, struct ynode *n, struct ynode **active)
{
	*active = NULL;
	if (n->type != YN_ALIAS)
		return n;
	if (n->active) {
		struct sb m = SB_INIT;
		sb_addf(&m, "yaml: anchor '%s' value contains itself", n->v);
		dfail(d, m.buf, m.len);
		sb_release(&m);
		return NULL;
	}
	n->active = true;
	*active = n;
	/* an alias never points at an alias: anchors sit on nodes */
	return n->alias;
}

static void leave(struct ynode *active)
{
	if (active)
		active->active = false;
}

/* ------------------------------------------------------------------------
 * Decoding into parse.go's metadata struct.
 * ---------------------------------------------------------------------- */

struct mstr {
	const char *p;
	size_t n;
};

struct annot {
	struct mstr k, v;
};

struct head {
	struct mstr api, kind, ns, name;
	struct annot *ann; /* nil map when nann_set false */
	size_t nann, capann;
	bool ann_set;
};

/* A string field.  Returns good (decode.go's bool). */
static bool dec_str(struct dctx *d, struct ynode *n, struct mstr *out)
{
	struct ynode *act;
	const struct ynode *t = enter(d, n, &act);
	bool good = false;
	if (!t)
		return false;
	if (t->type == YN_MAP) {
		terror(d, t, "tag:yaml.org,2002:map", "string");
	} else if (t->type == YN_SEQ) {
		terror(d, t, "tag:yaml.org,2002:seq", "string");
	} else {
		struct rscalar rs;
		if (resolve_scalar(d, t, &rs) == 0) {
			if (rs.r.tag == YAML_R_NULL) {
				out->p = "";
				out->n = 0;
			} else if (rs.binary) {
				out->p = rs.s;
				out->n = rs.n;
			} else {
				out->p = t->v; /* resolved != nil: n.value */
				out->n = t->n;
			}
			good = true;
		}
	}
	leave(act);
	return good;
}

static bool is_merge(const struct ynode *k)
{
	return k->type == YN_SCALAR && k->n == 2 && memcmp(k->v, "<<", 2) == 0 &&
	       (k->implicit || (k->tag && strcmp(k->tag, "tag:yaml.org,2002:merge") == 0));
}

enum dtype { DT_TOP, DT_META, DT_ANN, DT_LIST };

static const char *dtype_name(enum dtype t)
{
	switch (t) {
	case DT_TOP:
		return "manifest.metadata";
	case DT_META:
		return "struct { Namespace string; Name string; Annotations map[string]string }";
	case DT_ANN:
		return "map[string]string";
	default:
		return "manifest.ListV1";
	}
}

struct ltarget {
	struct ynode **items;  /* the item nodes (aliases followed), NULL = nil */
	size_t nitems;
};

static bool dec_into(struct dctx *d, struct ynode *n, enum dtype t, void *out, int depth);

static void merge_into(struct dctx *d, struct ynode *v, enum dtype t, void *out, int depth)
{
	static const char want[] = "yaml: map merge requires map or sequence of maps as the value";
	switch (v->type) {
	case YN_MAP:
		dec_into(d, v, t, out, depth + 1);
		break;
	case YN_ALIAS:
		if (v->alias && v->alias->type != YN_MAP) {
			dfail(d, want, sizeof(want) - 1);
			return;
		}
		dec_into(d, v, t, out, depth + 1);
		break;
	case YN_SEQ:
		for (size_t i = v->nkid; i-- > 0 && !d->failed;) {
			struct ynode *c = v->kid[i];
			if (c->type == YN_ALIAS ? c->alias && c->alias->type != YN_MAP : c->type != YN_MAP) {
				dfail(d, want, sizeof(want) - 1);
				return;
			}
			dec_into(d, c, t, out, depth + 1);
		}
		break;
	default:
		dfail(d, want, sizeof(want) - 1);
	}
}

static bool key_is(const struct mstr *k, const char *name)
{
	size_t l = strlen(name);
	return k->n == l && memcmp(k->p, name, l) == 0;
}

static void ann_set(struct dctx *d, struct head *h, struct mstr k, struct mstr v)
{
	for (size_t i = 0; i < h->nann; i++) {
		if (h->ann[i].k.n == k.n && memcmp(h->ann[i].k.p, k.p, k.n) == 0) {
			h->ann[i].v = v;
			return;
		}
	}
	if (h->nann == h->capann) {
		size_t nc = h->capann ? 2 * h->capann : 8;
		struct annot *na = arena_alloc(d->a, nc * sizeof(*na));
		if (h->nann)
			memcpy(na, h->ann, h->nann * sizeof(*na));
		h->ann = na;
		h->capann = nc;
	}
	h->ann[h->nann++] = (struct annot){ k, v };
}

/* The items field: []yaml.MapSlice. */
static void dec_items(struct dctx *d, struct ynode *n, struct ltarget *lt)
{
	struct ynode *act;
	const struct ynode *t = enter(d, n, &act);
	if (!t)
		return;
	if (t->type == YN_SCALAR) {
		struct rscalar rs;
		if (resolve_scalar(d, t, &rs) == 0) {
			if (rs.r.tag == YAML_R_NULL) {
				lt->items = NULL;
				lt->nitems = 0;
			} else {
				terror(d, t, rtag_long(rs.r.tag), "[]yaml.MapSlice");
			}
		}
	} else if (t->type == YN_MAP) {
		terror(d, t, "tag:yaml.org,2002:map", "[]yaml.MapSlice");
	} else {
		lt->items = arena_alloc(d->a, (t->nkid + 1) * sizeof(*lt->items));
		lt->nitems = 0;
		for (size_t i = 0; i < t->nkid && !d->failed; i++) {
			struct ynode *ia;
			const struct ynode *it = enter(d, t->kid[i], &ia);
			if (!it)
				break;
			if (it->type == YN_SCALAR) {
				struct rscalar rs;
				if (resolve_scalar(d, it, &rs) == 0) {
					if (rs.r.tag == YAML_R_NULL)
						lt->items[lt->nitems++] = NULL;
					else
						terror(d, it, rtag_long(rs.r.tag), "yaml.MapSlice");
				}
			} else if (it->type == YN_SEQ) {
				/* a sequence into a MapSlice decodes MapItem structs:
				 * not reproduced */
				static const char m[] = "yaml: sequence as a List item is not supported";
				dfail(d, m, sizeof(m) - 1);
			} else {
				lt->items[lt->nitems++] = (struct ynode *)it;
			}
			leave(ia);
		}
	}
	leave(act);
}

static bool dec_into(struct dctx *d, struct ynode *n, enum dtype t, void *out, int depth)
{
	struct ynode *act;
	const struct ynode *m;
	bool good = true;

	if (depth > DM_MAX_DEPTH) {
		dfail(d, "yaml: exceeded max depth", 24);
		return false;
	}
	m = enter(d, n, &act);
	if (!m)
		return false;
	if (m->type == YN_SCALAR) {
		struct rscalar rs;
		if (resolve_scalar(d, m, &rs) < 0) {
			good = false;
		} else if (rs.r.tag == YAML_R_NULL) {
			/* zero value */
			if (t == DT_TOP || t == DT_META) {
				struct head *h = out;
				if (t == DT_TOP) {
					memset(h, 0, sizeof(*h));
				} else {
					h->ns = h->name = (struct mstr){ "", 0 };
					h->ann = NULL;
					h->nann = h->capann = 0;
					h->ann_set = false;
				}
			} else if (t == DT_ANN) {
				struct head *h = out;
				h->ann = NULL;
				h->nann = h->capann = 0;
				h->ann_set = false;
			} else {
				struct ltarget *lt = out;
				lt->items = NULL;
				lt->nitems = 0;
			}
		} else {
			terror(d, m, rtag_long(rs.r.tag), dtype_name(t));
			good = false;
		}
		leave(act);
		return good;
	}
	if (m->type == YN_SEQ) {
		terror(d, m, "tag:yaml.org,2002:seq", dtype_name(t));
		leave(act);
		return false;
	}
	if (t == DT_ANN) {
		struct head *h = out;
		h->ann_set = true;
	}
	for (size_t i = 0; i + 1 < m->nkid && !d->failed; i += 2) {
		struct ynode *k = m->kid[i], *v = m->kid[i + 1];
		struct mstr ks = { "", 0 };
		if (is_merge(k)) {
			merge_into(d, v, t, out, depth);
			continue;
		}
		if (!dec_str(d, k, &ks))
			continue;
		if (t == DT_ANN) {
			struct mstr vs;
			if (dec_str(d, v, &vs))
				ann_set(d, out, ks, vs);
			continue;
		}
		struct head *h = out;
		switch (t) {
		case DT_TOP:
			if (key_is(&ks, "apiVersion"))
				dec_str(d, v, &h->api);
			else if (key_is(&ks, "kind"))
				dec_str(d, v, &h->kind);
			else if (key_is(&ks, "metadata"))
				dec_into(d, v, DT_META, h, depth + 1);
			break;
		case DT_META:
			if (key_is(&ks, "namespace"))
				dec_str(d, v, &h->ns);
			else if (key_is(&ks, "name"))
				dec_str(d, v, &h->name);
			else if (key_is(&ks, "annotations"))
				dec_into(d, v, DT_ANN, h, depth + 1);
			break;
		case DT_LIST:
			if (key_is(&ks, "items"))
				dec_items(d, v, out);
			break;
		default:
			break;
		}
	}
	leave(act);
	return true;
}

/* yaml.Unmarshal(content, &target): -1 with the error text in d->err. */
static int unmarshal(struct dctx *d, const char *p, size_t n, enum dtype t, void *out)
{
	struct ynode *root;
	d->failed = false;
	d->nterr = 0;
	sb_reset(&d->terr);
	if (load_tree(d, p, n, &root) < 0)
		return -1;
	if (root)
		dec_into(d, root, t, out, 0);
	if (d->failed)
		return -1;
	if (d->nterr) {
		sb_add(d->err, d->terr.buf, d->terr.len);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------------
 * yaml.Marshal of a yaml.MapSlice item (encode.go over libyaml's emitter).
 * Every mapping inside decodes as a MapSlice too (decode.go d.mapType), so
 * key order is the document's; merge keys are lost (mappingSlice's final
 * out.Set discards what d.merge wrote).
 * ---------------------------------------------------------------------- */

struct emit {
	struct dctx *d;
	yaml_emitter_t em;
	bool failed;
	struct sb num;
};

static void em_event(struct emit *e, yaml_event_t *ev)
{
	if (e->failed)
		yaml_event_delete(ev);
	else if (!yaml_emitter_emit(&e->em, ev))
		e->failed = true;
}

static void em_scalar(struct emit *e, const char *s, size_t n, const char *tag,
		      yaml_scalar_style_t style)
{
	yaml_event_t ev;
	int impl = tag == NULL;
	if (!yaml_scalar_event_initialize(&ev, NULL, (yaml_char_t *)(uintptr_t)tag,
					  (yaml_char_t *)(uintptr_t)s, (int)n, impl, impl, style)) {
		e->failed = true;
		return;
	}
	em_event(e, &ev);
}

/* encodeBase64: StdEncoding, lines of 70 when longer than 70 */
static void em_base64(struct sb *out, const char *s, size_t n)
{
	struct sb raw = SB_INIT;
	b64_encode(&raw, s, n);
	const size_t lineLen = 70;
	if (raw.len <= lineLen) {
		sb_add(out, raw.buf, raw.len);
	} else {
		for (size_t i = 0; i < raw.len; i += lineLen) {
			size_t l = raw.len - i < lineLen ? raw.len - i : lineLen;
			sb_add(out, raw.buf + i, l);
			sb_addc(out, '\n');
		}
	}
	sb_release(&raw);
}

/* encode.go stringv */
static void em_string(struct emit *e, const char *s, size_t n)
{
	if (!utf8_valid(s, n)) {
		struct sb b = SB_INIT;
		em_base64(&b, s, n);
		char *t = arena_memdup(e->d->a, b.buf, b.len);
		size_t tn = b.len;
		sb_release(&b);
		em_scalar(e, t, tn, "tag:yaml.org,2002:binary",
			  memchr(t, '\n', tn) ? YAML_LITERAL_SCALAR_STYLE : YAML_PLAIN_SCALAR_STYLE);
		return;
	}
	yaml_scalar_style_t style;
	if (memchr(s, '\n', n)) {
		style = YAML_LITERAL_SCALAR_STYLE;
	} else {
		struct yaml_resolved r;
		yaml_resolve_plain(s, n, &r);
		style = r.tag == YAML_R_STR && !yaml_is_base60_float(s, n) ? YAML_PLAIN_SCALAR_STYLE
									 : YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	}
	em_scalar(e, s, n, NULL, style);
}

static void em_text(struct emit *e, struct sb *t)
{
	char *s = arena_memdup(e->d->a, t->buf, t->len);
	em_scalar(e, s, t->len, NULL, YAML_PLAIN_SCALAR_STYLE);
}

static void em_node(struct emit *e, struct ynode *n, int depth);

static void em_value_scalar(struct emit *e, const struct ynode *n)
{
	struct rscalar rs;
	if (resolve_scalar(e->d, n, &rs) < 0) {
		e->failed = true;
		return;
	}
	struct sb *t = &e->num;
	sb_reset(t);
	switch (rs.r.tag) {
	case YAML_R_NULL:
		em_scalar(e, "null", 4, NULL, YAML_PLAIN_SCALAR_STYLE);
		return;
	case YAML_R_BOOL:
		sb_adds(t, rs.r.b ? "true" : "false");
		break;
	case YAML_R_INT:
		strconv_format_int(t, rs.r.i, 10);
		break;
	case YAML_R_UINT:
		strconv_format_uint(t, rs.r.u, 10);
		break;
	case YAML_R_FLOAT: {
		double f = rs.r.f;
		if (f != f)
			sb_adds(t, ".nan");
		else if (f > 1.7976931348623157e308)
			sb_adds(t, ".inf");
		else if (f < -1.7976931348623157e308)
			sb_adds(t, "-.inf");
		else
			strconv_format_float(t, f, 'g', -1);
		break;
	}
	case YAML_R_TIMESTAMP: /* kept as the text for interface{} */
		em_string(e, n->v, n->n);
		return;
	default:
		em_string(e, rs.s, rs.n);
		return;
	}
	em_text(e, t);
}

static void em_node(struct emit *e, struct ynode *n, int depth)
{
	struct ynode *act;
	const struct ynode *t;
	yaml_event_t ev;

	if (e->failed)
		return;
	if (depth > DM_MAX_DEPTH) {
		dfail(e->d, "yaml: exceeded max depth", 24);
		e->failed = true;
		return;
	}
	t = enter(e->d, n, &act);
	if (!t) {
		e->failed = true;
		return;
	}
	if (t->type == YN_SCALAR) {
		em_value_scalar(e, t);
	} else if (t->type == YN_SEQ) {
		yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
		em_event(e, &ev);
		for (size_t i = 0; i < t->nkid; i++)
			em_node(e, t->kid[i], depth + 1);
		yaml_sequence_end_event_initialize(&ev);
		em_event(e, &ev);
	} else {
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
		em_event(e, &ev);
		for (size_t i = 0; i + 1 < t->nkid && !e->failed; i += 2) {
			if (is_merge(t->kid[i])) {
				/* checked like d.merge, then lost */
				struct ynode *v = t->kid[i + 1];
				static const char want[] =
					"yaml: map merge requires map or sequence of maps as the value";
				bool ok = v->type == YN_MAP || (v->type == YN_ALIAS && v->alias->type == YN_MAP);
				if (v->type == YN_SEQ) {
					ok = true;
					for (size_t j = 0; j < v->nkid; j++) {
						struct ynode *c = v->kid[j];
						if (c->type == YN_ALIAS ? c->alias->type != YN_MAP : c->type != YN_MAP)
							ok = false;
					}
				}
				if (!ok) {
					dfail(e->d, want, sizeof(want) - 1);
					e->failed = true;
				}
				continue;
			}
			em_node(e, t->kid[i], depth + 1);
			em_node(e, t->kid[i + 1], depth + 1);
		}
		yaml_mapping_end_event_initialize(&ev);
		em_event(e, &ev);
	}
	leave(act);
}

static int em_write(void *data, unsigned char *buffer, size_t size)
{
	sb_add(data, buffer, size);
	return 1;
}

/* yaml.Marshal(item); item NULL is a nil MapSlice ("{}"). */
static int marshal_item(struct dctx *d, struct ynode *item, struct sb *out)
{
	struct emit e = { .d = d, .num = SB_INIT };
	yaml_event_t ev;
	if (!yaml_emitter_initialize(&e.em))
		return -1;
	yaml_emitter_set_output(&e.em, em_write, out);
	yaml_emitter_set_unicode(&e.em, 1);
	yaml_emitter_set_indent(&e.em, 2);
	yaml_emitter_set_width(&e.em, 80);
	yaml_emitter_set_break(&e.em, YAML_LN_BREAK);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	em_event(&e, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	em_event(&e, &ev);
	if (item) {
		em_node(&e, item, 0);
	} else {
		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
		em_event(&e, &ev);
		yaml_mapping_end_event_initialize(&ev);
		em_event(&e, &ev);
	}
	yaml_document_end_event_initialize(&ev, 1);
	em_event(&e, &ev);
	e.em.open_ended = 0;
	yaml_stream_end_event_initialize(&ev);
	em_event(&e, &ev);
	yaml_emitter_delete(&e.em);
	sb_release(&e.num);
	if (e.failed) {
		if (!d->failed)
			dfail(d, "yaml: cannot marshal List item", 30);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------------
 * parseContent and Parse
 * ---------------------------------------------------------------------- */

struct objs {
	struct diff_object *v;
	size_t n, cap;
};

static void objs_push(struct arena *a, struct objs *o, const struct diff_object *x)
{
	if (o->n == o->cap) {
		size_t nc = o->cap ? 2 * o->cap : 16;
		struct diff_object *nv = arena_alloc(a, nc * sizeof(*nv));
		if (o->n)
			memcpy(nv, o->v, o->n * sizeof(*nv));
		o->v = nv;
		o->cap = nc;
	}
	o->v[o->n++] = *x;
}

static const struct annot *ann_get(const struct head *h, const char *k)
{
	size_t l = strlen(k);
	for (size_t i = 0; i < h->nann; i++)
		if (h->ann[i].k.n == l && memcmp(h->ann[i].k.p, k, l) == 0)
			return &h->ann[i];
	return NULL;
}

static bool mstr_is(struct mstr s, const char *c)
{
	size_t l = strlen(c);
	return s.n == l && memcmp(s.p, c, l) == 0;
}

static void fatal_unmarshal(struct dctx *d, struct sb *yerr, const char *content, size_t n)
{
	sb_adds(d->err, "YAML unmarshal error: ");
	sb_add(d->err, yerr->buf, yerr->len);
	sb_adds(d->err, "\nCan't unmarshal ");
	sb_add(d->err, content, n);
}

static int parse_content(struct dctx *d, const char *content, size_t n, const char *ns, size_t nsn,
			 struct objs *out, int depth)
{
	struct head h;
	struct sb yerr = SB_INIT;
	struct sb *saved = d->err;
	int rc = -1;

	memset(&h, 0, sizeof(h));
	d->err = &yerr;
	if (unmarshal(d, content, n, DT_TOP, &h) < 0) {
		d->err = saved;
		fatal_unmarshal(d, &yerr, content, n);
		goto out;
	}
	d->err = saved;

	/* Skip content without any metadata */
	if (h.api.n == 0 && h.kind.n == 0) {
		rc = 0;
		goto out;
	}

	if (h.kind.n >= 4 && memcmp(h.kind.p + h.kind.n - 4, "List", 4) == 0) {
		struct ltarget lt = { 0 };
		d->err = &yerr;
		sb_reset(&yerr);
		if (unmarshal(d, content, n, DT_LIST, &lt) < 0) {
			d->err = saved;
			fatal_unmarshal(d, &yerr, content, n);
			goto out;
		}
		d->err = saved;
		if (depth > 64) {
			sb_adds(d->err, "List items nested too deeply");
			goto out;
		}
		for (size_t i = 0; i < lt.nitems; i++) {
			struct sb sub = SB_INIT;
			d->err = &yerr;
			sb_reset(&yerr);
			if (marshal_item(d, lt.items[i], &sub) < 0) {
				d->err = saved;
				sb_adds(d->err, "YAML marshal error: ");
				sb_add(d->err, yerr.buf, yerr.len);
				sb_release(&sub);
				goto out;
			}
			d->err = saved;
			char *s = arena_memdup(d->a, sub.buf, sub.len);
			size_t sn = sub.len;
			sb_release(&sub);
			if (parse_content(d, s, sn, ns, nsn, out, depth + 1) < 0)
				goto out;
		}
		rc = 0;
		goto out;
	}

	/* isHook(parsedMetadata, "test", "test-success") */
	const struct annot *hook = ann_get(&h, "helm.sh/hook");
	if (hook && (mstr_is(hook->v, "test") || mstr_is(hook->v, "test-success"))) {
		rc = 0;
		goto out;
	}
	if (h.ns.n == 0) {
		h.ns.p = ns;
		h.ns.n = nsn;
	}

	/* metadata.String(): apiVersion without its last "/" segment */
	struct mstr base = h.api;
	for (size_t i = h.api.n; i-- > 0;) {
		if (h.api.p[i] == '/') {
			base.n = i;
			break;
		}
	}
	struct mstr name = h.name;
	const struct annot *bn = ann_get(&h, "helm-diff/base-name");
	if (bn)
		name = bn->v;
	struct sb key = SB_INIT;
	sb_add(&key, h.ns.p, h.ns.n);
	sb_adds(&key, ", ");
	sb_add(&key, name.p, name.n);
	sb_adds(&key, ", ");
	sb_add(&key, h.kind.p, h.kind.n);
	sb_adds(&key, " (");
	sb_add(&key, base.p, base.n);
	sb_addc(&key, ')');

	const struct annot *pol = ann_get(&h, "helm.sh/resource-policy");
	struct diff_object o = {
		.key = arena_memdup(d->a, key.buf, key.len),
		.keyn = key.len,
		.kind = h.kind.p,
		.kindn = h.kind.n,
		.content = content,
		.contentn = n,
		.keep = pol && mstr_is(pol->v, "keep"),
	};
	sb_release(&key);
	objs_push(d->a, out, &o);
	rc = 0;
out:
	sb_release(&yerr);
	return rc;
}

static int obj_cmp(const void *x, const void *y)
{
	const struct diff_object *a = x, *b = y;
	size_t n = a->keyn < b->keyn ? a->keyn : b->keyn;
	int c = memcmp(a->key, b->key, n);
	if (c)
		return c;
	return a->keyn < b->keyn ? -1 : a->keyn > b->keyn;
}

/* %#v of a Go string: strconv.Quote */
static void go_quote(struct sb *out, const char *s, size_t n)
{
	sb_addc(out, '"');
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t w = 1;
		int32_t r = c;
		if (c >= 0x80)
			r = utf8_decode(s + i, n - i, &w);
		if (r == UTF8_RUNE_ERROR && w == 1 && c >= 0x80) {
			sb_addf(out, "\\x%02x", c);
		} else if (r == '"' || r == '\\') {
			sb_addc(out, '\\');
			sb_addc(out, (char)r);
		} else if (r == '\a') {
			sb_adds(out, "\\a");
		} else if (r == '\b') {
			sb_adds(out, "\\b");
		} else if (r == '\f') {
			sb_adds(out, "\\f");
		} else if (r == '\n') {
			sb_adds(out, "\\n");
		} else if (r == '\r') {
			sb_adds(out, "\\r");
		} else if (r == '\t') {
			sb_adds(out, "\\t");
		} else if (r == '\v') {
			sb_adds(out, "\\v");
		} else if (r < 0x20 || r == 0x7F) {
			sb_addf(out, "\\x%02x", (unsigned)r);
		} else {
			/* non-printable non-ASCII runes would be \u-escaped;
			 * keys built from YAML text rarely hold them */
			sb_add(out, s + i, w);
		}
		i += w;
	}
	sb_addc(out, '"');
}

int diff_parse(struct arena *a, const char *text, size_t n, const char *ns, size_t nsn,
	       struct diff_index *out, struct sb *warn, struct sb *err)
{
	struct dctx d = { .a = a, .err = err, .terr = SB_INIT };
	struct objs o = { 0 };
	size_t pos = 0;
	int rc = -1;

	out->v = NULL;
	out->n = 0;
	/* bufio.Scanner over "\n" + text, tokens split at "\n---\n" */
	bool first = true;
	while (pos < n || first) {
		size_t tok, tokn, next;
		if (first && n >= 4 && memcmp(text, "---\n", 4) == 0) {
			tok = 0;
			tokn = 0;
			next = 4;
		} else {
			const char *sep = memmem(text + pos, n - pos, "\n---\n", 5);
			tok = pos;
			tokn = sep ? (size_t)(sep - text) - pos : n - pos;
			next = sep ? (size_t)(sep - text) + 5 : n;
		}
		/* the scanner's buffer must hold the token and its separator */
		if (next - tok + (first ? 1 : 0) > DM_MAX_TOKEN) {
			sb_adds(err, "Error reading input: bufio.Scanner: token too long");
			goto out;
		}
		first = false;
		pos = next;
		const char *c = text + tok;
		size_t cn = tokn;
		trim_space(&c, &cn);
		if (cn == 0)
			continue;
		if (parse_content(&d, c, cn, ns, nsn, &o, 0) < 0)
			goto out;
	}

	/* sorted by key; of equal keys the first in the text is kept */
	if (o.n > 1) {
		/* stable: merge sort by key on an index array */
		size_t *idx = arena_alloc(a, o.n * sizeof(*idx)), *tmp = arena_alloc(a, o.n * sizeof(*tmp));
		for (size_t i = 0; i < o.n; i++)
			idx[i] = i;
		for (size_t wdt = 1; wdt < o.n; wdt *= 2) {
			for (size_t lo = 0; lo < o.n; lo += 2 * wdt) {
				size_t mid = lo + wdt < o.n ? lo + wdt : o.n;
				size_t hi = lo + 2 * wdt < o.n ? lo + 2 * wdt : o.n;
				size_t i = lo, j = mid, k = lo;
				while (i < mid && j < hi)
					tmp[k++] = obj_cmp(&o.v[idx[j]], &o.v[idx[i]]) < 0 ? idx[j++] : idx[i++];
				while (i < mid)
					tmp[k++] = idx[i++];
				while (j < hi)
					tmp[k++] = idx[j++];
			}
			size_t *t = idx;
			idx = tmp;
			tmp = t;
		}
		/* duplicates reported in document order */
		bool *dup = arena_zalloc(a, o.n * sizeof(*dup));
		for (size_t i = 1; i < o.n; i++)
			if (obj_cmp(&o.v[idx[i]], &o.v[idx[i - 1]]) == 0)
				dup[idx[i]] = true;
		if (warn) {
			for (size_t i = 0; i < o.n; i++) {
				if (!dup[i])
					continue;
				sb_adds(warn, "Error: Found duplicate key ");
				go_quote(warn, o.v[i].key, o.v[i].keyn);
				sb_adds(warn, " in manifest\n");
			}
		}
		struct diff_object *v = arena_alloc(a, o.n * sizeof(*v));
		size_t k = 0;
		for (size_t i = 0; i < o.n; i++)
			if (!dup[idx[i]])
				v[k++] = o.v[idx[i]];
		out->v = v;
		out->n = k;
	} else {
		out->v = o.v;
		out->n = o.n;
	}
	rc = 0;
out:
	sb_release(&d.terr);
	return rc;
}
