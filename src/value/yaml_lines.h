/* yaml_lines.h — the line-level pieces of the two fast YAML scanners
 * (chart/manifest_scan.c for rendered manifests, value/yaml_fast.c for
 * values files): the character check, indentation, "- ", plain scalar text
 * and the characters of words and keys, in the subset of block YAML where
 * go-yaml's and libyaml's scanners agree.  static inline: both scanners run
 * them on every byte of megabytes of YAML. */
#ifndef COZY_VALUE_YAML_LINES_H
#define COZY_VALUE_YAML_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The reader's character check (yaml_parser_update_buffer: valid UTF-8,
 * printable), stricter: no CR, NEL, LS, PS, BOM, DEL or C1 controls, which
 * the scanners treat specially or refuse.  Tabs and newlines pass. */
static inline bool yl_text_ok(const unsigned char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	size_t i = 0;
	while (i < n) {
		if (n - i >= 8) { /* eight printable ASCII bytes at once */
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (!(((w - 0x20 * ones) | w | (w + ones)) & highs)) {
				i += 8;
				continue;
			}
		}
		unsigned char c = s[i];
		if ((c >= 0x20 && c < 0x7f) || c == '\n' || c == '\t') {
			i++;
			continue;
		}
		if (c < 0xc2 || c > 0xf4)
			return false; /* control, DEL, continuation byte, overlong */
		size_t w = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
		uint32_t cp = c & (0x7f >> w);
		if (i + w > n)
			return false;
		for (size_t k = 1; k < w; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if ((w == 3 && cp < 0x800) || (w == 4 && (cp < 0x10000 || cp > 0x10ffff)) || cp < 0xa0 ||
		    (cp >= 0xd800 && cp < 0xe000) || cp == 0xfeff || cp == 0xfffe || cp == 0xffff ||
		    cp == 0x2028 || cp == 0x2029)
			return false;
		i += w;
	}
	return true;
}

/* A block sequence entry: "-" then a space or the end of the line. */
static inline bool yl_is_dash(const char *c, const char *eol)
{
	return c < eol && c[0] == '-' && (c + 1 == eol || c[1] == ' ');
}

static inline const char *yl_skip_spaces(const char *p, const char *eol)
{
	while (eol - p >= 8) { /* deep indentation: eight at a time */
		uint64_t w;
		memcpy(&w, p, 8);
		if (w != 0x2020202020202020u)
			break;
		p += 8;
	}
	while (p < eol && *p == ' ')
		p++;
	return p;
}

/* After a scalar or a block scalar header: spaces, then the end of the line
 * or a comment after at least one space. */
static inline bool yl_rest_ok(const char *p, const char *eol)
{
	const char *q = yl_skip_spaces(p, eol);
	return q == eol || (*q == '#' && q > p);
}

/* The bytes plain scalars and keys are scanned for. */
static const unsigned char yl_plain_stop[256] = { ['\t'] = 1, [':'] = 1, ['#'] = 1 };

/* The plain text from p to the end of the line or a comment: false on
 * ": " (mapping value in a scalar), a final ':', or a tab. */
static inline bool yl_plain_text(const char *p, const char *eol, const char **end, bool *comment)
{
	const char *q = p;
	*comment = false;
	for (; q < eol; q++) {
		if (!yl_plain_stop[(unsigned char)*q])
			continue;
		if (*q == '\t')
			return false;
		if (*q == ':' && (q + 1 == eol || q[1] == ' '))
			return false;
		if (*q == '#' && q > p && q[-1] == ' ') {
			*comment = true;
			break;
		}
	}
	while (q > p && q[-1] == ' ')
		q--;
	*end = q;
	return true;
}

/* The items of a one-line flow sequence both scanners read alike. */
static inline bool yl_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
	       c == '/' || c == '-';
}

/* The first byte of a plain key the scanners take. */
static inline bool yl_key_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
	       c == '/' || c == '$' || c >= 0x80;
}

#endif
