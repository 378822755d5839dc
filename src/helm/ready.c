/* ready.c — Helm 3.17.3's readiness rules (pkg/kube/ready.go ReadyChecker,
 * deploymentutil.GetNewReplicaSet/MaxUnavailable, intstr percentages) judged
 * on the objects the API server returns.  Absent status fields are Go's zero
 * values, as the typed clientset decodes them. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "helm/ready.h"

#include "base/fmath.h"

static val get(val m, const char *k)
{
	val out;

	if (m.kind != VAL_MAP || !val_map_get(m, k, strlen(k), &out))
		return val_null();
	return out;
}

static val get2(val m, const char *a, const char *b)
{
	return get(get(m, a), b);
}

static long long num(val v)
{
	if (v.kind == VAL_INT)
		return v.u.i;
	if (v.kind == VAL_FLOAT)
		return (long long)v.u.f;
	return 0;
}

/* a string field; "" when absent (Go's zero value) */
static bool str_is(val v, const char *s)
{
	size_t n = strlen(s);

	if (v.kind != VAL_STRING)
		return n == 0;
	return v.len == n && !memcmp(v.u.s, s, n);
}

static void add_str(struct sb *why, val v)
{
	if (v.kind == VAL_STRING)
		sb_add(why, v.u.s, v.len);
}

static void say(struct sb *why, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct sb *why, const char *fmt, ...)
{
	va_list ap;

	if (!why)
		return;
	va_start(ap, fmt);
	sb_vaddf(why, fmt, ap);
	va_end(ap);
}

enum helm_ready_kind helm_ready_kind_of(const char *api_version, const char *kind)
{
	/* AsVersioned converts only what client-go's scheme knows: these
	 * group/versions (pkg/kube/ready.go's type switch) */
	static const struct {
		const char *av, *kind;
		enum helm_ready_kind k;
	} tab[] = {
		{ "v1", "Pod", HELM_READY_POD },
		{ "v1", "PersistentVolumeClaim", HELM_READY_PVC },
		{ "v1", "Service", HELM_READY_SERVICE },
		{ "v1", "ReplicationController", HELM_READY_RC },
		{ "apps/v1", "Deployment", HELM_READY_DEPLOYMENT },
		{ "apps/v1beta1", "Deployment", HELM_READY_DEPLOYMENT },
		{ "apps/v1beta2", "Deployment", HELM_READY_DEPLOYMENT },
		{ "extensions/v1beta1", "Deployment", HELM_READY_DEPLOYMENT },
		{ "apps/v1", "DaemonSet", HELM_READY_DAEMONSET },
		{ "apps/v1beta2", "DaemonSet", HELM_READY_DAEMONSET },
		{ "extensions/v1beta1", "DaemonSet", HELM_READY_DAEMONSET },
		{ "apps/v1", "StatefulSet", HELM_READY_STATEFULSET },
		{ "apps/v1beta1", "StatefulSet", HELM_READY_STATEFULSET },
		{ "apps/v1beta2", "StatefulSet", HELM_READY_STATEFULSET },
		{ "apps/v1", "ReplicaSet", HELM_READY_RS },
		{ "apps/v1beta2", "ReplicaSet", HELM_READY_RS },
		{ "extensions/v1beta1", "ReplicaSet", HELM_READY_RS },
		{ "apiextensions.k8s.io/v1", "CustomResourceDefinition", HELM_READY_CRD },
		{ "apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", HELM_READY_CRD },
	};

	if (!api_version || !kind)
		return HELM_READY_NONE;
	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (!strcmp(tab[i].av, api_version) && !strcmp(tab[i].kind, kind))
			return tab[i].k;
	return HELM_READY_NONE;
}

bool helm_ready_pod(val pod, struct sb *why)
{
	val conds = get2(pod, "status", "conditions");

	if (conds.kind == VAL_LIST)
		for (size_t i = 0; i < val_list_len(conds); i++) {
			val c = val_list_at(conds, i);

			if (str_is(get(c, "type"), "Ready") && str_is(get(c, "status"), "True"))
				return true;
		}
	if (why) {
		val phase = get2(pod, "status", "phase");

		sb_adds(why, "pod not ready");
		if (phase.kind == VAL_STRING && phase.len) {
			sb_adds(why, " (");
			add_str(why, phase);
			sb_addc(why, ')');
		}
	}
	return false;
}

bool helm_ready_pods(val items, struct sb *why)
{
	if (items.kind != VAL_LIST)
		return true;
	for (size_t i = 0; i < val_list_len(items); i++) {
		val p = val_list_at(items, i);

		if (!helm_ready_pod(p, NULL)) {
			if (why) {
				sb_adds(why, "pod ");
				add_str(why, get2(p, "metadata", "name"));
				sb_adds(why, " not ready");
			}
			return false;
		}
	}
	return true;
}

