/* funcs.h — Sprig v3.3.0's function library and Helm's own template
 * functions, one file per family, each exporting a table of struct
 * tmpl_func (src/tmpl/tmpl.h).  fn_helm_funcmap() assembles the map Helm
 * 3.17.3's engine installs: Sprig's TxtFuncMap minus env/expandenv, then
 * Helm's extras on top. */
#ifndef COZY_FUNCS_H
#define COZY_FUNCS_H

#include <stddef.h>

#include "tmpl/tmpl.h"

#define FN_TABLE(name)                                  \
	extern const struct tmpl_func fn_##name##_table[]; \
	extern const size_t fn_##name##_count

FN_TABLE(strings);  /* strings.c: strings.go, xstrings, goutils */
FN_TABLE(regex);    /* regex.c: regex.go on PCRE2 with RE2 semantics */
FN_TABLE(paths);    /* paths.c: path.* and filepath.* */
FN_TABLE(url);      /* url.c: urlParse, urlJoin */
FN_TABLE(lists);    /* lists.c: list.go */
FN_TABLE(dicts);    /* dicts.c: dict.go */
FN_TABLE(defaults); /* defaults.go: default empty coalesce ternary json... */
FN_TABLE(reflect);  /* reflect.c: typeOf kindOf deepEqual... */
FN_TABLE(numeric);  /* numeric.c: numeric.go + conversions (spf13/cast) */
FN_TABLE(dates);    /* dates.c: date.go with Go time layouts */
FN_TABLE(semver);   /* semver.c: semver, semverCompare */
FN_TABLE(crypto);   /* crypto.c: hashes, bcrypt, certs, AES, derivePassword */
FN_TABLE(encoding); /* encoding.c: b64/b32, random strings, uuid */
FN_TABLE(helm);     /* helm.c: toYaml fromYaml toJson toToml... (Helm's extras) */

/* Helm's toYAML (pkg/engine/funcs.go): sigs.k8s.io/yaml.Marshal with the
 * final newline trimmed, "" when marshalling fails. */
val fn_helm_to_yaml(struct arena *a, val v);

/* What encoding/json sees of a template value: host types as their JSON
 * form, Go's nil maps and slices (VAL_F_GO_NIL) as null. */
val fn_json_view(struct arena *a, val v);

/* Add every table to f in Helm's order (later tables override earlier). */
void fn_helm_funcmap(struct tmpl_funcs *f);

#endif
