/* wait.c — placeholder until Helm's --wait lands (helper "wait" replaces
 * this file): refuses, so that nothing claims to have waited. */
#include "helm/wait.h"

int helm_wait_ready(struct kube_client *kc, struct kube_discovery *d, val objs, long long timeout_ns,
		    FILE *progress, bool tty, struct sb *err)
{
	(void)kc, (void)d, (void)objs, (void)timeout_ns, (void)progress, (void)tty;
	sb_adds(err, "--wait is not implemented yet");
	return -1;
}
