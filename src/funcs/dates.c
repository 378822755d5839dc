/* dates.c — Sprig v3.3.0's date.go on a C twin of Go 1.23's time package:
 * layouts (Time.Format, ParseInLocation and its ParseError texts), zones
 * read from the TZif files Go reads (transitions plus the POSIX TZ footer),
 * time.Local as Go initialises it from $TZ, Duration.String and
 * ParseDuration.  time.Time is a host value (FN_GT_TIME, see fn_numbers.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/sb.h"
#include "base/strconv.h"
#include "base/strconv_parse.h"
#include "funcs/fn_numbers.h"
#include "funcs/funcs.h"

/* ---- Go's time constants ---- */

#define SECS_PER_MIN 60
#define SECS_PER_HOUR 3600
#define SECS_PER_DAY 86400
#define SECS_PER_WEEK (7 * SECS_PER_DAY)
#define DAYS_PER_400Y (365 * 400 + 97)
#define DAYS_PER_100Y (365 * 100 + 24)
#define DAYS_PER_4Y (365 * 4 + 1)
#define ABSOLUTE_ZERO_YEAR INT64_C(-292277022399)
#define ABSOLUTE_TO_INTERNAL INT64_C(-9223371966579724800)
#define INTERNAL_TO_ABSOLUTE (-ABSOLUTE_TO_INTERNAL)
#define UNIX_TO_INTERNAL INT64_C(62135596800)
#define INTERNAL_TO_UNIX (-UNIX_TO_INTERNAL)
#define ALPHA INT64_MIN
#define OMEGA INT64_MAX
#define NSEC_PER_SEC INT64_C(1000000000)

static int64_t wadd(int64_t a, int64_t b) { return (int64_t)((uint64_t)a + (uint64_t)b); }
static int64_t wsub(int64_t a, int64_t b) { return (int64_t)((uint64_t)a - (uint64_t)b); }
static int64_t wmul(int64_t a, int64_t b) { return (int64_t)((uint64_t)a * (uint64_t)b); }

static const int32_t days_before[13] = {
	0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365,
};
static const char *const long_month[12] = {
	"January", "February", "March",     "April",   "May",      "June",
	"July",    "August",   "September", "October", "November", "December",
};
static const char *const short_month[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};
static const char *const long_day[7] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};
static const char *const short_day[7] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };

/* ---- locations ---- */

struct zone_ent {
	const char *name;
	int offset;
	bool dst;
};

struct zone_tx {
	int64_t when;
	uint8_t index;
};

/* A *time.Location: no zones = UTC. */
struct fn_loc {
	const char *name;
	const struct zone_ent *zone;
	size_t nzone;
	const struct zone_tx *tx;
	size_t ntx;
	const char *extend;
};

static const struct fn_loc loc_utc = { "UTC", NULL, 0, NULL, 0, "" };

struct zlookup {
	const char *name;
	int offset;
	int64_t start, end;
	bool dst;
};

static bool is_leap(int64_t y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int days_in(int m, int64_t year)
{
	if (m == 2 && is_leap(year))
		return 29;
	return days_before[m] - days_before[m - 1];
}

/* absDate: year, month (1-12), day, yday (0-based) of an absolute time. */
static void abs_date(uint64_t abs, bool full, int64_t *year, int *month, int *day, int *yday)
{
	uint64_t d = abs / SECS_PER_DAY;
	uint64_t n = d / DAYS_PER_400Y;
	uint64_t y = 400 * n;
	d -= DAYS_PER_400Y * n;
	n = d / DAYS_PER_100Y;
	n -= n >> 2;
	y += 100 * n;
	d -= DAYS_PER_100Y * n;
	n = d / DAYS_PER_4Y;
	y += 4 * n;
	d -= DAYS_PER_4Y * n;
	n = d / 365;
	n -= n >> 2;
	y += n;
	d -= 365 * n;
	*year = wadd((int64_t)y, ABSOLUTE_ZERO_YEAR);
	*yday = (int)d;
	if (!full)
		return;
	int dd = (int)d;
	if (is_leap(*year)) {
		if (dd > 31 + 29 - 1) {
			dd--;
		} else if (dd == 31 + 29 - 1) {
			*month = 2;
			*day = 29;
			return;
		}
	}
	int m = dd / 31;
	int end = days_before[m + 1], begin;
	if (dd >= end) {
		m++;
		begin = end;
	} else {
		begin = days_before[m];
	}
	*month = m + 1;
	*day = dd - begin + 1;
}

static uint64_t days_since_epoch(int64_t year)
{
	uint64_t y = (uint64_t)wsub(year, ABSOLUTE_ZERO_YEAR);
	uint64_t n = y / 400;
	y -= 400 * n;
	uint64_t d = DAYS_PER_400Y * n;
	n = y / 100;
	y -= 100 * n;
	d += DAYS_PER_100Y * n;
	n = y / 4;
	y -= 4 * n;
	d += DAYS_PER_4Y * n;
	d += 365 * y;
	return d;
}

/* ---- the POSIX TZ footer (tzset) ---- */

struct tzrule {
	int kind; /* 0 Julian, 1 day of year, 2 month.week.day */
	int day, week, mon, time;
};

static bool tzset_num(const char **s, const char *e, int min, int max, int *num)
{
	const char *p = *s;
	if (p >= e)
		return false;
	int v = 0;
	const char *q = p;
	for (; q < e; q++) {
		if (*q < '0' || *q > '9') {
			if (q == p || v < min)
				return false;
			*num = v;
			*s = q;
			return true;
		}
		v = v * 10 + (*q - '0');
		if (v > max)
			return false;
	}
	if (v < min)
		return false;
	*num = v;
	*s = e;
	return true;
}

static bool tzset_name(const char **s, const char *e, const char **name, size_t *nlen)
{
	const char *p = *s;
	if (p >= e)
		return false;
	if (*p != '<') {
		for (const char *q = p; q < e; q++) {
			char c = *q;
			if ((c >= '0' && c <= '9') || c == ',' || c == '-' || c == '+') {
				if (q - p < 3)
					return false;
				*name = p;
				*nlen = (size_t)(q - p);
				*s = q;
				return true;
			}
		}
		if (e - p < 3)
			return false;
		*name = p;
		*nlen = (size_t)(e - p);
		*s = e;
		return true;
	}
	for (const char *q = p; q < e; q++) {
		if (*q == '>') {
			*name = p + 1;
			*nlen = (size_t)(q - p - 1);
			*s = q + 1;
			return true;
		}
	}
	return false;
}

static bool tzset_offset(const char **s, const char *e, int *off)
{
	const char *p = *s;
	if (p >= e)
		return false;
	bool neg = false;
	if (*p == '+') {
		p++;
	} else if (*p == '-') {
		p++;
		neg = true;
	}
	int hours, mins, secs;
	if (!tzset_num(&p, e, 0, 24 * 7, &hours))
		return false;
	int o = hours * SECS_PER_HOUR;
	if (p < e && *p == ':') {
		p++;
		if (!tzset_num(&p, e, 0, 59, &mins))
			return false;
		o += mins * SECS_PER_MIN;
		if (p < e && *p == ':') {
			p++;
			if (!tzset_num(&p, e, 0, 59, &secs))
				return false;
			o += secs;
		}
	}
	*off = neg ? -o : o;
	*s = p;
	return true;
}

static bool tzset_rule(const char **s, const char *e, struct tzrule *r)
{
	const char *p = *s;
	memset(r, 0, sizeof(*r));
	if (p >= e)
		return false;
	if (*p == 'J') {
		p++;
		if (!tzset_num(&p, e, 1, 365, &r->day))
			return false;
		r->kind = 0;
	} else if (*p == 'M') {
		p++;
		if (!tzset_num(&p, e, 1, 12, &r->mon) || p >= e || *p != '.')
			return false;
		p++;
		if (!tzset_num(&p, e, 1, 5, &r->week) || p >= e || *p != '.')
			return false;
		p++;
		if (!tzset_num(&p, e, 0, 6, &r->day))
			return false;
		r->kind = 2;
	} else {
		if (!tzset_num(&p, e, 0, 365, &r->day))
			return false;
		r->kind = 1;
	}
	if (p >= e || *p != '/') {
		r->time = 2 * SECS_PER_HOUR;
		*s = p;
		return true;
	}
	p++;
	if (!tzset_offset(&p, e, &r->time))
		return false;
	*s = p;
	return true;
}

static int tzrule_time(int64_t year, const struct tzrule *r, int off)
{
	int s = 0;
	switch (r->kind) {
	case 0:
		s = (r->day - 1) * SECS_PER_DAY;
		if (is_leap(year) && r->day >= 60)
			s += SECS_PER_DAY;
		break;
	case 1:
		s = r->day * SECS_PER_DAY;
		break;
	default: {
		int m1 = (r->mon + 9) % 12 + 1;
		int64_t yy0 = year;
		if (r->mon <= 2)
			yy0--;
		int64_t yy1 = yy0 / 100, yy2 = yy0 % 100;
		int dow = (int)(((26 * m1 - 2) / 10 + 1 + yy2 + yy2 / 4 + yy1 / 4 - 2 * yy1) % 7);
		if (dow < 0)
			dow += 7;
		int d = r->day - dow;
		if (d < 0)
			d += 7;
		for (int i = 1; i < r->week; i++) {
			if (d + 7 >= days_in(r->mon, year))
				break;
			d += 7;
		}
		d += days_before[r->mon - 1];
		if (is_leap(year) && r->mon > 2)
			d++;
		s = d * SECS_PER_DAY;
	}
	}
	return s + r->time - off;
}

/* go_tzset(s, lastTxSec, sec): the zone the footer rule gives at sec.  Names
 * point into the loc's extend string (their length in *nlen). */
static bool go_tzset(const char *str, int64_t last_tx, int64_t sec, struct zlookup *z, size_t *nlen, struct sb *names)
{
	const char *s = str, *e = str + strlen(str);
	const char *std_name, *dst_name;
	size_t std_len, dst_len;
	int std_off, dst_off;
	if (!tzset_name(&s, e, &std_name, &std_len) || !tzset_offset(&s, e, &std_off))
		return false;
	std_off = -std_off;
	if (s >= e || *s == ',') {
		sb_reset(names);
		sb_add(names, std_name, std_len);
		z->name = names->buf;
		*nlen = std_len;
		z->offset = std_off;
		z->start = last_tx;
		z->end = OMEGA;
		z->dst = false;
		return true;
	}
	if (!tzset_name(&s, e, &dst_name, &dst_len))
		return false;
	if (s >= e || *s == ',') {
		dst_off = std_off + SECS_PER_HOUR;
	} else {
		if (!tzset_offset(&s, e, &dst_off))
			return false;
		dst_off = -dst_off;
	}
	static const char dflt[] = ",M3.2.0,M11.1.0";
	if (s >= e) {
		s = dflt;
		e = dflt + sizeof(dflt) - 1;
	}
	if (*s != ',' && *s != ';')
		return false;
	s++;
	struct tzrule start_rule, end_rule;
	if (!tzset_rule(&s, e, &start_rule) || s >= e || *s != ',')
		return false;
	s++;
	if (!tzset_rule(&s, e, &end_rule) || s < e)
		return false;

	int64_t year;
	int yday, mo, dy;
	abs_date((uint64_t)wadd(sec, UNIX_TO_INTERNAL + INTERNAL_TO_ABSOLUTE), false, &year, &mo, &dy, &yday);
	int64_t ysec = (int64_t)yday * SECS_PER_DAY + sec % SECS_PER_DAY;
	uint64_t d = days_since_epoch(year);
	int64_t abs = wadd((int64_t)(d * SECS_PER_DAY), ABSOLUTE_TO_INTERNAL + INTERNAL_TO_UNIX);
	int64_t start_sec = tzrule_time(year, &start_rule, std_off);
	int64_t end_sec = tzrule_time(year, &end_rule, dst_off);
	bool dst_is_dst = true, std_is_dst = false;
	if (end_sec < start_sec) {
		int64_t t = start_sec;
		start_sec = end_sec;
		end_sec = t;
		const char *tn = std_name;
		std_name = dst_name;
		dst_name = tn;
		size_t tl = std_len;
		std_len = dst_len;
		dst_len = tl;
		int to = std_off;
		std_off = dst_off;
		dst_off = to;
		std_is_dst = true;
		dst_is_dst = false;
	}
	sb_reset(names);
	if (ysec < start_sec) {
		sb_add(names, std_name, std_len);
		*nlen = std_len;
		z->offset = std_off;
		z->start = abs;
		z->end = start_sec + abs;
		z->dst = std_is_dst;
	} else if (ysec >= end_sec) {
		sb_add(names, std_name, std_len);
		*nlen = std_len;
		z->offset = std_off;
		z->start = end_sec + abs;
		z->end = abs + 365 * SECS_PER_DAY;
		z->dst = std_is_dst;
	} else {
		sb_add(names, dst_name, dst_len);
		*nlen = dst_len;
		z->offset = dst_off;
		z->start = start_sec + abs;
		z->end = end_sec + abs;
		z->dst = dst_is_dst;
	}
	z->name = names->buf;
	return true;
}

static size_t lookup_first_zone(const struct fn_loc *l)
{
	bool used = false;
	for (size_t i = 0; i < l->ntx; i++)
		used = used || l->tx[i].index == 0;
	if (!used)
		return 0;
	if (l->ntx > 0 && l->zone[l->tx[0].index].dst) {
		for (int zi = (int)l->tx[0].index - 1; zi >= 0; zi--)
			if (!l->zone[zi].dst)
				return (size_t)zi;
	}
	for (size_t zi = 0; zi < l->nzone; zi++)
		if (!l->zone[zi].dst)
			return zi;
	return 0;
}

/* Location.lookup; a footer zone's name is copied into the arena. */
static struct zlookup loc_lookup(struct arena *a, const struct fn_loc *l, int64_t sec)
{
	struct zlookup z = { "UTC", 0, ALPHA, OMEGA, false };
	if (l->nzone == 0)
		return z;
	if (l->ntx == 0 || sec < l->tx[0].when) {
		const struct zone_ent *ze = &l->zone[lookup_first_zone(l)];
		z.name = ze->name;
		z.offset = ze->offset;
		z.end = l->ntx > 0 ? l->tx[0].when : OMEGA;
		z.dst = ze->dst;
		return z;
	}
	size_t lo = 0, hi = l->ntx;
	z.end = OMEGA;
	while (hi - lo > 1) {
		size_t m = (lo + hi) >> 1;
		int64_t lim = l->tx[m].when;
		if (sec < lim) {
			z.end = lim;
			hi = m;
		} else {
			lo = m;
		}
	}
	const struct zone_ent *ze = &l->zone[l->tx[lo].index];
	z.name = ze->name;
	z.offset = ze->offset;
	z.start = l->tx[lo].when;
	z.dst = ze->dst;
	if (lo == l->ntx - 1 && l->extend[0]) {
		struct zlookup ez;
		struct sb names = SB_INIT;
		size_t nlen;
		if (go_tzset(l->extend, z.start, sec, &ez, &nlen, &names)) {
			ez.name = arena_memdup(a, names.buf, nlen + 1);
			((char *)ez.name)[nlen] = '\0';
			z = ez;
		}
		sb_release(&names);
	}
	return z;
}

/* ---- reading TZif (LoadLocationFromTZData) ---- */

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static const struct fn_loc *loc_from_tzdata(struct arena *a, const char *name, const unsigned char *p, size_t n)
{
	size_t pos = 0;
#define NEED(k)                          \
	do {                             \
		if (n - pos < (size_t)(k)) \
			return NULL;     \
	} while (0)
	NEED(4 + 16);
	if (memcmp(p, "TZif", 4) != 0)
		return NULL;
	int version = p[4] == 0 ? 1 : p[4] == '2' ? 2 : p[4] == '3' ? 3 : 0;
	if (!version)
		return NULL;
	pos = 20;
	uint32_t cnt[6]; /* UTCLocal StdWall Leap Time Zone Char */
	NEED(24);
	for (int i = 0; i < 6; i++, pos += 4)
		cnt[i] = be32(p + pos);
	bool is64 = false;
	if (version > 1) {
		size_t skip = (size_t)cnt[3] * 4 + cnt[3] + (size_t)cnt[4] * 6 + cnt[5] + (size_t)cnt[2] * 8 + cnt[1] +
			      cnt[0];
		skip += 4 + 16;
		if (n - pos < skip)
			pos = n;
		else
			pos += skip;
		is64 = true;
		NEED(24);
		for (int i = 0; i < 6; i++, pos += 4)
			cnt[i] = be32(p + pos);
	}
	size_t size = is64 ? 8 : 4;
	size_t ntime = cnt[3], nzone = cnt[4], nchar = cnt[5];
	NEED(ntime * size);
	const unsigned char *txtimes = p + pos;
	pos += ntime * size;
	NEED(ntime);
	const unsigned char *txzones = p + pos;
	pos += ntime;
	NEED(nzone * 6);
	const unsigned char *zonedata = p + pos;
	pos += nzone * 6;
	NEED(nchar);
	const char *abbrev = (const char *)p + pos;
	pos += nchar;
	NEED((size_t)cnt[2] * (size + 4));
	pos += (size_t)cnt[2] * (size + 4);
	NEED(cnt[1]);
	pos += cnt[1]; /* isstd: unused by lookups */
	NEED(cnt[0]);
	pos += cnt[0];
#undef NEED
	const char *extend = "";
	if (n - pos > 2 && p[pos] == '\n' && p[n - 1] == '\n') {
		char *x = arena_alloc(a, n - pos - 1);
		memcpy(x, p + pos + 1, n - pos - 2);
		x[n - pos - 2] = '\0';
		extend = x;
	}
	if (nzone == 0)
		return NULL;
	struct zone_ent *zones = arena_alloc(a, nzone * sizeof(*zones));
	for (size_t i = 0; i < nzone; i++) {
		const unsigned char *z = zonedata + i * 6;
		zones[i].offset = (int)(int32_t)be32(z);
		zones[i].dst = z[4] != 0;
		if (z[5] >= nchar)
			return NULL;
		const char *ab = abbrev + z[5];
		size_t len = strnlen(ab, nchar - z[5]);
		char *nm = arena_alloc(a, len + 1);
		memcpy(nm, ab, len);
		nm[len] = '\0';
		zones[i].name = nm;
	}
	size_t ntx = ntime ? ntime : 1;
	struct zone_tx *tx = arena_alloc(a, ntx * sizeof(*tx));
	for (size_t i = 0; i < ntime; i++) {
		if (is64)
			tx[i].when = (int64_t)((uint64_t)be32(txtimes + i * 8) << 32 | be32(txtimes + i * 8 + 4));
		else
			tx[i].when = (int32_t)be32(txtimes + i * 4);
		if (txzones[i] >= nzone)
			return NULL;
		tx[i].index = txzones[i];
	}
	if (!ntime) {
		tx[0].when = ALPHA;
		tx[0].index = 0;
	}
	struct fn_loc *l = arena_alloc(a, sizeof(*l));
	l->name = name;
	l->zone = zones;
	l->nzone = nzone;
	l->tx = tx;
	l->ntx = ntx;
	l->extend = extend;
	return l;
}

/* os-free readFile of Go's time package (10 MB cap). */
static bool read_file(const char *path, struct sb *out)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool ok = true;
	for (;;) {
		sb_grow(out, 4096);
		ssize_t r = read(fd, out->buf + out->len, 4096);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			ok = false;
			break;
		}
		if (r == 0)
			break;
		sb_setlen(out, out->len + (size_t)r);
		if (out->len > 10 << 20) {
			ok = false;
			break;
		}
	}
	close(fd);
	return ok;
}

