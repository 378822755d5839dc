/* columns.c — kubectl's custom-columns printer (k8s.io/kubectl v0.35.4
 * pkg/cmd/get/customcolumn.go).  Each PrintObj parses the column templates
 * afresh and reuses them for every row, as Go does (range state carries
 * from row to row there too). */
#include "kube/columns.h"

#include <string.h>

#include "base/utf8.h"
#include "kube/jsonpath.h"
#include "kube/tabwriter.h"

#define RELAXED_ERR "unexpected path string, expected a 'name1.name2' or '.name1.name2' or " \
		    "'{name1.name2}' or '{.name1.name2}'"

int columns_relaxed_jsonpath(struct arena *a, const char *expr, size_t n, const char **out,
			     size_t *outn, struct sb *err)
{
	if (n == 0) {
		*out = expr;
		*outn = 0;
		return 0;
	}
	/* ^\{\.?([^{}]+)\}$ first, then ^\.?([^{}]+)$ */
	const char *s = expr;
	size_t sn = n;
	if (n >= 3 && expr[0] == '{' && expr[n - 1] == '}') {
		s = expr + 1;
		sn = n - 2;
	}
	bool braces = memchr(s, '{', sn) || memchr(s, '}', sn);
	if (braces) {
		sb_adds(err, RELAXED_ERR);
		return -1;
	}
	if (sn >= 2 && s[0] == '.') {
		s++;
		sn--;
	}
	char *r = arena_alloc(a, sn + 4);
	memcpy(r, "{.", 2);
	memcpy(r + 2, s, sn);
	r[sn + 2] = '}';
	r[sn + 3] = '\0';
	*out = r;
	*outn = sn + 3;
	return 0;
}

static void add_col(struct columns *c, size_t *cap, const char *h, size_t hn, const char *s, size_t sn)
{
	if (c->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		struct columns_col *nc = arena_alloc(c->a, ncap * sizeof(*nc));
		if (c->n)
			memcpy(nc, c->cols, c->n * sizeof(*nc));
		c->cols = nc;
		*cap = ncap;
	}
	c->cols[c->n++] = (struct columns_col){ h, hn, s, sn };
}

int columns_from_spec(struct columns *c, struct arena *a, const char *spec, size_t n, bool no_headers,
		      struct sb *err)
{
	*c = (struct columns){ .a = a, .no_headers = no_headers };
	if (n == 0) {
		sb_adds(err, "custom-columns format specified but no custom columns given");
		return -1;
	}
	size_t cap = 0, b = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && spec[i] != ',')
			continue;
		const char *part = spec + b;
		size_t pn = i - b;
		b = i + 1;
		const char *colon = memchr(part, ':', pn);
		if (!colon) {
			sb_adds(err, "unexpected custom-columns spec: ");
			sb_add(err, part, pn);
			sb_adds(err, ", expected <header>:<json-path-expr>");
			return -1;
		}
		size_t hn = (size_t)(colon - part);
		const char *js;
		size_t jn;
		if (columns_relaxed_jsonpath(a, colon + 1, pn - hn - 1, &js, &jn, err) < 0)
			return -1;
		add_col(c, &cap, part, hn, js, jn);
	}
	return 0;
}

/* bufio.ScanWords' isSpace. */
static bool scan_space(int32_t r)
{
	if (r <= 0xFF)
		return r == ' ' || (r >= '\t' && r <= '\r') || r == 0x85 || r == 0xA0;
	if (r >= 0x2000 && r <= 0x200a)
		return true;
	return r == 0x1680 || r == 0x2028 || r == 0x2029 || r == 0x202f || r == 0x205f || r == 0x3000;
}

struct word {
	const char *p;
	size_t n;
};

/* Split a line into words (bufio.ScanWords); returns the count. */
static size_t words(struct arena *a, const char *p, size_t n, struct word **out)
{
	size_t cap = 8, cnt = 0;
	struct word *w = arena_alloc(a, cap * sizeof(*w));
	size_t i = 0;
	for (;;) {
		size_t width = 1;
		while (i < n) {
			int32_t r = (unsigned char)p[i] < 0x80 ? p[i] : utf8_decode(p + i, n - i, &width);
			if (!scan_space(r))
				break;
			i += (unsigned char)p[i] < 0x80 ? 1 : width;
		}
		if (i >= n)
			break;
		size_t b = i;
		while (i < n) {
			int32_t r = (unsigned char)p[i] < 0x80 ? p[i] : utf8_decode(p + i, n - i, &width);
			if (scan_space(r))
				break;
			i += (unsigned char)p[i] < 0x80 ? 1 : width;
		}
		if (cnt == cap) {
			struct word *nw = arena_alloc(a, cap * 2 * sizeof(*nw));
			memcpy(nw, w, cap * sizeof(*nw));
			w = nw;
			cap *= 2;
		}
		w[cnt++] = (struct word){ p + b, i - b };
	}
	*out = w;
	return cnt;
}

/* bufio.ScanLines: the next line without "\n" or "\r\n"; false at the end. */
static bool scan_line(const char *text, size_t n, size_t *pos, const char **line, size_t *ln)
{
	if (*pos >= n)
		return false;
	const char *p = text + *pos;
	const char *nl = memchr(p, '\n', n - *pos);
	size_t len = nl ? (size_t)(nl - p) : n - *pos;
	*pos += nl ? len + 1 : len;
	if (len && p[len - 1] == '\r')
		len--;
	*line = p;
	*ln = len;
	return true;
}

