/* client.c — the libcurl side of client.h: one easy handle per run (so one
 * TCP+TLS connection, HTTP/2 when offered), TLS material passed as blobs,
 * credentials, and kubectl's wording of every failure. */
#include "kube/client.h"

#include <curl/curl.h>
#include <errno.h>
#include <openssl/x509_vfy.h>
#include <stdlib.h>
#include <string.h>

#include "kube/handoff.h"
#include "value/codec.h"

#ifndef COZYPKG_VERSION
#define COZYPKG_VERSION "0.0.0"
#endif

/* Go's dialer gives up after 30 s (net.Dialer in client-go's transport). */
#define CONNECT_TIMEOUT_MS 30000L

int kube_open(struct kube_client *c, struct arena *a, const struct cli_global *g, struct sb *err)
{
	struct kube_config_opts o = { g->kubeconfig, g->context, g->namespace, true };

	kube_handoff(); /* the offline binary goes no further (kube/handoff.h) */
	memset(c, 0, sizeof(*c));
	c->a = a;
	if (kube_config_load(a, &o, &c->cfg, err) < 0) {
		const char *m = err->buf;

		/* kubectl resolves the namespace first (clientcmd ConfirmUsable), so
		 * a missing --context is errContextNotFound there, not the "does not
		 * exist" of ClientConfig(); and CheckErr prints configuration errors
		 * as "Error in configuration: ..." (MultilineError) */
		if (g->context && *g->context && !strncmp(m, "context \"", 9) && strstr(m, "\" does not exist")) {
			struct sb e = SB_INIT;

			sb_addf(&e, "Error in configuration: context was not found for specified context: %s",
				g->context);
			sb_reset(err);
			sb_add(err, e.buf, e.len);
			sb_release(&e);
			return -1;
		}
		if (!strncmp(m, "invalid configuration: ", 23)) {
			struct sb e = SB_INIT;

			sb_addf(&e, "Error in configuration: %s", m + 23);
			sb_reset(err);
			sb_add(err, e.buf, e.len);
			sb_release(&e);
			return -1;
		}
		/* kubectl's CheckErr prefixes errors that are not API errors */
		if (strncmp(err->buf, "error: ", 7)) {
			struct sb e = SB_INIT;

			sb_addf(&e, "error: %s", err->buf);
			sb_reset(err);
			sb_add(err, e.buf, e.len);
			sb_release(&e);
		}
		return -1;
	}
	return 0;
}

void kube_close(struct kube_client *c)
{
	if (c->curl)
		curl_easy_cleanup(c->curl);
	if (c->headers)
		curl_slist_free_all(c->headers);
	if (c->connect_to)
		curl_slist_free_all(c->connect_to);
	c->curl = NULL;
	c->headers = NULL;
	c->connect_to = NULL;
	kube_config_release(&c->cfg);
}

const char *kube_namespace(const struct kube_client *c)
{
	return c->cfg.namespace && *c->cfg.namespace ? c->cfg.namespace : "default";
}

void kube_escape(struct sb *out, const char *s, bool query)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		bool keep = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
			    ch == '-' || ch == '_' || ch == '.' || ch == '~';
		/* url.PathEscape keeps the sub-delims and ':' '@'; QueryEscape does not */
		if (!query && strchr("$&+,;=:@", ch) && ch)
			keep = true;
		if (keep) {
			sb_addc(out, (char)ch);
		} else if (query && ch == ' ') {
			sb_addc(out, '+');
		} else {
			sb_addc(out, '%');
			sb_addc(out, hex[ch >> 4]);
			sb_addc(out, hex[ch & 15]);
		}
	}
}

void kube_path(struct sb *out, const char *group, const char *version, const char *resource, const char *ns,
	       const char *name)
{
	if (group && *group)
		sb_addf(out, "/apis/%s/%s", group, version);
	else
		sb_addf(out, "/api/%s", version);
	if (ns) {
		sb_adds(out, "/namespaces/");
		kube_escape(out, ns, false);
	}
	sb_addc(out, '/');
	sb_adds(out, resource);
	if (name) {
		sb_addc(out, '/');
		kube_escape(out, name, false);
	}
}

