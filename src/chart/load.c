/* load.c — Helm 3.17.3's chart loader (pkg/chart/loader, pkg/ignore):
 * directories with .helmignore, .tgz archives through libarchive, the
 * sorting of files into Chart.yaml / values / templates / charts / files,
 * Chart.yaml validation and subcharts, with Helm's error texts. */
#include "chart/load.h"

#include <archive.h>
#include <archive_entry.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/pathmatch.h"
#include "base/quote.h"
#include "base/strconv.h"
#include "base/xalloc.h"
#include "value/codec.h"

#define MAX_CHART_SIZE (100L * 1024 * 1024) /* MaxDecompressedChartSize */
#define MAX_FILE_SIZE (5L * 1024 * 1024)    /* MaxDecompressedFileSize */

struct bfile {
	char *name;
	const char *data;
	size_t len;
};

struct bfiles {
	struct bfile *v;
	size_t n, cap;
};

static void bf_push(struct arena *a, struct bfiles *fs, const char *name, size_t nlen, const char *data, size_t len)
{
	if (fs->n == fs->cap) {
		size_t nc = fs->cap ? fs->cap * 2 : 32;
		fs->v = arena_grow(a, fs->v, fs->cap * sizeof(*fs->v), nc * sizeof(*fs->v));
		fs->cap = nc;
	}
	/* bytes.TrimPrefix(data, utf8bom) */
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	fs->v[fs->n++] = (struct bfile){ arena_memdup(a, name, nlen), data, len };
}

/* ---- .helmignore (pkg/ignore/rules.go) ---- */

struct rule {
	const char *pat; /* without '!', trailing '/' and (for matching) leading '/' */
	size_t len;
	bool negate, must_dir;
	enum { R_ROOTED, R_PATH, R_BASE } mode;
};

struct rules {
	struct rule *v;
	size_t n, cap;
};

static int add_rule(struct arena *a, struct rules *rs, const char *line, size_t n, struct sb *err)
{
	while (n && (line[0] == ' ' || (line[0] >= '\t' && line[0] <= '\r'))) {
		line++;
		n--;
	}
	while (n && (line[n - 1] == ' ' || (line[n - 1] >= '\t' && line[n - 1] <= '\r')))
		n--;
	if (n == 0 || line[0] == '#')
		return 0;
	if (memmem(line, n, "**", 2)) {
		sb_adds(err, "double-star (**) syntax is not supported");
		return -1;
	}
	if (path_match(line, n, "abc", 3) < 0) {
		sb_adds(err, "syntax error in pattern");
		return -1;
	}
	struct rule r = { 0 };
	if (line[0] == '!') {
		r.negate = true;
		line++;
		n--;
	}
	if (n && line[n - 1] == '/') {
		r.must_dir = true;
		n--;
	}
	if (n && line[0] == '/') {
		r.mode = R_ROOTED;
		line++;
		n--;
	} else if (memchr(line, '/', n)) {
		r.mode = R_PATH;
	} else {
		r.mode = R_BASE;
	}
	r.pat = arena_memdup(a, line, n);
	r.len = n;
	if (rs->n == rs->cap) {
		size_t nc = rs->cap ? rs->cap * 2 : 16;
		rs->v = arena_grow(a, rs->v, rs->cap * sizeof(*rs->v), nc * sizeof(*rs->v));
		rs->cap = nc;
	}
	rs->v[rs->n++] = r;
	return 0;
}

static bool rule_match(const struct rule *r, const char *path, size_t n)
{
	if (r->mode == R_BASE) {
		size_t i = n;
		while (i > 0 && path[i - 1] != '/')
			i--;
		return path_match(r->pat, r->len, path + i, n - i) == 1;
	}
	return path_match(r->pat, r->len, path, n) == 1;
}

/* Rules.Ignore — including Helm's inverted reading of "!" patterns. */
static bool ignored(const struct rules *rs, const char *path, size_t n, bool is_dir)
{
	if (n == 0 || (n == 1 && path[0] == '.') || (n == 2 && memcmp(path, "./", 2) == 0))
		return false;
	for (size_t i = 0; i < rs->n; i++) {
		const struct rule *r = &rs->v[i];
		if (r->negate) {
			if (r->must_dir && !is_dir)
				return true;
			if (!rule_match(r, path, n))
				return true;
			continue;
		}
		if (r->must_dir && !is_dir)
			continue;
		if (rule_match(r, path, n))
			return true;
	}
	return false;
}

