/* test_lists.c — Sprig's list family (src/funcs/lists.c) against Helm
 * 3.17.3 rendering the same snippets (tests/vectors/engine_lists.vec), and
 * direct calls of the table's functions on large inputs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "funcs/funcs.h"
#include "support/engine_harness.h"

static void test_engine_lists(void **state)
{
	assert_int_equal(harness_run_suite("lists", 3881), 0);
}

static const struct tmpl_func *lookup(const char *name)
{
	for (size_t i = 0; i < fn_lists_count; i++)
		if (strcmp(fn_lists_table[i].name, name) == 0)
			return &fn_lists_table[i];
	fail_msg("no function %s", name);
	return NULL;
}

static int call(struct tmpl_exec *x, const char *name, val *args, size_t n, val *out)
{
	sb_reset(&x->fnerr);
	return lookup(name)->fn(x, args, n, out);
}

/* chunk, slice, uniq, concat on ten thousand elements: sizes and sharing */
static void test_large_lists(void **state)
{
	struct arena a = ARENA_INIT;
	struct tmpl_exec x = { 0 };
	x.a = &a;
	sb_init(&x.fnerr);
	val l = val_list_new(&a, 0);
	for (int i = 0; i < 10000; i++)
		val_list_push(&a, l, val_typed(val_int(i % 100), GT_INT));
	val out, args[3];

	args[0] = val_typed(val_int(3), GT_INT);
	args[1] = l;
	assert_int_equal(call(&x, "chunk", args, 2, &out), 0);
	assert_int_equal(val_list_len(out), 3334);
	assert_int_equal(val_list_len(val_list_at(out, 3333)), 1);

	args[0] = l;
	args[1] = val_typed(val_int(10), GT_INT);
	args[2] = val_str_ref("20", 2); /* cast.ToInt parses strings */
	assert_int_equal(call(&x, "slice", args, 3, &out), 0);
	assert_int_equal(val_list_len(out), 10);
	assert_ptr_equal(out.u.l->items, l.u.l->items + 10); /* shares, as Go */

	assert_int_equal(call(&x, "uniq", &l, 1, &out), 0);
	assert_int_equal(val_list_len(out), 100);

	val ls[4] = { l, l, out, val_typed(val_str_ref("ab", 2), GT_BYTES) };
	assert_int_equal(call(&x, "concat", ls, 4, &out), 0);
	assert_int_equal(val_list_len(out), 20102);
	assert_int_equal(val_list_at(out, 20101).gotype, GT_UINT8);

	args[0] = val_str_ref("s", 1);
	args[1] = val_null();
	assert_int_equal(call(&x, "push", args, 2, &out), -1);
	assert_string_equal(x.fnerr.buf, "Cannot push on type string");
	sb_release(&x.fnerr);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_engine_lists),
		cmocka_unit_test(test_large_lists),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
