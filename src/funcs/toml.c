/* toml.c — TOML for Helm's toToml/fromToml, byte for byte what
 * github.com/BurntSushi/toml v1.4.0 does: its Encoder (encode.go: direct
 * keys before tables, sorted, 2-space indent per level) and its lexer
 * (lex.go: a state machine with a state stack and 4-rune backup whose
 * quirks show in error texts and line numbers) feeding its parser
 * (parse.go: implicit tables, keyInfo types, ParseError texts). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/quote.h"
#include "base/strconv.h"
#include "base/strconv_parse.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "funcs/fn_toml.h"

/* ================= encoder (encode.go) ================= */

enum ttype { TT_NONE, TT_SCALAR, TT_ARRAY, TT_HASH, TT_ARRAYHASH };

struct tkey {
	const char *const *s;
	const size_t *n;
	size_t len;
};

struct enc {
	struct arena *a;
	struct sb *out;
	bool written;
	jmp_buf jb;
	struct sb *err;
	int rc;
};

static void enc_fail(struct enc *e, int rc, const char *msg)
{
	sb_adds(e->err, msg);
	e->rc = rc;
	longjmp(e->jb, 1);
}

/* tomlTypeOfGo, with isTableArray's nil-element check. */
static enum ttype enc_type(struct enc *e, val v)
{
	switch (v.kind) {
	case VAL_NULL:
		return TT_NONE;
	case VAL_MAP:
		return TT_HASH;
	case VAL_STRING:
		return v.gotype == GT_BYTES ? TT_ARRAY : TT_SCALAR;
	case VAL_LIST: {
		size_t n = val_list_len(v);
		bool all = n > 0;
		for (size_t i = 0; i < n; i++) {
			enum ttype t = enc_type(e, val_list_at(v, i));
			if (t == TT_NONE)
				enc_fail(e, -1, "toml: cannot encode array with nil element");
			if (t != TT_HASH)
				all = false;
		}
		return all ? TT_ARRAYHASH : TT_ARRAY;
	}
	default:
		return TT_SCALAR;
	}
}

static void enc_w(struct enc *e, const char *s, size_t n)
{
	sb_add(e->out, s, n);
	e->written = true;
}

static void enc_newline(struct enc *e)
{
	if (e->written)
		enc_w(e, "\n", 1);
}

/* dblQuotedReplacer */
static void enc_escape(struct sb *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': sb_add(out, "\\\"", 2); break;
		case '\\': sb_add(out, "\\\\", 2); break;
		case '\b': sb_add(out, "\\b", 2); break;
		case '\t': sb_add(out, "\\t", 2); break;
		case '\n': sb_add(out, "\\n", 2); break;
		case '\f': sb_add(out, "\\f", 2); break;
		case '\r': sb_add(out, "\\r", 2); break;
		default:
			if (c < 0x20 || c == 0x7f) {
				char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
				sb_add(out, u, 6);
			} else {
				sb_addc(out, (char)c);
			}
		}
	}
}

static void enc_quoted(struct enc *e, const char *s, size_t n)
{
	sb_addc(e->out, '"');
	enc_escape(e->out, s, n);
	sb_addc(e->out, '"');
	e->written = true;
}

static bool bare_key(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t w;
		int32_t r = utf8_decode(s + i, n - i, &w);
		if (!((r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '_' ||
		      r == '-'))
			return false;
		i += w;
	}
	return true;
}

/* Key.maybeQuoted / one piece of Key.String */
static void key_piece(struct sb *out, const char *s, size_t n)
{
	if (n == 0) {
		sb_add(out, "\"\"", 2);
	} else if (bare_key(s, n)) {
		sb_add(out, s, n);
	} else {
		sb_addc(out, '"');
		enc_escape(out, s, n);
		sb_addc(out, '"');
	}
}

static void key_string(struct sb *out, const struct tkey *k)
{
	for (size_t i = 0; i < k->len; i++) {
		if (i)
			sb_addc(out, '.');
		key_piece(out, k->s[i], k->n[i]);
	}
}

static struct tkey key_add(struct arena *a, const struct tkey *k, const char *s, size_t n)
{
	struct tkey r;
	const char **ss = arena_alloc(a, (k->len + 1) * sizeof(*ss));
	size_t *nn = arena_alloc(a, (k->len + 1) * sizeof(*nn));
	if (k->len) {
		memcpy(ss, k->s, k->len * sizeof(*ss));
		memcpy(nn, k->n, k->len * sizeof(*nn));
	}
	ss[k->len] = s;
	nn[k->len] = n;
	r.s = ss;
	r.n = nn;
	r.len = k->len + 1;
	return r;
}

static void enc_indent(struct enc *e, const struct tkey *k)
{
	if (k->len > 1)
		sb_addrep(e->out, ' ', 2 * (k->len - 1));
}

static void enc_map(struct enc *e, const struct tkey *key, val m, bool inline_);

static void enc_float(struct enc *e, double f)
{
	if (isnan(f)) {
		enc_w(e, signbit(f) ? "-nan" : "nan", signbit(f) ? 4 : 3);
	} else if (isinf(f)) {
		enc_w(e, f < 0 ? "-inf" : "inf", f < 0 ? 4 : 3);
	} else {
		size_t start = e->out->len;
		strconv_format_float(e->out, f, 'f', -1);
		if (!memchr(e->out->buf + start, '.', e->out->len - start))
			sb_add(e->out, ".0", 2);
		e->written = true;
	}
}

/* eElement */
static void enc_element(struct enc *e, val v)
{
	switch (v.kind) {
	case VAL_STRING:
		if (v.gotype == GT_BYTES) { /* []byte: an array of integers */
			enc_w(e, "[", 1);
			for (size_t i = 0; i < v.len; i++) {
				if (i)
					sb_add(e->out, ", ", 2);
				strconv_format_int(e->out, (unsigned char)v.u.s[i], 10);
			}
			enc_w(e, "]", 1);
			break;
		}
		enc_quoted(e, v.u.s, v.len);
		break;
	case VAL_BOOL:
		enc_w(e, v.u.b ? "true" : "false", v.u.b ? 4 : 5);
		break;
	case VAL_INT:
		if (v.gotype == GT_UINT64)
			strconv_format_uint(e->out, (uint64_t)v.u.i, 10);
		else
			strconv_format_int(e->out, v.u.i, 10);
		e->written = true;
		break;
	case VAL_FLOAT:
		enc_float(e, v.u.f);
		break;
	case VAL_LIST: {
		size_t n = val_list_len(v);
		enc_w(e, "[", 1);
		for (size_t i = 0; i < n; i++) {
			enc_element(e, val_list_at(v, i));
			if (i != n - 1)
				enc_w(e, ", ", 2);
		}
		enc_w(e, "]", 1);
		break;
	}
	case VAL_MAP:
		enc_map(e, NULL, v, true);
		break;
	default:
		enc_fail(e, -2, "reflect: call of reflect.Value.Interface on zero Value");
	}
}

static void enc_key_value(struct enc *e, const struct tkey *key, val v, bool inline_)
{
	if (key->len == 0) {
		enc_element(e, v);
		return;
	}
	enc_indent(e, key);
	key_piece(e->out, key->s[key->len - 1], key->n[key->len - 1]);
	enc_w(e, " = ", 3);
	enc_element(e, v);
	if (!inline_)
		enc_newline(e);
}

static void enc_encode(struct enc *e, const struct tkey *key, val v);

static void enc_table(struct enc *e, const struct tkey *key, val m)
{
	if (key->len == 1)
		enc_newline(e);
	if (key->len > 0) {
		enc_indent(e, key);
		sb_addc(e->out, '[');
		key_string(e->out, key);
		enc_w(e, "]", 1);
		enc_newline(e);
	}
	enc_map(e, key, m, false);
}

static void enc_array_of_tables(struct enc *e, const struct tkey *key, val l)
{
	if (key->len == 0)
		enc_fail(e, -1, "toml: top-level values must be Go maps or structs");
	for (size_t i = 0; i < val_list_len(l); i++) {
		enc_newline(e);
		enc_indent(e, key);
		sb_add(e->out, "[[", 2);
		key_string(e->out, key);
		enc_w(e, "]]", 2);
		enc_newline(e);
		enc_map(e, key, val_list_at(l, i), false);
	}
}

static void enc_encode(struct enc *e, const struct tkey *key, val v)
{
	switch (v.kind) {
	case VAL_NULL:
		return;
	case VAL_LIST:
		if (enc_type(e, v) == TT_ARRAYHASH)
			enc_array_of_tables(e, key, v);
		else
			enc_key_value(e, key, v, false);
		return;
	case VAL_MAP:
		enc_table(e, key, v);
		return;
	default:
		enc_key_value(e, key, v, false);
	}
}

static void enc_write_keys(struct enc *e, const struct tkey *key, val m, const uint32_t *idx, size_t n,
			   bool trail, bool inline_)
{
	for (size_t i = 0; i < n; i++) {
		const struct val_map_entry *en = val_map_entry_at(m, idx[i]);
		if (en->v.kind == VAL_NULL)
			continue;
		if (inline_) {
			size_t kl = en->klen;
			struct tkey k1 = { &en->key, &kl, 1 };
			enc_key_value(e, &k1, en->v, true);
			if (trail || i != n - 1)
				enc_w(e, ", ", 2);
		} else {
			struct tkey sub = key_add(e->a, key, en->key, en->klen);
			enc_encode(e, &sub, en->v);
		}
	}
}

