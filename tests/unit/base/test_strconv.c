/* test_strconv.c — Go's strconv.FormatFloat and encoding/json float text
 * (base/strconv.c) against tests/vectors/float.vec, plus FormatInt bases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strconv.h"
#include "support/vec.h"

#define FLOAT_MIN_VECTORS 15000

static void test_float_vectors(void **state)
{
	struct vec_file *vf = vec_open("tests/vectors/float.vec");
	struct vec_stats st = { "float", 0, 0 };
	const struct vec_rec *r;
	struct sb out = SB_INIT;
	while ((r = vec_next(vf))) {
		assert_int_equal(r->nfields, 5);
		uint64_t bits = strtoull(r->f[1].p, NULL, 16);
		double d;
		memcpy(&d, &bits, sizeof(d));
		sb_reset(&out);
		if (strcmp(r->f[2].p, "json") == 0)
			strconv_json_float(&out, d);
		else
			strconv_format_float(&out, d, r->f[2].p[0], (int)strtol(r->f[3].p, NULL, 10));
		st.total++;
		if (out.len != r->f[4].n || memcmp(out.buf, r->f[4].p, out.len) != 0) {
			char what[64];
			snprintf(what, sizeof(what), "%s %s %s", r->f[1].p, r->f[2].p, r->f[3].p);
			vec_mismatch(&st, r, what, r->f[4].p, r->f[4].n, out.buf, out.len);
		}
	}
	vec_close(vf);
	sb_release(&out);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= FLOAT_MIN_VECTORS);
}

static void test_format_int(void **state)
{
	struct sb out = SB_INIT;
	strconv_format_int(&out, INT64_MIN, 10);
	sb_addc(&out, ' ');
	strconv_format_int(&out, -255, 16);
	sb_addc(&out, ' ');
	strconv_format_uint(&out, UINT64_MAX, 2);
	sb_addc(&out, ' ');
	strconv_format_uint(&out, 35, 36);
	assert_string_equal(out.buf, "-9223372036854775808 -ff "
			    "1111111111111111111111111111111111111111111111111111111111111111 z");
	sb_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_int),
		cmocka_unit_test(test_float_vectors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
