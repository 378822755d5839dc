/* test_config.c — replays tests/vectors/kubeconfig.vec: each scenario's
 * files are created in a fresh directory, the environment and flags set as
 * the Go oracle (client-go v0.35.4 through cli-runtime ConfigFlags) had
 * them, and kube_config_load / kube_config_credentials must print the same
 * lines the oracle printed.  Plus focused checks of the path helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <cmocka.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "base/quote.h"
#include "funcs/fn_encoding.h"
#include "kube/config.h"
#include "support/vec.h"

#define MIN_VECTORS 500

static void line(struct sb *o, const char *k, const char *v, size_t n)
{
	sb_addf(o, "%s=", k);
	strconv_append_quote(o, v, n);
	sb_addc(o, '\n');
}

static void lines(struct sb *o, const char *k, const char *v) { line(o, k, v ? v : "", v ? strlen(v) : 0); }

static void lineb(struct sb *o, const char *k, bool b) { lines(o, k, b ? "true" : "false"); }

/* replace every occurrence of from by to */
static void subst(struct sb *s, const char *from, const char *to)
{
	struct sb r = SB_INIT;
	size_t fl = strlen(from);
	for (size_t i = 0; i < s->len;) {
		if (fl && i + fl <= s->len && memcmp(s->buf + i, from, fl) == 0) {
			sb_adds(&r, to);
			i += fl;
		} else {
			sb_addc(&r, s->buf[i++]);
		}
	}
	sb_reset(s);
	sb_add(s, r.buf, r.len);
	sb_release(&r);
}

static void write_file(const char *path, const char *data, size_t n, mode_t mode)
{
	char *dir = strdup(path);
	for (char *p = dir + 1; *p; p++)
		if (*p == '/') {
			*p = 0;
			mkdir(dir, 0755);
			*p = '/';
		}
	free(dir);
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, n, fp), n);
	fclose(fp);
	chmod(path, mode);
}

