/* defaults.c — Sprig v3.3.0's defaults.go: default empty coalesce all any
 * ternary and the encoding/json functions (fromJson toJson toPrettyJson
 * toRawJson and must* twins).  Helm installs its own toJson and fromJson
 * over Sprig's (src/funcs/helm.c, added later); Sprig's stay here so the
 * table is complete.  "Empty" is Sprig's reflection zero-ness (fn_empty). */
#include "chart/engine.h"
#include "funcs/fn_reflect.h"
#include "funcs/funcs.h"
#include "value/codec.h"

/* default(d, given...): given[0] unless it is missing or empty */
static int f_default(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = n < 2 || fn_empty(x, a[1]) ? a[0] : a[1];
	return 0;
}

static int f_empty(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = val_bool(fn_empty(x, a[0]));
	return 0;
}

static int f_coalesce(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = val_null();
	for (size_t i = 0; i < n; i++) {
		if (!fn_empty(x, a[i])) {
			*out = a[i];
			break;
		}
	}
	return 0;
}

static int f_all(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	bool all = true;
	for (size_t i = 0; i < n && all; i++)
		all = !fn_empty(x, a[i]);
	*out = val_bool(all);
	return 0;
}

static int f_any(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	bool any = false;
	for (size_t i = 0; i < n && !any; i++)
		any = !fn_empty(x, a[i]);
	*out = val_bool(any);
	return 0;
}

static int f_ternary(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = a[2].u.b ? a[0] : a[1];
	return 0;
}

/* json.Unmarshal into interface{}: -1 with err set on a syntax error */
static int from_json(struct tmpl_exec *x, val s, val *out, struct sb *err)
{
	return val_from_json(x->a, s.u.s, s.len, out, err);
}

/* fromJson ignores the error: the output stays nil */
static int f_from_json(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb err = SB_INIT;
	if (from_json(x, a[0], out, &err) < 0)
		*out = val_null();
	sb_release(&err);
	return 0;
}

static int f_must_from_json(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	struct sb err = SB_INIT;
	int rc = 0;
	if (from_json(x, a[0], out, &err) < 0)
		rc = tmpl_fail(x, "%.*s", (int)err.len, err.buf);
	sb_release(&err);
	return rc;
}

enum json_style {
	JS_COMPACT,  /* json.Marshal */
	JS_PRETTY,   /* json.MarshalIndent(v, "", "  ") */
	JS_RAW,      /* an Encoder with SetEscapeHTML(false), newline trimmed */
};

/* Encode a[0]; on failure either "" (toJson, toPrettyJson: the error is
 * dropped) or the error itself (must*, and toRawJson which panics). */
static int to_json(struct tmpl_exec *x, val v, enum json_style style, bool fail, val *out)
{
	struct sb s = SB_INIT, err = SB_INIT;
	int rc = 0;
	int flags = style == JS_RAW ? 0 : VAL_JSON_ESCAPE_HTML;
	const char *indent = style == JS_PRETTY ? "  " : NULL;
	if (val_to_json(x->a, fn_json_view(x->a, v), flags, indent ? "" : NULL, indent, &s, &err) == 0)
		*out = val_str(x->a, s.buf, s.len);
	else if (fail)
		rc = tmpl_fail(x, "%.*s", (int)err.len, err.buf);
	else
		*out = val_str_ref("", 0);
	sb_release(&s);
	sb_release(&err);
	return rc;
}

static int f_to_json(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return to_json(x, a[0], JS_COMPACT, false, out);
}

static int f_must_to_json(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return to_json(x, a[0], JS_COMPACT, true, out);
}

static int f_to_pretty_json(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return to_json(x, a[0], JS_PRETTY, false, out);
}

static int f_must_to_pretty_json(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return to_json(x, a[0], JS_PRETTY, true, out);
}

static int f_to_raw_json(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	return to_json(x, a[0], JS_RAW, true, out);
}

const struct tmpl_func fn_defaults_table[] = {
	{ "default", f_default, 2, true, { TP_ANY, TP_ANY } },
	{ "empty", f_empty, 1, false, { TP_ANY } },
	{ "coalesce", f_coalesce, 1, true, { TP_ANY } },
	{ "all", f_all, 1, true, { TP_ANY } },
	{ "any", f_any, 1, true, { TP_ANY } },
	{ "fromJson", f_from_json, 1, false, { TP_STRING } },
	{ "toJson", f_to_json, 1, false, { TP_ANY } },
	{ "toPrettyJson", f_to_pretty_json, 1, false, { TP_ANY } },
	{ "toRawJson", f_to_raw_json, 1, false, { TP_ANY } },
	{ "mustFromJson", f_must_from_json, 1, false, { TP_STRING } },
	{ "mustToJson", f_must_to_json, 1, false, { TP_ANY } },
	{ "mustToPrettyJson", f_must_to_pretty_json, 1, false, { TP_ANY } },
	{ "mustToRawJson", f_to_raw_json, 1, false, { TP_ANY } },
	{ "ternary", f_ternary, 3, false, { TP_ANY, TP_ANY, TP_BOOL } },
};
const size_t fn_defaults_count = sizeof(fn_defaults_table) / sizeof(fn_defaults_table[0]);
