/* engine.c — Helm 3.17.3's pkg/engine: render order, per-chart scopes,
 * include/tpl/required/fail/lookup, error clean-up, and the Go types of the
 * render data (chartutil.Values, engine.files, chartutil.Capabilities, the
 * chart metadata struct) with their methods and fmt printing. */
#include "chart/engine.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/base64.h"
#include "base/quote.h"
#include "base/xalloc.h"
#include "chart/glob.h"
#include "funcs/crypto_rsa.h"
#include "funcs/fn_crypto.h"
#include "funcs/fn_numbers.h"
#include "funcs/fn_reflect.h"
#include "funcs/funcs.h"
#include "value/codec.h"

#define RECURSION_MAX 1000 /* engine.go recursionMaxNums */

struct render {
	struct arena *a;
	struct tmpl_set set;
	struct tmpl_funcs funcs;
	val included; /* include name -> nesting count */
	const struct engine_lookup *lookup; /* NULL: offline, lookup gives {} */
};

/* ---- small helpers ---- */

static val str_val(struct arena *a, const char *s)
{
	return val_str(a, s, strlen(s));
}

static void set_field(struct arena *a, val m, const char *key, val v)
{
	val_map_set(a, m, key, strlen(key), v);
}

static val get_field(val m, const char *key)
{
	val v = val_null();
	if (m.kind == VAL_MAP)
		val_map_get(m, key, strlen(key), &v);
	return v;
}

static val meta_string(struct arena *a, val meta, const char *key)
{
	val v = get_field(meta, key);
	return v.kind == VAL_STRING ? val_str_ref(v.u.s, v.len) : val_str_ref("", 0);
}

static val meta_strings(struct arena *a, val meta, const char *key)
{
	val v = get_field(meta, key);
	val l = val_typed(val_list_new(a, 0), GT_STRINGS);
	if (v.kind != VAL_LIST)
		l.flags |= VAL_F_GO_NIL; /* absent from Chart.yaml: a nil []string (toJson null) */
	if (v.kind == VAL_LIST)
		for (size_t i = 0; i < val_list_len(v); i++)
			if (val_list_at(v, i).kind == VAL_STRING)
				val_list_push(a, l, val_list_at(v, i));
	return l;
}

/* ---- values methods (chartutil.Values) ---- */

static int m_values_yaml(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb s = SB_INIT, err = SB_INIT;
	int rc = val_to_yaml(x->a, engine_plain(x->a, a[0]), &s, &err);
	if (rc < 0) {
		/* (string, error): the error wins */
		rc = tmpl_fail(x, "%s", err.buf);
	} else {
		*out = val_str(x->a, s.buf, s.len);
	}
	sb_release(&s);
	sb_release(&err);
	return rc;
}

static int m_values_asmap(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val m = a[0];
	m.gotype = GT_DEFAULT;
	*out = m;
	return 0;
}

/* tableLookup over a dotted path; the (Values, error) pair of Go. */
static int table(struct tmpl_exec *x, val v, const char *path, size_t plen, val *out, const char **bad,
		 size_t *badlen)
{
	size_t start = 0;
	for (size_t i = 0; i <= plen; i++) {
		if (i < plen && path[i] != '.')
			continue;
		const char *k = path + start;
		size_t kn = i - start;
		start = i + 1;
		val *e = val_map_ref(v, k, kn);
		if (!e || e->kind != VAL_MAP || (e->gotype != GT_DEFAULT && e->gotype != GT_VALUES)) {
			*bad = k;
			*badlen = kn;
			*out = e ? val_typed(val_map_new(x->a, 0), GT_VALUES) : v;
			return -1;
		}
		v = *e;
	}
	*out = val_typed(v, GT_VALUES);
	return 0;
}

static int m_values_table(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	const char *bad;
	size_t badlen;
	if (table(x, a[0], a[1].u.s, a[1].len, out, &bad, &badlen) < 0) {
		struct sb q = SB_INIT;
		strconv_append_quote(&q, bad, badlen);
		int rc = tmpl_fail(x, "%s is not a table", q.buf);
		sb_release(&q);
		return rc;
	}
	return 0;
}

static int no_value(struct tmpl_exec *x, const char *k, size_t kn)
{
	struct sb q = SB_INIT;
	strconv_append_quote(&q, k, kn);
	int rc = tmpl_fail(x, "%s is not a value", q.buf);
	sb_release(&q);
	return rc;
}

static bool is_table(val v)
{
	return v.kind == VAL_MAP && v.gotype == GT_DEFAULT;
}

static int m_values_pathvalue(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	const char *p = a[1].u.s;
	size_t plen = a[1].len;
	if (plen == 0)
		return tmpl_fail(x, "YAML path cannot be empty");
	const char *dot = NULL;
	for (size_t i = plen; i-- > 0;)
		if (p[i] == '.') {
			dot = p + i;
			break;
		}
	val t = a[0];
	const char *key = p;
	size_t kn = plen;
	if (dot) {
		const char *bad;
		size_t badlen;
		key = dot + 1;
		kn = plen - (size_t)(key - p);
		if (table(x, a[0], p, (size_t)(dot - p), &t, &bad, &badlen) < 0)
			return no_value(x, key, kn);
	}
	val *e = val_map_ref(t, key, kn);
	if (!e || is_table(*e))
		return no_value(x, key, kn);
	*out = *e;
	return 0;
}

static int m_values_encode(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return tmpl_fail(x, "Encode needs an io.Writer");
}

