/* yaml_fast.c — the fast path of val_from_yaml for values files (target
 * map).  libyaml re-validates and copies every byte and scans a character at
 * a time; values files are mostly comments and simple "key: value" lines.
 * This line scanner accepts only plain block YAML whose go-yaml v2 events it
 * can prove (the rules of scannerc.go it relies on are named below), builds
 * the value as yaml_decode.c would (same resolver, same key conversion, same
 * float64 numbers, same key order) and declines anything else, or any doubt,
 * so the full decoder runs: never a different value, never an error. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/hex.h"
#include "base/sb.h"
#include "base/strconv.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "value/yaml_fast.h"
#include "value/yaml_lines.h"
#include "value/yaml_resolve.h"

/* Deeper documents go the full way (go-yaml's limit is 10000). */
#define YF_MAX_DEPTH 256
/* go-yaml drops a simple key candidate 1024 characters after its start. */
#define YF_MAX_KEY 1000

enum { L_MAP, L_SEQ };
enum { P_NONE, P_KEY, P_ITEM };

struct level {
	int col;
	uint8_t kind;
	bool indentless; /* a sequence at its parent key's column */
	val c;           /* the map or list */
};

struct yf {
	struct arena *a;
	const char *line, *eol, *end;
	struct level st[YF_MAX_DEPTH];
	int depth;
	int pending;         /* the last key or "-" has its value on later lines */
	const char *pk;      /* P_KEY: that key, converted */
	size_t pkn;
	bool open_plain;     /* a plain scalar that more-indented lines would continue */
	bool started;        /* a node or "---" has been seen */
	bool root_flow;      /* the document was "{}" */
	/* a literal or folded block scalar (scan_block_scalar) */
	bool in_block;
	bool literal;
	int chomp;           /* -1 strip, 0 clip, +1 keep */
	int block_parent;    /* the enclosing collection's column (parser->indent) */
	int block_indent;    /* content indentation, 0 while not known */
	int block_blank;     /* widest leading blank line */
	bool lead_break;     /* leading_break holds a "\n" */
	size_t trail;        /* trailing_breaks: that many "\n" */
	bool lead_blank;     /* the last content line started with a blank */
	val *slot;           /* where the scalar goes when it ends */
	struct sb buf;
	struct sb tmp;
};

/* A quoted scalar from p (just after the opening quote) to its closing quote
 * on this line: 1 closed (*close at the quote), 0 runs on to the next line
 * or has an escape we leave to the full decoder ("\/" and "\'" are where
 * go-yaml and libyaml differ). */
static int quoted(const char *p, const char *eol, char q, const char **close)
{
	for (; p < eol; p++) {
		if (*p == q) {
			if (q == '\'' && p + 1 < eol && p[1] == '\'') {
				p++;
				continue;
			}
			*close = p;
			return 1;
		}
		if (q == '"' && *p == '\\') {
			if (p + 1 == eol || !p[1] || !memchr("0abtnvfre \"\\N_LPxuU", p[1], 19))
				return 0;
			p++;
		}
	}
	return 0;
}


/* The text of the one-line quoted scalar [p, close) (quotes excluded) in the
 * arena, escapes applied as scan_flow_scalar does; false on a bad escape. */
static bool quoted_text(struct yf *y, const char *p, const char *close, char q, const char **s, size_t *n)
{
	const char *e = memchr(p, q == '"' ? '\\' : '\'', (size_t)(close - p));
	struct sb *b = &y->tmp;

	if (!e) {
		*s = arena_memdup(y->a, p, (size_t)(close - p));
		*n = (size_t)(close - p);
		return true;
	}
	sb_reset(b);
	while (p < close) {
		if (q == '\'') {
			if (*p == '\'')
				p++; /* '' is one quote */
			sb_addc(b, *p++);
			continue;
		}
		if (*p != '\\') {
			sb_addc(b, *p++);
			continue;
		}
		int len = 0;
		switch (p[1]) {
		case '0': sb_addc(b, '\0'); break;
		case 'a': sb_addc(b, '\a'); break;
		case 'b': sb_addc(b, '\b'); break;
		case 't': sb_addc(b, '\t'); break;
		case 'n': sb_addc(b, '\n'); break;
		case 'v': sb_addc(b, '\v'); break;
		case 'f': sb_addc(b, '\f'); break;
		case 'r': sb_addc(b, '\r'); break;
		case 'e': sb_addc(b, '\x1b'); break;
		case ' ': sb_addc(b, ' '); break;
		case '"': sb_addc(b, '"'); break;
		case '\\': sb_addc(b, '\\'); break;
		case 'N': sb_add(b, "\xc2\x85", 2); break;
		case '_': sb_add(b, "\xc2\xa0", 2); break;
		case 'L': sb_add(b, "\xe2\x80\xa8", 3); break;
		case 'P': sb_add(b, "\xe2\x80\xa9", 3); break;
		case 'x': len = 2; break;
		case 'u': len = 4; break;
		case 'U': len = 8; break;
		default: return false;
		}
		p += 2;
		if (len) {
			uint32_t cp = 0;
			if (close - p < len)
				return false;
			for (int i = 0; i < len; i++) {
				int h = hex_val((unsigned char)p[i]);
				if (h < 0)
					return false;
				cp = cp << 4 | (uint32_t)h;
			}
			if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
				return false;
			char u[4];
			sb_add(b, u, utf8_encode((int32_t)cp, u));
			p += len;
		}
	}
	*s = arena_memdup(y->a, b->buf, b->len);
	*n = b->len;
	return true;
}