/* host[:port] of the server URL, as Go's url.Parse(...).Host reports it. */
static void server_host(const char *server, struct sb *out)
{
	const char *p = strstr(server, "://");
	const char *end;

	p = p ? p + 3 : server;
	end = p + strcspn(p, "/?#");
	sb_add(out, p, (size_t)(end - p));
}

/* The host name alone (no port, no brackets). */
static void server_hostname(const char *server, struct sb *out)
{
	struct sb hp = SB_INIT;
	const char *h, *colon;

	server_host(server, &hp);
	h = hp.buf;
	if (*h == '[') {
		const char *rb = strchr(h, ']');
		sb_add(out, h + 1, rb ? (size_t)(rb - h - 1) : strlen(h + 1));
	} else {
		colon = strrchr(h, ':');
		sb_add(out, h, colon ? (size_t)(colon - h) : hp.len);
	}
	sb_release(&hp);
}

static bool is_loopback(const char *host)
{
	return !strcmp(host, "localhost") || !strncmp(host, "127.", 4) || !strcmp(host, "::1");
}

static void set_blob(CURL *k, CURLoption opt, const unsigned char *p, size_t n)
{
	struct curl_blob b = { (void *)p, n, CURL_BLOB_COPY };

	curl_easy_setopt(k, opt, &b);
}

static void add_header(struct kube_client *c, struct sb *h)
{
	c->headers = curl_slist_append(c->headers, h->buf);
	sb_reset(h);
}

/* The headers every request carries: the bearer token and client-go's
 * impersonation headers (transport/round_trippers.go). */
static void set_auth_headers(struct kube_client *c)
{
	const struct kube_config *k = &c->cfg;
	struct sb h = SB_INIT;
	size_t i;

	if (c->headers)
		curl_slist_free_all(c->headers);
	c->headers = NULL;
	if (k->token && *k->token) {
		sb_addf(&h, "Authorization: Bearer %s", k->token);
		add_header(c, &h);
	}
	if (k->as_user && *k->as_user) {
		sb_addf(&h, "Impersonate-User: %s", k->as_user);
		add_header(c, &h);
	}
	if (k->as_uid && *k->as_uid) {
		sb_addf(&h, "Impersonate-Uid: %s", k->as_uid);
		add_header(c, &h);
	}
	for (i = 0; i < k->nas_groups; i++) {
		sb_addf(&h, "Impersonate-Group: %s", k->as_groups[i]);
		add_header(c, &h);
	}
	for (i = 0; i < k->nas_extra; i++) {
		/* "key=v1,v2": one header per value */
		const char *eq = strchr(k->as_extra[i], '='), *v;

		if (!eq)
			continue;
		for (v = eq + 1;;) {
			size_t n = strcspn(v, ",");

			char *key = arena_memdup(c->a, k->as_extra[i], (size_t)(eq - k->as_extra[i]));

			/* client-go's headerKeyEscape: the key percent-encoded */
			sb_adds(&h, "Impersonate-Extra-");
			kube_escape(&h, key, false);
			sb_adds(&h, ": ");
			sb_add(&h, v, n);
			add_header(c, &h);
			if (!v[n])
				break;
			v += n + 1;
		}
	}
	sb_release(&h);
}

/* Client certificate: the kubeconfig's, or the exec plugin's once it ran. */
static void set_client_cert(struct kube_client *c)
{
	const struct kube_config *k = &c->cfg;
	const unsigned char *cert = k->exec_cert ? k->exec_cert : k->cert;
	size_t cert_len = k->exec_cert ? k->exec_cert_len : k->cert_len;
	const unsigned char *key = k->exec_key ? k->exec_key : k->key;
	size_t key_len = k->exec_key ? k->exec_key_len : k->key_len;

	if (cert && cert_len) {
		set_blob(c->curl, CURLOPT_SSLCERT_BLOB, cert, cert_len);
		curl_easy_setopt(c->curl, CURLOPT_SSLCERTTYPE, "PEM");
	}
	if (key && key_len) {
		set_blob(c->curl, CURLOPT_SSLKEY_BLOB, key, key_len);
		curl_easy_setopt(c->curl, CURLOPT_SSLKEYTYPE, "PEM");
	}
}

/* The first request sets the handle up; the options stay for every later
 * request, so the connection is reused. */
