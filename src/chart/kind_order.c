/* kind_order.c — releaseutil.InstallOrder (kind_sorter.go): the order in
 * which Helm 3.17.3 installs and prints resources by kind.  Kinds not in the
 * list come after it, sorted by name. */
#include <string.h>

#include "chart/manifest.h"

static const char *const install_order[] = {
	"PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange",
	"PodSecurityPolicy", "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList",
	"ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim",
	"CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
	"ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service",
	"DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
	"HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress",
	"APIService",
};

int manifest_install_rank(const char *kind, size_t n)
{
	for (size_t i = 0; i < sizeof(install_order) / sizeof(install_order[0]); i++)
		if (strlen(install_order[i]) == n && memcmp(install_order[i], kind, n) == 0)
			return (int)i;
	return -1;
}
