/* test_bcrypt.c — funcs/bcrypt.c against libxcrypt's crypt_rn (the
 * reference bcrypt: thousands of random passwords and salts, both lanes of
 * the interleaved pair), against golang.org/x/crypto/bcrypt's own outputs
 * (tests/vectors/bcrypt.vec, tests/oracle/bcrypt), and the spare that
 * htpasswd/bcrypt keep for a second call with the same password. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <crypt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sb.h"
#include "funcs/bcrypt.h"
#include "support/engine_harness.h"
#include "support/vec.h"

#define MIN_GO_VECTORS 320
#define RANDOM_PAIRS 2000

/* xorshift64*: reproducible inputs */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545f4914f6cdd1dull) >> 32) % n;
}

static const char b64[] = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/* crypt_rn's setting for these salt bytes: bcrypt's radix-64 written out
 * here independently of bcrypt.c (22 characters, the last one's two low
 * bits zero). */
static void setting(char *out, const char *prefix, int cost, const uint8_t salt[16])
{
	int k = snprintf(out, 8, "%s%02d$", prefix, cost);
	uint32_t acc = 0;
	int bits = 0;
	for (int i = 0; i < 16; i++) {
		acc = acc << 8 | salt[i];
		bits += 8;
		while (bits >= 6) {
			out[k++] = b64[(acc >> (bits - 6)) & 63];
			bits -= 6;
		}
	}
	out[k++] = b64[(acc << (6 - bits)) & 63];
	out[k] = 0;
}

/* crypt_rn over a NUL-free password (it stops at a NUL, as C strings do). */
static void reference(const uint8_t *pw, size_t n, int cost, const uint8_t salt[16], const char *prefix,
		      char out[61], struct crypt_data *cd)
{
	char set[32], p[80];
	setting(set, prefix, cost, salt);
	memcpy(p, pw, n);
	p[n] = 0;
	const char *h = crypt_rn(p, set, cd, sizeof *cd);
	assert_non_null(h);
	assert_int_equal(strlen(h), 60);
	memcpy(out, h, 61);
}

/* Random password bytes 1..255: ASCII mostly, 8-bit and UTF-8 sometimes. */
static size_t random_password(uint8_t *pw)
{
	static const size_t edge[] = { 0, 1, 2, 3, 4, 5, 71, 72, 72, 72, 70, 36, 8, 16, 68, 69 };
	size_t n = rnd(4) ? rnd(73) : edge[rnd(sizeof edge / sizeof edge[0])];
	int kind = (int)rnd(4);
	for (size_t i = 0; i < n; i++) {
		if (kind == 0)
			pw[i] = (uint8_t)(1 + rnd(255));
		else if (kind == 1 && i + 1 < n && rnd(2)) { /* a 2-byte UTF-8 sequence */
			pw[i] = (uint8_t)(0xc2 + rnd(30));
			pw[++i] = (uint8_t)(0x80 + rnd(64));
		} else
			pw[i] = (uint8_t)(0x20 + rnd(95));
	}
	return n;
}

static bool seven_bit(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] & 0x80)
			return false;
	return true;
}

/* Both lanes of bcrypt_hash2, and bcrypt_hash, equal crypt_rn "$2b$" (the
 * key schedule Go's "$2a$" uses: no sign extension, no 8-bit countermeasure)
 * but for the prefix; for 7-bit passwords libxcrypt's "$2a$" too. */
static void test_vs_libxcrypt(void **state)
{
	struct crypt_data *cd = calloc(1, sizeof *cd);
	assert_non_null(cd);
	size_t checked = 0, bad = 0, same_pw = 0, eight_bit = 0;
	for (int t = 0; t < RANDOM_PAIRS; t++) {
		uint8_t pw[2][80], salt[2][16];
		size_t n[2];
		n[0] = random_password(pw[0]);
		if (rnd(4) == 0) { /* the spare's case: one password, two salts */
			memcpy(pw[1], pw[0], n[0]);
			n[1] = n[0];
			same_pw++;
		} else {
			n[1] = random_password(pw[1]);
		}
		for (int i = 0; i < 32; i++)
			salt[i / 16][i % 16] = (uint8_t)rnd(256);
		int cost = t < 4 ? 10 : t % 20 == 0 ? 6 : t % 10 == 5 ? 5 : 4;
		char got[2][61], one[61];
		const void *pws[2] = { pw[0], pw[1] };
		bcrypt_hash2(pws, n, cost, (const uint8_t(*)[16])salt, got);
		for (int l = 0; l < 2; l++) {
			char want[61], want2a[61];
			reference(pw[l], n[l], cost, salt[l], "$2b$", want, cd);
			want[2] = 'a';
			bool ok = strcmp(got[l], want) == 0;
			if (seven_bit(pw[l], n[l])) {
				reference(pw[l], n[l], cost, salt[l], "$2a$", want2a, cd);
				ok = ok && strcmp(got[l], want2a) == 0;
			} else {
				eight_bit++;
			}
			checked++;
			if (!ok && bad++ < 5)
				printf("pair %d lane %d (n=%zu cost %d): got %s want %s\n", t, l, n[l], cost, got[l],
				       want);
		}
		if (t % 8 == 0) { /* the one-lane path too */
			bcrypt_hash(pw[1], n[1], cost, salt[1], one);
			checked++;
			if (strcmp(one, got[1]) != 0 && bad++ < 5)
				printf("pair %d: one-lane %s, pair %s\n", t, one, got[1]);
		}
	}
	printf("bcrypt vs libxcrypt: %zu/%zu hashes match (%d pairs, %zu with one password, %zu 8-bit)\n",
	       checked - bad, checked, RANDOM_PAIRS, same_pw, eight_bit);
	free(cd);
	assert_int_equal(bad, 0);
	assert_true(checked >= 2 * RANDOM_PAIRS);
}

