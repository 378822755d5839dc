/* yaml_decode.c — val_from_yaml: sigs.k8s.io/yaml v1.4.0 Unmarshal as Helm
 * 3.17.3 runs it (goyaml.v2 parse -> decode into interface{} ->
 * convertToJSONableObject -> json.Marshal -> json.Unmarshal), done in one
 * pass into the arena with the JSON round trip's effects reproduced.
 * libyaml gives the events (go-yaml v2 is a port of it); everything above the
 * parser — node tree, anchors, resolve, merge, key conversion, the errors of
 * each stage in Go's order — follows goyaml.v2/decode.go and yaml.go. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "base/base64.h"
#include "base/strconv.h"
#include "base/xalloc.h"
#include "value/codec.h"
#include "value/yaml_fast.h"
#include "value/yaml_resolve.h"

/* scannerc.go: max_flow_level and max_indents (libyaml has no such limit) */
#define GOYAML_MAX_DEPTH 10000
/* Our own guard against C stack exhaustion on alias chains; Go's stack
 * simply grows.  Far beyond any real document. */
#define DECODE_MAX_RECURSION 60000

enum ynode_kind { YN_SCALAR, YN_MAP, YN_SEQ, YN_ALIAS };

/* decode.go's node: what the parser keeps of each event. */
struct ynode {
	uint8_t kind;
	uint8_t tag;      /* enum yaml_tag */
	uint8_t implicit; /* scalar: plain_implicit */
	uint8_t busy;     /* alias being expanded (decode.go d.aliases) */
	uint32_t line;    /* start_mark.line, 0-based */
	uint32_t n;       /* scalar: value length; collections: child count */
	const char *s;    /* scalar value (output arena) or alias name */
	union {
		struct ynode **kids;
		struct ynode *alias;
	} u;
};

/* A map key Go keeps but JSON conversion rejects (nil, uint64). */
struct bad_key {
	struct val_map *m;
	bool is_null;
	uint64_t u;
	struct ynode *vnode; /* node whose decoded value the key holds now */
};

struct dec {
	struct arena *a;  /* output */
	struct arena *s;  /* scratch: nodes, anchors */
	struct sb *err;
	long decode_count, alias_count, alias_depth;
	int depth;
	bool nonfinite;   /* a NaN/Inf float was produced somewhere */
	bool binary;      /* a !!binary string (maybe invalid UTF-8) was produced */
	struct bad_key *bad;
	size_t nbad, capbad;
};

/* ------------------------------------------------------------------ parse */

static void parser_error(const yaml_parser_t *p, struct sb *err)
{
	/* decode.go parser.fail(): line from problem_mark (+1 for scanner
	 * errors, which do not advance the line), else context_mark */
	size_t line = 0;

	if (p->problem_mark.line != 0) {
		line = p->problem_mark.line;
		if (p->error == YAML_SCANNER_ERROR)
			line++;
	} else if (p->context_mark.line != 0) {
		line = p->context_mark.line;
	}
	sb_adds(err, "yaml: ");
	if (line)
		sb_addf(err, "line %zu: ", line);
	sb_adds(err, p->problem && *p->problem ? p->problem : "unknown problem parsing YAML content");
}

struct frame {
	struct ynode *node;
	size_t kid_base;
	size_t column;
	bool flow;
	bool indent; /* pushed an indent level in go-yaml's scanner */
	bool pair;   /* implicit single-pair mapping of a flow sequence */
};

struct builder {
	struct frame *frames;
	size_t nframes, capframes;
	struct ynode **kids;
	size_t nkids, capkids;
	int flow_level, indent_level;
};

static void push_kid(struct builder *b, struct ynode *n)
{
	if (b->nkids == b->capkids) {
		b->capkids = xgrow(b->capkids, b->nkids + 1);
		b->kids = xrealloc(b->kids, b->capkids * sizeof(*b->kids));
	}
	b->kids[b->nkids++] = n;
}

static void depth_error(struct sb *err, size_t line)
{
	/* a scanner error whose problem mark is the opening indicator */
	sb_adds(err, "yaml: ");
	if (line)
		sb_addf(err, "line %zu: ", line + 1);
	sb_addf(err, "exceeded max depth of %d", GOYAML_MAX_DEPTH);
}

/* libyaml marks count characters; the checks below need byte offsets in
 * the (UTF-8) input.  Events come in order, so a forward cursor suffices. */
struct charpos {
	const char *s;
	size_t n;
	size_t ci, bi; /* character index ci starts at byte bi */
};

static size_t char_to_byte(struct charpos *cp, size_t ci)
{
	if (ci < cp->ci) {
		cp->ci = 0;
		cp->bi = (cp->n >= 3 && memcmp(cp->s, "\xef\xbb\xbf", 3) == 0) ? 3 : 0;
	}
	/* ASCII runs eight characters at a time */
	while (ci - cp->ci >= 8 && cp->n - cp->bi >= 8) {
		uint64_t w;
		memcpy(&w, cp->s + cp->bi, 8);
		if (w & 0x8080808080808080u)
			break;
		cp->ci += 8;
		cp->bi += 8;
	}
	while (cp->ci < ci && cp->bi < cp->n) {
		unsigned char c = (unsigned char)cp->s[cp->bi];
		/* one character per UTF-8 sequence (CR LF counts as two) */
		cp->bi += c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
		cp->ci++;
	}
	return cp->bi < cp->n ? cp->bi : cp->n;
}

/* Length of the line break at p (libyaml's IS_BREAK, CR LF as one). */
static size_t break_len(const char *p, const char *end)
{
	if (*p == '\r')
		return p + 1 < end && p[1] == '\n' ? 2 : 1;
	if (*p == '\n')
		return 1;
	if ((unsigned char)*p == 0xc2 && p + 1 < end && (unsigned char)p[1] == 0x85)
		return 2;
	if ((unsigned char)*p == 0xe2 && p + 2 < end && (unsigned char)p[1] == 0x80 &&
	    ((unsigned char)p[2] == 0xa8 || (unsigned char)p[2] == 0xa9))
		return 3;
	return 0;
}

static void line_error(struct sb *err, size_t line, const char *msg)
{
	sb_adds(err, "yaml: ");
	if (line)
		sb_addf(err, "line %zu: ", line);
	sb_adds(err, msg);
}

/* go-yaml's scanner knows no "\/" escape (libyaml 0.2.5 does, from YAML
 * 1.2): find one in the double-quoted scalar starting at byte b. */
static int check_dq_escapes(const char *s, size_t n, size_t b, size_t line, struct sb *err)
{
	const char *p = s + b + 1, *end = s + n;

	while (p < end && *p != '"') {
		size_t bl = break_len(p, end);
		if (bl) {
			line++;
			p += bl;
		} else if (*p == '\\' && p + 1 < end) {
			if (p[1] == '/') {
				/* scanner error at the backslash: its line + 1 */
				line_error(err, line ? line + 1 : 0, "found unknown escape character");
				return -1;
			}
			bl = break_len(p + 1, end);
			if (bl) {
				line++;
				p += 1 + bl;
			} else {
				p += 2;
			}
		} else {
			p++;
		}
	}
	return 0;
}

/* go-yaml accepts only %YAML 1.1 and version numbers of at most two digits
 * (libyaml 0.2.5: 1.1 and 1.2, nine digits).  Directives lie in [b, e). */
