/* test_patch.c — Helm's createPatch against the Go oracle
 * (tests/oracle/patch): strategic three-way patches with the meta read from
 * the apiserver's OpenAPI v3 fixtures, JSON merge patches, and the OpenAPI
 * meta checked against k8s.io/api's struct tags. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kube/patch.h"
#include "support/vec.h"
#include "value/codec.h"

static const char *const gvs[] = { "v1", "apps/v1", "apiextensions.k8s.io/v1" };
static const char *const files[] = {
	"tests/vectors/patch_openapi_v1.json",
	"tests/vectors/patch_openapi_apps_v1.json",
	"tests/vectors/patch_openapi_apiextensions.k8s.io_v1.json",
};

static struct arena meta_arena;
static struct kube_patch_meta metas[3];

static int load_metas(void **state)
{
	(void)state;
	arena_init(&meta_arena);
	for (int i = 0; i < 3; i++) {
		FILE *fp = fopen(files[i], "rb");
		assert_non_null(fp);
		struct sb buf = SB_INIT, err = SB_INIT;
		char chunk[65536];
		size_t n;
		while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
			sb_add(&buf, chunk, n);
		fclose(fp);
		val doc;
		assert_int_equal(val_from_json(&meta_arena, buf.buf, buf.len, &doc, &err), 0);
		assert_int_equal(kube_patch_meta_parse(&meta_arena, doc, gvs[i], &metas[i], &err), 0);
		sb_release(&buf);
		sb_release(&err);
	}
	return 0;
}

static int free_metas(void **state)
{
	(void)state;
	arena_free(&meta_arena);
	return 0;
}

static const struct kube_patch_type *root_of(const char *gvk)
{
	const char *slash = strrchr(gvk, '/');
	for (int i = 0; i < 3; i++)
		if (strlen(gvs[i]) == (size_t)(slash - gvk) && !memcmp(gvs[i], gvk, (size_t)(slash - gvk)))
			return kube_patch_meta_kind(&metas[i], slash + 1);
	return NULL;
}

static void run_file(const char *path, const char *suite, size_t want)
{
	struct vec_file *vf = vec_open(path);
	struct vec_stats st = { .suite = suite };
	const struct vec_rec *r;
	struct arena a;
	arena_init(&a);
	while ((r = vec_next(vf)) != NULL) {
		assert_int_equal(r->nfields, 7);
		st.total++;
		const struct kube_patch_type *root = NULL;
		if (r->f[1].n) {
			root = root_of(r->f[1].p);
			if (!root) {
				vec_mismatch(&st, r, "kind", r->f[1].p, r->f[1].n, "", 0);
				continue;
			}
		}
		val in[3];
		struct sb err = SB_INIT, out = SB_INIT;
		for (int i = 0; i < 3; i++) {
			const struct vec_field *f = &r->f[2 + i];
			if (i == 2 && f->n == 2 && f->p[0] == '=') {
				in[2] = in[f->p[1] == 'o' ? 0 : 1];
				continue;
			}
			assert_int_equal(val_from_json(&a, f->p, f->n, &in[i], &err), 0);
		}
		bool empty = false;
		int rc = kube_three_way_patch(&a, in[0], in[1], in[2], root, &out, &empty, &err);
		bool want_ok = !strcmp(r->f[5].p, "ok");
		if (want_ok) {
			if (rc != 0)
				vec_mismatch(&st, r, "patch", r->f[6].p, r->f[6].n, err.buf, err.len);
			else if (out.len != r->f[6].n || memcmp(out.buf, r->f[6].p, out.len))
				vec_mismatch(&st, r, "patch", r->f[6].p, r->f[6].n, out.buf, out.len);
			else if (empty != (out.len == 2 && !memcmp(out.buf, "{}", 2)))
				vec_mismatch(&st, r, "empty", "", 0, "wrong", 5);
		} else if (rc == 0) {
			vec_mismatch(&st, r, "error", r->f[6].p, r->f[6].n, out.buf, out.len);
		} else if (err.len != r->f[6].n || memcmp(err.buf, r->f[6].p, err.len)) {
			vec_mismatch(&st, r, "error", r->f[6].p, r->f[6].n, err.buf, err.len);
		}
		sb_release(&err);
		sb_release(&out);
		arena_free(&a);
	}
	vec_close(vf);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= want);
}

static void test_smp_vectors(void **state)
{
	(void)state;
	run_file("tests/vectors/patch_smp.vec", "patch_smp", 2100);
}

static void test_jmp_vectors(void **state)
{
	(void)state;
	run_file("tests/vectors/patch_jmp.vec", "patch_jmp", 600);
}

/* "k8s.io/api/apps/v1.DeploymentSpec.template" -> the OpenAPI type and field. */
static const struct kube_patch_field *meta_field(const char *id, const struct kube_patch_type **owner)
{
	struct sb name = SB_INIT;
	const char *last = strrchr(id, '.');
	sb_adds(&name, "io.");
	const char *p = id;
	/* "k8s.io/" -> "k8s." ; '/' -> '.' */
	const char *slash = strchr(p, '/');
	const char *host = p;
	size_t hl = (size_t)(slash - p);
	/* reverse the host: k8s.io -> io.k8s */
	const char *dot = memchr(host, '.', hl);
	sb_add(&name, host, (size_t)(dot - host));
	for (const char *q = slash; q < last; q++)
		sb_addc(&name, *q == '/' ? '.' : *q);
	const struct kube_patch_field *f = NULL;
	*owner = NULL;
	for (int i = 0; i < 3 && !f; i++) {
		val t;
		if (!val_map_get(metas[i].types, name.buf, name.len, &t))
			continue;
		*owner = t.u.p;
		f = kube_patch_type_field(t.u.p, last + 1, strlen(last + 1));
		if (f && strcmp(f->json, last + 1))
			f = NULL;
	}
	sb_release(&name);
	return f;
}