/* ---- reading a directory (filepath.Walk order: names sorted) ---- */

/* A whole file into the arena, NUL-terminated: its stat size read straight
 * in (no stdio buffer, no second copy: CRD charts carry megabytes, and
 * every page touched costs), read on should it have grown since. */
static char *read_file(struct arena *a, const char *path, size_t size, size_t *len, struct sb *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		sb_addf(err, "open %s: %s", path, strerror(errno));
		return NULL;
	}
	char *p = arena_alloc(a, size + 1);
	size_t got = 0;
	struct sb more = SB_INIT;
	for (;;) {
		char extra[4096];
		bool in = got < size;
		ssize_t r = in ? read(fd, p + got, size - got) : read(fd, extra, sizeof extra);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			sb_addf(err, "read %s: %s", path, strerror(errno));
			close(fd);
			sb_release(&more);
			return NULL;
		}
		if (r == 0)
			break;
		if (in)
			got += (size_t)r;
		else
			sb_add(&more, extra, (size_t)r);
	}
	close(fd);
	if (more.len) {
		char *q = arena_alloc(a, got + more.len + 1);
		memcpy(q, p, got);
		memcpy(q + got, more.buf, more.len);
		got += more.len;
		p = q;
	}
	sb_release(&more);
	p[got] = 0;
	*len = got;
	return p;
}

static int cmp_names(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static int walk(struct arena *a, const char *top, const char *rel, const struct rules *rs, struct bfiles *fs,
		struct sb *err)
{
	struct sb dir = SB_INIT;
	sb_adds(&dir, top);
	if (*rel) {
		sb_addc(&dir, '/');
		sb_adds(&dir, rel);
	}
	DIR *d = opendir(dir.buf);
	if (!d) {
		sb_addf(err, "open %s: %s", dir.buf, strerror(errno));
		sb_release(&dir);
		return -1;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			names = xrealloc(names, cap * sizeof(*names));
		}
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_names);
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct sb r = SB_INIT, full = SB_INIT;
		if (*rel) {
			sb_adds(&r, rel);
			sb_addc(&r, '/');
		}
		sb_adds(&r, names[i]);
		sb_addf(&full, "%s/%s", top, r.buf);
		struct stat st;
		/* sympath.Walk follows symbolic links */
		if (stat(full.buf, &st) < 0) {
			sb_addf(err, "stat %s: %s", full.buf, strerror(errno));
			rc = -1;
		} else if (S_ISDIR(st.st_mode)) {
			if (!ignored(rs, r.buf, r.len, true))
				rc = walk(a, top, r.buf, rs, fs, err);
		} else if (!ignored(rs, r.buf, r.len, false)) {
			if (!S_ISREG(st.st_mode)) {
				sb_addf(err, "cannot load irregular file %s as it has file mode type bits set", full.buf);
				rc = -1;
			} else if (st.st_size > MAX_FILE_SIZE) {
				sb_addf(err, "chart file \"%s\" is larger than the maximum file size %ld", names[i],
					MAX_FILE_SIZE);
				rc = -1;
			} else {
				size_t len;
				char *data = read_file(a, full.buf, (size_t)st.st_size, &len, err);
				if (!data)
					rc = -1;
				else
					bf_push(a, fs, r.buf, r.len, data, len);
			}
		}
		sb_release(&r);
		sb_release(&full);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	sb_release(&dir);
	return rc;
}

/* ---- archives (loader/archive.go LoadArchiveFiles) ---- */

