/* pathclean.h — Go's path.Clean (= filepath.Clean on Linux, where '/' is
 * the only separator): the one copy the template functions, the chart
 * loader and the kubeconfig loader use. */
#ifndef COZY_BASE_PATHCLEAN_H
#define COZY_BASE_PATHCLEAN_H

#include <stddef.h>

#include "base/arena.h"

/* The cleaned form of p[0..n) in arena memory, NUL-terminated; *len gets
 * its length (never more than n, or 1 for "."). */
const char *go_path_clean(struct arena *a, const char *p, size_t n, size_t *len);

#endif
