/* test_json_encode.c — val_to_json against encoding/json Marshal,
 * MarshalIndent(v, "", "  ") and an Encoder with SetEscapeHTML(false)
 * (tests/vectors/json_encode.vec), plus focused checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/vec.h"
#include "value/codec.h"

/* The oracle writes 1,472 records. */
#define JSON_ENCODE_MIN_VECTORS 1400

static int hexv(char c)
{
	return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

static val unhex(struct arena *a, const char *s, size_t n, enum val_gotype gt)
{
	char *b = arena_alloc(a, n / 2 + 1);
	for (size_t i = 0; i + 1 < n; i += 2)
		b[i / 2] = (char)(hexv(s[i]) * 16 + hexv(s[i + 1]));
	return val_typed(val_str_ref(b, n / 2), gt);
}

static bool is_marker(val v)
{
	return v.kind == VAL_STRING && v.len >= 2 && v.u.s[0] == '\x01' && v.u.s[1] == '@';
}

/* The same rewrite as applyMarkers in tests/oracle/json.go. */
static val apply_markers(struct arena *a, val v, val self)
{
	if (is_marker(v)) {
		/* arena strings from the decoder are NUL-terminated */
		const char *body = v.u.s + 2, *arg = body + 2;
		size_t alen = v.len >= 4 ? v.len - 4 : 0;
		if (strcmp(body, "self") == 0)
			return self;
		switch (body[0]) {
		case 'f':
			return val_float(strtod(arg, NULL));
		case 'i':
			return val_int(strtoll(arg, NULL, 10));
		case 'u':
			return val_typed(val_int((int64_t)strtoull(arg, NULL, 10)), GT_UINT64);
		case 'x':
			return unhex(a, arg, alen, GT_DEFAULT);
		case 'b':
			return unhex(a, arg, alen, GT_BYTES);
		}
		fail_msg("bad marker %s", body);
	}
	if (v.kind == VAL_LIST) {
		for (size_t i = 0; i < val_list_len(v); i++)
			v.u.l->items[i] = apply_markers(a, v.u.l->items[i], v);
	} else if (v.kind == VAL_MAP) {
		val m = val_map_new(a, val_map_len(v));
		for (size_t i = 0; i < val_map_len(v); i++) {
			const struct val_map_entry *e = val_map_entry_at(v, i);
			val k = val_str_ref(e->key, e->klen);
			if (is_marker(k))
				k = unhex(a, e->key + 4, e->klen - 4, GT_DEFAULT);
			/* the rebuilt map is the container a "self" marker names */
			val_map_set(a, m, k.u.s, k.len, e->v);
		}
		for (size_t i = 0; i < val_map_len(m); i++)
			m.u.m->entries[i].v = apply_markers(a, m.u.m->entries[i].v, m);
		return m;
	}
	return v;
}

static void check(struct vec_stats *st, const struct vec_rec *r, int fi, const char *what,
		  int rc, const struct sb *out, const struct sb *err)
{
	const char *status = rc == 0 ? "ok" : "err";
	const struct sb *got = rc == 0 ? out : err;
	if (strcmp(r->f[fi].p, "skip") == 0)
		return;
	if (strcmp(status, r->f[fi].p) != 0)
		vec_mismatch(st, r, what, r->f[fi].p, r->f[fi].n, status, strlen(status));
	else if (got->len != r->f[fi + 1].n || memcmp(got->buf, r->f[fi + 1].p, got->len) != 0)
		vec_mismatch(st, r, what, r->f[fi + 1].p, r->f[fi + 1].n, got->buf, got->len);
}

static void test_vectors(void **state)
{
	struct vec_file *vf = vec_open("tests/vectors/json_encode.vec");
	struct vec_stats st = { "json_encode", 0, 0 };
	struct sb out = SB_INIT, err = SB_INIT;
	const struct vec_rec *r;
	while ((r = vec_next(vf))) {
		assert_int_equal(r->nfields, 8);
		struct arena a = ARENA_INIT;
		val v;
		sb_reset(&err);
		if (val_from_json(&a, r->f[1].p, r->f[1].n, &v, &err) != 0)
			fail_msg("line %zu: input does not decode: %s", r->line, err.buf);
		v = apply_markers(&a, v, val_null());
		size_t before = st.failed;
		st.total++;
		sb_reset(&out);
		sb_reset(&err);
		int rc = val_to_json(&a, v, VAL_JSON_ESCAPE_HTML, NULL, NULL, &out, &err);
		check(&st, r, 2, "Marshal", rc, &out, &err);
		sb_reset(&out);
		sb_reset(&err);
		rc = val_to_json(&a, v, VAL_JSON_ESCAPE_HTML, "", "  ", &out, &err);
		check(&st, r, 4, "MarshalIndent", rc, &out, &err);
		sb_reset(&out);
		sb_reset(&err);
		rc = val_to_json(&a, v, 0, NULL, NULL, &out, &err);
		check(&st, r, 6, "Encoder", rc, &out, &err);
		/* count a record once however many of its outputs differ */
		if (st.failed > before + 1)
			st.failed = before + 1;
		arena_free(&a);
	}
	vec_close(vf);
	sb_release(&out);
	sb_release(&err);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= JSON_ENCODE_MIN_VECTORS);
}