/* eMap: keys sorted, those holding no table first */
static void enc_map(struct enc *e, const struct tkey *key, val m, bool inline_)
{
	static const struct tkey none = { NULL, NULL, 0 };
	size_t n = val_map_len(m);
	const uint32_t *ord = val_map_order(e->a, m);
	uint32_t *direct = arena_alloc(e->a, (n + 1) * sizeof(uint32_t));
	uint32_t *sub = arena_alloc(e->a, (n + 1) * sizeof(uint32_t));
	size_t nd = 0, ns = 0;
	if (!key)
		key = &none;
	for (size_t i = 0; i < n; i++) {
		enum ttype t = enc_type(e, val_map_entry_at(m, ord[i])->v);
		if (t == TT_HASH || t == TT_ARRAYHASH)
			sub[ns++] = ord[i];
		else
			direct[nd++] = ord[i];
	}
	if (inline_)
		enc_w(e, "{", 1);
	enc_write_keys(e, key, m, direct, nd, ns > 0, inline_);
	enc_write_keys(e, key, m, sub, ns, false, inline_);
	if (inline_)
		enc_w(e, "}", 1);
}

int fn_toml_encode(struct arena *a, val v, struct sb *out, struct sb *err)
{
	static const struct tkey root = { NULL, NULL, 0 };
	struct enc e = { 0 };
	e.a = a;
	e.out = out;
	e.err = err;
	if (v.kind == VAL_NULL) {
		sb_adds(err, "reflect: call of reflect.Value.Type on zero Value");
		return -2;
	}
	if (v.kind == VAL_OPAQUE || v.gotype >= GT_HOST_FIRST) {
		sb_adds(err, "cozypkg: toToml of this Go type is not supported");
		return -2;
	}
	if (setjmp(e.jb))
		return e.rc;
	enc_encode(&e, &root, v);
	return 0;
}

/* ================= lexer (lex.go) ================= */

enum itype {
	IT_ERROR, IT_NIL, IT_EOF, IT_TEXT, IT_STRING, IT_STRING_ESC, IT_RAW_STRING, IT_ML_STRING,
	IT_RAW_ML_STRING, IT_BOOL, IT_INTEGER, IT_FLOAT, IT_DATETIME, IT_ARRAY, IT_ARRAY_END,
	IT_TABLE_START, IT_TABLE_END, IT_ARRAY_TABLE_START, IT_ARRAY_TABLE_END, IT_KEY_START,
	IT_KEY_END, IT_COMMENT_START, IT_INLINE_TABLE_START, IT_INLINE_TABLE_END,
};

enum lstate {
	L_NIL, L_TOP, L_TOP_END, L_TABLE_START, L_TABLE_END, L_ARRAY_TABLE_END, L_TABLE_NAME_START,
	L_TABLE_NAME_END, L_BARE_NAME, L_QUOTED_NAME, L_KEY_START, L_KEY_NAME_START, L_KEY_END, L_VALUE,
	L_ARRAY_VALUE, L_ARRAY_VALUE_END, L_ARRAY_END, L_INLINE_VALUE, L_INLINE_VALUE_END, L_INLINE_END,
	L_STRING, L_ML_STRING, L_RAW_STRING, L_ML_RAW_STRING, L_ML_STRING_ESCAPE, L_STRING_ESCAPE,
	L_SHORT_UNI, L_LONG_UNI, L_NUM_OR_DATE_START, L_NUM_OR_DATE, L_DATETIME, L_HEX_INT, L_OCT_INT,
	L_BIN_INT, L_DEC_NUM, L_DEC_NUM_START, L_BASE_NUM_OR_DATE, L_FLOAT, L_BOOL, L_COMMENT_START,
	L_COMMENT,
};

#define TEOF 0

struct item {
	enum itype typ;
	const char *val;
	size_t len;
	int line;
	const char *err; /* IT_ERROR: the message (arena, may hold NUL) */
	size_t errlen;
};

#define QCAP 64

struct lexer {
	struct arena *a;
	const char *in;
	size_t n, start, pos;
	int line;
	enum lstate state;
	bool esc, at_eof;
	size_t prevw[4];
	int nprev;
	enum lstate *stack;
	size_t nstack, capstack;
	struct item q[QCAP];
	size_t qhead, qlen;
	const char *bug; /* a Go panic of the lexer (next after EOF...) */
	size_t msglen;   /* length of the next error message if it holds NUL */
};

static bool is_ws(int32_t r) { return r == '\t' || r == ' '; }
static bool is_nl(int32_t r) { return r == '\n' || r == '\r'; }
static bool is_digit(int32_t r) { return r >= '0' && r <= '9'; }
static bool is_hex(int32_t r) { return (r >= '0' && r <= '9') || ((r | 0x20) >= 'a' && (r | 0x20) <= 'f'); }
static bool is_control(int32_t r)
{
	if (r == '\t' || r == '\r' || r == '\n')
		return false;
	return (r >= 0 && r <= 0x1f) || r == 0x7f;
}
static bool is_bare(int32_t r)
{
	return (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '_' || r == '-';
}

static void lx_push_item(struct lexer *lx, struct item it)
{
	if (lx->qlen == QCAP)
		return; /* Go would deadlock on its 10-item channel long before */
	lx->q[(lx->qhead + lx->qlen) % QCAP] = it;
	lx->qlen++;
}

static void lx_push(struct lexer *lx, enum lstate s)
{
	if (lx->nstack == lx->capstack) {
		lx->capstack = xgrow(lx->capstack, lx->nstack + 1);
		lx->stack = xrealloc(lx->stack, lx->capstack * sizeof(*lx->stack));
	}
	lx->stack[lx->nstack++] = s;
}

static enum lstate lx_errorf(struct lexer *lx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static enum lstate lx_pop(struct lexer *lx)
{
	if (lx->nstack == 0)
		return lx_errorf(lx, "BUG in lexer: no states to pop");
	return lx->stack[--lx->nstack];
}

static const char *lx_msg(struct lexer *lx, struct sb *s)
{
	const char *m = arena_memdup(lx->a, s->buf, s->len);
	sb_release(s);
	return m;
}

/* error(): at EOF the position moves to the previous line */
static enum lstate lx_error_msg(struct lexer *lx, const char *msg, bool prev_line)
{
	struct item it = { IT_ERROR, NULL, 0, lx->line, msg, lx->msglen ? lx->msglen : strlen(msg) };
	lx->msglen = 0;
	if (prev_line || lx->at_eof)
		it.line--;
	lx_push_item(lx, it);
	return L_NIL;
}

static enum lstate lx_errorf(struct lexer *lx, const char *fmt, ...)
{
	struct sb s = SB_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&s, fmt, ap);
	va_end(ap);
	return lx_error_msg(lx, lx_msg(lx, &s), false);
}

/* errorPos: same line as getPos */
static enum lstate lx_error_here(struct lexer *lx, const char *msg)
{
	struct item it = { IT_ERROR, NULL, 0, lx->line, msg, strlen(msg) };
	lx_push_item(lx, it);
	return L_NIL;
}

static void lx_emit(struct lexer *lx, enum itype t)
{
	if (lx->start > lx->pos) {
		struct sb s = SB_INIT;
		sb_addf(&s, "invalid UTF-8 byte: 0x%02x", (unsigned char)lx->in[lx->pos]);
		lx_error_msg(lx, lx_msg(lx, &s), false);
		return;
	}
	struct item it = { t, lx->in + lx->start, lx->pos - lx->start, lx->line, NULL, 0 };
	lx_push_item(lx, it);
	lx->start = lx->pos;
}

static void lx_emit_trim(struct lexer *lx, enum itype t)
{
	const char *p = lx->in + lx->start;
	size_t n = lx->pos - lx->start;
	/* strings.TrimSpace: the datetime lexer only lets ' ' in */
	while (n && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\v' || *p == '\f'))
		p++, n--;
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\n' || p[n - 1] == '\r' ||
		     p[n - 1] == '\v' || p[n - 1] == '\f'))
		n--;
	struct item it = { t, p, n, lx->line, NULL, 0 };
	lx_push_item(lx, it);
	lx->start = lx->pos;
}

