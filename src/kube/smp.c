/* smp.c — strategicpatch.CreateThreeWayMergePatch(original, modified,
 * current, meta, overwrite=true) of k8s.io/apimachinery (v0.32.2 in Helm
 * v3.17.3, same code in v0.35.4): the additions and changes from current to
 * modified merged (mergeMap) onto the deletions from original to modified,
 * with merge keys, $patch/$retainKeys/$setElementOrder/
 * $deleteFromPrimitiveList directives.  Go's sort.Sort (pdqsort) and
 * sort.SliceStable are reproduced step by step: the comparators it is given
 * are not strict orders, so only the same algorithm gives the same lists. */
#include "kube/patch.h"

#include <string.h>

#include "value/codec.h"

#define DIRECTIVE "$patch"
#define RETAIN_KEYS "$retainKeys"
#define DEL_PRIM "$deleteFromPrimitiveList"
#define SET_ORDER "$setElementOrder"

struct smp {
	struct arena *a;
	struct sb *err;
	struct sb tmp;
	struct sb panic; /* the text of the first Go runtime panic met */
	bool panicked;
};

struct dopts {
	bool set_order, ignore_changes, ignore_deletions, retain;
};

typedef const struct kube_patch_type *schema_t;

/* ---- small helpers over val ---- */

static int gk(val v)
{
	return v.kind == VAL_INT ? VAL_FLOAT : v.kind;
}

static val *items(val l)
{
	return l.u.l->items;
}

static size_t llen(val l)
{
	return l.u.l->len;
}

static val list_of(struct arena *a, const val *v, size_t n)
{
	val l = val_list_new(a, n);
	for (size_t i = 0; i < n; i++)
		val_list_push(a, l, v[i]);
	return l;
}

static val *mref(val m, const char *k)
{
	return val_map_ref(m, k, strlen(k));
}

static void mset(struct arena *a, val m, const char *k, val v)
{
	val_map_set(a, m, k, strlen(k), v);
}

static bool has_prefix(const char *k, size_t n, const char *p)
{
	size_t pl = strlen(p);
	return n >= pl && !memcmp(k, p, pl);
}

static bool is_str(val v, const char *s)
{
	return v.kind == VAL_STRING && v.len == strlen(s) && !memcmp(v.u.s, s, v.len);
}

/* A JSON round trip's copy: numbers become float64 as json.Unmarshal makes
 * them, and the algorithm may change the copy freely. */
static val norm(struct arena *a, val v)
{
	switch (v.kind) {
	case VAL_INT:
		return val_float((double)v.u.i);
	case VAL_FLOAT:
		return val_float(v.u.f);
	case VAL_STRING:
		return val_str_ref(v.u.s, v.len);
	case VAL_LIST: {
		val l = val_list_new(a, llen(v));
		for (size_t i = 0; i < llen(v); i++)
			val_list_push(a, l, norm(a, items(v)[i]));
		return l;
	}
	case VAL_MAP: {
		val m = val_map_new(a, val_map_len(v));
		for (size_t i = 0; i < val_map_len(v); i++) {
			const struct val_map_entry *e = val_map_entry_at(v, i);
			val_map_set(a, m, e->key, e->klen, norm(a, e->v));
		}
		return m;
	}
	case VAL_BOOL:
		return val_bool(v.u.b);
	default:
		return val_null();
	}
}

static const char *tname(val v)
{
	return val_go_type_name(v);
}

/* A Go runtime panic: Helm would crash; we report its message. */
static void go_panic(struct smp *x, const char *what, val v)
{
	if (x->panicked)
		return;
	x->panicked = true;
	sb_addf(&x->panic, "runtime error: %s%s%s", what, v.kind == VAL_NULL ? "" : " ",
		v.kind == VAL_NULL ? "" : tname(v));
}

/* Go's == on two interface{} values. */
static bool ieq(struct smp *x, val a, val b)
{
	if (gk(a) != gk(b))
		return false;
	if (a.kind == VAL_MAP || a.kind == VAL_LIST) {
		go_panic(x, "comparing uncomparable type", a);
		return false;
	}
	return val_equal(a, b);
}

/* fmt.Sprintf("%v", v) in the arena. */
static const char *vstr(struct smp *x, val v, size_t *n)
{
	sb_reset(&x->tmp);
	val_fmt_v(x->a, &x->tmp, v);
	*n = x->tmp.len;
	return arena_memdup(x->a, x->tmp.buf, x->tmp.len);
}

struct vs {
	const char *s;
	size_t n;
};

static int vscmp(struct vs a, struct vs b)
{
	size_t n = a.n < b.n ? a.n : b.n;
	int c = memcmp(a.s, b.s, n);
	if (c)
		return c;
	return a.n < b.n ? -1 : a.n > b.n;
}

static void fmt_err(struct smp *x, const char *f, const val *args, size_t n)
{
	val_sprintf(x->a, x->err, f, strlen(f), args, n);
}

static int err_bad_arg(struct smp *x, const char *expected, val actual)
{
	sb_addf(x->err, "expected a %s, but received a %s", expected, tname(actual));
	return -1;
}

static int err_no_merge_key(struct smp *x, val m, const char *mk)
{
	val args[2] = { m, val_str_ref(mk, strlen(mk)) };
	fmt_err(x, "map: %v does not contain declared merge key: %s", args, 2);
	return -1;
}

/* ---- Go's sort package: pdqsort (sort.Sort) and stable (SliceStable) ---- */

struct gsort {
	val *v;
	struct vs *key; /* %v strings (Sort) */
	long *idx;      /* positions in the order list (SliceStable) */
	bool stable;
};

static bool g_less(struct gsort *s, long i, long j)
{
	if (s->stable) {
		if (s->idx[i] >= 0 && s->idx[j] >= 0)
			return s->idx[i] < s->idx[j];
		return true;
	}
	/* sort.StringsAreSorted([]string{a, b}): a <= b */
	return vscmp(s->key[i], s->key[j]) <= 0;
}

static void g_swap(struct gsort *s, long i, long j)
{
	val t = s->v[i];
	s->v[i] = s->v[j];
	s->v[j] = t;
	if (s->key) {
		struct vs k = s->key[i];
		s->key[i] = s->key[j];
		s->key[j] = k;
	}
	if (s->idx) {
		long k = s->idx[i];
		s->idx[i] = s->idx[j];
		s->idx[j] = k;
	}
}

static void insertion_sort(struct gsort *d, long a, long b)
{
	for (long i = a + 1; i < b; i++)
		for (long j = i; j > a && g_less(d, j, j - 1); j--)
			g_swap(d, j, j - 1);
}

static void sift_down(struct gsort *d, long lo, long hi, long first)
{
	long root = lo;
	for (;;) {
		long child = 2 * root + 1;
		if (child >= hi)
			return;
		if (child + 1 < hi && g_less(d, first + child, first + child + 1))
			child++;
		if (!g_less(d, first + root, first + child))
			return;
		g_swap(d, first + root, first + child);
		root = child;
	}
}

