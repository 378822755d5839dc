/* client.h — talking to a Kubernetes API server over HTTPS with libcurl,
 * the way client-go's rest client does: one connection kept alive for the
 * whole run (HTTP/2 when the server offers it), TLS material from memory,
 * bearer token / basic auth / exec-plugin credentials, and errors worded as
 * kubectl prints them (k8s.io/kubectl/pkg/cmd/util/helpers.go
 * StandardErrorMessage):
 *
 *   Error from server (NotFound): helmreleases.helm.toolkit.fluxcd.io "x" not found
 *   error: You must be logged in to the server (Unauthorized)
 *   The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?
 *   Unable to connect to the server: tls: failed to verify certificate: x509: ...
 *
 * Every message is one line without a trailing newline; commands print it as
 * it is (kubectl adds no "error: " prefix to these). */
#ifndef COZY_KUBE_CLIENT_H
#define COZY_KUBE_CLIENT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/sb.h"
#include "cli/cli.h"
#include "kube/config.h"
#include "value/value.h"

struct kube_client {
	struct arena *a;
	struct kube_config cfg;
	void *curl;          /* CURL *, one easy handle = one kept-alive connection */
	void *headers;       /* struct curl_slist * of the auth header, rebuilt on refresh */
	void *connect_to;    /* struct curl_slist * for tls-server-name (CURLOPT_CONNECT_TO) */
	char errbuf[256];    /* CURLOPT_ERRORBUFFER */
	unsigned requests;   /* round trips made (benchmarks print it) */
	bool refreshed;      /* exec credentials already re-run after a 401 */
};

/* A response: HTTP status and body (JSON from the API server). */
struct kube_resp {
	long status;
	struct sb body;
};

/* Load the kubeconfig as kubectl would from the global flags and connect
 * lazily (the first request dials).  0, or -1 with err set. */
int kube_open(struct kube_client *c, struct arena *a, const struct cli_global *g, struct sb *err);
void kube_close(struct kube_client *c);

/* The namespace commands act in: -n, else the context's, else "default". */
const char *kube_namespace(const struct kube_client *c);

/* One request.  path is the URL path with its query ("/api/v1/namespaces").
 * accept and ctype may be NULL (JSON).  Returns 0 when the server answered
 * (any status: check r->status), -1 on a transport failure with err set to
 * kubectl's words.  r->body is reset first. */
int kube_do(struct kube_client *c, const char *method, const char *path, const char *accept,
	    const char *ctype, const char *body, size_t blen, struct kube_resp *r, struct sb *err);

/* kube_do + status check + JSON decode: 0 with *out set for 2xx, -1 with
 * err = kubectl's message otherwise.  *status gets the HTTP status when not NULL
 * (404 lets callers tell "absent" from "failed"). */
int kube_call(struct kube_client *c, const char *method, const char *path, const char *accept,
	      const char *ctype, const char *body, size_t blen, val *out, long *status, struct sb *err);

/* kubectl's text for a non-2xx answer (a metav1.Status body, or client-go's
 * generic message for that HTTP code when the body is not one). */
void kube_status_message(struct arena *a, long status, const char *body, size_t n, struct sb *err);

/* metav1.StatusError.Error() — the Status message alone, as Go code (Helm,
 * client-go) quotes an API error — from an error kube_call worded the
 * kubectl way: its "Error from server (Reason): ", "Error from server: "
 * and "error: You must be logged in to the server (...)" framing taken off.
 * Other texts (transport errors) are appended as they are. */
void kube_err_go_text(const char *p, size_t n, struct sb *out);

/* Streams a watch (path must carry watch=1): calls fn for each event
 * ({"type":..., "object":...}) until fn returns non-zero (that value is
 * returned), the server ends the stream (returns 0) or timeout_ms passes
 * (returns 1; 0 = none).  -1 on failure with err set. */
typedef int kube_watch_fn(void *ctx, val event);
int kube_watch(struct kube_client *c, const char *path, long timeout_ms, kube_watch_fn *fn, void *ctx,
	       struct sb *err);

/* Appends the REST path of a resource: /api/v1 for group "", else
 * /apis/GROUP/VERSION; then /namespaces/NS when ns is not NULL, /RESOURCE,
 * and /NAME when name is not NULL (segments escaped as client-go does). */
void kube_path(struct sb *out, const char *group, const char *version, const char *resource, const char *ns,
	       const char *name);

/* Appends s to out escaped for a URL path segment or query value
 * (url.PathEscape / url.QueryEscape as client-go builds its URLs). */
void kube_escape(struct sb *out, const char *s, bool query);

#endif
