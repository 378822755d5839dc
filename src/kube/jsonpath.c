/* jsonpath.c — k8s.io/client-go v0.35.4 util/jsonpath (parser.go,
 * jsonpath.go) and cli-runtime's JSONPathPrinter, rewritten over the value
 * model.  The evaluator keeps Go's quirks because kubectl users see them:
 * what each step returns on error (a failing `exists` filter still looks at
 * it), the range/end state machine that rewrites the parsed root, `[0,]`
 * meaning index 0, and the comparison rules of the forked text/template. */
#include "kube/jsonpath.h"

#include <stdint.h>
#include <string.h>

#include "base/quote.h"
#include "base/strconv_parse.h"
#include "base/utf8.h"
#include "value/codec.h"

#define JP_EOF (-1)

enum jp_type {
	JP_TEXT,
	JP_ARRAY,
	JP_LIST,
	JP_FIELD,
	JP_IDENT,
	JP_FILTER,
	JP_INT,
	JP_FLOAT,
	JP_WILDCARD,
	JP_RECURSIVE,
	JP_UNION,
	JP_BOOL,
};

struct jp_param {
	int64_t value;
	bool known, derived;
};

struct jp_node {
	enum jp_type type;
	const char *s; /* TEXT, FIELD, IDENT; FILTER: the operator */
	size_t n;
	struct jp_node **nodes; /* LIST: its nodes; UNION: its lists */
	size_t nn, cap;
	struct jp_node *left, *right; /* FILTER */
	struct jp_param p[3];         /* ARRAY: start, end, step */
	int64_t i;
	double f;
	bool b;
};

struct jsonpath {
	struct arena *a;
	struct jp_node *root; /* its nodes are rewritten by range, as in Go */
	int begin_range, in_range, end_range;
	struct jp_node **last_end;
	bool allow_missing;
	bool output_json;
	const char *raw; /* the printer's template text */
	size_t rawn;
};

/* ---------------------------------------------------------------- parser */

struct jp_parser {
	struct arena *a;
	const char *in;
	size_t len, pos, start, width;
	struct jp_node *root;
	struct sb *err;
};

static struct jp_node *new_node(struct arena *a, enum jp_type t)
{
	struct jp_node *n = arena_zalloc(a, sizeof(*n));
	n->type = t;
	return n;
}

static void list_append(struct arena *a, struct jp_node *list, struct jp_node *n)
{
	if (list->nn == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 4;
		struct jp_node **nodes = arena_alloc(a, cap * sizeof(*nodes));
		if (list->nn)
			memcpy(nodes, list->nodes, list->nn * sizeof(*nodes));
		list->nodes = nodes;
		list->cap = cap;
	}
	list->nodes[list->nn++] = n;
}

static struct jp_node *new_text(struct arena *a, const char *s, size_t n, enum jp_type t)
{
	struct jp_node *node = new_node(a, t);
	node->s = s;
	node->n = n;
	return node;
}

static int32_t next(struct jp_parser *p)
{
	if (p->pos >= p->len) {
		p->width = 0;
		return JP_EOF;
	}
	unsigned char c = (unsigned char)p->in[p->pos];
	int32_t r = c;
	size_t w = 1;
	if (c >= 0x80)
		r = utf8_decode(p->in + p->pos, p->len - p->pos, &w);
	p->width = w;
	p->pos += w;
	return r;
}

static void backup(struct jp_parser *p)
{
	p->pos -= p->width;
}

static int32_t peek(struct jp_parser *p)
{
	int32_t r = next(p);
	backup(p);
	return r;
}

/* consumeText: the text since the last call. */
static const char *consume(struct jp_parser *p, size_t *n)
{
	const char *s = p->in + p->start;
	*n = p->pos - p->start;
	p->start = p->pos;
	return s;
}

static bool has_prefix(const struct jp_parser *p, const char *pre)
{
	size_t n = strlen(pre);
	return p->len - p->pos >= n && memcmp(p->in + p->pos, pre, n) == 0;
}

static bool is_end_of_line(int32_t r)
{
	return r == '\r' || r == '\n';
}

static bool is_terminator(int32_t r)
{
	switch (r) {
	case ' ':
	case '\t':
	case '\r':
	case '\n':
	case JP_EOF:
	case '.':
	case ',':
	case '[':
	case ']':
	case '$':
	case '@':
	case '{':
	case '}':
		return true;
	}
	return false;
}

static bool is_alnum(int32_t r)
{
	return r == '_' || unicode_is_letter(r) || unicode_is_digit(r);
}

static int parse_inside_action(struct jp_parser *p, struct jp_node *cur);

/* Parse.parseText: text up to each '{', then the action. */
static int parse_text(struct jp_parser *p)
{
	for (;;) {
		const char *q = memchr(p->in + p->pos, '{', p->len - p->pos);
		size_t n;
		if (!q) {
			p->pos = p->len;
			if (p->pos > p->start) {
				const char *s = consume(p, &n);
				list_append(p->a, p->root, new_text(p->a, s, n, JP_TEXT));
			}
			return 0;
		}
		p->pos = (size_t)(q - p->in);
		if (p->pos > p->start) {
			const char *s = consume(p, &n);
			list_append(p->a, p->root, new_text(p->a, s, n, JP_TEXT));
		}
		p->pos++; /* parseLeftDelim */
		consume(p, &n);
		struct jp_node *list = new_node(p->a, JP_LIST);
		list_append(p->a, p->root, list);
		if (parse_inside_action(p, list) < 0)
			return -1;
	}
}

