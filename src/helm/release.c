/* release.c — Helm 3.17.3's release.Release to and from JSON: json.Marshal's
 * field order and omitempty rules for pkg/release and pkg/chart structs,
 * helmtime.Time (zero time as ""), and json.Unmarshal's struct decoding
 * (case-insensitive keys, unknown fields ignored, null leaves a field alone),
 * which also reads Helm 4's pkg/release/v1 JSON. */
#include "helm/release.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/quote.h"
#include "base/strconv.h"
#include "funcs/fn_encoding.h"
#include "value/codec.h"

/* ---- time: Go's time package, format_rfc3339.go ---- */

#define SECS_PER_DAY INT64_C(86400)

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

/* Howard Hinnant's civil_from_days, days since 1970-01-01. */
static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	z += 719468;
	int64_t era = floor_div(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = floor_div(y, 400);
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void add_num(struct sb *out, int64_t v, int width)
{
	char buf[24];
	int n = snprintf(buf, sizeof(buf), "%0*lld", width, (long long)v);
	sb_add(out, buf, (size_t)n);
}

struct helm_time helm_time_now(void)
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	return helm_time_unix(ts.tv_sec, (int32_t)ts.tv_nsec, (int32_t)tm.tm_gmtoff);
}

/* appendFormatRFC3339(nanos=true) + appendStrictRFC3339's checks */
int helm_time_format(struct sb *out, struct helm_time t, struct sb *err)
{
	int64_t local = t.sec + t.off - HELM_TIME_UNIX_OFFSET;
	int64_t days = floor_div(local, SECS_PER_DAY);
	int64_t sod = local - days * SECS_PER_DAY;
	int64_t y;
	int m, d;
	civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999) {
		sb_adds(err, "Time.MarshalJSON: year outside of range [0,9999]");
		return -1;
	}
	add_num(out, y, 4);
	sb_addc(out, '-');
	add_num(out, m, 2);
	sb_addc(out, '-');
	add_num(out, d, 2);
	sb_addc(out, 'T');
	add_num(out, sod / 3600, 2);
	sb_addc(out, ':');
	add_num(out, sod / 60 % 60, 2);
	sb_addc(out, ':');
	add_num(out, sod % 60, 2);
	if (t.nsec) {
		char f[10];
		snprintf(f, sizeof(f), "%09d", (int)t.nsec);
		int n = 9;
		while (n > 0 && f[n - 1] == '0')
			n--;
		sb_addc(out, '.');
		sb_add(out, f, (size_t)n);
	}
	if (t.off == 0) {
		sb_addc(out, 'Z');
		return 0;
	}
	int zone = t.off / 60; /* minutes, truncated toward zero as Go does */
	if (zone < 0) {
		sb_addc(out, '-');
		zone = -zone;
	} else {
		sb_addc(out, '+');
	}
	if (zone / 60 >= 24) {
		sb_adds(err, "Time.MarshalJSON: timezone hour outside of range [0,23]");
		return -1;
	}
	add_num(out, zone / 60, 2);
	sb_addc(out, ':');
	add_num(out, zone % 60, 2);
	return 0;
}

static bool parse_uint(const char *s, size_t n, int min, int max, int *out)
{
	int x = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		x = x * 10 + (s[i] - '0');
	}
	*out = x;
	return x >= min && x <= max;
}

static int days_in(int m, int y)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

int helm_time_parse(const char *s, size_t n, struct helm_time *out, struct sb *err)
{
	int y, mo, d, h, mi, se, tzh, tzm;
	bool ok = n >= 19 && parse_uint(s, 4, 0, 9999, &y) && parse_uint(s + 5, 2, 1, 12, &mo) &&
		  s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':';
	ok = ok && parse_uint(s + 8, 2, 1, days_in(mo, y), &d) && parse_uint(s + 11, 2, 0, 23, &h) &&
	     parse_uint(s + 14, 2, 0, 59, &mi) && parse_uint(s + 17, 2, 0, 59, &se);
	size_t i = 19;
	int32_t nsec = 0;
	if (ok && n - i >= 2 && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
		/* parseNanoseconds: at most 9 digits count, the rest is dropped */
		size_t j = i + 1, k = 0;
		for (; j < n && s[j] >= '0' && s[j] <= '9'; j++, k++)
			if (k < 9)
				nsec = nsec * 10 + (s[j] - '0');
		for (; k < 9; k++)
			nsec *= 10;
		i = j;
	}
	int32_t off = 0;
	if (ok && !(n - i == 1 && s[i] == 'Z')) {
		ok = n - i == 6 && (s[i] == '+' || s[i] == '-') && s[i + 3] == ':' &&
		     parse_uint(s + i + 1, 2, 0, 23, &tzh) && parse_uint(s + i + 4, 2, 0, 59, &tzm);
		if (ok)
			off = (int32_t)((tzh * 60 + tzm) * 60 * (s[i] == '-' ? -1 : 1));
	}
	if (!ok) {
		sb_adds(err, "parsing time ");
		strconv_append_quote_ascii(err, s, n);
		sb_adds(err, " as \"2006-01-02T15:04:05Z07:00\": cannot parse");
		return -1;
	}
	int64_t unix = days_from_civil(y, mo, d) * SECS_PER_DAY + h * 3600 + mi * 60 + se - off;
	*out = helm_time_unix(unix, nsec, off);
	return 0;
}

