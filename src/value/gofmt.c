/* gofmt.c — Go's fmt printing of values: Sprintf, Sprint, Sprintln, %v and
 * %T, byte-identical to fmt/print.go + fmt/format.go for the Go types a
 * value stands for (see value.h's gotype).  Helm templates print through
 * these (printf, print, toString, {{ . }}), so every verb, flag, width,
 * precision, argument index and %!verb(...) error form follows Go exactly. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/quote.h"
#include "base/strconv.h"
#include "base/utf8.h"
#include "value/codec.h"

/* Go's limit on widths and precisions (fmt.tooLarge). */
#define FMT_MAX_NUM 1000000

/* The Go types fmt can see in a value (reflect kinds plus the exact type). */
enum gk {
	GK_NIL,
	GK_BOOL,
	GK_INT,     /* int */
	GK_INT64,   /* int64 */
	GK_UINT64,  /* uint64 */
	GK_FLOAT,   /* float64 */
	GK_STRING,
	GK_BYTES,   /* []byte */
	GK_LIST,    /* []interface {} */
	GK_STRINGS, /* []string */
	GK_MAP,     /* map[string]interface {} */
	GK_VALUES,  /* chartutil.Values */
	GK_OPAQUE,
};

/* The printer state: Go's pp plus its fmt (flags, width, precision). */
struct pp {
	struct arena *a;
	struct sb *buf;
	struct sb tmp;  /* scratch for numbers and quoted text */
	struct sb tmp2; /* second scratch for %#g digit restoring */
	int wid, prec;
	bool wid_present, prec_present;
	bool minus, plus, sharp, space, zero;
	bool plus_v, sharp_v;
	const struct val_fmt_host *host; /* the engine's Go types, or NULL */
};

static void print_arg(struct pp *p, val v, int32_t verb);
static void print_value(struct pp *p, val v, int32_t verb, int depth);

static enum gk go_kind(val v)
{
	switch (v.kind) {
	case VAL_NULL:
		return GK_NIL;
	case VAL_BOOL:
		return GK_BOOL;
	case VAL_INT:
		if (v.gotype == GT_INT)
			return GK_INT;
		if (v.gotype == GT_UINT64 || v.gotype == GT_UINT8)
			return GK_UINT64; /* printed alike; only %T tells them apart */
		return GK_INT64;
	case VAL_FLOAT:
		return GK_FLOAT;
	case VAL_STRING:
		return v.gotype == GT_BYTES ? GK_BYTES : GK_STRING;
	case VAL_LIST:
		return v.gotype == GT_STRINGS ? GK_STRINGS : GK_LIST;
	case VAL_MAP:
		return v.gotype == GT_VALUES ? GK_VALUES : GK_MAP;
	default:
		return GK_OPAQUE;
	}
}

const char *val_go_type_name(val v)
{
	if (v.kind == VAL_INT && v.gotype == GT_UINT8)
		return "uint8";
	switch (go_kind(v)) {
	case GK_NIL: return "<nil>";
	case GK_BOOL: return "bool";
	case GK_INT: return "int";
	case GK_INT64: return "int64";
	case GK_UINT64: return "uint64";
	case GK_FLOAT: return "float64";
	case GK_STRING: return "string";
	case GK_BYTES: return "[]uint8";
	case GK_LIST: return "[]interface {}";
	case GK_STRINGS: return "[]string";
	case GK_MAP: return "map[string]interface {}";
	case GK_VALUES: return "chartutil.Values";
	default: return "interface {}";
	}
}

/* A host value's fmt description (codec.h val_fmt_host). */
static bool host_desc(struct pp *p, val v, struct val_fmt_type *t)
{
	if (!p->host || v.gotype < GT_HOST_FIRST || v.kind == VAL_NULL)
		return false;
	memset(t, 0, sizeof(*t));
	return p->host->describe(p->host->ctx, v, t) && t->name;
}

static const char *type_name(struct pp *p, val v)
{
	struct val_fmt_type t;
	if (v.kind == VAL_INT && v.gotype == GT_UINT8)
		return "uint8";
	if (host_desc(p, v, &t))
		return t.name;
	return val_go_type_name(v);
}

static void clear_flags(struct pp *p)
{
	p->wid = p->prec = 0;
	p->wid_present = p->prec_present = false;
	p->minus = p->plus = p->sharp = p->space = p->zero = false;
	p->plus_v = p->sharp_v = false;
}

static void write_rune(struct sb *out, int32_t r)
{
	char b[4];
	sb_add(out, b, utf8_encode(r, b));
}

/* ---- fmt's raw formatter (format.go) ---- */

static void write_padding(struct pp *p, long n)
{
	if (n <= 0)
		return;
	/* zero padding is only ever to the left */
	sb_addrep(p->buf, p->zero && !p->minus ? '0' : ' ', (size_t)n);
}

