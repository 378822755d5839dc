/* test_manifest.c — manifest splitting, sorting and `helm template` output
 * against Helm 3.17.3 (tests/vectors/manifest.vec from tests/oracle/manifest),
 * plus focused cases.  Lists in the vectors are netstrings "<len>:<bytes>". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/arena.h"
#include "base/sb.h"
#include "chart/manifest.h"
#include "support/vec.h"

#define MIN_VECTORS 1100

struct ns_reader {
	const char *p, *end;
};

/* The next netstring item; false at the end or on a malformed list. */
static bool ns_next(struct ns_reader *r, const char **s, size_t *n)
{
	char *e;
	if (r->p >= r->end)
		return false;
	unsigned long len = strtoul(r->p, &e, 10);
	if (e >= r->end || *e != ':' || (size_t)(r->end - e - 1) < len)
		fail_msg("bad netstring");
	*s = e + 1;
	*n = len;
	r->p = e + 1 + len;
	return true;
}

static struct ns_reader ns_open(const char *p, size_t n)
{
	struct ns_reader r = { p, p + n };
	return r;
}

static void ns_add(struct sb *out, const char *s, size_t n)
{
	sb_addf(out, "%zu:", n);
	sb_add(out, s, n);
}

static void ns_add_sb(struct sb *out, const struct sb *item)
{
	ns_add(out, item->buf, item->len);
}

/* ---- split ---- */

static void run_split(struct arena *a, const struct vec_rec *r, struct vec_stats *st)
{
	struct manifest_str *docs;
	size_t n = manifest_split(a, r->f[2].p, r->f[2].n, &docs);
	struct sb got = SB_INIT;
	for (size_t i = 0; i < n; i++)
		ns_add(&got, docs[i].p, docs[i].n);
	if (got.len != r->f[3].n || memcmp(got.buf, r->f[3].p, got.len) != 0)
		vec_mismatch(st, r, "split", r->f[3].p, r->f[3].n, got.buf, got.len);
	sb_release(&got);
}

/* ---- sort ---- */

static val files_map(struct arena *a, const char *p, size_t n)
{
	struct ns_reader rd = ns_open(p, n);
	const char *k, *v;
	size_t kn, vn;
	val m = val_map_new(a, 8);
	while (ns_next(&rd, &k, &kn)) {
		assert_true(ns_next(&rd, &v, &vn));
		val_map_set(a, m, k, kn, val_str_ref(v, vn));
	}
	return m;
}

static void ser_manifests(struct arena *a, const struct manifest_sorted *s, struct sb *out)
{
	for (size_t i = 0; i < s->nmanifests; i++) {
		const struct manifest *m = &s->manifests[i];
		struct sb one = SB_INIT, anns = SB_INIT;
		ns_add(&one, m->name.p, m->name.n);
		ns_add(&one, m->head.version.p, m->head.version.n);
		ns_add(&one, m->head.kind.p, m->head.kind.n);
		ns_add(&one, m->head.has_metadata ? "1" : "0", 1);
		ns_add(&one, m->head.name.p, m->head.name.n);
		if (m->head.has_metadata && m->head.annotations.kind == VAL_MAP) {
			val an = m->head.annotations;
			const uint32_t *ord = val_map_order(a, an);
			sb_addc(&anns, '+');
			for (size_t j = 0; j < val_map_len(an); j++) {
				const struct val_map_entry *e = val_map_entry_at(an, ord[j]);
				ns_add(&anns, e->key, e->klen);
				ns_add(&anns, e->v.u.s, e->v.len);
			}
		} else {
			sb_addc(&anns, '-');
		}
		ns_add_sb(&one, &anns);
		ns_add(&one, m->content.p, m->content.n);
		ns_add_sb(out, &one);
		sb_release(&one);
		sb_release(&anns);
	}
}

