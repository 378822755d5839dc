/* glob.c — gobwas/glob v0.2.3 as Helm 3.17.3's .Files.Glob uses it
 * (glob.Compile(pattern, '/')): the lexer, the parser, the optimizing
 * compiler and the matcher tree are reproduced step by step, because the
 * optimized tree (Row, BTree, EveryOf ...) decides some results in ways a
 * plain glob matcher would not (byte/rune length mix-ups, Single matching ""). */
#include "chart/glob.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

#define RUNE_ERROR 0xFFFD

/* utf8.DecodeRuneInString: (RuneError, 0) on empty, (RuneError, 1) on bad bytes. */
static int32_t dec(const char *p, size_t n, int *w)
{
	const unsigned char *s = (const unsigned char *)p;
	*w = n ? 1 : 0;
	if (!n)
		return RUNE_ERROR;
	unsigned c = s[0];
	if (c < 0x80)
		return (int32_t)c;
	unsigned lo = 0x80, hi = 0xBF;
	int need;
	uint32_t r;
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		r = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		r = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		r = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		return RUNE_ERROR;
	}
	if (n < (size_t)need + 1)
		return RUNE_ERROR;
	for (int i = 1; i <= need; i++) {
		unsigned b = s[i];
		if (b < lo || b > hi)
			return RUNE_ERROR;
		lo = 0x80;
		hi = 0xBF;
		r = (r << 6) | (b & 0x3F);
	}
	*w = need + 1;
	return (int32_t)r;
}

/* utf8.RuneLen for the runes dec returns (RuneError counts 3). */
static int rune_len(int32_t r)
{
	return r < 0x80 ? 1 : r < 0x800 ? 2 : r < 0x10000 ? 3 : 4;
}

static size_t rune_count(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; c++) {
		int w;
		dec(s + i, n - i, &w);
		i += (size_t)w;
	}
	return c;
}

/* strings.Index */
static long str_index(const char *s, size_t n, const char *t, size_t tn)
{
	if (tn == 0)
		return 0;
	if (tn > n)
		return -1;
	const char *p = memmem(s, n, t, tn);
	return p ? (long)(p - s) : -1;
}

static long str_last_index(const char *s, size_t n, const char *t, size_t tn)
{
	if (tn > n)
		return -1;
	for (size_t i = n - tn + 1; i-- > 0;)
		if (memcmp(s + i, t, tn) == 0)
			return (long)i;
	return -1;
}

static long slash_index(const char *s, size_t n)
{
	const char *p = memchr(s, '/', n);
	return p ? (long)(p - s) : -1;
}

static bool has_prefix(const char *s, size_t n, const char *p, size_t pn)
{
	return n >= pn && memcmp(s, p, pn) == 0;
}

static bool has_suffix(const char *s, size_t n, const char *p, size_t pn)
{
	return n >= pn && memcmp(s + n - pn, p, pn) == 0;
}

/* ---- lexer + parser (syntax/lexer, syntax/ast) ---- */

enum { T_EOF, T_ERR, T_TEXT, T_ANY, T_SUPER, T_SINGLE, T_NOT, T_SEP, T_ROPEN, T_RCLOSE,
       T_LO, T_BETWEEN, T_HI, T_TOPEN, T_TCLOSE };

struct lex {
	struct arena *a;
	const char *d;
	size_t n, pos;
	int32_t last;
	int lastw;
	bool has, err;
	int terms;
	/* token queue */
	struct tok { int t; const char *s; size_t n; int32_t r; } q[8];
	int qh, qn;
};

static int32_t lx_peek(struct lex *l, int *w)
{
	if (l->pos == l->n) {
		*w = 0;
		return 0;
	}
	int32_t r = dec(l->d + l->pos, l->n - l->pos, w);
	if (r == RUNE_ERROR) {
		l->err = true;
		r = 0;
		*w = 0;
	}
	return r;
}

static int32_t lx_read(struct lex *l)
{
	if (l->has) {
		l->has = false;
		l->pos += (size_t)l->lastw;
		return l->last;
	}
	int w;
	int32_t r = lx_peek(l, &w);
	l->pos += (size_t)w;
	l->last = r;
	l->lastw = w;
	return r;
}

static void lx_unread(struct lex *l)
{
	if (l->has) {
		l->err = true;
		return;
	}
	l->pos -= (size_t)l->lastw;
	l->has = true;
}

static void lx_push(struct lex *l, int t, const char *s, size_t n, int32_t r)
{
	l->q[(l->qh + l->qn) % 8] = (struct tok){ t, s, n, r };
	l->qn++;
}

static void lx_text(struct lex *l, const char *brk)
{
	char *buf = arena_alloc(l->a, l->n + 1);
	size_t bn = 0;
	bool esc = false;
	for (;;) {
		size_t at = l->pos;
		int32_t r = lx_read(l);
		if (r == 0)
			break;
		if (!esc) {
			if (r == '\\') {
				esc = true;
				continue;
			}
			if (r < 0x80 && strchr(brk, (int)r)) {
				lx_unread(l);
				break;
			}
		}
		esc = false;
		size_t w = l->pos - at;
		memcpy(buf + bn, l->d + at, w);
		bn += w;
	}
	if (bn)
		lx_push(l, T_TEXT, buf, bn, 0);
}

