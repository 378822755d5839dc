/* values.c — Helm 3.17.3's pkg/chartutil/coalesce.go (CoalesceValues,
 * MergeValues, coalesceGlobals, coalesceTablesFullKey with their warnings)
 * and pkg/cli/values/options.go MergeValues.  Maps are shared exactly where
 * Go shares them and deep-copied where Go copies, because Helm's results
 * depend on that aliasing (globals leak between charts through it). */
#include "chart/values.h"
#include "chart/schema.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart/strvals.h"
#include "value/codec.h"

#define GLOBAL_KEY "global"

struct kv {
	const char *k;
	uint32_t kl;
	val v;
};

/* The entries of m in sorted key order, copied: Go ranges over a map while
 * the loop body writes to maps that may be this one. */
static struct kv *snapshot(struct arena *a, val m, size_t *n)
{
	*n = val_map_len(m);
	struct kv *out = arena_alloc(a, (*n + 1) * sizeof(*out));
	const uint32_t *ord = val_map_order(a, m);
	for (size_t i = 0; i < *n; i++) {
		const struct val_map_entry *e = val_map_entry_at(m, ord[i]);
		out[i] = (struct kv){ e->key, e->klen, e->v };
	}
	return out;
}

struct str {
	const char *p;
	size_t n;
};

/* concatPrefix */
static struct str concat_prefix(struct arena *a, struct str pre, const char *b, size_t bn)
{
	if (pre.n == 0)
		return (struct str){ b, bn };
	char *s = arena_alloc(a, pre.n + 1 + bn + 1);
	memcpy(s, pre.p, pre.n);
	s[pre.n] = '.';
	memcpy(s + pre.n + 1, b, bn);
	s[pre.n + 1 + bn] = '\0';
	return (struct str){ s, pre.n + 1 + bn };
}

static inline bool is_table(val v)
{
	return v.kind == VAL_MAP;
}

/* A shallow copy (copyMap). */
static val copy_map(struct arena *a, val m)
{
	val out = val_map_new(a, val_map_len(m));
	for (size_t i = 0; i < val_map_len(m); i++) {
		const struct val_map_entry *e = val_map_entry_at(m, i);
		val_map_set(a, out, e->key, e->klen, e->v);
	}
	return out;
}

void values_warnf(struct arena *a, struct sb *warn, const char *where, const char *fmt, const val *args,
		  size_t nargs)
{
	if (!warn)
		return;
	sb_adds(warn, where);
	sb_adds(warn, ": ");
	val_sprintf(a, warn, fmt, strlen(fmt), args, nargs);
	sb_addc(warn, '\n');
}

static val str_val(struct str s)
{
	return val_str_ref(s.p, s.n);
}

static void tables(struct arena *a, val dst, val src, struct str prefix, bool merge, struct sb *warn)
{
	size_t n;
	struct kv *e = snapshot(a, src, &n);
	for (size_t i = 0; i < n; i++) {
		struct str full = concat_prefix(a, prefix, e[i].k, e[i].kl);
		val *dvp = val_map_ref(dst, e[i].k, e[i].kl);
		if (dvp && !merge && dvp->kind == VAL_NULL) {
			val_map_del(dst, e[i].k, e[i].kl);
		} else if (!dvp) {
			val_map_set(a, dst, e[i].k, e[i].kl, e[i].v);
		} else if (is_table(e[i].v)) {
			if (is_table(*dvp)) {
				tables(a, *dvp, e[i].v, full, merge, warn);
			} else {
				val args[2] = { str_val(full), e[i].v };
				values_warnf(a, warn, "coalesce.go:298",
				      "warning: cannot overwrite table with non table for %s (%v)", args, 2);
			}
		} else if (is_table(*dvp) && e[i].v.kind != VAL_NULL) {
			val args[2] = { str_val(full), e[i].v };
			values_warnf(a, warn, "coalesce.go:301",
			      "warning: destination for %s is a table. Ignoring non-table value (%v)", args, 2);
		}
	}
}

val values_coalesce_tables(struct arena *a, val dst, val src, bool merge, struct sb *warn)
{
	if (src.kind != VAL_MAP)
		return dst;
	if (dst.kind != VAL_MAP)
		return src;
	tables(a, dst, src, (struct str){ "", 0 }, merge, warn);
	return dst;
}

static struct str name_of(const struct chart *c)
{
	struct str s;
	s.p = chart_name(c, &s.n);
	return s;
}

/* coalesceGlobals: the parent's globals (src) merged into the child's
 * (dest), maps copied one level deep only, as copyMap does. */
