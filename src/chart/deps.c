/* deps.c — Helm 3.17.3's pkg/chartutil/dependencies.go
 * (ProcessDependenciesWithMerge: aliases, tags, conditions, removal of
 * disabled subcharts, import-values), action.CheckDependencies, and the
 * Masterminds semver v3.3.0 range check IsCompatibleRange relies on. */
#include "chart/values.h"

#include "chart/engine.h"

#include <string.h>

#include "base/quote.h"
#include "base/strconv_parse.h"
#include "base/utf8.h"
#include "value/codec.h"

struct str {
	const char *p;
	size_t n;
};

static bool str_eq(struct str a, struct str b)
{
	return a.n == b.n && memcmp(a.p, b.p, a.n) == 0;
}

static struct str field(val m, const char *k)
{
	val v;
	if (m.kind == VAL_MAP && val_map_get(m, k, strlen(k), &v) && v.kind == VAL_STRING)
		return (struct str){ v.u.s, v.len };
	return (struct str){ "", 0 };
}

static struct str name_of(const struct chart *c)
{
	struct str s;
	s.p = chart_name(c, &s.n);
	return s;
}


/* ---- Masterminds semver v3.3.0: NewVersion, NewConstraint, Check ---- */

struct sver {
	uint64_t maj, min, pat;
	const char *pre;
	size_t pren;
};

static bool ident_chars(const char *s, size_t n, bool dots_ok)
{
	if (n == 0)
		return false;
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '.' && dots_ok) {
			if (run == 0)
				return false;
			run = 0;
			continue;
		}
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-'))
			return false;
		run++;
	}
	return run > 0;
}

/* NewVersion (lenient): v?N(.N)?(.N)?(-pre)?(+meta)? */
static bool parse_version(const char *s, size_t n, struct sver *v)
{
	size_t i = 0;
	memset(v, 0, sizeof(*v));
	if (i < n && s[i] == 'v')
		i++;
	uint64_t *parts[3] = { &v->maj, &v->min, &v->pat };
	for (int k = 0; k < 3; k++) {
		if (k > 0) {
			if (i >= n || s[i] != '.')
				break;
			i++;
		}
		size_t st = i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == st || strconv_parse_uint(s + st, i - st, 10, 64, parts[k]) != STRCONV_OK)
			return false;
	}
	if (i < n && s[i] == '-') {
		size_t st = ++i;
		while (i < n && s[i] != '+')
			i++;
		if (!ident_chars(s + st, i - st, true))
			return false;
		v->pre = s + st;
		v->pren = i - st;
		/* validatePrerelease: numeric identifiers without leading zeros */
		size_t a = st;
		for (size_t j = st; j <= i; j++) {
			if (j == i || s[j] == '.') {
				bool num = true;
				for (size_t q = a; q < j; q++)
					num = num && s[q] >= '0' && s[q] <= '9';
				if (num && j - a > 1 && s[a] == '0')
					return false;
				a = j + 1;
			}
		}
	}
	if (i < n && s[i] == '+') {
		i++;
		if (!ident_chars(s + i, n - i, true))
			return false;
		i = n;
	}
	return i == n;
}

static int cmp_u(uint64_t x, uint64_t y)
{
	return x < y ? -1 : x > y ? 1 : 0;
}

static int cmp_pre_part(const char *s, size_t sn, const char *o, size_t on)
{
	if (sn == on && memcmp(s, o, sn) == 0)
		return 0;
	if (sn == 0)
		return on ? -1 : 1;
	if (on == 0)
		return 1;
	uint64_t si, oi;
	bool so = strconv_parse_uint(o, on, 10, 64, &oi) == STRCONV_OK;
	bool ss = strconv_parse_uint(s, sn, 10, 64, &si) == STRCONV_OK;
	if (!so && !ss) {
		size_t m = sn < on ? sn : on;
		int c = memcmp(s, o, m);
		return c > 0 || (c == 0 && sn > on) ? 1 : -1;
	}
	if (!so)
		return -1;
	if (!ss)
		return 1;
	return si > oi ? 1 : -1;
}