static void lx_range(struct lex *l)
{
	bool want_hi = false, want_close = false, seen_not = false;
	for (;;) {
		int32_t r = lx_read(l);
		if (r == 0) {
			l->err = true;
			return;
		}
		if (want_close) {
			if (r != ']')
				l->err = true;
			else
				lx_push(l, T_RCLOSE, NULL, 0, r);
			return;
		}
		if (want_hi) {
			lx_push(l, T_HI, NULL, 0, r);
			want_close = true;
			continue;
		}
		if (!seen_not && r == '!') {
			lx_push(l, T_NOT, NULL, 0, r);
			seen_not = true;
			continue;
		}
		int w;
		if (lx_peek(l, &w) == '-') {
			l->pos += (size_t)w;
			lx_push(l, T_LO, NULL, 0, r);
			lx_push(l, T_BETWEEN, NULL, 0, '-');
			want_hi = true;
			continue;
		}
		lx_unread(l);
		lx_text(l, "]");
		want_close = true;
	}
}

static void lx_fetch(struct lex *l)
{
	int32_t r = lx_read(l);
	if (r == 0) {
		lx_push(l, T_EOF, NULL, 0, 0);
	} else if (r == '{') {
		l->terms++;
		lx_push(l, T_TOPEN, NULL, 0, r);
	} else if (r == ',' && l->terms > 0) {
		lx_push(l, T_SEP, NULL, 0, r);
	} else if (r == '}' && l->terms > 0) {
		lx_push(l, T_TCLOSE, NULL, 0, r);
		l->terms--;
	} else if (r == '[') {
		lx_push(l, T_ROPEN, NULL, 0, r);
		lx_range(l);
	} else if (r == '?') {
		lx_push(l, T_SINGLE, NULL, 0, r);
	} else if (r == '*') {
		if (lx_read(l) == '*') {
			lx_push(l, T_SUPER, NULL, 0, r);
		} else {
			lx_unread(l);
			lx_push(l, T_ANY, NULL, 0, r);
		}
	} else {
		lx_unread(l);
		lx_text(l, l->terms > 0 ? "?*[{}," : "?*[{");
	}
}

static struct tok lx_next(struct lex *l)
{
	for (;;) {
		if (l->err)
			return (struct tok){ T_ERR, NULL, 0, 0 };
		if (l->qn) {
			struct tok t = l->q[l->qh];
			l->qh = (l->qh + 1) % 8;
			l->qn--;
			return t;
		}
		lx_fetch(l);
	}
}

enum { K_NOTHING, K_PATTERN, K_LIST, K_RANGE, K_TEXT, K_ANY, K_SUPER, K_SINGLE, K_ANYOF };

struct node {
	int kind;
	bool not;
	int32_t lo, hi;
	const char *s;
	size_t n;
	struct node *parent;
	struct node **kids;
	size_t nk, ck;
};

static struct node *node_new(struct arena *a, int kind)
{
	struct node *n = arena_zalloc(a, sizeof(*n));
	n->kind = kind;
	return n;
}

static void node_add(struct arena *a, struct node *p, struct node *c)
{
	if (p->nk == p->ck) {
		size_t nc = p->ck ? p->ck * 2 : 4;
		p->kids = arena_grow(a, p->kids, p->ck * sizeof(*p->kids), nc * sizeof(*p->kids));
		p->ck = nc;
	}
	p->kids[p->nk++] = c;
	c->parent = p;
}

/* ast.Parse; NULL on any error */
static struct node *parse(struct arena *a, const char *pat, size_t n)
{
	struct lex l = { .a = a, .d = pat, .n = n };
	struct node *root = node_new(a, K_PATTERN), *tree = root;
	for (;;) {
		struct tok t = lx_next(&l);
		switch (t.t) {
		case T_EOF:
			return root;
		case T_TEXT: {
			struct node *x = node_new(a, K_TEXT);
			x->s = t.s;
			x->n = t.n;
			node_add(a, tree, x);
			break;
		}
		case T_ANY:
			node_add(a, tree, node_new(a, K_ANY));
			break;
		case T_SUPER:
			node_add(a, tree, node_new(a, K_SUPER));
			break;
		case T_SINGLE:
			node_add(a, tree, node_new(a, K_SINGLE));
			break;
		case T_TOPEN: {
			struct node *o = node_new(a, K_ANYOF), *p = node_new(a, K_PATTERN);
			node_add(a, tree, o);
			node_add(a, o, p);
			tree = p;
			break;
		}
		case T_SEP: {
			struct node *p = node_new(a, K_PATTERN);
			node_add(a, tree->parent, p);
			tree = p;
			break;
		}
		case T_TCLOSE:
			tree = tree->parent->parent;
			break;
		case T_ROPEN: {
			bool not = false;
			int32_t lo = 0, hi = 0;
			const char *cs = NULL;
			size_t cn = 0;
			for (;;) {
				struct tok u = lx_next(&l);
				if (u.t == T_EOF || u.t == T_ERR)
					return NULL;
				if (u.t == T_NOT) {
					not = true;
				} else if (u.t == T_LO) {
					lo = u.r;
				} else if (u.t == T_HI) {
					hi = u.r;
					if (hi < lo)
						return NULL;
				} else if (u.t == T_TEXT) {
					cs = u.s;
					cn = u.n;
				} else if (u.t == T_RCLOSE) {
					break;
				}
			}
			bool is_range = lo != 0 && hi != 0, is_chars = cn != 0;
			if (is_range == is_chars)
				return NULL;
			struct node *x = node_new(a, is_range ? K_RANGE : K_LIST);
			x->not = not;
			x->lo = lo;
			x->hi = hi;
			x->s = cs;
			x->n = cn;
			node_add(a, tree, x);
			break;
		}
		default:
			return NULL;
		}
	}
}

