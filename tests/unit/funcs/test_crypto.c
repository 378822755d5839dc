/* test_crypto.c — Sprig's crypto and encoding families against Helm
 * 3.17.3's engine (tests/vectors/engine_{crypto,encoding,crypto_params}.vec)
 * and, for what is random (keys, certificates, bcrypt), shape checks that
 * parse the output back with OpenSSL/libxcrypt and compare every field with
 * what Go's x509.CreateCertificate writes for Sprig's templates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <crypt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "base/sb.h"
#include "funcs/fn_crypto.h"
#include "support/engine_harness.h"

static void test_vectors_crypto(void **state)
{
	assert_int_equal(harness_run_suite("crypto", 700), 0);
}

static void test_vectors_encoding(void **state)
{
	assert_int_equal(harness_run_suite("encoding", 600), 0);
}

/* Argument-type errors need the executor's uint32 and host-struct
 * parameters (TMPL_HAVE_HOST_PARAMS in tmpl/tmpl.h). */
static void test_vectors_params(void **state)
{
#ifdef TMPL_HAVE_HOST_PARAMS
	assert_int_equal(harness_run_suite("crypto_params", 20), 0);
#else
	printf("engine_crypto_params: skipped (executor without host-typed parameters)\n");
	skip();
#endif
}

/* fmt (printf %T/%v, print) of host types. */
static void test_vectors_fmt(void **state)
{
#ifdef TMPL_HAVE_HOST_FMT
	assert_int_equal(harness_run_suite("crypto_fmt", 5), 0);
#else
	printf("engine_crypto_fmt: skipped (fmt without host types)\n");
	skip();
#endif
}

/* Render a snippet; returns the output after "ok\t" (malloc'd). */
static char *render_ok(const char *tpl)
{
	struct sb out = SB_INIT;
	harness_render(tpl, strlen(tpl), &out);
	if (strncmp(out.buf, "ok\t", 3) != 0)
		fail_msg("%s: %s", tpl, out.buf);
	size_t n;
	char *s = sb_detach(&out, &n);
	memmove(s, s + 3, n - 2);
	return s;
}

static EVP_PKEY *read_key(BIO *b)
{
	EVP_PKEY *k = PEM_read_bio_PrivateKey(b, NULL, NULL, NULL);
	assert_non_null(k);
	return k;
}

static int bn_bits(EVP_PKEY *k, const char *param)
{
	BIGNUM *b = NULL;
	assert_true(EVP_PKEY_get_bn_param(k, param, &b));
	int n = BN_num_bits(b);
	BN_free(b);
	return n;
}

static void check_key(const char *type, const char *head, int id, int bits)
{
	char tpl[64];
	snprintf(tpl, sizeof tpl, "{{ genPrivateKey \"%s\" }}", type);
	char *pem = render_ok(tpl);
	assert_memory_equal(pem, head, strlen(head));
	BIO *b = BIO_new_mem_buf(pem, -1);
	EVP_PKEY *k = read_key(b);
	assert_int_equal(EVP_PKEY_get_base_id(k), id);
	assert_int_equal(EVP_PKEY_get_bits(k), bits);
	if (id == EVP_PKEY_DSA)
		assert_int_equal(bn_bits(k, OSSL_PKEY_PARAM_FFC_Q), 256);
	if (id == EVP_PKEY_RSA)
		assert_int_equal(bn_bits(k, OSSL_PKEY_PARAM_RSA_E), 17);
	EVP_PKEY_free(k);
	BIO_free(b);
	free(pem);
}

static void test_gen_private_key(void **state)
{
	check_key("rsa", "-----BEGIN RSA PRIVATE KEY-----\n", EVP_PKEY_RSA, 4096);
	check_key("ecdsa", "-----BEGIN EC PRIVATE KEY-----\n", EVP_PKEY_EC, 256);
	check_key("ed25519", "-----BEGIN PRIVATE KEY-----\n", EVP_PKEY_ED25519, 256);
	check_key("dsa", "-----BEGIN DSA PRIVATE KEY-----\n", EVP_PKEY_DSA, 2048);
}

struct parsed {
	char *text;
	X509 *cert;
	EVP_PKEY *key;
};

static void parse_cert(const char *tpl, struct parsed *p)
{
	p->text = render_ok(tpl);
	BIO *b = BIO_new_mem_buf(p->text, -1);
	p->cert = PEM_read_bio_X509(b, NULL, NULL, NULL);
	assert_non_null(p->cert);
	p->key = read_key(b);
	BIO_free(b);
	assert_int_equal(X509_check_private_key(p->cert, p->key), 1);
}

static void free_parsed(struct parsed *p)
{
	X509_free(p->cert);
	EVP_PKEY_free(p->key);
	free(p->text);
}