static const struct tmpl_func values_methods[] = {
	{ "AsMap", m_values_asmap, 1, false, { TP_VALUE } },
	{ "Encode", m_values_encode, 2, false, { TP_VALUE, TP_ANY } },
	{ "PathValue", m_values_pathvalue, 2, false, { TP_VALUE, TP_STRING } },
	{ "Table", m_values_table, 2, false, { TP_VALUE, TP_STRING } },
	{ "YAML", m_values_yaml, 1, false, { TP_VALUE } },
};

/* ---- files methods (engine.files) ---- */

static int m_files_getbytes(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val *e = val_map_ref(a[0], a[1].u.s, a[1].len);
	*out = e ? *e : val_typed(val_str_ref("", 0), GT_BYTES);
	return 0;
}

static int m_files_get(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	m_files_getbytes(x, a, n, out);
	out->gotype = GT_DEFAULT;
	return 0;
}

/* engine/files.go Glob: gobwas/glob Compile(pattern, '/'), "**" on error
 * (chart/glob.c).  A path on which gobwas would panic (Helm's template then
 * fails) is left out. */
static int m_files_glob(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val r = val_typed(val_map_new(x->a, 0), GT_FILES);
	size_t cnt = val_map_len(a[0]);
	struct glob *g = glob_compile(x->a, a[1].u.s, a[1].len, NULL);
	for (size_t i = 0; i < cnt; i++) {
		const struct val_map_entry *e = val_map_entry_at(a[0], i);
		if (glob_match(g, e->key, e->klen) == 1)
			val_map_set(x->a, r, e->key, e->klen, e->v);
	}
	glob_release(g);
	*out = r;
	return 0;
}

static const char *base_name(const char *k, size_t n, size_t *bn)
{
	/* path.Base */
	while (n > 1 && k[n - 1] == '/')
		n--;
	size_t i = n;
	while (i > 0 && k[i - 1] != '/')
		i--;
	*bn = n - i;
	if (*bn == 0) {
		*bn = 1;
		return n ? "/" : ".";
	}
	return k + i;
}

static int files_as(struct tmpl_exec *x, val f, bool secrets, val *out)
{
	val m = val_map_new(x->a, 0);
	size_t cnt = val_map_len(f);
	for (size_t i = 0; i < cnt; i++) {
		const struct val_map_entry *e = val_map_entry_at(f, i);
		size_t bn;
		const char *b = base_name(e->key, e->klen, &bn);
		val v = val_str_ref(e->v.u.s, e->v.len);
		if (secrets) {
			struct sb s = SB_INIT;
			b64_encode(&s, e->v.u.s, e->v.len);
			v = val_str(x->a, s.buf, s.len);
			sb_release(&s);
		}
		val_map_set(x->a, m, b, bn, v);
	}
	*out = fn_helm_to_yaml(x->a, m);
	return 0;
}

static int m_files_asconfig(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return files_as(x, a[0], false, out);
}

static int m_files_assecrets(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return files_as(x, a[0], true, out);
}

static int m_files_lines(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val l = val_typed(val_list_new(x->a, 0), GT_STRINGS);
	val *e = val_map_ref(a[0], a[1].u.s, a[1].len);
	if (e && e->len > 0) {
		const char *s = e->u.s;
		size_t len = e->len;
		if (s[len - 1] == '\n')
			len--;
		size_t start = 0;
		for (size_t i = 0; i <= len; i++) {
			if (i == len || s[i] == '\n') {
				val_list_push(x->a, l, val_str_ref(s + start, i - start));
				start = i + 1;
			}
		}
	}
	*out = l;
	return 0;
}

static const struct tmpl_func files_methods[] = {
	{ "AsConfig", m_files_asconfig, 1, false, { TP_VALUE } },
	{ "AsSecrets", m_files_assecrets, 1, false, { TP_VALUE } },
	{ "Get", m_files_get, 2, false, { TP_VALUE, TP_STRING } },
	{ "GetBytes", m_files_getbytes, 2, false, { TP_VALUE, TP_STRING } },
	{ "Glob", m_files_glob, 2, false, { TP_VALUE, TP_STRING } },
	{ "Lines", m_files_lines, 2, false, { TP_VALUE, TP_STRING } },
};

/* ---- capabilities ---- */

static int m_versionset_has(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	bool has = false;
	for (size_t i = 0; i < val_list_len(a[0]) && !has; i++) {
		val v = val_list_at(a[0], i);
		has = v.len == a[1].len && memcmp(v.u.s, a[1].u.s, v.len) == 0;
	}
	*out = val_bool(has);
	return 0;
}

static int m_kubeversion_string(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = get_field(a[0], "Version");
	return 0;
}

static const struct tmpl_func versionset_methods[] = {
	{ "Has", m_versionset_has, 2, false, { TP_VALUE, TP_STRING } },
};

static const struct tmpl_func kubeversion_methods[] = {
	{ "GitVersion", m_kubeversion_string, 1, false, { TP_VALUE } },
	{ "String", m_kubeversion_string, 1, false, { TP_VALUE } },
};

/* ---- fmt printing of host structs (%v: {a b c}, pointers as &{...}) ---- */

static void print_struct_fields(struct tmpl_exec *x, val v, struct sb *out);

static void print_any(struct tmpl_exec *x, val v, struct sb *out)
{
	const struct tmpl_type *t = engine_type_of(NULL, v.gotype);
	if (t && t->print)
		t->print(x, v, out);
	else
		val_fmt_v(x->a, out, v);
}

