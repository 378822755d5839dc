/* crypto.c — Sprig v3.3.0's crypto.go: sha1sum sha256sum sha512sum
 * adler32sum, bcrypt/htpasswd (x/crypto/bcrypt's "$2a$" at DefaultCost 10),
 * derivePassword (Master Password on scrypt), encryptAES/decryptAES with
 * sprig's own CBC framing, getHostByName (network.go).  Keys and
 * certificates live in crypto_cert.c. */
#include <netdb.h>
#include <string.h>
#include <sys/socket.h>
#include <arpa/inet.h>

/* see SHA_FN below */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <openssl/hmac.h>
#include <zlib.h>

#include "funcs/bcrypt.h"
#include "funcs/fn_crypto.h"
#include "funcs/fn_encoding.h"
#include "funcs/funcs.h"

static val hex_val(struct tmpl_exec *x, const unsigned char *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	char *s = arena_alloc(x->a, 2 * n + 1);
	for (size_t i = 0; i < n; i++) {
		s[2 * i] = hex[p[i] >> 4];
		s[2 * i + 1] = hex[p[i] & 15];
	}
	s[2 * n] = 0;
	return val_str_ref(s, 2 * n);
}

/* The SHA*_Init/Update/Final functions run OpenSSL's assembly directly.
 * OpenSSL 3 deprecates them, and routes both EVP_Digest and the one-shot
 * SHA256() through its provider machinery, whose first use costs ~6 M
 * instructions (1-2 ms): paid by every chart with a checksum annotation. */
#define SHA_FN(fname, CTX, init, update, final, size)                         \
	static int fname(struct tmpl_exec *x, val *a, size_t n, val *out)     \
	{                                                                     \
		unsigned char h[size];                                        \
		CTX c;                                                        \
		init(&c);                                                     \
		update(&c, a[0].u.s, a[0].len);                               \
		final(h, &c);                                                 \
		*out = hex_val(x, h, sizeof h);                               \
		return 0;                                                     \
	}
SHA_FN(f_sha1sum, SHA_CTX, SHA1_Init, SHA1_Update, SHA1_Final, SHA_DIGEST_LENGTH)
SHA_FN(f_sha256sum, SHA256_CTX, SHA256_Init, SHA256_Update, SHA256_Final, SHA256_DIGEST_LENGTH)
SHA_FN(f_sha512sum, SHA512_CTX, SHA512_Init, SHA512_Update, SHA512_Final, SHA512_DIGEST_LENGTH)

/* adler32sum: fmt.Sprintf("%d", adler32.Checksum(...)) */
static int f_adler32sum(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	unsigned long h = adler32_z(1, (const Bytef *)a[0].u.s, a[0].len);
	char buf[24];
	int k = snprintf(buf, sizeof buf, "%lu", h);
	*out = val_str(x->a, buf, (size_t)k);
	return 0;
}

/* bcrypt.GenerateFromPassword(p, DefaultCost) (funcs/bcrypt.c: each call
 * makes two hashes in one pass and keeps the second, with its own random
 * salt, for the next call with the same password).  Appends the hash or
 * sprig's failure text. */
static void sprig_bcrypt(const char *p, size_t n, struct sb *out)
{
	char h[BCRYPT_HASHLEN + 1];
	if (n > BCRYPT_MAXPW)
		sb_adds(out, "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes");
	else if (bcrypt_generate(p, n, 10, h) == 0)
		sb_add(out, h, BCRYPT_HASHLEN);
	else
		sb_adds(out, "failed to encrypt string with bcrypt: crypto/rand: no random bytes");
	explicit_bzero(h, sizeof h);
}

static int f_bcrypt(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb s = SB_INIT;
	sprig_bcrypt(a[0].u.s, a[0].len, &s);
	*out = val_str(x->a, s.buf, s.len);
	sb_release(&s);
	return 0;
}