static bool node_equal(const struct node *a, const struct node *b)
{
	if (a->kind != b->kind || a->nk != b->nk)
		return false;
	switch (a->kind) {
	case K_TEXT:
		if (a->n != b->n || memcmp(a->s, b->s, a->n) != 0)
			return false;
		break;
	case K_LIST:
		if (a->not != b->not || a->n != b->n || memcmp(a->s, b->s, a->n) != 0)
			return false;
		break;
	case K_RANGE:
		if (a->not != b->not || a->lo != b->lo || a->hi != b->hi)
			return false;
		break;
	}
	for (size_t i = 0; i < a->nk; i++)
		if (!node_equal(a->kids[i], b->kids[i]))
			return false;
	return true;
}

static struct node *node_with(struct arena *a, int kind, struct node **kids, size_t nk)
{
	struct node *n = node_new(a, kind);
	for (size_t i = 0; i < nk; i++)
		node_add(a, n, kids[i]);
	return n;
}

/* compiler.minimizeTreeAnyOf (with commonChildren): NULL when nothing is common */
static struct node *minimize_anyof(struct arena *a, struct node *t)
{
	for (size_t i = 0; i < t->nk; i++)
		if (t->kids[i]->kind != K_PATTERN)
			return NULL;
	size_t nn = t->nk;
	if (nn <= 1)
		return NULL;
	size_t idx = 0;
	for (size_t i = 1; i < nn; i++)
		if (t->kids[i]->nk < t->kids[idx]->nk)
			idx = i;
	struct node *tr = t->kids[idx];
	long tl = (long)tr->nk;
	struct node **left = arena_alloc(a, (size_t)(tl + 1) * sizeof(*left));
	struct node **right = arena_alloc(a, (size_t)(tl + 1) * sizeof(*right));
	size_t nl = 0;
	long last_right = tl, total = 0;
	bool bl = false, br = false;
	for (long i = 0, j = tl - 1; total < tl && j >= 0 && !(bl && br); i++, j--) {
		struct node *tlft = tr->kids[i], *trgt = tr->kids[j];
		for (size_t k = 0; k < nn && !(bl && br); k++) {
			if (k == idx)
				continue;
			struct node *o = t->kids[k];
			struct node *rl = o->kids[i], *rr = o->kids[j + (long)o->nk - tl];
			bl = bl || !node_equal(tlft, rl);
			br = br || (!bl && j <= i);
			br = br || !node_equal(trgt, rr);
		}
		if (!bl) {
			total++;
			left[nl++] = tlft;
		}
		if (!br) {
			total++;
			last_right = j;
			right[j] = trgt;
		}
	}
	size_t nr = (size_t)(tl - last_right);
	if (nl == 0 && nr == 0)
		return NULL;
	struct node **res = arena_alloc(a, 3 * sizeof(*res));
	size_t nres = 0;
	if (nl)
		res[nres++] = node_with(a, K_PATTERN, left, nl);
	struct node **any = arena_alloc(a, nn * sizeof(*any));
	size_t nany = 0;
	for (size_t k = 0; k < nn; k++) {
		struct node *c = t->kids[k];
		size_t cnt = c->nk - nl - nr;
		struct node *x = cnt == 0 ? node_new(a, K_NOTHING) :
			node_with(a, K_PATTERN, c->kids + nl, cnt);
		bool dup = false;
		for (size_t m = 0; m < nany && !dup; m++)
			dup = node_equal(any[m], x);
		if (!dup)
			any[nany++] = x;
	}
	if (nany == 1 && any[0]->kind != K_NOTHING)
		res[nres++] = any[0];
	else if (nany > 1)
		res[nres++] = node_with(a, K_ANYOF, any, nany);
	if (nr)
		res[nres++] = node_with(a, K_PATTERN, right + last_right, nr);
	return node_with(a, K_PATTERN, res, nres);
}

/* ---- matchers (match package) ---- */

enum { M_NOTHING, M_SUPER, M_ANY, M_SINGLE, M_LIST, M_RANGE, M_TEXT, M_ANYOF, M_EVERYOF,
       M_MIN, M_MAX, M_CONTAINS, M_PREFIX, M_SUFFIX, M_PREFIXSUFFIX, M_PREFIXANY,
       M_SUFFIXANY, M_ROW, M_BTREE };