static int do_parse(struct arena *a, const char *text, size_t n, struct jp_node **root, struct sb *err)
{
	struct jp_parser p = { .a = a, .in = text, .len = n, .err = err };
	p.root = new_node(a, JP_LIST);
	*root = p.root;
	return parse_text(&p);
}

/* parseAction: parse "{text}" and return the action's list. */
static int parse_action(struct jp_parser *p, const char *pre, const char *text, size_t n,
			struct jp_node **list)
{
	size_t pn = strlen(pre);
	char *buf = arena_alloc(p->a, n + pn + 2);
	buf[0] = '{';
	memcpy(buf + 1, pre, pn);
	memcpy(buf + 1 + pn, text, n);
	buf[n + pn + 1] = '}';
	struct jp_node *root;
	if (do_parse(p->a, buf, n + pn + 2, &root, p->err) < 0)
		return -1;
	*list = root->nodes[0];
	return 0;
}

static int parse_field(struct jp_parser *p, struct jp_node *cur)
{
	size_t n;
	consume(p, &n);
	for (;;) { /* advance: to the next unescaped terminator */
		int32_t r = next(p);
		if (r == '\\') {
			next(p);
		} else if (is_terminator(r)) {
			backup(p);
			break;
		}
	}
	const char *s = consume(p, &n);
	if (n == 1 && s[0] == '*') {
		list_append(p->a, cur, new_node(p->a, JP_WILDCARD));
		return 0;
	}
	/* every backslash goes (strings.Replace(value, "\\", "", -1)) */
	char *f = arena_alloc(p->a, n + 1);
	size_t fn = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] != '\\')
			f[fn++] = s[i];
	f[fn] = '\0';
	list_append(p->a, cur, new_text(p->a, f, fn, JP_FIELD));
	return 0;
}

static int parse_identifier(struct jp_parser *p, struct jp_node *cur)
{
	for (;;) {
		int32_t r = next(p);
		if (is_terminator(r)) {
			backup(p);
			break;
		}
	}
	size_t n;
	const char *s = consume(p, &n);
	if ((n == 4 && memcmp(s, "true", 4) == 0) || (n == 5 && memcmp(s, "false", 5) == 0)) {
		struct jp_node *b = new_node(p->a, JP_BOOL);
		b->b = n == 4;
		list_append(p->a, cur, b);
	} else {
		list_append(p->a, cur, new_text(p->a, s, n, JP_IDENT));
	}
	return 0;
}

static int parse_number(struct jp_parser *p, struct jp_node *cur)
{
	int32_t r = peek(p);
	if (r == '+' || r == '-')
		next(p);
	for (;;) {
		r = next(p);
		if (r != '.' && !unicode_is_digit(r)) {
			backup(p);
			break;
		}
	}
	size_t n;
	const char *s = consume(p, &n);
	int64_t i;
	double f;
	if (strconv_parse_int(s, n, 10, 64, &i) == STRCONV_OK) {
		struct jp_node *node = new_node(p->a, JP_INT);
		node->i = i;
		list_append(p->a, cur, node);
		return 0;
	}
	if (strconv_parse_float(s, n, &f) == STRCONV_OK) {
		struct jp_node *node = new_node(p->a, JP_FLOAT);
		node->f = f;
		list_append(p->a, cur, node);
		return 0;
	}
	sb_adds(p->err, "cannot parse number ");
	sb_add(p->err, s, n);
	return -1;
}

/* sliceOperatorRex ^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$ : the three groups. */
static bool match_slice(const char *s, size_t n, const char **g, size_t *gn)
{
	size_t i = 0;
	for (int k = 0; k < 3; k++) {
		size_t b = i;
		if (k > 0) {
			if (i >= n || s[i] != ':') {
				g[k] = s + i;
				gn[k] = 0;
				continue;
			}
			i++;
		}
		if (i < n && s[i] == '-')
			i++;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		g[k] = s + b;
		gn[k] = i - b;
	}
	return i == n;
}

