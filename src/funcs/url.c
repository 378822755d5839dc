/* url.c — Sprig's urlParse and urlJoin (url.go): the dicts they read and
 * build around Go's net/url, which is base/url.c (Parse, Hostname,
 * Userinfo.String, URL.String). */
#include "funcs/funcs.h"

#include <string.h>

#include "base/url.h"

static const struct gourl_str EMPTY = { "", 0 };

static val sval(struct tmpl_exec *x, struct gourl_str s)
{
	return val_str(x->a, s.p, s.n);
}

/* urlParse: url.Parse's fields as a dict */
static int f_url_parse(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gourl u;
	struct sb err = SB_INIT;
	if (gourl_parse(x->a, a[0].u.s, a[0].len, &u, &err) < 0) {
		tmpl_fail(x, "unable to parse url: %.*s", (int)err.len, err.buf);
		sb_release(&err);
		return -1;
	}
	sb_release(&err);
	val m = val_map_new(x->a, 8);
	val_map_set(x->a, m, "scheme", 6, sval(x, u.scheme));
	val_map_set(x->a, m, "host", 4, sval(x, u.host));
	val_map_set(x->a, m, "hostname", 8, sval(x, gourl_hostname(&u)));
	val_map_set(x->a, m, "path", 4, sval(x, u.path));
	val_map_set(x->a, m, "query", 5, sval(x, u.raw_query));
	val_map_set(x->a, m, "opaque", 6, sval(x, u.opaque));
	val_map_set(x->a, m, "fragment", 8, sval(x, u.fragment));
	struct sb ui = SB_INIT;
	if (u.has_user)
		gourl_userinfo_string(&u, &ui);
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
static int dict_get(struct tmpl_exec *x, val d, const char *key, struct gourl_str *out)
{
	val v;
	if (!val_map_get(d, key, strlen(key), &v)) {
		*out = EMPTY;
		return 0;
	}
	if (v.kind == VAL_NULL)
		return tmpl_fail(x, "runtime error: invalid memory address or nil pointer dereference");
	if (v.kind != VAL_STRING || v.gotype == GT_BYTES)
		return tmpl_fail(x, "unable to parse %s key, must be of type string, but %s found", key,
				 kind_name(v));
	out->p = v.u.s;
	out->n = v.len;
	return 0;
}

/* urlJoin: a url.URL from the dict's strings, User from parsing
 * "proto://<userinfo>@host", then URL.String */
static int f_url_join(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gourl u;
	memset(&u, 0, sizeof(u));
	u.raw_path = u.raw_fragment = u.user = u.pass = EMPTY;
	struct gourl_str ui;
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
		int rc = gourl_parse(x->a, rp, raw.len, &t, &err);
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
	gourl_string(&u, &b);
	*out = val_str(x->a, b.buf, b.len);
	sb_release(&b);
	return 0;
}

const struct tmpl_func fn_url_table[] = {
	{ "urlParse", f_url_parse, 1, false, { TP_STRING } },
	{ "urlJoin", f_url_join, 1, false, { TP_MAP } },
};
const size_t fn_url_count = sizeof(fn_url_table) / sizeof(fn_url_table[0]);
