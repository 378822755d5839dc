/* chart.h — a loaded chart as the engine needs it (helm.sh/helm/v3
 * pkg/chart.Chart): metadata, templates, other files, values and the
 * enabled dependencies.  File bytes are owned by the run's arena. */
#ifndef COZY_CHART_H
#define COZY_CHART_H

#include <stddef.h>

#include "base/sb.h"
#include "value/value.h"

struct chart_file {
	const char *name; /* path inside the chart, e.g. "templates/x.yaml" */
	const char *data;
	size_t len;
};

struct chart {
	struct chart *parent;
	val meta;                      /* Chart.yaml as decoded (JSON field names) */
	struct chart_file *templates;
	size_t ntemplates;
	struct chart_file *files;      /* every other file, for .Files */
	size_t nfiles;
	val values;                    /* values.yaml */
	const char *schema;            /* values.schema.json, or NULL */
	size_t schema_len;
	struct chart **deps;           /* loaded subcharts (enabled ones after dependency processing) */
	size_t ndeps, capdeps;
};

/* metadata.name ("" when absent) */
const char *chart_name(const struct chart *c, size_t *len);
/* ChartFullPath: "parent/charts/child" */
void chart_full_path(const struct chart *c, struct sb *out);

#endif