static int parse_array(struct jp_parser *p, struct jp_node *cur)
{
	for (;;) {
		int32_t r = next(p);
		if (r == JP_EOF || r == '\n') {
			sb_adds(p->err, "unterminated array");
			return -1;
		}
		if (r == ']')
			break;
	}
	size_t n;
	const char *s = consume(p, &n);
	s++;
	n -= 2;
	if (n == 1 && s[0] == '*')
		s = ":";

	/* union operator */
	if (memchr(s, ',', n)) {
		struct jp_node *u = new_node(p->a, JP_UNION);
		size_t b = 0;
		for (size_t i = 0; i <= n; i++) {
			if (i < n && s[i] != ',')
				continue;
			size_t lo = b, hi = i;
			while (lo < hi && s[lo] == ' ')
				lo++;
			while (hi > lo && s[hi - 1] == ' ')
				hi--;
			char *part = arena_alloc(p->a, hi - lo + 2);
			part[0] = '[';
			memcpy(part + 1, s + lo, hi - lo);
			part[hi - lo + 1] = ']';
			struct jp_node *list;
			if (parse_action(p, "", part, hi - lo + 2, &list) < 0)
				return -1;
			list_append(p->a, u, list);
			b = i + 1;
		}
		list_append(p->a, cur, u);
		return 0;
	}

	/* dict key ['name'] */
	if (n >= 2 && s[0] == '\'' && s[n - 1] == '\'' && !memchr(s + 1, '\'', n - 2)) {
		struct jp_node *list;
		if (parse_action(p, ".", s + 1, n - 2, &list) < 0)
			return -1;
		for (size_t i = 0; i < list->nn; i++)
			list_append(p->a, cur, list->nodes[i]);
		return 0;
	}

	const char *g[3];
	size_t gn[3];
	if (!match_slice(s, n, g, gn)) {
		sb_adds(p->err, "invalid array index ");
		sb_add(p->err, s, n);
		return -1;
	}
	struct jp_node *arr = new_node(p->a, JP_ARRAY);
	for (int i = 0; i < 3; i++) {
		if (gn[i] != 0) {
			if (i > 0) {
				g[i]++;
				gn[i]--;
			}
			if (i > 0 && gn[i] == 0) {
				arr->p[i].known = false;
			} else {
				arr->p[i].known = true;
				if (strconv_parse_int(g[i], gn[i], 10, 64, &arr->p[i].value) != STRCONV_OK) {
					sb_adds(p->err, "array index ");
					sb_add(p->err, g[i], gn[i]);
					sb_adds(p->err, " is not a number");
					return -1;
				}
			}
		} else if (i == 1) {
			arr->p[1].known = true;
			arr->p[1].value = (int64_t)((uint64_t)arr->p[0].value + 1); /* wraps as Go's int */
			arr->p[1].derived = true;
		} else {
			arr->p[i].known = false;
			arr->p[i].value = 0;
		}
	}
	list_append(p->a, cur, arr);
	return 0;
}

static bool is_op_char(char c)
{
	return c == '!' || c == '<' || c == '>' || c == '=';
}

static int parse_filter(struct jp_parser *p, struct jp_node *cur)
{
	size_t n;
	p->pos += 3;
	consume(p, &n);
	bool begin = false, end = false;
	int32_t pair = 0;
	for (;;) {
		int32_t r = next(p);
		if (r == JP_EOF || r == '\n') {
			sb_adds(p->err, "unterminated filter");
			return -1;
		}
		if (r == '"' || r == '\'') {
			if (!begin) {
				begin = true;
				pair = r;
				continue;
			}
			if (p->in[p->pos - 2] != '\\' && r == pair)
				end = true;
		} else if (r == ')') {
			if (begin == end)
				break;
		}
	}
	if (next(p) != ']') {
		sb_adds(p->err, "unclosed array expect ]");
		return -1;
	}
	const char *s = consume(p, &n);
	n -= 2;
	/* ^([^!<>=]+)([!<>=]+)(.+?)$ */
	size_t i = 0;
	while (i < n && !is_op_char(s[i]))
		i++;
	size_t j = i;
	while (j < n && is_op_char(s[j]))
		j++;
	if (j == n && j > i + 1)
		j--; /* the operand takes the last operator character */
	struct jp_node *f = new_node(p->a, JP_FILTER);
	if (i == 0 || i == n || j == n) {
		if (parse_action(p, "", s, n, &f->left) < 0)
			return -1;
		f->right = new_node(p->a, JP_LIST);
		f->s = "exists";
		f->n = 6;
	} else {
		if (parse_action(p, "", s, i, &f->left) < 0)
			return -1;
		if (parse_action(p, "", s + j, n - j, &f->right) < 0)
			return -1;
		f->s = s + i;
		f->n = j - i;
	}
	list_append(p->a, cur, f);
	return 0;
}

/* UnquoteExtend: strconv.Unquote that also takes single quotes. */
static bool unquote_extend(struct arena *a, const char *s, size_t n, const char **out, size_t *outn)
{
	if (n < 2 || s[0] != s[n - 1] || (s[0] != '"' && s[0] != '\''))
		return false;
	char q = s[0];
	s++;
	n -= 2;
	if (!memchr(s, '\\', n) && !memchr(s, q, n)) {
		*out = s;
		*outn = n;
		return true;
	}
	struct sb b = SB_INIT;
	while (n > 0) {
		int32_t r;
		bool multibyte;
		size_t used;
		if (!strconv_unquote_char(s, n, q, &r, &multibyte, &used)) {
			sb_release(&b);
			return false;
		}
		s += used;
		n -= used;
		if (r < 0x80 || !multibyte) {
			sb_addc(&b, (char)r);
		} else {
			char tmp[4];
			sb_add(&b, tmp, utf8_encode(r, tmp));
		}
	}
	*out = arena_memdup(a, b.buf, b.len);
	*outn = b.len;
	sb_release(&b);
	return true;
}

static int parse_quote(struct jp_parser *p, struct jp_node *cur, int32_t end)
{
	for (;;) {
		int32_t r = next(p);
		if (r == JP_EOF || r == '\n') {
			sb_adds(p->err, "unterminated quoted string");
			return -1;
		}
		if (r == end && p->in[p->pos - 2] != '\\')
			break;
	}
	size_t n;
	const char *s = consume(p, &n);
	const char *u;
	size_t un;
	if (!unquote_extend(p->a, s, n, &u, &un)) {
		sb_adds(p->err, "unquote string ");
		sb_add(p->err, s, n);
		sb_adds(p->err, " error invalid syntax");
		return -1;
	}
	list_append(p->a, cur, new_text(p->a, u, un, JP_TEXT));
	return 0;
}

