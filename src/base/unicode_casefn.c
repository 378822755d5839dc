/* unicode_casefn.c — Go's unicode.To and the Is* predicates over the tables
 * of unicode_case.c (unicode/letter.go, unicode/graphic.go), so Sprig's
 * upper/lower/title/swapcase/snakecase map runes as Helm's Go build does. */
#include "base/unicode_case.h"

bool unicode_in(const struct unicode_range *t, size_t n, int32_t r)
{
	size_t lo = 0, hi = n;
	if (r < 0)
		return false;
	while (lo < hi) {
		size_t m = (lo + hi) / 2;
		if ((uint32_t)r < t[m].lo) {
			hi = m;
		} else if ((uint32_t)r > t[m].hi) {
			lo = m + 1;
		} else {
			return t[m].stride == 1 || ((uint32_t)r - t[m].lo) % t[m].stride == 0;
		}
	}
	return false;
}

/* unicode.to: binary search of CaseRanges; UpperLower runs alternate. */
int32_t unicode_to(enum unicode_case c, int32_t r)
{
	if (r >= 0 && r < 0x80) {
		if (c == UNICODE_LOWER)
			return (r >= 'A' && r <= 'Z') ? r + 32 : r;
		return (r >= 'a' && r <= 'z') ? r - 32 : r;
	}
	size_t lo = 0, hi = unicode_case_ranges_len;
	while (lo < hi) {
		size_t m = (lo + hi) / 2;
		const struct unicode_case_range *cr = &unicode_case_ranges[m];
		if ((int32_t)cr->lo <= r && r <= (int32_t)cr->hi) {
			int32_t d = cr->delta[c];
			if (d > 0x10FFFF)
				return (int32_t)cr->lo + (((r - (int32_t)cr->lo) & ~1) | (int32_t)(c & 1));
			return r + d;
		}
		if (r < (int32_t)cr->lo)
			hi = m;
		else
			lo = m + 1;
	}
	return r;
}

bool unicode_is_upper(int32_t r)
{
	if (r >= 0 && r < 0x80)
		return r >= 'A' && r <= 'Z';
	return unicode_in(unicode_upper, unicode_upper_len, r);
}

bool unicode_is_lower(int32_t r)
{
	if (r >= 0 && r < 0x80)
		return r >= 'a' && r <= 'z';
	return unicode_in(unicode_lower, unicode_lower_len, r);
}

bool unicode_is_title(int32_t r)
{
	if (r >= 0 && r < 0x100)
		return false;
	return unicode_in(unicode_title, unicode_title_len, r);
}

bool unicode_is_punct(int32_t r)
{
	return unicode_in(unicode_punct, unicode_punct_len, r);
}

bool unicode_is_number(int32_t r)
{
	return unicode_in(unicode_number, unicode_number_len, r);
}

/* unicode.IsSpace: the Latin-1 set (with U+0085 and U+00A0), then White_Space. */
bool unicode_is_space(int32_t r)
{
	if (r >= 0 && r < 0x100)
		return r == ' ' || (r >= '\t' && r <= '\r') || r == 0x85 || r == 0xA0;
	return unicode_in(unicode_white_space, unicode_white_space_len, r);
}
