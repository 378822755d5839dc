/* numeric.c — Sprig v3.3.0's numbers (numeric.go and functions.go's
 * add/sub/div/...): spf13/cast v1.7.0 conversions, Go integer arithmetic
 * (wrapping, divide-by-zero panics), shopspring/decimal v1.4.0 for the
 * float operations, math.Pow/Modf as Go computes them for round. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>

#include "base/fmath.h"
#include "base/strconv.h"
#include "base/strconv_parse.h"
#include "funcs/fn_encoding.h"
#include "funcs/fn_numbers.h"
#include "funcs/funcs.h"
#include "value/codec.h"

/* ---- spf13/cast ---- */

int64_t fn_go_f2i(double f)
{
	if (!(f >= -9223372036854775808.0 && f < 9223372036854775808.0))
		return INT64_MIN;
	return (int64_t)f;
}

/* cast's trimZeroDecimal: "10.000" -> "10", but "1.50" stays. */
static size_t trim_zero_decimal(const char *s, size_t n)
{
	bool zero = false;
	for (size_t i = n; i > 0; i--) {
		switch (s[i - 1]) {
		case '.':
			if (zero)
				return i - 1;
			break;
		case '0':
			zero = true;
			break;
		default:
			return n;
		}
	}
	return n;
}

int64_t fn_cast_int64(val v)
{
	switch (v.kind) {
	case VAL_BOOL:
		return v.u.b;
	case VAL_INT:
		/* int, int64, uint64 (bit pattern), uint8; Month/Weekday via toInt;
		 * time.Duration is a named type cast does not know */
		return v.gotype == FN_GT_DURATION ? 0 : v.u.i;
	case VAL_FLOAT:
		return fn_go_f2i(v.u.f);
	case VAL_STRING: {
		if (v.gotype != GT_DEFAULT)
			return 0;
		int64_t i;
		if (strconv_parse_int(v.u.s, trim_zero_decimal(v.u.s, v.len), 0, 64, &i) != STRCONV_OK)
			return 0;
		return i;
	}
	default:
		return 0;
	}
}

double fn_cast_float64(val v)
{
	switch (v.kind) {
	case VAL_BOOL:
		return v.u.b;
	case VAL_INT:
		if (v.gotype == FN_GT_DURATION)
			return 0;
		if (v.gotype == GT_UINT64)
			return (double)(uint64_t)v.u.i;
		return (double)v.u.i;
	case VAL_FLOAT:
		return v.u.f;
	case VAL_STRING: {
		if (v.gotype != GT_DEFAULT)
			return 0;
		double f;
		if (strconv_parse_float(v.u.s, v.len, &f) != STRCONV_OK)
			return 0;
		return f;
	}
	default:
		return 0;
	}
}

/* ---- the Go types this family returns ---- */

const struct tmpl_type fn_ints_type = { "[]int", false, false, NULL, 0, NULL, { 0 } };

const struct tmpl_type *fn_numbers_type_of(uint8_t gotype)
{
	switch (gotype) {
	case FN_GT_INTS:
		return &fn_ints_type;
	case FN_GT_TIME:
		return &fn_time_type;
	case FN_GT_SEMVER:
		return &fn_semver_type;
	case FN_GT_SEMVER_VALUE:
		return &fn_semver_value_type;
	case FN_GT_DURATION:
		return &fn_duration_type;
	case FN_GT_MONTH:
		return &fn_month_type;
	case FN_GT_WEEKDAY:
		return &fn_weekday_type;
	case FN_GT_LOCATION:
		return &fn_location_type;
	default:
		return NULL;
	}
}

/* ---- conversions ---- */

static int fn_int64(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = val_int(fn_cast_int64(a[0]));
	return 0;
}

static int fn_int(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = val_typed(val_int(fn_cast_int64(a[0])), GT_INT);
	return 0;
}

static int fn_float64(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = val_float(fn_cast_float64(a[0]));
	return 0;
}