static int parse_recursive(struct jp_parser *p, struct jp_node *cur)
{
	if (cur->nn > 0 && cur->nodes[cur->nn - 1]->type == JP_RECURSIVE) {
		sb_adds(p->err, "invalid multiple recursive descent");
		return -1;
	}
	size_t n;
	p->pos += 2;
	consume(p, &n);
	list_append(p->a, cur, new_node(p->a, JP_RECURSIVE));
	if (is_alnum(peek(p)))
		return parse_field(p, cur);
	return 0;
}

/* %#U of a rune: U+0041 'A' (the quoted rune only when printable). */
static void fmt_sharp_u(struct sb *out, int32_t r)
{
	sb_addf(out, "U+%04X", (unsigned)r);
	if (r >= 0 && r <= 0x10FFFF && strconv_is_print(r)) {
		char tmp[4];
		sb_adds(out, " '");
		sb_add(out, tmp, utf8_encode(r, tmp));
		sb_addc(out, '\'');
	}
}

/* parseInsideAction, looping where Go recurses; returns after the '}'. */
static int parse_inside_action(struct jp_parser *p, struct jp_node *cur)
{
	for (;;) {
		int rc = 0;
		size_t n;
		if (has_prefix(p, "}")) {
			p->pos++;
			consume(p, &n);
			return 0;
		}
		if (has_prefix(p, "[?(")) {
			rc = parse_filter(p, cur);
		} else if (has_prefix(p, "..")) {
			rc = parse_recursive(p, cur);
		} else {
			int32_t r = next(p);
			if (r == JP_EOF || is_end_of_line(r)) {
				sb_adds(p->err, "unclosed action");
				return -1;
			} else if (r == ' ' || r == '@' || r == '$') {
				consume(p, &n);
			} else if (r == '[') {
				rc = parse_array(p, cur);
			} else if (r == '"' || r == '\'') {
				rc = parse_quote(p, cur, r);
			} else if (r == '.') {
				rc = parse_field(p, cur);
			} else if (r == '+' || r == '-' || unicode_is_digit(r)) {
				backup(p);
				rc = parse_number(p, cur);
			} else if (is_alnum(r)) {
				backup(p);
				rc = parse_identifier(p, cur);
			} else {
				sb_adds(p->err, "unrecognized character in action: ");
				fmt_sharp_u(p->err, r);
				return -1;
			}
		}
		if (rc < 0)
			return -1;
	}
}

struct jsonpath *jsonpath_parse(struct arena *a, const char *name, const char *text, size_t n,
				struct sb *err)
{
	(void)name; /* Go's parser errors do not carry the name */
	struct jsonpath *jp = arena_zalloc(a, sizeof(*jp));
	jp->a = a;
	if (do_parse(a, text, n, &jp->root, err) < 0)
		return NULL;
	return jp;
}

void jsonpath_allow_missing_keys(struct jsonpath *jp, bool allow)
{
	jp->allow_missing = allow;
}

void jsonpath_enable_json_output(struct jsonpath *jp, bool on)
{
	jp->output_json = on;
}

/* ------------------------------------------------------------- evaluator */

/* A list of reflect.Values. */
struct jp_vals {
	val *v;
	size_t n, cap;
};

static void vals_push(struct arena *a, struct jp_vals *vs, val v)
{
	if (vs->n == vs->cap) {
		size_t cap = vs->cap ? vs->cap * 2 : 4;
		val *nv = arena_alloc(a, cap * sizeof(val));
		if (vs->n)
			memcpy(nv, vs->v, vs->n * sizeof(val));
		vs->v = nv;
		vs->cap = cap;
	}
	vs->v[vs->n++] = v;
}

static bool is_invalid(val v)
{
	return v.kind == VAL_NULL && v.gotype == JSONPATH_GT_INVALID;
}

/* reflect.ValueOf(x) of an interface{}: nil gives the zero Value. */
static val value_of(val v)
{
	if (v.kind == VAL_NULL)
		v.gotype = JSONPATH_GT_INVALID;
	return v;
}

static val iface_of(val v)
{
	if (is_invalid(v))
		v.gotype = 0;
	return v;
}

/* fmt %v of a reflect.Value (error messages). */
static void fmt_value(struct arena *a, struct sb *out, val v)
{
	if (is_invalid(v))
		sb_adds(out, "<invalid reflect.Value>");
	else
		val_fmt_v(a, out, v);
}

static int walk(struct jsonpath *jp, const struct jp_vals *in, const struct jp_node *node,
		struct jp_vals *out, struct sb *err);

static int eval_list(struct jsonpath *jp, const struct jp_vals *in, const struct jp_node *list,
		     struct jp_vals *out, struct sb *err)
{
	struct jp_vals cur = *in;
	for (size_t i = 0; i < list->nn; i++) {
		struct jp_vals next_vals = { 0 };
		int rc = walk(jp, &cur, list->nodes[i], &next_vals, err);
		cur = next_vals;
		if (rc < 0) {
			*out = cur;
			return -1;
		}
	}
	*out = cur;
	return 0;
}

static int eval_identifier(struct jsonpath *jp, const struct jp_vals *in, const struct jp_node *node,
			   struct jp_vals *out, struct sb *err)
{
	*out = (struct jp_vals){ 0 };
	if (node->n == 5 && memcmp(node->s, "range", 5) == 0) {
		jp->begin_range++;
		*out = *in;
		return 0;
	}
	if (node->n == 3 && memcmp(node->s, "end", 3) == 0) {
		if (jp->in_range > 0) {
			jp->end_range++;
			return 0;
		}
		sb_adds(err, "not in range, nothing to end");
		return -1;
	}
	*out = *in;
	sb_adds(err, "unrecognized identifier ");
	sb_add(err, node->s, node->n);
	return -1;
}

