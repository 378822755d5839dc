/* strconv.c — Go's FormatFloat on top of glibc's exactly rounded printf.
 *
 * Why not a port of Go's Ryu/Dragonbox: glibc's printf rounds the exact
 * binary value correctly, so the fewest digits whose nearest decimal reads
 * back as f are the shortest, and that decimal is also the closest — Go's
 * answer.  The one exception (powers of two, see shortest_at) is handled.
 * Fixed precisions are exact in both.  The layout (exponent form, %g
 * switch-over, %b, %x) is Go's fmtE/fmtF/fmtB/fmtX and 'g' logic. */
#include "base/strconv.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fmath.h"

/* Parse "d.ddde[+-]XX" from printf %e into digits/nd/dp. */
static void parse_e(const char *buf, char *digits, int *nd, int *dp)
{
	int n = 0;
	const char *p = buf;
	for (; *p && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9')
			digits[n++] = *p;
	int exp = *p == 'e' ? (int)strtol(p + 1, NULL, 10) : 0;
	/* trim trailing zeros, as Go's decimal does */
	while (n > 0 && digits[n - 1] == '0')
		n--;
	*nd = n;
	*dp = n ? exp + 1 : 0;
}

/* Whether some p-digit decimal reads back as f (f > 0, finite); if so its
 * digits, the one closest to f, go to digits/nd/dp.  glibc's %.*e is the
 * nearest p-digit decimal: if that reads back it is Go's answer.  If not,
 * only at a power of two, whose rounding interval is twice as wide above as
 * below, can the next decimal up still read back. */
static bool shortest_at(double f, int p, char *digits, int *nd, int *dp)
{
	char buf[40];
	snprintf(buf, sizeof(buf), "%.*e", p - 1, f);
	double g = strtod(buf, NULL);
	if (g == f) {
		parse_e(buf, digits, nd, dp);
		return true;
	}
	uint64_t bits;
	memcpy(&bits, &f, sizeof(bits));
	if ((bits & ((UINT64_C(1) << 52) - 1)) != 0 || (bits >> 52) <= 1 || g > f)
		return false;
	/* the p digits plus one unit in the last place */
	char d[24];
	int n = 0;
	const char *s = buf;
	for (; *s && *s != 'e'; s++)
		if (*s >= '0' && *s <= '9')
			d[n++] = *s;
	int exp = (int)strtol(s + 1, NULL, 10);
	int i = n - 1;
	while (i >= 0 && d[i] == '9')
		d[i--] = '0';
	if (i < 0) {
		d[0] = '1';
		exp++;
	} else {
		d[i]++;
	}
	char up[48];
	snprintf(up, sizeof(up), "%c.%.*se%d", d[0], n - 1, d + 1, exp);
	if (strtod(up, NULL) != f)
		return false;
	parse_e(up, digits, nd, dp);
	return true;
}

static const double pow10_exact[23] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* The decimal digits of u, trailing zeros trimmed; returns the full count. */
static int u64_digits(uint64_t u, char *digits, int *nd)
{
	char buf[24];
	int i = sizeof(buf);
	do {
		buf[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	int n = (int)sizeof(buf) - i;
	memcpy(digits, buf + i, (size_t)n);
	int t = n;
	while (t > 0 && digits[t - 1] == '0')
		t--;
	*nd = t;
	return n;
}

/* Fast path for shortest digits when they number at most 15 and the scale
 * is at most 10^22: then D and 10^k are exact doubles, so one IEEE multiply
 * or divide is the correctly rounded D*10^-k — the same double strtod gives —
 * and the round-trip test is exact.  At most 15 digits a double's rounding
 * interval (< 2^-52 relative) holds at most one candidate, so the first one
 * found, fewest digits first, is Go's answer. */
static bool shortest_fast(double f, char *digits, int *nd, int *dp)
{
	/* e <= floor(log10 f), at most one too small: from the binary exponent */
	uint64_t bits;
	memcpy(&bits, &f, sizeof(bits));
	int x = (int)(bits >> 52) - 1022; /* f = m * 2^x, m in [0.5, 1) for normals */
	int e = ((x - 1) * 78913) >> 18;  /* floor((x - 1) * log10(2)) */
	for (int k = -e - 1; k <= -e + 15; k++) {
		if (k < -22)
			continue;
		if (k > 22)
			return false;
		double y = k >= 0 ? f * pow10_exact[k] : f / pow10_exact[-k];
		if (y >= 1e15)
			return false;
		/* |y - f*10^k| and |D - f*10^k| are both below 0.12 for a
		 * candidate D < 10^15, so D can only be the nearest integer */
		double d = fm_round_even(y);
		if (d <= 0)
			continue;
		double back = k >= 0 ? d / pow10_exact[k] : d * pow10_exact[-k];
		if (back == f) {
			*dp = u64_digits((uint64_t)d, digits, nd) - k;
			return true;
		}
	}
	return false;
}

/* Go's shortest digits of f > 0: exact for integers below 2^53 (their own
 * digits are the only decimal within half an ulp), then the fast path, else
 * a binary search on the digit count — if p digits can read back, so can
 * p+1. */
static void shortest_digits(double f, char *digits, int *nd, int *dp)
{
	if (f < 9007199254740992.0 && f == (double)(int64_t)f) {
		*dp = u64_digits((uint64_t)f, digits, nd);
		return;
	}
	if (shortest_fast(f, digits, nd, dp))
		return;
	int lo = 1, hi = 17;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (shortest_at(f, mid, digits, nd, dp))
			hi = mid;
		else
			lo = mid + 1;
	}
	if (!shortest_at(f, lo, digits, nd, dp)) {
		char buf[40];
		snprintf(buf, sizeof(buf), "%.16e", f);
		parse_e(buf, digits, nd, dp);
	}
}

void strconv_float_digits(double f, char mode, int prec, char *digits, int *nd, int *dp)
{
	f = fabs(f);
	if (f == 0) {
		*nd = 0;
		*dp = 0;
		return;
	}
	if (prec < 0) {
		shortest_digits(f, digits, nd, dp);
		return;
	}
	if (mode == 'e') {
		/* a double has at most 767 significant digits: past that, zeros */
		char buf[800];
		if (prec > 780)
			prec = 780;
		snprintf(buf, sizeof(buf), "%.*e", prec - 1 < 0 ? 0 : prec - 1, f);
		parse_e(buf, digits, nd, dp);
		return;
	}
	/* 'f': digits after the point.  1074 of them are always exact; the
	 * integer part can be 309 digits long. */
	if (prec > 1080)
		prec = 1080;
	char big[1500];
	snprintf(big, sizeof(big), "%.*f", prec, f);
	const char *p = big;
	int ip = 0, lead_frac_zeros = 0;
	while (*p == '0')
		p++;
	if (*p == '.') {
		p++;
		while (*p == '0') {
			p++;
			lead_frac_zeros++;
		}
	} else {
		for (const char *q = p; *q >= '0' && *q <= '9'; q++)
			ip++;
	}
	/* copy the significant digits, skipping the point, then trim zeros */
	int n = 0, last = 0;
	for (; *p; p++) {
		if (*p == '.')
			continue;
		if (n < 790)
			digits[n] = *p;
		n++;
		if (*p != '0')
			last = n;
	}
	*nd = last;
	*dp = last ? (ip ? ip : -lead_frac_zeros) : 0;
}

static void fmt_e(struct sb *out, bool neg, const char *d, int nd, int dp, int prec, char fmt)
{
	if (neg)
		sb_addc(out, '-');
	sb_addc(out, nd ? d[0] : '0');
	if (prec > 0) {
		sb_addc(out, '.');
		int i = 1;
		int m = nd < prec + 1 ? nd : prec + 1;
		if (i < m) {
			sb_add(out, d + i, (size_t)(m - i));
			i = m;
		}
		for (; i <= prec; i++)
			sb_addc(out, '0');
	}
	sb_addc(out, fmt);
	int exp = dp - 1;
	if (nd == 0)
		exp = 0;
	char ch = '+';
	if (exp < 0) {
		ch = '-';
		exp = -exp;
	}
	sb_addc(out, ch);
	if (exp < 10)
		sb_addf(out, "0%d", exp);
	else
		sb_addf(out, "%d", exp);
}

static void fmt_f(struct sb *out, bool neg, const char *d, int nd, int dp, int prec)
{
	if (neg)
		sb_addc(out, '-');
	if (dp > 0) {
		int m = nd < dp ? nd : dp;
		sb_add(out, d, (size_t)m);
		for (; m < dp; m++)
			sb_addc(out, '0');
	} else {
		sb_addc(out, '0');
	}
	if (prec > 0) {
		sb_addc(out, '.');
		for (int i = 1; i <= prec; i++) {
			char ch = '0';
			int j = dp + i - 1;
			if (0 <= j && j < nd)
				ch = d[j];
			sb_addc(out, ch);
		}
	}
}

/* %b: decimal mantissa "p" binary exponent (Go's fmtB). */
static void fmt_b(struct sb *out, bool neg, uint64_t mant, int exp)
{
	if (neg)
		sb_addc(out, '-');
	strconv_format_uint(out, mant, 10);
	sb_addc(out, 'p');
	exp -= 52;
	if (exp >= 0)
		sb_addc(out, '+');
	strconv_format_int(out, exp, 10);
}

/* %x: -0x1.hhhhp+dd with the leading 1 normalised, prec hex digits rounded
 * half to even (Go's fmtX). */
static void fmt_x(struct sb *out, bool neg, uint64_t mant, int exp, int prec, char fmt)
{
	const char *hex = fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	const uint64_t one = (uint64_t)1 << 60;
	if (mant == 0)
		exp = 0;
	mant <<= 60 - 52;
	while (mant != 0 && (mant & one) == 0) {
		mant <<= 1;
		exp--;
	}
	if (prec >= 0 && prec < 15) {
		unsigned shift = (unsigned)prec * 4;
		uint64_t extra = (mant << shift) & (one - 1);
		mant >>= 60 - shift;
		if ((extra | (mant & 1)) > (one >> 1))
			mant++;
		mant <<= 60 - shift;
		if (mant & (one << 1)) {
			mant >>= 1;
			exp++;
		}
	}
	if (neg)
		sb_addc(out, '-');
	sb_addc(out, '0');
	sb_addc(out, fmt);
	sb_addc(out, (char)('0' + ((mant >> 60) & 1)));
	mant <<= 4;
	if (prec < 0 && mant != 0) {
		sb_addc(out, '.');
		while (mant != 0) {
			sb_addc(out, hex[(mant >> 60) & 15]);
			mant <<= 4;
		}
	} else if (prec > 0) {
		sb_addc(out, '.');
		for (int i = 0; i < prec; i++) {
			sb_addc(out, hex[(mant >> 60) & 15]);
			mant <<= 4;
		}
	}
	sb_addc(out, fmt == 'X' ? 'P' : 'p');
	char ch = '+';
	if (exp < 0) {
		ch = '-';
		exp = -exp;
	}
	sb_addc(out, ch);
	if (exp < 10)
		sb_addc(out, '0');
	strconv_format_int(out, exp, 10);
}

void strconv_format_float(struct sb *out, double f, char fmt, int prec)
{
	if (isnan(f)) {
		sb_adds(out, "NaN");
		return;
	}
	if (isinf(f)) {
		sb_adds(out, f > 0 ? "+Inf" : "-Inf");
		return;
	}
	bool neg = signbit(f);
	if (fmt == 'b' || fmt == 'x' || fmt == 'X') {
		uint64_t bits;
		memcpy(&bits, &f, sizeof(bits));
		int exp = (int)(bits >> 52) & 0x7ff;
		uint64_t mant = bits & (((uint64_t)1 << 52) - 1);
		if (exp == 0)
			exp++; /* subnormal */
		else
			mant |= (uint64_t)1 << 52;
		exp -= 1023;
		if (fmt == 'b')
			fmt_b(out, neg, mant, exp);
		else
			fmt_x(out, neg, mant, exp, prec, fmt);
		return;
	}
	char d[800];
	int nd, dp;
	bool shortest = prec < 0;
	char lower = (char)(fmt | 0x20);

	if (shortest) {
		strconv_float_digits(f, 'e', -1, d, &nd, &dp);
		if (nd == 0)
			dp = 0;
		switch (lower) {
		case 'e':
			prec = nd - 1;
			break;
		case 'f':
			prec = nd - dp > 0 ? nd - dp : 0;
			break;
		case 'g':
			prec = nd;
			break;
		}
	} else if (lower == 'f') {
		strconv_float_digits(f, 'f', prec, d, &nd, &dp);
	} else {
		if (lower == 'g' && prec == 0)
			prec = 1;
		strconv_float_digits(f, 'e', lower == 'e' ? prec + 1 : prec, d, &nd, &dp);
	}
	if (f == 0) {
		nd = 0;
		dp = 0;
	}

	switch (lower) {
	case 'e':
		fmt_e(out, neg, d, nd, dp, prec, fmt);
		return;
	case 'f':
		fmt_f(out, neg, d, nd, dp, prec);
		return;
	default: {
		int eprec = prec;
		if (eprec > nd && nd >= dp)
			eprec = nd;
		if (shortest)
			eprec = 6;
		int exp = dp - 1;
		if (exp < -4 || exp >= eprec) {
			if (prec > nd)
				prec = nd;
			fmt_e(out, neg, d, nd, dp, prec - 1, (char)(fmt + 'e' - 'g'));
			return;
		}
		if (prec > dp)
			prec = nd;
		fmt_f(out, neg, d, nd, dp, prec - dp > 0 ? prec - dp : 0);
		return;
	}
	}
}

void strconv_format_uint(struct sb *out, uint64_t u, int base)
{
	char buf[72];
	int i = sizeof(buf);
	if (base < 2 || base > 36)
		base = 10;
	do {
		buf[--i] = "0123456789abcdefghijklmnopqrstuvwxyz"[u % (unsigned)base];
		u /= (unsigned)base;
	} while (u);
	sb_add(out, buf + i, sizeof(buf) - (size_t)i);
}

void strconv_format_int(struct sb *out, int64_t i, int base)
{
	if (i < 0) {
		sb_addc(out, '-');
		strconv_format_uint(out, (uint64_t)0 - (uint64_t)i, base);
	} else {
		strconv_format_uint(out, (uint64_t)i, base);
	}
}

void strconv_json_float(struct sb *out, double f)
{
	double a = fabs(f);
	char fmt = 'f';
	if (a != 0 && (a < 1e-6 || a >= 1e21))
		fmt = 'e';
	size_t start = out->len;
	strconv_format_float(out, f, fmt, -1);
	if (fmt == 'e') {
		size_t n = out->len - start;
		char *b = out->buf + start;
		if (n >= 4 && b[n - 4] == 'e' && b[n - 3] == '-' && b[n - 2] == '0') {
			b[n - 2] = b[n - 1];
			sb_setlen(out, out->len - 1);
		}
	}
}

/* snprintf's correctly rounded %.*e, read back with strtof: the first
 * precision whose digits give x again is the shortest. */
void strconv_format_float32_g(struct sb *out, float x)
{
	char buf[48], digs[16];
	int nd = 0, exp10, dp;

	if (isnan(x)) {
		sb_adds(out, "NaN");
		return;
	}
	if (isinf(x)) {
		sb_adds(out, x > 0 ? "+Inf" : "-Inf");
		return;
	}
	if (signbit(x))
		sb_addc(out, '-');
	x = fabsf(x);
	if (x == 0) {
		sb_addc(out, '0');
		return;
	}
	/* the shortest correctly rounded digits that read back as x */
	for (int prec = 1; prec <= 9; prec++) {
		snprintf(buf, sizeof(buf), "%.*e", prec - 1, (double)x);
		if (strtof(buf, NULL) == x)
			break;
	}
	for (char *p = buf; *p && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9')
			digs[nd++] = *p;
	exp10 = (int)strtol(strchr(buf, 'e') + 1, NULL, 10);
	while (nd > 1 && digs[nd - 1] == '0')
		nd--;
	if (exp10 < -4 || exp10 >= 6) { /* 'g' shortest: eprec 6 */
		sb_addc(out, digs[0]);
		if (nd > 1) {
			sb_addc(out, '.');
			sb_add(out, digs + 1, (size_t)nd - 1);
		}
		sb_addf(out, "e%c%02d", exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
		return;
	}
	dp = exp10 + 1;
	if (dp <= 0) {
		sb_adds(out, "0.");
		sb_addrep(out, '0', (size_t)-dp);
		sb_add(out, digs, (size_t)nd);
		return;
	}
	for (int i = 0; i < dp; i++)
		sb_addc(out, i < nd ? digs[i] : '0');
	if (nd > dp) {
		sb_addc(out, '.');
		sb_add(out, digs + dp, (size_t)(nd - dp));
	}
}
