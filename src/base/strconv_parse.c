/* strconv_parse.c — Go's number parsing rules (strconv/atoi.go, atof.go).
 * Digits are checked here exactly as Go checks them; the decimal/hex to
 * double conversion itself is glibc's strtod, which rounds correctly as Go's
 * does. */
#include "base/strconv_parse.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/hex.h"
#include "base/utf8.h"
#include "base/xalloc.h"

static int lower(int c)
{
	return c | 0x20;
}

/* underscoreOK (atoi.go): underscores only between digits or after a base
 * prefix, never leading or trailing or doubled. */
static bool underscore_ok(const char *s, size_t n)
{
	char saw = '^';
	size_t i = 0;
	if (n >= 1 && (s[0] == '-' || s[0] == '+')) {
		s++;
		n--;
	}
	bool hex = false;
	if (n >= 2 && s[0] == '0' && (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x')) {
		i = 2;
		saw = '0';
		hex = lower(s[1]) == 'x';
	}
	for (; i < n; i++) {
		char c = s[i];
		if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
			saw = '0';
			continue;
		}
		if (c == '_') {
			if (saw != '0')
				return false;
			saw = '_';
			continue;
		}
		if (saw == '_')
			return false;
		saw = '!';
	}
	return saw != '_';
}

enum strconv_err strconv_parse_uint(const char *s, size_t n, int base, int bits, uint64_t *out)
{
	*out = 0;
	if (n == 0)
		return STRCONV_SYNTAX;
	bool base0 = base == 0;
	const char *s0 = s;
	size_t n0 = n;
	if (base == 0) {
		base = 10;
		if (s[0] == '0') {
			if (n >= 3 && lower(s[1]) == 'b') {
				base = 2;
				s += 2;
				n -= 2;
			} else if (n >= 3 && lower(s[1]) == 'o') {
				base = 8;
				s += 2;
				n -= 2;
			} else if (n >= 3 && lower(s[1]) == 'x') {
				base = 16;
				s += 2;
				n -= 2;
			} else {
				base = 8;
				s++;
				n--;
			}
		}
	}
	if (bits == 0)
		bits = 64;
	uint64_t max = bits == 64 ? UINT64_MAX : (((uint64_t)1 << bits) - 1);
	uint64_t cutoff = UINT64_MAX / (uint64_t)base + 1;
	bool underscores = false;
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i], d;
		if (c == '_' && base0) {
			underscores = true;
			continue;
		} else if (c >= '0' && c <= '9') {
			d = c - '0';
		} else if (lower(c) >= 'a' && lower(c) <= 'z') {
			d = lower(c) - 'a' + 10;
		} else {
			return STRCONV_SYNTAX;
		}
		if (d >= base)
			return STRCONV_SYNTAX;
		if (v >= cutoff) {
			*out = max;
			return STRCONV_RANGE;
		}
		v *= (uint64_t)base;
		uint64_t v1 = v + (uint64_t)d;
		if (v1 < v || v1 > max) {
			*out = max;
			return STRCONV_RANGE;
		}
		v = v1;
	}
	if (underscores && !underscore_ok(s0, n0))
		return STRCONV_SYNTAX;
	*out = v;
	return STRCONV_OK;
}

enum strconv_err strconv_parse_int(const char *s, size_t n, int base, int bits, int64_t *out)
{
	*out = 0;
	if (n == 0)
		return STRCONV_SYNTAX;
	bool neg = false;
	if (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-';
		s++;
		n--;
	}
	uint64_t u;
	enum strconv_err e = strconv_parse_uint(s, n, base, bits, &u);
	if (bits == 0)
		bits = 64;
	uint64_t cutoff = (uint64_t)1 << (bits - 1);
	if (e == STRCONV_RANGE) {
		*out = neg ? -(int64_t)(cutoff - 1) - 1 : (int64_t)(cutoff - 1);
		return e;
	}
	if (e)
		return e;
	if (!neg && u >= cutoff) {
		*out = (int64_t)(cutoff - 1);
		return STRCONV_RANGE;
	}
	if (neg && u > cutoff) {
		*out = -(int64_t)(cutoff - 1) - 1;
		return STRCONV_RANGE;
	}
	*out = neg ? (int64_t)(0 - u) : (int64_t)u;
	return STRCONV_OK;
}

/* Go float syntax (atof.go readFloat): [+-] (digits [. digits] | . digits)
 * [e [+-] digits] or 0x hex-mantissa p-exponent (the p is required), '_'
 * separators checked by underscore_ok, or inf/infinity/nan. */