static int eval_array(struct jsonpath *jp, const struct jp_vals *in, const struct jp_node *node,
		      struct jp_vals *out, struct sb *err)
{
	struct jp_vals res = { 0 };
	for (size_t k = 0; k < in->n; k++) {
		val v = in->v[k];
		if (v.kind == VAL_NULL && !is_invalid(v))
			continue; /* nil interface */
		if (v.kind != VAL_LIST) {
			*out = *in;
			if (is_invalid(v))
				sb_adds(err, "reflect: call of reflect.Value.Type on zero Value");
			else
				sb_addf(err, "%s is not array or slice", val_go_type_name(v));
			return -1;
		}
		struct jp_param p[3];
		memcpy(p, node->p, sizeof(p));
		int64_t len = (int64_t)val_list_len(v);
		if (!p[0].known)
			p[0].value = 0;
		if (p[0].value < 0)
			p[0].value += len;
		if (!p[1].known)
			p[1].value = len;
		if (p[1].value < 0 || (p[1].value == 0 && p[1].derived))
			p[1].value = (int64_t)((uint64_t)p[1].value + (uint64_t)len);
		if (p[1].value == p[0].value) {
			*out = res; /* zero elements asked for: Go returns at once */
			return 0;
		}
		if (p[0].value >= len || p[0].value < 0) {
			*out = *in;
			sb_addf(err, "array index out of bounds: index %lld, length %lld",
				(long long)p[0].value, (long long)len);
			return -1;
		}
		if (p[1].value > len || p[1].value < 0) {
			*out = *in;
			sb_addf(err, "array index out of bounds: index %lld, length %lld",
				(long long)(p[1].value - 1), (long long)len);
			return -1;
		}
		if (p[0].value > p[1].value) {
			*out = *in;
			sb_addf(err, "starting index %lld is greater than ending index %lld",
				(long long)p[0].value, (long long)p[1].value);
			return -1;
		}
		int64_t step = 1;
		if (p[2].known) {
			if (p[2].value <= 0) {
				*out = *in;
				sb_adds(err, "step must be > 0");
				return -1;
			}
			step = p[2].value;
		}
		for (int64_t i = p[0].value; i < p[1].value; i += step) {
			vals_push(jp->a, &res, val_list_at(v, (size_t)i));
			if (step > p[1].value - i)
				break;
		}
	}
	*out = res;
	return 0;
}

static int eval_union(struct jsonpath *jp, const struct jp_vals *in, const struct jp_node *node,
		      struct jp_vals *out, struct sb *err)
{
	struct jp_vals res = { 0 };
	for (size_t i = 0; i < node->nn; i++) {
		struct jp_vals t;
		if (eval_list(jp, in, node->nodes[i], &t, err) < 0) {
			*out = *in;
			return -1;
		}
		for (size_t k = 0; k < t.n; k++)
			vals_push(jp->a, &res, t.v[k]);
	}
	*out = res;
	return 0;
}

static int eval_field(struct jsonpath *jp, const struct jp_vals *in, const struct jp_node *node,
		      struct jp_vals *out, struct sb *err)
{
	struct jp_vals res = { 0 };
	*out = res;
	if (in->n == 0)
		return 0;
	for (size_t k = 0; k < in->n; k++) {
		val v = in->v[k], r;
		if (v.kind == VAL_MAP && val_map_get(v, node->s, node->n, &r))
			vals_push(jp->a, &res, r);
	}
	*out = res;
	if (res.n == 0 && !jp->allow_missing) {
		sb_add(err, node->s, node->n);
		sb_adds(err, " is not found");
		return -1;
	}
	return 0;
}

/* The children `*` and `..` walk: map values in key order (Go: random),
 * list items, the bytes of a string. */
static void children(struct jsonpath *jp, val v, struct jp_vals *res)
{
	switch (v.kind) {
	case VAL_MAP: {
		const uint32_t *ord = val_map_order(jp->a, v);
		for (size_t i = 0; i < val_map_len(v); i++)
			vals_push(jp->a, res, val_map_entry_at(v, ord[i])->v);
		break;
	}
	case VAL_LIST:
		for (size_t i = 0; i < val_list_len(v); i++)
			vals_push(jp->a, res, val_list_at(v, i));
		break;
	case VAL_STRING:
		for (size_t i = 0; i < v.len; i++)
			vals_push(jp->a, res, val_typed(val_int((unsigned char)v.u.s[i]), GT_UINT8));
		break;
	default:
		break;
	}
}

static int eval_wildcard(struct jsonpath *jp, const struct jp_vals *in, struct jp_vals *out)
{
	struct jp_vals res = { 0 };
	for (size_t k = 0; k < in->n; k++)
		children(jp, in->v[k], &res);
	*out = res;
	return 0;
}

static void eval_recursive(struct jsonpath *jp, const struct jp_vals *in, struct jp_vals *out)
{
	for (size_t k = 0; k < in->n; k++) {
		struct jp_vals kids = { 0 };
		children(jp, in->v[k], &kids);
		if (kids.n == 0)
			continue;
		vals_push(jp->a, out, in->v[k]);
		eval_recursive(jp, &kids, out);
	}
}

/* The comparison kinds of the forked text/template (funcs.go basicKind). */
enum jp_kind { K_INVALID, K_BOOL, K_INT, K_FLOAT, K_STRING, K_UINT };

