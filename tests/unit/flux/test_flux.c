/* test_flux.c — src/flux release/values/digest/postrender against
 * helm-controller v1.6.0, fluxcd/pkg/chartutil v1.27.2 and upstream cozyhr's
 * merge order and post-renderer (tests/vectors/flux_*.vec from
 * tests/oracle/flux), plus a few focused cases. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "flux/release.h"
#include "flux/values.h"
#include "support/vec.h"
#include "unit/chart/values_tval.h"
#include "value/codec.h"

static const char *or_dash(const char *s) { return s ? s : "-"; }

static void check(struct vec_stats *st, const struct vec_rec *r, const char *what, const struct vec_field *want,
		  const char *got, size_t gn)
{
	if (want->n != gn || memcmp(want->p, got, gn) != 0)
		vec_mismatch(st, r, what, want->p, want->n, got, gn);
}

static void test_release_vectors(void **state)
{
	struct vec_file *vf = vec_open("tests/vectors/flux_release.vec");
	struct vec_stats st = { .suite = "flux_release" };
	const struct vec_rec *r;

	(void)state;
	while ((r = vec_next(vf))) {
		struct arena a = ARENA_INIT;
		struct sb err = SB_INIT;
		struct flux_release rel;
		val hr;

		assert_int_equal(r->nfields, 9);
		st.total++;
		size_t before = st.failed;
		assert_int_equal(val_from_json(&a, r->f[1].p, r->f[1].n, &hr, &err), 0);
		flux_release_of(&a, hr, &rel);
		const char *got[7] = { rel.release_name, rel.helm_name, rel.namespace, rel.storage_namespace,
				       rel.helmchart_name, or_dash(rel.chart_name),
				       rel.chart_name ? (rel.chart_version ? rel.chart_version : "") : "-" };
		for (int i = 0; i < 7 && st.failed == before; i++)
			check(&st, r, "field", &r->f[2 + i], got[i], strlen(got[i]));
		sb_release(&err);
		arena_free(&a);
	}
	vec_close(vf);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= 600);
}

static void test_digest_vectors(void **state)
{
	struct vec_file *vf = vec_open("tests/vectors/flux_digest.vec");
	struct vec_stats st = { .suite = "flux_digest" };
	const struct vec_rec *r;

	(void)state;
	while ((r = vec_next(vf))) {
		struct arena a = ARENA_INIT;
		struct sb out = SB_INIT;
		val v;

		assert_int_equal(r->nfields, 4);
		st.total++;
		assert_true(tval_parse(&a, r->f[1].p, r->f[1].n, &v));
		flux_digest_values(&a, v, &out);
		check(&st, r, "digest", &r->f[2], out.buf, out.len);
		sb_release(&out);
		arena_free(&a);
	}
	vec_close(vf);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= 1200);
}

static void test_postrender_vectors(void **state)
{
	struct vec_file *vf = vec_open("tests/vectors/flux_postrender.vec");
	struct vec_stats st = { .suite = "flux_postrender" };
	const struct vec_rec *r;

	(void)state;
	while ((r = vec_next(vf))) {
		struct arena a = ARENA_INIT;
		struct sb out = SB_INIT, err = SB_INIT;

		assert_int_equal(r->nfields, 5);
		st.total++;
		if (flux_postrender(&a, r->f[3].p, r->f[3].n, r->f[1].p, r->f[2].p, &out, &err) < 0) {
			sb_reset(&out);
			sb_adds(&out, "ERR:");
			sb_add(&out, err.buf, err.len);
		}
		check(&st, r, "manifest", &r->f[4], out.buf, out.len);
		sb_release(&out);
		sb_release(&err);
		arena_free(&a);
	}
	vec_close(vf);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= 900);
}

/* ConfigMaps and Secrets of a vector, served by kind/namespace/name */
struct fake_cluster {
	val objs;
	int calls;
};

