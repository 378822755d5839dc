/* bcrypt.h — golang.org/x/crypto/bcrypt's "$2a$" hashes (EksBlowfish), two
 * computed in one interleaved pass, and the spare that pairing leaves for the
 * next hash of the same password (sprig's bcrypt/htpasswd in crypto.c). */
#ifndef COZY_BCRYPT_H
#define COZY_BCRYPT_H

#include <stddef.h>
#include <stdint.h>

#define BCRYPT_MAXPW 72     /* bcrypt.ErrPasswordTooLong beyond this */
#define BCRYPT_SALTLEN 16
#define BCRYPT_HASHLEN 60   /* "$2a$" cost "$" salt(22) hash(31) */

/* bcrypt(password, cost, salt) as GenerateFromPassword finishes it: the 60
 * characters plus a NUL in out.  n <= 72 (bytes past a NUL count, as in Go);
 * cost 4..31. */
void bcrypt_hash(const void *pw, size_t n, int cost, const uint8_t salt[BCRYPT_SALTLEN],
		 char out[BCRYPT_HASHLEN + 1]);

/* Two hashes, lane i of pw[i]/n[i]/salt[i] into out[i], in one pass that
 * advances both EksBlowfish states together: the two dependency chains
 * overlap, so the pair costs little more than one hash. */
void bcrypt_hash2(const void *const pw[2], const size_t n[2], int cost,
		  const uint8_t salt[2][BCRYPT_SALTLEN], char out[2][BCRYPT_HASHLEN + 1]);

/* bcrypt.GenerateFromPassword(pw, cost) with a fresh random salt (a cost
 * below 4 means 10, as in Go).  Each call computes a pair and keeps the
 * second hash (its own independent random salt) for the next call with the
 * same password and cost.  0, or -1 when n > 72, cost > 31 or no random
 * bytes could be had. */
int bcrypt_generate(const void *pw, size_t n, int cost, char out[BCRYPT_HASHLEN + 1]);

/* Tests: forget (and wipe) the spares; how many are kept. */
void bcrypt_spares_clear(void);
int bcrypt_spares_count(void);

#endif
