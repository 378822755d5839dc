/* url.h — Go 1.23.7's net/url: Parse and ParseRequestURI (with their
 * *url.Error texts), URL.String, ResolveReference, Hostname, Userinfo.String
 * and QueryUnescape: the one copy Sprig's urlParse/urlJoin (funcs/url.c),
 * gojsonreference's $ref/$id handling and "uri" formats (chart/schema.c)
 * and client-go's kubeconfig checks (kube/config.c) share. */
#ifndef COZY_BASE_URL_H
#define COZY_BASE_URL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/sb.h"

/* A byte range (not NUL-terminated); Go's string. */
struct gourl_str {
	const char *p;
	size_t n;
};

/* url.URL.  The ranges point into the parsed text or the arena.  has_user is
 * URL.User != nil; user/pass are its decoded username and password. */
struct gourl {
	struct gourl_str scheme, opaque, host, path, raw_path, raw_query, fragment, raw_fragment;
	struct gourl_str user, pass;
	bool has_user, pass_set, omit_host, force_query;
};

/* url.Parse.  0, or -1 with the *url.Error text appended to err
 * (`parse "<url>": <why>`).  u is filled only on success. */
int gourl_parse(struct arena *a, const char *raw, size_t n, struct gourl *u, struct sb *err);

/* url.ParseRequestURI: no fragment ('#' stays in the path), and only
 * absolute URLs or absolute paths. */
int gourl_parse_request_uri(struct arena *a, const char *raw, size_t n, struct gourl *u, struct sb *err);

/* URL.String, appended to out. */
void gourl_string(const struct gourl *u, struct sb *out);

/* URL.ResolveReference: ref resolved against base (RFC 3986 §5.2). */
void gourl_resolve(struct arena *a, const struct gourl *base, const struct gourl *ref, struct gourl *out);

/* URL.Hostname: Host without a valid ":port" and without [] brackets. */
struct gourl_str gourl_hostname(const struct gourl *u);

/* Userinfo.String (the escaped "user[:password]"), appended to out. */
void gourl_userinfo_string(const struct gourl *u, struct sb *out);

/* url.QueryUnescape.  0, or -1 with the EscapeError text appended to err. */
int gourl_query_unescape(struct arena *a, const char *s, size_t n, struct gourl_str *out, struct sb *err);

#endif