static void globals(struct arena *a, val dest, val src, struct str prefix, struct sb *warn)
{
	val dg, sg;
	if (!val_map_get(dest, GLOBAL_KEY, 6, &dg)) {
		dg = val_map_new(a, 0);
	} else if (!is_table(dg)) {
		values_warnf(a, warn, "coalesce.go:138", "warning: skipping globals because destination global is not a table.",
		      NULL, 0);
		return;
	}
	if (!val_map_get(src, GLOBAL_KEY, 6, &sg)) {
		sg = val_map_new(a, 0);
	} else if (!is_table(sg)) {
		values_warnf(a, warn, "coalesce.go:145", "warning: skipping globals because source global is not a table.",
		      NULL, 0);
		return;
	}
	size_t n;
	struct kv *e = snapshot(a, sg, &n);
	for (size_t i = 0; i < n; i++) {
		val key = val_str_ref(e[i].k, e[i].kl);
		val destv;
		bool have = val_map_get(dg, e[i].k, e[i].kl, &destv);
		if (is_table(e[i].v)) {
			val vv = copy_map(a, e[i].v);
			if (!have) {
				val_map_set(a, dg, e[i].k, e[i].kl, vv);
			} else if (!is_table(destv)) {
				values_warnf(a, warn, "coalesce.go:161", "Conflict: cannot merge map onto non-map for %q. Skipping.",
				      &key, 1);
			} else {
				tables(a, vv, destv, concat_prefix(a, prefix, e[i].k, e[i].kl), true, warn);
				val_map_set(a, dg, e[i].k, e[i].kl, vv);
			}
		} else if (have && is_table(destv)) {
			values_warnf(a, warn, "coalesce.go:175", "key %s is table. Skipping", &key, 1);
		} else {
			val_map_set(a, dg, e[i].k, e[i].kl, e[i].v);
		}
	}
	val_map_set(a, dest, GLOBAL_KEY, 6, dg);
}

static bool is_subchart_name(const struct chart *c, const char *k, size_t kl)
{
	for (size_t i = 0; i < c->ndeps; i++) {
		struct str n = name_of(c->deps[i]);
		if (n.n == kl && memcmp(n.p, k, kl) == 0)
			return true;
	}
	return false;
}

/* coalesceValues: the chart's own values (a deep copy) under v. */
static void chart_values(struct arena *a, const struct chart *c, val v, struct str prefix, bool merge,
			 struct sb *warn)
{
	struct str np = name_of(c);
	struct str sub = concat_prefix(a, prefix, np.p, np.n);
	if (c->values.kind != VAL_MAP)
		return;
	val vc = val_copy_deep(a, c->values);
	size_t n;
	struct kv *e = snapshot(a, vc, &n);
	for (size_t i = 0; i < n; i++) {
		val *value = val_map_ref(v, e[i].k, e[i].kl);
		if (!value) {
			val_map_set(a, v, e[i].k, e[i].kl, e[i].v);
		} else if (value->kind == VAL_NULL && !merge) {
			/* null from the user deletes the chart's key */
			val_map_del(v, e[i].k, e[i].kl);
		} else if (is_table(*value)) {
			val dest = *value;
			if (!is_table(e[i].v)) {
				if (e[i].v.kind != VAL_NULL) {
					val args[2] = { str_val(sub), val_str_ref(e[i].k, e[i].kl) };
					values_warnf(a, warn, "coalesce.go:237", "warning: skipped value for %s.%s: Not a table.",
					      args, 2);
				}
			} else {
				bool m = merge || is_subchart_name(c, e[i].k, e[i].kl);
				tables(a, dest, e[i].v, concat_prefix(a, sub, e[i].k, e[i].kl), m, warn);
			}
		}
	}
}

static int coalesce(struct arena *a, const struct chart *c, val dest, struct str prefix, bool merge,
		    struct sb *warn, struct sb *err)
{
	chart_values(a, c, dest, prefix, merge, warn);
	/* coalesceDeps */
	for (size_t i = 0; i < c->ndeps; i++) {
		const struct chart *sc = c->deps[i];
		struct str sn = name_of(sc);
		val cur;
		if (!val_map_get(dest, sn.p, sn.n, &cur)) {
			cur = val_map_new(a, 0);
			val_map_set(a, dest, sn.p, sn.n, cur);
		} else if (!is_table(cur)) {
			val args[2] = { str_val(sn), cur };
			val_sprintf(a, err, "type mismatch on %s: %t", 23, args, 2);
			return -1;
		}
		struct str np = name_of(c);
		struct str sub = concat_prefix(a, prefix, np.p, np.n);
		globals(a, cur, dest, sub, warn);
		if (coalesce(a, sc, cur, sub, merge, warn, err) < 0)
			return -1;
	}
	return 0;
}

static int coalesce_top(struct arena *a, const struct chart *c, val user, bool merge, val *out,
			struct sb *warn, struct sb *err)
{
	/* copyValues: copystructure.Copy of the user's map */
	val v = user.kind == VAL_MAP ? val_copy_deep(a, user) : val_map_new(a, 0);
	*out = v;
	return coalesce(a, c, v, (struct str){ "", 0 }, merge, warn, err);
}

int values_coalesce(struct arena *a, const struct chart *c, val user, val *out, struct sb *warn, struct sb *err)
{
	return coalesce_top(a, c, user, false, out, warn, err);
}

int values_merge(struct arena *a, const struct chart *c, val user, val *out, struct sb *warn, struct sb *err)
{
	return coalesce_top(a, c, user, true, out, warn, err);
}