bool helm_ready_pvc(val pvc, struct sb *why)
{
	val phase = get2(pvc, "status", "phase");

	if (str_is(phase, "Bound"))
		return true;
	if (why) {
		sb_adds(why, "not bound");
		if (phase.kind == VAL_STRING && phase.len) {
			sb_adds(why, " (");
			add_str(why, phase);
			sb_addc(why, ')');
		}
	}
	return false;
}

bool helm_ready_service(val svc, struct sb *why)
{
	val spec = get(svc, "spec"), ips;

	if (str_is(get(spec, "type"), "ExternalName"))
		return true;
	if (str_is(get(spec, "clusterIP"), "")) {
		say(why, "no cluster IP");
		return false;
	}
	if (str_is(get(spec, "type"), "LoadBalancer")) {
		ips = get(spec, "externalIPs");
		if (ips.kind == VAL_LIST && val_list_len(ips) > 0)
			return true;
		/* Status.LoadBalancer.Ingress == nil: absent or null */
		if (get2(get(svc, "status"), "loadBalancer", "ingress").kind == VAL_NULL) {
			say(why, "no load balancer ingress");
			return false;
		}
	}
	return true;
}

static bool generation_seen(val obj, struct sb *why)
{
	long long seen = num(get2(obj, "status", "observedGeneration"));
	long long gen = num(get2(obj, "metadata", "generation"));

	if (seen == gen)
		return true;
	say(why, "generation %lld not yet observed", gen);
	return false;
}

bool helm_ready_generation(val obj, struct sb *why)
{
	return generation_seen(obj, why);
}

/* intstr.GetScaledValueFromIntOrPercent: 0 with *out, -1 on Go's error
 * (nil value, a string that is not "N%") */
static int scaled(val v, long long total, bool round_up, long long *out)
{
	char buf[32], *end;
	long long n;

	if (v.kind == VAL_INT || v.kind == VAL_FLOAT) {
		*out = (int32_t)num(v);  /* IntOrString.IntValue: int32 */
		return 0;
	}
	if (v.kind != VAL_STRING || v.len == 0 || v.u.s[v.len - 1] != '%' || v.len - 1 >= sizeof(buf))
		return -1;
	memcpy(buf, v.u.s, v.len - 1);
	buf[v.len - 1] = 0;
	/* strconv.Atoi: optional sign, decimal digits, nothing else */
	if (!buf[0] || ((buf[0] == '+' || buf[0] == '-') && !buf[1]))
		return -1;
	for (size_t i = (buf[0] == '+' || buf[0] == '-'); buf[i]; i++)
		if (buf[i] < '0' || buf[i] > '9')
			return -1;
	n = strtoll(buf, &end, 10);
	if (round_up)
		*out = (long long)fm_ceil((double)n * (double)total / 100);
	else
		*out = (long long)fm_floor((double)n * (double)total / 100);
	return 0;
}

bool helm_ready_daemonset(val ds, struct sb *why)
{
	val st = get(ds, "status"), strat = get2(ds, "spec", "updateStrategy");
	long long desired = num(get(st, "desiredNumberScheduled"));
	long long updated = num(get(st, "updatedNumberScheduled"));
	long long ready = num(get(st, "numberReady"));
	long long maxu;

	if (!generation_seen(ds, why))
		return false;
	if (!str_is(get(strat, "type"), "RollingUpdate"))
		return true;
	if (updated != desired) {
		say(why, "%lld/%lld pods scheduled", updated, desired);
		return false;
	}
	if (scaled(get2(strat, "rollingUpdate", "maxUnavailable"), desired, true, &maxu) < 0)
		maxu = desired;
	if (ready < desired - maxu) {
		say(why, "%lld/%lld pods ready", ready, desired);
		return false;
	}
	return true;
}

bool helm_ready_statefulset(val sts, struct sb *why)
{
	val spec = get(sts, "spec"), st = get(sts, "status"), strat = get(spec, "updateStrategy");
	val part = get2(strat, "rollingUpdate", "partition"), rep = get(spec, "replicas");
	long long partition = 0, replicas = 1;

	if (!generation_seen(sts, why))
		return false;
	if (!str_is(get(strat, "type"), "RollingUpdate"))
		return true;
	if (part.kind != VAL_NULL)
		partition = (int32_t)num(part);
	if (rep.kind != VAL_NULL)
		replicas = (int32_t)num(rep);
	if (num(get(st, "updatedReplicas")) < replicas - partition) {
		say(why, "%lld/%lld pods updated", num(get(st, "updatedReplicas")), replicas - partition);
		return false;
	}
	if (num(get(st, "readyReplicas")) != replicas) {
		say(why, "%lld/%lld replicas ready", num(get(st, "readyReplicas")), replicas);
		return false;
	}
	if (partition == 0) {
		val cur = get(st, "currentRevision"), upd = get(st, "updateRevision");
		bool same = (cur.kind == VAL_STRING ? cur.len : 0) == (upd.kind == VAL_STRING ? upd.len : 0) &&
			    (cur.kind != VAL_STRING || !cur.len || !memcmp(cur.u.s, upd.u.s, cur.len));

		if (!same) {
			if (why) {
				sb_adds(why, "revision ");
				add_str(why, upd);
				sb_adds(why, " not yet current");
			}
			return false;
		}
	}
	return true;
}

