/* regex.h — Go's regexp.Compile and MatchString (RE2 syntax on PCRE2, see
 * regex.c) for modules outside the template functions, e.g. the JSON
 * schema validator (chart/schema.c: gojsonschema's "pattern"). */
#ifndef COZY_REGEX_H
#define COZY_REGEX_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/sb.h"

struct regex_go;
/* regexp.Compile: 0 with *out (its tables live in a), or -1 with Go's error
 * text in err.  Free the PCRE2 side with regex_go_free. */
int regex_go_compile(struct arena *a, const char *s, size_t n, struct regex_go **out, struct sb *err);
/* MatchString: 1 match, 0 none, -1 when PCRE2 fails (text in err). */
int regex_go_match(struct arena *a, struct regex_go *re, const char *s, size_t n, struct sb *err);
void regex_go_free(struct regex_go *re);

#endif
