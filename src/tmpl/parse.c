/* parse.c — text/template's parser (text/template/parse/parse.go): builds
 * the node tree with the same lookahead, variable scoping and error texts.
 * Errors unwind with longjmp to tmpl_parse(); all memory is the set's arena,
 * so nothing leaks on the way out. */
#include "tmpl/tmpl.h"

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "base/quote.h"
#include "base/strconv_parse.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "tmpl/lex.h"

/* Go 1.23 has no limit on nested parentheses (Go stacks grow); ours guards
 * the C stack against absurd input only. */
#define MAX_STACK_DEPTH 10000

struct pending {
	struct tmpl_tree **trees;
	size_t n, cap;
};

/* What every tree of one Parse call shares. */
struct shared {
	struct tmpl_set *set;
	struct arena *a;
	struct tmpl_lexer lex;
	struct pending pending; /* Go's treeSet for this call */
	jmp_buf jb;
	struct sb *err;
	struct tmpl_str parse_name;
	const char *text;
	size_t text_len;
	/* nodes come from chunks of the arena: a pointer bump, no call */
	char *nbase, *nptr, *nend;
	size_t nchunk;
	/* children of the lists, commands and pipelines being built, copied
	 * out at their exact size when each is complete (xmalloc'd) */
	void **stk;
	size_t stop, scap;
	/* function names already looked up in this parse (a chart's files
	 * call the same few functions over and over) */
	struct {
		const char *name;
		uint32_t len;
		int func;
	} fcache[32];
};

/* Per-tree parser state (Go keeps these in each *Tree). */
struct tp {
	struct shared *sh;
	struct tmpl_tree *tree;
	struct tmpl_tok token[3];
	int peek_count;
	struct tmpl_str *vars;
	size_t nvars, capvars;
	int action_line;
	int range_depth;
	int stack_depth;
};

static void add_tree(struct tp *t);

/* --- errors --- */

__attribute__((noreturn)) static void fail(struct tp *t, const char *msg, size_t n)
{
	struct sb *e = t->sh->err;
	sb_adds(e, "template: ");
	sb_add(e, t->sh->parse_name.p, t->sh->parse_name.n);
	sb_addf(e, ":%d: ", t->token[0].line);
	sb_add(e, msg, n);
	longjmp(t->sh->jb, 1);
}

__attribute__((noreturn, format(printf, 2, 3))) static void errorf(struct tp *t, const char *fmt, ...)
{
	struct sb m = SB_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&m, fmt, ap);
	va_end(ap);
	/* m is leaked only on the longjmp path below; copy it first. */
	char *p = arena_memdup(t->sh->a, m.buf, m.len);
	size_t n = m.len;
	sb_release(&m);
	fail(t, p, n);
}

__attribute__((noreturn)) static void fail_sb(struct tp *t, struct sb *m)
{
	char *p = arena_memdup(t->sh->a, m->buf, m->len);
	size_t n = m->len;
	sb_release(m);
	fail(t, p, n);
}

__attribute__((noreturn)) static void unexpected(struct tp *t, const struct tmpl_tok *tok,
						 const char *context)
{
	struct sb m = SB_INIT;
	if (tok->type == TK_ERROR) {
		sb_add(&m, tok->val, tok->len);
		if (t->action_line != 0 && t->action_line != tok->line) {
			bool action_suffix = tok->len >= 7 && memcmp(tok->val + tok->len - 7, " action", 7) == 0;
			sb_adds(&m, action_suffix ? " started at " : " in action started at ");
			sb_add(&m, t->sh->parse_name.p, t->sh->parse_name.n);
			sb_addf(&m, ":%d", t->action_line);
		}
		fail_sb(t, &m);
	}
	sb_adds(&m, "unexpected ");
	tmpl_tok_describe(&m, tok);
	sb_adds(&m, " in ");
	sb_adds(&m, context);
	fail_sb(t, &m);
}

/* --- token stream with Go's three-token lookahead ---
 * next/peek give a pointer into token[]: valid until the next call that
 * lexes (next, peek at an empty buffer) or a backup2/backup3; a token kept
 * longer is copied. */

static inline const struct tmpl_tok *next(struct tp *t)
{
	if (t->peek_count > 0)
		t->peek_count--;
	else
		tmpl_lex_next(&t->sh->lex, &t->token[0]);
	return &t->token[t->peek_count];
}

static inline void backup(struct tp *t)
{
	t->peek_count++;
}

static void backup2(struct tp *t, struct tmpl_tok t1)
{
	t->token[1] = t1;
	t->peek_count = 2;
}

static void backup3(struct tp *t, struct tmpl_tok t2, struct tmpl_tok t1)
{
	t->token[1] = t1;
	t->token[2] = t2;
	t->peek_count = 3;
}

static inline const struct tmpl_tok *peek(struct tp *t)
{
	if (t->peek_count > 0)
		return &t->token[t->peek_count - 1];
	t->peek_count = 1;
	tmpl_lex_next(&t->sh->lex, &t->token[0]);
	return &t->token[0];
}

static inline const struct tmpl_tok *next_non_space(struct tp *t)
{
	const struct tmpl_tok *tok;
	do
		tok = next(t);
	while (tok->type == TK_SPACE);
	return tok;
}

static inline const struct tmpl_tok *peek_non_space(struct tp *t)
{
	const struct tmpl_tok *tok = next_non_space(t);
	backup(t);
	return tok;
}

static struct tmpl_tok expect(struct tp *t, enum tmpl_tok_type want, const char *context)
{
	struct tmpl_tok tok = *next_non_space(t);
	if (tok.type != want)
		unexpected(t, &tok, context);
	return tok;
}