static int archive_files(struct arena *a, const char *data, size_t len, struct bfiles *fs, struct sb *err)
{
	struct archive *ar = archive_read_new();
	archive_read_support_filter_gzip(ar);
	archive_read_support_format_tar(ar);
	if (archive_read_open_memory(ar, data, len) != ARCHIVE_OK) {
		sb_adds(err, "gzip: invalid header");
		archive_read_free(ar);
		return -1;
	}
	long remaining = MAX_CHART_SIZE;
	struct archive_entry *e;
	int rc = 0, r;
	while ((r = archive_read_next_header(ar, &e)) == ARCHIVE_OK) {
		if (archive_entry_filetype(e) == AE_IFDIR)
			continue;
		const char *hn = archive_entry_pathname(e);
		if (!hn)
			continue;
		char delim = strchr(hn, '\\') ? '\\' : '/';
		const char *slash = strchr(hn, delim);
		if (!slash && strcmp(hn, "Chart.yaml") == 0) {
			sb_adds(err, "chart yaml not in base directory");
			rc = -1;
			break;
		}
		struct sb n = SB_INIT;
		if (slash)
			for (const char *p = slash + 1; *p; p++)
				sb_addc(&n, *p == delim ? '/' : *p);
		if (n.len && n.buf[0] == '/') {
			sb_adds(err, "chart illegally contains absolute paths");
			sb_release(&n);
			rc = -1;
			break;
		}
		/* path.Clean, enough for the checks Helm makes */
		if (n.len == 0 || strcmp(n.buf, ".") == 0) {
			sb_adds(err, "chart illegally contains content outside the base directory: ");
			sb_addf(err, "\"%s\"", hn);
			sb_release(&n);
			rc = -1;
			break;
		}
		if (strncmp(n.buf, "..", 2) == 0) {
			sb_adds(err, "chart illegally references parent directory");
			sb_release(&n);
			rc = -1;
			break;
		}
		long size = (long)archive_entry_size(e);
		if (size > remaining) {
			sb_addf(err, "decompressed chart is larger than the maximum file size %ld", MAX_CHART_SIZE);
			sb_release(&n);
			rc = -1;
			break;
		}
		if (size > MAX_FILE_SIZE) {
			sb_addf(err, "decompressed chart file \"%s\" is larger than the maximum file size %ld", hn,
				MAX_FILE_SIZE);
			sb_release(&n);
			rc = -1;
			break;
		}
		char *buf = arena_alloc(a, (size_t)size + 1);
		la_ssize_t got = archive_read_data(ar, buf, (size_t)size);
		if (got < 0) {
			sb_adds(err, archive_error_string(ar));
			sb_release(&n);
			rc = -1;
			break;
		}
		remaining -= got;
		bf_push(a, fs, n.buf, n.len, buf, (size_t)got);
		sb_release(&n);
	}
	if (rc == 0 && r != ARCHIVE_EOF) {
		sb_adds(err, archive_error_string(ar) ? archive_error_string(ar) : "unexpected EOF");
		rc = -1;
	}
	archive_read_free(ar);
	if (rc == 0 && fs->n == 0) {
		sb_adds(err, "no files in chart archive");
		rc = -1;
	}
	return rc;
}

/* ---- LoadFiles ---- */

