/* url.c — Sprig's urlParse and urlJoin (url.go) over a port of the parts of
 * Go 1.23.7's net/url they use: Parse (with its error texts), Hostname,
 * Userinfo.String and URL.String with their escaping rules. */
#include "funcs/funcs.h"

#include <string.h>

#include "base/quote.h"

struct str {
	const char *p;
	size_t n;
};

struct gourl {
	struct str scheme, opaque, host, path, raw_path, raw_query, fragment, raw_fragment;
	bool has_user, pass_set, omit_host, force_query;
	struct str user, pass;
};

enum enc { ENC_PATH = 1, ENC_PATH_SEGMENT, ENC_HOST, ENC_ZONE, ENC_USER_PASSWORD, ENC_QUERY, ENC_FRAGMENT };

static struct str S(const char *p, size_t n)
{
	struct str s = { p, n };
	return s;
}

static bool ishex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static unsigned char unhex(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned char)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (unsigned char)(c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (unsigned char)(c - 'A' + 10);
	return 0;
}

static bool should_escape(unsigned char c, enum enc mode)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return false;
	if (mode == ENC_HOST || mode == ENC_ZONE) {
		switch (c) {
		case '!': case '$': case '&': case '\'': case '(': case ')': case '*': case '+': case ',':
		case ';': case '=': case ':': case '[': case ']': case '<': case '>': case '"':
			return false;
		}
	}
	switch (c) {
	case '-': case '_': case '.': case '~':
		return false;
	case '$': case '&': case '+': case ',': case '/': case ':': case ';': case '=': case '?': case '@':
		switch (mode) {
		case ENC_PATH: return c == '?';
		case ENC_PATH_SEGMENT: return c == '/' || c == ';' || c == ',' || c == '?';
		case ENC_USER_PASSWORD: return c == '@' || c == '/' || c == '?' || c == ':';
		case ENC_QUERY: return true;
		case ENC_FRAGMENT: return false;
		default: break;
		}
	}
	if (mode == ENC_FRAGMENT && (c == '!' || c == '(' || c == ')' || c == '*'))
		return false;
	return true;
}

static void escape_to(struct sb *b, struct str s, enum enc mode)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < s.n; i++) {
		unsigned char c = (unsigned char)s.p[i];
		if (c == ' ' && mode == ENC_QUERY) {
			sb_addc(b, '+');
		} else if (should_escape(c, mode)) {
			sb_addc(b, '%');
			sb_addc(b, hex[c >> 4]);
			sb_addc(b, hex[c & 15]);
		} else {
			sb_addc(b, (char)c);
		}
	}
}

static struct str escape_str(struct arena *a, struct str s, enum enc mode)
{
	struct sb b = SB_INIT;
	escape_to(&b, s, mode);
	struct str r = S(arena_memdup(a, b.buf, b.len), b.len);
	sb_release(&b);
	return r;
}

static bool str_eq(struct str a, struct str b)
{
	return a.n == b.n && memcmp(a.p, b.p, a.n) == 0;
}

/* url.unescape; errors (EscapeError, InvalidHostError) into err. */
static int unescape(struct arena *a, struct str s, enum enc mode, struct str *out, struct sb *err)
{
	size_t n = 0;
	bool plus = false;
	for (size_t i = 0; i < s.n;) {
		char c = s.p[i];
		if (c == '%') {
			n++;
			if (i + 2 >= s.n || !ishex(s.p[i + 1]) || !ishex(s.p[i + 2])) {
				size_t l = s.n - i > 3 ? 3 : s.n - i;
				sb_adds(err, "invalid URL escape ");
				strconv_append_quote(err, s.p + i, l);
				return -1;
			}
			if (mode == ENC_HOST && unhex(s.p[i + 1]) < 8 && memcmp(s.p + i, "%25", 3) != 0) {
				sb_adds(err, "invalid URL escape ");
				strconv_append_quote(err, s.p + i, 3);
				return -1;
			}
			if (mode == ENC_ZONE) {
				unsigned char v = (unsigned char)(unhex(s.p[i + 1]) << 4 | unhex(s.p[i + 2]));
				if (memcmp(s.p + i, "%25", 3) != 0 && v != ' ' && should_escape(v, ENC_HOST)) {
					sb_adds(err, "invalid URL escape ");
					strconv_append_quote(err, s.p + i, 3);
					return -1;
				}
			}
			i += 3;
		} else if (c == '+') {
			plus = mode == ENC_QUERY;
			i++;
		} else {
			if ((mode == ENC_HOST || mode == ENC_ZONE) && (unsigned char)c < 0x80 &&
			    should_escape((unsigned char)c, mode)) {
				sb_adds(err, "invalid character ");
				strconv_append_quote(err, s.p + i, 1);
				sb_adds(err, " in host name");
				return -1;
			}
			i++;
		}
	}
	if (n == 0 && !plus) {
		*out = s;
		return 0;
	}
	char *t = arena_alloc(a, s.n + 1);
	size_t o = 0;
	for (size_t i = 0; i < s.n; i++) {
		if (s.p[i] == '%') {
			t[o++] = (char)(unhex(s.p[i + 1]) << 4 | unhex(s.p[i + 2]));
			i += 2;
		} else if (s.p[i] == '+') {
			t[o++] = mode == ENC_QUERY ? ' ' : '+';
		} else {
			t[o++] = s.p[i];
		}
	}
	t[o] = 0;
	*out = S(t, o);
	return 0;
}