bool helm_ready_crd(val crd, struct sb *why)
{
	val conds = get2(crd, "status", "conditions");

	if (conds.kind == VAL_LIST)
		for (size_t i = 0; i < val_list_len(conds); i++) {
			val c = val_list_at(conds, i), t = get(c, "type"), s = get(c, "status");

			if (str_is(t, "Established") && str_is(s, "True"))
				return true;
			/* a naming conflict lets the install go on */
			if (str_is(t, "NamesAccepted") && str_is(s, "False"))
				return true;
		}
	say(why, "not established");
	return false;
}

/* --- Deployments: deploymentutil.GetNewReplicaSet ---------------------- */

static bool empty(val v)
{
	return v.kind == VAL_NULL || (v.kind == VAL_LIST && val_list_len(v) == 0) ||
	       (v.kind == VAL_MAP && val_map_len(v) == 0);
}

/* apiequality.Semantic.DeepEqual on two server-serialized values: nil and
 * empty slices/maps are equal (absent = nil); skip names a map key ignored
 * at this level (EqualIgnoreHash drops pod-template-hash). */
static bool sem_equal(val a, val b, int depth);

static bool map_equal(val a, val b, const char *skip, int depth)
{
	/* a nil map and an empty one are equal: take null as {} */
	if ((a.kind != VAL_MAP && !empty(a)) || (b.kind != VAL_MAP && !empty(b)))
		return false;
	for (int pass = 0; pass < 2; pass++) {
		val x = pass ? b : a, y = pass ? a : b;

		if (x.kind != VAL_MAP)
			continue;
		for (size_t i = 0; i < val_map_len(x); i++) {
			const struct val_map_entry *e = val_map_entry_at(x, i);
			val other = val_null();

			if (skip && strlen(skip) == e->klen && !memcmp(skip, e->key, e->klen))
				continue;
			if (y.kind == VAL_MAP)
				val_map_get(y, e->key, e->klen, &other);
			if (pass && other.kind != VAL_NULL)
				continue; /* compared in the first pass */
			if (!sem_equal(e->v, other, depth + 1))
				return false;
		}
	}
	return true;
}

static bool sem_equal(val a, val b, int depth)
{
	if (empty(a) && empty(b))
		return true;
	if (a.kind != b.kind || depth > 200)
		return false;
	if (a.kind == VAL_MAP)
		return map_equal(a, b, NULL, depth);
	if (a.kind == VAL_LIST) {
		if (val_list_len(a) != val_list_len(b))
			return false;
		for (size_t i = 0; i < val_list_len(a); i++)
			if (!sem_equal(val_list_at(a, i), val_list_at(b, i), depth + 1))
				return false;
		return true;
	}
	return val_equal(a, b);
}

static bool template_equal_ignore_hash(val t1, val t2)
{
	val m1 = get(t1, "metadata"), m2 = get(t2, "metadata");

	return map_equal(t1, t2, "metadata", 0) && map_equal(m1, m2, "labels", 0) &&
	       map_equal(get(m1, "labels"), get(m2, "labels"), "pod-template-hash", 0);
}

/* metav1.IsControlledBy: the first controller reference names this uid */
static bool controlled_by(val rs, val uid)
{
	val refs = get2(rs, "metadata", "ownerReferences");

	if (refs.kind != VAL_LIST)
		return false;
	for (size_t i = 0; i < val_list_len(refs); i++) {
		val r = val_list_at(refs, i), c = get(r, "controller");

		if (c.kind == VAL_BOOL && c.u.b)
			return val_equal(get(r, "uid"), uid) || (empty(get(r, "uid")) && empty(uid));
	}
	return false;
}

static int str_cmp(val a, val b)
{
	size_t la = a.kind == VAL_STRING ? a.len : 0, lb = b.kind == VAL_STRING ? b.len : 0;
	int c = memcmp(la ? a.u.s : "", lb ? b.u.s : "", la < lb ? la : lb);

	return c ? c : (la > lb) - (la < lb);
}