/* Masterminds/semver v3 NewVersion's syntax, as chart versions must meet. */
static bool valid_semver(const char *s, size_t n)
{
	size_t i = 0;
	if (i < n && s[i] == 'v')
		i++;
	for (int part = 0; part < 3; part++) {
		if (part > 0) {
			if (i >= n || s[i] != '.')
				break;
			i++;
		}
		size_t st = i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == st)
			return false;
	}
	for (int sect = 0; sect < 2 && i < n; sect++) {
		char lead = sect == 0 ? '-' : '+';
		if (s[i] != lead) {
			if (sect == 0 && s[i] == '+')
				continue;
			return false;
		}
		i++;
		size_t st = i;
		for (;;) {
			size_t id = i;
			while (i < n && ((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z') ||
					 (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '-'))
				i++;
			if (i == id)
				return false;
			if (i < n && s[i] == '.') {
				i++;
				continue;
			}
			break;
		}
		(void)st;
	}
	return i == n;
}

static const char *meta_str(val meta, const char *k, size_t *n)
{
	val v;
	if (meta.kind == VAL_MAP && val_map_get(meta, k, strlen(k), &v) && v.kind == VAL_STRING) {
		*n = v.len;
		return v.u.s;
	}
	*n = 0;
	return "";
}

/* sigs.k8s.io/yaml convertToJSONableObject: a YAML number or bool bound for a
 * Go string field becomes its text (ints in base 10, floats as
 * FormatFloat(f, 'g', -1, 32), bools "true"/"false"), so `appVersion: 1.0`
 * loads as "1".  Other kinds are left for check_metadata_types to refuse. */
static void scalar_to_string(struct arena *a, val *v)
{
	struct sb t = SB_INIT;
	if (v->kind == VAL_INT) {
		strconv_format_int(&t, v->u.i, 10);
	} else if (v->kind == VAL_BOOL) {
		sb_adds(&t, v->u.b ? "true" : "false");
	} else if (v->kind == VAL_FLOAT) {
		float f = (float)v->u.f;
		if (isnan(f)) {
			sb_adds(&t, "NaN");
		} else if (isinf(f)) {
			sb_adds(&t, f > 0 ? "+Inf" : "-Inf");
		} else {
			/* the shortest decimal that reads back as this float32, then
			 * Go's shortest 'g' layout of it (exponent when < -4 or >= 6) */
			double d = f;
			for (int p = 0; p < 9; p++) {
				sb_reset(&t);
				strconv_format_float(&t, (double)f, 'e', p);
				d = strtod(t.buf, NULL);
				if ((float)d == f)
					break;
			}
			sb_reset(&t);
			strconv_format_float(&t, d, 'g', -1);
		}
	} else {
		return;
	}
	*v = val_str(a, t.buf, t.len);
	sb_release(&t);
}

static void strings_in(struct arena *a, val m, const char *const *keys, size_t nkeys)
{
	if (m.kind != VAL_MAP)
		return;
	for (size_t i = 0; i < nkeys; i++) {
		val *v = val_map_ref(m, keys[i], strlen(keys[i]));
		if (v)
			scalar_to_string(a, v);
	}
}

static void string_list(struct arena *a, val *l)
{
	if (l && l->kind == VAL_LIST)
		for (size_t i = 0; i < val_list_len(*l); i++)
			scalar_to_string(a, &l->u.l->items[i]);
}

/* The string fields of chart.Metadata, its Maintainers and Dependencies. */
static void coerce_metadata(struct arena *a, val meta)
{
	static const char *const md[] = { "name", "home", "version", "description", "icon", "apiVersion",
					  "condition", "tags", "appVersion", "kubeVersion", "type" };
	static const char *const mt[] = { "name", "email", "url" };
	static const char *const dp[] = { "name", "version", "repository", "condition", "alias" };
	val *v;
	if (meta.kind != VAL_MAP)
		return;
	strings_in(a, meta, md, sizeof(md) / sizeof(md[0]));
	string_list(a, val_map_ref(meta, "sources", 7));
	string_list(a, val_map_ref(meta, "keywords", 8));
	if ((v = val_map_ref(meta, "annotations", 11)) && v->kind == VAL_MAP)
		for (size_t i = 0; i < val_map_len(*v); i++)
			scalar_to_string(a, &v->u.m->entries[i].v);
	if ((v = val_map_ref(meta, "maintainers", 11)) && v->kind == VAL_LIST)
		for (size_t i = 0; i < val_list_len(*v); i++)
			strings_in(a, val_list_at(*v, i), mt, sizeof(mt) / sizeof(mt[0]));
	if ((v = val_map_ref(meta, "dependencies", 12)) && v->kind == VAL_LIST)
		for (size_t i = 0; i < val_list_len(*v); i++) {
			val d = val_list_at(*v, i);
			strings_in(a, d, dp, sizeof(dp) / sizeof(dp[0]));
			if (d.kind == VAL_MAP)
				string_list(a, val_map_ref(d, "tags", 4));
		}
}

/* json.Unmarshal of Chart.yaml into chart.Metadata: the fields that must
 * be strings / lists / maps, with Go's type error. */
static int check_metadata_types(val meta, const char *file, struct sb *err)
{
	static const char *const strs[] = { "name", "home", "version", "description", "icon", "apiVersion",
					    "condition", "tags", "appVersion", "kubeVersion", "type" };
	if (meta.kind != VAL_MAP)
		return 0;
	for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
		val v;
		if (!val_map_get(meta, strs[i], strlen(strs[i]), &v) || v.kind == VAL_NULL || v.kind == VAL_STRING)
			continue;
		const char *what = v.kind == VAL_FLOAT ? "number" : v.kind == VAL_BOOL ? "bool" :
				   v.kind == VAL_LIST ? "array" : "object";
		sb_addf(err, "cannot load %s: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s "
			     "into Go struct field Metadata.%s of type string", file, what, strs[i]);
		return -1;
	}
	return 0;
}

/* unicode.IsSpace beyond ASCII, and the non-ASCII runes unicode.IsPrint
 * refuses that charts could plausibly hold: C1 controls, format characters
 * (Cf), private use.  Unassigned code points are not tracked. */
static bool rune_is_space(uint32_t r)
{
	return r == 0x85 || r == 0xA0 || r == 0x1680 || (r >= 0x2000 && r <= 0x200A) || r == 0x2028 ||
	       r == 0x2029 || r == 0x202F || r == 0x205F || r == 0x3000;
}

