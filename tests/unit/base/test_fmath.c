/* test_fmath.c — base/fmath.c against the C library's libm (the reference:
 * floor, ceil, nearbyint, ldexp, fmod are exact operations, so every bit
 * must agree, NaN payloads aside) on special values and millions of seeded
 * random doubles of every magnitude. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/fmath.h"

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
	/* xorshift64*: reproducible */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dull;
}

static double d_of(uint64_t u)
{
	double d;
	memcpy(&d, &u, sizeof d);
	return d;
}

static uint64_t u_of(double d)
{
	uint64_t u;
	memcpy(&u, &d, sizeof u);
	return u;
}

/* random doubles: raw bit patterns, small integers and halves, values near
 * powers of two and 2^52, subnormals */
static double sample(void)
{
	uint64_t r = next();
	switch (r % 6) {
	case 0:
		return d_of(next());
	case 1:
		return (double)((int64_t)(next() % 2001) - 1000) / 2.0;
	case 2:
		return d_of((next() & 0x800fffffffffffffull) | (uint64_t)(1023 + (int)(next() % 60)) << 52);
	case 3:
		return d_of(next() & 0x800fffffffffffffull); /* subnormal or zero */
	case 4:
		return ldexp((double)(int64_t)next(), -(int)(next() % 80));
	default:
		return d_of((next() & 0x800fffffffffffffull) | (uint64_t)(next() % 2047) << 52);
	}
}

static int same(double a, double b)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b);
	return u_of(a) == u_of(b);
}

static const double specials[] = {
	0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994,
	4503599627370495.5, -4503599627370495.5, 4503599627370496.0, 9007199254740993.0,
	1e300, -1e300, 5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
	INFINITY, -INFINITY, NAN, 3.0, -7.0, 0.1, 1e-310,
};
#define NSPECIAL (sizeof(specials) / sizeof(specials[0]))

static void test_unary(void **state)
{
	(void)state;
	long n = 0, bad = 0;
	for (long i = 0; i < 3000000; i++) {
		double x = i < (long)NSPECIAL ? specials[i] : sample();
		double want[4] = { trunc(x), floor(x), ceil(x), nearbyint(x) };
		double got[4] = { fm_trunc(x), fm_floor(x), fm_ceil(x), fm_round_even(x) };
		for (int k = 0; k < 4; k++, n++)
			if (!same(want[k], got[k]) && bad++ < 10)
				printf("fmath: op %d of %a: libm %a, ours %a\n", k, x, want[k], got[k]);
	}
	printf("fmath: trunc/floor/ceil/round_even: %ld/%ld equal to libm\n", n - bad, n);
	assert_int_equal(bad, 0);
}

static void test_ldexp(void **state)
{
	(void)state;
	long n = 0, bad = 0;
	static const int ns[] = { 0, 1, -1, 52, -52, 1023, 1024, -1022, -1023, -1074, -1075, 2000, -2000, 2100, -2200 };
	for (long i = 0; i < 2000000; i++, n++) {
		double x = i < (long)NSPECIAL ? specials[i] : sample();
		int e = i % 3 == 0 ? ns[next() % (sizeof(ns) / sizeof(ns[0]))] : (int)(next() % 4400) - 2200;
		double want = ldexp(x, e), got = fm_ldexp(x, e);
		if (!same(want, got) && bad++ < 10)
			printf("fmath: ldexp(%a, %d): libm %a, ours %a\n", x, e, want, got);
	}
	printf("fmath: ldexp: %ld/%ld equal to libm\n", n - bad, n);
	assert_int_equal(bad, 0);
}

static void test_fmod(void **state)
{
	(void)state;
	long n = 0, bad = 0;
	for (long i = 0; i < 2000000; i++, n++) {
		double x, y;
		if (i < (long)(NSPECIAL * NSPECIAL)) {
			x = specials[i / NSPECIAL];
			y = specials[i % NSPECIAL];
		} else {
			x = sample();
			y = i % 4 == 0 ? (double)(int64_t)(next() % 100 + 1) : sample();
		}
		double want = fmod(x, y), got = fm_fmod(x, y);
		if (!same(want, got) && bad++ < 10)
			printf("fmath: fmod(%a, %a): libm %a, ours %a\n", x, y, want, got);
	}
	printf("fmath: fmod: %ld/%ld equal to libm\n", n - bad, n);
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unary),
		cmocka_unit_test(test_ldexp),
		cmocka_unit_test(test_fmod),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
