/* test_yaml_encode.c — val_to_yaml against sigs.k8s.io/yaml.Marshal: every
 * vector of tests/vectors/yaml_encode.vec (tests/oracle/yaml_encode.go), plus
 * hand-built values the JSON-fed vectors cannot express (ints, uint64,
 * []byte, NaN, cycles, appending to a used buffer). */
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

/* tests/oracle writes 4848 vectors; fewer means a truncated file */
#define YE_MIN_VECTORS 4800

static void expect_yaml(val v, const char *want)
{
	struct arena a = ARENA_INIT;
	struct sb out = SB_INIT, err = SB_INIT;
	int rc = val_to_yaml(&a, v, &out, &err);
	if (rc != 0)
		fail_msg("unexpected error: %s", err.buf);
	assert_string_equal(out.buf, want);
	sb_release(&out);
	sb_release(&err);
	arena_free(&a);
}

static void expect_error(struct arena *a, val v, const char *want)
{
	struct sb out = SB_INIT, err = SB_INIT;
	sb_adds(&out, "keep");
	assert_int_equal(val_to_yaml(a, v, &out, &err), -1);
	assert_string_equal(out.buf, "keep");
	assert_string_equal(err.buf, want);
	sb_release(&out);
	sb_release(&err);
}

static void test_scalars(void **state)
{
	(void)state;
	expect_yaml(val_null(), "null\n");
	expect_yaml(val_bool(true), "true\n");
	expect_yaml(val_bool(false), "false\n");
	expect_yaml(val_int(-42), "-42\n");
	expect_yaml(val_typed(val_int(-1), GT_UINT64), "18446744073709551615\n");
	expect_yaml(val_float(1e6), "1000000\n");
	expect_yaml(val_float(1234567.5), "1.2345675e+06\n");
	expect_yaml(val_float(1e-7), "1e-07\n");
	expect_yaml(val_float(-0.0), "0\n");
	expect_yaml(val_float(1e19), "10000000000000000000\n");
	expect_yaml(val_float(1e20), "1e+20\n");
	expect_yaml(val_float(-1e19), "-1e+19\n");
	expect_yaml(val_str_ref("", 0), "\"\"\n");
	expect_yaml(val_str_ref("yes", 3), "\"yes\"\n");
	expect_yaml(val_str_ref("1:20", 4), "\"1:20\"\n");
	expect_yaml(val_str_ref("a\nb\n\n", 5), "|+\n  a\n  b\n\n");
	expect_yaml(val_typed(val_str_ref("hello", 5), GT_BYTES), "aGVsbG8=\n");
}

static void test_structure(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	val m = val_map_new(&a, 0);
	val l = val_list_new(&a, 0);
	val_list_push(&a, l, val_int(1));
	val_list_push(&a, l, val_map_new(&a, 0));
	val_list_push(&a, l, val_list_new(&a, 0));
	val_map_set(&a, m, "a10", 3, l);
	val_map_set(&a, m, "a9", 2, val_str_ref("x", 1));
	val_map_set(&a, m, "B", 1, val_null());
	val_map_set(&a, m, "_", 1, val_bool(true));
	/* natural order: non-letters first, digits by value */
	expect_yaml(m, "_: true\nB: null\na9: x\na10:\n- 1\n- {}\n- []\n");
	arena_free(&a);
}

static void test_quirks(void **state)
{
	(void)state;
	/* go-yaml escapes every character of a string starting with U+FEFF */
	expect_yaml(val_str_ref("\xEF\xBB\xBF" "a b", 6), "\"\\uFEFF\\x61\\x20\\x62\"\n");
	/* no indentation before the closing quote after U+2028 */
	expect_yaml(val_str_ref("a\xE2\x80\xA8", 4), "'a\xE2\x80\xA8'\n");
	/* no "..." after a |+ block at the end */
	expect_yaml(val_str_ref("x\n\n", 3), "|+\n  x\n\n");
	/* NEL folds to a space in the JSON round trip */
	expect_yaml(val_str_ref("a\xC2\x85" "b", 4), "a b\n");
	/* invalid UTF-8 becomes U+FFFD */
	expect_yaml(val_str_ref("a\xFF", 2), "a\xEF\xBF\xBD\n");
}