/* --- node construction --- */

static __attribute__((noinline)) void node_refill(struct shared *sh, size_t size)
{
	/* the first chunk in proportion to the text: tpl parses many tiny ones */
	size_t c = sh->nchunk * 2;
	if (!c)
		c = sh->text_len < 256 ? 256 : sh->text_len < 2048 ? sh->text_len : 2048;
	if (c > 65536)
		c = 65536;
	if (c < size)
		c = size;
	sh->nchunk = c;
	sh->nbase = sh->nptr = arena_alloc(sh->a, c);
	sh->nend = sh->nptr + c;
}

/* Memory for nodes and their arrays (8-byte aligned: nothing needs more). */
static inline __attribute__((always_inline)) void *node_alloc(struct shared *sh, size_t size)
{
	size = (size + 7) & ~(size_t)7;
	if ((size_t)(sh->nend - sh->nptr) < size)
		node_refill(sh, size);
	void *p = sh->nptr;
	sh->nptr += size;
	return p;
}

static inline __attribute__((always_inline)) void *new_node(struct tp *t, size_t size,
							      enum tmpl_node_type type, uint32_t pos,
							      int line)
{
	struct tmpl_node *n = node_alloc(t->sh, size);
	memset(n, 0, size);
	n->type = (uint8_t)type;
	n->pos = pos;
	n->line = (uint32_t)line;
	n->tree = t->tree;
	return n;
}

static __attribute__((noinline)) void stk_grow(struct shared *sh)
{
	sh->scap = sh->scap ? sh->scap * 2 : 256;
	sh->stk = xrealloc(sh->stk, sh->scap * sizeof(*sh->stk));
}

static inline void stk_push(struct shared *sh, void *p)
{
	if (sh->stop == sh->scap)
		stk_grow(sh);
	sh->stk[sh->stop++] = p;
}

/* The items pushed since base, as an array of the exact size. */
static inline void *stk_take(struct shared *sh, size_t base, uint32_t *n)
{
	size_t k = sh->stop - base;
	*n = (uint32_t)k;
	sh->stop = base;
	if (k == 0)
		return NULL;
	void **a = node_alloc(sh, k * sizeof(*a));
	if (k == 1)
		a[0] = sh->stk[base];
	else
		memcpy(a, sh->stk + base, k * sizeof(*a));
	return a;
}

/* Resize p (old bytes) to n bytes: in place when it is the newest block. */
static void *node_grow(struct shared *sh, void *p, size_t old, size_t n)
{
	old = (old + 7) & ~(size_t)7;
	if (p && (char *)p + old == sh->nptr && (size_t)(sh->nend - (char *)p) >= n) {
		sh->nptr = (char *)p + ((n + 7) & ~(size_t)7);
		return p;
	}
	void *q = node_alloc(sh, n);
	if (old)
		memcpy(q, p, old < n ? old : n);
	return q;
}

#define PUSH(t, arr, n, cap, item)                                                          \
	do {                                                                                \
		if ((n) == (cap)) {                                                         \
			uint32_t nc_ = (cap) ? (cap) * 2 : 4;                               \
			(arr) = node_grow((t)->sh, (arr), (cap) * sizeof(*(arr)),           \
					  nc_ * sizeof(*(arr)));                            \
			(cap) = nc_;                                                        \
		}                                                                           \
		(arr)[(n)++] = (item);                                                      \
	} while (0)

static struct tmpl_list *new_list(struct tp *t, uint32_t pos)
{
	return new_node(t, sizeof(struct tmpl_list), TN_LIST, pos, 0);
}

/* A list of one node (else if / else with). */
static struct tmpl_list *list_of(struct tp *t, uint32_t pos, struct tmpl_node *n)
{
	struct tmpl_list *l = new_list(t, pos);
	l->nodes = node_alloc(t->sh, sizeof(*l->nodes));
	l->nodes[0] = n;
	l->n = l->cap = 1;
	return l;
}

static struct tmpl_str str_of(const struct tmpl_tok *tok)
{
	return (struct tmpl_str){ tok->val, (uint32_t)tok->len };
}

/* Split "$x.a.b" / "a.b" on '.' (strings.Split). */
static struct tmpl_str *split_dots(struct tp *t, const char *p, size_t n, uint32_t *count)
{
	struct tmpl_str parts[16];
	uint32_t np = 0;
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '.') {
			if (np == 15)
				goto many;
			parts[np++] = (struct tmpl_str){ p + from, (uint32_t)(i - from) };
			from = i + 1;
		}
	}
	parts[np++] = (struct tmpl_str){ p + from, (uint32_t)(n - from) };
	struct tmpl_str *r = node_alloc(t->sh, np * sizeof(*r));
	memcpy(r, parts, np * sizeof(*r));
	*count = np;
	return r;
many:;
	uint32_t c = 1;
	for (size_t i = 0; i < n; i++)
		c += p[i] == '.';
	struct tmpl_str *out = node_alloc(t->sh, c * sizeof(*out));
	size_t start = 0;
	uint32_t k = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || p[i] == '.') {
			out[k++] = (struct tmpl_str){ p + start, (uint32_t)(i - start) };
			start = i + 1;
		}
	}
	*count = c;
	return out;
}

static struct tmpl_variable *new_variable(struct tp *t, uint32_t pos, const char *p, size_t n)
{
	struct tmpl_variable *v = new_node(t, sizeof(*v), TN_VARIABLE, pos, 0);
	v->ident = split_dots(t, p, n, &v->n);
	return v;
}

