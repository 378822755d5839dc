/* json_decode.c — json.Unmarshal(data, &v) with v an interface{}, the way
 * encoding/json (Go 1.23+) does it: one pass over the bytes builds the value
 * straight into the arena while reproducing scanner.go's error for the first
 * bad byte, and decode.go's float64 conversion and string unquoting. */
#include "value/codec.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hex.h"
#include "base/utf8.h"
#include "base/xalloc.h"

/* scanner.go maxNestingDepth: the 10001st open bracket is an error. */
#define JSON_MAX_DEPTH 10000

struct jd_frame {
	uint32_t base; /* first stack slot of this container */
	bool is_map;
};

struct jd {
	struct arena *a;
	const unsigned char *p, *end;
	struct sb *err;
	/* Items of the open containers (maps push key then value). */
	val *stk;
	size_t sn, scap;
	struct jd_frame *fr;
	size_t fn, fcap;
	/* decode.go saveError: the first number out of float64 range, reported
	 * only if the whole input is well-formed (checkValid runs first). */
	const unsigned char *range_p;
	size_t range_n;
	struct sb scratch;
	/* String bytes are packed back to back in pool blocks (no 16-byte
	 * rounding per string) and short plain strings are shared through a
	 * small direct-mapped cache: keys repeat a lot and strings are
	 * immutable, so sharing cannot be observed. */
	char *pool, *pool_end;
	size_t pool_block;
	struct jd_intern *intern;
	size_t nstrings;
};

#define JD_INTERN_SLOTS 1024 /* power of two */
#define JD_INTERN_MAX 32     /* longer strings are rarely repeated */
#define JD_INTERN_AFTER 128  /* small inputs never pay for the cache */

struct jd_intern {
	const char *p;
	uint32_t len;
	uint32_t hash;
};

/* scanner.go quoteChar: strconv.Quote of the byte taken as a rune (so bytes
 * >= 0x80 are Latin-1 code points), without the double quotes. */
