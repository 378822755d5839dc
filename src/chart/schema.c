/* schema.c — gojsonschema v1.2.0 as Helm 3.17.3 runs it on values.schema.json
 * (pkg/chartutil/jsonschema.go): schema parsing (schema.go parseSchema,
 * schemaPool.go, draft.go), validation (validation.go) with its scores and
 * error order, DefaultLocale texts (locales.go) and the format checkers
 * (format_checkers.go).  Our own code: no C library words errors this way. */
#include "chart/schema.h"

#include <errno.h>
#include <math.h>
#include <openssl/bn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/strconv.h"
#include "base/url.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "funcs/regex.h"
#include "value/codec.h"

/* A VAL_STRING that is a json.Number (decoder.UseNumber): the number's text. */
#define NUMF 0x0100

struct str {
	const char *p;
	size_t n;
};

static bool str_is(struct str s, const char *c)
{
	size_t n = strlen(c);
	return s.n == n && memcmp(s.p, c, n) == 0;
}

/* ---- JSON in: json.NewDecoder(r).UseNumber().Decode (first value only) ---- */

struct jp {
	struct arena *a;
	const char *p, *e;
	int depth;
};

static void jp_ws(struct jp *j)
{
	while (j->p < j->e && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int jp_string(struct jp *j, val *out)
{
	const char *s = j->p; /* at '"' */
	const char *q = s + 1;
	bool plain = true;
	while (q < j->e && *q != '"') {
		unsigned char c = (unsigned char)*q;
		if (c < 0x20)
			return -1;
		if (c == '\\') {
			plain = false;
			q++;
			if (q >= j->e)
				return -1;
		} else if (c >= 0x80) {
			plain = false;
		}
		q++;
	}
	if (q >= j->e)
		return -1;
	if (plain || (memchr(s + 1, '\\', (size_t)(q - s - 1)) == NULL && utf8_valid(s + 1, (size_t)(q - s - 1)))) {
		*out = val_str(j->a, s + 1, (size_t)(q - s - 1));
	} else {
		struct sb e = SB_INIT;
		int rc = val_from_json(j->a, s, (size_t)(q + 1 - s), out, &e);
		sb_release(&e);
		if (rc < 0 || out->kind != VAL_STRING)
			return -1;
	}
	j->p = q + 1;
	return 0;
}

static int jp_number(struct jp *j, val *out)
{
	const char *s = j->p, *q = s;
	if (q < j->e && *q == '-')
		q++;
	if (q >= j->e || !is_digit(*q))
		return -1;
	if (*q == '0')
		q++;
	else
		while (q < j->e && is_digit(*q))
			q++;
	if (q < j->e && *q == '.') {
		q++;
		if (q >= j->e || !is_digit(*q))
			return -1;
		while (q < j->e && is_digit(*q))
			q++;
	}
	if (q < j->e && (*q == 'e' || *q == 'E')) {
		q++;
		if (q < j->e && (*q == '+' || *q == '-'))
			q++;
		if (q >= j->e || !is_digit(*q))
			return -1;
		while (q < j->e && is_digit(*q))
			q++;
	}
	*out = val_str(j->a, s, (size_t)(q - s));
	out->flags |= NUMF;
	j->p = q;
	return 0;
}

static int jp_lit(struct jp *j, const char *w, val v, val *out)
{
	size_t n = strlen(w);
	if ((size_t)(j->e - j->p) < n || memcmp(j->p, w, n) != 0)
		return -1;
	j->p += n;
	*out = v;
	return 0;
}

static int jp_value(struct jp *j, val *out);

static int jp_object(struct jp *j, val *out)
{
	val m = val_map_new(j->a, 4);
	j->p++;
	jp_ws(j);
	if (j->p < j->e && *j->p == '}') {
		j->p++;
		*out = m;
		return 0;
	}
	for (;;) {
		val k, v;
		jp_ws(j);
		if (j->p >= j->e || *j->p != '"' || jp_string(j, &k) < 0)
			return -1;
		jp_ws(j);
		if (j->p >= j->e || *j->p != ':')
			return -1;
		j->p++;
		if (jp_value(j, &v) < 0)
			return -1;
		val_map_set(j->a, m, k.u.s, k.len, v);
		jp_ws(j);
		if (j->p < j->e && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->e && *j->p == '}') {
			j->p++;
			*out = m;
			return 0;
		}
		return -1;
	}
}

static int jp_array(struct jp *j, val *out)
{
	val l = val_list_new(j->a, 4);
	j->p++;
	jp_ws(j);
	if (j->p < j->e && *j->p == ']') {
		j->p++;
		*out = l;
		return 0;
	}
	for (;;) {
		val v;
		if (jp_value(j, &v) < 0)
			return -1;
		val_list_push(j->a, l, v);
		jp_ws(j);
		if (j->p < j->e && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->e && *j->p == ']') {
			j->p++;
			*out = l;
			return 0;
		}
		return -1;
	}
}

static int jp_value(struct jp *j, val *out)
{
	jp_ws(j);
	if (j->p >= j->e || j->depth >= 10000)
		return -1;
	int rc;
	j->depth++;
	switch (*j->p) {
	case '{':
		rc = jp_object(j, out);
		break;
	case '[':
		rc = jp_array(j, out);
		break;
	case '"':
		rc = jp_string(j, out);
		break;
	case 't':
		rc = jp_lit(j, "true", val_bool(true), out);
		break;
	case 'f':
		rc = jp_lit(j, "false", val_bool(false), out);
		break;
	case 'n':
		rc = jp_lit(j, "null", val_null(), out);
		break;
	default:
		rc = jp_number(j, out);
		break;
	}
	j->depth--;
	return rc;
}

/* decodeJSONUsingNumber: the first JSON value of p; -1 with the Decoder's
 * error (the scanner's words, "EOF" / "unexpected EOF" at the end). */
static int json_decode(struct arena *a, const char *p, size_t n, val *out, struct sb *err)
{
	struct jp j = { a, p, p + n, 0 };
	if (jp_value(&j, out) == 0)
		return 0;
	j.p = p;
	jp_ws(&j);
	if (j.p >= j.e) {
		sb_adds(err, "EOF");
		return -1;
	}
	struct sb e = SB_INIT;
	val tmp;
	if (val_from_json(a, p, n, &tmp, &e) < 0) {
		if (strcmp(e.buf, "unexpected end of JSON input") == 0)
			sb_adds(err, "unexpected EOF");
		else
			sb_add(err, e.buf, e.len);
	} else {
		sb_adds(err, "unexpected EOF");
	}
	sb_release(&e);
	return -1;
}

/* ---- exact decimals: math/big.Rat of a json.Number ---- */

/* ±d × 10^exp, d without leading or trailing zeros; nd == 0 is zero. */
struct dec {
	bool neg;
	int nd;
	int64_t exp;
	const char *d; /* NUL-terminated */
};

static bool dec_parse(struct arena *a, const char *s, size_t n, struct dec *out)
{
	size_t i = 0;
	memset(out, 0, sizeof(*out));
	if (i < n && (s[i] == '-' || s[i] == '+'))
		out->neg = s[i++] == '-';
	char *d = arena_alloc(a, n + 1);
	int nd = 0;
	int64_t exp = 0;
	bool any = false;
	for (; i < n && is_digit(s[i]); i++) {
		any = true;
		if (nd || s[i] != '0')
			d[nd++] = s[i];
	}
	if (i < n && s[i] == '.') {
		for (i++; i < n && is_digit(s[i]); i++) {
			any = true;
			exp--;
			if (nd || s[i] != '0')
				d[nd++] = s[i];
		}
	}
	if (!any)
		return false;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		bool eneg = false;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			eneg = s[i++] == '-';
		if (i >= n || !is_digit(s[i]))
			return false;
		int64_t e = 0;
		for (; i < n && is_digit(s[i]); i++)
			if (e < 1000000000)
				e = e * 10 + (s[i] - '0');
		exp += eneg ? -e : e;
	}
	if (i != n)
		return false;
	while (nd && d[nd - 1] == '0') {
		nd--;
		exp++;
	}
	d[nd] = 0;
	out->d = d;
	out->nd = nd;
	out->exp = nd ? exp : 0;
	if (!nd)
		out->neg = false;
	return true;
}

static int dec_cmp(const struct dec *x, const struct dec *y)
{
	int sx = x->nd ? (x->neg ? -1 : 1) : 0, sy = y->nd ? (y->neg ? -1 : 1) : 0;
	if (sx != sy)
		return sx < sy ? -1 : 1;
	if (!sx)
		return 0;
	int m;
	int64_t px = x->nd + x->exp, py = y->nd + y->exp;
	if (px != py) {
		m = px < py ? -1 : 1;
	} else {
		m = 0;
		for (int i = 0; i < x->nd || i < y->nd; i++) {
			char cx = i < x->nd ? x->d[i] : '0', cy = i < y->nd ? y->d[i] : '0';
			if (cx != cy) {
				m = cx < cy ? -1 : 1;
				break;
			}
		}
	}
	return sx < 0 ? -m : m;
}

static bool dec_is_int(const struct dec *x)
{
	return x->nd == 0 || x->exp >= 0;
}

/* new(big.Rat).Quo(x, m).IsInt() */
static bool dec_multiple(const struct dec *x, const struct dec *m)
{
	if (!x->nd)
		return true;
	int64_t k = x->exp - m->exp;
	if (k > 100000 || k < -100000)
		return k > 0;
	BN_CTX *ctx = BN_CTX_new();
	BIGNUM *a = NULL, *b = NULL, *t = BN_new(), *ten = BN_new(), *r = BN_new();
	BN_dec2bn(&a, x->d);
	BN_dec2bn(&b, m->d);
	BN_set_word(ten, 10);
	BN_set_word(t, (BN_ULONG)(k < 0 ? -k : k));
	BN_exp(t, ten, t, ctx);
	if (k >= 0)
		BN_mul(a, a, t, ctx);
	else
		BN_mul(b, b, t, ctx);
	BN_mod(r, a, b, ctx);
	bool ok = BN_is_zero(r);
	BN_free(a);
	BN_free(b);
	BN_free(t);
	BN_free(ten);
	BN_free(r);
	BN_CTX_free(ctx);
	return ok;
}

/* decimal.init: the digits of n × 2^sh (no trailing zeros) and the
 * position of the decimal point */
static char *bn_decimal(BIGNUM *n, int64_t sh, int64_t *dp, BN_CTX *ctx)
{
	BIGNUM *t = BN_dup(n), *k = BN_new();
	int64_t frac = 0;
	if (sh >= 0) {
		BN_lshift(t, t, (int)sh);
	} else {
		BIGNUM *five = BN_new();
		BN_set_word(five, 5);
		BN_set_word(k, (BN_ULONG)-sh);
		BN_exp(k, five, k, ctx);
		BN_mul(t, t, k, ctx);
		BN_free(five);
		frac = -sh;
	}
	char *d = BN_bn2dec(t);
	size_t n2 = strlen(d);
	*dp = (int64_t)n2 - frac;
	while (n2 && d[n2 - 1] == '0')
		d[--n2] = 0;
	BN_free(t);
	BN_free(k);
	return d;
}

/* decimal.roundUp(n): digits d[0..n) plus one unit in the last place */
static void digits_round_up(char *d, size_t *nd, size_t n, int64_t *dp)
{
	size_t i = n;
	while (i > 0 && d[i - 1] == '9')
		i--;
	if (i == 0) {
		d[0] = '1';
		*nd = 1;
		(*dp)++;
		return;
	}
	d[i - 1]++;
	*nd = i;
}

/* big.Float.SetRat(x) rounded to max(64, bits) and printed with the
 * shortest digits (ftoa.go roundShortest), for a non-integer x */
static void dec_shortest(struct arena *a, const struct dec *x, struct dec *out)
{
	BN_CTX *ctx = BN_CTX_new();
	BIGNUM *num = NULL, *den = BN_new(), *g = BN_new(), *ten = BN_new(), *q = BN_new(), *r = BN_new();
	BN_dec2bn(&num, x->d);
	BN_set_word(ten, 10);
	BN_set_word(den, (BN_ULONG)-x->exp);
	BN_exp(den, ten, den, ctx);
	BN_gcd(g, num, den, ctx);
	BN_div(num, NULL, num, g, ctx);
	BN_div(den, NULL, den, g, ctx);
	int prec = BN_num_bits(num) > BN_num_bits(den) ? BN_num_bits(num) : BN_num_bits(den);
	if (prec < 64)
		prec = 64;
	/* m = round(num / den × 2^sh) with exactly prec bits */
	int64_t sh = prec - (BN_num_bits(num) - BN_num_bits(den));
	BIGNUM *nn = BN_new(), *dd = BN_new();
	for (;;) {
		BN_copy(nn, num);
		BN_copy(dd, den);
		if (sh >= 0)
			BN_lshift(nn, nn, (int)sh);
		else
			BN_lshift(dd, dd, (int)-sh);
		BN_div(q, r, nn, dd, ctx);
		if (BN_num_bits(q) > prec) {
			sh--;
			continue;
		}
		if (BN_num_bits(q) < prec) {
			sh++;
			continue;
		}
		break;
	}
	BN_lshift1(r, r);
	int c = BN_cmp(r, dd);
	if (c > 0 || (c == 0 && BN_is_odd(q)))
		BN_add_word(q, 1);
	if (BN_num_bits(q) > prec) {
		BN_rshift1(q, q);
		sh--;
	}
	bool inclusive = !BN_is_odd(q);
	BIGNUM *lo = BN_new(), *hi = BN_new();
	BN_lshift1(lo, q);
	BN_copy(hi, lo);
	BN_sub_word(lo, 1);
	BN_add_word(hi, 1);
	int64_t dp, ldp, udp;
	char *d = bn_decimal(q, -sh, &dp, ctx);
	char *l = bn_decimal(lo, -sh - 1, &ldp, ctx);
	char *u = bn_decimal(hi, -sh - 1, &udp, ctx);
	size_t nd = strlen(d), nl = strlen(l), nu = strlen(u);
	for (size_t i = 0; i < nd; i++) {
		char m = d[i], lc = i < nl ? l[i] : '0', uc = i < nu ? u[i] : '0';
		bool okdown = lc != m || (inclusive && i + 1 == nl);
		bool okup = m != uc && (inclusive || m + 1 < uc || i + 1 < nu);
		size_t n = i + 1; /* decimal.round/roundDown/roundUp(n): no-ops when n >= len */
		if (okdown && okup) {
			bool up = n < nd && (d[n] == '5' && n + 1 == nd ? ((d[n - 1] - '0') & 1) != 0 : d[n] >= '5');
			if (up)
				digits_round_up(d, &nd, n, &dp);
			else if (n < nd)
				nd = n;
			break;
		}
		if (okdown) {
			if (n < nd)
				nd = n;
			break;
		}
		if (okup) {
			if (n < nd)
				digits_round_up(d, &nd, n, &dp);
			break;
		}
	}
	while (nd && d[nd - 1] == '0')
		nd--;
	out->neg = x->neg;
	out->nd = (int)nd;
	out->d = arena_memdup(a, d, nd);
	out->exp = dp - (int64_t)nd;
	OPENSSL_free(d);
	OPENSSL_free(l);
	OPENSSL_free(u);
	BN_free(num);
	BN_free(den);
	BN_free(g);
	BN_free(ten);
	BN_free(q);
	BN_free(r);
	BN_free(nn);
	BN_free(dd);
	BN_free(lo);
	BN_free(hi);
	BN_CTX_free(ctx);
}

/* fmt's %v of new(big.Float).SetRat(x): 'g' with the shortest digits. */
static void dec_fmt(struct arena *a, struct sb *out, const struct dec *x0)
{
	struct dec sx;
	const struct dec *x = x0;
	if (x0->nd && x0->exp < 0) {
		dec_shortest(a, x0, &sx);
		x = &sx;
	}
	if (!x->nd) {
		sb_addc(out, '0');
		return;
	}
	if (x->neg)
		sb_addc(out, '-');
	int64_t dp = x->nd + x->exp, e10 = dp - 1;
	if (e10 < -4 || e10 >= 6) {
		sb_addc(out, x->d[0]);
		if (x->nd > 1) {
			sb_addc(out, '.');
			sb_add(out, x->d + 1, (size_t)x->nd - 1);
		}
		sb_addc(out, 'e');
		sb_addc(out, e10 < 0 ? '-' : '+');
		int64_t ae = e10 < 0 ? -e10 : e10;
		if (ae < 10)
			sb_addc(out, '0');
		sb_addf(out, "%lld", (long long)ae);
	} else if (dp <= 0) {
		sb_adds(out, "0.");
		sb_addrep(out, '0', (size_t)-dp);
		sb_add(out, x->d, (size_t)x->nd);
	} else if (dp >= x->nd) {
		sb_add(out, x->d, (size_t)x->nd);
		sb_addrep(out, '0', (size_t)(dp - x->nd));
	} else {
		sb_add(out, x->d, (size_t)dp);
		sb_addc(out, '.');
		sb_add(out, x->d + dp, (size_t)(x->nd - dp));
	}
}

/* ---- the document: Helm values or decoded JSON ---- */

enum jkind { J_NULL, J_BOOL, J_NUM, J_STR, J_LIST, J_MAP, J_OTHER };

static enum jkind jkind(val v)
{
	switch (v.kind) {
	case VAL_NULL:
		return J_NULL;
	case VAL_BOOL:
		return J_BOOL;
	case VAL_INT:
	case VAL_FLOAT:
		return J_NUM;
	case VAL_STRING:
		return (v.flags & NUMF) ? J_NUM : J_STR;
	case VAL_LIST:
		return J_LIST;
	case VAL_MAP:
		return J_MAP;
	default:
		return J_OTHER;
	}
}

/* The json.Number text the document holds for a number: encoding/json's
 * text of the float64 (or int) after Helm's YAML round trip. */
static struct str num_text(struct arena *a, val v)
{
	if (v.kind == VAL_STRING)
		return (struct str){ v.u.s, v.len };
	struct sb b = SB_INIT;
	if (v.kind == VAL_INT) {
		if (v.gotype == GT_UINT64)
			strconv_format_uint(&b, (uint64_t)v.u.i, 10);
		else
			strconv_format_int(&b, v.u.i, 10);
	} else {
		strconv_json_float(&b, v.u.f);
	}
	char *p = arena_memdup(a, b.buf, b.len);
	struct str s = { p, b.len };
	sb_release(&b);
	return s;
}

static struct dec num_dec(struct arena *a, val v)
{
	struct str t = num_text(a, v);
	struct dec d;
	if (!dec_parse(a, t.p, t.n, &d))
		memset(&d, 0, sizeof(d));
	return d;
}

/* numbers as float64, as json.Unmarshal without UseNumber reads them */
static int canon_copy(struct arena *a, val v, val *out)
{
	switch (jkind(v)) {
	case J_NUM:
		if (v.kind == VAL_STRING) {
			char *t = arena_memdup(a, v.u.s, v.len);
			errno = 0;
			double f = strtod(t, NULL);
			if (isinf(f))
				return -1;
			*out = val_float(f);
		} else if (v.kind == VAL_INT) {
			*out = val_float(v.gotype == GT_UINT64 ? (double)(uint64_t)v.u.i : (double)v.u.i);
		} else {
			*out = val_float(v.u.f);
		}
		return 0;
	case J_LIST: {
		size_t n = val_list_len(v);
		val l = val_list_new(a, n);
		for (size_t i = 0; i < n; i++) {
			val c;
			if (canon_copy(a, val_list_at(v, i), &c) < 0)
				return -1;
			val_list_push(a, l, c);
		}
		*out = l;
		return 0;
	}
	case J_MAP: {
		size_t n = val_map_len(v);
		val m = val_map_new(a, n);
		for (size_t i = 0; i < n; i++) {
			const struct val_map_entry *e = val_map_entry_at(v, i);
			val c;
			if (canon_copy(a, e->v, &c) < 0)
				return -1;
			val_map_set(a, m, e->key, e->klen, c);
		}
		*out = m;
		return 0;
	}
	case J_STR:
		*out = val_str_ref(v.u.s, v.len);
		return 0;
	default:
		*out = v;
		out->flags = 0;
		return 0;
	}
}

/* marshalWithoutNumber: json.Marshal(json.Unmarshal(json.Marshal(v))).
 * NULL when a number does not fit a float64 (Go's Unmarshal error). */
static const char *canon(struct arena *a, val v, size_t *len)
{
	val c;
	if (canon_copy(a, v, &c) < 0)
		return NULL;
	struct sb out = SB_INIT, err = SB_INIT;
	val_to_json(a, c, VAL_JSON_ESCAPE_HTML, NULL, NULL, &out, &err);
	char *p = arena_memdup(a, out.buf, out.len);
	*len = out.len;
	sb_release(&out);
	sb_release(&err);
	return p;
}

/* ---- references: gojsonreference over Go's net/url (base/url.h) ---- */

static struct str url_str(struct gourl_str s)
{
	return (struct str){ s.p, s.n };
}

/* url.Parse succeeds */
static bool url_parse_ok(struct arena *a, struct str s, struct gourl *u)
{
	struct sb e = SB_INIT;
	int rc = gourl_parse(a, s.p, s.n, u, &e);
	sb_release(&e);
	return rc == 0;
}

/* URL.String, in the arena */
static struct str url_text(struct arena *a, const struct gourl *u)
{
	struct sb b = SB_INIT;
	gourl_string(u, &b);
	struct str r = { arena_memdup(a, b.buf, b.len), b.len };
	sb_release(&b);
	return r;
}

/* JsonReference.Inherits(child).String(): NewJsonReference of the parent
 * (its Fragment cleared, RawFragment kept as Go does) ResolveReference'd
 * with the child; false when a parse fails. */
static bool ref_inherits(struct arena *a, struct str parent, struct str child, struct str *out)
{
	struct gourl p, c, r;
	if (!url_parse_ok(a, parent, &p) || !url_parse_ok(a, child, &c))
		return false;
	p.fragment = (struct gourl_str){ "", 0 };
	gourl_resolve(a, &p, &c, &r);
	if (!url_parse_ok(a, url_text(a, &r), &r))
		return false;
	*out = url_text(a, &r);
	return true;
}

/* JsonReference.String() of a parsed reference */
static struct str ref_string(struct arena *a, struct str s)
{
	struct gourl u;
	return url_parse_ok(a, s, &u) ? url_text(a, &u) : s;
}

/* ---- the compiled schema (subSchema) ---- */

enum { DRAFT4 = 4, DRAFT6 = 6, DRAFT7 = 7, HYBRID = 1000 };
enum { T_ARRAY, T_BOOLEAN, T_INTEGER, T_NUMBER, T_NULL, T_OBJECT, T_STRING, T_N };
static const char *const type_names[T_N] = { "array", "boolean", "integer", "number", "null", "object", "string" };

struct sch;

struct prop {
	struct str name;
	struct sch *s;
};

struct pprop {
	struct str pat;
	struct regex_go *re;
	struct sch *s;
};

struct dep {
	struct str key;
	struct str *keys; /* array-of-strings form */
	size_t nkeys;
	struct sch *s;    /* schema form */
};

struct sch {
	int draft;
	int pass; /* -1: a schema; 0/1: the boolean schema false/true */
	struct sch *ref;
	uint8_t types[T_N];
	int ntypes;
	struct prop *props;
	size_t nprops;
	struct pprop *pprops;
	size_t npprops;
	int ap_kind; /* 0 none, 1 bool, 2 schema */
	bool ap_bool;
	struct sch *ap;
	struct sch *pnames;
	struct dep *deps;
	size_t ndeps;
	struct sch **items;
	size_t nitems;
	bool items_single;
	int ai_kind;
	bool ai_bool;
	struct sch *ai;
	struct dec *multiple, *min, *max, *xmin, *xmax;
	int64_t min_len, max_len, min_props, max_props, min_items, max_items; /* -1: unset */
	struct regex_go *pattern;
	struct str pattern_src;
	struct str format;
	bool has_format;
	struct str *required;
	size_t nrequired;
	bool unique;
	struct sch *contains;
	struct str *konst; /* canonical JSON */
	struct str *enums;
	size_t nenums;
	struct sch **one_of, **any_of, **all_of;
	size_t none_of, nany_of, nall_of;
	struct sch *not, *if_, *then_, *else_;
};

struct pool_ent {
	struct str key;
	val doc;
	int draft; /* 0: not detected */
};

struct refent {
	struct str key;
	struct sch *s;
};

struct regs {
	struct regex_go **v;
	size_t n, cap;
};

struct schema {
	struct arena *a;
	struct sch *root;
	struct pool_ent *pool;
	size_t npool, cappool;
	struct refent *refs;
	size_t nrefs, caprefs;
	struct regs regs;
	struct sb *err; /* compile errors */
};

static void pool_add(struct schema *S, struct str key, val doc, int draft)
{
	if (S->npool == S->cappool) {
		size_t nc = S->cappool ? S->cappool * 2 : 8;
		struct pool_ent *n = arena_alloc(S->a, nc * sizeof(*n));
		if (S->npool)
			memcpy(n, S->pool, S->npool * sizeof(*n));
		S->pool = n;
		S->cappool = nc;
	}
	S->pool[S->npool++] = (struct pool_ent){ key, doc, draft };
}

static struct pool_ent *pool_get(struct schema *S, struct str key)
{
	for (size_t i = 0; i < S->npool; i++)
		if (S->pool[i].key.n == key.n && memcmp(S->pool[i].key.p, key.p, key.n) == 0)
			return &S->pool[i];
	return NULL;
}

static void refs_add(struct schema *S, struct str key, struct sch *s)
{
	if (S->nrefs == S->caprefs) {
		size_t nc = S->caprefs ? S->caprefs * 2 : 8;
		struct refent *n = arena_alloc(S->a, nc * sizeof(*n));
		if (S->nrefs)
			memcpy(n, S->refs, S->nrefs * sizeof(*n));
		S->refs = n;
		S->caprefs = nc;
	}
	S->refs[S->nrefs++] = (struct refent){ key, s };
}

static struct sch *refs_get(struct schema *S, struct str key)
{
	for (size_t i = 0; i < S->nrefs; i++)
		if (S->refs[i].key.n == key.n && memcmp(S->refs[i].key.p, key.p, key.n) == 0)
			return S->refs[i].s;
	return NULL;
}

static int regs_compile(struct schema *S, struct str pat, struct regex_go **out)
{
	struct sb e = SB_INIT;
	int rc = regex_go_compile(S->a, pat.p, pat.n, out, &e);
	sb_release(&e);
	if (rc < 0)
		return -1;
	if (S->regs.n == S->regs.cap) {
		S->regs.cap = xgrow(S->regs.cap, S->regs.n + 1);
		S->regs.v = xrealloc(S->regs.v, S->regs.cap * sizeof(*S->regs.v));
	}
	S->regs.v[S->regs.n++] = *out;
	return 0;
}

static bool map_get(val m, const char *k, val *out)
{
	return val_map_get(m, k, strlen(k), out);
}

static bool map_has(val m, const char *k)
{
	val t;
	return val_map_get(m, k, strlen(k), &t);
}

/* parseSchemaURL: the draft a "$schema" names (0 for none or unknown);
 * -1 with the error when "$schema" is not a string. */
static int schema_url_draft(struct arena *a, val doc, int *draft, struct sb *err)
{
	*draft = 0;
	val s;
	if (jkind(doc) == J_BOOL)
		return 0;
	if (jkind(doc) != J_MAP) {
		sb_adds(err, "schema is invalid");
		return -1;
	}
	if (!map_get(doc, "$schema", &s))
		return 0;
	if (jkind(s) != J_STR) {
		sb_adds(err, "$schema must be of type string");
		return -1;
	}
	struct str r = ref_string(a, (struct str){ s.u.s, s.len });
	if (str_is(r, "http://json-schema.org/draft-04/schema"))
		*draft = DRAFT4;
	else if (str_is(r, "http://json-schema.org/draft-06/schema"))
		*draft = DRAFT6;
	else if (str_is(r, "http://json-schema.org/draft-07/schema"))
		*draft = DRAFT7;
	return 0;
}

/* The key order we walk Go maps in: sorted (Go's is random). */
static const uint32_t *sorted(struct arena *a, val m)
{
	return val_map_order(a, m);
}

/* schemaPool.parseReferencesRecursive: register "$id"/"id" documents and
 * make every "$ref" absolute (Go rewrites the document in place too). */
static void parse_refs(struct schema *S, val doc, struct str base, int draft)
{
	struct arena *a = S->a;
	if (jkind(doc) == J_LIST) {
		for (size_t i = 0; i < val_list_len(doc); i++)
			parse_refs(S, val_list_at(doc, i), base, draft);
		return;
	}
	if (jkind(doc) != J_MAP)
		return;
	struct str local = base;
	val id, r;
	const char *kid = map_has(doc, "id") ? "id" : "$id";
	if (map_get(doc, kid, &id) && jkind(id) == J_STR) {
		struct str abs;
		if (ref_inherits(a, base, (struct str){ id.u.s, id.len }, &abs)) {
			local = abs;
			if (!pool_get(S, abs))
				pool_add(S, abs, doc, draft);
		}
	}
	if (map_get(doc, "$ref", &r) && jkind(r) == J_STR) {
		struct str abs;
		if (ref_inherits(a, local, (struct str){ r.u.s, r.len }, &abs))
			val_map_set(a, doc, "$ref", 4, val_str_ref(abs.p, abs.n));
	}
	const uint32_t *ord = sorted(a, doc);
	for (size_t i = 0; i < val_map_len(doc); i++) {
		const struct val_map_entry *e = val_map_entry_at(doc, ord[i]);
		struct str k = { e->key, e->klen };
		if (str_is(k, "const") || str_is(k, "enum"))
			continue;
		if (str_is(k, "properties") || str_is(k, "dependencies") || str_is(k, "patternProperties")) {
			if (jkind(e->v) == J_MAP) {
				const uint32_t *o2 = sorted(a, e->v);
				for (size_t j = 0; j < val_map_len(e->v); j++)
					parse_refs(S, val_map_entry_at(e->v, o2[j])->v, local, draft);
			}
		} else {
			parse_refs(S, e->v, local, draft);
		}
	}
}

/* gojsonpointer Get */
static int pointer_get(struct arena *a, val doc, struct str frag, val *out, struct sb *err)
{
	*out = doc;
	if (frag.n == 0 || frag.p[0] != '/')
		return 0;
	const char *p = frag.p + 1, *end = frag.p + frag.n;
	for (;;) {
		const char *sl = memchr(p, '/', (size_t)(end - p));
		const char *te = sl ? sl : end;
		struct sb tok = SB_INIT;
		for (const char *q = p; q < te; q++) {
			if (*q == '~' && q + 1 < te && q[1] == '1') {
				sb_addc(&tok, '/');
				q++;
			} else {
				sb_addc(&tok, *q);
			}
		}
		/* "~1" first, then "~0" */
		struct sb t2 = SB_INIT;
		for (size_t i = 0; i < tok.len; i++) {
			if (tok.buf[i] == '~' && i + 1 < tok.len && tok.buf[i + 1] == '0') {
				sb_addc(&t2, '~');
				i++;
			} else {
				sb_addc(&t2, tok.buf[i]);
			}
		}
		sb_release(&tok);
		val node = *out;
		int rc = 0;
		if (jkind(node) == J_MAP) {
			val *v = val_map_ref(node, t2.buf, t2.len);
			if (v)
				*out = *v;
			else {
				sb_addf(err, "Object has no key '%s'", t2.buf);
				rc = -1;
			}
		} else if (jkind(node) == J_LIST) {
			struct str raw = { p, (size_t)(te - p) };
			char *tt = arena_memdup(a, raw.p, raw.n);
			char *ep;
			errno = 0;
			long long idx = strtoll(tt, &ep, 10);
			if (raw.n == 0 || *ep || errno || !(is_digit(tt[0]) || ((tt[0] == '-' || tt[0] == '+') && raw.n > 1))) {
				sb_addf(err, "Invalid array index '%s'", tt);
				rc = -1;
			} else if (idx < 0 || (size_t)idx >= val_list_len(node)) {
				sb_addf(err, "Out of bound array[0,%zu] index '%lld'", val_list_len(node), idx);
				rc = -1;
			} else {
				*out = val_list_at(node, (size_t)idx);
			}
		} else {
			sb_addf(err, "Invalid token reference '%.*s'", (int)(te - p), p);
			rc = -1;
		}
		sb_release(&t2);
		if (rc < 0)
			return -1;
		if (!sl)
			return 0;
		p = sl + 1;
	}
}

/* JsonReference.IsCanonical: a file URL with an absolute path, or a
 * scheme and a host */
static bool ref_canonical(struct arena *a, struct str ref)
{
	struct gourl u;
	if (!url_parse_ok(a, ref, &u))
		return false;
	if (str_is(url_str(u.scheme), "file"))
		return u.path.n && u.path.p[0] == '/';
	return u.scheme.n && u.host.n;
}

static int load_file(struct arena *a, const char *path, char **data, size_t *len, struct sb *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		sb_addf(err, "open %s: %s", path, strerror(errno));
		return -1;
	}
	struct sb b = SB_INIT;
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_add(&b, buf, n);
	fclose(f);
	*data = arena_memdup(a, b.buf, b.len);
	*len = b.len;
	sb_release(&b);
	return 0;
}

