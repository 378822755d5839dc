/* opt.c — the flag parser and flag listing, following spf13/pflag v1.0.10
 * (flag.go parseArgs/parseLongArg/parseSingleShortArg, errors.go,
 * FlagUsagesWrapped), encoding/csv for StringSlice values and Go's
 * time.ParseDuration / Duration.String for Duration values. */
#include "cli/opt.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "cli/quote.h"

size_t opt_count(const struct option *opts)
{
	size_t n = 0;
	while (opts && opts[n].type != OPT_T_END)
		n++;
	return n;
}

const struct option *opt_find_long(const struct opt_set *sets, size_t nsets,
				   const char *name, size_t n, size_t *set_index)
{
	for (size_t s = 0; s < nsets; s++) {
		for (const struct option *o = sets[s].opts; o && o->type != OPT_T_END; o++) {
			if (strlen(o->long_name) == n && !memcmp(o->long_name, name, n)) {
				if (set_index)
					*set_index = s;
				return o;
			}
		}
	}
	return NULL;
}

const struct option *opt_find_short(const struct opt_set *sets, size_t nsets,
				    char c, size_t *set_index)
{
	for (size_t s = 0; s < nsets; s++) {
		for (const struct option *o = sets[s].opts; o && o->type != OPT_T_END; o++) {
			if (o->short_name && o->short_name == c) {
				if (set_index)
					*set_index = s;
				return o;
			}
		}
	}
	return NULL;
}

void opt_list_add(struct arena *a, struct opt_list *l, const char *s)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 4;
		const char **v = arena_alloc(a, cap * sizeof(*v));
		if (l->n)
			memcpy(v, l->v, l->n * sizeof(*v));
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = s;
}

int opt_parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "1", "t", "T", "TRUE", "true", "True" };
	static const char *const no[] = { "0", "f", "F", "FALSE", "false", "False" };
	for (size_t i = 0; i < 6; i++) {
		if (!strcmp(s, yes[i])) {
			*out = true;
			return 0;
		}
		if (!strcmp(s, no[i])) {
			*out = false;
			return 0;
		}
	}
	return -1;
}

/* ---- encoding/csv, one record, pflag's reader settings ---------------- */

struct csv_in {
	const char *s, *end; /* unread input */
	struct sb line;      /* current line, \r\n normalised to \n */
	int num_line;        /* lines read so far (Reader.numLine) */
};

/* Reader.readLine: false at end of input (nothing read). */
static bool csv_read_line(struct csv_in *in)
{
	sb_reset(&in->line);
	in->num_line++;
	if (in->s == in->end)
		return false;
	const char *nl = memchr(in->s, '\n', (size_t)(in->end - in->s));
	const char *stop = nl ? nl + 1 : in->end;
	sb_add(&in->line, in->s, (size_t)(stop - in->s));
	in->s = stop;
	size_t n = in->line.len;
	if (!nl && in->line.buf[n - 1] == '\r') /* dropped before EOF, for compatibility */
		sb_setlen(&in->line, n - 1);
	else if (n >= 2 && in->line.buf[n - 2] == '\r' && in->line.buf[n - 1] == '\n') {
		in->line.buf[n - 2] = '\n';
		sb_setlen(&in->line, n - 1);
	}
	return true;
}

static size_t len_nl(const char *p, size_t n)
{
	return n && p[n - 1] == '\n';
}

static void csv_error(struct sb *err, int start, int line, int col, const char *what)
{
	if (start != line)
		sb_addf(err, "record on line %d; parse error on line %d, column %d: %s",
			start, line, col, what);
	else
		sb_addf(err, "parse error on line %d, column %d: %s", line, col, what);
}

static const char err_bare_quote[] = "bare \" in non-quoted-field";
static const char err_quote[] = "extraneous or missing \" in quoted-field";

