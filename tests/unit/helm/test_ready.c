/* test_ready.c — Helm 3.17.3's readiness rules (src/helm/ready.c) against
 * the real ReadyChecker: tests/vectors/ready.vec (tests/oracle/ready) holds
 * Helm's judgement of seeded random Deployments (with the ReplicaSets its
 * LIST returned), StatefulSets, DaemonSets, Services, PVCs, Pods,
 * ReplicaSets and ReplicationControllers (with their pods). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "helm/ready.h"
#include "support/vec.h"
#include "value/codec.h"

/* the oracle writes 1550 records */
#define READY_MIN_VECTORS 1550

static bool judge(enum helm_ready_kind k, val obj, val listed, struct sb *why)
{
	switch (k) {
	case HELM_READY_POD: return helm_ready_pod(obj, why);
	case HELM_READY_PVC: return helm_ready_pvc(obj, why);
	case HELM_READY_SERVICE: return helm_ready_service(obj, why);
	case HELM_READY_DAEMONSET: return helm_ready_daemonset(obj, why);
	case HELM_READY_STATEFULSET: return helm_ready_statefulset(obj, why);
	case HELM_READY_CRD: return helm_ready_crd(obj, why);
	case HELM_READY_DEPLOYMENT: return helm_ready_deployment(obj, listed, why);
	case HELM_READY_RC:
	case HELM_READY_RS:
		/* IsReady: the generation first, then the pods */
		return helm_ready_generation(obj, why) && helm_ready_pods(listed, why);
	case HELM_READY_NONE: break;
	}
	return true;
}

static void test_vectors(void **state)
{
	struct vec_file *vf = vec_open("tests/vectors/ready.vec");
	struct vec_stats st = { "ready", 0, 0 };
	const struct vec_rec *r;

	(void)state;
	while ((r = vec_next(vf))) {
		struct arena a = ARENA_INIT;
		struct sb err = SB_INIT, why = SB_INIT;
		val obj, listed;
		enum helm_ready_kind k;
		bool got, want;

		assert_int_equal(r->nfields, 6);
		st.total++;
		k = helm_ready_kind_of(r->f[2].p, r->f[1].p);
		assert_int_not_equal(k, HELM_READY_NONE);
		assert_int_equal(val_from_json(&a, r->f[3].p, r->f[3].n, &obj, &err), 0);
		assert_int_equal(val_from_json(&a, r->f[4].p, r->f[4].n, &listed, &err), 0);
		want = !strcmp(r->f[5].p, "true");
		got = judge(k, obj, listed, &why);
		if (got != want)
			vec_mismatch(&st, r, "ready", r->f[5].p, r->f[5].n, got ? "true" : "false", got ? 4 : 5);
		else if (!got && !why.len)
			vec_mismatch(&st, r, "reason", "a reason", 8, "", 0);
		sb_release(&err);
		sb_release(&why);
		arena_free(&a);
	}
	vec_close(vf);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= READY_MIN_VECTORS);
}

/* AsVersioned's type switch: which group/version/kinds are judged at all */
static void test_kinds(void **state)
{
	(void)state;
	assert_int_equal(helm_ready_kind_of("apps/v1", "Deployment"), HELM_READY_DEPLOYMENT);
	assert_int_equal(helm_ready_kind_of("extensions/v1beta1", "DaemonSet"), HELM_READY_DAEMONSET);
	assert_int_equal(helm_ready_kind_of("apps/v1beta1", "DaemonSet"), HELM_READY_NONE);
	assert_int_equal(helm_ready_kind_of("batch/v1", "Job"), HELM_READY_NONE);
	assert_int_equal(helm_ready_kind_of("v1", "ConfigMap"), HELM_READY_NONE);
	assert_int_equal(helm_ready_kind_of("apiextensions.k8s.io/v1", "CustomResourceDefinition"), HELM_READY_CRD);
	assert_int_equal(helm_ready_kind_of("example.com/v1", "Deployment"), HELM_READY_NONE);
	assert_int_equal(helm_ready_kind_of(NULL, "Pod"), HELM_READY_NONE);
}

static void selector(const char *json, bool map, int rc, const char *want)
{
	struct arena a = ARENA_INIT;
	struct sb err = SB_INIT, out = SB_INIT;
	val v;

	assert_int_equal(val_from_json(&a, json, strlen(json), &v, &err), 0);
	assert_int_equal(helm_ready_selector(v, map, &out), rc);
	if (!rc)
		assert_string_equal(out.buf ? out.buf : "", want);
	sb_release(&err);
	sb_release(&out);
	arena_free(&a);
}

/* label selector query syntax (labels.Selector.String) */
static void test_selector(void **state)
{
	(void)state;
	selector("{\"matchLabels\":{\"app\":\"web\",\"tier\":\"a\"}}", false, 0, "app=web,tier=a");
	selector("{\"matchLabels\":{\"app\":\"x\"},\"matchExpressions\":[{\"key\":\"t\",\"operator\":\"In\","
		 "\"values\":[\"a\",\"b\"]},{\"key\":\"u\",\"operator\":\"NotIn\",\"values\":[\"c\"]},"
		 "{\"key\":\"v\",\"operator\":\"Exists\"},{\"key\":\"w\",\"operator\":\"DoesNotExist\"}]}",
		 false, 0, "app=x,t in (a,b),u notin (c),v,!w");
	selector("{\"app\":\"x\"}", true, 0, "app=x");
	selector("{}", false, 0, "");
	selector("null", false, 0, "");
	selector("{\"matchExpressions\":[{\"key\":\"t\",\"operator\":\"Near\"}]}", false, -1, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_selector),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
