/* test_jsonpath.c — kubectl's JSONPath (kube/jsonpath.c): every vector of
 * tests/vectors/printers_jsonpath.vec (client-go's jsonpath.JSONPath and
 * cli-runtime's JSONPathPrinter run by tests/oracle/printers), plus focused
 * checks of the API the get/list commands use. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kube/jsonpath.h"
#include "support/vec.h"
#include "unit/chart/values_tval.h"
#include "value/codec.h"

#define JSONPATH_MIN_VECTORS 8000

struct fixture {
	char *id;
	val v;
};

struct fixtures {
	struct fixture *f;
	size_t n, cap;
};

static bool field_is(const struct vec_field *f, const char *s)
{
	return f->n == strlen(s) && memcmp(f->p, s, f->n) == 0;
}

static const val *find_fixture(const struct fixtures *fx, const struct vec_field *id)
{
	for (size_t i = 0; i < fx->n; i++)
		if (field_is(id, fx->f[i].id))
			return &fx->f[i].v;
	return NULL;
}

static int cmp_str(const void *a, const void *b)
{
	const struct sb *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->buf, y->buf, n);
	if (c)
		return c;
	return x->len < y->len ? -1 : x->len > y->len;
}

/* Every single result printed alone, sorted, NUL-separated (the oracle's
 * "unordered" form for templates whose Go output order is random). */
static int singles(struct arena *a, struct jsonpath *jp, val data, struct sb *out, struct sb *err)
{
	val groups;
	if (jsonpath_find(jp, data, &groups, err) < 0)
		return -1;
	size_t total = 0;
	for (size_t g = 0; g < val_list_len(groups); g++)
		total += val_list_len(val_list_at(groups, g));
	struct sb *items = arena_zalloc(a, (total + 1) * sizeof(*items));
	size_t k = 0;
	for (size_t g = 0; g < val_list_len(groups); g++) {
		val grp = val_list_at(groups, g);
		for (size_t i = 0; i < val_list_len(grp); i++) {
			val one = val_list_new(a, 1);
			val_list_push(a, one, val_list_at(grp, i));
			sb_init(&items[k]);
			if (jsonpath_print_results(jp, one, &items[k], err) < 0)
				return -1;
			k++;
		}
	}
	qsort(items, total, sizeof(*items), cmp_str);
	for (size_t i = 0; i < total; i++) {
		if (i)
			sb_addc(out, '\0');
		sb_add(out, items[i].buf, items[i].len);
		sb_release(&items[i]);
	}
	return 0;
}

static void run_one(struct arena *a, const struct vec_rec *r, val data, struct sb *kind,
		    struct sb *out)
{
	const struct vec_field *mode = &r->f[1], *tmpl = &r->f[3];
	bool printer = strncmp(mode->p, "printer", 7) == 0;
	bool unordered = field_is(&r->f[4], "unordered");
	struct sb err = SB_INIT;
	struct jsonpath *jp;
	if (printer)
		jp = jsonpath_printer_new(a, tmpl->p, tmpl->n, field_is(mode, "printer"), false, &err);
	else
		jp = jsonpath_parse(a, "t", tmpl->p, tmpl->n, &err);
	if (!jp) {
		sb_adds(kind, "parse");
		sb_add(out, err.buf, err.len);
		sb_release(&err);
		return;
	}
	if (!printer) {
		jsonpath_allow_missing_keys(jp, !field_is(mode, "jp"));
		jsonpath_enable_json_output(jp, field_is(mode, "json"));
	}
	int rc;
	if (unordered) {
		if (printer)
			jsonpath_allow_missing_keys(jp, field_is(mode, "printer"));
		rc = singles(a, jp, data, out, &err);
	} else if (printer) {
		rc = jsonpath_printer_print(jp, data, out, &err);
	} else {
		rc = jsonpath_execute(jp, data, out, &err);
	}
	if (rc < 0) {
		sb_reset(out);
		sb_adds(kind, "exec");
		sb_add(out, err.buf, err.len);
	} else {
		sb_adds(kind, unordered ? "unordered" : "ok");
	}
	sb_release(&err);
}