/* ---- encoder: encoding/json over the structs, field by field ---- */

struct enc {
	struct arena *a;
	struct sb *out;
	struct sb *err;
	int rc;
	bool first; /* no field written yet in the current object */
};

static void e_val(struct enc *e, val v)
{
	if (e->rc == 0 && val_to_json(e->a, v, VAL_JSON_ESCAPE_HTML, NULL, NULL, e->out, e->err) < 0)
		e->rc = -1;
}

static void e_str(struct enc *e, struct helm_str s)
{
	e_val(e, val_str_ref(s.p ? s.p : "", s.n));
}

static void e_open(struct enc *e)
{
	sb_addc(e->out, '{');
	e->first = true;
}

static void e_close(struct enc *e)
{
	sb_addc(e->out, '}');
	e->first = false;
}

/* `"name":` with the comma the previous field needs */
static void e_key(struct enc *e, const char *name)
{
	if (!e->first)
		sb_addc(e->out, ',');
	e->first = false;
	sb_addc(e->out, '"');
	sb_adds(e->out, name);
	sb_adds(e->out, "\":");
}

static void f_str(struct enc *e, const char *name, struct helm_str s, bool omitempty)
{
	if (omitempty && s.n == 0)
		return;
	e_key(e, name);
	e_str(e, s);
}

static void f_bytes(struct enc *e, const char *name, struct helm_str s)
{
	e_key(e, name);
	if (!s.p)
		sb_adds(e->out, "null");
	else
		e_val(e, val_typed(val_str_ref(s.p, s.n), GT_BYTES));
}

static void f_strs(struct enc *e, const char *name, struct helm_strlist l)
{
	if (l.n == 0) /* every []string field of the release has omitempty */
		return;
	e_key(e, name);
	sb_addc(e->out, '[');
	for (size_t i = 0; i < l.n; i++) {
		if (i)
			sb_addc(e->out, ',');
		e_str(e, l.v[i]);
	}
	sb_addc(e->out, ']');
}

static void f_map(struct enc *e, const char *name, val m, bool omitempty)
{
	bool empty = m.kind != VAL_MAP || val_map_len(m) == 0;
	if (omitempty && empty)
		return;
	e_key(e, name);
	if (m.kind == VAL_NULL)
		sb_adds(e->out, "null");
	else
		e_val(e, m);
}

static void f_int(struct enc *e, const char *name, int64_t v)
{
	if (v == 0) /* omitempty */
		return;
	e_key(e, name);
	strconv_format_int(e->out, v, 10);
}

/* helmtime.Time: "" for the zero time, else time.Time's RFC 3339 */
static void f_time(struct enc *e, const char *name, struct helm_time t, bool helmtime)
{
	e_key(e, name);
	if (helmtime && helm_time_is_zero(t)) {
		sb_adds(e->out, "\"\"");
		return;
	}
	sb_addc(e->out, '"');
	struct sb msg = SB_INIT;
	if (e->rc == 0 && helm_time_format(e->out, t, &msg) < 0) {
		sb_addf(e->err, "json: error calling MarshalJSON for type time.Time: %s", msg.buf);
		e->rc = -1;
	}
	sb_release(&msg);
	sb_addc(e->out, '"');
}

static void e_files(struct enc *e, const char *name, const struct helm_file *f, size_t n)
{
	e_key(e, name);
	if (!f) {
		sb_adds(e->out, "null");
		return;
	}
	sb_addc(e->out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_addc(e->out, ',');
		e_open(e);
		f_str(e, "name", f[i].name, false);
		f_bytes(e, "data", f[i].data);
		e_close(e);
	}
	sb_addc(e->out, ']');
}