/* The OpenAPI meta equals the struct tags for every field of every struct
 * the vectors' kinds reach; the Go kind matches too (pointers compare by
 * what they point to). */
static void test_meta_vs_struct_tags(void **state)
{
	(void)state;
	struct vec_file *vf = vec_open("tests/vectors/patch_meta.vec");
	struct vec_stats st = { .suite = "patch_meta" };
	size_t missing = 0, kinds = 0;
	const struct vec_rec *r;
	while ((r = vec_next(vf)) != NULL) {
		assert_int_equal(r->nfields, 5);
		st.total++;
		const struct kube_patch_type *owner;
		const struct kube_patch_field *f = meta_field(r->f[0].p, &owner);
		if (!f) {
			/* fields the server does not publish (e.g. json:"-" helpers) */
			if (owner)
				vec_mismatch(&st, r, "field missing from openapi", r->f[0].p, r->f[0].n, "", 0);
			else
				missing++;
			continue;
		}
		if (strcmp(f->strategy, r->f[3].p))
			vec_mismatch(&st, r, "patchStrategy", r->f[3].p, r->f[3].n, f->strategy, strlen(f->strategy));
		if (strcmp(f->merge_key, r->f[4].p))
			vec_mismatch(&st, r, "patchMergeKey", r->f[4].p, r->f[4].n, f->merge_key, strlen(f->merge_key));
		const char *gk = !strcmp(r->f[1].p, "ptr") ? r->f[2].p : r->f[1].p;
		if (f->type->kind == KPT_SLICE && *r->f[2].p && strcmp(r->f[1].p, "ptr") &&
		    strcmp(r->f[2].p, kube_patch_kind_name(f->type->elem->kind)) && strcmp(r->f[2].p, "ptr"))
			vec_mismatch(&st, r, "elem kind", r->f[2].p, r->f[2].n, kube_patch_kind_name(f->type->elem->kind), strlen(kube_patch_kind_name(f->type->elem->kind)));
		const char *ck = kube_patch_kind_name(f->type->kind);
		if (!strcmp(gk, "int"))
			gk = "int64";
		if (strcmp(gk, ck)) {
			kinds++;
			vec_mismatch(&st, r, "kind", gk, strlen(gk), ck, strlen(ck));
		}
	}
	vec_close(vf);
	printf("patch_meta: %zu struct types not in the fixtures, %zu kind mismatches\n", missing, kinds);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= 900);
}

