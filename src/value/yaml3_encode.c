/* yaml3_encode.c — val_to_yaml3: sigs.k8s.io/yaml v1.4.0's goyaml.v3 (a fork
 * of gopkg.in/yaml.v3 v3.0.1) Encoder with SetIndent(n), as Helm 3.17.3's
 * toYamlPretty uses it.  Unlike toYaml there is no JSON round trip: the value
 * itself is walked (encode.go marshal), and the bytes are those of v3's
 * emitterc.go, whose indentation, quoting fallbacks and unlimited line width
 * differ from libyaml's (docs/yaml-encode.md). */
#include "value/codec.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/base64.h"
#include "base/strconv.h"
#include "base/strconv_parse.h"
#include "base/utf8.h"
#include "value/yaml_resolve.h"

/* Nesting beyond this is treated as a cycle (Go would overflow its stack). */
#define Y3_MAX_DEPTH 10000

enum y3_style { Y3_PLAIN, Y3_SINGLE, Y3_DOUBLE, Y3_LITERAL };

struct y3 {
	struct arena *a;
	struct sb *out;
	int best;        /* emitter.best_indent */
	int indent;      /* emitter.indent (-1 before the root node) */
	size_t column;
	bool whitespace;
	bool indention;
	int flow_level;
	int depth;
};

/* Where a node sits, as the emitter's context flags and state stack tell:
 * seq_item is "the state below is EMIT_BLOCK_SEQUENCE_ITEM" (increase_indent). */
struct y3_ctx {
	bool root, simple_key, seq_item;
};

struct y3_scalar {
	bool multiline, flow_plain, block_plain, single_ok, block_ok;
};

/* ------------------------------------------------------------------------
 * Character classes of yamlprivateh.go (byte based, like Go's).
 * ---------------------------------------------------------------------- */

static size_t y3_width(unsigned char b)
{
	if ((b & 0x80) == 0)
		return 1;
	if ((b & 0xE0) == 0xC0)
		return 2;
	if ((b & 0xF0) == 0xE0)
		return 3;
	if ((b & 0xF8) == 0xF0)
		return 4;
	return 0;
}

static unsigned char y3_at(const unsigned char *s, size_t n, size_t i)
{
	return i < n ? s[i] : 0;
}

static bool y3_is_printable(const unsigned char *s, size_t n, size_t i)
{
	unsigned char b = s[i], b1 = y3_at(s, n, i + 1), b2 = y3_at(s, n, i + 2);
	return b == 0x0A || (b >= 0x20 && b <= 0x7E) || (b == 0xC2 && b1 >= 0xA0) ||
	       (b > 0xC2 && b < 0xED) || (b == 0xED && b1 < 0xA0) || b == 0xEE ||
	       (b == 0xEF && !(b1 == 0xBB && b2 == 0xBF) && !(b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF)));
}

static bool y3_is_break(const unsigned char *s, size_t n, size_t i)
{
	unsigned char b = s[i], b1 = y3_at(s, n, i + 1), b2 = y3_at(s, n, i + 2);
	return b == '\r' || b == '\n' || (b == 0xC2 && b1 == 0x85) ||
	       (b == 0xE2 && b1 == 0x80 && (b2 == 0xA8 || b2 == 0xA9));
}

/* is_blankz: blank, break or the NUL past the end Go's slices never reach
 * (i == n stands for it). */
static bool y3_is_blankz(const unsigned char *s, size_t n, size_t i)
{
	if (i >= n)
		return true;
	return s[i] == ' ' || s[i] == '\t' || s[i] == 0 || y3_is_break(s, n, i);
}

/* ------------------------------------------------------------------------
 * Output primitives (emitterc.go put, put_break, write, write_break,
 * write_indent, write_indicator).
 * ---------------------------------------------------------------------- */

static void y3_put(struct y3 *e, char c)
{
	sb_addc(e->out, c);
	e->column++;
}

static void y3_put_break(struct y3 *e)
{
	sb_addc(e->out, '\n');
	e->column = 0;
	e->indention = true;
}