static void print_struct_fields(struct tmpl_exec *x, val v, struct sb *out)
{
	sb_addc(out, '{');
	size_t cnt = val_map_len(v);
	for (size_t i = 0; i < cnt; i++) {
		if (i)
			sb_addc(out, ' ');
		print_any(x, val_map_entry_at(v, i)->v, out);
	}
	sb_addc(out, '}');
}

static void print_chart_meta(struct tmpl_exec *x, val v, struct sb *out)
{
	/* struct { chart.Metadata; IsRoot bool }: the embedded struct nests */
	sb_adds(out, "{{");
	size_t cnt = val_map_len(v);
	for (size_t i = 0; i + 1 < cnt; i++) {
		if (i)
			sb_addc(out, ' ');
		print_any(x, val_map_entry_at(v, i)->v, out);
	}
	sb_adds(out, "} ");
	print_any(x, val_map_entry_at(v, cnt - 1)->v, out);
	sb_addc(out, '}');
}

static void print_ptr_struct(struct tmpl_exec *x, val v, struct sb *out)
{
	sb_addc(out, '&');
	print_struct_fields(x, v, out);
}

static void print_kubeversion(struct tmpl_exec *x, val v, struct sb *out)
{
	val s = get_field(v, "Version");
	sb_add(out, s.u.s, s.len);
}

static void print_files(struct tmpl_exec *x, val v, struct sb *out)
{
	v.gotype = GT_DEFAULT;
	val_fmt_v(x->a, out, v);
}

/* ---- the type table ---- */

static const struct tmpl_type type_values = {
	"chartutil.Values", false, true, values_methods, sizeof(values_methods) / sizeof(values_methods[0]), NULL,
};

static const struct tmpl_type host_types[] = {
	[GT_CHART_META - GT_HOST_FIRST] = { "struct { chart.Metadata; IsRoot bool }", true, false, NULL, 0,
					    print_chart_meta },
	[GT_FILES - GT_HOST_FIRST] = { "engine.files", false, false, files_methods,
				       sizeof(files_methods) / sizeof(files_methods[0]), print_files,
				       { .kind = VAL_STRING, .gotype = GT_BYTES, .u.s = "" } },
	[GT_CAPABILITIES - GT_HOST_FIRST] = { "*chartutil.Capabilities", true, false, NULL, 0, print_ptr_struct },
	[GT_KUBEVERSION - GT_HOST_FIRST] = { "chartutil.KubeVersion", true, false, kubeversion_methods,
					     sizeof(kubeversion_methods) / sizeof(kubeversion_methods[0]),
					     print_kubeversion },
	[GT_VERSIONSET - GT_HOST_FIRST] = { "chartutil.VersionSet", false, false, versionset_methods,
					    sizeof(versionset_methods) / sizeof(versionset_methods[0]), NULL },
	[GT_HELMVERSION - GT_HOST_FIRST] = { "version.BuildInfo", true, false, NULL, 0, print_struct_fields },
	[GT_STRING_MAP - GT_HOST_FIRST] = { "map[string]string", false, false, NULL, 0, NULL,
					    { .kind = VAL_STRING, .u.s = "" } },
	[GT_MAINTAINERS - GT_HOST_FIRST] = { "[]*chart.Maintainer", false, false, NULL, 0, NULL },
	[GT_MAINTAINER - GT_HOST_FIRST] = { "*chart.Maintainer", true, false, NULL, 0, print_ptr_struct },
	[GT_DEPENDENCIES - GT_HOST_FIRST] = { "[]*chart.Dependency", false, false, NULL, 0, NULL },
	[GT_DEPENDENCY - GT_HOST_FIRST] = { "*chart.Dependency", true, false, NULL, 0, print_ptr_struct },
};

const struct tmpl_type *engine_type_of(void *host, uint8_t gotype)
{
	if (gotype == GT_VALUES)
		return &type_values;
	/* the function families' own Go types (Sprig's certificate, time.Time,
	 * *semver.Version, []int...) */
	if (gotype == FN_GT_CERTIFICATE)
		return &fn_certificate_type;
	const struct tmpl_type *ft = fn_numbers_type_of(gotype);
	if (!ft)
		ft = fn_collections_type_of(gotype);
	if (ft)
		return ft;
	if (gotype >= GT_HOST_FIRST && gotype - GT_HOST_FIRST < (int)(sizeof(host_types) / sizeof(host_types[0])) &&
	    host_types[gotype - GT_HOST_FIRST].name)
		return &host_types[gotype - GT_HOST_FIRST];
	return NULL;
}

/* ---- host values -> what encoding/json sees ---- */

static const char *const meta_json[] = {
	"name", "home", "sources", "version", "description", "keywords", "maintainers", "icon",
	"apiVersion", "condition", "tags", "appVersion", "deprecated", "annotations", "kubeVersion",
	"dependencies", "type",
};

static bool json_empty(val v)
{
	switch (v.kind) {
	case VAL_NULL:
		return true;
	case VAL_BOOL:
		return !v.u.b;
	case VAL_STRING:
		return v.len == 0;
	case VAL_LIST:
		return val_list_len(v) == 0;
	case VAL_MAP:
		return val_map_len(v) == 0;
	default:
		return false;
	}
}

/* json tags of chart.Maintainer and chart.Dependency, in field order, and
 * which of them are omitempty */
static const char *const maintainer_json[] = { "name", "email", "url" };
static const char *const dependency_json[] = { "name", "version", "repository", "condition",
					       "tags", "enabled", "import-values", "alias" };
static const bool dependency_omit[] = { false, true, false, true, true, true, true, true };

/* json tags of version.BuildInfo, in field order */
static const char *const buildinfo_json[] = { "version", "git_commit", "git_tree_state", "go_version" };

