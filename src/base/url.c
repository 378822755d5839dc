/* url.c — Go 1.23.7's net/url (src/net/url/url.go), see url.h: parse with
 * its escaping checks and error texts, String with EscapedPath and
 * EscapedFragment, ResolveReference with resolvePath. */
#include "base/url.h"

#include <string.h>

#include "base/hex.h"
#include "base/quote.h"

/* url.go's encoding modes */
enum enc { ENC_PATH = 1, ENC_PATH_SEGMENT, ENC_HOST, ENC_ZONE, ENC_USER_PASSWORD, ENC_QUERY, ENC_FRAGMENT };

static const struct gourl_str EMPTY = { "", 0 };

static struct gourl_str S(const char *p, size_t n)
{
	struct gourl_str s = { p, n };
	return s;
}

static bool ishex(char c)
{
	return hex_val((unsigned char)c) >= 0;
}

/* a digit ishex() accepted */
static unsigned char unhex(char c)
{
	return (unsigned char)hex_val((unsigned char)c);
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

static const char upperhex[] = "0123456789ABCDEF";

/* url.escape, appended to b */
static void escape_to(struct sb *b, struct gourl_str s, enum enc mode)
{
	for (size_t i = 0; i < s.n; i++) {
		unsigned char c = (unsigned char)s.p[i];
		if (c == ' ' && mode == ENC_QUERY) {
			sb_addc(b, '+');
		} else if (should_escape(c, mode)) {
			sb_addc(b, '%');
			sb_addc(b, upperhex[c >> 4]);
			sb_addc(b, upperhex[c & 15]);
		} else {
			sb_addc(b, (char)c);
		}
	}
}

/* escape(dec, mode) == enc, without building the escaped text */
static bool escapes_to(struct gourl_str dec, enum enc mode, struct gourl_str enc)
{
	size_t o = 0;
	for (size_t i = 0; i < dec.n; i++) {
		unsigned char c = (unsigned char)dec.p[i];
		if (c == ' ' && mode == ENC_QUERY) {
			if (o >= enc.n || enc.p[o] != '+')
				return false;
			o++;
		} else if (should_escape(c, mode)) {
			if (enc.n - o < 3 || enc.p[o] != '%' || enc.p[o + 1] != upperhex[c >> 4] ||
			    enc.p[o + 2] != upperhex[c & 15])
				return false;
			o += 3;
		} else {
			if (o >= enc.n || (unsigned char)enc.p[o] != c)
				return false;
			o++;
		}
	}
	return o == enc.n;
}

/* unescape(raw, mode) succeeds and equals dec; for the path and fragment
 * modes only (no '+' or host rules) */
static bool unescapes_to(struct gourl_str raw, struct gourl_str dec)
{
	size_t o = 0;
	for (size_t i = 0; i < raw.n; i++) {
		unsigned char c = (unsigned char)raw.p[i];
		if (c == '%') {
			if (i + 2 >= raw.n || !ishex(raw.p[i + 1]) || !ishex(raw.p[i + 2]))
				return false;
			c = (unsigned char)(unhex(raw.p[i + 1]) << 4 | unhex(raw.p[i + 2]));
			i += 2;
		}
		if (o >= dec.n || (unsigned char)dec.p[o] != c)
			return false;
		o++;
	}
	return o == dec.n;
}

static void escape_error(struct sb *err, const char *p, size_t n)
{
	sb_adds(err, "invalid URL escape ");
	strconv_append_quote(err, p, n);
}

/* url.unescape; EscapeError / InvalidHostError texts into err */
static int unescape(struct arena *a, struct gourl_str s, enum enc mode, struct gourl_str *out, struct sb *err)
{
	size_t n = 0;
	bool plus = false;
	for (size_t i = 0; i < s.n;) {
		char c = s.p[i];
		if (c == '%') {
			n++;
			if (i + 2 >= s.n || !ishex(s.p[i + 1]) || !ishex(s.p[i + 2])) {
				escape_error(err, s.p + i, s.n - i > 3 ? 3 : s.n - i);
				return -1;
			}
			if (mode == ENC_HOST && unhex(s.p[i + 1]) < 8 && memcmp(s.p + i, "%25", 3) != 0) {
				escape_error(err, s.p + i, 3);
				return -1;
			}
			if (mode == ENC_ZONE) {
				unsigned char v = (unsigned char)(unhex(s.p[i + 1]) << 4 | unhex(s.p[i + 2]));
				if (memcmp(s.p + i, "%25", 3) != 0 && v != ' ' && should_escape(v, ENC_HOST)) {
					escape_error(err, s.p + i, 3);
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

int gourl_query_unescape(struct arena *a, const char *s, size_t n, struct gourl_str *out, struct sb *err)
{
	return unescape(a, S(s, n), ENC_QUERY, out, err);
}

static const char *mem_last(const char *p, size_t n, char c)
{
	return n ? memrchr(p, c, n) : NULL;
}

/* port is "" or matches ^:\d*$ */
static bool valid_optional_port(struct gourl_str port)
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

static int bad_port(struct gourl_str port, struct sb *err)
{
	sb_adds(err, "invalid port ");
	strconv_append_quote(err, port.p, port.n);
	sb_adds(err, " after host");
	return -1;
}

/* parseHost: host[:port], an IP-literal with an RFC 6874 zone allowed */
static int parse_host(struct arena *a, struct gourl_str host, struct gourl_str *out, struct sb *err)
{
	if (host.n && host.p[0] == '[') {
		const char *rb = mem_last(host.p, host.n, ']');
		if (!rb) {
			sb_adds(err, "missing ']' in host");
			return -1;
		}
		size_t i = (size_t)(rb - host.p);
		struct gourl_str cp = S(host.p + i + 1, host.n - i - 1);
		if (!valid_optional_port(cp))
			return bad_port(cp, err);
		const char *z = memmem(host.p, i, "%25", 3);
		if (z) {
			size_t zi = (size_t)(z - host.p);
			struct gourl_str h1, h2, h3;
			if (unescape(a, S(host.p, zi), ENC_HOST, &h1, err) < 0 ||
			    unescape(a, S(host.p + zi, i - zi), ENC_ZONE, &h2, err) < 0 ||
			    unescape(a, S(host.p + i, host.n - i), ENC_HOST, &h3, err) < 0)
				return -1;
			char *t = arena_alloc(a, h1.n + h2.n + h3.n + 1);
			memcpy(t, h1.p, h1.n);
			memcpy(t + h1.n, h2.p, h2.n);
			memcpy(t + h1.n + h2.n, h3.p, h3.n);
			t[h1.n + h2.n + h3.n] = 0;
			*out = S(t, h1.n + h2.n + h3.n);
			return 0;
		}
	} else {
		const char *c = mem_last(host.p, host.n, ':');
		if (c) {
			struct gourl_str cp = S(c, host.n - (size_t)(c - host.p));
			if (!valid_optional_port(cp))
				return bad_port(cp, err);
		}
	}
	return unescape(a, host, ENC_HOST, out, err);
}

static bool valid_userinfo(struct gourl_str s)
{
	for (size_t i = 0; i < s.n; i++) {
		unsigned char c = (unsigned char)s.p[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			continue;
		if (c && strchr("-._:~!$&'()*+,;=%@", c))
			continue;
		return false;
	}
	return true;
}

static int parse_authority(struct arena *a, struct gourl_str auth, struct gourl *u, struct sb *err)
{
	const char *at = mem_last(auth.p, auth.n, '@');
	size_t i = at ? (size_t)(at - auth.p) : 0;
	struct gourl_str hp = at ? S(auth.p + i + 1, auth.n - i - 1) : auth;
	if (parse_host(a, hp, &u->host, err) < 0)
		return -1;
	if (!at)
		return 0;
	struct gourl_str ui = S(auth.p, i);
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

/* URL.setPath: Path decoded, RawPath only when the default encoding differs;
 * p must outlive u */
static int set_path(struct arena *a, struct gourl *u, struct gourl_str p, struct sb *err)
{
	if (unescape(a, p, ENC_PATH, &u->path, err) < 0)
		return -1;
	u->raw_path = escapes_to(u->path, ENC_PATH, p) ? EMPTY : p;
	return 0;
}

/* net/url's parse(rawURL, viaRequest) */
static int parse(struct arena *a, struct gourl_str raw, bool via_request, struct gourl *u, struct sb *err)
{
	for (size_t i = 0; i < raw.n; i++) {
		unsigned char b = (unsigned char)raw.p[i];
		if (b < ' ' || b == 0x7f) {
			sb_adds(err, "net/url: invalid control character in URL");
			return -1;
		}
	}
	if (raw.n == 0 && via_request) {
		sb_adds(err, "empty url");
		return -1;
	}
	if (raw.n == 1 && raw.p[0] == '*') {
		u->path = raw;
		return 0;
	}
	struct gourl_str rest = raw;
	for (size_t i = 0; i < raw.n; i++) { /* getScheme */
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
	if (q && q == rest.p + rest.n - 1) { /* one '?', at the end */
		u->force_query = true;
		rest.n--;
	} else if (q) {
		size_t qi = (size_t)(q - rest.p);
		u->raw_query = S(q + 1, rest.n - qi - 1);
		rest.n = qi;
	}
	bool slash = rest.n && rest.p[0] == '/';
	if (!slash) {
		if (u->scheme.n) { /* rootless paths are opaque (RFC 3986) */
			u->opaque = rest;
			return 0;
		}
		if (via_request) {
			sb_adds(err, "invalid URI for request");
			return -1;
		}
		const char *sl = memchr(rest.p, '/', rest.n);
		size_t seg = sl ? (size_t)(sl - rest.p) : rest.n;
		if (memchr(rest.p, ':', seg)) {
			sb_adds(err, "first path segment in URL cannot contain colon");
			return -1;
		}
	}
	bool two = rest.n >= 2 && rest.p[0] == '/' && rest.p[1] == '/';
	bool three = two && rest.n >= 3 && rest.p[2] == '/';
	if ((u->scheme.n || !three) && two) {
		struct gourl_str auth = S(rest.p + 2, rest.n - 2);
		const char *sl = memchr(auth.p, '/', auth.n);
		if (sl) {
			size_t ai = (size_t)(sl - auth.p);
			rest = S(sl, auth.n - ai);
			auth.n = ai;
		} else {
			rest = EMPTY;
		}
		if (parse_authority(a, auth, u, err) < 0)
			return -1;
	} else if (u->scheme.n && slash) {
		u->omit_host = true; /* golang.org/issue/46059 */
	}
	return set_path(a, u, rest, err);
}

static void url_init(struct gourl *u)
{
	memset(u, 0, sizeof(*u));
	u->scheme = u->opaque = u->host = u->path = u->raw_path = u->raw_query = u->fragment = u->raw_fragment = EMPTY;
	u->user = u->pass = EMPTY;
}

/* *url.Error with Op "parse" */
static void parse_error(struct sb *err, struct gourl_str quoted, const struct sb *e)
{
	sb_adds(err, "parse ");
	strconv_append_quote(err, quoted.p, quoted.n);
	sb_adds(err, ": ");
	sb_add(err, e->buf, e->len);
}

int gourl_parse_request_uri(struct arena *a, const char *raw, size_t n, struct gourl *out, struct sb *err)
{
	struct gourl u;
	url_init(&u);
	struct sb e = SB_INIT;
	int rc = parse(a, S(raw, n), true, &u, &e);
	if (rc < 0)
		parse_error(err, S(raw, n), &e);
	else
		*out = u;
	sb_release(&e);
	return rc;
}

int gourl_parse(struct arena *a, const char *raw, size_t n, struct gourl *out, struct sb *err)
{
	struct gourl u;
	url_init(&u);
	const char *h = memchr(raw, '#', n);
	struct gourl_str before = S(raw, h ? (size_t)(h - raw) : n), quoted = before;
	struct sb e = SB_INIT;
	int rc = parse(a, before, false, &u, &e);
	if (rc == 0 && h && n - (size_t)(h - raw) > 1) { /* URL.setFragment */
		struct gourl_str f = S(h + 1, n - (size_t)(h - raw) - 1);
		rc = unescape(a, f, ENC_FRAGMENT, &u.fragment, &e);
		if (rc == 0)
			u.raw_fragment = escapes_to(u.fragment, ENC_FRAGMENT, f) ? EMPTY : f;
		quoted = S(raw, n);
	}
	if (rc < 0) {
		parse_error(err, quoted, &e);
	} else {
		*out = u;
	}
	sb_release(&e);
	return rc;
}

/* validEncoded: no byte that escape would have escaped, sub-delims aside */
static bool valid_encoded(struct gourl_str s, enum enc mode)
{
	for (size_t i = 0; i < s.n; i++) {
		unsigned char c = (unsigned char)s.p[i];
		if (c && strchr("!$&'()*+,;=:@[]%", c))
			continue;
		if (should_escape(c, mode))
			return false;
	}
	return true;
}

void gourl_userinfo_string(const struct gourl *u, struct sb *out)
{
	escape_to(out, u->user, ENC_USER_PASSWORD);
	if (u->pass_set) {
		sb_addc(out, ':');
		escape_to(out, u->pass, ENC_USER_PASSWORD);
	}
}

/* EscapedPath / EscapedFragment keep the raw form when it is a valid
 * encoding of the decoded one */
static bool raw_usable(struct gourl_str raw, struct gourl_str dec, enum enc mode)
{
	return raw.n && valid_encoded(raw, mode) && unescapes_to(raw, dec);
}

static void escaped_path_to(const struct gourl *u, struct sb *out)
{
	if (raw_usable(u->raw_path, u->path, ENC_PATH))
		sb_add(out, u->raw_path.p, u->raw_path.n);
	else if (u->path.n == 1 && u->path.p[0] == '*')
		sb_addc(out, '*'); /* Issue 11202 */
	else
		escape_to(out, u->path, ENC_PATH);
}

void gourl_string(const struct gourl *u, struct sb *out)
{
	size_t start = out->len;
	if (u->scheme.n) {
		sb_add(out, u->scheme.p, u->scheme.n);
		sb_addc(out, ':');
	}
	if (u->opaque.n) {
		sb_add(out, u->opaque.p, u->opaque.n);
	} else {
		if ((u->scheme.n || u->host.n || u->has_user) && !(u->omit_host && !u->host.n && !u->has_user)) {
			if (u->host.n || u->path.n || u->has_user)
				sb_adds(out, "//");
			if (u->has_user) {
				gourl_userinfo_string(u, out);
				sb_addc(out, '@');
			}
			escape_to(out, u->host, ENC_HOST);
		}
		/* the checks below read the escaped path; escaping keeps '/' and ':' */
		bool raw = raw_usable(u->raw_path, u->path, ENC_PATH);
		struct gourl_str p = raw ? u->raw_path : u->path;
		if (p.n && p.p[0] != '/' && u->host.n)
			sb_addc(out, '/');
		if (out->len == start && p.n) { /* RFC 3986 §4.2: "./this:that" */
			const char *sl = memchr(p.p, '/', p.n);
			if (memchr(p.p, ':', sl ? (size_t)(sl - p.p) : p.n))
				sb_adds(out, "./");
		}
		if (raw)
			sb_add(out, p.p, p.n);
		else
			escaped_path_to(u, out);
	}
	if (u->force_query || u->raw_query.n) {
		sb_addc(out, '?');
		sb_add(out, u->raw_query.p, u->raw_query.n);
	}
	if (u->fragment.n) {
		sb_addc(out, '#');
		if (raw_usable(u->raw_fragment, u->fragment, ENC_FRAGMENT))
			sb_add(out, u->raw_fragment.p, u->raw_fragment.n);
		else
			escape_to(out, u->fragment, ENC_FRAGMENT);
	}
}

/* resolvePath: merge base and ref, then drop "." and ".." segments
 * (RFC 3986 §5.2.2-4); the result goes to dst */
static void resolve_path(struct gourl_str base, struct gourl_str ref, struct sb *dst)
{
	struct sb full = SB_INIT;
	if (ref.n == 0) {
		sb_add(&full, base.p, base.n);
	} else if (ref.p[0] != '/') {
		const char *sl = mem_last(base.p, base.n, '/');
		sb_add(&full, base.p, sl ? (size_t)(sl - base.p) + 1 : 0);
		sb_add(&full, ref.p, ref.n);
	} else {
		sb_add(&full, ref.p, ref.n);
	}
	if (full.len == 0) {
		sb_release(&full);
		return;
	}
	size_t d0 = dst->len; /* dst->buf[d0] is the leading '/' written first */
	sb_addc(dst, '/');
	bool first = true, found = true;
	const char *rem = full.buf, *end = full.buf + full.len;
	struct gourl_str elem = EMPTY;
	while (found) {
		const char *sl = memchr(rem, '/', (size_t)(end - rem));
		found = sl != NULL;
		elem = S(rem, found ? (size_t)(sl - rem) : (size_t)(end - rem));
		rem = found ? sl + 1 : end;
		if (elem.n == 1 && elem.p[0] == '.') {
			first = false;
			continue;
		}
		if (elem.n == 2 && elem.p[0] == '.' && elem.p[1] == '.') {
			const char *sl2 = mem_last(dst->buf + d0 + 1, dst->len - d0 - 1, '/');
			if (!sl2) {
				sb_setlen(dst, d0 + 1);
				first = true;
			} else {
				sb_setlen(dst, (size_t)(sl2 - dst->buf));
			}
		} else {
			if (!first)
				sb_addc(dst, '/');
			sb_add(dst, elem.p, elem.n);
			first = false;
		}
	}
	if ((elem.n == 1 && elem.p[0] == '.') || (elem.n == 2 && elem.p[0] == '.' && elem.p[1] == '.'))
		sb_addc(dst, '/');
	if (dst->len - d0 > 1 && dst->buf[d0 + 1] == '/') { /* no "//" from the leading '/' */
		memmove(dst->buf + d0, dst->buf + d0 + 1, dst->len - d0 - 1);
		sb_setlen(dst, dst->len - 1);
	}
	sb_release(&full);
}

/* url.setPath(resolvePath(base.EscapedPath(), ref.EscapedPath())); the
 * escaped paths always decode, so setPath cannot fail */
static void set_resolved_path(struct arena *a, struct gourl *r, const struct gourl *base, const struct gourl *ref)
{
	struct sb bp = SB_INIT, rp = SB_INIT, res = SB_INIT, e = SB_INIT;
	escaped_path_to(base, &bp);
	if (ref)
		escaped_path_to(ref, &rp);
	resolve_path(S(bp.buf, bp.len), S(rp.buf, rp.len), &res);
	if (set_path(a, r, S(arena_memdup(a, res.buf, res.len), res.len), &e) < 0) {
		r->path = EMPTY; /* unreachable: kept like Go, which ignores the error */
		r->raw_path = EMPTY;
	}
	sb_release(&bp);
	sb_release(&rp);
	sb_release(&res);
	sb_release(&e);
}

static void drop_user(struct gourl *r)
{
	r->has_user = r->pass_set = false;
	r->user = r->pass = EMPTY;
}

void gourl_resolve(struct arena *a, const struct gourl *u, const struct gourl *ref, struct gourl *out)
{
	struct gourl r = *ref;
	if (!ref->scheme.n)
		r.scheme = u->scheme;
	if (ref->scheme.n || ref->host.n || ref->has_user) { /* absoluteURI or net_path */
		set_resolved_path(a, &r, ref, NULL);
		*out = r;
		return;
	}
	if (ref->opaque.n) {
		drop_user(&r);
		r.host = r.path = EMPTY;
		*out = r;
		return;
	}
	if (!ref->path.n && !ref->force_query && !ref->raw_query.n) {
		r.raw_query = u->raw_query;
		if (!ref->fragment.n) {
			r.fragment = u->fragment;
			r.raw_fragment = u->raw_fragment;
		}
	}
	if (!ref->path.n && u->opaque.n) {
		r.opaque = u->opaque;
		drop_user(&r);
		r.host = r.path = EMPTY;
		*out = r;
		return;
	}
	/* abs_path or rel_path */
	r.host = u->host;
	r.has_user = u->has_user;
	r.pass_set = u->pass_set;
	r.user = u->user;
	r.pass = u->pass;
	set_resolved_path(a, &r, u, ref);
	*out = r;
}

struct gourl_str gourl_hostname(const struct gourl *u)
{
	struct gourl_str h = u->host;
	const char *c = mem_last(h.p, h.n, ':');
	if (c && valid_optional_port(S(c, h.n - (size_t)(c - h.p))))
		h.n = (size_t)(c - h.p);
	if (h.n >= 2 && h.p[0] == '[' && h.p[h.n - 1] == ']')
		h = S(h.p + 1, h.n - 2);
	return h;
}
