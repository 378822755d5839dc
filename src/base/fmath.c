/* fmath.c — floor, ceil, round-to-even, ldexp and fmod on the bits of a
 * double (see fmath.h for why not libm).  IEEE 754 binary64: 1 sign bit,
 * 11 exponent bits (bias 1023), 52 fraction bits. */
#include "base/fmath.h"

#include <stdint.h>
#include <string.h>

#define SIGN 0x8000000000000000ull
#define FRAC 0x000fffffffffffffull
#define HIDDEN 0x0010000000000000ull

static uint64_t bits(double x)
{
	uint64_t u;
	memcpy(&u, &x, sizeof u);
	return u;
}

static double from_bits(uint64_t u)
{
	double x;
	memcpy(&x, &u, sizeof x);
	return x;
}

/* the unbiased exponent; 1024 for inf and NaN */
static int expo(uint64_t u)
{
	return (int)(u >> 52 & 0x7ff) - 1023;
}

double fm_trunc(double x)
{
	uint64_t u = bits(x);
	int e = expo(u);
	if (e >= 52) /* already integral, or inf / NaN */
		return x;
	if (e < 0) /* |x| < 1: a zero of x's sign */
		return from_bits(u & SIGN);
	return from_bits(u & ~(FRAC >> e));
}

double fm_floor(double x)
{
	double t = fm_trunc(x);
	/* t - 1 is exact: t is an integer of magnitude below 2^52 here */
	return t > x ? t - 1.0 : t;
}

double fm_ceil(double x)
{
	double t = fm_trunc(x);
	return t < x ? t + 1.0 : t;
}

double fm_round_even(double x)
{
	uint64_t u = bits(x);
	if (expo(u) >= 52)
		return x;
	/* Adding 2^52 to a magnitude below 2^52 leaves no fraction bits: the
	 * addition itself rounds, to nearest with ties to even.  volatile keeps
	 * the compiler from folding (a + c) - c. */
	volatile double a = from_bits(u & ~SIGN) + 4503599627370496.0;
	double r = a - 4503599627370496.0;
	return from_bits(bits(r) | (u & SIGN)); /* -0.4 rounds to -0 */
}

double fm_ldexp(double x, int n)
{
	/* Scale in steps that cannot overflow or lose bits before the last
	 * multiplication, which rounds once (into the subnormals, if so). */
	if (n > 1023) {
		x *= 0x1p1023;
		n -= 1023;
		if (n > 1023) {
			x *= 0x1p1023;
			n -= 1023;
			if (n > 1023)
				n = 1023;
		}
	} else if (n < -1022) {
		/* down to 2^-969 first: still normal, so nothing is rounded */
		x *= 0x1p-969;
		n += 969;
		if (n < -1022) {
			x *= 0x1p-969;
			n += 969;
			if (n < -1022)
				n = -1022;
		}
	}
	return x * from_bits((uint64_t)(0x3ff + n) << 52);
}

/* the significand as an integer with the hidden bit at bit 52, and the
 * exponent of its lowest bit's place, subnormals normalised */
static uint64_t unpack(uint64_t u, int *e)
{
	int be = (int)(u >> 52 & 0x7ff);
	uint64_t m = u & FRAC;
	if (be) {
		*e = be;
		return m | HIDDEN;
	}
	be = 1;
	while (!(m & HIDDEN)) {
		m <<= 1;
		be--;
	}
	*e = be;
	return m;
}

double fm_fmod(double x, double y)
{
	uint64_t ux = bits(x), uy = bits(y);
	if ((uy << 1) == 0 || expo(ux) == 1024 || (expo(uy) == 1024 && (uy & FRAC)))
		return (x * y) / (x * y); /* y zero, x inf or NaN, y NaN: NaN */
	if ((ux << 1) < (uy << 1)) /* |x| < |y| (y inf included) */
		return x;
	if ((ux << 1) == (uy << 1))
		return from_bits(ux & SIGN);
	int ex, ey;
	uint64_t mx = unpack(ux, &ex), my = unpack(uy, &ey);
	/* long division, one bit of quotient per step, keeping the remainder */
	for (; ex > ey; ex--) {
		if (mx >= my) {
			mx -= my;
			if (!mx)
				return from_bits(ux & SIGN);
		}
		mx <<= 1;
	}
	if (mx >= my) {
		mx -= my;
		if (!mx)
			return from_bits(ux & SIGN);
	}
	while (!(mx & HIDDEN)) {
		mx <<= 1;
		ex--;
	}
	uint64_t r;
	if (ex > 0)
		r = (mx & FRAC) | (uint64_t)ex << 52;
	else
		r = mx >> (1 - ex); /* exact: the remainder is below |y| */
	return from_bits(r | (ux & SIGN));
}
