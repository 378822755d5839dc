/* reflect.c — Sprig v3.3.0's reflect.go (typeOf typeIs typeIsLike kindOf
 * kindIs) and reflect.DeepEqual as deepEqual, plus the reflection helpers
 * of fn_reflect.h the list, dict and defaults families share.  Types are
 * Go's as fmt's %T prints them, host types (.Chart, .Files...) by name
 * through the engine's type table. */
#include <string.h>

#include "funcs/fn_reflect.h"
#include "funcs/funcs.h"

static const struct tmpl_type lists_type = { "[][]interface {}", false, false, NULL, 0, NULL, { 0 } };

const struct tmpl_type *fn_collections_type_of(uint8_t gotype)
{
	return gotype == FN_GT_LISTS ? &lists_type : NULL;
}

const char *fn_type_name(struct tmpl_exec *x, val v)
{
	const struct tmpl_type *t = fn_collections_type_of(v.gotype);
	return t ? t->name : tmpl_type_name(x, v);
}

static const struct tmpl_type *host_type(struct tmpl_exec *x, val v)
{
	if (!x || !x->type_of || v.gotype == GT_DEFAULT)
		return NULL;
	return x->type_of(x->host, v.gotype);
}

bool fn_is_slice(val v)
{
	return v.kind == VAL_LIST || (v.kind == VAL_STRING && v.gotype == GT_BYTES);
}

const char *fn_kind_name(struct tmpl_exec *x, val v)
{
	switch (v.kind) {
	case VAL_NULL:
		return "invalid";
	case VAL_BOOL:
		return "bool";
	case VAL_INT:
		switch (v.gotype) {
		case GT_INT: return "int";
		case GT_UINT64: return "uint64";
		case GT_UINT8: return "uint8";
		default: return "int64";
		}
	case VAL_FLOAT:
		return "float64";
	case VAL_STRING:
		return v.gotype == GT_BYTES ? "slice" : "string";
	case VAL_LIST:
		return "slice";
	case VAL_MAP: {
		const struct tmpl_type *t = host_type(x, v);
		if (t && t->is_struct)
			return t->name[0] == '*' ? "ptr" : "struct";
		return "map";
	}
	default:
		return "ptr";
	}
}

bool fn_empty(struct tmpl_exec *x, val v)
{
	switch (v.kind) {
	case VAL_NULL:
		return true;
	case VAL_BOOL:
		return !v.u.b;
	case VAL_INT:
		return v.u.i == 0;
	case VAL_FLOAT:
		return v.u.f == 0;
	case VAL_STRING:
		return v.len == 0;
	case VAL_LIST:
		return val_list_len(v) == 0;
	case VAL_MAP: {
		/* structs are never empty, nor are non-nil pointers to them */
		const struct tmpl_type *t = host_type(x, v);
		if (t && t->is_struct)
			return false;
		return val_map_len(v) == 0;
	}
	default:
		return false;
	}
}

/* The Go type of a value for DeepEqual's identity check. */
static unsigned type_key(val v)
{
	unsigned gt = v.gotype;
	if (v.kind == VAL_MAP && gt == GT_MAP_ANY)
		gt = GT_DEFAULT; /* map[string]any is map[string]interface {} */
	return (unsigned)v.kind << 8 | gt;
}

bool fn_deep_equal(struct tmpl_exec *x, val a, val b)
{
	if (type_key(a) != type_key(b))
		return false;
	switch (a.kind) {
	case VAL_NULL:
		return true;
	case VAL_BOOL:
		return a.u.b == b.u.b;
	case VAL_INT:
		return a.u.i == b.u.i;
	case VAL_FLOAT:
		return a.u.f == b.u.f; /* NaN is unequal to itself */
	case VAL_STRING:
		return a.len == b.len && (a.len == 0 || memcmp(a.u.s, b.u.s, a.len) == 0);
	case VAL_LIST: {
		size_t n = val_list_len(a);
		if ((a.flags ^ b.flags) & VAL_F_GO_NIL)
			return false; /* a nil slice is not an empty one */
		if (n != val_list_len(b))
			return false;
		if (a.u.l->items == b.u.l->items)
			return true; /* same backing array */
		for (size_t i = 0; i < n; i++)
			if (!fn_deep_equal(x, val_list_at(a, i), val_list_at(b, i)))
				return false;
		return true;
	}
	case VAL_MAP: {
		if ((a.flags ^ b.flags) & VAL_F_GO_NIL)
			return false; /* a nil map is not an empty one */
		if (a.u.m == b.u.m)
			return true;
		size_t n = val_map_len(a);
		if (n != val_map_len(b))
			return false;
		for (size_t i = 0; i < n; i++) {
			const struct val_map_entry *e = val_map_entry_at(a, i);
			val *o = val_map_ref(b, e->key, e->klen);
			if (!o || !fn_deep_equal(x, e->v, *o))
				return false;
		}
		return true;
	}
	default:
		return a.u.p == b.u.p;
	}
}

static bool str_is(val s, const char *t)
{
	size_t n = strlen(t);
	return s.len == n && memcmp(s.u.s, t, n) == 0;
}

/* typeOf: fmt.Sprintf("%T", src) */
static int f_type_of(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = val_cstr(x->a, fn_type_name(x, a[0]));
	return 0;
}

static int f_type_is(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = val_bool(str_is(a[0], fn_type_name(x, a[1])));
	return 0;
}

/* typeIsLike: the type or a pointer to it */
static int f_type_is_like(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	const char *t = fn_type_name(x, a[1]);
	bool like = str_is(a[0], t) || (t[0] == '*' && str_is(a[0], t + 1));
	*out = val_bool(like);
	return 0;
}

static int f_kind_of(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = val_cstr(x->a, fn_kind_name(x, a[0]));
	return 0;
}

static int f_kind_is(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = val_bool(str_is(a[0], fn_kind_name(x, a[1])));
	return 0;
}

static int f_deep_equal(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = val_bool(fn_deep_equal(x, a[0], a[1]));
	return 0;
}

const struct tmpl_func fn_reflect_table[] = {
	{ "typeOf", f_type_of, 1, false, { TP_ANY } },
	{ "typeIs", f_type_is, 2, false, { TP_STRING, TP_ANY } },
	{ "typeIsLike", f_type_is_like, 2, false, { TP_STRING, TP_ANY } },
	{ "kindOf", f_kind_of, 1, false, { TP_ANY } },
	{ "kindIs", f_kind_is, 2, false, { TP_STRING, TP_ANY } },
	{ "deepEqual", f_deep_equal, 2, false, { TP_ANY, TP_ANY } },
};
const size_t fn_reflect_count = sizeof(fn_reflect_table) / sizeof(fn_reflect_table[0]);
