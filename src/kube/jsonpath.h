/* jsonpath.h — kubectl's JSONPath: k8s.io/client-go v0.35.4 util/jsonpath
 * (parser, evaluator, result printing) and k8s.io/cli-runtime v0.35.4
 * printers.JSONPathPrinter (-o jsonpath=..., jsonpath-as-json), with Go's
 * error texts.
 *
 * Values are the value model; objects should hold integers as VAL_INT, as
 * kubectl's unstructured objects do (JSON decoded with ints preserved):
 * jsonpath_preserve_ints() turns the floats of val_from_json into that.
 * Differences from Go that cannot be mirrored: Go walks map entries for `*`
 * and `..` in random order, we walk them in sorted key order; where Go
 * panics (slicing or JSON-printing a missing range item) we report an error.
 *
 * Everything lives in the arena given to jsonpath_parse(). */
#ifndef COZY_KUBE_JSONPATH_H
#define COZY_KUBE_JSONPATH_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/sb.h"
#include "value/value.h"

struct jsonpath;

/* A result that is Go's zero reflect.Value (a range item that was nil):
 * a VAL_NULL with this gotype.  It prints as "<no value>". */
#define JSONPATH_GT_INVALID 0xFF

/* jsonpath.New(name).Parse(text): NULL with the parser's error in err. */
struct jsonpath *jsonpath_parse(struct arena *a, const char *name, const char *text, size_t n,
				struct sb *err);
/* JSONPath.AllowMissingKeys / EnableJSONOutput. */
void jsonpath_allow_missing_keys(struct jsonpath *jp, bool allow);
void jsonpath_enable_json_output(struct jsonpath *jp, bool on);

/* FindResults: *out is a list of result lists (one per top-level node that
 * printed, as Go's [][]reflect.Value).  -1 with Go's error text. */
int jsonpath_find(struct jsonpath *jp, val data, val *out, struct sb *err);
/* PrintResults of one result list. */
int jsonpath_print_results(struct jsonpath *jp, val results, struct sb *out, struct sb *err);
/* Execute = FindResults + PrintResults of each list.  On error nothing has
 * been appended to out. */
int jsonpath_execute(struct jsonpath *jp, val data, struct sb *out, struct sb *err);

/* ---- kubectl -o jsonpath=TEMPLATE (genericclioptions.JSONPathPrintFlags +
 * printers.JSONPathPrinter).  allow_missing is --allow-missing-template-keys
 * (default true); as_json is -o jsonpath-as-json.  Errors:
 *   "template format specified but no template given"
 *   "error parsing jsonpath {.a, unclosed action"
 * kubectl prints them as "error: <text>". */
struct jsonpath *jsonpath_printer_new(struct arena *a, const char *tmpl, size_t n, bool allow_missing,
				      bool as_json, struct sb *err);
/* PrintObj on an object's UnstructuredContent (or a list from
 * jsonpath_kubectl_list).  On error err gets PrintObj's whole text,
 *   error executing jsonpath "{.x}": Error executing template: x is not
 *   found. Printing more information for debugging the template:\n ...
 * ending in "\n\n\n" (kubectl adds "error: " in front and prints it as is). */
int jsonpath_printer_print(struct jsonpath *jp, val obj, struct sb *out, struct sb *err);

/* The object kubectl get prints when it got several objects (or a list):
 * {"apiVersion":"v1","items":[...],"kind":"List","metadata":{"resourceVersion":""}}
 * (get.go printGeneric).  items is a VAL_LIST of objects. */
val jsonpath_kubectl_list(struct arena *a, val items, const char *resource_version);

/* In place: every whole float within int64 range becomes VAL_INT, as
 * kubectl's decoder (UnmarshalCaseSensitivePreserveInts) reads the API
 * server's JSON, which writes whole numbers without a fraction. */
void jsonpath_preserve_ints(val v);

/* fmt.Sprint(value) of one result (custom-columns cells). */
void jsonpath_sprint(struct arena *a, struct sb *out, val v);

#endif
