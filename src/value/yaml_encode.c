/* yaml_encode.c — val_to_yaml: sigs.k8s.io/yaml v1.4.0 Marshal, which is
 * json.Marshal, go-yaml v2 reading that JSON text back, then go-yaml v2
 * Marshal (Helm's toYaml).  The round trip is simulated (phase 1 checks it
 * in JSON text order, phase 2 applies it while emitting), and the bytes come
 * from libyaml's emitter, of which go-yaml's emitterc.go is a port; the few
 * places where the two differ are bridged here (docs/yaml-encode.md). */
#include "value/codec.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "base/base64.h"
#include "base/strconv.h"
#include "base/utf8.h"
#include "value/yaml_resolve.h"

/* json.Marshal starts looking for cycles below this depth (encode.go
 * startDetectingCyclesAfter). */
#define YE_CYCLE_DEPTH 1000
/* go-yaml's reader decodes its input in chunks of this many bytes
 * (yamlprivateh.go input_raw_buffer_size), so a bad character anywhere in a
 * chunk is reported before a syntax error earlier in the same chunk. */
#define YE_READER_CHUNK 512

static const char YE_ERR_CONTROL[] = "control characters are not allowed";

/* ------------------------------------------------------------------------
 * Character classes, as go-yaml's yamlprivateh.go (and libyaml) have them.
 * ---------------------------------------------------------------------- */

static bool ye_is_nel(const unsigned char *p, size_t i, size_t n)
{
	return i + 1 < n && p[i] == 0xC2 && p[i + 1] == 0x85;
}

/* is_break: CR LF NEL LS PS; returns the width, 0 if not a break. */
static size_t ye_break_width(const unsigned char *p, size_t i, size_t n)
{
	if (p[i] == '\r' || p[i] == '\n')
		return 1;
	if (ye_is_nel(p, i, n))
		return 2;
	if (i + 2 < n && p[i] == 0xE2 && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9))
		return 3;
	return 0;
}

/* is_printable on a decoded rune: #xA, #x20-#x7E, #xA0-#xD7FF,
 * #xE000-#xFFFD without the BOM; 4-byte characters are not printable. */
static bool ye_printable(int32_t r)
{
	return r == 0x0A || (r >= 0x20 && r <= 0x7E) || (r >= 0xA0 && r <= 0xD7FF) ||
	       (r >= 0xE000 && r <= 0xFFFD && r != 0xFEFF);
}

/* Characters go-yaml's reader refuses (readerc.go): raw in json.Marshal's
 * output are DEL, the C1 controls but NEL, and U+FFFE/U+FFFF. */
static bool ye_reader_rejects(int32_t r)
{
	return r == 0x7F || (r >= 0x80 && r <= 0x9F && r != 0x85) || r == 0xFFFE || r == 0xFFFF;
}

/* ------------------------------------------------------------------------
 * Phase 1: json.Marshal's text as go-yaml's reader, scanner and parser see
 * it.  Walks in JSON order (keys byte-sorted) and keeps the first error of
 * each kind with its position.
 * ---------------------------------------------------------------------- */

struct ye_path {
	const void *p;
	const struct ye_path *up;
};

struct ye_check {
	struct arena *a;
	size_t pos;   /* byte offset in the JSON text */
	size_t chars; /* go-yaml's mark.index (characters) */
	size_t line;  /* go-yaml's mark.line (NELs seen) */
	const char *json_err;      /* json.Marshal's error, stops the walk */
	const char *json_err_type; /* for the cycle error */
	bool bad;                  /* reader error */
	size_t bad_pos;
	bool perr;                 /* first scanner/parser error */
	bool perr_scanner;
	size_t perr_pos, perr_line;
	const char *perr_msg;
	struct sb num; /* scratch for number text */
};

static void ye_parse_error(struct ye_check *c, size_t pos, size_t line, bool scanner, const char *msg)
{
	if (c->perr)
		return;
	c->perr = true;
	c->perr_pos = pos;
	c->perr_line = line;
	c->perr_scanner = scanner;
	c->perr_msg = msg;
}

