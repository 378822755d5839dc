/* value.h — the one dynamic value of cozypkg: YAML, JSON, Helm values and
 * template data are all `val`.
 *
 * OWNERSHIP RULE (the only one): every value lives in a `struct arena`
 * (base/arena.h) and is freed with it, all at once.  Nothing is refcounted and
 * nothing is freed one by one.  A `val` is a 16-byte struct passed by value;
 * scalars are held inline, strings/lists/maps point into the arena.
 *   - Strings are immutable.  `s` points at `len` bytes which may contain NUL
 *     and are NOT guaranteed to be NUL-terminated (substrings share bytes).
 *   - Lists and maps are mutable and shared by reference, exactly like Go's
 *     slices and maps inside an interface{}: two holders of the same map see
 *     each other's writes (Sprig's `set`/`unset` rely on that).  Copy with
 *     val_copy_deep() when Go would copy (chartutil coalescing does).
 *   - Map keys are borrowed: the bytes must live as long as the map (arena
 *     memory, a string val's bytes, or static storage).
 * Exceptions that take no arena because they allocate nothing: val_null(),
 * val_bool(), val_int(), val_float(), val_str_ref() and every getter.
 *
 * Maps keep insertion order and an O(1) hash index; Go has no map order but
 * sorts keys wherever order shows (fmt, encoding/json, yaml, range), so
 * val_map_order() gives the byte-wise sorted order, cached until the next
 * write. */
#ifndef COZY_VALUE_H
#define COZY_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"

enum val_kind {
	VAL_NULL = 0, /* Go nil (interface{} holding nothing) */
	VAL_BOOL,
	VAL_INT,      /* int64_t; see gotype for int/int64/uint... */
	VAL_FLOAT,    /* double (float64) */
	VAL_STRING,
	VAL_LIST,     /* []interface{} and other slices */
	VAL_MAP,      /* map[string]interface{} and friends */
	VAL_OPAQUE,   /* host object for the template engine (structs, funcs) */
};

/* The Go type a value stands for, where Go code can observe it (%T, typeOf,
 * kindOf, printf of []byte, comparison rules).  0 always means the natural
 * type of the kind as it comes out of encoding/json or sigs.k8s.io/yaml:
 * nil, bool, int64, float64, string, []interface{}, map[string]interface{}.
 * The template engine may add entries at the end. */
enum val_gotype {
	GT_DEFAULT = 0,
	GT_INT,      /* VAL_INT: Go int (template literals, len, atoi) */
	GT_UINT64,   /* VAL_INT holding a uint64 bit pattern */
	GT_STRINGS,  /* VAL_LIST: []string */
	GT_BYTES,    /* VAL_STRING: []byte */
	GT_VALUES,   /* VAL_MAP: chartutil.Values */
	GT_MAP_ANY,  /* VAL_MAP: map[string]any spelled as Go prints it */
	GT_UINT8,    /* VAL_INT: a byte (index of a string) */
	GT_HOST_FIRST = 16, /* from here on: host types (src/tmpl/tmpl.h tmpl_type) */
};

struct val_list;
struct val_map;

/* val.flags bits the codecs honour (the rest belong to their users). */
#define VAL_F_STRUCT 0x4000 /* a VAL_MAP standing for a Go struct: encoding/json
			       keeps its insertion (field) order */

typedef struct val {
	uint8_t kind;   /* enum val_kind */
	uint8_t gotype; /* enum val_gotype */
	uint16_t flags; /* free for users of the value (e.g. template engine) */
	uint32_t len;   /* VAL_STRING: byte length */
	union {
		bool b;
		int64_t i;
		double f;
		const char *s;
		struct val_list *l;
		struct val_map *m;
		void *p;
	} u;
} val;

struct val_list {
	uint32_t len;
	uint32_t cap;
	val *items;
};

struct val_map_entry {
	const char *key;
	uint32_t klen;
	uint32_t hash;
	val v;
};

struct val_map {
	uint32_t len;      /* entries[0..len) are live, in insertion order */
	uint32_t cap;
	uint32_t icap;     /* hash index size (power of two); 0 = linear scan */
	uint32_t pad;
	struct val_map_entry *entries;
	uint32_t *index;   /* entry position + 1; 0 = empty slot */
	uint32_t *order;   /* cached sorted order (entry positions); NULL = stale */
};

/* --- scalars (no allocation) --- */
static inline val val_null(void) { val v = { 0 }; return v; }
static inline val val_bool(bool b) { val v = { 0 }; v.kind = VAL_BOOL; v.u.b = b; return v; }
static inline val val_int(int64_t i) { val v = { 0 }; v.kind = VAL_INT; v.u.i = i; return v; }
static inline val val_float(double f) { val v = { 0 }; v.kind = VAL_FLOAT; v.u.f = f; return v; }
/* Borrow n bytes that outlive every use of the value. */
static inline val val_str_ref(const char *s, size_t n)
{
	val v = { 0 };
	v.kind = VAL_STRING;
	v.len = (uint32_t)n;
	v.u.s = s;
	return v;
}
static inline val val_typed(val v, unsigned gt) { v.gotype = (uint8_t)gt; return v; }

/* --- strings (copied into the arena, NUL added after len) --- */
val val_str(struct arena *a, const char *s, size_t n);
val val_cstr(struct arena *a, const char *s);

/* --- lists --- */
val val_list_new(struct arena *a, size_t cap);
void val_list_push(struct arena *a, val list, val item);
static inline size_t val_list_len(val l) { return l.u.l->len; }
static inline val val_list_at(val l, size_t i) { return l.u.l->items[i]; }

/* --- maps --- */
val val_map_new(struct arena *a, size_t cap);
static inline size_t val_map_len(val m) { return m.u.m->len; }
/* Set key (borrowed, see rule) to v; replaces in place if present. */
void val_map_set(struct arena *a, val m, const char *key, size_t klen, val v);
/* Returns a pointer to the stored value, or NULL. Valid until the next write. */
val *val_map_ref(val m, const char *key, size_t klen);
bool val_map_get(val m, const char *key, size_t klen, val *out);
bool val_map_del(val m, const char *key, size_t klen);
/* The string at m[a] (or m[a][b] when b is not NULL), NULL when a map or
 * the string is missing: what manifest code reads (apiVersion, kind,
 * metadata.name, ...). */
const char *val_map_str(val m, const char *a, const char *b);
static inline const struct val_map_entry *val_map_entry_at(val m, size_t i)
{
	return &m.u.m->entries[i];
}
/* Positions of the entries sorted by key bytes (Go's string order); the array
 * has val_map_len() items and stays valid until the map is written. */
const uint32_t *val_map_order(struct arena *a, val m);

/* --- whole values --- */
val val_copy_deep(struct arena *a, val v);
/* reflect.DeepEqual on what encoding/json would produce (gotype ignored). */
bool val_equal(val a, val b);
/* Go text/template truth (IsTrue): false, 0, "", nil, empty list/map are false. */
bool val_truthy(val v);
const char *val_kind_name(enum val_kind k);

uint32_t val_hash_bytes(const char *p, size_t n);

#endif
