/* exec.c — exec credential plugins as client-go v0.35.4 runs them
 * (plugin/pkg/client/auth/exec/exec.go): KUBERNETES_EXEC_INFO, stdin by
 * interactiveMode, the ExecCredential decode (client.authentication.k8s.io
 * v1 and v1beta1), credentials cached until expirationTimestamp, a forced
 * refresh after a 401, and client-go's error texts.  Also the
 * auth-provider messages kubectl gives. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "base/xalloc.h"
#include "funcs/fn_encoding.h"
#include "kube/config.h"
#include "value/codec.h"

extern char **environ;

#define GROUP "client.authentication.k8s.io"

struct kube_exec_state {
	bool have;        /* cached credentials */
	bool expires;
	time_t exp;       /* seconds; credsExpired is now.After(exp) */
	long exp_nsec;
	const char *token;
	const unsigned char *cert, *key;
	size_t cert_len, key_len;
};

static bool empty(const char *s) { return !s || !*s; }

static const char verbose_help[] =
	"\n\nIt looks like you are trying to use a client-go credential plugin that is not installed.\n\n"
	"To learn more about this feature, consult the documentation available at:\n"
	"      https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins";

static int auth_provider_error(const char *name, struct sb *err)
{
	if (strcmp(name, "gcp") == 0)
		sb_adds(err, "The gcp auth plugin has been removed.\nPlease use the \"gke-gcloud-auth-plugin\" kubectl/client-go credential plugin instead.\nSee https://cloud.google.com/blog/products/containers-kubernetes/kubectl-auth-changes-in-gke for further details");
	else if (strcmp(name, "azure") == 0)
		sb_adds(err, "The azure auth plugin has been removed.\nPlease use the https://github.com/Azure/kubelogin kubectl/client-go credential plugin instead.\nSee https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins for further details");
	else if (strcmp(name, "oidc") == 0)
		sb_adds(err, "the oidc auth provider is not supported by cozypkg: use an exec credential plugin (e.g. kubelogin)");
	else
		sb_addf(err, "no Auth Provider found for name \"%s\"", name);
	return -1;
}

/* exec.LookPath with the process's PATH: "" when not found */
static const char *look_path(struct arena *a, const char *file)
{
	const char *path = getenv("PATH");
	if (!path)
		return "";
	for (const char *p = path;;) {
		const char *c = strchr(p, ':');
		size_t n = c ? (size_t)(c - p) : strlen(p);
		struct sb b = SB_INIT;
		if (n == 0)
			sb_addc(&b, '.');
		else
			sb_add(&b, p, n);
		sb_addc(&b, '/');
		sb_adds(&b, file);
		struct stat st;
		if (stat(b.buf, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111)) {
			const char *r = arena_memdup(a, b.buf, b.len);
			sb_release(&b);
			return r;
		}
		sb_release(&b);
		if (!c)
			break;
		p = c + 1;
	}
	return "";
}

/* The ExecCredential sent in KUBERNETES_EXEC_INFO (runtime.Encode with the
 * plugin's version: json.Encoder, so a final newline). */
