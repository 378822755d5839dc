/* hex.h — the value of one hexadecimal digit (Go's unhex in strconv,
 * net/url, encoding/json and regexp/syntax all accept 0-9, a-f, A-F). */
#ifndef COZY_BASE_HEX_H
#define COZY_BASE_HEX_H

/* 0-15, or -1 when c is not a hex digit. */
static inline int hex_val(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#endif