static enum jp_kind basic_kind(val v)
{
	switch (v.kind) {
	case VAL_BOOL:
		return K_BOOL;
	case VAL_INT:
		return (v.gotype == GT_UINT8 || v.gotype == GT_UINT64) ? K_UINT : K_INT;
	case VAL_FLOAT:
		return K_FLOAT;
	case VAL_STRING:
		return K_STRING;
	default:
		return K_INVALID;
	}
}

#define ERR_BAD_TYPE "invalid type for comparison"
#define ERR_BAD_CMP "incompatible types for comparison"

static int str_cmp(val a, val b)
{
	size_t n = a.len < b.len ? a.len : b.len;
	int c = memcmp(a.u.s, b.u.s, n);
	if (c)
		return c;
	return a.len < b.len ? -1 : a.len > b.len;
}

static int tmpl_equal(val a, val b, bool *truth, struct sb *err)
{
	enum jp_kind k1 = basic_kind(a), k2 = basic_kind(b);
	*truth = false;
	if (k1 == K_INVALID || k2 == K_INVALID) {
		sb_adds(err, ERR_BAD_TYPE);
		return -1;
	}
	if (k1 != k2) {
		if (k1 == K_INT && k2 == K_UINT)
			*truth = a.u.i >= 0 && (uint64_t)a.u.i == (uint64_t)b.u.i;
		else if (k1 == K_UINT && k2 == K_INT)
			*truth = b.u.i >= 0 && (uint64_t)a.u.i == (uint64_t)b.u.i;
		else {
			sb_adds(err, ERR_BAD_CMP);
			return -1;
		}
		return 0;
	}
	switch (k1) {
	case K_BOOL:
		*truth = a.u.b == b.u.b;
		break;
	case K_FLOAT:
		*truth = a.u.f == b.u.f;
		break;
	case K_INT:
	case K_UINT:
		*truth = a.u.i == b.u.i;
		break;
	case K_STRING:
		*truth = str_cmp(a, b) == 0;
		break;
	default:
		break;
	}
	return 0;
}

static int tmpl_less(val a, val b, bool *truth, struct sb *err)
{
	enum jp_kind k1 = basic_kind(a), k2 = basic_kind(b);
	*truth = false;
	if (k1 == K_INVALID || k2 == K_INVALID) {
		sb_adds(err, ERR_BAD_TYPE);
		return -1;
	}
	if (k1 != k2) {
		if (k1 == K_INT && k2 == K_UINT)
			*truth = a.u.i < 0 || (uint64_t)a.u.i < (uint64_t)b.u.i;
		else if (k1 == K_UINT && k2 == K_INT)
			*truth = b.u.i >= 0 && (uint64_t)a.u.i < (uint64_t)b.u.i;
		else {
			sb_adds(err, ERR_BAD_CMP);
			return -1;
		}
		return 0;
	}
	switch (k1) {
	case K_BOOL:
		sb_adds(err, ERR_BAD_TYPE);
		return -1;
	case K_FLOAT:
		*truth = a.u.f < b.u.f;
		break;
	case K_INT:
		*truth = a.u.i < b.u.i;
		break;
	case K_UINT:
		*truth = (uint64_t)a.u.i < (uint64_t)b.u.i;
		break;
	case K_STRING:
		*truth = str_cmp(a, b) < 0;
		break;
	default:
		break;
	}
	return 0;
}

static int compare(const char *op, size_t n, val a, val b, bool *pass, struct sb *err)
{
	bool t;
	int rc;
	if (n == 1 && op[0] == '<')
		return tmpl_less(a, b, pass, err);
	if (n == 1 && op[0] == '>') { /* !(a <= b) */
		rc = tmpl_less(a, b, &t, err);
		if (rc == 0 && !t)
			rc = tmpl_equal(a, b, &t, err);
		*pass = rc == 0 && !t;
		return rc;
	}
	if (n == 2 && memcmp(op, "==", 2) == 0)
		return tmpl_equal(a, b, pass, err);
	if (n == 2 && memcmp(op, "!=", 2) == 0) {
		rc = tmpl_equal(a, b, &t, err);
		*pass = !t;
		return rc;
	}
	if (n == 2 && memcmp(op, "<=", 2) == 0) {
		rc = tmpl_less(a, b, pass, err);
		if (rc < 0 || *pass)
			return rc;
		return tmpl_equal(a, b, pass, err);
	}
	if (n == 2 && memcmp(op, ">=", 2) == 0) {
		rc = tmpl_less(a, b, &t, err);
		*pass = rc == 0 && !t;
		return rc;
	}
	sb_adds(err, "unrecognized filter operator ");
	sb_add(err, op, n);
	return -1;
}