static int cmp_pre(const char *s, size_t sn, const char *o, size_t on)
{
	size_t i = 0, j = 0;
	for (;;) {
		bool send = i > sn, oend = j > on;
		if (send && oend)
			return 0;
		size_t a = i, b = j;
		while (i < sn && s[i] != '.')
			i++;
		while (j < on && o[j] != '.')
			j++;
		int d = cmp_pre_part(send ? "" : s + a, send ? 0 : i - a, oend ? "" : o + b, oend ? 0 : j - b);
		if (d)
			return d;
		i++;
		j++;
	}
}

static int vcmp(const struct sver *v, const struct sver *o)
{
	int d;
	if ((d = cmp_u(v->maj, o->maj)) || (d = cmp_u(v->min, o->min)) || (d = cmp_u(v->pat, o->pat)))
		return d;
	if (!v->pren && !o->pren)
		return 0;
	if (!v->pren)
		return 1;
	if (!o->pren)
		return -1;
	return cmp_pre(v->pre, v->pren, o->pre, o->pren);
}

struct scon {
	char op[3];
	struct sver con;
	bool dirty, minor_dirty, patch_dirty;
};

static bool is_x(const char *s, size_t n)
{
	return n == 1 && (*s == 'x' || *s == 'X' || *s == '*');
}

static bool cv_char(char c)
{
	return (c >= '0' && c <= '9') || c == 'x' || c == 'X' || c == '*' || c == '|';
}

static bool pre_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.';
}

/* One "op version" of a constraint (parseConstraint); *i advances. */
static bool parse_con(const char *s, size_t n, size_t *pi, struct scon *c)
{
	static const char *const ops[] = { "!=", ">=", "=>", "<=", "=<", "~>", "=", ">", "<", "~", "^" };
	size_t i = *pi;
	memset(c, 0, sizeof(*c));
	for (size_t k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
		size_t l = strlen(ops[k]);
		if (i + l <= n && memcmp(s + i, ops[k], l) == 0) {
			memcpy(c->op, ops[k], l);
			i += l;
			break;
		}
	}
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < n && s[i] == 'v')
		i++;
	struct str seg[3] = { { "", 0 }, { "", 0 }, { "", 0 } };
	for (int k = 0; k < 3; k++) {
		if (k > 0) {
			if (i + 1 >= n || s[i] != '.' || !cv_char(s[i + 1]))
				break;
			i++;
		}
		size_t st = i;
		while (i < n && cv_char(s[i]))
			i++;
		if (i == st)
			return false;
		seg[k] = (struct str){ s + st, i - st };
	}
	struct str pre = { "", 0 };
	if (i + 1 < n && s[i] == '-' && pre_char(s[i + 1])) {
		size_t st = ++i;
		while (i < n && pre_char(s[i]))
			i++;
		pre = (struct str){ s + st, i - st };
	}
	if (i + 1 < n && s[i] == '+' && pre_char(s[i + 1])) {
		i++;
		while (i < n && pre_char(s[i]))
			i++;
	}
	*pi = i;
	/* wildcards: x, X, * or a missing part make the constraint dirty */
	char buf[128];
	struct sb vs = SB_INIT;
	if (is_x(seg[0].p, seg[0].n)) {
		sb_adds(&vs, "0.0.0");
		c->dirty = true;
	} else if (seg[1].n == 0 || is_x(seg[1].p, seg[1].n)) {
		sb_add(&vs, seg[0].p, seg[0].n);
		sb_adds(&vs, ".0.0");
		c->minor_dirty = c->dirty = true;
	} else if (seg[2].n == 0 || is_x(seg[2].p, seg[2].n)) {
		sb_add(&vs, seg[0].p, seg[0].n);
		sb_addc(&vs, '.');
		sb_add(&vs, seg[1].p, seg[1].n);
		sb_adds(&vs, ".0");
		c->patch_dirty = c->dirty = true;
	} else {
		sb_add(&vs, seg[0].p, seg[0].n);
		sb_addc(&vs, '.');
		sb_add(&vs, seg[1].p, seg[1].n);
		sb_addc(&vs, '.');
		sb_add(&vs, seg[2].p, seg[2].n);
	}
	if (pre.n) {
		sb_addc(&vs, '-');
		sb_add(&vs, pre.p, pre.n);
	}
	bool ok = vs.len < sizeof(buf);
	if (ok) {
		memcpy(buf, vs.buf, vs.len);
		ok = parse_version(buf, vs.len, &c->con);
		if (ok && c->con.pren) {
			/* keep the prerelease bytes: they point into the input */
			c->con.pre = pre.p;
		}
	}
	sb_release(&vs);
	return ok;
}

