/* test_gotypes.c — where Go's types show through Sprig's results: split's
 * map[string]string and Go's nil slices (rest/initial of an empty list,
 * concat of nothing, regexFindAll without a match: toJson/toYaml say null),
 * against Helm 3.17.3 rendering the same snippets (engine_gotypes.vec). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/engine_harness.h"

static void test_engine_gotypes(void **state)
{
	assert_int_equal(harness_run_suite("gotypes", 320), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_engine_gotypes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
