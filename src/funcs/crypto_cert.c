/* crypto_cert.c — Sprig v3.3.0's keys and certificates (crypto.go):
 * genPrivateKey, buildCustomCert, genCA, genSelfSignedCert, genSignedCert
 * and their WithKey twins.  OpenSSL makes keys and signatures; the DER is
 * written here, field for field as Go 1.23's x509.CreateCertificate and
 * x509/pem marshal it, so the output has Go's shape (extension order,
 * string types, key formats).  Error texts are Go's. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "base/quote.h"
#include "base/xalloc.h"
#include "funcs/fn_crypto.h"
#include "funcs/fn_encoding.h"
#include "value/codec.h"

/* ---- DER writing ---- */

static void der_len(struct sb *s, size_t n)
{
	if (n < 128) {
		sb_addc(s, (char)n);
		return;
	}
	unsigned char b[8];
	int k = 0;
	for (; n; n >>= 8)
		b[k++] = (unsigned char)n;
	sb_addc(s, (char)(0x80 | k));
	while (k)
		sb_addc(s, (char)b[--k]);
}

static void der_tlv(struct sb *s, unsigned char tag, const void *p, size_t n)
{
	sb_addc(s, (char)tag);
	der_len(s, n);
	if (n)
		sb_add(s, p, n);
}

/* Appends tag+length+c's bytes and releases c. */
static void der_wrap(struct sb *s, unsigned char tag, struct sb *c)
{
	der_tlv(s, tag, c->buf, c->len);
	sb_release(c);
}

static void der_raw(struct sb *s, const unsigned char *p, size_t n)
{
	sb_add(s, p, n);
}

static void der_small_int(struct sb *s, int v)
{
	unsigned char b = (unsigned char)v;
	der_tlv(s, 0x02, &b, 1);
}

/* A non-negative big.Int as asn1 marshals it: minimal, a 0x00 before a set
 * top bit. */
static void der_bn(struct sb *s, const BIGNUM *bn)
{
	int n = BN_num_bytes(bn);
	unsigned char *b = xmalloc((size_t)n + 1);
	b[0] = 0;
	BN_bn2bin(bn, b + 1);
	if (n == 0)
		der_tlv(s, 0x02, b, 1);
	else if (b[1] & 0x80)
		der_tlv(s, 0x02, b, (size_t)n + 1);
	else
		der_tlv(s, 0x02, b + 1, (size_t)n);
	free(b);
}

static void der_bitstring(struct sb *s, const unsigned char *p, size_t n)
{
	sb_addc(s, 0x03);
	der_len(s, n + 1);
	sb_addc(s, 0);
	if (n)
		sb_add(s, p, n);
}

/* OIDs, encoded with tag and length. */
static const unsigned char OID_RSA[] = { 6, 9, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 1, 1, 1 };
static const unsigned char OID_SHA256_RSA[] = { 6, 9, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 1, 1, 11 };
static const unsigned char OID_EC_PUB[] = { 6, 7, 0x2a, 0x86, 0x48, 0xce, 0x3d, 2, 1 };
static const unsigned char OID_ECDSA_SHA256[] = { 6, 8, 0x2a, 0x86, 0x48, 0xce, 0x3d, 4, 3, 2 };
static const unsigned char OID_ECDSA_SHA384[] = { 6, 8, 0x2a, 0x86, 0x48, 0xce, 0x3d, 4, 3, 3 };
static const unsigned char OID_ECDSA_SHA512[] = { 6, 8, 0x2a, 0x86, 0x48, 0xce, 0x3d, 4, 3, 4 };
static const unsigned char OID_ED25519[] = { 6, 3, 0x2b, 0x65, 0x70 };
static const unsigned char OID_X25519[] = { 6, 3, 0x2b, 0x65, 0x6e };
static const unsigned char OID_CN[] = { 6, 3, 0x55, 4, 3 };
static const unsigned char OID_KEY_USAGE[] = { 6, 3, 0x55, 0x1d, 0x0f };
static const unsigned char OID_EXT_KEY_USAGE[] = { 6, 3, 0x55, 0x1d, 0x25 };
static const unsigned char OID_BASIC[] = { 6, 3, 0x55, 0x1d, 0x13 };
static const unsigned char OID_SKID[] = { 6, 3, 0x55, 0x1d, 0x0e };
static const unsigned char OID_AKID[] = { 6, 3, 0x55, 0x1d, 0x23 };
static const unsigned char OID_SAN[] = { 6, 3, 0x55, 0x1d, 0x11 };
static const unsigned char OID_SERVER_AUTH[] = { 6, 8, 0x2b, 6, 1, 5, 5, 7, 3, 1 };
static const unsigned char OID_CLIENT_AUTH[] = { 6, 8, 0x2b, 6, 1, 5, 5, 7, 3, 2 };

struct curve {
	const char *name1, *name2; /* OpenSSL's group names */
	unsigned char oid[10];
	size_t oidlen, size;       /* size: (N.BitLen()+7)/8 */
	const unsigned char *sigoid;
	size_t sigoidlen;
	const char *md;
};

static const struct curve curves[] = {
	{ "P-224", "secp224r1", { 6, 5, 0x2b, 0x81, 4, 0, 0x21 }, 7, 28, OID_ECDSA_SHA256, sizeof OID_ECDSA_SHA256,
	  "SHA256" },
	{ "P-256", "prime256v1", { 6, 8, 0x2a, 0x86, 0x48, 0xce, 0x3d, 3, 1, 7 }, 10, 32, OID_ECDSA_SHA256,
	  sizeof OID_ECDSA_SHA256, "SHA256" },
	{ "P-384", "secp384r1", { 6, 5, 0x2b, 0x81, 4, 0, 0x22 }, 7, 48, OID_ECDSA_SHA384, sizeof OID_ECDSA_SHA384,
	  "SHA384" },
	{ "P-521", "secp521r1", { 6, 5, 0x2b, 0x81, 4, 0, 0x23 }, 7, 66, OID_ECDSA_SHA512, sizeof OID_ECDSA_SHA512,
	  "SHA512" },
};

/* ---- PEM (encoding/pem) ---- */

static void pem_encode(struct sb *out, const char *type, const unsigned char *der, size_t n)
{
	struct sb b = SB_INIT;
	fn_b64_encode(&b, der, n);
	sb_adds(out, "-----BEGIN ");
	sb_adds(out, type);
	sb_adds(out, "-----\n");
	for (size_t i = 0; i < b.len; i += 64) {
		sb_add(out, b.buf + i, b.len - i < 64 ? b.len - i : 64);
		sb_addc(out, '\n');
	}
	sb_adds(out, "-----END ");
	sb_adds(out, type);
	sb_adds(out, "-----\n");
	sb_release(&b);
}