static struct tmpl_field *new_field(struct tp *t, uint32_t pos, const char *p, size_t n)
{
	struct tmpl_field *f = new_node(t, sizeof(*f), TN_FIELD, pos, 0);
	f->ident = split_dots(t, p + 1, n - 1, &f->n); /* drop the leading '.' */
	return f;
}

static void push_var(struct tp *t, struct tmpl_str name)
{
	if (t->nvars == t->capvars) {
		size_t nc = t->capvars ? t->capvars * 2 : 8;
		t->vars = node_grow(t->sh, t->vars, t->capvars * sizeof(*t->vars), nc * sizeof(*t->vars));
		t->capvars = nc;
	}
	t->vars[t->nvars++] = name;
}

/* --- Go string/number literals --- */

/* strconv.Unquote into the arena; false on syntax error. */
static bool unquote(struct tp *t, const char *in, size_t n, struct tmpl_str *out)
{
	if (n < 2)
		return false;
	char q = in[0];
	if (q == '`') {
		const char *end = memchr(in + 1, '`', n - 1);
		if (!end || (size_t)(end - in) != n - 1)
			return false;
		if (!memchr(in, '\r', n)) {
			*out = (struct tmpl_str){ in + 1, (uint32_t)(n - 2) };
			return true;
		}
		char *buf = node_alloc(t->sh, n);
		size_t k = 0;
		for (size_t i = 1; i < n - 1; i++)
			if (in[i] != '\r')
				buf[k++] = in[i];
		*out = (struct tmpl_str){ buf, (uint32_t)k };
		return true;
	}
	if (q != '"' && q != '\'')
		return false;
	if (in[n - 1] != q)
		return false;
	if (q == '"') {
		/* plain ASCII without escapes: the text between the quotes */
		size_t i = 1;
		while (i < n - 1) {
			unsigned char c = (unsigned char)in[i];
			if (c == '\\' || c == '\n' || c == '"' || c >= 0x80)
				break;
			i++;
		}
		if (i == n - 1) {
			*out = (struct tmpl_str){ in + 1, (uint32_t)(n - 2) };
			return true;
		}
	}
	if (!memchr(in, '\\', n) && !memchr(in, '\n', n)) {
		if (q == '"') {
			if (memchr(in + 1, '"', n - 2))
				return false;
			if (utf8_valid(in + 1, n - 2)) {
				*out = (struct tmpl_str){ in + 1, (uint32_t)(n - 2) };
				return true;
			}
		}
	}
	char *buf = node_alloc(t->sh, n * 2 + 4);
	size_t k = 0;
	size_t i = 1;
	while (i < n - 1) {
		int32_t r;
		bool multibyte;
		size_t used;
		if (in[i] == '\n' || !strconv_unquote_char(in + i, n - 1 - i, q, &r, &multibyte, &used))
			return false;
		i += used;
		if (r < 0x80 || !multibyte)
			buf[k++] = (char)r;
		else
			k += utf8_encode(r, buf + k);
		if (q == '\'')
			break;
	}
	if (i != n - 1)
		return false;
	*out = (struct tmpl_str){ buf, (uint32_t)k };
	return true;
}

static bool contains_any(const char *p, size_t n, const char *set)
{
	for (size_t i = 0; i < n; i++)
		if (strchr(set, p[i]))
			return true;
	return false;
}

/* %q of a token text, for number errors. */
static const char *quoted(struct tp *t, const char *p, size_t n)
{
	struct sb q = SB_INIT;
	strconv_append_quote(&q, p, n);
	char *r = arena_memdup(t->sh->a, q.buf, q.len);
	sb_release(&q);
	return r;
}

/* In "1e+2+3i" the first '+' is an exponent sign, not the imaginary part's. */
static bool lower_is_not_exp(const char *text, size_t k)
{
	char c = (char)(text[k - 1] | 0x20);
	return c != 'e' && c != 'p';
}

static void simplify_complex(struct tmpl_number *nn)
{
	nn->is_float = nn->imag == 0;
	if (nn->is_float) {
		nn->f = nn->real;
		nn->is_int = nn->f >= -9223372036854775808.0 && nn->f < 9223372036854775808.0 &&
			     (double)(int64_t)nn->f == nn->f;
		if (nn->is_int)
			nn->i = (int64_t)nn->f;
		nn->is_uint = nn->f >= 0 && nn->f < 18446744073709551616.0 && (double)(uint64_t)nn->f == nn->f;
		if (nn->is_uint)
			nn->u = (uint64_t)nn->f;
	}
}