int values_for_render(struct arena *a, struct chart *c, val user, bool skip_schema, val *out, struct sb *warn,
		      struct sb *err)
{
	if (values_process_deps(a, c, user, warn, err) < 0)
		return -1;
	if (values_coalesce(a, c, user, out, warn, err) < 0)
		return -1;
	if (skip_schema)
		return 0;
	/* ToRenderValuesWithSchemaValidation: the schema(s) after coalescing */
	size_t st = err->len;
	if (schema_validate_chart(a, c, *out, err) < 0) {
		struct sb e = SB_INIT;
		sb_adds(&e, "values don't meet the specifications of the schema(s) in the following chart(s):\n");
		sb_add(&e, err->buf + st, err->len - st);
		sb_setlen(err, st);
		sb_add(err, e.buf, e.len);
		sb_release(&e);
		return -1;
	}
	return 0;
}

/* ---- pkg/cli/values/options.go ---- */

/* mergeMaps: a new top-level map; nested maps merged into new maps too,
 * everything else shared. */
static val merge_maps(struct arena *a, val x, val y)
{
	val out = copy_map(a, x);
	for (size_t i = 0; i < val_map_len(y); i++) {
		const struct val_map_entry *e = val_map_entry_at(y, i);
		val bv;
		if (is_table(e->v) && val_map_get(out, e->key, e->klen, &bv) && is_table(bv)) {
			val_map_set(a, out, e->key, e->klen, merge_maps(a, bv, e->v));
			continue;
		}
		val_map_set(a, out, e->key, e->klen, e->v);
	}
	return out;
}

/* readFile: "-" is stdin, anything else a local file (Go's error texts). */
static char *read_path(struct arena *a, const char *path, size_t *len, struct sb *err)
{
	const char *t = path, *end = path + strlen(path);
	while (t < end && (*t == ' ' || (*t >= '\t' && *t <= '\r')))
		t++;
	while (end > t && (end[-1] == ' ' || (end[-1] >= '\t' && end[-1] <= '\r')))
		end--;
	bool in = end - t == 1 && *t == '-';
	if (!in && (strncmp(path, "http://", 7) == 0 || strncmp(path, "https://", 8) == 0 ||
		    strncmp(path, "oci://", 6) == 0)) {
		sb_addf(err, "%s: remote values files are not supported", path);
		return NULL;
	}
	FILE *fp = in ? stdin : fopen(path, "rb");
	if (!fp) {
		sb_addf(err, "open %s: %s", path, strerror(errno));
		return NULL;
	}
	struct sb b = SB_INIT;
	char buf[65536];
	size_t got;
	while ((got = fread(buf, 1, sizeof(buf), fp)) > 0)
		sb_add(&b, buf, got);
	int bad = ferror(fp) ? errno : 0;
	if (!in)
		fclose(fp);
	if (bad) {
		sb_addf(err, "read %s: %s", path, strerror(bad));
		sb_release(&b);
		return NULL;
	}
	char *data = arena_memdup(a, b.buf, b.len);
	*len = b.len;
	sb_release(&b);
	return data;
}

static int file_reader(void *ctx, struct arena *a, const char *s, size_t n, val *out, struct sb *err)
{
	(void)ctx;
	char *path = arena_memdup(a, s, n);
	size_t len;
	char *data = read_path(a, path, &len, err);
	if (!data)
		return -1;
	*out = val_str_ref(data, len);
	return 0;
}

int values_merge_options(struct arena *a, const struct values_opts *o, val *out, struct sb *err)
{
	val base = val_map_new(a, 0);
	struct sb e = SB_INIT;
	int rc = -1;
	for (size_t i = 0; i < o->nfiles; i++) {
		size_t len;
		char *data = read_path(a, o->files[i], &len, err);
		if (!data)
			goto out;
		val cur;
		if (val_from_yaml(a, data, len, VAL_YAML_MAP, &cur, &e) < 0) {
			sb_addf(err, "failed to parse %s: %s", o->files[i], e.buf);
			goto out;
		}
		base = merge_maps(a, base, cur);
	}
	for (size_t i = 0; i < o->njson; i++) {
		sb_reset(&e);
		if (strvals_parse(a, o->json[i], strlen(o->json[i]), base, STRVALS_JSON, &e) < 0) {
			sb_addf(err, "failed parsing --set-json data %s", o->json[i]);
			goto out;
		}
	}
	static const char *const what[] = { "--set", "--set-string", "--set-file", "--set-literal" };
	static const enum strvals_mode modes[] = { STRVALS_SET, STRVALS_STRING, STRVALS_FILE, STRVALS_LITERAL };
	const char *const *lists[] = { o->set, o->string, o->file, o->literal };
	size_t counts[] = { o->nset, o->nstring, o->nfile, o->nliteral };
	for (size_t k = 0; k < 4; k++) {
		for (size_t i = 0; i < counts[k]; i++) {
			sb_reset(&e);
			if (strvals_parse_with(a, lists[k][i], strlen(lists[k][i]), base, modes[k], file_reader, NULL,
					       &e) < 0) {
				sb_addf(err, "failed parsing %s data: %s", what[k], e.buf);
				goto out;
			}
		}
	}
	*out = base;
	rc = 0;
out:
	sb_release(&e);
	return rc;
}