struct gm {
	int kind;
	bool not;
	int len;            /* Len() */
	const char *s, *s2; /* text, prefix / needle, suffix */
	size_t n, n2;
	int32_t *runes;     /* List */
	size_t nr;
	int32_t lo, hi;
	int limit;
	struct gm **kids;
	size_t nk;
	struct gm *val, *left, *right;
	int llen, rlen;
};

struct glob {
	struct gm *m;
	int *seg; /* segments stack for Index results */
	size_t segn, segc;
	bool panic;
};

static struct gm *gm_new(struct arena *a, int kind, int len)
{
	struct gm *m = arena_zalloc(a, sizeof(*m));
	m->kind = kind;
	m->len = len;
	return m;
}

static struct gm *gm_text(struct arena *a, const char *s, size_t n)
{
	struct gm *m = gm_new(a, M_TEXT, (int)rune_count(s, n));
	m->s = s;
	m->n = n;
	return m;
}

static struct gm *gm_str(struct arena *a, int kind, const char *s, size_t n, const char *s2, size_t n2)
{
	struct gm *m = gm_new(a, kind, -1);
	m->s = s;
	m->n = n;
	m->s2 = s2;
	m->n2 = n2;
	return m;
}

static struct gm *gm_kids(struct arena *a, int kind, struct gm **k, size_t nk)
{
	struct gm *m = gm_new(a, kind, -1);
	m->kids = arena_alloc(a, (nk ? nk : 1) * sizeof(*k));
	memcpy(m->kids, k, nk * sizeof(*k));
	m->nk = nk;
	if (kind == M_ANYOF) {
		int l = -1;
		for (size_t i = 0; i < nk; i++) {
			int ml = k[i]->len;
			if (i == 0) {
				l = ml;
			} else if (ml == -1 || l != ml) {
				l = -1;
				break;
			}
		}
		m->len = l;
	} else if (kind == M_EVERYOF) {
		m->len = nk ? -1 : 0;
	}
	return m;
}

static struct gm *gm_btree(struct arena *a, struct gm *v, struct gm *l, struct gm *r)
{
	struct gm *m = gm_new(a, M_BTREE, -1);
	m->val = v;
	m->left = l;
	m->right = r;
	bool ok = v->len != -1;
	if (l && (m->llen = l->len) == -1)
		ok = false;
	if (r && (m->rlen = r->len) == -1)
		ok = false;
	m->len = ok ? m->llen + v->len + m->rlen : -1;
	return m;
}

/* compiler.optimizeMatcher */
static struct gm *optimize(struct arena *a, struct gm *m)
{
	if (!m)
		return NULL;
	switch (m->kind) {
	case M_ANYOF:
		return m->nk == 1 ? m->kids[0] : m;
	case M_LIST:
		if (!m->not && m->nr == 1) {
			char *b = arena_alloc(a, 4);
			int w = 0;
			int32_t r = m->runes[0];
			if (r < 0x80) {
				b[w++] = (char)r;
			} else if (r < 0x800) {
				b[w++] = (char)(0xC0 | (r >> 6));
				b[w++] = (char)(0x80 | (r & 0x3F));
			} else if (r < 0x10000) {
				b[w++] = (char)(0xE0 | (r >> 12));
				b[w++] = (char)(0x80 | ((r >> 6) & 0x3F));
				b[w++] = (char)(0x80 | (r & 0x3F));
			} else {
				b[w++] = (char)(0xF0 | (r >> 18));
				b[w++] = (char)(0x80 | ((r >> 12) & 0x3F));
				b[w++] = (char)(0x80 | ((r >> 6) & 0x3F));
				b[w++] = (char)(0x80 | (r & 0x3F));
			}
			return gm_text(a, b, (size_t)w);
		}
		return m;
	case M_BTREE: {
		struct gm *c = arena_alloc(a, sizeof(*c));
		*c = *m;
		c->left = optimize(a, m->left);
		c->right = optimize(a, m->right);
		if (c->val->kind != M_TEXT)
			return c;
		struct gm *l = c->left, *r = c->right, *v = c->val;
		bool ln = !l, rn = !r;
		if (ln && rn)
			return gm_text(a, v->s, v->n);
		int lk = l ? l->kind : -1, rk = r ? r->kind : -1;
		if (lk == M_SUPER && rk == M_SUPER)
			return gm_str(a, M_CONTAINS, v->s, v->n, NULL, 0);
		if (lk == M_SUPER && rn)
			return gm_str(a, M_SUFFIX, v->s, v->n, NULL, 0);
		if (rk == M_SUPER && ln)
			return gm_str(a, M_PREFIX, v->s, v->n, NULL, 0);
		if (ln && rk == M_SUFFIX)
			return gm_str(a, M_PREFIXSUFFIX, v->s, v->n, r->s, r->n);
		if (rn && lk == M_PREFIX)
			return gm_str(a, M_PREFIXSUFFIX, l->s, l->n, v->s, v->n);
		if (rn && lk == M_ANY)
			return gm_str(a, M_SUFFIXANY, v->s, v->n, NULL, 0);
		if (ln && rk == M_ANY)
			return gm_str(a, M_PREFIXANY, v->s, v->n, NULL, 0);
		return c;
	}
	}
	return m;
}

