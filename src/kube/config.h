/* config.h — the kubeconfig, loaded exactly as kubectl loads it: client-go
 * v0.35.4 tools/clientcmd behind cli-runtime's ConfigFlags (--kubeconfig,
 * else the $KUBECONFIG list merged first-wins, else ~/.kube/config; then
 * --context / -n; the http://localhost:8080 / $KUBERNETES_MASTER default
 * cluster; the in-cluster service-account fallback), with clientcmd's and
 * client-go's error texts.  exec.c runs exec credential plugins.
 * docs/kubeconfig.md lists the rules and the few known differences. */
#ifndef COZY_KUBE_CONFIG_H
#define COZY_KUBE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "base/arena.h"
#include "base/sb.h"

/* The global flags (NULL or "" = not given). */
struct kube_config_opts {
	const char *kubeconfig, *context, *namespace;
	/* validation errors as kubectl's CheckErr prints them (MultilineError:
	 * "invalid configuration: \n* a\n* b", every error of the flattened
	 * aggregate) instead of the aggregate's Error() text "[a, b]" */
	bool multiline;
};

struct kube_exec_state; /* exec.c: cached credentials of one run */

/* users[].user.exec (api.ExecConfig) after defaulting and path resolution. */
struct kube_exec {
	const char *command;     /* relative paths with a '/' already resolved */
	const char **args;       /* nargs items */
	size_t nargs;
	const char **env;        /* "NAME=value", nenv items (added to our environment) */
	size_t nenv;
	const char *api_version; /* client.authentication.k8s.io/v1 or v1beta1 */
	const char *install_hint; /* ANSI escapes replaced as client-go does */
	bool provide_cluster_info;
	const char *interactive_mode; /* Never, IfAvailable, Always */
	const char *cluster_config;   /* JSON of the cluster's client.authentication.k8s.io/exec
				       * extension, or NULL */
	struct kube_exec_state *state;
};

struct kube_config {
	const char *server;   /* rest.Config.Host as client-go leaves it */
	const char *context, *cluster, *user; /* names ("" when none) */
	const char *namespace;
	bool namespace_explicit; /* -n given (clientcmd's "overridden") */
	bool in_cluster;         /* the service-account fallback was used */

	/* TLS material, files already read (client-go's LoadTLSFiles order:
	 * -data wins over the file).  NULL/0 when absent. */
	const unsigned char *ca;   size_t ca_len;
	const unsigned char *cert; size_t cert_len;
	const unsigned char *key;  size_t key_len;
	const char *ca_file, *cert_file, *key_file; /* paths, for messages ("" if none) */
	bool insecure;
	const char *tls_server_name; /* "" if none */
	const char *proxy_url;       /* "" if none (validated: http, https, socks5) */
	bool disable_compression;

	/* Credentials.  token is what goes into "Authorization: Bearer": the
	 * tokenFile's trimmed content when readable and non-empty (client-go's
	 * cached file token source), else the inline token; after
	 * kube_config_credentials() also the exec plugin's token. */
	const char *token;
	const char *bearer_token; /* rest.Config.BearerToken (tokenFile read raw) */
	const char *token_file;   /* "" if none */
	const char *username, *password; /* basic auth when username != "" */
	const char *auth_provider;       /* name of users[].user.auth-provider, or NULL */

	/* Impersonation (users[].user.as...): headers Impersonate-User etc. */
	const char *as_user, *as_uid;
	const char **as_groups; size_t nas_groups;
	const char **as_extra;  size_t nas_extra; /* "key=v1,v2", keys sorted */

	struct kube_exec *exec; /* NULL if none (or not used: plain http) */
	/* the plugin's client certificate (PEM) once it ran; NULL otherwise */
	const unsigned char *exec_cert; size_t exec_cert_len;
	const unsigned char *exec_key;  size_t exec_key_len;
};

/* 0 ok; -1 with a one-line message (client-go's words) in err, no trailing
 * newline.  Strings live in arena a. */
int kube_config_load(struct arena *a, const struct kube_config_opts *o, struct kube_config *out,
		     struct sb *err);

/* Credentials for the next request: runs the exec plugin when one is
 * configured and no token / basic auth / client certificate is (client-go's
 * rule), keeps its result until expirationTimestamp, re-runs it when
 * force_refresh (after a 401).  Fills c->token or c->exec_cert/exec_key.
 * Errors: the auth-provider message, "exec plugin: invalid apiVersion ...",
 * or "getting credentials: ..." as client-go's transport words them. */
int kube_config_credentials(struct arena *a, struct kube_config *c, bool force_refresh, struct sb *err);

/* Releases what the exec state holds (nothing else needs freeing). */
void kube_config_release(struct kube_config *c);

/* ---- shared with exec.c ---- */
/* Go's filepath.Clean. */
char *kube_path_clean(struct arena *a, const char *p);
/* Go's os error text: "<op> <path>: <errno text>" appended to err. */
void kube_errno_text(struct sb *err, const char *op, const char *path, int errnum);
/* Reads a whole file into the arena (NUL added); -1 with errno set. */
int kube_read_file(struct arena *a, const char *path, char **data, size_t *len);
/* client-go's cleanANSIEscapeCodes. */
const char *kube_clean_ansi(struct arena *a, const char *s);

#endif
