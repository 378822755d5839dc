/* base64.h — Go's encoding/base64 StdEncoding (standard alphabet, '='
 * padding, not strict): EncodeToString and Decode/DecodeString, shared by
 * Sprig's b64enc/b64dec, encoding/json's []byte, yaml's !!binary and Flux's
 * Secret values.  Prefix b64_. */
#ifndef COZY_BASE64_H
#define COZY_BASE64_H

#include <stddef.h>

#include "base/sb.h"

/* StdEncoding.EncodedLen: the text length for n bytes. */
static inline size_t b64_encoded_len(size_t n)
{
	return (n + 2) / 3 * 4;
}

/* StdEncoding.DecodedLen: the most bytes n characters can decode to (Go's
 * DecodeString allocates exactly this much). */
static inline size_t b64_decoded_len(size_t n)
{
	return n / 4 * 3;
}

/* base64.StdEncoding.EncodeToString(p[:n]), appended to out. */
void b64_encode(struct sb *out, const void *p, size_t n);

/* base64.StdEncoding.DecodeString(src[:n]) into dst, which has room for
 * b64_decoded_len(n) bytes (NULL is fine when that is 0).  *outn is set to
 * the bytes written, which on an error are the ones Go's Decode returned
 * with it (the quanta before the bad one; the last padded quantum's bytes
 * too when only trailing garbage follows it).  Returns -1 on success, else
 * the CorruptInputError offset ("illegal base64 data at input byte N"). */
long b64_decode(void *dst, const char *src, size_t n, size_t *outn);

/* b64_decode appending to out; out->len grows by the bytes written. */
long b64_decode_sb(struct sb *out, const char *src, size_t n);

#endif