static const int32_t slash_sep[1] = { '/' };

/* compiler.glueMatchersAsEvery */
static struct gm *glue_every(struct arena *a, struct gm **ms, size_t n)
{
	if (n <= 1)
		return NULL;
	bool has_any = false, has_super = false, has_single = false;
	int min = 0;
	const int32_t *sepv = NULL;
	size_t sepn = 0;
	for (size_t i = 0; i < n; i++) {
		const int32_t *sv;
		size_t sn;
		struct gm *m = ms[i];
		switch (m->kind) {
		case M_SUPER:
			sv = NULL;
			sn = 0;
			has_super = true;
			break;
		case M_ANY:
			sv = slash_sep;
			sn = 1;
			has_any = true;
			break;
		case M_SINGLE:
			sv = slash_sep;
			sn = 1;
			has_single = true;
			min++;
			break;
		case M_LIST:
			if (!m->not)
				return NULL;
			sv = m->runes;
			sn = m->nr;
			has_single = true;
			min++;
			break;
		default:
			return NULL;
		}
		if (i == 0) {
			sepv = sv;
			sepn = sn;
		}
		if (sn != sepn || (sn && memcmp(sv, sepv, sn * sizeof(*sv)) != 0))
			return NULL;
	}
	if (has_super && !has_any && !has_single)
		return gm_new(a, M_SUPER, -1);
	if (has_any && !has_super && !has_single)
		return gm_new(a, M_ANY, -1);
	if ((has_any || has_super) && min > 0 && sepn == 0) {
		struct gm *m = gm_new(a, M_MIN, -1);
		m->limit = min;
		return m;
	}
	struct gm *k[3];
	size_t nk = 0;
	if (min > 0) {
		k[nk] = gm_new(a, M_MIN, -1);
		k[nk++]->limit = min;
		if (!has_any && !has_super) {
			k[nk] = gm_new(a, M_MAX, -1);
			k[nk++]->limit = min;
		}
	}
	if (sepn > 0) {
		/* string(separator) */
		char *b = arena_alloc(a, sepn * 4);
		size_t bn = 0;
		for (size_t i = 0; i < sepn; i++) {
			struct gm *t = optimize(a, &(struct gm){ .kind = M_LIST, .runes = (int32_t *)&sepv[i], .nr = 1 });
			memcpy(b + bn, t->s, t->n);
			bn += t->n;
		}
		struct gm *c = gm_str(a, M_CONTAINS, b, bn, NULL, 0);
		c->not = true;
		k[nk++] = c;
	}
	return gm_kids(a, M_EVERYOF, k, nk);
}

static struct gm *glue(struct arena *a, struct gm **ms, size_t n)
{
	struct gm *m = glue_every(a, ms, n);
	if (m || n <= 1)
		return m;
	int l = 0;
	for (size_t i = 0; i < n; i++) {
		if (ms[i]->len == -1)
			return NULL;
		l += ms[i]->len;
	}
	m = gm_kids(a, M_ROW, ms, n);
	m->len = l;
	return m;
}

static size_t minimize(struct arena *a, struct gm **ms, size_t n)
{
	for (;;) {
		struct gm *done = NULL;
		size_t left = 0, right = 0, count = 0;
		for (size_t l = 0; l < n; l++) {
			for (size_t r = n; r > l; r--) {
				struct gm *g = glue(a, ms + l, r - l);
				if (!g)
					continue;
				bool swap;
				if (!done) {
					swap = true;
				} else {
					int cl = done->len, gl = g->len;
					swap = cl > -1 && gl > -1 && gl > cl;
					swap = swap || count < r - l;
				}
				if (swap) {
					done = g;
					left = l;
					right = r;
					count = r - l;
				}
			}
		}
		if (!done)
			return n;
		size_t nn = left + 1 + (n - right);
		ms[left] = done;
		memmove(ms + left + 1, ms + right, (n - right) * sizeof(*ms));
		if (nn == n)
			return n;
		n = nn;
	}
}

/* compiler.compileMatchers (n >= 1) */
static struct gm *compile_ms(struct arena *a, struct gm **ms, size_t n)
{
	if (n == 1)
		return ms[0];
	struct gm *g = glue(a, ms, n);
	if (g)
		return g;
	long idx = -1;
	int max = -1;
	for (size_t i = 0; i < n; i++) {
		int l = ms[i]->len;
		if (l != -1 && l >= max) {
			max = l;
			idx = (long)i;
		}
	}
	if (idx < 0)
		return gm_btree(a, ms[0], NULL, compile_ms(a, ms + 1, n - 1));
	struct gm *l = idx > 0 ? compile_ms(a, ms, (size_t)idx) : NULL;
	struct gm *r = (size_t)idx + 1 < n ? compile_ms(a, ms + idx + 1, n - (size_t)idx - 1) : NULL;
	return gm_btree(a, ms[idx], l, r);
}

static struct gm *compile(struct arena *a, struct node *t);

