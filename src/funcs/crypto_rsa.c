/* crypto_rsa.c — RSA key generation the way Go 1.23's rsa.GenerateKey does
 * it (Helm 3.17.3's toolchain): two crypto/rand.Prime(bits/2) primes, random
 * odd candidates with the top two bits set, a small-prime sieve, then
 * probabilistic primality tests.  OpenSSL 3's own RSA keygen runs the FIPS
 * 186-4 search with constant-time gcds and is ~20x slower for the same key
 * shape; genCA & co. spent almost all of their time there.  A background
 * thread finds the primes of 2048-bit keys ahead of the templates that ask
 * for them (fn_rsa_pool_start), and a template waiting for a key searches
 * too: primes are random, so which thread found one changes nothing
 * observable, and the search overlaps rendering on both cores. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include "base/xalloc.h"
#include "funcs/crypto_rsa.h"
#include "funcs/fn_crypto.h"

/* Sieve bound and window: odd primes below SIEVE_MAX strike multiples out
 * of WINDOW consecutive odd candidates; the expected gap between 1024-bit
 * primes is ~710, so one window of 8192 numbers almost always holds one. */
#define SIEVE_MAX 32768
#define WINDOW 4096

/* Miller-Rabin rounds with random bases after the base-2 test, for a prime
 * of the given size: FIPS 186-5 table B.1 asks for 5 (1024-bit) or 4
 * (1536-bit and up) rounds at 2^-100 for random candidates. */
static int mr_rounds(int bits)
{
	return bits >= 1536 ? 4 : 5;
}

struct small_primes {
	uint32_t p[SIEVE_MAX / 2];
	size_t n;
};

static struct small_primes small_primes;
static pthread_once_t small_primes_once = PTHREAD_ONCE_INIT;

/* Odd primes below SIEVE_MAX (Eratosthenes over a bit set on the stack:
 * nothing for malloc, computed once per process). */
static void small_primes_init(void)
{
	uint64_t comp[SIEVE_MAX / 64] = { 0 };
	struct small_primes *sp = &small_primes;
	for (uint32_t i = 3; i < SIEVE_MAX; i += 2) {
		if (comp[i / 64] >> (i % 64) & 1)
			continue;
		sp->p[sp->n++] = i;
		for (uint32_t j = i * i; j < SIEVE_MAX; j += 2 * i)
			comp[j / 64] |= (uint64_t)1 << (j % 64);
	}
}

static const struct small_primes *get_small_primes(void)
{
	pthread_once(&small_primes_once, small_primes_init);
	return &small_primes;
}

/* A candidate prime c with c-1 = d * 2^s, its Montgomery context, and
 * c-3 for drawing bases. */
struct cand {
	BIGNUM *c, *c1, *d, *lim, *a, *x;
	BN_MONT_CTX *mont;
	int s;
};

static void cand_free(struct cand *k)
{
	BN_free(k->c), BN_free(k->c1), BN_free(k->d), BN_free(k->lim), BN_free(k->a), BN_free(k->x);
	BN_MONT_CTX_free(k->mont);
}

static bool cand_init(struct cand *k, const BIGNUM *base, BN_ULONG add, BN_CTX *ctx)
{
	k->c = BN_dup(base), k->c1 = BN_new(), k->d = BN_new(), k->lim = BN_new(), k->a = BN_new();
	k->x = BN_new(), k->mont = BN_MONT_CTX_new();
	if (!k->c || !k->c1 || !k->d || !k->lim || !k->a || !k->x || !k->mont || !BN_add_word(k->c, add) ||
	    !BN_MONT_CTX_set(k->mont, k->c, ctx) || !BN_sub(k->c1, k->c, BN_value_one()) || !BN_copy(k->lim, k->c) ||
	    !BN_sub_word(k->lim, 3))
		return false;
	k->s = 1;
	while (!BN_is_bit_set(k->c1, k->s))
		k->s++;
	return BN_rshift(k->d, k->c1, k->s);
}

