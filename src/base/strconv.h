/* strconv.h — Go's strconv number formatting, byte for byte.  Every encoder
 * (encoding/json, go-yaml, fmt) formats float64 through here. */
#ifndef COZY_STRCONV_H
#define COZY_STRCONV_H

#include <stdint.h>

#include "base/sb.h"

/* strconv.FormatFloat(f, fmt, prec, 64): fmt is one of 'e' 'E' 'f' 'g' 'G'
 * 'b' 'x' 'X';
 * prec -1 asks for the shortest digits that read back as f. */
void strconv_format_float(struct sb *out, double f, char fmt, int prec);

/* The decimal digits of |f|: digits[0..nd) with the decimal point after dp
 * digits (Go's decimalSlice).  prec -1 = shortest round-trip digits, else
 * `prec` significant digits for mode 'e', or `prec` digits after the point
 * for mode 'f'.  digits needs room for 800 bytes; trailing zeros trimmed. */
void strconv_float_digits(double f, char mode, int prec, char *digits, int *nd, int *dp);

/* strconv.FormatFloat(float64(x), 'g', -1, 32): the shortest digits that
 * read back as the float32 x; "NaN", "+Inf", "-Inf" as Go spells them. */
void strconv_format_float32_g(struct sb *out, float x);

/* strconv.FormatInt / FormatUint in base 2..36. */
void strconv_format_int(struct sb *out, int64_t i, int base);
void strconv_format_uint(struct sb *out, uint64_t u, int base);

/* The number text encoding/json writes for a float64 (floatEncoder): 'f'
 * shortest unless |f| < 1e-6 or >= 1e21, then 'e' with "e-09" cleaned to
 * "e-9".  NaN/Inf are the caller's error. */
void strconv_json_float(struct sb *out, double f);

#endif