static bool check_tilde(const struct sver *v, const struct scon *c)
{
	if (v->pren && !c->con.pren)
		return false;
	if (vcmp(v, &c->con) < 0)
		return false;
	if (c->con.maj == 0 && c->con.min == 0 && c->con.pat == 0 && !c->minor_dirty && !c->patch_dirty)
		return true;
	if (v->maj != c->con.maj)
		return false;
	if (v->min != c->con.min && !c->minor_dirty)
		return false;
	return true;
}

static bool check_con(const struct sver *v, const struct scon *c)
{
	const char *op = c->op;
	const struct sver *k = &c->con;
	if (strcmp(op, "!=") == 0) {
		if (c->dirty) {
			if (v->pren && !k->pren)
				return false;
			if (k->maj != v->maj)
				return true;
			if (k->min != v->min && !c->minor_dirty)
				return true;
			if (c->minor_dirty)
				return false;
			if (k->pat != v->pat && !c->patch_dirty)
				return true;
			if (c->patch_dirty) {
				if (v->pren || k->pren)
					return cmp_pre(v->pre, v->pren, k->pre, k->pren) != 0;
				return false;
			}
		}
		return vcmp(v, k) != 0;
	}
	if (v->pren && !k->pren)
		return false;
	if (strcmp(op, ">") == 0) {
		if (!c->dirty)
			return vcmp(v, k) == 1;
		if (v->maj != k->maj)
			return v->maj > k->maj;
		if (c->minor_dirty)
			return false;
		if (c->patch_dirty)
			return v->min > k->min;
		return vcmp(v, k) == 1;
	}
	if (strcmp(op, "<") == 0)
		return vcmp(v, k) < 0;
	if (strcmp(op, ">=") == 0 || strcmp(op, "=>") == 0)
		return vcmp(v, k) >= 0;
	if (strcmp(op, "<=") == 0 || strcmp(op, "=<") == 0) {
		if (!c->dirty)
			return vcmp(v, k) <= 0;
		if (v->maj > k->maj)
			return false;
		if (v->maj == k->maj && v->min > k->min && !c->minor_dirty)
			return false;
		return true;
	}
	if (strcmp(op, "~") == 0 || strcmp(op, "~>") == 0)
		return check_tilde(v, c);
	if (strcmp(op, "^") == 0) {
		if (vcmp(v, k) < 0)
			return false;
		if (k->maj > 0 || c->minor_dirty)
			return v->maj == k->maj;
		if (k->maj == 0 && v->maj > 0)
			return false;
		if (k->min > 0 || c->patch_dirty)
			return v->min == k->min;
		if (k->min == 0 && v->min > 0)
			return false;
		return k->pat == v->pat;
	}
	/* "" and "=" */
	if (c->dirty)
		return check_tilde(v, c);
	return vcmp(v, k) == 0;
}

