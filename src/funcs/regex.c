/* regex.c — Sprig v3.3.0's regex.go: Go's regexp (RE2 syntax, leftmost-first)
 * run on PCRE2.  A port of regexp/syntax's parser (Go 1.23.7) checks the
 * pattern and words errors as Go does, and emits a PCRE2 pattern whose every
 * atom spells out Go's meaning (flags, ., ^, $, classes), so no PCRE2 option
 * or extension leaks through.  Matching loops, Expand and Split follow
 * regexp.go; subjects with invalid UTF-8 are matched with each bad byte as
 * U+FFFD, as Go decodes them. */
#include "funcs/funcs.h"
#include "funcs/regex.h"
#include "funcs/regex_ucd.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "base/hex.h"
#include "base/quote.h"
#include "base/unicode_case.h"
#include "base/utf8.h"
#include "value/codec.h"

/* ---- Go regexp/syntax parser, emitting PCRE2 ---- */

enum {
	RF_FOLD = 1,      /* (?i) */
	RF_DOTNL = 2,     /* (?s) */
	RF_ONELINE = 4,   /* not (?m) */
	RF_NONGREEDY = 8, /* (?U) */
};

enum entry_kind { E_FRAG, E_LPAREN, E_VBAR };

struct entry {
	enum entry_kind kind;
	int flags;    /* E_LPAREN: flags to restore */
	uint32_t cap; /* E_LPAREN: capture index, 0 = group only */
	char *text;   /* E_FRAG: PCRE2 text (arena) */
	size_t len;
	int64_t prod; /* product of nested counted repeats (repeatIsValid) */
	bool nullable; /* can match the empty string */
};

struct rparser {
	struct arena *a;
	const char *whole;
	size_t wlen;
	int flags;
	struct entry *st;
	size_t n, cap;
	uint32_t ncap;
	const char **names; /* names[i] of capture i (NULL = unnamed) */
	size_t *nlens;
	size_t namecap;
	struct sb *err; /* Go's error text */
	uint32_t nloops; /* loops given an empty-iteration check */
};

/* A class under construction: exact ranges, ranges PCRE2 may case-fold,
 * and \p items passed through. */
struct cls {
	uint32_t *ex, *cf;
	size_t nex, ncf, capex, capcf;
	struct sb p;
};

static int rerr(struct rparser *p, const char *code, const char *expr, size_t n)
{
	sb_reset(p->err);
	sb_adds(p->err, "error parsing regexp: ");
	sb_adds(p->err, code);
	sb_adds(p->err, ": `");
	sb_add(p->err, expr, n);
	sb_addc(p->err, '`');
	return -1;
}

#define ERR_CLASS_RANGE "invalid character class range"
#define ERR_ESCAPE "invalid escape sequence"
#define ERR_NAMED "invalid named capture"
#define ERR_PERL "invalid or unsupported Perl syntax"
#define ERR_REPEAT_OP "invalid nested repetition operator"
#define ERR_REPEAT_SIZE "invalid repeat count"
#define ERR_UTF8 "invalid UTF-8"
#define ERR_BRACKET "missing closing ]"
#define ERR_PAREN "missing closing )"
#define ERR_MISSING_ARG "missing argument to repetition operator"
#define ERR_TRAILING "trailing backslash at end of expression"
#define ERR_UNEXPECTED_PAREN "unexpected )"

/* nextRune: an invalid byte is ErrInvalidUTF8 over the rest of the text. */
static int next_rune(struct rparser *p, const char *s, size_t n, int32_t *c, size_t *w)
{
	if (n == 0) {
		*c = UTF8_RUNE_ERROR;
		*w = 0;
		return 0;
	}
	*c = utf8_decode(s, n, w);
	if (*c == UTF8_RUNE_ERROR && *w == 1)
		return rerr(p, ERR_UTF8, s, n);
	return 0;
}

static int check_utf8(struct rparser *p, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		int32_t c;
		size_t w;
		if (next_rune(p, s + i, n - i, &c, &w) < 0)
			return -1;
		i += w;
	}
	return 0;
}

static void push(struct rparser *p, struct entry e)
{
	if (p->n == p->cap) {
		size_t nc = p->cap ? p->cap * 2 : 32;
		p->st = arena_grow(p->a, p->st, p->cap * sizeof(*p->st), nc * sizeof(*p->st));
		p->cap = nc;
	}
	p->st[p->n++] = e;
}

static void push_frag(struct rparser *p, const char *text, size_t len, int64_t prod, bool nullable)
{
	struct entry e = { E_FRAG, 0, 0, arena_memdup(p->a, text, len), len, prod, nullable };
	push(p, e);
}

static void push_sb(struct rparser *p, struct sb *s)
{
	push_frag(p, s->buf, s->len, 0, false);
	sb_reset(s);
}

