/* dicts.c — Sprig v3.3.0's dict.go: dict get set unset hasKey pluck keys
 * pick omit merge mergeOverwrite values deepCopy and must* twins.  Maps are
 * shared by reference as Go maps are, so set/unset/merge mutate what every
 * holder sees.  merge follows dario.cat/mergo v1.0.1's deepMerge for
 * map[string]interface{}; deepCopy is mitchellh/copystructure's Copy.
 * Go's map order is random: keys and values give the sorted key order. */
#include <string.h>

#include "chart/engine.h"
#include "funcs/fn_reflect.h"
#include "funcs/funcs.h"
#include "value/codec.h"

/* A map[string]interface{} result: a chartutil.Values argument was
 * converted to the parameter's type on the way in. */
static val plain_map(val m)
{
	m.gotype = GT_DEFAULT;
	return m;
}

/* Sprig's strval: strings and []byte as they are, everything else as
 * fmt's %v (host values through their printers). */
static void strval(struct tmpl_exec *x, val v, struct sb *out)
{
	if (v.kind == VAL_STRING) {
		sb_add(out, v.u.s, v.len);
		return;
	}
	if (v.kind == VAL_MAP && v.gotype == GT_KUBEVERSION) {
		/* a KubeVersion value (not a pointer) is no Stringer: fields */
		sb_addc(out, '{');
		for (size_t i = 0; i < val_map_len(v); i++) {
			if (i)
				sb_addc(out, ' ');
			val_fmt_v(x->a, out, val_map_entry_at(v, i)->v);
		}
		sb_addc(out, '}');
		return;
	}
	const struct tmpl_type *t = v.gotype != GT_DEFAULT && x->type_of ? x->type_of(x->host, v.gotype) : NULL;
	if (t && t->print)
		t->print(x, v, out);
	else
		val_fmt_v(x->a, out, v);
}

/* dict: key/value pairs, keys through strval; a lone last key gets "" */
static int f_dict(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val m = val_map_new(x->a, (n + 1) / 2);
	struct sb k = SB_INIT;
	for (size_t i = 0; i < n; i += 2) {
		val key = a[i];
		const char *kp;
		size_t kn;
		if (key.kind == VAL_STRING) {
			kp = key.u.s;
			kn = key.len;
		} else {
			sb_reset(&k);
			strval(x, key, &k);
			kp = arena_memdup(x->a, k.buf, k.len);
			kn = k.len;
		}
		val_map_set(x->a, m, kp, kn, i + 1 < n ? a[i + 1] : val_str_ref("", 0));
	}
	sb_release(&k);
	*out = m;
	return 0;
}

static int f_get(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val *v = val_map_ref(a[0], a[1].u.s, a[1].len);
	*out = v ? *v : val_str_ref("", 0);
	return 0;
}

static int f_set(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	if (a[0].flags & VAL_F_GO_NIL) /* the runtime panic Helm recovers */
		return tmpl_fail(x, "assignment to entry in nil map");
	val_map_set(x->a, a[0], a[1].u.s, a[1].len, a[2]);
	*out = plain_map(a[0]);
	return 0;
}

static int f_unset(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val_map_del(a[0], a[1].u.s, a[1].len);
	*out = plain_map(a[0]);
	return 0;
}

static int f_has_key(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = val_bool(val_map_ref(a[0], a[1].u.s, a[1].len) != NULL);
	return 0;
}

static int f_pluck(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val l = val_list_new(x->a, n - 1);
	for (size_t i = 1; i < n; i++) {
		val *v = val_map_ref(a[i], a[0].u.s, a[0].len);
		if (v)
			val_list_push(x->a, l, *v);
	}
	*out = l;
	return 0;
}

static int f_keys(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += val_map_len(a[i]);
	val l = val_typed(val_list_new(x->a, total), GT_STRINGS);
	for (size_t i = 0; i < n; i++) {
		size_t cnt = val_map_len(a[i]);
		if (!cnt)
			continue;
		const uint32_t *order = val_map_order(x->a, a[i]);
		for (size_t j = 0; j < cnt; j++) {
			const struct val_map_entry *e = val_map_entry_at(a[i], order[j]);
			val_list_push(x->a, l, val_str_ref(e->key, e->klen));
		}
	}
	*out = l;
	return 0;
}

static int f_values(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	size_t cnt = val_map_len(a[0]);
	val l = val_list_new(x->a, cnt);
	const uint32_t *order = cnt ? val_map_order(x->a, a[0]) : NULL;
	for (size_t j = 0; j < cnt; j++)
		val_list_push(x->a, l, val_map_entry_at(a[0], order[j])->v);
	*out = l;
	return 0;
}

static int f_pick(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val m = val_map_new(x->a, n - 1);
	for (size_t i = 1; i < n; i++) {
		val *v = val_map_ref(a[0], a[i].u.s, a[i].len);
		if (v)
			val_map_set(x->a, m, a[i].u.s, a[i].len, *v);
	}
	*out = m;
	return 0;
}