static int32_t lx_next(struct lexer *lx)
{
	if (lx->at_eof) {
		lx->bug = "BUG in lexer: next called after EOF";
		return TEOF;
	}
	if (lx->pos >= lx->n) {
		lx->at_eof = true;
		return TEOF;
	}
	if (lx->in[lx->pos] == '\n')
		lx->line++;
	lx->prevw[3] = lx->prevw[2];
	lx->prevw[2] = lx->prevw[1];
	lx->prevw[1] = lx->prevw[0];
	if (lx->nprev < 4)
		lx->nprev++;
	size_t w;
	int32_t r = utf8_decode(lx->in + lx->pos, lx->n - lx->pos, &w);
	if (r == UTF8_RUNE_ERROR && w == 1) {
		struct sb s = SB_INIT;
		sb_addf(&s, "invalid UTF-8 byte: 0x%02x", (unsigned char)lx->in[lx->pos]);
		lx_error_msg(lx, lx_msg(lx, &s), false);
		return UTF8_RUNE_ERROR;
	}
	if (is_control(r) || (r == '\r' && (lx->n - 1 == lx->pos || lx->in[lx->pos + 1] != '\n'))) {
		struct sb s = SB_INIT;
		sb_addf(&s, "TOML files cannot contain control characters: '0x%02x'", (unsigned)r);
		lx_error_here(lx, lx_msg(lx, &s));
		return UTF8_RUNE_ERROR;
	}
	lx->prevw[0] = w;
	lx->pos += w;
	return r;
}

static void lx_ignore(struct lexer *lx) { lx->start = lx->pos; }

static void lx_backup(struct lexer *lx)
{
	if (lx->at_eof) {
		lx->at_eof = false;
		return;
	}
	if (lx->nprev < 1) {
		lx->bug = "BUG in lexer: backed up too far";
		return;
	}
	size_t w = lx->prevw[0];
	lx->prevw[0] = lx->prevw[1];
	lx->prevw[1] = lx->prevw[2];
	lx->prevw[2] = lx->prevw[3];
	lx->nprev--;
	lx->pos -= w;
	if (lx->pos < lx->n && lx->in[lx->pos] == '\n')
		lx->line--;
}

static bool lx_accept(struct lexer *lx, int32_t valid)
{
	if (lx_next(lx) == valid)
		return true;
	lx_backup(lx);
	return false;
}

static int32_t lx_peek(struct lexer *lx)
{
	int32_t r = lx_next(lx);
	lx_backup(lx);
	return r;
}

static void lx_skip_ws(struct lexer *lx)
{
	for (;;) {
		int32_t r = lx_next(lx);
		if (is_ws(r))
			continue;
		lx_backup(lx);
		lx_ignore(lx);
		return;
	}
}

/* Go's %q of a rune and of a string */
static const char *q_rune(struct lexer *lx, int32_t r)
{
	struct sb s = SB_INIT;
	strconv_append_quote_rune(&s, r);
	return lx_msg(lx, &s);
}

static const char *q_str(struct lexer *lx, const char *p, size_t n)
{
	struct sb s = SB_INIT;
	strconv_append_quote(&s, p, n);
	return lx_msg(lx, &s);
}

static void add_rune(struct sb *s, int32_t r)
{
	char b[4];
	sb_add(s, b, utf8_encode(r, b));
}

/* runeOrEOF */
static const char *rune_or_eof(struct lexer *lx, int32_t r)
{
	if (r == TEOF)
		return "end of file";
	struct sb s = SB_INIT;
	sb_addc(&s, '\'');
	add_rune(&s, r);
	sb_addc(&s, '\'');
	return lx_msg(lx, &s);
}

static const char *cur(struct lexer *lx)
{
	return arena_memdup(lx->a, lx->in + lx->start, lx->pos - lx->start);
}

static bool has_suffix(const char *p, size_t n, const char *suf)
{
	size_t m = strlen(suf);
	return n >= m && memcmp(p + n - m, suf, m) == 0;
}