/* Append s padded to the width, which counts runes. */
static void pad(struct pp *p, const char *s, size_t n)
{
	if (!p->wid_present || p->wid == 0) {
		sb_add(p->buf, s, n);
		return;
	}
	long width = (long)p->wid - (long)utf8_rune_count(s, n);
	if (!p->minus) {
		write_padding(p, width);
		sb_add(p->buf, s, n);
	} else {
		sb_add(p->buf, s, n);
		write_padding(p, width);
	}
}

static void pad_cstr(struct pp *p, const char *s)
{
	pad(p, s, strlen(s));
}

static void fmt_boolean(struct pp *p, bool v)
{
	pad_cstr(p, v ? "true" : "false");
}

/* %U: "U+0078", with # also " 'x'" when printable. */
static void fmt_unicode(struct pp *p, uint64_t u)
{
	int prec = 4;
	if (p->prec_present && p->prec > 4)
		prec = p->prec;
	struct sb *t = &p->tmp;
	size_t size = 2 + (size_t)prec + 16 + 7;
	sb_reset(t);
	sb_grow(t, size);
	char *buf = t->buf;
	size_t i = size;
	if (p->sharp && u <= 0x10FFFF && strconv_is_print((int32_t)u)) {
		char rb[4];
		size_t rl = utf8_encode((int32_t)u, rb);
		buf[--i] = '\'';
		i -= rl;
		memcpy(buf + i, rb, rl);
		buf[--i] = '\'';
		buf[--i] = ' ';
	}
	while (u >= 16) {
		buf[--i] = "0123456789ABCDEF"[u & 0xF];
		prec--;
		u >>= 4;
	}
	buf[--i] = "0123456789ABCDEF"[u];
	prec--;
	while (prec > 0) {
		buf[--i] = '0';
		prec--;
	}
	buf[--i] = '+';
	buf[--i] = 'U';
	bool old_zero = p->zero;
	p->zero = false;
	pad(p, buf + i, size - i);
	p->zero = old_zero;
}

/* Signed and unsigned integers in base 2, 8, 10 or 16. */
static void fmt_integer(struct pp *p, uint64_t u, int base, bool is_signed, int32_t verb,
			const char *digits)
{
	bool negative = is_signed && (int64_t)u < 0;
	if (negative)
		u = -u;
	size_t size = 68;
	if (p->wid_present || p->prec_present)
		size += 3 + (size_t)p->wid + (size_t)p->prec;
	int prec = 0;
	if (p->prec_present) {
		prec = p->prec;
		/* precision 0 and value 0 print nothing but the padding */
		if (prec == 0 && u == 0) {
			bool old_zero = p->zero;
			p->zero = false;
			write_padding(p, p->wid);
			p->zero = old_zero;
			return;
		}
	} else if (p->zero && !p->minus && p->wid_present) {
		prec = p->wid;
		if (negative || p->plus || p->space)
			prec--; /* room for the sign */
	}
	char local[96]; /* any int64 in any base with sign and prefix */
	char *buf = local;
	if (size > sizeof(local)) {
		sb_reset(&p->tmp);
		sb_grow(&p->tmp, size);
		buf = p->tmp.buf;
	} else {
		size = sizeof(local);
	}
	size_t i = size;
	switch (base) {
	case 10:
		while (u >= 10) {
			buf[--i] = (char)('0' + u % 10);
			u /= 10;
		}
		break;
	case 16:
		while (u >= 16) {
			buf[--i] = digits[u & 0xF];
			u >>= 4;
		}
		break;
	case 8:
		while (u >= 8) {
			buf[--i] = (char)('0' + (u & 7));
			u >>= 3;
		}
		break;
	default:
		while (u >= 2) {
			buf[--i] = (char)('0' + (u & 1));
			u >>= 1;
		}
		break;
	}
	buf[--i] = digits[u];
	while (i > 0 && prec > (long)(size - i))
		buf[--i] = '0';
	if (p->sharp) {
		switch (base) {
		case 2:
			buf[--i] = 'b';
			buf[--i] = '0';
			break;
		case 8:
			if (buf[i] != '0')
				buf[--i] = '0';
			break;
		case 16:
			buf[--i] = digits[16];
			buf[--i] = '0';
			break;
		}
	}
	if (verb == 'O') {
		buf[--i] = 'o';
		buf[--i] = '0';
	}
	if (negative)
		buf[--i] = '-';
	else if (p->plus)
		buf[--i] = '+';
	else if (p->space)
		buf[--i] = ' ';
	bool old_zero = p->zero;
	p->zero = false;
	pad(p, buf + i, size - i);
	p->zero = old_zero;
}

/* The length of s cut to the precision in runes (truncateString). */
static size_t truncate_len(struct pp *p, const char *s, size_t n)
{
	if (!p->prec_present)
		return n;
	long left = p->prec;
	size_t i = 0;
	while (i < n) {
		if (--left < 0)
			return i;
		size_t w = 1;
		if ((unsigned char)s[i] >= 0x80)
			utf8_decode(s + i, n - i, &w);
		i += w;
	}
	return n;
}