static val plain_struct(struct arena *a, val v, const char *const *names, size_t nnames, bool omitempty)
{
	size_t cnt = val_map_len(v);
	val m = val_map_new(a, cnt);
	m.flags = VAL_F_STRUCT;
	for (size_t i = 0; i < cnt; i++) {
		const struct val_map_entry *e = val_map_entry_at(v, i);
		if (omitempty && json_empty(e->v))
			continue;
		const char *k = i < nnames ? names[i] : e->key;
		val_map_set(a, m, k, strlen(k), engine_plain(a, e->v));
	}
	return m;
}

val engine_plain(struct arena *a, val v)
{
	switch (v.kind) {
	case VAL_LIST: {
		val l = val_list_new(a, val_list_len(v));
		for (size_t i = 0; i < val_list_len(v); i++)
			val_list_push(a, l, engine_plain(a, val_list_at(v, i)));
		return l;
	}
	case VAL_MAP:
		break;
	default:
		v.flags = 0;
		return v;
	}
	size_t cnt = val_map_len(v);
	switch (v.gotype) {
	case GT_CHART_META: {
		/* the embedded Metadata's fields are promoted, by json tag */
		val m = val_map_new(a, cnt);
		m.flags = VAL_F_STRUCT;
		for (size_t i = 0; i + 1 < cnt && i < sizeof(meta_json) / sizeof(meta_json[0]); i++) {
			val f = val_map_entry_at(v, i)->v;
			if (!json_empty(f))
				set_field(a, m, meta_json[i], engine_plain(a, f));
		}
		set_field(a, m, "IsRoot", val_map_entry_at(v, cnt - 1)->v);
		return m;
	}
	case GT_HELMVERSION:
		return plain_struct(a, v, buildinfo_json, 4, true);
	case GT_MAINTAINER:
		return plain_struct(a, v, maintainer_json, 3, true);
	case GT_DEPENDENCY: {
		val m = val_map_new(a, cnt);
		m.flags = VAL_F_STRUCT;
		for (size_t i = 0; i < cnt && i < 8; i++) {
			val f = val_map_entry_at(v, i)->v;
			if (!(dependency_omit[i] && json_empty(f)))
				val_map_set(a, m, dependency_json[i], strlen(dependency_json[i]), engine_plain(a, f));
		}
		return m;
	}
	case FN_GT_TIME:
		return fn_time_plain(a, v);
	case FN_GT_SEMVER:
	case FN_GT_SEMVER_VALUE:
		return fn_semver_plain(a, v);
	case FN_GT_CERTIFICATE:
		return plain_struct(a, v, NULL, 0, false);
	case GT_CAPABILITIES:
	case GT_KUBEVERSION:
		return plain_struct(a, v, NULL, 0, false);
	case GT_FILES: {
		val m = val_map_new(a, cnt);
		for (size_t i = 0; i < cnt; i++) {
			const struct val_map_entry *e = val_map_entry_at(v, i);
			val_map_set(a, m, e->key, e->klen, e->v); /* []byte: the encoders write base64 */
		}
		return m;
	}
	default: {
		val m = val_map_new(a, cnt);
		for (size_t i = 0; i < cnt; i++) {
			const struct val_map_entry *e = val_map_entry_at(v, i);
			val_map_set(a, m, e->key, e->klen, engine_plain(a, e->v));
		}
		return m;
	}
	}
}

/* ---- engine-bound functions ---- */

static int f_include(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct render *r = x->host;
	val *cnt = val_map_ref(r->included, a[0].u.s, a[0].len);
	if (cnt) {
		if (cnt->u.i > RECURSION_MAX)
			return tmpl_fail(x, "rendering template has a nested reference name: %.*s: unable to execute template",
					 (int)a[0].len, a[0].u.s);
		cnt->u.i++;
	} else {
		val_map_set(r->a, r->included, arena_memdup(r->a, a[0].u.s, a[0].len), a[0].len, val_int(1));
		cnt = val_map_ref(r->included, a[0].u.s, a[0].len);
	}
	struct sb buf = SB_INIT, err = SB_INIT;
	int rc = tmpl_execute(x->set, a[0].u.s, a[0].len, a[1], &buf, &err, r, engine_type_of);
	cnt = val_map_ref(r->included, a[0].u.s, a[0].len);
	cnt->u.i--;
	if (rc < 0) {
		rc = tmpl_fail(x, "%s", err.buf);
	} else {
		*out = val_str(x->a, buf.buf, buf.len);
	}
	sb_release(&buf);
	sb_release(&err);
	return rc;
}

/* strings.ReplaceAll(out, "<no value>", ""), moving only what follows a hit. */
static void strip_no_value(struct sb *s)
{
	char *p = memchr(s->buf, '<', s->len);
	size_t w = p ? (size_t)(p - s->buf) : s->len;
	for (size_t i = w; i < s->len;) {
		if (s->len - i >= 10 && memcmp(s->buf + i, "<no value>", 10) == 0) {
			i += 10;
			continue;
		}
		char *q = memchr(s->buf + i + 1, '<', s->len - i - 1);
		size_t run = (q ? (size_t)(q - s->buf) : s->len) - i;
		memmove(s->buf + w, s->buf + i, run);
		w += run;
		i += run;
	}
	sb_setlen(s, w);
}