/* schemaPool.GetDocument */
static int get_document(struct schema *S, struct str ref, val *doc, int *draft, struct sb *err)
{
	struct arena *a = S->a;
	struct pool_ent *pe = pool_get(S, ref);
	if (pe) {
		*doc = pe->doc;
		*draft = pe->draft;
		return 0;
	}
	/* the pointer is the reference's decoded Fragment; the pool is
	 * searched by the URL without it */
	struct gourl u;
	struct str frag = { "", 0 };
	struct str nofrag = ref;
	bool parsed = url_parse_ok(a, ref, &u);
	if (parsed) {
		frag = url_str(u.fragment);
		u.fragment = (struct gourl_str){ "", 0 };
		nofrag = url_text(a, &u);
	}
	pe = pool_get(S, nofrag);
	if (pe) {
		val d;
		int dr = pe->draft;
		if (pointer_get(a, pe->doc, frag, &d, err) < 0)
			return -1;
		pool_add(S, ref, d, dr);
		*doc = d;
		*draft = dr;
		return 0;
	}
	if (!ref_canonical(a, ref)) {
		sb_addf(err, "Reference %.*s must be canonical", (int)ref.n, ref.p);
		return -1;
	}
	if (!parsed || !str_is(url_str(u.scheme), "file")) {
		/* no network: Helm's http.Get error names the URL first too */
		sb_addf(err, "Get \"%.*s\": remote schema references are not fetched", (int)nofrag.n, nofrag.p);
		return -1;
	}
	/* jsonReferenceLoader: QueryUnescape(TrimPrefix(url, "file://")) */
	struct gourl_str fn;
	size_t skip = nofrag.n >= 7 && memcmp(nofrag.p, "file://", 7) == 0 ? 7 : 0;
	if (gourl_query_unescape(a, nofrag.p + skip, nofrag.n - skip, &fn, err) < 0)
		return -1;
	char *path = arena_memdup(a, fn.p, fn.n);
	char *data;
	size_t len;
	if (load_file(a, path, &data, &len, err) < 0)
		return -1;
	val d;
	if (json_decode(a, data, len, &d, err) < 0)
		return -1;
	int dr = 0;
	struct sb e = SB_INIT;
	if (schema_url_draft(a, d, &dr, &e) == 0 && !pool_get(S, nofrag)) {
		parse_refs(S, d, nofrag, dr);
		pool_add(S, nofrag, d, dr);
	}
	sb_release(&e);
	return pointer_get(a, d, frag, doc, err) < 0 ? -1 : (*draft = dr, 0);
}