static void heap_sort(struct gsort *d, long a, long b)
{
	long first = a, lo = 0, hi = b - a;
	for (long i = (hi - 1) / 2; i >= 0; i--)
		sift_down(d, i, hi, first);
	for (long i = hi - 1; i >= 0; i--) {
		g_swap(d, first, first + i);
		sift_down(d, lo, i, first);
	}
}

static int bits_len(unsigned long x)
{
	int n = 0;
	while (x) {
		n++;
		x >>= 1;
	}
	return n;
}

static void break_patterns(struct gsort *d, long a, long b)
{
	long length = b - a;
	if (length < 8)
		return;
	uint64_t r = (uint64_t)length;
	unsigned long modulus = 1UL << bits_len((unsigned long)length);
	for (long idx = a + (length / 4) * 2 - 1; idx <= a + (length / 4) * 2 + 1; idx++) {
		r ^= r << 13;
		r ^= r >> 7;
		r ^= r << 17;
		long other = (long)((unsigned long)r & (modulus - 1));
		if (other >= length)
			other -= length;
		g_swap(d, idx, a + other);
	}
}

static void order2(struct gsort *d, long *a, long *b, int *swaps)
{
	if (g_less(d, *b, *a)) {
		(*swaps)++;
		long t = *a;
		*a = *b;
		*b = t;
	}
}

static long median(struct gsort *d, long a, long b, long c, int *swaps)
{
	order2(d, &a, &b, swaps);
	order2(d, &b, &c, swaps);
	order2(d, &a, &b, swaps);
	return b;
}

enum { HINT_UNKNOWN, HINT_INC, HINT_DEC };

static long choose_pivot(struct gsort *d, long a, long b, int *hint)
{
	long l = b - a;
	int swaps = 0;
	long i = a + l / 4 * 1, j = a + l / 4 * 2, k = a + l / 4 * 3;
	if (l >= 8) {
		if (l >= 50) {
			i = median(d, i - 1, i, i + 1, &swaps);
			j = median(d, j - 1, j, j + 1, &swaps);
			k = median(d, k - 1, k, k + 1, &swaps);
		}
		j = median(d, i, j, k, &swaps);
	}
	*hint = swaps == 0 ? HINT_INC : swaps == 12 ? HINT_DEC : HINT_UNKNOWN;
	return j;
}

static void reverse_range(struct gsort *d, long a, long b)
{
	for (long i = a, j = b - 1; i < j; i++, j--)
		g_swap(d, i, j);
}

static bool partial_insertion_sort(struct gsort *d, long a, long b)
{
	long i = a + 1;
	for (int step = 0; step < 5; step++) {
		while (i < b && !g_less(d, i, i - 1))
			i++;
		if (i == b)
			return true;
		if (b - a < 50)
			return false;
		g_swap(d, i, i - 1);
		if (i - a >= 2) {
			for (long j = i - 1; j >= 1; j--) {
				if (!g_less(d, j, j - 1))
					break;
				g_swap(d, j, j - 1);
			}
		}
		if (b - i >= 2) {
			for (long j = i + 1; j < b; j++) {
				if (!g_less(d, j, j - 1))
					break;
				g_swap(d, j, j - 1);
			}
		}
	}
	return false;
}

static long partition_equal(struct gsort *d, long a, long b, long pivot)
{
	g_swap(d, a, pivot);
	long i = a + 1, j = b - 1;
	for (;;) {
		while (i <= j && !g_less(d, a, i))
			i++;
		while (i <= j && g_less(d, a, j))
			j--;
		if (i > j)
			break;
		g_swap(d, i, j);
		i++;
		j--;
	}
	return i;
}

static long partition(struct gsort *d, long a, long b, long pivot, bool *already)
{
	g_swap(d, a, pivot);
	long i = a + 1, j = b - 1;
	while (i <= j && g_less(d, i, a))
		i++;
	while (i <= j && !g_less(d, j, a))
		j--;
	if (i > j) {
		g_swap(d, j, a);
		*already = true;
		return j;
	}
	g_swap(d, i, j);
	i++;
	j--;
	for (;;) {
		while (i <= j && g_less(d, i, a))
			i++;
		while (i <= j && !g_less(d, j, a))
			j--;
		if (i > j)
			break;
		g_swap(d, i, j);
		i++;
		j--;
	}
	g_swap(d, j, a);
	*already = false;
	return j;
}

static void pdqsort(struct gsort *d, long a, long b, int limit)
{
	bool was_balanced = true, was_partitioned = true;
	for (;;) {
		long length = b - a;
		if (length <= 12) {
			insertion_sort(d, a, b);
			return;
		}
		if (limit == 0) {
			heap_sort(d, a, b);
			return;
		}
		if (!was_balanced) {
			break_patterns(d, a, b);
			limit--;
		}
		int hint;
		long pivot = choose_pivot(d, a, b, &hint);
		if (hint == HINT_DEC) {
			reverse_range(d, a, b);
			pivot = (b - 1) - (pivot - a);
			hint = HINT_INC;
		}
		if (was_balanced && was_partitioned && hint == HINT_INC) {
			if (partial_insertion_sort(d, a, b))
				return;
		}
		if (a > 0 && !g_less(d, a - 1, pivot)) {
			a = partition_equal(d, a, b, pivot);
			continue;
		}
		bool already;
		long mid = partition(d, a, b, pivot, &already);
		was_partitioned = already;
		long left = mid - a, right = b - mid, thr = length / 8;
		if (left < right) {
			was_balanced = left >= thr;
			pdqsort(d, a, mid, limit);
			a = mid + 1;
		} else {
			was_balanced = right >= thr;
			pdqsort(d, mid + 1, b, limit);
			b = mid;
		}
	}
}

static void swap_range(struct gsort *d, long a, long b, long n)
{
	for (long i = 0; i < n; i++)
		g_swap(d, a + i, b + i);
}

static void rotate(struct gsort *d, long a, long m, long b)
{
	long i = m - a, j = b - m;
	while (i != j) {
		if (i > j) {
			swap_range(d, m - i, m, j);
			i -= j;
		} else {
			swap_range(d, m - i, m + j - i, i);
			j -= i;
		}
	}
	swap_range(d, m - i, m, i);
}