static int handle_setup(struct kube_client *c, struct sb *err)
{
	const struct kube_config *k = &c->cfg;
	CURL *h;
	struct sb tmp = SB_INIT;

	if (c->curl)
		return 0;
	if (!k->server || !*k->server) {
		sb_adds(err, "invalid configuration: no configuration has been provided, try setting "
			     "KUBERNETES_MASTER environment variable");
		return -1;
	}
	if (kube_config_credentials(c->a, &c->cfg, false, err) < 0)
		return -1;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	h = curl_easy_init();
	if (!h) {
		sb_adds(err, "error: cannot initialise libcurl (is libcurl.so.4 installed?)");
		return -1;
	}
	c->curl = h;
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, c->errbuf);
	curl_easy_setopt(h, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, CONNECT_TIMEOUT_MS);
	curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "cozypkg/" COZYPKG_VERSION);
	if (!k->disable_compression)
		curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "gzip");
	if (k->ca && k->ca_len)
		set_blob(h, CURLOPT_CAINFO_BLOB, k->ca, k->ca_len);
	if (k->insecure) {
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
	}
	set_client_cert(c);
	if (k->username && *k->username) {
		curl_easy_setopt(h, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
		curl_easy_setopt(h, CURLOPT_USERNAME, k->username);
		curl_easy_setopt(h, CURLOPT_PASSWORD, k->password ? k->password : "");
	}
	server_hostname(k->server, &tmp);
	if (k->proxy_url && *k->proxy_url)
		curl_easy_setopt(h, CURLOPT_PROXY, k->proxy_url);
	else if (is_loopback(tmp.buf))
		/* Go's ProxyFromEnvironment never proxies loopback hosts; curl would */
		curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
	if (k->tls_server_name && *k->tls_server_name) {
		/* verify (and send SNI for) another name than the URL's host: curl has
		 * no such option, so the URL carries the name and CONNECT_TO maps it
		 * back to the real address (see request_url) */
		struct sb ct = SB_INIT;
		struct curl_slist *l;
		struct sb hp = SB_INIT;
		const char *port;

		server_host(k->server, &hp);
		port = strrchr(hp.buf, ':');
		if (hp.buf[0] == '[' && port && port < strchr(hp.buf, ']'))
			port = NULL;
		sb_addf(&ct, "%s:%s:%s:%s", k->tls_server_name, port ? port + 1 : "443", tmp.buf,
			port ? port + 1 : "443");
		l = curl_slist_append(NULL, ct.buf);
		curl_easy_setopt(h, CURLOPT_CONNECT_TO, l); /* kept for the handle's life */
		c->connect_to = l;
		sb_release(&ct);
		sb_release(&hp);
	}
	sb_release(&tmp);
	set_auth_headers(c);
	return 0;
}

/* The request URL: server (without trailing '/') + path; with
 * tls-server-name the host part is that name (CONNECT_TO dials the real one). */
static void request_url(const struct kube_client *c, const char *path, struct sb *url)
{
	const char *s = c->cfg.server;
	size_t n = strlen(s);

	while (n && s[n - 1] == '/')
		n--;
	if (c->cfg.tls_server_name && *c->cfg.tls_server_name) {
		const char *p = strstr(s, "://");
		const char *host = p ? p + 3 : s;
		const char *end = host + strcspn(host, "/?#");
		struct sb hp = SB_INIT;
		const char *port;

		sb_add(url, s, (size_t)(host - s));
		sb_add(&hp, host, (size_t)(end - host));
		port = strrchr(hp.buf, ':');
		if (hp.buf[0] == '[' && port && port < strchr(hp.buf, ']'))
			port = NULL;
		sb_adds(url, c->cfg.tls_server_name);
		if (port)
			sb_adds(url, port);
		sb_add(url, end, (size_t)(s + n - end));
		sb_release(&hp);
	} else {
		sb_add(url, s, n);
	}
	sb_adds(url, path);
}

/* kubectl's words for a failed connection (StandardErrorMessage on a
 * *url.Error), from curl's code and OpenSSL's verify result. */