/* A plain scalar as decode.go gives it to an interface{} and JSON turns it:
 * numbers float64, timestamps their text.  False for what json.Marshal
 * refuses (NaN, Inf). */
static bool plain_value(struct yf *y, const char *p, size_t n, val *out)
{
	struct yaml_resolved r;

	yaml_resolve_plain(p, n, &r);
	switch (r.tag) {
	case YAML_R_NULL:
		*out = val_null();
		return true;
	case YAML_R_BOOL:
		*out = val_bool(r.b);
		return true;
	case YAML_R_INT:
		*out = val_float((double)r.i);
		return true;
	case YAML_R_UINT:
		*out = val_float((double)r.u);
		return true;
	case YAML_R_FLOAT:
		if (!isfinite(r.f))
			return false;
		*out = val_float(r.f);
		return true;
	case YAML_R_STR:
	case YAML_R_TIMESTAMP:
		*out = val_str(y->a, p, n);
		return true;
	default:
		return false;
	}
}

/* Put v into the collection on top of the stack (under the pending key for
 * a map); *slot (if asked) is where it now lives.  A key seen before: go-yaml
 * keeps the last value (in the first one's place, as yaml_decode.c has it)
 * when both keys were strings; a text an int or bool key could have written
 * may be two different Go keys, which JSON conversion meets in random map
 * order: false, the full decoder's business. */
static bool place(struct yf *y, val v, val **slot)
{
	struct level *t = &y->st[y->depth - 1];

	if (t->kind == L_SEQ) {
		val_list_push(y->a, t->c, v);
		if (slot)
			*slot = &t->c.u.l->items[t->c.u.l->len - 1];
		return true;
	}
	uint32_t before = t->c.u.m->len;
	val_map_set(y->a, t->c, y->pk, y->pkn, v);
	if (t->c.u.m->len == before) {
		struct yaml_resolved r;
		yaml_resolve_plain(y->pk, y->pkn, &r);
		if (r.tag != YAML_R_STR && r.tag != YAML_R_TIMESTAMP)
			return false;
		if (slot)
			*slot = val_map_ref(t->c, y->pk, y->pkn);
		return true;
	}
	if (slot)
		*slot = &t->c.u.m->entries[before].v;
	return true;
}

/* A new collection at column col as the value of what is pending. */
static bool push(struct yf *y, int col, int kind, bool indentless)
{
	val c = kind == L_MAP ? val_map_new(y->a, 0) : val_list_new(y->a, 0);

	if (y->depth == YF_MAX_DEPTH)
		return false;
	if (y->depth && !place(y, c, NULL))
		return false;
	y->st[y->depth++] = (struct level){ col, (uint8_t)kind, indentless, c };
	return true;
}

/* A one-line flow sequence at p ('['), its end (just past ']') in *end.
 * Items are quoted scalars, flow sequences and words (letters, digits,
 * _ . / -) only: there libyaml's flow scanner and go-yaml's agree (they
 * differ on '?' and on ':' before , [ ] { } in plain scalars, and on tags). */