static void y3_write(struct y3 *e, const unsigned char *s, size_t n, size_t *i)
{
	size_t w = y3_width(s[*i]);
	if (w == 0 || *i + w > n)
		w = 1;
	sb_add(e->out, s + *i, w);
	e->column++;
	*i += w;
}

static void y3_write_break(struct y3 *e, const unsigned char *s, size_t n, size_t *i)
{
	if (s[*i] == '\n') {
		y3_put_break(e);
		(*i)++;
	} else {
		y3_write(e, s, n, i);
		e->column = 0;
		e->indention = true;
	}
}

static void y3_write_indent(struct y3 *e)
{
	size_t indent = e->indent < 0 ? 0 : (size_t)e->indent;
	if (!e->indention || e->column > indent || (e->column == indent && !e->whitespace))
		y3_put_break(e);
	while (e->column < indent)
		y3_put(e, ' ');
	e->whitespace = true;
}

static void y3_write_indicator(struct y3 *e, const char *ind, bool need_ws, bool is_ws, bool is_indention)
{
	if (need_ws && !e->whitespace)
		y3_put(e, ' ');
	size_t n = strlen(ind);
	for (size_t i = 0; i < n;)
		y3_write(e, (const unsigned char *)ind, n, &i);
	e->whitespace = is_ws;
	e->indention = e->indention && is_indention;
}

/* increase_indent as go-yaml changed it: inside a block sequence item the
 * first indent only skips the "- ", everything else aligns to best_indent. */
static int y3_increase_indent(struct y3 *e, bool flow, bool seq_item)
{
	int saved = e->indent;
	if (e->indent < 0)
		e->indent = flow ? e->best : 0;
	else if (seq_item)
		e->indent += 2;
	else
		e->indent = e->best * ((e->indent + e->best) / e->best);
	return saved;
}

/* ------------------------------------------------------------------------
 * Scalars: analyze_scalar, select_scalar_style and the four writers.
 * ---------------------------------------------------------------------- */

static void y3_analyze(const unsigned char *s, size_t n, struct y3_scalar *r)
{
	bool block_ind = false, flow_ind = false, line_breaks = false, special = false, tabs = false;
	bool lead_space = false, lead_break = false, trail_space = false, trail_break = false;
	bool break_space = false, space_break = false;
	bool prev_ws = true, prev_space = false, prev_break = false;

	if (n == 0) {
		*r = (struct y3_scalar){ .multiline = false, .flow_plain = false, .block_plain = true,
					 .single_ok = true, .block_ok = false };
		return;
	}
	if (n >= 3 && ((s[0] == '-' && s[1] == '-' && s[2] == '-') || (s[0] == '.' && s[1] == '.' && s[2] == '.'))) {
		block_ind = true;
		flow_ind = true;
	}
	for (size_t i = 0, w; i < n; i += w) {
		w = y3_width(s[i]);
		if (w == 0)
			w = 1;
		bool followed_ws = i + w >= n || s[i + w] == ' ' || s[i + w] == '\t';
		if (i == 0) {
			switch (s[i]) {
			case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*':
			case '!': case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
				flow_ind = true;
				block_ind = true;
				break;
			case '?': case ':':
				flow_ind = true;
				if (followed_ws)
					block_ind = true;
				break;
			case '-':
				if (followed_ws) {
					flow_ind = true;
					block_ind = true;
				}
				break;
			}
		} else {
			switch (s[i]) {
			case ',': case '?': case '[': case ']': case '{': case '}':
				flow_ind = true;
				break;
			case ':':
				flow_ind = true;
				if (followed_ws)
					block_ind = true;
				break;
			case '#':
				if (prev_ws) {
					flow_ind = true;
					block_ind = true;
				}
				break;
			}
		}
		if (s[i] == '\t')
			tabs = true;
		else if (!y3_is_printable(s, n, i))
			special = true; /* emitter.unicode is set: non-ASCII is fine */
		if (s[i] == ' ') {
			if (i == 0)
				lead_space = true;
			if (i + w == n)
				trail_space = true;
			if (prev_break)
				break_space = true;
			prev_space = true;
			prev_break = false;
		} else if (y3_is_break(s, n, i)) {
			line_breaks = true;
			if (i == 0)
				lead_break = true;
			if (i + w == n)
				trail_break = true;
			if (prev_space)
				space_break = true;
			prev_space = false;
			prev_break = true;
		} else {
			prev_space = false;
			prev_break = false;
		}
		prev_ws = y3_is_blankz(s, n, i);
	}
	r->multiline = line_breaks;
	r->flow_plain = r->block_plain = r->single_ok = r->block_ok = true;
	if (lead_space || lead_break || trail_space || trail_break)
		r->flow_plain = r->block_plain = false;
	if (trail_space)
		r->block_ok = false;
	if (break_space)
		r->flow_plain = r->block_plain = r->single_ok = false;
	if (space_break || tabs || special)
		r->flow_plain = r->block_plain = r->single_ok = false;
	if (space_break || special)
		r->block_ok = false;
	if (line_breaks)
		r->flow_plain = r->block_plain = false;
	if (flow_ind)
		r->flow_plain = false;
	if (block_ind)
		r->block_plain = false;
}