static const X509_EXTENSION *ext_at(X509 *c, int i)
{
	return X509_get_ext(c, i);
}

/* The extension list Go writes: KeyUsage, ExtKeyUsage, BasicConstraints,
 * [SubjectKeyId], [AuthorityKeyId], [SAN] — in that order. */
static void check_exts(X509 *c, const int *nids, int n)
{
	assert_int_equal(X509_get_ext_count(c), n);
	for (int i = 0; i < n; i++)
		assert_int_equal(OBJ_obj2nid(X509_EXTENSION_get_object((X509_EXTENSION *)ext_at(c, i))), nids[i]);
}

static void check_common(X509 *c, const char *cn, long days, bool ca)
{
	assert_int_equal(X509_get_version(c), 2);
	const ASN1_INTEGER *sn = X509_get0_serialNumber(c);
	BIGNUM *b = ASN1_INTEGER_to_BN(sn, NULL);
	assert_false(BN_is_negative(b));
	assert_true(BN_num_bits(b) <= 128);
	BN_free(b);
	char buf[512];
	int l = X509_NAME_get_text_by_NID(X509_get_subject_name(c), NID_commonName, buf, sizeof buf);
	if (*cn) {
		assert_int_equal(l, (int)strlen(cn));
		assert_string_equal(buf, cn);
	} else {
		assert_int_equal(X509_NAME_entry_count(X509_get_subject_name(c)), 0);
	}
	int pd = 0, ps = 0;
	assert_true(ASN1_TIME_diff(&pd, &ps, X509_get0_notBefore(c), X509_get0_notAfter(c)));
	long diff = pd * 86400L + ps;
	assert_true(diff >= days * 86400 - 1 && diff <= days * 86400 + 1);
	uint32_t ku = X509_get_key_usage(c);
	uint32_t want = KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT | (ca ? KU_KEY_CERT_SIGN : 0);
	assert_int_equal(ku, want);
	assert_int_equal(X509_get_extended_key_usage(c), XKU_SSL_SERVER | XKU_SSL_CLIENT);
	assert_int_equal(X509_check_ca(c) != 0, ca);
	int crit = -1;
	BASIC_CONSTRAINTS *bc = X509_get_ext_d2i(c, NID_basic_constraints, &crit, NULL);
	assert_non_null(bc);
	assert_int_equal(crit, 1);
	assert_int_equal(bc->ca != 0, ca);
	assert_null(bc->pathlen);
	BASIC_CONSTRAINTS_free(bc);
	ASN1_BIT_STRING *kus = X509_get_ext_d2i(c, NID_key_usage, &crit, NULL);
	assert_int_equal(crit, 1);
	ASN1_BIT_STRING_free(kus);
}

static void test_gen_ca(void **state)
{
	struct parsed p;
	parse_cert("{{ $c := genCA \"my ca\" 365 }}{{ $c.Cert }}{{ $c.Key }}", &p);
	check_common(p.cert, "my ca", 365, true);
	static const int nids[] = { NID_key_usage, NID_ext_key_usage, NID_basic_constraints,
				    NID_subject_key_identifier };
	check_exts(p.cert, nids, 4);
	assert_int_equal(X509_NAME_cmp(X509_get_subject_name(p.cert), X509_get_issuer_name(p.cert)), 0);
	assert_int_equal(EVP_PKEY_get_base_id(p.key), EVP_PKEY_RSA);
	assert_int_equal(EVP_PKEY_get_bits(p.key), 2048);
	assert_int_equal(X509_get_signature_nid(p.cert), NID_sha256WithRSAEncryption);
	assert_int_equal(X509_verify(p.cert, p.key), 1);
	/* SubjectKeyId: SHA-1 of the subjectPublicKey bits (RFC 5280 method 1) */
	const ASN1_BIT_STRING *bits = X509_get0_pubkey_bitstr(p.cert);
	unsigned char h[20];
	SHA1(ASN1_STRING_get0_data(bits), (size_t)ASN1_STRING_length(bits), h);
	const ASN1_OCTET_STRING *skid = X509_get0_subject_key_id(p.cert);
	assert_int_equal(ASN1_STRING_length(skid), 20);
	assert_memory_equal(ASN1_STRING_get0_data(skid), h, 20);
	/* CN "my ca" is a PrintableString, as asn1 picks for it */
	const X509_NAME_ENTRY *e = X509_NAME_get_entry(X509_get_subject_name(p.cert), 0);
	assert_int_equal(ASN1_STRING_type(X509_NAME_ENTRY_get_data(e)), V_ASN1_PRINTABLESTRING);
	assert_memory_equal(p.text + strlen(p.text) - 30, "-----END RSA PRIVATE KEY-----\n", 30);
	free_parsed(&p);
}