static void test_vectors(void **state)
{
	(void)state;
	struct vec_file *vf = vec_open("tests/vectors/printers_jsonpath.vec");
	struct vec_stats st = { .suite = "printers_jsonpath" };
	struct arena objs = ARENA_INIT;
	struct fixtures fx = { 0 };
	struct sb kind = SB_INIT, out = SB_INIT;
	const struct vec_rec *r;
	while ((r = vec_next(vf))) {
		if (r->nfields == 3 && field_is(&r->f[1], "object")) {
			if (fx.n == fx.cap) {
				fx.cap = fx.cap ? fx.cap * 2 : 64;
				fx.f = realloc(fx.f, fx.cap * sizeof(*fx.f));
			}
			fx.f[fx.n].id = strdup(r->f[0].p);
			assert_true(tval_parse(&objs, r->f[2].p, r->f[2].n, &fx.f[fx.n].v));
			fx.n++;
			continue;
		}
		st.total++;
		const val *data = r->nfields == 6 ? find_fixture(&fx, &r->f[2]) : NULL;
		if (!data) {
			vec_mismatch(&st, r, "record", "6 fields, known object", 22, "?", 1);
			continue;
		}
		struct arena a = ARENA_INIT;
		sb_reset(&kind);
		sb_reset(&out);
		/* a copy in the vector's arena: map order caches live there */
		run_one(&a, r, val_copy_deep(&a, *data), &kind, &out);
		if (kind.len != r->f[4].n || memcmp(kind.buf, r->f[4].p, kind.len) != 0) {
			struct sb want = SB_INIT;
			sb_add(&want, r->f[4].p, r->f[4].n);
			sb_adds(&want, ": ");
			sb_add(&want, r->f[5].p, r->f[5].n);
			sb_adds(&kind, ": ");
			sb_add(&kind, out.buf, out.len);
			vec_mismatch(&st, r, "kind", want.buf, want.len, kind.buf, kind.len);
			sb_release(&want);
		} else if (out.len != r->f[5].n || memcmp(out.buf, r->f[5].p, out.len) != 0) {
			vec_mismatch(&st, r, "output", r->f[5].p, r->f[5].n, out.buf, out.len);
		}
		arena_free(&a);
	}
	vec_close(vf);
	for (size_t i = 0; i < fx.n; i++)
		free(fx.f[i].id);
	free(fx.f);
	arena_free(&objs);
	sb_release(&kind);
	sb_release(&out);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= JSONPATH_MIN_VECTORS);
}

static val json(struct arena *a, const char *s)
{
	val v;
	struct sb err = SB_INIT;
	assert_int_equal(val_from_json(a, s, strlen(s), &v, &err), 0);
	sb_release(&err);
	jsonpath_preserve_ints(v);
	return v;
}

/* The flow of kubectl get -o jsonpath on several objects. */
static void test_printer_list(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct sb out = SB_INIT, err = SB_INIT;
	val items = json(&a, "[{\"metadata\":{\"name\":\"a\"},\"spec\":{\"n\":2}},"
			     "{\"metadata\":{\"name\":\"b\"},\"spec\":{\"n\":2.5}}]");
	val list = jsonpath_kubectl_list(&a, items, NULL);
	const char *t = "{range .items[*]}{.metadata.name}={.spec.n}{\"\\n\"}{end}";
	struct jsonpath *jp = jsonpath_printer_new(&a, t, strlen(t), true, false, &err);
	assert_non_null(jp);
	assert_int_equal(jsonpath_printer_print(jp, list, &out, &err), 0);
	assert_string_equal(out.buf, "a=2\nb=2.5\n");
	/* ints stay ints: comparing 2 with the int literal works */
	sb_reset(&out);
	t = "{.items[?(@.spec.n==2)].metadata.name}";
	jp = jsonpath_printer_new(&a, t, strlen(t), true, false, &err);
	assert_int_equal(jsonpath_printer_print(jp, list, &out, &err), -1);
	assert_true(strstr(err.buf, "incompatible types for comparison") != NULL);
	sb_reset(&err);
	jp = jsonpath_printer_new(&a, "{.a", 3, true, false, &err);
	assert_null(jp);
	assert_string_equal(err.buf, "error parsing jsonpath {.a, unclosed action");
	sb_release(&out);
	sb_release(&err);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_printer_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