static struct tmpl_node *new_number(struct tp *t, const struct tmpl_tok *tok)
{
	struct tmpl_number *nn = new_node(t, sizeof(*nn), TN_NUMBER, tok->pos, 0);
	const char *text = tok->val;
	size_t n = tok->len;
	nn->text = str_of(tok);
	if (tok->type == TK_CHAR_CONSTANT) {
		int32_t r;
		bool mb;
		size_t used;
		if (n < 2 || !strconv_unquote_char(text + 1, n - 1, text[0], &r, &mb, &used))
			errorf(t, "invalid syntax");
		if (used != n - 2 || text[n - 1] != '\'')
			errorf(t, "malformed character constant: %.*s", (int)n, text);
		nn->i = r;
		nn->is_int = true;
		nn->u = (uint64_t)r;
		nn->is_uint = true;
		nn->f = r;
		nn->is_float = true;
		return &nn->h;
	}
	if (tok->type == TK_COMPLEX) {
		/* "a+bi": fmt.Sscan's complex syntax; split at the last sign. */
		size_t k = n - 1;
		while (k > 0 && !((text[k] == '+' || text[k] == '-') && lower_is_not_exp(text, k)))
			k--;
		double re, im;
		if (k == 0 || strconv_parse_float(text, k, &re) || strconv_parse_float(text + k, n - 1 - k, &im))
			errorf(t, "expected integer");
		nn->is_complex = true;
		nn->real = re;
		nn->imag = im;
		simplify_complex(nn);
		return &nn->h;
	}
	if (n > 0 && text[n - 1] == 'i') {
		double f;
		if (strconv_parse_float(text, n - 1, &f) == STRCONV_OK) {
			nn->is_complex = true;
			nn->real = 0;
			nn->imag = f;
			simplify_complex(nn);
			return &nn->h;
		}
	}
	uint64_t u;
	if (strconv_parse_uint(text, n, 0, 64, &u) == STRCONV_OK) {
		nn->is_uint = true;
		nn->u = u;
	}
	int64_t i;
	if (strconv_parse_int(text, n, 0, 64, &i) == STRCONV_OK) {
		nn->is_int = true;
		nn->i = i;
		if (i == 0) {
			nn->is_uint = true; /* -0 */
			nn->u = u;
		}
	}
	if (nn->is_int) {
		nn->is_float = true;
		nn->f = (double)nn->i;
	} else if (nn->is_uint) {
		nn->is_float = true;
		nn->f = (double)nn->u;
	} else {
		double f;
		if (strconv_parse_float(text, n, &f) == STRCONV_OK) {
			if (!contains_any(text, n, ".eEpP"))
				errorf(t, "integer overflow: %s", quoted(t, text, n));
			nn->is_float = true;
			nn->f = f;
			if (f >= -9223372036854775808.0 && f < 9223372036854775808.0 && (double)(int64_t)f == f) {
				nn->is_int = true;
				nn->i = (int64_t)f;
			}
			if (f >= 0 && f < 18446744073709551616.0 && (double)(uint64_t)f == f) {
				nn->is_uint = true;
				nn->u = (uint64_t)f;
			}
		}
	}
	if (!nn->is_int && !nn->is_uint && !nn->is_float)
		errorf(t, "illegal number syntax: %s", quoted(t, text, n));
	return &nn->h;
}

/* --- grammar --- */

static struct tmpl_node *text_or_action(struct tp *t);
static struct tmpl_pipe *pipeline(struct tp *t, const char *context, enum tmpl_tok_type end);
static struct tmpl_node *if_control(struct tp *t);
static struct tmpl_node *with_control(struct tp *t);

static bool is_control_end(const struct tmpl_node *n)
{
	return n->type == TN_END || n->type == TN_ELSE;
}

/* itemList: textOrAction* up to {{end}} or {{else}}, returned in *next. */
static struct tmpl_list *item_list(struct tp *t, struct tmpl_node **next_node)
{
	struct tmpl_list *list = new_list(t, peek_non_space(t)->pos);
	size_t base = t->sh->stop;
	while (peek_non_space(t)->type != TK_EOF) {
		struct tmpl_node *n = text_or_action(t);
		if (is_control_end(n)) {
			*next_node = n;
			list->nodes = stk_take(t->sh, base, &list->n);
			list->cap = list->n;
			return list;
		}
		stk_push(t->sh, n);
	}
	errorf(t, "unexpected EOF");
}

static void check_pipeline(struct tp *t, struct tmpl_pipe *pipe, const char *context)
{
	if (pipe->n == 0)
		errorf(t, "missing value for %s", context);
	for (uint32_t i = 1; i < pipe->n; i++) {
		switch (pipe->cmds[i]->args[0]->type) {
		case TN_BOOL:
		case TN_DOT:
		case TN_NIL:
		case TN_NUMBER:
		case TN_STRING:
			errorf(t, "non executable command in pipeline stage %u", i + 1);
		default:
			break;
		}
	}
}

static struct tmpl_node *use_var(struct tp *t, uint32_t pos, const char *p, size_t n)
{
	struct tmpl_variable *v = new_variable(t, pos, p, n);
	for (size_t i = 0; i < t->nvars; i++)
		if (t->vars[i].n == v->ident[0].n && memcmp(t->vars[i].p, v->ident[0].p, v->ident[0].n) == 0)
			return &v->h;
	errorf(t, "undefined variable %s", quoted(t, v->ident[0].p, v->ident[0].n));
}

static int lookup_func(struct shared *sh, const char *name, uint32_t n)
{
	unsigned h = (n * 7u + (unsigned char)name[0] * 31u + (unsigned char)name[n - 1] * 3u +
		      (n > 2 ? (unsigned char)name[n / 2] : 0u)) & 31u;
	if (sh->fcache[h].name && sh->fcache[h].len == n && memcmp(sh->fcache[h].name, name, n) == 0)
		return sh->fcache[h].func;
	int f = tmpl_funcs_lookup(sh->set->funcs, name, n);
	sh->fcache[h].name = name;
	sh->fcache[h].len = n;
	sh->fcache[h].func = f;
	return f;
}

