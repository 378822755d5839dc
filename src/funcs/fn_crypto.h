/* fn_crypto.h — the key and certificate half of Sprig's crypto.go
 * (crypto_cert.c), called from crypto.c's table, and sprig's `certificate`
 * struct as a host type for the template engine. */
#ifndef COZY_FN_CRYPTO_H
#define COZY_FN_CRYPTO_H

#include "tmpl/tmpl.h"

/* sprig.certificate{Cert, Key string}: a VAL_MAP with keys "Cert" and "Key"
 * and this gotype; the engine's type_of must map it to fn_certificate_type. */
#define FN_GT_CERTIFICATE (GT_HOST_FIRST + 20)
extern const struct tmpl_type fn_certificate_type;

/* Parameter types text/template checks for derivePassword's uint32 counter
 * and genSignedCert's certificate.  Executors without host-typed
 * parameters get the nearest type and the functions check themselves. */
#ifdef TMPL_HAVE_HOST_PARAMS
#define FN_P_UINT32 TP_UINT32
#define FN_P_CERT FN_GT_CERTIFICATE
#else
#define FN_P_UINT32 TP_INT64
#define FN_P_CERT TP_ANY
#endif

int fn_gen_private_key(struct tmpl_exec *x, val *a, size_t n, val *out);
int fn_build_custom_cert(struct tmpl_exec *x, val *a, size_t n, val *out);
int fn_gen_ca(struct tmpl_exec *x, val *a, size_t n, val *out);
int fn_gen_ca_with_key(struct tmpl_exec *x, val *a, size_t n, val *out);
int fn_gen_self_signed(struct tmpl_exec *x, val *a, size_t n, val *out);
int fn_gen_self_signed_with_key(struct tmpl_exec *x, val *a, size_t n, val *out);
int fn_gen_signed(struct tmpl_exec *x, val *a, size_t n, val *out);
int fn_gen_signed_with_key(struct tmpl_exec *x, val *a, size_t n, val *out);

/* rsa.GenerateKey(rand.Reader, bits) as Go 1.23 does it (crypto_rsa.c):
 * an OpenSSL RSA key (EVP_PKEY) with e = 65537, or NULL on failure. */
struct evp_pkey_st;
struct evp_pkey_st *fn_rsa_generate(int bits);

#endif
