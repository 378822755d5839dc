/* wait.h — Helm 3.17.3's --wait (pkg/kube/wait.go, pkg/kube/ready.go):
 * after an install/upgrade, wait until the release's resources are ready as
 * Helm's ReadyChecker judges them.  See wait.c. */
#ifndef COZY_HELM_WAIT_H
#define COZY_HELM_WAIT_H

#include <stdbool.h>
#include <stdio.h>

#include "base/sb.h"
#include "kube/client.h"
#include "kube/discovery.h"
#include "value/value.h"

/* Waits until every object of objs (a VAL_LIST of the release's objects as
 * applied: maps with apiVersion, kind, metadata.name and, where namespaced,
 * metadata.namespace filled in) is ready, for at most timeout_ns.  Progress
 * goes to `progress` (a live display when tty, one plain line per change
 * otherwise); NULL = quiet.  0 when all are ready, -1 with Helm's message in
 * err (a timeout included). */
int helm_wait_ready(struct kube_client *kc, struct kube_discovery *d, val objs, long long timeout_ns,
		    FILE *progress, bool tty, struct sb *err);

#endif
