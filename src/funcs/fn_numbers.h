/* fn_numbers.h — what numeric.c, dates.c and semver.c share with the rest
 * of cozypkg: spf13/cast v1.7.0's conversions (other families convert the
 * same way) and the Go types their functions return, as template host
 * types (src/tmpl/tmpl.h struct tmpl_type). */
#ifndef COZY_FN_NUMBERS_H
#define COZY_FN_NUMBERS_H

#include <stdint.h>

#include "tmpl/tmpl.h"
#include "value/value.h"

/* Host gotypes of this family (value.h: >= GT_HOST_FIRST). */
enum fn_numbers_gotype {
	FN_GT_INTS = GT_HOST_FIRST + 40, /* VAL_LIST of GT_INT: []int (until, untilStep) */
	FN_GT_TIME,                      /* VAL_MAP: time.Time (dates.c) */
	FN_GT_SEMVER,                    /* VAL_MAP: *semver.Version (semver.c) */
	FN_GT_SEMVER_VALUE,              /* VAL_MAP: semver.Version (IncPatch...) */
	FN_GT_DURATION,                  /* VAL_INT: time.Duration (Time.Sub...) */
	FN_GT_MONTH,                     /* VAL_INT: time.Month */
	FN_GT_WEEKDAY,                   /* VAL_INT: time.Weekday */
	FN_GT_LOCATION,                  /* VAL_STRING: *time.Location (its name) */
};

extern const struct tmpl_type fn_ints_type;
extern const struct tmpl_type fn_time_type;
extern const struct tmpl_type fn_month_type;
extern const struct tmpl_type fn_weekday_type;
extern const struct tmpl_type fn_duration_type;
extern const struct tmpl_type fn_location_type;
extern const struct tmpl_type fn_semver_type;
extern const struct tmpl_type fn_semver_value_type;

/* What encoding/json sees of a time.Time: RFC 3339 with nanoseconds. */
val fn_time_plain(struct arena *a, val v);

/* semver.NewVersion(s): its String() appended to out (a missing minor or
 * patch as 0, no "v"), Major and Minor.  0, or -1 with Masterminds' error
 * text ("Invalid Semantic Version"...).  Helm's ParseKubeVersion. */
int fn_semver_canonical(const char *s, size_t n, struct sb *out, uint64_t *major, uint64_t *minor, struct sb *err);

/* What encoding/json sees of a version: its String() (MarshalJSON). */
val fn_semver_plain(struct arena *a, val v);

/* The host type of one of the gotypes above, or NULL: the engine's
 * type_of callback chains to it. */
const struct tmpl_type *fn_numbers_type_of(uint8_t gotype);

/* cast.ToInt64 / cast.ToFloat64 (ToInt is ToInt64 typed int): anything
 * that does not convert is 0, as the non-E functions return. */
int64_t fn_cast_int64(val v);
double fn_cast_float64(val v);

/* Go's float64 -> int64 conversion on amd64 (CVTTSD2SQ): NaN and values
 * out of range give math.MinInt64. */
int64_t fn_go_f2i(double f);

#endif
