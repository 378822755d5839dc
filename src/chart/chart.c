/* chart.c — small accessors on the chart tree. */
#include "chart/chart.h"

const char *chart_name(const struct chart *c, size_t *len)
{
	val v;
	if (c->meta.kind == VAL_MAP && val_map_get(c->meta, "name", 4, &v) && v.kind == VAL_STRING) {
		*len = v.len;
		return v.u.s;
	}
	*len = 0;
	return "";
}

void chart_full_path(const struct chart *c, struct sb *out)
{
	if (c->parent) {
		chart_full_path(c->parent, out);
		sb_adds(out, "/charts/");
	}
	size_t n;
	const char *name = chart_name(c, &n);
	sb_add(out, name, n);
}