static int fake_fetch(void *ctx, const char *kind, const char *ns, const char *name, val *obj, bool *found,
		      struct sb *err)
{
	static const char *const p_kind[] = { "kind", NULL };
	static const char *const p_ns[] = { "metadata", "namespace", NULL };
	static const char *const p_name[] = { "metadata", "name", NULL };
	struct fake_cluster *fc = ctx;

	(void)err;
	fc->calls++;
	*found = false;
	for (size_t i = 0; fc->objs.kind == VAL_LIST && i < val_list_len(fc->objs); i++) {
		val o = val_list_at(fc->objs, i);
		const char *k = NULL, *n = NULL, *s = NULL;
		val v;
		for (int j = 0; j < 3; j++) {
			const char *const *p = j == 0 ? p_kind : j == 1 ? p_ns : p_name;
			v = o;
			for (; *p && v.kind == VAL_MAP; p++)
				if (!val_map_get(v, *p, strlen(*p), &v))
					v = val_null();
			const char *str = v.kind == VAL_STRING ? v.u.s : "";
			if (j == 0)
				k = str;
			else if (j == 1)
				s = str;
			else
				n = str;
		}
		if (strcmp(k, kind) == 0 && strcmp(s, ns) == 0 && strcmp(n, name) == 0) {
			*obj = o;
			*found = true;
			return 0;
		}
	}
	return 0;
}

/* The chart directory of a vector: exactly its files, under the cwd. */
static void write_files(struct arena *a, val files)
{
	assert_int_equal(system("rm -rf ./* 2>/dev/null; true"), 0);
	for (size_t i = 0; files.kind == VAL_MAP && i < val_map_len(files); i++) {
		const struct val_map_entry *e = val_map_entry_at(files, i);
		char *path = arena_memdup(a, e->key, e->klen);
		char *slash = strrchr(path, '/');
		if (slash) {
			*slash = '\0';
			mkdir(path, 0755);
			*slash = '/';
		}
		FILE *fp = fopen(path, "wb");
		assert_non_null(fp);
		if (e->v.len)
			assert_int_equal(fwrite(e->v.u.s, 1, e->v.len, fp), e->v.len);
		fclose(fp);
	}
}

static void result_text(struct arena *a, int rc, val v, struct sb *err, struct sb *out)
{
	sb_reset(out);
	if (rc < 0) {
		sb_adds(out, "ERR:");
		sb_add(out, err->buf, err->len);
	} else {
		tval_dump(a, out, v);
	}
}

static void test_values_vectors(void **state)
{
	struct vec_file *vf = vec_open("tests/vectors/flux_values.vec");
	struct vec_stats st = { .suite = "flux_values" };
	const struct vec_rec *r;
	char cwd[PATH_MAX], tmpl[] = "/tmp/cozy-flux-test-XXXXXX";

	(void)state;
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_non_null(mkdtemp(tmpl));
	assert_int_equal(chdir(tmpl), 0);
	while ((r = vec_next(vf))) {
		struct arena a = ARENA_INIT;
		struct sb err = SB_INIT, got = SB_INIT, dg = SB_INIT;
		val hr, files, extra, res, v;
		int rc;

		assert_int_equal(r->nfields, 9);
		st.total++;
		assert_int_equal(val_from_json(&a, r->f[1].p, r->f[1].n, &hr, &err), 0);
		assert_int_equal(val_from_json(&a, r->f[2].p, r->f[2].n, &files, &err), 0);
		assert_int_equal(val_from_json(&a, r->f[3].p, r->f[3].n, &extra, &err), 0);
		assert_int_equal(val_from_json(&a, r->f[4].p, r->f[4].n, &res, &err), 0);
		write_files(&a, files);

		const char **fl = arena_alloc(&a, (val_list_len(extra) + 1) * sizeof(*fl));
		for (size_t i = 0; i < val_list_len(extra); i++)
			fl[i] = val_list_at(extra, i).u.s;
		struct fake_cluster fc = { .objs = res };
		struct flux_values_in in = { .hr = hr, .chart_dir = ".", .files = fl,
					     .nfiles = val_list_len(extra), .fetch = fake_fetch, .fetch_ctx = &fc };

		size_t before = st.failed;
		rc = flux_values_merged(&a, &in, &v, &err);
		result_text(&a, rc, v, &err, &got);
		check(&st, r, "merged", &r->f[5], got.buf, got.len);
		if (rc == 0 && st.failed == before) {
			flux_digest_values(&a, v, &dg);
			check(&st, r, "merged digest", &r->f[7], dg.buf, dg.len);
		}
		sb_reset(&err);
		sb_reset(&dg);
		if (st.failed == before) {
			rc = flux_values_controller(&a, hr, fake_fetch, &fc, &v, &err);
			result_text(&a, rc, v, &err, &got);
			check(&st, r, "controller", &r->f[6], got.buf, got.len);
			if (rc == 0 && st.failed == before) {
				flux_digest_values(&a, v, &dg);
				check(&st, r, "controller digest", &r->f[8], dg.buf, dg.len);
			}
		}
		sb_release(&err);
		sb_release(&got);
		sb_release(&dg);
		arena_free(&a);
	}
	vec_close(vf);
	assert_int_equal(system("rm -rf ./* 2>/dev/null; true"), 0);
	assert_int_equal(chdir(cwd), 0);
	rmdir(tmpl);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= 700);
}