#define TEMPLATE_HINT "Expected format is one line of space separated headers, one line of space separated column specs."

int columns_from_template(struct columns *c, struct arena *a, const char *text, size_t n,
			  struct sb *err)
{
	*c = (struct columns){ .a = a };
	size_t pos = 0, hl, sl;
	const char *hline, *sline;
	if (!scan_line(text, n, &pos, &hline, &hl)) {
		sb_adds(err, "invalid template, missing header line. " TEMPLATE_HINT);
		return -1;
	}
	struct word *hw, *sw;
	size_t nh = words(a, hline, hl, &hw);
	if (!scan_line(text, n, &pos, &sline, &sl)) {
		sb_adds(err, "invalid template, missing spec line. " TEMPLATE_HINT);
		return -1;
	}
	size_t ns = words(a, sline, sl, &sw);
	if (nh != ns) {
		sb_addf(err, "number of headers (%zu) and field specifications (%zu) don't match", nh, ns);
		return -1;
	}
	size_t cap = 0;
	for (size_t i = 0; i < nh; i++) {
		const char *js;
		size_t jn;
		if (columns_relaxed_jsonpath(a, sw[i].p, sw[i].n, &js, &jn, err) < 0)
			return -1;
		add_col(c, &cap, hw[i].p, hw[i].n, js, jn);
	}
	return 0;
}

/* printers.EscapeTerminal: ESC as "^[", CR as "\r". */
static void escape_terminal(struct sb *out, const char *s, size_t n)
{
	size_t b = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\x1b' && s[i] != '\r')
			continue;
		sb_add(out, s + b, i - b);
		sb_adds(out, s[i] == '\x1b' ? "^[" : "\\r");
		b = i + 1;
	}
	sb_add(out, s + b, n - b);
}

/* One row; written to the tabwriter only when complete, as Go does. */
static int print_row(struct columns *c, struct jsonpath **parsers, val obj, struct tabw *tw,
		     struct sb *line, struct sb *cell, struct sb *err)
{
	sb_reset(line);
	for (size_t ix = 0; ix < c->n; ix++) {
		val groups;
		if (jsonpath_find(parsers[ix], obj, &groups, err) < 0)
			return -1;
		if (ix)
			sb_addc(line, '\t');
		bool first = true;
		if (val_list_len(groups) == 0 || val_list_len(val_list_at(groups, 0)) == 0) {
			sb_adds(line, "<none>");
			first = false;
		}
		for (size_t g = 0; g < val_list_len(groups); g++) {
			val grp = val_list_at(groups, g);
			for (size_t k = 0; k < val_list_len(grp); k++) {
				if (!first)
					sb_addc(line, ',');
				first = false;
				sb_reset(cell);
				jsonpath_sprint(c->a, cell, val_list_at(grp, k));
				escape_terminal(line, cell->buf, cell->len);
			}
		}
	}
	sb_addc(line, '\n');
	tabw_write(tw, line->buf, line->len);
	return 0;
}

static int print_obj(struct columns *c, val obj, bool is_list, struct tabw *tw, struct sb *err)
{
	int type = is_list ? 2 : 1;
	if (!c->no_headers && type != c->last_type) {
		for (size_t ix = 0; ix < c->n; ix++) {
			if (ix)
				tabw_write(tw, "\t", 1);
			tabw_write(tw, c->cols[ix].header, c->cols[ix].hn);
		}
		tabw_write(tw, "\n", 1);
		c->last_type = type;
	}
	struct jsonpath **parsers = arena_alloc(c->a, (c->n + 1) * sizeof(*parsers));
	for (size_t ix = 0; ix < c->n; ix++) {
		parsers[ix] = jsonpath_parse(c->a, "column", c->cols[ix].spec, c->cols[ix].sn, err);
		if (!parsers[ix])
			return -1;
		jsonpath_allow_missing_keys(parsers[ix], true);
	}

	val items = val_null();
	bool list = false;
	if (obj.kind == VAL_MAP && val_map_get(obj, "items", 5, &items) && items.kind == VAL_LIST)
		list = true; /* meta.IsListType: Unstructured.IsList */
	if (list && !is_list) {
		/* meta.ExtractList finds no Items field in *unstructured.Unstructured */
		sb_adds(err, "*unstructured.Unstructured is not a list: no Items field in this object");
		return -1;
	}
	struct sb line = SB_INIT, cell = SB_INIT;
	int rc = 0;
	if (is_list) {
		for (size_t i = 0; list && rc == 0 && i < val_list_len(items); i++)
			rc = print_row(c, parsers, val_list_at(items, i), tw, &line, &cell, err);
	} else {
		rc = print_row(c, parsers, obj, tw, &line, &cell, err);
	}
	sb_release(&line);
	sb_release(&cell);
	return rc;
}

int columns_print(struct columns *c, val obj, bool is_list, struct sb *out, struct sb *err)
{
	struct tabw tw;
	tabw_init_kubectl(&tw, out);
	int rc = print_obj(c, obj, is_list, &tw, err);
	tabw_flush(&tw);
	tabw_free(&tw);
	return rc;
}
