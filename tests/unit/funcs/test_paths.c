/* test_paths.c — Sprig's path/filepath wrappers and urlParse/urlJoin
 * (net/url) against Helm 3.17.3 rendering the same snippets
 * (tests/oracle/engine/paths.go). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/engine_harness.h"

static void test_engine_paths(void **state)
{
	assert_int_equal(harness_run_suite("paths", 500), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_engine_paths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
