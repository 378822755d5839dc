/* crypto_rsa.h — the background pool of RSA keys (crypto_rsa.c): the
 * engine starts it when a chart's templates call a key-generating function,
 * so key generation overlaps rendering; fn_rsa_generate takes from it. */
#ifndef COZY_FUNCS_CRYPTO_RSA_H
#define COZY_FUNCS_CRYPTO_RSA_H

/* Start a worker making up to n keys of `bits` bits (no-op while one runs). */
void fn_rsa_pool_start(int bits, int n);
/* Stop and join the worker; unused keys are freed. */
void fn_rsa_pool_stop(void);

#endif
