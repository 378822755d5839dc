/* test_arena_sb.c — arena allocation and the string buffer invariants. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/sb.h"

static void test_arena_alignment_and_growth(void **state)
{
	struct arena a = ARENA_INIT;
	for (int i = 1; i < 5000; i++) {
		char *p = arena_alloc(&a, (size_t)(i % 97) + 1);
		assert_int_equal((uintptr_t)p % 16, 0);
		memset(p, 0xab, (size_t)(i % 97) + 1);
	}
	/* a big block gets its own chunk and does not disturb the current one */
	char *big = arena_alloc(&a, 10 * 1024 * 1024);
	memset(big, 1, 10 * 1024 * 1024);
	char *small = arena_alloc(&a, 8);
	assert_non_null(small);
	arena_free(&a);
	assert_null(a.head);
}

static void test_arena_grow_in_place(void **state)
{
	struct arena a = ARENA_INIT;
	char *p = arena_alloc(&a, 16);
	memcpy(p, "0123456789abcdef", 16);
	char *q = arena_grow(&a, p, 16, 64);
	assert_ptr_equal(p, q);
	char *r = arena_alloc(&a, 8);
	(void)r;
	char *s = arena_grow(&a, q, 64, 128); /* no longer last: must copy */
	assert_ptr_not_equal(s, q);
	assert_memory_equal(s, "0123456789abcdef", 16);
	char *d = arena_memdup(&a, "x\0y", 3);
	assert_memory_equal(d, "x\0y\0", 4);
	arena_free(&a);
}

static void test_sb_invariants(void **state)
{
	struct sb sb = SB_INIT;
	assert_non_null(sb.buf);
	assert_string_equal(sb.buf, "");
	sb_add(&sb, "a\0b", 3);
	assert_int_equal(sb.len, 3);
	assert_int_equal(sb.buf[3], '\0');
	sb_addf(&sb, "%d-%s", 42, "x");
	assert_memory_equal(sb.buf, "a\0b42-x", 7);
	for (int i = 0; i < 1000; i++)
		sb_addf(&sb, "%04d", i);
	assert_int_equal(sb.len, 7 + 4000);
	sb_addrep(&sb, ' ', 3);
	assert_int_equal(sb.len, 4010);
	size_t n;
	char *p = sb_detach(&sb, &n);
	assert_int_equal(n, 4010);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	free(p);
	sb_setlen(&sb, 0);
	p = sb_detach(&sb, &n); /* detaching an empty buffer gives a freeable "" */
	assert_int_equal(n, 0);
	assert_string_equal(p, "");
	free(p);
	sb_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena_alignment_and_growth),
		cmocka_unit_test(test_arena_grow_in_place),
		cmocka_unit_test(test_sb_invariants),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
