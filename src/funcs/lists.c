/* lists.c — Sprig v3.3.0's list.go: list tuple push/append prepend first
 * rest last initial reverse uniq without has slice concat dig chunk compact
 * and their must* twins.  Sprig reaches into any slice kind by reflection
 * ([]interface{}, []string, []byte...), so do we; its panics (the non-must
 * variants, reflect's own, a nil argument's nil dereference) reach the user
 * through text/template's safeCall with the same text as the must* errors. */
#include <math.h>
#include <string.h>

#include "base/fmath.h"
#include "base/strconv_parse.h"
#include "funcs/fn_reflect.h"
#include "funcs/funcs.h"
#include "value/codec.h"

/* reflect.TypeOf(nil).Kind() dereferences a nil *rtype */
#define NIL_DEREF "runtime error: invalid memory address or nil pointer dereference"

static size_t seq_len(val v)
{
	return v.kind == VAL_LIST ? val_list_len(v) : v.len;
}

/* l2.Index(i).Interface(): a []byte element is a uint8 */
static val seq_at(val v, size_t i)
{
	if (v.kind == VAL_LIST)
		return val_list_at(v, i);
	return val_typed(val_int((unsigned char)v.u.s[i]), GT_UINT8);
}

/* The error of a function given something that is not a slice; fmt has
 * one %s for reflect's kind name. */
static int not_slice(struct tmpl_exec *x, val v, const char *fmt)
{
	if (v.kind == VAL_NULL)
		return tmpl_fail(x, NIL_DEREF);
	return tmpl_fail(x, fmt, fn_kind_name(x, v));
}

static val new_list(struct tmpl_exec *x, size_t cap)
{
	return val_list_new(x->a, cap);
}

/* list, tuple: the variadic arguments as a []interface{} */
static int f_list(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val l = new_list(x, n);
	for (size_t i = 0; i < n; i++)
		val_list_push(x->a, l, a[i]);
	*out = l;
	return 0;
}

/* A fresh []interface{} of the elements of slice v from..to. */
static val copy_range(struct tmpl_exec *x, val v, size_t from, size_t to, size_t extra)
{
	val l = new_list(x, to - from + extra);
	for (size_t i = from; i < to; i++)
		val_list_push(x->a, l, seq_at(v, i));
	return l;
}

static int f_push(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	if (!fn_is_slice(a[0]))
		return not_slice(x, a[0], "Cannot push on type %s");
	val l = copy_range(x, a[0], 0, seq_len(a[0]), 1);
	val_list_push(x->a, l, a[1]);
	*out = l;
	return 0;
}

static int f_prepend(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	if (!fn_is_slice(a[0]))
		return not_slice(x, a[0], "Cannot prepend on type %s");
	size_t len = seq_len(a[0]);
	val l = new_list(x, len + 1);
	val_list_push(x->a, l, a[1]);
	for (size_t i = 0; i < len; i++)
		val_list_push(x->a, l, seq_at(a[0], i));
	*out = l;
	return 0;
}

/* Go's int(f) on amd64 (CVTTSD2SQ): NaN and out-of-range give MinInt64. */
static int64_t go_float_to_int(double f)
{
	if (isnan(f) || f >= 9223372036854775808.0 || f < -9223372036854775808.0)
		return INT64_MIN;
	return (int64_t)f;
}

/* chunk: Sprig's float arithmetic for the chunk count and the last chunk's
 * size, so sizes <= 0 panic in make() just as they do in Go. */