static bool flow_seq(struct yf *y, const char *p, const char **end, int depth, val *out)
{
	const char *eol = y->eol;
	val l = val_list_new(y->a, 0), x;

	if (depth > 16)
		return false;
	*out = l;
	p = yl_skip_spaces(p + 1, eol);
	if (p < eol && *p == ']') {
		*end = p + 1;
		return true;
	}
	for (;;) {
		const char *close, *w = p, *s;
		size_t n;
		if (p == eol)
			return false;
		if (*p == '[') {
			if (!flow_seq(y, p, &p, depth + 1, &x))
				return false;
		} else if (*p == '"' || *p == '\'') {
			if (quoted(p + 1, eol, *p, &close) != 1 || !quoted_text(y, p + 1, close, *p, &s, &n))
				return false;
			x = val_str_ref(s, n);
			p = close + 1;
		} else {
			if (*p == '-' && (p + 1 == eol || !yl_word_char(p[1]) || p[1] == '-'))
				return false;
			while (p < eol && yl_word_char(*p))
				p++;
			if (p == w || !plain_value(y, w, (size_t)(p - w), &x))
				return false;
		}
		val_list_push(y->a, l, x);
		p = yl_skip_spaces(p, eol);
		if (p < eol && *p == ']') {
			*end = p + 1;
			return true;
		}
		if (p == eol || *p != ',')
			return false;
		p = yl_skip_spaces(p + 1, eol);
	}
}

/* "{}" (maybe "{ }") and yl_rest_ok after it. */
static bool empty_map(const char *v, const char *eol)
{
	const char *p = yl_skip_spaces(v + 1, eol);
	return p < eol && *p == '}' && yl_rest_ok(p + 1, eol);
}

/* A value on the line at v (first non-space after "key:" or "- "). */
static bool value(struct yf *y, const char *v)
{
	const char *eol = y->eol, *close, *e;
	bool comment;
	val x;

	switch (*v) {
	case '|':
	case '>':
		y->literal = *v == '|';
		y->chomp = 0;
		v++;
		if (v < eol && (*v == '-' || *v == '+'))
			y->chomp = *v++ == '-' ? -1 : 1;
		/* an indentation indicator is left to the full decoder */
		if (!yl_rest_ok(v, eol) || !place(y, val_null(), &y->slot))
			return false;
		y->in_block = true;
		y->block_parent = y->st[y->depth - 1].col;
		y->block_indent = 0;
		y->block_blank = 0;
		y->lead_break = false;
		y->trail = 0;
		y->lead_blank = false;
		sb_reset(&y->buf);
		return true;
	case '\'':
	case '"': {
		const char *s;
		size_t n;
		if (quoted(v + 1, eol, *v, &close) != 1 || !yl_rest_ok(close + 1, eol) ||
		    !quoted_text(y, v + 1, close, *v, &s, &n))
			return false;
		return place(y, val_str_ref(s, n), NULL);
	}
	case '[':
		return flow_seq(y, v, &e, 0, &x) && yl_rest_ok(e, eol) && place(y, x, NULL);
	case '{':
		return empty_map(v, eol) && place(y, val_map_new(y->a, 0), NULL);
	case '-':
	case '?':
	case ':':
		if (v + 1 == eol || v[1] == ' ' || v[1] == '\t')
			return false;
		break;
	case '&': case '*': case '!': case '%': case '@': case '`': case ',': case ']': case '}': case '#':
	case '\t':
		return false;
	}
	if (!yl_plain_text(v, eol, &e, &comment) || !plain_value(y, v, (size_t)(e - v), &x))
		return false;
	y->open_plain = !comment;
	return place(y, x, NULL);
}

/* A mapping key at p: 1 with *after just past its ':' and the key as
 * convertToJSONableObject makes it in *kp, 0 not a key, -1 give up. */
static int key(struct yf *y, const char *p, const char **after, const char **kp, size_t *kn)
{
	const char *eol = y->eol, *q, *e;
	struct yaml_resolved r;

	if (*p == '"' || *p == '\'') {
		const char *close;
		if (quoted(p + 1, eol, *p, &close) != 1)
			return -1;
		if (close + 1 < eol && close[1] == ':' && (close + 2 == eol || close[2] == ' ')) {
			if (close - p > YF_MAX_KEY || !quoted_text(y, p + 1, close, *p, kp, kn))
				return -1;
			*after = close + 2;
			return 1;
		}
		return 0;
	}
	if (!yl_key_start((unsigned char)*p))
		return 0;
	for (q = p; q < eol; q++) {
		if (!yl_plain_stop[(unsigned char)*q])
			continue;
		if (*q == '\t')
			return -1;
		if (*q == '#' && q[-1] == ' ')
			return 0;
		if (*q == ':' && (q + 1 == eol || q[1] == ' '))
			break;
	}
	if (q == eol)
		return 0;
	if (q - p > YF_MAX_KEY)
		return -1;
	e = q;
	while (e > p && e[-1] == ' ')
		e--;
	*after = q + 1;
	/* decode.go resolves the key; convertToJSONableObject spells it */
	yaml_resolve_plain(p, (size_t)(e - p), &r);
	switch (r.tag) {
	case YAML_R_STR:
	case YAML_R_TIMESTAMP:
		*kp = arena_memdup(y->a, p, (size_t)(e - p));
		*kn = (size_t)(e - p);
		return 1;
	case YAML_R_BOOL:
		*kp = r.b ? "true" : "false";
		*kn = r.b ? 4 : 5;
		return 1;
	case YAML_R_INT:
		sb_reset(&y->tmp);
		strconv_format_int(&y->tmp, r.i, 10);
		*kp = arena_memdup(y->a, y->tmp.buf, y->tmp.len);
		*kn = y->tmp.len;
		return 1;
	default: /* null and uint64 keys fail in JSON, floats: float32 text */
		return -1;
	}
}