/* One JSON string as go-yaml scans it: json.Marshal's escapes (encode.go
 * appendString: invalid UTF-8 -> \ufffd, <>& and U+2028/9 -> \u, controls ->
 * \n \r \t \b \f or \u00XX), raw characters the reader rejects, raw NELs
 * (line breaks to the scanner) and "---"/"..." right after one, which
 * scan_flow_scalar takes for a document marker.  A key must also stay a
 * simple key: on one line and within 1024 characters of its ':'. */
static void ye_check_string(struct ye_check *c, const char *s, size_t n, bool is_key)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t key_chars = c->chars, key_line = c->line;
	c->pos++;
	c->chars++;
	for (size_t i = 0; i < n;) {
		if (p[i] < 0x80) {
			unsigned char ch = p[i];
			size_t enc = 1;
			if (ch < 0x20)
				enc = (ch == '\n' || ch == '\r' || ch == '\t' || ch == '\b' || ch == '\f') ? 2 : 6;
			else if (ch == '"' || ch == '\\')
				enc = 2;
			else if (ch == '<' || ch == '>' || ch == '&')
				enc = 6;
			else if (ch == 0x7F && !c->bad) {
				c->bad = true;
				c->bad_pos = c->pos;
			}
			c->pos += enc;
			c->chars += enc;
			i++;
			continue;
		}
		size_t w;
		int32_t r = utf8_decode(s + i, n - i, &w);
		if (r == UTF8_RUNE_ERROR && w == 1) {
			c->pos += 6;
			c->chars += 6;
			i++;
			continue;
		}
		if (r == 0x2028 || r == 0x2029) {
			c->pos += 6;
			c->chars += 6;
			i += w;
			continue;
		}
		if (ye_reader_rejects(r) && !c->bad) {
			c->bad = true;
			c->bad_pos = c->pos;
		}
		c->pos += w;
		c->chars++;
		i += w;
		if (r == 0x85) {
			c->line++;
			/* column 0: a document marker followed by a blank */
			if (i + 3 < n && (memcmp(s + i, "---", 3) == 0 || memcmp(s + i, "...", 3) == 0) &&
			    (p[i + 3] == ' ' || ye_is_nel(p, i + 3, n)))
				ye_parse_error(c, c->pos, c->line + 1, true, "found unexpected document indicator");
		}
	}
	c->pos++;
	c->chars++;
	if (is_key && (c->line != key_line || key_chars + 1024 < c->chars))
		ye_parse_error(c, c->pos, c->line, false, "did not find expected ',' or '}'");
}

static void ye_check_number_text(struct ye_check *c, size_t len)
{
	c->pos += len;
	c->chars += len;
}

static bool ye_on_path(const struct ye_path *path, const void *p, size_t depth)
{
	for (const struct ye_path *q = path; q && depth > YE_CYCLE_DEPTH; q = q->up, depth--)
		if (q->p == p)
			return true;
	return false;
}

