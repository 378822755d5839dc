/* fn_toml.h — Helm's toToml/fromToml (BurntSushi/toml v1.4.0, toml.c),
 * called by helm.c's table entries. */
#ifndef COZY_FN_TOML_H
#define COZY_FN_TOML_H

#include "base/sb.h"
#include "value/value.h"

/* toml.NewEncoder(b).Encode(v) appended to out.  0 = ok; -1 = an encoder
 * error (its text in err: Helm prints it as the result); -2 = a Go runtime
 * panic (text in err: the template call fails with it). */
int fn_toml_encode(struct arena *a, val v, struct sb *out, struct sb *err);

/* toml.Unmarshal into map[string]interface{}.  0 = ok; -1 = ParseError text
 * in err; -2 = a panic of the library ("BUG: ..."), text in err.  Integers
 * are int64, floats float64, arrays of tables []map[string]interface{} (as
 * plain lists), datetimes their time.Time.String() text (see docs). */
int fn_toml_decode(struct arena *a, const char *p, size_t n, val *out, struct sb *err);

#endif
