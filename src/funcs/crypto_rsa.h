/* crypto_rsa.h — the background pool of RSA primes (crypto_rsa.c): the
 * engine starts it when a chart's templates call a key-generating function,
 * so the prime search overlaps rendering; fn_rsa_generate builds its keys
 * from the pool's primes, searching alongside when the pool is short. */
#ifndef COZY_FUNCS_CRYPTO_RSA_H
#define COZY_FUNCS_CRYPTO_RSA_H

/* Start a worker finding the primes of up to n keys of `bits` bits (two
 * each; a no-op while one runs). */
void fn_rsa_pool_start(int bits, int n);
/* Stop and join the worker; unused primes are wiped and freed. */
void fn_rsa_pool_stop(void);

#endif