static void ye_check_value(struct ye_check *c, val v, const struct ye_path *path, size_t depth)
{
	if (c->json_err)
		return;
	switch ((enum val_kind)v.kind) {
	case VAL_NULL:
		ye_check_number_text(c, 4);
		return;
	case VAL_BOOL:
		ye_check_number_text(c, v.u.b ? 4 : 5);
		return;
	case VAL_INT:
		sb_reset(&c->num);
		if (v.gotype == GT_UINT64)
			strconv_format_uint(&c->num, (uint64_t)v.u.i, 10);
		else
			strconv_format_int(&c->num, v.u.i, 10);
		ye_check_number_text(c, c->num.len);
		return;
	case VAL_FLOAT:
		if (v.u.f != v.u.f) {
			c->json_err = "json: unsupported value: NaN";
			return;
		}
		if (v.u.f > 1.7976931348623157e308 || v.u.f < -1.7976931348623157e308) {
			c->json_err = v.u.f > 0 ? "json: unsupported value: +Inf" : "json: unsupported value: -Inf";
			return;
		}
		sb_reset(&c->num);
		strconv_json_float(&c->num, v.u.f);
		ye_check_number_text(c, c->num.len);
		return;
	case VAL_STRING:
		if (v.gotype == GT_BYTES) /* base64: plain ASCII */
			ye_check_number_text(c, 2 + (v.len + 2) / 3 * 4);
		else
			ye_check_string(c, v.u.s, v.len, false);
		return;
	case VAL_LIST: {
		if (depth > YE_CYCLE_DEPTH && ye_on_path(path, v.u.l, depth)) {
			c->json_err = "json: unsupported value: encountered a cycle via []interface {}";
			return;
		}
		struct ye_path here = { v.u.l, path };
		c->pos++;
		c->chars++;
		for (size_t i = 0; i < val_list_len(v) && !c->json_err; i++) {
			if (i) {
				c->pos++;
				c->chars++;
			}
			ye_check_value(c, val_list_at(v, i), &here, depth + 1);
		}
		c->pos++;
		c->chars++;
		return;
	}
	case VAL_MAP: {
		if (depth > YE_CYCLE_DEPTH && ye_on_path(path, v.u.m, depth)) {
			c->json_err = "json: unsupported value: encountered a cycle via map[string]interface {}";
			return;
		}
		struct ye_path here = { v.u.m, path };
		const uint32_t *order = val_map_order(c->a, v);
		c->pos++;
		c->chars++;
		for (size_t i = 0; i < val_map_len(v) && !c->json_err; i++) {
			const struct val_map_entry *e = val_map_entry_at(v, order[i]);
			if (i) {
				c->pos++;
				c->chars++;
			}
			ye_check_string(c, e->key, e->klen, true);
			c->pos++; /* ':' */
			c->chars++;
			ye_check_value(c, e->v, &here, depth + 1);
		}
		c->pos++;
		c->chars++;
		return;
	}
	case VAL_OPAQUE:
	default:
		c->json_err = "json: unsupported type";
		return;
	}
}

/* ------------------------------------------------------------------------
 * Phase 2 helpers: the value go-yaml decodes from the JSON text.
 * ---------------------------------------------------------------------- */

/* A string after the round trip: invalid UTF-8 bytes become U+FFFD
 * (json.Marshal) and raw NELs fold like line breaks in a double-quoted
 * scalar (scannerc.go scan_flow_scalar: spaces around a break vanish, one
 * break becomes a space, n+1 breaks become n newlines).  Returns s itself
 * when nothing changes, which is the common case. */
static const char *ye_round_trip(struct arena *a, const char *s, size_t n, size_t *outn)
{
	const unsigned char *p = (const unsigned char *)s;
	bool change = false;
	for (size_t i = 0; i < n;) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		size_t w;
		int32_t r = utf8_decode(s + i, n - i, &w);
		if ((r == UTF8_RUNE_ERROR && w == 1) || r == 0x85) {
			change = true;
			break;
		}
		i += w;
	}
	*outn = n;
	if (!change)
		return s;

	/* invalid bytes -> U+FFFD (3 bytes each) */
	char *t = arena_alloc(a, n * 3 + 1);
	size_t tn = 0;
	for (size_t i = 0; i < n;) {
		size_t w;
		int32_t r = p[i] < 0x80 ? (w = 1, p[i]) : utf8_decode(s + i, n - i, &w);
		if (r == UTF8_RUNE_ERROR && w == 1) {
			memcpy(t + tn, "\xEF\xBF\xBD", 3);
			tn += 3;
		} else {
			memcpy(t + tn, s + i, w);
			tn += w;
		}
		i += w;
	}

	/* NEL folding on the now valid text (only raw spaces are blanks: JSON
	 * escapes tabs) */
	const unsigned char *q = (const unsigned char *)t;
	char *o = arena_alloc(a, tn + 1);
	size_t on = 0;
	for (size_t i = 0; i < tn;) {
		while (i < tn && q[i] != ' ' && !ye_is_nel(q, i, tn))
			o[on++] = t[i++];
		if (i >= tn)
			break;
		size_t spaces = 0, trailing = 0;
		bool leading_blanks = false;
		while (i < tn && (q[i] == ' ' || ye_is_nel(q, i, tn))) {
			if (q[i] == ' ') {
				if (!leading_blanks)
					spaces++;
				i++;
			} else {
				if (!leading_blanks) {
					spaces = 0;
					leading_blanks = true;
				} else {
					trailing++;
				}
				i += 2;
			}
		}
		if (leading_blanks) {
			if (trailing == 0)
				o[on++] = ' ';
			else
				while (trailing--)
					o[on++] = '\n';
		} else {
			while (spaces--)
				o[on++] = ' ';
		}
	}
	o[on] = '\0';
	*outn = on;
	return o;
}

