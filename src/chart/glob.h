/* glob.h — .Files.Glob patterns exactly as Helm 3.17.3 compiles them:
 * github.com/gobwas/glob v0.2.3 Compile(pattern, '/'), including its
 * optimizing compiler's matcher tree (whose quirks decide some matches) and
 * Helm's fallback to "**" when the pattern does not compile. */
#ifndef COZY_CHART_GLOB_H
#define COZY_CHART_GLOB_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"

struct glob;

/* Compile pat (arena-owned result).  *ok (may be NULL) says whether gobwas
 * accepted it; when it did not the result matches everything, as Helm's
 * engine/files.go Glob does. */
struct glob *glob_compile(struct arena *a, const char *pat, size_t n, bool *ok);
/* 1 match, 0 no match, -1 where gobwas's matcher would panic (index out of
 * range, e.g. "a{}" against "a"). */
int glob_match(struct glob *g, const char *s, size_t n);
/* Free the scratch a glob grows while matching (the glob itself is in the arena). */
void glob_release(struct glob *g);

#endif