static const char *const zone_sources[] = {
	"/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/", "/usr/lib/locale/TZ/", "/etc/zoneinfo",
};

/* loadLocation(name, sources): the first source whose file parses. */
static const struct fn_loc *load_from_sources(struct arena *a, const char *name, size_t n, const char *const *src,
					      size_t nsrc)
{
	if (memchr(name, '\0', n))
		return NULL;
	struct sb path = SB_INIT, data = SB_INIT;
	const struct fn_loc *l = NULL;
	char *nm = arena_alloc(a, n + 1);
	memcpy(nm, name, n);
	nm[n] = '\0';
	for (size_t i = 0; i < nsrc && !l; i++) {
		sb_reset(&path);
		sb_reset(&data);
		if (src[i][0]) {
			sb_adds(&path, src[i]);
			sb_addc(&path, '/');
		}
		sb_add(&path, name, n);
		if (read_file(path.buf, &data))
			l = loc_from_tzdata(a, nm, (const unsigned char *)data.buf, data.len);
	}
	sb_release(&path);
	sb_release(&data);
	return l;
}

/* time.Local, set up as initLocal does from $TZ. */
static const struct fn_loc *load_local(struct arena *a)
{
	const char *tz = getenv("TZ");
	if (!tz) {
		static const char *const etc[] = { "/etc" };
		const struct fn_loc *l = load_from_sources(a, "localtime", 9, etc, 1);
		if (l) {
			struct fn_loc *c = arena_alloc(a, sizeof(*c));
			*c = *l;
			c->name = "Local";
			return c;
		}
	} else if (*tz) {
		if (*tz == ':')
			tz++;
		if (*tz == '/') {
			static const char *const root[] = { "" };
			const struct fn_loc *l = load_from_sources(a, tz, strlen(tz), root, 1);
			if (l) {
				struct fn_loc *c = arena_alloc(a, sizeof(*c));
			*c = *l;
				c->name = strcmp(tz, "/etc/localtime") == 0 ? "Local" : c->name;
				return c;
			}
		} else if (*tz && strcmp(tz, "UTC") != 0) {
			const struct fn_loc *l = load_from_sources(a, tz, strlen(tz), zone_sources, 4);
			if (l)
				return l;
		}
	}
	return &loc_utc; /* named "UTC", no zones, as Go falls back */
}

/* time.LoadLocation; NULL for its errors. */
static const struct fn_loc *load_location(struct arena *a, const char *name, size_t n)
{
	if (n == 0 || (n == 3 && memcmp(name, "UTC", 3) == 0))
		return &loc_utc;
	if (n == 5 && memcmp(name, "Local", 5) == 0)
		return load_local(a);
	for (size_t i = 0; i + 1 < n; i++)
		if (name[i] == '.' && name[i + 1] == '.')
			return NULL;
	if (name[0] == '/' || name[0] == '\\')
		return NULL;
	const char *zi = getenv("ZONEINFO");
	if (zi && *zi && !(strlen(zi) > 4 && strcmp(zi + strlen(zi) - 4, ".zip") == 0)) {
		const char *const src[] = { zi };
		const struct fn_loc *l = load_from_sources(a, name, n, src, 1);
		if (l)
			return l;
	}
	return load_from_sources(a, name, n, zone_sources, 4);
}