/* ---- Schema.parseSchema ---- */

static int e_type(struct sb *err, const char *expected, const char *given)
{
	sb_addf(err, "Invalid type. Expected: %s, given: %s", expected, given);
	return -1;
}

static int e_of_a(struct sb *err, const char *x, const char *y)
{
	sb_addf(err, "%s must be of a %s", x, y);
	return -1;
}

static int e_of_an(struct sb *err, const char *x, const char *y)
{
	sb_addf(err, "%s must be of an %s", x, y);
	return -1;
}

static int e_gte0(struct sb *err, const char *key)
{
	sb_addf(err, "%s must be greater than or equal to 0", key);
	return -1;
}

static struct sch *sch_new(struct arena *a, struct sch *parent)
{
	struct sch *s = arena_zalloc(a, sizeof(*s));
	s->pass = -1;
	s->draft = parent ? parent->draft : HYBRID;
	s->min_len = s->max_len = s->min_props = s->max_props = s->min_items = s->max_items = -1;
	return s;
}

static bool is_schema_kind(val v)
{
	return jkind(v) == J_MAP || jkind(v) == J_BOOL;
}

static int parse_schema(struct schema *S, val node, struct sch *cur, bool root);

/* mustBeNumber */
static struct dec *must_number(struct arena *a, val v)
{
	if (jkind(v) != J_NUM)
		return NULL;
	struct dec *d = arena_alloc(a, sizeof(*d));
	*d = num_dec(a, v);
	return d;
}

