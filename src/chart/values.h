/* values.h — Helm 3.17.3's values pipeline: user values from -f/--set*
 * (pkg/cli/values), coalescing with the chart tree's values.yaml files
 * (pkg/chartutil/coalesce.go) and dependency processing: conditions, tags,
 * aliases, import-values (pkg/chartutil/dependencies.go).
 *
 * Warnings are the lines Helm's log prints (log.Lshortfile: "coalesce.go:237:
 * warning: ..."), each ending in '\n'.  Where Go iterates a map, Go's order
 * is random; we go in sorted key order, so only the order of warnings from
 * one loop can differ from a given Helm run. */
#ifndef COZY_VALUES_H
#define COZY_VALUES_H

#include "base/sb.h"
#include "chart/chart.h"
#include "value/value.h"

/* chartutil.CoalesceValues(c, user): a new map (user is deep-copied, never
 * changed).  -1 with Helm's error ("type mismatch on sub: %!t(...)"). */
int values_coalesce(struct arena *a, const struct chart *c, val user, val *out, struct sb *warn,
		    struct sb *err);
/* chartutil.MergeValues: the same but nulls are kept. */
int values_merge(struct arena *a, const struct chart *c, val user, val *out, struct sb *warn,
		 struct sb *err);
/* chartutil.CoalesceTables / MergeTables: src merged into dst (dst wins);
 * returns dst, or src when dst is not a map. */
val values_coalesce_tables(struct arena *a, val dst, val src, bool merge, struct sb *warn);

/* chartutil.ProcessDependenciesWithMerge (deps.c): prunes c->deps (and
 * Chart.yaml's dependencies) to the enabled subcharts with aliases applied,
 * sets each chart's values to include its import-values. */
int values_process_deps(struct arena *a, struct chart *c, val user, struct sb *warn, struct sb *err);

/* What `helm template` does before rendering: ProcessDependenciesWithMerge,
 * then CoalesceValues and (unless skip_schema: --skip-schema-validation,
 * the HelmRelease's disableSchemaValidation) the values.schema.json checks;
 * *out is ToRenderValues' "Values". */
int values_for_render(struct arena *a, struct chart *c, val user, bool skip_schema, val *out, struct sb *warn,
		      struct sb *err);

/* action.CheckDependencies (cmd/helm wraps its error). */
int values_check_deps(const struct chart *c, struct sb *err);

/* log.Printf through Helm's logger, as values.c and deps.c warn: "where: "
 * and fmt formatted by Go's fmt rules, then a newline (nothing if warn is
 * NULL). */
void values_warnf(struct arena *a, struct sb *warn, const char *where, const char *fmt, const val *args,
		  size_t nargs);

/* chartutil.IsCompatibleRange (Masterminds semver v3.3.0 constraint check). */
bool values_compatible_range(const char *constraint, size_t clen, const char *ver, size_t vlen);

/* values.Options (pkg/cli/values): each list in flag order. */
struct values_opts {
	const char *const *files;   /* -f/--values ("-" = stdin) */
	size_t nfiles;
	const char *const *json;    /* --set-json */
	size_t njson;
	const char *const *set;     /* --set */
	size_t nset;
	const char *const *string;  /* --set-string */
	size_t nstring;
	const char *const *file;    /* --set-file */
	size_t nfile;
	const char *const *literal; /* --set-literal */
	size_t nliteral;
};

/* values.Options.MergeValues: the user values map, or -1 with Helm's error. */
int values_merge_options(struct arena *a, const struct values_opts *o, val *out, struct sb *err);

#endif