static const struct fn_loc *fixed_zone(struct arena *a, const char *name, size_t n, int offset)
{
	struct zone_ent *z = arena_alloc(a, sizeof(*z));
	char *nm = arena_alloc(a, n + 1);
	memcpy(nm, name, n);
	nm[n] = '\0';
	z->name = nm;
	z->offset = offset;
	z->dst = false;
	struct zone_tx *tx = arena_alloc(a, sizeof(*tx));
	tx->when = ALPHA;
	tx->index = 0;
	struct fn_loc *l = arena_alloc(a, sizeof(*l));
	*l = (struct fn_loc){ nm, z, 1, tx, 1, "" };
	return l;
}

/* ---- time.Time ---- */

struct gotime {
	int64_t sec; /* seconds since January 1, year 1 (Go's internal) */
	int32_t nsec;
	const struct fn_loc *loc;
	bool has_mono;
	int64_t mono;
};

static int64_t unix_sec(const struct gotime *t) { return wadd(t->sec, INTERNAL_TO_UNIX); }

static struct gotime unix_time(int64_t sec, int32_t nsec, const struct fn_loc *loc)
{
	return (struct gotime){ wadd(sec, UNIX_TO_INTERNAL), nsec, loc, false, 0 };
}

/* locabs: zone name and offset in effect, and the absolute local time. */
static uint64_t locabs(struct arena *a, const struct gotime *t, const char **name, int *offset)
{
	int64_t sec = unix_sec(t);
	struct zlookup z = loc_lookup(a, t->loc, sec);
	if (name)
		*name = z.name;
	if (offset)
		*offset = z.offset;
	sec = wadd(sec, z.offset);
	return (uint64_t)wadd(sec, UNIX_TO_INTERNAL + INTERNAL_TO_ABSOLUTE);
}

static void add_sec(struct gotime *t, int64_t d)
{
	/* monotonic times keep their wall clock in range; the rest saturate */
	int64_t sum = wadd(t->sec, d);
	if ((sum > t->sec) == (d > 0))
		t->sec = sum;
	else if (d > 0)
		t->sec = INT64_MAX;
	else
		t->sec = -INT64_MAX;
}

/* norm(hi, lo, base) */
static void norm(int64_t *hi, int64_t *lo, int64_t base)
{
	if (*lo < 0) {
		int64_t n = (-*lo - 1) / base + 1;
		*hi = wsub(*hi, n);
		*lo = wadd(*lo, wmul(n, base));
	}
	if (*lo >= base) {
		int64_t n = *lo / base;
		*hi = wadd(*hi, n);
		*lo = wsub(*lo, wmul(n, base));
	}
}

/* time.Date */
static struct gotime go_date(struct arena *a, int64_t year, int64_t month, int64_t day, int64_t hour, int64_t min,
			     int64_t sec, int64_t nsec, const struct fn_loc *loc)
{
	int64_t m = wsub(month, 1);
	norm(&year, &m, 12);
	month = m + 1;
	norm(&sec, &nsec, NSEC_PER_SEC);
	norm(&min, &sec, 60);
	norm(&hour, &min, 60);
	norm(&day, &hour, 24);
	uint64_t d = days_since_epoch(year);
	d += (uint64_t)days_before[month - 1];
	if (is_leap(year) && month >= 3)
		d++;
	d += (uint64_t)wsub(day, 1);
	uint64_t abs = d * SECS_PER_DAY;
	abs += (uint64_t)wadd(wadd(wmul(hour, SECS_PER_HOUR), wmul(min, SECS_PER_MIN)), sec);
	int64_t unix = wadd((int64_t)abs, ABSOLUTE_TO_INTERNAL + INTERNAL_TO_UNIX);
	struct zlookup z = loc_lookup(a, loc, unix);
	if (z.offset != 0) {
		int64_t utc = wsub(unix, z.offset);
		if (utc < z.start || utc >= z.end)
			z = loc_lookup(a, loc, utc);
		unix = wsub(unix, z.offset);
	}
	return unix_time(unix, (int32_t)nsec, loc);
}

static bool time_equal(const struct gotime *t, const struct gotime *u)
{
	return t->sec == u->sec && t->nsec == u->nsec;
}

static bool time_before(const struct gotime *t, const struct gotime *u)
{
	if (t->has_mono && u->has_mono)
		return t->mono < u->mono;
	return t->sec < u->sec || (t->sec == u->sec && t->nsec < u->nsec);
}

static struct gotime time_add(struct gotime t, int64_t d)
{
	int64_t dsec = d / NSEC_PER_SEC;
	int32_t nsec = t.nsec + (int32_t)(d % NSEC_PER_SEC);
	if (nsec >= NSEC_PER_SEC) {
		dsec++;
		nsec -= NSEC_PER_SEC;
	} else if (nsec < 0) {
		dsec--;
		nsec += NSEC_PER_SEC;
	}
	t.nsec = nsec;
	add_sec(&t, dsec);
	if (t.has_mono) {
		int64_t te = wadd(t.mono, d);
		if ((d < 0 && te > t.mono) || (d > 0 && te < t.mono))
			t.has_mono = false;
		else
			t.mono = te;
	}
	return t;
}

static int64_t time_sub(const struct gotime *t, const struct gotime *u)
{
	if (t->has_mono && u->has_mono) {
		int64_t d = wsub(t->mono, u->mono);
		if (d < 0 && t->mono > u->mono)
			return INT64_MAX;
		if (d > 0 && t->mono < u->mono)
			return INT64_MIN;
		return d;
	}
	int64_t d = wadd(wmul(wsub(t->sec, u->sec), NSEC_PER_SEC), t->nsec - u->nsec);
	struct gotime back = time_add(*u, d);
	if (time_equal(&back, t))
		return d;
	return time_before(t, u) ? INT64_MIN : INT64_MAX;
}

/* time.Now(): wall clock and a monotonic reading (CLOCK_MONOTONIC; Go
 * counts from process start, which only shows in String's m=). */
static struct gotime time_now(struct arena *a)
{
	struct timespec ts, mono;
	clock_gettime(CLOCK_REALTIME, &ts);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	struct gotime t = unix_time(ts.tv_sec, (int32_t)ts.tv_nsec, load_local(a));
	t.has_mono = true;
	t.mono = (int64_t)mono.tv_sec * NSEC_PER_SEC + mono.tv_nsec;
	return t;
}

/* ---- formatting ---- */

enum {
	STD_LONG_MONTH = 1, STD_MONTH, STD_NUM_MONTH, STD_ZERO_MONTH, STD_LONG_WEEKDAY, STD_WEEKDAY, STD_DAY,
	STD_UNDER_DAY, STD_ZERO_DAY, STD_UNDER_YEARDAY, STD_ZERO_YEARDAY, STD_HOUR, STD_HOUR12, STD_ZERO_HOUR12,
	STD_MINUTE, STD_ZERO_MINUTE, STD_SECOND, STD_ZERO_SECOND, STD_LONG_YEAR, STD_YEAR, STD_PM, STD_pm, STD_TZ,
	STD_ISO8601_TZ, STD_ISO8601_SECONDS_TZ, STD_ISO8601_SHORT_TZ, STD_ISO8601_COLON_TZ,
	STD_ISO8601_COLON_SECONDS_TZ, STD_NUM_TZ, STD_NUM_SECONDS_TZ, STD_NUM_SHORT_TZ, STD_NUM_COLON_TZ,
	STD_NUM_COLON_SECONDS_TZ, STD_FRAC0, STD_FRAC9,
};

struct chunk {
	size_t prefix; /* bytes of literal text before the element */
	int std;       /* 0: none (all of the layout was literal) */
	size_t len;    /* bytes of the element */
	int ndigits;   /* fractional seconds: digits */
	char sep;      /* fractional seconds: '.' or ',' */
};

static bool need_date(int std)
{
	return (std >= STD_LONG_MONTH && std <= STD_ZERO_YEARDAY) || std == STD_LONG_YEAR || std == STD_YEAR;
}

static bool need_clock(int std)
{
	return (std >= STD_HOUR && std <= STD_ZERO_SECOND) || std == STD_PM || std == STD_pm;
}

static bool starts_lower(const char *s, size_t n)
{
	return n > 0 && s[0] >= 'a' && s[0] <= 'z';
}

static bool has(const char *s, size_t n, size_t i, const char *w)
{
	size_t k = strlen(w);
	return n >= i + k && memcmp(s + i, w, k) == 0;
}

/* nextStdChunk */
static struct chunk next_chunk(const char *l, size_t n)
{
	static const int std0x[6] = { STD_ZERO_MONTH, STD_ZERO_DAY, STD_ZERO_HOUR12, STD_ZERO_MINUTE, STD_ZERO_SECOND,
				      STD_YEAR };
	struct chunk c = { n, 0, 0, 0, '.' };
	for (size_t i = 0; i < n; i++) {
#define RET(s, k)                  \
	do {                       \
		c.prefix = i;      \
		c.std = (s);       \
		c.len = (k);       \
		return c;          \
	} while (0)
		switch (l[i]) {
		case 'J':
			if (has(l, n, i, "Jan")) {
				if (has(l, n, i, "January"))
					RET(STD_LONG_MONTH, 7);
				if (!starts_lower(l + i + 3, n - i - 3))
					RET(STD_MONTH, 3);
			}
			break;
		case 'M':
			if (n >= i + 3) {
				if (has(l, n, i, "Mon")) {
					if (has(l, n, i, "Monday"))
						RET(STD_LONG_WEEKDAY, 6);
					if (!starts_lower(l + i + 3, n - i - 3))
						RET(STD_WEEKDAY, 3);
				}
				if (has(l, n, i, "MST"))
					RET(STD_TZ, 3);
			}
			break;
		case '0':
			if (n >= i + 2 && l[i + 1] >= '1' && l[i + 1] <= '6')
				RET(std0x[l[i + 1] - '1'], 2);
			if (n >= i + 3 && l[i + 1] == '0' && l[i + 2] == '2')
				RET(STD_ZERO_YEARDAY, 3);
			break;
		case '1':
			if (n >= i + 2 && l[i + 1] == '5')
				RET(STD_HOUR, 2);
			RET(STD_NUM_MONTH, 1);
		case '2':
			if (has(l, n, i, "2006"))
				RET(STD_LONG_YEAR, 4);
			RET(STD_DAY, 1);
		case '_':
			if (n >= i + 2 && l[i + 1] == '2') {
				if (n >= i + 5 && memcmp(l + i + 1, "2006", 4) == 0) {
					c.prefix = i + 1;
					c.std = STD_LONG_YEAR;
					c.len = 4;
					return c;
				}
				RET(STD_UNDER_DAY, 2);
			}
			if (n >= i + 3 && l[i + 1] == '_' && l[i + 2] == '2')
				RET(STD_UNDER_YEARDAY, 3);
			break;
		case '3':
			RET(STD_HOUR12, 1);
		case '4':
			RET(STD_MINUTE, 1);
		case '5':
			RET(STD_SECOND, 1);
		case 'P':
			if (n >= i + 2 && l[i + 1] == 'M')
				RET(STD_PM, 2);
			break;
		case 'p':
			if (n >= i + 2 && l[i + 1] == 'm')
				RET(STD_pm, 2);
			break;
		case '-':
			if (has(l, n, i, "-070000"))
				RET(STD_NUM_SECONDS_TZ, 7);
			if (has(l, n, i, "-07:00:00"))
				RET(STD_NUM_COLON_SECONDS_TZ, 9);
			if (has(l, n, i, "-0700"))
				RET(STD_NUM_TZ, 5);
			if (has(l, n, i, "-07:00"))
				RET(STD_NUM_COLON_TZ, 6);
			if (has(l, n, i, "-07"))
				RET(STD_NUM_SHORT_TZ, 3);
			break;
		case 'Z':
			if (has(l, n, i, "Z070000"))
				RET(STD_ISO8601_SECONDS_TZ, 7);
			if (has(l, n, i, "Z07:00:00"))
				RET(STD_ISO8601_COLON_SECONDS_TZ, 9);
			if (has(l, n, i, "Z0700"))
				RET(STD_ISO8601_TZ, 5);
			if (has(l, n, i, "Z07:00"))
				RET(STD_ISO8601_COLON_TZ, 6);
			if (has(l, n, i, "Z07"))
				RET(STD_ISO8601_SHORT_TZ, 3);
			break;
		case '.':
		case ',':
			if (i + 1 < n && (l[i + 1] == '0' || l[i + 1] == '9')) {
				char ch = l[i + 1];
				size_t j = i + 1;
				while (j < n && l[j] == ch)
					j++;
				if (!(j < n && l[j] >= '0' && l[j] <= '9')) {
					c.prefix = i;
					c.std = ch == '9' ? STD_FRAC9 : STD_FRAC0;
					c.len = j - i;
					c.ndigits = (int)((j - (i + 1)) & 0xfff);
					c.sep = l[i];
					return c;
				}
			}
			break;
		}
#undef RET
	}
	return c;
}

