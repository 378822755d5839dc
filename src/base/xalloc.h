/* xalloc.h — the one allocation header: malloc/realloc wrappers that never
 * return NULL (out of memory is fatal, as it is for the Go runtime), and the
 * overflow-checked size helpers every growing buffer uses. */
#ifndef COZY_XALLOC_H
#define COZY_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xmemdup(const void *p, size_t n); /* adds a NUL after n bytes */

/* Grow *cap (>= need) geometrically; returns the new capacity. */
size_t xgrow(size_t cap, size_t need);

#endif