static void fmt_s(struct pp *p, const char *s, size_t n)
{
	pad(p, s, truncate_len(p, s, n));
}

/* %x of a string or byte slice: two digits a byte, "% x" spaced, "%#x" 0x. */
static void fmt_sbx(struct pp *p, const char *s, size_t n, const char *digits)
{
	size_t length = n;
	if (p->prec_present && (size_t)p->prec < length)
		length = (size_t)p->prec;
	size_t width = 2 * length;
	if (width > 0) {
		if (p->space) {
			if (p->sharp)
				width *= 2;
			width += length - 1;
		} else if (p->sharp) {
			width += 2;
		}
	} else {
		if (p->wid_present)
			write_padding(p, p->wid);
		return;
	}
	if (p->wid_present && (size_t)p->wid > width && !p->minus)
		write_padding(p, (long)((size_t)p->wid - width));
	struct sb *b = p->buf;
	sb_grow(b, width);
	if (p->sharp) {
		sb_addc(b, '0');
		sb_addc(b, digits[16]);
	}
	for (size_t i = 0; i < length; i++) {
		if (p->space && i > 0) {
			sb_addc(b, ' ');
			if (p->sharp) {
				sb_addc(b, '0');
				sb_addc(b, digits[16]);
			}
		}
		unsigned char c = (unsigned char)s[i];
		sb_addc(b, digits[c >> 4]);
		sb_addc(b, digits[c & 0xF]);
	}
	if (p->wid_present && (size_t)p->wid > width && p->minus)
		write_padding(p, (long)((size_t)p->wid - width));
}

/* %q of a string: strconv.Quote, %+q ASCII only, %#q backquoted if it can. */
static void fmt_q(struct pp *p, const char *s, size_t n)
{
	n = truncate_len(p, s, n);
	struct sb *t = &p->tmp;
	if (!p->wid_present || p->wid == 0)
		t = p->buf; /* nothing to pad: quote straight into the output */
	else
		sb_reset(t);
	if (p->sharp && strconv_can_backquote(s, n)) {
		sb_addc(t, '`');
		sb_add(t, s, n);
		sb_addc(t, '`');
	} else if (p->plus) {
		strconv_append_quote_ascii(t, s, n);
	} else {
		strconv_append_quote(t, s, n);
	}
	if (t != p->buf)
		pad(p, t->buf, t->len);
}

static int32_t rune_of(uint64_t c)
{
	return c > 0x10FFFF ? UTF8_RUNE_ERROR : (int32_t)c;
}

static void fmt_c(struct pp *p, uint64_t c)
{
	char b[4];
	pad(p, b, utf8_encode(rune_of(c), b));
}

static void fmt_qc(struct pp *p, uint64_t c)
{
	struct sb *t = &p->tmp;
	sb_reset(t);
	if (p->plus)
		strconv_append_quote_rune_ascii(t, rune_of(c));
	else
		strconv_append_quote_rune(t, rune_of(c));
	pad(p, t->buf, t->len);
}

/* Floats: strconv.AppendFloat plus sign, # and zero-padding rules. */
static void fmt_float_raw(struct pp *p, double v, int32_t verb, int prec)
{
	if (p->prec_present)
		prec = p->prec;
	/* without sign flags, # or a width Go's result is strconv's text as is */
	if (!p->plus && !p->space && !p->sharp && !p->wid_present) {
		strconv_format_float(p->buf, v, (char)verb, prec);
		return;
	}
	struct sb *t = &p->tmp;
	sb_reset(t);
	sb_addc(t, '+'); /* room for a sign */
	strconv_format_float(t, v, (char)verb, prec);
	char *num = t->buf;
	size_t len = t->len;
	if (num[1] == '-' || num[1] == '+') {
		num++;
		len--;
	} else {
		num[0] = '+';
	}
	/* a space instead of "+" unless the sign is asked for */
	if (p->space && num[0] == '+' && !p->plus)
		num[0] = ' ';
	/* infinities and NaN are never zero-padded */
	if (num[1] == 'I' || num[1] == 'N') {
		bool old_zero = p->zero;
		p->zero = false;
		if (num[1] == 'N' && !p->space && !p->plus) {
			num++;
			len--;
		}
		pad(p, num, len);
		p->zero = old_zero;
		return;
	}
	/* # forces a decimal point and keeps trailing zeros */
	if (p->sharp && verb != 'b') {
		int digits = 0;
		if (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'x') {
			digits = prec;
			if (digits == -1)
				digits = 6;
		}
		const char *tail = "";
		size_t tail_len = 0;
		bool has_point = false, nonzero = false;
		for (size_t i = 1; i < len; i++) {
			char c = num[i];
			if (c == '.') {
				has_point = true;
				continue;
			}
			if (c == 'p' || c == 'P' ||
			    ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X')) {
				tail = num + i;
				tail_len = len - i;
				len = i;
				break;
			}
			if (c != '0')
				nonzero = true;
			if (nonzero)
				digits--;
		}
		struct sb *u = &p->tmp2;
		sb_reset(u);
		sb_add(u, num, len);
		if (!has_point) {
			/* a lone leading 0 counts as one digit */
			if (len == 2 && num[1] == '0')
				digits--;
			sb_addc(u, '.');
		}
		if (digits > 0)
			sb_addrep(u, '0', (size_t)digits);
		sb_add(u, tail, tail_len);
		num = u->buf;
		len = u->len;
	}
	if (p->plus || num[0] != '+') {
		/* zero padding goes between the sign and the digits */
		if (p->zero && !p->minus && p->wid_present && (size_t)p->wid > len) {
			sb_addc(p->buf, num[0]);
			write_padding(p, (long)((size_t)p->wid - len));
			sb_add(p->buf, num + 1, len - 1);
			return;
		}
		pad(p, num, len);
		return;
	}
	pad(p, num + 1, len - 1);
}