static int check_version_directive(const char *s, size_t b, size_t e, size_t line, struct sb *err)
{
	const char *p = s + b, *end = s + e;
	bool first = true;

	while (p < end) {
		if (end - p > 5 && memcmp(p, "%YAML", 5) == 0 && (p[5] == ' ' || p[5] == '\t')) {
			const char *q = p + 5;
			size_t d1 = 0, d2 = 0;
			int major = 0, minor = 0;
			while (q < end && (*q == ' ' || *q == '\t'))
				q++;
			for (; q < end && *q >= '0' && *q <= '9'; q++, d1++)
				major = major * 10 + (*q - '0');
			if (d1 > 2) {
				line_error(err, line ? line + 1 : 0, "found extremely long version number");
				return -1;
			}
			if (q < end && *q == '.') {
				for (q++; q < end && *q >= '0' && *q <= '9'; q++, d2++)
					minor = minor * 10 + (*q - '0');
				if (d2 > 2) {
					line_error(err, line ? line + 1 : 0, "found extremely long version number");
					return -1;
				}
			}
			if (first && (major != 1 || minor != 1)) {
				/* parser error at the directive token */
				line_error(err, line, "found incompatible YAML document");
				return -1;
			}
			first = false;
		}
		/* next line */
		while (p < end && !break_len(p, end))
			p++;
		if (p < end) {
			p += break_len(p, end);
			line++;
		}
	}
	return 0;
}

/* Where libyaml 0.2.5's scanner and go-yaml v2's differ, libyaml is fed a
 * rewritten copy of the input that makes it scan as go-yaml does; char
 * counts never change, so every mark stays valid for the original.
 *  - RW_BOM: go-yaml's is_bom() tests the start of its buffer, not the
 *    current position, so a U+FEFF starting a later line is content there,
 *    while libyaml skips it: hidden behind a private-use placeholder.
 *  - RW_COLON: in flow context go-yaml keeps "x:" before , [ ] { } in the
 *    plain scalar, libyaml ends the scalar: the ':' becomes a placeholder.
 *  - RW_TAGCHAR: go-yaml's tag URIs may contain , [ ] (libyaml's may not):
 *    written as ';', which both accept (the tag stays an unknown one).
 *  - RW_SQESC: go-yaml knows the escape \' in double quotes, libyaml not:
 *    the backslash becomes a placeholder that unmask() drops. */
enum rw_kind { RW_BOM, RW_COLON, RW_TAGCHAR, RW_SQESC };

struct rewrites {
	size_t *off;
	uint8_t *kind;
	size_t n, cap;
	char ph_bom[3], ph_colon[3], ph_sq[3];
};

#define MAX_REWRITE_RETRIES 200

static bool rw_add(struct rewrites *rw, size_t off, enum rw_kind k)
{
	size_t i;
	for (i = 0; i < rw->n; i++)
		if (rw->off[i] == off)
			return false; /* already rewritten: no progress */
	if (rw->n == rw->cap) {
		rw->cap = xgrow(rw->cap, rw->n + 1);
		rw->off = xrealloc(rw->off, rw->cap * sizeof(*rw->off));
		rw->kind = xrealloc(rw->kind, rw->cap * sizeof(*rw->kind));
	}
	for (i = rw->n; i > 0 && rw->off[i - 1] > off; i--) {
		rw->off[i] = rw->off[i - 1];
		rw->kind[i] = rw->kind[i - 1];
	}
	rw->off[i] = off;
	rw->kind[i] = (uint8_t)k;
	rw->n++;
	return true;
}

/* Three private-use characters U+E000.. that the input does not contain. */
static void pick_placeholders(const char *in, size_t n, struct rewrites *rw)
{
	unsigned k = 0;
	/* all of them start with the byte 0xee: without one, the first three */
	bool any = memchr(in, 0xee, n) != NULL;
	for (int which = 0; which < 3; which++) {
		char *ph = which == 0 ? rw->ph_bom : which == 1 ? rw->ph_colon : rw->ph_sq;
		for (; k < 4096; k++) {
			ph[0] = (char)(0xee + (k >> 12));
			ph[1] = (char)(0x80 | ((k >> 6) & 0x3f));
			ph[2] = (char)(0x80 | (k & 0x3f));
			if (!any || !memmem(in, n, ph, 3))
				break;
		}
		k++;
	}
}

static bool at_line_start(const char *in, size_t off)
{
	const unsigned char *u = (const unsigned char *)in;
	return off >= 1 && (in[off - 1] == '\n' || in[off - 1] == '\r' ||
			    (off >= 2 && u[off - 2] == 0xc2 && u[off - 1] == 0x85) ||
			    (off >= 3 && u[off - 3] == 0xe2 && u[off - 2] == 0x80 &&
			     (u[off - 1] == 0xa8 || u[off - 1] == 0xa9)));
}

static void find_line_boms(const char *in, size_t n, struct rewrites *rw)
{
	const char *p = in, *end = in + n;
	/* the BOM at offset 0 sets the encoding; one right behind it is
	 * skipped by both */
	size_t skip = (n >= 3 && memcmp(in, "\xef\xbb\xbf", 3) == 0) ? 6 : 3;

	/* memchr for the lead byte: much faster than memmem on the common
	 * input without any */
	while ((p = memchr(p, 0xef, (size_t)(end - p))) != NULL) {
		if (end - p < 3 || (unsigned char)p[1] != 0xbb || (unsigned char)p[2] != 0xbf) {
			p++;
			continue;
		}
		size_t off = (size_t)(p - in);
		if (off + 3 > skip && at_line_start(in, off))
			rw_add(rw, off, RW_BOM);
		p += 3;
	}
}

/* The input libyaml reads: in with the rewrites applied (NULL if none). */
static char *build_work(const char *in, size_t n, const struct rewrites *rw, size_t *wn)
{
	struct sb w = SB_INIT;
	size_t at = 0;

	if (rw->n == 0)
		return NULL;
	for (size_t i = 0; i < rw->n; i++) {
		size_t off = rw->off[i];
		sb_add(&w, in + at, off - at);
		switch (rw->kind[i]) {
		case RW_BOM:
			sb_add(&w, rw->ph_bom, 3);
			at = off + 3;
			break;
		case RW_COLON:
			sb_add(&w, rw->ph_colon, 3);
			at = off + 1;
			break;
		case RW_SQESC:
			sb_add(&w, rw->ph_sq, 3);
			at = off + 1;
			break;
		default:
			sb_addc(&w, ';');
			at = off + 1;
			break;
		}
	}
	sb_add(&w, in + at, n - at);
	return sb_detach(&w, wn);
}

static const char *unmask(struct arena *a, const char *v, size_t *n, const struct rewrites *rw)
{
	char *c;
	struct sb b = SB_INIT;

	if (!memmem(v, *n, rw->ph_bom, 3) && !memmem(v, *n, rw->ph_colon, 3) && !memmem(v, *n, rw->ph_sq, 3))
		return v;
	for (size_t i = 0; i < *n;) {
		if (i + 3 <= *n && memcmp(v + i, rw->ph_bom, 3) == 0) {
			sb_add(&b, "\xef\xbb\xbf", 3);
			i += 3;
		} else if (i + 3 <= *n && memcmp(v + i, rw->ph_colon, 3) == 0) {
			sb_addc(&b, ':');
			i += 3;
		} else if (i + 3 <= *n && memcmp(v + i, rw->ph_sq, 3) == 0) {
			i += 3;
		} else {
			sb_addc(&b, v[i++]);
		}
	}
	c = arena_memdup(a, b.buf, b.len);
	*n = b.len;
	sb_release(&b);
	return c;
}

