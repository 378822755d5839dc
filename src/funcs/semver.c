/* semver.c — Sprig's semver and semverCompare on Masterminds/semver v3.3.0:
 * NewVersion's loose parse, NewConstraint (hyphen ranges rewritten, "||"
 * alternatives, AND lists) and the constraint checks, with the library's
 * error texts.  Its regular expressions are matched by hand: each one is
 * deterministic under Go's leftmost-first rules (see the comments). */
#include <stdint.h>
#include <string.h>

#include "base/sb.h"
#include "base/strconv.h"
#include "base/strconv_parse.h"
#include "funcs/fn_numbers.h"
#include "funcs/funcs.h"

struct sv_str {
	const char *p;
	size_t n;
};

struct semver {
	uint64_t major, minor, patch;
	struct sv_str pre, meta, orig;
};

static bool str_eq(struct sv_str a, struct sv_str b)
{
	return a.n == b.n && memcmp(a.p, b.p, a.n) == 0;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* [0-9A-Za-z-]: a prerelease or metadata identifier byte */
static bool is_ident(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

/* [0-9|x|X|\*]: a constraint version part byte ('|' is literal there) */
static bool is_cpart(char c)
{
	return is_digit(c) || c == '|' || c == 'x' || c == 'X' || c == '*';
}

/* Go's regexp \s: [\t\n\f\r ] (no \v) */
static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* ident(\.ident)* from s[i]; returns the end, or i when nothing matches. */
static size_t scan_idents(const char *s, size_t n, size_t i)
{
	if (i >= n || !is_ident(s[i]))
		return i;
	while (i < n && is_ident(s[i]))
		i++;
	while (i + 1 < n && s[i] == '.' && is_ident(s[i + 1])) {
		i++;
		while (i < n && is_ident(s[i]))
			i++;
	}
	return i;
}

/* ---- versions ---- */

static const char err_invalid[] = "Invalid Semantic Version";
static const char err_zero[] = "Version segment starts with 0";
static const char err_pre[] = "Invalid Prerelease string";
static const char err_meta[] = "Invalid Metadata string";

/* validatePrerelease: numeric identifiers without leading zeros (an empty
 * identifier counts as numeric and passes). */
static const char *validate_pre(struct sv_str p)
{
	size_t i = 0;
	while (i <= p.n) {
		size_t j = i;
		while (j < p.n && p.p[j] != '.')
			j++;
		bool num = true, ok = true;
		for (size_t k = i; k < j; k++) {
			num = num && is_digit(p.p[k]);
			ok = ok && is_ident(p.p[k]);
		}
		if (num) {
			if (j - i > 1 && p.p[i] == '0')
				return err_zero;
		} else if (!ok) {
			return err_pre;
		}
		i = j + 1;
	}
	return NULL;
}

static const char *validate_meta(struct sv_str p)
{
	for (size_t k = 0; k < p.n; k++)
		if (p.p[k] != '.' && !is_ident(p.p[k]))
			return err_meta;
	return NULL;
}

/* strconv.ParseUint(s, 10, 64) of a digit run; on overflow the wrapped
 * NewVersion error text goes to err. */
static bool parse_segment(const char *p, size_t n, uint64_t *out, struct sb *err)
{
	if (strconv_parse_uint(p, n, 10, 64, out) == STRCONV_OK)
		return true;
	sb_adds(err, "Error parsing version segment: strconv.ParseUint: parsing ");
	sb_addc(err, '"');
	sb_add(err, p, n);
	sb_adds(err, "\": value out of range");
	return false;
}

/* NewVersion: ^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-(ids))?(\+(ids))?$ —
 * every part starts with its own byte, so the greedy scan is the match. */
static bool semver_parse(const char *s, size_t n, struct semver *v, struct sb *err)
{
	memset(v, 0, sizeof(*v));
	v->orig = (struct sv_str){ s, n };
	size_t i = 0;
	if (i < n && s[i] == 'v')
		i++;
	size_t d0 = i;
	while (i < n && is_digit(s[i]))
		i++;
	if (i == d0) {
		sb_adds(err, err_invalid);
		return false;
	}
	size_t seg[3][2] = { { d0, i }, { 0, 0 }, { 0, 0 } };
	for (int k = 1; k < 3 && i + 1 < n && s[i] == '.' && is_digit(s[i + 1]); k++) {
		seg[k][0] = ++i;
		while (i < n && is_digit(s[i]))
			i++;
		seg[k][1] = i;
	}
	if (i + 1 < n && s[i] == '-' && is_ident(s[i + 1])) {
		size_t e = scan_idents(s, n, i + 1);
		v->pre = (struct sv_str){ s + i + 1, e - i - 1 };
		i = e;
	}
	if (i + 1 < n && s[i] == '+' && is_ident(s[i + 1])) {
		size_t e = scan_idents(s, n, i + 1);
		v->meta = (struct sv_str){ s + i + 1, e - i - 1 };
		i = e;
	}
	if (i != n) {
		sb_adds(err, err_invalid);
		return false;
	}
	uint64_t *dst[3] = { &v->major, &v->minor, &v->patch };
	for (int k = 0; k < 3; k++)
		if (seg[k][1] > seg[k][0] && !parse_segment(s + seg[k][0], seg[k][1] - seg[k][0], dst[k], err))
			return false;
	const char *e = NULL;
	if (v->pre.n)
		e = validate_pre(v->pre);
	if (!e && v->meta.n)
		e = validate_meta(v->meta);
	if (e) {
		sb_adds(err, e);
		return false;
	}
	return true;
}

static int cmp_u64(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

/* comparePrePart: numbers sort before words, equal-valued numbers with
 * different spellings ("1" vs "01") compare as less, as the library does. */
static int compare_pre_part(struct sv_str s, struct sv_str o)
{
	if (str_eq(s, o))
		return 0;
	if (s.n == 0)
		return -1;
	if (o.n == 0)
		return 1;
	uint64_t oi = 0, si = 0;
	bool n1 = strconv_parse_uint(o.p, o.n, 10, 64, &oi) != STRCONV_OK;
	bool n2 = strconv_parse_uint(s.p, s.n, 10, 64, &si) != STRCONV_OK;
	if (n1 && n2) {
		size_t m = s.n < o.n ? s.n : o.n;
		int c = memcmp(s.p, o.p, m);
		return (c > 0 || (c == 0 && s.n > o.n)) ? 1 : -1;
	}
	if (n1)
		return -1;
	if (n2)
		return 1;
	return si > oi ? 1 : -1;
}

static int compare_pre(struct sv_str a, struct sv_str b)
{
	size_t i = 0, j = 0;
	bool adone = false, bdone = false;
	while (!adone || !bdone) {
		struct sv_str x = { "", 0 }, y = { "", 0 };
		if (!adone) {
			size_t e = i;
			while (e < a.n && a.p[e] != '.')
				e++;
			x = (struct sv_str){ a.p + i, e - i };
			adone = e >= a.n;
			i = e + 1;
		}
		if (!bdone) {
			size_t e = j;
			while (e < b.n && b.p[e] != '.')
				e++;
			y = (struct sv_str){ b.p + j, e - j };
			bdone = e >= b.n;
			j = e + 1;
		}
		int d = compare_pre_part(x, y);
		if (d)
			return d;
	}
	return 0;
}

static int semver_compare(const struct semver *v, const struct semver *o)
{
	int d = cmp_u64(v->major, o->major);
	if (!d)
		d = cmp_u64(v->minor, o->minor);
	if (!d)
		d = cmp_u64(v->patch, o->patch);
	if (d)
		return d;
	if (!v->pre.n && !o->pre.n)
		return 0;
	if (!v->pre.n)
		return 1;
	if (!o->pre.n)
		return -1;
	return compare_pre(v->pre, o->pre);
}

/* Version.String(): major.minor.patch[-pre][+meta] */
static void semver_string(const struct semver *v, struct sb *out)
{
	strconv_format_uint(out, v->major, 10);
	sb_addc(out, '.');
	strconv_format_uint(out, v->minor, 10);
	sb_addc(out, '.');
	strconv_format_uint(out, v->patch, 10);
	if (v->pre.n) {
		sb_addc(out, '-');
		sb_add(out, v->pre.p, v->pre.n);
	}
	if (v->meta.n) {
		sb_addc(out, '+');
		sb_add(out, v->meta.p, v->meta.n);
	}
}

int fn_semver_canonical(const char *s, size_t n, struct sb *out, uint64_t *major, uint64_t *minor, struct sb *err)
{
	struct semver v;
	if (!semver_parse(s, n, &v, err))
		return -1;
	semver_string(&v, out);
	*major = v.major;
	*minor = v.minor;
	return 0;
}

/* ---- constraints ---- */

enum cop { OP_TILDE_EQ, OP_NE, OP_GT, OP_LT, OP_GE, OP_LE, OP_TILDE, OP_CARET };

struct constraint {
	enum cop op;
	struct semver con;
	bool dirty, minor_dirty, patch_dirty;
};

/* The operators of constraintOps; NULL ends the table. */
static const struct {
	const char *s;
	enum cop op;
} ops[] = {
	{ "", OP_TILDE_EQ }, { "=", OP_TILDE_EQ }, { "!=", OP_NE }, { ">", OP_GT },   { "<", OP_LT },
	{ ">=", OP_GE },     { "=>", OP_GE },      { "<=", OP_LE }, { "=<", OP_LE },  { "~", OP_TILDE },
	{ "~>", OP_TILDE },  { "^", OP_CARET },    { NULL, 0 },
};

static bool is_opchar(char c)
{
	return c == '=' || c == '!' || c == '<' || c == '>' || c == '~' || c == '^';
}

/* The parts of one cvRegex match:
 * v?([0-9|x|X|\*]+)(\.part)?(\.part)?(-(ids))?(\+(ids))? */
struct cv {
	size_t start, end;           /* whole match (m[2]) */
	size_t a1, a1e, a2, a2e, a3, a3e; /* parts; a2/a3 include their dot */
	size_t pre, pree;            /* "-pre" including the dash */
};

/* cvRegex at s[i]; false when it does not match there.  Greedy and
 * deterministic: each optional part starts with a byte no earlier part
 * may end with, and what follows a version is never a version byte. */
static bool scan_cv(const char *s, size_t n, size_t i, struct cv *c)
{
	memset(c, 0, sizeof(*c));
	c->start = i;
	if (i < n && s[i] == 'v')
		i++;
	if (i >= n || !is_cpart(s[i]))
		return false;
	c->a1 = i;
	while (i < n && is_cpart(s[i]))
		i++;
	c->a1e = i;
	c->a2 = c->a2e = c->a3 = c->a3e = i;
	if (i + 1 < n && s[i] == '.' && is_cpart(s[i + 1])) {
		c->a2 = i++;
		while (i < n && is_cpart(s[i]))
			i++;
		c->a2e = i;
		c->a3 = c->a3e = i;
		if (i + 1 < n && s[i] == '.' && is_cpart(s[i + 1])) {
			c->a3 = i++;
			while (i < n && is_cpart(s[i]))
				i++;
			c->a3e = i;
		}
	}
	c->pre = c->pree = i;
	if (i + 1 < n && s[i] == '-' && is_ident(s[i + 1])) {
		c->pre = i;
		i = scan_idents(s, n, i + 1);
		c->pree = i;
	}
	if (i + 1 < n && s[i] == '+' && is_ident(s[i + 1]))
		i = scan_idents(s, n, i + 1);
	c->end = i;
	return true;
}

static bool is_x(const char *p, size_t n)
{
	return n == 1 && (p[0] == 'x' || p[0] == 'X' || p[0] == '*');
}

/* rewriteRange: every `\s*(cv)\s+-\s+(cv)\s*` (leftmost, non-overlapping)
 * becomes ">= A, <= B " by replacing its first occurrence in the string
 * rewritten so far, exactly as strings.Replace(o, match, t, 1) does. */
static void rewrite_range(const char *s, size_t n, struct sb *out)
{
	sb_add(out, s, n);
	struct sb t = SB_INIT, tmp = SB_INIT;
	size_t pos = 0;
	while (pos < n) {
		size_t start, end = 0;
		struct cv c1, c2;
		bool found = false;
		for (start = pos; start < n && !found; start++) {
			size_t i = start;
			while (i < n && is_space(s[i]))
				i++;
			if (!scan_cv(s, n, i, &c1))
				continue;
			i = c1.end;
			size_t w = i;
			while (i < n && is_space(s[i]))
				i++;
			if (i == w || i >= n || s[i] != '-')
				continue;
			w = ++i;
			while (i < n && is_space(s[i]))
				i++;
			if (i == w || !scan_cv(s, n, i, &c2))
				continue;
			i = c2.end;
			while (i < n && is_space(s[i]))
				i++;
			end = i;
			found = true;
			break;
		}
		if (!found)
			break;
		sb_reset(&t);
		sb_adds(&t, ">= ");
		sb_add(&t, s + c1.start, c1.end - c1.start);
		sb_adds(&t, ", <= ");
		sb_add(&t, s + c2.start, c2.end - c2.start);
		sb_addc(&t, ' ');
		const char *m = s + start;
		size_t mlen = end - start;
		const char *hit = memmem(out->buf, out->len, m, mlen);
		if (hit) {
			size_t off = (size_t)(hit - out->buf);
			sb_reset(&tmp);
			sb_add(&tmp, out->buf, off);
			sb_add(&tmp, t.buf, t.len);
			sb_add(&tmp, hit + mlen, out->len - off - mlen);
			sb_reset(out);
			sb_add(out, tmp.buf, tmp.len);
		}
		pos = end;
	}
	sb_release(&t);
	sb_release(&tmp);
}

/* parseConstraint for one (op, cv) token of a validated segment.  Returns
 * false for "constraint Parser Error" (the version NewVersion rejects). */
static bool parse_constraint(const char *s, size_t n, int opi, const struct cv *c, struct constraint *out,
			     struct sb *scratch)
{
	out->op = ops[opi].op;
	out->dirty = out->minor_dirty = out->patch_dirty = false;
	const char *pre = s + c->pre;
	size_t npre = c->pree - c->pre;
	sb_reset(scratch);
	if (is_x(s + c->a1, c->a1e - c->a1)) {
		sb_adds(scratch, "0.0.0");
		out->dirty = true;
	} else if (c->a2e == c->a2 || is_x(s + c->a2 + 1, c->a2e - c->a2 - 1)) {
		sb_add(scratch, s + c->a1, c->a1e - c->a1);
		sb_adds(scratch, ".0.0");
		out->dirty = out->minor_dirty = true;
	} else if (c->a3e == c->a3 || is_x(s + c->a3 + 1, c->a3e - c->a3 - 1)) {
		sb_add(scratch, s + c->a1, c->a2e - c->a1);
		sb_adds(scratch, ".0");
		out->dirty = out->patch_dirty = true;
	} else {
		sb_add(scratch, s + c->start, c->end - c->start);
		npre = 0;
	}
	sb_add(scratch, pre, npre);
	struct sb err = SB_INIT;
	/* the version must outlive scratch: callers copy what they keep */
	bool ok = semver_parse(scratch->buf, scratch->len, &out->con, &err);
	sb_release(&err);
	return ok;
}

/* The library's check functions, results only (the reasons are dropped
 * by Constraints.Check). */
static bool check_tilde(const struct semver *v, const struct constraint *c)
{
	if (v->pre.n && !c->con.pre.n)
		return false;
	if (semver_compare(v, &c->con) < 0)
		return false;
	if (!c->con.major && !c->con.minor && !c->con.patch && !c->minor_dirty && !c->patch_dirty)
		return true;
	if (v->major != c->con.major)
		return false;
	if (v->minor != c->con.minor && !c->minor_dirty)
		return false;
	return true;
}

static bool check(const struct semver *v, const struct constraint *c)
{
	const struct semver *k = &c->con;
	bool pre_block = v->pre.n && !k->pre.n;
	switch (c->op) {
	case OP_TILDE_EQ:
		if (pre_block)
			return false;
		if (c->dirty)
			return check_tilde(v, c);
		return semver_compare(v, k) == 0;
	case OP_NE:
		if (c->dirty) {
			if (pre_block)
				return false;
			if (k->major != v->major)
				return true;
			if (k->minor != v->minor && !c->minor_dirty)
				return true;
			else if (c->minor_dirty)
				return false;
			else if (k->patch != v->patch && !c->patch_dirty)
				return true;
			else if (c->patch_dirty) {
				if (v->pre.n || k->pre.n)
					return compare_pre(v->pre, k->pre) != 0;
				return false;
			}
		}
		return semver_compare(v, k) != 0;
	case OP_GT:
		if (pre_block)
			return false;
		if (!c->dirty)
			return semver_compare(v, k) == 1;
		if (v->major > k->major)
			return true;
		if (v->major < k->major || c->minor_dirty)
			return false;
		if (c->patch_dirty)
			return v->minor > k->minor;
		return semver_compare(v, k) == 1;
	case OP_LT:
		return !pre_block && semver_compare(v, k) < 0;
	case OP_GE:
		return !pre_block && semver_compare(v, k) >= 0;
	case OP_LE:
		if (pre_block)
			return false;
		if (!c->dirty)
			return semver_compare(v, k) <= 0;
		if (v->major > k->major)
			return false;
		if (v->major == k->major && v->minor > k->minor && !c->minor_dirty)
			return false;
		return true;
	case OP_TILDE:
		return check_tilde(v, c);
	case OP_CARET:
		if (pre_block || semver_compare(v, k) < 0)
			return false;
		if (k->major > 0 || c->minor_dirty)
			return v->major == k->major;
		if (v->major > 0)
			return false;
		if (k->minor > 0 || c->patch_dirty)
			return v->minor == k->minor;
		if (v->minor > 0)
			return false;
		return k->patch == v->patch;
	}
	return false;
}

/* One "||" alternative: validConstraintRegex
 *   ^(\s*(ops)\s*(cv)\s*)((?:\s+|,\s*)(ops)\s*(cv)\s*)*$
 * Operators are runs of [=!<>~^] (a version never starts with one), so
 * the run must be an operator exactly.  With check == NULL it only
 * validates; otherwise each token is parsed and checked against v, and
 * *all gets the AND of the results (-1: constraint Parser Error). */
static int segment(const char *s, size_t n, const struct semver *v, bool *all, struct sb *scratch)
{
	size_t i = 0;
	bool first = true;
	if (all)
		*all = true;
	for (;;) {
		size_t w = i;
		while (i < n && is_space(s[i]))
			i++;
		if (!first) {
			if (i >= n)
				return 0;
			if (s[i] == ',') {
				i++;
				while (i < n && is_space(s[i]))
					i++;
			} else if (i == w) {
				return 1;
			}
		}
		first = false;
		size_t o = i;
		while (i < n && is_opchar(s[i]))
			i++;
		int opi = -1;
		for (int k = 0; ops[k].s; k++)
			if (strlen(ops[k].s) == i - o && memcmp(ops[k].s, s + o, i - o) == 0)
				opi = k;
		if (opi < 0)
			return 1;
		while (i < n && is_space(s[i]))
			i++;
		struct cv c;
		if (!scan_cv(s, n, i, &c))
			return 1;
		i = c.end;
		if (all && *all) {
			struct constraint con;
			if (!parse_constraint(s, n, opi, &c, &con, scratch))
				return -1;
			*all = check(v, &con);
		} else if (all) {
			/* the AND already failed, but later tokens must still parse */
			struct constraint con;
			if (!parse_constraint(s, n, opi, &c, &con, scratch))
				return -1;
		}
	}
}

/* semverCompare(constraint, version string) (bool, error) */
static int fn_semver_compare(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb c = SB_INIT, scratch = SB_INIT, err = SB_INIT;
	rewrite_range(a[0].u.s, a[0].len, &c);
	int rc = 0;
	/* NewConstraint: each alternative is validated, then its tokens parsed,
	 * before the next alternative is looked at */
	struct semver dummy = { 0 };
	size_t start = 0;
	for (;;) {
		const char *bar = memmem(c.buf + start, c.len - start, "||", 2);
		size_t end = bar ? (size_t)(bar - c.buf) : c.len;
		bool all;
		if (segment(c.buf + start, end - start, NULL, NULL, &scratch) != 0) {
			rc = tmpl_fail(x, "improper constraint: %.*s", (int)(end - start), c.buf + start);
			goto done;
		}
		if (segment(c.buf + start, end - start, &dummy, &all, &scratch) < 0) {
			rc = tmpl_fail(x, "constraint Parser Error");
			goto done;
		}
		if (!bar)
			break;
		start = end + 2;
	}
	struct semver v;
	if (!semver_parse(a[1].u.s, a[1].len, &v, &err)) {
		rc = tmpl_fail(x, "%s", err.buf);
		goto done;
	}
	bool ok = false;
	for (start = 0; !ok;) {
		const char *bar = memmem(c.buf + start, c.len - start, "||", 2);
		size_t end = bar ? (size_t)(bar - c.buf) : c.len;
		segment(c.buf + start, end - start, &v, &ok, &scratch);
		if (!bar)
			break;
		start = end + 2;
	}
	*out = val_bool(ok);
done:
	sb_release(&c);
	sb_release(&scratch);
	sb_release(&err);
	return rc;
}

/* ---- *semver.Version as a template value ----
 * A struct-like VAL_MAP whose keys cannot be spelled as template fields
 * (the Go fields are unexported). */

static val semver_val(struct tmpl_exec *x, const struct semver *v, uint8_t gotype)
{
	val m = val_typed(val_map_new(x->a, 6), gotype);
	val_map_set(x->a, m, "#major", 6, val_typed(val_int((int64_t)v->major), GT_UINT64));
	val_map_set(x->a, m, "#minor", 6, val_typed(val_int((int64_t)v->minor), GT_UINT64));
	val_map_set(x->a, m, "#patch", 6, val_typed(val_int((int64_t)v->patch), GT_UINT64));
	val_map_set(x->a, m, "#pre", 4, val_str(x->a, v->pre.p, v->pre.n));
	val_map_set(x->a, m, "#meta", 5, val_str(x->a, v->meta.p, v->meta.n));
	val_map_set(x->a, m, "#orig", 5, val_str(x->a, v->orig.p, v->orig.n));
	return m;
}

static struct sv_str field_str(val m, const char *k)
{
	val s;
	if (!val_map_get(m, k, strlen(k), &s) || s.kind != VAL_STRING)
		return (struct sv_str){ "", 0 };
	return (struct sv_str){ s.u.s, s.len };
}

static uint64_t field_u64(val m, const char *k)
{
	val s;
	return val_map_get(m, k, strlen(k), &s) && s.kind == VAL_INT ? (uint64_t)s.u.i : 0;
}

static void semver_of(val m, struct semver *v)
{
	v->major = field_u64(m, "#major");
	v->minor = field_u64(m, "#minor");
	v->patch = field_u64(m, "#patch");
	v->pre = field_str(m, "#pre");
	v->meta = field_str(m, "#meta");
	v->orig = field_str(m, "#orig");
}

static bool is_semver(val v)
{
	return v.kind == VAL_MAP && (v.gotype == FN_GT_SEMVER || v.gotype == FN_GT_SEMVER_VALUE);
}

static int fn_semver(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct semver v;
	struct sb err = SB_INIT;
	int rc = 0;
	if (!semver_parse(a[0].u.s, a[0].len, &v, &err))
		rc = tmpl_fail(x, "%s", err.buf);
	else
		*out = semver_val(x, &v, FN_GT_SEMVER);
	sb_release(&err);
	return rc;
}

static void print_semver(struct tmpl_exec *x, val v, struct sb *out)
{
	struct semver s;
	semver_of(v, &s);
	semver_string(&s, out);
}

/* String() as a new string value. */
static val semver_string_val(struct tmpl_exec *x, const struct semver *s)
{
	struct sb b = SB_INIT;
	semver_string(s, &b);
	val r = val_str(x->a, b.buf, b.len);
	sb_release(&b);
	return r;
}

static int m_string(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct semver s;
	semver_of(a[0], &s);
	*out = semver_string_val(x, &s);
	return 0;
}

static int m_value(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return m_string(x, a, n, out);
}

static int m_marshal_text(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	m_string(x, a, n, out);
	out->gotype = GT_BYTES;
	return 0;
}

/* MarshalJSON: json.Marshal of String() (no byte needs escaping) */
static int m_marshal_json(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct semver s;
	semver_of(a[0], &s);
	struct sb b = SB_INIT;
	sb_addc(&b, '"');
	semver_string(&s, &b);
	sb_addc(&b, '"');
	*out = val_typed(val_str(x->a, b.buf, b.len), GT_BYTES);
	sb_release(&b);
	return 0;
}

static int m_field_str(struct tmpl_exec *x, val *a, const char *k, val *out)
{
	val s;
	*out = val_map_get(a[0], k, strlen(k), &s) ? s : val_str_ref("", 0);
	return 0;
}

static int m_original(struct tmpl_exec *x, val *a, size_t n, val *out) { return m_field_str(x, a, "#orig", out); }
static int m_prerelease(struct tmpl_exec *x, val *a, size_t n, val *out) { return m_field_str(x, a, "#pre", out); }
static int m_metadata(struct tmpl_exec *x, val *a, size_t n, val *out) { return m_field_str(x, a, "#meta", out); }

static int m_major(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = val_typed(val_int((int64_t)field_u64(a[0], "#major")), GT_UINT64);
	return 0;
}

static int m_minor(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = val_typed(val_int((int64_t)field_u64(a[0], "#minor")), GT_UINT64);
	return 0;
}

static int m_patch(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = val_typed(val_int((int64_t)field_u64(a[0], "#patch")), GT_UINT64);
	return 0;
}

/* The Inc and Set methods return a semver.Version value whose Original
 * keeps a leading "v" (originalVPrefix). */
static val with_original(struct tmpl_exec *x, const struct semver *old, struct semver *next)
{
	struct sb b = SB_INIT;
	if (old->orig.n && old->orig.p[0] == 'v')
		sb_addc(&b, 'v');
	semver_string(next, &b);
	val o = val_str(x->a, b.buf, b.len);
	sb_release(&b);
	next->orig = (struct sv_str){ o.u.s, o.len };
	return semver_val(x, next, FN_GT_SEMVER_VALUE);
}

static int m_inc_patch(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct semver s, t;
	semver_of(a[0], &s);
	t = s;
	if (!s.pre.n)
		t.patch++;
	t.pre = t.meta = (struct sv_str){ "", 0 };
	*out = with_original(x, &s, &t);
	return 0;
}

static int m_inc_minor(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct semver s, t;
	semver_of(a[0], &s);
	t = s;
	t.pre = t.meta = (struct sv_str){ "", 0 };
	t.patch = 0;
	t.minor++;
	*out = with_original(x, &s, &t);
	return 0;
}

static int m_inc_major(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct semver s, t;
	semver_of(a[0], &s);
	t = s;
	t.pre = t.meta = (struct sv_str){ "", 0 };
	t.patch = t.minor = 0;
	t.major++;
	*out = with_original(x, &s, &t);
	return 0;
}

static int m_set_prerelease(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct semver s, t;
	semver_of(a[0], &s);
	struct sv_str p = { a[1].u.s, a[1].len };
	const char *e = p.n ? validate_pre(p) : NULL;
	if (e)
		return tmpl_fail(x, "%s", e);
	t = s;
	t.pre = p;
	*out = with_original(x, &s, &t);
	return 0;
}

static int m_set_metadata(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct semver s, t;
	semver_of(a[0], &s);
	struct sv_str p = { a[1].u.s, a[1].len };
	const char *e = p.n ? validate_meta(p) : NULL;
	if (e)
		return tmpl_fail(x, "%s", e);
	t = s;
	t.meta = p;
	*out = with_original(x, &s, &t);
	return 0;
}

/* Methods taking a *Version: the executor has no host parameter types
 * yet, so a wrong argument is reported here (text differs from Go's). */
static int other(struct tmpl_exec *x, val *a, struct semver *s, struct semver *o)
{
	if (a[1].kind == VAL_NULL) /* a nil *Version: the method dereferences it */
		return tmpl_fail(x, "runtime error: invalid memory address or nil pointer dereference");
	if (a[1].gotype != FN_GT_SEMVER || !is_semver(a[1]))
		return tmpl_fail(x, "wrong type for value; expected *semver.Version; got %s", tmpl_type_name(x, a[1]));
	semver_of(a[0], s);
	semver_of(a[1], o);
	return 0;
}

static int m_compare(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct semver s, o;
	if (other(x, a, &s, &o) < 0)
		return -1;
	*out = val_typed(val_int(semver_compare(&s, &o)), GT_INT);
	return 0;
}

#define CMP_METHOD(name, expr)                                             \
	static int name(struct tmpl_exec *x, val *a, size_t n, val *out) \
	{                                                                  \
		struct semver s, o;                                        \
		if (other(x, a, &s, &o) < 0)                               \
			return -1;                                         \
		int c = semver_compare(&s, &o);                            \
		*out = val_bool(expr);                                     \
		return 0;                                                  \
	}
CMP_METHOD(m_less_than, c < 0)
CMP_METHOD(m_less_than_equal, c <= 0)
CMP_METHOD(m_greater_than, c > 0)
CMP_METHOD(m_greater_than_equal, c >= 0)
CMP_METHOD(m_equal, c == 0)

/* *Version's method set (sorted as reflect lists them) */
static const struct tmpl_func ptr_methods[] = {
	{ "Compare", m_compare, 2, false, { TP_VALUE, FN_GT_SEMVER } },
	{ "Equal", m_equal, 2, false, { TP_VALUE, FN_GT_SEMVER } },
	{ "GreaterThan", m_greater_than, 2, false, { TP_VALUE, FN_GT_SEMVER } },
	{ "GreaterThanEqual", m_greater_than_equal, 2, false, { TP_VALUE, FN_GT_SEMVER } },
	{ "IncMajor", m_inc_major, 1, false, { TP_VALUE } },
	{ "IncMinor", m_inc_minor, 1, false, { TP_VALUE } },
	{ "IncPatch", m_inc_patch, 1, false, { TP_VALUE } },
	{ "LessThan", m_less_than, 2, false, { TP_VALUE, FN_GT_SEMVER } },
	{ "LessThanEqual", m_less_than_equal, 2, false, { TP_VALUE, FN_GT_SEMVER } },
	{ "Major", m_major, 1, false, { TP_VALUE } },
	{ "MarshalJSON", m_marshal_json, 1, false, { TP_VALUE } },
	{ "MarshalText", m_marshal_text, 1, false, { TP_VALUE } },
	{ "Metadata", m_metadata, 1, false, { TP_VALUE } },
	{ "Minor", m_minor, 1, false, { TP_VALUE } },
	{ "Original", m_original, 1, false, { TP_VALUE } },
	{ "Patch", m_patch, 1, false, { TP_VALUE } },
	{ "Prerelease", m_prerelease, 1, false, { TP_VALUE } },
	{ "SetMetadata", m_set_metadata, 2, false, { TP_VALUE, TP_STRING } },
	{ "SetPrerelease", m_set_prerelease, 2, false, { TP_VALUE, TP_STRING } },
	{ "String", m_string, 1, false, { TP_VALUE } },
	{ "Value", m_value, 1, false, { TP_VALUE } },
};

/* semver.Version's (value receiver) method set */
static const struct tmpl_func value_methods[] = {
	{ "IncMajor", m_inc_major, 1, false, { TP_VALUE } },
	{ "IncMinor", m_inc_minor, 1, false, { TP_VALUE } },
	{ "IncPatch", m_inc_patch, 1, false, { TP_VALUE } },
	{ "Major", m_major, 1, false, { TP_VALUE } },
	{ "MarshalJSON", m_marshal_json, 1, false, { TP_VALUE } },
	{ "MarshalText", m_marshal_text, 1, false, { TP_VALUE } },
	{ "Metadata", m_metadata, 1, false, { TP_VALUE } },
	{ "Minor", m_minor, 1, false, { TP_VALUE } },
	{ "Patch", m_patch, 1, false, { TP_VALUE } },
	{ "Prerelease", m_prerelease, 1, false, { TP_VALUE } },
	{ "SetMetadata", m_set_metadata, 2, false, { TP_VALUE, TP_STRING } },
	{ "SetPrerelease", m_set_prerelease, 2, false, { TP_VALUE, TP_STRING } },
	{ "String", m_string, 1, false, { TP_VALUE } },
	{ "Value", m_value, 1, false, { TP_VALUE } },
};

const struct tmpl_type fn_semver_type = {
	"*semver.Version", true, false, ptr_methods, sizeof(ptr_methods) / sizeof(ptr_methods[0]), print_semver,
	{ 0 }, .stringer = true,
};

const struct tmpl_type fn_semver_value_type = {
	"semver.Version", true, false, value_methods, sizeof(value_methods) / sizeof(value_methods[0]),
	print_semver, { 0 }, .stringer = true,
};

/* What encoding/json makes of a version: MarshalJSON's string. */
val fn_semver_plain(struct arena *a, val v)
{
	struct semver s;
	semver_of(v, &s);
	struct sb b = SB_INIT;
	semver_string(&s, &b);
	val r = val_str(a, b.buf, b.len);
	sb_release(&b);
	return r;
}

const struct tmpl_func fn_semver_table[] = {
	{ "semver", fn_semver, 1, false, { TP_STRING } },
	{ "semverCompare", fn_semver_compare, 2, false, { TP_STRING, TP_STRING } },
};
const size_t fn_semver_count = sizeof(fn_semver_table) / sizeof(fn_semver_table[0]);
