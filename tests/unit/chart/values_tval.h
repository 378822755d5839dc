/* values_tval.h — the "tval" notation of tests/oracle/values/tval.go, which
 * keeps Go types visible (i5 is int64, f5 is float64): read and written by
 * the values and strvals tests. */
#ifndef COZY_TEST_VALUES_TVAL_H
#define COZY_TEST_VALUES_TVAL_H

#include <stdbool.h>
#include <string.h>

#include "base/quote.h"
#include "base/strconv.h"
#include "base/strconv_parse.h"
#include "base/utf8.h"
#include "value/value.h"

static inline void tval_dump(struct arena *a, struct sb *out, val v)
{
	switch (v.kind) {
	case VAL_NULL:
		sb_adds(out, "null");
		break;
	case VAL_BOOL:
		sb_adds(out, v.u.b ? "true" : "false");
		break;
	case VAL_INT:
		sb_addc(out, 'i');
		strconv_format_int(out, v.u.i, 10);
		break;
	case VAL_FLOAT:
		sb_addc(out, 'f');
		strconv_format_float(out, v.u.f, 'g', -1);
		break;
	case VAL_STRING:
		strconv_append_quote(out, v.u.s, v.len);
		break;
	case VAL_LIST:
		sb_addc(out, '[');
		for (size_t i = 0; i < val_list_len(v); i++) {
			if (i)
				sb_addc(out, ',');
			tval_dump(a, out, val_list_at(v, i));
		}
		sb_addc(out, ']');
		break;
	case VAL_MAP: {
		const uint32_t *ord = val_map_order(a, v);
		size_t n = val_map_len(v);
		uint32_t *copy = arena_alloc(a, (n + 1) * sizeof(*copy));
		memcpy(copy, ord, n * sizeof(*copy));
		sb_addc(out, '{');
		for (size_t i = 0; i < n; i++) {
			const struct val_map_entry *e = val_map_entry_at(v, copy[i]);
			if (i)
				sb_addc(out, ',');
			strconv_append_quote(out, e->key, e->klen);
			sb_addc(out, ':');
			tval_dump(a, out, e->v);
		}
		sb_addc(out, '}');
		break;
	}
	default:
		sb_adds(out, "?");
	}
}

struct tval_rd {
	const char *s;
	size_t n, i;
	bool bad;
};

static inline bool tval_quoted(struct arena *a, struct tval_rd *r, const char **out, size_t *len)
{
	struct sb b = SB_INIT;
	if (r->i >= r->n || r->s[r->i] != '"')
		return false;
	r->i++;
	while (r->i < r->n && r->s[r->i] != '"') {
		int32_t c;
		bool multi;
		size_t used;
		if (!strconv_unquote_char(r->s + r->i, r->n - r->i, '"', &c, &multi, &used)) {
			sb_release(&b);
			return false;
		}
		if (!multi && c < 0x100 && r->s[r->i] == '\\' && r->s[r->i + 1] == 'x') {
			sb_addc(&b, (char)c); /* \xHH is a raw byte */
		} else if (!multi && c < 0x80) {
			sb_addc(&b, (char)c);
		} else if (r->s[r->i] != '\\' && c == UTF8_RUNE_ERROR) {
			sb_add(&b, r->s + r->i, used);
		} else {
			char u[4];
			sb_add(&b, u, utf8_encode(c, u));
		}
		r->i += used;
	}
	if (r->i >= r->n) {
		sb_release(&b);
		return false;
	}
	r->i++;
	*out = arena_memdup(a, b.buf, b.len);
	*len = b.len;
	sb_release(&b);
	return true;
}

static inline val tval_read(struct arena *a, struct tval_rd *r)
{
	if (r->i >= r->n) {
		r->bad = true;
		return val_null();
	}
	const char *p = r->s + r->i;
	size_t left = r->n - r->i;
	if (left >= 4 && memcmp(p, "null", 4) == 0) {
		r->i += 4;
		return val_null();
	}
	if (left >= 4 && memcmp(p, "true", 4) == 0) {
		r->i += 4;
		return val_bool(true);
	}
	if (left >= 5 && memcmp(p, "false", 5) == 0) {
		r->i += 5;
		return val_bool(false);
	}
	if (*p == 'i' || *p == 'f') {
		size_t j = 1;
		while (j < left && !strchr(",]}", p[j]))
			j++;
		r->i += j;
		if (*p == 'i') {
			int64_t x = 0;
			if (strconv_parse_int(p + 1, j - 1, 10, 64, &x) != STRCONV_OK)
				r->bad = true;
			return val_int(x);
		}
		double d = 0;
		if (strconv_parse_float(p + 1, j - 1, &d) != STRCONV_OK)
			r->bad = true;
		return val_float(d);
	}
	if (*p == '"') {
		const char *s;
		size_t len;
		if (!tval_quoted(a, r, &s, &len)) {
			r->bad = true;
			return val_null();
		}
		return val_str_ref(s, len);
	}
	if (*p == '[') {
		val l = val_list_new(a, 0);
		r->i++;
		if (r->i < r->n && r->s[r->i] == ']') {
			r->i++;
			return l;
		}
		for (;;) {
			val_list_push(a, l, tval_read(a, r));
			if (r->bad || r->i >= r->n) {
				r->bad = true;
				return l;
			}
			if (r->s[r->i++] == ']')
				return l;
		}
	}
	if (*p == '{') {
		val m = val_map_new(a, 0);
		r->i++;
		if (r->i < r->n && r->s[r->i] == '}') {
			r->i++;
			return m;
		}
		for (;;) {
			const char *k;
			size_t kl;
			if (!tval_quoted(a, r, &k, &kl) || r->i >= r->n || r->s[r->i] != ':') {
				r->bad = true;
				return m;
			}
			r->i++;
			val v = tval_read(a, r);
			val_map_set(a, m, k, kl, v);
			if (r->bad || r->i >= r->n) {
				r->bad = true;
				return m;
			}
			if (r->s[r->i++] == '}')
				return m;
		}
	}
	r->bad = true;
	return val_null();
}

/* Parse a whole tval text; false if malformed. */
static inline bool tval_parse(struct arena *a, const char *s, size_t n, val *out)
{
	struct tval_rd r = { s, n, 0, false };
	*out = tval_read(a, &r);
	return !r.bad && r.i == n;
}

#endif