static void y3_write_plain(struct y3 *e, const unsigned char *s, size_t n)
{
	bool breaks = false;
	if (n > 0 && !e->whitespace)
		y3_put(e, ' ');
	for (size_t i = 0; i < n;) {
		if (s[i] == ' ') {
			/* a break at best_width never happens: the width is unlimited */
			y3_write(e, s, n, &i);
		} else if (y3_is_break(s, n, i)) {
			if (!breaks && s[i] == '\n')
				y3_put_break(e);
			y3_write_break(e, s, n, &i);
			breaks = true;
		} else {
			if (breaks)
				y3_write_indent(e);
			y3_write(e, s, n, &i);
			e->indention = false;
			breaks = false;
		}
	}
	if (n > 0)
		e->whitespace = false;
	e->indention = false;
}

static void y3_write_single(struct y3 *e, const unsigned char *s, size_t n)
{
	bool breaks = false;
	y3_write_indicator(e, "'", true, false, false);
	for (size_t i = 0; i < n;) {
		if (s[i] == ' ') {
			y3_write(e, s, n, &i);
		} else if (y3_is_break(s, n, i)) {
			if (!breaks && s[i] == '\n')
				y3_put_break(e);
			y3_write_break(e, s, n, &i);
			breaks = true;
		} else {
			if (breaks)
				y3_write_indent(e);
			if (s[i] == '\'')
				y3_put(e, '\'');
			y3_write(e, s, n, &i);
			e->indention = false;
			breaks = false;
		}
	}
	y3_write_indicator(e, "'", false, false, false);
	e->whitespace = false;
	e->indention = false;
}

