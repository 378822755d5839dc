/* strconv.c — Go's FormatFloat on top of glibc's exactly rounded printf.
 *
 * Why not a port of Go's Ryu: glibc's printf rounds the exact binary value
 * correctly, so the first precision whose output reads back as f is the
 * shortest, and it is also the closest such decimal — which is exactly what
 * Go's shortest formatting returns.  Fixed precisions are exact in both.  The
 * layout (exponent form, %g switch-over) is Go's fmtE/fmtF/'g' logic. */
#include "base/strconv.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

void strconv_float_digits(double f, char mode, int prec, char *digits, int *nd, int *dp)
{
	char buf[1024];
	f = fabs(f);
	if (f == 0) {
		*nd = 0;
		*dp = 0;
		return;
	}
	if (prec < 0) {
		for (int p = 1; p <= 17; p++) {
			snprintf(buf, sizeof(buf), "%.*e", p - 1, f);
			if (strtod(buf, NULL) == f || p == 17) {
				parse_e(buf, digits, nd, dp);
				return;
			}
		}
	}
	if (mode == 'e') {
		if (prec > 760)
			prec = 760;
		snprintf(buf, sizeof(buf), "%.*e", prec - 1 < 0 ? 0 : prec - 1, f);
		parse_e(buf, digits, nd, dp);
		return;
	}
	/* 'f': digits after the point.  %f of a big double can be 309 digits long
	 * before the point plus prec after. */
	if (prec > 400)
		prec = 400;
	char *big = malloc(800);
	snprintf(big, 800, "%.*f", prec, f);
	int n = 0, ip = 0;
	bool seen_point = false, leading = true;
	int lead_frac_zeros = 0;
	for (const char *p = big; *p; p++) {
		if (*p == '.') {
			seen_point = true;
			continue;
		}
		if (leading && *p == '0') {
			if (seen_point)
				lead_frac_zeros++;
			continue;
		}
		leading = false;
		digits[n++] = *p;
		if (!seen_point)
			ip++;
	}
	free(big);
	while (n > 0 && digits[n - 1] == '0')
		n--;
	*nd = n;
	*dp = n ? (ip ? ip : -lead_frac_zeros) : 0;
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