static void exec_info(struct arena *a, const struct kube_config *c, bool interactive, struct sb *out)
{
	const struct kube_exec *x = c->exec;
	val root = val_map_new(a, 3), spec = val_map_new(a, 2);
	root.flags |= VAL_F_STRUCT;
	spec.flags |= VAL_F_STRUCT;
	val_map_set(a, root, "kind", 4, val_str_ref("ExecCredential", 14));
	val_map_set(a, root, "apiVersion", 10, val_cstr(a, x->api_version));
	if (x->provide_cluster_info) {
		val cl = val_map_new(a, 7);
		cl.flags |= VAL_F_STRUCT;
		val_map_set(a, cl, "server", 6, val_cstr(a, c->server));
		if (!empty(c->tls_server_name))
			val_map_set(a, cl, "tls-server-name", 15, val_cstr(a, c->tls_server_name));
		if (c->insecure)
			val_map_set(a, cl, "insecure-skip-tls-verify", 24, val_bool(true));
		if (c->ca_len) {
			struct sb b = SB_INIT;
			fn_b64_encode(&b, c->ca, c->ca_len);
			val_map_set(a, cl, "certificate-authority-data", 26, val_str(a, b.buf, b.len));
			sb_release(&b);
		}
		if (!empty(c->proxy_url))
			val_map_set(a, cl, "proxy-url", 9, val_cstr(a, c->proxy_url));
		if (c->disable_compression)
			val_map_set(a, cl, "disable-compression", 19, val_bool(true));
		val conf = val_null();
		if (x->cluster_config) {
			struct sb je = SB_INIT;
			if (val_from_json(a, x->cluster_config, strlen(x->cluster_config), &conf, &je) < 0)
				conf = val_null();
			sb_release(&je);
		}
		val_map_set(a, cl, "config", 6, conf);
		val_map_set(a, spec, "cluster", 7, cl);
	}
	val_map_set(a, spec, "interactive", 11, val_bool(interactive));
	val_map_set(a, root, "spec", 4, spec);
	struct sb je = SB_INIT;
	val_to_json(a, root, VAL_JSON_ESCAPE_HTML, NULL, NULL, out, &je);
	sb_release(&je);
	sb_addc(out, '\n');
}

/* fork/exec; stdout collected.  0 when it ran and exited 0; otherwise -1
 * with client-go's wrapCmdRunErrorLocked text in err. */
