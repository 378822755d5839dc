/* yaml_resolve.h — go-yaml v2's implicit typing of plain scalars
 * (sigs.k8s.io/yaml@v1.4.0/goyaml.v2/resolve.go, the copy Helm 3.17.3 uses).
 * libyaml only reports scalar text; which bytes are a bool, an int, a float,
 * null or a timestamp is decided here, by YAML 1.1 rules as go-yaml has them. */
#ifndef COZY_YAML_RESOLVE_H
#define COZY_YAML_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum yaml_rtag {
	YAML_R_NULL,      /* "", ~, null, Null, NULL */
	YAML_R_BOOL,      /* y Y yes Yes YES on On ON true True TRUE and the negatives */
	YAML_R_INT,       /* fits int64: value in .i */
	YAML_R_UINT,      /* > INT64_MAX but fits uint64: value in .u */
	YAML_R_FLOAT,     /* value in .f (incl. .inf/.nan forms) */
	YAML_R_STR,       /* anything else */
	YAML_R_MERGE,     /* never returned by the resolver: resolve.go gives "<<" a
	                     hint of 0, so it is !!str; the decoder tests for "<<"
	                     itself (decode.go isMerge) */
	YAML_R_TIMESTAMP, /* one of go-yaml's allowed time.Parse layouts */
};

struct yaml_resolved {
	enum yaml_rtag tag;
	bool b;
	int64_t i;
	uint64_t u;
	double f;
};

/* resolve("", s): what an untagged plain scalar decodes to. */
void yaml_resolve_plain(const char *s, size_t n, struct yaml_resolved *out);

/* resolve(tag, s) for tag one of !!bool !!int !!float !!null !!timestamp:
 * identical to the plain case except that timestamps are only tried when
 * `timestamps` is set (tag "" or !!timestamp in resolve.go). */
void yaml_resolve_ex(const char *s, size_t n, bool timestamps, struct yaml_resolved *out);

/* parseTimestamp: s matches one of go-yaml's allowedTimestampFormats under
 * Go's time.Parse rules (range checks, leap years, any fraction length). */
bool yaml_parse_timestamp(const char *s, size_t n);

/* isBase60Float (encode.go): the encoder quotes such strings although the
 * resolver reads them as plain strings. */
bool yaml_is_base60_float(const char *s, size_t n);

/* An explicit tag as the decoder sees it (the long form libyaml reports). */
enum yaml_tag {
	YAML_TAG_NONE,      /* no tag: plain scalars resolve implicitly */
	YAML_TAG_STR,
	YAML_TAG_INT,
	YAML_TAG_FLOAT,
	YAML_TAG_BOOL,
	YAML_TAG_NULL,
	YAML_TAG_TIMESTAMP,
	YAML_TAG_BINARY,
	YAML_TAG_MERGE,
	YAML_TAG_OTHER,     /* custom or non-resolvable: the text stays a string */
};
enum yaml_tag yaml_tag_of(const char *tag, size_t n);

/* resolve(tag, s) with go-yaml's check that the result fits the tag: on a
 * mismatch appends "yaml: cannot decode !!X `s` as a !!Y" to err and returns
 * -1.  !!float accepts ints (converted); !!str, !!binary and unknown tags
 * accept anything as YAML_R_STR. */
struct sb;
int yaml_resolve_tagged(enum yaml_tag tag, const char *s, size_t n, struct yaml_resolved *out,
			struct sb *err);

/* Short name of a resolved tag as go-yaml prints it in errors ("!!int"). */
const char *yaml_rtag_short(enum yaml_rtag t);

#endif
