/* quote.c — Go's strconv.Quote / QuoteRune / CanBackquote for CLI messages.
 * Printability follows strconv.IsPrint for ASCII and Latin-1 exactly and for
 * the format, separator and private-use ranges above; unassigned code points
 * count as printable here (Go escapes them), a gap accepted for messages. */
#include "cli/quote.h"

#include <stdbool.h>

static const char hexdig[] = "0123456789abcdef";

uint32_t cli_utf8_decode(const unsigned char *s, size_t n, size_t *width)
{
	if (n == 0) {
		*width = 0;
		return 0xfffd;
	}
	unsigned c = s[0];
	if (c < 0x80) {
		*width = 1;
		return c;
	}
	size_t need;
	uint32_t r;
	unsigned lo = 0x80, hi = 0xbf; /* allowed range of the second byte */
	if (c >= 0xc2 && c <= 0xdf) {
		need = 2;
		r = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 3;
		r = c & 0x0f;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f; /* no surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 4;
		r = c & 0x07;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else {
		*width = 1;
		return 0xfffd;
	}
	if (n < need || s[1] < lo || s[1] > hi) {
		*width = 1;
		return 0xfffd;
	}
	for (size_t i = 1; i < need; i++) {
		if (s[i] < 0x80 || s[i] > 0xbf) {
			*width = 1;
			return 0xfffd;
		}
		r = (r << 6) | (s[i] & 0x3f);
	}
	*width = need;
	return r;
}

/* Code points strconv.IsPrint rejects above U+00FF (categories Z other than
 * U+0020, Cf, Co, and the noncharacters we list), as sorted [lo, hi] pairs. */
static const uint32_t notprint[][2] = {
	{ 0x0600, 0x0605 }, { 0x061c, 0x061c }, { 0x06dd, 0x06dd }, { 0x070f, 0x070f },
	{ 0x0890, 0x0891 }, { 0x08e2, 0x08e2 }, { 0x1680, 0x1680 }, { 0x180e, 0x180e },
	{ 0x2000, 0x200f }, { 0x2028, 0x202f }, { 0x205f, 0x2064 }, { 0x2066, 0x206f },
	{ 0x3000, 0x3000 }, { 0xd800, 0xf8ff }, { 0xfdd0, 0xfdef }, { 0xfeff, 0xfeff },
	{ 0xfff0, 0xfffb }, { 0xfffe, 0xffff }, { 0x110bd, 0x110bd }, { 0x110cd, 0x110cd },
	{ 0x13430, 0x1343f }, { 0x1bca0, 0x1bca3 }, { 0x1d173, 0x1d17a }, { 0xe0001, 0xe0001 },
	{ 0xe0020, 0xe007f }, { 0xf0000, 0x10ffff },
};

static bool go_isprint(uint32_t r)
{
	if (r < 0x20 || r == 0x7f)
		return false;
	if (r < 0x7f)
		return true;
	if (r < 0xa0 || r == 0xa0 || r == 0xad)
		return false;
	if (r < 0x100)
		return true;
	for (size_t i = 0; i < sizeof(notprint) / sizeof(notprint[0]); i++) {
		if (r < notprint[i][0])
			return true;
		if (r <= notprint[i][1])
			return false;
	}
	return r <= 0x10ffff;
}

static void add_utf8(struct sb *out, uint32_t r)
{
	char b[4];
	size_t n;
	if (r < 0x80) {
		b[0] = (char)r;
		n = 1;
	} else if (r < 0x800) {
		b[0] = (char)(0xc0 | (r >> 6));
		b[1] = (char)(0x80 | (r & 0x3f));
		n = 2;
	} else if (r < 0x10000) {
		b[0] = (char)(0xe0 | (r >> 12));
		b[1] = (char)(0x80 | ((r >> 6) & 0x3f));
		b[2] = (char)(0x80 | (r & 0x3f));
		n = 3;
	} else {
		b[0] = (char)(0xf0 | (r >> 18));
		b[1] = (char)(0x80 | ((r >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((r >> 6) & 0x3f));
		b[3] = (char)(0x80 | (r & 0x3f));
		n = 4;
	}
	sb_add(out, b, n);
}

/* strconv.appendEscapedRune for a valid rune. */
static void add_escaped(struct sb *out, uint32_t r, char quote)
{
	if (r == (uint32_t)(unsigned char)quote || r == '\\') {
		sb_addc(out, '\\');
		sb_addc(out, (char)r);
		return;
	}
	if (go_isprint(r)) {
		add_utf8(out, r);
		return;
	}
	switch (r) {
	case '\a': sb_adds(out, "\\a"); return;
	case '\b': sb_adds(out, "\\b"); return;
	case '\f': sb_adds(out, "\\f"); return;
	case '\n': sb_adds(out, "\\n"); return;
	case '\r': sb_adds(out, "\\r"); return;
	case '\t': sb_adds(out, "\\t"); return;
	case '\v': sb_adds(out, "\\v"); return;
	}
	if (r < ' ' || r == 0x7f) {
		sb_adds(out, "\\x");
		sb_addc(out, hexdig[r >> 4]);
		sb_addc(out, hexdig[r & 0xf]);
	} else if (r < 0x10000) {
		sb_adds(out, "\\u");
		for (int s = 12; s >= 0; s -= 4)
			sb_addc(out, hexdig[(r >> s) & 0xf]);
	} else {
		sb_adds(out, "\\U");
		for (int s = 28; s >= 0; s -= 4)
			sb_addc(out, hexdig[(r >> s) & 0xf]);
	}
}

void cli_quote(struct sb *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	sb_addc(out, '"');
	for (size_t i = 0; i < n;) {
		size_t w;
		uint32_t r = cli_utf8_decode(p + i, n - i, &w);
		if (w == 1 && r == 0xfffd) {
			sb_adds(out, "\\x");
			sb_addc(out, hexdig[p[i] >> 4]);
			sb_addc(out, hexdig[p[i] & 0xf]);
		} else {
			add_escaped(out, r, '"');
		}
		i += w;
	}
	sb_addc(out, '"');
}

void cli_quote_rune(struct sb *out, uint32_t r)
{
	if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff))
		r = 0xfffd;
	sb_addc(out, '\'');
	add_escaped(out, r, '\'');
	sb_addc(out, '\'');
}

void cli_quote_sharp(struct sb *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	bool ok = true;
	for (size_t i = 0; i < n && ok;) {
		size_t w;
		uint32_t r = cli_utf8_decode(p + i, n - i, &w);
		if (w > 1)
			ok = r != 0xfeff;
		else
			ok = r != 0xfffd && (r >= ' ' || r == '\t') && r != '`' && r != 0x7f;
		i += w;
	}
	if (!ok) {
		cli_quote(out, s, n);
		return;
	}
	sb_addc(out, '`');
	sb_add(out, s, n);
	sb_addc(out, '`');
}
