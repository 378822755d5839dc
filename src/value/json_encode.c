/* json_encode.c — encoding/json Marshal, MarshalIndent and Encoder output of
 * a value, byte for byte (Go 1.23+ encode.go and indent.go): sorted map keys,
 * appendString's escaping, floatEncoder's number text, []byte as base64 and
 * the cycle check that starts after 1000 nested maps/slices. */
#include "value/codec.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base64.h"
#include "base/strconv.h"
#include "base/utf8.h"
#include "base/xalloc.h"

/* encode.go startDetectingCyclesAfter */
#define JSON_CYCLE_LEVEL 1000

struct je {
	struct arena *a;
	struct sb *out;
	bool html;
	const char *prefix, *indent; /* indent == NULL: compact */
	size_t plen, ilen;
	unsigned level; /* encodeState.ptrLevel */
	const void **seen; /* ancestors met past JSON_CYCLE_LEVEL (ptrSeen) */
	size_t nseen, cseen;
	struct sb *err;
};

static const char hexdig[] = "0123456789abcdef";

/* encode.go htmlSafeSet / safeSet: the ASCII bytes appendString copies as
 * they are. */
static inline bool safe_byte(unsigned char c, bool html)
{
	if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\')
		return false;
	return !html || (c != '<' && c != '>' && c != '&');
}

/* appendString's loop over the rest of a string that needs escaping. */
static void je_string_escape(struct sb *out, const char *s, size_t n, bool html)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t start = 0, i = 0;
	while (i < n) {
		unsigned char b = p[i];
		if (b < 0x80) {
			if (safe_byte(b, html)) {
				i++;
				continue;
			}
			sb_add(out, s + start, i - start);
			char e[6] = { '\\', 0, 0, 0, 0, 0 };
			size_t en = 2;
			switch (b) {
			case '\\': case '"': e[1] = (char)b; break;
			case '\b': e[1] = 'b'; break;
			case '\f': e[1] = 'f'; break;
			case '\n': e[1] = 'n'; break;
			case '\r': e[1] = 'r'; break;
			case '\t': e[1] = 't'; break;
			default:
				e[1] = 'u';
				e[2] = '0';
				e[3] = '0';
				e[4] = hexdig[b >> 4];
				e[5] = hexdig[b & 15];
				en = 6;
			}
			sb_add(out, e, en);
			start = ++i;
			continue;
		}
		size_t w;
		int32_t r = utf8_decode(s + i, n - i, &w);
		if (r == UTF8_RUNE_ERROR && w == 1) {
			sb_add(out, s + start, i - start);
			sb_add(out, "\\ufffd", 6);
			start = ++i;
			continue;
		}
		if (r == 0x2028 || r == 0x2029) {
			sb_add(out, s + start, i - start);
			sb_add(out, r == 0x2028 ? "\\u2028" : "\\u2029", 6);
			i += w;
			start = i;
			continue;
		}
		i += w;
	}
	sb_add(out, s + start, n - start);
}

/* encode.go appendString: short escapes for \" \\ \b \f \n \r \t, \u00XX for
 * other control bytes (and < > & with html), U+2028/U+2029 always escaped,
 * each invalid UTF-8 byte as \ufffd.  Plain ASCII is one copy. */
static void je_string(struct sb *out, const char *s, size_t n, bool html)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n && safe_byte(p[i], html))
		i++;
	sb_grow(out, n + 2);
	char *w = out->buf + out->len;
	*w++ = '"';
	memcpy(w, s, i);
	out->len += i + 1;
	if (i < n)
		je_string_escape(out, s + i, n - i, html);
	sb_addc_fast(out, '"');
}

/* encodeByteSlice: base64.StdEncoding with padding, quoted. */
static void je_base64(struct sb *out, const unsigned char *p, size_t n)
{
	sb_addc(out, '"');
	b64_encode(out, p, n);
	sb_addc(out, '"');
}

/* indent.go newline(): what MarshalIndent's re-indentation puts after '{',
 * '[' and ',' — a newline, the prefix, then indent once per depth. */
static void je_newline(struct je *e, unsigned depth)
{
	sb_addc_fast(e->out, '\n');
	sb_add(e->out, e->prefix, e->plen);
	for (unsigned i = 0; i < depth; i++)
		sb_add(e->out, e->indent, e->ilen);
}

/* The Go type UnsupportedValueError names in a cycle error (v.Type()). */
static const char *je_type_name(val v)
{
	if (v.kind == VAL_MAP)
		return v.gotype == GT_VALUES ? "chartutil.Values" : "map[string]interface {}";
	return v.gotype == GT_STRINGS ? "[]string" : "[]interface {}";
}

/* mapEncoder/sliceEncoder bookkeeping: past 1000 levels, meeting an
 * ancestor again is a cycle. */