/* The end of a Miller-Rabin round once x = a^d: 1 passes, 0 composite. */
static int mr_finish(struct cand *k, BN_CTX *ctx)
{
	if (BN_is_one(k->x) || BN_cmp(k->x, k->c1) == 0)
		return 1;
	for (int i = 1; i < k->s; i++) {
		if (!BN_mod_sqr(k->x, k->x, k->c, ctx))
			return -1;
		if (BN_cmp(k->x, k->c1) == 0)
			return 1;
		if (BN_is_one(k->x))
			return 0;
	}
	return 0;
}

/* One Miller-Rabin round with a random base in [2, c-2] for each of two
 * candidates (or one, when q is NULL; p == q takes two rounds of one):
 * OpenSSL's paired exponentiation runs two 1024-bit ones in the time of
 * about one where the CPU has AVX512-IFMA.  *rp, *rq: 1 passes, 0 not. */
static bool mr_pair(struct cand *p, struct cand *q, BN_CTX *ctx, int *rp, int *rq)
{
	if (!BN_priv_rand_range(p->a, p->lim) || !BN_add_word(p->a, 2))
		return false;
	if (!q) {
		if (!BN_mod_exp_mont(p->x, p->a, p->d, p->c, ctx, p->mont))
			return false;
		*rp = mr_finish(p, ctx);
		return *rp >= 0;
	}
	BN_CTX_start(ctx);
	BIGNUM *aq = BN_CTX_get(ctx), *xq = BN_CTX_get(ctx);
	bool ok = xq && BN_priv_rand_range(aq, q->lim) && BN_add_word(aq, 2) &&
		  BN_mod_exp_mont_consttime_x2(p->x, p->a, p->d, p->c, p->mont, xq, aq, q->d, q->c, q->mont, ctx);
	if (ok) {
		*rp = mr_finish(p, ctx);
		*rq = 0;
		/* two rounds of one candidate: the second only after the first */
		if (*rp >= 0 && (q != p || *rp == 1))
			*rq = BN_copy(q->x, xq) ? mr_finish(q, ctx) : -1;
		ok = *rp >= 0 && *rq >= 0;
	}
	BN_CTX_end(ctx);
	return ok;
}

/* The rounds after the first for a candidate that passed it. */
static int mr_rest(struct cand *k, BN_CTX *ctx)
{
	for (int i = mr_rounds(BN_num_bits(k->c)); i > 0; i -= 2) {
		int r1 = 0, r2 = 0;
		if (!mr_pair(k, i > 1 ? k : NULL, ctx, &r1, &r2))
			return -1;
		if (r1 != 1 || (i > 1 && r2 != 1))
			return 0;
	}
	return 1;
}

/* c mod p for every small prime, two primes at a time (their product stays
 * below 2^32, so each step is one 64-by-32-bit remainder). */
static void residues(const BIGNUM *c, const struct small_primes *sp, uint32_t *res)
{
	int nb = BN_num_bytes(c);
	unsigned char *be = xmalloc((size_t)nb + 4);
	BN_bn2bin(c, be);
	size_t nh = ((size_t)nb + 3) / 4, pad = nh * 4 - (size_t)nb;
	uint32_t *h = xmalloc(nh * sizeof *h);
	for (size_t i = 0; i < nh; i++) {
		uint32_t w = 0;
		for (size_t k = 0; k < 4; k++) {
			size_t at = i * 4 + k;
			w = w << 8 | (at < pad ? 0 : be[at - pad]);
		}
		h[i] = w;
	}
	for (size_t i = 0; i < sp->n; i += 2) {
		uint64_t m = sp->p[i];
		if (i + 1 < sp->n)
			m *= sp->p[i + 1];
		uint64_t r = 0;
		for (size_t k = 0; k < nh; k++)
			r = ((r << 32) | h[k]) % m;
		res[i] = (uint32_t)(r % sp->p[i]);
		if (i + 1 < sp->n)
			res[i + 1] = (uint32_t)(r % sp->p[i + 1]);
	}
	free(h);
	free(be);
}

