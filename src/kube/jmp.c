/* jmp.c — JSON merge patch as Helm v3.17.3 makes it for custom resources and
 * other kinds outside client-go's scheme: evanphx/json-patch v5.9.0
 * CreateMergePatch(original, modified) (merge.go getDiff).  The live object
 * plays no part, exactly as in Helm. */
#include "kube/patch.h"

#include "value/codec.h"

/* Go's reflect.TypeOf equality after a JSON round trip: every number is a
 * float64, so VAL_INT and VAL_FLOAT are one type. */
static int jkind(val v)
{
	return v.kind == VAL_INT ? VAL_FLOAT : v.kind;
}

/* matchesValue: same type and equal value, maps key by key, lists in order. */
static bool jmatch(val a, val b)
{
	if (jkind(a) != jkind(b))
		return false;
	switch (a.kind) {
	case VAL_INT:
	case VAL_FLOAT: {
		double x = a.kind == VAL_INT ? (double)a.u.i : a.u.f;
		double y = b.kind == VAL_INT ? (double)b.u.i : b.u.f;
		return x == y;
	}
	case VAL_MAP: {
		size_t n = val_map_len(a);
		if (n != val_map_len(b))
			return false;
		for (size_t i = 0; i < n; i++) {
			const struct val_map_entry *e = val_map_entry_at(b, i);
			val *o = val_map_ref(a, e->key, e->klen);
			if (!o || !jmatch(*o, e->v))
				return false;
		}
		return true;
	}
	case VAL_LIST: {
		size_t n = val_list_len(a);
		if (n != val_list_len(b))
			return false;
		for (size_t i = 0; i < n; i++)
			if (!jmatch(val_list_at(a, i), val_list_at(b, i)))
				return false;
		return true;
	}
	default:
		return val_equal(a, b);
	}
}

/* getDiff: what changed from a to b, deleted keys as null. */
static val jdiff(struct arena *ar, val a, val b)
{
	val into = val_map_new(ar, 0);
	for (size_t i = 0; i < val_map_len(b); i++) {
		const struct val_map_entry *e = val_map_entry_at(b, i);
		val *av = val_map_ref(a, e->key, e->klen);
		if (!av || jkind(*av) != jkind(e->v)) {
			val_map_set(ar, into, e->key, e->klen, e->v);
			continue;
		}
		if (e->v.kind == VAL_MAP) {
			val d = jdiff(ar, *av, e->v);
			if (val_map_len(d) > 0)
				val_map_set(ar, into, e->key, e->klen, d);
		} else if (!jmatch(*av, e->v)) {
			val_map_set(ar, into, e->key, e->klen, e->v);
		}
	}
	for (size_t i = 0; i < val_map_len(a); i++) {
		const struct val_map_entry *e = val_map_entry_at(a, i);
		if (!val_map_ref(b, e->key, e->klen))
			val_map_set(ar, into, e->key, e->klen, val_null());
	}
	return into;
}

int kube_json_merge_patch(struct arena *a, val original, val modified, val *patch, struct sb *err)
{
	/* Both documents are objects in Helm (json.Marshal of an Unstructured);
	 * "null" unmarshals into an empty map. */
	if (original.kind == VAL_NULL)
		original = val_map_new(a, 0);
	if (modified.kind == VAL_NULL)
		modified = val_map_new(a, 0);
	if (original.kind != VAL_MAP || modified.kind != VAL_MAP) {
		sb_adds(err, "invalid JSON document");
		return -1;
	}
	*patch = jdiff(a, original, modified);
	return 0;
}
