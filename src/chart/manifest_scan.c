/* manifest_scan.c — the fast path of manifest_head_decode.  Helm 3.17.3
 * decodes every rendered document in full (sigs.k8s.io/yaml: go-yaml v2,
 * then JSON) only to read SimpleHead; for CRDs that is megabytes of YAML.
 * This line scanner accepts only documents in the plain block style that it
 * can prove go-yaml parses and converts to JSON without error, and copies
 * out the top-level entries SimpleHead reads (apiVersion, kind, metadata in
 * any letter case).  Anything else, or any doubt: false, the full decode. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "chart/manifest.h"
#include "value/yaml_lines.h"

/* Deeper documents go the full way (go-yaml's limit is 10000). */
#define SCAN_MAX_DEPTH 256
/* libyaml/go-yaml drop a simple key candidate after 1024 characters. */
#define SCAN_MAX_KEY 1000

enum { L_MAP, L_SEQ };
enum { P_NONE, P_KEY, P_ITEM };

struct level {
	int col;
	uint8_t kind;
	bool indentless; /* a sequence at its parent key's column */
};

struct scan {
	const char *doc, *line, *eol;
	struct level st[SCAN_MAX_DEPTH];
	int depth;
	int pending;      /* the last key or "-" has its value on later lines */
	bool open_plain;  /* a plain scalar that more-indented lines continue */
	char open_quote;  /* a quoted scalar runs on into the next line */
	bool in_block;    /* inside a literal or folded block scalar */
	int block_parent; /* its parent's indentation */
	int block_indent; /* its content's indentation (0: not known yet) */
	int block_blank;  /* widest leading blank line */
	const char *span; /* the current top-level entry */
	bool keep;        /* ... is one SimpleHead reads */
	bool started;     /* a node or "---" has been seen */
	struct sb *out;
};

/* A quoted scalar from p (just after the opening quote) to its end on
 * this line: 1 closed (*close at the closing quote), 0 runs on, -1 an
 * escape that might not be go-yaml's (or libyaml's). */
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
			if (p + 1 == eol)
				return 0; /* escaped line break */
			if (!memchr("0abtnvfre \"\\N_LP", p[1], 17) || p[1] == 0)
				return -1;
			p++;
		}
	}
	return 0;
}

/* Plain scalar text [p, e) resolving to a non-finite float: json.Marshal
 * would fail (or SimpleHead coerce it). */
static bool nonfinite(const char *p, const char *e)
{
	if (p < e && (*p == '+' || *p == '-'))
		p++;
	size_t n = (size_t)(e - p);
	if (n != 4 || p[0] != '.')
		return false;
	return memcmp(p + 1, "inf", 3) == 0 || memcmp(p + 1, "Inf", 3) == 0 || memcmp(p + 1, "INF", 3) == 0 ||
	       memcmp(p + 1, "nan", 3) == 0 || memcmp(p + 1, "NaN", 3) == 0 || memcmp(p + 1, "NAN", 3) == 0;
}

/* A one-line flow sequence at p ('['): its items are quoted scalars, flow
 * sequences or words (letters, digits, _ . / -), where libyaml's and
 * go-yaml's flow scanners agree.  The end is *end, just past ']'. */