/* mustBeInteger: an integral json.Number that strconv.ParseInt reads */
static bool must_integer(struct arena *a, val v, int64_t *out)
{
	if (jkind(v) != J_NUM)
		return false;
	struct str t = num_text(a, v);
	struct dec d;
	if (!dec_parse(a, t.p, t.n, &d) || !dec_is_int(&d))
		return false;
	char *z = arena_memdup(a, t.p, t.n);
	char *ep;
	errno = 0;
	long long x = strtoll(z, &ep, 10);
	if (*ep || errno || t.n == 0)
		return false;
	*out = x;
	return true;
}

static int parse_int_kw(struct arena *a, val m, const char *key, int64_t *dst, struct sb *err)
{
	val v;
	if (!map_get(m, key, &v))
		return 0;
	int64_t x;
	if (!must_integer(a, v, &x))
		return e_of_an(err, key, "integer");
	if (x < 0)
		return e_gte0(err, key);
	*dst = x;
	return 0;
}

static int parse_sub(struct schema *S, val node, struct sch *parent, struct sch **out)
{
	struct sch *n = sch_new(S->a, parent);
	*out = n;
	return parse_schema(S, node, n, false);
}

static int parse_list_kw(struct schema *S, val m, const char *key, struct sch *cur, struct sch ***arr, size_t *n,
			 struct sb *err)
{
	val v;
	if (!map_get(m, key, &v))
		return 0;
	if (jkind(v) != J_LIST)
		return e_of_an(err, strcmp(key, "allOf") == 0 ? "anyOf" : key, "array");
	size_t k = val_list_len(v);
	*arr = arena_alloc(S->a, (k ? k : 1) * sizeof(**arr));
	for (size_t i = 0; i < k; i++) {
		(*n)++;
		if (parse_sub(S, val_list_at(v, i), cur, &(*arr)[i]) < 0)
			return -1;
	}
	return 0;
}

static int parse_one_kw(struct schema *S, val m, const char *key, struct sch *cur, struct sch **dst,
			struct sb *err)
{
	val v;
	if (!map_get(m, key, &v))
		return 0;
	if (!is_schema_kind(v))
		return e_of_an(err, key, "object");
	return parse_sub(S, v, cur, dst);
}

/* exclusiveMinimum / exclusiveMaximum per draft */
static int parse_exclusive(struct schema *S, val m, struct sch *cur, bool is_min, struct sb *err)
{
	const char *key = is_min ? "exclusiveMinimum" : "exclusiveMaximum";
	const char *base = is_min ? "minimum" : "maximum";
	struct dec **lim = is_min ? &cur->min : &cur->max;
	struct dec **ex = is_min ? &cur->xmin : &cur->xmax;
	val v;
	if (!map_get(m, key, &v))
		return 0;
	bool is_bool = jkind(v) == J_BOOL;
	if (cur->draft == DRAFT4 || (cur->draft == HYBRID && is_bool)) {
		if (!is_bool)
			return e_type(err, "boolean", key);
		if (!*lim) {
			sb_addf(err, "%s cannot be used without %s", key, base);
			return -1;
		}
		if (v.u.b) {
			*ex = *lim;
			*lim = NULL;
		}
		return 0;
	}
	if (jkind(v) != J_NUM)
		return e_type(err, cur->draft == HYBRID ? "boolean/number" : "number", key);
	*ex = must_number(S->a, v);
	return 0;
}

static int parse_properties(struct schema *S, val v, struct sch *cur, struct sb *err)
{
	if (jkind(v) != J_MAP) {
		sb_adds(err, "properties must be of type object");
		return -1;
	}
	size_t n = val_map_len(v);
	const uint32_t *ord = sorted(S->a, v);
	cur->props = arena_alloc(S->a, (n ? n : 1) * sizeof(*cur->props));
	for (size_t i = 0; i < n; i++) {
		const struct val_map_entry *e = val_map_entry_at(v, ord[i]);
		struct prop *p = &cur->props[cur->nprops++];
		p->name = (struct str){ e->key, e->klen };
		if (parse_sub(S, e->v, cur, &p->s) < 0)
			return -1;
	}
	return 0;
}

static int parse_dependencies(struct schema *S, val v, struct sch *cur, struct sb *err)
{
	if (jkind(v) != J_MAP) {
		sb_adds(err, "dependencies must be of type object");
		return -1;
	}
	size_t n = val_map_len(v);
	const uint32_t *ord = sorted(S->a, v);
	cur->deps = arena_zalloc(S->a, (n ? n : 1) * sizeof(*cur->deps));
	for (size_t i = 0; i < n; i++) {
		const struct val_map_entry *e = val_map_entry_at(v, ord[i]);
		struct dep d = { { e->key, e->klen }, NULL, 0, NULL };
		enum jkind k = jkind(e->v);
		if (k == J_LIST) {
			size_t c = val_list_len(e->v);
			d.keys = arena_alloc(S->a, (c ? c : 1) * sizeof(*d.keys));
			for (size_t j = 0; j < c; j++) {
				val x = val_list_at(e->v, j);
				if (jkind(x) != J_STR) {
					sb_adds(err, "dependency must be of type schema or array of strings");
					return -1;
				}
				d.keys[d.nkeys++] = (struct str){ x.u.s, x.len };
			}
			if (d.nkeys) /* Go registers the key inside its loop */
				cur->deps[cur->ndeps++] = d;
		} else if (k == J_MAP || k == J_BOOL) {
			if (parse_sub(S, e->v, cur, &d.s) < 0)
				return -1;
			cur->deps[cur->ndeps++] = d;
		} else {
			sb_adds(err, "dependency must be of type schema or array of strings");
			return -1;
		}
	}
	return 0;
}

/* parseReference: the schema a "$ref" names, parsed once per reference */
static int parse_reference(struct schema *S, struct sch *cur, struct str ref, struct sb *err)
{
	struct sch *n = sch_new(S->a, cur);
	refs_add(S, ref, n);
	val doc;
	int draft = 0;
	if (get_document(S, ref, &doc, &draft, err) < 0)
		return -1;
	if (draft)
		n->draft = draft;
	if (!is_schema_kind(doc)) {
		sb_adds(err, "valid schema must be of type object");
		return -1;
	}
	if (parse_schema(S, doc, n, false) < 0)
		return -1;
	cur->ref = n;
	return 0;
}

static int parse_type_name(struct sch *cur, struct str t, struct sb *err)
{
	int k;
	for (k = 0; k < T_N; k++)
		if (str_is(t, type_names[k]))
			break;
	if (k == T_N) {
		sb_adds(err, "has a primitive type that is NOT VALID -- given: /");
		sb_add(err, t.p, t.n);
		sb_adds(err, "/ Expected valid values are:[array boolean integer number null object string]");
		return -1;
	}
	for (int i = 0; i < cur->ntypes; i++)
		if (cur->types[i] == k) {
			sb_addf(err, "%s type is duplicated", type_names[k]);
			return -1;
		}
	cur->types[cur->ntypes++] = (uint8_t)k;
	return 0;
}