static struct gm **compile_kids(struct arena *a, struct node *t)
{
	struct gm **ms = arena_alloc(a, (t->nk ? t->nk : 1) * sizeof(*ms));
	for (size_t i = 0; i < t->nk; i++)
		ms[i] = optimize(a, compile(a, t->kids[i]));
	return ms;
}

static struct gm *compile(struct arena *a, struct node *t)
{
	struct gm *m;
	switch (t->kind) {
	case K_ANYOF: {
		struct node *x = minimize_anyof(a, t);
		if (x)
			return compile(a, x);
		m = gm_kids(a, M_ANYOF, compile_kids(a, t), t->nk);
		break;
	}
	case K_PATTERN: {
		if (t->nk == 0)
			return gm_new(a, M_NOTHING, 0);
		struct gm **ms = compile_kids(a, t);
		m = compile_ms(a, ms, minimize(a, ms, t->nk));
		break;
	}
	case K_ANY:
		m = gm_new(a, M_ANY, -1);
		break;
	case K_SUPER:
		m = gm_new(a, M_SUPER, -1);
		break;
	case K_SINGLE:
		m = gm_new(a, M_SINGLE, 1);
		break;
	case K_LIST: {
		m = gm_new(a, M_LIST, 1);
		m->not = t->not;
		m->runes = arena_alloc(a, (t->n + 1) * sizeof(int32_t));
		for (size_t i = 0; i < t->n;) {
			int w;
			m->runes[m->nr++] = dec(t->s + i, t->n - i, &w);
			i += (size_t)w;
		}
		break;
	}
	case K_RANGE:
		m = gm_new(a, M_RANGE, 1);
		m->not = t->not;
		m->lo = t->lo;
		m->hi = t->hi;
		break;
	case K_TEXT:
		m = gm_text(a, t->s, t->n);
		break;
	default:
		m = gm_new(a, M_NOTHING, 0);
		break;
	}
	return optimize(a, m);
}

struct glob *glob_compile(struct arena *a, const char *pat, size_t n, bool *ok)
{
	struct glob *g = arena_zalloc(a, sizeof(*g));
	struct node *t = parse(a, pat, n);
	if (ok)
		*ok = t != NULL;
	g->m = t ? compile(a, t) : gm_new(a, M_SUPER, -1);
	return g;
}

void glob_release(struct glob *g)
{
	free(g->seg);
	g->seg = NULL;
	g->segn = g->segc = 0;
}

/* ---- matching ---- */

static void seg_push(struct glob *g, int v)
{
	if (g->segn == g->segc) {
		g->segc = xgrow(g->segc, g->segn + 1);
		g->seg = xrealloc(g->seg, g->segc * sizeof(*g->seg));
	}
	g->seg[g->segn++] = v;
}

static bool in_list(const struct gm *m, int32_t r)
{
	for (size_t i = 0; i < m->nr; i++)
		if (m->runes[i] == r)
			return true;
	return false;
}

static bool gm_match(struct glob *g, const struct gm *m, const char *s, size_t n);

/* Row.matchAll */
static bool row_all(struct glob *g, const struct gm *m, const char *s, size_t n)
{
	size_t idx = 0;
	for (size_t k = 0; k < m->nk; k++) {
		struct gm *c = m->kids[k];
		int length = c->len, i = 0;
		size_t next = 0;
		for (size_t p = idx; p < n;) {
			int w;
			dec(s + p, n - p, &w);
			next = p - idx;
			i++;
			if (i == length)
				break;
			p += (size_t)w;
		}
		if (i < length)
			return false;
		if (idx + next + 1 > n) {
			g->panic = true;
			return false;
		}
		if (!gm_match(g, c, s + idx, next + 1))
			return false;
		idx += next + 1;
	}
	return true;
}