static int f_chunk(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	int64_t size = a[0].u.i;
	val v = a[1];
	if (!fn_is_slice(v))
		return not_slice(x, v, "Cannot chunk type %s");
	int64_t l = (int64_t)seq_len(v);
	int64_t cs = go_float_to_int(fm_floor((double)(l - 1) / (double)size) + 1);
	if (cs < 0)
		return tmpl_fail(x, "runtime error: makeslice: len out of range");
	val res = val_typed(new_list(x, (size_t)cs), FN_GT_LISTS);
	for (int64_t i = 0; i < cs; i++) {
		int64_t clen = size;
		if (i == cs - 1) {
			clen = go_float_to_int(fm_floor(fm_fmod((double)l, (double)size)));
			if (clen == 0)
				clen = size;
		}
		if (clen < 0)
			return tmpl_fail(x, "runtime error: makeslice: len out of range");
		val c = new_list(x, (size_t)clen);
		for (int64_t j = 0; j < clen; j++) {
			int64_t ix = i * size + j;
			if (ix < 0 || ix >= l)
				return tmpl_fail(x, "reflect: slice index out of range");
			val_list_push(x->a, c, seq_at(v, (size_t)ix));
		}
		val_list_push(x->a, res, c);
	}
	*out = res;
	return 0;
}

static int f_first(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	if (!fn_is_slice(a[0]))
		return not_slice(x, a[0], "Cannot find first on type %s");
	*out = seq_len(a[0]) ? seq_at(a[0], 0) : val_null();
	return 0;
}

static int f_last(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	if (!fn_is_slice(a[0]))
		return not_slice(x, a[0], "Cannot find last on type %s");
	size_t len = seq_len(a[0]);
	*out = len ? seq_at(a[0], len - 1) : val_null();
	return 0;
}

/* rest and initial of an empty slice are Go's nil []interface{}: an empty
 * list flagged VAL_F_GO_NIL (toJson writes null). */
static val go_nil_list(struct tmpl_exec *x)
{
	val l = val_list_new(x->a, 0);
	l.flags |= VAL_F_GO_NIL;
	return l;
}

static int f_rest(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	if (!fn_is_slice(a[0]))
		return not_slice(x, a[0], "Cannot find rest on type %s");
	size_t len = seq_len(a[0]);
	*out = len ? copy_range(x, a[0], 1, len, 0) : go_nil_list(x);
	return 0;
}

static int f_initial(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	if (!fn_is_slice(a[0]))
		return not_slice(x, a[0], "Cannot find initial on type %s");
	size_t len = seq_len(a[0]);
	*out = len ? copy_range(x, a[0], 0, len - 1, 0) : go_nil_list(x);
	return 0;
}

static int f_reverse(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	if (!fn_is_slice(a[0]))
		return not_slice(x, a[0], "Cannot find reverse on type %s");
	size_t len = seq_len(a[0]);
	val l = new_list(x, len);
	for (size_t i = len; i-- > 0;)
		val_list_push(x->a, l, seq_at(a[0], i));
	*out = l;
	return 0;
}

static int f_compact(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	if (!fn_is_slice(a[0]))
		return not_slice(x, a[0], "Cannot compact on type %s");
	size_t len = seq_len(a[0]);
	val l = new_list(x, len);
	for (size_t i = 0; i < len; i++) {
		val e = seq_at(a[0], i);
		if (!fn_empty(x, e))
			val_list_push(x->a, l, e);
	}
	*out = l;
	return 0;
}

static bool in_list(struct tmpl_exec *x, const val *hay, size_t n, val needle)
{
	for (size_t i = 0; i < n; i++)
		if (fn_deep_equal(x, needle, hay[i]))
			return true;
	return false;
}

/* uniq: first occurrences by reflect.DeepEqual (quadratic, as Sprig) */
static int f_uniq(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	if (!fn_is_slice(a[0]))
		return not_slice(x, a[0], "Cannot find uniq on type %s");
	size_t len = seq_len(a[0]);
	val l = new_list(x, len);
	for (size_t i = 0; i < len; i++) {
		val e = seq_at(a[0], i);
		if (!in_list(x, l.u.l->items, val_list_len(l), e))
			val_list_push(x->a, l, e);
	}
	*out = l;
	return 0;
}