static int csv_record(struct csv_in *in, struct arena *a, struct opt_list *out, struct sb *err)
{
	bool more;
	for (;;) { /* skip empty lines */
		more = csv_read_line(in);
		if (more && in->line.len == len_nl(in->line.buf, in->line.len))
			continue;
		break;
	}
	if (!more) {
		sb_adds(err, "EOF");
		return -1;
	}
	struct sb field = SB_INIT;
	const char *p = in->line.buf;
	size_t n = in->line.len;
	int rec_line = in->num_line, pos_line = in->num_line, col = 1;
	int rc = 0;
	for (;;) {
		if (n == 0 || p[0] != '"') {
			const char *comma = memchr(p, ',', n);
			size_t flen = comma ? (size_t)(comma - p) : n - len_nl(p, n);
			const char *q = memchr(p, '"', flen);
			if (q) {
				csv_error(err, rec_line, in->num_line, col + (int)(q - p), err_bare_quote);
				rc = -1;
				break;
			}
			opt_list_add(a, out, arena_memdup(a, p, flen));
			if (!comma)
				break;
			col += (int)flen + 1;
			n -= flen + 1;
			p = comma + 1;
			continue;
		}
		/* quoted field */
		sb_reset(&field);
		p++, n--, col++;
		bool next_field = false;
		for (;;) {
			const char *q = memchr(p, '"', n);
			if (q) {
				size_t i = (size_t)(q - p);
				sb_add(&field, p, i);
				p = q + 1;
				n -= i + 1;
				col += (int)i + 1;
				if (n && p[0] == '"') { /* "" is a quote */
					sb_addc(&field, '"');
					p++, n--, col++;
				} else if (n && p[0] == ',') {
					p++, n--, col++;
					next_field = true;
					break;
				} else if (len_nl(p, n) == n) {
					break;
				} else {
					csv_error(err, rec_line, in->num_line, col - 1, err_quote);
					rc = -1;
					break;
				}
			} else if (n) {
				/* the field goes on past the end of the line */
				sb_add(&field, p, n);
				col += (int)n;
				csv_read_line(in);
				p = in->line.buf;
				n = in->line.len;
				if (n) {
					pos_line++;
					col = 1;
				}
			} else {
				/* input ended inside quotes */
				csv_error(err, rec_line, pos_line, col, err_quote);
				rc = -1;
				break;
			}
		}
		if (rc)
			break;
		opt_list_add(a, out, arena_memdup(a, field.buf, field.len));
		if (!next_field)
			break;
	}
	sb_release(&field);
	return rc;
}

int opt_split_csv(struct arena *a, const char *s, struct opt_list *out, struct sb *err)
{
	if (!*s)
		return 0; /* pflag's readAsCSV: "" is no values */
	struct csv_in in = { s, s + strlen(s), SB_INIT, 0 };
	struct opt_list rec = { 0 };
	int rc = csv_record(&in, a, &rec, err);
	sb_release(&in.line);
	if (rc == 0) {
		for (size_t i = 0; i < rec.n; i++)
			opt_list_add(a, out, rec.v[i]);
	}
	return rc;
}

/* ---- time.Duration (time/format.go ParseDuration, time.go format) ----- */

/* time's own quote(): every byte below 0x20 or from 0x80 up as \xHH (each
 * byte of a multi-byte rune too), " and \ escaped. */
static void time_quote(struct sb *out, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	sb_addc(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p >= 0x80) {
			sb_adds(out, "\\x");
			sb_addc(out, hex[*p >> 4]);
			sb_addc(out, hex[*p & 15]);
		} else {
			if (*p == '"' || *p == '\\')
				sb_addc(out, '\\');
			sb_addc(out, (char)*p);
		}
	}
	sb_addc(out, '"');
}

static int duration_error(struct sb *err, const char *what, const char *unit, size_t ulen,
			  const char *orig)
{
	sb_adds(err, "time: ");
	sb_adds(err, what);
	if (unit) {
		char *u = xmemdup(unit, ulen);
		time_quote(err, u);
		free(u);
		sb_adds(err, " in duration");
	}
	sb_addc(err, ' ');
	time_quote(err, orig);
	return -1;
}

static uint64_t duration_unit(const char *u, size_t n)
{
	static const struct { const char *name; uint64_t ns; } units[] = {
		{ "ns", 1 }, { "us", 1000 }, { "\xc2\xb5s", 1000 }, { "\xce\xbcs", 1000 },
		{ "ms", 1000000 }, { "s", 1000000000ull }, { "m", 60000000000ull },
		{ "h", 3600000000000ull },
	};
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strlen(units[i].name) == n && !memcmp(units[i].name, u, n))
			return units[i].ns;
	return 0;
}

