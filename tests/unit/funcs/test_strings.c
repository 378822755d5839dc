/* test_strings.c — Sprig's string functions against Helm 3.17.3 rendering
 * the same snippets (tests/oracle/engine/strings.go), plus shape checks of
 * the random ones that no vector can pin down. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "support/engine_harness.h"

static void test_engine_strings(void **state)
{
	assert_int_equal(harness_run_suite("strings", 6000), 0);
}

static void render(const char *tpl, struct sb *out)
{
	sb_reset(out);
	harness_render(tpl, strlen(tpl), out);
}

/* The random functions: right alphabet, right length, not constant. */
static void test_random_shapes(void **state)
{
	struct sb a = SB_INIT, b = SB_INIT;
	static const struct {
		const char *tpl, *alphabet;
	} cases[] = {
		{ "{{ randAlphaNum 64 }}", "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" },
		{ "{{ randAlpha 64 }}", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" },
		{ "{{ randNumeric 64 }}", "0123456789" },
		{ "{{ randAscii 64 }}", " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
					"[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		render(cases[i].tpl, &a);
		render(cases[i].tpl, &b);
		assert_int_equal(a.len, 3 + 64);
		assert_memory_equal(a.buf, "ok\t", 3);
		assert_int_equal(strspn(a.buf + 3, cases[i].alphabet), 64);
		assert_true(strcmp(a.buf, b.buf) != 0);
	}
	/* shuffle keeps the multiset of runes */
	render("{{ shuffle \"h\xc3\xa9llo w\xc3\xb6rld\" }}", &a);
	assert_int_equal(a.len, 3 + 13);
	int counts[256] = { 0 };
	for (size_t i = 3; i < a.len; i++)
		counts[(unsigned char)a.buf[i]]++;
	assert_int_equal(counts['l'], 3);
	assert_int_equal(counts['o'], 1);
	assert_int_equal(counts[0xc3], 2);
	assert_true(memmem(a.buf, a.len, "\xc3\xa9", 2) != NULL);
	assert_true(memmem(a.buf, a.len, "\xc3\xb6", 2) != NULL);
	sb_release(&a);
	sb_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_engine_strings),
		cmocka_unit_test(test_random_shapes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
