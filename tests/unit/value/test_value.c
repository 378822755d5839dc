/* test_value.c — the value model: maps (hashing, order, deletion), lists,
 * Go's reference semantics, deep copy, equality and truth. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "value/value.h"

static void test_map_small_and_large(void **state)
{
	struct arena a = ARENA_INIT;
	val m = val_map_new(&a, 0);
	char key[32];
	/* past the linear-scan threshold into the hashed index and several rehashes */
	for (int i = 0; i < 5000; i++) {
		int n = snprintf(key, sizeof(key), "k%d", i);
		val_map_set(&a, m, arena_memdup(&a, key, (size_t)n), (size_t)n, val_int(i));
	}
	assert_int_equal(val_map_len(m), 5000);
	for (int i = 0; i < 5000; i++) {
		int n = snprintf(key, sizeof(key), "k%d", i);
		val v;
		assert_true(val_map_get(m, key, (size_t)n, &v));
		assert_int_equal(v.kind, VAL_INT);
		assert_int_equal(v.u.i, i);
	}
	assert_false(val_map_get(m, "k5000", 5, NULL));
	/* replace keeps position and length */
	val_map_set(&a, m, "k0", 2, val_bool(true));
	assert_int_equal(val_map_len(m), 5000);
	assert_int_equal(val_map_entry_at(m, 0)->v.kind, VAL_BOOL);
	/* delete from the middle keeps insertion order and the index */
	assert_true(val_map_del(m, "k10", 3));
	assert_false(val_map_del(m, "k10", 3));
	assert_int_equal(val_map_len(m), 4999);
	assert_string_equal(val_map_entry_at(m, 10)->key, "k11");
	val v;
	assert_true(val_map_get(m, "k4999", 5, &v));
	assert_int_equal(v.u.i, 4999);
	arena_free(&a);
}

static void test_map_sorted_order(void **state)
{
	struct arena a = ARENA_INIT;
	val m = val_map_new(&a, 0);
	const char *keys[] = { "b", "a10", "a9", "", "B", "a", "\xc3\xa9", "ab", "a\x01" };
	size_t n = sizeof(keys) / sizeof(keys[0]);
	for (size_t i = 0; i < n; i++)
		val_map_set(&a, m, keys[i], strlen(keys[i]), val_int((int64_t)i));
	/* Go sorts string keys by bytes */
	const char *want[] = { "", "B", "a", "a\x01", "a10", "a9", "ab", "b", "\xc3\xa9" };
	const uint32_t *o = val_map_order(&a, m);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(val_map_entry_at(m, o[i])->key, want[i]);
	/* cache is dropped on write */
	val_map_set(&a, m, "0", 1, val_null());
	o = val_map_order(&a, m);
	assert_string_equal(val_map_entry_at(m, o[1])->key, "0");
	arena_free(&a);
}

static void test_reference_semantics_and_copy(void **state)
{
	struct arena a = ARENA_INIT;
	val inner = val_map_new(&a, 0);
	val outer = val_map_new(&a, 0);
	val_map_set(&a, outer, "in", 2, inner);
	val alias = outer;
	/* like a Go map in an interface{}: writes are visible through every holder */
	val_map_set(&a, inner, "x", 1, val_str(&a, "1", 1));
	val got;
	assert_true(val_map_get(alias, "in", 2, &got));
	assert_int_equal(val_map_len(got), 1);
	val copy = val_copy_deep(&a, outer);
	assert_true(val_equal(copy, outer));
	val_map_set(&a, inner, "y", 1, val_null());
	assert_false(val_equal(copy, outer));
	arena_free(&a);
}

static void test_lists_equality_truth(void **state)
{
	struct arena a = ARENA_INIT;
	val l = val_list_new(&a, 0);
	for (int i = 0; i < 100; i++)
		val_list_push(&a, l, val_float(i));
	assert_int_equal(val_list_len(l), 100);
	assert_true(val_list_at(l, 99).u.f == 99.0);
	assert_true(val_equal(l, val_copy_deep(&a, l)));
	assert_false(val_equal(val_int(1), val_float(1)));
	assert_true(val_equal(val_str(&a, "a\0b", 3), val_str_ref("a\0b", 3)));
	assert_false(val_equal(val_str_ref("a\0b", 3), val_str_ref("a\0c", 3)));
	assert_false(val_truthy(val_null()));
	assert_false(val_truthy(val_float(0)));
	assert_false(val_truthy(val_str_ref("", 0)));
	assert_false(val_truthy(val_list_new(&a, 0)));
	assert_false(val_truthy(val_map_new(&a, 0)));
	assert_true(val_truthy(val_str_ref("0", 1)));
	assert_true(val_truthy(l));
	assert_true(val_truthy(val_int(-1)));
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_map_small_and_large),
		cmocka_unit_test(test_map_sorted_order),
		cmocka_unit_test(test_reference_semantics_and_copy),
		cmocka_unit_test(test_lists_equality_truth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