static void e_deps(struct enc *e, const char *name, const struct helm_dependency *d, size_t n,
		   bool omitempty)
{
	if (omitempty && n == 0)
		return;
	e_key(e, name);
	if (!d) {
		sb_adds(e->out, "null");
		return;
	}
	sb_addc(e->out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_addc(e->out, ',');
		e_open(e);
		f_str(e, "name", d[i].name, false);
		f_str(e, "version", d[i].version, true);
		f_str(e, "repository", d[i].repository, false);
		f_str(e, "condition", d[i].condition, true);
		f_strs(e, "tags", d[i].tags);
		if (d[i].enabled) {
			e_key(e, "enabled");
			sb_adds(e->out, "true");
		}
		if (d[i].import_values.kind == VAL_LIST && val_list_len(d[i].import_values)) {
			e_key(e, "import-values");
			e_val(e, d[i].import_values);
		}
		f_str(e, "alias", d[i].alias, true);
		e_close(e);
	}
	sb_addc(e->out, ']');
}

static void e_metadata(struct enc *e, const struct helm_metadata *m)
{
	if (!m) {
		sb_adds(e->out, "null");
		return;
	}
	e_open(e);
	f_str(e, "name", m->name, true);
	f_str(e, "home", m->home, true);
	f_strs(e, "sources", m->sources);
	f_str(e, "version", m->version, true);
	f_str(e, "description", m->description, true);
	f_strs(e, "keywords", m->keywords);
	if (m->nmaintainers) {
		e_key(e, "maintainers");
		sb_addc(e->out, '[');
		for (size_t i = 0; i < m->nmaintainers; i++) {
			if (i)
				sb_addc(e->out, ',');
			e_open(e);
			f_str(e, "name", m->maintainers[i].name, true);
			f_str(e, "email", m->maintainers[i].email, true);
			f_str(e, "url", m->maintainers[i].url, true);
			e_close(e);
		}
		sb_addc(e->out, ']');
	}
	f_str(e, "icon", m->icon, true);
	f_str(e, "apiVersion", m->api_version, true);
	f_str(e, "condition", m->condition, true);
	f_str(e, "tags", m->tags, true);
	f_str(e, "appVersion", m->app_version, true);
	if (m->deprecated) {
		e_key(e, "deprecated");
		sb_adds(e->out, "true");
	}
	f_map(e, "annotations", m->annotations, true);
	f_str(e, "kubeVersion", m->kube_version, true);
	e_deps(e, "dependencies", m->dependencies, m->ndependencies, true);
	f_str(e, "type", m->type, true);
	e_close(e);
}

static void e_chart(struct enc *e, const struct helm_chart *c)
{
	e_open(e);
	e_key(e, "metadata");
	e_metadata(e, c->metadata);
	e->first = false;
	e_key(e, "lock");
	if (!c->lock) {
		sb_adds(e->out, "null");
	} else {
		e_open(e);
		f_time(e, "generated", c->lock->generated, false);
		f_str(e, "digest", c->lock->digest, false);
		e_deps(e, "dependencies", c->lock->dependencies, c->lock->ndependencies, false);
		e_close(e);
	}
	e_files(e, "templates", c->templates, c->ntemplates);
	f_map(e, "values", c->values, false);
	f_bytes(e, "schema", c->schema);
	e_files(e, "files", c->files, c->nfiles);
	e_close(e);
}

static void e_hook(struct enc *e, const struct helm_hook *h)
{
	e_open(e);
	f_str(e, "name", h->name, true);
	f_str(e, "kind", h->kind, true);
	f_str(e, "path", h->path, true);
	f_str(e, "manifest", h->manifest, true);
	f_strs(e, "events", h->events);
	e_key(e, "last_run"); /* omitempty never omits a struct */
	e_open(e);
	f_time(e, "started_at", h->last_run.started_at, true);
	f_time(e, "completed_at", h->last_run.completed_at, true);
	f_str(e, "phase", h->last_run.phase, false);
	e_close(e);
	f_int(e, "weight", h->weight);
	f_strs(e, "delete_policies", h->delete_policies);
	e_close(e);
}

