/* strvals.h — Helm 3.17.3's pkg/strvals: the `name=value,a.b[0]=x` syntax
 * of --set, --set-string, --set-json, --set-file and --set-literal, parsed
 * into an existing values map with Helm's typing and error texts. */
#ifndef COZY_STRVALS_H
#define COZY_STRVALS_H

#include "base/sb.h"
#include "value/value.h"

enum strvals_mode {
	STRVALS_SET,     /* ParseInto: int64/bool/null inference */
	STRVALS_STRING,  /* ParseIntoString: every value a string */
	STRVALS_JSON,    /* ParseJSON: every value a JSON document */
	STRVALS_FILE,    /* ParseIntoFile: every value read through a reader */
	STRVALS_LITERAL, /* ParseLiteralInto: the rest of the line, verbatim */
};

/* RunesValueReader: turns the (unescaped) value text into a value; -1 with
 * the error text in err. */
typedef int (*strvals_reader)(void *ctx, struct arena *a, const char *s, size_t n, val *out,
			      struct sb *err);

/* Parse s[0..n) into the map dest (modified in place, as Go does).  -1 and
 * the exact Go error text on failure; dest may then hold a partial result. */
int strvals_parse(struct arena *a, const char *s, size_t n, val dest, enum strvals_mode mode,
		  struct sb *err);
/* STRVALS_FILE with its reader (the other modes ignore rd). */
int strvals_parse_with(struct arena *a, const char *s, size_t n, val dest, enum strvals_mode mode,
		       strvals_reader rd, void *ctx, struct sb *err);

#endif