static const char *mem_last(const char *p, size_t n, char c)
{
	return n ? memrchr(p, c, n) : NULL;
}

static bool valid_optional_port(struct str port)
{
	if (port.n == 0)
		return true;
	if (port.p[0] != ':')
		return false;
	for (size_t i = 1; i < port.n; i++)
		if (port.p[i] < '0' || port.p[i] > '9')
			return false;
	return true;
}

static int bad_port(struct str port, struct sb *err)
{
	sb_adds(err, "invalid port ");
	strconv_append_quote(err, port.p, port.n);
	sb_adds(err, " after host");
	return -1;
}

static int parse_host(struct arena *a, struct str host, struct str *out, struct sb *err)
{
	if (host.n && host.p[0] == '[') {
		const char *rb = mem_last(host.p, host.n, ']');
		if (!rb) {
			sb_adds(err, "missing ']' in host");
			return -1;
		}
		size_t i = (size_t)(rb - host.p);
		struct str cp = S(host.p + i + 1, host.n - i - 1);
		if (!valid_optional_port(cp))
			return bad_port(cp, err);
		const char *z = memmem(host.p, i, "%25", 3);
		if (z) {
			size_t zi = (size_t)(z - host.p);
			struct str h1, h2, h3;
			if (unescape(a, S(host.p, zi), ENC_HOST, &h1, err) < 0 ||
			    unescape(a, S(host.p + zi, i - zi), ENC_ZONE, &h2, err) < 0 ||
			    unescape(a, S(host.p + i, host.n - i), ENC_HOST, &h3, err) < 0)
				return -1;
			char *t = arena_alloc(a, h1.n + h2.n + h3.n + 1);
			memcpy(t, h1.p, h1.n);
			memcpy(t + h1.n, h2.p, h2.n);
			memcpy(t + h1.n + h2.n, h3.p, h3.n);
			*out = S(t, h1.n + h2.n + h3.n);
			return 0;
		}
	} else {
		const char *c = mem_last(host.p, host.n, ':');
		if (c) {
			struct str cp = S(c, host.n - (size_t)(c - host.p));
			if (!valid_optional_port(cp))
				return bad_port(cp, err);
		}
	}
	return unescape(a, host, ENC_HOST, out, err);
}