/* appendInt(b, x, width) */
static void append_int(struct sb *b, int64_t x, int width)
{
	uint64_t u = (uint64_t)x;
	if (x < 0) {
		sb_addc(b, '-');
		u = -u;
	}
	char buf[24];
	int n = 0;
	do {
		buf[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	for (int pad = width - n; pad > 0; pad--)
		sb_addc(b, '0');
	while (n)
		sb_addc(b, buf[--n]);
}

static void append_nano(struct sb *b, int nsec, int std, int ndigits, char sep)
{
	bool trim = std == STD_FRAC9;
	if (trim && (ndigits == 0 || nsec == 0))
		return;
	size_t start = b->len;
	sb_addc(b, sep);
	append_int(b, nsec, 9);
	if (ndigits < 9)
		sb_setlen(b, b->len - 9 + (size_t)ndigits);
	if (trim) {
		while (b->len > start && b->buf[b->len - 1] == '0')
			sb_setlen(b, b->len - 1);
		if (b->len > start && b->buf[b->len - 1] == sep)
			sb_setlen(b, b->len - 1);
	}
}

static int abs_weekday(uint64_t abs)
{
	uint64_t sec = (abs + 1 * SECS_PER_DAY) % SECS_PER_WEEK;
	return (int)(sec / SECS_PER_DAY);
}

/* Time.Format(layout), appended to b */
static void time_format(struct arena *a, const struct gotime *t, const char *l, size_t n, struct sb *b)
{
	const char *name;
	int offset;
	uint64_t abs = locabs(a, t, &name, &offset);
	int64_t year = -1;
	int month = 0, day = 0, yday = 0, hour = -1, min = 0, sec = 0;
	while (n) {
		struct chunk c = next_chunk(l, n);
		sb_add(b, l, c.prefix);
		if (!c.std)
			break;
		l += c.prefix + c.len;
		n -= c.prefix + c.len;
		if (year < 0 && need_date(c.std)) {
			abs_date(abs, true, &year, &month, &day, &yday);
			yday++;
		}
		if (hour < 0 && need_clock(c.std)) {
			int s = (int)(abs % SECS_PER_DAY);
			hour = s / SECS_PER_HOUR;
			s -= hour * SECS_PER_HOUR;
			min = s / SECS_PER_MIN;
			sec = s - min * SECS_PER_MIN;
		}
		int std = c.std;
		switch (std) {
		case STD_YEAR: {
			int64_t y = year < 0 ? -year : year;
			append_int(b, y % 100, 2);
			break;
		}
		case STD_LONG_YEAR:
			append_int(b, year, 4);
			break;
		case STD_MONTH:
			sb_adds(b, short_month[month - 1]);
			break;
		case STD_LONG_MONTH:
			sb_adds(b, long_month[month - 1]);
			break;
		case STD_NUM_MONTH:
			append_int(b, month, 0);
			break;
		case STD_ZERO_MONTH:
			append_int(b, month, 2);
			break;
		case STD_WEEKDAY:
			sb_adds(b, short_day[abs_weekday(abs)]);
			break;
		case STD_LONG_WEEKDAY:
			sb_adds(b, long_day[abs_weekday(abs)]);
			break;
		case STD_DAY:
			append_int(b, day, 0);
			break;
		case STD_UNDER_DAY:
			if (day < 10)
				sb_addc(b, ' ');
			append_int(b, day, 0);
			break;
		case STD_ZERO_DAY:
			append_int(b, day, 2);
			break;
		case STD_UNDER_YEARDAY:
			if (yday < 100) {
				sb_addc(b, ' ');
				if (yday < 10)
					sb_addc(b, ' ');
			}
			append_int(b, yday, 0);
			break;
		case STD_ZERO_YEARDAY:
			append_int(b, yday, 3);
			break;
		case STD_HOUR:
			append_int(b, hour, 2);
			break;
		case STD_HOUR12:
		case STD_ZERO_HOUR12: {
			int hr = hour % 12;
			append_int(b, hr == 0 ? 12 : hr, std == STD_HOUR12 ? 0 : 2);
			break;
		}
		case STD_MINUTE:
			append_int(b, min, 0);
			break;
		case STD_ZERO_MINUTE:
			append_int(b, min, 2);
			break;
		case STD_SECOND:
			append_int(b, sec, 0);
			break;
		case STD_ZERO_SECOND:
			append_int(b, sec, 2);
			break;
		case STD_PM:
			sb_adds(b, hour >= 12 ? "PM" : "AM");
			break;
		case STD_pm:
			sb_adds(b, hour >= 12 ? "pm" : "am");
			break;
		case STD_ISO8601_TZ:
		case STD_ISO8601_COLON_TZ:
		case STD_ISO8601_SECONDS_TZ:
		case STD_ISO8601_SHORT_TZ:
		case STD_ISO8601_COLON_SECONDS_TZ:
		case STD_NUM_TZ:
		case STD_NUM_COLON_TZ:
		case STD_NUM_SECONDS_TZ:
		case STD_NUM_SHORT_TZ:
		case STD_NUM_COLON_SECONDS_TZ: {
			bool iso = std >= STD_ISO8601_TZ && std <= STD_ISO8601_COLON_SECONDS_TZ;
			if (offset == 0 && iso) {
				sb_addc(b, 'Z');
				break;
			}
			int zone = offset / 60, absoff = offset;
			if (zone < 0) {
				sb_addc(b, '-');
				zone = -zone;
				absoff = -absoff;
			} else {
				sb_addc(b, '+');
			}
			append_int(b, zone / 60, 2);
			if (std == STD_ISO8601_COLON_TZ || std == STD_NUM_COLON_TZ || std == STD_ISO8601_COLON_SECONDS_TZ ||
			    std == STD_NUM_COLON_SECONDS_TZ)
				sb_addc(b, ':');
			if (std != STD_NUM_SHORT_TZ && std != STD_ISO8601_SHORT_TZ)
				append_int(b, zone % 60, 2);
			if (std == STD_ISO8601_SECONDS_TZ || std == STD_NUM_SECONDS_TZ || std == STD_NUM_COLON_SECONDS_TZ ||
			    std == STD_ISO8601_COLON_SECONDS_TZ) {
				if (std == STD_NUM_COLON_SECONDS_TZ || std == STD_ISO8601_COLON_SECONDS_TZ)
					sb_addc(b, ':');
				append_int(b, absoff % 60, 2);
			}
			break;
		}
		case STD_TZ:
			if (name[0]) {
				sb_adds(b, name);
				break;
			}
			{
				int zone = offset / 60;
				if (zone < 0) {
					sb_addc(b, '-');
					zone = -zone;
				} else {
					sb_addc(b, '+');
				}
				append_int(b, zone / 60, 2);
				append_int(b, zone % 60, 2);
			}
			break;
		case STD_FRAC0:
		case STD_FRAC9:
			append_nano(b, t->nsec, std, c.ndigits, c.sep);
			break;
		}
	}
}

/* Time.String(), with the monotonic reading when there is one. */
static void time_string(struct arena *a, const struct gotime *t, struct sb *b)
{
	static const char layout[] = "2006-01-02 15:04:05.999999999 -0700 MST";
	time_format(a, t, layout, sizeof(layout) - 1, b);
	if (t->has_mono) {
		uint64_t m2 = (uint64_t)t->mono;
		char sign = '+';
		if (t->mono < 0) {
			sign = '-';
			m2 = -m2;
		}
		uint64_t m1 = m2 / 1000000000, m0;
		m2 %= 1000000000;
		m0 = m1 / 1000000000;
		m1 %= 1000000000;
		sb_adds(b, " m=");
		sb_addc(b, sign);
		int wid = 0;
		if (m0) {
			append_int(b, (int64_t)m0, 0);
			wid = 9;
		}
		append_int(b, (int64_t)m1, wid);
		sb_addc(b, '.');
		append_int(b, (int64_t)m2, 9);
	}
}

/* ---- parsing (time.parse) ---- */

/* time's own quote() for error texts */
static void time_quote(struct sb *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	sb_addc(b, '"');
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80 || c < ' ') {
			/* one rune: the bytes of a valid UTF-8 sequence, or one bad byte */
			size_t w = 1;
			if (c >= 0xc0) {
				size_t need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
				size_t k = 1;
				while (k < need && i + k < n && ((unsigned char)s[i + k] & 0xc0) == 0x80)
					k++;
				if (k == need)
					w = need;
			}
			for (size_t j = 0; j < w; j++) {
				sb_adds(b, "\\x");
				sb_addc(b, hex[(unsigned char)s[i + j] >> 4]);
				sb_addc(b, hex[(unsigned char)s[i + j] & 15]);
			}
			i += w;
		} else {
			if (c == '"' || c == '\\')
				sb_addc(b, '\\');
			sb_addc(b, (char)c);
			i++;
		}
	}
	sb_addc(b, '"');
}

struct pstr {
	const char *p;
	size_t n;
};

static void parse_error(struct sb *err, struct pstr layout, struct pstr value, struct pstr lelem, struct pstr velem,
			const char *msg, struct pstr msgq)
{
	sb_adds(err, "parsing time ");
	time_quote(err, value.p, value.n);
	if (!msg) {
		sb_adds(err, " as ");
		time_quote(err, layout.p, layout.n);
		sb_adds(err, ": cannot parse ");
		time_quote(err, velem.p, velem.n);
		sb_adds(err, " as ");
		time_quote(err, lelem.p, lelem.n);
		return;
	}
	sb_adds(err, msg);
	if (msgq.p)
		time_quote(err, msgq.p, msgq.n);
	(void)lelem;
}

static bool is_dig(struct pstr s, size_t i)
{
	return i < s.n && s.p[i] >= '0' && s.p[i] <= '9';
}

static void adv(struct pstr *s, size_t k)
{
	s->p += k;
	s->n -= k;
}