static void sym_merge(struct gsort *d, long a, long m, long b)
{
	if (m - a == 1) {
		long i = m, j = b;
		while (i < j) {
			long h = (long)((unsigned long)(i + j) >> 1);
			if (g_less(d, h, a))
				i = h + 1;
			else
				j = h;
		}
		for (long k = a; k < i - 1; k++)
			g_swap(d, k, k + 1);
		return;
	}
	if (b - m == 1) {
		long i = a, j = m;
		while (i < j) {
			long h = (long)((unsigned long)(i + j) >> 1);
			if (!g_less(d, m, h))
				i = h + 1;
			else
				j = h;
		}
		for (long k = m; k > i; k--)
			g_swap(d, k, k - 1);
		return;
	}
	long mid = (long)((unsigned long)(a + b) >> 1);
	long n = mid + m, start, r;
	if (m > mid) {
		start = n - b;
		r = mid;
	} else {
		start = a;
		r = m;
	}
	long p = n - 1;
	while (start < r) {
		long c = (long)((unsigned long)(start + r) >> 1);
		if (!g_less(d, p - c, c))
			start = c + 1;
		else
			r = c;
	}
	long end = n - start;
	if (start < m && m < end)
		rotate(d, start, m, end);
	if (a < start && start < mid)
		sym_merge(d, a, start, mid);
	if (mid < end && end < b)
		sym_merge(d, mid, end, b);
}

static void stable_sort(struct gsort *d, long n)
{
	long bs = 20, a = 0, b = bs;
	while (b <= n) {
		insertion_sort(d, a, b);
		a = b;
		b += bs;
	}
	insertion_sort(d, a, n);
	while (bs < n) {
		a = 0;
		b = 2 * bs;
		while (b <= n) {
			sym_merge(d, a, a + bs, b);
			a = b;
			b += 2 * bs;
		}
		long m = a + bs;
		if (m < n)
			sym_merge(d, a, m, n);
		bs *= 2;
	}
}

/* sort.Sort over the %v text of each item (or of item[field] when field is
 * set): sortScalars and sortMapsBasedOnField.  Sorts v[0..n) in place. */
static void sort_by_text(struct smp *x, val *v, size_t n, const char *field)
{
	if (n <= 1)
		return;
	struct vs *keys = arena_alloc(x->a, n * sizeof(*keys));
	for (size_t i = 0; i < n; i++) {
		val k = v[i];
		if (field) {
			val *f = v[i].kind == VAL_MAP ? mref(v[i], field) : NULL;
			k = f ? *f : val_null();
		}
		keys[i].s = vstr(x, k, &keys[i].n);
	}
	struct gsort d = { .v = v, .key = keys };
	pdqsort(&d, 0, (long)n, bits_len(n));
}

/* index(): position of v's merge key value (or v) in l, -1 when absent. */
static val key_of(val item, const char *mk, bool maps)
{
	if (!maps)
		return item;
	if (item.kind != VAL_MAP)
		return val_null();
	val *f = mref(item, mk);
	return f ? *f : val_null();
}

static long index_of(struct smp *x, val l, val v, const char *mk, bool maps)
{
	val k = key_of(v, mk, maps);
	for (size_t i = 0; i < llen(l); i++)
		if (ieq(x, k, key_of(items(l)[i], mk, maps)))
			return (long)i;
	return -1;
}

/* ---- patch meta lookups (PatchMetaFromStruct) ---- */

struct pmeta {
	schema_t sub;
	const char *strategy;
	const char *mk;
};

static int lookup_struct(struct smp *x, schema_t t, const char *key, size_t klen, struct pmeta *pm)
{
	if (!t || t->kind != KPT_STRUCT) {
		sb_addf(x->err, "merging an object in json but data type is not struct, instead is: %s",
			kube_patch_kind_name(t ? t->kind : KPT_INTERFACE));
		return -1;
	}
	const struct kube_patch_field *f = kube_patch_type_field(t, key, klen);
	if (!f) {
		val args[2] = { val_str_ref(t->name, strlen(t->name)), val_str_ref(key, klen) };
		fmt_err(x, "unable to find api field in struct %s for the json field %q", args, 2);
		return -1;
	}
	pm->sub = f->type;
	pm->strategy = f->strategy;
	pm->mk = f->merge_key;
	return 0;
}

static int lookup_slice(struct smp *x, schema_t t, const char *key, size_t klen, struct pmeta *pm)
{
	if (lookup_struct(x, t, key, klen, pm) < 0)
		return -1;
	if (pm->sub->kind != KPT_SLICE) {
		sb_addf(x->err, "expected slice or array type, but got: %s", kube_patch_kind_name(t->kind));
		return -1;
	}
	if (pm->sub->elem->kind == KPT_SLICE) {
		sb_adds(x->err, "unexpected slice of slice");
		return -1;
	}
	pm->sub = pm->sub->elem;
	return 0;
}

/* extractRetainKeysPatchStrategy over strings.Split(tag, ","). */
static int extract_strategy(struct smp *x, const char *tag, bool *retain, const char **strategy)
{
	const char *parts[3];
	size_t lens[3];
	size_t n = 0;
	const char *p = tag;
	for (;;) {
		const char *c = strchr(p, ',');
		size_t l = c ? (size_t)(c - p) : strlen(p);
		if (n < 3) {
			parts[n] = p;
			lens[n] = l;
		}
		n++;
		if (!c)
			break;
		p = c + 1;
	}
#define IS(i, s) (lens[i] == strlen(s) && !memcmp(parts[i], s, lens[i]))
	*retain = false;
	*strategy = "";
	if (n == 1) {
		if (IS(0, "retainKeys"))
			*retain = true;
		else
			*strategy = arena_memdup(x->a, parts[0], lens[0]);
		return 0;
	}
	if (n == 2) {
		if (IS(0, "retainKeys")) {
			*retain = true;
			*strategy = arena_memdup(x->a, parts[1], lens[1]);
			return 0;
		}
		if (IS(1, "retainKeys")) {
			*retain = true;
			*strategy = arena_memdup(x->a, parts[0], lens[0]);
			return 0;
		}
	}
#undef IS
	/* fmt %v of the []string */
	sb_adds(x->err, "unexpected patch strategy: [");
	for (const char *q = tag; *q; q++)
		sb_addc(x->err, *q == ',' ? ' ' : *q);
	sb_addc(x->err, ']');
	return -1;
}

/* sliceElementType: 0 with *kind (gk of the elements), or -1. */
static int elem_type(struct smp *x, const val *lists, size_t nl, int *kind)
{
	int prev = -1;
	for (size_t i = 0; i < nl; i++) {
		for (size_t j = 0; j < llen(lists[i]); j++) {
			val v = items(lists[i])[j];
			if (prev < 0) {
				if (v.kind == VAL_NULL) {
					go_panic(x, "invalid memory address or nil pointer dereference", v);
					return -1;
				}
				prev = gk(v);
				if (prev == VAL_LIST) {
					sb_adds(x->err, "lists of lists are not supported");
					return -1;
				}
			} else if (prev != gk(v)) {
				val all = list_of(x->a, lists, nl);
				fmt_err(x, "list element types are not identical: %v", &all, 1);
				return -1;
			}
		}
	}
	if (prev < 0) {
		sb_adds(x->err, "no elements in any of the given slices");
		return -1;
	}
	*kind = prev;
	return 0;
}