struct pem_block {
	const char *type;
	size_t tlen;
	struct sb der;
};

/* getLine: the line without CR and trailing blanks; returns bytes used. */
static size_t get_line(const char *d, size_t n, size_t *len)
{
	const char *nl = memchr(d, '\n', n);
	size_t i = nl ? (size_t)(nl - d) : n, j = nl ? i + 1 : n;
	if (nl && i > 0 && d[i - 1] == '\r')
		i--;
	while (i > 0 && (d[i - 1] == ' ' || d[i - 1] == '\t'))
		i--;
	*len = i;
	return j;
}

/* pem.Decode: the first well-formed block anywhere in data. */
static bool pem_decode(const char *data, size_t n, struct pem_block *b)
{
	const char *rest = data;
	size_t rn = n;
	sb_init(&b->der);
	for (;;) {
		if (rn >= 11 && memcmp(rest, "-----BEGIN ", 11) == 0) {
			rest += 11;
			rn -= 11;
		} else {
			const char *f = memmem(rest, rn, "\n-----BEGIN ", 12);
			if (!f)
				return false;
			rn -= (size_t)(f + 12 - rest);
			rest = f + 12;
		}
		size_t tl, used = get_line(rest, rn, &tl);
		const char *type = rest;
		rest += used;
		rn -= used;
		if (tl < 5 || memcmp(type + tl - 5, "-----", 5) != 0)
			continue;
		tl -= 5;
		bool headers = false;
		bool eof = false;
		for (;;) {
			if (rn == 0) {
				eof = true;
				break;
			}
			size_t ll, u = get_line(rest, rn, &ll);
			if (!memchr(rest, ':', ll))
				break;
			headers = true;
			rest += u;
			rn -= u;
		}
		if (eof)
			return false;
		size_t end, trailer;
		if (!headers && rn >= 9 && memcmp(rest, "-----END ", 9) == 0) {
			end = 0;
			trailer = 9;
		} else {
			const char *f = memmem(rest, rn, "\n-----END ", 10);
			if (!f)
				continue;
			end = (size_t)(f - rest);
			trailer = end + 10;
		}
		const char *et = rest + trailer;
		size_t etn = rn - trailer, etl = tl + 5;
		if (etn < etl || memcmp(et, type, tl) != 0 || memcmp(et + tl, "-----", 5) != 0)
			continue;
		size_t ll;
		get_line(et + etl, etn - etl, &ll);
		if (ll)
			continue;
		char *body = xmalloc(end + 1);
		size_t bl = 0;
		for (size_t i = 0; i < end; i++)
			if (rest[i] != ' ' && rest[i] != '\t')
				body[bl++] = rest[i];
		long bad;
		sb_reset(&b->der);
		int r = fn_b64_decode(&b->der, body, bl, &bad);
		free(body);
		if (r < 0)
			continue;
		b->type = type;
		b->tlen = tl;
		return true;
	}
}

/* x509.ParseCertificate on OpenSSL's parser, with Go's texts for where the
 * outer structure breaks: 0, or -1 and the text in err. */
static bool der_header(const unsigned char **p, const unsigned char *end, unsigned char tag, size_t *len)
{
	if (end - *p < 2 || (*p)[0] != tag)
		return false;
	size_t n = (*p)[1], i = 2;
	if (n & 0x80) {
		size_t k = n & 0x7f;
		if (k == 0 || k > 4 || (size_t)(end - *p) < 2 + k)
			return false;
		n = 0;
		for (size_t j = 0; j < k; j++)
			n = n << 8 | (*p)[2 + j];
		i += k;
	}
	if ((size_t)(end - *p) - i < n)
		return false;
	*p += i;
	*len = n;
	return true;
}

static int parse_cert_der(const struct sb *der, X509 **out, const char **err)
{
	const unsigned char *p = (const unsigned char *)der->buf, *end = p + der->len;
	size_t n;
	*out = NULL;
	if (!der_header(&p, end, 0x30, &n)) {
		*err = "x509: malformed certificate";
		return -1;
	}
	const unsigned char *inner_end = p + n;
	if (!der_header(&p, inner_end, 0x30, &n)) {
		*err = "x509: malformed tbs certificate";
		return -1;
	}
	p = (const unsigned char *)der->buf;
	*out = d2i_X509(NULL, &p, (long)der->len);
	if (!*out) {
		*err = "x509: malformed certificate";
		return -1;
	}
	if (p != end) {
		X509_free(*out);
		*out = NULL;
		*err = "x509: trailing data";
		return -1;
	}
	return 0;
}

/* ---- keys ---- */

enum key_kind { K_RSA, K_DSA, K_EC, K_ED25519, K_X25519 };

struct key {
	EVP_PKEY *pk;
	enum key_kind kind;
	const struct curve *curve; /* K_EC */
};

static BIGNUM *bn_param(EVP_PKEY *pk, const char *name)
{
	BIGNUM *b = NULL;
	if (!EVP_PKEY_get_bn_param(pk, name, &b))
		b = BN_new(); /* absent: zero, as a nil-safe stand-in */
	return b;
}

static const struct curve *key_curve(EVP_PKEY *pk)
{
	char name[64];
	if (!EVP_PKEY_get_utf8_string_param(pk, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, NULL))
		return NULL;
	for (size_t i = 0; i < sizeof curves / sizeof curves[0]; i++)
		if (strcmp(name, curves[i].name1) == 0 || strcmp(name, curves[i].name2) == 0)
			return &curves[i];
	return NULL;
}

static bool key_from_pkey(EVP_PKEY *pk, struct key *k)
{
	k->pk = pk;
	k->curve = NULL;
	switch (EVP_PKEY_get_base_id(pk)) {
	case EVP_PKEY_RSA: k->kind = K_RSA; return true;
	case EVP_PKEY_DSA: k->kind = K_DSA; return true;
	case EVP_PKEY_ED25519: k->kind = K_ED25519; return true;
	case EVP_PKEY_X25519: k->kind = K_X25519; return true;
	case EVP_PKEY_EC:
		k->kind = K_EC;
		k->curve = key_curve(pk);
		return k->curve != NULL;
	default:
		return false;
	}
}