/* keyList.Less (sorter.go) for two string keys: runes compared one by one;
 * letters sort after non-letters; runs of digits compare as numbers (with
 * sorter.go's odd handling of a run that starts with '0'). */
static bool ye_is_letter(int32_t r)
{
	if (r < 0x80)
		return (r | 0x20) >= 'a' && (r | 0x20) <= 'z';
	return unicode_is_letter(r);
}

static bool ye_is_digit(int32_t r)
{
	if (r < 0x80)
		return r >= '0' && r <= '9';
	return unicode_is_digit(r);
}

static int32_t ye_rune(const char *s, size_t n, size_t i, size_t *w)
{
	if ((unsigned char)s[i] < 0x80) {
		*w = 1;
		return (unsigned char)s[i];
	}
	return utf8_decode(s + i, n - i, w);
}

/* Digit run at byte i: its value the way sorter.go accumulates it (int64,
 * wrapping) starting from `acc`, and its length in runes. */
static uint64_t ye_digit_run(const char *s, size_t n, size_t i, uint64_t acc, size_t *runes)
{
	size_t k = 0;
	while (i < n) {
		size_t w;
		int32_t r = ye_rune(s, n, i, &w);
		if (!ye_is_digit(r))
			break;
		acc = acc * 10 + (uint64_t)(int64_t)(r - '0');
		i += w;
		k++;
	}
	*runes = k;
	return acc;
}

static bool ye_key_less(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0;
	while (i < an && i < bn) {
		size_t wa, wb;
		int32_t ra = ye_rune(a, an, i, &wa), rb = ye_rune(b, bn, i, &wb);
		if (ra == rb) {
			i += wa; /* equal runes: equal widths, shared prefix */
			continue;
		}
		bool al = ye_is_letter(ra), bl = ye_is_letter(rb);
		if (al && bl)
			return ra < rb;
		if (al || bl)
			return bl;
		uint64_t av = 0, bv = 0;
		if (ra == '0' || rb == '0') {
			size_t k = i;
			while (k > 0) {
				size_t w;
				int32_t r = utf8_decode_last(a, k, &w);
				if (!ye_is_digit(r))
					break;
				if (r != '0') {
					av = bv = 1;
					break;
				}
				k -= w;
			}
		}
		size_t ac, bc;
		av = ye_digit_run(a, an, i, av, &ac);
		bv = ye_digit_run(b, bn, i, bv, &bc);
		if (av != bv)
			return (int64_t)av < (int64_t)bv;
		if (ac != bc)
			return ac < bc;
		return ra < rb;
	}
	return i >= an && i < bn;
}

struct ye_ent {
	const char *k;  /* key after the round trip */
	size_t kn;
	const char *ok; /* original key (duplicates: json order decides) */
	size_t okn;
	val v;
};

static int ye_ent_cmp(const void *x, const void *y)
{
	const struct ye_ent *a = x, *b = y;
	if (ye_key_less(a->k, a->kn, b->k, b->kn))
		return -1;
	if (ye_key_less(b->k, b->kn, a->k, a->kn))
		return 1;
	return 0;
}

static int ye_bytes_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);
	if (c)
		return c;
	return an < bn ? -1 : an > bn;
}

/* Keys that became equal through U+FFFD replacement: the JSON object has
 * them in byte order of the original keys and go-yaml keeps the last. */