static void patch_of(const char *o, const char *m, const char *c, const char *gvk, const char *want)
{
	struct arena a;
	arena_init(&a);
	struct sb err = SB_INIT, out = SB_INIT;
	val in[3];
	const char *src[3] = { o, m, c };
	for (int i = 0; i < 3; i++)
		assert_int_equal(val_from_json(&a, src[i], strlen(src[i]), &in[i], &err), 0);
	bool empty;
	int rc = kube_three_way_patch(&a, in[0], in[1], in[2], gvk ? root_of(gvk) : NULL, &out, &empty, &err);
	if (rc < 0)
		fprintf(stderr, "error: %s\n", err.buf);
	assert_int_equal(rc, 0);
	assert_string_equal(out.buf, want);
	sb_release(&err);
	sb_release(&out);
	arena_free(&a);
}

static void test_focused(void **state)
{
	(void)state;
	/* a container added by the user, a sidecar injected on the server kept */
	patch_of("{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"x\"}]}}",
		 "{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"y\"},{\"name\":\"b\",\"image\":\"z\"}]}}",
		 "{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"x\"},{\"name\":\"istio\",\"image\":\"i\"}]}}",
		 "v1/Pod",
		 "{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"a\"},{\"name\":\"b\"}],"
		 "\"containers\":[{\"image\":\"y\",\"name\":\"a\"},{\"image\":\"z\",\"name\":\"b\"}]}}");
	/* finalizers: a merge list of scalars, deletions in a parallel list */
	patch_of("{\"metadata\":{\"finalizers\":[\"a\",\"b\"]}}", "{\"metadata\":{\"finalizers\":[\"b\"]}}",
		 "{\"metadata\":{\"finalizers\":[\"a\",\"b\"]}}", "v1/ConfigMap",
		 "{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":[\"a\"],\"$setElementOrder/finalizers\":[\"b\"]}}");
	/* retainKeys on the deployment strategy */
	patch_of("{\"spec\":{\"strategy\":{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"maxSurge\":1}}}}",
		 "{\"spec\":{\"strategy\":{\"type\":\"Recreate\"}}}",
		 "{\"spec\":{\"strategy\":{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"maxSurge\":1}}}}",
		 "apps/v1/Deployment",
		 "{\"spec\":{\"strategy\":{\"$retainKeys\":[\"type\"],\"rollingUpdate\":null,\"type\":\"Recreate\"}}}");
	/* no change: {} */
	patch_of("{\"data\":{\"a\":\"1\"}}", "{\"data\":{\"a\":\"1\"}}", "{\"data\":{\"a\":\"1\"}}", "v1/ConfigMap", "{}");
	/* JSON merge patch: current ignored, deletions as null, HTML escaped */
	patch_of("{\"spec\":{\"a\":1,\"b\":[1]}}", "{\"spec\":{\"b\":[2],\"c\":\"<x>\"}}", "null", NULL,
		 "{\"spec\":{\"a\":null,\"b\":[2],\"c\":\"\\u003cx\\u003e\"}}");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_focused),
		cmocka_unit_test(test_meta_vs_struct_tags),
		cmocka_unit_test(test_smp_vectors),
		cmocka_unit_test(test_jmp_vectors),
	};
	return cmocka_run_group_tests(tests, load_metas, free_metas);
}