static int unhex(const char *s, uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned v;
		if (sscanf(s + 2 * i, "%2x", &v) != 1)
			return -1;
		out[i] = (uint8_t)v;
	}
	return 0;
}

/* Go's GenerateFromPassword with known salts: the same hash from lane 0
 * and lane 1 of a pair (paired with the previous vector's input). */
static void test_vectors_go(void **state)
{
	struct vec_file *vf = vec_open("tests/vectors/bcrypt.vec");
	struct vec_stats st = { "bcrypt", 0, 0 };
	const struct vec_rec *r;
	uint8_t prev_pw[80] = { 0 }, prev_salt[16] = { 0 };
	size_t prev_n = 0;
	int prev_cost = -1;
	while ((r = vec_next(vf))) {
		assert_int_equal(r->nfields, 5);
		const struct vec_field *pw = &r->f[1], *want = &r->f[4];
		int cost = (int)strtol(r->f[2].p, NULL, 10);
		st.total++;
		if (strncmp(want->p, "ERR ", 4) == 0) {
			char h[61];
			if (bcrypt_generate(pw->p, pw->n, cost, h) != -1 || pw->n <= BCRYPT_MAXPW ||
			    strcmp(want->p, "ERR bcrypt: password length exceeds 72 bytes") != 0)
				vec_mismatch(&st, r, "error", want->p, want->n, "no error", 8);
			continue;
		}
		uint8_t salt[16];
		assert_int_equal(r->f[3].n, 32);
		assert_int_equal(unhex(r->f[3].p, salt, 16), 0);
		if (cost < 4)
			cost = 10;
		char one[61], two[2][61], three[2][61];
		bcrypt_hash(pw->p, pw->n, cost, salt, one);
		if (strcmp(one, want->p) != 0) {
			vec_mismatch(&st, r, "bcrypt_hash", want->p, want->n, one, strlen(one));
			continue;
		}
		if (prev_cost == cost) {
			const void *a[2] = { pw->p, prev_pw }, *b[2] = { prev_pw, pw->p };
			size_t na[2] = { pw->n, prev_n }, nb[2] = { prev_n, pw->n };
			uint8_t sa[2][16], sb[2][16];
			memcpy(sa[0], salt, 16), memcpy(sa[1], prev_salt, 16);
			memcpy(sb[0], prev_salt, 16), memcpy(sb[1], salt, 16);
			bcrypt_hash2(a, na, cost, (const uint8_t(*)[16])sa, two);
			bcrypt_hash2(b, nb, cost, (const uint8_t(*)[16])sb, three);
			if (strcmp(two[0], want->p) != 0)
				vec_mismatch(&st, r, "lane 0", want->p, want->n, two[0], strlen(two[0]));
			else if (strcmp(three[1], want->p) != 0)
				vec_mismatch(&st, r, "lane 1", want->p, want->n, three[1], strlen(three[1]));
		}
		memcpy(prev_pw, pw->p, pw->n);
		prev_n = pw->n;
		memcpy(prev_salt, salt, 16);
		prev_cost = cost;
	}
	vec_close(vf);
	assert_int_equal(vec_summary(&st), 0);
	assert_true(st.total >= MIN_GO_VECTORS);
}

/* The known vector of x/crypto/bcrypt's tests and libxcrypt's verdict on
 * what bcrypt_generate makes, NUL bytes included (Go hashes past them). */
static void test_generate(void **state)
{
	struct crypt_data *cd = calloc(1, sizeof *cd);
	assert_non_null(cd);
	char h[61];
	assert_int_equal(bcrypt_generate("allmine", 7, 0, h), 0); /* cost 0: DefaultCost */
	assert_memory_equal(h, "$2a$10$", 7);
	assert_string_equal(crypt_rn("allmine", h, cd, sizeof *cd), h);
	assert_int_equal(bcrypt_generate("x", 1, 32, h), -1);
	char big[73];
	memset(big, 'x', sizeof big);
	assert_int_equal(bcrypt_generate(big, 72, 4, h), 0);
	assert_int_equal(bcrypt_generate(big, 73, 4, h), -1);
	/* "a\0b" and "a\0c" hash differently, as in Go */
	uint8_t salt[16] = { 1, 2, 3 };
	char h1[61], h2[61];
	bcrypt_hash("a\0b", 3, 4, salt, h1);
	bcrypt_hash("a\0c", 3, 4, salt, h2);
	assert_string_not_equal(h1, h2);
	/* why "$2b$" is the reference: libxcrypt's "$2a$" changes the key of
	 * some 8-bit passwords (its sign-extension countermeasure), Go does not */
	const char *pw8 = "\xff\xa3" "34\xff\xff\xff\xa3" "345";
	char ref[61];
	bcrypt_hash(pw8, strlen(pw8), 5, salt, h1);
	reference((const uint8_t *)pw8, strlen(pw8), 5, salt, "$2b$", ref, cd);
	assert_string_equal(h1 + 4, ref + 4);
	reference((const uint8_t *)pw8, strlen(pw8), 5, salt, "$2a$", ref, cd);
	assert_string_not_equal(h1 + 4, ref + 4);
	free(cd);
	bcrypt_spares_clear();
}

