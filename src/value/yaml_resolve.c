/* yaml_resolve.c — go-yaml v2's resolve.go in C: the YAML 1.1 typing of plain
 * scalars, with Go's strconv.ParseInt/ParseUint/ParseFloat acceptance rules
 * and the time.Parse layouts parseTimestamp tries.  Exact acceptance matters
 * twice: values files decode by it, and the encoder quotes by it. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/sb.h"
#include "base/strconv_parse.h"
#include "base/xalloc.h"
#include "value/yaml_resolve.h"

/* resolve.go's resolveTable: the first byte hints what the scalar may be. */
static char hint_of(unsigned char c)
{
	if (c == '+' || c == '-')
		return 'S';
	if (c >= '0' && c <= '9')
		return 'D';
	if (strchr("yYnNtTfFoO~", c) && c != 0)
		return 'M';
	if (c == '.')
		return '.';
	return 0;
}

static bool eq(const char *s, size_t n, const char *lit)
{
	return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

static bool eq_any(const char *s, size_t n, const char *const *lits)
{
	for (; *lits; lits++)
		if (eq(s, n, *lits))
			return true;
	return false;
}

/* resolveMap: the fixed spellings. */
static bool lookup_map(const char *s, size_t n, struct yaml_resolved *out)
{
	static const char *const yes[] = { "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE",
					   "on", "On", "ON", NULL };
	static const char *const no[] = { "n", "N", "no", "No", "NO", "false", "False", "FALSE",
					  "off", "Off", "OFF", NULL };
	static const char *const nul[] = { "", "~", "null", "Null", "NULL", NULL };
	static const char *const nan[] = { ".nan", ".NaN", ".NAN", NULL };
	static const char *const pinf[] = { ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", NULL };
	static const char *const ninf[] = { "-.inf", "-.Inf", "-.INF", NULL };

	if (n > 5)
		return false;
	if (eq_any(s, n, yes) || eq_any(s, n, no)) {
		out->tag = YAML_R_BOOL;
		out->b = eq_any(s, n, yes);
	} else if (eq_any(s, n, nul)) {
		out->tag = YAML_R_NULL;
	} else if (eq_any(s, n, nan)) {
		out->tag = YAML_R_FLOAT;
		out->f = NAN;
	} else if (eq_any(s, n, pinf)) {
		out->tag = YAML_R_FLOAT;
		out->f = INFINITY;
	} else if (eq_any(s, n, ninf)) {
		out->tag = YAML_R_FLOAT;
		out->f = -INFINITY;
	} else {
		return false;
	}
	return true;
}

static int lower(int c)
{
	return c | 0x20;
}

/* strconv.ParseUint / ParseInt (s, base, 64) on text without underscores
 * (resolve_number removed them): 0 ok, -1 syntax or range error. */
static int parse_uint(const char *s, size_t n, int base, uint64_t *out)
{
	return strconv_parse_uint(s, n, base, 64, out) == STRCONV_OK ? 0 : -1;
}

static int parse_int(const char *s, size_t n, int base, int64_t *out)
{
	return strconv_parse_int(s, n, base, 64, out) == STRCONV_OK ? 0 : -1;
}

/* Go's underscoreOK for a decimal number (strconv/atoi.go). */
static bool underscore_ok(const char *s, size_t n)
{
	char saw = '^';
	size_t i = 0;

	if (n >= 1 && (s[0] == '-' || s[0] == '+')) {
		s++;
		n--;
	}
	if (n >= 2 && s[0] == '0' && (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x')) {
		/* never reached for the '.'-hinted scalars we pass in */
		return false;
	}
	for (; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			saw = '0';
			continue;
		}
		if (s[i] == '_') {
			if (saw != '0')
				return false;
			saw = '_';
			continue;
		}
		if (saw == '_')
			return false;
		saw = '!';
	}
	return saw != '_';
}

/* Convert validated decimal float text (digits, '.', e/E, sign, maybe
 * underscores) with correct rounding; false when Go reports ErrRange. */
static bool to_double(const char *s, size_t n, double *out)
{
	char small[128];
	char *buf = n < sizeof(small) ? small : xmalloc(n + 1);
	size_t k = 0;
	double f;

	for (size_t i = 0; i < n; i++)
		if (s[i] != '_')
			buf[k++] = s[i];
	buf[k] = '\0';
	f = strtod(buf, NULL);
	if (buf != small)
		free(buf);
	if (isinf(f))
		return false; /* overflow: Go returns ±Inf with ErrRange */
	*out = f;
	return true;
}

/* strconv.ParseFloat(s, 64) for a scalar that starts with '.': no sign, no
 * hex, no inf/nan words can apply, so only the decimal grammar is left. */
static bool parse_float_dot(const char *s, size_t n, double *out)
{
	size_t i = 0;
	bool sawdot = false, sawdigits = false, unders = false;

	for (; i < n; i++) {
		char c = s[i];
		if (c == '_') {
			unders = true;
		} else if (c == '.') {
			if (sawdot)
				break;
			sawdot = true;
		} else if (c >= '0' && c <= '9') {
			sawdigits = true;
		} else {
			break;
		}
	}
	if (!sawdigits)
		return false;
	if (i < n && lower(s[i]) == 'e') {
		i++;
		if (i >= n)
			return false;
		if (s[i] == '+' || s[i] == '-')
			i++;
		if (i >= n || s[i] < '0' || s[i] > '9')
			return false;
		for (; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'); i++)
			if (s[i] == '_')
				unders = true;
	}
	if (i != n)
		return false;
	if (unders && !underscore_ok(s, n))
		return false;
	return to_double(s, n, out);
}

/* yamlStyleFloat: ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$ */
static bool yaml_style_float(const char *s, size_t n)
{
	size_t i = 0, d;

	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	if (i < n && s[i] == '.') {
		i++;
		for (d = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			d++;
		if (d == 0)
			return false;
	} else {
		for (d = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			d++;
		if (d == 0)
			return false;
		if (i < n && s[i] == '.') {
			i++;
			while (i < n && s[i] >= '0' && s[i] <= '9')
				i++;
		}
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		for (d = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			d++;
		if (d == 0)
			return false;
	}
	return i == n;
}

/* ---- time.Parse, restricted to the layouts of allowedTimestampFormats ---- */

static bool is_digit_at(const char *s, size_t n, size_t i)
{
	return i < n && s[i] >= '0' && s[i] <= '9';
}

/* time.getnum(s, false): one or two digits. */
static bool getnum(const char *s, size_t n, size_t *i, int *v)
{
	if (!is_digit_at(s, n, *i))
		return false;
	if (!is_digit_at(s, n, *i + 1)) {
		*v = s[*i] - '0';
		*i += 1;
		return true;
	}
	*v = (s[*i] - '0') * 10 + (s[*i + 1] - '0');
	*i += 2;
	return true;
}

static int days_in(int month, int year)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
		return 29;
	return dim[month - 1];
}

enum ts_layout {
	TS_T_UPPER, /* 2006-1-2T15:4:5.999999999Z07:00 */
	TS_T_LOWER, /* 2006-1-2t15:4:5.999999999Z07:00 */
	TS_SPACE,   /* 2006-1-2 15:4:5.999999999 */
	TS_DATE,    /* 2006-1-2 */
};

static bool ts_try(const char *s, size_t n, enum ts_layout lay)
{
	size_t i = 4;
	int year, month, day, hour, min, sec;

	/* "2006": four digits (checked by the caller) */
	year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	if (i >= n || s[i] != '-')
		return false;
	i++;
	if (!getnum(s, n, &i, &month) || month <= 0 || month > 12)
		return false;
	if (i >= n || s[i] != '-')
		return false;
	i++;
	if (!getnum(s, n, &i, &day))
		return false;
	if (lay == TS_DATE) {
		if (i != n)
			return false;
		return day >= 1 && day <= days_in(month, year);
	}
	if (lay == TS_SPACE) {
		/* time.skip: a layout space matches any run of spaces, even none
		 * once the value is exhausted */
		if (i < n && s[i] != ' ')
			return false;
		while (i < n && s[i] == ' ')
			i++;
	} else {
		if (i >= n || s[i] != (lay == TS_T_UPPER ? 'T' : 't'))
			return false;
		i++;
	}
	if (!getnum(s, n, &i, &hour) || hour >= 24)
		return false;
	if (i >= n || s[i] != ':')
		return false;
	i++;
	if (!getnum(s, n, &i, &min) || min >= 60)
		return false;
	if (i >= n || s[i] != ':')
		return false;
	i++;
	if (!getnum(s, n, &i, &sec) || sec >= 60)
		return false;
	/* .999999999: optional; '.' or ',' then any number of digits */
	if (i + 1 < n && (s[i] == '.' || s[i] == ',') && s[i + 1] >= '0' && s[i + 1] <= '9') {
		i++;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (lay != TS_SPACE) {
		/* Z07:00 */
		if (i < n && s[i] == 'Z') {
			i++;
		} else {
			int hr, mm;
			if (n - i < 6 || s[i + 3] != ':')
				return false;
			if (!is_digit_at(s, n, i + 1) || !is_digit_at(s, n, i + 2) ||
			    !is_digit_at(s, n, i + 4) || !is_digit_at(s, n, i + 5))
				return false;
			hr = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
			mm = (s[i + 4] - '0') * 10 + (s[i + 5] - '0');
			if (hr > 24 || mm > 60)
				return false;
			if (s[i] != '+' && s[i] != '-')
				return false;
			i += 6;
		}
	}
	if (i != n)
		return false;
	return day >= 1 && day <= days_in(month, year);
}

bool yaml_parse_timestamp(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i != 4 || i == n || s[i] != '-')
		return false;
	return ts_try(s, n, TS_T_UPPER) || ts_try(s, n, TS_T_LOWER) || ts_try(s, n, TS_SPACE) ||
	       ts_try(s, n, TS_DATE);
}

static void set_int(struct yaml_resolved *out, int64_t v)
{
	out->tag = YAML_R_INT;
	out->i = v;
}

/* The 'D'/'S' branch of resolve(): timestamp, int, uint, float, 0b forms. */
static bool resolve_number(const char *in, size_t n, bool timestamps, struct yaml_resolved *out)
{
	char small[128];
	char *plain;
	size_t pn = 0;
	int64_t iv;
	uint64_t uv;
	bool done = false;

	if (timestamps && yaml_parse_timestamp(in, n)) {
		out->tag = YAML_R_TIMESTAMP;
		return true;
	}
	plain = n < sizeof(small) ? small : xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		if (in[i] != '_')
			plain[pn++] = in[i];
	plain[pn] = '\0';

	if (parse_int(plain, pn, 0, &iv) == 0) {
		set_int(out, iv);
		done = true;
	} else if (parse_uint(plain, pn, 0, &uv) == 0) {
		out->tag = YAML_R_UINT;
		out->u = uv;
		done = true;
	} else if (yaml_style_float(plain, pn) && to_double(plain, pn, &out->f)) {
		out->tag = YAML_R_FLOAT;
		done = true;
	} else if (pn >= 2 && plain[0] == '0' && plain[1] == 'b') {
		/* ParseInt(plain[2:], 2, 64): a sign may follow the prefix */
		if (parse_int(plain + 2, pn - 2, 2, &iv) == 0) {
			set_int(out, iv);
			done = true;
		} else if (parse_uint(plain + 2, pn - 2, 2, &uv) == 0) {
			out->tag = YAML_R_UINT;
			out->u = uv;
			done = true;
		}
	} else if (pn >= 3 && plain[0] == '-' && plain[1] == '0' && plain[2] == 'b') {
		plain[2] = '-'; /* "-" + plain[3:] */
		if (parse_int(plain + 2, pn - 2, 2, &iv) == 0) {
			set_int(out, iv);
			done = true;
		}
	}
	if (plain != small)
		free(plain);
	return done;
}

void yaml_resolve_ex(const char *s, size_t n, bool timestamps, struct yaml_resolved *out)
{
	char hint = n ? hint_of((unsigned char)s[0]) : 'N';

	memset(out, 0, sizeof(*out));
	if (hint != 0) {
		if (lookup_map(s, n, out))
			return;
		switch (hint) {
		case '.':
			if (parse_float_dot(s, n, &out->f)) {
				out->tag = YAML_R_FLOAT;
				return;
			}
			break;
		case 'D':
		case 'S':
			if (resolve_number(s, n, timestamps, out))
				return;
			break;
		default:
			break;
		}
	}
	memset(out, 0, sizeof(*out));
	out->tag = YAML_R_STR;
}

void yaml_resolve_plain(const char *s, size_t n, struct yaml_resolved *out)
{
	yaml_resolve_ex(s, n, true, out);
}

/* base60float: ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$ */
bool yaml_is_base60_float(const char *s, size_t n)
{
	size_t i = 0;
	int groups = 0;

	if (n == 0)
		return false;
	if (!(s[0] == '+' || s[0] == '-' || (s[0] >= '0' && s[0] <= '9')) || !memchr(s, ':', n))
		return false;
	if (s[i] == '+' || s[i] == '-')
		i++;
	if (!is_digit_at(s, n, i))
		return false;
	i++;
	while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
		i++;
	while (i < n && s[i] == ':') {
		size_t st = ++i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i - st == 1)
			;
		else if (i - st == 2 && s[st] <= '5')
			;
		else
			return false;
		groups++;
	}
	if (groups == 0)
		return false;
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			i++;
	}
	return i == n;
}

const char *yaml_rtag_short(enum yaml_rtag t)
{
	switch (t) {
	case YAML_R_NULL:
		return "!!null";
	case YAML_R_BOOL:
		return "!!bool";
	case YAML_R_INT:
	case YAML_R_UINT:
		return "!!int";
	case YAML_R_FLOAT:
		return "!!float";
	case YAML_R_MERGE:
		return "!!merge";
	case YAML_R_TIMESTAMP:
		return "!!timestamp";
	case YAML_R_STR:
		break;
	}
	return "!!str";
}

enum yaml_tag yaml_tag_of(const char *tag, size_t n)
{
	static const char pfx[] = "tag:yaml.org,2002:";
	static const struct {
		const char *name;
		enum yaml_tag t;
	} known[] = {
		{ "str", YAML_TAG_STR },	 { "int", YAML_TAG_INT },
		{ "float", YAML_TAG_FLOAT },	 { "bool", YAML_TAG_BOOL },
		{ "null", YAML_TAG_NULL },	 { "timestamp", YAML_TAG_TIMESTAMP },
		{ "binary", YAML_TAG_BINARY }, { "merge", YAML_TAG_MERGE },
	};

	if (n == 0)
		return YAML_TAG_NONE;
	if (n <= sizeof(pfx) - 1 || memcmp(tag, pfx, sizeof(pfx) - 1) != 0)
		return YAML_TAG_OTHER;
	tag += sizeof(pfx) - 1;
	n -= sizeof(pfx) - 1;
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (eq(tag, n, known[i].name))
			return known[i].t;
	return YAML_TAG_OTHER;
}

static const char *tag_short(enum yaml_tag t)
{
	switch (t) {
	case YAML_TAG_INT:
		return "!!int";
	case YAML_TAG_FLOAT:
		return "!!float";
	case YAML_TAG_BOOL:
		return "!!bool";
	case YAML_TAG_NULL:
		return "!!null";
	case YAML_TAG_TIMESTAMP:
		return "!!timestamp";
	default:
		return "!!str";
	}
}

int yaml_resolve_tagged(enum yaml_tag tag, const char *s, size_t n, struct yaml_resolved *out,
			struct sb *err)
{
	enum yaml_rtag want;

	switch (tag) {
	case YAML_TAG_NONE:
		yaml_resolve_plain(s, n, out);
		return 0;
	case YAML_TAG_INT:
		want = YAML_R_INT;
		break;
	case YAML_TAG_FLOAT:
		want = YAML_R_FLOAT;
		break;
	case YAML_TAG_BOOL:
		want = YAML_R_BOOL;
		break;
	case YAML_TAG_NULL:
		want = YAML_R_NULL;
		break;
	case YAML_TAG_TIMESTAMP:
		want = YAML_R_TIMESTAMP;
		break;
	default:
		/* resolvableTag() is false or the tag takes any text */
		memset(out, 0, sizeof(*out));
		out->tag = YAML_R_STR;
		return 0;
	}
	yaml_resolve_ex(s, n, tag == YAML_TAG_TIMESTAMP, out);
	if (out->tag == want || (want == YAML_R_INT && out->tag == YAML_R_UINT))
		return 0;
	if (want == YAML_R_FLOAT && out->tag == YAML_R_INT) {
		/* resolve()'s deferred fix-up: an int64 read as !!float */
		out->tag = YAML_R_FLOAT;
		out->f = (double)out->i;
		return 0;
	}
	sb_addf(err, "yaml: cannot decode %s `", yaml_rtag_short(out->tag));
	sb_add(err, s, n);
	sb_addf(err, "` as a %s", tag_short(tag));
	return -1;
}