static bool valid_userinfo(struct str s)
{
	for (size_t i = 0; i < s.n; i++) {
		unsigned char c = (unsigned char)s.p[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			continue;
		if (strchr("-._:~!$&'()*+,;=%@", c) && c)
			continue;
		return false;
	}
	return true;
}

static int parse_authority(struct arena *a, struct str auth, struct gourl *u, struct sb *err)
{
	const char *at = mem_last(auth.p, auth.n, '@');
	size_t i = at ? (size_t)(at - auth.p) : 0;
	struct str hp = at ? S(auth.p + i + 1, auth.n - i - 1) : auth;
	if (parse_host(a, hp, &u->host, err) < 0)
		return -1;
	if (!at)
		return 0;
	struct str ui = S(auth.p, i);
	if (!valid_userinfo(ui)) {
		sb_adds(err, "net/url: invalid userinfo");
		return -1;
	}
	const char *colon = memchr(ui.p, ':', ui.n);
	if (!colon) {
		if (unescape(a, ui, ENC_USER_PASSWORD, &u->user, err) < 0)
			return -1;
		u->has_user = true;
		return 0;
	}
	size_t ci = (size_t)(colon - ui.p);
	if (unescape(a, S(ui.p, ci), ENC_USER_PASSWORD, &u->user, err) < 0 ||
	    unescape(a, S(ui.p + ci + 1, ui.n - ci - 1), ENC_USER_PASSWORD, &u->pass, err) < 0)
		return -1;
	u->has_user = u->pass_set = true;
	return 0;
}

static int set_path(struct arena *a, struct gourl *u, struct str p, struct sb *err)
{
	if (unescape(a, p, ENC_PATH, &u->path, err) < 0)
		return -1;
	struct str e = escape_str(a, u->path, ENC_PATH);
	u->raw_path = str_eq(e, p) ? S("", 0) : p;
	return 0;
}

/* net/url's parse(rawURL, viaRequest=false). */
static int parse(struct arena *a, struct str raw, struct gourl *u, struct sb *err)
{
	memset(u, 0, sizeof(*u));
	for (size_t i = 0; i < raw.n; i++) {
		unsigned char b = (unsigned char)raw.p[i];
		if (b < ' ' || b == 0x7f) {
			sb_adds(err, "net/url: invalid control character in URL");
			return -1;
		}
	}
	if (raw.n == 1 && raw.p[0] == '*') {
		u->path = raw;
		return 0;
	}
	struct str rest = raw;
	for (size_t i = 0; i < raw.n; i++) {
		char c = raw.p[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			continue;
		if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
			if (i == 0)
				break;
			continue;
		}
		if (c == ':') {
			if (i == 0) {
				sb_adds(err, "missing protocol scheme");
				return -1;
			}
			char *sc = arena_memdup(a, raw.p, i);
			for (size_t k = 0; k < i; k++)
				if (sc[k] >= 'A' && sc[k] <= 'Z')
					sc[k] = (char)(sc[k] + 32);
			u->scheme = S(sc, i);
			rest = S(raw.p + i + 1, raw.n - i - 1);
		}
		break;
	}
	const char *q = memchr(rest.p, '?', rest.n);
	if (q && q == rest.p + rest.n - 1) {
		u->force_query = true;
		rest.n--;
	} else if (q) {
		size_t qi = (size_t)(q - rest.p);
		u->raw_query = S(q + 1, rest.n - qi - 1);
		rest.n = qi;
	}
	bool slash = rest.n && rest.p[0] == '/';
	if (!slash) {
		if (u->scheme.n) {
			u->opaque = rest;
			return 0;
		}
		const char *sl = memchr(rest.p, '/', rest.n);
		size_t seg = sl ? (size_t)(sl - rest.p) : rest.n;
		if (memchr(rest.p, ':', seg)) {
			sb_adds(err, "first path segment in URL cannot contain colon");
			return -1;
		}
	}
	bool two = rest.n >= 2 && rest.p[0] == '/' && rest.p[1] == '/';
	bool three = rest.n >= 3 && two && rest.p[2] == '/';
	if ((u->scheme.n || !three) && two) {
		struct str auth = S(rest.p + 2, rest.n - 2);
		const char *sl = memchr(auth.p, '/', auth.n);
		if (sl) {
			size_t ai = (size_t)(sl - auth.p);
			rest = S(sl, auth.n - ai);
			auth.n = ai;
		} else {
			rest = S("", 0);
		}
		if (parse_authority(a, auth, u, err) < 0)
			return -1;
	} else if (u->scheme.n && slash) {
		u->omit_host = true;
	}
	return set_path(a, u, rest, err);
}

/* url.Parse: the fragment split off first; errors as *url.Error. */
static int url_parse(struct arena *a, struct str raw, struct gourl *u, struct sb *err)
{
	const char *h = memchr(raw.p, '#', raw.n);
	struct str before = h ? S(raw.p, (size_t)(h - raw.p)) : raw;
	struct sb e = SB_INIT;
	struct str quoted = before;
	int rc = parse(a, before, u, &e);
	if (rc == 0 && h && raw.n - (size_t)(h - raw.p) > 1) {
		struct str f = S(h + 1, raw.n - (size_t)(h - raw.p) - 1);
		rc = unescape(a, f, ENC_FRAGMENT, &u->fragment, &e);
		if (rc == 0) {
			struct str ef = escape_str(a, u->fragment, ENC_FRAGMENT);
			u->raw_fragment = str_eq(ef, f) ? S("", 0) : f;
		}
		quoted = raw;
	}
	if (rc < 0) {
		sb_adds(err, "parse ");
		strconv_append_quote(err, quoted.p, quoted.n);
		sb_adds(err, ": ");
		sb_add(err, e.buf, e.len);
	}
	sb_release(&e);
	return rc;
}

static bool valid_encoded(struct str s, enum enc mode)
{
	for (size_t i = 0; i < s.n; i++) {
		unsigned char c = (unsigned char)s.p[i];
		if (strchr("!$&'()*+,;=:@[]%", c) && c)
			continue;
		if (should_escape(c, mode))
			return false;
	}
	return true;
}

static void userinfo_string(struct sb *b, const struct gourl *u)
{
	escape_to(b, u->user, ENC_USER_PASSWORD);
	if (u->pass_set) {
		sb_addc(b, ':');
		escape_to(b, u->pass, ENC_USER_PASSWORD);
	}
}

/* EscapedPath / EscapedFragment: the raw form when it is a valid encoding
 * of the decoded one. */
static void escaped(struct arena *a, struct sb *b, struct str raw, struct str dec, enum enc mode)
{
	if (raw.n && valid_encoded(raw, mode)) {
		struct sb e = SB_INIT;
		struct str d;
		if (unescape(a, raw, mode, &d, &e) == 0 && str_eq(d, dec)) {
			sb_add(b, raw.p, raw.n);
			sb_release(&e);
			return;
		}
		sb_release(&e);
	}
	if (mode == ENC_PATH && dec.n == 1 && dec.p[0] == '*') {
		sb_addc(b, '*');
		return;
	}
	escape_to(b, dec, mode);
}

/* URL.String. */
static void url_string(struct arena *a, const struct gourl *u, struct sb *b)
{
	if (u->scheme.n) {
		sb_add(b, u->scheme.p, u->scheme.n);
		sb_addc(b, ':');
	}
	if (u->opaque.n) {
		sb_add(b, u->opaque.p, u->opaque.n);
	} else {
		if (u->scheme.n || u->host.n || u->has_user) {
			if (!(u->omit_host && !u->host.n && !u->has_user)) {
				if (u->host.n || u->path.n || u->has_user)
					sb_adds(b, "//");
				if (u->has_user) {
					userinfo_string(b, u);
					sb_addc(b, '@');
				}
				if (u->host.n)
					escape_to(b, u->host, ENC_HOST);
			}
		}
		struct sb path = SB_INIT;
		escaped(a, &path, u->raw_path, u->path, ENC_PATH);
		if (path.len && path.buf[0] != '/' && u->host.n)
			sb_addc(b, '/');
		if (b->len == 0) {
			const char *sl = memchr(path.buf, '/', path.len);
			size_t seg = sl ? (size_t)(sl - path.buf) : path.len;
			if (memchr(path.buf, ':', seg))
				sb_adds(b, "./");
		}
		sb_add(b, path.buf, path.len);
		sb_release(&path);
	}
	if (u->force_query || u->raw_query.n) {
		sb_addc(b, '?');
		sb_add(b, u->raw_query.p, u->raw_query.n);
	}
	if (u->fragment.n) {
		sb_addc(b, '#');
		escaped(a, b, u->raw_fragment, u->fragment, ENC_FRAGMENT);
	}
}

static val sval(struct tmpl_exec *x, struct str s)
{
	return val_str(x->a, s.p, s.n);
}

static int f_url_parse(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gourl u;
	struct sb err = SB_INIT;
	if (url_parse(x->a, S(a[0].u.s, a[0].len), &u, &err) < 0) {
		tmpl_fail(x, "unable to parse url: %.*s", (int)err.len, err.buf);
		sb_release(&err);
		return -1;
	}
	sb_release(&err);
	/* Hostname: the host without a valid port, without [] */
	struct str hn = u.host;
	const char *c = mem_last(hn.p, hn.n, ':');
	if (c && valid_optional_port(S(c, hn.n - (size_t)(c - hn.p))))
		hn.n = (size_t)(c - hn.p);
	if (hn.n >= 2 && hn.p[0] == '[' && hn.p[hn.n - 1] == ']')
		hn = S(hn.p + 1, hn.n - 2);
	val m = val_map_new(x->a, 8);
	val_map_set(x->a, m, "scheme", 6, sval(x, u.scheme));
	val_map_set(x->a, m, "host", 4, sval(x, u.host));
	val_map_set(x->a, m, "hostname", 8, sval(x, hn));
	val_map_set(x->a, m, "path", 4, sval(x, u.path));
	val_map_set(x->a, m, "query", 5, sval(x, u.raw_query));
	val_map_set(x->a, m, "opaque", 6, sval(x, u.opaque));
	val_map_set(x->a, m, "fragment", 8, sval(x, u.fragment));
	struct sb ui = SB_INIT;
	if (u.has_user)
		userinfo_string(&ui, &u);
	val_map_set(x->a, m, "userinfo", 8, val_str(x->a, ui.buf, ui.len));
	sb_release(&ui);
	*out = m;
	return 0;
}

/* reflect's Kind name of a dict value (dictGetOrEmpty's panic text). */
static const char *kind_name(val v)
{
	switch (v.kind) {
	case VAL_BOOL: return "bool";
	case VAL_INT:
		return v.gotype == GT_INT ? "int" : v.gotype == GT_UINT64 ? "uint64" :
		       v.gotype == GT_UINT8 ? "uint8" : "int64";
	case VAL_FLOAT: return "float64";
	case VAL_STRING: return v.gotype == GT_BYTES ? "slice" : "string";
	case VAL_LIST: return "slice";
	case VAL_MAP: return v.gotype >= GT_HOST_FIRST ? "struct" : "map";
	default: return "struct";
	}
}

/* dictGetOrEmpty: a missing key is "", a non-string value panics. */
static int dict_get(struct tmpl_exec *x, val d, const char *key, struct str *out)
{
	val v;
	if (!val_map_get(d, key, strlen(key), &v)) {
		*out = S("", 0);
		return 0;
	}
	if (v.kind == VAL_NULL)
		return tmpl_fail(x, "runtime error: invalid memory address or nil pointer dereference");
	if (v.kind != VAL_STRING || v.gotype == GT_BYTES)
		return tmpl_fail(x, "unable to parse %s key, must be of type string, but %s found", key,
				 kind_name(v));
	*out = S(v.u.s, v.len);
	return 0;
}

static int f_url_join(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gourl u;
	memset(&u, 0, sizeof(u));
	struct str ui;
	if (dict_get(x, a[0], "scheme", &u.scheme) < 0 || dict_get(x, a[0], "host", &u.host) < 0 ||
	    dict_get(x, a[0], "path", &u.path) < 0 || dict_get(x, a[0], "query", &u.raw_query) < 0 ||
	    dict_get(x, a[0], "opaque", &u.opaque) < 0 || dict_get(x, a[0], "fragment", &u.fragment) < 0 ||
	    dict_get(x, a[0], "userinfo", &ui) < 0)
		return -1;
	if (ui.n) {
		struct sb raw = SB_INIT, err = SB_INIT;
		struct gourl t;
		sb_adds(&raw, "proto://");
		sb_add(&raw, ui.p, ui.n);
		sb_adds(&raw, "@host");
		char *rp = arena_memdup(x->a, raw.buf, raw.len);
		int rc = url_parse(x->a, S(rp, raw.len), &t, &err);
		sb_release(&raw);
		if (rc < 0) {
			tmpl_fail(x, "unable to parse userinfo in dict: %.*s", (int)err.len, err.buf);
			sb_release(&err);
			return -1;
		}
		sb_release(&err);
		u.has_user = t.has_user;
		u.user = t.user;
		u.pass = t.pass;
		u.pass_set = t.pass_set;
	}
	struct sb b = SB_INIT;
	url_string(x->a, &u, &b);
	*out = val_str(x->a, b.buf, b.len);
	sb_release(&b);
	return 0;
}

const struct tmpl_func fn_url_table[] = {
	{ "urlParse", f_url_parse, 1, false, { TP_STRING } },
	{ "urlJoin", f_url_join, 1, false, { TP_MAP } },
};
const size_t fn_url_count = sizeof(fn_url_table) / sizeof(fn_url_table[0]);
