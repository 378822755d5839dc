/* helm.c — Helm 3.17.3's own template functions (pkg/engine/funcs.go):
 * toYaml toYamlPretty fromYaml fromYamlArray toJson fromJson fromJsonArray,
 * which swallow errors the way Helm does (empty string, or an "Error" entry). */
#include "funcs/funcs.h"

#include "chart/engine.h"
#include "funcs/fn_crypto.h"
#include "funcs/fn_numbers.h"
#include "funcs/fn_toml.h"
#include "value/codec.h"

/* Does v hold a Go nil slice (VAL_F_GO_NIL) anywhere? */
static bool has_go_nil(val v, int depth)
{
	if (depth > 10000)
		return false;
	if (v.kind == VAL_LIST) {
		if (v.flags & VAL_F_GO_NIL)
			return true;
		for (size_t i = 0; i < val_list_len(v); i++)
			if (has_go_nil(val_list_at(v, i), depth + 1))
				return true;
	} else if (v.kind == VAL_MAP) {
		if (v.flags & VAL_F_GO_NIL)
			return true;
		for (size_t i = 0; i < val_map_len(v); i++)
			if (has_go_nil(val_map_entry_at(v, i)->v, depth + 1))
				return true;
	}
	return false;
}

static val go_nil_to_null(struct arena *a, val v)
{
	if (v.kind == VAL_LIST) {
		if (v.flags & VAL_F_GO_NIL)
			return val_null();
		val l = val_list_new(a, val_list_len(v));
		l.gotype = v.gotype;
		l.flags = v.flags;
		for (size_t i = 0; i < val_list_len(v); i++)
			val_list_push(a, l, go_nil_to_null(a, val_list_at(v, i)));
		return l;
	}
	if (v.kind == VAL_MAP) {
		if (v.flags & VAL_F_GO_NIL)
			return val_null();
		val m = val_map_new(a, val_map_len(v));
		m.gotype = v.gotype;
		m.flags = v.flags;
		for (size_t i = 0; i < val_map_len(v); i++) {
			const struct val_map_entry *e = val_map_entry_at(v, i);
			val_map_set(a, m, e->key, e->klen, go_nil_to_null(a, e->v));
		}
		return m;
	}
	return v;
}

/* What encoding/json sees: Go's nil slices become null (a copy is made only
 * when one is there). */
val fn_json_view(struct arena *a, val v)
{
	if (has_go_nil(v, 0))
		v = go_nil_to_null(a, v);
	return engine_plain(a, v);
}

/* toYAML: yaml.Marshal, "" on error, one trailing newline trimmed.  Also
 * what engine.files' AsConfig/AsSecrets print (they call Helm's toYAML). */
val fn_helm_to_yaml(struct arena *a, val v)
{
	struct sb s = SB_INIT, err = SB_INIT;
	val out = val_str_ref("", 0);
	if (val_to_yaml(a, fn_json_view(a, v), &s, &err) == 0) {
		size_t len = s.len;
		if (len && s.buf[len - 1] == '\n')
			len--;
		out = val_str(a, s.buf, len);
	}
	sb_release(&s);
	sb_release(&err);
	return out;
}

static int f_to_yaml(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = fn_helm_to_yaml(x->a, a[0]);
	return 0;
}

/* ---- toYamlPretty: what gopkg.in/yaml.v3 sees of a host value ----
 * Structs are mappings of their exported fields in declaration order, named
 * by the lowercased field name (no yaml tags in Helm's types), embedded
 * structs included as one field; nil slices and maps print as [] and {};
 * time.Time is written by timev (RFC3339Nano, plain); a *semver.Version is
 * its MarshalText string. */

static val y3_plain(struct arena *a, val v);

static val y3_struct(struct arena *a, val v, size_t from, size_t to)
{
	val m = val_map_new(a, to - from);
	m.flags = VAL_F_STRUCT;
	for (size_t i = from; i < to; i++) {
		const struct val_map_entry *e = val_map_entry_at(v, i);
		char *k = arena_memdup(a, e->key, e->klen);
		for (size_t j = 0; j < e->klen; j++)
			if (k[j] >= 'A' && k[j] <= 'Z')
				k[j] = (char)(k[j] - 'A' + 'a');
		val f = e->v;
		if (f.kind == VAL_NULL)
			f = val_list_new(a, 0); /* the only nil fields are slices */
		val_map_set(a, m, k, e->klen, y3_plain(a, f));
	}
	return m;
}