static bool flow_seq(const char *p, const char *eol, const char **end, int depth)
{
	if (depth > 16)
		return false;
	p = yl_skip_spaces(p + 1, eol);
	if (p < eol && *p == ']') {
		*end = p + 1;
		return true;
	}
	for (;;) {
		const char *close, *w = p;
		if (p == eol)
			return false;
		if (*p == '[') {
			if (!flow_seq(p, eol, &p, depth + 1))
				return false;
		} else if (*p == '"' || *p == '\'') {
			if (quoted(p + 1, eol, *p, &close) != 1)
				return false;
			p = close + 1;
		} else {
			if (*p == '-' && (p + 1 == eol || !yl_word_char(p[1]) || p[1] == '-'))
				return false;
			while (p < eol && yl_word_char(*p))
				p++;
			if (p == w || nonfinite(w, p))
				return false;
		}
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

/* A value on the line at v (first non-space after "key:" or "- "). */
static bool value(struct scan *s, const char *v)
{
	const char *eol = s->eol, *close, *e;
	bool comment;
	switch (*v) {
	case '|':
	case '>':
		v++;
		if (v < eol && (*v == '-' || *v == '+'))
			v++;
		if (!yl_rest_ok(v, eol))
			return false;
		s->in_block = true;
		s->block_parent = s->st[s->depth - 1].col;
		s->block_indent = 0;
		s->block_blank = 0;
		return true;
	case '\'':
	case '"': {
		int r = quoted(v + 1, eol, *v, &close);
		if (r < 0)
			return false;
		if (r == 0) {
			s->open_quote = *v;
			return true;
		}
		return yl_rest_ok(close + 1, eol);
	}
	case '[':
		return flow_seq(v, eol, &e, 0) && yl_rest_ok(e, eol);
	case '{':
		return v + 1 < eol && v[1] == '}' && yl_rest_ok(v + 2, eol);
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
	if (!yl_plain_text(v, eol, &e, &comment) || nonfinite(v, e) || (e - v == 2 && memcmp(v, "<<", 2) == 0))
		return false;
	s->open_plain = !comment;
	return true;
}

static bool null_key(const char *p, size_t n)
{
	return (n == 1 && *p == '~') || (n == 4 && (memcmp(p, "null", 4) == 0 || memcmp(p, "Null", 4) == 0 ||
						    memcmp(p, "NULL", 4) == 0));
}

/* A mapping key at p: 1 with *after just past its ':' (and the key's text
 * in [*kb, *ke)), 0 not a key (a scalar), -1 give up. */
static int key(const char *p, const char *eol, const char **after, const char **kb, const char **ke)
{
	const char *q;
	if (*p == '"' || *p == '\'') {
		const char *close;
		int r = quoted(p + 1, eol, *p, &close);
		if (r <= 0)
			return r;
		if (close + 1 < eol && close[1] == ':' && (close + 2 == eol || close[2] == ' ')) {
			if (close - p > SCAN_MAX_KEY)
				return -1;
			*kb = p, *ke = close + 1, *after = close + 2;
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
	const char *e = q;
	while (e > p && e[-1] == ' ')
		e--;
	if (q - p > SCAN_MAX_KEY || null_key(p, (size_t)(e - p)) || nonfinite(p, e))
		return -1;
	*kb = p, *ke = e, *after = q + 1;
	return 1;
}

static bool push(struct scan *s, int col, int kind, bool indentless)
{
	if (s->depth == SCAN_MAX_DEPTH)
		return false;
	s->st[s->depth++] = (struct level){ col, (uint8_t)kind, indentless };
	return true;
}

static bool fold_is(const char *p, const char *e, const char *lit)
{
	size_t n = strlen(lit);
	if ((size_t)(e - p) != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != lit[i])
			return false;
	}
	return true;
}

/* "key: ..." at p in the mapping on top of the stack. */
static bool key_line(struct scan *s, const char *p)
{
	const char *after, *kb, *ke;
	if (key(p, s->eol, &after, &kb, &ke) != 1)
		return false;
	if (s->depth == 1) { /* a top-level entry starts: close the last one */
		if (*kb == '"' || *kb == '\'')
			return false;
		for (const char *c = kb; c < ke; c++)
			if ((unsigned char)*c >= 0x80)
				return false;
		if (s->span && s->keep)
			sb_add(s->out, s->span, (size_t)(s->line - s->span));
		s->span = s->line;
		s->keep = fold_is(kb, ke, "apiversion") || fold_is(kb, ke, "kind") || fold_is(kb, ke, "metadata");
	}
	const char *v = yl_skip_spaces(after, s->eol);
	if (v == s->eol || *v == '#') {
		s->pending = P_KEY;
		return true;
	}
	return value(s, v);
}

/* "-" at c in the sequence on top of the stack, maybe "- - key: v". */
static bool item(struct scan *s, const char *c)
{
	for (;;) {
		const char *p = yl_skip_spaces(c + 1, s->eol);
		if (p == s->eol || *p == '#') {
			s->pending = P_ITEM;
			return true;
		}
		int col = (int)(p - s->line);
		if (yl_is_dash(p, s->eol)) {
			if (!push(s, col, L_SEQ, false))
				return false;
			c = p;
			continue;
		}
		const char *after, *kb, *ke;
		int k = key(p, s->eol, &after, &kb, &ke);
		if (k < 0)
			return false;
		if (k == 1)
			return push(s, col, L_MAP, false) && key_line(s, p);
		return value(s, p);
	}
}

/* One line of structure (not blank, not a comment) at indentation ind. */
static bool structure(struct scan *s, int ind, const char *c)
{
	const char *eol = s->eol;
	if (ind == 0 && (*c == '%' || ((eol - c == 3 || (eol - c > 3 && (c[3] == ' ' || c[3] == '\t'))) &&
				       (memcmp(c, "---", 3) == 0 || memcmp(c, "...", 3) == 0)))) {
		/* a bare "---" opening the document (SplitManifests leaves the
		 * second of "---\n---" in): go-yaml reads the document after it */
		if (s->depth == 0 && !s->started && c[0] == '-' && yl_skip_spaces(c + 3, eol) == eol) {
			s->started = true;
			return true;
		}
		return false;
	}
	s->started = true;
	if (s->pending != P_NONE) {
		const struct level *t = &s->st[s->depth - 1];
		bool dash = yl_is_dash(c, eol);
		if (ind > t->col) {
			if (!push(s, ind, dash ? L_SEQ : L_MAP, false))
				return false;
		} else if (s->pending == P_KEY && ind == t->col && dash) {
			if (!push(s, ind, L_SEQ, true))
				return false;
		}
		s->pending = P_NONE;
	}
	while (s->depth && s->st[s->depth - 1].col > ind)
		s->depth--;
	if (s->depth == 0) {
		if (ind != 0 || !push(s, 0, L_MAP, false))
			return false;
	}
	struct level *t = &s->st[s->depth - 1];
	if (t->col != ind)
		return false;
	if (t->kind == L_SEQ) {
		if (yl_is_dash(c, eol))
			return item(s, c);
		if (!t->indentless)
			return false;
		s->depth--; /* the key after an indentless sequence */
	}
	return key_line(s, c);
}

/* A line of a block scalar: true when it belongs to the scalar. */
static bool block_line(struct scan *s, int ind, const char *c, bool *fail)
{
	if (s->block_indent == 0) {
		if (c == s->eol) {
			if (ind > s->block_blank)
				s->block_blank = ind;
			return true;
		}
		if (*c == '\t') {
			*fail = true;
			return true;
		}
		if (ind > s->block_parent) {
			if (s->block_blank > ind) {
				*fail = true;
				return true;
			}
			s->block_indent = ind;
			return true;
		}
	} else {
		if (ind >= s->block_indent || c == s->eol)
			return true;
		if (*c == '\t') {
			*fail = true;
			return true;
		}
	}
	s->in_block = false;
	return false;
}

/* A line continuing a quoted scalar. */
static bool quote_line(struct scan *s, int ind, const char *c)
{
	const char *close;
	if (c == s->eol)
		return true;
	if (*c == '\t' || ind <= s->st[s->depth - 1].col)
		return false;
	int r = quoted(c, s->eol, s->open_quote, &close);
	if (r < 0)
		return false;
	if (r == 0)
		return true;
	s->open_quote = 0;
	return yl_rest_ok(close + 1, s->eol);
}

bool manifest_head_scan(const char *doc, size_t n, struct sb *out)
{
	struct scan *s;
	bool ok = false;
	if (!yl_text_ok((const unsigned char *)doc, n))
		return false;
	s = xcalloc(1, sizeof(*s));
	s->doc = doc;
	s->out = out;
	const char *end = doc + n;
	for (const char *line = doc, *next; line < end; line = next) {
		const char *eol = memchr(line, '\n', (size_t)(end - line));
		if (!eol)
			eol = end;
		next = eol < end ? eol + 1 : end;
		s->line = line, s->eol = eol;
		const char *c = yl_skip_spaces(line, eol);
		int ind = (int)(c - line);
		if (s->in_block) {
			bool fail = false;
			if (block_line(s, ind, c, &fail)) {
				if (fail)
					goto out;
				continue;
			}
		}
		if (s->open_quote) {
			if (!quote_line(s, ind, c))
				goto out;
			continue;
		}
		if (c == eol)
			continue; /* blank */
		if (*c == '\t')
			goto out;
		if (*c == '#') {
			s->open_plain = false;
			continue;
		}
		if (s->open_plain && s->depth && ind > s->st[s->depth - 1].col) {
			const char *e;
			bool comment;
			if (!yl_plain_text(c, eol, &e, &comment) || comment)
				goto out;
			continue;
		}
		s->open_plain = false;
		if (!structure(s, ind, c))
			goto out;
	}
	if (s->open_quote || s->depth == 0)
		goto out;
	if (s->span && s->keep)
		sb_add(out, s->span, (size_t)(end - s->span));
	ok = true;
out:
	free(s);
	return ok;
}