static enum lstate lx_step(struct lexer *lx, enum lstate st)
{
	int32_t r;
	switch (st) {
	case L_NIL:
		return L_NIL;
	case L_TOP:
		r = lx_next(lx);
		if (is_ws(r) || is_nl(r)) {
			lx_ignore(lx);
			return L_TOP;
		}
		switch (r) {
		case '#':
			lx_push(lx, L_TOP);
			return L_COMMENT_START;
		case '[':
			return L_TABLE_START;
		case TEOF:
			if (lx->pos > lx->start)
				return lx_errorf(lx, "unexpected EOF");
			lx_emit(lx, IT_EOF);
			return L_NIL;
		}
		lx_backup(lx);
		lx_push(lx, L_TOP_END);
		return L_KEY_START;
	case L_TOP_END:
		r = lx_next(lx);
		if (r == '#') {
			lx_push(lx, L_TOP);
			return L_COMMENT_START;
		}
		if (is_ws(r))
			return L_TOP_END;
		if (is_nl(r)) {
			lx_ignore(lx);
			return L_TOP;
		}
		if (r == TEOF) {
			lx_emit(lx, IT_EOF);
			return L_NIL;
		}
		return lx_errorf(lx, "expected a top-level item to end with a newline, comment, or EOF, but got %s instead",
				 q_rune(lx, r));
	case L_TABLE_START:
		if (lx_peek(lx) == '[') {
			lx_next(lx);
			lx_emit(lx, IT_ARRAY_TABLE_START);
			lx_push(lx, L_ARRAY_TABLE_END);
		} else {
			lx_emit(lx, IT_TABLE_START);
			lx_push(lx, L_TABLE_END);
		}
		return L_TABLE_NAME_START;
	case L_TABLE_END:
		lx_emit(lx, IT_TABLE_END);
		return L_TOP_END;
	case L_ARRAY_TABLE_END:
		r = lx_next(lx);
		if (r != ']')
			return lx_errorf(lx, "expected end of table array name delimiter ']', but got %s instead",
					 q_rune(lx, r));
		lx_emit(lx, IT_ARRAY_TABLE_END);
		return L_TOP_END;
	case L_TABLE_NAME_START:
		lx_skip_ws(lx);
		r = lx_peek(lx);
		if (r == ']' || r == TEOF)
			return lx_errorf(lx, "unexpected end of table name (table names cannot be empty)");
		if (r == '.')
			return lx_errorf(lx, "unexpected table separator (table names cannot be empty)");
		if (r == '"' || r == '\'') {
			lx_ignore(lx);
			lx_push(lx, L_TABLE_NAME_END);
			return L_QUOTED_NAME;
		}
		lx_push(lx, L_TABLE_NAME_END);
		return L_BARE_NAME;
	case L_TABLE_NAME_END:
		lx_skip_ws(lx);
		r = lx_next(lx);
		if (is_ws(r))
			return L_TABLE_NAME_END;
		if (r == '.') {
			lx_ignore(lx);
			return L_TABLE_NAME_START;
		}
		if (r == ']')
			return lx_pop(lx);
		return lx_errorf(lx, "expected '.' or ']' to end table name, but got %s instead", q_rune(lx, r));
	case L_BARE_NAME:
		r = lx_next(lx);
		if (is_bare(r))
			return L_BARE_NAME;
		lx_backup(lx);
		lx_emit(lx, IT_TEXT);
		return lx_pop(lx);
	case L_QUOTED_NAME:
		r = lx_next(lx);
		if (is_ws(r)) {
			lx_ignore(lx);
			return L_VALUE;
		}
		if (r == '"') {
			lx_ignore(lx);
			return L_STRING;
		}
		if (r == '\'') {
			lx_ignore(lx);
			return L_RAW_STRING;
		}
		if (r == TEOF)
			return lx_errorf(lx, "unexpected EOF; expected value");
		return lx_errorf(lx, "expected value but found %s instead", q_rune(lx, r));
	case L_KEY_START:
		lx_skip_ws(lx);
		r = lx_peek(lx);
		if (r == '=' || r == TEOF)
			return lx_errorf(lx, "unexpected '=': key name appears blank");
		if (r == '.')
			return lx_errorf(lx, "unexpected '.': keys cannot start with a '.'");
		if (r == '"' || r == '\'')
			lx_ignore(lx);
		lx_emit(lx, IT_KEY_START);
		return L_KEY_NAME_START;
	case L_KEY_NAME_START:
		lx_skip_ws(lx);
		r = lx_peek(lx);
		if (r == '=' || r == TEOF)
			return lx_errorf(lx, "unexpected '='");
		if (r == '.')
			return lx_errorf(lx, "unexpected '.'");
		if (r == '"' || r == '\'') {
			lx_ignore(lx);
			lx_push(lx, L_KEY_END);
			return L_QUOTED_NAME;
		}
		lx_push(lx, L_KEY_END);
		return L_BARE_NAME;
	case L_KEY_END:
		lx_skip_ws(lx);
		r = lx_next(lx);
		if (is_ws(r)) {
			lx_ignore(lx);
			return L_KEY_END;
		}
		if (r == TEOF)
			return lx_errorf(lx, "unexpected EOF; expected key separator '='");
		if (r == '.') {
			lx_ignore(lx);
			return L_KEY_NAME_START;
		}
		if (r == '=') {
			lx_emit(lx, IT_KEY_END);
			lx_ignore(lx);
			return L_VALUE;
		}
		return lx_errorf(lx, "expected '.' or '=', but got %s instead", q_rune(lx, r));
	case L_VALUE:
		r = lx_next(lx);
		if (is_ws(r)) {
			lx_ignore(lx);
			return L_VALUE;
		}
		if (is_digit(r)) {
			lx_backup(lx);
			return L_NUM_OR_DATE_START;
		}
		switch (r) {
		case '[':
			lx_ignore(lx);
			lx_emit(lx, IT_ARRAY);
			return L_ARRAY_VALUE;
		case '{':
			lx_ignore(lx);
			lx_emit(lx, IT_INLINE_TABLE_START);
			return L_INLINE_VALUE;
		case '"':
			if (lx_accept(lx, '"')) {
				if (lx_accept(lx, '"')) {
					lx_ignore(lx);
					return L_ML_STRING;
				}
				lx_backup(lx);
			}
			lx_ignore(lx);
			return L_STRING;
		case '\'':
			if (lx_accept(lx, '\'')) {
				if (lx_accept(lx, '\'')) {
					lx_ignore(lx);
					return L_ML_RAW_STRING;
				}
				lx_backup(lx);
			}
			lx_ignore(lx);
			return L_RAW_STRING;
		case '.':
			return lx_errorf(lx, "floats must start with a digit, not '.'");
		case 'i':
		case 'n':
			if ((lx_accept(lx, 'n') && lx_accept(lx, 'f')) || (lx_accept(lx, 'a') && lx_accept(lx, 'n'))) {
				lx_emit(lx, IT_FLOAT);
				return lx_pop(lx);
			}
			break;
		case '-':
		case '+':
			return L_DEC_NUM_START;
		}
		if (r != TEOF && unicode_is_letter(r)) {
			lx_backup(lx);
			return L_BOOL;
		}
		if (r == TEOF)
			return lx_errorf(lx, "unexpected EOF; expected value");
		return lx_errorf(lx, "expected value but found %s instead", q_rune(lx, r));
	case L_ARRAY_VALUE:
		r = lx_next(lx);
		if (is_ws(r) || is_nl(r)) {
			lx_ignore(lx);
			return L_ARRAY_VALUE;
		}
		if (r == '#') {
			lx_push(lx, L_ARRAY_VALUE);
			return L_COMMENT_START;
		}
		if (r == ',')
			return lx_errorf(lx, "unexpected comma");
		if (r == ']')
			return L_ARRAY_END;
		lx_backup(lx);
		lx_push(lx, L_ARRAY_VALUE_END);
		return L_VALUE;
	case L_ARRAY_VALUE_END:
		r = lx_next(lx);
		if (is_ws(r) || is_nl(r)) {
			lx_ignore(lx);
			return L_ARRAY_VALUE_END;
		}
		if (r == '#') {
			lx_push(lx, L_ARRAY_VALUE_END);
			return L_COMMENT_START;
		}
		if (r == ',') {
			lx_ignore(lx);
			return L_ARRAY_VALUE;
		}
		if (r == ']')
			return L_ARRAY_END;
		return lx_errorf(lx, "expected a comma (',') or array terminator (']'), but got %s", rune_or_eof(lx, r));
	case L_ARRAY_END:
		lx_ignore(lx);
		lx_emit(lx, IT_ARRAY_END);
		return lx_pop(lx);
	case L_INLINE_VALUE:
		r = lx_next(lx);
		if (is_ws(r)) {
			lx_ignore(lx);
			return L_INLINE_VALUE;
		}
		if (is_nl(r))
			return lx_error_msg(lx, "newlines not allowed within inline tables", true);
		if (r == '#') {
			lx_push(lx, L_INLINE_VALUE);
			return L_COMMENT_START;
		}
		if (r == ',')
			return lx_errorf(lx, "unexpected comma");
		if (r == '}')
			return L_INLINE_END;
		lx_backup(lx);
		lx_push(lx, L_INLINE_VALUE_END);
		return L_KEY_START;
	case L_INLINE_VALUE_END:
		r = lx_next(lx);
		if (is_ws(r)) {
			lx_ignore(lx);
			return L_INLINE_VALUE_END;
		}
		if (is_nl(r))
			return lx_error_msg(lx, "newlines not allowed within inline tables", true);
		if (r == '#') {
			lx_push(lx, L_INLINE_VALUE_END);
			return L_COMMENT_START;
		}
		if (r == ',') {
			lx_ignore(lx);
			lx_skip_ws(lx);
			if (lx_peek(lx) == '}')
				return lx_errorf(lx, "trailing comma not allowed in inline tables");
			return L_INLINE_VALUE;
		}
		if (r == '}')
			return L_INLINE_END;
		return lx_errorf(lx, "expected a comma or an inline table terminator '}', but got %s instead",
				 rune_or_eof(lx, r));
	case L_INLINE_END:
		lx_ignore(lx);
		lx_emit(lx, IT_INLINE_TABLE_END);
		return lx_pop(lx);
	case L_STRING:
		r = lx_next(lx);
		if (r == TEOF)
			return lx_errorf(lx, "unexpected EOF; expected '\"'");
		if (is_nl(r))
			return lx_error_msg(lx, "strings cannot contain newlines", true);
		if (r == '\\') {
			lx_push(lx, L_STRING);
			return L_STRING_ESCAPE;
		}
		if (r == '"') {
			lx_backup(lx);
			if (lx->esc) {
				lx->esc = false;
				lx_emit(lx, IT_STRING_ESC);
			} else {
				lx_emit(lx, IT_STRING);
			}
			lx_next(lx);
			lx_ignore(lx);
			return lx_pop(lx);
		}
		return L_STRING;
	case L_ML_STRING:
		r = lx_next(lx);
		if (r == TEOF)
			return lx_errorf(lx, "unexpected EOF; expected '\"\"\"'");
		if (r == '\\')
			return L_ML_STRING_ESCAPE;
		if (r == '"') {
			if (lx_accept(lx, '"')) {
				if (lx_accept(lx, '"')) {
					if (lx_peek(lx) == '"') {
						const char *c = lx->in + lx->start;
						size_t cn = lx->pos - lx->start;
						if (has_suffix(c, cn, "\"\"\"\"\"") && !has_suffix(c, cn, "\\\"\"\"\"\""))
							return lx_errorf(lx, "unexpected '\"\"\"\"\"\"'");
						lx_backup(lx);
						lx_backup(lx);
						return L_ML_STRING;
					}
					lx_backup(lx);
					lx_backup(lx);
					lx_backup(lx);
					lx->esc = false;
					lx_emit(lx, IT_ML_STRING);
					lx_next(lx);
					lx_next(lx);
					lx_next(lx);
					lx_ignore(lx);
					return lx_pop(lx);
				}
				lx_backup(lx);
			}
		}
		return L_ML_STRING;
	case L_RAW_STRING:
		r = lx_next(lx);
		if (r == TEOF)
			return lx_errorf(lx, "unexpected EOF; expected \"'\"");
		if (is_nl(r))
			return lx_error_msg(lx, "strings cannot contain newlines", true);
		if (r == '\'') {
			lx_backup(lx);
			lx_emit(lx, IT_RAW_STRING);
			lx_next(lx);
			lx_ignore(lx);
			return lx_pop(lx);
		}
		return L_RAW_STRING;
	case L_ML_RAW_STRING:
		r = lx_next(lx);
		if (r == TEOF)
			return lx_errorf(lx, "unexpected EOF; expected \"'''\"");
		if (r == '\'') {
			if (lx_accept(lx, '\'')) {
				if (lx_accept(lx, '\'')) {
					if (lx_peek(lx) == '\'') {
						if (has_suffix(lx->in + lx->start, lx->pos - lx->start, "'''''"))
							return lx_errorf(lx, "unexpected \"''''''\"");
						lx_backup(lx);
						lx_backup(lx);
						return L_ML_RAW_STRING;
					}
					lx_backup(lx);
					lx_backup(lx);
					lx_backup(lx);
					lx_emit(lx, IT_RAW_ML_STRING);
					lx_next(lx);
					lx_next(lx);
					lx_next(lx);
					lx_ignore(lx);
					return lx_pop(lx);
				}
				lx_backup(lx);
			}
		}
		return L_ML_RAW_STRING;
	case L_ML_STRING_ESCAPE:
		if (is_nl(lx_next(lx)))
			return L_ML_STRING;
		lx_backup(lx);
		lx_push(lx, L_ML_STRING);
		return lx_step(lx, L_STRING_ESCAPE);
	case L_STRING_ESCAPE:
		lx->esc = true;
		r = lx_next(lx);
		switch (r) {
		case 'b': case 't': case 'n': case 'f': case 'r': case '"': case ' ': case '\t': case '\\':
			return lx_pop(lx);
		case 'u':
			return L_SHORT_UNI;
		case 'U':
			return L_LONG_UNI;
		}
		{
			struct sb s = SB_INIT;
			sb_adds(&s, "invalid escape in string '\\");
			add_rune(&s, r);
			sb_addc(&s, '\'');
			lx->msglen = s.len;
			return lx_error_msg(lx, lx_msg(lx, &s), false);
		}
	case L_SHORT_UNI:
	case L_LONG_UNI: {
		int nd = st == L_SHORT_UNI ? 4 : 8;
		for (int i = 0; i < nd; i++) {
			r = lx_next(lx);
			if (!is_hex(r)) {
				const char *c = q_str(lx, lx->in + lx->start, lx->pos - lx->start);
				return lx_errorf(lx, "expected %s hexadecimal digits after '\\%c', but got %s instead",
						 nd == 4 ? "four" : "eight", nd == 4 ? 'u' : 'U', c);
			}
		}
		return lx_pop(lx);
	}
	case L_NUM_OR_DATE_START:
		r = lx_next(lx);
		if (r == '0')
			return L_BASE_NUM_OR_DATE;
		if (!is_digit(r))
			return lx_errorf(lx, "expected a digit but got %s", q_rune(lx, r));
		return L_NUM_OR_DATE;
	case L_NUM_OR_DATE:
		r = lx_next(lx);
		if (is_digit(r))
			return L_NUM_OR_DATE;
		switch (r) {
		case '-': case ':':
			return L_DATETIME;
		case '_':
			return L_DEC_NUM;
		case '.': case 'e': case 'E':
			return L_FLOAT;
		}
		lx_backup(lx);
		lx_emit(lx, IT_INTEGER);
		return lx_pop(lx);
	case L_DATETIME:
		r = lx_next(lx);
		if (is_digit(r))
			return L_DATETIME;
		switch (r) {
		case '-': case ':': case 'T': case 't': case ' ': case '.': case 'Z': case 'z': case '+':
			return L_DATETIME;
		}
		lx_backup(lx);
		lx_emit_trim(lx, IT_DATETIME);
		return lx_pop(lx);
	case L_HEX_INT:
	case L_OCT_INT:
	case L_BIN_INT:
		r = lx_next(lx);
		if ((st == L_HEX_INT && is_hex(r)) || (st == L_OCT_INT && r >= '0' && r <= '7') ||
		    (st == L_BIN_INT && (r == '0' || r == '1')) || r == '_')
			return st;
		lx_backup(lx);
		lx_emit(lx, IT_INTEGER);
		return lx_pop(lx);
	case L_DEC_NUM:
		r = lx_next(lx);
		if (is_digit(r) || r == '_')
			return L_DEC_NUM;
		if (r == '.' || r == 'e' || r == 'E')
			return L_FLOAT;
		lx_backup(lx);
		lx_emit(lx, IT_INTEGER);
		return lx_pop(lx);
	case L_DEC_NUM_START:
		r = lx_next(lx);
		switch (r) {
		case 'i':
			if (!lx_accept(lx, 'n') || !lx_accept(lx, 'f'))
				return lx_errorf(lx, "invalid float: '%s'", cur(lx));
			lx_emit(lx, IT_FLOAT);
			return lx_pop(lx);
		case 'n':
			if (!lx_accept(lx, 'a') || !lx_accept(lx, 'n'))
				return lx_errorf(lx, "invalid float: '%s'", cur(lx));
			lx_emit(lx, IT_FLOAT);
			return lx_pop(lx);
		case '0': {
			int32_t p = lx_peek(lx);
			if (p == 'b' || p == 'o' || p == 'x')
				return lx_errorf(lx, "cannot use sign with non-decimal numbers: '%s%c'", cur(lx), (char)p);
			break;
		}
		case '.':
			return lx_errorf(lx, "floats must start with a digit, not '.'");
		}
		if (is_digit(r))
			return L_DEC_NUM;
		return lx_errorf(lx, "expected a digit but got %s", q_rune(lx, r));
	case L_BASE_NUM_OR_DATE:
		r = lx_next(lx);
		if (is_digit(r))
			return L_NUM_OR_DATE;
		switch (r) {
		case '_':
			return L_DEC_NUM;
		case '.': case 'e': case 'E':
			return L_FLOAT;
		case 'b':
		case 'o':
		case 'x': {
			int32_t p = lx_peek(lx);
			bool ok = r == 'b' ? (p == '0' || p == '1') : r == 'o' ? (p >= '0' && p <= '7') : is_hex(p);
			if (!ok) {
				struct sb s = SB_INIT;
				sb_addf(&s, "not a%s number: '", r == 'b' ? " binary" : r == 'o' ? "n octal" : " hexidecimal");
				sb_add(&s, lx->in + lx->start, lx->pos - lx->start);
				add_rune(&s, p);
				sb_addc(&s, '\'');
				lx->msglen = s.len;
				lx_error_msg(lx, lx_msg(lx, &s), false);
			}
			return r == 'b' ? L_BIN_INT : r == 'o' ? L_OCT_INT : L_HEX_INT;
		}
		}
		lx_backup(lx);
		lx_emit(lx, IT_INTEGER);
		return lx_pop(lx);
	case L_FLOAT:
		r = lx_next(lx);
		if (is_digit(r))
			return L_FLOAT;
		switch (r) {
		case '_': case '.': case '-': case '+': case 'e': case 'E':
			return L_FLOAT;
		}
		lx_backup(lx);
		lx_emit(lx, IT_FLOAT);
		return lx_pop(lx);
	case L_BOOL: {
		struct sb s = SB_INIT;
		for (;;) {
			r = lx_next(lx);
			if (r == TEOF || !unicode_is_letter(r)) {
				lx_backup(lx);
				break;
			}
			char b[4];
			sb_add(&s, b, utf8_encode(r, b));
		}
		if ((s.len == 4 && memcmp(s.buf, "true", 4) == 0) || (s.len == 5 && memcmp(s.buf, "false", 5) == 0)) {
			sb_release(&s);
			lx_emit(lx, IT_BOOL);
			return lx_pop(lx);
		}
		const char *w = q_str(lx, s.buf, s.len);
		sb_release(&s);
		return lx_errorf(lx, "expected value but found %s instead", w);
	}
	case L_COMMENT_START:
		lx_ignore(lx);
		lx_emit(lx, IT_COMMENT_START);
		return L_COMMENT;
	case L_COMMENT:
		r = lx_next(lx);
		if (is_nl(r) || r == TEOF) {
			lx_backup(lx);
			lx_emit(lx, IT_TEXT);
			return lx_pop(lx);
		}
		return L_COMMENT;
	}
	return L_NIL;
}