static int f_htpasswd(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb s = SB_INIT;
	if (memchr(a[0].u.s, ':', a[0].len)) {
		sb_adds(&s, "invalid username: ");
		sb_add(&s, a[0].u.s, a[0].len);
	} else {
		sb_add(&s, a[0].u.s, a[0].len);
		sb_addc(&s, ':');
		sprig_bcrypt(a[1].u.s, a[1].len, &s);
	}
	*out = val_str(x->a, s.buf, s.len);
	sb_release(&s);
	return 0;
}

/* ---- derivePassword: the Master Password algorithm, as crypto.go ---- */

struct pw_templates {
	const char *type;
	const char *const *t;
	size_t n;
};

static const char *const t_maximum[] = { "anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno" };
static const char *const t_long[] = {
	"CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv",
	"CvccCvcvCvcvno", "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc",
	"CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno",
	"CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc",
	"CvccCvcvCvccno",
};
static const char *const t_medium[] = { "CvcnoCvc", "CvcCvcno" };
static const char *const t_short[] = { "Cvcn" };
static const char *const t_basic[] = { "aaanaaan", "aannaaan", "aaannaaa" };
static const char *const t_pin[] = { "nnnn" };

#define PWT(name, arr) { name, arr, sizeof arr / sizeof arr[0] }
static const struct pw_templates pw_types[] = {
	PWT("maximum", t_maximum), PWT("long", t_long), PWT("medium", t_medium),
	PWT("short", t_short), PWT("basic", t_basic), PWT("pin", t_pin),
};

static const char *pw_chars(char c)
{
	switch (c) {
	case 'V': return "AEIOU";
	case 'C': return "BCDFGHJKLMNPQRSTVWXYZ";
	case 'v': return "aeiou";
	case 'c': return "bcdfghjklmnpqrstvwxyz";
	case 'A': return "AEIOUBCDFGHJKLMNPQRSTVWXYZ";
	case 'a': return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz";
	case 'n': return "0123456789";
	case 'o': return "@&%?,=[]_:-+*$#!'^~;()/.";
	default: return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()";
	}
}

static void put_be32(struct sb *s, uint32_t v)
{
	unsigned char b[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16), (unsigned char)(v >> 8),
			       (unsigned char)v };
	sb_add(s, b, 4);
}

static const char mp_seed[] = "com.lyndir.masterpassword";

static int f_derive_password(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	uint32_t counter = (uint32_t)a[0].u.i; /* reflect's SetUint truncates */
	val type = a[1], pass = a[2], user = a[3], site = a[4];
	const struct pw_templates *pt = NULL;
	for (size_t i = 0; i < sizeof pw_types / sizeof pw_types[0]; i++)
		if (strlen(pw_types[i].type) == type.len && memcmp(pw_types[i].type, type.u.s, type.len) == 0)
			pt = &pw_types[i];
	struct sb s = SB_INIT;
	if (!pt) {
		sb_adds(&s, "cannot find password template ");
		sb_add(&s, type.u.s, type.len);
		goto done;
	}
	sb_adds(&s, mp_seed);
	put_be32(&s, user.len);
	sb_add(&s, user.u.s, user.len);
	unsigned char key[64];
	if (!EVP_PBE_scrypt(pass.u.s, pass.len, (const unsigned char *)s.buf, s.len, 32768, 8, 2,
			    (uint64_t)256 << 20, key, sizeof key)) {
		sb_reset(&s);
		sb_adds(&s, "failed to derive password: scrypt failed");
		goto done;
	}
	sb_setlen(&s, sizeof mp_seed - 1);
	put_be32(&s, site.len);
	sb_add(&s, site.u.s, site.len);
	put_be32(&s, counter);
	unsigned char seed[EVP_MAX_MD_SIZE];
	unsigned int sl = 0;
	HMAC(EVP_sha256(), key, sizeof key, (const unsigned char *)s.buf, s.len, seed, &sl);
	explicit_bzero(key, sizeof key);
	const char *tmpl = pt->t[seed[0] % pt->n];
	sb_reset(&s);
	for (size_t i = 0; tmpl[i]; i++) {
		const char *chars = pw_chars(tmpl[i]);
		sb_addc(&s, chars[seed[i + 1] % strlen(chars)]);
	}
done:
	*out = val_str(x->a, s.buf ? s.buf : "", s.len);
	sb_release(&s);
	return 0;
}