static void encode(struct arena *a, val v, int flags, const char *prefix, const char *indent,
		   const char *want_out, const char *want_err)
{
	struct sb out = SB_INIT, err = SB_INIT;
	sb_adds(&out, "keep:");
	int rc = val_to_json(a, v, flags, prefix, indent, &out, &err);
	if (want_err) {
		assert_int_equal(rc, -1);
		assert_string_equal(err.buf, want_err);
		assert_string_equal(out.buf, "keep:"); /* nothing half-written */
	} else {
		assert_int_equal(rc, 0);
		assert_string_equal(out.buf + 5, want_out);
	}
	sb_release(&out);
	sb_release(&err);
}

/* MarshalIndent's prefix goes after every newline, not before the first line. */
static void test_indent_prefix(void **state)
{
	struct arena a = ARENA_INIT;
	val m = val_map_new(&a, 0);
	val l = val_list_new(&a, 0);
	val_list_push(&a, l, val_int(1));
	val_list_push(&a, l, val_map_new(&a, 0));
	val_map_set(&a, m, "b", 1, l);
	val_map_set(&a, m, "a", 1, val_list_new(&a, 0));
	encode(&a, m, VAL_JSON_ESCAPE_HTML, ">", "\t", "{\n>\t\"a\": [],\n>\t\"b\": [\n>\t\t1,\n>\t\t{}\n>\t]\n>}", NULL);
	encode(&a, val_int(7), VAL_JSON_ESCAPE_HTML, ">", "\t", "7", NULL);
	arena_free(&a);
}

/* Typed scalars: uint64 bit patterns, []byte, int64 extremes. */
static void test_typed(void **state)
{
	struct arena a = ARENA_INIT;
	encode(&a, val_typed(val_int(-1), GT_UINT64), 0, NULL, NULL, "18446744073709551615", NULL);
	encode(&a, val_int(INT64_MIN), 0, NULL, NULL, "-9223372036854775808", NULL);
	encode(&a, val_typed(val_str_ref("\xff\xfe", 2), GT_BYTES), 0, NULL, NULL, "\"//4=\"", NULL);
	encode(&a, val_typed(val_str_ref("", 0), GT_BYTES), 0, NULL, NULL, "\"\"", NULL);
	encode(&a, val_str_ref("a\0b", 3), 0, NULL, NULL, "\"a\\u0000b\"", NULL);
	arena_free(&a);
}

/* NaN/Inf anywhere fail the whole Marshal; a cycle fails after 1000 levels. */
static void test_errors(void **state)
{
	struct arena a = ARENA_INIT;
	val l = val_list_new(&a, 0);
	val_list_push(&a, l, val_str_ref("x", 1));
	val_list_push(&a, l, val_float(-INFINITY));
	encode(&a, l, VAL_JSON_ESCAPE_HTML, NULL, NULL, NULL, "json: unsupported value: -Inf");
	encode(&a, val_float(NAN), 0, "", "  ", NULL, "json: unsupported value: NaN");
	val m = val_map_new(&a, 0);
	val_map_set(&a, m, "self", 4, m);
	encode(&a, m, 0, NULL, NULL, NULL,
	       "json: unsupported value: encountered a cycle via map[string]interface {}");
	val v = val_typed(val_map_new(&a, 0), GT_VALUES);
	val inner = val_list_new(&a, 1);
	val_list_push(&a, inner, v);
	val_map_set(&a, v, "l", 1, inner);
	encode(&a, v, 0, NULL, NULL, NULL,
	       "json: unsupported value: encountered a cycle via chartutil.Values");
	arena_free(&a);
}

/* Deep but acyclic: past the cycle check, nothing is reported. */
static void test_deep_acyclic(void **state)
{
	struct arena a = ARENA_INIT;
	val v = val_null();
	for (int i = 0; i < 5000; i++) {
		val l = val_list_new(&a, 1);
		val_list_push(&a, l, v);
		v = l;
	}
	struct sb out = SB_INIT, err = SB_INIT;
	assert_int_equal(val_to_json(&a, v, 0, NULL, NULL, &out, &err), 0);
	assert_int_equal(out.len, 5000 * 2 + 4);
	sb_release(&out);
	sb_release(&err);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_indent_prefix),
		cmocka_unit_test(test_typed),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_deep_acyclic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