static int parse_schema(struct schema *S, val node, struct sch *cur, bool root)
{
	struct arena *a = S->a;
	struct sb *err = S->err;
	val v;
	if (cur->draft >= DRAFT6 && jkind(node) == J_BOOL) {
		cur->pass = node.u.b;
		return 0;
	}
	if (jkind(node) != J_MAP) {
		sb_adds(err, "Expected: valid schema, given: Invalid JSON");
		return -1;
	}
	val m = node;
	const char *kid = cur->draft == DRAFT4 ? "id" : (cur->draft == HYBRID && map_has(m, "id")) ? "id" : "$id";
	if (map_get(m, kid, &v)) {
		if (jkind(v) != J_STR)
			return e_type(err, "string", kid);
		struct gourl u; /* NewJsonReference's url.Parse error */
		if (gourl_parse(a, v.u.s, v.len, &u, err) < 0)
			return -1;
	}
	(void)root;
	if (map_get(m, "definitions", &v)) {
		if (jkind(v) == J_BOOL) {
			sb_adds(err, "unable to validate schema: interface conversion: interface {} is bool, not "
				     "map[string]interface {}");
			return -1;
		}
		if (jkind(v) != J_MAP)
			return e_type(err, "array of schemas", "definitions");
		const uint32_t *ord = sorted(a, v);
		for (size_t i = 0; i < val_map_len(v); i++) {
			val dv = val_map_entry_at(v, ord[i])->v;
			struct sch *d;
			if (!is_schema_kind(dv))
				return e_type(err, "array of schemas", "definitions");
			if (parse_sub(S, dv, cur, &d) < 0)
				return -1;
		}
	}
	if (map_get(m, "title", &v) && jkind(v) != J_STR)
		return e_type(err, "string", "title");
	if (map_get(m, "description", &v) && jkind(v) != J_STR)
		return e_type(err, "string", "description");
	if (map_get(m, "$ref", &v)) {
		if (jkind(v) != J_STR)
			return e_type(err, "string", "$ref");
		struct str rs = { v.u.s, v.len };
		struct gourl u;
		if (gourl_parse(a, rs.p, rs.n, &u, err) < 0)
			return -1;
		struct str key = ref_string(a, rs);
		struct sch *hit = refs_get(S, key);
		if (hit)
			cur->ref = hit;
		else
			return parse_reference(S, cur, key, err);
	}
	if (map_get(m, "type", &v)) {
		if (jkind(v) == J_STR) {
			if (parse_type_name(cur, (struct str){ v.u.s, v.len }, err) < 0)
				return -1;
		} else if (jkind(v) == J_LIST) {
			for (size_t i = 0; i < val_list_len(v); i++) {
				val t = val_list_at(v, i);
				if (jkind(t) == J_NUM) { /* reflect sees a json.Number as a string kind */
					sb_adds(err, "unable to validate schema: interface conversion: interface {} is "
						     "json.Number, not string");
					return -1;
				}
				if (jkind(t) != J_STR)
					return e_type(err, "string/array of strings", "type");
				if (parse_type_name(cur, (struct str){ t.u.s, t.len }, err) < 0)
					return -1;
			}
		} else {
			return e_type(err, "string/array of strings", "type");
		}
	}
	if (map_get(m, "properties", &v) && parse_properties(S, v, cur, err) < 0)
		return -1;
	if (map_get(m, "additionalProperties", &v)) {
		if (jkind(v) == J_BOOL) {
			cur->ap_kind = 1;
			cur->ap_bool = v.u.b;
		} else if (jkind(v) == J_MAP) {
			cur->ap_kind = 2;
			if (parse_sub(S, v, cur, &cur->ap) < 0)
				return -1;
		} else {
			return e_type(err, "boolean/valid schema", "additionalProperties");
		}
	}
	if (map_get(m, "patternProperties", &v)) {
		if (jkind(v) != J_MAP)
			return e_type(err, "valid schema", "patternProperties");
		size_t n = val_map_len(v);
		const uint32_t *ord = sorted(a, v);
		cur->pprops = arena_alloc(a, (n ? n : 1) * sizeof(*cur->pprops));
		for (size_t i = 0; i < n; i++) {
			const struct val_map_entry *e = val_map_entry_at(v, ord[i]);
			struct pprop *p = &cur->pprops[cur->npprops];
			p->pat = (struct str){ e->key, e->klen };
			if (regs_compile(S, p->pat, &p->re) < 0) {
				sb_addf(err, "Invalid regex pattern '%.*s'", (int)p->pat.n, p->pat.p);
				return -1;
			}
			if (parse_sub(S, e->v, cur, &p->s) < 0)
				return -1;
			cur->npprops++;
		}
	}
	if (map_get(m, "propertyNames", &v) && cur->draft >= DRAFT6) {
		if (!is_schema_kind(v))
			return e_type(err, "valid schema", "patternProperties");
		if (parse_sub(S, v, cur, &cur->pnames) < 0)
			return -1;
	}
	if (map_get(m, "dependencies", &v) && parse_dependencies(S, v, cur, err) < 0)
		return -1;
	if (map_get(m, "items", &v)) {
		if (jkind(v) == J_LIST) {
			size_t n = val_list_len(v);
			cur->items = arena_alloc(a, (n ? n : 1) * sizeof(*cur->items));
			for (size_t i = 0; i < n; i++) {
				val it = val_list_at(v, i);
				if (!is_schema_kind(it))
					return e_type(err, "valid schema/array of schemas", "items");
				if (parse_sub(S, it, cur, &cur->items[cur->nitems++]) < 0)
					return -1;
				cur->items_single = false;
			}
		} else if (is_schema_kind(v)) {
			cur->items = arena_alloc(a, sizeof(*cur->items));
			cur->nitems = 1;
			if (parse_sub(S, v, cur, &cur->items[0]) < 0)
				return -1;
			cur->items_single = true;
		} else {
			return e_type(err, "valid schema/array of schemas", "items");
		}
	}
	if (map_get(m, "additionalItems", &v)) {
		if (jkind(v) == J_BOOL) {
			cur->ai_kind = 1;
			cur->ai_bool = v.u.b;
		} else if (jkind(v) == J_MAP) {
			cur->ai_kind = 2;
			if (parse_sub(S, v, cur, &cur->ai) < 0)
				return -1;
		} else {
			return e_type(err, "boolean/valid schema", "additionalItems");
		}
	}
	if (map_get(m, "multipleOf", &v)) {
		struct dec *d = must_number(a, v);
		if (!d)
			return e_type(err, "number", "multipleOf");
		if (d->nd == 0 || d->neg) {
			sb_adds(err, "multipleOf must be strictly greater than 0");
			return -1;
		}
		cur->multiple = d;
	}
	if (map_get(m, "minimum", &v)) {
		if (!(cur->min = must_number(a, v)))
			return e_of_a(err, "minimum", "number");
	}
	if (parse_exclusive(S, m, cur, true, err) < 0)
		return -1;
	if (map_get(m, "maximum", &v)) {
		if (!(cur->max = must_number(a, v)))
			return e_of_a(err, "maximum", "number");
	}
	if (parse_exclusive(S, m, cur, false, err) < 0)
		return -1;
	if (parse_int_kw(a, m, "minLength", &cur->min_len, err) < 0 ||
	    parse_int_kw(a, m, "maxLength", &cur->max_len, err) < 0)
		return -1;
	if (cur->min_len >= 0 && cur->max_len >= 0 && cur->min_len > cur->max_len) {
		sb_adds(err, "minLength cannot be greater than maxLength");
		return -1;
	}
	if (map_get(m, "pattern", &v)) {
		if (jkind(v) != J_STR)
			return e_of_a(err, "pattern", "string");
		cur->pattern_src = (struct str){ v.u.s, v.len };
		if (regs_compile(S, cur->pattern_src, &cur->pattern) < 0) {
			sb_adds(err, "pattern must be a valid regex");
			return -1;
		}
	}
	if (map_get(m, "format", &v)) {
		if (jkind(v) != J_STR) {
			sb_adds(err, "format must be of type string");
			return -1;
		}
		cur->format = (struct str){ v.u.s, v.len };
		cur->has_format = v.len > 0;
	}
	if (parse_int_kw(a, m, "minProperties", &cur->min_props, err) < 0 ||
	    parse_int_kw(a, m, "maxProperties", &cur->max_props, err) < 0)
		return -1;
	if (cur->min_props >= 0 && cur->max_props >= 0 && cur->min_props > cur->max_props) {
		sb_adds(err, "minProperties cannot be greater than maxProperties");
		return -1;
	}
	if (map_get(m, "required", &v)) {
		if (jkind(v) != J_LIST)
			return e_of_an(err, "required", "array");
		size_t n = val_list_len(v);
		cur->required = arena_alloc(a, (n ? n : 1) * sizeof(*cur->required));
		for (size_t i = 0; i < n; i++) {
			val r = val_list_at(v, i);
			if (jkind(r) != J_STR) {
				sb_adds(err, "required items must be string");
				return -1;
			}
			struct str rs = { r.u.s, r.len };
			for (size_t j = 0; j < cur->nrequired; j++)
				if (cur->required[j].n == rs.n && memcmp(cur->required[j].p, rs.p, rs.n) == 0) {
					sb_adds(err, "required items must be unique");
					return -1;
				}
			cur->required[cur->nrequired++] = rs;
		}
	}
	if (parse_int_kw(a, m, "minItems", &cur->min_items, err) < 0 ||
	    parse_int_kw(a, m, "maxItems", &cur->max_items, err) < 0)
		return -1;
	if (map_get(m, "uniqueItems", &v)) {
		if (jkind(v) != J_BOOL)
			return e_of_a(err, "uniqueItems", "boolean");
		cur->unique = v.u.b;
	}
	if (map_get(m, "contains", &v) && cur->draft >= DRAFT6) {
		if (parse_sub(S, v, cur, &cur->contains) < 0)
			return -1;
	}
	if (map_get(m, "const", &v) && cur->draft >= DRAFT6) {
		size_t n;
		const char *c = canon(a, v, &n);
		if (!c) {
			sb_addf(err, "json: cannot unmarshal number %.*s into Go value of type float64", (int)v.len,
				v.u.s);
			return -1;
		}
		cur->konst = arena_alloc(a, sizeof(*cur->konst));
		*cur->konst = (struct str){ c, n };
	}
	if (map_get(m, "enum", &v)) {
		if (jkind(v) != J_LIST)
			return e_of_an(err, "enum", "array");
		size_t n = val_list_len(v);
		cur->enums = arena_alloc(a, (n ? n : 1) * sizeof(*cur->enums));
		for (size_t i = 0; i < n; i++) {
			size_t cn;
			const char *c = canon(a, val_list_at(v, i), &cn);
			if (!c) {
				sb_adds(err, "json: cannot unmarshal number into Go value of type float64");
				return -1;
			}
			for (size_t j = 0; j < cur->nenums; j++)
				if (cur->enums[j].n == cn && memcmp(cur->enums[j].p, c, cn) == 0) {
					sb_adds(err, "enum items must be unique");
					return -1;
				}
			cur->enums[cur->nenums++] = (struct str){ c, cn };
		}
	}
	if (parse_list_kw(S, m, "oneOf", cur, &cur->one_of, &cur->none_of, err) < 0 ||
	    parse_list_kw(S, m, "anyOf", cur, &cur->any_of, &cur->nany_of, err) < 0 ||
	    parse_list_kw(S, m, "allOf", cur, &cur->all_of, &cur->nall_of, err) < 0)
		return -1;
	if (parse_one_kw(S, m, "not", cur, &cur->not, err) < 0)
		return -1;
	if (cur->draft >= DRAFT7) {
		if (parse_one_kw(S, m, "if", cur, &cur->if_, err) < 0 ||
		    parse_one_kw(S, m, "then", cur, &cur->then_, err) < 0 ||
		    parse_one_kw(S, m, "else", cur, &cur->else_, err) < 0)
			return -1;
	}
	return 0;
}

/* ---- format_checkers.go ---- */

static bool digits_at(struct str s, size_t i, size_t n)
{
	if (i + n > s.n)
		return false;
	for (size_t k = 0; k < n; k++)
		if (!is_digit(s.p[i + k]))
			return false;
	return true;
}

static int num2(struct str s, size_t i)
{
	return (s.p[i] - '0') * 10 + (s.p[i + 1] - '0');
}

static int days_in(int month, int64_t year)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))
		return 29;
	return d[month - 1];
}