/* Index: returns the index or -1; the segments are pushed at g->seg[*base..g->segn). */
static long gm_index(struct glob *g, const struct gm *m, const char *s, size_t n, size_t *base)
{
	*base = g->segn;
	int w;
	switch (m->kind) {
	case M_ANY:
	case M_SUPER: {
		if (m->kind == M_ANY) {
			long f = slash_index(s, n);
			if (f == 0) {
				seg_push(g, 0);
				return 0;
			}
			if (f > 0)
				n = (size_t)f;
		}
		for (size_t i = 0; i < n; i += (size_t)w) {
			dec(s + i, n - i, &w);
			seg_push(g, (int)i);
		}
		seg_push(g, (int)n);
		return 0;
	}
	case M_SINGLE:
	case M_LIST:
	case M_RANGE:
		for (size_t i = 0; i < n; i += (size_t)w) {
			int32_t r = dec(s + i, n - i, &w);
			bool hit;
			if (m->kind == M_SINGLE)
				hit = r != '/';
			else if (m->kind == M_LIST)
				hit = m->not == !in_list(m, r);
			else
				hit = m->not != (r >= m->lo && r <= m->hi);
			if (hit) {
				seg_push(g, rune_len(r));
				return (long)i;
			}
		}
		return -1;
	case M_TEXT: {
		long i = str_index(s, n, m->s, m->n);
		if (i >= 0)
			seg_push(g, (int)m->n);
		return i;
	}
	case M_NOTHING:
		seg_push(g, 0);
		return 0;
	case M_CONTAINS: {
		size_t off = 0;
		long i = str_index(s, n, m->s, m->n);
		if (!m->not) {
			if (i < 0)
				return -1;
			off = (size_t)i + m->n;
			if (n <= off) {
				seg_push(g, (int)off);
				return 0;
			}
			s += off;
			n -= off;
		} else if (i >= 0) {
			n = (size_t)i;
		}
		for (size_t j = 0; j < n; j += (size_t)w) {
			dec(s + j, n - j, &w);
			seg_push(g, (int)(off + j));
		}
		seg_push(g, (int)(off + n));
		return 0;
	}
	case M_MIN: {
		long c = (long)n - m->limit + 1;
		if (c <= 0)
			return -1;
		int count = 0;
		for (size_t i = 0; i < n; i += (size_t)w) {
			int32_t r = dec(s + i, n - i, &w);
			if (++count >= m->limit)
				seg_push(g, (int)i + rune_len(r));
		}
		return g->segn == *base ? -1 : 0;
	}
	case M_MAX: {
		int count = 0;
		seg_push(g, 0);
		for (size_t i = 0; i < n; i += (size_t)w) {
			int32_t r = dec(s + i, n - i, &w);
			if (++count > m->limit)
				break;
			seg_push(g, (int)i + rune_len(r));
		}
		return 0;
	}
	case M_PREFIX:
	case M_PREFIXANY: {
		long i = str_index(s, n, m->s, m->n);
		if (i < 0)
			return -1;
		size_t len = m->n, st = (size_t)i + len;
		const char *sub = s + st;
		size_t sn = n > st ? n - st : 0;
		if (m->kind == M_PREFIXANY) {
			long k = slash_index(sub, sn);
			if (k > -1)
				sn = (size_t)k;
		}
		seg_push(g, (int)len);
		for (size_t j = 0; j < sn; j += (size_t)w) {
			int32_t r = dec(sub + j, sn - j, &w);
			seg_push(g, (int)(len + j) + rune_len(r));
		}
		return i;
	}
	case M_PREFIXSUFFIX: {
		long pi = str_index(s, n, m->s, m->n);
		if (pi < 0)
			return -1;
		if (m->n2 == 0) {
			seg_push(g, (int)(n - (size_t)pi));
			return pi;
		}
		if ((long)n - pi <= 0)
			return -1;
		size_t sn = n - (size_t)pi;
		for (;;) {
			long k = str_last_index(s + pi, sn, m->s2, m->n2);
			if (k < 0)
				break;
			seg_push(g, (int)((size_t)k + m->n2));
			sn = (size_t)k;
		}
		if (g->segn == *base)
			return -1;
		for (size_t x = *base, y = g->segn - 1; x < y; x++, y--) {
			int t = g->seg[x];
			g->seg[x] = g->seg[y];
			g->seg[y] = t;
		}
		return pi;
	}
	case M_SUFFIX: {
		long i = str_index(s, n, m->s, m->n);
		if (i < 0)
			return -1;
		seg_push(g, (int)((size_t)i + m->n));
		return 0;
	}
	case M_SUFFIXANY: {
		long i = str_index(s, n, m->s, m->n);
		if (i < 0)
			return -1;
		long k = -1;
		for (long j = i - 1; j >= 0; j--)
			if (s[j] == '/') {
				k = j;
				break;
			}
		k++;
		seg_push(g, (int)(i + (long)m->n - k));
		return k;
	}
	case M_ROW:
		for (size_t i = 0; i < n; i += (size_t)w) {
			dec(s + i, n - i, &w);
			if ((long)(n - i) < m->len)
				break;
			if (row_all(g, m, s + i, n - i)) {
				seg_push(g, m->len);
				return (long)i;
			}
			if (g->panic)
				return -1;
		}
		return -1;
	case M_ANYOF: {
		/* result segments at [*base, *base+rn), scratch after */
		long index = -1;
		size_t rn = 0;
		for (size_t k = 0; k < m->nk; k++) {
			size_t cb;
			long idx = gm_index(g, m->kids[k], s, n, &cb);
			if (g->panic)
				return -1;
			size_t cn = g->segn - cb;
			if (idx == -1 || (index != -1 && idx > index)) {
				g->segn = cb;
				continue;
			}
			if (index == -1 || idx < index) {
				index = idx;
				memmove(g->seg + *base, g->seg + cb, cn * sizeof(int));
				rn = cn;
				g->segn = *base + rn;
				continue;
			}
			/* appendMerge(result, child) into fresh space, then move down */
			size_t ob = g->segn;
			size_t x = 0, y = 0;
			while (x < rn || y < cn) {
				int v;
				if (x >= rn) {
					v = g->seg[cb + y++];
				} else if (y >= cn) {
					v = g->seg[*base + x++];
				} else {
					int xv = g->seg[*base + x], yv = g->seg[cb + y];
					if (xv == yv) {
						v = xv;
						x++;
						y++;
					} else if (xv < yv) {
						v = xv;
						x++;
					} else {
						v = yv;
						y++;
					}
				}
				seg_push(g, v);
			}
			size_t mn = g->segn - ob;
			memmove(g->seg + *base, g->seg + ob, mn * sizeof(int));
			rn = mn;
			g->segn = *base + rn;
		}
		if (index == -1)
			g->segn = *base;
		return index;
	}
	case M_EVERYOF: {
		long index = 0, offset = 0;
		size_t cur = 0;
		const char *sub = s;
		size_t sn = n;
		for (size_t k = 0; k < m->nk; k++) {
			size_t cb;
			long idx = gm_index(g, m->kids[k], sub, sn, &cb);
			if (g->panic || idx == -1) {
				g->segn = *base;
				return -1;
			}
			size_t cn = g->segn - cb;
			if (k == 0) {
				cur = cn; /* already at *base */
			} else {
				long delta = index - (idx + offset);
				size_t ob = g->segn;
				for (size_t e = 0; e < cur; e++)
					for (size_t q = 0; q < cn; q++)
						if (g->seg[*base + e] + delta == g->seg[cb + q])
							seg_push(g, g->seg[cb + q]);
				size_t nn = g->segn - ob;
				if (nn == 0) {
					g->segn = *base;
					return -1;
				}
				memmove(g->seg + *base, g->seg + ob, nn * sizeof(int));
				cur = nn;
				g->segn = *base + cur;
			}
			index = idx + offset;
			sub = s + index;
			sn = n - (size_t)index;
			offset += idx;
		}
		return index;
	}
	default: /* BTree */
		return -1;
	}
}

