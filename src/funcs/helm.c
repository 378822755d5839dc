/* helm.c — Helm 3.17.3's own template functions (pkg/engine/funcs.go):
 * toYaml fromYaml fromYamlArray toJson fromJson fromJsonArray, which
 * swallow errors the way Helm does (empty string, or an "Error" entry). */
#include "funcs/funcs.h"

#include "chart/engine.h"
#include "funcs/fn_toml.h"
#include "value/codec.h"

/* toYAML: yaml.Marshal, "" on error, one trailing newline trimmed.  Also
 * what engine.files' AsConfig/AsSecrets print (they call Helm's toYAML). */
val fn_helm_to_yaml(struct arena *a, val v)
{
	struct sb s = SB_INIT, err = SB_INIT;
	val out = val_str_ref("", 0);
	if (val_to_yaml(a, engine_plain(a, v), &s, &err) == 0) {
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

static int f_to_yaml_pretty(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	/* gopkg.in/yaml.v3's encoder (indented sequences, its own quoting) is
	 * not reproduced yet: fail loudly rather than print something else. */
	return tmpl_fail(x, "toYamlPretty is not supported by cozypkg yet");
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
	if (val_to_json(x->a, engine_plain(x->a, a[0]), VAL_JSON_ESCAPE_HTML, NULL, NULL, &s, &err) == 0)
		*out = val_str(x->a, s.buf, s.len);
	else
		*out = val_str_ref("", 0);
	sb_release(&s);
	sb_release(&err);
	return 0;
}

static int f_from_json(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb err = SB_INIT;
	val v;
	if (val_from_json(x->a, a[0].u.s, a[0].len, &v, &err) < 0) {
		v = error_map(x, &err);
	} else if (v.kind != VAL_MAP) {
		/* json.Unmarshal into map[string]interface{}: a null leaves the
		 * empty map, other kinds are a type error */
		if (v.kind == VAL_NULL) {
			v = val_map_new(x->a, 0);
		} else {
			struct sb e = SB_INIT;
			sb_addf(&e, "json: cannot unmarshal %s into Go value of type map[string]interface {}",
				v.kind == VAL_LIST ? "array" : v.kind == VAL_STRING ? "string" :
				v.kind == VAL_BOOL ? "bool" : "number");
			v = error_map(x, &e);
			sb_release(&e);
		}
	}
	sb_release(&err);
	*out = v;
	return 0;
}

static int f_from_json_array(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb err = SB_INIT;
	val v;
	if (val_from_json(x->a, a[0].u.s, a[0].len, &v, &err) < 0) {
		v = val_list_new(x->a, 1);
		val_list_push(x->a, v, val_str(x->a, err.buf, err.len));
	} else if (v.kind != VAL_LIST) {
		if (v.kind == VAL_NULL) {
			v = val_list_new(x->a, 0);
		} else {
			struct sb e = SB_INIT;
			sb_addf(&e, "json: cannot unmarshal %s into Go value of type []interface {}",
				v.kind == VAL_MAP ? "object" : v.kind == VAL_STRING ? "string" :
				v.kind == VAL_BOOL ? "bool" : "number");
			v = val_list_new(x->a, 1);
			val_list_push(x->a, v, val_str(x->a, e.buf, e.len));
			sb_release(&e);
		}
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