/* time.Parse of "2006-01-02" at s[*i]: the date part */
static bool tp_date(struct str s, size_t *i)
{
	size_t p = *i;
	if (p + 4 > s.n)
		return false;
	/* stdLongYear: 4 bytes read by time.atoi, which allows a sign */
	size_t k = p;
	bool neg = false;
	if (s.p[k] == '+' || s.p[k] == '-') {
		neg = s.p[k] == '-';
		k++;
	}
	if (k == p + 4 || !digits_at(s, k, p + 4 - k))
		return false;
	int64_t year = 0;
	for (; k < p + 4; k++)
		year = year * 10 + (s.p[k] - '0');
	if (neg)
		year = -year;
	p += 4;
	if (p >= s.n || s.p[p] != '-' || !digits_at(s, p + 1, 2))
		return false;
	int month = num2(s, p + 1);
	if (month < 1 || month > 12)
		return false;
	p += 3;
	if (p >= s.n || s.p[p] != '-' || !digits_at(s, p + 1, 2))
		return false;
	int day = num2(s, p + 1);
	p += 3;
	if (day < 1 || day > days_in(month, year < 0 ? -year : year))
		return false;
	*i = p;
	return true;
}

/* "15:04:05" with Go's fractional-second leniency; frac_layout: the layout
 * itself has .999999999 next */
static bool tp_time(struct str s, size_t *i)
{
	size_t p = *i;
	if (!digits_at(s, p, 1))
		return false;
	int h = s.p[p] - '0';
	p++;
	if (digits_at(s, p, 1)) {
		h = h * 10 + (s.p[p] - '0');
		p++;
	}
	if (h > 23)
		return false;
	if (p >= s.n || s.p[p] != ':' || !digits_at(s, p + 1, 2) || num2(s, p + 1) > 59)
		return false;
	p += 3;
	if (p >= s.n || s.p[p] != ':' || !digits_at(s, p + 1, 2) || num2(s, p + 1) > 59)
		return false;
	p += 3;
	if (p + 1 < s.n && (s.p[p] == '.' || s.p[p] == ',') && is_digit(s.p[p + 1])) {
		p += 2;
		while (p < s.n && is_digit(s.p[p]))
			p++;
	}
	*i = p;
	return true;
}

/* Z07:00 */
static bool tp_zone(struct str s, size_t *i)
{
	size_t p = *i;
	if (p < s.n && s.p[p] == 'Z') {
		*i = p + 1;
		return true;
	}
	if (p + 6 > s.n || s.p[p + 3] != ':' || (s.p[p] != '+' && s.p[p] != '-'))
		return false;
	if (!digits_at(s, p + 1, 2) || !digits_at(s, p + 4, 2))
		return false;
	if (num2(s, p + 1) > 24 || num2(s, p + 4) > 60)
		return false;
	*i = p + 6;
	return true;
}

static bool is_date(struct str s)
{
	size_t i = 0;
	return tp_date(s, &i) && i == s.n;
}

static bool is_time(struct str s)
{
	size_t i = 0;
	if (tp_time(s, &i) && tp_zone(s, &i) && i == s.n)
		return true;
	i = 0;
	return tp_time(s, &i) && i == s.n;
}

static bool is_date_time(struct str s)
{
	if (is_time(s) || is_date(s))
		return true;
	size_t i = 0;
	return tp_date(s, &i) && i < s.n && s.p[i] == 'T' && (i++, tp_time(s, &i)) && tp_zone(s, &i) && i == s.n;
}

