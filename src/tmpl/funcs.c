/* funcs.c — the function map and text/template's builtins (funcs.go of Go
 * 1.23.7): and or not len index slice print printf println html js urlquery
 * call eq ne lt le gt ge, with reflect's panics turned into the error texts
 * Go's safeCall reports. */
#include "tmpl/tmpl.h"

#include <string.h>

#include "base/quote.h"
#include "base/strconv.h"
#include "base/utf8.h"
#include "value/codec.h"

/* ---- the table ---- */

void tmpl_funcs_add(struct tmpl_funcs *f, const struct tmpl_func *table, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *name = table[i].name;
		size_t len = strlen(name);
		val *slot = val_map_ref(f->index, name, len);
		if (slot) {
			f->funcs[slot->u.i] = &table[i];
			continue;
		}
		if (f->n == f->cap) {
			size_t nc = f->cap ? f->cap * 2 : 64;
			f->funcs = arena_grow(f->arena, f->funcs, f->cap * sizeof(*f->funcs), nc * sizeof(*f->funcs));
			f->cap = nc;
		}
		f->funcs[f->n] = &table[i];
		val_map_set(f->arena, f->index, name, len, val_int((int64_t)f->n));
		f->n++;
	}
}

int tmpl_funcs_lookup(const struct tmpl_funcs *f, const char *name, size_t n)
{
	val v;
	if (!val_map_get(f->index, name, n, &v))
		return -1;
	return (int)v.u.i;
}

/* ---- helpers ---- */

static val iface_elem(val v)
{
	v.flags |= TMPL_IFACE;
	return v;
}

/* indirectInterface: the value inside an interface, invalid for nil. */
static val indirect_iface(val v)
{
	v.flags &= (uint16_t)~TMPL_IFACE;
	return v;
}

static bool invalid(val v)
{
	return v.kind == VAL_NULL && !(v.flags & TMPL_IFACE);
}

static bool go_is_nil(val v)
{
	return invalid(v) || ((v.kind == VAL_MAP || v.kind == VAL_LIST) && (v.flags & VAL_F_GO_NIL));
}

static bool nil_iface(val v)
{
	return v.kind == VAL_NULL && (v.flags & TMPL_IFACE);
}

enum bkind { K_INVALID, K_BOOL, K_COMPLEX, K_INT, K_FLOAT, K_STRING, K_UINT };

static enum bkind basic_kind(val v)
{
	switch (v.kind) {
	case VAL_BOOL:
		return K_BOOL;
	case VAL_INT:
		return v.gotype == GT_UINT64 || v.gotype == GT_UINT8 ? K_UINT : K_INT;
	case VAL_FLOAT:
		return K_FLOAT;
	case VAL_STRING:
		return v.gotype == GT_BYTES ? K_INVALID : K_STRING;
	default:
		return K_INVALID;
	}
}

static int str_cmp(val a, val b)
{
	size_t n = a.len < b.len ? a.len : b.len;
	int c = n ? memcmp(a.u.s, b.u.s, n) : 0;
	if (c)
		return c;
	return (a.len > b.len) - (a.len < b.len);
}

static const char *sprint_v(struct tmpl_exec *x, val v, const char *verb)
{
	struct sb s = SB_INIT;
	struct val_fmt_host h;
	tmpl_fmt_host(x, &h);
	val_sprintf_h(&h, x->a, &s, verb, strlen(verb), &v, 1);
	char *p = arena_memdup(x->a, s.buf, s.len);
	sb_release(&s);
	return p;
}

/* ---- and / or are evaluated by the executor (they short-circuit) ---- */

static int fn_not(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val v = indirect_iface(a[0]);
	*out = val_bool(!(v.kind != VAL_NULL && val_truthy(v)));
	return 0;
}