static int f_without(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	if (!fn_is_slice(a[0]))
		return not_slice(x, a[0], "Cannot find without on type %s");
	size_t len = seq_len(a[0]);
	val l = new_list(x, len);
	for (size_t i = 0; i < len; i++) {
		val e = seq_at(a[0], i);
		if (!in_list(x, a + 1, n - 1, e))
			val_list_push(x->a, l, e);
	}
	*out = l;
	return 0;
}

/* has(needle, haystack): a nil haystack holds nothing */
static int f_has(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val hay = a[1];
	if (hay.kind == VAL_NULL) {
		*out = val_bool(false);
		return 0;
	}
	if (!fn_is_slice(hay))
		return not_slice(x, hay, "Cannot find has on type %s");
	bool found = false;
	size_t len = seq_len(hay);
	for (size_t i = 0; i < len && !found; i++)
		found = fn_deep_equal(x, a[0], seq_at(hay, i));
	*out = val_bool(found);
	return 0;
}

/* cast.ToInt's trimZeroDecimal: "12.00" -> "12", anything else unchanged */
static size_t trim_zero_decimal(const char *s, size_t n)
{
	bool found_zero = false;
	for (size_t i = n; i > 0; i--) {
		switch (s[i - 1]) {
		case '.':
			if (found_zero)
				return i - 1;
			break;
		case '0':
			found_zero = true;
			break;
		default:
			return n;
		}
	}
	return n;
}

/* cast.ToInt (spf13/cast v1.7.0) with its error dropped: 0 for what it
 * cannot convert. */
static int64_t cast_to_int(val v)
{
	switch (v.kind) {
	case VAL_INT:
		return v.u.i;
	case VAL_FLOAT:
		return go_float_to_int(v.u.f);
	case VAL_BOOL:
		return v.u.b;
	case VAL_STRING: {
		if (v.gotype == GT_BYTES)
			return 0;
		int64_t i;
		if (strconv_parse_int(v.u.s, trim_zero_decimal(v.u.s, v.len), 0, 64, &i) == STRCONV_OK)
			return i;
		return 0;
	}
	default:
		return 0;
	}
}

/* Sprig's slice (it replaces text/template's builtin): reflect's Slice
 * keeps the slice's type and shares its backing array.  An empty input
 * gives nil. */
static int f_slice(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val v = a[0];
	if (!fn_is_slice(v))
		return not_slice(x, v, "list should be type of slice or array but %s");
	int64_t l = (int64_t)seq_len(v);
	if (l == 0) {
		*out = val_null();
		return 0;
	}
	int64_t start = n > 1 ? cast_to_int(a[1]) : 0;
	int64_t end = n > 2 ? cast_to_int(a[2]) : l;
	if (start < 0 || end < start || end > l)
		return tmpl_fail(x, "reflect.Value.Slice: slice index out of bounds");
	if (v.kind == VAL_STRING) {
		val s = val_str_ref(v.u.s + start, (size_t)(end - start));
		s.gotype = v.gotype;
		*out = s;
		return 0;
	}
	struct val_list *sl = arena_alloc(x->a, sizeof(*sl));
	sl->items = v.u.l->items + start;
	sl->len = (uint32_t)(end - start);
	sl->cap = (uint32_t)(end - start); /* appends must not write into the parent */
	val r = v;
	r.u.l = sl;
	*out = r;
	return 0;
}

static int f_concat(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	size_t total = 0;
	for (size_t i = 0; i < n; i++) {
		if (!fn_is_slice(a[i]))
			return not_slice(x, a[i], "Cannot concat type %s as list");
		total += seq_len(a[i]);
	}
	val l = new_list(x, total);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < seq_len(a[i]); j++)
			val_list_push(x->a, l, seq_at(a[i], j));
	if (total == 0)
		l.flags |= VAL_F_GO_NIL; /* `var res []interface{}` never appended to */
	*out = l;
	return 0;
}

/* A failed Go type assertion v.(T) on an interface{}. */
static int bad_assert(struct tmpl_exec *x, val v, const char *want)
{
	return tmpl_fail(x, "interface conversion: interface {} is %s, not %s",
			 v.kind == VAL_NULL ? "nil" : fn_type_name(x, v), want);
}

