/* test_tmpl_parse.c — the text/template lexer and parser against Go's: every
 * vector's trees (Node.String()) or error text must match exactly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "support/vec.h"
#include "tmpl/tmpl.h"

/* The oracle's parseFuncNames (text/template adds its builtins itself). */
static const char *const names[] = {
	"include", "tpl", "toYaml", "quote", "default", "list", "dict", "upper",
	"required", "fail", "b64enc", "trim", "nindent", "indent", "replace", "add",
};

static int never(struct tmpl_exec *x, val *args, size_t n, val *out)
{
	return -1;
}

static struct tmpl_funcs *test_funcs(struct arena *a)
{
	static struct tmpl_func table[sizeof(names) / sizeof(names[0])];
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		table[i] = (struct tmpl_func){ names[i], never, 1, true, { TP_ANY } };
	struct tmpl_funcs *f = arena_alloc(a, sizeof(*f));
	tmpl_funcs_init(f, a);
	tmpl_funcs_add(f, table, sizeof(table) / sizeof(table[0]));
	return f;
}

static int cmp_entries(const void *a, const void *b)
{
	const struct val_map_entry *x = *(const struct val_map_entry *const *)a;
	const struct val_map_entry *y = *(const struct val_map_entry *const *)b;
	size_t n = x->klen < y->klen ? x->klen : y->klen;
	int c = memcmp(x->key, y->key, n);
	return c ? c : (int)x->klen - (int)y->klen;
}

static void run_one(const char *name, const char *text, size_t n, struct sb *out)
{
	struct arena a = ARENA_INIT;
	struct tmpl_set set;
	tmpl_set_init(&set, &a, test_funcs(&a));
	struct sb err = SB_INIT;
	if (tmpl_parse(&set, name, strlen(name), text, n, &err) < 0) {
		sb_adds(out, "err\t");
		sb_add(out, err.buf, err.len);
	} else {
		sb_adds(out, "ok");
		size_t k = val_map_len(set.trees);
		const struct val_map_entry **es = calloc(k ? k : 1, sizeof(*es));
		for (size_t i = 0; i < k; i++)
			es[i] = val_map_entry_at(set.trees, i);
		qsort(es, k, sizeof(*es), cmp_entries);
		for (size_t i = 0; i < k; i++) {
			const struct tmpl_tree *t = es[i]->v.u.p;
			sb_addc(out, '\t');
			sb_add(out, es[i]->key, es[i]->klen);
			sb_addc(out, '\t');
			tmpl_node_write(out, &t->root->h);
		}
		free(es);
	}
	sb_release(&err);
	arena_free(&a);
}

static void test_parse_vectors(void **state)
{
	struct vec_file *vf = vec_open("tests/vectors/tmpl_parse.vec");
	struct vec_stats st = { "tmpl_parse", 0, 0 };
	const struct vec_rec *r;
	struct sb got = SB_INIT;
	while ((r = vec_next(vf))) {
		assert_int_equal(r->nfields, 3);
		const char *name = strncmp(r->f[0].p, "rand", 4) == 0 ? "charts/x/templates/t.yaml" : "t.yaml";
		sb_reset(&got);
		run_one(name, r->f[1].p, r->f[1].n, &got);
		st.total++;
		if (got.len != r->f[2].n || memcmp(got.buf, r->f[2].p, got.len) != 0)
			vec_mismatch(&st, r, "parse", r->f[2].p, r->f[2].n, got.buf, got.len);
	}
	sb_release(&got);
	vec_close(vf);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= 3000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_vectors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
