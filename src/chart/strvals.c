/* strvals.c — Helm 3.17.3's pkg/strvals parser.go and literal_parser.go:
 * the rune-by-rune key/index/value grammar with its odd corners kept (EOF
 * after a key or index is silently fine, "{}" is [""], Go panics on type
 * mismatches recovered as "unable to parse key: interface conversion: ..."). */
#include "chart/strvals.h"

#include <string.h>

#include "base/quote.h"
#include "base/strconv_parse.h"
#include "base/utf8.h"
#include "value/codec.h"

#define MAX_INDEX 65536         /* strvals.MaxIndex */
#define MAX_NESTED_NAME_LEVEL 30 /* strvals.MaxNestedNameLevel */

/* Go's control flow: nil, io.EOF, ErrNotList, any other error (in err). */
enum { SP_OK = 0, SP_EOF = 1, SP_NOTLIST = 2, SP_ERR = -1 };

struct sp {
	struct arena *a;
	const char *s;
	size_t n, pos, lastw;
	enum strvals_mode mode;
	strvals_reader rd;
	void *ctx;
	struct sb *err;
};

/* bytes.Buffer.ReadRune: invalid UTF-8 reads as U+FFFD, one byte wide. */
static bool read_rune(struct sp *p, int32_t *r)
{
	if (p->pos >= p->n)
		return false;
	size_t w = 1;
	unsigned char c = (unsigned char)p->s[p->pos];
	*r = c < 0x80 ? c : utf8_decode(p->s + p->pos, p->n - p->pos, &w);
	p->lastw = w;
	p->pos += w;
	return true;
}

static void unread_rune(struct sp *p)
{
	p->pos -= p->lastw;
	p->lastw = 0;
}

static void add_rune(struct sb *out, int32_t r)
{
	char buf[4];
	sb_add(out, buf, utf8_encode(r, buf));
}

static bool in_stop(int32_t r, const char *stop)
{
	return r > 0 && r < 0x80 && strchr(stop, (int)r);
}

/* runesUntil / runesUntilLiteral: the runes up to a stop rune (consumed,
 * put in *last); outside literal mode a backslash takes the next rune as it
 * is.  SP_EOF when the input ends first. */
static int runes_until(struct sp *p, const char *stop, struct sb *out, int32_t *last)
{
	int32_t r;
	*last = 0;
	for (;;) {
		if (!read_rune(p, &r))
			return SP_EOF;
		if (in_stop(r, stop)) {
			*last = r;
			return SP_OK;
		}
		if (r == '\\' && p->mode != STRVALS_LITERAL) {
			if (!read_rune(p, &r))
				return SP_EOF;
		}
		add_rune(out, r);
	}
}

static const char *key_dup(struct sp *p, const struct sb *k)
{
	return arena_memdup(p->a, k->buf, k->len);
}

/* set(): an empty key is never stored. */
static void set_key(struct sp *p, val data, const struct sb *k, val v)
{
	if (k->len == 0)
		return;
	val_map_set(p->a, data, key_dup(p, k), k->len, v);
}

/* strings.EqualFold(s, word) for the lowercase ASCII words typedVal tries:
 * simple case folding adds only U+017F (long s) to their letters. */
static bool fold_eq(const char *s, size_t n, const char *word)
{
	size_t i = 0;
	for (; *word; word++) {
		if (i >= n)
			return false;
		size_t w = 1;
		unsigned char c = (unsigned char)s[i];
		int32_t r = c < 0x80 ? c : utf8_decode(s + i, n - i, &w);
		i += w;
		if (r == *word || r == *word - 32 || (*word == 's' && r == 0x17F))
			continue;
		return false;
	}
	return i == n;
}

/* typedVal: true/false/null in any case, "0", and base-10 int64 unless the
 * text starts with '0'; anything else stays a string. */
static val typed_val(struct sp *p, const struct sb *v, bool as_string)
{
	if (!as_string) {
		if (fold_eq(v->buf, v->len, "true"))
			return val_bool(true);
		if (fold_eq(v->buf, v->len, "false"))
			return val_bool(false);
		if (fold_eq(v->buf, v->len, "null"))
			return val_null();
		if (v->len == 1 && v->buf[0] == '0')
			return val_int(0);
		int64_t i;
		if (v->len && v->buf[0] != '0' && strconv_parse_int(v->buf, v->len, 10, 64, &i) == STRCONV_OK)
			return val_int(i);
	}
	return val_str(p->a, v->buf, v->len);
}