/* Uncompressed point 04||X||Y, coordinates padded to the field size. */
static void ec_point(const struct key *k, struct sb *out)
{
	BIGNUM *bx = bn_param(k->pk, OSSL_PKEY_PARAM_EC_PUB_X), *by = bn_param(k->pk, OSSL_PKEY_PARAM_EC_PUB_Y);
	size_t sz = k->curve->size;
	unsigned char *b = xmalloc(2 * sz);
	BN_bn2binpad(bx, b, (int)sz);
	BN_bn2binpad(by, b + sz, (int)sz);
	sb_addc(out, 4);
	sb_add(out, b, 2 * sz);
	free(b);
	BN_free(bx);
	BN_free(by);
}

/* pemBlockForKey: PKCS#1, SEC1, Sprig's DSA sequence, or PKCS#8. */
static const char *marshal_private_key(const struct key *k, struct sb *der)
{
	struct sb c = SB_INIT;
	switch (k->kind) {
	case K_RSA: {
		/* x509.MarshalPKCS1PrivateKey after Precompute: CRT values are
		 * recomputed from D, P and Q, not taken from the input */
		BIGNUM *n = bn_param(k->pk, OSSL_PKEY_PARAM_RSA_N), *e = bn_param(k->pk, OSSL_PKEY_PARAM_RSA_E);
		BIGNUM *d = bn_param(k->pk, OSSL_PKEY_PARAM_RSA_D);
		BIGNUM *p = bn_param(k->pk, OSSL_PKEY_PARAM_RSA_FACTOR1);
		BIGNUM *q = bn_param(k->pk, OSSL_PKEY_PARAM_RSA_FACTOR2);
		BIGNUM *dp = BN_new(), *dq = BN_new(), *qi = BN_new(), *t = BN_new();
		BN_CTX *ctx = BN_CTX_new();
		BN_sub(t, p, BN_value_one());
		BN_mod(dp, d, t, ctx);
		BN_sub(t, q, BN_value_one());
		BN_mod(dq, d, t, ctx);
		if (!BN_mod_inverse(qi, q, p, ctx))
			BN_zero(qi);
		der_small_int(&c, 0);
		const BIGNUM *all[] = { n, e, d, p, q, dp, dq, qi };
		for (size_t i = 0; i < 8; i++)
			der_bn(&c, all[i]);
		der_wrap(der, 0x30, &c);
		BN_CTX_free(ctx);
		BN_free(n), BN_free(e), BN_free(d), BN_free(p), BN_free(q);
		BN_free(dp), BN_free(dq), BN_free(qi), BN_free(t);
		return "RSA PRIVATE KEY";
	}
	case K_DSA: {
		const char *names[] = { OSSL_PKEY_PARAM_FFC_P, OSSL_PKEY_PARAM_FFC_Q, OSSL_PKEY_PARAM_FFC_G,
					OSSL_PKEY_PARAM_PUB_KEY, OSSL_PKEY_PARAM_PRIV_KEY };
		der_small_int(&c, 0);
		for (size_t i = 0; i < 5; i++) {
			BIGNUM *b = bn_param(k->pk, names[i]);
			der_bn(&c, b);
			BN_free(b);
		}
		der_wrap(der, 0x30, &c);
		return "DSA PRIVATE KEY";
	}
	case K_EC: {
		size_t sz = k->curve->size;
		BIGNUM *d = bn_param(k->pk, OSSL_PKEY_PARAM_PRIV_KEY);
		unsigned char *b = xmalloc(sz);
		BN_bn2binpad(d, b, (int)sz);
		BN_clear_free(d);
		der_small_int(&c, 1);
		der_tlv(&c, 0x04, b, sz);
		free(b);
		der_tlv(&c, 0xa0, k->curve->oid, k->curve->oidlen);
		struct sb pt = SB_INIT, bs = SB_INIT;
		ec_point(k, &pt);
		der_bitstring(&bs, (const unsigned char *)pt.buf, pt.len);
		sb_release(&pt);
		der_wrap(&c, 0xa1, &bs);
		der_wrap(der, 0x30, &c);
		return "EC PRIVATE KEY";
	}
	case K_ED25519:
	case K_X25519: {
		unsigned char raw[32];
		size_t rl = sizeof raw;
		EVP_PKEY_get_raw_private_key(k->pk, raw, &rl);
		der_small_int(&c, 0);
		struct sb alg = SB_INIT, inner = SB_INIT;
		if (k->kind == K_ED25519)
			der_raw(&alg, OID_ED25519, sizeof OID_ED25519);
		else
			der_raw(&alg, OID_X25519, sizeof OID_X25519);
		der_wrap(&c, 0x30, &alg);
		der_tlv(&inner, 0x04, raw, rl);
		der_wrap(&c, 0x04, &inner);
		der_wrap(der, 0x30, &c);
		OPENSSL_cleanse(raw, sizeof raw);
		return "PRIVATE KEY";
	}
	}
	return "PRIVATE KEY";
}

static void key_pem(const struct key *k, struct sb *out)
{
	struct sb der = SB_INIT;
	const char *type = marshal_private_key(k, &der);
	pem_encode(out, type, (const unsigned char *)der.buf, der.len);
	OPENSSL_cleanse(der.buf, der.len);
	sb_release(&der);
}

static EVP_PKEY *gen_dsa(void)
{
	EVP_PKEY *params = NULL, *pk = NULL;
	EVP_PKEY_CTX *pc = EVP_PKEY_CTX_new_from_name(NULL, "DSA", NULL);
	if (pc && EVP_PKEY_paramgen_init(pc) > 0 && EVP_PKEY_CTX_set_dsa_paramgen_bits(pc, 2048) > 0 &&
	    EVP_PKEY_CTX_set_dsa_paramgen_q_bits(pc, 256) > 0 && EVP_PKEY_paramgen(pc, &params) > 0) {
		EVP_PKEY_CTX *kc = EVP_PKEY_CTX_new_from_pkey(NULL, params, NULL);
		if (kc && EVP_PKEY_keygen_init(kc) > 0)
			EVP_PKEY_keygen(kc, &pk);
		EVP_PKEY_CTX_free(kc);
	}
	EVP_PKEY_free(params);
	EVP_PKEY_CTX_free(pc);
	return pk;
}

/* Not EVP_PKEY_Q_keygen: OpenSSL's FIPS 186-4 search costs ~20x Go's
 * crypto/rand.Prime for keys of the same shape (crypto_rsa.c). */
static EVP_PKEY *gen_rsa(unsigned bits)
{
	return fn_rsa_generate((int)bits);
}

