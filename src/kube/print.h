/* print.h — kubectl get's output formats for objects fetched from the API
 * server (k8s.io/cli-runtime/pkg/printers as kubectl v1.35 drives them):
 * server-side Tables (default and -o wide), -o json|yaml|name, and
 * -o jsonpath=/custom-columns= through jsonpath.h and columns.h. */
#ifndef COZY_KUBE_PRINT_H
#define COZY_KUBE_PRINT_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/sb.h"
#include "value/value.h"

enum kube_format {
	KUBE_OUT_TABLE = 0,
	KUBE_OUT_WIDE,
	KUBE_OUT_JSON,
	KUBE_OUT_YAML,
	KUBE_OUT_NAME,
	KUBE_OUT_JSONPATH,
	KUBE_OUT_JSONPATH_JSON, /* jsonpath-as-json */
	KUBE_OUT_COLUMNS,
};

struct kube_printer {
	enum kube_format format;
	const char *arg;        /* the template after "jsonpath=" / "custom-columns=" */
	bool from_file;         /* jsonpath-file= / custom-columns-file=: arg is a path */
};

/* Parses -o; -1 with kubectl's error for an unknown format. */
int kube_printer_parse(const char *o, struct kube_printer *p, struct sb *err);

/* True for the formats printed from server-side Tables. */
static inline bool kube_printer_wants_table(const struct kube_printer *p)
{
	return p->format == KUBE_OUT_TABLE || p->format == KUBE_OUT_WIDE;
}

/* Prints the rows of n metav1.Table objects as one table, as kubectl's
 * HumanReadablePrinter does into one tabwriter; with_namespace prepends
 * NAMESPACE.  Returns the number of rows (0: nothing printed, no header). */
size_t kube_print_tables(struct arena *a, const val *tables, size_t n, bool wide, bool with_namespace,
			 struct sb *out);

/* Prints objects: one object (single=true) or a v1 List of items.
 * kind_group is "helmrelease.helm.toolkit.fluxcd.io" for -o name.
 * metadata.managedFields is dropped as kubectl does without
 * --show-managed-fields.  -1 with err on a template failure. */
int kube_print_objects(struct arena *a, const struct kube_printer *p, const val *items, size_t n, bool single,
		       const char *kind_group, struct sb *out, struct sb *err);

#endif