/* ================= parser (parse.go) ================= */

struct tparser {
	struct arena *a;
	struct lexer lx;
	struct tkey context;
	const char *ckey; /* currentKey */
	size_t ckeylen;
	int pos_line;
	val mapping, keyinfo, implicits;
	val *aot; /* lists standing for []map[string]interface{} */
	size_t naot, capaot;
	jmp_buf jb;
	struct sb *err;
	int rc;
};

static void p_current(struct tparser *p, struct sb *out)
{
	if (p->ckeylen == 0) {
		key_string(out, &p->context);
		return;
	}
	if (p->context.len == 0) {
		sb_add(out, p->ckey, p->ckeylen);
		return;
	}
	key_string(out, &p->context);
	sb_addc(out, '.');
	sb_add(out, p->ckey, p->ckeylen);
}

/* panic(ParseError{...}): "toml: line N (last key %q): msg" */
static void p_fail(struct tparser *p, int line, const char *msg, size_t mlen) __attribute__((noreturn));
static void p_fail(struct tparser *p, int line, const char *msg, size_t mlen)
{
	struct sb last = SB_INIT;
	p_current(p, &last);
	sb_addf(p->err, "toml: line %d", line);
	if (last.len) {
		sb_adds(p->err, " (last key ");
		strconv_append_quote(p->err, last.buf, last.len);
		sb_addc(p->err, ')');
	}
	sb_adds(p->err, ": ");
	sb_add(p->err, msg, mlen);
	sb_release(&last);
	p->rc = -1;
	longjmp(p->jb, 1);
}

static void p_failf(struct tparser *p, int line, const char *fmt, ...) __attribute__((noreturn, format(printf, 3, 4)));
static void p_failf(struct tparser *p, int line, const char *fmt, ...)
{
	struct sb s = SB_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&s, fmt, ap);
	va_end(ap);
	const char *m = arena_memdup(p->a, s.buf, s.len);
	size_t n = s.len;
	sb_release(&s);
	p_fail(p, line, m, n);
}

/* p.bug and other Go panics that are not ParseErrors */
static void p_bug(struct tparser *p, const char *msg) __attribute__((noreturn));
static void p_bug(struct tparser *p, const char *msg)
{
	sb_adds(p->err, msg);
	p->rc = -2;
	longjmp(p->jb, 1);
}

static struct item p_next(struct tparser *p)
{
	struct lexer *lx = &p->lx;
	while (lx->qlen == 0) {
		if (lx->state == L_NIL)
			p_bug(p, "runtime error: invalid memory address or nil pointer dereference");
		lx->state = lx_step(lx, lx->state);
		if (lx->bug)
			p_bug(p, lx->bug);
	}
	struct item it = lx->q[lx->qhead];
	lx->qhead = (lx->qhead + 1) % QCAP;
	lx->qlen--;
	if (it.typ == IT_ERROR)
		p_fail(p, it.line, it.err, it.errlen);
	return it;
}

static struct item p_next_pos(struct tparser *p)
{
	struct item it = p_next(p);
	p->pos_line = it.line;
	return it;
}

static const char *key_str(struct tparser *p, const struct tkey *k, size_t *n)
{
	struct sb s = SB_INIT;
	if (k->len == 0)
		sb_add(&s, "\"\"", 2); /* setType's Key{""} */
	else
		key_string(&s, k);
	const char *r = arena_memdup(p->a, s.buf, s.len);
	*n = s.len;
	sb_release(&s);
	return r;
}