int opt_parse_duration(const char *orig, long long *out, struct sb *err)
{
	const uint64_t big = (uint64_t)1 << 63;
	const char *s = orig;
	uint64_t d = 0;
	bool neg = false;
	*out = 0;
	if (*s == '-' || *s == '+') {
		neg = *s == '-';
		s++;
	}
	if (!strcmp(s, "0"))
		return 0;
	if (!*s)
		return duration_error(err, "invalid duration", NULL, 0, orig);
	while (*s) {
		uint64_t v = 0, f = 0;
		double scale = 1;
		if (!(*s == '.' || (*s >= '0' && *s <= '9')))
			return duration_error(err, "invalid duration", NULL, 0, orig);
		const char *start = s;
		for (; *s >= '0' && *s <= '9'; s++) { /* leadingInt */
			if (v > big / 10)
				return duration_error(err, "invalid duration", NULL, 0, orig);
			v = v * 10 + (uint64_t)(*s - '0');
			if (v > big)
				return duration_error(err, "invalid duration", NULL, 0, orig);
		}
		bool pre = s != start, post = false;
		if (*s == '.') {
			s++;
			start = s;
			bool overflow = false;
			for (; *s >= '0' && *s <= '9'; s++) { /* leadingFraction */
				if (overflow)
					continue;
				if (f > (big - 1) / 10) {
					overflow = true;
					continue;
				}
				uint64_t y = f * 10 + (uint64_t)(*s - '0');
				if (y > big) {
					overflow = true;
					continue;
				}
				f = y;
				scale *= 10;
			}
			post = s != start;
		}
		if (!pre && !post)
			return duration_error(err, "invalid duration", NULL, 0, orig);
		size_t i = 0;
		while (s[i] && s[i] != '.' && !(s[i] >= '0' && s[i] <= '9'))
			i++;
		if (i == 0)
			return duration_error(err, "missing unit in duration", NULL, 0, orig);
		uint64_t unit = duration_unit(s, i);
		if (!unit)
			return duration_error(err, "unknown unit ", s, i, orig);
		s += i;
		if (v > big / unit)
			return duration_error(err, "invalid duration", NULL, 0, orig);
		v *= unit;
		if (f > 0) {
			/* float64, as Go: nanosecond accurate for fractions of hours */
			v += (uint64_t)((double)f * ((double)unit / scale));
			if (v > big)
				return duration_error(err, "invalid duration", NULL, 0, orig);
		}
		d += v;
		if (d > big)
			return duration_error(err, "invalid duration", NULL, 0, orig);
	}
	if (neg) {
		*out = (long long)(0 - d); /* -1<<63 fits */
		return 0;
	}
	if (d > big - 1)
		return duration_error(err, "invalid duration", NULL, 0, orig);
	*out = (long long)d;
	return 0;
}

/* fmtFrac: the fraction of v/10^prec without trailing zeros (nor the point
 * when it is 0), written backwards at *w; returns v/10^prec. */
static uint64_t fmt_frac(char *buf, int *w, uint64_t v, int prec)
{
	bool print = false;
	for (int i = 0; i < prec; i++) {
		int digit = (int)(v % 10);
		print = print || digit != 0;
		if (print)
			buf[--*w] = (char)('0' + digit);
		v /= 10;
	}
	if (print)
		buf[--*w] = '.';
	return v;
}

static void fmt_int(char *buf, int *w, uint64_t v)
{
	if (v == 0)
		buf[--*w] = '0';
	for (; v > 0; v /= 10)
		buf[--*w] = (char)('0' + v % 10);
}

