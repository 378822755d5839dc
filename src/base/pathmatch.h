/* pathmatch.h — Go's path/filepath.Match on '/'-separated names: '*' and '?'
 * never cross a '/', [...] classes with ranges and '^' negation, '\' escapes.
 * Returns 1 on a match, 0 on none, -1 for a malformed pattern
 * (filepath.ErrBadPattern: "syntax error in pattern"). */
#ifndef COZY_PATHMATCH_H
#define COZY_PATHMATCH_H

#include <stddef.h>

int path_match(const char *pat, size_t plen, const char *name, size_t nlen);

#endif