static val y3_plain(struct arena *a, val v)
{
	switch (v.kind) {
	case VAL_LIST: {
		val l = val_list_new(a, val_list_len(v));
		for (size_t i = 0; i < val_list_len(v); i++)
			val_list_push(a, l, y3_plain(a, val_list_at(v, i)));
		return l;
	}
	case VAL_MAP:
		break;
	case VAL_STRING:
		v.flags = 0;
		return v; /* []byte stays []byte: a list of ints to v3 */
	default:
		v.flags = 0;
		v.gotype = v.gotype == GT_UINT64 ? GT_UINT64 : GT_DEFAULT;
		return v;
	}
	size_t cnt = val_map_len(v);
	switch (v.gotype) {
	case GT_CHART_META: {
		/* struct { chart.Metadata; IsRoot bool }: "metadata" and "isroot" */
		val m = val_map_new(a, 2);
		m.flags = VAL_F_STRUCT;
		val_map_set(a, m, "metadata", 8, cnt ? y3_struct(a, v, 0, cnt - 1) : val_map_new(a, 0));
		if (cnt)
			val_map_set(a, m, "isroot", 6, val_map_entry_at(v, cnt - 1)->v);
		return m;
	}
	case GT_CAPABILITIES:
	case GT_KUBEVERSION:
	case GT_HELMVERSION:
	case GT_MAINTAINER:
	case GT_DEPENDENCY:
	case FN_GT_CERTIFICATE:
		return y3_struct(a, v, 0, cnt);
	case FN_GT_TIME: {
		val t = fn_time_plain(a, v);
		t.flags = VAL_F_YAML_PLAIN;
		return t;
	}
	case FN_GT_SEMVER:
	case FN_GT_SEMVER_VALUE:
		return fn_semver_plain(a, v);
	default: {
		val m = val_map_new(a, cnt);
		for (size_t i = 0; i < cnt; i++) {
			const struct val_map_entry *e = val_map_entry_at(v, i);
			val_map_set(a, m, e->key, e->klen, y3_plain(a, e->v));
		}
		return m;
	}
	}
}

/* toYAMLPretty: a yaml.v3 Encoder with SetIndent(2), "" on error, one
 * trailing newline trimmed. */
static int f_to_yaml_pretty(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb s = SB_INIT, err = SB_INIT;
	*out = val_str_ref("", 0);
	if (val_to_yaml3(x->a, y3_plain(x->a, a[0]), 2, &s, &err) == 0) {
		size_t len = s.len;
		if (len && s.buf[len - 1] == '\n')
			len--;
		*out = val_str(x->a, s.buf, len);
	}
	sb_release(&s);
	sb_release(&err);
	return 0;
}

/* toTOML: BurntSushi/toml's Encoder (toml.c); an encoder error is the
 * result text, a Go panic fails the call. */
static int f_to_toml(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb s = SB_INIT, err = SB_INIT;
	int rc = fn_toml_encode(x->a, a[0], &s, &err);
	if (rc == -2) {
		tmpl_fail(x, "%s", err.buf);
	} else if (rc < 0) {
		*out = val_str(x->a, err.buf, err.len);
	} else {
		*out = val_str(x->a, s.buf, s.len);
	}
	sb_release(&s);
	sb_release(&err);
	return rc == -2 ? -1 : 0;
}

/* fromTOML: toml.Unmarshal into a map, errors in its "Error" key. */
static int f_from_toml(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb err = SB_INIT;
	val v;
	int rc = fn_toml_decode(x->a, a[0].u.s, a[0].len, &v, &err);
	if (rc == -2) {
		tmpl_fail(x, "%s", err.buf);
		sb_release(&err);
		return -1;
	}
	if (rc < 0) {
		v = val_map_new(x->a, 1);
		val_map_set(x->a, v, "Error", 5, val_str(x->a, err.buf, err.len));
	}
	sb_release(&err);
	*out = v;
	return 0;
}

static val error_map(struct tmpl_exec *x, const struct sb *err)
{
	val m = val_map_new(x->a, 1);
	val_map_set(x->a, m, "Error", 5, val_str(x->a, err->buf, err->len));
	return m;
}

static int f_from_yaml(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb err = SB_INIT;
	val v;
	if (val_from_yaml(x->a, a[0].u.s, a[0].len, VAL_YAML_MAP, &v, &err) < 0)
		v = error_map(x, &err);
	sb_release(&err);
	*out = v;
	return 0;
}