int helm_rel_to_json(struct arena *a, const struct helm_release *r, struct sb *out,
		     struct sb *err)
{
	size_t start = out->len;
	struct enc e = { a, out, err, 0, true };
	e_open(&e);
	f_str(&e, "name", r->name, true);
	if (r->info) {
		const struct helm_info *i = r->info;
		e_key(&e, "info");
		e_open(&e);
		f_time(&e, "first_deployed", i->first_deployed, true);
		f_time(&e, "last_deployed", i->last_deployed, true);
		f_time(&e, "deleted", i->deleted, true);
		f_str(&e, "description", i->description, true);
		f_str(&e, "status", i->status, true);
		f_str(&e, "notes", i->notes, true);
		e_close(&e);
	}
	if (r->chart) {
		e_key(&e, "chart");
		e_chart(&e, r->chart);
	}
	f_map(&e, "config", r->config, true);
	f_str(&e, "manifest", r->manifest, true);
	if (r->nhooks) {
		e_key(&e, "hooks");
		sb_addc(out, '[');
		for (size_t k = 0; k < r->nhooks; k++) {
			if (k)
				sb_addc(out, ',');
			e_hook(&e, &r->hooks[k]);
		}
		sb_addc(out, ']');
		e.first = false;
	}
	f_int(&e, "version", r->version);
	f_str(&e, "namespace", r->namespace_, true);
	e_close(&e);
	if (e.rc < 0)
		sb_setlen(out, start); /* Marshal returns no bytes on error */
	return e.rc;
}

/* ---- decoder: json.Unmarshal into the structs (decode.go) ----
 * The JSON is first read into a val (val_from_json: Go's scanner errors,
 * last duplicate key wins), then walked struct by struct.  Go keeps going
 * after a type mismatch and returns the first one at the end (saveError),
 * but an Unmarshaler's error (time.Time) stops it at once. */

struct dec {
	struct arena *a;
	struct sb saved; /* first UnmarshalTypeError */
	struct sb fatal; /* an UnmarshalJSON error: returned before saved */
	const char *strct; /* innermost Go struct type, for messages */
	const char *path[8];
	size_t depth;
};

static const char *kind_word(val v)
{
	switch (v.kind) {
	case VAL_STRING: return "string";
	case VAL_FLOAT: case VAL_INT: return "number";
	case VAL_BOOL: return "bool";
	case VAL_LIST: return "array";
	case VAL_MAP: return "object";
	default: return "null";
	}
}

/* UnmarshalTypeError.Error(): "json: cannot unmarshal string into Go struct
 * field Chart.chart.metadata.name of type string" */
static void d_type_error(struct dec *d, val v, const char *field, const char *gotype)
{
	if (d->saved.len || d->fatal.len)
		return;
	sb_addf(&d->saved, "json: cannot unmarshal %s into Go struct field %s.", kind_word(v), d->strct);
	for (size_t i = 0; i < d->depth; i++)
		sb_addf(&d->saved, "%s.", d->path[i]);
	sb_addf(&d->saved, "%s of type %s", field, gotype);
}

static int field_index(const char *const *names, size_t n, const char *k, size_t kl)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(names[i]) == kl && memcmp(names[i], k, kl) == 0)
			return (int)i;
	/* encoding/json falls back to a case-insensitive match */
	for (size_t i = 0; i < n; i++)
		if (strlen(names[i]) == kl && strncasecmp(names[i], k, kl) == 0)
			return (int)i;
	return -1;
}

#define NFIELDS(t) (sizeof(t) / sizeof((t)[0]))

static void d_str(struct dec *d, val v, const char *field, struct helm_str *out)
{
	if (v.kind == VAL_NULL)
		return;
	if (v.kind != VAL_STRING) {
		d_type_error(d, v, field, "string");
		return;
	}
	out->p = v.u.s;
	out->n = v.len;
}

static void d_bool(struct dec *d, val v, const char *field, bool *out)
{
	if (v.kind == VAL_NULL)
		return;
	if (v.kind != VAL_BOOL) {
		d_type_error(d, v, field, "bool");
		return;
	}
	*out = v.u.b;
}

/* An int field.  Go parses the number's text with ParseInt, so 3.0 and
 * 1e2 are type errors there; val_from_json keeps only the float64, so an
 * integral float in range is accepted here (docs/release-storage.md). */
static void d_int(struct dec *d, val v, const char *field, int64_t *out)
{
	if (v.kind == VAL_NULL)
		return;
	if (v.kind == VAL_INT) {
		*out = v.u.i;
		return;
	}
	if (v.kind != VAL_FLOAT || v.u.f != (double)(int64_t)v.u.f || v.u.f >= 9223372036854775808.0 ||
	    v.u.f < -9223372036854775808.0) {
		d_type_error(d, v, field, "int");
		return;
	}
	*out = (int64_t)v.u.f;
}