static int run_plugin(struct arena *a, const char *cmd, const struct kube_config *c, bool interactive,
		      const char *info, struct sb *out, struct sb *err)
{
	const struct kube_exec *x = c->exec;
	const char *path = cmd;
	if (!strchr(cmd, '/')) {
		path = look_path(a, cmd);
		if (!*path) {
			sb_addf(err, "exec: executable %s not found%s", cmd, verbose_help);
			if (!empty(x->install_hint))
				sb_addf(err, "\n\n%s", x->install_hint);
			return -1;
		}
	}
	/* the usual execve failures, found before forking (a child that fails
	 * its exec would run exit-time library cleanups in a copy of us) */
	if (access(path, X_OK) != 0) {
		kube_errno_text(err, "exec: fork/exec", path, errno);
		return -1;
	}
	size_t nenv = 0;
	while (environ[nenv])
		nenv++;
	char **envp = xcalloc(nenv + x->nenv + 2, sizeof(char *));
	size_t k = 0;
	for (size_t i = 0; i < nenv; i++)
		envp[k++] = environ[i];
	for (size_t i = 0; i < x->nenv; i++)
		envp[k++] = (char *)x->env[i];
	struct sb ie = SB_INIT;
	sb_addf(&ie, "KUBERNETES_EXEC_INFO=%s", info);
	envp[k++] = ie.buf;
	envp[k] = NULL;
	char **argv = xcalloc(x->nargs + 2, sizeof(char *));
	argv[0] = (char *)cmd;
	for (size_t i = 0; i < x->nargs; i++)
		argv[i + 1] = (char *)x->args[i];

	int outp[2], errp[2];
	if (pipe2(outp, O_CLOEXEC) < 0 || pipe2(errp, O_CLOEXEC) < 0) {
		sb_addf(err, "exec: %s", strerror(errno));
		free(envp);
		free(argv);
		sb_release(&ie);
		return -1;
	}
	pid_t pid = fork();
	if (pid == 0) {
		if (!interactive) {
			int nul = open("/dev/null", O_RDONLY);
			if (nul >= 0)
				dup2(nul, 0);
		}
		dup2(outp[1], 1);
		execve(path, argv, envp);
		int e = errno;
		ssize_t w = write(errp[1], &e, sizeof(e));
		(void)w;
		_exit(127);
	}
	close(outp[1]);
	close(errp[1]);
	free(envp);
	free(argv);
	sb_release(&ie);
	if (pid < 0) {
		close(outp[0]);
		close(errp[0]);
		sb_addf(err, "exec: fork/exec %s: %s", path, strerror(errno));
		return -1;
	}
	char buf[8192];
	for (;;) {
		ssize_t r = read(outp[0], buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		sb_add(out, buf, (size_t)r);
	}
	close(outp[0]);
	int e = 0;
	ssize_t r = read(errp[0], &e, sizeof(e));
	close(errp[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (r == (ssize_t)sizeof(e)) {
		kube_errno_text(err, "exec: fork/exec", path, e);
		return -1;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	sb_addf(err, "exec: executable %s failed with exit code %d", cmd,
		WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return -1;
}

/* time.Parse(time.RFC3339, s) → seconds since the epoch */
static int parse_rfc3339(const char *s, time_t *t, long *nsec)
{
	int Y, M, D, h, m, sec;
	int n = 0;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &Y, &M, &D, &h, &m, &sec, &n) != 6 || n != 19)
		return -1;
	const char *p = s + n;
	long ns = 0;
	if (*p == '.' || *p == ',') {
		p++;
		int digits = 0;
		while (*p >= '0' && *p <= '9') {
			if (digits < 9)
				ns = ns * 10 + (*p - '0');
			digits++;
			p++;
		}
		if (!digits)
			return -1;
		for (; digits < 9; digits++)
			ns *= 10;
	}
	long off = 0;
	if (*p == 'Z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int oh, om;
		if (sscanf(p + 1, "%2d:%2d", &oh, &om) != 2 || strlen(p) != 6)
			return -1;
		off = (oh * 60L + om) * 60L * (*p == '-' ? -1 : 1);
		p += 6;
	} else {
		return -1;
	}
	if (*p)
		return -1;
	struct tm tm = { .tm_year = Y - 1900, .tm_mon = M - 1, .tm_mday = D, .tm_hour = h, .tm_min = m, .tm_sec = sec };
	*t = timegm(&tm) - off;
	*nsec = ns;
	return 0;
}

/* tls.X509KeyPair's checks, worded as Go */
static int check_key_pair(const char *cert, const char *key, struct sb *err)
{
	int rc = 0;
	BIO *cb = BIO_new_mem_buf(cert, -1), *kb = BIO_new_mem_buf(key, -1);
	X509 *x = PEM_read_bio_X509(cb, NULL, NULL, NULL);
	EVP_PKEY *k = NULL;
	if (!x) {
		sb_adds(err, "failed parsing client key/certificate: tls: failed to find any PEM data in certificate input");
		rc = -1;
	} else if (!(k = PEM_read_bio_PrivateKey(kb, NULL, NULL, NULL))) {
		sb_adds(err, "failed parsing client key/certificate: tls: failed to find any PEM data in key input");
		rc = -1;
	} else if (X509_check_private_key(x, k) != 1) {
		sb_adds(err, "failed parsing client key/certificate: tls: private key does not match public key");
		rc = -1;
	}
	EVP_PKEY_free(k);
	X509_free(x);
	BIO_free(cb);
	BIO_free(kb);
	return rc;
}

static const char *json_kind(val v)
{
	switch (v.kind) {
	case VAL_STRING: return "string";
	case VAL_BOOL: return "bool";
	case VAL_INT:
	case VAL_FLOAT: return "number";
	case VAL_LIST: return "array";
	default: return "object";
	}
}

static const char interpret_struct[] =
	"struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }";

/* Decodes the plugin's stdout into st (token, cert, key, expiry) or fails
 * with err as refreshCredsLocked words it. */
static int decode_cred(struct arena *a, const char *want, const char *data, size_t n, struct kube_exec_state *st,
		       struct sb *err)
{
	size_t i = 0;
	while (i < n && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
		i++;
	val root;
	struct sb e = SB_INIT;
	if (i < n && data[i] == '{') {
		if (val_from_json(a, data, n, &root, &e) < 0) {
			sb_addf(err, "decoding stdout: couldn't get version/kind; json parse error: %s", e.buf);
			sb_release(&e);
			return -1;
		}
	} else if (val_from_yaml(a, data, n, VAL_YAML_ANY, &root, &e) < 0) {
		static const char pfx[] = "error converting YAML to JSON: ";
		const char *m = e.buf;
		if (strncmp(m, pfx, sizeof(pfx) - 1) == 0)
			m += sizeof(pfx) - 1;
		sb_addf(err, "decoding stdout: %s", m);
		sb_release(&e);
		return -1;
	}
	sb_release(&e);
	if (root.kind != VAL_NULL && root.kind != VAL_MAP) {
		sb_addf(err, "decoding stdout: couldn't get version/kind; json parse error: json: cannot unmarshal %s into Go value of type %s",
			json_kind(root), interpret_struct);
		return -1;
	}
	const char *av = "", *kind = "";
	val v;
	if (root.kind == VAL_MAP) {
		if (val_map_get(root, "apiVersion", 10, &v) && v.kind != VAL_NULL) {
			if (v.kind != VAL_STRING) {
				sb_addf(err, "decoding stdout: couldn't get version/kind; json parse error: json: cannot unmarshal %s into Go struct field .apiVersion of type string",
					json_kind(v));
				return -1;
			}
			av = arena_memdup(a, v.u.s, v.len);
		}
		if (val_map_get(root, "kind", 4, &v) && v.kind == VAL_STRING)
			kind = arena_memdup(a, v.u.s, v.len);
	}
	if (!*kind)
		kind = "ExecCredential";
	if (!*av)
		av = GROUP "/__internal";
	bool known = strcmp(av, GROUP "/v1") == 0 || strcmp(av, GROUP "/v1beta1") == 0 ||
		     strcmp(av, GROUP "/__internal") == 0;
	if (!known || strcmp(kind, "ExecCredential") != 0) {
		sb_addf(err, "decoding stdout: no kind \"%s\" is registered for version \"%s\" in scheme \"pkg/runtime/scheme.go:111\"",
			kind, av);
		return -1;
	}
	/* the typed decode (status fields) */
	const char *token = "", *cert = "", *key = "";
	bool has_status = false, expires = false;
	time_t exp = 0;
	long exp_ns = 0;
	const char *fail = NULL;
	char *msg = NULL;
	if (root.kind == VAL_MAP && val_map_get(root, "status", 6, &v) && v.kind != VAL_NULL) {
		if (v.kind != VAL_MAP) {
			struct sb b = SB_INIT;
			sb_addf(&b, "json: cannot unmarshal %s into Go struct field ExecCredential.status of type v1.ExecCredentialStatus",
				json_kind(v));
			msg = arena_memdup(a, b.buf, b.len);
			sb_release(&b);
		} else {
			has_status = true;
			const uint32_t *ord = val_map_order(a, v);
			for (size_t j = 0; j < val_map_len(v) && !msg; j++) {
				const struct val_map_entry *en = val_map_entry_at(v, ord[j]);
				const char **dst = NULL;
				if (en->klen == 5 && memcmp(en->key, "token", 5) == 0)
					dst = &token, fail = "token";
				else if (en->klen == 21 && memcmp(en->key, "clientCertificateData", 21) == 0)
					dst = &cert, fail = "clientCertificateData";
				else if (en->klen == 13 && memcmp(en->key, "clientKeyData", 13) == 0)
					dst = &key, fail = "clientKeyData";
				else if (en->klen == 19 && memcmp(en->key, "expirationTimestamp", 19) == 0)
					fail = "expirationTimestamp";
				else
					continue;
				if (en->v.kind == VAL_NULL)
					continue;
				if (en->v.kind != VAL_STRING) {
					struct sb b = SB_INIT;
					sb_addf(&b, "json: cannot unmarshal %s into Go struct field ExecCredentialStatus.status.%s of type string",
						json_kind(en->v), fail);
					msg = arena_memdup(a, b.buf, b.len);
					sb_release(&b);
					break;
				}
				const char *s = arena_memdup(a, en->v.u.s, en->v.len);
				if (dst) {
					*dst = s;
				} else if (parse_rfc3339(s, &exp, &exp_ns) < 0) {
					struct sb b = SB_INIT;
					sb_addf(&b, "parsing time \"%s\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"%s\" as \"2006\"",
						s, s);
					msg = arena_memdup(a, b.buf, b.len);
					sb_release(&b);
				} else {
					expires = true;
				}
			}
		}
	}
	if (msg) {
		sb_addf(err, "decoding stdout: %s", msg);
		return -1;
	}
	if (strcmp(av, want) != 0) {
		sb_addf(err, "exec plugin is configured to use API version %s, plugin returned version %s", want, av);
		return -1;
	}
	if (!has_status) {
		sb_adds(err, "exec plugin didn't return a status field");
		return -1;
	}
	if (!*token && !*cert && !*key) {
		sb_adds(err, "exec plugin didn't return a token or cert/key pair");
		return -1;
	}
	if (!*cert != !*key) {
		sb_adds(err, "exec plugin returned only certificate or key, not both");
		return -1;
	}
	if (*cert && check_key_pair(cert, key, err) < 0)
		return -1;
	st->expires = expires;
	st->exp = exp;
	st->exp_nsec = exp_ns;
	st->token = token;
	st->cert = *cert ? (const unsigned char *)cert : NULL;
	st->cert_len = strlen(cert);
	st->key = *key ? (const unsigned char *)key : NULL;
	st->key_len = strlen(key);
	st->have = true;
	return 0;
}

static bool expired(const struct kube_exec_state *st)
{
	if (!st->expires)
		return false;
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	return now.tv_sec > st->exp || (now.tv_sec == st->exp && now.tv_nsec > st->exp_nsec);
}

/* refreshCredsLocked */
static int refresh(struct arena *a, struct kube_config *c, struct sb *err)
{
	struct kube_exec *x = c->exec;
	bool interactive = false;
	if (strcmp(x->interactive_mode, "Never") == 0) {
		interactive = false;
	} else if (strcmp(x->interactive_mode, "IfAvailable") == 0) {
		interactive = isatty(0);
	} else if (strcmp(x->interactive_mode, "Always") == 0) {
		if (!isatty(0)) {
			sb_adds(err, "exec plugin cannot support interactive mode: standard input is not a terminal");
			return -1;
		}
		interactive = true;
	} else {
		sb_addf(err, "exec plugin cannot support interactive mode: unknown interactiveMode: \"%s\"",
			x->interactive_mode);
		return -1;
	}
	struct sb info = SB_INIT, out = SB_INIT;
	exec_info(a, c, interactive, &info);
	const char *cmd = kube_path_clean(a, x->command);
	int rc = run_plugin(a, cmd, c, interactive, info.buf, &out, err);
	sb_release(&info);
	if (rc == 0) {
		struct kube_exec_state st = { 0 };
		rc = decode_cred(a, x->api_version, out.buf, out.len, &st, err);
		if (rc == 0)
			*x->state = st;
	}
	sb_release(&out);
	return rc;
}

int kube_config_credentials(struct arena *a, struct kube_config *c, bool force_refresh, struct sb *err)
{
	if (c->auth_provider && !c->exec)
		return auth_provider_error(c->auth_provider, err);
	struct kube_exec *x = c->exec;
	if (!x)
		return 0;
	/* UpdateTransportConfig: token, basic auth or a client certificate
	 * already there means the plugin is not used */
	if (!empty(c->bearer_token) || !empty(c->token_file) || !empty(c->username) || !empty(c->cert_file) ||
	    (c->cert_len && c->cert != c->exec_cert))
		return 0;
	if (strcmp(x->api_version, GROUP "/v1") != 0 && strcmp(x->api_version, GROUP "/v1beta1") != 0) {
		sb_addf(err, "exec plugin: invalid apiVersion \"%s\"", x->api_version);
		return -1;
	}
	if (!x->state)
		x->state = arena_zalloc(a, sizeof(*x->state));
	struct kube_exec_state *st = x->state;
	if (st->have && !force_refresh && !expired(st))
		goto use;
	struct sb e = SB_INIT;
	if (refresh(a, c, &e) < 0) {
		sb_addf(err, "getting credentials: %s", e.buf);
		sb_release(&e);
		return -1;
	}
	sb_release(&e);
use:
	c->token = st->token ? st->token : "";
	c->exec_cert = st->cert;
	c->exec_cert_len = st->cert_len;
	c->exec_key = st->key;
	c->exec_key_len = st->key_len;
	return 0;
}

void kube_config_release(struct kube_config *c)
{
	(void)c; /* everything lives in the arena */
}
