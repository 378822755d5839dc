/* fmath.h — the five libm functions cozypkg calls (floor, ceil, round to
 * even, ldexp, fmod), exact and in the default rounding mode.
 *
 * Why not libm: loading libm.so costs every run ~0.5 ms (its relocations and
 * ifunc resolution, measured with hyperfine against the same program without
 * it), a tenth of a small chart's whole `show --plain`; glibc's libm.a cannot
 * be linked into a program with a shared libc.  All five are exact operations
 * on the bits of a double (tests/unit/base/test_fmath.c compares them with
 * libm on millions of values). */
#ifndef COZY_FMATH_H
#define COZY_FMATH_H

double fm_trunc(double x);
double fm_floor(double x);
double fm_ceil(double x);
double fm_round_even(double x); /* nearbyint/rint with ties to even */
double fm_ldexp(double x, int n);
double fm_fmod(double x, double y); /* C's fmod: the sign of x, exact */

#endif
