/* test_semver.c — semver and semverCompare (src/funcs/semver.c) against
 * Helm 3.17.3 rendering the same snippets (tests/vectors/engine_semver.vec). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/engine_harness.h"

static void test_engine_semver(void **state)
{
	assert_int_equal(harness_run_suite("semver", 3000), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_engine_semver),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
