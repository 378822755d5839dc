/* print.c — kubectl get's printers over our value model (see print.h).
 * Tables follow cli-runtime's tableprinter.go printTable/decorateTable and
 * go through Go's tabwriter with kubectl's settings (tabwriter.go:
 * minwidth 6, tabwidth 4, padding 3, ' '); json/yaml follow its JSONPrinter
 * (MarshalIndent with four spaces) and YAMLPrinter (sigs.k8s.io/yaml). */
#include "kube/print.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "kube/columns.h"
#include "kube/jsonpath.h"
#include "kube/tabwriter.h"
#include "value/codec.h"

int kube_printer_parse(const char *o, struct kube_printer *p, struct sb *err)
{
	static const struct {
		const char *name;
		enum kube_format f;
		bool arg;
	} formats[] = {
		{ "", KUBE_OUT_TABLE, false },      { "wide", KUBE_OUT_WIDE, false },
		{ "json", KUBE_OUT_JSON, false },   { "yaml", KUBE_OUT_YAML, false },
		{ "name", KUBE_OUT_NAME, false },   { "jsonpath", KUBE_OUT_JSONPATH, true },
		{ "jsonpath-as-json", KUBE_OUT_JSONPATH_JSON, true }, { "jsonpath-file", KUBE_OUT_JSONPATH, true },
		{ "custom-columns", KUBE_OUT_COLUMNS, true }, { "custom-columns-file", KUBE_OUT_COLUMNS, true },
	};
	const char *eq;
	size_t n, i;

	if (!o)
		o = "";
	eq = strchr(o, '=');
	n = eq ? (size_t)(eq - o) : strlen(o);
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		if (strlen(formats[i].name) != n || strncmp(formats[i].name, o, n))
			continue;
		if (formats[i].arg != !!eq)
			break;
		p->format = formats[i].f;
		p->arg = eq ? eq + 1 : NULL;
		p->from_file = strstr(formats[i].name, "-file") != NULL;
		if (p->arg && !*p->arg) {
			/* kubectl: "template format specified but no template given" */
			sb_adds(err, formats[i].f == KUBE_OUT_COLUMNS
					     ? "error: custom-columns format specified but no custom columns given"
					     : "error: template format specified but no template given");
			return -1;
		}
		return 0;
	}
	/* kubectl's wording, listing the formats cozypkg has */
	sb_addf(err, "error: unable to match a printer suitable for the output format \"%s\", allowed formats "
		     "are: custom-columns,custom-columns-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,wide,"
		     "yaml", o);
	return -1;
}

static val map_get(val m, const char *k)
{
	val v = val_null();

	if (m.kind == VAL_MAP)
		val_map_get(m, k, strlen(k), &v);
	return v;
}

/* tableprinter.go: strings cut at the first \f \n \r (then "..."), other
 * values through fmt.Sprint; WriteEscaped turns ESC into "^[" and \r into
 * "\r" literally. */
static void cell_text(struct arena *a, val cell, struct sb *out)
{
	struct sb tmp = SB_INIT;
	const char *s;
	size_t n, i;
	bool cut = false;

	if (cell.kind == VAL_NULL)
		return;
	if (cell.kind == VAL_STRING) {
		s = cell.u.s;
		n = cell.len;
		for (i = 0; i < n; i++)
			if (s[i] == '\f' || s[i] == '\n' || s[i] == '\r') {
				n = i;
				cut = true;
				break;
			}
	} else {
		val_fmt_v(a, &tmp, cell);
		s = tmp.buf ? tmp.buf : "";
		n = tmp.len;
	}
	for (i = 0; i < n; i++) {
		if (s[i] == '\x1b')
			sb_adds(out, "^[");
		else if (s[i] == '\r')
			sb_adds(out, "\\r");
		else
			sb_addc(out, s[i]);
	}
	if (cut)
		sb_adds(out, "...");
	sb_release(&tmp);
}

size_t kube_print_tables(struct arena *a, const val *tables, size_t n, bool wide, bool with_namespace,
			 struct sb *out)
{
	val cols = val_null();
	size_t rows = 0, t, i, j, ncols;
	struct sb text = SB_INIT;
	struct tabw tw;

	for (t = 0; t < n; t++) {
		val c = map_get(tables[t], "columnDefinitions"), r = map_get(tables[t], "rows");

		if (cols.kind != VAL_LIST && c.kind == VAL_LIST && val_list_len(c))
			cols = c;
		if (r.kind == VAL_LIST)
			rows += val_list_len(r);
	}
	if (!rows || cols.kind != VAL_LIST)
		return 0;
	ncols = val_list_len(cols);

	/* header: upper-cased names of the columns shown */
	if (with_namespace)
		sb_adds(&text, "NAMESPACE");
	for (i = 0, j = with_namespace; i < ncols; i++) {
		val col = val_list_at(cols, i), prio = map_get(col, "priority"), name = map_get(col, "name");
		size_t k;

		if (!wide && prio.kind != VAL_NULL && !(prio.kind == VAL_FLOAT && prio.u.f == 0) &&
		    !(prio.kind == VAL_INT && prio.u.i == 0))
			continue;
		if (j++)
			sb_addc(&text, '\t');
		for (k = 0; name.kind == VAL_STRING && k < name.len; k++) {
			char ch = name.u.s[k];
			sb_addc(&text, (char)(ch >= 'a' && ch <= 'z' ? ch - 32 : ch));
		}
	}
	sb_addc(&text, '\n');