static bool is_ws(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

bool values_compatible_range(const char *cs, size_t cn, const char *ver, size_t vn)
{
	struct sver v;
	if (!parse_version(ver, vn, &v))
		return false;
	/* NewConstraint: every "||" alternative must parse, or none counts */
	bool any = false, ok_all = true;
	size_t i = 0;
	while (ok_all) {
		size_t end = i;
		while (end < cn && !(end + 1 < cn && cs[end] == '|' && cs[end + 1] == '|'))
			end++;
		bool joy = true, first = true, spaced = false;
		size_t j = i;
		while (j < end && is_ws(cs[j]))
			j++;
		if (j == end)
			ok_all = false;
		while (ok_all && j < end) {
			if (!first) {
				/* separators: whitespace or a comma */
				if (cs[j] == ',') {
					j++;
					while (j < end && is_ws(cs[j]))
						j++;
				} else if (!spaced) {
					ok_all = false;
					break;
				}
				if (j == end) {
					ok_all = cs[j - 1] != ',';
					break;
				}
			}
			struct scon c;
			if (!parse_con(cs, end, &j, &c)) {
				ok_all = false;
				break;
			}
			/* "a - b" ranges (rewriteRange) */
			size_t k = j;
			while (k < end && is_ws(cs[k]))
				k++;
			if (!c.op[0] && k > j && k + 1 < end && cs[k] == '-' && is_ws(cs[k + 1])) {
				while (k + 1 < end && is_ws(cs[k + 1]))
					k++;
				k++;
				struct scon hi;
				if (!parse_con(cs, end, &k, &hi) || hi.op[0]) {
					ok_all = false;
					break;
				}
				memcpy(c.op, ">=", 3);
				memcpy(hi.op, "<=", 3);
				joy = joy && check_con(&v, &c) && check_con(&v, &hi);
				j = k;
			} else {
				joy = joy && check_con(&v, &c);
			}
			size_t before = j;
			while (j < end && is_ws(cs[j]))
				j++;
			spaced = j > before;
			first = false;
		}
		if (ok_all && joy)
			any = true;
		if (end >= cn)
			break;
		i = end + 2;
	}
	return ok_all && any;
}

/* ---- dependencies.go ---- */

static val deps_list(const struct chart *c)
{
	val d;
	if (c->meta.kind == VAL_MAP && val_map_get(c->meta, "dependencies", 12, &d) && d.kind == VAL_LIST)
		return d;
	return val_null();
}

/* SetDependencies: a new slice, each child's parent set to c. */
static void set_deps(struct arena *a, struct chart *c, struct chart **v, size_t n)
{
	struct chart **nv = arena_alloc(a, (n + 1) * sizeof(*nv));
	for (size_t i = 0; i < n; i++) {
		nv[i] = v[i];
		nv[i]->parent = c;
	}
	c->deps = nv;
	c->ndeps = c->capdeps = n;
}

static bool compatible(val req, const struct chart *c)
{
	struct str want = field(req, "version"), have = field(c->meta, "version");
	return values_compatible_range(want.p, want.n, have.p, have.n);
}

/* getAliasDependency: a copy of the first matching chart (Metadata copied
 * one level: the dependency entries stay shared, as Go's pointers do). */
static struct chart *alias_dep(struct arena *a, struct chart *const *charts, size_t n, val req)
{
	struct str rn = field(req, "name");
	for (size_t i = 0; i < n; i++) {
		struct chart *c = charts[i];
		if (!str_eq(name_of(c), rn) || !compatible(req, c))
			continue;
		struct chart *out = arena_alloc(a, sizeof(*out));
		*out = *c;
		val md = val_map_new(a, val_map_len(c->meta));
		for (size_t k = 0; k < val_map_len(c->meta); k++) {
			const struct val_map_entry *e = val_map_entry_at(c->meta, k);
			val_map_set(a, md, e->key, e->klen, e->v);
		}
		out->meta = md;
		struct str alias = field(req, "alias");
		if (alias.n)
			val_map_set(a, md, "name", 4, val_str_ref(alias.p, alias.n));
		return out;
	}
	return NULL;
}

/* Values.Table: the table at a dotted path, or the ErrNoTable key. */
static bool table_at(val v, const char *path, size_t n, val *out, struct str *missing)
{
	size_t i = 0;
	for (;;) {
		size_t j = i;
		while (j < n && path[j] != '.')
			j++;
		val t;
		if (!val_map_get(v, path + i, j - i, &t) || t.kind != VAL_MAP) {
			*missing = (struct str){ path + i, j - i };
			return false;
		}
		v = t;
		if (j >= n)
			break;
		i = j + 1;
	}
	*out = v;
	return true;
}

/* Values.PathValue: a non-table value at a dotted path. */
static bool path_value(val v, const char *path, size_t n, val *out)
{
	const char *dot = NULL;
	for (size_t i = n; i-- > 0;)
		if (path[i] == '.') {
			dot = path + i;
			break;
		}
	val t = v;
	const char *key = path;
	size_t kl = n;
	if (dot) {
		struct str miss;
		if (!table_at(v, path, (size_t)(dot - path), &t, &miss))
			return false;
		key = dot + 1;
		kl = n - (size_t)(dot - path) - 1;
	}
	val x;
	if (!val_map_get(t, key, kl, &x) || x.kind == VAL_MAP)
		return false;
	*out = x;
	return true;
}

static bool go_space(int32_t r)
{
	return r == ' ' || (r >= '\t' && r <= '\r') || r == 0x85 || r == 0xA0 || r == 0x1680 ||
	       (r >= 0x2000 && r <= 0x200a) || r == 0x2028 || r == 0x2029 || r == 0x202f || r == 0x205f ||
	       r == 0x3000;
}

/* strings.TrimSpace */
static struct str trim_space(struct str s)
{
	while (s.n) {
		size_t w;
		if (!go_space(utf8_decode(s.p, s.n, &w)))
			break;
		s.p += w;
		s.n -= w;
	}
	while (s.n) {
		size_t w;
		if (!go_space(utf8_decode_last(s.p, s.n, &w)))
			break;
		s.n -= w;
	}
	return s;
}

static void process_tags(struct arena *a, val reqs, val cvals, struct sb *warn)
{
	val vt;
	struct str miss;
	if (!table_at(cvals, "tags", 4, &vt, &miss))
		return;
	for (size_t i = 0; i < val_list_len(reqs); i++) {
		val r = val_list_at(reqs, i), tags;
		bool has_true = false, has_false = false;
		if (val_map_get(r, "tags", 4, &tags) && tags.kind == VAL_LIST) {
			for (size_t k = 0; k < val_list_len(tags); k++) {
				val t = val_list_at(tags, k), b;
				if (t.kind != VAL_STRING || !val_map_get(vt, t.u.s, t.len, &b))
					continue;
				if (b.kind == VAL_BOOL) {
					if (b.u.b)
						has_true = true;
					else
						has_false = true;
				} else {
					struct str rn = field(r, "name");
					val args[2] = { t, val_str_ref(rn.p, rn.n) };
					values_warnf(a, warn, "dependencies.go:94",
					      "Warning: Tag '%s' for chart %s returned non-bool value", args, 2);
				}
			}
		}
		val_map_set(a, r, "enabled", 7, val_bool(has_true || !has_false));
	}
}

static void process_conditions(struct arena *a, val reqs, val cvals, struct str cpath, struct sb *warn)
{
	struct sb p = SB_INIT;
	for (size_t i = 0; i < val_list_len(reqs); i++) {
		val r = val_list_at(reqs, i);
		struct str cond = trim_space(field(r, "condition"));
		size_t s = 0;
		for (size_t e = 0; e <= cond.n; e++) {
			if (e < cond.n && cond.p[e] != ',')
				continue;
			size_t len = e - s;
			const char *c = cond.p + s;
			s = e + 1;
			if (len == 0)
				continue;
			sb_reset(&p);
			sb_add(&p, cpath.p, cpath.n);
			sb_add(&p, c, len);
			val vv;
			if (!path_value(cvals, p.buf, p.len, &vv))
				continue;
			if (vv.kind == VAL_BOOL) {
				val_map_set(a, r, "enabled", 7, vv);
				break;
			}
			struct str rn = field(r, "name");
			val args[2] = { val_str(a, c, len), val_str_ref(rn.p, rn.n) };
			values_warnf(a, warn, "dependencies.go:63",
			      "Warning: Condition path '%s' for chart %s returned non-bool value", args, 2);
		}
	}
	sb_release(&p);
}

static bool req_enabled(val r)
{
	val e;
	return !val_map_get(r, "enabled", 7, &e) || e.kind != VAL_BOOL || e.u.b;
}

/* processDependencyEnabled */
static int process_enabled(struct arena *a, struct chart *c, val v, struct str path, struct sb *warn,
			   struct sb *err)
{
	val reqs = deps_list(c);
	if (reqs.kind != VAL_LIST)
		return 0;
	size_t nr = val_list_len(reqs);
	struct chart **cds = arena_alloc(a, (c->ndeps + nr + 1) * sizeof(*cds));
	size_t ncd = 0;
	for (size_t i = 0; i < c->ndeps; i++) {
		bool listed = false;
		for (size_t k = 0; k < nr && !listed; k++) {
			val req = val_list_at(reqs, k);
			listed = str_eq(name_of(c->deps[i]), field(req, "name")) && compatible(req, c->deps[i]);
		}
		if (!listed)
			cds[ncd++] = c->deps[i];
	}
	for (size_t k = 0; k < nr; k++) {
		val req = val_list_at(reqs, k);
		if (req.kind != VAL_MAP)
			continue;
		struct chart *cd = alias_dep(a, c->deps, c->ndeps, req);
		if (cd)
			cds[ncd++] = cd;
		struct str alias = field(req, "alias");
		if (alias.n)
			val_map_set(a, req, "name", 4, val_str_ref(alias.p, alias.n));
	}
	set_deps(a, c, cds, ncd);
	for (size_t k = 0; k < nr; k++)
		if (val_list_at(reqs, k).kind == VAL_MAP)
			val_map_set(a, val_list_at(reqs, k), "enabled", 7, val_bool(true));
	val cvals;
	if (values_coalesce(a, c, v, &cvals, warn, err) < 0)
		return -1;
	process_tags(a, reqs, cvals, warn);
	process_conditions(a, reqs, cvals, path, warn);
	/* drop every chart and entry whose name a disabled entry has */
	val rm = val_map_new(a, 0);
	for (size_t k = 0; k < nr; k++) {
		val r = val_list_at(reqs, k);
		if (!req_enabled(r)) {
			struct str rn = field(r, "name");
			val_map_set(a, rm, rn.p, rn.n, val_bool(true));
		}
	}
	struct chart **keep = arena_alloc(a, (c->ndeps + 1) * sizeof(*keep));
	size_t nkeep = 0;
	for (size_t i = 0; i < c->ndeps; i++) {
		struct str n = name_of(c->deps[i]);
		if (!val_map_get(rm, n.p, n.n, NULL))
			keep[nkeep++] = c->deps[i];
	}
	val md = val_list_new(a, nr);
	for (size_t k = 0; k < nr; k++) {
		struct str n = field(val_list_at(reqs, k), "name");
		if (!val_map_get(rm, n.p, n.n, NULL))
			val_list_push(a, md, val_list_at(reqs, k));
	}
	for (size_t i = 0; i < nkeep; i++) {
		struct str n = name_of(keep[i]);
		char *sub = arena_alloc(a, path.n + n.n + 2);
		memcpy(sub, path.p, path.n);
		memcpy(sub + path.n, n.p, n.n);
		sub[path.n + n.n] = '.';
		sub[path.n + n.n + 1] = '\0';
		if (process_enabled(a, keep[i], cvals, (struct str){ sub, path.n + n.n + 1 }, warn, err) < 0)
			return -1;
	}
	/* Metadata.Dependencies = append(nil, kept...): nil when none is left */
	if (val_list_len(md))
		val_map_set(a, c->meta, "dependencies", 12, md);
	else
		val_map_del(c->meta, "dependencies", 12);
	set_deps(a, c, keep, nkeep);
	return 0;
}

/* pathToMap */
static val path_to_map(struct arena *a, struct str path, val data)
{
	if (path.n == 1 && path.p[0] == '.')
		return data;
	val cur = data;
	size_t e = path.n;
	for (size_t i = path.n + 1; i-- > 0;) {
		if (i == 0 || path.p[i - 1] == '.') {
			val m = val_map_new(a, 1);
			val_map_set(a, m, path.p + i, e - i, cur);
			cur = m;
			e = i ? i - 1 : 0;
		}
	}
	return cur;
}

/* Values.AsMap: an empty table becomes a fresh map. */
static val as_map(struct arena *a, val v)
{
	return val_map_len(v) ? v : val_map_new(a, 0);
}

static val child_parent(struct arena *a, struct str child, struct str parent)
{
	val m = val_map_new(a, 2);
	val_map_set(a, m, "child", 5, val_str_ref(child.p, child.n));
	val_map_set(a, m, "parent", 6, val_str_ref(parent.p, parent.n));
	/* map[string]string: a second pass over the same entry skips it */
	return val_typed(m, GT_STRING_MAP);
}

/* processImportValues with merge = true */
static int import_values(struct arena *a, struct chart *c, struct sb *warn, struct sb *err)
{
	val reqs = deps_list(c);
	if (reqs.kind != VAL_LIST)
		return 0;
	val cvals;
	if (values_merge(a, c, val_null(), &cvals, warn, err) < 0)
		return -1;
	val b = val_map_new(a, 0);
	struct sb path = SB_INIT;
	for (size_t i = 0; i < val_list_len(reqs); i++) {
		val r = val_list_at(reqs, i), ivs;
		struct str rn = field(r, "name");
		val outiv = val_list_new(a, 0);
		if (val_map_get(r, "import-values", 13, &ivs) && ivs.kind == VAL_LIST) {
			for (size_t k = 0; k < val_list_len(ivs); k++) {
				val iv = val_list_at(ivs, k);
				struct str child, parent = { ".", 1 };
				/* the type switch knows map[string]interface{} and string
				 * only; entries a previous pass rewrote to map[string]string
				 * (charts copied for aliases share them) drop out */
				bool is_map = iv.kind == VAL_MAP && iv.gotype != GT_STRING_MAP;
				if (is_map) {
					val cv, pv;
					if (!val_map_get(iv, "child", 5, &cv) || cv.kind != VAL_STRING ||
					    !val_map_get(iv, "parent", 6, &pv) || pv.kind != VAL_STRING) {
						/* Go panics on iv["child"].(string) */
						sb_adds(err, "panic: interface conversion: import-values entries need string child and parent");
						sb_release(&path);
						return -1;
					}
					child = (struct str){ cv.u.s, cv.len };
					parent = (struct str){ pv.u.s, pv.len };
				} else if (iv.kind == VAL_STRING) {
					char *s = arena_alloc(a, iv.len + 9);
					memcpy(s, "exports.", 8);
					memcpy(s + 8, iv.u.s, iv.len);
					s[iv.len + 8] = '\0';
					child = (struct str){ s, iv.len + 8 };
				} else {
					continue;
				}
				val_list_push(a, outiv, child_parent(a, child, parent));
				sb_reset(&path);
				sb_add(&path, rn.p, rn.n);
				sb_addc(&path, '.');
				sb_add(&path, child.p, child.n);
				val vv;
				struct str miss;
				if (!table_at(cvals, path.buf, path.len, &vv, &miss)) {
					struct sb e = SB_INIT;
					strconv_append_quote(&e, miss.p, miss.n);
					sb_adds(&e, " is not a table");
					if (is_map) {
						val args[2] = { val_str_ref(rn.p, rn.n), val_str(a, e.buf, e.len) };
						values_warnf(a, warn, "dependencies.go:269",
						      "Warning: ImportValues missing table from chart %s: %v", args, 2);
					} else {
						val arg = val_str(a, e.buf, e.len);
						values_warnf(a, warn, "dependencies.go:286", "Warning: ImportValues missing table: %v",
						      &arg, 1);
					}
					sb_release(&e);
					continue;
				}
				val src = is_map ? path_to_map(a, parent, as_map(a, vv)) : as_map(a, vv);
				b = values_coalesce_tables(a, b, src, true, warn);
			}
		}
		if (val_list_len(outiv))
			val_map_set(a, r, "import-values", 13, outiv);
		else
			val_map_del(r, "import-values", 13);
	}
	sb_release(&path);
	/* imports rank below the chart's own values: b goes under a deep copy */
	cvals = val_copy_deep(a, cvals);
	c->values = values_coalesce_tables(a, cvals, b, true, warn);
	return 0;
}

static int import_deps(struct arena *a, struct chart *c, struct sb *warn, struct sb *err)
{
	for (size_t i = 0; i < c->ndeps; i++)
		if (import_deps(a, c->deps[i], warn, err) < 0)
			return -1;
	return import_values(a, c, warn, err);
}

int values_process_deps(struct arena *a, struct chart *c, val user, struct sb *warn, struct sb *err)
{
	if (process_enabled(a, c, user, (struct str){ "", 0 }, warn, err) < 0)
		return -1;
	return import_deps(a, c, warn, err);
}

int values_check_deps(const struct chart *c, struct sb *err)
{
	val reqs = deps_list(c);
	if (reqs.kind != VAL_LIST)
		return 0;
	bool any = false;
	for (size_t k = 0; k < val_list_len(reqs); k++) {
		struct str rn = field(val_list_at(reqs, k), "name");
		bool found = false;
		for (size_t i = 0; i < c->ndeps && !found; i++)
			found = str_eq(name_of(c->deps[i]), rn);
		if (found)
			continue;
		sb_adds(err, any ? ", " : "found in Chart.yaml, but missing in charts/ directory: ");
		sb_add(err, rn.p, rn.n);
		any = true;
	}
	return any ? -1 : 0;
}