static const char *key_fmt(struct tparser *p, const struct tkey *k)
{
	struct sb s = SB_INIT;
	key_string(&s, k);
	const char *r = arena_memdup(p->a, s.buf, s.len);
	sb_release(&s);
	return r;
}

static struct tkey key_parent(const struct tkey *k)
{
	struct tkey r = *k;
	r.len = k->len ? k->len - 1 : 0;
	return r;
}

static void set_mark(struct tparser *p, val set, const struct tkey *k, bool on)
{
	size_t n;
	const char *s;
	if (k->len == 0) {
		s = "";
		n = 0;
	} else {
		s = key_str(p, k, &n);
	}
	if (on)
		val_map_set(p->a, set, s, n, val_bool(true));
	else
		val_map_del(set, s, n);
}

static bool has_mark(struct tparser *p, val set, const struct tkey *k)
{
	struct sb s = SB_INIT;
	key_string(&s, k);
	bool r = val_map_get(set, s.buf, s.len, NULL);
	sb_release(&s);
	return r;
}

static bool is_aot(struct tparser *p, val v)
{
	if (v.kind != VAL_LIST)
		return false;
	for (size_t i = 0; i < p->naot; i++)
		if (p->aot[i].u.l == v.u.l)
			return true;
	return false;
}

static bool p_is_array(struct tparser *p, const struct tkey *k)
{
	struct sb s = SB_INIT;
	key_string(&s, k);
	val t;
	bool r = val_map_get(p->keyinfo, s.buf, s.len, &t) && t.u.i == TT_ARRAY;
	sb_release(&s);
	return r;
}

static void p_set_value(struct tparser *p, const char *key, size_t klen, val value)
{
	val hash = p->mapping;
	struct tkey kc = { NULL, NULL, 0 };
	for (size_t i = 0; i < p->context.len; i++) {
		kc = key_add(p->a, &kc, p->context.s[i], p->context.n[i]);
		val *t = val_map_ref(hash, p->context.s[i], p->context.n[i]);
		if (!t) {
			struct sb s = SB_INIT;
			sb_addf(&s, "BUG: Context for key '%s' has not been established.\n\n", key_fmt(p, &kc));
			const char *m = arena_memdup(p->a, s.buf, s.len);
			sb_release(&s);
			p_bug(p, m);
		}
		if (is_aot(p, *t))
			hash = val_list_at(*t, val_list_len(*t) - 1);
		else if (t->kind == VAL_MAP)
			hash = *t;
		else
			p_failf(p, p->pos_line, "Key '%s' has already been defined.", key_fmt(p, &kc));
	}
	kc = key_add(p->a, &kc, key, klen);
	if (val_map_get(hash, key, klen, NULL)) {
		if (p_is_array(p, &kc)) {
			set_mark(p, p->implicits, &kc, false);
			val_map_set(p->a, hash, key, klen, value);
			return;
		}
		if (has_mark(p, p->implicits, &kc)) {
			set_mark(p, p->implicits, &kc, false);
			return;
		}
		p_failf(p, p->pos_line, "Key '%s' has already been defined.", key_fmt(p, &kc));
	}
	val_map_set(p->a, hash, key, klen, value);
}

static void p_set_type(struct tparser *p, const char *key, size_t klen, enum ttype t)
{
	struct tkey kc = p->context;
	if (klen > 0)
		kc = key_add(p->a, &kc, key, klen);
	size_t n;
	const char *s = key_str(p, &kc, &n);
	val_map_set(p->a, p->keyinfo, s, n, val_int(t));
}

static void p_add_context(struct tparser *p, const struct tkey *key, bool array)
{
	val hash = p->mapping;
	struct tkey kc = { NULL, NULL, 0 };
	struct tkey par = key_parent(key);
	for (size_t i = 0; i < par.len; i++) {
		const char *k = par.s[i];
		size_t kn = par.n[i];
		bool ok = val_map_get(hash, k, kn, NULL);
		kc = key_add(p->a, &kc, k, kn);
		if (!ok) {
			set_mark(p, p->implicits, &kc, true);
			val_map_set(p->a, hash, k, kn, val_map_new(p->a, 0));
		}
		val t;
		val_map_get(hash, k, kn, &t);
		if (is_aot(p, t))
			hash = val_list_at(t, val_list_len(t) - 1);
		else if (t.kind == VAL_MAP)
			hash = t;
		else
			p_failf(p, p->pos_line, "Key '%s' was already created as a hash.", key_fmt(p, &kc));
	}
	p->context = kc;
	const char *last = key->s[key->len - 1];
	size_t lastn = key->n[key->len - 1];
	if (array) {
		val t;
		if (!val_map_get(hash, last, lastn, &t)) {
			t = val_list_new(p->a, 4);
			if (p->naot == p->capaot) {
				p->capaot = xgrow(p->capaot, p->naot + 1);
				p->aot = xrealloc(p->aot, p->capaot * sizeof(*p->aot));
			}
			p->aot[p->naot++] = t;
			val_map_set(p->a, hash, last, lastn, t);
		}
		if (is_aot(p, t))
			val_list_push(p->a, t, val_map_new(p->a, 0));
		else
			p_failf(p, p->pos_line, "Key '%s' was already created and cannot be used as an array.",
				key_fmt(p, key));
	} else {
		p_set_value(p, last, lastn, val_map_new(p->a, 0));
	}
	p->context = key_add(p->a, &p->context, last, lastn);
}

static void p_add_implicit_context(struct tparser *p, const struct tkey *key)
{
	set_mark(p, p->implicits, key, true);
	p_add_context(p, key, false);
}

static val p_value(struct tparser *p, struct item it, bool parent_is_array, enum ttype *typ);

static void p_key_string(struct tparser *p, struct item it, const char **s, size_t *n)
{
	if (it.typ == IT_TEXT) {
		*s = it.val;
		*n = it.len;
		return;
	}
	if (it.typ == IT_STRING || it.typ == IT_STRING_ESC || it.typ == IT_ML_STRING || it.typ == IT_RAW_STRING ||
	    it.typ == IT_RAW_ML_STRING) {
		enum ttype t;
		val v = p_value(p, it, false, &t);
		*s = v.u.s;
		*n = v.len;
		return;
	}
	p_bug(p, "BUG: Unexpected key type\n\n");
}

/* Read key parts up to the KeyEnd item. */
static struct tkey p_read_key(struct tparser *p, enum itype end)
{
	struct tkey key = { NULL, NULL, 0 };
	struct item k = p_next_pos(p);
	for (; k.typ != end && k.typ != IT_EOF; k = p_next(p)) {
		const char *s;
		size_t n;
		p_key_string(p, k, &s, &n);
		key = key_add(p->a, &key, s, n);
	}
	if (k.typ != end)
		p_bug(p, "BUG: Expected 'KeyEnd' but got 'EOF'.\n\n");
	return key;
}

static bool num_underscores_ok(const char *s, size_t n)
{
	static const char *const sp[] = { "nan", "+nan", "-nan", "inf", "-inf", "+inf" };
	for (size_t i = 0; i < 6; i++)
		if (strlen(sp[i]) == n && memcmp(sp[i], s, n) == 0)
			return true;
	bool accept = false;
	for (size_t i = 0; i < n;) {
		size_t w;
		int32_t r = utf8_decode(s + i, n - i, &w);
		if (r == '_' && !accept)
			return false;
		accept = is_hex(r);
		i += w;
	}
	return accept;
}

static bool num_leading_zero(const char *s, size_t n)
{
	if (n > 1 && s[0] == '0' && !(s[1] == 'b' || s[1] == 'o' || s[1] == 'x'))
		return true;
	if (n > 2 && (s[0] == '-' || s[0] == '+') && s[1] == '0')
		return true;
	return false;
}

static bool num_periods_ok(const char *s, size_t n)
{
	bool period = false;
	for (size_t i = 0; i < n; i++) {
		if (period && !is_digit((unsigned char)s[i]))
			return false;
		period = s[i] == '.';
	}
	return !period;
}

static val p_integer(struct tparser *p, struct item it)
{
	if (!num_underscores_ok(it.val, it.len))
		p_failf(p, it.line, "Invalid integer %s: underscores must be surrounded by digits",
			q_str(&p->lx, it.val, it.len));
	if (num_leading_zero(it.val, it.len))
		p_failf(p, it.line, "Invalid integer %s: cannot have leading zeroes", q_str(&p->lx, it.val, it.len));
	int64_t v;
	enum strconv_err e = strconv_parse_int(it.val, it.len, 0, 64, &v);
	if (e == STRCONV_RANGE)
		p_failf(p, it.line, "%.*s is out of range for int64", (int)it.len, it.val);
	if (e != STRCONV_OK) {
		struct sb s = SB_INIT;
		sb_addf(&s, "BUG: Expected integer value, but got '%.*s'.\n\n", (int)it.len, it.val);
		const char *m = arena_memdup(p->a, s.buf, s.len);
		sb_release(&s);
		p_bug(p, m);
	}
	return val_int(v);
}