/* func(a string) int { i, _ := strconv.Atoi(a); return i }: a syntax error
 * gives 0, a range error the clamped value ParseInt returns. */
static int fn_atoi(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	int64_t i = 0;
	enum strconv_err e = strconv_parse_int(a[0].u.s, a[0].len, 10, 64, &i);
	if (e == STRCONV_SYNTAX)
		i = 0;
	*out = val_typed(val_int(i), GT_INT);
	return 0;
}

/* strconv.ParseInt(fmt.Sprint(v), 8, 64), 0 on any error. */
static int fn_todecimal(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb s = SB_INIT;
	int64_t i = 0;
	if (a[0].kind == VAL_STRING && a[0].gotype == GT_DEFAULT)
		sb_add(&s, a[0].u.s, a[0].len);
	else if (a[0].kind <= VAL_FLOAT)
		val_fmt_v(x->a, &s, a[0]);
	/* lists, maps and host values print with brackets or spaces: never octal */
	if (strconv_parse_int(s.buf ? s.buf : "", s.len, 8, 64, &i) != STRCONV_OK)
		i = 0;
	sb_release(&s);
	*out = val_int(i);
	return 0;
}

/* ---- integer arithmetic (int64, wrapping like Go) ---- */

static int64_t wrap_add(int64_t a, int64_t b) { return (int64_t)((uint64_t)a + (uint64_t)b); }
static int64_t wrap_sub(int64_t a, int64_t b) { return (int64_t)((uint64_t)a - (uint64_t)b); }
static int64_t wrap_mul(int64_t a, int64_t b) { return (int64_t)((uint64_t)a * (uint64_t)b); }

static int fn_add1(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = val_int(wrap_add(fn_cast_int64(a[0]), 1));
	return 0;
}

static int fn_add(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	int64_t s = 0;
	for (size_t i = 0; i < n; i++)
		s = wrap_add(s, fn_cast_int64(a[i]));
	*out = val_int(s);
	return 0;
}

static int fn_sub(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = val_int(wrap_sub(fn_cast_int64(a[0]), fn_cast_int64(a[1])));
	return 0;
}

/* A Go runtime panic, turned into the call's error by text/template. */
static const char divide_by_zero[] = "runtime error: integer divide by zero";

static int fn_div(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	int64_t p = fn_cast_int64(a[0]), q = fn_cast_int64(a[1]);
	if (q == 0)
		return tmpl_fail(x, "%s", divide_by_zero);
	*out = val_int(q == -1 ? wrap_sub(0, p) : p / q);
	return 0;
}

static int fn_mod(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	int64_t p = fn_cast_int64(a[0]), q = fn_cast_int64(a[1]);
	if (q == 0)
		return tmpl_fail(x, "%s", divide_by_zero);
	*out = val_int(q == -1 ? 0 : p % q);
	return 0;
}

static int fn_mul(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	int64_t p = fn_cast_int64(a[0]);
	for (size_t i = 1; i < n; i++)
		p = wrap_mul(p, fn_cast_int64(a[i]));
	*out = val_int(p);
	return 0;
}

static int fn_max(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	int64_t m = fn_cast_int64(a[0]);
	for (size_t i = 1; i < n; i++) {
		int64_t b = fn_cast_int64(a[i]);
		if (b > m)
			m = b;
	}
	*out = val_int(m);
	return 0;
}

static int fn_min(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	int64_t m = fn_cast_int64(a[0]);
	for (size_t i = 1; i < n; i++) {
		int64_t b = fn_cast_int64(a[i]);
		if (b < m)
			m = b;
	}
	*out = val_int(m);
	return 0;
}