/* Every call gets its own salt; the second of a pair waits for the same
 * password and cost, is used once, and at most four are kept. */
static void test_spares(void **state)
{
	struct crypt_data *cd = calloc(1, sizeof *cd);
	assert_non_null(cd);
	bcrypt_spares_clear();
	char h[3][61];
	assert_int_equal(bcrypt_generate("pw", 2, 4, h[0]), 0);
	assert_int_equal(bcrypt_spares_count(), 1);
	assert_int_equal(bcrypt_generate("pw", 2, 5, h[1]), 0); /* other cost: its own pair */
	assert_int_equal(bcrypt_spares_count(), 2);
	assert_int_equal(bcrypt_generate("pw", 2, 4, h[1]), 0); /* the spare */
	assert_int_equal(bcrypt_spares_count(), 1);
	assert_int_equal(bcrypt_generate("pw", 2, 4, h[2]), 0); /* a new pair */
	assert_int_equal(bcrypt_spares_count(), 2);
	for (int i = 0; i < 3; i++) {
		assert_string_equal(crypt_rn("pw", h[i], cd, sizeof *cd), h[i]);
		for (int j = 0; j < i; j++)
			assert_memory_not_equal(h[i] + 7, h[j] + 7, 22); /* salts differ */
	}
	assert_int_equal(bcrypt_generate("pwx", 3, 4, h[0]), 0);
	assert_int_equal(bcrypt_generate("pw\0", 3, 4, h[0]), 0); /* not "pw"'s spare */
	assert_int_equal(bcrypt_spares_count(), 4);
	assert_int_equal(bcrypt_generate("other", 5, 4, h[0]), 0);
	assert_int_equal(bcrypt_spares_count(), 4);
	bcrypt_spares_clear();
	assert_int_equal(bcrypt_spares_count(), 0);
	free(cd);
}

/* htpasswd twice with one user and password, as harbor's
 * registry-secret.yaml renders (once on its own, once for a checksum):
 * two different salts, both verify. */
static void test_htpasswd_twice(void **state)
{
	bcrypt_spares_clear();
	const char *tpl = "{{ htpasswd \"bob\" \"s3cret\" }}\n{{ htpasswd \"bob\" \"s3cret\" }}\n{{ bcrypt \"s3cret\" }}";
	struct sb out = SB_INIT;
	harness_render(tpl, strlen(tpl), &out);
	assert_memory_equal(out.buf, "ok\t", 3);
	char *l1 = out.buf + 3, *l2 = strchr(l1, '\n') + 1, *l3 = strchr(l2, '\n') + 1;
	l2[-1] = l3[-1] = 0;
	assert_int_equal(strlen(l1), 4 + 60);
	assert_int_equal(strlen(l2), 4 + 60);
	assert_int_equal(strlen(l3), 60);
	assert_memory_equal(l1, "bob:$2a$10$", 11);
	assert_memory_equal(l2, "bob:$2a$10$", 11);
	assert_string_not_equal(l1, l2);
	assert_memory_not_equal(l1 + 11, l2 + 11, 22);
	assert_memory_not_equal(l3 + 7, l2 + 11, 22);
	struct crypt_data *cd = calloc(1, sizeof *cd);
	assert_non_null(cd);
	assert_string_equal(crypt_rn("s3cret", l1 + 4, cd, sizeof *cd), l1 + 4);
	assert_string_equal(crypt_rn("s3cret", l2 + 4, cd, sizeof *cd), l2 + 4);
	assert_string_equal(crypt_rn("s3cret", l3, cd, sizeof *cd), l3);
	assert_int_equal(bcrypt_spares_count(), 1); /* the third call's pair */
	free(cd);
	sb_release(&out);
	const char *tpl2 = "{{ htpasswd \"bob\" \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\" }}";
	harness_render(tpl2, strlen(tpl2), &out);
	assert_string_equal(out.buf, "ok\tbob:failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes");
	sb_release(&out);
	bcrypt_spares_clear();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors_go),
		cmocka_unit_test(test_vs_libxcrypt),
		cmocka_unit_test(test_generate),
		cmocka_unit_test(test_spares),
		cmocka_unit_test(test_htpasswd_twice),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
