/* test_numeric.c — Sprig's numeric functions (src/funcs/numeric.c) against
 * Helm 3.17.3 rendering the same snippets (tests/vectors/engine_numeric.vec),
 * plus direct checks of the cast conversions and randInt's range. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "funcs/fn_numbers.h"
#include "support/engine_harness.h"

static void test_engine_numeric(void **state)
{
	assert_int_equal(harness_run_suite("numeric", 12000), 0);
}

static void test_cast(void **state)
{
	assert_int_equal(fn_cast_int64(val_str_ref("0x10", 4)), 16);
	assert_int_equal(fn_cast_int64(val_str_ref("010", 3)), 8);
	assert_int_equal(fn_cast_int64(val_str_ref("08", 2)), 0);
	assert_int_equal(fn_cast_int64(val_str_ref("12.000", 6)), 12);
	assert_int_equal(fn_cast_int64(val_str_ref("1.50", 4)), 0);
	assert_int_equal(fn_cast_int64(val_float(-3.9)), -3);
	assert_true(fn_cast_int64(val_float(NAN)) == INT64_MIN);
	assert_true(fn_cast_int64(val_float(1e19)) == INT64_MIN);
	assert_int_equal(fn_cast_int64(val_bool(true)), 1);
	assert_int_equal(fn_cast_int64(val_null()), 0);
	assert_true(fn_cast_float64(val_str_ref("1e400", 5)) == 0);
	assert_true(fn_cast_float64(val_str_ref("0x1p4", 5)) == 16);
	assert_true(isinf(fn_cast_float64(val_str_ref("-inf", 4))));
}

/* randInt is random: every draw must land in [min, max). */
static void test_randint_range(void **state)
{
	struct sb out = SB_INIT;
	const char tpl[] = "{{ range until 200 }}{{ randInt -3 4 }},{{ end }}";
	harness_render(tpl, sizeof(tpl) - 1, &out);
	assert_memory_equal(out.buf, "ok\t", 3);
	int seen[7] = { 0 };
	const char *p = out.buf + 3;
	int count = 0;
	while (*p) {
		char *end;
		long v = strtol(p, &end, 10);
		assert_true(end > p && *end == ',');
		assert_true(v >= -3 && v < 4);
		seen[v + 3]++;
		count++;
		p = end + 1;
	}
	assert_int_equal(count, 200);
	for (int i = 0; i < 7; i++)
		assert_true(seen[i] > 0);
	sb_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cast),
		cmocka_unit_test(test_randint_range),
		cmocka_unit_test(test_engine_numeric),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