static struct tmpl_node *term(struct tp *t)
{
	struct tmpl_tok tok = *next_non_space(t);
	switch (tok.type) {
	case TK_IDENTIFIER: {
		struct tmpl_ident *id = new_node(t, sizeof(*id), TN_IDENT, tok.pos, 0);
		id->name = str_of(&tok);
		id->func = -1;
		if (t->sh->set->funcs)
			id->func = lookup_func(t->sh, tok.val, tok.len);
		if (!t->sh->set->skip_func_check && id->func < 0)
			errorf(t, "function %s not defined", quoted(t, tok.val, tok.len));
		return &id->h;
	}
	case TK_DOT:
		return new_node(t, sizeof(struct tmpl_node), TN_DOT, tok.pos, 0);
	case TK_NIL:
		return new_node(t, sizeof(struct tmpl_node), TN_NIL, tok.pos, 0);
	case TK_VARIABLE:
		return use_var(t, tok.pos, tok.val, tok.len);
	case TK_FIELD:
		return &new_field(t, tok.pos, tok.val, tok.len)->h;
	case TK_BOOL: {
		struct tmpl_bool *b = new_node(t, sizeof(*b), TN_BOOL, tok.pos, 0);
		b->value = tok.len == 4;
		return &b->h;
	}
	case TK_CHAR_CONSTANT:
	case TK_COMPLEX:
	case TK_NUMBER:
		return new_number(t, &tok);
	case TK_LEFT_PAREN: {
		if (t->stack_depth >= MAX_STACK_DEPTH)
			errorf(t, "max expression depth exceeded");
		t->stack_depth++;
		struct tmpl_pipe *p = pipeline(t, "parenthesized pipeline", TK_RIGHT_PAREN);
		t->stack_depth--;
		return &p->h;
	}
	case TK_STRING:
	case TK_RAW_STRING: {
		struct tmpl_string *s = new_node(t, sizeof(*s), TN_STRING, tok.pos, 0);
		s->quoted = str_of(&tok);
		if (tok.plain)
			s->text = (struct tmpl_str){ tok.val + 1, tok.len - 2 };
		else if (!unquote(t, tok.val, tok.len, &s->text))
			errorf(t, "invalid syntax");
		return &s->h;
	}
	default:
		backup(t);
		return NULL;
	}
}

static struct tmpl_node *operand(struct tp *t)
{
	struct tmpl_node *node = term(t);
	if (!node)
		return NULL;
	if (peek(t)->type == TK_FIELD) {
		struct tmpl_chain *chain = new_node(t, sizeof(*chain), TN_CHAIN, peek(t)->pos, 0);
		chain->node = node;
		while (peek(t)->type == TK_FIELD) {
			const struct tmpl_tok *f = next(t);
			/* ChainNode.Add drops the leading dot */
			struct tmpl_str s = { f->val + 1, (uint32_t)(f->len - 1) };
			PUSH(t, chain->field, chain->n, chain->cap, s);
		}
		switch (node->type) {
		case TN_FIELD:
		case TN_VARIABLE: {
			/* Go re-parses chain.String() into a longer field/variable:
			 * strings.Split of the joined text gives back the node's
			 * identifiers then the chain's fields (none holds a dot), so
			 * the two lists are joined without the text round trip. */
			const struct tmpl_str *head;
			uint32_t nh;
			if (node->type == TN_FIELD) {
				head = ((struct tmpl_field *)node)->ident;
				nh = ((struct tmpl_field *)node)->n;
			} else {
				head = ((struct tmpl_variable *)node)->ident;
				nh = ((struct tmpl_variable *)node)->n;
			}
			uint32_t c = nh + chain->n;
			struct tmpl_str *ids = node_alloc(t->sh, c * sizeof(*ids));
			memcpy(ids, head, nh * sizeof(*ids));
			memcpy(ids + nh, chain->field, chain->n * sizeof(*ids));
			if (node->type == TN_FIELD) {
				struct tmpl_field *f = new_node(t, sizeof(*f), TN_FIELD, chain->h.pos, 0);
				f->ident = ids;
				f->n = c;
				return &f->h;
			}
			struct tmpl_variable *v = new_node(t, sizeof(*v), TN_VARIABLE, chain->h.pos, 0);
			v->ident = ids;
			v->n = c;
			return &v->h;
		}
		case TN_BOOL:
		case TN_STRING:
		case TN_NUMBER:
		case TN_NIL:
		case TN_DOT: {
			struct sb s = SB_INIT;
			tmpl_node_write(&s, node);
			struct sb m = SB_INIT;
			sb_adds(&m, "unexpected . after term ");
			strconv_append_quote(&m, s.buf, s.len);
			sb_release(&s);
			fail_sb(t, &m);
		}
		default:
			return &chain->h;
		}
	}
	return node;
}

static struct tmpl_command *command(struct tp *t)
{
	struct tmpl_command *cmd = new_node(t, sizeof(*cmd), TN_COMMAND, peek_non_space(t)->pos, 0);
	size_t base = t->sh->stop;
	for (;;) {
		peek_non_space(t);
		struct tmpl_node *op = operand(t);
		if (op)
			stk_push(t->sh, op);
		const struct tmpl_tok *tok = next(t);
		if (tok->type == TK_SPACE)
			continue;
		if (tok->type == TK_RIGHT_DELIM || tok->type == TK_RIGHT_PAREN)
			backup(t);
		else if (tok->type != TK_PIPE)
			unexpected(t, tok, "operand");
		break;
	}
	cmd->args = stk_take(t->sh, base, &cmd->n);
	cmd->cap = cmd->n;
	if (cmd->n == 0)
		errorf(t, "empty command");
	return cmd;
}

