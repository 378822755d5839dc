/* test_base64.c — base/base64.c against Go 1.23's encoding/base64
 * StdEncoding (tests/vectors/base64.vec from tests/oracle/base64): the
 * DecodeString bytes and CorruptInputError offset of every input, the
 * EncodeToString text; plus the buffer contracts the callers rely on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base64.h"
#include "base/hex.h"
#include "base/xalloc.h"
#include "support/vec.h"

/* the oracle writes 7215 today; fewer means a truncated or stale file */
#define MIN_GO_VECTORS 7000
#define MIN_GO_DECODE 6900

static void hex_text(struct sb *out, const unsigned char *p, size_t n)
{
	static const char hx[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		sb_addc(out, hx[p[i] >> 4]);
		sb_addc(out, hx[p[i] & 15]);
	}
}

static void unhex(struct sb *out, const char *s, size_t n)
{
	assert_true(n % 2 == 0);
	for (size_t i = 0; i < n; i += 2) {
		int hi = hex_val(s[i]), lo = hex_val(s[i + 1]);
		assert_true(hi >= 0 && lo >= 0);
		sb_addc(out, (char)(hi << 4 | lo));
	}
}

static void test_go_vectors(void **state)
{
	(void)state;
	struct vec_file *vf = vec_open("tests/vectors/base64.vec");
	struct vec_stats st = { "base64", 0, 0 };
	const struct vec_rec *r;
	size_t ndec = 0;
	struct sb got = SB_INIT, want = SB_INIT, tmp = SB_INIT;

	while ((r = vec_next(vf))) {
		assert_int_equal(r->nfields, 5);
		st.total++;
		sb_reset(&got);
		sb_reset(&want);
		sb_reset(&tmp);
		if (strcmp(r->f[1].p, "enc") == 0) {
			unhex(&tmp, r->f[2].p, r->f[2].n);
			b64_encode(&got, tmp.buf, tmp.len);
			if (got.len != b64_encoded_len(tmp.len) || got.len != r->f[3].n ||
			    memcmp(got.buf, r->f[3].p, got.len) != 0)
				vec_mismatch(&st, r, "encode", r->f[3].p, r->f[3].n, got.buf, got.len);
			continue;
		}
		assert_string_equal(r->f[1].p, "dec");
		ndec++;
		const char *in = r->f[2].p;
		size_t n = r->f[2].n;

		/* exactly DecodedLen bytes, as Go allocates: ASan and valgrind
		 * catch a write past it */
		size_t room = b64_decoded_len(n), k = (size_t)-1;
		unsigned char *dst = room ? xmalloc(room) : NULL;
		long bad = b64_decode(dst, in, n, &k);
		assert_true(k <= room);
		hex_text(&got, dst, k);
		sb_addc(&got, ' ');
		if (bad < 0)
			sb_adds(&got, "ok");
		else
			sb_addf(&got, "%ld", bad);
		sb_add(&want, r->f[3].p, r->f[3].n);
		sb_addc(&want, ' ');
		sb_add(&want, r->f[4].p, r->f[4].n);
		if (got.len != want.len || memcmp(got.buf, want.buf, got.len) != 0)
			vec_mismatch(&st, r, "decode", want.buf, want.len, got.buf, got.len);
		free(dst);

		/* the sb form appends the same bytes after what is there */
		sb_adds(&tmp, "pre");
		long bad2 = b64_decode_sb(&tmp, in, n);
		sb_reset(&got);
		hex_text(&got, (const unsigned char *)tmp.buf + 3, tmp.len - 3);
		if (bad2 != bad || memcmp(tmp.buf, "pre", 3) != 0 || got.len != r->f[3].n ||
		    memcmp(got.buf, r->f[3].p, got.len) != 0)
			vec_mismatch(&st, r, "decode_sb", r->f[3].p, r->f[3].n, got.buf, got.len);
	}
	vec_close(vf);
	sb_release(&got);
	sb_release(&want);
	sb_release(&tmp);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= MIN_GO_VECTORS);
	assert_true(ndec >= MIN_GO_DECODE);
}

static void check_dec(const char *in, const char *want, size_t wn, long wbad)
{
	unsigned char buf[64];
	size_t k = 99;
	long bad = b64_decode(buf, in, strlen(in), &k);
	assert_int_equal(bad, wbad);
	assert_int_equal(k, wn);
	assert_memory_equal(buf, want, wn);
}

static void test_decode_cases(void **state)
{
	(void)state;
	check_dec("", "", 0, -1);
	check_dec("\r\n", "", 0, -1);
	check_dec("QUJD", "ABC", 3, -1);
	check_dec("QUJDQQ==", "ABCA", 4, -1);
	check_dec("QUJDQUI=\r\n", "ABCAB", 5, -1);
	check_dec("QU\nJD\r\nQQ\n=\r=", "ABCA", 4, -1);
	/* errors: the quanta before the bad one */
	check_dec("QUJDQ", "ABC", 3, 4);
	check_dec("QUJDQUI", "ABC", 3, 4);
	check_dec("QUJD\nQUI", "ABC", 3, 5); /* counts digits back from the end */
	check_dec("QUJD!", "ABC", 3, 4);
	check_dec("QUJDQQ=", "ABC", 3, 7);
	check_dec("QUJDQQ=A", "ABC", 3, 6);
	check_dec("QUJDQ===", "ABC", 3, 5);
	/* trailing garbage after padding: that quantum's bytes are kept */
	check_dec("QUJDQQ==QQ==", "ABCA", 4, 8);
	check_dec("QUI=\nx", "AB", 2, 5);
	/* nothing can be written below four characters */
	size_t k = 9;
	assert_int_equal(b64_decode(NULL, "QQ=", 3, &k), 3);
	assert_int_equal(k, 0);
	assert_int_equal(b64_decode(NULL, "", 0, &k), -1);
	assert_int_equal(k, 0);
}

static void test_encode_lengths(void **state)
{
	(void)state;
	struct sb out = SB_INIT;
	sb_adds(&out, "x");
	b64_encode(&out, "", 0);
	assert_string_equal(out.buf, "x");
	b64_encode(&out, "A", 1);
	b64_encode(&out, "AB", 2);
	b64_encode(&out, "ABC", 3);
	b64_encode(&out, "\xff\xfe\x00\x01", 4);
	assert_string_equal(out.buf, "xQQ==QUI=QUJD//4AAQ==");
	sb_release(&out);
	for (size_t n = 0; n < 10; n++)
		assert_int_equal(b64_encoded_len(n), (n + 2) / 3 * 4);
}

/* every string of up to 300 random bytes survives encode then decode */
static void test_round_trip(void **state)
{
	(void)state;
	uint64_t x = 0x9e3779b97f4a7c15ull;
	unsigned char raw[300], back[300];
	struct sb e = SB_INIT;

	for (int i = 0; i < 2000; i++) {
		size_t n = (size_t)(i * 7919 % 301);
		for (size_t j = 0; j < n; j++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			raw[j] = (unsigned char)x;
		}
		sb_reset(&e);
		b64_encode(&e, raw, n);
		size_t k = 0;
		assert_true(b64_decoded_len(e.len) <= sizeof back);
		assert_int_equal(b64_decode(back, e.buf, e.len, &k), -1);
		assert_int_equal(k, n);
		assert_memory_equal(back, raw, n);
	}
	sb_release(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_go_vectors),
		cmocka_unit_test(test_decode_cases),
		cmocka_unit_test(test_encode_lengths),
		cmocka_unit_test(test_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