static int f_tpl(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct render *r = x->host;
	/* parent.Clone() and t.New(parent.Name()).Parse(tpl): the clone gets the
	 * text as template "gotpl" and whatever it defines; the parent does not */
	struct tmpl_set *clone = arena_alloc(x->a, sizeof(*clone));
	tmpl_set_clone(clone, x->set);
	const char *text = arena_memdup(x->a, a[0].u.s, a[0].len);
	struct sb err = SB_INIT, buf = SB_INIT;
	struct tmpl_tree *tree = NULL;
	int rc = 0;
	/* Execute runs the tree just parsed, not the set's "gotpl": an empty
	 * text leaves the outer tpl's "gotpl" in the set (associate) and must
	 * render "", not the outer text again */
	if (tmpl_parse_top(clone, "gotpl", 5, text, a[0].len, &tree, &err) < 0) {
		struct sb q = SB_INIT;
		strconv_append_quote(&q, a[0].u.s, a[0].len);
		rc = tmpl_fail(x, "cannot parse template %s: %s", q.buf, err.buf);
		sb_release(&q);
	} else if (tmpl_execute_tree(clone, tree, a[1], &buf, &err, r, engine_type_of) < 0) {
		struct sb q = SB_INIT;
		strconv_append_quote(&q, a[0].u.s, a[0].len);
		rc = tmpl_fail(x, "error during tpl function execution for %s: %s", q.buf, err.buf);
		sb_release(&q);
	} else {
		strip_no_value(&buf);
		*out = val_str(x->a, buf.buf, buf.len);
	}
	sb_release(&err);
	sb_release(&buf);
	return rc;
}

#define WARN_START "HELM_ERR_START"
#define WARN_END "HELM_ERR_END"

static int f_required(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	if (a[1].kind == VAL_NULL || (a[1].kind == VAL_STRING && a[1].gotype == GT_DEFAULT && a[1].len == 0))
		return tmpl_fail(x, WARN_START "%.*s" WARN_END, (int)a[0].len, a[0].u.s);
	*out = a[1];
	return 0;
}

static int f_fail(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return tmpl_fail(x, WARN_START "%.*s" WARN_END, (int)a[0].len, a[0].u.s);
}

static int f_lookup(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct render *r = x->host;
	const char *s[4];
	struct sb err = SB_INIT;
	int rc = 0;

	if (!r->lookup) {
		*out = val_map_new(x->a, 0);
		return 0;
	}
	for (size_t i = 0; i < 4; i++)
		s[i] = arena_memdup(x->a, a[i].u.s, a[i].len);
	if (r->lookup->fn(r->lookup->ctx, s[0], s[1], s[2], s[3], out, &err) < 0)
		rc = tmpl_fail(x, "%s", err.buf);
	else if (out->kind != VAL_MAP)
		*out = val_map_new(x->a, 0);
	sb_release(&err);
	return rc;
}

static int f_gethostbyname(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = val_str_ref("", 0);
	return 0;
}

static const struct tmpl_func engine_funcs[] = {
	{ "include", f_include, 2, false, { TP_STRING, TP_ANY } },
	{ "tpl", f_tpl, 2, false, { TP_STRING, TP_ANY } },
	{ "required", f_required, 2, false, { TP_STRING, TP_ANY } },
	{ "fail", f_fail, 1, false, { TP_STRING } },
	{ "lookup", f_lookup, 4, false, { TP_STRING, TP_STRING, TP_STRING, TP_STRING } },
	{ "getHostByName", f_gethostbyname, 1, false, { TP_STRING } },
};

/* ---- render values ---- */

static val chart_meta_struct(struct arena *a, const struct chart *c)
{
	val meta = c->meta;
	val m = val_typed(val_map_new(a, 18), GT_CHART_META);
	set_field(a, m, "Name", meta_string(a, meta, "name"));
	set_field(a, m, "Home", meta_string(a, meta, "home"));
	set_field(a, m, "Sources", meta_strings(a, meta, "sources"));
	set_field(a, m, "Version", meta_string(a, meta, "version"));
	set_field(a, m, "Description", meta_string(a, meta, "description"));
	set_field(a, m, "Keywords", meta_strings(a, meta, "keywords"));
	val maint = val_typed(val_list_new(a, 0), GT_MAINTAINERS);
	val ml = get_field(meta, "maintainers");
	if (ml.kind != VAL_LIST)
		maint.flags |= VAL_F_GO_NIL;
	if (ml.kind == VAL_LIST) {
		for (size_t i = 0; i < val_list_len(ml); i++) {
			val e = val_list_at(ml, i);
			val s = val_typed(val_map_new(a, 3), GT_MAINTAINER);
			set_field(a, s, "Name", meta_string(a, e, "name"));
			set_field(a, s, "Email", meta_string(a, e, "email"));
			set_field(a, s, "URL", meta_string(a, e, "url"));
			val_list_push(a, maint, s);
		}
	}
	set_field(a, m, "Maintainers", maint);
	set_field(a, m, "Icon", meta_string(a, meta, "icon"));
	set_field(a, m, "APIVersion", meta_string(a, meta, "apiVersion"));
	set_field(a, m, "Condition", meta_string(a, meta, "condition"));
	set_field(a, m, "Tags", meta_string(a, meta, "tags"));
	set_field(a, m, "AppVersion", meta_string(a, meta, "appVersion"));
	val dep = get_field(meta, "deprecated");
	set_field(a, m, "Deprecated", val_bool(dep.kind == VAL_BOOL && dep.u.b));
	val ann = val_typed(val_map_new(a, 0), GT_STRING_MAP);
	val am = get_field(meta, "annotations");
	if (am.kind != VAL_MAP)
		ann.flags |= VAL_F_GO_NIL;
	if (am.kind == VAL_MAP)
		for (size_t i = 0; i < val_map_len(am); i++) {
			const struct val_map_entry *e = val_map_entry_at(am, i);
			if (e->v.kind == VAL_STRING)
				val_map_set(a, ann, e->key, e->klen, e->v);
		}
	set_field(a, m, "Annotations", ann);
	set_field(a, m, "KubeVersion", meta_string(a, meta, "kubeVersion"));
	val deps = val_typed(val_list_new(a, 0), GT_DEPENDENCIES);
	val dl = get_field(meta, "dependencies");
	if (dl.kind != VAL_LIST)
		deps.flags |= VAL_F_GO_NIL;
	if (dl.kind == VAL_LIST) {
		for (size_t i = 0; i < val_list_len(dl); i++) {
			val e = val_list_at(dl, i);
			val s = val_typed(val_map_new(a, 9), GT_DEPENDENCY);
			set_field(a, s, "Name", meta_string(a, e, "name"));
			set_field(a, s, "Version", meta_string(a, e, "version"));
			set_field(a, s, "Repository", meta_string(a, e, "repository"));
			set_field(a, s, "Condition", meta_string(a, e, "condition"));
			set_field(a, s, "Tags", meta_strings(a, e, "tags"));
			val en = get_field(e, "enabled");
			set_field(a, s, "Enabled", val_bool(en.kind == VAL_BOOL && en.u.b));
			val iv = get_field(e, "import-values");
			set_field(a, s, "ImportValues", iv.kind == VAL_LIST ? iv : val_list_new(a, 0));
			set_field(a, s, "Alias", meta_string(a, e, "alias"));
			val_list_push(a, deps, s);
		}
	}
	set_field(a, m, "Dependencies", deps);
	set_field(a, m, "Type", meta_string(a, meta, "type"));
	set_field(a, m, "IsRoot", val_bool(c->parent == NULL));
	return m;
}