/* t.reader(rs) */
static int read_value(struct sp *p, const struct sb *rs, val *out)
{
	if (p->mode == STRVALS_FILE) {
		*out = val_null();
		if (!p->rd) {
			sb_adds(p->err, "no reader for file values");
			return SP_ERR;
		}
		return p->rd(p->ctx, p->a, rs->buf, rs->len, out, p->err) < 0 ? SP_ERR : SP_OK;
	}
	*out = typed_val(p, rs, p->mode == STRVALS_STRING);
	return SP_OK;
}

/* A recovered Go panic of a failed type assertion on an interface{}. */
static int conv_panic(struct sp *p, val v, const char *want)
{
	sb_adds(p->err, "unable to parse key: interface conversion: interface {} is ");
	sb_adds(p->err, v.kind == VAL_NULL ? "nil" : val_go_type_name(v));
	sb_adds(p->err, ", not ");
	sb_adds(p->err, want);
	return SP_ERR;
}

/* keyIndex: strconv.Atoi of the text before ']'. */
static int key_index(struct sp *p, int64_t *idx)
{
	struct sb v = SB_INIT;
	int32_t last;
	int rc = runes_until(p, "]", &v, &last);
	if (rc == SP_EOF) {
		sb_release(&v);
		sb_adds(p->err, "error parsing index: EOF");
		return SP_ERR;
	}
	enum strconv_err e = strconv_parse_int(v.buf, v.len, 10, 64, idx);
	if (e != STRCONV_OK) {
		sb_adds(p->err, "error parsing index: strconv.Atoi: parsing ");
		strconv_append_quote(p->err, v.buf, v.len);
		sb_addf(p->err, ": %s", strconv_err_text(e));
		sb_release(&v);
		return SP_ERR;
	}
	sb_release(&v);
	return SP_OK;
}

/* setIndex: the list grows (nil-filled) up to index; *list may be NULL-kind
 * (a nil slice). */
static int set_index(struct sp *p, val *list, int64_t index, val v)
{
	if (index < 0) {
		sb_addf(p->err, "negative %lld index not allowed", (long long)index);
		return SP_ERR;
	}
	if (index > MAX_INDEX) {
		sb_addf(p->err, "index of %lld is greater than maximum supported index of %d",
			(long long)index, MAX_INDEX);
		return SP_ERR;
	}
	if (list->kind != VAL_LIST)
		*list = val_list_new(p->a, (size_t)index + 1);
	while ((int64_t)val_list_len(*list) <= index)
		val_list_push(p->a, *list, val_null());
	list->u.l->items[index] = v;
	return SP_OK;
}

/* ---- --set-json: json.Decoder.Decode of one value from the rest ----
 * The extent of the first JSON value the way scanner.go walks it: SP_OK with
 * *end just past it, SP_EOF when the input ends inside it (Decoder says
 * "unexpected EOF"), SP_ERR with *bad at the first byte the scanner rejects. */
struct jx {
	const unsigned char *s;
	size_t n, i;
	size_t bad;
	int depth;
};

static int jx_value(struct jx *x);

static void jx_ws(struct jx *x)
{
	while (x->i < x->n && (x->s[x->i] == ' ' || x->s[x->i] == '\t' || x->s[x->i] == '\n' || x->s[x->i] == '\r'))
		x->i++;
}

static int jx_fail(struct jx *x)
{
	x->bad = x->i;
	return SP_ERR;
}

static int jx_string(struct jx *x)
{
	x->i++; /* opening quote */
	while (x->i < x->n) {
		unsigned char c = x->s[x->i];
		if (c == '"') {
			x->i++;
			return SP_OK;
		}
		if (c < 0x20)
			return jx_fail(x);
		if (c == '\\') {
			x->i++;
			if (x->i >= x->n)
				return SP_EOF;
			c = x->s[x->i];
			if (c == 'u') {
				for (int k = 0; k < 4; k++) {
					x->i++;
					if (x->i >= x->n)
						return SP_EOF;
					c = x->s[x->i];
					if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
						return jx_fail(x);
				}
			} else if (!strchr("\"\\/bfnrt", c) || c == 0) {
				return jx_fail(x);
			}
		}
		x->i++;
	}
	return SP_EOF;
}

static bool jx_digit(struct jx *x)
{
	return x->i < x->n && x->s[x->i] >= '0' && x->s[x->i] <= '9';
}

/* A number ends at the first byte that cannot continue it; at the end of
 * the input a number in a final state is complete. */