/* ---- the printer (print.go) ---- */

static void bad_verb(struct pp *p, val v, bool is_u8, int32_t verb)
{
	sb_add(p->buf, "%!", 2);
	write_rune(p->buf, verb);
	sb_addc(p->buf, '(');
	if (is_u8) {
		sb_adds(p->buf, "uint8=");
		fmt_integer(p, (uint64_t)v.u.i, 10, false, 'v', "0123456789abcdefx");
	} else if (v.kind == VAL_NULL) {
		sb_adds(p->buf, "<nil>");
	} else {
		sb_adds(p->buf, type_name(p, v));
		sb_addc(p->buf, '=');
		print_arg(p, v, 'v');
	}
	sb_addc(p->buf, ')');
}

static const char ldigits[] = "0123456789abcdefx";
static const char udigits[] = "0123456789ABCDEFX";

static void print_integer(struct pp *p, val v, bool is_signed, bool is_u8, int32_t verb)
{
	uint64_t u = (uint64_t)v.u.i;
	switch (verb) {
	case 'v':
		if (p->sharp_v && !is_signed) {
			bool sharp = p->sharp;
			p->sharp = true;
			fmt_integer(p, u, 16, false, 'v', ldigits);
			p->sharp = sharp;
		} else {
			fmt_integer(p, u, 10, is_signed, verb, ldigits);
		}
		break;
	case 'd':
		fmt_integer(p, u, 10, is_signed, verb, ldigits);
		break;
	case 'b':
		fmt_integer(p, u, 2, is_signed, verb, ldigits);
		break;
	case 'o':
	case 'O':
		fmt_integer(p, u, 8, is_signed, verb, ldigits);
		break;
	case 'x':
		fmt_integer(p, u, 16, is_signed, verb, ldigits);
		break;
	case 'X':
		fmt_integer(p, u, 16, is_signed, verb, udigits);
		break;
	case 'c':
		fmt_c(p, u);
		break;
	case 'q':
		fmt_qc(p, u);
		break;
	case 'U':
		fmt_unicode(p, u);
		break;
	default:
		bad_verb(p, v, is_u8, verb);
	}
}

static void print_float(struct pp *p, val v, int32_t verb)
{
	switch (verb) {
	case 'v':
		fmt_float_raw(p, v.u.f, 'g', -1);
		break;
	case 'b':
	case 'g':
	case 'G':
	case 'x':
	case 'X':
		fmt_float_raw(p, v.u.f, verb, -1);
		break;
	case 'f':
	case 'e':
	case 'E':
		fmt_float_raw(p, v.u.f, verb, 6);
		break;
	case 'F':
		fmt_float_raw(p, v.u.f, 'f', 6);
		break;
	default:
		bad_verb(p, v, false, verb);
	}
}

static void print_string(struct pp *p, val v, const char *s, size_t n, int32_t verb)
{
	switch (verb) {
	case 'v':
		if (p->sharp_v)
			fmt_q(p, s, n);
		else
			fmt_s(p, s, n);
		break;
	case 's':
		fmt_s(p, s, n);
		break;
	case 'x':
		fmt_sbx(p, s, n, ldigits);
		break;
	case 'X':
		fmt_sbx(p, s, n, udigits);
		break;
	case 'q':
		fmt_q(p, s, n);
		break;
	default:
		bad_verb(p, v, false, verb);
	}
}

/* A byte slice: fmtBytes at the top level (type "[]byte" for %#v), the
 * slice case of printValue when nested (type "[]uint8"). */