static val capabilities_struct(struct arena *a, const struct engine_caps *caps)
{
	val c = val_typed(val_map_new(a, 3), GT_CAPABILITIES);
	val kv = val_typed(val_map_new(a, 3), GT_KUBEVERSION);
	set_field(a, kv, "Version", str_val(a, caps->kube_version));
	set_field(a, kv, "Major", str_val(a, caps->kube_major));
	set_field(a, kv, "Minor", str_val(a, caps->kube_minor));
	set_field(a, c, "KubeVersion", kv);
	val vs = val_typed(val_list_new(a, caps->napi_versions), GT_VERSIONSET);
	for (size_t i = 0; i < caps->napi_versions; i++)
		val_list_push(a, vs, val_str_ref(caps->api_versions[i], strlen(caps->api_versions[i])));
	set_field(a, c, "APIVersions", vs);
	/* helm version as the released 3.17.3 binary reports it */
	val hv = val_typed(val_map_new(a, 4), GT_HELMVERSION);
	set_field(a, hv, "Version", val_str_ref("v3.17.3", 7));
	set_field(a, hv, "GitCommit", val_str_ref("e4da49785aa6e6ee2b86efd5dd9e43400318262b", 40));
	set_field(a, hv, "GitTreeState", val_str_ref("clean", 5));
	set_field(a, hv, "GoVersion", val_str_ref("go1.23.7", 8));
	set_field(a, c, "HelmVersion", hv);
	return c;
}

val engine_render_values(struct arena *a, const struct chart *c, val values,
			 const struct engine_release *rel, const struct engine_caps *caps)
{
	val top = val_typed(val_map_new(a, 4), GT_VALUES);
	set_field(a, top, "Chart", chart_meta_struct(a, c));
	set_field(a, top, "Capabilities", capabilities_struct(a, caps));
	val r = val_map_new(a, 6);
	set_field(a, r, "Name", str_val(a, rel->name));
	set_field(a, r, "Namespace", str_val(a, rel->namespace_));
	set_field(a, r, "IsUpgrade", val_bool(rel->is_upgrade));
	set_field(a, r, "IsInstall", val_bool(rel->is_install));
	set_field(a, r, "Revision", val_typed(val_int(rel->revision), GT_INT));
	set_field(a, r, "Service", val_str_ref("Helm", 4));
	set_field(a, top, "Release", r);
	set_field(a, top, "Values", val_typed(values, GT_VALUES));
	return top;
}

/* ---- the render ---- */

struct tpl {
	const char *name; /* "chart/templates/x.yaml" */
	size_t nlen;
	const struct chart_file *file;
	val vals;         /* the chart's scope (Values, Chart, Files, ...) */
	const char *base; /* "chart/templates" */
	size_t blen;
};

struct tpls {
	struct tpl *v;
	size_t n, cap;
};

static bool is_library(const struct chart *c)
{
	val t = get_field(c->meta, "type");
	return t.kind == VAL_STRING && t.len == 7 && strncasecmp(t.u.s, "library", 7) == 0;
}