/* go-yaml's tag URI characters (scannerc.go scan_tag_uri). */
static bool goyaml_uri_char(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c && strchr("_-;/?:@&=+$,.!~*'()[]%", c));
}

/* At byte b start a node's properties (anchor, tag in any order): rewrite
 * the , [ ] that go-yaml's tag would contain.  True if any was added. */
static bool tag_rewrites(const char *in, size_t n, size_t b, struct rewrites *rw)
{
	bool added = false;
	for (int k = 0; k < 2 && b < n; k++) {
		if (in[b] == '&') {
			for (b++; b < n && goyaml_uri_char((unsigned char)in[b]) && in[b] != ',' && in[b] != '[' &&
				  in[b] != ']' && in[b] != '{' && in[b] != '}';
			     b++)
				;
		} else if (in[b] == '!' && b + 1 < n && in[b + 1] != '<') {
			for (b++; b < n && goyaml_uri_char((unsigned char)in[b]); b++)
				if (in[b] == ',' || in[b] == '[' || in[b] == ']')
					added |= rw_add(rw, b, RW_TAGCHAR);
		} else {
			break;
		}
		while (b < n && (in[b] == ' ' || in[b] == '\t'))
			b++;
	}
	return added;
}

/* The first byte after a node's anchor and tag (go-yaml's character sets). */
static size_t skip_props(const char *in, size_t n, size_t b)
{
	for (int k = 0; k < 2 && b < n && (in[b] == '&' || in[b] == '!'); k++) {
		if (in[b] == '&') {
			for (b++; b < n && (isalnum((unsigned char)in[b]) || in[b] == '_' || in[b] == '-'); b++)
				;
		} else if (b + 1 < n && in[b + 1] == '<') {
			while (b < n && in[b] != '>')
				b++;
			b++;
		} else {
			for (b++; b < n && goyaml_uri_char((unsigned char)in[b]); b++)
				;
		}
		while (b < n && (in[b] == ' ' || in[b] == '\t'))
			b++;
	}
	return b < n ? b : n;
}

/* A plain scalar inside a flow collection, checked against go-yaml's
 * scan_plain_scalar: a '?' ends the scalar there (and the KEY token that
 * follows is a parse error), a ':' before , [ ] { } stays in the scalar. */
static int check_flow_plain(struct dec *d, const char *in, size_t n, struct charpos *cp,
			    const struct builder *b, const yaml_event_t *ev, struct rewrites *rw)
{
	size_t sb0 = skip_props(in, n, char_to_byte(cp, ev->start_mark.index));
	size_t se = char_to_byte(cp, ev->end_mark.index);
	const char *q = sb0 < se ? memchr(in + sb0, '?', se - sb0) : NULL;
	const struct frame *f = &b->frames[b->nframes - 1];

	if (q) {
		size_t line = ev->start_mark.line;
		bool seq = f->node->kind == YN_SEQ || f->pair;
		for (const char *p = in + sb0; p < q;) {
			size_t bl = break_len(p, q);
			if (bl) {
				line++;
				p += bl;
			} else {
				p++;
			}
		}
		if (!line) /* no line: the context mark, the collection's start */
			line = f->node->line;
		line_error(d->err, line, seq ? "did not find expected ',' or ']'" : "did not find expected ',' or '}'");
		return -1;
	}
	if (se + 1 < n && in[se] == ':' && strchr(",[]{}", in[se + 1]) && rw_add(rw, se, RW_COLON))
		return 1;
	return 0;
}

/* One parse of the first document into a node tree (decode.go
 * parser.parse); *root is NULL for an empty stream.  Returns 1 when a new
 * rewrite was found and the parse must start again. */
static int parse_once(struct dec *d, const char *in, size_t n, bool utf8, struct rewrites *rw,
		      struct ynode **root)
{
	yaml_parser_t p;
	yaml_event_t ev;
	struct builder b = { 0 };
	val anchors = val_map_new(d->s, 0);
	int rc = -1;
	bool done = false;
	size_t wn = 0;
	char *work = build_work(in, n, rw, &wn);
	struct charpos cp = { in, n, 0, 0 };

