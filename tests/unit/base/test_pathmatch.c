/* test_pathmatch.c — filepath.Match against Go on hand-picked and random
 * patterns, including Go's "syntax error in pattern" cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/pathmatch.h"
#include "support/vec.h"

static void test_pathmatch_vectors(void **state)
{
	struct vec_file *vf = vec_open("tests/vectors/pathmatch.vec");
	struct vec_stats st = { "pathmatch", 0, 0 };
	const struct vec_rec *r;
	while ((r = vec_next(vf))) {
		int m = path_match(r->f[1].p, r->f[1].n, r->f[2].p, r->f[2].n);
		const char *got = m < 0 ? "err" : m ? "true" : "false";
		st.total++;
		if (strcmp(got, r->f[3].p) != 0)
			vec_mismatch(&st, r, r->f[2].p, r->f[3].p, r->f[3].n, got, strlen(got));
	}
	vec_close(vf);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= 3000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pathmatch_vectors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