static int ye_ent_dup_cmp(const void *x, const void *y)
{
	const struct ye_ent *a = x, *b = y;
	int c = ye_bytes_cmp(a->k, a->kn, b->k, b->kn);
	return c ? c : ye_bytes_cmp(a->ok, a->okn, b->ok, b->okn);
}

/* ------------------------------------------------------------------------
 * Phase 2: events for libyaml's emitter.
 * ---------------------------------------------------------------------- */

enum ye_quirk_kind {
	YE_Q_BOM,    /* double-quoted scalar starting with U+FEFF */
	YE_Q_SQUOTE, /* single-quoted scalar ending in U+2028/U+2029 */
};

struct ye_quirk {
	enum ye_quirk_kind kind;
	const char *text; /* YE_Q_BOM: go-yaml's escaped body */
	size_t len;
};

struct ye_emit {
	struct arena *a;
	yaml_emitter_t em;
	int pass;         /* 0: first (records quirks), 1: second (swapped placeholders) */
	struct ye_quirk *q;
	size_t nq, capq;
	struct sb num;
	bool failed;
};

/* yaml_emitter_emit owns the event from here on, even when it fails. */
static void ye_event(struct ye_emit *e, yaml_event_t *ev)
{
	if (e->failed)
		yaml_event_delete(ev);
	else if (!yaml_emitter_emit(&e->em, ev))
		e->failed = true;
}

static void ye_scalar(struct ye_emit *e, const char *s, size_t n, yaml_scalar_style_t style)
{
	yaml_event_t ev;
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)(uintptr_t)s, (int)n, 1, 1,
					  style)) {
		e->failed = true;
		return;
	}
	ye_event(e, &ev);
}

static void ye_add_quirk(struct ye_emit *e, enum ye_quirk_kind kind, const char *text, size_t len)
{
	if (e->pass != 0)
		return;
	if (e->nq == e->capq) {
		size_t cap = e->capq ? e->capq * 2 : 8;
		e->q = arena_grow(e->a, e->q, e->capq * sizeof(*e->q), cap * sizeof(*e->q));
		e->capq = cap;
	}
	e->q[e->nq].kind = kind;
	e->q[e->nq].text = text;
	e->q[e->nq].len = len;
	e->nq++;
}

/* go-yaml's double-quoted writer tests is_bom(value, i), which looks at the
 * first three bytes whatever i is: a string that starts with U+FEFF has every
 * character escaped.  libyaml tests the current character. */
static const char *ye_bom_escape(struct arena *a, const char *s, size_t n, size_t *outn)
{
	static const char hex[] = "0123456789ABCDEF";
	char *o = arena_alloc(a, n * 10 + 1);
	size_t on = 0;
	for (size_t i = 0; i < n;) {
		size_t w;
		int32_t r = ye_rune(s, n, i, &w);
		i += w;
		o[on++] = '\\';
		char c = 0;
		switch (r) {
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
			o[on++] = c;
			continue;
		}
		int digits = r <= 0xFF ? 2 : r <= 0xFFFF ? 4 : 8;
		o[on++] = digits == 2 ? 'x' : digits == 4 ? 'u' : 'U';
		for (int k = (digits - 1) * 4; k >= 0; k -= 4)
			o[on++] = hex[((uint32_t)r >> k) & 0xF];
	}
	o[on] = '\0';
	*outn = on;
	return o;
}

/* Whether the emitter writes s (plain requested, not allowed because of its
 * line break) single-quoted: yaml_emitter_analyze_scalar allows single
 * quotes unless a character is not printable or a space touches a break. */
static bool ye_single_quote_allowed(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	bool prev_space = false, prev_break = false;
	for (size_t i = 0; i < n;) {
		size_t w;
		int32_t r = ye_rune(s, n, i, &w);
		if (!ye_printable(r))
			return false;
		size_t bw = ye_break_width(p, i, n);
		if (r == ' ') {
			if (prev_break)
				return false;
			prev_space = true;
			prev_break = false;
		} else if (bw) {
			if (prev_space)
				return false;
			prev_space = false;
			prev_break = true;
		} else {
			prev_space = prev_break = false;
		}
		i += w;
	}
	return true;
}