/* func(min, max int) int { return rand.Intn(max-min) + min } */
static int fn_randint(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	int64_t lo = a[0].u.i, span = wrap_sub(a[1].u.i, lo);
	if (span <= 0)
		return tmpl_fail(x, "invalid argument to Intn");
	/* uniform in [0, span): reject the biased top of the 63-bit range */
	uint64_t lim = (UINT64_C(1) << 63) - (UINT64_C(1) << 63) % (uint64_t)span, r;
	do {
		fn_random_bytes((unsigned char *)&r, sizeof r);
		r &= (UINT64_C(1) << 63) - 1;
	} while (r >= lim);
	*out = val_typed(val_int(wrap_add((int64_t)(r % (uint64_t)span), lo)), GT_INT);
	return 0;
}

/* ---- float64 helpers (math package semantics) ---- */

/* math.Max / math.Min: Inf wins over NaN, NaN over numbers, +0 > -0. */
static double go_max(double x, double y)
{
	if (isinf(x) && x > 0)
		return x;
	if (isinf(y) && y > 0)
		return y;
	if (isnan(x) || isnan(y))
		return NAN;
	if (x == 0 && x == y)
		return signbit(x) ? y : x;
	return x > y ? x : y;
}

static double go_min(double x, double y)
{
	if (isinf(x) && x < 0)
		return x;
	if (isinf(y) && y < 0)
		return y;
	if (isnan(x) || isnan(y))
		return NAN;
	if (x == 0 && x == y)
		return signbit(x) ? x : y;
	return x < y ? x : y;
}

static int fn_maxf(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	double m = fn_cast_float64(a[0]);
	for (size_t i = 1; i < n; i++)
		m = go_max(m, fn_cast_float64(a[i]));
	*out = val_float(m);
	return 0;
}

static int fn_minf(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	double m = fn_cast_float64(a[0]);
	for (size_t i = 1; i < n; i++)
		m = go_min(m, fn_cast_float64(a[i]));
	*out = val_float(m);
	return 0;
}

static int fn_ceil(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = val_float(fm_ceil(fn_cast_float64(a[0])));
	return 0;
}

static int fn_floor(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = val_float(fm_floor(fn_cast_float64(a[0])));
	return 0;
}

/* math.Modf (pure Go on amd64): Modf(±Inf) has a NaN fraction. */
static double go_modf_frac(double f)
{
	if (f < 1) {
		if (f < 0)
			return -go_modf_frac(-f);
		return f; /* 0 or -0 keep their sign */
	}
	uint64_t b;
	memcpy(&b, &f, sizeof b);
	unsigned e = (unsigned)((b >> 52) & 0x7ff) - 1023;
	if (e < 64 - 12)
		b &= ~((UINT64_C(1) << (64 - 12 - e)) - 1);
	double i;
	memcpy(&i, &b, sizeof i);
	return f - i;
}

/* math.Pow for an integral y (round's places): Go multiplies successive
 * squarings of frexp(x), which is not glibc's correctly rounded pow. */
static double go_pow_int(double x, double y)
{
	if (y == 0 || x == 1)
		return 1;
	if (y == 1)
		return x;
	if (isnan(x) || isnan(y))
		return NAN;
	if (isinf(y))
		return x == -1 ? 1 : ((fabs(x) < 1) == (y > 0) ? 0 : INFINITY);
	double yi = fabs(y);
	if (yi >= 9223372036854775808.0)
		return x == -1 ? 1 : ((fabs(x) < 1) == (y > 0) ? 0 : INFINITY);
	double a1 = 1.0;
	long ae = 0;
	int xe0;
	double x1 = frexp(x, &xe0);
	long xe = xe0;
	for (int64_t i = (int64_t)yi; i != 0; i >>= 1) {
		if (xe < -(1L << 12) || (1L << 12) < xe) {
			ae += xe;
			break;
		}
		if (i & 1) {
			a1 *= x1;
			ae += xe;
		}
		x1 *= x1;
		xe <<= 1;
		if (x1 < .5) {
			x1 += x1;
			xe--;
		}
	}
	if (y < 0) {
		a1 = 1 / a1;
		ae = -ae;
	}
	if (ae > 1 << 20)
		ae = 1 << 20;
	if (ae < -(1 << 20))
		ae = -(1 << 20);
	return fm_ldexp(a1, (int)ae);
}