/* getnum(s, fixed) */
static bool getnum(struct pstr *s, bool fixed, int *out)
{
	if (!is_dig(*s, 0))
		return false;
	if (!is_dig(*s, 1)) {
		if (fixed)
			return false;
		*out = s->p[0] - '0';
		adv(s, 1);
		return true;
	}
	*out = (s->p[0] - '0') * 10 + (s->p[1] - '0');
	adv(s, 2);
	return true;
}

static bool getnum3(struct pstr *s, bool fixed, int *out)
{
	int v = 0;
	size_t i = 0;
	for (; i < 3 && is_dig(*s, i); i++)
		v = v * 10 + (s->p[i] - '0');
	if (i == 0 || (fixed && i != 3))
		return false;
	*out = v;
	adv(s, i);
	return true;
}

/* leadingInt: digits as uint64 (false on overflow past 1<<63) */
static bool leading_int(struct pstr *s, uint64_t *x)
{
	uint64_t v = 0;
	size_t i = 0;
	for (; i < s->n; i++) {
		char c = s->p[i];
		if (c < '0' || c > '9')
			break;
		if (v > (UINT64_C(1) << 63) / 10)
			return false;
		v = v * 10 + (uint64_t)(c - '0');
		if (v > UINT64_C(1) << 63)
			return false;
	}
	*x = v;
	adv(s, i);
	return true;
}

/* time's atoi: [+-]digits, nothing else */
static bool t_atoi(struct pstr s, int64_t *out)
{
	bool neg = false;
	if (s.n > 0 && (s.p[0] == '-' || s.p[0] == '+')) {
		neg = s.p[0] == '-';
		adv(&s, 1);
	}
	uint64_t q;
	if (!leading_int(&s, &q) || s.n > 0)
		return false;
	int64_t x = (int64_t)q;
	*out = neg ? wsub(0, x) : x;
	return true;
}

/* lookup(tab, val): case-insensitive ASCII prefix match */
static int name_lookup(const char *const *tab, int ntab, struct pstr *s)
{
	for (int i = 0; i < ntab; i++) {
		size_t k = strlen(tab[i]);
		if (s->n < k)
			continue;
		bool ok = true;
		for (size_t j = 0; j < k && ok; j++) {
			unsigned char c1 = (unsigned char)s->p[j], c2 = (unsigned char)tab[i][j];
			if (c1 != c2) {
				c1 |= 'a' - 'A';
				c2 |= 'a' - 'A';
				ok = c1 == c2 && c1 >= 'a' && c1 <= 'z';
			}
		}
		if (ok) {
			adv(s, k);
			return i;
		}
	}
	return -1;
}

/* parseNanoseconds(value, nbytes): value starts with '.' or ','. */
static bool parse_nanos(struct pstr v, size_t nbytes, int *ns, const char **range)
{
	if (v.p[0] != '.' && v.p[0] != ',')
		return false;
	if (nbytes > 10)
		nbytes = 10;
	int64_t x;
	if (!t_atoi((struct pstr){ v.p + 1, nbytes - 1 }, &x))
		return false;
	if (x < 0) {
		*range = "fractional second";
		return true;
	}
	for (size_t i = 0; i < 10 - nbytes; i++)
		x *= 10;
	*ns = (int)x;
	return true;
}

static size_t parse_signed_offset(struct pstr v)
{
	if (v.p[0] != '-' && v.p[0] != '+')
		return 0;
	struct pstr r = { v.p + 1, v.n - 1 };
	uint64_t x;
	if (!leading_int(&r, &x) || r.n == v.n - 1)
		return 0;
	if (x > 23)
		return 0;
	return v.n - r.n;
}

static bool parse_time_zone(struct pstr v, size_t *len)
{
	if (v.n < 3)
		return false;
	if (v.n >= 4 && (memcmp(v.p, "ChST", 4) == 0 || memcmp(v.p, "MeST", 4) == 0)) {
		*len = 4;
		return true;
	}
	if (memcmp(v.p, "GMT", 3) == 0) {
		*len = v.n == 3 ? 3 : 3 + parse_signed_offset((struct pstr){ v.p + 3, v.n - 3 });
		return true;
	}
	if (v.p[0] == '+' || v.p[0] == '-') {
		*len = parse_signed_offset(v);
		return *len > 0;
	}
	size_t up = 0;
	for (; up < 6 && up < v.n && v.p[up] >= 'A' && v.p[up] <= 'Z'; up++)
		;
	switch (up) {
	case 5:
		if (v.p[4] == 'T') {
			*len = 5;
			return true;
		}
		return false;
	case 4:
		if (v.p[3] == 'T' || memcmp(v.p, "WITA", 4) == 0) {
			*len = 4;
			return true;
		}
		return false;
	case 3:
		*len = 3;
		return true;
	default:
		return false;
	}
}

/* skip(value, prefix): literal layout text, spaces matching runs */
static bool skip_prefix(struct pstr *v, struct pstr pre)
{
	while (pre.n) {
		if (pre.p[0] == ' ') {
			if (v->n && v->p[0] != ' ')
				return false;
			while (pre.n && pre.p[0] == ' ')
				adv(&pre, 1);
			while (v->n && v->p[0] == ' ')
				adv(v, 1);
			continue;
		}
		if (!v->n || v->p[0] != pre.p[0])
			return false;
		adv(&pre, 1);
		adv(v, 1);
	}
	return true;
}

/* lookupName(name, unix) */
static bool lookup_name(struct arena *a, const struct fn_loc *l, const char *name, size_t n, int64_t unix,
			int *offset)
{
	for (size_t i = 0; i < l->nzone; i++) {
		const struct zone_ent *z = &l->zone[i];
		if (strlen(z->name) == n && memcmp(z->name, name, n) == 0) {
			struct zlookup r = loc_lookup(a, l, wsub(unix, z->offset));
			if (strcmp(r.name, z->name) == 0) {
				*offset = r.offset;
				return true;
			}
		}
	}
	for (size_t i = 0; i < l->nzone; i++) {
		const struct zone_ent *z = &l->zone[i];
		if (strlen(z->name) == n && memcmp(z->name, name, n) == 0) {
			*offset = z->offset;
			return true;
		}
	}
	return false;
}

/* time.parse(layout, value, loc, loc) — ParseInLocation.  False with the
 * ParseError text in err. */
static bool time_parse(struct arena *a, const char *lp, size_t ln, const char *vp, size_t vn, const struct fn_loc *local,
		       struct gotime *out, struct sb *err)
{
	struct pstr alayout = { lp, ln }, avalue = { vp, vn }, layout = alayout, value = avalue;
	const char *range = NULL;
	bool am = false, pm = false;
	int64_t year = 0;
	int month = -1, day = -1, yday = -1, hour = 0, min = 0, sec = 0, nsec = 0;
	bool z_utc = false;
	int zone_offset = -1;
	struct pstr zone_name = { "", 0 };
	static const struct pstr none = { NULL, 0 };
	for (;;) {
		struct chunk c = next_chunk(layout.p, layout.n);
		struct pstr prefix = { layout.p, c.prefix };
		struct pstr stdstr = { layout.p + c.prefix, c.len };
		if (!skip_prefix(&value, prefix)) {
			parse_error(err, alayout, avalue, prefix, value, NULL, none);
			return false;
		}
		if (!c.std) {
			if (value.n) {
				parse_error(err, alayout, avalue, (struct pstr){ "", 0 }, value, ": extra text: ", value);
				return false;
			}
			break;
		}
		adv(&layout, c.prefix + c.len);
		struct pstr hold = value;
		bool ok = true;
		int std = c.std;
		switch (std) {
		case STD_YEAR: {
			int64_t y;
			if (value.n < 2) {
				ok = false;
				break;
			}
			ok = t_atoi((struct pstr){ value.p, 2 }, &y);
			adv(&value, 2);
			if (ok)
				year = y >= 69 ? y + 1900 : y + 2000;
			break;
		}
		case STD_LONG_YEAR:
			if (value.n < 4 || !is_dig(value, 0)) {
				ok = false;
				break;
			}
			ok = t_atoi((struct pstr){ value.p, 4 }, &year);
			adv(&value, 4);
			break;
		case STD_MONTH:
			month = name_lookup(short_month, 12, &value) + 1;
			ok = month > 0;
			break;
		case STD_LONG_MONTH:
			month = name_lookup(long_month, 12, &value) + 1;
			ok = month > 0;
			break;
		case STD_NUM_MONTH:
		case STD_ZERO_MONTH:
			ok = getnum(&value, std == STD_ZERO_MONTH, &month);
			if (ok && (month <= 0 || month > 12))
				range = "month";
			break;
		case STD_WEEKDAY:
			ok = name_lookup(short_day, 7, &value) >= 0;
			break;
		case STD_LONG_WEEKDAY:
			ok = name_lookup(long_day, 7, &value) >= 0;
			break;
		case STD_DAY:
		case STD_UNDER_DAY:
		case STD_ZERO_DAY:
			if (std == STD_UNDER_DAY && value.n && value.p[0] == ' ')
				adv(&value, 1);
			ok = getnum(&value, std == STD_ZERO_DAY, &day);
			break;
		case STD_UNDER_YEARDAY:
		case STD_ZERO_YEARDAY:
			for (int i = 0; i < 2; i++)
				if (std == STD_UNDER_YEARDAY && value.n && value.p[0] == ' ')
					adv(&value, 1);
			ok = getnum3(&value, std == STD_ZERO_YEARDAY, &yday);
			break;
		case STD_HOUR:
			ok = getnum(&value, false, &hour);
			if (hour < 0 || 24 <= hour)
				range = "hour";
			break;
		case STD_HOUR12:
		case STD_ZERO_HOUR12:
			ok = getnum(&value, std == STD_ZERO_HOUR12, &hour);
			if (hour < 0 || 12 < hour)
				range = "hour";
			break;
		case STD_MINUTE:
		case STD_ZERO_MINUTE:
			ok = getnum(&value, std == STD_ZERO_MINUTE, &min);
			if (min < 0 || 60 <= min)
				range = "minute";
			break;
		case STD_SECOND:
		case STD_ZERO_SECOND:
			ok = getnum(&value, std == STD_ZERO_SECOND, &sec);
			if (!ok)
				break;
			if (sec < 0 || 60 <= sec) {
				range = "second";
				break;
			}
			/* a fractional second in the value but not in the layout */
			if (value.n >= 2 && (value.p[0] == '.' || value.p[0] == ',') && is_dig(value, 1)) {
				struct chunk nc = next_chunk(layout.p, layout.n);
				if (nc.std == STD_FRAC0 || nc.std == STD_FRAC9)
					break;
				size_t k = 2;
				while (k < value.n && is_dig(value, k))
					k++;
				ok = parse_nanos(value, k, &nsec, &range);
				adv(&value, k);
			}
			break;
		case STD_PM:
		case STD_pm:
			if (value.n < 2) {
				ok = false;
				break;
			}
			if (memcmp(value.p, std == STD_PM ? "PM" : "pm", 2) == 0)
				pm = true;
			else if (memcmp(value.p, std == STD_PM ? "AM" : "am", 2) == 0)
				am = true;
			else
				ok = false;
			adv(&value, 2);
			break;
		case STD_ISO8601_TZ:
		case STD_ISO8601_SHORT_TZ:
		case STD_ISO8601_COLON_TZ:
		case STD_ISO8601_SECONDS_TZ:
		case STD_ISO8601_COLON_SECONDS_TZ:
			if (value.n >= 1 && value.p[0] == 'Z') {
				adv(&value, 1);
				z_utc = true;
				break;
			}
			/* fall through */
		case STD_NUM_TZ:
		case STD_NUM_SHORT_TZ:
		case STD_NUM_COLON_TZ:
		case STD_NUM_SECONDS_TZ:
		case STD_NUM_COLON_SECONDS_TZ: {
			struct pstr sign, hh, mm, ss = { "00", 2 };
			if (std == STD_ISO8601_COLON_TZ || std == STD_NUM_COLON_TZ) {
				if (value.n < 6 || value.p[3] != ':') {
					ok = false;
					break;
				}
				sign = (struct pstr){ value.p, 1 };
				hh = (struct pstr){ value.p + 1, 2 };
				mm = (struct pstr){ value.p + 4, 2 };
				adv(&value, 6);
			} else if (std == STD_NUM_SHORT_TZ || std == STD_ISO8601_SHORT_TZ) {
				if (value.n < 3) {
					ok = false;
					break;
				}
				sign = (struct pstr){ value.p, 1 };
				hh = (struct pstr){ value.p + 1, 2 };
				mm = (struct pstr){ "00", 2 };
				adv(&value, 3);
			} else if (std == STD_ISO8601_COLON_SECONDS_TZ || std == STD_NUM_COLON_SECONDS_TZ) {
				if (value.n < 9 || value.p[3] != ':' || value.p[6] != ':') {
					ok = false;
					break;
				}
				sign = (struct pstr){ value.p, 1 };
				hh = (struct pstr){ value.p + 1, 2 };
				mm = (struct pstr){ value.p + 4, 2 };
				ss = (struct pstr){ value.p + 7, 2 };
				adv(&value, 9);
			} else if (std == STD_ISO8601_SECONDS_TZ || std == STD_NUM_SECONDS_TZ) {
				if (value.n < 7) {
					ok = false;
					break;
				}
				sign = (struct pstr){ value.p, 1 };
				hh = (struct pstr){ value.p + 1, 2 };
				mm = (struct pstr){ value.p + 3, 2 };
				ss = (struct pstr){ value.p + 5, 2 };
				adv(&value, 7);
			} else {
				if (value.n < 5) {
					ok = false;
					break;
				}
				sign = (struct pstr){ value.p, 1 };
				hh = (struct pstr){ value.p + 1, 2 };
				mm = (struct pstr){ value.p + 3, 2 };
				adv(&value, 5);
			}
			int hr = 0, mi = 0, se = 0;
			ok = getnum(&hh, true, &hr);
			if (ok)
				ok = getnum(&mm, true, &mi);
			if (ok)
				ok = getnum(&ss, true, &se);
			if (hr > 24)
				range = "time zone offset hour";
			if (mi > 60)
				range = "time zone offset minute";
			if (se > 60)
				range = "time zone offset second";
			zone_offset = (hr * 60 + mi) * 60 + se;
			if (sign.p[0] == '-')
				zone_offset = -zone_offset;
			else if (sign.p[0] != '+')
				ok = false;
			break;
		}
		case STD_TZ: {
			if (value.n >= 3 && memcmp(value.p, "UTC", 3) == 0) {
				z_utc = true;
				adv(&value, 3);
				break;
			}
			size_t k;
			if (!parse_time_zone(value, &k)) {
				ok = false;
				break;
			}
			zone_name = (struct pstr){ value.p, k };
			adv(&value, k);
			break;
		}
		case STD_FRAC0: {
			size_t nd = 1 + (size_t)c.ndigits;
			if (value.n < nd) {
				ok = false;
				break;
			}
			ok = parse_nanos(value, nd, &nsec, &range);
			adv(&value, nd);
			break;
		}
		case STD_FRAC9: {
			if (value.n < 2 || (value.p[0] != '.' && value.p[0] != ',') || value.p[1] < '0' || value.p[1] > '9')
				break;
			size_t i = 0;
			while (i + 1 < value.n && value.p[i + 1] >= '0' && value.p[i + 1] <= '9')
				i++;
			ok = parse_nanos(value, 1 + i, &nsec, &range);
			adv(&value, 1 + i);
			break;
		}
		}
		if (range) {
			char msg[64];
			snprintf(msg, sizeof(msg), ": %s out of range", range);
			parse_error(err, alayout, avalue, stdstr, value, msg, none);
			return false;
		}
		if (!ok) {
			parse_error(err, alayout, avalue, stdstr, hold, NULL, none);
			return false;
		}
	}
	if (pm && hour < 12)
		hour += 12;
	else if (am && hour == 12)
		hour = 0;