void opt_format_duration(struct sb *out, long long ns)
{
	char buf[32];
	int w = (int)sizeof(buf);
	uint64_t u = (uint64_t)ns;
	bool neg = ns < 0;
	if (neg)
		u = 0 - u;
	if (u < 1000000000ull) {
		int prec;
		buf[--w] = 's';
		if (u == 0) {
			sb_adds(out, "0s");
			return;
		} else if (u < 1000) {
			prec = 0;
			buf[--w] = 'n';
		} else if (u < 1000000) {
			prec = 3;
			buf[--w] = '\xb5'; /* U+00B5 micro sign */
			buf[--w] = '\xc2';
		} else {
			prec = 6;
			buf[--w] = 'm';
		}
		u = fmt_frac(buf, &w, u, prec);
		fmt_int(buf, &w, u);
	} else {
		buf[--w] = 's';
		u = fmt_frac(buf, &w, u, 9);
		fmt_int(buf, &w, u % 60);
		u /= 60;
		if (u > 0) {
			buf[--w] = 'm';
			fmt_int(buf, &w, u % 60);
			u /= 60;
			if (u > 0) {
				buf[--w] = 'h';
				fmt_int(buf, &w, u);
			}
		}
	}
	if (neg)
		buf[--w] = '-';
	sb_add(out, buf + w, sizeof(buf) - (size_t)w);
}

void opt_defaults(const struct option *opts, void *base)
{
	for (const struct option *o = opts; o && o->type != OPT_T_END; o++)
		if (o->type == OPT_T_DURATION)
			*(long long *)((char *)base + o->offset) = o->def;
}

/* ---- parsing ---------------------------------------------------------- */

static void *value_ptr(const struct opt_set *set, const struct option *o)
{
	return (char *)set->base + o->offset;
}

/* errors.go InvalidValueError */
static void invalid_value(struct sb *err, const struct option *o, const char *value,
			  const char *cause, size_t cause_len)
{
	struct sb name = SB_INIT;
	if (o->short_name)
		sb_addf(&name, "-%c, --%s", o->short_name, o->long_name);
	else
		sb_addf(&name, "--%s", o->long_name);
	sb_adds(err, "invalid argument ");
	cli_quote(err, value, strlen(value));
	sb_adds(err, " for ");
	cli_quote(err, name.buf, name.len);
	sb_adds(err, " flag: ");
	sb_add(err, cause, cause_len);
	sb_release(&name);
}

static int set_value(struct opt_parser *p, size_t si, const struct option *o, const char *value)
{
	const struct opt_set *set = &p->sets[si];
	void *dst = value_ptr(set, o);
	switch (o->type) {
	case OPT_T_BOOL:
		if (opt_parse_bool(value, dst) < 0) {
			struct sb cause = SB_INIT;
			sb_adds(&cause, "strconv.ParseBool: parsing ");
			cli_quote(&cause, value, strlen(value));
			sb_adds(&cause, ": invalid syntax");
			invalid_value(&p->err, o, value, cause.buf, cause.len);
			sb_release(&cause);
			return -1;
		}
		break;
	case OPT_T_STRING:
		*(const char **)dst = value;
		break;
	case OPT_T_STRING_SLICE: {
		struct sb cause = SB_INIT;
		if (opt_split_csv(p->arena, value, dst, &cause) < 0) {
			invalid_value(&p->err, o, value, cause.buf, cause.len);
			sb_release(&cause);
			return -1;
		}
		sb_release(&cause);
		break;
	}
	case OPT_T_STRING_ARRAY:
		opt_list_add(p->arena, dst, value);
		break;
	case OPT_T_DURATION: {
		struct sb cause = SB_INIT;
		if (opt_parse_duration(value, dst, &cause) < 0) {
			invalid_value(&p->err, o, value, cause.buf, cause.len);
			sb_release(&cause);
			return -1;
		}
		sb_release(&cause);
		break;
	}
	case OPT_T_END:
		abort();
	}
	if (set->changed)
		set->changed[o - set->opts] = true;
	return 0;
}