static bool ye_ends_in_ls_ps(const unsigned char *p, size_t n)
{
	return n >= 3 && p[n - 3] == 0xE2 && p[n - 2] == 0x80 && (p[n - 1] == 0xA8 || p[n - 1] == 0xA9);
}

static bool ye_has_break(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n; i++)
		if (ye_break_width(p, i, n))
			return true;
	return false;
}

/* encode.go stringv: literal if the text has "\n", plain if the resolver
 * reads it back as a string and it is no base-60 float, else double-quoted;
 * the emitter may still fall back to quotes (select_scalar_style). */
static void ye_string(struct ye_emit *e, const char *s, size_t n, bool is_key)
{
	const unsigned char *p = (const unsigned char *)s;
	yaml_scalar_style_t style;
	if (memchr(s, '\n', n)) {
		style = YAML_LITERAL_SCALAR_STYLE;
	} else {
		struct yaml_resolved r;
		yaml_resolve_plain(s, n, &r);
		style = (r.tag == YAML_R_STR && !yaml_is_base60_float(s, n)) ? YAML_PLAIN_SCALAR_STYLE
									     : YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	}

	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		/* U+FEFF is not printable: always double-quoted.  Emit a
		 * placeholder with the same layout (simple key or not, column
		 * past 80 or not) and splice go-yaml's text in afterwards. */
		size_t en;
		const char *esc = ye_bom_escape(e->a, s, n, &en);
		size_t len = en;
		if (is_key) {
			bool simple = !ye_has_break(s, n) && n <= 128;
			if (simple && len > 128)
				len = 128;
			if (!simple && len < 129)
				len = 129;
		}
		ye_add_quirk(e, YE_Q_BOM, esc, en);
		char *ph = arena_alloc(e->a, len + 1);
		memset(ph, e->pass == 0 ? 'a' : 'b', len);
		ph[len] = '\0';
		ye_scalar(e, ph, len, YAML_DOUBLE_QUOTED_SCALAR_STYLE);
		return;
	}
	if (style == YAML_PLAIN_SCALAR_STYLE && ye_ends_in_ls_ps(p, n) && ye_single_quote_allowed(s, n)) {
		/* libyaml indents before the closing quote after a break,
		 * go-yaml does not: mark the final break (U+2028 <-> U+2029 in
		 * the second pass) and drop those spaces afterwards. */
		ye_add_quirk(e, YE_Q_SQUOTE, NULL, 0);
		if (e->pass == 1) {
			char *t = arena_memdup(e->a, s, n);
			t[n - 1] = (char)(p[n - 1] == 0xA8 ? 0xA9 : 0xA8);
			s = t;
		}
	}
	ye_scalar(e, s, n, style);
}

static const char *ye_base64(struct arena *a, const char *s, size_t n, size_t *outn)
{
	struct sb b = SB_INIT;
	b64_encode(&b, s, n);
	const char *o = arena_memdup(a, b.buf ? b.buf : "", b.len);
	*outn = b.len;
	sb_release(&b);
	return o;
}

/* A float64 after the round trip: json.Marshal's text, read by go-yaml's
 * resolver as int (fits int64), uint64, or else float64 printed with
 * FormatFloat(f, 'g', -1, 64).  "-0" reads as the int 0. */
static void ye_float_text(struct sb *out, double f)
{
	sb_reset(out);
	strconv_json_float(out, f);
	const char *t = out->buf;
	size_t n = out->len;
	if (!memchr(t, '.', n) && !memchr(t, 'e', n) && !memchr(t, 'E', n)) {
		bool neg = t[0] == '-';
		size_t digits = n - neg;
		/* int64 holds 19 digits up to 9223372036854775807 (one more when
		 * negative), uint64 20 up to 18446744073709551615; json never
		 * writes leading zeros, so digit strings compare as numbers */
		bool fits;
		if (digits < 19)
			fits = true;
		else if (digits == 19)
			fits = !neg || strcmp(t + 1, "9223372036854775808") <= 0;
		else
			fits = digits == 20 && !neg && strcmp(t, "18446744073709551615") <= 0;
		if (fits) {
			if (n == 2 && neg && t[1] == '0') {
				sb_reset(out);
				sb_addc(out, '0');
			}
			return;
		}
	}
	sb_reset(out);
	strconv_format_float(out, f, 'g', -1);
}

