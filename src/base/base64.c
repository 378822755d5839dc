/* base64.c — Go's encoding/base64 StdEncoding: the encoder and the
 * non-strict padded decoder (base64.go Decode and decodeQuantum: CR and LF
 * are skipped anywhere, '=' only as the third/fourth character of the last
 * quantum, offsets counted in the input as given). */
#include "base/base64.h"

#include <stdint.h>

static const char b64_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* digit value by byte, 0xff for bytes outside the alphabet */
static const unsigned char b64_digit[256] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x3e, 0xff, 0xff, 0xff, 0x3f,
	0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e,
	0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28,
	0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f, 0x30, 0x31, 0x32, 0x33, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
};

void b64_encode(struct sb *out, const void *src, size_t n)
{
	const unsigned char *p = src;
	size_t i = 0;

	sb_grow(out, b64_encoded_len(n));
	char *w = out->buf + out->len;
	for (; n - i >= 3; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
		w[0] = b64_alphabet[v >> 18];
		w[1] = b64_alphabet[v >> 12 & 63];
		w[2] = b64_alphabet[v >> 6 & 63];
		w[3] = b64_alphabet[v & 63];
		w += 4;
	}
	if (i < n) {
		/* one or two bytes left: two or three digits and padding */
		uint32_t v = (uint32_t)p[i] << 16;
		if (n - i == 2)
			v |= (uint32_t)p[i + 1] << 8;
		w[0] = b64_alphabet[v >> 18];
		w[1] = b64_alphabet[v >> 12 & 63];
		w[2] = n - i == 2 ? b64_alphabet[v >> 6 & 63] : '=';
		w[3] = '=';
		w += 4;
	}
	sb_setlen(out, (size_t)(w - out->buf));
}

static size_t skip_newlines(const unsigned char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == '\n' || s[i] == '\r'))
		i++;
	return i;
}

long b64_decode(void *dst, const char *src, size_t n, size_t *outn)
{
	const unsigned char *s = (const unsigned char *)src;
	unsigned char *o = dst;
	size_t si = 0, k = 0;
	long bad = -1;

	while (si < n) {
		/* four alphabet characters: the common case (release payloads
		 * are megabytes); digits are < 64, 0xff marks a non-digit */
		if (n - si >= 4) {
			unsigned a = b64_digit[s[si]], b = b64_digit[s[si + 1]], c = b64_digit[s[si + 2]],
				 d = b64_digit[s[si + 3]];
			if (!((a | b | c | d) & 0x80)) {
				uint32_t v = a << 18 | b << 12 | c << 6 | d;
				o[k] = (unsigned char)(v >> 16);
				o[k + 1] = (unsigned char)(v >> 8);
				o[k + 2] = (unsigned char)v;
				k += 3;
				si += 4;
				continue;
			}
		}
		/* decodeQuantum: one quantum, with newlines, padding or errors */
		unsigned char dig[4] = { 0 };
		int j = 0;
		while (j < 4) {
			if (si == n) {
				if (j == 0)
					goto out; /* only newlines were left */
				bad = (long)(si - (size_t)j); /* Go counts digits, not skipped newlines */
				goto out;
			}
			unsigned char c = s[si++];
			if (b64_digit[c] != 0xff) {
				dig[j++] = b64_digit[c];
				continue;
			}
			if (c == '\n' || c == '\r')
				continue;
			if (c != '=' || j < 2) {
				bad = (long)si - 1;
				goto out;
			}
			if (j == 2) {
				/* "==" wanted; newlines may come between */
				si = skip_newlines(s, n, si);
				if (si == n) {
					bad = (long)n;
					goto out;
				}
				if (s[si] != '=') {
					bad = (long)si - 1; /* Go's offset: the byte before it */
					goto out;
				}
				si++;
			}
			si = skip_newlines(s, n, si);
			if (si < n)
				bad = (long)si; /* trailing garbage, reported after the bytes */
			break;
		}
		uint32_t v = (uint32_t)dig[0] << 18 | (uint32_t)dig[1] << 12 | (uint32_t)dig[2] << 6 | dig[3];
		o[k++] = (unsigned char)(v >> 16);
		if (j > 2)
			o[k++] = (unsigned char)(v >> 8);
		if (j > 3)
			o[k++] = (unsigned char)v;
		if (bad >= 0)
			break;
		/* after padding si == n: the loop ends */
	}
out:
	*outn = k;
	return bad;
}

long b64_decode_sb(struct sb *out, const char *src, size_t n)
{
	size_t k;

	sb_grow(out, b64_decoded_len(n));
	long bad = b64_decode(out->buf + out->len, src, n, &k);
	sb_setlen(out, out->len + k);
	return bad;
}