static int parse_long(struct opt_parser *p, const char *s, int argc, const char **argv, int *i)
{
	const char *name = s + 2;
	if (name[0] == '-' || name[0] == '=') {
		sb_addf(&p->err, "bad flag syntax: %s", s);
		return -1;
	}
	const char *eq = strchr(name, '=');
	size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
	size_t si;
	const struct option *o = opt_find_long(p->sets, p->nsets, name, nlen, &si);
	if (!o) {
		sb_adds(&p->err, "unknown flag: --");
		sb_add(&p->err, name, nlen);
		return -1;
	}
	const char *value;
	if (eq)
		value = eq + 1;
	else if (o->type == OPT_T_BOOL)
		value = "true";
	else if (*i < argc)
		value = argv[(*i)++];
	else {
		sb_addf(&p->err, "flag needs an argument: --%s", name);
		return -1;
	}
	return set_value(p, si, o, value);
}

/* The rune pflag shows for an unknown shorthand byte c: it builds string(c)
 * (UTF-8 of U+00c for c >= 0x80) and quotes that string's first byte. */
static unsigned shorthand_rune(unsigned char c)
{
	return c < 0x80 ? c : c < 0xc0 ? 0xc2 : 0xc3;
}

static int parse_short(struct opt_parser *p, const char *s, int argc, const char **argv, int *i)
{
	const char *sh = s + 1;
	while (*sh) {
		if (!strncmp(sh, "test.", 5))
			return 0; /* pflag skips `go test` flags and the rest of the cluster */
		size_t si;
		const struct option *o = opt_find_short(p->sets, p->nsets, sh[0], &si);
		if (!o) {
			sb_adds(&p->err, "unknown shorthand flag: ");
			cli_quote_rune(&p->err, shorthand_rune((unsigned char)sh[0]));
			sb_addf(&p->err, " in -%s", sh);
			return -1;
		}
		size_t len = strlen(sh);
		const char *value, *rest = sh + 1;
		if (len > 2 && sh[1] == '=') {
			value = sh + 2;
			rest = "";
		} else if (o->type == OPT_T_BOOL) {
			value = "true";
		} else if (len > 1) {
			value = sh + 1;
			rest = "";
		} else if (*i < argc) {
			value = argv[(*i)++];
		} else {
			sb_adds(&p->err, "flag needs an argument: ");
			cli_quote_rune(&p->err, shorthand_rune((unsigned char)sh[0]));
			sb_addf(&p->err, " in -%s", sh);
			return -1;
		}
		if (set_value(p, si, o, value) < 0)
			return -1;
		sh = rest;
	}
	return 0;
}

int opt_parse(struct opt_parser *p, int argc, const char **argv)
{
	p->args = arena_alloc(p->arena, ((size_t)argc + 1) * sizeof(*p->args));
	p->nargs = 0;
	int i = 0;
	while (i < argc) {
		const char *s = argv[i++];
		if (s[0] != '-' || s[1] == '\0') {
			p->args[p->nargs++] = s; /* "", "-" and words are arguments */
			continue;
		}
		int rc;
		if (s[1] == '-') {
			if (s[2] == '\0') { /* "--" ends the flags */
				while (i < argc)
					p->args[p->nargs++] = argv[i++];
				break;
			}
			rc = parse_long(p, s, argc, argv, &i);
		} else {
			rc = parse_short(p, s, argc, argv, &i);
		}
		if (rc < 0)
			return -1;
	}
	p->args[p->nargs] = NULL;
	return 0;
}

void opt_parser_release(struct opt_parser *p)
{
	sb_release(&p->err);
}

/* ---- listing ---------------------------------------------------------- */

struct flag_ref {
	const struct opt_set *set;
	const struct option *o;
};

static int cmp_ref(const void *a, const void *b)
{
	const struct flag_ref *x = a, *y = b;
	return strcmp(x->o->long_name, y->o->long_name);
}

static struct flag_ref *collect(const struct opt_set *sets, size_t nsets, size_t *n)
{
	size_t total = 0;
	for (size_t s = 0; s < nsets; s++)
		total += opt_count(sets[s].opts);
	struct flag_ref *v = xcalloc(total ? total : 1, sizeof(*v));
	*n = 0;
	for (size_t s = 0; s < nsets; s++)
		for (const struct option *o = sets[s].opts; o && o->type != OPT_T_END; o++)
			v[(*n)++] = (struct flag_ref){ &sets[s], o };
	qsort(v, *n, sizeof(*v), cmp_ref);
	return v;
}