/* ---- encryptAES / decryptAES: AES-256-CBC, key = password zero-padded or
 * cut to 32 bytes, PKCS#7 padding added by hand, IV prepended, base64 ---- */

static void aes_key(val pw, unsigned char key[32])
{
	memset(key, 0, 32);
	memcpy(key, pw.u.s, pw.len < 32 ? pw.len : 32);
}

static bool aes_cbc(bool enc, const unsigned char key[32], const unsigned char iv[16], const unsigned char *in,
		    size_t n, unsigned char *outp)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int l1 = 0, l2 = 0;
	bool ok = c && EVP_CipherInit_ex(c, EVP_aes_256_cbc(), NULL, key, iv, enc ? 1 : 0) &&
		  EVP_CIPHER_CTX_set_padding(c, 0) && EVP_CipherUpdate(c, outp, &l1, in, (int)n) &&
		  EVP_CipherFinal_ex(c, outp + l1, &l2) && (size_t)(l1 + l2) == n;
	EVP_CIPHER_CTX_free(c);
	return ok;
}

static int f_encrypt_aes(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val text = a[1];
	if (text.len == 0) {
		*out = val_str_ref("", 0);
		return 0;
	}
	unsigned char key[32];
	aes_key(a[0], key);
	size_t pad = 16 - text.len % 16, len = text.len + pad;
	unsigned char *buf = arena_alloc(x->a, 16 + 2 * len);
	unsigned char *plain = buf + 16 + len;
	memcpy(plain, text.u.s, text.len);
	memset(plain + text.len, (int)pad, pad);
	fn_random_bytes(buf, 16);
	if (!aes_cbc(true, key, buf, plain, len, buf + 16))
		return tmpl_fail(x, "crypto/aes: encryption failed");
	struct sb s = SB_INIT;
	fn_b64_encode(&s, buf, 16 + len);
	*out = val_str(x->a, s.buf, s.len);
	sb_release(&s);
	return 0;
}

/* Go panics (slice bounds, short blocks) surface as the function's error. */
static int f_decrypt_aes(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val c64 = a[1];
	if (c64.len == 0) {
		*out = val_str_ref("", 0);
		return 0;
	}
	unsigned char key[32];
	aes_key(a[0], key);
	struct sb s = SB_INIT;
	long bad;
	if (fn_b64_decode(&s, c64.u.s, c64.len, &bad) < 0) {
		sb_release(&s);
		return tmpl_fail(x, "illegal base64 data at input byte %ld", bad);
	}
	size_t cap = c64.len / 4 * 3; /* DecodeString's buffer: DecodedLen */
	if (s.len < 16) {
		/* crypt[:16] may reach into the capacity; crypt[16:] cannot */
		size_t l = s.len;
		sb_release(&s);
		if (cap < 16)
			return tmpl_fail(x, "runtime error: slice bounds out of range [:16] with capacity %zu", cap);
		return tmpl_fail(x, "runtime error: slice bounds out of range [16:%zu]", l);
	}
	size_t len = s.len - 16;
	if (len % 16) {
		sb_release(&s);
		return tmpl_fail(x, "crypto/cipher: input not full blocks");
	}
	if (len == 0) {
		sb_release(&s);
		return tmpl_fail(x, "runtime error: index out of range [-1]");
	}
	unsigned char *plain = arena_alloc(x->a, len + 1);
	bool ok = aes_cbc(false, key, (const unsigned char *)s.buf, (const unsigned char *)s.buf + 16, len, plain);
	sb_release(&s);
	if (!ok)
		return tmpl_fail(x, "crypto/aes: decryption failed");
	size_t pad = plain[len - 1];
	if (pad > len)
		return tmpl_fail(x, "runtime error: slice bounds out of range [:%ld]", (long)len - (long)pad);
	*out = val_str_ref((const char *)plain, len - pad);
	return 0;
}

/* getHostByName: net.LookupHost, then a random address; no address makes
 * rand.Intn(0) panic.  Helm replaces it unless DNS lookups are enabled. */
