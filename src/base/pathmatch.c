/* pathmatch.c — filepath.Match (path/filepath/match.go of Go 1.23.7, the Go
 * of Helm 3.17.3) for Unix paths: the same chunk-by-chunk algorithm, so a
 * malformed pattern is reported exactly when Go reports it. */
#include "base/pathmatch.h"

#include <stdbool.h>
#include <stdint.h>

#include "base/utf8.h"

/* scanChunk: leading stars, then up to the next unescaped, unbracketed '*'. */
static void scan_chunk(const char **p, const char *pe, bool *star, const char **chunk, size_t *clen)
{
	*star = false;
	while (*p < pe && **p == '*') {
		(*p)++;
		*star = true;
	}
	bool inrange = false;
	const char *q = *p;
	for (; q < pe; q++) {
		if (*q == '\\') {
			if (q + 1 < pe)
				q++;
		} else if (*q == '[') {
			inrange = true;
		} else if (*q == ']') {
			inrange = false;
		} else if (*q == '*' && !inrange) {
			break;
		}
	}
	*chunk = *p;
	*clen = (size_t)(q - *p);
	*p = q;
}

static int get_esc(const char **c, const char *ce, int32_t *r)
{
	if (*c >= ce || **c == '-' || **c == ']')
		return -1;
	if (**c == '\\') {
		(*c)++;
		if (*c >= ce)
			return -1;
	}
	size_t w;
	*r = utf8_decode(*c, (size_t)(ce - *c), &w);
	if (*r == UTF8_RUNE_ERROR && w == 1)
		return -1;
	*c += w;
	return 0;
}

/* matchChunk: 1 match (rest in *tail), 0 no match, -1 bad pattern. */
static int match_chunk(const char *c, const char *ce, const char *s, const char *se, const char **tail)
{
	bool failed = false;
	while (c < ce) {
		if (!failed && s >= se)
			failed = true;
		switch (*c) {
		case '[': {
			int32_t r = 0;
			size_t w = 0;
			if (!failed) {
				r = utf8_decode(s, (size_t)(se - s), &w);
				s += w;
			}
			c++;
			bool neg = false;
			if (c < ce && *c == '^') {
				neg = true;
				c++;
			}
			bool match = false;
			int nrange = 0;
			for (;;) {
				if (c < ce && *c == ']' && nrange > 0) {
					c++;
					break;
				}
				int32_t lo, hi;
				if (get_esc(&c, ce, &lo) < 0)
					return -1;
				hi = lo;
				if (c < ce && *c == '-') {
					c++;
					if (get_esc(&c, ce, &hi) < 0)
						return -1;
				}
				if (lo <= r && r <= hi)
					match = true;
				nrange++;
			}
			if (match == neg)
				failed = true;
			break;
		}
		case '?':
			if (!failed) {
				if (*s == '/')
					failed = true;
				size_t w;
				utf8_decode(s, (size_t)(se - s), &w);
				s += w;
			}
			c++;
			break;
		case '\\':
			c++;
			if (c >= ce)
				return -1;
			/* fallthrough */
		default:
			if (!failed) {
				if (*c != *s)
					failed = true;
				s++;
			}
			c++;
		}
	}
	if (failed)
		return 0;
	*tail = s;
	return 1;
}

int path_match(const char *pat, size_t plen, const char *name, size_t nlen)
{
	const char *p = pat, *pe = pat + plen;
	const char *s = name, *se = name + nlen;
	while (p < pe) {
		bool star;
		const char *chunk;
		size_t clen;
		scan_chunk(&p, pe, &star, &chunk, &clen);
		if (star && clen == 0) {
			/* trailing '*' matches the rest unless it holds a '/' */
			for (const char *q = s; q < se; q++)
				if (*q == '/')
					return 0;
			return 1;
		}
		const char *t;
		int m = match_chunk(chunk, chunk + clen, s, se, &t);
		if (m < 0)
			return -1;
		if (m == 1 && (t == se || p < pe)) {
			s = t;
			continue;
		}
		if (star) {
			bool found = false;
			for (const char *q = s; q < se && *q != '/'; q++) {
				m = match_chunk(chunk, chunk + clen, q + 1, se, &t);
				if (m < 0)
					return -1;
				if (m == 1) {
					if (p >= pe && t != se)
						continue;
					s = t;
					found = true;
					break;
				}
			}
			if (found)
				continue;
		}
		/* Go 1.23 does not check the rest of the pattern here (1.24 does) */
		return 0;
	}
	return s == se;
}