/* deduplicateScalars, its swap-with-last order included. */
static size_t dedupe(struct smp *x, val *s, size_t n)
{
	if (n == 0)
		return 0;
	long length = (long)n - 1;
	for (long i = 0; i < length; i++) {
		for (long j = i + 1; j <= length; j++) {
			if (ieq(x, s[i], s[j])) {
				s[j] = s[length];
				length--;
				j--;
			}
		}
	}
	return (size_t)(length + 1);
}

/* ---- diff (diffMaps and friends) ---- */

static int diff_maps(struct smp *x, val orig, val mod, schema_t t, struct dopts o, val *out);

static int validate_merge_key(struct smp *x, const char *mk, val l)
{
	for (size_t i = 0; i < llen(l); i++) {
		val v = items(l)[i];
		if (v.kind != VAL_MAP)
			return err_bad_arg(x, "map[string]interface {}", v);
		if (!mref(v, mk))
			return err_no_merge_key(x, v, mk);
	}
	return 0;
}

/* normalizeSliceOrder: toSort (a fresh list, reordered) by order. */
static int normalize_slice_order(struct smp *x, val *to_sort, val order, const char *mk, int kind)
{
	val ts = *to_sort;
	val dels = val_list_new(x->a, 0);
	bool maps = kind == VAL_MAP;
	if (maps) {
		if (validate_merge_key(x, mk, ts) < 0 || validate_merge_key(x, mk, order) < 0)
			return -1;
		val keep = val_list_new(x->a, llen(ts));
		for (size_t i = 0; i < llen(ts); i++) {
			val v = items(ts)[i];
			val *d = mref(v, DIRECTIVE);
			val_list_push(x->a, d && is_str(*d, "delete") ? dels : keep, v);
		}
		ts = keep;
	} else {
		ts = list_of(x->a, items(ts), llen(ts));
	}
	size_t n = llen(ts);
	if (n > 1) {
		long *idx = arena_alloc(x->a, n * sizeof(*idx));
		for (size_t i = 0; i < n; i++)
			idx[i] = index_of(x, order, items(ts)[i], mk, maps);
		struct gsort d = { .v = items(ts), .idx = idx, .stable = true };
		stable_sort(&d, (long)n);
	}
	for (size_t i = 0; i < llen(dels); i++)
		val_list_push(x->a, ts, items(dels)[i]);
	*to_sort = ts;
	return 0;
}

static int merge_key_value_equal(struct smp *x, val l, val r, const char *mk, bool *eq)
{
	if (!*mk) {
		*eq = ieq(x, l, r);
		return 0;
	}
	if (l.kind != VAL_MAP)
		return err_bad_arg(x, "map[string]interface {}", l);
	if (r.kind != VAL_MAP)
		return err_bad_arg(x, "map[string]interface {}", r);
	val *a = mref(l, mk), *b = mref(r, mk);
	if (!a)
		return err_no_merge_key(x, l, mk);
	if (!b)
		return err_no_merge_key(x, r, mk);
	*eq = ieq(x, *a, *b);
	return 0;
}

/* sortMergeListsByNameArray(s, schema, mergeKey, false) for maps. */
static int sort_merge_list(struct smp *x, val s, const char *mk, val *out)
{
	if (llen(s) == 0) {
		*out = s;
		return 0;
	}
	int kind;
	if (elem_type(x, &s, 1, &kind) < 0)
		return -1;
	val c = list_of(x->a, items(s), llen(s));
	if (kind != VAL_MAP) {
		c.u.l->len = (uint32_t)dedupe(x, items(c), llen(c));
		sort_by_text(x, items(c), llen(c), NULL);
	} else {
		sort_by_text(x, items(c), llen(c), mk);
	}
	*out = c;
	return 0;
}

static int diff_lists_of_maps(struct smp *x, val orig, val mod, schema_t t, const char *mk, struct dopts o,
			      val *patch, val *dels)
{
	*patch = val_list_new(x->a, llen(mod));
	*dels = val_list_new(x->a, 0);
	val os, ms;
	if (sort_merge_list(x, orig, mk, &os) < 0 || sort_merge_list(x, mod, mk, &ms) < 0)
		return -1;
	size_t oi = 0, mi = 0;
	for (;;) {
		bool oin = oi < llen(os), min = mi < llen(ms);
		if (!oin && !min)
			break;
		val oe = val_null(), me = val_null(), ok = val_null(), mkv = val_null();
		struct vs osv = { "", 0 }, msv = { "", 0 };
		if (oin) {
			oe = items(os)[oi];
			if (oe.kind != VAL_MAP)
				return err_bad_arg(x, "map[string]interface {}", oe);
			val *k = mref(oe, mk);
			if (!k)
				return err_no_merge_key(x, oe, mk);
			ok = *k;
			osv.s = vstr(x, ok, &osv.n);
		}
		if (min) {
			me = items(ms)[mi];
			if (me.kind != VAL_MAP)
				return err_bad_arg(x, "map[string]interface {}", me);
			val *k = mref(me, mk);
			if (!k)
				return err_no_merge_key(x, me, mk);
			mkv = *k;
			msv.s = vstr(x, mkv, &msv.n);
		}
		int c = oin && min ? vscmp(osv, msv) : 0;
		if (oin && min && c == 0) {
			val pv;
			if (diff_maps(x, oe, me, t, o, &pv) < 0)
				return -1;
			if (val_map_len(pv) > 0) {
				mset(x->a, pv, mk, mkv);
				val_list_push(x->a, *patch, pv);
			}
			oi++;
			mi++;
		} else if (!oin || c > 0) {
			if (!o.ignore_changes)
				val_list_push(x->a, *patch, me);
			mi++;
		} else {
			if (!o.ignore_deletions) {
				val d = val_map_new(x->a, 2);
				mset(x->a, d, mk, ok);
				mset(x->a, d, DIRECTIVE, val_str_ref("delete", 6));
				val_list_push(x->a, *dels, d);
			}
			oi++;
		}
	}
	return 0;
}

static void diff_lists_of_scalars(struct smp *x, val orig, val mod, struct dopts o, val *add, val *del)
{
	val mc = list_of(x->a, items(mod), llen(mod));
	/* sortScalars(original) sorts the caller's list in place, and
	 * diffLists looks at it afterwards */
	sort_by_text(x, items(orig), llen(orig), NULL);
	sort_by_text(x, items(mc), llen(mc), NULL);
	*add = val_list_new(x->a, 0);
	*del = val_list_new(x->a, 0);
	size_t oi = 0, mi = 0;
	for (;;) {
		bool oin = oi < llen(orig), min = mi < llen(mc);
		if (!oin && !min)
			break;
		struct vs osv = { "", 0 }, msv = { "", 0 };
		if (oin)
			osv.s = vstr(x, items(orig)[oi], &osv.n);
		if (min)
			msv.s = vstr(x, items(mc)[mi], &msv.n);
		int c = oin && min ? vscmp(osv, msv) : 0;
		if (oin && min && c == 0) {
			oi++;
			mi++;
		} else if (!oin || (min && c > 0)) {
			if (!o.ignore_changes)
				val_list_push(x->a, *add, items(mc)[mi]);
			mi++;
		} else {
			if (!o.ignore_deletions)
				val_list_push(x->a, *del, items(orig)[oi]);
			oi++;
		}
	}
	del->u.l->len = (uint32_t)dedupe(x, items(*del), llen(*del));
}

