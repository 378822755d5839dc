/* codec.h — bytes in and out of the value model, each the twin of one Go
 * library as Helm 3.17.3 uses it.  Errors are returned as -1 with the exact
 * text Go's error would print appended to `err` (no file name: callers add
 * the context Helm adds). */
#ifndef COZY_CODEC_H
#define COZY_CODEC_H

#include "base/sb.h"
#include "value/value.h"

/* ---- YAML in: sigs.k8s.io/yaml v1.4.0 Unmarshal (yaml_decode.c) ----
 * YAML -> JSON -> interface{}: every number is float64, keys are strings.
 * Only the first document is read, as Unmarshal does. */
enum val_yaml_target {
	VAL_YAML_ANY = 0, /* Unmarshal into interface{} */
	VAL_YAML_MAP,     /* into map[string]interface{}: null/empty -> empty map,
	                     other top-level kinds -> Go's json type error */
	VAL_YAML_LIST,    /* into []interface{} (fromYamlArray) */
};
int val_from_yaml(struct arena *a, const char *p, size_t n, enum val_yaml_target target,
		  val *out, struct sb *err);

/* ---- YAML out: sigs.k8s.io/yaml.Marshal = json.Marshal then go-yaml v2
 * Marshal of the re-read JSON (yaml_encode.c).  Appends to out. ---- */
int val_to_yaml(struct arena *a, val v, struct sb *out, struct sb *err);

/* ---- JSON out: encoding/json (json_encode.c) ---- */
enum val_json_flags {
	VAL_JSON_ESCAPE_HTML = 1, /* json.Marshal default: < > & as \u003c... */
};
/* json.Marshal (flags = VAL_JSON_ESCAPE_HTML), or json.MarshalIndent when
 * indent != NULL.  Errors: NaN/Inf ("json: unsupported value: NaN"). */
int val_to_json(struct arena *a, val v, int flags, const char *prefix, const char *indent,
		struct sb *out, struct sb *err);

/* ---- JSON in: json.Unmarshal into interface{} (json_decode.c) ----
 * Numbers become float64 (VAL_FLOAT); errors as encoding/json words them. */
int val_from_json(struct arena *a, const char *p, size_t n, val *out, struct sb *err);
/* As val_from_json, but when the only error is a number beyond float64
 * (decode.go saveError) *out is what json.Unmarshal leaves decoded: the
 * value with those numbers nil (a top-level one stays a number). */
int val_from_json_partial(struct arena *a, const char *p, size_t n, val *out, struct sb *err);

/* ---- Go fmt (gofmt.c) ---- */
/* fmt.Sprintf(format, args...) appended to out. */
void val_sprintf(struct arena *a, struct sb *out, const char *format, size_t flen,
		 const val *args, size_t nargs);
/* fmt.Sprint(v) / %v of one value. */
void val_fmt_v(struct arena *a, struct sb *out, val v);
/* fmt.Sprint(args...): spaces between operands when neither is a string
 * (Helm's print, toString of several values). */
void val_sprint(struct arena *a, struct sb *out, const val *args, size_t n);
/* fmt.Sprintln(args...): spaces between all operands, newline at the end. */
void val_sprintln(struct arena *a, struct sb *out, const val *args, size_t n);
/* The Go type name (%T) of a value, e.g. "map[string]interface {}". */
const char *val_go_type_name(val v);

/* Host values (value.h: gotype >= GT_HOST_FIRST, the template engine's Go
 * types) as fmt sees them: describe() fills a val_fmt_type or returns false
 * for a value fmt should print by its kind; string() is the type's String()
 * method, which fmt prefers for %v %s %q %x %X at any depth. */
struct val_fmt_type {
	const char *name;       /* %T and %!verb(name=...) */
	bool stringer;          /* has String(): print through val_fmt_host.string */
	bool is_struct;         /* a VAL_MAP of the fields in declaration order */
	bool is_ptr;            /* a pointer to that struct: &{...} on top, an address inside */
	uint8_t embed;          /* the first `embed` fields are the embedded struct embed_name */
	const char *embed_name; /* its field name (%+v) */
	const char *embed_type; /* its type name (%#v) */
};
struct val_fmt_host {
	void *ctx;
	bool (*describe)(void *ctx, val v, struct val_fmt_type *t);
	void (*string)(void *ctx, val v, struct sb *out);
};
/* val_sprintf, val_sprint and val_sprintln with host types (h may be NULL). */
void val_sprintf_h(const struct val_fmt_host *h, struct arena *a, struct sb *out, const char *format,
		   size_t flen, const val *args, size_t nargs);
void val_sprint_h(const struct val_fmt_host *h, struct arena *a, struct sb *out, const val *args, size_t n);
void val_sprintln_h(const struct val_fmt_host *h, struct arena *a, struct sb *out, const val *args, size_t n);

/* ---- YAML out: sigs.k8s.io/yaml v1.4.0's goyaml.v3 (gopkg.in/yaml.v3 v3.0.1
 * fork) Encoder with SetIndent(indent)
 * (yaml3_encode.c), Helm's toYamlPretty.  The value is marshalled as is (no
 * JSON round trip): maps in v3's natural key order, VAL_F_STRUCT maps in
 * field order, []byte as a list of ints.  A string flagged VAL_F_YAML_PLAIN
 * is written as a plain scalar without the resolver check (time.Time's
 * timev).  Appends to out; -1 with err on a value v3 cannot marshal. ---- */
#define VAL_F_YAML_PLAIN 0x2000
/* A VAL_LIST standing for Go's nil slice (Sprig's rest/initial of an empty
 * list, concat of nothing, regexFindAll without a match): it prints, counts
 * and ranges like an empty list, but encoding/json writes null.  Honoured by
 * Helm's toJson/toYaml (src/funcs/helm.c fn_helm_go_nil). */
#define VAL_F_GO_NIL 0x1000
int val_to_yaml3(struct arena *a, val v, int indent, struct sb *out, struct sb *err);

#endif
