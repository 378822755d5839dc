/* encoding.c — Sprig v3.3.0's b64enc/b64dec/b32enc/b32dec (strings.go on
 * Go's encoding/base64 and encoding/base32 StdEncoding, decode errors
 * returned as the string), randBytes and uuidv4 (crypto.go, google/uuid).
 * Randomness comes from OpenSSL's CSPRNG like Go's crypto/rand. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <sys/random.h>

#include "base/base64.h"
#include "funcs/funcs.h"
#include "funcs/fn_encoding.h"

static const char b32_alpha[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/* Sprig's b64enc/b64dec and crypto.go's PEM bodies: base/base64.c is Go's
 * StdEncoding; these keep the fn_encoding.h signatures. */
void fn_b64_encode(struct sb *out, const unsigned char *p, size_t n)
{
	b64_encode(out, p, n);
}

int fn_b64_decode(struct sb *out, const char *src, size_t n, long *bad)
{
	*bad = b64_decode_sb(out, src, n);
	return *bad < 0 ? 0 : -1;
}

void fn_b32_encode(struct sb *out, const unsigned char *p, size_t n)
{
	sb_grow(out, (n + 4) / 5 * 8);
	for (size_t i = 0; i < n; i += 5) {
		unsigned char b[5] = { 0 };
		size_t k = n - i < 5 ? n - i : 5;
		memcpy(b, p + i, k);
		uint64_t v = (uint64_t)b[0] << 32 | (uint64_t)b[1] << 24 | (uint64_t)b[2] << 16 |
			     (uint64_t)b[3] << 8 | b[4];
		/* characters carrying data for k input bytes: 2, 4, 5, 7, 8 */
		static const int nch[6] = { 0, 2, 4, 5, 7, 8 };
		for (int j = 0; j < 8; j++)
			sb_addc_fast(out, j < nch[k] ? b32_alpha[v >> (35 - 5 * j) & 31] : '=');
	}
}

static int b32_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= '2' && c <= '7')
		return c - '2' + 26;
	return -1;
}

/* base32.StdEncoding.DecodeString: CR/LF stripped first, so error offsets
 * count the stripped input. */
int fn_b32_decode(struct arena *a, struct sb *out, const char *src, size_t n, long *bad)
{
	unsigned char *s = arena_alloc(a, n + 1);
	size_t olen = 0;
	for (size_t i = 0; i < n; i++)
		if (src[i] != '\r' && src[i] != '\n')
			s[olen++] = (unsigned char)src[i];
	*bad = -1;
	size_t pos = 0; /* consumed; Go's len(src) is olen - pos */
	bool end = false;
	while (pos < olen && !end) {
		unsigned char d[8] = { 0 };
		int dlen = 8;
		for (int j = 0; j < 8;) {
			if (pos == olen) {
				*bad = (long)(pos - (size_t)j);
				return -1;
			}
			unsigned char c = s[pos++];
			size_t rest = olen - pos;
			if (c == '=' && j >= 2 && rest < 8) {
				if (rest + (size_t)j < 7) {
					*bad = (long)olen;
					return -1;
				}
				for (int k = 0; k < 7 - j; k++) {
					if (rest > (size_t)k && s[pos + (size_t)k] != '=') {
						*bad = (long)pos + k - 1;
						return -1;
					}
				}
				dlen = j;
				end = true;
				if (dlen == 1 || dlen == 3 || dlen == 6) {
					*bad = (long)pos - 1;
					return -1;
				}
				break;
			}
			int v = b32_value(c);
			if (v < 0) {
				*bad = (long)pos - 1;
				return -1;
			}
			d[j++] = (unsigned char)v;
		}
		unsigned char b[5];
		b[4] = (unsigned char)(d[6] << 5 | d[7]);
		b[3] = (unsigned char)(d[4] << 7 | d[5] << 2 | d[6] >> 3);
		b[2] = (unsigned char)(d[3] << 4 | d[4] >> 1);
		b[1] = (unsigned char)(d[1] << 6 | d[2] << 1 | d[3] >> 4);
		b[0] = (unsigned char)(d[0] << 3 | d[1] >> 2);
		static const int nout[9] = { 0, 0, 1, 0, 2, 3, 0, 4, 5 };
		sb_add(out, b, (size_t)nout[dlen]);
	}
	return 0;
}