static const char *type_name(enum opt_type t)
{
	switch (t) {
	case OPT_T_STRING: return "string";
	case OPT_T_STRING_SLICE: return "strings";
	case OPT_T_STRING_ARRAY: return "stringArray";
	case OPT_T_DURATION: return "duration";
	default: return "";
	}
}

void opt_usages(struct sb *out, const struct opt_set *sets, size_t nsets)
{
	size_t n;
	struct flag_ref *v = collect(sets, nsets, &n);
	struct sb *lines = xcalloc(n ? n : 1, sizeof(*lines));
	size_t *sidx = xcalloc(n ? n : 1, sizeof(*sidx));
	size_t maxlen = 0;
	for (size_t k = 0; k < n; k++) {
		const struct option *o = v[k].o;
		struct sb *l = &lines[k];
		sb_init(l);
		if (o->short_name)
			sb_addf(l, "  -%c, --%s", o->short_name, o->long_name);
		else
			sb_addf(l, "      --%s", o->long_name);
		/* UnquoteUsage: a `name` in the help text names the value */
		const char *h = o->help, *bq = strchr(h, '`'), *bq2 = bq ? strchr(bq + 1, '`') : NULL;
		if (bq2) {
			sb_addc(l, ' ');
			sb_add(l, bq + 1, (size_t)(bq2 - bq - 1));
		} else if (*type_name(o->type)) {
			sb_addc(l, ' ');
			sb_adds(l, type_name(o->type));
		}
		sidx[k] = l->len;
		if (l->len + 1 > maxlen)
			maxlen = l->len + 1;
		if (bq2) {
			sb_add(l, h, (size_t)(bq - h));
			sb_add(l, bq + 1, (size_t)(bq2 - bq - 1));
			sb_adds(l, bq2 + 1);
		} else {
			sb_adds(l, h);
		}
		if (o->type == OPT_T_DURATION && o->def != 0) { /* !defaultIsZeroValue() */
			sb_adds(l, " (default ");
			opt_format_duration(l, o->def);
			sb_addc(l, ')');
		}
	}
	for (size_t k = 0; k < n; k++) {
		struct sb *l = &lines[k];
		sb_add(out, l->buf, sidx[k]);
		sb_addrep(out, ' ', maxlen - sidx[k] + 2);
		/* wrap(maxlen+2, 0, usage): continuation lines indented */
		for (size_t j = sidx[k]; j < l->len; j++) {
			sb_addc(out, l->buf[j]);
			if (l->buf[j] == '\n')
				sb_addrep(out, ' ', maxlen + 2);
		}
		sb_addc(out, '\n');
		sb_release(l);
	}
	free(lines);
	free(sidx);
	free(v);
}

static void add_quoted_list(struct sb *out, const struct opt_list *l)
{
	sb_addc(out, '[');
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			sb_addc(out, ' ');
		cli_quote(out, l->v[i], strlen(l->v[i]));
	}
	sb_addc(out, ']');
}

void opt_trace(struct sb *out, const struct opt_set *sets, size_t nsets)
{
	size_t n;
	struct flag_ref *v = collect(sets, nsets, &n);
	for (size_t k = 0; k < n; k++) {
		const struct opt_set *set = v[k].set;
		const struct option *o = v[k].o;
		if (!set->changed || !set->changed[o - set->opts])
			continue;
		const void *val = value_ptr(set, o);
		sb_addf(out, "--%s=", o->long_name);
		switch (o->type) {
		case OPT_T_BOOL:
			sb_adds(out, *(const bool *)val ? "true" : "false");
			break;
		case OPT_T_STRING: {
			const char *s = *(const char *const *)val;
			cli_quote(out, s, strlen(s));
			break;
		}
		case OPT_T_STRING_SLICE:
		case OPT_T_STRING_ARRAY:
			add_quoted_list(out, val);
			break;
		case OPT_T_DURATION: {
			struct sb d = SB_INIT;
			opt_format_duration(&d, *(const long long *)val);
			cli_quote(out, d.buf, d.len);
			sb_release(&d);
			break;
		}
		case OPT_T_END:
			break;
		}
		sb_addc(out, '\n');
	}
	free(v);
}