static val p_float(struct tparser *p, struct item it)
{
	/* strings.FieldsFunc on . e E */
	const char *s = it.val;
	size_t n = it.len, i = 0;
	while (i < n) {
		while (i < n && (s[i] == '.' || s[i] == 'e' || s[i] == 'E'))
			i++;
		if (i >= n)
			break;
		size_t j = i;
		while (j < n && !(s[j] == '.' || s[j] == 'e' || s[j] == 'E'))
			j++;
		if (!num_underscores_ok(s + i, j - i))
			p_failf(p, it.line, "Invalid float %s: underscores must be surrounded by digits",
				q_str(&p->lx, s, n));
		i = j;
	}
	/* parts[0] leading zero check (only after all underscore checks) */
	i = 0;
	while (i < n && (s[i] == '.' || s[i] == 'e' || s[i] == 'E'))
		i++;
	if (i < n) {
		size_t j = i;
		while (j < n && !(s[j] == '.' || s[j] == 'e' || s[j] == 'E'))
			j++;
		if (num_leading_zero(s + i, j - i))
			p_failf(p, it.line, "Invalid float %s: cannot have leading zeroes", q_str(&p->lx, s, n));
	}
	if (!num_periods_ok(s, n))
		p_failf(p, it.line, "Invalid float %s: '.' must be followed by one or more digits", q_str(&p->lx, s, n));
	struct sb c = SB_INIT;
	for (i = 0; i < n; i++)
		if (s[i] != '_')
			sb_addc(&c, s[i]);
	bool neg = false;
	if ((c.len == 4 && (memcmp(c.buf, "+nan", 4) == 0 || memcmp(c.buf, "-nan", 4) == 0))) {
		neg = c.buf[0] == '-';
		sb_reset(&c);
		sb_adds(&c, "nan");
	}
	double f;
	enum strconv_err e = strconv_parse_float(c.buf, c.len, &f);
	sb_release(&c);
	if (e == STRCONV_RANGE)
		p_failf(p, it.line, "%.*s is out of range for float64", (int)n, s);
	if (e != STRCONV_OK)
		p_failf(p, it.line, "Invalid float value: %s", q_str(&p->lx, s, n));
	if (neg)
		f = copysign(f, -1);
	return val_float(f);
}

/* ---- datetimes: time.ParseInLocation with the four TOML 1.0 layouts ---- */

static int days_in(int month, int year)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
		return 29;
	return d[month - 1];
}

static bool dnum(const char *s, size_t at, size_t n, size_t len, int lo, int hi, int *out)
{
	int x = 0;
	if (at + n > len)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!is_digit((unsigned char)s[at + i]))
			return false;
		x = x * 10 + (s[at + i] - '0');
	}
	if (x < lo || x > hi)
		return false;
	*out = x;
	return true;
}

struct gotime {
	int y, mo, d, h, mi, s, ns;
	int off;          /* seconds east of UTC */
	const char *zone; /* NULL: print the offset */
};

/* "15:04:05" then an optional fraction; returns bytes used or 0 */
static size_t parse_clock(const char *s, size_t n, struct gotime *t)
{
	if (n < 8 || s[2] != ':' || s[5] != ':')
		return 0;
	if (!dnum(s, 0, 2, n, 0, 23, &t->h) || !dnum(s, 3, 2, n, 0, 59, &t->mi) || !dnum(s, 6, 2, n, 0, 59, &t->s))
		return 0;
	size_t i = 8;
	t->ns = 0;
	if (i + 1 < n && s[i] == '.' && is_digit((unsigned char)s[i + 1])) {
		size_t j = i + 1;
		int nd = 0;
		while (j < n && is_digit((unsigned char)s[j])) {
			if (nd < 9) {
				t->ns = t->ns * 10 + (s[j] - '0');
				nd++;
			}
			j++;
		}
		while (nd++ < 9)
			t->ns *= 10;
		i = j;
	}
	return i;
}

static bool parse_date(const char *s, size_t n, struct gotime *t)
{
	if (n < 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (!dnum(s, 0, 4, n, 0, 9999, &t->y) || !dnum(s, 5, 2, n, 1, 12, &t->mo))
		return false;
	return dnum(s, 8, 2, n, 1, days_in(t->mo, t->y), &t->d);
}

/* The first of dtTypes (RFC3339Nano, local datetime, date, time) that
 * parses; time.Local is taken to be UTC, as in Helm's container images. */
static bool parse_datetime(const char *s, size_t n, struct gotime *t)
{
	memset(t, 0, sizeof(*t));
	/* RFC3339Nano in time.Local (UTC in Helm's images) */
	if (n >= 19 && s[10] == 'T' && parse_date(s, n, t)) {
		size_t c = parse_clock(s + 11, n - 11, t);
		if (c) {
			size_t i = 11 + c;
			if (i + 1 == n && s[i] == 'Z') {
				t->zone = "UTC";
				return true;
			}
			if (i + 6 == n && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':') {
				int hh, mm;
				if (dnum(s, i + 1, 2, n, 0, 23, &hh) && dnum(s, i + 4, 2, n, 0, 59, &mm)) {
					t->off = (hh * 60 + mm) * 60 * (s[i] == '-' ? -1 : 1);
					t->zone = t->off == 0 ? "UTC" : NULL;
					return true;
				}
			}
			if (i == n) {
				t->zone = "datetime-local";
				return true;
			}
		}
	}
	memset(t, 0, sizeof(*t));
	if (n == 10 && parse_date(s, n, t)) {
		t->zone = "date-local";
		return true;
	}
	memset(t, 0, sizeof(*t));
	if (parse_clock(s, n, t) == n && n >= 8) {
		t->mo = 1;
		t->d = 1;
		t->zone = "time-local";
		return true;
	}
	return false;
}

/* time.Time.String(): "2006-01-02 15:04:05.999999999 -0700 MST" */
static void time_string(struct sb *out, const struct gotime *t)
{
	sb_addf(out, "%04d-%02d-%02d %02d:%02d:%02d", t->y, t->mo, t->d, t->h, t->mi, t->s);
	if (t->ns) {
		char f[10];
		int ns = t->ns, k = 9;
		for (int i = 8; i >= 0; i--) {
			f[i] = (char)('0' + ns % 10);
			ns /= 10;
		}
		while (k > 0 && f[k - 1] == '0')
			k--;
		sb_addc(out, '.');
		sb_add(out, f, (size_t)k);
	}
	int off = t->off;
	char sign = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	sb_addf(out, " %c%02d%02d ", sign, off / 3600, off / 60 % 60);
	if (t->zone)
		sb_adds(out, t->zone);
	else
		sb_addf(out, "%c%02d%02d", sign, off / 3600, off / 60 % 60);
}

static val p_datetime(struct tparser *p, struct item it)
{
	char *s = arena_memdup(p->a, it.val, it.len);
	for (size_t i = 0; i < it.len; i++) {
		if (s[i] == 'z')
			s[i] = 'Z';
		else if (s[i] == 't' || s[i] == ' ')
			s[i] = 'T';
	}
	struct gotime t;
	if (!parse_datetime(s, it.len, &t))
		p_failf(p, it.line, "invalid datetime: %s", q_str(&p->lx, s, it.len));
	struct sb o = SB_INIT;
	time_string(&o, &t);
	val v = val_str(p->a, o.buf, o.len);
	sb_release(&o);
	return v;
}

/* ---- strings ---- */

static const char *strip_first_nl(const char *s, size_t *n)
{
	if (*n > 0 && s[0] == '\n') {
		(*n)--;
		return s + 1;
	}
	if (*n > 1 && s[0] == '\r' && s[1] == '\n') {
		*n -= 2;
		return s + 2;
	}
	return s;
}

static void strip_escaped_newlines(const char *s, size_t n, struct sb *out)
{
	size_t i = 0;
	for (;;) {
		const char *bs = i < n ? memchr(s + i, '\\', n - i) : NULL;
		if (!bs) {
			sb_add(out, s, n);
			return;
		}
		i = (size_t)(bs - s);
		if (n > i + 1 && s[i + 1] == '\\') {
			i += 2;
			continue;
		}
		size_t j = i + 1;
		while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n'))
			j++;
		if (j == i + 1) {
			i++;
			continue;
		}
		if (!memchr(s + i, '\n', j - i)) {
			i++;
			continue;
		}
		sb_add(out, s, i);
		s += j;
		n -= j;
		i = 0;
	}
}

static int32_t p_hex_escape(struct tparser *p, struct item it, const char *s, size_t n)
{
	uint32_t v = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		v = v * 16 + (uint32_t)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
	}
	if (!utf8_valid_rune((int32_t)v))
		p_failf(p, it.line, "Escaped character '\\u%.*s' is not valid UTF-8.", (int)n, s);
	return (int32_t)v;
}

