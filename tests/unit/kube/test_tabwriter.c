/* test_tabwriter.c — Go's text/tabwriter and liggitt/tabwriter
 * (kube/tabwriter.c): every vector of tests/vectors/printers_tabwriter.vec
 * replayed Write by Write and Flush by Flush, plus focused checks of the
 * kubectl table setup. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kube/tabwriter.h"
#include "support/vec.h"

#define TABW_MIN_VECTORS 1500

static long num(const char **p)
{
	long v = 0;
	while (**p == ' ')
		(*p)++;
	while (**p >= '0' && **p <= '9')
		v = v * 10 + (*(*p)++ - '0');
	return v;
}

/* Replay "W<len>:<bytes>" and "F" operations; false on a malformed field. */
static bool replay(struct tabw *w, const char *ops, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if (ops[i] == 'F') {
			tabw_flush(w);
			i++;
			continue;
		}
		if (ops[i] != 'W')
			return false;
		size_t len = 0;
		for (i++; i < n && ops[i] >= '0' && ops[i] <= '9'; i++)
			len = len * 10 + (size_t)(ops[i] - '0');
		if (i >= n || ops[i] != ':' || n - i - 1 < len)
			return false;
		tabw_write(w, ops + i + 1, len);
		i += 1 + len;
	}
	tabw_flush(w);
	return true;
}

static void test_vectors(void **state)
{
	(void)state;
	struct vec_file *vf = vec_open("tests/vectors/printers_tabwriter.vec");
	struct vec_stats st = { .suite = "printers_tabwriter" };
	struct sb out = SB_INIT;
	const struct vec_rec *r;
	while ((r = vec_next(vf))) {
		st.total++;
		if (r->nfields != 4) {
			vec_mismatch(&st, r, "fields", "4", 1, "?", 1);
			continue;
		}
		const char *p = r->f[1].p;
		int minw = (int)num(&p), tabw = (int)num(&p), pad = (int)num(&p);
		char padchar = (char)num(&p);
		unsigned flags = (unsigned)num(&p);
		struct tabw w;
		sb_reset(&out);
		tabw_init(&w, &out, minw, tabw, pad, padchar, flags);
		bool ok = replay(&w, r->f[2].p, r->f[2].n);
		tabw_free(&w);
		if (!ok)
			vec_mismatch(&st, r, "ops", "parsable", 8, "bad", 3);
		else if (out.len != r->f[3].n || memcmp(out.buf, r->f[3].p, out.len) != 0)
			vec_mismatch(&st, r, "output", r->f[3].p, r->f[3].n, out.buf, out.len);
	}
	vec_close(vf);
	sb_release(&out);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= TABW_MIN_VECTORS);
}

/* kubectl's writer: minwidth 6, padding 3, and widths kept across flushes. */
static void test_kubectl_remembers(void **state)
{
	(void)state;
	struct sb out = SB_INIT;
	struct tabw w;
	tabw_init_kubectl(&w, &out);
	tabw_puts(&w, "NAME\tAGE\nlong-release-name\t5m\n");
	tabw_flush(&w);
	tabw_puts(&w, "x\t1d\n");
	tabw_flush(&w);
	assert_string_equal(out.buf, "NAME                AGE\n"
				     "long-release-name   5m\n"
				     "x                   1d\n");
	tabw_free(&w);
	sb_release(&out);
}

/* Output appears only at flush points; a one-cell line flushes by itself. */
static void test_buffering(void **state)
{
	(void)state;
	struct sb out = SB_INIT;
	struct tabw w;
	tabw_init(&w, &out, 0, 8, 1, ' ', 0);
	tabw_puts(&w, "a\tb\n");
	assert_int_equal(out.len, 0);
	tabw_puts(&w, "single\n");
	assert_string_equal(out.buf, "a b\nsingle\n");
	tabw_puts(&w, "tail");
	tabw_flush(&w);
	assert_string_equal(out.buf, "a b\nsingle\ntail");
	tabw_free(&w);
	sb_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_kubectl_remembers),
		cmocka_unit_test(test_buffering),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
