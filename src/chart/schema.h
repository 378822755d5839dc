/* schema.h — values.schema.json validation as Helm 3.17.3 does it
 * (pkg/chartutil/jsonschema.go on github.com/xeipuuv/gojsonschema v1.2.0):
 * the same drafts, keywords, error texts, field paths and error order
 * (where Go's order is random, ours is sorted: see docs/schema.md). */
#ifndef COZY_SCHEMA_H
#define COZY_SCHEMA_H

#include "base/sb.h"
#include "chart/chart.h"
#include "value/value.h"

struct schema;

/* gojsonschema.NewSchema(NewBytesLoader(json)): 0 with *out, or -1 with the
 * error text Go gives (JSON syntax, invalid keyword, unresolvable $ref).
 * *out lives in a; schema_free releases the compiled regexps. */
int schema_compile(struct arena *a, const char *json, size_t n, struct schema **out, struct sb *err);
void schema_free(struct schema *s);

/* schema.Validate of values (a Helm values tree; VAL_NULL counts as {}):
 * 0 when valid, else 1 with one "- <field>: <description>\n" line per
 * ResultError appended to out. */
int schema_validate(struct arena *a, struct schema *s, val values, struct sb *out);

/* chartutil.ValidateAgainstSingleSchema: 0, or -1 with err.Error(). */
int schema_validate_single(struct arena *a, val values, const char *json, size_t n, struct sb *err);

/* chartutil.ValidateAgainstSchema over c and its (enabled) dependencies
 * with the coalesced values: 0, or -1 with err.Error() ("name:\n- ...\n"
 * per failing chart). */
int schema_validate_chart(struct arena *a, const struct chart *c, val values, struct sb *err);

#endif
