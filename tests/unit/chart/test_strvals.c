/* test_strvals.c — strvals_parse against Helm 3.17.3's pkg/strvals
 * (tests/vectors/values_strvals.vec: mode, destination, line, then the
 * resulting map or the exact error), plus focused cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "chart/strvals.h"
#include "support/vec.h"
#include "values_tval.h"

/* The oracle writes 4,419 records; fewer means a truncated or stale file. */
#define STRVALS_MIN_VECTORS 4400

/* The oracle's stand-in for --set-file: "bad*" fails, x reads as "<x>". */
static int fake_reader(void *ctx, struct arena *a, const char *s, size_t n, val *out, struct sb *err)
{
	(void)ctx;
	if (n >= 3 && memcmp(s, "bad", 3) == 0) {
		sb_addf(err, "open %.*s: no such file or directory", (int)n, s);
		return -1;
	}
	struct sb b = SB_INIT;
	sb_addc(&b, '<');
	sb_add(&b, s, n);
	sb_addc(&b, '>');
	*out = val_str(a, b.buf, b.len);
	sb_release(&b);
	return 0;
}

static enum strvals_mode mode_of(const char *m)
{
	if (strcmp(m, "string") == 0)
		return STRVALS_STRING;
	if (strcmp(m, "json") == 0)
		return STRVALS_JSON;
	if (strcmp(m, "file") == 0)
		return STRVALS_FILE;
	if (strcmp(m, "literal") == 0)
		return STRVALS_LITERAL;
	return STRVALS_SET;
}

static void test_vectors(void **state)
{
	(void)state;
	struct vec_file *vf = vec_open("tests/vectors/values_strvals.vec");
	struct vec_stats st = { "values_strvals", 0, 0 };
	struct sb got = SB_INIT, err = SB_INIT;
	const struct vec_rec *r;
	while ((r = vec_next(vf))) {
		assert_int_equal(r->nfields, 6);
		struct arena a = ARENA_INIT;
		val dest;
		assert_true(tval_parse(&a, r->f[2].p, r->f[2].n, &dest));
		sb_reset(&got);
		sb_reset(&err);
		const char *status = "ok";
		if (strvals_parse_with(&a, r->f[3].p, r->f[3].n, dest, mode_of(r->f[1].p), fake_reader, NULL, &err) < 0) {
			status = "err";
			sb_add(&got, err.buf, err.len);
		} else {
			tval_dump(&a, &got, dest);
		}
		st.total++;
		if (strcmp(status, r->f[4].p) != 0)
			vec_mismatch(&st, r, "status", r->f[4].p, r->f[4].n, status, strlen(status));
		else if (got.len != r->f[5].n || memcmp(got.buf, r->f[5].p, got.len) != 0)
			vec_mismatch(&st, r, status, r->f[5].p, r->f[5].n, got.buf, got.len);
		arena_free(&a);
	}
	vec_close(vf);
	sb_release(&got);
	sb_release(&err);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= STRVALS_MIN_VECTORS);
}

static void check(enum strvals_mode mode, const char *in, const char *want)
{
	struct arena a = ARENA_INIT;
	struct sb got = SB_INIT, err = SB_INIT;
	val dest = val_map_new(&a, 0);
	if (strvals_parse_with(&a, in, strlen(in), dest, mode, fake_reader, NULL, &err) < 0)
		sb_addf(&got, "err %s", err.buf);
	else
		tval_dump(&a, &got, dest);
	if (strcmp(got.buf, want) != 0)
		fail_msg("%s: got %s, want %s", in, got.buf, want);
	sb_release(&got);
	sb_release(&err);
	arena_free(&a);
}

static void test_focused(void **state)
{
	(void)state;
	check(STRVALS_SET, "a=1,b=true,c=null,d=01,e={x,y}", "{\"a\":i1,\"b\":true,\"c\":null,\"d\":\"01\",\"e\":[\"x\",\"y\"]}");
	check(STRVALS_SET, "a={}", "{\"a\":[\"\"]}");
	check(STRVALS_SET, "a[2]=x", "{\"a\":[null,null,\"x\"]}");
	check(STRVALS_SET, "a[0]", "{\"a\":[]}");
	check(STRVALS_SET, "a.", "{}");
	check(STRVALS_SET, "a\\.b=c\\,d", "{\"a.b\":\"c,d\"}");
	check(STRVALS_SET, "a", "err key \"a\" has no value");
	check(STRVALS_SET, "a[65537]=1", "err index of 65537 is greater than maximum supported index of 65536");
	check(STRVALS_STRING, "a=1,b=true", "{\"a\":\"1\",\"b\":\"true\"}");
	check(STRVALS_LITERAL, "a.b=1,c=2", "{\"a\":{\"b\":\"1,c=2\"}}");
	check(STRVALS_JSON, "a={\"x\":[1,null]},b=", "{\"a\":{\"x\":[f1,null]},\"b\":null}");
	check(STRVALS_JSON, "a=[1", "err unexpected EOF");
	check(STRVALS_FILE, "a=f", "{\"a\":\"<f>\"}");
	check(STRVALS_FILE, "a=bad", "err open bad: no such file or directory");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_focused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