static void print_bytes(struct pp *p, val v, int32_t verb, const char *type)
{
	const unsigned char *s = (const unsigned char *)v.u.s;
	size_t n = v.len;
	switch (verb) {
	case 's':
		fmt_s(p, v.u.s, n);
		return;
	case 'x':
		fmt_sbx(p, v.u.s, n, ldigits);
		return;
	case 'X':
		fmt_sbx(p, v.u.s, n, udigits);
		return;
	case 'q':
		fmt_q(p, v.u.s, n);
		return;
	}
	if (p->sharp_v) {
		sb_adds(p->buf, type);
		sb_addc(p->buf, '{');
		for (size_t i = 0; i < n; i++) {
			if (i > 0)
				sb_add(p->buf, ", ", 2);
			bool sharp = p->sharp;
			p->sharp = true;
			fmt_integer(p, s[i], 16, false, 'v', ldigits);
			p->sharp = sharp;
		}
		sb_addc(p->buf, '}');
		return;
	}
	sb_addc(p->buf, '[');
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			sb_addc(p->buf, ' ');
		print_integer(p, val_int(s[i]), false, true, verb);
	}
	sb_addc(p->buf, ']');
}

/* An element of []interface {} or a map[string]interface {} value: an
 * interface, so nil prints as <nil> whatever the verb. */
static void print_iface(struct pp *p, val v, int32_t verb, int depth)
{
	if (v.kind == VAL_NULL) {
		sb_adds(p->buf, p->sharp_v ? "interface {}(nil)" : "<nil>");
		return;
	}
	print_value(p, v, verb, depth + 1);
}

static void print_map(struct pp *p, val v, int32_t verb, int depth)
{
	if (p->sharp_v) {
		sb_adds(p->buf, type_name(p, v));
		if (v.flags & VAL_F_GO_NIL) {
			sb_adds(p->buf, "(nil)");
			return;
		}
		sb_addc(p->buf, '{');
	} else {
		sb_add(p->buf, "map[", 4);
	}
	size_t n = val_map_len(v);
	const uint32_t *order = n ? val_map_order(p->a, v) : NULL;
	for (size_t i = 0; i < n; i++) {
		if (i > 0) {
			if (p->sharp_v)
				sb_add(p->buf, ", ", 2);
			else
				sb_addc(p->buf, ' ');
		}
		const struct val_map_entry *e = val_map_entry_at(v, order[i]);
		print_string(p, val_str_ref(e->key, e->klen), e->key, e->klen, verb);
		sb_addc(p->buf, ':');
		print_iface(p, e->v, verb, depth + 1);
	}
	sb_addc(p->buf, p->sharp_v ? '}' : ']');
}

static void print_list(struct pp *p, val v, int32_t verb, int depth)
{
	bool strings = v.gotype == GT_STRINGS;
	size_t n = val_list_len(v);
	if (p->sharp_v) {
		sb_adds(p->buf, type_name(p, v));
		if (v.flags & VAL_F_GO_NIL) {
			sb_adds(p->buf, "(nil)");
			return;
		}
		sb_addc(p->buf, '{');
	} else {
		sb_addc(p->buf, '[');
	}
	for (size_t i = 0; i < n; i++) {
		if (i > 0) {
			if (p->sharp_v)
				sb_add(p->buf, ", ", 2);
			else
				sb_addc(p->buf, ' ');
		}
		val e = val_list_at(v, i);
		if (strings && e.kind == VAL_STRING)
			print_string(p, e, e.u.s, e.len, verb);
		else
			print_iface(p, e, verb, depth);
	}
	sb_addc(p->buf, p->sharp_v ? '}' : ']');
}

static void print_opaque(struct pp *p)
{
	sb_adds(p->buf, "?opaque?");
}

/* handleMethods: a Stringer prints its String() for %v %s %x %X %q (not
 * for %#v, which would want GoString). */
static bool handle_methods(struct pp *p, val v, int32_t verb, const struct val_fmt_type *t)
{
	if (!t->stringer || p->sharp_v || !p->host->string)
		return false;
	if (verb != 'v' && verb != 's' && verb != 'x' && verb != 'X' && verb != 'q')
		return false;
	struct sb s = SB_INIT;
	p->host->string(p->host->ctx, v, &s);
	print_string(p, val_str_ref(s.buf, s.len), s.buf ? s.buf : "", s.len, verb);
	sb_release(&s);
	return true;
}

static void print_fields(struct pp *p, val v, int32_t verb, int depth, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		if (i > from)
			sb_adds(p->buf, p->sharp_v ? ", " : " ");
		const struct val_map_entry *e = val_map_entry_at(v, i);
		if (p->plus_v || p->sharp_v) {
			sb_add(p->buf, e->key, e->klen);
			sb_addc(p->buf, ':');
		}
		if (e->v.kind == VAL_NULL)
			print_iface(p, e->v, verb, depth);
		else
			print_value(p, e->v, verb, depth + 1);
	}
}

/* printValue's struct case ({f1 f2}, %+v {Name:f1}, %#v T{Name:f1}) and
 * its pointer case: &{...} on top, the address inside a container (which
 * cannot match Go's heap addresses). */
