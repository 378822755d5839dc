/* test_toml.c — Helm's toToml and fromToml (src/funcs/toml.c) against
 * Helm 3.17.3 rendering the same snippets (tests/vectors/engine_toml.vec),
 * plus direct checks of the codec entry points. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "funcs/fn_toml.h"
#include "support/engine_harness.h"

static void test_engine_toml(void **state)
{
	assert_int_equal(harness_run_suite("toml", 2560), 0);
}

/* Decode then encode: tables after plain keys, arrays of tables, floats
 * keep a ".0", integers stay integers. */
static void test_round_trip(void **state)
{
	static const char doc[] = "z = 1\n[t]\nf = 2.0\n[[a]]\nb = 'x'\n[[a]]\nb = \"y\"\n";
	struct arena a = ARENA_INIT;
	struct sb out = SB_INIT, err = SB_INIT;
	val v;
	arena_init(&a);
	assert_int_equal(fn_toml_decode(&a, doc, sizeof(doc) - 1, &v, &err), 0);
	assert_int_equal(fn_toml_encode(&a, v, &out, &err), 0);
	assert_string_equal(out.buf, "z = 1\n\n[[a]]\n  b = \"x\"\n\n[[a]]\n  b = \"y\"\n\n[t]\n  f = 2.0\n");
	sb_release(&out);
	sb_release(&err);
	arena_free(&a);
}

static void test_errors(void **state)
{
	struct arena a = ARENA_INIT;
	struct sb out = SB_INIT, err = SB_INIT;
	val v, l;
	arena_init(&a);
	assert_int_equal(fn_toml_decode(&a, "a = [1", 6, &v, &err), -1);
	assert_string_equal(err.buf, "toml: line 0 (last key \"a\"): expected a comma (',') or array terminator (']'), but got end of file");
	sb_reset(&err);
	assert_int_equal(fn_toml_decode(&a, "a = 1\na = 2", 11, &v, &err), -1);
	assert_string_equal(err.buf, "toml: line 2 (last key \"a\"): Key 'a' has already been defined.");
	sb_reset(&err);
	l = val_list_new(&a, 2);
	val_list_push(&a, l, val_int(1));
	val_list_push(&a, l, val_null());
	assert_int_equal(fn_toml_encode(&a, l, &out, &err), -1);
	assert_string_equal(err.buf, "toml: cannot encode array with nil element");
	sb_reset(&err);
	assert_int_equal(fn_toml_encode(&a, val_null(), &out, &err), -2);
	sb_release(&out);
	sb_release(&err);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_engine_toml),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