/* round(a interface{}, p int, rOpt ...float64) */
static int fn_round(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	double on = n > 2 ? a[2].u.f : .5;
	double v = fn_cast_float64(a[0]);
	double pow = go_pow_int(10, (double)a[1].u.i);
	double digit = pow * v;
	double r = go_modf_frac(digit) >= on ? fm_ceil(digit) : fm_floor(digit);
	*out = val_float(r / pow);
	return 0;
}

/* ---- shopspring/decimal: exact decimal sums and products, quotients
 * rounded half away from zero to 16 places, then big.Rat.Float64 ---- */

struct dec {
	BIGNUM *c; /* coefficient */
	int e;     /* value = c * 10^e */
};

static void bn_check(int ok)
{
	if (!ok)
		abort(); /* OpenSSL out of memory */
}

static void bn_mul_pow10(BIGNUM *r, int k, BN_CTX *ctx)
{
	if (k <= 0)
		return;
	BIGNUM *p = BN_CTX_get(ctx), *t = BN_CTX_get(ctx);
	bn_check(p && t && BN_set_word(t, 10) && BN_set_word(p, (BN_ULONG)k) && BN_exp(p, t, p, ctx) &&
		 BN_mul(r, r, p, ctx));
}

/* decimal.NewFromFloat: the shortest decimal that reads back as f. */
static int dec_from_float(struct tmpl_exec *x, double f, struct dec *d)
{
	if (isnan(f) || isinf(f)) {
		struct sb s = SB_INIT;
		val_fmt_v(x->a, &s, val_float(f));
		tmpl_fail(x, "Cannot create a Decimal from %s", s.buf);
		sb_release(&s);
		return -1;
	}
	d->e = 0;
	if (f == 0) {
		BN_zero(d->c);
		return 0;
	}
	char digits[800 + 2];
	int nd, dp;
	strconv_float_digits(f, 'e', -1, digits + 1, &nd, &dp);
	digits[0] = '-';
	digits[nd + 1] = '\0';
	BIGNUM *c = d->c;
	bn_check(BN_dec2bn(&c, signbit(f) ? digits : digits + 1) != 0);
	d->e = dp - nd;
	return 0;
}

/* Bring a and b to the smaller exponent (RescalePair). */
static void dec_align(struct dec *a, struct dec *b, BN_CTX *ctx)
{
	if (a->e > b->e) {
		bn_mul_pow10(a->c, a->e - b->e, ctx);
		a->e = b->e;
	} else if (b->e > a->e) {
		bn_mul_pow10(b->c, b->e - a->e, ctx);
		b->e = a->e;
	}
}

enum dec_op { DEC_ADD, DEC_SUB, DEC_MUL, DEC_DIV };

static int dec_apply(struct tmpl_exec *x, enum dec_op op, struct dec *a, struct dec *b, BN_CTX *ctx)
{
	switch (op) {
	case DEC_ADD:
		dec_align(a, b, ctx);
		bn_check(BN_add(a->c, a->c, b->c));
		return 0;
	case DEC_SUB:
		dec_align(a, b, ctx);
		bn_check(BN_sub(a->c, a->c, b->c));
		return 0;
	case DEC_MUL:
		bn_check(BN_mul(a->c, a->c, b->c, ctx));
		a->e += b->e;
		return 0;
	case DEC_DIV:
		break;
	}
	/* Div = DivRound(d2, 16) by way of QuoRem */
	if (BN_is_zero(b->c))
		return tmpl_fail(x, "decimal division by 0");
	BN_CTX_start(ctx);
	BIGNUM *aa = BN_CTX_get(ctx), *bb = BN_CTX_get(ctx), *q = BN_CTX_get(ctx), *r = BN_CTX_get(ctx);
	bn_check(aa && bb && q && r && BN_copy(aa, a->c) && BN_copy(bb, b->c));
	long e = (long)a->e - b->e + 16;
	if (e < 0)
		bn_mul_pow10(bb, (int)-e, ctx);
	else
		bn_mul_pow10(aa, (int)e, ctx);
	bn_check(BN_div(q, r, aa, bb, ctx));
	/* round away from zero when 2|r| >= |bb| */
	BN_set_negative(r, 0);
	bn_check(BN_lshift1(r, r));
	BN_set_negative(bb, 0);
	if (BN_cmp(r, bb) >= 0) {
		bool neg = BN_is_negative(a->c) != BN_is_negative(b->c);
		bn_check(neg ? BN_sub_word(q, 1) : BN_add_word(q, 1));
	}
	bn_check(BN_copy(a->c, q) != NULL);
	a->e = -16;
	BN_CTX_end(ctx);
	return 0;
}