static bool rune_unprintable(uint32_t r)
{
	return (r >= 0x80 && r < 0xA0) || r == 0xAD || (r >= 0x600 && r <= 0x605) || r == 0x61C || r == 0x6DD ||
	       r == 0x70F || r == 0x180E || (r >= 0x200B && r <= 0x200F) || (r >= 0x202A && r <= 0x202E) ||
	       (r >= 0x2060 && r <= 0x2064) || (r >= 0x2066 && r <= 0x206F) || r == 0xFEFF ||
	       (r >= 0xFFF9 && r <= 0xFFFB) || (r >= 0xE000 && r <= 0xF8FF) || r >= 0xF0000;
}

/* One UTF-8 rune at p (n > 0 bytes left): its length, or 0 when invalid
 * (Go decodes that byte as U+FFFD). */
static size_t utf8_rune(const unsigned char *p, size_t n, uint32_t *r)
{
	size_t len = p[0] < 0x80 ? 1 : (p[0] & 0xE0) == 0xC0 ? 2 : (p[0] & 0xF0) == 0xE0 ? 3 :
		     (p[0] & 0xF8) == 0xF0 ? 4 : 0;
	if (len == 0 || len > n)
		return 0;
	uint32_t v = len == 1 ? p[0] : len == 2 ? p[0] & 0x1F : len == 3 ? p[0] & 0x0F : p[0] & 0x07;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (p[i] & 0x3F);
	}
	static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (v < min[len] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*r = v;
	return len;
}

/* pkg/chart/metadata.go sanitizeString: whitespace runes become ' ',
 * unprintable ones are dropped, invalid bytes become U+FFFD. */
static void sanitize(struct arena *a, val *v)
{
	if (!v || v->kind != VAL_STRING)
		return;
	const unsigned char *p = (const unsigned char *)v->u.s;
	size_t n = v->len, i = 0;
	for (; i < n && p[i] >= 0x20 && p[i] < 0x7F; i++)
		;
	if (i == n)
		return; /* printable ASCII: unchanged */
	struct sb t = SB_INIT;
	sb_add(&t, v->u.s, i);
	while (i < n) {
		uint32_t r;
		size_t l = utf8_rune(p + i, n - i, &r);
		if (l == 0) {
			sb_adds(&t, "\xef\xbf\xbd");
			i++;
			continue;
		}
		if ((r >= 9 && r <= 13) || r == ' ' || rune_is_space(r))
			sb_addc(&t, ' ');
		else if (r >= 0x20 && r != 0x7F && !rune_unprintable(r))
			sb_add(&t, v->u.s + i, l);
		i += l;
	}
	*v = val_str(a, t.buf ? t.buf : "", t.len);
	sb_release(&t);
}

static void sanitize_list(struct arena *a, val *l)
{
	if (l && l->kind == VAL_LIST)
		for (size_t i = 0; i < val_list_len(*l); i++)
			sanitize(a, &l->u.l->items[i]);
}

static bool alias_ok(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '-')
			return false;
	return true;
}

/* The tail of Metadata.Validate: maintainers and dependencies (Maintainer /
 * Dependency .Validate, then the unique name-or-alias rule). */
static int validate_lists(struct arena *a, val meta, struct sb *err)
{
	val *l = val_map_ref(meta, "maintainers", 11);
	for (size_t i = 0; l && l->kind == VAL_LIST && i < val_list_len(*l); i++) {
		val m = val_list_at(*l, i);
		if (m.kind == VAL_NULL) {
			sb_adds(err, "validation: maintainers must not contain empty or null nodes");
			return -1;
		}
		if (m.kind != VAL_MAP)
			continue;
		sanitize(a, val_map_ref(m, "name", 4));
		sanitize(a, val_map_ref(m, "email", 5));
		sanitize(a, val_map_ref(m, "url", 3));
	}
	l = val_map_ref(meta, "dependencies", 12);
	if (!l || l->kind != VAL_LIST)
		return 0;
	size_t nd = val_list_len(*l);
	for (size_t i = 0; i < nd; i++) {
		val d = val_list_at(*l, i), *f;
		if (d.kind == VAL_NULL) {
			sb_adds(err, "validation: dependencies must not contain empty or null nodes");
			return -1;
		}
		if (d.kind != VAL_MAP)
			continue;
		sanitize(a, val_map_ref(d, "name", 4));
		sanitize(a, val_map_ref(d, "version", 7));
		sanitize(a, val_map_ref(d, "repository", 10));
		sanitize(a, val_map_ref(d, "condition", 9));
		sanitize_list(a, val_map_ref(d, "tags", 4));
		f = val_map_ref(d, "alias", 5);
		if (f && f->kind == VAL_STRING && f->len && !alias_ok(f->u.s, f->len)) {
			size_t n;
			const char *nm = meta_str(d, "name", &n);
			sb_adds(err, "validation: dependency ");
			strconv_append_quote(err, nm, n);
			sb_adds(err, " has disallowed characters in the alias");
			return -1;
		}
		/* a map keyed by name-or-alias: a later duplicate of an earlier key */
		size_t kn;
		const char *k = meta_str(d, "alias", &kn);
		if (!kn)
			k = meta_str(d, "name", &kn);
		for (size_t j = 0; j < i; j++) {
			size_t pn;
			val pd = val_list_at(*l, j);
			const char *pk = meta_str(pd, "alias", &pn);
			if (!pn)
				pk = meta_str(pd, "name", &pn);
			if (pn == kn && memcmp(pk, k, kn) == 0) {
				sb_adds(err, "validation: more than one dependency with name or alias ");
				strconv_append_quote(err, k, kn);
				return -1;
			}
		}
	}
	return 0;
}

