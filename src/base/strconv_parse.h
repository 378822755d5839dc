/* strconv_parse.h — Go's strconv.ParseInt/ParseUint/ParseFloat, including
 * base 0 prefixes (0x 0o 0b, leading 0 = octal) and '_' digit separators. */
#ifndef COZY_STRCONV_PARSE_H
#define COZY_STRCONV_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum strconv_err {
	STRCONV_OK = 0,
	STRCONV_SYNTAX, /* "invalid syntax" */
	STRCONV_RANGE,  /* "value out of range" */
};

enum strconv_err strconv_parse_uint(const char *s, size_t n, int base, int bits, uint64_t *out);
enum strconv_err strconv_parse_int(const char *s, size_t n, int base, int bits, int64_t *out);
/* ParseFloat(s, 64): on STRCONV_RANGE *out is ±Inf as Go returns. */
enum strconv_err strconv_parse_float(const char *s, size_t n, double *out);
/* strconv.UnquoteChar(s, quote): decode one (possibly escaped) character of
 * a quoted literal; *used gets the bytes consumed.  False = ErrSyntax. */
bool strconv_unquote_char(const char *s, size_t n, char quote, int32_t *r, bool *multibyte,
			  size_t *used);
/* The error text Go prints for a NumError: `strconv.ParseInt: parsing "x": invalid syntax`. */
const char *strconv_err_text(enum strconv_err e);

#endif