static void d_bytes(struct dec *d, val v, const char *field, struct helm_str *out)
{
	if (v.kind == VAL_NULL) {
		out->p = NULL;
		out->n = 0;
		return;
	}
	if (v.kind != VAL_STRING) {
		d_type_error(d, v, field, "[]uint8");
		return;
	}
	struct sb b = SB_INIT;
	long bad = 0;
	if (fn_b64_decode(&b, v.u.s, v.len, &bad) < 0) {
		if (!d->saved.len && !d->fatal.len)
			sb_addf(&d->saved, "illegal base64 data at input byte %ld", bad);
	} else {
		out->p = arena_memdup(d->a, b.buf, b.len);
		out->n = b.len;
	}
	sb_release(&b);
}

static void d_strlist(struct dec *d, val v, const char *field, const char *gotype,
		      struct helm_strlist *out)
{
	if (v.kind == VAL_NULL) {
		out->v = NULL;
		out->n = 0;
		return;
	}
	if (v.kind != VAL_LIST) {
		d_type_error(d, v, field, gotype);
		return;
	}
	size_t n = val_list_len(v);
	out->v = arena_zalloc(d->a, (n ? n : 1) * sizeof(*out->v));
	out->n = n;
	for (size_t i = 0; i < n; i++)
		d_str(d, val_list_at(v, i), field, &out->v[i]);
}

/* map[string]interface{} */
static void d_anymap(struct dec *d, val v, const char *field, val *out)
{
	if (v.kind == VAL_NULL) {
		*out = val_null();
		return;
	}
	if (v.kind != VAL_MAP) {
		d_type_error(d, v, field, "map[string]interface {}");
		return;
	}
	*out = v;
}

/* map[string]string: a null or mistyped element stores "" */
static void d_strmap(struct dec *d, val v, const char *field, val *out)
{
	if (v.kind == VAL_NULL) {
		*out = val_null();
		return;
	}
	if (v.kind != VAL_MAP) {
		d_type_error(d, v, field, "map[string]string");
		return;
	}
	val m = val_map_new(d->a, val_map_len(v));
	for (size_t i = 0; i < val_map_len(v); i++) {
		const struct val_map_entry *en = val_map_entry_at(v, i);
		val s = en->v;
		if (s.kind != VAL_STRING) {
			if (s.kind != VAL_NULL)
				d_type_error(d, s, field, "string");
			s = val_str_ref("", 0);
		}
		val_map_set(d->a, m, en->key, en->klen, s);
	}
	*out = m;
}

/* time.Time.UnmarshalJSON, or helmtime's, which also takes "" as zero */
static void d_time(struct dec *d, val v, bool helmtime, struct helm_time *out)
{
	if (v.kind == VAL_NULL || d->fatal.len)
		return;
	if (v.kind != VAL_STRING) {
		sb_adds(&d->fatal, "Time.UnmarshalJSON: input is not a JSON string");
		return;
	}
	if (helmtime && v.len == 0) {
		memset(out, 0, sizeof(*out));
		return;
	}
	helm_time_parse(v.u.s, v.len, out, &d->fatal);
}

/* the object an element or pointer field points at; NULL and a type error
 * for anything else */
static bool d_object(struct dec *d, val v, const char *field, const char *gotype)
{
	if (v.kind == VAL_MAP)
		return true;
	if (v.kind != VAL_NULL)
		d_type_error(d, v, field, gotype);
	return false;
}

static void d_push(struct dec *d, const char *field)
{
	if (d->depth < NFIELDS(d->path))
		d->path[d->depth] = field;
	d->depth++;
}

static void d_pop(struct dec *d)
{
	d->depth--;
}

static void d_file(struct dec *d, val o, struct helm_file *f)
{
	static const char *const F[] = { "name", "data" };
	for (size_t i = 0; i < val_map_len(o); i++) {
		const struct val_map_entry *en = val_map_entry_at(o, i);
		switch (field_index(F, NFIELDS(F), en->key, en->klen)) {
		case 0: d_str(d, en->v, "name", &f->name); break;
		case 1: d_bytes(d, en->v, "data", &f->data); break;
		}
	}
}

static void d_files(struct dec *d, val v, const char *field, struct helm_file **out, size_t *n)
{
	if (v.kind == VAL_NULL) {
		*out = NULL;
		*n = 0;
		return;
	}
	if (v.kind != VAL_LIST) {
		d_type_error(d, v, field, "[]*chart.File");
		return;
	}
	*n = val_list_len(v);
	*out = arena_zalloc(d->a, (*n ? *n : 1) * sizeof(**out));
	const char *save = d->strct;
	d_push(d, field);
	d->strct = "File";
	for (size_t i = 0; i < *n; i++)
		if (d_object(d, val_list_at(v, i), field, "chart.File"))
			d_file(d, val_list_at(v, i), &(*out)[i]);
	d->strct = save;
	d_pop(d);
}