	*root = NULL;
	char_to_byte(&cp, 0);
	if (!yaml_parser_initialize(&p)) {
		free(work);
		sb_adds(d->err, "yaml: failed to initialize YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)(work ? work : in), work ? wn : n);
	while (!done) {
		struct ynode *node = NULL;
		const char *anchor = NULL;
		const char *tag = NULL;

		if (!yaml_parser_parse(&p, &ev)) {
			/* libyaml's own version check fires first for 1.3+: see
			 * whether go-yaml's scanner would have refused the digits */
			if (utf8 && p.error == YAML_PARSER_ERROR && p.problem &&
			    strcmp(p.problem, "found incompatible YAML document") == 0) {
				size_t off = char_to_byte(&cp, p.problem_mark.index), e = off;
				while (e < n && !break_len(in + e, in + n))
					e++;
				if (check_version_directive(in, off, e, p.problem_mark.line, d->err) < 0)
					goto out;
			}
			if (utf8 && p.error == YAML_SCANNER_ERROR && p.problem) {
				size_t off = char_to_byte(&cp, p.problem_mark.index);
				char c = off < n ? in[off] : 0;
				if ((strcmp(p.problem, "did not find expected whitespace or line break") == 0 ||
				     strcmp(p.problem, "did not find expected tag URI") == 0) &&
				    (c == ',' || c == '[' || c == ']') && rw_add(rw, off, RW_TAGCHAR)) {
					rc = 1;
					goto out;
				}
				if (strcmp(p.problem, "found unknown escape character") == 0 && c == '\\' &&
				    off + 1 < n && in[off + 1] == '\'' && rw_add(rw, off, RW_SQESC)) {
					rc = 1;
					goto out;
				}
				if (strcmp(p.problem, "found unexpected ':'") == 0 && c == ':' &&
				    rw_add(rw, off, RW_COLON)) {
					rc = 1;
					goto out;
				}
			}
			if (p.error == YAML_SCANNER_ERROR && p.problem &&
			    strcmp(p.problem, "could not find expected ':'") == 0 && p.problem_mark.column != 0 &&
			    char_to_byte(&cp, p.problem_mark.index) >= n) {
				/* at the end of the stream go-yaml finds the stale key
				 * only after fetch_stream_end forced a new line */
				p.problem_mark.line++;
			}
			parser_error(&p, d->err);
			goto out;
		}
		switch (ev.type) {
		case YAML_DOCUMENT_START_EVENT:
			if (utf8 && ev.data.document_start.version_directive &&
			    check_version_directive(in, char_to_byte(&cp, ev.start_mark.index),
						    char_to_byte(&cp, ev.end_mark.index), ev.start_mark.line,
						    d->err) < 0) {
				yaml_event_delete(&ev);
				goto out;
			}
			yaml_event_delete(&ev);
			continue;
		case YAML_STREAM_END_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			/* only the first document is read, as go-yaml does */
			done = true;
			break;
		case YAML_ALIAS_EVENT: {
			size_t an = strlen((const char *)ev.data.alias.anchor);
			val *target = val_map_ref(anchors, (const char *)ev.data.alias.anchor, an);
			if (!target) {
				sb_addf(d->err, "yaml: unknown anchor '%s' referenced",
					(const char *)ev.data.alias.anchor);
				yaml_event_delete(&ev);
				goto out;
			}
			node = arena_zalloc(d->s, sizeof(*node));
			node->kind = YN_ALIAS;
			node->line = (uint32_t)ev.start_mark.line;
			node->s = arena_memdup(d->s, ev.data.alias.anchor, an);
			node->n = (uint32_t)an;
			node->u.alias = target->u.p;
			break;
		}
		case YAML_SCALAR_EVENT:
			node = arena_zalloc(d->s, sizeof(*node));
			node->kind = YN_SCALAR;
			node->line = (uint32_t)ev.start_mark.line;
			if (utf8 && ev.data.scalar.tag && b.flow_level > 0 &&
			    tag_rewrites(in, n, char_to_byte(&cp, ev.start_mark.index), rw)) {
				yaml_event_delete(&ev);
				rc = 1;
				goto out;
			}
			if (utf8 && b.flow_level > 0 && ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
				int r = check_flow_plain(d, in, n, &cp, &b, &ev, rw);
				if (r != 0) {
					yaml_event_delete(&ev);
					rc = r;
					goto out;
				}
			}
			if (utf8 && ev.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
			    memchr(ev.data.scalar.value, '/', ev.data.scalar.length) &&
			    check_dq_escapes(in, n, char_to_byte(&cp, ev.start_mark.index), ev.start_mark.line,
					     d->err) < 0) {
				yaml_event_delete(&ev);
				goto out;
			}
			{
				size_t vn = ev.data.scalar.length;
				const char *vs = (const char *)ev.data.scalar.value;
				if (work)
					vs = unmask(d->s, vs, &vn, rw);
				node->s = arena_memdup(d->a, vs, vn);
				node->n = (uint32_t)vn;
			}
			node->implicit = (uint8_t)ev.data.scalar.plain_implicit;
			anchor = (const char *)ev.data.scalar.anchor;
			tag = (const char *)ev.data.scalar.tag;
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT: {
			bool seq = ev.type == YAML_SEQUENCE_START_EVENT;
			bool flow = seq ? ev.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
					: ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
			struct frame *f;
			bool indent = false;

			node = arena_zalloc(d->s, sizeof(*node));
			node->kind = seq ? YN_SEQ : YN_MAP;
			node->line = (uint32_t)ev.start_mark.line;
			anchor = (const char *)(seq ? ev.data.sequence_start.anchor : ev.data.mapping_start.anchor);
			tag = (const char *)(seq ? ev.data.sequence_start.tag : ev.data.mapping_start.tag);
			if (utf8 && tag && b.flow_level > 0 &&
			    tag_rewrites(in, n, char_to_byte(&cp, ev.start_mark.index), rw)) {
				yaml_event_delete(&ev);
				rc = 1;
				goto out;
			}
			if (flow) {
				if (++b.flow_level > GOYAML_MAX_DEPTH) {
					depth_error(d->err, ev.start_mark.line);
					yaml_event_delete(&ev);
					goto out;
				}
			} else if (b.flow_level == 0) {
				/* an indentless sequence (value of a block mapping at
				 * the key's column) pushes no indent in the scanner */
				const struct frame *pf = b.nframes ? &b.frames[b.nframes - 1] : NULL;
				indent = !(seq && pf && !pf->flow && pf->node->kind == YN_MAP &&
					   pf->column == ev.start_mark.column);
				if (indent && ++b.indent_level > GOYAML_MAX_DEPTH) {
					depth_error(d->err, ev.start_mark.line);
					yaml_event_delete(&ev);
					goto out;
				}
			}
			if (anchor) /* decode.go registers it before the children */
				val_map_set(d->s, anchors, arena_strdup(d->s, anchor), strlen(anchor),
					    (val){ .kind = VAL_OPAQUE, .u.p = node });
			anchor = NULL;
			if (tag)
				node->tag = (uint8_t)yaml_tag_of(tag, strlen(tag));
			if (b.nframes == b.capframes) {
				b.capframes = xgrow(b.capframes, b.nframes + 1);
				b.frames = xrealloc(b.frames, b.capframes * sizeof(*b.frames));
			}
			f = &b.frames[b.nframes++];
			f->node = node;
			f->kid_base = b.nkids;
			f->column = ev.start_mark.column;
			f->flow = flow;
			f->indent = indent;
			/* a single-pair mapping inside a flow sequence has no '{' */
			f->pair = flow && !seq && utf8 &&
				  in[skip_props(in, n, char_to_byte(&cp, ev.start_mark.index))] != '{';
			yaml_event_delete(&ev);
			continue;
		}
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT: {
			struct frame *f = &b.frames[--b.nframes];
			size_t k = b.nkids - f->kid_base;
			node = f->node;
			if (f->flow)
				b.flow_level--;
			else if (f->indent)
				b.indent_level--;
			node->n = (uint32_t)k;
			node->u.kids = arena_alloc(d->s, (k ? k : 1) * sizeof(*node->u.kids));
			if (k)
				memcpy(node->u.kids, b.kids + f->kid_base, k * sizeof(*node->u.kids));
			b.nkids = f->kid_base;
			break;
		}
		default: /* stream/document start, no-op events */
			yaml_event_delete(&ev);
			continue;
		}
		if (node && node->kind == YN_SCALAR) {
			if (tag)
				node->tag = (uint8_t)yaml_tag_of(tag, strlen(tag));
			if (anchor)
				val_map_set(d->s, anchors, arena_strdup(d->s, anchor), strlen(anchor),
					    (val){ .kind = VAL_OPAQUE, .u.p = node });
		}
		yaml_event_delete(&ev);
		if (node) {
			if (b.nframes)
				push_kid(&b, node);
			else
				*root = node;
		}
	}
	rc = 0;
out:
	free(b.frames);
	free(b.kids);
	free(work);
	yaml_parser_delete(&p);
	return rc;
}

static int parse_document(struct dec *d, const char *in, size_t n, struct ynode **root)
{
	struct rewrites rw = { 0 };
	/* the source checks only understand UTF-8 input */
	bool utf8 = !(n >= 2 && (((unsigned char)in[0] == 0xff && (unsigned char)in[1] == 0xfe) ||
				 ((unsigned char)in[0] == 0xfe && (unsigned char)in[1] == 0xff)));
	int rc, tries = 0;

	pick_placeholders(in, n, &rw);
	if (utf8)
		find_line_boms(in, n, &rw);
	do {
		/* each retry restarts with a fresh tree; the old one is garbage
		 * in the scratch arena */
		rc = parse_once(d, in, n, utf8, &rw, root);
	} while (rc == 1 && ++tries < MAX_REWRITE_RETRIES);
	if (rc == 1) {
		sb_adds(d->err, "yaml: input too irregular to parse");
		rc = -1;
	}
	free(rw.off);
	free(rw.kind);
	return rc;
}

/* ------------------------------------------------------- Go %#v printing */

/* The value go-yaml would have built for a node, only as far as fmt's %#v
 * shows it in error messages (invalid map key, unsupported map key). */
enum gkind { G_NIL, G_BOOL, G_INT, G_UINT, G_FLOAT, G_STR, G_LIST, G_MAP };

struct gval {
	enum gkind k;
	bool b;
	int64_t i;
	uint64_t u;
	double f;
	const char *s;
	size_t n;
	struct gval *items; /* list: n items; map: 2n (key, value) */
	size_t cap;
};

static int base64_decode(struct arena *a, const char *s, size_t n, const char **out, size_t *outn);

static void gval_build(struct dec *d, struct ynode *n, struct gval *g);

static bool gval_eq(const struct gval *x, const struct gval *y)
{
	if (x->k != y->k)
		return false;
	switch (x->k) {
	case G_NIL:
		return true;
	case G_BOOL:
		return x->b == y->b;
	case G_INT:
		return x->i == y->i;
	case G_UINT:
		return x->u == y->u;
	case G_FLOAT:
		return x->f == y->f;
	case G_STR:
		return x->n == y->n && memcmp(x->s, y->s, x->n) == 0;
	default:
		return false;
	}
}

static void gmap_set(struct dec *d, struct gval *m, const struct gval *k, const struct gval *v)
{
	for (size_t i = 0; i < m->n; i++)
		if (gval_eq(&m->items[2 * i], k)) {
			m->items[2 * i + 1] = *v;
			return;
		}
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 4;
		m->items = arena_grow(d->s, m->items, m->cap * 2 * sizeof(*m->items),
				      cap * 2 * sizeof(*m->items));
		m->cap = cap;
	}
	m->items[2 * m->n] = *k;
	m->items[2 * m->n + 1] = *v;
	m->n++;
}

static void gmap_fill(struct dec *d, struct ynode *n, struct gval *m);

static void gmerge(struct dec *d, struct ynode *n, struct gval *m)
{
	if (n->kind == YN_ALIAS)
		n = n->u.alias;
	if (n->kind == YN_MAP) {
		gmap_fill(d, n, m);
	} else if (n->kind == YN_SEQ) {
		for (size_t i = n->n; i-- > 0;) {
			struct ynode *c = n->u.kids[i];
			gmap_fill(d, c->kind == YN_ALIAS ? c->u.alias : c, m);
		}
	}
}

static bool is_merge(const struct ynode *k)
{
	return k->kind == YN_SCALAR && k->n == 2 && k->s[0] == '<' && k->s[1] == '<' &&
	       (k->implicit || k->tag == YAML_TAG_MERGE);
}

static void gmap_fill(struct dec *d, struct ynode *n, struct gval *m)
{
	for (size_t i = 0; i + 1 < n->n; i += 2) {
		struct gval k, v;
		if (is_merge(n->u.kids[i])) {
			gmerge(d, n->u.kids[i + 1], m);
			continue;
		}
		gval_build(d, n->u.kids[i], &k);
		gval_build(d, n->u.kids[i + 1], &v);
		gmap_set(d, m, &k, &v);
	}
}

static void gval_build(struct dec *d, struct ynode *n, struct gval *g)
{
	memset(g, 0, sizeof(*g));
	while (n->kind == YN_ALIAS)
		n = n->u.alias;
	if (n->kind == YN_SEQ) {
		g->k = G_LIST;
		g->n = n->n;
		g->items = arena_alloc(d->s, (n->n ? n->n : 1) * sizeof(*g->items));
		for (size_t i = 0; i < n->n; i++)
			gval_build(d, n->u.kids[i], &g->items[i]);
		return;
	}
	if (n->kind == YN_MAP) {
		g->k = G_MAP;
		gmap_fill(d, n, g);
		return;
	}
	g->k = G_STR;
	g->s = n->s;
	g->n = n->n;
	if (n->tag != YAML_TAG_NONE || n->implicit) {
		struct yaml_resolved r;
		struct sb junk = SB_INIT;
		int rc = yaml_resolve_tagged((enum yaml_tag)n->tag, n->s, n->n, &r, &junk);
		sb_release(&junk);
		if (rc < 0)
			return;
		if (n->tag == YAML_TAG_BINARY) {
			if (base64_decode(d->s, n->s, n->n, &g->s, &g->n) < 0) {
				g->s = n->s;
				g->n = n->n;
			}
			return;
		}
		switch (r.tag) {
		case YAML_R_NULL:
			g->k = G_NIL;
			break;
		case YAML_R_BOOL:
			g->k = G_BOOL;
			g->b = r.b;
			break;
		case YAML_R_INT:
			g->k = G_INT;
			g->i = r.i;
			break;
		case YAML_R_UINT:
			g->k = G_UINT;
			g->u = r.u;
			break;
		case YAML_R_FLOAT:
			g->k = G_FLOAT;
			g->f = r.f;
			break;
		default:
			break;
		}
	}
}

/* strconv.Quote, close enough for error messages: printable ASCII and
 * valid non-control UTF-8 as is, the rest escaped the way Go does. */
static void go_quote(struct sb *out, const char *s, size_t n)
{
	sb_addc(out, '"');
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			switch (c) {
			case '"':
				sb_adds(out, "\\\"");
				break;
			case '\\':
				sb_adds(out, "\\\\");
				break;
			case '\a':
				sb_adds(out, "\\a");
				break;
			case '\b':
				sb_adds(out, "\\b");
				break;
			case '\f':
				sb_adds(out, "\\f");
				break;
			case '\n':
				sb_adds(out, "\\n");
				break;
			case '\r':
				sb_adds(out, "\\r");
				break;
			case '\t':
				sb_adds(out, "\\t");
				break;
			case '\v':
				sb_adds(out, "\\v");
				break;
			default:
				if (c < 0x20 || c == 0x7f)
					sb_addf(out, "\\x%02x", c);
				else
					sb_addc(out, (char)c);
			}
			i++;
			continue;
		}
		size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
		uint32_t r = 0;
		bool ok = len > 1 && i + len <= n;
		if (ok) {
			r = c & (0xff >> (len + 1));
			for (size_t j = 1; j < len; j++) {
				unsigned char cc = (unsigned char)s[i + j];
				if ((cc & 0xc0) != 0x80)
					ok = false;
				r = (r << 6) | (cc & 0x3f);
			}
			if (ok && ((len == 2 && r < 0x80) || (len == 3 && r < 0x800) ||
				   (len == 4 && (r < 0x10000 || r > 0x10ffff)) ||
				   (r >= 0xd800 && r <= 0xdfff)))
				ok = false;
		}
		if (!ok) {
			sb_addf(out, "\\x%02x", c);
			i++;
			continue;
		}
		if (r < 0xa0 || r == 0xad || (r >= 0x2000 && r <= 0x200f) || (r >= 0x2028 && r <= 0x202f) ||
		    (r >= 0x205f && r <= 0x206f) || r == 0x3000 || r == 0xfeff || r == 0xa0 ||
		    (r >= 0xfff9 && r <= 0xfffb) || r == 0x1680)
			sb_addf(out, r > 0xffff ? "\\U%08x" : "\\u%04x", (unsigned)r);
		else
			sb_add(out, s + i, len);
		i += len;
	}
	sb_addc(out, '"');
}