static int f_omit(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val skip = val_map_new(x->a, n - 1);
	for (size_t i = 1; i < n; i++)
		val_map_set(x->a, skip, a[i].u.s, a[i].len, val_bool(true));
	size_t cnt = val_map_len(a[0]);
	val m = val_map_new(x->a, cnt);
	for (size_t i = 0; i < cnt; i++) {
		const struct val_map_entry *e = val_map_entry_at(a[0], i);
		if (!val_map_ref(skip, e->key, e->klen))
			val_map_set(x->a, m, e->key, e->klen, e->v);
	}
	*out = m;
	return 0;
}

/* A map mergo recurses into: a Go map, not a host struct. */
static bool mergeable_map(struct tmpl_exec *x, val v)
{
	return v.kind == VAL_MAP && strcmp(fn_kind_name(x, v), "map") == 0;
}

/* mergo's deepMerge of two maps (merge.go, case reflect.Map), per src key:
 *  - nil: replaces only with overwrite;
 *  - a map into a map: merged recursively in place; kept if then non-empty;
 *  - a slice: replaces with overwrite, else only a missing/empty value;
 *  - anything else: replaces with overwrite (even when empty), else only
 *    a missing or empty value.
 * Values are stored as they are, so dst and src share nested maps. */
static void deep_merge(struct tmpl_exec *x, val dst, val src, bool overwrite)
{
	size_t cnt = val_map_len(src);
	for (size_t i = 0; i < cnt; i++) {
		const struct val_map_entry *e = val_map_entry_at(src, i);
		val s = e->v;
		val *dref = val_map_ref(dst, e->key, e->klen);
		if (s.kind == VAL_NULL) {
			if (overwrite)
				val_map_set(x->a, dst, e->key, e->klen, s);
			continue;
		}
		if (mergeable_map(x, s) && dref && mergeable_map(x, *dref) && !(dref->flags & VAL_F_GO_NIL)) {
			val d = *dref;
			deep_merge(x, d, s, overwrite);
			if (val_map_len(d) != 0)
				continue;
		}
		dref = val_map_ref(dst, e->key, e->klen);
		bool d_empty = !dref || fn_empty(x, *dref);
		if (fn_is_slice(s) && !d_empty && !overwrite)
			continue;
		if (overwrite || d_empty)
			val_map_set(x->a, dst, e->key, e->klen, s);
	}
}

static int merge_all(struct tmpl_exec *x, val *a, size_t n, val *out, bool overwrite)
{
	/* a nil dst stays nil until a non-nil src: then mergo makes a new map
	 * (the caller's nil map is not written) */
	val dst = a[0];
	for (size_t i = 1; i < n; i++) {
		if ((dst.flags & VAL_F_GO_NIL) && !(a[i].flags & VAL_F_GO_NIL))
			dst = val_map_new(x->a, val_map_len(a[i]));
		deep_merge(x, dst, a[i], overwrite);
	}
	*out = plain_map(dst);
	return 0;
}

/* mergo never fails on two map[string]interface{}: merge and mustMerge
 * are the same (the "" on error of merge cannot happen). */
static int f_merge(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return merge_all(x, a, n, out, false);
}

static int f_merge_overwrite(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return merge_all(x, a, n, out, true);
}

/* copystructure.Copy; nil has no type to make a zero of */
static int f_deep_copy(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	if (a[0].kind == VAL_NULL)
		return tmpl_fail(x, "reflect: call of reflect.Value.Type on zero Value");
	*out = val_copy_deep(x->a, a[0]);
	return 0;
}

const struct tmpl_func fn_dicts_table[] = {
	{ "dict", f_dict, 1, true, { TP_ANY } },
	{ "get", f_get, 2, false, { TP_MAP, TP_STRING } },
	{ "set", f_set, 3, false, { TP_MAP, TP_STRING, TP_ANY } },
	{ "unset", f_unset, 2, false, { TP_MAP, TP_STRING } },
	{ "hasKey", f_has_key, 2, false, { TP_MAP, TP_STRING } },
	{ "pluck", f_pluck, 2, true, { TP_STRING, TP_MAP } },
	{ "keys", f_keys, 1, true, { TP_MAP } },
	{ "pick", f_pick, 2, true, { TP_MAP, TP_STRING } },
	{ "omit", f_omit, 2, true, { TP_MAP, TP_STRING } },
	{ "merge", f_merge, 2, true, { TP_MAP, TP_MAP } },
	{ "mergeOverwrite", f_merge_overwrite, 2, true, { TP_MAP, TP_MAP } },
	{ "mustMerge", f_merge, 2, true, { TP_MAP, TP_MAP } },
	{ "mustMergeOverwrite", f_merge_overwrite, 2, true, { TP_MAP, TP_MAP } },
	{ "values", f_values, 1, false, { TP_MAP } },
	{ "deepCopy", f_deep_copy, 1, false, { TP_ANY } },
	{ "mustDeepCopy", f_deep_copy, 1, false, { TP_ANY } },
};
const size_t fn_dicts_count = sizeof(fn_dicts_table) / sizeof(fn_dicts_table[0]);