enum strconv_err strconv_parse_float(const char *s, size_t n, double *out)
{
	*out = 0;
	if (n == 0)
		return STRCONV_SYNTAX;
	size_t i = 0;
	bool neg = false;
	if (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-';
		i++;
	}
	/* special values, case-insensitive */
	const char *specials[] = { "infinity", "inf", "nan" };
	for (int k = 0; k < 3; k++) {
		size_t m = strlen(specials[k]);
		if (n - i == m && strncasecmp(s + i, specials[k], m) == 0) {
			if (k == 2 && i > 0)
				return STRCONV_SYNTAX; /* Go rejects "+nan" */
			*out = k == 2 ? NAN : (neg ? -INFINITY : INFINITY);
			return STRCONV_OK;
		}
	}
	bool hex = n - i >= 2 && s[i] == '0' && lower(s[i + 1]) == 'x';
	size_t j = hex ? i + 2 : i;
	bool digits = false, dot = false, underscores = false, exp = false;
	for (; j < n; j++) {
		char c = s[j];
		if (c == '_') {
			underscores = true;
		} else if (c == '.') {
			if (dot)
				return STRCONV_SYNTAX;
			dot = true;
		} else if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
			digits = true;
		} else {
			break;
		}
	}
	if (!digits)
		return STRCONV_SYNTAX;
	if (j < n && lower(s[j]) == (hex ? 'p' : 'e')) {
		j++;
		if (j < n && (s[j] == '+' || s[j] == '-'))
			j++;
		bool ed = false;
		for (; j < n && ((s[j] >= '0' && s[j] <= '9') || s[j] == '_'); j++) {
			if (s[j] == '_')
				underscores = true;
			else
				ed = true;
		}
		if (!ed)
			return STRCONV_SYNTAX;
		exp = true;
	}
	if (j != n || (hex && !exp))
		return STRCONV_SYNTAX;
	if (underscores && !underscore_ok(s, n))
		return STRCONV_SYNTAX;
	char *buf = xmalloc(n + 1);
	size_t k = 0;
	for (size_t m = 0; m < n; m++)
		if (s[m] != '_')
			buf[k++] = s[m];
	buf[k] = '\0';
	errno = 0;
	double d = strtod(buf, NULL);
	int er = errno;
	free(buf);
	*out = d;
	if (er == ERANGE && isinf(d))
		return STRCONV_RANGE;
	return STRCONV_OK;
}

const char *strconv_err_text(enum strconv_err e)
{
	switch (e) {
	case STRCONV_OK:
		return "";
	case STRCONV_SYNTAX:
		return "invalid syntax";
	default:
		return "value out of range";
	}
}


bool strconv_unquote_char(const char *s, size_t n, char quote, int32_t *r, bool *multibyte,
			  size_t *used)
{
	*multibyte = false;
	if (n == 0)
		return false;
	unsigned char c = (unsigned char)s[0];
	if (c == (unsigned char)quote && (quote == '\'' || quote == '"'))
		return false;
	if (c >= 0x80) {
		size_t w;
		*r = utf8_decode(s, n, &w);
		*multibyte = true;
		*used = w;
		return true;
	}
	if (c != '\\') {
		*r = c;
		*used = 1;
		return true;
	}
	if (n <= 1)
		return false;
	char e = s[1];
	size_t i = 2;
	switch (e) {
	case 'a': *r = '\a'; break;
	case 'b': *r = '\b'; break;
	case 'f': *r = '\f'; break;
	case 'n': *r = '\n'; break;
	case 'r': *r = '\r'; break;
	case 't': *r = '\t'; break;
	case 'v': *r = '\v'; break;
	case 'x':
	case 'u':
	case 'U': {
		size_t k = e == 'x' ? 2 : e == 'u' ? 4 : 8;
		if (n - i < k)
			return false;
		int32_t v = 0;
		for (size_t j = 0; j < k; j++) {
			int d = hex_val((unsigned char)s[i + j]);
			if (d < 0)
				return false;
			v = (int32_t)(((uint32_t)v << 4) | (uint32_t)d);
		}
		i += k;
		if (e != 'x') {
			if (!utf8_valid_rune(v))
				return false;
			*multibyte = true;
		}
		*r = v;
		break;
	}
	case '0': case '1': case '2': case '3':
	case '4': case '5': case '6': case '7': {
		int32_t v = e - '0';
		if (n - i < 2)
			return false;
		for (size_t j = 0; j < 2; j++) {
			int d = s[i + j] - '0';
			if (d < 0 || d > 7)
				return false;
			v = (v << 3) | d;
		}
		i += 2;
		if (v > 255)
			return false;
		*r = v;
		break;
	}
	case '\\':
		*r = '\\';
		break;
	case '\'':
	case '"':
		if (e != quote)
			return false;
		*r = e;
		break;
	default:
		return false;
	}
	*used = i;
	return true;
}