static bool btree_match(struct glob *g, const struct gm *m, const char *s, size_t n)
{
	long in = (long)n;
	if (m->len != -1 && m->len > in)
		return false;
	long offset = m->llen >= 0 ? m->llen : 0;
	long limit = m->rlen >= 0 ? in - m->rlen : in;
	while (offset < limit) {
		size_t base;
		long index = gm_index(g, m->val, s + offset, (size_t)(limit - offset), &base);
		if (g->panic)
			return false;
		if (index == -1) {
			g->segn = base;
			return false;
		}
		size_t ln = (size_t)(offset + index);
		bool left = m->left ? gm_match(g, m->left, s, ln) : ln == 0;
		if (g->panic)
			return false;
		if (left) {
			for (size_t i = g->segn; i-- > base;) {
				long at = offset + index + g->seg[i];
				const char *r = in <= at ? s + n : s + at;
				size_t rn = in <= at ? 0 : n - (size_t)at;
				bool right = m->right ? gm_match(g, m->right, r, rn) : rn == 0;
				if (g->panic)
					return false;
				if (right) {
					g->segn = base;
					return true;
				}
			}
		}
		int w;
		dec(s + offset + index, n - (size_t)(offset + index), &w);
		offset += index + w;
		g->segn = base;
	}
	return false;
}

static bool gm_match(struct glob *g, const struct gm *m, const char *s, size_t n)
{
	int w;
	int32_t r;
	switch (m->kind) {
	case M_NOTHING:
		return n == 0;
	case M_SUPER:
		return true;
	case M_ANY:
		return !memchr(s, '/', n);
	case M_SINGLE:
	case M_LIST:
	case M_RANGE:
		r = dec(s, n, &w);
		if (n > (size_t)w)
			return false;
		if (m->kind == M_SINGLE)
			return r != '/';
		if (m->kind == M_LIST)
			return in_list(m, r) == !m->not;
		return (r >= m->lo && r <= m->hi) == !m->not;
	case M_TEXT:
		return n == m->n && memcmp(s, m->s, n) == 0;
	case M_ANYOF:
		for (size_t k = 0; k < m->nk; k++)
			if (gm_match(g, m->kids[k], s, n))
				return true;
		return false;
	case M_EVERYOF:
		for (size_t k = 0; k < m->nk; k++)
			if (!gm_match(g, m->kids[k], s, n))
				return false;
		return true;
	case M_MIN:
	case M_MAX: {
		long c = (long)rune_count(s, n);
		return m->kind == M_MIN ? c >= m->limit : c <= m->limit;
	}
	case M_CONTAINS:
		return (str_index(s, n, m->s, m->n) >= 0) != m->not;
	case M_PREFIX:
		return has_prefix(s, n, m->s, m->n);
	case M_SUFFIX:
		return has_suffix(s, n, m->s, m->n);
	case M_PREFIXSUFFIX:
		return has_prefix(s, n, m->s, m->n) && has_suffix(s, n, m->s2, m->n2);
	case M_PREFIXANY:
		return has_prefix(s, n, m->s, m->n) && !memchr(s + m->n, '/', n - m->n);
	case M_SUFFIXANY:
		return has_suffix(s, n, m->s, m->n) && !memchr(s, '/', n - m->n);
	case M_ROW:
		return (long)rune_count(s, n) == m->len && row_all(g, m, s, n);
	default:
		return btree_match(g, m, s, n);
	}
}

int glob_match(struct glob *g, const char *s, size_t n)
{
	g->panic = false;
	g->segn = 0;
	bool ok = gm_match(g, g->m, s, n);
	return g->panic ? -1 : ok;
}