static void transport_error(struct kube_client *c, CURLcode rc, struct sb *err)
{
	struct sb host = SB_INIT;
	long vr = 0;

	server_host(c->cfg.server, &host);
	switch (rc) {
	case CURLE_COULDNT_CONNECT: {
		long oserr = 0;

		curl_easy_getinfo(c->curl, CURLINFO_OS_ERRNO, &oserr);
		if (oserr == ECONNREFUSED || oserr == 0) {
			sb_addf(err, "The connection to the server %s was refused - did you specify the right "
				     "host or port?", host.buf);
			break;
		}
		/* Go's syscall.Errno text is strerror's, lower-cased first letter */
		sb_addf(err, "Unable to connect to the server: dial tcp %s: connect: ", host.buf);
		{
			const char *e = strerror((int)oserr);
			sb_addc(err, (char)((*e >= 'A' && *e <= 'Z') ? *e + 32 : *e));
			sb_adds(err, e + 1);
		}
		break;
	}
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY: {
		struct sb name = SB_INIT;

		server_hostname(c->cfg.server, &name);
		sb_addf(err, "Unable to connect to the server: dial tcp: lookup %s: no such host", name.buf);
		sb_release(&name);
		break;
	}
	case CURLE_OPERATION_TIMEDOUT:
		sb_addf(err, "Unable to connect to the server: dial tcp %s: i/o timeout", host.buf);
		break;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
		curl_easy_getinfo(c->curl, CURLINFO_SSL_VERIFYRESULT, &vr);
		sb_adds(err, "Unable to connect to the server: tls: failed to verify certificate: x509: ");
		switch (vr) {
		case X509_V_ERR_CERT_HAS_EXPIRED:
		case X509_V_ERR_CERT_NOT_YET_VALID:
			sb_adds(err, "certificate has expired or is not yet valid");
			break;
		case X509_V_OK: {
			/* chain fine, name wrong */
			struct sb name = SB_INIT;

			server_hostname(c->cfg.server, &name);
			sb_addf(err, "certificate is not valid for %s",
				c->cfg.tls_server_name && *c->cfg.tls_server_name ? c->cfg.tls_server_name
										  : name.buf);
			sb_release(&name);
			break;
		}
		default:
			sb_adds(err, "certificate signed by unknown authority");
		}
		break;
	default:
		sb_addf(err, "Unable to connect to the server: %s", c->errbuf[0] ? c->errbuf : curl_easy_strerror(rc));
	}
	sb_release(&host);
}

static size_t write_body(char *p, size_t size, size_t n, void *ud)
{
	sb_add(ud, p, size * n);
	return size * n;
}

/* Sets the per-request options (method, body, headers); returns the header
 * list the caller frees after the transfer. */
static struct curl_slist *prepare(struct kube_client *c, const char *method, const char *path,
				  const char *accept, const char *ctype, const char *body, size_t blen)
{
	CURL *h = c->curl;
	struct curl_slist *hl = NULL, *it;
	struct sb url = SB_INIT, line = SB_INIT;

	request_url(c, path, &url);
	curl_easy_setopt(h, CURLOPT_URL, url.buf);
	sb_release(&url);
	if (!strcmp(method, "GET")) {
		curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, NULL);
	} else {
		curl_easy_setopt(h, CURLOPT_POST, 1L);
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)blen);
		curl_easy_setopt(h, CURLOPT_COPYPOSTFIELDS, body ? body : "");
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, strcmp(method, "POST") ? method : NULL);
	}
	for (it = c->headers; it; it = it->next)
		hl = curl_slist_append(hl, it->data);
	sb_addf(&line, "Accept: %s", accept ? accept : "application/json");
	hl = curl_slist_append(hl, line.buf);
	if (body) {
		sb_reset(&line);
		sb_addf(&line, "Content-Type: %s", ctype ? ctype : "application/json");
		hl = curl_slist_append(hl, line.buf);
	}
	/* no "Expect: 100-continue" round trip for large bodies */
	hl = curl_slist_append(hl, "Expect:");
	sb_release(&line);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hl);
	return hl;
}

