/* test_tmpl_exec.c — the executor with text/template's builtins against Go
 * 1.23.7: output (with "<no value>") or the exact error text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "support/vec.h"
#include "tmpl/tmpl.h"
#include "value/codec.h"

/* Must equal execData in tests/oracle/tmpl_exec.go. */
static const char data_json[] = "{\n"
	" \"Values\": {\"name\": \"app\", \"replicas\": 3, \"ratio\": 1.5, \"big\": 1000000, \"neg\": -2, \"zero\": 0,\n"
	"   \"enabled\": true, \"disabled\": false, \"empty\": \"\", \"nothing\": null, \"list\": [\"a\", \"b\", \"c\"],\n"
	"   \"nums\": [1, 2, 3], \"mixed\": [1, \"x\", true, null, {\"k\": \"v\"}], \"emptylist\": [], \"emptymap\": {},\n"
	"   \"map\": {\"b\": 2, \"a\": 1, \"c\": {\"d\": \"deep\"}}, \"str\": \"hello world\", \"pct\": \"100%\",\n"
	"   \"html\": \"<a href='x'>&amp;</a>\", \"unicode\": \"h\xc3\xa9llo \xe2\x9c\x93\", \"multi\": \"line1\\nline2\"},\n"
	" \"Release\": {\"Name\": \"rel\", \"Namespace\": \"ns\", \"IsInstall\": true, \"Revision\": 1, \"Service\": \"Helm\"},\n"
	" \"Chart\": {\"Name\": \"mychart\", \"Version\": \"0.1.0\"}\n"
	"}";

static void run_one(const char *text, size_t n, struct sb *out)
{
	struct arena a = ARENA_INIT;
	struct sb err = SB_INIT, res = SB_INIT;
	val data;
	assert_int_equal(val_from_json(&a, data_json, strlen(data_json), &data, &err), 0);
	struct tmpl_funcs *f = arena_alloc(&a, sizeof(*f));
	tmpl_funcs_init(f, &a);
	struct tmpl_set set;
	tmpl_set_init(&set, &a, f);
	if (tmpl_parse(&set, "t.yaml", 6, text, n, &err) < 0) {
		sb_adds(out, "perr\t");
		sb_add(out, err.buf, err.len);
	} else if (tmpl_execute(&set, "t.yaml", 6, data, &res, &err, NULL, NULL) < 0) {
		sb_adds(out, "err\t");
		sb_add(out, err.buf, err.len);
	} else {
		sb_adds(out, "ok\t");
		sb_add(out, res.buf, res.len);
	}
	sb_release(&err);
	sb_release(&res);
	arena_free(&a);
}

static void test_exec_vectors(void **state)
{
	struct vec_file *vf = vec_open("tests/vectors/tmpl_exec.vec");
	struct vec_stats st = { "tmpl_exec", 0, 0 };
	const struct vec_rec *r;
	struct sb got = SB_INIT;
	while ((r = vec_next(vf))) {
		assert_int_equal(r->nfields, 3);
		sb_reset(&got);
		run_one(r->f[1].p, r->f[1].n, &got);
		st.total++;
		if (got.len != r->f[2].n || memcmp(got.buf, r->f[2].p, got.len) != 0)
			vec_mismatch(&st, r, "exec", r->f[2].p, r->f[2].n, got.buf, got.len);
	}
	sb_release(&got);
	vec_close(vf);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= 4000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exec_vectors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