	if (yday >= 0) {
		int d = 0, m = 0;
		if (is_leap(year)) {
			if (yday == 31 + 29) {
				m = 2;
				d = 29;
			} else if (yday > 31 + 29) {
				yday--;
			}
		}
		if (yday < 1 || yday > 365) {
			parse_error(err, alayout, avalue, none, value, ": day-of-year out of range", none);
			return false;
		}
		if (m == 0) {
			m = (yday - 1) / 31 + 1;
			if (days_before[m] < yday)
				m++;
			d = yday - days_before[m - 1];
		}
		if (month >= 0 && month != m) {
			parse_error(err, alayout, avalue, none, value, ": day-of-year does not match month", none);
			return false;
		}
		month = m;
		if (day >= 0 && day != d) {
			parse_error(err, alayout, avalue, none, value, ": day-of-year does not match day", none);
			return false;
		}
		day = d;
	} else {
		if (month < 0)
			month = 1;
		if (day < 0)
			day = 1;
	}
	if (day < 1 || day > days_in(month, year)) {
		parse_error(err, alayout, avalue, none, value, ": day out of range", none);
		return false;
	}
	if (z_utc) {
		*out = go_date(a, year, month, day, hour, min, sec, nsec, &loc_utc);
		return true;
	}
	if (zone_offset != -1) {
		struct gotime t = go_date(a, year, month, day, hour, min, sec, nsec, &loc_utc);
		add_sec(&t, -(int64_t)zone_offset);
		struct zlookup z = loc_lookup(a, local, unix_sec(&t));
		if (z.offset == zone_offset &&
		    (zone_name.n == 0 || (strlen(z.name) == zone_name.n && memcmp(z.name, zone_name.p, zone_name.n) == 0))) {
			t.loc = local;
			*out = t;
			return true;
		}
		t.loc = fixed_zone(a, zone_name.p, zone_name.n, zone_offset);
		*out = t;
		return true;
	}
	if (zone_name.n) {
		struct gotime t = go_date(a, year, month, day, hour, min, sec, nsec, &loc_utc);
		int offset = 0;
		if (lookup_name(a, local, zone_name.p, zone_name.n, unix_sec(&t), &offset)) {
			add_sec(&t, -(int64_t)offset);
			t.loc = local;
			*out = t;
			return true;
		}
		if (zone_name.n > 3 && memcmp(zone_name.p, "GMT", 3) == 0) {
			int64_t o = 0;
			t_atoi((struct pstr){ zone_name.p + 3, zone_name.n - 3 }, &o);
			offset = (int)(o * 3600);
		}
		t.loc = fixed_zone(a, zone_name.p, zone_name.n, offset);
		*out = t;
		return true;
	}
	*out = go_date(a, year, month, day, hour, min, sec, nsec, local);
	return true;
}

/* ---- durations ---- */

/* Duration.String() */
static void duration_string(int64_t d, struct sb *out)
{
	char buf[32];
	int w = (int)sizeof(buf);
	uint64_t u = (uint64_t)d;
	bool neg = d < 0;
	if (neg)
		u = -u;
	int prec = 0;
	bool frac_done = false;
	if (u < (uint64_t)NSEC_PER_SEC) {
		buf[--w] = 's';
		--w;
		if (u == 0) {
			buf[w] = '0';
			sb_add(out, buf + w, sizeof(buf) - (size_t)w);
			return;
		} else if (u < 1000) {
			prec = 0;
			buf[w] = 'n';
		} else if (u < 1000000) {
			prec = 3;
			w--;
			memcpy(buf + w, "\xc2\xb5", 2);
		} else {
			prec = 6;
			buf[w] = 'm';
		}
	} else {
		buf[--w] = 's';
		prec = 9;
		frac_done = true;
	}
	/* fmtFrac */
	bool print = false;
	for (int i = 0; i < prec; i++) {
		int digit = (int)(u % 10);
		print = print || digit != 0;
		if (print)
			buf[--w] = (char)('0' + digit);
		u /= 10;
	}
	if (print)
		buf[--w] = '.';
	if (!frac_done) {
		do {
			buf[--w] = (char)('0' + u % 10);
			u /= 10;
		} while (u);
	} else {
		uint64_t s = u % 60;
		do {
			buf[--w] = (char)('0' + s % 10);
			s /= 10;
		} while (s);
		u /= 60;
		if (u > 0) {
			buf[--w] = 'm';
			uint64_t m = u % 60;
			do {
				buf[--w] = (char)('0' + m % 10);
				m /= 10;
			} while (m);
			u /= 60;
			if (u > 0) {
				buf[--w] = 'h';
				do {
					buf[--w] = (char)('0' + u % 10);
					u /= 10;
				} while (u);
			}
		}
	}
	if (neg)
		buf[--w] = '-';
	sb_add(out, buf + w, sizeof(buf) - (size_t)w);
}

/* time.ParseDuration; false with Go's error text in err. */
static bool parse_duration(const char *sp, size_t sn, int64_t *out, struct sb *err)
{
	struct pstr orig = { sp, sn }, s = orig;
	uint64_t d = 0;
	bool neg = false;
	*out = 0;
	if (s.n && (s.p[0] == '-' || s.p[0] == '+')) {
		neg = s.p[0] == '-';
		adv(&s, 1);
	}
	if (s.n == 1 && s.p[0] == '0')
		return true;
	if (s.n == 0)
		goto invalid;
	while (s.n) {
		uint64_t v, f = 0;
		double scale = 1;
		if (!(s.p[0] == '.' || (s.p[0] >= '0' && s.p[0] <= '9')))
			goto invalid;
		size_t pl = s.n;
		if (!leading_int(&s, &v))
			goto invalid;
		bool pre = pl != s.n, post = false;
		if (s.n && s.p[0] == '.') {
			adv(&s, 1);
			size_t pl2 = s.n;
			/* leadingFraction */
			bool overflow = false;
			size_t i = 0;
			for (; i < s.n; i++) {
				char c = s.p[i];
				if (c < '0' || c > '9')
					break;
				if (overflow)
					continue;
				if (f > (uint64_t)INT64_MAX / 10) {
					overflow = true;
					continue;
				}
				uint64_t y = f * 10 + (uint64_t)(c - '0');
				if (y > UINT64_C(1) << 63) {
					overflow = true;
					continue;
				}
				f = y;
				scale *= 10;
			}
			adv(&s, i);
			post = pl2 != s.n;
		}
		if (!pre && !post)
			goto invalid;
		size_t i = 0;
		for (; i < s.n; i++) {
			char c = s.p[i];
			if (c == '.' || (c >= '0' && c <= '9'))
				break;
		}
		if (i == 0) {
			sb_adds(err, "time: missing unit in duration ");
			time_quote(err, orig.p, orig.n);
			return false;
		}
		struct pstr u = { s.p, i };
		adv(&s, i);
		uint64_t unit = 0;
		static const struct {
			const char *name;
			uint64_t ns;
		} units[] = {
			{ "ns", 1 },
			{ "us", 1000 },
			{ "\xc2\xb5s", 1000 },
			{ "\xce\xbcs", 1000 },
			{ "ms", 1000000 },
			{ "s", 1000000000 },
			{ "m", UINT64_C(60000000000) },
			{ "h", UINT64_C(3600000000000) },
		};
		for (size_t k = 0; k < sizeof(units) / sizeof(units[0]); k++)
			if (strlen(units[k].name) == u.n && memcmp(units[k].name, u.p, u.n) == 0)
				unit = units[k].ns;
		if (!unit) {
			sb_adds(err, "time: unknown unit ");
			time_quote(err, u.p, u.n);
			sb_adds(err, " in duration ");
			time_quote(err, orig.p, orig.n);
			return false;
		}
		if (v > (UINT64_C(1) << 63) / unit)
			goto invalid;
		v *= unit;
		if (f > 0) {
			v += (uint64_t)((double)f * ((double)unit / scale));
			if (v > UINT64_C(1) << 63)
				goto invalid;
		}
		d += v;
		if (d > UINT64_C(1) << 63)
			goto invalid;
	}
	if (neg) {
		*out = (int64_t)(0 - d);
		return true;
	}
	if (d > (uint64_t)INT64_MAX)
		goto invalid;
	*out = (int64_t)d;
	return true;
invalid:
	sb_adds(err, "time: invalid duration ");
	time_quote(err, orig.p, orig.n);
	return false;
}