static int f_b64enc(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb s = SB_INIT;
	fn_b64_encode(&s, (const unsigned char *)a[0].u.s, a[0].len);
	*out = val_str(x->a, s.buf ? s.buf : "", s.len);
	sb_release(&s);
	return 0;
}

static val corrupt(struct tmpl_exec *x, const char *what, long bad)
{
	struct sb s = SB_INIT;
	sb_addf(&s, "illegal %s data at input byte %ld", what, bad);
	val v = val_str(x->a, s.buf, s.len);
	sb_release(&s);
	return v;
}

static int f_b64dec(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb s = SB_INIT;
	long bad;
	if (fn_b64_decode(&s, a[0].u.s, a[0].len, &bad) < 0)
		*out = corrupt(x, "base64", bad);
	else
		*out = val_str(x->a, s.buf ? s.buf : "", s.len);
	sb_release(&s);
	return 0;
}

static int f_b32enc(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb s = SB_INIT;
	fn_b32_encode(&s, (const unsigned char *)a[0].u.s, a[0].len);
	*out = val_str(x->a, s.buf ? s.buf : "", s.len);
	sb_release(&s);
	return 0;
}

static int f_b32dec(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb s = SB_INIT;
	long bad;
	if (fn_b32_decode(x->a, &s, a[0].u.s, a[0].len, &bad) < 0)
		*out = corrupt(x, "base32", bad);
	else
		*out = val_str(x->a, s.buf ? s.buf : "", s.len);
	sb_release(&s);
	return 0;
}

/* crypto/rand.Read: Go reads getrandom(2) directly.  So do we: OpenSSL's
 * RAND_bytes would first set up its providers and DRBG, ~9 M instructions
 * (2-3 ms) for a chart that asks for one random password. */
void fn_random_bytes(unsigned char *p, size_t n)
{
	while (n > 0) {
		ssize_t k = getrandom(p, n > (1u << 25) ? 1u << 25 : n, 0);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			abort(); /* Go's crypto/rand fails fatally too */
		p += k;
		n -= (size_t)k;
	}
}

/* randBytes(count int) (string, error): make([]byte, count) panics on a
 * negative count; counts Go could only meet with an out-of-memory crash are
 * refused with the same text. */
static int f_rand_bytes(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	int64_t count = a[0].u.i;
	if (count < 0 || count > (1 << 30))
		return tmpl_fail(x, "runtime error: makeslice: len out of range");
	unsigned char *buf = arena_alloc(x->a, (size_t)count + 1);
	fn_random_bytes(buf, (size_t)count);
	struct sb s = SB_INIT;
	fn_b64_encode(&s, buf, (size_t)count);
	*out = val_str(x->a, s.buf ? s.buf : "", s.len);
	sb_release(&s);
	return 0;
}

/* uuid.New().String(): version 4, RFC 4122 variant, lowercase 8-4-4-4-12. */
static int f_uuidv4(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	unsigned char u[16];
	fn_random_bytes(u, sizeof u);
	u[6] = (unsigned char)((u[6] & 0x0f) | 0x40);
	u[8] = (unsigned char)((u[8] & 0x3f) | 0x80);
	static const char hex[] = "0123456789abcdef";
	char buf[36];
	size_t o = 0;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			buf[o++] = '-';
		buf[o++] = hex[u[i] >> 4];
		buf[o++] = hex[u[i] & 15];
	}
	*out = val_str(x->a, buf, o);
	return 0;
}

const struct tmpl_func fn_encoding_table[] = {
	{ "randBytes", f_rand_bytes, 1, false, { TP_INT } },
	{ "uuidv4", f_uuidv4, 0, false, { 0 } },
	{ "b64enc", f_b64enc, 1, false, { TP_STRING } },
	{ "b64dec", f_b64dec, 1, false, { TP_STRING } },
	{ "b32enc", f_b32enc, 1, false, { TP_STRING } },
	{ "b32dec", f_b32dec, 1, false, { TP_STRING } },
};
const size_t fn_encoding_count = sizeof fn_encoding_table / sizeof fn_encoding_table[0];