int fn_gen_private_key(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val t = a[0];
	EVP_PKEY *pk = NULL;
#define IS(lit) (t.len == sizeof(lit) - 1 && memcmp(t.u.s, lit, t.len) == 0)
	if (t.len == 0 || IS("rsa"))
		pk = gen_rsa(4096);
	else if (IS("dsa"))
		pk = gen_dsa();
	else if (IS("ecdsa"))
		pk = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	else if (IS("ed25519"))
		pk = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	else {
		struct sb s = SB_INIT;
		sb_adds(&s, "Unknown type ");
		sb_add(&s, t.u.s, t.len);
		*out = val_str(x->a, s.buf, s.len);
		sb_release(&s);
		return 0;
	}
#undef IS
	struct key k;
	if (!pk || !key_from_pkey(pk, &k)) {
		EVP_PKEY_free(pk);
		*out = val_cstr(x->a, "failed to generate private key: key generation failed");
		return 0;
	}
	struct sb s = SB_INIT;
	key_pem(&k, &s);
	*out = val_str(x->a, s.buf, s.len);
	sb_release(&s);
	EVP_PKEY_free(pk);
	return 0;
}

/* ---- parsePrivateKeyPEM ---- */

/* One DER structure of one key type, nothing else (OpenSSL's d2i_PrivateKey
 * would also take other encodings that Go's parsers reject). */
static EVP_PKEY *decode_der(const char *type, const char *structure, const unsigned char *p, size_t n)
{
	EVP_PKEY *pk = NULL;
	OSSL_DECODER_CTX *c = OSSL_DECODER_CTX_new_for_pkey(&pk, "DER", structure, type, EVP_PKEY_KEYPAIR, NULL,
							     NULL);
	size_t left = n;
	if (!c || !OSSL_DECODER_from_data(c, &p, &left) || left != 0) {
		EVP_PKEY_free(pk);
		pk = NULL;
	}
	OSSL_DECODER_CTX_free(c);
	return pk;
}

static bool try_der(const char *type, const char *structure, const unsigned char *p, size_t n)
{
	EVP_PKEY *pk = decode_der(type, structure, p, n);
	EVP_PKEY_free(pk);
	return pk != NULL;
}

static bool try_ec(const unsigned char *p, size_t n)
{
	return try_der("EC", "type-specific", p, n);
}

static bool try_rsa(const unsigned char *p, size_t n)
{
	return try_der("RSA", "type-specific", p, n);
}

static bool try_pkcs8(const unsigned char *p, size_t n)
{
	PKCS8_PRIV_KEY_INFO *i = d2i_PKCS8_PRIV_KEY_INFO(NULL, &p, (long)n);
	bool ok = i != NULL;
	PKCS8_PRIV_KEY_INFO_free(i);
	return ok;
}

static const char USE_EC[] = "x509: failed to parse private key (use ParseECPrivateKey instead for this key format)";
static const char USE_P8[] = "x509: failed to parse private key (use ParsePKCS8PrivateKey instead for this key format)";
static const char USE_P1[] = "x509: failed to parse private key (use ParsePKCS1PrivateKey instead for this key format)";

/* Go's x509 parsers' texts where the reason is known; a malformed
 * structure gets a generic asn1 text (Go names the exact field). */
static int parse_pkcs8(const unsigned char *p, size_t n, struct key *k, struct sb *err)
{
	const unsigned char *q = p;
	PKCS8_PRIV_KEY_INFO *inf = d2i_PKCS8_PRIV_KEY_INFO(NULL, &q, (long)n);
	if (!inf) {
		if (try_ec(p, n))
			sb_adds(err, USE_EC);
		else if (try_rsa(p, n))
			sb_adds(err, USE_P1);
		else
			sb_adds(err, "asn1: structure error: tags don't match");
		return -1;
	}
	const ASN1_OBJECT *oid = NULL;
	PKCS8_pkey_get0(&oid, NULL, NULL, NULL, inf);
	int nid = OBJ_obj2nid(oid);
	if (nid != NID_rsaEncryption && nid != NID_X9_62_id_ecPublicKey && nid != NID_ED25519 &&
	    nid != NID_X25519) {
		char buf[128];
		OBJ_obj2txt(buf, sizeof buf, oid, 1);
		sb_addf(err, "x509: PKCS#8 wrapping contained private key with unknown algorithm: %s", buf);
		PKCS8_PRIV_KEY_INFO_free(inf);
		return -1;
	}
	EVP_PKEY *pk = EVP_PKCS82PKEY(inf);
	PKCS8_PRIV_KEY_INFO_free(inf);
	if (!pk || !key_from_pkey(pk, k)) {
		EVP_PKEY_free(pk);
		if (nid == NID_rsaEncryption)
			sb_adds(err, "x509: failed to parse RSA private key embedded in PKCS#8: "
				     "asn1: structure error: tags don't match");
		else if (nid == NID_X9_62_id_ecPublicKey)
			sb_adds(err, "x509: failed to parse EC private key embedded in PKCS#8: x509: unknown elliptic curve");
		else
			sb_adds(err, "x509: invalid Ed25519 private key: asn1: structure error: tags don't match");
		return -1;
	}
	return 0;
}