static void d_dep(struct dec *d, val o, struct helm_dependency *x)
{
	static const char *const F[] = { "name", "version", "repository", "condition", "tags",
					 "enabled", "import-values", "alias" };
	for (size_t i = 0; i < val_map_len(o); i++) {
		const struct val_map_entry *en = val_map_entry_at(o, i);
		val v = en->v;
		switch (field_index(F, NFIELDS(F), en->key, en->klen)) {
		case 0: d_str(d, v, "name", &x->name); break;
		case 1: d_str(d, v, "version", &x->version); break;
		case 2: d_str(d, v, "repository", &x->repository); break;
		case 3: d_str(d, v, "condition", &x->condition); break;
		case 4: d_strlist(d, v, "tags", "[]string", &x->tags); break;
		case 5: d_bool(d, v, "enabled", &x->enabled); break;
		case 6:
			if (v.kind == VAL_NULL || v.kind == VAL_LIST)
				x->import_values = v;
			else
				d_type_error(d, v, "import-values", "[]interface {}");
			break;
		case 7: d_str(d, v, "alias", &x->alias); break;
		}
	}
}

static void d_deps(struct dec *d, val v, const char *field, struct helm_dependency **out,
		   size_t *n)
{
	if (v.kind == VAL_NULL) {
		*out = NULL;
		*n = 0;
		return;
	}
	if (v.kind != VAL_LIST) {
		d_type_error(d, v, field, "[]*chart.Dependency");
		return;
	}
	*n = val_list_len(v);
	*out = arena_zalloc(d->a, (*n ? *n : 1) * sizeof(**out));
	const char *save = d->strct;
	d_push(d, field);
	d->strct = "Dependency";
	for (size_t i = 0; i < *n; i++)
		if (d_object(d, val_list_at(v, i), field, "chart.Dependency"))
			d_dep(d, val_list_at(v, i), &(*out)[i]);
	d->strct = save;
	d_pop(d);
}

static void d_maintainers(struct dec *d, val v, struct helm_metadata *m)
{
	static const char *const F[] = { "name", "email", "url" };
	if (v.kind == VAL_NULL) {
		m->maintainers = NULL;
		m->nmaintainers = 0;
		return;
	}
	if (v.kind != VAL_LIST) {
		d_type_error(d, v, "maintainers", "[]*chart.Maintainer");
		return;
	}
	size_t n = val_list_len(v);
	m->maintainers = arena_zalloc(d->a, (n ? n : 1) * sizeof(*m->maintainers));
	m->nmaintainers = n;
	for (size_t k = 0; k < n; k++) {
		val o = val_list_at(v, k);
		if (!d_object(d, o, "maintainers", "chart.Maintainer"))
			continue;
		for (size_t i = 0; i < val_map_len(o); i++) {
			const struct val_map_entry *en = val_map_entry_at(o, i);
			struct helm_maintainer *x = &m->maintainers[k];
			switch (field_index(F, NFIELDS(F), en->key, en->klen)) {
			case 0: d_str(d, en->v, "name", &x->name); break;
			case 1: d_str(d, en->v, "email", &x->email); break;
			case 2: d_str(d, en->v, "url", &x->url); break;
			}
		}
	}
}

static void d_metadata(struct dec *d, val o, struct helm_metadata *m)
{
	static const char *const F[] = { "name", "home", "sources", "version", "description",
					 "keywords", "maintainers", "icon", "apiVersion", "condition",
					 "tags", "appVersion", "deprecated", "annotations",
					 "kubeVersion", "dependencies", "type" };
	for (size_t i = 0; i < val_map_len(o); i++) {
		const struct val_map_entry *en = val_map_entry_at(o, i);
		val v = en->v;
		switch (field_index(F, NFIELDS(F), en->key, en->klen)) {
		case 0: d_str(d, v, "name", &m->name); break;
		case 1: d_str(d, v, "home", &m->home); break;
		case 2: d_strlist(d, v, "sources", "[]string", &m->sources); break;
		case 3: d_str(d, v, "version", &m->version); break;
		case 4: d_str(d, v, "description", &m->description); break;
		case 5: d_strlist(d, v, "keywords", "[]string", &m->keywords); break;
		case 6: d_maintainers(d, v, m); break;
		case 7: d_str(d, v, "icon", &m->icon); break;
		case 8: d_str(d, v, "apiVersion", &m->api_version); break;
		case 9: d_str(d, v, "condition", &m->condition); break;
		case 10: d_str(d, v, "tags", &m->tags); break;
		case 11: d_str(d, v, "appVersion", &m->app_version); break;
		case 12: d_bool(d, v, "deprecated", &m->deprecated); break;
		case 13: d_strmap(d, v, "annotations", &m->annotations); break;
		case 14: d_str(d, v, "kubeVersion", &m->kube_version); break;
		case 15: d_deps(d, v, "dependencies", &m->dependencies, &m->ndependencies); break;
		case 16: d_str(d, v, "type", &m->type); break;
		}
	}
}