static void ye_node(struct ye_emit *e, val v);

static void ye_map(struct ye_emit *e, val v)
{
	yaml_event_t ev;
	size_t n = val_map_len(v);
	struct ye_ent *ents = n ? arena_alloc(e->a, n * sizeof(*ents)) : NULL;
	bool changed = false;
	for (size_t i = 0; i < n; i++) {
		const struct val_map_entry *me = val_map_entry_at(v, i);
		ents[i].ok = me->key;
		ents[i].okn = me->klen;
		ents[i].k = ye_round_trip(e->a, me->key, me->klen, &ents[i].kn);
		ents[i].v = me->v;
		if (ents[i].k != me->key)
			changed = true;
	}
	if (changed && n > 1) {
		qsort(ents, n, sizeof(*ents), ye_ent_dup_cmp);
		size_t m = 0;
		for (size_t i = 0; i < n; i++) {
			if (m && ents[m - 1].kn == ents[i].kn && memcmp(ents[m - 1].k, ents[i].k, ents[i].kn) == 0)
				ents[m - 1] = ents[i];
			else
				ents[m++] = ents[i];
		}
		n = m;
	}
	if (n > 1)
		qsort(ents, n, sizeof(*ents), ye_ent_cmp);

	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
	ye_event(e, &ev);
	for (size_t i = 0; i < n && !e->failed; i++) {
		ye_string(e, ents[i].k, ents[i].kn, true);
		ye_node(e, ents[i].v);
	}
	yaml_mapping_end_event_initialize(&ev);
	ye_event(e, &ev);
}

static void ye_node(struct ye_emit *e, val v)
{
	yaml_event_t ev;
	if (e->failed)
		return;
	switch ((enum val_kind)v.kind) {
	case VAL_NULL:
		ye_scalar(e, "null", 4, YAML_PLAIN_SCALAR_STYLE);
		return;
	case VAL_BOOL:
		if (v.u.b)
			ye_scalar(e, "true", 4, YAML_PLAIN_SCALAR_STYLE);
		else
			ye_scalar(e, "false", 5, YAML_PLAIN_SCALAR_STYLE);
		return;
	case VAL_INT:
		sb_reset(&e->num);
		if (v.gotype == GT_UINT64)
			strconv_format_uint(&e->num, (uint64_t)v.u.i, 10);
		else
			strconv_format_int(&e->num, v.u.i, 10);
		ye_scalar(e, e->num.buf, e->num.len, YAML_PLAIN_SCALAR_STYLE);
		return;
	case VAL_FLOAT:
		ye_float_text(&e->num, v.u.f);
		ye_scalar(e, e->num.buf, e->num.len, YAML_PLAIN_SCALAR_STYLE);
		return;
	case VAL_STRING: {
		size_t n;
		const char *s;
		if (v.gotype == GT_BYTES)
			s = ye_base64(e->a, v.u.s, v.len, &n);
		else
			s = ye_round_trip(e->a, v.u.s, v.len, &n);
		ye_string(e, s, n, false);
		return;
	}
	case VAL_LIST:
		yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
		ye_event(e, &ev);
		for (size_t i = 0; i < val_list_len(v) && !e->failed; i++)
			ye_node(e, val_list_at(v, i));
		yaml_sequence_end_event_initialize(&ev);
		ye_event(e, &ev);
		return;
	case VAL_MAP:
		ye_map(e, v);
		return;
	case VAL_OPAQUE:
	default:
		e->failed = true; /* phase 1 already refused it */
		return;
	}
}