static int jx_number(struct jx *x)
{
	if (x->s[x->i] == '-') {
		x->i++;
		if (x->i >= x->n)
			return SP_EOF;
		if (!jx_digit(x))
			return jx_fail(x);
	}
	if (x->s[x->i] == '0') {
		x->i++;
	} else {
		while (jx_digit(x))
			x->i++;
	}
	if (x->i < x->n && x->s[x->i] == '.') {
		x->i++;
		if (x->i >= x->n)
			return SP_EOF;
		if (!jx_digit(x))
			return jx_fail(x);
		while (jx_digit(x))
			x->i++;
	}
	if (x->i < x->n && (x->s[x->i] == 'e' || x->s[x->i] == 'E')) {
		x->i++;
		if (x->i < x->n && (x->s[x->i] == '+' || x->s[x->i] == '-'))
			x->i++;
		if (x->i >= x->n)
			return SP_EOF;
		if (!jx_digit(x))
			return jx_fail(x);
		while (jx_digit(x))
			x->i++;
	}
	return SP_OK;
}

static int jx_literal(struct jx *x, const char *word)
{
	for (; *word; word++) {
		if (x->i >= x->n)
			return SP_EOF;
		if (x->s[x->i] != (unsigned char)*word)
			return jx_fail(x);
		x->i++;
	}
	return SP_OK;
}

static int jx_container(struct jx *x, bool obj)
{
	if (++x->depth > 10000)
		return jx_fail(x);
	x->i++;
	jx_ws(x);
	if (x->i >= x->n)
		return SP_EOF;
	if (x->s[x->i] == (obj ? '}' : ']')) {
		x->i++;
		x->depth--;
		return SP_OK;
	}
	for (;;) {
		int rc;
		if (obj) {
			if (x->s[x->i] != '"')
				return jx_fail(x);
			if ((rc = jx_string(x)) != SP_OK)
				return rc;
			jx_ws(x);
			if (x->i >= x->n)
				return SP_EOF;
			if (x->s[x->i] != ':')
				return jx_fail(x);
			x->i++;
		}
		if ((rc = jx_value(x)) != SP_OK)
			return rc;
		jx_ws(x);
		if (x->i >= x->n)
			return SP_EOF;
		unsigned char c = x->s[x->i];
		if (c == (obj ? '}' : ']')) {
			x->i++;
			x->depth--;
			return SP_OK;
		}
		if (c != ',')
			return jx_fail(x);
		x->i++;
		jx_ws(x);
		if (x->i >= x->n)
			return SP_EOF;
	}
}

static int jx_value(struct jx *x)
{
	jx_ws(x);
	if (x->i >= x->n)
		return SP_EOF;
	unsigned char c = x->s[x->i];
	switch (c) {
	case '{':
		return jx_container(x, true);
	case '[':
		return jx_container(x, false);
	case '"':
		return jx_string(x);
	case 't':
		return jx_literal(x, "true");
	case 'f':
		return jx_literal(x, "false");
	case 'n':
		return jx_literal(x, "null");
	default:
		if (c == '-' || (c >= '0' && c <= '9'))
			return jx_number(x);
		return jx_fail(x);
	}
}

/* Decode one JSON value at the current position and consume it. */
static int json_value(struct sp *p, val *out)
{
	struct jx x = { (const unsigned char *)p->s + p->pos, p->n - p->pos, 0, 0, 0 };
	int rc = jx_value(&x);
	if (rc == SP_EOF) {
		sb_adds(p->err, "unexpected EOF");
		return SP_ERR;
	}
	/* on a syntax error, Unmarshal of the bytes up to the bad one reports
	 * the scanner's message for it, exactly as the Decoder words it */
	size_t len = rc == SP_OK ? x.i : x.bad + 1;
	if (val_from_json(p->a, p->s + p->pos, len, out, p->err) < 0)
		return SP_ERR;
	if (rc != SP_OK) {
		sb_adds(p->err, "invalid json");
		return SP_ERR;
	}
	p->pos += x.i;
	p->lastw = 0;
	return SP_OK;
}

/* emptyVal: skip unicode spaces up to ',' or the end (true), or stop before
 * anything else (false). */
static bool empty_val(struct sp *p)
{
	int32_t r;
	for (;;) {
		if (!read_rune(p, &r))
			return true;
		if (r == ',')
			return true;
		bool space = r == ' ' || (r >= '\t' && r <= '\r') || r == 0x85 || r == 0xA0 || r == 0x1680 ||
			     (r >= 0x2000 && r <= 0x200a) || r == 0x2028 || r == 0x2029 || r == 0x202f ||
			     r == 0x205f || r == 0x3000;
		if (!space) {
			unread_rune(p);
			return false;
		}
	}
}

/* valList: "{a,b}" as a list (SP_NOTLIST when the value does not start with
 * '{', SP_EOF at the end of input). */