static int parse_private_key_pem(const char *text, size_t n, struct key *k, struct sb *err)
{
	struct pem_block b;
	if (!pem_decode(text, n, &b)) {
		sb_release(&b.der);
		sb_adds(err, "no PEM data in input");
		return -1;
	}
	const unsigned char *p = (const unsigned char *)b.der.buf;
	size_t dl = b.der.len;
	int r = -1;
	EVP_PKEY *pk = NULL;
	if (b.tlen == 11 && memcmp(b.type, "PRIVATE KEY", 11) == 0) {
		struct sb e = SB_INIT;
		r = parse_pkcs8(p, dl, k, &e);
		if (r < 0)
			sb_addf(err, "decoding PEM as PKCS#8: %.*s", (int)e.len, e.buf);
		sb_release(&e);
	} else if (b.tlen < 12 || memcmp(b.type + b.tlen - 12, " PRIVATE KEY", 12) != 0) {
		sb_addf(err, "no private key data in PEM block of type %.*s", (int)b.tlen, b.type);
	} else if (b.tlen == 15 && memcmp(b.type, "RSA", 3) == 0) {
		pk = decode_der("RSA", "type-specific", p, dl);
		if (pk && key_from_pkey(pk, k)) {
			r = 0;
		} else {
			sb_adds(err, "parsing RSA private key from PEM: ");
			sb_adds(err, try_ec(p, dl) ? USE_EC : try_pkcs8(p, dl) ? USE_P8
					     : "asn1: structure error: tags don't match");
		}
	} else if (b.tlen == 14 && memcmp(b.type, "EC", 2) == 0) {
		pk = decode_der("EC", "type-specific", p, dl);
		if (pk && key_from_pkey(pk, k)) {
			r = 0;
		} else {
			sb_adds(err, "parsing EC private key from PEM: ");
			sb_adds(err, try_pkcs8(p, dl) ? USE_P8 : try_rsa(p, dl) ? USE_P1
				     : "x509: failed to parse EC private key: asn1: structure error: tags don't match");
		}
	} else if (b.tlen == 15 && memcmp(b.type, "DSA", 3) == 0) {
		pk = decode_der("DSA", "type-specific", p, dl);
		if (pk && key_from_pkey(pk, k))
			r = 0;
		else
			sb_adds(err, "parsing DSA private key from PEM: asn1: structure error: tags don't match");
	} else {
		sb_addf(err, "invalid private key type %.*s", (int)b.tlen, b.type);
	}
	if (r < 0)
		EVP_PKEY_free(pk);
	OPENSSL_cleanse(b.der.buf, b.der.len);
	sb_release(&b.der);
	return r;
}

/* ---- public keys and signing (CreateCertificate's helpers) ---- */

/* SubjectPublicKeyInfo; *bits gets the subjectPublicKey bytes (for the
 * SubjectKeyId).  -1 with Go's text for key types x509 cannot marshal. */
static int marshal_spki(const struct key *k, struct sb *spki, struct sb *bits, struct sb *err)
{
	struct sb alg = SB_INIT;
	switch (k->kind) {
	case K_RSA: {
		struct sb c = SB_INIT;
		BIGNUM *nn = bn_param(k->pk, OSSL_PKEY_PARAM_RSA_N), *e = bn_param(k->pk, OSSL_PKEY_PARAM_RSA_E);
		der_bn(&c, nn);
		der_bn(&c, e);
		BN_free(nn);
		BN_free(e);
		der_wrap(bits, 0x30, &c);
		der_raw(&alg, OID_RSA, sizeof OID_RSA);
		der_tlv(&alg, 0x05, NULL, 0);
		break;
	}
	case K_EC:
		ec_point(k, bits);
		der_raw(&alg, OID_EC_PUB, sizeof OID_EC_PUB);
		der_raw(&alg, k->curve->oid, k->curve->oidlen);
		break;
	case K_ED25519: {
		unsigned char raw[32];
		size_t rl = sizeof raw;
		EVP_PKEY_get_raw_public_key(k->pk, raw, &rl);
		sb_add(bits, raw, rl);
		der_raw(&alg, OID_ED25519, sizeof OID_ED25519);
		break;
	}
	case K_DSA:
		sb_adds(err, "x509: unsupported public key type: *dsa.PublicKey");
		return -1;
	case K_X25519:
		sb_adds(err, "x509: unsupported public key type: *ecdh.PublicKey");
		return -1;
	}
	struct sb c = SB_INIT;
	der_wrap(&c, 0x30, &alg);
	der_bitstring(&c, (const unsigned char *)bits->buf, bits->len);
	der_wrap(spki, 0x30, &c);
	return 0;
}

static void sig_alg(const struct key *k, struct sb *out, const char **md)
{
	struct sb c = SB_INIT;
	*md = NULL;
	if (k->kind == K_RSA) {
		der_raw(&c, OID_SHA256_RSA, sizeof OID_SHA256_RSA);
		der_tlv(&c, 0x05, NULL, 0);
		*md = "SHA256";
	} else if (k->kind == K_EC) {
		der_raw(&c, k->curve->sigoid, k->curve->sigoidlen);
		*md = k->curve->md;
	} else {
		der_raw(&c, OID_ED25519, sizeof OID_ED25519);
	}
	der_wrap(out, 0x30, &c);
}

static bool sign(const struct key *k, const char *md, const struct sb *tbs, struct sb *sig)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	size_t sl = 0;
	bool ok = c && EVP_DigestSignInit_ex(c, NULL, md, NULL, NULL, k->pk, NULL) > 0 &&
		  EVP_DigestSign(c, NULL, &sl, (const unsigned char *)tbs->buf, tbs->len) > 0;
	if (ok) {
		sb_grow(sig, sl);
		ok = EVP_DigestSign(c, (unsigned char *)sig->buf, &sl, (const unsigned char *)tbs->buf,
				    tbs->len) > 0;
		if (ok)
			sb_setlen(sig, sl);
	}
	EVP_MD_CTX_free(c);
	return ok;
}

/* ---- the certificate template (getBaseCertTemplate) ---- */

struct tmpl_cert {
	val cn;
	struct sb ips; /* each: length byte (4 or 16) + address */
	val dns;       /* list of strings */
	int64_t days;
	bool is_ca;
};

/* net.ParseIP; 4 bytes for IPv4 and IPv4-mapped IPv6, as To4() in
 * marshalSANs. */
static int parse_ip(const char *s, size_t n, unsigned char ip[16])
{
	char buf[64];
	if (n >= sizeof buf || memchr(s, 0, n))
		return 0;
	memcpy(buf, s, n);
	buf[n] = 0;
	if (inet_pton(AF_INET, buf, ip) == 1)
		return 4;
	if (!strchr(buf, '%') && inet_pton(AF_INET6, buf, ip) == 1) {
		static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
		if (memcmp(ip, mapped, 12) == 0) {
			memmove(ip, ip + 12, 4);
			return 4;
		}
		return 16;
	}
	return 0;
}

static bool is_go_string(val v)
{
	return v.kind == VAL_STRING && v.gotype == GT_DEFAULT;
}

