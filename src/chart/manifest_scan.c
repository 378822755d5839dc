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

/* The reader's character check (yaml_parser_update_buffer): valid UTF-8,
 * printable.  Stricter here: no CR, NEL, LS, PS or BOM, which the scanners
 * treat specially.  Tabs and newlines pass. */
static bool text_ok(const unsigned char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	size_t i = 0;
	while (i < n) {
		if (n - i >= 8) { /* eight printable ASCII bytes at once */
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (!(((w - 0x20 * ones) | w | (w + ones)) & highs)) {
				i += 8;
				continue;
			}
		}
		unsigned char c = s[i];
		if ((c >= 0x20 && c < 0x7f) || c == '\n' || c == '\t') {
			i++;
			continue;
		}
		if (c < 0xc2 || c > 0xf4)
			return false; /* control, DEL, continuation byte, overlong */
		uint32_t cp;
		size_t w = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
		if (i + w > n)
			return false;
		cp = c & (0x7f >> w);
		for (size_t k = 1; k < w; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if ((w == 3 && cp < 0x800) || (w == 4 && (cp < 0x10000 || cp > 0x10ffff)))
			return false;
		if (cp < 0xa0 || (cp >= 0xd800 && cp < 0xe000) || cp == 0xfeff || cp == 0xfffe || cp == 0xffff ||
		    cp == 0x2028 || cp == 0x2029)
			return false;
		i += w;
	}
	return true;
}

static bool is_dash(const char *c, const char *eol)
{
	return c < eol && c[0] == '-' && (c + 1 == eol || c[1] == ' ');
}

static const char *skip_spaces(const char *p, const char *eol)
{
	while (eol - p >= 8) { /* deep indentation: eight at a time */
		uint64_t w;
		memcpy(&w, p, 8);
		if (w != 0x2020202020202020u)
			break;
		p += 8;
	}
	while (p < eol && *p == ' ')
		p++;
	return p;
}

/* After a scalar or block scalar header: only spaces, then the end of the
 * line or a comment. */
static bool rest_ok(const char *p, const char *eol)
{
	const char *q = skip_spaces(p, eol);
	return q == eol || (*q == '#' && q > p);
}

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

/* The bytes plain scalars and keys are scanned for. */
static const unsigned char plain_stop[256] = { ['\t'] = 1, [':'] = 1, ['#'] = 1 };

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

/* The plain text from p to the end of the line or a comment: false on
 * ": " (mapping value in a scalar), a final ':', or a tab. */
static bool plain_text(const char *p, const char *eol, const char **end, bool *comment)
{
	const char *q = p;
	*comment = false;
	for (; q < eol; q++) {
		if (!plain_stop[(unsigned char)*q])
			continue;
		if (*q == '\t')
			return false;
		if (*q == ':' && (q + 1 == eol || q[1] == ' '))
			return false;
		if (*q == '#' && q > p && q[-1] == ' ') {
			*comment = true;
			break;
		}
	}
	while (q > p && q[-1] == ' ')
		q--;
	*end = q;
	return true;
}

static bool word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
	       c == '/' || c == '-';
}

/* A one-line flow sequence at p ('['): its items are quoted scalars, flow
 * sequences or words (letters, digits, _ . / -), where libyaml's and
 * go-yaml's flow scanners agree.  The end is *end, just past ']'. */
static bool flow_seq(const char *p, const char *eol, const char **end, int depth)
{
	if (depth > 16)
		return false;
	p = skip_spaces(p + 1, eol);
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
			if (*p == '-' && (p + 1 == eol || !word_char(p[1]) || p[1] == '-'))
				return false;
			while (p < eol && word_char(*p))
				p++;
			if (p == w || nonfinite(w, p))
				return false;
		}
		p = skip_spaces(p, eol);
		if (p < eol && *p == ']') {
			*end = p + 1;
			return true;
		}
		if (p == eol || *p != ',')
			return false;
		p = skip_spaces(p + 1, eol);
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
		if (!rest_ok(v, eol))
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
		return rest_ok(close + 1, eol);
	}
	case '[':
		return flow_seq(v, eol, &e, 0) && rest_ok(e, eol);
	case '{':
		return v + 1 < eol && v[1] == '}' && rest_ok(v + 2, eol);
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
	if (!plain_text(v, eol, &e, &comment) || nonfinite(v, e) || (e - v == 2 && memcmp(v, "<<", 2) == 0))
		return false;
	s->open_plain = !comment;
	return true;
}

static bool key_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
	       c == '/' || c == '$' || c >= 0x80;
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
	if (!key_start((unsigned char)*p))
		return 0;
	for (q = p; q < eol; q++) {
		if (!plain_stop[(unsigned char)*q])
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
	const char *v = skip_spaces(after, s->eol);
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
		const char *p = skip_spaces(c + 1, s->eol);
		if (p == s->eol || *p == '#') {
			s->pending = P_ITEM;
			return true;
		}
		int col = (int)(p - s->line);
		if (is_dash(p, s->eol)) {
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
		if (s->depth == 0 && !s->started && c[0] == '-' && skip_spaces(c + 3, eol) == eol) {
			s->started = true;
			return true;
		}
		return false;
	}
	s->started = true;
	if (s->pending != P_NONE) {
		const struct level *t = &s->st[s->depth - 1];
		bool dash = is_dash(c, eol);
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
		if (is_dash(c, eol))
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
	return rest_ok(close + 1, s->eol);
}

bool manifest_head_scan(const char *doc, size_t n, struct sb *out)
{
	struct scan *s;
	bool ok = false;
	if (!text_ok((const unsigned char *)doc, n))
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
		const char *c = skip_spaces(line, eol);
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
			if (!plain_text(c, eol, &e, &comment) || comment)
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
