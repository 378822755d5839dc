/* test_values.c — values_for_render against Helm 3.17.3's
 * ProcessDependenciesWithMerge + ToRenderValues (tests/vectors/
 * values_coalesce.vec: a chart tree as JSON and user values in, .Values, the
 * processed tree and the sorted warnings out), plus semver ranges,
 * MergeValues and CheckDependencies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/xalloc.h"
#include "chart/values.h"
#include "support/vec.h"
#include "value/codec.h"
#include "values_tval.h"

/* The oracle writes 700 records; fewer means a truncated or stale file. */
#define COALESCE_MIN_VECTORS 700

static struct chart *build(struct arena *a, val d, struct chart *parent)
{
	struct chart *c = arena_zalloc(a, sizeof(*c));
	c->parent = parent;
	val v, meta = val_map_new(a, 4);
	val_map_set(a, meta, "apiVersion", 10, val_str_ref("v2", 2));
	if (val_map_get(d, "name", 4, &v))
		val_map_set(a, meta, "name", 4, v);
	if (val_map_get(d, "version", 7, &v))
		val_map_set(a, meta, "version", 7, v);
	if (!val_map_get(d, "nildeps", 7, &v) || !v.u.b) {
		val deps;
		if (!val_map_get(d, "deps", 4, &deps) || deps.kind != VAL_LIST)
			deps = val_list_new(a, 0);
		val_map_set(a, meta, "dependencies", 12, deps);
	}
	c->meta = meta;
	if (!val_map_get(d, "values", 6, &c->values) || c->values.kind != VAL_MAP)
		c->values = val_map_new(a, 0);
	val subs;
	if (val_map_get(d, "charts", 6, &subs) && subs.kind == VAL_LIST) {
		c->ndeps = c->capdeps = val_list_len(subs);
		c->deps = arena_alloc(a, (c->ndeps + 1) * sizeof(*c->deps));
		for (size_t i = 0; i < c->ndeps; i++)
			c->deps[i] = build(a, val_list_at(subs, i), c);
	}
	return c;
}

static void tree_desc(struct arena *a, const struct chart *c, struct sb *out)
{
	chart_full_path(c, out);
	sb_addc(out, '{');
	val deps;
	if (val_map_get(c->meta, "dependencies", 12, &deps) && deps.kind == VAL_LIST) {
		for (size_t i = 0; i < val_list_len(deps); i++) {
			val d = val_list_at(deps, i), x;
			if (val_map_get(d, "name", 4, &x) && x.kind == VAL_STRING)
				sb_add(out, x.u.s, x.len);
			bool en = val_map_get(d, "enabled", 7, &x) && x.kind == VAL_BOOL && x.u.b;
			sb_adds(out, en ? ":true:" : ":false:");
			if (!val_map_get(d, "import-values", 13, &x))
				x = val_null();
			tval_dump(a, out, x);
			sb_addc(out, ';');
		}
	}
	sb_adds(out, "}[");
	for (size_t i = 0; i < c->ndeps; i++) {
		if (i)
			sb_addc(out, ',');
		tree_desc(a, c->deps[i], out);
	}
	sb_addc(out, ']');
}

static int cmp_line(const void *x, const void *y)
{
	const struct vec_field *p = x, *q = y;
	size_t n = p->n < q->n ? p->n : q->n;
	int c = memcmp(p->p, q->p, n);
	return c ? c : (p->n > q->n) - (p->n < q->n);
}

/* The warning lines sorted (the oracle sorts Go's, whose order is random). */
static void sorted_lines(const struct sb *w, struct sb *out)
{
	size_t n = 0, cap = 16;
	struct vec_field *l = xmalloc(cap * sizeof(*l));
	for (size_t s = 0; s < w->len;) {
		const char *nl = memchr(w->buf + s, '\n', w->len - s);
		size_t e = nl ? (size_t)(nl - w->buf) : w->len;
		if (n == cap)
			l = xrealloc(l, (cap *= 2) * sizeof(*l));
		l[n++] = (struct vec_field){ w->buf + s, e - s };
		s = e + 1;
	}
	qsort(l, n, sizeof(*l), cmp_line);
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_addc(out, '\n');
		sb_add(out, l[i].p, l[i].n);
	}
	free(l);
}

static void expect(struct vec_stats *st, const struct vec_rec *r, const char *what, size_t f, const struct sb *got)
{
	if (got->len != r->f[f].n || memcmp(got->buf, r->f[f].p, got->len) != 0)
		vec_mismatch(st, r, what, r->f[f].p, r->f[f].n, got->buf, got->len);
}

