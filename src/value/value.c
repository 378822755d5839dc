/* value.c — constructors, lists, hashed maps with cached sorted order, deep
 * copy and equality for the value model (see value.h for the ownership rule). */
#include "value/value.h"

#include <stdlib.h>
#include <string.h>

/* Maps up to this size are searched linearly: cheaper than hashing for the
 * small maps that dominate chart values (metadata, resources, ports). */
#define MAP_LINEAR_MAX 8

val val_str(struct arena *a, const char *s, size_t n)
{
	return val_str_ref(arena_memdup(a, s, n), n);
}

val val_cstr(struct arena *a, const char *s)
{
	return val_str(a, s, strlen(s));
}

val val_list_new(struct arena *a, size_t cap)
{
	struct val_list *l = arena_alloc(a, sizeof(*l));
	l->len = 0;
	l->cap = (uint32_t)cap;
	l->items = cap ? arena_alloc(a, cap * sizeof(val)) : NULL;
	val v = { 0 };
	v.kind = VAL_LIST;
	v.u.l = l;
	return v;
}

void val_list_push(struct arena *a, val list, val item)
{
	struct val_list *l = list.u.l;
	if (l->len == l->cap) {
		uint32_t cap = l->cap ? l->cap * 2 : 4;
		l->items = arena_grow(a, l->items, l->cap * sizeof(val), cap * sizeof(val));
		l->cap = cap;
	}
	l->items[l->len++] = item;
}

/* FNV-1a: short keys, no need for anything stronger (inputs are not adversarial
 * in a way that matters for a CLI run). */
uint32_t val_hash_bytes(const char *p, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 16777619u;
	}
	return h;
}

val val_map_new(struct arena *a, size_t cap)
{
	struct val_map *m = arena_zalloc(a, sizeof(*m));
	if (cap) {
		m->cap = (uint32_t)cap;
		m->entries = arena_alloc(a, cap * sizeof(*m->entries));
	}
	val v = { 0 };
	v.kind = VAL_MAP;
	v.u.m = m;
	return v;
}

static void map_reindex(struct arena *a, struct val_map *m, uint32_t icap)
{
	m->icap = icap;
	m->index = arena_zalloc(a, icap * sizeof(uint32_t));
	for (uint32_t i = 0; i < m->len; i++) {
		uint32_t j = m->entries[i].hash & (icap - 1);
		while (m->index[j])
			j = (j + 1) & (icap - 1);
		m->index[j] = i + 1;
	}
}

static long map_find(const struct val_map *m, const char *key, size_t klen, uint32_t h)
{
	if (!m->icap) {
		for (uint32_t i = 0; i < m->len; i++) {
			const struct val_map_entry *e = &m->entries[i];
			if (e->klen == klen && e->hash == h && memcmp(e->key, key, klen) == 0)
				return i;
		}
		return -1;
	}
	uint32_t j = h & (m->icap - 1);
	while (m->index[j]) {
		const struct val_map_entry *e = &m->entries[m->index[j] - 1];
		if (e->hash == h && e->klen == klen && memcmp(e->key, key, klen) == 0)
			return m->index[j] - 1;
		j = (j + 1) & (m->icap - 1);
	}
	return -1;
}

void val_map_set(struct arena *a, val mv, const char *key, size_t klen, val v)
{
	struct val_map *m = mv.u.m;
	uint32_t h = val_hash_bytes(key, klen);
	long i = map_find(m, key, klen, h);
	if (i >= 0) {
		m->entries[i].v = v;
		return;
	}
	if (m->len == m->cap) {
		uint32_t cap = m->cap ? m->cap * 2 : 4;
		m->entries = arena_grow(a, m->entries, m->cap * sizeof(*m->entries),
					cap * sizeof(*m->entries));
		m->cap = cap;
	}
	struct val_map_entry *e = &m->entries[m->len++];
	e->key = key;
	e->klen = (uint32_t)klen;
	e->hash = h;
	e->v = v;
	m->order = NULL;
	if (m->icap) {
		if (m->len * 2 > m->icap) {
			map_reindex(a, m, m->icap * 2);
		} else {
			uint32_t j = h & (m->icap - 1);
			while (m->index[j])
				j = (j + 1) & (m->icap - 1);
			m->index[j] = m->len;
		}
	} else if (m->len > MAP_LINEAR_MAX) {
		map_reindex(a, m, 32);
	}
}

val *val_map_ref(val mv, const char *key, size_t klen)
{
	struct val_map *m = mv.u.m;
	if (!m->icap) {
		/* a short scan needs no hash: the lengths and first bytes rule
		 * out nearly every entry (schema keywords, .Values fields) */
		for (uint32_t i = 0; i < m->len; i++) {
			struct val_map_entry *e = &m->entries[i];
			if (e->klen == klen && (klen == 0 || (e->key[0] == key[0] && memcmp(e->key, key, klen) == 0)))
				return &e->v;
		}
		return NULL;
	}
	long i = map_find(m, key, klen, val_hash_bytes(key, klen));
	return i >= 0 ? &m->entries[i].v : NULL;
}

bool val_map_get(val m, const char *key, size_t klen, val *out)
{
	val *p = val_map_ref(m, key, klen);
	if (!p)
		return false;
	if (out)
		*out = *p;
	return true;
}