static int eval_filter(struct jsonpath *jp, const struct jp_vals *in, const struct jp_node *node,
		       struct jp_vals *out, struct sb *err)
{
	struct jp_vals res = { 0 };
	bool exists = node->n == 6 && memcmp(node->s, "exists", 6) == 0;
	for (size_t k = 0; k < in->n; k++) {
		val v = in->v[k];
		if (v.kind != VAL_LIST) {
			*out = *in;
			fmt_value(jp->a, err, v);
			sb_adds(err, " is not array or slice and cannot be filtered");
			return -1;
		}
		for (size_t i = 0; i < val_list_len(v); i++) {
			val item = val_list_at(v, i);
			struct jp_vals temp = { &item, 1, 1 };
			struct jp_vals lefts, rights;
			struct sb lerr = SB_INIT;
			int rc = eval_list(jp, &temp, node->left, &lefts, &lerr);
			if (exists) {
				sb_release(&lerr);
				if (lefts.n > 0)
					vals_push(jp->a, &res, item);
				continue;
			}
			if (rc < 0) {
				sb_add(err, lerr.buf, lerr.len);
				sb_release(&lerr);
				*out = *in;
				return -1;
			}
			sb_release(&lerr);
			if (lefts.n == 0)
				continue;
			if (lefts.n > 1) {
				*out = *in;
				sb_adds(err, "can only compare one element at a time");
				return -1;
			}
			if (eval_list(jp, &temp, node->right, &rights, err) < 0) {
				*out = *in;
				return -1;
			}
			if (rights.n == 0)
				continue;
			if (rights.n > 1) {
				*out = *in;
				sb_adds(err, "can only compare one element at a time");
				return -1;
			}
			bool pass;
			if (compare(node->s, node->n, iface_of(lefts.v[0]), iface_of(rights.v[0]), &pass,
				    err) < 0) {
				*out = res;
				return -1;
			}
			if (pass)
				vals_push(jp->a, &res, item);
		}
	}
	*out = res;
	return 0;
}

static int walk(struct jsonpath *jp, const struct jp_vals *in, const struct jp_node *node,
		struct jp_vals *out, struct sb *err)
{
	*out = (struct jp_vals){ 0 };
	switch (node->type) {
	case JP_LIST:
		return eval_list(jp, in, node, out, err);
	case JP_TEXT:
		vals_push(jp->a, out, val_str_ref(node->s, node->n));
		return 0;
	case JP_FIELD:
		return eval_field(jp, in, node, out, err);
	case JP_ARRAY:
		return eval_array(jp, in, node, out, err);
	case JP_FILTER:
		return eval_filter(jp, in, node, out, err);
	case JP_INT:
		for (size_t i = 0; i < in->n; i++)
			vals_push(jp->a, out, val_typed(val_int(node->i), GT_INT));
		return 0;
	case JP_FLOAT:
		for (size_t i = 0; i < in->n; i++)
			vals_push(jp->a, out, val_float(node->f));
		return 0;
	case JP_BOOL:
		for (size_t i = 0; i < in->n; i++)
			vals_push(jp->a, out, val_bool(node->b));
		return 0;
	case JP_WILDCARD:
		return eval_wildcard(jp, in, out);
	case JP_RECURSIVE:
		eval_recursive(jp, in, out);
		return 0;
	case JP_UNION:
		return eval_union(jp, in, node, out, err);
	case JP_IDENT:
		return eval_identifier(jp, in, node, out, err);
	}
	return 0;
}

struct jp_groups {
	struct jp_vals *g;
	size_t n, cap;
};

static void groups_push(struct arena *a, struct jp_groups *gs, struct jp_vals v)
{
	if (gs->n == gs->cap) {
		size_t cap = gs->cap ? gs->cap * 2 : 4;
		struct jp_vals *ng = arena_alloc(a, cap * sizeof(*ng));
		if (gs->n)
			memcpy(ng, gs->g, gs->n * sizeof(*ng));
		gs->g = ng;
		gs->cap = cap;
	}
	gs->g[gs->n++] = v;
}

/* JSONPath.FindResults, range/end bookkeeping included. */
static int find_results(struct jsonpath *jp, val data, struct jp_groups *full, struct sb *err)
{
	/* results may be this very array ({@}): it must outlive the call */
	val *d = arena_alloc(jp->a, sizeof(*d));
	*d = value_of(data);
	struct jp_vals cur = { d, 1, 1 };
	struct jp_node **nodes = jp->root->nodes;
	size_t nn = jp->root->nn;
	for (size_t i = 0; i < nn; i++) {
		struct jp_vals results;
		if (walk(jp, &cur, nodes[i], &results, err) < 0)
			return -1;
		if (jp->end_range > 0 && jp->end_range <= jp->in_range) {
			jp->end_range--;
			jp->last_end = &nodes[i];
			break;
		}
		if (jp->begin_range > 0) {
			jp->begin_range--;
			jp->in_range++;
			if (results.n > 0) {
				for (size_t k = 0; k < results.n; k++) {
					jp->root->nodes = nodes + i + 1;
					jp->root->nn = nn - i - 1;
					if (is_invalid(results.v[k])) {
						sb_adds(err, "reflect: call of reflect.Value.Interface on zero Value");
						return -1;
					}
					if (find_results(jp, results.v[k], full, err) < 0)
						return -1;
				}
			} else {
				struct jp_groups scratch = { 0 };
				jp->root->nodes = nodes + i + 1;
				jp->root->nn = nn - i - 1;
				if (find_results(jp, val_null(), &scratch, err) < 0)
					return -1;
			}
			jp->in_range--;
			for (size_t k = i + 1; k < nn; k++) {
				if (&nodes[k] == jp->last_end) {
					i = k;
					break;
				}
			}
			continue;
		}
		groups_push(jp->a, full, results);
	}
	return 0;
}

int jsonpath_find(struct jsonpath *jp, val data, val *out, struct sb *err)
{
	struct jp_groups full = { 0 };
	if (find_results(jp, data, &full, err) < 0)
		return -1;
	*out = val_list_new(jp->a, full.n);
	for (size_t i = 0; i < full.n; i++) {
		val g = val_list_new(jp->a, full.g[i].n);
		for (size_t k = 0; k < full.g[i].n; k++)
			val_list_push(jp->a, g, full.g[i].v[k]);
		val_list_push(jp->a, *out, g);
	}
	return 0;
}

