/* load.h — loading a chart from a directory or a .tgz the way Helm 3.17.3's
 * pkg/chart/loader does (see load.c). */
#ifndef COZY_CHART_LOAD_H
#define COZY_CHART_LOAD_H

#include "base/sb.h"
#include "chart/chart.h"

/* loader.Load(path): -1 with Helm's error text on failure. */
int chart_load(struct arena *a, const char *path, struct chart **out, struct sb *err);

#endif
