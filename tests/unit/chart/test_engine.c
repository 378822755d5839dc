/* test_engine.c — Helm's engine itself (render data, include/tpl/required/
 * fail, error clean-up) against Helm 3.17.3 rendering the same snippets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/engine_harness.h"

static void test_engine_core(void **state)
{
	assert_int_equal(harness_run_suite("core", 70), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_engine_core),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
