/* test_gofmt.c — Go fmt printing (gofmt.c): every vector of
 * tests/vectors/gofmt.vec (fmt.Sprintf / Sprint / Sprintln run by the Go
 * oracle), the strconv quote family of base/quote.c (mode Q), plus focused
 * checks of %T names and the one-value fast path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/quote.h"
#include "support/vec.h"
#include "value/codec.h"

#define GOFMT_MIN_VECTORS 13000

/* Mode Q records: one strconv function of base/quote.c, named in f[2]. */
static void run_quote(struct sb *out, const char *fn, val arg)
{
	const char *s = arg.u.s;
	size_t n = arg.len;
	int32_t r = (int32_t)arg.u.i;
	if (strcmp(fn, "Quote") == 0) {
		strconv_append_quote(out, s, n);
	} else if (strcmp(fn, "QuoteToASCII") == 0) {
		strconv_append_quote_ascii(out, s, n);
	} else if (strcmp(fn, "QuoteToGraphic") == 0) {
		strconv_append_quote_graphic(out, s, n);
	} else if (strcmp(fn, "CanBackquote") == 0) {
		sb_adds(out, strconv_can_backquote(s, n) ? "true" : "false");
	} else if (strcmp(fn, "QuoteRune") == 0) {
		strconv_append_quote_rune(out, r);
	} else if (strcmp(fn, "QuoteRuneToASCII") == 0) {
		strconv_append_quote_rune_ascii(out, r);
	} else if (strcmp(fn, "QuoteRuneToGraphic") == 0) {
		strconv_append_quote_rune_graphic(out, r);
	} else if (strcmp(fn, "IsPrint") == 0 || strcmp(fn, "IsGraphic") == 0) {
		bool graphic = fn[2] == 'G';
		for (int32_t i = 0; i < 4096; i += 4) {
			int nib = 0;
			for (int j = 0; j < 4; j++) {
				int32_t c = r + i + j;
				if (graphic ? strconv_is_graphic(c) : strconv_is_print(c))
					nib |= 1 << j;
			}
			sb_addc(out, "0123456789abcdef"[nib]);
		}
	} else {
		fprintf(stderr, "unknown strconv function %s\n", fn);
		fail();
	}
}

/* Integral floats with |x| < 2^53 become Go ints (the oracle's "D:"). */
static val intify(val v)
{
	switch (v.kind) {
	case VAL_FLOAT:
		if (v.u.f == trunc(v.u.f) && fabs(v.u.f) < 9007199254740992.0)
			return val_typed(val_int((int64_t)v.u.f), GT_INT);
		return v;
	case VAL_LIST:
		for (size_t i = 0; i < val_list_len(v); i++)
			v.u.l->items[i] = intify(v.u.l->items[i]);
		return v;
	case VAL_MAP:
		for (size_t i = 0; i < val_map_len(v); i++)
			v.u.m->entries[i].v = intify(v.u.m->entries[i].v);
		return v;
	default:
		return v;
	}
}

static val json_arg(struct arena *a, const char *p, size_t n)
{
	struct sb err = SB_INIT;
	val v;
	if (val_from_json(a, p, n, &v, &err) != 0) {
		fprintf(stderr, "bad json arg %.*s: %s\n", (int)n, p, err.buf);
		sb_release(&err);
		fail();
	}
	sb_release(&err);
	return v;
}

/* Strings starting with "#B:" become []byte of the rest (the oracle's "X:"). */
static val bytesify(val v)
{
	switch (v.kind) {
	case VAL_STRING:
		if (v.len >= 3 && memcmp(v.u.s, "#B:", 3) == 0)
			return val_typed(val_str_ref(v.u.s + 3, v.len - 3), GT_BYTES);
		return v;
	case VAL_LIST:
		for (size_t i = 0; i < val_list_len(v); i++)
			v.u.l->items[i] = bytesify(v.u.l->items[i]);
		return v;
	case VAL_MAP:
		for (size_t i = 0; i < val_map_len(v); i++)
			v.u.m->entries[i].v = bytesify(v.u.m->entries[i].v);
		return v;
	default:
		return v;
	}
}

/* Decode one "<type>:<payload>" argument field (see tests/oracle/gofmt.go). */
static val parse_arg(struct arena *a, const struct vec_field *f)
{
	assert_true(f->n >= 2 && f->p[1] == ':');
	const char *p = f->p + 2;
	size_t n = f->n - 2;
	switch (f->p[0]) {
	case 'i':
		return val_typed(val_int(strtoll(p, NULL, 10)), GT_INT);
	case 'I':
		return val_int(strtoll(p, NULL, 10));
	case 'u':
		return val_typed(val_int((int64_t)strtoull(p, NULL, 10)), GT_UINT64);
	case 'f': {
		uint64_t bits = strtoull(p, NULL, 16);
		double d;
		memcpy(&d, &bits, sizeof(d));
		return val_float(d);
	}
	case 'b':
		return val_bool(strcmp(p, "true") == 0);
	case 's':
		return val_str(a, p, n);
	case 'B':
		return val_typed(val_str(a, p, n), GT_BYTES);
	case 'n':
		return val_null();
	case 'S':
		return val_typed(json_arg(a, p, n), GT_STRINGS);
	case 'j':
		return json_arg(a, p, n);
	case 'D':
		return intify(json_arg(a, p, n));
	case 'V':
		return val_typed(json_arg(a, p, n), GT_VALUES);
	case 'X':
		return bytesify(json_arg(a, p, n));
	}
	fprintf(stderr, "unknown arg type %s\n", f->p);
	fail();
	return val_null();
}

