/* test_diff.c — src/diff against helm-diff v3.12.2: every vector of
 * tests/vectors/diff_parse.vec (manifest.Parse) and diff_report.vec
 * (diff.Manifests, default report) from tests/oracle/diff, plus focused
 * tests of difflib's tie-breaking and of the blocked LCS. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff/diff.h"
#include "support/vec.h"

/* tests/oracle/diff writes these many; fewer means a truncated file */
#define PARSE_MIN_VECTORS 760
#define REPORT_MIN_VECTORS 1000

static void listing(const struct diff_index *x, struct sb *out)
{
	for (size_t i = 0; i < x->n; i++) {
		const struct diff_object *o = &x->v[i];
		sb_add(out, o->key, o->keyn);
		sb_addc(out, '\x1f');
		sb_add(out, o->kind, o->kindn);
		sb_addc(out, '\x1f');
		sb_addc(out, o->keep ? '1' : '0');
		sb_addc(out, '\x1f');
		sb_add(out, o->content, o->contentn);
		sb_addc(out, '\x1e');
	}
}

/* The vectors hold log.Fatalf's output line: the message and a newline
 * unless it ends in one. */
static void log_line(struct sb *out, const struct sb *err)
{
	sb_add(out, err->buf, err->len);
	if (!err->len || err->buf[err->len - 1] != '\n')
		sb_addc(out, '\n');
}

static void test_parse_vectors(void **state)
{
	(void)state;
	struct vec_file *vf = vec_open("tests/vectors/diff_parse.vec");
	struct vec_stats st = { .suite = "diff_parse" };
	const struct vec_rec *r;
	while ((r = vec_next(vf))) {
		if (r->nfields != 6)
			fail_msg("diff_parse.vec line %zu: %zu fields", r->line, r->nfields);
		struct arena a = ARENA_INIT;
		struct sb got = SB_INIT, warn = SB_INIT, err = SB_INIT;
		struct diff_index x;
		st.total++;
		int rc = diff_parse(&a, r->f[2].p, r->f[2].n, r->f[1].p, r->f[1].n, &x, &warn, &err);
		const char *status = rc < 0 ? "error" : "ok";
		if (rc < 0)
			log_line(&got, &err);
		else
			listing(&x, &got);
		if (strcmp(status, r->f[3].p) != 0)
			vec_mismatch(&st, r, "status", r->f[3].p, r->f[3].n, status, strlen(status));
		else if (got.len != r->f[4].n || memcmp(got.buf, r->f[4].p, got.len) != 0)
			vec_mismatch(&st, r, "result", r->f[4].p, r->f[4].n, got.buf, got.len);
		else if (rc == 0 && (warn.len != r->f[5].n || memcmp(warn.buf, r->f[5].p, warn.len) != 0))
			vec_mismatch(&st, r, "log", r->f[5].p, r->f[5].n, warn.buf, warn.len);
		sb_release(&got);
		sb_release(&warn);
		sb_release(&err);
		arena_free(&a);
	}
	vec_close(vf);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= PARSE_MIN_VECTORS);
}

static void parse_opts(const char *s, struct diff_report_opts *o)
{
	int ctx = 0, sec = 0, cr = 0, col = 0, used = 0;
	if (sscanf(s, "ctx=%d secrets=%d cr=%d color=%d ns=%n", &ctx, &sec, &cr, &col, &used) != 4 ||
	    !used)
		fail_msg("bad options %s", s);
	memset(o, 0, sizeof(*o));
	o->context = ctx;
	o->show_secrets = sec;
	o->strip_trailing_cr = cr;
	o->color = col;
	o->ns = s + used;
	o->nsn = strlen(s + used);
}

static void test_report_vectors(void **state)
{
	(void)state;
	struct vec_file *vf = vec_open("tests/vectors/diff_report.vec");
	struct vec_stats st = { .suite = "diff_report" };
	const struct vec_rec *r;
	while ((r = vec_next(vf))) {
		if (r->nfields != 8)
			fail_msg("diff_report.vec line %zu: %zu fields", r->line, r->nfields);
		struct arena a = ARENA_INIT;
		struct sb out = SB_INIT, warn = SB_INIT, err = SB_INIT;
		struct diff_report_opts o;
		bool changed = false;
		parse_opts(r->f[1].p, &o);
		o.warn = &warn;
		st.total++;
		int rc = diff_manifests(&a, r->f[2].p, r->f[2].n, r->f[3].p, r->f[3].n, &o, &out, &changed,
					&err);
		const char *status = rc < 0 ? "error" : "ok";
		if (rc < 0) {
			sb_reset(&out);
			log_line(&out, &err);
		}
		struct sb *got = &out;
		const char *ch = changed ? "1" : "0";
		if (strcmp(status, r->f[4].p) != 0)
			vec_mismatch(&st, r, "status", r->f[4].p, r->f[4].n, status, strlen(status));
		else if (got->len != r->f[5].n || memcmp(got->buf, r->f[5].p, got->len) != 0)
			vec_mismatch(&st, r, "report", r->f[5].p, r->f[5].n, got->buf, got->len);
		else if (strcmp(ch, r->f[6].p) != 0)
			vec_mismatch(&st, r, "changed", r->f[6].p, r->f[6].n, ch, 1);
		else if (rc == 0 && (warn.len != r->f[7].n || memcmp(warn.buf, r->f[7].p, warn.len) != 0))
			vec_mismatch(&st, r, "log", r->f[7].p, r->f[7].n, warn.buf, warn.len);
		sb_release(&out);
		sb_release(&warn);
		sb_release(&err);
		arena_free(&a);
	}
	vec_close(vf);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= REPORT_MIN_VECTORS);
}