int kube_do(struct kube_client *c, const char *method, const char *path, const char *accept,
	    const char *ctype, const char *body, size_t blen, struct kube_resp *r, struct sb *err)
{
	for (;;) {
		struct curl_slist *hl;
		CURLcode rc;

		if (handle_setup(c, err) < 0)
			return -1;
		sb_reset(&r->body);
		hl = prepare(c, method, path, accept, ctype, body, blen);
		curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, write_body);
		curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, &r->body);
		curl_easy_setopt(c->curl, CURLOPT_TIMEOUT_MS, 0L);
		c->errbuf[0] = 0;
		rc = curl_easy_perform(c->curl);
		curl_slist_free_all(hl);
		c->requests++;
		if (rc != CURLE_OK) {
			transport_error(c, rc, err);
			return -1;
		}
		curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &r->status);
		/* an exec plugin's credential may have expired: run it again, once
		 * (client-go's exec authenticator does the same on 401) */
		if (r->status == 401 && c->cfg.exec && !c->refreshed) {
			c->refreshed = true;
			if (kube_config_credentials(c->a, &c->cfg, true, err) < 0)
				return -1;
			set_auth_headers(c);
			set_client_cert(c);
			continue;
		}
		return 0;
	}
}

static const char *map_str(val m, const char *key)
{
	val v;

	if (m.kind != VAL_MAP || !val_map_get(m, key, strlen(key), &v) || v.kind != VAL_STRING)
		return NULL;
	return v.u.s;
}

void kube_status_message(struct arena *a, long status, const char *body, size_t n, struct sb *err)
{
	val st = val_null();
	struct sb jerr = SB_INIT;
	const char *reason = NULL, *msg = NULL, *kind;

	if (n && val_from_json(a, body, n, &st, &jerr) == 0 && (kind = map_str(st, "kind")) &&
	    !strcmp(kind, "Status")) {
		reason = map_str(st, "reason");
		msg = map_str(st, "message");
	}
	sb_release(&jerr);
	if (!msg) {
		/* client-go's NewGenericServerResponse for a body that is no Status */
		struct sb server = SB_INIT;

		sb_add(&server, body, n);
		msg = "";
		reason = "";
		switch (status) {
		case 409: reason = "Conflict"; msg = "the server reported a conflict"; break;
		case 404: reason = "NotFound"; msg = "the server could not find the requested resource"; break;
		case 400: reason = "BadRequest"; msg = "the server rejected our request for an unknown reason"; break;
		case 401: reason = "Unauthorized"; msg = "the server has asked for the client to provide credentials"; break;
		case 403: reason = "Forbidden"; msg = arena_strdup(a, server.buf ? server.buf : ""); break;
		case 405: reason = "MethodNotAllowed";
			msg = "the server does not allow this method on the requested resource"; break;
		case 422: reason = "Invalid"; msg = "the server rejected our request due to an error in our request"; break;
		case 503: reason = "ServiceUnavailable"; msg = "the server is currently unable to handle the request"; break;
		case 504: reason = "Timeout";
			msg = "the server was unable to return a response in the time allotted, but may still be "
			      "processing the request"; break;
		case 429: reason = "TooManyRequests";
			msg = "the server has received too many requests and has asked us to try again later"; break;
		default:
			if (status >= 500) {
				struct sb m = SB_INIT;

				reason = "InternalError";
				sb_adds(&m, "an error on the server (\"");
				sb_add(&m, server.buf ? server.buf : "", server.len);
				sb_adds(&m, "\") has prevented the request from succeeding");
				msg = arena_strdup(a, m.buf);
				sb_release(&m);
			} else {
				struct sb m = SB_INIT;

				sb_addf(&m, "the server responded with the status code %ld but did not return more "
					    "information", status);
				msg = arena_strdup(a, m.buf);
				sb_release(&m);
			}
		}
		sb_release(&server);
	}
	if (reason && !strcmp(reason, "Unauthorized"))
		sb_addf(err, "error: You must be logged in to the server (%s)", msg);
	else if (reason && *reason)
		sb_addf(err, "Error from server (%s): %s", reason, msg);
	else
		sb_addf(err, "Error from server: %s", msg);
}

int kube_call(struct kube_client *c, const char *method, const char *path, const char *accept,
	      const char *ctype, const char *body, size_t blen, val *out, long *status, struct sb *err)
{
	struct kube_resp r = { 0, SB_INIT };
	int rc = -1;

	if (status)
		*status = 0;
	if (kube_do(c, method, path, accept, ctype, body, blen, &r, err) < 0)
		goto done;
	if (status)
		*status = r.status;
	if (r.status < 200 || r.status > 299) {
		kube_status_message(c->a, r.status, r.body.buf, r.body.len, err);
		goto done;
	}
	if (out) {
		struct sb jerr = SB_INIT;

		if (val_from_json(c->a, r.body.buf ? r.body.buf : "", r.body.len, out, &jerr) < 0) {
			sb_addf(err, "error: decoding the server's answer to %s %s: %s", method, path, jerr.buf);
			sb_release(&jerr);
			goto done;
		}
		sb_release(&jerr);
	}
	rc = 0;
done:
	sb_release(&r.body);
	return rc;
}