static int validate(struct arena *a, const struct chart *c, struct sb *err)
{
	static const char *const san[] = { "name", "description", "home", "icon", "condition", "tags",
					   "appVersion", "kubeVersion" };
	size_t n;
	const char *s;
	if (c->meta.kind == VAL_MAP) {
		for (size_t i = 0; i < sizeof(san) / sizeof(san[0]); i++)
			sanitize(a, val_map_ref(c->meta, san[i], strlen(san[i])));
		sanitize_list(a, val_map_ref(c->meta, "sources", 7));
		sanitize_list(a, val_map_ref(c->meta, "keywords", 8));
	}
	meta_str(c->meta, "apiVersion", &n);
	if (n == 0) {
		sb_adds(err, "validation: chart.metadata.apiVersion is required");
		return -1;
	}
	s = meta_str(c->meta, "name", &n);
	if (n == 0) {
		sb_adds(err, "validation: chart.metadata.name is required");
		return -1;
	}
	if (memchr(s, '/', n) || (n == 1 && s[0] == '.') || (n == 2 && memcmp(s, "..", 2) == 0)) {
		sb_addf(err, "validation: chart.metadata.name \"%.*s\" is invalid", (int)n, s);
		return -1;
	}
	s = meta_str(c->meta, "version", &n);
	if (n == 0) {
		sb_adds(err, "validation: chart.metadata.version is required");
		return -1;
	}
	if (!valid_semver(s, n)) {
		sb_addf(err, "validation: chart.metadata.version \"%.*s\" is invalid", (int)n, s);
		return -1;
	}
	s = meta_str(c->meta, "type", &n);
	if (n && !(n == 11 && memcmp(s, "application", 11) == 0) && !(n == 7 && memcmp(s, "library", 7) == 0)) {
		sb_adds(err, "validation: chart.metadata.type must be application or library");
		return -1;
	}
	return c->meta.kind == VAL_MAP ? validate_lists(a, c->meta, err) : 0;
}

static void add_file(struct arena *a, struct chart_file **arr, size_t *n, size_t *cap, const struct bfile *f)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		*arr = arena_grow(a, *arr, *cap * sizeof(**arr), nc * sizeof(**arr));
		*cap = nc;
	}
	(*arr)[(*n)++] = (struct chart_file){ f->name, f->data, f->len };
}

static int load_files(struct arena *a, struct bfile *files, size_t nfiles, struct chart **out, struct sb *err);