static int diff_lists(struct smp *x, val orig, val mod, schema_t t, const char *mk, struct dopts o, val *add,
		      val *del, val *order)
{
	*add = *del = *order = val_null();
	if (llen(orig) == 0) {
		if (llen(mod) == 0 || o.ignore_changes)
			return 0;
		*add = mod;
		return 0;
	}
	val both[2] = { orig, mod };
	int kind;
	if (elem_type(x, both, 2, &kind) < 0)
		return -1;
	if (kind == VAL_MAP) {
		val pl, dl;
		if (diff_lists_of_maps(x, orig, mod, t, mk, o, &pl, &dl) < 0)
			return -1;
		if (normalize_slice_order(x, &pl, mod, mk, kind) < 0)
			return -1;
		bool same = llen(orig) == llen(mod);
		for (size_t i = 0; same && i < llen(mod); i++) {
			if (merge_key_value_equal(x, items(orig)[i], items(mod)[i], mk, &same) < 0)
				return -1;
		}
		for (size_t i = 0; i < llen(dl); i++)
			val_list_push(x->a, pl, items(dl)[i]);
		*add = pl;
		if (o.set_order && ((!o.ignore_changes && (llen(pl) > 0 || !same)) ||
				    (!o.ignore_deletions && llen(pl) > 0))) {
			val so = val_list_new(x->a, llen(mod));
			for (size_t i = 0; i < llen(mod); i++) {
				val m = val_map_new(x->a, 1);
				val *k = mref(items(mod)[i], mk);
				mset(x->a, m, mk, k ? *k : val_null());
				val_list_push(x->a, so, m);
			}
			*order = so;
		}
		return 0;
	}
	val al, dl;
	diff_lists_of_scalars(x, orig, mod, o, &al, &dl);
	if (normalize_slice_order(x, &al, mod, mk, kind) < 0)
		return -1;
	*add = al;
	*del = dl;
	if (o.set_order && ((!o.ignore_deletions && llen(dl) > 0) || (!o.ignore_changes && !val_equal(orig, mod))))
		*order = mod;
	return 0;
}

static const char *join_key(struct smp *x, const char *prefix, const char *key, size_t klen, size_t *n)
{
	size_t pl = strlen(prefix);
	char *k = arena_alloc(x->a, pl + 1 + klen + 1);
	memcpy(k, prefix, pl);
	k[pl] = '/';
	memcpy(k + pl + 1, key, klen);
	k[pl + 1 + klen] = 0;
	*n = pl + 1 + klen;
	return k;
}

static int handle_map_diff(struct smp *x, const char *key, size_t klen, val ov, val mv, val patch, schema_t t,
			   struct dopts o)
{
	struct pmeta pm;
	size_t mark = x->err->len;
	if (lookup_struct(x, t, key, klen, &pm) < 0) {
		if (val_equal(ov, mv)) {
			sb_setlen(x->err, mark);
			return 0;
		}
		return -1;
	}
	bool retain;
	const char *strategy;
	if (extract_strategy(x, pm.strategy, &retain, &strategy) < 0)
		return -1;
	o.retain = retain;
	if (!strcmp(strategy, "replace")) {
		if (!o.ignore_changes)
			val_map_set(x->a, patch, key, klen, mv);
		return 0;
	}
	val pv;
	if (diff_maps(x, ov, mv, pm.sub, o, &pv) < 0)
		return -1;
	if (val_map_len(pv) > 0)
		val_map_set(x->a, patch, key, klen, pv);
	return 0;
}

static int handle_slice_diff(struct smp *x, const char *key, size_t klen, val ov, val mv, val patch, schema_t t,
			     struct dopts o)
{
	struct pmeta pm;
	size_t mark = x->err->len;
	if (lookup_slice(x, t, key, klen, &pm) < 0) {
		if (val_equal(ov, mv)) {
			sb_setlen(x->err, mark);
			return 0;
		}
		return -1;
	}
	bool retain;
	const char *strategy;
	if (extract_strategy(x, pm.strategy, &retain, &strategy) < 0)
		return -1;
	if (strcmp(strategy, "merge") != 0) {
		if (!o.ignore_changes && !val_equal(ov, mv))
			val_map_set(x->a, patch, key, klen, mv);
		return 0;
	}
	o.retain = retain;
	val add, del, order;
	if (diff_lists(x, ov, mv, pm.sub, pm.mk, o, &add, &del, &order) < 0)
		return -1;
	size_t n;
	if (add.kind == VAL_LIST && llen(add) > 0)
		val_map_set(x->a, patch, key, klen, add);
	if (del.kind == VAL_LIST && llen(del) > 0) {
		const char *k = join_key(x, DEL_PRIM, key, klen, &n);
		val_map_set(x->a, patch, k, n, del);
	}
	if (order.kind == VAL_LIST && llen(order) > 0) {
		const char *k = join_key(x, SET_ORDER, key, klen, &n);
		val_map_set(x->a, patch, k, n, order);
	}
	return 0;
}

static int diff_maps(struct smp *x, val orig, val mod, schema_t t, struct dopts o, val *out)
{
	val patch = val_map_new(x->a, 0);
	val retain = val_list_new(x->a, 0);
	for (size_t i = 0; i < val_map_len(mod); i++) {
		const struct val_map_entry *e = val_map_entry_at(mod, i);
		if (o.retain && e->v.kind != VAL_NULL)
			val_list_push(x->a, retain, val_str_ref(e->key, e->klen));
		val *ov = val_map_ref(orig, e->key, e->klen);
		if (!ov) {
			if (!o.ignore_changes)
				val_map_set(x->a, patch, e->key, e->klen, e->v);
			continue;
		}
		if (e->klen == strlen(DIRECTIVE) && !memcmp(e->key, DIRECTIVE, e->klen)) {
			if (ov->kind != VAL_STRING || e->v.kind != VAL_STRING) {
				sb_adds(x->err, "invalid value for special key: " DIRECTIVE);
				return -1;
			}
			if (!val_equal(*ov, e->v))
				val_map_set(x->a, patch, e->key, e->klen, e->v);
			continue;
		}
		if (gk(*ov) != gk(e->v)) {
			if (!o.ignore_changes)
				val_map_set(x->a, patch, e->key, e->klen, e->v);
			continue;
		}
		int rc = 0;
		if (e->v.kind == VAL_MAP)
			rc = handle_map_diff(x, e->key, e->klen, *ov, e->v, patch, t, o);
		else if (e->v.kind == VAL_LIST)
			rc = handle_slice_diff(x, e->key, e->klen, *ov, e->v, patch, t, o);
		else if (!o.ignore_changes && !val_equal(*ov, e->v))
			val_map_set(x->a, patch, e->key, e->klen, e->v);
		if (rc < 0)
			return -1;
	}
	bool extra = false;
	for (size_t i = 0; i < val_map_len(orig); i++) {
		const struct val_map_entry *e = val_map_entry_at(orig, i);
		if (val_map_ref(mod, e->key, e->klen))
			continue;
		if (!o.ignore_deletions)
			val_map_set(x->a, patch, e->key, e->klen, val_null());
		if (e->v.kind != VAL_NULL)
			extra = true;
	}
	if (llen(retain) > 0 && (val_map_len(patch) > 0 || extra)) {
		sort_by_text(x, items(retain), llen(retain), NULL);
		mset(x->a, patch, RETAIN_KEYS, retain);
	}
	*out = patch;
	return 0;
}