static struct tmpl_pipe *pipeline(struct tp *t, const char *context, enum tmpl_tok_type end)
{
	const struct tmpl_tok *tok = peek_non_space(t);
	struct tmpl_pipe *pipe = new_node(t, sizeof(*pipe), TN_PIPE, tok->pos, tok->line);
	bool is_range = context[0] == 'r' && strcmp(context, "range") == 0;
	uint32_t capdecl = 0;
decls:;
	struct tmpl_tok v = *peek_non_space(t);
	if (v.type == TK_VARIABLE) {
		next(t);
		/* "$x foo" vs "$x := foo": remember the token after the variable
		 * so it can be pushed back (three-token lookahead). */
		struct tmpl_tok after = *peek(t);
		struct tmpl_tok nx = *peek_non_space(t);
		if (nx.type == TK_ASSIGN || nx.type == TK_DECLARE) {
			pipe->is_assign = nx.type == TK_ASSIGN;
			next_non_space(t);
			PUSH(t, pipe->decl, pipe->ndecl, capdecl, new_variable(t, v.pos, v.val, v.len));
			push_var(t, str_of(&v));
		} else if (nx.type == TK_CHAR && nx.len == 1 && nx.val[0] == ',') {
			next_non_space(t);
			PUSH(t, pipe->decl, pipe->ndecl, capdecl, new_variable(t, v.pos, v.val, v.len));
			push_var(t, str_of(&v));
			if (is_range && pipe->ndecl < 2) {
				switch (peek_non_space(t)->type) {
				case TK_VARIABLE:
				case TK_RIGHT_DELIM:
				case TK_RIGHT_PAREN:
					goto decls;
				default:
					errorf(t, "range can only initialize variables");
				}
			}
			errorf(t, "too many declarations in %s", context);
		} else if (after.type == TK_SPACE) {
			backup3(t, v, after);
		} else {
			backup2(t, v);
		}
	}
	size_t base = t->sh->stop;
	for (;;) {
		tok = next_non_space(t);
		if (tok->type == end) {
			pipe->cmds = (struct tmpl_command **)stk_take(t->sh, base, &pipe->n);
			pipe->cap = pipe->n;
			check_pipeline(t, pipe, context);
			return pipe;
		}
		switch (tok->type) {
		case TK_BOOL:
		case TK_CHAR_CONSTANT:
		case TK_COMPLEX:
		case TK_DOT:
		case TK_FIELD:
		case TK_IDENTIFIER:
		case TK_NUMBER:
		case TK_NIL:
		case TK_RAW_STRING:
		case TK_STRING:
		case TK_VARIABLE:
		case TK_LEFT_PAREN: {
			backup(t);
			stk_push(t->sh, command(t));
			break;
		}
		default:
			unexpected(t, tok, context);
		}
	}
}

static struct tmpl_node *parse_control(struct tp *t, const char *context, enum tmpl_node_type type)
{
	size_t saved_vars = t->nvars;
	struct tmpl_pipe *pipe = pipeline(t, context, TK_RIGHT_DELIM);
	bool is_range = type == TN_RANGE;
	if (is_range)
		t->range_depth++;
	struct tmpl_node *nx = NULL;
	struct tmpl_list *list = item_list(t, &nx);
	if (is_range)
		t->range_depth--;
	struct tmpl_list *else_list = NULL;
	if (nx->type == TN_ELSE) {
		/* "else if" / "else with" are parsed as an else branch holding one
		 * nested if/with whose {{end}} is shared. */
		if (type == TN_IF && peek(t)->type == TK_IF) {
			next(t);
			uint32_t pos = nx->pos;
			else_list = list_of(t, pos, if_control(t));
		} else if (type == TN_WITH && peek(t)->type == TK_WITH) {
			next(t);
			uint32_t pos = nx->pos;
			else_list = list_of(t, pos, with_control(t));
		} else {
			else_list = item_list(t, &nx);
			if (nx->type != TN_END) {
				struct sb m = SB_INIT;
				sb_adds(&m, "expected end; found ");
				tmpl_node_write(&m, nx);
				fail_sb(t, &m);
			}
		}
	}
	t->nvars = saved_vars;
	struct tmpl_branch *b = new_node(t, sizeof(*b), type, pipe->h.pos, (int)pipe->h.line);
	b->pipe = pipe;
	b->list = list;
	b->else_list = else_list;
	return &b->h;
}

static struct tmpl_node *if_control(struct tp *t)
{
	return parse_control(t, "if", TN_IF);
}

static struct tmpl_node *with_control(struct tp *t)
{
	return parse_control(t, "with", TN_WITH);
}

static struct tmpl_str template_name(struct tp *t, const struct tmpl_tok *tok, const char *context)
{
	struct tmpl_str name = { 0 };
	if (tok->type != TK_STRING && tok->type != TK_RAW_STRING)
		unexpected(t, tok, context);
	if (!unquote(t, tok->val, tok->len, &name))
		errorf(t, "invalid syntax");
	return name;
}

static struct tmpl_node *new_template(struct tp *t, const struct tmpl_tok *tok, struct tmpl_str name,
				      struct tmpl_pipe *pipe)
{
	struct tmpl_template *n = new_node(t, sizeof(*n), TN_TEMPLATE, tok->pos, tok->line);
	n->name = name;
	n->pipe = pipe;
	return &n->h;
}

static void tp_start(struct tp *t, struct shared *sh, struct tmpl_str name)
{
	memset(t, 0, sizeof(*t));
	t->sh = sh;
	t->tree = node_alloc(sh, sizeof(*t->tree));
	memset(t->tree, 0, sizeof(*t->tree));
	t->tree->name = name;
	t->tree->parse_name = sh->parse_name;
	t->tree->text = sh->text;
	t->tree->text_len = sh->text_len;
	push_var(t, (struct tmpl_str){ "$", 1 });
}

static struct tmpl_node *block_control(struct tp *t)
{
	const char *context = "block clause";
	struct tmpl_tok tok = *next_non_space(t);
	struct tmpl_str name = template_name(t, &tok, context);
	struct tmpl_pipe *pipe = pipeline(t, context, TK_RIGHT_DELIM);