/* What follows "key:" (after), the key in y->pk. */
static bool key_rest(struct yf *y, const char *after)
{
	const char *v = yl_skip_spaces(after, y->eol);
	if (v == y->eol || *v == '#') {
		y->pending = P_KEY;
		return true;
	}
	return value(y, v);
}

/* "key: ..." at p in the mapping on top of the stack. */
static bool key_line(struct yf *y, const char *p)
{
	const char *after;

	return key(y, p, &after, &y->pk, &y->pkn) == 1 && key_rest(y, after);
}

/* "-" at c in the sequence on top of the stack, maybe "- - key: v". */
static bool item(struct yf *y, const char *c)
{
	for (;;) {
		const char *p = yl_skip_spaces(c + 1, y->eol), *after, *kp;
		size_t kn;
		if (p == y->eol || *p == '#') {
			y->pending = P_ITEM;
			return true;
		}
		int col = (int)(p - y->line);
		if (yl_is_dash(p, y->eol)) {
			if (!push(y, col, L_SEQ, false))
				return false;
			c = p;
			continue;
		}
		int k = key(y, p, &after, &kp, &kn);
		if (k < 0)
			return false;
		if (k == 0)
			return value(y, p);
		if (!push(y, col, L_MAP, false))
			return false;
		y->pk = kp, y->pkn = kn;
		return key_rest(y, after);
	}
}

/* The pending key or "-" gets its value from this line (indentation ind,
 * text at c): a collection starting here, a node alone on the line, or
 * null.  1 the line is done, 0 go on with it as structure, -1 decline. */
static int resolve_pending(struct yf *y, int ind, const char *c)
{
	const struct level *t = &y->st[y->depth - 1];
	int p = y->pending;
	bool dash = yl_is_dash(c, y->eol);

	y->pending = P_NONE;
	if (ind > t->col) {
		const char *after, *kp;
		size_t kn;
		if (dash)
			return push(y, ind, L_SEQ, false) ? 0 : -1;
		int k = key(y, c, &after, &kp, &kn);
		if (k < 0)
			return -1;
		if (k == 0) /* "key:\n  {}": the value on a line of its own */
			return value(y, c) ? 1 : -1;
		if (!push(y, ind, L_MAP, false))
			return -1;
		y->pk = kp, y->pkn = kn;
		return key_rest(y, after) ? 1 : -1;
	}
	if (p == P_KEY && ind == t->col && dash)
		return push(y, ind, L_SEQ, true) ? 0 : -1;
	return place(y, val_null(), NULL) ? 0 : -1;
}

/* One line of structure (not blank, not a comment) at indentation ind. */
static bool structure(struct yf *y, int ind, const char *c)
{
	const char *eol = y->eol;

	if (ind == 0 && (*c == '%' || ((eol - c == 3 || (eol - c > 3 && (c[3] == ' ' || c[3] == '\t'))) &&
				       (memcmp(c, "---", 3) == 0 || memcmp(c, "...", 3) == 0)))) {
		/* only a bare "---" opening the document */
		if (y->depth == 0 && !y->started && c[0] == '-' && yl_skip_spaces(c + 3, eol) == eol) {
			y->started = true;
			return true;
		}
		return false;
	}
	if (y->root_flow)
		return false;
	if (y->depth == 0 && *c == '{' && ind == 0) {
		/* the whole document "{}" */
		y->started = y->root_flow = true;
		return empty_map(c, eol);
	}
	y->started = true;
	if (y->pending != P_NONE) {
		int r = resolve_pending(y, ind, c);
		if (r != 0)
			return r > 0;
	}
	while (y->depth && y->st[y->depth - 1].col > ind)
		y->depth--;
	if (y->depth == 0) {
		/* the root: a block mapping at column 0, opened once */
		if (ind != 0 || !push(y, 0, L_MAP, false))
			return false;
	}
	struct level *t = &y->st[y->depth - 1];
	if (t->col != ind)
		return false;
	if (t->kind == L_SEQ) {
		if (yl_is_dash(c, eol))
			return item(y, c);
		if (!t->indentless)
			return false;
		y->depth--; /* the key after an indentless sequence */
	}
	return key_line(y, c);
}

