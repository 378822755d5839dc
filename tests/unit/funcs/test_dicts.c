/* test_dicts.c — Sprig's dicts family (src/funcs/dicts.c) against Helm 3.17.3
 * rendering the same snippets (tests/vectors/engine_dicts.vec). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/engine_harness.h"

static void test_engine_dicts(void **state)
{
	assert_int_equal(harness_run_suite("dicts", 909), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_engine_dicts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