	struct tp block;
	tp_start(&block, t->sh, name);
	struct tmpl_node *end = NULL;
	block.tree->root = item_list(&block, &end);
	if (end->type != TN_END) {
		struct sb m = SB_INIT;
		sb_adds(&m, "unexpected ");
		tmpl_node_write(&m, end);
		sb_addf(&m, " in %s", context);
		fail_sb(t, &m);
	}
	add_tree(&block);
	return new_template(t, &tok, name, pipe);
}

static struct tmpl_node *template_control(struct tp *t)
{
	const char *context = "template clause";
	struct tmpl_tok tok = *next_non_space(t);
	struct tmpl_str name = template_name(t, &tok, context);
	struct tmpl_pipe *pipe = NULL;
	if (next_non_space(t)->type != TK_RIGHT_DELIM) {
		backup(t);
		pipe = pipeline(t, context, TK_RIGHT_DELIM);
	}
	return new_template(t, &tok, name, pipe);
}

static struct tmpl_node *loop_control(struct tp *t, const struct tmpl_tok *kw, enum tmpl_node_type type)
{
	const char *what = type == TN_BREAK ? "{{break}}" : "{{continue}}";
	struct tmpl_tok tok = *next_non_space(t);
	if (tok.type != TK_RIGHT_DELIM)
		unexpected(t, &tok, what);
	if (t->range_depth == 0)
		errorf(t, "%s outside {{range}}", what);
	return new_node(t, sizeof(struct tmpl_node), type, kw->pos, kw->line);
}

static struct tmpl_node *action(struct tp *t)
{
	struct tmpl_tok tok = *next_non_space(t);
	switch (tok.type) {
	case TK_BLOCK:
		return block_control(t);
	case TK_BREAK:
		return loop_control(t, &tok, TN_BREAK);
	case TK_CONTINUE:
		return loop_control(t, &tok, TN_CONTINUE);
	case TK_ELSE: {
		struct tmpl_tok pk = *peek_non_space(t);
		if (pk.type == TK_IF || pk.type == TK_WITH)
			return new_node(t, sizeof(struct tmpl_node), TN_ELSE, pk.pos, pk.line);
		struct tmpl_tok r = expect(t, TK_RIGHT_DELIM, "else");
		return new_node(t, sizeof(struct tmpl_node), TN_ELSE, r.pos, r.line);
	}
	case TK_END: {
		struct tmpl_tok r = expect(t, TK_RIGHT_DELIM, "end");
		return new_node(t, sizeof(struct tmpl_node), TN_END, r.pos, 0);
	}
	case TK_IF:
		return if_control(t);
	case TK_RANGE:
		return parse_control(t, "range", TN_RANGE);
	case TK_TEMPLATE:
		return template_control(t);
	case TK_WITH:
		return with_control(t);
	default:
		break;
	}
	backup(t);
	struct tmpl_tok pk = *peek(t);
	struct tmpl_action *a = new_node(t, sizeof(*a), TN_ACTION, pk.pos, pk.line);
	a->pipe = pipeline(t, "command", TK_RIGHT_DELIM);
	return &a->h;
}

static struct tmpl_node *text_or_action(struct tp *t)
{
	struct tmpl_tok tok = *next_non_space(t);
	switch (tok.type) {
	case TK_TEXT: {
		struct tmpl_text *n = new_node(t, sizeof(*n), TN_TEXT, tok.pos, 0);
		n->text = str_of(&tok);
		return &n->h;
	}
	case TK_LEFT_DELIM: {
		t->action_line = tok.line;
		struct tmpl_node *n = action(t);
		t->action_line = 0;
		return n;
	}
	case TK_COMMENT: {
		struct tmpl_comment *n = new_node(t, sizeof(*n), TN_COMMENT, tok.pos, 0);
		n->text = str_of(&tok);
		return &n->h;
	}
	default:
		unexpected(t, &tok, "input");
	}
}

/* parse.IsEmptyTree */
static bool is_empty_tree(const struct tmpl_node *n)
{
	if (!n)
		return true;
	switch (n->type) {
	case TN_COMMENT:
		return true;
	case TN_LIST: {
		const struct tmpl_list *l = (const struct tmpl_list *)n;
		for (uint32_t i = 0; i < l->n; i++)
			if (!is_empty_tree(l->nodes[i]))
				return false;
		return true;
	}
	case TN_TEXT: {
		const struct tmpl_text *x = (const struct tmpl_text *)n;
		/* bytes.TrimSpace: ASCII space plus Unicode White_Space runes */
		for (uint32_t i = 0; i < x->text.n;) {
			unsigned char c = (unsigned char)x->text.p[i];
			if (c == ' ' || (c >= '\t' && c <= '\r')) {
				i++;
				continue;
			}
			size_t w;
			int32_t r = utf8_decode(x->text.p + i, x->text.n - i, &w);
			if (r == 0x85 || r == 0xA0 || r == 0x1680 || (r >= 0x2000 && r <= 0x200a) ||
			    r == 0x2028 || r == 0x2029 || r == 0x202f || r == 0x205f || r == 0x3000) {
				i += (uint32_t)w;
				continue;
			}
			return false;
		}
		return true;
	}
	default:
		return false;
	}
}

/* Tree.add: install in this Parse call's tree set. */
static void add_tree(struct tp *t)
{
	struct pending *p = &t->sh->pending;
	for (size_t i = 0; i < p->n; i++) {
		struct tmpl_tree *o = p->trees[i];
		if (o->name.n == t->tree->name.n && memcmp(o->name.p, t->tree->name.p, o->name.n) == 0) {
			if (is_empty_tree(&o->root->h)) {
				p->trees[i] = t->tree;
				return;
			}
			if (!is_empty_tree(&t->tree->root->h))
				errorf(t, "template: multiple definition of template %s",
				       quoted(t, t->tree->name.p, t->tree->name.n));
			return;
		}
	}
	if (p->n == p->cap) {
		size_t nc = p->cap ? p->cap * 2 : 4;
		p->trees = node_grow(t->sh, p->trees, p->cap * sizeof(*p->trees), nc * sizeof(*p->trees));
		p->cap = nc;
	}
	p->trees[p->n++] = t->tree;
}