/* big.Rat.Float64 of the decimal: the nearest float64 (glibc's strtod is
 * correctly rounded for any number of digits, like Rat). */
static double dec_float64(const struct dec *d)
{
	char *digits = BN_bn2dec(d->c);
	bn_check(digits != NULL);
	struct sb s = SB_INIT;
	sb_adds(&s, digits);
	sb_addf(&s, "e%d", d->e);
	double f = strtod(s.buf, NULL);
	sb_release(&s);
	OPENSSL_free(digits);
	return f;
}

/* execDecimalOp(a, b, op): fold op over the operands left to right. */
static int decimal_fold(struct tmpl_exec *x, enum dec_op op, val first, const val *rest, size_t n,
			val *out)
{
	BN_CTX *ctx = BN_CTX_new();
	struct dec acc = { BN_new(), 0 }, d = { BN_new(), 0 };
	bn_check(ctx && acc.c && d.c);
	int rc = dec_from_float(x, fn_cast_float64(first), &acc);
	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = dec_from_float(x, fn_cast_float64(rest[i]), &d);
		if (rc == 0)
			rc = dec_apply(x, op, &acc, &d, ctx);
	}
	if (rc == 0)
		*out = val_float(dec_float64(&acc));
	BN_free(acc.c);
	BN_free(d.c);
	BN_CTX_free(ctx);
	return rc;
}

static int fn_add1f(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	val one = val_typed(val_int(1), GT_INT);
	return decimal_fold(x, DEC_ADD, a[0], &one, 1, out);
}

static int fn_addf(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return decimal_fold(x, DEC_ADD, val_float(0), a, n, out);
}

static int fn_subf(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return decimal_fold(x, DEC_SUB, a[0], a + 1, n - 1, out);
}

static int fn_mulf(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return decimal_fold(x, DEC_MUL, a[0], a + 1, n - 1, out);
}

static int fn_divf(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return decimal_fold(x, DEC_DIV, a[0], a + 1, n - 1, out);
}

/* ---- sequences ---- */

/* untilStep(start, stop, step int) []int, with Go's wrapping int loop. */
static val until_step(struct tmpl_exec *x, int64_t start, int64_t stop, int64_t step)
{
	val l = val_typed(val_list_new(x->a, 0), FN_GT_INTS);
	if (stop < start) {
		if (step >= 0)
			return l;
		for (int64_t i = start; i > stop; i = wrap_add(i, step))
			val_list_push(x->a, l, val_typed(val_int(i), GT_INT));
		return l;
	}
	if (step <= 0)
		return l;
	for (int64_t i = start; i < stop; i = wrap_add(i, step))
		val_list_push(x->a, l, val_typed(val_int(i), GT_INT));
	return l;
}

static int fn_until(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	int64_t count = a[0].u.i;
	*out = until_step(x, 0, count, count < 0 ? -1 : 1);
	return 0;
}