static void test_errors(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	expect_error(&a, val_float(NAN), "error marshaling into JSON: json: unsupported value: NaN");
	expect_error(&a, val_float(INFINITY), "error marshaling into JSON: json: unsupported value: +Inf");
	val m = val_map_new(&a, 0);
	val_map_set(&a, m, "b", 1, val_float(NAN));
	val_map_set(&a, m, "a", 1, val_float(-INFINITY));
	expect_error(&a, m, "error marshaling into JSON: json: unsupported value: -Inf");
	expect_error(&a, val_str_ref("\x7f", 1), "yaml: control characters are not allowed");
	expect_error(&a, val_str_ref("a\xC2\x85--- b", 8), "yaml: line 2: found unexpected document indicator");
	/* a cycle, found by json.Marshal after 1000 levels */
	val l = val_list_new(&a, 0);
	val_list_push(&a, l, l);
	expect_error(&a, l, "error marshaling into JSON: json: unsupported value: "
			    "encountered a cycle via []interface {}");
	arena_free(&a);
}

static void test_append_and_deep(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	val v = val_str_ref("leaf", 4);
	for (int i = 0; i < 300; i++) {
		val m = val_map_new(&a, 1);
		val_map_set(&a, m, "k", 1, v);
		v = m;
	}
	struct sb out = SB_INIT, err = SB_INIT;
	sb_adds(&out, "prefix\n");
	assert_int_equal(val_to_yaml(&a, v, &out, &err), 0);
	struct sb want = SB_INIT;
	sb_adds(&want, "prefix\n");
	for (int i = 0; i < 300; i++) {
		sb_addrep(&want, ' ', 2 * (size_t)i);
		sb_adds(&want, i == 299 ? "k: leaf\n" : "k:\n");
	}
	assert_string_equal(out.buf, want.buf);
	sb_release(&want);
	sb_release(&out);
	sb_release(&err);
	arena_free(&a);
}

static void split_nul(struct arena *a, const char *p, size_t n, val *parts, size_t *np, size_t max)
{
	size_t k = 0, start = 0;
	for (size_t i = 0; i <= n && k < max; i++) {
		if (i == n || p[i] == '\0') {
			parts[k++] = val_str(a, p + start, i - start);
			start = i + 1;
		}
	}
	*np = k;
}

static void test_vectors(void **state)
{
	(void)state;
	struct vec_file *vf = vec_open("tests/vectors/yaml_encode.vec");
	struct vec_stats st = { .suite = "yaml_encode" };
	const struct vec_rec *r;
	while ((r = vec_next(vf)) != NULL) {
		struct arena a = ARENA_INIT;
		struct sb out = SB_INIT, err = SB_INIT;
		assert_int_equal(r->nfields, 5);
		const char *kind = r->f[1].p;
		const struct vec_field *in = &r->f[2];
		val v = val_null();
		val parts[64];
		size_t np;
		st.total++;
		if (strcmp(kind, "json") == 0) {
			if (val_from_json(&a, in->p, in->n, &v, &err) != 0)
				fail_msg("%s: bad input json: %s", r->f[0].p, err.buf);
		} else if (strcmp(kind, "str") == 0) {
			v = val_str(&a, in->p, in->n);
		} else if (strcmp(kind, "lstr") == 0) {
			split_nul(&a, in->p, in->n, parts, &np, 64);
			v = val_list_new(&a, np);
			for (size_t i = 0; i < np; i++)
				val_list_push(&a, v, parts[i]);
		} else if (strcmp(kind, "keys") == 0) {
			split_nul(&a, in->p, in->n, parts, &np, 64);
			v = val_map_new(&a, np);
			for (size_t i = 0; i < np; i++)
				val_map_set(&a, v, parts[i].u.s, parts[i].len, val_float((double)i));
		} else {
			fail_msg("%s: unknown kind %s", r->f[0].p, kind);
		}
		sb_reset(&err);
		int rc = val_to_yaml(&a, v, &out, &err);
		const struct vec_field *want = &r->f[4];
		if (strcmp(r->f[3].p, "ok") == 0) {
			if (rc != 0)
				vec_mismatch(&st, r, "error", want->p, want->n, err.buf, err.len);
			else if (out.len != want->n || memcmp(out.buf, want->p, want->n) != 0)
				vec_mismatch(&st, r, "yaml", want->p, want->n, out.buf, out.len);
		} else {
			if (rc == 0)
				vec_mismatch(&st, r, "no error", want->p, want->n, out.buf, out.len);
			else if (err.len != want->n || memcmp(err.buf, want->p, want->n) != 0)
				vec_mismatch(&st, r, "error text", want->p, want->n, err.buf, err.len);
		}
		sb_release(&out);
		sb_release(&err);
		arena_free(&a);
	}
	vec_close(vf);
	size_t failed = vec_summary(&st);
	assert_true(st.total >= YE_MIN_VECTORS);
	assert_int_equal(failed, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scalars),
		cmocka_unit_test(test_structure),
		cmocka_unit_test(test_quirks),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_append_and_deep),
		cmocka_unit_test(test_vectors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