static int fn_len(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val v = a[0];
	if (nil_iface(v))
		return tmpl_fail(x, "len of nil pointer");
	v = indirect_iface(v);
	switch (v.kind) {
	case VAL_STRING:
		*out = val_typed(val_int(v.len), GT_INT);
		return 0;
	case VAL_LIST:
		*out = val_typed(val_int(val_list_len(v)), GT_INT);
		return 0;
	case VAL_MAP:
		/* a host struct (sprig.certificate...) has no length */
		if (v.gotype >= GT_HOST_FIRST && x->type_of) {
			const struct tmpl_type *ht = x->type_of(x->host, v.gotype);
			if (ht && ht->is_struct)
				return tmpl_fail(x, "len of type %s", ht->name);
		}
		*out = val_typed(val_int(val_map_len(v)), GT_INT);
		return 0;
	case VAL_NULL:
		return tmpl_fail(x, "reflect: call of reflect.Value.Type on zero Value");
	default:
		return tmpl_fail(x, "len of type %s", tmpl_type_name(x, v));
	}
}

/* indexArg: an integer index within [0, cap].  An index still inside an
 * interface{} is reported as such (slice passes them unwrapped). */
static int index_arg(struct tmpl_exec *x, val idx, size_t cap, long *out)
{
	int64_t i;
	if (idx.flags & TMPL_IFACE)
		return tmpl_fail(x, "cannot index slice/array with type interface {}");
	if (idx.kind == VAL_INT) {
		i = idx.u.i;
		if (idx.gotype == GT_UINT64 && i < 0)
			return tmpl_fail(x, "index out of range: %lld", (long long)i);
	} else if (idx.kind == VAL_NULL) {
		return tmpl_fail(x, "cannot index slice/array with nil");
	} else {
		return tmpl_fail(x, "cannot index slice/array with type %s", tmpl_type_name(x, idx));
	}
	if (i < 0 || (uint64_t)i > cap)
		return tmpl_fail(x, "index out of range: %lld", (long long)i);
	*out = (long)i;
	return 0;
}

static int fn_index(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val item = indirect_iface(a[0]);
	if (item.kind == VAL_NULL)
		return tmpl_fail(x, "index of untyped nil");
	for (size_t k = 1; k < n; k++) {
		val idx = indirect_iface(a[k]);
		if (nil_iface(item))
			return tmpl_fail(x, "index of nil pointer");
		item = indirect_iface(item);
		switch (item.kind) {
		case VAL_LIST:
		case VAL_STRING: {
			size_t len = item.kind == VAL_LIST ? val_list_len(item) : item.len;
			long i;
			if (index_arg(x, idx, len, &i) < 0)
				return -1;
			if ((size_t)i == len)
				return tmpl_fail(x, item.kind == VAL_LIST ? "reflect: slice index out of range"
									  : "reflect: string index out of range");
			if (item.kind == VAL_LIST) {
				val e = val_list_at(item, (size_t)i);
				item = item.gotype == GT_DEFAULT ? iface_elem(e) : e;
			} else {
				item = val_typed(val_int((unsigned char)item.u.s[i]), GT_UINT8);
			}
			break;
		}
		case VAL_MAP: {
			if (invalid(idx) || nil_iface(idx))
				return tmpl_fail(x, "value is nil; should be of type string");
			if (idx.kind != VAL_STRING || idx.gotype != GT_DEFAULT)
				return tmpl_fail(x, "value has type %s; should be string", tmpl_type_name(x, idx));
			val *e = val_map_ref(item, idx.u.s, idx.len);
			const struct tmpl_type *ht = item.gotype >= GT_HOST_FIRST && x->type_of
							     ? x->type_of(x->host, item.gotype) : NULL;
			if (ht && !ht->elem_iface) /* map[string]string: the zero "" */
				item = e ? *e : ht->elem_zero;
			else
				item = iface_elem(e ? *e : val_null());
			break;
		}
		default:
			return tmpl_fail(x, "can't index item of type %s", tmpl_type_name(x, item));
		}
	}
	*out = item;
	return 0;
}