static void test_vectors(void **state)
{
	struct vec_file *vf = vec_open("tests/vectors/gofmt.vec");
	struct vec_stats st = { "gofmt", 0, 0 };
	const struct vec_rec *r;
	struct sb out = SB_INIT;
	val args[VEC_MAX_FIELDS];
	while ((r = vec_next(vf))) {
		assert_true(r->nfields >= 4);
		struct arena a = ARENA_INIT;
		size_t nargs = r->nfields - 4;
		for (size_t i = 0; i < nargs; i++)
			args[i] = parse_arg(&a, &r->f[4 + i]);
		sb_reset(&out);
		switch (r->f[1].p[0]) {
		case 'f':
			val_sprintf(&a, &out, r->f[2].p, r->f[2].n, args, nargs);
			break;
		case 'p':
			if (nargs == 1)
				val_fmt_v(&a, &out, args[0]);
			else
				val_sprint(&a, &out, args, nargs);
			break;
		case 'l':
			val_sprintln(&a, &out, args, nargs);
			break;
		case 'Q':
			assert_int_equal(nargs, 1);
			run_quote(&out, r->f[2].p, args[0]);
			break;
		default:
			fail();
		}
		st.total++;
		if (out.len != r->f[3].n || memcmp(out.buf, r->f[3].p, out.len) != 0)
			vec_mismatch(&st, r, r->f[2].p, r->f[3].p, r->f[3].n, out.buf, out.len);
		arena_free(&a);
	}
	vec_close(vf);
	sb_release(&out);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= GOFMT_MIN_VECTORS);
}

static void test_type_names(void **state)
{
	struct arena a = ARENA_INIT;
	assert_string_equal(val_go_type_name(val_null()), "<nil>");
	assert_string_equal(val_go_type_name(val_bool(true)), "bool");
	assert_string_equal(val_go_type_name(val_int(1)), "int64");
	assert_string_equal(val_go_type_name(val_typed(val_int(1), GT_INT)), "int");
	assert_string_equal(val_go_type_name(val_typed(val_int(1), GT_UINT64)), "uint64");
	assert_string_equal(val_go_type_name(val_float(1)), "float64");
	assert_string_equal(val_go_type_name(val_cstr(&a, "x")), "string");
	assert_string_equal(val_go_type_name(val_typed(val_cstr(&a, "x"), GT_BYTES)), "[]uint8");
	assert_string_equal(val_go_type_name(val_list_new(&a, 0)), "[]interface {}");
	assert_string_equal(val_go_type_name(val_typed(val_list_new(&a, 0), GT_STRINGS)), "[]string");
	assert_string_equal(val_go_type_name(val_map_new(&a, 0)), "map[string]interface {}");
	assert_string_equal(val_go_type_name(val_typed(val_map_new(&a, 0), GT_VALUES)),
			    "chartutil.Values");
	arena_free(&a);
}

/* Keys print sorted whatever the insertion order; the value stays usable. */
static void test_map_order_and_fast_path(void **state)
{
	struct arena a = ARENA_INIT;
	struct sb out = SB_INIT;
	val m = val_map_new(&a, 0);
	val_map_set(&a, m, "b", 1, val_typed(val_int(2), GT_INT));
	val_map_set(&a, m, "a", 1, val_float(0.5));
	val l = val_list_new(&a, 0);
	val_list_push(&a, l, val_cstr(&a, "x y"));
	val_list_push(&a, l, val_null());
	val_map_set(&a, m, "c", 1, l);
	val_fmt_v(&a, &out, m);
	assert_string_equal(out.buf, "map[a:0.5 b:2 c:[x y <nil>]]");
	sb_reset(&out);
	val_map_set(&a, m, "0", 1, val_bool(false));
	val_fmt_v(&a, &out, m);
	assert_string_equal(out.buf, "map[0:false a:0.5 b:2 c:[x y <nil>]]");
	sb_reset(&out);
	val_fmt_v(&a, &out, val_float(1e21));
	val_fmt_v(&a, &out, val_float(-0.0));
	val_fmt_v(&a, &out, val_typed(val_int(-1), GT_UINT64));
	assert_string_equal(out.buf, "1e+21-018446744073709551615");
	sb_reset(&out);
	/* appends, never resets */
	val args[2] = { val_typed(val_int(7), GT_INT), val_cstr(&a, "%") };
	sb_adds(&out, ">");
	val_sprintf(&a, &out, "%05d%s%%", 8, args, 2);
	assert_string_equal(out.buf, ">00007%%");
	sb_release(&out);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_type_names),
		cmocka_unit_test(test_map_order_and_fast_path),
		cmocka_unit_test(test_vectors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