static void ser_hooks(const struct manifest_sorted *s, struct sb *out)
{
	for (size_t i = 0; i < s->nhooks; i++) {
		const struct manifest_hook *h = &s->hooks[i];
		struct sb one = SB_INIT, ev = SB_INIT, dp = SB_INIT, w = SB_INIT;
		ns_add(&one, h->name.p, h->name.n);
		ns_add(&one, h->kind.p, h->kind.n);
		ns_add(&one, h->path.p, h->path.n);
		ns_add(&one, h->manifest.p, h->manifest.n);
		for (size_t j = 0; j < h->nevents; j++) {
			const char *e = manifest_hook_event_name(h->events[j]);
			ns_add(&ev, e, strlen(e));
		}
		ns_add_sb(&one, &ev);
		sb_addf(&w, "%lld", (long long)h->weight);
		ns_add_sb(&one, &w);
		for (size_t j = 0; j < h->ndelete_policies; j++)
			ns_add(&dp, h->delete_policies[j].p, h->delete_policies[j].n);
		ns_add_sb(&one, &dp);
		ns_add_sb(out, &one);
		sb_release(&one);
		sb_release(&ev);
		sb_release(&dp);
		sb_release(&w);
	}
}

static void check_field(struct vec_stats *st, const struct vec_rec *r, const char *what, size_t fi,
			const struct sb *got, bool *bad)
{
	if (*bad)
		return;
	if (got->len != r->f[fi].n || memcmp(got->buf, r->f[fi].p, got->len) != 0) {
		vec_mismatch(st, r, what, r->f[fi].p, r->f[fi].n, got->buf, got->len);
		*bad = true;
	}
}

static void run_sort(struct arena *a, const struct vec_rec *r, struct vec_stats *st)
{
	val files = files_map(a, r->f[2].p, r->f[2].n);
	struct manifest_sorted s;
	struct sb err = SB_INIT, log = SB_INIT, m = SB_INIT, h = SB_INIT;
	bool bad = false;
	if (manifest_sort(a, files, &s, &err, &log) < 0) {
		sb_addc(&m, 'E');
		sb_add(&m, err.buf, err.len);
	} else {
		ser_manifests(a, &s, &m);
		ser_hooks(&s, &h);
	}
	check_field(st, r, "manifests", 3, &m, &bad);
	check_field(st, r, "hooks", 4, &h, &bad);
	check_field(st, r, "log", 5, &log, &bad);
	sb_release(&err);
	sb_release(&log);
	sb_release(&m);
	sb_release(&h);
}

/* ---- tmpl ---- */

/* chart spec: ns(name, ns(file name, data...), ns(dep spec...)) */
static struct chart *build_chart(struct arena *a, const char *p, size_t n, struct chart *parent)
{
	struct ns_reader rd = ns_open(p, n), fr, dr;
	const char *name, *fl, *dl, *s, *d;
	size_t namen, fln, dln, sn, dn;
	struct chart *c = arena_zalloc(a, sizeof(*c));

	assert_true(ns_next(&rd, &name, &namen));
	assert_true(ns_next(&rd, &fl, &fln));
	assert_true(ns_next(&rd, &dl, &dln));
	c->parent = parent;
	c->meta = val_map_new(a, 2);
	val_map_set(a, c->meta, "name", 4, val_str(a, name, namen));
	c->files = arena_alloc(a, (fln / 2 + 1) * sizeof(*c->files));
	fr = ns_open(fl, fln);
	while (ns_next(&fr, &s, &sn)) {
		assert_true(ns_next(&fr, &d, &dn));
		c->files[c->nfiles].name = arena_memdup(a, s, sn);
		c->files[c->nfiles].data = d;
		c->files[c->nfiles].len = dn;
		c->nfiles++;
	}
	c->deps = arena_alloc(a, (dln / 4 + 1) * sizeof(*c->deps));
	dr = ns_open(dl, dln);
	while (ns_next(&dr, &s, &sn))
		c->deps[c->ndeps++] = build_chart(a, s, sn, c);
	return c;
}

static void run_tmpl(struct arena *a, const struct vec_rec *r, struct vec_stats *st)
{
	struct ns_reader rd = ns_open(r->f[2].p, r->f[2].n);
	const char *s, *show[16];
	size_t sn, k = 0;
	bool flags[3];
	struct manifest_opts o = { 0 };
	struct sb out = SB_INIT, err = SB_INIT;
	bool bad = false;

	for (int i = 0; i < 3; i++) {
		assert_true(ns_next(&rd, &s, &sn));
		flags[i] = s[0] == '1';
	}
	while (ns_next(&rd, &s, &sn) && k < 16)
		show[k++] = arena_memdup(a, s, sn);
	o.disable_hooks = flags[0];
	o.include_crds = flags[1];
	o.skip_tests = flags[2];
	o.show_only = show;
	o.nshow_only = k;
	struct chart *c = build_chart(a, r->f[3].p, r->f[3].n, NULL);
	val rendered = files_map(a, r->f[4].p, r->f[4].n);
	if (manifest_template_output(a, rendered, c, &o, &out, &err, NULL) < 0)
		sb_reset(&out);
	check_field(st, r, "stdout", 5, &out, &bad);
	check_field(st, r, "error", 6, &err, &bad);
	sb_release(&out);
	sb_release(&err);
}

