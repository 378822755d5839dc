/* test_plan.c — the offline parts of src/helm/plan.c: manifest -> objects
 * with Helm's namespace rule, object identity as ResourceList.Get has it,
 * ownership checks and the create request apply and diff --live share
 * (the patch path and the dry run itself run in tests/cluster/livediff). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "helm/plan.h"
#include "value/codec.h"

static struct kube_resource resources[] = {
	{ "", "v1", "configmaps", "ConfigMap", true },
	{ "", "v1", "namespaces", "Namespace", false },
	{ "apps", "v1", "deployments", "Deployment", true },
};

/* A client that never dials: discovery answers from the table (not from
 * a cache, so a miss does not re-discover). */
static void setup_kc(struct arena *a, struct kube_client *kc, struct kube_discovery *d)
{
	memset(kc, 0, sizeof(*kc));
	kc->a = a;
	memset(d, 0, sizeof(*d));
	d->resources = resources;
	d->n_resources = sizeof(resources) / sizeof(resources[0]);
}

static const char manifest[] = "---\n# Source: c/templates/a.yaml\n"
			       "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n"
			       "---\n# Source: c/templates/b.yaml\n"
			       "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  namespace: other\n"
			       "---\n# Source: c/templates/ns.yaml\n"
			       "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns1\n"
			       "---\n# Source: c/templates/d.yaml\n"
			       "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\n";

static void test_objects(void **state)
{
	struct arena a;
	struct kube_client kc;
	struct kube_discovery d;
	struct helm_plan_obj *o, x;
	struct sb err = SB_INIT;
	size_t n;

	(void)state;
	arena_init(&a);
	setup_kc(&a, &kc, &d);
	if (helm_plan_objects(&kc, &d, manifest, sizeof(manifest) - 1, "rel-ns", &o, &n, &err) < 0)
		fail_msg("%s", err.buf);
	assert_int_equal(n, 4);
	assert_string_equal(o[0].ns, "rel-ns");
	assert_string_equal(o[1].ns, "other");
	assert_string_equal(o[2].ns, ""); /* cluster-scoped: no namespace added */
	assert_string_equal(o[3].kind, "Deployment");
	/* identity: kind + name + namespace + group, not version */
	assert_false(helm_plan_same(&o[0], &o[3]));
	assert_false(helm_plan_same(&o[0], &o[1]));
	x = o[3];
	x.api = "apps/v1beta2";
	assert_true(helm_plan_same(&o[3], &x));
	x.api = "extensions/v1beta1";
	assert_false(helm_plan_same(&o[3], &x));
	assert_ptr_equal(helm_plan_find(o, n, &o[2]), &o[2]);
	assert_null(helm_plan_find(o, 2, &x));

	/* an unknown kind: Helm's build error */
	static const char bad[] = "apiVersion: x.io/v1\nkind: Thing\nmetadata:\n  name: t\n";
	assert_int_equal(helm_plan_objects(&kc, &d, bad, sizeof(bad) - 1, "rel-ns", &o, &n, &err), -1);
	assert_non_null(strstr(err.buf, "no matches for kind \"Thing\" in version \"x.io/v1\""));
	sb_release(&err);
	arena_free(&a);
}

static void test_owner_and_create(void **state)
{
	struct arena a;
	struct kube_client kc;
	struct kube_discovery d;
	struct helm_plan_obj *o;
	struct helm_plan_req req = HELM_PLAN_REQ_INIT;
	struct sb err = SB_INIT, why = SB_INIT;
	val live;
	size_t n;

	(void)state;
	arena_init(&a);
	setup_kc(&a, &kc, &d);
	assert_int_equal(helm_plan_objects(&kc, &d, manifest, sizeof(manifest) - 1, "rel-ns", &o, &n, &err), 0);

	/* absent live object -> POST of the object with Helm's ownership */
	assert_int_equal(helm_plan_object(&kc, &d, NULL, "rel", "rel-ns", NULL, &o[0], val_null(), &req, &err), 0);
	assert_int_equal(req.verb, HELM_PLAN_CREATE);
	assert_string_equal(req.path.buf, "/api/v1/namespaces/rel-ns/configmaps");
	/* json.Marshal of the map: keys sorted, as Helm's request body */
	assert_string_equal(req.body.buf,
			    "{\"apiVersion\":\"v1\",\"data\":{\"k\":\"v\"},\"kind\":\"ConfigMap\",\"metadata\":{"
			    "\"annotations\":{\"meta.helm.sh/release-name\":\"rel\",\"meta.helm.sh/release-namespace\":"
			    "\"rel-ns\"},\"labels\":{\"app.kubernetes.io/managed-by\":\"Helm\"},\"name\":\"a\","
			    "\"namespace\":\"rel-ns\"}}");
	/* the object now carries the metadata: it is owned by rel, not by other */
	assert_true(helm_plan_owned_by(o[0].v, "rel", "rel-ns", &why));
	assert_int_equal(why.len, 0);
	assert_false(helm_plan_owned_by(o[0].v, "other", "rel-ns", &why));
	assert_non_null(strstr(why.buf, "key \"meta.helm.sh/release-name\" must equal \"other\": current value is "
					"\"rel\""));
	sb_reset(&why);
	assert_int_equal(helm_plan_check_conflict(&o[0], o[0].v, "rel", "rel-ns", false, true, &err), 0);
	assert_int_equal(helm_plan_check_conflict(&o[1], val_null(), "x", "y", false, true, &err), 0);
	/* an unowned live object: refused unless taken over */
	live = o[1].v;
	assert_int_equal(helm_plan_check_conflict(&o[1], live, "rel", "rel-ns", true, false, &err), 0);
	assert_int_equal(helm_plan_check_conflict(&o[1], live, "rel", "rel-ns", false, false, &err), -1);
	assert_non_null(strstr(err.buf, "Unable to continue with update: ConfigMap \"b\" in namespace \"other\" "
					"exists and cannot be imported into the current release: invalid ownership "
					"metadata; label validation error: missing key"));
	assert_false(helm_plan_keep(o[0].v));
	{
		val obj;
		static const char k[] = "metadata:\n  annotations:\n    helm.sh/resource-policy: keep\n";

		assert_int_equal(val_from_yaml(&a, k, sizeof(k) - 1, VAL_YAML_ANY, &obj, &err), 0);
		assert_true(helm_plan_keep(obj));
	}
	/* NOOP sends nothing and answers with the live object */
	{
		struct helm_plan_req noop = HELM_PLAN_REQ_INIT;
		val res = val_null();

		assert_int_equal(helm_plan_send(&kc, &noop, true, o[2].v, &res, NULL, &err), 0);
		assert_int_equal(res.kind, VAL_MAP);
		assert_int_equal(kc.requests, 0);
	}
	helm_plan_req_release(&req);
	sb_release(&why);
	sb_release(&err);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_objects),
		cmocka_unit_test(test_owner_and_create),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
