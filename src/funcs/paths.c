/* paths.c — Sprig's base dir clean ext isAbs (Go's path package) and their
 * os* twins (path/filepath, which on Linux behaves the same: '/' is the only
 * separator and there are no volume names). */
#include "funcs/funcs.h"

#include <string.h>

#include "base/pathclean.h"

/* path.Clean (src/base/pathclean.c) as a string value */
static val clean(struct tmpl_exec *x, const char *p, size_t n)
{
	size_t len;
	const char *c = go_path_clean(x->a, p, n, &len);

	return val_str_ref(c, len);
}

static int f_base(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	const char *p = a[0].u.s;
	size_t len = a[0].len;
	if (len == 0) {
		*out = val_str_ref(".", 1);
		return 0;
	}
	while (len > 0 && p[len - 1] == '/')
		len--;
	const char *sl = len ? memrchr(p, '/', len) : NULL;
	if (sl) {
		size_t i = (size_t)(sl - p) + 1;
		p += i;
		len -= i;
	}
	*out = len ? val_str_ref(p, len) : val_str_ref("/", 1);
	return 0;
}

static int f_dir(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	const char *p = a[0].u.s;
	const char *sl = a[0].len ? memrchr(p, '/', a[0].len) : NULL;
	size_t dn = sl ? (size_t)(sl - p) + 1 : 0;
	*out = clean(x, p, dn);
	return 0;
}

static int f_clean(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = clean(x, a[0].u.s, a[0].len);
	return 0;
}

static int f_ext(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	const char *p = a[0].u.s;
	for (size_t i = a[0].len; i-- > 0 && p[i] != '/';) {
		if (p[i] == '.') {
			*out = val_str_ref(p + i, a[0].len - i);
			return 0;
		}
	}
	*out = val_str_ref("", 0);
	return 0;
}

static int f_is_abs(struct tmpl_exec *x, val *a, size_t n, val *out)
{
	*out = val_bool(a[0].len > 0 && a[0].u.s[0] == '/');
	return 0;
}

const struct tmpl_func fn_paths_table[] = {
	{ "base", f_base, 1, false, { TP_STRING } },
	{ "dir", f_dir, 1, false, { TP_STRING } },
	{ "clean", f_clean, 1, false, { TP_STRING } },
	{ "ext", f_ext, 1, false, { TP_STRING } },
	{ "isAbs", f_is_abs, 1, false, { TP_STRING } },
	{ "osBase", f_base, 1, false, { TP_STRING } },
	{ "osClean", f_clean, 1, false, { TP_STRING } },
	{ "osDir", f_dir, 1, false, { TP_STRING } },
	{ "osExt", f_ext, 1, false, { TP_STRING } },
	{ "osIsAbs", f_is_abs, 1, false, { TP_STRING } },
};
const size_t fn_paths_count = sizeof(fn_paths_table) / sizeof(fn_paths_table[0]);