static int val_list(struct sp *p, val *out)
{
	int32_t r;
	*out = val_list_new(p->a, 0);
	if (!read_rune(p, &r))
		return SP_EOF;
	if (r != '{') {
		unread_rune(p);
		return SP_NOTLIST;
	}
	struct sb rs = SB_INIT;
	for (;;) {
		int32_t last;
		sb_reset(&rs);
		if (runes_until(p, ",}", &rs, &last) == SP_EOF) {
			sb_release(&rs);
			sb_adds(p->err, "list must terminate with '}'");
			return SP_ERR;
		}
		val v;
		int rc = read_value(p, &rs, &v);
		if (last == '}') {
			if (read_rune(p, &r) && r != ',')
				unread_rune(p);
			val_list_push(p->a, *out, v);
			sb_release(&rs);
			return rc;
		}
		if (rc != SP_OK) {
			sb_release(&rs);
			return rc;
		}
		val_list_push(p->a, *out, v);
	}
}

/* val(): the value up to ',' (or, for literals, to the end). */
static int plain_val(struct sp *p, struct sb *out)
{
	int32_t last;
	return runes_until(p, p->mode == STRVALS_LITERAL ? "" : ",", out, &last);
}

static int key(struct sp *p, val data, int level);

/* The value after '=' for a list item (listItem's '=' case). */
static int list_item_value(struct sp *p, val *list, int64_t i)
{
	val v;
	int rc;
	if (p->mode == STRVALS_LITERAL) {
		struct sb s = SB_INIT;
		plain_val(p, &s);
		v = val_str(p->a, s.buf, s.len);
		sb_release(&s);
		return set_index(p, list, i, v);
	}
	if (p->mode == STRVALS_JSON) {
		if (empty_val(p))
			return set_index(p, list, i, val_null());
		if (json_value(p, &v) < 0)
			return SP_ERR;
		if (set_index(p, list, i, v) < 0)
			return SP_ERR;
		empty_val(p);
		return SP_OK;
	}
	rc = val_list(p, &v);
	if (rc == SP_OK)
		return set_index(p, list, i, v);
	if (rc == SP_EOF)
		return set_index(p, list, i, val_str_ref("", 0));
	if (rc != SP_NOTLIST)
		return rc;
	struct sb rs = SB_INIT;
	plain_val(p, &rs);
	rc = read_value(p, &rs, &v);
	sb_release(&rs);
	if (rc != SP_OK)
		return rc;
	return set_index(p, list, i, v);
}

/* listItem: what follows "[i]"; *list is updated (Go returns the slice). */
static int list_item(struct sp *p, val *list, int64_t i, int level)
{
	if (i < 0) {
		sb_addf(p->err, "negative %lld index not allowed", (long long)i);
		return SP_ERR;
	}
	struct sb k = SB_INIT;
	int32_t last;
	int rc = runes_until(p, "[.=", &k, &last);
	if (k.len > 0) {
		/* %q of a []rune: each rune as a Go rune literal */
		sb_adds(p->err, "unexpected data at end of array index: [");
		for (size_t j = 0; j < k.len;) {
			size_t w;
			int32_t r = utf8_decode(k.buf + j, k.len - j, &w);
			if (j)
				sb_addc(p->err, ' ');
			strconv_append_quote_rune(p->err, r);
			j += w;
		}
		sb_addc(p->err, ']');
		sb_release(&k);
		return SP_ERR;
	}
	sb_release(&k);
	if (rc == SP_EOF)
		return SP_EOF;
	if (last == '=')
		return list_item_value(p, list, i);
	if (last == '[') {
		int64_t next;
		if (key_index(p, &next) < 0)
			return SP_ERR;
		val crt = val_null();
		if (list->kind == VAL_LIST && (int64_t)val_list_len(*list) > i) {
			val existed = val_list_at(*list, (size_t)i);
			if (existed.kind != VAL_NULL) {
				if (existed.kind != VAL_LIST)
					return conv_panic(p, existed, "[]interface {}");
				crt = existed;
			}
		}
		if ((rc = list_item(p, &crt, next, level)) != SP_OK)
			return rc;
		return set_index(p, list, i, crt);
	}
	/* '.': a map inside the list */
	val inner;
	if (list->kind == VAL_LIST && (int64_t)val_list_len(*list) > i) {
		inner = val_list_at(*list, (size_t)i);
		if (inner.kind != VAL_MAP) {
			/* indices out of order: the item becomes an empty map */
			inner = val_map_new(p->a, 0);
			list->u.l->items[i] = inner;
		}
	} else {
		inner = val_map_new(p->a, 0);
	}
	if ((rc = key(p, inner, level)) != SP_OK)
		return rc;
	return set_index(p, list, i, inner);
}

