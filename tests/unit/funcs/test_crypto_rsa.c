/* test_crypto_rsa.c — fn_rsa_generate (src/funcs/crypto_rsa.c), the RSA
 * key generation behind genCA/genSelfSignedCert/genSignedCert/genPrivateKey:
 * keys of Go's rsa.GenerateKey shape (e = 65537, two primes of bits/2 bits
 * with the top two bits set, n of exactly `bits` bits) that OpenSSL's own
 * full key check (primality of p and q included) accepts; the same for keys
 * taken from the background pool (fn_rsa_pool_start). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include "funcs/crypto_rsa.h"
#include "funcs/fn_crypto.h"

static BIGNUM *param(EVP_PKEY *pk, const char *name)
{
	BIGNUM *b = NULL;
	assert_true(EVP_PKEY_get_bn_param(pk, name, &b));
	return b;
}

static void check_key(EVP_PKEY *pk, int bits, BIGNUM *prev_n)
{
	assert_non_null(pk);
	assert_int_equal(EVP_PKEY_get_base_id(pk), EVP_PKEY_RSA);
	assert_int_equal(EVP_PKEY_get_bits(pk), bits);
	EVP_PKEY_CTX *c = EVP_PKEY_CTX_new(pk, NULL);
	assert_int_equal(EVP_PKEY_check(c), 1); /* n = pq, d, CRT values, p and q prime */
	EVP_PKEY_CTX_free(c);

	BIGNUM *n = param(pk, OSSL_PKEY_PARAM_RSA_N), *e = param(pk, OSSL_PKEY_PARAM_RSA_E);
	BIGNUM *p = param(pk, OSSL_PKEY_PARAM_RSA_FACTOR1), *q = param(pk, OSSL_PKEY_PARAM_RSA_FACTOR2);
	assert_true(BN_is_word(e, 65537));
	assert_int_equal(BN_num_bits(n), bits);
	assert_int_not_equal(BN_cmp(p, q), 0);
	const BIGNUM *pq[] = { p, q };
	for (int i = 0; i < 2; i++) {
		assert_int_equal(BN_num_bits(pq[i]), bits / 2);
		assert_true(BN_is_bit_set(pq[i], bits / 2 - 2)); /* top two bits, as crypto/rand.Prime */
	}
	assert_int_not_equal(BN_cmp(n, prev_n), 0); /* fresh primes every time */
	BN_copy(prev_n, n);
	BN_free(n), BN_free(e), BN_free(p), BN_free(q);
}

static void run(int bits, int count)
{
	BIGNUM *prev = BN_new(); /* zero */
	for (int i = 0; i < count; i++) {
		EVP_PKEY *pk = fn_rsa_generate(bits);
		check_key(pk, bits, prev);
		EVP_PKEY_free(pk);
	}
	BN_free(prev);
}

static void test_rsa_2048(void **state)
{
	run(2048, 2);
}

static void test_rsa_small(void **state)
{
	run(1024, 4);
	run(512, 4);
}

static void test_rsa_refuses(void **state)
{
	assert_null(fn_rsa_generate(16));
}

/* Keys from the pool are keys like any other; asking for more than it
 * makes, for another size, or after a stop still gives fresh keys. */
static void test_rsa_pool(void **state)
{
	fn_rsa_pool_start(1024, 2);
	fn_rsa_pool_start(1024, 5); /* no-op while the worker runs */
	run(1024, 4);
	run(512, 1);
	fn_rsa_pool_stop();
	run(1024, 1);
	fn_rsa_pool_stop(); /* twice is fine */
	/* stopped while busy: the worker gives up its key, nothing leaks */
	fn_rsa_pool_start(2048, 3);
	fn_rsa_pool_stop();
	fn_rsa_pool_start(512, 16);
	run(512, 3);
	fn_rsa_pool_stop();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rsa_2048),
		cmocka_unit_test(test_rsa_small),
		cmocka_unit_test(test_rsa_refuses),
		cmocka_unit_test(test_rsa_pool),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