static void test_vectors(void **state)
{
	struct vec_file *vf = vec_open("tests/vectors/manifest.vec");
	struct vec_stats st = { .suite = "manifest" };
	const struct vec_rec *r;
	size_t kinds[3] = { 0 };

	while ((r = vec_next(vf))) {
		struct arena a = ARENA_INIT;
		assert_true(r->nfields >= 4);
		st.total++;
		if (strcmp(r->f[1].p, "split") == 0) {
			kinds[0]++;
			run_split(&a, r, &st);
		} else if (strcmp(r->f[1].p, "sort") == 0) {
			kinds[1]++;
			assert_true(r->nfields == 6);
			run_sort(&a, r, &st);
		} else if (strcmp(r->f[1].p, "tmpl") == 0) {
			kinds[2]++;
			assert_true(r->nfields == 7);
			run_tmpl(&a, r, &st);
		} else {
			fail_msg("unknown record kind %s", r->f[1].p);
		}
		arena_free(&a);
	}
	vec_close(vf);
	printf("manifest: split %zu, sort %zu, tmpl %zu\n", kinds[0], kinds[1], kinds[2]);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= MIN_VECTORS);
	assert_true(kinds[0] >= 200 && kinds[1] >= 400 && kinds[2] >= 400);
}

/* ---- focused cases ---- */

static void test_split_basics(void **state)
{
	struct arena a = ARENA_INIT;
	struct manifest_str *d;
	const char *t = "---\na: 1\n---\n\n---\nb: 2\n--- # c\nc: 3\n---";
	size_t n = manifest_split(&a, t, strlen(t), &d);
	assert_int_equal(n, 3);
	assert_int_equal(d[0].n, 4);
	assert_memory_equal(d[0].p, "a: 1", 4);
	/* the blanks after a separator belong to it: the next "---" stays */
	assert_int_equal(d[1].n, 8);
	assert_memory_equal(d[1].p, "---\nb: 2", 8);
	assert_memory_equal(d[2].p, "# c\nc: 3", 8);
	/* "---" right after a match is its own document */
	t = "---\n---\n---";
	n = manifest_split(&a, t, strlen(t), &d);
	assert_int_equal(n, 1);
	assert_int_equal(d[0].n, 3);
	arena_free(&a);
}

static void test_head_coercion(void **state)
{
	struct arena a = ARENA_INIT;
	struct manifest_head h;
	struct sb err = SB_INIT;
	const char *y = "kind: 1000000\nmetadata:\n  name: 1e6\n  annotations:\n    w: 12345678901\n    b: true\n";
	val v;
	assert_int_equal(manifest_head_decode(&a, y, strlen(y), &h, &err), 0);
	assert_int_equal(h.kind.n, 7);
	assert_memory_equal(h.kind.p, "1000000", 7);
	assert_int_equal(h.name.n, 5);
	assert_memory_equal(h.name.p, "1e+06", 5);
	assert_true(val_map_get(h.annotations, "w", 1, &v));
	assert_int_equal(v.len, 11);
	assert_memory_equal(v.u.s, "12345678901", 11);
	assert_true(val_map_get(h.annotations, "b", 1, &v));
	assert_memory_equal(v.u.s, "true", 4);
	y = "- a";
	assert_int_equal(manifest_head_decode(&a, y, strlen(y), &h, &err), -1);
	assert_string_equal(err.buf, "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
				     "array into Go value of type releaseutil.SimpleHead");
	sb_release(&err);
	arena_free(&a);
}

static void test_install_order(void **state)
{
	assert_int_equal(manifest_install_rank("PriorityClass", 13), 0);
	assert_int_equal(manifest_install_rank("APIService", 10), 35);
	assert_int_equal(manifest_install_rank("Foo", 3), -1);
	assert_int_equal(manifest_install_rank("Servic", 6), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_basics),
		cmocka_unit_test(test_head_coercion),
		cmocka_unit_test(test_install_order),
		cmocka_unit_test(test_vectors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
