/* test_reflect.c — Sprig's reflect family (src/funcs/reflect.c) against
 * Helm 3.17.3 rendering the same snippets (tests/vectors/engine_reflect.vec),
 * and the shared helpers of fn_reflect.h on hand-built values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "funcs/fn_reflect.h"
#include "support/engine_harness.h"

static void test_engine_reflect(void **state)
{
	assert_int_equal(harness_run_suite("reflect", 1679), 0);
}

/* reflect.DeepEqual compares Go types first: int, int64 and float64 of the
 * same number differ, as do []string and []interface{}. */
static void test_deep_equal_types(void **state)
{
	struct arena a = ARENA_INIT;
	val i = val_typed(val_int(1), GT_INT), i64 = val_int(1), f = val_float(1);
	assert_true(fn_deep_equal(NULL, i, val_typed(val_int(1), GT_INT)));
	assert_false(fn_deep_equal(NULL, i, i64));
	assert_false(fn_deep_equal(NULL, i, f));
	assert_false(fn_deep_equal(NULL, val_float(NAN), val_float(NAN)));
	assert_true(fn_deep_equal(NULL, val_null(), val_null()));
	val l = val_list_new(&a, 1), s = val_typed(val_list_new(&a, 1), GT_STRINGS);
	val_list_push(&a, l, val_str_ref("x", 1));
	val_list_push(&a, s, val_str_ref("x", 1));
	assert_false(fn_deep_equal(NULL, l, s));
	val l2 = val_list_new(&a, 1);
	val_list_push(&a, l2, val_str_ref("x", 1));
	assert_true(fn_deep_equal(NULL, l, l2));
	val m1 = val_map_new(&a, 2), m2 = val_map_new(&a, 2);
	val_map_set(&a, m1, "a", 1, i);
	val_map_set(&a, m1, "b", 1, l);
	val_map_set(&a, m2, "b", 1, l2);
	val_map_set(&a, m2, "a", 1, i);
	assert_true(fn_deep_equal(NULL, m1, m2));
	val_map_set(&a, m2, "a", 1, f);
	assert_false(fn_deep_equal(NULL, m1, m2));
	assert_false(fn_deep_equal(NULL, m1, val_typed(m1, GT_VALUES)));
	arena_free(&a);
}

static void test_empty_and_kinds(void **state)
{
	struct arena a = ARENA_INIT;
	assert_true(fn_empty(NULL, val_null()));
	assert_true(fn_empty(NULL, val_float(0)));
	assert_true(fn_empty(NULL, val_float(-0.0)));
	assert_false(fn_empty(NULL, val_float(0.5)));
	assert_true(fn_empty(NULL, val_str_ref("", 0)));
	assert_true(fn_empty(NULL, val_list_new(&a, 0)));
	assert_true(fn_empty(NULL, val_typed(val_str_ref("", 0), GT_BYTES)));
	assert_false(fn_empty(NULL, val_bool(true)));
	assert_string_equal(fn_kind_name(NULL, val_null()), "invalid");
	assert_string_equal(fn_kind_name(NULL, val_typed(val_int(1), GT_INT)), "int");
	assert_string_equal(fn_kind_name(NULL, val_int(1)), "int64");
	assert_string_equal(fn_kind_name(NULL, val_typed(val_int(1), GT_UINT8)), "uint8");
	assert_string_equal(fn_kind_name(NULL, val_typed(val_str_ref("", 0), GT_BYTES)), "slice");
	assert_string_equal(fn_kind_name(NULL, val_typed(val_map_new(&a, 0), GT_VALUES)), "map");
	assert_true(fn_is_slice(val_typed(val_list_new(&a, 0), GT_STRINGS)));
	assert_false(fn_is_slice(val_str_ref("ab", 2)));
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_engine_reflect),
		cmocka_unit_test(test_deep_equal_types),
		cmocka_unit_test(test_empty_and_kinds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