/* Duration.Round(m) for m > 0 */
static int64_t duration_round(int64_t d, int64_t m)
{
	int64_t r = d % m;
	if (d < 0) {
		r = -r;
		if ((uint64_t)r + (uint64_t)r < (uint64_t)m)
			return d + r;
		int64_t d1 = wadd(wsub(d, m), r);
		if (d1 < d)
			return d1;
		return INT64_MIN;
	}
	if ((uint64_t)r + (uint64_t)r < (uint64_t)m)
		return d - r;
	int64_t d1 = wsub(wadd(d, m), r);
	if (d1 > d)
		return d1;
	return INT64_MAX;
}

/* ---- template values ---- */

static val time_val(struct tmpl_exec *x, const struct gotime *t)
{
	val m = val_typed(val_map_new(x->a, 5), FN_GT_TIME);
	val_map_set(x->a, m, "#sec", 4, val_int(t->sec));
	val_map_set(x->a, m, "#nsec", 5, val_int(t->nsec));
	val loc = { 0 };
	loc.kind = VAL_OPAQUE;
	loc.u.p = (void *)t->loc;
	val_map_set(x->a, m, "#loc", 4, loc);
	if (t->has_mono)
		val_map_set(x->a, m, "#mono", 5, val_int(t->mono));
	return m;
}

static bool is_time(val v)
{
	return v.kind == VAL_MAP && v.gotype == FN_GT_TIME;
}

static struct gotime time_of(val v)
{
	struct gotime t = { 0, 0, &loc_utc, false, 0 };
	val f;
	if (val_map_get(v, "#sec", 4, &f))
		t.sec = f.u.i;
	if (val_map_get(v, "#nsec", 5, &f))
		t.nsec = (int32_t)f.u.i;
	if (val_map_get(v, "#loc", 4, &f) && f.kind == VAL_OPAQUE && f.u.p)
		t.loc = f.u.p;
	if (val_map_get(v, "#mono", 5, &f)) {
		t.has_mono = true;
		t.mono = f.u.i;
	}
	return t;
}

static val sb_val(struct tmpl_exec *x, struct sb *b)
{
	val v = val_str(x->a, b->buf, b->len);
	sb_release(b);
	return v;
}

/* Time values as template arguments: the executor has no host parameter
 * types yet, so functions taking a time.Time check here. */
static int want_time(struct tmpl_exec *x, val v, struct gotime *t)
{
	if (!is_time(v))
		return tmpl_fail(x, "wrong type for value; expected time.Time; got %s",
				 v.kind == VAL_NULL ? "<nil>" : tmpl_type_name(x, v));
	*t = time_of(v);
	return 0;
}

/* The date argument of date/dateInZone/htmlDate: time.Time, or int/int64
 * seconds; anything else means now. */
static struct gotime date_arg(struct tmpl_exec *x, val v, bool int32_too)
{
	if (is_time(v))
		return time_of(v);
	if (v.kind == VAL_INT && (v.gotype == GT_DEFAULT || v.gotype == GT_INT))
		return unix_time(v.u.i, 0, load_local(x->a));
	(void)int32_too;
	return time_now(x->a);
}

static int date_in_zone(struct tmpl_exec *x, const char *fmt, size_t fn, val date, const char *zone, size_t zn,
			val *out)
{
	struct gotime t = date_arg(x, date, true);
	const struct fn_loc *loc = load_location(x->a, zone, zn);
	if (!loc)
		loc = &loc_utc;
	t.loc = loc;
	struct sb b = SB_INIT;
	time_format(x->a, &t, fmt, fn, &b);
	*out = sb_val(x, &b);
	return 0;
}

static int fn_date(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return date_in_zone(x, a[0].u.s, a[0].len, a[1], "Local", 5, out);
}

static int fn_date_in_zone(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return date_in_zone(x, a[0].u.s, a[0].len, a[1], a[2].u.s, a[2].len, out);
}

static int fn_html_date(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return date_in_zone(x, "2006-01-02", 10, a[0], "Local", 5, out);
}

static int fn_html_date_in_zone(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return date_in_zone(x, "2006-01-02", 10, a[0], a[1].u.s, a[1].len, out);
}

static int fn_date_modify(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gotime t;
	if (want_time(x, a[1], &t) < 0)
		return -1;
	struct sb err = SB_INIT;
	int64_t d;
	if (parse_duration(a[0].u.s, a[0].len, &d, &err))
		t = time_add(t, d);
	sb_release(&err);
	*out = time_val(x, &t);
	return 0;
}

static int fn_must_date_modify(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gotime t;
	if (want_time(x, a[1], &t) < 0)
		return -1;
	struct sb err = SB_INIT;
	int64_t d;
	int rc = 0;
	if (!parse_duration(a[0].u.s, a[0].len, &d, &err)) {
		/* Go returns time.Time{} with the error: the call fails */
		rc = tmpl_fail(x, "%s", err.buf);
	} else {
		t = time_add(t, d);
		*out = time_val(x, &t);
	}
	sb_release(&err);
	return rc;
}

/* time.Since(t).Round(time.Second).String() */
static int fn_ago(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gotime now = time_now(x->a), t;
	if (is_time(a[0]))
		t = time_of(a[0]);
	else if (a[0].kind == VAL_INT && (a[0].gotype == GT_DEFAULT || a[0].gotype == GT_INT))
		t = unix_time(a[0].u.i, 0, &loc_utc);
	else
		t = now;
	int64_t d = duration_round(time_sub(&now, &t), NSEC_PER_SEC);
	struct sb b = SB_INIT;
	duration_string(d, &b);
	*out = sb_val(x, &b);
	return 0;
}

/* duration(sec interface{}): a string (base 10, range errors clamp) or
 * int64 count of seconds; everything else is 0 */
static int fn_duration(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	int64_t s = 0;
	if (a[0].kind == VAL_STRING && a[0].gotype == GT_DEFAULT) {
		if (strconv_parse_int(a[0].u.s, a[0].len, 10, 64, &s) == STRCONV_SYNTAX)
			s = 0;
	} else if (a[0].kind == VAL_INT && a[0].gotype == GT_DEFAULT) {
		s = a[0].u.i;
	}
	struct sb b = SB_INIT;
	duration_string(wmul(s, NSEC_PER_SEC), &b);
	*out = sb_val(x, &b);
	return 0;
}

static int fn_duration_round(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	int64_t d = 0;
	if (a[0].kind == VAL_STRING && a[0].gotype == GT_DEFAULT) {
		struct sb err = SB_INIT;
		if (!parse_duration(a[0].u.s, a[0].len, &d, &err))
			d = 0;
		sb_release(&err);
	} else if (a[0].kind == VAL_INT && a[0].gotype == GT_DEFAULT) {
		d = a[0].u.i;
	} else if (is_time(a[0])) {
		struct gotime now = time_now(x->a), t = time_of(a[0]);
		d = time_sub(&now, &t);
	}
	uint64_t u = (uint64_t)d;
	if (d < 0)
		u = -u;
	static const struct {
		uint64_t unit;
		const char *suffix;
	} steps[] = {
		{ UINT64_C(3600000000000) * 24 * 365, "y" }, { UINT64_C(3600000000000) * 24 * 30, "mo" },
		{ UINT64_C(3600000000000) * 24, "d" },       { UINT64_C(3600000000000), "h" },
		{ UINT64_C(60000000000), "m" },              { UINT64_C(1000000000), "s" },
	};
	struct sb b = SB_INIT;
	sb_adds(&b, "0s");
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		if (u > steps[i].unit) {
			sb_reset(&b);
			strconv_format_uint(&b, u / steps[i].unit, 10);
			sb_adds(&b, steps[i].suffix);
			break;
		}
	}
	*out = sb_val(x, &b);
	return 0;
}

static int fn_to_date(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gotime t = { 0, 0, &loc_utc, false, 0 };
	struct sb err = SB_INIT;
	if (!time_parse(x->a, a[0].u.s, a[0].len, a[1].u.s, a[1].len, load_local(x->a), &t, &err))
		t = (struct gotime){ 0, 0, &loc_utc, false, 0 };
	sb_release(&err);
	*out = time_val(x, &t);
	return 0;
}

static int fn_must_to_date(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gotime t;
	struct sb err = SB_INIT;
	int rc = 0;
	if (!time_parse(x->a, a[0].u.s, a[0].len, a[1].u.s, a[1].len, load_local(x->a), &t, &err))
		rc = tmpl_fail(x, "%s", err.buf);
	else
		*out = time_val(x, &t);
	sb_release(&err);
	return rc;
}

static int fn_unix_epoch(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gotime t;
	if (want_time(x, a[0], &t) < 0)
		return -1;
	struct sb b = SB_INIT;
	strconv_format_int(&b, unix_sec(&t), 10);
	*out = sb_val(x, &b);
	return 0;
}

static int fn_now(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gotime t = time_now(x->a);
	*out = time_val(x, &t);
	return 0;
}

/* ---- time.Time methods ---- */

static void time_fields(struct arena *a, const struct gotime *t, int64_t *year, int *month, int *day, int *yday,
			int *hour, int *min, int *sec)
{
	uint64_t abs = locabs(a, t, NULL, NULL);
	abs_date(abs, true, year, month, day, yday);
	int s = (int)(abs % SECS_PER_DAY);
	*hour = s / SECS_PER_HOUR;
	s -= *hour * SECS_PER_HOUR;
	*min = s / SECS_PER_MIN;
	*sec = s - *min * SECS_PER_MIN;
}

enum tfield { TF_YEAR, TF_MONTH, TF_DAY, TF_YDAY, TF_HOUR, TF_MIN, TF_SEC, TF_WEEKDAY };

static int time_field(struct tmpl_exec *x, val *a, enum tfield f, val *out)
{
	struct gotime t = time_of(a[0]);
	int64_t year;
	int month = 0, day = 0, yday = 0, hour, min, sec;
	time_fields(x->a, &t, &year, &month, &day, &yday, &hour, &min, &sec);
	switch (f) {
	case TF_YEAR:
		*out = val_typed(val_int(year), GT_INT);
		break;
	case TF_MONTH:
		*out = val_typed(val_int(month), FN_GT_MONTH);
		break;
	case TF_DAY:
		*out = val_typed(val_int(day), GT_INT);
		break;
	case TF_YDAY:
		*out = val_typed(val_int(yday + 1), GT_INT);
		break;
	case TF_HOUR:
		*out = val_typed(val_int(hour), GT_INT);
		break;
	case TF_MIN:
		*out = val_typed(val_int(min), GT_INT);
		break;
	case TF_SEC:
		*out = val_typed(val_int(sec), GT_INT);
		break;
	case TF_WEEKDAY:
		*out = val_typed(val_int(abs_weekday(locabs(x->a, &t, NULL, NULL))), FN_GT_WEEKDAY);
		break;
	}
	return 0;
}

