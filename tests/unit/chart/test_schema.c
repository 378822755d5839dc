/* test_schema.c — values.schema.json validation (src/chart/schema.c) against
 * Helm 3.17.3's chartutil.ValidateAgainstSingleSchema and ToRenderValues
 * (tests/oracle/schema -> tests/vectors/schema.vec), plus focused cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chart/load.h"
#include "chart/schema.h"
#include "base/xalloc.h"
#include "chart/values.h"
#include "support/vec.h"
#include "value/codec.h"

#define MIN_VECTORS 6000

static int cmp_line(const void *x, const void *y)
{
	const char *const *a = x, *const *b = y;
	return strcmp(*a, *b);
}

/* the lines of s, sorted, joined again: Go's map order is random */
static char *sorted_lines(const char *s, size_t n)
{
	char *c = xmalloc(n + 1);
	memcpy(c, s, n);
	c[n] = 0;
	size_t cap = 16, k = 0;
	char **l = xmalloc(cap * sizeof(*l));
	for (char *p = c; *p;) {
		char *nl = strchr(p, '\n');
		if (k == cap)
			l = xrealloc(l, (cap *= 2) * sizeof(*l));
		l[k++] = p;
		if (!nl)
			break;
		*nl = 0;
		p = nl + 1;
	}
	qsort(l, k, sizeof(*l), cmp_line);
	char *out = xmalloc(n + 2);
	size_t o = 0;
	for (size_t i = 0; i < k; i++) {
		size_t ln = strlen(l[i]);
		memcpy(out + o, l[i], ln);
		o += ln;
		out[o++] = '\n';
	}
	out[o] = 0;
	free(l);
	free(c);
	return out;
}

static bool matches(const char *want, size_t wn, bool ordered, const char *got, size_t gn)
{
	if (ordered)
		return wn == gn && memcmp(want, got, gn) == 0;
	char *g = sorted_lines(got, gn);
	bool ok = false;
	const char *p = want, *end = want + wn;
	while (!ok) {
		const char *sep = memchr(p, 0x1e, (size_t)(end - p));
		size_t vn = sep ? (size_t)(sep - p) : (size_t)(end - p);
		char *w = sorted_lines(p, vn);
		ok = strcmp(w, g) == 0;
		free(w);
		if (!sep)
			break;
		p = sep + 1;
	}
	free(g);
	return ok;
}

static void write_file(const char *dir, const char *name, size_t nlen, const char *data, size_t dn)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%.*s", dir, (int)nlen, name);
	for (char *s = path + strlen(dir) + 1; *s; s++)
		if (*s == '/') {
			*s = 0;
			mkdir(path, 0755);
			*s = '/';
		}
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fwrite(data, 1, dn, f);
	fclose(f);
}

static void rm_tree(const char *dir)
{
	char cmd[4200];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* ToRenderValues of a chart written from the vector's file map */
static void run_chart(struct arena *a, const struct vec_rec *r, struct sb *got)
{
	val files, user;
	struct sb err = SB_INIT, warn = SB_INIT;
	assert_int_equal(val_from_json(a, r->f[2].p, r->f[2].n, &files, &err), 0);
	assert_int_equal(val_from_json(a, r->f[3].p, r->f[3].n, &user, &err), 0);
	char dir[] = "/tmp/cozypkg-schema-XXXXXX";
	assert_non_null(mkdtemp(dir));
	for (size_t i = 0; i < val_map_len(files); i++) {
		const struct val_map_entry *e = val_map_entry_at(files, i);
		write_file(dir, e->key, e->klen, e->v.u.s, e->v.len);
	}
	struct chart *c;
	if (chart_load(a, dir, &c, &err) < 0) {
		sb_adds(got, "LOAD: ");
		sb_add(got, err.buf, err.len);
	} else {
		val out;
		if (values_for_render(a, c, user, false, &out, &warn, &err) < 0)
			sb_add(got, err.buf, err.len);
	}
	rm_tree(dir);
	sb_release(&err);
	sb_release(&warn);
}

static void test_schema_vectors(void **state)
{
	(void)state;
	struct vec_file *vf = vec_open("tests/vectors/schema.vec");
	struct vec_stats st = { "schema", 0, 0 };
	const struct vec_rec *r;
	while ((r = vec_next(vf))) {
		assert_int_equal(r->nfields, 6);
		struct arena a;
		arena_init(&a);
		struct sb got = SB_INIT;
		st.total++;
		if (strcmp(r->f[1].p, "chart") == 0) {
			run_chart(&a, r, &got);
		} else {
			val v;
			struct sb e = SB_INIT;
			assert_int_equal(val_from_json(&a, r->f[3].p, r->f[3].n, &v, &e), 0);
			if (schema_validate_single(&a, v, r->f[2].p, r->f[2].n, &got) == 0)
				assert_int_equal(got.len, 0);
			sb_release(&e);
		}
		if (!matches(r->f[4].p, r->f[4].n, r->f[5].p[0] == '1', got.buf, got.len))
			vec_mismatch(&st, r, "error", r->f[4].p, r->f[4].n, got.buf, got.len);
		sb_release(&got);
		arena_free(&a);
	}
	vec_close(vf);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= MIN_VECTORS);
}

static void expect(const char *schema, const char *values, const char *want)
{
	struct arena a;
	arena_init(&a);
	val v;
	struct sb got = SB_INIT, e = SB_INIT;
	assert_int_equal(val_from_json(&a, values, strlen(values), &v, &e), 0);
	schema_validate_single(&a, v, schema, strlen(schema), &got);
	assert_string_equal(got.buf, want);
	sb_release(&got);
	sb_release(&e);
	arena_free(&a);
}

/* focused: our deterministic order where Go's is random, Helm values with
 * int64 numbers (--set), and exact decimal arithmetic */
static void test_schema_focused(void **state)
{
	(void)state;
	expect("{\"additionalProperties\":false}", "{\"b\":1,\"a\":2}",
	       "- (root): Additional property a is not allowed\n- (root): Additional property b is not allowed\n");
	expect("{\"properties\":{\"b\":{\"type\":\"string\"},\"a\":{\"type\":\"string\"}}}", "{\"b\":1,\"a\":2}",
	       "- a: Invalid type. Expected: string, given: integer\n"
	       "- b: Invalid type. Expected: string, given: integer\n");
	expect("{\"properties\":{\"a\":{\"multipleOf\":0.1}}}", "{\"a\":0.7}", "");
	expect("{\"properties\":{\"a\":{\"maximum\":1e6}}}", "{\"a\":2e6}",
	       "- a: Must be less than or equal to 1e+06\n");
	expect("{}", "null", "");

	struct arena a;
	arena_init(&a);
	val m = val_map_new(&a, 1);
	val_map_set(&a, m, "n", 1, val_int(9007199254740993));
	struct sb got = SB_INIT;
	const char *s = "{\"properties\":{\"n\":{\"type\":\"integer\",\"maximum\":9007199254740992}}}";
	schema_validate_single(&a, m, s, strlen(s), &got);
	assert_string_equal(got.buf, "- n: Must be less than or equal to 9.007199254740992e+15\n");
	sb_release(&got);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schema_vectors),
		cmocka_unit_test(test_schema_focused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