static int gkind_rank(enum gkind k)
{
	/* fmtsort orders interface keys of different types by the addresses
	 * of their type descriptors: this is the order the oracle binary
	 * shows (nil first); Helm's binary may differ in this rare case */
	switch (k) {
	case G_NIL:
		return 0;
	case G_STR:
		return 1;
	case G_UINT:
		return 2;
	case G_INT:
		return 3;
	case G_FLOAT:
		return 4;
	case G_BOOL:
		return 5;
	default:
		return 6;
	}
}

static int gval_cmp(const void *pa, const void *pb)
{
	const struct gval *x = pa, *y = pb;
	int rx = gkind_rank(x->k), ry = gkind_rank(y->k);
	if (rx != ry)
		return rx < ry ? -1 : 1;
	switch (x->k) {
	case G_BOOL:
		return (int)x->b - (int)y->b;
	case G_INT:
		return x->i < y->i ? -1 : x->i > y->i;
	case G_UINT:
		return x->u < y->u ? -1 : x->u > y->u;
	case G_FLOAT:
		if (isnan(x->f) || isnan(y->f))
			return isnan(x->f) ? (isnan(y->f) ? 0 : -1) : 1;
		return x->f < y->f ? -1 : x->f > y->f;
	case G_STR: {
		size_t m = x->n < y->n ? x->n : y->n;
		int c = memcmp(x->s, y->s, m);
		if (c)
			return c;
		return x->n < y->n ? -1 : x->n > y->n;
	}
	default:
		return 0;
	}
}

