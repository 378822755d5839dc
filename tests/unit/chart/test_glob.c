/* test_glob.c — glob_compile/glob_match against gobwas/glob v0.2.3 as
 * Helm 3.17.3's .Files.Glob uses it (tests/vectors/glob.vec: pattern,
 * compiled, path, result), plus focused cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/arena.h"
#include "chart/glob.h"
#include "support/vec.h"

/* The oracle writes 15,254 records; fewer means a truncated or stale file. */
#define GLOB_MIN_VECTORS 15254

static int one(const char *pat, const char *path, bool *ok)
{
	struct arena a;
	arena_init(&a);
	struct glob *g = glob_compile(&a, pat, strlen(pat), ok);
	int r = glob_match(g, path, strlen(path));
	glob_release(g);
	arena_free(&a);
	return r;
}

static void test_focused(void **state)
{
	(void)state;
	bool ok;
	assert_int_equal(one("*.yaml", "x.yaml", &ok), 1);
	assert_true(ok);
	assert_int_equal(one("*.yaml", "a/x.yaml", &ok), 0);
	assert_int_equal(one("**.yaml", "a/x.yaml", &ok), 1);
	assert_int_equal(one("[a-z0-9]", "zzz/q", &ok), 1); /* compile error: ** */
	assert_false(ok);
	assert_int_equal(one("{*.yaml,sub/**}", "sub/a/b", &ok), 1);
	assert_int_equal(one("a{}", "a", &ok), -1); /* gobwas panics */
}

static void test_vectors(void **state)
{
	(void)state;
	struct vec_file *vf = vec_open("tests/vectors/glob.vec");
	struct vec_stats st = { .suite = "glob" };
	struct arena a;
	arena_init(&a);
	const struct vec_rec *r;
	struct glob *g = NULL;
	char *last = NULL;
	size_t lastn = 0;
	bool ok = false;
	while ((r = vec_next(vf))) {
		assert_int_equal(r->nfields, 5);
		st.total++;
		if (!last || lastn != r->f[1].n || memcmp(last, r->f[1].p, lastn) != 0) {
			if (g)
				glob_release(g);
			last = arena_memdup(&a, r->f[1].p, r->f[1].n);
			lastn = r->f[1].n;
			g = glob_compile(&a, last, lastn, &ok);
		}
		if ((ok ? '1' : '0') != r->f[2].p[0]) {
			vec_mismatch(&st, r, "compiled", r->f[2].p, 1, ok ? "1" : "0", 1);
			continue;
		}
		int m = glob_match(g, r->f[3].p, r->f[3].n);
		const char *got = m < 0 ? "P" : m ? "1" : "0";
		if (got[0] != r->f[4].p[0])
			vec_mismatch(&st, r, "match", r->f[4].p, r->f[4].n, got, 1);
	}
	if (g)
		glob_release(g);
	arena_free(&a);
	vec_close(vf);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= GLOB_MIN_VECTORS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_focused),
		cmocka_unit_test(test_vectors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