static void check_san(X509 *c, const char *const *want, int n, int critical)
{
	int crit = -1;
	GENERAL_NAMES *g = X509_get_ext_d2i(c, NID_subject_alt_name, &crit, NULL);
	assert_non_null(g);
	assert_int_equal(crit, critical);
	assert_int_equal(sk_GENERAL_NAME_num(g), n);
	for (int i = 0; i < n; i++) {
		GENERAL_NAME *gn = sk_GENERAL_NAME_value(g, i);
		if (want[i][0] == '#') { /* "#<len>": an IP of that many bytes */
			assert_int_equal(gn->type, GEN_IPADD);
			assert_int_equal(ASN1_STRING_length(gn->d.iPAddress), want[i][1] - '0' == 1 ? 16 : 4);
		} else {
			assert_int_equal(gn->type, GEN_DNS);
			assert_int_equal(ASN1_STRING_type(gn->d.dNSName), V_ASN1_IA5STRING);
			assert_string_equal((const char *)ASN1_STRING_get0_data(gn->d.dNSName), want[i]);
		}
	}
	GENERAL_NAMES_free(g);
}

static void test_gen_self_signed(void **state)
{
	struct parsed p;
	/* .Values.list is [a b c]; IPs come after DNS names in Go's SAN */
	parse_cert("{{ $c := genSelfSignedCertWithKey \"srv\" (fromJsonArray \"[\\\"10.0.0.1\\\", \\\"::1\\\", "
		   "\\\"::ffff:1.2.3.4\\\"]\") .Values.list 30 (genPrivateKey \"ecdsa\") }}{{ $c.Cert }}{{ $c.Key }}",
		   &p);
	check_common(p.cert, "srv", 30, false);
	static const int nids[] = { NID_key_usage, NID_ext_key_usage, NID_basic_constraints, NID_subject_alt_name };
	check_exts(p.cert, nids, 4);
	static const char *const san[] = { "a", "b", "c", "#4", "#16", "#4" };
	check_san(p.cert, san, 6, 0);
	assert_int_equal(X509_get_signature_nid(p.cert), NID_ecdsa_with_SHA256);
	assert_int_equal(X509_verify(p.cert, p.key), 1);
	free_parsed(&p);

	/* an empty subject makes the SAN critical; Ed25519 signs */
	parse_cert("{{ $c := genSelfSignedCertWithKey \"\" nil .Values.list -2 (genPrivateKey \"ed25519\") }}"
		   "{{ $c.Cert }}{{ $c.Key }}", &p);
	check_common(p.cert, "", -2, false);
	check_san(p.cert, san, 3, 1);
	assert_int_equal(X509_get_signature_nid(p.cert), NID_ED25519);
	assert_int_equal(X509_verify(p.cert, p.key), 1);
	free_parsed(&p);

	/* a non-printable CN is a UTF8String; long validity uses GeneralizedTime */
	parse_cert("{{ $c := genSelfSignedCert \"h\xc3\xa9_x\" nil nil 36500 }}{{ $c.Cert }}{{ $c.Key }}", &p);
	check_common(p.cert, "h\xc3\xa9_x", 36500, false);
	const X509_NAME_ENTRY *e = X509_NAME_get_entry(X509_get_subject_name(p.cert), 0);
	assert_int_equal(ASN1_STRING_type(X509_NAME_ENTRY_get_data(e)), V_ASN1_UTF8STRING);
	assert_int_equal(ASN1_STRING_type(X509_get0_notAfter(p.cert)), V_ASN1_GENERALIZEDTIME);
	assert_int_equal(ASN1_STRING_type(X509_get0_notBefore(p.cert)), V_ASN1_UTCTIME);
	static const int nids3[] = { NID_key_usage, NID_ext_key_usage, NID_basic_constraints };
	check_exts(p.cert, nids3, 3);
	free_parsed(&p);
}

