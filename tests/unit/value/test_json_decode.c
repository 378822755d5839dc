/* test_json_decode.c — val_from_json against encoding/json Unmarshal into
 * interface{} (tests/vectors/json_decode.vec: result re-marshalled, or the
 * exact error text), plus focused checks of values the vectors cannot show. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "support/vec.h"
#include "value/codec.h"

/* The oracle writes 11,684 records; fewer means a truncated or stale file. */
#define JSON_DECODE_MIN_VECTORS 11000

static void test_vectors(void **state)
{
	struct vec_file *vf = vec_open("tests/vectors/json_decode.vec");
	struct vec_stats st = { "json_decode", 0, 0 };
	struct sb got = SB_INIT, err = SB_INIT;
	const struct vec_rec *r;
	while ((r = vec_next(vf))) {
		assert_int_equal(r->nfields, 4);
		struct arena a = ARENA_INIT;
		val v;
		sb_reset(&got);
		sb_reset(&err);
		const char *status;
		if (val_from_json(&a, r->f[1].p, r->f[1].n, &v, &err) == 0) {
			status = "ok";
			if (val_to_json(&a, v, VAL_JSON_ESCAPE_HTML, NULL, NULL, &got, &err) < 0)
				status = "encode-err";
		} else {
			status = "err";
			sb_add(&got, err.buf, err.len);
		}
		st.total++;
		if (strcmp(status, r->f[2].p) != 0)
			vec_mismatch(&st, r, "status", r->f[2].p, r->f[2].n, status, strlen(status));
		else if (got.len != r->f[3].n || memcmp(got.buf, r->f[3].p, got.len) != 0)
			vec_mismatch(&st, r, status, r->f[3].p, r->f[3].n, got.buf, got.len);
		arena_free(&a);
	}
	vec_close(vf);
	sb_release(&got);
	sb_release(&err);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= JSON_DECODE_MIN_VECTORS);
}

static val decode_ok(struct arena *a, const char *s)
{
	struct sb err = SB_INIT;
	val v;
	int rc = val_from_json(a, s, strlen(s), &v, &err);
	if (rc != 0)
		fprintf(stderr, "unexpected error: %s\n", err.buf);
	assert_int_equal(rc, 0);
	sb_release(&err);
	return v;
}

/* Kinds and payloads: every number is a float64, strings carry NUL. */
static void test_kinds(void **state)
{
	struct arena a = ARENA_INIT;
	val v = decode_ok(&a, "{\"n\":12,\"s\":\"a\\u0000b\",\"l\":[true,null],\"m\":{}}");
	assert_int_equal(v.kind, VAL_MAP);
	val x;
	assert_true(val_map_get(v, "n", 1, &x));
	assert_int_equal(x.kind, VAL_FLOAT);
	assert_true(x.u.f == 12.0);
	assert_true(val_map_get(v, "s", 1, &x));
	assert_int_equal(x.kind, VAL_STRING);
	assert_int_equal(x.len, 3);
	assert_memory_equal(x.u.s, "a\0b", 3);
	assert_true(val_map_get(v, "l", 1, &x));
	assert_int_equal(x.kind, VAL_LIST);
	assert_int_equal(val_list_len(x), 2);
	assert_int_equal(val_list_at(x, 0).kind, VAL_BOOL);
	assert_int_equal(val_list_at(x, 1).kind, VAL_NULL);
	assert_true(val_map_get(v, "m", 1, &x));
	assert_int_equal(x.kind, VAL_MAP);
	assert_int_equal(val_map_len(x), 0);
	arena_free(&a);
}

/* -0 keeps its sign; 2^53+1 rounds to even; underflow is silently 0. */
static void test_numbers(void **state)
{
	struct arena a = ARENA_INIT;
	val v = decode_ok(&a, "-0");
	assert_true(v.u.f == 0 && signbit(v.u.f));
	v = decode_ok(&a, "9007199254740993");
	assert_true(v.u.f == 9007199254740992.0);
	v = decode_ok(&a, "1e-400");
	assert_true(v.u.f == 0);
	v = decode_ok(&a, "0.1");
	assert_true(v.u.f == 0.1);
	v = decode_ok(&a, "123456789012345.678");
	assert_true(v.u.f == 123456789012345.678);
	arena_free(&a);
}

/* The value must not point into the input buffer (callers free it). */
static void test_copies_input(void **state)
{
	struct arena a = ARENA_INIT;
	char buf[] = "{\"key\":\"value\"}";
	val v = decode_ok(&a, buf);
	memset(buf, 'x', sizeof(buf) - 1);
	val x;
	assert_true(val_map_get(v, "key", 3, &x));
	assert_int_equal(x.len, 5);
	assert_memory_equal(x.u.s, "value", 5);
	arena_free(&a);
}

/* Syntax errors beat a number range error even when they come later
 * (Unmarshal runs checkValid over the whole input first); the first range
 * error is the one reported. */
static void test_error_precedence(void **state)
{
	struct arena a = ARENA_INIT;
	struct sb err = SB_INIT;
	val v;
	assert_int_equal(val_from_json(&a, "[1e999,-2e999]", 14, &v, &err), -1);
	assert_string_equal(err.buf, "json: cannot unmarshal number 1e999 into Go value of type float64");
	sb_reset(&err);
	assert_int_equal(val_from_json(&a, "[1e999,]", 8, &v, &err), -1);
	assert_string_equal(err.buf, "invalid character ']' looking for beginning of value");
	sb_reset(&err);
	/* an error leaves *out null, and the error is appended to what err holds */
	sb_adds(&err, "ctx: ");
	assert_int_equal(val_from_json(&a, "{\"a\" 1}", 7, &v, &err), -1);
	assert_string_equal(err.buf, "ctx: invalid character '1' after object key");
	assert_int_equal(v.kind, VAL_NULL);
	sb_release(&err);
	arena_free(&a);
}

/* A long input decodes in one pass with linear cost. */
static void test_large(void **state)
{
	struct sb in = SB_INIT;
	sb_addc(&in, '[');
	for (int i = 0; i < 100000; i++)
		sb_addf(&in, "%s{\"k%d\":[%d.5,\"s\\u00e9\",true]}", i ? "," : "", i % 100, i);
	sb_addc(&in, ']');
	struct arena a = ARENA_INIT;
	struct sb err = SB_INIT;
	val v;
	assert_int_equal(val_from_json(&a, in.buf, in.len, &v, &err), 0);
	assert_int_equal(val_list_len(v), 100000);
	val m = val_list_at(v, 99999), x;
	assert_true(val_map_get(m, "k99", 3, &x));
	assert_true(val_list_at(x, 0).u.f == 99999.5);
	assert_int_equal(val_list_at(x, 1).len, 3);
	sb_release(&in);
	sb_release(&err);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_copies_input),
		cmocka_unit_test(test_error_precedence),
		cmocka_unit_test(test_large),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