/* recAllTpls: each chart's scope and its templates. */
static val rec_all_tpls(struct arena *a, const struct chart *c, struct tpls *out, val parent_vals)
{
	val subcharts = val_map_new(a, 0);
	val next = val_typed(val_map_new(a, 6), GT_VALUES);
	set_field(a, next, "Chart", chart_meta_struct(a, c));
	val files = val_typed(val_map_new(a, c->nfiles), GT_FILES);
	for (size_t i = 0; i < c->nfiles; i++)
		val_map_set(a, files, c->files[i].name, strlen(c->files[i].name),
			    val_typed(val_str_ref(c->files[i].data, c->files[i].len), GT_BYTES));
	set_field(a, next, "Files", files);
	set_field(a, next, "Release", get_field(parent_vals, "Release"));
	set_field(a, next, "Capabilities", get_field(parent_vals, "Capabilities"));
	val values = val_typed(val_map_new(a, 0), GT_VALUES);
	if (!c->parent) {
		values = get_field(parent_vals, "Values");
	} else {
		size_t nl;
		const char *name = chart_name(c, &nl);
		val pv = get_field(parent_vals, "Values");
		val *sub = pv.kind == VAL_MAP ? val_map_ref(pv, name, nl) : NULL;
		if (sub && sub->kind == VAL_MAP && (sub->gotype == GT_DEFAULT || sub->gotype == GT_VALUES))
			values = val_typed(*sub, GT_VALUES);
	}
	set_field(a, next, "Values", values);
	set_field(a, next, "Subcharts", subcharts);
	for (size_t i = 0; i < c->ndeps; i++) {
		size_t nl;
		const char *name = chart_name(c->deps[i], &nl);
		val_map_set(a, subcharts, name, nl, rec_all_tpls(a, c->deps[i], out, next));
	}
	struct sb full = SB_INIT;
	chart_full_path(c, &full);
	bool lib = is_library(c);
	for (size_t i = 0; i < c->ntemplates; i++) {
		const struct chart_file *f = &c->templates[i];
		size_t fl = strlen(f->name);
		size_t bn;
		const char *b = base_name(f->name, fl, &bn);
		if (lib && b[0] != '_')
			continue;
		struct sb name = SB_INIT;
		sb_add(&name, full.buf, full.len);
		sb_addc(&name, '/');
		sb_add(&name, f->name, fl);
		if (out->n == out->cap) {
			size_t nc = out->cap ? out->cap * 2 : 16;
			out->v = arena_grow(a, out->v, out->cap * sizeof(*out->v), nc * sizeof(*out->v));
			out->cap = nc;
		}
		struct sb base = SB_INIT;
		sb_add(&base, full.buf, full.len);
		sb_adds(&base, "/templates");
		out->v[out->n++] = (struct tpl){ arena_memdup(a, name.buf, name.len), name.len, f, next,
						 arena_memdup(a, base.buf, base.len), base.len };
		sb_release(&name);
		sb_release(&base);
	}
	sb_release(&full);
	return next;
}

/* sortTemplates: deepest paths first, then byte order, reversed (Helm
 * sorts by ascending depth/name and then reverses). */
static int tpl_cmp(const void *x, const void *y)
{
	const struct tpl *a = x, *b = y;
	size_t ca = 0, cb = 0;
	for (size_t i = 0; i < a->nlen; i++)
		ca += a->name[i] == '/';
	for (size_t i = 0; i < b->nlen; i++)
		cb += b->name[i] == '/';
	if (ca != cb)
		return ca < cb ? 1 : -1;
	size_t n = a->nlen < b->nlen ? a->nlen : b->nlen;
	int c = memcmp(a->name, b->name, n);
	if (!c)
		c = (a->nlen > b->nlen) - (a->nlen < b->nlen);
	return -c;
}

/* cleanupParseError: "parse error at (LOCATION): LAST-PART". */
static void cleanup_parse_error(const char *filename, const struct sb *e, struct sb *err)
{
	const char *first = strstr(e->buf, ": ");
	if (!first) {
		sb_addf(err, "parse error in (%s): %s", filename, e->buf);
		return;
	}
	const char *loc = first + 2;
	const char *loc_end = strstr(loc, ": ");
	if (!loc_end)
		loc_end = e->buf + e->len;
	const char *last = e->buf, *p = e->buf;
	while ((p = strstr(p, ": "))) {
		last = p + 2;
		p += 2;
	}
	sb_adds(err, "parse error at (");
	sb_add(err, loc, (size_t)(loc_end - loc));
	sb_adds(err, "): ");
	sb_adds(err, last);
}

/* cleanupExecError: a required/fail message comes out as
 * "execution error at (LOCATION): MESSAGE"; anything else unchanged. */
static void cleanup_exec_error(const struct sb *e, struct sb *err)
{
	const char *t1 = strstr(e->buf, ": ");
	const char *t2 = t1 ? strstr(t1 + 2, ": ") : NULL;
	if (t2) {
		const char *rest = t2 + 2;
		const char *s = strstr(rest, WARN_START);
		const char *end = NULL;
		if (s) {
			/* greedy (?s).* : the last end marker */
			for (const char *q = s; (q = strstr(q, WARN_END)); q++)
				end = q;
		}
		if (s && end && end >= s + strlen(WARN_START)) {
			sb_adds(err, "execution error at (");
			sb_add(err, t1 + 2, (size_t)(t2 - (t1 + 2)));
			sb_adds(err, "): ");
			sb_add(err, s + strlen(WARN_START), (size_t)(end - (s + strlen(WARN_START))));
			return;
		}
	}
	sb_add(err, e->buf, e->len);
}

/* How many calls of Sprig's 2048-bit key makers (genCA, genSelfSignedCert,
 * genSignedCert, not their *WithKey forms) the actions of a template hold:
 * the keys the RSA pool may make ahead (a call in a loop or a branch not
 * taken only changes how much is made ahead, never the output).  Only the
 * text between "{{" and "}}" is read: CRD-sized templates are mostly plain
 * text, which memchr skips. */