	for (t = 0; t < n; t++) {
		val r = map_get(tables[t], "rows");

		for (i = 0; r.kind == VAL_LIST && i < val_list_len(r); i++) {
			val row = val_list_at(r, i), cells = map_get(row, "cells");
			size_t shown = 0;

			if (with_namespace) {
				val ns = map_get(map_get(map_get(row, "object"), "metadata"), "namespace");
				cell_text(a, ns, &text);
				shown++;
			}
			for (j = 0; cells.kind == VAL_LIST && j < val_list_len(cells) && j < ncols; j++) {
				val prio = map_get(val_list_at(cols, j), "priority");

				if (!wide && prio.kind != VAL_NULL && !(prio.kind == VAL_FLOAT && prio.u.f == 0) &&
				    !(prio.kind == VAL_INT && prio.u.i == 0))
					continue;
				if (shown++)
					sb_addc(&text, '\t');
				cell_text(a, val_list_at(cells, j), &text);
			}
			sb_addc(&text, '\n');
		}
	}
	tabw_init_kubectl(&tw, out);
	tabw_write(&tw, text.buf, text.len);
	tabw_flush(&tw);
	tabw_free(&tw);
	sb_release(&text);
	return rows;
}

/* kubectl prints objects without metadata.managedFields unless asked. */
static val drop_managed_fields(struct arena *a, val obj)
{
	val meta = map_get(obj, "metadata");

	if (meta.kind == VAL_MAP && val_map_ref(meta, "managedFields", 13)) {
		obj = val_copy_deep(a, obj);
		val_map_del(map_get(obj, "metadata"), "managedFields", 13);
	}
	return obj;
}

/* The text of a -file format's file; -1 with kubectl's error. */
static int read_arg(struct arena *a, const struct kube_printer *p, const char **text, size_t *n, struct sb *err)
{
	FILE *f;
	struct sb buf = SB_INIT;
	char chunk[4096];
	size_t got;

	if (!p->from_file) {
		*text = p->arg;
		*n = strlen(p->arg);
		return 0;
	}
	f = fopen(p->arg, "rb");
	if (!f) {
		sb_addf(err, "error: error reading template %s, %s", p->arg, strerror(errno));
		return -1;
	}
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		sb_add(&buf, chunk, got);
	fclose(f);
	*n = buf.len;
	*text = arena_memdup(a, buf.buf ? buf.buf : "", buf.len);
	sb_release(&buf);
	return 0;
}

/* kubectl prints these errors as "error: <text>" */
static int prefixed(struct sb *err)
{
	if (err->len && strncmp(err->buf, "error: ", 7)) {
		struct sb e = SB_INIT;

		sb_adds(&e, "error: ");
		sb_add(&e, err->buf, err->len);
		sb_reset(err);
		sb_add(err, e.buf, e.len);
		sb_release(&e);
	}
	return -1;
}

int kube_print_objects(struct arena *a, const struct kube_printer *p, const val *items, size_t n, bool single,
		       const char *kind_group, struct sb *out, struct sb *err)
{
	val *clean = arena_alloc(a, (n ? n : 1) * sizeof(val));
	val obj, list = val_list_new(a, n);
	const char *text;
	size_t i, tn;

	for (i = 0; i < n; i++) {
		clean[i] = drop_managed_fields(a, items[i]);
		val_list_push(a, list, clean[i]);
	}
	obj = single && n == 1 ? clean[0] : jsonpath_kubectl_list(a, list, "");

	switch (p->format) {
	case KUBE_OUT_NAME:
		for (i = 0; i < n; i++) {
			val name = map_get(map_get(clean[i], "metadata"), "name");

			sb_addf(out, "%s/", kind_group);
			if (name.kind == VAL_STRING)
				sb_add(out, name.u.s, name.len);
			sb_addc(out, '\n');
		}
		return 0;
	case KUBE_OUT_JSON:
		if (val_to_json(a, obj, VAL_JSON_ESCAPE_HTML, "", "    ", out, err) < 0)
			return -1;
		sb_addc(out, '\n');
		return 0;
	case KUBE_OUT_YAML:
		return val_to_yaml(a, obj, out, err);
	case KUBE_OUT_JSONPATH:
	case KUBE_OUT_JSONPATH_JSON: {
		struct jsonpath *jp;

		if (read_arg(a, p, &text, &tn, err) < 0)
			return -1;
		/* --allow-missing-template-keys defaults to true in kubectl get */
		jp = jsonpath_printer_new(a, text, tn, true, p->format == KUBE_OUT_JSONPATH_JSON, err);
		if (!jp || jsonpath_printer_print(jp, obj, out, err) < 0)
			return prefixed(err);
		return 0;
	}
	case KUBE_OUT_COLUMNS: {
		struct columns c;

		if (read_arg(a, p, &text, &tn, err) < 0)
			return -1;
		if ((p->from_file ? columns_from_template(&c, a, text, tn, err)
				  : columns_from_spec(&c, a, text, tn, false, err)) < 0)
			return prefixed(err);
		if (columns_print(&c, obj, !(single && n == 1), out, err) < 0)
			return prefixed(err);
		return 0;
	}
	default:
		sb_adds(err, "error: internal: table format on objects");
		return -1;
	}
}