static const char *spec_get(const char *spec, const char *key, struct sb *tmp)
{
	size_t kl = strlen(key);
	for (const char *p = spec; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (n > kl && memcmp(p, key, kl) == 0 && p[kl] == '=') {
			sb_reset(tmp);
			sb_add(tmp, p + kl + 1, n - kl - 1);
			return tmp->buf;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	return NULL;
}

static size_t der_len(const unsigned char *pem, size_t n)
{
	BIO *b = BIO_new_mem_buf(pem, (int)n);
	X509 *x = PEM_read_bio_X509(b, NULL, NULL, NULL);
	int l = x ? i2d_X509(x, NULL) : 0;
	X509_free(x);
	BIO_free(b);
	return (size_t)l;
}

static void auth_header(struct sb *o, const struct kube_config *c)
{
	struct sb h = SB_INIT;
	if (c->token && *c->token) {
		sb_addf(&h, "Bearer %s", c->token);
	} else if (c->username && *c->username) {
		struct sb up = SB_INIT;
		sb_addf(&up, "%s:%s", c->username, c->password ? c->password : "");
		sb_adds(&h, "Basic ");
		fn_b64_encode(&h, (const unsigned char *)up.buf, up.len);
		sb_release(&up);
	}
	line(o, "auth", h.buf, h.len);
	sb_release(&h);
}

static const char *env_names[] = { "HOME", "KUBECONFIG", "KUBERNETES_MASTER", "POD_NAMESPACE", "KUBERNETES_SERVICE_HOST",
				   "KUBERNETES_SERVICE_PORT", "PATH" };

/* One scenario: returns the produced lines. */
static void run_one(const char *spec_in, const char *files, size_t fn, const char *tdir, const char *want,
		    struct sb *o)
{
	struct sb spec = SB_INIT, tmp = SB_INIT, p = SB_INIT;
	sb_adds(&spec, spec_in);
	subst(&spec, "@T@", tdir);
	/* files: \x01 path \x02 content ... */
	for (size_t i = 0; i < fn;) {
		assert_int_equal(files[i], 1);
		const char *path = files + i + 1;
		const char *sep = memchr(path, 2, fn - i - 1);
		assert_non_null(sep);
		const char *content = sep + 1;
		const char *end = memchr(content, 1, fn - (size_t)(content - files));
		size_t cl = end ? (size_t)(end - content) : fn - (size_t)(content - files);
		struct sb pth = SB_INIT, ct = SB_INIT;
		sb_add(&pth, path, (size_t)(sep - path));
		sb_add(&ct, content, cl);
		subst(&pth, "@T@", tdir);
		subst(&ct, "@T@", tdir);
		mode_t mode = 0644;
		const char *rel = pth.buf;
		if (strncmp(rel, "+x ", 3) == 0)
			rel += 3, mode = 0755;
		sb_reset(&p);
		sb_addf(&p, "%s/%s", tdir, rel);
		if (p.buf[p.len - 1] == '/') {
			sb_adds(&p, "x");
			write_file(p.buf, "", 0, 0644);
			unlink(p.buf);
		} else
			write_file(p.buf, ct.buf, ct.len, mode);
		sb_release(&pth);
		sb_release(&ct);
		i = (size_t)(content - files) + cl;
	}
	for (size_t i = 0; i < sizeof(env_names) / sizeof(env_names[0]); i++)
		unsetenv(env_names[i]);
	sb_reset(&p);
	sb_addf(&p, "%s/home", tdir);
	setenv("HOME", p.buf, 1);
	setenv("PATH", "/usr/bin:/bin", 1);
	setenv("PWD", tdir, 1);
	sb_reset(&p);
	sb_addf(&p, "%s/sa", tdir);
	setenv("COZYPKG_TEST_SA_DIR", p.buf, 1);
	for (size_t i = 0; i < sizeof(env_names) / sizeof(env_names[0]); i++) {
		sb_reset(&p);
		sb_addf(&p, "env.%s", env_names[i]);
		const char *v = spec_get(spec.buf, p.buf, &tmp);
		if (v && strcmp(env_names[i], "HOME") == 0 && strcmp(v, "-") == 0)
			unsetenv("HOME");
		else if (v)
			setenv(env_names[i], v, 1);
	}
	assert_int_equal(chdir(tdir), 0);

	struct sb f1 = SB_INIT, f2 = SB_INIT, f3 = SB_INIT;
	struct kube_config_opts opts = { 0 };
	opts.kubeconfig = spec_get(spec.buf, "flag.kubeconfig", &f1);
	opts.context = spec_get(spec.buf, "flag.context", &f2);
	opts.namespace = spec_get(spec.buf, "flag.namespace", &f3);
	struct arena a = ARENA_INIT;
	struct kube_config c;
	struct sb err = SB_INIT;
	if (kube_config_load(&a, &opts, &c, &err) < 0) {
		/* a TLS file that cannot be read fails the load; the oracle
		 * reports it after ClientConfig() as tlserr */
		lines(o, strstr(want, "\ntlserr=") ? "tlserr" : "err", err.buf);
		goto done;
	}
	lines(o, "context", c.context);
	lines(o, "cluster", c.cluster);
	lines(o, "user", c.user);
	lines(o, "host", c.server);
	line(o, "ca", (const char *)c.ca, c.ca_len);
	line(o, "cert", (const char *)c.cert, c.cert_len);
	line(o, "key", (const char *)c.key, c.key_len);
	lines(o, "cafile", c.ca_file);
	lineb(o, "insecure", c.insecure);
	lines(o, "servername", c.tls_server_name);
	if (*c.proxy_url)
		lines(o, "proxy", c.proxy_url);
	lineb(o, "nocompress", c.disable_compression);
	lines(o, "token", c.bearer_token);
	lines(o, "tokenfile", c.token_file);
	lines(o, "username", c.username);
	lines(o, "password", c.password);
	if (*c.as_user || *c.as_uid || c.nas_groups || c.nas_extra) {
		lines(o, "as", c.as_user);
		lines(o, "as-uid", c.as_uid);
		for (size_t i = 0; i < c.nas_groups; i++)
			lines(o, "as-group", c.as_groups[i]);
		for (size_t i = 0; i < c.nas_extra; i++)
			lines(o, "as-extra", c.as_extra[i]);
	}
	if (c.auth_provider)
		lines(o, "authprovider", c.auth_provider);
	if (c.exec) {
		lines(o, "exec.command", c.exec->command);
		for (size_t i = 0; i < c.exec->nargs; i++)
			lines(o, "exec.arg", c.exec->args[i]);
		for (size_t i = 0; i < c.exec->nenv; i++)
			lines(o, "exec.env", c.exec->env[i]);
		lines(o, "exec.apiVersion", c.exec->api_version);
		lines(o, "exec.installHint", c.exec->install_hint);
		lineb(o, "exec.provideClusterInfo", c.exec->provide_cluster_info);
		lines(o, "exec.interactiveMode", c.exec->interactive_mode);
		if (c.exec->cluster_config)
			lines(o, "exec.config", c.exec->cluster_config);
	}
	const char *steps = spec_get(spec.buf, "steps", &tmp);
	if (!steps)
		steps = c.exec ? "" : "r";
	if (*steps) {
		struct sb st = SB_INIT;
		sb_adds(&st, steps);
		for (char *s = st.buf; s && *s;) {
			char *comma = strchr(s, ',');
			if (comma)
				*comma = 0;
			struct sb e = SB_INIT;
			int rc = kube_config_credentials(&a, &c, false, &e);
			if (strcmp(s, "cert") == 0) {
				static const char pfx[] = "getting credentials: ";
				if (rc < 0)
					lines(o, "certerr", strncmp(e.buf, pfx, sizeof(pfx) - 1) == 0 ? e.buf + sizeof(pfx) - 1 : e.buf);
				else if (c.exec_cert)
					sb_addf(o, "execcert=\"%zu bytes\"\n", der_len(c.exec_cert, c.exec_cert_len));
				else
					lines(o, "execcert", "none");
			} else if (rc < 0) {
				lines(o, "autherr", e.buf);
				if (strncmp(e.buf, "getting credentials: ", 21) != 0) {
					sb_release(&e);
					break; /* the transport could not be built */
				}
			} else {
				auth_header(o, &c);
				if (strcmp(s, "r401") == 0) {
					struct sb e2 = SB_INIT;
					kube_config_credentials(&a, &c, true, &e2); /* client-go logs a failure */
					sb_release(&e2);
				}
			}
			sb_release(&e);
			s = comma ? comma + 1 : NULL;
		}
		sb_release(&st);
		FILE *fp = fopen("calls", "r");
		if (fp) {
			int ch, nl = 0;
			while ((ch = fgetc(fp)) != EOF)
				nl += ch == '\n';
			fclose(fp);
			sb_addf(o, "calls=\"%d\"\n", nl);
		}
		fp = fopen("info", "r");
		if (fp) {
			struct sb info = SB_INIT;
			char buf[4096];
			size_t n;
			while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
				sb_add(&info, buf, n);
			fclose(fp);
			line(o, "info", info.buf, info.len);
			sb_release(&info);
		}
	}
	lines(o, "namespace", c.namespace);
	lineb(o, "explicit", c.namespace_explicit);
	kube_config_release(&c);
done:
	sb_reset(&p);
	sb_addf(&p, "%s/sa", tdir);
	subst(o, p.buf, "@SA@");
	subst(o, tdir, "@T@");
	sb_release(&err);
	sb_release(&f1);
	sb_release(&f2);
	sb_release(&f3);
	arena_free(&a);
	sb_release(&spec);
	sb_release(&tmp);
	sb_release(&p);
}

static void rm_rf(const char *dir)
{
	struct sb cmd = SB_INIT;
	sb_addf(&cmd, "rm -rf '%s'", dir);
	int rc = system(cmd.buf);
	(void)rc;
	sb_release(&cmd);
}

static void test_vectors(void **state)
{
	(void)state;
	char root[4096];
	assert_non_null(getcwd(root, sizeof(root)));
	struct vec_file *vf = vec_open("tests/vectors/kubeconfig.vec");
	/* the plugins the scenarios run must not share the vector file */
	fcntl(fileno(vf->fp), F_SETFD, FD_CLOEXEC);
	struct vec_stats st = { .suite = "kubeconfig" };
	const struct vec_rec *r;
	while ((r = vec_next(vf))) {
		if (r->nfields != 4)
			print_message("kubeconfig: line %zu has %zu fields\n", r->line, r->nfields);
		assert_int_equal(r->nfields, 4);
		char tdir[] = "/tmp/kcfg-test-XXXXXX";
		assert_non_null(mkdtemp(tdir));
		struct sb got = SB_INIT;
		run_one(r->f[1].p, r->f[2].p, r->f[2].n, tdir, r->f[3].p, &got);
		assert_int_equal(chdir(root), 0);
		rm_rf(tdir);
		st.total++;
		const char *want = r->f[3].p;
		size_t wn = r->f[3].n;
		/* a TLS read failure: only the tlserr line is compared */
		const char *te = strstr(want, "tlserr=");
		if (te && strncmp(got.buf, "tlserr=", 7) == 0) {
			want = te;
			wn = (size_t)(strchr(te, '\n') + 1 - te);
		}
		if (got.len != wn || memcmp(got.buf, want, wn) != 0)
			vec_mismatch(&st, r, "lines", want, wn, got.buf, got.len);
		sb_release(&got);
	}
	vec_close(vf);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= MIN_VECTORS);
}

static void test_path_clean(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	static const char *const cases[][2] = {
		{ "", "." }, { "/", "/" }, { "a/b/../c", "a/c" }, { "/a/./b//c/", "/a/b/c" }, { "../../x", "../../x" },
		{ "/../x", "/x" }, { "a/..", "." }, { "./a", "a" }, { "a/../..", ".." },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(kube_path_clean(&a, cases[i][0]), cases[i][1]);
	assert_string_equal(kube_clean_ansi(&a, "a\x1b[1mb\tc\n"), "aU+001B[1mb\tc\n");
	arena_free(&a);
}

static void test_no_config_default(void **state)
{
	(void)state;
	char root[4096];
	assert_non_null(getcwd(root, sizeof(root)));
	char tdir[] = "/tmp/kcfg-test-XXXXXX";
	assert_non_null(mkdtemp(tdir));
	struct sb o = SB_INIT;
	run_one("flag.context=nope", "", 0, tdir, "", &o);
	assert_int_equal(chdir(root), 0);
	rm_rf(tdir);
	assert_string_equal(o.buf, "err=\"context \\\"nope\\\" does not exist\"\n");
	sb_release(&o);
}

int main(void)
{
	/* client-go decides IfAvailable/Always on the terminal-ness of stdin;
	 * the oracle's children had none */
	if (!freopen("/dev/null", "r", stdin))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path_clean),
		cmocka_unit_test(test_no_config_default),
		cmocka_unit_test(test_vectors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
