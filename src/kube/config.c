/* config.c — kubeconfig loading as kubectl does it: client-go v0.35.4
 * tools/clientcmd (loader.go, client_config.go, merged_client_builder.go,
 * validation.go, api/v1 decoding and conversion) driven by cli-runtime's
 * ConfigFlags, plus rest.InClusterConfig.  Error texts are client-go's;
 * tests/oracle/kubeconfig records them from the real code. */
#include "kube/config.h"

#include "base/pathclean.h"
#include "base/url.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include "base/quote.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "funcs/fn_encoding.h"
#include "value/codec.h"

#define EXEC_EXT "client.authentication.k8s.io/exec"
#define SA_DIR "/var/run/secrets/kubernetes.io/serviceaccount"

struct bytes {
	const char *p;
	size_t n;
};

/* api.Cluster / api.AuthInfo / api.Context of one file after decoding. */
struct kc_cluster {
	const char *name, *origin;
	const char *server, *tls_server_name, *ca_file, *proxy_url;
	struct bytes ca_data;
	bool insecure, disable_compression;
	val ext;            /* extensions list as decoded (for the %v dump) */
	const char *exec_ext; /* JSON of the exec extension or NULL */
	size_t next;        /* number of extensions */
};

struct kc_exec {
	const char *command, *api_version, *install_hint, *mode;
	const char **args; size_t nargs;
	const char **env_name, **env_value; size_t nenv;
	bool provide;
};

struct kc_user {
	const char *name, *origin;
	const char *cert_file, *key_file, *token, *token_file, *as, *as_uid, *username, *password;
	struct bytes cert_data, key_data;
	const char **groups; size_t ngroups;
	val extra;          /* map[string][]string or null */
	const char *auth_provider; bool has_auth_provider;
	struct kc_exec *exec;
	val ext; size_t next;
};

struct kc_context {
	const char *name, *origin;
	const char *cluster, *user, *namespace;
	val ext; size_t next;
};

struct kc_list {
	void **items;
	size_t n, cap;
};

struct kc_file {
	struct kc_list clusters, users, contexts;
	const char *current;
};

/* ---- small helpers ---- */

static void list_push(struct arena *a, struct kc_list *l, void *p)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		void **items = arena_alloc(a, cap * sizeof(void *));
		if (l->n)
			memcpy(items, l->items, l->n * sizeof(void *));
		l->items = items;
		l->cap = cap;
	}
	l->items[l->n++] = p;
}

static void *list_find(const struct kc_list *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++) {
		const char *nm = *(const char *const *)l->items[i]; /* name is the first member */
		if (strcmp(nm, name) == 0)
			return l->items[i];
	}
	return NULL;
}

static bool empty(const char *s) { return !s || !*s; }

static const char *nz(const char *s) { return s ? s : ""; }

void kube_errno_text(struct sb *err, const char *op, const char *path, int errnum)
{
	const char *m = strerror(errnum);
	sb_addf(err, "%s %s: ", op, path);
	/* Go's syscall error strings are strerror's with a lowercase start */
	if (*m >= 'A' && *m <= 'Z' && !(m[1] >= 'A' && m[1] <= 'Z')) {
		sb_addc(err, (char)(*m - 'A' + 'a'));
		m++;
	}
	sb_adds(err, m);
}

int kube_read_file(struct arena *a, const char *path, char **data, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct sb b = SB_INIT;
	for (;;) {
		sb_grow(&b, 8192);
		ssize_t r = read(fd, b.buf + b.len, b.cap - b.len - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			sb_release(&b);
			errno = e;
			return -2; /* open worked, read failed: Go says "read PATH: ..." */
		}
		if (r == 0)
			break;
		sb_setlen(&b, b.len + (size_t)r);
	}
	close(fd);
	*data = arena_memdup(a, b.buf, b.len);
	*len = b.len;
	sb_release(&b);
	return 0;
}

/* os.ReadFile's error text */
static void read_err(struct sb *err, const char *path, int rc)
{
	kube_errno_text(err, rc == -2 ? "read" : "open", path, errno);
}

char *kube_path_clean(struct arena *a, const char *p)
{
	size_t n = strlen(p);

	return n ? (char *)go_path_clean(a, p, n, &n) : arena_strdup(a, ".");
}

/* os.Getwd: $PWD when it names the current directory, else getcwd. */
static const char *go_getwd(struct arena *a)
{
	const char *pwd = getenv("PWD");
	struct stat s1, s2;
	if (pwd && pwd[0] == '/' && stat(pwd, &s1) == 0 && stat(".", &s2) == 0 && s1.st_dev == s2.st_dev &&
	    s1.st_ino == s2.st_ino)
		return arena_strdup(a, pwd);
	char buf[4096];
	if (getcwd(buf, sizeof(buf)))
		return arena_strdup(a, buf);
	return arena_strdup(a, "/");
}

/* filepath.Join(base, rel) (both non-empty) */
static const char *path_join(struct arena *a, const char *base, const char *rel)
{
	struct sb b = SB_INIT;
	sb_adds(&b, base);
	sb_addc(&b, '/');
	sb_adds(&b, rel);
	char *r = kube_path_clean(a, b.buf);
	sb_release(&b);
	return r;
}

/* filepath.Abs(filepath.Dir(p)) */
static const char *abs_dir(struct arena *a, const char *p)
{
	const char *slash = strrchr(p, '/');
	char *dir = slash ? arena_memdup(a, p, (size_t)(slash - p) + (slash == p)) : arena_strdup(a, ".");
	dir = kube_path_clean(a, dir);
	if (dir[0] == '/')
		return dir;
	return path_join(a, go_getwd(a), dir);
}

const char *kube_clean_ansi(struct arena *a, const char *s)
{
	struct sb b = SB_INIT;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		size_t w;
		int32_t r = utf8_decode(s + i, n - i, &w);
		if (w == 0)
			w = 1;
		bool bad = (r < 0x20 && !(r >= 9 && r <= 13)) || (r >= 0x7f && r <= 0x9f) || r == 0xad ||
			   (r >= 0x600 && r <= 0x605) || r == 0x61c || r == 0x6dd || r == 0x70f || r == 0x180e ||
			   (r >= 0x200b && r <= 0x200f) || (r >= 0x202a && r <= 0x202e) ||
			   (r >= 0x2060 && r <= 0x2064) || (r >= 0x2066 && r <= 0x206f) || r == 0xfeff ||
			   (r >= 0xfff9 && r <= 0xfffb) || (r >= 0xe000 && r <= 0xf8ff) || r >= 0xf0000;
		if (bad) {
			sb_addf(&b, "U+%04X", (unsigned)r);
		} else {
			char u[4];
			sb_add(&b, u, utf8_encode(r, u));
		}
		i += w;
	}
	const char *out = arena_memdup(a, b.buf, b.len);
	sb_release(&b);
	return out;
}

/* ---- decoding: sigs.k8s.io/json (case-sensitive encoding/json) into the
 * api/v1 structs; the first error wins, as json.Unmarshal's savedError ---- */

struct dec {
	struct arena *a;
	struct sb *err;
	bool failed;
	const char *path[16]; /* JSON field names from the root */
	size_t depth;
};

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

static void type_err(struct dec *d, val v, const char *strct, const char *gotype)
{
	if (d->failed)
		return;
	d->failed = true;
	sb_addf(d->err, "json: cannot unmarshal %s into Go struct field %s.", json_kind(v), strct);
	for (size_t i = 0; i < d->depth; i++)
		sb_addf(d->err, "%s%s", i ? "." : "", d->path[i]);
	sb_addf(d->err, " of type %s", gotype);
}

