/* yaml_fast.h — the fast path of val_from_yaml for values files: a line
 * scanner that decodes plain block YAML it can prove go-yaml reads the way
 * the full decoder (yaml_decode.c) does, and declines everything else. */
#ifndef COZY_YAML_FAST_H
#define COZY_YAML_FAST_H

#include <stdbool.h>
#include <stddef.h>

#include "value/value.h"

/* val_from_yaml(a, p, n, VAL_YAML_MAP, out, ...) for input the scanner
 * understands: true with *out set (a map; empty for an empty document).
 * False: not handled, *out untouched — run the full decoder, which gives the
 * same value or the error.  Never reports an error itself. */
bool yfast_decode_map(struct arena *a, const char *p, size_t n, val *out);

#endif
