/* fn_encoding.h — Go's base64/base32 StdEncoding and the random source,
 * shared by encoding.c (b64enc, b32dec...) and crypto.c (PEM bodies,
 * buildCustomCert, encryptAES). */
#ifndef COZY_FN_ENCODING_H
#define COZY_FN_ENCODING_H

#include <stddef.h>

#include "base/arena.h"
#include "base/sb.h"

/* base64.StdEncoding.EncodeToString, appended to out. */
void fn_b64_encode(struct sb *out, const unsigned char *p, size_t n);
/* base64.StdEncoding.DecodeString: 0, or -1 with *bad = the offset Go's
 * CorruptInputError reports ("illegal base64 data at input byte N"). */
int fn_b64_decode(struct sb *out, const char *s, size_t n, long *bad);
void fn_b32_encode(struct sb *out, const unsigned char *p, size_t n);
int fn_b32_decode(struct arena *a, struct sb *out, const char *s, size_t n, long *bad);
/* crypto/rand.Read: n bytes from the CSPRNG (aborts if it fails, as Go). */
void fn_random_bytes(unsigned char *p, size_t n);

#endif
