/* test_dates.c — Sprig's date functions (src/funcs/dates.c) against Helm
 * 3.17.3 rendering the same snippets (tests/vectors/engine_dates.vec, made
 * with TZ=UTC: time.Local must be UTC here too), plus shape checks of the
 * clock-dependent ones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "support/engine_harness.h"

static void test_engine_dates(void **state)
{
	assert_int_equal(harness_run_suite("dates", 1600), 0);
}

static void render(const char *tpl, struct sb *out)
{
	sb_reset(out);
	harness_render(tpl, strlen(tpl), out);
}

/* now: "2024-03-05 14:07:09.123456789 +0000 UTC m=+12.000000001" */
static void test_now_shape(void **state)
{
	struct sb out = SB_INIT;
	render("{{ now }}", &out);
	const char *p = out.buf;
	assert_memory_equal(p, "ok\t", 3);
	p += 3;
	assert_true(strlen(p) > 30);
	for (int i = 0; i < 19; i++)
		assert_true(i == 4 || i == 7 ? p[i] == '-' : i == 10 ? p[i] == ' ' : i == 13 || i == 16 ? p[i] == ':' : p[i] >= '0' && p[i] <= '9');
	assert_non_null(strstr(p, " +0000 UTC m=+"));
	render("{{ ago (toDate \"2006\" \"2020\") }}", &out);
	assert_memory_equal(out.buf, "ok\t", 3);
	assert_non_null(strchr(out.buf, 'h'));
	assert_true(out.buf[out.len - 1] == 's');
	render("{{ durationRound (toDate \"2006\" \"2020\") }}", &out);
	assert_memory_equal(out.buf, "ok\t", 3);
	assert_true(out.buf[out.len - 1] == 'y');
	sb_release(&out);
}

int main(void)
{
	setenv("TZ", "UTC", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_now_shape),
		cmocka_unit_test(test_engine_dates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