static int f_from_yaml_array(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb err = SB_INIT;
	val v;
	if (val_from_yaml(x->a, a[0].u.s, a[0].len, VAL_YAML_LIST, &v, &err) < 0) {
		v = val_list_new(x->a, 1);
		val_list_push(x->a, v, val_str(x->a, err.buf, err.len));
	} else if (v.kind == VAL_NULL) {
		v = val_list_new(x->a, 0); /* Helm starts from []interface{}{} */
	}
	sb_release(&err);
	*out = v;
	return 0;
}

static int f_to_json(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb s = SB_INIT, err = SB_INIT;
	if (val_to_json(x->a, fn_json_view(x->a, a[0]), VAL_JSON_ESCAPE_HTML, NULL, NULL, &s, &err) == 0)
		*out = val_str(x->a, s.buf, s.len);
	else
		*out = val_str_ref("", 0);
	sb_release(&s);
	sb_release(&err);
	return 0;
}

/* decode.go's UnmarshalTypeError for a top-level JSON value of the wrong kind */
static void json_type_error(struct sb *e, val v, const char *go_type)
{
	sb_addf(e, "json: cannot unmarshal %s into Go value of type %s",
		v.kind == VAL_MAP ? "object" : v.kind == VAL_LIST ? "array" : v.kind == VAL_STRING ? "string" :
		v.kind == VAL_BOOL ? "bool" : "number", go_type);
}

/* json.Unmarshal(str, &m): an object decodes into m even when a number in it
 * overflows float64 (that key is nil, the error comes back); another top
 * level is a type error first (the value is skipped, never converted); a
 * syntax error leaves m empty.  Helm then sets m["Error"]. */
static int f_from_json(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb err = SB_INIT;
	val v;
	int rc = val_from_json_partial(x->a, a[0].u.s, a[0].len, &v, &err);
	if (v.kind == VAL_MAP) {
		if (rc < 0)
			val_map_set(x->a, v, "Error", 5, val_str(x->a, err.buf, err.len));
	} else if (v.kind == VAL_NULL) {
		if (rc < 0) {
			v = error_map(x, &err);
		} else {
			v = val_map_new(x->a, 0);
			v.flags |= VAL_F_GO_NIL; /* null sets the map to nil */
		}
	} else {
		struct sb e = SB_INIT;
		json_type_error(&e, v, "map[string]interface {}");
		v = error_map(x, &e);
		sb_release(&e);
	}
	sb_release(&err);
	*out = v;
	return 0;
}

/* json.Unmarshal(str, &list): as fromJson, but any error replaces the
 * result with a list of its text. */
static int f_from_json_array(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb err = SB_INIT;
	val v;
	int rc = val_from_json_partial(x->a, a[0].u.s, a[0].len, &v, &err);
	if (v.kind == VAL_LIST || (v.kind == VAL_NULL && rc < 0)) {
		if (rc < 0) {
			v = val_list_new(x->a, 1);
			val_list_push(x->a, v, val_str(x->a, err.buf, err.len));
		}
	} else if (v.kind == VAL_NULL) {
		v = val_list_new(x->a, 0);
		v.flags |= VAL_F_GO_NIL; /* null sets the slice to nil */
	} else {
		struct sb e = SB_INIT;
		json_type_error(&e, v, "[]interface {}");
		v = val_list_new(x->a, 1);
		val_list_push(x->a, v, val_str(x->a, e.buf, e.len));
		sb_release(&e);
	}
	sb_release(&err);
	*out = v;
	return 0;
}

const struct tmpl_func fn_helm_table[] = {
	{ "toToml", f_to_toml, 1, false, { TP_ANY } },
	{ "fromToml", f_from_toml, 1, false, { TP_STRING } },
	{ "toYaml", f_to_yaml, 1, false, { TP_ANY } },
	{ "toYamlPretty", f_to_yaml_pretty, 1, false, { TP_ANY } },
	{ "fromYaml", f_from_yaml, 1, false, { TP_STRING } },
	{ "fromYamlArray", f_from_yaml_array, 1, false, { TP_STRING } },
	{ "toJson", f_to_json, 1, false, { TP_ANY } },
	{ "fromJson", f_from_json, 1, false, { TP_STRING } },
	{ "fromJsonArray", f_from_json_array, 1, false, { TP_STRING } },
};
const size_t fn_helm_count = sizeof(fn_helm_table) / sizeof(fn_helm_table[0]);