static bool hex_digit(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* netip parseIPv4 (no leading zeros) */
static bool ipv4_ok(struct str s)
{
	int fields = 0;
	size_t i = 0;
	while (fields < 4) {
		size_t st = i;
		int v = 0;
		while (i < s.n && is_digit(s.p[i]) && i - st < 4) {
			v = v * 10 + (s.p[i] - '0');
			i++;
		}
		size_t len = i - st;
		if (len == 0 || len > 3 || v > 255 || (len > 1 && s.p[st] == '0'))
			return false;
		fields++;
		if (fields < 4) {
			if (i >= s.n || s.p[i] != '.')
				return false;
			i++;
		}
	}
	return i == s.n;
}

static bool ipv6_ok(struct str s)
{
	int groups = 0, ellipsis = -1;
	size_t i = 0;
	if (s.n >= 2 && s.p[0] == ':' && s.p[1] == ':') {
		ellipsis = 0;
		i = 2;
		if (i == s.n)
			return true;
	}
	while (i < s.n) {
		size_t st = i;
		while (i < s.n && hex_digit(s.p[i]) && i - st < 5)
			i++;
		size_t len = i - st;
		if (len > 4)
			return false;
		if (i < s.n && s.p[i] == '.') {
			if (ellipsis < 0 && groups != 6)
				return false;
			if (groups + 2 > 8)
				return false;
			if (!ipv4_ok((struct str){ s.p + st, s.n - st }))
				return false;
			groups += 2;
			i = s.n;
			break;
		}
		if (len == 0)
			return false;
		groups++;
		if (i == s.n)
			break;
		if (s.p[i] != ':')
			return false;
		i++;
		if (i < s.n && s.p[i] == ':') {
			if (ellipsis >= 0)
				return false;
			ellipsis = groups;
			i++;
			if (i == s.n)
				break;
		} else if (i == s.n) {
			return false;
		}
		if (groups > 8)
			return false;
	}
	if (ellipsis < 0)
		return groups == 8;
	return groups < 8;
}

static bool is_ip(struct str s)
{
	return ipv4_ok(s) || ipv6_ok(s);
}

static bool has_byte(struct str s, char c)
{
	return memchr(s.p, c, s.n) != NULL;
}

static bool hostname_label_char(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_hostname(struct str s)
{
	if (s.n == 0 || s.n >= 256)
		return false;
	size_t i = 0;
	for (;;) {
		size_t st = i;
		while (i < s.n && s.p[i] != '.')
			i++;
		size_t len = i - st;
		if (len == 0 || len > 63 || !hostname_label_char(s.p[st]) || !hostname_label_char(s.p[i - 1]))
			return false;
		for (size_t k = st; k < i; k++)
			if (!hostname_label_char(s.p[k]) && s.p[k] != '-')
				return false;
		if (i == s.n)
			return true;
		i++;
	}
}

static bool is_uuid(struct str s)
{
	static const int groups[] = { 8, 4, 4, 4, 12 };
	size_t i = 0;
	for (int g = 0; g < 5; g++) {
		for (int k = 0; k < groups[g]; k++, i++)
			if (i >= s.n || !(is_digit(s.p[i]) || (s.p[i] >= 'a' && s.p[i] <= 'f')))
				return false;
		if (g < 4) {
			if (i >= s.n || s.p[i] != '-')
				return false;
			i++;
		}
	}
	return i == s.n;
}

/* ^(?:/(?:[^~/]|~0|~1)*)*$ after the prefix */
static bool pointer_tail_ok(struct str s, size_t i)
{
	if (i < s.n && s.p[i] != '/')
		return false;
	for (; i < s.n; i++)
		if (s.p[i] == '~' && (i + 1 >= s.n || (s.p[i + 1] != '0' && s.p[i + 1] != '1')))
			return false;
	return true;
}

static bool is_rel_pointer(struct str s)
{
	size_t i = 0;
	if (i < s.n && s.p[i] == '0')
		i++;
	else if (i < s.n && s.p[i] >= '1' && s.p[i] <= '9')
		while (i < s.n && is_digit(s.p[i]))
			i++;
	else
		return false;
	if (i + 1 == s.n && s.p[i] == '#')
		return true;
	return pointer_tail_ok(s, i);
}

static bool is_email(struct str s)
{
	/* net/mail.ParseAddress, simplified: [display-name] <addr-spec> or addr-spec */
	while (s.n && (s.p[0] == ' ' || s.p[0] == '\t'))
		s.p++, s.n--;
	while (s.n && (s.p[s.n - 1] == ' ' || s.p[s.n - 1] == '\t'))
		s.n--;
	if (s.n && s.p[s.n - 1] == '>') {
		const char *lt = memchr(s.p, '<', s.n);
		if (!lt)
			return false;
		s = (struct str){ lt + 1, s.n - (size_t)(lt - s.p) - 2 };
	}
	const char *at = NULL;
	for (size_t i = s.n; i > 0; i--)
		if (s.p[i - 1] == '@') {
			at = s.p + i - 1;
			break;
		}
	if (!at)
		return false;
	struct str local = { s.p, (size_t)(at - s.p) }, dom = { at + 1, s.n - (size_t)(at - s.p) - 1 };
	if (!local.n || !dom.n)
		return false;
	struct str parts[2] = { local, dom };
	for (int k = 0; k < 2; k++) {
		struct str x = parts[k];
		if (k == 0 && x.n >= 2 && x.p[0] == '"' && x.p[x.n - 1] == '"')
			continue;
		if (x.p[0] == '.' || x.p[x.n - 1] == '.')
			return false;
		for (size_t i = 0; i < x.n; i++) {
			unsigned char c = (unsigned char)x.p[i];
			if (c == '.') {
				if (i + 1 < x.n && x.p[i + 1] == '.')
					return false;
				continue;
			}
			if (c >= 0x80 || hostname_label_char((char)c) || strchr("!#$%&'*+-/=?^_`{|}~", c))
				continue;
			return false;
		}
	}
	return true;
}

/* FormatCheckers.IsFormat on a string */
static bool format_ok(struct arena *a, struct str f, struct str s)
{
	struct gourl u;
	if (str_is(f, "date"))
		return is_date(s);
	if (str_is(f, "time"))
		return is_time(s);
	if (str_is(f, "date-time"))
		return is_date_time(s);
	if (str_is(f, "hostname"))
		return is_hostname(s);
	if (str_is(f, "email") || str_is(f, "idn-email"))
		return is_email(s);
	if (str_is(f, "ipv4"))
		return is_ip(s) && has_byte(s, '.');
	if (str_is(f, "ipv6"))
		return is_ip(s) && has_byte(s, ':');
	/* url.Parse; uri-template matches ^([^{]*({[^}]*})?)*$ on URL.Path */
	if (str_is(f, "uri") || str_is(f, "iri"))
		return url_parse_ok(a, s, &u) && u.scheme.n && !has_byte(s, '\\');
	if (str_is(f, "uri-reference") || str_is(f, "iri-reference"))
		return url_parse_ok(a, s, &u) && !has_byte(s, '\\');
	if (str_is(f, "uri-template")) {
		if (!url_parse_ok(a, s, &u) || has_byte(s, '\\'))
			return false;
		struct gourl_str path = u.path;
		for (size_t i = 0; i < path.n; i++)
			if (path.p[i] == '{') {
				const char *cb = memchr(path.p + i, '}', path.n - i);
				if (!cb)
					return false;
				i = (size_t)(cb - path.p);
			}
		return true;
	}
	if (str_is(f, "uuid"))
		return is_uuid(s);
	if (str_is(f, "regex")) {
		if (!s.n)
			return true;
		struct regex_go *re;
		struct sb e = SB_INIT;
		int rc = regex_go_compile(a, s.p, s.n, &re, &e);
		sb_release(&e);
		if (rc == 0)
			regex_go_free(re);
		return rc == 0;
	}
	if (str_is(f, "json-pointer"))
		return pointer_tail_ok(s, 0);
	if (str_is(f, "relative-json-pointer"))
		return is_rel_pointer(s);
	return true;
}

static bool format_known(struct str f)
{
	static const char *const names[] = { "date", "time", "date-time", "hostname", "email", "idn-email",
					     "ipv4", "ipv6", "uri", "uri-reference", "iri", "iri-reference",
					     "uri-template", "uuid", "regex", "json-pointer",
					     "relative-json-pointer" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (str_is(f, names[i]))
			return true;
	return false;
}

/* ---- validation.go ---- */

struct ctx {
	const struct ctx *tail;
	struct str head;
};

/* Result: the error lines ("field: description") and the score */
struct res {
	struct str *errs;
	size_t n, cap;
	long score;
};

struct vstate {
	struct arena *a;
	struct sb line; /* scratch */
};

static void res_push(struct vstate *V, struct res *r, struct str e)
{
	if (r->n == r->cap) {
		size_t nc = r->cap ? r->cap * 2 : 4;
		struct str *n = arena_alloc(V->a, nc * sizeof(*n));
		if (r->n)
			memcpy(n, r->errs, r->n * sizeof(*n));
		r->errs = n;
		r->cap = nc;
	}
	r->errs[r->n++] = e;
}

static void res_merge(struct vstate *V, struct res *r, const struct res *o)
{
	for (size_t i = 0; i < o->n; i++)
		res_push(V, r, o->errs[i]);
	r->score += o->score;
}

static void ctx_write(const struct ctx *c, struct sb *b)
{
	if (c->tail) {
		ctx_write(c->tail, b);
		sb_addc(b, '.');
	}
	sb_add(b, c->head.p, c->head.n);
}

/* ResultErrorFields.Field: the context without its "(root)." */
static void field_write(const struct ctx *c, struct sb *b)
{
	size_t st = b->len;
	ctx_write(c, b);
	if (b->len - st >= 7 && memcmp(b->buf + st, "(root).", 7) == 0) {
		memmove(b->buf + st, b->buf + st + 7, b->len - st - 7);
		sb_setlen(b, b->len - 7);
	}
}

/* addInternalError: "field: " then the description the caller appends */
static struct sb *err_begin(struct vstate *V, const struct ctx *c)
{
	sb_reset(&V->line);
	field_write(c, &V->line);
	sb_adds(&V->line, ": ");
	return &V->line;
}

static void err_end(struct vstate *V, struct res *r)
{
	res_push(V, r, (struct str){ arena_memdup(V->a, V->line.buf, V->line.len), V->line.len });
	r->score -= 2;
}

static void err_simple(struct vstate *V, struct res *r, const struct ctx *c, const char *desc)
{
	sb_adds(err_begin(V, c), desc);
	err_end(V, r);
}

static void validate(struct vstate *V, const struct sch *s, val node, struct res *r, const struct ctx *c);

static struct res sub_validate(struct vstate *V, const struct sch *s, val node, const struct ctx *c)
{
	struct res r = { 0 };
	validate(V, s, node, &r, c);
	return r;
}

static void types_string(const struct sch *s, struct sb *b)
{
	if (s->ntypes > 1)
		sb_addc(b, '[');
	for (int i = 0; i < s->ntypes; i++) {
		if (i)
			sb_addc(b, ',');
		sb_adds(b, type_names[s->types[i]]);
	}
	if (s->ntypes > 1)
		sb_addc(b, ']');
}

static bool has_type(const struct sch *s, int t)
{
	for (int i = 0; i < s->ntypes; i++)
		if (s->types[i] == t)
			return true;
	return false;
}

static bool map_has_key(val m, struct str k)
{
	return val_map_ref(m, k.p, k.n) != NULL;
}

static void validate_schema(struct vstate *V, const struct sch *s, val node, struct res *r, const struct ctx *c)
{
	if (s->nany_of) {
		bool ok = false;
		struct res best = { 0 };
		bool have_best = false;
		for (size_t i = 0; i < s->nany_of && !ok; i++) {
			struct res vr = sub_validate(V, s->any_of[i], node, c);
			ok = vr.n == 0;
			if (!ok && (!have_best || vr.score > best.score)) {
				best = vr;
				have_best = true;
			}
		}
		if (!ok) {
			err_simple(V, r, c, "Must validate at least one schema (anyOf)");
			if (have_best)
				res_merge(V, r, &best);
		}
	}
	if (s->none_of) {
		size_t nok = 0;
		struct res best = { 0 };
		bool have_best = false;
		for (size_t i = 0; i < s->none_of; i++) {
			struct res vr = sub_validate(V, s->one_of[i], node, c);
			if (vr.n == 0)
				nok++;
			else if (nok == 0 && (!have_best || vr.score > best.score)) {
				best = vr;
				have_best = true;
			}
		}
		if (nok != 1) {
			err_simple(V, r, c, "Must validate one and only one schema (oneOf)");
			if (nok == 0)
				res_merge(V, r, &best);
		}
	}
	if (s->nall_of) {
		size_t nok = 0;
		for (size_t i = 0; i < s->nall_of; i++) {
			struct res vr = sub_validate(V, s->all_of[i], node, c);
			if (vr.n == 0)
				nok++;
			res_merge(V, r, &vr);
		}
		if (nok != s->nall_of)
			err_simple(V, r, c, "Must validate all the schemas (allOf)");
	}
	if (s->not) {
		struct res vr = sub_validate(V, s->not, node, c);
		if (vr.n == 0)
			err_simple(V, r, c, "Must not validate the schema (not)");
	}
	if (s->ndeps && jkind(node) == J_MAP) {
		const uint32_t *ord = sorted(V->a, node);
		for (size_t i = 0; i < val_map_len(node); i++) {
			const struct val_map_entry *e = val_map_entry_at(node, ord[i]);
			struct str k = { e->key, e->klen };
			for (size_t d = 0; d < s->ndeps; d++) {
				const struct dep *dp = &s->deps[d];
				if (dp->key.n != k.n || memcmp(dp->key.p, k.p, k.n) != 0)
					continue;
				if (dp->s) {
					validate(V, dp->s, node, r, c);
				} else {
					for (size_t j = 0; j < dp->nkeys; j++)
						if (!map_has_key(node, dp->keys[j])) {
							struct sb *b = err_begin(V, c);
							sb_adds(b, "Has a dependency on ");
							sb_add(b, dp->keys[j].p, dp->keys[j].n);
							err_end(V, r);
						}
				}
			}
		}
	}
	if (s->if_) {
		struct res vi = sub_validate(V, s->if_, node, c);
		if (s->then_ && vi.n == 0) {
			struct res vt = sub_validate(V, s->then_, node, c);
			if (vt.n) {
				err_simple(V, r, c, "Must validate \"then\" as \"if\" was valid");
				res_merge(V, r, &vt);
			}
		}
		if (s->else_ && vi.n != 0) {
			struct res ve = sub_validate(V, s->else_, node, c);
			if (ve.n) {
				err_simple(V, r, c, "Must validate \"else\" as \"if\" was not valid");
				res_merge(V, r, &ve);
			}
		}
	}
	r->score++;
}

static void validate_common(struct vstate *V, const struct sch *s, val node, struct res *r, const struct ctx *c)
{
	if (s->konst || s->nenums) {
		size_t n;
		const char *cv = canon(V->a, node, &n);
		if (!cv)
			cv = "", n = 0;
		if (s->konst && (n != s->konst->n || memcmp(cv, s->konst->p, n) != 0)) {
			struct sb *b = err_begin(V, c);
			field_write(c, b);
			sb_adds(b, " does not match: ");
			sb_add(b, s->konst->p, s->konst->n);
			err_end(V, r);
		}
		if (s->nenums) {
			bool found = false;
			for (size_t i = 0; i < s->nenums && !found; i++)
				found = s->enums[i].n == n && memcmp(s->enums[i].p, cv, n) == 0;
			if (!found) {
				struct sb *b = err_begin(V, c);
				field_write(c, b);
				sb_adds(b, " must be one of the following: ");
				for (size_t i = 0; i < s->nenums; i++) {
					if (i)
						sb_adds(b, ", ");
					sb_add(b, s->enums[i].p, s->enums[i].n);
				}
				err_end(V, r);
			}
		}
	}
	r->score++;
}

static struct str index_str(struct arena *a, size_t i)
{
	char buf[24];
	int n = snprintf(buf, sizeof(buf), "%zu", i);
	return (struct str){ arena_memdup(a, buf, (size_t)n), (size_t)n };
}

static void validate_array(struct vstate *V, const struct sch *s, val node, struct res *r, const struct ctx *c)
{
	size_t nv = val_list_len(node);
	if (s->items_single) {
		for (size_t i = 0; i < nv; i++) {
			struct ctx sc = { c, index_str(V->a, i) };
			struct res vr = sub_validate(V, s->items[0], val_list_at(node, i), &sc);
			res_merge(V, r, &vr);
		}
	} else if (s->nitems) {
		size_t ni = s->nitems;
		for (size_t i = 0; i != ni && i != nv; i++) {
			struct ctx sc = { c, index_str(V->a, i) };
			struct res vr = sub_validate(V, s->items[i], val_list_at(node, i), &sc);
			res_merge(V, r, &vr);
		}
		if (ni < nv) {
			if (s->ai_kind == 1 && !s->ai_bool) {
				err_simple(V, r, c, "No additional items allowed on array");
			} else if (s->ai_kind == 2) {
				for (size_t i = ni; i != nv; i++) {
					struct ctx sc = { c, index_str(V->a, i) };
					struct res vr = sub_validate(V, s->ai, val_list_at(node, i), &sc);
					res_merge(V, r, &vr);
				}
			}
		}
	}
	if (s->min_items >= 0 && (int64_t)nv < s->min_items) {
		sb_addf(err_begin(V, c), "Array must have at least %lld items", (long long)s->min_items);
		err_end(V, r);
	}
	if (s->max_items >= 0 && (int64_t)nv > s->max_items) {
		sb_addf(err_begin(V, c), "Array must have at most %lld items", (long long)s->max_items);
		err_end(V, r);
	}
	if (s->unique) {
		struct str *seen = arena_alloc(V->a, (nv ? nv : 1) * sizeof(*seen));
		size_t *at = arena_alloc(V->a, (nv ? nv : 1) * sizeof(*at));
		size_t ns = 0;
		for (size_t j = 0; j < nv; j++) {
			size_t n;
			const char *cv = canon(V->a, val_list_at(node, j), &n);
			if (!cv)
				cv = "", n = 0;
			size_t k;
			for (k = 0; k < ns; k++)
				if (seen[k].n == n && memcmp(seen[k].p, cv, n) == 0)
					break;
			if (k < ns) {
				sb_addf(err_begin(V, c), "array items[%zu,%zu] must be unique", at[k], j);
				err_end(V, r);
				at[k] = j;
			} else {
				seen[ns] = (struct str){ cv, n };
				at[ns++] = j;
			}
		}
	}
	if (s->contains) {
		bool ok = false;
		struct res best = { 0 };
		bool have_best = false;
		for (size_t i = 0; i < nv; i++) {
			struct ctx sc = { c, index_str(V->a, i) };
			struct res vr = sub_validate(V, s->contains, val_list_at(node, i), &sc);
			if (vr.n == 0) {
				ok = true;
				break;
			}
			if (!have_best || vr.score > best.score) {
				best = vr;
				have_best = true;
			}
		}
		if (!ok) {
			err_simple(V, r, c, "At least one of the items must match");
			if (have_best)
				res_merge(V, r, &best);
		}
	}
	r->score++;
}

static bool pprop_match(struct vstate *V, const struct pprop *p, struct str key)
{
	struct sb e = SB_INIT;
	int rc = regex_go_match(V->a, p->re, key.p, key.n, &e);
	sb_release(&e);
	return rc == 1;
}

static void validate_object(struct vstate *V, const struct sch *s, val node, struct res *r, const struct ctx *c)
{
	size_t nk = val_map_len(node);
	if (s->min_props >= 0 && (int64_t)nk < s->min_props) {
		sb_addf(err_begin(V, c), "Must have at least %lld properties", (long long)s->min_props);
		err_end(V, r);
	}
	if (s->max_props >= 0 && (int64_t)nk > s->max_props) {
		sb_addf(err_begin(V, c), "Must have at most %lld properties", (long long)s->max_props);
		err_end(V, r);
	}
	for (size_t i = 0; i < s->nrequired; i++) {
		if (map_has_key(node, s->required[i])) {
			r->score++;
		} else {
			struct sb *b = err_begin(V, c);
			sb_add(b, s->required[i].p, s->required[i].n);
			sb_adds(b, " is required");
			err_end(V, r);
		}
	}
	const uint32_t *ord = sorted(V->a, node);
	for (size_t i = 0; i < nk; i++) {
		const struct val_map_entry *e = val_map_entry_at(node, ord[i]);
		struct str k = { e->key, e->klen };
		bool found = false;
		for (size_t j = 0; j < s->nprops && !found; j++)
			found = s->props[j].name.n == k.n && memcmp(s->props[j].name.p, k.p, k.n) == 0;
		bool pp = false;
		for (size_t j = 0; j < s->npprops; j++) {
			if (!pprop_match(V, &s->pprops[j], k))
				continue;
			pp = true;
			struct ctx sc = { c, k };
			struct res vr = sub_validate(V, s->pprops[j].s, e->v, &sc);
			res_merge(V, r, &vr);
		}
		if (pp)
			r->score++;
		if (!found && !pp) {
			if (s->ap_kind == 1 && !s->ap_bool) {
				struct sb *b = err_begin(V, c);
				sb_adds(b, "Additional property ");
				sb_add(b, k.p, k.n);
				sb_adds(b, " is not allowed");
				err_end(V, r);
			} else if (s->ap_kind == 2) {
				struct ctx sc = { c, k };
				struct res vr = sub_validate(V, s->ap, e->v, &sc);
				res_merge(V, r, &vr);
			}
		}
	}
	if (s->pnames) {
		for (size_t i = 0; i < nk; i++) {
			const struct val_map_entry *e = val_map_entry_at(node, ord[i]);
			struct str k = { e->key, e->klen };
			struct res vr = sub_validate(V, s->pnames, val_str_ref(k.p, k.n), c);
			if (vr.n) {
				struct sb *b = err_begin(V, c);
				sb_adds(b, "Property name of \"");
				sb_add(b, k.p, k.n);
				sb_adds(b, "\" does not match");
				err_end(V, r);
				res_merge(V, r, &vr);
			}
		}
	}
	r->score++;
}

static void validate_string(struct vstate *V, const struct sch *s, val node, struct res *r, const struct ctx *c)
{
	struct str v = { node.u.s, node.len };
	if (s->min_len >= 0 || s->max_len >= 0) {
		int64_t rc = (int64_t)utf8_rune_count(v.p, v.n);
		if (s->min_len >= 0 && rc < s->min_len) {
			sb_addf(err_begin(V, c), "String length must be greater than or equal to %lld",
				(long long)s->min_len);
			err_end(V, r);
		}
		if (s->max_len >= 0 && rc > s->max_len) {
			sb_addf(err_begin(V, c), "String length must be less than or equal to %lld",
				(long long)s->max_len);
			err_end(V, r);
		}
	}
	if (s->pattern) {
		struct sb e = SB_INIT;
		int rc = regex_go_match(V->a, s->pattern, v.p, v.n, &e);
		sb_release(&e);
		if (rc != 1) {
			struct sb *b = err_begin(V, c);
			sb_adds(b, "Does not match pattern '");
			sb_add(b, s->pattern_src.p, s->pattern_src.n);
			sb_addc(b, '\'');
			err_end(V, r);
		}
	}
	if (s->has_format && !format_ok(V->a, s->format, v)) {
		struct sb *b = err_begin(V, c);
		sb_adds(b, "Does not match format '");
		sb_add(b, s->format.p, s->format.n);
		sb_addc(b, '\'');
		err_end(V, r);
	}
	r->score++;
}

static void num_err(struct vstate *V, struct res *r, const struct ctx *c, const char *what, const struct dec *d)
{
	struct sb *b = err_begin(V, c);
	sb_adds(b, what);
	dec_fmt(V->a, b, d);
	err_end(V, r);
}

static void validate_number(struct vstate *V, const struct sch *s, val node, struct res *r, const struct ctx *c)
{
	struct dec x = num_dec(V->a, node);
	if (s->multiple && !dec_multiple(&x, s->multiple))
		num_err(V, r, c, "Must be a multiple of ", s->multiple);
	if (s->max && dec_cmp(&x, s->max) > 0)
		num_err(V, r, c, "Must be less than or equal to ", s->max);
	if (s->xmax && dec_cmp(&x, s->xmax) >= 0)
		num_err(V, r, c, "Must be less than ", s->xmax);
	if (s->min && dec_cmp(&x, s->min) < 0)
		num_err(V, r, c, "Must be greater than or equal to ", s->min);
	if (s->xmin && dec_cmp(&x, s->xmin) <= 0)
		num_err(V, r, c, "Must be greater than ", s->xmin);
	/* a *big.Rat is no string: every known format fails */
	if (s->has_format && format_known(s->format)) {
		struct sb *b = err_begin(V, c);
		sb_adds(b, "Does not match format '");
		sb_add(b, s->format.p, s->format.n);
		sb_addc(b, '\'');
		err_end(V, r);
	}
	r->score++;
}

static bool type_error(struct vstate *V, const struct sch *s, struct res *r, const struct ctx *c, int given_ok,
		       const char *given)
{
	if (!s->ntypes || given_ok)
		return false;
	struct sb *b = err_begin(V, c);
	sb_adds(b, "Invalid type. Expected: ");
	types_string(s, b);
	sb_adds(b, ", given: ");
	sb_adds(b, given);
	err_end(V, r);
	return true;
}

static void validate(struct vstate *V, const struct sch *s, val node, struct res *r, const struct ctx *c)
{
	if (s->pass >= 0) {
		if (!s->pass)
			err_simple(V, r, c, "False always fails validation");
		return;
	}
	if (s->ref) {
		validate(V, s->ref, node, r, c);
		return;
	}
	switch (jkind(node)) {
	case J_NULL:
		if (type_error(V, s, r, c, has_type(s, T_NULL), "null"))
			return;
		validate_schema(V, s, node, r, c);
		validate_common(V, s, node, r, c);
		break;
	case J_NUM: {
		struct dec x = num_dec(V->a, node);
		bool is_int = dec_is_int(&x);
		if (type_error(V, s, r, c, has_type(s, T_NUMBER) || (is_int && has_type(s, T_INTEGER)),
			       is_int ? "integer" : "number"))
			return;
		validate_schema(V, s, node, r, c);
		validate_number(V, s, node, r, c);
		validate_common(V, s, node, r, c);
		break;
	}
	case J_LIST:
		if (type_error(V, s, r, c, has_type(s, T_ARRAY), "array"))
			return;
		validate_schema(V, s, node, r, c);
		validate_array(V, s, node, r, c);
		validate_common(V, s, node, r, c);
		break;
	case J_MAP:
		if (type_error(V, s, r, c, has_type(s, T_OBJECT), "object"))
			return;
		validate_schema(V, s, node, r, c);
		validate_object(V, s, node, r, c);
		validate_common(V, s, node, r, c);
		for (size_t i = 0; i < s->nprops; i++) {
			val *nv = val_map_ref(node, s->props[i].name.p, s->props[i].name.n);
			if (nv) {
				struct ctx sc = { c, s->props[i].name };
				validate(V, s->props[i].s, *nv, r, &sc);
			}
		}
		break;
	case J_BOOL:
		if (type_error(V, s, r, c, has_type(s, T_BOOLEAN), "boolean"))
			return;
		validate_schema(V, s, node, r, c);
		validate_common(V, s, node, r, c);
		break;
	case J_STR:
		if (type_error(V, s, r, c, has_type(s, T_STRING), "string"))
			return;
		validate_schema(V, s, node, r, c);
		validate_common(V, s, node, r, c);
		validate_string(V, s, node, r, c);
		break;
	default:
		return;
	}
	r->score++;
}

/* ---- entry points ---- */

int schema_compile(struct arena *a, const char *json, size_t n, struct schema **out, struct sb *err)
{
	struct schema *S = arena_zalloc(a, sizeof(*S));
	S->a = a;
	S->err = err;
	*out = S;
	val doc;
	if (json_decode(a, json, n, &doc, err) < 0)
		return -1;
	int draft = 0;
	if (schema_url_draft(a, doc, &draft, err) < 0)
		return -1;
	struct str root = { "", 0 };
	parse_refs(S, doc, root, draft);
	pool_add(S, root, doc, draft);
	S->root = sch_new(a, NULL);
	S->root->draft = draft ? draft : HYBRID;
	return parse_schema(S, doc, S->root, true);
}

void schema_free(struct schema *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->regs.n; i++)
		regex_go_free(s->regs.v[i]);
	free(s->regs.v);
	s->regs.v = NULL;
	s->regs.n = s->regs.cap = 0;
}

int schema_validate(struct arena *a, struct schema *s, val values, struct sb *out)
{
	struct vstate V = { a, SB_INIT };
	struct res r = { 0 };
	struct ctx root = { NULL, { "(root)", 6 } };
	if (values.kind == VAL_NULL)
		values = val_map_new(a, 0);
	validate(&V, s->root, values, &r, &root);
	sb_release(&V.line);
	for (size_t i = 0; i < r.n; i++) {
		sb_adds(out, "- ");
		sb_add(out, r.errs[i].p, r.errs[i].n);
		sb_addc(out, '\n');
	}
	return r.n ? 1 : 0;
}

int schema_validate_single(struct arena *a, val values, const char *json, size_t n, struct sb *err)
{
	struct schema *s;
	int rc = schema_compile(a, json, n, &s, err);
	if (rc == 0)
		rc = schema_validate(a, s, values, err) ? -1 : 0;
	schema_free(s);
	return rc;
}

static struct str chart_name_str(const struct chart *c)
{
	size_t n;
	const char *p = chart_name(c, &n);
	return (struct str){ p, n };
}

int schema_validate_chart(struct arena *a, const struct chart *c, val values, struct sb *err)
{
	size_t st = err->len;
	if (c->schema) {
		struct sb e = SB_INIT;
		if (schema_validate_single(a, values, c->schema, c->schema_len, &e) < 0) {
			struct str nm = chart_name_str(c);
			sb_add(err, nm.p, nm.n);
			sb_adds(err, ":\n");
			sb_add(err, e.buf, e.len);
		}
		sb_release(&e);
	}
	for (size_t i = 0; i < c->ndeps; i++) {
		const struct chart *d = c->deps[i];
		struct str nm = chart_name_str(d);
		val sv = val_null();
		if (values.kind == VAL_MAP)
			val_map_get(values, nm.p, nm.n, &sv);
		if (sv.kind != VAL_MAP) {
			/* Go's type assertion panics here; Helm dies with it */
			sb_adds(err, "panic: interface conversion: interface {} is nil, not map[string]interface {}");
			return -1;
		}
		schema_validate_chart(a, d, sv, err);
	}
	return err->len > st ? -1 : 0;
}