static void y3_write_double(struct y3 *e, const unsigned char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	/* go-yaml's is_bom(value, i) looks at the first three bytes whatever i
	 * is: a value starting with U+FEFF has every character escaped */
	bool bom = n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF;
	y3_write_indicator(e, "\"", true, false, false);
	for (size_t i = 0; i < n;) {
		if (!y3_is_printable(s, n, i) || bom || y3_is_break(s, n, i) || s[i] == '"' || s[i] == '\\') {
			unsigned char o = s[i];
			size_t w = y3_width(o);
			uint32_t v;
			if (w == 0 || i + w > n)
				w = 1;
			v = w == 1 ? (uint32_t)(o & 0x7F) : w == 2 ? (uint32_t)(o & 0x1F) :
			    w == 3 ? (uint32_t)(o & 0x0F) : (uint32_t)(o & 0x07);
			for (size_t k = 1; k < w; k++)
				v = (v << 6) + (s[i + k] & 0x3F);
			i += w;
			y3_put(e, '\\');
			char c = 0;
			switch (v) {
			case 0x00: c = '0'; break;
			case 0x07: c = 'a'; break;
			case 0x08: c = 'b'; break;
			case 0x09: c = 't'; break;
			case 0x0A: c = 'n'; break;
			case 0x0B: c = 'v'; break;
			case 0x0C: c = 'f'; break;
			case 0x0D: c = 'r'; break;
			case 0x1B: c = 'e'; break;
			case 0x22: c = '"'; break;
			case 0x5C: c = '\\'; break;
			case 0x85: c = 'N'; break;
			case 0xA0: c = '_'; break;
			case 0x2028: c = 'L'; break;
			case 0x2029: c = 'P'; break;
			}
			if (c) {
				y3_put(e, c);
			} else {
				int digits = v <= 0xFF ? 2 : v <= 0xFFFF ? 4 : 8;
				y3_put(e, digits == 2 ? 'x' : digits == 4 ? 'u' : 'U');
				for (int k = (digits - 1) * 4; k >= 0; k -= 4)
					y3_put(e, hex[(v >> k) & 0xF]);
			}
		} else {
			y3_write(e, s, n, &i);
		}
	}
	y3_write_indicator(e, "\"", false, false, false);
	e->whitespace = false;
	e->indention = false;
}

static void y3_write_literal(struct y3 *e, const unsigned char *s, size_t n)
{
	y3_write_indicator(e, "|", true, false, false);
	/* write_block_scalar_hints */
	if (n > 0 && (s[0] == ' ' || y3_is_break(s, n, 0))) {
		char hint[2] = { (char)('0' + e->best), 0 };
		y3_write_indicator(e, hint, false, false, false);
	}
	const char *chomp = NULL;
	if (n == 0) {
		chomp = "-";
	} else {
		size_t i = n - 1;
		while (i > 0 && (s[i] & 0xC0) == 0x80)
			i--;
		if (!y3_is_break(s, n, i)) {
			chomp = "-";
		} else if (i == 0) {
			chomp = "+";
		} else {
			i--;
			while (i > 0 && (s[i] & 0xC0) == 0x80)
				i--;
			if (y3_is_break(s, n, i))
				chomp = "+";
		}
	}
	if (chomp)
		y3_write_indicator(e, chomp, false, false, false);
	/* the sigs.k8s.io fork breaks the line here itself
	 * (process_line_comment_linebreak), so a leading break shows */
	y3_put_break(e);
	e->whitespace = true;
	bool breaks = true;
	for (size_t i = 0; i < n;) {
		if (y3_is_break(s, n, i)) {
			y3_write_break(e, s, n, &i);
			breaks = true;
		} else {
			if (breaks)
				y3_write_indent(e);
			y3_write(e, s, n, &i);
			e->indention = false;
			breaks = false;
		}
	}
}

/* emit_scalar: select_scalar_style, process_tag, increase_indent(flow),
 * process_scalar.  `tag` is NULL or the short suffix after "!!". */
static void y3_emit_scalar(struct y3 *e, const char *p, size_t n, const char *tag, enum y3_style style,
			   struct y3_ctx ctx)
{
	const unsigned char *s = (const unsigned char *)p;
	struct y3_scalar an;
	y3_analyze(s, n, &an);
	if (ctx.simple_key && an.multiline)
		style = Y3_DOUBLE;
	if (style == Y3_PLAIN) {
		if ((e->flow_level > 0 && !an.flow_plain) || (e->flow_level == 0 && !an.block_plain))
			style = Y3_SINGLE;
		if (n == 0 && (e->flow_level > 0 || ctx.simple_key))
			style = Y3_SINGLE;
	}
	if (style == Y3_SINGLE && !an.single_ok)
		style = Y3_DOUBLE;
	if (style == Y3_LITERAL && (!an.block_ok || e->flow_level > 0 || ctx.simple_key))
		style = Y3_DOUBLE;
	if (tag) {
		/* write_tag_handle "!!" then write_tag_content (tags here are
		 * plain letters: no URI escaping) */
		if (!e->whitespace)
			y3_put(e, ' ');
		y3_put(e, '!');
		y3_put(e, '!');
		for (const char *t = tag; *t; t++)
			y3_put(e, *t);
		e->whitespace = false;
		e->indention = false;
	}
	int saved = y3_increase_indent(e, true, ctx.seq_item);
	switch (style) {
	case Y3_PLAIN:
		y3_write_plain(e, s, n);
		break;
	case Y3_SINGLE:
		y3_write_single(e, s, n);
		break;
	case Y3_DOUBLE:
		y3_write_double(e, s, n);
		break;
	case Y3_LITERAL:
		y3_write_literal(e, s, n);
		break;
	}
	e->indent = saved;
}