/* ---- merge (mergeMap with MergeOptions{}) ---- */

static int merge_map(struct smp *x, val orig, val patch, schema_t t, val *out);

/* removeDirectives: *keep false when obj is a map holding $patch. */
static val remove_directives(struct smp *x, val obj, bool *keep)
{
	*keep = true;
	if (obj.kind == VAL_MAP) {
		if (mref(obj, DIRECTIVE)) {
			*keep = false;
			return val_null();
		}
		for (size_t i = 0; i < val_map_len(obj);) {
			const struct val_map_entry *e = val_map_entry_at(obj, i);
			bool k;
			val nv = remove_directives(x, e->v, &k);
			if (!k) {
				val_map_del(obj, e->key, e->klen);
				continue; /* entries shift down */
			}
			val_map_set(x->a, obj, e->key, e->klen, nv);
			i++;
		}
		return obj;
	}
	if (obj.kind == VAL_LIST) {
		val res = val_list_new(x->a, llen(obj));
		for (size_t i = 0; i < llen(obj); i++) {
			bool k;
			val nv = remove_directives(x, items(obj)[i], &k);
			if (k)
				val_list_push(x->a, res, nv);
		}
		return res;
	}
	return obj;
}

static int extract_key(struct smp *x, const char *k, size_t n, const char *prefix, const char **out, size_t *on)
{
	const char *slash = memchr(k, '/', n);
	if (!slash || (size_t)(slash - k) != strlen(prefix) || memcmp(k, prefix, strlen(prefix))) {
		if (!strcmp(prefix, DEL_PRIM))
			sb_adds(x->err, "invalid patch format of primitive list");
		else
			sb_adds(x->err, "invalid patch format of setElementOrder list");
		return -1;
	}
	*out = slash + 1;
	*on = n - (size_t)(slash + 1 - k);
	return 0;
}

static int find_map_by_key(struct smp *x, val l, const char *mk, val v, long *pos)
{
	*pos = -1;
	for (size_t i = 0; i < llen(l); i++) {
		val m = items(l)[i];
		if (m.kind != VAL_MAP) {
			sb_addf(x->err, "value for key %zu is not a map", i);
			return -1;
		}
		val *f = mref(m, mk);
		if (f && ieq(x, *f, v)) {
			*pos = (long)i;
			return 0;
		}
	}
	return 0;
}

static int partition_maps(struct smp *x, val merged, val by, const char *mk, val *in, val *out)
{
	*in = val_list_new(x->a, llen(merged));
	*out = val_list_new(x->a, llen(merged));
	for (size_t i = 0; i < llen(merged); i++) {
		val v = items(merged)[i];
		if (v.kind != VAL_MAP)
			return err_bad_arg(x, "map[string]interface {}", v);
		val *k = mref(v, mk);
		if (!k)
			return err_no_merge_key(x, v, mk);
		long pos;
		if (find_map_by_key(x, by, mk, *k, &pos) < 0)
			return -1;
		val_list_push(x->a, pos < 0 ? *out : *in, v);
	}
	return 0;
}

static int partition_prims(struct smp *x, val merged, val by, val *in, val *out)
{
	*in = val_list_new(x->a, llen(merged));
	*out = val_list_new(x->a, llen(merged));
	for (size_t i = 0; i < llen(by); i++) {
		val v = items(by)[i];
		if (v.kind == VAL_MAP || v.kind == VAL_LIST) {
			go_panic(x, "hash of unhashable type", v);
			return -1;
		}
	}
	for (size_t i = 0; i < llen(merged); i++) {
		val v = items(merged)[i];
		if (v.kind == VAL_MAP || v.kind == VAL_LIST) {
			/* a map lookup with an unhashable key panics */
			go_panic(x, "hash of unhashable type", v);
			return -1;
		}
		bool found = false;
		for (size_t j = 0; j < llen(by) && !found; j++)
			found = ieq(x, items(by)[j], v);
		val_list_push(x->a, found ? *in : *out, v);
	}
	return 0;
}

/* mergeSortedSlice */
static val merge_sorted(struct smp *x, val left, val right, val server, const char *mk, bool maps)
{
	size_t size = llen(left) + llen(right), i = 0, j = 0;
	val s = val_list_new(x->a, size);
	for (size_t k = 0; k < size; k++) {
		if (i >= llen(left) && j < llen(right)) {
			val_list_push(x->a, s, items(right)[j++]);
		} else if (j >= llen(right) && i < llen(left)) {
			val_list_push(x->a, s, items(left)[i++]);
		} else {
			long li = index_of(x, server, items(left)[i], mk, maps);
			long ri = index_of(x, server, items(right)[j], mk, maps);
			if (li >= 0 && ri >= 0 && li < ri)
				val_list_push(x->a, s, items(left)[i++]);
			else
				val_list_push(x->a, s, items(right)[j++]);
		}
	}
	return s;
}

static int normalize_element_order(struct smp *x, val patch, val server_only, val patch_order, val server_order,
				   const char *mk, int kind, val *out)
{
	if (normalize_slice_order(x, &patch, patch_order, mk, kind) < 0 ||
	    normalize_slice_order(x, &server_only, server_order, mk, kind) < 0)
		return -1;
	*out = merge_sorted(x, server_only, patch, server_order, mk, kind == VAL_MAP);
	return 0;
}