/* --- watch: newline-delimited JSON events --- */

struct watch_state {
	struct kube_client *c;
	struct sb buf;
	kube_watch_fn *fn;
	void *ctx;
	int result;     /* fn's non-zero answer */
	bool bad;       /* an event did not decode */
	struct sb *err;
	long status;
};

static size_t write_watch(char *p, size_t size, size_t n, void *ud)
{
	struct watch_state *w = ud;
	size_t total = size * n, start = 0, i;

	if (!w->status)
		curl_easy_getinfo(w->c->curl, CURLINFO_RESPONSE_CODE, &w->status);
	sb_add(&w->buf, p, total);
	if (w->status < 200 || w->status > 299)
		return total; /* the error body, decoded by the caller */
	for (i = 0; i < w->buf.len; i++) {
		val ev;
		struct sb jerr = SB_INIT;

		if (w->buf.buf[i] != '\n')
			continue;
		if (i > start) {
			if (val_from_json(w->c->a, w->buf.buf + start, i - start, &ev, &jerr) < 0) {
				sb_addf(w->err, "error: decoding a watch event: %s", jerr.buf);
				sb_release(&jerr);
				w->bad = true;
				return 0;
			}
			sb_release(&jerr);
			w->result = w->fn(w->ctx, ev);
			if (w->result)
				return 0; /* stop the transfer */
		}
		start = i + 1;
	}
	if (start) {
		memmove(w->buf.buf, w->buf.buf + start, w->buf.len - start);
		sb_setlen(&w->buf, w->buf.len - start);
	}
	return total;
}

int kube_watch(struct kube_client *c, const char *path, long timeout_ms, kube_watch_fn *fn, void *ctx,
	       struct sb *err)
{
	struct watch_state w = { c, SB_INIT, fn, ctx, 0, false, err, 0 };
	struct curl_slist *hl;
	CURLcode rc;
	int ret = -1;

	if (handle_setup(c, err) < 0)
		return -1;
	hl = prepare(c, "GET", path, NULL, NULL, NULL, 0);
	curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, write_watch);
	curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, &w);
	curl_easy_setopt(c->curl, CURLOPT_TIMEOUT_MS, timeout_ms > 0 ? timeout_ms : 0L);
	c->errbuf[0] = 0;
	rc = curl_easy_perform(c->curl);
	curl_easy_setopt(c->curl, CURLOPT_TIMEOUT_MS, 0L);
	curl_slist_free_all(hl);
	c->requests++;
	if (w.bad)
		goto done;
	if (w.result) {
		ret = w.result;
		goto done;
	}
	if (rc == CURLE_OPERATION_TIMEDOUT && w.status) {
		ret = 1;
		goto done;
	}
	if (rc != CURLE_OK) {
		transport_error(c, rc, err);
		goto done;
	}
	if (!w.status)
		curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &w.status);
	if (w.status < 200 || w.status > 299) {
		kube_status_message(c->a, w.status, w.buf.buf, w.buf.len, err);
		goto done;
	}
	ret = 0;
done:
	sb_release(&w.buf);
	return ret;
}

void kube_err_go_text(const char *p, size_t n, struct sb *out)
{
	if (n >= 46 && !memcmp(p, "error: You must be logged in to the server (", 44) && p[n - 1] == ')') {
		p += 44;
		n -= 45;
	} else if (n >= 19 && !memcmp(p, "Error from server (", 19)) {
		const char *q = memchr(p, ')', n);

		if (q && (size_t)(q - p) + 3 <= n && q[1] == ':' && q[2] == ' ') {
			n -= (size_t)(q + 3 - p);
			p = q + 3;
		}
	} else if (n >= 19 && !memcmp(p, "Error from server: ", 19)) {
		p += 19;
		n -= 19;
	}
	sb_add(out, p, n);
}