/* ------------------------------------------------------------------------
 * v3's resolve("", s) == "!!str" (resolve.go) plus encode.go's extra
 * quoting of YAML 1.1 base-60 floats and booleans.
 * ---------------------------------------------------------------------- */

/* yamlStyleFloat: ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$ */
static bool y3_style_float(const char *s, size_t n)
{
	size_t i = 0, d;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	if (i < n && s[i] == '.') {
		i++;
		for (d = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == d)
			return false;
	} else {
		for (d = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == d)
			return false;
		if (i < n && s[i] == '.')
			for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
				;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			i++;
		for (d = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == d)
			return false;
	}
	return i == n;
}

static bool y3_in_map(const char *s, size_t n)
{
	static const char *const words[] = {
		"true", "True", "TRUE", "false", "False", "FALSE", "~", "null", "Null", "NULL",
		".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF",
		"-.inf", "-.Inf", "-.INF",
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == n && memcmp(words[i], s, n) == 0)
			return true;
	return false;
}

/* ParseInt / ParseUint of a rest with an explicit base, as resolve.go does
 * after a 0b / 0o prefix. */
static bool y3_int_ok(const char *s, size_t n, int base, bool also_uint)
{
	int64_t i;
	uint64_t u;
	if (strconv_parse_int(s, n, base, 64, &i) == STRCONV_OK)
		return true;
	return also_uint && strconv_parse_uint(s, n, base, 64, &u) == STRCONV_OK;
}

static bool y3_resolves_to_str(struct arena *a, const char *s, size_t n)
{
	if (n == 0)
		return false; /* "" is null */
	unsigned char c = (unsigned char)s[0];
	char hint = 0;
	if (c == '+' || c == '-')
		hint = 'S';
	else if (c >= '0' && c <= '9')
		hint = 'D';
	else if (strchr("yYnNtTfFoO~", c) && c)
		hint = 'M';
	else if (c == '.')
		hint = '.';
	if (!hint)
		return true;
	if (y3_in_map(s, n))
		return false;
	if (hint == 'M')
		return true;
	if (hint == '.') {
		double f;
		return strconv_parse_float(s, n, &f) != STRCONV_OK;
	}
	if (yaml_parse_timestamp(s, n))
		return false;
	char *plain = arena_alloc(a, n + 4);
	size_t pn = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] != '_')
			plain[pn++] = s[i];
	if (y3_int_ok(plain, pn, 0, true))
		return false;
	if (y3_style_float(plain, pn)) {
		double f;
		if (strconv_parse_float(plain, pn, &f) == STRCONV_OK)
			return false;
	}
	if (pn >= 2 && plain[0] == '0' && plain[1] == 'b')
		return !y3_int_ok(plain + 2, pn - 2, 2, true);
	if (pn >= 3 && plain[0] == '-' && plain[1] == '0' && plain[2] == 'b') {
		plain[2] = '-';
		return !y3_int_ok(plain + 2, pn - 2, 2, false);
	}
	if (pn >= 2 && plain[0] == '0' && plain[1] == 'o')
		return !y3_int_ok(plain + 2, pn - 2, 8, true);
	if (pn >= 3 && plain[0] == '-' && plain[1] == '0' && plain[2] == 'o') {
		plain[2] = '-';
		return !y3_int_ok(plain + 2, pn - 2, 8, false);
	}
	return true;
}