/* ---- focused cases ---- */

static void test_shorten_name(void **state)
{
	struct arena a = ARENA_INIT;
	const char *long_name = "some-front-appended-namespace-release-with-a-long-name-xyz";
	const char *s;

	(void)state;
	s = flux_shorten_name(&a, long_name, strlen(long_name));
	/* helm-controller's ShortenName of the same name (oracle run) */
	assert_string_equal(s, "some-front-appended-namespace-release-wi-84f6d95eade4");
	assert_int_equal(strlen(s), 53);
	s = flux_shorten_name(&a, "short", 5);
	assert_string_equal(s, "short");
	arena_free(&a);
}

static void test_mergo_semantics(void **state)
{
	struct arena a = ARENA_INIT;
	struct sb err = SB_INIT, out = SB_INIT;
	val dst, src;

	(void)state;
	/* null replaces, lists replace (even with []), maps merge, an empty dst
	 * map is replaced, scalars replace even when empty */
	static const char dj[] = "{\"a\":{\"x\":1,\"y\":2},\"b\":[1,2],\"c\":\"s\",\"d\":{},\"e\":3,\"f\":{\"k\":1}}";
	static const char sj[] = "{\"a\":{\"y\":null,\"z\":3},\"b\":[],\"c\":\"\",\"d\":{\"q\":1},\"e\":{\"m\":1},\"f\":5}";
	assert_int_equal(val_from_json(&a, dj, strlen(dj), &dst, &err), 0);
	assert_int_equal(val_from_json(&a, sj, strlen(sj), &src, &err), 0);
	flux_mergo_merge(&a, dst, src);
	tval_dump(&a, &out, dst);
	assert_string_equal(out.buf, "{\"a\":{\"x\":f1,\"y\":null,\"z\":f3},\"b\":[],\"c\":\"\",\"d\":{\"q\":f1},"
				     "\"e\":{\"m\":f1},\"f\":f5}");
	sb_release(&err);
	sb_release(&out);
	arena_free(&a);
}

static void test_digest_empty(void **state)
{
	struct arena a = ARENA_INIT;
	struct sb out = SB_INIT;

	(void)state;
	flux_digest_values(&a, val_map_new(&a, 0), &out);
	/* sha256 of nothing: valuesOrNil */
	assert_string_equal(out.buf, "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sb_release(&out);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shorten_name),
		cmocka_unit_test(test_mergo_semantics),
		cmocka_unit_test(test_digest_empty),
		cmocka_unit_test(test_release_vectors),
		cmocka_unit_test(test_digest_vectors),
		cmocka_unit_test(test_postrender_vectors),
		cmocka_unit_test(test_values_vectors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