static int f_get_host_by_name(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	char *name = arena_memdup(x->a, a[0].u.s, a[0].len);
	struct addrinfo hints = { 0 }, *res = NULL;
	hints.ai_socktype = SOCK_STREAM;
	val addrs = val_list_new(x->a, 4);
	if (strlen(name) == a[0].len && getaddrinfo(name, NULL, &hints, &res) == 0) {
		for (struct addrinfo *r = res; r; r = r->ai_next) {
			char buf[INET6_ADDRSTRLEN];
			const void *src = r->ai_family == AF_INET
						  ? (const void *)&((struct sockaddr_in *)r->ai_addr)->sin_addr
						  : (const void *)&((struct sockaddr_in6 *)r->ai_addr)->sin6_addr;
			if ((r->ai_family != AF_INET && r->ai_family != AF_INET6) ||
			    !inet_ntop(r->ai_family, src, buf, sizeof buf))
				continue;
			bool dup = false;
			for (size_t i = 0; i < val_list_len(addrs); i++)
				if (strcmp(val_list_at(addrs, i).u.s, buf) == 0)
					dup = true;
			if (!dup)
				val_list_push(x->a, addrs, val_cstr(x->a, buf));
		}
		freeaddrinfo(res);
	}
	size_t k = val_list_len(addrs);
	if (k == 0)
		return tmpl_fail(x, "invalid argument to Intn");
	unsigned char r[4];
	fn_random_bytes(r, sizeof r);
	uint32_t ri = (uint32_t)r[0] << 24 | (uint32_t)r[1] << 16 | (uint32_t)r[2] << 8 | r[3];
	*out = val_list_at(addrs, ri % k);
	return 0;
}

const struct tmpl_func fn_crypto_table[] = {
	{ "sha1sum", f_sha1sum, 1, false, { TP_STRING } },
	{ "sha256sum", f_sha256sum, 1, false, { TP_STRING } },
	{ "sha512sum", f_sha512sum, 1, false, { TP_STRING } },
	{ "adler32sum", f_adler32sum, 1, false, { TP_STRING } },
	{ "getHostByName", f_get_host_by_name, 1, false, { TP_STRING } },
	{ "bcrypt", f_bcrypt, 1, false, { TP_STRING } },
	{ "htpasswd", f_htpasswd, 2, false, { TP_STRING, TP_STRING } },
	{ "genPrivateKey", fn_gen_private_key, 1, false, { TP_STRING } },
	{ "derivePassword", f_derive_password, 5, false,
	  { FN_P_UINT32, TP_STRING, TP_STRING, TP_STRING, TP_STRING } },
	{ "buildCustomCert", fn_build_custom_cert, 2, false, { TP_STRING, TP_STRING } },
	{ "genCA", fn_gen_ca, 2, false, { TP_STRING, TP_INT } },
	{ "genCAWithKey", fn_gen_ca_with_key, 3, false, { TP_STRING, TP_INT, TP_STRING } },
	{ "genSelfSignedCert", fn_gen_self_signed, 4, false, { TP_STRING, TP_LIST, TP_LIST, TP_INT } },
	{ "genSelfSignedCertWithKey", fn_gen_self_signed_with_key, 5, false,
	  { TP_STRING, TP_LIST, TP_LIST, TP_INT, TP_STRING } },
	{ "genSignedCert", fn_gen_signed, 5, false, { TP_STRING, TP_LIST, TP_LIST, TP_INT, FN_P_CERT } },
	{ "genSignedCertWithKey", fn_gen_signed_with_key, 6, false,
	  { TP_STRING, TP_LIST, TP_LIST, TP_INT, FN_P_CERT, TP_STRING } },
	{ "encryptAES", f_encrypt_aes, 2, false, { TP_STRING, TP_STRING } },
	{ "decryptAES", f_decrypt_aes, 2, false, { TP_STRING, TP_STRING } },
};
const size_t fn_crypto_count = sizeof fn_crypto_table / sizeof fn_crypto_table[0];