static bool y3_is_old_bool(const char *s, size_t n)
{
	static const char *const words[] = {
		"y", "Y", "yes", "Yes", "YES", "on", "On", "ON",
		"n", "N", "no", "No", "NO", "off", "Off", "OFF",
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == n && memcmp(words[i], s, n) == 0)
			return true;
	return false;
}

/* encodeBase64: StdEncoding, broken into 70-character lines each ending in
 * a newline once the text reaches 70 characters. */
static void y3_base64(struct sb *out, const unsigned char *s, size_t n)
{
	struct sb b = SB_INIT;
	b64_encode(&b, s, n);
	bool lines = b.len / 70 + 1 > 1;
	for (size_t i = 0; i < b.len; i += 70) {
		size_t j = i + 70 < b.len ? i + 70 : b.len;
		sb_add(out, b.buf + i, j - i);
		if (lines)
			sb_addc(out, '\n');
	}
	sb_release(&b);
}

/* encoder.stringv */
static void y3_string(struct y3 *e, const char *s, size_t n, struct y3_ctx ctx)
{
	if (!utf8_valid(s, n)) {
		struct sb b = SB_INIT;
		y3_base64(&b, (const unsigned char *)s, n);
		bool nl = memchr(b.buf ? b.buf : "", '\n', b.len) != NULL;
		y3_emit_scalar(e, b.buf ? b.buf : "", b.len, "binary", nl ? Y3_LITERAL : Y3_PLAIN, ctx);
		sb_release(&b);
		return;
	}
	enum y3_style style;
	if (memchr(s, '\n', n))
		style = Y3_LITERAL;
	else if (y3_resolves_to_str(e->a, s, n) && !yaml_is_base60_float(s, n) && !y3_is_old_bool(s, n))
		style = Y3_PLAIN;
	else
		style = Y3_DOUBLE;
	y3_emit_scalar(e, s, n, NULL, style, ctx);
}

/* ------------------------------------------------------------------------
 * Map key order: sorter.go keyList.Less for string keys (runes; letters
 * after other characters unless a digit precedes; digit runs by value).
 * ---------------------------------------------------------------------- */

struct y3_key {
	const int32_t *r;
	size_t n;
	uint32_t pos; /* entry position in the map */
};

static bool y3_key_less(const struct y3_key *a, const struct y3_key *b)
{
	const int32_t *ar = a->r, *br = b->r;
	bool digits = false;
	for (size_t i = 0; i < a->n && i < b->n; i++) {
		if (ar[i] == br[i]) {
			digits = unicode_is_digit(ar[i]);
			continue;
		}
		bool al = unicode_is_letter(ar[i]), bl = unicode_is_letter(br[i]);
		if (al && bl)
			return ar[i] < br[i];
		if (al || bl)
			return digits ? al : bl;
		uint64_t an = 0, bn = 0; /* int64 in Go: wraps the same way */
		if (ar[i] == '0' || br[i] == '0') {
			for (size_t j = i; j-- > 0 && unicode_is_digit(ar[j]);) {
				if (ar[j] != '0') {
					an = bn = 1;
					break;
				}
			}
		}
		size_t ai, bi;
		for (ai = i; ai < a->n && unicode_is_digit(ar[ai]); ai++)
			an = an * 10 + (uint64_t)(int64_t)(ar[ai] - '0');
		for (bi = i; bi < b->n && unicode_is_digit(br[bi]); bi++)
			bn = bn * 10 + (uint64_t)(int64_t)(br[bi] - '0');
		if (an != bn)
			return (int64_t)an < (int64_t)bn;
		if (ai != bi)
			return ai < bi;
		return ar[i] < br[i];
	}
	return a->n < b->n;
}