static void print_struct(struct pp *p, val v, int32_t verb, int depth, const struct val_fmt_type *t)
{
	const char *name = t->name;
	if (t->is_ptr) {
		if (depth > 0) {
			if (p->sharp_v) {
				sb_addc(p->buf, '(');
				sb_adds(p->buf, name);
				sb_adds(p->buf, ")(");
			}
			bool sharp = p->sharp;
			p->sharp = !sharp;
			fmt_integer(p, (uint64_t)(uintptr_t)v.u.m, 16, false, 'v', "0123456789abcdefx");
			p->sharp = sharp;
			if (p->sharp_v)
				sb_addc(p->buf, ')');
			return;
		}
		sb_addc(p->buf, '&');
		depth++;
		if (name[0] == '*')
			name++;
	}
	if (p->sharp_v)
		sb_adds(p->buf, name);
	sb_addc(p->buf, '{');
	size_t n = val_map_len(v);
	size_t embed = t->embed <= n ? t->embed : n;
	if (t->embed) {
		if (p->plus_v || p->sharp_v) {
			sb_adds(p->buf, t->embed_name ? t->embed_name : "");
			sb_addc(p->buf, ':');
		}
		if (p->sharp_v && t->embed_type)
			sb_adds(p->buf, t->embed_type);
		sb_addc(p->buf, '{');
		print_fields(p, v, verb, depth + 1, 0, embed);
		sb_addc(p->buf, '}');
		if (embed < n)
			sb_adds(p->buf, p->sharp_v ? ", " : " ");
	}
	print_fields(p, v, verb, depth, embed, n);
	sb_addc(p->buf, '}');
}

/* printValue: a value reached through a container (depth > 0) or a
 * composite at the top level. */
static void print_value(struct pp *p, val v, int32_t verb, int depth)
{
	if (depth > 0 && verb == 'w') { /* handleMethods: %w needs an error */
		bad_verb(p, v, false, verb);
		return;
	}
	struct val_fmt_type t;
	if (host_desc(p, v, &t)) {
		if (depth > 0 && handle_methods(p, v, verb, &t))
			return;
		if (t.is_struct && v.kind == VAL_MAP) {
			print_struct(p, v, verb, depth, &t);
			return;
		}
	}
	switch (go_kind(v)) {
	case GK_NIL:
		if (verb == 'v')
			sb_adds(p->buf, "<nil>");
		else
			bad_verb(p, v, false, verb);
		return;
	case GK_BOOL:
		if (verb == 't' || verb == 'v')
			fmt_boolean(p, v.u.b);
		else
			bad_verb(p, v, false, verb);
		return;
	case GK_INT:
	case GK_INT64:
		print_integer(p, v, true, false, verb);
		return;
	case GK_UINT64:
		print_integer(p, v, false, false, verb);
		return;
	case GK_FLOAT:
		print_float(p, v, verb);
		return;
	case GK_STRING:
		print_string(p, v, v.u.s, v.len, verb);
		return;
	case GK_BYTES:
		print_bytes(p, v, verb, "[]uint8");
		return;
	case GK_LIST:
	case GK_STRINGS:
		print_list(p, v, verb, depth);
		return;
	case GK_MAP:
	case GK_VALUES:
		print_map(p, v, verb, depth);
		return;
	default:
		print_opaque(p);
		return;
	}
}

static void fmt_pointer(struct pp *p, val v, int32_t verb)
{
	uint64_t u;
	switch (go_kind(v)) {
	case GK_BYTES:
		u = (uint64_t)(uintptr_t)v.u.s;
		break;
	case GK_LIST:
	case GK_STRINGS:
		u = (uint64_t)(uintptr_t)v.u.l;
		break;
	case GK_MAP:
	case GK_VALUES:
		u = (uint64_t)(uintptr_t)v.u.m;
		break;
	default:
		bad_verb(p, v, false, verb);
		return;
	}
	bool sharp = p->sharp;
	p->sharp = !sharp;
	fmt_integer(p, u, 16, false, 'v', ldigits);
	p->sharp = sharp;
}

/* printArg: one operand at the top level. */
static void print_arg(struct pp *p, val v, int32_t verb)
{
	enum gk k = go_kind(v);
	if (k == GK_NIL) {
		if (verb == 'T' || verb == 'v')
			pad_cstr(p, "<nil>");
		else
			bad_verb(p, v, false, verb);
		return;
	}
	if (verb == 'T') {
		const char *t = type_name(p, v);
		fmt_s(p, t, strlen(t));
		return;
	}
	if (verb == 'p') {
		fmt_pointer(p, v, 'p');
		return;
	}
	struct val_fmt_type ht;
	if (host_desc(p, v, &ht)) {
		/* not one of fmt's basic types: methods first, then printValue */
		if (verb == 'w' || !handle_methods(p, v, verb, &ht))
			print_value(p, v, verb, 0);
		return;
	}
	switch (k) {
	case GK_BYTES:
		print_bytes(p, v, verb, "[]byte");
		return;
	case GK_LIST:
	case GK_STRINGS:
	case GK_MAP:
	case GK_VALUES:
		if (verb == 'w') { /* handleMethods: not an error */
			bad_verb(p, v, false, verb);
			return;
		}
		print_value(p, v, verb, 0);
		return;
	default:
		print_value(p, v, verb, 0);
		return;
	}
}