static void test_gen_signed(void **state)
{
	struct parsed ca, leaf;
	char *both = render_ok("{{ $ca := genCA \"root\" 10 }}{{ $c := genSignedCert \"leaf\" nil .Values.list 5 $ca }}"
			       "{{ $ca.Cert }}{{ $ca.Key }}{{ $c.Cert }}{{ $c.Key }}");
	BIO *b = BIO_new_mem_buf(both, -1);
	ca.cert = PEM_read_bio_X509(b, NULL, NULL, NULL);
	ca.key = read_key(b);
	leaf.cert = PEM_read_bio_X509(b, NULL, NULL, NULL);
	leaf.key = read_key(b);
	BIO_free(b);
	assert_non_null(ca.cert);
	assert_non_null(leaf.cert);
	check_common(leaf.cert, "leaf", 5, false);
	static const int nids[] = { NID_key_usage, NID_ext_key_usage, NID_basic_constraints,
				    NID_authority_key_identifier, NID_subject_alt_name };
	check_exts(leaf.cert, nids, 5);
	assert_int_equal(X509_NAME_cmp(X509_get_issuer_name(leaf.cert), X509_get_subject_name(ca.cert)), 0);
	const ASN1_OCTET_STRING *akid = X509_get0_authority_key_id(leaf.cert);
	const ASN1_OCTET_STRING *skid = X509_get0_subject_key_id(ca.cert);
	assert_non_null(akid);
	assert_int_equal(ASN1_OCTET_STRING_cmp(akid, skid), 0);
	assert_int_equal(X509_verify(leaf.cert, ca.key), 1);
	assert_int_equal(X509_check_private_key(leaf.cert, leaf.key), 1);
	/* the chain verifies for a TLS server */
	X509_STORE *st = X509_STORE_new();
	X509_STORE_add_cert(st, ca.cert);
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	X509_STORE_CTX_init(ctx, st, leaf.cert, NULL);
	X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_SERVER);
	assert_int_equal(X509_verify_cert(ctx), 1);
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(st);
	X509_free(ca.cert);
	EVP_PKEY_free(ca.key);
	X509_free(leaf.cert);
	EVP_PKEY_free(leaf.key);
	free(both);
}

static void test_bcrypt(void **state)
{
	char *h = render_ok("{{ bcrypt \"s3cret\" }}");
	assert_int_equal(strlen(h), 60);
	assert_memory_equal(h, "$2a$10$", 7);
	/* crypt_rn: ASan intercepts crypt_r and finds no shared libcrypt behind it */
	struct crypt_data *cd = calloc(1, sizeof *cd);
	assert_string_equal(crypt_rn("s3cret", h, cd, sizeof *cd), h);
	/* golang.org/x/crypto/bcrypt's own test vector: "$2a$" hashes that Go
	 * made verify with the same key schedule */
	const char *go = "$2a$10$XajjQvNhvvRt5GSeFk1xFeyqRrsxkhBkUiQeg0dt.wU1qD4aFDcga";
	assert_string_equal(crypt_rn("allmine", go, cd, sizeof *cd), go);
	free(cd);
	free(h);
	char *u = render_ok("{{ htpasswd \"bob\" \"pw\" }}");
	assert_memory_equal(u, "bob:$2a$10$", 11);
	free(u);
}

static void test_uuid(void **state)
{
	for (int i = 0; i < 50; i++) {
		char *u = render_ok("{{ uuidv4 }}");
		assert_int_equal(strlen(u), 36);
		for (int j = 0; j < 36; j++) {
			if (j == 8 || j == 13 || j == 18 || j == 23)
				assert_int_equal(u[j], '-');
			else
				assert_non_null(strchr("0123456789abcdef", u[j]));
		}
		assert_int_equal(u[14], '4');
		assert_non_null(strchr("89ab", u[19]));
		free(u);
	}
}

/* fmt's {Cert Key} for the struct, and its fields */
static void test_cert_print(void **state)
{
	char *s = render_ok("{{ $c := genCAWithKey \"x\" 1 (genPrivateKey \"ed25519\") }}{{ $c }}|{{ $c.Cert }}|{{ $c.Key }}");
	char *bar1 = strchr(s, '|');
	assert_non_null(bar1);
	char *bar2 = strchr(bar1 + 1, '|');
	assert_non_null(bar2);
	size_t lc = (size_t)(bar2 - bar1 - 1), lk = strlen(bar2 + 1);
	assert_int_equal((size_t)(bar1 - s), lc + lk + 3);
	assert_int_equal(s[0], '{');
	assert_memory_equal(s + 1, bar1 + 1, lc);
	assert_int_equal(s[1 + lc], ' ');
	assert_memory_equal(s + 2 + lc, bar2 + 1, lk);
	assert_int_equal(s[2 + lc + lk], '}');
	assert_memory_equal(bar2 + 1, "-----BEGIN PRIVATE KEY-----\n", 28);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors_crypto),
		cmocka_unit_test(test_vectors_encoding),
		cmocka_unit_test(test_vectors_params),
		cmocka_unit_test(test_vectors_fmt),
		cmocka_unit_test(test_gen_private_key),
		cmocka_unit_test(test_gen_ca),
		cmocka_unit_test(test_gen_self_signed),
		cmocka_unit_test(test_gen_signed),
		cmocka_unit_test(test_bcrypt),
		cmocka_unit_test(test_uuid),
		cmocka_unit_test(test_cert_print),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