static int je_enter(struct je *e, val v, const void *ptr)
{
	if (++e->level <= JSON_CYCLE_LEVEL)
		return 0;
	for (size_t i = 0; i < e->nseen; i++) {
		if (e->seen[i] == ptr) {
			sb_adds(e->err, "json: unsupported value: encountered a cycle via ");
			sb_adds(e->err, je_type_name(v));
			return -1;
		}
	}
	if (e->nseen == e->cseen) {
		e->cseen = xgrow(e->cseen, e->nseen + 1);
		e->seen = xrealloc(e->seen, e->cseen * sizeof(*e->seen));
	}
	e->seen[e->nseen++] = ptr;
	return 0;
}

static void je_leave(struct je *e)
{
	if (e->level-- > JSON_CYCLE_LEVEL)
		e->nseen--;
}

static int je_value(struct je *e, val v, unsigned depth)
{
	struct sb *out = e->out;
	switch ((enum val_kind)v.kind) {
	case VAL_NULL:
		sb_add(out, "null", 4);
		return 0;
	case VAL_BOOL:
		if (v.u.b)
			sb_add(out, "true", 4);
		else
			sb_add(out, "false", 5);
		return 0;
	case VAL_INT:
		if (v.gotype == GT_UINT64)
			strconv_format_uint(out, (uint64_t)v.u.i, 10);
		else
			strconv_format_int(out, v.u.i, 10);
		return 0;
	case VAL_FLOAT:
		if (isnan(v.u.f) || isinf(v.u.f)) {
			/* floatEncoder: FormatFloat(f, 'g', -1, 64) in the message */
			sb_adds(e->err, "json: unsupported value: ");
			sb_adds(e->err, isnan(v.u.f) ? "NaN" : v.u.f > 0 ? "+Inf" : "-Inf");
			return -1;
		}
		strconv_json_float(out, v.u.f);
		return 0;
	case VAL_STRING:
		if (v.gotype == GT_BYTES)
			je_base64(out, (const unsigned char *)v.u.s, v.len);
		else
			je_string(out, v.u.s, v.len, e->html);
		return 0;
	case VAL_LIST: {
		const struct val_list *l = v.u.l;
		if (l->len == 0) {
			sb_add(out, "[]", 2);
			return 0;
		}
		if (je_enter(e, v, l) < 0)
			return -1;
		sb_addc_fast(out, '[');
		for (uint32_t i = 0; i < l->len; i++) {
			if (i)
				sb_addc_fast(out, ',');
			if (e->indent)
				je_newline(e, depth + 1);
			if (je_value(e, l->items[i], depth + 1) < 0)
				return -1;
		}
		if (e->indent)
			je_newline(e, depth);
		sb_addc_fast(out, ']');
		je_leave(e);
		return 0;
	}
	case VAL_MAP: {
		size_t n = val_map_len(v);
		if (n == 0) {
			sb_add(out, "{}", 2);
			return 0;
		}
		if (je_enter(e, v, v.u.m) < 0)
			return -1;
		/* a Go struct marshals its fields in declaration order */
		const uint32_t *order = (v.flags & VAL_F_STRUCT) ? NULL : val_map_order(e->a, v);
		sb_addc_fast(out, '{');
		for (size_t i = 0; i < n; i++) {
			const struct val_map_entry *en = val_map_entry_at(v, order ? order[i] : i);
			if (i)
				sb_addc_fast(out, ',');
			if (e->indent)
				je_newline(e, depth + 1);
			je_string(out, en->key, en->klen, e->html);
			if (e->indent)
				sb_add(out, ": ", 2);
			else
				sb_addc_fast(out, ':');
			if (je_value(e, en->v, depth + 1) < 0)
				return -1;
		}
		if (e->indent)
			je_newline(e, depth);
		sb_addc_fast(out, '}');
		je_leave(e);
		return 0;
	}
	case VAL_OPAQUE:
		break;
	}
	/* Host objects are the template engine's to turn into values first. */
	sb_adds(e->err, "json: unsupported type: ");
	sb_adds(e->err, val_kind_name((enum val_kind)v.kind));
	return -1;
}

int val_to_json(struct arena *a, val v, int flags, const char *prefix, const char *indent,
		struct sb *out, struct sb *err)
{
	struct je e = { 0 };
	e.a = a;
	e.out = out;
	e.html = (flags & VAL_JSON_ESCAPE_HTML) != 0;
	e.indent = indent;
	e.prefix = prefix ? prefix : "";
	e.plen = strlen(e.prefix);
	e.ilen = indent ? strlen(indent) : 0;
	e.err = err;
	size_t start = out->len;
	int rc = je_value(&e, v, 0);
	if (rc < 0)
		sb_setlen(out, start); /* Marshal returns no bytes on error */
	free(e.seen);
	return rc;
}