static void test_vectors(void **state)
{
	(void)state;
	struct vec_file *vf = vec_open("tests/vectors/values_coalesce.vec");
	struct vec_stats st = { "values_coalesce", 0, 0 };
	const struct vec_rec *r;
	while ((r = vec_next(vf))) {
		assert_int_equal(r->nfields, 7);
		struct arena a = ARENA_INIT;
		struct sb err = SB_INIT, warn = SB_INIT, vals = SB_INIT, tree = SB_INIT, ws = SB_INIT;
		val desc, user, out;
		assert_int_equal(val_from_json(&a, r->f[1].p, r->f[1].n, &desc, &err), 0);
		assert_true(tval_parse(&a, r->f[2].p, r->f[2].n, &user));
		struct chart *c = build(&a, desc, NULL);
		size_t before = st.failed;
		if (values_for_render(&a, c, user, false, &out, &warn, &err) == 0) {
			tval_dump(&a, &vals, out);
			tree_desc(&a, c, &tree);
			if (strcmp(r->f[3].p, "ok") != 0)
				vec_mismatch(&st, r, "status", r->f[3].p, r->f[3].n, "ok", 2);
		} else {
			sb_add(&vals, err.buf, err.len);
			if (strcmp(r->f[3].p, "err") != 0)
				vec_mismatch(&st, r, "status", r->f[3].p, r->f[3].n, "err", 3);
		}
		sorted_lines(&warn, &ws);
		if (st.failed == before)
			expect(&st, r, "values", 4, &vals);
		if (st.failed == before)
			expect(&st, r, "tree", 5, &tree);
		if (st.failed == before)
			expect(&st, r, "warnings", 6, &ws);
		st.total++;
		sb_release(&err);
		sb_release(&warn);
		sb_release(&vals);
		sb_release(&tree);
		sb_release(&ws);
		arena_free(&a);
	}
	vec_close(vf);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= COALESCE_MIN_VECTORS);
}

/* chartutil.IsCompatibleRange over constraint x version pairs
 * (tests/vectors/values_semver.vec). */
#define SEMVER_MIN_VECTORS 2187

static void test_compatible_range(void **state)
{
	(void)state;
	struct vec_file *vf = vec_open("tests/vectors/values_semver.vec");
	struct vec_stats st = { "values_semver", 0, 0 };
	const struct vec_rec *r;
	while ((r = vec_next(vf))) {
		assert_int_equal(r->nfields, 4);
		bool got = values_compatible_range(r->f[1].p, r->f[1].n, r->f[2].p, r->f[2].n);
		const char *g = got ? "true" : "false";
		st.total++;
		if (strcmp(g, r->f[3].p) != 0)
			vec_mismatch(&st, r, "result", r->f[3].p, r->f[3].n, g, strlen(g));
	}
	vec_close(vf);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= SEMVER_MIN_VECTORS);
}

static void test_merge_options(void **state)
{
	(void)state;
	char dir[] = "/tmp/cozy-values-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char f1[64], f2[64], f3[64];
	snprintf(f1, sizeof(f1), "%s/a.yaml", dir);
	snprintf(f2, sizeof(f2), "%s/b.yaml", dir);
	snprintf(f3, sizeof(f3), "%s/c.txt", dir);
	FILE *fp = fopen(f1, "w");
	fputs("a: {b: 1, c: 2}\nl: [1]\n", fp);
	fclose(fp);
	fp = fopen(f2, "w");
	fputs("a: {c: 3}\nz: null\n", fp);
	fclose(fp);
	fp = fopen(f3, "w");
	fputs("file body\n", fp);
	fclose(fp);
	char setfile[80];
	snprintf(setfile, sizeof(setfile), "f=%s", f3);
	const char *files[] = { f1, f2 };
	const char *json[] = { "j={\"x\":[1]}" };
	const char *set[] = { "a.b=5,s=true" };
	const char *str[] = { "s=true" };
	const char *fl[] = { setfile };
	const char *lit[] = { "lit=a,b" };
	struct values_opts o = { files, 2, json, 1, set, 1, str, 1, fl, 1, lit, 1 };
	struct arena a = ARENA_INIT;
	struct sb err = SB_INIT, got = SB_INIT;
	val out;
	assert_int_equal(values_merge_options(&a, &o, &out, &err), 0);
	tval_dump(&a, &got, out);
	assert_string_equal(got.buf, "{\"a\":{\"b\":i5,\"c\":f3},\"f\":\"file body\\n\",\"j\":{\"x\":[f1]},\"l\":[f1],"
				     "\"lit\":\"a,b\",\"s\":\"true\",\"z\":null}");
	struct values_opts bad = { 0 };
	const char *badset[] = { "a[x]=1" };
	bad.set = badset;
	bad.nset = 1;
	sb_reset(&err);
	assert_int_equal(values_merge_options(&a, &bad, &out, &err), -1);
	assert_string_equal(err.buf,
			    "failed parsing --set data: error parsing index: strconv.Atoi: parsing \"x\": invalid syntax");
	const char *badjson[] = { "a=[1" };
	struct values_opts bj = { 0 };
	bj.json = badjson;
	bj.njson = 1;
	sb_reset(&err);
	assert_int_equal(values_merge_options(&a, &bj, &out, &err), -1);
	assert_string_equal(err.buf, "failed parsing --set-json data a=[1");
	unlink(f1);
	unlink(f2);
	unlink(f3);
	rmdir(dir);
	sb_release(&err);
	sb_release(&got);
	arena_free(&a);
}

static void test_check_deps(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct sb err = SB_INIT;
	val d;
	const char *js = "{\"name\":\"app\",\"version\":\"1.0.0\",\"deps\":[{\"name\":\"sub\"},{\"name\":\"x\"},{\"name\":\"y\"}],"
			 "\"charts\":[{\"name\":\"sub\",\"version\":\"0.1.0\"}]}";
	assert_int_equal(val_from_json(&a, js, strlen(js), &d, &err), 0);
	struct chart *c = build(&a, d, NULL);
	assert_int_equal(values_check_deps(c, &err), -1);
	assert_string_equal(err.buf, "found in Chart.yaml, but missing in charts/ directory: x, y");
	sb_release(&err);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_compatible_range),
		cmocka_unit_test(test_merge_options),
		cmocka_unit_test(test_check_deps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