static int fn_slice(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val item = indirect_iface(a[0]);
	if (item.kind == VAL_NULL)
		return tmpl_fail(x, "slice of untyped nil");
	size_t nidx = n - 1;
	if (nidx > 3)
		return tmpl_fail(x, "too many slice indexes: %zu", nidx);
	size_t cap;
	if (item.kind == VAL_STRING) {
		if (nidx == 3)
			return tmpl_fail(x, "cannot 3-index slice a string");
		cap = item.len;
	} else if (item.kind == VAL_LIST) {
		cap = item.u.l->cap;
	} else {
		return tmpl_fail(x, "can't slice item of type %s", tmpl_type_name(x, item));
	}
	long idx[3] = { 0, item.kind == VAL_STRING ? (long)item.len : (long)val_list_len(item), 0 };
	for (size_t i = 0; i < nidx; i++)
		if (index_arg(x, a[i + 1], cap, &idx[i]) < 0)
			return -1;
	if (idx[0] > idx[1])
		return tmpl_fail(x, "invalid slice index: %ld > %ld", idx[0], idx[1]);
	if (nidx == 3 && idx[1] > idx[2])
		return tmpl_fail(x, "invalid slice index: %ld > %ld", idx[1], idx[2]);
	if (item.kind == VAL_STRING) {
		val s = val_str_ref(item.u.s + idx[0], (size_t)(idx[1] - idx[0]));
		s.gotype = item.gotype;
		*out = s;
		return 0;
	}
	/* A Go slice expression shares the backing array. */
	struct val_list *l = arena_alloc(x->a, sizeof(*l));
	l->items = item.u.l->items + idx[0];
	l->len = (uint32_t)(idx[1] - idx[0]);
	l->cap = (uint32_t)((nidx == 3 ? idx[2] : (long)item.u.l->cap) - idx[0]);
	val r = item;
	r.u.l = l;
	*out = r;
	return 0;
}

/* ---- fmt of host types ---- */

/* The one struct with an embedded field: Helm's .Chart is
 * struct { chart.Metadata; IsRoot bool } (engine.go), flat in the value. */
static const char chart_meta_prefix[] = "struct { chart.Metadata;";

static bool fmt_describe(void *ctx, val v, struct val_fmt_type *t)
{
	struct tmpl_exec *x = ctx;
	const struct tmpl_type *ht = x->type_of ? x->type_of(x->host, v.gotype) : NULL;
	if (!ht)
		return false;
	t->name = ht->name;
	t->stringer = ht->stringer && ht->print;
	t->is_struct = ht->is_struct && v.kind == VAL_MAP;
	t->is_ptr = t->is_struct && ht->name[0] == '*' && v.u.p != x->fmt_deref;
	if (t->is_struct && ht->name[0] == '*' && !t->is_ptr)
		t->name++;
	if (t->is_struct && !strncmp(ht->name, chart_meta_prefix, sizeof(chart_meta_prefix) - 1) &&
	    val_map_len(v) > 0) {
		t->embed = (uint8_t)(val_map_len(v) - 1);
		t->embed_name = "Metadata";
		t->embed_type = "chart.Metadata";
	}
	return true;
}

static void fmt_string(void *ctx, val v, struct sb *out)
{
	struct tmpl_exec *x = ctx;
	const struct tmpl_type *ht = x->type_of(x->host, v.gotype);
	ht->print(x, v, out);
}

void tmpl_fmt_host(struct tmpl_exec *x, struct val_fmt_host *h)
{
	h->ctx = x;
	h->describe = fmt_describe;
	h->string = fmt_string;
}

void tmpl_fmt_v(struct tmpl_exec *x, val v, struct sb *out)
{
	/* scalars of Go's own types: no host type can be inside */
	if (!x->type_of || (v.gotype < GT_HOST_FIRST && v.kind != VAL_LIST && v.kind != VAL_MAP)) {
		val_fmt_v(x->a, out, v);
		return;
	}
	struct val_fmt_host h;
	tmpl_fmt_host(x, &h);
	val_sprint_h(&h, x->a, out, &v, 1);
}

void tmpl_fmt_v_deref(struct tmpl_exec *x, val v, struct sb *out)
{
	const void *saved = x->fmt_deref;
	x->fmt_deref = v.kind == VAL_MAP ? v.u.p : NULL;
	tmpl_fmt_v(x, v, out);
	x->fmt_deref = saved;
}