static void d_lock(struct dec *d, val o, struct helm_lock *l)
{
	static const char *const F[] = { "generated", "digest", "dependencies" };
	for (size_t i = 0; i < val_map_len(o); i++) {
		const struct val_map_entry *en = val_map_entry_at(o, i);
		switch (field_index(F, NFIELDS(F), en->key, en->klen)) {
		case 0: d_time(d, en->v, false, &l->generated); break;
		case 1: d_str(d, en->v, "digest", &l->digest); break;
		case 2: d_deps(d, en->v, "dependencies", &l->dependencies, &l->ndependencies); break;
		}
	}
}

static void d_chart(struct dec *d, val o, struct helm_chart *c)
{
	/* Helm 4's chart/v2 adds schemamodtime and modtime: ignored, as Helm 3 does */
	static const char *const F[] = { "metadata", "lock", "templates", "values", "schema", "files" };
	for (size_t i = 0; i < val_map_len(o); i++) {
		const struct val_map_entry *en = val_map_entry_at(o, i);
		val v = en->v;
		switch (field_index(F, NFIELDS(F), en->key, en->klen)) {
		case 0:
			c->metadata = NULL;
			if (d_object(d, v, "metadata", "chart.Metadata")) {
				c->metadata = arena_zalloc(d->a, sizeof(*c->metadata));
				d_push(d, "metadata");
				d->strct = "Metadata";
				d_metadata(d, v, c->metadata);
				d->strct = "Chart";
				d_pop(d);
			}
			break;
		case 1:
			c->lock = NULL;
			if (d_object(d, v, "lock", "chart.Lock")) {
				c->lock = arena_zalloc(d->a, sizeof(*c->lock));
				d_push(d, "lock");
				d->strct = "Lock";
				d_lock(d, v, c->lock);
				d->strct = "Chart";
				d_pop(d);
			}
			break;
		case 2: d_files(d, v, "templates", &c->templates, &c->ntemplates); break;
		case 3: d_anymap(d, v, "values", &c->values); break;
		case 4: d_bytes(d, v, "schema", &c->schema); break;
		case 5: d_files(d, v, "files", &c->files, &c->nfiles); break;
		}
	}
}

static void d_info(struct dec *d, val o, struct helm_info *inf)
{
	static const char *const F[] = { "first_deployed", "last_deployed", "deleted",
					 "description", "status", "notes" };
	for (size_t i = 0; i < val_map_len(o); i++) {
		const struct val_map_entry *en = val_map_entry_at(o, i);
		val v = en->v;
		switch (field_index(F, NFIELDS(F), en->key, en->klen)) {
		case 0: d_time(d, v, true, &inf->first_deployed); break;
		case 1: d_time(d, v, true, &inf->last_deployed); break;
		case 2: d_time(d, v, true, &inf->deleted); break;
		case 3: d_str(d, v, "description", &inf->description); break;
		case 4: d_str(d, v, "status", &inf->status); break;
		case 5: d_str(d, v, "notes", &inf->notes); break;
		}
	}
}