/* crypto/rand.Prime: a random prime of exactly `bits` bits with the top two
 * bits set (so a product of two has twice the bits).  NULL on failure. */
static BIGNUM *rand_prime(int bits, const struct small_primes *sp, BN_CTX *ctx, const atomic_bool *stop)
{
	BIGNUM *c = BN_new(), *t = BN_new();
	uint32_t *res = xmalloc(sp->n * sizeof *res);
	unsigned char *struck = xmalloc(WINDOW);
	uint32_t *surv = xmalloc(WINDOW * sizeof *surv);
	bool found = false;
	while (c && t && !found) {
		if (!BN_priv_rand(c, bits, BN_RAND_TOP_TWO, BN_RAND_BOTTOM_ODD))
			break;
		residues(c, sp, res);
		memset(struck, 0, WINDOW);
		for (size_t i = 0; i < sp->n; i++) {
			/* first j with c + 2j = 0 (mod p): j = -c/2 */
			uint32_t p = sp->p[i];
			uint64_t j = (uint64_t)((p - res[i]) % p) * ((p + 1) / 2) % p;
			for (; j < WINDOW; j += p)
				struck[j] = 1;
		}
		uint32_t ns = 0;
		for (uint32_t j = 0; j < WINDOW; j++)
			if (!struck[j])
				surv[ns++] = j;
		for (uint32_t i = 0; i < ns && !found; i += 2) {
			struct cand k[2] = { 0 };
			if (stop && atomic_load_explicit(stop, memory_order_relaxed)) {
				free(surv);
				goto fail;
			}
			int r[2] = { 0, 0 };
			int nk = i + 1 < ns ? 2 : 1;
			bool ok = true;
			for (int m = 0; m < nk && ok; m++)
				ok = cand_init(&k[m], c, 2 * (BN_ULONG)surv[i + m], ctx);
			/* past the top bit: a new random start */
			bool over = ok && BN_num_bits(k[nk - 1].c) != bits;
			if (ok && !over)
				ok = mr_pair(&k[0], nk == 2 ? &k[1] : NULL, ctx, &r[0], &r[1]);
			for (int m = 0; ok && !over && !found && m < nk; m++) {
				int rr = r[m] == 1 ? mr_rest(&k[m], ctx) : 0;
				if (rr < 0)
					ok = false;
				else if (rr == 1 && BN_copy(t, k[m].c))
					found = true;
			}
			cand_free(&k[0]);
			cand_free(&k[1]);
			if (!ok) {
				free(surv);
				goto fail;
			}
			if (over)
				break;
		}
	}
	free(surv);
	if (found) {
		free(res);
		free(struck);
		BN_free(c);
		return t;
	}
fail:
	free(res);
	free(struck);
	BN_free(c);
	BN_free(t);
	return NULL;
}

/* EVP_PKEY from n, e, d, p, q and the CRT values. */
static EVP_PKEY *rsa_pkey(BIGNUM *const v[8])
{
	static const char *const names[8] = {
		OSSL_PKEY_PARAM_RSA_N, OSSL_PKEY_PARAM_RSA_E, OSSL_PKEY_PARAM_RSA_D,
		OSSL_PKEY_PARAM_RSA_FACTOR1, OSSL_PKEY_PARAM_RSA_FACTOR2, OSSL_PKEY_PARAM_RSA_EXPONENT1,
		OSSL_PKEY_PARAM_RSA_EXPONENT2, OSSL_PKEY_PARAM_RSA_COEFFICIENT1,
	};
	EVP_PKEY *pk = NULL;
	OSSL_PARAM_BLD *b = OSSL_PARAM_BLD_new();
	OSSL_PARAM *ps = NULL;
	EVP_PKEY_CTX *pc = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
	bool ok = b && pc;
	for (int i = 0; ok && i < 8; i++)
		ok = OSSL_PARAM_BLD_push_BN(b, names[i], v[i]);
	if (ok && (ps = OSSL_PARAM_BLD_to_param(b)) && EVP_PKEY_fromdata_init(pc) > 0 &&
	    EVP_PKEY_fromdata(pc, &pk, EVP_PKEY_KEYPAIR, ps) <= 0)
		pk = NULL;
	OSSL_PARAM_free(ps);
	OSSL_PARAM_BLD_free(b);
	EVP_PKEY_CTX_free(pc);
	return pk;
}