static int load_subchart(struct arena *a, struct chart *c, const char *cname, struct bfiles *sub, struct sb *err)
{
	size_t cl = strlen(cname);
	struct chart *sc = NULL;
	struct sb e = SB_INIT;
	int rc;
	if (cl > 4 && strcmp(cname + cl - 4, ".tgz") == 0) {
		struct bfiles af = { 0 };
		if (strcmp(sub->v[0].name, cname) != 0) {
			size_t nl;
			const char *name = chart_name(c, &nl);
			sb_addf(err, "error unpacking subchart tar in %.*s: expected %s, got %s", (int)nl, name, cname,
				sub->v[0].name);
			return -1;
		}
		rc = archive_files(a, sub->v[0].data, sub->v[0].len, &af, &e);
		if (rc == 0)
			rc = load_files(a, af.v, af.n, &sc, &e);
	} else {
		struct bfiles buf = { 0 };
		for (size_t i = 0; i < sub->n; i++) {
			const char *slash = strchr(sub->v[i].name, '/');
			if (!slash)
				continue;
			struct bfile f = sub->v[i];
			f.name = (char *)slash + 1;
			if (buf.n == buf.cap) {
				size_t nc = buf.cap ? buf.cap * 2 : 16;
				buf.v = arena_grow(a, buf.v, buf.cap * sizeof(*buf.v), nc * sizeof(*buf.v));
				buf.cap = nc;
			}
			buf.v[buf.n++] = f;
		}
		rc = load_files(a, buf.v, buf.n, &sc, &e);
	}
	if (rc < 0) {
		size_t nl;
		const char *name = chart_name(c, &nl);
		sb_addf(err, "error unpacking subchart %s in %.*s: %s", cname, (int)nl, name, e.buf);
		sb_release(&e);
		return -1;
	}
	sb_release(&e);
	sc->parent = c;
	if (c->ndeps == c->capdeps) {
		size_t nc = c->capdeps ? c->capdeps * 2 : 8;
		c->deps = arena_grow(a, c->deps, c->capdeps * sizeof(*c->deps), nc * sizeof(*c->deps));
		c->capdeps = nc;
	}
	c->deps[c->ndeps++] = sc;
	return 0;
}

static int load_files(struct arena *a, struct bfile *files, size_t nfiles, struct chart **out, struct sb *err)
{
	struct chart *c = arena_zalloc(a, sizeof(*c));
	*out = c;
	c->meta = val_null();
	c->values = val_map_new(a, 0);
	bool have_meta = false;
	struct sb e = SB_INIT;
	for (size_t i = 0; i < nfiles; i++) {
		if (strcmp(files[i].name, "Chart.yaml") != 0)
			continue;
		if (val_from_yaml(a, files[i].data, files[i].len, VAL_YAML_MAP, &c->meta, &e) < 0) {
			sb_addf(err, "cannot load Chart.yaml: %s", e.buf);
			sb_release(&e);
			return -1;
		}
		coerce_metadata(a, c->meta);
		if (check_metadata_types(c->meta, "Chart.yaml", err) < 0)
			return -1;
		have_meta = true;
		size_t n;
		meta_str(c->meta, "apiVersion", &n);
		if (n == 0)
			val_map_set(a, c->meta, "apiVersion", 10, val_str_ref("v1", 2));
	}
	/* subcharts grouped by their first path element, in first-seen order */
	const char **snames = NULL;
	struct bfiles *sfiles = NULL;
	size_t nsub = 0, capsub = 0;
	size_t cap_t = 0, cap_f = 0;
	for (size_t i = 0; i < nfiles; i++) {
		const char *name = files[i].name;
		if (strcmp(name, "Chart.yaml") == 0)
			continue;
		if (strcmp(name, "values.yaml") == 0) {
			if (val_from_yaml(a, files[i].data, files[i].len, VAL_YAML_MAP, &c->values, &e) < 0) {
				sb_addf(err, "cannot load values.yaml: %s", e.buf);
				sb_release(&e);
				return -1;
			}
		} else if (strcmp(name, "values.schema.json") == 0) {
			c->schema = files[i].data;
			c->schema_len = files[i].len;
		} else if (strcmp(name, "Chart.lock") == 0 || strcmp(name, "requirements.lock") == 0) {
			/* the lock is not needed to render; requirements.lock of a v1
			 * chart is also one of its files */
			size_t n;
			const char *api = meta_str(c->meta, "apiVersion", &n);
			if (name[0] == 'r' && n == 2 && memcmp(api, "v1", 2) == 0)
				add_file(a, &c->files, &c->nfiles, &cap_f, &files[i]);
		} else if (strcmp(name, "requirements.yaml") == 0) {
			val req;
			if (val_from_yaml(a, files[i].data, files[i].len, VAL_YAML_MAP, &req, &e) < 0) {
				sb_addf(err, "cannot load requirements.yaml: %s", e.buf);
				sb_release(&e);
				return -1;
			}
			if (!have_meta) {
				c->meta = val_map_new(a, 0);
				have_meta = true;
			}
			coerce_metadata(a, req);
			val deps;
			if (val_map_get(req, "dependencies", 12, &deps))
				val_map_set(a, c->meta, "dependencies", 12, deps);
			size_t n;
			const char *api = meta_str(c->meta, "apiVersion", &n);
			if (n == 2 && memcmp(api, "v1", 2) == 0)
				add_file(a, &c->files, &c->nfiles, &cap_f, &files[i]);
		} else if (strncmp(name, "templates/", 10) == 0) {
			add_file(a, &c->templates, &c->ntemplates, &cap_t, &files[i]);
		} else if (strncmp(name, "charts/", 7) == 0) {
			size_t nl = strlen(name);
			if (nl > 5 && strcmp(name + nl - 5, ".prov") == 0) {
				add_file(a, &c->files, &c->nfiles, &cap_f, &files[i]);
				continue;
			}
			const char *fname = name + 7;
			const char *slash = strchr(fname, '/');
			size_t cl = slash ? (size_t)(slash - fname) : strlen(fname);
			size_t k = 0;
			for (; k < nsub; k++)
				if (strlen(snames[k]) == cl && memcmp(snames[k], fname, cl) == 0)
					break;
			if (k == nsub) {
				if (nsub == capsub) {
					capsub = capsub ? capsub * 2 : 8;
					snames = xrealloc(snames, capsub * sizeof(*snames));
					sfiles = xrealloc(sfiles, capsub * sizeof(*sfiles));
				}
				snames[nsub] = arena_memdup(a, fname, cl);
				sfiles[nsub] = (struct bfiles){ 0 };
				nsub++;
			}
			struct bfile f = files[i];
			f.name = (char *)fname;
			struct bfiles *sf = &sfiles[k];
			if (sf->n == sf->cap) {
				size_t nc = sf->cap ? sf->cap * 2 : 16;
				sf->v = arena_grow(a, sf->v, sf->cap * sizeof(*sf->v), nc * sizeof(*sf->v));
				sf->cap = nc;
			}
			sf->v[sf->n++] = f;
		} else {
			add_file(a, &c->files, &c->nfiles, &cap_f, &files[i]);
		}
	}
	sb_release(&e);
	int rc = 0;
	if (!have_meta) {
		sb_adds(err, "Chart.yaml file is missing");
		rc = -1;
	} else if (validate(a, c, err) < 0) {
		rc = -1;
	}
	for (size_t k = 0; rc == 0 && k < nsub; k++) {
		if (snames[k][0] == '_' || snames[k][0] == '.')
			continue;
		rc = load_subchart(a, c, snames[k], &sfiles[k], err);
	}
	free(snames);
	free(sfiles);
	return rc;
}