/* ReplicaSetsByCreationTimestamp: creationTimestamp (RFC 3339 in UTC,
 * seconds: compares as text; absent = the zero time, first), then name */
static bool rs_before(val a, val b)
{
	int c = str_cmp(get2(a, "metadata", "creationTimestamp"), get2(b, "metadata", "creationTimestamp"));

	if (c)
		return c < 0;
	return str_cmp(get2(a, "metadata", "name"), get2(b, "metadata", "name")) < 0;
}

static val new_replicaset(val dep, val items)
{
	val uid = get2(dep, "metadata", "uid"), tmpl = get2(dep, "spec", "template"), best = val_null();

	if (items.kind != VAL_LIST)
		return best;
	/* FindNewReplicaSet: the oldest matching one */
	for (size_t i = 0; i < val_list_len(items); i++) {
		val rs = val_list_at(items, i);

		if (!controlled_by(rs, uid) || !template_equal_ignore_hash(get2(rs, "spec", "template"), tmpl))
			continue;
		if (best.kind == VAL_NULL || rs_before(rs, best))
			best = rs;
	}
	return best;
}

/* deploymentutil.MaxUnavailable */
static long long max_unavailable(val dep, long long replicas)
{
	val strat = get2(dep, "spec", "strategy"), ru = get(strat, "rollingUpdate");
	val vs = get(ru, "maxSurge"), vu = get(ru, "maxUnavailable");
	long long surge = 0, unavail = 0;

	if (!str_is(get(strat, "type"), "RollingUpdate") || replicas == 0)
		return 0;
	/* ResolveFenceposts (an error leaves 0, 0) */
	if (vs.kind != VAL_NULL && scaled(vs, replicas, true, &surge) < 0)
		return 0;
	if (vu.kind != VAL_NULL && scaled(vu, replicas, false, &unavail) < 0)
		return 0;
	if (surge == 0 && unavail == 0)
		unavail = 1;
	return (int32_t)unavail > replicas ? replicas : (int32_t)unavail;
}

bool helm_ready_deployment(val dep, val rs_items, struct sb *why)
{
	val paused = get2(dep, "spec", "paused"), rs, rep = get2(dep, "spec", "replicas");
	long long replicas = rep.kind == VAL_NULL ? 1 : (int32_t)num(rep), ready;

	if (paused.kind == VAL_BOOL && paused.u.b)
		return true;
	rs = new_replicaset(dep, rs_items);
	if (rs.kind == VAL_NULL) {
		say(why, "no ReplicaSet for the current template yet");
		return false;
	}
	if (!generation_seen(rs, NULL)) {
		if (why) {
			sb_adds(why, "ReplicaSet ");
			add_str(why, get2(rs, "metadata", "name"));
			sb_adds(why, " not yet observed");
		}
		return false;
	}
	if (!generation_seen(dep, why))
		return false;
	ready = num(get2(rs, "status", "readyReplicas"));
	if (ready < replicas - max_unavailable(dep, replicas)) {
		say(why, "%lld/%lld replicas ready", ready, replicas);
		return false;
	}
	return true;
}

/* --- selectors --------------------------------------------------------- */

static bool add_label_req(struct sb *out, const struct val_map_entry *e)
{
	if (out->len)
		sb_addc(out, ',');
	sb_add(out, e->key, e->klen);
	sb_addc(out, '=');
	if (e->v.kind != VAL_STRING)
		return false;
	sb_add(out, e->v.u.s, e->v.len);
	return true;
}

int helm_ready_selector(val sel, bool map, struct sb *out)
{
	val ml = map ? sel : get(sel, "matchLabels"), me = get(sel, "matchExpressions");

	if (ml.kind == VAL_MAP)
		for (size_t i = 0; i < val_map_len(ml); i++)
			if (!add_label_req(out, val_map_entry_at(ml, i)))
				return -1;
	if (map || me.kind != VAL_LIST)
		return 0;
	for (size_t i = 0; i < val_list_len(me); i++) {
		val r = val_list_at(me, i), key = get(r, "key"), op = get(r, "operator"), vals = get(r, "values");

		if (out->len)
			sb_addc(out, ',');
		if (str_is(op, "Exists")) {
			add_str(out, key);
		} else if (str_is(op, "DoesNotExist")) {
			sb_addc(out, '!');
			add_str(out, key);
		} else if (str_is(op, "In") || str_is(op, "NotIn")) {
			add_str(out, key);
			sb_adds(out, str_is(op, "In") ? " in (" : " notin (");
			for (size_t j = 0; vals.kind == VAL_LIST && j < val_list_len(vals); j++) {
				if (j)
					sb_addc(out, ',');
				add_str(out, val_list_at(vals, j));
			}
			sb_addc(out, ')');
		} else {
			return -1;
		}
	}
	return 0;
}