static void push(struct dec *d, const char *k)
{
	if (d->depth < 16)
		d->path[d->depth] = k;
	d->depth++;
}

static void pop(struct dec *d) { d->depth--; }

static void get_str(struct dec *d, val v, const char *strct, const char **out, const char *gotype)
{
	if (v.kind == VAL_NULL)
		return;
	if (v.kind != VAL_STRING) {
		type_err(d, v, strct, gotype ? gotype : "string");
		return;
	}
	*out = arena_memdup(d->a, v.u.s, v.len);
}

static void get_bool(struct dec *d, val v, const char *strct, bool *out)
{
	if (v.kind == VAL_NULL)
		return;
	if (v.kind != VAL_BOOL) {
		type_err(d, v, strct, "bool");
		return;
	}
	*out = v.u.b;
}

static void get_bytes(struct dec *d, val v, const char *strct, struct bytes *out)
{
	if (v.kind == VAL_NULL) {
		out->p = NULL;
		out->n = 0;
		return;
	}
	if (v.kind != VAL_STRING) {
		type_err(d, v, strct, "[]uint8");
		return;
	}
	struct sb b = SB_INIT;
	long bad;
	if (fn_b64_decode(&b, v.u.s, v.len, &bad) < 0) {
		if (!d->failed) {
			d->failed = true;
			sb_addf(d->err, "illegal base64 data at input byte %ld", bad);
		}
	} else {
		out->p = arena_memdup(d->a, b.buf, b.len);
		out->n = b.len;
	}
	sb_release(&b);
}

static void get_strings(struct dec *d, val v, const char *strct, const char ***out, size_t *n)
{
	if (v.kind == VAL_NULL) {
		*out = NULL;
		*n = 0;
		return;
	}
	if (v.kind != VAL_LIST) {
		type_err(d, v, strct, "[]string");
		return;
	}
	size_t m = val_list_len(v);
	const char **xs = arena_zalloc(d->a, (m + 1) * sizeof(char *));
	for (size_t i = 0; i < m; i++) {
		xs[i] = "";
		get_str(d, val_list_at(v, i), strct, &xs[i], NULL);
	}
	*out = xs;
	*n = m;
}

/* Calls fn for each key of map m in the order encoding/json meets them
 * (YAMLToJSON sorts keys). */