bool val_map_del(val mv, const char *key, size_t klen)
{
	struct val_map *m = mv.u.m;
	long i = map_find(m, key, klen, val_hash_bytes(key, klen));
	if (i < 0)
		return false;
	memmove(&m->entries[i], &m->entries[i + 1], (m->len - (uint32_t)i - 1) * sizeof(*m->entries));
	m->len--;
	m->order = NULL;
	if (m->icap) {
		/* Deletion is rare (coalesce nulls, unset): rebuild the index in place. */
		memset(m->index, 0, m->icap * sizeof(uint32_t));
		for (uint32_t k = 0; k < m->len; k++) {
			uint32_t j = m->entries[k].hash & (m->icap - 1);
			while (m->index[j])
				j = (j + 1) & (m->icap - 1);
			m->index[j] = k + 1;
		}
	}
	return true;
}

static int key_cmp(const struct val_map_entry *x, const struct val_map_entry *y)
{
	size_t n = x->klen < y->klen ? x->klen : y->klen;
	int c = memcmp(x->key, y->key, n);
	if (c)
		return c;
	return (x->klen > y->klen) - (x->klen < y->klen);
}

/* Insertion sort for short runs, merge sort above: stable, no qsort context. */
static void order_sort(const struct val_map_entry *e, uint32_t *o, uint32_t *tmp, uint32_t n)
{
	if (n <= 12) {
		for (uint32_t i = 1; i < n; i++) {
			uint32_t x = o[i], j = i;
			while (j > 0 && key_cmp(&e[o[j - 1]], &e[x]) > 0) {
				o[j] = o[j - 1];
				j--;
			}
			o[j] = x;
		}
		return;
	}
	uint32_t h = n / 2;
	order_sort(e, o, tmp, h);
	order_sort(e, o + h, tmp, n - h);
	uint32_t i = 0, j = h, k = 0;
	while (i < h && j < n)
		tmp[k++] = key_cmp(&e[o[j]], &e[o[i]]) < 0 ? o[j++] : o[i++];
	while (i < h)
		tmp[k++] = o[i++];
	while (j < n)
		tmp[k++] = o[j++];
	memcpy(o, tmp, n * sizeof(*o));
}

const uint32_t *val_map_order(struct arena *a, val mv)
{
	struct val_map *m = mv.u.m;
	if (m->order)
		return m->order;
	uint32_t *o = arena_alloc(a, (m->len ? m->len : 1) * sizeof(uint32_t));
	bool sorted = true;
	for (uint32_t i = 0; i < m->len; i++) {
		o[i] = i;
		if (i && sorted && key_cmp(&m->entries[i - 1], &m->entries[i]) > 0)
			sorted = false;
	}
	if (!sorted) {
		uint32_t *tmp = arena_alloc(a, m->len * sizeof(uint32_t));
		order_sort(m->entries, o, tmp, m->len);
	}
	m->order = o;
	return o;
}

val val_copy_deep(struct arena *a, val v)
{
	switch (v.kind) {
	case VAL_LIST: {
		size_t n = val_list_len(v);
		val c = val_list_new(a, n);
		for (size_t i = 0; i < n; i++)
			val_list_push(a, c, val_copy_deep(a, val_list_at(v, i)));
		c.gotype = v.gotype;
		c.flags = v.flags;
		return c;
	}
	case VAL_MAP: {
		size_t n = val_map_len(v);
		val c = val_map_new(a, n);
		for (size_t i = 0; i < n; i++) {
			const struct val_map_entry *e = val_map_entry_at(v, i);
			val_map_set(a, c, e->key, e->klen, val_copy_deep(a, e->v));
		}
		c.gotype = v.gotype;
		c.flags = v.flags;
		return c;
	}
	default:
		return v;
	}
}

bool val_equal(val x, val y)
{
	if (x.kind != y.kind)
		return false;
	switch (x.kind) {
	case VAL_NULL:
		return true;
	case VAL_BOOL:
		return x.u.b == y.u.b;
	case VAL_INT:
		return x.u.i == y.u.i;
	case VAL_FLOAT:
		return x.u.f == y.u.f;
	case VAL_STRING:
		return x.len == y.len && (x.len == 0 || memcmp(x.u.s, y.u.s, x.len) == 0);
	case VAL_LIST: {
		size_t n = val_list_len(x);
		if (n != val_list_len(y))
			return false;
		for (size_t i = 0; i < n; i++)
			if (!val_equal(val_list_at(x, i), val_list_at(y, i)))
				return false;
		return true;
	}
	case VAL_MAP: {
		size_t n = val_map_len(x);
		if (n != val_map_len(y))
			return false;
		for (size_t i = 0; i < n; i++) {
			const struct val_map_entry *e = val_map_entry_at(x, i);
			val *o = val_map_ref(y, e->key, e->klen);
			if (!o || !val_equal(e->v, *o))
				return false;
		}
		return true;
	}
	default:
		return x.u.p == y.u.p;
	}
}

bool val_truthy(val v)
{
	switch (v.kind) {
	case VAL_NULL:
		return false;
	case VAL_BOOL:
		return v.u.b;
	case VAL_INT:
		return v.u.i != 0;
	case VAL_FLOAT:
		return v.u.f != 0;
	case VAL_STRING:
		return v.len != 0;
	case VAL_LIST:
		return val_list_len(v) != 0;
	case VAL_MAP:
		return val_map_len(v) != 0;
	default:
		return true;
	}
}

const char *val_kind_name(enum val_kind k)
{
	static const char *const names[] = {
		"null", "bool", "int", "float", "string", "list", "map", "object",
	};
	return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}

const char *val_map_str(val m, const char *a, const char *b)
{
	val x;

	if (m.kind != VAL_MAP || !val_map_get(m, a, strlen(a), &x))
		return NULL;
	if (b && (x.kind != VAL_MAP || !val_map_get(x, b, strlen(b), &x)))
		return NULL;
	return x.kind == VAL_STRING ? x.u.s : NULL;
}