static int keygen_calls(const struct chart_file *f)
{
	static const struct {
		const char *s;
		size_t n;
	} names[] = { { "genCA", 5 }, { "genSelfSignedCert", 17 }, { "genSignedCert", 13 } };
	int calls = 0;
	const char *p = f->data, *e = p + f->len;
	while ((p = memchr(p, '{', (size_t)(e - p))) && e - p > 1) {
		if (p[1] != '{') {
			p++;
			continue;
		}
		const char *q = memmem(p + 2, (size_t)(e - p - 2), "}}", 2);
		if (!q)
			q = e;
		for (const char *r = p + 2; r + 5 <= q; r++) {
			if (r[0] != 'g' || r[1] != 'e' || r[2] != 'n')
				continue;
			for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
				size_t n = names[k].n;
				if ((size_t)(q - r) >= n && !memcmp(r, names[k].s, n) &&
				    (r + n == q || !(isalnum((unsigned char)r[n]) || r[n] == '_')))
					calls++;
			}
		}
		p = q;
	}
	return calls;
}

static int chart_keygen_calls(const struct chart *c)
{
	int calls = 0;
	for (size_t i = 0; i < c->ntemplates; i++)
		calls += keygen_calls(&c->templates[i]);
	for (size_t i = 0; i < c->ndeps; i++)
		calls += chart_keygen_calls(c->deps[i]);
	return calls;
}

void engine_keygen_ahead(const struct chart *c)
{
	fn_rsa_pool_start(2048, chart_keygen_calls(c));
}

void engine_keygen_stop(void)
{
	fn_rsa_pool_stop();
}

static int render_tpls(struct render *r, const struct tpls *tpp, val *out, struct sb *err);

int engine_render(struct arena *a, const struct chart *c, val top, val *out, struct sb *err)
{
	return engine_render_lookup(a, c, top, NULL, out, err);
}

int engine_render_lookup(struct arena *a, const struct chart *c, val top, const struct engine_lookup *lookup,
			 val *out, struct sb *err)
{
	struct render *r = arena_zalloc(a, sizeof(*r));
	r->a = a;
	r->lookup = lookup;
	r->included = val_map_new(a, 0);
	tmpl_funcs_init(&r->funcs, a);
	fn_helm_funcmap(&r->funcs);
	tmpl_funcs_add(&r->funcs, engine_funcs, sizeof(engine_funcs) / sizeof(engine_funcs[0]));
	tmpl_set_init(&r->set, a, &r->funcs);
	r->set.root_name = "gotpl";

	struct tpls tp = { 0 };
	rec_all_tpls(a, c, &tp, top);
	if (tp.n > 1) /* qsort may not be given a NULL array */
		qsort(tp.v, tp.n, sizeof(*tp.v), tpl_cmp);
	/* keys made in the background while we parse and render (a no-op
	 * when engine_keygen_ahead started the pool already) */
	int calls = 0;
	for (size_t i = 0; i < tp.n; i++)
		calls += keygen_calls(tp.v[i].file);
	fn_rsa_pool_start(2048, calls);
	int rc = render_tpls(r, &tp, out, err);
	fn_rsa_pool_stop();
	return rc;
}

/* Outputs at least this long are handed to the arena instead of copied. */
#define ADOPT_MIN (64 << 10)

/* Parse every template into one set, execute the non-partials in order. */
static int render_tpls(struct render *r, const struct tpls *tpp, val *out, struct sb *err)
{
	struct arena *a = r->a;
	const struct tpls tp = *tpp;
	struct sb e = SB_INIT;
	for (size_t i = 0; i < tp.n; i++) {
		if (tmpl_parse(&r->set, tp.v[i].name, tp.v[i].nlen, tp.v[i].file->data, tp.v[i].file->len, &e) < 0) {
			cleanup_parse_error(tp.v[i].name, &e, err);
			sb_release(&e);
			return -1;
		}
	}
	val result = val_map_new(a, tp.n);
	struct sb buf = SB_INIT;
	for (size_t i = 0; i < tp.n; i++) {
		size_t bn;
		const char *b = base_name(tp.v[i].name, tp.v[i].nlen, &bn);
		if (b[0] == '_')
			continue;
		val tv = val_typed(val_map_new(a, 2), GT_VALUES);
		set_field(a, tv, "Name", val_str_ref(tp.v[i].name, tp.v[i].nlen));
		set_field(a, tv, "BasePath", val_str_ref(tp.v[i].base, tp.v[i].blen));
		/* Helm sets vals["Template"] on the shared scope map */
		set_field(a, tp.v[i].vals, "Template", tv);
		sb_reset(&buf);
		/* the output is usually about as long as the template text */
		sb_grow(&buf, tp.v[i].file->len);
		int rc = tmpl_execute(&r->set, tp.v[i].name, tp.v[i].nlen, tp.v[i].vals, &buf, &e, r, engine_type_of);
		if (rc < 0) {
			if (rc == TMPL_ENOTEMPLATE)
				sb_add(err, e.buf, e.len);
			else
				cleanup_exec_error(&e, err);
			sb_release(&e);
			sb_release(&buf);
			return -1;
		}
		strip_no_value(&buf);
		val text;
		if (buf.len >= ADOPT_MIN) {
			/* a big output (CRDs: megabytes) becomes the value itself,
			 * not a copy: fewer pages touched, a smaller peak RSS */
			size_t len;
			char *p = sb_detach(&buf, &len);
			p = xrealloc(p, len + 1); /* drop the slack */
			arena_adopt(a, p);
			text = val_str_ref(p, len);
		} else {
			text = val_str(a, buf.buf, buf.len);
		}
		val_map_set(a, result, tp.v[i].name, tp.v[i].nlen, text);
	}
	sb_release(&e);
	sb_release(&buf);
	*out = result;
	return 0;
}
