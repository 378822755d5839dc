/* utf8.c — Go-compatible UTF-8 decoding and rune classification. */
#include "base/utf8.h"

int32_t utf8_decode(const char *s, size_t n, size_t *width)
{
	const unsigned char *p = (const unsigned char *)s;
	*width = 1;
	if (n == 0) {
		*width = 0;
		return UTF8_RUNE_ERROR;
	}
	unsigned c = p[0];
	if (c < 0x80)
		return (int32_t)c;
	size_t need;
	uint32_t r, min;
	if (c >= 0xC2 && c <= 0xDF) {
		need = 2;
		r = c & 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 3;
		r = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 4;
		r = c & 0x07;
		min = 0x10000;
	} else {
		return UTF8_RUNE_ERROR;
	}
	if (n < need)
		return UTF8_RUNE_ERROR;
	for (size_t i = 1; i < need; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return UTF8_RUNE_ERROR;
		r = (r << 6) | (p[i] & 0x3F);
	}
	if (r < min || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
		return UTF8_RUNE_ERROR;
	*width = need;
	return (int32_t)r;
}

int32_t utf8_decode_last(const char *s, size_t n, size_t *width)
{
	if (n == 0) {
		*width = 0;
		return UTF8_RUNE_ERROR;
	}
	const unsigned char *p = (const unsigned char *)s;
	if (p[n - 1] < 0x80) {
		*width = 1;
		return p[n - 1];
	}
	/* Go looks back at most UTFMax bytes for a start byte. */
	size_t lim = n > 4 ? n - 4 : 0;
	size_t start = n - 1;
	while (start > lim && (p[start] & 0xC0) == 0x80)
		start--;
	size_t w;
	int32_t r = utf8_decode(s + start, n - start, &w);
	if (start + w != n) {
		*width = 1;
		return UTF8_RUNE_ERROR;
	}
	*width = w;
	return r;
}

bool utf8_valid_rune(int32_t r)
{
	return (r >= 0 && r < 0xD800) || (r > 0xDFFF && r <= 0x10FFFF);
}

size_t utf8_encode(int32_t r, char *out)
{
	uint32_t u = utf8_valid_rune(r) ? (uint32_t)r : UTF8_RUNE_ERROR;
	if (u < 0x80) {
		out[0] = (char)u;
		return 1;
	}
	if (u < 0x800) {
		out[0] = (char)(0xC0 | (u >> 6));
		out[1] = (char)(0x80 | (u & 0x3F));
		return 2;
	}
	if (u < 0x10000) {
		out[0] = (char)(0xE0 | (u >> 12));
		out[1] = (char)(0x80 | ((u >> 6) & 0x3F));
		out[2] = (char)(0x80 | (u & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (u >> 18));
	out[1] = (char)(0x80 | ((u >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((u >> 6) & 0x3F));
	out[3] = (char)(0x80 | (u & 0x3F));
	return 4;
}

bool utf8_valid(const char *p, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if ((unsigned char)p[i] < 0x80) {
			i++;
			continue;
		}
		size_t w;
		if (utf8_decode(p + i, n - i, &w) == UTF8_RUNE_ERROR && w == 1)
			return false;
		i += w;
	}
	return true;
}

size_t utf8_rune_count(const char *p, size_t n)
{
	size_t i = 0, c = 0;
	while (i < n) {
		size_t w = 1;
		if ((unsigned char)p[i] >= 0x80)
			utf8_decode(p + i, n - i, &w);
		i += w;
		c++;
	}
	return c;
}

static bool in_table(const struct unicode_range *t, size_t n, uint32_t r)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t m = lo + (hi - lo) / 2;
		if (r < t[m].lo) {
			hi = m;
		} else if (r > t[m].hi) {
			lo = m + 1;
		} else {
			return t[m].stride == 1 || (r - t[m].lo) % t[m].stride == 0;
		}
	}
	return false;
}

bool unicode_is_letter(int32_t r)
{
	if (r < 0x80)
		return (r | 0x20) >= 'a' && (r | 0x20) <= 'z';
	return in_table(unicode_letter, unicode_letter_len, (uint32_t)r);
}

bool unicode_is_digit(int32_t r)
{
	if (r < 0x80)
		return r >= '0' && r <= '9';
	return in_table(unicode_digit, unicode_digit_len, (uint32_t)r);
}