static void y3_merge_sort(struct y3_key *k, struct y3_key *tmp, size_t n)
{
	if (n < 2)
		return;
	size_t h = n / 2;
	y3_merge_sort(k, tmp, h);
	y3_merge_sort(k + h, tmp, n - h);
	size_t i = 0, j = h, o = 0;
	while (i < h && j < n)
		tmp[o++] = y3_key_less(&k[j], &k[i]) ? k[j++] : k[i++];
	while (i < h)
		tmp[o++] = k[i++];
	while (j < n)
		tmp[o++] = k[j++];
	memcpy(k, tmp, n * sizeof(*k));
}

static struct y3_key *y3_sorted_keys(struct y3 *e, val m)
{
	size_t n = val_map_len(m);
	struct y3_key *k = arena_alloc(e->a, (n ? n : 1) * 2 * sizeof(*k));
	for (size_t i = 0; i < n; i++) {
		const struct val_map_entry *en = val_map_entry_at(m, i);
		int32_t *r = arena_alloc(e->a, (en->klen ? en->klen : 1) * sizeof(*r));
		size_t rn = 0;
		for (size_t p = 0, w; p < en->klen; p += w)
			r[rn++] = utf8_decode(en->key + p, en->klen - p, &w);
		k[i] = (struct y3_key){ r, rn, (uint32_t)i };
	}
	y3_merge_sort(k, k + n, n);
	return k;
}

/* ------------------------------------------------------------------------
 * Nodes (encode.go marshal + the emitter's block/flow states).
 * ---------------------------------------------------------------------- */

static int y3_node(struct y3 *e, val v, struct y3_ctx ctx, struct sb *err);

/* An empty sequence or mapping is always written in flow style. */
static void y3_empty_flow(struct y3 *e, const char *open, const char *close, bool seq_item)
{
	y3_write_indicator(e, open, true, true, false);
	int saved = y3_increase_indent(e, true, seq_item);
	e->indent = saved;
	if (e->column == 0)
		y3_write_indent(e);
	y3_write_indicator(e, close, false, false, false);
}

static int y3_seq(struct y3 *e, val v, struct y3_ctx ctx, struct sb *err)
{
	size_t n = v.gotype == GT_BYTES ? v.len : val_list_len(v);
	if (n == 0) {
		y3_empty_flow(e, "[", "]", ctx.seq_item);
		return 0;
	}
	int saved = y3_increase_indent(e, false, ctx.seq_item);
	struct y3_ctx item = { .seq_item = true };
	for (size_t i = 0; i < n; i++) {
		y3_write_indent(e);
		y3_write_indicator(e, "-", true, false, true);
		if (v.gotype == GT_BYTES) {
			/* []byte is a slice of uint8 to v3: one int per byte */
			char buf[4];
			unsigned b = (unsigned char)v.u.s[i];
			size_t bl = 0;
			if (b >= 100)
				buf[bl++] = (char)('0' + b / 100);
			if (b >= 10)
				buf[bl++] = (char)('0' + b / 10 % 10);
			buf[bl++] = (char)('0' + b % 10);
			y3_emit_scalar(e, buf, bl, NULL, Y3_PLAIN, item);
		} else if (y3_node(e, val_list_at(v, i), item, err) < 0) {
			return -1;
		}
	}
	e->indent = saved;
	return 0;
}