static void d_hook(struct dec *d, val o, struct helm_hook *h)
{
	static const char *const F[] = { "name", "kind", "path", "manifest", "events", "last_run",
					 "weight", "delete_policies", "output_log_policies" };
	static const char *const L[] = { "started_at", "completed_at", "phase" };
	for (size_t i = 0; i < val_map_len(o); i++) {
		const struct val_map_entry *en = val_map_entry_at(o, i);
		val v = en->v;
		switch (field_index(F, NFIELDS(F), en->key, en->klen)) {
		case 0: d_str(d, v, "name", &h->name); break;
		case 1: d_str(d, v, "kind", &h->kind); break;
		case 2: d_str(d, v, "path", &h->path); break;
		case 3: d_str(d, v, "manifest", &h->manifest); break;
		case 4: d_strlist(d, v, "events", "[]release.HookEvent", &h->events); break;
		case 5:
			if (!d_object(d, v, "last_run", "release.HookExecution"))
				break;
			d_push(d, "last_run");
			d->strct = "HookExecution";
			for (size_t k = 0; k < val_map_len(v); k++) {
				const struct val_map_entry *le = val_map_entry_at(v, k);
				switch (field_index(L, NFIELDS(L), le->key, le->klen)) {
				case 0: d_time(d, le->v, true, &h->last_run.started_at); break;
				case 1: d_time(d, le->v, true, &h->last_run.completed_at); break;
				case 2: d_str(d, le->v, "phase", &h->last_run.phase); break;
				}
			}
			d->strct = "Hook";
			d_pop(d);
			break;
		case 6: d_int(d, v, "weight", &h->weight); break;
		case 7: d_strlist(d, v, "delete_policies", "[]release.HookDeletePolicy", &h->delete_policies); break;
		case 8: d_strlist(d, v, "output_log_policies", "[]v1.HookOutputLogPolicy", &h->output_log_policies); break;
		}
	}
}

static void d_release(struct dec *d, val o, struct helm_release *r)
{
	static const char *const F[] = { "name", "info", "chart", "config", "manifest", "hooks",
					 "version", "namespace", "apply_method" };
	for (size_t i = 0; i < val_map_len(o); i++) {
		const struct val_map_entry *en = val_map_entry_at(o, i);
		val v = en->v;
		d->strct = "Release";
		switch (field_index(F, NFIELDS(F), en->key, en->klen)) {
		case 0: d_str(d, v, "name", &r->name); break;
		case 1:
			r->info = NULL;
			if (d_object(d, v, "info", "release.Info")) {
				r->info = arena_zalloc(d->a, sizeof(*r->info));
				d_push(d, "info");
				d->strct = "Info";
				d_info(d, v, r->info);
				d_pop(d);
			}
			break;
		case 2:
			r->chart = NULL;
			if (d_object(d, v, "chart", "chart.Chart")) {
				r->chart = arena_zalloc(d->a, sizeof(*r->chart));
				d_push(d, "chart");
				d->strct = "Chart";
				d_chart(d, v, r->chart);
				d_pop(d);
			}
			break;
		case 3: d_anymap(d, v, "config", &r->config); break;
		case 4: d_str(d, v, "manifest", &r->manifest); break;
		case 5:
			if (v.kind == VAL_NULL) {
				r->hooks = NULL;
				r->nhooks = 0;
				break;
			}
			if (v.kind != VAL_LIST) {
				d_type_error(d, v, "hooks", "[]*release.Hook");
				break;
			}
			r->nhooks = val_list_len(v);
			r->hooks = arena_zalloc(d->a, (r->nhooks ? r->nhooks : 1) * sizeof(*r->hooks));
			d_push(d, "hooks");
			for (size_t k = 0; k < r->nhooks; k++) {
				d->strct = "Hook";
				if (d_object(d, val_list_at(v, k), "hooks", "release.Hook"))
					d_hook(d, val_list_at(v, k), &r->hooks[k]);
			}
			d_pop(d);
			break;
		case 6: d_int(d, v, "version", &r->version); break;
		case 7: d_str(d, v, "namespace", &r->namespace_); break;
		case 8: d_str(d, v, "apply_method", &r->apply_method); break;
		}
	}
}

int helm_rel_from_json(struct arena *a, const char *p, size_t n, struct helm_release *out,
		       struct sb *err)
{
	memset(out, 0, sizeof(*out));
	val v;
	if (val_from_json(a, p, n, &v, err) < 0)
		return -1;
	if (v.kind == VAL_NULL)
		return 0; /* Unmarshal of null into a struct changes nothing */
	if (v.kind != VAL_MAP) {
		sb_addf(err, "json: cannot unmarshal %s into Go value of type release.Release",
			kind_word(v));
		return -1;
	}
	struct dec d = { .a = a, .saved = SB_INIT, .fatal = SB_INIT, .strct = "Release" };
	d_release(&d, v, out);
	int rc = 0;
	if (d.fatal.len || d.saved.len) {
		sb_adds(err, d.fatal.len ? d.fatal.buf : d.saved.buf);
		rc = -1;
	}
	sb_release(&d.saved);
	sb_release(&d.fatal);
	return rc;
}