static void emit_rune(struct sb *s, uint32_t r)
{
	if ((r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') || r == '_')
		sb_addc(s, (char)r);
	else
		sb_addf(s, "\\x{%x}", r);
}

static void literal(struct rparser *p, int32_t r)
{
	struct sb s = SB_INIT;
	if (r >= 0xD800 && r <= 0xDFFF)
		sb_adds(&s, "(?!)"); /* Go never decodes a surrogate from text */
	else if (p->flags & RF_FOLD) {
		sb_adds(&s, "(?i:");
		emit_rune(&s, (uint32_t)r);
		sb_addc(&s, ')');
	} else {
		emit_rune(&s, (uint32_t)r);
	}
	push_sb(p, &s);
	sb_release(&s);
}

/* An empty-width assertion. */
static void op_text(struct rparser *p, const char *t)
{
	push_frag(p, t, strlen(t), 0, true);
}

/* concat: the fragments above the topmost pseudo-op become one. */
static void concat(struct rparser *p)
{
	size_t i = p->n;
	while (i > 0 && p->st[i - 1].kind == E_FRAG)
		i--;
	if (i == p->n) {
		push_frag(p, "", 0, 0, true);
		return;
	}
	if (p->n - i == 1)
		return;
	size_t len = 0;
	int64_t prod = 0;
	bool nullable = true;
	for (size_t k = i; k < p->n; k++) {
		len += p->st[k].len;
		if (p->st[k].prod > prod)
			prod = p->st[k].prod;
		nullable = nullable && p->st[k].nullable;
	}
	char *t = arena_alloc(p->a, len + 1);
	size_t o = 0;
	for (size_t k = i; k < p->n; k++) {
		memcpy(t + o, p->st[k].text, p->st[k].len);
		o += p->st[k].len;
	}
	t[o] = 0;
	p->n = i;
	struct entry e = { E_FRAG, 0, 0, t, len, prod, nullable };
	push(p, e);
}

/* swapVerticalBar: move the fragment on top below a vertical bar. */
static bool swap_vbar(struct rparser *p)
{
	if (p->n >= 2 && p->st[p->n - 2].kind == E_VBAR) {
		struct entry t = p->st[p->n - 1];
		p->st[p->n - 1] = p->st[p->n - 2];
		p->st[p->n - 2] = t;
		return true;
	}
	return false;
}

/* alternate: the fragments above the topmost '(' joined with '|'. */
static void alternate(struct rparser *p)
{
	size_t i = p->n;
	while (i > 0 && p->st[i - 1].kind == E_FRAG)
		i--;
	if (i == p->n) {
		push_frag(p, "(?!)", 4, 0, false);
		return;
	}
	if (p->n - i == 1)
		return;
	size_t len = 0;
	int64_t prod = 0;
	bool nullable = false;
	for (size_t k = i; k < p->n; k++) {
		len += p->st[k].len + 1;
		if (p->st[k].prod > prod)
			prod = p->st[k].prod;
		nullable = nullable || p->st[k].nullable;
	}
	char *t = arena_alloc(p->a, len + 1);
	size_t o = 0;
	for (size_t k = i; k < p->n; k++) {
		if (k > i)
			t[o++] = '|';
		memcpy(t + o, p->st[k].text, p->st[k].len);
		o += p->st[k].len;
	}
	t[o] = 0;
	p->n = i;
	struct entry e = { E_FRAG, 0, 0, t, o, prod, nullable };
	push(p, e);
}

static int right_paren(struct rparser *p)
{
	concat(p);
	if (swap_vbar(p))
		p->n--;
	alternate(p);
	if (p->n < 2 || p->st[p->n - 2].kind != E_LPAREN)
		return rerr(p, ERR_UNEXPECTED_PAREN, p->whole, p->wlen);
	struct entry body = p->st[p->n - 1], lp = p->st[p->n - 2];
	p->n -= 2;
	p->flags = lp.flags;
	struct sb s = SB_INIT;
	sb_adds(&s, lp.cap ? "(" : "(?:");
	sb_add(&s, body.text, body.len);
	sb_addc(&s, ')');
	push_frag(p, s.buf, s.len, body.prod, body.nullable);
	sb_release(&s);
	return 0;
}

/* p.repeat: before/after are offsets into the pattern. */
static int repeat(struct rparser *p, const char *t0, size_t before, size_t *after, size_t last_repeat,
		  bool has_last, int min, int max, bool counted)
{
	int flags = p->flags;
	if (*after < p->wlen && t0[*after] == '?') {
		(*after)++;
		flags ^= RF_NONGREEDY;
	}
	if (has_last)
		return rerr(p, ERR_REPEAT_OP, t0 + last_repeat, *after - last_repeat);
	if (p->n == 0 || p->st[p->n - 1].kind != E_FRAG)
		return rerr(p, ERR_MISSING_ARG, t0 + before, *after - before);
	struct entry *sub = &p->st[p->n - 1];
	int64_t prod = sub->prod;
	if (counted) {
		int64_t m = max == -1 ? min : max;
		prod = m == 0 ? 0 : m * (prod > 1 ? prod : 1);
		if ((min >= 2 || max >= 2) && prod > 1000)
			return rerr(p, ERR_REPEAT_SIZE, t0 + before, *after - before);
	}
	struct sb s = SB_INIT;
	char op = counted ? '{' : t0[before];
	bool loop = op == '*' || op == '+' || (counted && max == -1 && min <= 1);
	if (loop && sub->nullable) {
		/* Go drops a loop iteration that matches empty (the thread
		 * revisits the loop head); PCRE2 would keep it and stop.  A
		 * callout fails such an iteration, except a + loop's first. */
		uint32_t id = ++p->nloops;
		bool plus = op == '+' || (counted && min == 1);
		if (plus)
			sb_addf(&s, "(?<s%u>)", id);
		sb_addf(&s, "(?:(?<h%u>)", id);
		sb_add(&s, sub->text, sub->len);
		sb_addf(&s, "(?C\"%c%u\")", plus ? 'p' : 's', id);
	} else {
		sb_adds(&s, "(?:");
		sb_add(&s, sub->text, sub->len);
	}
	sb_addc(&s, ')');
	bool nullable = op == '*' || op == '?' || (counted && min == 0) || sub->nullable;
	if (!counted)
		sb_addc(&s, t0[before]);
	else if (max == min)
		sb_addf(&s, "{%d}", min);
	else if (max == -1)
		sb_addf(&s, "{%d,}", min);
	else
		sb_addf(&s, "{%d,%d}", min, max);
	if (flags & RF_NONGREEDY)
		sb_addc(&s, '?');
	p->n--;
	push_frag(p, s.buf, s.len, prod, nullable);
	sb_release(&s);
	return 0;
}

/* parseInt: decimal without leading zeros; -1 when too big. */
static bool parse_int(const char *s, size_t n, size_t *i, int *out)
{
	size_t k = *i;
	if (k >= n || s[k] < '0' || s[k] > '9')
		return false;
	if (n - k >= 2 && s[k] == '0' && s[k + 1] >= '0' && s[k + 1] <= '9')
		return false;
	size_t st = k;
	while (k < n && s[k] >= '0' && s[k] <= '9')
		k++;
	int v = 0;
	for (size_t j = st; j < k; j++) {
		if (v >= 100000000) {
			v = -1;
			break;
		}
		v = v * 10 + (s[j] - '0');
	}
	*i = k;
	*out = v;
	return true;
}

/* parseRepeat: {min} {min,} {min,max}; *i is at '{'. */
static bool parse_repeat(const char *s, size_t n, size_t *i, int *min, int *max)
{
	size_t k = *i + 1;
	if (!parse_int(s, n, &k, min))
		return false;
	if (k >= n)
		return false;
	if (s[k] != ',') {
		*max = *min;
	} else {
		k++;
		if (k >= n)
			return false;
		if (s[k] == '}') {
			*max = -1;
		} else {
			if (!parse_int(s, n, &k, max))
				return false;
			if (*max < 0)
				*min = -1;
		}
	}
	if (k >= n || s[k] != '}')
		return false;
	*i = k + 1;
	return true;
}


static bool is_alnum(int32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* parseEscape at s[*i] == '\\'. */
static int parse_escape(struct rparser *p, const char *s, size_t n, size_t *i, int32_t *r)
{
	size_t st = *i, k = *i + 1;
	int32_t c;
	size_t w;
	if (k >= n)
		return rerr(p, ERR_TRAILING, "", 0);
	if (next_rune(p, s + k, n - k, &c, &w) < 0)
		return -1;
	k += w;
	switch (c) {
	case '1': case '2': case '3': case '4': case '5': case '6': case '7':
		if (k >= n || s[k] < '0' || s[k] > '7')
			break;
		/* fall through */
	case '0': {
		int32_t v = c - '0';
		for (int j = 1; j < 3; j++) {
			if (k >= n || s[k] < '0' || s[k] > '7')
				break;
			v = v * 8 + (s[k] - '0');
			k++;
		}
		*r = v;
		*i = k;
		return 0;
	}
	case 'x': {
		if (k >= n)
			break;
		if (next_rune(p, s + k, n - k, &c, &w) < 0)
			return -1;
		k += w;
		if (c == '{') {
			int nhex = 0;
			int32_t v = 0;
			bool ok = false;
			for (;;) {
				if (k >= n)
					break;
				if (next_rune(p, s + k, n - k, &c, &w) < 0)
					return -1;
				k += w;
				if (c == '}') {
					ok = true;
					break;
				}
				int h = hex_val(c);
				if (h < 0)
					break;
				v = v * 16 + h;
				if (v > 0x10FFFF)
					break;
				nhex++;
			}
			if (!ok || nhex == 0)
				break;
			*r = v;
			*i = k;
			return 0;
		}
		int x1 = hex_val(c);
		if (next_rune(p, s + k, n - k, &c, &w) < 0)
			return -1;
		k += w;
		int y = hex_val(c);
		if (x1 < 0 || y < 0)
			break;
		*r = x1 * 16 + y;
		*i = k;
		return 0;
	}
	case 'a': *r = '\a'; *i = k; return 0;
	case 'f': *r = '\f'; *i = k; return 0;
	case 'n': *r = '\n'; *i = k; return 0;
	case 'r': *r = '\r'; *i = k; return 0;
	case 't': *r = '\t'; *i = k; return 0;
	case 'v': *r = '\v'; *i = k; return 0;
	default:
		if (c < 0x80 && !is_alnum(c)) {
			*r = c;
			*i = k;
			return 0;
		}
		break;
	}
	return rerr(p, ERR_ESCAPE, s + st, k - st);
}

/* ---- classes ---- */

static void add_range(struct arena *a, uint32_t **v, size_t *n, size_t *cap, uint32_t lo, uint32_t hi)
{
	if (*n + 2 > *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		*v = arena_grow(a, *v, *cap * sizeof(**v), nc * sizeof(**v));
		*cap = nc;
	}
	(*v)[(*n)++] = lo;
	(*v)[(*n)++] = hi;
}

static const uint32_t g_digit[] = { '0', '9' };
static const uint32_t g_space[] = { 0x9, 0xa, 0xc, 0xd, 0x20, 0x20 };
static const uint32_t g_word[] = { '0', '9', 'A', 'Z', '_', '_', 'a', 'z' };

struct group {
	const char *name;
	uint32_t r[8];
	size_t n;
};

static const struct group posix_groups[] = {
	{ "alnum", { '0', '9', 'A', 'Z', 'a', 'z' }, 6 },
	{ "alpha", { 'A', 'Z', 'a', 'z' }, 4 },
	{ "ascii", { 0, 0x7f }, 2 },
	{ "blank", { 9, 9, 0x20, 0x20 }, 4 },
	{ "cntrl", { 0, 0x1f, 0x7f, 0x7f }, 4 },
	{ "digit", { '0', '9' }, 2 },
	{ "graph", { 0x21, 0x7e }, 2 },
	{ "lower", { 'a', 'z' }, 2 },
	{ "print", { 0x20, 0x7e }, 2 },
	{ "punct", { 0x21, 0x2f, 0x3a, 0x40, 0x5b, 0x60, 0x7b, 0x7e }, 8 },
	{ "space", { 9, 0xd, 0x20, 0x20 }, 4 },
	{ "upper", { 'A', 'Z' }, 2 },
	{ "word", { '0', '9', 'A', 'Z', '_', '_', 'a', 'z' }, 8 },
	{ "xdigit", { '0', '9', 'A', 'F', 'a', 'f' }, 6 },
};

static int cmp_u32pair(const void *a, const void *b)
{
	const uint32_t *x = a, *y = b;
	return (x[0] > y[0]) - (x[0] < y[0]);
}

/* Sort and merge ranges in place (cleanClass). */
static size_t clean_ranges(uint32_t *r, size_t n)
{
	if (n < 4)
		return n;
	qsort(r, n / 2, 2 * sizeof(uint32_t), cmp_u32pair);
	size_t w = 2;
	for (size_t i = 2; i < n; i += 2) {
		if (r[i] <= r[w - 1] + 1) {
			if (r[i + 1] > r[w - 1])
				r[w - 1] = r[i + 1];
			continue;
		}
		r[w] = r[i];
		r[w + 1] = r[i + 1];
		w += 2;
	}
	return w;
}

/* An ASCII group (Perl or POSIX) into the class: exact unless folding;
 * under (?i) Go folds the group first (adding U+017F and U+212A for s and
 * k), and a negated folded group must stay exact for PCRE2. */
static void add_group(struct rparser *p, struct cls *c, const uint32_t *g, size_t gn, bool neg)
{
	uint32_t tmp[40];
	size_t n = 0;
	for (size_t i = 0; i < gn; i++)
		tmp[n++] = g[i];
	if (p->flags & RF_FOLD) {
		size_t base = n;
		for (size_t i = 0; i < base; i += 2) {
			uint32_t lo = tmp[i], hi = tmp[i + 1];
			uint32_t a = lo > 'a' ? lo : 'a', b = hi < 'z' ? hi : 'z';
			if (a <= b) {
				tmp[n++] = a - 32;
				tmp[n++] = b - 32;
			}
			a = lo > 'A' ? lo : 'A';
			b = hi < 'Z' ? hi : 'Z';
			if (a <= b) {
				tmp[n++] = a + 32;
				tmp[n++] = b + 32;
			}
			if ((lo <= 'k' && 'k' <= hi) || (lo <= 'K' && 'K' <= hi)) {
				tmp[n++] = 0x212A;
				tmp[n++] = 0x212A;
			}
			if ((lo <= 's' && 's' <= hi) || (lo <= 'S' && 'S' <= hi)) {
				tmp[n++] = 0x17F;
				tmp[n++] = 0x17F;
			}
		}
		n = clean_ranges(tmp, n);
	}
	bool exact = neg || !(p->flags & RF_FOLD);
	uint32_t **v = exact ? &c->ex : &c->cf;
	size_t *vn = exact ? &c->nex : &c->ncf, *vc = exact ? &c->capex : &c->capcf;
	if (!neg) {
		for (size_t i = 0; i < n; i += 2)
			add_range(p->a, v, vn, vc, tmp[i], tmp[i + 1]);
		return;
	}
	uint32_t next = 0;
	for (size_t i = 0; i < n; i += 2) {
		if (next < tmp[i])
			add_range(p->a, v, vn, vc, next, tmp[i] - 1);
		next = tmp[i + 1] + 1;
	}
	if (next <= 0x10FFFF)
		add_range(p->a, v, vn, vc, next, 0x10FFFF);
}

/* unicodeTable: a category or script of Go's unicode package by name. */
static const struct regex_ucd *ucd_find(const char *name, size_t n)
{
	size_t lo = 0, hi = sizeof(regex_ucd) / sizeof(regex_ucd[0]);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const char *m = regex_ucd[mid].name;
		size_t ml = strlen(m);
		int c = memcmp(m, name, ml < n ? ml : n);
		if (c == 0)
			c = (ml > n) - (ml < n);
		if (c == 0)
			return &regex_ucd[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Append a table's (lo, hi, stride) triples as ranges. */
static void ucd_expand(struct arena *a, uint32_t **v, size_t *n, size_t *cap, const uint32_t *t, size_t tn)
{
	for (size_t i = 0; i + 3 <= tn; i += 3) {
		if (t[i + 2] == 1) {
			add_range(a, v, n, cap, t[i], t[i + 1]);
			continue;
		}
		for (uint32_t r = t[i]; r <= t[i + 1]; r += t[i + 2])
			add_range(a, v, n, cap, r, r);
	}
}

/* parseUnicodeClass at s[*i] == '\\' with 'p' or 'P' next. */
static int parse_unicode_class(struct rparser *p, struct cls *c, const char *s, size_t n, size_t *i)
{
	size_t st = *i, k = *i + 2;
	int sign = s[st + 1] == 'P' ? -1 : 1;
	int32_t ch;
	size_t w;
	if (next_rune(p, s + k, n - k, &ch, &w) < 0)
		return -1;
	const char *name;
	size_t nlen, end;
	if (ch != '{') {
		end = k + w;
		name = s + st + 2;
		nlen = end - st - 2;
	} else {
		const char *cl = memchr(s + st, '}', n - st);
		if (!cl) {
			if (check_utf8(p, s + st, n - st) < 0)
				return -1;
			return rerr(p, ERR_CLASS_RANGE, s + st, n - st);
		}
		end = (size_t)(cl - s) + 1;
		name = s + st + 3;
		nlen = end - st - 4;
		if (check_utf8(p, name, nlen) < 0)
			return -1;
	}
	if (nlen && name[0] == '^') {
		sign = -sign;
		name++;
		nlen--;
	}
	bool any = nlen == 3 && memcmp(name, "Any", 3) == 0;
	const struct regex_ucd *u = any ? NULL : ucd_find(name, nlen);
	if (!any && !u)
		return rerr(p, ERR_CLASS_RANGE, s + st, end - st);
	*i = end;
	if (any) {
		if (sign > 0)
			add_range(p->a, &c->ex, &c->nex, &c->capex, 0, 0x10FFFF);
		return 0;
	}
	/* Go's own tables, exact: with the fold table under (?i) */
	uint32_t *tmp = NULL;
	size_t tn = 0, tcap = 0;
	ucd_expand(p->a, &tmp, &tn, &tcap, u->r, u->n);
	if ((p->flags & RF_FOLD) && u->fold)
		ucd_expand(p->a, &tmp, &tn, &tcap, u->fold, u->nfold);
	tn = clean_ranges(tmp, tn);
	if (sign > 0) {
		for (size_t k2 = 0; k2 < tn; k2 += 2)
			add_range(p->a, &c->ex, &c->nex, &c->capex, tmp[k2], tmp[k2 + 1]);
		return 0;
	}
	uint32_t next = 0;
	for (size_t k2 = 0; k2 < tn; k2 += 2) {
		if (next < tmp[k2])
			add_range(p->a, &c->ex, &c->nex, &c->capex, next, tmp[k2] - 1);
		next = tmp[k2 + 1] + 1;
	}
	if (next <= 0x10FFFF)
		add_range(p->a, &c->ex, &c->nex, &c->capex, next, 0x10FFFF);
	return 0;
}

/* Perl class escape \d \D \s \S \w \W at s[i]; false if none. */
static bool perl_class(struct rparser *p, struct cls *c, const char *s, size_t n, size_t i)
{
	if (n - i < 2 || s[i] != '\\')
		return false;
	switch (s[i + 1]) {
	case 'd': add_group(p, c, g_digit, 2, false); return true;
	case 'D': add_group(p, c, g_digit, 2, true); return true;
	case 's': add_group(p, c, g_space, 6, false); return true;
	case 'S': add_group(p, c, g_space, 6, true); return true;
	case 'w': add_group(p, c, g_word, 8, false); return true;
	case 'W': add_group(p, c, g_word, 8, true); return true;
	}
	return false;
}

static void emit_ranges(struct sb *s, const uint32_t *r, size_t n, size_t *items)
{
	for (size_t i = 0; i < n; i += 2) {
		uint32_t lo = r[i], hi = r[i + 1];
		/* surrogates never occur in decoded text; PCRE2 rejects them */
		if (lo >= 0xD800 && hi <= 0xDFFF)
			continue;
		if (lo < 0xD800 && hi > 0xDFFF) {
			sb_addf(s, "\\x{%x}-\\x{d7ff}\\x{e000}-\\x{%x}", lo, hi);
			(*items)++;
			continue;
		}
		if (lo >= 0xD800 && lo <= 0xDFFF)
			lo = 0xE000;
		if (hi >= 0xD800 && hi <= 0xDFFF)
			hi = 0xD7FF;
		if (lo == hi)
			sb_addf(s, "\\x{%x}", lo);
		else
			sb_addf(s, "\\x{%x}-\\x{%x}", lo, hi);
		(*items)++;
	}
}

/* Push the class: one PCRE2 class when possible, otherwise the union of a
 * caseless part and an exact part. */
static void push_class(struct rparser *p, struct cls *c, bool neg)
{
	struct sb s = SB_INIT, cf = SB_INIT, ex = SB_INIT;
	size_t ncf = 0, nex = 0;
	emit_ranges(&cf, c->cf, c->ncf, &ncf);
	if (c->p.len) {
		sb_add(&cf, c->p.buf, c->p.len);
		ncf++;
	}
	emit_ranges(&ex, c->ex, c->nex, &nex);
	bool fold = (p->flags & RF_FOLD) != 0;
	if (!fold || nex == 0 || ncf == 0) {
		struct sb all = SB_INIT;
		sb_add(&all, cf.buf, cf.len);
		sb_add(&all, ex.buf, ex.len);
		if (ncf + nex == 0) {
			sb_adds(&s, neg ? "(?s:.)" : "(?!)");
		} else {
			bool ci = fold && ncf;
			if (ci)
				sb_adds(&s, "(?i:");
			sb_adds(&s, neg ? "[^" : "[");
			sb_add(&s, all.buf, all.len);
			sb_addc(&s, ']');
			if (ci)
				sb_addc(&s, ')');
		}
		sb_release(&all);
	} else if (!neg) {
		sb_adds(&s, "(?:(?i:[");
		sb_add(&s, cf.buf, cf.len);
		sb_adds(&s, "])|[");
		sb_add(&s, ex.buf, ex.len);
		sb_adds(&s, "])");
	} else {
		sb_adds(&s, "(?:(?!(?i:[");
		sb_add(&s, cf.buf, cf.len);
		sb_adds(&s, "]))[^");
		sb_add(&s, ex.buf, ex.len);
		sb_adds(&s, "])");
	}
	push_sb(p, &s);
	sb_release(&s);
	sb_release(&cf);
	sb_release(&ex);
	sb_release(&c->p);
}

/* parseClass at s[*i] == '['. */
static int parse_class(struct rparser *p, const char *s, size_t n, size_t *i)
{
	size_t st = *i, k = *i + 1;
	struct cls c = { 0 };
	sb_init(&c.p);
	bool neg = false;
	if (k < n && s[k] == '^') {
		neg = true;
		k++;
	}
	bool first = true;
	while (k >= n || s[k] != ']' || first) {
		first = false;
		if (n - k > 2 && s[k] == '[' && s[k + 1] == ':') {
			const char *e = NULL;
			for (size_t j = k + 2; j + 1 < n; j++) {
				if (s[j] == ':' && s[j + 1] == ']') {
					e = s + j;
					break;
				}
			}
			if (e) {
				const char *nm = s + k + 2;
				size_t nl = (size_t)(e - nm);
				bool gneg = nl && nm[0] == '^';
				if (gneg) {
					nm++;
					nl--;
				}
				const struct group *g = NULL;
				for (size_t j = 0; j < sizeof(posix_groups) / sizeof(posix_groups[0]); j++)
					if (strlen(posix_groups[j].name) == nl && memcmp(posix_groups[j].name, nm, nl) == 0)
						g = &posix_groups[j];
				size_t end = (size_t)(e - s) + 2;
				if (!g) {
					sb_release(&c.p);
					return rerr(p, ERR_CLASS_RANGE, s + k, end - k);
				}
				add_group(p, &c, g->r, g->n, gneg);
				k = end;
				continue;
			}
		}
		if (n - k >= 2 && s[k] == '\\' && (s[k + 1] == 'p' || s[k + 1] == 'P')) {
			if (parse_unicode_class(p, &c, s, n, &k) < 0) {
				sb_release(&c.p);
				return -1;
			}
			continue;
		}
		if (perl_class(p, &c, s, n, k)) {
			k += 2;
			continue;
		}
		size_t rng = k;
		int32_t lo, hi;
		size_t w;
		if (k >= n) {
			sb_release(&c.p);
			return rerr(p, ERR_BRACKET, s + st, n - st);
		}
		if (s[k] == '\\') {
			if (parse_escape(p, s, n, &k, &lo) < 0) {
				sb_release(&c.p);
				return -1;
			}
		} else {
			if (next_rune(p, s + k, n - k, &lo, &w) < 0) {
				sb_release(&c.p);
				return -1;
			}
			k += w;
		}
		hi = lo;
		if (n - k >= 2 && s[k] == '-' && s[k + 1] != ']') {
			k++;
			if (k >= n) {
				sb_release(&c.p);
				return rerr(p, ERR_BRACKET, s + st, n - st);
			}
			if (s[k] == '\\') {
				if (parse_escape(p, s, n, &k, &hi) < 0) {
					sb_release(&c.p);
					return -1;
				}
			} else {
				if (next_rune(p, s + k, n - k, &hi, &w) < 0) {
					sb_release(&c.p);
					return -1;
				}
				k += w;
			}
			if (hi < lo) {
				sb_release(&c.p);
				return rerr(p, ERR_CLASS_RANGE, s + rng, k - rng);
			}
		}
		if (p->flags & RF_FOLD)
			add_range(p->a, &c.cf, &c.ncf, &c.capcf, (uint32_t)lo, (uint32_t)hi);
		else
			add_range(p->a, &c.ex, &c.nex, &c.capex, (uint32_t)lo, (uint32_t)hi);
	}
	*i = k + 1;
	push_class(p, &c, neg);
	return 0;
}

static void add_name(struct rparser *p, uint32_t cap, const char *name, size_t len)
{
	if (cap >= p->namecap) {
		size_t nc = p->namecap ? p->namecap * 2 : 16;
		while (nc <= cap)
			nc *= 2;
		const char **nn = arena_zalloc(p->a, nc * sizeof(*nn));
		size_t *nl = arena_zalloc(p->a, nc * sizeof(*nl));
		if (p->namecap) {
			memcpy(nn, p->names, p->namecap * sizeof(*nn));
			memcpy(nl, p->nlens, p->namecap * sizeof(*nl));
		}
		p->names = nn;
		p->nlens = nl;
		p->namecap = nc;
	}
	p->names[cap] = name;
	p->nlens[cap] = len;
}

/* parsePerlFlags at s[*i] == '(' with '?' next. */
static int parse_perl_flags(struct rparser *p, const char *s, size_t n, size_t *i)
{
	size_t st = *i;
	const char *t = s + st;
	size_t tn = n - st;
	bool with_p = tn > 4 && t[2] == 'P' && t[3] == '<';
	bool with_name = tn > 3 && t[2] == '<';
	if (with_p || with_name) {
		size_t expr = with_p ? 4 : 3;
		const char *gt = memchr(t, '>', tn);
		if (!gt) {
			if (check_utf8(p, t, tn) < 0)
				return -1;
			return rerr(p, ERR_NAMED, t, tn);
		}
		size_t end = (size_t)(gt - t);
		const char *name = t + expr;
		size_t nl = end - expr;
		if (check_utf8(p, name, nl) < 0)
			return -1;
		bool ok = nl > 0;
		for (size_t j = 0; j < nl; j++)
			if (name[j] != '_' && !is_alnum((unsigned char)name[j]))
				ok = false;
		if (!ok)
			return rerr(p, ERR_NAMED, t, end + 1);
		p->ncap++;
		add_name(p, p->ncap, name, nl);
		struct entry e = { E_LPAREN, p->flags, p->ncap, NULL, 0, 0 };
		push(p, e);
		*i = st + end + 1;
		return 0;
	}
	size_t k = st + 2;
	int flags = p->flags, sign = 1;
	bool saw = false;
	while (k < n) {
		int32_t c;
		size_t w;
		if (next_rune(p, s + k, n - k, &c, &w) < 0)
			return -1;
		k += w;
		switch (c) {
		case 'i': flags = sign > 0 ? flags | RF_FOLD : flags & ~RF_FOLD; saw = true; continue;
		case 'm': flags = sign > 0 ? flags & ~RF_ONELINE : flags | RF_ONELINE; saw = true; continue;
		case 's': flags = sign > 0 ? flags | RF_DOTNL : flags & ~RF_DOTNL; saw = true; continue;
		case 'U': flags = sign > 0 ? flags | RF_NONGREEDY : flags & ~RF_NONGREEDY; saw = true; continue;
		case '-':
			if (sign < 0)
				break;
			sign = -1;
			saw = false;
			continue;
		case ':':
		case ')':
			if (sign < 0 && !saw)
				break;
			if (c == ':') {
				struct entry e = { E_LPAREN, p->flags, 0, NULL, 0, 0 };
				push(p, e);
			}
			p->flags = flags;
			*i = k;
			return 0;
		default:
			break;
		}
		break;
	}
	return rerr(p, ERR_PERL, s + st, k - st);
}

/* Parse the Go pattern into PCRE2 text (arena memory in out, outlen); -1 with the
 * Go error in err. */
static int translate(struct rparser *p, const char *s, size_t n, char **out, size_t *outlen)
{
	size_t i = 0, last_repeat = 0;
	bool has_last = false;
	p->whole = s;
	p->wlen = n;
	p->flags = RF_ONELINE;
	while (i < n) {
		bool is_repeat = false;
		size_t rep_start = i;
		unsigned char c0 = (unsigned char)s[i];
		switch (c0) {
		case '(':
			if (n - i >= 2 && s[i + 1] == '?') {
				if (parse_perl_flags(p, s, n, &i) < 0)
					return -1;
				break;
			}
			p->ncap++;
			{
				struct entry e = { E_LPAREN, p->flags, p->ncap, NULL, 0, 0 };
				push(p, e);
			}
			i++;
			break;
		case '|':
			concat(p);
			if (!swap_vbar(p)) {
				struct entry e = { E_VBAR, 0, 0, NULL, 0, 0 };
				push(p, e);
			}
			i++;
			break;
		case ')':
			if (right_paren(p) < 0)
				return -1;
			i++;
			break;
		case '^':
			op_text(p, (p->flags & RF_ONELINE) ? "\\A" : "(?<![^\\n])");
			i++;
			break;
		case '$':
			op_text(p, (p->flags & RF_ONELINE) ? "\\z" : "(?![^\\n])");
			i++;
			break;
		case '.':
			op_text(p, (p->flags & RF_DOTNL) ? "(?s:.)" : "[^\\n]");
			i++;
			break;
		case '[':
			if (parse_class(p, s, n, &i) < 0)
				return -1;
			break;
		case '*':
		case '+':
		case '?': {
			size_t after = i + 1;
			if (repeat(p, s, i, &after, last_repeat, has_last, 0, 0, false) < 0)
				return -1;
			is_repeat = true;
			i = after;
			break;
		}
		case '{': {
			int min = 0, max = 0;
			size_t after = i;
			if (!parse_repeat(s, n, &after, &min, &max)) {
				literal(p, '{');
				i++;
				break;
			}
			if (min < 0 || min > 1000 || max > 1000 || (max >= 0 && min > max))
				return rerr(p, ERR_REPEAT_SIZE, s + i, after - i);
			if (repeat(p, s, i, &after, last_repeat, has_last, min, max, true) < 0)
				return -1;
			is_repeat = true;
			i = after;
			break;
		}
		case '\\': {
			if (n - i >= 2) {
				char e = s[i + 1];
				if (e == 'A' || e == 'b' || e == 'B' || e == 'z') {
					op_text(p, e == 'A' ? "\\A" : e == 'b' ? "\\b" : e == 'B' ? "\\B" : "\\z");
					i += 2;
					break;
				}
				if (e == 'C')
					return rerr(p, ERR_ESCAPE, s + i, 2);
				if (e == 'Q') {
					const char *lit = s + i + 2;
					size_t ln = n - i - 2;
					const char *end = memmem(lit, ln, "\\E", 2);
					size_t take = end ? (size_t)(end - lit) : ln;
					for (size_t j = 0; j < take;) {
						int32_t c;
						size_t w;
						if (next_rune(p, lit + j, take - j, &c, &w) < 0)
							return -1;
						literal(p, c);
						j += w;
					}
					i = end ? (size_t)(end - s) + 2 : n;
					break;
				}
				if (e == 'p' || e == 'P') {
					struct cls c = { 0 };
					sb_init(&c.p);
					if (parse_unicode_class(p, &c, s, n, &i) < 0) {
						sb_release(&c.p);
						return -1;
					}
					push_class(p, &c, false);
					break;
				}
				struct cls c = { 0 };
				sb_init(&c.p);
				if (perl_class(p, &c, s, n, i)) {
					push_class(p, &c, false);
					i += 2;
					break;
				}
				sb_release(&c.p);
			}
			int32_t r;
			if (parse_escape(p, s, n, &i, &r) < 0)
				return -1;
			literal(p, r);
			break;
		}
		default: {
			int32_t c;
			size_t w;
			if (next_rune(p, s + i, n - i, &c, &w) < 0)
				return -1;
			literal(p, c);
			i += w;
			break;
		}
		}
		has_last = is_repeat;
		last_repeat = rep_start;
	}
	concat(p);
	if (swap_vbar(p))
		p->n--;
	alternate(p);
	if (p->n != 1)
		return rerr(p, ERR_PAREN, s, n);
	*out = p->st[0].text;
	*outlen = p->st[0].len;
	return 0;
}

/* ---- compiled regexps ---- */

struct regex {
	pcre2_code *code;
	pcre2_match_data *md;
	pcre2_match_context *mc;
	uint32_t ncap;
	uint32_t *go2pcre;          /* Go group -> PCRE2 group */
	uint32_t *hgrp, *sgrp;      /* loop id -> iteration / loop start group */
	const char **names;
	size_t *nlens;
	size_t namecap;
	size_t expr_len;
};

static void regex_free(struct regex *re)
{
	if (re->mc)
		pcre2_match_context_free(re->mc);
	if (re->md)
		pcre2_match_data_free(re->md);
	if (re->code)
		pcre2_code_free(re->code);
}

/* PCRE2 numbers groups by their opening parenthesis: Go's captures and
 * the helper groups of empty-iteration checks, in the emitted order (every
 * raw '(' of the translation opens a group). */
static void number_groups(struct arena *a, struct regex *re, const char *t, size_t n, uint32_t ncap,
			  uint32_t nloops)
{
	re->go2pcre = arena_zalloc(a, (ncap + 1) * sizeof(uint32_t));
	re->hgrp = arena_zalloc(a, (nloops + 1) * sizeof(uint32_t));
	re->sgrp = arena_zalloc(a, (nloops + 1) * sizeof(uint32_t));
	uint32_t pc = 0, gi = 0;
	for (size_t i = 0; i + 1 < n; i++) {
		if (t[i] != '(')
			continue;
		if (t[i + 1] != '?') {
			re->go2pcre[++gi] = ++pc;
		} else if (i + 3 < n && t[i + 2] == '<' && (t[i + 3] == 'h' || t[i + 3] == 's')) {
			uint32_t id = (uint32_t)strtoul(t + i + 4, NULL, 10);
			(t[i + 3] == 'h' ? re->hgrp : re->sgrp)[id] = ++pc;
		}
	}
}

/* The callout closing a loop iteration: fail it when it consumed nothing
 * (a + loop's first iteration may). */
static int empty_iteration(pcre2_callout_block *cb, void *data)
{
	const struct regex *re = data;
	if (!cb->callout_string || cb->callout_string_length < 2)
		return 0;
	const char *cs = (const char *)cb->callout_string;
	uint32_t id = (uint32_t)strtoul(cs + 1, NULL, 10);
	uint32_t g = re->hgrp[id];
	if (g >= cb->capture_top || cb->offset_vector[2 * g] != cb->current_position)
		return 0;
	if (cs[0] == 'p') {
		uint32_t sg = re->sgrp[id];
		if (sg < cb->capture_top && cb->offset_vector[2 * sg] == cb->offset_vector[2 * g])
			return 0;
	}
	return 1;
}

/* regexp.Compile: 0, or -1 with err.Error() in err. */
static int regex_compile(struct arena *a, const char *s, size_t n, struct regex *re, struct sb *err)
{
	struct rparser p = { 0 };
	char *pat;
	size_t plen;
	memset(re, 0, sizeof(*re));
	p.a = a;
	p.err = err;
	if (translate(&p, s, n, &pat, &plen) < 0)
		return -1;
	pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
	pcre2_set_parens_nest_limit(cc, 100000);
	pcre2_set_newline(cc, PCRE2_NEWLINE_LF);
	int ec;
	PCRE2_SIZE eo;
	re->code = pcre2_compile((PCRE2_SPTR)pat, plen, PCRE2_UTF | PCRE2_NO_UTF_CHECK, &ec, &eo, cc);
	pcre2_compile_context_free(cc);
	if (!re->code) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(ec, msg, sizeof(msg));
		sb_reset(err);
		sb_addf(err, "regexp: pcre2 cannot compile the translation of this pattern: %s", (char *)msg);
		return -1;
	}
	re->md = pcre2_match_data_create_from_pattern(re->code, NULL);
	number_groups(a, re, pat, plen, p.ncap, p.nloops);
	if (p.nloops) {
		re->mc = pcre2_match_context_create(NULL);
		pcre2_set_callout(re->mc, empty_iteration, re);
	}
	re->ncap = p.ncap;
	re->names = p.names;
	re->nlens = p.nlens;
	re->namecap = p.namecap;
	re->expr_len = n;
	return 0;
}

/* The subject as PCRE2 sees it: valid UTF-8, with a map back to the
 * original offsets when invalid bytes had to become U+FFFD. */
struct subject {
	const char *s;
	size_t n;
	const char *orig;
	size_t *map; /* NULL when s == orig */
};

static void subject_init(struct arena *a, struct subject *sj, const char *s, size_t n)
{
	sj->s = s;
	sj->n = n;
	sj->orig = s;
	sj->map = NULL;
	if (utf8_valid(s, n))
		return;
	char *t = arena_alloc(a, n * 3 + 1);
	size_t *map = arena_alloc(a, (n * 3 + 1) * sizeof(*map));
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		size_t w;
		int32_t r = utf8_decode(s + i, n - i, &w);
		map[o] = i;
		if (r == UTF8_RUNE_ERROR && w == 1) {
			memcpy(t + o, "\xef\xbf\xbd", 3);
			o += 3;
		} else {
			memcpy(t + o, s + i, w);
			o += w;
		}
		i += w;
	}
	map[o] = n;
	t[o] = 0;
	sj->s = t;
	sj->n = o;
	sj->map = map;
}

static size_t orig_off(const struct subject *sj, size_t o)
{
	return sj->map ? sj->map[o] : o;
}

/* Match at or after pos; 1 with the ovector (subject offsets), 0 for no
 * match, -1 on a PCRE2 failure (error text in err). */
static int regex_exec(struct regex *re, const struct subject *sj, size_t pos, PCRE2_SIZE **ov, struct sb *err)
{
	int rc = pcre2_match(re->code, (PCRE2_SPTR)sj->s, sj->n, pos, PCRE2_NO_UTF_CHECK, re->md, re->mc);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(rc, msg, sizeof(msg));
		sb_reset(err);
		sb_addf(err, "regexp: pcre2 match failed: %s", (char *)msg);
		return -1;
	}
	*ov = pcre2_get_ovector_pointer(re->md);
	return 1;
}

static size_t char_width(const struct subject *sj, size_t pos)
{
	if (pos >= sj->n)
		return 0;
	size_t w;
	utf8_decode(sj->s + pos, sj->n - pos, &w);
	return w;
}

/* allMatches: up to n matches (n < 0: all) as original offset pairs. */
static int all_matches(struct arena *a, struct regex *re, const struct subject *sj, int64_t n, size_t **out,
		       size_t *count, struct sb *err)
{
	if (n < 0)
		n = (int64_t)sj->n + 1;
	size_t cap = 8, k = 0;
	size_t *m = arena_alloc(a, cap * 2 * sizeof(*m));
	size_t pos = 0;
	int64_t prev_end = -1;
	while ((int64_t)k < n && pos <= sj->n) {
		PCRE2_SIZE *ov;
		int rc = regex_exec(re, sj, pos, &ov, err);
		if (rc < 0)
			return -1;
		if (rc == 0)
			break;
		bool accept = true;
		size_t b = ov[0], e = ov[1];
		if (e == pos) {
			if ((int64_t)b == prev_end)
				accept = false;
			size_t w = char_width(sj, pos);
			pos = w ? pos + w : sj->n + 1;
		} else {
			pos = e;
		}
		prev_end = (int64_t)e;
		if (accept) {
			if (k == cap) {
				m = arena_grow(a, m, cap * 2 * sizeof(*m), cap * 4 * sizeof(*m));
				cap *= 2;
			}
			m[2 * k] = orig_off(sj, b);
			m[2 * k + 1] = orig_off(sj, e);
			k++;
		}
	}
	*out = m;
	*count = k;
	return 0;
}

/* regexp's extract: $name / ${name} at t (after the '$'). */
static bool extract(const char *t, size_t n, const char **name, size_t *nlen, int64_t *num, size_t *used)
{
	size_t i = 0;
	bool brace = false;
	if (n == 0)
		return false;
	if (t[0] == '{') {
		brace = true;
		i = 1;
	}
	size_t st = i;
	while (i < n) {
		size_t w;
		int32_t r = utf8_decode(t + i, n - i, &w);
		if (!unicode_is_letter(r) && !unicode_is_digit(r) && r != '_')
			break;
		i += w;
	}
	if (i == st)
		return false;
	*name = t + st;
	*nlen = i - st;
	if (brace) {
		if (i >= n || t[i] != '}')
			return false;
		i++;
	}
	int64_t v = 0;
	for (size_t j = 0; j < *nlen; j++) {
		char c = (*name)[j];
		if (c < '0' || c > '9' || v >= 100000000) {
			v = -1;
			break;
		}
		v = v * 10 + (c - '0');
	}
	if ((*name)[0] == '0' && *nlen > 1)
		v = -1;
	*num = v;
	*used = i;
	return true;
}

/* Regexp.expand of tmpl for the match ov (subject offsets). */
static void expand(struct sb *dst, struct regex *re, const char *tmpl, size_t tn, const struct subject *sj,
		   const PCRE2_SIZE *ov)
{
	size_t i = 0;
	while (i < tn) {
		const char *d = memchr(tmpl + i, '$', tn - i);
		if (!d)
			break;
		sb_add(dst, tmpl + i, (size_t)(d - (tmpl + i)));
		i = (size_t)(d - tmpl) + 1;
		if (i < tn && tmpl[i] == '$') {
			sb_addc(dst, '$');
			i++;
			continue;
		}
		const char *name;
		size_t nlen, used;
		int64_t num;
		if (!extract(tmpl + i, tn - i, &name, &nlen, &num, &used)) {
			sb_addc(dst, '$');
			continue;
		}
		i += used;
		if (num >= 0) {
			uint32_t pg = (uint64_t)num <= re->ncap ? re->go2pcre[num] : 0;
			if ((uint64_t)num <= re->ncap && ov[2 * pg] != PCRE2_UNSET) {
				size_t b = orig_off(sj, ov[2 * pg]), e = orig_off(sj, ov[2 * pg + 1]);
				sb_add(dst, sj->orig + b, e - b);
			}
		} else {
			for (uint32_t g = 1; g <= re->ncap; g++) {
				if (!re->names || g >= re->namecap || !re->names[g] || re->nlens[g] != nlen ||
				    memcmp(re->names[g], name, nlen) != 0)
					continue;
				uint32_t pg = re->go2pcre[g];
				if (ov[2 * pg] == PCRE2_UNSET)
					continue;
				size_t b = orig_off(sj, ov[2 * pg]), e = orig_off(sj, ov[2 * pg + 1]);
				sb_add(dst, sj->orig + b, e - b);
				break;
			}
		}
	}
	sb_add(dst, tmpl + i, tn - i);
}

/* Regexp.replaceAll with a literal or expanded replacement. */
static int replace_all(struct arena *a, struct regex *re, const char *s, size_t n, const char *repl, size_t rn,
		       bool lit, struct sb *out, struct sb *err)
{
	struct subject sj;
	subject_init(a, &sj, s, n);
	size_t last_end = 0, search = 0; /* subject offsets */
	while (search <= sj.n) {
		PCRE2_SIZE *ov;
		int rc = regex_exec(re, &sj, search, &ov, err);
		if (rc < 0)
			return -1;
		if (rc == 0)
			break;
		size_t b = ov[0], e = ov[1];
		size_t ob = orig_off(&sj, b), ol = orig_off(&sj, last_end);
		sb_add(out, s + ol, ob - ol);
		if (e > last_end || b == 0) {
			if (lit)
				sb_add(out, repl, rn);
			else
				expand(out, re, repl, rn, &sj, ov);
		}
		last_end = e;
		size_t w = char_width(&sj, search);
		if (search + w > e)
			search += w;
		else if (search + 1 > e)
			search++;
		else
			search = e;
	}
	size_t ol = orig_off(&sj, last_end);
	sb_add(out, s + ol, n - ol);
	return 0;
}

/* ---- the template functions ---- */

/* The panic of regexp.MustCompile, as text/template reports it. */
static int must_compile_panic(struct tmpl_exec *x, val pat, struct sb *err)
{
	struct sb q = SB_INIT;
	if (strconv_can_backquote(pat.u.s, pat.len)) {
		sb_addc(&q, '`');
		sb_add(&q, pat.u.s, pat.len);
		sb_addc(&q, '`');
	} else {
		strconv_append_quote(&q, pat.u.s, pat.len);
	}
	tmpl_fail(x, "regexp: Compile(%.*s): %.*s", (int)q.len, q.buf, (int)err->len, err->buf);
	sb_release(&q);
	sb_release(err);
	return -1;
}

static int fail_err(struct tmpl_exec *x, struct sb *err)
{
	tmpl_fail(x, "%.*s", (int)err->len, err->buf);
	sb_release(err);
	return -1;
}

/* Compile a[0]; on failure report as the must (plain error) or the
 * panicking (MustCompile) variant. */
static int compile_arg(struct tmpl_exec *x, val pat, bool must, struct regex *re)
{
	struct sb err = SB_INIT;
	if (regex_compile(x->a, pat.u.s, pat.len, re, &err) < 0) {
		regex_free(re);
		return must ? fail_err(x, &err) : must_compile_panic(x, pat, &err);
	}
	sb_release(&err);
	return 0;
}

static int match_impl(struct tmpl_exec *x, val *a, bool must, val *out)
{
	struct regex re;
	struct sb err = SB_INIT;
	if (regex_compile(x->a, a[0].u.s, a[0].len, &re, &err) < 0) {
		regex_free(&re);
		if (must)
			return fail_err(x, &err);
		sb_release(&err);
		*out = val_bool(false);
		return 0;
	}
	struct subject sj;
	subject_init(x->a, &sj, a[1].u.s, a[1].len);
	PCRE2_SIZE *ov;
	int rc = regex_exec(&re, &sj, 0, &ov, &err);
	regex_free(&re);
	if (rc < 0)
		return fail_err(x, &err);
	sb_release(&err);
	*out = val_bool(rc == 1);
	return 0;
}

static int f_regex_match(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return match_impl(x, a, false, out);
}

static int f_must_regex_match(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return match_impl(x, a, true, out);
}

static int find_all_impl(struct tmpl_exec *x, val *a, bool must, val *out)
{
	struct regex re;
	if (compile_arg(x, a[0], must, &re) < 0)
		return -1;
	struct subject sj;
	subject_init(x->a, &sj, a[1].u.s, a[1].len);
	size_t *m, cnt;
	struct sb err = SB_INIT;
	int rc = all_matches(x->a, &re, &sj, a[2].u.i, &m, &cnt, &err);
	regex_free(&re);
	if (rc < 0)
		return fail_err(x, &err);
	sb_release(&err);
	val l = val_typed(val_list_new(x->a, cnt), GT_STRINGS);
	for (size_t i = 0; i < cnt; i++)
		val_list_push(x->a, l, val_str_ref(a[1].u.s + m[2 * i], m[2 * i + 1] - m[2 * i]));
	if (cnt == 0)
		l.flags |= VAL_F_GO_NIL; /* FindAllString returns nil */
	*out = l;
	return 0;
}

static int f_regex_find_all(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return find_all_impl(x, a, false, out);
}

static int f_must_regex_find_all(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return find_all_impl(x, a, true, out);
}

static int find_impl(struct tmpl_exec *x, val *a, bool must, val *out)
{
	struct regex re;
	if (compile_arg(x, a[0], must, &re) < 0)
		return -1;
	struct subject sj;
	subject_init(x->a, &sj, a[1].u.s, a[1].len);
	PCRE2_SIZE *ov;
	struct sb err = SB_INIT;
	int rc = regex_exec(&re, &sj, 0, &ov, &err);
	if (rc < 0) {
		regex_free(&re);
		return fail_err(x, &err);
	}
	sb_release(&err);
	if (rc == 1) {
		size_t b = orig_off(&sj, ov[0]), e = orig_off(&sj, ov[1]);
		*out = val_str_ref(a[1].u.s + b, e - b);
	} else {
		*out = val_str_ref("", 0);
	}
	regex_free(&re);
	return 0;
}

static int f_regex_find(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return find_impl(x, a, false, out);
}

static int f_must_regex_find(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return find_impl(x, a, true, out);
}

static int replace_impl(struct tmpl_exec *x, val *a, bool must, bool lit, val *out)
{
	struct regex re;
	if (compile_arg(x, a[0], must, &re) < 0)
		return -1;
	struct sb s = SB_INIT, err = SB_INIT;
	int rc = replace_all(x->a, &re, a[1].u.s, a[1].len, a[2].u.s, a[2].len, lit, &s, &err);
	regex_free(&re);
	if (rc < 0) {
		sb_release(&s);
		return fail_err(x, &err);
	}
	sb_release(&err);
	*out = val_str(x->a, s.buf, s.len);
	sb_release(&s);
	return 0;
}

static int f_regex_replace_all(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return replace_impl(x, a, false, false, out);
}

static int f_must_regex_replace_all(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return replace_impl(x, a, true, false, out);
}

static int f_regex_replace_all_literal(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return replace_impl(x, a, false, true, out);
}

static int f_must_regex_replace_all_literal(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return replace_impl(x, a, true, true, out);
}

/* Regexp.Split. */
static int split_impl(struct tmpl_exec *x, val *a, bool must, val *out)
{
	struct regex re;
	if (compile_arg(x, a[0], must, &re) < 0)
		return -1;
	int64_t n = a[2].u.i;
	const char *s = a[1].u.s;
	size_t len = a[1].len;
	val l = val_typed(val_list_new(x->a, 4), GT_STRINGS);
	if (n == 0) {
		regex_free(&re);
		*out = l;
		return 0;
	}
	if (re.expr_len > 0 && len == 0) {
		regex_free(&re);
		val_list_push(x->a, l, val_str_ref("", 0));
		*out = l;
		return 0;
	}
	struct subject sj;
	subject_init(x->a, &sj, s, len);
	size_t *m, cnt;
	struct sb err = SB_INIT;
	int rc = all_matches(x->a, &re, &sj, n, &m, &cnt, &err);
	regex_free(&re);
	if (rc < 0)
		return fail_err(x, &err);
	sb_release(&err);
	size_t beg = 0, end = 0;
	for (size_t i = 0; i < cnt; i++) {
		if (n > 0 && (int64_t)val_list_len(l) >= n - 1)
			break;
		end = m[2 * i];
		if (m[2 * i + 1] != 0)
			val_list_push(x->a, l, val_str_ref(s + beg, end - beg));
		beg = m[2 * i + 1];
	}
	if (end != len)
		val_list_push(x->a, l, val_str_ref(s + beg, len - beg));
	*out = l;
	return 0;
}

static int f_regex_split(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return split_impl(x, a, false, out);
}

static int f_must_regex_split(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return split_impl(x, a, true, out);
}

static int f_regex_quote_meta(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	static const char special[] = "\\.+*?()|[]{}^$";
	const char *s = a[0].u.s;
	size_t len = a[0].len, i = 0;
	while (i < len && !memchr(special, s[i], sizeof(special) - 1))
		i++;
	if (i == len) {
		*out = a[0];
		return 0;
	}
	struct sb b = SB_INIT;
	sb_add(&b, s, i);
	for (; i < len; i++) {
		if (memchr(special, s[i], sizeof(special) - 1))
			sb_addc(&b, '\\');
		sb_addc(&b, s[i]);
	}
	*out = val_str(x->a, b.buf, b.len);
	sb_release(&b);
	return 0;
}

const struct tmpl_func fn_regex_table[] = {
	{ "regexMatch", f_regex_match, 2, false, { TP_STRING, TP_STRING } },
	{ "mustRegexMatch", f_must_regex_match, 2, false, { TP_STRING, TP_STRING } },
	{ "regexFindAll", f_regex_find_all, 3, false, { TP_STRING, TP_STRING, TP_INT } },
	{ "mustRegexFindAll", f_must_regex_find_all, 3, false, { TP_STRING, TP_STRING, TP_INT } },
	{ "regexFind", f_regex_find, 2, false, { TP_STRING, TP_STRING } },
	{ "mustRegexFind", f_must_regex_find, 2, false, { TP_STRING, TP_STRING } },
	{ "regexReplaceAll", f_regex_replace_all, 3, false, { TP_STRING, TP_STRING, TP_STRING } },
	{ "mustRegexReplaceAll", f_must_regex_replace_all, 3, false, { TP_STRING, TP_STRING, TP_STRING } },
	{ "regexReplaceAllLiteral", f_regex_replace_all_literal, 3, false, { TP_STRING, TP_STRING, TP_STRING } },
	{ "mustRegexReplaceAllLiteral", f_must_regex_replace_all_literal, 3, false,
	  { TP_STRING, TP_STRING, TP_STRING } },
	{ "regexSplit", f_regex_split, 3, false, { TP_STRING, TP_STRING, TP_INT } },
	{ "mustRegexSplit", f_must_regex_split, 3, false, { TP_STRING, TP_STRING, TP_INT } },
	{ "regexQuoteMeta", f_regex_quote_meta, 1, false, { TP_STRING } },
};
const size_t fn_regex_count = sizeof(fn_regex_table) / sizeof(fn_regex_table[0]);

/* ---- regex.h: the compiled regexp for other modules ---- */

struct regex_go {
	struct regex re;
};

int regex_go_compile(struct arena *a, const char *s, size_t n, struct regex_go **out, struct sb *err)
{
	struct regex_go *g = arena_zalloc(a, sizeof(*g));
	if (regex_compile(a, s, n, &g->re, err) < 0) {
		regex_free(&g->re);
		return -1;
	}
	*out = g;
	return 0;
}

int regex_go_match(struct arena *a, struct regex_go *g, const char *s, size_t n, struct sb *err)
{
	struct subject sj;
	PCRE2_SIZE *ov;
	subject_init(a, &sj, s, n);
	return regex_exec(&g->re, &sj, 0, &ov, err);
}

void regex_go_free(struct regex_go *g)
{
	if (g)
		regex_free(&g->re);
}