static int print_group(struct jsonpath *jp, const val *v, size_t n, struct sb *out, struct sb *err)
{
	val one;
	if (jp->output_json) {
		one = val_list_new(jp->a, n);
		for (size_t i = 0; i < n; i++) {
			if (is_invalid(v[i])) {
				sb_adds(err, "reflect: call of reflect.Value.Interface on zero Value");
				return -1;
			}
			val_list_push(jp->a, one, v[i]);
		}
		v = &one;
		n = 1;
	}
	for (size_t i = 0; i < n; i++) {
		val r = v[i];
		if (jp->output_json) {
			if (val_to_json(jp->a, r, VAL_JSON_ESCAPE_HTML, "", "    ", out, err) < 0)
				return -1;
			sb_addc(out, '\n');
		} else if (r.kind == VAL_MAP || r.kind == VAL_LIST) {
			if (val_to_json(jp->a, r, VAL_JSON_ESCAPE_HTML, NULL, NULL, out, err) < 0)
				return -1;
		} else if (is_invalid(r)) {
			sb_adds(out, "<no value>");
		} else if (r.kind == VAL_NULL) {
			sb_adds(out, "null");
		} else {
			val_fmt_v(jp->a, out, r);
		}
		if (i != n - 1)
			sb_addc(out, ' ');
	}
	return 0;
}

int jsonpath_print_results(struct jsonpath *jp, val results, struct sb *out, struct sb *err)
{
	return print_group(jp, results.u.l->items, val_list_len(results), out, err);
}

int jsonpath_execute(struct jsonpath *jp, val data, struct sb *out, struct sb *err)
{
	struct jp_groups full = { 0 };
	if (find_results(jp, data, &full, err) < 0)
		return -1;
	size_t mark = out->len;
	for (size_t i = 0; i < full.n; i++) {
		if (print_group(jp, full.g[i].v, full.g[i].n, out, err) < 0) {
			sb_setlen(out, mark);
			return -1;
		}
	}
	return 0;
}

/* -------------------------------------------------------------- printers */

struct jsonpath *jsonpath_printer_new(struct arena *a, const char *tmpl, size_t n, bool allow_missing,
				      bool as_json, struct sb *err)
{
	if (n == 0) {
		sb_adds(err, "template format specified but no template given");
		return NULL;
	}
	struct sb perr = SB_INIT;
	struct jsonpath *jp = jsonpath_parse(a, "out", tmpl, n, &perr);
	if (!jp) {
		sb_adds(err, "error parsing jsonpath ");
		sb_add(err, tmpl, n);
		sb_adds(err, ", ");
		sb_add(err, perr.buf, perr.len);
		sb_release(&perr);
		return NULL;
	}
	sb_release(&perr);
	jp->raw = tmpl;
	jp->rawn = n;
	jp->allow_missing = allow_missing;
	jp->output_json = as_json;
	return jp;
}

int jsonpath_printer_print(struct jsonpath *jp, val obj, struct sb *out, struct sb *err)
{
	struct sb e = SB_INIT;
	if (jsonpath_execute(jp, obj, out, &e) == 0) {
		sb_release(&e);
		return 0;
	}
	sb_adds(err, "error executing jsonpath ");
	strconv_append_quote(err, jp->raw, jp->rawn);
	sb_adds(err, ": Error executing template: ");
	sb_add(err, e.buf, e.len);
	sb_adds(err, ". Printing more information for debugging the template:\n\ttemplate was:\n\t\t");
	sb_add(err, jp->raw, jp->rawn);
	sb_adds(err, "\n\tobject given to jsonpath engine was:\n\t\t");
	val_sprintf(jp->a, err, "%#v", 3, &obj, 1);
	sb_adds(err, "\n\n\n");
	sb_release(&e);
	return -1;
}

val jsonpath_kubectl_list(struct arena *a, val items, const char *resource_version)
{
	val list = val_map_new(a, 4);
	val meta = val_map_new(a, 1);
	const char *rv = resource_version ? resource_version : "";
	val_map_set(a, meta, "resourceVersion", 15, val_cstr(a, rv));
	val_map_set(a, list, "apiVersion", 10, val_str_ref("v1", 2));
	val_map_set(a, list, "items", 5, items);
	val_map_set(a, list, "kind", 4, val_str_ref("List", 4));
	val_map_set(a, list, "metadata", 8, meta);
	return list;
}

static val int_of(val v)
{
	if (v.kind == VAL_FLOAT) {
		double f = v.u.f;
		if (f >= -9223372036854775808.0 && f < 9223372036854775808.0 && (double)(int64_t)f == f)
			return val_int((int64_t)f);
	} else if (v.kind == VAL_LIST || v.kind == VAL_MAP) {
		jsonpath_preserve_ints(v);
	}
	return v;
}

void jsonpath_preserve_ints(val v)
{
	if (v.kind == VAL_LIST) {
		for (size_t i = 0; i < val_list_len(v); i++)
			v.u.l->items[i] = int_of(v.u.l->items[i]);
	} else if (v.kind == VAL_MAP) {
		for (size_t i = 0; i < val_map_len(v); i++)
			v.u.m->entries[i].v = int_of(v.u.m->entries[i].v);
	}
}

void jsonpath_sprint(struct arena *a, struct sb *out, val v)
{
	if (is_invalid(v))
		sb_adds(out, "<no value>");
	else
		val_fmt_v(a, out, v);
}