#define FIELD_METHOD(fname, f) \
	static int fname(struct tmpl_exec *x, val *a, size_t n, val *out) { return time_field(x, a, f, out); }
FIELD_METHOD(m_year, TF_YEAR)
FIELD_METHOD(m_month, TF_MONTH)
FIELD_METHOD(m_day, TF_DAY)
FIELD_METHOD(m_yday, TF_YDAY)
FIELD_METHOD(m_hour, TF_HOUR)
FIELD_METHOD(m_minute, TF_MIN)
FIELD_METHOD(m_second, TF_SEC)
FIELD_METHOD(m_weekday, TF_WEEKDAY)

static int m_nanosecond(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = val_typed(val_int(time_of(a[0]).nsec), GT_INT);
	return 0;
}

static int m_unix(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gotime t = time_of(a[0]);
	*out = val_int(unix_sec(&t));
	return 0;
}

static int m_unix_milli(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gotime t = time_of(a[0]);
	*out = val_int(wadd(wmul(unix_sec(&t), 1000), t.nsec / 1000000));
	return 0;
}

static int m_unix_micro(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gotime t = time_of(a[0]);
	*out = val_int(wadd(wmul(unix_sec(&t), 1000000), t.nsec / 1000));
	return 0;
}

static int m_unix_nano(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gotime t = time_of(a[0]);
	*out = val_int(wadd(wmul(unix_sec(&t), NSEC_PER_SEC), t.nsec));
	return 0;
}

static int m_utc(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gotime t = time_of(a[0]);
	t.loc = &loc_utc;
	t.has_mono = false;
	*out = time_val(x, &t);
	return 0;
}

static int m_local(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gotime t = time_of(a[0]);
	t.loc = load_local(x->a);
	t.has_mono = false;
	*out = time_val(x, &t);
	return 0;
}

static int m_string(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gotime t = time_of(a[0]);
	struct sb b = SB_INIT;
	time_string(x->a, &t, &b);
	*out = sb_val(x, &b);
	return 0;
}

static int m_format(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gotime t = time_of(a[0]);
	struct sb b = SB_INIT;
	time_format(x->a, &t, a[1].u.s, a[1].len, &b);
	*out = sb_val(x, &b);
	return 0;
}

static int m_is_zero(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gotime t = time_of(a[0]);
	*out = val_bool(t.sec == 0 && t.nsec == 0);
	return 0;
}

static int m_is_dst(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gotime t = time_of(a[0]);
	*out = val_bool(loc_lookup(x->a, t.loc, unix_sec(&t)).dst);
	return 0;
}

static int m_location(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gotime t = time_of(a[0]);
	val v = val_cstr(x->a, t.loc->name);
	*out = val_typed(v, FN_GT_LOCATION);
	return 0;
}

static int m_add(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gotime t = time_add(time_of(a[0]), a[1].u.i);
	*out = time_val(x, &t);
	return 0;
}

/* AddDate(years, months, days int) */
static int m_add_date(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gotime t = time_of(a[0]);
	int64_t year;
	int month, day, yday, hour, min, sec;
	time_fields(x->a, &t, &year, &month, &day, &yday, &hour, &min, &sec);
	struct gotime r = go_date(x->a, wadd(year, a[1].u.i), wadd(month, a[2].u.i), wadd(day, a[3].u.i), hour, min,
				  sec, t.nsec, t.loc);
	*out = time_val(x, &r);
	return 0;
}

static int two_times(struct tmpl_exec *x, val *a, struct gotime *t, struct gotime *u)
{
	*t = time_of(a[0]);
	return want_time(x, a[1], u);
}

static int m_equal(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gotime t, u;
	if (two_times(x, a, &t, &u) < 0)
		return -1;
	*out = val_bool(t.has_mono && u.has_mono ? t.mono == u.mono : time_equal(&t, &u));
	return 0;
}

static int m_before(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gotime t, u;
	if (two_times(x, a, &t, &u) < 0)
		return -1;
	*out = val_bool(time_before(&t, &u));
	return 0;
}

static int m_after(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gotime t, u;
	if (two_times(x, a, &t, &u) < 0)
		return -1;
	*out = val_bool(time_before(&u, &t));
	return 0;
}

static int m_sub(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct gotime t, u;
	if (two_times(x, a, &t, &u) < 0)
		return -1;
	*out = val_typed(val_int(time_sub(&t, &u)), FN_GT_DURATION);
	return 0;
}

static void print_time(struct tmpl_exec *x, val v, struct sb *out)
{
	struct gotime t = time_of(v);
	time_string(x->a, &t, out);
}

/* time.Time's method set (value receiver), as templates reach it */
static const struct tmpl_func time_methods[] = {
	{ "Add", m_add, 2, false, { TP_VALUE, TP_INT64 } },
	{ "AddDate", m_add_date, 4, false, { TP_VALUE, TP_INT, TP_INT, TP_INT } },
	{ "After", m_after, 2, false, { TP_VALUE, FN_GT_TIME } },
	{ "Before", m_before, 2, false, { TP_VALUE, FN_GT_TIME } },
	{ "Day", m_day, 1, false, { TP_VALUE } },
	{ "Equal", m_equal, 2, false, { TP_VALUE, FN_GT_TIME } },
	{ "Format", m_format, 2, false, { TP_VALUE, TP_STRING } },
	{ "Hour", m_hour, 1, false, { TP_VALUE } },
	{ "IsDST", m_is_dst, 1, false, { TP_VALUE } },
	{ "IsZero", m_is_zero, 1, false, { TP_VALUE } },
	{ "Local", m_local, 1, false, { TP_VALUE } },
	{ "Location", m_location, 1, false, { TP_VALUE } },
	{ "Minute", m_minute, 1, false, { TP_VALUE } },
	{ "Month", m_month, 1, false, { TP_VALUE } },
	{ "Nanosecond", m_nanosecond, 1, false, { TP_VALUE } },
	{ "Second", m_second, 1, false, { TP_VALUE } },
	{ "String", m_string, 1, false, { TP_VALUE } },
	{ "Sub", m_sub, 2, false, { TP_VALUE, FN_GT_TIME } },
	{ "UTC", m_utc, 1, false, { TP_VALUE } },
	{ "Unix", m_unix, 1, false, { TP_VALUE } },
	{ "UnixMicro", m_unix_micro, 1, false, { TP_VALUE } },
	{ "UnixMilli", m_unix_milli, 1, false, { TP_VALUE } },
	{ "UnixNano", m_unix_nano, 1, false, { TP_VALUE } },
	{ "Weekday", m_weekday, 1, false, { TP_VALUE } },
	{ "Year", m_year, 1, false, { TP_VALUE } },
	{ "YearDay", m_yday, 1, false, { TP_VALUE } },
};

const struct tmpl_type fn_time_type = {
	"time.Time", true, false, time_methods, sizeof(time_methods) / sizeof(time_methods[0]), print_time, { 0 },
	true, /* time.Time == compares wall clock, monotonic reading and zone */
	true, /* String() */
};

/* Month.String / Weekday.String: names, or %!Month(n) out of range */
static void print_month(struct tmpl_exec *x, val v, struct sb *out)
{
	if (v.u.i >= 1 && v.u.i <= 12)
		sb_adds(out, long_month[v.u.i - 1]);
	else
		sb_addf(out, "%%!Month(%lld)", (long long)v.u.i);
}

static void print_weekday(struct tmpl_exec *x, val v, struct sb *out)
{
	if (v.u.i >= 0 && v.u.i <= 6)
		sb_adds(out, long_day[v.u.i]);
	else
		sb_addf(out, "%%!Weekday(%lld)", (long long)v.u.i);
}

static void print_duration(struct tmpl_exec *x, val v, struct sb *out)
{
	duration_string(v.u.i, out);
}

static void print_location(struct tmpl_exec *x, val v, struct sb *out)
{
	sb_add(out, v.u.s, v.len);
}

static int m_dur_string(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb b = SB_INIT;
	duration_string(a[0].u.i, &b);
	*out = sb_val(x, &b);
	return 0;
}

static const struct tmpl_func duration_methods[] = {
	{ "String", m_dur_string, 1, false, { TP_VALUE } },
};

const struct tmpl_type fn_month_type = { "time.Month", false, false, NULL, 0, print_month, { 0 }, .stringer = true };
const struct tmpl_type fn_weekday_type = { "time.Weekday", false, false, NULL, 0, print_weekday, { 0 }, .stringer = true };
const struct tmpl_type fn_duration_type = { "time.Duration", false, false, duration_methods, 1, print_duration, { 0 }, .stringer = true };
const struct tmpl_type fn_location_type = { "*time.Location", true, false, NULL, 0, print_location, { 0 }, .stringer = true };

/* What encoding/json sees: Time.MarshalJSON's RFC 3339 text (years
 * outside 0..9999 are Go's marshal error, reported by the caller). */
val fn_time_plain(struct arena *a, val v)
{
	struct gotime t = time_of(v);
	struct sb b = SB_INIT;
	static const char layout[] = "2006-01-02T15:04:05.999999999Z07:00";
	time_format(a, &t, layout, sizeof(layout) - 1, &b);
	val r = val_str(a, b.buf, b.len);
	sb_release(&b);
	return r;
}

/* Sprig's map order: the dates entries of functions.go */
const struct tmpl_func fn_dates_table[] = {
	{ "ago", fn_ago, 1, false, { TP_ANY } },
	{ "date", fn_date, 2, false, { TP_STRING, TP_ANY } },
	{ "date_in_zone", fn_date_in_zone, 3, false, { TP_STRING, TP_ANY, TP_STRING } },
	{ "date_modify", fn_date_modify, 2, false, { TP_STRING, TP_ANY } },
	{ "dateInZone", fn_date_in_zone, 3, false, { TP_STRING, TP_ANY, TP_STRING } },
	{ "dateModify", fn_date_modify, 2, false, { TP_STRING, FN_GT_TIME } },
	{ "duration", fn_duration, 1, false, { TP_ANY } },
	{ "durationRound", fn_duration_round, 1, false, { TP_ANY } },
	{ "htmlDate", fn_html_date, 1, false, { TP_ANY } },
	{ "htmlDateInZone", fn_html_date_in_zone, 2, false, { TP_ANY, TP_STRING } },
	{ "must_date_modify", fn_must_date_modify, 2, false, { TP_STRING, TP_ANY } },
	{ "mustDateModify", fn_must_date_modify, 2, false, { TP_STRING, FN_GT_TIME } },
	{ "mustToDate", fn_must_to_date, 2, false, { TP_STRING, TP_STRING } },
	{ "now", fn_now, 0, false, { 0 } },
	{ "toDate", fn_to_date, 2, false, { TP_STRING, TP_STRING } },
	{ "unixEpoch", fn_unix_epoch, 1, false, { FN_GT_TIME } },
};
const size_t fn_dates_count = sizeof(fn_dates_table) / sizeof(fn_dates_table[0]);