/* Where rsa_generate takes its primes: a search of its own, or the pool. */
typedef BIGNUM *prime_source(int bits, BN_CTX *ctx);

static BIGNUM *search_prime(int bits, BN_CTX *ctx)
{
	return rand_prime(bits, get_small_primes(), ctx, NULL);
}

/* rsa.GenerateKey(rand, bits) with e = 65537: new primes until p != q, n
 * has exactly `bits` bits and e is invertible mod (p-1)(q-1). */
static EVP_PKEY *rsa_generate(int bits, prime_source *next)
{
	if (bits < 64)
		return NULL;
	BN_CTX *ctx = BN_CTX_new();
	BIGNUM *v[8] = { 0 }; /* n e d p q dP dQ qInv */
	EVP_PKEY *pk = NULL;
	BIGNUM *p1 = BN_new(), *q1 = BN_new(), *phi = BN_new();
	for (int i = 0; i < 8; i++)
		v[i] = BN_new();
	bool ok = ctx && p1 && q1 && phi && BN_set_word(v[1], 65537);
	for (int i = 0; ok && i < 8; i++)
		ok = v[i] != NULL;
	for (int tries = 0; ok && !pk && tries < 100; tries++) {
		BIGNUM *p = next(bits - bits / 2, ctx);
		BIGNUM *q = p ? next(bits / 2, ctx) : NULL;
		if (!p || !q) {
			BN_clear_free(p);
			BN_clear_free(q);
			break;
		}
		BN_clear_free(v[3]), BN_clear_free(v[4]);
		v[3] = p, v[4] = q;
		if (BN_cmp(p, q) == 0)
			continue;
		if (!BN_mul(v[0], p, q, ctx) || !BN_sub(p1, p, BN_value_one()) || !BN_sub(q1, q, BN_value_one()) ||
		    !BN_mul(phi, p1, q1, ctx))
			break;
		if (BN_num_bits(v[0]) != bits)
			continue;
		ERR_set_mark(); /* no inverse is an expected outcome, not an error */
		BIGNUM *dd = BN_mod_inverse(v[2], v[1], phi, ctx);
		ERR_pop_to_mark();
		if (!dd)
			continue;
		if (!BN_mod(v[5], v[2], p1, ctx) || !BN_mod(v[6], v[2], q1, ctx) || !BN_mod_inverse(v[7], q, p, ctx))
			break;
		pk = rsa_pkey(v);
		break;
	}
	for (int i = 0; i < 8; i++)
		BN_clear_free(v[i]);
	BN_clear_free(p1), BN_clear_free(q1), BN_clear_free(phi);
	BN_CTX_free(ctx);
	return pk;
}

/* The pool: one worker finding up to `want` primes of bits/2 bits, the
 * halves of the `bits`-bit keys the templates will ask for.  Primes, not
 * keys: a template that needs a key while the pool is short searches as
 * well, and whichever thread finds a prime first, it serves the next half
 * of a key — no search is thrown away half done, as a race for a whole key
 * would.  Process-wide state (like OpenSSL's random generator): the
 * template functions that take keys (crypto_cert.c) have no render context
 * to find it in. */
#define POOL_MAX 32