static int fn_print(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb s = SB_INIT;
	struct val_fmt_host h;
	tmpl_fmt_host(x, &h);
	val_sprint_h(&h, x->a, &s, a, n);
	*out = val_str(x->a, s.buf, s.len);
	sb_release(&s);
	return 0;
}

static int fn_printf(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb s = SB_INIT;
	struct val_fmt_host h;
	tmpl_fmt_host(x, &h);
	val_sprintf_h(&h, x->a, &s, a[0].u.s, a[0].len, a + 1, n - 1);
	*out = val_str(x->a, s.buf, s.len);
	sb_release(&s);
	return 0;
}

static int fn_println(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb s = SB_INIT;
	struct val_fmt_host h;
	tmpl_fmt_host(x, &h);
	val_sprintln_h(&h, x->a, &s, a, n);
	*out = val_str(x->a, s.buf, s.len);
	sb_release(&s);
	return 0;
}

/* evalArgs: a lone string as is, otherwise fmt.Sprint of all, with nil
 * arguments printed as the string "<no value>" (printableValue). */
static void eval_args(struct tmpl_exec *x, val *a, size_t n, struct sb *s)
{
	if (n == 1 && a[0].kind == VAL_STRING && a[0].gotype == GT_DEFAULT) {
		sb_add(s, a[0].u.s, a[0].len);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (a[i].kind == VAL_NULL)
			a[i] = val_str_ref("<no value>", 10);
	if (n == 1) {
		tmpl_fmt_v_deref(x, a[0], s);
		return;
	}
	struct val_fmt_host h;
	tmpl_fmt_host(x, &h);
	val_sprint_h(&h, x->a, s, a, n);
}

static int fn_html(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb s = SB_INIT, r = SB_INIT;
	eval_args(x, a, n, &s);
	for (size_t i = 0; i < s.len; i++) {
		switch (s.buf[i]) {
		case '"': sb_adds(&r, "&#34;"); break;
		case '\'': sb_adds(&r, "&#39;"); break;
		case '&': sb_adds(&r, "&amp;"); break;
		case '<': sb_adds(&r, "&lt;"); break;
		case '>': sb_adds(&r, "&gt;"); break;
		case '\0': sb_adds(&r, "\xef\xbf\xbd"); break;
		default: sb_addc(&r, s.buf[i]);
		}
	}
	*out = val_str(x->a, r.buf, r.len);
	sb_release(&s);
	sb_release(&r);
	return 0;
}

/* JSEscapeString: Go's rules, including \u escapes for non-printables. */
static int fn_js(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb s = SB_INIT, r = SB_INIT;
	eval_args(x, a, n, &s);
	for (size_t i = 0; i < s.len;) {
		unsigned char c = (unsigned char)s.buf[i];
		if (c < 0x80) {
			switch (c) {
			case '\\': sb_adds(&r, "\\\\"); break;
			case '\'': sb_adds(&r, "\\'"); break;
			case '"': sb_adds(&r, "\\\""); break;
			case '<': sb_adds(&r, "\\u003C"); break;
			case '>': sb_adds(&r, "\\u003E"); break;
			case '&': sb_adds(&r, "\\u0026"); break;
			case '=': sb_adds(&r, "\\u003D"); break;
			default:
				if (c < ' ')
					sb_addf(&r, "\\u%04X", c);
				else
					sb_addc(&r, (char)c);
			}
			i++;
			continue;
		}
		size_t w;
		int32_t rune = utf8_decode(s.buf + i, s.len - i, &w);
		/* unicode.IsPrint: the strconv table is the same set */
		if (strconv_is_print(rune)) {
			sb_add(&r, s.buf + i, w);
		} else {
			sb_addf(&r, "\\u%04X", (unsigned)rune);
		}
		i += w;
	}
	*out = val_str(x->a, r.buf, r.len);
	sb_release(&s);
	sb_release(&r);
	return 0;
}

/* url.QueryEscape */
static int fn_urlquery(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb s = SB_INIT, r = SB_INIT;
	eval_args(x, a, n, &s);
	for (size_t i = 0; i < s.len; i++) {
		unsigned char c = (unsigned char)s.buf[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
		    c == '_' || c == '.' || c == '~')
			sb_addc(&r, (char)c);
		else if (c == ' ')
			sb_addc(&r, '+');
		else
			sb_addf(&r, "%%%02X", c);
	}
	*out = val_str(x->a, r.buf, r.len);
	sb_release(&s);
	sb_release(&r);
	return 0;
}

/* call: template data never holds Go functions here, so every call fails
 * the way Go's does for a non-function.  a[0] is the callee's text. */
static int fn_call(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val fn = indirect_iface(a[1]);
	if (fn.kind == VAL_NULL)
		return tmpl_fail(x, "call of nil");
	return tmpl_fail(x, "non-function %.*s of type %s", (int)a[0].len, a[0].u.s, tmpl_type_name(x, fn));
}

static int eq_one(struct tmpl_exec *x, val a1, val a2, bool *truth)
{
	enum bkind k1 = basic_kind(a1), k2 = basic_kind(a2);
	*truth = false;
	if (k1 != k2) {
		if (k1 == K_INT && k2 == K_UINT)
			*truth = a1.u.i >= 0 && a1.u.i == a2.u.i;
		else if (k1 == K_UINT && k2 == K_INT)
			*truth = a2.u.i >= 0 && a1.u.i == a2.u.i;
		else if (!invalid(a1) && !invalid(a2))
			return tmpl_fail(x, "incompatible types for comparison");
		return 0;
	}
	switch (k1) {
	case K_BOOL:
		*truth = a1.u.b == a2.u.b;
		return 0;
	case K_FLOAT:
		*truth = a1.u.f == a2.u.f;
		return 0;
	case K_INT:
	case K_UINT:
		*truth = a1.u.i == a2.u.i;
		return 0;
	case K_STRING:
		*truth = str_cmp(a1, a2) == 0;
		return 0;
	default:
		break;
	}
	/* Neither is a basic kind.  canCompare: nil compares with anything
	 * (isNil: an invalid value, a nil map or slice) */
	if (invalid(a1) || invalid(a2)) {
		*truth = go_is_nil(a1) && go_is_nil(a2);
		return 0;
	}
	if (a1.kind == VAL_MAP && a2.kind == VAL_MAP && a1.gotype == a2.gotype && x->type_of) {
		const struct tmpl_type *t = x->type_of(x->host, a1.gotype);
		if (t && t->comparable) {
			*truth = val_equal(a1, a2);
			return 0;
		}
	}
	if (a1.kind != a2.kind)
		return tmpl_fail(x, "non-comparable types %s: %s, %s: %s", sprint_v(x, a1, "%s"),
				 tmpl_type_name(x, a1), tmpl_type_name(x, a2), sprint_v(x, a2, "%v"));
	/* isNil: a nil map or slice compares (equal only to another nil) */
	if ((a1.flags | a2.flags) & VAL_F_GO_NIL) {
		*truth = (a1.flags & a2.flags & VAL_F_GO_NIL) != 0;
		return 0;
	}
	return tmpl_fail(x, "non-comparable type %s: %s", sprint_v(x, a2, "%s"), tmpl_type_name(x, a2));
}

static int fn_eq(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val a1 = indirect_iface(a[0]);
	if (n < 2)
		return tmpl_fail(x, "missing argument for comparison");
	for (size_t i = 1; i < n; i++) {
		bool t;
		if (eq_one(x, a1, indirect_iface(a[i]), &t) < 0)
			return -1;
		if (t) {
			*out = val_bool(true);
			return 0;
		}
	}
	*out = val_bool(false);
	return 0;
}

static int fn_ne(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	bool t;
	if (eq_one(x, indirect_iface(a[0]), indirect_iface(a[1]), &t) < 0)
		return -1;
	*out = val_bool(!t);
	return 0;
}

static int less(struct tmpl_exec *x, val a1, val a2, bool *truth)
{
	a1 = indirect_iface(a1);
	a2 = indirect_iface(a2);
	enum bkind k1 = basic_kind(a1), k2 = basic_kind(a2);
	if (k1 == K_INVALID || k2 == K_INVALID)
		return tmpl_fail(x, "invalid type for comparison");
	*truth = false;
	if (k1 != k2) {
		if (k1 == K_INT && k2 == K_UINT)
			*truth = a1.u.i < 0 || (uint64_t)a1.u.i < (uint64_t)a2.u.i;
		else if (k1 == K_UINT && k2 == K_INT)
			*truth = a2.u.i >= 0 && (uint64_t)a1.u.i < (uint64_t)a2.u.i;
		else
			return tmpl_fail(x, "incompatible types for comparison");
		return 0;
	}
	switch (k1) {
	case K_BOOL:
	case K_COMPLEX:
		return tmpl_fail(x, "invalid type for comparison");
	case K_FLOAT:
		*truth = a1.u.f < a2.u.f;
		return 0;
	case K_INT:
		*truth = a1.u.i < a2.u.i;
		return 0;
	case K_UINT:
		*truth = (uint64_t)a1.u.i < (uint64_t)a2.u.i;
		return 0;
	case K_STRING:
		*truth = str_cmp(a1, a2) < 0;
		return 0;
	default:
		return tmpl_fail(x, "invalid type for comparison");
	}
}

static int fn_lt(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	bool t;
	if (less(x, a[0], a[1], &t) < 0)
		return -1;
	*out = val_bool(t);
	return 0;
}

/* le: lt || eq (Go evaluates lt first, so its errors win). */
static int le_(struct tmpl_exec *x, val *a, bool *t)
{
	if (less(x, a[0], a[1], t) < 0)
		return -1;
	if (*t)
		return 0;
	return eq_one(x, indirect_iface(a[0]), indirect_iface(a[1]), t);
}

static int fn_le(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	bool t;
	if (le_(x, a, &t) < 0)
		return -1;
	*out = val_bool(t);
	return 0;
}

static int fn_gt(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	bool t;
	if (le_(x, a, &t) < 0)
		return -1;
	*out = val_bool(!t);
	return 0;
}

static int fn_ge(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	bool t;
	if (less(x, a[0], a[1], &t) < 0)
		return -1;
	*out = val_bool(!t);
	return 0;
}

static const struct tmpl_func builtins[] = {
	{ "and", NULL, 2, true, { TP_VALUE, TP_VALUE }, TF_SHORT_CIRCUIT },
	{ "call", fn_call, 2, true, { TP_VALUE, TP_VALUE }, TF_CALL },
	{ "html", fn_html, 1, true, { TP_ANY } },
	{ "index", fn_index, 2, true, { TP_VALUE, TP_VALUE } },
	{ "slice", fn_slice, 2, true, { TP_VALUE, TP_VALUE } },
	{ "js", fn_js, 1, true, { TP_ANY } },
	{ "len", fn_len, 1, false, { TP_VALUE } },
	{ "not", fn_not, 1, false, { TP_VALUE } },
	{ "or", NULL, 2, true, { TP_VALUE, TP_VALUE }, TF_SHORT_CIRCUIT },
	{ "print", fn_print, 1, true, { TP_ANY } },
	{ "printf", fn_printf, 2, true, { TP_STRING, TP_ANY } },
	{ "println", fn_println, 1, true, { TP_ANY } },
	{ "urlquery", fn_urlquery, 1, true, { TP_ANY } },
	{ "eq", fn_eq, 2, true, { TP_VALUE, TP_VALUE } },
	{ "ge", fn_ge, 2, false, { TP_VALUE, TP_VALUE } },
	{ "gt", fn_gt, 2, false, { TP_VALUE, TP_VALUE } },
	{ "le", fn_le, 2, false, { TP_VALUE, TP_VALUE } },
	{ "lt", fn_lt, 2, false, { TP_VALUE, TP_VALUE } },
	{ "ne", fn_ne, 2, false, { TP_VALUE, TP_VALUE } },
};

void tmpl_funcs_init(struct tmpl_funcs *f, struct arena *a)
{
	memset(f, 0, sizeof(*f));
	f->arena = a;
	f->index = val_map_new(a, 0);
	tmpl_funcs_add(f, builtins, sizeof(builtins) / sizeof(builtins[0]));
}