static int ye_write_handler(void *data, unsigned char *buffer, size_t size)
{
	sb_add(data, buffer, size);
	return 1;
}

/* One run of the emitter over v, appending to out. */
static bool ye_emit_doc(struct ye_emit *e, val v, struct sb *out)
{
	yaml_event_t ev;
	e->failed = false;
	if (!yaml_emitter_initialize(&e->em))
		return false;
	yaml_emitter_set_output(&e->em, ye_write_handler, out);
	/* go-yaml: unicode on, best_indent 2, best_width 80, "\n" */
	yaml_emitter_set_unicode(&e->em, 1);
	yaml_emitter_set_indent(&e->em, 2);
	yaml_emitter_set_width(&e->em, 80);
	yaml_emitter_set_break(&e->em, YAML_LN_BREAK);

	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	ye_event(e, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	ye_event(e, &ev);
	ye_node(e, v);
	yaml_document_end_event_initialize(&ev, 1);
	ye_event(e, &ev);
	/* encode.go finish(): go-yaml clears open_ended before STREAM-END, so
	 * it never writes the "..." libyaml adds after a "|+" block */
	e->em.open_ended = 0;
	yaml_stream_end_event_initialize(&ev);
	ye_event(e, &ev);
	yaml_emitter_delete(&e->em);
	return !e->failed;
}

/* Both runs differ exactly at the placeholders: replace each with go-yaml's
 * text, in emission order. */
static bool ye_splice(const struct ye_emit *e, const char *a, const char *b, size_t n, struct sb *out)
{
	size_t qi = 0, i = 0;
	while (i < n) {
		if (a[i] == b[i]) {
			size_t j = i;
			while (j < n && a[j] == b[j])
				j++;
			sb_add(out, a + i, j - i);
			i = j;
			continue;
		}
		size_t j = i;
		while (j < n && a[j] != b[j])
			j++;
		if (qi >= e->nq)
			return false;
		const struct ye_quirk *q = &e->q[qi++];
		if (q->kind == YE_Q_BOM) {
			sb_add(out, q->text, q->len);
			i = j;
		} else {
			sb_add(out, a + i, j - i);
			size_t k = j;
			while (k < n && a[k] == ' ')
				k++;
			i = (k < n && a[k] == '\'') ? k : j;
		}
	}
	return qi == e->nq;
}

int val_to_yaml(struct arena *a, val v, struct sb *out, struct sb *err)
{
	struct ye_check c = { .a = a, .num = SB_INIT };
	ye_check_value(&c, v, NULL, 0);
	sb_release(&c.num);
	if (c.json_err) {
		sb_adds(err, "error marshaling into JSON: ");
		sb_adds(err, c.json_err);
		return -1;
	}
	if (c.bad && (!c.perr || c.bad_pos / YE_READER_CHUNK <= (c.perr_pos + 3) / YE_READER_CHUNK)) {
		sb_adds(err, "yaml: ");
		sb_adds(err, YE_ERR_CONTROL);
		return -1;
	}
	if (c.perr) {
		size_t line = c.perr_line;
		if (line)
			sb_addf(err, "yaml: line %zu: %s", line, c.perr_msg);
		else
			sb_addf(err, "yaml: %s", c.perr_msg);
		return -1;
	}

	struct ye_emit e = { .a = a, .num = SB_INIT };
	size_t start = out->len;
	bool ok = ye_emit_doc(&e, v, out);
	if (ok && e.nq) {
		struct sb second = SB_INIT, first = SB_INIT;
		e.pass = 1;
		ok = ye_emit_doc(&e, v, &second);
		if (ok && second.len == out->len - start) {
			sb_add(&first, out->buf + start, out->len - start);
			sb_setlen(out, start);
			ok = ye_splice(&e, first.buf, second.buf, first.len, out);
		} else {
			ok = false;
		}
		sb_release(&first);
		sb_release(&second);
	}
	sb_release(&e.num);
	if (!ok) {
		sb_setlen(out, start);
		sb_adds(err, "yaml: unknown problem generating YAML content");
		return -1;
	}
	return 0;
}