struct rsa_pool {
	pthread_mutex_t mu;
	pthread_t th;
	bool running;        /* th was started and not yet joined */
	atomic_bool stop;
	atomic_bool added;   /* the worker put a prime in (stops a template's own search) */
	int bits;            /* of the keys; the primes have bits/2 */
	int want;            /* primes still to find */
	int n;
	BIGNUM *primes[POOL_MAX];
};

static struct rsa_pool pool = { .mu = PTHREAD_MUTEX_INITIALIZER };

static void *pool_worker(void *arg)
{
	struct rsa_pool *p = arg;
	const struct small_primes *sp = get_small_primes();
	BN_CTX *ctx = BN_CTX_new();
	pthread_mutex_lock(&p->mu);
	while (ctx && p->want > 0 && !atomic_load(&p->stop)) {
		int bits = p->bits / 2;
		pthread_mutex_unlock(&p->mu);
		BIGNUM *q = rand_prime(bits, sp, ctx, &p->stop);
		pthread_mutex_lock(&p->mu);
		if (!q)
			break;
		if (p->want > 0 && p->n < POOL_MAX && !atomic_load(&p->stop)) {
			p->primes[p->n++] = q;
			p->want--;
			atomic_store(&p->added, true);
		} else {
			BN_clear_free(q);
		}
	}
	pthread_mutex_unlock(&p->mu);
	BN_CTX_free(ctx);
	return NULL;
}

void fn_rsa_pool_start(int bits, int n)
{
	if (n <= 0 || bits < 64)
		return;
	n = n > POOL_MAX / 2 ? POOL_MAX : 2 * n;
	pthread_mutex_lock(&pool.mu);
	if (!pool.running) {
		pool.bits = bits;
		pool.want = n;
		atomic_store(&pool.stop, false);
		pool.running = pthread_create(&pool.th, NULL, pool_worker, &pool) == 0;
	}
	pthread_mutex_unlock(&pool.mu);
}

void fn_rsa_pool_stop(void)
{
	pthread_mutex_lock(&pool.mu);
	bool running = pool.running;
	atomic_store(&pool.stop, true);
	pool.running = false;
	pthread_mutex_unlock(&pool.mu);
	if (running)
		pthread_join(pool.th, NULL);
	pthread_mutex_lock(&pool.mu);
	for (int i = 0; i < pool.n; i++)
		BN_clear_free(pool.primes[i]);
	pool.n = 0;
	pool.want = 0;
	pthread_mutex_unlock(&pool.mu);
}

/* A prime of the pool's size: one the worker found, else one searched for
 * here until the worker adds one.  A prime found here is one fewer for the
 * worker to find. */
static BIGNUM *pool_prime(int bits, BN_CTX *ctx)
{
	for (;;) {
		pthread_mutex_lock(&pool.mu);
		if (pool.n > 0) {
			BIGNUM *p = pool.primes[--pool.n];
			pthread_mutex_unlock(&pool.mu);
			return p;
		}
		bool helping = pool.running && pool.want > 0 && !atomic_load(&pool.stop);
		if (helping)
			atomic_store(&pool.added, false);
		pthread_mutex_unlock(&pool.mu);
		BIGNUM *p = rand_prime(bits, get_small_primes(), ctx, helping ? &pool.added : NULL);
		if (p) {
			pthread_mutex_lock(&pool.mu);
			if (pool.want > 0)
				pool.want--;
			pthread_mutex_unlock(&pool.mu);
			return p;
		}
		if (!helping || !atomic_load(&pool.added))
			return NULL; /* failed, not interrupted */
	}
}

EVP_PKEY *fn_rsa_generate(int bits)
{
	pthread_mutex_lock(&pool.mu);
	bool pooled = pool.bits == bits && (pool.n > 0 || pool.running);
	pthread_mutex_unlock(&pool.mu);
	return rsa_generate(bits, pooled ? pool_prime : search_prime);
}
