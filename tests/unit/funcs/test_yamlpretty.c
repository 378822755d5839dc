/* test_yamlpretty.c — Helm's toYamlPretty (src/funcs/helm.c over
 * src/value/yaml3_encode.c, gopkg.in/yaml.v3's encoder) against Helm 3.17.3
 * rendering the same snippets (tests/vectors/engine_yamlpretty.vec and the
 * toYamlPretty snippets of engine_toml.vec), plus direct encoder checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "support/engine_harness.h"
#include "value/codec.h"

static void test_engine_yamlpretty(void **state)
{
	assert_int_equal(harness_run_suite("yamlpretty", 3400), 0);
}

static void check(val v, const char *want)
{
	struct arena a = ARENA_INIT;
	struct sb out = SB_INIT, err = SB_INIT;
	assert_int_equal(val_to_yaml3(&a, v, 2, &out, &err), 0);
	assert_string_equal(out.buf, want);
	sb_release(&out);
	sb_release(&err);
	arena_free(&a);
}

/* v3's layout: sequences indented under keys, literal blocks, quoting */
static void test_layout(void **state)
{
	struct arena a = ARENA_INIT;
	val m = val_map_new(&a, 4);
	val l = val_list_new(&a, 2);
	val inner = val_map_new(&a, 2);
	val_map_set(&a, inner, "y", 1, val_str_ref("a\nb", 3));
	val_map_set(&a, inner, "x", 1, val_bool(true));
	val_list_push(&a, l, inner);
	val_list_push(&a, l, val_str_ref("yes", 3));
	val_map_set(&a, m, "list", 4, l);
	val_map_set(&a, m, "a10", 3, val_float(1e6));
	val_map_set(&a, m, "a9", 2, val_str_ref("", 0));
	val_map_set(&a, m, "e", 1, val_list_new(&a, 0));
	check(m, "a9: \"\"\na10: 1e+06\ne: []\nlist:\n  - x: true\n    \"y\": |-\n      a\n      b\n  - \"yes\"\n");
	check(val_str_ref("\xff", 1), "!!binary /w==\n");
	check(val_str_ref("a\n", 2), "|\n  a\n");
	check(val_str_ref("\xf0\x9f\x98\x80 x", 6), "\"\\U0001F600 x\"\n");
	arena_free(&a);
}

/* a long list of long maps: linear, and deep nesting does not recurse away */
static void test_large(void **state)
{
	struct arena a = ARENA_INIT;
	val l = val_list_new(&a, 0);
	for (int i = 0; i < 20000; i++) {
		val m = val_map_new(&a, 2);
		val_map_set(&a, m, "k", 1, val_int(i));
		val_map_set(&a, m, "v", 1, val_str_ref("0x10", 4));
		val_list_push(&a, l, m);
	}
	struct sb out = SB_INIT, err = SB_INIT;
	assert_int_equal(val_to_yaml3(&a, l, 2, &out, &err), 0);
	assert_int_equal(memcmp(out.buf, "- k: 0\n  v: \"0x10\"\n- k: 1\n", 26), 0);
	sb_release(&out);
	val deep = val_null();
	for (int i = 0; i < 20000; i++) {
		val w = val_list_new(&a, 1);
		val_list_push(&a, w, deep);
		deep = w;
	}
	assert_int_equal(val_to_yaml3(&a, deep, 2, &out, &err), -1);
	assert_int_equal(out.len, 0);
	sb_release(&out);
	sb_release(&err);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_engine_yamlpretty),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_large),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