static int base_template(struct tmpl_exec *x, val ips, val dns, struct tmpl_cert *t)
{
	sb_init(&t->ips);
	size_t ni = ips.kind == VAL_LIST ? val_list_len(ips) : 0;
	for (size_t i = 0; i < ni; i++) {
		val e = val_list_at(ips, i);
		if (!is_go_string(e)) {
			struct sb s = SB_INIT;
			val_fmt_v(x->a, &s, e);
			tmpl_fail(x, "error parsing ip: %.*s is not a string", (int)s.len, s.buf);
			sb_release(&s);
			return -1;
		}
		unsigned char ip[16];
		int l = parse_ip(e.u.s, e.len, ip);
		if (!l)
			return tmpl_fail(x, "error parsing ip: %.*s", (int)e.len, e.u.s);
		sb_addc(&t->ips, (char)l);
		sb_add(&t->ips, ip, (size_t)l);
	}
	size_t nd = dns.kind == VAL_LIST ? val_list_len(dns) : 0;
	t->dns = dns;
	for (size_t i = 0; i < nd; i++) {
		val e = val_list_at(dns, i);
		if (!is_go_string(e)) {
			struct sb s = SB_INIT;
			val_fmt_v(x->a, &s, e);
			tmpl_fail(x, "error processing alternate dns name: %.*s is not a string", (int)s.len, s.buf);
			sb_release(&s);
			return -1;
		}
	}
	return 0;
}

/* pkix.Name{CommonName: cn} marshalled: PrintableString when every byte is
 * in asn1's printable set, else UTF8String (invalid UTF-8 is an error). */
static int marshal_subject(val cn, struct sb *out, struct sb *err)
{
	if (cn.len == 0) {
		der_tlv(out, 0x30, NULL, 0);
		return 0;
	}
	unsigned char tag = 0x13;
	for (size_t i = 0; i < cn.len; i++) {
		unsigned char c = (unsigned char)cn.u.s[i];
		bool pr = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			  (c >= '\'' && c <= ')') || (c >= '+' && c <= '/') || c == ' ' || c == ':' || c == '=' ||
			  c == '?';
		if (!pr)
			tag = 0x0c;
	}
	if (tag == 0x0c) {
		const unsigned char *p = (const unsigned char *)cn.u.s;
		size_t i = 0, n = cn.len;
		while (i < n) { /* utf8.ValidString */
			unsigned char c = p[i];
			size_t k = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
			bool ok = k != 0 && i + k <= n;
			uint32_t r = k == 1 ? c : k == 2 ? c & 0x1fu : k == 3 ? c & 0x0fu : c & 0x07u;
			for (size_t j = 1; ok && j < k; j++) {
				ok = (p[i + j] & 0xc0) == 0x80;
				r = r << 6 | (p[i + j] & 0x3fu);
			}
			if (ok && ((k == 2 && r < 0x80) || (k == 3 && (r < 0x800 || (r >= 0xd800 && r <= 0xdfff))) ||
				   (k == 4 && (r < 0x10000 || r > 0x10ffff))))
				ok = false;
			if (!ok) {
				sb_adds(err, "asn1: string not valid UTF-8");
				return -1;
			}
			i += k;
		}
	}
	struct sb atv = SB_INIT, set = SB_INIT, seq = SB_INIT;
	der_raw(&atv, OID_CN, sizeof OID_CN);
	der_tlv(&atv, tag, cn.u.s, cn.len);
	der_wrap(&set, 0x30, &atv);
	der_wrap(&seq, 0x31, &set);
	der_wrap(out, 0x30, &seq);
	return 0;
}

/* asn1's time.Time: UTCTime for 1950..2049, else GeneralizedTime. */
static void der_time(struct sb *out, int64_t unix)
{
	time_t t = (time_t)unix;
	struct tm tm;
	gmtime_r(&t, &tm);
	int year = tm.tm_year + 1900;
	char buf[32];
	int n;
	if (year >= 1950 && year < 2050)
		n = snprintf(buf, sizeof buf, "%02d%02d%02d%02d%02d%02dZ", year % 100, tm.tm_mon + 1, tm.tm_mday,
			     tm.tm_hour, tm.tm_min, tm.tm_sec);
	else
		n = snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02dZ", year, tm.tm_mon + 1, tm.tm_mday,
			     tm.tm_hour, tm.tm_min, tm.tm_sec);
	der_tlv(out, year >= 1950 && year < 2050 ? 0x17 : 0x18, buf, (size_t)n);
}

/* time.Now() and time.Now().Add(time.Hour * 24 * time.Duration(days)):
 * the Duration product wraps like Go's int64 arithmetic. */
static void validity(int64_t days, struct sb *out)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	int64_t d = (int64_t)((uint64_t)days * UINT64_C(86400000000000));
	int64_t sec = (int64_t)ts.tv_sec + d / 1000000000;
	int64_t nsec = (int64_t)ts.tv_nsec + d % 1000000000;
	if (nsec >= 1000000000)
		sec++;
	else if (nsec < 0)
		sec--;
	struct sb c = SB_INIT;
	der_time(&c, (int64_t)ts.tv_sec);
	der_time(&c, sec);
	der_wrap(out, 0x30, &c);
}

static void extension(struct sb *exts, const unsigned char *oid, size_t oidlen, bool critical, struct sb *value)
{
	struct sb e = SB_INIT;
	der_raw(&e, oid, oidlen);
	if (critical)
		der_raw(&e, (const unsigned char *)"\x01\x01\xff", 3);
	der_wrap(&e, 0x04, value);
	der_wrap(exts, 0x30, &e);
}

/* The parent of a signed certificate, as x509.ParseCertificate gives it. */
struct parent {
	X509 *cert;
	struct sb subject;
	struct sb skid;
};

/* getCertAndKey: x509.CreateCertificate(template, parent, pub, signer),
 * then both PEM blocks.  parent NULL: self-signed. */