/* The value after "key=" (key's '=' case). */
static int key_value(struct sp *p, val data, const struct sb *k)
{
	val v;
	int rc;
	if (p->mode == STRVALS_LITERAL) {
		struct sb s = SB_INIT;
		plain_val(p, &s);
		set_key(p, data, k, val_str(p->a, s.buf, s.len));
		sb_release(&s);
		return SP_OK;
	}
	if (p->mode == STRVALS_JSON) {
		if (empty_val(p)) {
			set_key(p, data, k, val_null());
			return SP_OK;
		}
		if (json_value(p, &v) < 0)
			return SP_ERR;
		set_key(p, data, k, v);
		empty_val(p);
		return SP_OK;
	}
	rc = val_list(p, &v);
	if (rc == SP_OK) {
		set_key(p, data, k, v);
		return SP_OK;
	}
	if (rc == SP_EOF) {
		set_key(p, data, k, val_str_ref("", 0));
		return SP_EOF;
	}
	if (rc != SP_NOTLIST)
		return rc;
	struct sb rs = SB_INIT;
	plain_val(p, &rs);
	rc = read_value(p, &rs, &v);
	sb_release(&rs);
	set_key(p, data, k, v);
	return rc;
}

static int key(struct sp *p, val data, int level)
{
	struct sb k = SB_INIT;
	int32_t last;
	int rc = runes_until(p, p->mode == STRVALS_LITERAL ? "=[." : "=[,.", &k, &last);
	if (rc == SP_EOF) {
		if (k.len == 0) {
			sb_release(&k);
			return SP_EOF;
		}
		sb_adds(p->err, "key ");
		strconv_append_quote(p->err, k.buf, k.len);
		sb_adds(p->err, " has no value");
		sb_release(&k);
		return SP_ERR;
	}
	switch (last) {
	case '[': {
		int64_t i;
		if (key_index(p, &i) < 0) {
			sb_release(&k);
			return SP_ERR;
		}
		val list = val_null(), cur;
		if (val_map_get(data, k.buf, k.len, &cur)) {
			if (cur.kind != VAL_LIST) {
				sb_release(&k);
				return conv_panic(p, cur, "[]interface {}");
			}
			list = cur;
		}
		rc = list_item(p, &list, i, level);
		if (list.kind != VAL_LIST)
			list = val_list_new(p->a, 0); /* []interface{}{} */
		set_key(p, data, &k, list);
		break;
	}
	case '=':
		rc = key_value(p, data, &k);
		break;
	case ',':
		set_key(p, data, &k, val_str_ref("", 0));
		sb_adds(p->err, "key ");
		strconv_append_quote(p->err, k.buf, k.len);
		sb_adds(p->err, " has no value (cannot end with ,)");
		rc = SP_ERR;
		break;
	default: { /* '.' */
		if (++level > MAX_NESTED_NAME_LEVEL) {
			sb_addf(p->err, "value name nested level is greater than maximum supported nested level of %d",
				MAX_NESTED_NAME_LEVEL);
			rc = SP_ERR;
			break;
		}
		val inner, cur;
		if (val_map_get(data, k.buf, k.len, &cur)) {
			if (cur.kind != VAL_MAP) {
				rc = conv_panic(p, cur, "map[string]interface {}");
				break;
			}
			inner = cur;
		} else {
			inner = val_map_new(p->a, 0);
		}
		rc = key(p, inner, level);
		if (rc == SP_OK && val_map_len(inner) == 0) {
			sb_adds(p->err, "key map ");
			strconv_append_quote(p->err, k.buf, k.len);
			sb_adds(p->err, " has no value");
			rc = SP_ERR;
		}
		if (val_map_len(inner) != 0)
			set_key(p, data, &k, inner);
		break;
	}
	}
	sb_release(&k);
	return rc;
}

int strvals_parse_with(struct arena *a, const char *s, size_t n, val dest, enum strvals_mode mode,
		       strvals_reader rd, void *ctx, struct sb *err)
{
	struct sp p = { a, s, n, 0, 0, mode, rd, ctx, err };
	for (;;) {
		int rc = key(&p, dest, 0);
		if (rc == SP_OK)
			continue;
		return rc == SP_EOF ? 0 : -1;
	}
}

int strvals_parse(struct arena *a, const char *s, size_t n, val dest, enum strvals_mode mode, struct sb *err)
{
	return strvals_parse_with(a, s, n, dest, mode, NULL, NULL, err);
}