/* fmt's %#v (also %+#v) of a go-yaml value; top = the argument itself. */
static void gval_print(struct sb *out, const struct gval *g, bool top)
{
	switch (g->k) {
	case G_NIL:
		sb_adds(out, top ? "<nil>" : "interface {}(nil)");
		break;
	case G_BOOL:
		sb_adds(out, g->b ? "true" : "false");
		break;
	case G_INT:
		strconv_format_int(out, g->i, 10);
		break;
	case G_UINT:
		sb_adds(out, "0x");
		strconv_format_uint(out, g->u, 16);
		break;
	case G_FLOAT:
		strconv_format_float(out, g->f, 'g', -1);
		break;
	case G_STR:
		go_quote(out, g->s, g->n);
		break;
	case G_LIST:
		sb_adds(out, "[]interface {}{");
		for (size_t i = 0; i < g->n; i++) {
			if (i)
				sb_adds(out, ", ");
			gval_print(out, &g->items[i], false);
		}
		sb_addc(out, '}');
		break;
	case G_MAP: {
		struct gval *pairs = xmalloc((g->n ? g->n : 1) * 2 * sizeof(*pairs));
		if (g->n)
			memcpy(pairs, g->items, g->n * 2 * sizeof(*pairs));
		qsort(pairs, g->n, 2 * sizeof(*pairs), gval_cmp);
		sb_adds(out, "map[interface {}]interface {}{");
		for (size_t i = 0; i < g->n; i++) {
			if (i)
				sb_adds(out, ", ");
			gval_print(out, &pairs[2 * i], false);
			sb_addc(out, ':');
			gval_print(out, &pairs[2 * i + 1], false);
		}
		sb_addc(out, '}');
		free(pairs);
		break;
	}
	}
}

/* ----------------------------------------------------------------- decode */

/* encoding/base64 StdEncoding.DecodeString: padding required, CR/LF
 * skipped anywhere, nothing after the padding. */
static int base64_decode(struct arena *a, const char *s, size_t n, const char **out, size_t *outn)
{
	char *buf = arena_alloc(a, b64_decoded_len(n) + 1);
	if (b64_decode(buf, s, n, outn) >= 0)
		return -1;
	buf[*outn] = '\0';
	*out = buf;
	return 0;
}

static int fail(struct dec *d, const char *msg)
{
	sb_adds(d->err, msg);
	return -1;
}

/* decode.go unmarshal()'s bookkeeping: count, alias ratio check. */
static int count(struct dec *d)
{
	d->decode_count++;
	if (d->alias_depth > 0)
		d->alias_count++;
	if (d->alias_count > 100 && d->decode_count > 1000) {
		double ratio, allowed;
		ratio = (double)d->alias_count / (double)d->decode_count;
		if (d->decode_count <= 400000)
			allowed = 0.99;
		else if (d->decode_count >= 4000000)
			allowed = 0.10;
		else
			allowed = 0.99 - 0.89 * ((double)(d->decode_count - 400000) / (double)(4000000 - 400000));
		if (ratio > allowed)
			return fail(d, "yaml: document contains excessive aliasing");
	}
	return 0;
}

static int enter(struct dec *d)
{
	if (++d->depth > DECODE_MAX_RECURSION)
		return fail(d, "yaml: document nesting too deep");
	return 0;
}

/* Key text as convertToJSONableObject makes it; float keys go through
 * FormatFloat(k, 'g', -1, 32), i.e. float32 shortest digits. */
static void float32_key(struct sb *out, double f)
{
	float x = (float)f;

	if (isnan(x))
		sb_adds(out, ".nan");
	else if (isinf(x))
		sb_adds(out, x > 0 ? ".inf" : "-.inf");
	else
		strconv_format_float32_g(out, x);
}

static int dec_node(struct dec *d, struct ynode *n, val *out);
static int dec_into_map(struct dec *d, struct ynode *n, val m);
static int map_body(struct dec *d, struct ynode *n, val m);

/* A scalar as decode.go scalar() gives it to an interface{}; r receives the
 * resolved kind (for keys). */
static int dec_scalar(struct dec *d, struct ynode *n, val *out, struct yaml_resolved *r)
{
	memset(r, 0, sizeof(*r));
	r->tag = YAML_R_STR;
	if (n->tag == YAML_TAG_NONE && !n->implicit) {
		*out = val_str_ref(n->s, n->n);
		return 0;
	}
	if (yaml_resolve_tagged((enum yaml_tag)n->tag, n->s, n->n, r, d->err) < 0)
		return -1;
	if (n->tag == YAML_TAG_BINARY) {
		const char *b;
		size_t bn;
		if (base64_decode(d->a, n->s, n->n, &b, &bn) < 0)
			return fail(d, "yaml: !!binary value contains invalid base64 data");
		d->binary = true;
		*out = val_str_ref(b, bn);
		r->tag = YAML_R_STR;
		return 0;
	}
	switch (r->tag) {
	case YAML_R_NULL:
		*out = val_null();
		break;
	case YAML_R_BOOL:
		*out = val_bool(r->b);
		break;
	case YAML_R_INT:
		/* JSON turns every number into float64 */
		*out = val_float((double)r->i);
		break;
	case YAML_R_UINT:
		*out = val_float((double)r->u);
		break;
	case YAML_R_FLOAT:
		if (!isfinite(r->f))
			d->nonfinite = true;
		*out = val_float(r->f);
		break;
	case YAML_R_TIMESTAMP: /* kept as its text for interface{} targets */
	default:
		*out = val_str_ref(n->s, n->n);
		break;
	}
	return 0;
}