static int create_cert(struct tmpl_exec *x, struct tmpl_cert *t, const struct key *signee, const struct parent *par,
		       const struct key *signer, val *out)
{
	struct sb err = SB_INIT, spki = SB_INIT, pubbits = SB_INIT, subject = SB_INIT, tbs = SB_INIT;
	struct sb alg = SB_INIT, exts = SB_INIT, v = SB_INIT, cert = SB_INIT, sig = SB_INIT;
	int rc = -1;
	const char *md;
	if (signer->kind == K_DSA || signer->kind == K_X25519) {
		sb_adds(&err, "x509: certificate private key does not implement crypto.Signer");
		goto fail;
	}
	sig_alg(signer, &alg, &md);
	if (marshal_spki(signee, &spki, &pubbits, &err) < 0)
		goto fail;
	if (marshal_subject(t->cn, &subject, &err) < 0)
		goto fail;
	const struct sb *issuer = par ? &par->subject : &subject;
	bool same = issuer->len == subject.len && memcmp(issuer->buf, subject.buf, subject.len) == 0;
	if (par) {
		EVP_PKEY *pp = X509_get0_pubkey(par->cert);
		if (pp && EVP_PKEY_eq(signer->pk, pp) != 1) {
			sb_adds(&err, "x509: provided PrivateKey doesn't match parent's PublicKey");
			goto fail;
		}
	}
	/* extensions, in buildCertExtensions' order */
	sb_add(&v, t->is_ca ? "\x03\x02\x02\xa4" : "\x03\x02\x05\xa0", 4);
	extension(&exts, OID_KEY_USAGE, sizeof OID_KEY_USAGE, true, &v);
	struct sb eku = SB_INIT;
	der_raw(&eku, OID_SERVER_AUTH, sizeof OID_SERVER_AUTH);
	der_raw(&eku, OID_CLIENT_AUTH, sizeof OID_CLIENT_AUTH);
	der_wrap(&v, 0x30, &eku);
	extension(&exts, OID_EXT_KEY_USAGE, sizeof OID_EXT_KEY_USAGE, false, &v);
	if (t->is_ca)
		sb_add(&v, "\x30\x03\x01\x01\xff", 5);
	else
		sb_add(&v, "\x30\x00", 2);
	extension(&exts, OID_BASIC, sizeof OID_BASIC, true, &v);
	if (t->is_ca) {
		unsigned char h[SHA_DIGEST_LENGTH];
		SHA1((const unsigned char *)pubbits.buf, pubbits.len, h);
		der_tlv(&v, 0x04, h, sizeof h);
		extension(&exts, OID_SKID, sizeof OID_SKID, false, &v);
	}
	if (par && !same && par->skid.len) {
		struct sb ak = SB_INIT;
		der_tlv(&ak, 0x80, par->skid.buf, par->skid.len);
		der_wrap(&v, 0x30, &ak);
		extension(&exts, OID_AKID, sizeof OID_AKID, false, &v);
	}
	size_t nd = t->dns.kind == VAL_LIST ? val_list_len(t->dns) : 0;
	if (nd || t->ips.len) {
		struct sb san = SB_INIT;
		for (size_t i = 0; i < nd; i++) {
			val e = val_list_at(t->dns, i);
			for (size_t j = 0; j < e.len; j++) {
				if ((unsigned char)e.u.s[j] >= 0x80) {
					sb_adds(&err, "x509: ");
					strconv_append_quote(&err, e.u.s, e.len);
					sb_adds(&err, " cannot be encoded as an IA5String");
					sb_release(&san);
					goto fail;
				}
			}
			der_tlv(&san, 0x82, e.u.s, e.len);
		}
		for (size_t i = 0; i < t->ips.len; i += 1 + (unsigned char)t->ips.buf[i])
			der_tlv(&san, 0x87, t->ips.buf + i + 1, (unsigned char)t->ips.buf[i]);
		der_wrap(&v, 0x30, &san);
		extension(&exts, OID_SAN, sizeof OID_SAN, subject.len == 2, &v);
	}
	/* tbsCertificate */
	struct sb c = SB_INIT, ex = SB_INIT;
	der_raw(&c, (const unsigned char *)"\xa0\x03\x02\x01\x02", 5);
	unsigned char serial[16];
	fn_random_bytes(serial, sizeof serial); /* rand.Int(rand.Reader, 1<<128) */
	BIGNUM *sn = BN_bin2bn(serial, sizeof serial, NULL);
	der_bn(&c, sn);
	BN_free(sn);
	sb_add(&c, alg.buf, alg.len);
	sb_add(&c, issuer->buf, issuer->len);
	validity(t->days, &c);
	sb_add(&c, subject.buf, subject.len);
	sb_add(&c, spki.buf, spki.len);
	der_wrap(&ex, 0x30, &exts);
	der_wrap(&c, 0xa3, &ex);
	der_wrap(&tbs, 0x30, &c);
	if (!sign(signer, md, &tbs, &sig)) {
		sb_adds(&err, "x509: signing failed");
		goto fail;
	}
	struct sb whole = SB_INIT;
	sb_add(&whole, tbs.buf, tbs.len);
	sb_add(&whole, alg.buf, alg.len);
	der_bitstring(&whole, (const unsigned char *)sig.buf, sig.len);
	struct sb der = SB_INIT;
	der_wrap(&der, 0x30, &whole);
	pem_encode(&cert, "CERTIFICATE", (const unsigned char *)der.buf, der.len);
	sb_release(&der);
	struct sb keypem = SB_INIT;
	key_pem(signee, &keypem);
	val m = val_map_new(x->a, 2);
	val_map_set(x->a, m, "Cert", 4, val_str(x->a, cert.buf, cert.len));
	val_map_set(x->a, m, "Key", 3, val_str(x->a, keypem.buf, keypem.len));
	sb_release(&keypem);
	*out = val_typed(m, FN_GT_CERTIFICATE);
	rc = 0;
fail:
	if (rc < 0)
		tmpl_fail(x, "error creating certificate: %.*s", (int)err.len, err.buf);
	sb_release(&err), sb_release(&spki), sb_release(&pubbits), sb_release(&subject), sb_release(&tbs);
	sb_release(&alg), sb_release(&exts), sb_release(&v), sb_release(&cert), sb_release(&sig);
	sb_release(&t->ips);
	return rc;
}

/* ---- the template functions ---- */

static bool new_rsa_key(struct key *k)
{
	EVP_PKEY *pk = gen_rsa(2048);
	return pk && key_from_pkey(pk, k);
}

static int key_arg(struct tmpl_exec *x, val pem, struct key *k)
{
	struct sb err = SB_INIT;
	int r = parse_private_key_pem(pem.u.s, pem.len, k, &err);
	if (r < 0)
		tmpl_fail(x, "parsing private key: %.*s", (int)err.len, err.buf);
	sb_release(&err);
	return r;
}

static int self_signed(struct tmpl_exec *x, val cn, val ips, val dns, int64_t days, bool ca, struct key *k, val *out)
{
	struct tmpl_cert t = { cn, SB_INIT, val_null(), days, ca };
	int r = base_template(x, ips, dns, &t);
	if (r == 0)
		r = create_cert(x, &t, k, NULL, k, out);
	else
		sb_release(&t.ips);
	EVP_PKEY_free(k->pk);
	return r;
}

int fn_gen_ca(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct key k;
	if (!new_rsa_key(&k))
		return tmpl_fail(x, "error generating rsa key: key generation failed");
	return self_signed(x, a[0], val_null(), val_null(), a[1].u.i, true, &k, out);
}

int fn_gen_ca_with_key(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct key k;
	if (key_arg(x, a[2], &k) < 0)
		return -1;
	return self_signed(x, a[0], val_null(), val_null(), a[1].u.i, true, &k, out);
}

