/* test_regex.c — Sprig's regex functions (Go regexp on PCRE2) against Helm
 * 3.17.3 rendering the same snippets (tests/oracle/engine/regex.go). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "support/engine_harness.h"

static void test_engine_regex(void **state)
{
	assert_int_equal(harness_run_suite("regex", 7000), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_engine_regex),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