static int y3_map(struct y3 *e, val v, struct y3_ctx ctx, struct sb *err)
{
	size_t n = val_map_len(v);
	if (n == 0) {
		y3_empty_flow(e, "{", "}", ctx.seq_item);
		return 0;
	}
	/* structs keep their field order; maps are sorted */
	struct y3_key *keys = (v.flags & VAL_F_STRUCT) ? NULL : y3_sorted_keys(e, v);
	int saved = y3_increase_indent(e, false, ctx.seq_item);
	for (size_t i = 0; i < n; i++) {
		const struct val_map_entry *en = val_map_entry_at(v, keys ? keys[i].pos : i);
		y3_write_indent(e);
		/* check_simple_key: one line and at most 128 bytes (tag included) */
		struct y3_scalar an;
		const char *kp = en->key;
		size_t kn = en->klen, klen = kn;
		struct sb b64 = SB_INIT;
		if (!utf8_valid(kp, kn)) {
			y3_base64(&b64, (const unsigned char *)kp, kn);
			klen = b64.len + 8; /* "!!" + "binary" */
			y3_analyze((const unsigned char *)(b64.buf ? b64.buf : ""), b64.len, &an);
		} else {
			y3_analyze((const unsigned char *)kp, kn, &an);
		}
		sb_release(&b64);
		bool simple = !an.multiline && klen <= 128;
		if (simple) {
			y3_string(e, kp, kn, (struct y3_ctx){ .simple_key = true });
			y3_write_indicator(e, ":", false, false, false);
		} else {
			y3_write_indicator(e, "?", true, false, true);
			y3_string(e, kp, kn, (struct y3_ctx){ 0 });
			y3_write_indent(e);
			y3_write_indicator(e, ":", true, false, true);
		}
		if (y3_node(e, en->v, (struct y3_ctx){ 0 }, err) < 0)
			return -1;
	}
	e->indent = saved;
	return 0;
}

static void y3_text(struct y3 *e, struct sb *t, struct y3_ctx ctx)
{
	y3_emit_scalar(e, t->buf, t->len, NULL, Y3_PLAIN, ctx);
	sb_reset(t);
}

static int y3_node(struct y3 *e, val v, struct y3_ctx ctx, struct sb *err)
{
	if (++e->depth > Y3_MAX_DEPTH) {
		sb_adds(err, "yaml: value nested too deeply");
		return -1;
	}
	struct sb t = SB_INIT;
	int rc = 0;
	switch ((enum val_kind)v.kind) {
	case VAL_NULL:
		y3_emit_scalar(e, "null", 4, NULL, Y3_PLAIN, ctx);
		break;
	case VAL_BOOL:
		y3_emit_scalar(e, v.u.b ? "true" : "false", v.u.b ? 4 : 5, NULL, Y3_PLAIN, ctx);
		break;
	case VAL_INT:
		if (v.gotype == GT_UINT64)
			strconv_format_uint(&t, (uint64_t)v.u.i, 10);
		else
			strconv_format_int(&t, v.u.i, 10);
		y3_text(e, &t, ctx);
		break;
	case VAL_FLOAT:
		if (v.u.f != v.u.f) {
			sb_adds(&t, ".nan");
		} else if (v.u.f > 1.7976931348623157e308) {
			sb_adds(&t, ".inf");
		} else if (v.u.f < -1.7976931348623157e308) {
			sb_adds(&t, "-.inf");
		} else {
			strconv_format_float(&t, v.u.f, 'g', -1);
		}
		y3_text(e, &t, ctx);
		break;
	case VAL_STRING:
		if (v.gotype == GT_BYTES)
			rc = y3_seq(e, v, ctx, err);
		else if (v.flags & VAL_F_YAML_PLAIN)
			y3_emit_scalar(e, v.u.s, v.len, NULL, Y3_PLAIN, ctx);
		else
			y3_string(e, v.u.s, v.len, ctx);
		break;
	case VAL_LIST:
		rc = y3_seq(e, v, ctx, err);
		break;
	case VAL_MAP:
		rc = y3_map(e, v, ctx, err);
		break;
	default:
		sb_adds(err, "cannot marshal type: unsupported host value");
		rc = -1;
		break;
	}
	sb_release(&t);
	e->depth--;
	return rc;
}

int val_to_yaml3(struct arena *a, val v, int indent, struct sb *out, struct sb *err)
{
	struct y3 e = {
		.a = a, .out = out, .best = indent < 2 || indent > 9 ? 2 : indent, .indent = -1,
		.column = 0, .whitespace = true, .indention = true,
	};
	size_t start = out->len;
	if (y3_node(&e, v, (struct y3_ctx){ .root = true }, err) < 0) {
		sb_setlen(out, start);
		return -1;
	}
	/* document end: write_indent at indent 0 */
	e.indent = -1;
	y3_write_indent(&e);
	return 0;
}
