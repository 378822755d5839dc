/* columns.h — kubectl's -o custom-columns=NAME:.path,... and
 * -o custom-columns-file=FILE (k8s.io/kubectl v0.35.4 pkg/cmd/get
 * customcolumn.go): spec parsing with kubectl's error texts, one row per
 * object (per item of a list), "<none>" for missing values, values as
 * fmt.Sprint prints them with terminal escapes neutralised, laid out by
 * kubectl's tabwriter (kube/tabwriter.h, tabw_init_kubectl). */
#ifndef COZY_KUBE_COLUMNS_H
#define COZY_KUBE_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/sb.h"
#include "value/value.h"

struct columns_col {
	const char *header;
	size_t hn;
	const char *spec; /* the jsonpath template, after RelaxedJSONPathExpression */
	size_t sn;
};

struct columns {
	struct arena *a;
	struct columns_col *cols;
	size_t n;
	bool no_headers;
	int last_type; /* header printed for: 0 nothing yet, 1 object, 2 list */
};

/* RelaxedJSONPathExpression: "a.b", ".a.b", "{a.b}", "{.a.b}" -> "{.a.b}";
 * "" stays "".  -1 with kubectl's "unexpected path string, ..." error. */
int columns_relaxed_jsonpath(struct arena *a, const char *expr, size_t n, const char **out,
			     size_t *outn, struct sb *err);

/* NewCustomColumnsPrinterFromSpec (-o custom-columns=SPEC, --no-headers).
 * Errors: "custom-columns format specified but no custom columns given",
 * "unexpected custom-columns spec: X, expected <header>:<json-path-expr>". */
int columns_from_spec(struct columns *c, struct arena *a, const char *spec, size_t n, bool no_headers,
		      struct sb *err);
/* NewCustomColumnsPrinterFromTemplate (-o custom-columns-file=FILE, the
 * file's text): a line of headers and a line of specs, whitespace
 * separated.  kubectl ignores --no-headers here, so do we. */
int columns_from_template(struct columns *c, struct arena *a, const char *text, size_t n,
			  struct sb *err);

/* PrintObj.  obj is an object's content; is_list says it is kubectl's list
 * (UnstructuredList, see jsonpath_kubectl_list): one row per item.  Output
 * goes through a fresh kubectl tabwriter flushed into out even when an error
 * is returned (Go flushes in a defer), so the header may precede an error.
 * Errors are the jsonpath ones ("unterminated array", ...) as kubectl
 * returns them; kubectl prints "error: <text>". */
int columns_print(struct columns *c, val obj, bool is_list, struct sb *out, struct sb *err);

#endif