static val p_replace_escapes(struct tparser *p, struct item it, const char *s, size_t n)
{
	struct sb b = SB_INIT;
	for (size_t i = 0; i < n;) {
		size_t w;
		int32_t c = utf8_decode(s + i, n - i, &w);
		if (c != '\\') {
			char u[4];
			sb_add(&b, u, utf8_encode(c, u));
			i += w;
			continue;
		}
		if (i + 1 >= n) {
			sb_release(&b);
			p_bug(p, "runtime error: index out of range");
		}
		int skip = 0;
		switch (s[i + 1]) {
		case ' ':
		case '\t': {
			char ch = s[i + 1];
			sb_release(&b);
			p_failf(p, it.line, "invalid escape: '\\%c'", ch);
		}
		case 'b': sb_addc(&b, 0x08); skip = 1; break;
		case 't': sb_addc(&b, 0x09); skip = 1; break;
		case 'n': sb_addc(&b, 0x0a); skip = 1; break;
		case 'f': sb_addc(&b, 0x0c); skip = 1; break;
		case 'r': sb_addc(&b, 0x0d); skip = 1; break;
		case '"': sb_addc(&b, 0x22); skip = 1; break;
		case '\\': sb_addc(&b, 0x5c); skip = 1; break;
		case 'u':
		case 'U': {
			size_t nd = s[i + 1] == 'u' ? 4 : 8;
			if (i + 2 + nd > n) {
				sb_release(&b);
				p_bug(p, "runtime error: slice bounds out of range");
			}
			int32_t r = p_hex_escape(p, it, s + i + 2, nd);
			char u[4];
			sb_add(&b, u, utf8_encode(r, u));
			skip = (int)nd + 1;
			break;
		}
		default: {
			struct sb m = SB_INIT;
			sb_adds(&m, "BUG: Expected valid escape code after \\, but got ");
			strconv_append_quote_rune(&m, (unsigned char)s[i + 1]);
			sb_adds(&m, ".\n\n");
			const char *msg = arena_memdup(p->a, m.buf, m.len);
			sb_release(&m);
			sb_release(&b);
			p_bug(p, msg);
		}
		}
		/* skip counts runes after the backslash; all are ASCII here */
		i += 1 + (size_t)skip;
	}
	val v = val_str(p->a, b.buf, b.len);
	sb_release(&b);
	return v;
}

static void p_expect_text(struct tparser *p)
{
	struct item it = p_next(p);
	if (it.typ != IT_TEXT)
		p_bug(p, "BUG: Expected 'Text' but got something else.\n\n");
}

static val p_array(struct tparser *p, struct item it)
{
	p_set_type(p, p->ckey, p->ckeylen, TT_ARRAY);
	val arr = val_list_new(p->a, 2);
	for (it = p_next(p); it.typ != IT_ARRAY_END; it = p_next(p)) {
		if (it.typ == IT_COMMENT_START) {
			p_expect_text(p);
			continue;
		}
		enum ttype t;
		val v = p_value(p, it, true, &t);
		val_list_push(p->a, arr, v);
	}
	return arr;
}

static val p_inline_table(struct tparser *p, struct item it0, bool parent_is_array)
{
	val top = val_map_new(p->a, 0);
	struct tkey outer_ctx = p->context;
	const char *outer_key = p->ckey;
	size_t outer_keylen = p->ckeylen;
	(void)it0;
	p->context = key_add(p->a, &p->context, p->ckey, p->ckeylen);
	struct tkey prev = p->context;
	p->ckey = "";
	p->ckeylen = 0;
	set_mark(p, p->implicits, &p->context, true);
	{
		struct tkey c = p->context;
		p_add_context(p, &c, parent_is_array);
	}
	for (struct item it = p_next(p); it.typ != IT_INLINE_TABLE_END; it = p_next(p)) {
		if (it.typ == IT_COMMENT_START) {
			p_expect_text(p);
			continue;
		}
		struct tkey key = p_read_key(p, IT_KEY_END);
		p->ckey = key.s[key.len - 1];
		p->ckeylen = key.n[key.len - 1];
		struct tkey ctx = key_parent(&key);
		for (size_t i = 0; i < ctx.len; i++) {
			struct tkey k = key_add(p->a, &p->context, ctx.s[i], ctx.n[i]);
			p_add_implicit_context(p, &k);
		}
		enum ttype t;
		val v = p_value(p, p_next(p), false, &t);
		p_set_value(p, p->ckey, p->ckeylen, v);
		p_set_type(p, p->ckey, p->ckeylen, t);
		val hash = top;
		for (size_t i = 0; i < ctx.len; i++) {
			val h;
			if (!val_map_get(hash, ctx.s[i], ctx.n[i], &h)) {
				h = val_map_new(p->a, 0);
				val_map_set(p->a, hash, ctx.s[i], ctx.n[i], h);
			}
			if (h.kind != VAL_MAP || is_aot(p, h)) {
				struct sb q = SB_INIT;
				key_string(&q, &p->context);
				const char *qs = q_str(&p->lx, q.buf, q.len);
				sb_release(&q);
				p_failf(p, p->pos_line, "%s is not a table", qs);
			}
			hash = h;
		}
		val_map_set(p->a, hash, p->ckey, p->ckeylen, v);
		p->context = prev;
	}
	p->context = outer_ctx;
	p->ckey = outer_key;
	p->ckeylen = outer_keylen;
	return top;
}

static val p_value(struct tparser *p, struct item it, bool parent_is_array, enum ttype *typ)
{
	*typ = TT_SCALAR;
	switch (it.typ) {
	case IT_STRING:
	case IT_RAW_STRING:
		return val_str(p->a, it.val, it.len);
	case IT_STRING_ESC:
		return p_replace_escapes(p, it, it.val, it.len);
	case IT_ML_STRING: {
		size_t n = it.len;
		const char *s = strip_first_nl(it.val, &n);
		struct sb b = SB_INIT;
		strip_escaped_newlines(s, n, &b);
		const char *c = arena_memdup(p->a, b.buf, b.len);
		n = b.len;
		sb_release(&b);
		return p_replace_escapes(p, it, c, n);
	}
	case IT_RAW_ML_STRING: {
		size_t n = it.len;
		const char *s = strip_first_nl(it.val, &n);
		return val_str(p->a, s, n);
	}
	case IT_INTEGER:
		return p_integer(p, it);
	case IT_FLOAT:
		return p_float(p, it);
	case IT_BOOL:
		return val_bool(it.len == 4);
	case IT_DATETIME:
		return p_datetime(p, it);
	case IT_ARRAY:
		*typ = TT_ARRAY;
		return p_array(p, it);
	case IT_INLINE_TABLE_START:
		*typ = TT_HASH;
		return p_inline_table(p, it, parent_is_array);
	default:
		p_bug(p, "BUG: Unexpected value type\n\n");
	}
}

static void p_top_level(struct tparser *p, struct item it)
{
	switch (it.typ) {
	case IT_COMMENT_START:
		p_expect_text(p);
		break;
	case IT_TABLE_START:
	case IT_ARRAY_TABLE_START: {
		bool arr = it.typ == IT_ARRAY_TABLE_START;
		struct tkey key = p_read_key(p, arr ? IT_ARRAY_TABLE_END : IT_TABLE_END);
		p_add_context(p, &key, arr);
		p_set_type(p, "", 0, arr ? TT_ARRAYHASH : TT_HASH);
		break;
	}
	case IT_KEY_START: {
		struct tkey outer = p->context;
		struct tkey key = p_read_key(p, IT_KEY_END);
		p->ckey = key.s[key.len - 1];
		p->ckeylen = key.n[key.len - 1];
		struct tkey ctx = key_parent(&key);
		for (size_t i = 0; i < ctx.len; i++) {
			struct tkey k = key_add(p->a, &p->context, ctx.s[i], ctx.n[i]);
			p_add_implicit_context(p, &k);
		}
		struct item v = p_next(p);
		enum ttype t;
		val value = p_value(p, v, false, &t);
		p_set_value(p, p->ckey, p->ckeylen, value);
		p_set_type(p, p->ckey, p->ckeylen, t);
		p->context = outer;
		p->ckey = "";
		p->ckeylen = 0;
		break;
	}
	default:
		p_bug(p, "BUG: Unexpected type at top level\n\n");
	}
}

int fn_toml_decode(struct arena *a, const char *in, size_t n, val *out, struct sb *err)
{
	struct tparser *p = xcalloc(1, sizeof(*p));
	int rc = 0;
	if (n >= 2 && ((in[0] == '\xff' && in[1] == '\xfe') || (in[0] == '\xfe' && in[1] == '\xff'))) {
		in += 2;
		n -= 2;
	} else if (n >= 3 && memcmp(in, "\xef\xbb\xbf", 3) == 0) {
		in += 3;
		n -= 3;
	}
	if (memchr(in, 0, n < 6 ? n : 6)) {
		sb_adds(err, "toml: line 1: files cannot contain NULL bytes; probably using UTF-16; TOML files must be UTF-8");
		free(p);
		return -1;
	}
	p->a = a;
	p->err = err;
	p->lx.a = a;
	p->lx.in = in;
	p->lx.n = n;
	p->lx.line = 1;
	p->lx.state = L_TOP;
	p->ckey = "";
	p->mapping = val_map_new(a, 0);
	p->keyinfo = val_map_new(a, 0);
	p->implicits = val_map_new(a, 0);
	if (setjmp(p->jb)) {
		rc = p->rc;
	} else {
		for (;;) {
			struct item it = p_next(p);
			if (it.typ == IT_EOF)
				break;
			p_top_level(p, it);
		}
		*out = p->mapping;
	}
	free(p->lx.stack);
	free(p->aot);
	free(p);
	return rc;
}