static int self_alias(struct dec *d, struct ynode *n)
{
	sb_adds(d->err, "yaml: anchor '");
	sb_add(d->err, n->s, n->n);
	sb_adds(d->err, "' value contains itself");
	return -1;
}

/* The body of unmarshal() for an interface{} out, after the count. */
static int dec_body(struct dec *d, struct ynode *n, val *out)
{
	struct yaml_resolved r;
	int rc = 0;

	switch (n->kind) {
	case YN_ALIAS:
		if (n->busy)
			return self_alias(d, n);
		n->busy = 1;
		d->alias_depth++;
		rc = dec_node(d, n->u.alias, out);
		d->alias_depth--;
		n->busy = 0;
		return rc;
	case YN_SCALAR:
		return dec_scalar(d, n, out, &r);
	case YN_SEQ: {
		val l = val_list_new(d->a, n->n);
		for (size_t i = 0; i < n->n; i++) {
			val e;
			if (dec_node(d, n->u.kids[i], &e) < 0)
				return -1;
			val_list_push(d->a, l, e);
		}
		*out = l;
		return 0;
	}
	default: {
		val m = val_map_new(d->a, n->n / 2);
		*out = m;
		return map_body(d, n, m);
	}
	}
}

/* d.unmarshal(n, out) for an interface{} out. */
static int dec_node(struct dec *d, struct ynode *n, val *out)
{
	int rc;

	if (count(d) < 0 || enter(d) < 0)
		return -1;
	rc = dec_body(d, n, out);
	d->depth--;
	return rc;
}

/* d.unmarshal(n, out) where out is an existing map (merge() targets). */
static int dec_into_map(struct dec *d, struct ynode *n, val m)
{
	int rc;

	if (count(d) < 0 || enter(d) < 0)
		return -1;
	if (n->kind == YN_ALIAS) {
		if (n->busy) {
			rc = self_alias(d, n);
		} else {
			n->busy = 1;
			d->alias_depth++;
			rc = dec_into_map(d, n->u.alias, m);
			d->alias_depth--;
			n->busy = 0;
		}
	} else {
		rc = map_body(d, n, m);
	}
	d->depth--;
	return rc;
}

/* A key: unmarshal() into an interface{} that must not end up a map or a
 * slice; r says what Go type a scalar key had. */
static int dec_key(struct dec *d, struct ynode *n, val *out, struct yaml_resolved *r)
{
	int rc;

	if (count(d) < 0 || enter(d) < 0)
		return -1;
	if (n->kind == YN_SCALAR) {
		rc = dec_scalar(d, n, out, r);
	} else if (n->kind == YN_ALIAS) {
		if (n->busy) {
			rc = self_alias(d, n);
		} else {
			n->busy = 1;
			d->alias_depth++;
			rc = dec_key(d, n->u.alias, out, r);
			d->alias_depth--;
			n->busy = 0;
		}
	} else {
		rc = dec_body(d, n, out);
		if (rc == 0) {
			struct gval g;
			gval_build(d, n, &g);
			sb_adds(d->err, "yaml: invalid map key: ");
			gval_print(d->err, &g, false);
			rc = -1;
		}
	}
	d->depth--;
	return rc;
}

static void note_bad_key(struct dec *d, val m, bool is_null, uint64_t u, struct ynode *vnode)
{
	for (size_t i = 0; i < d->nbad; i++) {
		struct bad_key *bk = &d->bad[i];
		if (bk->m == m.u.m && bk->is_null == is_null && (is_null || bk->u == u)) {
			bk->vnode = vnode;
			return;
		}
	}
	if (d->nbad == d->capbad) {
		d->capbad = xgrow(d->capbad, d->nbad + 1);
		d->bad = xrealloc(d->bad, d->capbad * sizeof(*d->bad));
	}
	d->bad[d->nbad++] = (struct bad_key){ m.u.m, is_null, u, vnode };
}

static int dec_merge(struct dec *d, struct ynode *n, val m)
{
	static const char want_map[] = "yaml: map merge requires map or sequence of maps as the value";

	switch (n->kind) {
	case YN_MAP:
		return dec_into_map(d, n, m);
	case YN_ALIAS:
		if (n->u.alias->kind != YN_MAP)
			return fail(d, want_map);
		return dec_into_map(d, n, m);
	case YN_SEQ:
		/* backwards: earlier maps take precedence */
		for (size_t i = n->n; i-- > 0;) {
			struct ynode *c = n->u.kids[i];
			if (c->kind == YN_ALIAS ? c->u.alias->kind != YN_MAP : c->kind != YN_MAP)
				return fail(d, want_map);
			if (dec_into_map(d, c, m) < 0)
				return -1;
		}
		return 0;
	default:
		return fail(d, want_map);
	}
}

/* decode.go mapping() into map m: keys converted to strings the way
 * convertToJSONableObject does, last key wins. */
static int map_body(struct dec *d, struct ynode *n, val m)
{
	struct sb ks = SB_INIT;
	int rc = 0;

	for (size_t i = 0; i + 1 < n->n; i += 2) {
		struct ynode *kn = n->u.kids[i], *vn = n->u.kids[i + 1];
		struct yaml_resolved r;
		const char *kp;
		size_t kl;
		val k, v;

		if (is_merge(kn)) {
			if (dec_merge(d, vn, m) < 0) {
				rc = -1;
				break;
			}
			continue;
		}
		if (dec_key(d, kn, &k, &r) < 0 || dec_node(d, vn, &v) < 0) {
			rc = -1;
			break;
		}
		switch (r.tag) {
		case YAML_R_NULL:
			note_bad_key(d, m, true, 0, vn);
			continue;
		case YAML_R_UINT:
			note_bad_key(d, m, false, r.u, vn);
			continue;
		case YAML_R_BOOL:
			kp = r.b ? "true" : "false";
			kl = strlen(kp);
			break;
		case YAML_R_INT:
			sb_reset(&ks);
			strconv_format_int(&ks, r.i, 10);
			kp = arena_memdup(d->a, ks.buf, ks.len);
			kl = ks.len;
			break;
		case YAML_R_FLOAT:
			sb_reset(&ks);
			float32_key(&ks, r.f);
			kp = arena_memdup(d->a, ks.buf, ks.len);
			kl = ks.len;
			break;
		default: /* strings, timestamps, binary */
			kp = k.u.s;
			kl = k.len;
			break;
		}
		val_map_set(d->a, m, kp, kl, v);
	}
	sb_release(&ks);
	return rc;
}

/* ------------------------------------------------------ JSON round trip */

/* encoding/json writes invalid UTF-8 as U+FFFD, byte by byte. */
static bool utf8_valid(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t len;
		uint32_t r;
		if (c < 0x80) {
			i++;
			continue;
		}
		len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
		if (len == 0 || c > 0xf4 || i + len > n)
			return false;
		r = c & (0xff >> (len + 1));
		for (size_t j = 1; j < len; j++) {
			unsigned char cc = (unsigned char)s[i + j];
			if ((cc & 0xc0) != 0x80)
				return false;
			r = (r << 6) | (cc & 0x3f);
		}
		if ((len == 3 && r < 0x800) || (len == 4 && (r < 0x10000 || r > 0x10ffff)) ||
		    (r >= 0xd800 && r <= 0xdfff))
			return false;
		i += len;
	}
	return true;
}