int fn_gen_self_signed(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct key k;
	if (!new_rsa_key(&k))
		return tmpl_fail(x, "error generating rsa key: key generation failed");
	return self_signed(x, a[0], a[1], a[2], a[3].u.i, false, &k, out);
}

int fn_gen_self_signed_with_key(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct key k;
	if (key_arg(x, a[4], &k) < 0)
		return -1;
	return self_signed(x, a[0], a[1], a[2], a[3].u.i, false, &k, out);
}

/* The certificate argument: text/template has checked its type unless the
 * executor lacks host-typed parameters (then it is interface{}). */
static int cert_fields(struct tmpl_exec *x, val ca, val *cert, val *key)
{
#ifndef TMPL_HAVE_HOST_PARAMS
	if (ca.kind == VAL_NULL)
		return tmpl_fail(x, "invalid value; expected sprig.certificate");
	if (ca.kind != VAL_MAP || ca.gotype != FN_GT_CERTIFICATE)
		return tmpl_fail(x, "wrong type for value; expected sprig.certificate; got %s", tmpl_type_name(x, ca));
#endif
	*cert = val_str_ref("", 0);
	*key = val_str_ref("", 0);
	val_map_get(ca, "Cert", 4, cert);
	val_map_get(ca, "Key", 3, key);
	return 0;
}

/* generateSignedCertificateWithKeyInternal; consumes k. */
static int signed_cert(struct tmpl_exec *x, val *a, struct key *k, val *out)
{
	val cv, kv;
	struct parent par = { NULL, SB_INIT, SB_INIT };
	struct key signer = { NULL, K_RSA, NULL };
	struct sb err = SB_INIT;
	struct pem_block b;
	int rc = -1;
	if (cert_fields(x, a[4], &cv, &kv) < 0)
		goto out;
	if (!pem_decode(cv.u.s, cv.len, &b)) {
		sb_release(&b.der);
		tmpl_fail(x, "unable to decode certificate");
		goto out;
	}
	const char *why;
	int pr = parse_cert_der(&b.der, &par.cert, &why);
	sb_release(&b.der);
	if (pr < 0) {
		tmpl_fail(x, "error parsing certificate: decodedSignerCert.Bytes: %s", why);
		goto out;
	}
	if (parse_private_key_pem(kv.u.s, kv.len, &signer, &err) < 0) {
		tmpl_fail(x, "error parsing private key: %.*s", (int)err.len, err.buf);
		goto out;
	}
	unsigned char *sd = NULL;
	int sl = i2d_X509_NAME(X509_get_subject_name(par.cert), &sd);
	if (sl > 0)
		sb_add(&par.subject, sd, (size_t)sl);
	OPENSSL_free(sd);
	const ASN1_OCTET_STRING *skid = X509_get0_subject_key_id(par.cert);
	if (skid)
		sb_add(&par.skid, ASN1_STRING_get0_data(skid), (size_t)ASN1_STRING_length(skid));
	struct tmpl_cert t = { a[0], SB_INIT, val_null(), a[3].u.i, false };
	if (base_template(x, a[1], a[2], &t) < 0) {
		sb_release(&t.ips);
		goto out;
	}
	rc = create_cert(x, &t, k, &par, &signer, out);
out:
	EVP_PKEY_free(k->pk);
	EVP_PKEY_free(signer.pk);
	X509_free(par.cert);
	sb_release(&par.subject);
	sb_release(&par.skid);
	sb_release(&err);
	return rc;
}

int fn_gen_signed(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct key k;
	if (!new_rsa_key(&k))
		return tmpl_fail(x, "error generating rsa key: key generation failed");
	return signed_cert(x, a, &k, out);
}

int fn_gen_signed_with_key(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct key k;
	if (key_arg(x, a[5], &k) < 0)
		return -1;
	return signed_cert(x, a, &k, out);
}

/* buildCustomCertificate: both inputs base64 PEM, kept as given once they
 * parse. */
int fn_build_custom_cert(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb cert = SB_INIT, key = SB_INIT, err = SB_INIT;
	long bad;
	int rc = -1;
	struct key k = { NULL, K_RSA, NULL };
	struct pem_block b;
	if (fn_b64_decode(&cert, a[0].u.s, a[0].len, &bad) < 0) {
		tmpl_fail(x, "unable to decode base64 certificate");
		goto out;
	}
	if (fn_b64_decode(&key, a[1].u.s, a[1].len, &bad) < 0) {
		tmpl_fail(x, "unable to decode base64 private key");
		goto out;
	}
	if (!pem_decode(cert.buf ? cert.buf : "", cert.len, &b)) {
		sb_release(&b.der);
		tmpl_fail(x, "unable to decode certificate");
		goto out;
	}
	const char *why;
	X509 *c;
	int pr = parse_cert_der(&b.der, &c, &why);
	X509_free(c);
	sb_release(&b.der);
	if (pr < 0) {
		tmpl_fail(x, "error parsing certificate: decodedCert.Bytes: %s", why);
		goto out;
	}
	if (parse_private_key_pem(key.buf ? key.buf : "", key.len, &k, &err) < 0) {
		tmpl_fail(x, "error parsing private key: %.*s", (int)err.len, err.buf);
		goto out;
	}
	val m = val_map_new(x->a, 2);
	val_map_set(x->a, m, "Cert", 4, val_str(x->a, cert.buf ? cert.buf : "", cert.len));
	val_map_set(x->a, m, "Key", 3, val_str(x->a, key.buf ? key.buf : "", key.len));
	*out = val_typed(m, FN_GT_CERTIFICATE);
	rc = 0;
out:
	EVP_PKEY_free(k.pk);
	sb_release(&cert);
	sb_release(&key);
	sb_release(&err);
	return rc;
}

/* fmt's %v of the struct: {Cert Key}. */
static void cert_print(struct tmpl_exec *x, val v, struct sb *out)
{
	val c = val_str_ref("", 0), k = val_str_ref("", 0);
	val_map_get(v, "Cert", 4, &c);
	val_map_get(v, "Key", 3, &k);
	sb_addc(out, '{');
	sb_add(out, c.u.s, c.len);
	sb_addc(out, ' ');
	sb_add(out, k.u.s, k.len);
	sb_addc(out, '}');
}

const struct tmpl_type fn_certificate_type = {
	"sprig.certificate", true, false, NULL, 0, cert_print, { 0 }, true,
};