static void parse_definition(struct tp *t)
{
	const char *context = "define clause";
	struct tmpl_tok name = *next_non_space(t);
	if (name.type != TK_STRING && name.type != TK_RAW_STRING)
		unexpected(t, &name, context);
	if (!unquote(t, name.val, name.len, &t->tree->name))
		errorf(t, "invalid syntax");
	expect(t, TK_RIGHT_DELIM, context);
	struct tmpl_node *end = NULL;
	t->tree->root = item_list(t, &end);
	if (end->type != TN_END) {
		struct sb m = SB_INIT;
		sb_adds(&m, "unexpected ");
		tmpl_node_write(&m, end);
		sb_addf(&m, " in %s", context);
		fail_sb(t, &m);
	}
	add_tree(t);
}

/* Tree.parse: the top level, which also accepts {{define}}. */
static void parse_top(struct tp *t)
{
	t->tree->root = new_list(t, peek(t)->pos);
	size_t base = t->sh->stop;
	while (peek(t)->type != TK_EOF) {
		if (peek(t)->type == TK_LEFT_DELIM) {
			struct tmpl_tok delim = *next(t);
			if (next_non_space(t)->type == TK_DEFINE) {
				struct tp def;
				tp_start(&def, t->sh, (struct tmpl_str){ "definition", 10 });
				parse_definition(&def);
				continue;
			}
			backup2(t, delim);
		}
		struct tmpl_node *n = text_or_action(t);
		if (is_control_end(n)) {
			struct sb m = SB_INIT;
			sb_adds(&m, "unexpected ");
			tmpl_node_write(&m, n);
			fail_sb(t, &m);
		}
		stk_push(t->sh, n);
	}
	t->tree->root->nodes = stk_take(t->sh, base, &t->tree->root->n);
	t->tree->root->cap = t->tree->root->n;
}

static int lookup_break_continue(const struct tmpl_set *s, const char *name)
{
	return s->funcs ? tmpl_funcs_lookup(s->funcs, name, strlen(name)) : -1;
}

void tmpl_set_init(struct tmpl_set *s, struct arena *a, const struct tmpl_funcs *funcs)
{
	memset(s, 0, sizeof(*s));
	s->arena = a;
	s->funcs = funcs;
	s->trees = val_map_new(a, 0);
}

struct tmpl_tree *tmpl_lookup(const struct tmpl_set *s, const char *name, size_t n)
{
	for (; s; s = s->parent) {
		val v;
		if (val_map_get(s->trees, name, n, &v))
			return v.u.p;
	}
	return NULL;
}

void tmpl_set_clone(struct tmpl_set *child, const struct tmpl_set *parent)
{
	tmpl_set_init(child, parent->arena, parent->funcs);
	child->ldelim = parent->ldelim;
	child->rdelim = parent->rdelim;
	child->skip_func_check = parent->skip_func_check;
	child->root_name = parent->root_name;
	child->parent = parent;
}

/* text/template's associate: an empty tree never replaces a defined one. */
static void commit(struct tmpl_set *s, const struct pending *p)
{
	for (size_t i = 0; i < p->n; i++) {
		struct tmpl_tree *tr = p->trees[i];
		if (tmpl_lookup(s, tr->name.p, tr->name.n) && is_empty_tree(&tr->root->h))
			continue;
		val v = { 0 };
		v.kind = VAL_OPAQUE;
		v.u.p = tr;
		val_map_set(s->arena, s->trees, tr->name.p, tr->name.n, v);
	}
}

static bool run_parse(struct shared *sh, struct tp *top)
{
	if (setjmp(sh->jb))
		return false;
	tp_start(top, sh, sh->parse_name);
	parse_top(top);
	add_tree(top);
	return true;
}

int tmpl_parse(struct tmpl_set *s, const char *name, size_t nlen, const char *text, size_t tlen,
	       struct sb *err)
{
	return tmpl_parse_top(s, name, nlen, text, tlen, NULL, err);
}

int tmpl_parse_top(struct tmpl_set *s, const char *name, size_t nlen, const char *text, size_t tlen,
		   struct tmpl_tree **tree, struct sb *err)
{
	struct shared *sh = arena_zalloc(s->arena, sizeof(*sh));
	sh->set = s;
	sh->a = s->arena;
	sh->err = err;
	sh->parse_name = (struct tmpl_str){ name, (uint32_t)nlen };
	sh->text = text;
	sh->text_len = tlen;
	tmpl_lex_init(&sh->lex, s->arena, text, tlen, s->ldelim, s->rdelim);
	sh->lex.break_ok = lookup_break_continue(s, "break") < 0;
	sh->lex.continue_ok = lookup_break_continue(s, "continue") < 0;
	struct tp *top = arena_alloc(s->arena, sizeof(*top));
	bool ok = run_parse(sh, top);
	free(sh->stk);
	/* give the unused end of the last node chunk back to the arena */
	if (sh->nbase && s->arena->last == sh->nbase)
		arena_grow(s->arena, sh->nbase, (size_t)(sh->nend - sh->nbase),
			   (size_t)(sh->nptr - sh->nbase));
	if (!ok)
		return -1;
	commit(s, &sh->pending);
	if (tree)
		*tree = top->tree;
	return 0;
}
