/* test_columns.c — kubectl's custom-columns printer (kube/columns.c): every
 * vector of tests/vectors/printers_columns.vec (kubectl's
 * CustomColumnsPrinter run by tests/oracle/printers), plus focused checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kube/columns.h"
#include "kube/jsonpath.h"
#include "support/vec.h"
#include "unit/chart/values_tval.h"
#include "value/codec.h"

#define COLUMNS_MIN_VECTORS 1600

struct fixture {
	char *id;
	val v;
};

static bool field_is(const struct vec_field *f, const char *s)
{
	return f->n == strlen(s) && memcmp(f->p, s, f->n) == 0;
}

static void test_vectors(void **state)
{
	(void)state;
	struct vec_file *vf = vec_open("tests/vectors/printers_columns.vec");
	struct vec_stats st = { .suite = "printers_columns" };
	struct arena objs = ARENA_INIT;
	struct fixture *fx = NULL;
	size_t nfx = 0, capfx = 0;
	struct sb out = SB_INIT, err = SB_INIT;
	const struct vec_rec *r;
	while ((r = vec_next(vf))) {
		if (r->nfields == 3 && field_is(&r->f[1], "object")) {
			if (nfx == capfx) {
				capfx = capfx ? capfx * 2 : 64;
				fx = realloc(fx, capfx * sizeof(*fx));
			}
			fx[nfx].id = strdup(r->f[0].p);
			assert_true(tval_parse(&objs, r->f[2].p, r->f[2].n, &fx[nfx].v));
			nfx++;
			continue;
		}
		st.total++;
		const val *data = NULL;
		for (size_t i = 0; r->nfields == 6 && i < nfx; i++)
			if (field_is(&r->f[2], fx[i].id))
				data = &fx[i].v;
		if (!data) {
			vec_mismatch(&st, r, "record", "6 fields, known object", 22, "?", 1);
			continue;
		}
		/* kubectl's list wrapper: the fixtures named *list* */
		bool is_list = strstr(r->f[2].p, "list") != NULL;
		const struct vec_field *mode = &r->f[1], *spec = &r->f[3];
		struct arena a = ARENA_INIT;
		struct columns c;
		int rc;
		sb_reset(&out);
		sb_reset(&err);
		if (field_is(mode, "file"))
			rc = columns_from_template(&c, &a, spec->p, spec->n, &err);
		else
			rc = columns_from_spec(&c, &a, spec->p, spec->n, field_is(mode, "noheaders"), &err);
		for (int i = 0; rc == 0 && i < (field_is(mode, "twice") ? 2 : 1); i++)
			rc = columns_print(&c, val_copy_deep(&a, *data), is_list, &out, &err);
		if (err.len != r->f[5].n || memcmp(err.buf, r->f[5].p, err.len) != 0)
			vec_mismatch(&st, r, "error", r->f[5].p, r->f[5].n, err.buf, err.len);
		else if (out.len != r->f[4].n || memcmp(out.buf, r->f[4].p, out.len) != 0)
			vec_mismatch(&st, r, "output", r->f[4].p, r->f[4].n, out.buf, out.len);
		arena_free(&a);
	}
	vec_close(vf);
	for (size_t i = 0; i < nfx; i++)
		free(fx[i].id);
	free(fx);
	arena_free(&objs);
	sb_release(&out);
	sb_release(&err);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= COLUMNS_MIN_VECTORS);
}

static void test_relaxed(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct sb err = SB_INIT;
	const char *in[] = { "metadata.name", ".metadata.name", "{metadata.name}", "{.metadata.name}", "." };
	const char *want[] = { "{.metadata.name}", "{.metadata.name}", "{.metadata.name}", "{.metadata.name}",
			       "{..}" };
	for (size_t i = 0; i < 5; i++) {
		const char *o;
		size_t on;
		assert_int_equal(columns_relaxed_jsonpath(&a, in[i], strlen(in[i]), &o, &on, &err), 0);
		assert_int_equal(on, strlen(want[i]));
		assert_memory_equal(o, want[i], on);
	}
	const char *o;
	size_t on;
	assert_int_equal(columns_relaxed_jsonpath(&a, "{a}b", 4, &o, &on, &err), -1);
	assert_true(strncmp(err.buf, "unexpected path string", 22) == 0);
	sb_release(&err);
	arena_free(&a);
}

/* kubectl get -o custom-columns on two HelmReleases. */
static void test_list(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct sb out = SB_INIT, err = SB_INIT;
	const char *js = "[{\"metadata\":{\"name\":\"podinfo\"},\"spec\":{\"suspend\":true}},"
			 "{\"metadata\":{\"name\":\"x\"},\"spec\":{}}]";
	val items;
	assert_int_equal(val_from_json(&a, js, strlen(js), &items, &err), 0);
	const char *spec = "NAME:.metadata.name,SUSPENDED:.spec.suspend";
	struct columns c;
	assert_int_equal(columns_from_spec(&c, &a, spec, strlen(spec), false, &err), 0);
	assert_int_equal(columns_print(&c, jsonpath_kubectl_list(&a, items, NULL), true, &out, &err), 0);
	assert_string_equal(out.buf, "NAME      SUSPENDED\npodinfo   true\nx         <none>\n");
	sb_release(&out);
	sb_release(&err);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_relaxed),
		cmocka_unit_test(test_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