static void quote_char(struct sb *out, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	sb_addc(out, '\'');
	switch (c) {
	case '\'': sb_adds(out, "\\'"); break;
	case '"': sb_addc(out, '"'); break;
	case '\\': sb_adds(out, "\\\\"); break;
	case '\a': sb_adds(out, "\\a"); break;
	case '\b': sb_adds(out, "\\b"); break;
	case '\f': sb_adds(out, "\\f"); break;
	case '\n': sb_adds(out, "\\n"); break;
	case '\r': sb_adds(out, "\\r"); break;
	case '\t': sb_adds(out, "\\t"); break;
	case '\v': sb_adds(out, "\\v"); break;
	default:
		if (c < 0x20 || c == 0x7f) {
			char b[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };
			sb_add(out, b, 4);
		} else if (c < 0x80) {
			sb_addc(out, (char)c);
		} else if (c < 0xa1 || c == 0xad) {
			/* C1 controls, NBSP and soft hyphen are not strconv.IsPrint */
			char b[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
			sb_add(out, b, 6);
		} else {
			char b[2] = { (char)(0xc0 | (c >> 6)), (char)(0x80 | (c & 0x3f)) };
			sb_add(out, b, 2);
		}
	}
	sb_addc(out, '\'');
}

/* scanner.error: "invalid character 'x' <context>". */
static int jd_syntax(struct jd *d, unsigned char c, const char *context)
{
	sb_adds(d->err, "invalid character ");
	quote_char(d->err, c);
	sb_addc(d->err, ' ');
	sb_adds(d->err, context);
	return -1;
}

/* scanner.eof when the pending state accepts a space. */
static int jd_eof(struct jd *d)
{
	sb_adds(d->err, "unexpected end of JSON input");
	return -1;
}

/* The byte at p, or the space scanner.eof feeds the state at end of input. */
static inline unsigned char jd_peek(const struct jd *d, const unsigned char *p)
{
	return p < d->end ? *p : ' ';
}

static inline void jd_skip_ws(struct jd *d)
{
	const unsigned char *p = d->p, *end = d->end;
	while (p < end && (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r'))
		p++;
	d->p = p;
}

static void jd_push(struct jd *d, val v)
{
	if (d->sn == d->scap) {
		d->scap = xgrow(d->scap, d->sn + 1);
		d->stk = xrealloc(d->stk, d->scap * sizeof(*d->stk));
	}
	d->stk[d->sn++] = v;
}

static inline bool is_hex(unsigned char c)
{
	return hex_val(c) >= 0;
}

/* getu4 on a \uXXXX the scanner already checked; -1 if p does not start one. */
static int32_t get_u4(const unsigned char *p, const unsigned char *end)
{
	if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
		return -1;
	int32_t r = 0;
	for (int i = 2; i < 6; i++) {
		if (!is_hex(p[i]))
			return -1;
		r = r * 16 + hex_val(p[i]);
	}
	return r;
}

/* Room for cap string bytes; jd_commit() then keeps what was used. */
static char *jd_room(struct jd *d, size_t cap)
{
	if ((size_t)(d->pool_end - d->pool) >= cap)
		return d->pool;
	if (cap > d->pool_block / 4)
		return arena_alloc(d->a, cap); /* own block, shrunk by jd_commit */
	d->pool = arena_alloc(d->a, d->pool_block);
	d->pool_end = d->pool + d->pool_block;
	return d->pool;
}

static void jd_commit(struct jd *d, char *p, size_t cap, size_t used)
{
	if (p == d->pool)
		d->pool += used;
	else if (p == d->a->last)
		arena_grow(d->a, p, cap, used); /* shrinks in place */
}

/* A copy of the plain (escape-free, valid UTF-8) string s[0..n). */
static val jd_copy(struct jd *d, const unsigned char *s, size_t n)
{
	struct jd_intern *slot = NULL;
	uint32_t h = 0;
	if (n <= JD_INTERN_MAX) {
		if (!d->intern && ++d->nstrings > JD_INTERN_AFTER)
			d->intern = xcalloc(JD_INTERN_SLOTS, sizeof(*d->intern));
		if (d->intern) {
			h = val_hash_bytes((const char *)s, n);
			slot = &d->intern[h & (JD_INTERN_SLOTS - 1)];
			if (slot->p && slot->hash == h && slot->len == n && memcmp(slot->p, s, n) == 0)
				return val_str_ref(slot->p, n);
		}
	}
	char *p = jd_room(d, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	jd_commit(d, p, n + 1, n + 1);
	if (slot) {
		slot->p = p;
		slot->len = (uint32_t)n;
		slot->hash = h;
	}
	return val_str_ref(p, n);
}

/* decode.go unquote of the checked body s[0..n): escapes, surrogate pairs
 * (a lone surrogate becomes U+FFFD), invalid UTF-8 bytes as U+FFFD each. */
static val unquote_slow(struct jd *d, const unsigned char *s, size_t n)
{
	/* an invalid byte grows to 3 bytes; every escape shrinks */
	size_t cap = 3 * n + 1;
	char *out = jd_room(d, cap);
	size_t w = 0;
	const unsigned char *p = s, *end = s + n;
	while (p < end) {
		unsigned char c = *p;
		if (c == '\\') {
			unsigned char e = p[1];
			p += 2;
			switch (e) {
			case 'b': out[w++] = '\b'; break;
			case 'f': out[w++] = '\f'; break;
			case 'n': out[w++] = '\n'; break;
			case 'r': out[w++] = '\r'; break;
			case 't': out[w++] = '\t'; break;
			case 'u': {
				int32_t r = get_u4(p - 2, end);
				p += 4;
				if (r >= 0xD800 && r < 0xE000) {
					int32_t r2 = get_u4(p, end);
					if (r < 0xDC00 && r2 >= 0xDC00 && r2 < 0xE000) {
						r = 0x10000 + ((r - 0xD800) << 10) + (r2 - 0xDC00);
						p += 6;
					} else {
						r = UTF8_RUNE_ERROR;
					}
				}
				w += utf8_encode(r, out + w);
				break;
			}
			default: /* " \ / */
				out[w++] = (char)e;
			}
		} else if (c < 0x80) {
			out[w++] = (char)c;
			p++;
		} else {
			size_t width;
			int32_t r = utf8_decode((const char *)p, (size_t)(end - p), &width);
			if (r == UTF8_RUNE_ERROR && width == 1) {
				w += utf8_encode(UTF8_RUNE_ERROR, out + w);
			} else {
				memcpy(out + w, p, width);
				w += width;
			}
			p += width;
		}
	}
	out[w] = '\0';
	jd_commit(d, out, cap, w + 1);
	return val_str_ref(out, w);
}

/* A string literal at d->p (which is '"'): scanner states InString*, then
 * unquote.  Copies into the arena; the input may not outlive the value. */
static int jd_string(struct jd *d, val *out)
{
	const unsigned char *s = d->p + 1, *p = s, *end = d->end;
	bool esc = false, ascii = true;
	for (;;) {
		/* fast scan over the common bytes: eight at a time while none of
		 * them can be '"', '\\', a control byte or non-ASCII (release
		 * records carry megabytes of base64 in strings), then one by one */
		while (end - p >= 8) {
			uint64_t v, q, b;

			memcpy(&v, p, 8);
			q = v ^ 0x2222222222222222ULL;
			b = v ^ 0x5c5c5c5c5c5c5c5cULL;
			if ((((v - 0x2020202020202020ULL) | (q - 0x0101010101010101ULL) |
			      (b - 0x0101010101010101ULL) | v) & 0x8080808080808080ULL) != 0)
				break;
			p += 8;
		}
		while (p < end && *p != '"' && *p != '\\' && *p >= 0x20 && *p < 0x80)
			p++;
		if (p >= end)
			return jd_eof(d);
		unsigned char c = *p;
		if (c == '"')
			break;
		if (c == '\\') {
			esc = true;
			unsigned char e = jd_peek(d, p + 1);
			switch (e) {
			case 'b': case 'f': case 'n': case 'r': case 't':
			case '\\': case '/': case '"':
				p += 2;
				break;
			case 'u':
				p += 2;
				for (int i = 0; i < 4; i++, p++) {
					unsigned char h = jd_peek(d, p);
					if (!is_hex(h))
						return jd_syntax(d, h, "in \\u hexadecimal character escape");
				}
				break;
			default:
				return jd_syntax(d, e, "in string escape code");
			}
			continue;
		}
		if (c < 0x20)
			return jd_syntax(d, c, "in string literal");
		ascii = false; /* checked below */
		p++;
	}
	size_t n = (size_t)(p - s);
	d->p = p + 1;
	if (!esc && (ascii || utf8_valid((const char *)s, n)))
		*out = jd_copy(d, s, n);
	else
		*out = unquote_slow(d, s, n);
	return 0;
}

/* strconv.ParseFloat(lit, 64) of a literal the scanner accepted.  When the
 * significant digits fit in 2^53 and the power of ten is within 10^±22 both
 * are exact doubles and one multiply or divide rounds correctly (Clinger's
 * fast path, which Go's atof64exact also takes); everything else goes
 * through strtod, which glibc rounds correctly like Go. */
static double jd_float(struct jd *d, const unsigned char *s, size_t n)
{
	static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
					 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
					 1e20, 1e21, 1e22 };
	const unsigned char *p = s, *end = s + n;
	bool neg = false;
	if (*p == '-') {
		neg = true;
		p++;
	}
	uint64_t mant = 0;
	int nd = 0, exp10 = 0;
	for (; p < end && *p >= '0' && *p <= '9'; p++) {
		if (mant || *p != '0')
			nd++;
		mant = mant * 10 + (uint64_t)(*p - '0');
	}
	if (p < end && *p == '.') {
		for (p++; p < end && *p >= '0' && *p <= '9'; p++) {
			if (mant || *p != '0')
				nd++;
			mant = mant * 10 + (uint64_t)(*p - '0');
			exp10--;
		}
	}
	if (p < end) { /* e or E */
		p++;
		bool eneg = *p == '-';
		if (*p == '-' || *p == '+')
			p++;
		int e = 0;
		for (; p < end; p++)
			if (e < 100000)
				e = e * 10 + (*p - '0');
		exp10 += eneg ? -e : e;
	}
	if (nd <= 19 && mant <= (UINT64_C(1) << 53) && exp10 >= -22 && exp10 <= 22) {
		double f = (double)mant;
		if (mant)
			f = exp10 < 0 ? f / pow10[-exp10] : f * pow10[exp10];
		return neg ? -f : f;
	}
	sb_reset(&d->scratch);
	sb_add(&d->scratch, s, n);
	return strtod(d->scratch.buf, NULL);
}

/* A number literal at d->p: scanner states Neg, 0, 1, Dot, Dot0, E, ESign,
 * E0.  The byte after it belongs to the caller (stateEndValue). */
static int jd_number(struct jd *d, val *out)
{
	const unsigned char *s = d->p, *p = s, *end = d->end;
	if (*p == '-') {
		p++;
		unsigned char c = jd_peek(d, p);
		if (c < '0' || c > '9')
			return jd_syntax(d, c, "in numeric literal");
	}
	if (*p == '0') {
		p++;
	} else {
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < end && *p == '.') {
		p++;
		unsigned char c = jd_peek(d, p);
		if (c < '0' || c > '9')
			return jd_syntax(d, c, "after decimal point in numeric literal");
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		unsigned char c = jd_peek(d, p);
		if (c < '0' || c > '9')
			return jd_syntax(d, c, "in exponent of numeric literal");
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	size_t n = (size_t)(p - s);
	d->p = p;
	double f = jd_float(d, s, n);
	if ((f > 1.7976931348623157e308 || f < -1.7976931348623157e308) && !d->range_p) {
		d->range_p = s;
		d->range_n = n;
	}
	/* decode.go literalInterface: a number convertNumber refuses is nil
	 * inside a container (a top-level one stays a number for the caller's
	 * type check) */
	if ((f > 1.7976931348623157e308 || f < -1.7976931348623157e308) && d->fn > 0)
		*out = val_null();
	else
		*out = val_float(f);
	return 0;
}

/* true / false / null: scanner states T, Tr, Tru, F, Fa, ... */
static int jd_literal(struct jd *d, const char *word, const char *what, val v, val *out)
{
	const unsigned char *p = d->p + 1;
	for (const char *w = word + 1; *w; w++, p++) {
		unsigned char c = jd_peek(d, p);
		if (c != (unsigned char)*w) {
			char ctx[48];
			snprintf(ctx, sizeof(ctx), "in literal %s (expecting '%c')", what, *w);
			return jd_syntax(d, c, ctx);
		}
	}
	d->p = p;
	*out = v;
	return 0;
}

static int jd_open(struct jd *d, bool is_map)
{
	if (d->fn >= JSON_MAX_DEPTH)
		return jd_syntax(d, *d->p, "exceeded max depth");
	if (d->fn == d->fcap) {
		d->fcap = xgrow(d->fcap, d->fn + 1);
		d->fr = xrealloc(d->fr, d->fcap * sizeof(*d->fr));
	}
	d->fr[d->fn].base = (uint32_t)d->sn;
	d->fr[d->fn].is_map = is_map;
	d->fn++;
	d->p++;
	return 0;
}

/* Close the innermost container: its items move from the stack into an
 * exactly sized arena list or map (duplicate keys: the last one wins, as
 * objectInterface's m[key] = value does). */
static val jd_close(struct jd *d)
{
	struct jd_frame *f = &d->fr[--d->fn];
	size_t n = d->sn - f->base;
	val *items = d->stk + f->base;
	val v;
	if (f->is_map) {
		v = val_map_new(d->a, n / 2);
		for (size_t i = 0; i < n; i += 2)
			val_map_set(d->a, v, items[i].u.s, items[i].len, items[i + 1]);
	} else {
		v = val_list_new(d->a, n);
		if (n)
			memcpy(v.u.l->items, items, n * sizeof(val));
		v.u.l->len = (uint32_t)n;
	}
	d->sn = f->base;
	return v;
}

static int jd_run(struct jd *d, val *out)
{
	val v;
	for (;;) {
		/* stateBeginValue */
		jd_skip_ws(d);
		if (d->p >= d->end)
			return jd_eof(d);
		unsigned char c = *d->p;
		switch (c) {
		case '{':
			if (jd_open(d, true) < 0)
				return -1;
			jd_skip_ws(d);
			if (d->p >= d->end)
				return jd_eof(d);
			if (*d->p == '}') {
				d->p++;
				v = jd_close(d);
				break;
			}
			if (*d->p != '"')
				return jd_syntax(d, *d->p, "looking for beginning of object key string");
			goto key;
		case '[':
			if (jd_open(d, false) < 0)
				return -1;
			jd_skip_ws(d);
			if (d->p >= d->end)
				return jd_eof(d);
			if (*d->p == ']') {
				d->p++;
				v = jd_close(d);
				break;
			}
			continue;
		case '"':
			if (jd_string(d, &v) < 0)
				return -1;
			break;
		case 't':
			if (jd_literal(d, "true", "true", val_bool(true), &v) < 0)
				return -1;
			break;
		case 'f':
			if (jd_literal(d, "false", "false", val_bool(false), &v) < 0)
				return -1;
			break;
		case 'n':
			if (jd_literal(d, "null", "null", val_null(), &v) < 0)
				return -1;
			break;
		default:
			if (c == '-' || (c >= '0' && c <= '9')) {
				if (jd_number(d, &v) < 0)
					return -1;
				break;
			}
			return jd_syntax(d, c, "looking for beginning of value");
		}
		/* stateEndValue: v is complete */
	have_value:
		if (d->fn == 0) {
			jd_skip_ws(d);
			if (d->p < d->end)
				return jd_syntax(d, *d->p, "after top-level value");
			*out = v;
			return 0;
		}
		jd_push(d, v);
		jd_skip_ws(d);
		if (d->p >= d->end)
			return jd_eof(d);
		c = *d->p;
		if (!d->fr[d->fn - 1].is_map) {
			if (c == ',') {
				d->p++;
				continue;
			}
			if (c == ']') {
				d->p++;
				v = jd_close(d);
				goto have_value;
			}
			return jd_syntax(d, c, "after array element");
		}
		if (c == '}') {
			d->p++;
			v = jd_close(d);
			goto have_value;
		}
		if (c != ',')
			return jd_syntax(d, c, "after object key:value pair");
		d->p++;
		jd_skip_ws(d);
		if (d->p >= d->end)
			return jd_eof(d);
		if (*d->p != '"')
			return jd_syntax(d, *d->p, "looking for beginning of object key string");
	key:
		/* stateInString for the key, then ':' (parseObjectKey) */
		if (jd_string(d, &v) < 0)
			return -1;
		jd_push(d, v);
		jd_skip_ws(d);
		if (d->p >= d->end)
			return jd_eof(d);
		if (*d->p != ':')
			return jd_syntax(d, *d->p, "after object key");
		d->p++;
	}
}

static int from_json(struct arena *a, const char *p, size_t n, val *out, struct sb *err, bool partial);

int val_from_json(struct arena *a, const char *p, size_t n, val *out, struct sb *err)
{
	return from_json(a, p, n, out, err, false);
}

int val_from_json_partial(struct arena *a, const char *p, size_t n, val *out, struct sb *err)
{
	return from_json(a, p, n, out, err, true);
}

static int from_json(struct arena *a, const char *p, size_t n, val *out, struct sb *err, bool partial)
{
	struct jd d = { 0 };
	d.a = a;
	d.p = (const unsigned char *)p;
	d.end = d.p + n;
	d.err = err;
	sb_init(&d.scratch);
	/* pool blocks sized to the input: small documents take little memory */
	d.pool_block = n < 16384 ? n + 64 : 65536;
	val v = val_null();
	int rc = jd_run(&d, &v);
	if (rc == 0 && d.range_p) {
		/* decode.go convertNumber: UnmarshalTypeError for float64 */
		sb_adds(err, "json: cannot unmarshal number ");
		sb_add(err, d.range_p, d.range_n);
		sb_adds(err, " into Go value of type float64");
		*out = partial ? v : val_null();
		rc = -1;
	} else {
		*out = rc == 0 ? v : val_null();
	}
	free(d.stk);
	free(d.fr);
	free(d.intern);
	sb_release(&d.scratch);
	return rc;
}