int chart_load(struct arena *a, const char *path, struct chart **out, struct sb *err)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		sb_addf(err, "stat %s: %s", path, strerror(errno));
		return -1;
	}
	struct bfiles fs = { 0 };
	if (S_ISDIR(st.st_mode)) {
		struct rules rs = { 0 };
		struct sb ign = SB_INIT;
		sb_addf(&ign, "%s/.helmignore", path);
		if (access(ign.buf, F_OK) == 0) {
			size_t len;
			char *data = read_file(a, ign.buf, 0, &len, err);
			if (!data) {
				sb_release(&ign);
				return -1;
			}
			size_t start = 0;
			if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
				start = 3;
			int rc = 0;
			for (size_t i = start; i <= len && rc == 0; i++) {
				if (i == len || data[i] == '\n') {
					size_t e = i;
					if (e > start && data[e - 1] == '\r')
						e--;
					rc = add_rule(a, &rs, data + start, e - start, err);
					start = i + 1;
				}
			}
			if (rc < 0) {
				sb_release(&ign);
				return -1;
			}
		}
		sb_release(&ign);
		add_rule(a, &rs, "templates/.?*", 13, err);
		if (walk(a, path, "", &rs, &fs, err) < 0)
			return -1;
		return load_files(a, fs.v, fs.n, out, err);
	}
	size_t len;
	const char *copy = read_file(a, path, (size_t)st.st_size, &len, err);
	if (!copy)
		return -1;
	if (len < 3 || memcmp(copy, "\x1f\x8b\x08", 3) != 0) {
		size_t pl = strlen(path);
		if ((pl > 4 && strcmp(path + pl - 4, ".yml") == 0) || (pl > 5 && strcmp(path + pl - 5, ".yaml") == 0))
			sb_addf(err, "file '%s' seems to be a YAML file, but expected a gzipped archive", path);
		else
			sb_addf(err, "file '%s' does not appear to be a gzipped archive; got '%s'", path,
				"application/octet-stream");
		return -1;
	}
	if (archive_files(a, copy, len, &fs, err) < 0)
		return -1;
	return load_files(a, fs.v, fs.n, out, err);
}