/* fmt.parsenum: digits at s[*i..end); on overflow the rest of the format is
 * consumed, as Go does. */
static int parse_num(const char *s, size_t *i, size_t end, bool *isnum)
{
	int num = 0;
	*isnum = false;
	size_t k = *i;
	for (; k < end && s[k] >= '0' && s[k] <= '9'; k++) {
		if (num > FMT_MAX_NUM || num < -FMT_MAX_NUM) {
			*isnum = false;
			*i = end;
			return 0;
		}
		num = num * 10 + (s[k] - '0');
		*isnum = true;
	}
	*i = k;
	return num;
}

/* fmt.intFromArg: a * width or precision. */
static int int_from_arg(const val *args, size_t nargs, size_t *argnum, bool *is_int)
{
	*is_int = false;
	if (*argnum >= nargs)
		return 0;
	val v = args[*argnum];
	int64_t n = 0;
	if (v.kind == VAL_INT) {
		n = v.u.i;
		*is_int = v.gotype != GT_UINT64 || n >= 0;
		if (!*is_int)
			n = 0;
	}
	(*argnum)++;
	if (n > FMT_MAX_NUM || n < -FMT_MAX_NUM) {
		n = 0;
		*is_int = false;
	}
	return (int)n;
}

struct fstate {
	const char *f;
	size_t end;
	size_t nargs;
	bool reordered;
	bool good_argnum;
};

/* fmt.argNumber: an explicit [n] index at f[*i]. */
static size_t arg_number(struct fstate *st, size_t argnum, size_t *i, bool *found)
{
	*found = false;
	if (*i >= st->end || st->f[*i] != '[')
		return argnum;
	st->reordered = true;
	const char *s = st->f + *i;
	size_t n = st->end - *i;
	/* parseArgNumber */
	size_t wid = 1;
	bool ok = false;
	int index = 0;
	if (n >= 3) {
		for (size_t k = 1; k < n; k++) {
			if (s[k] == ']') {
				size_t j = 1;
				bool isnum;
				int w = parse_num(s, &j, k, &isnum);
				wid = k + 1;
				if (isnum && j == k) {
					index = w - 1;
					ok = true;
				}
				break;
			}
		}
	}
	*i += wid;
	if (ok && index >= 0 && (size_t)index < st->nargs) {
		*found = true;
		return (size_t)index;
	}
	st->good_argnum = false;
	*found = ok;
	return argnum;
}

static void pp_init(struct pp *p, struct arena *a, struct sb *out)
{
	p->a = a;
	p->buf = out;
	p->host = NULL;
	sb_init(&p->tmp);
	sb_init(&p->tmp2);
	clear_flags(p);
}

static void pp_done(struct pp *p)
{
	sb_release(&p->tmp);
	sb_release(&p->tmp2);
}

void val_sprintf(struct arena *a, struct sb *out, const char *format, size_t flen,
		 const val *args, size_t nargs)
{
	val_sprintf_h(NULL, a, out, format, flen, args, nargs);
}

