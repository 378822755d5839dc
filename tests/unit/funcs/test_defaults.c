/* test_defaults.c — Sprig's defaults family (src/funcs/defaults.c) against Helm 3.17.3
 * rendering the same snippets (tests/vectors/engine_defaults.vec). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/engine_harness.h"

static void test_engine_defaults(void **state)
{
	assert_int_equal(harness_run_suite("defaults", 754), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_engine_defaults),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