static size_t utf8_seq(const char *s, size_t n, size_t i)
{
	/* length of the valid sequence at i, or 0 */
	if (utf8_valid(s + i, 1))
		return 1;
	for (size_t len = 2; len <= 4 && i + len <= n; len++)
		if (utf8_valid(s + i, len))
			return len;
	return 0;
}

static val fix_utf8(struct arena *a, const char *s, size_t n, bool *changed)
{
	struct sb b = SB_INIT;
	val v;

	*changed = false;
	if (utf8_valid(s, n))
		return val_str_ref(s, n);
	for (size_t i = 0; i < n;) {
		size_t len = utf8_seq(s, n, i);
		if (len == 0) {
			sb_add(&b, "\xef\xbf\xbd", 3);
			i++;
		} else {
			sb_add(&b, s + i, len);
			i += len;
		}
	}
	v = val_str(a, b.buf, b.len);
	sb_release(&b);
	*changed = true;
	return v;
}

/* Walk the result the way json.Marshal does (sorted keys) and find the first
 * NaN/Inf; returns its text or NULL. */
static const char *find_nonfinite(struct arena *a, val v)
{
	if (v.kind == VAL_FLOAT && !isfinite(v.u.f))
		return isnan(v.u.f) ? "NaN" : v.u.f > 0 ? "+Inf" : "-Inf";
	if (v.kind == VAL_LIST) {
		for (size_t i = 0; i < val_list_len(v); i++) {
			const char *r = find_nonfinite(a, val_list_at(v, i));
			if (r)
				return r;
		}
	} else if (v.kind == VAL_MAP) {
		const uint32_t *o = val_map_order(a, v);
		for (size_t i = 0; i < val_map_len(v); i++) {
			const char *r = find_nonfinite(a, val_map_entry_at(v, o[i])->v);
			if (r)
				return r;
		}
	}
	return NULL;
}

/* Replace invalid UTF-8 in strings and keys; colliding keys keep the value
 * that sorts last by original bytes (json.Marshal order, decoder last-wins). */
static val fix_binary(struct arena *a, val v)
{
	bool ch;

	if (v.kind == VAL_STRING)
		return fix_utf8(a, v.u.s, v.len, &ch);
	if (v.kind == VAL_LIST) {
		for (size_t i = 0; i < val_list_len(v); i++)
			v.u.l->items[i] = fix_binary(a, v.u.l->items[i]);
		return v;
	}
	if (v.kind == VAL_MAP) {
		bool any = false;
		for (size_t i = 0; i < val_map_len(v); i++) {
			struct val_map_entry *e = &v.u.m->entries[i];
			e->v = fix_binary(a, e->v);
			if (!utf8_valid(e->key, e->klen))
				any = true;
		}
		if (any) {
			const uint32_t *o = val_map_order(a, v);
			val m = val_map_new(a, val_map_len(v));
			for (size_t i = 0; i < val_map_len(v); i++) {
				const struct val_map_entry *e = val_map_entry_at(v, o[i]);
				val k = fix_utf8(a, e->key, e->klen, &ch);
				val_map_set(a, m, k.u.s, k.len, e->v);
			}
			return m;
		}
	}
	return v;
}

static void collect_maps(val v, struct val_map ***maps, size_t *n, size_t *cap)
{
	if (v.kind == VAL_LIST) {
		for (size_t i = 0; i < val_list_len(v); i++)
			collect_maps(val_list_at(v, i), maps, n, cap);
	} else if (v.kind == VAL_MAP) {
		if (*n == *cap) {
			*cap = xgrow(*cap, *n + 1);
			*maps = xrealloc(*maps, *cap * sizeof(**maps));
		}
		(*maps)[(*n)++] = v.u.m;
		for (size_t i = 0; i < val_map_len(v); i++)
			collect_maps(val_map_entry_at(v, i)->v, maps, n, cap);
	}
}

/* convertToJSONableObject's error for a nil or uint64 key still present. */
static int check_bad_keys(struct dec *d, val root)
{
	struct val_map **maps = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	collect_maps(root, &maps, &n, &cap);
	for (size_t b = 0; b < d->nbad && rc == 0; b++) {
		for (size_t i = 0; i < n; i++) {
			if (maps[i] != d->bad[b].m)
				continue;
			struct gval g;
			sb_adds(d->err, "unsupported map key of type: ");
			if (d->bad[b].is_null) {
				sb_adds(d->err, "%!s(<nil>), key: <nil>");
			} else {
				sb_adds(d->err, "uint64, key: 0x");
				strconv_format_uint(d->err, d->bad[b].u, 16);
			}
			sb_adds(d->err, ", value: ");
			gval_build(d, d->bad[b].vnode, &g);
			gval_print(d->err, &g, true);
			rc = -1;
			break;
		}
	}
	free(maps);
	return rc;
}

static const char *json_kind(val v)
{
	switch (v.kind) {
	case VAL_MAP:
		return "object";
	case VAL_LIST:
		return "array";
	case VAL_STRING:
		return "string";
	case VAL_BOOL:
		return "bool";
	default:
		return "number";
	}
}

int val_from_yaml(struct arena *a, const char *p, size_t n, enum val_yaml_target target, val *out,
		  struct sb *err)
{
	struct arena scratch = ARENA_INIT;
	struct dec d = { 0 };
	struct ynode *root;
	struct sb msg = SB_INIT;
	val v = val_null();
	int rc = -1;

	/* values files: plain block YAML needs no libyaml (yaml_fast.c) */
	if (target == VAL_YAML_MAP && yfast_decode_map(a, p, n, out))
		return 0;
	d.a = a;
	d.s = &scratch;
	d.err = &msg;
	*out = val_null();
	if (parse_document(&d, p, n, &root) < 0)
		goto convert_err;
	if (root) {
		d.decode_count = 1; /* the document node */
		if (dec_node(&d, root, &v) < 0)
			goto convert_err;
	}
	if (d.nbad && check_bad_keys(&d, v) < 0)
		goto convert_err;
	if (d.nonfinite) {
		const char *bad = find_nonfinite(a, v);
		if (bad) {
			sb_addf(&msg, "json: unsupported value: %s", bad);
			goto convert_err;
		}
	}
	if (d.binary)
		v = fix_binary(a, v);
	switch (target) {
	case VAL_YAML_ANY:
		break;
	case VAL_YAML_MAP:
		if (v.kind == VAL_NULL) {
			v = val_map_new(a, 0); /* Go: nil map; Helm treats it as empty */
		} else if (v.kind != VAL_MAP) {
			sb_addf(err, "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s "
				     "into Go value of type map[string]interface {}", json_kind(v));
			goto out;
		}
		break;
	case VAL_YAML_LIST:
		if (v.kind != VAL_NULL && v.kind != VAL_LIST) {
			sb_addf(err, "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s "
				     "into Go value of type []interface {}", json_kind(v));
			goto out;
		}
		break;
	}
	*out = v;
	rc = 0;
	goto out;
convert_err:
	sb_adds(err, "error converting YAML to JSON: ");
	sb_add(err, msg.buf, msg.len);
out:
	sb_release(&msg);
	free(d.bad);
	arena_free(&scratch);
	return rc;
}