static int merge_slice(struct smp *x, val orig, val patch, schema_t t, const char *mk, val *out)
{
	if (llen(orig) == 0 && llen(patch) == 0) {
		*out = orig;
		return 0;
	}
	val both[2] = { orig, patch };
	int kind;
	if (elem_type(x, both, 2, &kind) < 0)
		return -1;
	val merged;
	if (kind != VAL_MAP) {
		merged = list_of(x->a, items(orig), llen(orig));
		for (size_t i = 0; i < llen(patch); i++)
			val_list_push(x->a, merged, items(patch)[i]);
		merged.u.l->len = (uint32_t)dedupe(x, items(merged), llen(merged));
	} else {
		if (!*mk) {
			sb_addf(x->err, "cannot merge lists without merge key for %s",
				kube_patch_kind_name(t ? t->kind : KPT_INTERFACE));
			return -1;
		}
		/* mergeSliceWithSpecialElements */
		val plain = val_list_new(x->a, llen(patch));
		bool replace = false;
		val o2 = list_of(x->a, items(orig), llen(orig));
		for (size_t i = 0; i < llen(patch); i++) {
			val v = items(patch)[i];
			val *d = mref(v, DIRECTIVE);
			if (!d) {
				val_list_push(x->a, plain, v);
			} else if (is_str(*d, "delete")) {
				val *mv = mref(v, mk);
				if (!mv)
					return err_no_merge_key(x, v, mk);
				for (;;) {
					long pos;
					if (find_map_by_key(x, o2, mk, *mv, &pos) < 0)
						return -1;
					if (pos < 0)
						break;
					memmove(items(o2) + pos, items(o2) + pos + 1,
						(llen(o2) - (size_t)pos - 1) * sizeof(val));
					o2.u.l->len--;
				}
			} else if (is_str(*d, "replace")) {
				replace = true;
			} else if (is_str(*d, "merge")) {
				sb_adds(x->err, "merging lists cannot yet be specified in the patch");
				return -1;
			} else {
				val args[2] = { *d, v };
				fmt_err(x, "unknown patch type: %s in map: %v", args, 2);
				return -1;
			}
		}
		if (replace) {
			orig = plain;
			patch = val_list_new(x->a, 0);
		} else {
			orig = o2;
			patch = plain;
		}
		/* mergeSliceWithoutSpecialElements: merged maps replace the
		 * originals in place (Go writes through the shared array) */
		merged = list_of(x->a, items(orig), llen(orig));
		for (size_t i = 0; i < llen(patch); i++) {
			val v = items(patch)[i];
			val *mv = mref(v, mk);
			if (!mv)
				return err_no_merge_key(x, v, mk);
			long pos;
			if (find_map_by_key(x, merged, mk, *mv, &pos) < 0)
				return -1;
			if (pos >= 0) {
				val mm;
				if (merge_map(x, items(merged)[pos], v, t, &mm) < 0)
					return -1;
				items(merged)[pos] = mm;
				if ((size_t)pos < llen(orig))
					items(orig)[pos] = mm;
			} else {
				val_list_push(x->a, merged, v);
			}
		}
	}
	val in, only;
	if (!*mk) {
		if (partition_prims(x, merged, patch, &in, &only) < 0)
			return -1;
	} else if (partition_maps(x, merged, patch, mk, &in, &only) < 0) {
		return -1;
	}
	return normalize_element_order(x, in, only, patch, orig, mk, kind, out);
}

static int merge_slice_handler(struct smp *x, val orig, val patch, schema_t t, const char *strategy,
			       const char *mk, val *out)
{
	if (orig.kind != VAL_LIST)
		return err_bad_arg(x, "[]interface {}", orig);
	if (patch.kind != VAL_LIST)
		return err_bad_arg(x, "[]interface {}", patch);
	if (!strcmp(strategy, "merge"))
		return merge_slice(x, orig, patch, t, mk, out);
	*out = patch;
	return 0;
}

/* mergePatchIntoOriginal: the $setElementOrder lists (MergeParallelList
 * false: they are copied to original and their lists merged in order). */
static int merge_patch_into_original(struct smp *x, val orig, val patch, schema_t t)
{
	/* Go ranges over the patch while deleting from it; collect the
	 * directive keys first */
	size_t n = val_map_len(patch), nk = 0;
	const struct val_map_entry **keys = arena_alloc(x->a, (n + 1) * sizeof(*keys));
	struct val_map_entry *copy = arena_alloc(x->a, (n + 1) * sizeof(*copy));
	for (size_t i = 0; i < n; i++) {
		const struct val_map_entry *e = val_map_entry_at(patch, i);
		if (has_prefix(e->key, e->klen, SET_ORDER)) {
			copy[nk] = *e;
			keys[nk] = &copy[nk];
			nk++;
		}
	}
	for (size_t i = 0; i < nk; i++) {
		const char *key = keys[i]->key;
		size_t klen = keys[i]->klen;
		val so;
		if (!val_map_get(patch, key, klen, &so))
			continue;
		val *inorig = val_map_ref(orig, key, klen);
		if (inorig) {
			if (!val_equal(*inorig, so)) {
				sb_adds(x->err, "invalid patch format of setElementOrder list");
				return -1;
			}
		} else {
			val_map_set(x->a, orig, key, klen, so);
		}
		val_map_del(patch, key, klen);
		if (so.kind != VAL_LIST)
			return err_bad_arg(x, "[]interface {}", so);
		const char *ok;
		size_t okl;
		if (extract_key(x, key, klen, SET_ORDER, &ok, &okl) < 0)
			return -1;
		val ol = val_null(), pl = val_null();
		val *r1 = val_map_ref(orig, ok, okl), *r2 = val_map_ref(patch, ok, okl);
		bool fo = r1 != NULL, fp = r2 != NULL;
		val ofv = val_list_new(x->a, 0), pfv = val_list_new(x->a, 0);
		if (fo) {
			ol = *r1;
			if (ol.kind != VAL_LIST)
				return err_bad_arg(x, "[]interface {}", ol);
			ofv = ol;
		}
		if (fp) {
			pl = *r2;
			if (pl.kind != VAL_LIST)
				return err_bad_arg(x, "[]interface {}", pl);
			pfv = pl;
		}
		struct pmeta pm;
		if (lookup_slice(x, t, ok, okl, &pm) < 0)
			return -1;
		bool retain;
		const char *strategy;
		if (extract_strategy(x, pm.strategy, &retain, &strategy) < 0)
			return -1;
		/* validatePatchWithSetOrderList */
		if (llen(so) > 0 && llen(pfv) > 0) {
			val nd = pfv;
			if (*pm.mk) {
				nd = val_list_new(x->a, llen(pfv));
				for (size_t j = 0; j < llen(pfv); j++) {
					val v = items(pfv)[j];
					if (v.kind != VAL_MAP)
						return err_bad_arg(x, "map[string]interface {}", v);
					val *d = mref(v, DIRECTIVE);
					if (!(d && is_str(*d, "delete")))
						val_list_push(x->a, nd, v);
				}
			}
			size_t pi = 0, si = 0;
			while (pi < llen(nd) && si < llen(so)) {
				val v = items(nd)[pi];
				if (v.kind == VAL_MAP && mref(v, DIRECTIVE)) {
					pi++;
					continue;
				}
				bool eq;
				if (merge_key_value_equal(x, v, items(so)[si], pm.mk, &eq) < 0)
					return -1;
				if (eq)
					pi++;
				si++;
			}
			if (pi < llen(nd) && si >= llen(so)) {
				val args[3] = { pfv, val_str_ref(SET_ORDER, strlen(SET_ORDER)), so };
				fmt_err(x, "The order in patch list:\n%v\n doesn't match %s list:\n%v\n", args, 3);
				return -1;
			}
		}
		val merged;
		if (fo && !fp) {
			merged = ofv;
		} else if (!fo && fp) {
			bool keep;
			merged = remove_directives(x, pfv, &keep);
		} else if (fo && fp) {
			if (merge_slice_handler(x, ol, pl, pm.sub, strategy, pm.mk, &merged) < 0)
				return -1;
		} else {
			continue;
		}
		val in, only;
		if (!*pm.mk) {
			if (partition_prims(x, merged, so, &in, &only) < 0)
				return -1;
		} else if (partition_maps(x, merged, so, pm.mk, &in, &only) < 0) {
			return -1;
		}
		val both[2] = { ofv, pfv };
		int kind;
		if (elem_type(x, both, 2, &kind) < 0)
			return -1;
		val res;
		if (normalize_element_order(x, in, only, so, ofv, pm.mk, kind, &res) < 0)
			return -1;
		val_map_set(x->a, orig, ok, okl, res);
		val_map_del(patch, ok, okl);
	}
	return 0;
}

