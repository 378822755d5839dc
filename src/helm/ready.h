/* ready.h — Helm 3.17.3's ReadyChecker judgements (pkg/kube/ready.go and
 * internal/third_party/.../deployment/util) on live objects as the API server
 * returns them (decoded JSON), without any I/O: wait.c fetches, these judge.
 * Each judge returns true when Helm would call the object ready; when not,
 * `why` (may be NULL) gets a short reason for the progress display. */
#ifndef COZY_HELM_READY_H
#define COZY_HELM_READY_H

#include <stdbool.h>

#include "base/sb.h"
#include "value/value.h"

/* The kinds IsReady looks at (by AsVersioned's group/version/kind); every
 * other object, Jobs included (no --wait-for-jobs), is ready at once. */
enum helm_ready_kind {
	HELM_READY_NONE = 0,
	HELM_READY_POD,
	HELM_READY_DEPLOYMENT,
	HELM_READY_PVC,
	HELM_READY_SERVICE,
	HELM_READY_DAEMONSET,
	HELM_READY_CRD,
	HELM_READY_STATEFULSET,
	HELM_READY_RC,          /* ReplicationController */
	HELM_READY_RS,          /* ReplicaSet */
};

enum helm_ready_kind helm_ready_kind_of(const char *api_version, const char *kind);

bool helm_ready_pod(val pod, struct sb *why);
bool helm_ready_pvc(val pvc, struct sb *why);
bool helm_ready_service(val svc, struct sb *why);
bool helm_ready_daemonset(val ds, struct sb *why);
bool helm_ready_statefulset(val sts, struct sb *why);
bool helm_ready_crd(val crd, struct sb *why);
/* ReplicationController / ReplicaSet: status.observedGeneration caught up
 * (replicationControllerReady / replicaSetReady); their pods are judged
 * with helm_ready_pods on the pods their selector lists. */
bool helm_ready_generation(val obj, struct sb *why);
bool helm_ready_pods(val pod_items, struct sb *why);
/* Deployment: paused = ready (Helm's Wait uses PausedAsReady(true)), else
 * the new ReplicaSet (deploymentutil.GetNewReplicaSet among rs_items, the
 * ReplicaSets its selector lists) ready and enough replicas ready for
 * maxUnavailable. */
bool helm_ready_deployment(val dep, val rs_items, struct sb *why);

/* Appends the label selector query for a metav1.LabelSelector (map=false)
 * or a plain label map (ReplicationController, map=true), in
 * labels.Selector.String() syntax; "" selects everything.  -1 on an
 * operator LabelSelectorAsSelector rejects. */
int helm_ready_selector(val sel, bool map, struct sb *out);

#endif