void val_sprintf_h(const struct val_fmt_host *h, struct arena *a, struct sb *out, const char *format,
		   size_t flen, const val *args, size_t nargs)
{
	struct pp pp;
	struct pp *p = &pp;
	pp_init(p, a, out);
	p->host = h;
	struct fstate st = { format, flen, nargs, false, true };
	const char *f = format;
	size_t end = flen;
	size_t argnum = 0;
	bool after_index = false;
	size_t i = 0;
	while (i < end) {
		st.good_argnum = true;
		size_t lasti = i;
		const char *pct = memchr(f + i, '%', end - i);
		i = pct ? (size_t)(pct - f) : end;
		if (i > lasti)
			sb_add(out, f + lasti, i - lasti);
		if (i >= end)
			break;
		i++;
		clear_flags(p);
		for (; i < end; i++) {
			char c = f[i];
			if (c == '#')
				p->sharp = true;
			else if (c == '0')
				p->zero = true;
			else if (c == '+')
				p->plus = true;
			else if (c == '-')
				p->minus = true;
			else if (c == ' ')
				p->space = true;
			else
				break;
		}
		argnum = arg_number(&st, argnum, &i, &after_index);
		if (i < end && f[i] == '*') {
			i++;
			p->wid = int_from_arg(args, nargs, &argnum, &p->wid_present);
			if (!p->wid_present)
				sb_adds(out, "%!(BADWIDTH)");
			if (p->wid < 0) {
				p->wid = -p->wid;
				p->minus = true;
				p->zero = false;
			}
			after_index = false;
		} else {
			p->wid = parse_num(f, &i, end, &p->wid_present);
			if (after_index && p->wid_present)
				st.good_argnum = false;
		}
		if (i + 1 < end && f[i] == '.') {
			i++;
			if (after_index)
				st.good_argnum = false;
			argnum = arg_number(&st, argnum, &i, &after_index);
			if (i < end && f[i] == '*') {
				i++;
				p->prec = int_from_arg(args, nargs, &argnum, &p->prec_present);
				if (p->prec < 0) {
					p->prec = 0;
					p->prec_present = false;
				}
				if (!p->prec_present)
					sb_adds(out, "%!(BADPREC)");
				after_index = false;
			} else {
				p->prec = parse_num(f, &i, end, &p->prec_present);
				if (!p->prec_present) {
					p->prec = 0;
					p->prec_present = true;
				}
			}
		}
		if (!after_index)
			argnum = arg_number(&st, argnum, &i, &after_index);
		if (i >= end) {
			sb_adds(out, "%!(NOVERB)");
			break;
		}
		size_t w = 1;
		int32_t verb = (unsigned char)f[i];
		if (verb >= 0x80)
			verb = utf8_decode(f + i, end - i, &w);
		i += w;
		if (verb == '%') {
			sb_addc(out, '%');
		} else if (!st.good_argnum) {
			sb_add(out, "%!", 2);
			write_rune(out, verb);
			sb_adds(out, "(BADINDEX)");
		} else if (argnum >= nargs) {
			sb_add(out, "%!", 2);
			write_rune(out, verb);
			sb_adds(out, "(MISSING)");
		} else {
			if (verb == 'v' || verb == 'w') {
				p->sharp_v = p->sharp;
				p->sharp = false;
				p->plus_v = p->plus;
				p->plus = false;
			}
			print_arg(p, args[argnum], verb);
			argnum++;
		}
	}
	if (!st.reordered && argnum < nargs) {
		clear_flags(p);
		sb_adds(out, "%!(EXTRA ");
		for (size_t k = argnum; k < nargs; k++) {
			if (k > argnum)
				sb_add(out, ", ", 2);
			if (args[k].kind == VAL_NULL) {
				sb_adds(out, "<nil>");
			} else {
				sb_adds(out, type_name(p, args[k]));
				sb_addc(out, '=');
				print_arg(p, args[k], 'v');
			}
		}
		sb_addc(out, ')');
	}
	pp_done(p);
}

void val_fmt_v(struct arena *a, struct sb *out, val v)
{
	/* fast paths for the common scalars, same bytes as the general path */
	switch (v.kind) {
	case VAL_STRING:
		if (v.gotype != GT_BYTES) {
			sb_add(out, v.u.s, v.len);
			return;
		}
		break;
	case VAL_INT:
		if (v.gotype == GT_UINT64)
			strconv_format_uint(out, (uint64_t)v.u.i, 10);
		else
			strconv_format_int(out, v.u.i, 10);
		return;
	case VAL_BOOL:
		sb_adds(out, v.u.b ? "true" : "false");
		return;
	case VAL_FLOAT:
		strconv_format_float(out, v.u.f, 'g', -1);
		return;
	case VAL_NULL:
		sb_adds(out, "<nil>");
		return;
	}
	struct pp pp;
	pp_init(&pp, a, out);
	print_arg(&pp, v, 'v');
	pp_done(&pp);
}

void val_sprint(struct arena *a, struct sb *out, const val *args, size_t n)
{
	val_sprint_h(NULL, a, out, args, n);
}

void val_sprint_h(const struct val_fmt_host *h, struct arena *a, struct sb *out, const val *args, size_t n)
{
	struct pp pp;
	pp_init(&pp, a, out);
	pp.host = h;
	bool prev_string = false;
	for (size_t i = 0; i < n; i++) {
		struct val_fmt_type t;
		/* reflect's Kind: a host value (*time.Location...) is no string */
		bool is_string = args[i].kind == VAL_STRING && args[i].gotype != GT_BYTES &&
				 !host_desc(&pp, args[i], &t);
		/* a space between operands when neither is a string */
		if (i > 0 && !is_string && !prev_string)
			sb_addc(out, ' ');
		print_arg(&pp, args[i], 'v');
		prev_string = is_string;
	}
	pp_done(&pp);
}

void val_sprintln(struct arena *a, struct sb *out, const val *args, size_t n)
{
	val_sprintln_h(NULL, a, out, args, n);
}

void val_sprintln_h(const struct val_fmt_host *h, struct arena *a, struct sb *out, const val *args, size_t n)
{
	struct pp pp;
	pp_init(&pp, a, out);
	pp.host = h;
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			sb_addc(out, ' ');
		print_arg(&pp, args[i], 'v');
	}
	sb_addc(out, '\n');
	pp_done(&pp);
}