static bool is_plain_map(val v)
{
	return v.kind == VAL_MAP && (v.gotype == GT_DEFAULT || v.gotype == GT_MAP_ANY);
}

/* dig(keys..., default, dict): the dict must be exactly a
 * map[string]interface{} (chartutil.Values fails the assertion), so must
 * every map on the way. */
static int f_dig(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	if (n < 3)
		return tmpl_fail(x, "dig needs at least three arguments");
	val d = a[n - 1];
	if (!is_plain_map(d))
		return bad_assert(x, d, "map[string]interface {}");
	size_t nk = n - 2;
	for (size_t i = 0; i < nk; i++)
		if (a[i].kind != VAL_STRING || a[i].gotype != GT_DEFAULT)
			return bad_assert(x, a[i], "string");
	for (size_t i = 0; i < nk; i++) {
		val *step = val_map_ref(d, a[i].u.s, a[i].len);
		if (!step) {
			*out = a[n - 2];
			return 0;
		}
		if (i + 1 == nk) {
			*out = *step;
			return 0;
		}
		if (!is_plain_map(*step))
			return bad_assert(x, *step, "map[string]interface {}");
		d = *step;
	}
	return 0;
}

const struct tmpl_func fn_lists_table[] = {
	{ "tuple", f_list, 1, true, { TP_ANY } },
	{ "list", f_list, 1, true, { TP_ANY } },
	{ "append", f_push, 2, false, { TP_ANY, TP_ANY } },
	{ "push", f_push, 2, false, { TP_ANY, TP_ANY } },
	{ "mustAppend", f_push, 2, false, { TP_ANY, TP_ANY } },
	{ "mustPush", f_push, 2, false, { TP_ANY, TP_ANY } },
	{ "prepend", f_prepend, 2, false, { TP_ANY, TP_ANY } },
	{ "mustPrepend", f_prepend, 2, false, { TP_ANY, TP_ANY } },
	{ "first", f_first, 1, false, { TP_ANY } },
	{ "mustFirst", f_first, 1, false, { TP_ANY } },
	{ "rest", f_rest, 1, false, { TP_ANY } },
	{ "mustRest", f_rest, 1, false, { TP_ANY } },
	{ "last", f_last, 1, false, { TP_ANY } },
	{ "mustLast", f_last, 1, false, { TP_ANY } },
	{ "initial", f_initial, 1, false, { TP_ANY } },
	{ "mustInitial", f_initial, 1, false, { TP_ANY } },
	{ "reverse", f_reverse, 1, false, { TP_ANY } },
	{ "mustReverse", f_reverse, 1, false, { TP_ANY } },
	{ "uniq", f_uniq, 1, false, { TP_ANY } },
	{ "mustUniq", f_uniq, 1, false, { TP_ANY } },
	{ "without", f_without, 2, true, { TP_ANY, TP_ANY } },
	{ "mustWithout", f_without, 2, true, { TP_ANY, TP_ANY } },
	{ "has", f_has, 2, false, { TP_ANY, TP_ANY } },
	{ "mustHas", f_has, 2, false, { TP_ANY, TP_ANY } },
	{ "slice", f_slice, 2, true, { TP_ANY, TP_ANY } },
	{ "mustSlice", f_slice, 2, true, { TP_ANY, TP_ANY } },
	{ "concat", f_concat, 1, true, { TP_ANY } },
	{ "dig", f_dig, 1, true, { TP_ANY } },
	{ "chunk", f_chunk, 2, false, { TP_INT, TP_ANY } },
	{ "mustChunk", f_chunk, 2, false, { TP_INT, TP_ANY } },
	{ "compact", f_compact, 1, false, { TP_ANY } },
	{ "mustCompact", f_compact, 1, false, { TP_ANY } },
};
const size_t fn_lists_count = sizeof(fn_lists_table) / sizeof(fn_lists_table[0]);