/* ---- udiff ---- */

static size_t lines_of(struct arena *a, const char *s, struct diff_line **out)
{
	return diff_split_lines(a, s, strlen(s), false, out);
}

static void render(const struct diff_rec *r, size_t n, struct sb *out)
{
	for (size_t i = 0; i < n; i++) {
		sb_addc(out, " -+"[r[i].delta]);
		sb_add(out, r[i].p, r[i].n);
		sb_addc(out, '|');
	}
}

static void expect_diff(const char *x, const char *y, const char *want)
{
	struct arena a = ARENA_INIT;
	struct diff_line *l1, *l2;
	struct diff_rec *r;
	struct sb got = SB_INIT;
	size_t n1 = lines_of(&a, x, &l1), n2 = lines_of(&a, y, &l2);
	size_t n = diff_lines(&a, l1, n1, l2, n2, &r);
	render(r, n, &got);
	assert_string_equal(got.buf, want);
	sb_release(&got);
	arena_free(&a);
}

static void test_difflib_order(void **state)
{
	(void)state;
	/* the added object: the empty old line matches a blank new line */
	expect_diff("", "a\n\nb", "+a| |+b|");
	expect_diff("x", "", "-x|+|");
	expect_diff("a\nb\nc", "a\nc", " a|-b| c|");
	/* swaps: left-only is taken first */
	expect_diff("a\nb", "b\na", "-a| b|+a|");
	expect_diff("p\na\nb\ns", "p\nb\na\ns", " p|-a| b|+a| s|");
	/* the tail bound compares with start on both sides */
	expect_diff("a\na", "a\na\na", " a| a|+a|");
	expect_diff("", "", " |");
}

static void test_split_cr(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct diff_line *l;
	size_t n = diff_split_lines(&a, "a\r\nb\r\r\n\r", 8, true, &l);
	assert_int_equal(n, 3);
	assert_int_equal(l[0].n, 1);
	assert_int_equal(l[1].n, 2); /* one CR only */
	assert_int_equal(l[2].n, 0);
	arena_free(&a);
}

/* The blocked LCS gives the records the full matrix gives. */
static void test_blocked_lcs(void **state)
{
	(void)state;
	unsigned seed = 12345;
	for (int round = 0; round < 30; round++) {
		struct arena a = ARENA_INIT;
		size_t n1 = 1 + (size_t)(rand_r(&seed) % 300), n2 = 1 + (size_t)(rand_r(&seed) % 300);
		struct diff_line *l1 = arena_alloc(&a, n1 * sizeof(*l1));
		struct diff_line *l2 = arena_alloc(&a, n2 * sizeof(*l2));
		static const char *const toks[] = { "a", "b", "c", "d", "", "e" };
		int alpha = 2 + round % 5;
		for (size_t i = 0; i < n1; i++) {
			const char *t = toks[rand_r(&seed) % (unsigned)alpha];
			l1[i] = (struct diff_line){ t, strlen(t) };
		}
		for (size_t i = 0; i < n2; i++) {
			const char *t = toks[rand_r(&seed) % (unsigned)alpha];
			l2[i] = (struct diff_line){ t, strlen(t) };
		}
		struct diff_rec *r1, *r2;
		size_t k1 = diff_lines_limit(&a, l1, n1, l2, n2, &r1, (size_t)-1);
		size_t k2 = diff_lines_limit(&a, l1, n1, l2, n2, &r2, 64);
		assert_int_equal(k1, k2);
		for (size_t i = 0; i < k1; i++) {
			assert_int_equal(r1[i].delta, r2[i].delta);
			assert_int_equal(r1[i].n, r2[i].n);
			assert_true(r1[i].n == 0 || memcmp(r1[i].p, r2[i].p, r1[i].n) == 0);
		}
		arena_free(&a);
	}
}

static void test_colors_and_context(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct sb out = SB_INIT, err = SB_INIT;
	bool changed;
	const char *old = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: 1\n  b: 2\n  c: 3\n";
	const char *new = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: 1\n  b: 9\n  c: 3\n";
	struct diff_report_opts o = { .context = 1, .show_secrets = true, .color = true, .ns = "ns", .nsn = 2 };
	assert_int_equal(diff_manifests(&a, old, strlen(old), new, strlen(new), &o, &out, &changed, &err), 0);
	assert_true(changed);
	assert_string_equal(out.buf, "\033[0;33mns, c, ConfigMap (v1) has changed:\033[0m\n...\n"
				     "    a: 1\n\033[0;31m-   b: 2\033[0m\n\033[0;32m+   b: 9\033[0m\n    c: 3\n");
	sb_reset(&out);
	assert_int_equal(diff_manifests(&a, old, strlen(old), old, strlen(old), &o, &out, &changed, &err), 0);
	assert_false(changed);
	assert_int_equal(out.len, 0);
	sb_release(&out);
	sb_release(&err);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_difflib_order),
		cmocka_unit_test(test_split_cr),
		cmocka_unit_test(test_blocked_lcs),
		cmocka_unit_test(test_colors_and_context),
		cmocka_unit_test(test_parse_vectors),
		cmocka_unit_test(test_report_vectors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