static int merge_map(struct smp *x, val orig, val patch, schema_t t, val *out)
{
	val *d = mref(patch, DIRECTIVE);
	if (d) {
		if (is_str(*d, "replace")) {
			val_map_del(patch, DIRECTIVE, strlen(DIRECTIVE));
			*out = patch;
			return 0;
		}
		if (is_str(*d, "delete")) {
			*out = val_map_new(x->a, 0);
			return 0;
		}
		val args[2] = { *d, patch };
		fmt_err(x, "unknown patch type: %s in map: %v", args, 2);
		return -1;
	}
	if (orig.kind != VAL_MAP)
		orig = val_map_new(x->a, 0);
	/* applyRetainKeysDirective, MergeParallelList false */
	val rk;
	if (val_map_get(patch, RETAIN_KEYS, strlen(RETAIN_KEYS), &rk)) {
		val_map_del(patch, RETAIN_KEYS, strlen(RETAIN_KEYS));
		val *ro = mref(orig, RETAIN_KEYS);
		if (ro) {
			if (!val_equal(*ro, rk)) {
				val args[2] = { *ro, rk };
				fmt_err(x, "%v and %v are not deep equal: this may happen when calculating the 3-way diff patch",
					args, 2);
				return -1;
			}
		} else {
			mset(x->a, orig, RETAIN_KEYS, rk);
		}
	}
	if (merge_patch_into_original(x, orig, patch, t) < 0)
		return -1;
	for (size_t i = 0; i < val_map_len(patch); i++) {
		const struct val_map_entry *pe = val_map_entry_at(patch, i);
		const char *k = pe->key;
		size_t kl = pe->klen;
		val pv = pe->v;
		if (has_prefix(k, kl, DEL_PRIM)) {
			val_map_set(x->a, orig, k, kl, pv);
			continue;
		}
		if (pv.kind == VAL_NULL)
			val_map_del(orig, k, kl);
		val *ov = val_map_ref(orig, k, kl);
		bool keep;
		if (!ov || gk(*ov) != gk(pv)) {
			val nv = remove_directives(x, pv, &keep);
			if (keep)
				val_map_set(x->a, orig, k, kl, nv);
			else
				val_map_del(orig, k, kl);
			continue;
		}
		struct pmeta pm;
		bool retain;
		const char *strategy;
		val res;
		if (pv.kind == VAL_MAP) {
			if (lookup_struct(x, t, k, kl, &pm) < 0 || extract_strategy(x, pm.strategy, &retain, &strategy) < 0)
				return -1;
			if (strcmp(strategy, "replace") != 0) {
				if (merge_map(x, *ov, pv, pm.sub, &res) < 0)
					return -1;
			} else {
				res = pv;
			}
			val_map_set(x->a, orig, k, kl, res);
		} else if (pv.kind == VAL_LIST) {
			if (lookup_slice(x, t, k, kl, &pm) < 0 || extract_strategy(x, pm.strategy, &retain, &strategy) < 0)
				return -1;
			if (merge_slice_handler(x, *ov, pv, pm.sub, strategy, pm.mk, &res) < 0)
				return -1;
			val_map_set(x->a, orig, k, kl, res);
		} else {
			val nv = remove_directives(x, pv, &keep);
			if (keep)
				val_map_set(x->a, orig, k, kl, nv);
			else
				val_map_del(orig, k, kl);
		}
	}
	*out = orig;
	return 0;
}

static int three_way(struct smp *x, val original, val modified, val current, schema_t root, val *out)
{
	val in[3] = { original, modified, current };
	for (int i = 0; i < 3; i++) {
		if (in[i].kind == VAL_NULL) {
			in[i] = val_map_new(x->a, 0);
		} else if (in[i].kind != VAL_MAP) {
			sb_adds(x->err, "invalid JSON document");
			return -1;
		}
		in[i] = norm(x->a, in[i]);
	}
	struct dopts delta_o = { .ignore_deletions = true, .set_order = true };
	struct dopts del_o = { .set_order = true, .ignore_changes = true };
	val delta, dels;
	if (diff_maps(x, in[2], in[1], root, delta_o, &delta) < 0)
		return -1;
	if (diff_maps(x, in[0], in[1], root, del_o, &dels) < 0)
		return -1;
	return merge_map(x, dels, delta, root, out);
}

int kube_three_way_patch(struct arena *a, val original, val modified, val current,
			 const struct kube_patch_type *root, struct sb *patch_json, bool *empty, struct sb *err)
{
	struct smp x = { .a = a, .err = err, .tmp = SB_INIT, .panic = SB_INIT };
	val patch;
	size_t mark = err->len;
	int rc;
	if (root)
		rc = three_way(&x, original, modified, current, root, &patch);
	else
		rc = kube_json_merge_patch(a, norm(a, original), norm(a, modified), &patch, err);
	if (rc == 0 && x.panicked)
		rc = -1;
	if (rc < 0 && x.panicked) {
		/* Go stops at the panic: later errors never happen */
		sb_setlen(err, mark);
		sb_add(err, x.panic.buf, x.panic.len);
	}
	sb_release(&x.tmp);
	sb_release(&x.panic);
	if (rc < 0)
		return -1;
	size_t start = patch_json->len;
	if (val_to_json(a, patch, VAL_JSON_ESCAPE_HTML, NULL, NULL, patch_json, err) < 0)
		return -1;
	if (empty)
		*empty = patch_json->len - start == 2 && !memcmp(patch_json->buf + start, "{}", 2);
	return 0;
}