static int fn_untilstep(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = until_step(x, a[0].u.i, a[1].u.i, a[2].u.i);
	return 0;
}

/* seq(params ...int) string: GNU seq's argument forms, numbers joined by
 * spaces (intArrayToString). */
static int fn_seq(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	int64_t start, end, step;
	switch (n) {
	case 1:
		start = 1;
		end = a[0].u.i;
		step = end < start ? -1 : 1;
		end = wrap_add(end, step);
		break;
	case 2:
		start = a[0].u.i;
		end = a[1].u.i;
		step = end < start ? -1 : 1;
		end = wrap_add(end, step);
		break;
	case 3: {
		start = a[0].u.i;
		step = a[1].u.i;
		end = a[2].u.i;
		int64_t inc = 1;
		if (end < start) {
			inc = -1;
			if (step > 0) {
				*out = val_str_ref("", 0);
				return 0;
			}
		}
		end = wrap_add(end, inc);
		break;
	}
	default:
		*out = val_str_ref("", 0);
		return 0;
	}
	val l = until_step(x, start, end, step);
	struct sb s = SB_INIT;
	for (size_t i = 0; i < val_list_len(l); i++) {
		if (i)
			sb_addc(&s, ' ');
		strconv_format_int(&s, val_list_at(l, i).u.i, 10);
	}
	*out = val_str(x->a, s.buf ? s.buf : "", s.len);
	sb_release(&s);
	return 0;
}

/* Sprig's map: functions.go's numeric entries, in its order. */
const struct tmpl_func fn_numeric_table[] = {
	{ "atoi", fn_atoi, 1, false, { TP_STRING } },
	{ "int64", fn_int64, 1, false, { TP_ANY } },
	{ "int", fn_int, 1, false, { TP_ANY } },
	{ "float64", fn_float64, 1, false, { TP_ANY } },
	{ "seq", fn_seq, 1, true, { TP_INT } },
	{ "toDecimal", fn_todecimal, 1, false, { TP_ANY } },
	{ "until", fn_until, 1, false, { TP_INT } },
	{ "untilStep", fn_untilstep, 3, false, { TP_INT, TP_INT, TP_INT } },
	{ "add1", fn_add1, 1, false, { TP_ANY } },
	{ "add", fn_add, 1, true, { TP_ANY } },
	{ "sub", fn_sub, 2, false, { TP_ANY, TP_ANY } },
	{ "div", fn_div, 2, false, { TP_ANY, TP_ANY } },
	{ "mod", fn_mod, 2, false, { TP_ANY, TP_ANY } },
	{ "mul", fn_mul, 2, true, { TP_ANY, TP_ANY } },
	{ "randInt", fn_randint, 2, false, { TP_INT, TP_INT } },
	{ "add1f", fn_add1f, 1, false, { TP_ANY } },
	{ "addf", fn_addf, 1, true, { TP_ANY } },
	{ "subf", fn_subf, 2, true, { TP_ANY, TP_ANY } },
	{ "divf", fn_divf, 2, true, { TP_ANY, TP_ANY } },
	{ "mulf", fn_mulf, 2, true, { TP_ANY, TP_ANY } },
	{ "biggest", fn_max, 2, true, { TP_ANY, TP_ANY } },
	{ "max", fn_max, 2, true, { TP_ANY, TP_ANY } },
	{ "min", fn_min, 2, true, { TP_ANY, TP_ANY } },
	{ "maxf", fn_maxf, 2, true, { TP_ANY, TP_ANY } },
	{ "minf", fn_minf, 2, true, { TP_ANY, TP_ANY } },
	{ "ceil", fn_ceil, 1, false, { TP_ANY } },
	{ "floor", fn_floor, 1, false, { TP_ANY } },
	{ "round", fn_round, 3, true, { TP_ANY, TP_INT, TP_FLOAT64 } },
};
const size_t fn_numeric_count = sizeof(fn_numeric_table) / sizeof(fn_numeric_table[0]);