/* The block scalar is complete: chomping, then its value in place. */
static void block_end(struct yf *y)
{
	if (y->chomp >= 0 && y->lead_break)
		sb_addc(&y->buf, '\n');
	if (y->chomp > 0)
		sb_addrep(&y->buf, '\n', y->trail);
	*y->slot = val_str(y->a, y->buf.buf, y->buf.len);
	y->in_block = false;
}

/* A content line of the block scalar, text [p, eol) after the indentation;
 * scan_block_scalar's loop body. */
static void block_content(struct yf *y, const char *p, bool nl)
{
	bool trailing_blank = *p == ' ' || *p == '\t';

	if (!y->literal && y->lead_break && !y->lead_blank && !trailing_blank) {
		if (y->trail == 0)
			sb_addc(&y->buf, ' ');
	} else if (y->lead_break) {
		sb_addc(&y->buf, '\n');
	}
	sb_addrep(&y->buf, '\n', y->trail);
	y->trail = 0;
	y->lead_blank = trailing_blank;
	sb_add(&y->buf, p, (size_t)(y->eol - p));
	y->lead_break = nl;
}

/* A line while in a block scalar (ind spaces, then c): 1 it belongs to the
 * scalar, 0 the scalar has ended before it, -1 decline. */
static int block_line(struct yf *y, int ind, const char *c, bool nl)
{
	if (y->block_indent == 0) {
		/* scan_block_scalar_breaks before the first content line: every
		 * space is indentation, a tab an error */
		if (c == y->eol) {
			if (!nl)
				return 1; /* spaces at the end of the input */
			if (ind > y->block_blank)
				y->block_blank = ind;
			y->trail++;
			return 1;
		}
		if (*c == '\t')
			return -1;
		int indent = y->block_blank > ind ? y->block_blank : ind;
		if (indent < y->block_parent + 1)
			indent = y->block_parent + 1;
		if (ind < indent) {
			/* no content: a more indented blank line above it is
			 * left to the full decoder */
			if (y->block_blank > ind && ind > y->block_parent)
				return -1;
			return 0;
		}
		y->block_indent = indent;
		block_content(y, c, nl);
		return 1;
	}
	if (ind < y->block_indent) {
		if (c == y->eol) {
			if (nl)
				y->trail++;
			return 1;
		}
		if (*c == '\t')
			return -1;
		return 0;
	}
	const char *p = y->line + y->block_indent;
	if (p == y->eol) {
		if (nl)
			y->trail++;
		return 1;
	}
	block_content(y, p, nl);
	return 1;
}

static bool scan(struct yf *y, const char *doc, size_t n)
{
	const char *end = doc + n;

	y->end = end;
	for (const char *line = doc, *next; line < end; line = next) {
		const char *eol = memchr(line, '\n', (size_t)(end - line));
		if (!eol)
			eol = end;
		next = eol < end ? eol + 1 : end;
		y->line = line, y->eol = eol;
		const char *c = yl_skip_spaces(line, eol);
		int ind = (int)(c - line);
		if (y->in_block) {
			int r = block_line(y, ind, c, eol < end);
			if (r < 0)
				return false;
			if (r > 0)
				continue;
			block_end(y);
		}
		if (c == eol)
			continue; /* blank */
		if (*c == '\t')
			return false;
		if (*c == '#') {
			y->open_plain = false;
			continue;
		}
		if (y->open_plain && y->depth && ind > y->st[y->depth - 1].col)
			return false; /* a multi-line plain scalar */
		y->open_plain = false;
		if (!structure(y, ind, c))
			return false;
	}
	if (y->in_block)
		block_end(y);
	if (y->pending != P_NONE && !place(y, val_null(), NULL))
		return false;
	return true;
}

bool yfast_decode_map(struct arena *a, const char *p, size_t n, val *out)
{
	struct yf *y;
	bool ok;

	if (!yl_text_ok((const unsigned char *)p, n))
		return false;
	y = xcalloc(1, sizeof(*y));
	y->a = a;
	sb_init(&y->buf);
	sb_init(&y->tmp);
	ok = scan(y, p, n);
	if (ok)
		*out = y->depth ? y->st[0].c : val_map_new(a, 0);
	sb_release(&y->buf);
	sb_release(&y->tmp);
	free(y);
	return ok;
}
