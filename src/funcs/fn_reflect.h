/* fn_reflect.h — Go reflection facts about values that several Sprig
 * families need: reflect.Kind names (error texts, kindOf), Sprig's empty()
 * (default, compact, coalesce) and reflect.DeepEqual (uniq, has, without). */
#ifndef COZY_FN_REFLECT_H
#define COZY_FN_REFLECT_H

#include <stdbool.h>
#include <stdint.h>

#include "tmpl/tmpl.h"

/* Host gotypes of the collections families (value.h: >= GT_HOST_FIRST;
 * fn_numbers.h holds GT_HOST_FIRST+40..). */
enum fn_collections_gotype {
	FN_GT_LISTS = GT_HOST_FIRST + 64, /* VAL_LIST of lists: [][]interface{} (chunk) */
};

/* The host type of one of the gotypes above, or NULL: for the engine's
 * type table to fall back on. */
const struct tmpl_type *fn_collections_type_of(uint8_t gotype);

/* Go's %T name of a value: tmpl_type_name() knowing this family's types. */
const char *fn_type_name(struct tmpl_exec *x, val v);

/* reflect.ValueOf(v).Kind().String(): "int", "slice", "map", "struct",
 * "ptr", ...; "invalid" for nil. */
const char *fn_kind_name(struct tmpl_exec *x, val v);
/* Sprig's empty(): nil, zero numbers, false, and empty strings, slices and
 * maps are empty; structs and non-nil pointers never are. */
bool fn_empty(struct tmpl_exec *x, val v);
/* reflect.DeepEqual: same Go type (int, int64 and float64 differ; []string
 * is not []interface{}), then equal contents. */
bool fn_deep_equal(struct tmpl_exec *x, val a, val b);
/* Is v a Go slice (lists of any element type, []byte)? */
bool fn_is_slice(val v);

#endif