#define FOR_KEYS(d, m, en)                                                               \
	for (size_t i_##en = 0, n_##en = val_map_len(m); i_##en < n_##en; i_##en++)            \
		for (const struct val_map_entry *en = val_map_entry_at(m, val_map_order((d)->a, m)[i_##en]); en; \
		     en = NULL)

#define KEY(s) (kl == sizeof(s) - 1 && memcmp(k, s, kl) == 0)

/* struct-typed value check: null keeps zero, non-object is a type error */
static bool want_obj(struct dec *d, val v, const char *strct, const char *gotype)
{
	if (v.kind == VAL_NULL)
		return false;
	if (v.kind != VAL_MAP) {
		type_err(d, v, strct, gotype);
		return false;
	}
	return true;
}

/* []NamedExtension: only the count, the exec extension's JSON and the raw
 * list are kept */
static void dec_extensions(struct dec *d, val v, const char *strct, val *keep, size_t *n, const char **exec_json)
{
	*keep = val_null();
	*n = 0;
	if (v.kind == VAL_NULL)
		return;
	if (v.kind != VAL_LIST) {
		type_err(d, v, strct, "[]v1.NamedExtension");
		return;
	}
	*keep = v;
	*n = val_list_len(v);
	for (size_t i = 0; i < *n; i++) {
		val e = val_list_at(v, i);
		if (!want_obj(d, e, strct, "v1.NamedExtension"))
			continue;
		const char *name = "";
		val ext = val_null();
		bool has_ext = false;
		FOR_KEYS(d, e, en_k) {
		const char *k = en_k->key;
		size_t kl = en_k->klen;
		val x = en_k->v;
			if (KEY("name")) {
				push(d, "name");
				get_str(d, x, "NamedExtension", &name, NULL);
				pop(d);
			} else if (KEY("extension")) {
				ext = x;
				has_ext = true;
			}
		}
		if (exec_json && has_ext && ext.kind != VAL_NULL && strcmp(name, EXEC_EXT) == 0) {
			struct sb js = SB_INIT, je = SB_INIT;
			if (val_to_json(d->a, ext, VAL_JSON_ESCAPE_HTML, NULL, NULL, &js, &je) == 0)
				*exec_json = arena_memdup(d->a, js.buf, js.len);
			sb_release(&js);
			sb_release(&je);
		}
	}
}

static void dec_cluster(struct dec *d, val m, struct kc_cluster *c)
{
	FOR_KEYS(d, m, en_k) {
		const char *k = en_k->key;
		size_t kl = en_k->klen;
		val v = en_k->v;
		push(d, k);
		if (KEY("server"))
			get_str(d, v, "Cluster", &c->server, NULL);
		else if (KEY("tls-server-name"))
			get_str(d, v, "Cluster", &c->tls_server_name, NULL);
		else if (KEY("insecure-skip-tls-verify"))
			get_bool(d, v, "Cluster", &c->insecure);
		else if (KEY("certificate-authority"))
			get_str(d, v, "Cluster", &c->ca_file, NULL);
		else if (KEY("certificate-authority-data"))
			get_bytes(d, v, "Cluster", &c->ca_data);
		else if (KEY("proxy-url"))
			get_str(d, v, "Cluster", &c->proxy_url, NULL);
		else if (KEY("disable-compression"))
			get_bool(d, v, "Cluster", &c->disable_compression);
		else if (KEY("extensions"))
			dec_extensions(d, v, "Cluster", &c->ext, &c->next, &c->exec_ext);
		pop(d);
	}
}

static void dec_exec(struct dec *d, val m, struct kc_exec *x)
{
	FOR_KEYS(d, m, en_k) {
		const char *k = en_k->key;
		size_t kl = en_k->klen;
		val v = en_k->v;
		push(d, k);
		if (KEY("command")) {
			get_str(d, v, "ExecConfig", &x->command, NULL);
		} else if (KEY("args")) {
			get_strings(d, v, "ExecConfig", &x->args, &x->nargs);
		} else if (KEY("env")) {
			if (v.kind == VAL_NULL) {
				x->nenv = 0;
			} else if (v.kind != VAL_LIST) {
				type_err(d, v, "ExecConfig", "[]v1.ExecEnvVar");
			} else {
				size_t n = val_list_len(v);
				x->env_name = arena_zalloc(d->a, (n + 1) * sizeof(char *));
				x->env_value = arena_zalloc(d->a, (n + 1) * sizeof(char *));
				x->nenv = n;
				for (size_t i = 0; i < n; i++) {
					val e = val_list_at(v, i);
					x->env_name[i] = x->env_value[i] = "";
					if (!want_obj(d, e, "ExecConfig", "v1.ExecEnvVar"))
						continue;
					FOR_KEYS(d, e, en_k2) {
		const char *k2 = en_k2->key;
		size_t kl2 = en_k2->klen;
		val v2 = en_k2->v;
						push(d, k2);
						if (kl2 == 4 && memcmp(k2, "name", 4) == 0)
							get_str(d, v2, "ExecEnvVar", &x->env_name[i], NULL);
						else if (kl2 == 5 && memcmp(k2, "value", 5) == 0)
							get_str(d, v2, "ExecEnvVar", &x->env_value[i], NULL);
						pop(d);
					}
				}
			}
		} else if (KEY("apiVersion")) {
			get_str(d, v, "ExecConfig", &x->api_version, NULL);
		} else if (KEY("installHint")) {
			get_str(d, v, "ExecConfig", &x->install_hint, NULL);
		} else if (KEY("provideClusterInfo")) {
			get_bool(d, v, "ExecConfig", &x->provide);
		} else if (KEY("interactiveMode")) {
			get_str(d, v, "ExecConfig", &x->mode, "v1.ExecInteractiveMode");
		}
		pop(d);
	}
}

static void dec_user(struct dec *d, val m, struct kc_user *u)
{
	FOR_KEYS(d, m, en_k) {
		const char *k = en_k->key;
		size_t kl = en_k->klen;
		val v = en_k->v;
		push(d, k);
		if (KEY("client-certificate"))
			get_str(d, v, "AuthInfo", &u->cert_file, NULL);
		else if (KEY("client-certificate-data"))
			get_bytes(d, v, "AuthInfo", &u->cert_data);
		else if (KEY("client-key"))
			get_str(d, v, "AuthInfo", &u->key_file, NULL);
		else if (KEY("client-key-data"))
			get_bytes(d, v, "AuthInfo", &u->key_data);
		else if (KEY("token"))
			get_str(d, v, "AuthInfo", &u->token, NULL);
		else if (KEY("tokenFile"))
			get_str(d, v, "AuthInfo", &u->token_file, NULL);
		else if (KEY("as"))
			get_str(d, v, "AuthInfo", &u->as, NULL);
		else if (KEY("as-uid"))
			get_str(d, v, "AuthInfo", &u->as_uid, NULL);
		else if (KEY("as-groups"))
			get_strings(d, v, "AuthInfo", &u->groups, &u->ngroups);
		else if (KEY("as-user-extra")) {
			if (v.kind == VAL_NULL) {
				u->extra = val_null();
			} else if (v.kind != VAL_MAP) {
				type_err(d, v, "AuthInfo", "map[string][]string");
			} else {
				u->extra = v;
				FOR_KEYS(d, v, en_k2) {
		const char *k2 = en_k2->key;
		size_t kl2 = en_k2->klen;
		val v2 = en_k2->v;
					(void)k2;
					(void)kl2;
					(void)v2;
					const char **xs;
					size_t nx;
					get_strings(d, v2, "AuthInfo", &xs, &nx);
				}
			}
		} else if (KEY("username"))
			get_str(d, v, "AuthInfo", &u->username, NULL);
		else if (KEY("password"))
			get_str(d, v, "AuthInfo", &u->password, NULL);
		else if (KEY("auth-provider")) {
			if (v.kind == VAL_NULL) {
				u->has_auth_provider = false;
			} else if (want_obj(d, v, "AuthInfo", "v1.AuthProviderConfig")) {
				u->has_auth_provider = true;
				u->auth_provider = "";
				FOR_KEYS(d, v, en_k2) {
		const char *k2 = en_k2->key;
		size_t kl2 = en_k2->klen;
		val v2 = en_k2->v;
					push(d, k2);
					if (kl2 == 4 && memcmp(k2, "name", 4) == 0)
						get_str(d, v2, "AuthProviderConfig", &u->auth_provider, NULL);
					else if (kl2 == 6 && memcmp(k2, "config", 6) == 0 && v2.kind != VAL_NULL &&
						 v2.kind != VAL_MAP)
						type_err(d, v2, "AuthProviderConfig", "map[string]string");
					pop(d);
				}
			}
		} else if (KEY("exec")) {
			if (v.kind == VAL_NULL) {
				u->exec = NULL;
			} else if (want_obj(d, v, "AuthInfo", "v1.ExecConfig")) {
				u->exec = arena_zalloc(d->a, sizeof(*u->exec));
				dec_exec(d, v, u->exec);
			}
		} else if (KEY("extensions"))
			dec_extensions(d, v, "AuthInfo", &u->ext, &u->next, NULL);
		pop(d);
	}
}

static void dec_context(struct dec *d, val m, struct kc_context *c)
{
	FOR_KEYS(d, m, en_k) {
		const char *k = en_k->key;
		size_t kl = en_k->klen;
		val v = en_k->v;
		push(d, k);
		if (KEY("cluster"))
			get_str(d, v, "Context", &c->cluster, NULL);
		else if (KEY("user"))
			get_str(d, v, "Context", &c->user, NULL);
		else if (KEY("namespace"))
			get_str(d, v, "Context", &c->namespace, NULL);
		else if (KEY("extensions"))
			dec_extensions(d, v, "Context", &c->ext, &c->next, NULL);
		pop(d);
	}
}

enum sect { S_CLUSTERS, S_USERS, S_CONTEXTS };

static void dec_named(struct dec *d, val v, enum sect s, struct kc_list *out, const char *origin)
{
	static const char *const list_type[] = { "[]v1.NamedCluster", "[]v1.NamedAuthInfo", "[]v1.NamedContext" };
	static const char *const named[] = { "NamedCluster", "NamedAuthInfo", "NamedContext" };
	static const char *const inner_key[] = { "cluster", "user", "context" };
	static const char *const inner_type[] = { "v1.Cluster", "v1.AuthInfo", "v1.Context" };
	if (v.kind == VAL_NULL)
		return;
	if (v.kind != VAL_LIST) {
		type_err(d, v, "Config", list_type[s]);
		return;
	}
	for (size_t i = 0; i < val_list_len(v); i++) {
		val e = val_list_at(v, i);
		void *item;
		size_t sz = s == S_CLUSTERS ? sizeof(struct kc_cluster) :
			    s == S_USERS ? sizeof(struct kc_user) : sizeof(struct kc_context);
		item = arena_zalloc(d->a, sz);
		const char **name = (const char **)item; /* first member */
		*name = "";
		list_push(d->a, out, item);
		if (!want_obj(d, e, "Config", named[s]))
			continue;
		FOR_KEYS(d, e, en_k) {
		const char *k = en_k->key;
		size_t kl = en_k->klen;
		val x = en_k->v;
			push(d, k);
			if (KEY("name")) {
				get_str(d, x, named[s], name, NULL);
			} else if (kl == strlen(inner_key[s]) && memcmp(k, inner_key[s], kl) == 0) {
				if (want_obj(d, x, named[s], inner_type[s])) {
					if (s == S_CLUSTERS)
						dec_cluster(d, x, item);
					else if (s == S_USERS)
						dec_user(d, x, item);
					else
						dec_context(d, x, item);
				}
			}
			pop(d);
		}
		if (s == S_CLUSTERS)
			((struct kc_cluster *)item)->origin = origin;
		else if (s == S_USERS)
			((struct kc_user *)item)->origin = origin;
		else
			((struct kc_context *)item)->origin = origin;
	}
}

/* ---- Go's %v of the v1 list, for the duplicate-name conversion error ---- */


static void dump_bytes(struct sb *b, struct bytes x)
{
	sb_addc(b, '[');
	for (size_t i = 0; i < x.n; i++)
		sb_addf(b, "%s%u", i ? " " : "", (unsigned char)x.p[i]);
	sb_addc(b, ']');
}

static void dump_strings(struct sb *b, const char **xs, size_t n)
{
	sb_addc(b, '[');
	for (size_t i = 0; i < n; i++)
		sb_addf(b, "%s%s", i ? " " : "", xs[i]);
	sb_addc(b, ']');
}

static void dump_ext(struct dec *d, struct sb *b, val ext)
{
	sb_addc(b, '[');
	if (ext.kind == VAL_LIST) {
		for (size_t i = 0; i < val_list_len(ext); i++) {
			val e = val_list_at(ext, i), nm, x;
			sb_adds(b, i ? " {" : "{");
			if (e.kind == VAL_MAP && val_map_get(e, "name", 4, &nm) && nm.kind == VAL_STRING)
				sb_add(b, nm.u.s, nm.len);
			sb_adds(b, " {");
			struct bytes raw = { NULL, 0 };
			struct sb js = SB_INIT, je = SB_INIT;
			if (e.kind == VAL_MAP && val_map_get(e, "extension", 9, &x) && x.kind != VAL_NULL &&
			    val_to_json(d->a, x, VAL_JSON_ESCAPE_HTML, NULL, NULL, &js, &je) == 0) {
				raw.p = js.buf;
				raw.n = js.len;
			}
			dump_bytes(b, raw);
			sb_release(&js);
			sb_release(&je);
			sb_adds(b, " <nil>}}");
		}
	}
	sb_addc(b, ']');
}

static void dump_item(struct dec *d, struct sb *b, enum sect s, void *item)
{
	if (s == S_CLUSTERS) {
		struct kc_cluster *c = item;
		sb_addf(b, "{%s {%s %s %s %s ", c->name, nz(c->server), nz(c->tls_server_name),
			c->insecure ? "true" : "false", nz(c->ca_file));
		dump_bytes(b, c->ca_data);
		sb_addf(b, " %s %s ", nz(c->proxy_url), c->disable_compression ? "true" : "false");
		dump_ext(d, b, c->ext);
		sb_adds(b, "}}");
	} else if (s == S_USERS) {
		struct kc_user *u = item;
		sb_addf(b, "{%s {%s ", u->name, nz(u->cert_file));
		dump_bytes(b, u->cert_data);
		sb_addf(b, " %s ", nz(u->key_file));
		dump_bytes(b, u->key_data);
		sb_addf(b, " %s %s %s %s ", nz(u->token), nz(u->token_file), nz(u->as), nz(u->as_uid));
		dump_strings(b, u->groups, u->ngroups);
		sb_adds(b, " map[");
		if (u->extra.kind == VAL_MAP) {
			const uint32_t *ord = val_map_order(d->a, u->extra);
			for (size_t i = 0; i < val_map_len(u->extra); i++) {
				const struct val_map_entry *e = val_map_entry_at(u->extra, ord[i]);
				sb_addf(b, "%s%.*s:[", i ? " " : "", (int)e->klen, e->key);
				if (e->v.kind == VAL_LIST)
					for (size_t j = 0; j < val_list_len(e->v); j++) {
						val x = val_list_at(e->v, j);
						sb_addf(b, "%s%.*s", j ? " " : "", (int)x.len, x.kind == VAL_STRING ? x.u.s : "");
					}
				sb_addc(b, ']');
			}
		}
		sb_addf(b, "] %s %s %s %s ", nz(u->username), nz(u->password),
			u->has_auth_provider ? "0xPTR" : "<nil>", u->exec ? "0xPTR" : "<nil>");
		dump_ext(d, b, u->ext);
		sb_adds(b, "}}");
	} else {
		struct kc_context *c = item;
		sb_addf(b, "{%s {%s %s %s ", c->name, nz(c->cluster), nz(c->user), nz(c->namespace));
		dump_ext(d, b, c->ext);
		sb_adds(b, "}}");
	}
}

/* Convert_Slice_v1_Named*_To_Map: a repeated name is an error */
static bool check_dups(struct dec *d, const struct kc_list *l, enum sect s)
{
	static const char *const what[] = { "*[]NamedCluster into *map[string]*api.Cluster",
					    "*[]NamedAuthInfo into *map[string]*api.AuthInfo",
					    "*[]NamedContext into *map[string]*api.Context" };
	for (size_t i = 1; i < l->n; i++) {
		const char *ni = *(const char **)l->items[i];
		for (size_t j = 0; j < i; j++) {
			if (strcmp(ni, *(const char **)l->items[j]) != 0)
				continue;
			sb_addf(d->err, "error converting %s: duplicate name \"%s\" in list: [", what[s], ni);
			for (size_t x = 0; x < l->n; x++) {
				if (x)
					sb_addc(d->err, ' ');
				dump_item(d, d->err, s, l->items[x]);
			}
			sb_addc(d->err, ']');
			return false;
		}
	}
	return true;
}

/* encoding/json's case-insensitive field match (ASCII folding) */
static bool fold_eq(const char *k, size_t kl, const char *name)
{
	size_t n = strlen(name);
	if (kl != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		char a = k[i], b = name[i];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z')
			b = (char)(b - 'A' + 'a');
		if (a != b)
			return false;
	}
	return true;
}

static const char interpret_struct[] =
	"struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }";

/* The json serializer's Interpret + gvk defaulting + scheme lookup shared by
 * kubeconfig files and ExecCredentials: fills group/version/kind of m
 * (a map or null).  -1 with err on Go's errors. */
static int interpret(struct arena *a, val m, const char **group, const char **version, const char **kind,
		     struct sb *err)
{
	const char *av = "", *k = "";
	*group = *version = *kind = "";
	if (m.kind == VAL_NULL)
		return 0;
	if (m.kind != VAL_MAP) {
		sb_addf(err, "couldn't get version/kind; json parse error: json: cannot unmarshal %s into Go value of type %s",
			json_kind(m), interpret_struct);
		return -1;
	}
	const uint32_t *ord = val_map_order(a, m);
	bool failed = false;
	for (size_t i = 0; i < val_map_len(m); i++) {
		const struct val_map_entry *e = val_map_entry_at(m, ord[i]);
		const char *field = NULL;
		const char **dst = NULL;
		/* exact match first, then case-insensitive, as encoding/json */
		if (fold_eq(e->key, e->klen, "apiVersion"))
			field = "apiVersion", dst = &av;
		else if (fold_eq(e->key, e->klen, "kind"))
			field = "kind", dst = &k;
		if (!dst || e->v.kind == VAL_NULL)
			continue;
		if (e->v.kind != VAL_STRING) {
			if (!failed)
				sb_addf(err, "couldn't get version/kind; json parse error: json: cannot unmarshal %s into Go struct field .%s of type string",
					json_kind(e->v), field);
			failed = true;
			continue;
		}
		*dst = arena_memdup(a, e->v.u.s, e->v.len);
	}
	if (failed)
		return -1;
	/* schema.ParseGroupVersion */
	const char *slash = strchr(av, '/');
	if (!*av || strcmp(av, "/") == 0) {
		/* empty */
	} else if (!slash) {
		*version = av;
	} else if (strchr(slash + 1, '/')) {
		sb_addf(err, "unexpected GroupVersion string: %s", av);
		return -1;
	} else {
		*group = arena_memdup(a, av, (size_t)(slash - av));
		*version = slash + 1;
	}
	*kind = k;
	return 0;
}

/* clientcmdlatest.Codec.Decode of one file's bytes.  0, or -1 with err
 * (without the "error loading config file" prefix). */
static int decode_file(struct arena *a, const char *data, size_t n, const char *origin, struct kc_file *f,
		       struct sb *err)
{
	memset(f, 0, sizeof(*f));
	f->current = "";
	if (n == 0)
		return 0;
	val root;
	struct sb yerr = SB_INIT;
	if (val_from_yaml(a, data, n, VAL_YAML_ANY, &root, &yerr) < 0) {
		/* YAMLToJSON's error has no "error converting YAML to JSON" prefix */
		static const char pfx[] = "error converting YAML to JSON: ";
		const char *m = yerr.buf;
		if (strncmp(m, pfx, sizeof(pfx) - 1) == 0)
			m += sizeof(pfx) - 1;
		sb_adds(err, m);
		sb_release(&yerr);
		return -1;
	}
	sb_release(&yerr);
	const char *g, *v, *k;
	if (interpret(a, root, &g, &v, &k, err) < 0)
		return -1;
	if (!*k)
		k = "Config";
	if (!*v && !*g)
		v = "v1";
	if (!*v) {
		sb_adds(err, "Object 'apiVersion' is missing in '");
		sb_add(err, data, n);
		sb_adds(err, "'");
		return -1;
	}
	if (*g || strcmp(v, "v1") != 0 || strcmp(k, "Config") != 0) {
		sb_addf(err, "no kind \"%s\" is registered for version \"%s%s%s\" in scheme \"pkg/runtime/scheme.go:111\"",
			k, g, *g ? "/" : "", v);
		return -1;
	}
	if (root.kind != VAL_MAP)
		return 0;
	struct dec d = { .a = a, .err = err };
	FOR_KEYS(&d, root, en_key) {
		const char *key = en_key->key;
		size_t kl = en_key->klen;
		val x = en_key->v;
		const char *k2 = key;
		size_t kl2 = kl;
		push(&d, k2);
		if (kl2 == 8 && memcmp(k2, "clusters", 8) == 0)
			dec_named(&d, x, S_CLUSTERS, &f->clusters, origin);
		else if (kl2 == 5 && memcmp(k2, "users", 5) == 0)
			dec_named(&d, x, S_USERS, &f->users, origin);
		else if (kl2 == 8 && memcmp(k2, "contexts", 8) == 0)
			dec_named(&d, x, S_CONTEXTS, &f->contexts, origin);
		else if (kl2 == 15 && memcmp(k2, "current-context", 15) == 0)
			get_str(&d, x, "Config", &f->current, NULL);
		else if (kl2 == 11 && memcmp(k2, "preferences", 11) == 0) {
			if (want_obj(&d, x, "Config", "v1.Preferences")) {
				FOR_KEYS(&d, x, en_k3) {
		const char *k3 = en_k3->key;
		size_t kl3 = en_k3->klen;
		val x3 = en_k3->v;
					push(&d, k3);
					bool col;
					val ek;
					size_t en;
					if (kl3 == 6 && memcmp(k3, "colors", 6) == 0)
						get_bool(&d, x3, "Preferences", &col);
					else if (kl3 == 10 && memcmp(k3, "extensions", 10) == 0)
						dec_extensions(&d, x3, "Preferences", &ek, &en, NULL);
					pop(&d);
				}
			}
		} else if (kl2 == 10 && memcmp(k2, "extensions", 10) == 0) {
			val ek;
			size_t en;
			dec_extensions(&d, x, "Config", &ek, &en, NULL);
		} else if ((kl2 == 4 && memcmp(k2, "kind", 4) == 0) || (kl2 == 10 && memcmp(k2, "apiVersion", 10) == 0)) {
			const char *s;
			get_str(&d, x, "Config", &s, NULL);
		}
		pop(&d);
	}
	if (d.failed)
		return -1;
	if (!check_dups(&d, &f->clusters, S_CLUSTERS) || !check_dups(&d, &f->users, S_USERS) ||
	    !check_dups(&d, &f->contexts, S_CONTEXTS))
		return -1;
	/* v1 defaults: SetDefaults_ExecConfig */
	for (size_t i = 0; i < f->users.n; i++) {
		struct kc_exec *x = ((struct kc_user *)f->users.items[i])->exec;
		if (x && empty(x->mode) && x->api_version &&
		    (strcmp(x->api_version, "client.authentication.k8s.io/v1beta1") == 0 ||
		     strcmp(x->api_version, "client.authentication.k8s.io/v1alpha1") == 0))
			x->mode = "IfAvailable";
	}
	return 0;
}

/* ---- loading (ClientConfigLoadingRules.Load) ---- */

struct merged {
	struct kc_list clusters, users, contexts;
	const char *current;
};

/* utilerrors.NewAggregate(...).Error(): one message as is, several
 * deduplicated in "[a, b]" */
struct errlist {
	struct sb *msgs;
	size_t n, cap;
};

static struct sb *errlist_add(struct errlist *l)
{
	if (l->n == l->cap) {
		l->cap = xgrow(l->cap, l->n + 1);
		l->msgs = xrealloc(l->msgs, l->cap * sizeof(struct sb));
	}
	sb_init(&l->msgs[l->n]);
	return &l->msgs[l->n++];
}

static void errlist_format(struct errlist *l, struct sb *out)
{
	if (l->n == 1) {
		sb_add(out, l->msgs[0].buf, l->msgs[0].len);
		return;
	}
	size_t start = out->len, seen = 0;
	for (size_t i = 0; i < l->n; i++) {
		bool dup = false;
		for (size_t j = 0; j < i; j++)
			if (l->msgs[j].len == l->msgs[i].len && memcmp(l->msgs[j].buf, l->msgs[i].buf, l->msgs[i].len) == 0)
				dup = true;
		if (dup)
			continue;
		if (seen++)
			sb_adds(out, ", ");
		sb_add(out, l->msgs[i].buf, l->msgs[i].len);
	}
	if (seen > 1) {
		sb_addc(out, ']');
		sb_grow(out, 1);
		memmove(out->buf + start + 1, out->buf + start, out->len - start);
		out->buf[start] = '[';
		sb_setlen(out, out->len + 1);
	}
}

static void errlist_release(struct errlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		sb_release(&l->msgs[i]);
	free(l->msgs);
}

static void merge_into(struct arena *a, struct merged *m, struct kc_file *f)
{
	struct kc_list *dst[] = { &m->clusters, &m->users, &m->contexts };
	struct kc_list *src[] = { &f->clusters, &f->users, &f->contexts };
	for (int s = 0; s < 3; s++)
		for (size_t i = 0; i < src[s]->n; i++)
			if (!list_find(dst[s], *(const char **)src[s]->items[i]))
				list_push(a, dst[s], src[s]->items[i]);
	if (empty(m->current) && !empty(f->current))
		m->current = f->current;
}

/* loader.go Migrate: ~/.kube/.kubeconfig copied to ~/.kube/config */
static void migrate(struct arena *a, const char *dst, const char *home)
{
	struct stat st;
	if (stat(dst, &st) == 0 || errno == EACCES || errno != ENOENT)
		return;
	const char *src = path_join(a, empty(home) ? "." : home, ".kube/.kubeconfig");
	if (!empty(home) && home[0] == '/')
		src = arena_strdup(a, src);
	if (stat(src, &st) != 0 || S_ISDIR(st.st_mode))
		return;
	char *data;
	size_t n;
	if (kube_read_file(a, src, &data, &n) != 0)
		return;
	int fd = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0)
		return;
	size_t off = 0;
	while (off < n) {
		ssize_t w = write(fd, data + off, n - off);
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	close(fd);
}

static void resolve(struct arena *a, const char **ref, const char *base)
{
	if (!empty(*ref) && (*ref)[0] != '/')
		*ref = path_join(a, base, *ref);
}

static int load_files(struct arena *a, const struct kube_config_opts *o, struct merged *m, struct sb *err)
{
	memset(m, 0, sizeof(*m));
	m->current = "";
	const char *home = getenv("HOME");
	const char *home_file = path_join(a, empty(home) ? "" : home, ".kube/config");
	if (empty(home))
		home_file = ".kube/config";
	const char **files = NULL;
	size_t nfiles = 0;
	migrate(a, home_file, home);
	if (!empty(o->kubeconfig)) {
		struct stat st;
		if (stat(o->kubeconfig, &st) != 0 && errno == ENOENT) {
			kube_errno_text(err, "stat", o->kubeconfig, errno);
			return -1;
		}
		files = arena_alloc(a, sizeof(char *));
		files[nfiles++] = o->kubeconfig;
	} else {
		const char *env = getenv("KUBECONFIG");
		if (!empty(env)) {
			size_t cap = 1;
			for (const char *p = env; *p; p++)
				cap += *p == ':';
			files = arena_alloc(a, cap * sizeof(char *));
			for (const char *p = env;;) {
				const char *c = strchr(p, ':');
				size_t len = c ? (size_t)(c - p) : strlen(p);
				const char *one = arena_memdup(a, p, len);
				bool dup = false;
				for (size_t i = 0; i < nfiles; i++)
					dup |= strcmp(files[i], one) == 0;
				if (!dup)
					files[nfiles++] = one;
				if (!c)
					break;
				p = c + 1;
			}
		} else {
			files = arena_alloc(a, sizeof(char *));
			files[nfiles++] = home_file;
		}
	}
	struct errlist el = { 0 };
	struct kc_file *kf = arena_zalloc(a, (nfiles + 1) * sizeof(*kf));
	size_t nkf = 0;
	for (size_t i = 0; i < nfiles; i++) {
		if (!*files[i])
			continue;
		char *data;
		size_t n;
		int rc = kube_read_file(a, files[i], &data, &n);
		if (rc == -1 && errno == ENOENT)
			continue;
		struct sb msg = SB_INIT;
		if (rc != 0)
			read_err(&msg, files[i], rc);
		else if (decode_file(a, data, n, files[i], &kf[nkf], &msg) == 0)
			nkf++;
		if (msg.len)
			sb_addf(errlist_add(&el), "error loading config file \"%s\": %s", files[i], msg.buf);
		sb_release(&msg);
	}
	for (size_t i = 0; i < nkf; i++) {
		merge_into(a, m, &kf[i]);
	}
	/* ResolveLocalPaths */
	for (size_t i = 0; i < m->clusters.n; i++) {
		struct kc_cluster *c = m->clusters.items[i];
		resolve(a, &c->ca_file, abs_dir(a, c->origin));
	}
	for (size_t i = 0; i < m->users.n; i++) {
		struct kc_user *u = m->users.items[i];
		const char *base = abs_dir(a, u->origin);
		resolve(a, &u->cert_file, base);
		resolve(a, &u->key_file, base);
		resolve(a, &u->token_file, base);
		if (u->exec && u->exec->command && strchr(u->exec->command, '/'))
			resolve(a, &u->exec->command, base);
	}
	if (el.n) {
		errlist_format(&el, err);
		errlist_release(&el);
		return -1;
	}
	errlist_release(&el);
	return 0;
}

static void merged_release(struct merged *m)
{
	(void)m; /* the lists live in the arena */
}

/* ---- validation.go ---- */

static bool is(struct gourl_str s, const char *lit)
{
	return s.n == strlen(lit) && memcmp(s.p, lit, s.n) == 0;
}

static void proxy_check(struct arena *a, const char *proxy, struct sb *msg)
{
	/* parseProxyURL */
	struct gourl u;
	struct sb e = SB_INIT;
	int rc = gourl_parse(a, proxy, strlen(proxy), &u, &e);
	sb_release(&e);
	if (rc < 0) {
		sb_addf(msg, "could not parse: %s", proxy);
		return;
	}
	if (!is(u.scheme, "http") && !is(u.scheme, "https") && !is(u.scheme, "socks5"))
		sb_addf(msg, "unsupported scheme \"%.*s\", must be http, https, or socks5", (int)u.scheme.n, u.scheme.p);
}

static void validate_cluster(struct arena *a, const char *name, const struct kc_cluster *c, struct errlist *el)
{
	/* the ClusterDefaults server is always there: never ErrEmptyCluster */
	if (empty(c->server)) {
		if (empty(name))
			sb_adds(errlist_add(el), "default cluster has no server defined");
		else
			sb_addf(errlist_add(el), "no server found for cluster \"%s\"", name);
	}
	if (!empty(c->proxy_url)) {
		struct sb m = SB_INIT;
		proxy_check(a, c->proxy_url, &m);
		if (m.len) {
			struct sb *e = errlist_add(el);
			sb_adds(e, "invalid 'proxy-url' ");
			strconv_append_quote(e, c->proxy_url, strlen(c->proxy_url));
			sb_adds(e, " for cluster ");
			strconv_append_quote(e, name, strlen(name));
			sb_addf(e, ": %s", m.buf);
		}
		sb_release(&m);
	}
	if (!empty(c->ca_file) && c->ca_data.n)
		sb_addf(errlist_add(el),
			"certificate-authority-data and certificate-authority are both specified for %s. certificate-authority-data will override.",
			name);
	if (!empty(c->ca_file)) {
		int fd = open(c->ca_file, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			struct sb *e = errlist_add(el);
			sb_addf(e, "unable to read certificate-authority %s for %s due to ", c->ca_file, name);
			kube_errno_text(e, "open", c->ca_file, errno);
		} else {
			close(fd);
		}
	}
}

static void open_check(struct errlist *el, const char *what, const char *file, const char *name)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		struct sb *e = errlist_add(el);
		sb_addf(e, "unable to read %s %s for %s due to ", what, file, name);
		kube_errno_text(e, "open", file, errno);
	} else {
		close(fd);
	}
}

static void validate_user(const char *name, const struct kc_user *u, struct errlist *el)
{
	const char *methods[2];
	size_t nm = 0;
	if (!empty(u->token))
		methods[nm++] = "token";
	if (!empty(u->username) || !empty(u->password))
		methods[nm++] = "basicAuth";
	if (!empty(u->cert_file) || u->cert_data.n) {
		if (!empty(u->cert_file) && u->cert_data.n)
			sb_addf(errlist_add(el),
				"client-cert-data and client-cert are both specified for %s. client-cert-data will override.", name);
		if (!empty(u->key_file) && u->key_data.n)
			sb_addf(errlist_add(el),
				"client-key-data and client-key are both specified for %s; client-key-data will override", name);
		if (empty(u->key_file) && !u->key_data.n)
			sb_addf(errlist_add(el),
				"client-key-data or client-key must be specified for %s to use the clientCert authentication method.",
				name);
		if (!empty(u->cert_file))
			open_check(el, "client-cert", u->cert_file, name);
		if (!empty(u->key_file))
			open_check(el, "client-key", u->key_file, name);
	}
	if (u->exec) {
		const struct kc_exec *x = u->exec;
		if (u->has_auth_provider)
			sb_addf(errlist_add(el),
				"authProvider cannot be provided in combination with an exec plugin for %s", name);
		if (empty(x->command))
			sb_addf(errlist_add(el), "command must be specified for %s to use exec authentication plugin", name);
		if (empty(x->api_version))
			sb_addf(errlist_add(el), "apiVersion must be specified for %s to use exec authentication plugin", name);
		for (size_t i = 0; i < x->nenv; i++)
			if (empty(x->env_name[i]))
				sb_addf(errlist_add(el),
					"env variable name must be specified for %s to use exec authentication plugin", name);
		if (empty(x->mode)) {
			sb_addf(errlist_add(el), "interactiveMode must be specified for %s to use exec authentication plugin",
				name);
		} else if (strcmp(x->mode, "Never") && strcmp(x->mode, "IfAvailable") && strcmp(x->mode, "Always")) {
			struct sb *e = errlist_add(el);
			sb_addf(e, "invalid interactiveMode for %s: ", name);
			strconv_append_quote(e, x->mode, strlen(x->mode));
		}
	}
	if (nm > 1)
		sb_addf(errlist_add(el), "more than one authentication method found for %s; found [%s %s], only one is allowed",
			name, methods[0], methods[1]);
	bool extra = u->extra.kind == VAL_MAP && val_map_len(u->extra) > 0;
	if ((!empty(u->as_uid) || u->ngroups > 0 || extra) && empty(u->as))
		sb_addf(errlist_add(el), "requesting uid, groups or user-extra for %s without impersonating a user", name);
}

/* ---- rest helpers ---- */

/* rest.IsConfigTransportTLS as ClientConfig calls it (no CA yet, so
 * DefaultServerURL's retry with "http://" never says https): url.Parse
 * gives scheme "https" and a host */
static bool transport_tls(struct arena *a, const char *host)
{
	struct gourl u;
	struct sb e = SB_INIT;
	bool tls = !empty(host) && gourl_parse(a, host, strlen(host), &u, &e) == 0 && is(u.scheme, "https") &&
		   u.host.n > 0;
	sb_release(&e);
	return tls;
}

/* client_config.go: url.ParseRequestURI(host) with no opaque part and a path
 * longer than "/" loses its query and fragment, and comes back as
 * u.String(). */
static const char *normalize_host(struct arena *a, const char *host)
{
	struct gourl u;
	struct sb e = SB_INIT;
	int rc = gourl_parse_request_uri(a, host, strlen(host), &u, &e);
	sb_release(&e);
	if (rc < 0 || u.opaque.n || u.path.n <= 1)
		return host;
	u.raw_query = u.fragment = u.raw_fragment = (struct gourl_str){ "", 0 };
	struct sb b = SB_INIT;
	gourl_string(&u, &b);
	const char *r = arena_memdup(a, b.buf, b.len);
	sb_release(&b);
	return r;
}

static const char *trim_space(struct arena *a, const char *s, size_t n)
{
	while (n && (*s == ' ' || (*s >= '\t' && *s <= '\r')))
		s++, n--;
	while (n && (s[n - 1] == ' ' || (s[n - 1] >= '\t' && s[n - 1] <= '\r')))
		n--;
	return arena_memdup(a, s, n);
}

/* transport's cached file token source: the file's trimmed content wins
 * when readable and non-empty */
static void effective_token(struct arena *a, struct kube_config *c)
{
	c->token = c->bearer_token;
	if (empty(c->token_file))
		return;
	char *data;
	size_t n;
	if (kube_read_file(a, c->token_file, &data, &n) == 0) {
		const char *t = trim_space(a, data, n);
		if (*t)
			c->token = t;
	}
}

static const char *sa_dir(void)
{
	const char *d = getenv("COZYPKG_TEST_SA_DIR");
	return empty(d) ? SA_DIR : d;
}

/* certutil.NewPool: at least one certificate in the PEM file */
static bool ca_pool_ok(const char *data, size_t n)
{
	BIO *b = BIO_new_mem_buf(data, (int)n);
	if (!b)
		return false;
	X509 *x = PEM_read_bio_X509(b, NULL, NULL, NULL);
	bool ok = x != NULL;
	X509_free(x);
	BIO_free(b);
	return ok;
}

static bool in_cluster_possible(struct arena *a)
{
	const char *h = getenv("KUBERNETES_SERVICE_HOST"), *p = getenv("KUBERNETES_SERVICE_PORT");
	struct stat st;
	const char *tok = path_join(a, sa_dir(), "token");
	return !empty(h) && !empty(p) && stat(tok, &st) == 0 && !S_ISDIR(st.st_mode);
}

/* rest.InClusterConfig */
static int in_cluster_config(struct arena *a, struct kube_config *c, struct sb *err)
{
	const char *h = getenv("KUBERNETES_SERVICE_HOST"), *p = getenv("KUBERNETES_SERVICE_PORT");
	memset(c, 0, sizeof(*c));
	if (empty(h) || empty(p)) {
		sb_adds(err, "unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined");
		return -1;
	}
	const char *tokf = path_join(a, sa_dir(), "token"), *caf = path_join(a, sa_dir(), "ca.crt");
	char *data;
	size_t n;
	int rc = kube_read_file(a, tokf, &data, &n);
	if (rc != 0) {
		read_err(err, tokf, rc);
		return -1;
	}
	struct sb b = SB_INIT;
	sb_addf(&b, strchr(h, ':') ? "https://[%s]:%s" : "https://%s:%s", h, p);
	c->server = arena_memdup(a, b.buf, b.len);
	sb_release(&b);
	c->bearer_token = data;
	c->token_file = tokf;
	char *ca;
	size_t cal;
	/* klog would print "Expected to load root CA config from ..." here */
	if (kube_read_file(a, caf, &ca, &cal) == 0 && ca_pool_ok(ca, cal)) {
		c->ca_file = caf;
		c->ca = (const unsigned char *)ca;
		c->ca_len = cal;
	}
	c->in_cluster = true;
	return 0;
}

/* inClusterClientConfig.Namespace */
static const char *in_cluster_namespace(struct arena *a)
{
	const char *ns = getenv("POD_NAMESPACE");
	if (!empty(ns))
		return ns;
	char *data;
	size_t n;
	if (kube_read_file(a, path_join(a, sa_dir(), "namespace"), &data, &n) == 0) {
		const char *t = trim_space(a, data, n);
		if (*t)
			return t;
	}
	return "default";
}

static int read_tls(struct arena *a, const char *file, struct bytes data, const unsigned char **out, size_t *len,
		    struct sb *err)
{
	if (data.n) {
		*out = (const unsigned char *)data.p;
		*len = data.n;
		return 0;
	}
	if (empty(file))
		return 0;
	char *d;
	size_t n;
	int rc = kube_read_file(a, file, &d, &n);
	if (rc != 0) {
		read_err(err, file, rc);
		return -1;
	}
	*out = (const unsigned char *)d;
	*len = n;
	return 0;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* ---- kube_config_load: DeferredLoadingClientConfig.ClientConfig() and
 * Namespace() over ConfigFlags' loader ---- */

int kube_config_load(struct arena *a, const struct kube_config_opts *o, struct kube_config *out, struct sb *err)
{
	struct merged m;
	memset(out, 0, sizeof(*out));
	if (load_files(a, o, &m, err) < 0) {
		merged_release(&m);
		return -1;
	}
	const char *master = getenv("KUBERNETES_MASTER");
	const char *def_server = empty(master) ? "http://localhost:8080" : master;
	bool ctx_required = !empty(o->context);
	const char *ctx_name = ctx_required ? o->context : m.current;
	const struct kc_context *ctx = list_find(&m.contexts, ctx_name);
	const char *user_name = ctx ? nz(ctx->user) : "";
	const char *cluster_name = ctx ? nz(ctx->cluster) : "";
	struct kc_user user = { 0 };
	const struct kc_user *ue = list_find(&m.users, user_name);
	if (ue)
		user = *ue;
	struct kc_cluster cl = { 0 };
	const struct kc_cluster *ce = list_find(&m.clusters, cluster_name);
	if (ce)
		cl = *ce;
	if (empty(cl.server))
		cl.server = def_server;

	if (ctx_required && !ctx) {
		sb_addf(err, "context \"%s\" does not exist", ctx_name);
		goto fail;
	}
	/* ConfirmUsable */
	struct errlist el = { 0 };
	if (!empty(ctx_name) && !ctx)
		sb_addf(errlist_add(&el), "context was not found for specified context: %s", ctx_name);
	validate_user(user_name, &user, &el);
	validate_cluster(a, cluster_name, &cl, &el);
	if (el.n) {
		sb_adds(err, "invalid configuration: ");
		if (o->multiline && el.n > 1)
			for (size_t i = 0; i < el.n; i++) {
				sb_adds(err, "\n* ");
				sb_add(err, el.msgs[i].buf, el.msgs[i].len);
			}
		else
			errlist_format(&el, err);
		errlist_release(&el);
		goto fail;
	}
	errlist_release(&el);

	struct kube_config *c = out;
	c->context = nz(ctx_name);
	c->cluster = cluster_name;
	c->user = user_name;
	c->server = normalize_host(a, cl.server);
	c->proxy_url = nz(cl.proxy_url);
	if (*c->proxy_url) { /* url.URL.String(): the scheme comes back lowercased */
		char *pu = arena_strdup(a, c->proxy_url);
		for (char *q = pu; *q && *q != ':'; q++)
			if (*q >= 'A' && *q <= 'Z')
				*q = (char)(*q - 'A' + 'a');
		c->proxy_url = pu;
	}
	c->disable_compression = cl.disable_compression;
	c->ca_file = c->cert_file = c->key_file = c->token_file = "";
	c->tls_server_name = "";
	c->bearer_token = c->username = c->password = "";
	c->as_user = nz(user.as);
	c->as_uid = nz(user.as_uid);
	c->as_groups = user.groups;
	c->nas_groups = user.ngroups;
	if (user.extra.kind == VAL_MAP && val_map_len(user.extra)) {
		size_t n = val_map_len(user.extra);
		c->as_extra = arena_alloc(a, n * sizeof(char *));
		for (size_t i = 0; i < n; i++) {
			const struct val_map_entry *e = val_map_entry_at(user.extra, i);
			struct sb b = SB_INIT;
			sb_add(&b, e->key, e->klen);
			sb_addc(&b, '=');
			if (e->v.kind == VAL_LIST)
				for (size_t j = 0; j < val_list_len(e->v); j++) {
					val x = val_list_at(e->v, j);
					if (j)
						sb_addc(&b, ',');
					if (x.kind == VAL_STRING)
						sb_add(&b, x.u.s, x.len);
				}
			c->as_extra[i] = arena_memdup(a, b.buf, b.len);
			sb_release(&b);
		}
		c->nas_extra = n;
		qsort(c->as_extra, n, sizeof(char *), cmp_str);
	}
	bool tls = transport_tls(a, c->server);
	if (tls) {
		if (!empty(user.token)) {
			c->bearer_token = user.token;
			c->token_file = nz(user.token_file);
		} else if (!empty(user.token_file)) {
			char *d;
			size_t n;
			int rc = kube_read_file(a, user.token_file, &d, &n);
			if (rc != 0) {
				read_err(err, user.token_file, rc);
				goto fail;
			}
			c->bearer_token = d;
			c->token_file = user.token_file;
		}
		if (!empty(user.cert_file) || user.cert_data.n) {
			c->cert_file = nz(user.cert_file);
			c->key_file = nz(user.key_file);
		}
		if (!empty(user.username) || !empty(user.password)) {
			c->username = nz(user.username);
			c->password = nz(user.password);
		}
		if (user.has_auth_provider)
			c->auth_provider = nz(user.auth_provider);
		if (user.exec) {
			struct kube_exec *x = arena_zalloc(a, sizeof(*x));
			const struct kc_exec *ux = user.exec;
			x->command = nz(ux->command);
			x->args = ux->args;
			x->nargs = ux->nargs;
			x->env = arena_zalloc(a, (ux->nenv + 1) * sizeof(char *));
			for (size_t i = 0; i < ux->nenv; i++) {
				struct sb b = SB_INIT;
				sb_addf(&b, "%s=%s", ux->env_name[i], ux->env_value[i]);
				x->env[i] = arena_memdup(a, b.buf, b.len);
				sb_release(&b);
			}
			x->nenv = ux->nenv;
			x->api_version = nz(ux->api_version);
			x->install_hint = kube_clean_ansi(a, nz(ux->install_hint));
			x->provide_cluster_info = ux->provide;
			x->interactive_mode = nz(ux->mode);
			x->cluster_config = cl.exec_ext;
			c->exec = x;
		}
		c->ca_file = nz(cl.ca_file);
		c->insecure = cl.insecure;
		c->tls_server_name = nz(cl.tls_server_name);
	}

	if (read_tls(a, c->ca_file, tls ? cl.ca_data : (struct bytes){ 0 }, &c->ca, &c->ca_len, err) < 0 ||
	    read_tls(a, c->cert_file, tls ? user.cert_data : (struct bytes){ 0 }, &c->cert, &c->cert_len, err) < 0 ||
	    read_tls(a, c->key_file, tls ? user.key_data : (struct bytes){ 0 }, &c->key, &c->key_len, err) < 0)
		goto fail;
	/* equal to the defaults (no kubeconfig at all): try the service account */
	bool is_default = strcmp(c->server, def_server) == 0 && !*c->proxy_url && !c->disable_compression &&
			  !*c->as_user && !*c->as_uid && !c->nas_groups && !c->nas_extra && !*c->bearer_token &&
			  !*c->token_file && !*c->ca_file && !*c->cert_file && !*c->key_file && !c->ca_len &&
			  !c->cert_len && !c->key_len && !*c->username && !*c->password && !c->auth_provider &&
			  !c->exec && !c->insecure && !*c->tls_server_name;
	if (is_default && in_cluster_possible(a)) {
		if (in_cluster_config(a, c, err) < 0)
			goto fail;
		c->context = nz(ctx_name);
		c->cluster = cluster_name;
		c->user = user_name;
		c->cert_file = c->key_file = c->tls_server_name = c->proxy_url = "";
		c->username = c->password = c->as_user = c->as_uid = "";
		if (!c->ca_file)
			c->ca_file = "";
	}
	effective_token(a, c);

	/* Namespace() */
	if (!empty(o->namespace)) {
		c->namespace = o->namespace;
		c->namespace_explicit = true;
	} else {
		const char *ns = ctx && !empty(ctx->namespace) ? ctx->namespace : "default";
		c->namespace = ns;
		if (in_cluster_possible(a) && !(strcmp(ns, "default") != 0 || (ctx && !empty(ctx->namespace))))
			c->namespace = in_cluster_namespace(a);
	}
	merged_release(&m);
	return 0;
fail:
	merged_release(&m);
	memset(out, 0, sizeof(*out));
	return -1;
}
